/* mp-ridge.h: least squares with an L2 penalty
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"

G_BEGIN_DECLS

/**
 * MpRidgeSolver:
 * @MP_RIDGE_SOLVER_AUTO: what scikit-learn's `'auto'` chooses for a dense
 *   X without positive coefficients: `'cholesky'` (`'auto'`, the default)
 * @MP_RIDGE_SOLVER_CHOLESKY: the normal equations (X^T X + alpha I) w =
 *   X^T y solved by a Cholesky factorisation, or their dual form when X
 *   has more features than samples; the SVD if the matrix is singular
 *   (`'cholesky'`)
 * @MP_RIDGE_SOLVER_SVD: the singular value decomposition of X
 *   (`'svd'`)
 *
 * How an #MpRidge solves for its coefficients. scikit-learn's iterative
 * solvers (`'lsqr'`, `'sparse_cg'`, `'sag'`, `'saga'`, `'lbfgs'`) are not
 * members: #MpRidge:solver keeps such a word as given, and fit and the
 * loader refuse it. Its nicks are the words #MpRidge:solver holds.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=mp_ridge_solver >*/ {
  MP_RIDGE_SOLVER_AUTO,      /*< nick=auto >*/
  MP_RIDGE_SOLVER_CHOLESKY,  /*< nick=cholesky >*/
  MP_RIDGE_SOLVER_SVD,       /*< nick=svd >*/
} MpRidgeSolver;

/**
 * MP_TYPE_RIDGE:
 *
 * The #GType of #MpRidge.
 */
#define MP_TYPE_RIDGE (mp_ridge_get_type ())

/**
 * MpRidge:
 *
 * A ridge regressor; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpRidge type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpRidge, mp_ridge, MP, RIDGE, MpEstimator)

/* A new MpRidge with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_ridge_new                    (void);

G_END_DECLS
