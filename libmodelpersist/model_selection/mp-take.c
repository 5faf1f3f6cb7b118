/* mp-take.c: selecting rows of an array by index
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-array-private.h"
#include "mp-take-private.h"

/* str elements have no fixed size: select them one by one. */
static MpArray *
take_string_rows (MpArray      *array,
                  const gint64 *indices,
                  gsize         n_indices,
                  const gsize  *shape,
                  guint         n_dims)
{
  gsize n_rows = mp_array_get_dim (array, 0);
  gsize row = n_rows > 0 ? mp_array_get_n_elements (array) / n_rows : 0;
  g_autofree gsize *elements = NULL;
  gsize n_elements;

  /* The result holds no more elements than n_indices rows of @array. */
  if (!g_size_checked_mul (&n_elements, n_indices, row))
    g_error ("_mp_array_take_rows: element count overflows");
  elements = g_new (gsize, MAX (n_elements, 1));
  for (gsize i = 0; i < n_indices; i++)
    {
      g_return_val_if_fail (indices[i] >= 0 && (guint64) indices[i] < n_rows, NULL);
      for (gsize k = 0; k < row; k++)
        elements[i * row + k] = (gsize) indices[i] * row + k;
    }

  return _mp_array_select_strings (array, elements, n_elements, shape, n_dims);
}

/* A table's rows: each column's. */
static MpArray *
take_table_rows (MpArray      *array,
                 const gint64 *indices,
                 gsize         n_indices)
{
  MpArray * const *columns = _mp_array_peek_columns (array);
  gsize n_cols = mp_array_get_dim (array, 1);
  MpArray **taken = g_new (MpArray *, n_cols);

  for (gsize j = 0; j < n_cols; j++)
    taken[j] = _mp_array_take_rows (columns[j], indices, n_indices);
  return _mp_array_new_columns_take (n_indices, n_cols, taken,
                                     g_strdupv ((char **) _mp_array_peek_column_names (array)));
}

MpArray *
_mp_array_take_rows (MpArray      *array,
                     const gint64 *indices,
                     gsize         n_indices)
{
  gsize shape[MP_ARRAY_MAX_DIMS];
  const gsize *old_shape;
  guint n_dims = 0;
  gsize row_bytes, n_rows;
  const guint8 *source;
  guint8 *rows;

  old_shape = mp_array_get_shape (array, &n_dims);
  g_return_val_if_fail (n_dims >= 1, NULL);

  n_rows = old_shape[0];
  row_bytes = mp_dtype_get_item_size (mp_array_get_dtype (array));
  for (guint d = 1; d < n_dims; d++)
    row_bytes *= old_shape[d];  /* 0 for str arrays, handled below */
  memcpy (shape, old_shape, n_dims * sizeof (gsize));
  shape[0] = n_indices;

  if (mp_array_get_dtype (array) == MP_DTYPE_COLUMNS)
    return take_table_rows (array, indices, n_indices);
  if (mp_array_get_dtype (array) == MP_DTYPE_STRING)
    return take_string_rows (array, indices, n_indices, shape, n_dims);

  source = mp_array_get_data (array, NULL);
  rows = g_malloc (MAX (n_indices * row_bytes, 1));
  for (gsize i = 0; i < n_indices; i++)
    {
      g_return_val_if_fail (indices[i] >= 0 && (guint64) indices[i] < n_rows,
                            (g_free (rows), NULL));
      memcpy (rows + i * row_bytes, source + (gsize) indices[i] * row_bytes, row_bytes);
    }

  return mp_array_new_take (mp_array_get_dtype (array), shape, n_dims, rows);
}

MpArray *
_mp_array_take (MpArray *array,
                MpArray *indices)
{
  return _mp_array_take_rows (array, mp_array_get_int64_data (indices),
                              mp_array_get_n_elements (indices));
}
