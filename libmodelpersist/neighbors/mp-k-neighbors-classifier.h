/* mp-k-neighbors-classifier.h: classification by a vote of the k nearest
 * training samples
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
 * MpKNeighborsWeights:
 * @MP_K_NEIGHBORS_WEIGHTS_UNIFORM: every neighbour has one vote
 *   (`'uniform'`, scikit-learn's default)
 * @MP_K_NEIGHBORS_WEIGHTS_DISTANCE: a neighbour's vote is the inverse of its
 *   distance; neighbours at distance zero, if any, take all the votes
 *   (`'distance'`)
 *
 * How the neighbours of a sample vote in an #MpKNeighborsClassifier. Its
 * nicks are the words #MpKNeighborsClassifier:weights holds.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=mp_k_neighbors_weights >*/ {
  MP_K_NEIGHBORS_WEIGHTS_UNIFORM,   /*< nick=uniform >*/
  MP_K_NEIGHBORS_WEIGHTS_DISTANCE,  /*< nick=distance >*/
} MpKNeighborsWeights;

/**
 * MpKNeighborsAlgorithm:
 * @MP_K_NEIGHBORS_ALGORITHM_BRUTE: compare every query with every training
 *   sample (`'brute'`)
 *
 * How an #MpKNeighborsClassifier searches for neighbours. Only brute force
 * exists so far; the value is a hyperparameter so that the string form of
 * an estimator names the search scikit-learn must use to give the same
 * neighbours, ties included. Its nicks are the words
 * #MpKNeighborsClassifier:algorithm holds.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=mp_k_neighbors_algorithm >*/ {
  MP_K_NEIGHBORS_ALGORITHM_BRUTE,  /*< nick=brute >*/
} MpKNeighborsAlgorithm;

/**
 * MP_TYPE_K_NEIGHBORS_CLASSIFIER:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_K_NEIGHBORS_CLASSIFIER (mp_k_neighbors_classifier_get_type ())

/**
 * MpKNeighborsClassifier:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpKNeighborsClassifier, mp_k_neighbors_classifier, MP, K_NEIGHBORS_CLASSIFIER, MpEstimator)

/* A new KNN classifier with scikit-learn's defaults (its hyperparameters are properties), and its own methods. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_k_neighbors_classifier_new           (void);
MP_AVAILABLE_IN_0_1
MpArray     *mp_k_neighbors_classifier_predict_proba (MpKNeighborsClassifier  *self,
                                                      MpArray                 *x,
                                                      GError                 **error);
MP_AVAILABLE_IN_0_1
gboolean     mp_k_neighbors_classifier_kneighbors    (MpKNeighborsClassifier  *self,
                                                      MpArray                 *x,
                                                      guint                    n_neighbors,
                                                      MpArray                **distances,
                                                      MpArray                **indices,
                                                      GError                 **error);

/* The enum form of the word-valued properties, for C. Hidden from the
 * introspection scanner, which pairs accessors with properties by name
 * alone and would give the string properties these enum accessors;
 * bindings set and read the words themselves. */
G_END_DECLS
