/* mp-pickle-container-private.h: the compression layer of joblib's
 * containers, and what a file that is not a pickle looks like
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  MP_PICKLE_COMPRESSOR_NONE,
  MP_PICKLE_COMPRESSOR_ZLIB,
  MP_PICKLE_COMPRESSOR_GZIP,
  MP_PICKLE_COMPRESSOR_BZ2,
  MP_PICKLE_COMPRESSOR_XZ,
  MP_PICKLE_COMPRESSOR_LZMA,
  MP_PICKLE_COMPRESSOR_LZ4,
} MpPickleCompressor;

/* "zlib", "gzip", "bz2", "xz", "lzma", "lz4" (joblib's names); NULL for
 * NONE */
const char         *_mp_pickle_compressor_name   (MpPickleCompressor   compressor);

/* Which of joblib's compressors wrote @data, by the prefixes joblib itself
 * uses (joblib/compressor.py): zlib b'\x78', gzip b'\x1f\x8b', bz2 b'BZh'
 * (joblib tests only b'BZ'; every bzip2 stream goes on with 'h'), xz
 * b'\xfd7zXZ', lzma b'\x5d\x00', lz4 b'\x04\x22\x4d\x18'; NONE otherwise. */
MpPickleCompressor  _mp_pickle_detect_compressor (const guint8        *data,
                                                  gsize                length);

/* The whole decompressed stream of @input (a new reference to @input
 * itself when it is not compressed), never more than @max_output bytes: a
 * larger output is refused with MP_ERROR_LIMIT_EXCEEDED as soon as it
 * passes the bound, message naming the compressor and the limit:
 *   "zlib: the decompressed stream exceeds the limit of 1048576 bytes"
 * (the caller may add which of its options set the limit). A truncated or
 * corrupt stream is MP_ERROR_MALFORMED naming the compressor, the
 * library's reason and the input byte offset:
 *   "bz2: the compressed stream ends early (at byte 1234 of 1234)"
 * Trailing bytes after the end of a compressed stream are MALFORMED too,
 * except for another whole stream of the same kind where Python's readers
 * accept one (bz2, xz, lzma, lz4: see the .c file). An xz or lzma stream
 * whose decoder would need more memory than the limit allows is
 * LIMIT_EXCEEDED. @cancellable is checked between chunks
 * (G_IO_ERROR_CANCELLED). Sets *@compressor_out (may be NULL) to what it
 * found, also on failure. */
GBytes             *_mp_pickle_decompress        (GBytes              *input,
                                                  guint64              max_output,
                                                  GCancellable        *cancellable,
                                                  MpPickleCompressor  *compressor_out,
                                                  GError             **error);

/* For error messages when a file is not a pickle: what it looks like, or
 * NULL when it is none of these: "a zip archive" (skops files, torch,
 * npz), "a ModelPersist stream", "JSON text (a ModelPersist bundle?)", "a
 * NumPy .npy file", "a joblib file from before joblib 0.10 (ZF prefix)",
 * "an HDF5 file". Compressed streams are _mp_pickle_detect_compressor()'s
 * business and give NULL here. */
const char         *_mp_pickle_describe_foreign  (const guint8        *data,
                                                  gsize                length);

G_END_DECLS
