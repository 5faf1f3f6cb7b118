/* mp-stream-writer.c: the single-stream container
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-document-private.h"
#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-stream-writer-private.h"

static void
layout (MpSerialized   *serialized,
        JsonNode       *metadata,
        char          **json,
        MpStreamHeader *header)
{
  guint64 offset;

  _mp_serialized_compute_checksums (serialized);
  *json = _mp_document_to_json (serialized, metadata, NULL);

  header->container_version = MP_STREAM_CONTAINER_VERSION;
  header->json_length = strlen (*json);
  if (!_mp_format_align (MP_STREAM_HEADER_SIZE + header->json_length, &offset))
    g_error ("stream layout overflows");
  header->payload_offset = offset;
  header->payload_length = serialized->payload_length;
}

gsize
_mp_stream_length (MpSerialized *serialized,
                   JsonNode     *metadata)
{
  g_autofree char *json = NULL;
  MpStreamHeader header;

  layout (serialized, metadata, &json, &header);
  return header.payload_offset + header.payload_length;
}

gboolean
_mp_stream_write (MpSerialized  *serialized,
                  JsonNode      *metadata,
                  GOutputStream *stream,
                  GCancellable  *cancellable,
                  GError       **error)
{
  static const guint8 zeros[MP_PAYLOAD_ALIGNMENT] = { 0 };
  g_autofree char *json = NULL;
  guint8 bytes[MP_STREAM_HEADER_SIZE];
  MpStreamHeader header;
  gsize padding;

  layout (serialized, metadata, &json, &header);
  _mp_format_header_encode (&header, bytes);
  padding = header.payload_offset - MP_STREAM_HEADER_SIZE - header.json_length;

  if (!g_output_stream_write_all (stream, bytes, sizeof bytes, NULL, cancellable, error) ||
      !g_output_stream_write_all (stream, json, header.json_length, NULL, cancellable, error) ||
      (padding > 0 &&
       !g_output_stream_write_all (stream, zeros, padding, NULL, cancellable, error)) ||
      !_mp_document_write_payload (serialized, stream, cancellable, error))
    return FALSE;

  return TRUE;
}
