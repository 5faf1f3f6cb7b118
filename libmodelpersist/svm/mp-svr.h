/* mp-svr.h: epsilon-support vector regression
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
 * MP_TYPE_SVR:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_SVR (mp_svr_get_type ())

/**
 * MpSVR:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpSVR, mp_svr, MP, SVR, MpEstimator)

/* A new MpSVR with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_svr_new (void);

G_END_DECLS
