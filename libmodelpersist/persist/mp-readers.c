/* mp-readers.c: from bytes, a stream or a bundle on disk to a load plan
 * with its payload attached
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-readers-private.h"

static gboolean
check_header_limits (const MpStreamHeader *header,
                     MpLoadOptions        *options,
                     GError              **error)
{
  if (header->json_length > mp_load_options_get_max_json_bytes (options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "header: JSON of %" G_GUINT64_FORMAT " bytes exceeds the max-json-bytes "
                   "limit of %" G_GUINT64_FORMAT, header->json_length,
                   mp_load_options_get_max_json_bytes (options));
      return FALSE;
    }
  if (header->payload_length > mp_load_options_get_max_total_bytes (options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "header: payload of %" G_GUINT64_FORMAT " bytes exceeds the "
                   "max-total-bytes limit of %" G_GUINT64_FORMAT, header->payload_length,
                   mp_load_options_get_max_total_bytes (options));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_plan_matches_header (MpLoadPlan           *plan,
                           const MpStreamHeader *header,
                           GError              **error)
{
  if (_mp_load_plan_get_payload_length (plan) != header->payload_length)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "$.payload.nbytes: %" G_GUINT64_FORMAT " disagrees with the header's "
                   "payload length %" G_GUINT64_FORMAT,
                   _mp_load_plan_get_payload_length (plan), header->payload_length);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_padding (const guint8 *data,
               gsize         n,
               guint64       start,
               GError      **error)
{
  for (gsize i = 0; i < n; i++)
    if (data[i] != 0)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                     "byte %" G_GUINT64_FORMAT ": padding after the JSON is not zero",
                     start + i);
        return FALSE;
      }
  return TRUE;
}

MpLoadPlan *
_mp_read_stream_bytes (GBytes         *bytes,
                       MpLoadOptions  *options,
                       GError        **error)
{
  g_autoptr(MpLoadPlan) plan = NULL;
  g_autoptr(GBytes) payload = NULL;
  MpStreamHeader header;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint64 end;

  if (!_mp_format_header_decode (data, size, &header, error) ||
      !check_header_limits (&header, options, error))
    return NULL;

  end = header.payload_offset + header.payload_length;
  if (end > size)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "stream: truncated, %" G_GSIZE_FORMAT " bytes where the header announces %"
                   G_GUINT64_FORMAT, size, end);
      return NULL;
    }
  if (end < size)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "stream: %" G_GUINT64_FORMAT " bytes after the end the header announces",
                   (guint64) size - end);
      return NULL;
    }

  plan = _mp_load_plan_new ((const char *) data + MP_STREAM_HEADER_SIZE, header.json_length,
                            options, MP_CONTAINER_STREAM, TRUE, error);
  if (plan == NULL || !check_plan_matches_header (plan, &header, error))
    return NULL;

  if (!check_padding (data + MP_STREAM_HEADER_SIZE + header.json_length,
                      header.payload_offset - MP_STREAM_HEADER_SIZE - header.json_length,
                      MP_STREAM_HEADER_SIZE + header.json_length, error))
    return NULL;

  payload = g_bytes_new_from_bytes (bytes, header.payload_offset, header.payload_length);
  if (!_mp_load_plan_attach_payload (plan, payload, error))
    return NULL;

  return g_steal_pointer (&plan);
}

static gboolean
read_exactly (GInputStream  *stream,
              gpointer       buffer,
              gsize          count,
              const char    *what,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local = NULL;
  gsize got = 0;

  if (!g_input_stream_read_all (stream, buffer, count, &got, cancellable, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, MP_ERROR, MP_ERROR_IO, "reading the %s: %s", what, local->message);
      return FALSE;
    }
  if (got != count)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "stream: truncated in the %s (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes)",
                   what, got, count);
      return FALSE;
    }
  return TRUE;
}

/* A payload reader (MpPayloadReadFunc) over a GInputStream. */
static gboolean
read_stream_payload (gpointer       source,
                     guint8        *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return read_exactly (source, buffer, count, "payload", cancellable, error);
}

/* Reads @length bytes without trusting @length for the allocation: the
 * buffer grows as data actually arrives, so a header that claims 16 GiB
 * over a 100-byte stream costs at most one chunk. */
static GBytes *
read_payload (GInputStream  *stream,
              guint64        length,
              GCancellable  *cancellable,
              GError       **error)
{
  const gsize first = 64 << 20;
  gsize capacity = (gsize) MIN (length, (guint64) first);
  guint8 *buffer = g_malloc (MAX (capacity, 1));
  gsize have = 0;

  while (have < length)
    {
      gsize want;

      if (have == capacity)
        {
          capacity = (gsize) MIN (length, (guint64) capacity * 2);
          buffer = g_realloc (buffer, capacity);
        }
      want = capacity - have;
      if (!read_exactly (stream, buffer + have, want, "payload", cancellable, error))
        {
          g_free (buffer);
          return NULL;
        }
      have += want;
    }

  return g_bytes_new_take (buffer, have);
}

static MpLoadPlan *
read_stream_after_magic (GInputStream  *stream,
                         const guint8  *head,
                         gsize          head_length,
                         MpLoadOptions *options,
                         gboolean       attach,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(MpLoadPlan) plan = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *json = NULL;
  g_autofree guint8 *padding = NULL;
  guint8 header_bytes[MP_STREAM_HEADER_SIZE];
  MpStreamHeader header;
  gsize pad;

  if (head_length > 0)
    memcpy (header_bytes, head, head_length);
  if (!read_exactly (stream, header_bytes + head_length, MP_STREAM_HEADER_SIZE - head_length,
                     "header", cancellable, error) ||
      !_mp_format_header_decode (header_bytes, MP_STREAM_HEADER_SIZE, &header, error) ||
      !check_header_limits (&header, options, error))
    return NULL;

  json = g_malloc (header.json_length + 1);
  if (!read_exactly (stream, json, header.json_length, "JSON", cancellable, error))
    return NULL;

  plan = _mp_load_plan_new (json, header.json_length, options, MP_CONTAINER_STREAM, attach, error);
  if (plan == NULL || !check_plan_matches_header (plan, &header, error))
    return NULL;
  if (!attach)
    return g_steal_pointer (&plan);

  pad = header.payload_offset - MP_STREAM_HEADER_SIZE - header.json_length;
  padding = g_malloc (MAX (pad, 1));
  if (!read_exactly (stream, padding, pad, "padding", cancellable, error) ||
      !check_padding (padding, pad, MP_STREAM_HEADER_SIZE + header.json_length, error))
    return NULL;

  if (_mp_load_plan_has_compressed (plan))
    {
      if (!_mp_load_plan_attach_payload_from (plan, read_stream_payload, stream, cancellable,
                                              error))
        return NULL;
      return g_steal_pointer (&plan);
    }

  payload = read_payload (stream, header.payload_length, cancellable, error);
  if (payload == NULL || !_mp_load_plan_attach_payload (plan, payload, error))
    return NULL;

  return g_steal_pointer (&plan);
}

MpLoadPlan *
_mp_read_stream (GInputStream   *stream,
                 MpLoadOptions  *options,
                 GCancellable   *cancellable,
                 GError        **error)
{
  return read_stream_after_magic (stream, NULL, 0, options, TRUE, cancellable, error);
}

MpLoadPlan *
_mp_read_for_inspection (GInputStream  *stream,
                         MpLoadOptions *options,
                         GCancellable  *cancellable,
                         GError       **error)
{
  guint8 head[MP_STREAM_MAGIC_LEN];
  gsize got = 0;
  g_autoptr(GError) local = NULL;
  g_autoptr(GByteArray) text = NULL;
  guint64 limit = mp_load_options_get_max_json_bytes (options);
  guint8 chunk[16384];

  if (!g_input_stream_read_all (stream, head, sizeof head, &got, cancellable, &local))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "reading: %s", local->message);
      return NULL;
    }

  if (got == sizeof head && memcmp (head, MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN) == 0)
    return read_stream_after_magic (stream, head, got, options, FALSE, cancellable, error);

  /* A bundle's JSON: read it whole, but never more than the limit. */
  text = g_byte_array_new ();
  g_byte_array_append (text, head, got);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, &local);

      if (n < 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_IO, "reading: %s", local->message);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (text, chunk, (guint) n);
      if (text->len > limit)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                       "JSON: longer than the max-json-bytes limit of %" G_GUINT64_FORMAT, limit);
          return NULL;
        }
    }

  return _mp_load_plan_new ((const char *) text->data, text->len, options,
                            MP_CONTAINER_BUNDLE, FALSE, error);
}

static gboolean
read_fd (int          fd,
         guint8      *buffer,
         gsize        length,
         const char  *path,
         int          short_code,
         GError     **error)
{
  gsize have = 0;

  while (have < length)
    {
      gssize n = read (fd, buffer + have, MIN (length - have, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, MP_ERROR, MP_ERROR_IO, "reading %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        {
          g_set_error (error, MP_ERROR, short_code,
                       "%s: shrank while being read (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                       " bytes)", path, have, length);
          return FALSE;
        }
      have += (gsize) n;
    }
  return TRUE;
}

typedef struct {
  int         fd;
  const char *path;
} SidecarReader;

/* A payload reader (MpPayloadReadFunc) over the sidecar's descriptor. */
static gboolean
read_sidecar_payload (gpointer       source,
                      guint8        *buffer,
                      gsize          count,
                      GCancellable  *cancellable,
                      GError       **error)
{
  SidecarReader *reader = source;

  return !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         read_fd (reader->fd, buffer, count, reader->path, MP_ERROR_INVALID_SIDECAR, error);
}

/* Opens the sidecar @name and gives @plan its payload: mapped, read
 * into one buffer, or, when some array is compressed, read array by
 * array and chunk by chunk. */
static gboolean
attach_sidecar (MpLoadPlan     *plan,
                const char     *dir,
                const char     *name,
                guint64         length,
                MpLoadOptions  *options,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) payload = NULL;
  struct stat st;
  int fd;

  /* O_NOFOLLOW: a symbolic link could lead anywhere, so none is followed;
   * O_NONBLOCK: opening a FIFO must not hang (fstat then refuses it). */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR,
                     "$.payload.file: the sidecar \"%s\" is missing", name);
      else if (saved == ELOOP)
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR,
                     "$.payload.file: the sidecar \"%s\" is a symbolic link, which is never "
                     "followed", name);
      else
        g_set_error (error, MP_ERROR, MP_ERROR_IO, "opening %s: %s", path, g_strerror (saved));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR,
                   "$.payload.file: the sidecar \"%s\" is not a regular file", name);
      close (fd);
      return FALSE;
    }

  if ((guint64) st.st_size != length)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_SIDECAR,
                   "$.payload.file: the sidecar \"%s\" has %" G_GUINT64_FORMAT " bytes, the "
                   "document says %" G_GUINT64_FORMAT, name, (guint64) st.st_size, length);
      close (fd);
      return FALSE;
    }

  if (mp_load_options_get_map_payload (options))
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GMappedFile) mapped = g_mapped_file_new_from_fd (fd, FALSE, &local);

      close (fd);
      if (mapped == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_IO, "mapping %s: %s", path, local->message);
          return FALSE;
        }
      payload = g_mapped_file_get_bytes (mapped);
    }
  else if (_mp_load_plan_has_compressed (plan))
    {
      SidecarReader reader = { fd, path };
      gboolean ok = _mp_load_plan_attach_payload_from (plan, read_sidecar_payload, &reader,
                                                       cancellable, error);
      close (fd);
      return ok;
    }
  else
    {
      guint8 *buffer = g_try_malloc (MAX (length, 1));

      if (buffer == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_IO,
                       "reading %s: cannot allocate %" G_GUINT64_FORMAT " bytes", path, length);
          close (fd);
          return FALSE;
        }
      if (!read_fd (fd, buffer, length, path, MP_ERROR_INVALID_SIDECAR, error))
        {
          g_free (buffer);
          close (fd);
          return FALSE;
        }
      close (fd);
      payload = g_bytes_new_take (buffer, length);
    }

  return _mp_load_plan_attach_payload (plan, payload, error);
}

MpLoadPlan *
_mp_read_path (const char     *path,
               MpLoadOptions  *options,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(MpLoadPlan) plan = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree guint8 *json = NULL;
  g_autofree char *dir = NULL;
  guint8 head[MP_STREAM_MAGIC_LEN];
  struct stat st;
  gsize head_length;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "opening %s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s: not a regular file", path);
      close (fd);
      return NULL;
    }

  head_length = MIN ((gsize) st.st_size, sizeof head);
  if (!read_fd (fd, head, head_length, path, MP_ERROR_IO, error))
    {
      close (fd);
      return NULL;
    }

  if (head_length == sizeof head && memcmp (head, MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN) == 0)
    {
      /* A single-stream model saved to a file. */
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInputStream) stream = NULL;
      g_autoptr(GError) local = NULL;

      close (fd);
      stream = g_file_read (file, cancellable, &local);
      if (stream == NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_IO, "opening %s: %s", path, local->message);
          return NULL;
        }
      return _mp_read_stream (G_INPUT_STREAM (stream), options, cancellable, error);
    }

  if ((guint64) st.st_size > mp_load_options_get_max_json_bytes (options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "%s: %" G_GUINT64_FORMAT " bytes exceeds the max-json-bytes limit of %"
                   G_GUINT64_FORMAT, path, (guint64) st.st_size,
                   mp_load_options_get_max_json_bytes (options));
      close (fd);
      return NULL;
    }

  json = g_malloc ((gsize) st.st_size + 1);
  memcpy (json, head, head_length);
  if (!read_fd (fd, json + head_length, (gsize) st.st_size - head_length, path, MP_ERROR_IO, error))
    {
      close (fd);
      return NULL;
    }
  close (fd);

  plan = _mp_load_plan_new ((const char *) json, (gsize) st.st_size, options,
                            MP_CONTAINER_BUNDLE, TRUE, error);
  if (plan == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (_mp_load_plan_get_payload_length (plan) == 0)
    {
      payload = g_bytes_new (NULL, 0);
      if (!_mp_load_plan_attach_payload (plan, payload, error))
        return NULL;
    }
  else
    {
      dir = g_path_get_dirname (path);
      if (!attach_sidecar (plan, dir, _mp_load_plan_get_sidecar_name (plan),
                           _mp_load_plan_get_payload_length (plan), options, cancellable, error))
        return NULL;
    }

  return g_steal_pointer (&plan);
}

static MpLoadPlan *
read_non_local_file (GFile          *file,
                     MpLoadOptions  *options,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  const guint8 *head;
  gsize available = 0;

  raw = g_file_read (file, cancellable, &local);
  if (raw == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, MP_ERROR, MP_ERROR_IO, "opening %s: %s", uri, local->message);
      return NULL;
    }

  /* Peek at the magic without consuming it: the stream reader wants the
   * whole header. */
  stream = g_buffered_input_stream_new (G_INPUT_STREAM (raw));
  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (stream), MP_STREAM_MAGIC_LEN,
                                    cancellable, &local) < 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "reading %s: %s", uri, local->message);
      return NULL;
    }
  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (stream), &available);
  if (available < MP_STREAM_MAGIC_LEN || memcmp (head, MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED,
                   "%s: not a single-stream model; a bundle (its JSON and sidecar) loads "
                   "from a local file only, so save a single stream (mp_dumps(), "
                   "mp_dump_to_stream()) to load a model from a URI", uri);
      return NULL;
    }
  return _mp_read_stream (stream, options, cancellable, error);
}

MpLoadPlan *
_mp_read_file (GFile          *file,
               MpLoadOptions  *options,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return _mp_read_path (path, options, cancellable, error);
  return read_non_local_file (file, options, cancellable, error);
}
