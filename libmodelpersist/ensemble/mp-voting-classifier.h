/* mp-voting-classifier.h: a classifier that lets other classifiers vote
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"
#include "mp-estimator-list.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_VOTING_CLASSIFIER:
 *
 * The #GType of #MpVotingClassifier.
 */
#define MP_TYPE_VOTING_CLASSIFIER (mp_voting_classifier_get_type ())

/**
 * MpVotingClassifier:
 *
 * A voting ensemble of classifiers; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpVotingClassifier type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpVotingClassifier, mp_voting_classifier, MP, VOTING_CLASSIFIER, MpEstimator)

/* A new MpVotingClassifier of the given children; its other hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_voting_classifier_new (MpEstimatorList *estimators);

G_END_DECLS
