/* mp-document.c: the top-level JSON document and the payload bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/utsname.h>
#include <xxhash.h>

#include "mp-codec-private.h"
#include "mp-document-private.h"
#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-json-writer-private.h"
#include "mp-producer-private.h"
#include "mp-version.h"

static const char *
host_arch (void)
{
  static char *arch;

  if (g_once_init_enter (&arch))
    {
      struct utsname u;
      char *value = g_strdup (uname (&u) == 0 ? u.machine : "unknown");
      g_once_init_leave (&arch, value);
    }
  return arch;
}

JsonObject *
_mp_document_producer (gboolean with_codec)
{
  JsonObject *producer = json_object_new ();
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);
  g_autofree char *xxh = NULL;
  guint xxv = XXH_versionNumber ();

  xxh = g_strdup_printf ("%u.%u.%u", xxv / 10000, (xxv / 100) % 100, xxv % 100);

  json_object_set_string_member (producer, "library", "libmodelpersist");
  json_object_set_string_member (producer, "library_version", MP_VERSION_S);
  json_object_set_string_member (producer, "glib_version", glib);
  /* json-glib has no run-time version query; this is the version the
   * library was built against. */
  json_object_set_string_member (producer, "json_glib_version", JSON_VERSION_S);
  json_object_set_string_member (producer, "xxhash_version", xxh);
  /* Only where it shaped the bytes: the compressed chunks are zstd's. */
  if (with_codec)
    json_object_set_string_member (producer, "zstd_version", _mp_codec_version ());
  json_object_set_string_member (producer, "arch", host_arch ());
  json_object_set_string_member (producer, "byte_order",
                                 G_BYTE_ORDER == G_LITTLE_ENDIAN ? "little" : "big");
#if defined(__linux__)
  json_object_set_string_member (producer, "os", "linux");
#elif defined(__APPLE__)
  json_object_set_string_member (producer, "os", "darwin");
#elif defined(_WIN32)
  json_object_set_string_member (producer, "os", "windows");
#elif defined(__FreeBSD__)
  json_object_set_string_member (producer, "os", "freebsd");
#else
  json_object_set_string_member (producer, "os", "unknown");
#endif
  _mp_producer_add_fields (producer);

  return producer;
}

/* The producer object as the document holds it (one level deep): the same
 * for every save until mp_set_producer_field() changes it, so written once
 * per change. A reference-counted string, so a save holding it is not
 * disturbed by another thread rewriting it. One text without the codec's
 * version and one with it, for documents with compressed arrays. */
static GMutex producer_lock;
static char *producer_cache[2];       /* GRefStrings; under producer_lock */
static guint producer_generation[2];  /* of _mp_producer_get_generation() */

static char *
producer_text (gboolean with_codec)
{
  guint now = _mp_producer_get_generation ();
  char *text;

  g_mutex_lock (&producer_lock);
  if (producer_cache[with_codec] == NULL || producer_generation[with_codec] != now)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(GString) out = g_string_new (NULL);

      json_node_take_object (node, _mp_document_producer (with_codec));
      _mp_json_write_at (out, node, 1);
      g_clear_pointer (&producer_cache[with_codec], g_ref_string_release);
      producer_cache[with_codec] = g_ref_string_new_len (out->str, (gssize) out->len);
      /* A change made while this was built has a newer number: the next
       * save writes it. */
      producer_generation[with_codec] = now;
    }
  text = g_ref_string_acquire (producer_cache[with_codec]);
  g_mutex_unlock (&producer_lock);
  return text;
}

GString *
_mp_document_to_json (MpSerialized *serialized,
                      JsonNode     *metadata,
                      const char   *sidecar_name)
{
  char *producer;
  GString *out;

  g_return_val_if_fail (serialized->checksummed, NULL);

  producer = producer_text (serialized->compressed);
  /* The members in key order, as mp-json-writer.c writes an object. */
  out = g_string_sized_new (serialized->estimator->len + strlen (producer) + 256);
  g_string_append (out, "{\n  \"estimator\": ");
  g_assert (out->len == MP_DOCUMENT_ESTIMATOR_AT);
  g_string_append_len (out, serialized->estimator->str, serialized->estimator->len);
  g_string_append (out, ",\n  \"format\": ");
  _mp_json_append_string (out, MP_FORMAT_NAME);
  g_string_append (out, ",\n  \"format_version\": ");
  /* 1.3 only for what needs it: a file without compressed arrays stays
   * readable by every 1.2 reader, without a warning. */
  _mp_json_append_string (out, serialized->compressed ? MP_FORMAT_VERSION : MP_FORMAT_VERSION_1_2);
  if (metadata != NULL)
    {
      g_string_append (out, ",\n  \"metadata\": ");
      _mp_json_write_at (out, metadata, 1);
    }
  g_string_append (out, ",\n  \"payload\": {");
  if (sidecar_name != NULL)
    {
      g_string_append (out, "\n    \"file\": ");
      _mp_json_append_string (out, sidecar_name);
      g_string_append_c (out, ',');
    }
  g_string_append (out, "\n    \"nbytes\": ");
  _mp_json_append_int (out, (gint64) serialized->payload_length);
  g_string_append (out, "\n  },\n  \"producer\": ");
  g_string_append (out, producer);
  g_string_append (out, "\n}\n");
  g_ref_string_release (producer);
  return out;
}

char *
_mp_document_content_id (MpSerialized *serialized,
                         JsonNode     *metadata)
{
  g_autoptr(GString) text = NULL;
  XXH3_state_t *state = XXH3_createState ();
  const char *p, *end, *run;
  guint64 hash;

  g_return_val_if_fail (serialized->checksummed, NULL);

  /* The hash of the estimator tree written on its own (at level 0), a
   * newline, and the metadata likewise: that is the estimator text with
   * the two spaces of its own indentation after each line break left out
   * (line breaks come only from indentation; strings escape theirs). */
  XXH3_64bits_reset (state);
  p = run = serialized->estimator->str;
  end = p + serialized->estimator->len;
  for (; p < end; p++)
    if (*p == '\n')
      {
        XXH3_64bits_update (state, run, p + 1 - run);
        g_assert (p + 2 < end && p[1] == ' ' && p[2] == ' ');
        p += 2;
        run = p + 1;
      }
  XXH3_64bits_update (state, run, end - run);
  XXH3_64bits_update (state, "\n", 1);
  if (metadata != NULL)
    {
      text = g_string_new (NULL);
      _mp_json_write (text, metadata);
      XXH3_64bits_update (state, text->str, text->len);
    }
  hash = XXH3_64bits_digest (state);
  XXH3_freeState (state);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
}

static gboolean
write_zeros (GOutputStream *stream,
             gsize          n,
             GCancellable  *cancellable,
             GError       **error)
{
  static const guint8 zeros[MP_PAYLOAD_ALIGNMENT] = { 0 };

  g_assert (n <= sizeof zeros);
  if (n == 0)
    return TRUE;
  return g_output_stream_write_all (stream, zeros, n, NULL, cancellable, error);
}

gboolean
_mp_document_write_payload (MpSerialized  *serialized,
                            GOutputStream *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  guint64 position = 0;

  for (guint i = 0; i < serialized->entries->len; i++)
    {
      MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);
      g_autoptr(GBytes) le = NULL;
      gsize n_bytes;
      gconstpointer data;

      if (entry->stored_length == 0)
        continue;

      g_assert (entry->offset >= position && entry->offset - position < MP_PAYLOAD_ALIGNMENT);
      if (!write_zeros (stream, entry->offset - position, cancellable, error))
        return FALSE;

      if (entry->chunks != NULL)
        for (guint c = 0; c < entry->chunks->len; c++)
          {
            data = g_bytes_get_data (g_ptr_array_index (entry->chunks, c), &n_bytes);
            if (!g_output_stream_write_all (stream, data, n_bytes, NULL, cancellable, error))
              return FALSE;
          }
      else
        {
          le = _mp_format_array_to_le (entry->array);
          data = g_bytes_get_data (le, &n_bytes);
          if (!g_output_stream_write_all (stream, data, n_bytes, NULL, cancellable, error))
            return FALSE;
        }
      position = entry->offset + entry->stored_length;
    }

  g_assert (position == serialized->payload_length);
  return TRUE;
}

/* Copies a compressed entry's chunks to @dest: they were checksummed
 * when they were made. */
static void
fill_chunks (MpPayloadEntry *entry,
             guint8         *dest)
{
  gsize at = 0;

  for (guint c = 0; c < entry->chunks->len; c++)
    {
      gsize n_bytes;
      gconstpointer data = g_bytes_get_data (g_ptr_array_index (entry->chunks, c), &n_bytes);

      memcpy (dest + at, data, n_bytes);
      at += n_bytes;
    }
  g_assert (at == entry->stored_length);
}

void
_mp_document_fill_payload (MpSerialized *serialized,
                           guint8       *dest)
{
  /* A slice the CPU's caches hold: hashing it right after copying it
   * reads it from the cache, not from memory. */
  const gsize slice = 256 * 1024;
  gboolean hash = !serialized->checksummed;
  XXH3_state_t *state = hash ? XXH3_createState () : NULL;
  guint64 position = 0;

  for (guint i = 0; i < serialized->entries->len; i++)
    {
      MpPayloadEntry *entry = g_ptr_array_index (serialized->entries, i);
      g_autoptr(GBytes) le = NULL;
      gsize n_bytes;
      const guint8 *data;

      if (entry->stored_length > 0)
        {
          g_assert (entry->offset >= position && entry->offset - position < MP_PAYLOAD_ALIGNMENT);
          memset (dest + position, 0, entry->offset - position);
          position = entry->offset + entry->stored_length;
        }
      if (entry->chunks != NULL)
        {
          g_assert (!hash);
          fill_chunks (entry, dest + entry->offset);
          continue;
        }

      le = _mp_format_array_to_le (entry->array);
      data = g_bytes_get_data (le, &n_bytes);
      if (hash)
        XXH3_64bits_reset (state);
      for (gsize done = 0; done < n_bytes; done += slice)
        {
          gsize n = MIN (slice, n_bytes - done);

          memcpy (dest + entry->offset + done, data + done, n);
          if (hash)
            XXH3_64bits_update (state, dest + entry->offset + done, n);
        }
      if (hash)
        _mp_serialized_set_checksum (serialized, i, XXH3_64bits_digest (state));
    }
  if (state != NULL)
    XXH3_freeState (state);
  g_assert (position == serialized->payload_length);
  serialized->checksummed = TRUE;
}
