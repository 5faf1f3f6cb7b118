/* mp-param-paths.c: hyperparameters reached by scikit-learn's paths
 * (`clf__C`), through child estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-children-private.h"
#include "mp-error.h"
#include "mp-estimator-list.h"

/* The child of @self called @name: a hyperparameter holding one estimator,
 * or a named entry of a hyperparameter list. Returns a new reference, or
 * NULL. */
static MpEstimator *
find_child (MpEstimator *self,
            const char  *name)
{
  g_autoptr(GArray) children = _mp_estimator_list_children (self, MP_PROPERTY_ROLE_HYPERPARAMETER);

  for (guint i = 0; i < children->len; i++)
    {
      const MpChild *child = &g_array_index (children, MpChild, i);
      const char *child_name = child->name != NULL ? child->name
                                                   : mp_param_spec_get_display_name (child->pspec);

      /* an unnamed list's entries have no name to reach them by */
      if (child->name == NULL && !g_type_is_a (child->pspec->value_type, MP_TYPE_ESTIMATOR))
        continue;
      if (strcmp (child_name, name) == 0)
        return g_object_ref (child->estimator);
    }
  return NULL;
}

/* The hyperparameter list of @self with an entry named @name (which may
 * be a word entry, so not among the children). */
static GParamSpec *
find_entry (MpEstimator *self,
            const char  *name,
            guint       *position)
{
  g_autofree GParamSpec **params = NULL;
  guint n_params = 0;

  params = mp_estimator_list_properties (self, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      g_autoptr(MpEstimatorList) list = NULL;

      if (!g_type_is_a (params[i]->value_type, MP_TYPE_ESTIMATOR_LIST))
        continue;
      g_object_get (self, params[i]->name, &list, NULL);
      if (list != NULL && mp_estimator_list_find (list, name, position))
        return params[i];
    }
  return NULL;
}

static gboolean
unknown (MpEstimator  *self,
         const char   *path,
         const char   *name,
         GError      **error)
{
  g_auto(GStrv) names = mp_estimator_list_param_names (self, MP_PROPERTY_ROLE_HYPERPARAMETER);
  g_autofree char *known = g_strjoinv (", ", names);

  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "%s: %s has no parameter or child named '%s' (its parameters: %s)",
               path, mp_estimator_get_display_name (self), name, known);
  return FALSE;
}

/* Walks @path down to the estimator that owns its last part. */
static MpEstimator *
resolve (MpEstimator  *self,
         const char   *path,
         const char  **last,
         GError      **error)
{
  g_autoptr(MpEstimator) owner = g_object_ref (self);
  const char *rest = path;
  const char *separator;

  while ((separator = strstr (rest, "__")) != NULL)
    {
      g_autofree char *name = g_strndup (rest, separator - rest);
      MpEstimator *child = find_child (owner, name);

      if (child == NULL)
        {
          unknown (owner, path, name, error);
          return NULL;
        }
      g_object_unref (owner);
      owner = child;
      rest = separator + 2;
    }
  *last = rest;
  return g_steal_pointer (&owner);
}

/**
 * mp_estimator_get_param:
 * @self: an #MpEstimator
 * @path: a hyperparameter's display name (`"C"`), or a path through child
 *   estimators as scikit-learn's get_params(deep=True) names it
 *   (`"clf__C"`, `"estimator__kernel"`); a list entry's name alone gives
 *   its estimator
 * @value: (out caller-allocates): an uninitialized #GValue for the value
 * @error: return location for a #GError
 *
 * Reads a hyperparameter of @self or of one of its children.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT naming the
 *   path if it leads nowhere
 *
 * Since: 0.1
 */
gboolean
mp_estimator_get_param (MpEstimator  *self,
                        const char   *path,
                        GValue       *value,
                        GError      **error)
{
  g_autoptr(MpEstimator) owner = NULL;
  const char *last = NULL;
  GParamSpec *pspec;
  guint position = 0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (value != NULL && !G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  owner = resolve (self, path, &last, error);
  if (owner == NULL)
    return FALSE;

  pspec = mp_estimator_find_param (owner, last);
  if (pspec != NULL && mp_param_spec_get_role (pspec) == MP_PROPERTY_ROLE_HYPERPARAMETER)
    {
      g_value_init (value, pspec->value_type);
      g_object_get_property (G_OBJECT (owner), pspec->name, value);
      return TRUE;
    }

  pspec = find_entry (owner, last, &position);
  if (pspec != NULL)
    {
      g_autoptr(MpEstimatorList) list = NULL;
      MpEstimator *estimator;

      g_object_get (owner, pspec->name, &list, NULL);
      estimator = mp_estimator_list_get_estimator (list, position);
      if (estimator != NULL)
        {
          g_value_init (value, MP_TYPE_ESTIMATOR);
          g_value_set_object (value, estimator);
        }
      else
        {
          g_value_init (value, G_TYPE_STRING);
          g_value_set_string (value, mp_estimator_list_get_word (list, position));
        }
      return TRUE;
    }

  return unknown (owner, path, last, error);
}

/* A list entry named @name gets @value: an estimator or a word. The list
 * is frozen, so the owner gets a changed copy. */
static gboolean
set_entry (MpEstimator   *owner,
           GParamSpec    *pspec,
           guint          position,
           const char    *path,
           const GValue  *value,
           GError       **error)
{
  g_autoptr(MpEstimatorList) list = NULL;
  g_autoptr(MpEstimatorList) copy = NULL;
  MpEstimator *estimator = NULL;
  const char *word = NULL;

  if (G_VALUE_HOLDS (value, MP_TYPE_ESTIMATOR))
    estimator = g_value_get_object (value);
  else if (G_VALUE_HOLDS_STRING (value))
    word = g_value_get_string (value);

  if (estimator == NULL && word == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "%s: expected an estimator or a word such as 'passthrough', got %s",
                   path, G_VALUE_TYPE_NAME (value));
      return FALSE;
    }

  g_object_get (owner, pspec->name, &list, NULL);
  copy = mp_estimator_list_copy (list);
  if (!mp_estimator_list_replace (copy, position, estimator, word, error))
    return FALSE;
  g_object_set (owner, pspec->name, copy, NULL);
  return TRUE;
}

/* A double given for an integer parameter (GJS has only doubles) must be
 * an integer that the parameter's type holds: GLib's transform would
 * truncate 2.5 to 2 and wrap what does not fit. */
static gboolean
exact_number (const GValue *value,
              GType         target)
{
  double number, low, high;

  if (!G_VALUE_HOLDS_DOUBLE (value) && !G_VALUE_HOLDS_FLOAT (value))
    return TRUE;
  number = G_VALUE_HOLDS_DOUBLE (value) ? g_value_get_double (value) : g_value_get_float (value);

  switch (G_TYPE_FUNDAMENTAL (target))
    {
    case G_TYPE_INT:    low = G_MININT;   high = G_MAXINT;   break;
    case G_TYPE_UINT:   low = 0;          high = G_MAXUINT;  break;
    /* the largest doubles below 2^63 and 2^64 */
    case G_TYPE_INT64:  low = -0x1p63;    high = 0x1p63 - 1024; break;
    case G_TYPE_UINT64: low = 0;          high = 0x1p64 - 2048; break;
    default:
      return TRUE;
    }
  return isfinite (number) && number == floor (number) && number >= low && number <= high;
}

/**
 * mp_estimator_set_param:
 * @self: an #MpEstimator
 * @path: a hyperparameter's display name or a path through child
 *   estimators, as for mp_estimator_get_param(); a list entry's name alone
 *   replaces that entry (`pipe.set_params(clf=...)`)
 * @value: the new value; numbers convert between numeric types, so GJS
 *   and Python can pass plain numbers
 * @error: return location for a #GError
 *
 * Sets a hyperparameter of @self or of one of its children, as
 * scikit-learn's `set_params(clf__C=0.5)`. The value is checked against
 * its declaration at the next fit or use, like any other.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT naming the
 *   path if it leads nowhere or @value cannot become the parameter's type
 *
 * Since: 0.1
 */
gboolean
mp_estimator_set_param (MpEstimator   *self,
                        const char    *path,
                        const GValue  *value,
                        GError       **error)
{
  g_autoptr(MpEstimator) owner = NULL;
  const char *last = NULL;
  GParamSpec *pspec;
  guint position = 0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  owner = resolve (self, path, &last, error);
  if (owner == NULL)
    return FALSE;

  pspec = mp_estimator_find_param (owner, last);
  if (pspec != NULL && mp_param_spec_get_role (pspec) == MP_PROPERTY_ROLE_HYPERPARAMETER)
    {
      g_auto(GValue) converted = G_VALUE_INIT;

      g_value_init (&converted, pspec->value_type);
      if (!exact_number (value, pspec->value_type))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "%s: expected an integer, got %g", path, g_value_get_double (value));
          return FALSE;
        }
      if (!g_value_type_transformable (G_VALUE_TYPE (value), pspec->value_type) ||
          !g_value_transform (value, &converted))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "%s: expected a %s, got a %s", path, g_type_name (pspec->value_type),
                       G_VALUE_TYPE_NAME (value));
          return FALSE;
        }
      g_object_set_property (G_OBJECT (owner), pspec->name, &converted);
      return TRUE;
    }

  pspec = find_entry (owner, last, &position);
  if (pspec != NULL)
    return set_entry (owner, pspec, position, path, value, error);

  return unknown (owner, path, last, error);
}
