/* mp-import-mapping.c: scikit-learn's pickled state as our estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-list.h"
#include "mp-estimator-private.h"
#include "mp-import-mapping-private.h"
#include "mp-import-values-private.h"

/* A pickled scikit-learn estimator is an instance record whose state is
 * its __dict__: the hyperparameters under their __init__ names, the
 * fitted attributes (a trailing underscore) and private helpers. The
 * generic pass below reads every property our class declares from the
 * key of the same name; the conversion table (mp-import-conversions.c)
 * says only what differs. Nothing here trusts the pickle: every value
 * goes through the declared conversion, and the finished estimator
 * through mp_estimator_validate(), as a loaded file does. */

gboolean
_mp_import_error (GError     **error,
                  MpError      code,
                  const char  *path,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MP_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

MpPickleValue *
_mp_import_require (MpPickleValue  *state,
                    const char     *key,
                    const char     *path,
                    GError        **error)
{
  MpPickleValue *value = _mp_pickle_dict_lookup (state, key);

  if (value == NULL)
    _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "the fitted estimator has no %s", key);
  return value;
}

static const char *
key_of (const MpImportConversion *conversion,
        const char               *ours)
{
  for (const MpImportKey *k = conversion->keys; k != NULL && k->ours != NULL; k++)
    if (strcmp (k->ours, ours) == 0)
      return k->theirs;
  return ours;
}

static gboolean
in_list (const char *const *list,
         const char        *name)
{
  for (; list != NULL && *list != NULL; list++)
    if (strcmp (*list, name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
_mp_import_set (MpEstimator    *model,
                const char     *name,
                MpPickleValue  *value,
                const char     *path,
                GError        **error)
{
  GParamSpec *pspec = mp_estimator_find_param (model, name);
  g_autofree char *field = g_strdup_printf ("%s.%s", path, name);
  GValue gvalue = G_VALUE_INIT;

  g_return_val_if_fail (pspec != NULL, FALSE);
  if (!_mp_import_value_to_gvalue (value, pspec, field, &gvalue, error))
    {
      if (G_IS_VALUE (&gvalue))
        g_value_unset (&gvalue);
      return FALSE;
    }
  g_object_set_property (G_OBJECT (model), pspec->name, &gvalue);
  g_value_unset (&gvalue);
  return TRUE;
}

/* scikit-learn's check_is_fitted: an attribute ending in "_" that is
 * not a dunder. */
static gboolean
looks_fitted (MpPickleValue *state)
{
  for (guint i = 0; i < state->dict.keys->len; i++)
    {
      MpPickleValue *key = g_ptr_array_index (state->dict.keys, i);

      if (key->kind == MP_PICKLE_STR && key->string.length > 1 &&
          key->string.data[key->string.length - 1] == '_' &&
          !g_str_has_prefix (key->string.data, "__"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_lacking (const MpImportConversion  *conversion,
               MpPickleValue             *state,
               const char                *path,
               GError                   **error)
{
  for (const char *const *entry = conversion->lacking; entry != NULL && *entry != NULL; entry++)
    {
      const char *equals = strchr (*entry, '=');
      g_autofree char *name = NULL;
      MpPickleValue *value;

      if (equals == NULL)
        continue;                       /* no value changes the model */
      name = g_strndup (*entry, equals - *entry);
      value = _mp_pickle_dict_lookup (state, name);
      if (value != NULL && !_mp_import_value_equals_literal (value, equals + 1))
        {
          g_autofree char *repr = _mp_import_value_repr (value);

          return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                                   "%s: ModelPersist.%s has no such parameter, and %s=%s changes "
                                   "the model", name, g_type_name (conversion->get_type ()) + 2,
                                   name, repr);
        }
    }
  return TRUE;
}

gboolean
_mp_import_member (MpImportContext  *context,
                   MpPickleValue    *value,
                   const char       *path,
                   MpEstimator     **estimator,
                   const char      **word,
                   GError          **error)
{
  *estimator = NULL;
  *word = NULL;
  if (value->kind == MP_PICKLE_NONE)
    {
      /* scikit-learn's Pipeline reads a None step as 'passthrough' */
      *word = "passthrough";
      return TRUE;
    }
  if (value->kind == MP_PICKLE_STR)
    {
      if (strlen (value->string.data) != value->string.length)
        return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "a str holding NUL");
      *word = value->string.data;
      return TRUE;
    }
  *estimator = _mp_import_estimator (context, value, path, error);
  return *estimator != NULL;
}

/* (name, member): a 2-tuple (or list) whose first item is a str. */
static gboolean
split_named (MpPickleValue  *item,
             const char    **name,
             MpPickleValue **member)
{
  MpPickleValue *first;

  if ((item->kind != MP_PICKLE_TUPLE && item->kind != MP_PICKLE_LIST) || item->items->len != 2)
    return FALSE;
  first = g_ptr_array_index (item->items, 0);
  if (first->kind != MP_PICKLE_STR || strlen (first->string.data) != first->string.length)
    return FALSE;
  *name = first->string.data;
  *member = g_ptr_array_index (item->items, 1);
  return TRUE;
}

MpEstimatorList *
_mp_import_estimator_list (MpImportContext  *context,
                           MpPickleValue    *value,
                           const char       *path,
                           GError          **error)
{
  g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();

  if (value->kind != MP_PICKLE_LIST && value->kind != MP_PICKLE_TUPLE)
    {
      g_autofree char *what = _mp_pickle_value_describe (value);

      _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                        "expected a list of (name, estimator) pairs or of estimators, got %s", what);
      return NULL;
    }
  for (guint i = 0; i < value->items->len; i++)
    {
      MpPickleValue *item = g_ptr_array_index (value->items, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autoptr(MpEstimator) member = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *name = NULL;
      const char *word = NULL;
      MpPickleValue *entry = item;
      gboolean added;

      if (item->kind != MP_PICKLE_OBJECT && !split_named (item, &name, &entry))
        {
          g_autofree char *what = _mp_pickle_value_describe (item);

          _mp_import_error (error, MP_ERROR_INVALID_VALUE, item_path,
                            "expected a (name, estimator) pair or an estimator, got %s", what);
          return NULL;
        }
      if (!_mp_import_member (context, entry, item_path, &member, &word, error))
        return NULL;
      added = member != NULL ? mp_estimator_list_append (list, name, member, &local_error)
                             : mp_estimator_list_append_word (list, name, word, &local_error);
      if (!added)
        {
          _mp_import_error (error, MP_ERROR_INVALID_VALUE, item_path, "%s", local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

/* An estimator-valued property from its pickled value. */
static gboolean
import_child (MpImportContext  *context,
              MpEstimator      *model,
              GParamSpec       *pspec,
              MpPickleValue    *value,
              const char       *path,
              GError          **error)
{
  const char *name = mp_param_spec_get_display_name (pspec);
  g_autofree char *field = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(MpEstimatorList) list = NULL;
  g_autoptr(MpEstimator) child = NULL;

  if (g_type_is_a (pspec->value_type, MP_TYPE_ESTIMATOR_LIST))
    {
      list = _mp_import_estimator_list (context, value, field, error);
      if (list == NULL)
        return FALSE;
      g_object_set (model, pspec->name, list, NULL);
      return TRUE;
    }
  child = _mp_import_estimator (context, value, field, error);
  if (child == NULL)
    return FALSE;
  if (!g_type_is_a (G_OBJECT_TYPE (child), pspec->value_type))
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, field, "%s cannot stand here (%s expected)",
                             G_OBJECT_TYPE_NAME (child), g_type_name (pspec->value_type));
  g_object_set (model, pspec->name, child, NULL);
  return TRUE;
}

static gboolean
import_role (MpImportContext           *context,
             const MpImportConversion  *conversion,
             MpEstimator               *model,
             MpPickleValue             *state,
             MpPropertyRole             role,
             const char                *path,
             GError                   **error)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = mp_estimator_list_properties (model, role, &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = mp_param_spec_get_display_name (pspecs[i]);
      const char *key;
      MpPickleValue *value;
      GType type = pspecs[i]->value_type;

      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        continue;
      key = key_of (conversion, name);
      if (in_list (conversion->skipped, key))
        continue;
      value = _mp_pickle_dict_lookup (state, key);
      /* Absent: scikit-learn's default for a hyperparameter added after
       * the pickle was made; for fitted state, validation says whether
       * it was needed. */
      if (value == NULL)
        continue;
      if (value->kind == MP_PICKLE_NONE &&
          (type == MP_TYPE_ARRAY || g_type_is_a (type, MP_TYPE_ESTIMATOR)))
        continue;
      if (g_type_is_a (type, MP_TYPE_ESTIMATOR) || g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST))
        {
          if (!import_child (context, model, pspecs[i], value, path, error))
            return FALSE;
          continue;
        }
      if (type == MP_TYPE_ARRAY && _mp_import_is_csr_matrix (value))
        {
          g_autofree char *field = g_strdup_printf ("%s.%s", path, name);
          g_autoptr(MpArray) dense = _mp_import_dense_from_csr (context, value, field, error);

          if (dense == NULL)
            return FALSE;
          g_object_set (model, pspecs[i]->name, dense, NULL);
          continue;
        }
      if (!_mp_import_set (model, name, value, path, error))
        return FALSE;
    }
  return TRUE;
}

MpEstimator *
_mp_import_estimator (MpImportContext  *context,
                      MpPickleValue    *value,
                      const char       *path,
                      GError          **error)
{
  const MpImportConversion *conversion;
  g_autoptr(MpEstimator) model = NULL;
  MpPickleValue *state, *version;
  g_autofree char *what = NULL;
  /* the parent's word on our feature count, for our adapt_state only */
  guint hint = context->n_features_in_hint;
  gboolean fitted;

  context->n_features_in_hint = 0;

  if (value->kind != MP_PICKLE_OBJECT)
    {
      what = _mp_pickle_value_describe (value);
      _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                        "expected a scikit-learn estimator, the pickle holds %s", what);
      return NULL;
    }
  conversion = _mp_import_find_conversion (value->object.cls->global.module,
                                           value->object.cls->global.name);
  if (conversion == NULL)
    {
      g_autofree char *supported = _mp_import_list_supported ();

      what = _mp_pickle_value_describe (value);
      _mp_import_error (error, MP_ERROR_UNKNOWN_TYPE, path,
                        "%s has no ModelPersist counterpart the importer maps (supported: %s)",
                        what, supported);
      return NULL;
    }
  if (context->depth >= context->max_depth)
    {
      _mp_import_error (error, MP_ERROR_LIMIT_EXCEEDED, path,
                        "estimators nested deeper than %u (max_depth)", context->max_depth);
      return NULL;
    }
  if (context->max_estimators > 0 && context->n_estimators >= context->max_estimators)
    {
      _mp_import_error (error, MP_ERROR_LIMIT_EXCEEDED, path,
                        "more than %" G_GUINT64_FORMAT " estimators (max_json_nodes), counting each "
                        "place the pickle refers to one", context->max_estimators);
      return NULL;
    }
  context->n_estimators++;
  state = value->object.state;
  if (state == NULL || state->kind != MP_PICKLE_DICT)
    {
      _mp_import_error (error, MP_ERROR_MALFORMED, path, "%s has no state dict", conversion->sklearn);
      return NULL;
    }
  version = _mp_pickle_dict_lookup (state, "_sklearn_version");
  if (context->sklearn_version == NULL && _mp_import_value_get_str (version) != NULL)
    context->sklearn_version = g_strdup (_mp_import_value_get_str (version));

  model = g_object_new (conversion->get_type (), NULL);
  context->depth++;
  if (!check_lacking (conversion, state, path, error) ||
      !import_role (context, conversion, model, state, MP_PROPERTY_ROLE_HYPERPARAMETER, path,
                    error) ||
      (conversion->adapt_params != NULL &&
       !conversion->adapt_params (context, state, model, path, error)))
    {
      context->depth--;
      return NULL;
    }
  /* The hyperparameters on their own (validate() of an unfitted
   * estimator checks nothing else): a value outside its declaration is
   * the file's value, INVALID_VALUE as the loader's for a document. */
  if (!mp_estimator_validate (model, error))
    {
      context->depth--;
      if (error != NULL && *error != NULL)
        {
          g_autofree char *message = g_strdup ((*error)->message);

          g_clear_error (error);
          _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s", message);
        }
      return NULL;
    }
  fitted = conversion->is_fitted != NULL ? conversion->is_fitted (context, state, model)
                                         : looks_fitted (state);
  if (fitted)
    {
      gboolean ok = import_role (context, conversion, model, state, MP_PROPERTY_ROLE_FITTED, path,
                                 error);

      context->n_features_in_hint = hint;
      ok = ok && (conversion->adapt_state == NULL ||
                  conversion->adapt_state (context, state, model, path, error));
      context->n_features_in_hint = 0;
      if (!ok)
        {
          context->depth--;
          return NULL;
        }
      _mp_estimator_set_fitted (model, TRUE);
    }
  context->depth--;
  /* The checks a loaded file gets: hyperparameters always, the fitted
   * state of a fitted estimator. */
  if (!mp_estimator_validate (model, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&model);
}
