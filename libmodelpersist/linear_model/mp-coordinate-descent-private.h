/* mp-coordinate-descent-private.h: the elastic-net solver Lasso and
 * ElasticNet share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-estimator.h"

G_BEGIN_DECLS

typedef struct {
  double    alpha;
  double    l1_ratio;
  gboolean  fit_intercept;
  int       max_iter;
  double    tol;
  gboolean  positive;
} MpEnetParams;

/* Fits @estimator (whose table has "coef", "intercept", "n-iter" and
 * "dual-gap") as scikit-learn's ElasticNet.fit does for a dense X and one
 * target: centred on a Fortran-ordered copy, then cyclic coordinate
 * descent (enet_coordinate_descent in _cd_fast.pyx) with the penalties
 * scaled by n_samples, stopped by the duality gap. */
gboolean  _mp_enet_fit (MpEstimator         *estimator,
                        MpArray             *x,
                        MpArray             *y,
                        const MpEnetParams  *params,
                        GError             **error);

G_END_DECLS
