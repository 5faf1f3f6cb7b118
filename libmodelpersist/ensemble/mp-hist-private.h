/* mp-hist-private.h: the parts of histogram gradient boosting (binning,
 * growing one tree, predicting) that both estimators share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The numerics follow scikit-learn 1.2's _hist_gradient_boosting: the same
 * bin thresholds, histograms summed in the same order (float32 gradients
 * into float64 sums), the histogram subtraction trick, the same split gain
 * and the same best-first order (a binary heap ordered as Python's heapq
 * orders TreeNode), so that on the same data both grow the same trees.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A categorical split's bitset: 256 bits as 8 words, bit v of word v / 32
 * set for category (or bin) v. Stored in int32 arrays holding the uint32
 * bit patterns (the library has no uint32 dtype). */
#define MP_HGB_BITSET_WORDS 8

/* The subsample the bin thresholds are computed on (scikit-learn's
 * _BinMapper subsample, 2e5). */
#define MP_HGB_BINNING_SUBSAMPLE 200000

/* Thresholds are clipped to this (scikit-learn's ALMOST_INF). */
#define MP_HGB_ALMOST_INF 1e300

static inline gboolean
_mp_hgb_in_bitset (const guint32 *bitset,
                   guint          value)
{
  return (bitset[value / 32] >> (value % 32)) & 1;
}

static inline void
_mp_hgb_set_bitset (guint32 *bitset,
                    guint    value)
{
  bitset[value / 32] |= (guint32) 1 << (value % 32);
}

/* ------------------------------------------------------------------ */
/* Binning                                                             */
/* ------------------------------------------------------------------ */

/* The thresholds of one numeric column (_find_binning_thresholds): the
 * midpoints of its distinct non-NaN values if there are at most
 * @max_bins of them, else the 'midpoint' percentiles at
 * linspace(0, 100, max_bins + 1)[1:-1]; clipped to MP_HGB_ALMOST_INF.
 * @values (n of them, NaN skipped) is sorted in place. Writes at most
 * max_bins - 1 thresholds to @out and returns how many. */
/* Sorts @n doubles, none of them NaN, ascending. */
void     _mp_hgb_sort_doubles    (double       *values,
                                  gsize         n);

/* numpy's median of @n values (the middle one, or the mean of the two
 * middle ones); sorts @values. */
double   _mp_hgb_median          (double       *values,
                                  gsize         n);

guint    _mp_hgb_find_thresholds (double       *values,
                                  gsize         n,
                                  guint         max_bins,
                                  double       *out);

/* The bin of @x for a feature with @n_thresholds sorted @thresholds: the
 * number of thresholds below @x (x <= thresholds[bin]); NaN goes to
 * @missing_bin. For a categorical feature the thresholds are the known
 * categories, so a known category maps to its rank. */
static inline guint8
_mp_hgb_bin_value (double        x,
                   const double *thresholds,
                   guint         n_thresholds,
                   guint8        missing_bin)
{
  guint left = 0, right = n_thresholds;

  if (x != x)
    return missing_bin;
  while (left < right)
    {
      guint middle = left + (right - left) / 2;

      if (x <= thresholds[middle])
        right = middle;
      else
        left = middle + 1;
    }
  return (guint8) left;
}

/* ------------------------------------------------------------------ */
/* A work pool: the fit's threads                                      */
/* ------------------------------------------------------------------ */

typedef struct _MpHgbPool MpHgbPool;

typedef void (*MpHgbTask) (guint    part,
                           guint    n_parts,
                           gpointer data);

/* The threads fit and large predictions use, as scikit-learn's OpenMP
 * runtime chooses them: OMP_NUM_THREADS when it is set to a number, else
 * the processors GLib counts. The number also decides how the root's
 * gradient sums are chunked (_mp_hgb_sum_parallel), so a model matches
 * scikit-learn's bit for bit when both run with the same count. */
guint      _mp_hgb_n_threads   (void);

/* A pool of @n_threads threads (the calling one included). */
MpHgbPool *_mp_hgb_pool_new    (guint       n_threads);
void       _mp_hgb_pool_free   (MpHgbPool  *pool);
guint      _mp_hgb_pool_size   (MpHgbPool  *pool);
/* Runs @task (part, n_parts, data) for each part in 0..n_parts - 1, one
 * part per thread (n_parts is the pool's size), and waits for all. */
void       _mp_hgb_pool_run    (MpHgbPool  *pool,
                                MpHgbTask   task,
                                gpointer    data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpHgbPool, _mp_hgb_pool_free)

/* ------------------------------------------------------------------ */
/* Growing one tree                                                    */
/* ------------------------------------------------------------------ */

/* What the grower reads: the binned training matrix and the constraints. */
typedef struct {
  const guint8  *binned;              /* column-major, n_samples x n_features */
  gsize          n_samples;
  gsize          n_features;
  guint          n_bins;              /* max_bins + 1; the last is NaN's bin */
  const guint32 *n_bins_non_missing;  /* per feature */
  const guint8  *has_missing_values;  /* per feature, in the training data */
  const guint8  *is_categorical;      /* per feature */
  const double  *const *categories;   /* per feature: a categorical feature's
                                         known categories (its thresholds) */
  const double  *const *thresholds;   /* per feature: the bin thresholds */
  int            max_leaf_nodes;      /* -1: none */
  int            max_depth;           /* -1: none */
  guint          min_samples_leaf;
  double         l2_regularization;
  double         min_hessian_to_split;
  double         shrinkage;
  guint          n_sum_threads;       /* the chunks of the root's sums */
  const double  *median_targets;      /* absolute_error: each leaf's value
                                         becomes the median of these targets
                                         minus the raw predictions, times
                                         the shrinkage; NULL otherwise */
} MpHgbGrowerParams;

/* The arrays of the trees grown so far, appended tree after tree; the
 * layout of the estimators' fitted state. Children are tree-local node
 * indices, -1 at leaves; bitset indices are tree-local. */
typedef struct {
  GArray *value;              /* double */
  GArray *count;              /* gint32 */
  GArray *feature;            /* gint32 */
  GArray *threshold;          /* double */
  GArray *missing_go_to_left; /* guint8 */
  GArray *left;               /* gint32 */
  GArray *right;              /* gint32 */
  GArray *gain;               /* double */
  GArray *is_categorical;     /* guint8 */
  GArray *bitset_idx;         /* gint32 */
  GArray *bin_threshold;      /* guint8 */
  GArray *raw_bitsets;        /* guint32, 8 per bitset */
  GArray *binned_bitsets;     /* guint32, 8 per bitset */
  GArray *tree_node_counts;   /* gint32 */
  GArray *tree_bitset_counts; /* gint32 */
} MpHgbTrees;

void     _mp_hgb_trees_init   (MpHgbTrees  *trees);
void     _mp_hgb_trees_clear  (MpHgbTrees  *trees);

/* Grows one tree on @gradients (and @hessians, or NULL when they are
 * constant, all 1), appends it to @trees and adds each training sample's
 * leaf value to @raw (n_samples values). */
void     _mp_hgb_grow_tree    (const MpHgbGrowerParams  *params,
                               MpHgbPool                *pool,
                               const float              *gradients,
                               const float              *hessians,
                               MpHgbTrees               *trees,
                               double                   *raw);

/* numpy-compatible float32 -> float64 sum as scikit-learn's sum_parallel
 * makes it with @n_threads OpenMP threads (static schedule: contiguous
 * chunks, the first n % T one longer; the partial sums added in thread
 * order, which for two threads is exact whatever the order). */
double   _mp_hgb_sum_parallel (const float *values,
                               gsize        n,
                               guint        n_threads);

/* ------------------------------------------------------------------ */
/* Prediction                                                          */
/* ------------------------------------------------------------------ */

/* The fitted trees, read from the estimator's arrays. */
typedef struct {
  gsize          n_trees;
  gsize          n_trees_per_iteration;
  gsize          n_features;
  const gint32  *tree_node_counts;
  const gint32  *tree_bitset_counts;
  const double  *value;
  const gint32  *feature;
  const double  *threshold;
  const guint8  *missing_go_to_left;
  const gint32  *left;
  const gint32  *right;
  const guint8  *is_categorical;
  const gint32  *bitset_idx;
  const guint32 *raw_bitsets;
  const double  *baseline;             /* n_trees_per_iteration */
  const guint32 *known_bitsets;        /* per feature, 8 words; NULL if none */
} MpHgbForest;

/* raw (n_samples x n_trees_per_iteration, row-major): the baseline plus
 * each tree's value, iteration by iteration, as scikit-learn sums them.
 * @x is n_samples x n_features float64, row-major, NaN for missing.
 * Large batches are shared between the threads of _mp_hgb_n_threads (). */
void     _mp_hgb_predict_raw  (const MpHgbForest  *forest,
                               const double       *x,
                               gsize               n_samples,
                               double             *raw);

G_END_DECLS
