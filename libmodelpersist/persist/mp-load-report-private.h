/* mp-load-report-private.h: how the loader fills an MpLoadReport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mp-load-report.h"

G_BEGIN_DECLS

/* Replaces everything @self holds with what one document said: its format
 * version, its "producer" object (string members only), its "metadata"
 * node (or NULL) and @warnings (a NULL-terminated array, may be NULL). */
void      _mp_load_report_fill         (MpLoadReport *self,
                                        const char   *format_version,
                                        JsonObject   *producer,
                                        JsonNode     *metadata,
                                        GPtrArray    *warnings);

/* The document's "metadata" object as parsed, or NULL; for MpModelInfo. */
JsonNode *_mp_load_report_get_metadata (MpLoadReport *self);

G_END_DECLS
