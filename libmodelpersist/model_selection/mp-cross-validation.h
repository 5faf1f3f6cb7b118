/* mp-cross-validation.h: scoring an estimator on every fold
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"
#include "mp-splitter.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/* One score per train/test split: fit a clone on the train rows, score it on the test rows. */
MP_AVAILABLE_IN_0_1
MpArray *mp_cross_val_score (MpEstimator  *estimator,
                             MpArray      *x,
                             MpArray      *y,
                             MpSplitter   *cv,
                             const char   *scoring,
                             GError      **error);

G_END_DECLS
