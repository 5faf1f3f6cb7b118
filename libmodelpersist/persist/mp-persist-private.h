/* mp-persist-private.h: entry points for what builds on the persistence
 * layer (model metadata, tests)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mp-bundle-writer-private.h"
#include "mp-persist.h"

G_BEGIN_DECLS

/* The metadata hook: each takes an optional JSON object stored as the
 * document's "metadata" member, written canonically (sorted keys) and
 * returned at load time by _mp_load_report_get_metadata(); @options
 * (nullable) say how to store the arrays. */
GBytes   *_mp_dumps_with_metadata          (MpEstimator      *estimator,
                                            JsonNode         *metadata,
                                            MpSaveOptions    *options,
                                            GError          **error);
gboolean  _mp_dump_to_stream_with_metadata (MpEstimator      *estimator,
                                            JsonNode         *metadata,
                                            MpSaveOptions    *options,
                                            GOutputStream    *stream,
                                            GCancellable     *cancellable,
                                            GError          **error);
gboolean  _mp_dump_with_metadata           (MpEstimator      *estimator,
                                            JsonNode         *metadata,
                                            MpSaveOptions    *options,
                                            const char       *path,
                                            MpStreamWrapFunc  wrap,
                                            gpointer          wrap_data,
                                            GCancellable     *cancellable,
                                            GError          **error);

G_END_DECLS
