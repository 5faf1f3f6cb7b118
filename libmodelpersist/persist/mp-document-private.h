/* mp-document-private.h: the top-level JSON document and the payload
 * bytes, shared by both containers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mp-serializer-private.h"

G_BEGIN_DECLS

/* Where the estimator's text (serialized->estimator) starts in the
 * document, after `{\n  "estimator": `. */
#define MP_DOCUMENT_ESTIMATOR_AT 17

/* The canonical JSON text of the document: format, format_version,
 * producer, the optional @metadata object, the estimator tree and the
 * payload record ({"nbytes": N} plus "file": @sidecar_name for bundles).
 * Checksums must have been computed. */
GString  *_mp_document_to_json         (MpSerialized  *serialized,
                                        JsonNode      *metadata,
                                        const char    *sidecar_name);

/* A 16-hex-digit identity of the model's content (estimator tree with its
 * checksums, and metadata): the same model gives the same name. */
char     *_mp_document_content_id      (MpSerialized  *serialized,
                                        JsonNode      *metadata);

/* Writes the payload: every array little-endian at its offset, zero bytes
 * in between; exactly serialized->payload_length bytes. */
gboolean  _mp_document_write_payload   (MpSerialized  *serialized,
                                        GOutputStream *stream,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* Copies the payload into @dest (serialized->payload_length bytes) and,
 * unless they were computed before, the arrays' checksums into the text,
 * each hashed as it is copied: one pass over the arrays. */
void      _mp_document_fill_payload    (MpSerialized  *serialized,
                                        guint8        *dest);

/* The producer record of this process; @with_codec adds the version of
 * libzstd, for a document with compressed arrays. */
JsonObject *_mp_document_producer      (gboolean       with_codec);

G_END_DECLS
