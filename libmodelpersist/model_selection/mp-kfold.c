/* mp-kfold.c: k-fold cross-validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"
#include "mp-kfold-private.h"

/**
 * SECTION:mp-kfold
 * @Title: MpKFold
 * @Short_description: k consecutive folds
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

enum {
  PROP_0,
  PROP_N_SPLITS,
  PROP_SHUFFLE,
  PROP_RANDOM_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  if (n_splits < 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_splits: k-fold cross-validation needs at least 2 folds, got %u",
                   n_splits);
      return FALSE;
    }

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
mp_kfold_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MpKFoldPrivate *self = mp_kfold_get_instance_private (MP_KFOLD (object));

  switch (prop_id)
    {
    case PROP_N_SPLITS:
      g_value_set_uint (value, self->n_splits);
      break;

    case PROP_SHUFFLE:
      g_value_set_boolean (value, self->shuffle);
      break;

    case PROP_RANDOM_STATE:
      g_value_set_int64 (value, self->random_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_kfold_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MpKFoldPrivate *self = mp_kfold_get_instance_private (MP_KFOLD (object));

  switch (prop_id)
    {
    case PROP_N_SPLITS:
      if (self->n_splits != g_value_get_uint (value))
        {
          self->n_splits = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHUFFLE:
      if (self->shuffle != g_value_get_boolean (value))
        {
          self->shuffle = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_RANDOM_STATE:
      if (self->random_state != g_value_get_int64 (value))
        {
          self->random_state = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_kfold_class_init (MpKFoldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MpSplitterClass *splitter_class = MP_SPLITTER_CLASS (klass);

  object_class->get_property = mp_kfold_get_property;
  object_class->set_property = mp_kfold_set_property;

  splitter_class->get_n_splits = mp_kfold_get_n_splits;
  splitter_class->split = mp_kfold_split;

  /**
   * MpKFold:n-splits:
   *
   * The number of folds, at least 2 (`n_splits`). Values below 2 are
   * accepted here and rejected by mp_splitter_split() with
   * %MP_ERROR_INVALID_ARGUMENT, as scikit-learn rejects them.
   *
   * Since: 1.0
   */
  properties[PROP_N_SPLITS] =
    g_param_spec_uint ("n-splits", NULL, NULL,
                       0, G_MAXINT, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpKFold:shuffle:
   *
   * Whether to shuffle the samples before cutting them into folds
   * (`shuffle`). The samples within each fold stay in increasing order.
   *
   * Since: 1.0
   */
  properties[PROP_SHUFFLE] =
    g_param_spec_boolean ("shuffle", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpKFold:random-state:
   *
   * The seed of the shuffle, 0 to 2³² - 1, or -1 for None: a fresh seed
   * for every split (`random_state`). Only meaningful with
   * #MpKFold:shuffle; setting it without is an error at split time, as in
   * scikit-learn.
   *
   * Since: 1.0
   */
  properties[PROP_RANDOM_STATE] =
    g_param_spec_int64 ("random-state", NULL, NULL,
                        MP_RANDOM_STATE_NONE, MP_RANDOM_STATE_MAX, MP_RANDOM_STATE_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_kfold_init (MpKFold *self)
{
  MpKFoldPrivate *priv = mp_kfold_get_instance_private (self);

  priv->n_splits = 5;
  priv->random_state = MP_RANDOM_STATE_NONE;
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
 * Since: 1.0
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
