/* old-files.c: files written before the declarative layer still load
 *
 * tests/corpus/format-1.0/ holds models that libmodelpersist wrote at
 * commit 2ffa75a (format 1.0, sidecars under the earlier naming): an SVC
 * with probabilities, a KNeighborsClassifier and a DummyClassifier fitted
 * on iris, and an unfitted SVC, each as a single stream and as a bundle.
 * Each must load with today's loader and predict exactly what the same
 * estimator fitted today predicts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

typedef struct {
  const char  *name;
  MpEstimator *(*make) (void);
  gboolean     fitted;
} Fixture;

static MpEstimator *
make_svc (void)
{
  return g_object_new (MP_TYPE_SVC, "probability", TRUE, "random-state", 0, NULL);
}

static MpEstimator *
make_knn (void)
{
  return g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER, "n-neighbors", 7, NULL);
}

static MpEstimator *
make_dummy (void)
{
  return mp_dummy_classifier_new ();
}

static MpEstimator *
make_unfitted_svc (void)
{
  return g_object_new (MP_TYPE_SVC, "c", 0.5, NULL);
}

static const Fixture fixtures[] = {
  { "svc-iris", make_svc, TRUE },
  { "knn-iris", make_knn, TRUE },
  { "dummy-iris", make_dummy, TRUE },
  { "svc-unfitted", make_unfitted_svc, FALSE },
};

static void
check_same (MpEstimator *loaded,
            const Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  g_autoptr(MpEstimator) today = f->make ();
  g_autofree char *a = mp_estimator_to_string (loaded);
  g_autofree char *b = mp_estimator_to_string (today);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (mp_estimator_is_fitted (loaded), ==, f->fitted);
  if (!f->fitted)
    return;

  g_assert_true (mp_estimator_fit (today, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error));
  {
    g_autoptr(MpArray) p1 = mp_estimator_predict (loaded, mp_dataset_get_data (iris), &error);
    g_autoptr(MpArray) p2 = mp_estimator_predict (today, mp_dataset_get_data (iris), &error);

    g_assert_no_error (error);
    g_assert_true (mp_array_equal (p1, p2));
  }
  if (MP_IS_SVC (loaded))
    {
      g_autoptr(MpArray) q1 = mp_svc_predict_proba (MP_SVC (loaded), mp_dataset_get_data (iris), &error);
      g_autoptr(MpArray) q2 = mp_svc_predict_proba (MP_SVC (today), mp_dataset_get_data (iris), &error);

      g_assert_no_error (error);
      g_assert_true (mp_array_equal (q1, q2));
    }
}

static void
test_stream (gconstpointer data)
{
  const Fixture *f = data;
  g_autofree char *file = g_strdup_printf ("%s.mpk", f->name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "format-1.0", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  loaded = mp_loads (bytes, &error);
  g_assert_no_error (error);
  check_same (loaded, f);
}

static void
test_bundle (gconstpointer data)
{
  const Fixture *f = data;
  g_autofree char *file = g_strdup_printf ("%s.json", f->name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "format-1.0", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) loaded = mp_load (path, &error);

  g_assert_no_error (error);
  check_same (loaded, f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *stream = g_strdup_printf ("/old-files/format-1.0/%s/stream", fixtures[i].name);
      g_autofree char *bundle = g_strdup_printf ("/old-files/format-1.0/%s/bundle", fixtures[i].name);

      g_test_add_data_func (stream, &fixtures[i], test_stream);
      g_test_add_data_func (bundle, &fixtures[i], test_bundle);
    }
  return g_test_run ();
}
