/* mp-array-private.h: str arrays for the library's own code
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"

G_BEGIN_DECLS

/* Adopts @buffer (every element followed by a NUL) and @starts (one offset
 * per element and the buffer's length) as a str array shaped @shape. The
 * caller has checked that every element is UTF-8 without NUL. */
MpArray    *_mp_array_new_strings_take (const gsize *shape,
                                        guint        n_dims,
                                        char        *buffer,
                                        gsize       *starts);

/* Element @index of a str array and its length in bytes, without strlen. */
const char *_mp_array_peek_string      (MpArray     *array,
                                        gsize        index,
                                        gsize       *length);

/* Byte-wise (code-point) order of two str elements, as memcmp. */
int         _mp_array_compare_strings  (MpArray     *a,
                                        gsize        i,
                                        MpArray     *b,
                                        gsize        j);

/* numpy's ==: numbers by value across dtypes, strings byte for byte, a
 * string never equal to a number. */
gboolean    _mp_array_elements_equal   (MpArray     *a,
                                        gsize        i,
                                        MpArray     *b,
                                        gsize        j);

/* A str array whose element k is element @indices[k] of the str @array,
 * shaped @shape (@n_indices elements). */
MpArray    *_mp_array_select_strings   (MpArray     *array,
                                        const gsize *indices,
                                        gsize        n_indices,
                                        const gsize *shape,
                                        guint        n_dims);

MpArray    *_mp_array_new_columns_take (gsize        n_rows,
                                        gsize        n_columns,
                                        MpArray    **columns,
                                        char       **names);

MpArray * const *_mp_array_peek_columns (MpArray *array);

const char * const *_mp_array_peek_column_names (MpArray *array);

MpArray    *_mp_array_columns_convert  (MpArray     *array,
                                        MpDType      dtype,
                                        GError     **error);

MpArray    *_mp_array_select_columns   (MpArray      *x,
                                        const gint64 *positions,
                                        gsize         n_positions);

MpArray    *_mp_array_hstack           (MpArray * const *parts,
                                        guint            n_parts,
                                        gsize            n_rows,
                                        GError         **error);

gpointer    _mp_array_alloc_elements   (gsize         n,
                                        gsize         size);
/* The same for @n_bytes, or NULL when the memory is not there (for what
 * a file asks for, which must not abort the process). */
gpointer    _mp_array_try_alloc_bytes  (gsize         n_bytes);

G_END_DECLS
