/* model_selection.c: tests of the splitters, train_test_split,
 * cross_val_score, the metrics and the random generator behind them
 *
 * Expected values come from the rules scikit-learn documents (worked out
 * by hand in the comments) or from published references; the pytest suite
 * compares against scikit-learn itself.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <modelpersist.h>

#include "mp-random-private.h"

static MpArray *
labels_new (const gint64 *values,
            gsize         n)
{
  return mp_array_new_int64 (values, n, &n, 1, NULL);
}

static MpArray *
doubles_new (const gdouble *values,
             gsize          n)
{
  return mp_array_new_float64 (values, n, &n, 1, NULL);
}

static void
assert_indices (MpArray      *array,
                const gint64 *expected,
                gsize         n)
{
  g_assert_cmpint (mp_array_get_dtype (array), ==, MP_DTYPE_INT64);
  g_assert_cmpuint (mp_array_get_n_elements (array), ==, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (mp_array_get_int64_data (array)[i], ==, expected[i]);
}

/* Every sample is in exactly one test fold and in the training set of
 * every other fold; indices are increasing within each array. */
static void
assert_partition (GPtrArray *train,
                  GPtrArray *test,
                  gsize      n_samples)
{
  g_autofree guint *seen = g_new0 (guint, n_samples);

  g_assert_cmpuint (train->len, ==, test->len);
  for (guint fold = 0; fold < test->len; fold++)
    {
      MpArray *tr = g_ptr_array_index (train, fold);
      MpArray *te = g_ptr_array_index (test, fold);
      const gint64 *t = mp_array_get_int64_data (te);
      const gint64 *r = mp_array_get_int64_data (tr);
      gsize n_test = mp_array_get_n_elements (te);
      gsize n_train = mp_array_get_n_elements (tr);
      g_autofree gboolean *in_test = g_new0 (gboolean, n_samples);

      g_assert_cmpuint (n_test + n_train, ==, n_samples);
      for (gsize i = 0; i < n_test; i++)
        {
          if (i > 0)
            g_assert_cmpint (t[i - 1], <, t[i]);
          seen[t[i]]++;
          in_test[t[i]] = TRUE;
        }
      for (gsize i = 0; i < n_train; i++)
        {
          if (i > 0)
            g_assert_cmpint (r[i - 1], <, r[i]);
          g_assert_false (in_test[r[i]]);
        }
    }
  for (gsize i = 0; i < n_samples; i++)
    g_assert_cmpuint (seen[i], ==, 1);
}

static gboolean
splits_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!mp_array_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* The C++ standard fixes the 10000th output of a default-seeded
 * (init_genrand(5489)) mt19937 at 4123659995. */
static void
test_random_reference (void)
{
  MpRandom rng;
  guint32 value = 0;

  _mp_random_init (&rng, 5489);
  for (guint i = 0; i < 10000; i++)
    value = _mp_random_next_uint32 (&rng);
  g_assert_cmpuint (value, ==, 4123659995U);

  /* And its first output is the well-known 3499211612. */
  _mp_random_init (&rng, 5489);
  g_assert_cmpuint (_mp_random_next_uint32 (&rng), ==, 3499211612U);
}

static void
test_random_interval (void)
{
  const guint64 maxima[] = { 0, 1, 2, 5, 7, 8, 1000, G_MAXUINT32, (guint64) G_MAXUINT32 + 10 };
  MpRandom rng;

  _mp_random_init (&rng, 1);
  for (guint m = 0; m < G_N_ELEMENTS (maxima); m++)
    {
      gboolean hit_max = maxima[m] > 8;

      for (guint i = 0; i < 2000; i++)
        {
          guint64 value = _mp_random_interval (&rng, maxima[m]);
          g_assert_cmpuint (value, <=, maxima[m]);
          if (value == maxima[m])
            hit_max = TRUE;
        }
      /* Small ranges reach their top value. */
      g_assert_true (hit_max);
    }
}

static void
test_random_permutation (void)
{
  MpRandom a, b;
  g_autofree gint64 *first = NULL;
  g_autofree gint64 *again = NULL;
  g_autofree gint64 *other = NULL;
  g_autofree gboolean *seen = g_new0 (gboolean, 100);
  gboolean differs = FALSE;

  _mp_random_init (&a, 42);
  first = _mp_random_permutation (&a, 100);
  _mp_random_init (&b, 42);
  again = _mp_random_permutation (&b, 100);
  _mp_random_init (&b, 43);
  other = _mp_random_permutation (&b, 100);

  for (guint i = 0; i < 100; i++)
    {
      g_assert_cmpint (first[i], >=, 0);
      g_assert_cmpint (first[i], <, 100);
      g_assert_false (seen[first[i]]);
      seen[first[i]] = TRUE;
      g_assert_cmpint (first[i], ==, again[i]);
      if (first[i] != other[i])
        differs = TRUE;
    }
  g_assert_true (differs);
}

/* KFold's rule: the first n % k folds hold n / k + 1 consecutive samples,
 * the others n / k. For n = 10, k = 3: [0..3], [4..6], [7..9]. */
static void
test_kfold_unshuffled (void)
{
  g_autoptr(MpSplitter) kfold = mp_kfold_new (3, FALSE, -1);
  g_autoptr(GPtrArray) train = NULL;
  g_autoptr(GPtrArray) test = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 test0[] = { 0, 1, 2, 3 }, test1[] = { 4, 5, 6 }, test2[] = { 7, 8, 9 };
  const gint64 train1[] = { 0, 1, 2, 3, 7, 8, 9 };

  g_assert_cmpuint (mp_splitter_get_n_splits (kfold), ==, 3);
  g_assert_true (mp_splitter_split (kfold, 10, NULL, &train, &test, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test->len, ==, 3);
  assert_indices (g_ptr_array_index (test, 0), test0, 4);
  assert_indices (g_ptr_array_index (test, 1), test1, 3);
  assert_indices (g_ptr_array_index (test, 2), test2, 3);
  assert_indices (g_ptr_array_index (train, 1), train1, 7);
  assert_partition (train, test, 10);
}

static void
test_kfold_shuffled (void)
{
  g_autoptr(MpSplitter) kfold = mp_kfold_new (4, TRUE, 7);
  g_autoptr(MpSplitter) other_seed = mp_kfold_new (4, TRUE, 8);
  g_autoptr(MpSplitter) unseeded = mp_kfold_new (4, TRUE, -1);
  g_autoptr(GPtrArray) train = NULL, test = NULL;
  g_autoptr(GPtrArray) train2 = NULL, test2 = NULL;
  g_autoptr(GPtrArray) train3 = NULL, test3 = NULL;
  g_autoptr(GPtrArray) train4 = NULL, test4 = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 consecutive[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  gboolean all_consecutive;

  g_assert_true (mp_splitter_split (kfold, 50, NULL, &train, &test, &error));
  g_assert_no_error (error);
  assert_partition (train, test, 50);
  /* Sizes do not depend on the shuffle: 13, 13, 12, 12. */
  g_assert_cmpuint (mp_array_get_n_elements (g_ptr_array_index (test, 0)), ==, 13);
  g_assert_cmpuint (mp_array_get_n_elements (g_ptr_array_index (test, 3)), ==, 12);
  all_consecutive = TRUE;
  for (guint i = 0; i < 13; i++)
    if (mp_array_get_int64_data (g_ptr_array_index (test, 0))[i] != consecutive[i])
      all_consecutive = FALSE;
  g_assert_false (all_consecutive);

  /* The same seed gives the same folds, another seed other folds. */
  g_assert_true (mp_splitter_split (kfold, 50, NULL, &train2, &test2, &error));
  g_assert_true (splits_equal (test, test2));
  g_assert_true (mp_splitter_split (other_seed, 50, NULL, &train3, &test3, &error));
  g_assert_false (splits_equal (test, test3));

  /* None still partitions the data. */
  g_assert_true (mp_splitter_split (unseeded, 50, NULL, &train4, &test4, &error));
  g_assert_no_error (error);
  assert_partition (train4, test4, 50);
}

static void
test_kfold_string_form (void)
{
  g_autoptr(MpSplitter) plain = g_object_new (MP_TYPE_KFOLD, NULL);
  g_autoptr(MpSplitter) seeded = mp_kfold_new (3, TRUE, 0);
  g_autoptr(MpSplitter) stratified = mp_stratified_kfold_new (10, TRUE, 4294967295);
  g_autofree char *a = mp_splitter_to_string (plain);
  g_autofree char *b = mp_splitter_to_string (seeded);
  g_autofree char *c = mp_splitter_to_string (stratified);

  g_assert_cmpstr (a, ==, "KFold(n_splits=5, random_state=None, shuffle=False)");
  g_assert_cmpstr (b, ==, "KFold(n_splits=3, random_state=0, shuffle=True)");
  g_assert_cmpstr (c, ==, "StratifiedKFold(n_splits=10, random_state=4294967295, shuffle=True)");
  g_assert_cmpstr (mp_splitter_get_display_name (stratified), ==, "StratifiedKFold");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_kfold_properties (void)
{
  g_autoptr(MpSplitter) kfold = mp_kfold_new (5, FALSE, -1);
  guint notified = 0;
  guint n_splits = 0;
  gint64 seed = 0;

  g_signal_connect (kfold, "notify", G_CALLBACK (count_notify), &notified);

  g_object_set (kfold, "n-splits", 5, NULL);
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (kfold, "n-splits", 7, "shuffle", TRUE, "random-state", (gint64) 11, NULL);
  g_assert_cmpuint (notified, ==, 3);
  g_object_get (kfold, "n-splits", &n_splits, "random-state", &seed, NULL);
  g_assert_cmpuint (n_splits, ==, 7);
  g_assert_cmpint (seed, ==, 11);
  g_assert_cmpuint (mp_splitter_get_n_splits (kfold), ==, 7);
}

typedef struct
{
  const char *name;
  guint       n_splits;
  gboolean    shuffle;
  gint64      random_state;
  gsize       n_samples;
  gboolean    wrong_y;
  gint        code;
  const char *prefix;
} KFoldError;

static const KFoldError kfold_errors[] = {
  { "one-fold", 1, FALSE, -1, 10, FALSE, MP_ERROR_INVALID_ARGUMENT, "n_splits: must be >= 2, got 1" },
  { "zero-folds", 0, FALSE, -1, 10, FALSE, MP_ERROR_INVALID_ARGUMENT, "n_splits:" },
  { "more-folds-than-samples", 6, FALSE, -1, 5, FALSE, MP_ERROR_INVALID_INPUT, "n_splits:" },
  { "seed-without-shuffle", 2, FALSE, 3, 10, FALSE, MP_ERROR_INVALID_ARGUMENT, "random_state:" },
  /* stored as given (GLib's range check used to warn and keep -1), refused
   * by the declaration when splitting */
  { "seed-too-large", 2, TRUE, G_GINT64_CONSTANT (4294967296), 10, FALSE, MP_ERROR_INVALID_ARGUMENT,
    "random_state: must be None or >= 0 and <= 4294967295, got 4294967296" },
  { "seed-below-none", 2, TRUE, -2, 10, FALSE, MP_ERROR_INVALID_ARGUMENT, "random_state:" },
  { "no-samples", 2, FALSE, -1, 0, FALSE, MP_ERROR_INVALID_INPUT, "n_samples:" },
  { "y-length", 2, FALSE, -1, 10, TRUE, MP_ERROR_INVALID_INPUT, "y:" },
};

static void
test_kfold_error (gconstpointer data)
{
  const KFoldError *bad = data;
  g_autoptr(MpSplitter) kfold = mp_kfold_new (bad->n_splits, bad->shuffle, bad->random_state);
  const gint64 labels[] = { 0, 1, 0 };
  g_autoptr(MpArray) y = labels_new (labels, 3);
  GPtrArray *train = NULL, *test = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_splitter_split (kfold, bad->n_samples, bad->wrong_y ? y : NULL,
                                     &train, &test, &error));
  g_assert_error (error, MP_ERROR, bad->code);
  g_assert_true (g_str_has_prefix (error->message, bad->prefix));
  g_assert_null (train);
  g_assert_null (test);
}

/* StratifiedKFold numbers classes by first appearance. For y = [0, 0, 2, 1]
 * and two folds: classes 0, 2, 1 become 0, 1, 2; sorted by that number the
 * samples deal round-robin as 0→fold 0, 0→fold 1, 2→fold 0, 1→fold 1, so
 * label 0 puts one sample in each fold (samples 0 and 1 in blocks), label 2
 * (sample 2) goes to fold 0 and label 1 (sample 3) to fold 1. Numbering
 * classes by value instead would swap the last two. */
static void
test_stratified_appearance_order (void)
{
  g_autoptr(MpSplitter) skf = mp_stratified_kfold_new (2, FALSE, -1);
  const gint64 labels[] = { 0, 0, 2, 1 };
  g_autoptr(MpArray) y = labels_new (labels, 4);
  g_autoptr(GPtrArray) train = NULL, test = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 fold0[] = { 0, 2 }, fold1[] = { 1, 3 };

  g_assert_true (mp_splitter_split (skf, 4, y, &train, &test, &error));
  g_assert_no_error (error);
  assert_indices (g_ptr_array_index (test, 0), fold0, 2);
  assert_indices (g_ptr_array_index (test, 1), fold1, 2);
  assert_indices (g_ptr_array_index (train, 0), fold1, 2);
}

/* y = six 0s then four 1s, two folds: the sorted labels deal 0,0,0 to each
 * fold and 1,1 to each, and each class fills fold 0 first, in data order:
 * fold 0 tests samples 0, 1, 2, 6, 7. */
static void
test_stratified_blocks (void)
{
  g_autoptr(MpSplitter) skf = mp_stratified_kfold_new (2, FALSE, -1);
  const gdouble labels[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1 };
  g_autoptr(MpArray) y = doubles_new (labels, 10);
  g_autoptr(GPtrArray) train = NULL, test = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 fold0[] = { 0, 1, 2, 6, 7 }, fold1[] = { 3, 4, 5, 8, 9 };

  g_assert_true (mp_splitter_split (skf, 10, y, &train, &test, &error));
  g_assert_no_error (error);
  assert_indices (g_ptr_array_index (test, 0), fold0, 5);
  assert_indices (g_ptr_array_index (test, 1), fold1, 5);
  assert_partition (train, test, 10);
}

static void
count_classes (MpArray      *indices,
               const gint64 *labels,
               gsize        *counts)
{
  for (gsize i = 0; i < mp_array_get_n_elements (indices); i++)
    counts[labels[mp_array_get_int64_data (indices)[i]]]++;
}

static void
test_stratified_shuffled (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpSplitter) skf = mp_stratified_kfold_new (5, TRUE, 3);
  g_autoptr(MpSplitter) plain = mp_stratified_kfold_new (5, FALSE, -1);
  g_autoptr(GPtrArray) train = NULL, test = NULL;
  g_autoptr(GPtrArray) train2 = NULL, test2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_splitter_split (skf, 150, y, &train, &test, &error));
  g_assert_no_error (error);
  assert_partition (train, test, 150);
  /* 50 per class over 5 folds: every fold tests 10 of each class. */
  for (guint fold = 0; fold < 5; fold++)
    {
      gsize counts[3] = { 0 };
      count_classes (g_ptr_array_index (test, fold), mp_array_get_int64_data (y), counts);
      g_assert_cmpuint (counts[0], ==, 10);
      g_assert_cmpuint (counts[1], ==, 10);
      g_assert_cmpuint (counts[2], ==, 10);
    }

  /* Unshuffled, iris's sorted classes put samples 0-9, 50-59 and 100-109
   * in fold 0; shuffled, they do not. */
  g_assert_true (mp_splitter_split (plain, 150, y, &train2, &test2, &error));
  g_assert_cmpint (mp_array_get_int64_data (g_ptr_array_index (test2, 0))[10], ==, 50);
  g_assert_cmpint (mp_array_get_int64_data (g_ptr_array_index (test2, 0))[29], ==, 109);
  g_assert_false (splits_equal (test, test2));
}

static void
test_stratified_small_classes (void)
{
  g_autoptr(MpSplitter) skf = mp_stratified_kfold_new (3, FALSE, -1);
  const gint64 one_small[] = { 0, 0, 0, 0, 1, 1 };
  const gint64 all_small[] = { 0, 0, 1, 1, 2, 2 };
  const gdouble continuous[] = { 0.5, 1, 0, 1, 0, 1 };
  g_autoptr(MpArray) y1 = labels_new (one_small, 6);
  g_autoptr(MpArray) y2 = labels_new (all_small, 6);
  g_autoptr(MpArray) y3 = doubles_new (continuous, 6);
  g_autoptr(GPtrArray) train = NULL, test = NULL;
  GPtrArray *no_train = NULL, *no_test = NULL;
  g_autoptr(GError) error = NULL;

  /* Like scikit-learn, a class smaller than n_splits alone is allowed: it
   * misses some folds. */
  g_assert_true (mp_splitter_split (skf, 6, y1, &train, &test, &error));
  g_assert_no_error (error);
  assert_partition (train, test, 6);

  /* Every class smaller than n_splits is an error. */
  g_assert_false (mp_splitter_split (skf, 6, y2, &no_train, &no_test, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y: n_splits=3 cannot be greater"));
  g_clear_error (&error);

  g_assert_false (mp_splitter_split (skf, 6, y3, &no_train, &no_test, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y: StratifiedKFold supports binary or multiclass"));
  g_clear_error (&error);

  g_assert_false (mp_splitter_split (skf, 6, NULL, &no_train, &no_test, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y:"));
  g_assert_null (no_train);
}

static void
test_default_splitter (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  const gint64 labels[] = { 0, 1, 0, 1 };
  const gdouble targets[] = { 0.5, 1.5, 2.5, 3.5 };
  g_autoptr(MpArray) y = labels_new (labels, 4);
  g_autoptr(MpArray) continuous = doubles_new (targets, 4);
  g_autoptr(MpSplitter) for_labels = mp_splitter_new_default (dummy, y);
  g_autoptr(MpSplitter) for_targets = mp_splitter_new_default (dummy, continuous);
  g_autoptr(MpSplitter) without = mp_splitter_new_default (NULL, NULL);
  g_autofree char *text = mp_splitter_to_string (for_labels);

  g_assert_true (MP_IS_STRATIFIED_KFOLD (for_labels));
  g_assert_cmpstr (text, ==, "StratifiedKFold(n_splits=5, random_state=None, shuffle=False)");
  g_assert_true (MP_IS_KFOLD (for_targets));
  g_assert_true (MP_IS_KFOLD (without));
}

static void
test_train_test_split_plain (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  MpArray *x = mp_dataset_get_data (iris);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpArray) x_train = NULL, x_test = NULL, y_train = NULL, y_test = NULL;
  g_autoptr(MpArray) train = NULL, test = NULL, train2 = NULL, test2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *seen = g_new0 (gboolean, 150);

  g_assert_true (mp_train_test_split (x, y, 0.25, 42, NULL,
                                      &x_train, &x_test, &y_train, &y_test, &error));
  g_assert_no_error (error);
  /* ceil(0.25 * 150) = 38 test samples. */
  g_assert_cmpuint (mp_array_get_dim (x_test, 0), ==, 38);
  g_assert_cmpuint (mp_array_get_dim (x_test, 1), ==, 4);
  g_assert_cmpuint (mp_array_get_dim (x_train, 0), ==, 112);
  g_assert_cmpuint (mp_array_get_n_elements (y_test), ==, 38);

  g_assert_true (mp_train_test_split_indices (150, 0.25, 42, NULL, &train, &test, &error));
  g_assert_true (mp_train_test_split_indices (150, 0.25, 42, NULL, &train2, &test2, &error));
  g_assert_true (mp_array_equal (test, test2));
  g_assert_true (mp_array_equal (train, train2));
  for (gsize i = 0; i < 38; i++)
    {
      gint64 row = mp_array_get_int64_data (test)[i];
      g_assert_false (seen[row]);
      seen[row] = TRUE;
      /* The rows are those the indices name, in that order. */
      for (guint j = 0; j < 4; j++)
        g_assert_cmpfloat (mp_array_get_float64_data (x_test)[i * 4 + j], ==,
                           mp_array_get_float64_data (x)[row * 4 + j]);
      g_assert_cmpint (mp_array_get_int64_data (y_test)[i], ==, mp_array_get_int64_data (y)[row]);
    }
  for (gsize i = 0; i < 112; i++)
    {
      gint64 row = mp_array_get_int64_data (train)[i];
      g_assert_false (seen[row]);
      seen[row] = TRUE;
    }

  /* Without y there is nothing to split but X. */
  g_clear_pointer (&y_train, mp_array_unref);
  g_clear_pointer (&y_test, mp_array_unref);
  g_clear_pointer (&x_train, mp_array_unref);
  g_clear_pointer (&x_test, mp_array_unref);
  g_assert_true (mp_train_test_split (x, NULL, 0.5, 1, NULL,
                                      &x_train, &x_test, &y_train, &y_test, &error));
  g_assert_null (y_train);
  g_assert_null (y_test);
  g_assert_cmpuint (mp_array_get_dim (x_test, 0), ==, 75);
}

static void
test_train_test_split_stratified (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpArray) train = NULL, test = NULL;
  g_autoptr(GError) error = NULL;
  gsize train_counts[3] = { 0 }, test_counts[3] = { 0 };

  /* 20% of 50 per class: each class gives 10 of the 30 test samples. */
  g_assert_true (mp_train_test_split_indices (150, 0.2, 5, y, &train, &test, &error));
  g_assert_no_error (error);
  count_classes (test, mp_array_get_int64_data (y), test_counts);
  count_classes (train, mp_array_get_int64_data (y), train_counts);
  for (guint k = 0; k < 3; k++)
    {
      g_assert_cmpuint (test_counts[k], ==, 10);
      g_assert_cmpuint (train_counts[k], ==, 40);
    }
}

typedef struct
{
  const char *name;
  gsize       n_samples;
  gdouble     test_size;
  gint64      random_state;
  gboolean    stratify;
  gint        code;
  const char *prefix;
} SplitError;

static const SplitError split_errors[] = {
  { "test-size-zero", 10, 0.0, 0, FALSE, MP_ERROR_INVALID_ARGUMENT, "test_size:" },
  { "test-size-one", 10, 1.0, 0, FALSE, MP_ERROR_INVALID_ARGUMENT, "test_size:" },
  { "test-size-nan", 10, NAN, 0, FALSE, MP_ERROR_INVALID_ARGUMENT, "test_size:" },
  { "seed-negative", 10, 0.5, -2, FALSE, MP_ERROR_INVALID_ARGUMENT, "random_state:" },
  { "seed-too-large", 10, 0.5, G_GINT64_CONSTANT (4294967296), FALSE, MP_ERROR_INVALID_ARGUMENT, "random_state:" },
  { "empty-train", 2, 0.9, 0, FALSE, MP_ERROR_INVALID_INPUT, "test_size:" },
  { "stratify-length", 7, 0.5, 0, TRUE, MP_ERROR_INVALID_INPUT, "stratify:" },
  /* Labels 0,0,1,1,1,2 with class 2 a single member. */
  { "stratify-single-member", 6, 0.5, 0, TRUE, MP_ERROR_INVALID_INPUT, "stratify:" },
  /* 1 test sample cannot hold 3 classes. */
  { "stratify-test-too-small", 6, 0.1, 0, TRUE, MP_ERROR_INVALID_INPUT, "test_size:" },
};

static void
test_train_test_split_error (gconstpointer data)
{
  const SplitError *bad = data;
  const gint64 with_single[] = { 0, 0, 1, 1, 1, 2 };
  const gint64 pairs[] = { 0, 0, 1, 1, 2, 2 };
  g_autoptr(MpArray) stratify = NULL;
  MpArray *train = NULL, *test = NULL;
  g_autoptr(GError) error = NULL;

  if (bad->stratify)
    stratify = labels_new (g_str_equal (bad->name, "stratify-single-member") ? with_single : pairs, 6);

  g_assert_false (mp_train_test_split_indices (bad->n_samples, bad->test_size, bad->random_state,
                                               stratify, &train, &test, &error));
  g_assert_error (error, MP_ERROR, bad->code);
  if (!g_str_has_prefix (error->message, bad->prefix))
    g_error ("%s: '%s' does not start with '%s'", bad->name, error->message, bad->prefix);
  g_assert_null (train);
  g_assert_null (test);
}

static void
test_metrics (void)
{
  const gint64 truth[] = { 0, 1, 2, 2 };
  const gdouble guess[] = { 0, 2, 2, 2 };
  const gdouble y[] = { 3, -0.5, 2, 7 };
  const gdouble y_hat[] = { 2.5, 0.0, 2, 8 };
  const gdouble constant[] = { 1, 1, 1, 1 };
  g_autoptr(MpArray) a = labels_new (truth, 4);
  g_autoptr(MpArray) b = doubles_new (guess, 4);
  g_autoptr(MpArray) c = doubles_new (y, 4);
  g_autoptr(MpArray) d = doubles_new (y_hat, 4);
  g_autoptr(MpArray) e = doubles_new (constant, 4);
  g_autoptr(MpArray) one = doubles_new (y, 1);
  g_autoptr(MpArray) three = doubles_new (y, 3);
  g_autoptr(GError) error = NULL;

  g_assert_cmpfloat (mp_accuracy_score (a, b, &error), ==, 0.75);
  g_assert_no_error (error);

  /* Residuals 0.5, -0.5, 0, -1: 1.5; mean 2.875, squared deviations sum
   * to 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875. */
  g_assert_cmpfloat_with_epsilon (mp_r2_score (c, d, &error), 1.0 - 1.5 / 29.1875, 1e-15);
  g_assert_no_error (error);
  g_assert_cmpfloat (mp_r2_score (c, c, &error), ==, 1.0);
  /* A constant truth scores 1 when hit exactly, 0 otherwise. */
  g_assert_cmpfloat (mp_r2_score (e, e, &error), ==, 1.0);
  g_assert_cmpfloat (mp_r2_score (e, d, &error), ==, 0.0);
  /* R² is undefined for a single sample. */
  g_assert_true (isnan (mp_r2_score (one, one, &error)));
  g_assert_no_error (error);

  g_assert_true (isnan (mp_accuracy_score (a, three, &error)));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y_pred:"));
  g_clear_error (&error);

  g_assert_true (isnan (mp_accuracy_score (a, c, &error)));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y_pred: accuracy needs class labels"));
  g_clear_error (&error);

  g_assert_true (isnan (mp_r2_score (c, three, &error)));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
}

/* Text labels compare as text ("é" as two bytes, "e" is another label)
 * and never with numbers; R² has no meaning for them. */
static void
test_metrics_strings (void)
{
  const char * const truth[] = { "caf\xc3\xa9", "cafe", "b", "" };
  const char * const guess[] = { "caf\xc3\xa9", "caf\xc3\xa9", "b", "" };
  const gsize four[] = { 4 };
  const gdouble numbers[] = { 0, 1, 2, 3 };
  g_autoptr(MpArray) a = mp_array_new_strings (truth, 4, four, 1, NULL);
  g_autoptr(MpArray) b = mp_array_new_strings (guess, 4, four, 1, NULL);
  g_autoptr(MpArray) n = mp_array_new_float64 (numbers, 4, four, 1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpfloat (mp_accuracy_score (a, b, &error), ==, 0.75);
  g_assert_no_error (error);
  g_assert_cmpfloat (mp_accuracy_score (a, a, &error), ==, 1.0);

  g_assert_true (isnan (mp_accuracy_score (a, n, &error)));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "y_pred: labels are numbers but those of y_true are strings; "
                                       "they must be of the same kind");
  g_clear_error (&error);

  g_assert_true (isnan (mp_r2_score (n, a, &error)));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "y_pred: R² needs numbers, got strings");
}

/* Unshuffled KFold over iris (sorted by class) tests one class block per
 * fold of 30: fold 0 tests 30 setosa while training on 20 setosa and 50 of
 * each other class; the dummy predicts versicolor (the tie goes to the
 * smaller label) and scores 0. Fold 1 tests 20 setosa and 10 versicolor,
 * trains on 30 setosa, 40 versicolor, 50 virginica: predicts virginica, 0.
 * Fold 2 tests 30 versicolor, trains on 50, 20, 50: predicts setosa, 0.
 * Fold 3 tests 10 versicolor and 20 virginica, trains on 50, 40, 30:
 * predicts setosa, 0. Fold 4 tests 30 virginica, trains on 50, 50, 20:
 * predicts setosa, 0. */
static void
test_cross_val_score_kfold (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpSplitter) kfold = mp_kfold_new (5, FALSE, -1);
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  scores = mp_cross_val_score (dummy, mp_dataset_get_data (iris), mp_dataset_get_target (iris),
                               kfold, "accuracy", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (scores), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (mp_array_get_float64_data (scores)[i], ==, 0.0);

  /* The estimator itself is cloned, never fitted. */
  g_assert_false (mp_estimator_is_fitted (dummy));
}

/* With no splitter a classifier gets StratifiedKFold(5): each test fold
 * holds 10 of each iris class, so the dummy scores exactly 1/3. */
static void
test_cross_val_score_default (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  scores = mp_cross_val_score (dummy, mp_dataset_get_data (iris), mp_dataset_get_target (iris),
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (scores), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (mp_array_get_float64_data (scores)[i], ==, 1.0 / 3.0);
}

static void
test_cross_val_score_errors (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpSplitter) too_many = mp_kfold_new (151, FALSE, -1);
  MpArray *x = mp_dataset_get_data (iris);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpArray) short_y = mp_array_new_int64 (mp_array_get_int64_data (y), 10,
                                                   (gsize[]) { 10 }, 1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (mp_cross_val_score (dummy, x, y, NULL, "f1", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "scoring: unknown scorer 'f1'"));
  g_clear_error (&error);

  g_assert_null (mp_cross_val_score (dummy, x, NULL, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y:"));
  g_clear_error (&error);

  g_assert_null (mp_cross_val_score (dummy, x, short_y, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "y:"));
  g_clear_error (&error);

  g_assert_null (mp_cross_val_score (dummy, x, y, too_many, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "n_splits:"));
  g_clear_error (&error);

  /* R² of predicted labels is a valid, if odd, request. */
  {
    g_autoptr(MpArray) scores = mp_cross_val_score (dummy, x, y, NULL, "r2", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mp_array_get_n_elements (scores), ==, 5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model-selection/random/mt19937-reference", test_random_reference);
  g_test_add_func ("/model-selection/random/interval", test_random_interval);
  g_test_add_func ("/model-selection/random/permutation", test_random_permutation);
  g_test_add_func ("/model-selection/kfold/unshuffled", test_kfold_unshuffled);
  g_test_add_func ("/model-selection/kfold/shuffled", test_kfold_shuffled);
  g_test_add_func ("/model-selection/kfold/string-form", test_kfold_string_form);
  g_test_add_func ("/model-selection/kfold/properties", test_kfold_properties);
  for (guint i = 0; i < G_N_ELEMENTS (kfold_errors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model-selection/kfold/error/%s", kfold_errors[i].name);
      g_test_add_data_func (path, &kfold_errors[i], test_kfold_error);
    }
  g_test_add_func ("/model-selection/stratified-kfold/appearance-order", test_stratified_appearance_order);
  g_test_add_func ("/model-selection/stratified-kfold/blocks", test_stratified_blocks);
  g_test_add_func ("/model-selection/stratified-kfold/shuffled", test_stratified_shuffled);
  g_test_add_func ("/model-selection/stratified-kfold/small-classes", test_stratified_small_classes);
  g_test_add_func ("/model-selection/splitter/default", test_default_splitter);
  g_test_add_func ("/model-selection/train-test-split/plain", test_train_test_split_plain);
  g_test_add_func ("/model-selection/train-test-split/stratified", test_train_test_split_stratified);
  for (guint i = 0; i < G_N_ELEMENTS (split_errors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model-selection/train-test-split/error/%s",
                                               split_errors[i].name);
      g_test_add_data_func (path, &split_errors[i], test_train_test_split_error);
    }
  g_test_add_func ("/model-selection/metrics/accuracy-and-r2", test_metrics);
  g_test_add_func ("/model-selection/metrics/strings", test_metrics_strings);
  g_test_add_func ("/model-selection/cross-val-score/kfold", test_cross_val_score_kfold);
  g_test_add_func ("/model-selection/cross-val-score/default-cv", test_cross_val_score_default);
  g_test_add_func ("/model-selection/cross-val-score/errors", test_cross_val_score_errors);

  return g_test_run ();
}
