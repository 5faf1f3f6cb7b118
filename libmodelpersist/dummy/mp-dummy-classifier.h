/* mp-dummy-classifier.h: a baseline classifier that ignores the features
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
 * MpDummyStrategy:
 * @MP_DUMMY_STRATEGY_PRIOR: predict the most frequent class (scikit-learn's
 *   default, `'prior'`)
 * @MP_DUMMY_STRATEGY_MOST_FREQUENT: predict the most frequent class
 *   (`'most_frequent'`)
 *
 * How an #MpDummyClassifier predicts. Both strategies predict the same
 * labels; they differ only in mp_estimator_predict_proba(), as in
 * scikit-learn. Its nicks are the words #MpDummyClassifier:strategy holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_DUMMY_STRATEGY_PRIOR,          /*< nick=prior >*/
  MP_DUMMY_STRATEGY_MOST_FREQUENT,  /*< nick=most_frequent >*/
} MpDummyStrategy;

/**
 * MP_TYPE_DUMMY_CLASSIFIER:
 *
 * The #GType of #MpDummyClassifier.
 */
#define MP_TYPE_DUMMY_CLASSIFIER (mp_dummy_classifier_get_type ())

/**
 * MpDummyClassifier:
 *
 * A baseline classifier; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpDummyClassifier type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpDummyClassifier, mp_dummy_classifier, MP, DUMMY_CLASSIFIER, MpEstimator)

/* A new MpDummyClassifier with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_dummy_classifier_new          (void);
/* The enum form of the word-valued properties, for C. Hidden from the
 * introspection scanner, which pairs accessors with properties by name
 * alone and would give the string properties these enum accessors;
 * bindings set and read the words themselves. */
G_END_DECLS
