/* mp-categories.c: the categories of each column, for the encoders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * OneHotEncoder and OrdinalEncoder learn the same thing (each column's
 * sorted distinct values) and look samples up in it the same way; this is
 * that code, once.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-categories-private.h"
#include "mp-error.h"
#include "mp-validation-private.h"

/* scikit-learn's categories='auto': the only one they take. */
const char * const _mp_categories_words[] = { "auto", NULL };

/* What messages call column @j of @x: by name where the table has names. */
static char *
column_label (MpArray *x,
              gsize    j)
{
  const char * const *names = mp_array_get_column_names (x);

  if (names != NULL)
    return g_strdup_printf ("X: column '%s'", names[j]);
  return g_strdup_printf ("X: column %" G_GSIZE_FORMAT, j);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Code-point order, as numpy sorts str: strcmp() compares the bytes as
 * unsigned char, and UTF-8 keeps code-point order byte for byte. */
static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Appends the distinct values of the str @column, sorted, to @out (borrowed
 * pointers into @column); returns how many. A column has many rows and few
 * categories: the distinct values are found with a hash set and only they
 * are sorted (sorting every row took most of fit's time). */
static gsize
unique_strings (MpArray   *column,
                GPtrArray *out)
{
  gsize n = mp_array_get_n_elements (column);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint first = out->len;

  for (gsize i = 0; i < n; i++)
    {
      const char *value = mp_array_get_string (column, i);

      if (g_hash_table_add (seen, (gpointer) value))
        g_ptr_array_add (out, (gpointer) value);
    }
  qsort (out->pdata + first, out->len - first, sizeof (gpointer), compare_strings);
  return out->len - first;
}

/* Appends the distinct values of the float64 @column, sorted, to @out;
 * returns how many. */
static gsize
unique_numbers (MpArray *column,
                GArray  *out)
{
  gsize n = mp_array_get_n_elements (column);
  g_autofree double *sorted = g_memdup2 (mp_array_get_float64_data (column), MAX (n, 1) * sizeof (double));
  gsize n_unique = 0;

  qsort (sorted, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    if (n_unique == 0 || sorted[n_unique - 1] != sorted[i])
      sorted[n_unique++] = sorted[i];
  g_array_append_vals (out, sorted, n_unique);
  return n_unique;
}

gboolean
_mp_categories_fit (MpArray   *x,
                    MpArray  **values,
                    MpArray  **counts,
                    GError   **error)
{
  gsize n_columns = mp_array_get_dim (x, 1);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gint64 *per_column = g_new (gint64, MAX (n_columns, 1));
  MpDType kind = MP_DTYPE_FLOAT64;

  for (gsize j = 0; j < n_columns; j++)
    {
      MpArray *column = _mp_check_column (x, j, MP_INPUT_FLAG_STRINGS, "X", error);
      MpDType dtype;

      if (column == NULL)
        return FALSE;
      g_ptr_array_add (columns, column);
      dtype = mp_array_get_dtype (column);
      if (j == 0)
        kind = dtype;
      else if (dtype != kind)
        {
          g_autofree char *label = column_label (x, j);

          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: holds %s, but the columns before it hold %s; an encoder takes "
                       "columns of one kind (encode text and numbers with separate encoders, "
                       "as a ColumnTransformer does)", label,
                       dtype == MP_DTYPE_STRING ? "text" : "numbers",
                       kind == MP_DTYPE_STRING ? "text" : "numbers");
          return FALSE;
        }

      if (kind == MP_DTYPE_STRING)
        per_column[j] = (gint64) unique_strings (column, texts);
      else
        per_column[j] = (gint64) unique_numbers (column, numbers);
    }

  if (kind == MP_DTYPE_STRING)
    {
      gsize n = texts->len;

      /* The elements came from valid str arrays. */
      *values = mp_array_new_strings ((const char * const *) texts->pdata, n, &n, 1, NULL);
      g_assert (*values != NULL);
    }
  else
    {
      gsize n = numbers->len;

      *values = mp_array_new_take (MP_DTYPE_FLOAT64, &n, 1, g_array_free (g_steal_pointer (&numbers), FALSE));
    }
  *counts = mp_array_new_take (MP_DTYPE_INT64, &n_columns, 1, g_steal_pointer (&per_column));
  return TRUE;
}

gboolean
_mp_categories_check (MpArray     *values,
                      MpArray     *counts,
                      const char  *field,
                      GError     **error)
{
  const gint64 *per_column = mp_array_get_int64_data (counts);
  gsize n_columns = mp_array_get_n_elements (counts);
  gboolean text = mp_array_get_dtype (values) == MP_DTYPE_STRING;
  gsize start = 0;

  for (gsize j = 0; j < n_columns; j++)
    {
      gsize end = start + (gsize) per_column[j];

      for (gsize k = start + 1; k < end; k++)
        {
          gboolean increasing = text ? _mp_array_compare_strings (values, k - 1, values, k) < 0
                                     : mp_array_get_double (values, k - 1) < mp_array_get_double (values, k);
          g_autofree char *shown = NULL;

          if (increasing)
            continue;
          shown = text ? g_strdup_printf ("'%s'", mp_array_get_string (values, k))
                       : g_strdup_printf ("%g", mp_array_get_double (values, k));
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "%s: category %" G_GSIZE_FORMAT " of column %" G_GSIZE_FORMAT " (element %"
                       G_GSIZE_FORMAT ", %s) is not greater than the one before; each column's "
                       "categories must be sorted and distinct",
                       field, k - start, j, k, shown);
          return FALSE;
        }
      start = end;
    }
  return TRUE;
}

/* The index of element @i of the str @column among @values[@lo, @hi), or
 * -1. */
static gint64
find_string (MpArray *values,
             gsize    lo,
             gsize    hi,
             MpArray *column,
             gsize    i)
{
  gsize start = lo;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = _mp_array_compare_strings (values, mid, column, i);

      if (c == 0)
        return (gint64) (mid - start);
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static gint64
find_number (const double *values,
             gsize         lo,
             gsize         hi,
             double        value)
{
  gsize start = lo;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (values[mid] == value)
        return (gint64) (mid - start);
      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

gint64 *
_mp_categories_encode (MpArray   *values,
                       MpArray   *counts,
                       MpArray   *x,
                       gboolean   allow_unknown,
                       GError   **error)
{
  const gint64 *per_column = mp_array_get_int64_data (counts);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_columns = mp_array_get_dim (x, 1);
  gboolean text = mp_array_get_dtype (values) == MP_DTYPE_STRING;
  g_autofree gint64 *codes = g_new (gint64, MAX (n_rows * n_columns, 1));
  gsize start = 0;

  for (gsize j = 0; j < n_columns; j++)
    {
      g_autoptr(MpArray) column = _mp_check_column (x, j, MP_INPUT_FLAG_STRINGS, "X", error);
      gsize end = start + (gsize) per_column[j];

      if (column == NULL)
        return NULL;
      if ((mp_array_get_dtype (column) == MP_DTYPE_STRING) != text)
        {
          g_autofree char *label = column_label (x, j);

          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: holds %s, but the encoder was fitted on %s", label,
                       text ? "numbers" : "text", text ? "text" : "numbers");
          return NULL;
        }

      for (gsize i = 0; i < n_rows; i++)
        {
          gint64 code = text ? find_string (values, start, end, column, i)
                             : find_number (mp_array_get_float64_data (values), start, end,
                                            mp_array_get_float64_data (column)[i]);

          if (code < 0 && !allow_unknown)
            {
              g_autofree char *label = column_label (x, j);

              if (text)
                g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                             "%s: found unknown category '%s' in row %" G_GSIZE_FORMAT
                             " (handle_unknown is 'error')", label, mp_array_get_string (column, i), i);
              else
                g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                             "%s: found unknown category %.17g in row %" G_GSIZE_FORMAT
                             " (handle_unknown is 'error')", label, mp_array_get_float64_data (column)[i], i);
              return NULL;
            }
          codes[i * n_columns + j] = code;
        }
      start = end;
    }
  return g_steal_pointer (&codes);
}
