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

/* The numbers of @x as float64, each finite, or NaN too when @flags
 * allows missing values. @where prefixes the messages ("X", "X: column
 * 'age'"); @cols is the row length for [i, j] positions (0: 1-D). */
static MpArray *
check_numbers (MpArray      *x,
               MpInputFlags  flags,
               const char   *where,
               gsize         cols,
               GError      **error)
{
  g_autoptr(MpArray) converted = NULL;
  g_autoptr(GError) local_error = NULL;
  const gdouble *data;
  gsize n;

  converted = mp_array_convert (x, MP_DTYPE_FLOAT64, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "%s: %s", where, local_error->message);
      return NULL;
    }

  data = mp_array_get_float64_data (converted);
  n = mp_array_get_n_elements (converted);
  for (gsize i = 0; i < n; i++)
    {
      if (isfinite (data[i]) || (isnan (data[i]) && (flags & MP_INPUT_FLAG_MISSING)))
        continue;
      if (cols > 0)
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                     "%s: element [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT "] is %s", where,
                     i / cols, i % cols, isnan (data[i]) ? "not finite" : "infinite");
      else
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                     "%s: element %" G_GSIZE_FORMAT " is %s", where, i,
                     isnan (data[i]) ? "not finite" : "infinite");
      return NULL;
    }

  return g_steal_pointer (&converted);
}

static gboolean
all_columns_are_strings (MpArray *table)
{
  for (gsize j = 0; j < mp_array_get_dim (table, 1); j++)
    {
      g_autoptr(MpArray) column = mp_array_get_column (table, j);

      if (mp_array_get_dtype (column) != MP_DTYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

MpArray *
_mp_check_samples (MpArray       *x,
                   MpInputFlags   flags,
                   const char    *taker,
                   const char    *name,
                   GError       **error)
{
  MpDType dtype = mp_array_get_dtype (x);

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

  /* What the estimator reads itself reaches it as given. */
  if ((dtype == MP_DTYPE_COLUMNS && (flags & MP_INPUT_FLAG_COLUMNS)) ||
      (dtype == MP_DTYPE_STRING && (flags & MP_INPUT_FLAG_STRINGS)))
    return mp_array_ref (x);

  if (dtype == MP_DTYPE_COLUMNS && (flags & MP_INPUT_FLAG_STRINGS) && all_columns_are_strings (x))
    {
      g_autoptr(GError) local_error = NULL;
      MpArray *strings = mp_array_convert (x, MP_DTYPE_STRING, &local_error);

      if (strings == NULL)
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
      return strings;
    }

  if (dtype == MP_DTYPE_STRING)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: holds text (str elements), but %s takes numbers; encode the text first "
                   "(OneHotEncoder, OrdinalEncoder)", name, taker != NULL ? taker : "this estimator");
      return NULL;
    }

  return check_numbers (x, flags, name, mp_array_get_dim (x, 1), error);
}

MpArray *
_mp_check_column (MpArray       *x,
                  gsize          column,
                  MpInputFlags   flags,
                  const char    *name,
                  GError       **error)
{
  g_autoptr(MpArray) values = mp_array_get_column (x, column);
  const char * const *names = mp_array_get_column_names (x);
  g_autofree char *where = names != NULL ? g_strdup_printf ("%s: column '%s'", name, names[column])
                                         : g_strdup_printf ("%s: column %" G_GSIZE_FORMAT, name, column);

  if (mp_array_get_dtype (values) == MP_DTYPE_STRING)
    {
      if (flags & MP_INPUT_FLAG_STRINGS)
        return g_steal_pointer (&values);
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: holds text (str elements), but numbers are expected", where);
      return NULL;
    }
  return check_numbers (values, flags, where, 0, error);
}

MpArray *
_mp_check_features (MpArray     *x,
                    const char  *name,
                    GError     **error)
{
  return _mp_check_samples (x, MP_INPUT_FLAG_NONE, NULL, name, error);
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

  if (mp_array_get_dtype (y) == MP_DTYPE_COLUMNS)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: a table; give the labels or targets as a 1-D array", name);
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

double *
_mp_regression_targets (MpEstimator  *estimator,
                        MpArray      *y,
                        GError      **error)
{
  double *out;
  gsize n;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: a regressor learns from targets; got none");
      return NULL;
    }
  if (mp_array_get_dtype (y) == MP_DTYPE_STRING)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: a regressor needs numbers, got strings");
      return NULL;
    }
  if (mp_array_get_n_dims (y) != 1)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "y: expected a 1-D array (n_samples,); a column (n_samples, 1) is "
                   "several targets to scikit-learn, which %s does not fit",
                   estimator != NULL ? mp_estimator_get_display_name (estimator) : "this regressor");
      return NULL;
    }
  n = mp_array_get_n_elements (y);
  out = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    out[i] = mp_array_get_double (y, i);
  return out;
}
