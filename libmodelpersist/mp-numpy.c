/* mp-numpy.c: sums in numpy's order, so that a value scikit-learn derives
 * from a sum (SVC's gamma='scale' is 1 / (n_features * X.var())) is the
 * same double here
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-numpy-private.h"

static double
pairwise_sum (const double *a,
              gsize         n)
{
  if (n < 8)
    {
      double res = 0.;
      for (gsize i = 0; i < n; i++)
        res += a[i];
      return res;
    }
  else if (n <= 128)
    {
      double r[8], res;
      gsize i;

      for (int k = 0; k < 8; k++)
        r[k] = a[k];
      for (i = 8; i < n - (n % 8); i += 8)
        for (int k = 0; k < 8; k++)
          r[k] += a[i + k];
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        res += a[i];
      return res;
    }
  else
    {
      gsize n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise_sum (a, n2) + pairwise_sum (a + n2, n - n2);
    }
}

double
_mp_numpy_add_reduce (const double *a,
                      gsize         n)
{
  double sum = 0.0;

  for (gsize start = 0; start < n; start += 8192)
    sum += pairwise_sum (a + start, MIN (8192, n - start));
  return sum;
}

double
_mp_numpy_var (const double *x,
               gsize         n)
{
  g_autofree double *squares = g_new (double, n);
  double mean = _mp_numpy_add_reduce (x, n) / (double) n;

  for (gsize i = 0; i < n; i++)
    {
      double d = x[i] - mean;
      squares[i] = d * d;
    }
  return _mp_numpy_add_reduce (squares, n) / (double) n;
}
