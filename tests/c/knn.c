/* knn.c: tests of MpKNeighborsClassifier
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>
#include <modelpersist.h>

/* Six points on a line, two classes:
 *
 *   x:      0    1    2    10   11   12
 *   label:  4    4    9    9    9    4
 */
static const gdouble line_x[] = { 0, 1, 2, 10, 11, 12 };
static const gint64 line_y[] = { 4, 4, 9, 9, 9, 4 };

static MpArray *
matrix (const gdouble *values,
        gsize          rows,
        gsize          cols)
{
  const gsize shape[] = { rows, cols };

  return mp_array_new_float64 (values, rows * cols, shape, 2, NULL);
}

static MpArray *
labels (const gint64 *values,
        gsize         n)
{
  return mp_array_new_int64 (values, n, &n, 1, NULL);
}

static MpEstimator *
fitted_line (guint n_neighbors)
{
  g_autoptr(MpArray) x = matrix (line_x, 6, 1);
  g_autoptr(MpArray) y = labels (line_y, 6);
  g_autoptr(GError) error = NULL;
  MpEstimator *knn = g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER,
                                   "n-neighbors", n_neighbors,
                                   NULL);

  g_assert_true (mp_estimator_fit (knn, x, y, &error));
  g_assert_no_error (error);
  return knn;
}

static void
test_string_form (void)
{
  g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
  g_autofree char *text = mp_estimator_to_string (knn);
  g_autofree char *changed = NULL;

  g_assert_cmpstr (text, ==,
                   "KNeighborsClassifier(algorithm='brute', n_neighbors=5, p=2, weights='uniform')");
  g_assert_cmpstr (mp_estimator_get_display_name (knn), ==, "KNeighborsClassifier");

  g_object_set (knn, "n-neighbors", 3, "p", 1, "weights", "distance", NULL);
  changed = mp_estimator_to_string (knn);
  g_assert_cmpstr (changed, ==,
                   "KNeighborsClassifier(algorithm='brute', n_neighbors=3, p=1, weights='distance')");
}

static void
test_fitted_state (void)
{
  g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
  g_autoptr(MpArray) x = matrix (line_x, 6, 1);
  g_autoptr(MpArray) y = labels (line_y, 6);
  g_autoptr(MpArray) fit_x = NULL;
  g_autoptr(MpArray) encoded = NULL;
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_samples_fit = 0;

  g_object_set (knn, "n-neighbors", 3, NULL);
  g_assert_true (mp_estimator_fit (knn, x, y, &error));
  g_assert_no_error (error);
  g_assert_true (mp_estimator_validate (knn, &error));
  g_assert_no_error (error);

  g_object_get (knn, "fit-x", &fit_x, "y", &encoded, "classes", &classes,
                "n-samples-fit", &n_samples_fit, NULL);

  /* The training matrix is kept by reference, never copied. */
  g_assert_true (fit_x == x);
  g_assert_cmpuint (n_samples_fit, ==, 6);

  g_assert_cmpint (mp_array_get_dtype (classes), ==, MP_DTYPE_INT64);
  g_assert_cmpuint (mp_array_get_n_elements (classes), ==, 2);
  g_assert_cmpint (mp_array_get_int64_data (classes)[0], ==, 4);
  g_assert_cmpint (mp_array_get_int64_data (classes)[1], ==, 9);

  g_assert_cmpint (mp_array_get_dtype (encoded), ==, MP_DTYPE_INT32);
  for (gsize i = 0; i < 6; i++)
    g_assert_cmpint (mp_array_get_int32_data (encoded)[i], ==, line_y[i] == 4 ? 0 : 1);

  g_assert_nonnull (mp_estimator_find_param (knn, "_fit_X"));
  g_assert_nonnull (mp_estimator_find_param (knn, "_y"));
  g_assert_nonnull (mp_estimator_find_param (knn, "classes_"));
  g_assert_nonnull (mp_estimator_find_param (knn, "n_samples_fit_"));
}

static void
test_integer_features_are_converted (void)
{
  const gint64 values[] = { 0, 1, 2, 10, 11, 12 };
  const gsize shape[] = { 6, 1 };
  g_autoptr(MpArray) x = mp_array_new_int64 (values, 6, shape, 2, NULL);
  g_autoptr(MpArray) y = labels (line_y, 6);
  g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
  g_autoptr(MpArray) fit_x = NULL;

  g_object_set (knn, "n-neighbors", 1, NULL);
  g_assert_true (mp_estimator_fit (knn, x, y, NULL));
  g_object_get (knn, "fit-x", &fit_x, NULL);
  g_assert_cmpint (mp_array_get_dtype (fit_x), ==, MP_DTYPE_FLOAT64);
  g_assert_cmpfloat (mp_array_get_float64_data (fit_x)[5], ==, 12.0);
}

static void
test_predict_line (void)
{
  g_autoptr(MpEstimator) knn = fitted_line (3);
  const gdouble queries[] = { 0.4, 6.9, 11.0, 20.0 };
  g_autoptr(MpArray) q = matrix (queries, 4, 1);
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) proba = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *p;
  const gdouble *pr;

  predicted = mp_estimator_predict (knn, q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_dtype (predicted), ==, MP_DTYPE_INT64);
  p = mp_array_get_int64_data (predicted);
  /* 0.4: {0, 1, 2} -> 4, 4, 9.  6.9: {10, 2, 11} -> 9, 9, 9.
   * 11: {11, 10, 12} -> 9, 9, 4.  20: {12, 11, 10} -> 4, 9, 9. */
  g_assert_cmpint (p[0], ==, 4);
  g_assert_cmpint (p[1], ==, 9);
  g_assert_cmpint (p[2], ==, 9);
  g_assert_cmpint (p[3], ==, 9);

  proba = mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (knn), q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_dim (proba, 0), ==, 4);
  g_assert_cmpuint (mp_array_get_dim (proba, 1), ==, 2);
  pr = mp_array_get_float64_data (proba);
  g_assert_cmpfloat (pr[0], ==, 2.0 / 3.0);
  g_assert_cmpfloat (pr[1], ==, 1.0 / 3.0);
  g_assert_cmpfloat (pr[2], ==, 0.0);
  g_assert_cmpfloat (pr[3], ==, 1.0);
}

static void
test_distance_weights (void)
{
  g_autoptr(MpEstimator) knn = fitted_line (3);
  const gdouble queries[] = { 11.0, 1.5, 9.0 };
  g_autoptr(MpArray) q = matrix (queries, 3, 1);
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) proba = NULL;
  g_autoptr(GError) error = NULL;
  const gdouble *pr;
  gdouble w4, w9;

  mp_estimator_set_enum (knn, "weights", MP_K_NEIGHBORS_WEIGHTS_DISTANCE);
  predicted = mp_estimator_predict (knn, q, &error);
  g_assert_no_error (error);
  proba = mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (knn), q, &error);
  g_assert_no_error (error);
  pr = mp_array_get_float64_data (proba);

  /* 11.0 sits on a training sample: that sample takes every vote. */
  g_assert_cmpint (mp_array_get_int64_data (predicted)[0], ==, 9);
  g_assert_cmpfloat (pr[0], ==, 0.0);
  g_assert_cmpfloat (pr[1], ==, 1.0);

  /* 1.5: neighbours 1 and 2 at 0.5, 0 at 1.5: class 4 gets 2 + 1/1.5,
   * class 9 gets 2. */
  w4 = 1.0 / 0.5 + 1.0 / 1.5;
  w9 = 1.0 / 0.5;
  g_assert_cmpint (mp_array_get_int64_data (predicted)[1], ==, 4);
  g_assert_cmpfloat_with_epsilon (pr[2], w4 / (w4 + w9), 1e-15);

  /* 9.0: neighbours 10 (1), 11 (2) and 12 (3) against uniform's 2-1 for 9;
   * class 9 gets 1 + 1/2, class 4 gets 1/3. */
  g_assert_cmpint (mp_array_get_int64_data (predicted)[2], ==, 9);
  g_assert_cmpfloat_with_epsilon (pr[4], (1.0 / 3.0) / (1.0 + 0.5 + 1.0 / 3.0), 1e-15);
}

static void
test_vote_ties (void)
{
  /* Each point twice, once per class: every vote ties, and the smaller
   * class wins whatever the label values' order in the data. */
  const gdouble x[] = { 0, 0, 5, 5 };
  const gint64 y[] = { 8, 2, 2, 8 };
  const gdouble queries[] = { 0, 5, 2.5 };
  g_autoptr(MpArray) mx = matrix (x, 4, 1);
  g_autoptr(MpArray) my = labels (y, 4);
  g_autoptr(MpArray) q = matrix (queries, 3, 1);
  g_autoptr(GError) error = NULL;

  for (guint weights = 0; weights < 2; weights++)
    for (guint k = 2; k <= 4; k += 2)
      {
        g_autoptr(MpEstimator) knn = g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER,
                                                   "n-neighbors", k,
                                                   "weights", weights == 0 ? "uniform" : "distance",
                                                   NULL);
        g_autoptr(MpArray) predicted = NULL;

        g_assert_true (mp_estimator_fit (knn, mx, my, &error));
        predicted = mp_estimator_predict (knn, q, &error);
        g_assert_no_error (error);
        for (gsize i = 0; i < 3; i++)
          g_assert_cmpint (mp_array_get_int64_data (predicted)[i], ==, 2);
      }
}

static void
test_kneighbors (void)
{
  const gdouble x[] = { 0, 0, 3, 4, 1, 1, -2, 0 };
  const gint64 y[] = { 0, 1, 0, 1 };
  const gdouble queries[] = { 0, 0 };
  g_autoptr(MpArray) mx = matrix (x, 4, 2);
  g_autoptr(MpArray) my = labels (y, 4);
  g_autoptr(MpArray) q = matrix (queries, 1, 2);
  g_autoptr(GError) error = NULL;

  for (gint p = 1; p <= 2; p++)
    {
      g_autoptr(MpEstimator) knn = g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER,
                                                 "n-neighbors", 2, "p", p, NULL);
      g_autoptr(MpArray) distances = NULL;
      g_autoptr(MpArray) indices = NULL;
      const gdouble *d;
      const gint64 *idx;

      g_assert_true (mp_estimator_fit (knn, mx, my, &error));

      g_assert_true (mp_k_neighbors_classifier_kneighbors (MP_K_NEIGHBORS_CLASSIFIER (knn), q, 4,
                                                           &distances, &indices, &error));
      g_assert_no_error (error);
      g_assert_cmpint (mp_array_get_dtype (indices), ==, MP_DTYPE_INT64);
      g_assert_cmpuint (mp_array_get_dim (indices, 0), ==, 1);
      g_assert_cmpuint (mp_array_get_dim (indices, 1), ==, 4);
      d = mp_array_get_float64_data (distances);
      idx = mp_array_get_int64_data (indices);

      /* Distances from the origin: 0; 7 or 5; 2 or sqrt 2; 2 or 2. */
      g_assert_cmpint (idx[0], ==, 0);
      g_assert_cmpfloat (d[0], ==, 0.0);
      if (p == 1)
        {
          /* Rows 2 and 3 tie at 2; a four-entry sort puts them in the
           * order its pivot leaves them, which scikit-learn shares. */
          g_assert_cmpfloat (d[1], ==, 2.0);
          g_assert_cmpfloat (d[2], ==, 2.0);
          g_assert_true ((idx[1] == 2 && idx[2] == 3) || (idx[1] == 3 && idx[2] == 2));
          g_assert_cmpint (idx[3], ==, 1);
          g_assert_cmpfloat (d[3], ==, 7.0);
        }
      else
        {
          g_assert_cmpint (idx[1], ==, 2);
          g_assert_cmpfloat (d[1], ==, sqrt (2.0));
          g_assert_cmpint (idx[2], ==, 3);
          g_assert_cmpfloat (d[2], ==, 2.0);
          g_assert_cmpint (idx[3], ==, 1);
          g_assert_cmpfloat (d[3], ==, 5.0);
        }

      /* 0 means the n-neighbors property; outputs are optional. */
      g_clear_pointer (&indices, mp_array_unref);
      g_assert_true (mp_k_neighbors_classifier_kneighbors (MP_K_NEIGHBORS_CLASSIFIER (knn), q, 0,
                                                           NULL, &indices, &error));
      g_assert_cmpuint (mp_array_get_dim (indices, 1), ==, 2);
    }
}

/* A sorted exact reference for random data, where no two distances tie. */
typedef struct
{
  gdouble distance;
  gint64  index;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return (x->distance > y->distance) - (x->distance < y->distance);
}

static void
test_large_training_set (void)
{
  const gsize n = 20000, d = 5, n_queries = 7, k = 9;
  g_autofree gdouble *x = g_new (gdouble, n * d);
  g_autofree gint64 *y = g_new (gint64, n);
  g_autofree gdouble *queries = g_new (gdouble, n_queries * d);
  g_autofree Candidate *all = g_new (Candidate, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(MpArray) mx = NULL;
  g_autoptr(MpArray) my = NULL;
  g_autoptr(MpArray) mq = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < n * d; i++)
    x[i] = g_rand_double (rand);
  for (gsize i = 0; i < n; i++)
    y[i] = g_rand_int_range (rand, 0, 3);
  for (gsize i = 0; i < n_queries * d; i++)
    queries[i] = g_rand_double (rand);
  mx = matrix (x, n, d);
  my = labels (y, n);
  mq = matrix (queries, n_queries, d);

  for (gint p = 1; p <= 2; p++)
    {
      g_autoptr(MpEstimator) knn = g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER,
                                                 "n-neighbors", (gint) k, "p", p, NULL);
      g_autoptr(MpArray) distances = NULL;
      g_autoptr(MpArray) indices = NULL;

      g_assert_true (mp_estimator_fit (knn, mx, my, &error));
      g_assert_true (mp_k_neighbors_classifier_kneighbors (MP_K_NEIGHBORS_CLASSIFIER (knn), mq, 0,
                                                           &distances, &indices, &error));
      g_assert_no_error (error);

      for (gsize q = 0; q < n_queries; q++)
        {
          for (gsize i = 0; i < n; i++)
            {
              gdouble sum = 0;
              for (gsize f = 0; f < d; f++)
                {
                  gdouble diff = queries[q * d + f] - x[i * d + f];
                  sum += p == 1 ? fabs (diff) : diff * diff;
                }
              all[i].distance = p == 1 ? sum : sqrt (sum);
              all[i].index = (gint64) i;
            }
          qsort (all, n, sizeof (Candidate), compare_candidates);

          for (gsize j = 0; j < k; j++)
            {
              g_assert_cmpint (mp_array_get_int64_data (indices)[q * k + j], ==, all[j].index);
              g_assert_cmpfloat_with_epsilon (mp_array_get_float64_data (distances)[q * k + j],
                                              all[j].distance, 1e-12);
            }
        }
    }
}

static void
test_errors (void)
{
  g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
  g_autoptr(MpArray) x = matrix (line_x, 6, 1);
  g_autoptr(MpArray) wide = matrix (line_x, 3, 2);
  g_autoptr(MpArray) y = labels (line_y, 6);
  g_autoptr(MpArray) out = NULL;
  g_autoptr(GError) error = NULL;
  MpKNeighborsClassifier *self = MP_K_NEIGHBORS_CLASSIFIER (knn);

  /* Before fit. */
  g_assert_null (mp_estimator_predict (knn, x, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_clear_error (&error);
  g_assert_null (mp_k_neighbors_classifier_predict_proba (self, x, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_assert_cmpstr (error->message, ==,
                   "This KNeighborsClassifier instance is not fitted yet; call fit first");
  g_clear_error (&error);
  g_assert_false (mp_k_neighbors_classifier_kneighbors (self, x, 1, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_clear_error (&error);

  /* Hyperparameters fit refuses. */
  g_object_set (knn, "p", 3, NULL);
  g_assert_false (mp_estimator_fit (knn, x, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "p: must be >= 1 and <= 2, got 3");
  g_clear_error (&error);
  g_assert_false (mp_estimator_is_fitted (knn));

  g_object_set (knn, "p", 2, "n-neighbors", 0, NULL);
  g_assert_false (mp_estimator_fit (knn, x, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "n_neighbors: must be >= 1, got 0");
  g_clear_error (&error);

  g_object_set (knn, "n-neighbors", 7, NULL);
  g_assert_false (mp_estimator_fit (knn, x, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "n_neighbors: 7 is more than the 6 training samples");
  g_clear_error (&error);

  g_object_set (knn, "n-neighbors", 2, NULL);
  g_assert_false (mp_estimator_fit (knn, x, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (mp_estimator_fit (knn, x, y, &error));
  g_assert_no_error (error);

  /* Queries of the wrong width. */
  g_assert_null (mp_k_neighbors_classifier_predict_proba (self, wide, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "X: has 2 features, but KNeighborsClassifier was fitted with 1");
  g_clear_error (&error);
  g_assert_false (mp_k_neighbors_classifier_kneighbors (self, wide, 1, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* More neighbours than samples. */
  g_assert_false (mp_k_neighbors_classifier_kneighbors (self, x, 7, NULL, &out, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "n_neighbors: expected at most 6 (the training samples), got 7");
  g_assert_null (out);
  g_clear_error (&error);

  /* Hyperparameters changed after fit to values predict cannot honour. */
  g_object_set (knn, "n-neighbors", 10, NULL);
  g_assert_null (mp_estimator_predict (knn, x, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "n_neighbors: "));
  g_clear_error (&error);
  g_object_set (knn, "n-neighbors", 2, "p", 4, NULL);
  g_assert_null (mp_k_neighbors_classifier_predict_proba (self, x, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "p: "));
  g_clear_error (&error);
}

/* Corrupted states: each case breaks one invariant of a fitted model, as a
 * hostile file could, and names the field validate must blame. predict on
 * the same state must fail cleanly, never read out of bounds. */
typedef struct
{
  const char *name;
  const char *field;
  void      (*corrupt) (MpEstimator *knn);
  /* Class indices are checked where predict reads them, not by validate,
   * so that loading stays constant-time. */
  gboolean    checked_on_use;
} Corruption;

static void
corrupt_fit_x_missing (MpEstimator *knn)
{
  g_object_set (knn, "fit-x", NULL, NULL);
}

static void
corrupt_fit_x_dtype (MpEstimator *knn)
{
  const gfloat values[] = { 0, 1, 2, 10, 11, 12 };
  const gsize shape[] = { 6, 1 };
  g_autoptr(MpArray) a = mp_array_new_float32 (values, 6, shape, 2, NULL);

  g_object_set (knn, "fit-x", a, NULL);
}

static void
corrupt_fit_x_rows (MpEstimator *knn)
{
  g_autoptr(MpArray) a = matrix (line_x, 5, 1);

  g_object_set (knn, "fit-x", a, NULL);
}

static void
corrupt_fit_x_columns (MpEstimator *knn)
{
  const gdouble values[12] = { 0, };
  g_autoptr(MpArray) a = matrix (values, 6, 2);

  g_object_set (knn, "fit-x", a, NULL);
}

static void
corrupt_fit_x_flat (MpEstimator *knn)
{
  gsize n = 6;
  g_autoptr(MpArray) a = mp_array_new_float64 (line_x, 6, &n, 1, NULL);

  g_object_set (knn, "fit-x", a, NULL);
}

static void
corrupt_y_missing (MpEstimator *knn)
{
  g_object_set (knn, "y", NULL, NULL);
}

static void
corrupt_y_dtype (MpEstimator *knn)
{
  const gint64 values[] = { 0, 0, 1, 1, 1, 0 };
  g_autoptr(MpArray) a = labels (values, 6);

  g_object_set (knn, "y", a, NULL);
}

static void
corrupt_y_length (MpEstimator *knn)
{
  const gint32 values[] = { 0, 0, 1, 1, 1 };
  gsize n = 5;
  g_autoptr(MpArray) a = mp_array_new_int32 (values, 5, &n, 1, NULL);

  g_object_set (knn, "y", a, NULL);
}

static void
corrupt_y_too_large (MpEstimator *knn)
{
  const gint32 values[] = { 2, 2, 2, 2, 2, 2 };
  gsize n = 6;
  g_autoptr(MpArray) a = mp_array_new_int32 (values, 6, &n, 1, NULL);

  g_object_set (knn, "y", a, NULL);
}

static void
corrupt_y_negative (MpEstimator *knn)
{
  const gint32 values[] = { -1, -1, -1, -1, -1, -1 };
  gsize n = 6;
  g_autoptr(MpArray) a = mp_array_new_int32 (values, 6, &n, 1, NULL);

  g_object_set (knn, "y", a, NULL);
}

static void
corrupt_classes_missing (MpEstimator *knn)
{
  g_object_set (knn, "classes", NULL, NULL);
}

static void
corrupt_classes_empty (MpEstimator *knn)
{
  gsize n = 0;
  g_autoptr(MpArray) a = mp_array_new_int64 (NULL, 0, &n, 1, NULL);

  g_object_set (knn, "classes", a, NULL);
}

static void
corrupt_classes_dtype (MpEstimator *knn)
{
  const gint32 values[] = { 4, 9 };
  gsize n = 2;
  g_autoptr(MpArray) a = mp_array_new_int32 (values, 2, &n, 1, NULL);

  g_object_set (knn, "classes", a, NULL);
}

static void
corrupt_classes_shape (MpEstimator *knn)
{
  const gint64 values[] = { 4, 9 };
  const gsize shape[] = { 1, 2 };
  g_autoptr(MpArray) a = mp_array_new_int64 (values, 2, shape, 2, NULL);

  g_object_set (knn, "classes", a, NULL);
}

static void
corrupt_classes_more_than_samples (MpEstimator *knn)
{
  /* Every class of a fitted model has a training sample: seven classes
   * for six samples is a state only a file can hold, one that would let
   * predict_proba's output grow without the file growing. */
  const gint64 values[] = { 4, 9, 10, 11, 12, 13, 14 };
  g_autoptr(MpArray) a = labels (values, 7);

  g_object_set (knn, "classes", a, NULL);
}

static void
corrupt_n_samples_fit_zero (MpEstimator *knn)
{
  g_object_set (knn, "n-samples-fit", (guint64) 0, NULL);
}

static void
corrupt_n_samples_fit_mismatch (MpEstimator *knn)
{
  g_object_set (knn, "n-samples-fit", (guint64) 1000, NULL);
}

static void
corrupt_n_neighbors (MpEstimator *knn)
{
  g_object_set (knn, "n-neighbors", 7, NULL);
}

static void
corrupt_p (MpEstimator *knn)
{
  g_object_set (knn, "p", 0, NULL);
}

static void
corrupt_n_features_in (MpEstimator *knn)
{
  g_object_set (knn, "n-features-in", 2, NULL);
}

static const Corruption corruptions[] = {
  { "fit-x-missing", "_fit_X: ", corrupt_fit_x_missing },
  { "fit-x-dtype", "_fit_X: ", corrupt_fit_x_dtype },
  { "fit-x-rows", "_fit_X: ", corrupt_fit_x_rows },
  { "fit-x-columns", "_fit_X: ", corrupt_fit_x_columns },
  { "fit-x-flat", "_fit_X: ", corrupt_fit_x_flat },
  { "y-missing", "_y: ", corrupt_y_missing },
  { "y-dtype", "_y: ", corrupt_y_dtype },
  { "y-length", "_y: ", corrupt_y_length },
  { "y-too-large", "_y: ", corrupt_y_too_large, TRUE },
  { "y-negative", "_y: ", corrupt_y_negative, TRUE },
  { "classes-missing", "classes_: ", corrupt_classes_missing },
  { "classes-empty", "classes_: ", corrupt_classes_empty },
  { "classes-dtype", "classes_: ", corrupt_classes_dtype },
  { "classes-shape", "classes_: ", corrupt_classes_shape },
  { "classes-more-than-samples", "classes_: ", corrupt_classes_more_than_samples },
  { "n-samples-fit-zero", "n_samples_fit_: ", corrupt_n_samples_fit_zero },
  { "n-samples-fit-mismatch", "_fit_X: ", corrupt_n_samples_fit_mismatch },
  { "n-neighbors", "n_neighbors: ", corrupt_n_neighbors },
  { "p", "p: ", corrupt_p },
  { "n-features-in", "_fit_X: ", corrupt_n_features_in },
};

static void
test_corrupted_state (gconstpointer data)
{
  const Corruption *c = data;
  g_autoptr(MpEstimator) knn = fitted_line (2);
  g_autoptr(MpArray) q = matrix (line_x, 6, 1);
  g_autoptr(MpArray) wide = matrix (line_x, 3, 2);
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) proba = NULL;
  g_autoptr(MpArray) indices = NULL;
  g_autoptr(GError) error = NULL;
  MpArray *query;

  g_assert_true (mp_estimator_validate (knn, NULL));

  c->corrupt (knn);

  if (c->checked_on_use)
    {
      g_assert_true (mp_estimator_validate (knn, NULL));
      predicted = mp_estimator_predict (knn, q, &error);
      g_assert_null (predicted);
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
      g_assert_true (g_str_has_prefix (error->message, c->field));
      g_clear_error (&error);

      proba = mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (knn), q, &error);
      g_assert_null (proba);
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
      return;
    }

  g_assert_false (mp_estimator_validate (knn, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, c->field));
  g_clear_error (&error);

  /* validate without an error location must not crash either. */
  g_assert_false (mp_estimator_validate (knn, NULL));

  /* Queries match n_features_in_, whatever it now says. */
  query = mp_estimator_get_n_features_in (knn) == 2 ? wide : q;

  predicted = mp_estimator_predict (knn, query, &error);
  g_assert_null (predicted);
  g_assert_true (g_error_matches (error, MP_ERROR, MP_ERROR_INVALID_STATE) ||
                 g_error_matches (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);

  proba = mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (knn), query, &error);
  g_assert_null (proba);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* kneighbors reads no labels: it fails only where the search itself
   * would be unsafe, and otherwise returns indices inside _fit_X. */
  if (mp_k_neighbors_classifier_kneighbors (MP_K_NEIGHBORS_CLASSIFIER (knn), query, 1,
                                            NULL, &indices, &error))
    {
      g_autoptr(MpArray) fit_x = NULL;

      g_object_get (knn, "fit-x", &fit_x, NULL);
      for (gsize i = 0; i < mp_array_get_n_elements (indices); i++)
        g_assert_cmpint (mp_array_get_int64_data (indices)[i], <,
                         (gint64) mp_array_get_dim (fit_x, 0));
    }
  else
    {
      g_assert_true (g_error_matches (error, MP_ERROR, MP_ERROR_INVALID_STATE) ||
                     g_error_matches (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/knn/string-form", test_string_form);
  g_test_add_func ("/knn/fit/state", test_fitted_state);
  g_test_add_func ("/knn/fit/integer-features", test_integer_features_are_converted);
  g_test_add_func ("/knn/predict/line", test_predict_line);
  g_test_add_func ("/knn/predict/distance-weights", test_distance_weights);
  g_test_add_func ("/knn/predict/vote-ties", test_vote_ties);
  g_test_add_func ("/knn/kneighbors/small", test_kneighbors);
  g_test_add_func ("/knn/kneighbors/large", test_large_training_set);
  g_test_add_func ("/knn/errors", test_errors);

  for (gsize i = 0; i < G_N_ELEMENTS (corruptions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/knn/validate/%s", corruptions[i].name);
      g_test_add_data_func (path, &corruptions[i], test_corrupted_state);
    }

  return g_test_run ();
}
