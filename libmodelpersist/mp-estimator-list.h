/* mp-estimator-list.h: an ordered, optionally named list of child
 * estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-estimator.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_ESTIMATOR_LIST:
 *
 * The #GType of #MpEstimatorList.
 */
#define MP_TYPE_ESTIMATOR_LIST (mp_estimator_list_get_type ())

/**
 * MpEstimatorList:
 *
 * An ordered list of child estimators, optionally named; it has no public
 * fields.
 *
 * Since: 0.1
 */

/* The list of named child estimators that pipelines, unions and ensembles hold. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpEstimatorList, mp_estimator_list, MP, ESTIMATOR_LIST, GObject)

/* Making, filling, reading, copying and replacing the entries of a list. */
MP_AVAILABLE_IN_0_1
MpEstimatorList *mp_estimator_list_new           (void);
MP_AVAILABLE_IN_0_1
gboolean         mp_estimator_list_append        (MpEstimatorList  *self,
                                                  const char       *name,
                                                  MpEstimator      *estimator,
                                                  GError          **error);
MP_AVAILABLE_IN_0_1
gboolean         mp_estimator_list_append_word   (MpEstimatorList  *self,
                                                  const char       *name,
                                                  const char       *word,
                                                  GError          **error);
MP_AVAILABLE_IN_0_1
guint            mp_estimator_list_get_n_items   (MpEstimatorList  *self);
MP_AVAILABLE_IN_0_1
const char      *mp_estimator_list_get_name      (MpEstimatorList  *self,
                                                  guint             position);
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_estimator_list_get_estimator (MpEstimatorList  *self,
                                                  guint             position);
MP_AVAILABLE_IN_0_1
const char      *mp_estimator_list_get_word      (MpEstimatorList  *self,
                                                  guint             position);
MP_AVAILABLE_IN_0_1
gboolean         mp_estimator_list_find          (MpEstimatorList  *self,
                                                  const char       *name,
                                                  guint            *position);
MP_AVAILABLE_IN_0_1
gboolean         mp_estimator_list_is_named      (MpEstimatorList  *self);
MP_AVAILABLE_IN_0_1
gboolean         mp_estimator_list_is_frozen     (MpEstimatorList  *self);
MP_AVAILABLE_IN_0_1
MpEstimatorList *mp_estimator_list_copy          (MpEstimatorList  *self);
MP_AVAILABLE_IN_0_1
gboolean         mp_estimator_list_replace       (MpEstimatorList  *self,
                                                  guint             position,
                                                  MpEstimator      *estimator,
                                                  const char       *word,
                                                  GError          **error);

G_END_DECLS
