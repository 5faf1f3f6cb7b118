/* mp-svc.c: C-support vector classification
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-labels-private.h"
#include "mp-property-table-private.h"
#include "mp-svc.h"
#include "mp-svm-attributes-private.h"
#include "mp-svm-declarations-private.h"

/**
 * SECTION:mp-svc
 * @Title: MpSVC
 * @Short_description: C-support vector classification
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * g_autoptr(MpEstimator) svc = g_object_new (MP_TYPE_SVC,
 *                                            "c", 10.0,
 *                                            "probability", TRUE,
 *                                            NULL);
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_fit (svc, x, mp_dataset_get_target (iris), &error))
 *   proba = mp_estimator_predict_proba (svc, x, &error);   // 150 x 3
 * if (proba == NULL)
 *   g_warning ("SVC: %s", error->message);
 * ]|
 *
 * #MpSVC is scikit-learn's `SVC`: a soft-margin support vector machine
 * trained with libsvm's algorithm (sequential minimal optimisation with
 * second-order working-set selection, shrinking and a kernel cache), one
 * binary machine per pair of classes. On the same data and
 * hyperparameters it finds the same support vectors, dual coefficients and
 * intercepts as scikit-learn 1.2.
 *
 * Hyperparameters have scikit-learn's names in lower case: `C` is the
 * property #MpSVC:c (shown as `C`). #MpSVC:gamma is a string holding
 * `scale`, `auto` or a number; #MpSVC:class-weight is %NULL, `balanced` or
 * a dictionary literal such as `{0: 1.0, 2: 3.5}` mapping class labels to
 * weights; #MpSVC:random-state is -1 for `None`. They are checked against
 * scikit-learn's constraints by fit and by the loader, not by the setters.
 *
 * The fitted state is held in properties named after scikit-learn's
 * attributes (`support_`, `support_vectors_`, `n_support_`, `dual_coef_`,
 * `intercept_`, `classes_`, `_gamma`, `probA_`, `probB_` ...), so the
 * generic serializer stores and restores it.
 */

/* libsvm indexes samples with int and forms products like 5 * l. */
#define MAX_SAMPLES (G_MAXINT32 / 8)

struct _MpSVC
{
  MpEstimator              parent_instance;

  /* hyperparameters */
  double                   c;
  gboolean                 break_ties;
  double                   cache_size;
  char                    *class_weight;
  double                   coef0;
  MpEnumField              decision_function_shape;  /* MpDecisionFunctionShape */
  int                      degree;
  char                    *gamma;
  MpEnumField              kernel;                   /* MpSVMKernel */
  int                      max_iter;
  gboolean                 probability;
  gint64                   random_state;
  gboolean                 shrinking;
  double                   tol;
  gboolean                 verbose;

  /* fitted state */
  MpArray                 *classes;
  MpArray                 *fitted_class_weight;
  MpArray                 *shape_fit;
  double                   effective_gamma;
  MpSvmAttributes          fitted;    /* libsvm's model: support_, dual_coef_... */
};

G_DEFINE_FINAL_TYPE (MpSVC, mp_svc, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpSVC, member)

static const char * const class_weight_words[] = { "balanced", NULL };

/* The constraints are scikit-learn 1.2's SVC._parameter_constraints (an
 * excluded infinite end keeps a value finite). Fitted arrays are checked
 * in this order, and a symbol takes its value from the first that names
 * it: classes_ gives n_classes, n_support_'s counts give n_SV. */
static const MpPropertyDecl properties[] = {
  /**
   * MpSVC:c:
   *
   * The regularisation parameter `C`: the penalty of a margin violation.
   * A finite number > 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_C (FIELD (c)),
  /**
   * MpSVC:break-ties:
   *
   * With #MpSVC:decision-function-shape `ovr` and more than two classes,
   * predict the class of the largest one-vs-rest decision value instead
   * of the class with most pairwise votes. Must be %FALSE with `ovo`. The
   * string form shows it only when %TRUE.
   *
   * Since: 0.1
   */
  { .name = "break-ties", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (break_ties) },
  /**
   * MpSVC:cache-size:
   *
   * The kernel cache of the solver, in megabytes (`cache_size`), in
   * (0, 1048576].
   *
   * Since: 0.1
   */
  MP_SVM_DECL_CACHE_SIZE (FIELD (cache_size)),
  /**
   * MpSVC:class-weight:
   *
   * Per-class factors of C: %NULL (`None`, all 1), `balanced`
   * (n_samples / (n_classes * count of the class)) or a dictionary literal
   * such as `{0: 1.0, 2: 3.5}` whose keys are class labels.
   *
   * Since: 0.1
   */
  { .name = "class-weight", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (class_weight), .words = class_weight_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = _mp_class_weight_check, .check_text = "a dictionary {label: weight >= 0}" },
  /**
   * MpSVC:coef0:
   *
   * The constant term of the `poly` and `sigmoid` kernels; finite.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_COEF0 (FIELD (coef0)),
  /**
   * MpSVC:decision-function-shape:
   *
   * The shape of mp_svc_decision_function() for more than two classes: a
   * word of #MpDecisionFunctionShape, `ovr` (the default) or `ovo`. Any
   * other text is kept as given and refused by fit and by the loader. From
   * C, mp_estimator_set_enum() sets it from the enum.
   *
   * Since: 0.1
   */
  { .name = "decision-function-shape", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (decision_function_shape), .enum_type = mp_decision_function_shape_get_type,
    .default_number = MP_DECISION_FUNCTION_SHAPE_OVR },
  /**
   * MpSVC:degree:
   *
   * The degree of the `poly` kernel; must be >= 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_DEGREE (FIELD (degree)),
  /**
   * MpSVC:gamma:
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
   * MpSVC:kernel:
   *
   * The kernel function: a word of #MpSVMKernel, `linear`, `poly`, `rbf`
   * (the default) or `sigmoid`. Any other text is kept as given and refused
   * by fit and by the loader. From C, mp_estimator_set_enum() sets it from the
   * enum.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_KERNEL (FIELD (kernel)),
  /**
   * MpSVC:max-iter:
   *
   * The most solver iterations per pair of classes, -1 for no limit.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_MAX_ITER (FIELD (max_iter)),
  /**
   * MpSVC:probability:
   *
   * Whether fit also learns Platt-scaled probabilities (with an internal
   * 5-fold cross-validation, about five times slower), enabling
   * mp_svc_predict_proba().
   *
   * Since: 0.1
   */
  { .name = "probability", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (probability) },
  /**
   * MpSVC:random-state:
   *
   * The seed of the cross-validation folds of #MpSVC:probability, as
   * scikit-learn's integer `random_state`, in [0, 2^32 - 1]; -1 (`None`)
   * draws a fresh seed at each fit.
   *
   * Since: 0.1
   */
  { .name = "random-state", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64,
    .offset = FIELD (random_state), .default_number = -1,
    .interval = TRUE, .maximum = G_MAXUINT32, .constraint = MP_CONSTRAINT_NONE_ALLOWED },
  /**
   * MpSVC:shrinking:
   *
   * Whether the solver sets aside variables stuck at a bound.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SHRINKING (FIELD (shrinking)),
  /**
   * MpSVC:tol:
   *
   * The stopping tolerance of the solver (on the maximal violation of
   * the optimality conditions); a finite number > 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_TOL (FIELD (tol)),
  /**
   * MpSVC:verbose:
   *
   * Whether fit prints libsvm's progress to standard output.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_VERBOSE (FIELD (verbose)),
  /**
   * MpSVC:classes:
   *
   * The sorted distinct training labels (`classes_`).
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY },
  /**
   * MpSVC:n-support:
   *
   * The number of support vectors of each class, int32 (`n_support_`).
   *
   * Since: 0.1
   */
  { .name = "n-support", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (fitted.n_support), .dtypes = "int32", .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_COUNTS, .bound = "n_SV" },
  /**
   * MpSVC:support-vectors:
   *
   * The support vectors, n_SV x n_features float64 (`support_vectors_`).
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SUPPORT_VECTORS (FIELD (fitted.support_vectors)),
  /**
   * MpSVC:support:
   *
   * The training-sample index of each support vector, int32, grouped by
   * class and increasing within a class (`support_`).
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SUPPORT (FIELD (fitted.support)),
  /**
   * MpSVC:dual-coef:
   *
   * The signed dual coefficients, (n_classes - 1) x n_SV float64 in
   * libsvm's one-vs-one layout (`dual_coef_`).
   *
   * Since: 0.1
   */
  { .name = "dual-coef", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (fitted.dual_coef), .dtypes = "float64", .shape = "(n_classes_minus_1, n_SV)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpSVC:intercept:
   *
   * The intercept of each pair of classes, float64 (`intercept_`).
   *
   * Since: 0.1
   */
  { .name = "intercept", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (fitted.intercept), .dtypes = "float64", .shape = "(n_pairs,)", .state = MP_STATE_FLAG_FINITE },
  /**
   * MpSVC:prob-a:
   *
   * The slope of each pair's Platt sigmoid, float64; empty unless fitted
   * with #MpSVC:probability (`probA_`).
   *
   * Since: 0.1
   */
  { .name = "prob-a", .display_name = "probA_", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (fitted.prob_a), .dtypes = "float64", .shape = "(n_pairs,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_EMPTY_ALLOWED },
  /**
   * MpSVC:prob-b:
   *
   * The offset of each pair's Platt sigmoid (`probB_`).
   *
   * Since: 0.1
   */
  { .name = "prob-b", .display_name = "probB_", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (fitted.prob_b), .dtypes = "float64", .shape = "(n_pairs,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_EMPTY_ALLOWED },
  /**
   * MpSVC:fitted-class-weight:
   *
   * The factor of C of each class, float64 (`class_weight_`).
   *
   * Since: 0.1
   */
  { .name = "fitted-class-weight", .display_name = "class_weight_", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_ARRAY, .offset = FIELD (fitted_class_weight), .dtypes = "float64",
    .shape = "(n_classes,)", .state = MP_STATE_FLAG_FINITE },
  /**
   * MpSVC:n-iter:
   *
   * The solver iterations of each pair of classes, int32 (`n_iter_`).
   *
   * Since: 0.1
   */
  { .name = "n-iter", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (fitted.n_iter), .dtypes = "int32", .shape = "(n_pairs,)" },
  /**
   * MpSVC:shape-fit:
   *
   * The shape (n_samples, n_features) of the training matrix, int64
   * (`shape_fit_`); it bounds the indices in #MpSVC:support.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_SHAPE_FIT (FIELD (shape_fit)),
  /**
   * MpSVC:effective-gamma:
   *
   * The kernel coefficient fit used, after resolving `scale` and `auto`
   * (`_gamma`); finite and >= 0.
   *
   * Since: 0.1
   */
  MP_SVM_DECL_EFFECTIVE_GAMMA (FIELD (effective_gamma)),
  /**
   * MpSVC:fit-status:
   *
   * 0 if every solver converged, 1 if one stopped at #MpSVC:max-iter
   * (`fit_status_`).
   *
   * Since: 0.1
   */
  MP_SVM_DECL_FIT_STATUS (FIELD (fitted.fit_status)),
};

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

/* The public kernel enum lists libsvm's kernels in libsvm's order. */
G_STATIC_ASSERT ((int) MP_SVM_KERNEL_LINEAR == (int) MP_SVM_KERNEL_LINEAR_ &&
                 (int) MP_SVM_KERNEL_POLY == (int) MP_SVM_KERNEL_POLY_ &&
                 (int) MP_SVM_KERNEL_RBF == (int) MP_SVM_KERNEL_RBF_ &&
                 (int) MP_SVM_KERNEL_SIGMOID == (int) MP_SVM_KERNEL_SIGMOID_);

static MpSvmKernelParams
kernel_params (MpSVC  *self,
               double  gamma)
{
  MpSvmKernelParams params = { (MpSvmKernelType) self->kernel.value, self->degree, gamma, self->coef0 };

  return params;
}

/* scikit-learn keeps binary models with the signs flipped, so that
 * positive decision values mean the second class. */
static double
sign_of (gsize n_classes)
{
  return n_classes == 2 ? -1.0 : 1.0;
}

static gboolean
mp_svc_fit (MpEstimator  *estimator,
            MpArray      *x,
            MpArray      *y,
            GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(MpArray) fitted_class_weight = NULL;
  g_autoptr(MpArray) shape_fit = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree double *class_weight = NULL;
  g_autofree int *weight_label = NULL;
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const gint64 shape[] = { (gint64) n_samples, (gint64) n_features };
  gsize n_classes, two = 2;
  MpSvmParams params = { 0, };
  MpSvmAttributes fitted;
  double gamma;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: SVC needs labels");
      return FALSE;
    }

  if (n_samples > MAX_SAMPLES)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples is more than libsvm supports (%d)",
                   n_samples, MAX_SAMPLES);
      return FALSE;
    }

  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;

  n_classes = mp_array_get_n_elements (classes);
  if (n_classes < 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "y: the number of classes has to be greater than one; got %" G_GSIZE_FORMAT " class",
                   n_classes);
      return FALSE;
    }

  if (!_mp_class_weight_compute (self->class_weight, classes, indices, n_samples, &class_weight, error))
    return FALSE;

  gamma = _mp_svm_resolve_gamma (self->gamma, mp_array_get_float64_data (x), n_samples, n_features);

  weight_label = g_new (int, n_classes);
  for (gsize k = 0; k < n_classes; k++)
    weight_label[k] = (int) k;

  params.kernel = kernel_params (self, gamma);
  params.c = self->c;
  params.eps = self->tol;
  params.cache_mb = self->cache_size;
  params.shrinking = self->shrinking;
  params.probability = self->probability;
  params.max_iter = self->max_iter;
  params.verbose = self->verbose;
  params.n_weights = (int) n_classes;
  params.weight_label = weight_label;
  params.weight = class_weight;
  if (self->random_state >= 0)
    params.seed = _mp_svm_seed_from_random_state ((guint32) self->random_state);
  else
    params.seed = g_random_int_range (0, G_MAXINT32);

  if (self->verbose)
    {
      fputs ("[LibSVM]", stdout);
      fflush (stdout);
    }

  if (!_mp_svm_attributes_fit (&fitted, x, indices, n_classes, &params, sign_of (n_classes), error))
    return FALSE;

  fitted_class_weight = mp_array_new_take (MP_DTYPE_FLOAT64, &n_classes, 1, g_steal_pointer (&class_weight));
  shape_fit = mp_array_new_int64 (shape, 2, &two, 1, NULL);
  g_object_set (self,
                "classes", classes,
                "fitted-class-weight", fitted_class_weight,
                "support", fitted.support,
                "support-vectors", fitted.support_vectors,
                "n-support", fitted.n_support,
                "dual-coef", fitted.dual_coef,
                "intercept", fitted.intercept,
                "prob-a", fitted.prob_a,
                "prob-b", fitted.prob_b,
                "n-iter", fitted.n_iter,
                "shape-fit", shape_fit,
                "effective-gamma", gamma,
                "fit-status", fitted.fit_status,
                NULL);
  _mp_svm_attributes_clear (&fitted);

  if (self->fitted.fit_status == 1)
    g_message ("SVC: solver terminated early (max_iter=%d); consider scaling the data",
               self->max_iter);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validate                                                            */
/* ------------------------------------------------------------------ */

/* What the declarations cannot state: shape_fit_ holds the training
 * shape, which bounds the classes, the support vectors and the indices in
 * support_; probA_ and probB_ are both empty or both one per pair. */
static gboolean
mp_svc_validate (MpEstimator  *estimator,
                 GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  gint64 n_features = mp_estimator_get_n_features_in (estimator);
  const gint64 *shape_fit;
  gsize n_classes, n_sv, n_prob;

  /* First: with one class, the declared checks would blame the first array
   * that disagrees with it rather than classes_. */
  if (!_mp_check_classes (self->classes, 2, error) ||
      !MP_ESTIMATOR_CLASS (mp_svc_parent_class)->validate (estimator, error))
    return FALSE;

  n_classes = mp_array_get_n_elements (self->classes);
  n_sv = mp_array_get_dim (self->fitted.support_vectors, 0);
  shape_fit = mp_array_get_int64_data (self->shape_fit);
  if (!_mp_svm_check_shape_fit (shape_fit, MAX_SAMPLES, n_features, error))
    return FALSE;
  if ((gint64) n_classes > shape_fit[0])
    return _mp_invalid_state (error, "classes_: %" G_GSIZE_FORMAT " classes from %" G_GINT64_FORMAT
                              " samples", n_classes, shape_fit[0]);
  if ((gint64) n_sv > shape_fit[0])
    return _mp_invalid_state (error, "n_support_: %" G_GSIZE_FORMAT " support vectors from %"
                              G_GINT64_FORMAT " samples", n_sv, shape_fit[0]);
  if (!_mp_svm_check_support_indices (mp_array_get_int32_data (self->fitted.support), n_sv, shape_fit[0], error))
    return FALSE;

  n_prob = mp_array_get_n_elements (self->fitted.prob_a);
  if (mp_array_get_n_elements (self->fitted.prob_b) != n_prob)
    return _mp_invalid_state (error, "probB_: has %" G_GSIZE_FORMAT " entries, but probA_ has %"
                              G_GSIZE_FORMAT, mp_array_get_n_elements (self->fitted.prob_b), n_prob);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Prediction                                                          */
/* ------------------------------------------------------------------ */

/* Pairwise decision values (n_samples x n_pairs, libsvm's orientation)
 * and libsvm's vote winner of each sample. */
static double *
pairwise_decisions (MpSVC    *self,
                    MpArray  *x,
                    gint32   *winners,
                    GError  **error)
{
  gsize n_classes = mp_array_get_n_elements (self->classes);
  MpSvmKernelParams kernel = kernel_params (self, self->effective_gamma);
  MpSvmPredictor predictor;
  double *dec;

  if (!_mp_svm_predictor_init (&predictor, &self->fitted, &kernel, sign_of (n_classes), error))
    return NULL;
  dec = _mp_svm_predictor_decisions (&predictor, x, winners);
  _mp_svm_predictor_clear (&predictor);
  return dec;
}

/* scikit-learn's one-vs-rest values, n_samples x n_classes */
static double *
ovr_values (const double *dec,
            gsize         n_samples,
            gsize         n_classes)
{
  gsize n_pairs = n_classes * (n_classes - 1) / 2;
  double *out = g_new (double, n_samples * n_classes);

  for (gsize i = 0; i < n_samples; i++)
    _mp_svm_ovr_from_ovo (dec + i * n_pairs, n_classes, out + i * n_classes);
  return out;
}

static MpArray *
mp_svc_predict (MpEstimator  *estimator,
                MpArray      *x,
                GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  g_autofree gint32 *winners = NULL;
  g_autofree double *dec = NULL;
  g_autofree double *scores = NULL;
  gsize n_samples, n_classes;

  if (self->break_ties && self->decision_function_shape.value == MP_DECISION_FUNCTION_SHAPE_OVO)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "break_ties: must be False when decision_function_shape is 'ovo'");
      return NULL;
    }

  /* the base class checked @x */
  n_samples = mp_array_get_dim (x, 0);
  n_classes = mp_array_get_n_elements (self->classes);
  winners = g_new (gint32, n_samples);
  dec = pairwise_decisions (self, x, winners, error);
  if (dec == NULL)
    return NULL;

  /* break_ties with 'ovr': the class of the largest one-vs-rest value */
  if (self->break_ties && n_classes > 2)
    {
      scores = ovr_values (dec, n_samples, n_classes);
      g_free (winners);
      winners = _mp_row_argmax (scores, n_samples, n_classes);
    }

  return _mp_decode_labels (self->classes, winners, n_samples);
}

static MpArray *
mp_svc_real_decision_function (MpEstimator  *estimator,
                               MpArray      *x,
                               GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  g_autofree double *dec = NULL;
  gsize n_samples, n_classes, shape[2];

  n_samples = mp_array_get_dim (x, 0);
  n_classes = mp_array_get_n_elements (self->classes);
  dec = pairwise_decisions (self, x, NULL, error);
  if (dec == NULL)
    return NULL;

  if (n_classes == 2)
    {
      for (gsize i = 0; i < n_samples; i++)
        dec[i] = -dec[i];
      return mp_array_new_take (MP_DTYPE_FLOAT64, &n_samples, 1, g_steal_pointer (&dec));
    }
  shape[0] = n_samples;
  shape[1] = n_classes;
  if (self->decision_function_shape.value == MP_DECISION_FUNCTION_SHAPE_OVR)
    return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, ovr_values (dec, n_samples, n_classes));
  shape[1] = n_classes * (n_classes - 1) / 2;
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&dec));
}

static MpArray *
mp_svc_real_predict_proba (MpEstimator  *estimator,
                           MpArray      *x,
                           GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  g_autofree double *dec = NULL;
  MpSvmKernelParams kernel;
  MpSvmPredictor predictor;
  gsize n_samples, n_classes, n_pairs, shape[2];
  double *prob;

  n_classes = mp_array_get_n_elements (self->classes);
  n_pairs = n_classes * (n_classes - 1) / 2;
  if (mp_array_get_n_elements (self->fitted.prob_a) != n_pairs)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FITTED,
                           "probA_: predict_proba is not available when fitted with probability=False");
      return NULL;
    }

  kernel = kernel_params (self, self->effective_gamma);
  if (!_mp_svm_predictor_init (&predictor, &self->fitted, &kernel, sign_of (n_classes), error))
    return NULL;
  n_samples = mp_array_get_dim (x, 0);
  dec = _mp_svm_predictor_decisions (&predictor, x, NULL);
  prob = g_new (double, n_samples * n_classes);
  for (gsize i = 0; i < n_samples; i++)
    _mp_svm_probability_from_decisions (&predictor.model, dec + i * n_pairs, prob + i * n_classes);
  _mp_svm_predictor_clear (&predictor);

  shape[0] = n_samples;
  shape[1] = n_classes;
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, prob);
}

/* As scikit-learn's available_if: predict_proba exists only with
 * probability=True. */
static MpEstimatorCapabilities
mp_svc_get_capabilities (MpEstimator *estimator)
{
  MpEstimatorCapabilities capabilities;

  capabilities = MP_ESTIMATOR_CLASS (mp_svc_parent_class)->get_capabilities (estimator);
  if (!MP_SVC (estimator)->probability)
    capabilities &= ~MP_ESTIMATOR_CAN_PREDICT_PROBA;
  return capabilities;
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static char *
mp_svc_format_param (MpEstimator *estimator,
                     GParamSpec  *pspec)
{
  MpSVC *self = MP_SVC (estimator);

  if (strcmp (pspec->name, "gamma") == 0)
    return _mp_svm_format_gamma (self->gamma);

  /* a dictionary unquoted; None, 'balanced' and invalid text as usual */
  if (strcmp (pspec->name, "class-weight") == 0)
    return _mp_class_weight_format (self->class_weight);

  if (strcmp (pspec->name, "cache-size") == 0)
    return _mp_svm_format_cache_size (self->cache_size);

  /* break_ties is newer than the string form scikit-learn users know:
   * like scikit-learn's changed-only repr, show it only when set. */
  if (strcmp (pspec->name, "break-ties") == 0 && !self->break_ties)
    return g_strdup ("");

  return NULL;
}

static void
mp_svc_class_init (MpSVCClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_svc_fit;
  estimator_class->predict = mp_svc_predict;
  estimator_class->predict_proba = mp_svc_real_predict_proba;
  estimator_class->decision_function = mp_svc_real_decision_function;
  estimator_class->get_capabilities = mp_svc_get_capabilities;
  estimator_class->validate = mp_svc_validate;
  estimator_class->format_param = mp_svc_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
  _mp_estimator_class_derive_symbol (estimator_class, "n_pairs", "n_classes", _mp_symbol_rule_pairs);
  _mp_estimator_class_derive_symbol (estimator_class, "n_classes_minus_1", "n_classes",
                                     _mp_symbol_rule_minus_one);
}

static void
mp_svc_init (MpSVC *self)
{
}


/**
 * mp_svc_new:
 *
 * Creates an #MpSVC with scikit-learn's default hyperparameters
 * (`SVC()`: C=1.0, the `rbf` kernel, gamma=`scale`).
 *
 * Returns: (transfer full): a new #MpSVC
 *
 * Since: 0.1
 */
MpEstimator *
mp_svc_new (void)
{
  return g_object_new (MP_TYPE_SVC, NULL);
}

/**
 * mp_svc_decision_function:
 * @self: a fitted #MpSVC
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Evaluates the decision function on @x. With two classes the result has
 * one value per sample, positive for the second class of
 * #MpSVC:classes. With more classes it is n_samples x n_classes for
 * #MpSVC:decision-function-shape `ovr` and n_samples x (n_classes
 * (n_classes - 1) / 2) pairwise values for `ovo`, pairs ordered (0, 1),
 * (0, 2), ... (1, 2), ..., positive for the first class of the pair.
 *
 * Returns: (transfer full): a float64 array, or %NULL with
 *   %MP_ERROR_NOT_FITTED before fit, %MP_ERROR_INVALID_INPUT for a bad @x
 *   or %MP_ERROR_INVALID_STATE for an inconsistent fitted state
 *
 * Since: 0.1
 */
MpArray *
mp_svc_decision_function (MpSVC    *self,
                          MpArray  *x,
                          GError  **error)
{
  g_return_val_if_fail (MP_IS_SVC (self), NULL);

  return mp_estimator_decision_function (MP_ESTIMATOR (self), x, error);
}

/**
 * mp_svc_predict_proba:
 * @self: a fitted #MpSVC
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Estimates class probabilities from Platt-scaled pairwise decisions,
 * coupled as libsvm does. Only available when fitted with
 * #MpSVC:probability; like scikit-learn's, the probabilities come from an
 * internal cross-validation and may disagree with predict() on a few
 * samples.
 *
 * Returns: (transfer full): an n_samples x n_classes float64 array,
 *   columns in the order of #MpSVC:classes; or %NULL with
 *   %MP_ERROR_NOT_SUPPORTED when #MpSVC:probability is %FALSE,
 *   %MP_ERROR_NOT_FITTED before fit or when the fitted state has no
 *   probability model, or the errors of mp_svc_decision_function()
 *
 * Since: 0.1
 */
MpArray *
mp_svc_predict_proba (MpSVC    *self,
                      MpArray  *x,
                      GError  **error)
{
  g_return_val_if_fail (MP_IS_SVC (self), NULL);

  return mp_estimator_predict_proba (MP_ESTIMATOR (self), x, error);
}

