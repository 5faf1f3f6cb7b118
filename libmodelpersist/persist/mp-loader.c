/* mp-loader.c: from checked JSON text and a payload to a validated
 * estimator
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-chunk-table-private.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-list.h"
#include "mp-estimator-private.h"
#include "mp-format-private.h"
#include "mp-json-scan-private.h"
#include "mp-load-options-private.h"
#include "mp-load-report-private.h"
#include "mp-loader-private.h"
#include "mp-model-info-private.h"

/* The order of the checks is the point of this file. Nothing is
 * instantiated until the whole document has passed stage 1 (limits,
 * syntax, duplicate keys, header, tree shape, every type name, every array
 * descriptor) and stage 2 (checksums over the very bytes the arrays will
 * view). Stage 3 then converts each value against its GParamSpec and runs
 * validate() on every estimator it builds. */

typedef struct {
  JsonObject *object;           /* borrowed from the parsed tree */
  char       *path;
  MpDType     dtype;
  guint       n_dims;
  gsize       shape[MP_ARRAY_MAX_DIMS];
  guint64     offset;
  guint64     nbytes;
  const char *checksum;         /* borrowed */
  MpChunkTable *chunks;         /* a compressed array's, or NULL */
  guint64     stored_length;    /* its room in the payload */
  MpArray    *array;            /* stage 2 */
} Descriptor;

struct _MpLoadPlan
{
  MpLoadOptions *options;
  MpContainer    container;
  gboolean       audit_types;
  JsonNode      *root;
  char          *format_version;
  JsonObject    *producer;      /* borrowed from root */
  JsonNode      *metadata;      /* borrowed from root */
  JsonObject    *estimator;     /* borrowed from root */
  guint64        payload_length;
  char          *sidecar_name;
  GPtrArray     *descriptors;   /* Descriptor* */
  GHashTable    *by_object;     /* JsonObject* -> Descriptor* */
  GHashTable    *type_names;    /* set of char* */
  GPtrArray     *warnings;
  guint64        string_elements;  /* over all str arrays, for max-string-elements */
  guint64        array_bytes;      /* over all arrays, uncompressed, for max-total-bytes */
  gboolean       has_compressed;
  gboolean       attached;
};

static void
descriptor_free (gpointer data)
{
  Descriptor *d = data;

  g_clear_pointer (&d->array, mp_array_unref);
  g_clear_pointer (&d->chunks, _mp_chunk_table_free);
  g_free (d->path);
  g_free (d);
}

void
_mp_load_plan_free (MpLoadPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->options);
  g_clear_pointer (&plan->root, json_node_unref);
  g_clear_pointer (&plan->format_version, g_free);
  g_clear_pointer (&plan->sidecar_name, g_free);
  g_clear_pointer (&plan->descriptors, g_ptr_array_unref);
  g_clear_pointer (&plan->by_object, g_hash_table_unref);
  g_clear_pointer (&plan->type_names, g_hash_table_unref);
  g_clear_pointer (&plan->warnings, g_ptr_array_unref);
  g_free (plan);
}

gboolean
_mp_sidecar_name_is_valid (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 255 || name[0] == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY:  return "an array";
    case JSON_NODE_NULL:   return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return "a boolean";
        case G_TYPE_INT64:   return "an integer";
        case G_TYPE_DOUBLE:  return "a float";
        case G_TYPE_STRING:  return "a string";
        default:             return "a value";
        }
    default:
      return "something else";
    }
}

static gboolean
node_is (JsonNode *node,
         GType     value_type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == value_type;
}

/* ---- stage 1: header ---------------------------------------------------- */

static gboolean
parse_version (const char *text,
               guint      *major,
               guint      *minor)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", -1);
  guint64 a, b;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 9999, &a, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 9999, &b, NULL) ||
      !g_ascii_isdigit (parts[0][0]) || !g_ascii_isdigit (parts[1][0]))
    return FALSE;
  *major = (guint) a;
  *minor = (guint) b;
  return TRUE;
}

static void
add_warning (MpLoadPlan *plan,
             char       *message)
{
  g_ptr_array_add (plan->warnings, message);
}

static gboolean
check_header (MpLoadPlan  *plan,
              JsonObject  *doc,
              gboolean    *newer_minor,
              GError     **error)
{
  JsonNode *node;
  guint major, minor;

  node = json_object_get_member (doc, "format");
  if (!node_is (node, G_TYPE_STRING) || strcmp (json_node_get_string (node), MP_FORMAT_NAME) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "$.format: must be the string \"%s\"", MP_FORMAT_NAME);
      return FALSE;
    }

  node = json_object_get_member (doc, "format_version");
  if (!node_is (node, G_TYPE_STRING) ||
      !parse_version (json_node_get_string (node), &major, &minor))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "$.format_version: must be a string \"MAJOR.MINOR\"");
      return FALSE;
    }
  plan->format_version = g_strdup (json_node_get_string (node));

  if (major != MP_FORMAT_VERSION_MAJOR)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_UNSUPPORTED_VERSION,
                   "$.format_version: the document is format %s; this libmodelpersist "
                   "(%s) reads format %d.x only%s", plan->format_version, MP_VERSION_S,
                   MP_FORMAT_VERSION_MAJOR,
                   major > MP_FORMAT_VERSION_MAJOR ? ", upgrade libmodelpersist to load it" : "");
      return FALSE;
    }

  *newer_minor = minor > MP_FORMAT_VERSION_MINOR;
  if (*newer_minor)
    add_warning (plan, g_strdup_printf ("format_version %s is newer than %s, the version this "
                                        "library writes; members it does not know were ignored",
                                        plan->format_version, MP_FORMAT_VERSION));

  node = json_object_get_member (doc, "producer");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "$.producer: must be an object");
      return FALSE;
    }
  plan->producer = json_node_get_object (node);

  node = json_object_get_member (plan->producer, "library_version");
  if (node_is (node, G_TYPE_STRING) &&
      strcmp (json_node_get_string (node), MP_VERSION_S) != 0)
    add_warning (plan, g_strdup_printf ("saved by libmodelpersist %s, loading with %s",
                                        json_node_get_string (node), MP_VERSION_S));

  node = json_object_get_member (doc, "metadata");
  if (node != NULL)
    {
      g_autoptr(MpModelInfo) info = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                               "$.metadata: must be an object");
          return FALSE;
        }
      plan->metadata = node;
      info = _mp_model_info_new_from_node (node, "$.metadata", *newer_minor, error);
      if (info == NULL)
        return FALSE;
    }

  node = json_object_get_member (doc, "payload");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "$.payload: must be an object");
      return FALSE;
    }
  else
    {
      JsonObject *payload = json_node_get_object (node);
      JsonNode *nbytes = json_object_get_member (payload, "nbytes");
      JsonNode *file = json_object_get_member (payload, "file");
      JsonObjectIter it;
      const char *key;

      if (!node_is (nbytes, G_TYPE_INT64) || json_node_get_int (nbytes) < 0)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                               "$.payload.nbytes: must be a non-negative integer");
          return FALSE;
        }
      plan->payload_length = (guint64) json_node_get_int (nbytes);

      if (plan->payload_length > mp_load_options_get_max_total_bytes (plan->options))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                       "$.payload.nbytes: %" G_GUINT64_FORMAT " bytes exceeds the max-total-bytes "
                       "limit of %" G_GUINT64_FORMAT, plan->payload_length,
                       mp_load_options_get_max_total_bytes (plan->options));
          return FALSE;
        }

      json_object_iter_init (&it, payload);
      while (json_object_iter_next (&it, &key, NULL))
        if (strcmp (key, "nbytes") != 0 && strcmp (key, "file") != 0 && !*newer_minor)
          {
            g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                         "$.payload.%s: unknown member", key);
            return FALSE;
          }

      if (file != NULL && plan->container == MP_CONTAINER_STREAM)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                               "$.payload.file: a single-stream model carries its payload "
                               "and names no file");
          return FALSE;
        }

      if (plan->container == MP_CONTAINER_BUNDLE && plan->payload_length > 0)
        {
          if (!node_is (file, G_TYPE_STRING))
            {
              g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR,
                                   "$.payload.file: a bundle with a payload must name its "
                                   "sidecar file");
              return FALSE;
            }
          if (!_mp_sidecar_name_is_valid (json_node_get_string (file)))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR,
                           "$.payload.file: \"%s\" is not a bare file name in the bundle's "
                           "directory", json_node_get_string (file));
              return FALSE;
            }
          plan->sidecar_name = g_strdup (json_node_get_string (file));
        }
      else if (file != NULL && !node_is (file, G_TYPE_STRING))
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                               "$.payload.file: must be a string");
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_top_level_members (MpLoadPlan  *plan,
                         JsonObject  *doc,
                         gboolean     newer_minor,
                         GError     **error)
{
  static const char * const known[] = {
    "estimator", "format", "format_version", "metadata", "payload", "producer",
  };
  JsonObjectIter it;
  const char *key;

  json_object_iter_init (&it, doc);
  while (json_object_iter_next (&it, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        found |= strcmp (key, known[i]) == 0;
      if (found)
        continue;

      if (!newer_minor)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                       "$.%s: unknown member in a format %s document", key, plan->format_version);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- stage 1: tree shape, types and descriptors ------------------------- */

static gboolean check_estimator_node (MpLoadPlan  *plan,
                                      JsonNode    *node,
                                      const char  *path,
                                      GError     **error);

static gboolean
collect_descriptor (MpLoadPlan  *plan,
                    JsonObject  *object,
                    const char  *path,
                    GError     **error)
{
  Descriptor *d;

  if (plan->descriptors->len >= mp_load_options_get_max_arrays (plan->options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "%s: more than the max-arrays limit of %u arrays", path,
                   mp_load_options_get_max_arrays (plan->options));
      return FALSE;
    }

  d = g_new0 (Descriptor, 1);
  d->object = object;
  d->path = g_strdup (path);
  g_ptr_array_add (plan->descriptors, d);
  g_hash_table_insert (plan->by_object, object, d);
  return TRUE;
}

/* An entry of an estimator list (docs/format.md 3.4): "name" (a string,
 * optional) and exactly one of "estimator" (an estimator object) and
 * "word" (a string). */
static gboolean
check_list_entry (MpLoadPlan  *plan,
                  JsonObject  *entry,
                  const char  *path,
                  GError     **error)
{
  JsonObjectIter it;
  const char *key;
  JsonNode *value;
  guint n_children = 0;

  json_object_iter_init (&it, entry);
  while (json_object_iter_next (&it, &key, &value))
    {
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, key);

      if (strcmp (key, "name") == 0 || strcmp (key, "word") == 0)
        {
          if (!node_is (value, G_TYPE_STRING))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s: must be a string", member_path);
              return FALSE;
            }
          n_children += strcmp (key, "word") == 0;
        }
      else if (strcmp (key, "estimator") == 0)
        {
          if (!check_estimator_node (plan, value, member_path, error))
            return FALSE;
          n_children++;
        }
      else
        {
          g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                       "%s: unknown member of a list entry (expected name, estimator or word)",
                       member_path);
          return FALSE;
        }
    }
  if (n_children != 1)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "%s: a list entry holds exactly one of \"estimator\" and \"word\"", path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_value_node (MpLoadPlan  *plan,
                  JsonNode    *node,
                  const char  *path,
                  GError     **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (json_object_has_member (object, "type"))
        return check_estimator_node (plan, node, path, error);
      if (json_object_has_member (object, "dtype"))
        return collect_descriptor (plan, object, path, error);

      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "%s: an object value must be an estimator (with \"type\") or an array "
                   "descriptor (with \"dtype\")", path);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *items = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

          if (JSON_NODE_HOLDS_ARRAY (item))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "%s: lists cannot be nested", item_path);
              return FALSE;
            }
          if (JSON_NODE_HOLDS_OBJECT (item) &&
              !json_object_has_member (json_node_get_object (item), "type"))
            {
              if (!check_list_entry (plan, json_node_get_object (item), item_path, error))
                return FALSE;
            }
          else if (JSON_NODE_HOLDS_OBJECT (item) &&
                   !check_estimator_node (plan, item, item_path, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_members (MpLoadPlan  *plan,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  JsonObjectIter it;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&it, object);
  while (json_object_iter_next (&it, &key, &value))
    {
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, key);

      if (!check_value_node (plan, value, member_path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_estimator_node (MpLoadPlan  *plan,
                      JsonNode    *node,
                      const char  *path,
                      GError     **error)
{
  static const char * const required[] = { "type", "fitted", "params", "state" };
  JsonObject *object;
  JsonObjectIter it;
  const char *key, *type_name;
  g_autofree char *params_path = NULL;
  g_autofree char *state_path = NULL;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "%s: expected an estimator object, found %s", path, node_kind (node));
      return FALSE;
    }
  object = json_node_get_object (node);

  json_object_iter_init (&it, object);
  while (json_object_iter_next (&it, &key, NULL))
    {
      gboolean found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (required); i++)
        found |= strcmp (key, required[i]) == 0;
      if (!found)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                       "%s.%s: unknown member of an estimator", path, key);
          return FALSE;
        }
    }

  member = json_object_get_member (object, "type");
  if (!node_is (member, G_TYPE_STRING))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "%s.type: must be a string", path);
      return FALSE;
    }
  type_name = json_node_get_string (member);
  g_hash_table_add (plan->type_names, (gpointer) type_name);

  /* The audit: every type is resolved before anything is created, and
   * resolution never registers or loads anything. */
  if (plan->audit_types)
    {
      g_autofree char *type_path = g_strdup_printf ("%s.type", path);

      if (_mp_load_options_resolve_type (plan->options, type_name, type_path, error) == G_TYPE_INVALID)
        return FALSE;
    }

  member = json_object_get_member (object, "fitted");
  if (!node_is (member, G_TYPE_BOOLEAN))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "%s.fitted: must be a boolean", path);
      return FALSE;
    }

  params_path = g_strdup_printf ("%s.params", path);
  state_path = g_strdup_printf ("%s.state", path);

  member = json_object_get_member (object, "params");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s: must be an object", params_path);
      return FALSE;
    }
  if (!check_members (plan, json_node_get_object (member), params_path, error))
    return FALSE;

  member = json_object_get_member (object, "state");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s: must be an object", state_path);
      return FALSE;
    }
  if (!json_object_get_boolean_member (object, "fitted") &&
      json_object_get_size (json_node_get_object (member)) > 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "%s: must be empty when fitted is false", state_path);
      return FALSE;
    }
  return check_members (plan, json_node_get_object (member), state_path, error);
}

static gboolean
array_error (Descriptor  *d,
             GError     **error,
             const char  *what)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY, "%s: %s", d->path, what);
  return FALSE;
}

static gboolean
check_descriptor (MpLoadPlan  *plan,
                  Descriptor  *d,
                  GError     **error)
{
  static const char * const members[] = { "checksum", "compression", "dtype", "nbytes", "offset",
                                          "shape" };
  JsonObjectIter it;
  const char *key;
  JsonNode *node;
  JsonArray *shape;
  guint64 count = 1, expected, end;
  gsize item_size;

  json_object_iter_init (&it, d->object);
  while (json_object_iter_next (&it, &key, NULL))
    {
      gboolean found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        found |= strcmp (key, members[i]) == 0;
      if (!found)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                       "%s.%s: unknown member of an array descriptor", d->path, key);
          return FALSE;
        }
    }

  node = json_object_get_member (d->object, "dtype");
  if (!node_is (node, G_TYPE_STRING) ||
      !_mp_format_dtype_from_code (json_node_get_string (node), &d->dtype))
    return array_error (d, error, "dtype must be one of \"<f8\", \"<f4\", \"<i8\", \"<i4\", "
                                  "\"|u1\", \"|b1\", \"utf8\"");
  item_size = mp_dtype_get_item_size (d->dtype);

  node = json_object_get_member (d->object, "shape");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return array_error (d, error, "shape must be a list of integers");
  shape = json_node_get_array (node);
  if (json_array_get_length (shape) > MP_ARRAY_MAX_DIMS)
    return array_error (d, error, "shape has more than 8 dimensions");
  d->n_dims = json_array_get_length (shape);

  for (guint i = 0; i < d->n_dims; i++)
    {
      JsonNode *dim = json_array_get_element (shape, i);
      gint64 v;

      if (!node_is (dim, G_TYPE_INT64))
        return array_error (d, error, "shape must be a list of integers");
      v = json_node_get_int (dim);
      if (v < 0)
        return array_error (d, error, "shape has a negative dimension");
      if ((guint64) v > G_MAXSIZE || !g_uint64_checked_mul (&count, count, (guint64) v))
        return array_error (d, error, "shape's element count overflows");
      d->shape[i] = (gsize) v;
    }

  /* A str array's text has any length: its shape fixes only the offsets
   * table in front of it, one u64 per element and one more. */
  if (d->dtype == MP_DTYPE_STRING)
    {
      guint64 limit = mp_load_options_get_max_string_elements (plan->options);

      if (!g_uint64_checked_add (&expected, count, 1) ||
          !g_uint64_checked_mul (&expected, expected, MP_STRING_OFFSET_SIZE) ||
          expected > G_MAXSSIZE)
        return array_error (d, error, "shape's offsets table overflows");
      if (!g_uint64_checked_add (&plan->string_elements, plan->string_elements, count) ||
          plan->string_elements > limit)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                       "%s: %" G_GUINT64_FORMAT " str elements, more than the "
                       "max-string-elements limit of %" G_GUINT64_FORMAT " in one file",
                       d->path, plan->string_elements, limit);
          return FALSE;
        }
    }
  else if (!g_uint64_checked_mul (&expected, count, item_size) || expected > G_MAXSSIZE)
    return array_error (d, error, "shape's byte length overflows");

  node = json_object_get_member (d->object, "nbytes");
  if (!node_is (node, G_TYPE_INT64) || json_node_get_int (node) < 0)
    return array_error (d, error, "nbytes must be a non-negative integer");
  d->nbytes = (guint64) json_node_get_int (node);
  if (d->dtype == MP_DTYPE_STRING && d->nbytes < expected)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: nbytes is %" G_GUINT64_FORMAT " but the offsets table of a str "
                   "array of this shape alone needs %" G_GUINT64_FORMAT,
                   d->path, d->nbytes, expected);
      return FALSE;
    }
  if (d->dtype != MP_DTYPE_STRING && d->nbytes != expected)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: nbytes is %" G_GUINT64_FORMAT " but shape and dtype need %" G_GUINT64_FORMAT,
                   d->path, d->nbytes, expected);
      return FALSE;
    }

  /* Decompressed, the arrays take this much memory whatever the payload's
   * length: a chunk of zeros compresses ten thousand times. */
  if (!g_uint64_checked_add (&plan->array_bytes, plan->array_bytes, d->nbytes) ||
      plan->array_bytes > mp_load_options_get_max_total_bytes (plan->options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "%s: the arrays so far take %" G_GUINT64_FORMAT " bytes, more than the "
                   "max-total-bytes limit of %" G_GUINT64_FORMAT, d->path, plan->array_bytes,
                   mp_load_options_get_max_total_bytes (plan->options));
      return FALSE;
    }

  d->stored_length = d->nbytes;
  node = json_object_get_member (d->object, "compression");
  if (node != NULL)
    {
      d->chunks = _mp_chunk_table_parse (node, d->nbytes, d->path, error);
      if (d->chunks == NULL)
        return FALSE;
      d->stored_length = d->chunks->stored_length;
      plan->has_compressed = TRUE;
    }

  node = json_object_get_member (d->object, "offset");
  if (!node_is (node, G_TYPE_INT64) || json_node_get_int (node) < 0)
    return array_error (d, error, "offset must be a non-negative integer");
  d->offset = (guint64) json_node_get_int (node);
  if (d->offset % MP_PAYLOAD_ALIGNMENT != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: offset %" G_GUINT64_FORMAT " is not a multiple of %d",
                   d->path, d->offset, MP_PAYLOAD_ALIGNMENT);
      return FALSE;
    }
  if (!g_uint64_checked_add (&end, d->offset, d->stored_length) || end > plan->payload_length)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: bytes %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT " run past the end of "
                   "the %" G_GUINT64_FORMAT "-byte payload",
                   d->path, d->offset, d->stored_length, plan->payload_length);
      return FALSE;
    }

  node = json_object_get_member (d->object, "checksum");
  if (!node_is (node, G_TYPE_STRING))
    return array_error (d, error, "checksum must be a string");
  d->checksum = json_node_get_string (node);
  if (strlen (d->checksum) != strlen (MP_CHECKSUM_PREFIX) + 16 ||
      !g_str_has_prefix (d->checksum, MP_CHECKSUM_PREFIX))
    return array_error (d, error, "checksum must be \"xxh3-64:\" and 16 hex digits");
  for (const char *p = d->checksum + strlen (MP_CHECKSUM_PREFIX); *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return array_error (d, error, "checksum must be \"xxh3-64:\" and 16 lower-case hex digits");

  return TRUE;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const Descriptor *da = *(Descriptor * const *) a;
  const Descriptor *db = *(Descriptor * const *) b;

  if (da->offset != db->offset)
    return da->offset < db->offset ? -1 : 1;
  return 0;
}

static gboolean
check_descriptors (MpLoadPlan  *plan,
                   GError     **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  Descriptor *previous = NULL;

  for (guint i = 0; i < plan->descriptors->len; i++)
    {
      Descriptor *d = g_ptr_array_index (plan->descriptors, i);

      if (!check_descriptor (plan, d, error))
        return FALSE;
      if (d->stored_length > 0)
        g_ptr_array_add (sorted, d);
    }

  /* Two arrays never share bytes: an estimator may rely on its arrays
   * being distinct, and a shared byte range is never what a writer meant. */
  g_ptr_array_sort (sorted, compare_offsets);
  for (guint i = 0; i < sorted->len; i++)
    {
      Descriptor *d = g_ptr_array_index (sorted, i);

      if (previous != NULL && previous->offset + previous->stored_length > d->offset)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                       "%s: bytes %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT " overlap %s",
                       d->path, d->offset, d->stored_length, previous->path);
          return FALSE;
        }
      previous = d;
    }

  return TRUE;
}

MpLoadPlan *
_mp_load_plan_new (const char    *json,
                   gsize          length,
                   MpLoadOptions *options,
                   MpContainer    container,
                   gboolean       audit_types,
                   GError       **error)
{
  g_autoptr(MpLoadPlan) plan = g_new0 (MpLoadPlan, 1);
  g_autoptr(MpLoadOptions) default_options = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GString) compact = NULL;
  JsonObject *doc;
  JsonNode *estimator;
  gboolean newer_minor = FALSE;

  if (options == NULL)
    options = default_options = mp_load_options_new ();

  plan->options = g_object_ref (options);
  plan->container = container;
  plan->audit_types = audit_types;
  plan->descriptors = g_ptr_array_new_with_free_func (descriptor_free);
  plan->by_object = g_hash_table_new (NULL, NULL);
  plan->type_names = g_hash_table_new (g_str_hash, g_str_equal);
  plan->warnings = g_ptr_array_new_with_free_func (g_free);

  if (length > mp_load_options_get_max_json_bytes (options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "JSON: %" G_GSIZE_FORMAT " bytes exceeds the max-json-bytes limit of %"
                   G_GUINT64_FORMAT, length, mp_load_options_get_max_json_bytes (options));
      return NULL;
    }

  /* The scan checks everything json-glib would refuse, and more, so
   * json-glib's own errors are not expected; it parses the scan's copy
   * without white space, a quarter faster on the indented text the
   * library writes. */
  compact = g_string_sized_new (length);
  if (!_mp_json_scan (json, length, mp_load_options_get_max_depth (options),
                      mp_load_options_get_max_json_nodes (options), compact, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, compact->str, (gssize) compact->len, &parse_error))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "JSON: %s", parse_error->message);
      return NULL;
    }

  plan->root = json_node_ref (json_parser_get_root (parser));
  if (!JSON_NODE_HOLDS_OBJECT (plan->root))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "$: the document must be an object, found %s", node_kind (plan->root));
      return NULL;
    }
  doc = json_node_get_object (plan->root);

  if (!check_header (plan, doc, &newer_minor, error) ||
      !check_top_level_members (plan, doc, newer_minor, error))
    return NULL;

  estimator = json_object_get_member (doc, "estimator");
  if (estimator == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED, "$.estimator: missing");
      return NULL;
    }
  if (!check_estimator_node (plan, estimator, "$.estimator", error))
    return NULL;
  plan->estimator = json_node_get_object (estimator);

  if (!check_descriptors (plan, error))
    return NULL;

  return g_steal_pointer (&plan);
}

guint64
_mp_load_plan_get_payload_length (MpLoadPlan *plan)
{
  return plan->payload_length;
}

const char *
_mp_load_plan_get_sidecar_name (MpLoadPlan *plan)
{
  return plan->sidecar_name;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
_mp_load_plan_list_types (MpLoadPlan *plan)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, plan->type_names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* ---- stage 2: payload --------------------------------------------------- */

static gboolean
check_hash (MpLoadPlan  *plan,
            Descriptor  *d,
            guint64      hash,
            GError     **error)
{
  g_autofree char *actual = NULL;

  if (!mp_load_options_get_verify_checksums (plan->options))
    return TRUE;
  actual = g_strdup_printf (MP_CHECKSUM_PREFIX "%016" G_GINT64_MODIFIER "x", hash);
  if (strcmp (actual, d->checksum) == 0)
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_CHECKSUM_MISMATCH,
               "%s: the %" G_GUINT64_FORMAT " bytes %s payload offset %" G_GUINT64_FORMAT
               " hash to %s, the document says %s", d->path, d->nbytes,
               d->chunks != NULL ? "decompressed from" : "at", d->offset, actual, d->checksum);
  return FALSE;
}

/* The array of @d from @view, its verified little-endian bytes. */
static gboolean
make_array (Descriptor  *d,
            GBytes      *view,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize n_bytes;
  gconstpointer data = g_bytes_get_data (view, &n_bytes);

  /* A str array is always a checked copy, never a view: its offsets
   * decide which memory is read, so a mapped file must not be able to
   * change them after the checks. */
  if (d->dtype == MP_DTYPE_STRING)
    {
      d->array = _mp_format_strings_decode (data, n_bytes, d->shape, d->n_dims, d->path, error);
      return d->array != NULL;
    }

#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    gpointer swapped = g_memdup2 (data, n_bytes);
    _mp_format_swap_to_host (swapped, n_bytes, mp_dtype_get_item_size (d->dtype));
    view = g_bytes_new_take (swapped, n_bytes);
  }
#else
  g_bytes_ref (view);
#endif

  d->array = mp_array_new_from_bytes (d->dtype, d->shape, d->n_dims, view, &local_error);
  g_bytes_unref (view);
  if (d->array == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY, "%s: %s", d->path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A buffer for @d's bytes, which stage 1 bounded by max-total-bytes but
 * which may still not fit in memory; large ones on huge pages, which a
 * fresh gibibyte filled once needs (0.3 s of page faults, not 1.3 s). */
static guint8 *
allocate_array (Descriptor  *d,
                GError     **error)
{
  guint8 *buffer = _mp_array_try_alloc_bytes ((gsize) d->nbytes);

  if (buffer == NULL)
    g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s: cannot allocate %" G_GUINT64_FORMAT " bytes",
                 d->path, d->nbytes);
  return buffer;
}

gboolean
_mp_load_plan_has_compressed (MpLoadPlan *plan)
{
  return plan->has_compressed;
}

gboolean
_mp_load_plan_attach_payload (MpLoadPlan  *plan,
                              GBytes      *payload,
                              GError     **error)
{
  g_autoptr(MpCodecContext) codec = NULL;
  const guint8 *base;

  g_return_val_if_fail (!plan->attached, FALSE);

  if (g_bytes_get_size (payload) != plan->payload_length)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "payload: %" G_GSIZE_FORMAT " bytes, the document says %" G_GUINT64_FORMAT,
                   g_bytes_get_size (payload), plan->payload_length);
      return FALSE;
    }
  base = g_bytes_get_data (payload, NULL);
  if (plan->has_compressed)
    codec = _mp_codec_context_new ();

  for (guint i = 0; i < plan->descriptors->len; i++)
    {
      Descriptor *d = g_ptr_array_index (plan->descriptors, i);
      g_autoptr(GBytes) view = NULL;
      guint64 hash;

      if (d->chunks != NULL)
        {
          guint8 *buffer = allocate_array (d, error);

          if (buffer == NULL)
            return FALSE;
          if (!_mp_chunk_table_decompress (d->chunks, codec, base + d->offset, buffer, d->nbytes,
                                           &hash, d->path, error))
            {
              g_free (buffer);
              return FALSE;
            }
          view = g_bytes_new_take (buffer, d->nbytes);
        }
      else
        {
          gsize n_bytes;
          gconstpointer data;

          view = g_bytes_new_from_bytes (payload, d->offset, d->nbytes);
          data = g_bytes_get_data (view, &n_bytes);
          hash = mp_load_options_get_verify_checksums (plan->options) ?
                 _mp_format_checksum_value (data, n_bytes) : 0;
        }

      if (!check_hash (plan, d, hash, error) || !make_array (d, view, error))
        return FALSE;
    }

  plan->attached = TRUE;
  return TRUE;
}

/* Reads and drops @count bytes of @read: a gap between arrays. */
static gboolean
skip_bytes (MpPayloadReadFunc  read,
            gpointer           source,
            GByteArray        *scratch,
            guint64            count,
            GCancellable      *cancellable,
            GError           **error)
{
  if (scratch->len < 65536)
    g_byte_array_set_size (scratch, 65536);
  while (count > 0)
    {
      gsize n = (gsize) MIN (count, (guint64) scratch->len);

      if (!read (source, scratch->data, n, cancellable, error))
        return FALSE;
      count -= n;
    }
  return TRUE;
}

gboolean
_mp_load_plan_attach_payload_from (MpLoadPlan         *plan,
                                   MpPayloadReadFunc   read,
                                   gpointer            source,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autoptr(MpCodecContext) codec = _mp_codec_context_new ();
  g_autoptr(GByteArray) scratch = g_byte_array_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint64 position = 0;

  g_return_val_if_fail (!plan->attached, FALSE);

  for (guint i = 0; i < plan->descriptors->len; i++)
    {
      Descriptor *d = g_ptr_array_index (plan->descriptors, i);

      if (d->stored_length > 0)
        g_ptr_array_add (sorted, d);
      else
        {
          g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

          if (!check_hash (plan, d, _mp_format_checksum_value (NULL, 0), error) ||
              !make_array (d, empty, error))
            return FALSE;
        }
    }

  /* One pass in payload order, each array read into its own buffer. */
  g_ptr_array_sort (sorted, compare_offsets);
  for (guint i = 0; i < sorted->len; i++)
    {
      Descriptor *d = g_ptr_array_index (sorted, i);
      g_autoptr(GBytes) view = NULL;
      guint8 *buffer;
      guint64 hash;
      gboolean ok;

      if (!skip_bytes (read, source, scratch, d->offset - position, cancellable, error))
        return FALSE;
      buffer = allocate_array (d, error);
      if (buffer == NULL)
        return FALSE;
      if (d->chunks != NULL)
        ok = _mp_chunk_table_read (d->chunks, codec, read, source, scratch, buffer, d->nbytes,
                                   &hash, d->path, cancellable, error);
      else
        {
          ok = read (source, buffer, (gsize) d->nbytes, cancellable, error);
          hash = ok && mp_load_options_get_verify_checksums (plan->options) ?
                 _mp_format_checksum_value (buffer, (gsize) d->nbytes) : 0;
        }
      if (!ok)
        {
          g_free (buffer);
          return FALSE;
        }
      view = g_bytes_new_take (buffer, (gsize) d->nbytes);
      if (!check_hash (plan, d, hash, error) || !make_array (d, view, error))
        return FALSE;
      position = d->offset + d->stored_length;
    }

  if (!skip_bytes (read, source, scratch, plan->payload_length - position, cancellable, error))
    return FALSE;

  plan->attached = TRUE;
  return TRUE;
}

/* ---- stage 3: values and construction ----------------------------------- */

static MpEstimator *construct_estimator (MpLoadPlan  *plan,
                                         JsonObject  *object,
                                         const char  *path,
                                         GError     **error);

static gboolean
value_error (const char  *path,
             GParamSpec  *pspec,
             JsonNode    *node,
             GError     **error,
             const char  *expected)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
               "%s: expected %s for property '%s' (%s), found %s",
               path, expected, pspec->name, g_type_name (pspec->value_type), node_kind (node));
  return FALSE;
}

static gboolean
range_error (const char  *path,
             GParamSpec  *pspec,
             GError     **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
               "%s: value out of the range of property '%s' (%s)",
               path, pspec->name, g_type_name (pspec->value_type));
  return FALSE;
}

static gboolean
read_integer (JsonNode    *node,
              GParamSpec  *pspec,
              const char  *path,
              gboolean     is_unsigned,
              gint64      *s,
              guint64     *u,
              GError     **error)
{
  if (node_is (node, G_TYPE_INT64))
    {
      *s = json_node_get_int (node);
      if (is_unsigned && *s < 0)
        return range_error (path, pspec, error);
      *u = (guint64) *s;
      return TRUE;
    }

  /* Unsigned 64-bit values above the int64 range are written as decimal
   * strings. */
  if (is_unsigned && node_is (node, G_TYPE_STRING))
    {
      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, (guint64) G_MAXINT64 + 1,
                                       G_MAXUINT64, u, NULL))
        return value_error (path, pspec, node, error, "an integer");
      *s = -1;
      return TRUE;
    }

  return value_error (path, pspec, node, error, "an integer");
}

static gboolean
read_double (JsonNode    *node,
             GParamSpec  *pspec,
             const char  *path,
             gdouble     *out,
             GError     **error)
{
  if (node_is (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else if (node_is (node, G_TYPE_INT64))
    *out = (gdouble) json_node_get_int (node);
  else if (node_is (node, G_TYPE_STRING))
    {
      const char *s = json_node_get_string (node);

      if (strcmp (s, "nan") == 0)
        *out = NAN;
      else if (strcmp (s, "inf") == 0)
        *out = INFINITY;
      else if (strcmp (s, "-inf") == 0)
        *out = -INFINITY;
      else
        return value_error (path, pspec, node, error, "a number, \"nan\", \"inf\" or \"-inf\"");
    }
  else
    return value_error (path, pspec, node, error, "a number");

  /* The scanner refuses literals that overflow, so only the explicit
   * strings are non-finite here. */
  return TRUE;
}

static gboolean
convert_list_model (MpLoadPlan  *plan,
                    GParamSpec  *pspec,
                    JsonNode    *node,
                    const char  *path,
                    GValue      *out,
                    GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  JsonArray *items;

  if (!g_type_is_a (G_TYPE_LIST_STORE, pspec->value_type))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s: property '%s' has list type %s; only GListModel and GListStore "
                   "properties can be restored", path, pspec->name, g_type_name (pspec->value_type));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return value_error (path, pspec, node, error, "a list of estimators");

  store = g_list_store_new (MP_TYPE_ESTIMATOR);
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autoptr(MpEstimator) child = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item) || !json_object_has_member (json_node_get_object (item), "type"))
        return value_error (item_path, pspec, item, error, "an estimator");
      child = construct_estimator (plan, json_node_get_object (item), item_path, error);
      if (child == NULL)
        return FALSE;
      g_list_store_append (store, child);
    }

  g_value_set_object (out, store);
  return TRUE;
}

static gboolean
convert_estimator_list (MpLoadPlan  *plan,
                        GParamSpec  *pspec,
                        JsonNode    *node,
                        const char  *path,
                        GValue      *out,
                        GError     **error)
{
  g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();
  JsonArray *items;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return value_error (path, pspec, node, error, "a list of estimators");

  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_node_get_object (json_array_get_element (items, i));
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *child_path = NULL;
      g_autoptr(MpEstimator) child = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *child_object = item;
      const char *name = NULL;
      gboolean added;

      if (item == NULL)
        return value_error (item_path, pspec, json_array_get_element (items, i), error,
                            "an estimator or a list entry");

      if (!json_object_has_member (item, "type"))
        {
          /* a list entry, checked by the scan: a name, and an estimator or a word */
          name = json_object_get_string_member_with_default (item, "name", NULL);
          child_object = json_object_has_member (item, "estimator")
                         ? json_object_get_object_member (item, "estimator") : NULL;
        }

      if (child_object != NULL)
        {
          child_path = child_object == item ? g_strdup (item_path)
                                            : g_strdup_printf ("%s.estimator", item_path);
          child = construct_estimator (plan, child_object, child_path, error);
          if (child == NULL)
            return FALSE;
          added = mp_estimator_list_append (list, name, child, &local_error);
        }
      else
        added = mp_estimator_list_append_word (list, name,
                                               json_object_get_string_member (item, "word"),
                                               &local_error);
      if (!added)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE, "%s: %s",
                       item_path, local_error->message);
          return FALSE;
        }
    }

  g_value_set_object (out, list);
  return TRUE;
}

static gboolean
convert_value (MpLoadPlan  *plan,
               GParamSpec  *pspec,
               JsonNode    *node,
               const char  *path,
               GValue      *out,
               GError     **error)
{
  GType type = pspec->value_type;
  GType fundamental = G_TYPE_FUNDAMENTAL (type);
  gint64 s = 0;
  guint64 u = 0;
  gdouble d = 0;

  g_value_init (out, type);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (fundamental == G_TYPE_STRING || fundamental == G_TYPE_BOXED ||
          fundamental == G_TYPE_OBJECT || fundamental == G_TYPE_INTERFACE)
        goto validate;
      return value_error (path, pspec, node, error, "a non-null value");
    }

  switch (fundamental)
    {
    case G_TYPE_BOOLEAN:
      if (!node_is (node, G_TYPE_BOOLEAN))
        return value_error (path, pspec, node, error, "a boolean");
      g_value_set_boolean (out, json_node_get_boolean (node));
      break;

    case G_TYPE_INT:
      if (!read_integer (node, pspec, path, FALSE, &s, &u, error))
        return FALSE;
      if (s < G_MININT || s > G_MAXINT)
        return range_error (path, pspec, error);
      g_value_set_int (out, (gint) s);
      break;

    case G_TYPE_UINT:
      if (!read_integer (node, pspec, path, TRUE, &s, &u, error))
        return FALSE;
      if (u > G_MAXUINT)
        return range_error (path, pspec, error);
      g_value_set_uint (out, (guint) u);
      break;

    case G_TYPE_LONG:
      if (!read_integer (node, pspec, path, FALSE, &s, &u, error))
        return FALSE;
      if (s < G_MINLONG || s > G_MAXLONG)
        return range_error (path, pspec, error);
      g_value_set_long (out, (glong) s);
      break;

    case G_TYPE_ULONG:
      if (!read_integer (node, pspec, path, TRUE, &s, &u, error))
        return FALSE;
      if (u > G_MAXULONG)
        return range_error (path, pspec, error);
      g_value_set_ulong (out, (gulong) u);
      break;

    case G_TYPE_INT64:
      if (!read_integer (node, pspec, path, FALSE, &s, &u, error))
        return FALSE;
      g_value_set_int64 (out, s);
      break;

    case G_TYPE_UINT64:
      if (!read_integer (node, pspec, path, TRUE, &s, &u, error))
        return FALSE;
      g_value_set_uint64 (out, u);
      break;

    case G_TYPE_DOUBLE:
      if (!read_double (node, pspec, path, &d, error))
        return FALSE;
      g_value_set_double (out, d);
      break;

    case G_TYPE_FLOAT:
      if (!read_double (node, pspec, path, &d, error))
        return FALSE;
      if (isfinite (d) && fabs (d) > G_MAXFLOAT)
        return range_error (path, pspec, error);
      g_value_set_float (out, (gfloat) d);
      break;

    case G_TYPE_STRING:
      if (!node_is (node, G_TYPE_STRING))
        return value_error (path, pspec, node, error, "a string");
      g_value_set_string (out, json_node_get_string (node));
      break;

    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *ev;

        if (!node_is (node, G_TYPE_STRING))
          return value_error (path, pspec, node, error, "an enum nick (a string)");
        ev = g_enum_get_value_by_nick (klass, json_node_get_string (node));
        if (ev == NULL)
          {
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                         "%s: \"%s\" is not a nick of %s", path, json_node_get_string (node),
                         g_type_name (type));
            return FALSE;
          }
        g_value_set_enum (out, ev->value);
      }
      break;

    case G_TYPE_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
        JsonArray *nicks;
        guint bits = 0;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return value_error (path, pspec, node, error, "a list of flag nicks");
        nicks = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (nicks); i++)
          {
            JsonNode *nick = json_array_get_element (nicks, i);
            GFlagsValue *fv;

            if (!node_is (nick, G_TYPE_STRING))
              return value_error (path, pspec, nick, error, "a flag nick (a string)");
            fv = g_flags_get_value_by_nick (klass, json_node_get_string (nick));
            if (fv == NULL)
              {
                g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                             "%s[%u]: \"%s\" is not a nick of %s", path, i,
                             json_node_get_string (nick), g_type_name (type));
                return FALSE;
              }
            bits |= fv->value;
          }
        g_value_set_flags (out, bits);
      }
      break;

    case G_TYPE_BOXED:
      if (type == MP_TYPE_ARRAY)
        {
          Descriptor *desc = NULL;

          if (JSON_NODE_HOLDS_OBJECT (node))
            desc = g_hash_table_lookup (plan->by_object, json_node_get_object (node));
          if (desc == NULL)
            return value_error (path, pspec, node, error, "an array descriptor");
          g_value_set_boxed (out, desc->array);
        }
      else if (type == G_TYPE_STRV)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          JsonArray *items;

          if (!JSON_NODE_HOLDS_ARRAY (node))
            return value_error (path, pspec, node, error, "a list of strings");
          items = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              if (!node_is (item, G_TYPE_STRING))
                return value_error (path, pspec, item, error, "a string");
              g_strv_builder_add (builder, json_node_get_string (item));
            }
          g_value_take_boxed (out, g_strv_builder_end (builder));
        }
      else
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s: property '%s' has type %s, which the format cannot restore",
                       path, pspec->name, g_type_name (type));
          return FALSE;
        }
      break;

    case G_TYPE_OBJECT:
    case G_TYPE_INTERFACE:
      if (g_type_is_a (type, MP_TYPE_ESTIMATOR) || type == G_TYPE_OBJECT)
        {
          g_autoptr(MpEstimator) child = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return value_error (path, pspec, node, error, "an estimator");
          child = construct_estimator (plan, json_node_get_object (node), path, error);
          if (child == NULL)
            return FALSE;
          if (!g_type_is_a (G_OBJECT_TYPE (child), type))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                           "%s: a %s cannot be stored in property '%s' of type %s",
                           path, G_OBJECT_TYPE_NAME (child), pspec->name, g_type_name (type));
              return FALSE;
            }
          g_value_set_object (out, child);
        }
      else if (g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST))
        {
          if (!convert_estimator_list (plan, pspec, node, path, out, error))
            return FALSE;
        }
      else if (g_type_is_a (type, G_TYPE_LIST_MODEL) || type == G_TYPE_LIST_MODEL)
        {
          if (!convert_list_model (plan, pspec, node, path, out, error))
            return FALSE;
        }
      else
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s: property '%s' has type %s, which the format cannot restore",
                       path, pspec->name, g_type_name (type));
          return FALSE;
        }
      break;

    default:
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s: property '%s' has type %s, which the format cannot restore",
                   path, pspec->name, g_type_name (type));
      return FALSE;
    }

validate:
  /* Ranges, enum membership and object types as the GParamSpec declares
   * them; g_object_new() would only warn and clamp. */
  if (g_param_value_validate (pspec, out))
    return range_error (path, pspec, error);

  return TRUE;
}

/* A class's properties with their roles and display names, read once per
 * estimator rather than once per member. */
typedef struct {
  GParamSpec     **pspecs;
  guint            n;
  MpPropertyRole  *roles;
  const char     **names;
} ClassProperties;

static void
class_properties_init (ClassProperties *props,
                       GObjectClass    *klass)
{
  props->pspecs = g_object_class_list_properties (klass, &props->n);
  props->roles = g_new (MpPropertyRole, props->n);
  props->names = g_new (const char *, props->n);
  for (guint i = 0; i < props->n; i++)
    {
      props->roles[i] = mp_param_spec_get_role (props->pspecs[i]);
      props->names[i] = props->roles[i] != MP_PROPERTY_ROLE_NONE
                        ? mp_param_spec_get_display_name (props->pspecs[i]) : NULL;
    }
}

static void
class_properties_clear (ClassProperties *props)
{
  g_free (props->pspecs);
  g_free (props->roles);
  g_free (props->names);
}

static GParamSpec *
find_role_property (const ClassProperties *props,
                    MpPropertyRole         role,
                    const char            *display_name)
{
  for (guint i = 0; i < props->n; i++)
    if (props->roles[i] == role && strcmp (props->names[i], display_name) == 0)
      return props->pspecs[i];
  return NULL;
}

static gboolean
convert_members (MpLoadPlan             *plan,
                 JsonObject             *members,
                 const ClassProperties  *props,
                 MpPropertyRole          role,
                 const char             *type_name,
                 const char             *path,
                 GPtrArray              *names,
                 GArray                 *values,
                 GError                **error)
{
  g_autoptr(GString) member_path = g_string_new (path);
  gsize path_len = member_path->len;
  JsonObjectIter it;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&it, members);
  while (json_object_iter_next (&it, &key, &node))
    {
      GParamSpec *pspec = find_role_property (props, role, key);
      GValue value = G_VALUE_INIT;

      g_string_truncate (member_path, path_len);
      g_string_append_c (member_path, '.');
      g_string_append (member_path, key);

      if (pspec == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s: %s has no %s named \"%s\"", member_path->str, type_name,
                       role == MP_PROPERTY_ROLE_HYPERPARAMETER ? "hyperparameter" : "fitted attribute",
                       key);
          return FALSE;
        }
      if ((pspec->flags & G_PARAM_WRITABLE) == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s: property '%s' of %s is not writable", member_path->str, pspec->name,
                       type_name);
          return FALSE;
        }

      if (!convert_value (plan, pspec, node, member_path->str, &value, error))
        {
          if (G_IS_VALUE (&value))
            g_value_unset (&value);
          return FALSE;
        }

      g_ptr_array_add (names, (gpointer) pspec->name);
      g_array_append_val (values, value);
    }

  return TRUE;
}

/* A fitted estimator's state names every fitted property but optional
 * ones: a member missing from a file is refused rather than left at a
 * default that the file never said (an SVC without _gamma would predict
 * with gamma 0). */
static gboolean
check_state_complete (JsonObject             *state,
                      const ClassProperties  *props,
                      const char             *path,
                      GError                **error)
{
  for (guint i = 0; i < props->n; i++)
    {
      const char *key = props->names[i];

      if (props->roles[i] != MP_PROPERTY_ROLE_FITTED ||
          json_object_has_member (state, key) || _mp_param_spec_is_optional (props->pspecs[i]))
        continue;
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "%s.%s: missing; a fitted estimator's state must hold it", path, key);
      return FALSE;
    }
  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClassProperties, class_properties_clear)

static void
clear_value (gpointer data)
{
  g_value_unset (data);
}

static MpEstimator *
construct_estimator (MpLoadPlan  *plan,
                     JsonObject  *object,
                     const char  *path,
                     GError     **error)
{
  const char *type_name = json_object_get_string_member (object, "type");
  g_autofree char *type_path = g_strdup_printf ("%s.type", path);
  g_autofree char *params_path = g_strdup_printf ("%s.params", path);
  g_autofree char *state_path = g_strdup_printf ("%s.state", path);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GTypeClass) klass = NULL;
  g_auto(ClassProperties) props = { NULL, };
  g_autoptr(GObject) object_new = NULL;
  GType type;

  g_array_set_clear_func (values, clear_value);

  type = _mp_load_options_resolve_type (plan->options, type_name, type_path, error);
  if (type == G_TYPE_INVALID)
    return NULL;

  klass = g_type_class_ref (type);
  class_properties_init (&props, G_OBJECT_CLASS (klass));

  if (!convert_members (plan, json_object_get_object_member (object, "params"), &props,
                        MP_PROPERTY_ROLE_HYPERPARAMETER, type_name, params_path,
                        names, values, error) ||
      !convert_members (plan, json_object_get_object_member (object, "state"), &props,
                        MP_PROPERTY_ROLE_FITTED, type_name, state_path,
                        names, values, error))
    return NULL;
  if (json_object_get_boolean_member (object, "fitted") &&
      !check_state_complete (json_object_get_object_member (object, "state"), &props,
                             state_path, error))
    return NULL;

  object_new = g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                             (const GValue *) (gpointer) values->data);

  /* Hyperparameters are checked for every estimator, fitted state for
   * fitted ones. */
  if (json_object_get_boolean_member (object, "fitted"))
    _mp_estimator_set_fitted (MP_ESTIMATOR (object_new), TRUE);
  if (!mp_estimator_validate (MP_ESTIMATOR (object_new), error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return MP_ESTIMATOR (g_steal_pointer (&object_new));
}

MpEstimator *
_mp_load_plan_construct (MpLoadPlan  *plan,
                         GError     **error)
{
  g_return_val_if_fail (plan->attached, NULL);
  g_return_val_if_fail (plan->audit_types, NULL);

  return construct_estimator (plan, plan->estimator, "$.estimator", error);
}

void
_mp_load_plan_report (MpLoadPlan   *plan,
                      MpLoadReport *report)
{
  JsonNode *version = json_object_get_member (plan->producer, "library_version");

  if (node_is (version, G_TYPE_STRING) &&
      strcmp (json_node_get_string (version), MP_VERSION_S) != 0)
    {
      /* Like scikit-learn's InconsistentVersionWarning, but at message
       * level: the model did load, and G_DEBUG=fatal-warnings programs
       * must not abort on it. */
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                        "MP_PRODUCER_VERSION", json_node_get_string (version),
                        "MP_LOADER_VERSION", MP_VERSION_S,
                        "MESSAGE", "Model saved by libmodelpersist %s, loaded with %s",
                        json_node_get_string (version), MP_VERSION_S);
    }

  if (report != NULL)
    _mp_load_report_fill (report, plan->format_version, plan->producer, plan->metadata,
                          plan->warnings);
}
