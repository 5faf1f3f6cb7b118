/* mp-hist-predictor.c: the raw predictions of fitted histogram gradient
 * boosting trees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * scikit-learn's _predict_from_raw_data: NaN follows the node's missing
 * direction; a numeric test sends x left when x <= threshold (in float64);
 * a categorical test sends a category in the node's bitset left, another
 * known category right, and an unknown or negative one the way of missing
 * values. The trees' values are added to the baseline iteration by
 * iteration.
 */

#include "config.h"

#include <math.h>

#include "mp-hist-private.h"

typedef struct {
  double  threshold;
  double  value;
  gint32  left;       /* absolute node index; -1 at a leaf */
  gint32  right;
  gint32  feature;
  gint32  bitset;     /* absolute bitset row */
  guint8  missing_go_to_left;
  guint8  is_categorical;
} Packed;

typedef struct {
  const MpHgbForest *forest;
  const Packed      *nodes;
  const gsize       *roots;   /* per tree */
  const double      *x;
  gsize              n_samples;
  double            *raw;
} Job;

static inline gsize
missing_way (const Packed *node)
{
  return (gsize) (node->missing_go_to_left ? node->left : node->right);
}

static inline double
tree_value (const Job    *job,
            gsize         node_index,
            const double *row)
{
  const Packed *nodes = job->nodes;
  const guint32 *raw_bitsets = job->forest->raw_bitsets;
  const guint32 *known = job->forest->known_bitsets;

  while (nodes[node_index].left >= 0)
    {
      const Packed *node = nodes + node_index;
      double x = row[node->feature];

      if (isnan (x))
        node_index = missing_way (node);
      else if (!node->is_categorical)
        node_index = (gsize) (x <= node->threshold ? node->left : node->right);
      else if (x < 0 || x >= 256)
        node_index = missing_way (node);
      else
        {
          guint category = (guint8) (int) x;

          if (_mp_hgb_in_bitset (raw_bitsets + (gsize) node->bitset * MP_HGB_BITSET_WORDS, category))
            node_index = (gsize) node->left;
          else if (known != NULL &&
                   _mp_hgb_in_bitset (known + (gsize) node->feature * MP_HGB_BITSET_WORDS, category))
            node_index = (gsize) node->right;
          else
            node_index = missing_way (node);
        }
    }
  return nodes[node_index].value;
}

#define ROWS_PER_BLOCK 128

static void
predict_part (guint    part,
              guint    n_parts,
              gpointer data)
{
  const Job *job = data;
  const MpHgbForest *forest = job->forest;
  gsize k_per = forest->n_trees_per_iteration;
  gsize first = job->n_samples * part / n_parts;
  gsize last = job->n_samples * (part + 1) / n_parts;

  /* Rows in blocks, each block through one tree after the other: the
   * block's rows and one tree's nodes stay in cache, and each row still
   * adds the trees in order. */
  for (gsize block = first; block < last; block += ROWS_PER_BLOCK)
    {
      gsize end = MIN (block + ROWS_PER_BLOCK, last);

      for (gsize i = block; i < end; i++)
        for (gsize k = 0; k < k_per; k++)
          job->raw[i * k_per + k] = 0.0 + forest->baseline[k];
      for (gsize t = 0; t < forest->n_trees; t++)
        {
          gsize root = job->roots[t], k = t % k_per;

          for (gsize i = block; i < end; i++)
            job->raw[i * k_per + k] += tree_value (job, root, job->x + i * forest->n_features);
        }
    }
}

/* Batches smaller than this many tree walks stay on the calling thread. */
#define PARALLEL_WALKS 200000

void
_mp_hgb_predict_raw (const MpHgbForest  *forest,
                     const double       *x,
                     gsize               n_samples,
                     double             *raw)
{
  gsize n_nodes = 0, n_bitsets = 0;
  g_autofree Packed *nodes = NULL;
  g_autofree gsize *roots = g_new (gsize, MAX (forest->n_trees, 1));
  Job job = { forest, NULL, roots, x, n_samples, raw };

  for (gsize t = 0; t < forest->n_trees; t++)
    n_nodes += (gsize) forest->tree_node_counts[t];
  nodes = g_new (Packed, MAX (n_nodes, 1));

  n_nodes = 0;
  for (gsize t = 0; t < forest->n_trees; t++)
    {
      gsize count = (gsize) forest->tree_node_counts[t];

      roots[t] = n_nodes;
      for (gsize j = n_nodes; j < n_nodes + count; j++)
        {
          Packed *node = nodes + j;

          node->threshold = forest->threshold[j];
          node->value = forest->value[j];
          node->feature = forest->feature[j];
          node->missing_go_to_left = forest->missing_go_to_left[j] != 0;
          node->is_categorical = forest->is_categorical[j] != 0;
          node->bitset = (gint32) n_bitsets + forest->bitset_idx[j];
          node->left = forest->left[j] < 0 ? -1 : (gint32) n_nodes + forest->left[j];
          node->right = forest->right[j] < 0 ? -1 : (gint32) n_nodes + forest->right[j];
        }
      n_nodes += count;
      n_bitsets += (gsize) forest->tree_bitset_counts[t];
    }
  job.nodes = nodes;

  if (n_samples * MAX (forest->n_trees, 1) >= PARALLEL_WALKS && _mp_hgb_n_threads () > 1 && n_samples > 1)
    {
      g_autoptr(MpHgbPool) pool = _mp_hgb_pool_new (MIN (_mp_hgb_n_threads (), n_samples));

      _mp_hgb_pool_run (pool, predict_part, &job);
    }
  else
    predict_part (0, 1, &job);
}
