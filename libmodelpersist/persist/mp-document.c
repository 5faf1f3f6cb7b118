/* mp-document.c: the top-level JSON document and the payload bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/utsname.h>
#include <xxhash.h>

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
_mp_document_producer (void)
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

char *
_mp_document_to_json (MpSerialized *serialized,
                      JsonNode     *metadata,
                      const char   *sidecar_name)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *doc = json_object_new ();
  JsonObject *payload = json_object_new ();
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (serialized->checksummed, NULL);

  json_object_set_string_member (doc, "format", MP_FORMAT_NAME);
  json_object_set_string_member (doc, "format_version", MP_FORMAT_VERSION);
  json_object_set_object_member (doc, "producer", _mp_document_producer ());
  if (metadata != NULL)
    json_object_set_member (doc, "metadata", json_node_copy (metadata));
  json_object_set_member (doc, "estimator", json_node_copy (serialized->estimator));

  json_object_set_int_member (payload, "nbytes", (gint64) serialized->payload_length);
  if (sidecar_name != NULL)
    json_object_set_string_member (payload, "file", sidecar_name);
  json_object_set_object_member (doc, "payload", payload);

  json_node_take_object (root, doc);
  _mp_json_write (out, root);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

char *
_mp_document_content_id (MpSerialized *serialized,
                         JsonNode     *metadata)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (serialized->checksummed, NULL);

  _mp_json_write (text, serialized->estimator);
  g_string_append_c (text, '\n');
  if (metadata != NULL)
    _mp_json_write (text, metadata);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x",
                          (guint64) XXH3_64bits (text->str, text->len));
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

      if (_mp_format_stored_size (entry->array) == 0)
        continue;

      g_assert (entry->offset >= position && entry->offset - position < MP_PAYLOAD_ALIGNMENT);
      if (!write_zeros (stream, entry->offset - position, cancellable, error))
        return FALSE;

      le = _mp_format_array_to_le (entry->array);
      data = g_bytes_get_data (le, &n_bytes);
      if (!g_output_stream_write_all (stream, data, n_bytes, NULL, cancellable, error))
        return FALSE;
      position = entry->offset + n_bytes;
    }

  g_assert (position == serialized->payload_length);
  return TRUE;
}
