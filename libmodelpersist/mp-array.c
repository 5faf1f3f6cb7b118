/* mp-array.c: immutable n-dimensional typed arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __linux__
#include <stdlib.h>
#include <sys/mman.h>
#endif

#include "mp-array.h"
#include "mp-array-private.h"
#include "mp-error.h"

/**
 * SECTION:mp-array
 * @Title: MpArray
 * @Short_description: immutable n-dimensional typed arrays
 *
 * |[<!-- language="C" -->
 * const double values[] = { 5.1, 3.5, 1.4, 0.2,
 *                           6.7, 3.1, 4.4, 1.4 };
 * const gsize shape[] = { 2, 4 };
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpArray) x = mp_array_new_float64 (values, G_N_ELEMENTS (values), shape, 2, &error);
 * g_autoptr(MpArray) x32 = NULL;
 *
 * if (x != NULL)
 *   x32 = mp_array_convert (x, MP_DTYPE_FLOAT32, &error);
 * if (x32 == NULL)
 *   g_warning ("%s", error->message);
 * else    // 2 x 4 float64, x[1, 2] = 4.4 (row-major)
 *   g_print ("%zu x %zu %s, x[1, 2] = %g\n",
 *            mp_array_get_dim (x, 0), mp_array_get_dim (x, 1),
 *            mp_dtype_to_string (mp_array_get_dtype (x)),
 *            mp_array_get_double (x, 1 * 4 + 2));
 * ]|
 *
 * #MpArray is the one array type of libmodelpersist: estimators take it as
 * input, return it from predict and keep their fitted state in it.
 *
 * An array is C-contiguous, has up to %MP_ARRAY_MAX_DIMS dimensions and one
 * of the #MpDType element types, and never changes once built. Its elements
 * live in a #GBytes, so an array can view memory it does not own (a mapped
 * file, a numpy buffer, a `GLib.Bytes` made from a JavaScript TypedArray)
 * without copying it; holding the array keeps that memory alive.
 *
 * Every constructor checks its arithmetic: a shape whose element count or
 * byte length overflows, or a buffer whose length does not match the shape,
 * is an %MP_ERROR_INVALID_ARGUMENT error, never a crash.
 *
 * String arrays (%MP_DTYPE_STRING) hold class labels and categories. Their
 * elements are valid UTF-8 without U+0000 (checked when the array is made),
 * compared byte by byte, which is code-point order, the order numpy sorts
 * `str` arrays in. The array owns one buffer holding every element followed
 * by a NUL byte, so mp_array_get_string() hands out C strings without
 * copying; that buffer is never lent to bindings (mp_array_get_bytes() and
 * mp_array_get_data() refuse string arrays), because a binding that could
 * write to it could remove the terminators the C strings rely on.
 */

struct _MpArray
{
  gatomicrefcount  ref_count;
  MpDType          dtype;
  guint            n_dims;
  gsize            shape[MP_ARRAY_MAX_DIMS];
  gsize            n_elements;
  GBytes          *bytes;
  /* MP_DTYPE_STRING only: n_elements + 1 offsets into bytes, element i
   * starting at starts[i], its NUL at starts[i + 1] - 1. */
  gsize           *starts;
  /* MP_DTYPE_COLUMNS only (bytes is NULL): shape[1] 1-D columns of
   * shape[0] elements each, and their names or NULL. */
  MpArray        **columns;
  char           **column_names;
};

G_DEFINE_BOXED_TYPE (MpArray, mp_array, mp_array_ref, mp_array_unref)

static const struct {
  const char *name;
  gsize       item_size;
} dtype_info[] = {
  [MP_DTYPE_FLOAT64] = { "float64", 8 },
  [MP_DTYPE_FLOAT32] = { "float32", 4 },
  [MP_DTYPE_INT64]   = { "int64",   8 },
  [MP_DTYPE_INT32]   = { "int32",   4 },
  [MP_DTYPE_UINT8]   = { "uint8",   1 },
  [MP_DTYPE_BOOL]    = { "bool",    1 },
  /* Variable-length elements: no item size. */
  [MP_DTYPE_STRING]  = { "str",     0 },
  /* A table: elements live in its columns. */
  [MP_DTYPE_COLUMNS] = { "columns", 0 },
};

static gboolean
dtype_is_valid (MpDType dtype)
{
  return (guint) dtype < G_N_ELEMENTS (dtype_info);
}

/**
 * mp_dtype_get_item_size:
 * @dtype: an #MpDType
 *
 * Reads the size of one element of a dtype.
 *
 * Returns: the size in bytes of one element of @dtype, or 0 if @dtype is not
 *   a valid #MpDType or is %MP_DTYPE_STRING, whose elements have no fixed
 *   size
 *
 * Since: 0.1
 */
gsize
mp_dtype_get_item_size (MpDType dtype)
{
  return dtype_is_valid (dtype) ? dtype_info[dtype].item_size : 0;
}

/**
 * mp_dtype_to_string:
 * @dtype: an #MpDType
 *
 * Names a dtype as numpy does.
 *
 * Returns: the numpy name of @dtype (`"float64"`, `"int32"`, ..., `"str"`
 *   for %MP_DTYPE_STRING), or %NULL if @dtype is not a valid #MpDType
 *
 * Since: 0.1
 */
const char *
mp_dtype_to_string (MpDType dtype)
{
  return dtype_is_valid (dtype) ? dtype_info[dtype].name : NULL;
}

/**
 * mp_dtype_from_string:
 * @name: a numpy dtype name such as `"float64"`
 * @dtype: (out): where to store the matching #MpDType
 *
 * Looks up a dtype by its numpy name.
 *
 * Returns: %TRUE if @name names a supported dtype
 *
 * Since: 0.1
 */
gboolean
mp_dtype_from_string (const char *name,
                      MpDType    *dtype)
{
  g_return_val_if_fail (name != NULL, FALSE);

  /* Up to the str dtype: a table is not an element type, so that no
   * declaration and no file can name it. */
  for (guint i = 0; i <= MP_DTYPE_STRING; i++)
    {
      if (strcmp (name, dtype_info[i].name) == 0)
        {
          if (dtype != NULL)
            *dtype = (MpDType) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Computes the element count of a shape, refusing any overflow: shapes
 * come from untrusted files and from bindings. */
static gboolean
compute_count (const gsize *shape,
               guint        n_dims,
               gsize       *n_elements,
               GError     **error)
{
  gsize count = 1;

  if (n_dims > MP_ARRAY_MAX_DIMS)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "shape: %u dimensions, at most %d are supported",
                   n_dims, MP_ARRAY_MAX_DIMS);
      return FALSE;
    }

  if (n_dims > 0 && shape == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "shape: NULL with %u dimensions", n_dims);
      return FALSE;
    }

  for (guint i = 0; i < n_dims; i++)
    {
      if (!g_size_checked_mul (&count, count, shape[i]))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "shape: element count overflows at axis %u", i);
          return FALSE;
        }
    }

  *n_elements = count;
  return TRUE;
}

/* The element count and byte length of a shape of fixed-size elements. */
static gboolean
compute_extent (MpDType      dtype,
                const gsize *shape,
                guint        n_dims,
                gsize       *n_elements,
                gsize       *n_bytes,
                GError     **error)
{
  if (!dtype_is_valid (dtype))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "dtype: %d is not a valid MpDType", (int) dtype);
      return FALSE;
    }

  if (dtype == MP_DTYPE_STRING)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "dtype: str elements have no fixed size; "
                           "make str arrays with mp_array_new_strings()");
      return FALSE;
    }

  if (dtype == MP_DTYPE_COLUMNS)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "dtype: a table has no elements of its own; "
                           "make tables with mp_array_new_columns()");
      return FALSE;
    }

  if (!compute_count (shape, n_dims, n_elements, error))
    return FALSE;

  if (!g_size_checked_mul (n_bytes, *n_elements, dtype_info[dtype].item_size) ||
      *n_bytes > G_MAXSSIZE)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "shape: byte length of %" G_GSIZE_FORMAT " %s elements overflows",
                   *n_elements, dtype_info[dtype].name);
      return FALSE;
    }

  return TRUE;
}

static MpArray *
array_alloc (MpDType      dtype,
             const gsize *shape,
             guint        n_dims,
             gsize        n_elements,
             GBytes      *bytes)
{
  MpArray *self = g_new0 (MpArray, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dtype = dtype;
  self->n_dims = n_dims;
  if (n_dims > 0)
    memcpy (self->shape, shape, n_dims * sizeof (gsize));
  self->n_elements = n_elements;
  self->bytes = bytes;

  return self;
}

static gboolean
check_bool_bytes (const guint8 *data,
                  gsize         n_bytes,
                  GError      **error)
{
  for (gsize i = 0; i < n_bytes; i++)
    {
      if (data[i] > 1)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "data: bool element %" G_GSIZE_FORMAT " holds %u, not 0 or 1",
                       i, data[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mp_array_new_from_bytes:
 * @dtype: the element type
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions, at most %MP_ARRAY_MAX_DIMS; 0 makes a
 *   scalar holding one element
 * @bytes: the elements, C-contiguous, in the host's byte order
 * @error: return location for a #GError
 *
 * Creates an array that views @bytes without copying them, as long as the
 * data are aligned for @dtype (data that are not are copied once, so typed
 * access is always safe). The array keeps a reference on @bytes.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if the length of @bytes does not match @shape
 *   and @dtype, the shape overflows, or a bool element is not 0 or 1
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_from_bytes (MpDType       dtype,
                         const gsize  *shape,
                         guint         n_dims,
                         GBytes       *bytes,
                         GError      **error)
{
  gsize n_elements, n_bytes, have;
  gconstpointer data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!compute_extent (dtype, shape, n_dims, &n_elements, &n_bytes, error))
    return NULL;

  data = g_bytes_get_data (bytes, &have);
  if (have != n_bytes)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "bytes: %" G_GSIZE_FORMAT " bytes given, shape and dtype %s need %" G_GSIZE_FORMAT,
                   have, dtype_info[dtype].name, n_bytes);
      return NULL;
    }

  if (dtype == MP_DTYPE_BOOL && !check_bool_bytes (data, n_bytes, error))
    return NULL;

  if (n_bytes > 0 && ((guintptr) data % dtype_info[dtype].item_size) != 0)
    return array_alloc (dtype, shape, n_dims, n_elements,
                        g_bytes_new (data, n_bytes));

  return array_alloc (dtype, shape, n_dims, n_elements, g_bytes_ref (bytes));
}

/**
 * mp_array_new_from_data:
 * @dtype: the element type
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @data: (array length=n_bytes) (element-type guint8) (nullable): the
 *   elements, C-contiguous, in the host's byte order
 * @n_bytes: the length of @data in bytes
 * @error: return location for a #GError
 *
 * Creates an array holding a copy of @data.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_bytes does not match @shape and @dtype
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_from_data (MpDType        dtype,
                        const gsize   *shape,
                        guint          n_dims,
                        gconstpointer  data,
                        gsize          n_bytes,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  bytes = g_bytes_new (data, n_bytes);
  return mp_array_new_from_bytes (dtype, shape, n_dims, bytes, error);
}

/**
 * mp_array_new_take: (skip)
 * @dtype: the element type
 * @shape: (array length=n_dims): the length of each dimension
 * @n_dims: the number of dimensions
 * @data: (transfer full): g_malloc()ed elements, exactly as many as @shape
 *   holds
 *
 * Creates an array that takes ownership of @data. This is for C code that
 * has just computed a result; the caller guarantees that @data matches
 * @shape, so no error is possible.
 *
 * Returns: (transfer full): a new #MpArray
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_take (MpDType      dtype,
                   const gsize *shape,
                   guint        n_dims,
                   gpointer     data)
{
  g_autoptr(GError) error = NULL;
  gsize n_elements, n_bytes;

  if (!compute_extent (dtype, shape, n_dims, &n_elements, &n_bytes, &error))
    g_error ("mp_array_new_take: %s", error->message);

  return array_alloc (dtype, shape, n_dims, n_elements,
                      g_bytes_new_take (data, n_bytes));
}

/* The typed constructors all copy n_values elements after checking that the
 * count matches the shape; a count that disagrees is the caller's bug, but
 * it comes from bindings, so it is an error rather than a critical. */
static MpArray *
new_typed (MpDType        dtype,
           gconstpointer  values,
           gsize          n_values,
           const gsize   *shape,
           guint          n_dims,
           GError       **error)
{
  gsize n_elements, n_bytes;

  if (!compute_extent (dtype, shape, n_dims, &n_elements, &n_bytes, error))
    return NULL;

  if (n_elements != n_values)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "values: %" G_GSIZE_FORMAT " given, shape holds %" G_GSIZE_FORMAT,
                   n_values, n_elements);
      return NULL;
    }

  return mp_array_new_from_data (dtype, shape, n_dims, values, n_bytes, error);
}

/**
 * mp_array_new_float64:
 * @values: (array length=n_values) (nullable): the elements, C-contiguous
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates a float64 array holding a copy of @values.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_float64 (const gdouble  *values,
                      gsize           n_values,
                      const gsize    *shape,
                      guint           n_dims,
                      GError        **error)
{
  return new_typed (MP_DTYPE_FLOAT64, values, n_values, shape, n_dims, error);
}

/**
 * mp_array_new_float32:
 * @values: (array length=n_values) (nullable): the elements, C-contiguous
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates a float32 array holding a copy of @values.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_float32 (const gfloat   *values,
                      gsize           n_values,
                      const gsize    *shape,
                      guint           n_dims,
                      GError        **error)
{
  return new_typed (MP_DTYPE_FLOAT32, values, n_values, shape, n_dims, error);
}

/**
 * mp_array_new_int64:
 * @values: (array length=n_values) (nullable): the elements, C-contiguous
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates an int64 array holding a copy of @values.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_int64 (const gint64   *values,
                    gsize           n_values,
                    const gsize    *shape,
                    guint           n_dims,
                    GError        **error)
{
  return new_typed (MP_DTYPE_INT64, values, n_values, shape, n_dims, error);
}

/**
 * mp_array_new_int32:
 * @values: (array length=n_values) (nullable): the elements, C-contiguous
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates an int32 array holding a copy of @values.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_int32 (const gint32   *values,
                    gsize           n_values,
                    const gsize    *shape,
                    guint           n_dims,
                    GError        **error)
{
  return new_typed (MP_DTYPE_INT32, values, n_values, shape, n_dims, error);
}

/**
 * mp_array_new_uint8:
 * @values: (array length=n_values) (nullable): the elements, C-contiguous
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates a uint8 array holding a copy of @values.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_uint8 (const guint8   *values,
                    gsize           n_values,
                    const gsize    *shape,
                    guint           n_dims,
                    GError        **error)
{
  return new_typed (MP_DTYPE_UINT8, values, n_values, shape, n_dims, error);
}

/**
 * mp_array_new_bool:
 * @values: (array length=n_values) (nullable): the elements, C-contiguous;
 *   any non-zero value is stored as 1
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates a bool array (one byte per element) from @values.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_bool (const gboolean *values,
                   gsize           n_values,
                   const gsize    *shape,
                   guint           n_dims,
                   GError        **error)
{
  g_autofree guint8 *bytes = NULL;
  gsize n_elements, n_bytes;

  if (!compute_extent (MP_DTYPE_BOOL, shape, n_dims, &n_elements, &n_bytes, error))
    return NULL;

  if (n_elements != n_values)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "values: %" G_GSIZE_FORMAT " given, shape holds %" G_GSIZE_FORMAT,
                   n_values, n_elements);
      return NULL;
    }

  bytes = g_malloc (MAX (n_bytes, 1));
  for (gsize i = 0; i < n_values; i++)
    bytes[i] = values[i] ? 1 : 0;

  return mp_array_new_take (MP_DTYPE_BOOL, shape, n_dims, g_steal_pointer (&bytes));
}

/* Adopts @buffer (every element followed by a NUL) and @starts (one more
 * offset than elements, the last being the buffer's length) as a str
 * array. Callers have checked every element. */
MpArray *
_mp_array_new_strings_take (const gsize *shape,
                            guint        n_dims,
                            char        *buffer,
                            gsize       *starts)
{
  g_autoptr(GError) error = NULL;
  MpArray *self;
  gsize n_elements;

  if (!compute_count (shape, n_dims, &n_elements, &error))
    g_error ("_mp_array_new_strings_take: %s", error->message);

  self = array_alloc (MP_DTYPE_STRING, shape, n_dims, n_elements,
                      g_bytes_new_take (buffer, starts[n_elements]));
  self->starts = starts;
  return self;
}

/**
 * mp_array_new_strings:
 * @values: (array length=n_values) (element-type utf8) (nullable): the
 *   elements, C-contiguous
 * @n_values: the number of elements in @values
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates a str array (%MP_DTYPE_STRING) holding copies of @values, such
 * as the class labels `"setosa"`, `"versicolor"`, `"virginica"`. Every
 * element must be valid UTF-8; the empty string is allowed. U+0000 cannot
 * occur (a C string ends there), and the loader refuses it in files.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @n_values does not match @shape, an
 *   element is %NULL or not valid UTF-8, or the total length overflows
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_strings (const char * const *values,
                      gsize               n_values,
                      const gsize        *shape,
                      guint               n_dims,
                      GError            **error)
{
  g_autofree gsize *starts = NULL;
  g_autofree char *buffer = NULL;
  gsize n_elements, total = 0;

  g_return_val_if_fail (values != NULL || n_values == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!compute_count (shape, n_dims, &n_elements, error))
    return NULL;

  if (n_elements != n_values)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "values: %" G_GSIZE_FORMAT " given, shape holds %" G_GSIZE_FORMAT,
                   n_values, n_elements);
      return NULL;
    }

  /* The offsets table cannot overflow: n_values pointers already exist. */
  starts = g_new (gsize, n_values + 1);
  for (gsize i = 0; i < n_values; i++)
    {
      gsize length;

      if (values[i] == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "values: element %" G_GSIZE_FORMAT " is NULL", i);
          return NULL;
        }
      length = strlen (values[i]);
      if (!g_utf8_validate_len (values[i], length, NULL))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "values: element %" G_GSIZE_FORMAT " is not valid UTF-8", i);
          return NULL;
        }
      starts[i] = total;
      /* Each element and its NUL; the sum stays within what the format's
       * 64-bit offsets and a gssize can describe. */
      if (!g_size_checked_add (&total, total, length) ||
          !g_size_checked_add (&total, total, 1) || total > G_MAXSSIZE / 2)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                               "values: total length overflows");
          return NULL;
        }
    }
  starts[n_values] = total;

  buffer = g_malloc (MAX (total, 1));
  for (gsize i = 0; i < n_values; i++)
    memcpy (buffer + starts[i], values[i], starts[i + 1] - starts[i]);

  return _mp_array_new_strings_take (shape, n_dims, g_steal_pointer (&buffer),
                                     g_steal_pointer (&starts));
}

/**
 * mp_array_new_strings_from_bytes:
 * @text: the elements in C order, each followed by one NUL byte, as UTF-8
 * @shape: (array length=n_dims) (nullable): the length of each dimension
 * @n_dims: the number of dimensions
 * @error: return location for a #GError
 *
 * Creates a str array (%MP_DTYPE_STRING) from one buffer holding every
 * element and its terminating NUL, such as `"Lyon\0Oslo\0"`. It does what
 * mp_array_new_strings() does for bindings that hold text as one block (a
 * Python binding joins a numpy array's strings in one call), without one
 * pointer per element crossing the language boundary.
 *
 * Returns: (transfer full): a new #MpArray, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @text is not valid UTF-8, does not end
 *   with a NUL, or holds another number of elements than @shape
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_strings_from_bytes (GBytes       *text,
                                 const gsize  *shape,
                                 guint         n_dims,
                                 GError      **error)
{
  gsize n_bytes = 0, n_elements, k = 0;
  const char *data;
  g_autofree gsize *starts = NULL;
  char *buffer;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!compute_count (shape, n_dims, &n_elements, error))
    return NULL;
  data = g_bytes_get_data (text, &n_bytes);
  if (n_bytes > G_MAXSSIZE / 2)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT, "text: total length overflows");
      return NULL;
    }
  if (n_bytes > 0 && data[n_bytes - 1] != '\0')
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "text: the last element is not followed by a NUL byte");
      return NULL;
    }
  starts = g_new (gsize, n_elements + 1);
  starts[0] = 0;
  for (gsize i = 0; i < n_bytes; i++)
    if (data[i] == '\0')
      {
        if (++k > n_elements)
          break;
        starts[k] = i + 1;
      }
  if (k != n_elements)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "text: %s%" G_GSIZE_FORMAT " elements, shape holds %" G_GSIZE_FORMAT,
                   k > n_elements ? "more than " : "", k > n_elements ? n_elements : k, n_elements);
      return NULL;
    }
  for (gsize i = 0; i < n_elements; i++)
    if (!g_utf8_validate_len (data + starts[i], starts[i + 1] - starts[i] - 1, NULL))
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                     "text: element %" G_GSIZE_FORMAT " is not valid UTF-8", i);
        return NULL;
      }

  buffer = g_malloc (MAX (n_bytes, 1));
  memcpy (buffer, data, n_bytes);
  return _mp_array_new_strings_take (shape, n_dims, buffer, g_steal_pointer (&starts));
}

/**
 * mp_array_ref:
 * @array: an #MpArray
 *
 * Takes a reference on @array.
 *
 * Returns: (transfer full): @array
 *
 * Since: 0.1
 */
MpArray *
mp_array_ref (MpArray *array)
{
  g_return_val_if_fail (array != NULL, NULL);

  g_atomic_ref_count_inc (&array->ref_count);
  return array;
}

/**
 * mp_array_unref:
 * @array: (transfer full): an #MpArray
 *
 * Drops a reference on @array; the last one frees it and releases its
 * #GBytes.
 *
 * Since: 0.1
 */
void
mp_array_unref (MpArray *array)
{
  g_return_if_fail (array != NULL);

  if (g_atomic_ref_count_dec (&array->ref_count))
    {
      g_clear_pointer (&array->bytes, g_bytes_unref);
      g_free (array->starts);
      if (array->columns != NULL)
        for (gsize j = 0; j < array->shape[1]; j++)
          mp_array_unref (array->columns[j]);
      g_free (array->columns);
      g_strfreev (array->column_names);
      g_free (array);
    }
}

/**
 * mp_array_get_dtype:
 * @array: an #MpArray
 *
 * Reads the element type.
 *
 * Returns: the element type of @array
 *
 * Since: 0.1
 */
MpDType
mp_array_get_dtype (MpArray *array)
{
  g_return_val_if_fail (array != NULL, MP_DTYPE_FLOAT64);

  return array->dtype;
}

/**
 * mp_array_get_n_dims:
 * @array: an #MpArray
 *
 * Reads the number of dimensions.
 *
 * Returns: the number of dimensions of @array (0 for a scalar)
 *
 * Since: 0.1
 */
guint
mp_array_get_n_dims (MpArray *array)
{
  g_return_val_if_fail (array != NULL, 0);

  return array->n_dims;
}

/**
 * mp_array_get_shape:
 * @array: an #MpArray
 * @n_dims: (out) (optional): the number of dimensions
 *
 * Reads the shape.
 *
 * Returns: (array length=n_dims) (transfer none): the length of each
 *   dimension, owned by @array
 *
 * Since: 0.1
 */
const gsize *
mp_array_get_shape (MpArray *array,
                    guint   *n_dims)
{
  g_return_val_if_fail (array != NULL, NULL);

  if (n_dims != NULL)
    *n_dims = array->n_dims;
  return array->shape;
}

/**
 * mp_array_get_dim:
 * @array: an #MpArray
 * @axis: a dimension index
 *
 * Reads the length of one dimension.
 *
 * Returns: the length of dimension @axis, or 0 if @array has fewer dimensions
 *
 * Since: 0.1
 */
gsize
mp_array_get_dim (MpArray *array,
                  guint    axis)
{
  g_return_val_if_fail (array != NULL, 0);

  return axis < array->n_dims ? array->shape[axis] : 0;
}

/**
 * mp_array_get_n_elements:
 * @array: an #MpArray
 *
 * Reads the number of elements.
 *
 * Returns: the number of elements, the product of the shape
 *
 * Since: 0.1
 */
gsize
mp_array_get_n_elements (MpArray *array)
{
  g_return_val_if_fail (array != NULL, 0);

  return array->n_elements;
}

/**
 * mp_array_get_n_bytes:
 * @array: an #MpArray
 *
 * Reads the size of the elements in bytes.
 *
 * Returns: the length of the elements in bytes; for a str array, the sum
 *   of the elements' UTF-8 lengths
 *
 * Since: 0.1
 */
gsize
mp_array_get_n_bytes (MpArray *array)
{
  g_return_val_if_fail (array != NULL, 0);

  if (array->dtype == MP_DTYPE_COLUMNS)
    {
      gsize total = 0;

      for (gsize j = 0; j < array->shape[1]; j++)
        total += mp_array_get_n_bytes (array->columns[j]);
      return total;
    }
  if (array->dtype == MP_DTYPE_STRING)
    return g_bytes_get_size (array->bytes) - array->n_elements;
  return g_bytes_get_size (array->bytes);
}

/**
 * mp_array_get_bytes:
 * @array: an #MpArray
 *
 * Gives the memory behind @array, in the host's byte order. Bindings use it
 * to build a numpy array or a TypedArray over the same memory. A str
 * array has no such view (a critical warning, %NULL): read it with
 * mp_array_get_string() or mp_array_dup_strings().
 *
 * Returns: (transfer none): the elements of @array
 *
 * Since: 0.1
 */
GBytes *
mp_array_get_bytes (MpArray *array)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (array->dtype != MP_DTYPE_STRING, NULL);
  g_return_val_if_fail (array->dtype != MP_DTYPE_COLUMNS, NULL);

  return array->bytes;
}

/**
 * mp_array_get_data: (skip)
 * @array: an #MpArray
 * @n_bytes: (out) (optional): the length of the data in bytes
 *
 * Gives direct access to the elements for C code; not for str arrays
 * (a critical warning, %NULL), whose elements mp_array_get_string() gives.
 *
 * Returns: (transfer none): the elements of @array, aligned for its dtype
 *
 * Since: 0.1
 */
gconstpointer
mp_array_get_data (MpArray *array,
                   gsize   *n_bytes)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (array->dtype != MP_DTYPE_STRING, NULL);
  g_return_val_if_fail (array->dtype != MP_DTYPE_COLUMNS, NULL);

  return g_bytes_get_data (array->bytes, n_bytes);
}

/**
 * mp_array_get_float64_data: (skip)
 * @array: a float64 #MpArray
 *
 * Gives typed access to the elements of a float64 array.
 *
 * Returns: (transfer none): the elements of @array as doubles
 *
 * Since: 0.1
 */
const gdouble *
mp_array_get_float64_data (MpArray *array)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (array->dtype == MP_DTYPE_FLOAT64, NULL);

  return g_bytes_get_data (array->bytes, NULL);
}

/**
 * mp_array_get_int64_data: (skip)
 * @array: an int64 #MpArray
 *
 * Gives typed access to the elements of an int64 array.
 *
 * Returns: (transfer none): the elements of @array as 64-bit integers
 *
 * Since: 0.1
 */
const gint64 *
mp_array_get_int64_data (MpArray *array)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (array->dtype == MP_DTYPE_INT64, NULL);

  return g_bytes_get_data (array->bytes, NULL);
}

/**
 * mp_array_get_int32_data: (skip)
 * @array: an int32 #MpArray
 *
 * Gives typed access to the elements of an int32 array.
 *
 * Returns: (transfer none): the elements of @array as 32-bit integers
 *
 * Since: 0.1
 */
const gint32 *
mp_array_get_int32_data (MpArray *array)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (array->dtype == MP_DTYPE_INT32, NULL);

  return g_bytes_get_data (array->bytes, NULL);
}

/**
 * mp_array_get_string:
 * @array: a str #MpArray
 * @index: a flat (C-order) element index
 *
 * Reads one element of a str array. An index out of range or an array of
 * another dtype is a programming error (a critical warning, %NULL).
 *
 * Returns: (transfer none) (nullable): the element at @index, valid UTF-8,
 *   owned by @array
 *
 * Since: 0.1
 */
const char *
mp_array_get_string (MpArray *array,
                     gsize    index)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (index < array->n_elements, NULL);

  if (array->dtype == MP_DTYPE_COLUMNS)
    return mp_array_get_string (array->columns[index % array->shape[1]], index / array->shape[1]);

  g_return_val_if_fail (array->dtype == MP_DTYPE_STRING, NULL);
  return (const char *) g_bytes_get_data (array->bytes, NULL) + array->starts[index];
}

/* Element @index of a str array and its length in bytes, for C code that
 * compares elements without strlen(). */
const char *
_mp_array_peek_string (MpArray *array,
                       gsize    index,
                       gsize   *length)
{
  g_assert (array->dtype == MP_DTYPE_STRING && index < array->n_elements);

  *length = array->starts[index + 1] - array->starts[index] - 1;
  return (const char *) g_bytes_get_data (array->bytes, NULL) + array->starts[index];
}

/**
 * mp_array_dup_strings:
 * @array: a str #MpArray
 *
 * Copies every element of a str array, in C order. An array of another
 * dtype is a programming error (a critical warning, %NULL).
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): a
 *   %NULL-terminated array of the mp_array_get_n_elements() elements; free
 *   it with g_strfreev()
 *
 * Since: 0.1
 */
char **
mp_array_dup_strings (MpArray *array)
{
  const char *data;
  char **out;

  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (array->dtype == MP_DTYPE_STRING, NULL);

  data = g_bytes_get_data (array->bytes, NULL);
  out = g_new (char *, array->n_elements + 1);
  for (gsize i = 0; i < array->n_elements; i++)
    out[i] = g_strndup (data + array->starts[i], array->starts[i + 1] - array->starts[i] - 1);
  out[array->n_elements] = NULL;
  return out;
}

/* Compares element @i of @a with element @j of @b, two str arrays, byte by
 * byte: code-point order, as numpy orders str. */
int
_mp_array_compare_strings (MpArray *a,
                           gsize    i,
                           MpArray *b,
                           gsize    j)
{
  gsize la, lb;
  const char *sa = _mp_array_peek_string (a, i, &la);
  const char *sb = _mp_array_peek_string (b, j, &lb);
  int c = memcmp (sa, sb, MIN (la, lb));

  if (c != 0)
    return c;
  return (la > lb) - (la < lb);
}

/* Whether element @i of @a equals element @j of @b as numpy's == would
 * say: numbers by value (whatever their dtypes), strings byte for byte; a
 * string never equals a number. */
gboolean
_mp_array_elements_equal (MpArray *a,
                          gsize    i,
                          MpArray *b,
                          gsize    j)
{
  gboolean sa = a->dtype == MP_DTYPE_STRING, sb = b->dtype == MP_DTYPE_STRING;

  if (sa != sb)
    return FALSE;
  if (sa)
    return _mp_array_compare_strings (a, i, b, j) == 0;
  return mp_array_get_double (a, i) == mp_array_get_double (b, j);
}

/* A str array whose element k is element @indices[k] of @array, shaped
 * @shape (which holds @n_indices elements). Every index must be in range. */
MpArray *
_mp_array_select_strings (MpArray     *array,
                          const gsize *indices,
                          gsize        n_indices,
                          const gsize *shape,
                          guint        n_dims)
{
  const char *data = g_bytes_get_data (array->bytes, NULL);
  g_autofree gsize *starts = g_new (gsize, n_indices + 1);
  char *buffer;
  gsize total = 0;

  g_assert (array->dtype == MP_DTYPE_STRING);

  /* Cannot overflow in practice: each selected element exists in @array,
   * but a selection may repeat elements, so the sum is still checked. */
  for (gsize k = 0; k < n_indices; k++)
    {
      gsize i = indices[k];

      g_assert (i < array->n_elements);
      starts[k] = total;
      if (!g_size_checked_add (&total, total, array->starts[i + 1] - array->starts[i]) ||
          total > G_MAXSSIZE / 2)
        g_error ("_mp_array_select_strings: total length overflows");
    }
  starts[n_indices] = total;

  buffer = g_malloc (MAX (total, 1));
  for (gsize k = 0; k < n_indices; k++)
    memcpy (buffer + starts[k], data + array->starts[indices[k]], starts[k + 1] - starts[k]);

  return _mp_array_new_strings_take (shape, n_dims, buffer, g_steal_pointer (&starts));
}

static gdouble
element_as_double (MpDType       dtype,
                   gconstpointer data,
                   gsize         i)
{
  switch (dtype)
    {
    case MP_DTYPE_FLOAT64: return ((const gdouble *) data)[i];
    case MP_DTYPE_FLOAT32: return ((const gfloat *) data)[i];
    case MP_DTYPE_INT64:   return (gdouble) ((const gint64 *) data)[i];
    case MP_DTYPE_INT32:   return ((const gint32 *) data)[i];
    case MP_DTYPE_UINT8:
    case MP_DTYPE_BOOL:    return ((const guint8 *) data)[i];
    default:               g_assert_not_reached ();
    }
}

/**
 * mp_array_get_double:
 * @array: an #MpArray
 * @index: a flat (C-order) element index
 *
 * Reads one element of a numeric or bool array as a double. Out-of-range
 * indices and str arrays are programming errors (a critical warning, NaN).
 *
 * Returns: the element at @index
 *
 * Since: 0.1
 */
gdouble
mp_array_get_double (MpArray *array,
                     gsize    index)
{
  g_return_val_if_fail (array != NULL, NAN);
  g_return_val_if_fail (index < array->n_elements, NAN);

  if (array->dtype == MP_DTYPE_COLUMNS)
    return mp_array_get_double (array->columns[index % array->shape[1]], index / array->shape[1]);

  g_return_val_if_fail (array->dtype != MP_DTYPE_STRING, NAN);

  return element_as_double (array->dtype, g_bytes_get_data (array->bytes, NULL), index);
}

static gboolean
store_converted (MpDType   dtype,
                 gpointer  out,
                 gsize     i,
                 gdouble   value,
                 gint64    exact,
                 gboolean  from_integer,
                 GError  **error)
{
  /* Integers convert exactly between integer types; floats must hold an
   * integral value inside the target's range, as numpy's safe casting
   * would demand, so labels never change silently. */
  if (dtype == MP_DTYPE_FLOAT64)
    {
      ((gdouble *) out)[i] = value;
      return TRUE;
    }
  if (dtype == MP_DTYPE_FLOAT32)
    {
      ((gfloat *) out)[i] = (gfloat) value;
      return TRUE;
    }

  if (!from_integer)
    {
      if (!isfinite (value) || value != floor (value) ||
          value < -9223372036854775808.0 || value >= 9223372036854775808.0)
        goto bad;
      exact = (gint64) value;
    }

  switch (dtype)
    {
    case MP_DTYPE_INT64:
      ((gint64 *) out)[i] = exact;
      return TRUE;
    case MP_DTYPE_INT32:
      if (exact < G_MININT32 || exact > G_MAXINT32)
        goto bad;
      ((gint32 *) out)[i] = (gint32) exact;
      return TRUE;
    case MP_DTYPE_UINT8:
      if (exact < 0 || exact > 255)
        goto bad;
      ((guint8 *) out)[i] = (guint8) exact;
      return TRUE;
    case MP_DTYPE_BOOL:
      if (exact != 0 && exact != 1)
        goto bad;
      ((guint8 *) out)[i] = (guint8) exact;
      return TRUE;
    default:
      g_assert_not_reached ();
    }

bad:
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "array: element %" G_GSIZE_FORMAT " (%g) cannot be represented as %s",
               i, value, dtype_info[dtype].name);
  return FALSE;
}

/**
 * mp_array_convert:
 * @array: an #MpArray
 * @dtype: the element type wanted
 * @error: return location for a #GError
 *
 * Converts @array to another element type. Conversion to an integer or bool
 * type only succeeds when every element is exactly representable, so class
 * labels never change silently. Converting to the array's own dtype returns
 * a new reference to @array. Strings and numbers do not convert into each
 * other (numpy would parse or print them; labels must not change).
 *
 * Returns: (transfer full): an array of @dtype with the same shape, or %NULL
 *   with %MP_ERROR_INVALID_ARGUMENT
 *
 * Since: 0.1
 */
MpArray *
mp_array_convert (MpArray  *array,
                  MpDType   dtype,
                  GError  **error)
{
  g_autofree guint8 *out = NULL;
  gconstpointer data;
  gsize n_bytes;

  g_return_val_if_fail (array != NULL, NULL);

  if (!dtype_is_valid (dtype))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "dtype: %d is not a valid MpDType", (int) dtype);
      return NULL;
    }

  if (dtype == array->dtype)
    return mp_array_ref (array);

  if (array->dtype == MP_DTYPE_COLUMNS)
    return _mp_array_columns_convert (array, dtype, error);

  if (dtype == MP_DTYPE_COLUMNS)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "dtype: make tables with mp_array_new_columns()");
      return NULL;
    }

  if (dtype == MP_DTYPE_STRING || array->dtype == MP_DTYPE_STRING)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "array: %s elements cannot be converted to %s",
                   dtype_info[array->dtype].name, dtype_info[dtype].name);
      return NULL;
    }

  /* Cannot overflow: the same element count was accepted with a dtype of
   * at least one byte and item sizes are at most eight. */
  if (!g_size_checked_mul (&n_bytes, array->n_elements, dtype_info[dtype].item_size))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "array: converted byte length overflows");
      return NULL;
    }

  data = g_bytes_get_data (array->bytes, NULL);
  out = g_malloc (MAX (n_bytes, 1));

  for (gsize i = 0; i < array->n_elements; i++)
    {
      gboolean from_integer = array->dtype != MP_DTYPE_FLOAT64 &&
                              array->dtype != MP_DTYPE_FLOAT32;
      gint64 exact = 0;

      if (array->dtype == MP_DTYPE_INT64)
        exact = ((const gint64 *) data)[i];
      else if (from_integer)
        exact = (gint64) element_as_double (array->dtype, data, i);

      if (!store_converted (dtype, out, i, element_as_double (array->dtype, data, i),
                            exact, from_integer, error))
        return NULL;
    }

  return mp_array_new_take (dtype, array->shape, array->n_dims, g_steal_pointer (&out));
}

/**
 * mp_array_equal:
 * @a: an #MpArray
 * @b: another #MpArray
 *
 * Compares two arrays bit for bit: same dtype, same shape, same bytes
 * (so a NaN equals a NaN with the same bits); str arrays are equal when
 * every element is.
 *
 * Returns: %TRUE if @a and @b are identical
 *
 * Since: 0.1
 */
gboolean
mp_array_equal (MpArray *a,
                MpArray *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->dtype != b->dtype || a->n_dims != b->n_dims)
    return FALSE;

  for (guint i = 0; i < a->n_dims; i++)
    if (a->shape[i] != b->shape[i])
      return FALSE;

  if (a->dtype == MP_DTYPE_COLUMNS)
    {
      if ((a->column_names == NULL) != (b->column_names == NULL) ||
          (a->column_names != NULL &&
           !g_strv_equal ((const char * const *) a->column_names, (const char * const *) b->column_names)))
        return FALSE;
      for (gsize j = 0; j < a->shape[1]; j++)
        if (!mp_array_equal (a->columns[j], b->columns[j]))
          return FALSE;
      return TRUE;
    }

  return g_bytes_equal (a->bytes, b->bytes);
}

/* Adopts @columns (@n_columns 1-D arrays of @n_rows elements, none a
 * table) and @names (%NULL or @n_columns strings) as a table. Callers
 * (mp-array-columns.c) have checked them. */
MpArray *
_mp_array_new_columns_take (gsize     n_rows,
                            gsize     n_columns,
                            MpArray **columns,
                            char    **names)
{
  gsize shape[2] = { n_rows, n_columns };
  MpArray *self = array_alloc (MP_DTYPE_COLUMNS, shape, 2, n_rows * n_columns, NULL);

  self->columns = columns;
  self->column_names = names;
  return self;
}

/* The columns of a table, owned by it. */
MpArray * const *
_mp_array_peek_columns (MpArray *array)
{
  g_assert (array->dtype == MP_DTYPE_COLUMNS);
  return array->columns;
}

/* The column names of a table, or %NULL. */
const char * const *
_mp_array_peek_column_names (MpArray *array)
{
  return (const char * const *) array->column_names;
}

/* Memory for @n elements of @size bytes that will become an array's
 * (mp_array_new_take() frees it with g_free(), which is free()). A large
 * result (a transform of 100,000 x 50) is aligned to 2 MiB and advised to
 * use transparent huge pages, as numpy allocates its large arrays: filled
 * once, a fresh 40 MB block otherwise takes a page fault every 4 KiB,
 * which was a third of a scaler's transform. */
gpointer
_mp_array_try_alloc_bytes (gsize n_bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (n_bytes >= 4 << 20)
    {
      void *block = NULL;

      if (posix_memalign (&block, 2 << 20, n_bytes) != 0)
        return NULL;
      /* Only advice: without transparent huge pages the kernel says no. */
      madvise (block, n_bytes, MADV_HUGEPAGE);
      return block;
    }
#endif
  return g_try_malloc (MAX (n_bytes, 1));
}

gpointer
_mp_array_alloc_elements (gsize n,
                          gsize size)
{
  gsize n_bytes;
  gpointer block;

  if (!g_size_checked_mul (&n_bytes, MAX (n, 1), size))
    g_error ("_mp_array_alloc_elements: %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT " bytes overflows", n, size);
  block = _mp_array_try_alloc_bytes (n_bytes);
  if (block == NULL)
    g_error ("_mp_array_alloc_elements: out of memory for %" G_GSIZE_FORMAT " bytes", n_bytes);
  return block;
}
