/* mp-tree-builder.c: growing one CART tree, as scikit-learn does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mp-random-private.h"
#include "mp-tree-builder-private.h"
#include "mp-tree-nodes-private.h"

/* The same tree as scikit-learn's, split for split, needs the same
 * arithmetic in the same order: which samples a sum adds first, which way
 * a running sum moves, how ties in a sort fall. So the splitter below
 * keeps scikit-learn's state (one samples array that nodes partition in
 * place, one feature order that draws permute, the constant features
 * carried from parent to child) and its order of operations, and the sort
 * is its introsort, whose order of equal values decides the order the
 * samples are summed in further down. */

/* Values this close are one value to the splitter (scikit-learn's
 * FEATURE_THRESHOLD), compared in float as its float32 feature values
 * are. */
#define FEATURE_THRESHOLD 1e-7f

/* scikit-learn's rand_r: a 32-bit xorshift, read modulo 2^31 */
#define RAND_R_MAX 0x7FFFFFFFu

static guint32
rand_r_next (guint32 *state)
{
  if (*state == 0)
    *state = 1;
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state % (RAND_R_MAX + 1u);
}

/* An integer in [low, high) */
static gsize
rand_int (gsize    low,
          gsize    high,
          guint32 *state)
{
  return low + rand_r_next (state) % (high - low);
}

static double
rand_uniform (double   low,
              double   high,
              guint32 *state)
{
  return (high - low) * (double) rand_r_next (state) / (double) RAND_R_MAX + low;
}

guint32
_mp_tree_seed_from_random_state (gint64 random_state)
{
  MpRandom random;

  _mp_random_init_from_state (&random, random_state);
  /* RandomState.randint(0, RAND_R_MAX): [0, RAND_R_MAX - 1] */
  return (guint32) _mp_random_interval (&random, RAND_R_MAX - 1);
}

/* ------------------------------------------------------------------ */
/* The sort                                                            */
/* ------------------------------------------------------------------ */

static inline void
swap_pair (float *xf,
           gsize *samples,
           gsize  i,
           gsize  j)
{
  float v = xf[i];
  gsize s = samples[i];

  xf[i] = xf[j];
  xf[j] = v;
  samples[i] = samples[j];
  samples[j] = s;
}

/* Bentley and McIlroy's median of the first, middle and last values */
static inline float
median3 (const float *xf,
         gsize        n)
{
  float a = xf[0], b = xf[n / 2], c = xf[n - 1];

  if (a < b)
    return b < c ? b : (a < c ? c : a);
  if (b < c)
    return a < c ? a : c;
  return b;
}

static void
sift_down (float *xf,
           gsize *samples,
           gsize  start,
           gsize  end)
{
  gsize root = start;

  for (;;)
    {
      gsize child = root * 2 + 1;
      gsize largest = root;

      if (child < end && xf[largest] < xf[child])
        largest = child;
      if (child + 1 < end && xf[largest] < xf[child + 1])
        largest = child + 1;
      if (largest == root)
        return;
      swap_pair (xf, samples, root, largest);
      root = largest;
    }
}

static void
heapsort_pairs (float *xf,
                gsize *samples,
                gsize  n)
{
  gsize start = (n - 2) / 2;

  for (;;)
    {
      sift_down (xf, samples, start, n);
      if (start == 0)
        break;
      start--;
    }
  for (gsize end = n - 1; end > 0; end--)
    {
      swap_pair (xf, samples, 0, end);
      sift_down (xf, samples, 0, end);
    }
}

/* Quicksort with a three-way partition around the median of three, turning
 * to heapsort past @max_depth levels. The recursion is on the lower part
 * only, whose depth max_depth bounds (2 ln n). */
static void
introsort (float *xf,
           gsize *samples,
           gsize  n,
           int    max_depth)
{
  while (n > 1)
    {
      gsize i = 0, lower = 0, upper = n;
      float pivot;

      if (max_depth <= 0)
        {
          heapsort_pairs (xf, samples, n);
          return;
        }
      max_depth--;
      pivot = median3 (xf, n);
      while (i < upper)
        {
          if (xf[i] < pivot)
            swap_pair (xf, samples, i++, lower++);
          else if (xf[i] > pivot)
            swap_pair (xf, samples, i, --upper);
          else
            i++;
        }
      introsort (xf, samples, lower, max_depth);
      xf += upper;
      samples += upper;
      n -= upper;
    }
}

/* scikit-learn's log, base 2, computed its way */
static inline double
log2_of (double x)
{
  return log (x) / log (2.0);
}

static void
sort_pairs (float *xf,
            gsize *samples,
            gsize  n)
{
  if (n == 0)
    return;
  introsort (xf, samples, n, 2 * (int) log2_of ((double) n));
}

/* ------------------------------------------------------------------ */
/* The criterion: weighted statistics of a node and of its two sides    */
/* ------------------------------------------------------------------ */

typedef struct {
  MpTreeCriterion  kind;
  const double    *y;
  const double    *sample_weight;   /* NULL: 1 each */
  const gsize     *samples;
  gsize            n_classes;       /* 0 for regression */
  gsize            n_stats;         /* n_classes, or 1 */
  double           weighted_n_samples;

  gsize            start, pos, end;
  double           weighted_n_node_samples;
  double           weighted_n_left;
  double           weighted_n_right;
  double           sq_sum_total;    /* regression */
  double          *sum_total;       /* n_stats: class counts, or the sum of y */
  double          *sum_left;
  double          *sum_right;
} Criterion;

static inline double
weight_of (const Criterion *c,
           gsize            i)
{
  return c->sample_weight != NULL ? c->sample_weight[i] : 1.0;
}

static void
criterion_init (Criterion *c,
                gsize      start,
                gsize      end)
{
  c->start = start;
  c->end = end;
  c->weighted_n_node_samples = 0;
  c->sq_sum_total = 0;
  memset (c->sum_total, 0, c->n_stats * sizeof (double));
  for (gsize p = start; p < end; p++)
    {
      gsize i = c->samples[p];
      double w = weight_of (c, i);

      if (c->n_classes > 0)
        c->sum_total[(gsize) c->y[i]] += w;
      else
        {
          double w_y = w * c->y[i];

          c->sum_total[0] += w_y;
          c->sq_sum_total += w_y * c->y[i];
        }
      c->weighted_n_node_samples += w;
    }
}

static void
criterion_reset (Criterion *c)
{
  c->pos = c->start;
  c->weighted_n_left = 0;
  c->weighted_n_right = c->weighted_n_node_samples;
  memset (c->sum_left, 0, c->n_stats * sizeof (double));
  memcpy (c->sum_right, c->sum_total, c->n_stats * sizeof (double));
}

static void
criterion_reverse_reset (Criterion *c)
{
  c->pos = c->end;
  c->weighted_n_left = c->weighted_n_node_samples;
  c->weighted_n_right = 0;
  memcpy (c->sum_left, c->sum_total, c->n_stats * sizeof (double));
  memset (c->sum_right, 0, c->n_stats * sizeof (double));
}

static inline void
criterion_move (Criterion *c,
                gsize      i,
                double     sign)
{
  double w = weight_of (c, i);

  if (c->n_classes > 0)
    c->sum_left[(gsize) c->y[i]] += sign * w;
  else
    c->sum_left[0] += sign * (w * c->y[i]);
  c->weighted_n_left += sign * w;
}

/* Moves the split to @new_pos, from whichever end is nearer: adding the
 * samples from pos on to the left, or subtracting those from the end
 * back. */
static void
criterion_update (Criterion *c,
                  gsize      new_pos)
{
  if (new_pos - c->pos <= c->end - new_pos)
    {
      for (gsize p = c->pos; p < new_pos; p++)
        criterion_move (c, c->samples[p], 1);
    }
  else
    {
      criterion_reverse_reset (c);
      for (gsize p = c->end; p-- > new_pos;)
        criterion_move (c, c->samples[p], -1);
    }
  c->weighted_n_right = c->weighted_n_node_samples - c->weighted_n_left;
  for (gsize k = 0; k < c->n_stats; k++)
    c->sum_right[k] = c->sum_total[k] - c->sum_left[k];
  c->pos = new_pos;
}

static double
gini_of (const double *counts,
         gsize         n,
         double        weight)
{
  double sq_count = 0;

  for (gsize k = 0; k < n; k++)
    sq_count += counts[k] * counts[k];
  return 1.0 - sq_count / (weight * weight);
}

static double
entropy_of (const double *counts,
            gsize         n,
            double        weight)
{
  double entropy = 0;

  for (gsize k = 0; k < n; k++)
    if (counts[k] > 0.0)
      {
        double p = counts[k] / weight;

        entropy -= p * log2_of (p);
      }
  return entropy;
}

static double
criterion_node_impurity (const Criterion *c)
{
  double impurity, mean;

  switch (c->kind)
    {
    case MP_TREE_CRITERION_GINI:
      return gini_of (c->sum_total, c->n_stats, c->weighted_n_node_samples);
    case MP_TREE_CRITERION_ENTROPY:
      return entropy_of (c->sum_total, c->n_stats, c->weighted_n_node_samples);
    case MP_TREE_CRITERION_SQUARED_ERROR:
    case MP_TREE_CRITERION_FRIEDMAN_MSE:
    default:
      impurity = c->sq_sum_total / c->weighted_n_node_samples;
      mean = c->sum_total[0] / c->weighted_n_node_samples;
      return impurity - mean * mean;
    }
}

static void
criterion_children_impurity (const Criterion *c,
                             double          *left,
                             double          *right)
{
  double sq_sum_left = 0, mean_left, mean_right;

  switch (c->kind)
    {
    case MP_TREE_CRITERION_GINI:
      *left = gini_of (c->sum_left, c->n_stats, c->weighted_n_left);
      *right = gini_of (c->sum_right, c->n_stats, c->weighted_n_right);
      return;
    case MP_TREE_CRITERION_ENTROPY:
      *left = entropy_of (c->sum_left, c->n_stats, c->weighted_n_left);
      *right = entropy_of (c->sum_right, c->n_stats, c->weighted_n_right);
      return;
    case MP_TREE_CRITERION_SQUARED_ERROR:
    case MP_TREE_CRITERION_FRIEDMAN_MSE:
    default:
      /* the squares of the left side summed afresh, the right side's as
       * the rest */
      for (gsize p = c->start; p < c->pos; p++)
        {
          gsize i = c->samples[p];
          double y = c->y[i];

          sq_sum_left += weight_of (c, i) * y * y;
        }
      mean_left = c->sum_left[0] / c->weighted_n_left;
      mean_right = c->sum_right[0] / c->weighted_n_right;
      *left = sq_sum_left / c->weighted_n_left - mean_left * mean_left;
      *right = (c->sq_sum_total - sq_sum_left) / c->weighted_n_right - mean_right * mean_right;
      return;
    }
}

/* What the splitter ranks splits by: larger is better, and it orders
 * splits as the impurity improvement does, without its constant parts. */
static double
criterion_proxy_improvement (const Criterion *c)
{
  double left, right, diff;

  switch (c->kind)
    {
    case MP_TREE_CRITERION_SQUARED_ERROR:
      return c->sum_left[0] * c->sum_left[0] / c->weighted_n_left +
             c->sum_right[0] * c->sum_right[0] / c->weighted_n_right;
    case MP_TREE_CRITERION_FRIEDMAN_MSE:
      diff = c->weighted_n_right * c->sum_left[0] - c->weighted_n_left * c->sum_right[0];
      return diff * diff / (c->weighted_n_left * c->weighted_n_right);
    case MP_TREE_CRITERION_GINI:
    case MP_TREE_CRITERION_ENTROPY:
    default:
      criterion_children_impurity (c, &left, &right);
      return -c->weighted_n_right * right - c->weighted_n_left * left;
    }
}

static double
criterion_improvement (const Criterion *c,
                       double           parent,
                       double           left,
                       double           right)
{
  double diff;

  if (c->kind == MP_TREE_CRITERION_FRIEDMAN_MSE)
    {
      diff = c->weighted_n_right * c->sum_left[0] - c->weighted_n_left * c->sum_right[0];
      return diff * diff / (c->weighted_n_left * c->weighted_n_right * c->weighted_n_node_samples);
    }
  return (c->weighted_n_node_samples / c->weighted_n_samples) *
         (parent - c->weighted_n_right / c->weighted_n_node_samples * right
                 - c->weighted_n_left / c->weighted_n_node_samples * left);
}

/* A classifier's weighted class counts, a regressor's mean */
static void
criterion_node_value (const Criterion *c,
                      double          *out)
{
  if (c->n_classes > 0)
    memcpy (out, c->sum_total, c->n_classes * sizeof (double));
  else
    out[0] = c->sum_total[0] / c->weighted_n_node_samples;
}

/* ------------------------------------------------------------------ */
/* The splitter                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
  gsize   feature;
  gsize   pos;           /* the first sample of the right side; end: no split */
  double  threshold;
  double  improvement;
  double  impurity_left;
  double  impurity_right;
} Split;

typedef struct {
  const MpTreeData    *data;
  const MpTreeGrowth  *growth;
  Criterion            criterion;
  gsize               *samples;
  gsize                n_samples;     /* those with a nonzero weight */
  float               *xf;
  gsize               *features;
  gsize               *constant_features;
  guint32              rand_state;
} Splitter;

static inline float
feature_value (const Splitter *s,
               gsize           sample,
               gsize           feature)
{
  return s->data->x_columns[feature * s->data->n_samples + sample];
}

/* Splits samples[start:end] at best->threshold of best->feature. */
static void
partition_samples (Splitter    *s,
                   gsize        start,
                   gsize        end,
                   const Split *best)
{
  gsize p = start, partition_end = end;

  while (p < partition_end)
    {
      if ((double) feature_value (s, s->samples[p], best->feature) <= best->threshold)
        p++;
      else
        {
          gsize sample = s->samples[p];

          partition_end--;
          s->samples[p] = s->samples[partition_end];
          s->samples[partition_end] = sample;
        }
    }
}

/* The best split of samples[start:end] (impurity @impurity), or one with
 * pos == end. *@n_constant_features is the number of features known to be
 * constant here (the first ones of the constant list), updated with those
 * found on the way. */
static void
node_split (Splitter *s,
            gsize     start,
            gsize     end,
            double    impurity,
            Split    *best,
            gsize    *n_constant_features)
{
  const MpTreeGrowth *growth = s->growth;
  Criterion *c = &s->criterion;
  gsize *features = s->features;
  float *xf = s->xf;
  gsize n_features = s->data->n_features;
  gsize f_i = n_features;
  gsize n_visited = 0, n_found_constants = 0, n_drawn_constants = 0;
  gsize n_known_constants = *n_constant_features;
  gsize n_total_constants = n_known_constants;
  double best_proxy = -INFINITY;
  gsize last_feature = G_MAXSIZE;
  Split current;

  memset (best, 0, sizeof *best);
  best->pos = end;

  /* Draw features without replacement (Fisher-Yates from the end of the
   * list), skipping those known to be constant, until max_features
   * non-constant ones are seen or every feature is */
  while (f_i > n_total_constants &&
         (n_visited < growth->max_features || n_visited <= n_found_constants + n_drawn_constants))
    {
      gsize f_j, tmp;

      n_visited++;
      f_j = rand_int (n_drawn_constants, f_i - n_found_constants, &s->rand_state);
      if (f_j < n_known_constants)
        {
          tmp = features[n_drawn_constants];
          features[n_drawn_constants] = features[f_j];
          features[f_j] = tmp;
          n_drawn_constants++;
          continue;
        }
      f_j += n_found_constants;
      current.feature = features[f_j];

      if (!growth->random_splits)
        {
          for (gsize p = start; p < end; p++)
            xf[p] = feature_value (s, s->samples[p], current.feature);
          sort_pairs (xf + start, s->samples + start, end - start);
          last_feature = current.feature;
          if (xf[end - 1] <= xf[start] + FEATURE_THRESHOLD)
            {
              features[f_j] = features[n_total_constants];
              features[n_total_constants] = current.feature;
              n_found_constants++;
              n_total_constants++;
              continue;
            }
          f_i--;
          features[f_j] = features[f_i];
          features[f_i] = current.feature;

          criterion_reset (c);
          for (gsize p = start; p < end;)
            {
              double proxy;

              while (p + 1 < end && xf[p + 1] <= xf[p] + FEATURE_THRESHOLD)
                p++;
              p++;
              if (p >= end)
                break;
              current.pos = p;
              if (current.pos - start < growth->min_samples_leaf ||
                  end - current.pos < growth->min_samples_leaf)
                continue;
              criterion_update (c, current.pos);
              if (c->weighted_n_left < growth->min_weight_leaf ||
                  c->weighted_n_right < growth->min_weight_leaf)
                continue;
              proxy = criterion_proxy_improvement (c);
              if (proxy > best_proxy)
                {
                  best_proxy = proxy;
                  /* the midpoint, unless rounding makes it the upper value */
                  current.threshold = (double) xf[p - 1] / 2.0 + (double) xf[p] / 2.0;
                  if (current.threshold == (double) xf[p] || isinf (current.threshold))
                    current.threshold = xf[p - 1];
                  *best = current;
                }
            }
        }
      else
        {
          float min_value, max_value;
          gsize p, partition_end;
          double proxy;

          min_value = max_value = xf[start] = feature_value (s, s->samples[start], current.feature);
          for (p = start + 1; p < end; p++)
            {
              float v = xf[p] = feature_value (s, s->samples[p], current.feature);

              if (v < min_value)
                min_value = v;
              else if (v > max_value)
                max_value = v;
            }
          last_feature = current.feature;
          if (max_value <= min_value + FEATURE_THRESHOLD)
            {
              features[f_j] = features[n_total_constants];
              features[n_total_constants] = current.feature;
              n_found_constants++;
              n_total_constants++;
              continue;
            }
          f_i--;
          features[f_j] = features[f_i];
          features[f_i] = current.feature;

          current.threshold = rand_uniform (min_value, max_value, &s->rand_state);
          if (current.threshold == (double) max_value)
            current.threshold = min_value;

          for (p = start, partition_end = end; p < partition_end;)
            {
              if ((double) xf[p] <= current.threshold)
                p++;
              else
                swap_pair (xf, s->samples, p, --partition_end);
            }
          current.pos = partition_end;
          if (current.pos - start < growth->min_samples_leaf ||
              end - current.pos < growth->min_samples_leaf)
            continue;
          criterion_reset (c);
          criterion_update (c, current.pos);
          if (c->weighted_n_left < growth->min_weight_leaf ||
              c->weighted_n_right < growth->min_weight_leaf)
            continue;
          proxy = criterion_proxy_improvement (c);
          if (proxy > best_proxy)
            {
              best_proxy = proxy;
              *best = current;
            }
        }
    }

  if (best->pos < end)
    {
      /* the samples are in the order of the last feature looked at */
      if (growth->random_splits ? last_feature != best->feature : TRUE)
        partition_samples (s, start, end, best);
      criterion_reset (c);
      criterion_update (c, best->pos);
      criterion_children_impurity (c, &best->impurity_left, &best->impurity_right);
      best->improvement = criterion_improvement (c, impurity, best->impurity_left, best->impurity_right);
    }

  /* the constant features come first, the known ones then the new ones */
  memcpy (features, s->constant_features, n_known_constants * sizeof (gsize));
  memcpy (s->constant_features + n_known_constants, features + n_known_constants,
          n_found_constants * sizeof (gsize));
  *n_constant_features = n_total_constants;
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

void
_mp_tree_grown_clear (MpTreeGrown *tree)
{
  g_clear_pointer (&tree->children_left, g_free);
  g_clear_pointer (&tree->children_right, g_free);
  g_clear_pointer (&tree->feature, g_free);
  g_clear_pointer (&tree->threshold, g_free);
  g_clear_pointer (&tree->impurity, g_free);
  g_clear_pointer (&tree->n_node_samples, g_free);
  g_clear_pointer (&tree->weighted_n_node_samples, g_free);
  g_clear_pointer (&tree->value, g_free);
  tree->n_nodes = tree->capacity = 0;
}

static gsize
add_node (MpTreeGrown *tree,
          gssize       parent,
          gboolean     is_left,
          gboolean     is_leaf,
          const Split *split,
          double       impurity,
          gsize        n_node_samples,
          double       weighted_n_node_samples)
{
  gsize node = tree->n_nodes;

  if (node == tree->capacity)
    {
      gsize capacity = MAX (tree->capacity * 2, 64);

      tree->children_left = g_renew (gint32, tree->children_left, capacity);
      tree->children_right = g_renew (gint32, tree->children_right, capacity);
      tree->feature = g_renew (gint32, tree->feature, capacity);
      tree->threshold = g_renew (double, tree->threshold, capacity);
      tree->impurity = g_renew (double, tree->impurity, capacity);
      tree->n_node_samples = g_renew (gint64, tree->n_node_samples, capacity);
      tree->weighted_n_node_samples = g_renew (double, tree->weighted_n_node_samples, capacity);
      tree->value = g_renew (double, tree->value, capacity * tree->n_values);
      tree->capacity = capacity;
    }
  tree->n_nodes++;

  if (parent >= 0)
    {
      if (is_left)
        tree->children_left[parent] = (gint32) node;
      else
        tree->children_right[parent] = (gint32) node;
    }
  tree->children_left[node] = tree->children_right[node] = MP_TREE_LEAF;
  if (is_leaf)
    {
      tree->feature[node] = MP_TREE_UNDEFINED;
      tree->threshold[node] = MP_TREE_UNDEFINED;
    }
  else
    {
      tree->feature[node] = (gint32) split->feature;
      tree->threshold[node] = split->threshold;
    }
  tree->impurity[node] = impurity;
  tree->n_node_samples[node] = (gint64) n_node_samples;
  tree->weighted_n_node_samples[node] = weighted_n_node_samples;
  return node;
}

static void
make_leaf (MpTreeGrown *tree,
           gsize        node)
{
  tree->children_left[node] = tree->children_right[node] = MP_TREE_LEAF;
  tree->feature[node] = MP_TREE_UNDEFINED;
  tree->threshold[node] = MP_TREE_UNDEFINED;
}

typedef struct {
  gsize    start, end, depth;
  gssize   parent;
  gboolean is_left;
  double   impurity;
  gsize    n_constant_features;
} StackRecord;

/* scikit-learn's DepthFirstTreeBuilder: nodes in preorder, the left
 * child's subtree before the right child. */
static void
grow_depth_first (Splitter    *s,
                  MpTreeGrown *tree)
{
  const MpTreeGrowth *growth = s->growth;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (StackRecord));
  StackRecord root = { 0, s->n_samples, 0, -1, FALSE, INFINITY, 0 };
  gboolean first = TRUE;

  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      StackRecord r = g_array_index (stack, StackRecord, stack->len - 1);
      gsize n_node_samples = r.end - r.start;
      Split split = { 0, };
      gboolean is_leaf;
      double weighted;
      gsize node;

      g_array_set_size (stack, stack->len - 1);
      criterion_init (&s->criterion, r.start, r.end);
      weighted = s->criterion.weighted_n_node_samples;
      is_leaf = r.depth >= growth->max_depth || n_node_samples < growth->min_samples_split ||
                n_node_samples < 2 * growth->min_samples_leaf || weighted < 2 * growth->min_weight_leaf;
      if (first)
        {
          r.impurity = criterion_node_impurity (&s->criterion);
          first = FALSE;
        }
      is_leaf = is_leaf || r.impurity <= DBL_EPSILON;
      if (!is_leaf)
        {
          node_split (s, r.start, r.end, r.impurity, &split, &r.n_constant_features);
          is_leaf = split.pos >= r.end || split.improvement + DBL_EPSILON < growth->min_impurity_decrease;
        }
      node = add_node (tree, r.parent, r.is_left, is_leaf, &split, r.impurity, n_node_samples, weighted);
      criterion_node_value (&s->criterion, tree->value + node * tree->n_values);
      if (!is_leaf)
        {
          StackRecord right = { split.pos, r.end, r.depth + 1, (gssize) node, FALSE,
                                split.impurity_right, r.n_constant_features };
          StackRecord left = { r.start, split.pos, r.depth + 1, (gssize) node, TRUE,
                               split.impurity_left, r.n_constant_features };

          g_array_append_val (stack, right);
          g_array_append_val (stack, left);
        }
      tree->depth = MAX (tree->depth, (guint) r.depth);
    }
}

typedef struct {
  gsize    node, start, end, pos, depth;
  gboolean is_leaf;
  double   impurity, impurity_left, impurity_right, improvement;
} FrontierRecord;

/* The frontier is a binary max-heap on the improvement kept exactly as
 * libstdc++'s push_heap and pop_heap keep it, which scikit-learn's
 * BestFirstTreeBuilder uses: the heap's layout decides which of two
 * equally good nodes is split first. */
static void
heap_sift_up (FrontierRecord *heap,
              gsize           hole,
              gsize           top,
              FrontierRecord  value)
{
  while (hole > top)
    {
      gsize parent = (hole - 1) / 2;

      if (!(heap[parent].improvement < value.improvement))
        break;
      heap[hole] = heap[parent];
      hole = parent;
    }
  heap[hole] = value;
}

static void
heap_push (GArray         *frontier,
           FrontierRecord  record)
{
  g_array_append_val (frontier, record);
  heap_sift_up ((FrontierRecord *) (void *) frontier->data, frontier->len - 1, 0, record);
}

static FrontierRecord
heap_pop (GArray *frontier)
{
  FrontierRecord *heap = (FrontierRecord *) (void *) frontier->data;
  gsize len = frontier->len - 1;
  FrontierRecord top = heap[0], value = heap[len];
  gsize hole = 0, child = 0;

  if (len > 0)
    {
      /* __adjust_heap: move the hole down along the larger children, then
       * put the last record back in from there */
      heap[len] = top;
      while (child < (len - 1) / 2)
        {
          child = 2 * (child + 1);
          if (heap[child].improvement < heap[child - 1].improvement)
            child--;
          heap[hole] = heap[child];
          hole = child;
        }
      if ((len & 1) == 0 && child == (len - 2) / 2)
        {
          child = 2 * (child + 1);
          heap[hole] = heap[child - 1];
          hole = child - 1;
        }
      heap_sift_up (heap, hole, 0, value);
    }
  g_array_set_size (frontier, len);
  return top;
}

static FrontierRecord
add_split_node (Splitter    *s,
                MpTreeGrown *tree,
                gsize        start,
                gsize        end,
                double       impurity,
                gboolean     is_first,
                gboolean     is_left,
                gssize       parent,
                gsize        depth)
{
  const MpTreeGrowth *growth = s->growth;
  gsize n_node_samples = end - start;
  gsize n_constant_features = 0;
  Split split = { 0, };
  FrontierRecord record = { 0, };
  gboolean is_leaf;
  double weighted;

  criterion_init (&s->criterion, start, end);
  weighted = s->criterion.weighted_n_node_samples;
  if (is_first)
    impurity = criterion_node_impurity (&s->criterion);
  is_leaf = depth >= growth->max_depth || n_node_samples < growth->min_samples_split ||
            n_node_samples < 2 * growth->min_samples_leaf || weighted < 2 * growth->min_weight_leaf ||
            impurity <= DBL_EPSILON;
  if (!is_leaf)
    {
      node_split (s, start, end, impurity, &split, &n_constant_features);
      is_leaf = split.pos >= end || split.improvement + DBL_EPSILON < growth->min_impurity_decrease;
    }
  record.node = add_node (tree, parent, is_left, is_leaf, &split, impurity, n_node_samples, weighted);
  criterion_node_value (&s->criterion, tree->value + record.node * tree->n_values);
  record.start = start;
  record.end = end;
  record.depth = depth;
  record.impurity = impurity;
  record.is_leaf = is_leaf;
  if (!is_leaf)
    {
      record.pos = split.pos;
      record.improvement = split.improvement;
      record.impurity_left = split.impurity_left;
      record.impurity_right = split.impurity_right;
    }
  else
    {
      record.pos = end;
      record.improvement = 0;
      record.impurity_left = record.impurity_right = impurity;
    }
  return record;
}

/* scikit-learn's BestFirstTreeBuilder: the node whose split improves the
 * impurity most is split first, until max_leaf_nodes leaves. */
static void
grow_best_first (Splitter    *s,
                 MpTreeGrown *tree)
{
  g_autoptr(GArray) frontier = g_array_new (FALSE, FALSE, sizeof (FrontierRecord));
  gsize max_split_nodes = s->growth->max_leaf_nodes - 1;

  heap_push (frontier, add_split_node (s, tree, 0, s->n_samples, INFINITY, TRUE, TRUE, -1, 0));
  while (frontier->len > 0)
    {
      FrontierRecord r = heap_pop (frontier);

      if (r.is_leaf || max_split_nodes == 0)
        make_leaf (tree, r.node);
      else
        {
          FrontierRecord left, right;

          max_split_nodes--;
          left = add_split_node (s, tree, r.start, r.pos, r.impurity_left, FALSE, TRUE, (gssize) r.node,
                                 r.depth + 1);
          right = add_split_node (s, tree, r.pos, r.end, r.impurity_right, FALSE, FALSE, (gssize) r.node,
                                  r.depth + 1);
          heap_push (frontier, left);
          heap_push (frontier, right);
        }
      tree->depth = MAX (tree->depth, (guint) r.depth);
    }
}

void
_mp_tree_grow (const MpTreeData    *data,
               const double        *sample_weight,
               const MpTreeGrowth  *growth,
               MpTreeGrown         *tree)
{
  gsize n_stats = MAX (data->n_classes, 1);
  g_autofree gsize *samples = g_new (gsize, MAX (data->n_samples, 1));
  g_autofree gsize *features = g_new (gsize, MAX (data->n_features, 1));
  g_autofree gsize *constant_features = g_new0 (gsize, MAX (data->n_features, 1));
  g_autofree float *xf = g_new (float, MAX (data->n_samples, 1));
  g_autofree double *sums = g_new0 (double, 3 * n_stats);
  Splitter s = { 0, };
  double weighted_n_samples = 0;
  gsize n = 0;

  /* only the samples with a weight take part; the total counts them all */
  for (gsize i = 0; i < data->n_samples; i++)
    {
      if (sample_weight == NULL || sample_weight[i] != 0.0)
        samples[n++] = i;
      weighted_n_samples += sample_weight != NULL ? sample_weight[i] : 1.0;
    }
  for (gsize f = 0; f < data->n_features; f++)
    features[f] = f;

  s.data = data;
  s.growth = growth;
  s.samples = samples;
  s.n_samples = n;
  s.xf = xf;
  s.features = features;
  s.constant_features = constant_features;
  s.rand_state = growth->seed;
  s.criterion.kind = growth->criterion;
  s.criterion.y = data->y;
  s.criterion.sample_weight = sample_weight;
  s.criterion.samples = samples;
  s.criterion.n_classes = data->n_classes;
  s.criterion.n_stats = n_stats;
  s.criterion.weighted_n_samples = weighted_n_samples;
  s.criterion.sum_total = sums;
  s.criterion.sum_left = sums + n_stats;
  s.criterion.sum_right = sums + 2 * n_stats;

  memset (tree, 0, sizeof *tree);
  tree->n_values = n_stats;
  if (growth->max_leaf_nodes > 0)
    grow_best_first (&s, tree);
  else
    grow_depth_first (&s, tree);
  if (growth->ccp_alpha > 0)
    _mp_tree_prune (tree, growth->ccp_alpha);
}
