/* mp-random-forest-classifier.h: a random forest classifier
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
 * MP_TYPE_RANDOM_FOREST_CLASSIFIER:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_RANDOM_FOREST_CLASSIFIER (mp_random_forest_classifier_get_type ())

/**
 * MpRandomForestClassifier:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpRandomForestClassifier, mp_random_forest_classifier, MP, RANDOM_FOREST_CLASSIFIER, MpEstimator)

/* A new MpRandomForestClassifier with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_random_forest_classifier_new (void);

G_END_DECLS
