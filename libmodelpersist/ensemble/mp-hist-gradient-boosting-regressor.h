/* mp-hist-gradient-boosting-regressor.h: histogram-based gradient boosting
 * regression
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
 * MP_TYPE_HIST_GRADIENT_BOOSTING_REGRESSOR:
 *
 * The #GType of #MpHistGradientBoostingRegressor.
 */
#define MP_TYPE_HIST_GRADIENT_BOOSTING_REGRESSOR (mp_hist_gradient_boosting_regressor_get_type ())

/**
 * MpHistGradientBoostingRegressor:
 *
 * Histogram-based gradient boosting regression; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpHistGradientBoostingRegressor type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpHistGradientBoostingRegressor, mp_hist_gradient_boosting_regressor,
                      MP, HIST_GRADIENT_BOOSTING_REGRESSOR, MpEstimator)

/* A new MpHistGradientBoostingRegressor with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_hist_gradient_boosting_regressor_new (void);

G_END_DECLS
