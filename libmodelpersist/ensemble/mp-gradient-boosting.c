/* mp-gradient-boosting.c: gradient boosting of regression trees, as
 * scikit-learn 1.2's BaseGradientBoosting does it
 *
 * Every step below is scikit-learn's (sklearn/ensemble/_gb.py and
 * _gb_losses.py), done in the same order with the same sums (numpy's
 * pairwise sum over gathered arrays), so that a model fitted here has the
 * trees, leaf values and scores scikit-learn's has, to the bit, for the
 * same random_state:
 *
 * - one RandomState for the whole fit: each stage first draws its
 *   subsample (subsample < 1: n uniform draws, selection sampling of
 *   int(subsample n) samples), then each of its K trees draws its
 *   splitter's seed (randint(0, 2^31 - 1));
 * - the trees are regression trees fitted to the negative gradient,
 *   out-of-bag samples given weight 0;
 * - for the deviances, each leaf's value is then replaced by one Newton
 *   step computed over its in-bag samples, for the absolute error and the
 *   quantile loss by a percentile of their residuals, for the Huber loss
 *   by their median plus the mean of the clipped differences to it;
 * - n_iter_no_change holds out validation_fraction of the samples
 *   (train_test_split with random_state, stratified for a classifier) and
 *   stops when the held-out loss has not improved by tol for that many
 *   stages.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-count-or-fraction-private.h"
#include "mp-error.h"
#include "mp-gradient-boosting-private.h"
#include "mp-pairwise-sum-private.h"
#include "mp-random-private.h"
#include "mp-train-test-split.h"

/* scikit-learn's RAND_R_MAX: a tree's seed is randint(0, RAND_R_MAX) */
#define SPLITTER_SEED_MAX 0x7FFFFFFEu

const char * const _mp_boosting_classifier_losses[] = { "log_loss", "deviance", NULL };
const char * const _mp_boosting_regressor_losses[] = { "squared_error", "absolute_error", "huber", "quantile", NULL };
const char * const _mp_boosting_criteria[] = { "friedman_mse", "squared_error", NULL };
const char * const _mp_boosting_init_words[] = { "zero", NULL };

gboolean
_mp_boosting_check_classifier_loss (const GValue  *value,
                                    GError       **error)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (text, "exponential") == 0)
    g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "'exponential' (AdaBoost's loss) is not implemented; use 'log_loss'");
  else
    g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                 "must be 'log_loss' or 'deviance', got '%s'", text);
  return FALSE;
}

gboolean
_mp_boosting_check_regressor_loss (const GValue  *value,
                                   GError       **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be 'squared_error', 'absolute_error', 'huber' or 'quantile', got '%s'",
               g_value_get_string (value));
  return FALSE;
}

gboolean
_mp_boosting_check_init (const GValue  *value,
                         GError       **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be None or 'zero', got '%s' (an init estimator is not supported)",
               g_value_get_string (value));
  return FALSE;
}

/* A float64 array holding a copy of @data */
static MpArray *
copy_float64 (const gsize  *shape,
              guint         n_dims,
              const double *data)
{
  gsize n = 1;
  double *copy;

  for (guint d = 0; d < n_dims; d++)
    n *= shape[d];
  copy = g_new0 (double, MAX (n, 1));
  if (n > 0)
    memcpy (copy, data, n * sizeof (double));
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, n_dims, copy);
}

/* ------------------------------------------------------------------ */
/* numpy's and scipy's functions, as the losses call them              */
/* ------------------------------------------------------------------ */

/* scipy.special.expit */
static inline double
expit (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

/* numpy.logaddexp(0, x) */
static inline double
logaddexp0 (double x)
{
  double tmp = 0.0 - x;

  if (x == 0.0)
    return M_LN2;
  if (tmp > 0)
    return log1p (exp (-tmp));
  if (tmp <= 0)
    return x + log1p (exp (tmp));
  return tmp;
}

static inline double
nan_to_num (double x)
{
  if (isnan (x))
    return 0.0;
  if (isinf (x))
    return x > 0 ? G_MAXDOUBLE : -G_MAXDOUBLE;
  return x;
}

/* scipy.special.logsumexp of one row of @k values: the row's maximum (0
 * if it is not finite) plus the log of numpy's sum of the exponentials of
 * the differences; @scratch holds k values */
static double
logsumexp (const double *row,
           gsize         k,
           double       *scratch)
{
  double top = row[0];

  /* np.amax: NaN wins */
  for (gsize c = 1; c < k; c++)
    if (row[c] > top || isnan (row[c]))
      top = isnan (top) ? top : row[c];
  if (!isfinite (top))
    top = 0;
  for (gsize c = 0; c < k; c++)
    scratch[c] = exp (row[c] - top);
  return log (_mp_pairwise_sum (scratch, k)) + top;
}

void
_mp_boosting_proba (const double *raw,
                    gsize         n_samples,
                    gsize         n_classes,
                    double       *proba)
{
  g_autofree double *scratch = g_new (double, n_classes);

  for (gsize i = 0; i < n_samples; i++)
    {
      double *row = proba + i * n_classes;

      if (n_classes == 2)
        {
          row[1] = expit (raw[i]);
          row[0] = 1.0 - row[1];
        }
      else
        {
          const double *r = raw + i * n_classes;
          double lse = logsumexp (r, n_classes, scratch);

          for (gsize c = 0; c < n_classes; c++)
            row[c] = nan_to_num (exp (r[c] - lse));
        }
    }
}

/* ------------------------------------------------------------------ */
/* The losses                                                          */
/* ------------------------------------------------------------------ */

typedef enum {
  LOSS_SQUARED_ERROR,
  LOSS_ABSOLUTE_ERROR,
  LOSS_QUANTILE,
  LOSS_HUBER,
  LOSS_BINOMIAL,
  LOSS_MULTINOMIAL,
} Loss;

/* What the fit keeps for one set of samples (the training samples, or
 * the held-out ones) */
typedef struct {
  gsize    n;
  gsize    k;
  double  *x;        /* n x n_features, row-major */
  double  *y;        /* targets or class indices */
  double  *raw;      /* n x k */
} Samples;

static void
samples_clear (Samples *s)
{
  g_clear_pointer (&s->x, g_free);
  g_clear_pointer (&s->y, g_free);
  g_clear_pointer (&s->raw, g_free);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* sklearn.utils.stats._weighted_percentile of @m values of weight 1 (it
 * sorts them in place): the value at the first position whose cumulative
 * weight, 1, 2, ..., m, reaches percentile / 100 * m (the smallest
 * positive double for 0). */
static double
lower_percentile (double *values,
                  gsize   m,
                  double  percentile)
{
  double wanted = percentile / 100 * (double) m;
  gsize at = 0;

  qsort (values, m, sizeof (double), compare_doubles);
  if (wanted == 0)
    wanted = nextafter (0.0, 1.0);
  while (at < m - 1 && (double) (at + 1) < wanted)
    at++;
  return values[at];
}

/* np.percentile(values, q) with numpy 1.24's default 'linear' method (it
 * sorts @values in place): the virtual index n q + (1 - q) - 1 between
 * two order statistics, interpolated as numpy's _lerp does. */
static double
linear_percentile (double *values,
                   gsize   n,
                   double  q_percent)
{
  double q = q_percent / 100;
  double virtual_index = ((double) n * q + (1 + q * -1)) - 1;
  double below, above, t, diff;
  gssize previous;

  qsort (values, n, sizeof (double), compare_doubles);
  if (virtual_index >= (double) (n - 1))
    return values[n - 1];
  if (virtual_index < 0)
    return values[0];
  previous = (gssize) floor (virtual_index);
  below = values[previous];
  above = values[previous + 1];
  t = virtual_index - (double) previous;
  diff = above - below;
  return t >= 0.5 ? above - diff * (1 - t) : below + diff * t;
}

/* The loss (LossFunction.__call__ with sample weights, as the fit always
 * passes them) of the samples whose @mask is @wanted (all for a NULL
 * mask), gathered first as scikit-learn's y[mask] does. The weights are
 * all 1 (fit takes no sample_weight). */
static double
loss_of (Loss           loss,
         double         alpha,
         double         gamma,
         const Samples *s,
         const guint8  *mask,
         gboolean       wanted,
         double        *buffer,
         double        *scratch)
{
  gsize m = 0, above = 0;
  double total_weight;

  if (loss == LOSS_HUBER)
    {
      /* HuberLossFunction.__call__: gamma is the one the last gradient
       * found, or (before any, NaN here) the alpha percentile of |y - raw|
       * over these samples; 0.5 w d^2 where |d| <= gamma, gamma w (|d| -
       * gamma / 2) elsewhere, each part summed in sample order */
      g_autofree double *squared = NULL, *linear = NULL;
      gsize n_squared = 0, n_linear = 0;

      for (gsize i = 0; i < s->n; i++)
        if (mask == NULL || (mask[i] != 0) == wanted)
          buffer[m++] = s->y[i] - s->raw[i];
      squared = g_new (double, MAX (m, 1));
      linear = g_new (double, MAX (m, 1));
      if (isnan (gamma))
        {
          for (gsize j = 0; j < m; j++)
            squared[j] = fabs (buffer[j]);
          gamma = lower_percentile (squared, m, alpha * 100);
        }
      for (gsize j = 0; j < m; j++)
        {
          double d = buffer[j];

          if (fabs (d) <= gamma)
            squared[n_squared++] = 0.5 * 1.0 * (d * d);
          else
            linear[n_linear++] = gamma * 1.0 * (fabs (d) - gamma / 2);
        }
      return (_mp_pairwise_sum (squared, n_squared) + _mp_pairwise_sum (linear, n_linear)) / (double) m;
    }
  if (loss == LOSS_QUANTILE)
    {
      /* alpha * np.sum(w[y > raw] * diff[y > raw])
       *   - (1 - alpha) * np.sum(w[~mask] * diff[~mask]), over sum(w):
       * the samples above first, then the others, each in sample order */
      for (gsize i = 0; i < s->n; i++)
        if ((mask == NULL || (mask[i] != 0) == wanted) && s->y[i] > s->raw[i])
          buffer[above++] = 1.0 * (s->y[i] - s->raw[i]);
      m = above;
      for (gsize i = 0; i < s->n; i++)
        if ((mask == NULL || (mask[i] != 0) == wanted) && !(s->y[i] > s->raw[i]))
          buffer[m++] = 1.0 * (s->y[i] - s->raw[i]);
      return (alpha * _mp_pairwise_sum (buffer, above) -
              (1 - alpha) * _mp_pairwise_sum (buffer + above, m - above)) / (double) m;
    }

  for (gsize i = 0; i < s->n; i++)
    {
      const double *raw = s->raw + i * s->k;
      double y = s->y[i];

      if (mask != NULL && (mask[i] != 0) != wanted)
        continue;
      switch (loss)
        {
        case LOSS_SQUARED_ERROR:
          buffer[m] = 1.0 * ((y - raw[0]) * (y - raw[0]));
          break;
        case LOSS_ABSOLUTE_ERROR:
          buffer[m] = 1.0 * fabs (y - raw[0]);
          break;
        case LOSS_QUANTILE:
        case LOSS_HUBER:
          g_assert_not_reached ();
          break;
        case LOSS_BINOMIAL:
          buffer[m] = 1.0 * ((y * raw[0]) - logaddexp0 (raw[0]));
          break;
        case LOSS_MULTINOMIAL:
          /* -1 * (Y * raw).sum(axis=1) + logsumexp: the row sum is
           * raw[y] plus zeros, exactly */
          buffer[m] = (-1.0 * raw[(gsize) y] + logsumexp (raw, s->k, scratch)) * 1.0;
          break;
        }
      m++;
    }

  total_weight = (double) m;  /* the pairwise sum of m ones */
  switch (loss)
    {
    case LOSS_SQUARED_ERROR:
    case LOSS_ABSOLUTE_ERROR:
      return 1.0 / total_weight * _mp_pairwise_sum (buffer, m);
    case LOSS_BINOMIAL:
      return -2.0 / total_weight * _mp_pairwise_sum (buffer, m);
    case LOSS_MULTINOMIAL:
    default:
      return _mp_pairwise_sum (buffer, m) / total_weight;
    }
}

double *
_mp_boosting_init_raw (MpArray *init,
                       gsize    n_classes)
{
  gsize k = n_classes > 2 ? n_classes : 1;
  double *raw = g_new0 (double, k);
  const double eps = 1.0 / 8388608.0;   /* np.finfo(np.float32).eps */
  const double *values;

  if (init == NULL)
    return raw;
  values = mp_array_get_float64_data (init);
  if (n_classes == 0)
    raw[0] = values[0];
  else if (n_classes == 2)
    {
      double p = CLAMP (values[1], eps, 1.0 - eps);

      raw[0] = log (p / (1.0 - p));
    }
  else
    for (gsize c = 0; c < k; c++)
      raw[c] = log (CLAMP (values[c], eps, 1.0 - eps));
  return raw;
}

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

/* The leaf values of @tree after it is grown (the losses'
 * _update_terminal_region), over the in-bag samples of each leaf in sample
 * order: for the deviances one Newton step, sum(w * residual) (times
 * (K - 1) / K for K classes) over sum(w * (y - residual) * (1 - y +
 * residual)); for the absolute error and the quantile loss a percentile
 * of y - @raw. @leaf holds each sample's leaf. */
static void
update_leaves (Loss           loss,
               double         alpha,
               double         gamma,
               MpTreeGrown   *tree,
               const gsize   *leaf,
               const guint8  *in_bag,
               const double  *y,
               const double  *residual,
               const double  *raw,
               gsize          n,
               gsize          k,
             double        *buffer_num,
             double        *buffer_den,
             gsize         *order)
{
  g_autofree gsize *start = g_new0 (gsize, tree->n_nodes + 1);

  /* the in-bag samples grouped by leaf, each group in sample order */
  for (gsize i = 0; i < n; i++)
    if (in_bag == NULL || in_bag[i])
      start[leaf[i] + 1]++;
  for (gsize node = 0; node < tree->n_nodes; node++)
    start[node + 1] += start[node];
  {
    g_autofree gsize *next = g_memdup2 (start, (tree->n_nodes + 1) * sizeof (gsize));

    for (gsize i = 0; i < n; i++)
      if (in_bag == NULL || in_bag[i])
        order[next[leaf[i]]++] = i;
  }

  for (gsize node = 0; node < tree->n_nodes; node++)
    {
      gsize m = start[node + 1] - start[node];
      double numerator, denominator;

      if (tree->children_left[node] != MP_TREE_LEAF)
        continue;
      if (loss == LOSS_HUBER)
        {
          /* HuberLossFunction: the median of d = y - raw plus the mean of
           * sign(d - median) min(|d - median|, gamma), in sample order */
          double median;

          for (gsize j = 0; j < m; j++)
            {
              gsize i = order[start[node] + j];

              buffer_num[j] = y[i] - raw[i];
              buffer_den[j] = buffer_num[j];
            }
          median = lower_percentile (buffer_den, m, 50);
          for (gsize j = 0; j < m; j++)
            {
              double d = buffer_num[j] - median;
              double sign = d > 0 ? 1.0 : d < 0 ? -1.0 : 0.0;

              buffer_den[j] = sign * fmin (fabs (d), gamma);
            }
          tree->value[node] = median + _mp_pairwise_sum (buffer_den, m) / (double) m;
          continue;
        }
      if (loss == LOSS_ABSOLUTE_ERROR || loss == LOSS_QUANTILE)
        {
          /* LeastAbsoluteError and QuantileLossFunction: the weighted
           * percentile (50, or alpha * 100) of y - raw over the leaf */
          for (gsize j = 0; j < m; j++)
            {
              gsize i = order[start[node] + j];

              buffer_num[j] = y[i] - raw[i];
            }
          tree->value[node] = lower_percentile (buffer_num, m, loss == LOSS_QUANTILE ? alpha * 100 : 50);
          continue;
        }
      for (gsize j = 0; j < m; j++)
        {
          gsize i = order[start[node] + j];

          buffer_num[j] = 1.0 * residual[i];
          buffer_den[j] = (1.0 * (y[i] - residual[i])) * (1.0 - y[i] + residual[i]);
        }
      numerator = _mp_pairwise_sum (buffer_num, m);
      if (k > 1)
        numerator *= (double) (k - 1) / (double) k;
      denominator = _mp_pairwise_sum (buffer_den, m);
      tree->value[node] = fabs (denominator) < 1e-150 ? 0.0 : numerator / denominator;
    }
}

/* X's rows @rows (or all) as one row-major array */
static double *
gather_rows (const double *x,
             gsize         n_features,
             const gint64 *rows,
             gsize         n_rows)
{
  double *out = g_new (double, MAX (n_rows * n_features, 1));

  for (gsize r = 0; r < n_rows; r++)
    memcpy (out + r * n_features, x + (gsize) rows[r] * n_features, n_features * sizeof (double));
  return out;
}

/* Splits off the held-out samples of early stopping as scikit-learn's
 * train_test_split(X, y, sample_weight, random_state=random_state,
 * test_size=validation_fraction, stratify=y for a classifier) does. */
static gboolean
split_samples (const MpBoostingHyperparameters  *params,
               MpArray                          *x,
               const double                     *y,
               gsize                             n_classes,
               gsize                             k,
               Samples                          *train,
               Samples                          *held_out,
               GError                          **error)
{
  gsize n = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  g_autoptr(MpArray) stratify = NULL, train_rows = NULL, test_rows = NULL;
  Samples *sets[2] = { train, held_out };

  if (n_classes > 0)
    stratify = copy_float64 (&n, 1, y);
  if (!mp_train_test_split_indices (n, params->validation_fraction, params->tree.random_state,
                                    stratify, &train_rows, &test_rows, error))
    {
      g_prefix_error (error, "validation_fraction: ");
      return FALSE;
    }
  for (guint s = 0; s < 2; s++)
    {
      MpArray *rows = s == 0 ? train_rows : test_rows;
      const gint64 *index = mp_array_get_int64_data (rows);

      sets[s]->n = mp_array_get_n_elements (rows);
      sets[s]->k = k;
      sets[s]->x = gather_rows (data, n_features, index, sets[s]->n);
      sets[s]->y = g_new (double, MAX (sets[s]->n, 1));
      for (gsize i = 0; i < sets[s]->n; i++)
        sets[s]->y[i] = y[index[i]];
    }

  if (n_classes > 0)
    {
      g_autofree gboolean *seen = g_new0 (gboolean, n_classes);
      gsize n_seen = 0;

      for (gsize i = 0; i < train->n; i++)
        if (!seen[(gsize) train->y[i]])
          {
            seen[(gsize) train->y[i]] = TRUE;
            n_seen++;
          }
      if (n_seen != n_classes)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                               "y: the training data after the early stopping split is missing "
                               "some classes; try another random_state");
          return FALSE;
        }
    }
  return TRUE;
}

/* What init_ learns from the training samples: DummyClassifier('prior')'s
 * class_prior_ (bincount(y) / n), DummyRegressor('mean')'s constant_
 * (np.average(y)) or, for the other regression losses,
 * DummyRegressor('quantile')'s (np.percentile(y, 50 or alpha * 100)). */
static MpArray *
fit_init (const Samples *train,
          gsize          n_classes,
          Loss           loss,
          double         alpha)
{
  if (n_classes == 0)
    {
      gsize one = 1;
      double constant;

      if (loss == LOSS_SQUARED_ERROR)
        constant = _mp_pairwise_sum (train->y, train->n) / (double) train->n;
      else
        {
          /* DummyRegressor(strategy='quantile', quantile=0.5 or alpha):
           * np.percentile(y, quantile * 100.0) */
          g_autofree double *sorted = g_memdup2 (train->y, train->n * sizeof (double));

          constant = linear_percentile (sorted, train->n, (loss == LOSS_QUANTILE ? alpha : 0.5) * 100.0);
        }
      return copy_float64 (&one, 1, &constant);
    }
  else
    {
      double *prior = g_new0 (double, n_classes);

      for (gsize i = 0; i < train->n; i++)
        prior[(gsize) train->y[i]] += 1.0;
      for (gsize c = 0; c < n_classes; c++)
        prior[c] /= (double) train->n;
      return mp_array_new_take (MP_DTYPE_FLOAT64, &n_classes, 1, prior);
    }
}

/* Adds learning_rate times the leaf value @tree gives each sample of @s
 * to its raw prediction @c, and (when @leaf is not NULL) records the
 * leaves. */
static void
add_tree (const MpTreeGrown *tree,
          Samples           *s,
          gsize              n_features,
          gsize              c,
          double             learning_rate,
          gsize             *leaf)
{
  MpTreeView view = {
    .n_nodes = tree->n_nodes,
    .children_left = tree->children_left,
    .children_right = tree->children_right,
    .feature = tree->feature,
    .threshold = tree->threshold,
    .value = tree->value,
    .n_values = 1,
  };

  for (gsize i = 0; i < s->n; i++)
    {
      gsize node = _mp_tree_find_leaf (&view, s->x + i * n_features);

      if (leaf != NULL)
        leaf[i] = node;
      s->raw[i * s->k + c] += learning_rate * tree->value[node];
    }
}

static void
store_state (MpEstimator        *estimator,
             const MpTreeGrown  *trees,
             gsize               n_stages,
             gsize               k,
             gsize               max_features,
             double             *train_score,
             double             *oob_improvement)
{
  g_autoptr(MpArray) scores = NULL, oob = NULL, counts = NULL;
  gsize n_trees = n_stages * k;
  gint64 *count = g_new (gint64, n_trees);

  for (gsize t = 0; t < n_trees; t++)
    count[t] = (gint64) trees[t].n_nodes;
  counts = mp_array_new_take (MP_DTYPE_INT64, &n_trees, 1, count);
  scores = copy_float64 (&n_stages, 1, train_score);
  if (oob_improvement != NULL)
    oob = copy_float64 (&n_stages, 1, oob_improvement);

  _mp_tree_arrays_store (estimator, NULL, trees, n_trees, FALSE);
  g_object_set (estimator,
                "n-estimators-fitted", (gint64) n_stages,
                "max-features-fitted", (gint64) max_features,
                "train-score", scores,
                "oob-improvement", oob,
                "tree-node-counts", counts,
                NULL);
}

/* GradientBoosting's max_features_ (its own resolution, which for 'auto'
 * differs from its trees' in a classifier: the trees, regressors, try all
 * features) */
static gsize
boosting_max_features (const char *max_features,
                       gboolean    is_classifier,
                       gsize       n_features)
{
  gboolean is_fraction;
  double value;

  if (max_features == NULL || (strcmp (max_features, "auto") == 0 && !is_classifier))
    return n_features;
  if (strcmp (max_features, "auto") == 0 || strcmp (max_features, "sqrt") == 0)
    return (gsize) MAX (1, (gint64) sqrt ((double) n_features));
  if (strcmp (max_features, "log2") == 0)
    return (gsize) MAX (1, (gint64) log2 ((double) n_features));
  if (!_mp_count_or_fraction_parse (max_features, &is_fraction, &value))
    g_return_val_if_reached (n_features);
  return is_fraction ? (gsize) MAX (1, (gint64) (value * (double) n_features)) : (gsize) value;
}

gboolean
_mp_boosting_fit (MpEstimator                      *estimator,
                  const MpBoostingHyperparameters  *params,
                  gboolean                          refit,
                  MpArray                          *x,
                  const double                     *y,
                  gsize                             n_classes,
                  MpArray                         **init,
                  GError                          **error)
{
  gsize n_features = mp_array_get_dim (x, 1);
  gsize k = n_classes > 2 ? n_classes : 1;
  Loss loss = n_classes == 2 ? LOSS_BINOMIAL : n_classes > 2 ? LOSS_MULTINOMIAL
            : g_strcmp0 (params->loss, "absolute_error") == 0 ? LOSS_ABSOLUTE_ERROR
            : g_strcmp0 (params->loss, "quantile") == 0 ? LOSS_QUANTILE
            : g_strcmp0 (params->loss, "huber") == 0 ? LOSS_HUBER : LOSS_SQUARED_ERROR;
  double alpha = params->alpha;
  double gamma = NAN;   /* Huber's, set by each gradient */
  gboolean early_stopping = params->n_iter_no_change >= 1;
  gboolean do_oob = params->subsample < 1.0;
  g_autoptr(MpArray) init_fitted = NULL;
  g_autoptr(MpArray) x_train = NULL;
  g_autofree double *init_raw = NULL;
  g_autofree float *columns = NULL;
  g_autofree double *weight = NULL, *residual = NULL, *y_k = NULL, *p = NULL;
  g_autofree double *buffer = NULL, *buffer2 = NULL, *scratch = NULL, *raw_copy = NULL;
  g_autofree double *train_score = NULL, *oob_improvement = NULL, *history = NULL;
  g_autofree gsize *leaf = NULL, *order = NULL;
  g_autofree guint8 *mask = NULL;
  MpTreeGrown *trees = NULL;
  Samples train = { 0, }, held_out = { 0, };
  MpTreeGrowth growth;
  MpTreeData data;
  MpRandom rng;
  gsize n, n_inbag, n_stages = 0, max_features, capacity = 0, n_history = 0;
  gsize n_estimators = (gsize) params->n_estimators;
  gboolean ok = FALSE;

  if (params->warm_start && refit)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "warm_start: adding stages to a fitted model is not implemented; "
                           "set warm_start=False to fit anew");
      return FALSE;
    }
  if (n_classes == 1)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: contains 1 class, while a minimum of 2 classes are required");
      return FALSE;
    }

  if (early_stopping)
    {
      if (!split_samples (params, x, y, n_classes, k, &train, &held_out, error))
        goto out;
    }
  else
    {
      train.n = mp_array_get_dim (x, 0);
      train.k = k;
      train.x = g_memdup2 (mp_array_get_float64_data (x), train.n * n_features * sizeof (double));
      train.y = g_memdup2 (y, train.n * sizeof (double));
    }
  n = train.n;

  max_features = boosting_max_features (params->tree.max_features, n_classes > 0, n_features);
  n_inbag = do_oob ? MAX (1, (gsize) (params->subsample * (double) n)) : n;
  if (!_mp_tree_resolve_growth (&params->tree, FALSE, n, n_features, (double) n_inbag, &growth, error))
    goto out;

  /* init_ and the raw predictions it starts from */
  if (params->init == NULL)
    init_fitted = fit_init (&train, n_classes, loss, params->alpha);
  init_raw = _mp_boosting_init_raw (init_fitted, n_classes);
  train.raw = g_new (double, n * k);
  for (gsize i = 0; i < n; i++)
    memcpy (train.raw + i * k, init_raw, k * sizeof (double));
  if (early_stopping)
    {
      held_out.raw = g_new (double, MAX (held_out.n * k, 1));
      for (gsize i = 0; i < held_out.n; i++)
        memcpy (held_out.raw + i * k, init_raw, k * sizeof (double));
      /* np.full(n_iter_no_change, inf); slots past the last stage stay
       * inf, so no more than n_estimators are kept */
      n_history = (gsize) MIN ((guint64) params->n_iter_no_change, (guint64) n_estimators);
      history = g_new (double, n_history);
      for (gsize h = 0; h < n_history; h++)
        history[h] = INFINITY;
    }

  x_train = copy_float64 ((gsize[]) { n, n_features }, 2, train.x);
  columns = _mp_tree_x_columns (x_train);
  data.x_columns = columns;
  data.n_samples = n;
  data.n_features = n_features;
  data.n_classes = 0;

  weight = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    weight[i] = 1.0;
  residual = g_new (double, n);
  y_k = g_new (double, n);
  buffer = g_new (double, MAX (n, held_out.n) + 1);
  buffer2 = g_new (double, n + 1);
  scratch = g_new (double, k);
  leaf = g_new (gsize, n);
  order = g_new (gsize, n);
  raw_copy = g_new (double, n * k);
  if (loss == LOSS_MULTINOMIAL)
    p = g_new (double, n * k);
  if (do_oob)
    mask = g_new (guint8, n);
  _mp_random_init_from_state (&rng, params->tree.random_state);

  for (gsize stage = 0; stage < n_estimators; stage++)
    {
      double old_oob_score = 0;

      /* the stages' storage grows as they are fitted: n_estimators is
       * unbounded, and early stopping may fit far fewer */
      if (stage == capacity)
        {
          capacity = MIN (MAX (16, 2 * capacity), n_estimators);
          trees = g_renew (MpTreeGrown, trees, capacity * k);
          memset (trees + stage * k, 0, (capacity - stage) * k * sizeof (MpTreeGrown));
          train_score = g_renew (double, train_score, capacity);
          if (do_oob)
            oob_improvement = g_renew (double, oob_improvement, capacity);
        }

      if (do_oob)
        {
          /* _random_sample_mask: selection sampling of n_inbag samples */
          gsize n_bagged = 0;

          for (gsize i = 0; i < n; i++)
            {
              double u = _mp_random_sample (&rng);

              mask[i] = u * (double) (n - i) < (double) (n_inbag - n_bagged);
              n_bagged += mask[i];
              weight[i] = mask[i] ? 1.0 : 0.0;
            }
          old_oob_score = loss_of (loss, alpha, gamma, &train, mask, FALSE, buffer, scratch);
        }

      /* the gradients at the previous stage's predictions */
      memcpy (raw_copy, train.raw, n * k * sizeof (double));
      if (loss == LOSS_MULTINOMIAL)
        for (gsize i = 0; i < n; i++)
          {
            double lse = logsumexp (raw_copy + i * k, k, scratch);

            for (gsize c = 0; c < k; c++)
              p[i * k + c] = nan_to_num (exp (raw_copy[i * k + c] - lse));
          }

      for (gsize c = 0; c < k; c++)
        {
          MpTreeGrown *tree = &trees[stage * k + c];
          const double *target = train.y;

          for (gsize i = 0; i < n; i++)
            switch (loss)
              {
              case LOSS_SQUARED_ERROR:
                residual[i] = train.y[i] - raw_copy[i];
                break;
              case LOSS_ABSOLUTE_ERROR:
                /* 2 * (y - raw > 0) - 1 */
                residual[i] = train.y[i] - raw_copy[i] > 0 ? 1.0 : -1.0;
                break;
              case LOSS_HUBER:
                /* set below, once gamma is known */
                residual[i] = train.y[i] - raw_copy[i];
                break;
              case LOSS_QUANTILE:
                /* alpha * mask - (1 - alpha) * ~mask */
                residual[i] = train.y[i] > raw_copy[i] ? alpha * 1.0 - (1 - alpha) * 0.0
                                                       : alpha * 0.0 - (1 - alpha) * 1.0;
                break;
              case LOSS_BINOMIAL:
                residual[i] = train.y[i] - expit (raw_copy[i]);
                break;
              case LOSS_MULTINOMIAL:
                y_k[i] = train.y[i] == (double) c ? 1.0 : 0.0;
                residual[i] = y_k[i] - p[i * k + c];
                target = y_k;
                break;
              }

          if (loss == LOSS_HUBER)
            {
              /* HuberLossFunction.negative_gradient: gamma is the alpha
               * percentile of |y - raw| over every training sample (the
               * unmasked weights), the residual y - raw clipped to it */
              for (gsize i = 0; i < n; i++)
                buffer2[i] = fabs (residual[i]);
              gamma = lower_percentile (buffer2, n, alpha * 100);
              for (gsize i = 0; i < n; i++)
                if (!(fabs (residual[i]) <= gamma))
                  residual[i] = gamma * (residual[i] > 0 ? 1.0 : residual[i] < 0 ? -1.0 : 0.0);
            }

          growth.seed = (guint32) _mp_random_interval (&rng, SPLITTER_SEED_MAX);
          data.y = residual;
          _mp_tree_grow (&data, weight, &growth, tree);

          if (loss == LOSS_SQUARED_ERROR)
            add_tree (tree, &train, n_features, c, params->learning_rate, NULL);
          else
            {
              MpTreeView view = {
                .n_nodes = tree->n_nodes, .children_left = tree->children_left,
                .children_right = tree->children_right, .feature = tree->feature,
                .threshold = tree->threshold, .value = tree->value, .n_values = 1,
              };

              for (gsize i = 0; i < n; i++)
                leaf[i] = _mp_tree_find_leaf (&view, train.x + i * n_features);
              update_leaves (loss, alpha, gamma, tree, leaf, mask, target, residual, raw_copy, n, k, buffer, buffer2, order);
              for (gsize i = 0; i < n; i++)
                train.raw[i * k + c] += params->learning_rate * tree->value[leaf[i]];
            }
        }
      n_stages = stage + 1;

      if (do_oob)
        {
          train_score[stage] = loss_of (loss, alpha, gamma, &train, mask, TRUE, buffer, scratch);
          oob_improvement[stage] = old_oob_score - loss_of (loss, alpha, gamma, &train, mask, FALSE, buffer, scratch);
        }
      else
        train_score[stage] = loss_of (loss, alpha, gamma, &train, NULL, TRUE, buffer, scratch);

      if (early_stopping)
        {
          gboolean improved = FALSE;
          double validation_loss;

          for (gsize c = 0; c < k; c++)
            add_tree (&trees[stage * k + c], &held_out, n_features, c, params->learning_rate, NULL);
          validation_loss = loss_of (loss, alpha, gamma, &held_out, NULL, TRUE, buffer, scratch);
          /* np.any(validation_loss + tol < loss_history) */
          improved = (guint64) params->n_iter_no_change > n_history &&
                     validation_loss + params->tol < INFINITY;
          for (gsize h = 0; h < n_history; h++)
            improved |= validation_loss + params->tol < history[h];
          if (!improved)
            break;
          history[(guint64) stage % (guint64) params->n_iter_no_change] = validation_loss;
        }
    }

  store_state (estimator, trees, n_stages, k, max_features, train_score, oob_improvement);
  *init = g_steal_pointer (&init_fitted);
  ok = TRUE;

out:
  if (trees != NULL)
    for (gsize t = 0; t < capacity * k; t++)
      _mp_tree_grown_clear (&trees[t]);
  g_free (trees);
  samples_clear (&train);
  samples_clear (&held_out);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Predict and validate                                                */
/* ------------------------------------------------------------------ */

/* A node as prediction reads it: the test and both children in one cache
 * line (the node arrays put each in its own array). */
typedef struct {
  gint32  child[2];   /* left, right */
  gint32  feature;
  double  threshold;
} PackedNode;

/* Rows are predicted in blocks: each block goes through every tree (one
 * tree's nodes stay in cache for the block's rows, whose walks are
 * independent and overlap), and the block's rows stay in cache for every
 * tree. */
#define PREDICT_BLOCK 64

static void
predict_block (const PackedNode  *nodes,
               const double      *values,
               const gsize       *firsts,
               gsize              n_trees,
               gsize              k,
               double             learning_rate,
               const double      *rows,
               gsize              n_rows,
               gsize              n_features,
               double            *raw)
{
  for (gsize t = 0; t < n_trees; t++)
    {
      const PackedNode *tree = nodes + firsts[t];
      const double *value = values + firsts[t];
      gsize c = t % k;

      for (gsize i = 0; i < n_rows; i++)
        {
          const double *row = rows + i * n_features;
          gsize node = 0;

          /* the child taken by index, not by a branch: which side a
           * sample goes is as good as random, a branch would be
           * mispredicted half of the time */
          while (tree[node].child[0] != MP_TREE_LEAF)
            {
              float x = (float) row[tree[node].feature];

              node = (gsize) tree[node].child[!((double) x <= tree[node].threshold)];
            }
          raw[i * k + c] += learning_rate * value[node];
        }
    }
}

double *
_mp_boosting_raw_predict (const MpBoostingState *state,
                          double                 learning_rate,
                          gsize                  k,
                          const double          *init_raw,
                          MpArray               *x)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  const gint64 *counts = mp_array_get_int64_data (state->tree_node_counts);
  gsize n_trees = mp_array_get_n_elements (state->tree_node_counts);
  gsize n_nodes = mp_array_get_n_elements (state->trees.children_left);
  const gint32 *left = mp_array_get_int32_data (state->trees.children_left);
  const gint32 *right = mp_array_get_int32_data (state->trees.children_right);
  const gint32 *feature = mp_array_get_int32_data (state->trees.feature);
  const double *threshold = mp_array_get_float64_data (state->trees.threshold);
  const double *values = mp_array_get_float64_data (state->trees.value);
  g_autofree PackedNode *nodes = g_new (PackedNode, MAX (n_nodes, 1));
  g_autofree gsize *firsts = g_new (gsize, MAX (n_trees, 1));
  double *raw = g_new (double, MAX (n_samples * k, 1));

  /* validate checked the trees: children inside their tree, features
   * inside the row */
  for (gsize t = 0, first = 0; t < n_trees; t++)
    {
      firsts[t] = first;
      first += (gsize) counts[t];
    }
  for (gsize node = 0; node < n_nodes; node++)
    {
      nodes[node].child[0] = left[node];
      nodes[node].child[1] = right[node];
      nodes[node].feature = feature[node];
      nodes[node].threshold = threshold[node];
    }
  for (gsize i = 0; i < n_samples; i++)
    memcpy (raw + i * k, init_raw, k * sizeof (double));
  for (gsize start = 0; start < n_samples; start += PREDICT_BLOCK)
    predict_block (nodes, values, firsts, n_trees, k, learning_rate, data + start * n_features,
                   MIN (PREDICT_BLOCK, n_samples - start), n_features, raw + start * k);
  return raw;
}

gboolean
_mp_boosting_check (const MpBoostingState  *state,
                    gsize                   k,
                    gint64                  n_features,
                    GError                **error)
{
  gsize n_trees = mp_array_get_n_elements (state->tree_node_counts);

  if (n_trees != (gsize) state->n_estimators_fitted * k)
    return _mp_invalid_state (error, "tree_node_counts_: %" G_GSIZE_FORMAT " trees, but %" G_GINT64_FORMAT
                              " stages of %" G_GSIZE_FORMAT " trees make %" G_GSIZE_FORMAT,
                              n_trees, state->n_estimators_fitted, k, (gsize) state->n_estimators_fitted * k);
  if (state->max_features_fitted > n_features)
    return _mp_invalid_state (error, "max_features_: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " features",
                              state->max_features_fitted, n_features);
  return _mp_tree_arrays_check (&state->trees, mp_array_get_int64_data (state->tree_node_counts),
                                n_trees, n_features, MP_TREE_VALUES_ANY, NULL, error);
}

char *
_mp_boosting_format_param (const MpBoostingHyperparameters *params,
                           GParamSpec                      *pspec)
{
  return _mp_tree_format_param (&params->tree, pspec);
}
