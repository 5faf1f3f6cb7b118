/* mp-pickle-names.c: the globals a pickle may name, and what each one
 * builds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-pickle-names-private.h"
#include "mp-pickle-numpy-private.h"

/* The names below are the only callables a pickle may use, besides the
 * classes the importer's mapping accepts (mp-import-mapping.c). Each is
 * a data builder: the reader never resolves a name to code, so naming
 * os.system is refused at the GLOBAL that names it, and naming one of
 * these can only ever make data. */

/* _codecs.encode (text, 'latin1'): how protocol 2 stores bytes (Python 2
 * had no bytes type), one character per byte. */
static MpPickleValue *
reduce_codecs_encode (MpPickleGraph  *graph,
                      MpPickleValue  *args,
                      guint64         offset,
                      GError        **error)
{
  MpPickleValue *text, *encoding;
  g_autoptr(GByteArray) bytes = NULL;

  if (args->items->len != 2)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "_codecs.encode: expected the arguments (str, 'latin1')");
      return NULL;
    }
  text = g_ptr_array_index (args->items, 0);
  encoding = g_ptr_array_index (args->items, 1);
  if (text->kind != MP_PICKLE_STR || encoding->kind != MP_PICKLE_STR ||
      (strcmp (encoding->string.data, "latin1") != 0 && strcmp (encoding->string.data, "latin-1") != 0))
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "_codecs.encode: expected the arguments (str, 'latin1')");
      return NULL;
    }
  bytes = g_byte_array_sized_new (text->string.length);
  for (const char *p = text->string.data; p < text->string.data + text->string.length;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint8 byte = (guint8) c;

      if (c > 0xff)
        {
          _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "_codecs.encode: U+%04X has no latin-1 byte", c);
          return NULL;
        }
      g_byte_array_append (bytes, &byte, 1);
    }
  return _mp_pickle_value_new_bytes (graph, offset,
                                     g_byte_array_free_to_bytes (g_steal_pointer (&bytes)), error);
}

/* set (list) and frozenset (list), as protocols 2 and 3 store them. */
static MpPickleValue *
reduce_set (MpPickleGraph  *graph,
            MpPickleValue  *args,
            guint64         offset,
            GError        **error)
{
  MpPickleValue *set, *items;

  if (args->items->len > 1)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "set: expected one list of values or none");
      return NULL;
    }
  items = args->items->len == 1 ? g_ptr_array_index (args->items, 0) : NULL;
  if (items != NULL && items->kind != MP_PICKLE_LIST)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "set: the values are not a list");
      return NULL;
    }
  set = _mp_pickle_value_new (graph, MP_PICKLE_SET, offset, error);
  for (guint i = 0; set != NULL && items != NULL && i < items->items->len; i++)
    if (!_mp_pickle_value_append (graph, set, g_ptr_array_index (items->items, i), offset, error))
      return NULL;
  return set;
}

/* collections.OrderedDict (): an empty dict that SETITEMS then fills. */
static MpPickleValue *
reduce_ordered_dict (MpPickleGraph  *graph,
                     MpPickleValue  *args,
                     guint64         offset,
                     GError        **error)
{
  if (args->items->len != 0)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "collections.OrderedDict: expected no arguments");
      return NULL;
    }
  return _mp_pickle_value_new (graph, MP_PICKLE_DICT, offset, error);
}

/* bytes (): protocol 2's empty byte string (an empty array's data). */
static MpPickleValue *
reduce_bytes (MpPickleGraph  *graph,
              MpPickleValue  *args,
              guint64         offset,
              GError        **error)
{
  if (args->items->len != 0)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "bytes: expected no arguments");
      return NULL;
    }
  return _mp_pickle_value_new_bytes (graph, offset, g_bytes_new (NULL, 0), error);
}

/* A record of a call whose value is only ever looked at, never used:
 * slice (start, stop, step), numpy's RandomState constructor. */
static MpPickleValue *
reduce_record (MpPickleGraph  *graph,
               MpPickleValue  *args,
               guint64         offset,
               const char     *module,
               const char     *name,
               GError        **error)
{
  MpPickleValue *cls = _mp_pickle_value_new_global (graph, offset, module, name, error);
  MpPickleValue *record = cls != NULL ? _mp_pickle_value_new (graph, MP_PICKLE_OBJECT, offset, error) : NULL;

  if (record == NULL)
    return NULL;
  record->object.cls = cls;
  record->object.args = args;
  return record;
}

static MpPickleValue *
reduce_slice (MpPickleGraph  *graph,
              MpPickleValue  *args,
              guint64         offset,
              GError        **error)
{
  if (args->items->len < 1 || args->items->len > 3)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "slice: expected one to three arguments");
      return NULL;
    }
  for (guint i = 0; i < args->items->len; i++)
    {
      MpPickleKind kind = ((MpPickleValue *) g_ptr_array_index (args->items, i))->kind;

      if (kind != MP_PICKLE_INT && kind != MP_PICKLE_NONE)
        {
          _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "slice: an argument that is neither an int nor None");
          return NULL;
        }
    }
  return reduce_record (graph, args, offset, "builtins", "slice", error);
}

/* numpy.random._pickle.__randomstate_ctor (bit generator name, its
 * constructor): a RandomState record, whose state BUILD gives. */
static MpPickleValue *
reduce_random_state (MpPickleGraph  *graph,
                     MpPickleValue  *args,
                     guint64         offset,
                     GError        **error)
{
  if (args->items->len < 1 || args->items->len > 2 ||
      ((MpPickleValue *) g_ptr_array_index (args->items, 0))->kind != MP_PICKLE_STR)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "numpy RandomState: expected the arguments (name, constructor)");
      return NULL;
    }
  return reduce_record (graph, args, offset, "numpy.random.mtrand", "RandomState", error);
}

typedef struct {
  const char   *module;
  const char   *name;
  MpPickleName  what;
} NameEntry;

static const NameEntry names[] = {
  { "numpy.core.multiarray", "_reconstruct",
    { MP_PICKLE_NAME_BUILDER, _mp_pickle_reduce_reconstruct } },
  { "numpy.core.multiarray", "scalar", { MP_PICKLE_NAME_BUILDER, _mp_pickle_reduce_scalar } },
  { "numpy.core.numeric", "_frombuffer", { MP_PICKLE_NAME_BUILDER, _mp_pickle_reduce_frombuffer } },
  { "numpy", "dtype", { MP_PICKLE_NAME_BUILDER, _mp_pickle_reduce_dtype } },
  { "numpy", "ndarray", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "_codecs", "encode", { MP_PICKLE_NAME_BUILDER, reduce_codecs_encode } },
  { "builtins", "set", { MP_PICKLE_NAME_BUILDER, reduce_set } },
  { "builtins", "frozenset", { MP_PICKLE_NAME_BUILDER, reduce_set } },
  { "collections", "OrderedDict", { MP_PICKLE_NAME_BUILDER, reduce_ordered_dict } },
  { "copyreg", "_reconstructor", { MP_PICKLE_NAME_RECONSTRUCTOR, NULL } },
  { "joblib.numpy_pickle", "NumpyArrayWrapper", { MP_PICKLE_NAME_JOBLIB_ARRAY, NULL } },
  { "builtins", "bytes", { MP_PICKLE_NAME_BUILDER, reduce_bytes } },
  { "builtins", "slice", { MP_PICKLE_NAME_BUILDER, reduce_slice } },
  { "numpy.random._pickle", "__randomstate_ctor", { MP_PICKLE_NAME_BUILDER, reduce_random_state } },
  { "numpy.random._pickle", "__bit_generator_ctor", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  /* Types as values: OneHotEncoder's dtype=numpy.float64. */
  { "numpy", "float64", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "numpy", "float32", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "numpy", "int64", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "numpy", "int32", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "numpy", "uint8", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "numpy", "bool_", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "builtins", "float", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "builtins", "int", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "builtins", "str", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "builtins", "bool", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "builtins", "object", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "builtins", "dict", { MP_PICKLE_NAME_ARGUMENT, NULL } },
  { "sklearn.utils.bunch", "Bunch", { MP_PICKLE_NAME_DICT_CLASS, NULL } },
};

const MpPickleName *
_mp_pickle_find_name (const char *module,
                      const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].module, module) == 0 && strcmp (names[i].name, name) == 0)
      return &names[i].what;
  return NULL;
}

static gboolean
replace_prefix (GString    *module,
                const char *old_prefix,
                const char *new_prefix)
{
  gsize n = strlen (old_prefix);

  if (strncmp (module->str, old_prefix, n) != 0 ||
      (module->str[n] != '\0' && module->str[n] != '.'))
    return FALSE;
  g_string_erase (module, 0, n);
  g_string_prepend (module, new_prefix);
  return TRUE;
}

char *
_mp_pickle_canonical_module (const char *module)
{
  GString *canonical = g_string_new (module);

  replace_prefix (canonical, "numpy._core", "numpy.core");
  replace_prefix (canonical, "sklearn.externals.joblib", "joblib");
  replace_prefix (canonical, "__builtin__", "builtins");      /* Python 2 */
  replace_prefix (canonical, "copy_reg", "copyreg");
  replace_prefix (canonical, "scipy.sparse._csr", "scipy.sparse.csr");  /* scipy 1.8 */
  if (g_str_has_prefix (canonical->str, "sklearn."))
    {
      /* scikit-learn 0.22 made its modules private by prefixing "_"
       * (sklearn.svm.classes became sklearn.svm._classes) and kept
       * aliases for a while; one spelling for both. */
      for (gsize i = strlen ("sklearn"); i < canonical->len; i++)
        if (canonical->str[i] == '.' && canonical->str[i + 1] == '_')
          g_string_erase (canonical, i + 1, 1);
    }
  return g_string_free (canonical, FALSE);
}
