/* mp-quantile.c: medians and percentiles as numpy computes them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mp-quantile-private.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
_mp_quantile_sort (double *values,
                   gsize   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

/* Moves the k-th smallest of @values[0..n) to @values[k], the smaller ones
 * before it and the larger after it (C++'s nth_element), and returns it:
 * a quickselect on the median of three, falling back to sorting what is
 * left when a range shrinks too slowly (training data chosen to make the
 * selection quadratic then costs a sort). An order statistic is one
 * value, however it is found, so the quantiles equal numpy's (which
 * partitions too) bit for bit. */
static double
select_rank (double *values,
             gsize   n,
             gsize   k)
{
  gsize lo = 0, hi = n - 1;
  guint budget = 2 * g_bit_storage (n) + 8;

  while (hi > lo)
    {
      double pivot, t;
      gsize i, j, mid = lo + (hi - lo) / 2;

      if (budget-- == 0)
        {
          qsort (values + lo, hi - lo + 1, sizeof (double), compare_doubles);
          break;
        }
      /* median of three into values[mid] */
      if (values[mid] < values[lo]) { t = values[mid]; values[mid] = values[lo]; values[lo] = t; }
      if (values[hi] < values[lo]) { t = values[hi]; values[hi] = values[lo]; values[lo] = t; }
      if (values[hi] < values[mid]) { t = values[hi]; values[hi] = values[mid]; values[mid] = t; }
      pivot = values[mid];

      /* Hoare's partition: [lo, j] <= pivot <= [j + 1, hi] */
      i = lo;
      j = hi;
      for (;;)
        {
          while (values[i] < pivot)
            i++;
          while (pivot < values[j])
            j--;
          if (i >= j)
            break;
          t = values[i]; values[i] = values[j]; values[j] = t;
          i++;
          j--;
        }
      if (k <= j)
        hi = j;
      else
        lo = j + 1;
    }
  return values[k];
}

/* The smallest of @values[from..n), n > from. */
static double
minimum_from (const double *values,
              gsize         from,
              gsize         n)
{
  double m = values[from];

  for (gsize i = from + 1; i < n; i++)
    if (values[i] < m)
      m = values[i];
  return m;
}

double
_mp_quantile_percentile (double *values,
                         gsize   n,
                         double  percent)
{
  double q = percent / 100.0;
  double virtual_index = (double) (n - 1) * q;
  double below, gamma, a, b, diff;
  gsize i;

  g_return_val_if_fail (n >= 1, NAN);

  /* At or past the last index numpy takes the last value (its gamma is
   * then irrelevant: both neighbours are that value). */
  if (virtual_index >= (double) (n - 1))
    return select_rank (values, n, n - 1);
  below = floor (virtual_index);
  i = (gsize) below;
  gamma = virtual_index - below;
  a = select_rank (values, n, i);
  b = minimum_from (values, i + 1, n);
  /* numpy's _lerp(): from the lower value, or from the upper one when the
   * weight is at least a half, which keeps the result monotonic. */
  diff = b - a;
  if (gamma >= 0.5)
    return b - diff * (1 - gamma);
  return a + diff * gamma;
}

double
_mp_quantile_median (double *values,
                     gsize   n)
{
  double upper;

  g_return_val_if_fail (n >= 1, NAN);

  upper = select_rank (values, n, n / 2);
  if (n % 2 == 1)
    return upper;
  /* the largest of the lower half, which the selection put before it */
  {
    double lower = values[0];

    for (gsize i = 1; i < n / 2; i++)
      if (values[i] > lower)
        lower = values[i];
    return (lower + upper) / 2.0;
  }
}

/* The t >= 0 where the upper tail 0.5 erfc (t / sqrt 2) is @p <= 0.5: the
 * tail is convex and decreasing there, so Newton's method from t = 0
 * climbs to the root without overshooting it. In long double, so that the
 * rounding of t / sqrt 2 and of erfc stays below the double result's last
 * bit: the result is then the correctly rounded quantile wherever long
 * double is wider than double (x86 and s390x here; scipy's ndtri is within
 * an ulp of it). */
static double
upper_tail_inverse (double p)
{
  const long double sqrt2 = 1.414213562373095048801688724209698079L;
  const long double sqrt2pi = 2.506628274631000502415765284811045253L;
  long double t = 0;

  for (guint k = 0; k < 500; k++)
    {
      long double f = 0.5L * erfcl (t / sqrt2) - (long double) p;
      long double density = expl (-0.5L * t * t) / sqrt2pi;
      long double step = f / density;

      if (!(step > 0) || !isfinite (step))
        break;
      t += step;
      if (step <= 1e-21L * t)
        break;
    }
  return (double) t;
}

double
_mp_quantile_normal_ppf (double p)
{
  g_return_val_if_fail (p > 0 && p < 1, NAN);

  /* 1 - p is exact for p in [0.5, 1) */
  if (p < 0.5)
    return -upper_tail_inverse (p);
  return upper_tail_inverse (1 - p);
}
