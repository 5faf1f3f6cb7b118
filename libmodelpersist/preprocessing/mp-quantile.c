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

double
_mp_quantile_percentile (const double *sorted,
                         gsize         n,
                         double        percent)
{
  double q = percent / 100.0;
  double virtual_index = (double) (n - 1) * q;
  double below, gamma, a, b, diff;
  gsize i;

  g_return_val_if_fail (n >= 1, NAN);

  /* At or past the last index numpy takes the last value (its gamma is
   * then irrelevant: both neighbours are that value). */
  if (virtual_index >= (double) (n - 1))
    return sorted[n - 1];
  below = floor (virtual_index);
  i = (gsize) below;
  gamma = virtual_index - below;
  a = sorted[i];
  b = sorted[i + 1];
  /* numpy's _lerp(): from the lower value, or from the upper one when the
   * weight is at least a half, which keeps the result monotonic. */
  diff = b - a;
  if (gamma >= 0.5)
    return b - diff * (1 - gamma);
  return a + diff * gamma;
}

double
_mp_quantile_median (const double *sorted,
                     gsize         n)
{
  g_return_val_if_fail (n >= 1, NAN);

  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
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
