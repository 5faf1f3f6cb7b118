/* mp-pca.h: principal component analysis
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
 * MP_TYPE_PCA:
 *
 * The #GType of #MpPCA.
 */
#define MP_TYPE_PCA (mp_pca_get_type ())

/**
 * MpPCA:
 *
 * A transformer that projects samples onto their principal components;
 * it has no public fields.
 *
 * Since: 0.1
 */

/* The MpPCA type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpPCA, mp_pca, MP, PCA, MpEstimator)

/* A new MpPCA with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_pca_new          (void);

G_END_DECLS
