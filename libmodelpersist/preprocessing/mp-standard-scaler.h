/* mp-standard-scaler.h: centre each feature and scale it to unit variance
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
 * MP_TYPE_STANDARD_SCALER:
 *
 * The #GType of #MpStandardScaler.
 */
#define MP_TYPE_STANDARD_SCALER (mp_standard_scaler_get_type ())

/**
 * MpStandardScaler:
 *
 * A transformer that standardizes features; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpStandardScaler type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpStandardScaler, mp_standard_scaler, MP, STANDARD_SCALER, MpEstimator)

/* A new MpStandardScaler with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_standard_scaler_new          (void);

G_END_DECLS
