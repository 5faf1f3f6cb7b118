/* reliability.c: saves killed with SIGKILL at random moments, and a full
 * disk
 *
 * /reliability/sigkill: a child process saves two large models (a few MB
 * of arrays each) to the same path, alternately and without end; the test
 * kills it with SIGKILL at a random moment in the middle of a save, many
 * times (MP_SIGKILL_ITERATIONS, default 200). After each kill the path
 * must hold one of the two models, complete: it loads (checksums
 * verified) and predicts as that model does. Files a killed save leaves
 * can only be its temporary files (".NAME.XXXXXX.tmp") and a sidecar not
 * yet referenced; the next save of the same path removes all of them.
 *
 * /reliability/disk-full: on a 1 MiB tmpfs (needs root; skipped
 * otherwise), saving a model larger than the free space fails with
 * MP_ERROR_IO and the system's "No space left on device", leaves no
 * partial file, and the previous model still loads. The same for a
 * single stream written to a file there.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

/* A dummy classifier that saw @n_classes distinct labels, each once, from
 * @first_label on: 16 bytes of arrays per class. It predicts
 * @first_label (the smallest of the most frequent labels). */
static MpEstimator *
large_model (gsize  n_classes,
             gint64 first_label)
{
  g_autofree double *x = g_new0 (double, n_classes);
  g_autofree gint64 *y = g_new (gint64, n_classes);
  gsize xs[2] = { n_classes, 1 };
  g_autoptr(MpArray) ax = NULL;
  g_autoptr(MpArray) ay = NULL;
  g_autoptr(GError) error = NULL;
  MpEstimator *model = mp_dummy_classifier_new ();

  for (gsize i = 0; i < n_classes; i++)
    y[i] = first_label + (gint64) ((i * 7919) % n_classes);
  ax = mp_array_new_float64 (x, n_classes, xs, 2, NULL);
  ay = mp_array_new_int64 (y, n_classes, &n_classes, 1, NULL);
  g_assert_true (mp_estimator_fit (model, ax, ay, &error));
  g_assert_no_error (error);
  return model;
}

static gint64
predict_one (MpEstimator *model)
{
  const double x[] = { 0.0 };
  const gsize shape[] = { 1, 1 };
  g_autoptr(MpArray) ax = mp_array_new_float64 (x, 1, shape, 2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) y = mp_estimator_predict (model, ax, &error);

  g_assert_no_error (error);
  return (gint64) mp_array_get_double (y, 0);
}

static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return (GStrv) g_ptr_array_steal (names, NULL);
}

static guint
count_dir (const char *dir)
{
  g_auto(GStrv) names = list_dir (dir);

  return g_strv_length (names);
}

static void
remove_tree (const char *dir)
{
  g_auto(GStrv) names = list_dir (dir);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
is_hex16 (const char *s)
{
  for (int i = 0; i < 16; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/* The documented names (docs/format.md, "Sidecar names"): a bundle's
 * sidecar stem is its JSON file name, with "_" in front of a leading "."
 * or "_". */
static char *
sidecar_stem (const char *bundle)
{
  return bundle[0] == '.' || bundle[0] == '_' ? g_strconcat ("_", bundle, NULL) : g_strdup (bundle);
}

static gboolean
is_sidecar_of (const char *name,
               const char *bundle)
{
  g_autofree char *stem = sidecar_stem (bundle);
  gsize n = strlen (stem);

  return strncmp (name, stem, n) == 0 && name[n] == '.' && is_hex16 (name + n + 1) &&
         strcmp (name + n + 17, ".bin") == 0;
}

/* What a save of @bundle may leave: its JSON, its sidecars
 * ("STEM.<16 hex>.bin"), and the temporary files ".BUNDLE.XXXXXX.tmp" and
 * ".SIDECAR.XXXXXX.tmp". */
static const char *
classify (const char *name,
          const char *bundle)
{
  gsize n = strlen (name);

  if (strcmp (name, bundle) == 0)
    return "json";
  if (is_sidecar_of (name, bundle))
    return "sidecar";
  if (n > 12 && name[0] == '.' && name[n - 11] == '.' && g_str_has_suffix (name, ".tmp"))
    {
      g_autofree char *body = g_strndup (name + 1, n - 12);

      if (strcmp (body, bundle) == 0 || is_sidecar_of (body, bundle))
        return "temp";
    }
  return NULL;
}

/* The child: saves model B, then A, then B... to @path until killed. */
static int
save_loop (const char *path,
           gsize       n_classes)
{
  g_autoptr(MpEstimator) a = large_model (n_classes, 0);
  g_autoptr(MpEstimator) b = large_model (n_classes, 1000000000);
  g_autoptr(GError) error = NULL;

  /* Ready: the parent starts its clock now. */
  if (write (STDOUT_FILENO, "R", 1) != 1)
    return 1;
  for (guint i = 0;; i++)
    if (!mp_dump (i % 2 == 0 ? b : a, path, &error))
      {
        g_printerr ("save failed: %s\n", error->message);
        return 1;
      }
}

static const gsize sigkill_classes = 100000;  /* 1.6 MB of arrays */

static void
test_sigkill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-sigkill-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *classes_arg = g_strdup_printf ("%" G_GSIZE_FORMAT, sigkill_classes);
  g_autoptr(MpEstimator) a = large_model (sigkill_classes, 0);
  const char *env = g_getenv ("MP_SIGKILL_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 200;
  guint n_a = 0, n_b = 0, n_temps = 0, n_orphans = 0;
  gint64 start, save_us;

  g_assert_no_error (error);
  g_assert_nonnull (self_exe);

  /* How long one save takes here: the kills fall within about two. */
  start = g_get_monotonic_time ();
  g_assert_true (mp_dump (a, path, &error));
  save_us = MAX (g_get_monotonic_time () - start, 1000);
  g_test_message ("one save of %" G_GSIZE_FORMAT " classes: %" G_GINT64_FORMAT " us",
                  sigkill_classes, save_us);

  for (guint it = 0; it < iterations; it++)
    {
      const char *argv[] = { self_exe, "--save-loop", path, classes_arg, NULL };
      g_autoptr(MpEstimator) loaded = NULL;
      g_auto(GStrv) names = NULL;
      GPid pid;
      int out_fd, status;
      char ready;
      gint64 label;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      close (out_fd);
      g_usleep ((gulong) g_random_int_range (0, (gint32) MIN (save_us * 3, G_MAXINT32)));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      g_spawn_close_pid (pid);

      /* The old model or the new one, complete. */
      loaded = mp_load (path, &error);
      g_assert_no_error (error);
      label = predict_one (loaded);
      g_assert_true (label == 0 || label == 1000000000);
      g_assert_cmpuint (mp_estimator_get_n_features_in (loaded), ==, 1);
      {
        g_autoptr(MpArray) classes = NULL;
        g_object_get (loaded, "classes", &classes, NULL);
        g_assert_cmpuint (mp_array_get_n_elements (classes), ==, sigkill_classes);
        g_assert_cmpfloat (mp_array_get_double (classes, 0), ==, (double) label);
      }
      if (label == 0)
        n_a++;
      else
        n_b++;

      /* Only recognisable leftovers... */
      names = list_dir (dir);
      {
        guint n_sidecars = 0;
        for (guint i = 0; names[i] != NULL; i++)
          {
            const char *kind = classify (names[i], "model.json");
            if (kind == NULL)
              g_error ("unexpected file after a killed save: %s", names[i]);
            if (strcmp (kind, "temp") == 0)
              n_temps++;
            else if (strcmp (kind, "sidecar") == 0)
              n_sidecars++;
          }
        if (n_sidecars > 1)
          n_orphans++;
      }

      /* ...which the next save removes. */
      g_clear_pointer (&names, g_strfreev);
      g_assert_true (mp_dump (a, path, &error));
      g_assert_no_error (error);
      names = list_dir (dir);
      g_assert_cmpuint (g_strv_length (names), ==, 2);
    }

  g_test_message ("%u kills: old model %u times, new model %u times; %u stale temporary files "
                  "and %u unreferenced sidecars removed by the next save",
                  iterations, n_a, n_b, n_temps, n_orphans);
  if (iterations >= 50)
    g_assert_cmpuint (n_temps, >, 0);
  remove_tree (dir);
}

/* ---- killed saves among neighbours --------------------------------------- */

/* Bundles whose names a careless naming would mix up (issue: a save of
 * "model.json" deleted the sidecar of "model"). */
static const char * const neighbours[] = {
  "model", "model.json", "model.JSON", "model.v2", "model.v2.json", "model.bin", "m", NULL,
};

static const gsize neighbour_classes = 20000;  /* 320 kB of arrays each */

/* Bundle @k's two models predict 10^9 * k and 10^9 * k + 1. */
static gint64
neighbour_label (guint k,
                 guint which)
{
  return (gint64) k * 1000000000 + which;
}

/* The child: saves every neighbour in turn, alternating its two models,
 * until killed. */
static int
neighbours_save_loop (const char *dir)
{
  guint n = g_strv_length ((char **) neighbours);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < n; k++)
    for (guint which = 0; which < 2; which++)
      g_ptr_array_add (models, large_model (neighbour_classes, neighbour_label (k, which)));
  if (write (STDOUT_FILENO, "R", 1) != 1)
    return 1;
  for (guint round = 1;; round++)
    for (guint k = 0; k < n; k++)
      {
        g_autofree char *path = g_build_filename (dir, neighbours[k], NULL);

        if (!mp_dump (g_ptr_array_index (models, 2 * k + round % 2), path, &error))
          {
            g_printerr ("save failed: %s\n", error->message);
            return 1;
          }
      }
}

static void
check_neighbour (const char *dir,
                 guint       k)
{
  g_autofree char *path = g_build_filename (dir, neighbours[k], NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) loaded = mp_load (path, &error);
  gint64 label;

  if (loaded == NULL)
    g_error ("%s after a killed save: %s", neighbours[k], error->message);
  label = predict_one (loaded);
  g_assert_true (label == neighbour_label (k, 0) || label == neighbour_label (k, 1));
}

static void
test_sigkill_neighbours (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-sigkill-neighbours-XXXXXX", &error);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *env = g_getenv ("MP_SIGKILL_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) / 2 : 100;
  guint n = g_strv_length ((char **) neighbours);
  guint n_temps = 0, n_extra_sidecars = 0;
  gint64 start, round_us;

  g_assert_no_error (error);

  /* Every neighbour exists before the first kill; one round's duration
   * sets the range of the kills. */
  start = g_get_monotonic_time ();
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *path = g_build_filename (dir, neighbours[k], NULL);
      g_autoptr(MpEstimator) model = large_model (neighbour_classes, neighbour_label (k, 0));

      g_assert_true (mp_dump (model, path, &error));
      g_assert_no_error (error);
    }
  round_us = MAX (g_get_monotonic_time () - start, 1000);

  for (guint it = 0; it < iterations; it++)
    {
      const char *argv[] = { self_exe, "--save-neighbours-loop", dir, NULL };
      g_autoptr(GDir) listing = NULL;
      const char *name;
      GPid pid;
      int out_fd, status;
      char ready;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      close (out_fd);
      g_usleep ((gulong) g_random_int_range (0, (gint32) MIN (round_us * 2, G_MAXINT32)));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      /* Every bundle whole, every file some bundle's own. */
      for (guint k = 0; k < n; k++)
        check_neighbour (dir, k);
      listing = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          const char *kind = NULL;

          for (guint k = 0; k < n && kind == NULL; k++)
            kind = classify (name, neighbours[k]);
          if (kind == NULL)
            g_error ("unexpected file after a killed save: %s", name);
          n_temps += strcmp (kind, "temp") == 0;
          n_extra_sidecars += strcmp (kind, "sidecar") == 0;
        }
      n_extra_sidecars -= n;

      /* The next save of each removes its own leftovers, and only those. */
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *path = g_build_filename (dir, neighbours[k], NULL);
          g_autoptr(MpEstimator) model = large_model (neighbour_classes, neighbour_label (k, it % 2));

          g_assert_true (mp_dump (model, path, &error));
          g_assert_no_error (error);
          for (guint j = 0; j < n; j++)
            check_neighbour (dir, j);
        }
      g_assert_cmpuint (count_dir (dir), ==, 2 * n);
    }

  g_test_message ("%u kills among %u neighbouring bundles: %u stale temporary files and %u "
                  "unreferenced sidecars, all removed by the next saves",
                  iterations, n, n_temps, n_extra_sidecars);
  remove_tree (dir);
}

/* ---- disk full ------------------------------------------------------------ */

static char *
mount_small_tmpfs (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  if (geteuid () != 0)
    return NULL;
  dir = g_dir_make_tmp ("mp-full-XXXXXX", &error);
  g_assert_no_error (error);
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m") != 0)
    {
      g_test_message ("mount tmpfs: %s", g_strerror (errno));
      g_rmdir (dir);
      g_free (dir);
      return NULL;
    }
  return dir;
}

static void
test_disk_full (void)
{
  g_autofree char *dir = mount_small_tmpfs ();
  g_autofree char *path = NULL;
  g_autofree char *stream_path = NULL;
  g_autoptr(MpEstimator) small = NULL;
  g_autoptr(MpEstimator) big = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  if (dir == NULL)
    {
      g_test_skip ("needs root and a tmpfs mount");
      return;
    }
  path = g_build_filename (dir, "model.json", NULL);
  small = large_model (1000, 5);
  big = large_model (100000, 7);     /* 1.6 MB of arrays on a 1 MiB disk */

  g_assert_true (mp_dump (small, path, &error));
  g_assert_no_error (error);
  before = list_dir (dir);

  /* A bundle: the error is the system's, nothing partial remains. */
  g_assert_false (mp_dump (big, path, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_IO);
  g_test_message ("bundle: %s", error->message);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);
  after = list_dir (dir);
  g_assert_cmpstrv (before, after);
  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (predict_one (loaded), ==, 5);

  /* A single stream into a file there. */
  stream_path = g_build_filename (dir, "model.mpk", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (stream_path);
    g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (mp_dump_to_stream (big, G_OUTPUT_STREAM (out), &error));
    g_assert_error (error, MP_ERROR, MP_ERROR_IO);
    g_test_message ("stream: %s", error->message);
    g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
    g_clear_error (&error);
    g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
  }

  remove_tree (dir);  /* the files only; the mount point stays */
  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--save-neighbours-loop") == 0)
    return neighbours_save_loop (argv[2]);
  if (argc == 4 && strcmp (argv[1], "--save-loop") == 0)
    return save_loop (argv[2], (gsize) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/sigkill", test_sigkill);
  g_test_add_func ("/reliability/sigkill-neighbours", test_sigkill_neighbours);
  g_test_add_func ("/reliability/disk-full", test_disk_full);
  return g_test_run ();
}
