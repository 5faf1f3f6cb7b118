/* persist-hostile.c: the loader against hostile input. Each case of
 * tests/corpus/hostile/MANIFEST must fail with exactly its MP_ERROR code;
 * a few cases that cannot be stored as plain files are built here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

typedef struct {
  char    *file;
  char    *code_name;
  int      code;          /* -1 for "OK" */
  GStrv    options;
} HostileCase;

static void
hostile_case_free (gpointer data)
{
  HostileCase *c = data;

  g_free (c->file);
  g_free (c->code_name);
  g_strfreev (c->options);
  g_free (c);
}

static int
code_from_name (const char *name)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MP_TYPE_ERROR);
  g_autofree char *full = g_strconcat ("MP_ERROR_", name, NULL);
  GEnumValue *value;

  if (strcmp (name, "OK") == 0)
    return -1;
  value = g_enum_get_value_by_name (klass, full);
  g_assert_nonnull (value);
  return value->value;
}

static MpLoadOptions *
options_from (GStrv settings)
{
  MpLoadOptions *options = mp_load_options_new ();

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (settings[i], "=", 2);
      guint64 v = g_ascii_strtoull (kv[1], NULL, 10);

      if (strcmp (kv[0], "max_arrays") == 0)
        mp_load_options_set_max_arrays (options, (guint) v);
      else if (strcmp (kv[0], "max_total_bytes") == 0)
        mp_load_options_set_max_total_bytes (options, v);
      else if (strcmp (kv[0], "max_json_bytes") == 0)
        mp_load_options_set_max_json_bytes (options, v);
      else if (strcmp (kv[0], "max_json_nodes") == 0)
        mp_load_options_set_max_json_nodes (options, (guint) v);
      else if (strcmp (kv[0], "trust_builtin") == 0)
        mp_load_options_set_trust_builtin (options, v != 0);
      else
        g_error ("unknown option %s in MANIFEST", kv[0]);
    }
  return options;
}

static void
run_case (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "hostile", c->file, NULL);
  g_autoptr(MpLoadOptions) options = options_from (c->options);
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;

  estimator = mp_load_full (path, options, NULL, &error);

  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (MP_IS_ESTIMATOR (estimator));
      g_assert_true (mp_estimator_is_fitted (estimator));
      return;
    }

  g_test_message ("%s: %s", c->file, error != NULL ? error->message : "(loaded)");
  g_assert_null (estimator);
  g_assert_error (error, MP_ERROR, c->code);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static guint
add_manifest_cases (void)
{
  g_autofree char *manifest = g_test_build_filename (G_TEST_DIST, "corpus", "hostile", "MANIFEST", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (manifest, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *test_path = NULL;
      HostileCase *c;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], " ", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);

      c = g_new0 (HostileCase, 1);
      c->file = g_strdup (fields[0]);
      c->code_name = g_strdup (fields[1]);
      c->code = code_from_name (fields[1]);
      c->options = g_strdupv (fields + 2);

      test_path = g_strdup_printf ("/persist/hostile/corpus/%s", c->file);
      g_test_add_data_func_full (test_path, c, run_case, hostile_case_free);
      n++;
    }
  return n;
}

/* A single-stream model around arbitrary JSON text and no payload. */
static GBytes *
stream_around (const char *json,
               gsize       length)
{
  gsize offset = (64 + length + 63) / 64 * 64;
  guint8 *data = g_malloc0 (offset);
  guint64 v;

  memcpy (data, "\x89MPERSI\n", 8);
  data[8] = 1;
  v = GUINT64_TO_LE ((guint64) length);
  memcpy (data + 16, &v, 8);
  v = GUINT64_TO_LE ((guint64) offset);
  memcpy (data + 24, &v, 8);
  memcpy (data + 64, json, length);
  return g_bytes_new_take (data, offset);
}

static void
test_deep_nesting (void)
{
  const gsize depth = 1000000;
  g_autofree char *json = g_malloc (2 * depth);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  memset (json, '[', depth);
  memset (json + depth, ']', depth);

  /* In a single stream... */
  bytes = stream_around (json, 2 * depth);
  estimator = mp_loads (bytes, &error);
  g_assert_null (estimator);
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
  g_assert_nonnull (strstr (error->message, "byte 64"));
  g_clear_error (&error);

  /* ...and as a bundle's JSON. */
  dir = g_dir_make_tmp ("mp-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "deep.json", NULL);
  g_file_set_contents (path, json, 2 * depth, &error);
  g_assert_no_error (error);
  estimator = mp_load (path, &error);
  g_assert_null (estimator);
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);

  g_unlink (path);
  g_rmdir (dir);
}

/* Loads the valid base case with @member ("\"name\": value") inserted as
 * the first member of the object that starts with @anchor, as a bundle in
 * a fresh directory, and checks that the load fails with @code and a
 * message holding @path and @what. */
static void
check_base_with_member (const char *anchor,
                        const char *member,
                        int         code,
                        const char *path,
                        const char *what)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "corpus", "hostile", "valid-base.json", NULL);
  g_autofree char *bin = g_test_build_filename (G_TEST_DIST, "corpus", "hostile", "base.bin", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *bin_path = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;
  gsize payload_length;
  const char *at;

  g_file_get_contents (src, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (bin, &payload, &payload_length, &error);
  g_assert_no_error (error);

  at = strstr (contents, anchor);
  g_assert_nonnull (at);
  at += strlen (anchor);
  text = g_string_new_len (contents, at - contents);
  g_string_append (text, member);
  g_string_append (text, ", ");
  g_string_append (text, at);

  dir = g_dir_make_tmp ("mp-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  json_path = g_build_filename (dir, "model.json", NULL);
  bin_path = g_build_filename (dir, "base.bin", NULL);
  g_file_set_contents (json_path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  g_file_set_contents (bin_path, payload, (gssize) payload_length, &error);
  g_assert_no_error (error);

  estimator = mp_load (json_path, &error);
  g_test_message ("%s", error != NULL ? error->message : "(loaded)");
  g_assert_null (estimator);
  g_assert_error (error, MP_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, what));

  g_unlink (json_path);
  g_unlink (bin_path);
  g_rmdir (dir);
}

/* "\"x\": [0, 0, ...]" with @n zeros. */
static char *
zeros_member (gsize n)
{
  GString *text = g_string_sized_new (2 * n + 8);

  g_string_append (text, "\"x\": [");
  for (gsize i = 0; i < n; i++)
    g_string_append (text, i == 0 ? "0" : ",0");
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_producer_huge_list (void)
{
  /* 16 MB of zeros in producer cost json-glib 670 MB and 4 s (and then
   * loaded); the scan refuses the list as it opens. */
  g_autofree char *member = zeros_member (8 << 20);

  check_base_with_member ("\"producer\": {", member, MP_ERROR_MALFORMED,
                          "$.producer.x", "producer members are strings");
}

static void
test_metadata_list_over_node_limit (void)
{
  /* Metadata may hold lists; the node bound stops this one before
   * json-glib builds it. */
  g_autofree char *member = zeros_member (MP_LOAD_DEFAULT_MAX_JSON_NODES);
  g_autofree char *metadata = g_strdup_printf ("\"metadata\": {\"annotations\": {%s}}", member);

  check_base_with_member ("{", metadata, MP_ERROR_LIMIT_EXCEEDED,
                          "$.metadata.annotations.x[", "max-json-nodes limit of 2097152");
}

static void
test_metadata_keys_over_node_limit (void)
{
  /* One value per key: the node bound counts them too. The keys spread
   * over g_str_hash() values (a multiplicative permutation). */
  g_autoptr(GString) metadata = g_string_new ("\"metadata\": {\"annotations\": {");

  for (guint i = 0; i <= MP_LOAD_DEFAULT_MAX_JSON_NODES; i++)
    g_string_append_printf (metadata, "%s\"%08x\": \"v\"", i == 0 ? "" : ",",
                            (guint) (i * 2654435761u));
  g_string_append (metadata, "}}");

  check_base_with_member ("{", metadata->str, MP_ERROR_LIMIT_EXCEEDED,
                          "$.metadata.annotations.", "max-json-nodes limit");
}

static void
test_colliding_keys (void)
{
  /* 40000 keys made of 16 blocks of "aB" or "b!", which all have one
   * g_str_hash() value: 1.5 MB that cost json-glib 54 s (and then
   * loaded). */
  g_autoptr(GString) metadata = g_string_new ("\"metadata\": {\"annotations\": {");

  for (guint i = 0; i < 40000; i++)
    {
      g_string_append (metadata, i == 0 ? "\"" : ",\"");
      for (guint b = 0; b < 16; b++)
        g_string_append (metadata, (i >> b) & 1 ? "aB" : "b!");
      g_string_append (metadata, "\": \"v\"");
    }
  g_string_append (metadata, "}}");

  check_base_with_member ("{", metadata->str, MP_ERROR_LIMIT_EXCEEDED,
                          "$.metadata.annotations.", "share a hash value");
}

/* Copies the valid base case into a fresh directory with its sidecar
 * replaced by @make_sidecar's work. */
static char *
base_with_sidecar (const char *dir,
                   void      (*make_sidecar) (const char *sidecar, const char *real))
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "corpus", "hostile", "valid-base.json", NULL);
  g_autofree char *real = g_test_build_filename (G_TEST_DIST, "corpus", "hostile", "base.bin", NULL);
  g_autofree char *real_abs = g_canonicalize_filename (real, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sidecar = g_build_filename (dir, "base.bin", NULL);
  char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (src, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  make_sidecar (sidecar, real_abs);
  return path;
}

static void
make_symlink (const char *sidecar,
              const char *real)
{
  g_assert_cmpint (symlink (real, sidecar), ==, 0);
}

static void
make_fifo (const char *sidecar,
           const char *real)
{
  g_assert_cmpint (mkfifo (sidecar, 0600), ==, 0);
}

static void
make_directory (const char *sidecar,
                const char *real)
{
  g_assert_cmpint (g_mkdir (sidecar, 0700), ==, 0);
}

static void
check_sidecar_refused (void (*make_sidecar) (const char *, const char *))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-hostile-XXXXXX", &error);
  g_autofree char *path = base_with_sidecar (dir, make_sidecar);
  g_autofree char *sidecar = g_build_filename (dir, "base.bin", NULL);
  g_autoptr(MpEstimator) estimator = mp_load (path, &error);

  g_assert_null (estimator);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR);
  g_assert_nonnull (strstr (error->message, "$.payload.file"));

  g_unlink (path);
  if (g_rmdir (sidecar) != 0)
    g_unlink (sidecar);
  g_rmdir (dir);
}

static void
test_sidecar_symlink (void)
{
  /* The link points at a perfectly valid sidecar elsewhere: it is still
   * refused, since a link can lead anywhere. */
  check_sidecar_refused (make_symlink);
}

static void
test_sidecar_fifo (void)
{
  /* Opening a FIFO must neither hang nor be accepted. */
  check_sidecar_refused (make_fifo);
}

static void
test_sidecar_directory (void)
{
  check_sidecar_refused (make_directory);
}

static void
test_inspect_untrusted (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "hostile",
                                                 "untrusted-gsubprocess.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) untrusted = NULL;
  g_auto(GStrv) types = NULL;
  g_autoptr(GError) error = NULL;

  types = mp_inspect_file_types (file, &untrusted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (types), ==, 1);
  g_assert_cmpstr (types[0], ==, "GSubprocess");
  g_assert_cmpuint (g_strv_length (untrusted), ==, 1);
  g_assert_cmpstr (untrusted[0], ==, "GSubprocess");
}

static void
test_inspect_unknown_type_registers_nothing (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "hostile",
                                                 "unknown-type.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) untrusted = NULL;
  g_auto(GStrv) types = NULL;
  g_autoptr(GError) error = NULL;

  types = mp_inspect_file_types (file, &untrusted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (types[0], ==, "MpNoSuchEstimator");
  g_assert_cmpstr (untrusted[0], ==, "MpNoSuchEstimator");
  g_assert_cmpuint (g_type_from_name ("MpNoSuchEstimator"), ==, G_TYPE_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  guint n;

  g_test_init (&argc, &argv, NULL);

  /* GSubprocess must be registered for its case to test the trust check
   * rather than the unknown-name check. */
  g_type_ensure (G_TYPE_SUBPROCESS);
  g_type_ensure (MP_TYPE_DUMMY_CLASSIFIER);
  g_type_ensure (MP_TYPE_LOAD_OPTIONS);

  n = add_manifest_cases ();
  g_assert_cmpuint (n, >=, 40);

  g_test_add_func ("/persist/hostile/generated/nesting-1000000", test_deep_nesting);
  g_test_add_func ("/persist/hostile/generated/producer-list-16mb", test_producer_huge_list);
  g_test_add_func ("/persist/hostile/generated/metadata-list-over-node-limit",
                   test_metadata_list_over_node_limit);
  g_test_add_func ("/persist/hostile/generated/metadata-keys-over-node-limit",
                   test_metadata_keys_over_node_limit);
  g_test_add_func ("/persist/hostile/generated/colliding-keys-40000", test_colliding_keys);
  g_test_add_func ("/persist/hostile/generated/sidecar-symlink", test_sidecar_symlink);
  g_test_add_func ("/persist/hostile/generated/sidecar-fifo", test_sidecar_fifo);
  g_test_add_func ("/persist/hostile/generated/sidecar-directory", test_sidecar_directory);
  g_test_add_func ("/persist/hostile/inspect/untrusted", test_inspect_untrusted);
  g_test_add_func ("/persist/hostile/inspect/unknown", test_inspect_unknown_type_registers_nothing);

  return g_test_run ();
}
