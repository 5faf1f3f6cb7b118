/* mp-gradient-boosting-classifier.h: gradient-boosted regression trees for classification
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
 * MP_TYPE_GRADIENT_BOOSTING_CLASSIFIER:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_GRADIENT_BOOSTING_CLASSIFIER (mp_gradient_boosting_classifier_get_type ())

/**
 * MpGradientBoostingClassifier:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpGradientBoostingClassifier, mp_gradient_boosting_classifier, MP, GRADIENT_BOOSTING_CLASSIFIER, MpEstimator)

/* A new MpGradientBoostingClassifier with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_gradient_boosting_classifier_new (void);

G_END_DECLS
