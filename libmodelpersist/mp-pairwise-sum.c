/* mp-pairwise-sum.c: numpy's sum of float64 values, bit for bit
 *
 * scikit-learn computes its means, variances and scores with numpy's sum,
 * and floating-point addition is not associative: to give scikit-learn's
 * results to the last bit, a sum must add the same values in the same
 * order. numpy 1.x sums a contiguous float64 array like this:
 *
 * - the reduction iterator hands the inner loop at most 8192 elements at a
 *   time (its buffer size, NPY_BUFSIZE) and adds each block's sum to the
 *   running total, which starts at 0.0 (the identity of add);
 * - within a block, pairwise_sum (numpy/core/src/umath/loops_utils.h.src)
 *   adds fewer than 8 values one by one from 0.0; up to 128 values
 *   (PW_BLOCKSIZE) in eight interleaved partial sums, combined as
 *   ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the remainder
 *   one by one; longer runs are split at half the length rounded down to a
 *   multiple of 8 and the two halves summed recursively.
 *
 * Strided or buffered arrays (a cast on the way) may be cut into other
 * blocks; callers pass contiguous float64 data.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-pairwise-sum-private.h"

/* numpy's NPY_BUFSIZE, in elements, and PW_BLOCKSIZE. */
#define REDUCE_BLOCK 8192
#define PAIRWISE_BLOCK 128

static double
pairwise_sum (const double *values,
              gsize         n)
{
  if (n < 8)
    {
      double sum = 0.0;

      for (gsize i = 0; i < n; i++)
        sum += values[i];
      return sum;
    }
  else if (n <= PAIRWISE_BLOCK)
    {
      double r[8];
      double sum;
      gsize i;

      for (guint j = 0; j < 8; j++)
        r[j] = values[j];
      for (i = 8; i < n - n % 8; i += 8)
        for (guint j = 0; j < 8; j++)
          r[j] += values[i + j];
      sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        sum += values[i];
      return sum;
    }
  else
    {
      gsize half = n / 2;

      half -= half % 8;
      return pairwise_sum (values, half) + pairwise_sum (values + half, n - half);
    }
}

double
_mp_pairwise_sum (const double *values,
                  gsize         n)
{
  double total = 0.0;

  for (gsize start = 0; start < n; start += REDUCE_BLOCK)
    total += pairwise_sum (values + start, MIN (REDUCE_BLOCK, n - start));
  return total;
}
