/* mp-stream-writer.c: the single-stream container
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-array-private.h"
#include "mp-document-private.h"
#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-stream-writer-private.h"

/* The document and the header that frames it. The JSON's length does not
 * depend on the checksums' values (they have a fixed width), so the
 * layout can be known before they are. */
static GString *
layout (MpSerialized   *serialized,
        JsonNode       *metadata,
        MpStreamHeader *header)
{
  GString *json;
  guint64 offset;
  gboolean checksummed = serialized->checksummed;

  /* _mp_document_to_json() wants checksums; _mp_stream_to_bytes()
   * computes them while it copies the arrays, and copies the estimator's
   * text again then. */
  serialized->checksummed = TRUE;
  json = _mp_document_to_json (serialized, metadata, NULL);
  serialized->checksummed = checksummed;

  header->container_version = MP_STREAM_CONTAINER_VERSION;
  header->json_length = json->len;
  if (!_mp_format_align (MP_STREAM_HEADER_SIZE + header->json_length, &offset))
    g_error ("stream layout overflows");
  header->payload_offset = offset;
  header->payload_length = serialized->payload_length;
  return json;
}

GBytes *
_mp_stream_to_bytes (MpSerialized *serialized,
                     JsonNode     *metadata)
{
  g_autoptr(GString) json = NULL;
  MpStreamHeader header;
  guint8 *buffer, *json_at;
  gsize length;

  json = layout (serialized, metadata, &header);
  length = header.payload_offset + header.payload_length;
  /* Large ones on transparent huge pages: a fresh 1 GiB buffer filled in
   * 4 KiB pages took 1.3 s of page faults here, 0.3 s in 2 MiB pages. */
  buffer = _mp_array_alloc_elements (length, 1);
  json_at = buffer + MP_STREAM_HEADER_SIZE;

  _mp_format_header_encode (&header, buffer);
  memcpy (json_at, json->str, json->len);
  memset (json_at + json->len, 0, header.payload_offset - MP_STREAM_HEADER_SIZE - json->len);

  /* One pass over the arrays: each slice is hashed right after it is
   * copied. The checksums land in the estimator's text, which the
   * document holds at a fixed place: copied again, the same length. */
  _mp_document_fill_payload (serialized, buffer + header.payload_offset);
  memcpy (json_at + MP_DOCUMENT_ESTIMATOR_AT, serialized->estimator->str,
          serialized->estimator->len);

  return g_bytes_new_take (buffer, length);
}

gboolean
_mp_stream_write (MpSerialized  *serialized,
                  JsonNode      *metadata,
                  GOutputStream *stream,
                  GCancellable  *cancellable,
                  GError       **error)
{
  static const guint8 zeros[MP_PAYLOAD_ALIGNMENT] = { 0 };
  g_autoptr(GString) json = NULL;
  guint8 bytes[MP_STREAM_HEADER_SIZE];
  MpStreamHeader header;
  gsize padding;

  _mp_serialized_compute_checksums (serialized);
  json = layout (serialized, metadata, &header);
  _mp_format_header_encode (&header, bytes);
  padding = header.payload_offset - MP_STREAM_HEADER_SIZE - header.json_length;

  if (!g_output_stream_write_all (stream, bytes, sizeof bytes, NULL, cancellable, error) ||
      !g_output_stream_write_all (stream, json->str, json->len, NULL, cancellable, error) ||
      (padding > 0 &&
       !g_output_stream_write_all (stream, zeros, padding, NULL, cancellable, error)) ||
      !_mp_document_write_payload (serialized, stream, cancellable, error))
    return FALSE;

  return TRUE;
}
