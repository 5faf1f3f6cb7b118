/* import-trees.c: the pickle importer on scikit-learn's tree models
 * (libmodelpersist/import/mp-import-trees.c), in C and under valgrind:
 * small pickles of a decision tree, a forest, a gradient boosting and a
 * histogram gradient boosting (protocols 2 to 5 and joblib; one with its
 * tree nodes in another record layout, big-endian at odd offsets) import
 * and predict what scikit-learn predicted; edited ones are refused with
 * the exact error, without leaking. The pickles and scikit-learn's
 * outputs are in import-trees-pickles.h (make-import-trees.py writes it;
 * tests/python/test_import_trees.py covers every fixture and format).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <modelpersist.h>

#include "import-trees-pickles.h"

static void
test_good (gconstpointer data)
{
  const GoodPickle *good = data;
  g_autoptr(GBytes) bytes = g_bytes_new_static (good->data, good->length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) model = NULL;
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) output = NULL;
  gsize shape[2] = { good->n_samples, good->n_features };
  const double *values;

  model = mp_import_pickle_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (mp_estimator_is_fitted (model));
  x = mp_array_new_float64 (good->x, good->n_samples * good->n_features, shape, 2, &error);
  g_assert_no_error (error);
  output = good->proba ? mp_estimator_predict_proba (model, x, &error) :
                         mp_estimator_predict (model, x, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (output), ==, good->n_outputs);
  g_assert_cmpint (mp_array_get_dtype (output), ==, MP_DTYPE_FLOAT64);
  values = mp_array_get_float64_data (output);
  for (gsize i = 0; i < good->n_outputs; i++)
    g_assert_cmpfloat (values[i], ==, good->expected[i]);
}

static void
test_bad (gconstpointer data)
{
  const BadPickle *bad = data;
  g_autoptr(GBytes) bytes = g_bytes_new_static (bad->data, bad->length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) model = NULL;

  model = mp_import_pickle_bytes (bytes, &error);
  g_assert_error (error, MP_ERROR, (gint) bad->code);
  g_assert_cmpstr (error->message, ==, bad->message);
  g_assert_null (model);
}

/* Every prefix of a good pickle is refused (a truncated file), and no
 * error path leaks (valgrind). */
static void
test_truncated (void)
{
  const GoodPickle *good = &good_pickles[0];

  for (gsize length = 0; length < good->length; length += 7)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (good->data, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(MpEstimator) model = mp_import_pickle_bytes (bytes, &error);

      g_assert_null (model);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MP_ERROR);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (good_pickles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-trees/good/%s", good_pickles[i].name);

      g_test_add_data_func (path, &good_pickles[i], test_good);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad_pickles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-trees/bad/%s", bad_pickles[i].name);

      g_test_add_data_func (path, &bad_pickles[i], test_bad);
    }
  g_test_add_func ("/import-trees/truncated", test_truncated);
  return g_test_run ();
}
