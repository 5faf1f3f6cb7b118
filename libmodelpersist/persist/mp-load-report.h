/* mp-load-report.h: what a load noticed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-model-info.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_LOAD_REPORT:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_LOAD_REPORT (mp_load_report_get_type ())

/**
 * MpLoadReport:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpLoadReport, mp_load_report, MP, LOAD_REPORT, GObject)

/* A report to pass to a load, and what the load found: warnings, versions, metadata. */
MP_AVAILABLE_IN_0_1
MpLoadReport       *mp_load_report_new                  (void);
MP_AVAILABLE_IN_0_1
const char * const *mp_load_report_get_warnings         (MpLoadReport *self);
MP_AVAILABLE_IN_0_1
const char         *mp_load_report_get_format_version   (MpLoadReport *self);
MP_AVAILABLE_IN_0_1
const char         *mp_load_report_get_producer_version (MpLoadReport *self);
MP_AVAILABLE_IN_0_1
const char         *mp_load_report_get_producer_field   (MpLoadReport *self,
                                                         const char   *key);
MP_AVAILABLE_IN_0_1
char              **mp_load_report_list_producer_fields (MpLoadReport *self);
MP_AVAILABLE_IN_0_1
char               *mp_load_report_get_metadata_json    (MpLoadReport *self);
MP_AVAILABLE_IN_0_1
MpModelInfo        *mp_load_report_get_model_info       (MpLoadReport *self);

G_END_DECLS
