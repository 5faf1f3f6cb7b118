/* tiled-digits.c: a large model whose arrays compress
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "tiled-digits.h"

MpEstimator *
test_tiled_digits_knn (guint times)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) digits = mp_load_digits (&error);
  const gsize n = 1797, rows = n * times, shape[] = { rows, 64 };
  g_autofree gdouble *x = g_new (gdouble, rows * 64);
  g_autofree gint64 *y = g_new (gint64, rows);
  g_autoptr(MpArray) ax = NULL;
  g_autoptr(MpArray) ay = NULL;
  MpEstimator *knn = mp_k_neighbors_classifier_new ();

  g_assert_no_error (error);
  for (gsize r = 0; r < rows; r++)
    {
      memcpy (x + r * 64, mp_array_get_float64_data (mp_dataset_get_data (digits)) + (r % n) * 64,
              64 * sizeof (gdouble));
      y[r] = mp_array_get_int64_data (mp_dataset_get_target (digits))[r % n];
    }
  ax = mp_array_new_float64 (x, rows * 64, shape, 2, &error);
  ay = mp_array_new_int64 (y, rows, shape, 1, &error);
  g_assert_true (mp_estimator_fit (knn, ax, ay, &error));
  g_assert_no_error (error);
  return knn;
}
