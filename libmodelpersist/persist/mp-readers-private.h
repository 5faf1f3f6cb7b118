/* mp-readers-private.h: from bytes, a stream or a bundle on disk to a
 * load plan with its payload attached (stages 1 and 2 of mp-loader)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mp-loader-private.h"

G_BEGIN_DECLS

/* A single-stream model held in memory; arrays view @bytes. */
MpLoadPlan *_mp_read_stream_bytes (GBytes         *bytes,
                                   MpLoadOptions  *options,
                                   GError        **error);

/* A single-stream model read from @stream: exactly its own bytes are
 * consumed; the payload is read into memory. */
MpLoadPlan *_mp_read_stream       (GInputStream   *stream,
                                   MpLoadOptions  *options,
                                   GCancellable   *cancellable,
                                   GError        **error);

/* A bundle (NAME.json and its sidecar) or, if the file starts with the
 * stream magic, a single-stream model saved to a file. */
MpLoadPlan *_mp_read_path         (const char     *path,
                                   MpLoadOptions  *options,
                                   GCancellable   *cancellable,
                                   GError        **error);

/* _mp_read_path() on a local file; on any other GFile (a GResource, a
 * GVfs location) a single-stream model read through GIO. A bundle needs
 * its directory and loads from a local file only. */
MpLoadPlan *_mp_read_file         (GFile          *file,
                                   MpLoadOptions  *options,
                                   GCancellable   *cancellable,
                                   GError        **error);

/* The JSON text of a single-stream model or of a bundle, without the
 * payload, for inspection; types are collected, not audited. */
MpLoadPlan *_mp_read_for_inspection (GInputStream  *stream,
                                     MpLoadOptions *options,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
