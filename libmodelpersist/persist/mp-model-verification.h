/* mp-model-verification.h: re-running a model's recorded cross-validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-array.h"
#include "mp-estimator.h"
#include "mp-model-info.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_MODEL_VERIFICATION:
 *
 * The #GType of #MpModelVerification.
 *
 * Since: 0.1
 */
#define MP_TYPE_MODEL_VERIFICATION (mp_model_verification_get_type ())

/**
 * MpModelVerification:
 *
 * An opaque instance; use the functions below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpModelVerification, mp_model_verification, MP, MODEL_VERIFICATION, GObject)

/* Re-running a model's recorded cross-validation and checking its training data. */
MP_AVAILABLE_IN_0_1
MpModelVerification *mp_model_verify                         (MpEstimator         *estimator,
                                                             MpModelInfo         *info,
                                                             MpArray             *x,
                                                             MpArray             *y,
                                                             gdouble              tolerance,
                                                             GError             **error);

/* The outcome: passed or not, data checked and matched, scores, differences, a summary. */
MP_AVAILABLE_IN_0_1
gboolean             mp_model_verification_get_passed        (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
gboolean             mp_model_verification_get_data_checked  (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
gboolean             mp_model_verification_get_data_matches  (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
const char * const  *mp_model_verification_get_data_mismatches (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
gboolean             mp_model_verification_get_scores_match  (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
MpArray             *mp_model_verification_get_scores        (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
MpArray             *mp_model_verification_get_recorded_scores (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
MpArray             *mp_model_verification_get_differences   (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
gdouble              mp_model_verification_get_max_difference (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
gdouble              mp_model_verification_get_tolerance     (MpModelVerification *self);
MP_AVAILABLE_IN_0_1
char                *mp_model_verification_to_string         (MpModelVerification *self);

G_END_DECLS
