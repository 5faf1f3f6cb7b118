/* mp-splitter.c: the base class of cross-validation splitters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"
#include "mp-splitter.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-splitter
 * @Title: MpSplitter
 * @Short_description: the base class of cross-validation splitters
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) svc = mp_svc_new ();
 * MpArray *y = mp_dataset_get_target (iris);
 * // what mp_cross_val_score() uses without a splitter: stratified 5 folds for a classifier
 * g_autoptr(MpSplitter) cv = mp_splitter_new_default (svc, y);
 * g_autoptr(GPtrArray) train = NULL;
 * g_autoptr(GPtrArray) test = NULL;
 * g_autofree char *repr = mp_splitter_to_string (cv);   // "StratifiedKFold(n_splits=5, ...)"
 *
 * if (!mp_splitter_split (cv, mp_array_get_dim (y, 0), y, &train, &test, &error))
 *   g_warning ("%s", error->message);
 * else    // five MpArray of int64 row indices in each
 *   g_print ("%s: %u splits\n", repr, test->len);
 * ]|
 *
 * An #MpSplitter divides n samples into train/test pairs, as
 * scikit-learn's cross-validators (`KFold`, `StratifiedKFold`) do.
 * mp_splitter_split() returns every pair at once, so a splitter with
 * `random_state` None (-1) still gives folds that partition the data.
 *
 * Everything that defines a splitter is a #GObject property, so it can be
 * described generically: mp_splitter_to_string() prints it the way
 * scikit-learn's repr does, `KFold(n_splits=5, random_state=None,
 * shuffle=False)`, and a cross-validation record can store its type name
 * and property values.
 *
 * The built-in splitters declare their parameters in a property table,
 * as estimators do (docs/development.md): what each parameter allows is
 * written once, and mp_splitter_split() refuses a value outside it with
 * %MP_ERROR_INVALID_ARGUMENT naming the parameter. An integer parameter
 * that allows None uses -1 for it (so does an undeclared integer property
 * whose minimum is -1); the string form shows it as `None`.
 */

G_DEFINE_ABSTRACT_TYPE (MpSplitter, mp_splitter, G_TYPE_OBJECT)

static void
mp_splitter_finalize (GObject *object)
{
  _mp_object_free_table_fields (object);

  G_OBJECT_CLASS (mp_splitter_parent_class)->finalize (object);
}

static void
mp_splitter_class_init (MpSplitterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_splitter_finalize;
}

static void
mp_splitter_init (MpSplitter *self)
{
}

/**
 * mp_splitter_get_n_splits:
 * @self: an #MpSplitter
 *
 * Reads how many folds the splitter makes.
 *
 * Returns: the number of train/test pairs mp_splitter_split() makes
 *
 * Since: 0.1
 */
guint
mp_splitter_get_n_splits (MpSplitter *self)
{
  MpSplitterClass *klass;

  g_return_val_if_fail (MP_IS_SPLITTER (self), 0);

  klass = MP_SPLITTER_GET_CLASS (self);
  g_return_val_if_fail (klass->get_n_splits != NULL, 0);

  return klass->get_n_splits (self);
}

static gboolean
check_index_array (MpSplitter  *self,
                   MpArray     *indices,
                   gsize        n_samples,
                   const char  *which,
                   guint        fold,
                   GError     **error)
{
  const gint64 *values;
  gsize n;

  if (indices == NULL || mp_array_get_dtype (indices) != MP_DTYPE_INT64 ||
      mp_array_get_n_dims (indices) != 1)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   "%s: split %u: the %s indices are not a 1-D int64 array",
                   G_OBJECT_TYPE_NAME (self), fold, which);
      return FALSE;
    }

  values = mp_array_get_int64_data (indices);
  n = mp_array_get_n_elements (indices);
  for (gsize i = 0; i < n; i++)
    if (values[i] < 0 || (guint64) values[i] >= n_samples)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                     "%s: split %u: %s index %" G_GINT64_FORMAT " is out of range for %"
                     G_GSIZE_FORMAT " samples",
                     G_OBJECT_TYPE_NAME (self), fold, which, values[i], n_samples);
        return FALSE;
      }

  return TRUE;
}

/**
 * mp_splitter_split:
 * @self: an #MpSplitter
 * @n_samples: the number of samples to split
 * @y: (nullable): the labels, one per sample; stratified splitters need
 *   them, others ignore them
 * @train: (out) (transfer container) (element-type MpArray): for each
 *   split, the indices of the training samples, a 1-D int64 array
 * @test: (out) (transfer container) (element-type MpArray): for each split,
 *   the indices of the test samples, a 1-D int64 array
 * @error: return location for a #GError
 *
 * Makes every train/test split of @n_samples samples, like iterating over
 * scikit-learn's `cv.split(X, y)`. Split `i` is `train[i]`, `test[i]`; both
 * arrays hold sample indices in increasing order for the k-fold splitters.
 *
 * The pointer arrays own their elements: g_ptr_array_unref() on each frees
 * everything.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_INPUT if @y does
 *   not hold one finite value per sample or the data cannot be split (too
 *   few samples, or classes too small for stratification), or
 *   %MP_ERROR_INVALID_ARGUMENT if a property of @self is outside what it
 *   declares (`n_splits: must be >= 2, got 1`) or contradicts another
 *
 * Since: 0.1
 */
gboolean
mp_splitter_split (MpSplitter  *self,
                   gsize        n_samples,
                   MpArray     *y,
                   GPtrArray  **train,
                   GPtrArray  **test,
                   GError     **error)
{
  MpSplitterClass *klass;
  g_autoptr(GPtrArray) train_splits = NULL;
  g_autoptr(GPtrArray) test_splits = NULL;
  guint n_splits;

  g_return_val_if_fail (MP_IS_SPLITTER (self), FALSE);
  g_return_val_if_fail (train != NULL, FALSE);
  g_return_val_if_fail (test != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = MP_SPLITTER_GET_CLASS (self);
  if (klass->split == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   "%s does not implement split", G_OBJECT_TYPE_NAME (self));
      return FALSE;
    }

  if (n_samples == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "n_samples: there are no samples to split");
      return FALSE;
    }

  if (y != NULL && !_mp_check_targets (y, n_samples, "y", error))
    return FALSE;

  /* As an estimator's at fit: stored as given, checked where used. */
  if (!_mp_object_check_declared_params (G_OBJECT (self), MP_ERROR_INVALID_ARGUMENT, error))
    return FALSE;

  if (!klass->split (self, n_samples, y, &train_splits, &test_splits, error))
    return FALSE;

  /* A subclass that breaks the contract must not make callers index out of
   * bounds. */
  n_splits = mp_splitter_get_n_splits (self);
  if (train_splits == NULL || test_splits == NULL ||
      train_splits->len != n_splits || test_splits->len != n_splits)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   "%s: split did not return %u train/test pairs",
                   G_OBJECT_TYPE_NAME (self), n_splits);
      return FALSE;
    }
  for (guint i = 0; i < n_splits; i++)
    if (!check_index_array (self, g_ptr_array_index (train_splits, i), n_samples, "train", i, error) ||
        !check_index_array (self, g_ptr_array_index (test_splits, i), n_samples, "test", i, error))
      return FALSE;

  *train = g_steal_pointer (&train_splits);
  *test = g_steal_pointer (&test_splits);
  return TRUE;
}

/**
 * mp_splitter_get_display_name:
 * @self: an #MpSplitter
 *
 * The class name scikit-learn users know: `KFold` for #MpKFold.
 *
 * Returns: (transfer none): the display name of the type of @self
 *
 * Since: 0.1
 */
const char *
mp_splitter_get_display_name (MpSplitter *self)
{
  g_return_val_if_fail (MP_IS_SPLITTER (self), NULL);

  return _mp_pyrepr_type_name (G_OBJECT_TYPE (self));
}

static char *
display_name_of (GParamSpec *pspec)
{
  char *name = g_strdup (pspec->name);

  return g_strdelimit (name, "-", '_');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  GParamSpec *pa = *(GParamSpec * const *) a;
  GParamSpec *pb = *(GParamSpec * const *) b;

  /* Compare as display names: '-' reads as '_'. */
  for (const char *x = pa->name, *y = pb->name; ; x++, y++)
    {
      char cx = *x == '-' ? '_' : *x;
      char cy = *y == '-' ? '_' : *y;

      if (cx != cy || cx == '\0')
        return (guchar) cx - (guchar) cy;
    }
}

static void
append_value (GString      *out,
              GParamSpec   *pspec,
              const GValue *value)
{
  if (_mp_param_spec_value_is_none (pspec, value))
    g_string_append (out, "None");
  else if (!_mp_pyrepr_append_value (out, value))
    {
      g_autofree char *contents = g_strdup_value_contents (value);
      g_string_append (out, contents);
    }
}

/**
 * mp_splitter_to_string:
 * @self: an #MpSplitter
 *
 * Formats @self as scikit-learn's repr does: the class name, then every
 * readable property that a splitter class installed, sorted by name, with
 * `-` shown as `_` and values in Python literal syntax:
 * `StratifiedKFold(n_splits=5, random_state=0, shuffle=True)`.
 *
 * Returns: (transfer full): the string form of @self
 *
 * Since: 0.1
 */
char *
mp_splitter_to_string (MpSplitter *self)
{
  g_autofree GParamSpec **all = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  GString *out;
  guint n_all = 0;

  g_return_val_if_fail (MP_IS_SPLITTER (self), NULL);

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);
  for (guint i = 0; i < n_all; i++)
    if (g_type_is_a (all[i]->owner_type, MP_TYPE_SPLITTER) &&
        (all[i]->flags & G_PARAM_READABLE) != 0)
      g_ptr_array_add (params, all[i]);
  g_ptr_array_sort (params, compare_names);

  out = g_string_new (mp_splitter_get_display_name (self));
  g_string_append_c (out, '(');

  for (guint i = 0; i < params->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (params, i);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *name = display_name_of (pspec);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=", name);

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (self), pspec->name, &value);
      append_value (out, pspec, &value);
    }

  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}
