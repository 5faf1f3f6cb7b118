/* bundles.c: bundles side by side in one directory never touch each other
 *
 * A save deletes the previous sidecar of the bundle it replaces and the
 * leftovers of killed saves of that bundle; these tests check that it
 * deletes nothing else: not another bundle's sidecar (names that share a
 * stem, differ in case or in a leading dot), not a file the replaced JSON
 * names that is not its own, not a sidecar an older writer shared between
 * two bundles.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <modelpersist.h>

/* The names of the issue that found the clash: each a bundle of its own. */
static const char * const neighbour_names[] = {
  "model", "model.json", "model.JSON", "model.v2", "model.v2.json", "model.bin", "m",
  ".model", "_model", ".model.json", NULL,
};

/* A dummy classifier that predicts @label: it saw @label three times and
 * other labels once each. */
static MpEstimator *
model_predicting (gint64 label)
{
  const gsize xs[] = { 6, 1 }, ys[] = { 6 };
  const double x[] = { 0, 1, 2, 3, 4, 5 };
  const gint64 y[] = { label, label + 1, label, label + 2, label, label + 3 };
  g_autoptr(MpArray) ax = mp_array_new_float64 (x, 6, xs, 2, NULL);
  g_autoptr(MpArray) ay = mp_array_new_int64 (y, 6, ys, 1, NULL);
  g_autoptr(GError) error = NULL;
  MpEstimator *model = mp_dummy_classifier_new ();

  g_assert_true (mp_estimator_fit (model, ax, ay, &error));
  g_assert_no_error (error);
  return model;
}

static gint64
load_and_predict (const char *path)
{
  const double x[] = { 0.0 };
  const gsize shape[] = { 1, 1 };
  g_autoptr(MpArray) ax = mp_array_new_float64 (x, 1, shape, 2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) model = mp_load (path, &error);
  g_autoptr(MpArray) y = NULL;

  if (model == NULL)
    g_error ("loading %s: %s", path, error->message);
  y = mp_estimator_predict (model, ax, &error);
  g_assert_no_error (error);
  return (gint64) mp_array_get_double (y, 0);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mp-bundles-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
save (MpEstimator *model,
      const char  *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_dump (model, path, &error));
  g_assert_no_error (error);
}

/* Bundle i predicts 100 * i after its first save and 100 * i + 50 after
 * its second; after every save every bundle predicts what it last saved,
 * and the directory holds exactly one JSON and one sidecar per bundle. */
static void
test_neighbours (void)
{
  g_autofree char *dir = make_tmp_dir ();
  guint n = g_strv_length ((char **) neighbour_names);
  g_autofree gint64 *expected = g_new0 (gint64, n);
  g_autofree gboolean *saved = g_new0 (gboolean, n);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *path = g_build_filename (dir, neighbour_names[i], NULL);
        g_autoptr(MpEstimator) model = model_predicting (100 * i + 50 * round);
        guint n_saved = 0;

        save (model, path);
        expected[i] = 100 * i + 50 * round;
        saved[i] = TRUE;

        for (guint j = 0; j < n; j++)
          if (saved[j])
            {
              g_autofree char *other = g_build_filename (dir, neighbour_names[j], NULL);

              g_assert_cmpint (load_and_predict (other), ==, expected[j]);
              n_saved++;
            }
        g_assert_cmpuint (count_entries (dir), ==, 2 * n_saved);
      }

  remove_tree (dir);
}

/* The same content saved under two names still gives each its own
 * sidecar: replacing one leaves the other whole. */
static void
test_same_content (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *a = g_build_filename (dir, "model", NULL);
  g_autofree char *b = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) first = model_predicting (7);
  g_autoptr(MpEstimator) second = model_predicting (8);

  save (first, a);
  save (first, b);
  save (second, b);
  g_assert_cmpint (load_and_predict (a), ==, 7);
  g_assert_cmpint (load_and_predict (b), ==, 8);
  g_assert_cmpuint (count_entries (dir), ==, 4);
  remove_tree (dir);
}

static char *
sidecar_of (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *payload;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  payload = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "payload");
  return g_strdup (json_object_get_string_member (payload, "file"));
}

/* Rewrites the JSON at @path to name @sidecar, renaming its sidecar to
 * it: what a bundle written under another naming looks like. */
static void
rename_sidecar (const char *path,
                const char *sidecar)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *old = sidecar_of (path);
  g_autofree char *old_path = g_build_filename (dir, old, NULL);
  g_autofree char *new_path = g_build_filename (dir, sidecar, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *rewritten = NULL;

  g_assert_cmpint (g_rename (old_path, new_path), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  parts = g_strsplit (text, old, -1);
  rewritten = g_strjoinv (sidecar, parts);
  g_assert_true (g_file_set_contents (path, rewritten, -1, &error));
  g_assert_no_error (error);
}

/* The first 1.0 writers named the sidecars of "model" and "model.json"
 * alike (model.<id>.bin), so two bundles with the same content shared
 * one. Replacing either keeps the shared sidecar for the other; replacing
 * the last one that names it removes it. */
static void
test_legacy_shared_sidecar (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *a = g_build_filename (dir, "model", NULL);
  g_autofree char *b = g_build_filename (dir, "model.json", NULL);
  g_autofree char *legacy = NULL;
  g_autofree char *legacy_path = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(MpEstimator) first = model_predicting (3);
  g_autoptr(MpEstimator) second = model_predicting (4);
  g_autoptr(GError) error = NULL;

  save (first, b);
  {
    g_autofree char *current = sidecar_of (b);
    /* "model.json.<id>.bin" -> "model.<id>.bin" */
    legacy = g_strconcat ("model", current + strlen ("model.json"), NULL);
  }
  rename_sidecar (b, legacy);
  legacy_path = g_build_filename (dir, legacy, NULL);
  g_assert_true (g_file_get_contents (b, &copied, NULL, &error));
  g_assert_true (g_file_set_contents (a, copied, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (load_and_predict (a), ==, 3);

  save (second, b);
  g_assert_cmpint (load_and_predict (a), ==, 3);
  g_assert_cmpint (load_and_predict (b), ==, 4);
  g_assert_true (g_file_test (legacy_path, G_FILE_TEST_EXISTS));

  save (second, a);
  g_assert_cmpint (load_and_predict (a), ==, 4);
  g_assert_false (g_file_test (legacy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 4);
  remove_tree (dir);
}

/* Rewrites `payload.file` of the JSON at @path to @name, leaving files
 * as they are. */
static void
point_json_at (const char *path,
               const char *name)
{
  g_autofree char *old = sidecar_of (path);
  g_autofree char *text = NULL;
  g_autofree char *rewritten = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  parts = g_strsplit (text, old, -1);
  rewritten = g_strjoinv (name, parts);
  g_assert_true (g_file_set_contents (path, rewritten, -1, &error));
  g_assert_no_error (error);
}

/* A JSON being replaced may name any file (it may not even be ours); a
 * save deletes it only if its name is one of this bundle's sidecars. */
static void
test_foreign_reference (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *other = g_build_filename (dir, "other.json", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other_sidecar = NULL;
  g_autoptr(MpEstimator) first = model_predicting (1);
  g_autoptr(MpEstimator) second = model_predicting (2);
  g_autoptr(GError) error = NULL;

  save (first, other);
  other_sidecar = sidecar_of (other);
  g_assert_true (g_file_set_contents (notes, "keep me", -1, &error));
  g_assert_no_error (error);

  save (first, path);
  point_json_at (path, "notes.txt");
  save (second, path);
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));

  point_json_at (path, other_sidecar);
  save (first, path);
  g_assert_cmpint (load_and_predict (other), ==, 1);
  g_assert_cmpint (load_and_predict (path), ==, 1);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundles/neighbours", test_neighbours);
  g_test_add_func ("/bundles/same-content", test_same_content);
  g_test_add_func ("/bundles/legacy-shared-sidecar", test_legacy_shared_sidecar);
  g_test_add_func ("/bundles/foreign-reference", test_foreign_reference);
  return g_test_run ();
}
