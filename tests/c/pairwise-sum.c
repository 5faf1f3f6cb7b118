/* pairwise-sum.c: tests of _mp_pairwise_sum against numpy's sums
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>

#include <modelpersist.h>

#include "mp-pairwise-sum-private.h"
#include "pairwise-sums.h"

/* The values of make-pairwise-sums.py: splitmix64 draws made into doubles
 * exactly, a 53-bit signed integer times a power of two. */
static guint64
splitmix64 (guint64 *state)
{
  guint64 z;

  *state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  z = *state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double *
make_values (guint64 seed,
             gsize   n)
{
  double *values = g_new (double, MAX (n, 1));
  guint64 state = seed;

  for (gsize i = 0; i < n; i++)
    {
      guint64 bits = splitmix64 (&state);
      gint64 mantissa = (gint64) (bits >> 11) - (G_GINT64_CONSTANT (1) << 52);
      int exponent = (int) ((bits & 0x3F) % 33) - 68;

      values[i] = ldexp ((double) mantissa, exponent);
    }
  return values;
}

/* Equal bits, so that 0.0 and -0.0 differ. */
static void
assert_same_bits (double actual,
                  double expected)
{
  if (memcmp (&actual, &expected, sizeof (double)) != 0)
    {
      g_test_message ("sum is %a, numpy's is %a", actual, expected);
      g_test_fail ();
    }
}

static void
test_numpy_sums (gconstpointer data)
{
  guint c = GPOINTER_TO_UINT (data);
  gsize n = numpy_sums[c].n;
  g_autofree double *values = make_values (numpy_sums[c].seed, n);
  double sequential = 0.0;

  assert_same_bits (_mp_pairwise_sum (values, n), numpy_sums[c].numpy_sum);

  /* The case can tell orders apart: adding one by one gives other bits
   * from 8 values on (make-pairwise-sums.py chose the seed for that). */
  for (gsize i = 0; i < n; i++)
    sequential += values[i];
  if (n >= 8)
    g_assert_true (sequential != numpy_sums[c].numpy_sum);
}

static void
test_signed_zero (void)
{
  const double zeros[] = { -0.0, -0.0, -0.0 };

  /* numpy starts from add's identity 0.0: sum([-0.0]) is 0.0. */
  assert_same_bits (_mp_pairwise_sum (zeros, 0), 0.0);
  assert_same_bits (_mp_pairwise_sum (zeros, 1), 0.0);
  assert_same_bits (_mp_pairwise_sum (zeros, 3), 0.0);
}

static void
test_non_finite (void)
{
  double values[300];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = 1.0;
  values[200] = INFINITY;
  g_assert_true (isinf (_mp_pairwise_sum (values, G_N_ELEMENTS (values))));
  values[10] = -INFINITY;
  g_assert_true (isnan (_mp_pairwise_sum (values, G_N_ELEMENTS (values))));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (numpy_sums); c++)
    {
      g_autofree char *path = g_strdup_printf ("/pairwise-sum/numpy/%" G_GSIZE_FORMAT,
                                               numpy_sums[c].n);

      g_test_add_data_func (path, GUINT_TO_POINTER (c), test_numpy_sums);
    }
  g_test_add_func ("/pairwise-sum/signed-zero", test_signed_zero);
  g_test_add_func ("/pairwise-sum/non-finite", test_non_finite);

  return g_test_run ();
}
