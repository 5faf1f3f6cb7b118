/* mp-estimator-list.c: an ordered, optionally named list of child
 * estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-estimator-list-private.h"

/**
 * SECTION:mp-estimator-list
 * @Title: MpEstimatorList
 * @Short_description: the steps of a pipeline, the members of an ensemble
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpEstimatorList) steps = mp_estimator_list_new ();
 * g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();
 * g_autoptr(MpEstimator) svc = mp_svc_new ();
 * guint position = 0;
 *
 * if (!mp_estimator_list_append (steps, "scale", scaler, &error) ||
 *     !mp_estimator_list_append (steps, "svc", svc, &error))
 *   g_warning ("%s", error->message);
 * else if (mp_estimator_list_find (steps, "svc", &position))   // position is 1
 *   g_print ("%u steps, %s is %s\n", mp_estimator_list_get_n_items (steps),
 *            mp_estimator_list_get_name (steps, position),
 *            mp_estimator_get_display_name (mp_estimator_list_get_estimator (steps, position)));
 * ]|
 *
 * An #MpEstimatorList is what a composite estimator holds its children in:
 * a pipeline's `steps`, a voting classifier's `estimators`, a forest's
 * fitted trees. Each entry is an estimator or, where the owner allows it,
 * a word standing for one (`'passthrough'`, `'drop'`). Entries either all
 * have names or none has; names are unique, non-empty and free of `__`,
 * which separates a child's name from its parameter in
 * mp_estimator_set_param() paths (`clf__C`).
 *
 * A list is built, then handed to an estimator property, which freezes
 * it: from then on it cannot change, so the owner never sees its children
 * move behind its back. To change the steps of an estimator, copy its list
 * (mp_estimator_list_copy()), change the copy and set it. The estimators in
 * a list are not copied: a pipeline fits the very steps it was given, as
 * scikit-learn's does.
 *
 * ```c
 * g_autoptr(MpEstimatorList) steps = mp_estimator_list_new ();
 * mp_estimator_list_append (steps, "dummy", baseline, &error);
 * mp_estimator_list_append (steps, "svc", svc, &error);
 * ```
 */

typedef struct {
  char        *name;
  MpEstimator *estimator;
  char        *word;
} Entry;

struct _MpEstimatorList
{
  GObject    parent_instance;

  GArray    *entries;   /* of Entry */
  gboolean   frozen;
};

G_DEFINE_FINAL_TYPE (MpEstimatorList, mp_estimator_list, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->name, g_free);
  g_clear_object (&entry->estimator);
  g_clear_pointer (&entry->word, g_free);
}

static void
mp_estimator_list_finalize (GObject *object)
{
  MpEstimatorList *self = MP_ESTIMATOR_LIST (object);

  g_array_unref (self->entries);

  G_OBJECT_CLASS (mp_estimator_list_parent_class)->finalize (object);
}

static void
mp_estimator_list_class_init (MpEstimatorListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_estimator_list_finalize;
}

static void
mp_estimator_list_init (MpEstimatorList *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

/**
 * mp_estimator_list_new:
 *
 * Creates an empty list.
 *
 * Returns: (transfer full): a new #MpEstimatorList
 *
 * Since: 0.1
 */
MpEstimatorList *
mp_estimator_list_new (void)
{
  return g_object_new (MP_TYPE_ESTIMATOR_LIST, NULL);
}

static Entry *
entry_at (MpEstimatorList *self,
          guint            position)
{
  return &g_array_index (self->entries, Entry, position);
}

static gboolean
check_mutable (MpEstimatorList  *self,
               GError          **error)
{
  if (!self->frozen)
    return TRUE;
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "the list belongs to an estimator and cannot change; change a copy "
                       "(mp_estimator_list_copy) and set that");
  return FALSE;
}

gboolean
_mp_estimator_list_check_name (MpEstimatorList  *self,
                               const char       *name,
                               GError          **error)
{
  guint n = self->entries->len;
  gboolean named = n > 0 && entry_at (self, 0)->name != NULL;

  if (n > 0 && named != (name != NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "%s: entries of one list all have names or none has",
                   name != NULL ? name : "(unnamed)");
      return FALSE;
    }
  if (name == NULL)
    return TRUE;

  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "an entry's name must be non-empty UTF-8 text");
      return FALSE;
    }
  if (strstr (name, "__") != NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "%s: a name must not contain '__', which separates a child's name "
                   "from its parameters", name);
      return FALSE;
    }
  if (mp_estimator_list_find (self, name, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "%s: the name is already in the list; names must be unique", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_word (const char  *word,
            GError     **error)
{
  if (word == NULL || word[0] == '\0' || !g_utf8_validate (word, -1, NULL))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "a word entry needs a non-empty UTF-8 word ('passthrough', 'drop')");
      return FALSE;
    }
  return TRUE;
}

/**
 * mp_estimator_list_append:
 * @self: an #MpEstimatorList that no estimator holds yet
 * @name: (nullable): the entry's name (`"clf"`), or %NULL for an unnamed
 *   list
 * @estimator: the child estimator; the list takes a reference, not a copy
 * @error: return location for a #GError
 *
 * Appends @estimator under @name.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the list is
 *   frozen, or @name is empty, contains `__`, repeats a name, or is given
 *   (or not) unlike the names before it
 *
 * Since: 0.1
 */
gboolean
mp_estimator_list_append (MpEstimatorList  *self,
                          const char       *name,
                          MpEstimator      *estimator,
                          GError          **error)
{
  Entry entry = { 0, };

  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), FALSE);
  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_mutable (self, error) || !_mp_estimator_list_check_name (self, name, error))
    return FALSE;

  entry.name = g_strdup (name);
  entry.estimator = g_object_ref (estimator);
  g_array_append_val (self->entries, entry);
  return TRUE;
}

/**
 * mp_estimator_list_append_word:
 * @self: an #MpEstimatorList that no estimator holds yet
 * @name: (nullable): the entry's name, or %NULL for an unnamed list
 * @word: what stands in place of an estimator (`"passthrough"`); which
 *   words are allowed is the owner's declaration, checked when the owner
 *   fits or loads
 * @error: return location for a #GError
 *
 * Appends a word entry under @name, as scikit-learn's
 * `('scale', 'passthrough')` step.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT as for
 *   mp_estimator_list_append(), or if @word is empty
 *
 * Since: 0.1
 */
gboolean
mp_estimator_list_append_word (MpEstimatorList  *self,
                               const char       *name,
                               const char       *word,
                               GError          **error)
{
  Entry entry = { 0, };

  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_mutable (self, error) || !check_word (word, error) ||
      !_mp_estimator_list_check_name (self, name, error))
    return FALSE;

  entry.name = g_strdup (name);
  entry.word = g_strdup (word);
  g_array_append_val (self->entries, entry);
  return TRUE;
}

/**
 * mp_estimator_list_get_n_items:
 * @self: an #MpEstimatorList
 *
 * Counts the entries, word entries included.
 *
 * Returns: the number of entries
 *
 * Since: 0.1
 */
guint
mp_estimator_list_get_n_items (MpEstimatorList *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), 0);

  return self->entries->len;
}

/**
 * mp_estimator_list_get_name:
 * @self: an #MpEstimatorList
 * @position: an entry's position, below mp_estimator_list_get_n_items()
 *
 * Gives the name of an entry.
 *
 * Returns: (nullable): the entry's name, or %NULL in an unnamed list
 *
 * Since: 0.1
 */
const char *
mp_estimator_list_get_name (MpEstimatorList *self,
                            guint            position)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return entry_at (self, position)->name;
}

/**
 * mp_estimator_list_get_estimator:
 * @self: an #MpEstimatorList
 * @position: an entry's position, below mp_estimator_list_get_n_items()
 *
 * Gives the estimator of an entry.
 *
 * Returns: (transfer none) (nullable): the entry's estimator, or %NULL for
 *   a word entry
 *
 * Since: 0.1
 */
MpEstimator *
mp_estimator_list_get_estimator (MpEstimatorList *self,
                                 guint            position)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return entry_at (self, position)->estimator;
}

/**
 * mp_estimator_list_get_word:
 * @self: an #MpEstimatorList
 * @position: an entry's position, below mp_estimator_list_get_n_items()
 *
 * Gives the word of an entry that holds one instead of an estimator.
 *
 * Returns: (nullable): the entry's word (`"passthrough"`), or %NULL for an
 *   estimator entry
 *
 * Since: 0.1
 */
const char *
mp_estimator_list_get_word (MpEstimatorList *self,
                            guint            position)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return entry_at (self, position)->word;
}

/**
 * mp_estimator_list_find:
 * @self: an #MpEstimatorList
 * @name: a name
 * @position: (out) (optional): where the entry named @name is
 *
 * Looks an entry up by name, as scikit-learn's `named_steps`.
 *
 * Returns: %TRUE if an entry is named @name
 *
 * Since: 0.1
 */
gboolean
mp_estimator_list_find (MpEstimatorList *self,
                        const char      *name,
                        guint           *position)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (entry_at (self, i)->name, name) == 0)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mp_estimator_list_is_named:
 * @self: an #MpEstimatorList
 *
 * Tells whether the entries are named (all are, or none is).
 *
 * Returns: %TRUE if the entries have names (an empty list has none)
 *
 * Since: 0.1
 */
gboolean
mp_estimator_list_is_named (MpEstimatorList *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), FALSE);

  return self->entries->len > 0 && entry_at (self, 0)->name != NULL;
}

/**
 * mp_estimator_list_is_frozen:
 * @self: an #MpEstimatorList
 *
 * Tells whether an estimator holds @self, which it then cannot change.
 *
 * Returns: %TRUE once an estimator holds @self; it cannot change then
 *
 * Since: 0.1
 */
gboolean
mp_estimator_list_is_frozen (MpEstimatorList *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), FALSE);

  return self->frozen;
}

void
_mp_estimator_list_freeze (MpEstimatorList *self)
{
  self->frozen = TRUE;
}

/**
 * mp_estimator_list_copy:
 * @self: an #MpEstimatorList
 *
 * Copies the entries of @self into a new list that is not frozen. The
 * estimators are shared, not copied; mp_estimator_clone() of the owner
 * is the deep copy.
 *
 * Returns: (transfer full): a new #MpEstimatorList with the same entries
 *
 * Since: 0.1
 */
MpEstimatorList *
mp_estimator_list_copy (MpEstimatorList *self)
{
  MpEstimatorList *copy;

  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), NULL);

  copy = mp_estimator_list_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *from = entry_at (self, i);
      Entry entry = {
        .name = g_strdup (from->name),
        .estimator = from->estimator != NULL ? g_object_ref (from->estimator) : NULL,
        .word = g_strdup (from->word),
      };
      g_array_append_val (copy->entries, entry);
    }
  return copy;
}

/**
 * mp_estimator_list_replace:
 * @self: an #MpEstimatorList that no estimator holds yet
 * @position: an entry's position, below mp_estimator_list_get_n_items()
 * @estimator: (nullable): the new estimator, or %NULL to put @word there
 * @word: (nullable): the new word when @estimator is %NULL
 * @error: return location for a #GError
 *
 * Puts @estimator (or @word) in place of the entry at @position, keeping
 * its name: what `pipe.set_params(clf=LogisticRegression())` does.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the list is
 *   frozen or neither @estimator nor a non-empty @word is given
 *
 * Since: 0.1
 */
gboolean
mp_estimator_list_replace (MpEstimatorList  *self,
                           guint             position,
                           MpEstimator      *estimator,
                           const char       *word,
                           GError          **error)
{
  Entry *entry;

  g_return_val_if_fail (MP_IS_ESTIMATOR_LIST (self), FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);
  g_return_val_if_fail (estimator == NULL || MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_mutable (self, error))
    return FALSE;
  if (estimator == NULL && !check_word (word, error))
    return FALSE;

  entry = entry_at (self, position);
  g_clear_pointer (&entry->word, g_free);
  g_set_object (&entry->estimator, estimator);
  if (estimator == NULL)
    entry->word = g_strdup (word);
  return TRUE;
}
