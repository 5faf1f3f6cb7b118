/* mp-import-sparse.c: scipy's sparse matrices in pickled state, as the
 * dense arrays our estimators hold
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-import-mapping-private.h"
#include "mp-import-values-private.h"

/* An estimator fitted on a sparse matrix keeps some fitted arrays sparse
 * (SVC's support vectors, a sparsified LogisticRegression's coef_). The
 * model is the same; ours holds the arrays dense, so the generic pass
 * densifies any csr_matrix it meets where an array belongs. */

/* scipy's csr_matrix as pickled: a record with _shape (rows, columns),
 * data, indices and indptr. The dense array of the same values (scipy's
 * toarray() sums repeated entries, and so does this), within the
 * import's byte budget, every index checked. */
MpArray *
_mp_import_dense_from_csr (MpImportContext  *context,
                MpPickleValue    *value,
                const char       *field,
                GError          **error)
{
  MpPickleValue *state = value->object.state;
  MpPickleValue *shape = _mp_pickle_dict_lookup (state, "_shape");
  g_autoptr(MpArray) data = NULL;
  g_autoptr(MpArray) indices = NULL;
  g_autoptr(MpArray) indptr = NULL;
  const double *values;
  const gint64 *columns, *starts;
  gint64 rows, n_columns;
  guint64 n_bytes;
  gsize dims[2];
  double *dense;

  if (shape == NULL || shape->kind != MP_PICKLE_TUPLE || shape->items->len != 2 ||
      !_mp_import_value_get_int (g_ptr_array_index (shape->items, 0), &rows) ||
      !_mp_import_value_get_int (g_ptr_array_index (shape->items, 1), &n_columns) ||
      rows < 0 || n_columns < 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s: a sparse matrix without a (rows, columns) shape", field);
      return NULL;
    }
  if (!g_uint64_checked_mul (&n_bytes, (guint64) rows, (guint64) n_columns) ||
      !g_uint64_checked_mul (&n_bytes, n_bytes, sizeof (double)) || n_bytes > context->max_bytes)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "%s: a sparse matrix of %" G_GINT64_FORMAT " x %" G_GINT64_FORMAT " is larger "
                   "dense than the limit of %" G_GUINT64_FORMAT " bytes (max_total_bytes)", field,
                   rows, n_columns, context->max_bytes);
      return NULL;
    }
  {
    MpPickleValue *parts[3] = { _mp_pickle_dict_lookup (state, "data"),
                                _mp_pickle_dict_lookup (state, "indices"),
                                _mp_pickle_dict_lookup (state, "indptr") };

    if (parts[0] == NULL || parts[1] == NULL || parts[2] == NULL)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                     "%s: a sparse matrix without data, indices and indptr", field);
        return NULL;
      }
    data = _mp_import_value_to_array (parts[0], 1u << MP_DTYPE_FLOAT64, field, error);
    indices = data != NULL ? _mp_import_value_to_array (parts[1], 1u << MP_DTYPE_INT64, field,
                                                        error) : NULL;
    indptr = indices != NULL ? _mp_import_value_to_array (parts[2], 1u << MP_DTYPE_INT64, field,
                                                          error) : NULL;
    if (indptr == NULL)
      return NULL;
  }
  values = mp_array_get_data (data, NULL);
  columns = mp_array_get_data (indices, NULL);
  starts = mp_array_get_data (indptr, NULL);
  if (mp_array_get_n_elements (indptr) != (gsize) rows + 1 || starts[0] != 0 ||
      (guint64) starts[rows] != mp_array_get_n_elements (data) ||
      mp_array_get_n_elements (indices) != mp_array_get_n_elements (data))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "%s: a sparse matrix whose indptr, indices and data disagree", field);
      return NULL;
    }
  dense = g_new0 (double, MAX (n_bytes / sizeof (double), 1));
  for (gint64 i = 0; i < rows; i++)
    {
      if (starts[i + 1] < starts[i])
        {
          g_free (dense);
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "%s: a sparse matrix whose indptr decreases at row %" G_GINT64_FORMAT,
                       field, i);
          return NULL;
        }
      for (gint64 k = starts[i]; k < starts[i + 1]; k++)
        {
          if (columns[k] < 0 || columns[k] >= n_columns)
            {
              g_free (dense);
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                           "%s: a sparse matrix with column %" G_GINT64_FORMAT " outside [0, %"
                           G_GINT64_FORMAT ")", field, columns[k], n_columns);
              return NULL;
            }
          dense[i * n_columns + columns[k]] += values[k];
        }
    }
  dims[0] = (gsize) rows;
  dims[1] = (gsize) n_columns;
  return mp_array_new_take (MP_DTYPE_FLOAT64, dims, 2, dense);
}

gboolean
_mp_import_is_csr_matrix (MpPickleValue *value)
{
  return value->kind == MP_PICKLE_OBJECT && value->object.state != NULL &&
         value->object.state->kind == MP_PICKLE_DICT &&
         strcmp (value->object.cls->global.module, "scipy.sparse.csr") == 0 &&
         strcmp (value->object.cls->global.name, "csr_matrix") == 0;
}

