/* mp-k-neighbors-classifier.c: classification by a vote of the k nearest
 * training samples
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mp-brute-search-private.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-labels-private.h"
#include "mp-k-neighbors-classifier.h"
#include "mp-pairwise-sum-private.h"
#include "mp-property-table-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-k-neighbors-classifier
 * @Title: MpKNeighborsClassifier
 * @Short_description: a vote among the k nearest training samples
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * g_autoptr(MpEstimator) knn = g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER,
 *                                            "n-neighbors", 7,
 *                                            "weights", "distance",
 *                                            NULL);
 * g_autoptr(MpArray) distances = NULL;
 * g_autoptr(MpArray) indices = NULL;
 *
 * if (!mp_estimator_fit (knn, x, mp_dataset_get_target (iris), &error) ||
 *     !mp_k_neighbors_classifier_kneighbors (MP_K_NEIGHBORS_CLASSIFIER (knn), x, 3,
 *                                            &distances, &indices, &error))
 *   g_warning ("KNN: %s", error->message);   // else indices is 150 x 3, int64
 * ]|
 *
 * #MpKNeighborsClassifier is scikit-learn's `KNeighborsClassifier` with
 * `algorithm='brute'`: fit keeps the training samples, and predict finds,
 * for each query, the #MpKNeighborsClassifier:n-neighbors training samples
 * nearest to it under the Manhattan (#MpKNeighborsClassifier:p = 1) or
 * Euclidean (p = 2) distance and lets them vote, each with one vote or with
 * the inverse of its distance (#MpKNeighborsClassifier:weights).
 *
 * Predictions, probabilities and neighbours are the ones scikit-learn 1.2
 * returns with `algorithm='brute'`, ties included: neighbours at equal
 * distance are chosen and ordered as scikit-learn's brute-force search
 * chooses and orders them, and a tied vote goes to the smallest class.
 * When the training set is much larger than the query set, scikit-learn
 * splits it between its threads, and which of several equidistant samples
 * wins can depend on the thread count. Both count threads the same way:
 * `OMP_NUM_THREADS` when it is set, otherwise the processors the process
 * may run on, capped by a cgroup CPU limit; so they agree on the same
 * machine (scikit-learn's `LOKY_MAX_CPU_COUNT` and threadpoolctl limits
 * are not seen here: set `OMP_NUM_THREADS` to pin both).
 *
 * fit keeps a reference to the training matrix it is given (once it is
 * float64) rather than a copy, so a model fitted on, or loaded with, a
 * large matrix costs no second copy of it.
 *
 * Unlike scikit-learn, fit refuses more neighbours than training samples
 * (scikit-learn only fails later, in predict).
 */

struct _MpKNeighborsClassifier
{
  MpEstimator            parent_instance;

  MpEnumField            algorithm;     /* MpKNeighborsAlgorithm */
  gint                   n_neighbors;
  gint                   p;
  MpEnumField            weights;       /* MpKNeighborsWeights */

  MpArray               *fit_x;
  MpArray               *y;
  MpArray               *classes;
  guint64                n_samples_fit;
};

G_DEFINE_FINAL_TYPE (MpKNeighborsClassifier, mp_k_neighbors_classifier, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpKNeighborsClassifier, member)

/* n_samples_fit_ gives n_samples_fit its value, and _fit_X and _y must
 * agree with it. Every check here costs O(1) but classes_'s, linear in the
 * number of classes: _fit_X is not scanned for non-finite values, and
 * _y's class indices are MP_STATE_FLAG_CHECKED_ON_USE,
 * so that loading a model of any size stays constant-time (a scan of
 * 8,000,000 labels costs more than the whole rest of a mapped load) while
 * predict stays memory-safe: a bad label is MP_ERROR_INVALID_STATE the
 * moment it would be used (neighbour_classes()), even if a mapped sidecar
 * changed after load. */
static const MpPropertyDecl properties[] = {
  /**
   * MpKNeighborsClassifier:algorithm:
   *
   * How neighbours are searched: a word of #MpKNeighborsAlgorithm. Only
   * `brute` exists, and it is what the string form names, so that
   * scikit-learn given the same string finds the same neighbours. Any other
   * text is kept as given and refused by fit and by the loader. From C,
   * mp_estimator_set_enum() sets it from the enum.
   *
   * Since: 0.1
   */
  { .name = "algorithm", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (algorithm), .enum_type = mp_k_neighbors_algorithm_get_type,
    .default_number = MP_K_NEIGHBORS_ALGORITHM_BRUTE },
  /**
   * MpKNeighborsClassifier:n-neighbors:
   *
   * How many neighbours vote (`n_neighbors`), at least 1. fit refuses
   * values below 1 or above the number of training samples with
   * %MP_ERROR_INVALID_ARGUMENT.
   *
   * Since: 0.1
   */
  { .name = "n-neighbors", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT,
    .offset = FIELD (n_neighbors), .default_number = 5, .interval = TRUE, .minimum = 1,
    .maximum = INFINITY },
  /**
   * MpKNeighborsClassifier:p:
   *
   * The power of the Minkowski distance: 1 for the Manhattan distance, 2
   * for the Euclidean one. fit refuses any other value with
   * %MP_ERROR_INVALID_ARGUMENT.
   *
   * Since: 0.1
   */
  { .name = "p", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT,
    .offset = FIELD (p), .default_number = 2, .interval = TRUE, .minimum = 1, .maximum = 2 },
  /**
   * MpKNeighborsClassifier:weights:
   *
   * How neighbours vote: a word of #MpKNeighborsWeights, `uniform` (the
   * default) or `distance`. Any other text is kept as given and refused by
   * fit and by the loader. From C, mp_estimator_set_enum()
   * sets it from the enum.
   *
   * Since: 0.1
   */
  { .name = "weights", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (weights), .enum_type = mp_k_neighbors_weights_get_type,
    .default_number = MP_K_NEIGHBORS_WEIGHTS_UNIFORM },
  /**
   * MpKNeighborsClassifier:n-samples-fit:
   *
   * The number of training samples (`n_samples_fit_`), at least 1.
   *
   * Since: 0.1
   */
  { .name = "n-samples-fit", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_UINT64,
    .offset = FIELD (n_samples_fit), .symbol = "n_samples_fit", .interval = TRUE, .minimum = 1,
    .maximum = INFINITY },
  /**
   * MpKNeighborsClassifier:fit-x:
   *
   * The training samples, an n_samples_fit x n_features float64 matrix
   * (scikit-learn's `_fit_X`). fit stores the matrix it was given, not a
   * copy.
   *
   * Since: 0.1
   */
  { .name = "fit-x", .display_name = "_fit_X", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_ARRAY, .offset = FIELD (fit_x), .dtypes = "float64",
    .shape = "(n_samples_fit, n_features_in)" },
  /**
   * MpKNeighborsClassifier:y:
   *
   * The class of each training sample as an index into
   * #MpKNeighborsClassifier:classes, a 1-D int32 array (scikit-learn's
   * `_y`). The indices are checked where predict reads them.
   *
   * Since: 0.1
   */
  { .name = "y", .display_name = "_y", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (y), .dtypes = "int32", .shape = "(n_samples_fit,)",
    .state = MP_STATE_FLAG_INDEX | MP_STATE_FLAG_CHECKED_ON_USE, .bound = "n_classes" },
  /**
   * MpKNeighborsClassifier:classes:
   *
   * The distinct training labels, sorted (`classes_`).
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY },
};

/* The neighbours of a block of queries, as _mp_brute_search returns them. */
typedef struct
{
  gsize    n_queries;
  gsize    k;
  gdouble *distances;
  gint64  *indices;
} Neighbours;

static void
neighbours_clear (Neighbours *n)
{
  g_clear_pointer (&n->distances, g_free);
  g_clear_pointer (&n->indices, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Neighbours, neighbours_clear)

/* The base class has checked everything declared: dtypes, shapes against
 * n_samples_fit_ and n_features_in_, classes_ sorted, the hyperparameters'
 * ranges. This adds what no declaration states. */
static gboolean
mp_k_neighbors_classifier_validate (MpEstimator  *estimator,
                                    GError      **error)
{
  MpKNeighborsClassifier *self = MP_K_NEIGHBORS_CLASSIFIER (estimator);
  guint n_features = mp_estimator_get_n_features_in (estimator);
  gsize n_classes;

  if (!MP_ESTIMATOR_CLASS (mp_k_neighbors_classifier_parent_class)->validate (estimator, error))
    return FALSE;

  /* the search indexes features with int */
  if (n_features > G_MAXINT)
    return _mp_invalid_state (error, "n_features_in_: %u features is more than supported", n_features);

  /* classes_ holds the distinct labels of the training samples, so each
   * class has at least one sample: more classes than samples is not a
   * state fit makes, and would let a small file make predict_proba's
   * output (n_queries x n_classes) as large as it likes. That bound also
   * keeps validate's scan of classes_ within the training set's size. */
  n_classes = mp_array_get_dim (self->classes, 0);
  if (n_classes > self->n_samples_fit)
    return _mp_invalid_state (error, "classes_: holds %" G_GSIZE_FORMAT " classes, more than the %"
                              G_GUINT64_FORMAT " training samples (n_samples_fit_) that must each have one",
                              n_classes, self->n_samples_fit);
  /* predict's class indices are gint32 */
  if (n_classes > G_MAXINT32)
    return _mp_invalid_state (error, "classes_: %" G_GSIZE_FORMAT " classes is more than supported",
                              n_classes);

  if ((guint64) self->n_neighbors > self->n_samples_fit)
    {
      g_set_error (error, MP_ERROR, _mp_estimator_parameter_error_code (estimator),
                   "n_neighbors: %d is more than the %" G_GUINT64_FORMAT " samples of _fit_X",
                   self->n_neighbors, self->n_samples_fit);
      return FALSE;
    }

  return TRUE;
}

static gboolean
mp_k_neighbors_classifier_fit (MpEstimator  *estimator,
                               MpArray      *x,
                               MpArray      *y,
                               GError      **error)
{
  MpKNeighborsClassifier *self = MP_K_NEIGHBORS_CLASSIFIER (estimator);
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(MpArray) encoded_y = NULL;
  g_autofree gint32 *indices = NULL;
  gsize n_samples = mp_array_get_dim (x, 0);

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: KNeighborsClassifier needs labels");
      return FALSE;
    }

  /* mp_estimator_fit() has checked every declared range */
  if ((gsize) self->n_neighbors > n_samples)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_neighbors: %d is more than the %" G_GSIZE_FORMAT " training samples",
                   self->n_neighbors, n_samples);
      return FALSE;
    }

  if (mp_array_get_dim (x, 1) > G_MAXINT)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " features is more than supported",
                   mp_array_get_dim (x, 1));
      return FALSE;
    }

  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;
  encoded_y = mp_array_new_take (MP_DTYPE_INT32, &n_samples, 1, g_steal_pointer (&indices));

  /* @x is the caller's float64 matrix itself, not a copy. */
  g_object_set (self,
                "fit-x", x,
                "y", encoded_y,
                "classes", classes,
                "n-samples-fit", (guint64) n_samples,
                NULL);

  return TRUE;
}

static MpBruteMetric
metric_of (MpKNeighborsClassifier *self)
{
  return self->p == 1 ? MP_BRUTE_METRIC_MANHATTAN : MP_BRUTE_METRIC_EUCLIDEAN;
}

/* Finds the @k nearest training samples of every row of @x, which has
 * passed _mp_check_features and has the fitted feature count, for
 * kneighbors, whose caller asked for all n_queries x k of them. */
static gboolean
find_neighbours (MpKNeighborsClassifier  *self,
                 MpArray                 *x,
                 gsize                    k,
                 gboolean                 exact_distances,
                 Neighbours              *out,
                 GError                 **error)
{
  gsize n_queries = mp_array_get_dim (x, 0);
  gsize n_out;

  if (k > self->n_samples_fit)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_neighbors: expected at most %" G_GUINT64_FORMAT " (the training samples), got %" G_GSIZE_FORMAT,
                   self->n_samples_fit, k);
      return FALSE;
    }

  if (!g_size_checked_mul (&n_out, n_queries, k) || n_out > G_MAXSIZE / sizeof (gdouble))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_neighbors: %" G_GSIZE_FORMAT " neighbours of %" G_GSIZE_FORMAT " samples is too many",
                   k, n_queries);
      return FALSE;
    }

  out->n_queries = n_queries;
  out->k = k;
  out->distances = g_new (gdouble, MAX (n_out, 1));
  out->indices = g_new (gint64, MAX (n_out, 1));

  return _mp_brute_search (mp_array_get_float64_data (x), n_queries,
                           mp_array_get_float64_data (self->fit_x), (gsize) self->n_samples_fit,
                           mp_array_get_dim (x, 1), k, metric_of (self),
                           exact_distances, out->distances, out->indices, error);
}

/* Reads the class of each neighbour, refusing any index that is not a
 * class: the fitted arrays may be views of a file that changed since
 * validate ran, so each value is read once and checked before use. */
static gboolean
neighbour_classes (MpKNeighborsClassifier  *self,
                   const gint64            *indices,
                   gsize                    n_entries,
                   gint32                  *classes_out,
                   GError                 **error)
{
  const gint32 *labels = mp_array_get_int32_data (self->y);
  gsize n_classes = mp_array_get_dim (self->classes, 0);
  gsize n_samples = (gsize) self->n_samples_fit;

  for (gsize e = 0; e < n_entries; e++)
    {
      gint64 index = indices[e];
      gint32 label;

      if (index < 0 || (guint64) index >= n_samples)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "_fit_X: neighbour index %" G_GINT64_FORMAT " is out of range", index);
          return FALSE;
        }

      label = labels[index];
      if (label < 0 || (gsize) label >= n_classes)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "_y: element %" G_GINT64_FORMAT " is %d, not a class index below %" G_GSIZE_FORMAT,
                       index, label, n_classes);
          return FALSE;
        }
      classes_out[e] = label;
    }

  return TRUE;
}

/* scikit-learn's 'distance' weights: the inverse distance, or, in a row
 * where some inverse is infinite (a neighbour at distance zero), 1 for
 * those neighbours and 0 for the others. */
static void
distance_weights (const gdouble *distances,
                  gsize          k,
                  gdouble       *weights)
{
  gboolean any_infinite = FALSE;

  for (gsize j = 0; j < k; j++)
    {
      weights[j] = 1.0 / distances[j];
      if (isinf (weights[j]))
        any_infinite = TRUE;
    }

  if (any_infinite)
    for (gsize j = 0; j < k; j++)
      weights[j] = isinf (weights[j]) ? 1.0 : 0.0;
}

static int
compare_int32 (const void *a,
               const void *b)
{
  gint32 x = *(const gint32 *) a;
  gint32 y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

/* The class with the most votes; ties go to the smallest class index, as
 * scipy.stats.mode and sklearn.utils.extmath.weighted_mode decide. With
 * weights, each class's total is summed over the row of k weights (zero
 * where the neighbour is of another class) in numpy's order, so that even
 * totals equal up to rounding compare as they do in scikit-learn. */
static gint32
vote (const gint32  *labels,
      const gdouble *weights,
      gsize          k,
      gint32        *sorted,
      gdouble       *row)
{
  gint32 best = 0;

  memcpy (sorted, labels, k * sizeof (gint32));
  qsort (sorted, k, sizeof (gint32), compare_int32);

  if (weights == NULL)
    {
      gsize best_count = 0;

      for (gsize start = 0; start < k;)
        {
          gsize end = start;

          while (end < k && sorted[end] == sorted[start])
            end++;
          if (end - start > best_count)
            {
              best_count = end - start;
              best = sorted[start];
            }
          start = end;
        }
    }
  else
    {
      gdouble best_total = 0.0;

      for (gsize start = 0; start < k;)
        {
          gint32 label = sorted[start];
          gdouble total;

          for (gsize j = 0; j < k; j++)
            row[j] = labels[j] == label ? weights[j] : 0.0;
          total = _mp_pairwise_sum (row, k);
          if (total > best_total)
            {
              best_total = total;
              best = label;
            }

          while (start < k && sorted[start] == label)
            start++;
        }
    }

  return best;
}

/* What predict and predict_proba keep while the search hands them the
 * neighbours of one block of queries after the other: the scratch of one
 * block, and the output. So their memory is the output plus the search's
 * (bounded by one block of queries, see _mp_brute_search_blocks()), never
 * n_queries x n_neighbors. */
typedef struct
{
  MpKNeighborsClassifier *self;
  gboolean                weighted;
  gsize                   n_classes;
  gint32                 *labels;       /* the block's neighbours' classes */
  gsize                   labels_size;
  gint32                 *sorted;       /* k */
  gdouble                *weights;      /* k, with distance weights */
  gdouble                *row;          /* k, with distance weights */
  gint32                 *predicted;    /* predict: n_queries */
  gdouble                *proba;        /* predict_proba: n_queries x n_classes */
} Voting;

static void
voting_init (Voting                 *v,
             MpKNeighborsClassifier *self,
             gsize                   k)
{
  memset (v, 0, sizeof *v);
  v->self = self;
  v->weighted = self->weights.value == MP_K_NEIGHBORS_WEIGHTS_DISTANCE;
  v->n_classes = mp_array_get_dim (self->classes, 0);
  v->sorted = g_new (gint32, k);
  if (v->weighted)
    {
      v->weights = g_new (gdouble, k);
      v->row = g_new (gdouble, k);
    }
}

static void
voting_clear (Voting *v)
{
  g_clear_pointer (&v->labels, g_free);
  g_clear_pointer (&v->sorted, g_free);
  g_clear_pointer (&v->weights, g_free);
  g_clear_pointer (&v->row, g_free);
  g_clear_pointer (&v->predicted, g_free);
  g_clear_pointer (&v->proba, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Voting, voting_clear)

/* The classes of a block's neighbours, into v->labels. */
static gboolean
block_labels (Voting        *v,
              gsize          n_queries,
              gsize          k,
              const gint64  *indices,
              GError       **error)
{
  gsize n_entries = n_queries * k;

  if (n_entries > v->labels_size)
    {
      g_free (v->labels);
      v->labels = g_new (gint32, n_entries);
      v->labels_size = n_entries;
    }

  return neighbour_classes (v->self, indices, n_entries, v->labels, error);
}

static gboolean
predict_block (gsize           first,
               gsize           n_queries,
               gsize           k,
               const gdouble  *distances,
               const gint64   *indices,
               gpointer        user_data,
               GError        **error)
{
  Voting *v = user_data;

  if (!block_labels (v, n_queries, k, indices, error))
    return FALSE;

  for (gsize q = 0; q < n_queries; q++)
    {
      if (v->weighted)
        distance_weights (distances + q * k, k, v->weights);
      v->predicted[first + q] = vote (v->labels + q * k, v->weights, k, v->sorted, v->row);
    }

  return TRUE;
}

static gboolean
proba_block (gsize           first,
             gsize           n_queries,
             gsize           k,
             const gdouble  *distances,
             const gint64   *indices,
             gpointer        user_data,
             GError        **error)
{
  Voting *v = user_data;

  if (!block_labels (v, n_queries, k, indices, error))
    return FALSE;

  for (gsize q = 0; q < n_queries; q++)
    {
      gdouble *out = v->proba + (first + q) * v->n_classes;
      const gint32 *labels = v->labels + q * k;
      gdouble normalizer;

      if (v->weighted)
        distance_weights (distances + q * k, k, v->weights);

      /* Votes add up in neighbour order, then each row is divided by its
       * numpy-ordered total, as scikit-learn computes them. */
      for (gsize j = 0; j < k; j++)
        out[labels[j]] += v->weighted ? v->weights[j] : 1.0;

      normalizer = _mp_pairwise_sum (out, v->n_classes);
      if (normalizer == 0.0)
        normalizer = 1.0;
      for (gsize c = 0; c < v->n_classes; c++)
        out[c] /= normalizer;
    }

  return TRUE;
}

/* Runs the search over @x, which has passed _mp_check_features and has the
 * fitted feature count, handing each block to @func with @v. */
static gboolean
search_blocks (MpKNeighborsClassifier  *self,
               MpArray                 *x,
               MpBruteBlockFunc         func,
               Voting                  *v,
               GError                 **error)
{
  return _mp_brute_search_blocks (mp_array_get_float64_data (x), mp_array_get_dim (x, 0),
                                  mp_array_get_float64_data (self->fit_x),
                                  (gsize) self->n_samples_fit, mp_array_get_dim (x, 1),
                                  (gsize) self->n_neighbors, metric_of (self),
                                  v->weighted, func, v, error);
}

static MpArray *
mp_k_neighbors_classifier_predict (MpEstimator  *estimator,
                                   MpArray      *x,
                                   GError      **error)
{
  MpKNeighborsClassifier *self = MP_K_NEIGHBORS_CLASSIFIER (estimator);
  g_auto(Voting) v = { 0, };
  gsize n_queries = mp_array_get_dim (x, 0);

  voting_init (&v, self, (gsize) self->n_neighbors);
  v.predicted = g_new (gint32, MAX (n_queries, 1));

  if (!search_blocks (self, x, predict_block, &v, error))
    return NULL;

  return _mp_decode_labels (self->classes, v.predicted, n_queries);
}

/**
 * mp_k_neighbors_classifier_predict_proba:
 * @self: a fitted #MpKNeighborsClassifier
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Estimates the probability of each class for each row of @x: the share of
 * the neighbours' votes that went to the class. Columns follow the order
 * of the `classes_` property.
 *
 * Returns: (transfer full): an n_samples x n_classes float64 array, or
 *   %NULL with %MP_ERROR_NOT_FITTED before fit, %MP_ERROR_INVALID_INPUT if
 *   @x is not a 2-D array of finite numbers with the fitted feature count,
 *   %MP_ERROR_INVALID_ARGUMENT if #MpKNeighborsClassifier:n-neighbors or
 *   #MpKNeighborsClassifier:p was changed to a value fit would refuse, or
 *   %MP_ERROR_INVALID_STATE if the fitted state is inconsistent
 *
 * Since: 0.1
 */
MpArray *
mp_k_neighbors_classifier_predict_proba (MpKNeighborsClassifier  *self,
                                         MpArray                 *x,
                                         GError                 **error)
{
  g_autoptr(MpArray) checked = NULL;
  g_auto(Voting) v = { 0, };
  gsize shape[2];
  gsize n_queries, n_classes, n_out;

  g_return_val_if_fail (MP_IS_K_NEIGHBORS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the checks mp_estimator_predict() makes: fitted, validated, @x */
  checked = _mp_estimator_check_input (MP_ESTIMATOR (self), x, error);
  if (checked == NULL)
    return NULL;
  n_queries = mp_array_get_dim (checked, 0);
  n_classes = mp_array_get_dim (self->classes, 0);

  /* The output is the one allocation of n_queries x n_classes, and
   * validate bounded n_classes by the training samples. */
  if (!g_size_checked_mul (&n_out, n_queries, n_classes) ||
      n_out > G_MAXSIZE / sizeof (gdouble))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples of %" G_GSIZE_FORMAT " classes is too many",
                   n_queries, n_classes);
      return NULL;
    }

  voting_init (&v, self, (gsize) self->n_neighbors);
  v.proba = g_new0 (gdouble, MAX (n_out, 1));

  if (!search_blocks (self, checked, proba_block, &v, error))
    return NULL;

  shape[0] = n_queries;
  shape[1] = n_classes;
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&v.proba));
}

/**
 * mp_k_neighbors_classifier_kneighbors:
 * @self: a fitted #MpKNeighborsClassifier
 * @x: the query samples, an n_queries x n_features matrix
 * @n_neighbors: how many neighbours to find for each query, or 0 for the
 *   #MpKNeighborsClassifier:n-neighbors property
 * @distances: (out) (optional) (transfer full): an n_queries x n_neighbors
 *   float64 array of the distances to the neighbours, nearest first
 * @indices: (out) (optional) (transfer full): an n_queries x n_neighbors
 *   int64 array of the rows of the training matrix that are the neighbours,
 *   in the same order
 * @error: return location for a #GError
 *
 * Finds the nearest training samples of each query, as scikit-learn's
 * `kneighbors(X, n_neighbors)` does with `algorithm='brute'`: same
 * neighbours, same order among equal distances, same distance values.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_NOT_FITTED before fit,
 *   %MP_ERROR_INVALID_INPUT if @x is not a 2-D array of finite numbers with
 *   the fitted feature count, %MP_ERROR_INVALID_ARGUMENT if @n_neighbors is
 *   larger than the number of training samples, or %MP_ERROR_INVALID_STATE
 *   if the fitted state is inconsistent
 *
 * Since: 0.1
 */
gboolean
mp_k_neighbors_classifier_kneighbors (MpKNeighborsClassifier  *self,
                                      MpArray                 *x,
                                      guint                    n_neighbors,
                                      MpArray                **distances,
                                      MpArray                **indices,
                                      GError                 **error)
{
  g_autoptr(MpArray) checked = NULL;
  g_auto(Neighbours) n = { 0, };
  gsize shape[2];

  g_return_val_if_fail (MP_IS_K_NEIGHBORS_CLASSIFIER (self), FALSE);
  g_return_val_if_fail (x != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  checked = _mp_estimator_check_input (MP_ESTIMATOR (self), x, error);
  if (checked == NULL)
    return FALSE;

  if (n_neighbors == 0)
    n_neighbors = (guint) self->n_neighbors;

  if (!find_neighbours (self, checked, n_neighbors, TRUE, &n, error))
    return FALSE;

  shape[0] = n.n_queries;
  shape[1] = n.k;
  if (distances != NULL)
    *distances = mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&n.distances));
  if (indices != NULL)
    *indices = mp_array_new_take (MP_DTYPE_INT64, shape, 2, g_steal_pointer (&n.indices));

  return TRUE;
}

/* The base class's predict_proba entry point checked @x already; the
 * public function checks again, which costs one pass over @x. */
static MpArray *
mp_k_neighbors_classifier_real_predict_proba (MpEstimator  *estimator,
                                              MpArray      *x,
                                              GError      **error)
{
  return mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (estimator), x, error);
}

static void
mp_k_neighbors_classifier_class_init (MpKNeighborsClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_k_neighbors_classifier_fit;
  estimator_class->predict = mp_k_neighbors_classifier_predict;
  estimator_class->predict_proba = mp_k_neighbors_classifier_real_predict_proba;
  estimator_class->validate = mp_k_neighbors_classifier_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
}

static void
mp_k_neighbors_classifier_init (MpKNeighborsClassifier *self)
{
}

/**
 * mp_k_neighbors_classifier_new:
 *
 * Creates an #MpKNeighborsClassifier with scikit-learn's defaults: five
 * neighbours, Euclidean distance, uniform weights.
 *
 * Returns: (transfer full): a new #MpKNeighborsClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_k_neighbors_classifier_new (void)
{
  return g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER, NULL);
}

