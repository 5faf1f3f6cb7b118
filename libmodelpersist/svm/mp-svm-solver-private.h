/* mp-svm-solver-private.h: the SMO solver of the C-SVC dual problem
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mp-svm-kernel-private.h"

G_BEGIN_DECLS

typedef struct
{
  double   obj;
  double   rho;
  gboolean timed_out;   /* stopped by max_iter */
  int      n_iter;
} MpSvmSolution;

/* Minimises 0.5 a'Qa + p'a subject to y'a = constant and
 * 0 <= a[i] <= upper[i], starting from the feasible @alpha, with
 * sequential minimal optimisation: the working pair is chosen by the
 * second-order rule of Fan, Chen and Lin (JMLR 6, 2005), variables stuck at
 * a bound are shrunk away, and the loop stops when the maximal violation
 * drops below @eps or after @max_iter iterations (-1: no limit).
 * @alpha receives the solution. */
void _mp_svm_solve (MpSvmQMatrix  *q,
                    int            l,
                    const double  *p,
                    const gint8   *y,
                    double        *alpha,
                    const double  *upper,
                    double         eps,
                    gboolean       shrinking,
                    int            max_iter,
                    gboolean       verbose,
                    MpSvmSolution *solution);

G_END_DECLS
