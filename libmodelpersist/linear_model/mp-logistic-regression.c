/* mp-logistic-regression.c: logistic regression (the lbfgs solver)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-enum-types.h"
#include "mp-count-or-fraction-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-labels-private.h"
#include "mp-lbfgs-private.h"
#include "mp-logistic-regression.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"

/**
 * SECTION:mp-logistic-regression
 * @Title: MpLogisticRegression
 * @Short_description: logistic regression trained with L-BFGS
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * g_autoptr(MpEstimator) logistic = g_object_new (MP_TYPE_LOGISTIC_REGRESSION,
 *                                                 "c", 0.5,
 *                                                 "max-iter", 1000,
 *                                                 NULL);
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_fit (logistic, x, mp_dataset_get_target (iris), &error))
 *   proba = mp_estimator_predict_proba (logistic, x, &error);   // 150 x 3
 * if (proba == NULL)
 *   g_warning ("LogisticRegression: %s", error->message);
 * ]|
 *
 * #MpLogisticRegression is scikit-learn's `LogisticRegression` with its
 * default solver, `lbfgs`: it minimises the (class-weighted) sum over the
 * samples of the logistic loss plus `||w||^2 / (2 C)` (the intercepts are
 * not penalised) with a limited-memory BFGS method following the rules of
 * scipy's L-BFGS-B, so that on the same data it stops where
 * scikit-learn 1.2 does, within the solver's tolerance #MpLogisticRegression:tol.
 *
 * With two classes it learns one coefficient row, positive for the second
 * class of #MpLogisticRegression:classes. With more classes
 * #MpLogisticRegression:multi-class chooses one softmax problem over all
 * classes (`multinomial`, the default through `auto`) or one binary
 * problem per class (`ovr`). The fitted state is held in properties named
 * after scikit-learn's attributes (`classes_`, `coef_`, `intercept_`,
 * `n_iter_`).
 *
 * Only the `lbfgs` solver is implemented: the other words of
 * scikit-learn's #MpLogisticRegression:solver, and the penalties `l1` and
 * `elasticnet` that need them, are refused. `intercept_scaling`,
 * `l1_ratio`, `random_state` and `verbose` are kept for conversions; they
 * play no part in what `lbfgs` learns, as in scikit-learn.
 */

struct _MpLogisticRegression
{
  MpEstimator   parent_instance;

  /* hyperparameters */
  double        c;
  char         *class_weight;
  gboolean      fit_intercept;
  double        intercept_scaling;
  char         *l1_ratio;
  int           max_iter;
  MpEnumField   multi_class;   /* MpLogisticMultiClass */
  MpEnumField   penalty;       /* MpLogisticPenalty */
  gint64        random_state;
  MpEnumField   solver;        /* MpLogisticSolver */
  double        tol;
  int           verbose;
  gboolean      warm_start;

  /* fitted state */
  MpArray      *classes;
  MpArray      *coef;
  MpArray      *intercept;
  MpArray      *n_iter;
};

G_DEFINE_FINAL_TYPE (MpLogisticRegression, mp_logistic_regression, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpLogisticRegression, member)

static const char * const class_weight_words[] = { "balanced", NULL };

/* What penalty refuses beyond its words: scikit-learn's message for the
 * penalties its other solvers offer. */
static gboolean
check_penalty (const GValue  *value,
               GError       **error)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (text, "l1") == 0 || g_strcmp0 (text, "elasticnet") == 0)
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                 "Solver lbfgs supports only 'l2' or 'none' penalties, got %s penalty.", text);
  else
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                 "must be one of 'l2', 'none', got '%s'", text);
  return FALSE;
}

/* scikit-learn's other solvers are words we know and do not implement. */
static gboolean
check_solver (const GValue  *value,
              GError       **error)
{
  static const char * const others[] = { "liblinear", "newton-cg", "newton-cholesky", "sag", "saga", NULL };
  const char *text = g_value_get_string (value);

  if (text != NULL && g_strv_contains (others, text))
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                 "the '%s' solver is not implemented; ModelPersist's LogisticRegression "
                 "offers 'lbfgs' only", text);
  else
    g_set_error (error, MP_ERROR, MP_ERROR_FAILED, "must be 'lbfgs', got '%s'", text);
  return FALSE;
}

/* The constraints are scikit-learn 1.2's LogisticRegression._parameter_constraints,
 * narrowed to what the lbfgs solver accepts. */
static const MpPropertyDecl properties[] = {
  /**
   * MpLogisticRegression:c:
   *
   * The inverse of the regularisation strength `C`: the objective adds
   * `||w||^2 / (2 C)`. A number > 0; infinity means no penalty.
   *
   * Since: 0.1
   */
  { .name = "c", .display_name = "C", .role = MP_PROPERTY_ROLE_HYPERPARAMETER,
    .kind = MP_FIELD_DOUBLE, .offset = FIELD (c), .default_number = 1.0,
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE },
  /**
   * MpLogisticRegression:class-weight:
   *
   * Per-class factors of each sample's loss: %NULL (`None`, all 1),
   * `balanced` (n_samples / (n_classes * count of the class), computed per
   * binary problem with `ovr`, as scikit-learn does) or a dictionary
   * literal such as `{0: 1.0, 2: 3.5}` whose keys are class labels.
   *
   * Since: 0.1
   */
  { .name = "class-weight", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (class_weight), .words = class_weight_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = _mp_class_weight_check, .check_text = "a dictionary {label: weight >= 0}" },
  /**
   * MpLogisticRegression:fit-intercept:
   *
   * Whether to learn an (unpenalised) intercept per coefficient row.
   *
   * Since: 0.1
   */
  { .name = "fit-intercept", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (fit_intercept), .default_number = TRUE },
  /**
   * MpLogisticRegression:intercept-scaling:
   *
   * scikit-learn's `intercept_scaling`, a finite number > 0. Only the
   * `liblinear` solver reads it; kept so that conversions keep it.
   *
   * Since: 0.1
   */
  { .name = "intercept-scaling", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (intercept_scaling), .default_number = 1.0,
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE },
  /**
   * MpLogisticRegression:l1-ratio:
   *
   * scikit-learn's `l1_ratio`: %NULL (`None`) or the text of a number in
   * [0, 1]. Only the `elasticnet` penalty reads it, which `lbfgs` does not
   * offer; kept so that conversions keep it.
   *
   * Since: 0.1
   */
  { .name = "l1-ratio", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (l1_ratio), .interval = TRUE, .minimum = 0, .maximum = 1,
    .constraint = MP_CONSTRAINT_NONE_ALLOWED | MP_CONSTRAINT_NUMBER_ALLOWED },
  /**
   * MpLogisticRegression:max-iter:
   *
   * The most L-BFGS iterations per problem, >= 0. Stopping there leaves
   * the coefficients where they are and prints a message, as
   * scikit-learn's ConvergenceWarning.
   *
   * Since: 0.1
   */
  { .name = "max-iter", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT,
    .offset = FIELD (max_iter), .default_number = 100, .interval = TRUE, .maximum = INFINITY },
  /**
   * MpLogisticRegression:multi-class:
   *
   * A word of #MpLogisticMultiClass: `auto` (the default), `ovr` or
   * `multinomial`. Any other text is kept as given and refused by fit and
   * by the loader. From C, mp_estimator_set_enum() sets it from the enum.
   *
   * Since: 0.1
   */
  { .name = "multi-class", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (multi_class), .enum_type = mp_logistic_multi_class_get_type,
    .default_number = MP_LOGISTIC_MULTI_CLASS_AUTO },
  /**
   * MpLogisticRegression:penalty:
   *
   * A word of #MpLogisticPenalty: `l2` (the default) or `none`, no
   * penalty (scikit-learn's `None`, or its deprecated `'none'`);
   * #MpLogisticRegression:c is then ignored. %NULL (`None`) is kept and
   * refused like any word that is not allowed: write `none`.
   * scikit-learn's `l1` and `elasticnet` need solvers this class does not
   * implement and are refused with scikit-learn's message.
   *
   * Since: 0.1
   */
  { .name = "penalty", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (penalty), .enum_type = mp_logistic_penalty_get_type,
    .default_number = MP_LOGISTIC_PENALTY_L2, .check = check_penalty },
  /**
   * MpLogisticRegression:random-state:
   *
   * scikit-learn's integer `random_state`, in [0, 2^32 - 1], or -1 for
   * `None`. Only the `sag`, `saga` and `liblinear` solvers read it; kept
   * so that conversions keep it.
   *
   * Since: 0.1
   */
  { .name = "random-state", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64,
    .offset = FIELD (random_state), .default_number = -1,
    .interval = TRUE, .maximum = G_MAXUINT32, .constraint = MP_CONSTRAINT_NONE_ALLOWED },
  /**
   * MpLogisticRegression:solver:
   *
   * The optimiser, a word of #MpLogisticSolver: `lbfgs`, the only one
   * implemented. scikit-learn's other words (`liblinear`, `newton-cg`,
   * `newton-cholesky`, `sag`, `saga`) are refused with a message naming
   * the solver.
   *
   * Since: 0.1
   */
  { .name = "solver", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (solver), .enum_type = mp_logistic_solver_get_type,
    .default_number = MP_LOGISTIC_SOLVER_LBFGS, .check = check_solver },
  /**
   * MpLogisticRegression:tol:
   *
   * The stopping tolerance: L-BFGS stops when no gradient component
   * exceeds it in absolute value (scipy's `gtol`), a finite number >= 0.
   *
   * Since: 0.1
   */
  { .name = "tol", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (tol), .default_number = 1e-4,
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE },
  /**
   * MpLogisticRegression:verbose:
   *
   * scikit-learn's `verbose`, an integer >= 0; fit prints nothing. Kept so
   * that conversions keep it.
   *
   * Since: 0.1
   */
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT,
    .offset = FIELD (verbose), .interval = TRUE, .maximum = INFINITY },
  /**
   * MpLogisticRegression:warm-start:
   *
   * Whether fit starts from the coefficients of the previous fit (when
   * their shape fits the new problem) instead of zeros.
   *
   * Since: 0.1
   */
  { .name = "warm-start", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (warm_start) },
  /**
   * MpLogisticRegression:classes:
   *
   * The sorted distinct training labels (`classes_`).
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY },
  /**
   * MpLogisticRegression:coef:
   *
   * The coefficients, float64 (`coef_`): one row for two classes (for the
   * second class), else one row per class; n_features_in columns.
   *
   * Since: 0.1
   */
  { .name = "coef", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (coef), .dtypes = "float64", .shape = "(n_coef_rows, n_features_in)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpLogisticRegression:intercept:
   *
   * The intercept of each coefficient row, float64 (`intercept_`); zeros
   * when fitted with #MpLogisticRegression:fit-intercept %FALSE.
   *
   * Since: 0.1
   */
  { .name = "intercept", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (intercept), .dtypes = "float64", .shape = "(n_coef_rows,)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpLogisticRegression:n-iter:
   *
   * The L-BFGS iterations, int32 (`n_iter_`): one entry for a multinomial
   * problem, one per coefficient row for `ovr`; at most
   * #MpLogisticRegression:max-iter each.
   *
   * Since: 0.1
   */
  { .name = "n-iter", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (n_iter), .dtypes = "int32", .shape = "(n_problems,)",
    .state = MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_NON_EMPTY },
};

/* Two classes share one coefficient row. */
static guint64
coef_rows_rule (guint64 n_classes)
{
  return n_classes == 2 ? 1 : n_classes;
}

/* scikit-learn's _check_multi_class() for lbfgs: TRUE for one softmax
 * problem. */
static gboolean
is_multinomial (MpLogisticRegression *self,
                gsize                 n_classes)
{
  return self->multi_class.value == MP_LOGISTIC_MULTI_CLASS_MULTINOMIAL ||
         (self->multi_class.value == MP_LOGISTIC_MULTI_CLASS_AUTO && n_classes > 2);
}

/* ------------------------------------------------------------------ */
/* The objective                                                       */
/* ------------------------------------------------------------------ */

/* One problem: k_rows coefficient rows of n_features weights (and an
 * intercept, with fit_intercept), laid out row after row in the
 * optimiser's vector. One row is a binary problem with targets in {0, 1};
 * more rows are a multinomial problem over class indices. */
typedef struct {
  const double *x;          /* n_samples x n_features, row-major */
  gsize         n_samples;
  gsize         n_features;
  gsize         k_rows;
  gboolean      fit_intercept;
  const double *target;     /* binary: 0 or 1 per sample */
  const gint32 *labels;     /* multinomial: the class index of each sample */
  const double *weight;     /* per sample */
  double        l2;         /* 1 / C */
  double       *raw;        /* n_samples x k_rows scratch */
} Problem;

static gsize
row_stride (const Problem *p)
{
  return p->n_features + (p->fit_intercept ? 1 : 0);
}

/* raw = X W' + b */
static void
raw_predictions (const Problem *p,
                 const double  *w)
{
  gsize stride = row_stride (p);

  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) p->n_samples, (int) p->k_rows,
               (int) p->n_features, 1.0, p->x, (int) p->n_features, w, (int) stride,
               0.0, p->raw, (int) p->k_rows);
  if (p->fit_intercept)
    for (gsize i = 0; i < p->n_samples; i++)
      for (gsize k = 0; k < p->k_rows; k++)
        p->raw[i * p->k_rows + k] += w[k * stride + p->n_features];
}

/* log(1 + exp(r)) without overflow */
static double
log1pexp (double r)
{
  return r > 0 ? r + log1p (exp (-r)) : log1p (exp (r));
}

static double
expit (double r)
{
  if (r >= 0)
    return 1.0 / (1.0 + exp (-r));
  return exp (r) / (1.0 + exp (r));
}

/* The objective: sum_i weight_i loss_i + l2 / 2 ||W||^2, and its
 * gradient. raw is overwritten with the pointwise gradient. */
static double
objective (const double *w,
           double       *grad,
           gpointer      user_data)
{
  Problem *p = user_data;
  gsize stride = row_stride (p);
  gsize k_rows = p->k_rows;
  double loss = 0, norm2 = 0;

  raw_predictions (p, w);
  for (gsize i = 0; i < p->n_samples; i++)
    {
      double *r = p->raw + i * k_rows;
      double sw = p->weight[i];

      if (k_rows == 1)
        {
          /* half binomial loss: log(1 + exp(r)) - y r */
          loss += sw * (log1pexp (r[0]) - p->target[i] * r[0]);
          r[0] = sw * (expit (r[0]) - p->target[i]);
        }
      else
        {
          /* multinomial: logsumexp(r) - r_y, shifted by the largest */
          double m = r[0], sum = 0, r_y = r[p->labels[i]];

          for (gsize k = 1; k < k_rows; k++)
            m = fmax (m, r[k]);
          for (gsize k = 0; k < k_rows; k++)
            {
              r[k] = exp (r[k] - m);
              sum += r[k];
            }
          loss += sw * (m + log (sum) - r_y);
          for (gsize k = 0; k < k_rows; k++)
            r[k] = sw * (r[k] / sum - (k == (gsize) p->labels[i] ? 1.0 : 0.0));
        }
    }

  /* grad_W = G' X + l2 W; grad_b = the column sums of G */
  cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) k_rows, (int) p->n_features,
               (int) p->n_samples, 1.0, p->raw, (int) k_rows, p->x, (int) p->n_features,
               0.0, grad, (int) stride);
  for (gsize k = 0; k < k_rows; k++)
    {
      const double *wk = w + k * stride;
      double *gk = grad + k * stride;

      for (gsize j = 0; j < p->n_features; j++)
        {
          norm2 += wk[j] * wk[j];
          gk[j] += p->l2 * wk[j];
        }
      if (p->fit_intercept)
        {
          double s = 0;

          for (gsize i = 0; i < p->n_samples; i++)
            s += p->raw[i * k_rows + k];
          gk[p->n_features] = s;
        }
    }
  return loss + 0.5 * p->l2 * norm2;
}

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

/* Minimises @p from @w (k_rows x stride values, updated); returns
 * scikit-learn's n_iter_ entry, min(nit, max_iter). */
static int
solve (MpLogisticRegression *self,
       Problem              *p,
       double               *w)
{
  MpLbfgsOptions options;
  MpLbfgsResult result;

  _mp_lbfgs_options_init (&options);
  options.maxiter = self->max_iter;
  options.gtol = self->tol;
  _mp_lbfgs_minimize (objective, p, w, p->k_rows * row_stride (p), &options, &result);
  if (result.status != MP_LBFGS_CONVERGED_GRADIENT && result.status != MP_LBFGS_CONVERGED_FUNCTION)
    g_message ("LogisticRegression: lbfgs failed to converge after %d iterations (%s); "
               "increase max_iter or scale the data", result.n_iter,
               _mp_lbfgs_status_describe (result.status));
  return MIN (result.n_iter, self->max_iter);
}

/* The starting point: zeros, or with warm_start the previous fit's
 * coefficients when they have the new problem's shape (scikit-learn
 * refuses other shapes; so does this). */
static gboolean
initial_coefficients (MpLogisticRegression  *self,
                      gsize                  n_rows,
                      gsize                  n_features,
                      double               **w0,
                      GError               **error)
{
  gsize stride = n_features + (self->fit_intercept ? 1 : 0);
  const double *coef, *intercept;

  *w0 = NULL;
  if (!self->warm_start || self->coef == NULL || self->intercept == NULL)
    return TRUE;
  if (mp_array_get_n_dims (self->coef) != 2 || mp_array_get_dim (self->coef, 0) != n_rows ||
      mp_array_get_dim (self->coef, 1) != n_features ||
      mp_array_get_n_elements (self->intercept) != n_rows)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "warm_start: the previous coef_ does not have the shape (%" G_GSIZE_FORMAT ", %"
                   G_GSIZE_FORMAT ") of the new problem", n_rows, n_features);
      return FALSE;
    }
  coef = mp_array_get_float64_data (self->coef);
  intercept = mp_array_get_float64_data (self->intercept);
  *w0 = g_new (double, n_rows * stride);
  for (gsize k = 0; k < n_rows; k++)
    {
      memcpy (*w0 + k * stride, coef + k * n_features, n_features * sizeof (double));
      if (self->fit_intercept)
        (*w0)[k * stride + n_features] = intercept[k];
    }
  for (gsize i = 0; i < n_rows * stride; i++)
    if (!isfinite ((*w0)[i]))
      {
        g_clear_pointer (w0, g_free);
        g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                             "warm_start: the previous coef_ or intercept_ is not finite");
        return FALSE;
      }
  return TRUE;
}

static gboolean
mp_logistic_regression_fit (MpEstimator  *estimator,
                            MpArray      *x,
                            MpArray      *y,
                            GError      **error)
{
  MpLogisticRegression *self = MP_LOGISTIC_REGRESSION (estimator);
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(MpArray) coef_array = NULL;
  g_autoptr(MpArray) intercept_array = NULL;
  g_autoptr(MpArray) n_iter_array = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree double *class_weight = NULL;
  g_autofree double *weight = NULL;
  g_autofree double *raw = NULL;
  g_autofree double *w0 = NULL;
  g_autofree double *coef = NULL;
  g_autofree double *intercept = NULL;
  g_autofree gint32 *n_iter = NULL;
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  gsize n_classes, n_rows, n_problems, stride, coef_shape[2];
  gboolean multinomial, dict_weights;
  Problem p = { 0, };

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "y: LogisticRegression needs labels");
      return FALSE;
    }
  if (n_samples > G_MAXINT32 || n_features > G_MAXINT32 / 4)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT " is more than BLAS indexes",
                   n_samples, n_features);
      return FALSE;
    }
  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;
  n_classes = mp_array_get_n_elements (classes);
  if (n_classes < 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "y: the lbfgs solver needs samples of at least 2 classes; got %" G_GSIZE_FORMAT " class",
                   n_classes);
      return FALSE;
    }

  multinomial = is_multinomial (self, n_classes);
  n_rows = coef_rows_rule (n_classes);
  n_problems = multinomial ? 1 : n_rows;
  stride = n_features + (self->fit_intercept ? 1 : 0);

  if (!initial_coefficients (self, n_rows, n_features, &w0, error))
    return FALSE;

  /* Sample weights: a dictionary's (and, for the multinomial problem,
   * balanced) weights by each sample's class, as scikit-learn does before
   * splitting into binary problems. */
  dict_weights = self->class_weight != NULL && strcmp (self->class_weight, "balanced") != 0;
  if (!_mp_class_weight_compute (multinomial || dict_weights ? self->class_weight : NULL,
                                 classes, indices, n_samples, &class_weight, error))
    return FALSE;
  weight = g_new (double, n_samples);
  for (gsize i = 0; i < n_samples; i++)
    weight[i] = class_weight[indices[i]];

  p.x = mp_array_get_float64_data (x);
  p.n_samples = n_samples;
  p.n_features = n_features;
  p.fit_intercept = self->fit_intercept;
  p.l2 = self->penalty.value == MP_LOGISTIC_PENALTY_NONE || isinf (self->c) ? 0.0 : 1.0 / self->c;
  n_iter = g_new (gint32, n_problems);
  coef = g_new0 (double, n_rows * n_features);
  intercept = g_new0 (double, n_rows);

  if (multinomial)
    {
      /* all classes at once, one row each (two for two classes: the
       * solution is symmetric, and coef_ keeps the second row) */
      g_autofree double *w = g_new0 (double, n_classes * stride);

      if (w0 != NULL && n_classes == 2)
        for (gsize j = 0; j < stride; j++)
          {
            w[j] = -w0[j];
            w[stride + j] = w0[j];
          }
      else if (w0 != NULL)
        memcpy (w, w0, n_classes * stride * sizeof (double));

      p.k_rows = n_classes;
      p.labels = indices;
      p.weight = weight;
      p.raw = raw = g_new (double, MAX (n_samples * n_classes, 1));
      n_iter[0] = solve (self, &p, w);
      for (gsize r = 0; r < n_rows; r++)
        {
          gsize k = n_classes == 2 ? 1 : r;

          memcpy (coef + r * n_features, w + k * stride, n_features * sizeof (double));
          if (self->fit_intercept)
            intercept[r] = w[k * stride + n_features];
        }
    }
  else
    {
      g_autofree double *target = g_new (double, n_samples);
      g_autofree double *problem_weight = g_new (double, n_samples);
      g_autofree double *w = g_new (double, stride);

      p.k_rows = 1;
      p.target = target;
      p.weight = problem_weight;
      p.raw = raw = g_new (double, MAX (n_samples, 1));
      for (gsize r = 0; r < n_rows; r++)
        {
          /* the positive class: the second for two classes, else each */
          gint32 positive = n_classes == 2 ? 1 : (gint32) r;
          gsize n_positive = 0;

          for (gsize i = 0; i < n_samples; i++)
            {
              target[i] = indices[i] == positive ? 1.0 : 0.0;
              n_positive += indices[i] == positive;
              problem_weight[i] = weight[i];
            }
          /* 'balanced' is computed on the binary targets */
          if (g_strcmp0 (self->class_weight, "balanced") == 0)
            {
              double w_pos = (double) n_samples / (2.0 * (double) n_positive);
              double w_neg = (double) n_samples / (2.0 * (double) (n_samples - n_positive));

              for (gsize i = 0; i < n_samples; i++)
                problem_weight[i] *= target[i] != 0 ? w_pos : w_neg;
            }

          if (w0 != NULL)
            memcpy (w, w0 + r * stride, stride * sizeof (double));
          else
            memset (w, 0, stride * sizeof (double));
          n_iter[r] = solve (self, &p, w);
          memcpy (coef + r * n_features, w, n_features * sizeof (double));
          if (self->fit_intercept)
            intercept[r] = w[n_features];
        }
    }

  coef_shape[0] = n_rows;
  coef_shape[1] = n_features;
  coef_array = mp_array_new_take (MP_DTYPE_FLOAT64, coef_shape, 2, g_steal_pointer (&coef));
  intercept_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_rows, 1, g_steal_pointer (&intercept));
  n_iter_array = mp_array_new_take (MP_DTYPE_INT32, &n_problems, 1, g_steal_pointer (&n_iter));
  g_object_set (self,
                "classes", classes,
                "coef", coef_array,
                "intercept", intercept_array,
                "n-iter", n_iter_array,
                NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validate                                                            */
/* ------------------------------------------------------------------ */

/* What the declarations cannot state: n_iter_ has one entry for a
 * multinomial model and one per coefficient row for one-vs-rest, as
 * #MpLogisticRegression:multi-class says. */
static gboolean
mp_logistic_regression_validate (MpEstimator  *estimator,
                                 GError      **error)
{
  MpLogisticRegression *self = MP_LOGISTIC_REGRESSION (estimator);
  gsize n_classes, n_rows, expected, n_entries;

  /* First: with one class the declared checks would blame the first
   * array that disagrees with it rather than classes_. */
  if (!_mp_check_classes (self->classes, 2, error) ||
      !MP_ESTIMATOR_CLASS (mp_logistic_regression_parent_class)->validate (estimator, error))
    return FALSE;

  n_classes = mp_array_get_n_elements (self->classes);
  n_rows = coef_rows_rule (n_classes);
  expected = is_multinomial (self, n_classes) ? 1 : n_rows;
  n_entries = mp_array_get_n_elements (self->n_iter);
  if (n_entries != expected)
    return _mp_invalid_state (error, "n_iter_: has %" G_GSIZE_FORMAT " entries, but a %s model of %"
                              G_GSIZE_FORMAT " classes has %" G_GSIZE_FORMAT, n_entries,
                              is_multinomial (self, n_classes) ? "multinomial" : "one-vs-rest",
                              n_classes, expected);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Prediction                                                          */
/* ------------------------------------------------------------------ */

/* X coef' + intercept, n_samples x n_rows */
static double *
decision_values (MpLogisticRegression *self,
                 MpArray              *x,
                 gsize                *n_rows_out)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  gsize n_rows = mp_array_get_dim (self->coef, 0);
  const double *intercept = mp_array_get_float64_data (self->intercept);
  double *dec = g_new (double, MAX (n_samples * n_rows, 1));

  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) n_samples, (int) n_rows, (int) n_features,
               1.0, mp_array_get_float64_data (x), (int) n_features,
               mp_array_get_float64_data (self->coef), (int) n_features, 0.0, dec, (int) n_rows);
  for (gsize i = 0; i < n_samples; i++)
    for (gsize k = 0; k < n_rows; k++)
      dec[i * n_rows + k] += intercept[k];
  *n_rows_out = n_rows;
  return dec;
}

static MpArray *
mp_logistic_regression_predict (MpEstimator  *estimator,
                                MpArray      *x,
                                GError      **error)
{
  MpLogisticRegression *self = MP_LOGISTIC_REGRESSION (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  g_autofree gint32 *winners = NULL;
  g_autofree double *dec = NULL;
  gsize n_rows;

  dec = decision_values (self, x, &n_rows);
  if (n_rows == 1)
    {
      /* binary: one decision value, the second class where it is > 0 */
      winners = g_new (gint32, MAX (n_samples, 1));
      for (gsize i = 0; i < n_samples; i++)
        winners[i] = dec[i] > 0 ? 1 : 0;
    }
  else
    winners = _mp_row_argmax (dec, n_samples, n_rows);
  return _mp_decode_labels (self->classes, winners, n_samples);
}

static MpArray *
mp_logistic_regression_decision_function (MpEstimator  *estimator,
                                          MpArray      *x,
                                          GError      **error)
{
  MpLogisticRegression *self = MP_LOGISTIC_REGRESSION (estimator);
  gsize shape[2] = { mp_array_get_dim (x, 0), 0 };
  double *dec = decision_values (self, x, &shape[1]);

  if (shape[1] == 1)
    return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 1, dec);
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, dec);
}

/* scikit-learn's: the softmax of the decision values for a multinomial
 * model (of (-d, d) with one row); for one-vs-rest the sigmoid of each,
 * normalised to sum to 1 with more than two classes. */
static MpArray *
mp_logistic_regression_predict_proba (MpEstimator  *estimator,
                                      MpArray      *x,
                                      GError      **error)
{
  MpLogisticRegression *self = MP_LOGISTIC_REGRESSION (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  gsize shape[2] = { n_samples, n_classes };
  g_autofree double *dec = NULL;
  gboolean multinomial = is_multinomial (self, n_classes);
  double *prob;
  gsize n_rows;

  dec = decision_values (self, x, &n_rows);
  prob = g_new (double, MAX (n_samples * n_classes, 1));
  for (gsize i = 0; i < n_samples; i++)
    {
      const double *d = dec + i * n_rows;
      double *out = prob + i * n_classes;

      if (n_rows == 1 && !multinomial)
        {
          out[1] = expit (d[0]);
          out[0] = 1 - out[1];
        }
      else if (!multinomial)
        {
          double sum = 0;

          for (gsize k = 0; k < n_classes; k++)
            sum += out[k] = expit (d[k]);
          for (gsize k = 0; k < n_classes; k++)
            out[k] /= sum;
        }
      else
        {
          double m, sum = 0;

          if (n_rows == 1)
            {
              out[0] = -d[0];
              out[1] = d[0];
            }
          else
            memcpy (out, d, n_classes * sizeof (double));
          m = out[0];
          for (gsize k = 1; k < n_classes; k++)
            m = fmax (m, out[k]);
          for (gsize k = 0; k < n_classes; k++)
            sum += out[k] = exp (out[k] - m);
          for (gsize k = 0; k < n_classes; k++)
            out[k] /= sum;
        }
    }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, prob);
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static char *
mp_logistic_regression_format_param (MpEstimator *estimator,
                                     GParamSpec  *pspec)
{
  MpLogisticRegression *self = MP_LOGISTIC_REGRESSION (estimator);

  if (strcmp (pspec->name, "class-weight") == 0)
    return _mp_class_weight_format (self->class_weight);

  /* an integral intercept_scaling as scikit-learn's default, 1 */
  if (strcmp (pspec->name, "intercept-scaling") == 0 &&
      self->intercept_scaling == floor (self->intercept_scaling) && fabs (self->intercept_scaling) < 1e15)
    return g_strdup_printf ("%.0f", self->intercept_scaling);

  /* l1_ratio: a number unquoted */
  if (strcmp (pspec->name, "l1-ratio") == 0)
    return _mp_count_or_fraction_format (self->l1_ratio);
  return NULL;
}

static void
mp_logistic_regression_class_init (MpLogisticRegressionClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_logistic_regression_fit;
  estimator_class->predict = mp_logistic_regression_predict;
  estimator_class->predict_proba = mp_logistic_regression_predict_proba;
  estimator_class->decision_function = mp_logistic_regression_decision_function;
  estimator_class->validate = mp_logistic_regression_validate;
  estimator_class->format_param = mp_logistic_regression_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
  _mp_estimator_class_derive_symbol (estimator_class, "n_coef_rows", "n_classes", coef_rows_rule);
}

static void
mp_logistic_regression_init (MpLogisticRegression *self)
{
}

/**
 * mp_logistic_regression_new:
 *
 * Creates an #MpLogisticRegression with scikit-learn's default
 * hyperparameters (`LogisticRegression()`: C=1.0, penalty `l2`, solver
 * `lbfgs`, tol=1e-4, max_iter=100).
 *
 * Returns: (transfer full): a new #MpLogisticRegression
 *
 * Since: 0.1
 */
MpEstimator *
mp_logistic_regression_new (void)
{
  return g_object_new (MP_TYPE_LOGISTIC_REGRESSION, NULL);
}
