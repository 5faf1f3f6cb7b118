/* mp-label-encoder.h: encode labels as integers 0 to n_classes - 1
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
 * MP_TYPE_LABEL_ENCODER:
 *
 * The #GType of #MpLabelEncoder.
 */
#define MP_TYPE_LABEL_ENCODER (mp_label_encoder_get_type ())

/**
 * MpLabelEncoder:
 *
 * A transformer that encodes labels as integers; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpLabelEncoder type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpLabelEncoder, mp_label_encoder, MP, LABEL_ENCODER, MpEstimator)

/* A new MpLabelEncoder with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_label_encoder_new          (void);

G_END_DECLS
