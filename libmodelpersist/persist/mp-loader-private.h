/* mp-loader-private.h: from checked JSON text and a payload to a
 * validated estimator, in three stages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mp-estimator.h"
#include "mp-load-options.h"
#include "mp-load-report.h"
#include "mp-chunk-table-private.h"

G_BEGIN_DECLS

typedef enum {
  MP_CONTAINER_STREAM,
  MP_CONTAINER_BUNDLE,
} MpContainer;

typedef struct _MpLoadPlan MpLoadPlan;

/* Stage 1, no payload needed and nothing instantiated: enforces the JSON
 * size and depth limits and rejects duplicate keys (mp-json-scan), parses,
 * checks the header (format name and version, producer, metadata,
 * payload record), walks the estimator tree checking its shape, audits
 * every type name against the trusted set, and checks every array
 * descriptor against the payload length with overflow-safe arithmetic.
 * With @audit_types FALSE (inspection) type names are only collected. */
MpLoadPlan   *_mp_load_plan_new             (const char    *json,
                                             gsize          length,
                                             MpLoadOptions *options,
                                             MpContainer    container,
                                             gboolean       audit_types,
                                             GError       **error);

/* The payload length and, for bundles, the sidecar name the document
 * gives (NULL when the payload is empty). */
guint64       _mp_load_plan_get_payload_length (MpLoadPlan *plan);
const char   *_mp_load_plan_get_sidecar_name   (MpLoadPlan *plan);

/* Distinct type names of the tree, sorted. */
GPtrArray    *_mp_load_plan_list_types      (MpLoadPlan    *plan);

/* Stage 2: views every array in @payload (exactly the payload length),
 * verifying checksums if the options ask, byte-swapping on big-endian
 * hosts. @payload is referenced, not copied. */
gboolean      _mp_load_plan_attach_payload  (MpLoadPlan    *plan,
                                             GBytes        *payload,
                                             GError       **error);

/* Whether some array is compressed: then a copying reader hands stage 2
 * the payload as it reads it, below, instead of in one buffer. */
gboolean      _mp_load_plan_has_compressed  (MpLoadPlan    *plan);

/* Stage 2 from a reader: reads exactly the payload length from @read, in
 * payload order, each array into its own buffer and each compressed one
 * 16 MiB of chunks at a time (_mp_chunk_table_read()), so that memory
 * beyond the arrays stays bounded.
 * Checks as _mp_load_plan_attach_payload() does. */
gboolean      _mp_load_plan_attach_payload_from (MpLoadPlan        *plan,
                                                 MpPayloadReadFunc  read,
                                                 gpointer           source,
                                                 GCancellable      *cancellable,
                                                 GError           **error);

/* Stage 3: converts every value strictly against its GParamSpec,
 * constructs each estimator with g_object_new_with_properties(), children
 * first, and runs mp_estimator_validate() on each. Runs in the thread the
 * estimator will be used in. */
MpEstimator  *_mp_load_plan_construct       (MpLoadPlan    *plan,
                                             GError       **error);

/* Fills @report (if not NULL) and logs version mismatches. */
void          _mp_load_plan_report          (MpLoadPlan    *plan,
                                             MpLoadReport  *report);

void          _mp_load_plan_free            (MpLoadPlan    *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpLoadPlan, _mp_load_plan_free)

/* Checks that @name is a bare file name: not empty, no '/' or '\\', no
 * leading '.', no control characters, at most 255 bytes. */
gboolean      _mp_sidecar_name_is_valid     (const char    *name);

G_END_DECLS
