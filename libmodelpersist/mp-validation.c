/* mp-validation.c: input checks shared by the estimators
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
