/* mp-lbfgs-private.h: unconstrained minimisation by limited-memory BFGS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The objective: returns f(@x) and stores its gradient in @grad (both of
 * the problem's dimension). A non-finite value stops the minimisation. */
typedef double (*MpLbfgsObjective) (const double *x,
                                    double       *grad,
                                    gpointer      user_data);

/* The settings, as scipy's L-BFGS-B options of the same names. */
typedef struct {
  int     maxcor;    /* correction pairs kept (m); scipy's default 10 */
  int     maxiter;   /* iterations; the run stops once it has made this many */
  int     maxfun;    /* objective evaluations; scipy's default 15000 */
  int     maxls;     /* evaluations per line search; scipy's default 20 */
  double  gtol;      /* stop when max_i |grad_i| <= gtol */
  double  ftol;      /* stop when (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) <= ftol */
} MpLbfgsOptions;

/* scipy 1.10's defaults: maxcor 10, maxiter 15000, maxfun 15000, maxls 20,
 * gtol 1e-5, ftol 2.2204460492503131e-09 (factr 1e7 times epsilon). */
void  _mp_lbfgs_options_init (MpLbfgsOptions *options);

typedef enum {
  MP_LBFGS_CONVERGED_GRADIENT,   /* the gradient's max-norm reached gtol */
  MP_LBFGS_CONVERGED_FUNCTION,   /* the relative reduction of f reached ftol */
  MP_LBFGS_MAX_ITERATIONS,       /* maxiter iterations made */
  MP_LBFGS_MAX_EVALUATIONS,      /* more than maxfun evaluations */
  MP_LBFGS_LINE_SEARCH_FAILED,   /* no acceptable step even along -grad */
  MP_LBFGS_NOT_FINITE,           /* the objective returned NaN or infinity */
} MpLbfgsStatus;

typedef struct {
  MpLbfgsStatus  status;
  int            n_iter;    /* iterations, as scipy's OptimizeResult.nit */
  int            n_eval;    /* objective evaluations (nfev) */
  double         f;         /* the objective at the returned point */
} MpLbfgsResult;

/* Minimises @objective from @x (n values), which receives the last
 * accepted iterate. The directions are the L-BFGS two-loop recursion
 * (initial inverse Hessian s'y / y'y); the steps come from the line search
 * of Moré and Thuente (MINPACK-2's dcsrch: sufficient decrease 1e-3 and
 * curvature 0.9, the strong Wolfe conditions), first step 1 / |grad| and
 * then 1. Pairs with s'y <= eps * (-s'grad) are skipped; a failed line
 * search forgets the pairs and retries along -grad once. These are the
 * rules scipy's L-BFGS-B follows when no variable has a bound, so the
 * iterates follow the same path up to rounding. */
void  _mp_lbfgs_minimize     (MpLbfgsObjective      objective,
                              gpointer              user_data,
                              double               *x,
                              gsize                 n,
                              const MpLbfgsOptions *options,
                              MpLbfgsResult        *result);

/* A short English description of @status, for messages. */
const char *_mp_lbfgs_status_describe (MpLbfgsStatus status);

G_END_DECLS
