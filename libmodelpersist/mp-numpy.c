/* mp-numpy.c: numpy's variance, so that a value scikit-learn derives
 * from a sum (SVC's gamma='scale' is 1 / (n_features * X.var())) is the
 * same double here
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-numpy-private.h"
#include "mp-pairwise-sum-private.h"

double
_mp_numpy_var (const double *x,
               gsize         n)
{
  g_autofree double *squares = g_new (double, n);
  double mean = _mp_pairwise_sum (x, n) / (double) n;

  for (gsize i = 0; i < n; i++)
    {
      double d = x[i] - mean;
      squares[i] = d * d;
    }
  return _mp_pairwise_sum (squares, n) / (double) n;
}
