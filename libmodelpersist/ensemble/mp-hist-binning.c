/* mp-hist-binning.c: the bin thresholds of histogram gradient boosting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-hist-private.h"

/* An ascending sort of doubles without NaN: quicksort with a three-way
 * partition (runs of equal values, common in binned or categorical-like
 * columns, are done at once) and insertion sort for short ranges; about
 * three times faster than qsort() with a comparison function. */
void
_mp_hgb_sort_doubles (double *v,
                      gsize   n)
{
  while (n > 16)
    {
      double a = v[0], b = v[n / 2], c = v[n - 1];
      double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      gsize lt = 0, i = 0, gt = n;

      /* v[0, lt) < pivot, v[lt, i) == pivot, v[gt, n) > pivot */
      while (i < gt)
        {
          double x = v[i];

          if (x < pivot)
            {
              v[i++] = v[lt];
              v[lt++] = x;
            }
          else if (x > pivot)
            {
              v[i] = v[--gt];
              v[gt] = x;
            }
          else
            i++;
        }
      /* recurse into the smaller side, loop on the larger */
      if (lt < n - gt)
        {
          _mp_hgb_sort_doubles (v, lt);
          v += gt;
          n -= gt;
        }
      else
        {
          _mp_hgb_sort_doubles (v + gt, n - gt);
          n = lt;
        }
    }
  for (gsize i = 1; i < n; i++)
    {
      double x = v[i];
      gsize j = i;

      for (; j > 0 && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

double
_mp_hgb_median (double *values,
                gsize   n)
{
  _mp_hgb_sort_doubles (values, n);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
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
  _mp_hgb_sort_doubles (values, n_valid);
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
