/* mp-linear-model.c: what the linear regressors share
 *
 * scikit-learn's linear regressors all fit on centred data and predict
 * X @ coef_ + intercept_; the steps are here once, each computed as numpy
 * computes it (the same sums in the same order, the same BLAS calls of the
 * same system library), so that the four classes give scikit-learn's
 * numbers. See docs/linear-models.md.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-linear-model-private.h"
#include "mp-pairwise-sum-private.h"
#include "mp-validation-private.h"

void
_mp_linear_data_clear (MpLinearData *data)
{
  g_clear_pointer (&data->x, g_free);
  g_clear_pointer (&data->y, g_free);
  g_clear_pointer (&data->x_offset, g_free);
}

gboolean
_mp_linear_data_init (MpLinearData   *data,
                      MpArray        *x,
                      MpArray        *y,
                      gboolean        fit_intercept,
                      MpLinearLayout  layout,
                      GError        **error)
{
  const double *in = mp_array_get_float64_data (x);
  gsize n = mp_array_get_dim (x, 0);
  gsize p = mp_array_get_dim (x, 1);

  *data = (MpLinearData) { .n_samples = n, .n_features = p };

  /* LAPACK's and the reference BLAS's dimensions are 32-bit integers;
   * n x p and max (n, p) squared must also fit the workspace sizes. */
  if (n > G_MAXINT / 2 || p > G_MAXINT / 2 || (double) n * (double) p > (double) G_MAXINT)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT " is larger than LAPACK's "
                   "32-bit dimensions allow", n, p);
      return FALSE;
    }

  data->y = _mp_regression_targets (NULL, y, error);
  if (data->y == NULL)
    return FALSE;
  data->x = g_new (double, n * p);
  data->x_offset = g_new0 (double, p);

  if (layout == MP_LINEAR_ROWS_C)
    memcpy (data->x, in, n * p * sizeof (double));
  else
    for (gsize i = 0; i < n; i++)
      for (gsize j = 0; j < p; j++)
        data->x[j * n + i] = in[i * p + j];

  if (!fit_intercept)
    return TRUE;

  /* np.average(X, axis=0): the column sums over n */
  if (layout == MP_LINEAR_ROWS_C)
    {
      for (gsize i = 0; i < n; i++)
        for (gsize j = 0; j < p; j++)
          data->x_offset[j] += data->x[i * p + j];
      for (gsize j = 0; j < p; j++)
        data->x_offset[j] /= (double) n;
      for (gsize i = 0; i < n; i++)
        for (gsize j = 0; j < p; j++)
          data->x[i * p + j] -= data->x_offset[j];
    }
  else
    for (gsize j = 0; j < p; j++)
      {
        double *column = data->x + j * n;

        data->x_offset[j] = _mp_pairwise_sum (column, n) / (double) n;
        for (gsize i = 0; i < n; i++)
          column[i] -= data->x_offset[j];
      }

  data->y_offset = _mp_pairwise_sum (data->y, n) / (double) n;
  for (gsize i = 0; i < n; i++)
    data->y[i] -= data->y_offset;
  return TRUE;
}

double
_mp_linear_intercept (const MpLinearData *data,
                      const double       *coef,
                      gboolean            fit_intercept)
{
  if (!fit_intercept)
    return 0.0;
  return data->y_offset - cblas_ddot ((int) data->n_features, data->x_offset, 1, coef, 1);
}

void
_mp_linear_set_fit (MpEstimator *estimator,
                    double      *coef,
                    gsize        n_features,
                    double       intercept)
{
  g_autoptr(MpArray) coef_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_features, 1, coef);

  g_object_set (estimator,
                "coef", coef_array,
                "intercept", intercept,
                NULL);
}

MpArray *
_mp_linear_predict (MpArray     *x,
                    MpLinearFit *fit)
{
  gsize n = mp_array_get_dim (x, 0);
  gsize p = mp_array_get_dim (x, 1);
  double *out = g_new (double, MAX (n, 1));

  /* numpy's matmul of a C-ordered matrix and a vector: dgemv on the
   * transpose, which is what the row-major form calls */
  if (n <= G_MAXINT && p <= G_MAXINT)
    cblas_dgemv (CblasRowMajor, CblasNoTrans, (int) n, (int) p, 1.0,
                 mp_array_get_float64_data (x), (int) p,
                 mp_array_get_float64_data (fit->coef), 1, 0.0, out, 1);
  else
    {
      const double *data = mp_array_get_float64_data (x);
      const double *coef = mp_array_get_float64_data (fit->coef);

      for (gsize i = 0; i < n; i++)
        {
          double s = 0;

          for (gsize j = 0; j < p; j++)
            s += data[i * p + j] * coef[j];
          out[i] = s;
        }
    }
  for (gsize i = 0; i < n; i++)
    out[i] += fit->intercept;
  return mp_array_new_take (MP_DTYPE_FLOAT64, &n, 1, out);
}
