/* mp-coordinate-descent.c: the elastic-net solver Lasso and ElasticNet
 * share
 *
 * scikit-learn's enet_coordinate_descent() (sklearn/linear_model/
 * _cd_fast.pyx) for a dense, Fortran-ordered X, written again in C with
 * the same reference BLAS calls in the same order (scipy's cython_blas
 * reaches the same libblas.so.3), so that each step rounds as scikit-learn's
 * does. It minimises
 *
 *   1/2 ||y - X w||² + l1 ||w||_1 + l2/2 ||w||²
 *
 * with l1 = alpha l1_ratio n_samples and l2 = alpha (1 - l1_ratio)
 * n_samples (enet_path's scaling), one coordinate after another, in order
 * (selection='cyclic'). After a sweep whose largest coefficient change is
 * below tol times the largest coefficient, or at the last iteration, it
 * computes the duality gap and stops once the gap is below tol ||y||².
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <math.h>

#include "mp-coordinate-descent-private.h"
#include "mp-error.h"
#include "mp-linear-model-private.h"
#include "mp-pairwise-sum-private.h"

static inline double
fmax_ (double x,
       double y)
{
  return x > y ? x : y;
}

static inline double
fsign (double f)
{
  return f == 0 ? 0 : f > 0 ? 1.0 : -1.0;
}

typedef struct {
  double       gap;
  unsigned int n_iter;
} CdResult;

/* @x column-major n x p, @y n values, @w p values (zeros in, the
 * coefficients out). */
static CdResult
coordinate_descent (double       *w,
                    double        alpha,
                    double        beta,
                    const double *x,
                    const double *y,
                    int           n_samples,
                    int           n_features,
                    int           max_iter,
                    double        tol,
                    gboolean      positive)
{
  g_autofree double *norm_cols = g_new (double, n_features);
  g_autofree double *r = g_new (double, n_samples);
  g_autofree double *xta = g_new (double, n_features);
  g_autofree double *square = g_new (double, n_samples);
  double gap = tol + 1.0, d_w_tol = tol;
  unsigned int n_iter = 0;

  /* np.square(X).sum(axis=0): numpy's pairwise sum down each column */
  for (int j = 0; j < n_features; j++)
    {
      const double *column = x + (gsize) j * n_samples;

      for (int i = 0; i < n_samples; i++)
        square[i] = column[i] * column[i];
      norm_cols[j] = _mp_pairwise_sum (square, n_samples);
    }

  /* R = y - X w */
  cblas_dcopy (n_samples, y, 1, r, 1);
  cblas_dgemv (CblasColMajor, CblasNoTrans, n_samples, n_features, -1.0, x, n_samples, w, 1, 1.0, r, 1);

  tol *= cblas_ddot (n_samples, y, 1, y, 1);

  for (n_iter = 0; n_iter < (unsigned int) max_iter; n_iter++)
    {
      double w_max = 0.0, d_w_max = 0.0;

      for (int ii = 0; ii < n_features; ii++)
        {
          const double *column = x + (gsize) ii * n_samples;
          double w_ii, tmp;

          if (norm_cols[ii] == 0.0)
            continue;
          w_ii = w[ii];
          if (w_ii != 0.0)
            cblas_daxpy (n_samples, w_ii, column, 1, r, 1);
          tmp = cblas_ddot (n_samples, column, 1, r, 1);
          if (positive && tmp < 0)
            w[ii] = 0.0;
          else
            w[ii] = fsign (tmp) * fmax_ (fabs (tmp) - alpha, 0) / (norm_cols[ii] + beta);
          if (w[ii] != 0.0)
            cblas_daxpy (n_samples, -w[ii], column, 1, r, 1);
          d_w_max = fmax_ (d_w_max, fabs (w[ii] - w_ii));
          w_max = fmax_ (w_max, fabs (w[ii]));
        }

      if (w_max == 0.0 || d_w_max / w_max < d_w_tol || n_iter == (unsigned int) max_iter - 1)
        {
          double dual_norm_xta, r_norm2, w_norm2, l1_norm, c;

          /* XtA = X.T @ R - beta w */
          cblas_dcopy (n_features, w, 1, xta, 1);
          cblas_dgemv (CblasColMajor, CblasTrans, n_samples, n_features, 1.0, x, n_samples,
                       r, 1, -beta, xta, 1);
          dual_norm_xta = positive ? xta[0] : fabs (xta[0]);
          for (int j = 1; j < n_features; j++)
            {
              double d = positive ? xta[j] : fabs (xta[j]);

              if (d > dual_norm_xta)
                dual_norm_xta = d;
            }
          r_norm2 = cblas_ddot (n_samples, r, 1, r, 1);
          w_norm2 = cblas_ddot (n_features, w, 1, w, 1);
          if (dual_norm_xta > alpha)
            {
              c = alpha / dual_norm_xta;
              gap = 0.5 * (r_norm2 + r_norm2 * (c * c));
            }
          else
            {
              c = 1.0;
              gap = r_norm2;
            }
          l1_norm = cblas_dasum (n_features, w, 1);
          gap += alpha * l1_norm - c * cblas_ddot (n_samples, r, 1, y, 1)
                 + 0.5 * beta * (1 + c * c) * w_norm2;
          if (gap < tol)
            break;
        }
    }
  if (n_iter == (unsigned int) max_iter)
    n_iter--;   /* the for loop's variable ends at the last iteration */

  return (CdResult) { .gap = gap, .n_iter = n_iter + 1 };
}

gboolean
_mp_enet_fit (MpEstimator         *estimator,
              MpArray             *x,
              MpArray             *y,
              const MpEnetParams  *params,
              GError             **error)
{
  g_auto(MpLinearData) data = { 0 };
  g_autofree double *coef = NULL;
  double n, l1_reg, l2_reg, intercept;
  CdResult result;

  if (!_mp_linear_data_init (&data, x, y, params->fit_intercept, MP_LINEAR_COLUMNS_F, error))
    return FALSE;
  n = (double) data.n_samples;
  l1_reg = params->alpha * params->l1_ratio * n;
  l2_reg = params->alpha * (1.0 - params->l1_ratio) * n;

  coef = g_new0 (double, data.n_features);
  result = coordinate_descent (coef, l1_reg, l2_reg, data.x, data.y, (int) data.n_samples,
                               (int) data.n_features, params->max_iter, params->tol, params->positive);
  intercept = _mp_linear_intercept (&data, coef, params->fit_intercept);

  for (gsize j = 0; j < data.n_features; j++)
    if (!isfinite (coef[j]))
      {
        g_set_error_literal (error, MP_ERROR, MP_ERROR_FAILED,
                             "fit: coordinate descent resulted in non-finite coefficients; the "
                             "input may contain large values and need to be preprocessed");
        return FALSE;
      }
  if (!isfinite (intercept) || !isfinite (result.gap))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_FAILED,
                           "fit: coordinate descent resulted in a non-finite intercept or duality gap");
      return FALSE;
    }

  g_object_set (estimator,
                "n-iter", (int) result.n_iter,
                /* enet_path: the gap of the objective over n_samples */
                "dual-gap", result.gap / n,
                NULL);
  _mp_linear_set_fit (estimator, g_steal_pointer (&coef), data.n_features, intercept);
  return TRUE;
}
