/* mp-hist-grower.c: one tree of histogram gradient boosting, grown best
 * first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * scikit-learn 1.2's TreeGrower, Splitter and HistogramBuilder: each node
 * keeps one histogram per feature (sums of gradients and hessians and a
 * count per bin); the smaller child's histograms are summed from its
 * samples and the larger child's are the parent's minus the smaller's.
 * The split of a node is the bin (or, for a categorical feature, the set
 * of categories) of greatest gain over all features; the node of greatest
 * gain is split next. Sums and comparisons are made in scikit-learn's
 * order so that the trees are the same.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mp-hist-private.h"
#include "mp-tree-nodes-private.h"

typedef struct {
  double  sum_gradients;
  double  sum_hessians;
  guint32 count;
} Bin;

typedef struct {
  double   gain;
  int      feature;
  guint    bin_idx;
  gboolean missing_go_to_left;
  double   sum_gradient_left;
  double   sum_gradient_right;
  double   sum_hessian_left;
  double   sum_hessian_right;
  guint32  n_samples_left;
  guint32  n_samples_right;
  double   value_left;
  double   value_right;
  gboolean is_categorical;
  guint32  left_cat_bitset[MP_HGB_BITSET_WORDS];
} SplitInfo;

typedef struct {
  guint     depth;
  gsize     start;
  gsize     stop;
  double    sum_gradients;
  double    sum_hessians;
  double    value;
  gboolean  has_split;     /* split_info is not None */
  gboolean  is_leaf;
  SplitInfo split;
  int       left;
  int       right;
  Bin      *histograms;
} Node;

typedef struct {
  const MpHgbGrowerParams *p;
  MpHgbPool               *pool;
  const float             *gradients;
  const float             *hessians;   /* NULL: constant, all 1 */
  guint32                 *partition;
  guint32                 *buffer;
  float                   *ordered_gradients;
  float                   *ordered_hessians;
  GArray                  *nodes;      /* Node */
  GPtrArray               *spare_histograms;
  int                     *heap;
  gsize                    heap_len;
  gsize                    n_leaves;
  gsize                    n_categorical_splits;
} Grower;

#define NODE(g, i) (&g_array_index ((g)->nodes, Node, (i)))

/* ------------------------------------------------------------------ */
/* Sums and node values                                                */
/* ------------------------------------------------------------------ */

double
_mp_hgb_sum_parallel (const float *values,
                      gsize        n,
                      guint        n_threads)
{
  double out = 0;
  gsize start = 0;

  n_threads = MAX (n_threads, 1);
  for (guint t = 0; t < n_threads; t++)
    {
      gsize length = n / n_threads + (t < n % n_threads ? 1 : 0);
      double partial = 0;

      for (gsize i = start; i < start + length; i++)
        partial += (double) values[i];
      out += partial;
      start += length;
    }
  return out;
}

static inline double
compute_node_value (double sum_gradient,
                    double sum_hessian,
                    double l2_regularization)
{
  return -sum_gradient / (sum_hessian + l2_regularization + 1e-15);
}

static inline double
split_gain (double sum_gradient_left,
            double sum_hessian_left,
            double sum_gradient_right,
            double sum_hessian_right,
            double loss_current_node,
            double l2_regularization)
{
  double value_left = compute_node_value (sum_gradient_left, sum_hessian_left, l2_regularization);
  double value_right = compute_node_value (sum_gradient_right, sum_hessian_right, l2_regularization);
  double gain = loss_current_node;

  gain -= sum_gradient_left * value_left;
  gain -= sum_gradient_right * value_right;
  return gain;
}

/* ------------------------------------------------------------------ */
/* Histograms                                                          */
/* ------------------------------------------------------------------ */

static Bin *
take_histograms (Grower *g)
{
  if (g->spare_histograms->len > 0)
    return g_ptr_array_steal_index_fast (g->spare_histograms, g->spare_histograms->len - 1);
  return g_new (Bin, g->p->n_features * g->p->n_bins);
}

static void
give_back_histograms (Grower *g,
                      Node   *node)
{
  if (node->histograms != NULL)
    g_ptr_array_add (g->spare_histograms, g_steal_pointer (&node->histograms));
}

typedef struct {
  Grower  *g;
  gsize    start;
  gsize    n;
  gboolean root;
  Bin     *out;
  const Bin *parent;
  const Bin *sibling;
  SplitInfo *infos;
  const Node *node;
} FeatureJob;

static void
feature_range (gsize  n_features,
               guint  part,
               guint  n_parts,
               gsize *first,
               gsize *last)
{
  *first = n_features * part / n_parts;
  *last = n_features * (part + 1) / n_parts;
}

static void
build_histograms_part (guint    part,
                       guint    n_parts,
                       gpointer data)
{
  FeatureJob *job = data;
  Grower *g = job->g;
  const MpHgbGrowerParams *p = g->p;
  const guint32 *indices = g->partition + job->start;
  const float *gradients = job->root ? g->gradients : g->ordered_gradients;
  const float *hessians = job->root ? g->hessians : g->ordered_hessians;
  gsize first, last;

  feature_range (p->n_features, part, n_parts, &first, &last);
  for (gsize f = first; f < last; f++)
    {
      Bin *h = job->out + f * p->n_bins;
      const guint8 *column = p->binned + f * p->n_samples;

      memset (h, 0, p->n_bins * sizeof (Bin));
      if (job->root && g->hessians == NULL)
        for (gsize i = 0; i < job->n; i++)
          {
            Bin *b = h + column[i];

            b->sum_gradients += (double) gradients[i];
            b->count++;
          }
      else if (job->root)
        for (gsize i = 0; i < job->n; i++)
          {
            Bin *b = h + column[i];

            b->sum_gradients += (double) gradients[i];
            b->sum_hessians += (double) hessians[i];
            b->count++;
          }
      else if (g->hessians == NULL)
        for (gsize i = 0; i < job->n; i++)
          {
            Bin *b = h + column[indices[i]];

            b->sum_gradients += (double) gradients[i];
            b->count++;
          }
      else
        for (gsize i = 0; i < job->n; i++)
          {
            Bin *b = h + column[indices[i]];

            b->sum_gradients += (double) gradients[i];
            b->sum_hessians += (double) hessians[i];
            b->count++;
          }
    }
}

static void
subtract_histograms_part (guint    part,
                          guint    n_parts,
                          gpointer data)
{
  FeatureJob *job = data;
  const MpHgbGrowerParams *p = job->g->p;
  gsize first, last;

  feature_range (p->n_features, part, n_parts, &first, &last);
  for (gsize i = first * p->n_bins; i < last * p->n_bins; i++)
    {
      job->out[i].sum_gradients = job->parent[i].sum_gradients - job->sibling[i].sum_gradients;
      job->out[i].sum_hessians = job->parent[i].sum_hessians - job->sibling[i].sum_hessians;
      job->out[i].count = job->parent[i].count - job->sibling[i].count;
    }
}

/* The node's gradients (and hessians) in the order of its samples. */
static void
gather_part (guint    part,
             guint    n_parts,
             gpointer data)
{
  FeatureJob *job = data;
  Grower *g = job->g;
  const guint32 *indices = g->partition + job->start;
  gsize first = job->n * part / n_parts, last = job->n * (part + 1) / n_parts;

  for (gsize i = first; i < last; i++)
    g->ordered_gradients[i] = g->gradients[indices[i]];
  if (g->hessians != NULL)
    for (gsize i = first; i < last; i++)
      g->ordered_hessians[i] = g->hessians[indices[i]];
}

static Bin *
compute_histograms_brute (Grower *g,
                          Node   *node)
{
  FeatureJob job = { g, node->start, node->stop - node->start, FALSE, NULL, };

  job.root = job.n == g->p->n_samples;
  if (!job.root)
    _mp_hgb_pool_run (g->pool, gather_part, &job);
  job.out = take_histograms (g);
  _mp_hgb_pool_run (g->pool, build_histograms_part, &job);
  return job.out;
}

static Bin *
compute_histograms_subtraction (Grower    *g,
                                const Bin *parent,
                                const Bin *sibling)
{
  FeatureJob job = { g, 0, 0, FALSE, NULL, parent, sibling, };

  job.out = take_histograms (g);
  _mp_hgb_pool_run (g->pool, subtract_histograms_part, &job);
  return job.out;
}

/* ------------------------------------------------------------------ */
/* Split finding                                                       */
/* ------------------------------------------------------------------ */

static void
finish_split (SplitInfo *info,
              double     sum_gradients,
              double     sum_hessians,
              guint32    n_samples,
              double     l2)
{
  info->sum_gradient_right = sum_gradients - info->sum_gradient_left;
  info->sum_hessian_right = sum_hessians - info->sum_hessian_left;
  info->n_samples_right = n_samples - info->n_samples_left;
  info->value_left = compute_node_value (info->sum_gradient_left, info->sum_hessian_left, l2);
  info->value_right = compute_node_value (info->sum_gradient_right, info->sum_hessian_right, l2);
}

/* Missing values go right. */
static void
split_left_to_right (const Grower *g,
                     gsize         f,
                     const Bin    *h,
                     const Node   *node,
                     guint32       n_samples,
                     SplitInfo    *info)
{
  const MpHgbGrowerParams *p = g->p;
  guint end = p->n_bins_non_missing[f] - 1 + p->has_missing_values[f];
  double sum_gradient_left = 0, sum_hessian_left = 0;
  double loss_current_node = node->value * node->sum_gradients;
  double best_gain = -1, best_gradient_left = 0, best_hessian_left = 0;
  guint32 n_samples_left = 0, best_n_left = 0;
  guint best_bin = 0;
  gboolean found = FALSE;

  for (guint bin = 0; bin < end; bin++)
    {
      guint32 n_samples_right;
      double sum_hessian_right, gain;

      n_samples_left += h[bin].count;
      n_samples_right = n_samples - n_samples_left;
      sum_hessian_left += g->hessians == NULL ? (double) h[bin].count : h[bin].sum_hessians;
      sum_hessian_right = node->sum_hessians - sum_hessian_left;
      sum_gradient_left += h[bin].sum_gradients;

      if (n_samples_left < p->min_samples_leaf)
        continue;
      if (n_samples_right < p->min_samples_leaf)
        break;
      if (sum_hessian_left < p->min_hessian_to_split)
        continue;
      if (sum_hessian_right < p->min_hessian_to_split)
        break;

      gain = split_gain (sum_gradient_left, sum_hessian_left,
                         node->sum_gradients - sum_gradient_left, sum_hessian_right,
                         loss_current_node, p->l2_regularization);
      if (gain > best_gain && gain > 0)
        {
          found = TRUE;
          best_gain = gain;
          best_bin = bin;
          best_gradient_left = sum_gradient_left;
          best_hessian_left = sum_hessian_left;
          best_n_left = n_samples_left;
        }
    }
  if (!found)
    return;
  info->gain = best_gain;
  info->bin_idx = best_bin;
  info->missing_go_to_left = FALSE;
  info->sum_gradient_left = best_gradient_left;
  info->sum_hessian_left = best_hessian_left;
  info->n_samples_left = best_n_left;
  finish_split (info, node->sum_gradients, node->sum_hessians, n_samples, p->l2_regularization);
}

/* Missing values go left; only for features with missing values. */
static void
split_right_to_left (const Grower *g,
                     gsize         f,
                     const Bin    *h,
                     const Node   *node,
                     guint32       n_samples,
                     SplitInfo    *info)
{
  const MpHgbGrowerParams *p = g->p;
  gint64 start = (gint64) p->n_bins_non_missing[f] - 2;
  double sum_gradient_right = 0, sum_hessian_right = 0;
  double loss_current_node = node->value * node->sum_gradients;
  double best_gain = info->gain, best_gradient_left = 0, best_hessian_left = 0;
  guint32 n_samples_right = 0, best_n_left = 0;
  guint best_bin = 0;
  gboolean found = FALSE;

  for (gint64 bin = start; bin >= 0; bin--)
    {
      guint32 n_samples_left;
      double sum_hessian_left, sum_gradient_left, gain;

      n_samples_right += h[bin + 1].count;
      n_samples_left = n_samples - n_samples_right;
      sum_hessian_right += g->hessians == NULL ? (double) h[bin + 1].count : h[bin + 1].sum_hessians;
      sum_hessian_left = node->sum_hessians - sum_hessian_right;
      sum_gradient_right += h[bin + 1].sum_gradients;
      sum_gradient_left = node->sum_gradients - sum_gradient_right;

      if (n_samples_right < p->min_samples_leaf)
        continue;
      if (n_samples_left < p->min_samples_leaf)
        break;
      if (sum_hessian_right < p->min_hessian_to_split)
        continue;
      if (sum_hessian_left < p->min_hessian_to_split)
        break;

      gain = split_gain (sum_gradient_left, sum_hessian_left, sum_gradient_right, sum_hessian_right,
                         loss_current_node, p->l2_regularization);
      if (gain > best_gain && gain > 0)
        {
          found = TRUE;
          best_gain = gain;
          best_bin = (guint) bin;
          best_gradient_left = sum_gradient_left;
          best_hessian_left = sum_hessian_left;
          best_n_left = n_samples_left;
        }
    }
  if (!found)
    return;
  info->gain = best_gain;
  info->bin_idx = best_bin;
  info->missing_go_to_left = TRUE;
  info->sum_gradient_left = best_gradient_left;
  info->sum_hessian_left = best_hessian_left;
  info->n_samples_left = best_n_left;
  finish_split (info, node->sum_gradients, node->sum_hessians, n_samples, p->l2_regularization);
}

/* The layout and comparison scikit-learn sorts categories with (through
 * the C library's qsort, which is why this one is used too). */
typedef struct {
  guint8 bin_idx;
  double value;
} CategoricalInfo;

static int
compare_cat_infos (const void *a,
                   const void *b)
{
  return ((const CategoricalInfo *) a)->value < ((const CategoricalInfo *) b)->value ? -1 : 1;
}

#define MIN_CAT_SUPPORT 10.0

/* Categories sorted by sum_gradients / (sum_hessians + 10), those with
 * little support left out (and always sent right); scanned from both ends
 * up to the middle (Fisher's grouping); NaN is a category of its own. */
static void
split_category (const Grower *g,
                gsize         f,
                const Bin    *h,
                const Node   *node,
                guint32       n_samples,
                SplitInfo    *info)
{
  const MpHgbGrowerParams *p = g->p;
  guint n_bins_non_missing = p->n_bins_non_missing[f];
  guint missing_bin = p->n_bins - 1;
  gboolean has_missing = p->has_missing_values[f];
  CategoricalInfo cat_infos[256 + 1];
  guint n_used = 0;
  double support_factor = (double) n_samples / node->sum_hessians;
  double loss_current_node, best_gain = -1, best_gradient_left = 0, best_hessian_left = 0;
  guint32 best_n_left = 0;
  guint best_thresh = 0;
  int best_direction = 0;
  gboolean found = FALSE;

  for (guint bin = 0; bin < n_bins_non_missing + (has_missing ? 1 : 0); bin++)
    {
      guint b = bin < n_bins_non_missing ? bin : missing_bin;
      double sum_hessians_bin = g->hessians == NULL ? (double) h[b].count : h[b].sum_hessians;

      if (sum_hessians_bin * support_factor >= MIN_CAT_SUPPORT)
        {
          cat_infos[n_used].bin_idx = (guint8) b;
          cat_infos[n_used].value = h[b].sum_gradients / (sum_hessians_bin + MIN_CAT_SUPPORT);
          n_used++;
        }
    }
  if (n_used <= 1)
    return;
  qsort (cat_infos, n_used, sizeof (CategoricalInfo), compare_cat_infos);

  loss_current_node = node->value * node->sum_gradients;
  for (int direction = 1; direction >= -1; direction -= 2)
    {
      guint middle = direction == 1 ? (n_used + 1) / 2 : (n_used + 1) / 2 - 1;
      double sum_gradient_left = 0, sum_hessian_left = 0;
      guint32 n_samples_left = 0;

      for (guint i = 0; i < middle; i++)
        {
          guint sorted = direction == 1 ? i : n_used - 1 - i;
          guint b = cat_infos[sorted].bin_idx;
          guint32 n_samples_right;
          double sum_hessian_right, sum_gradient_right, gain;

          n_samples_left += h[b].count;
          n_samples_right = n_samples - n_samples_left;
          sum_hessian_left += g->hessians == NULL ? (double) h[b].count : h[b].sum_hessians;
          sum_hessian_right = node->sum_hessians - sum_hessian_left;
          sum_gradient_left += h[b].sum_gradients;
          sum_gradient_right = node->sum_gradients - sum_gradient_left;

          if (n_samples_left < p->min_samples_leaf || sum_hessian_left < p->min_hessian_to_split)
            continue;
          if (n_samples_right < p->min_samples_leaf || sum_hessian_right < p->min_hessian_to_split)
            break;

          gain = split_gain (sum_gradient_left, sum_hessian_left, sum_gradient_right, sum_hessian_right,
                             loss_current_node, p->l2_regularization);
          if (gain > best_gain && gain > 0)
            {
              found = TRUE;
              best_gain = gain;
              best_thresh = sorted;
              best_gradient_left = sum_gradient_left;
              best_hessian_left = sum_hessian_left;
              best_n_left = n_samples_left;
              best_direction = direction;
            }
        }
    }
  if (!found)
    return;
  info->gain = best_gain;
  info->bin_idx = 0;
  info->sum_gradient_left = best_gradient_left;
  info->sum_hessian_left = best_hessian_left;
  info->n_samples_left = best_n_left;
  finish_split (info, node->sum_gradients, node->sum_hessians, n_samples, p->l2_regularization);
  memset (info->left_cat_bitset, 0, sizeof info->left_cat_bitset);
  if (best_direction == 1)
    for (guint i = 0; i <= best_thresh; i++)
      _mp_hgb_set_bitset (info->left_cat_bitset, cat_infos[i].bin_idx);
  else
    for (gint64 i = (gint64) n_used - 1; i >= (gint64) best_thresh; i--)
      _mp_hgb_set_bitset (info->left_cat_bitset, cat_infos[i].bin_idx);
  if (has_missing)
    info->missing_go_to_left = _mp_hgb_in_bitset (info->left_cat_bitset, missing_bin);
}

static void
find_splits_part (guint    part,
                  guint    n_parts,
                  gpointer data)
{
  FeatureJob *job = data;
  const Grower *g = job->g;
  const MpHgbGrowerParams *p = g->p;
  const Node *node = job->node;
  guint32 n_samples = (guint32) (node->stop - node->start);
  gsize first, last;

  feature_range (p->n_features, part, n_parts, &first, &last);
  for (gsize f = first; f < last; f++)
    {
      SplitInfo *info = job->infos + f;
      const Bin *h = node->histograms + f * p->n_bins;

      memset (info, 0, sizeof *info);
      info->feature = (int) f;
      info->gain = -1;
      info->is_categorical = p->is_categorical[f];
      if (p->is_categorical[f])
        split_category (g, f, h, node, n_samples, info);
      else
        {
          split_left_to_right (g, f, h, node, n_samples, info);
          if (p->has_missing_values[f])
            split_right_to_left (g, f, h, node, n_samples, info);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Best-first growth                                                   */
/* ------------------------------------------------------------------ */

/* Python's heapq with TreeNode.__lt__ (the greater gain first), so that
 * ties are broken in the same order. */
static inline gboolean
node_less (Grower *g,
           int     a,
           int     b)
{
  return NODE (g, a)->split.gain > NODE (g, b)->split.gain;
}

static void
heap_sift_down (Grower *g,
                gsize   startpos,
                gsize   pos)
{
  int newitem = g->heap[pos];

  while (pos > startpos)
    {
      gsize parentpos = (pos - 1) >> 1;
      int parent = g->heap[parentpos];

      if (node_less (g, newitem, parent))
        {
          g->heap[pos] = parent;
          pos = parentpos;
          continue;
        }
      break;
    }
  g->heap[pos] = newitem;
}

static void
heap_sift_up (Grower *g,
              gsize   pos)
{
  gsize endpos = g->heap_len, startpos = pos, childpos = 2 * pos + 1;
  int newitem = g->heap[pos];

  while (childpos < endpos)
    {
      gsize rightpos = childpos + 1;

      if (rightpos < endpos && !node_less (g, g->heap[childpos], g->heap[rightpos]))
        childpos = rightpos;
      g->heap[pos] = g->heap[childpos];
      pos = childpos;
      childpos = 2 * pos + 1;
    }
  g->heap[pos] = newitem;
  heap_sift_down (g, startpos, pos);
}

static void
heap_push (Grower *g,
           int     node)
{
  g->heap[g->heap_len++] = node;
  heap_sift_down (g, 0, g->heap_len - 1);
}

static int
heap_pop (Grower *g)
{
  int last = g->heap[--g->heap_len];
  int top;

  if (g->heap_len == 0)
    return last;
  top = g->heap[0];
  g->heap[0] = last;
  heap_sift_up (g, 0);
  return top;
}

static void
finalize_leaf (Grower *g,
               Node   *node)
{
  node->is_leaf = TRUE;
  g->n_leaves++;
}

static void
compute_best_split_and_push (Grower *g,
                             int     index)
{
  Node *node = NODE (g, index);
  g_autofree SplitInfo *infos = g_new (SplitInfo, g->p->n_features);
  FeatureJob job = { g, };
  gsize best = 0;

  job.infos = infos;
  job.node = node;
  _mp_hgb_pool_run (g->pool, find_splits_part, &job);
  for (gsize f = 1; f < g->p->n_features; f++)
    if (infos[f].gain > infos[best].gain)
      best = f;
  node->split = infos[best];
  node->has_split = TRUE;
  if (node->split.gain <= 0)
    finalize_leaf (g, node);
  else
    heap_push (g, index);
}

static int
add_node (Grower *g,
          guint   depth,
          gsize   start,
          gsize   stop,
          double  sum_gradients,
          double  sum_hessians,
          double  value)
{
  Node node = { depth, start, stop, sum_gradients, sum_hessians, value, FALSE, FALSE, };

  node.left = node.right = -1;
  g_array_append_val (g->nodes, node);
  return (int) g->nodes->len - 1;
}

static gboolean
sample_goes_left (const SplitInfo *split,
                  guint8           missing_bin,
                  guint8           bin)
{
  if (split->is_categorical)
    return _mp_hgb_in_bitset (split->left_cat_bitset, bin);
  return (split->missing_go_to_left && bin == missing_bin) || bin <= split->bin_idx;
}

/* Stable: each child keeps its samples in the parent's order, as
 * scikit-learn's split_indices does (whatever its thread count). */
static gsize
split_indices (Grower     *g,
               const Node *node)
{
  const guint8 *column = g->p->binned + (gsize) node->split.feature * g->p->n_samples;
  guint8 missing_bin = (guint8) (g->p->n_bins - 1);
  gsize n_left = 0, n_right = 0;

  for (gsize i = node->start; i < node->stop; i++)
    {
      guint32 sample = g->partition[i];

      if (sample_goes_left (&node->split, missing_bin, column[sample]))
        g->partition[node->start + n_left++] = sample;
      else
        g->buffer[n_right++] = sample;
    }
  memcpy (g->partition + node->start + n_left, g->buffer, n_right * sizeof (guint32));
  return n_left;
}

static void
split_next (Grower *g)
{
  const MpHgbGrowerParams *p = g->p;
  int index = heap_pop (g);
  Node *node = NODE (g, index);
  gsize n_left = split_indices (g, node);
  guint depth = node->depth + 1;
  gsize n_leaf_nodes = g->n_leaves + g->heap_len + 2;
  int left, right;
  Node *l, *r;
  gboolean split_left, split_right;

  left = add_node (g, depth, node->start, node->start + n_left,
                   node->split.sum_gradient_left, node->split.sum_hessian_left, node->split.value_left);
  node = NODE (g, index);
  right = add_node (g, depth, node->start + n_left, node->stop,
                    node->split.sum_gradient_right, node->split.sum_hessian_right, node->split.value_right);
  node = NODE (g, index);
  node->left = left;
  node->right = right;
  l = NODE (g, left);
  r = NODE (g, right);
  if (!p->has_missing_values[node->split.feature])
    node->split.missing_go_to_left = (l->stop - l->start) > (r->stop - r->start);
  g->n_categorical_splits += node->split.is_categorical ? 1 : 0;

  if (p->max_leaf_nodes >= 0 && n_leaf_nodes == (gsize) p->max_leaf_nodes)
    {
      finalize_leaf (g, l);
      finalize_leaf (g, r);
      while (g->heap_len > 0)
        finalize_leaf (g, NODE (g, g->heap[--g->heap_len]));
      give_back_histograms (g, node);
      return;
    }
  if ((p->max_depth >= 0 && depth == (guint) p->max_depth) || depth >= MP_TREE_DEPTH_LIMIT)
    {
      finalize_leaf (g, l);
      finalize_leaf (g, r);
      give_back_histograms (g, node);
      return;
    }
  if (l->stop - l->start < 2 * (gsize) p->min_samples_leaf)
    finalize_leaf (g, l);
  if (r->stop - r->start < 2 * (gsize) p->min_samples_leaf)
    finalize_leaf (g, r);

  split_left = !l->is_leaf;
  split_right = !r->is_leaf;
  if (split_left || split_right)
    {
      Node *smallest, *largest;

      if (l->stop - l->start < r->stop - r->start)
        smallest = l, largest = r;
      else
        smallest = r, largest = l;
      smallest->histograms = compute_histograms_brute (g, smallest);
      largest->histograms = compute_histograms_subtraction (g, node->histograms, smallest->histograms);
      if (split_left)
        compute_best_split_and_push (g, left);
      if (split_right)
        compute_best_split_and_push (g, right);
      /* the heap only reorders indices: the nodes did not move */
      l = NODE (g, left);
      r = NODE (g, right);
      if (l->is_leaf)
        give_back_histograms (g, l);
      if (r->is_leaf)
        give_back_histograms (g, r);
    }
  give_back_histograms (g, NODE (g, index));
}

/* ------------------------------------------------------------------ */
/* The predictor's arrays                                              */
/* ------------------------------------------------------------------ */

static void
append_tree (Grower     *g,
             MpHgbTrees *trees)
{
  const MpHgbGrowerParams *p = g->p;
  gsize n_nodes = g->nodes->len;
  g_autofree int *order = g_new (int, n_nodes);       /* predictor index -> grower node */
  g_autofree gint32 *position = g_new (gint32, n_nodes); /* grower node -> predictor index */
  g_autofree int *stack = g_new (int, n_nodes);
  gsize n_stack = 0, n_visited = 0;
  gint32 n_bitsets = 0;
  guint32 zero_bitset[MP_HGB_BITSET_WORDS] = { 0, };

  /* Preorder (node, left subtree, right subtree), as _fill_predictor_arrays
   * numbers nodes and bitsets. */
  stack[n_stack++] = 0;
  while (n_stack > 0)
    {
      int index = stack[--n_stack];
      const Node *node = NODE (g, index);

      position[index] = (gint32) n_visited;
      order[n_visited++] = index;
      if (!node->is_leaf)
        {
          stack[n_stack++] = node->right;
          stack[n_stack++] = node->left;
        }
    }

  for (gsize i = 0; i < n_visited; i++)
    {
      const Node *node = NODE (g, order[i]);
      double value = node->value, gain = node->has_split ? node->split.gain : -1;
      gint32 count = (gint32) (node->stop - node->start);
      gint32 feature = 0, left = MP_TREE_LEAF, right = MP_TREE_LEAF, bitset_idx = 0;
      double threshold = 0;
      guint8 missing_go_to_left = 0, is_categorical = 0, bin_threshold = 0;

      if (!node->is_leaf)
        {
          const SplitInfo *split = &node->split;

          feature = split->feature;
          bin_threshold = (guint8) split->bin_idx;
          missing_go_to_left = split->missing_go_to_left ? 1 : 0;
          is_categorical = split->is_categorical ? 1 : 0;
          if (split->bin_idx == p->n_bins_non_missing[feature] - 1)
            threshold = INFINITY;
          else if (split->is_categorical)
            {
              guint32 raw[MP_HGB_BITSET_WORDS] = { 0, };

              bitset_idx = n_bitsets++;
              for (guint b = 0; b < p->n_bins_non_missing[feature]; b++)
                if (_mp_hgb_in_bitset (split->left_cat_bitset, b))
                  _mp_hgb_set_bitset (raw, (guint8) p->categories[feature][b]);
              g_array_append_vals (trees->binned_bitsets, split->left_cat_bitset, MP_HGB_BITSET_WORDS);
              g_array_append_vals (trees->raw_bitsets, raw, MP_HGB_BITSET_WORDS);
            }
          else
            threshold = p->thresholds[feature][split->bin_idx];
          left = position[node->left];
          right = position[node->right];
        }
      g_array_append_val (trees->value, value);
      g_array_append_val (trees->count, count);
      g_array_append_val (trees->feature, feature);
      g_array_append_val (trees->threshold, threshold);
      g_array_append_val (trees->missing_go_to_left, missing_go_to_left);
      g_array_append_val (trees->left, left);
      g_array_append_val (trees->right, right);
      g_array_append_val (trees->gain, gain);
      g_array_append_val (trees->is_categorical, is_categorical);
      g_array_append_val (trees->bitset_idx, bitset_idx);
      g_array_append_val (trees->bin_threshold, bin_threshold);
    }
  /* scikit-learn sizes the bitsets by the categorical splits, including
   * one whose single category made it a threshold of +inf */
  for (; (gsize) n_bitsets < g->n_categorical_splits; n_bitsets++)
    {
      g_array_append_vals (trees->binned_bitsets, zero_bitset, MP_HGB_BITSET_WORDS);
      g_array_append_vals (trees->raw_bitsets, zero_bitset, MP_HGB_BITSET_WORDS);
    }
  {
    gint32 n = (gint32) n_visited;

    g_array_append_val (trees->tree_node_counts, n);
    g_array_append_val (trees->tree_bitset_counts, n_bitsets);
  }
}

void
_mp_hgb_trees_init (MpHgbTrees *trees)
{
  trees->value = g_array_new (FALSE, FALSE, sizeof (double));
  trees->count = g_array_new (FALSE, FALSE, sizeof (gint32));
  trees->feature = g_array_new (FALSE, FALSE, sizeof (gint32));
  trees->threshold = g_array_new (FALSE, FALSE, sizeof (double));
  trees->missing_go_to_left = g_array_new (FALSE, FALSE, sizeof (guint8));
  trees->left = g_array_new (FALSE, FALSE, sizeof (gint32));
  trees->right = g_array_new (FALSE, FALSE, sizeof (gint32));
  trees->gain = g_array_new (FALSE, FALSE, sizeof (double));
  trees->is_categorical = g_array_new (FALSE, FALSE, sizeof (guint8));
  trees->bitset_idx = g_array_new (FALSE, FALSE, sizeof (gint32));
  trees->bin_threshold = g_array_new (FALSE, FALSE, sizeof (guint8));
  trees->raw_bitsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  trees->binned_bitsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  trees->tree_node_counts = g_array_new (FALSE, FALSE, sizeof (gint32));
  trees->tree_bitset_counts = g_array_new (FALSE, FALSE, sizeof (gint32));
}

void
_mp_hgb_trees_clear (MpHgbTrees *trees)
{
  GArray **arrays[] = {
    &trees->value, &trees->count, &trees->feature, &trees->threshold, &trees->missing_go_to_left,
    &trees->left, &trees->right, &trees->gain, &trees->is_categorical, &trees->bitset_idx,
    &trees->bin_threshold, &trees->raw_bitsets, &trees->binned_bitsets, &trees->tree_node_counts,
    &trees->tree_bitset_counts,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
}

void
_mp_hgb_grow_tree (const MpHgbGrowerParams  *params,
                   MpHgbPool                *pool,
                   const float              *gradients,
                   const float              *hessians,
                   MpHgbTrees               *trees,
                   double                   *raw)
{
  Grower g = { params, pool, gradients, hessians, };
  gsize n = params->n_samples;
  double sum_gradients, sum_hessians;
  int root;

  g.partition = g_new (guint32, MAX (n, 1));
  g.buffer = g_new (guint32, MAX (n, 1));
  g.ordered_gradients = g_new (float, MAX (n, 1));
  g.ordered_hessians = hessians != NULL ? g_new (float, MAX (n, 1)) : NULL;
  g.nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g.spare_histograms = g_ptr_array_new_with_free_func (g_free);
  /* at most one splittable node per leaf; a tree has fewer than n leaves */
  g.heap = g_new (int, MAX (n, 1) + 1);
  for (gsize i = 0; i < n; i++)
    g.partition[i] = (guint32) i;

  sum_gradients = _mp_hgb_sum_parallel (gradients, n, params->n_sum_threads);
  sum_hessians = hessians == NULL ? 1.0 * (double) n : _mp_hgb_sum_parallel (hessians, n, params->n_sum_threads);
  root = add_node (&g, 0, 0, n, sum_gradients, sum_hessians, 0);

  if (n < 2 * (gsize) params->min_samples_leaf || sum_hessians < params->min_hessian_to_split)
    finalize_leaf (&g, NODE (&g, root));
  else
    {
      Node *node = NODE (&g, root);

      node->histograms = compute_histograms_brute (&g, node);
      compute_best_split_and_push (&g, root);
      if (NODE (&g, root)->is_leaf)
        give_back_histograms (&g, NODE (&g, root));
    }
  while (g.heap_len > 0)
    split_next (&g);

  /* shrinkage (or, for the absolute error, the leaf's median residual
   * with shrinkage, as _update_leaves_values makes it), then each training
   * sample's prediction */
  for (guint i = 0; i < g.nodes->len; i++)
    {
      Node *node = NODE (&g, i);

      if (!node->is_leaf)
        continue;
      node->value *= params->shrinkage;
      if (params->median_targets != NULL)
        {
          g_autofree double *residuals = g_new (double, node->stop - node->start);

          for (gsize s = node->start; s < node->stop; s++)
            residuals[s - node->start] = params->median_targets[g.partition[s]] - raw[g.partition[s]];
          node->value = params->shrinkage * _mp_hgb_median (residuals, node->stop - node->start);
        }
      for (gsize s = node->start; s < node->stop; s++)
        raw[g.partition[s]] += node->value;
    }
  append_tree (&g, trees);

  for (guint i = 0; i < g.nodes->len; i++)
    give_back_histograms (&g, NODE (&g, i));
  g_ptr_array_unref (g.spare_histograms);
  g_array_unref (g.nodes);
  g_free (g.heap);
  g_free (g.partition);
  g_free (g.buffer);
  g_free (g.ordered_gradients);
  g_free (g.ordered_hessians);
}
