/* mp-one-hot-encoder.h: encode categorical features as a one-hot numeric array
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
 * MP_TYPE_ONE_HOT_ENCODER:
 *
 * The #GType of #MpOneHotEncoder.
 */
#define MP_TYPE_ONE_HOT_ENCODER (mp_one_hot_encoder_get_type ())

/**
 * MpOneHotEncoder:
 *
 * A transformer that one-hot encodes categorical features; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpOneHotEncoder type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpOneHotEncoder, mp_one_hot_encoder, MP, ONE_HOT_ENCODER, MpEstimator)

/* A new MpOneHotEncoder with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_one_hot_encoder_new          (void);

G_END_DECLS
