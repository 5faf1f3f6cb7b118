/* mp-extra-trees-regressor.h: extremely randomised trees regressor
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
 * MP_TYPE_EXTRA_TREES_REGRESSOR:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_EXTRA_TREES_REGRESSOR (mp_extra_trees_regressor_get_type ())

/**
 * MpExtraTreesRegressor:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpExtraTreesRegressor, mp_extra_trees_regressor, MP, EXTRA_TREES_REGRESSOR, MpEstimator)

/* A new MpExtraTreesRegressor with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_extra_trees_regressor_new (void);

G_END_DECLS
