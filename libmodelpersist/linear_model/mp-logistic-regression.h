/* mp-logistic-regression.h: logistic regression (the lbfgs solver)
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
 * MpLogisticMultiClass:
 * @MP_LOGISTIC_MULTI_CLASS_AUTO: `'multinomial'` for more than two classes,
 *   `'ovr'` for two (scikit-learn's default, `'auto'`)
 * @MP_LOGISTIC_MULTI_CLASS_OVR: one binary problem per class, or one for
 *   two classes (`'ovr'`)
 * @MP_LOGISTIC_MULTI_CLASS_MULTINOMIAL: one softmax problem over all
 *   classes (`'multinomial'`)
 *
 * How an #MpLogisticRegression handles more than two classes. Its nicks
 * are the words #MpLogisticRegression:multi-class holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_LOGISTIC_MULTI_CLASS_AUTO,         /*< nick=auto >*/
  MP_LOGISTIC_MULTI_CLASS_OVR,          /*< nick=ovr >*/
  MP_LOGISTIC_MULTI_CLASS_MULTINOMIAL,  /*< nick=multinomial >*/
} MpLogisticMultiClass;

/**
 * MpLogisticPenalty:
 * @MP_LOGISTIC_PENALTY_L2: `||w||^2 / (2 C)`, scikit-learn's default
 *   (`'l2'`)
 * @MP_LOGISTIC_PENALTY_NONE: no penalty (scikit-learn's `None`, or its
 *   deprecated `'none'`)
 *
 * The penalty an #MpLogisticRegression adds to its loss. Its nicks are the
 * words #MpLogisticRegression:penalty holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_LOGISTIC_PENALTY_L2,    /*< nick=l2 >*/
  MP_LOGISTIC_PENALTY_NONE,  /*< nick=none >*/
} MpLogisticPenalty;

/**
 * MpLogisticSolver:
 * @MP_LOGISTIC_SOLVER_LBFGS: limited-memory BFGS, scikit-learn's default
 *   (`'lbfgs'`)
 *
 * The optimiser of an #MpLogisticRegression: `lbfgs` is the one
 * implemented. Its nicks are the words #MpLogisticRegression:solver holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_LOGISTIC_SOLVER_LBFGS,  /*< nick=lbfgs >*/
} MpLogisticSolver;

/**
 * MP_TYPE_LOGISTIC_REGRESSION:
 *
 * The #GType of #MpLogisticRegression.
 */
#define MP_TYPE_LOGISTIC_REGRESSION (mp_logistic_regression_get_type ())

/**
 * MpLogisticRegression:
 *
 * A logistic regression classifier; it has no public fields.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpLogisticRegression, mp_logistic_regression, MP, LOGISTIC_REGRESSION, MpEstimator)

/* A new MpLogisticRegression with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_logistic_regression_new (void);

G_END_DECLS
