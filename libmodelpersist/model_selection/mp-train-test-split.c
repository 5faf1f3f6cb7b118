/* mp-train-test-split.c: one random train/test split
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-labels-private.h"
#include "mp-random-private.h"
#include "mp-take-private.h"
#include "mp-train-test-split.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-train-test-split
 * @Title: Train-test split
 * @Short_description: hold out a random part of the data for testing
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *y = mp_dataset_get_target (iris);
 * g_autoptr(MpArray) x_train = NULL;
 * g_autoptr(MpArray) x_test = NULL;
 * g_autoptr(MpArray) y_train = NULL;
 * g_autoptr(MpArray) y_test = NULL;
 *
 * // 112 rows to train on and 38 to test on, with iris's class proportions in both
 * if (!mp_train_test_split (mp_dataset_get_data (iris), y, 0.25, 0, y,
 *                           &x_train, &x_test, &y_train, &y_test, &error))
 *   g_warning ("%s", error->message);
 * ]|
 *
 * mp_train_test_split() is scikit-learn's `train_test_split(X, y,
 * test_size=..., random_state=..., stratify=...)`: it shuffles the samples
 * and keeps a fraction of them apart for testing. With the same
 * `random_state` the split is exactly scikit-learn 1.2's, stratified or
 * not; -1 (None) draws a fresh seed.
 */

/* What the arguments may hold, checked (and described in errors) by the
 * same code as every declared parameter: test_size a fraction, as one of
 * scikit-learn's Interval(RealNotInt, 0, 1, closed="neither"), and
 * random_state a seed or None, as KFold's. */
static const MpParamConstraint test_size_constraint = {
  .has_interval = TRUE, .minimum = 0, .maximum = 1,
  .flags = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE,
};

static const MpParamConstraint random_state_constraint = {
  .has_interval = TRUE, .minimum = 0, .maximum = MP_RANDOM_STATE_MAX,
  .flags = MP_CONSTRAINT_NONE_ALLOWED,
};

static gboolean
check_arguments (gdouble   test_size,
                 gint64    random_state,
                 GError  **error)
{
  g_auto(GValue) size = G_VALUE_INIT;
  g_auto(GValue) seed = G_VALUE_INIT;

  g_value_init (&size, G_TYPE_DOUBLE);
  g_value_set_double (&size, test_size);
  g_value_init (&seed, G_TYPE_INT64);
  g_value_set_int64 (&seed, random_state);
  return _mp_constraint_check (&test_size_constraint, "test_size", &size, MP_ERROR_INVALID_ARGUMENT, error) &&
         _mp_constraint_check (&random_state_constraint, "random_state", &seed, MP_ERROR_INVALID_ARGUMENT,
                               error);
}

/* How many of each class to draw so the draw follows the class
 * proportions; ties for the leftover draws are broken at random. This is
 * sklearn's _approximate_mode, draw for draw. */
static void
approximate_mode (const gsize *counts,
                  guint        n_classes,
                  gsize        n_draws,
                  MpRandom    *rng,
                  gsize       *drawn)
{
  g_autofree gdouble *continuous = g_new (gdouble, n_classes);
  g_autofree gdouble *floored = g_new (gdouble, n_classes);
  g_autofree gdouble *remainder = g_new (gdouble, n_classes);
  g_autofree gdouble *levels = g_new (gdouble, n_classes);
  g_autofree gsize *tied = g_new (gsize, n_classes);
  gsize total = 0, allotted = 0, need;
  guint n_levels = 0;

  for (guint k = 0; k < n_classes; k++)
    total += counts[k];

  for (guint k = 0; k < n_classes; k++)
    {
      continuous[k] = (gdouble) counts[k] / (gdouble) total * (gdouble) n_draws;
      floored[k] = floor (continuous[k]);
      remainder[k] = continuous[k] - floored[k];
      allotted += (gsize) floored[k];
    }
  need = n_draws - allotted;

  /* The distinct remainders, largest first. */
  for (guint k = 0; k < n_classes; k++)
    {
      guint at = 0;

      while (at < n_levels && levels[at] > remainder[k])
        at++;
      if (at < n_levels && levels[at] == remainder[k])
        continue;
      memmove (levels + at + 1, levels + at, (n_levels - at) * sizeof (gdouble));
      levels[at] = remainder[k];
      n_levels++;
    }

  for (guint level = 0; level < n_levels && need > 0; level++)
    {
      g_autofree gint64 *order = NULL;
      gsize n_tied = 0, add_now;

      for (guint k = 0; k < n_classes; k++)
        if (remainder[k] == levels[level])
          tied[n_tied++] = k;

      /* rng.choice(tied, add_now, replace=False) takes the head of a
       * permutation of all the tied classes. */
      add_now = MIN (n_tied, need);
      order = _mp_random_permutation (rng, n_tied);
      for (gsize i = 0; i < add_now; i++)
        floored[tied[order[i]]] += 1.0;
      need -= add_now;
    }

  for (guint k = 0; k < n_classes; k++)
    drawn[k] = (gsize) floored[k];
}

static gboolean
stratified_split (gsize       n_samples,
                  gsize       n_train,
                  gsize       n_test,
                  MpRandom   *rng,
                  MpArray    *stratify,
                  gint64     *train,
                  gint64     *test,
                  GError    **error)
{
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *class_of = NULL;
  g_autofree gsize *counts = NULL;
  g_autofree gsize *first = NULL;
  g_autofree gint64 *members = NULL;
  g_autofree gsize *filled = NULL;
  g_autofree gsize *n_train_of = NULL;
  g_autofree gsize *n_test_of = NULL;
  g_autofree gsize *remaining = NULL;
  gsize n_classes, t = 0, s = 0;

  if (!_mp_encode_labels (stratify, &classes, &class_of, error))
    return FALSE;
  n_classes = mp_array_get_n_elements (classes);

  counts = g_new0 (gsize, n_classes);
  for (gsize i = 0; i < n_samples; i++)
    counts[class_of[i]]++;

  for (gsize k = 0; k < n_classes; k++)
    if (counts[k] < 2)
      {
        g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                             "stratify: the least populated class has only 1 member; "
                             "every class needs at least 2");
        return FALSE;
      }
  if (n_train < n_classes || n_test < n_classes)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "test_size: the %s set of %" G_GSIZE_FORMAT " samples cannot hold "
                   "each of the %" G_GSIZE_FORMAT " classes",
                   n_train < n_classes ? "train" : "test",
                   n_train < n_classes ? n_train : n_test, n_classes);
      return FALSE;
    }

  /* The members of each class in increasing order, class after class. */
  first = g_new0 (gsize, n_classes + 1);
  for (gsize k = 0; k < n_classes; k++)
    first[k + 1] = first[k] + counts[k];
  members = g_new (gint64, n_samples);
  filled = g_new0 (gsize, n_classes);
  for (gsize i = 0; i < n_samples; i++)
    members[first[class_of[i]] + filled[class_of[i]]++] = (gint64) i;

  n_train_of = g_new (gsize, n_classes);
  n_test_of = g_new (gsize, n_classes);
  remaining = g_new (gsize, n_classes);
  approximate_mode (counts, n_classes, n_train, rng, n_train_of);
  for (gsize k = 0; k < n_classes; k++)
    remaining[k] = counts[k] - n_train_of[k];
  approximate_mode (remaining, n_classes, n_test, rng, n_test_of);

  for (gsize k = 0; k < n_classes; k++)
    {
      g_autofree gint64 *order = _mp_random_permutation (rng, counts[k]);
      const gint64 *class_members = members + first[k];

      for (gsize m = 0; m < n_train_of[k]; m++)
        train[t++] = class_members[order[m]];
      for (gsize m = n_train_of[k]; m < n_train_of[k] + n_test_of[k]; m++)
        test[s++] = class_members[order[m]];
    }

  /* approximate_mode hands out exactly n_train and n_test draws. */
  g_assert (t == n_train && s == n_test);

  _mp_random_shuffle (rng, train, n_train);
  _mp_random_shuffle (rng, test, n_test);
  return TRUE;
}

/**
 * mp_train_test_split_indices:
 * @n_samples: the number of samples to split
 * @test_size: the fraction of the samples to test on, in (0, 1); the test
 *   set holds `ceil(test_size * n_samples)` samples, the train set the rest
 * @random_state: the seed of the shuffle, 0 to 2³² - 1, or -1 for None (a
 *   fresh seed)
 * @stratify: (nullable): class labels, one per sample, whose proportions
 *   both sets should keep; %NULL for a plain shuffle
 * @train: (out) (transfer full): the indices of the training samples, a
 *   1-D int64 array in shuffled order
 * @test: (out) (transfer full): the indices of the test samples, a 1-D
 *   int64 array in shuffled order
 * @error: return location for a #GError
 *
 * Chooses the samples mp_train_test_split() puts in each set; the indices
 * are those scikit-learn's `ShuffleSplit` (or `StratifiedShuffleSplit` with
 * @stratify) produces for the same seed.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @test_size or @random_state is out of range, or %MP_ERROR_INVALID_INPUT
 *   if a set would be empty, @stratify does not hold one finite label per
 *   sample, a class has a single member or a set is too small to hold every
 *   class
 *
 * Since: 0.1
 */
gboolean
mp_train_test_split_indices (gsize      n_samples,
                             gdouble    test_size,
                             gint64     random_state,
                             MpArray   *stratify,
                             MpArray  **train,
                             MpArray  **test,
                             GError   **error)
{
  g_autofree gint64 *train_indices = NULL;
  g_autofree gint64 *test_indices = NULL;
  gsize n_train, n_test;
  MpRandom rng;

  g_return_val_if_fail (train != NULL, FALSE);
  g_return_val_if_fail (test != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_arguments (test_size, random_state, error))
    return FALSE;

  if (stratify != NULL && !_mp_check_targets (stratify, n_samples, "stratify", error))
    return FALSE;

  n_test = (gsize) ceil (test_size * (gdouble) n_samples);
  if (n_test >= n_samples)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "test_size: with n_samples=%" G_GSIZE_FORMAT " and test_size=%g "
                   "the train set would be empty", n_samples, test_size);
      return FALSE;
    }
  n_train = n_samples - n_test;

  _mp_random_init_from_state (&rng, random_state);
  train_indices = g_new (gint64, n_train);
  test_indices = g_new (gint64, n_test);

  if (stratify != NULL)
    {
      if (!stratified_split (n_samples, n_train, n_test, &rng, stratify,
                             train_indices, test_indices, error))
        return FALSE;
    }
  else
    {
      g_autofree gint64 *order = _mp_random_permutation (&rng, n_samples);

      memcpy (test_indices, order, n_test * sizeof (gint64));
      memcpy (train_indices, order + n_test, n_train * sizeof (gint64));
    }

  *train = mp_array_new_take (MP_DTYPE_INT64, &n_train, 1, g_steal_pointer (&train_indices));
  *test = mp_array_new_take (MP_DTYPE_INT64, &n_test, 1, g_steal_pointer (&test_indices));
  return TRUE;
}

/**
 * mp_train_test_split:
 * @x: the samples, an array of any dtype whose first axis runs over them
 * @y: (nullable): the labels or targets, one row per sample, or %NULL
 * @test_size: the fraction of the samples to test on, in (0, 1)
 *   (scikit-learn's default is 0.25)
 * @random_state: the seed of the shuffle, 0 to 2³² - 1, or -1 for None
 * @stratify: (nullable): class labels whose proportions both sets keep
 *   (usually @y), or %NULL
 * @x_train: (out) (transfer full): the training rows of @x
 * @x_test: (out) (transfer full): the test rows of @x
 * @y_train: (out) (optional) (nullable) (transfer full): the training rows of @y,
 *   %NULL without @y
 * @y_test: (out) (optional) (nullable) (transfer full): the test rows of @y, %NULL
 *   without @y
 * @error: return location for a #GError
 *
 * Splits @x (and @y) into random train and test subsets, scikit-learn's
 * `train_test_split(x, y, test_size=test_size, random_state=random_state,
 * stratify=stratify)`, with the same rows in the same order for the same
 * seed. See mp_train_test_split_indices() for the indices alone.
 *
 * Returns: %TRUE on success; %FALSE with the errors of
 *   mp_train_test_split_indices(), or %MP_ERROR_INVALID_INPUT if @x is a
 *   scalar or @y does not have one row per sample
 *
 * Since: 0.1
 */
gboolean
mp_train_test_split (MpArray   *x,
                     MpArray   *y,
                     gdouble    test_size,
                     gint64     random_state,
                     MpArray   *stratify,
                     MpArray  **x_train,
                     MpArray  **x_test,
                     MpArray  **y_train,
                     MpArray  **y_test,
                     GError   **error)
{
  g_autoptr(MpArray) train = NULL;
  g_autoptr(MpArray) test = NULL;
  gsize n_samples;

  g_return_val_if_fail (x != NULL, FALSE);
  g_return_val_if_fail (x_train != NULL, FALSE);
  g_return_val_if_fail (x_test != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (mp_array_get_n_dims (x) == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "X: a scalar has no samples to split");
      return FALSE;
    }
  n_samples = mp_array_get_dim (x, 0);

  if (y != NULL && (mp_array_get_n_dims (y) == 0 || mp_array_get_dim (y, 0) != n_samples))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "y: expected %" G_GSIZE_FORMAT " rows, one per sample of X", n_samples);
      return FALSE;
    }

  if (!mp_train_test_split_indices (n_samples, test_size, random_state, stratify,
                                    &train, &test, error))
    return FALSE;

  *x_train = _mp_array_take (x, train);
  *x_test = _mp_array_take (x, test);
  if (y_train != NULL)
    *y_train = y != NULL ? _mp_array_take (y, train) : NULL;
  if (y_test != NULL)
    *y_test = y != NULL ? _mp_array_take (y, test) : NULL;

  return TRUE;
}
