/* mp-min-max-scaler.h: scale each feature into a given range
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
 * MP_TYPE_MIN_MAX_SCALER:
 *
 * The #GType of #MpMinMaxScaler.
 */
#define MP_TYPE_MIN_MAX_SCALER (mp_min_max_scaler_get_type ())

/**
 * MpMinMaxScaler:
 *
 * A transformer that scales features into a range; it has no public
 * fields.
 *
 * Since: 0.1
 */

/* The MpMinMaxScaler type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpMinMaxScaler, mp_min_max_scaler, MP, MIN_MAX_SCALER, MpEstimator)

/* A new MpMinMaxScaler with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_min_max_scaler_new          (void);

G_END_DECLS
