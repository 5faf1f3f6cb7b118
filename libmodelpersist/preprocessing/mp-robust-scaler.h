/* mp-robust-scaler.h: centre on the median, scale by a quantile range
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
 * MP_TYPE_ROBUST_SCALER:
 *
 * The #GType of #MpRobustScaler.
 */
#define MP_TYPE_ROBUST_SCALER (mp_robust_scaler_get_type ())

/**
 * MpRobustScaler:
 *
 * A transformer that centres features on their median and scales them by
 * a quantile range; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpRobustScaler type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpRobustScaler, mp_robust_scaler, MP, ROBUST_SCALER, MpEstimator)

/* A new MpRobustScaler with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_robust_scaler_new          (void);

G_END_DECLS
