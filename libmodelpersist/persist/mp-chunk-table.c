/* mp-chunk-table.c: a compressed array's "compression" member, checked,
 * and its chunks decompressed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <xxhash.h>

#include "mp-chunk-table-private.h"
#include "mp-error.h"

static gboolean
table_error (GError     **error,
             const char  *path,
             const char  *member,
             const char  *what)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY, "%s.compression%s%s: %s",
               path, *member != '\0' ? "." : "", member, what);
  return FALSE;
}

static gboolean
is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

void
_mp_chunk_table_free (MpChunkTable *table)
{
  if (table == NULL)
    return;
  g_free (table->stored);
  g_free (table);
}

MpChunkTable *
_mp_chunk_table_parse (JsonNode    *node,
                       guint64      nbytes,
                       const char  *path,
                       GError     **error)
{
  static const char * const members[] = { "chunk_nbytes", "chunks", "codec" };
  g_autoptr(MpChunkTable) table = NULL;
  JsonObject *object;
  JsonObjectIter it;
  JsonNode *member;
  JsonArray *chunks;
  const char *key;
  gint64 chunk_nbytes;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      table_error (error, path, "", "must be an object");
      return NULL;
    }
  object = json_node_get_object (node);
  json_object_iter_init (&it, object);
  while (json_object_iter_next (&it, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        found |= strcmp (key, members[i]) == 0;
      if (!found)
        {
          table_error (error, path, key, "unknown member of a compression record");
          return NULL;
        }
    }

  member = json_object_get_member (object, "codec");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    {
      table_error (error, path, "codec", "must be the string \"" MP_CODEC_NAME "\"");
      return NULL;
    }
  if (strcmp (json_node_get_string (member), MP_CODEC_NAME) != 0)
    {
      g_autofree char *what = g_strdup_printf ("\"%s\" is not a codec this libmodelpersist "
                                               "reads; format 1.3 has \"" MP_CODEC_NAME "\"",
                                               json_node_get_string (member));
      table_error (error, path, "codec", what);
      return NULL;
    }

  /* Nothing to compress in an empty array, and a writer never does. */
  if (nbytes == 0)
    {
      table_error (error, path, "", "an empty array is never compressed");
      return NULL;
    }

  member = json_object_get_member (object, "chunk_nbytes");
  if (!is_integer (member))
    {
      table_error (error, path, "chunk_nbytes", "must be an integer");
      return NULL;
    }
  chunk_nbytes = json_node_get_int (member);
  if (chunk_nbytes < (gint64) MP_CODEC_MIN_CHUNK_NBYTES ||
      chunk_nbytes > (gint64) MP_CODEC_MAX_CHUNK_NBYTES ||
      (chunk_nbytes & (chunk_nbytes - 1)) != 0)
    {
      g_autofree char *what =
        g_strdup_printf ("%" G_GINT64_FORMAT " is not a power of two from %" G_GUINT64_FORMAT
                         " to %" G_GUINT64_FORMAT, chunk_nbytes, MP_CODEC_MIN_CHUNK_NBYTES,
                         MP_CODEC_MAX_CHUNK_NBYTES);
      table_error (error, path, "chunk_nbytes", what);
      return NULL;
    }

  table = g_new0 (MpChunkTable, 1);
  table->chunk_nbytes = (guint64) chunk_nbytes;
  table->n_chunks = _mp_codec_n_chunks (nbytes, table->chunk_nbytes);

  member = json_object_get_member (object, "chunks");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      table_error (error, path, "chunks", "must be a list of integers");
      return NULL;
    }
  chunks = json_node_get_array (member);
  if (json_array_get_length (chunks) != table->n_chunks)
    {
      g_autofree char *what =
        g_strdup_printf ("%u lengths, but %" G_GUINT64_FORMAT " bytes in chunks of %"
                         G_GUINT64_FORMAT " make %" G_GUINT64_FORMAT,
                         json_array_get_length (chunks), nbytes, table->chunk_nbytes,
                         table->n_chunks);
      table_error (error, path, "chunks", what);
      return NULL;
    }

  table->stored = g_new (guint64, table->n_chunks);
  for (guint64 i = 0; i < table->n_chunks; i++)
    {
      JsonNode *length = json_array_get_element (chunks, (guint) i);
      gsize plain = _mp_codec_chunk_length (nbytes, table->chunk_nbytes, i);
      guint64 bound = _mp_codec_bound (plain);
      gint64 v;

      if (!is_integer (length))
        {
          table_error (error, path, "chunks", "must be a list of integers");
          return NULL;
        }
      v = json_node_get_int (length);
      /* A zstd frame is never empty, and never longer than the bound:
       * which caps what a streaming load reads before decompressing. */
      if (v < 1 || (guint64) v > bound)
        {
          g_autofree char *what =
            g_strdup_printf ("chunk %" G_GUINT64_FORMAT " is %" G_GINT64_FORMAT " bytes; a "
                             "chunk of %" G_GSIZE_FORMAT " bytes compresses to 1 to %"
                             G_GUINT64_FORMAT, i, v, plain, bound);
          table_error (error, path, "chunks", what);
          return NULL;
        }
      table->stored[i] = (guint64) v;
      table->largest = MAX (table->largest, (guint64) v);
      /* No overflow: at most 2^32 chunks of at most 2^27 bytes. */
      table->stored_length += (guint64) v;
    }

  return g_steal_pointer (&table);
}

/* Below this many bytes out, threads cost more than they save. */
#define PARALLEL_FROM (G_GUINT64_CONSTANT (4) << 20)

/* What a copying load reads ahead before decompressing it on several
 * threads: at most this many stored bytes, or one chunk if it is longer. */
#define READ_AHEAD (G_GUINT64_CONSTANT (16) << 20)

/* Chunks @first to @first + @count - 1 of @table, whose stored bytes lie
 * back to back from @stored, decompressed into their places in @dest. */
typedef struct {
  MpChunkTable *table;
  const guint8 *stored;
  const guint64 *starts;  /* each chunk's stored bytes, from @stored */
  guint64       first;
  guint         count;
  guint8       *dest;
  guint64       nbytes;
  gint          next;     /* the next chunk to take, atomically */
  GMutex        lock;     /* for the failure: */
  gboolean      failed;
  guint64       failed_chunk;   /* the lowest that failed */
  char         *reason;
} Batch;

static void
batch_run (Batch          *batch,
           MpCodecContext *codec)
{
  MpChunkTable *table = batch->table;

  for (;;)
    {
      guint k = (guint) g_atomic_int_add (&batch->next, 1);
      guint64 i = batch->first + k;
      gsize plain;
      char *reason = NULL;

      if (k >= batch->count)
        break;
      plain = _mp_codec_chunk_length (batch->nbytes, table->chunk_nbytes, i);
      if (_mp_codec_decompress (codec, batch->stored + batch->starts[k], (gsize) table->stored[i],
                                batch->dest + i * table->chunk_nbytes, plain, &reason))
        continue;
      /* The lowest chunk at fault is reported, whatever the threads'
       * order. */
      g_mutex_lock (&batch->lock);
      if (!batch->failed || i < batch->failed_chunk)
        {
          batch->failed = TRUE;
          batch->failed_chunk = i;
          g_free (batch->reason);
          batch->reason = g_steal_pointer (&reason);
        }
      g_mutex_unlock (&batch->lock);
      g_free (reason);
    }
}

static gpointer
batch_worker (gpointer data)
{
  g_autoptr(MpCodecContext) codec = _mp_codec_context_new ();

  batch_run (data, codec);
  return NULL;
}

/* Decompresses the batch, on several threads when it is large, then
 * hashes what came out in order into @state. */
static gboolean
decompress_batch (MpChunkTable    *table,
                  MpCodecContext  *codec,
                  const guint8    *stored,
                  guint64          first,
                  guint            count,
                  guint8          *dest,
                  guint64          nbytes,
                  XXH3_state_t    *state,
                  const char      *path,
                  GError         **error)
{
  g_autofree guint64 *starts = g_new (guint64, MAX (count, 1));
  Batch batch = { table, stored, starts, first, count, dest, nbytes, 0 };
  guint64 at = 0, out = 0;
  guint n_threads;
  gboolean ok;

  for (guint k = 0; k < count; k++)
    {
      starts[k] = at;
      at += table->stored[first + k];
      out += _mp_codec_chunk_length (nbytes, table->chunk_nbytes, first + k);
    }

  g_mutex_init (&batch.lock);
  n_threads = out < PARALLEL_FROM ? 1 : MIN (g_get_num_processors (), MIN (count, 8u));
  if (n_threads <= 1)
    batch_run (&batch, codec);
  else
    {
      GThread *threads[8];

      for (guint t = 1; t < n_threads; t++)
        threads[t] = g_thread_new ("mp-decompress", batch_worker, &batch);
      batch_run (&batch, codec);
      for (guint t = 1; t < n_threads; t++)
        g_thread_join (threads[t]);
    }
  g_mutex_clear (&batch.lock);

  ok = !batch.failed;
  if (!ok)
    {
      guint64 i = batch.failed_chunk;

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARRAY,
                   "%s: chunk %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " stored bytes) is "
                   "not a zstd frame of its %" G_GSIZE_FORMAT " bytes: %s",
                   path, i, table->stored[i],
                   _mp_codec_chunk_length (nbytes, table->chunk_nbytes, i), batch.reason);
    }
  else
    XXH3_64bits_update (state, dest + first * table->chunk_nbytes, out);
  g_free (batch.reason);
  return ok;
}

gboolean
_mp_chunk_table_decompress (MpChunkTable    *table,
                            MpCodecContext  *codec,
                            const guint8    *stored,
                            guint8          *dest,
                            guint64          nbytes,
                            guint64         *hash,
                            const char      *path,
                            GError         **error)
{
  XXH3_state_t *state = XXH3_createState ();
  gboolean ok;

  XXH3_64bits_reset (state);
  ok = decompress_batch (table, codec, stored, 0, (guint) table->n_chunks, dest, nbytes, state,
                         path, error);
  *hash = XXH3_64bits_digest (state);
  XXH3_freeState (state);
  return ok;
}

gboolean
_mp_chunk_table_read (MpChunkTable      *table,
                      MpCodecContext    *codec,
                      MpPayloadReadFunc  read,
                      gpointer           source,
                      GByteArray        *scratch,
                      guint8            *dest,
                      guint64            nbytes,
                      guint64           *hash,
                      const char        *path,
                      GCancellable      *cancellable,
                      GError           **error)
{
  XXH3_state_t *state = XXH3_createState ();
  gboolean ok = TRUE;

  XXH3_64bits_reset (state);
  for (guint64 first = 0; ok && first < table->n_chunks;)
    {
      guint64 length = table->stored[first];
      guint count = 1;

      /* As many chunks as READ_AHEAD holds, so that a large array is
       * decompressed on several threads while memory stays bounded. */
      while (first + count < table->n_chunks && length + table->stored[first + count] <= READ_AHEAD)
        length += table->stored[first + count++];
      if (scratch->len < length)
        g_byte_array_set_size (scratch, (guint) length);
      ok = read (source, scratch->data, (gsize) length, cancellable, error) &&
           decompress_batch (table, codec, scratch->data, first, count, dest, nbytes, state,
                             path, error);
      first += count;
    }
  *hash = XXH3_64bits_digest (state);
  XXH3_freeState (state);
  return ok;
}
