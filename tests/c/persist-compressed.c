/* persist-compressed.c: models saved with MpSaveOptions:compress, through
 * every container and every kind of load
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <modelpersist.h>

#include "tiled-digits.h"

/* ---- helpers ------------------------------------------------------------ */

/* A KNN on digits: 1797 x 64 float64 features of small integers, which
 * compress well, and several arrays of different sizes. With
 * @string_labels the classes are words, so one array is a str array. */
static MpEstimator *
fitted_knn (gboolean string_labels)
{
  static const char * const words[] = { "zero", "one", "two", "three", "four",
                                         "five", "six", "seven", "eight", "nine" };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) digits = mp_load_digits (&error);
  g_autoptr(MpArray) labels = NULL;
  MpEstimator *knn = mp_k_neighbors_classifier_new ();
  MpArray *y;

  g_assert_no_error (error);
  y = mp_dataset_get_target (digits);
  if (string_labels)
    {
      gsize n = mp_array_get_n_elements (y);
      g_autofree const char **named = g_new (const char *, n);
      const gint64 *values = mp_array_get_int64_data (y);

      for (gsize i = 0; i < n; i++)
        named[i] = words[values[i]];
      labels = mp_array_new_strings (named, n, &n, 1, &error);
      g_assert_no_error (error);
      y = labels;
    }
  g_assert_true (mp_estimator_fit (knn, mp_dataset_get_data (digits), y, &error));
  g_assert_no_error (error);
  return knn;
}

static MpSaveOptions *
compressing (guint level)
{
  MpSaveOptions *options = mp_save_options_new ();

  mp_save_options_set_compress (options, level);
  return options;
}

/* The JSON document of a single-stream model. */
static char *
stream_json (GBytes *bytes)
{
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  guint64 length;

  memcpy (&length, data + 16, 8);
  return g_strndup ((const char *) data + 64, (gsize) GUINT64_FROM_LE (length));
}

static guint
count_of (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Two models are the same when their uncompressed saves are the same
 * bytes: every hyperparameter and every fitted array. */
static void
assert_same_model (MpEstimator *expected,
                   MpEstimator *actual)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = mp_dumps (expected, &error);
  g_autoptr(GBytes) b = mp_dumps (actual, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mp-compressed-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Where chunk @chunk of the state array @member starts in the payload,
 * read from the document @json. */
static guint64
chunk_offset (const char *json,
              const char *member,
              guint       chunk)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *d, *compression;
  JsonArray *chunks;
  guint64 at;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  d = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (
        json_node_get_object (json_parser_get_root (parser)), "estimator"), "state"), member);
  compression = json_object_get_object_member (d, "compression");
  chunks = json_object_get_array_member (compression, "chunks");
  g_assert_cmpuint (json_array_get_length (chunks), >, chunk);
  at = (guint64) json_object_get_int_member (d, "offset");
  for (guint i = 0; i < chunk; i++)
    at += (guint64) json_array_get_int_element (chunks, i);
  return at;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_bytes_roundtrip (void)
{
  g_autoptr(MpEstimator) knn = fitted_knn (FALSE);
  g_autoptr(MpSaveOptions) options = compressing (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = mp_dumps (knn, &error);
  g_autoptr(GBytes) small = mp_dumps_full (knn, options, NULL, &error);
  g_autoptr(GBytes) again = mp_dumps_full (knn, options, NULL, &error);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  /* Digits' pixels are integers from 0 to 16: a quarter is plenty. */
  g_assert_cmpuint (g_bytes_get_size (small), <, g_bytes_get_size (plain) / 4);
  g_assert_true (g_bytes_equal (small, again));

  json = stream_json (small);
  g_assert_nonnull (strstr (json, "\"format_version\": \"1.3\""));
  g_assert_nonnull (strstr (json, "\"codec\": \"zstd\""));
  g_assert_nonnull (strstr (json, "\"chunk_nbytes\": 1048576"));
  /* The codec shaped the bytes, so the producer names its version. */
  g_assert_nonnull (strstr (json, "\"zstd_version\": \""));

  loaded = mp_loads (small, &error);
  g_assert_no_error (error);
  assert_same_model (knn, loaded);
}

static void
test_level_zero_is_uncompressed (void)
{
  g_autoptr(MpEstimator) knn = fitted_knn (FALSE);
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = mp_dumps (knn, &error);
  g_autoptr(GBytes) zero = mp_dumps_full (knn, options, NULL, &error);
  g_autoptr(GBytes) defaults = mp_dumps_full (knn, NULL, NULL, &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (mp_save_options_get_compress (options), ==, 0);
  g_assert_true (g_bytes_equal (plain, zero));
  g_assert_true (g_bytes_equal (plain, defaults));
  json = stream_json (plain);
  g_assert_nonnull (strstr (json, "\"format_version\": \"1.2\""));
  g_assert_null (strstr (json, "\"compression\""));
  g_assert_null (strstr (json, "\"zstd_version\""));
}

/* Every level from the fastest to the smallest gives a file that loads
 * to the same model; a higher level is never much larger. */
static void
test_levels (void)
{
  g_autoptr(MpEstimator) knn = fitted_knn (FALSE);
  gsize fastest = 0;

  for (guint level = 1; level <= MP_SAVE_MAX_COMPRESS; level += 6)
    {
      g_autoptr(MpSaveOptions) options = compressing (level);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = mp_dumps_full (knn, options, NULL, &error);
      g_autoptr(MpEstimator) loaded = NULL;

      g_assert_no_error (error);
      if (level == 1)
        fastest = g_bytes_get_size (bytes);
      else
        g_assert_cmpuint (g_bytes_get_size (bytes), <=, fastest + fastest / 20);
      loaded = mp_loads (bytes, &error);
      g_assert_no_error (error);
      assert_same_model (knn, loaded);
    }
}

/* Arrays that do not get smaller are stored as they are, with no
 * compression member; the file stays 1.2 when none does. */
static void
test_small_arrays_stay_plain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();
  g_autoptr(MpSaveOptions) options = compressing (3);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;

  g_assert_true (mp_estimator_fit (scaler, mp_dataset_get_data (iris), NULL, &error));
  g_assert_no_error (error);

  /* A scaler's arrays are four numbers each: a zstd frame's header alone
   * is about as long, so nothing is gained and nothing compressed. */
  plain = mp_dumps (scaler, &error);
  bytes = mp_dumps_full (scaler, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, bytes));
  json = stream_json (bytes);
  g_assert_nonnull (strstr (json, "\"format_version\": \"1.2\""));
}

static void
test_string_labels (void)
{
  g_autoptr(MpEstimator) knn = fitted_knn (TRUE);
  g_autoptr(MpSaveOptions) options = compressing (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mp_dumps_full (knn, options, NULL, &error);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpArray) classes = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json = stream_json (bytes);
  g_assert_nonnull (strstr (json, "\"dtype\": \"utf8\""));
  loaded = mp_loads (bytes, &error);
  g_assert_no_error (error);
  assert_same_model (knn, loaded);
  g_object_get (loaded, "classes", &classes, NULL);
  g_assert_cmpstr (mp_array_get_string (classes, 0), ==, "eight");
}

/* A bundle loads the same copied, mapped, by GFile and asynchronously;
 * the sidecar holds exactly the stored chunks. */
static void
test_bundle (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MpEstimator) knn = fitted_knn (TRUE);
  g_autoptr(MpSaveOptions) options = compressing (3);
  g_autoptr(MpLoadOptions) mapping = mp_load_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stream = mp_dumps_full (knn, options, NULL, &error);
  g_autofree char *json = NULL;
  g_autofree char *stream_doc = NULL;
  MpEstimator *loaded;

  g_assert_true (mp_dump_full (knn, path, options, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The same document as the single stream's, but for the sidecar's name. */
  json = read_text (path);
  stream_doc = stream_json (stream);
  g_assert_cmpuint (count_of (json, "\"compression\""), ==, count_of (stream_doc, "\"compression\""));
  g_assert_cmpuint (count_of (json, "\"compression\""), >=, 2);

  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  assert_same_model (knn, loaded);
  g_object_unref (loaded);

  mp_load_options_set_map_payload (mapping, TRUE);
  loaded = mp_load_full (path, mapping, NULL, &error);
  g_assert_no_error (error);
  assert_same_model (knn, loaded);
  g_object_unref (loaded);

  loaded = mp_load_file_full (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_model (knn, loaded);
  g_object_unref (loaded);

  remove_dir (dir);
}

/* Models follow each other in one stream: a compressed one is read
 * exactly to its end, chunk by chunk. */
static void
test_stream (void)
{
  g_autoptr(MpEstimator) knn = fitted_knn (FALSE);
  g_autoptr(MpEstimator) words = fitted_knn (TRUE);
  g_autoptr(MpSaveOptions) options = compressing (5);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) first = NULL;
  g_autoptr(MpEstimator) second = NULL;
  g_autoptr(MpEstimator) third = NULL;

  g_assert_true (mp_dump_to_stream_full (knn, out, options, NULL, NULL, &error));
  g_assert_true (mp_dump_to_stream (words, out, &error));
  g_assert_true (mp_dump_to_stream_full (words, out, options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  /* The stream's bytes are mp_dumps_full()'s. */
  expected = mp_dumps_full (knn, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (expected),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  in = g_memory_input_stream_new_from_bytes (written);
  first = mp_load_from_stream (in, &error);
  g_assert_no_error (error);
  second = mp_load_from_stream (in, &error);
  g_assert_no_error (error);
  third = mp_load_from_stream (in, &error);
  g_assert_no_error (error);
  assert_same_model (knn, first);
  assert_same_model (words, second);
  assert_same_model (words, third);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The asynchronous save takes the options and the info as they were when
 * it started. */
static void
test_async_with_info (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MpEstimator) knn = fitted_knn (FALSE);
  g_autoptr(MpSaveOptions) options = compressing (3);
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GAsyncResult) dumped = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpModelInfo) read_info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  mp_model_info_set_annotation (info, "purpose", "compressed async save");
  mp_dump_file_full_async (knn, file, options, info, NULL, on_done, &dumped);
  mp_save_options_set_compress (options, 0);
  mp_model_info_set_annotation (info, "purpose", "changed after the call");
  g_assert_true (mp_dump_file_finish (wait_for (&dumped), &error));
  g_assert_no_error (error);

  json = read_text (path);
  g_assert_nonnull (strstr (json, "\"format_version\": \"1.3\""));
  loaded = mp_load_full (path, NULL, report, &error);
  g_assert_no_error (error);
  assert_same_model (knn, loaded);
  g_assert_cmpstr (mp_load_report_get_format_version (report), ==, "1.3");
  read_info = mp_load_report_get_model_info (report);
  g_assert_cmpstr (mp_model_info_get_annotation (read_info, "purpose"), ==,
                   "compressed async save");

  remove_dir (dir);
}

/* A cancelled compressed save leaves the previous model as it was. */
static void
test_cancelled_keeps_previous (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) words = fitted_knn (TRUE);
  g_autoptr(MpEstimator) knn = fitted_knn (FALSE);
  g_autoptr(MpSaveOptions) options = compressing (3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (mp_dump_full (words, path, options, NULL, NULL, &error));
  g_assert_no_error (error);
  before = read_text (path);

  g_cancellable_cancel (cancellable);
  g_assert_false (mp_dump_full (knn, path, options, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = read_text (path);
  g_assert_cmpstr (before, ==, after);
  loaded = mp_load (path, NULL);
  assert_same_model (words, loaded);
  remove_dir (dir);
}

/* Damage in two chunks of an array decompressed on several threads: the
 * error names the first, from memory, a copied sidecar and a mapped one. */
static void
test_damaged_chunks_named_in_order (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) knn = test_tiled_digits_knn (12);
  g_autoptr(MpSaveOptions) options = compressing (1);
  g_autoptr(MpLoadOptions) mapping = mp_load_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mp_dumps_full (knn, options, NULL, &error);
  g_autofree char *json = stream_json (bytes);
  g_autofree char *bundle_json = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree guint8 *damaged = NULL;
  g_autoptr(GBytes) damaged_bytes = NULL;
  g_autoptr(GDir) listing = NULL;
  guint64 payload_at;
  gsize size, sidecar_length;
  const char *name;
  const char *expected = "$.estimator.state._fit_X: chunk 2 (";
  MpEstimator *loaded;

  g_assert_no_error (error);
  memcpy (&payload_at, (const guint8 *) g_bytes_get_data (bytes, &size) + 24, 8);
  payload_at = GUINT64_FROM_LE (payload_at);

  /* A zstd frame starts with its magic number: change it, in chunk 7
   * first, then in chunk 2. */
  damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  damaged[payload_at + chunk_offset (json, "_fit_X", 7)] ^= 0xff;
  damaged[payload_at + chunk_offset (json, "_fit_X", 2)] ^= 0xff;
  damaged_bytes = g_bytes_new (damaged, size);
  loaded = mp_loads (damaged_bytes, &error);
  g_assert_null (loaded);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, "not a zstd frame of its 1048576 bytes: "));
  g_clear_error (&error);

  g_assert_true (mp_dump_full (knn, path, options, NULL, NULL, &error));
  g_assert_no_error (error);
  bundle_json = read_text (path);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".bin"))
      sidecar = g_build_filename (dir, name, NULL);
  g_assert_nonnull (sidecar);
  {
    g_autofree char *data = NULL;

    g_assert_true (g_file_get_contents (sidecar, &data, &sidecar_length, &error));
    data[chunk_offset (bundle_json, "_fit_X", 7)] ^= 0xff;
    data[chunk_offset (bundle_json, "_fit_X", 2)] ^= 0xff;
    g_assert_true (g_file_set_contents (sidecar, data, (gssize) sidecar_length, &error));
    g_assert_no_error (error);
  }

  loaded = mp_load (path, &error);
  g_assert_null (loaded);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  mp_load_options_set_map_payload (mapping, TRUE);
  loaded = mp_load_full (path, mapping, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY);
  g_assert_true (g_str_has_prefix (error->message, expected));

  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/persist-compressed/bytes", test_bytes_roundtrip);
  g_test_add_func ("/persist-compressed/level-zero", test_level_zero_is_uncompressed);
  g_test_add_func ("/persist-compressed/levels", test_levels);
  g_test_add_func ("/persist-compressed/small-arrays", test_small_arrays_stay_plain);
  g_test_add_func ("/persist-compressed/string-labels", test_string_labels);
  g_test_add_func ("/persist-compressed/bundle", test_bundle);
  g_test_add_func ("/persist-compressed/stream", test_stream);
  g_test_add_func ("/persist-compressed/async-with-info", test_async_with_info);
  g_test_add_func ("/persist-compressed/cancelled", test_cancelled_keeps_previous);
  g_test_add_func ("/persist-compressed/damaged-chunks", test_damaged_chunks_named_in_order);

  return g_test_run ();
}
