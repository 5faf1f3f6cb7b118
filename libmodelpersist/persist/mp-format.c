/* mp-format.c: constants and small helpers of format 1.x
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <xxhash.h>

#include "mp-array-private.h"
#include "mp-error.h"
#include "mp-format-private.h"

static const char * const dtype_codes[] = {
  [MP_DTYPE_FLOAT64] = "<f8",
  [MP_DTYPE_FLOAT32] = "<f4",
  [MP_DTYPE_INT64]   = "<i8",
  [MP_DTYPE_INT32]   = "<i4",
  [MP_DTYPE_UINT8]   = "|u1",
  [MP_DTYPE_BOOL]    = "|b1",
  [MP_DTYPE_STRING]  = "utf8",
};

const char *
_mp_format_dtype_code (MpDType dtype)
{
  g_return_val_if_fail ((guint) dtype < G_N_ELEMENTS (dtype_codes), NULL);

  return dtype_codes[dtype];
}

gboolean
_mp_format_dtype_from_code (const char *code,
                            MpDType    *dtype)
{
  for (guint i = 0; i < G_N_ELEMENTS (dtype_codes); i++)
    {
      if (strcmp (code, dtype_codes[i]) == 0)
        {
          *dtype = (MpDType) i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_mp_format_align (guint64  value,
                  guint64 *aligned)
{
  guint64 rem = value % MP_PAYLOAD_ALIGNMENT;

  if (rem == 0)
    {
      *aligned = value;
      return TRUE;
    }
  return g_uint64_checked_add (aligned, value, MP_PAYLOAD_ALIGNMENT - rem);
}

guint64
_mp_format_checksum_value (gconstpointer data,
                           gsize         n_bytes)
{
  return XXH3_64bits (data, n_bytes);
}

char *
_mp_format_checksum (gconstpointer data,
                     gsize         n_bytes)
{
  return g_strdup_printf (MP_CHECKSUM_PREFIX "%016" G_GINT64_MODIFIER "x",
                          _mp_format_checksum_value (data, n_bytes));
}

void
_mp_format_swap_to_host (gpointer data,
                         gsize    n_bytes,
                         gsize    item_size)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  guint8 *p = data;

  if (item_size <= 1)
    return;
  for (gsize i = 0; i + item_size <= n_bytes; i += item_size)
    for (gsize a = 0, b = item_size - 1; a < b; a++, b--)
      {
        guint8 t = p[i + a];
        p[i + a] = p[i + b];
        p[i + b] = t;
      }
#endif
}

/* A str array is stored as its offsets table, n + 1 u64 little-endian
 * byte offsets into the text (0 first, the text's length last), then the
 * text: the elements' UTF-8 bytes back to back, without terminators. */
static GBytes *
strings_to_le (MpArray *array)
{
  gsize n = mp_array_get_n_elements (array);
  gsize table = (n + 1) * MP_STRING_OFFSET_SIZE;
  gsize total = table + mp_array_get_n_bytes (array);
  guint8 *out = g_malloc (total);
  gsize position = table;

  for (gsize i = 0; i < n; i++)
    {
      gsize length;
      const char *element = _mp_array_peek_string (array, i, &length);
      guint64 le = GUINT64_TO_LE ((guint64) (position - table));

      memcpy (out + i * MP_STRING_OFFSET_SIZE, &le, MP_STRING_OFFSET_SIZE);
      memcpy (out + position, element, length);
      position += length;
    }
  {
    guint64 le = GUINT64_TO_LE ((guint64) (position - table));
    memcpy (out + n * MP_STRING_OFFSET_SIZE, &le, MP_STRING_OFFSET_SIZE);
  }
  g_assert (position == total);
  return g_bytes_new_take (out, total);
}

GBytes *
_mp_format_array_to_le (MpArray *array)
{
  if (mp_array_get_dtype (array) == MP_DTYPE_STRING)
    return strings_to_le (array);
  {
#if G_BYTE_ORDER == G_BIG_ENDIAN
    gsize n_bytes;
    gconstpointer data = mp_array_get_data (array, &n_bytes);
    gpointer copy = g_memdup2 (data, n_bytes);

    _mp_format_swap_to_host (copy, n_bytes, mp_dtype_get_item_size (mp_array_get_dtype (array)));
    return g_bytes_new_take (copy, n_bytes);
#else
    return g_bytes_ref (mp_array_get_bytes (array));
#endif
  }
}

guint64
_mp_format_stored_size (MpArray *array)
{
  /* In-memory arrays are far below 2^63 bytes: no overflow. */
  if (mp_array_get_dtype (array) == MP_DTYPE_STRING)
    return (mp_array_get_n_elements (array) + 1) * (guint64) MP_STRING_OFFSET_SIZE +
           mp_array_get_n_bytes (array);
  return mp_array_get_n_bytes (array);
}

static guint64
read_offset (const guint8 *table,
             gsize         i)
{
  guint64 v;

  memcpy (&v, table + i * MP_STRING_OFFSET_SIZE, sizeof v);
  return GUINT64_FROM_LE (v);
}

MpArray *
_mp_format_strings_decode (const guint8  *data,
                           gsize          n_bytes,
                           const gsize   *shape,
                           guint          n_dims,
                           const char    *path,
                           GError       **error)
{
  g_autofree gsize *starts = NULL;
  g_autofree char *buffer = NULL;
  const guint8 *text;
  gsize n = 1, table, text_length;
  guint64 previous = 0;

  for (guint d = 0; d < n_dims; d++)
    n *= shape[d];   /* the descriptor check bounded the product */

  /* The descriptor check made nbytes hold at least the table. */
  table = (n + 1) * MP_STRING_OFFSET_SIZE;
  g_assert (n_bytes >= table);
  text = data + table;
  text_length = n_bytes - table;

  if (read_offset (data, 0) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: string offset 0 is %" G_GUINT64_FORMAT ", must be 0",
                   path, read_offset (data, 0));
      return NULL;
    }
  if (read_offset (data, n) != text_length)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: string offset %" G_GSIZE_FORMAT " (the last) is %" G_GUINT64_FORMAT
                   ", but the text after the %" G_GSIZE_FORMAT "-byte offsets table is %"
                   G_GSIZE_FORMAT " bytes", path, n, read_offset (data, n), table, text_length);
      return NULL;
    }

  /* Every element plus its NUL: text_length + n cannot overflow, both
   * being parts of an in-memory payload. */
  starts = g_new (gsize, n + 1);
  buffer = g_malloc (text_length + n + 1);
  for (gsize i = 0; i < n; i++)
    {
      guint64 next = read_offset (data, i + 1);
      const char *element = (const char *) text + previous;
      const char *end = NULL;
      gsize length;

      /* Non-decreasing and, with the last offset checked above, never past
       * the text: every element lies inside it. */
      if (next < previous || next > text_length)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                       "%s: string offset %" G_GSIZE_FORMAT " is %" G_GUINT64_FORMAT
                       ", %s", path, i + 1, next,
                       next < previous ? "below the one before" : "past the end of the text");
          return NULL;
        }
      length = (gsize) (next - previous);
      /* With an explicit length, g_utf8_validate() also refuses NUL. */
      if (!g_utf8_validate (element, (gssize) length, &end))
        {
          gsize at = (gsize) (end - element);

          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                       "%s: string element %" G_GSIZE_FORMAT " %s at its byte %" G_GSIZE_FORMAT,
                       path, i, at < length && element[at] == '\0' ? "holds U+0000" : "is not valid UTF-8",
                       at);
          return NULL;
        }
      starts[i] = (gsize) previous + i;
      memcpy (buffer + starts[i], element, length);
      buffer[starts[i] + length] = '\0';
      previous = next;
    }
  starts[n] = text_length + n;

  return _mp_array_new_strings_take (shape, n_dims, g_steal_pointer (&buffer),
                                     g_steal_pointer (&starts));
}

static void
put_u32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static void
put_u64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;
  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 v;
  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

/* Header layout (all integers little-endian):
 *   0  magic, 8 bytes
 *   8  u32 container version (1)
 *  12  u32 reserved, 0
 *  16  u64 JSON length
 *  24  u64 payload offset from the start of the stream
 *  32  u64 payload length
 *  40  24 reserved bytes, 0
 */
void
_mp_format_header_encode (const MpStreamHeader *header,
                          guint8                out[MP_STREAM_HEADER_SIZE])
{
  memset (out, 0, MP_STREAM_HEADER_SIZE);
  memcpy (out, MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN);
  put_u32 (out + 8, header->container_version);
  put_u64 (out + 16, header->json_length);
  put_u64 (out + 24, header->payload_offset);
  put_u64 (out + 32, header->payload_length);
}

gboolean
_mp_format_header_decode (const guint8   *data,
                          gsize           length,
                          MpStreamHeader *header,
                          GError        **error)
{
  guint64 expected_offset;

  if (length < MP_STREAM_MAGIC_LEN || memcmp (data, MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN) != 0)
    {
      if (length > 0 && (data[0] == '{' || g_ascii_isspace (data[0])))
        g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                             "header: this is the JSON of a bundle, not a single-stream "
                             "model; load it with mp_load()");
      else
        g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                             "header: bytes 0-7 are not the libmodelpersist magic");
      return FALSE;
    }

  if (length < MP_STREAM_HEADER_SIZE)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "header: truncated, %" G_GSIZE_FORMAT " of %d bytes",
                   length, MP_STREAM_HEADER_SIZE);
      return FALSE;
    }

  header->container_version = get_u32 (data + 8);
  header->json_length = get_u64 (data + 16);
  header->payload_offset = get_u64 (data + 24);
  header->payload_length = get_u64 (data + 32);

  if (header->container_version != MP_STREAM_CONTAINER_VERSION)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_UNSUPPORTED_VERSION,
                   "header: container version %u at byte 8, this library reads %d",
                   header->container_version, MP_STREAM_CONTAINER_VERSION);
      return FALSE;
    }

  if (get_u32 (data + 12) != 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "header: reserved bytes 12-15 are not zero");
      return FALSE;
    }
  for (guint i = 40; i < MP_STREAM_HEADER_SIZE; i++)
    if (data[i] != 0)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                     "header: reserved byte %u is not zero", i);
        return FALSE;
      }

  if (header->json_length > G_MAXUINT64 - MP_STREAM_HEADER_SIZE ||
      !_mp_format_align (MP_STREAM_HEADER_SIZE + header->json_length, &expected_offset) ||
      header->payload_offset != expected_offset)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "header: payload offset %" G_GUINT64_FORMAT " at byte 24 is not the "
                   "JSON end rounded up to %d", header->payload_offset, MP_PAYLOAD_ALIGNMENT);
      return FALSE;
    }

  if (header->payload_length > G_MAXUINT64 - header->payload_offset)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED,
                           "header: payload length at byte 32 overflows");
      return FALSE;
    }

  return TRUE;
}
