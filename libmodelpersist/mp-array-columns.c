/* mp-array-columns.c: tables, 2-D arrays made of columns of their own dtypes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A model that takes ages, incomes and cities needs a table whose columns
 * differ in dtype, as a pandas DataFrame's do. A table is an #MpArray of
 * dtype %MP_DTYPE_COLUMNS, so that every entry point that takes samples
 * takes it too: estimators that read columns (encoders, column
 * transformers) declare so (%MP_INPUT_FLAG_COLUMNS); any other converts
 * it to numbers first, through mp_array_convert(), which names the column
 * that does not convert.
 */

#include "config.h"

#include <string.h>

#include "mp-array.h"
#include "mp-array-private.h"
#include "mp-error.h"

/**
 * mp_array_new_columns:
 * @columns: (array length=n_columns): the columns, 1-D arrays of one
 *   length, of any dtype but %MP_DTYPE_COLUMNS
 * @n_columns: the number of columns, at least one
 * @names: (array zero-terminated=1) (nullable): the column names, one per
 *   column, distinct and non-empty (a DataFrame's column labels), or
 *   %NULL for unnamed columns
 * @error: return location for a #GError
 *
 * Makes a table (%MP_DTYPE_COLUMNS) of shape (n_rows, @n_columns): element
 * [i, j] is element i of `columns[j]`. The columns are shared, not copied.
 * Named columns become the estimator's #MpEstimator:feature-names-in at
 * fit, are checked again at predict, and let a column transformer pick
 * columns by name.
 *
 * Returns: (transfer full): a new table, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT naming the column that is not 1-D, is a
 *   table, or differs in length, or the name that is missing, empty or
 *   repeated
 *
 * Since: 0.1
 */
MpArray *
mp_array_new_columns (MpArray            **columns,
                      guint                n_columns,
                      const char * const  *names,
                      GError             **error)
{
  g_autofree MpArray **owned = NULL;
  gsize n_rows;

  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_columns == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "columns: a table needs at least one column");
      return NULL;
    }

  for (guint j = 0; j < n_columns; j++)
    {
      if (columns[j] == NULL || mp_array_get_n_dims (columns[j]) != 1)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "columns[%u]: expected a 1-D array", j);
          return NULL;
        }
      if (mp_array_get_dtype (columns[j]) == MP_DTYPE_COLUMNS)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "columns[%u]: a table cannot be a column", j);
          return NULL;
        }
      if (mp_array_get_dim (columns[j], 0) != mp_array_get_dim (columns[0], 0))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "columns[%u]: %" G_GSIZE_FORMAT " rows, but columns[0] has %" G_GSIZE_FORMAT,
                       j, mp_array_get_dim (columns[j], 0), mp_array_get_dim (columns[0], 0));
          return NULL;
        }
    }
  n_rows = mp_array_get_dim (columns[0], 0);
  if (n_rows > G_MAXSIZE / n_columns)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "columns: the element count overflows");
      return NULL;
    }

  if (names != NULL)
    {
      guint n_names = g_strv_length ((char **) names);

      if (n_names != n_columns)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "names: %u given for %u columns", n_names, n_columns);
          return NULL;
        }
      for (guint j = 0; j < n_columns; j++)
        {
          if (*names[j] == '\0' || !g_utf8_validate (names[j], -1, NULL))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "names[%u]: a column name is a non-empty UTF-8 string", j);
              return NULL;
            }
          for (guint k = 0; k < j; k++)
            if (strcmp (names[k], names[j]) == 0)
              {
                g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                             "names[%u]: '%s' names columns %u and %u", j, names[j], k, j);
                return NULL;
              }
        }
    }

  owned = g_new (MpArray *, n_columns);
  for (guint j = 0; j < n_columns; j++)
    owned[j] = mp_array_ref (columns[j]);
  return _mp_array_new_columns_take (n_rows, n_columns, g_steal_pointer (&owned),
                                     g_strdupv ((char **) names));
}

/* Column @column of a 2-D array that is not a table, as a 1-D copy. */
static MpArray *
copy_column (MpArray *array,
             gsize    column)
{
  gsize n_rows = mp_array_get_dim (array, 0);
  gsize n_cols = mp_array_get_dim (array, 1);

  if (mp_array_get_dtype (array) == MP_DTYPE_STRING)
    {
      g_autofree gsize *indices = g_new (gsize, MAX (n_rows, 1));

      for (gsize i = 0; i < n_rows; i++)
        indices[i] = i * n_cols + column;
      return _mp_array_select_strings (array, indices, n_rows, &n_rows, 1);
    }
  else
    {
      MpDType dtype = mp_array_get_dtype (array);
      gsize item = mp_dtype_get_item_size (dtype);
      const guint8 *data = mp_array_get_data (array, NULL);
      guint8 *out = g_malloc (MAX (n_rows * item, 1));

      for (gsize i = 0; i < n_rows; i++)
        memcpy (out + i * item, data + (i * n_cols + column) * item, item);
      return mp_array_new_take (dtype, &n_rows, 1, out);
    }
}

/**
 * mp_array_get_column:
 * @array: a 2-D #MpArray: a table or a matrix
 * @column: a column index, below the array's second dimension
 *
 * Gives one column of a 2-D array: a table's own column (shared), or a
 * copy of a matrix's. Code that reads input column by column (encoders)
 * uses it to take tables and matrices alike. An array that is not 2-D or
 * a column out of range is a programming error (a critical warning,
 * %NULL).
 *
 * Returns: (transfer full) (nullable): a 1-D array of the column's
 *   elements, in row order
 *
 * Since: 0.1
 */
MpArray *
mp_array_get_column (MpArray *array,
                     gsize    column)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (mp_array_get_n_dims (array) == 2, NULL);
  g_return_val_if_fail (column < mp_array_get_dim (array, 1), NULL);

  if (mp_array_get_dtype (array) == MP_DTYPE_COLUMNS)
    return mp_array_ref (_mp_array_peek_columns (array)[column]);
  return copy_column (array, column);
}

/**
 * mp_array_get_column_names:
 * @array: an #MpArray
 *
 * Reads the column names of a table made with names.
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): the
 *   names, or %NULL for an array that is not a table or a table without
 *   names
 *
 * Since: 0.1
 */
const char * const *
mp_array_get_column_names (MpArray *array)
{
  g_return_val_if_fail (array != NULL, NULL);

  if (mp_array_get_dtype (array) != MP_DTYPE_COLUMNS)
    return NULL;
  return _mp_array_peek_column_names (array);
}

/* A table as one matrix of @dtype: every column converted (the error names
 * the first that does not), then interleaved row by row. */
MpArray *
_mp_array_columns_convert (MpArray  *array,
                           MpDType   dtype,
                           GError  **error)
{
  MpArray * const *columns = _mp_array_peek_columns (array);
  const char * const *names = _mp_array_peek_column_names (array);
  gsize n_rows = mp_array_get_dim (array, 0);
  gsize n_cols = mp_array_get_dim (array, 1);
  gsize shape[2] = { n_rows, n_cols };
  g_autoptr(GPtrArray) converted = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);

  for (gsize j = 0; j < n_cols; j++)
    {
      g_autoptr(GError) local_error = NULL;
      MpArray *column = mp_array_convert (columns[j], dtype, &local_error);

      if (column == NULL)
        {
          g_autofree char *label = names != NULL ? g_strdup_printf ("column '%s'", names[j])
                                                 : g_strdup_printf ("column %" G_GSIZE_FORMAT, j);

          if (mp_array_get_dtype (columns[j]) == MP_DTYPE_STRING || dtype == MP_DTYPE_STRING)
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "%s holds %s elements, which do not convert to %s",
                         label, mp_dtype_to_string (mp_array_get_dtype (columns[j])),
                         mp_dtype_to_string (dtype));
          else
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                         "%s: %s", label, local_error->message);
          return NULL;
        }
      g_ptr_array_add (converted, column);
    }

  if (dtype == MP_DTYPE_STRING)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new ();

      /* Element pointers, row by row, copied once by mp_array_new_strings(). */
      for (gsize i = 0; i < n_rows; i++)
        for (gsize j = 0; j < n_cols; j++)
          g_ptr_array_add (values, (gpointer) mp_array_get_string (converted->pdata[j], i));
      return mp_array_new_strings ((const char * const *) values->pdata, values->len, shape, 2, error);
    }
  else
    {
      gsize item = mp_dtype_get_item_size (dtype);
      gsize n_bytes;
      guint8 *out;

      if (!g_size_checked_mul (&n_bytes, n_rows * n_cols, item) || n_bytes > G_MAXSSIZE)
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                               "array: converted byte length overflows");
          return NULL;
        }
      out = g_malloc (MAX (n_bytes, 1));

      for (gsize j = 0; j < n_cols; j++)
        {
          const guint8 *data = mp_array_get_data (converted->pdata[j], NULL);

          for (gsize i = 0; i < n_rows; i++)
            memcpy (out + (i * n_cols + j) * item, data + i * item, item);
        }
      return mp_array_new_take (dtype, shape, 2, out);
    }
}

/* The columns @positions of the 2-D array @x, in that order: a table of
 * the same (shared) columns and their names, or a matrix of the same
 * dtype. */
MpArray *
_mp_array_select_columns (MpArray      *x,
                          const gint64 *positions,
                          gsize         n_positions)
{
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  MpDType dtype = mp_array_get_dtype (x);
  gsize shape[2] = { n_rows, n_positions };

  if (dtype == MP_DTYPE_COLUMNS)
    {
      const char * const *names = _mp_array_peek_column_names (x);
      MpArray **columns = g_new (MpArray *, MAX (n_positions, 1));
      char **picked = names != NULL ? g_new0 (char *, n_positions + 1) : NULL;

      for (gsize k = 0; k < n_positions; k++)
        {
          columns[k] = mp_array_ref (_mp_array_peek_columns (x)[positions[k]]);
          if (picked != NULL)
            picked[k] = g_strdup (names[positions[k]]);
        }
      return _mp_array_new_columns_take (n_rows, n_positions, columns, picked);
    }

  if (dtype == MP_DTYPE_STRING)
    {
      g_autofree gsize *indices = g_new (gsize, MAX (n_rows * n_positions, 1));

      for (gsize i = 0; i < n_rows; i++)
        for (gsize k = 0; k < n_positions; k++)
          indices[i * n_positions + k] = i * n_cols + (gsize) positions[k];
      return _mp_array_select_strings (x, indices, n_rows * n_positions, shape, 2);
    }
  else
    {
      gsize item = mp_dtype_get_item_size (dtype);
      const guint8 *data = mp_array_get_data (x, NULL);
      guint8 *out = _mp_array_alloc_elements (n_rows * n_positions, item);

      for (gsize i = 0; i < n_rows; i++)
        for (gsize k = 0; k < n_positions; k++)
          memcpy (out + (i * n_positions + k) * item, data + (i * n_cols + (gsize) positions[k]) * item, item);
      return mp_array_new_take (dtype, shape, 2, out);
    }
}

/* @parts (2-D arrays of @n_rows rows) side by side: one float64 matrix
 * when every part holds numbers, otherwise a table of all their columns
 * (text stays text). No parts, or parts of no columns, give an
 * (n_rows, 0) float64 matrix. */
MpArray *
_mp_array_hstack (MpArray * const *parts,
                  guint            n_parts,
                  gsize            n_rows,
                  GError         **error)
{
  gboolean numbers = TRUE;
  gsize n_cols = 0;

  for (guint p = 0; p < n_parts; p++)
    {
      MpDType dtype = mp_array_get_dtype (parts[p]);

      n_cols += mp_array_get_dim (parts[p], 1);
      if (dtype == MP_DTYPE_STRING)
        numbers = FALSE;
      else if (dtype == MP_DTYPE_COLUMNS)
        for (gsize j = 0; j < mp_array_get_dim (parts[p], 1); j++)
          if (mp_array_get_dtype (_mp_array_peek_columns (parts[p])[j]) == MP_DTYPE_STRING)
            numbers = FALSE;
    }

  if (numbers)
    {
      gsize shape[2] = { n_rows, n_cols };
      double *out = _mp_array_alloc_elements (n_rows * n_cols, sizeof (double));
      gsize at = 0;

      for (guint p = 0; p < n_parts; p++)
        {
          g_autoptr(MpArray) part = mp_array_convert (parts[p], MP_DTYPE_FLOAT64, error);
          gsize width = mp_array_get_dim (parts[p], 1);
          const double *data;

          if (part == NULL)
            {
              g_free (out);
              return NULL;
            }
          data = mp_array_get_float64_data (part);
          for (gsize i = 0; i < n_rows; i++)
            memcpy (out + i * n_cols + at, data + i * width, width * sizeof (double));
          at += width;
        }
      return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
    }
  else
    {
      MpArray **columns = g_new (MpArray *, n_cols);
      gsize at = 0;

      for (guint p = 0; p < n_parts; p++)
        for (gsize j = 0; j < mp_array_get_dim (parts[p], 1); j++)
          columns[at++] = mp_array_get_column (parts[p], j);
      return _mp_array_new_columns_take (n_rows, n_cols, columns, NULL);
    }
}
