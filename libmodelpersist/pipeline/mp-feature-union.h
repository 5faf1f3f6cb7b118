/* mp-feature-union.h: transformers side by side
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"
#include "mp-estimator-list.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_FEATURE_UNION:
 *
 * The #GType of #MpFeatureUnion.
 */
#define MP_TYPE_FEATURE_UNION (mp_feature_union_get_type ())

/**
 * MpFeatureUnion:
 *
 * Transformers applied to the same input, their outputs side by side; it
 * has no public fields.
 *
 * Since: 0.1
 */

/* The MpFeatureUnion type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpFeatureUnion, mp_feature_union, MP, FEATURE_UNION, MpEstimator)

/* A new MpFeatureUnion of the given children; its other hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_feature_union_new (MpEstimatorList *transformer_list);

G_END_DECLS
