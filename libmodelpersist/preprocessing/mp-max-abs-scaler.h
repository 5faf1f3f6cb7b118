/* mp-max-abs-scaler.h: scale each feature by its largest absolute value
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
 * MP_TYPE_MAX_ABS_SCALER:
 *
 * The #GType of #MpMaxAbsScaler.
 */
#define MP_TYPE_MAX_ABS_SCALER (mp_max_abs_scaler_get_type ())

/**
 * MpMaxAbsScaler:
 *
 * A transformer that scales features into [-1, 1]; it has no public
 * fields.
 *
 * Since: 0.1
 */

/* The MpMaxAbsScaler type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpMaxAbsScaler, mp_max_abs_scaler, MP, MAX_ABS_SCALER, MpEstimator)

/* A new MpMaxAbsScaler with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_max_abs_scaler_new          (void);

G_END_DECLS
