/* mp-stream-writer-private.h: the single-stream container
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mp-serializer-private.h"

G_BEGIN_DECLS

/* The bytes _mp_stream_write() writes, in one buffer allocated once at
 * its final size; computes the checksums if needed while copying the
 * arrays. */
GBytes   *_mp_stream_to_bytes (MpSerialized  *serialized,
                               JsonNode      *metadata);

/* Writes header, JSON, padding and payload to @stream; does not close it.
 * The writes are: the header, the JSON, the padding after it (if any),
 * then per array its leading padding (if any) and its bytes. */
gboolean  _mp_stream_write    (MpSerialized  *serialized,
                               JsonNode      *metadata,
                               GOutputStream *stream,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
