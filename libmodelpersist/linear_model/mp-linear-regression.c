/* mp-linear-regression.c: ordinary least squares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-lapack-private.h"
#include "mp-linear-model-private.h"
#include "mp-linear-regression.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-linear-regression
 * @Title: MpLinearRegression
 * @Short_description: ordinary least squares
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) ols = g_object_new (MP_TYPE_LINEAR_REGRESSION,
 *                                            "fit-intercept", TRUE,
 *                                            "positive", TRUE,
 *                                            NULL);
 * double r2 = 0.0;
 *
 * if (!mp_estimator_fit (ols, x, y, &error) ||
 *     !mp_estimator_score (ols, x, y, &r2, &error))
 *   g_warning ("LinearRegression: %s", error->message);
 * ]|
 *
 * #MpLinearRegression is scikit-learn's `LinearRegression` for one
 * target: fit centres the samples and the targets (with
 * #MpLinearRegression:fit-intercept), finds the coefficients that
 * minimise the sum of squared residuals with LAPACK's `dgelsd` (the SVD
 * driver scipy.linalg.lstsq uses, so a rank-deficient X gets the same
 * minimum-norm solution), and mp_estimator_predict() returns
 * `X @ coef_ + intercept_`. With #MpLinearRegression:positive the
 * coefficients are constrained to be >= 0 (non-negative least squares,
 * scipy.optimize.nnls's problem). A regressor: mp_estimator_score() is
 * R². See docs/linear-models.md.
 */

struct _MpLinearRegression
{
  MpEstimator      parent_instance;

  MpLinearFit      fit;
  int              rank;
  MpArray         *singular;

  gboolean         fit_intercept;
  gboolean         copy_x;
  gboolean         positive;
};

G_DEFINE_FINAL_TYPE (MpLinearRegression, mp_linear_regression, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpLinearRegression, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpLinearRegression:fit-intercept:
   *
   * Whether fit learns an intercept (`fit_intercept`, default %TRUE), by
   * centring X and y first; without it the line passes through the origin
   * and `intercept_` is 0.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_FIT_INTERCEPT (FIELD (fit_intercept)),
  /**
   * MpLinearRegression:copy-x:
   *
   * scikit-learn's `copy_X` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: fit never writes
   * to its input.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COPY_X (FIELD (copy_x)),
  /**
   * MpLinearRegression:positive:
   *
   * Whether the coefficients are constrained to be >= 0 (`positive`,
   * default %FALSE): non-negative least squares by the Lawson-Hanson
   * active-set method, scipy.optimize.nnls's. `rank_` and `singular_` are
   * then not computed (None), as in scikit-learn.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_POSITIVE (FIELD (positive)),
  /**
   * MpLinearRegression:coef:
   *
   * The coefficient of each feature (`coef_`), float64 `(n_features_in,)`.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COEF (FIELD (fit.coef)),
  /**
   * MpLinearRegression:intercept:
   *
   * The constant term (`intercept_`), finite; 0 without
   * #MpLinearRegression:fit-intercept.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_INTERCEPT (FIELD (fit.intercept)),
  /**
   * MpLinearRegression:rank:
   *
   * The rank of the (centred) training matrix as `dgelsd` found it
   * (`rank_`), or -1 (None) when fitted with #MpLinearRegression:positive.
   * predict does not read it.
   *
   * Since: 0.1
   */
  { .name = "rank", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_INT,
    .offset = FIELD (rank), .default_number = -1, .interval = TRUE, .minimum = 0,
    .maximum = INFINITY, .constraint = MP_CONSTRAINT_NONE_ALLOWED },
  /**
   * MpLinearRegression:singular:
   *
   * The singular values of the (centred) training matrix, largest first
   * (`singular_`), float64 `(min(n_samples, n_features_in),)`; unset when
   * fitted with #MpLinearRegression:positive. predict does not read it.
   *
   * Since: 0.1
   */
  { .name = "singular", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (singular), .dtypes = "float64", .shape = "(n_singular,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_OPTIONAL },
};

/* scipy.linalg.lstsq (a, b) with its defaults: dgelsd, rcond = machine
 * epsilon, the workspace dgelsd asks for. @a is column-major m x n and is
 * destroyed; @b holds max (m, n) values, the targets in the first m, and
 * receives the solution in the first n; @s receives min (m, n) singular
 * values. */
static gboolean
lstsq (double        *a,
       gsize          m,
       gsize          n,
       double        *b,
       double        *s,
       int           *rank,
       GError       **error)
{
  mp_lapack_int im = (mp_lapack_int) m, in = (mp_lapack_int) n, nrhs = 1;
  mp_lapack_int lda = MAX (im, 1), ldb = MAX (MAX (im, in), 1);
  mp_lapack_int lwork = -1, info = 0, r = 0, iwork_size = 0;
  double rcond = DBL_EPSILON, work_size = 0;
  g_autofree double *work = NULL;
  g_autofree mp_lapack_int *iwork = NULL;

  dgelsd_ (&im, &in, &nrhs, a, &lda, b, &ldb, s, &rcond, &r, &work_size, &lwork, &iwork_size, &info);
  if (info != 0)
    goto failed;
  lwork = (mp_lapack_int) work_size;
  work = g_new (double, MAX (lwork, 1));
  iwork = g_new (mp_lapack_int, MAX (iwork_size, 1));
  dgelsd_ (&im, &in, &nrhs, a, &lda, b, &ldb, s, &rcond, &r, work, &lwork, iwork, &info);
  if (info != 0)
    goto failed;
  *rank = r;
  return TRUE;

failed:
  g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
               "fit: LAPACK dgelsd failed (info %d): the SVD did not converge", (int) info);
  return FALSE;
}

/* The least-squares solution over the columns marked in @passive of the
 * column-major m x n matrix @a, in @z (0 elsewhere). */
static gboolean
solve_passive (const double   *a,
               const double   *b,
               gsize           m,
               gsize           n,
               const gboolean *passive,
               double         *z,
               GError        **error)
{
  gsize k = 0;
  g_autofree double *sub = g_new (double, m * n);
  g_autofree double *rhs = g_new0 (double, MAX (m, n));
  g_autofree double *s = g_new (double, MAX (MIN (m, n), 1));
  int rank;

  for (gsize j = 0; j < n; j++)
    if (passive[j])
      memcpy (sub + m * k++, a + m * j, m * sizeof (double));
  memcpy (rhs, b, m * sizeof (double));
  memset (z, 0, n * sizeof (double));
  if (k == 0)
    return TRUE;
  if (!lstsq (sub, m, k, rhs, s, &rank, error))
    return FALSE;
  for (gsize j = 0, i = 0; j < n; j++)
    if (passive[j])
      z[j] = rhs[i++];
  return TRUE;
}

/* w = A^T (b - A x) */
static void
gradient (const double *a,
          const double *b,
          const double *x,
          gsize         m,
          gsize         n,
          double       *residual,
          double       *w)
{
  memcpy (residual, b, m * sizeof (double));
  cblas_dgemv (CblasColMajor, CblasNoTrans, (int) m, (int) n, -1.0, a, (int) m, x, 1, 1.0, residual, 1);
  cblas_dgemv (CblasColMajor, CblasTrans, (int) m, (int) n, 1.0, a, (int) m, residual, 1, 0.0, w, 1);
}

/* Non-negative least squares, min ||A x - b|| subject to x >= 0, by
 * Lawson and Hanson's active-set method (the algorithm of
 * scipy.optimize.nnls, with its limit of 3 n iterations): a column enters
 * the passive set while the gradient favours one; the passive set's
 * unconstrained least-squares solution is taken when it is positive, and
 * otherwise the step is cut where the first coefficient reaches zero. The
 * solution is the least-squares solution on the final passive set. */
static gboolean
nnls (const double  *a,
      const double  *b,
      gsize          m,
      gsize          n,
      double        *x,
      GError       **error)
{
  g_autofree gboolean *passive = g_new0 (gboolean, n);
  g_autofree gboolean *tried = g_new0 (gboolean, n);
  g_autofree double *w = g_new (double, n);
  g_autofree double *z = g_new (double, n);
  g_autofree double *residual = g_new (double, m);
  gsize n_passive = 0, iterations = 0, max_iterations = 3 * n;

  memset (x, 0, n * sizeof (double));
  gradient (a, b, x, m, n, residual, w);

  while (n_passive < MIN (m, n))
    {
      gsize best = n;

      for (gsize j = 0; j < n; j++)
        if (!passive[j] && !tried[j] && w[j] > 0 && (best == n || w[j] > w[best]))
          best = j;
      if (best == n)
        break;

      /* The column enters only if its unconstrained coefficient would be
       * positive (the Fortran code's ZTEST); otherwise the next best. */
      passive[best] = TRUE;
      if (!solve_passive (a, b, m, n, passive, z, error))
        return FALSE;
      if (!(z[best] > 0))
        {
          passive[best] = FALSE;
          tried[best] = TRUE;
          continue;
        }
      memset (tried, 0, n * sizeof (gboolean));
      n_passive++;

      for (;;)
        {
          double step = INFINITY;

          if (++iterations > max_iterations)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                           "fit: non-negative least squares did not converge in %" G_GSIZE_FORMAT
                           " iterations", max_iterations);
              return FALSE;
            }
          for (gsize j = 0; j < n; j++)
            if (passive[j] && z[j] <= 0)
              step = MIN (step, x[j] / (x[j] - z[j]));
          if (step == INFINITY)
            {
              memcpy (x, z, n * sizeof (double));
              break;
            }
          for (gsize j = 0; j < n; j++)
            if (passive[j])
              {
                x[j] += step * (z[j] - x[j]);
                if (x[j] <= 0)
                  {
                    x[j] = 0;
                    passive[j] = FALSE;
                    n_passive--;
                  }
              }
          if (!solve_passive (a, b, m, n, passive, z, error))
            return FALSE;
        }
      gradient (a, b, x, m, n, residual, w);
    }
  return TRUE;
}

static gboolean
mp_linear_regression_fit (MpEstimator  *estimator,
                          MpArray      *x,
                          MpArray      *y,
                          GError      **error)
{
  MpLinearRegression *self = MP_LINEAR_REGRESSION (estimator);
  g_auto(MpLinearData) data = { 0 };
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree double *coef = NULL;
  g_autofree double *s = NULL;
  g_autoptr(MpArray) singular = NULL;
  gsize m, n, k;
  int rank = -1;
  double intercept;

  if (!_mp_linear_data_init (&data, x, y, self->fit_intercept, MP_LINEAR_ROWS_C, error))
    return FALSE;
  m = data.n_samples;
  n = data.n_features;
  k = MIN (m, n);

  /* The column-major copy LAPACK works on. */
  a = g_new (double, m * n);
  for (gsize i = 0; i < m; i++)
    for (gsize j = 0; j < n; j++)
      a[j * m + i] = data.x[i * n + j];
  coef = g_new (double, n);

  if (self->positive)
    {
      if (!nnls (a, data.y, m, n, coef, error))
        return FALSE;
    }
  else
    {
      b = g_new0 (double, MAX (m, n));
      memcpy (b, data.y, m * sizeof (double));
      s = g_new (double, k);
      if (!lstsq (a, m, n, b, s, &rank, error))
        return FALSE;
      memcpy (coef, b, n * sizeof (double));
      singular = mp_array_new_take (MP_DTYPE_FLOAT64, &k, 1, g_steal_pointer (&s));
    }

  intercept = _mp_linear_intercept (&data, coef, self->fit_intercept);
  g_object_set (self,
                "rank", rank,
                "singular", singular,
                NULL);
  _mp_linear_set_fit (estimator, g_steal_pointer (&coef), n, intercept);
  return TRUE;
}

static MpArray *
mp_linear_regression_predict (MpEstimator  *estimator,
                              MpArray      *x,
                              GError      **error)
{
  return _mp_linear_predict (x, &MP_LINEAR_REGRESSION (estimator)->fit);
}

static gboolean
mp_linear_regression_validate (MpEstimator  *estimator,
                               GError      **error)
{
  MpLinearRegression *self = MP_LINEAR_REGRESSION (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_linear_regression_parent_class)->validate (estimator, error))
    return FALSE;
  if (self->singular != NULL && self->rank >= 0 &&
      (gsize) self->rank > mp_array_get_n_elements (self->singular))
    return _mp_invalid_state (error, "rank_: %d is more than the %" G_GSIZE_FORMAT " singular values",
                              self->rank, mp_array_get_n_elements (self->singular));
  return TRUE;
}

static void
mp_linear_regression_class_init (MpLinearRegressionClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_linear_regression_fit;
  estimator_class->predict = mp_linear_regression_predict;
  estimator_class->validate = mp_linear_regression_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_linear_regression_init (MpLinearRegression *self)
{
}

/**
 * mp_linear_regression_new:
 *
 * Creates a #MpLinearRegression with scikit-learn's defaults.
 *
 * Returns: (transfer full): a new #MpLinearRegression
 *
 * Since: 0.1
 */
MpEstimator *
mp_linear_regression_new (void)
{
  return g_object_new (MP_TYPE_LINEAR_REGRESSION, NULL);
}
