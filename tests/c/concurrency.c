/* concurrency.c: loading, predicting and saving from many threads at once
 *
 * /concurrency/shared-model: one fitted model predicts (predict,
 * decision_function, predict_proba, score) from several threads at once;
 * every result equals the single-threaded one.
 *
 * /concurrency/load-predict-save: threads each load the same bytes and the
 * same bundle (copying and mapping) with one shared MpLoadOptions, predict,
 * save their model to their own file in one shared directory, load it
 * back, and compare; all at the same time.
 *
 * /concurrency/compress: threads save one large model compressed at once,
 * each save compressing its chunks on worker threads of its own; every
 * save gives the same bytes, and each loads back to the same model.
 *
 * CI also runs this under ThreadSanitizer (tools/dev, build-tsan/).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

#include "tiled-digits.h"

#define N_THREADS 6
#define N_ROUNDS 4

static MpDataset *iris;
static MpEstimator *shared_svc;
static MpArray *expected_predict;
static MpArray *expected_decision;
static MpArray *expected_proba;

static void
assert_same_array (MpArray *a,
                   MpArray *b)
{
  gsize la, lb;
  gconstpointer da = mp_array_get_data (a, &la);
  gconstpointer db = mp_array_get_data (b, &lb);

  g_assert_cmpint (mp_array_get_dtype (a), ==, mp_array_get_dtype (b));
  g_assert_cmpmem (da, la, db, lb);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  iris = mp_load_iris (&error);
  g_assert_no_error (error);
  shared_svc = MP_ESTIMATOR (mp_svc_new ());
  g_object_set (shared_svc, "probability", TRUE, NULL);
  g_assert_true (mp_estimator_fit (shared_svc, mp_dataset_get_data (iris),
                                   mp_dataset_get_target (iris), &error));
  expected_predict = mp_estimator_predict (shared_svc, mp_dataset_get_data (iris), &error);
  expected_decision = mp_svc_decision_function (MP_SVC (shared_svc), mp_dataset_get_data (iris), &error);
  expected_proba = mp_svc_predict_proba (MP_SVC (shared_svc), mp_dataset_get_data (iris), &error);
  g_assert_no_error (error);
}

static void
check_predictions (MpEstimator *model)
{
  g_autoptr(GError) error = NULL;
  MpArray *x = mp_dataset_get_data (iris);
  g_autoptr(MpArray) y = mp_estimator_predict (model, x, &error);
  g_autoptr(MpArray) dec = mp_svc_decision_function (MP_SVC (model), x, &error);
  g_autoptr(MpArray) proba = mp_svc_predict_proba (MP_SVC (model), x, &error);
  double score = 0;

  g_assert_no_error (error);
  assert_same_array (expected_predict, y);
  assert_same_array (expected_decision, dec);
  assert_same_array (expected_proba, proba);
  g_assert_true (mp_estimator_score (model, x, mp_dataset_get_target (iris), &score, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score, >, 0.9);
}

static gpointer
predict_thread (gpointer data)
{
  for (guint i = 0; i < N_ROUNDS; i++)
    check_predictions (shared_svc);
  return NULL;
}

static void
test_shared_model (void)
{
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("predict", predict_thread, NULL);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
}

typedef struct {
  guint          index;
  const char    *dir;
  GBytes        *bytes;
  const char    *bundle;
  MpLoadOptions *options;
} Work;

static gpointer
load_save_thread (gpointer data)
{
  Work *w = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *own = g_strdup_printf ("%s/model-%u.json", w->dir, w->index);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(MpEstimator) from_bytes = mp_loads_full (w->bytes, w->options, NULL, &error);
      g_autoptr(MpEstimator) from_bundle = NULL;
      g_autoptr(MpEstimator) mapped = NULL;
      g_autoptr(MpEstimator) again = NULL;
      g_autoptr(MpLoadOptions) map = mp_load_options_new ();
      g_autoptr(MpLoadReport) report = mp_load_report_new ();

      g_assert_no_error (error);
      check_predictions (from_bytes);

      from_bundle = mp_load_full (w->bundle, w->options, report, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mp_load_report_get_format_version (report), ==, "1.2");
      mp_load_options_set_map_payload (map, TRUE);
      mapped = mp_load_full (w->bundle, map, NULL, &error);
      g_assert_no_error (error);
      check_predictions (from_bundle);
      check_predictions (mapped);

      /* Alternate which model is saved, so files change under readers. */
      g_assert_true (mp_dump (round % 2 ? from_bundle : mapped, own, &error));
      g_assert_no_error (error);
      again = mp_load_full (own, w->options, NULL, &error);
      g_assert_no_error (error);
      check_predictions (again);
    }
  return NULL;
}

static void
test_load_predict_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-threads-XXXXXX", &error);
  g_autofree char *bundle = g_build_filename (dir, "shared.json", NULL);
  g_autoptr(GBytes) bytes = mp_dumps (shared_svc, &error);
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  GThread *threads[N_THREADS];
  Work work[N_THREADS];

  g_assert_no_error (error);
  g_assert_true (mp_dump (shared_svc, bundle, &error));
  /* Options are configured once, then only read by every thread. */
  mp_load_options_set_max_depth (options, 32);

  for (guint i = 0; i < N_THREADS; i++)
    {
      work[i] = (Work) { i, dir, bytes, bundle, options };
      threads[i] = g_thread_new ("load-save", load_save_thread, &work[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_assert_false (g_str_has_suffix (name, ".tmp"));
        g_unlink (path);
        n++;
      }
    /* Each JSON with its sidecar; all sidecars share one content, so one
     * name per JSON stem. */
    g_assert_cmpuint (n, ==, 2 * (N_THREADS + 1));
  }
  g_rmdir (dir);
}

/* Several threads save different models to one path at once: afterwards
 * the path holds one of them, complete (before saves were serialised per
 * directory, one save's clean-up could delete the sidecar of the save
 * that had just become current). */
typedef struct {
  const char  *path;
  MpEstimator *model;
} SamePath;

static gpointer
same_path_thread (gpointer data)
{
  SamePath *w = data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      g_assert_true (mp_dump (w->model, w->path, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_same_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-threads-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autoptr(MpEstimator) loaded = NULL;
  GThread *threads[N_THREADS];
  SamePath work[N_THREADS];
  MpEstimator *models[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    {
      models[i] = MP_ESTIMATOR (mp_svc_new ());
      g_object_set (models[i], "c", 1.0 + i, NULL);
      g_assert_true (mp_estimator_fit (models[i], mp_dataset_get_data (iris),
                                       mp_dataset_get_target (iris), &error));
      work[i] = (SamePath) { path, models[i] };
    }
  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("same-path", same_path_thread, &work[i]);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
        n++;
      }
    g_assert_cmpuint (n, ==, 2);
  }
  g_rmdir (dir);
  for (guint i = 0; i < N_THREADS; i++)
    g_object_unref (models[i]);
}

static GBytes *compressed_once;

static gpointer
compress_thread (gpointer data)
{
  MpEstimator *knn = data;
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) again = NULL;

  mp_save_options_set_compress (options, 1);
  bytes = mp_dumps_full (knn, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, compressed_once));
  loaded = mp_loads (bytes, &error);
  g_assert_no_error (error);
  plain = mp_dumps (knn, &error);
  again = mp_dumps (loaded, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, again));
  return NULL;
}

static void
test_compress (void)
{
  g_autoptr(GError) error = NULL;
  /* 7 MiB of features, past the size from which a save compresses on
   * several threads. */
  g_autoptr(MpEstimator) knn = test_tiled_digits_knn (8);
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  GThread *threads[N_THREADS];

  mp_save_options_set_compress (options, 1);
  compressed_once = mp_dumps_full (knn, options, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("compress", compress_thread, knn);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  g_clear_pointer (&compressed_once, g_bytes_unref);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  setup ();
  g_test_add_func ("/concurrency/shared-model", test_shared_model);
  g_test_add_func ("/concurrency/load-predict-save", test_load_predict_save);
  g_test_add_func ("/concurrency/same-path", test_same_path);
  g_test_add_func ("/concurrency/compress", test_compress);
  status = g_test_run ();

  g_clear_object (&shared_svc);
  g_clear_object (&iris);
  g_clear_pointer (&expected_predict, mp_array_unref);
  g_clear_pointer (&expected_decision, mp_array_unref);
  g_clear_pointer (&expected_proba, mp_array_unref);
  return status;
}
