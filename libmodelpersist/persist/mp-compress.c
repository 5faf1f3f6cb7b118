/* mp-compress.c: the arrays of a serialized model compressed in chunks,
 * on every processor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "mp-codec-private.h"
#include "mp-format-private.h"
#include "mp-serializer-private.h"

/* Below this many bytes in all, starting threads costs more than it
 * saves: the chunks are compressed in the caller's thread. */
#define PARALLEL_FROM (G_GUINT64_CONSTANT (4) << 20)

typedef struct {
  MpPayloadEntry *entry;
  GBytes         *le;        /* the array's little-endian bytes */
  guint           chunk;
} Task;

typedef struct {
  GArray       *tasks;       /* Task */
  gint          next;        /* the next task to take, atomically */
  int           level;
  GCancellable *cancellable;
} Work;

/* Takes tasks until none are left, each compressing one chunk into a
 * buffer shrunk to what it needed. Results land in distinct slots of
 * their entry's chunk list, so workers share nothing but @next. */
static gpointer
compress_tasks (gpointer data)
{
  Work *work = data;
  g_autoptr(MpCodecContext) codec = _mp_codec_context_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&work->next, 1);
      Task *task;
      const guint8 *bytes;
      gsize n_bytes, length, written;
      guint8 *out;

      if (i >= work->tasks->len || g_cancellable_is_cancelled (work->cancellable))
        break;
      task = &g_array_index (work->tasks, Task, i);
      bytes = g_bytes_get_data (task->le, NULL);
      length = _mp_codec_chunk_length (task->entry->nbytes, MP_CODEC_CHUNK_NBYTES, task->chunk);
      n_bytes = (gsize) _mp_codec_bound (length);
      out = g_malloc (n_bytes);
      written = _mp_codec_compress (codec, work->level,
                                    bytes + (gsize) task->chunk * MP_CODEC_CHUNK_NBYTES,
                                    length, out);
      g_ptr_array_index (task->entry->chunks, task->chunk) =
        g_bytes_new_take (g_realloc (out, MAX (written, 1)), written);
    }
  return NULL;
}

/* The text again with every descriptor rewritten from its entry: the
 * spans between descriptors are copied as they were. */
static void
rewrite_descriptors (MpSerialized *serialized)
{
  GString *old = serialized->estimator;
  GString *text = g_string_sized_new (old->len + 64 * serialized->entries->len);
  gsize copied = 0;

  for (guint i = 0; i < serialized->entries->len; i++)
    {
      MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);

      g_string_append_len (text, old->str + copied, entry->descriptor_at - copied);
      copied = entry->descriptor_end;
      _mp_serialized_write_descriptor (serialized, entry, text);
    }
  g_string_append_len (text, old->str + copied, old->len - copied);
  g_string_free (old, TRUE);
  serialized->estimator = text;
}

gboolean
_mp_serialized_compress (MpSerialized  *serialized,
                         guint          level,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GArray) tasks = g_array_new (FALSE, FALSE, sizeof (Task));
  g_autoptr(GPtrArray) le_bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  Work work = { tasks, 0, (int) level, cancellable };
  guint64 total = 0;
  guint n_threads;

  g_return_val_if_fail (level >= 1 && level <= MP_CODEC_MAX_LEVEL, FALSE);

  _mp_serialized_compute_checksums (serialized);

  for (guint i = 0; i < serialized->entries->len; i++)
    {
      MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);
      guint64 n_chunks = _mp_codec_n_chunks (entry->nbytes, MP_CODEC_CHUNK_NBYTES);
      GBytes *le;

      if (entry->nbytes == 0)
        continue;
      le = _mp_format_array_to_le (entry->array);
      g_ptr_array_add (le_bytes, le);
      entry->chunks = g_ptr_array_new_full ((guint) n_chunks, (GDestroyNotify) g_bytes_unref);
      g_ptr_array_set_size (entry->chunks, (guint) n_chunks);
      for (guint64 c = 0; c < n_chunks; c++)
        {
          Task task = { entry, le, (guint) c };
          g_array_append_val (tasks, task);
        }
      total += entry->nbytes;
    }

  /* The chunks are independent, so the bytes do not depend on how many
   * threads made them. */
  n_threads = total < PARALLEL_FROM ? 1 : MIN (g_get_num_processors (), MIN (tasks->len, 16u));
  if (n_threads <= 1)
    compress_tasks (&work);
  else
    {
      g_autoptr(GPtrArray) threads = g_ptr_array_new ();

      for (guint t = 1; t < n_threads; t++)
        g_ptr_array_add (threads, g_thread_new ("mp-compress", compress_tasks, &work));
      compress_tasks (&work);
      for (guint t = 0; t < threads->len; t++)
        g_thread_join (g_ptr_array_index (threads, t));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      for (guint i = 0; i < serialized->entries->len; i++)
        g_clear_pointer (&((MpPayloadEntry *) g_ptr_array_index (serialized->entries, i))->chunks,
                         g_ptr_array_unref);
      return FALSE;
    }

  /* An array is stored compressed only if that makes it smaller. */
  serialized->compressed = FALSE;
  for (guint i = 0; i < serialized->entries->len; i++)
    {
      MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);
      guint64 stored = 0;

      if (entry->chunks == NULL)
        continue;
      for (guint c = 0; c < entry->chunks->len; c++)
        stored += g_bytes_get_size (g_ptr_array_index (entry->chunks, c));
      if (stored < entry->nbytes)
        {
          entry->stored_length = stored;
          serialized->compressed = TRUE;
        }
      else
        g_clear_pointer (&entry->chunks, g_ptr_array_unref);
    }

  _mp_serialized_lay_out (serialized);
  rewrite_descriptors (serialized);
  return TRUE;
}
