/* mp-format-private.h: constants and small helpers of format 1.x, shared
 * by the writers and the loader (docs/format.md is the specification)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mp-array.h"

G_BEGIN_DECLS

#define MP_FORMAT_NAME           "libmodelpersist"
#define MP_FORMAT_VERSION_MAJOR  1
#define MP_FORMAT_VERSION_MINOR  3
#define MP_FORMAT_VERSION        "1.3"
/* What a writer says when a file needs nothing 1.3 added (compressed
 * arrays, docs/format.md 2.7). */
#define MP_FORMAT_VERSION_1_2    "1.2"

/* Every array starts at a multiple of this many bytes of the payload. */
#define MP_PAYLOAD_ALIGNMENT     64

/* The single-stream container: a 64-byte header, the JSON text, zero
 * padding up to the next multiple of 64, then the payload. */
#define MP_STREAM_MAGIC          "\x89MPERSI\n"
#define MP_STREAM_MAGIC_LEN      8
#define MP_STREAM_HEADER_SIZE    64
#define MP_STREAM_CONTAINER_VERSION 1

#define MP_CHECKSUM_PREFIX       "xxh3-64:"

/* A str array's stored offsets are u64 little-endian. */
#define MP_STRING_OFFSET_SIZE    8

typedef struct {
  guint32 container_version;
  guint64 json_length;
  guint64 payload_offset;
  guint64 payload_length;
} MpStreamHeader;

/* The format's dtype string of @dtype: "<f8", "<f4", "<i8", "<i4", "|u1",
 * "|b1", "utf8". */
const char *_mp_format_dtype_code      (MpDType      dtype);
gboolean    _mp_format_dtype_from_code (const char  *code,
                                        MpDType     *dtype);

/* Rounds @value up to a multiple of MP_PAYLOAD_ALIGNMENT; FALSE on
 * overflow. */
gboolean    _mp_format_align           (guint64      value,
                                        guint64     *aligned);

/* XXH3-64 of @data, the number _mp_format_checksum() spells. */
guint64     _mp_format_checksum_value  (gconstpointer data,
                                        gsize         n_bytes);

/* "xxh3-64:" followed by 16 lower-case hex digits of XXH3-64 of @data. */
char       *_mp_format_checksum        (gconstpointer data,
                                        gsize        n_bytes);

/* The bytes of @array as the payload stores them: little-endian. On a
 * little-endian host this is the array's own GBytes, except for a str
 * array, whose offsets table and text are built (docs/format.md, 3.1). */
GBytes     *_mp_format_array_to_le     (MpArray     *array);

/* The length of what _mp_format_array_to_le() gives: a descriptor's
 * nbytes. */
guint64     _mp_format_stored_size     (MpArray     *array);

/* Checks and copies a stored str array: @data (@n_bytes, at least the
 * offsets table) holds the elements of @shape. Offsets must start at 0,
 * never decrease and end at the text's length; every element must be
 * UTF-8 without U+0000. MP_ERROR_INVALID_ARRAY names @path. The result
 * never views @data, so a mapped payload cannot change it. */
MpArray    *_mp_format_strings_decode  (const guint8 *data,
                                        gsize        n_bytes,
                                        const gsize *shape,
                                        guint        n_dims,
                                        const char  *path,
                                        GError     **error);

/* Swaps every element of @data in place between little-endian and the
 * host's order; a no-op on little-endian hosts. */
void        _mp_format_swap_to_host    (gpointer     data,
                                        gsize        n_bytes,
                                        gsize        item_size);

void        _mp_format_header_encode   (const MpStreamHeader *header,
                                        guint8       out[MP_STREAM_HEADER_SIZE]);
gboolean    _mp_format_header_decode   (const guint8 *data,
                                        gsize        length,
                                        MpStreamHeader *header,
                                        GError     **error);

G_END_DECLS
