/* mp-dataset.h: a labelled data set and the bundled classics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-array.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_DATASET:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_DATASET (mp_dataset_get_type ())

/**
 * MpDataset:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpDataset, mp_dataset, MP, DATASET, GObject)

/* A data set of your own. */
MP_AVAILABLE_IN_0_1
MpDataset          *mp_dataset_new                  (MpArray             *data,
                                                     MpArray             *target,
                                                     const char * const  *feature_names,
                                                     const char * const  *target_names,
                                                     const char          *description,
                                                     GError             **error);

/* Its parts; a data set never changes once made. */
MP_AVAILABLE_IN_0_1
MpArray            *mp_dataset_get_data             (MpDataset           *self);
MP_AVAILABLE_IN_0_1
MpArray            *mp_dataset_get_target           (MpDataset           *self);
MP_AVAILABLE_IN_0_1
const char * const *mp_dataset_get_feature_names    (MpDataset           *self);
MP_AVAILABLE_IN_0_1
const char * const *mp_dataset_get_target_names     (MpDataset           *self);
MP_AVAILABLE_IN_0_1
const char         *mp_dataset_get_description      (MpDataset           *self);

/* The classic data sets carried inside the library, as scikit-learn's load_* return them. */
MP_AVAILABLE_IN_0_1
MpDataset          *mp_load_iris                    (GError             **error);
MP_AVAILABLE_IN_0_1
MpDataset          *mp_load_wine                    (GError             **error);
MP_AVAILABLE_IN_0_1
MpDataset          *mp_load_breast_cancer           (GError             **error);
MP_AVAILABLE_IN_0_1
MpDataset          *mp_load_digits                  (GError             **error);

G_END_DECLS
