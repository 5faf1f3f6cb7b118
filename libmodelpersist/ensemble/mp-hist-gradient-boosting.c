/* mp-hist-gradient-boosting.c: the boosting loop, validation and
 * prediction both histogram gradient boosting estimators share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-hist-gradient-boosting-private.h"
#include "mp-hist-private.h"
#include "mp-pairwise-sum-private.h"
#include "mp-random-private.h"
#include "mp-train-test-split.h"
#include "mp-tree-nodes-private.h"

const char * const _mp_hgb_scoring_words[] = { "loss", NULL };

gboolean
_mp_hgb_check_early_stopping (const GValue  *value,
                              GError       **error)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (text, "auto") == 0 || g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "false") == 0)
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT, "must be 'auto', 'true' or 'false', got '%s'", text);
  return FALSE;
}

gboolean
_mp_hgb_check_none (const GValue  *value,
                    GError       **error)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (text, "none") == 0)
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT, "must be a number in (0, 1) or 'none', got '%s'", text);
  return FALSE;
}

void
_mp_hgb_class_init (MpEstimatorClass *klass)
{
  mp_estimator_class_set_input_flags (klass, MP_INPUT_FLAG_MISSING);
}

char *
_mp_hgb_format_param (MpHgbCommon *c,
                      GParamSpec  *pspec)
{
  if ((strcmp (pspec->name, "max-leaf-nodes") == 0 && c->max_leaf_nodes == -1) ||
      (strcmp (pspec->name, "max-depth") == 0 && c->max_depth == -1) ||
      (strcmp (pspec->name, "random-state") == 0 && c->random_state == -1))
    return g_strdup ("None");
  /* a number unquoted, as scikit-learn shows it */
  if (strcmp (pspec->name, "validation-fraction") == 0 && c->validation_fraction != NULL)
    {
      char *end = NULL;

      g_ascii_strtod (c->validation_fraction, &end);
      if (end != c->validation_fraction && *end == '\0')
        return g_strdup (c->validation_fraction);
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Hyperparameter checks                                               */
/* ------------------------------------------------------------------ */

/* "[0, 2]" (indices) or "[False, True]" (a mask): @is_categorical gets
 * one flag per feature when @n_features is known (> 0). */
static gboolean
parse_categorical_features (const char  *text,
                            gsize        n_features,
                            guint8      *is_categorical,
                            GError     **error)
{
  g_autofree char *inner = NULL;
  g_auto(GStrv) items = NULL;
  gsize n_items = 0, length = strlen (text);
  int kind = 0;   /* 1: indices, 2: mask */

  if (length < 2 || text[0] != '[' || text[length - 1] != ']')
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "must be a list such as [0, 3] or [False, True], got '%s'", text);
      return FALSE;
    }
  inner = g_strndup (text + 1, length - 2);
  g_strstrip (inner);
  if (*inner != '\0')
    items = g_strsplit (inner, ",", -1);
  n_items = items != NULL ? g_strv_length (items) : 0;
  for (gsize i = 0; i < n_items; i++)
    {
      char *item = g_strstrip (items[i]);
      int item_kind;
      char *end = NULL;
      gint64 index = 0;

      if (g_ascii_strcasecmp (item, "true") == 0 || g_ascii_strcasecmp (item, "false") == 0)
        item_kind = 2;
      else
        {
          index = g_ascii_strtoll (item, &end, 10);
          if (*item == '\0' || end == NULL || *end != '\0')
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "must hold feature indices or booleans (feature names are not supported), "
                           "got '%s'", item);
              return FALSE;
            }
          item_kind = 1;
        }
      if (kind != 0 && kind != item_kind)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "mixes indices and booleans: %s", text);
          return FALSE;
        }
      kind = item_kind;
      if (n_features == 0)
        {
          if (kind == 1 && index < 0)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "categorical_features set as integer indices must be in [0, n_features - 1], "
                           "got %" G_GINT64_FORMAT, index);
              return FALSE;
            }
          continue;
        }
      if (kind == 1)
        {
          if (index < 0 || (guint64) index >= n_features)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "categorical_features set as integer indices must be in [0, %" G_GSIZE_FORMAT
                           "], got %" G_GINT64_FORMAT, n_features - 1, index);
              return FALSE;
            }
          is_categorical[index] = 1;
        }
      else
        {
          if (i >= n_features)
            break;
          is_categorical[i] = g_ascii_strcasecmp (item, "true") == 0;
        }
    }
  if (n_features > 0 && kind == 2 && n_items != n_features)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "categorical_features set as a boolean mask must have shape (n_features,) = (%"
                   G_GSIZE_FORMAT ",), got (%" G_GSIZE_FORMAT ",)", n_features, n_items);
      return FALSE;
    }
  return TRUE;
}

gboolean
_mp_hgb_check_categorical_features (const GValue  *value,
                                    GError       **error)
{
  return parse_categorical_features (g_value_get_string (value), 0, NULL, error);
}

gboolean
_mp_hgb_refuse_constraints (const GValue  *value,
                            GError       **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be None: monotonic and interaction constraints are not implemented, got '%s'",
               g_value_get_string (value));
  return FALSE;
}

gboolean
_mp_hgb_refuse_scoring (const GValue  *value,
                        GError       **error)
{
  const char *text = g_value_get_string (value);

  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be 'loss': early stopping on a scorer is not implemented, got %s%s%s",
               text != NULL ? "'" : "", text != NULL ? text : "None", text != NULL ? "'" : "");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Losses                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
  MpHgbLoss     loss;
  gsize         n;
  gsize         k_per;
  const double *y;
  const double *weights; /* NULL: all 1 */
  const double *raw;     /* column-major, n x k_per */
  float        *gradients;
  float        *hessians;
} GradientJob;

static void
gradients_part (guint    part,
                guint    n_parts,
                gpointer data)
{
  GradientJob *job = data;
  gsize first = job->n * part / n_parts, last = job->n * (part + 1) / n_parts;
  gsize n = job->n, k_per = job->k_per;

  for (gsize i = first; i < last; i++)
    {
      double y = job->y[i];

      switch (job->loss)
        {
        case MP_HGB_LOSS_SQUARED_ERROR:
          if (job->weights != NULL)
            {
              job->gradients[i] = (float) (job->weights[i] * (job->raw[i] - y));
              job->hessians[i] = (float) job->weights[i];
            }
          else
            job->gradients[i] = (float) (job->raw[i] - y);
          break;
        case MP_HGB_LOSS_BINOMIAL:
          {
            double e = exp (-job->raw[i]);
            double gradient = ((1 - y) - y * e) / (1 + e), hessian = e / ((1 + e) * (1 + e));

            if (job->weights != NULL)
              {
                gradient = job->weights[i] * gradient;
                hessian = job->weights[i] * hessian;
              }
            job->gradients[i] = (float) gradient;
            job->hessians[i] = (float) hessian;
          }
          break;
        case MP_HGB_LOSS_ABSOLUTE_ERROR:
          {
            double gradient = job->raw[i] > y ? 1. : -1.;

            if (job->weights != NULL)
              {
                job->gradients[i] = (float) (job->weights[i] * gradient);
                job->hessians[i] = (float) job->weights[i];
              }
            else
              job->gradients[i] = (float) gradient;
          }
          break;
        case MP_HGB_LOSS_POISSON:
          {
            double hessian = exp (job->raw[i]), gradient = hessian - y;

            if (job->weights != NULL)
              {
                gradient = job->weights[i] * gradient;
                hessian = job->weights[i] * hessian;
              }
            job->gradients[i] = (float) gradient;
            job->hessians[i] = (float) hessian;
          }
          break;
        case MP_HGB_LOSS_MULTINOMIAL:
          {
            double max_value = job->raw[i], sum_exps = 0;
            double p[256];

            for (gsize k = 1; k < k_per; k++)
              if (max_value < job->raw[k * n + i])
                max_value = job->raw[k * n + i];
            for (gsize k = 0; k < k_per; k++)
              {
                p[k] = exp (job->raw[k * n + i] - max_value);
                sum_exps += p[k];
              }
            for (gsize k = 0; k < k_per; k++)
              {
                double gradient, hessian;

                p[k] /= sum_exps;
                gradient = p[k] - (y == (double) k ? 1.0 : 0.0);
                hessian = p[k] * (1. - p[k]);
                if (job->weights != NULL)
                  {
                    gradient = job->weights[i] * gradient;
                    hessian = job->weights[i] * hessian;
                  }
                job->gradients[k * n + i] = (float) gradient;
                job->hessians[k * n + i] = (float) hessian;
              }
          }
          break;
        }
    }
}

/* numpy's average(values, weights=weights): the products summed, over the
 * weights summed; the mean without weights. */
static double
average (const double *values,
         const double *weights,
         gsize         n)
{
  g_autofree double *products = NULL;

  if (weights == NULL)
    return _mp_pairwise_sum (values, n) / (double) n;
  products = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    products[i] = values[i] * weights[i];
  return _mp_pairwise_sum (products, n) / _mp_pairwise_sum (weights, n);
}

/* log(1 + exp(x)) as scikit-learn 1.2's _loss computes it. */
static inline double
log1pexp (double x)
{
  if (x <= -37)
    return exp (x);
  if (x <= -2)
    return log1p (exp (x));
  if (x <= 18)
    return log (1. + exp (x));
  if (x <= 33.3)
    return x + exp (-x);
  return x;
}

/* The mean loss of @raw (column-major, n x k_per), as BaseLoss.__call__. */
static double
mean_loss (MpHgbLoss     loss,
           const double *y,
           const double *weights,
           const double *raw,
           gsize         n,
           gsize         k_per)
{
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      double r = raw[i], t = y[i];

      switch (loss)
        {
        case MP_HGB_LOSS_SQUARED_ERROR:
          values[i] = 0.5 * (r - t) * (r - t);
          break;
        case MP_HGB_LOSS_BINOMIAL:
          values[i] = log1pexp (r) - t * r;
          break;
        case MP_HGB_LOSS_POISSON:
          values[i] = exp (r) - t * r;
          break;
        case MP_HGB_LOSS_ABSOLUTE_ERROR:
          values[i] = fabs (t - r);
          break;
        case MP_HGB_LOSS_MULTINOMIAL:
          {
            double max_value = raw[i], sum_exps = 0;

            for (gsize k = 1; k < k_per; k++)
              if (max_value < raw[k * n + i])
                max_value = raw[k * n + i];
            for (gsize k = 0; k < k_per; k++)
              sum_exps += exp (raw[k * n + i] - max_value);
            values[i] = log (sum_exps) + max_value;
            for (gsize k = 0; k < k_per; k++)
              if (t == (double) k)
                values[i] -= raw[k * n + i];
          }
          break;
        }
    }
  return average (values, weights, n);
}

/* fit_intercept_only of the loss. */
static void
baseline_prediction (MpHgbLoss     loss,
                     const double *y,
                     const double *weights,
                     gsize         n,
                     gsize         k_per,
                     double       *out)
{
  if (loss == MP_HGB_LOSS_SQUARED_ERROR)
    out[0] = average (y, weights, n);
  else if (loss == MP_HGB_LOSS_ABSOLUTE_ERROR)
    {
      g_autofree double *sorted = g_memdup2 (y, MAX (n, 1) * sizeof (double));

      out[0] = _mp_hgb_median (sorted, n);
    }
  else if (loss == MP_HGB_LOSS_POISSON)
    {
      /* the log link's y_pred is in (0, inf): clipped below at 10 eps */
      double mean = average (y, weights, n);

      out[0] = log (MAX (mean, 10 * DBL_EPSILON));
    }
  else if (loss == MP_HGB_LOSS_BINOMIAL)
    {
      double eps = 10 * DBL_EPSILON;
      double p = average (y, weights, n);

      p = CLAMP (p, eps, 1 - eps);
      out[0] = log (p / (1 - p));
    }
  else
    {
      g_autofree double *logs = g_new (double, k_per);
      double gm;

      g_autofree double *is_k = g_new (double, MAX (n, 1));

      for (gsize k = 0; k < k_per; k++)
        {
          for (gsize i = 0; i < n; i++)
            is_k[i] = y[i] == (double) k ? 1.0 : 0.0;
          out[k] = average (is_k, weights, n);
          out[k] = CLAMP (out[k], DBL_EPSILON, 1 - DBL_EPSILON);
          logs[k] = log (out[k]);
        }
      gm = exp (_mp_pairwise_sum (logs, k_per) / (double) k_per);
      for (gsize k = 0; k < k_per; k++)
        out[k] = log (out[k] / gm);
    }
}

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

static MpArray *
array_from (GArray  *values,
            MpDType  dtype,
            gsize    n_columns)
{
  gsize shape[2] = { values->len / MAX (n_columns, 1), n_columns };
  gsize item = g_array_get_element_size (values);
  gpointer data = g_malloc0 (MAX (values->len * item, 1));

  /* an empty GArray may have no data at all */
  if (values->len > 0)
    memcpy (data, values->data, values->len * item);
  return mp_array_new_take (dtype, shape, n_columns > 0 ? 2 : 1, data);
}

static MpArray *
doubles_array (const double *values,
               gsize         n)
{
  double *copy = g_new0 (double, MAX (n, 1));

  if (n > 0)
    memcpy (copy, values, n * sizeof (double));
  return mp_array_new_take (MP_DTYPE_FLOAT64, &n, 1, copy);
}

/* A binned tree's walk (predict_binned), for the validation set. */
static double
binned_tree_value (const MpHgbTrees *trees,
                   gsize             first_node,
                   gsize             first_bitset,
                   const guint8     *binned,
                   gsize             feature_stride,
                   guint8            missing_bin)
{
  gsize node = first_node;
  const gint32 *left = (const gint32 *) (gconstpointer) trees->left->data;
  const gint32 *right = (const gint32 *) (gconstpointer) trees->right->data;

  while (left[node] >= 0)
    {
      guint8 bin = binned[(gsize) g_array_index (trees->feature, gint32, node) * feature_stride];
      gboolean goes_left;

      if (bin == missing_bin)
        goes_left = g_array_index (trees->missing_go_to_left, guint8, node) != 0;
      else if (g_array_index (trees->is_categorical, guint8, node))
        goes_left = _mp_hgb_in_bitset ((const guint32 *) (gconstpointer) trees->binned_bitsets->data +
                                       (first_bitset + (gsize) g_array_index (trees->bitset_idx, gint32, node)) *
                                       MP_HGB_BITSET_WORDS, bin);
      else
        goes_left = bin <= g_array_index (trees->bin_threshold, guint8, node);
      node = first_node + (gsize) (goes_left ? left[node] : right[node]);
    }
  return g_array_index (trees->value, double, node);
}

/* scikit-learn's _should_stop: no score among the last n_iter_no_change
 * beats the one before them by more than tol. */
static gboolean
should_stop (GArray *scores,
             int     n_iter_no_change,
             double  tol)
{
  gsize reference_position = (gsize) n_iter_no_change + 1;
  double reference;

  if (scores->len < reference_position)
    return FALSE;
  reference = g_array_index (scores, double, scores->len - reference_position) + tol;
  for (gsize i = scores->len - reference_position + 1; i < scores->len; i++)
    if (g_array_index (scores, double, i) > reference)
      return FALSE;
  return TRUE;
}

static gboolean
known_categories (MpArray       *x,
                  gsize          feature,
                  int            max_bins,
                  GArray        *out,
                  GError       **error)
{
  const double *data = mp_array_get_float64_data (x);
  gsize n = mp_array_get_dim (x, 0), p = mp_array_get_dim (x, 1);
  gboolean seen[256] = { FALSE, };

  for (gsize i = 0; i < n; i++)
    {
      double v = data[i * p + feature];

      if (isnan (v))
        continue;
      if (v >= max_bins)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "X: Categorical feature at index %" G_GSIZE_FORMAT " is expected to be encoded with "
                       "values < %d", feature, max_bins);
          return FALSE;
        }
      if (v < 0 || v != floor (v))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "X: Categorical feature at index %" G_GSIZE_FORMAT " is expected to be encoded with "
                       "non-negative integers, got %g", feature, v);
          return FALSE;
        }
      seen[(int) v] = TRUE;
    }
  for (int c = 0; c < 256; c++)
    if (seen[c])
      {
        double v = c;

        g_array_append_val (out, v);
      }
  return TRUE;
}

/* Appends @array's elements to @values. */
static void
append_array (GArray  *values,
              MpArray *array)
{
  if (array != NULL)
    g_array_append_vals (values, mp_array_get_data (array, NULL), mp_array_get_n_elements (array));
}

/* The trees of a previous fit, to continue it (warm_start). */
static void
trees_from_state (MpHgbTrees  *trees,
                  MpHgbCommon *c)
{
  append_array (trees->value, c->node_value);
  append_array (trees->count, c->node_count);
  append_array (trees->feature, c->node_feature);
  append_array (trees->threshold, c->node_threshold);
  append_array (trees->missing_go_to_left, c->node_missing_go_to_left);
  append_array (trees->left, c->node_left);
  append_array (trees->right, c->node_right);
  append_array (trees->gain, c->node_gain);
  append_array (trees->is_categorical, c->node_is_categorical);
  append_array (trees->bitset_idx, c->node_bitset_idx);
  append_array (trees->bin_threshold, c->node_bin_threshold);
  append_array (trees->raw_bitsets, c->raw_left_cat_bitsets);
  append_array (trees->binned_bitsets, c->binned_left_cat_bitsets);
  append_array (trees->tree_node_counts, c->tree_node_counts);
  append_array (trees->tree_bitset_counts, c->tree_bitset_counts);
}

/* The bin mapper's work, shared between the fit's threads by feature. */
typedef struct {
  const double     *x;            /* n x p, row-major */
  gsize             n;
  gsize             p;
  const gint64     *subset;       /* the rows thresholds are computed on, or NULL */
  gsize             n_rows;
  const guint8     *is_categorical;
  GPtrArray        *categories;   /* GArray of double per feature */
  double           *slots;        /* 256 thresholds per feature */
  gint32           *counts;
  guint32          *n_bins_non_missing;
  guint             max_bins;
  const double    **feature_thresholds;
  guint8           *binned;       /* column-major */
  guint8            missing_bin;
  guint8           *has_missing;
} BinJob;

static void
thresholds_part (guint    part,
                 guint    n_parts,
                 gpointer data)
{
  BinJob *job = data;
  gsize first = job->p * part / n_parts, last = job->p * (part + 1) / n_parts;
  g_autofree double *column = g_new (double, MAX (job->n_rows, 1));

  for (gsize f = first; f < last; f++)
    {
      double *out = job->slots + f * 256;
      guint count;

      if (job->is_categorical[f])
        {
          GArray *known = g_ptr_array_index (job->categories, f);

          count = known->len;
          if (count > 0)
            memcpy (out, known->data, count * sizeof (double));
          job->n_bins_non_missing[f] = count;
        }
      else
        {
          for (gsize i = 0; i < job->n_rows; i++)
            column[i] = job->x[(job->subset != NULL ? (gsize) job->subset[i] : i) * job->p + f];
          count = _mp_hgb_find_thresholds (column, job->n_rows, job->max_bins, out);
          job->n_bins_non_missing[f] = count + 1;
        }
      job->counts[f] = (gint32) count;
    }
}

static void
bin_part (guint    part,
          guint    n_parts,
          gpointer data)
{
  BinJob *job = data;
  gsize first = job->p * part / n_parts, last = job->p * (part + 1) / n_parts;

  for (gsize f = first; f < last; f++)
    for (gsize i = 0; i < job->n; i++)
      {
        guint8 bin = _mp_hgb_bin_value (job->x[i * job->p + f], job->feature_thresholds[f],
                                        (guint) job->counts[f], job->missing_bin);

        job->binned[f * job->n + i] = bin;
        if (bin == job->missing_bin)
          job->has_missing[f] = 1;
      }
}

gboolean
_mp_hgb_fit (MpEstimator   *estimator,
             MpHgbCommon   *c,
             MpHgbLoss      loss,
             gsize          k_per,
             MpArray       *x,
             const double  *y,
             const double  *sample_weight,
             MpArray       *stratify,
             GError       **error)
{
  gsize n_all = mp_array_get_dim (x, 0), p = mp_array_get_dim (x, 1);
  const double *x_all = mp_array_get_float64_data (x);
  guint n_bins = (guint) c->max_bins + 1;
  guint8 missing_bin = (guint8) c->max_bins;
  g_autofree guint8 *is_categorical = g_new0 (guint8, MAX (p, 1));
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(MpArray) train_indices = NULL, val_indices = NULL;
  g_autofree double *x_train = NULL, *y_train = NULL, *x_val = NULL, *y_val = NULL;
  g_autofree double *w_train = NULL, *w_val = NULL;
  g_autofree guint8 *binned = NULL, *binned_val = NULL;
  g_autofree double *thresholds = NULL, *raw = NULL, *raw_val = NULL, *baseline = NULL;
  g_autofree gint32 *threshold_counts = g_new0 (gint32, MAX (p, 1));
  g_autofree guint32 *n_bins_non_missing = g_new0 (guint32, MAX (p, 1));
  g_autofree guint8 *has_missing = g_new0 (guint8, MAX (p, 1));
  g_autofree const double **feature_thresholds = g_new0 (const double *, MAX (p, 1));
  g_autofree float *gradients = NULL, *hessians = NULL;
  g_autoptr(GArray) train_scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) val_scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MpHgbPool) pool = NULL;
  MpHgbGrowerParams params = { 0, };
  MpHgbTrees trees;
  gsize n_train, n_val = 0, n_thresholds = 0;
  gboolean do_early_stopping, use_validation;
  guint32 seed;
  int n_iter = 0;
  /* warm_start continues a fit: the same seed (so the same split), the
   * previous trees, baseline and scores */
  gboolean resume = c->warm_start && c->tree_node_counts != NULL && c->n_iter > 0;

  /* (fit has already marked the estimator unfitted: the previous state is
   * checked here, as predict would check it) */
  if (resume && !MP_ESTIMATOR_GET_CLASS (estimator)->validate (estimator, error))
    {
      g_prefix_error (error, "warm_start: the fit to continue is not valid: ");
      return FALSE;
    }

  if (resume && c->max_iter < c->n_iter)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "max_iter: max_iter=%d must be larger than or equal to n_iter_=%d when warm_start==True",
                   c->max_iter, c->n_iter);
      return FALSE;
    }
  if (resume && (mp_estimator_get_n_features_in (estimator) != p || (gsize) c->n_trees_per_iteration != k_per))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: warm_start continues a fit of %u features and %d trees per iteration; got %" G_GSIZE_FORMAT
                   " features and %" G_GSIZE_FORMAT " trees per iteration",
                   mp_estimator_get_n_features_in (estimator), c->n_trees_per_iteration, p, k_per);
      return FALSE;
    }
  if (n_all > G_MAXINT32 / 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples is more than supported", n_all);
      return FALSE;
    }

  /* categorical features and their known categories, from all of X */
  if (c->categorical_features != NULL &&
      !parse_categorical_features (c->categorical_features, p, is_categorical, error))
    {
      g_prefix_error (error, "categorical_features: ");
      return FALSE;
    }
  for (gsize f = 0; f < p; f++)
    {
      GArray *known = g_array_new (FALSE, FALSE, sizeof (double));

      g_ptr_array_add (categories, known);
      if (is_categorical[f] && !known_categories (x, f, c->max_bins, known, error))
        return FALSE;
    }

  if (resume)
    seed = (guint32) c->random_seed;
  else
    {
      MpRandom rng;

      _mp_random_init_from_state (&rng, c->random_state);
      seed = (guint32) _mp_random_interval (&rng, G_MAXUINT32 - 1);
    }

  if (g_strcmp0 (c->early_stopping, "auto") == 0)
    do_early_stopping = n_all > 10000;
  else
    do_early_stopping = g_strcmp0 (c->early_stopping, "true") == 0;
  use_validation = g_strcmp0 (c->validation_fraction, "none") != 0;

  if (do_early_stopping && use_validation)
    {
      double fraction = g_ascii_strtod (c->validation_fraction, NULL);
      const gint64 *train_rows, *val_rows;

      if (!mp_train_test_split_indices (n_all, fraction, seed, stratify, &train_indices, &val_indices, error))
        {
          g_prefix_error (error, "validation_fraction: ");
          return FALSE;
        }
      n_train = mp_array_get_n_elements (train_indices);
      n_val = mp_array_get_n_elements (val_indices);
      train_rows = mp_array_get_int64_data (train_indices);
      val_rows = mp_array_get_int64_data (val_indices);
      x_train = g_new (double, n_train * p);
      y_train = g_new (double, n_train);
      x_val = g_new (double, MAX (n_val * p, 1));
      y_val = g_new (double, MAX (n_val, 1));
      if (sample_weight != NULL)
        {
          w_train = g_new (double, n_train);
          w_val = g_new (double, MAX (n_val, 1));
        }
      for (gsize i = 0; i < n_train; i++)
        {
          memcpy (x_train + i * p, x_all + (gsize) train_rows[i] * p, p * sizeof (double));
          y_train[i] = y[train_rows[i]];
          if (w_train != NULL)
            w_train[i] = sample_weight[train_rows[i]];
        }
      for (gsize i = 0; i < n_val; i++)
        {
          memcpy (x_val + i * p, x_all + (gsize) val_rows[i] * p, p * sizeof (double));
          y_val[i] = y[val_rows[i]];
          if (w_val != NULL)
            w_val[i] = sample_weight[val_rows[i]];
        }
    }
  else
    {
      n_train = n_all;
      x_train = g_memdup2 (x_all, n_all * p * sizeof (double));
      y_train = g_memdup2 (y, n_all * sizeof (double));
      if (sample_weight != NULL)
        w_train = g_memdup2 (sample_weight, n_all * sizeof (double));
    }

  pool = _mp_hgb_pool_new (_mp_hgb_n_threads ());

  /* the bin mapper: thresholds on (a subsample of) the training set */
  {
    g_autofree gint64 *subset = NULL;
    g_autofree double *slots = g_new (double, MAX (p, 1) * 256);
    BinJob job = { x_train, n_train, p, NULL, n_train, is_categorical, categories, slots,
                   threshold_counts, n_bins_non_missing, (guint) c->max_bins, NULL, NULL, missing_bin };

    if (n_train > MP_HGB_BINNING_SUBSAMPLE)
      {
        MpRandom rng;

        _mp_random_init (&rng, seed);
        subset = _mp_random_permutation (&rng, n_train);
        job.subset = subset;
        job.n_rows = MP_HGB_BINNING_SUBSAMPLE;
      }
    _mp_hgb_pool_run (pool, thresholds_part, &job);

    thresholds = g_new (double, MAX (p * 256, 1));
    for (gsize f = 0; f < p; f++)
      {
        memcpy (thresholds + n_thresholds, slots + f * 256, (gsize) threshold_counts[f] * sizeof (double));
        feature_thresholds[f] = thresholds + n_thresholds;
        n_thresholds += (gsize) threshold_counts[f];
      }

    binned = g_new (guint8, MAX (n_train * p, 1));
    job.feature_thresholds = feature_thresholds;
    job.binned = binned;
    job.has_missing = has_missing;
    _mp_hgb_pool_run (pool, bin_part, &job);
  }
  if (n_val > 0)
    {
      binned_val = g_new (guint8, n_val * p);
      for (gsize i = 0; i < n_val; i++)
        for (gsize f = 0; f < p; f++)
          binned_val[i * p + f] = _mp_hgb_bin_value (x_val[i * p + f], feature_thresholds[f],
                                                     (guint) threshold_counts[f], missing_bin);
    }

  baseline = g_new (double, k_per);
  if (resume)
    memcpy (baseline, mp_array_get_float64_data (c->baseline_prediction), k_per * sizeof (double));
  else
    baseline_prediction (loss, y_train, w_train, n_train, k_per, baseline);
  raw = g_new (double, n_train * k_per);
  for (gsize k = 0; k < k_per; k++)
    for (gsize i = 0; i < n_train; i++)
      raw[k * n_train + i] = 0.0 + baseline[k];
  if (n_val > 0)
    {
      raw_val = g_new (double, n_val * k_per);
      for (gsize k = 0; k < k_per; k++)
        for (gsize i = 0; i < n_val; i++)
          raw_val[k * n_val + i] = 0.0 + baseline[k];
    }

  _mp_hgb_trees_init (&trees);
  if (resume)
    {
      gsize first_node = 0, first_bitset = 0;

      trees_from_state (&trees, c);
      append_array (train_scores, c->train_score);
      append_array (val_scores, c->validation_score);
      n_iter = c->n_iter;
      /* the previous trees' raw predictions, on the binned data as
       * scikit-learn's _raw_predict makes them during fit */
      for (guint t = 0; t < trees.tree_node_counts->len; t++)
        {
          gsize k = t % k_per;

          for (gsize i = 0; i < n_train; i++)
            raw[k * n_train + i] += binned_tree_value (&trees, first_node, first_bitset, binned + i, n_train,
                                                       missing_bin);
          for (gsize i = 0; i < n_val; i++)
            raw_val[k * n_val + i] += binned_tree_value (&trees, first_node, first_bitset, binned_val + i * p, 1,
                                                         missing_bin);
          first_node += (gsize) g_array_index (trees.tree_node_counts, gint32, t);
          first_bitset += (gsize) g_array_index (trees.tree_bitset_counts, gint32, t);
        }
    }

  params.binned = binned;
  params.n_samples = n_train;
  params.n_features = p;
  params.n_bins = n_bins;
  params.n_bins_non_missing = n_bins_non_missing;
  params.has_missing_values = has_missing;
  params.is_categorical = is_categorical;
  params.categories = feature_thresholds;
  params.thresholds = feature_thresholds;
  params.max_leaf_nodes = c->max_leaf_nodes;
  params.max_depth = c->max_depth;
  params.min_samples_leaf = (guint) c->min_samples_leaf;
  params.l2_regularization = c->l2_regularization;
  params.min_hessian_to_split = 1e-3;
  params.shrinkage = c->learning_rate;
  params.n_sum_threads = _mp_hgb_n_threads ();
  params.median_targets = loss == MP_HGB_LOSS_ABSOLUTE_ERROR ? y_train : NULL;

  gradients = g_new (float, n_train * k_per);
  /* the squared and absolute errors' hessians are constant (1) without
   * weights */
  if ((loss != MP_HGB_LOSS_SQUARED_ERROR && loss != MP_HGB_LOSS_ABSOLUTE_ERROR) || w_train != NULL)
    hessians = g_new (float, n_train * k_per);

  if (do_early_stopping && !resume)
    {
      double score = -mean_loss (loss, y_train, w_train, raw, n_train, k_per);

      g_array_append_val (train_scores, score);
      if (n_val > 0)
        {
          score = -mean_loss (loss, y_val, w_val, raw_val, n_val, k_per);
          g_array_append_val (val_scores, score);
        }
    }

  for (int iteration = n_iter; iteration < c->max_iter; iteration++)
    {
      GradientJob job = { loss, n_train, k_per, y_train, w_train, raw, gradients, hessians };
      gboolean stop = FALSE;

      _mp_hgb_pool_run (pool, gradients_part, &job);
      for (gsize k = 0; k < k_per; k++)
        {
          gsize first_node = trees.value->len, first_bitset = trees.raw_bitsets->len / MP_HGB_BITSET_WORDS;

          _mp_hgb_grow_tree (&params, pool, gradients + k * n_train,
                             hessians != NULL ? hessians + k * n_train : NULL, &trees, raw + k * n_train);
          if (n_val > 0)
            for (gsize i = 0; i < n_val; i++)
              raw_val[k * n_val + i] += binned_tree_value (&trees, first_node, first_bitset,
                                                           binned_val + i * p, 1, missing_bin);
        }
      n_iter++;
      if (c->verbose > 0)
        g_print ("[%d/%d] %u nodes\n", iteration + 1, c->max_iter, trees.value->len);
      if (do_early_stopping)
        {
          double score = -mean_loss (loss, y_train, w_train, raw, n_train, k_per);

          g_array_append_val (train_scores, score);
          if (n_val > 0)
            {
              score = -mean_loss (loss, y_val, w_val, raw_val, n_val, k_per);
              g_array_append_val (val_scores, score);
              stop = should_stop (val_scores, c->n_iter_no_change, c->tol);
            }
          else
            stop = should_stop (train_scores, c->n_iter_no_change, c->tol);
        }
      if (stop)
        break;
    }

  {
    g_autoptr(MpArray) baseline_array = doubles_array (baseline, k_per);
    g_autoptr(MpArray) is_categorical_array = mp_array_new_take (MP_DTYPE_UINT8, &p, 1, g_memdup2 (is_categorical, MAX (p, 1)));
    g_autoptr(MpArray) counts_array = mp_array_new_take (MP_DTYPE_INT32, &p, 1, g_memdup2 (threshold_counts, MAX (p, 1) * sizeof (gint32)));
    g_autoptr(MpArray) thresholds_array = doubles_array (thresholds, n_thresholds);
    g_autoptr(MpArray) node_counts = array_from (trees.tree_node_counts, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) bitset_counts = array_from (trees.tree_bitset_counts, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) value = array_from (trees.value, MP_DTYPE_FLOAT64, 0);
    g_autoptr(MpArray) count = array_from (trees.count, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) feature = array_from (trees.feature, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) threshold = array_from (trees.threshold, MP_DTYPE_FLOAT64, 0);
    g_autoptr(MpArray) missing = array_from (trees.missing_go_to_left, MP_DTYPE_UINT8, 0);
    g_autoptr(MpArray) left = array_from (trees.left, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) right = array_from (trees.right, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) gain = array_from (trees.gain, MP_DTYPE_FLOAT64, 0);
    g_autoptr(MpArray) node_is_categorical = array_from (trees.is_categorical, MP_DTYPE_UINT8, 0);
    g_autoptr(MpArray) bitset_idx = array_from (trees.bitset_idx, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) bin_threshold = array_from (trees.bin_threshold, MP_DTYPE_UINT8, 0);
    g_autoptr(MpArray) raw_bitsets = array_from (trees.raw_bitsets, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) binned_bitsets = array_from (trees.binned_bitsets, MP_DTYPE_INT32, 0);
    g_autoptr(MpArray) train_score = doubles_array ((const double *) (gconstpointer) train_scores->data, train_scores->len);
    g_autoptr(MpArray) validation_score = doubles_array ((const double *) (gconstpointer) val_scores->data, val_scores->len);

    g_object_set (estimator,
                  "n-trees-per-iteration", (int) k_per,
                  "n-iter", n_iter,
                  "do-early-stopping", do_early_stopping,
                  "random-seed", (gint64) seed,
                  "baseline-prediction", baseline_array,
                  "is-categorical", is_categorical_array,
                  "bin-threshold-counts", counts_array,
                  "bin-thresholds", thresholds_array,
                  "tree-node-counts", node_counts,
                  "tree-bitset-counts", bitset_counts,
                  "node-value", value,
                  "node-count", count,
                  "node-feature", feature,
                  "node-threshold", threshold,
                  "node-missing-go-to-left", missing,
                  "node-left", left,
                  "node-right", right,
                  "node-gain", gain,
                  "node-is-categorical", node_is_categorical,
                  "node-bitset-idx", bitset_idx,
                  "node-bin-threshold", bin_threshold,
                  "raw-left-cat-bitsets", raw_bitsets,
                  "binned-left-cat-bitsets", binned_bitsets,
                  "train-score", train_score,
                  "validation-score", validation_score,
                  NULL);
  }
  _mp_hgb_trees_clear (&trees);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Prediction                                                          */
/* ------------------------------------------------------------------ */

double *
_mp_hgb_raw_predict (MpEstimator *estimator,
                     MpHgbCommon *c,
                     MpArray     *x)
{
  gsize n = mp_array_get_dim (x, 0), p = mp_array_get_dim (x, 1);
  gsize k_per = (gsize) c->n_trees_per_iteration;
  const guint8 *is_categorical = mp_array_get_data (c->is_categorical, NULL);
  const gint32 *counts = mp_array_get_int32_data (c->bin_threshold_counts);
  const double *thresholds = mp_array_get_float64_data (c->bin_thresholds);
  g_autofree guint32 *known = g_new0 (guint32, MAX (p, 1) * MP_HGB_BITSET_WORDS);
  double *raw = g_new (double, MAX (n * k_per, 1));
  MpHgbForest forest = { 0, };
  gsize offset = 0;

  /* the known categories of each categorical feature (validate checked
   * they are integers in [0, 255]) */
  for (gsize f = 0; f < p; f++)
    {
      if (is_categorical[f])
        for (gint32 j = 0; j < counts[f]; j++)
          _mp_hgb_set_bitset (known + f * MP_HGB_BITSET_WORDS, (guint) thresholds[offset + (gsize) j]);
      offset += (gsize) counts[f];
    }

  forest.n_trees = mp_array_get_n_elements (c->tree_node_counts);
  forest.n_trees_per_iteration = k_per;
  forest.n_features = p;
  forest.tree_node_counts = mp_array_get_int32_data (c->tree_node_counts);
  forest.tree_bitset_counts = mp_array_get_int32_data (c->tree_bitset_counts);
  forest.value = mp_array_get_float64_data (c->node_value);
  forest.feature = mp_array_get_int32_data (c->node_feature);
  forest.threshold = mp_array_get_float64_data (c->node_threshold);
  forest.missing_go_to_left = mp_array_get_data (c->node_missing_go_to_left, NULL);
  forest.left = mp_array_get_int32_data (c->node_left);
  forest.right = mp_array_get_int32_data (c->node_right);
  forest.is_categorical = mp_array_get_data (c->node_is_categorical, NULL);
  forest.bitset_idx = mp_array_get_int32_data (c->node_bitset_idx);
  forest.raw_bitsets = (const guint32 *) mp_array_get_int32_data (c->raw_left_cat_bitsets);
  forest.baseline = mp_array_get_float64_data (c->baseline_prediction);
  forest.known_bitsets = known;

  _mp_hgb_predict_raw (&forest, mp_array_get_float64_data (x), n, raw);
  return raw;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

gboolean
_mp_hgb_validate (MpEstimator  *estimator,
                  MpHgbCommon  *c,
                  GError      **error)
{
  gsize n_features = mp_estimator_get_n_features_in (estimator);
  gsize n_trees = mp_array_get_n_elements (c->tree_node_counts);
  const gint32 *node_counts = mp_array_get_int32_data (c->tree_node_counts);
  const gint32 *bitset_counts = mp_array_get_int32_data (c->tree_bitset_counts);
  const gint32 *counts = mp_array_get_int32_data (c->bin_threshold_counts);
  const double *thresholds = mp_array_get_float64_data (c->bin_thresholds);
  const guint8 *feature_is_categorical = mp_array_get_data (c->is_categorical, NULL);
  const gint32 *left = mp_array_get_int32_data (c->node_left);
  const gint32 *right = mp_array_get_int32_data (c->node_right);
  const gint32 *feature = mp_array_get_int32_data (c->node_feature);
  const double *threshold = mp_array_get_float64_data (c->node_threshold);
  const gint32 *count = mp_array_get_int32_data (c->node_count);
  const guint8 *is_categorical = mp_array_get_data (c->node_is_categorical, NULL);
  const gint32 *bitset_idx = mp_array_get_int32_data (c->node_bitset_idx);
  gsize node_offset = 0, threshold_offset = 0;
  guint64 n_bitsets = 0;

  if ((guint64) n_trees != (guint64) c->n_iter * (guint64) c->n_trees_per_iteration)
    return _mp_invalid_state (error, "tree_node_counts_: %" G_GSIZE_FORMAT " trees; n_iter_ %d times "
                              "n_trees_per_iteration_ %d is %" G_GUINT64_FORMAT, n_trees, c->n_iter,
                              c->n_trees_per_iteration, (guint64) c->n_iter * (guint64) c->n_trees_per_iteration);

  for (gsize t = 0; t < n_trees; t++)
    n_bitsets += (guint64) bitset_counts[t];
  if (n_bitsets * MP_HGB_BITSET_WORDS != mp_array_get_n_elements (c->raw_left_cat_bitsets))
    return _mp_invalid_state (error, "tree_bitset_counts_: the trees have %" G_GUINT64_FORMAT " bitsets of 8 "
                              "words; raw_left_cat_bitsets_ holds %" G_GSIZE_FORMAT " words", n_bitsets,
                              mp_array_get_n_elements (c->raw_left_cat_bitsets));

  for (gsize f = 0; f < n_features; f++)
    {
      if (feature_is_categorical[f] > 1)
        return _mp_invalid_state (error, "is_categorical_: feature %" G_GSIZE_FORMAT " holds %u; "
                                  "a flag is 0 or 1", f, feature_is_categorical[f]);
      if (counts[f] > (feature_is_categorical[f] ? 256 : 254))
        return _mp_invalid_state (error, "bin_threshold_counts_: feature %" G_GSIZE_FORMAT " has %" G_GINT32_FORMAT
                                  " thresholds; at most %d", f, counts[f], feature_is_categorical[f] ? 256 : 254);
      for (gint32 j = 0; j < counts[f]; j++)
        {
          double t = thresholds[threshold_offset + (gsize) j];

          if (isnan (t) || (feature_is_categorical[f] && (t < 0 || t > 255 || t != floor (t))))
            return _mp_invalid_state (error, "bin_thresholds_: feature %" G_GSIZE_FORMAT "'s category %g is "
                                      "not an integer in [0, 255]", f, t);
        }
      threshold_offset += (gsize) counts[f];
    }

  for (gsize t = 0; t < n_trees; t++)
    {
      MpTreeView view = { 0, };
      g_autofree char *what = g_strdup_printf ("tree %" G_GSIZE_FORMAT ": ", t);
      gsize n_nodes = (gsize) node_counts[t];
      guint depth;

      view.n_nodes = n_nodes;
      view.children_left = left + node_offset;
      view.children_right = right + node_offset;
      if (!_mp_tree_check_topology (&view, what, &depth, error))
        return FALSE;
      for (gsize j = node_offset; j < node_offset + n_nodes; j++)
        {
          gsize local = j - node_offset;

          if (left[j] == MP_TREE_LEAF)
            continue;
          if (feature[j] < 0 || (gsize) feature[j] >= n_features)
            return _mp_invalid_state (error, "node_feature_: tree %" G_GSIZE_FORMAT " node %" G_GSIZE_FORMAT
                                      " tests feature %" G_GINT32_FORMAT "; the model has %" G_GSIZE_FORMAT
                                      " features", t, local, feature[j], n_features);
          if (isnan (threshold[j]))
            return _mp_invalid_state (error, "node_threshold_: tree %" G_GSIZE_FORMAT " node %" G_GSIZE_FORMAT
                                      " has a NaN threshold", t, local);
          if ((gint64) count[j] != (gint64) count[node_offset + (gsize) left[j]] +
                                   (gint64) count[node_offset + (gsize) right[j]])
            return _mp_invalid_state (error, "node_count_: tree %" G_GSIZE_FORMAT " node %" G_GSIZE_FORMAT
                                      " counts %" G_GINT32_FORMAT " samples, its children %" G_GINT32_FORMAT
                                      " and %" G_GINT32_FORMAT, t, local, count[j],
                                      count[node_offset + (gsize) left[j]], count[node_offset + (gsize) right[j]]);
          if (is_categorical[j] > 1)
            return _mp_invalid_state (error, "node_is_categorical_: tree %" G_GSIZE_FORMAT " node %" G_GSIZE_FORMAT
                                      " holds %u; a flag is 0 or 1", t, local, is_categorical[j]);
          if (is_categorical[j] && !feature_is_categorical[feature[j]])
            return _mp_invalid_state (error, "node_is_categorical_: tree %" G_GSIZE_FORMAT " node %" G_GSIZE_FORMAT
                                      " splits feature %" G_GINT32_FORMAT " by category; it is not categorical",
                                      t, local, feature[j]);
          if (is_categorical[j] && (bitset_idx[j] < 0 || bitset_idx[j] >= bitset_counts[t]))
            return _mp_invalid_state (error, "node_bitset_idx_: tree %" G_GSIZE_FORMAT " node %" G_GSIZE_FORMAT
                                      " names bitset %" G_GINT32_FORMAT "; the tree has %" G_GINT32_FORMAT,
                                      t, local, bitset_idx[j], bitset_counts[t]);
        }
      node_offset += n_nodes;
    }
  return TRUE;
}
