/* mp-codec-private.h: how a compressed array is stored: its bytes cut
 * into chunks, each one zstd frame (docs/format.md, 3.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one codec format 1.3 knows, as descriptors name it. */
#define MP_CODEC_NAME             "zstd"

/* A chunk's uncompressed length: a power of two in this range, every
 * chunk but the last exactly that long. Readers refuse others, so a
 * chunk's compressed bytes (at most _mp_codec_bound() of it) is all the
 * memory a streaming load adds. */
#define MP_CODEC_MIN_CHUNK_NBYTES (G_GUINT64_CONSTANT (1) << 12)
#define MP_CODEC_MAX_CHUNK_NBYTES (G_GUINT64_CONSTANT (1) << 26)

/* What the writer uses: 1 MiB, twice the window zstd's level 3 searches
 * at most half of, so cutting costs almost nothing in size, and a 1 GiB
 * array gives both cores of a small machine 1024 pieces of work. */
#define MP_CODEC_CHUNK_NBYTES     (G_GUINT64_CONSTANT (1) << 20)

/* The levels a save accepts, zstd's ordinary ones (20-22 need far more
 * memory to decompress). */
#define MP_CODEC_MAX_LEVEL        19

typedef struct _MpCodecContext MpCodecContext;

MpCodecContext *_mp_codec_context_new   (void);
void            _mp_codec_context_free  (MpCodecContext *context);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpCodecContext, _mp_codec_context_free)

/* The largest a chunk of @n_bytes can grow when compressed: what a
 * reader allows a stored chunk before reading it. */
guint64   _mp_codec_bound       (guint64          n_bytes);

/* Compresses @n_bytes of @data at @level into @dest, which has room for
 * _mp_codec_bound (@n_bytes); returns the compressed length. Cannot fail
 * for those inputs. */
gsize     _mp_codec_compress    (MpCodecContext  *context,
                                 int              level,
                                 const guint8    *data,
                                 gsize            n_bytes,
                                 guint8          *dest);

/* Decompresses @stored (@stored_length) into @dest, which must come out
 * exactly @n_bytes long. On failure returns FALSE and sets @reason to
 * zstd's explanation or the length that came out; @dest's contents are
 * then undefined. */
gboolean  _mp_codec_decompress  (MpCodecContext  *context,
                                 const guint8    *stored,
                                 gsize            stored_length,
                                 guint8          *dest,
                                 gsize            n_bytes,
                                 char           **reason);

/* The number of chunks of an array of @n_bytes cut at @chunk_nbytes, and
 * the length of chunk @i. */
guint64   _mp_codec_n_chunks    (guint64          n_bytes,
                                 guint64          chunk_nbytes);
gsize     _mp_codec_chunk_length (guint64         n_bytes,
                                  guint64         chunk_nbytes,
                                  guint64         i);

/* The version of libzstd in use, "1.5.4", for the producer record. */
const char *_mp_codec_version   (void);

G_END_DECLS
