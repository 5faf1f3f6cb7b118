/* lbfgs.c: tests of the L-BFGS minimiser (mp-lbfgs.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>

#include <modelpersist.h>

#include "mp-lbfgs-private.h"

/* Rosenbrock's function in n dimensions, scipy.optimize.rosen. */
static double
rosenbrock (const double *x,
            double       *grad,
            gpointer      user_data)
{
  gsize n = GPOINTER_TO_SIZE (user_data);
  double f = 0;

  for (gsize i = 0; i < n; i++)
    grad[i] = 0;
  for (gsize i = 0; i + 1 < n; i++)
    {
      double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];

      f += 100 * a * a + b * b;
      grad[i] += -400 * x[i] * a - 2 * b;
      grad[i + 1] += 200 * a;
    }
  return f;
}

/* The path scipy 1.10's L-BFGS-B takes from scipy's standard starting
 * points with gtol=1e-8 (minimize(rosen, x0, jac=rosen_der,
 * method='L-BFGS-B', options={'gtol': 1e-8})): 36 iterations and 44
 * evaluations in 2 dimensions, 46 and 53 in 5, both stopped by the
 * relative reduction of f. The same rules take the same path. */
static void
test_rosenbrock (void)
{
  static const struct {
    gsize  n;
    double x0[5];
    int    n_iter, n_eval;
  } cases[] = {
    { 2, { -1.2, 1.0 }, 36, 44 },
    { 5, { -1.2, 1.0, -1.2, 1.0, 0.5 }, 46, 53 },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double x[5];
      MpLbfgsOptions options;
      MpLbfgsResult result;

      memcpy (x, cases[c].x0, sizeof x);
      _mp_lbfgs_options_init (&options);
      options.gtol = 1e-8;
      _mp_lbfgs_minimize (rosenbrock, GSIZE_TO_POINTER (cases[c].n), x, cases[c].n, &options, &result);
      g_assert_cmpint (result.status, ==, MP_LBFGS_CONVERGED_FUNCTION);
      g_assert_cmpint (result.n_iter, ==, cases[c].n_iter);
      g_assert_cmpint (result.n_eval, ==, cases[c].n_eval);
      for (gsize i = 0; i < cases[c].n; i++)
        g_assert_cmpfloat_with_epsilon (x[i], 1.0, 1e-5);
      g_assert_cmpfloat (result.f, <, 1e-10);
    }
}

/* 0.5 sum_i (i + 1) (x_i - i)^2: ill-conditioned but quadratic. */
static double
quadratic (const double *x,
           double       *grad,
           gpointer      user_data)
{
  gsize n = GPOINTER_TO_SIZE (user_data);
  double f = 0;

  for (gsize i = 0; i < n; i++)
    {
      double d = x[i] - (double) i;

      f += 0.5 * (double) (i + 1) * d * d;
      grad[i] = (double) (i + 1) * d;
    }
  return f;
}

static void
test_quadratic (void)
{
  double x[20] = { 0, };
  MpLbfgsOptions options;
  MpLbfgsResult result;

  _mp_lbfgs_options_init (&options);
  options.gtol = 1e-10;
  options.ftol = 0;
  _mp_lbfgs_minimize (quadratic, GSIZE_TO_POINTER (20), x, 20, &options, &result);
  g_assert_cmpint (result.status, ==, MP_LBFGS_CONVERGED_GRADIENT);
  for (gsize i = 0; i < 20; i++)
    g_assert_cmpfloat_with_epsilon (x[i], (double) i, 1e-10);
}

static void
test_limits (void)
{
  double x[2] = { -1.2, 1.0 };
  MpLbfgsOptions options;
  MpLbfgsResult result;

  /* the iteration limit */
  _mp_lbfgs_options_init (&options);
  options.maxiter = 3;
  _mp_lbfgs_minimize (rosenbrock, GSIZE_TO_POINTER (2), x, 2, &options, &result);
  g_assert_cmpint (result.status, ==, MP_LBFGS_MAX_ITERATIONS);
  g_assert_cmpint (result.n_iter, ==, 3);

  /* maxiter 0 still makes one iteration, as scipy's driver does */
  x[0] = -1.2;
  x[1] = 1.0;
  options.maxiter = 0;
  _mp_lbfgs_minimize (rosenbrock, GSIZE_TO_POINTER (2), x, 2, &options, &result);
  g_assert_cmpint (result.status, ==, MP_LBFGS_MAX_ITERATIONS);
  g_assert_cmpint (result.n_iter, ==, 1);
  g_assert_cmpfloat (x[0], !=, -1.2);

  /* a start at the minimum makes no iteration */
  x[0] = 1.0;
  x[1] = 1.0;
  _mp_lbfgs_options_init (&options);
  _mp_lbfgs_minimize (rosenbrock, GSIZE_TO_POINTER (2), x, 2, &options, &result);
  g_assert_cmpint (result.status, ==, MP_LBFGS_CONVERGED_GRADIENT);
  g_assert_cmpint (result.n_iter, ==, 0);
  g_assert_cmpint (result.n_eval, ==, 1);
  g_assert_cmpfloat (x[0], ==, 1.0);
}

/* A wrong gradient (the negated one) never gives a descent direction. */
static double
wrong_gradient (const double *x,
                double       *grad,
                gpointer      user_data)
{
  double f = quadratic (x, grad, user_data);

  grad[0] = -grad[0];
  grad[1] = -grad[1];
  return f;
}

/* Finite near the start, NaN beyond. */
static double
nan_beyond_one (const double *x,
                double       *grad,
                gpointer      user_data)
{
  grad[0] = -1;
  return fabs (x[0]) > 1 ? NAN : -x[0];
}

static void
test_failures (void)
{
  double x[2] = { 5.0, 5.0 };
  MpLbfgsOptions options;
  MpLbfgsResult result;

  _mp_lbfgs_options_init (&options);
  _mp_lbfgs_minimize (wrong_gradient, GSIZE_TO_POINTER (2), x, 2, &options, &result);
  g_assert_cmpint (result.status, ==, MP_LBFGS_LINE_SEARCH_FAILED);
  g_assert_cmpint (result.n_iter, ==, 0);
  g_assert_cmpfloat (x[0], ==, 5.0);
  g_assert_cmpfloat (x[1], ==, 5.0);

  /* the line search steps out of the domain: the last point is kept */
  x[0] = 0.5;
  _mp_lbfgs_minimize (nan_beyond_one, NULL, x, 1, &options, &result);
  g_assert_cmpint (result.status, ==, MP_LBFGS_NOT_FINITE);
  g_assert_true (isfinite (result.f));
  g_assert_cmpfloat (fabs (x[0]), <=, 1.0);
  g_assert_nonnull (_mp_lbfgs_status_describe (result.status));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lbfgs/rosenbrock", test_rosenbrock);
  g_test_add_func ("/lbfgs/quadratic", test_quadratic);
  g_test_add_func ("/lbfgs/limits", test_limits);
  g_test_add_func ("/lbfgs/failures", test_failures);

  return g_test_run ();
}
