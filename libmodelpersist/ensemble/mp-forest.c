/* mp-forest.c: what random forests and extra trees share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-count-or-fraction-private.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-forest-private.h"
#include "mp-labels-private.h"
#include "mp-metrics.h"
#include "mp-pairwise-sum-private.h"
#include "mp-pyrepr-private.h"
#include "mp-random-private.h"
#include "mp-validation-private.h"

const char * const _mp_forest_class_weight_words[] = { "balanced", "balanced_subsample", NULL };
const char * const _mp_forest_no_words[] = { NULL };

gboolean
_mp_forest_check_max_samples (const GValue  *value,
                              GError       **error)
{
  return _mp_count_or_fraction_check (g_value_get_string (value), "None", 1, 1.0, FALSE, error);
}

/* class_weight: a dictionary as every classifier reads it; among the
 * words the forests also have balanced_subsample */
gboolean
_mp_forest_check_class_weight (const GValue  *value,
                               GError       **error)
{
  const char *text = g_value_get_string (value);

  if (text != NULL && *_mp_pyrepr_skip_spaces (text) == '{')
    return _mp_class_weight_check (value, error);
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "expected None, 'balanced', 'balanced_subsample' or a dictionary such as "
               "'{0: 1.0, 1: 2.5}', got '%s'", text);
  return FALSE;
}

guint
_mp_forest_n_threads (gint64 n_jobs)
{
  gint64 n_cpus = g_get_num_processors ();

  if (n_jobs == -1)
    return (guint) n_cpus;
  if (n_jobs < -1)
    return (guint) MAX (1, n_cpus + 1 + n_jobs);
  return (guint) MAX (1, n_jobs);
}

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

/* What every tree of one fit shares, and what each makes. */
typedef struct {
  MpForest            *forest;
  gboolean             is_classifier;
  MpTreeData           data;
  const double        *sample_weight;    /* NULL: 1 each (before bootstrap) */
  const gint32        *labels;           /* classifiers: each sample's class */
  gsize                n_bootstrap;      /* 0: no bootstrap */
  gboolean             balanced_subsample;
  const gint64        *seeds;            /* of the trees to grow */
  MpTreeGrown         *grown;
  gsize                n_new;
  gint                 next;             /* the next tree to grow (atomic) */
  GError              *error;            /* the first tree's that failed (atomic) */
} ForestFit;

/* scikit-learn's _generate_sample_indices: RandomState(seed).randint(0,
 * n_samples, n_bootstrap), counted per sample. */
static void
bootstrap_counts (gint64  seed,
                  gsize   n_samples,
                  gsize   n_bootstrap,
                  double *counts)
{
  MpRandom random;

  _mp_random_init (&random, (guint32) seed);
  memset (counts, 0, n_samples * sizeof (double));
  for (gsize k = 0; k < n_bootstrap; k++)
    counts[_mp_random_interval (&random, n_samples - 1)] += 1;
}

/* compute_sample_weight('balanced', y, indices=...): each class's weight
 * on the bootstrap sample, 0 for classes it lacks. */
static void
multiply_balanced_subsample (const ForestFit *fit,
                             const double    *counts,
                             double          *weight)
{
  gsize n_classes = fit->data.n_classes;
  g_autofree double *class_counts = g_new0 (double, n_classes);
  double n_present = 0;

  for (gsize i = 0; i < fit->data.n_samples; i++)
    class_counts[fit->labels[i]] += counts[i];
  for (gsize k = 0; k < n_classes; k++)
    n_present += class_counts[k] > 0;
  for (gsize i = 0; i < fit->data.n_samples; i++)
    {
      double count = class_counts[fit->labels[i]];

      weight[i] *= count > 0 ? (double) fit->n_bootstrap / (n_present * count) : 0.0;
    }
}

static void
grow_one_tree (ForestFit *fit,
               gsize      t)
{
  gsize n = fit->data.n_samples;
  g_autofree double *weight = NULL;
  g_autoptr(GError) error = NULL;
  double total_weight = (double) n;
  const double *tree_weight = fit->sample_weight;
  MpTreeGrowth growth;

  if (fit->n_bootstrap > 0)
    {
      g_autofree double *counts = g_new (double, MAX (n, 1));

      bootstrap_counts (fit->seeds[t], n, fit->n_bootstrap, counts);
      weight = g_new (double, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        weight[i] = (fit->sample_weight != NULL ? fit->sample_weight[i] : 1.0) * counts[i];
      if (fit->balanced_subsample)
        multiply_balanced_subsample (fit, counts, weight);
      tree_weight = weight;
    }
  if (tree_weight != NULL)
    total_weight = _mp_pairwise_sum (tree_weight, n);

  if (!_mp_tree_resolve_growth (&fit->forest->tree_params, fit->is_classifier, n, fit->data.n_features,
                                total_weight, &growth, &error))
    {
      if (g_atomic_pointer_compare_and_exchange (&fit->error, NULL, error))
        error = NULL;
      return;
    }
  growth.seed = _mp_tree_seed_from_random_state (fit->seeds[t]);
  _mp_tree_grow (&fit->data, tree_weight, &growth, &fit->grown[t]);
}

/* A worker: grows the next tree nobody has taken until none is left. The
 * threads are joined (not a pool) so that what they wrote is ordered
 * before the joining thread reads it, for the reader and for TSan. */
static gpointer
grow_trees (gpointer data)
{
  ForestFit *fit = data;

  for (;;)
    {
      gsize t = (gsize) g_atomic_int_add (&fit->next, 1);

      if (t >= fit->n_new)
        return NULL;
      grow_one_tree (fit, t);
    }
}

static gsize
n_bootstrap_of (MpForest  *forest,
                gsize      n_samples,
                GError   **error)
{
  gboolean is_fraction;
  double value;

  if (forest->max_samples == NULL)
    return n_samples;
  if (!_mp_count_or_fraction_parse (forest->max_samples, &is_fraction, &value))
    g_return_val_if_reached (0);
  if (is_fraction)
    return (gsize) MAX (nearbyint ((double) n_samples * value), 1);
  if (value > (double) n_samples)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "max_samples: %s is more than the %" G_GSIZE_FORMAT " training samples",
                   forest->max_samples, n_samples);
      return 0;
    }
  return (gsize) value;
}

/* The out-of-bag predictions and score, as scikit-learn's
 * _compute_oob_predictions: each sample's average over the trees that
 * did not draw it (probabilities for a classifier), over every tree of the
 * stored forest; each tree's sample is drawn again from its seed. */
static gboolean
compute_oob (MpEstimator   *estimator,
             const gint32  *labels,
             gsize          n_bootstrap,
             MpArray       *x,
             MpArray       *y,
             GError       **error)
{
  MpForest *forest = MP_FOREST (estimator);
  gboolean is_classifier = labels != NULL;
  gsize n = mp_array_get_dim (x, 0), n_features = mp_array_get_dim (x, 1);
  gsize n_trees = mp_array_get_n_elements (forest->tree_node_counts);
  const gint64 *node_counts = mp_array_get_int64_data (forest->tree_node_counts);
  const gint64 *seeds = mp_array_get_int64_data (forest->tree_seeds);
  gsize n_values = is_classifier ? mp_array_get_n_elements (forest->classes) : 1;
  const double *rows = mp_array_get_float64_data (x);
  g_autofree double *sum = g_new0 (double, MAX (n * n_values, 1));
  g_autofree gint64 *n_oob = g_new0 (gint64, MAX (n, 1));
  g_autofree double *counts = g_new (double, MAX (n, 1));
  g_autofree double *scratch = g_new (double, MAX (n_values, 1));
  g_autoptr(MpArray) decision = NULL;
  gsize shape[2] = { n, n_values }, first = 0;
  gboolean some_missing = FALSE;
  double score;

  for (gsize t = 0; t < n_trees; t++)
    {
      MpTreeView view;

      _mp_tree_arrays_view (&forest->trees, first, (gsize) node_counts[t], &view);
      first += (gsize) node_counts[t];
      bootstrap_counts (seeds[t], n, n_bootstrap, counts);
      for (gsize i = 0; i < n; i++)
        {
          if (counts[i] > 0)
            continue;
          memcpy (scratch, view.value + _mp_tree_find_leaf (&view, rows + i * n_features) * n_values,
                  n_values * sizeof (double));
          if (is_classifier)
            _mp_tree_counts_to_proba (scratch, 1, n_values);
          for (gsize k = 0; k < n_values; k++)
            sum[i * n_values + k] += scratch[k];
          n_oob[i]++;
        }
    }
  for (gsize i = 0; i < n; i++)
    {
      if (n_oob[i] == 0)
        {
          some_missing = TRUE;
          n_oob[i] = 1;
        }
      for (gsize k = 0; k < n_values; k++)
        sum[i * n_values + k] /= (double) n_oob[i];
    }
  if (some_missing)
    g_message ("%s: some samples were drawn by every tree and have no out-of-bag estimate; "
               "the out-of-bag score may be unreliable (use more trees)", G_OBJECT_TYPE_NAME (estimator));

  if (is_classifier)
    {
      g_autofree gint32 *winners = _mp_row_argmax (sum, n, n_values);
      gsize correct = 0;

      for (gsize i = 0; i < n; i++)
        correct += winners[i] == labels[i];
      score = (double) correct / (double) n;
      decision = mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&sum));
    }
  else
    {
      decision = mp_array_new_take (MP_DTYPE_FLOAT64, shape, 1, g_steal_pointer (&sum));
      score = mp_r2_score (y, decision, error);
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  g_object_set (estimator,
                is_classifier ? "oob-decision-function" : "oob-prediction", decision,
                "oob-score-value", score,
                NULL);
  return TRUE;
}

/* With warm_start, how many of the trees fitted before stay (0 for a
 * fresh fit); FALSE with an error where they cannot. */
static gboolean
trees_to_keep (MpEstimator  *estimator,
               MpArray      *x,
               MpArray      *classes,
               gsize        *n_kept,
               GError      **error)
{
  MpForest *forest = MP_FOREST (estimator);
  gsize n_fitted;

  *n_kept = 0;
  if (!forest->warm_start || forest->tree_node_counts == NULL)
    return TRUE;

  /* the trees must be sound and read the same features and classes */
  if (!_mp_forest_validate (estimator, error))
    return FALSE;
  if (mp_array_get_dim (x, 1) != (gsize) mp_estimator_get_n_features_in (estimator))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " features; with warm_start the forest's trees read %u",
                   mp_array_get_dim (x, 1), mp_estimator_get_n_features_in (estimator));
      return FALSE;
    }
  if (classes != NULL && !mp_array_equal (classes, forest->classes))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: other classes than the forest's trees were grown on (warm_start)");
      return FALSE;
    }
  n_fitted = mp_array_get_n_elements (forest->tree_node_counts);
  if ((gsize) forest->n_estimators < n_fitted)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_estimators: %d is fewer than the %" G_GSIZE_FORMAT " trees fitted; with warm_start "
                   "a forest only grows", forest->n_estimators, n_fitted);
      return FALSE;
    }
  *n_kept = n_fitted;
  return TRUE;
}

gboolean
_mp_forest_fit (MpEstimator  *estimator,
                MpArray      *x,
                MpArray      *y,
                GError      **error)
{
  MpForest *forest = MP_FOREST (estimator);
  gboolean is_classifier = mp_estimator_get_kind (estimator) == MP_ESTIMATOR_KIND_CLASSIFIER;
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  gsize n_trees = (gsize) forest->n_estimators, n_kept, n_new, shape;
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(MpArray) node_counts = NULL;
  g_autoptr(MpArray) seeds = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree double *targets = NULL;
  g_autofree double *class_weights = NULL;
  g_autofree double *sample_weight = NULL;
  g_autofree float *columns = NULL;
  g_autofree gint64 *seed_values = NULL;
  g_autofree gint64 *count_values = NULL;
  MpTreeArrays kept = { 0, };
  ForestFit fit = { 0, };
  MpTreeGrowth check_growth;
  g_autofree GThread **threads = NULL;
  MpRandom random;
  guint n_threads;
  gboolean ok = TRUE;

  if (forest->n_jobs == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "n_jobs: 0 threads; use None, -1 (all processors) or a count");
      return FALSE;
    }

  if (is_classifier)
    {
      if (!_mp_encode_labels (y, &classes, &labels, error))
        return FALSE;
      targets = g_new (double, MAX (n_samples, 1));
      for (gsize i = 0; i < n_samples; i++)
        targets[i] = labels[i];
      /* balanced_subsample is per tree with a bootstrap, 'balanced'
       * without one */
      if (forest->class_weight != NULL &&
          !(forest->bootstrap && strcmp (forest->class_weight, "balanced_subsample") == 0))
        {
          const char *text = strcmp (forest->class_weight, "balanced_subsample") == 0 ? "balanced"
                                                                                       : forest->class_weight;

          if (!_mp_class_weight_compute (text, classes, labels, n_samples, &class_weights, error))
            return FALSE;
          sample_weight = g_new (double, MAX (n_samples, 1));
          for (gsize i = 0; i < n_samples; i++)
            sample_weight[i] = class_weights[labels[i]];
        }
    }
  else
    {
      targets = _mp_regression_targets (estimator, y, error);
      if (targets == NULL)
        return FALSE;
    }

  /* the hyperparameters' errors before any thread starts */
  if (!_mp_tree_resolve_growth (&forest->tree_params, is_classifier, n_samples, n_features,
                                (double) n_samples, &check_growth, error))
    return FALSE;
  if (!trees_to_keep (estimator, x, classes, &n_kept, error))
    return FALSE;
  n_new = n_trees - n_kept;
  if (n_kept > 0 && n_new == 0)
    {
      g_message ("%s: warm_start without more n_estimators grows no new tree", G_OBJECT_TYPE_NAME (estimator));
      return TRUE;
    }

  fit.forest = forest;
  fit.is_classifier = is_classifier;
  fit.sample_weight = sample_weight;
  fit.labels = labels;
  if (forest->bootstrap)
    {
      fit.n_bootstrap = n_bootstrap_of (forest, n_samples, error);
      if (fit.n_bootstrap == 0)
        return FALSE;
      fit.balanced_subsample = g_strcmp0 (forest->class_weight, "balanced_subsample") == 0;
    }

  /* every tree's seed first, in order: RandomState(random_state)
   * .randint(2**31 - 1) each, the kept trees' draws made again and
   * dropped as scikit-learn's warm start does */
  seed_values = g_new (gint64, n_trees);
  if (n_kept > 0)
    memcpy (seed_values, mp_array_get_int64_data (forest->tree_seeds), n_kept * sizeof (gint64));
  _mp_random_init_from_state (&random, forest->tree_params.random_state);
  for (gsize t = 0; t < n_trees; t++)
    {
      gint64 seed = (gint64) _mp_random_interval (&random, G_MAXINT32 - 1);

      if (t >= n_kept)
        seed_values[t] = seed;
    }
  fit.seeds = seed_values + n_kept;

  columns = _mp_tree_x_columns (x);
  fit.data.x_columns = columns;
  fit.data.n_samples = n_samples;
  fit.data.n_features = n_features;
  fit.data.y = targets;
  fit.data.n_classes = is_classifier ? mp_array_get_n_elements (classes) : 0;
  fit.grown = g_new0 (MpTreeGrown, n_new);
  fit.n_new = n_new;

  /* each tree is grown by one thread, on data every thread only reads;
   * this thread is one of them */
  n_threads = MIN (_mp_forest_n_threads (forest->n_jobs), n_new);
  threads = g_new0 (GThread *, n_threads);
  for (guint w = 1; w < n_threads; w++)
    threads[w] = g_thread_new ("mp-forest-fit", grow_trees, &fit);
  grow_trees (&fit);
  for (guint w = 1; w < n_threads; w++)
    g_thread_join (threads[w]);

  if (fit.error != NULL)
    {
      g_propagate_error (error, fit.error);
      ok = FALSE;
    }
  if (ok)
    {
      shape = n_trees;
      count_values = g_new (gint64, n_trees);
      if (n_kept > 0)
        {
          memcpy (count_values, mp_array_get_int64_data (forest->tree_node_counts), n_kept * sizeof (gint64));
          kept = forest->trees;
        }
      for (gsize t = 0; t < n_new; t++)
        count_values[n_kept + t] = (gint64) fit.grown[t].n_nodes;
      node_counts = mp_array_new_take (MP_DTYPE_INT64, &shape, 1, g_steal_pointer (&count_values));
      seeds = mp_array_new_take (MP_DTYPE_INT64, &shape, 1, g_steal_pointer (&seed_values));
      /* the stored trees go on being read until they are replaced */
      _mp_tree_arrays_store (estimator, n_kept > 0 ? &kept : NULL, fit.grown, n_new, is_classifier);
      g_object_set (estimator,
                    "tree-node-counts", node_counts,
                    "tree-seeds", seeds,
                    "max-features-fitted", (gint64) check_growth.max_features,
                    "oob-score-value", 0.0,
                    is_classifier ? "oob-decision-function" : "oob-prediction", NULL,
                    NULL);
      if (is_classifier)
        g_object_set (estimator, "classes", classes, NULL);
      if (forest->oob_score)
        ok = compute_oob (estimator, labels, fit.n_bootstrap, x, y, error);
    }
  for (gsize t = 0; t < n_new; t++)
    _mp_tree_grown_clear (&fit.grown[t]);
  g_free (fit.grown);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Validate                                                            */
/* ------------------------------------------------------------------ */

gboolean
_mp_forest_validate (MpEstimator  *estimator,
                     GError      **error)
{
  MpForest *forest = MP_FOREST (estimator);
  gboolean is_classifier = mp_estimator_get_kind (estimator) == MP_ESTIMATOR_KIND_CLASSIFIER;
  gint64 n_features = mp_estimator_get_n_features_in (estimator);
  MpEstimatorClass *parent = g_type_class_peek_parent (MP_ESTIMATOR_GET_CLASS (estimator));

  /* the declarations first: the forests derive from MpEstimator itself */
  if (!parent->validate (estimator, error))
    return FALSE;
  if (is_classifier && !_mp_check_classes (forest->classes, 1, error))
    return FALSE;
  if (forest->max_features_fitted > n_features)
    return _mp_invalid_state (error, "max_features_: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " features",
                              forest->max_features_fitted, n_features);
  return _mp_tree_arrays_check (&forest->trees, mp_array_get_int64_data (forest->tree_node_counts),
                                mp_array_get_n_elements (forest->tree_node_counts), n_features,
                                is_classifier ? MP_TREE_VALUES_COUNTS : MP_TREE_VALUES_ANY, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Predict                                                             */
/* ------------------------------------------------------------------ */

/* Rows [first, last) of one prediction: every tree, in order, adds its
 * value (a classifier's as probabilities) to each row's sum; so the sums
 * are the same whatever the split of rows between threads. */
typedef struct {
  MpForest            *forest;
  gboolean             as_proba;
  const double        *values;
  const double        *rows;
  gsize                n_features;
  double              *out;        /* n_rows x n_values */
  gsize                n_values;
  gsize                first, last;
} PredictChunk;

/* numpy's sum of fewer than 8 values (its pairwise sum adds them in
 * order), without the call: it runs once per row and tree. */
static inline double
small_sum (const double *values,
           gsize         n)
{
  double sum = 0.0;

  for (gsize k = 0; k < n; k++)
    sum += values[k];
  return sum;
}

/* Rows go through the trees in large blocks, tree after tree, as
 * scikit-learn walks each tree over all rows: a tree's nodes come from
 * memory once per block. With blocks of 256 rows a 500-tree forest of 25
 * million nodes predicted 2.5x slower than scikit-learn's, each tree's
 * deep nodes read again for every 256 rows; with 8192 it is faster. A
 * packed copy of the nodes (the test and both children in 16 bytes) gained
 * 8% more, not worth a third more memory. */
#define ROW_BLOCK 8192
/* Threads only for predictions with this many rows each, at least. */
#define ROWS_PER_THREAD 256

static gpointer
predict_chunk (gpointer data)
{
  PredictChunk *chunk = data;
  MpForest *forest = chunk->forest;
  const gint64 *counts = mp_array_get_int64_data (forest->tree_node_counts);
  gsize n_trees = mp_array_get_n_elements (forest->tree_node_counts);
  gsize n_values = chunk->n_values;

  for (gsize block = chunk->first; block < chunk->last; block += ROW_BLOCK)
    {
      gsize end = MIN (block + ROW_BLOCK, chunk->last);
      gsize first_node = 0;

      for (gsize t = 0; t < n_trees; t++)
        {
          const double *values = chunk->values + first_node * n_values;
          MpTreeView view;

          _mp_tree_arrays_view (&forest->trees, first_node, (gsize) counts[t], &view);

          for (gsize i = block; i < end; i++)
            {
              const double *value = values + _mp_tree_find_leaf (&view, chunk->rows + i * chunk->n_features)
                                             * n_values;
              double *out = chunk->out + i * n_values;

              if (chunk->as_proba)
                {
                  double sum = n_values < 8 ? small_sum (value, n_values) : _mp_pairwise_sum (value, n_values);

                  if (sum == 0.0)
                    sum = 1.0;
                  for (gsize k = 0; k < n_values; k++)
                    out[k] += value[k] / sum;
                }
              else
                out[0] += value[0];
            }
          first_node += (gsize) counts[t];
        }
    }
  return NULL;
}

/* The average over the trees of each row's value: probabilities for a
 * classifier, predictions for a regressor, as scikit-learn sums them (tree
 * after tree) and divides by the number of trees. */
static double *
forest_average (MpEstimator *estimator,
                MpArray     *x,
                gsize       *n_values)
{
  MpForest *forest = MP_FOREST (estimator);
  gboolean is_classifier = mp_estimator_get_kind (estimator) == MP_ESTIMATOR_KIND_CLASSIFIER;
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_trees = mp_array_get_n_elements (forest->tree_node_counts);
  gsize n_nodes = mp_array_get_n_elements (forest->trees.children_left);
  guint n_threads = _mp_forest_n_threads (forest->n_jobs);
  g_autofree PredictChunk *chunks = NULL;
  g_autofree GThread **threads = NULL;
  double *out;

  *n_values = is_classifier ? mp_array_get_n_elements (forest->classes) : 1;
  out = g_new0 (double, MAX (n_samples * *n_values, 1));

  /* threads only where the work outweighs starting them */
  if ((double) n_samples * (double) n_nodes < 1e6 || n_samples < 2 * ROWS_PER_THREAD)
    n_threads = 1;
  n_threads = MAX (1, MIN (n_threads, (guint) (n_samples / ROWS_PER_THREAD)));
  chunks = g_new0 (PredictChunk, n_threads);
  threads = g_new0 (GThread *, n_threads);
  for (guint c = 0; c < n_threads; c++)
    {
      chunks[c] = (PredictChunk) { forest, is_classifier, mp_array_get_float64_data (forest->trees.value),
                                   mp_array_get_float64_data (x), mp_array_get_dim (x, 1),
                                   out, *n_values, n_samples * c / n_threads, n_samples * (c + 1) / n_threads };
      if (c > 0)
        threads[c] = g_thread_new ("mp-forest-predict", predict_chunk, &chunks[c]);
    }
  predict_chunk (&chunks[0]);
  for (guint c = 1; c < n_threads; c++)
    g_thread_join (threads[c]);

  for (gsize i = 0; i < n_samples * *n_values; i++)
    out[i] /= (double) n_trees;
  return out;
}

MpArray *
_mp_forest_predict (MpEstimator  *estimator,
                    MpArray      *x,
                    GError      **error)
{
  MpForest *forest = MP_FOREST (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_values;
  double *average = forest_average (estimator, x, &n_values);
  g_autofree gint32 *winners = NULL;

  if (mp_estimator_get_kind (estimator) != MP_ESTIMATOR_KIND_CLASSIFIER)
    return mp_array_new_take (MP_DTYPE_FLOAT64, &n_samples, 1, average);
  winners = _mp_row_argmax (average, n_samples, n_values);
  g_free (average);
  return _mp_decode_labels (forest->classes, winners, n_samples);
}

MpArray *
_mp_forest_predict_proba (MpEstimator  *estimator,
                          MpArray      *x,
                          GError      **error)
{
  gsize shape[2] = { mp_array_get_dim (x, 0), 0 };
  double *average = forest_average (estimator, x, &shape[1]);

  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, average);
}

char *
_mp_forest_format_param (MpEstimator *estimator,
                         GParamSpec  *pspec)
{
  MpForest *forest = MP_FOREST (estimator);

  if (strcmp (pspec->name, "class-weight") == 0)
    return _mp_class_weight_format (forest->class_weight);
  if (strcmp (pspec->name, "max-samples") == 0)
    return _mp_count_or_fraction_format (forest->max_samples);
  return _mp_tree_format_param (&forest->tree_params, pspec);
}
