/* pickle-container.c: tests of the joblib container's decompression layer
 * (libmodelpersist/import/mp-pickle-container.c)
 *
 * Every compressed input is made here, with the compressors' own
 * libraries and the settings joblib's writers use (see compress()); no
 * binary fixture is stored.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <bzlib.h>
#include <lz4frame.h>
#include <lzma.h>
#include <zlib.h>

#include <modelpersist.h>

#include "mp-format-private.h"
#include "mp-pickle-container-private.h"

#define MiB (1024 * 1024)

static const MpPickleCompressor all_compressors[] = {
  MP_PICKLE_COMPRESSOR_ZLIB,
  MP_PICKLE_COMPRESSOR_GZIP,
  MP_PICKLE_COMPRESSOR_BZ2,
  MP_PICKLE_COMPRESSOR_XZ,
  MP_PICKLE_COMPRESSOR_LZMA,
  MP_PICKLE_COMPRESSOR_LZ4,
};

/* What a pickle of a fitted model looks like to a compressor: opcodes and
 * short strings that repeat, and float64 arrays that hardly compress.
 * Larger than one chunk of the decoder loop (256 kB). */
static const char pickle_text[] = "\x80\x04\x95sklearn.svm._classes\x94SVC\x93)\x81}";

static GBytes *
make_payload (gsize length)
{
  guint8 *data = g_malloc (MAX (length, 1));
  guint32 state = 12345;

  for (gsize i = 0; i < length; i++)
    {
      if ((i / 4096) % 2 == 0)
        {
          state = state * 1103515245u + 12345u;
          data[i] = (guint8) (state >> 16);
        }
      else
        data[i] = (guint8) pickle_text[i % (sizeof pickle_text - 1)];
    }
  return g_bytes_new_take (data, length);
}

/* One stream of @compressor holding @data, written as joblib writes it:
 * level 3 (joblib's default compresslevel); zlib and gzip through zlib's
 * deflate with windowBits 15 and 31, memLevel 8, the default strategy
 * (zlib.compressobj in BinaryZlibFile); bz2 with 100k blocks times 3
 * (bz2.BZ2File); xz with CRC64 (lzma.LZMAFile, FORMAT_XZ); lzma as the
 * "alone" format with an end marker and no size (FORMAT_ALONE); lz4 as
 * one frame (lz4.frame.LZ4FrameFile), with a content checksum when
 * @lz4_checksum. */
static GBytes *
compress_full (MpPickleCompressor compressor,
               const guint8      *data,
               gsize              length,
               gboolean           lz4_checksum)
{
  gsize capacity = length + length / 2 + 1024;
  guint8 *out = g_malloc (capacity);
  gsize out_length = 0;
  static const guint8 nothing[1];

  /* The libraries refuse a NULL input even of length 0. */
  if (data == NULL)
    data = nothing;
  switch (compressor)
    {
    case MP_PICKLE_COMPRESSOR_ZLIB:
    case MP_PICKLE_COMPRESSOR_GZIP:
      {
        z_stream z = { 0, };

        g_assert_cmpint (deflateInit2 (&z, 3, Z_DEFLATED,
                                       compressor == MP_PICKLE_COMPRESSOR_GZIP ? 31 : 15,
                                       8, Z_DEFAULT_STRATEGY), ==, Z_OK);
        z.next_in = (Bytef *) data;
        z.avail_in = (uInt) length;
        z.next_out = out;
        z.avail_out = (uInt) capacity;
        g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
        out_length = z.total_out;
        deflateEnd (&z);
      }
      break;
    case MP_PICKLE_COMPRESSOR_BZ2:
      {
        unsigned int n = (unsigned int) capacity;

        g_assert_cmpint (BZ2_bzBuffToBuffCompress ((char *) out, &n, (char *) data,
                                                   (unsigned int) length, 3, 0, 0), ==, BZ_OK);
        out_length = n;
      }
      break;
    case MP_PICKLE_COMPRESSOR_XZ:
      g_assert_cmpint (lzma_easy_buffer_encode (3, LZMA_CHECK_CRC64, NULL, data, length,
                                                out, &out_length, capacity), ==, LZMA_OK);
      break;
    case MP_PICKLE_COMPRESSOR_LZMA:
      {
        lzma_stream s = LZMA_STREAM_INIT;
        lzma_options_lzma options;

        g_assert_false (lzma_lzma_preset (&options, 3));
        g_assert_cmpint (lzma_alone_encoder (&s, &options), ==, LZMA_OK);
        s.next_in = data;
        s.avail_in = length;
        s.next_out = out;
        s.avail_out = capacity;
        g_assert_cmpint (lzma_code (&s, LZMA_FINISH), ==, LZMA_STREAM_END);
        out_length = s.total_out;
        lzma_end (&s);
      }
      break;
    case MP_PICKLE_COMPRESSOR_LZ4:
      {
        LZ4F_preferences_t prefs = LZ4F_INIT_PREFERENCES;
        size_t ret;

        prefs.compressionLevel = 3;
        prefs.frameInfo.contentChecksumFlag = lz4_checksum ? LZ4F_contentChecksumEnabled
                                                           : LZ4F_noContentChecksum;
        out = g_realloc (out, capacity = MAX (capacity, LZ4F_compressFrameBound (length, &prefs)));
        ret = LZ4F_compressFrame (out, capacity, data, length, &prefs);
        g_assert_false (LZ4F_isError (ret));
        out_length = ret;
      }
      break;
    case MP_PICKLE_COMPRESSOR_NONE:
    default:
      g_assert_not_reached ();
    }
  return g_bytes_new_take (g_realloc (out, out_length), out_length);
}

static GBytes *
compress_bytes (MpPickleCompressor compressor,
          GBytes            *data)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);

  return compress_full (compressor, bytes, length, FALSE);
}

static GBytes *
concat (GBytes       *a,
        const guint8 *b,
        gsize         b_length)
{
  GByteArray *out = g_byte_array_new ();
  gsize a_length;
  const guint8 *a_data = g_bytes_get_data (a, &a_length);

  g_byte_array_append (out, a_data, (guint) a_length);
  g_byte_array_append (out, b, (guint) b_length);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
slice (GBytes *bytes,
       gsize   offset,
       gsize   length)
{
  return g_bytes_new_from_bytes (bytes, offset, length);
}

static void
test_names (void)
{
  const char *expected[] = { NULL, "zlib", "gzip", "bz2", "xz", "lzma", "lz4" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (_mp_pickle_compressor_name (i), ==, expected[i]);
}

static void
test_detect (void)
{
  const struct {
    const char *prefix;
    gsize length;
    MpPickleCompressor expected;
  } cases[] = {
    { "\x78\x9c", 2, MP_PICKLE_COMPRESSOR_ZLIB },
    { "\x78", 1, MP_PICKLE_COMPRESSOR_ZLIB },
    { "\x1f\x8b\x08", 3, MP_PICKLE_COMPRESSOR_GZIP },
    { "\x1f", 1, MP_PICKLE_COMPRESSOR_NONE },
    { "BZh9", 4, MP_PICKLE_COMPRESSOR_BZ2 },
    { "BZ", 2, MP_PICKLE_COMPRESSOR_NONE },
    { "\xfd" "7zXZ\x00", 6, MP_PICKLE_COMPRESSOR_XZ },
    { "\xfd" "7zX", 4, MP_PICKLE_COMPRESSOR_NONE },
    { "\x5d\x00\x00\x80\x00", 5, MP_PICKLE_COMPRESSOR_LZMA },
    { "\x5d\x01", 2, MP_PICKLE_COMPRESSOR_NONE },
    { "\x04\x22\x4d\x18\x64", 5, MP_PICKLE_COMPRESSOR_LZ4 },
    { "\x04\x22\x4d", 3, MP_PICKLE_COMPRESSOR_NONE },
    { "\x80\x04\x95", 3, MP_PICKLE_COMPRESSOR_NONE },   /* a protocol 4 pickle */
    { "", 0, MP_PICKLE_COMPRESSOR_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (_mp_pickle_detect_compressor ((const guint8 *) cases[i].prefix, cases[i].length),
                     ==, cases[i].expected);
  g_assert_cmpint (_mp_pickle_detect_compressor (NULL, 0), ==, MP_PICKLE_COMPRESSOR_NONE);
}

static void
test_roundtrip (gconstpointer user_data)
{
  MpPickleCompressor compressor = GPOINTER_TO_UINT (user_data);
  g_autoptr(GBytes) payload = make_payload (600 * 1024 + 7);
  g_autoptr(GBytes) compressed = compress_bytes (compressor, payload);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  MpPickleCompressor found = MP_PICKLE_COMPRESSOR_NONE;
  gsize length = g_bytes_get_size (payload);

  g_assert_cmpint (_mp_pickle_detect_compressor (g_bytes_get_data (compressed, NULL),
                                                 g_bytes_get_size (compressed)), ==, compressor);
  result = _mp_pickle_decompress (compressed, 64 * MiB, NULL, &found, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, compressor);
  g_assert_true (g_bytes_equal (result, payload));
  g_clear_pointer (&result, g_bytes_unref);

  /* A limit of exactly the output's size is enough; one byte less is not. */
  result = _mp_pickle_decompress (compressed, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (result, payload));
  g_clear_pointer (&result, g_bytes_unref);

  result = _mp_pickle_decompress (compressed, length - 1, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
  {
    g_autofree char *expected = g_strdup_printf ("%s: the decompressed stream exceeds the limit of %"
                                                 G_GSIZE_FORMAT " bytes",
                                                 _mp_pickle_compressor_name (compressor), length - 1);
    g_assert_cmpstr (error->message, ==, expected);
  }
}

static void
test_lz4_checksum (void)
{
  g_autoptr(GBytes) payload = make_payload (300 * 1024);
  g_autoptr(GBytes) compressed = compress_full (MP_PICKLE_COMPRESSOR_LZ4,
                                                g_bytes_get_data (payload, NULL),
                                                g_bytes_get_size (payload), TRUE);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;

  result = _mp_pickle_decompress (compressed, 64 * MiB, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (result, payload));
}

static void
test_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  MpPickleCompressor found = MP_PICKLE_COMPRESSOR_LZ4;

  /* Not compressed: the input itself. */
  result = _mp_pickle_decompress (empty, 0, NULL, &found, &error);
  g_assert_no_error (error);
  g_assert_true (result == empty);
  g_assert_cmpint (found, ==, MP_PICKLE_COMPRESSOR_NONE);
  g_clear_pointer (&result, g_bytes_unref);

  /* A compressed empty stream decompresses to nothing, within a limit of 0. */
  for (guint i = 0; i < G_N_ELEMENTS (all_compressors); i++)
    {
      g_autoptr(GBytes) compressed = compress_bytes (all_compressors[i], empty);

      result = _mp_pickle_decompress (compressed, 0, NULL, &found, &error);
      g_assert_no_error (error);
      g_assert_cmpint (found, ==, all_compressors[i]);
      g_assert_cmpuint (g_bytes_get_size (result), ==, 0);
      g_clear_pointer (&result, g_bytes_unref);
    }
}

static void
test_not_compressed (void)
{
  g_autoptr(GBytes) pickle = g_bytes_new_static ("\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01.", 14);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Not compressed: returned as it is, whatever the limit (the caller
   * bounds its input's size itself). */
  result = _mp_pickle_decompress (pickle, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result == pickle);
}

/* 64 MiB of zeros as one stream, compressed chunk by chunk (so that the
 * test itself never holds them) at the compressor's strongest setting. */
static GBytes *
make_bomb (MpPickleCompressor compressor)
{
  const gsize total = 64 * MiB;
  const gsize piece = MiB;
  g_autofree guint8 *zeros = g_malloc0 (piece);
  GByteArray *out = g_byte_array_new ();
  guint8 buffer[65536];

  switch (compressor)
    {
    case MP_PICKLE_COMPRESSOR_ZLIB:
    case MP_PICKLE_COMPRESSOR_GZIP:
      {
        z_stream z = { 0, };
        int ret;

        g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED,
                                       compressor == MP_PICKLE_COMPRESSOR_GZIP ? 31 : 15,
                                       9, Z_DEFAULT_STRATEGY), ==, Z_OK);
        for (gsize done = 0; done < total; done += piece)
          {
            z.next_in = zeros;
            z.avail_in = (uInt) piece;
            do
              {
                z.next_out = buffer;
                z.avail_out = sizeof buffer;
                ret = deflate (&z, done + piece == total ? Z_FINISH : Z_NO_FLUSH);
                g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
              }
            while (z.avail_in > 0 || (done + piece == total && ret != Z_STREAM_END));
          }
        deflateEnd (&z);
      }
      break;
    case MP_PICKLE_COMPRESSOR_BZ2:
      {
        bz_stream bz = { 0, };
        int ret;

        g_assert_cmpint (BZ2_bzCompressInit (&bz, 9, 0, 0), ==, BZ_OK);
        for (gsize done = 0; done < total; done += piece)
          {
            gboolean last = done + piece == total;

            bz.next_in = (char *) zeros;
            bz.avail_in = (unsigned int) piece;
            do
              {
                bz.next_out = (char *) buffer;
                bz.avail_out = sizeof buffer;
                ret = BZ2_bzCompress (&bz, last ? BZ_FINISH : BZ_RUN);
                g_assert_cmpint (ret, >=, 0);
                g_byte_array_append (out, buffer, sizeof buffer - bz.avail_out);
              }
            while (bz.avail_in > 0 || (last && ret != BZ_STREAM_END));
          }
        BZ2_bzCompressEnd (&bz);
      }
      break;
    case MP_PICKLE_COMPRESSOR_XZ:
    case MP_PICKLE_COMPRESSOR_LZMA:
      {
        lzma_stream s = LZMA_STREAM_INIT;
        lzma_options_lzma options;
        lzma_ret ret;

        if (compressor == MP_PICKLE_COMPRESSOR_XZ)
          g_assert_cmpint (lzma_easy_encoder (&s, 1, LZMA_CHECK_CRC64), ==, LZMA_OK);
        else
          {
            g_assert_false (lzma_lzma_preset (&options, 1));
            g_assert_cmpint (lzma_alone_encoder (&s, &options), ==, LZMA_OK);
          }
        for (gsize done = 0; done < total; done += piece)
          {
            gboolean last = done + piece == total;

            s.next_in = zeros;
            s.avail_in = piece;
            do
              {
                s.next_out = buffer;
                s.avail_out = sizeof buffer;
                ret = lzma_code (&s, last ? LZMA_FINISH : LZMA_RUN);
                g_assert_true (ret == LZMA_OK || ret == LZMA_STREAM_END);
                g_byte_array_append (out, buffer, sizeof buffer - s.avail_out);
              }
            while (s.avail_in > 0 || (last && ret != LZMA_STREAM_END));
          }
        lzma_end (&s);
      }
      break;
    case MP_PICKLE_COMPRESSOR_LZ4:
      {
        LZ4F_cctx *cctx = NULL;
        LZ4F_preferences_t prefs = LZ4F_INIT_PREFERENCES;
        gsize bound;
        g_autofree guint8 *block = NULL;
        size_t n;

        prefs.compressionLevel = 9;
        g_assert_false (LZ4F_isError (LZ4F_createCompressionContext (&cctx, LZ4F_VERSION)));
        bound = LZ4F_compressBound (piece, &prefs);
        block = g_malloc (bound);
        n = LZ4F_compressBegin (cctx, block, bound, &prefs);
        g_assert_false (LZ4F_isError (n));
        g_byte_array_append (out, block, (guint) n);
        for (gsize done = 0; done < total; done += piece)
          {
            n = LZ4F_compressUpdate (cctx, block, bound, zeros, piece, NULL);
            g_assert_false (LZ4F_isError (n));
            g_byte_array_append (out, block, (guint) n);
          }
        n = LZ4F_compressEnd (cctx, block, bound, NULL);
        g_assert_false (LZ4F_isError (n));
        g_byte_array_append (out, block, (guint) n);
        LZ4F_freeCompressionContext (cctx);
      }
      break;
    case MP_PICKLE_COMPRESSOR_NONE:
    default:
      g_assert_not_reached ();
    }
  return g_byte_array_free_to_bytes (out);
}

static void
test_bomb (gconstpointer user_data)
{
  MpPickleCompressor compressor = GPOINTER_TO_UINT (user_data);
  g_autoptr(GBytes) bomb = make_bomb (compressor);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_test_message ("%s: 64 MiB of zeros in %" G_GSIZE_FORMAT " bytes",
                  _mp_pickle_compressor_name (compressor), g_bytes_get_size (bomb));
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 64 * MiB / 100);
  result = _mp_pickle_decompress (bomb, MiB, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
  expected = g_strdup_printf ("%s: the decompressed stream exceeds the limit of 1048576 bytes",
                              _mp_pickle_compressor_name (compressor));
  g_assert_cmpstr (error->message, ==, expected);
}

static void
assert_malformed (GBytes     *input,
                  const char *expected)
{
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;

  result = _mp_pickle_decompress (input, 64 * MiB, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_truncated (gconstpointer user_data)
{
  MpPickleCompressor compressor = GPOINTER_TO_UINT (user_data);
  const char *name = _mp_pickle_compressor_name (compressor);
  g_autoptr(GBytes) payload = make_payload (300 * 1024);
  g_autoptr(GBytes) compressed = compress_bytes (compressor, payload);
  gsize length = g_bytes_get_size (compressed);
  const gsize cuts[] = { length - 1, length / 2 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = slice (compressed, 0, cuts[i]);
      g_autofree char *expected = g_strdup_printf ("%s: the compressed stream ends early (at byte %"
                                                   G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ")",
                                                   name, cuts[i], cuts[i]);

      assert_malformed (cut, expected);
    }
}

/* The compressor's reason for refusing a stream corrupted in its middle. */
static const char *
corrupt_reason (MpPickleCompressor compressor)
{
  switch (compressor)
    {
    case MP_PICKLE_COMPRESSOR_ZLIB:
    case MP_PICKLE_COMPRESSOR_GZIP:
      return "incorrect data check";
    case MP_PICKLE_COMPRESSOR_BZ2:
    case MP_PICKLE_COMPRESSOR_XZ:
    case MP_PICKLE_COMPRESSOR_LZMA:
      return "corrupt data";
    case MP_PICKLE_COMPRESSOR_LZ4:
      return "ERROR_contentChecksum_invalid";
    case MP_PICKLE_COMPRESSOR_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
test_corrupt (gconstpointer user_data)
{
  MpPickleCompressor compressor = GPOINTER_TO_UINT (user_data);
  const char *name = _mp_pickle_compressor_name (compressor);
  g_autoptr(GBytes) payload = make_payload (300 * 1024);
  /* lz4 frames detect corruption only through their checksums. */
  g_autoptr(GBytes) compressed = compress_full (compressor, g_bytes_get_data (payload, NULL),
                                                g_bytes_get_size (payload), TRUE);
  gsize length;
  const guint8 *data = g_bytes_get_data (compressed, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  g_autoptr(GBytes) corrupt = NULL;
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_start = NULL;
  g_autofree char *expected_end = NULL;

  for (gsize i = length / 2; i < length / 2 + 16; i++)
    copy[i] ^= 0x55;
  corrupt = g_bytes_new_take (g_steal_pointer (&copy), length);
  result = _mp_pickle_decompress (corrupt, 64 * MiB, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  expected_start = g_strdup_printf ("%s: %s (%s byte ", name, corrupt_reason (compressor),
                                    compressor == MP_PICKLE_COMPRESSOR_LZ4 ? "at or after" : "at");
  expected_end = g_strdup_printf (" of %" G_GSIZE_FORMAT ")", length);
  g_assert_true (g_str_has_prefix (error->message, expected_start));
  g_assert_true (g_str_has_suffix (error->message, expected_end));
}

static void
test_trailing (gconstpointer user_data)
{
  MpPickleCompressor compressor = GPOINTER_TO_UINT (user_data);
  const char *name = _mp_pickle_compressor_name (compressor);
  g_autoptr(GBytes) payload = make_payload (100 * 1024);
  g_autoptr(GBytes) compressed = compress_bytes (compressor, payload);
  gsize length = g_bytes_get_size (compressed);
  g_autoptr(GBytes) junk = concat (compressed, (const guint8 *) "junk", 4);
  g_autoptr(GBytes) zeros = concat (compressed, (const guint8 *) "\0\0\0\0", 4);
  g_autofree char *expected = g_strdup_printf ("%s: 4 bytes of trailing data after the end of the "
                                               "compressed stream (at byte %" G_GSIZE_FORMAT
                                               " of %" G_GSIZE_FORMAT ")",
                                               name, length, length + 4);

  assert_malformed (junk, expected);
  assert_malformed (zeros, expected);
}

/* Two whole streams one after the other: what Python's reader for that
 * compressor does (see the .c file). */
static void
test_concatenated (gconstpointer user_data)
{
  MpPickleCompressor compressor = GPOINTER_TO_UINT (user_data);
  const char *name = _mp_pickle_compressor_name (compressor);
  g_autoptr(GBytes) first = make_payload (70 * 1024);
  g_autoptr(GBytes) second = g_bytes_new_static ("and a second stream", 19);
  g_autoptr(GBytes) a = compress_bytes (compressor, first);
  g_autoptr(GBytes) b = compress_bytes (compressor, second);
  g_autoptr(GBytes) both = concat (a, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;

  result = _mp_pickle_decompress (both, 64 * MiB, NULL, NULL, &error);
  if (compressor == MP_PICKLE_COMPRESSOR_ZLIB || compressor == MP_PICKLE_COMPRESSOR_GZIP)
    {
      g_autofree char *expected = g_strdup_printf ("%s: %" G_GSIZE_FORMAT " bytes of trailing data "
                                                   "after the end of the compressed stream (at byte %"
                                                   G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ")",
                                                   name, g_bytes_get_size (b), g_bytes_get_size (a),
                                                   g_bytes_get_size (both));

      g_assert_null (result);
      g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
      g_assert_cmpstr (error->message, ==, expected);
    }
  else
    {
      gsize first_length = g_bytes_get_size (first);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (result), ==, first_length + 19);
      g_assert_cmpmem (g_bytes_get_data (result, NULL), first_length,
                       g_bytes_get_data (first, NULL), first_length);
      g_assert_cmpmem ((const guint8 *) g_bytes_get_data (result, NULL) + first_length, 19,
                       "and a second stream", 19);
      g_clear_pointer (&result, g_bytes_unref);

      /* The limit covers the streams together. */
      result = _mp_pickle_decompress (both, first_length + 18, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
    }
}

static void
test_cancelled (void)
{
  g_autoptr(GBytes) payload = make_payload (100 * 1024);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (all_compressors); i++)
    {
      g_autoptr(GBytes) compressed = compress_bytes (all_compressors[i], payload);
      g_autoptr(GBytes) result = NULL;
      g_autoptr(GError) error = NULL;

      result = _mp_pickle_decompress (compressed, 64 * MiB, cancellable, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

/* An lzma header may ask for a dictionary of 2 GiB (or 4): liblzma would
 * allocate it before decoding anything. joblib's prefix takes the low
 * byte of the dictionary size to be 0. */
static void
test_lzma_memlimit (void)
{
  static const guint8 header[] = {
    0x5d, 0x00, 0x00, 0x00, 0x80,                           /* lc/lp/pb, 2 GiB dictionary */
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,         /* unknown size */
    0x00, 0x41, 0xfe, 0x03, 0x20, 0x9d, 0x11, 0x55,
  };
  g_autoptr(GBytes) input = g_bytes_new_static (header, sizeof header);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;

  result = _mp_pickle_decompress (input, MiB, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "lzma: decoding needs "));
  g_assert_true (g_str_has_suffix (error->message,
                                   " bytes of memory, more than the limit of 134217728 bytes "
                                   "(at byte 13 of 21)"));
}

/* A bzip2 header that is not followed by a block or an end marker. */
static void
test_bz2_bad_header (void)
{
  g_autoptr(GBytes) input = g_bytes_new_static ("BZh0\x31\x41\x59\x26\x53\x59", 10);

  assert_malformed (input, "bz2: not a bzip2 stream (at byte 4 of 10)");
}

static void
test_describe_foreign (void)
{
  const struct {
    const char *data;
    gsize length;
    const char *expected;
  } cases[] = {
    { "PK\x03\x04\x14\x00", 6, "a zip archive" },
    { "PK\x05\x06", 4, "a zip archive" },
    { MP_STREAM_MAGIC "\x01\x00", MP_STREAM_MAGIC_LEN + 2, "a ModelPersist stream" },
    { "{\"format\": 1}", 13, "JSON text (a ModelPersist bundle?)" },
    { " \n\t\r{", 5, "JSON text (a ModelPersist bundle?)" },
    { "\x93NUMPY\x01\x00", 8, "a NumPy .npy file" },
    { "ZF0x00000010", 12, "a joblib file from before joblib 0.10 (ZF prefix)" },
    { "\x89HDF\r\n\x1a\n\x00", 9, "an HDF5 file" },
    { "\x89HDF\r\n", 6, NULL },
    { "\x80\x04\x95", 3, NULL },
    { "\x78\x9c", 2, NULL },
    { "\x1f\x8b", 2, NULL },
    { "   ", 3, NULL },
    { "PK", 2, NULL },
    { "", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (_mp_pickle_describe_foreign ((const guint8 *) cases[i].data, cases[i].length),
                     ==, cases[i].expected);
  g_assert_null (_mp_pickle_describe_foreign (NULL, 0));
}

static void
add_per_compressor (const char   *what,
                    GTestDataFunc func)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_compressors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pickle-container/%s/%s", what,
                                               _mp_pickle_compressor_name (all_compressors[i]));

      g_test_add_data_func (path, GUINT_TO_POINTER (all_compressors[i]), func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pickle-container/names", test_names);
  g_test_add_func ("/pickle-container/detect", test_detect);
  add_per_compressor ("roundtrip", test_roundtrip);
  g_test_add_func ("/pickle-container/roundtrip/lz4-checksum", test_lz4_checksum);
  g_test_add_func ("/pickle-container/empty", test_empty);
  g_test_add_func ("/pickle-container/not-compressed", test_not_compressed);
  add_per_compressor ("bomb", test_bomb);
  add_per_compressor ("truncated", test_truncated);
  add_per_compressor ("corrupt", test_corrupt);
  add_per_compressor ("trailing", test_trailing);
  add_per_compressor ("concatenated", test_concatenated);
  g_test_add_func ("/pickle-container/cancelled", test_cancelled);
  g_test_add_func ("/pickle-container/lzma-memlimit", test_lzma_memlimit);
  g_test_add_func ("/pickle-container/bz2-bad-header", test_bz2_bad_header);
  g_test_add_func ("/pickle-container/describe-foreign", test_describe_foreign);

  return g_test_run ();
}
