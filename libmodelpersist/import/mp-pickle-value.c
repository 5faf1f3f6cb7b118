/* mp-pickle-value.c: the inert values a pickle describes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pickle-value-private.h"

/* One arena per pickle: values may share and cycle (the memo), so they
 * are never freed one by one; the graph owns every value and frees them
 * together. It also keeps the counts the limits bound, so that no
 * sequence of opcodes can make the reader allocate more than the load
 * options allow, however the values refer to each other. */
struct _MpPickleGraph {
  MpPickleGraphLimits  limits;
  GPtrArray           *values;      /* owns every MpPickleValue */
  GPtrArray           *dtypes;      /* owns every MpPickleDType */
  guint64              n_counted;   /* values plus container slots */
  guint64              n_bytes;
};

static void
pickle_value_free (gpointer data)
{
  MpPickleValue *value = data;

  switch (value->kind)
    {
    case MP_PICKLE_STR:
      g_free (value->string.data);
      break;
    case MP_PICKLE_BYTES:
      g_clear_pointer (&value->bytes, g_bytes_unref);
      break;
    case MP_PICKLE_TUPLE:
    case MP_PICKLE_LIST:
    case MP_PICKLE_SET:
      g_clear_pointer (&value->items, g_ptr_array_unref);
      break;
    case MP_PICKLE_DICT:
      g_clear_pointer (&value->dict.keys, g_ptr_array_unref);
      g_clear_pointer (&value->dict.values, g_ptr_array_unref);
      g_clear_pointer (&value->dict.index, g_hash_table_unref);
      break;
    case MP_PICKLE_GLOBAL:
      g_free (value->global.module);
      g_free (value->global.name);
      break;
    case MP_PICKLE_ARRAY:
      g_free (value->array.shape);
      g_clear_pointer (&value->array.data, g_bytes_unref);
      g_clear_pointer (&value->array.objects, g_ptr_array_unref);
      break;
    case MP_PICKLE_NONE:
    case MP_PICKLE_BOOL:
    case MP_PICKLE_INT:
    case MP_PICKLE_FLOAT:
    case MP_PICKLE_OBJECT:
    case MP_PICKLE_DTYPE:
      break;
    }
  g_free (value);
}

static void
pickle_dtype_free (gpointer data)
{
  MpPickleDType *dtype = data;

  g_strfreev (dtype->field_names);
  g_free (dtype->field_offsets);
  g_free (dtype->field_types);
  g_free (dtype);
}

gboolean
_mp_pickle_error (GError     **error,
                  guint64      offset,
                  MpError      code,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MP_ERROR, code, "offset %" G_GUINT64_FORMAT ": %s", offset, message);
  return FALSE;
}

MpPickleGraph *
_mp_pickle_graph_new (const MpPickleGraphLimits *limits)
{
  MpPickleGraph *graph = g_new0 (MpPickleGraph, 1);

  graph->limits = *limits;
  graph->values = g_ptr_array_new_with_free_func (pickle_value_free);
  graph->dtypes = g_ptr_array_new_with_free_func (pickle_dtype_free);
  return graph;
}

void
_mp_pickle_graph_free (MpPickleGraph *graph)
{
  if (graph == NULL)
    return;
  g_ptr_array_unref (graph->values);
  g_ptr_array_unref (graph->dtypes);
  g_free (graph);
}

static gboolean
count_values (MpPickleGraph  *graph,
              guint64         n,
              guint64         offset,
              GError        **error)
{
  if (n > graph->limits.max_values - MIN (graph->n_counted, graph->limits.max_values) ||
      graph->n_counted >= graph->limits.max_values)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "offset %" G_GUINT64_FORMAT ": the pickle builds more than %" G_GUINT64_FORMAT
                   " values (max_json_nodes)", offset, graph->limits.max_values);
      return FALSE;
    }
  graph->n_counted += n;
  return TRUE;
}

gboolean
_mp_pickle_graph_account (MpPickleGraph  *graph,
                          guint64         n_bytes,
                          guint64         offset,
                          GError        **error)
{
  if (n_bytes > graph->limits.max_bytes - MIN (graph->n_bytes, graph->limits.max_bytes))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "offset %" G_GUINT64_FORMAT ": the pickle holds more than %" G_GUINT64_FORMAT
                   " bytes of strings and arrays (max_total_bytes)", offset,
                   graph->limits.max_bytes);
      return FALSE;
    }
  graph->n_bytes += n_bytes;
  return TRUE;
}

/* Python's hash equality for the keys state dicts use: 1, 1.0 and True
 * are one key; a str and the bytes of the same text are two. */
static gboolean
key_as_number (MpPickleValue *key,
               double        *number)
{
  switch (key->kind)
    {
    case MP_PICKLE_BOOL:
      *number = key->boolean ? 1 : 0;
      return TRUE;
    case MP_PICKLE_INT:
      *number = (double) key->integer;
      return TRUE;
    case MP_PICKLE_FLOAT:
      *number = key->number;
      return TRUE;
    default:
      return FALSE;
    }
}

static guint
key_hash (gconstpointer data)
{
  MpPickleValue *key = (MpPickleValue *) data;
  double number;

  if (key_as_number (key, &number))
    return g_double_hash (&number);
  if (key->kind == MP_PICKLE_STR)
    {
      guint h = 5381;

      for (gsize i = 0; i < key->string.length; i++)
        h = h * 33 + (guchar) key->string.data[i];
      return h;
    }
  if (key->kind == MP_PICKLE_BYTES)
    return g_bytes_hash (key->bytes) ^ 1;
  return key->kind;
}

static gboolean
key_equal (gconstpointer a_data,
           gconstpointer b_data)
{
  MpPickleValue *a = (MpPickleValue *) a_data;
  MpPickleValue *b = (MpPickleValue *) b_data;
  double x, y;

  if (key_as_number (a, &x) && key_as_number (b, &y))
    {
      /* int64 keys beyond 2**53 compare exactly, not through doubles */
      if (a->kind == MP_PICKLE_INT && b->kind == MP_PICKLE_INT)
        return a->integer == b->integer;
      return x == y;
    }
  if (a->kind != b->kind)
    return FALSE;
  if (a->kind == MP_PICKLE_STR)
    return a->string.length == b->string.length &&
           memcmp (a->string.data, b->string.data, a->string.length) == 0;
  if (a->kind == MP_PICKLE_BYTES)
    return g_bytes_equal (a->bytes, b->bytes);
  return a->kind == MP_PICKLE_NONE;
}

MpPickleValue *
_mp_pickle_value_new (MpPickleGraph  *graph,
                      MpPickleKind    kind,
                      guint64         offset,
                      GError        **error)
{
  MpPickleValue *value;

  if (!count_values (graph, 1, offset, error))
    return NULL;
  value = g_new0 (MpPickleValue, 1);
  value->kind = kind;
  value->offset = offset;
  switch (kind)
    {
    case MP_PICKLE_TUPLE:
    case MP_PICKLE_LIST:
    case MP_PICKLE_SET:
      value->items = g_ptr_array_new ();
      break;
    case MP_PICKLE_DICT:
      value->dict.keys = g_ptr_array_new ();
      value->dict.values = g_ptr_array_new ();
      value->dict.index = g_hash_table_new (key_hash, key_equal);
      break;
    default:
      break;
    }
  g_ptr_array_add (graph->values, value);
  return value;
}

MpPickleValue *
_mp_pickle_value_new_bytes (MpPickleGraph  *graph,
                            guint64         offset,
                            GBytes         *bytes,
                            GError        **error)
{
  MpPickleValue *value = NULL;

  if (_mp_pickle_graph_account (graph, g_bytes_get_size (bytes), offset, error))
    value = _mp_pickle_value_new (graph, MP_PICKLE_BYTES, offset, error);
  if (value == NULL)
    {
      g_bytes_unref (bytes);
      return NULL;
    }
  value->bytes = bytes;
  return value;
}

MpPickleValue *
_mp_pickle_value_new_string (MpPickleGraph  *graph,
                             guint64         offset,
                             const char     *data,
                             gsize           length,
                             GError        **error)
{
  MpPickleValue *value;

  if (!_mp_pickle_graph_account (graph, length, offset, error))
    return NULL;
  value = _mp_pickle_value_new (graph, MP_PICKLE_STR, offset, error);
  if (value == NULL)
    return NULL;
  value->string.data = g_malloc (length + 1);
  if (length > 0)
    memcpy (value->string.data, data, length);
  value->string.data[length] = '\0';
  value->string.length = length;
  return value;
}

MpPickleValue *
_mp_pickle_value_new_global (MpPickleGraph  *graph,
                             guint64         offset,
                             const char     *module,
                             const char     *name,
                             GError        **error)
{
  MpPickleValue *value = _mp_pickle_value_new (graph, MP_PICKLE_GLOBAL, offset, error);

  if (value == NULL)
    return NULL;
  value->global.module = g_strdup (module);
  value->global.name = g_strdup (name);
  return value;
}

MpPickleDType *
_mp_pickle_dtype_new (MpPickleGraph  *graph,
                      guint64         offset,
                      GError        **error)
{
  MpPickleValue *value = _mp_pickle_value_new (graph, MP_PICKLE_DTYPE, offset, error);
  MpPickleDType *dtype;

  if (value == NULL)
    return NULL;
  dtype = g_new0 (MpPickleDType, 1);
  dtype->value = value;
  value->dtype = dtype;
  g_ptr_array_add (graph->dtypes, dtype);
  return dtype;
}

gboolean
_mp_pickle_value_append (MpPickleGraph  *graph,
                         MpPickleValue  *container,
                         MpPickleValue  *item,
                         guint64         offset,
                         GError        **error)
{
  g_assert (container->kind == MP_PICKLE_TUPLE || container->kind == MP_PICKLE_LIST ||
            container->kind == MP_PICKLE_SET);
  if (!count_values (graph, 1, offset, error))
    return FALSE;
  g_ptr_array_add (container->items, item);
  return TRUE;
}

gboolean
_mp_pickle_dict_set (MpPickleGraph  *graph,
                     MpPickleValue  *dict,
                     MpPickleValue  *key,
                     MpPickleValue  *value,
                     guint64         offset,
                     GError        **error)
{
  gpointer position;

  g_assert (dict->kind == MP_PICKLE_DICT);
  switch (key->kind)
    {
    case MP_PICKLE_NONE:
    case MP_PICKLE_BOOL:
    case MP_PICKLE_INT:
    case MP_PICKLE_FLOAT:
    case MP_PICKLE_STR:
    case MP_PICKLE_BYTES:
      break;
    default:
      {
        g_autofree char *what = _mp_pickle_value_describe (key);

        g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                     "offset %" G_GUINT64_FORMAT ": a dict key of type %s; this importer reads "
                     "keys that are None, bool, int, float, str or bytes", offset, what);
        return FALSE;
      }
    }
  if (key->kind == MP_PICKLE_FLOAT && isnan (key->number))
    {
      /* Python keeps NaN keys apart by identity; no model has one. */
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "offset %" G_GUINT64_FORMAT ": a dict key that is NaN", offset);
      return FALSE;
    }
  position = g_hash_table_lookup (dict->dict.index, key);
  if (position != NULL)
    {
      /* Python keeps the first key object and the last value. */
      g_ptr_array_index (dict->dict.values, GPOINTER_TO_UINT (position) - 1) = value;
      return TRUE;
    }
  if (!count_values (graph, 1, offset, error))
    return FALSE;
  g_ptr_array_add (dict->dict.keys, key);
  g_ptr_array_add (dict->dict.values, value);
  g_hash_table_insert (dict->dict.index, key, GUINT_TO_POINTER (dict->dict.keys->len));
  return TRUE;
}

MpPickleValue *
_mp_pickle_dict_lookup (MpPickleValue *dict,
                        const char    *name)
{
  MpPickleValue key = { 0 };
  gpointer position;

  if (dict == NULL || dict->kind != MP_PICKLE_DICT)
    return NULL;
  key.kind = MP_PICKLE_STR;
  key.string.data = (char *) name;
  key.string.length = strlen (name);
  position = g_hash_table_lookup (dict->dict.index, &key);
  if (position == NULL)
    return NULL;
  return g_ptr_array_index (dict->dict.values, GPOINTER_TO_UINT (position) - 1);
}

const char *
_mp_pickle_kind_name (MpPickleKind kind)
{
  static const char *const names[] = {
    [MP_PICKLE_NONE] = "None",
    [MP_PICKLE_BOOL] = "bool",
    [MP_PICKLE_INT] = "int",
    [MP_PICKLE_FLOAT] = "float",
    [MP_PICKLE_STR] = "str",
    [MP_PICKLE_BYTES] = "bytes",
    [MP_PICKLE_TUPLE] = "tuple",
    [MP_PICKLE_LIST] = "list",
    [MP_PICKLE_DICT] = "dict",
    [MP_PICKLE_SET] = "set",
    [MP_PICKLE_GLOBAL] = "a global name",
    [MP_PICKLE_OBJECT] = "object",
    [MP_PICKLE_DTYPE] = "numpy.dtype",
    [MP_PICKLE_ARRAY] = "numpy.ndarray",
  };

  return names[kind];
}

char *
_mp_pickle_value_describe (MpPickleValue *value)
{
  if (value == NULL)
    return g_strdup ("nothing");
  switch (value->kind)
    {
    case MP_PICKLE_GLOBAL:
      return g_strdup_printf ("the global %s.%s", value->global.module, value->global.name);
    case MP_PICKLE_OBJECT:
      return g_strdup_printf ("%s.%s", value->object.cls->global.module,
                              value->object.cls->global.name);
    case MP_PICKLE_ARRAY:
      if (value->array.dtype != NULL)
        return g_strdup_printf ("numpy.ndarray of dtype %c%c%" G_GUINT64_FORMAT,
                                value->array.dtype->byte_order, value->array.dtype->kind,
                                value->array.dtype->itemsize);
      return g_strdup ("numpy.ndarray");
    default:
      return g_strdup (_mp_pickle_kind_name (value->kind));
    }
}
