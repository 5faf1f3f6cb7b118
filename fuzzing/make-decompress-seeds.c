/* make-decompress-seeds.c: writes fuzz-decompress's seeds, one small
 * stream per joblib compressor, made with the compressors' libraries so
 * that no binary file is committed
 *
 *   make-decompress-seeds OUTDIR     writes OUTDIR/decompress/NAME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <bzlib.h>
#include <lz4frame.h>
#include <lzma.h>
#include <zlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#define CAPACITY 65536

static guint8 payload[3000];
static const char pickle_text[] =
  "\x80\x04\x95\x00\x01\x00\x00\x00\x00\x00\x00\x8c\x0bsklearn.svm\x94\x8c\x03SVC\x94\x93";
static char *outdir;

static void
check (gboolean    ok,
       const char *what)
{
  if (!ok)
    {
      g_printerr ("make-decompress-seeds: %s failed\n", what);
      exit (1);
    }
}

static void
write_seed (const char   *name,
            const guint8 *data,
            gsize         length)
{
  g_autofree char *path = g_build_filename (outdir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) data, length, &error))
    {
      g_printerr ("make-decompress-seeds: %s\n", error->message);
      exit (1);
    }
}

static gsize
deflate_to (guint8 *out,
            int     window_bits)
{
  z_stream z = { 0, };
  gsize n;

  check (deflateInit2 (&z, 3, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
  z.next_in = payload;
  z.avail_in = sizeof payload;
  z.next_out = out;
  z.avail_out = CAPACITY;
  check (deflate (&z, Z_FINISH) == Z_STREAM_END, "deflate");
  n = z.total_out;
  deflateEnd (&z);
  return n;
}

static gsize
lzma_alone_to (guint8 *out)
{
  lzma_stream s = LZMA_STREAM_INIT;
  lzma_options_lzma options;
  gsize n;

  check (!lzma_lzma_preset (&options, 3), "lzma_lzma_preset");
  /* A small dictionary: liblzma allocates it before decoding. */
  options.dict_size = 1 << 16;
  check (lzma_alone_encoder (&s, &options) == LZMA_OK, "lzma_alone_encoder");
  s.next_in = payload;
  s.avail_in = sizeof payload;
  s.next_out = out;
  s.avail_out = CAPACITY;
  check (lzma_code (&s, LZMA_FINISH) == LZMA_STREAM_END, "lzma_code");
  n = s.total_out;
  lzma_end (&s);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree guint8 *out = g_malloc (2 * CAPACITY);
  unsigned int bz_length = CAPACITY;
  gsize n = 0;
  LZ4F_preferences_t prefs = LZ4F_INIT_PREFERENCES;

  if (argc != 2)
    {
      g_printerr ("usage: make-decompress-seeds OUTDIR\n");
      return 2;
    }
  outdir = g_build_filename (argv[1], "decompress", NULL);
  g_mkdir_with_parents (outdir, 0755);

  /* A protocol 4 pickle's opening, short strings that repeat, and bytes
   * that do not. */
  for (gsize i = 0; i < sizeof payload; i++)
    payload[i] = i < 2000 ? (guint8) pickle_text[i % (sizeof pickle_text - 1)]
                          : (guint8) (i * 2654435761u >> 13);

  write_seed ("zlib", out, deflate_to (out, 15));
  write_seed ("gzip", out, deflate_to (out, 31));

  check (BZ2_bzBuffToBuffCompress ((char *) out, &bz_length, (char *) payload, sizeof payload,
                                   1, 0, 0) == BZ_OK, "BZ2_bzBuffToBuffCompress");
  write_seed ("bz2", out, bz_length);
  /* Two streams one after the other. */
  memcpy (out + bz_length, out, bz_length);
  write_seed ("bz2-two-streams", out, 2 * bz_length);

  check (lzma_easy_buffer_encode (0, LZMA_CHECK_CRC64, NULL, payload, sizeof payload,
                                  out, &n, CAPACITY) == LZMA_OK, "lzma_easy_buffer_encode");
  write_seed ("xz", out, n);
  n = 0;
  check (lzma_easy_buffer_encode (0, LZMA_CHECK_CRC32, NULL, payload, sizeof payload,
                                  out, &n, CAPACITY) == LZMA_OK, "lzma_easy_buffer_encode");
  write_seed ("xz-crc32", out, n);

  write_seed ("lzma", out, lzma_alone_to (out));

  prefs.compressionLevel = 3;
  n = LZ4F_compressFrame (out, CAPACITY, payload, sizeof payload, &prefs);
  check (!LZ4F_isError (n), "LZ4F_compressFrame");
  write_seed ("lz4", out, n);
  prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
  prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
  prefs.frameInfo.contentSize = sizeof payload;
  n = LZ4F_compressFrame (out, CAPACITY, payload, sizeof payload, &prefs);
  check (!LZ4F_isError (n), "LZ4F_compressFrame");
  write_seed ("lz4-checksums", out, n);

  g_print ("make-decompress-seeds: 9 seeds in %s\n", outdir);
  return 0;
}
