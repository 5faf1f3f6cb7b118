/* mp-hist-binning.c: the bin thresholds of histogram gradient boosting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mp-hist-private.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* numpy's percentile(sorted, 100 q, method='midpoint') of @n sorted
 * values: the virtual index 0.5 (floor((n - 1) q) + ceil((n - 1) q)), and
 * between two values numpy's _lerp with weight 1/2. */
static double
percentile_midpoint (const double *sorted,
                     gsize         n,
                     double        q)
{
  double position = (double) (n - 1) * q;
  double index = 0.5 * (floor (position) + ceil (position));
  double previous = floor (index);
  gsize below, above;
  double a, b, diff;

  if (index >= (double) (n - 1))
    return sorted[n - 1];
  below = (gsize) previous;
  above = below + 1;
  a = sorted[below];
  b = sorted[above];
  if (fmod (index, 1.0) == 0)
    return a + (b - a) * 0.0;
  diff = b - a;
  return b - diff * (1 - 0.5);
}

guint
_mp_hgb_find_thresholds (double *values,
                         gsize   n,
                         guint   max_bins,
                         double *out)
{
  gsize n_valid = 0, n_distinct = 0;
  guint n_out = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      values[n_valid++] = values[i];
  if (n_valid == 0)
    return 0;
  qsort (values, n_valid, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n_valid; i++)
    if (i == 0 || values[i] != values[i - 1])
      n_distinct++;

  if (n_distinct <= max_bins)
    {
      double previous = values[0];

      for (gsize i = 1; i < n_valid; i++)
        if (values[i] != values[i - 1])
          {
            double midpoint = previous + values[i];

            out[n_out++] = midpoint * 0.5;
            previous = values[i];
          }
    }
  else
    {
      /* numpy's linspace(0, 100, max_bins + 1): i * (100 / max_bins) */
      double step = 100.0 / (double) max_bins;

      for (guint i = 1; i < max_bins; i++)
        {
          double q = ((double) i * step) / 100.0;

          out[n_out++] = percentile_midpoint (values, n_valid, q);
        }
    }
  for (guint i = 0; i < n_out; i++)
    if (out[i] > MP_HGB_ALMOST_INF)
      out[i] = MP_HGB_ALMOST_INF;
  return n_out;
}
