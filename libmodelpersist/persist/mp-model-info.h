/* mp-model-info.h: how a model was made, saved with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mp-array.h"
#include "mp-estimator.h"
#include "mp-splitter.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_MODEL_INFO:
 *
 * The #GType of #MpModelInfo.
 *
 * Since: 0.1
 */
#define MP_TYPE_MODEL_INFO (mp_model_info_get_type ())

/**
 * MpModelInfo:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpModelInfo, mp_model_info, MP, MODEL_INFO, GObject)

/* Empty metadata, or metadata from its JSON; and back to JSON. */
MP_AVAILABLE_IN_0_1
MpModelInfo        *mp_model_info_new                      (void);
MP_AVAILABLE_IN_0_1
MpModelInfo        *mp_model_info_new_from_json            (const char    *json,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
char               *mp_model_info_to_json                  (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_is_empty                 (MpModelInfo   *self);

/* Training data */
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_set_training_data        (MpModelInfo   *self,
                                                            MpArray       *x,
                                                            MpArray       *y,
                                                            const char    *snapshot_uri,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_has_training_data        (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_snapshot_uri         (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_x_checksum           (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
MpDType             mp_model_info_get_x_dtype              (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const gsize        *mp_model_info_get_x_shape              (MpModelInfo   *self,
                                                            guint         *n_dims);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_y_checksum           (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
MpDType             mp_model_info_get_y_dtype              (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const gsize        *mp_model_info_get_y_shape              (MpModelInfo   *self,
                                                            guint         *n_dims);
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_check_training_data      (MpModelInfo   *self,
                                                            MpArray       *x,
                                                            MpArray       *y,
                                                            GError       **error);

/* Source */
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_program              (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
void                mp_model_info_set_program              (MpModelInfo   *self,
                                                            const char    *program);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_vcs_revision         (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
void                mp_model_info_set_vcs_revision         (MpModelInfo   *self,
                                                            const char    *revision);
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_set_source_file          (MpModelInfo   *self,
                                                            GFile         *file,
                                                            gboolean       include_text,
                                                            GCancellable  *cancellable,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_set_source_text          (MpModelInfo   *self,
                                                            const char    *name,
                                                            const char    *text,
                                                            gboolean       include_text,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_source_name          (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_source_sha256        (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_source_text          (MpModelInfo   *self);

/* Versions (from the document's producer record) */
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_producer_field       (MpModelInfo   *self,
                                                            const char    *key);
MP_AVAILABLE_IN_0_1
char              **mp_model_info_list_producer_fields     (MpModelInfo   *self);

/* Cross-validation */
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_set_cross_validation     (MpModelInfo   *self,
                                                            MpSplitter    *cv,
                                                            const char    *scoring,
                                                            MpArray       *scores,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
MpArray            *mp_model_info_record_cross_validation  (MpModelInfo   *self,
                                                            MpEstimator   *estimator,
                                                            MpArray       *x,
                                                            MpArray       *y,
                                                            MpSplitter    *cv,
                                                            const char    *scoring,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
gboolean            mp_model_info_has_cross_validation     (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_scoring              (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
MpArray            *mp_model_info_get_cv_scores            (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
gdouble             mp_model_info_get_cv_mean              (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
gdouble             mp_model_info_get_cv_std               (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_splitter_type        (MpModelInfo   *self);
MP_AVAILABLE_IN_0_1
MpSplitter         *mp_model_info_create_splitter          (MpModelInfo   *self,
                                                            GError       **error);
MP_AVAILABLE_IN_0_1
char               *mp_model_info_dup_splitter_string      (MpModelInfo   *self);

/* Application annotations */
MP_AVAILABLE_IN_0_1
void                mp_model_info_set_annotation           (MpModelInfo   *self,
                                                            const char    *key,
                                                            const char    *value);
MP_AVAILABLE_IN_0_1
const char         *mp_model_info_get_annotation           (MpModelInfo   *self,
                                                            const char    *key);
MP_AVAILABLE_IN_0_1
char              **mp_model_info_list_annotations         (MpModelInfo   *self);

G_END_DECLS
