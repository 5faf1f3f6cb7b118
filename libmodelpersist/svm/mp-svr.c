/* mp-svr.c: epsilon-support vector regression
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-svc.h"
#include "mp-svm-declarations-private.h"
#include "mp-svm-model-private.h"
#include "mp-svr.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-svr
 * @Title: MpSVR
 * @Short_description: epsilon-support vector regression
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) svr = g_object_new (MP_TYPE_SVR,
 *                                            "c", 10.0,
 *                                            "epsilon", 0.05,
 *                                            NULL);
 * g_autoptr(MpArray) predicted = NULL;
 *
 * if (mp_estimator_fit (svr, x, y, &error))
 *   predicted = mp_estimator_predict (svr, x, &error);   // 150 float64
 * if (predicted == NULL)
 *   g_warning ("SVR: %s", error->message);
 * ]|
 *
 * #MpSVR is scikit-learn's `SVR`: a regression function that ignores
 * errors smaller than #MpSVR:epsilon and penalises larger ones linearly,
 * trained with libsvm's `EPSILON_SVR` formulation (the SMO solver of
 * #MpSVC on two variables per sample). On the same data and
 * hyperparameters it finds the same support vectors, dual coefficients and
 * intercept as scikit-learn 1.2, and predicts the same values.
 *
 * The hyperparameters are #MpSVC's, with the same names, defaults and
 * constraints, plus #MpSVR:epsilon; `C` is the property #MpSVR:c (shown as
 * `C`) and #MpSVR:gamma is a string holding `scale`, `auto` or a number.
 * The fitted state is held in properties named after scikit-learn's
 * attributes (`support_`, `support_vectors_`, `n_support_`, `dual_coef_`,
 * `intercept_`, `_gamma`, `n_iter_` ...), so the generic serializer stores
 * and restores it. mp_estimator_score() is the coefficient of
 * determination R² of the predictions.
 */

/* libsvm indexes the 2 n_samples variables with int. */
#define MAX_SAMPLES (G_MAXINT32 / 8)

struct _MpSVR
{
  MpEstimator   parent_instance;

  /* hyperparameters */
  double        c;
  double        cache_size;
  double        coef0;
  int           degree;
  double        epsilon;
  char         *gamma;
  MpEnumField   kernel;      /* MpSVMKernel */
  int           max_iter;
  gboolean      shrinking;
  double        tol;
  gboolean      verbose;

  /* fitted state */
  MpArray      *support;            /* int32 (n_SV,) */
  MpArray      *support_vectors;    /* float64 (n_SV, n_features_in) */
  MpArray      *n_support;          /* int32 (1,) */
  MpArray      *dual_coef;          /* float64 (1, n_SV) */
  MpArray      *intercept;          /* float64 (1,) */
  MpArray      *shape_fit;          /* int64 (2,) */
  double        effective_gamma;
  int           n_iter;
  int           fit_status;
};

G_DEFINE_FINAL_TYPE (MpSVR, mp_svr, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpSVR, member)

/* The constraints are scikit-learn 1.2's SVR._parameter_constraints, the
 * entries SVC shares declared once (mp-svm-declarations-private.h).
 * n_support_'s count gives n_SV. */
static const MpPropertyDecl properties[] = {
  /**
   * MpSVR:c:
   *
   * The regularisation parameter `C`: the penalty of an error beyond the
   * tube. A finite number > 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_C (FIELD (c)),
  /**
   * MpSVR:cache-size:
   *
   * The kernel cache of the solver, in megabytes (`cache_size`), in
   * (0, 1048576].
   *
   * Since: 0.1
   */
  MP_SVM_DECL_CACHE_SIZE (FIELD (cache_size)),
  /**
   * MpSVR:coef0:
   *
   * The constant term of the `poly` and `sigmoid` kernels; finite.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_COEF0 (FIELD (coef0)),
  /**
   * MpSVR:degree:
   *
   * The degree of the `poly` kernel; must be >= 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_DEGREE (FIELD (degree)),
  /**
   * MpSVR:epsilon:
   *
   * The half-width of the tube around the regression function inside
   * which errors cost nothing; a finite number >= 0.
   *
   * Since: 0.1
   */
  { .name = "epsilon", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (epsilon), .default_number = 0.1,
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE },
  /**
   * MpSVR:gamma:
   *
   * The kernel coefficient of `rbf`, `poly` and `sigmoid`: `scale`
   * (1 / (n_features * X.var()), the default), `auto` (1 / n_features) or
   * the text of a number >= 0 such as `0.1`. The string form prints a
   * number unquoted: `gamma=0.1`. Setting %NULL restores `scale`.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_GAMMA (FIELD (gamma)),
  /**
   * MpSVR:kernel:
   *
   * The kernel function: a word of #MpSVMKernel, `linear`, `poly`, `rbf`
   * (the default) or `sigmoid`. Any other text is kept as given and refused
   * by fit and by the loader. From C, mp_estimator_set_enum() sets it from
   * the enum.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_KERNEL (FIELD (kernel)),
  /**
   * MpSVR:max-iter:
   *
   * The most solver iterations, -1 for no limit.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_MAX_ITER (FIELD (max_iter)),
  /**
   * MpSVR:shrinking:
   *
   * Whether the solver sets aside variables stuck at a bound.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SHRINKING (FIELD (shrinking)),
  /**
   * MpSVR:tol:
   *
   * The stopping tolerance of the solver (on the maximal violation of
   * the optimality conditions); a finite number > 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_TOL (FIELD (tol)),
  /**
   * MpSVR:verbose:
   *
   * Whether fit prints libsvm's progress to standard output.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_VERBOSE (FIELD (verbose)),
  /**
   * MpSVR:n-support:
   *
   * The number of support vectors, int32 of shape (1,) (`n_support_`).
   *
   * Since: 0.1
   */
  { .name = "n-support", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (n_support), .dtypes = "int32", .shape = "(1,)",
    .state = MP_STATE_FLAG_COUNTS, .bound = "n_SV" },
  /**
   * MpSVR:support-vectors:
   *
   * The support vectors, n_SV x n_features float64 (`support_vectors_`).
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SUPPORT_VECTORS (FIELD (support_vectors)),
  /**
   * MpSVR:support:
   *
   * The training-sample index of each support vector, int32, increasing
   * (`support_`).
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SUPPORT (FIELD (support)),
  /**
   * MpSVR:dual-coef:
   *
   * The coefficient alpha_i - alpha*_i of each support vector in the
   * regression function, 1 x n_SV float64 (`dual_coef_`).
   *
   * Since: 0.1
   */
  { .name = "dual-coef", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (dual_coef), .dtypes = "float64", .shape = "(1, n_SV)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpSVR:intercept:
   *
   * The constant term of the regression function, float64 of shape (1,)
   * (`intercept_`).
   *
   * Since: 0.1
   */
  { .name = "intercept", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (intercept), .dtypes = "float64", .shape = "(1,)", .state = MP_STATE_FLAG_FINITE },
  /**
   * MpSVR:n-iter:
   *
   * The iterations of the solver (`n_iter_`).
   *
   * Since: 0.1
   */
  { .name = "n-iter", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_INT,
    .offset = FIELD (n_iter), .interval = TRUE, .maximum = INFINITY },
  /**
   * MpSVR:shape-fit:
   *
   * The shape (n_samples, n_features) of the training matrix, int64
   * (`shape_fit_`); it bounds the indices in #MpSVR:support.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SHAPE_FIT (FIELD (shape_fit)),
  /**
   * MpSVR:effective-gamma:
   *
   * The kernel coefficient fit used, after resolving `scale` and `auto`
   * (`_gamma`); finite and >= 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_EFFECTIVE_GAMMA (FIELD (effective_gamma)),
  /**
   * MpSVR:fit-status:
   *
   * 0 if the solver converged, 1 if it stopped at #MpSVR:max-iter
   * (`fit_status_`).
   *
   * Since: 0.1
   */
  MP_SVM_DECL_FIT_STATUS (FIELD (fit_status)),
};

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

static MpSvmKernelParams
kernel_params (MpSVR  *self,
               double  gamma)
{
  MpSvmKernelParams params = { (MpSvmKernelType) self->kernel.value, self->degree, gamma, self->coef0 };

  return params;
}

static gboolean
mp_svr_fit (MpEstimator  *estimator,
            MpArray      *x,
            MpArray      *y,
            GError      **error)
{
  MpSVR *self = MP_SVR (estimator);
  g_autoptr(MpArray) support = NULL;
  g_autoptr(MpArray) support_vectors = NULL;
  g_autoptr(MpArray) n_support = NULL;
  g_autoptr(MpArray) dual_coef = NULL;
  g_autoptr(MpArray) intercept = NULL;
  g_autoptr(MpArray) shape_fit = NULL;
  g_autofree double *targets = NULL;
  g_autofree double *coef = NULL;
  g_autofree const double **rows = NULL;
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  const gint64 shape[] = { (gint64) n_samples, (gint64) n_features };
  gsize two = 2, one = 1, n_sv = 0, coef_shape[2];
  gint32 *support_data, count;
  double *vectors, *coef_data, rho_as_intercept;
  MpSvmParams params = { 0, };
  MpSvmProblem problem;
  MpSvmSolution solution;
  double gamma;

  if (n_samples > MAX_SAMPLES)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples is more than libsvm supports (%d)",
                   n_samples, MAX_SAMPLES);
      return FALSE;
    }

  targets = _mp_regression_targets (estimator, y, error);
  if (targets == NULL)
    return FALSE;

  gamma = _mp_svm_resolve_gamma (self->gamma, data, n_samples, n_features);

  params.kernel = kernel_params (self, gamma);
  params.c = self->c;
  params.eps = self->tol;
  params.cache_mb = self->cache_size;
  params.shrinking = self->shrinking;
  params.max_iter = self->max_iter;
  params.verbose = self->verbose;
  params.seed = -1;

  rows = g_new (const double *, MAX (n_samples, 1));
  for (gsize i = 0; i < n_samples; i++)
    rows[i] = data + i * n_features;
  problem.l = (int) n_samples;
  problem.n_features = n_features;
  problem.x = rows;
  problem.y = targets;

  if (self->verbose)
    {
      fputs ("[LibSVM]", stdout);
      fflush (stdout);
    }

  coef = g_new (double, MAX (n_samples, 1));
  _mp_svm_train_regression (&problem, &params, self->epsilon, coef, &solution);

  /* libsvm keeps the samples with a nonzero coefficient, in order */
  for (gsize i = 0; i < n_samples; i++)
    if (fabs (coef[i]) > 0)
      n_sv++;

  /* scikit-learn's intercept is -rho, with 0 for a zero rho (never -0) */
  rho_as_intercept = solution.rho != 0 ? -solution.rho : 0;
  if (!isfinite (rho_as_intercept))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "X: the intercept is not finite; the data may need scaling");
      return FALSE;
    }

  support_data = g_new (gint32, MAX (n_sv, 1));
  vectors = g_new (double, MAX (n_sv * n_features, 1));
  coef_data = g_new (double, MAX (n_sv, 1));
  for (gsize i = 0, k = 0; i < n_samples; i++)
    if (fabs (coef[i]) > 0)
      {
        support_data[k] = (gint32) i;
        memcpy (vectors + k * n_features, rows[i], n_features * sizeof (double));
        coef_data[k] = coef[i];
        if (!isfinite (coef[i]))
          {
            g_free (support_data);
            g_free (vectors);
            g_free (coef_data);
            g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                                 "X: the dual coefficients are not finite; the data may need scaling");
            return FALSE;
          }
        k++;
      }

  {
    gsize vectors_shape[] = { n_sv, n_features };

    support = mp_array_new_take (MP_DTYPE_INT32, &n_sv, 1, support_data);
    support_vectors = mp_array_new_take (MP_DTYPE_FLOAT64, vectors_shape, 2, vectors);
  }
  coef_shape[0] = 1;
  coef_shape[1] = n_sv;
  dual_coef = mp_array_new_take (MP_DTYPE_FLOAT64, coef_shape, 2, coef_data);
  count = (gint32) n_sv;
  n_support = mp_array_new_take (MP_DTYPE_INT32, &one, 1, g_memdup2 (&count, sizeof count));
  intercept = mp_array_new_take (MP_DTYPE_FLOAT64, &one, 1, g_memdup2 (&rho_as_intercept, sizeof (double)));
  shape_fit = mp_array_new_int64 (shape, 2, &two, 1, NULL);

  g_object_set (self,
                "support", support,
                "support-vectors", support_vectors,
                "n-support", n_support,
                "dual-coef", dual_coef,
                "intercept", intercept,
                "n-iter", solution.n_iter,
                "shape-fit", shape_fit,
                "effective-gamma", gamma,
                "fit-status", solution.timed_out ? 1 : 0,
                NULL);

  if (self->fit_status == 1)
    g_message ("SVR: solver terminated early (max_iter=%d); consider scaling the data",
               self->max_iter);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validate                                                            */
/* ------------------------------------------------------------------ */

/* What the declarations cannot state: shape_fit_ holds the training
 * shape, which bounds the support vectors and the indices in support_. */
static gboolean
mp_svr_validate (MpEstimator  *estimator,
                 GError      **error)
{
  MpSVR *self = MP_SVR (estimator);
  gint64 n_features = mp_estimator_get_n_features_in (estimator);
  const gint64 *shape_fit;
  gsize n_sv;

  if (!MP_ESTIMATOR_CLASS (mp_svr_parent_class)->validate (estimator, error))
    return FALSE;

  n_sv = mp_array_get_dim (self->support_vectors, 0);
  shape_fit = mp_array_get_int64_data (self->shape_fit);
  if (!_mp_svm_check_shape_fit (shape_fit, MAX_SAMPLES, n_features, error))
    return FALSE;
  if ((gint64) n_sv > shape_fit[0])
    return _mp_invalid_state (error, "n_support_: %" G_GSIZE_FORMAT " support vectors from %"
                              G_GINT64_FORMAT " samples", n_sv, shape_fit[0]);
  return _mp_svm_check_support_indices (mp_array_get_int32_data (self->support), n_sv, shape_fit[0], error);
}

/* ------------------------------------------------------------------ */
/* Prediction                                                          */
/* ------------------------------------------------------------------ */

/* libsvm's regression function: the coefficients times the kernel values,
 * summed in support vector order, minus rho. The number of support
 * vectors is read from the arrays' dimensions, which the validated
 * declarations tie together. */
static MpArray *
mp_svr_predict (MpEstimator  *estimator,
                MpArray      *x,
                GError      **error)
{
  MpSVR *self = MP_SVR (estimator);
  MpSvmKernelParams kernel = kernel_params (self, self->effective_gamma);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  gsize n_sv = mp_array_get_dim (self->support_vectors, 0);
  const double *data = mp_array_get_float64_data (x);
  const double *vectors = mp_array_get_float64_data (self->support_vectors);
  const double *coef = mp_array_get_float64_data (self->dual_coef);
  double rho = -mp_array_get_float64_data (self->intercept)[0];
  double *out = g_new (double, MAX (n_samples, 1));

  for (gsize i = 0; i < n_samples; i++)
    {
      double sum = 0;

      for (gsize k = 0; k < n_sv; k++)
        sum += coef[k] * _mp_svm_kernel_eval (&kernel, data + i * n_features, vectors + k * n_features,
                                              n_features);
      out[i] = sum - rho;
    }

  return mp_array_new_take (MP_DTYPE_FLOAT64, &n_samples, 1, out);
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static char *
mp_svr_format_param (MpEstimator *estimator,
                     GParamSpec  *pspec)
{
  MpSVR *self = MP_SVR (estimator);

  if (strcmp (pspec->name, "gamma") == 0)
    return _mp_svm_format_gamma (self->gamma);
  if (strcmp (pspec->name, "cache-size") == 0)
    return _mp_svm_format_cache_size (self->cache_size);
  return NULL;
}

static void
mp_svr_class_init (MpSVRClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_svr_fit;
  estimator_class->predict = mp_svr_predict;
  estimator_class->validate = mp_svr_validate;
  estimator_class->format_param = mp_svr_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_svr_init (MpSVR *self)
{
}

/**
 * mp_svr_new:
 *
 * Creates an #MpSVR with scikit-learn's default hyperparameters
 * (`SVR()`: C=1.0, epsilon=0.1, the `rbf` kernel, gamma=`scale`).
 *
 * Returns: (transfer full): a new #MpSVR
 *
 * Since: 0.1
 */
MpEstimator *
mp_svr_new (void)
{
  return g_object_new (MP_TYPE_SVR, NULL);
}
