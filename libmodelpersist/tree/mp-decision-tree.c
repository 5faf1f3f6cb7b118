/* mp-decision-tree.c: what decision trees and forests do alike with their
 * hyperparameters and node arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-count-or-fraction-private.h"
#include "mp-declarations-private.h"
#include "mp-decision-tree-private.h"
#include "mp-error.h"
#include "mp-pairwise-sum-private.h"

/* A count-or-fraction member: an integer as it is, a fraction of @total
 * rounded up (min_samples_split, min_samples_leaf). The declarations
 * checked the text. */
static gsize
count_rounded_up (const char *text,
                  gsize       total)
{
  gboolean is_fraction;
  double value;

  if (!_mp_count_or_fraction_parse (text, &is_fraction, &value))
    g_return_val_if_reached (1);
  return is_fraction ? (gsize) ceil (value * (double) total) : (gsize) value;
}

gboolean
_mp_tree_resolve_growth (const MpTreeHyperparameters  *params,
                         gboolean                      is_classifier,
                         gsize                         n_samples,
                         gsize                         n_features,
                         double                        total_weight,
                         MpTreeGrowth                 *growth,
                         GError                      **error)
{
  const char *max_features = params->max_features;
  double max_features_count;

  memset (growth, 0, sizeof *growth);

  if (g_strcmp0 (params->criterion, "gini") == 0)
    growth->criterion = MP_TREE_CRITERION_GINI;
  else if (g_strcmp0 (params->criterion, "entropy") == 0 || g_strcmp0 (params->criterion, "log_loss") == 0)
    growth->criterion = MP_TREE_CRITERION_ENTROPY;
  else if (g_strcmp0 (params->criterion, "friedman_mse") == 0)
    growth->criterion = MP_TREE_CRITERION_FRIEDMAN_MSE;
  else
    growth->criterion = MP_TREE_CRITERION_SQUARED_ERROR;
  growth->random_splits = g_strcmp0 (params->splitter, "random") == 0;

  /* None is int32's maximum to scikit-learn; here the loader's limit */
  growth->max_depth = params->max_depth < 0 ? MP_TREE_DEPTH_LIMIT
                                            : (gsize) MIN (params->max_depth, MP_TREE_DEPTH_LIMIT);
  growth->min_samples_leaf = count_rounded_up (params->min_samples_leaf, n_samples);
  growth->min_samples_split = count_rounded_up (params->min_samples_split, n_samples);
  growth->min_samples_split = MAX (growth->min_samples_split, 2);
  growth->min_samples_split = MAX (growth->min_samples_split, 2 * growth->min_samples_leaf);
  growth->min_weight_leaf = params->min_weight_fraction_leaf * total_weight;
  growth->min_impurity_decrease = params->min_impurity_decrease;
  growth->max_leaf_nodes = params->max_leaf_nodes < 0 ? 0 : (gsize) params->max_leaf_nodes;
  growth->ccp_alpha = params->ccp_alpha;

  /* 'auto' is deprecated in 1.2: sqrt for a classifier, all for a
   * regressor */
  if (max_features == NULL || (g_strcmp0 (max_features, "auto") == 0 && !is_classifier))
    max_features_count = (double) n_features;
  else if (strcmp (max_features, "sqrt") == 0 || strcmp (max_features, "auto") == 0)
    max_features_count = MAX (1, floor (sqrt ((double) n_features)));
  else if (strcmp (max_features, "log2") == 0)
    max_features_count = MAX (1, floor (log2 ((double) n_features)));
  else
    {
      gboolean is_fraction;
      double value;

      if (!_mp_count_or_fraction_parse (max_features, &is_fraction, &value))
        g_return_val_if_reached (FALSE);
      max_features_count = is_fraction ? MAX (1, floor (value * (double) n_features)) : value;
    }
  if (max_features_count > (double) n_features)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "max_features: %s is more than the %" G_GSIZE_FORMAT " features of X",
                   max_features, n_features);
      return FALSE;
    }
  growth->max_features = (gsize) max_features_count;

  return TRUE;
}

float *
_mp_tree_x_columns (MpArray *x)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  float *columns = g_new (float, MAX (n_samples * n_features, 1));

  for (gsize i = 0; i < n_samples; i++)
    for (gsize f = 0; f < n_features; f++)
      columns[f * n_samples + i] = (float) data[i * n_features + f];
  return columns;
}

void
_mp_tree_arrays_store (MpEstimator        *estimator,
                       const MpTreeArrays *kept,
                       const MpTreeGrown  *trees,
                       gsize               n_trees,
                       gboolean            two_dimensional_value)
{
  g_autoptr(MpArray) left = NULL, right = NULL, feature = NULL, threshold = NULL;
  g_autoptr(MpArray) impurity = NULL, n_node_samples = NULL, weighted = NULL, value = NULL;
  gsize n_kept = kept != NULL ? mp_array_get_n_elements (kept->children_left) : 0;
  gsize n_nodes = n_kept, n_values = n_trees > 0 ? trees[0].n_values : 1;
  gsize value_shape[2];
  gint32 *l, *r, *f;
  double *t, *imp, *w, *v;
  gint64 *n;

  for (gsize k = 0; k < n_trees; k++)
    n_nodes += trees[k].n_nodes;

  l = g_new (gint32, MAX (n_nodes, 1));
  r = g_new (gint32, MAX (n_nodes, 1));
  f = g_new (gint32, MAX (n_nodes, 1));
  t = g_new (double, MAX (n_nodes, 1));
  imp = g_new (double, MAX (n_nodes, 1));
  n = g_new (gint64, MAX (n_nodes, 1));
  w = g_new (double, MAX (n_nodes, 1));
  v = g_new (double, MAX (n_nodes * n_values, 1));
  if (n_kept > 0)
    {
      memcpy (l, mp_array_get_int32_data (kept->children_left), n_kept * sizeof (gint32));
      memcpy (r, mp_array_get_int32_data (kept->children_right), n_kept * sizeof (gint32));
      memcpy (f, mp_array_get_int32_data (kept->feature), n_kept * sizeof (gint32));
      memcpy (t, mp_array_get_float64_data (kept->threshold), n_kept * sizeof (double));
      memcpy (imp, mp_array_get_float64_data (kept->impurity), n_kept * sizeof (double));
      memcpy (n, mp_array_get_int64_data (kept->n_node_samples), n_kept * sizeof (gint64));
      memcpy (w, mp_array_get_float64_data (kept->weighted_n_node_samples), n_kept * sizeof (double));
      memcpy (v, mp_array_get_float64_data (kept->value), n_kept * n_values * sizeof (double));
    }
  for (gsize k = 0, at = n_kept; k < n_trees; k++)
    {
      const MpTreeGrown *tree = &trees[k];
      gsize count = tree->n_nodes;

      memcpy (l + at, tree->children_left, count * sizeof (gint32));
      memcpy (r + at, tree->children_right, count * sizeof (gint32));
      memcpy (f + at, tree->feature, count * sizeof (gint32));
      memcpy (t + at, tree->threshold, count * sizeof (double));
      memcpy (imp + at, tree->impurity, count * sizeof (double));
      memcpy (n + at, tree->n_node_samples, count * sizeof (gint64));
      memcpy (w + at, tree->weighted_n_node_samples, count * sizeof (double));
      memcpy (v + at * n_values, tree->value, count * n_values * sizeof (double));
      at += count;
    }

  left = mp_array_new_take (MP_DTYPE_INT32, &n_nodes, 1, l);
  right = mp_array_new_take (MP_DTYPE_INT32, &n_nodes, 1, r);
  feature = mp_array_new_take (MP_DTYPE_INT32, &n_nodes, 1, f);
  threshold = mp_array_new_take (MP_DTYPE_FLOAT64, &n_nodes, 1, t);
  impurity = mp_array_new_take (MP_DTYPE_FLOAT64, &n_nodes, 1, imp);
  n_node_samples = mp_array_new_take (MP_DTYPE_INT64, &n_nodes, 1, n);
  weighted = mp_array_new_take (MP_DTYPE_FLOAT64, &n_nodes, 1, w);
  value_shape[0] = n_nodes;
  value_shape[1] = n_values;
  value = mp_array_new_take (MP_DTYPE_FLOAT64, value_shape, two_dimensional_value ? 2 : 1, v);

  g_object_set (estimator,
                "children-left", left,
                "children-right", right,
                "feature", feature,
                "threshold", threshold,
                "impurity", impurity,
                "n-node-samples", n_node_samples,
                "weighted-n-node-samples", weighted,
                "value", value,
                NULL);
}

void
_mp_tree_arrays_view (const MpTreeArrays *arrays,
                      gsize               first,
                      gsize               n_nodes,
                      MpTreeView         *view)
{
  MpArray *value = arrays->value;

  view->n_values = mp_array_get_n_dims (value) == 2 ? mp_array_get_dim (value, 1) : 1;
  view->n_nodes = n_nodes;
  view->children_left = mp_array_get_int32_data (arrays->children_left) + first;
  view->children_right = mp_array_get_int32_data (arrays->children_right) + first;
  view->feature = mp_array_get_int32_data (arrays->feature) + first;
  view->threshold = mp_array_get_float64_data (arrays->threshold) + first;
  view->value = mp_array_get_float64_data (value) + first * view->n_values;
}

/* A node's samples are its children's: what the builder keeps, and what
 * scikit-learn's own code reads (feature importances, pruning). */
static gboolean
check_sample_counts (const MpTreeView  *tree,
                     const gint64      *n_node_samples,
                     const char        *what,
                     GError           **error)
{
  for (gsize node = 0; node < tree->n_nodes; node++)
    {
      gint32 left = tree->children_left[node];
      gint32 right = tree->children_right[node];

      /* in unsigned arithmetic: two hostile counts must not overflow (the
       * declarations made them positive, so their sum fits) */
      if (left != MP_TREE_LEAF &&
          (guint64) n_node_samples[node] != (guint64) n_node_samples[left] + (guint64) n_node_samples[right])
        return _mp_invalid_state (error, "%sn_node_samples_: node %" G_GSIZE_FORMAT " has %" G_GINT64_FORMAT
                                  " samples, its children %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                                  what, node, n_node_samples[node], n_node_samples[left], n_node_samples[right]);
    }
  return TRUE;
}

gboolean
_mp_tree_arrays_check (const MpTreeArrays  *arrays,
                       const gint64        *node_counts,
                       gsize                n_trees,
                       gint64               n_features,
                       MpTreeValueKind      value_kind,
                       guint               *max_depth,
                       GError             **error)
{
  const gint64 *n_node_samples = mp_array_get_int64_data (arrays->n_node_samples);
  gsize first = 0, total = mp_array_get_n_elements (arrays->children_left);
  guint deepest = 0;

  for (gsize k = 0; k < n_trees; k++)
    {
      g_autofree char *what = NULL;
      MpTreeView view;
      guint depth;

      /* the declarations made the counts add up to the nodes */
      _mp_tree_arrays_view (arrays, first, node_counts != NULL ? (gsize) node_counts[k] : total, &view);
      if (node_counts != NULL)
        what = g_strdup_printf ("estimators_[%" G_GSIZE_FORMAT "].", k);
      if (!_mp_tree_check (&view, n_features, value_kind, what != NULL ? what : "", &depth, error) ||
          !check_sample_counts (&view, n_node_samples + first, what != NULL ? what : "", error))
        return FALSE;
      deepest = MAX (deepest, depth);
      first += view.n_nodes;
    }
  if (max_depth != NULL)
    *max_depth = deepest;
  return TRUE;
}

void
_mp_tree_add_leaf_values (GObject            *owner,
                          const MpTreeArrays *arrays,
                          MpArray            *x,
                          double             *out)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  MpTreeView tree;
  gsize n_values;

  _mp_tree_arrays_view (arrays, 0, mp_array_get_n_elements (arrays->children_left), &tree);
  n_values = tree.n_values;
  for (gsize i = 0; i < n_samples; i++)
    {
      gsize leaf = _mp_tree_find_leaf (&tree, data + i * n_features);
      const double *value = tree.value + leaf * n_values;

      for (gsize k = 0; k < n_values; k++)
        out[i * n_values + k] += value[k];
    }
}

void
_mp_tree_counts_to_proba (double *counts,
                          gsize   n_rows,
                          gsize   n_classes)
{
  for (gsize i = 0; i < n_rows; i++)
    {
      double *row = counts + i * n_classes;
      double sum = _mp_pairwise_sum (row, n_classes);

      if (sum == 0.0)
        sum = 1.0;
      for (gsize k = 0; k < n_classes; k++)
        row[k] /= sum;
    }
}

char *
_mp_tree_format_param (const MpTreeHyperparameters *params,
                       GParamSpec                  *pspec)
{
  if (strcmp (pspec->name, "min-samples-split") == 0)
    return _mp_count_or_fraction_format (params->min_samples_split);
  if (strcmp (pspec->name, "min-samples-leaf") == 0)
    return _mp_count_or_fraction_format (params->min_samples_leaf);
  if (strcmp (pspec->name, "max-features") == 0)
    return _mp_count_or_fraction_format (params->max_features);
  return NULL;
}
