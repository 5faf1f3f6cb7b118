/* mp-array.h: immutable n-dimensional typed arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_ARRAY_MAX_DIMS:
 *
 * The largest number of dimensions an #MpArray may have.
 *
 * Since: 0.1
 */
#define MP_ARRAY_MAX_DIMS 8

/**
 * MpDType:
 * @MP_DTYPE_FLOAT64: IEEE 754 binary64 (`double`, numpy `float64`)
 * @MP_DTYPE_FLOAT32: IEEE 754 binary32 (`float`, numpy `float32`)
 * @MP_DTYPE_INT64: signed 64-bit integer (`gint64`, numpy `int64`)
 * @MP_DTYPE_INT32: signed 32-bit integer (`gint32`, numpy `int32`)
 * @MP_DTYPE_UINT8: unsigned 8-bit integer (`guint8`, numpy `uint8`)
 * @MP_DTYPE_BOOL: one byte holding 0 or 1 (numpy `bool`)
 * @MP_DTYPE_STRING: a UTF-8 string of any length without U+0000 (numpy
 *   `str`, `<U`), for class labels and categories. String arrays are made
 *   with mp_array_new_strings() and read with mp_array_get_string() and
 *   mp_array_dup_strings(); they have no fixed item size and no byte view
 *   (mp_array_get_bytes() refuses them)
 * @MP_DTYPE_COLUMNS: a table: a 2-D array whose columns are 1-D arrays,
 *   each of its own dtype, optionally named (a pandas `DataFrame` of
 *   mixed columns, such as ages and cities). Tables are made with
 *   mp_array_new_columns() and read with mp_array_get_column(),
 *   mp_array_get_column_names() and, element by element, with
 *   mp_array_get_double() or mp_array_get_string(); they have no byte
 *   view and are never saved (estimators take them as input). Since: 0.1
 *
 * The element types an #MpArray can hold. Elements are always in the host's
 * byte order in memory; the persistence format stores them little-endian.
 *
 * Since: 0.1
 */
typedef enum {
  MP_DTYPE_FLOAT64,
  MP_DTYPE_FLOAT32,
  MP_DTYPE_INT64,
  MP_DTYPE_INT32,
  MP_DTYPE_UINT8,
  MP_DTYPE_BOOL,
  MP_DTYPE_STRING,
  MP_DTYPE_COLUMNS,
} MpDType;

/**
 * MP_TYPE_ARRAY:
 *
 * The boxed #GType of #MpArray.
 */
#define MP_TYPE_ARRAY (mp_array_get_type ())

/**
 * MpArray:
 *
 * An opaque, reference-counted, immutable n-dimensional array.
 *
 * Since: 0.1
 */
typedef struct _MpArray MpArray;

/* The boxed type, reference counted. */
MP_AVAILABLE_IN_0_1
GType         mp_array_get_type             (void) G_GNUC_CONST;

/* Element types (dtypes): sizes and their names in files. */
MP_AVAILABLE_IN_0_1
gsize         mp_dtype_get_item_size        (MpDType         dtype);
MP_AVAILABLE_IN_0_1
const char   *mp_dtype_to_string            (MpDType         dtype);
MP_AVAILABLE_IN_0_1
gboolean      mp_dtype_from_string          (const char     *name,
                                             MpDType        *dtype);

/* Making arrays: from bytes or a copy of data, typed, strings, tables of columns. */
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_from_bytes       (MpDType         dtype,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GBytes         *bytes,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_from_data        (MpDType         dtype,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             gconstpointer   data,
                                             gsize           n_bytes,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_float64          (const gdouble  *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_float32          (const gfloat   *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_int64            (const gint64   *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_int32            (const gint32   *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_uint8            (const guint8   *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_bool             (const gboolean *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_strings          (const char * const *values,
                                             gsize           n_values,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_strings_from_bytes (GBytes       *text,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_columns          (MpArray       **columns,
                                             guint           n_columns,
                                             const char * const *names,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_get_column           (MpArray        *array,
                                             gsize           column);
MP_AVAILABLE_IN_0_1
const char * const *mp_array_get_column_names (MpArray      *array);
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_new_take             (MpDType         dtype,
                                             const gsize    *shape,
                                             guint           n_dims,
                                             gpointer        data);

/* Keeping and releasing a reference; an array never changes once made. */
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_ref                  (MpArray        *array);
MP_AVAILABLE_IN_0_1
void          mp_array_unref                (MpArray        *array);

/* Reading an array: dtype, shape, sizes, bytes and typed data, strings. */
MP_AVAILABLE_IN_0_1
MpDType       mp_array_get_dtype            (MpArray        *array);
MP_AVAILABLE_IN_0_1
guint         mp_array_get_n_dims           (MpArray        *array);
MP_AVAILABLE_IN_0_1
const gsize  *mp_array_get_shape            (MpArray        *array,
                                             guint          *n_dims);
MP_AVAILABLE_IN_0_1
gsize         mp_array_get_dim              (MpArray        *array,
                                             guint           axis);
MP_AVAILABLE_IN_0_1
gsize         mp_array_get_n_elements       (MpArray        *array);
MP_AVAILABLE_IN_0_1
gsize         mp_array_get_n_bytes          (MpArray        *array);
MP_AVAILABLE_IN_0_1
GBytes       *mp_array_get_bytes            (MpArray        *array);
MP_AVAILABLE_IN_0_1
gconstpointer mp_array_get_data             (MpArray        *array,
                                             gsize          *n_bytes);
MP_AVAILABLE_IN_0_1
const gdouble *mp_array_get_float64_data    (MpArray        *array);
MP_AVAILABLE_IN_0_1
const gint64 *mp_array_get_int64_data       (MpArray        *array);
MP_AVAILABLE_IN_0_1
const gint32 *mp_array_get_int32_data       (MpArray        *array);
MP_AVAILABLE_IN_0_1
const char   *mp_array_get_string           (MpArray        *array,
                                             gsize           index);
MP_AVAILABLE_IN_0_1
char        **mp_array_dup_strings          (MpArray        *array);

/* Converting to another dtype, comparing, reading one element as a double. */
MP_AVAILABLE_IN_0_1
MpArray      *mp_array_convert              (MpArray        *array,
                                             MpDType         dtype,
                                             GError        **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_array_equal                (MpArray        *a,
                                             MpArray        *b);
MP_AVAILABLE_IN_0_1
gdouble       mp_array_get_double           (MpArray        *array,
                                             gsize           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpArray, mp_array_unref)

G_END_DECLS
