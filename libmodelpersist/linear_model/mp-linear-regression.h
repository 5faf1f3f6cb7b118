/* mp-linear-regression.h: ordinary least squares
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
 * MP_TYPE_LINEAR_REGRESSION:
 *
 * The #GType of #MpLinearRegression.
 */
#define MP_TYPE_LINEAR_REGRESSION (mp_linear_regression_get_type ())

/**
 * MpLinearRegression:
 *
 * A least-squares linear regressor; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpLinearRegression type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpLinearRegression, mp_linear_regression, MP, LINEAR_REGRESSION, MpEstimator)

/* A new MpLinearRegression with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_linear_regression_new        (void);

G_END_DECLS
