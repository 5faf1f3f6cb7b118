/* mp-column-transformer.h: transformers applied to subsets of the columns
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
 * MP_TYPE_COLUMN_TRANSFORMER:
 *
 * The #GType of #MpColumnTransformer.
 */
#define MP_TYPE_COLUMN_TRANSFORMER (mp_column_transformer_get_type ())

/**
 * MpColumnTransformer:
 *
 * Transformers each applied to some columns of the input, their outputs
 * side by side; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpColumnTransformer type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpColumnTransformer, mp_column_transformer, MP, COLUMN_TRANSFORMER, MpEstimator)

/* A new MpColumnTransformer of the given children; its other hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_column_transformer_new (MpEstimatorList *transformers,
                                        const char      *columns);

G_END_DECLS
