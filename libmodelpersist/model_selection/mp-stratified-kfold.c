/* mp-stratified-kfold.c: k-fold cross-validation that keeps class proportions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"
#include "mp-stratified-kfold.h"
#include "mp-kfold-private.h"
#include "mp-labels-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-stratified-kfold
 * @Title: MpStratifiedKFold
 * @Short_description: k folds that keep the class proportions
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *y = mp_dataset_get_target (iris);
 * g_autoptr(MpSplitter) cv = mp_stratified_kfold_new (5, TRUE, 42);
 * g_autoptr(GPtrArray) train = NULL;
 * g_autoptr(GPtrArray) test = NULL;
 *
 * // each test fold holds 10 samples of each of the 3 classes
 * if (!mp_splitter_split (cv, mp_array_get_dim (y, 0), y, &train, &test, &error))
 *   g_warning ("%s", error->message);
 * ]|
 *
 * #MpStratifiedKFold is scikit-learn's `StratifiedKFold`: like #MpKFold it
 * makes #MpKFold:n-splits folds, but each fold holds about the
 * same share of every class as the whole data. It needs the labels: pass
 * them as the `y` of mp_splitter_split().
 *
 * The folds are exactly scikit-learn 1.2's. Classes are numbered in the
 * order they first appear in `y`; the samples, sorted by that number, are
 * dealt round-robin to the folds to decide how many of each class every
 * fold gets; then each class's samples go to the folds in blocks, in data
 * order, or in a shuffled order with #MpKFold:shuffle. Splitting
 * fails when every class has fewer samples than folds; when only some
 * do, the split goes ahead (those folds miss the class), as in
 * scikit-learn, which warns.
 */

/* The parameters (n_splits, shuffle, random_state) are #MpKFold's; only
 * the assignment of samples to folds differs. */
struct _MpStratifiedKFold
{
  MpKFold  parent_instance;
};

G_DEFINE_FINAL_TYPE (MpStratifiedKFold, mp_stratified_kfold, MP_TYPE_KFOLD)

/* Numbers the classes of @y in the order they first appear, as sklearn
 * does before stratifying. Returns the class number of every sample. */
static guint *
encode_by_appearance (MpArray  *y,
                      guint    *n_classes,
                      GError  **error)
{
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *sorted_index = NULL;
  g_autofree guint *renumber = NULL;
  guint *encoded;
  gsize n = mp_array_get_n_elements (y);
  guint next = 0;

  if (!_mp_encode_labels (y, &classes, &sorted_index, error))
    return NULL;

  renumber = g_new (guint, mp_array_get_n_elements (classes));
  for (gsize k = 0; k < mp_array_get_n_elements (classes); k++)
    renumber[k] = G_MAXUINT;

  encoded = g_new (guint, n);
  for (gsize i = 0; i < n; i++)
    {
      if (renumber[sorted_index[i]] == G_MAXUINT)
        renumber[sorted_index[i]] = next++;
      encoded[i] = renumber[sorted_index[i]];
    }

  *n_classes = next;
  return encoded;
}

static gboolean
mp_stratified_kfold_split (MpSplitter  *splitter,
                           gsize        n_samples,
                           MpArray     *y,
                           GPtrArray  **train,
                           GPtrArray  **test,
                           GError     **error)
{
  guint n_splits;
  gboolean shuffle;
  gint64 random_state;
  g_autofree guint *encoded = NULL;
  g_autofree gsize *counts = NULL;
  g_autofree gsize *allocation = NULL;
  g_autofree guint *test_fold = NULL;
  g_autofree gsize *next_member = NULL;
  g_autofree gint64 **class_folds = NULL;
  guint n_classes = 0;
  gsize smallest = G_MAXSIZE, position = 0;
  MpRandom rng;

  _mp_kfold_get_params (MP_KFOLD (splitter), &n_splits, &shuffle, &random_state);

  if (!_mp_kfold_check (splitter, n_splits, shuffle, random_state,
                        n_samples, error))
    return FALSE;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: StratifiedKFold needs the labels to stratify on");
      return FALSE;
    }

  if (!_mp_labels_are_discrete (y))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: StratifiedKFold supports binary or multiclass labels, "
                           "got continuous values");
      return FALSE;
    }

  encoded = encode_by_appearance (y, &n_classes, error);
  if (encoded == NULL)
    return FALSE;

  counts = g_new0 (gsize, n_classes);
  for (gsize i = 0; i < n_samples; i++)
    counts[encoded[i]]++;
  for (guint k = 0; k < n_classes; k++)
    smallest = MIN (smallest, counts[k]);

  /* sklearn refuses only when no class can fill every fold. */
  {
    gboolean all_too_small = TRUE;

    for (guint k = 0; k < n_classes; k++)
      if (counts[k] >= n_splits)
        all_too_small = FALSE;

    if (all_too_small)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                     "y: n_splits=%u cannot be greater than the number of members "
                     "in each class (the largest class has fewer)", n_splits);
        return FALSE;
      }
  }
  if (smallest < n_splits)
    g_debug ("StratifiedKFold: the least populated class in y has only %" G_GSIZE_FORMAT
             " members, which is less than n_splits=%u", smallest, n_splits);

  /* Deal the samples, sorted by class number, round-robin to the folds:
   * allocation[f * n_classes + k] is how many of class k fold f tests. */
  allocation = g_new0 (gsize, (gsize) n_splits * n_classes);
  for (guint k = 0; k < n_classes; k++)
    for (gsize m = 0; m < counts[k]; m++, position++)
      allocation[(position % n_splits) * n_classes + k]++;

  _mp_random_init_from_state (&rng, random_state);

  /* Each class's samples take their folds in blocks, fold 0 first, in data
   * order; shuffle mixes the blocks, one class after the other. */
  class_folds = g_new0 (gint64 *, n_classes);
  for (guint k = 0; k < n_classes; k++)
    {
      gsize filled = 0;

      class_folds[k] = g_new (gint64, MAX (counts[k], 1));
      for (guint fold = 0; fold < n_splits; fold++)
        for (gsize m = 0; m < allocation[fold * n_classes + k]; m++)
          class_folds[k][filled++] = fold;

      if (shuffle)
        _mp_random_shuffle (&rng, class_folds[k], counts[k]);
    }

  test_fold = g_new (guint, n_samples);
  next_member = g_new0 (gsize, n_classes);
  for (gsize i = 0; i < n_samples; i++)
    {
      guint k = encoded[i];
      test_fold[i] = (guint) class_folds[k][next_member[k]++];
    }

  for (guint k = 0; k < n_classes; k++)
    g_free (class_folds[k]);

  _mp_splits_from_test_folds (test_fold, n_samples, n_splits, train, test);
  return TRUE;
}

static void
mp_stratified_kfold_class_init (MpStratifiedKFoldClass *klass)
{
  MpSplitterClass *splitter_class = MP_SPLITTER_CLASS (klass);

  splitter_class->split = mp_stratified_kfold_split;
}

static void
mp_stratified_kfold_init (MpStratifiedKFold *self)
{
}

/**
 * mp_stratified_kfold_new:
 * @n_splits: the number of folds, at least 2
 * @shuffle: whether to shuffle the samples first
 * @random_state: the seed of the shuffle (0 to 2³² - 1), or -1 for None
 *
 * Creates a stratified k-fold splitter, scikit-learn's
 * `StratifiedKFold(n_splits, shuffle=shuffle, random_state=random_state)`.
 *
 * Returns: (transfer full): a new #MpStratifiedKFold
 *
 * Since: 0.1
 */
MpSplitter *
mp_stratified_kfold_new (guint    n_splits,
                         gboolean shuffle,
                         gint64   random_state)
{
  return g_object_new (MP_TYPE_STRATIFIED_KFOLD,
                       "n-splits", n_splits,
                       "shuffle", shuffle,
                       "random-state", random_state,
                       NULL);
}
