/* mp-svc.c: C-support vector classification
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-pyrepr-private.h"
#include "mp-svc.h"
#include "mp-svm-model-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-svc
 * @Title: MpSVC
 * @Short_description: C-support vector classification
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
 * weights; #MpSVC:random-state is -1 for `None`.
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
  MpDecisionFunctionShape  decision_function_shape;
  int                      degree;
  char                    *gamma;
  MpSVMKernel              kernel;
  int                      max_iter;
  gboolean                 probability;
  gint64                   random_state;
  gboolean                 shrinking;
  double                   tol;
  gboolean                 verbose;

  /* fitted state */
  MpArray                 *classes;
  MpArray                 *fitted_class_weight;
  MpArray                 *support;
  MpArray                 *support_vectors;
  MpArray                 *n_support;
  MpArray                 *dual_coef;
  MpArray                 *intercept;
  MpArray                 *prob_a;
  MpArray                 *prob_b;
  MpArray                 *n_iter;
  MpArray                 *shape_fit;
  double                   effective_gamma;
  int                      fit_status;
};

G_DEFINE_FINAL_TYPE (MpSVC, mp_svc, MP_TYPE_ESTIMATOR)

enum {
  PROP_0,
  PROP_C,
  PROP_BREAK_TIES,
  PROP_CACHE_SIZE,
  PROP_CLASS_WEIGHT,
  PROP_COEF0,
  PROP_DECISION_FUNCTION_SHAPE,
  PROP_DEGREE,
  PROP_GAMMA,
  PROP_KERNEL,
  PROP_MAX_ITER,
  PROP_PROBABILITY,
  PROP_RANDOM_STATE,
  PROP_SHRINKING,
  PROP_TOL,
  PROP_VERBOSE,
  PROP_CLASSES,
  PROP_FITTED_CLASS_WEIGHT,
  PROP_SUPPORT,
  PROP_SUPPORT_VECTORS,
  PROP_N_SUPPORT,
  PROP_DUAL_COEF,
  PROP_INTERCEPT,
  PROP_EFFECTIVE_GAMMA,
  PROP_PROB_A,
  PROP_PROB_B,
  PROP_FIT_STATUS,
  PROP_N_ITER,
  PROP_SHAPE_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Parsing the textual hyperparameters                                 */
/* ------------------------------------------------------------------ */

typedef enum {
  GAMMA_SCALE,
  GAMMA_AUTO,
  GAMMA_VALUE,
} GammaMode;

static gboolean
parse_gamma (const char  *text,
             GammaMode   *mode,
             double      *value,
             GError     **error)
{
  gboolean integral;

  if (text == NULL || g_strcmp0 (text, "scale") == 0)
    {
      *mode = GAMMA_SCALE;
      return TRUE;
    }
  if (g_strcmp0 (text, "auto") == 0)
    {
      *mode = GAMMA_AUTO;
      return TRUE;
    }
  if (_mp_pyrepr_parse_number (text, value, &integral) && *value >= 0)
    {
      *mode = GAMMA_VALUE;
      return TRUE;
    }

  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "gamma: must be 'scale', 'auto' or a non-negative number, got '%s'", text);
  return FALSE;
}

/* numpy's sum of contiguous doubles: pairwise in blocks of 8192 */
static double
pairwise_sum (const double *a,
              gsize         n)
{
  if (n < 8)
    {
      double res = 0.;
      for (gsize i = 0; i < n; i++)
        res += a[i];
      return res;
    }
  else if (n <= 128)
    {
      double r[8], res;
      gsize i;

      for (int k = 0; k < 8; k++)
        r[k] = a[k];
      for (i = 8; i < n - (n % 8); i += 8)
        for (int k = 0; k < 8; k++)
          r[k] += a[i + k];
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        res += a[i];
      return res;
    }
  else
    {
      gsize n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise_sum (a, n2) + pairwise_sum (a + n2, n - n2);
    }
}

static double
numpy_sum (const double *a,
           gsize         n)
{
  double sum = 0.0;

  for (gsize start = 0; start < n; start += 8192)
    sum += pairwise_sum (a + start, MIN (8192, n - start));
  return sum;
}

/* X.var() over every element, as numpy computes it */
static double
numpy_variance (const double *x,
                gsize         n)
{
  g_autofree double *squares = g_new (double, n);
  double mean = numpy_sum (x, n) / (double) n;

  for (gsize i = 0; i < n; i++)
    {
      double d = x[i] - mean;
      squares[i] = d * d;
    }
  return numpy_sum (squares, n) / (double) n;
}

/* ------------------------------------------------------------------ */
/* Fitted state                                                        */
/* ------------------------------------------------------------------ */

static void
clear_fitted_state (MpSVC *self)
{
  g_clear_pointer (&self->classes, mp_array_unref);
  g_clear_pointer (&self->fitted_class_weight, mp_array_unref);
  g_clear_pointer (&self->support, mp_array_unref);
  g_clear_pointer (&self->support_vectors, mp_array_unref);
  g_clear_pointer (&self->n_support, mp_array_unref);
  g_clear_pointer (&self->dual_coef, mp_array_unref);
  g_clear_pointer (&self->intercept, mp_array_unref);
  g_clear_pointer (&self->prob_a, mp_array_unref);
  g_clear_pointer (&self->prob_b, mp_array_unref);
  g_clear_pointer (&self->n_iter, mp_array_unref);
  g_clear_pointer (&self->shape_fit, mp_array_unref);
}

static gboolean
check_hyperparameters (MpSVC   *self,
                       GError **error)
{
  if (!(self->c > 0) || !isfinite (self->c))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "C: must be a finite number > 0, got %g", self->c);
      return FALSE;
    }
  if (!(self->tol > 0) || !isfinite (self->tol))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "tol: must be a finite number > 0, got %g", self->tol);
      return FALSE;
    }
  if (!(self->cache_size > 0) || !isfinite (self->cache_size) || self->cache_size > 1 << 20)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "cache_size: must be a number of megabytes in (0, 1048576], got %g",
                   self->cache_size);
      return FALSE;
    }
  if (!isfinite (self->coef0))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "coef0: must be finite");
      return FALSE;
    }
  if (self->degree < 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "degree: must be >= 0, got %d", self->degree);
      return FALSE;
    }
  if (self->max_iter < -1)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "max_iter: must be -1 (no limit) or >= 0, got %d", self->max_iter);
      return FALSE;
    }
  return TRUE;
}

static void
fill_kernel_params (MpSVC             *self,
                    MpSvmKernelParams *params)
{
  switch (self->kernel)
    {
    case MP_SVM_KERNEL_LINEAR:
      params->type = MP_SVM_KERNEL_LINEAR_;
      break;
    case MP_SVM_KERNEL_POLY:
      params->type = MP_SVM_KERNEL_POLY_;
      break;
    case MP_SVM_KERNEL_SIGMOID:
      params->type = MP_SVM_KERNEL_SIGMOID_;
      break;
    case MP_SVM_KERNEL_RBF:
    default:
      params->type = MP_SVM_KERNEL_RBF_;
      break;
    }
  params->degree = self->degree;
  params->gamma = self->effective_gamma;
  params->coef0 = self->coef0;
}

static gboolean
mp_svc_fit (MpEstimator  *estimator,
            MpArray      *x,
            MpArray      *y,
            GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree double *class_weight = NULL;
  g_autofree double *labels = NULL;
  g_autofree const double **rows = NULL;
  g_autofree int *weight_label = NULL;
  const double *data = mp_array_get_float64_data (x);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  gsize n_classes, n_pairs, n_sv, shape[2];
  MpSvmProblem problem;
  MpSvmParams params = { 0, };
  MpSvmModel *model;
  MpSvmRng rng;
  GammaMode gamma_mode;
  double gamma_value = 0.0;
  gboolean finite = TRUE;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: SVC needs labels");
      return FALSE;
    }

  if (!check_hyperparameters (self, error) ||
      !parse_gamma (self->gamma, &gamma_mode, &gamma_value, error))
    return FALSE;

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

  switch (gamma_mode)
    {
    case GAMMA_SCALE:
      {
        double var = numpy_variance (data, n_samples * n_features);
        self->effective_gamma = var != 0 ? 1.0 / ((double) n_features * var) : 1.0;
      }
      break;
    case GAMMA_AUTO:
      self->effective_gamma = 1.0 / (double) n_features;
      break;
    case GAMMA_VALUE:
    default:
      self->effective_gamma = gamma_value;
      break;
    }

  rows = g_new (const double *, n_samples);
  labels = g_new (double, n_samples);
  for (gsize i = 0; i < n_samples; i++)
    {
      rows[i] = data + i * n_features;
      labels[i] = indices[i];
    }
  problem.l = (int) n_samples;
  problem.n_features = n_features;
  problem.x = rows;
  problem.y = labels;

  weight_label = g_new (int, n_classes);
  for (gsize k = 0; k < n_classes; k++)
    weight_label[k] = (int) k;

  fill_kernel_params (self, &params.kernel);
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

  model = _mp_svm_train (&problem, &params, &rng);

  /* Build the public arrays; binary problems flip signs so that positive
   * decision values mean the second class, as scikit-learn does. */
  n_pairs = n_classes * (n_classes - 1) / 2;
  n_sv = (gsize) model->l;

  {
    gint32 *support = g_new (gint32, MAX (n_sv, 1));
    double *vectors = g_new (double, MAX (n_sv * n_features, 1));
    gint32 *n_support = g_new (gint32, n_classes);
    double *dual_coef = g_new (double, MAX ((n_classes - 1) * n_sv, 1));
    double *intercept = g_new (double, n_pairs);
    gint32 *n_iter = g_new (gint32, n_pairs);
    double *prob_a = g_new (double, MAX (n_pairs, 1));
    double *prob_b = g_new (double, MAX (n_pairs, 1));
    gint64 *shape_fit = g_new (gint64, 2);
    double sign = n_classes == 2 ? -1.0 : 1.0;
    gsize n_prob = self->probability ? n_pairs : 0;

    for (gsize k = 0; k < n_sv; k++)
      {
        support[k] = model->sv_index[k];
        memcpy (vectors + k * n_features, model->sv[k], n_features * sizeof (double));
      }
    for (gsize c = 0; c < n_classes; c++)
      n_support[c] = model->n_sv[c];
    for (gsize k = 0; k < (n_classes - 1) * n_sv; k++)
      {
        dual_coef[k] = sign * model->sv_coef[k];
        finite = finite && isfinite (dual_coef[k]);
      }
    for (gsize p = 0; p < n_pairs; p++)
      {
        /* intercept = -rho, never -0.0 */
        double value = model->rho[p] != 0 ? -model->rho[p] : 0;
        intercept[p] = sign * value;
        finite = finite && isfinite (value);
        n_iter[p] = model->n_iter[p];
      }
    for (gsize p = 0; p < n_prob; p++)
      {
        prob_a[p] = model->prob_a[p];
        prob_b[p] = model->prob_b[p];
      }
    shape_fit[0] = (gint64) n_samples;
    shape_fit[1] = (gint64) n_features;

    clear_fitted_state (self);
    self->classes = g_steal_pointer (&classes);
    self->fitted_class_weight = mp_array_new_take (MP_DTYPE_FLOAT64, &n_classes, 1,
                                                   g_steal_pointer (&class_weight));
    self->support = mp_array_new_take (MP_DTYPE_INT32, &n_sv, 1, support);
    shape[0] = n_sv;
    shape[1] = n_features;
    self->support_vectors = mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, vectors);
    self->n_support = mp_array_new_take (MP_DTYPE_INT32, &n_classes, 1, n_support);
    shape[0] = n_classes - 1;
    shape[1] = n_sv;
    self->dual_coef = mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, dual_coef);
    self->intercept = mp_array_new_take (MP_DTYPE_FLOAT64, &n_pairs, 1, intercept);
    self->n_iter = mp_array_new_take (MP_DTYPE_INT32, &n_pairs, 1, n_iter);
    self->prob_a = mp_array_new_take (MP_DTYPE_FLOAT64, &n_prob, 1, prob_a);
    self->prob_b = mp_array_new_take (MP_DTYPE_FLOAT64, &n_prob, 1, prob_b);
    shape[0] = 2;
    self->shape_fit = mp_array_new_take (MP_DTYPE_INT64, shape, 1, shape_fit);
    self->fit_status = model->timed_out ? 1 : 0;
  }

  _mp_svm_model_free (model);

  if (!finite)
    {
      clear_fitted_state (self);
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "X: the dual coefficients or intercepts are not finite; "
                           "the input data may contain large values and need to be preprocessed");
      return FALSE;
    }

  if (self->fit_status == 1)
    g_message ("SVC: solver terminated early (max_iter=%d); consider scaling the data",
               self->max_iter);

  for (guint prop = PROP_CLASSES; prop < N_PROPS; prop++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);

  return TRUE;
}

static gboolean
invalid_state (GError     **error,
               const char  *format,
               ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid_state (GError     **error,
               const char  *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE, message);
  return FALSE;
}

static gboolean
check_finite (MpArray     *array,
              const char  *field,
              GError     **error)
{
  const double *values = mp_array_get_float64_data (array);
  gsize n = mp_array_get_n_elements (array);

  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return invalid_state (error, "%s: element %" G_GSIZE_FORMAT " is not finite", field, i);
  return TRUE;
}

static int
compare_guint64 (const void *a,
                 const void *b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* support_ holds distinct indices in [0, n_samples). n_samples comes from
 * shape_fit_ and may be far larger than the file's arrays, so nothing is
 * sized by it: repeats are found by sorting (index, position) pairs, one
 * per support vector. The error is that of the first bad entry. */
static gboolean
check_support_indices (const gint32  *support,
                       gsize          n_sv,
                       gint64         n_samples,
                       GError       **error)
{
  g_autofree guint64 *keys = NULL;
  gsize n_checked = 0, first_repeat = G_MAXSIZE;

  while (n_checked < n_sv && support[n_checked] >= 0 && support[n_checked] < n_samples)
    n_checked++;

  /* n_sv <= n_samples <= MAX_SAMPLES: positions fit in 32 bits */
  keys = g_new (guint64, MAX (n_checked, 1));
  for (gsize k = 0; k < n_checked; k++)
    keys[k] = ((guint64) support[k] << 32) | k;
  qsort (keys, n_checked, sizeof (guint64), compare_guint64);
  for (gsize k = 1; k < n_checked; k++)
    if (keys[k] >> 32 == keys[k - 1] >> 32)
      first_repeat = MIN (first_repeat, (gsize) (keys[k] & G_MAXUINT32));

  if (first_repeat != G_MAXSIZE)
    return invalid_state (error, "support_: index %d appears twice", support[first_repeat]);
  if (n_checked < n_sv)
    return invalid_state (error, "support_: index %d at %" G_GSIZE_FORMAT " is outside [0, %"
                          G_GINT64_FORMAT ")", support[n_checked], n_checked, n_samples);
  return TRUE;
}

static gboolean
mp_svc_validate (MpEstimator  *estimator,
                 GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  gsize n_features = mp_estimator_get_n_features_in (estimator);
  gsize n_classes, n_pairs, n_sv, n_prob;
  gint64 n_samples, total = 0;
  const gint32 *counts;
  const gint64 *shape_fit;

  if (!MP_ESTIMATOR_CLASS (mp_svc_parent_class)->validate (estimator, error))
    return FALSE;

  /* classes_ */
  if (!_mp_check_classes (self->classes, 2, error))
    return FALSE;
  n_classes = mp_array_get_dim (self->classes, 0);
  for (gsize k = 0; k < n_classes; k++)
    {
      double v = mp_array_get_double (self->classes, k);
      if (!isfinite (v) || (k > 0 && !(mp_array_get_double (self->classes, k - 1) < v)))
        return invalid_state (error, "classes_: must be finite and strictly increasing");
    }

  /* shape_fit_: the training matrix shape bounds the support indices */
  if (!_mp_check_state_array (self->shape_fit, "shape_fit_", MP_DTYPE_INT64, 1, 2, G_MAXSIZE, error))
    return FALSE;
  shape_fit = mp_array_get_int64_data (self->shape_fit);
  n_samples = shape_fit[0];
  if (n_samples < 1 || n_samples > MAX_SAMPLES)
    return invalid_state (error, "shape_fit_: %" G_GINT64_FORMAT " training samples is out of range",
                          n_samples);
  if (shape_fit[1] != (gint64) n_features)
    return invalid_state (error, "shape_fit_: %" G_GINT64_FORMAT " features disagrees with n_features_in_ (%"
                          G_GSIZE_FORMAT ")", shape_fit[1], n_features);
  if ((gint64) n_classes > n_samples)
    return invalid_state (error, "classes_: %" G_GSIZE_FORMAT " classes from %" G_GINT64_FORMAT " samples",
                          n_classes, n_samples);
  n_pairs = n_classes * (n_classes - 1) / 2;

  /* n_support_ */
  if (!_mp_check_state_array (self->n_support, "n_support_", MP_DTYPE_INT32, 1, n_classes, G_MAXSIZE, error))
    return FALSE;
  counts = mp_array_get_int32_data (self->n_support);
  for (gsize k = 0; k < n_classes; k++)
    {
      if (counts[k] < 0)
        return invalid_state (error, "n_support_: entry %" G_GSIZE_FORMAT " is negative", k);
      total += counts[k];
    }
  if (total > n_samples)
    return invalid_state (error, "n_support_: %" G_GINT64_FORMAT " support vectors from %" G_GINT64_FORMAT
                          " samples", total, n_samples);
  n_sv = (gsize) total;

  /* support_vectors_, support_ */
  if (!_mp_check_state_array (self->support_vectors, "support_vectors_", MP_DTYPE_FLOAT64, 2,
                              n_sv, n_features, error))
    return FALSE;
  if (!check_finite (self->support_vectors, "support_vectors_", error))
    return FALSE;
  if (!_mp_check_state_array (self->support, "support_", MP_DTYPE_INT32, 1, n_sv, G_MAXSIZE, error))
    return FALSE;
  if (!check_support_indices (mp_array_get_int32_data (self->support), n_sv, n_samples, error))
    return FALSE;

  /* dual_coef_, intercept_ */
  if (!_mp_check_state_array (self->dual_coef, "dual_coef_", MP_DTYPE_FLOAT64, 2,
                              n_classes - 1, n_sv, error) ||
      !check_finite (self->dual_coef, "dual_coef_", error))
    return FALSE;
  if (!_mp_check_state_array (self->intercept, "intercept_", MP_DTYPE_FLOAT64, 1,
                              n_pairs, G_MAXSIZE, error) ||
      !check_finite (self->intercept, "intercept_", error))
    return FALSE;

  /* _gamma */
  if (!isfinite (self->effective_gamma) || self->effective_gamma < 0)
    return invalid_state (error, "_gamma: must be a finite number >= 0");

  /* probA_, probB_: both empty or one per pair */
  if (self->prob_a == NULL || self->prob_b == NULL)
    return invalid_state (error, "%s: missing", self->prob_a == NULL ? "probA_" : "probB_");
  n_prob = mp_array_get_n_elements (self->prob_a);
  if (n_prob != 0 && n_prob != n_pairs)
    return invalid_state (error, "probA_: has %" G_GSIZE_FORMAT " entries, expected 0 or %" G_GSIZE_FORMAT,
                          n_prob, n_pairs);
  if (!_mp_check_state_array (self->prob_a, "probA_", MP_DTYPE_FLOAT64, 1, n_prob, G_MAXSIZE, error) ||
      !_mp_check_state_array (self->prob_b, "probB_", MP_DTYPE_FLOAT64, 1, n_prob, G_MAXSIZE, error) ||
      !check_finite (self->prob_a, "probA_", error) ||
      !check_finite (self->prob_b, "probB_", error))
    return FALSE;

  /* the rest of the record */
  if (!_mp_check_state_array (self->fitted_class_weight, "class_weight_", MP_DTYPE_FLOAT64, 1,
                              n_classes, G_MAXSIZE, error))
    return FALSE;
  if (!_mp_check_state_array (self->n_iter, "n_iter_", MP_DTYPE_INT32, 1, n_pairs, G_MAXSIZE, error))
    return FALSE;
  if (self->fit_status != 0 && self->fit_status != 1)
    return invalid_state (error, "fit_status_: must be 0 or 1, got %d", self->fit_status);
  if (self->degree < 0)
    return invalid_state (error, "degree: must be >= 0 for a fitted model, got %d", self->degree);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Prediction                                                          */
/* ------------------------------------------------------------------ */

/* Checks @x against the fitted state and returns it as float64. */
static MpArray *
prepare_input (MpSVC    *self,
               MpArray  *x,
               GError  **error)
{
  return _mp_estimator_check_input (MP_ESTIMATOR (self), x, error);
}

/* libsvm's view of the fitted state, borrowing the arrays; scikit-learn
 * keeps binary models with flipped signs, so they are flipped back. */
typedef struct
{
  MpSvmModel  model;
  const double **rows;
  double       *sv_coef;
  double       *rho;
  int          *n_sv;
} BorrowedModel;

/* Borrows the fitted arrays for libsvm's predictor. The per-class
 * support vector counts decide which rows it reads, and a binding may have
 * written to their memory since validate() ran (GJS lends GBytes memory
 * writable: docs/javascript.md), so they are checked here, on the copy
 * that is used. */
static gboolean
borrowed_model_init (BorrowedModel  *b,
                     MpSVC          *self,
                     GError        **error)
{
  gsize n_classes = mp_array_get_n_elements (self->classes);
  gsize n_sv = mp_array_get_dim (self->support_vectors, 0);
  gsize n_features = mp_array_get_dim (self->support_vectors, 1);
  gsize n_pairs = n_classes * (n_classes - 1) / 2;
  const double *vectors = mp_array_get_float64_data (self->support_vectors);
  const double *dual_coef = mp_array_get_float64_data (self->dual_coef);
  const double *intercept = mp_array_get_float64_data (self->intercept);
  const gint32 *counts = mp_array_get_int32_data (self->n_support);
  double sign = n_classes == 2 ? -1.0 : 1.0;

  memset (b, 0, sizeof *b);
  b->rows = g_new (const double *, MAX (n_sv, 1));
  b->sv_coef = g_new (double, MAX ((n_classes - 1) * n_sv, 1));
  b->rho = g_new (double, MAX (n_pairs, 1));
  b->n_sv = g_new (int, n_classes);

  for (gsize k = 0; k < n_sv; k++)
    b->rows[k] = vectors + k * n_features;
  for (gsize k = 0; k < (n_classes - 1) * n_sv; k++)
    b->sv_coef[k] = sign * dual_coef[k];
  for (gsize p = 0; p < n_pairs; p++)
    b->rho[p] = -(sign * intercept[p]);
  for (gsize c = 0; c < n_classes; c++)
    b->n_sv[c] = counts[c];
  {
    gint64 total = 0;

    for (gsize c = 0; c < n_classes; c++)
      {
        if (b->n_sv[c] < 0)
          total = -1;
        if (total < 0)
          break;
        total += b->n_sv[c];
      }
    if (total != (gint64) n_sv)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                     "n_support_: changed since the model was checked: its entries no longer "
                     "count the %" G_GSIZE_FORMAT " support vectors", n_sv);
        g_clear_pointer (&b->rows, g_free);
        g_clear_pointer (&b->sv_coef, g_free);
        g_clear_pointer (&b->rho, g_free);
        g_clear_pointer (&b->n_sv, g_free);
        return FALSE;
      }
  }

  b->model.n_classes = (int) n_classes;
  b->model.l = (int) n_sv;
  b->model.n_features = n_features;
  fill_kernel_params (self, &b->model.kernel);
  b->model.n_sv = b->n_sv;
  b->model.sv = b->rows;
  b->model.sv_coef = b->sv_coef;
  b->model.rho = b->rho;
  if (mp_array_get_n_elements (self->prob_a) == n_pairs)
    {
      b->model.prob_a = (double *) mp_array_get_float64_data (self->prob_a);
      b->model.prob_b = (double *) mp_array_get_float64_data (self->prob_b);
    }
  b->model.owned = FALSE;
  return TRUE;
}

static void
borrowed_model_clear (BorrowedModel *b)
{
  g_free (b->rows);
  g_free (b->sv_coef);
  g_free (b->rho);
  g_free (b->n_sv);
}

/* Pairwise decision values (n_samples x n_pairs, libsvm's orientation)
 * and libsvm's vote winner of each sample. */
static double *
pairwise_decisions (MpSVC    *self,
                    MpArray  *x,
                    gint32   *winners,
                    GError  **error)
{
  BorrowedModel b;
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  gsize n_pairs = n_classes * (n_classes - 1) / 2;
  double *dec;
  g_autofree double *kvalue = NULL;

  if (!borrowed_model_init (&b, self, error))
    return NULL;
  dec = g_new (double, MAX (n_samples * n_pairs, 1));
  kvalue = g_new (double, MAX (b.model.l, 1));

  for (gsize i = 0; i < n_samples; i++)
    {
      int winner = _mp_svm_predict_values (&b.model, data + i * n_features, kvalue, dec + i * n_pairs);
      if (winners != NULL)
        winners[i] = winner;
    }

  borrowed_model_clear (&b);
  return dec;
}

/* scikit-learn's one-vs-rest transform of one-vs-one decisions: votes
 * plus confidences squashed into (-1/3, 1/3). */
static void
ovr_from_ovo (const double *dec,
              gsize         n_classes,
              double       *out)
{
  g_autofree double *confidence = g_new0 (double, n_classes);
  gsize p = 0;

  for (gsize c = 0; c < n_classes; c++)
    out[c] = 0;

  for (gsize i = 0; i < n_classes; i++)
    for (gsize j = i + 1; j < n_classes; j++)
      {
        double value = -dec[p];   /* confidence of the second class */

        confidence[i] -= value;
        confidence[j] += value;
        if (dec[p] < 0)
          out[j] += 1;
        else
          out[i] += 1;
        p++;
      }

  for (gsize c = 0; c < n_classes; c++)
    out[c] += confidence[c] / (3 * (fabs (confidence[c]) + 1));
}

static MpArray *
decision_function_checked (MpSVC    *self,
                           MpArray  *x,
                           GError  **error)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  gsize n_pairs = n_classes * (n_classes - 1) / 2;
  g_autofree double *dec = pairwise_decisions (self, x, NULL, error);
  gsize shape[2];

  if (dec == NULL)
    return NULL;

  if (n_classes == 2)
    {
      for (gsize i = 0; i < n_samples; i++)
        dec[i] = -dec[i];
      return mp_array_new_take (MP_DTYPE_FLOAT64, &n_samples, 1, g_steal_pointer (&dec));
    }

  shape[0] = n_samples;
  if (self->decision_function_shape == MP_DECISION_FUNCTION_SHAPE_OVR)
    {
      double *out = g_new (double, n_samples * n_classes);

      for (gsize i = 0; i < n_samples; i++)
        ovr_from_ovo (dec + i * n_pairs, n_classes, out + i * n_classes);
      shape[1] = n_classes;
      return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
    }

  shape[1] = n_pairs;
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&dec));
}

static MpArray *
mp_svc_predict (MpEstimator  *estimator,
                MpArray      *x,
                GError      **error)
{
  MpSVC *self = MP_SVC (estimator);
  g_autoptr(MpArray) checked = NULL;
  g_autofree gint32 *winners = NULL;
  g_autofree double *dec = NULL;
  gsize n_samples, n_classes;

  if (self->break_ties && self->decision_function_shape == MP_DECISION_FUNCTION_SHAPE_OVO)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "break_ties: must be False when decision_function_shape is 'ovo'");
      return NULL;
    }

  checked = prepare_input (self, x, error);
  if (checked == NULL)
    return NULL;

  n_samples = mp_array_get_dim (checked, 0);
  n_classes = mp_array_get_n_elements (self->classes);
  winners = g_new (gint32, n_samples);

  if (self->break_ties && n_classes > 2)
    {
      gsize n_pairs = n_classes * (n_classes - 1) / 2;
      g_autofree double *scores = g_new (double, n_classes);

      /* break_ties with 'ovr': the class of the largest one-vs-rest value */
      dec = pairwise_decisions (self, checked, NULL, error);
      if (dec == NULL)
        return NULL;
      for (gsize i = 0; i < n_samples; i++)
        {
          gint32 best = 0;

          ovr_from_ovo (dec + i * n_pairs, n_classes, scores);
          for (gsize c = 1; c < n_classes; c++)
            if (scores[c] > scores[best])
              best = (gint32) c;
          winners[i] = best;
        }
    }
  else
    {
      dec = pairwise_decisions (self, checked, winners, error);
      if (dec == NULL)
        return NULL;
    }

  return _mp_decode_labels (self->classes, winners, n_samples);
}

/* ------------------------------------------------------------------ */
/* Object boilerplate                                                  */
/* ------------------------------------------------------------------ */

static char *
mp_svc_format_param (MpEstimator *estimator,
                     GParamSpec  *pspec)
{
  MpSVC *self = MP_SVC (estimator);

  if (pspec == properties[PROP_GAMMA])
    {
      double value;
      gboolean integral;
      GString *out;

      if (self->gamma == NULL)
        return g_strdup ("'scale'");
      if (!_mp_pyrepr_parse_number (self->gamma, &value, &integral))
        return NULL;  /* 'scale', 'auto' or invalid text: a quoted string */
      if (integral)
        return g_strstrip (g_strdup (self->gamma));
      out = g_string_new (NULL);
      _mp_pyrepr_append_float (out, value);
      return g_string_free (out, FALSE);
    }

  /* a dictionary unquoted; None, 'balanced' and invalid text as usual */
  if (pspec == properties[PROP_CLASS_WEIGHT])
    return _mp_class_weight_format (self->class_weight);

  if (pspec == properties[PROP_RANDOM_STATE] && self->random_state < 0)
    return g_strdup ("None");

  if (pspec == properties[PROP_CACHE_SIZE] &&
      self->cache_size == floor (self->cache_size) && fabs (self->cache_size) < 1e15)
    return g_strdup_printf ("%.0f", self->cache_size);

  /* break_ties is newer than the string form scikit-learn users know:
   * like scikit-learn's changed-only repr, show it only when set. */
  if (pspec == properties[PROP_BREAK_TIES] && !self->break_ties)
    return g_strdup ("");

  return NULL;
}

static void
mp_svc_finalize (GObject *object)
{
  MpSVC *self = MP_SVC (object);

  g_clear_pointer (&self->class_weight, g_free);
  g_clear_pointer (&self->gamma, g_free);
  clear_fitted_state (self);

  G_OBJECT_CLASS (mp_svc_parent_class)->finalize (object);
}

static void
mp_svc_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  MpSVC *self = MP_SVC (object);

  switch (prop_id)
    {
    case PROP_C:
      g_value_set_double (value, self->c);
      break;
    case PROP_BREAK_TIES:
      g_value_set_boolean (value, self->break_ties);
      break;
    case PROP_CACHE_SIZE:
      g_value_set_double (value, self->cache_size);
      break;
    case PROP_CLASS_WEIGHT:
      g_value_set_string (value, self->class_weight);
      break;
    case PROP_COEF0:
      g_value_set_double (value, self->coef0);
      break;
    case PROP_DECISION_FUNCTION_SHAPE:
      g_value_set_enum (value, self->decision_function_shape);
      break;
    case PROP_DEGREE:
      g_value_set_int (value, self->degree);
      break;
    case PROP_GAMMA:
      g_value_set_string (value, self->gamma);
      break;
    case PROP_KERNEL:
      g_value_set_enum (value, self->kernel);
      break;
    case PROP_MAX_ITER:
      g_value_set_int (value, self->max_iter);
      break;
    case PROP_PROBABILITY:
      g_value_set_boolean (value, self->probability);
      break;
    case PROP_RANDOM_STATE:
      g_value_set_int64 (value, self->random_state);
      break;
    case PROP_SHRINKING:
      g_value_set_boolean (value, self->shrinking);
      break;
    case PROP_TOL:
      g_value_set_double (value, self->tol);
      break;
    case PROP_VERBOSE:
      g_value_set_boolean (value, self->verbose);
      break;
    case PROP_CLASSES:
      g_value_set_boxed (value, self->classes);
      break;
    case PROP_FITTED_CLASS_WEIGHT:
      g_value_set_boxed (value, self->fitted_class_weight);
      break;
    case PROP_SUPPORT:
      g_value_set_boxed (value, self->support);
      break;
    case PROP_SUPPORT_VECTORS:
      g_value_set_boxed (value, self->support_vectors);
      break;
    case PROP_N_SUPPORT:
      g_value_set_boxed (value, self->n_support);
      break;
    case PROP_DUAL_COEF:
      g_value_set_boxed (value, self->dual_coef);
      break;
    case PROP_INTERCEPT:
      g_value_set_boxed (value, self->intercept);
      break;
    case PROP_EFFECTIVE_GAMMA:
      g_value_set_double (value, self->effective_gamma);
      break;
    case PROP_PROB_A:
      g_value_set_boxed (value, self->prob_a);
      break;
    case PROP_PROB_B:
      g_value_set_boxed (value, self->prob_b);
      break;
    case PROP_FIT_STATUS:
      g_value_set_int (value, self->fit_status);
      break;
    case PROP_N_ITER:
      g_value_set_boxed (value, self->n_iter);
      break;
    case PROP_SHAPE_FIT:
      g_value_set_boxed (value, self->shape_fit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_double (GObject    *object,
            double     *slot,
            double      value,
            GParamSpec *pspec)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
set_int (GObject    *object,
         int        *slot,
         int         value,
         GParamSpec *pspec)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
set_boolean (GObject    *object,
             gboolean   *slot,
             gboolean    value,
             GParamSpec *pspec)
{
  value = !!value;
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
set_string (GObject     *object,
            char       **slot,
            const char  *value,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
set_array (MpSVC       *self,
           MpArray    **slot,
           MpArray     *array,
           GParamSpec  *pspec)
{
  _mp_estimator_replace_array (MP_ESTIMATOR (self), slot, array, pspec);
}

static void
mp_svc_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  MpSVC *self = MP_SVC (object);

  switch (prop_id)
    {
    case PROP_C:
      set_double (object, &self->c, g_value_get_double (value), pspec);
      break;
    case PROP_BREAK_TIES:
      set_boolean (object, &self->break_ties, g_value_get_boolean (value), pspec);
      break;
    case PROP_CACHE_SIZE:
      set_double (object, &self->cache_size, g_value_get_double (value), pspec);
      break;
    case PROP_CLASS_WEIGHT:
      set_string (object, &self->class_weight, g_value_get_string (value), pspec);
      break;
    case PROP_COEF0:
      set_double (object, &self->coef0, g_value_get_double (value), pspec);
      break;
    case PROP_DECISION_FUNCTION_SHAPE:
      set_int (object, (int *) &self->decision_function_shape, g_value_get_enum (value), pspec);
      break;
    case PROP_DEGREE:
      set_int (object, &self->degree, g_value_get_int (value), pspec);
      _mp_estimator_invalidate (MP_ESTIMATOR (self));
      break;
    case PROP_GAMMA:
      /* NULL restores the default */
      set_string (object, &self->gamma,
                  g_value_get_string (value) != NULL ? g_value_get_string (value) : "scale", pspec);
      break;
    case PROP_KERNEL:
      set_int (object, (int *) &self->kernel, g_value_get_enum (value), pspec);
      break;
    case PROP_MAX_ITER:
      set_int (object, &self->max_iter, g_value_get_int (value), pspec);
      break;
    case PROP_PROBABILITY:
      set_boolean (object, &self->probability, g_value_get_boolean (value), pspec);
      break;
    case PROP_RANDOM_STATE:
      if (self->random_state != g_value_get_int64 (value))
        {
          self->random_state = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHRINKING:
      set_boolean (object, &self->shrinking, g_value_get_boolean (value), pspec);
      break;
    case PROP_TOL:
      set_double (object, &self->tol, g_value_get_double (value), pspec);
      break;
    case PROP_VERBOSE:
      set_boolean (object, &self->verbose, g_value_get_boolean (value), pspec);
      break;
    case PROP_CLASSES:
      set_array (self, &self->classes, g_value_get_boxed (value), pspec);
      break;
    case PROP_FITTED_CLASS_WEIGHT:
      set_array (self, &self->fitted_class_weight, g_value_get_boxed (value), pspec);
      break;
    case PROP_SUPPORT:
      set_array (self, &self->support, g_value_get_boxed (value), pspec);
      break;
    case PROP_SUPPORT_VECTORS:
      set_array (self, &self->support_vectors, g_value_get_boxed (value), pspec);
      break;
    case PROP_N_SUPPORT:
      set_array (self, &self->n_support, g_value_get_boxed (value), pspec);
      break;
    case PROP_DUAL_COEF:
      set_array (self, &self->dual_coef, g_value_get_boxed (value), pspec);
      break;
    case PROP_INTERCEPT:
      set_array (self, &self->intercept, g_value_get_boxed (value), pspec);
      break;
    case PROP_EFFECTIVE_GAMMA:
      set_double (object, &self->effective_gamma, g_value_get_double (value), pspec);
      _mp_estimator_invalidate (MP_ESTIMATOR (self));
      break;
    case PROP_PROB_A:
      set_array (self, &self->prob_a, g_value_get_boxed (value), pspec);
      break;
    case PROP_PROB_B:
      set_array (self, &self->prob_b, g_value_get_boxed (value), pspec);
      break;
    case PROP_FIT_STATUS:
      set_int (object, &self->fit_status, g_value_get_int (value), pspec);
      _mp_estimator_invalidate (MP_ESTIMATOR (self));
      break;
    case PROP_N_ITER:
      set_array (self, &self->n_iter, g_value_get_boxed (value), pspec);
      break;
    case PROP_SHAPE_FIT:
      set_array (self, &self->shape_fit, g_value_get_boxed (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mp_svc_class_init (MpSVCClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  object_class->finalize = mp_svc_finalize;
  object_class->get_property = mp_svc_get_property;
  object_class->set_property = mp_svc_set_property;

  estimator_class->fit = mp_svc_fit;
  estimator_class->predict = mp_svc_predict;
  estimator_class->validate = mp_svc_validate;
  estimator_class->format_param = mp_svc_format_param;

  /**
   * MpSVC:c:
   *
   * The regularisation parameter `C`: the penalty of a margin violation.
   * Must be > 0; checked by fit.
   *
   * Since: 1.0
   */
  properties[PROP_C] =
    g_param_spec_double ("c", NULL, NULL, -INFINITY, INFINITY, 1.0, PARAM_FLAGS);

  /**
   * MpSVC:break-ties:
   *
   * With #MpSVC:decision-function-shape `ovr` and more than two classes,
   * predict the class of the largest one-vs-rest decision value instead
   * of the class with most pairwise votes. Must be %FALSE with `ovo`. The
   * string form shows it only when %TRUE.
   *
   * Since: 1.0
   */
  properties[PROP_BREAK_TIES] =
    g_param_spec_boolean ("break-ties", NULL, NULL, FALSE, PARAM_FLAGS);

  /**
   * MpSVC:cache-size:
   *
   * The kernel cache of the solver, in megabytes (`cache_size`).
   *
   * Since: 1.0
   */
  properties[PROP_CACHE_SIZE] =
    g_param_spec_double ("cache-size", NULL, NULL, -INFINITY, INFINITY, 200.0, PARAM_FLAGS);

  /**
   * MpSVC:class-weight:
   *
   * Per-class factors of C: %NULL (`None`, all 1), `balanced`
   * (n_samples / (n_classes * count of the class)) or a dictionary literal
   * such as `{0: 1.0, 2: 3.5}` whose keys are class labels.
   *
   * Since: 1.0
   */
  properties[PROP_CLASS_WEIGHT] =
    g_param_spec_string ("class-weight", NULL, NULL, NULL, PARAM_FLAGS);

  /**
   * MpSVC:coef0:
   *
   * The constant term of the `poly` and `sigmoid` kernels.
   *
   * Since: 1.0
   */
  properties[PROP_COEF0] =
    g_param_spec_double ("coef0", NULL, NULL, -INFINITY, INFINITY, 0.0, PARAM_FLAGS);

  /**
   * MpSVC:decision-function-shape:
   *
   * The shape of mp_svc_decision_function() for more than two classes.
   *
   * Since: 1.0
   */
  properties[PROP_DECISION_FUNCTION_SHAPE] =
    g_param_spec_enum ("decision-function-shape", NULL, NULL,
                       MP_TYPE_DECISION_FUNCTION_SHAPE, MP_DECISION_FUNCTION_SHAPE_OVR,
                       PARAM_FLAGS);

  /**
   * MpSVC:degree:
   *
   * The degree of the `poly` kernel; must be >= 0.
   *
   * Since: 1.0
   */
  properties[PROP_DEGREE] =
    g_param_spec_int ("degree", NULL, NULL, G_MININT, G_MAXINT, 3, PARAM_FLAGS);

  /**
   * MpSVC:gamma:
   *
   * The kernel coefficient of `rbf`, `poly` and `sigmoid`: `scale`
   * (1 / (n_features * X.var()), the default), `auto` (1 / n_features) or
   * the text of a number >= 0 such as `0.1`. The string form prints a
   * number unquoted: `gamma=0.1`.
   *
   * Since: 1.0
   */
  properties[PROP_GAMMA] =
    g_param_spec_string ("gamma", NULL, NULL, "scale", PARAM_FLAGS);

  /**
   * MpSVC:kernel:
   *
   * The kernel function.
   *
   * Since: 1.0
   */
  properties[PROP_KERNEL] =
    g_param_spec_enum ("kernel", NULL, NULL, MP_TYPE_SVM_KERNEL, MP_SVM_KERNEL_RBF, PARAM_FLAGS);

  /**
   * MpSVC:max-iter:
   *
   * The most solver iterations per pair of classes, -1 for no limit.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_ITER] =
    g_param_spec_int ("max-iter", NULL, NULL, G_MININT, G_MAXINT, -1, PARAM_FLAGS);

  /**
   * MpSVC:probability:
   *
   * Whether fit also learns Platt-scaled probabilities (with an internal
   * 5-fold cross-validation, about five times slower), enabling
   * mp_svc_predict_proba().
   *
   * Since: 1.0
   */
  properties[PROP_PROBABILITY] =
    g_param_spec_boolean ("probability", NULL, NULL, FALSE, PARAM_FLAGS);

  /**
   * MpSVC:random-state:
   *
   * The seed of the cross-validation folds of #MpSVC:probability, as
   * scikit-learn's integer `random_state`; -1 (`None`) draws a fresh seed
   * at each fit.
   *
   * Since: 1.0
   */
  properties[PROP_RANDOM_STATE] =
    g_param_spec_int64 ("random-state", NULL, NULL, -1, G_MAXUINT32, -1, PARAM_FLAGS);

  /**
   * MpSVC:shrinking:
   *
   * Whether the solver sets aside variables stuck at a bound.
   *
   * Since: 1.0
   */
  properties[PROP_SHRINKING] =
    g_param_spec_boolean ("shrinking", NULL, NULL, TRUE, PARAM_FLAGS);

  /**
   * MpSVC:tol:
   *
   * The stopping tolerance of the solver (on the maximal violation of
   * the optimality conditions).
   *
   * Since: 1.0
   */
  properties[PROP_TOL] =
    g_param_spec_double ("tol", NULL, NULL, -INFINITY, INFINITY, 1e-3, PARAM_FLAGS);

  /**
   * MpSVC:verbose:
   *
   * Whether fit prints libsvm's progress to standard output.
   *
   * Since: 1.0
   */
  properties[PROP_VERBOSE] =
    g_param_spec_boolean ("verbose", NULL, NULL, FALSE, PARAM_FLAGS);

  /**
   * MpSVC:classes:
   *
   * The sorted distinct training labels (`classes_`).
   *
   * Since: 1.0
   */
  properties[PROP_CLASSES] =
    g_param_spec_boxed ("classes", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:fitted-class-weight:
   *
   * The factor of C of each class, float64 (`class_weight_`).
   *
   * Since: 1.0
   */
  properties[PROP_FITTED_CLASS_WEIGHT] =
    g_param_spec_boxed ("fitted-class-weight", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:support:
   *
   * The training-sample index of each support vector, int32, grouped by
   * class and increasing within a class (`support_`).
   *
   * Since: 1.0
   */
  properties[PROP_SUPPORT] =
    g_param_spec_boxed ("support", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:support-vectors:
   *
   * The support vectors, n_SV x n_features float64 (`support_vectors_`).
   *
   * Since: 1.0
   */
  properties[PROP_SUPPORT_VECTORS] =
    g_param_spec_boxed ("support-vectors", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:n-support:
   *
   * The number of support vectors of each class, int32 (`n_support_`).
   *
   * Since: 1.0
   */
  properties[PROP_N_SUPPORT] =
    g_param_spec_boxed ("n-support", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:dual-coef:
   *
   * The signed dual coefficients, (n_classes - 1) x n_SV float64 in
   * libsvm's one-vs-one layout (`dual_coef_`).
   *
   * Since: 1.0
   */
  properties[PROP_DUAL_COEF] =
    g_param_spec_boxed ("dual-coef", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:intercept:
   *
   * The intercept of each pair of classes, float64 (`intercept_`).
   *
   * Since: 1.0
   */
  properties[PROP_INTERCEPT] =
    g_param_spec_boxed ("intercept", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:effective-gamma:
   *
   * The kernel coefficient fit used, after resolving `scale` and `auto`
   * (`_gamma`).
   *
   * Since: 1.0
   */
  properties[PROP_EFFECTIVE_GAMMA] =
    g_param_spec_double ("effective-gamma", NULL, NULL, -INFINITY, INFINITY, 0.0, PARAM_FLAGS);

  /**
   * MpSVC:prob-a:
   *
   * The slope of each pair's Platt sigmoid, float64; empty unless fitted
   * with #MpSVC:probability (`probA_`).
   *
   * Since: 1.0
   */
  properties[PROP_PROB_A] =
    g_param_spec_boxed ("prob-a", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:prob-b:
   *
   * The offset of each pair's Platt sigmoid (`probB_`).
   *
   * Since: 1.0
   */
  properties[PROP_PROB_B] =
    g_param_spec_boxed ("prob-b", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:fit-status:
   *
   * 0 if every solver converged, 1 if one stopped at #MpSVC:max-iter
   * (`fit_status_`).
   *
   * Since: 1.0
   */
  properties[PROP_FIT_STATUS] =
    g_param_spec_int ("fit-status", NULL, NULL, G_MININT, G_MAXINT, 0, PARAM_FLAGS);

  /**
   * MpSVC:n-iter:
   *
   * The solver iterations of each pair of classes, int32 (`n_iter_`).
   *
   * Since: 1.0
   */
  properties[PROP_N_ITER] =
    g_param_spec_boxed ("n-iter", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  /**
   * MpSVC:shape-fit:
   *
   * The shape (n_samples, n_features) of the training matrix, int64
   * (`shape_fit_`); it bounds the indices in #MpSVC:support.
   *
   * Since: 1.0
   */
  properties[PROP_SHAPE_FIT] =
    g_param_spec_boxed ("shape-fit", NULL, NULL, MP_TYPE_ARRAY, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  mp_estimator_class_set_property_role (estimator_class, "c", MP_PROPERTY_ROLE_HYPERPARAMETER, "C");
  for (guint prop = PROP_BREAK_TIES; prop <= PROP_VERBOSE; prop++)
    mp_estimator_class_set_property_role (estimator_class, properties[prop]->name,
                                          MP_PROPERTY_ROLE_HYPERPARAMETER, NULL);

  mp_estimator_class_set_property_role (estimator_class, "classes", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "fitted-class-weight",
                                        MP_PROPERTY_ROLE_FITTED, "class_weight_");
  mp_estimator_class_set_property_role (estimator_class, "support", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "support-vectors", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "n-support", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "dual-coef", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "intercept", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "effective-gamma",
                                        MP_PROPERTY_ROLE_FITTED, "_gamma");
  mp_estimator_class_set_property_role (estimator_class, "prob-a", MP_PROPERTY_ROLE_FITTED, "probA_");
  mp_estimator_class_set_property_role (estimator_class, "prob-b", MP_PROPERTY_ROLE_FITTED, "probB_");
  mp_estimator_class_set_property_role (estimator_class, "fit-status", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "n-iter", MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "shape-fit", MP_PROPERTY_ROLE_FITTED, NULL);
}

static void
mp_svc_init (MpSVC *self)
{
  self->c = 1.0;
  self->cache_size = 200.0;
  self->decision_function_shape = MP_DECISION_FUNCTION_SHAPE_OVR;
  self->degree = 3;
  self->gamma = g_strdup ("scale");
  self->kernel = MP_SVM_KERNEL_RBF;
  self->max_iter = -1;
  self->random_state = -1;
  self->shrinking = TRUE;
  self->tol = 1e-3;
}

/**
 * mp_svc_new:
 *
 * Creates an #MpSVC with scikit-learn's default hyperparameters
 * (`SVC()`: C=1.0, the `rbf` kernel, gamma=`scale`).
 *
 * Returns: (transfer full): a new #MpSVC
 *
 * Since: 1.0
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
 * Since: 1.0
 */
MpArray *
mp_svc_decision_function (MpSVC    *self,
                          MpArray  *x,
                          GError  **error)
{
  g_autoptr(MpArray) checked = NULL;

  g_return_val_if_fail (MP_IS_SVC (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  checked = prepare_input (self, x, error);
  if (checked == NULL)
    return NULL;

  return decision_function_checked (self, checked, error);
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
 *   %MP_ERROR_INVALID_ARGUMENT when #MpSVC:probability is %FALSE,
 *   %MP_ERROR_NOT_FITTED before fit or when the fitted state has no
 *   probability model, or the errors of mp_svc_decision_function()
 *
 * Since: 1.0
 */
MpArray *
mp_svc_predict_proba (MpSVC    *self,
                      MpArray  *x,
                      GError  **error)
{
  g_autoptr(MpArray) checked = NULL;
  g_autofree double *dec = NULL;
  BorrowedModel b;
  gsize n_samples, n_classes, n_pairs, shape[2];
  double *prob;

  g_return_val_if_fail (MP_IS_SVC (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->probability)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "probability: predict_proba is not available when probability=False");
      return NULL;
    }

  checked = prepare_input (self, x, error);
  if (checked == NULL)
    return NULL;

  n_classes = mp_array_get_n_elements (self->classes);
  n_pairs = n_classes * (n_classes - 1) / 2;
  if (mp_array_get_n_elements (self->prob_a) != n_pairs)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_FITTED,
                           "probA_: predict_proba is not available when fitted with probability=False");
      return NULL;
    }

  n_samples = mp_array_get_dim (checked, 0);
  dec = pairwise_decisions (self, checked, NULL, error);
  if (dec == NULL || !borrowed_model_init (&b, self, error))
    return NULL;
  prob = g_new (double, n_samples * n_classes);
  for (gsize i = 0; i < n_samples; i++)
    _mp_svm_probability_from_decisions (&b.model, dec + i * n_pairs, prob + i * n_classes);
  borrowed_model_clear (&b);

  shape[0] = n_samples;
  shape[1] = n_classes;
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, prob);
}
