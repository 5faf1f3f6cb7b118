/* mp-svc.h: C-support vector classification
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
 * MpSVMKernel:
 * @MP_SVM_KERNEL_LINEAR: `<x, x'>` (`'linear'`)
 * @MP_SVM_KERNEL_POLY: `(gamma <x, x'> + coef0)^degree` (`'poly'`)
 * @MP_SVM_KERNEL_RBF: `exp(-gamma |x - x'|^2)`, scikit-learn's default
 *   (`'rbf'`)
 * @MP_SVM_KERNEL_SIGMOID: `tanh(gamma <x, x'> + coef0)` (`'sigmoid'`)
 *
 * The kernel of a support vector machine. Its nicks are the words
 * #MpSVC:kernel holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_SVM_KERNEL_LINEAR,   /*< nick=linear >*/
  MP_SVM_KERNEL_POLY,     /*< nick=poly >*/
  MP_SVM_KERNEL_RBF,      /*< nick=rbf >*/
  MP_SVM_KERNEL_SIGMOID,  /*< nick=sigmoid >*/
} MpSVMKernel;

/**
 * MpDecisionFunctionShape:
 * @MP_DECISION_FUNCTION_SHAPE_OVO: one column per pair of classes, as
 *   libsvm computes it (`'ovo'`)
 * @MP_DECISION_FUNCTION_SHAPE_OVR: one column per class, built from the
 *   pairwise votes and confidences (`'ovr'`, the default)
 *
 * The shape of mp_svc_decision_function()'s result for more than two
 * classes. Its nicks are the words #MpSVC:decision-function-shape holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_DECISION_FUNCTION_SHAPE_OVO,  /*< nick=ovo >*/
  MP_DECISION_FUNCTION_SHAPE_OVR,  /*< nick=ovr >*/
} MpDecisionFunctionShape;

/**
 * MP_TYPE_SVC:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_SVC (mp_svc_get_type ())

/**
 * MpSVC:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpSVC, mp_svc, MP, SVC, MpEstimator)

/* A new SVC with scikit-learn's defaults (its hyperparameters are properties), and its own methods. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_svc_new               (void);
MP_AVAILABLE_IN_0_1
MpArray     *mp_svc_decision_function (MpSVC    *self,
                                       MpArray  *x,
                                       GError  **error);
MP_AVAILABLE_IN_0_1
MpArray     *mp_svc_predict_proba     (MpSVC    *self,
                                       MpArray  *x,
                                       GError  **error);

/* The enum form of the word-valued properties, for C. Hidden from the
 * introspection scanner, which pairs accessors with properties by name
 * alone and would give the string properties these enum accessors;
 * bindings set and read the words themselves. */
G_END_DECLS
