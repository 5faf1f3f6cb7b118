/* mp-serializer.c: an estimator tree as a JSON tree plus the arrays it
 * references
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "mp-declarations-private.h"
#include "mp-estimator-list.h"
#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-serializer-private.h"

/* There is no per-class save code: the walk below reads the introspection
 * data every estimator already has (property roles), so a subclass written
 * in Python or JavaScript persists through the same path. */

typedef struct {
  MpSerialized *out;
  GPtrArray    *ancestors;    /* MpEstimator*, for cycle detection */
} Walk;

static void
payload_entry_free (gpointer data)
{
  MpPayloadEntry *entry = data;

  mp_array_unref (entry->array);
  g_free (entry);
}

void
_mp_serialized_free (MpSerialized *serialized)
{
  if (serialized == NULL)
    return;
  g_clear_pointer (&serialized->estimator, json_node_unref);
  g_clear_pointer (&serialized->entries, g_ptr_array_unref);
  g_free (serialized);
}

static JsonNode *
describe_array (Walk    *walk,
                MpArray *array)
{
  MpSerialized *out = walk->out;
  MpPayloadEntry *entry;
  JsonObject *desc = json_object_new ();
  JsonArray *shape = json_array_new ();
  JsonNode *node;
  guint n_dims = 0;
  const gsize *dims = mp_array_get_shape (array, &n_dims);
  guint64 offset, stored = _mp_format_stored_size (array);

  /* Payload lengths are sums of in-memory arrays, which cannot overflow a
   * 64-bit offset; the alignment is still checked. */
  if (!_mp_format_align (out->payload_length, &offset))
    g_error ("payload offset overflows");
  /* Empty arrays take no room; offset 0 is inside every payload. */
  if (stored == 0)
    offset = 0;

  for (guint i = 0; i < n_dims; i++)
    json_array_add_int_element (shape, (gint64) dims[i]);

  json_object_set_string_member (desc, "dtype", _mp_format_dtype_code (mp_array_get_dtype (array)));
  json_object_set_array_member (desc, "shape", shape);
  json_object_set_int_member (desc, "offset", (gint64) offset);
  json_object_set_int_member (desc, "nbytes", (gint64) stored);
  json_object_set_string_member (desc, "checksum", "");

  entry = g_new0 (MpPayloadEntry, 1);
  entry->array = mp_array_ref (array);
  entry->offset = offset;
  entry->descriptor = desc;
  g_ptr_array_add (out->entries, entry);

  if (stored > 0)
    out->payload_length = offset + stored;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, desc);
  return node;
}

static JsonNode *serialize_estimator (Walk         *walk,
                                      MpEstimator  *estimator,
                                      const char   *path,
                                      GError      **error);

static JsonNode *
double_node (gdouble value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  /* JSON has no NaN or infinity; the format spells them as strings, which
   * the loader accepts only for float properties. */
  if (isnan (value))
    json_node_set_string (node, "nan");
  else if (isinf (value))
    json_node_set_string (node, value > 0 ? "inf" : "-inf");
  else
    json_node_set_double (node, value);
  return node;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
string_node (const char *value)
{
  JsonNode *node;

  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, value);
  return node;
}

/* docs/format.md 3.4: an unnamed estimator entry is the estimator object
 * itself (a forest's trees stay compact); a named or word entry is an
 * object with "name" and one of "estimator" and "word". */
static JsonNode *
serialize_estimator_list (Walk             *walk,
                          MpEstimatorList  *list,
                          const char       *path,
                          GError          **error)
{
  g_autoptr(JsonArray) items = NULL;
  JsonNode *node;

  if (list == NULL)
    return json_node_new (JSON_NODE_NULL);

  items = json_array_new ();
  for (guint i = 0; i < mp_estimator_list_get_n_items (list); i++)
    {
      const char *name = mp_estimator_list_get_name (list, i);
      MpEstimator *estimator = mp_estimator_list_get_estimator (list, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autoptr(JsonObject) entry = NULL;
      JsonNode *child = NULL;

      if (estimator != NULL)
        {
          child = serialize_estimator (walk, estimator, item_path, error);
          if (child == NULL)
            return NULL;
          if (name == NULL)
            {
              json_array_add_element (items, child);
              continue;
            }
        }

      entry = json_object_new ();
      if (name != NULL)
        json_object_set_string_member (entry, "name", name);
      if (child != NULL)
        json_object_set_member (entry, "estimator", child);
      else
        json_object_set_string_member (entry, "word", mp_estimator_list_get_word (list, i));
      json_array_add_object_element (items, g_steal_pointer (&entry));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&items));
  return node;
}

static JsonNode *
serialize_value (Walk          *walk,
                 GParamSpec    *pspec,
                 const GValue  *value,
                 const char    *path,
                 GError       **error)
{
  GType type = G_VALUE_TYPE (value);
  GType fundamental = G_TYPE_FUNDAMENTAL (type);

  switch (fundamental)
    {
    case G_TYPE_BOOLEAN:
      {
        JsonNode *node = json_node_new (JSON_NODE_VALUE);
        json_node_set_boolean (node, g_value_get_boolean (value));
        return node;
      }
    case G_TYPE_INT:
      return int_node (g_value_get_int (value));
    case G_TYPE_UINT:
      return int_node (g_value_get_uint (value));
    case G_TYPE_LONG:
      return int_node (g_value_get_long (value));
    case G_TYPE_INT64:
      return int_node (g_value_get_int64 (value));
    case G_TYPE_ULONG:
    case G_TYPE_UINT64:
      {
        guint64 v = fundamental == G_TYPE_ULONG ? g_value_get_ulong (value)
                                                : g_value_get_uint64 (value);
        g_autofree char *text = NULL;

        if (v <= G_MAXINT64)
          return int_node ((gint64) v);
        /* Above the JSON-safe int64 range: decimal text. */
        text = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
        return string_node (text);
      }
    case G_TYPE_FLOAT:
      return double_node (g_value_get_float (value));
    case G_TYPE_DOUBLE:
      return double_node (g_value_get_double (value));
    case G_TYPE_STRING:
      return string_node (g_value_get_string (value));
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));

        if (ev == NULL)
          {
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "%s: %d is not a value of %s", path, g_value_get_enum (value),
                         g_type_name (type));
            return NULL;
          }
        return string_node (ev->value_nick);
      }
    case G_TYPE_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
        guint bits = g_value_get_flags (value);
        JsonArray *nicks = json_array_new ();
        JsonNode *node;

        for (guint i = 0; i < klass->n_values; i++)
          {
            GFlagsValue *fv = &klass->values[i];
            if (fv->value != 0 && (bits & fv->value) == fv->value)
              {
                json_array_add_string_element (nicks, fv->value_nick);
                bits &= ~fv->value;
              }
          }
        if (bits != 0)
          {
            json_array_unref (nicks);
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "%s: bits 0x%x are not values of %s", path, bits, g_type_name (type));
            return NULL;
          }
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, nicks);
        return node;
      }
    default:
      break;
    }

  if (type == MP_TYPE_ARRAY)
    {
      MpArray *array = g_value_get_boxed (value);

      if (array == NULL)
        return json_node_new (JSON_NODE_NULL);
      return describe_array (walk, array);
    }

  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      JsonArray *items;
      JsonNode *node;

      if (strv == NULL)
        return json_node_new (JSON_NODE_NULL);
      items = json_array_new ();
      for (guint i = 0; strv[i] != NULL; i++)
        json_array_add_string_element (items, strv[i]);
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, items);
      return node;
    }

  if (g_type_is_a (type, MP_TYPE_ESTIMATOR))
    {
      MpEstimator *child = g_value_get_object (value);

      if (child == NULL)
        return json_node_new (JSON_NODE_NULL);
      return serialize_estimator (walk, child, path, error);
    }

  if (g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST))
    return serialize_estimator_list (walk, g_value_get_object (value), path, error);

  if (g_type_is_a (type, G_TYPE_LIST_MODEL))
    {
      GListModel *list = g_value_get_object (value);
      g_autoptr(JsonArray) items = NULL;
      JsonNode *node;
      guint n;

      if (list == NULL)
        return json_node_new (JSON_NODE_NULL);

      items = json_array_new ();
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, i);
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
          JsonNode *child;

          if (!MP_IS_ESTIMATOR (item))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "%s: holds a %s, only estimators can be stored",
                           item_path, item != NULL ? G_OBJECT_TYPE_NAME (item) : "NULL");
              return NULL;
            }
          child = serialize_estimator (walk, MP_ESTIMATOR (item), item_path, error);
          if (child == NULL)
            return NULL;
          json_array_add_element (items, child);
        }

      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, g_steal_pointer (&items));
      return node;
    }

  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "%s: property '%s' has type %s, which the format cannot store",
               path, pspec->name, g_type_name (type));
  return NULL;
}

static JsonObject *
serialize_role (Walk            *walk,
                MpEstimator     *estimator,
                MpPropertyRole   role,
                const char      *path,
                GError         **error)
{
  g_autoptr(JsonObject) members = json_object_new ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = mp_estimator_list_properties (estimator, role, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *key = mp_param_spec_get_display_name (pspecs[i]);
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, key);
      g_auto(GValue) value = G_VALUE_INIT;
      JsonNode *node;

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0 ||
          (pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "%s: property '%s' of %s must be readable and writable to be saved",
                       member_path, pspecs[i]->name, G_OBJECT_TYPE_NAME (estimator));
          return NULL;
        }

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (estimator), pspecs[i]->name, &value);

      /* An optional member that is unset is left out, so models without
       * it write the bytes they wrote before it existed. */
      if (G_VALUE_HOLDS_BOXED (&value) && g_value_get_boxed (&value) == NULL &&
          _mp_param_spec_is_optional (pspecs[i]))
        continue;

      node = serialize_value (walk, pspecs[i], &value, member_path, error);
      if (node == NULL)
        return NULL;
      json_object_set_member (members, key, node);
    }

  return g_steal_pointer (&members);
}

static JsonNode *
serialize_estimator (Walk         *walk,
                     MpEstimator  *estimator,
                     const char   *path,
                     GError      **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *params_path = g_strdup_printf ("%s.params", path);
  g_autofree char *state_path = g_strdup_printf ("%s.state", path);
  JsonObject *params, *state;
  gboolean fitted = mp_estimator_is_fitted (estimator);
  JsonNode *node;

  for (guint i = 0; i < walk->ancestors->len; i++)
    if (g_ptr_array_index (walk->ancestors, i) == estimator)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                     "%s: the estimator contains itself", path);
        return NULL;
      }
  g_ptr_array_add (walk->ancestors, estimator);

  params = serialize_role (walk, estimator, MP_PROPERTY_ROLE_HYPERPARAMETER, params_path, error);
  if (params == NULL)
    return NULL;

  if (fitted)
    state = serialize_role (walk, estimator, MP_PROPERTY_ROLE_FITTED, state_path, error);
  else
    state = json_object_new ();
  if (state == NULL)
    {
      json_object_unref (params);
      return NULL;
    }

  g_ptr_array_remove_index (walk->ancestors, walk->ancestors->len - 1);

  json_object_set_string_member (object, "type", G_OBJECT_TYPE_NAME (estimator));
  json_object_set_boolean_member (object, "fitted", fitted);
  json_object_set_object_member (object, "params", params);
  json_object_set_object_member (object, "state", state);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

MpSerialized *
_mp_serialize (MpEstimator  *estimator,
               GError      **error)
{
  g_autoptr(MpSerialized) out = g_new0 (MpSerialized, 1);
  g_autoptr(GPtrArray) ancestors = g_ptr_array_new ();
  Walk walk = { out, ancestors };

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);

  out->entries = g_ptr_array_new_with_free_func (payload_entry_free);
  out->estimator = serialize_estimator (&walk, estimator, "$.estimator", error);
  if (out->estimator == NULL)
    return NULL;

  return g_steal_pointer (&out);
}

void
_mp_serialized_compute_checksums (MpSerialized *serialized)
{
  if (serialized->checksummed)
    return;

  for (guint i = 0; i < serialized->entries->len; i++)
    {
      MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);
      g_autoptr(GBytes) le = _mp_format_array_to_le (entry->array);
      gsize n_bytes;
      gconstpointer data = g_bytes_get_data (le, &n_bytes);
      g_autofree char *checksum = _mp_format_checksum (data, n_bytes);

      json_object_set_string_member (entry->descriptor, "checksum", checksum);
    }
  serialized->checksummed = TRUE;
}
