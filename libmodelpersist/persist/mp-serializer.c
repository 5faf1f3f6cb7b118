/* mp-serializer.c: an estimator tree as a JSON tree plus the arrays it
 * references
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "mp-declarations-private.h"
#include "mp-estimator-list.h"
#include "mp-codec-private.h"
#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-json-writer-private.h"
#include "mp-serializer-private.h"

/* There is no per-class save code: the walk below reads the introspection
 * data every estimator already has (property roles), so a subclass written
 * in Python or JavaScript persists through the same path. */

typedef struct {
  MpSerialized *out;
  GString      *text;         /* out->estimator */
  GString      *path;         /* the JSON path of the value being written */
  GPtrArray    *ancestors;    /* MpEstimator*, for cycle detection */
} Walk;

/* The walk writes the canonical text of docs/format.md directly, as
 * mp-json-writer.c would write the equivalent JsonNode tree one level
 * deep (where the document holds it): members in byte order of their keys
 * (the properties come sorted by display name), arrays of scalars on one
 * line, nested containers indented. Checksums are written as zeros and
 * filled in by _mp_serialized_compute_checksums(), which may run later in
 * a worker thread: every checksum has the same length. */

#define CHECKSUM_DIGITS 16

static void
payload_entry_free (gpointer data)
{
  MpPayloadEntry *entry = data;

  mp_array_unref (entry->array);
  g_clear_pointer (&entry->chunks, g_ptr_array_unref);
  g_free (entry);
}

void
_mp_serialized_free (MpSerialized *serialized)
{
  if (serialized == NULL)
    return;
  if (serialized->estimator != NULL)
    g_string_free (serialized->estimator, TRUE);
  g_clear_pointer (&serialized->entries, g_ptr_array_unref);
  g_free (serialized);
}

/* Starts a member of an object whose members are @level deep. */
static void
member (GString    *text,
        gboolean   *first,
        guint       level,
        const char *key)
{
  g_string_append_c (text, *first ? '{' : ',');
  *first = FALSE;
  _mp_json_indent (text, level);
  _mp_json_append_string (text, key);
  g_string_append_len (text, ": ", 2);
}

/* Ends an object whose members were @level deep. */
static void
end_object (GString  *text,
            gboolean  first,
            guint     level)
{
  if (first)
    g_string_append_len (text, "{}", 2);
  else
    {
      _mp_json_indent (text, level - 1);
      g_string_append_c (text, '}');
    }
}

void
_mp_serialized_write_descriptor (MpSerialized   *serialized,
                                 MpPayloadEntry *entry,
                                 GString        *text)
{
  static const char hex[] = "0123456789abcdef";
  guint n_dims = 0;
  const gsize *dims = mp_array_get_shape (entry->array, &n_dims);
  guint level = entry->level;
  gboolean first = TRUE;

  entry->descriptor_at = text->len;
  member (text, &first, level + 1, "checksum");
  g_string_append_len (text, "\"" MP_CHECKSUM_PREFIX, 1 + strlen (MP_CHECKSUM_PREFIX));
  entry->checksum_at = text->len;
  for (int d = CHECKSUM_DIGITS - 1; d >= 0; d--)
    g_string_append_c (text, serialized->checksummed ? hex[(entry->checksum >> (4 * d)) & 0xf] : '0');
  g_string_append_c (text, '"');
  if (entry->chunks != NULL)
    {
      gboolean first_inner = TRUE;

      member (text, &first, level + 1, "compression");
      member (text, &first_inner, level + 2, "chunk_nbytes");
      _mp_json_append_int (text, (gint64) MP_CODEC_CHUNK_NBYTES);
      member (text, &first_inner, level + 2, "chunks");
      g_string_append_c (text, '[');
      for (guint i = 0; i < entry->chunks->len; i++)
        {
          if (i > 0)
            g_string_append_len (text, ", ", 2);
          _mp_json_append_int (text, (gint64) g_bytes_get_size (g_ptr_array_index (entry->chunks, i)));
        }
      g_string_append_c (text, ']');
      member (text, &first_inner, level + 2, "codec");
      _mp_json_append_string (text, MP_CODEC_NAME);
      end_object (text, first_inner, level + 2);
    }
  member (text, &first, level + 1, "dtype");
  _mp_json_append_string (text, _mp_format_dtype_code (mp_array_get_dtype (entry->array)));
  member (text, &first, level + 1, "nbytes");
  _mp_json_append_int (text, (gint64) entry->nbytes);
  member (text, &first, level + 1, "offset");
  _mp_json_append_int (text, (gint64) entry->offset);
  member (text, &first, level + 1, "shape");
  g_string_append_c (text, '[');
  for (guint i = 0; i < n_dims; i++)
    {
      if (i > 0)
        g_string_append_len (text, ", ", 2);
      _mp_json_append_int (text, (gint64) dims[i]);
    }
  g_string_append_c (text, ']');
  end_object (text, first, level + 1);
  entry->descriptor_end = text->len;
}

/* Puts @entry after the last array of @out. */
static void
place_entry (MpSerialized   *out,
             MpPayloadEntry *entry)
{
  guint64 offset;

  /* Payload lengths are sums of in-memory arrays, which cannot overflow a
   * 64-bit offset; the alignment is still checked. */
  if (!_mp_format_align (out->payload_length, &offset))
    g_error ("payload offset overflows");
  /* Empty arrays take no room; offset 0 is inside every payload. */
  if (entry->stored_length == 0)
    offset = 0;
  entry->offset = offset;
  if (entry->stored_length > 0)
    out->payload_length = offset + entry->stored_length;
}

void
_mp_serialized_lay_out (MpSerialized *serialized)
{
  serialized->payload_length = 0;
  for (guint i = 0; i < serialized->entries->len; i++)
    place_entry (serialized, g_ptr_array_index (serialized->entries, i));
}

static void
describe_array (Walk    *walk,
                MpArray *array,
                guint    level)
{
  MpPayloadEntry *entry = g_new0 (MpPayloadEntry, 1);

  entry->array = mp_array_ref (array);
  entry->nbytes = entry->stored_length = _mp_format_stored_size (array);
  entry->level = level;
  place_entry (walk->out, entry);
  _mp_serialized_write_descriptor (walk->out, entry, walk->text);
  g_ptr_array_add (walk->out->entries, entry);
}

static gboolean serialize_estimator (Walk         *walk,
                                     MpEstimator  *estimator,
                                     guint         level,
                                     GError      **error);

static void
write_double (GString *text,
              gdouble  value)
{
  /* JSON has no NaN or infinity; the format spells them as strings, which
   * the loader accepts only for float properties. */
  if (isnan (value))
    _mp_json_append_string (text, "nan");
  else if (isinf (value))
    _mp_json_append_string (text, value > 0 ? "inf" : "-inf");
  else
    _mp_json_append_double (text, value);
}

static void
write_string (GString    *text,
              const char *value)
{
  if (value == NULL)
    g_string_append_len (text, "null", 4);
  else
    _mp_json_append_string (text, value);
}

/* Opens element @i of a list whose elements are @level deep; the walk's
 * path gets "[i]" until close_element(). */
static gsize
open_element (Walk  *walk,
              guint  i,
              guint  level)
{
  gsize path_len = walk->path->len;

  g_string_append_c (walk->text, i == 0 ? '[' : ',');
  _mp_json_indent (walk->text, level);
  g_string_append_printf (walk->path, "[%u]", i);
  return path_len;
}

static void
close_list (Walk  *walk,
            guint  n,
            guint  level)
{
  if (n == 0)
    g_string_append_len (walk->text, "[]", 2);
  else
    {
      _mp_json_indent (walk->text, level - 1);
      g_string_append_c (walk->text, ']');
    }
}

/* docs/format.md 3.4: an unnamed estimator entry is the estimator object
 * itself (a forest's trees stay compact); a named or word entry is an
 * object with "name" and one of "estimator" and "word". */
static gboolean
serialize_estimator_list (Walk             *walk,
                          MpEstimatorList  *list,
                          guint             level,
                          GError          **error)
{
  guint n;

  if (list == NULL)
    {
      g_string_append_len (walk->text, "null", 4);
      return TRUE;
    }

  n = mp_estimator_list_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      const char *name = mp_estimator_list_get_name (list, i);
      MpEstimator *estimator = mp_estimator_list_get_estimator (list, i);
      gsize path_len = open_element (walk, i, level + 1);
      gboolean first = TRUE;

      if (name == NULL && estimator != NULL)
        {
          if (!serialize_estimator (walk, estimator, level + 1, error))
            return FALSE;
        }
      else
        {
          if (estimator != NULL)
            {
              member (walk->text, &first, level + 2, "estimator");
              if (!serialize_estimator (walk, estimator, level + 2, error))
                return FALSE;
            }
          if (name != NULL)
            {
              member (walk->text, &first, level + 2, "name");
              _mp_json_append_string (walk->text, name);
            }
          if (estimator == NULL)
            {
              member (walk->text, &first, level + 2, "word");
              write_string (walk->text, mp_estimator_list_get_word (list, i));
            }
          end_object (walk->text, first, level + 2);
        }
      g_string_truncate (walk->path, path_len);
    }
  close_list (walk, n, level + 1);
  return TRUE;
}

static gboolean
serialize_value (Walk          *walk,
                 GParamSpec    *pspec,
                 const GValue  *value,
                 guint          level,
                 GError       **error)
{
  GString *text = walk->text;
  GType type = G_VALUE_TYPE (value);
  GType fundamental = G_TYPE_FUNDAMENTAL (type);

  switch (fundamental)
    {
    case G_TYPE_BOOLEAN:
      if (g_value_get_boolean (value))
        g_string_append_len (text, "true", 4);
      else
        g_string_append_len (text, "false", 5);
      return TRUE;
    case G_TYPE_INT:
      _mp_json_append_int (text, g_value_get_int (value));
      return TRUE;
    case G_TYPE_UINT:
      _mp_json_append_int (text, g_value_get_uint (value));
      return TRUE;
    case G_TYPE_LONG:
      _mp_json_append_int (text, g_value_get_long (value));
      return TRUE;
    case G_TYPE_INT64:
      _mp_json_append_int (text, g_value_get_int64 (value));
      return TRUE;
    case G_TYPE_ULONG:
    case G_TYPE_UINT64:
      {
        guint64 v = fundamental == G_TYPE_ULONG ? g_value_get_ulong (value)
                                                : g_value_get_uint64 (value);

        if (v <= G_MAXINT64)
          _mp_json_append_int (text, (gint64) v);
        else
          {
            /* Above the JSON-safe int64 range: decimal text. */
            g_string_append_printf (text, "\"%" G_GUINT64_FORMAT "\"", v);
          }
        return TRUE;
      }
    case G_TYPE_FLOAT:
      write_double (text, g_value_get_float (value));
      return TRUE;
    case G_TYPE_DOUBLE:
      write_double (text, g_value_get_double (value));
      return TRUE;
    case G_TYPE_STRING:
      write_string (text, g_value_get_string (value));
      return TRUE;
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));

        if (ev == NULL)
          {
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "%s: %d is not a value of %s", walk->path->str, g_value_get_enum (value),
                         g_type_name (type));
            return FALSE;
          }
        write_string (text, ev->value_nick);
        return TRUE;
      }
    case G_TYPE_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
        guint bits = g_value_get_flags (value);
        gsize start = text->len;
        guint n = 0;

        g_string_append_c (text, '[');
        for (guint i = 0; i < klass->n_values; i++)
          {
            GFlagsValue *fv = &klass->values[i];
            if (fv->value != 0 && (bits & fv->value) == fv->value)
              {
                if (n++ > 0)
                  g_string_append_len (text, ", ", 2);
                write_string (text, fv->value_nick);
                bits &= ~fv->value;
              }
          }
        g_string_append_c (text, ']');
        if (bits != 0)
          {
            g_string_truncate (text, start);
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "%s: bits 0x%x are not values of %s", walk->path->str, bits,
                         g_type_name (type));
            return FALSE;
          }
        return TRUE;
      }
    default:
      break;
    }

  if (type == MP_TYPE_ARRAY)
    {
      MpArray *array = g_value_get_boxed (value);

      if (array == NULL)
        g_string_append_len (text, "null", 4);
      else
        describe_array (walk, array, level);
      return TRUE;
    }

  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      if (strv == NULL)
        {
          g_string_append_len (text, "null", 4);
          return TRUE;
        }
      g_string_append_c (text, '[');
      for (guint i = 0; strv[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_len (text, ", ", 2);
          _mp_json_append_string (text, strv[i]);
        }
      g_string_append_c (text, ']');
      return TRUE;
    }

  if (g_type_is_a (type, MP_TYPE_ESTIMATOR))
    {
      MpEstimator *child = g_value_get_object (value);

      if (child == NULL)
        {
          g_string_append_len (text, "null", 4);
          return TRUE;
        }
      return serialize_estimator (walk, child, level, error);
    }

  if (g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST))
    return serialize_estimator_list (walk, g_value_get_object (value), level, error);

  if (g_type_is_a (type, G_TYPE_LIST_MODEL))
    {
      GListModel *list = g_value_get_object (value);
      guint n;

      if (list == NULL)
        {
          g_string_append_len (text, "null", 4);
          return TRUE;
        }

      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, i);
          gsize path_len = open_element (walk, i, level + 1);

          if (!MP_IS_ESTIMATOR (item))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "%s: holds a %s, only estimators can be stored",
                           walk->path->str, item != NULL ? G_OBJECT_TYPE_NAME (item) : "NULL");
              return FALSE;
            }
          if (!serialize_estimator (walk, MP_ESTIMATOR (item), level + 1, error))
            return FALSE;
          g_string_truncate (walk->path, path_len);
        }
      close_list (walk, n, level + 1);
      return TRUE;
    }

  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "%s: property '%s' has type %s, which the format cannot store",
               walk->path->str, pspec->name, g_type_name (type));
  return FALSE;
}

/* Writes the object of @estimator's properties of @role, members @level
 * deep; the walk's path is the object's. */
static gboolean
serialize_role (Walk            *walk,
                MpEstimator     *estimator,
                MpPropertyRole   role,
                guint            level,
                GError         **error)
{
  g_autofree GParamSpec **pspecs = NULL;
  gboolean first = TRUE;
  guint n = 0;

  /* Sorted by display name: the canonical member order. */
  pspecs = mp_estimator_list_properties (estimator, role, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *key = mp_param_spec_get_display_name (pspecs[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      gsize path_len = walk->path->len;

      g_string_append_c (walk->path, '.');
      g_string_append (walk->path, key);

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0 ||
          (pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "%s: property '%s' of %s must be readable and writable to be saved",
                       walk->path->str, pspecs[i]->name, G_OBJECT_TYPE_NAME (estimator));
          return FALSE;
        }

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (estimator), pspecs[i]->name, &value);

      /* An optional member that is unset is left out, so models without
       * it write the bytes they wrote before it existed. */
      if (!(G_VALUE_HOLDS_BOXED (&value) && g_value_get_boxed (&value) == NULL &&
            _mp_param_spec_is_optional (pspecs[i])))
        {
          member (walk->text, &first, level, key);
          if (!serialize_value (walk, pspecs[i], &value, level, error))
            return FALSE;
        }
      g_string_truncate (walk->path, path_len);
    }
  end_object (walk->text, first, level);
  return TRUE;
}

/* Writes @estimator as an object at @level (its members one deeper). */
static gboolean
serialize_estimator (Walk         *walk,
                     MpEstimator  *estimator,
                     guint         level,
                     GError      **error)
{
  GString *text = walk->text;
  gboolean fitted = mp_estimator_is_fitted (estimator);
  gboolean first = TRUE;
  gsize path_len = walk->path->len;

  for (guint i = 0; i < walk->ancestors->len; i++)
    if (g_ptr_array_index (walk->ancestors, i) == estimator)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                     "%s: the estimator contains itself", walk->path->str);
        return FALSE;
      }
  g_ptr_array_add (walk->ancestors, estimator);

  member (text, &first, level + 1, "fitted");
  if (fitted)
    g_string_append_len (text, "true", 4);
  else
    g_string_append_len (text, "false", 5);

  member (text, &first, level + 1, "params");
  g_string_append_len (walk->path, ".params", 7);
  if (!serialize_role (walk, estimator, MP_PROPERTY_ROLE_HYPERPARAMETER, level + 2, error))
    return FALSE;
  g_string_truncate (walk->path, path_len);

  member (text, &first, level + 1, "state");
  if (fitted)
    {
      g_string_append_len (walk->path, ".state", 6);
      if (!serialize_role (walk, estimator, MP_PROPERTY_ROLE_FITTED, level + 2, error))
        return FALSE;
      g_string_truncate (walk->path, path_len);
    }
  else
    g_string_append_len (text, "{}", 2);

  member (text, &first, level + 1, "type");
  _mp_json_append_string (text, G_OBJECT_TYPE_NAME (estimator));
  end_object (text, first, level + 1);

  g_ptr_array_remove_index (walk->ancestors, walk->ancestors->len - 1);
  return TRUE;
}

MpSerialized *
_mp_serialize (MpEstimator  *estimator,
               GError      **error)
{
  g_autoptr(MpSerialized) out = g_new0 (MpSerialized, 1);
  g_autoptr(GPtrArray) ancestors = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new ("$.estimator");
  Walk walk = { out, NULL, path, ancestors };

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);

  out->entries = g_ptr_array_new_with_free_func (payload_entry_free);
  out->estimator = g_string_sized_new (4096);
  walk.text = out->estimator;
  if (!serialize_estimator (&walk, estimator, 1, error))
    return NULL;

  return g_steal_pointer (&out);
}

void
_mp_serialized_set_checksum (MpSerialized *serialized,
                             guint         i,
                             guint64       hash)
{
  static const char hex[] = "0123456789abcdef";
  MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);
  char *digits = serialized->estimator->str + entry->checksum_at;

  entry->checksum = hash;

  /* The digits of _mp_format_checksum(), in place. */
  for (int d = CHECKSUM_DIGITS - 1; d >= 0; d--, hash >>= 4)
    digits[d] = hex[hash & 0xf];
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

      _mp_serialized_set_checksum (serialized, i, _mp_format_checksum_value (data, n_bytes));
    }
  serialized->checksummed = TRUE;
}
