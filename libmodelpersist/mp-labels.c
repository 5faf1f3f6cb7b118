/* mp-labels.c: class labels, encoded once for every classifier
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-error.h"
#include "mp-labels-private.h"

/* Every classifier turns its labels into class indices with
 * _mp_encode_labels() and back with _mp_decode_labels(), so classes_, what
 * predict returns and the column order of predict_proba agree for every
 * label dtype: scikit-learn's np.unique(y) and classes_.take(indices). */

static int
compare_doubles (const void *a,
                 const void *b)
{
  gdouble x = *(const gdouble *) a;
  gdouble y = *(const gdouble *) b;

  return (x > y) - (x < y);
}

static gsize
find_class (const gdouble *sorted,
            gsize          n,
            gdouble        value)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (sorted[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
too_many_classes (gsize    n_classes,
                  GError **error)
{
  if (n_classes <= G_MAXINT32)
    return FALSE;
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "y: too many distinct classes");
  return TRUE;
}

static gint
compare_string_elements (gconstpointer a,
                         gconstpointer b,
                         gpointer      array)
{
  gsize i = *(const gsize *) a, j = *(const gsize *) b;
  int c = _mp_array_compare_strings (array, i, array, j);

  /* Ties by position: the first sample of each class represents it. */
  return c != 0 ? c : (i > j) - (i < j);
}

/* Text labels: sort sample positions by their label, then number the
 * runs of equal labels. */
static gboolean
encode_strings (MpArray   *y,
                MpArray  **classes,
                gint32   **indices,
                GError   **error)
{
  gsize n = mp_array_get_n_elements (y);
  g_autofree gsize *order = g_new (gsize, MAX (n, 1));
  g_autofree gsize *firsts = g_new (gsize, MAX (n, 1));
  g_autofree gint32 *encoded = g_new (gint32, MAX (n, 1));
  gsize n_classes = 0;

  /* g_qsort_with_data() counts in gint. */
  if (n > G_MAXINT)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "y: too many samples");
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (gsize), compare_string_elements, y);

  for (gsize k = 0; k < n; k++)
    {
      if (n_classes == 0 || _mp_array_compare_strings (y, firsts[n_classes - 1], y, order[k]) != 0)
        firsts[n_classes++] = order[k];
      /* Checked before an index could wrap. */
      if (too_many_classes (n_classes, error))
        return FALSE;
      encoded[order[k]] = (gint32) (n_classes - 1);
    }

  *classes = _mp_array_select_strings (y, firsts, n_classes, &n_classes, 1);
  *indices = g_steal_pointer (&encoded);
  return TRUE;
}

gboolean
_mp_encode_labels (MpArray   *y,
                   MpArray  **classes,
                   gint32   **indices,
                   GError   **error)
{
  gsize n = mp_array_get_n_elements (y);
  g_autofree gdouble *sorted = NULL;
  g_autofree gint32 *encoded = NULL;
  MpDType dtype = mp_array_get_dtype (y);
  gsize n_classes = 0;

  if (dtype == MP_DTYPE_STRING)
    return encode_strings (y, classes, indices, error);

  sorted = g_new (gdouble, MAX (n, 1));
  encoded = g_new (gint32, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    sorted[i] = mp_array_get_double (y, i);
  qsort (sorted, n, sizeof (gdouble), compare_doubles);

  for (gsize i = 0; i < n; i++)
    if (n_classes == 0 || sorted[n_classes - 1] != sorted[i])
      sorted[n_classes++] = sorted[i];

  if (too_many_classes (n_classes, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    encoded[i] = (gint32) find_class (sorted, n_classes, mp_array_get_double (y, i));

  if (dtype == MP_DTYPE_INT64)
    {
      /* int64 labels beyond 2^53 would not survive the trip through double:
       * re-read them exactly. */
      const gint64 *raw = mp_array_get_int64_data (y);
      g_autofree gint64 *values = g_new (gint64, MAX (n_classes, 1));
      for (gsize i = 0; i < n; i++)
        values[encoded[i]] = raw[i];
      *classes = mp_array_new_take (MP_DTYPE_INT64, &n_classes, 1, g_steal_pointer (&values));
    }
  else if (dtype == MP_DTYPE_BOOL)
    {
      /* Booleans stay booleans, as np.unique keeps them. */
      guint8 *values = g_new (guint8, MAX (n_classes, 1));
      for (gsize i = 0; i < n_classes; i++)
        values[i] = sorted[i] != 0;
      *classes = mp_array_new_take (MP_DTYPE_BOOL, &n_classes, 1, values);
    }
  else if (dtype != MP_DTYPE_FLOAT64 && dtype != MP_DTYPE_FLOAT32)
    {
      gint64 *values = g_new (gint64, MAX (n_classes, 1));
      for (gsize i = 0; i < n_classes; i++)
        values[i] = (gint64) sorted[i];
      *classes = mp_array_new_take (MP_DTYPE_INT64, &n_classes, 1, values);
    }
  else
    {
      gdouble *values = g_new (gdouble, MAX (n_classes, 1));
      memcpy (values, sorted, n_classes * sizeof (gdouble));
      *classes = mp_array_new_take (MP_DTYPE_FLOAT64, &n_classes, 1, values);
    }

  *indices = g_steal_pointer (&encoded);
  return TRUE;
}

gint32 *
_mp_row_argmax (const double *scores,
                gsize         n_rows,
                gsize         n_classes)
{
  gint32 *best = g_new0 (gint32, MAX (n_rows, 1));

  for (gsize i = 0; i < n_rows; i++)
    for (gsize c = 1; c < n_classes; c++)
      if (scores[i * n_classes + c] > scores[i * n_classes + best[i]])
        best[i] = (gint32) c;
  return best;
}

MpArray *
_mp_decode_labels (MpArray      *classes,
                   const gint32 *indices,
                   gsize         n_samples)
{
  MpDType dtype = mp_array_get_dtype (classes);
  gsize n_classes = mp_array_get_n_elements (classes);
  gsize item;
  const guint8 *src;
  guint8 *out;

  if (dtype == MP_DTYPE_STRING)
    {
      g_autofree gsize *picked = g_new (gsize, MAX (n_samples, 1));

      for (gsize i = 0; i < n_samples; i++)
        {
          g_assert ((gsize) indices[i] < n_classes);
          picked[i] = (gsize) indices[i];
        }
      return _mp_array_select_strings (classes, picked, n_samples, &n_samples, 1);
    }

  item = mp_dtype_get_item_size (dtype);
  src = mp_array_get_data (classes, NULL);
  out = g_malloc (MAX (n_samples * item, 1));
  for (gsize i = 0; i < n_samples; i++)
    {
      g_assert ((gsize) indices[i] < n_classes);
      memcpy (out + i * item, src + (gsize) indices[i] * item, item);
    }

  return mp_array_new_take (dtype, &n_samples, 1, out);
}

gboolean
_mp_check_classes (MpArray  *classes,
                   gsize     min_classes,
                   GError  **error)
{
  MpDType dtype;
  gsize n_classes;

  if (classes == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE, "classes_: missing");
      return FALSE;
    }

  dtype = mp_array_get_dtype (classes);
  if (mp_array_get_n_dims (classes) != 1 ||
      (dtype != MP_DTYPE_INT64 && dtype != MP_DTYPE_FLOAT64 &&
       dtype != MP_DTYPE_BOOL && dtype != MP_DTYPE_STRING))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                           "classes_: must be a 1-D " MP_LABEL_DTYPES " array");
      return FALSE;
    }

  n_classes = mp_array_get_dim (classes, 0);
  if (n_classes < min_classes || n_classes > G_MAXINT32)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "classes_: holds %" G_GSIZE_FORMAT " classes, expected %" G_GSIZE_FORMAT " to %d",
                   n_classes, min_classes, G_MAXINT32);
      return FALSE;
    }

  return TRUE;
}
