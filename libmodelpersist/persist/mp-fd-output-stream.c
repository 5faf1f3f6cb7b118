/* mp-fd-output-stream.c: a GOutputStream over a file descriptor the caller
 * keeps owning
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define _GNU_SOURCE   /* sync_file_range() */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "mp-fd-output-stream-private.h"

/* GUnixOutputStream would do, but it lives in gio-unix-2.0; the writers
 * need nothing more than write(2), and closing stays with the caller, who
 * must fsync before close.
 *
 * Every file written through it is synced right after (the bundle's
 * temporary files), so it asks the kernel to start writing each piece
 * back as soon as it is in the page cache (sync_file_range(2) with
 * SYNC_FILE_RANGE_WRITE, which does not wait): the disk then works while
 * the next piece is copied, and the final fsync() waits only for the
 * tail. Nothing about durability changes: only fsync() is relied on. */

/* The largest write(2); also how often cancellation is checked. */
#define PIECE ((gsize) 32 << 20)

struct _MpFdOutputStream
{
  GOutputStream parent_instance;
  int           fd;
  guint64       offset;         /* bytes written so far */
  guint64       written_back;   /* writeback started up to here */
};

G_DEFINE_FINAL_TYPE (MpFdOutputStream, mp_fd_output_stream, G_TYPE_OUTPUT_STREAM)

static gssize
mp_fd_output_stream_write (GOutputStream  *stream,
                           const void     *buffer,
                           gsize           count,
                           GCancellable   *cancellable,
                           GError        **error)
{
  MpFdOutputStream *self = MP_FD_OUTPUT_STREAM (stream);
  gssize written;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  /* Large writes go in pieces so that cancellation stays responsive,
   * writeback starts early, and no single write(2) exceeds what Linux
   * accepts at once. */
  count = MIN (count, PIECE);

  do
    written = write (self->fd, buffer, count);
  while (written < 0 && errno == EINTR);

  if (written < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "write: %s", g_strerror (saved));
      return -1;
    }
  self->offset += written;
#if HAVE_SYNC_FILE_RANGE
  /* Once a whole piece is waiting (a small model's many small writes
   * make no such call). Only a hint: an error (a file system without
   * it) changes nothing. */
  if (self->offset - self->written_back >= PIECE)
    {
      (void) sync_file_range (self->fd, (off64_t) self->written_back,
                              (off64_t) (self->offset - self->written_back),
                              SYNC_FILE_RANGE_WRITE);
      self->written_back = self->offset;
    }
#endif
  return written;
}

static void
mp_fd_output_stream_class_init (MpFdOutputStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = mp_fd_output_stream_write;
}

static void
mp_fd_output_stream_init (MpFdOutputStream *self)
{
  self->fd = -1;
}

GOutputStream *
_mp_fd_output_stream_new (int fd)
{
  MpFdOutputStream *self = g_object_new (MP_TYPE_FD_OUTPUT_STREAM, NULL);

  self->fd = fd;
  return G_OUTPUT_STREAM (self);
}
