/* mp-elastic-net.h: least squares with L1 and L2 penalties
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
 * MpCoordinateSelection:
 * @MP_COORDINATE_SELECTION_CYCLIC: every coordinate in turn, in feature
 *   order (`'cyclic'`, scikit-learn's default)
 *
 * The order in which #MpLasso and #MpElasticNet update the coefficients.
 * scikit-learn's `'random'` draws them from its own generator, which is
 * not reproduced: it is not a member, and the estimators' selection
 * property keeps the word as given for fit and the loader to refuse. Its
 * nicks are the words #MpLasso:selection and #MpElasticNet:selection hold.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=mp_coordinate_selection >*/ {
  MP_COORDINATE_SELECTION_CYCLIC,  /*< nick=cyclic >*/
} MpCoordinateSelection;

/**
 * MP_TYPE_ELASTIC_NET:
 *
 * The #GType of #MpElasticNet.
 */
#define MP_TYPE_ELASTIC_NET (mp_elastic_net_get_type ())

/**
 * MpElasticNet:
 *
 * An elastic-net regressor; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpElasticNet type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpElasticNet, mp_elastic_net, MP, ELASTIC_NET, MpEstimator)

/* A new MpElasticNet with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_elastic_net_new (void);

G_END_DECLS
