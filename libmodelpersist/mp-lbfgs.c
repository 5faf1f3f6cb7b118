/* mp-lbfgs.c: unconstrained minimisation by limited-memory BFGS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "mp-lbfgs-private.h"

/* The line search's constants: L-BFGS-B's (lnsrlb) and MINPACK-2's
 * (dcsrch). */
#define LS_FTOL    1e-3    /* sufficient decrease */
#define LS_GTOL    0.9     /* curvature */
#define LS_XTOL    0.1     /* relative width of the bracket */
#define LS_STPMAX  1e10    /* the longest step of an unconstrained problem */
#define XTRAPL     1.1     /* extrapolation bounds before a bracket */
#define XTRAPU     4.0

void
_mp_lbfgs_options_init (MpLbfgsOptions *options)
{
  options->maxcor = 10;
  options->maxiter = 15000;
  options->maxfun = 15000;
  options->maxls = 20;
  options->gtol = 1e-5;
  options->ftol = 1e7 * DBL_EPSILON;
}

const char *
_mp_lbfgs_status_describe (MpLbfgsStatus status)
{
  switch (status)
    {
    case MP_LBFGS_CONVERGED_GRADIENT:
      return "the largest gradient component is below the tolerance";
    case MP_LBFGS_CONVERGED_FUNCTION:
      return "the relative reduction of the objective is below the tolerance";
    case MP_LBFGS_MAX_ITERATIONS:
      return "the iteration limit was reached";
    case MP_LBFGS_MAX_EVALUATIONS:
      return "the evaluation limit was reached";
    case MP_LBFGS_LINE_SEARCH_FAILED:
      return "the line search found no acceptable step";
    case MP_LBFGS_NOT_FINITE:
    default:
      return "the objective is not finite";
    }
}

/* ------------------------------------------------------------------ */
/* The line search of Moré and Thuente                                 */
/* ------------------------------------------------------------------ */

/* One search for a step along a descent direction, on phi(stp) = f(x +
 * stp d) with phi'(stp) = grad(x + stp d)'d. [stx, sty] brackets a step
 * satisfying the strong Wolfe conditions once `brackt` is set; stx is the
 * step with the least (modified, in stage 1) value so far. */
typedef struct {
  gboolean brackt;
  int      stage;
  double   finit, ginit, gtest;
  double   width, width1;
  double   stx, fx, gx;
  double   sty, fy, gy;
  double   stmin, stmax;
} LineSearch;

typedef enum {
  LINE_SEARCH_EVALUATE,   /* evaluate phi at the new step */
  LINE_SEARCH_DONE,       /* the step satisfies the conditions */
  LINE_SEARCH_STUCK,      /* no further progress is possible: keep the step */
} LineSearchState;

static void
line_search_start (LineSearch *ls,
                   double      f,
                   double      g,
                   double      stp)
{
  ls->brackt = FALSE;
  ls->stage = 1;
  ls->finit = f;
  ls->ginit = g;
  ls->gtest = LS_FTOL * g;
  ls->width = LS_STPMAX;
  ls->width1 = 2 * LS_STPMAX;
  ls->stx = 0;
  ls->fx = f;
  ls->gx = g;
  ls->sty = 0;
  ls->fy = f;
  ls->gy = g;
  ls->stmin = 0;
  ls->stmax = stp + XTRAPU * stp;
}

/* A safeguarded cubic or quadratic step (MINPACK-2's dcstep): updates the
 * interval [stx, sty] with the trial step stp, its value fp and derivative
 * dp, and returns the next trial step. */
static double
line_search_step (double   *stx,
                  double   *fx,
                  double   *dx,
                  double   *sty,
                  double   *fy,
                  double   *dy,
                  double    stp,
                  double    fp,
                  double    dp,
                  gboolean *brackt,
                  double    stpmin,
                  double    stpmax)
{
  double sgnd = dp * (*dx / fabs (*dx));
  double theta, s, gamma, p, q, r, stpc, stpq, stpf;

  if (fp > *fx)
    {
      /* a higher value: the minimum is bracketed */
      theta = 3 * (*fx - fp) / (stp - *stx) + *dx + dp;
      s = fmax (fabs (theta), fmax (fabs (*dx), fabs (dp)));
      gamma = s * sqrt ((theta / s) * (theta / s) - (*dx / s) * (dp / s));
      if (stp < *stx)
        gamma = -gamma;
      p = (gamma - *dx) + theta;
      q = ((gamma - *dx) + gamma) + dp;
      r = p / q;
      stpc = *stx + r * (stp - *stx);
      stpq = *stx + ((*dx / ((*fx - fp) / (stp - *stx) + *dx)) / 2) * (stp - *stx);
      if (fabs (stpc - *stx) < fabs (stpq - *stx))
        stpf = stpc;
      else
        stpf = stpc + (stpq - stpc) / 2;
      *brackt = TRUE;
    }
  else if (sgnd < 0)
    {
      /* derivatives of opposite signs: bracketed */
      theta = 3 * (*fx - fp) / (stp - *stx) + *dx + dp;
      s = fmax (fabs (theta), fmax (fabs (*dx), fabs (dp)));
      gamma = s * sqrt ((theta / s) * (theta / s) - (*dx / s) * (dp / s));
      if (stp > *stx)
        gamma = -gamma;
      p = (gamma - dp) + theta;
      q = ((gamma - dp) + gamma) + *dx;
      r = p / q;
      stpc = stp + r * (*stx - stp);
      stpq = stp + (dp / (dp - *dx)) * (*stx - stp);
      stpf = fabs (stpc - stp) > fabs (stpq - stp) ? stpc : stpq;
      *brackt = TRUE;
    }
  else if (fabs (dp) < fabs (*dx))
    {
      /* the derivative decreases in magnitude */
      theta = 3 * (*fx - fp) / (stp - *stx) + *dx + dp;
      s = fmax (fabs (theta), fmax (fabs (*dx), fabs (dp)));
      gamma = s * sqrt (fmax (0, (theta / s) * (theta / s) - (*dx / s) * (dp / s)));
      if (stp > *stx)
        gamma = -gamma;
      p = (gamma - dp) + theta;
      q = (gamma + (*dx - dp)) + gamma;
      r = p / q;
      if (r < 0 && gamma != 0)
        stpc = stp + r * (*stx - stp);
      else if (stp > *stx)
        stpc = stpmax;
      else
        stpc = stpmin;
      stpq = stp + (dp / (dp - *dx)) * (*stx - stp);
      if (*brackt)
        {
          stpf = fabs (stpc - stp) < fabs (stpq - stp) ? stpc : stpq;
          if (stp > *stx)
            stpf = fmin (stp + 0.66 * (*sty - stp), stpf);
          else
            stpf = fmax (stp + 0.66 * (*sty - stp), stpf);
        }
      else
        {
          stpf = fabs (stpc - stp) > fabs (stpq - stp) ? stpc : stpq;
          stpf = fmax (stpmin, fmin (stpmax, stpf));
        }
    }
  else
    {
      /* the derivative does not decrease in magnitude */
      if (*brackt)
        {
          theta = 3 * (fp - *fy) / (*sty - stp) + *dy + dp;
          s = fmax (fabs (theta), fmax (fabs (*dy), fabs (dp)));
          gamma = s * sqrt ((theta / s) * (theta / s) - (*dy / s) * (dp / s));
          if (stp > *sty)
            gamma = -gamma;
          p = (gamma - dp) + theta;
          q = ((gamma - dp) + gamma) + *dy;
          r = p / q;
          stpf = stp + r * (*sty - stp);
        }
      else
        stpf = stp > *stx ? stpmax : stpmin;
    }

  if (fp > *fx)
    {
      *sty = stp;
      *fy = fp;
      *dy = dp;
    }
  else
    {
      if (sgnd < 0)
        {
          *sty = *stx;
          *fy = *fx;
          *dy = *dx;
        }
      *stx = stp;
      *fx = fp;
      *dx = dp;
    }
  return stpf;
}

/* Given phi and phi' at *stp, says whether to stop or sets the next
 * trial step in *stp (MINPACK-2's dcsrch after its start). */
static LineSearchState
line_search_next (LineSearch *ls,
                  double      f,
                  double      g,
                  double     *stp)
{
  double ftest = ls->finit + *stp * ls->gtest;
  LineSearchState state = LINE_SEARCH_EVALUATE;

  if (ls->stage == 1 && f <= ftest && g >= 0)
    ls->stage = 2;

  if (ls->brackt && (*stp <= ls->stmin || *stp >= ls->stmax))
    state = LINE_SEARCH_STUCK;      /* rounding errors prevent progress */
  if (ls->brackt && ls->stmax - ls->stmin <= LS_XTOL * ls->stmax)
    state = LINE_SEARCH_STUCK;      /* the bracket is narrow enough */
  if (*stp == LS_STPMAX && f <= ftest && g <= ls->gtest)
    state = LINE_SEARCH_STUCK;      /* at the longest step */
  if (*stp == 0 && (f > ftest || g >= ls->gtest))
    state = LINE_SEARCH_STUCK;      /* at the shortest step */
  if (f <= ftest && fabs (g) <= LS_GTOL * (-ls->ginit))
    state = LINE_SEARCH_DONE;       /* the strong Wolfe conditions hold */
  if (state != LINE_SEARCH_EVALUATE)
    return state;

  if (ls->stage == 1 && f <= ls->fx && f > ftest)
    {
      /* a lower value without sufficient decrease: work on the modified
       * function psi(stp) = phi(stp) - phi(0) - gtest stp */
      double fm = f - *stp * ls->gtest;
      double fxm = ls->fx - ls->stx * ls->gtest;
      double fym = ls->fy - ls->sty * ls->gtest;
      double gm = g - ls->gtest;
      double gxm = ls->gx - ls->gtest;
      double gym = ls->gy - ls->gtest;

      *stp = line_search_step (&ls->stx, &fxm, &gxm, &ls->sty, &fym, &gym, *stp, fm, gm,
                               &ls->brackt, ls->stmin, ls->stmax);
      ls->fx = fxm + ls->stx * ls->gtest;
      ls->fy = fym + ls->sty * ls->gtest;
      ls->gx = gxm + ls->gtest;
      ls->gy = gym + ls->gtest;
    }
  else
    *stp = line_search_step (&ls->stx, &ls->fx, &ls->gx, &ls->sty, &ls->fy, &ls->gy, *stp, f, g,
                             &ls->brackt, ls->stmin, ls->stmax);

  /* force a sufficient decrease of the bracket's width */
  if (ls->brackt)
    {
      if (fabs (ls->sty - ls->stx) >= 0.66 * ls->width1)
        *stp = ls->stx + 0.5 * (ls->sty - ls->stx);
      ls->width1 = ls->width;
      ls->width = fabs (ls->sty - ls->stx);
      ls->stmin = fmin (ls->stx, ls->sty);
      ls->stmax = fmax (ls->stx, ls->sty);
    }
  else
    {
      ls->stmin = *stp + XTRAPL * (*stp - ls->stx);
      ls->stmax = *stp + XTRAPU * (*stp - ls->stx);
    }

  *stp = fmin (fmax (*stp, 0), LS_STPMAX);
  /* no further progress possible: the best step so far */
  if ((ls->brackt && (*stp <= ls->stmin || *stp >= ls->stmax)) ||
      (ls->brackt && ls->stmax - ls->stmin <= LS_XTOL * ls->stmax))
    *stp = ls->stx;
  return LINE_SEARCH_EVALUATE;
}

/* ------------------------------------------------------------------ */
/* L-BFGS                                                              */
/* ------------------------------------------------------------------ */

static double
max_norm (const double *v,
          gsize         n)
{
  double m = 0;

  for (gsize i = 0; i < n; i++)
    m = fmax (m, fabs (v[i]));
  return m;
}

/* The correction pairs, oldest first from @head in a ring of @maxcor. */
typedef struct {
  gsize   n;
  int     maxcor, count, head;
  double *s, *y, *rho, *alpha;
  double *scratch_s, *scratch_y;   /* a candidate pair */
  double  gamma;   /* the initial inverse Hessian's scale, s'y / y'y */
} Memory;

/* d = -H g by the two-loop recursion. */
static void
memory_direction (Memory       *mem,
                  const double *g,
                  double       *d)
{
  int n = (int) mem->n;

  memcpy (d, g, mem->n * sizeof (double));
  for (int k = mem->count - 1; k >= 0; k--)
    {
      int i = (mem->head + k) % mem->maxcor;
      const double *s = mem->s + (gsize) i * mem->n;
      const double *y = mem->y + (gsize) i * mem->n;

      mem->alpha[i] = mem->rho[i] * cblas_ddot (n, s, 1, d, 1);
      cblas_daxpy (n, -mem->alpha[i], y, 1, d, 1);
    }
  cblas_dscal (n, mem->gamma, d, 1);
  for (int k = 0; k < mem->count; k++)
    {
      int i = (mem->head + k) % mem->maxcor;
      const double *s = mem->s + (gsize) i * mem->n;
      const double *y = mem->y + (gsize) i * mem->n;
      double beta = mem->rho[i] * cblas_ddot (n, y, 1, d, 1);

      cblas_daxpy (n, mem->alpha[i] - beta, s, 1, d, 1);
    }
  cblas_dscal (n, -1.0, d, 1);
}

/* Adds the pair s = stp d, y = g - g_old, unless its curvature s'y is
 * not positive enough (L-BFGS-B's test: s'y <= eps (-s'g_old)). */
static void
memory_update (Memory       *mem,
               const double *d,
               double        stp,
               const double *g,
               const double *g_old,
               double        gd_old)
{
  int n = (int) mem->n;
  int slot;
  double *s, *y, sy, yy;

  if (mem->count < mem->maxcor)
    slot = (mem->head + mem->count) % mem->maxcor;
  else
    slot = mem->head;
  s = mem->s + (gsize) slot * mem->n;
  y = mem->y + (gsize) slot * mem->n;

  for (gsize i = 0; i < mem->n; i++)
    {
      mem->scratch_s[i] = stp * d[i];
      mem->scratch_y[i] = g[i] - g_old[i];
    }
  sy = cblas_ddot (n, mem->scratch_s, 1, mem->scratch_y, 1);
  yy = cblas_ddot (n, mem->scratch_y, 1, mem->scratch_y, 1);
  if (sy <= DBL_EPSILON * (-stp * gd_old))
    return;
  memcpy (s, mem->scratch_s, mem->n * sizeof (double));
  memcpy (y, mem->scratch_y, mem->n * sizeof (double));

  mem->rho[slot] = 1.0 / sy;
  mem->gamma = sy / yy;
  if (mem->count < mem->maxcor)
    mem->count++;
  else
    mem->head = (mem->head + 1) % mem->maxcor;
}

void
_mp_lbfgs_minimize (MpLbfgsObjective      objective,
                    gpointer              user_data,
                    double               *x,
                    gsize                 n,
                    const MpLbfgsOptions *options,
                    MpLbfgsResult        *result)
{
  Memory mem = { 0, };
  g_autofree double *g = g_new (double, MAX (n, 1));
  g_autofree double *d = g_new (double, MAX (n, 1));
  g_autofree double *x_old = g_new (double, MAX (n, 1));
  g_autofree double *g_old = g_new (double, MAX (n, 1));
  int n_iter = 0, n_eval = 0;
  double f, f_old;
  MpLbfgsStatus status;

  g_return_if_fail (options->maxcor > 0 && n <= G_MAXINT);

  mem.n = n;
  mem.maxcor = options->maxcor;
  mem.s = g_new (double, (gsize) options->maxcor * MAX (n, 1));
  mem.y = g_new (double, (gsize) options->maxcor * MAX (n, 1));
  mem.rho = g_new (double, options->maxcor);
  mem.alpha = g_new (double, options->maxcor);
  mem.scratch_s = g_new (double, MAX (n, 1));
  mem.scratch_y = g_new (double, MAX (n, 1));
  mem.gamma = 1.0;

  f = objective (x, g, user_data);
  n_eval++;
  if (!isfinite (f))
    {
      status = MP_LBFGS_NOT_FINITE;
      goto out;
    }
  if (max_norm (g, n) <= options->gtol)
    {
      status = MP_LBFGS_CONVERGED_GRADIENT;
      goto out;
    }

  for (;;)
    {
      LineSearch ls;
      LineSearchState state = LINE_SEARCH_EVALUATE;
      gboolean failed = FALSE;
      double gd, stp;
      int n_ls = 0;

      if (mem.count == 0)
        {
          for (gsize i = 0; i < n; i++)
            d[i] = -g[i];
        }
      else
        memory_direction (&mem, g, d);

      memcpy (x_old, x, n * sizeof (double));
      memcpy (g_old, g, n * sizeof (double));
      f_old = f;
      gd = cblas_ddot ((int) n, g, 1, d, 1);
      /* the first step has length 1, later ones are the quasi-Newton step */
      stp = n_iter == 0 ? fmin (1.0 / cblas_dnrm2 ((int) n, d, 1), LS_STPMAX) : 1.0;

      if (!(gd < 0))
        failed = TRUE;   /* not a descent direction */
      else
        {
          line_search_start (&ls, f, gd, stp);
          while (state == LINE_SEARCH_EVALUATE)
            {
              if (n_ls >= options->maxls)
                {
                  failed = TRUE;
                  break;
                }
              for (gsize i = 0; i < n; i++)
                x[i] = x_old[i] + stp * d[i];
              f = objective (x, g, user_data);
              n_eval++;
              n_ls++;
              if (!isfinite (f))
                {
                  memcpy (x, x_old, n * sizeof (double));
                  f = f_old;
                  status = MP_LBFGS_NOT_FINITE;
                  goto out;
                }
              state = line_search_next (&ls, f, cblas_ddot ((int) n, g, 1, d, 1), &stp);
            }
          /* line_search_next() only moves stp when it asks for another
           * evaluation: x, f and g are those of the accepted step */
        }

      if (failed)
        {
          memcpy (x, x_old, n * sizeof (double));
          memcpy (g, g_old, n * sizeof (double));
          f = f_old;
          if (mem.count == 0)
            {
              status = MP_LBFGS_LINE_SEARCH_FAILED;
              goto out;
            }
          /* forget the pairs and retry along -grad */
          mem.count = 0;
          mem.head = 0;
          mem.gamma = 1.0;
          continue;
        }

      n_iter++;
      if (n_iter >= options->maxiter)
        {
          status = MP_LBFGS_MAX_ITERATIONS;
          goto out;
        }
      if (n_eval > options->maxfun)
        {
          status = MP_LBFGS_MAX_EVALUATIONS;
          goto out;
        }
      if (max_norm (g, n) <= options->gtol)
        {
          status = MP_LBFGS_CONVERGED_GRADIENT;
          goto out;
        }
      if (f_old - f <= options->ftol * fmax (fmax (fabs (f_old), fabs (f)), 1.0))
        {
          status = MP_LBFGS_CONVERGED_FUNCTION;
          goto out;
        }

      memory_update (&mem, d, stp, g, g_old, gd);
    }

out:
  result->status = status;
  result->n_iter = n_iter;
  result->n_eval = n_eval;
  result->f = f;
  g_free (mem.s);
  g_free (mem.y);
  g_free (mem.rho);
  g_free (mem.alpha);
  g_free (mem.scratch_s);
  g_free (mem.scratch_y);
}
