/* persist.c: round trips through every container, determinism, the save
 * protocol under failures, reports and metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <float.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

#include "mp-estimator-private.h"
#include "mp-persist-private.h"
#include "mp-load-report-private.h"
#include "persist-test-types.h"

/* ---- helpers ------------------------------------------------------------ */

static MpEstimator *
fitted_dummy (gint64 first_label)
{
  const gsize xs[] = { 5, 2 }, ys[] = { 5 };
  const gdouble x[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  const gint64 y[] = { first_label, 1, first_label, 2, 1 };
  g_autoptr(MpArray) ax = mp_array_new_float64 (x, 10, xs, 2, NULL);
  g_autoptr(MpArray) ay = mp_array_new_int64 (y, 5, ys, 1, NULL);
  MpEstimator *dummy = mp_dummy_classifier_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_estimator_fit (dummy, ax, ay, &error));
  g_assert_no_error (error);
  return dummy;
}

static MpLoadOptions *
trusting_test_types (void)
{
  MpLoadOptions *options = mp_load_options_new ();

  mp_load_options_trust_type (options, TEST_TYPE_KITCHEN_SINK);
  mp_load_options_trust_type (options, TEST_TYPE_COMPOSITE);
  return options;
}

static MpArray *
array_of (MpDType dtype, const gsize *shape, guint n_dims, gsize n_bytes)
{
  g_autofree guint8 *data = g_malloc0 (MAX (n_bytes, 1));

  for (gsize i = 0; i < n_bytes; i++)
    data[i] = (guint8) (i * 37 + 11);
  if (dtype == MP_DTYPE_BOOL)
    for (gsize i = 0; i < n_bytes; i++)
      data[i] &= 1;
  return mp_array_new_from_data (dtype, shape, n_dims, data, n_bytes, NULL);
}

static MpEstimator *
kitchen_sink (void)
{
  const gsize s2x3[] = { 2, 3 }, s7[] = { 7 }, s0x4[] = { 0, 4 }, s3x1x2[] = { 3, 1, 2 };
  const char *names[] = { "first", "sécond \"quoted\"\n", "", NULL };
  g_autoptr(MpArray) f64 = array_of (MP_DTYPE_FLOAT64, s2x3, 2, 48);
  g_autoptr(MpArray) f32 = array_of (MP_DTYPE_FLOAT32, s7, 1, 28);
  g_autoptr(MpArray) i64 = array_of (MP_DTYPE_INT64, s3x1x2, 3, 48);
  g_autoptr(MpArray) i32 = array_of (MP_DTYPE_INT32, s7, 1, 28);
  g_autoptr(MpArray) u8 = array_of (MP_DTYPE_UINT8, s7, 1, 7);
  g_autoptr(MpArray) b = array_of (MP_DTYPE_BOOL, s7, 1, 7);
  g_autoptr(MpArray) empty = array_of (MP_DTYPE_FLOAT64, s0x4, 2, 0);
  g_autoptr(MpArray) scalar = array_of (MP_DTYPE_INT32, NULL, 0, 4);
  const char * const labels[] = { "setosa", "", "caf\xc3\xa9 \"quoted\"\n", "\xf0\x9f\x8c\xb8" };
  const gsize s2x2[] = { 2, 2 };
  g_autoptr(MpArray) str = mp_array_new_strings (labels, 4, s2x2, 2, NULL);
  MpEstimator *sink;

  sink = g_object_new (TEST_TYPE_KITCHEN_SINK,
                       "count", -42, "size", G_MAXUINT, "big", G_MININT64,
                       "huge", G_MAXUINT64, "alpha", 0.1, "beta", 1.5f, "flag", TRUE,
                       "label", "héllo\tworld", "strategy", MP_DUMMY_STRATEGY_MOST_FREQUENT,
                       "binding", G_BINDING_BIDIRECTIONAL | G_BINDING_INVERT_BOOLEAN,
                       "names", names,
                       "f64", f64, "f32", f32, "i64", i64, "i32", i32, "u8", u8, "b", b,
                       "empty", empty, "scalar", scalar, "str", str, "n-features-in", 3,
                       NULL);
  _mp_estimator_set_fitted (sink, TRUE);
  return sink;
}

static void
assert_same_properties (MpEstimator *a,
                        MpEstimator *b);

static void
assert_same_value (const GValue *va,
                   const GValue *vb)
{
  GType type = G_VALUE_TYPE (va);

  g_assert_cmpstr (G_VALUE_TYPE_NAME (va), ==, G_VALUE_TYPE_NAME (vb));

  if (type == MP_TYPE_ARRAY)
    {
      MpArray *x = g_value_get_boxed (va), *y = g_value_get_boxed (vb);
      g_assert_true ((x == NULL) == (y == NULL));
      if (x != NULL)
        g_assert_true (mp_array_equal (x, y));
    }
  else if (type == G_TYPE_DOUBLE)
    {
      gdouble x = g_value_get_double (va), y = g_value_get_double (vb);
      g_assert_cmpmem (&x, sizeof x, &y, sizeof y);
    }
  else if (type == G_TYPE_FLOAT)
    {
      gfloat x = g_value_get_float (va), y = g_value_get_float (vb);
      g_assert_cmpmem (&x, sizeof x, &y, sizeof y);
    }
  else if (g_type_is_a (type, MP_TYPE_ESTIMATOR))
    {
      MpEstimator *x = g_value_get_object (va), *y = g_value_get_object (vb);
      g_assert_true ((x == NULL) == (y == NULL));
      if (x != NULL)
        assert_same_properties (x, y);
    }
  else if (g_type_is_a (type, G_TYPE_LIST_MODEL))
    {
      GListModel *x = g_value_get_object (va), *y = g_value_get_object (vb);
      g_assert_true ((x == NULL) == (y == NULL));
      if (x == NULL)
        return;
      g_assert_cmpuint (g_list_model_get_n_items (x), ==, g_list_model_get_n_items (y));
      for (guint i = 0; i < g_list_model_get_n_items (x); i++)
        {
          g_autoptr(MpEstimator) ix = g_list_model_get_item (x, i);
          g_autoptr(MpEstimator) iy = g_list_model_get_item (y, i);
          assert_same_properties (ix, iy);
        }
    }
  else
    {
      g_autofree char *x = g_strdup_value_contents (va);
      g_autofree char *y = g_strdup_value_contents (vb);
      g_assert_cmpstr (x, ==, y);
    }
}

static void
assert_same_properties (MpEstimator *a,
                        MpEstimator *b)
{
  const MpPropertyRole roles[] = { MP_PROPERTY_ROLE_HYPERPARAMETER, MP_PROPERTY_ROLE_FITTED };

  g_assert_cmpstr (G_OBJECT_TYPE_NAME (a), ==, G_OBJECT_TYPE_NAME (b));
  g_assert_cmpint (mp_estimator_is_fitted (a), ==, mp_estimator_is_fitted (b));

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autofree GParamSpec **pspecs = NULL;
      guint n = 0;

      if (roles[r] == MP_PROPERTY_ROLE_FITTED && !mp_estimator_is_fitted (a))
        continue;

      pspecs = mp_estimator_list_properties (a, roles[r], &n);
      for (guint i = 0; i < n; i++)
        {
          g_auto(GValue) va = G_VALUE_INIT;
          g_auto(GValue) vb = G_VALUE_INIT;

          g_value_init (&va, pspecs[i]->value_type);
          g_value_init (&vb, pspecs[i]->value_type);
          g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
          g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);
          assert_same_value (&va, &vb);
        }
    }
}

static MpEstimator *
roundtrip_bytes (MpEstimator   *estimator,
                 MpLoadOptions *options)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  MpEstimator *loaded;

  first = mp_dumps (estimator, &error);
  g_assert_no_error (error);
  loaded = mp_loads_full (first, options, NULL, &error);
  g_assert_no_error (error);
  assert_same_properties (estimator, loaded);

  /* Determinism: the reloaded model saves to the very same bytes. */
  second = mp_dumps (loaded, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
  return loaded;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mp-persist-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char **
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return (char **) g_ptr_array_free (names, FALSE);
}

static void
remove_tree (const char *dir)
{
  g_auto(GStrv) names = list_dir (dir);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_suffix (char       **names,
              const char  *suffix)
{
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    n += g_str_has_suffix (names[i], suffix);
  return n;
}

/* ---- a stream that fails at the Nth write ------------------------------- */

#define TEST_TYPE_FAILING_STREAM (test_failing_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestFailingStream, test_failing_stream, TEST, FAILING_STREAM, GFilterOutputStream)

typedef struct {
  guint fail_at;      /* 1-based; 0 never fails */
  guint n_writes;
} FailState;

struct _TestFailingStream
{
  GFilterOutputStream parent_instance;
  FailState          *state;
};

G_DEFINE_FINAL_TYPE (TestFailingStream, test_failing_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
test_failing_stream_write (GOutputStream  *stream,
                           const void     *buffer,
                           gsize           count,
                           GCancellable   *cancellable,
                           GError        **error)
{
  TestFailingStream *self = TEST_FAILING_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));

  if (++self->state->n_writes == self->state->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "injected failure");
      return -1;
    }
  return g_output_stream_write (base, buffer, count, cancellable, error);
}

static void
test_failing_stream_class_init (TestFailingStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = test_failing_stream_write;
}

static void
test_failing_stream_init (TestFailingStream *self)
{
}

static GOutputStream *
wrap_failing (GOutputStream *base,
              gpointer       user_data)
{
  TestFailingStream *self = g_object_new (TEST_TYPE_FAILING_STREAM,
                                          "base-stream", base,
                                          "close-base-stream", FALSE,
                                          NULL);
  self->state = user_data;
  return G_OUTPUT_STREAM (self);
}

/* ---- round trips -------------------------------------------------------- */

static void
test_roundtrip_dummy (void)
{
  g_autoptr(MpEstimator) dummy = fitted_dummy (3);
  g_autoptr(MpEstimator) loaded = roundtrip_bytes (dummy, NULL);
  const gsize xs[] = { 2, 2 };
  const gdouble x[] = { 1, 2, 3, 4 };
  g_autoptr(MpArray) ax = mp_array_new_float64 (x, 4, xs, 2, NULL);
  g_autoptr(MpArray) p1 = mp_estimator_predict (dummy, ax, NULL);
  g_autoptr(MpArray) p2 = mp_estimator_predict (loaded, ax, NULL);

  g_assert_true (mp_array_equal (p1, p2));
  g_assert_cmpuint (mp_estimator_get_n_features_in (loaded), ==, 2);
}

static void
test_roundtrip_unfitted (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpEstimator) loaded = NULL;

  mp_estimator_set_enum (dummy, "strategy", MP_DUMMY_STRATEGY_MOST_FREQUENT);
  loaded = roundtrip_bytes (dummy, NULL);
  g_assert_false (mp_estimator_is_fitted (loaded));
}

static void
test_roundtrip_dtypes (void)
{
  g_autoptr(MpEstimator) sink = kitchen_sink ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(MpEstimator) loaded = roundtrip_bytes (sink, options);
  g_autoptr(MpArray) empty = NULL;
  g_autoptr(MpArray) scalar = NULL;
  g_autofree char *label = NULL;
  guint64 huge = 0;

  g_object_get (loaded, "empty", &empty, "scalar", &scalar, "label", &label, "huge", &huge, NULL);
  g_assert_cmpuint (mp_array_get_n_dims (empty), ==, 2);
  g_assert_cmpuint (mp_array_get_dim (empty, 1), ==, 4);
  g_assert_cmpuint (mp_array_get_n_elements (empty), ==, 0);
  g_assert_cmpuint (mp_array_get_n_dims (scalar), ==, 0);
  g_assert_cmpuint (mp_array_get_n_elements (scalar), ==, 1);
  g_assert_cmpstr (label, ==, "héllo\tworld");
  g_assert_cmpuint (huge, ==, G_MAXUINT64);
}

static void
test_roundtrip_doubles (void)
{
  const gdouble values[] = {
    0.1, 1e-300, -0.0, 0.0, 5e-324, DBL_MAX, -DBL_MAX, 1.0 / 3.0, 123456789.0,
    2.2250738585072014e-308, 1e22, 1e23, -1.5, INFINITY, -INFINITY,
  };
  /* No NaN: GObject itself refuses NaN for a double property (its range
   * check compares NaN != NaN), so no estimator can hold one. */
  g_autoptr(MpLoadOptions) options = trusting_test_types ();

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(MpEstimator) sink = g_object_new (TEST_TYPE_KITCHEN_SINK, "alpha", values[i],
                                                  "beta", (gfloat) values[i], NULL);
      g_autoptr(MpEstimator) loaded = roundtrip_bytes (sink, options);
      gdouble alpha = 0;

      g_object_get (loaded, "alpha", &alpha, NULL);
      g_assert_cmpmem (&alpha, sizeof alpha, &values[i], sizeof values[i]);
    }
}

static TestComposite *
composite (void)
{
  g_autoptr(GListStore) steps = g_list_store_new (MP_TYPE_ESTIMATOR);
  g_autoptr(MpEstimator) first = fitted_dummy (5);
  g_autoptr(MpEstimator) sink = kitchen_sink ();
  g_autoptr(MpEstimator) inner = g_object_new (TEST_TYPE_COMPOSITE, "weight", 0.25, NULL);
  g_autoptr(MpEstimator) base = fitted_dummy (7);

  g_list_store_append (steps, first);
  g_list_store_append (steps, sink);
  g_list_store_append (steps, inner);
  return g_object_new (TEST_TYPE_COMPOSITE, "base", base, "steps", steps, "weight", 1.0, NULL);
}

static void
test_roundtrip_nested (void)
{
  g_autoptr(TestComposite) outer = composite ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(MpEstimator) loaded = roundtrip_bytes (MP_ESTIMATOR (outer), options);
  g_autoptr(GListModel) steps = NULL;

  g_object_get (loaded, "steps", &steps, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 3);
}

static void
test_untrusted_child (void)
{
  g_autoptr(TestComposite) outer = composite ();
  g_autoptr(GBytes) bytes = mp_dumps (MP_ESTIMATOR (outer), NULL);
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;
  g_auto(GStrv) untrusted = NULL;

  loaded = mp_loads (bytes, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_UNTRUSTED_TYPE);
  g_assert_nonnull (strstr (error->message, "$.estimator.type"));
  g_clear_error (&error);

  /* Trusting the outer type is not enough: its child is audited too. */
  mp_load_options_trust_type (options, TEST_TYPE_COMPOSITE);
  loaded = mp_loads_full (bytes, options, NULL, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_UNTRUSTED_TYPE);
  g_assert_nonnull (strstr (error->message, "$.estimator.params.steps[1].type"));
  g_clear_error (&error);

  types = mp_inspect_types_full (bytes, options, &untrusted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (types), ==, 3);
  g_assert_cmpstr (types[0], ==, "MpDummyClassifier");
  g_assert_cmpstr (types[1], ==, "TestComposite");
  g_assert_cmpstr (types[2], ==, "TestKitchenSink");
  g_assert_cmpuint (g_strv_length (untrusted), ==, 1);
  g_assert_cmpstr (untrusted[0], ==, "TestKitchenSink");
}

static void
test_cycle_refused (void)
{
  g_autoptr(MpEstimator) outer = g_object_new (TEST_TYPE_COMPOSITE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (outer, "base", outer, NULL);
  bytes = mp_dumps (outer, &error);
  g_assert_null (bytes);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_object_set (outer, "base", NULL, NULL);
}

/* ---- bundles ------------------------------------------------------------ */

static void
test_bundle_roundtrip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(TestComposite) outer = composite ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpEstimator) other = fitted_dummy (9);
  g_autoptr(GError) error = NULL;
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;
  g_auto(GStrv) names1 = NULL;
  g_auto(GStrv) names2 = NULL;
  g_auto(GStrv) names3 = NULL;

  g_assert_true (mp_dump (MP_ESTIMATOR (outer), path, &error));
  g_assert_no_error (error);
  names1 = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names1), ==, 2);
  g_assert_cmpuint (count_suffix (names1, ".bin"), ==, 1);
  g_file_get_contents (path, &json1, NULL, NULL);

  loaded = mp_load_full (path, options, NULL, &error);
  g_assert_no_error (error);
  assert_same_properties (MP_ESTIMATOR (outer), loaded);

  /* Saving the loaded model again gives the same files. */
  g_assert_true (mp_dump (loaded, path, &error));
  g_file_get_contents (path, &json2, NULL, NULL);
  g_assert_cmpstr (json1, ==, json2);
  names2 = list_dir (dir);
  g_assert_cmpstrv (names1, names2);

  /* A different model replaces the sidecar; the old one goes away. */
  g_assert_true (mp_dump (other, path, &error));
  g_assert_no_error (error);
  names3 = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names3), ==, 2);
  g_assert_cmpuint (count_suffix (names3, ".bin"), ==, 1);
  for (guint i = 0; names1[i] != NULL; i++)
    if (g_str_has_suffix (names1[i], ".bin"))
      g_assert_false (g_strv_contains ((const char * const *) names3, names1[i]));
  g_clear_object (&loaded);
  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  assert_same_properties (other, loaded);

  remove_tree (dir);
}

static void
test_bundle_without_arrays (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) fitted = fitted_dummy (4);
  g_autoptr(MpEstimator) unfitted = mp_dummy_classifier_new ();
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (mp_dump (fitted, path, &error));
  g_assert_true (mp_dump (unfitted, path, &error));
  g_assert_no_error (error);

  /* No arrays, no sidecar; the previous sidecar is gone too. */
  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "model.json");

  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (mp_estimator_is_fitted (loaded));
  remove_tree (dir);
}

static void
test_bundle_moved (void)
{
  g_autofree char *dir1 = make_tmp_dir ();
  g_autofree char *dir2 = make_tmp_dir ();
  g_autofree char *path1 = g_build_filename (dir1, "model.json", NULL);
  g_autofree char *path2 = g_build_filename (dir2, "model.json", NULL);
  g_autoptr(MpEstimator) dummy = fitted_dummy (4);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (mp_dump (dummy, path1, &error));
  names = list_dir (dir1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *from = g_build_filename (dir1, names[i], NULL);
      g_autofree char *to = g_build_filename (dir2, names[i], NULL);
      g_assert_cmpint (g_rename (from, to), ==, 0);
    }

  loaded = mp_load (path2, &error);
  g_assert_no_error (error);
  assert_same_properties (dummy, loaded);

  remove_tree (dir1);
  remove_tree (dir2);
}

static void
test_bundle_map_and_modify (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) sink = kitchen_sink ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(MpEstimator) copied = NULL;
  g_autoptr(MpEstimator) mapped = NULL;
  g_autoptr(MpEstimator) unverified = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *sidecar = NULL;

  g_assert_true (mp_dump (sink, path, &error));

  copied = mp_load_full (path, options, NULL, &error);
  g_assert_no_error (error);

  mp_load_options_set_map_payload (options, TRUE);
  mapped = mp_load_full (path, options, NULL, &error);
  g_assert_no_error (error);
  assert_same_properties (sink, mapped);

  mp_load_options_set_verify_checksums (options, FALSE);
  unverified = mp_load_full (path, options, NULL, &error);
  g_assert_no_error (error);
  assert_same_properties (sink, unverified);
  g_clear_object (&mapped);
  g_clear_object (&unverified);

  /* The default (copying) load does not depend on the file any more:
   * truncate and rewrite the sidecar, the estimator keeps its state. */
  names = list_dir (dir);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".bin"))
      sidecar = g_build_filename (dir, names[i], NULL);
  g_assert_nonnull (sidecar);
  g_assert_cmpint (truncate (sidecar, 0), ==, 0);
  g_file_set_contents (sidecar, "garbage", -1, NULL);
  assert_same_properties (sink, copied);

  remove_tree (dir);
}

static void
test_bundle_failing_writes (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) old_model = fitted_dummy (4);
  g_autoptr(MpEstimator) sink = kitchen_sink ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  gboolean saved = FALSE;
  guint n;

  g_assert_true (mp_dump (old_model, path, &error));
  before = list_dir (dir);

  for (n = 1; !saved && n < 1000; n++)
    {
      FailState state = { n, 0 };
      g_autoptr(MpEstimator) loaded = NULL;
      g_auto(GStrv) after = NULL;

      saved = _mp_dump_with_metadata (sink, NULL, NULL, path, wrap_failing, &state, NULL, &error);
      if (saved)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (state.n_writes, <, n);
          break;
        }

      g_assert_error (error, MP_ERROR, MP_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "injected failure"));
      g_clear_error (&error);

      /* Nothing changed: same files, and the old model loads. */
      after = list_dir (dir);
      g_assert_cmpstrv (before, after);
      loaded = mp_load_full (path, options, NULL, &error);
      g_assert_no_error (error);
      assert_same_properties (old_model, loaded);
    }

  g_test_message ("a save needed %u writes", n - 1);
  g_assert_true (saved);
  g_assert_cmpuint (n, >, 5);

  {
    g_autoptr(MpEstimator) loaded = mp_load_full (path, options, NULL, &error);
    g_auto(GStrv) names = list_dir (dir);

    g_assert_no_error (error);
    assert_same_properties (sink, loaded);
    g_assert_cmpuint (g_strv_length (names), ==, 2);
  }

  remove_tree (dir);
}

static void
test_bundle_rename_fails (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *blocker = g_build_filename (path, "keep", NULL);
  g_autoptr(MpEstimator) dummy = fitted_dummy (4);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  /* The JSON's name is taken by a non-empty directory, so the very last
   * step (renaming the JSON) fails after the sidecar was renamed. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_file_set_contents (blocker, "x", -1, NULL);

  g_assert_false (mp_dump (dummy, path, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);

  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "model.json");

  remove_tree (dir);
}

static void
test_bundle_read_only_dir (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) old_model = fitted_dummy (4);
  g_autoptr(MpEstimator) new_model = fitted_dummy (8);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_true (mp_dump (old_model, path, &error));
  before = list_dir (dir);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (access (dir, W_OK) == 0)
    {
      /* Root ignores permissions; a pseudo file system still refuses. */
      g_chmod (dir, 0755);
      g_assert_false (mp_dump (new_model, "/proc/self/model.json", &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_IO);
      remove_tree (dir);
      return;
    }

  g_assert_false (mp_dump (new_model, path, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
  g_clear_error (&error);

  after = list_dir (dir);
  g_assert_cmpstrv (before, after);
  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  assert_same_properties (old_model, loaded);

  g_chmod (dir, 0755);
  remove_tree (dir);
}

/* ---- streams, GFile and async ------------------------------------------- */

static void
test_stream_roundtrip (void)
{
  g_autoptr(MpEstimator) first = fitted_dummy (2);
  g_autoptr(MpEstimator) second = kitchen_sink ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(MpEstimator) a = NULL;
  g_autoptr(MpEstimator) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_dump_to_stream (first, out, &error));
  g_assert_true (mp_dump_to_stream (second, out, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  /* The stream form is byte for byte what mp_dumps() returns. */
  expected = mp_dumps (first, NULL);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (expected),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  /* Two models one after the other: each load consumes exactly one. */
  in = g_memory_input_stream_new_from_bytes (written);
  a = mp_load_from_stream_full (in, options, NULL, NULL, &error);
  g_assert_no_error (error);
  b = mp_load_from_stream_full (in, options, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_properties (first, a);
  assert_same_properties (second, b);
}

static void
test_stream_failing_writes (void)
{
  g_autoptr(MpEstimator) sink = kitchen_sink ();
  guint n;

  for (n = 1; n < 1000; n++)
    {
      FailState state = { n, 0 };
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autoptr(GOutputStream) failing = wrap_failing (memory, &state);
      g_autoptr(GError) error = NULL;

      if (mp_dump_to_stream (sink, failing, &error))
        {
          g_assert_cmpuint (state.n_writes, <, n);
          break;
        }
      g_assert_error (error, MP_ERROR, MP_ERROR_IO);
    }
  g_assert_cmpuint (n, >, 5);
}

static void
test_stream_file_on_disk (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.mpk", NULL);
  g_autoptr(MpEstimator) dummy = fitted_dummy (6);
  g_autoptr(GBytes) bytes = mp_dumps (dummy, NULL);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* mp_load() recognises a single-stream model saved to a file. */
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  assert_same_properties (dummy, loaded);
  remove_tree (dir);
}

static void
test_gfile_roundtrip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MpEstimator) dummy = fitted_dummy (6);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_dump_file (dummy, file, &error));
  g_assert_no_error (error);
  loaded = mp_load_file (file, &error);
  g_assert_no_error (error);
  assert_same_properties (dummy, loaded);
  remove_tree (dir);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A model compiled into a GResource, the way an application ships one:
 * the resource is built here with glib-compile-resources from a stream
 * this test saves, then read by its resource:// URI. */
static GResource *
resource_holding (const char  *dir,
                  const char  *name,
                  GBytes      *contents)
{
  g_autofree char *model = g_build_filename (dir, name, NULL);
  g_autofree char *xml = g_build_filename (dir, "test.gresource.xml", NULL);
  g_autofree char *target = g_build_filename (dir, "test.gresource", NULL);
  g_autofree char *description = g_strdup_printf (
      "<gresources><gresource prefix=\"/org/example/Test\">"
      "<file>%s</file></gresource></gresources>", name);
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;
  int status = 0;

  g_assert_true (g_file_set_contents (model, g_bytes_get_data (contents, NULL),
                                      g_bytes_get_size (contents), NULL));
  g_assert_true (g_file_set_contents (xml, description, -1, NULL));
  command = g_strdup_printf ("glib-compile-resources --sourcedir=%s --target=%s %s", dir, target, xml);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  resource = g_resource_load (target, &error);
  g_assert_no_error (error);
  return resource;
}

static void
test_gresource_load (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpEstimator) dummy = fitted_dummy (6);
  g_autoptr(GBytes) bytes = mp_dumps (dummy, NULL);
  g_autoptr(GBytes) bundle_json = g_bytes_new_static ("{}", 2);
  g_autoptr(GResource) models = NULL;
  g_autoptr(GResource) bundles = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle_dir = NULL;
  g_autoptr(MpEstimator) bundled = NULL;
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-resources");

  if (compiler == NULL)
    {
      g_test_skip ("glib-compile-resources is not installed");
      return;
    }
  dir = make_tmp_dir ();
  models = resource_holding (dir, "model.mpstream", bytes);
  g_resources_register (models);

  file = g_file_new_for_uri ("resource:///org/example/Test/model.mpstream");
  loaded = mp_load_file (file, &error);
  g_assert_no_error (error);
  assert_same_properties (dummy, loaded);
  g_clear_object (&loaded);

  mp_load_file_async (file, NULL, NULL, NULL, on_async_done, &read);
  loaded = mp_load_file_finish (wait_for (&read), &error);
  g_assert_no_error (error);
  assert_same_properties (dummy, loaded);
  g_resources_unregister (models);

  /* A bundle's JSON cannot find its sidecar through a URI. */
  bundle_dir = make_tmp_dir ();
  {
    g_autofree char *path = g_build_filename (bundle_dir, "model.json", NULL);
    g_autofree char *json = NULL;
    gsize length;

    g_assert_true (mp_dump (dummy, path, &error));
    g_assert_true (g_file_get_contents (path, &json, &length, NULL));
    g_clear_pointer (&bundle_json, g_bytes_unref);
    bundle_json = g_bytes_new (json, length);
  }
  bundles = resource_holding (bundle_dir, "bundle.json", bundle_json);
  g_resources_register (bundles);
  g_clear_object (&file);
  file = g_file_new_for_uri ("resource:///org/example/Test/bundle.json");
  bundled = mp_load_file (file, &error);
  g_assert_null (bundled);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "resource:///org/example/Test/bundle.json: not a single-stream model; "
                   "a bundle (its JSON and sidecar) loads from a local file only, so save a "
                   "single stream (mp_dumps(), mp_dump_to_stream()) to load a model from a URI");
  g_clear_error (&error);

  /* A missing resource is an I/O error naming the URI. */
  g_clear_object (&file);
  file = g_file_new_for_uri ("resource:///org/example/Test/missing.mpstream");
  g_assert_null (mp_load_file (file, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "opening resource:///org/example/Test/missing.mpstream: "));
  g_resources_unregister (bundles);

  remove_tree (dir);
  remove_tree (bundle_dir);
}

static void
test_async_roundtrip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TestComposite) outer = composite ();
  g_autoptr(MpLoadOptions) options = trusting_test_types ();
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GAsyncResult) dumped = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;

  mp_dump_file_async (MP_ESTIMATOR (outer), file, NULL, on_async_done, &dumped);
  g_assert_true (mp_dump_file_finish (wait_for (&dumped), &error));
  g_assert_no_error (error);

  mp_load_file_async (file, options, report, NULL, on_async_done, &read);
  loaded = mp_load_file_finish (wait_for (&read), &error);
  g_assert_no_error (error);
  assert_same_properties (MP_ESTIMATOR (outer), loaded);
  g_assert_cmpstr (mp_load_report_get_format_version (report), ==, "1.2");
  g_assert_cmpstr (mp_load_report_get_producer_version (report), ==, MP_VERSION_S);

  remove_tree (dir);
}

static void
test_async_cancelled (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MpEstimator) dummy = fitted_dummy (6);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) dumped = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_cancellable_cancel (cancellable);
  mp_dump_file_async (dummy, file, cancellable, on_async_done, &dumped);
  g_assert_false (mp_dump_file_finish (wait_for (&dumped), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  remove_tree (dir);
}

/* ---- reports, versions and metadata ------------------------------------- */

/* Rebuilds a single-stream model with its JSON edited by @edit. */
static GBytes *
edit_stream (GBytes     *bytes,
             const char *from,
             const char *to)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint64 json_length, payload_offset, payload_length, v;
  g_autofree char *json = NULL;
  g_autoptr(GString) edited = NULL;
  gsize offset;
  guint8 *out;

  /* The header's integers are little-endian on every host. */
  memcpy (&v, data + 16, 8);
  json_length = GUINT64_FROM_LE (v);
  memcpy (&v, data + 24, 8);
  payload_offset = GUINT64_FROM_LE (v);
  memcpy (&v, data + 32, 8);
  payload_length = GUINT64_FROM_LE (v);
  json = g_strndup ((const char *) data + 64, json_length);
  edited = g_string_new (json);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);

  offset = (64 + edited->len + 63) / 64 * 64;
  out = g_malloc0 (offset + payload_length);
  memcpy (out, data, 64);
  v = GUINT64_TO_LE ((guint64) edited->len);
  memcpy (out + 16, &v, 8);
  v = GUINT64_TO_LE ((guint64) offset);
  memcpy (out + 24, &v, 8);
  memcpy (out + 64, edited->str, edited->len);
  memcpy (out + offset, data + payload_offset, payload_length);
  return g_bytes_new_take (out, offset + payload_length);
}

static void
test_report_versions (void)
{
  g_autoptr(MpEstimator) dummy = fitted_dummy (2);
  g_autoptr(GBytes) bytes = mp_dumps (dummy, NULL);
  g_autoptr(GBytes) v1 = edit_stream (bytes, "\"library_version\": \"" MP_VERSION_S "\"",
                                      "\"library_version\": \"9.9.9\"");
  g_autoptr(GBytes) v2 = edit_stream (v1, "\"format_version\": \"1.2\"",
                                      "\"format_version\": \"1.7\", \"future\": {\"x\": 1}");
  g_autoptr(GBytes) v3 = edit_stream (bytes, "\"format_version\": \"1.2\"",
                                      "\"format_version\": \"2.0\"");
  g_autoptr(GBytes) v4 = edit_stream (bytes, "\"format_version\": \"1.2\"",
                                      "\"format_version\": \"1.2\", \"future\": {}");
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  const char * const *warnings;

  loaded = mp_loads_full (bytes, NULL, report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) mp_load_report_get_warnings (report)), ==, 0);
  fields = mp_load_report_list_producer_fields (report);
  g_assert_true (g_strv_contains ((const char * const *) fields, "xxhash_version"));
  g_assert_cmpstr (mp_load_report_get_producer_field (report, "byte_order"), ==,
                   G_BYTE_ORDER == G_LITTLE_ENDIAN ? "little" : "big");
  g_clear_object (&loaded);

  /* An unknown member in the current version is malformed... */
  loaded = mp_loads (v4, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* ...but a newer minor version loads, with a warning per surprise. */
  loaded = mp_loads_full (v2, NULL, report, &error);
  g_assert_no_error (error);
  warnings = mp_load_report_get_warnings (report);
  g_assert_cmpuint (g_strv_length ((GStrv) warnings), ==, 2);
  g_assert_nonnull (strstr (warnings[0], "1.7"));
  g_assert_nonnull (strstr (warnings[1], "saved by libmodelpersist 9.9.9"));
  g_assert_cmpstr (mp_load_report_get_producer_version (report), ==, "9.9.9");
  g_assert_cmpstr (mp_load_report_get_format_version (report), ==, "1.7");
  g_clear_object (&loaded);

  /* A newer major version is refused with a clear message. */
  loaded = mp_loads_full (v3, NULL, report, &error);
  g_assert_null (loaded);
  g_assert_error (error, MP_ERROR, MP_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "upgrade libmodelpersist"));
}

static void
test_metadata_hook (void)
{
  g_autoptr(MpEstimator) dummy = fitted_dummy (2);
  g_autoptr(JsonNode) metadata =
    json_from_string ("{\"source\": {\"program\": \"p\"}, \"annotations\": {\"b\": \"x\", \"a\": \"y\"}}",
                      NULL);
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  first = _mp_dumps_with_metadata (dummy, metadata, NULL, &error);
  g_assert_no_error (error);
  second = _mp_dumps_with_metadata (dummy, metadata, NULL, &error);
  g_assert_true (g_bytes_equal (first, second));

  loaded = mp_loads_full (first, NULL, report, &error);
  g_assert_no_error (error);
  text = mp_load_report_get_metadata_json (report);
  g_assert_cmpstr (text, ==,
                   "{\n  \"annotations\": {\n    \"a\": \"y\",\n    \"b\": \"x\"\n  },\n"
                   "  \"source\": {\n    \"program\": \"p\"\n  }\n}");
  g_assert_true (json_node_equal (_mp_load_report_get_metadata (report), metadata));
}

/* Format 1.0 metadata follows the MpModelInfo schema: a member it does
 * not define is refused, with its path. */
static void
test_metadata_unknown_member (void)
{
  g_autoptr(MpEstimator) dummy = fitted_dummy (2);
  g_autoptr(JsonNode) metadata = json_from_string ("{\"z\": [0.1, -0.0, \"s\"]}", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;

  bytes = _mp_dumps_with_metadata (dummy, metadata, NULL, &error);
  g_assert_no_error (error);
  loaded = mp_loads (bytes, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, "$.metadata.z"));
}

static void
test_json_format_is_canonical (void)
{
  g_autoptr(MpEstimator) sink = g_object_new (TEST_TYPE_KITCHEN_SINK, "alpha", 0.1,
                                              "huge", G_MAXUINT64, "beta", (gfloat) INFINITY,
                                              NULL);
  g_autoptr(GBytes) bytes = mp_dumps (sink, NULL);
  const char *data = g_bytes_get_data (bytes, NULL);
  guint64 json_length;
  g_autofree char *json = NULL;

  memcpy (&json_length, data + 16, 8);
  json_length = GUINT64_FROM_LE (json_length);
  json = g_strndup (data + 64, json_length);
  g_assert_nonnull (strstr (json, "\"alpha\": 0.1,"));
  g_assert_nonnull (strstr (json, "\"beta\": \"inf\","));
  g_assert_nonnull (strstr (json, "\"huge\": \"18446744073709551615\","));
  g_assert_nonnull (strstr (json, "\"binding\": [],"));
  g_assert_nonnull (strstr (json, "\"label\": null,"));
  g_assert_true (g_str_has_prefix (json, "{\n  \"estimator\": {"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_type_ensure (TEST_TYPE_KITCHEN_SINK);
  g_type_ensure (TEST_TYPE_COMPOSITE);

  g_test_add_func ("/persist/roundtrip/dummy", test_roundtrip_dummy);
  g_test_add_func ("/persist/roundtrip/unfitted", test_roundtrip_unfitted);
  g_test_add_func ("/persist/roundtrip/dtypes", test_roundtrip_dtypes);
  g_test_add_func ("/persist/roundtrip/doubles", test_roundtrip_doubles);
  g_test_add_func ("/persist/roundtrip/nested", test_roundtrip_nested);
  g_test_add_func ("/persist/roundtrip/untrusted-child", test_untrusted_child);
  g_test_add_func ("/persist/roundtrip/cycle", test_cycle_refused);
  g_test_add_func ("/persist/bundle/roundtrip", test_bundle_roundtrip);
  g_test_add_func ("/persist/bundle/moved", test_bundle_moved);
  g_test_add_func ("/persist/bundle/without-arrays", test_bundle_without_arrays);
  g_test_add_func ("/persist/bundle/map-and-modify", test_bundle_map_and_modify);
  g_test_add_func ("/persist/bundle/failing-writes", test_bundle_failing_writes);
  g_test_add_func ("/persist/bundle/rename-fails", test_bundle_rename_fails);
  g_test_add_func ("/persist/bundle/read-only-dir", test_bundle_read_only_dir);
  g_test_add_func ("/persist/stream/roundtrip", test_stream_roundtrip);
  g_test_add_func ("/persist/stream/failing-writes", test_stream_failing_writes);
  g_test_add_func ("/persist/stream/file-on-disk", test_stream_file_on_disk);
  g_test_add_func ("/persist/gfile/roundtrip", test_gfile_roundtrip);
  g_test_add_func ("/persist/gfile/gresource", test_gresource_load);
  g_test_add_func ("/persist/async/roundtrip", test_async_roundtrip);
  g_test_add_func ("/persist/async/cancelled", test_async_cancelled);
  g_test_add_func ("/persist/report/versions", test_report_versions);
  g_test_add_func ("/persist/report/metadata", test_metadata_hook);
  g_test_add_func ("/persist/report/metadata-unknown-member", test_metadata_unknown_member);
  g_test_add_func ("/persist/format/canonical-json", test_json_format_is_canonical);

  return g_test_run ();
}
