/* persist-strings.c: str arrays in files. A stored str array is an offsets
 * table and UTF-8 text (docs/format.md, 3.1); every way the table or the
 * text can lie must be refused with MP_ERROR_INVALID_ARRAY (or
 * LIMIT_EXCEEDED) naming the array, and a mapped sidecar must not be able
 * to change a loaded str array.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

#include "mp-format-private.h"
#include "persist-test-types.h"

#define FIELD "$.estimator.state.str_"

/* The stored form of a str array: n + 1 little-endian u64 offsets, then
 * @text_length bytes of text. */
static GByteArray *
stored (const guint64 *offsets,
        gsize          n_offsets,
        const char    *text,
        gsize          text_length)
{
  GByteArray *out = g_byte_array_new ();

  for (gsize i = 0; i < n_offsets; i++)
    {
      guint64 le = GUINT64_TO_LE (offsets[i]);
      g_byte_array_append (out, (const guint8 *) &le, sizeof le);
    }
  g_byte_array_append (out, (const guint8 *) text, text_length);
  return out;
}

/* The JSON of a fitted TestKitchenSink whose only array is "str_", shaped
 * @shape_text, stored as @payload. */
static char *
document (const char *shape_text,
          guint64     nbytes,
          GByteArray *payload,
          const char *sidecar)
{
  g_autofree char *checksum = _mp_format_checksum (payload->data, payload->len);
  g_autofree char *file = sidecar != NULL ? g_strdup_printf ("\"file\": \"%s\", ", sidecar)
                                          : g_strdup ("");

  return g_strdup_printf (
    "{\"estimator\": {\"fitted\": true, \"params\": {}, \"state\": {\"n_features_in_\": 1, "
    "\"b_\": null, \"empty_\": null, \"f32_\": null, \"f64_\": null, \"i32_\": null, "
    "\"i64_\": null, \"scalar_\": null, \"u8_\": null, "
    "\"str_\": {\"checksum\": \"%s\", \"dtype\": \"utf8\", \"nbytes\": %" G_GUINT64_FORMAT ", "
    "\"offset\": 0, \"shape\": %s}}, \"type\": \"TestKitchenSink\"}, "
    "\"format\": \"libmodelpersist\", \"format_version\": \"1.2\", "
    "\"payload\": {%s\"nbytes\": %u}, \"producer\": {\"library\": \"libmodelpersist\"}}",
    checksum, nbytes, shape_text, file, payload->len);
}

/* A single stream of @json and @payload. */
static GBytes *
stream_of (const char *json,
           GByteArray *payload)
{
  gsize length = strlen (json);
  gsize offset = (64 + length + 63) / 64 * 64;
  guint8 *data = g_malloc0 (offset + payload->len);
  guint64 v;

  memcpy (data, "\x89MPERSI\n", 8);
  data[8] = 1;
  v = GUINT64_TO_LE ((guint64) length);
  memcpy (data + 16, &v, 8);
  v = GUINT64_TO_LE ((guint64) offset);
  memcpy (data + 24, &v, 8);
  v = GUINT64_TO_LE ((guint64) payload->len);
  memcpy (data + 32, &v, 8);
  memcpy (data + 64, json, length);
  memcpy (data + offset, payload->data, payload->len);
  return g_bytes_new_take (data, offset + payload->len);
}

static MpLoadOptions *
options (void)
{
  MpLoadOptions *o = mp_load_options_new ();

  mp_load_options_trust_type (o, TEST_TYPE_KITCHEN_SINK);
  return o;
}

static MpEstimator *
load (const char    *shape_text,
      GByteArray    *payload,
      MpLoadOptions *opts,
      GError       **error)
{
  g_autofree char *json = document (shape_text, payload->len, payload, NULL);
  g_autoptr(GBytes) stream = stream_of (json, payload);

  return mp_loads_full (stream, opts, NULL, error);
}

static void
test_valid (void)
{
  const guint64 offsets[] = { 0, 6, 6, 11, 15 };
  const char text[] = "setosa" "" "caf\xc3\xa9" "\xf0\x9f\x8c\xb8";
  g_autoptr(GByteArray) payload = stored (offsets, 5, text, sizeof text - 1);
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) sink = load ("[2, 2]", payload, opts, &error);
  g_autoptr(MpArray) str = NULL;

  g_assert_no_error (error);
  g_object_get (sink, "str", &str, NULL);
  g_assert_cmpint (mp_array_get_dtype (str), ==, MP_DTYPE_STRING);
  g_assert_cmpuint (mp_array_get_dim (str, 0), ==, 2);
  g_assert_cmpstr (mp_array_get_string (str, 0), ==, "setosa");
  g_assert_cmpstr (mp_array_get_string (str, 1), ==, "");
  g_assert_cmpstr (mp_array_get_string (str, 2), ==, "caf\xc3\xa9");
  g_assert_cmpstr (mp_array_get_string (str, 3), ==, "\xf0\x9f\x8c\xb8");
}

static void
test_empty (void)
{
  const guint64 offsets[] = { 0 };
  g_autoptr(GByteArray) payload = stored (offsets, 1, "", 0);
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) sink = load ("[0]", payload, opts, &error);
  g_autoptr(MpArray) str = NULL;

  g_assert_no_error (error);
  g_object_get (sink, "str", &str, NULL);
  g_assert_cmpuint (mp_array_get_n_elements (str), ==, 0);
}

/* The writer's bytes are exactly the layout the cases below break. */
static void
test_writer_layout (void)
{
  const char * const labels[] = { "ab", "", "\xc3\xa9" };
  const gsize three[] = { 3 };
  const guint64 offsets[] = { 0, 2, 2, 4 };
  g_autoptr(GByteArray) expected = stored (offsets, 4, "ab\xc3\xa9", 4);
  g_autoptr(MpArray) str = mp_array_new_strings (labels, 3, three, 1, NULL);
  g_autoptr(GBytes) le = _mp_format_array_to_le (str);

  g_assert_cmpmem (g_bytes_get_data (le, NULL), g_bytes_get_size (le), expected->data, expected->len);
  g_assert_cmpuint (_mp_format_stored_size (str), ==, expected->len);
}

typedef struct {
  const char    *name;
  const char    *shape;
  const guint64  offsets[6];
  gsize          n_offsets;
  const char    *text;
  gsize          text_length;
  int            code;
  const char    *message;     /* after FIELD ": " */
} BadCase;

static const BadCase bad_cases[] = {
  { "first-offset-not-zero", "[2]", { 1, 2, 3 }, 3, "abc", 3,
    MP_ERROR_INVALID_ARRAY, "string offset 0 is 1, must be 0" },
  { "offsets-decreasing", "[3]", { 0, 3, 1, 4 }, 4, "abcd", 4,
    MP_ERROR_INVALID_ARRAY, "string offset 2 is 1, below the one before" },
  { "offset-past-end", "[2]", { 0, 99, 3 }, 3, "abc", 3,
    MP_ERROR_INVALID_ARRAY, "string offset 1 is 99, past the end of the text" },
  { "offset-wraps", "[2]", { 0, G_MAXUINT64, 3 }, 3, "abc", 3,
    MP_ERROR_INVALID_ARRAY, "string offset 1 is 18446744073709551615, past the end of the text" },
  { "last-offset-short", "[2]", { 0, 1, 2 }, 3, "abc", 3,
    MP_ERROR_INVALID_ARRAY, "string offset 2 (the last) is 2, but the text after the 24-byte "
                            "offsets table is 3 bytes" },
  { "last-offset-long", "[1]", { 0, 4 }, 2, "abc", 3,
    MP_ERROR_INVALID_ARRAY, "string offset 1 (the last) is 4" },
  { "invalid-utf8", "[2]", { 0, 1, 3 }, 3, "a\xc3\x28", 3,
    MP_ERROR_INVALID_ARRAY, "string element 1 is not valid UTF-8 at its byte 0" },
  { "truncated-sequence", "[1]", { 0, 2 }, 2, "\xe2\x82", 2,
    MP_ERROR_INVALID_ARRAY, "string element 0 is not valid UTF-8" },
  { "overlong-encoding", "[1]", { 0, 2 }, 2, "\xc0\xaf", 2,
    MP_ERROR_INVALID_ARRAY, "string element 0 is not valid UTF-8" },
  { "surrogate", "[1]", { 0, 3 }, 2, "\xed\xa0\x80", 3,
    MP_ERROR_INVALID_ARRAY, "string element 0 is not valid UTF-8" },
  { "embedded-nul", "[2]", { 0, 1, 4 }, 3, "xa\0b", 4,
    MP_ERROR_INVALID_ARRAY, "string element 1 holds U+0000 at its byte 1" },
  /* A sequence split between two elements is invalid in both. */
  { "sequence-across-elements", "[2]", { 0, 1, 2 }, 3, "\xc3\xa9", 2,
    MP_ERROR_INVALID_ARRAY, "string element 0 is not valid UTF-8" },
};

static void
run_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GByteArray) payload = stored (c->offsets, c->n_offsets, c->text, c->text_length);
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf (FIELD ": %s", c->message);
  g_autoptr(MpEstimator) sink = NULL;

  /* With and without checksums: the checks are the loader's defence, a
   * checksum only detects accidents. */
  for (int verify = 1; verify >= 0; verify--)
    {
      mp_load_options_set_verify_checksums (opts, verify);
      sink = load (c->shape, payload, opts, &error);
      g_test_message ("%s: %s", c->name, error != NULL ? error->message : "(loaded)");
      g_assert_null (sink);
      g_assert_error (error, MP_ERROR, c->code);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_clear_error (&error);
    }
}

/* nbytes too small for the table the shape needs: refused from the
 * descriptor alone, before the payload is read. */
static void
test_nbytes_below_table (void)
{
  const guint64 offsets[] = { 0, 1 };
  g_autoptr(GByteArray) payload = stored (offsets, 2, "a", 1);
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = document ("[3]", payload->len, payload, NULL);
  g_autoptr(GBytes) stream = stream_of (json, payload);
  g_autoptr(MpEstimator) sink = mp_loads_full (stream, opts, NULL, &error);

  g_assert_null (sink);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY);
  g_assert_cmpstr (error->message, ==, FIELD ": nbytes is 17 but the offsets table of a str array "
                                       "of this shape alone needs 32");
}

static void
test_table_overflows (void)
{
  const guint64 offsets[] = { 0 };
  g_autoptr(GByteArray) payload = stored (offsets, 1, "", 0);
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = document ("[2305843009213693952]", payload->len, payload, NULL);
  g_autoptr(GBytes) stream = stream_of (json, payload);
  g_autoptr(MpEstimator) sink = mp_loads_full (stream, opts, NULL, &error);

  g_assert_null (sink);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY);
  g_assert_cmpstr (error->message, ==, FIELD ": shape's offsets table overflows");
}

static void
test_too_many_elements (void)
{
  const guint64 offsets[] = { 0, 1, 2, 3 };
  g_autoptr(GByteArray) payload = stored (offsets, 4, "abc", 3);
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) sink = NULL;

  g_assert_cmpuint (mp_load_options_get_max_string_elements (opts), ==,
                    MP_LOAD_DEFAULT_MAX_STRING_ELEMENTS);

  mp_load_options_set_max_string_elements (opts, 3);
  sink = load ("[3]", payload, opts, &error);
  g_assert_no_error (error);
  g_clear_object (&sink);

  mp_load_options_set_max_string_elements (opts, 2);
  sink = load ("[3]", payload, opts, &error);
  g_assert_null (sink);
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
  g_assert_cmpstr (error->message, ==, FIELD ": 3 str elements, more than the max-string-elements "
                                       "limit of 2 in one file");
}

/* A mapped sidecar rewritten in place after the load changes numeric
 * arrays (docs/security.md, "Map or copy"), never a str array: its
 * offsets and text were copied when they were checked. */
static void
test_mapped_sidecar_rewritten (void)
{
  const guint64 offsets[] = { 0, 2, 5 };
  g_autoptr(GByteArray) payload = stored (offsets, 3, "abcde", 5);
  g_autoptr(GByteArray) hostile = stored ((const guint64[]) { 0, 999, 5 }, 3, "\xff\xff\0\0\0", 5);
  g_autofree char *dir = g_dir_make_tmp ("mp-strings-XXXXXX", NULL);
  g_autofree char *json_path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *bin_path = g_build_filename (dir, "model.bin", NULL);
  g_autofree char *json = document ("[2]", payload->len, payload, "model.bin");
  g_autoptr(MpLoadOptions) opts = options ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) sink = NULL;
  g_autoptr(MpArray) str = NULL;
  int fd;

  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
  g_assert_true (g_file_set_contents (bin_path, (const char *) payload->data, payload->len, NULL));

  mp_load_options_set_map_payload (opts, TRUE);
  sink = mp_load_full (json_path, opts, NULL, &error);
  g_assert_no_error (error);
  g_object_get (sink, "str", &str, NULL);

  /* Same inode, same length: what another process writing the file does. */
  fd = open (bin_path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, hostile->data, hostile->len), ==, (gssize) hostile->len);
  close (fd);

  g_assert_cmpstr (mp_array_get_string (str, 0), ==, "ab");
  g_assert_cmpstr (mp_array_get_string (str, 1), ==, "cde");

  g_unlink (bin_path);
  g_unlink (json_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_type_ensure (TEST_TYPE_KITCHEN_SINK);

  g_test_add_func ("/persist/strings/valid", test_valid);
  g_test_add_func ("/persist/strings/empty", test_empty);
  g_test_add_func ("/persist/strings/writer-layout", test_writer_layout);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/persist/strings/hostile/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], run_bad_case);
    }
  g_test_add_func ("/persist/strings/hostile/nbytes-below-table", test_nbytes_below_table);
  g_test_add_func ("/persist/strings/hostile/table-overflows", test_table_overflows);
  g_test_add_func ("/persist/strings/hostile/too-many-elements", test_too_many_elements);
  g_test_add_func ("/persist/strings/mapped-sidecar-rewritten", test_mapped_sidecar_rewritten);

  return g_test_run ();
}
