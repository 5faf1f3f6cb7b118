/* mp-random-forest-regressor.h: a random forest regressor
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
 * MP_TYPE_RANDOM_FOREST_REGRESSOR:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_RANDOM_FOREST_REGRESSOR (mp_random_forest_regressor_get_type ())

/**
 * MpRandomForestRegressor:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpRandomForestRegressor, mp_random_forest_regressor, MP, RANDOM_FOREST_REGRESSOR, MpEstimator)

/* A new MpRandomForestRegressor with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_random_forest_regressor_new (void);

G_END_DECLS
