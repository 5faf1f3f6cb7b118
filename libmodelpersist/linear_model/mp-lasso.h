/* mp-lasso.h: least squares with an L1 penalty
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"
#include "mp-elastic-net.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_LASSO:
 *
 * The #GType of #MpLasso.
 */
#define MP_TYPE_LASSO (mp_lasso_get_type ())

/**
 * MpLasso:
 *
 * A lasso regressor; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpLasso type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpLasso, mp_lasso, MP, LASSO, MpEstimator)

/* A new MpLasso with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_lasso_new    (void);

G_END_DECLS
