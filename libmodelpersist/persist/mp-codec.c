/* mp-codec.c: zstd frames for the chunks of compressed arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <zstd.h>

#include "mp-codec-private.h"

/* One context per thread that compresses or decompresses: zstd's
 * contexts keep their tables between calls, which matters for the many
 * small chunks of a forest. */
struct _MpCodecContext
{
  ZSTD_CCtx *compress;
  ZSTD_DCtx *decompress;
};

MpCodecContext *
_mp_codec_context_new (void)
{
  return g_new0 (MpCodecContext, 1);
}

void
_mp_codec_context_free (MpCodecContext *context)
{
  if (context == NULL)
    return;
  ZSTD_freeCCtx (context->compress);
  ZSTD_freeDCtx (context->decompress);
  g_free (context);
}

guint64
_mp_codec_bound (guint64 n_bytes)
{
  /* ZSTD_COMPRESSBOUND's formula, which holds for any length below the
   * chunk limit. */
  g_assert (n_bytes <= MP_CODEC_MAX_CHUNK_NBYTES);
  return ZSTD_COMPRESSBOUND (n_bytes);
}

gsize
_mp_codec_compress (MpCodecContext *context,
                    int             level,
                    const guint8   *data,
                    gsize           n_bytes,
                    guint8         *dest)
{
  gsize written;

  if (context->compress == NULL)
    {
      context->compress = ZSTD_createCCtx ();
      if (context->compress == NULL)
        g_error ("zstd: cannot allocate a compression context");
    }
  ZSTD_CCtx_reset (context->compress, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter (context->compress, ZSTD_c_compressionLevel, level);
  /* The frame records its content length, so a reader can tell a short
   * chunk before decompressing it; no checksum in the frame, the array's
   * own XXH3 covers every byte. */
  ZSTD_CCtx_setParameter (context->compress, ZSTD_c_contentSizeFlag, 1);
  ZSTD_CCtx_setParameter (context->compress, ZSTD_c_checksumFlag, 0);

  written = ZSTD_compress2 (context->compress, dest, ZSTD_COMPRESSBOUND (n_bytes), data, n_bytes);
  if (ZSTD_isError (written))
    g_error ("zstd: compressing %" G_GSIZE_FORMAT " bytes: %s", n_bytes,
             ZSTD_getErrorName (written));
  return written;
}

gboolean
_mp_codec_decompress (MpCodecContext  *context,
                      const guint8    *stored,
                      gsize            stored_length,
                      guint8          *dest,
                      gsize            n_bytes,
                      char           **reason)
{
  gsize got;

  if (context->decompress == NULL)
    {
      context->decompress = ZSTD_createDCtx ();
      if (context->decompress == NULL)
        g_error ("zstd: cannot allocate a decompression context");
    }

  /* One call into a buffer of exactly the expected length: zstd never
   * writes past it and needs no window buffer of its own, so what a frame
   * claims about its window or its length costs no memory. */
  got = ZSTD_decompressDCtx (context->decompress, dest, n_bytes, stored, stored_length);
  if (ZSTD_isError (got))
    {
      *reason = g_strdup (ZSTD_getErrorName (got));
      return FALSE;
    }
  if (got != n_bytes)
    {
      *reason = g_strdup_printf ("decompressed to %" G_GSIZE_FORMAT " bytes, not %"
                                 G_GSIZE_FORMAT, got, n_bytes);
      return FALSE;
    }
  return TRUE;
}

guint64
_mp_codec_n_chunks (guint64 n_bytes,
                    guint64 chunk_nbytes)
{
  return n_bytes / chunk_nbytes + (n_bytes % chunk_nbytes != 0);
}

gsize
_mp_codec_chunk_length (guint64 n_bytes,
                        guint64 chunk_nbytes,
                        guint64 i)
{
  return (gsize) MIN (chunk_nbytes, n_bytes - i * chunk_nbytes);
}

const char *
_mp_codec_version (void)
{
  return ZSTD_versionString ();
}
