/* mp-pickle-numpy.c: numpy's arrays, dtypes and scalars as pickle and
 * joblib store them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-pickle-numpy-private.h"

/* Each builder accepts exactly the arguments numpy's own __reduce__ and
 * __setstate__ produce (numpy 1.x and 2.x) and refuses anything else
 * with MP_ERROR_MALFORMED naming the argument: a pickle can put any
 * value anywhere, and a builder that guessed would be the hole a
 * restricted unpickler has. Lengths and counts are checked with
 * overflow-safe arithmetic before any data is looked at. */

#define MAX_DIMS 64          /* numpy 2's NPY_MAXDIMS */

static MpPickleValue *
item (MpPickleValue *tuple,
      guint          i)
{
  return g_ptr_array_index (tuple->items, i);
}

static gboolean
is_tuple_of (MpPickleValue *value,
             guint          n)
{
  return value->kind == MP_PICKLE_TUPLE && value->items->len == n;
}

static gboolean
is_global (MpPickleValue *value,
           const char    *module,
           const char    *name)
{
  return value->kind == MP_PICKLE_GLOBAL && strcmp (value->global.module, module) == 0 &&
         strcmp (value->global.name, name) == 0;
}

/* A shape: a tuple of non-negative ints whose product fits in 64 bits. */
static gboolean
read_shape (MpPickleValue  *value,
            const char     *what,
            guint64         offset,
            guint          *n_dims,
            guint64       **shape,
            guint64        *n_elements,
            GError        **error)
{
  guint64 product = 1;

  if (value->kind != MP_PICKLE_TUPLE)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "%s: the shape is not a tuple", what);
  if (value->items->len > MAX_DIMS)
    return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY, "%s: %u dimensions, more than %d",
                             what, value->items->len, MAX_DIMS);
  for (guint i = 0; i < value->items->len; i++)
    {
      MpPickleValue *dim = item (value, i);

      if (dim->kind != MP_PICKLE_INT || dim->integer < 0)
        return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                                 "%s: dimension %u of the shape is not a non-negative int", what, i);
      if (!g_uint64_checked_mul (&product, product, (guint64) dim->integer))
        return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                                 "%s: the shape's element count overflows", what);
    }
  *n_dims = value->items->len;
  *shape = g_new (guint64, MAX (*n_dims, 1));
  for (guint i = 0; i < *n_dims; i++)
    (*shape)[i] = (guint64) item (value, i)->integer;
  *n_elements = product;
  return TRUE;
}

/* The bytes an array of @n_elements of @dtype needs: equal to @length,
 * or the array is refused. */
static gboolean
check_byte_count (MpPickleDType  *dtype,
                  guint64         n_elements,
                  gsize           length,
                  const char     *what,
                  guint64         offset,
                  GError        **error)
{
  guint64 n_bytes;

  if (!g_uint64_checked_mul (&n_bytes, n_elements, dtype->itemsize))
    return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                             "%s: the byte count of %" G_GUINT64_FORMAT " elements of %" G_GUINT64_FORMAT
                             " bytes overflows", what, n_elements, dtype->itemsize);
  if (n_bytes != length)
    return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                             "%s: %" G_GUINT64_FORMAT " elements of %" G_GUINT64_FORMAT " bytes need %"
                             G_GUINT64_FORMAT " bytes, the data has %" G_GSIZE_FORMAT, what, n_elements,
                             dtype->itemsize, n_bytes, length);
  return TRUE;
}

static gboolean
check_dtype_built (MpPickleValue  *value,
                   const char     *what,
                   guint64         offset,
                   GError        **error)
{
  if (value->kind != MP_PICKLE_DTYPE)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "%s: the dtype is not a numpy.dtype", what);
  if (!value->dtype->built)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "%s: the dtype was never given its state",
                             what);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* numpy.dtype                                                          */

MpPickleValue *
_mp_pickle_reduce_dtype (MpPickleGraph  *graph,
                         MpPickleValue  *args,
                         guint64         offset,
                         GError        **error)
{
  MpPickleValue *text;
  MpPickleDType *dtype;
  const char *code;
  guint64 size = 0;

  if (!is_tuple_of (args, 3) || item (args, 0)->kind != MP_PICKLE_STR ||
      item (args, 1)->kind != MP_PICKLE_BOOL || item (args, 2)->kind != MP_PICKLE_BOOL)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy.dtype: expected the arguments (str, bool, bool)");
      return NULL;
    }
  text = item (args, 0);
  code = text->string.data;
  if (code[0] == '<' || code[0] == '>' || code[0] == '|' || code[0] == '=')
    code++;
  /* numpy's pickles name the type by kind and size: 'f8', 'i4', 'u1',
   * 'b1', 'U5', 'S3', 'V64', 'O8', 'c16'. */
  if (strchr ("biufcUSVO", code[0]) == NULL || code[0] == '\0' ||
      (code[1] != '\0' && !g_ascii_string_to_unsigned (code + 1, 10, 0, G_MAXUINT32, &size, NULL)))
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy.dtype: '%s' is not a dtype this importer reads (numbers, bool, text, "
                        "bytes, records and Python objects)", text->string.data);
      return NULL;
    }
  dtype = _mp_pickle_dtype_new (graph, offset, error);
  if (dtype == NULL)
    return NULL;
  dtype->kind = code[0];
  dtype->itemsize = code[0] == 'U' ? size * 4 : code[0] == 'O' ? 8 : size;
  dtype->byte_order = '|';
  return dtype->value;
}

static gboolean
valid_number_size (char    kind,
                   guint64 size)
{
  switch (kind)
    {
    case 'b':
      return size == 1;
    case 'i':
    case 'u':
      return size == 1 || size == 2 || size == 4 || size == 8;
    case 'f':
      return size == 2 || size == 4 || size == 8 || size == 16 || size == 12;
    case 'c':
      return size == 8 || size == 16 || size == 32 || size == 24;
    default:
      return TRUE;
    }
}

static gboolean
build_fields (MpPickleDType  *dtype,
              MpPickleValue  *names,
              MpPickleValue  *fields,
              guint64         offset,
              GError        **error)
{
  guint n = names->items->len;

  if (fields->kind != MP_PICKLE_DICT)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.dtype: a record's fields are not a dict");
  dtype->n_fields = n;
  dtype->field_names = g_new0 (char *, n + 1);
  dtype->field_offsets = g_new0 (guint64, MAX (n, 1));
  dtype->field_types = g_new0 (MpPickleDType *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      MpPickleValue *name = item (names, i);
      MpPickleValue *field;
      MpPickleDType *type;
      guint64 end;

      if (name->kind != MP_PICKLE_STR)
        return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                 "numpy.dtype: field name %u is not a str", i);
      field = _mp_pickle_dict_lookup (fields, name->string.data);
      if (field == NULL || field->kind != MP_PICKLE_TUPLE || field->items->len < 2 ||
          field->items->len > 3 || item (field, 0)->kind != MP_PICKLE_DTYPE ||
          item (field, 1)->kind != MP_PICKLE_INT || item (field, 1)->integer < 0)
        return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                 "numpy.dtype: field '%s' is not described as (dtype, offset)",
                                 name->string.data);
      type = item (field, 0)->dtype;
      if (!type->built || type->n_fields > 0 || type->kind == 'O' || type->kind == 'V')
        return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                 "numpy.dtype: field '%s' is not a number, text or bytes (records of "
                                 "records and of Python objects are not read)", name->string.data);
      for (guint j = 0; j < i; j++)
        if (strcmp (dtype->field_names[j], name->string.data) == 0)
          return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                   "numpy.dtype: the field name '%s' is repeated", name->string.data);
      if (!g_uint64_checked_add (&end, (guint64) item (field, 1)->integer, type->itemsize) ||
          end > dtype->itemsize)
        return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                                 "numpy.dtype: field '%s' ends past the record's %" G_GUINT64_FORMAT
                                 " bytes", name->string.data, dtype->itemsize);
      dtype->field_names[i] = g_strdup (name->string.data);
      dtype->field_offsets[i] = (guint64) item (field, 1)->integer;
      dtype->field_types[i] = type;
    }
  return TRUE;
}

gboolean
_mp_pickle_build_dtype (MpPickleGraph  *graph,
                        MpPickleDType  *dtype,
                        MpPickleValue  *state,
                        guint64         offset,
                        GError        **error)
{
  MpPickleValue *order, *subarray, *names, *fields, *elsize;

  (void) graph;
  /* (version, byte order, subarray, names, fields, elsize, alignment,
   * flags[, metadata]) */
  if (state->kind != MP_PICKLE_TUPLE || (state->items->len != 8 && state->items->len != 9) ||
      item (state, 0)->kind != MP_PICKLE_INT ||
      (item (state, 0)->integer != 3 && item (state, 0)->integer != 4))
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.dtype: the state is not numpy's (3, byteorder, ...) tuple");
  order = item (state, 1);
  subarray = item (state, 2);
  names = item (state, 3);
  fields = item (state, 4);
  elsize = item (state, 5);
  if (order->kind != MP_PICKLE_STR || order->string.length != 1 ||
      strchr ("<>|=", order->string.data[0]) == NULL)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.dtype: the byte order is not '<', '>', '|' or '='");
  if (subarray->kind != MP_PICKLE_NONE)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.dtype: a sub-array dtype, which this importer does not read");
  if (elsize->kind != MP_PICKLE_INT)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "numpy.dtype: the item size is not an int");
  dtype->byte_order = order->string.data[0];
  if (dtype->byte_order == '=')
    dtype->byte_order = G_BYTE_ORDER == G_LITTLE_ENDIAN ? '<' : '>';
  if (elsize->integer >= 0)
    {
      if (dtype->kind != 'U' && dtype->kind != 'S' && dtype->kind != 'V')
        return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                 "numpy.dtype: an item size for the fixed-size kind '%c'", dtype->kind);
      if (dtype->kind == 'U' && elsize->integer % 4 != 0)
        return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                                 "numpy.dtype: a text item size that is not a multiple of 4");
      dtype->itemsize = (guint64) elsize->integer;
    }
  else if (elsize->integer != -1)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "numpy.dtype: a negative item size");
  if (!valid_number_size (dtype->kind, dtype->itemsize))
    return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                             "numpy.dtype: %" G_GUINT64_FORMAT " bytes is no size of kind '%c'",
                             dtype->itemsize, dtype->kind);
  if (names->kind == MP_PICKLE_TUPLE)
    {
      if (dtype->kind != 'V')
        return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                 "numpy.dtype: field names on a dtype that is not a record");
      if (!build_fields (dtype, names, fields, offset, error))
        return FALSE;
    }
  else if (names->kind != MP_PICKLE_NONE || fields->kind != MP_PICKLE_NONE)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.dtype: the names and fields are neither a record's nor None");
  dtype->built = TRUE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Arrays                                                               */

MpPickleValue *
_mp_pickle_reduce_reconstruct (MpPickleGraph  *graph,
                               MpPickleValue  *args,
                               guint64         offset,
                               GError        **error)
{
  MpPickleValue *array;

  if (!is_tuple_of (args, 3) || !is_global (item (args, 0), "numpy", "ndarray") ||
      !is_tuple_of (item (args, 1), 1) || item (item (args, 1), 0)->kind != MP_PICKLE_INT ||
      item (item (args, 1), 0)->integer != 0 || item (args, 2)->kind != MP_PICKLE_BYTES)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy _reconstruct: expected the arguments (numpy.ndarray, (0,), b'b'); "
                        "ndarray subclasses are not read");
      return NULL;
    }
  array = _mp_pickle_value_new (graph, MP_PICKLE_ARRAY, offset, error);
  return array;
}

gboolean
_mp_pickle_build_array (MpPickleGraph  *graph,
                        MpPickleValue  *array,
                        MpPickleValue  *state,
                        guint64         offset,
                        GError        **error)
{
  MpPickleValue *shape, *dtype, *fortran, *data;
  guint first;

  (void) graph;
  /* (version, shape, dtype, is_fortran, data); numpy also reads the
   * version-less 4-tuple of old pickles. */
  if (state->kind != MP_PICKLE_TUPLE || (state->items->len != 5 && state->items->len != 4))
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.ndarray: the state is not numpy's (1, shape, dtype, fortran, data)");
  first = state->items->len - 4;
  if (first == 1 && (item (state, 0)->kind != MP_PICKLE_INT || item (state, 0)->integer != 1))
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.ndarray: state version is not 1");
  shape = item (state, first);
  dtype = item (state, first + 1);
  fortran = item (state, first + 2);
  data = item (state, first + 3);
  if (!check_dtype_built (dtype, "numpy.ndarray", offset, error))
    return FALSE;
  if (fortran->kind != MP_PICKLE_BOOL && fortran->kind != MP_PICKLE_INT)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "numpy.ndarray: is_fortran is not a bool");
  if (!read_shape (shape, "numpy.ndarray", offset, &array->array.n_dims, &array->array.shape,
                   &array->array.n_elements, error))
    return FALSE;
  array->array.dtype = dtype->dtype;
  array->array.fortran = fortran->kind == MP_PICKLE_BOOL ? fortran->boolean : fortran->integer != 0;
  if (dtype->dtype->kind == 'O')
    {
      if (data->kind != MP_PICKLE_LIST || data->items->len != array->array.n_elements)
        return _mp_pickle_error (error, offset, MP_ERROR_INVALID_ARRAY,
                                 "numpy.ndarray: an object array of %" G_GUINT64_FORMAT " elements "
                                 "whose data is not a list of as many values", array->array.n_elements);
      /* A copy: the pickle may append to the list after this BUILD. */
      array->array.objects = g_ptr_array_copy (data->items, NULL, NULL);
    }
  else
    {
      if (data->kind != MP_PICKLE_BYTES)
        return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                                 "numpy.ndarray: the data is not bytes");
      if (!check_byte_count (dtype->dtype, array->array.n_elements, g_bytes_get_size (data->bytes),
                             "numpy.ndarray", offset, error))
        return FALSE;
      array->array.data = g_bytes_ref (data->bytes);
    }
  array->array.built = TRUE;
  return TRUE;
}

MpPickleValue *
_mp_pickle_reduce_frombuffer (MpPickleGraph  *graph,
                              MpPickleValue  *args,
                              guint64         offset,
                              GError        **error)
{
  MpPickleValue *buffer, *dtype, *shape, *order, *array;

  if (!is_tuple_of (args, 4))
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy _frombuffer: expected the arguments (buffer, dtype, shape, order)");
      return NULL;
    }
  buffer = item (args, 0);
  dtype = item (args, 1);
  shape = item (args, 2);
  order = item (args, 3);
  if (buffer->kind != MP_PICKLE_BYTES)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "numpy _frombuffer: the buffer is not bytes");
      return NULL;
    }
  if (!check_dtype_built (dtype, "numpy _frombuffer", offset, error))
    return NULL;
  if (dtype->dtype->kind == 'O')
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy _frombuffer: Python objects cannot come from a buffer");
      return NULL;
    }
  if (order->kind != MP_PICKLE_STR || (strcmp (order->string.data, "C") != 0 &&
                                       strcmp (order->string.data, "F") != 0))
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "numpy _frombuffer: the order is not 'C' or 'F'");
      return NULL;
    }
  array = _mp_pickle_value_new (graph, MP_PICKLE_ARRAY, offset, error);
  if (array == NULL)
    return NULL;
  if (!read_shape (shape, "numpy _frombuffer", offset, &array->array.n_dims, &array->array.shape,
                   &array->array.n_elements, error) ||
      !check_byte_count (dtype->dtype, array->array.n_elements, g_bytes_get_size (buffer->bytes),
                         "numpy _frombuffer", offset, error))
    return NULL;
  array->array.dtype = dtype->dtype;
  array->array.fortran = order->string.data[0] == 'F';
  array->array.data = g_bytes_ref (buffer->bytes);
  array->array.built = TRUE;
  return array;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                              */

static guint64
read_unsigned (const guint8 *p,
               guint         size,
               gboolean      big_endian)
{
  guint64 bits = 0;

  for (guint i = 0; i < size; i++)
    bits |= (guint64) p[big_endian ? size - 1 - i : i] << (8 * i);
  return bits;
}

MpPickleValue *
_mp_pickle_reduce_scalar (MpPickleGraph  *graph,
                          MpPickleValue  *args,
                          guint64         offset,
                          GError        **error)
{
  MpPickleDType *dtype;
  MpPickleValue *value;
  const guint8 *p;
  gsize length;
  gboolean big_endian;
  guint64 bits;

  if (!is_tuple_of (args, 2) || item (args, 0)->kind != MP_PICKLE_DTYPE ||
      item (args, 1)->kind != MP_PICKLE_BYTES)
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy scalar: expected the arguments (dtype, bytes)");
      return NULL;
    }
  dtype = item (args, 0)->dtype;
  if (!check_dtype_built (item (args, 0), "numpy scalar", offset, error))
    return NULL;
  p = g_bytes_get_data (item (args, 1)->bytes, &length);
  if (length != dtype->itemsize || dtype->itemsize > 8 || dtype->itemsize == 0 ||
      strchr ("biuf", dtype->kind) == NULL || (dtype->kind == 'f' && dtype->itemsize < 4))
    {
      _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                        "numpy scalar: a '%c%" G_GUINT64_FORMAT "' scalar of %" G_GSIZE_FORMAT
                        " bytes; this importer reads bool, integer, float32 and float64 scalars",
                        dtype->kind, dtype->itemsize, length);
      return NULL;
    }
  big_endian = dtype->byte_order == '>';
  bits = read_unsigned (p, (guint) dtype->itemsize, big_endian);
  switch (dtype->kind)
    {
    case 'b':
      value = _mp_pickle_value_new (graph, MP_PICKLE_BOOL, offset, error);
      if (value != NULL)
        value->boolean = bits != 0;
      return value;
    case 'i':
      value = _mp_pickle_value_new (graph, MP_PICKLE_INT, offset, error);
      if (value != NULL)
        {
          guint shift = 64 - 8 * (guint) dtype->itemsize;

          value->integer = shift == 0 ? (gint64) bits : ((gint64) (bits << shift)) >> shift;
        }
      return value;
    case 'u':
      if (bits > G_MAXINT64)
        {
          _mp_pickle_error (error, offset, MP_ERROR_INVALID_VALUE,
                            "numpy scalar: a uint64 beyond the range of int64");
          return NULL;
        }
      value = _mp_pickle_value_new (graph, MP_PICKLE_INT, offset, error);
      if (value != NULL)
        value->integer = (gint64) bits;
      return value;
    default:
      value = _mp_pickle_value_new (graph, MP_PICKLE_FLOAT, offset, error);
      if (value == NULL)
        return NULL;
      if (dtype->itemsize == 4)
        {
          guint32 bits32 = (guint32) bits;
          float number;

          memcpy (&number, &bits32, sizeof number);
          value->number = number;
        }
      else
        memcpy (&value->number, &bits, sizeof value->number);
      return value;
    }
}

/* ------------------------------------------------------------------ */
/* joblib                                                               */

gboolean
_mp_pickle_parse_joblib_wrapper (MpPickleValue        *state,
                                 guint64               offset,
                                 MpPickleJoblibArray  *header,
                                 GError              **error)
{
  MpPickleValue *subclass, *shape, *order, *dtype, *alignment;

  memset (header, 0, sizeof *header);
  if (state->kind != MP_PICKLE_DICT)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED, "NumpyArrayWrapper: the state is not a dict");
  subclass = _mp_pickle_dict_lookup (state, "subclass");
  shape = _mp_pickle_dict_lookup (state, "shape");
  order = _mp_pickle_dict_lookup (state, "order");
  dtype = _mp_pickle_dict_lookup (state, "dtype");
  alignment = _mp_pickle_dict_lookup (state, "numpy_array_alignment_bytes");
  if (subclass == NULL || !is_global (subclass, "numpy", "ndarray"))
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "NumpyArrayWrapper: subclass is not numpy.ndarray (subclasses such as "
                             "numpy.matrix are not read)");
  if (shape == NULL || order == NULL || dtype == NULL)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "NumpyArrayWrapper: the state lacks shape, order or dtype");
  if (!check_dtype_built (dtype, "NumpyArrayWrapper", offset, error))
    return FALSE;
  if (order->kind != MP_PICKLE_STR || (strcmp (order->string.data, "C") != 0 &&
                                       strcmp (order->string.data, "F") != 0))
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "NumpyArrayWrapper: the order is not 'C' or 'F'");
  if (alignment != NULL && alignment->kind != MP_PICKLE_NONE &&
      (alignment->kind != MP_PICKLE_INT || alignment->integer < 1 || alignment->integer > 255))
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "NumpyArrayWrapper: numpy_array_alignment_bytes is not None or 1 to 255");
  if (!read_shape (shape, "NumpyArrayWrapper", offset, &header->n_dims, &header->shape,
                   &header->n_elements, error))
    return FALSE;
  header->dtype = dtype->dtype;
  header->fortran = order->string.data[0] == 'F';
  header->alignment = alignment != NULL && alignment->kind == MP_PICKLE_INT ?
                      (guint) alignment->integer : 0;
  return TRUE;
}

gboolean
_mp_pickle_check_joblib_objects (MpPickleValue             *array,
                                 const MpPickleJoblibArray *header,
                                 guint64                    offset,
                                 GError                   **error)
{
  if (array->kind != MP_PICKLE_ARRAY || array->array.dtype == NULL ||
      array->array.dtype->kind != 'O' || array->array.n_dims != header->n_dims ||
      memcmp (array->array.shape, header->shape, header->n_dims * sizeof (guint64)) != 0)
    return _mp_pickle_error (error, offset, MP_ERROR_MALFORMED,
                             "NumpyArrayWrapper: the pickled object array does not match its wrapper's "
                             "dtype and shape");
  return TRUE;
}
