/* mp-extra-trees-classifier.h: extremely randomised trees classifier
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
 * MP_TYPE_EXTRA_TREES_CLASSIFIER:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_EXTRA_TREES_CLASSIFIER (mp_extra_trees_classifier_get_type ())

/**
 * MpExtraTreesClassifier:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpExtraTreesClassifier, mp_extra_trees_classifier, MP, EXTRA_TREES_CLASSIFIER, MpEstimator)

/* A new MpExtraTreesClassifier with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_extra_trees_classifier_new (void);

G_END_DECLS
