/* mp-ridge.c: least squares with an L2 penalty
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-lapack-private.h"
#include "mp-linear-model-private.h"
#include "mp-property-table-private.h"
#include "mp-ridge.h"

/**
 * SECTION:mp-ridge
 * @Title: MpRidge
 * @Short_description: least squares with an L2 penalty
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) ridge = g_object_new (MP_TYPE_RIDGE,
 *                                              "alpha", 0.5,
 *                                              "solver", "cholesky",
 *                                              NULL);
 * g_autoptr(MpArray) predicted = NULL;
 *
 * if (mp_estimator_fit (ridge, x, y, &error))
 *   predicted = mp_estimator_predict (ridge, x, &error);
 * if (predicted == NULL)
 *   g_warning ("Ridge: %s", error->message);
 * ]|
 *
 * #MpRidge is scikit-learn's `Ridge` for one target and a dense X: fit
 * minimises ||y - X w||² + alpha ||w||² on centred data (with
 * #MpRidge:fit-intercept) and mp_estimator_predict() returns
 * `X @ coef_ + intercept_`. The solvers are the direct ones,
 * `'cholesky'` (which `'auto'` chooses) and `'svd'`, computed with the
 * BLAS and LAPACK calls numpy and scipy make, so the coefficients are
 * scikit-learn's; the iterative solvers are refused (#MpRidgeSolver). A
 * regressor: mp_estimator_score() is R². See docs/linear-models.md.
 */

struct _MpRidge
{
  MpEstimator      parent_instance;

  MpLinearFit      fit;

  double           alpha;
  gboolean         fit_intercept;
  gboolean         copy_x;
  MpEnumField      solver;        /* MpRidgeSolver */
};

G_DEFINE_FINAL_TYPE (MpRidge, mp_ridge, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpRidge, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpRidge:alpha:
   *
   * The strength of the penalty (`alpha`, default 1.0), finite and >= 0;
   * 0 is ordinary least squares.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_ALPHA (FIELD (alpha)),
  /**
   * MpRidge:fit-intercept:
   *
   * Whether fit learns an intercept (`fit_intercept`, default %TRUE), by
   * centring X and y first; without it `intercept_` is 0.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_FIT_INTERCEPT (FIELD (fit_intercept)),
  /**
   * MpRidge:copy-x:
   *
   * scikit-learn's `copy_X` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: fit never writes
   * to its input.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COPY_X (FIELD (copy_x)),
  /**
   * MpRidge:solver:
   *
   * How fit solves: a word of #MpRidgeSolver, `auto` (the default),
   * `cholesky` or `svd`. Any other text (scikit-learn's iterative solvers)
   * is kept as given and refused by fit and by the loader. From C,
   * mp_estimator_set_enum() sets it from the enum.
   *
   * Since: 0.1
   */
  { .name = "solver", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (solver), .enum_type = mp_ridge_solver_get_type,
    .default_number = MP_RIDGE_SOLVER_AUTO },
  /**
   * MpRidge:coef:
   *
   * The coefficient of each feature (`coef_`), float64 `(n_features_in,)`.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COEF (FIELD (fit.coef)),
  /**
   * MpRidge:intercept:
   *
   * The constant term (`intercept_`), finite; 0 without
   * #MpRidge:fit-intercept.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_INTERCEPT (FIELD (fit.intercept)),
};

static gboolean
lapack_failed (const char     *routine,
               mp_lapack_int   info,
               GError        **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_FAILED, "fit: LAPACK %s failed (info %d)", routine, (int) info);
  return FALSE;
}

/* scipy.linalg.solve (a, b, assume_a="pos"): dposv on the upper triangle
 * of the n x n symmetric @a (destroyed); @b (n values) receives the
 * solution. FALSE, without an error, when @a is not positive definite
 * (scipy's LinAlgError). */
static gboolean
solve_positive (double *a,
                gsize   n,
                double *b)
{
  mp_lapack_int in = (mp_lapack_int) n, nrhs = 1, ld = MAX (in, 1), info = 0;

  dposv_ ("U", &in, &nrhs, a, &ld, b, &ld, &info, 1);
  return info == 0;
}

/* numpy's A @ A.T or A.T @ A of a C-ordered matrix: dsyrk into the upper
 * triangle, then the triangle copied, as numpy's matmul does. @x is
 * rows x cols row-major; the result is k x k with k = cols for
 * @transpose (X^T X), rows otherwise (X X^T). */
static double *
gram (const double *x,
      gsize         rows,
      gsize         cols,
      gboolean      transpose)
{
  gsize k = transpose ? cols : rows;
  gsize inner = transpose ? rows : cols;
  double *out = g_new0 (double, k * k);

  cblas_dsyrk (CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans,
               (int) k, (int) inner, 1.0, x, (int) cols, 0.0, out, (int) k);
  for (gsize i = 0; i < k; i++)
    for (gsize j = i + 1; j < k; j++)
      out[j * k + i] = out[i * k + j];
  return out;
}

/* scipy.linalg.lstsq (a, b): dgelsd, rcond = eps; @a is n x n symmetric
 * (its own transpose, so either order), @b n values, solution in place. */
static gboolean
lstsq_square (double  *a,
              gsize    n,
              double  *b,
              GError **error)
{
  mp_lapack_int in = (mp_lapack_int) n, nrhs = 1, ld = MAX (in, 1);
  mp_lapack_int lwork = -1, info = 0, rank = 0, iwork_size = 0;
  double rcond = DBL_EPSILON, work_size = 0;
  g_autofree double *s = g_new (double, MAX (n, 1));
  g_autofree double *work = NULL;
  g_autofree mp_lapack_int *iwork = NULL;

  dgelsd_ (&in, &in, &nrhs, a, &ld, b, &ld, s, &rcond, &rank, &work_size, &lwork, &iwork_size, &info);
  if (info != 0)
    return lapack_failed ("dgelsd", info, error);
  lwork = (mp_lapack_int) work_size;
  work = g_new (double, MAX (lwork, 1));
  iwork = g_new (mp_lapack_int, MAX (iwork_size, 1));
  dgelsd_ (&in, &in, &nrhs, a, &ld, b, &ld, s, &rcond, &rank, work, &lwork, iwork, &info);
  if (info != 0)
    return lapack_failed ("dgelsd", info, error);
  return TRUE;
}

/* scikit-learn's _solve_svd(): X = U S V^T by dgesdd (scipy.linalg.svd,
 * full_matrices=False), then w = V diag (s / (s² + alpha)) U^T y over the
 * singular values above 1e-15. */
static gboolean
solve_svd (const MpLinearData *data,
           double              alpha,
           double             *coef,
           GError            **error)
{
  gsize m = data->n_samples, n = data->n_features, k = MIN (m, n);
  mp_lapack_int im = (mp_lapack_int) m, in = (mp_lapack_int) n, ik = (mp_lapack_int) k;
  mp_lapack_int lda = MAX (im, 1), ldu = MAX (im, 1), ldvt = MAX (ik, 1);
  mp_lapack_int lwork = -1, info = 0;
  double work_size = 0;
  g_autofree double *a = g_new (double, m * n);
  g_autofree double *s = g_new (double, k);
  g_autofree double *u = g_new (double, m * k);
  g_autofree double *vt = g_new (double, k * n);
  g_autofree double *uty = g_new (double, k);
  g_autofree double *work = NULL;
  g_autofree mp_lapack_int *iwork = g_new (mp_lapack_int, 8 * k);

  for (gsize i = 0; i < m; i++)
    for (gsize j = 0; j < n; j++)
      a[j * m + i] = data->x[i * n + j];
  dgesdd_ ("S", &im, &in, a, &lda, s, u, &ldu, vt, &ldvt, &work_size, &lwork, iwork, &info, 1);
  if (info != 0)
    return lapack_failed ("dgesdd", info, error);
  lwork = (mp_lapack_int) work_size;
  work = g_new (double, MAX (lwork, 1));
  dgesdd_ ("S", &im, &in, a, &lda, s, u, &ldu, vt, &ldvt, work, &lwork, iwork, &info, 1);
  if (info != 0)
    return lapack_failed ("dgesdd (the SVD did not converge)", info, error);

  /* np.dot (U.T, y), np.dot (Vt.T, d * UTy): dgemv as numpy calls it */
  cblas_dgemv (CblasColMajor, CblasTrans, (int) m, (int) k, 1.0, u, (int) ldu, data->y, 1, 0.0, uty, 1);
  for (gsize i = 0; i < k; i++)
    {
      double d = s[i] > 1e-15 ? s[i] / (s[i] * s[i] + alpha) : 0.0;

      uty[i] = d * uty[i];
    }
  cblas_dgemv (CblasColMajor, CblasTrans, (int) k, (int) n, 1.0, vt, (int) ldvt, uty, 1, 0.0, coef, 1);
  return TRUE;
}

/* scikit-learn's 'cholesky': the normal equations when X has no more
 * features than samples (_solve_cholesky), the dual ones otherwise
 * (_solve_cholesky_kernel, which falls back on least squares itself).
 * FALSE without an error when the primal matrix is singular: the caller
 * uses the SVD, as scikit-learn does. */
static gboolean
solve_cholesky (const MpLinearData *data,
                double              alpha,
                double             *coef,
                gboolean           *singular,
                GError            **error)
{
  gsize m = data->n_samples, n = data->n_features;

  *singular = FALSE;
  if (n > m)
    {
      g_autofree double *k = gram (data->x, m, n, FALSE);
      g_autofree double *kept = NULL;
      g_autofree double *dual = g_memdup2 (data->y, m * sizeof (double));

      for (gsize i = 0; i < m; i++)
        k[i * m + i] += alpha;
      kept = g_memdup2 (k, m * m * sizeof (double));
      if (!solve_positive (k, m, dual))
        {
          /* "Singular matrix in solving dual problem. Using least-squares
           * solution instead." */
          memcpy (dual, data->y, m * sizeof (double));
          if (!lstsq_square (kept, m, dual, error))
            return FALSE;
        }
      /* X.T @ dual_coef */
      cblas_dgemv (CblasRowMajor, CblasTrans, (int) m, (int) n, 1.0, data->x, (int) n,
                   dual, 1, 0.0, coef, 1);
      return TRUE;
    }
  else
    {
      g_autofree double *a = gram (data->x, m, n, TRUE);

      /* X.T @ y */
      cblas_dgemv (CblasRowMajor, CblasTrans, (int) m, (int) n, 1.0, data->x, (int) n,
                   data->y, 1, 0.0, coef, 1);
      for (gsize j = 0; j < n; j++)
        a[j * n + j] += alpha;
      if (!solve_positive (a, n, coef))
        *singular = TRUE;
      return TRUE;
    }
}

static gboolean
mp_ridge_fit (MpEstimator  *estimator,
              MpArray      *x,
              MpArray      *y,
              GError      **error)
{
  MpRidge *self = MP_RIDGE (estimator);
  g_auto(MpLinearData) data = { 0 };
  g_autofree double *coef = NULL;
  gboolean use_svd = self->solver.value == MP_RIDGE_SOLVER_SVD;
  double intercept;

  if (!_mp_linear_data_init (&data, x, y, self->fit_intercept, MP_LINEAR_ROWS_C, error))
    return FALSE;
  coef = g_new (double, data.n_features);

  if (!use_svd && !solve_cholesky (&data, self->alpha, coef, &use_svd, error))
    return FALSE;
  if (use_svd && !solve_svd (&data, self->alpha, coef, error))
    return FALSE;

  intercept = _mp_linear_intercept (&data, coef, self->fit_intercept);
  _mp_linear_set_fit (estimator, g_steal_pointer (&coef), data.n_features, intercept);
  return TRUE;
}

static MpArray *
mp_ridge_predict (MpEstimator  *estimator,
                  MpArray      *x,
                  GError      **error)
{
  return _mp_linear_predict (x, &MP_RIDGE (estimator)->fit);
}

static void
mp_ridge_class_init (MpRidgeClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_ridge_fit;
  estimator_class->predict = mp_ridge_predict;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_ridge_init (MpRidge *self)
{
}

/**
 * mp_ridge_new:
 *
 * Creates a #MpRidge with scikit-learn's defaults (alpha 1, solver
 * `auto`).
 *
 * Returns: (transfer full): a new #MpRidge
 *
 * Since: 0.1
 */
MpEstimator *
mp_ridge_new (void)
{
  return g_object_new (MP_TYPE_RIDGE, NULL);
}
