/* model-info.c: MpModelInfo saved with a model, returned on load, and
 * mp_model_verify re-running its cross-validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <xxhash.h>
#include <modelpersist.h>

#define SOURCE_TEXT "import modelpersist\n# trains an SVC on iris\nprint(\"caf\xc3\xa9\")\n"

typedef struct {
  MpArray *x;
  MpArray *y;
} Iris;

static void
iris_load (Iris *iris)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) ds = mp_load_iris (&error);

  g_assert_no_error (error);
  iris->x = mp_array_ref (mp_dataset_get_data (ds));
  iris->y = mp_array_ref (mp_dataset_get_target (ds));
}

static void
iris_clear (Iris *iris)
{
  g_clear_pointer (&iris->x, mp_array_unref);
  g_clear_pointer (&iris->y, mp_array_unref);
}

/* A copy of @array with element @index of a float64 array increased. */
static MpArray *
perturbed (MpArray *array,
           gsize    index)
{
  gsize n_bytes = 0;
  const gdouble *data = mp_array_get_data (array, &n_bytes);
  guint n_dims = 0;
  const gsize *shape = mp_array_get_shape (array, &n_dims);
  gdouble *copy = g_memdup2 (data, n_bytes);

  copy[index] += 0.5;
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, n_dims, copy);
}

static MpEstimator *
fitted_svc (Iris    *iris,
            gdouble  c)
{
  g_autoptr(MpEstimator) svc = g_object_new (MP_TYPE_SVC, "c", c, NULL);
  g_autoptr(GError) error = NULL;

  mp_estimator_fit (svc, iris->x, iris->y, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&svc);
}

/* An info with every field the caller can set. */
static MpModelInfo *
full_info (MpEstimator *svc,
           Iris        *iris)
{
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpSplitter) cv = mp_stratified_kfold_new (5, TRUE, 0);
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_model_info_set_training_data (info, iris->x, iris->y,
                                                  "https://data.example/iris?version=3", &error));
  g_assert_no_error (error);
  mp_model_info_set_program (info, "train-iris");
  mp_model_info_set_vcs_revision (info, "0123abcd");
  g_assert_true (mp_model_info_set_source_text (info, "train.py", SOURCE_TEXT, TRUE, &error));
  g_assert_no_error (error);
  mp_model_info_set_annotation (info, "dataset", "iris");
  mp_model_info_set_annotation (info, "author", "tests");

  scores = mp_model_info_record_cross_validation (info, svc, iris->x, iris->y, cv, "accuracy",
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (scores);
  return g_steal_pointer (&info);
}

static void
assert_same_info (MpModelInfo *a,
                  MpModelInfo *b)
{
  g_autofree char *ta = mp_model_info_to_json (a);
  g_autofree char *tb = mp_model_info_to_json (b);

  g_assert_cmpstr (ta, ==, tb);
}

static void
test_roundtrip_every_field (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpModelInfo) back = NULL;
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *splitter = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, SOURCE_TEXT, -1);
  g_auto(GStrv) annotations = NULL;
  g_auto(GStrv) fields = NULL;
  const gsize *shape;
  const gdouble *s;
  gdouble mean = 0.0;
  guint n_dims = 0;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  info = full_info (svc, &iris);

  bytes = mp_dumps_with_info (svc, info, &error);
  g_assert_no_error (error);
  loaded = mp_loads_full (bytes, NULL, report, &error);
  g_assert_no_error (error);
  back = mp_load_report_get_model_info (report);
  g_assert_nonnull (back);
  assert_same_info (info, back);

  /* Training data. */
  g_assert_true (mp_model_info_has_training_data (back));
  g_assert_cmpstr (mp_model_info_get_snapshot_uri (back), ==, "https://data.example/iris?version=3");
  g_assert_cmpint (mp_model_info_get_x_dtype (back), ==, MP_DTYPE_FLOAT64);
  shape = mp_model_info_get_x_shape (back, &n_dims);
  g_assert_cmpuint (n_dims, ==, 2);
  g_assert_cmpuint (shape[0], ==, 150);
  g_assert_cmpuint (shape[1], ==, 4);
  shape = mp_model_info_get_y_shape (back, &n_dims);
  g_assert_cmpuint (n_dims, ==, 1);
  g_assert_cmpuint (shape[0], ==, 150);
  g_assert_cmpint (mp_model_info_get_y_dtype (back), ==, mp_array_get_dtype (iris.y));
  g_assert_cmpstr (mp_model_info_get_x_checksum (back), ==, mp_model_info_get_x_checksum (info));
  g_assert_true (mp_model_info_check_training_data (back, iris.x, iris.y, &error));
  g_assert_no_error (error);

  /* Source. */
  g_assert_cmpstr (mp_model_info_get_program (back), ==, "train-iris");
  g_assert_cmpstr (mp_model_info_get_vcs_revision (back), ==, "0123abcd");
  g_assert_cmpstr (mp_model_info_get_source_name (back), ==, "train.py");
  g_assert_cmpstr (mp_model_info_get_source_sha256 (back), ==, sha);
  g_assert_cmpstr (mp_model_info_get_source_text (back), ==, SOURCE_TEXT);

  /* Versions, from the producer record. */
  g_assert_cmpstr (mp_model_info_get_producer_field (back, "library_version"), ==, MP_VERSION_S);
  g_assert_nonnull (mp_model_info_get_producer_field (back, "glib_version"));
  g_assert_nonnull (mp_model_info_get_producer_field (back, "json_glib_version"));
  g_assert_nonnull (mp_model_info_get_producer_field (back, "xxhash_version"));
  fields = mp_model_info_list_producer_fields (back);
  g_assert_true (g_strv_contains ((const char * const *) fields, "arch"));
  g_assert_null (mp_model_info_get_producer_field (info, "library_version"));

  /* Cross-validation. */
  g_assert_true (mp_model_info_has_cross_validation (back));
  g_assert_cmpstr (mp_model_info_get_scoring (back), ==, "accuracy");
  g_assert_cmpstr (mp_model_info_get_splitter_type (back), ==, "MpStratifiedKFold");
  splitter = mp_model_info_dup_splitter_string (back);
  g_assert_cmpstr (splitter, ==, "StratifiedKFold(n_splits=5, random_state=0, shuffle=True)");
  scores = mp_model_info_get_cv_scores (back);
  g_assert_cmpuint (mp_array_get_n_elements (scores), ==, 5);
  s = mp_array_get_data (scores, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpfloat (s[i], >, 0.8);
      g_assert_cmpfloat (s[i], <=, 1.0);
      mean += s[i] / 5;
    }
  g_assert_cmpfloat_with_epsilon (mp_model_info_get_cv_mean (back), mean, 1e-12);
  g_assert_cmpfloat (mp_model_info_get_cv_std (back), >=, 0.0);

  /* Annotations. */
  annotations = mp_model_info_list_annotations (back);
  g_assert_cmpuint (g_strv_length (annotations), ==, 2);
  g_assert_cmpstr (annotations[0], ==, "author");
  g_assert_cmpstr (mp_model_info_get_annotation (back, "dataset"), ==, "iris");

  iris_clear (&iris);
}

static void
test_roundtrip_bundle (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpModelInfo) back = NULL;
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-model-info-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  info = full_info (svc, &iris);

  g_assert_true (mp_dump_with_info (svc, info, path, &error));
  g_assert_no_error (error);
  loaded = mp_load_full (path, NULL, report, &error);
  g_assert_no_error (error);
  back = mp_load_report_get_model_info (report);
  assert_same_info (info, back);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  iris_clear (&iris);
}

static void
test_roundtrip_stream (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpModelInfo) back = NULL;
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  mp_model_info_set_vcs_revision (info, "v1.0");

  g_assert_true (mp_dump_to_stream_with_info (svc, info, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  in = g_memory_input_stream_new_from_bytes (bytes);
  loaded = mp_load_from_stream_full (in, NULL, report, NULL, &error);
  g_assert_no_error (error);
  back = mp_load_report_get_model_info (report);
  g_assert_cmpstr (mp_model_info_get_vcs_revision (back), ==, "v1.0");
  g_assert_false (mp_model_info_has_training_data (back));
  g_assert_false (mp_model_info_has_cross_validation (back));
  iris_clear (&iris);
}

static void
test_deterministic (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) first = NULL;
  g_autoptr(MpModelInfo) second = NULL;
  g_autoptr(MpModelInfo) empty = mp_model_info_new ();
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) with_empty = NULL;
  g_autoptr(GError) error = NULL;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  first = full_info (svc, &iris);
  second = full_info (svc, &iris);

  a = mp_dumps_with_info (svc, first, &error);
  g_assert_no_error (error);
  b = mp_dumps_with_info (svc, second, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  /* An empty info adds nothing: the bytes of mp_dumps(). */
  g_assert_true (mp_model_info_is_empty (empty));
  plain = mp_dumps (svc, &error);
  g_assert_no_error (error);
  with_empty = mp_dumps_with_info (svc, empty, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, with_empty));
  g_assert_false (g_bytes_equal (plain, a));

  /* A different annotation changes the bytes. */
  g_clear_pointer (&b, g_bytes_unref);
  mp_model_info_set_annotation (second, "author", "someone else");
  b = mp_dumps_with_info (svc, second, &error);
  g_assert_false (g_bytes_equal (a, b));
  iris_clear (&iris);
}

static void
test_fingerprint (void)
{
  Iris iris = { 0 };
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree guint64 *little_endian = NULL;
  gsize n_bytes = 0;
  gconstpointer data;

  iris_load (&iris);
  g_assert_true (mp_model_info_set_training_data (info, iris.x, NULL, NULL, &error));
  g_assert_no_error (error);

  /* XXH3-64 of the little-endian bytes, whatever the host's order. */
  data = mp_array_get_data (iris.x, &n_bytes);
  little_endian = g_memdup2 (data, n_bytes);
  for (gsize i = 0; i < n_bytes / sizeof (guint64); i++)
    little_endian[i] = GUINT64_TO_LE (little_endian[i]);
  expected = g_strdup_printf ("xxh3-64:%016" G_GINT64_MODIFIER "x",
                              (guint64) XXH3_64bits (little_endian, n_bytes));
  g_assert_cmpstr (mp_model_info_get_x_checksum (info), ==, expected);
  g_assert_null (mp_model_info_get_y_checksum (info));

  g_assert_true (mp_model_info_check_training_data (info, iris.x, NULL, &error));
  g_assert_no_error (error);

  changed = perturbed (iris.x, 17);
  g_assert_false (mp_model_info_check_training_data (info, changed, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "X: content differs"));
  g_clear_error (&error);

  g_assert_false (mp_model_info_check_training_data (info, iris.x, iris.y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "y: none recorded"));
  g_clear_error (&error);

  g_assert_false (mp_model_info_set_training_data (info, iris.x, NULL, "not a uri", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  iris_clear (&iris);
}

static void
test_source_file (void)
{
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, SOURCE_TEXT, -1);
  static const char binary[] = { 'a', '\xff', '\xfe', 'b' };
  int fd;

  fd = g_file_open_tmp ("mp-source-XXXXXX.py", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, SOURCE_TEXT, strlen (SOURCE_TEXT)), ==, strlen (SOURCE_TEXT));
  close (fd);
  file = g_file_new_for_path (path);

  g_assert_true (mp_model_info_set_source_file (info, file, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_model_info_get_source_sha256 (info), ==, sha);
  g_assert_null (mp_model_info_get_source_text (info));
  g_assert_true (g_str_has_prefix (mp_model_info_get_source_name (info), "mp-source-"));
  g_assert_null (strchr (mp_model_info_get_source_name (info), '/'));

  g_assert_true (mp_model_info_set_source_file (info, file, TRUE, NULL, &error));
  g_assert_cmpstr (mp_model_info_get_source_text (info), ==, SOURCE_TEXT);

  /* Not UTF-8: its hash can be recorded, its text cannot. */
  g_assert_true (g_file_set_contents (path, binary, sizeof binary, NULL));
  g_assert_false (mp_model_info_set_source_file (info, file, TRUE, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (mp_model_info_set_source_file (info, file, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (mp_model_info_get_source_text (info));

  g_unlink (path);
  missing = g_file_new_for_path (path);
  g_assert_false (mp_model_info_set_source_file (info, missing, FALSE, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
}

static void
test_set_cross_validation_checks (void)
{
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpSplitter) cv = mp_kfold_new (3, FALSE, -1);
  g_autoptr(MpArray) two = NULL;
  g_autoptr(MpArray) three = NULL;
  g_autoptr(GError) error = NULL;
  static const gdouble values[] = { 0.5, 0.75, 1.0 };
  gsize n = 2;
  g_autofree char *text = NULL;

  two = mp_array_new_float64 (values, 2, &n, 1, NULL);
  n = 3;
  three = mp_array_new_float64 (values, 3, &n, 1, NULL);

  g_assert_false (mp_model_info_set_cross_validation (info, cv, NULL, two, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (mp_model_info_set_cross_validation (info, cv, "f1", three, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (mp_model_info_set_cross_validation (info, cv, NULL, three, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (mp_model_info_get_cv_mean (info), ==, 0.75);
  g_assert_cmpfloat_with_epsilon (mp_model_info_get_cv_std (info), 0.2041241452319315, 1e-15);
  g_assert_null (mp_model_info_get_scoring (info));
  text = mp_model_info_to_json (info);
  g_assert_nonnull (strstr (text, "\"random_state\": null"));
  g_assert_nonnull (strstr (text, "\"scoring\": null"));
}

/* Metadata a hostile document could carry, parsed on its own: each case
 * fails with its code and names the path at fault. */
typedef struct {
  const char *json;
  int         code;
  const char *path;
} BadMetadata;

static const BadMetadata bad_metadata[] = {
  { "[]", MP_ERROR_MALFORMED, "$" },
  { "{\"extra\": 1}", MP_ERROR_MALFORMED, "$.extra" },
  { "{\"source\": []}", MP_ERROR_MALFORMED, "$.source" },
  { "{\"source\": {\"program\": 3}}", MP_ERROR_INVALID_VALUE, "$.source.program" },
  { "{\"source\": {\"file\": {\"name\": \"a.py\", \"sha256\": \"00\"}}}", MP_ERROR_INVALID_VALUE,
    "$.source.file.sha256" },
  { "{\"training_data\": {}}", MP_ERROR_MALFORMED, "$.training_data.x" },
  { "{\"training_data\": {\"x\": {\"checksum\": \"xxh3-64:0000000000000000\", \"dtype\": \"<f8\", "
    "\"shape\": [-1]}}}", MP_ERROR_INVALID_VALUE, "$.training_data.x.shape[0]" },
  { "{\"annotations\": {\"a\": 1}}", MP_ERROR_INVALID_VALUE, "$.annotations.a" },
  { "{\"cross_validation\": {\"mean\": 1.0, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {}, \"type\": \"GObject\"}, \"std\": 0.0}}",
    MP_ERROR_UNTRUSTED_TYPE, "$.cross_validation.splitter.type" },
  { "{\"cross_validation\": {\"mean\": 1.0, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {}, \"type\": \"MpSplitter\"}, \"std\": 0.0}}",
    MP_ERROR_UNTRUSTED_TYPE, "$.cross_validation.splitter.type" },
  { "{\"cross_validation\": {\"mean\": 1.0, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {}, \"type\": \"NoSuchSplitter\"}, \"std\": 0.0}}",
    MP_ERROR_UNKNOWN_TYPE, "$.cross_validation.splitter.type" },
  { "{\"cross_validation\": {\"mean\": 1.0, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {\"n_splits\": -1}, \"type\": \"MpKFold\"}, \"std\": 0.0}}",
    MP_ERROR_INVALID_VALUE, "$.cross_validation.splitter.params.n_splits" },
  /* in the JSON type's range, outside the splitter's declaration */
  { "{\"cross_validation\": {\"mean\": 1.0, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {\"n_splits\": 1}, \"type\": \"MpKFold\"}, \"std\": 0.0}}",
    MP_ERROR_INVALID_VALUE, "$.cross_validation.splitter.params.n_splits" },
  { "{\"cross_validation\": {\"mean\": 1.0, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {\"random_state\": 4294967296, \"shuffle\": true}, "
    "\"type\": \"MpKFold\"}, \"std\": 0.0}}",
    MP_ERROR_INVALID_VALUE, "$.cross_validation.splitter.params.random_state" },
  { "{\"cross_validation\": {\"mean\": 0.5, \"scores\": [1.0, 1.0], \"scoring\": null, "
    "\"splitter\": {\"params\": {}, \"type\": \"MpKFold\"}, \"std\": 0.0}}",
    MP_ERROR_INVALID_VALUE, "$.cross_validation.mean" },
};

static void
test_parse_bad (gconstpointer data)
{
  const BadMetadata *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpModelInfo) info = mp_model_info_new_from_json (c->json, &error);
  g_autofree char *prefix = g_strconcat (c->path, ":", NULL);

  g_assert_null (info);
  g_assert_error (error, MP_ERROR, c->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_verify_passes (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpModelInfo) back = NULL;
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpModelVerification) result = NULL;
  g_autoptr(MpArray) differences = NULL;
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(MpArray) recorded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const gdouble *d;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  info = full_info (svc, &iris);
  bytes = mp_dumps_with_info (svc, info, &error);
  loaded = mp_loads_full (bytes, NULL, report, &error);
  g_assert_no_error (error);
  back = mp_load_report_get_model_info (report);

  result = mp_model_verify (loaded, back, iris.x, iris.y, 0.0, &error);
  g_assert_no_error (error);
  g_assert_true (mp_model_verification_get_passed (result));
  g_assert_true (mp_model_verification_get_data_checked (result));
  g_assert_true (mp_model_verification_get_data_matches (result));
  g_assert_true (mp_model_verification_get_scores_match (result));
  g_assert_null (mp_model_verification_get_data_mismatches (result)[0]);
  g_assert_cmpfloat (mp_model_verification_get_max_difference (result), ==, 0.0);
  differences = mp_model_verification_get_differences (result);
  d = mp_array_get_data (differences, NULL);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (d[i], ==, 0.0);
  scores = mp_model_verification_get_scores (result);
  recorded = mp_model_verification_get_recorded_scores (result);
  g_assert_cmpmem (mp_array_get_data (scores, NULL), 5 * sizeof (gdouble),
                   mp_array_get_data (recorded, NULL), 5 * sizeof (gdouble));
  summary = mp_model_verification_to_string (result);
  g_assert_true (g_str_has_prefix (summary, "passed: StratifiedKFold("));
  iris_clear (&iris);
}

static void
test_verify_perturbed_data (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpArray) changed = NULL;
  g_autoptr(MpModelVerification) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char * const *mismatches;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  info = full_info (svc, &iris);

  changed = perturbed (iris.x, 0);
  result = mp_model_verify (svc, info, changed, iris.y, 1e-9, &error);
  g_assert_no_error (error);
  g_assert_false (mp_model_verification_get_passed (result));
  g_assert_false (mp_model_verification_get_data_matches (result));
  mismatches = mp_model_verification_get_data_mismatches (result);
  g_assert_nonnull (mismatches[0]);
  g_assert_true (g_str_has_prefix (mismatches[0], "X: content differs"));
  g_assert_null (mismatches[1]);
  summary = mp_model_verification_to_string (result);
  g_assert_true (g_str_has_prefix (summary, "FAILED"));
  iris_clear (&iris);
}

static void
test_verify_changed_hyperparameters (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpEstimator) other = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpModelVerification) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  info = full_info (svc, &iris);

  other = fitted_svc (&iris, 0.01);
  result = mp_model_verify (other, info, iris.x, iris.y, 1e-9, &error);
  g_assert_no_error (error);
  g_assert_true (mp_model_verification_get_data_matches (result));
  g_assert_false (mp_model_verification_get_scores_match (result));
  g_assert_false (mp_model_verification_get_passed (result));
  g_assert_cmpfloat (mp_model_verification_get_max_difference (result), >, 1e-9);
  summary = mp_model_verification_to_string (result);
  g_assert_nonnull (strstr (summary, "(out of tolerance)"));

  /* A generous tolerance accepts the same difference. */
  g_clear_object (&result);
  result = mp_model_verify (other, info, iris.x, iris.y, 1.0, &error);
  g_assert_no_error (error);
  g_assert_true (mp_model_verification_get_passed (result));
  iris_clear (&iris);
}

static void
test_verify_refusals (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpSplitter) unseeded = mp_kfold_new (3, TRUE, -1);
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(MpModelVerification) result = NULL;
  g_autoptr(GError) error = NULL;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);

  result = mp_model_verify (svc, info, iris.x, iris.y, 0.0, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (result);
  g_clear_error (&error);

  scores = mp_model_info_record_cross_validation (info, svc, iris.x, iris.y, unseeded, NULL,
                                                  &error);
  g_assert_no_error (error);
  result = mp_model_verify (svc, info, iris.x, iris.y, -1.0, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (result);
  g_clear_error (&error);

  result = mp_model_verify (svc, info, iris.x, iris.y, 0.0, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "cannot be reproduced"));
  g_assert_null (result);
  iris_clear (&iris);
}

/* The unshuffled default splitter needs no seed and verifies. */
static void
test_verify_default_splitter (void)
{
  Iris iris = { 0 };
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(MpModelVerification) result = NULL;
  g_autoptr(GError) error = NULL;

  iris_load (&iris);
  svc = fitted_svc (&iris, 1.0);
  scores = mp_model_info_record_cross_validation (info, svc, iris.x, iris.y, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_model_info_get_splitter_type (info), ==, "MpStratifiedKFold");
  result = mp_model_verify (svc, info, iris.x, iris.y, 0.0, &error);
  g_assert_no_error (error);
  g_assert_true (mp_model_verification_get_passed (result));
  g_assert_false (mp_model_verification_get_data_checked (result));
  iris_clear (&iris);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model-info/roundtrip/every-field", test_roundtrip_every_field);
  g_test_add_func ("/model-info/roundtrip/bundle", test_roundtrip_bundle);
  g_test_add_func ("/model-info/roundtrip/stream", test_roundtrip_stream);
  g_test_add_func ("/model-info/deterministic", test_deterministic);
  g_test_add_func ("/model-info/fingerprint", test_fingerprint);
  g_test_add_func ("/model-info/source-file", test_source_file);
  g_test_add_func ("/model-info/cross-validation/checks", test_set_cross_validation_checks);
  for (guint i = 0; i < G_N_ELEMENTS (bad_metadata); i++)
    {
      g_autofree char *name = g_strdup_printf ("/model-info/parse/bad-%u", i);
      g_test_add_data_func (name, &bad_metadata[i], test_parse_bad);
    }
  g_test_add_func ("/model-info/verify/passes", test_verify_passes);
  g_test_add_func ("/model-info/verify/perturbed-data", test_verify_perturbed_data);
  g_test_add_func ("/model-info/verify/changed-hyperparameters",
                   test_verify_changed_hyperparameters);
  g_test_add_func ("/model-info/verify/refusals", test_verify_refusals);
  g_test_add_func ("/model-info/verify/default-splitter", test_verify_default_splitter);

  return g_test_run ();
}
