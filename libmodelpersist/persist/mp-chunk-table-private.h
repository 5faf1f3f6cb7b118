/* mp-chunk-table-private.h: a compressed array's "compression" member,
 * checked, and its chunks decompressed (docs/format.md, 3.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mp-codec-private.h"

G_BEGIN_DECLS

typedef struct {
  guint64  chunk_nbytes;    /* every chunk's length but the last's */
  guint64  n_chunks;
  guint64 *stored;          /* each chunk's compressed length */
  guint64  stored_length;   /* their sum: the array's room in the payload */
  guint64  largest;         /* the longest of them */
} MpChunkTable;

/* Reads the chunks of the stored bytes of a payload, in order; FALSE
 * with an error if they cannot all be read. */
typedef gboolean (*MpPayloadReadFunc) (gpointer       source,
                                       guint8        *buffer,
                                       gsize          count,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Checks @node, the "compression" member of the descriptor at @path of an
 * array of @nbytes bytes: exactly "codec" ("zstd"), "chunk_nbytes" (a
 * power of two from MP_CODEC_MIN_CHUNK_NBYTES to MP_CODEC_MAX_CHUNK_NBYTES)
 * and "chunks" (one positive length per chunk, none longer than a chunk
 * can grow). MP_ERROR_INVALID_ARRAY names the member at fault. */
MpChunkTable *_mp_chunk_table_parse       (JsonNode        *node,
                                           guint64          nbytes,
                                           const char      *path,
                                           GError         **error);

void          _mp_chunk_table_free        (MpChunkTable    *table);

/* Decompresses the array's stored bytes, @stored (table->stored_length
 * bytes in memory), into @dest (@nbytes), hashing what comes out into
 * @hash as it goes. MP_ERROR_INVALID_ARRAY names @path and the chunk. */
gboolean      _mp_chunk_table_decompress  (MpChunkTable    *table,
                                           MpCodecContext  *codec,
                                           const guint8    *stored,
                                           guint8          *dest,
                                           guint64          nbytes,
                                           guint64         *hash,
                                           const char      *path,
                                           GError         **error);

/* The same, reading the stored bytes from @read into @scratch (grown as
 * needed, freed by the caller) 16 MiB at a time, or one chunk at a time
 * if chunks are longer: memory beyond @dest stays bounded. Large arrays
 * are decompressed on several threads in both. */
gboolean      _mp_chunk_table_read        (MpChunkTable    *table,
                                           MpCodecContext  *codec,
                                           MpPayloadReadFunc read,
                                           gpointer         source,
                                           GByteArray      *scratch,
                                           guint8          *dest,
                                           guint64          nbytes,
                                           guint64         *hash,
                                           const char      *path,
                                           GCancellable    *cancellable,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpChunkTable, _mp_chunk_table_free)

G_END_DECLS
