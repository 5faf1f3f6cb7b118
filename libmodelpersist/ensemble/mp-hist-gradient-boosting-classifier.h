/* mp-hist-gradient-boosting-classifier.h: histogram-based gradient boosting
 * classification
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
 * MP_TYPE_HIST_GRADIENT_BOOSTING_CLASSIFIER:
 *
 * The #GType of #MpHistGradientBoostingClassifier.
 */
#define MP_TYPE_HIST_GRADIENT_BOOSTING_CLASSIFIER (mp_hist_gradient_boosting_classifier_get_type ())

/**
 * MpHistGradientBoostingClassifier:
 *
 * Histogram-based gradient boosting classification; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpHistGradientBoostingClassifier type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpHistGradientBoostingClassifier, mp_hist_gradient_boosting_classifier,
                      MP, HIST_GRADIENT_BOOSTING_CLASSIFIER, MpEstimator)

/* A new MpHistGradientBoostingClassifier with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_hist_gradient_boosting_classifier_new (void);

G_END_DECLS
