/* mp-ordinal-encoder.h: encode categorical features as integer codes
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
 * MP_TYPE_ORDINAL_ENCODER:
 *
 * The #GType of #MpOrdinalEncoder.
 */
#define MP_TYPE_ORDINAL_ENCODER (mp_ordinal_encoder_get_type ())

/**
 * MpOrdinalEncoder:
 *
 * A transformer that encodes categorical features as integers; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpOrdinalEncoder type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpOrdinalEncoder, mp_ordinal_encoder, MP, ORDINAL_ENCODER, MpEstimator)

/* A new MpOrdinalEncoder with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_ordinal_encoder_new          (void);

G_END_DECLS
