/* mp-estimator-private.h: what the loader and model selection need of
 * MpEstimator beyond its public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-estimator.h"

G_BEGIN_DECLS

/* Marks an estimator as fitted (or not) without running fit; the loader
 * calls it after restoring fitted state and before validate. */
void _mp_estimator_set_fitted (MpEstimator *self,
                               gboolean     fitted);

/* Stores @array (a new reference, or NULL) in an estimator's array field
 * and notifies @pspec; does nothing when @array is already there. Returns
 * TRUE if the field changed. Every fitted-array property setter uses it. */
gboolean _mp_estimator_replace_array (MpEstimator  *self,
                                      MpArray     **slot,
                                      MpArray      *array,
                                      GParamSpec   *pspec);

G_END_DECLS
