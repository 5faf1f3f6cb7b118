/* mp-kfold.c: k-fold cross-validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-error.h"
#include "mp-kfold-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-kfold
 * @Title: MpKFold
 * @Short_description: k consecutive folds
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * // 3 folds of shuffled rows, seeded: as KFold(n_splits=3, shuffle=True, random_state=0)
 * g_autoptr(MpSplitter) kfold = mp_kfold_new (3, TRUE, 0);
 * g_autoptr(GPtrArray) train = NULL;
 * g_autoptr(GPtrArray) test = NULL;
 *
 * if (!mp_splitter_split (kfold, 10, NULL, &train, &test, &error))
 *   g_warning ("%s", error->message);
 * else    // test folds of 4, 3 and 3 rows; train holds the others
 *   g_print ("%zu rows tested first\n", mp_array_get_dim (g_ptr_array_index (test, 0), 0));
 * ]|
 *
 * #MpKFold is scikit-learn's `KFold`: it cuts the samples into
 * #MpKFold:n-splits consecutive folds (after shuffling them if
 * #MpKFold:shuffle is set) and uses each fold once as the test set. The
 * first `n_samples % n_splits` folds hold one sample more than the others.
 *
 * With the same #MpKFold:random-state the folds are the ones scikit-learn
 * 1.2 makes: the shuffle reproduces numpy's `RandomState(random_state)`.
 */

typedef struct
{
  guint       n_splits;
  gboolean    shuffle;
  gint64      random_state;
} MpKFoldPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MpKFold, mp_kfold, MP_TYPE_SPLITTER)

#define FIELD(member) G_STRUCT_OFFSET (MpKFoldPrivate, member)

/* scikit-learn 1.2's _BaseKFold checks, as constraints: mp_splitter_split()
 * refuses a value outside them with MP_ERROR_INVALID_ARGUMENT. */
static const MpPropertyDecl properties[] = {
  /**
   * MpKFold:n-splits:
   *
   * The number of folds, at least 2 (`n_splits`). Values below 2 are
   * accepted here and rejected by mp_splitter_split() with
   * %MP_ERROR_INVALID_ARGUMENT, as scikit-learn rejects them.
   *
   * Since: 0.1
   */
  { .name = "n-splits", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_UINT,
    .offset = FIELD (n_splits), .default_number = 5, .interval = TRUE, .minimum = 2,
    .maximum = INFINITY },
  /**
   * MpKFold:shuffle:
   *
   * Whether to shuffle the samples before cutting them into folds
   * (`shuffle`). The samples within each fold stay in increasing order.
   *
   * Since: 0.1
   */
  { .name = "shuffle", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (shuffle) },
  /**
   * MpKFold:random-state:
   *
   * The seed of the shuffle, 0 to 2³² - 1, or -1 for None: a fresh seed
   * for every split (`random_state`). Only meaningful with
   * #MpKFold:shuffle; setting it without is an error at split time, as in
   * scikit-learn, and so is a value outside that range.
   *
   * Since: 0.1
   */
  { .name = "random-state", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64,
    .offset = FIELD (random_state), .default_number = MP_RANDOM_STATE_NONE, .interval = TRUE,
    .minimum = 0, .maximum = MP_RANDOM_STATE_MAX, .constraint = MP_CONSTRAINT_NONE_ALLOWED },
};

void
_mp_kfold_get_params (MpKFold  *self,
                      guint    *n_splits,
                      gboolean *shuffle,
                      gint64   *random_state)
{
  MpKFoldPrivate *priv = mp_kfold_get_instance_private (self);

  *n_splits = priv->n_splits;
  *shuffle = priv->shuffle;
  *random_state = priv->random_state;
}

gboolean
_mp_kfold_check (MpSplitter  *self,
                 guint        n_splits,
                 gboolean     shuffle,
                 gint64       random_state,
                 gsize        n_samples,
                 GError     **error)
{
  /* mp_splitter_split() has checked each parameter against its
   * declaration; what is left involves two of them, or the data. */
  if (!shuffle && random_state != MP_RANDOM_STATE_NONE)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "random_state: %" G_GINT64_FORMAT " has no effect since shuffle is False; "
                   "leave it at -1 (None) or set shuffle",
                   random_state);
      return FALSE;
    }

  if (n_splits > n_samples)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "n_splits: %u folds is more than the %" G_GSIZE_FORMAT " samples",
                   n_splits, n_samples);
      return FALSE;
    }

  return TRUE;
}

void
_mp_splits_from_test_folds (const guint  *test_fold,
                            gsize         n_samples,
                            guint         n_splits,
                            GPtrArray   **train,
                            GPtrArray   **test)
{
  g_autofree gsize *fold_sizes = g_new0 (gsize, n_splits);

  *train = g_ptr_array_new_full (n_splits, (GDestroyNotify) mp_array_unref);
  *test = g_ptr_array_new_full (n_splits, (GDestroyNotify) mp_array_unref);

  for (gsize i = 0; i < n_samples; i++)
    fold_sizes[test_fold[i]]++;

  for (guint fold = 0; fold < n_splits; fold++)
    {
      gsize n_test = fold_sizes[fold];
      gsize n_train = n_samples - n_test;
      gint64 *train_indices = g_new (gint64, MAX (n_train, 1));
      gint64 *test_indices = g_new (gint64, MAX (n_test, 1));
      gsize t = 0, s = 0;

      for (gsize i = 0; i < n_samples; i++)
        {
          if (test_fold[i] == fold)
            test_indices[s++] = (gint64) i;
          else
            train_indices[t++] = (gint64) i;
        }

      g_ptr_array_add (*train, mp_array_new_take (MP_DTYPE_INT64, &n_train, 1, train_indices));
      g_ptr_array_add (*test, mp_array_new_take (MP_DTYPE_INT64, &n_test, 1, test_indices));
    }
}

static guint
mp_kfold_get_n_splits (MpSplitter *splitter)
{
  MpKFoldPrivate *priv = mp_kfold_get_instance_private (MP_KFOLD (splitter));

  return priv->n_splits;
}

static gboolean
mp_kfold_split (MpSplitter  *splitter,
                gsize        n_samples,
                MpArray     *y,
                GPtrArray  **train,
                GPtrArray  **test,
                GError     **error)
{
  MpKFoldPrivate *self = mp_kfold_get_instance_private (MP_KFOLD (splitter));
  g_autofree gint64 *order = NULL;
  g_autofree guint *test_fold = NULL;
  gsize position = 0;

  if (!_mp_kfold_check (splitter, self->n_splits, self->shuffle, self->random_state,
                        n_samples, error))
    return FALSE;

  order = g_new (gint64, n_samples);
  for (gsize i = 0; i < n_samples; i++)
    order[i] = (gint64) i;

  if (self->shuffle)
    {
      MpRandom rng;

      _mp_random_init_from_state (&rng, self->random_state);
      _mp_random_shuffle (&rng, order, n_samples);
    }

  /* Fold f takes the next n / k samples of the order, one more for the
   * first n % k folds. */
  test_fold = g_new (guint, n_samples);
  for (guint fold = 0; fold < self->n_splits; fold++)
    {
      gsize size = n_samples / self->n_splits + (fold < n_samples % self->n_splits ? 1 : 0);

      for (gsize i = 0; i < size; i++)
        test_fold[order[position++]] = fold;
    }

  _mp_splits_from_test_folds (test_fold, n_samples, self->n_splits, train, test);
  return TRUE;
}

static void
mp_kfold_class_init (MpKFoldClass *klass)
{
  MpSplitterClass *splitter_class = MP_SPLITTER_CLASS (klass);

  splitter_class->get_n_splits = mp_kfold_get_n_splits;
  splitter_class->split = mp_kfold_split;

  /* The fields are MpKFoldPrivate's, at MpKFold_private_offset (the
   * variable G_DEFINE_TYPE_WITH_PRIVATE defines and G_PRIVATE_OFFSET()
   * reads) in the instance. */
  _mp_object_class_install_table (G_OBJECT_CLASS (klass), properties, G_N_ELEMENTS (properties),
                                  MpKFold_private_offset);
}

static void
mp_kfold_init (MpKFold *self)
{
}

/**
 * mp_kfold_new:
 * @n_splits: the number of folds, at least 2
 * @shuffle: whether to shuffle the samples first
 * @random_state: the seed of the shuffle (0 to 2³² - 1), or -1 for None
 *
 * Creates a k-fold splitter, scikit-learn's
 * `KFold(n_splits, shuffle=shuffle, random_state=random_state)`.
 *
 * Returns: (transfer full): a new #MpKFold
 *
 * Since: 0.1
 */
MpSplitter *
mp_kfold_new (guint    n_splits,
              gboolean shuffle,
              gint64   random_state)
{
  return g_object_new (MP_TYPE_KFOLD,
                       "n-splits", n_splits,
                       "shuffle", shuffle,
                       "random-state", random_state,
                       NULL);
}
