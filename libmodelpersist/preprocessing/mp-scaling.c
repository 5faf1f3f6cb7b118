/* mp-scaling.c: the per-column arithmetic the scalers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-array-private.h"
#include "mp-error.h"
#include "mp-scaling-private.h"

/* Room for the result, the shape of @x. Each row is copied into it just
 * before the arithmetic on it, while it is in the cache: one pass over
 * memory, not a whole copy and then a second pass. */
static double *
result_for (MpArray *x,
            gsize   *n_rows,
            gsize   *n_cols)
{
  *n_rows = mp_array_get_dim (x, 0);
  *n_cols = mp_array_get_dim (x, 1);
  return _mp_array_alloc_elements (mp_array_get_n_elements (x), sizeof (double));
}

MpArray *
_mp_scaling_subtract_divide (MpArray      *x,
                             const double *offset,
                             const double *divisor)
{
  gsize shape[2];
  double *out = result_for (x, &shape[0], &shape[1]);
  const double *in = mp_array_get_float64_data (x);

  for (gsize i = 0; i < shape[0]; i++)
    {
      double *row = out + i * shape[1];

      memcpy (row, in + i * shape[1], shape[1] * sizeof (double));
      if (offset != NULL)
        for (gsize j = 0; j < shape[1]; j++)
          row[j] -= offset[j];
      if (divisor != NULL)
        for (gsize j = 0; j < shape[1]; j++)
          row[j] /= divisor[j];
    }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

MpArray *
_mp_scaling_multiply_add (MpArray      *x,
                          const double *factor,
                          const double *offset,
                          const double *clip)
{
  gsize shape[2];
  double *out = result_for (x, &shape[0], &shape[1]);
  const double *in = mp_array_get_float64_data (x);

  for (gsize i = 0; i < shape[0]; i++)
    {
      double *row = out + i * shape[1];

      memcpy (row, in + i * shape[1], shape[1] * sizeof (double));
      if (factor != NULL)
        for (gsize j = 0; j < shape[1]; j++)
          row[j] *= factor[j];
      if (offset != NULL)
        for (gsize j = 0; j < shape[1]; j++)
          row[j] += offset[j];
      if (clip != NULL)
        for (gsize j = 0; j < shape[1]; j++)
          row[j] = CLAMP (row[j], clip[0], clip[1]);
    }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

gboolean
_mp_scaling_check_width (MpEstimator  *self,
                         MpArray      *x,
                         GError      **error)
{
  guint n_features = mp_estimator_get_n_features_in (self);

  if (mp_array_get_dim (x, 1) != n_features)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: has %" G_GSIZE_FORMAT " features, but %s was fitted with %u",
                   mp_array_get_dim (x, 1), mp_estimator_get_display_name (self), n_features);
      return FALSE;
    }
  return TRUE;
}
