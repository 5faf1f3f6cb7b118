/* mp-pipeline.h: steps applied one after another
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
 * MP_TYPE_PIPELINE:
 *
 * The #GType of #MpPipeline.
 */
#define MP_TYPE_PIPELINE (mp_pipeline_get_type ())

/**
 * MpPipeline:
 *
 * A chain of transformers ending in any estimator; it has no public
 * fields.
 *
 * Since: 0.1
 */

/* The MpPipeline type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpPipeline, mp_pipeline, MP, PIPELINE, MpEstimator)

/* A new MpPipeline of the given children; its other hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_pipeline_new (MpEstimatorList *steps);

G_END_DECLS
