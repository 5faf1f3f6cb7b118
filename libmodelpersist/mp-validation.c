/* mp-validation.c: input checks and label encoding shared by the estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-validation-private.h"

MpArray *
_mp_check_features (MpArray     *x,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(MpArray) converted = NULL;
  const gdouble *data;
  gsize n;

  if (mp_array_get_n_dims (x) != 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: expected a 2-D array (n_samples, n_features), got %u dimensions",
                   name, mp_array_get_n_dims (x));
      return NULL;
    }

  if (mp_array_get_dim (x, 0) == 0 || mp_array_get_dim (x, 1) == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: shape (%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") has no samples or no features",
                   name, mp_array_get_dim (x, 0), mp_array_get_dim (x, 1));
      return NULL;
    }

  converted = mp_array_convert (x, MP_DTYPE_FLOAT64, error);
  if (converted == NULL)
    return NULL;

  data = mp_array_get_float64_data (converted);
  n = mp_array_get_n_elements (converted);
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (data[i]))
        {
          gsize cols = mp_array_get_dim (x, 1);
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: element [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT "] is not finite",
                       name, i / cols, i % cols);
          return NULL;
        }
    }

  return g_steal_pointer (&converted);
}

gboolean
_mp_check_targets (MpArray     *y,
                   gsize        n_samples,
                   const char  *name,
                   GError     **error)
{
  guint n_dims = mp_array_get_n_dims (y);
  gsize n;

  if (n_dims != 1 && !(n_dims == 2 && mp_array_get_dim (y, 1) == 1))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: expected a 1-D array (n_samples,), got %u dimensions", name, n_dims);
      return FALSE;
    }

  if (mp_array_get_dim (y, 0) != n_samples)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: has %" G_GSIZE_FORMAT " values for %" G_GSIZE_FORMAT " samples",
                   name, mp_array_get_dim (y, 0), n_samples);
      return FALSE;
    }

  /* Labels as text have no value to be finite. */
  if (mp_array_get_dtype (y) == MP_DTYPE_STRING)
    return TRUE;

  n = mp_array_get_n_elements (y);
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (mp_array_get_double (y, i)))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: element %" G_GSIZE_FORMAT " is not finite", name, i);
          return FALSE;
        }
    }

  return TRUE;
}

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

gboolean
_mp_encode_labels (MpArray   *y,
                   MpArray  **classes,
                   gint32   **indices,
                   GError   **error)
{
  gsize n = mp_array_get_n_elements (y);
  g_autofree gdouble *sorted = g_new (gdouble, MAX (n, 1));
  g_autofree gint32 *encoded = g_new (gint32, MAX (n, 1));
  MpDType dtype = mp_array_get_dtype (y);
  gboolean integral = dtype != MP_DTYPE_FLOAT64 && dtype != MP_DTYPE_FLOAT32;
  gsize n_classes = 0;

  for (gsize i = 0; i < n; i++)
    sorted[i] = mp_array_get_double (y, i);
  qsort (sorted, n, sizeof (gdouble), compare_doubles);

  for (gsize i = 0; i < n; i++)
    if (n_classes == 0 || sorted[n_classes - 1] != sorted[i])
      sorted[n_classes++] = sorted[i];

  if (n_classes > G_MAXINT32)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: too many distinct classes");
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    encoded[i] = (gint32) find_class (sorted, n_classes, mp_array_get_double (y, i));

  if (integral && dtype == MP_DTYPE_INT64)
    {
      /* int64 labels beyond 2^53 would not survive the trip through double:
       * re-read them exactly. */
      const gint64 *raw = mp_array_get_int64_data (y);
      g_autofree gint64 *values = g_new (gint64, MAX (n_classes, 1));
      for (gsize i = 0; i < n; i++)
        values[encoded[i]] = raw[i];
      *classes = mp_array_new_take (MP_DTYPE_INT64, &n_classes, 1, g_steal_pointer (&values));
    }
  else if (integral)
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

MpArray *
_mp_decode_labels (MpArray      *classes,
                   const gint32 *indices,
                   gsize         n_samples)
{
  MpDType dtype = mp_array_get_dtype (classes);
  gsize item = mp_dtype_get_item_size (dtype);
  const guint8 *src = mp_array_get_data (classes, NULL);
  guint8 *out = g_malloc (MAX (n_samples * item, 1));

  for (gsize i = 0; i < n_samples; i++)
    {
      g_assert ((gsize) indices[i] < mp_array_get_n_elements (classes));
      memcpy (out + i * item, src + (gsize) indices[i] * item, item);
    }

  return mp_array_new_take (dtype, &n_samples, 1, out);
}

gboolean
_mp_check_state_array (MpArray     *array,
                       const char  *field,
                       MpDType      dtype,
                       guint        n_dims,
                       gsize        dim0,
                       gsize        dim1,
                       GError     **error)
{
  if (array == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE, "%s: missing", field);
      return FALSE;
    }

  if (mp_array_get_dtype (array) != dtype)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "%s: dtype is %s, expected %s", field,
                   mp_dtype_to_string (mp_array_get_dtype (array)), mp_dtype_to_string (dtype));
      return FALSE;
    }

  if (mp_array_get_n_dims (array) != n_dims)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "%s: has %u dimensions, expected %u", field,
                   mp_array_get_n_dims (array), n_dims);
      return FALSE;
    }

  if ((n_dims > 0 && dim0 != G_MAXSIZE && mp_array_get_dim (array, 0) != dim0) ||
      (n_dims > 1 && dim1 != G_MAXSIZE && mp_array_get_dim (array, 1) != dim1))
    {
      if (n_dims == 1)
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                     "%s: shape (%" G_GSIZE_FORMAT ",) does not match the rest of the fitted state",
                     field, mp_array_get_dim (array, 0));
      else
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                     "%s: shape (%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") does not match the rest of the fitted state",
                     field, mp_array_get_dim (array, 0), mp_array_get_dim (array, 1));
      return FALSE;
    }

  return TRUE;
}

gboolean
_mp_check_classes (MpArray     *classes,
                   gsize        min_classes,
                   GError     **error)
{
  gsize n_classes;

  if (classes == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE, "classes_: missing");
      return FALSE;
    }

  if (mp_array_get_n_dims (classes) != 1 ||
      (mp_array_get_dtype (classes) != MP_DTYPE_INT64 &&
       mp_array_get_dtype (classes) != MP_DTYPE_FLOAT64))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                           "classes_: must be a 1-D int64 or float64 array");
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

gboolean
_mp_labels_are_discrete (MpArray *y)
{
  gsize n = mp_array_get_n_elements (y);

  switch (mp_array_get_dtype (y))
    {
    case MP_DTYPE_FLOAT64:
    case MP_DTYPE_FLOAT32:
      for (gsize i = 0; i < n; i++)
        {
          gdouble value = mp_array_get_double (y, i);
          if (!isfinite (value) || value != floor (value))
            return FALSE;
        }
      return TRUE;

    default:
      return TRUE;
    }
}
