/* mp-pickle-container.c: joblib's compressed containers, decompressed
 * with a bound
 *
 * joblib.dump(..., compress=...) writes the pickle through one of six
 * compressors and nothing else: no header of its own, the compressor is
 * recognised by the first bytes of its stream (joblib/compressor.py). This
 * file undoes that with the C libraries CPython's modules wrap: zlib (the
 * "zlib" and "gzip" containers, which joblib writes with zlib.compressobj,
 * windowBits 15 and 31), libbz2, liblzma (xz and the legacy "alone" lzma
 * format) and liblz4's frame API.
 *
 * Why the output is bounded while streaming: a compressed file is a
 * promise about its decompressed size that nothing checks. A kilobyte of
 * zlib expands to a megabyte, a few kilobytes of bzip2 to gigabytes, and
 * the stream's own headers (gzip's ISIZE, lz4's content size, lzma's
 * uncompressed size) are optional and may lie. Decompressing everything
 * and comparing the length afterwards would let a small hostile file
 * exhaust memory before the check runs. So the output grows chunk by
 * chunk, each chunk no larger than what is left below the limit plus one
 * byte: the byte past the limit proves the stream is too large, and the
 * buffer never holds more than max_output + 1 bytes (its allocation at
 * most twice that). The decoders' own memory is bounded too: liblzma gets
 * a memory limit (an lzma header may ask for a 4 GiB dictionary), bzip2
 * and lz4 need a few MiB at most by their formats' design, zlib 32 kB.
 *
 * Concatenated streams: Python's bz2, lzma and lz4.frame readers (which
 * joblib uses for bz2, xz, lzma and lz4) go on reading when another stream
 * follows the first, so this does too when the next bytes start one of
 * the same kind; joblib's zlib and gzip readers (BinaryZlibFile) stop
 * making progress after the first stream (they loop on the trailing
 * bytes), so a second zlib or gzip stream is refused as trailing data.
 * Python's readers also ignore trailing bytes that start no stream; this
 * refuses them (MP_ERROR_MALFORMED): a file with junk after its data was
 * not written by joblib.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <bzlib.h>
#include <lz4frame.h>
#include <lzma.h>
#include <zlib.h>

#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-pickle-container-private.h"

/* The output buffer grows by at most this much per decoder call, and
 * @cancellable is checked before each call. */
#define CHUNK_SIZE        (256 * 1024)
/* zlib and bzip2 count their input in 32-bit unsigned ints. */
#define MAX_INPUT_STEP    ((gsize) 1 << 30)
/* LZ4F_decompress() does not say how far it read before an error, so
 * lz4 gets its input in steps this large and an error's offset is the
 * start of the step. */
#define LZ4_INPUT_STEP    ((gsize) 64 * 1024)
/* liblzma's memory limit. A decoder allocates its whole dictionary
 * before decoding anything, as large as the header asks (up to 4 GiB for
 * lzma). Every preset of xz and of Python's lzma module (64 MiB at -9)
 * fits in the fixed part; a dictionary larger than the output it may
 * produce is of no use, so a larger limit on the output raises it. */
#define LZMA_MIN_MEMLIMIT    ((guint64) 128 * 1024 * 1024)
#define LZMA_MEMLIMIT_MARGIN ((guint64) 16 * 1024 * 1024)

typedef struct {
  const char *name;
  const guint8 *magic;
  gsize magic_length;
  /* Another stream of the same kind may follow the first (see above). */
  gboolean concatenates;
} CompressorInfo;

static const CompressorInfo compressors[] = {
  [MP_PICKLE_COMPRESSOR_NONE] = { NULL, NULL, 0, FALSE },
  [MP_PICKLE_COMPRESSOR_ZLIB] = { "zlib", (const guint8 *) "\x78", 1, FALSE },
  [MP_PICKLE_COMPRESSOR_GZIP] = { "gzip", (const guint8 *) "\x1f\x8b", 2, FALSE },
  [MP_PICKLE_COMPRESSOR_BZ2] = { "bz2", (const guint8 *) "BZh", 3, TRUE },
  [MP_PICKLE_COMPRESSOR_XZ] = { "xz", (const guint8 *) "\xfd" "7zXZ", 5, TRUE },
  [MP_PICKLE_COMPRESSOR_LZMA] = { "lzma", (const guint8 *) "\x5d\x00", 2, TRUE },
  [MP_PICKLE_COMPRESSOR_LZ4] = { "lz4", (const guint8 *) "\x04\x22\x4d\x18", 4, TRUE },
};

const char *
_mp_pickle_compressor_name (MpPickleCompressor compressor)
{
  g_return_val_if_fail (compressor <= MP_PICKLE_COMPRESSOR_LZ4, NULL);

  return compressors[compressor].name;
}

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const guint8 *prefix,
            gsize         prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

MpPickleCompressor
_mp_pickle_detect_compressor (const guint8 *data,
                              gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, MP_PICKLE_COMPRESSOR_NONE);

  for (guint i = MP_PICKLE_COMPRESSOR_ZLIB; i < G_N_ELEMENTS (compressors); i++)
    if (has_prefix (data, length, compressors[i].magic, compressors[i].magic_length))
      return i;
  return MP_PICKLE_COMPRESSOR_NONE;
}

/* One decoder behind the streaming loop of _mp_pickle_decompress(). */
typedef enum {
  STEP_CONTINUE,
  STEP_END,        /* the end of one stream */
  STEP_FAILED,     /* reason set */
} StepResult;

typedef struct {
  MpPickleCompressor compressor;
  guint64 memlimit;
  gboolean ready;
  z_stream zlib;
  bz_stream bz2;
  lzma_stream lzma;
  LZ4F_dctx *lz4;
  /* Why the last step failed, and with which code; whether the input
   * offset of the failure is known exactly or only as a lower bound. */
  MpError code;
  char reason[160];
  gboolean offset_is_lower_bound;
} Decoder;

static void
decoder_set_reason (Decoder    *decoder,
                    MpError code,
                    const char *reason)
{
  decoder->code = code;
  g_strlcpy (decoder->reason, reason, sizeof decoder->reason);
}

static void
decoder_end (Decoder *decoder)
{
  if (!decoder->ready)
    return;
  switch (decoder->compressor)
    {
    case MP_PICKLE_COMPRESSOR_ZLIB:
    case MP_PICKLE_COMPRESSOR_GZIP:
      inflateEnd (&decoder->zlib);
      break;
    case MP_PICKLE_COMPRESSOR_BZ2:
      BZ2_bzDecompressEnd (&decoder->bz2);
      break;
    case MP_PICKLE_COMPRESSOR_XZ:
    case MP_PICKLE_COMPRESSOR_LZMA:
      lzma_end (&decoder->lzma);
      break;
    case MP_PICKLE_COMPRESSOR_LZ4:
      LZ4F_freeDecompressionContext (decoder->lz4);
      decoder->lz4 = NULL;
      break;
    case MP_PICKLE_COMPRESSOR_NONE:
    default:
      g_assert_not_reached ();
    }
  decoder->ready = FALSE;
}

static gboolean
decoder_start (Decoder *decoder)
{
  gboolean ok = FALSE;

  g_assert (!decoder->ready);
  switch (decoder->compressor)
    {
    case MP_PICKLE_COMPRESSOR_ZLIB:
    case MP_PICKLE_COMPRESSOR_GZIP:
      memset (&decoder->zlib, 0, sizeof decoder->zlib);
      ok = inflateInit2 (&decoder->zlib,
                         decoder->compressor == MP_PICKLE_COMPRESSOR_GZIP ? 15 + 16 : 15) == Z_OK;
      break;
    case MP_PICKLE_COMPRESSOR_BZ2:
      memset (&decoder->bz2, 0, sizeof decoder->bz2);
      ok = BZ2_bzDecompressInit (&decoder->bz2, 0, 0) == BZ_OK;
      break;
    case MP_PICKLE_COMPRESSOR_XZ:
      decoder->lzma = (lzma_stream) LZMA_STREAM_INIT;
      ok = lzma_stream_decoder (&decoder->lzma, decoder->memlimit, 0) == LZMA_OK;
      break;
    case MP_PICKLE_COMPRESSOR_LZMA:
      decoder->lzma = (lzma_stream) LZMA_STREAM_INIT;
      ok = lzma_alone_decoder (&decoder->lzma, decoder->memlimit) == LZMA_OK;
      break;
    case MP_PICKLE_COMPRESSOR_LZ4:
      ok = !LZ4F_isError (LZ4F_createDecompressionContext (&decoder->lz4, LZ4F_VERSION));
      break;
    case MP_PICKLE_COMPRESSOR_NONE:
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    decoder_set_reason (decoder, MP_ERROR_FAILED, "the decoder could not be created (out of memory?)");
  decoder->ready = ok;
  return ok;
}

static StepResult
step_zlib (Decoder      *decoder,
           const guint8 *in,
           gsize         in_length,
           gsize        *consumed,
           guint8       *out,
           gsize         out_length,
           gsize        *produced)
{
  z_stream *z = &decoder->zlib;
  int ret;

  z->next_in = (Bytef *) in;
  z->avail_in = (uInt) in_length;
  z->next_out = out;
  z->avail_out = (uInt) out_length;
  ret = inflate (z, Z_NO_FLUSH);
  *consumed = in_length - z->avail_in;
  *produced = out_length - z->avail_out;
  switch (ret)
    {
    case Z_STREAM_END:
      return STEP_END;
    case Z_OK:
    case Z_BUF_ERROR:   /* no progress possible: the caller sees why */
      return STEP_CONTINUE;
    case Z_NEED_DICT:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, "the stream needs a preset dictionary");
      return STEP_FAILED;
    case Z_MEM_ERROR:
      decoder_set_reason (decoder, MP_ERROR_FAILED, "out of memory");
      return STEP_FAILED;
    case Z_DATA_ERROR:
    default:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, z->msg != NULL ? z->msg : "corrupt data");
      return STEP_FAILED;
    }
}

static StepResult
step_bz2 (Decoder      *decoder,
          const guint8 *in,
          gsize         in_length,
          gsize        *consumed,
          guint8       *out,
          gsize         out_length,
          gsize        *produced)
{
  bz_stream *bz = &decoder->bz2;
  int ret;

  bz->next_in = (char *) in;
  bz->avail_in = (unsigned int) in_length;
  bz->next_out = (char *) out;
  bz->avail_out = (unsigned int) out_length;
  ret = BZ2_bzDecompress (bz);
  *consumed = in_length - bz->avail_in;
  *produced = out_length - bz->avail_out;
  switch (ret)
    {
    case BZ_STREAM_END:
      return STEP_END;
    case BZ_OK:
      return STEP_CONTINUE;
    case BZ_DATA_ERROR_MAGIC:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, "not a bzip2 stream");
      return STEP_FAILED;
    case BZ_MEM_ERROR:
      decoder_set_reason (decoder, MP_ERROR_FAILED, "out of memory");
      return STEP_FAILED;
    case BZ_DATA_ERROR:
    default:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, "corrupt data");
      return STEP_FAILED;
    }
}

static StepResult
step_lzma (Decoder      *decoder,
           const guint8 *in,
           gsize         in_length,
           gsize        *consumed,
           guint8       *out,
           gsize         out_length,
           gsize        *produced)
{
  lzma_stream *s = &decoder->lzma;
  lzma_ret ret;

  s->next_in = in;
  s->avail_in = in_length;
  s->next_out = out;
  s->avail_out = out_length;
  ret = lzma_code (s, LZMA_RUN);
  *consumed = in_length - s->avail_in;
  *produced = out_length - s->avail_out;
  switch (ret)
    {
    case LZMA_STREAM_END:
      return STEP_END;
    case LZMA_OK:
    case LZMA_BUF_ERROR:
      return STEP_CONTINUE;
    case LZMA_MEMLIMIT_ERROR:
      g_snprintf (decoder->reason, sizeof decoder->reason,
                  "decoding needs %" G_GUINT64_FORMAT " bytes of memory, more than the limit of %"
                  G_GUINT64_FORMAT " bytes",
                  (guint64) lzma_memusage (s), decoder->memlimit);
      decoder->code = MP_ERROR_LIMIT_EXCEEDED;
      return STEP_FAILED;
    case LZMA_FORMAT_ERROR:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED,
                          decoder->compressor == MP_PICKLE_COMPRESSOR_XZ
                          ? "not an xz stream" : "not an lzma stream");
      return STEP_FAILED;
    case LZMA_OPTIONS_ERROR:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, "unsupported compression options");
      return STEP_FAILED;
    case LZMA_MEM_ERROR:
      decoder_set_reason (decoder, MP_ERROR_FAILED, "out of memory");
      return STEP_FAILED;
    case LZMA_DATA_ERROR:
    default:
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, "corrupt data");
      return STEP_FAILED;
    }
}

static StepResult
step_lz4 (Decoder      *decoder,
          const guint8 *in,
          gsize         in_length,
          gsize        *consumed,
          guint8       *out,
          gsize         out_length,
          gsize        *produced)
{
  size_t src_size = in_length;
  size_t dst_size = out_length;
  size_t ret;

  ret = LZ4F_decompress (decoder->lz4, out, &dst_size, in, &src_size, NULL);
  *consumed = src_size;
  *produced = dst_size;
  if (LZ4F_isError (ret))
    {
      decoder_set_reason (decoder, MP_ERROR_MALFORMED, LZ4F_getErrorName (ret));
      decoder->offset_is_lower_bound = TRUE;
      *consumed = 0;
      return STEP_FAILED;
    }
  /* 0: the frame is complete (and its checksum, if any, verified). */
  return ret == 0 ? STEP_END : STEP_CONTINUE;
}

static StepResult
decoder_step (Decoder      *decoder,
              const guint8 *in,
              gsize         in_length,
              gsize        *consumed,
              guint8       *out,
              gsize         out_length,
              gsize        *produced)
{
  switch (decoder->compressor)
    {
    case MP_PICKLE_COMPRESSOR_ZLIB:
    case MP_PICKLE_COMPRESSOR_GZIP:
      return step_zlib (decoder, in, in_length, consumed, out, out_length, produced);
    case MP_PICKLE_COMPRESSOR_BZ2:
      return step_bz2 (decoder, in, in_length, consumed, out, out_length, produced);
    case MP_PICKLE_COMPRESSOR_XZ:
    case MP_PICKLE_COMPRESSOR_LZMA:
      return step_lzma (decoder, in, in_length, consumed, out, out_length, produced);
    case MP_PICKLE_COMPRESSOR_LZ4:
      return step_lz4 (decoder, in, in_length, consumed, out, out_length, produced);
    case MP_PICKLE_COMPRESSOR_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
limit_error (GError           **error,
             MpPickleCompressor compressor,
             guint64            max_output)
{
  g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
               "%s: the decompressed stream exceeds the limit of %" G_GUINT64_FORMAT " bytes",
               compressors[compressor].name, max_output);
}

GBytes *
_mp_pickle_decompress (GBytes              *input,
                       guint64              max_output,
                       GCancellable        *cancellable,
                       MpPickleCompressor  *compressor_out,
                       GError             **error)
{
  Decoder decoder = { 0, };
  const guint8 *in;
  gsize in_length;
  gsize pos = 0;
  g_autofree guint8 *out = NULL;
  gsize out_length = 0;
  gsize out_allocated = 0;
  /* The buffer never needs more than the limit plus the one byte that
   * proves a stream too large. */
  guint64 cap = max_output < G_MAXSIZE ? max_output + 1 : G_MAXSIZE;
  const char *name;
  StepResult result = STEP_CONTINUE;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = g_bytes_get_data (input, &in_length);
  decoder.compressor = _mp_pickle_detect_compressor (in, in_length);
  if (compressor_out != NULL)
    *compressor_out = decoder.compressor;
  if (decoder.compressor == MP_PICKLE_COMPRESSOR_NONE)
    return g_bytes_ref (input);
  name = compressors[decoder.compressor].name;
  decoder.memlimit = MAX (LZMA_MIN_MEMLIMIT,
                          max_output + MIN (LZMA_MEMLIMIT_MARGIN, G_MAXUINT64 - max_output));

  if (!decoder_start (&decoder))
    goto failed;

  for (;;)
    {
      gsize room;
      gsize in_step = MIN (in_length - pos,
                           decoder.compressor == MP_PICKLE_COMPRESSOR_LZ4 ? LZ4_INPUT_STEP
                                                                          : MAX_INPUT_STEP);
      gsize consumed = 0;
      gsize produced = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      /* Room for the next chunk, never past the cap. */
      room = (gsize) MIN ((guint64) CHUNK_SIZE, cap - out_length);
      if (out_allocated - out_length < room)
        {
          gsize wanted = out_length + room;
          gsize grown = out_allocated < G_MAXSIZE / 2 ? MAX (out_allocated * 2, wanted) : wanted;

          out_allocated = (gsize) MIN ((guint64) grown, cap);
          out = g_realloc (out, out_allocated);
        }

      result = decoder_step (&decoder, in + pos, in_step, &consumed,
                             out + out_length, room, &produced);
      pos += consumed;
      out_length += produced;
      if (out_length > max_output)
        {
          limit_error (error, decoder.compressor, max_output);
          goto out;
        }
      if (result == STEP_FAILED)
        goto failed;
      if (result == STEP_END)
        {
          const CompressorInfo *info = &compressors[decoder.compressor];

          if (pos == in_length)
            break;
          if (!info->concatenates
              || !has_prefix (in + pos, in_length - pos, info->magic, info->magic_length))
            {
              g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "%s: %" G_GSIZE_FORMAT " bytes of trailing data after the end of the "
                           "compressed stream (at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ")",
                           name, in_length - pos, pos, in_length);
              goto out;
            }
          /* Another stream follows: start over on it. */
          decoder_end (&decoder);
          if (!decoder_start (&decoder))
            goto failed;
          continue;
        }
      /* The decoder stopped short of filling its room although it had
       * all the input there is: it is waiting for bytes that never come.
       * (Short of the end of the input, a step that fills no room only
       * means the next step's input is not there yet.) */
      if (pos == in_length && produced < room)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                       "%s: the compressed stream ends early (at byte %" G_GSIZE_FORMAT
                       " of %" G_GSIZE_FORMAT ")",
                       name, pos, in_length);
          goto out;
        }
      /* Every decoder makes progress while it has input and room; one
       * that does not would loop here forever. */
      if (consumed == 0 && produced == 0)
        {
          decoder_set_reason (&decoder, MP_ERROR_MALFORMED, "the decoder makes no progress");
          goto failed;
        }
    }

  decoder_end (&decoder);
  out = g_realloc (g_steal_pointer (&out), out_length);
  return g_bytes_new_take (g_steal_pointer (&out), out_length);

failed:
  g_set_error (error, MP_ERROR, decoder.code,
               "%s: %s (%s byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ")",
               name, decoder.reason, decoder.offset_is_lower_bound ? "at or after" : "at",
               pos, in_length);
out:
  decoder_end (&decoder);
  return NULL;
}

const char *
_mp_pickle_describe_foreign (const guint8 *data,
                             gsize         length)
{
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (has_prefix (data, length, (const guint8 *) "PK\x03\x04", 4)
      || has_prefix (data, length, (const guint8 *) "PK\x05\x06", 4))
    return "a zip archive";
  if (has_prefix (data, length, (const guint8 *) MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN))
    return "a ModelPersist stream";
  if (has_prefix (data, length, (const guint8 *) "\x93NUMPY", 6))
    return "a NumPy .npy file";
  if (has_prefix (data, length, (const guint8 *) "\x89HDF\r\n\x1a\n", 8))
    return "an HDF5 file";
  if (has_prefix (data, length, (const guint8 *) "ZF", 2))
    return "a joblib file from before joblib 0.10 (ZF prefix)";
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  if (i < length && data[i] == '{')
    return "JSON text (a ModelPersist bundle?)";
  return NULL;
}
