/* mp-cv-record.c: a cross-validation result as a model's metadata keeps it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-builtin-splitters-private.h"
#include "mp-cv-record-private.h"
#include "mp-declarations-private.h"
#include "mp-error.h"

static gboolean
is_splitter_param (GParamSpec *pspec)
{
  return g_type_is_a (pspec->owner_type, MP_TYPE_SPLITTER) &&
         (pspec->flags & G_PARAM_READABLE) != 0;
}

static char *
display_name (const char *name)
{
  return g_strdelimit (g_strdup (name), "-", '_');
}

/* The JSON form of one splitter property, or NULL for a type the schema
 * cannot hold. */
static JsonNode *
splitter_value_to_node (GParamSpec   *pspec,
                        const GValue *value)
{
  GType type = G_VALUE_TYPE (value);
  gint64 i = 0;

  if (type == G_TYPE_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), g_value_get_boolean (value));
  if (type == G_TYPE_INT || type == G_TYPE_INT64 || type == G_TYPE_LONG)
    {
      i = type == G_TYPE_INT ? g_value_get_int (value)
        : type == G_TYPE_INT64 ? g_value_get_int64 (value) : g_value_get_long (value);
      if (_mp_param_spec_value_is_none (pspec, value))
        return json_node_init_null (json_node_alloc ());
      return json_node_init_int (json_node_alloc (), i);
    }
  if (type == G_TYPE_UINT || type == G_TYPE_UINT64 || type == G_TYPE_ULONG)
    {
      guint64 u = type == G_TYPE_UINT ? g_value_get_uint (value)
                : type == G_TYPE_UINT64 ? g_value_get_uint64 (value) : g_value_get_ulong (value);
      if (u > G_MAXINT64)
        return NULL;
      return json_node_init_int (json_node_alloc (), (gint64) u);
    }
  if (type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT)
    {
      gdouble d = type == G_TYPE_DOUBLE ? g_value_get_double (value) : g_value_get_float (value);
      if (!isfinite (d))
        return NULL;
      return json_node_init_double (json_node_alloc (), d);
    }
  if (type == G_TYPE_STRING)
    {
      const char *s = g_value_get_string (value);
      if (s == NULL)
        return json_node_init_null (json_node_alloc ());
      return json_node_init_string (json_node_alloc (), s);
    }
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));
      if (ev == NULL)
        return NULL;
      return json_node_init_string (json_node_alloc (), ev->value_nick);
    }
  return NULL;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Converts @node into @value (initialized here) for @pspec, strictly. */
static gboolean
splitter_value_from_node (GParamSpec  *pspec,
                          JsonNode    *node,
                          GValue      *value,
                          const char  *path,
                          GError     **error)
{
  GType type = pspec->value_type;

  g_value_init (value, type);

  if (type == G_TYPE_BOOLEAN && node_is (node, G_TYPE_BOOLEAN))
    g_value_set_boolean (value, json_node_get_boolean (node));
  else if ((type == G_TYPE_INT || type == G_TYPE_INT64 || type == G_TYPE_LONG) &&
           (node_is (node, G_TYPE_INT64) || (JSON_NODE_HOLDS_NULL (node) &&
                                             _mp_param_spec_allows_none (pspec))))
    {
      gint64 i = JSON_NODE_HOLDS_NULL (node) ? -1 : json_node_get_int (node);

      if ((type == G_TYPE_INT && (i < G_MININT || i > G_MAXINT)) ||
          (type == G_TYPE_LONG && (i < G_MINLONG || i > G_MAXLONG)))
        goto out_of_range;
      if (type == G_TYPE_INT)
        g_value_set_int (value, (gint) i);
      else if (type == G_TYPE_INT64)
        g_value_set_int64 (value, i);
      else
        g_value_set_long (value, (glong) i);
    }
  else if ((type == G_TYPE_UINT || type == G_TYPE_UINT64 || type == G_TYPE_ULONG) &&
           node_is (node, G_TYPE_INT64))
    {
      gint64 i = json_node_get_int (node);

      if (i < 0 || (type == G_TYPE_UINT && i > G_MAXUINT) ||
          (type == G_TYPE_ULONG && (guint64) i > G_MAXULONG))
        goto out_of_range;
      if (type == G_TYPE_UINT)
        g_value_set_uint (value, (guint) i);
      else if (type == G_TYPE_UINT64)
        g_value_set_uint64 (value, (guint64) i);
      else
        g_value_set_ulong (value, (gulong) i);
    }
  else if ((type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT) &&
           (node_is (node, G_TYPE_DOUBLE) || node_is (node, G_TYPE_INT64)))
    {
      gdouble d = json_node_get_double (node);

      if (type == G_TYPE_FLOAT && fabs (d) > G_MAXFLOAT)
        goto out_of_range;
      if (type == G_TYPE_DOUBLE)
        g_value_set_double (value, d);
      else
        g_value_set_float (value, (gfloat) d);
    }
  else if (type == G_TYPE_STRING && (node_is (node, G_TYPE_STRING) || JSON_NODE_HOLDS_NULL (node)))
    g_value_set_string (value, JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node));
  else if (G_TYPE_IS_ENUM (type) && node_is (node, G_TYPE_STRING))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value_by_nick (klass, json_node_get_string (node));

      if (ev == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s: \"%s\" is not a value of %s", path, json_node_get_string (node),
                       g_type_name (type));
          return FALSE;
        }
      g_value_set_enum (value, ev->value);
    }
  else
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s: wrong JSON type for a %s parameter", path, g_type_name (type));
      return FALSE;
    }

  if (g_param_value_validate (pspec, value))
    goto out_of_range;
  /* A declared parameter is refused where the splitter would refuse it. */
  if (_mp_param_spec_get_constraint (pspec) != NULL)
    return _mp_constraint_check (_mp_param_spec_get_constraint (pspec), path, value,
                                 MP_ERROR_INVALID_VALUE, error);
  return TRUE;

out_of_range:
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
               "%s: out of the parameter's range", path);
  return FALSE;
}

GType
_mp_cv_record_lookup_splitter_type (const char  *name,
                                    const char  *path,
                                    GError     **error)
{
  GType type;

  _mp_builtin_splitter_types (NULL);
  type = g_type_from_name (name);
  if (type == G_TYPE_INVALID)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_UNKNOWN_TYPE,
                   "%s: \"%s\" is not a registered splitter type", path, name);
      return G_TYPE_INVALID;
    }
  if (!g_type_is_a (type, MP_TYPE_SPLITTER) || G_TYPE_IS_ABSTRACT (type))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_UNTRUSTED_TYPE,
                   "%s: \"%s\" is not a concrete MpSplitter type", path, name);
      return G_TYPE_INVALID;
    }
  return type;
}

/* Checks every member of @params against @type's properties; with
 * @names/@values non-NULL, also collects the converted values. */
static gboolean
convert_splitter_params (GType        type,
                         JsonObject  *params,
                         const char  *path,
                         GPtrArray   *names,
                         GArray      *values,
                         GError     **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  JsonObjectIter it;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&it, params);
  while (json_object_iter_next (&it, &key, &node))
    {
      g_autofree char *prop = g_strdelimit (g_strdup (key), "_", '-');
      g_autofree char *where = g_strdup_printf ("%s.%s", path, key);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), prop);
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspec == NULL || !is_splitter_param (pspec) ||
          (pspec->flags & G_PARAM_WRITABLE) == 0 || strchr (key, '-') != NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s: %s has no such parameter", where, g_type_name (type));
          return FALSE;
        }
      if (!splitter_value_from_node (pspec, node, &value, where, error))
        return FALSE;

      if (names != NULL)
        {
          GValue copy = G_VALUE_INIT;

          g_value_init (&copy, G_VALUE_TYPE (&value));
          g_value_copy (&value, &copy);
          g_ptr_array_add (names, (gpointer) pspec->name);
          g_array_append_val (values, copy);
        }
    }
  return TRUE;
}

gboolean
_mp_cv_record_check_splitter_params (GType        type,
                                     JsonObject  *params,
                                     const char  *path,
                                     GError     **error)
{
  return convert_splitter_params (type, params, path, NULL, NULL, error);
}

void
_mp_cv_record_compute_stats (MpArray *scores,
                             gdouble *mean,
                             gdouble *std)
{
  gsize n = mp_array_get_n_elements (scores);
  const gdouble *s = mp_array_get_data (scores, NULL);
  gdouble sum = 0.0, sq = 0.0;

  for (gsize i = 0; i < n; i++)
    sum += s[i];
  *mean = sum / (gdouble) n;
  for (gsize i = 0; i < n; i++)
    sq += (s[i] - *mean) * (s[i] - *mean);
  *std = sqrt (sq / (gdouble) n);
}

MpCvRecord *
_mp_cv_record_new (const char  *splitter_type,
                   JsonObject  *splitter_params,
                   const char  *scoring,
                   MpArray     *scores,
                   gdouble      mean,
                   gdouble      std)
{
  MpCvRecord *self = g_new0 (MpCvRecord, 1);

  self->splitter_type = g_strdup (splitter_type);
  self->splitter_params = json_object_ref (splitter_params);
  self->scoring = g_strdup (scoring);
  self->scores = mp_array_ref (scores);
  self->mean = mean;
  self->std = std;
  return self;
}

MpCvRecord *
_mp_cv_record_new_from_splitter (MpSplitter  *cv,
                                 const char  *scoring,
                                 MpArray     *scores,
                                 GError     **error)
{
  g_autofree GParamSpec **all = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  guint n_all = 0;
  gsize n_scores;
  gdouble mean, std;

  if (scoring != NULL && strcmp (scoring, "accuracy") != 0 && strcmp (scoring, "r2") != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "scoring: unknown scorer '%s'; expected 'accuracy', 'r2' or None", scoring);
      return NULL;
    }

  n_scores = mp_array_get_n_dims (scores) == 1 ? mp_array_get_n_elements (scores) : 0;
  if (mp_array_get_dtype (scores) != MP_DTYPE_FLOAT64 || mp_array_get_n_dims (scores) != 1 ||
      n_scores == 0 || n_scores != mp_splitter_get_n_splits (cv))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "scores: expected a 1-d float64 array of %u scores, one per split",
                   mp_splitter_get_n_splits (cv));
      return NULL;
    }

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (cv), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *name = NULL;
      JsonNode *node;

      if (!is_splitter_param (all[i]))
        continue;
      g_value_init (&value, all[i]->value_type);
      g_object_get_property (G_OBJECT (cv), all[i]->name, &value);
      node = splitter_value_to_node (all[i], &value);
      if (node == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "cv: parameter %s of %s has a type or value the record cannot hold",
                       all[i]->name, G_OBJECT_TYPE_NAME (cv));
          return NULL;
        }
      name = display_name (all[i]->name);
      json_object_set_member (params, name, node);
    }

  _mp_cv_record_compute_stats (scores, &mean, &std);
  return _mp_cv_record_new (G_OBJECT_TYPE_NAME (cv), params, scoring, scores, mean, std);
}

void
_mp_cv_record_free (MpCvRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->splitter_type);
  json_object_unref (self->splitter_params);
  g_free (self->scoring);
  mp_array_unref (self->scores);
  g_free (self);
}

MpSplitter *
_mp_cv_record_create_splitter (const MpCvRecord  *self,
                               GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  GType type;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  type = _mp_cv_record_lookup_splitter_type (self->splitter_type,
                                             "cross_validation.splitter.type", error);
  if (type == G_TYPE_INVALID)
    return NULL;
  if (!convert_splitter_params (type, self->splitter_params, "cross_validation.splitter.params",
                                names, values, error))
    return NULL;

  return MP_SPLITTER (g_object_new_with_properties (type, names->len,
                                                    (const char **) names->pdata,
                                                    &g_array_index (values, GValue, 0)));
}
