/* mp-producer.c: fields an application adds to every document's producer record
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-producer-private.h"

/**
 * SECTION:mp-producer
 * @Title: Producer fields
 * @Short_description: versions of the application's own stack, saved with every model
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) baseline = mp_dummy_classifier_new ();
 * g_autoptr(MpLoadReport) report = mp_load_report_new ();
 * g_autoptr(GBytes) bytes = NULL;
 * g_autoptr(MpEstimator) model = NULL;
 *
 * // every model this process saves from now on records the application's version
 * if (mp_set_producer_field ("myapp_version", "2.4.1", &error) &&
 *     mp_estimator_fit (baseline, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *   bytes = mp_dumps (baseline, &error);
 * if (bytes != NULL)
 *   model = mp_loads_full (bytes, NULL, report, &error);
 * if (model == NULL)
 *   g_warning ("%s", error->message);
 * else    // "2.4.1"
 *   g_print ("saved by myapp %s\n", mp_load_report_get_producer_field (report, "myapp_version"));
 * mp_set_producer_field ("myapp_version", NULL, NULL);   // removed again
 * ]|
 *
 * Every document records its writer in its `producer` object
 * (docs/format.md, section 2.3): the versions of libmodelpersist, GLib,
 * json-glib and xxHash, the architecture and the operating system. A
 * binding or an application adds the versions of its own stack with
 * mp_set_producer_field(); the Python override, for instance, records
 * `python_version`, `numpy_version` and `sklearn_version` when it is
 * imported. The fields belong to the process: every document saved after
 * the call carries them, in key order, whichever function saves it, so the
 * same model still gives the same bytes within one process. A loader reads
 * them back with mp_load_report_get_producer_field() and
 * mp_model_info_get_producer_field(); older loaders accept them, as the
 * format requires readers to accept unknown producer members.
 *
 * A process that set `sklearn_version` is also warned, in the
 * #MpLoadReport, when it loads a model converted from another version of
 * scikit-learn (one whose metadata has the annotation
 * `imported_from.sklearn_version`, as mp_import_pickle_bytes() and the
 * Python `from_sklearn(model)` record).
 */

/* Written by the library itself: never replaced by a caller's value. */
static const char * const reserved_keys[] = {
  "library", "library_version", "glib_version", "json_glib_version",
  "xxhash_version", "arch", "byte_order", "os", "zstd_version",
};

#define MAX_KEY_BYTES 64
#define MAX_VALUE_BYTES 256

static GMutex fields_lock;
static GTree *fields;           /* char* key -> char* value, sorted; under fields_lock */
static guint generation;        /* counts changes to fields; under fields_lock */

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (a, b);
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  gsize length = strlen (key);

  if (length == 0 || length > MAX_KEY_BYTES || !g_ascii_islower (key[0]))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "key: \"%s\" must be 1 to %d characters starting with a-z", key, MAX_KEY_BYTES);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (key[i]) && !g_ascii_isdigit (key[i]) && key[i] != '_')
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                     "key: \"%s\" may hold only a-z, 0-9 and _ (found byte 0x%02x at %" G_GSIZE_FORMAT ")",
                     key, (guchar) key[i], i);
        return FALSE;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (reserved_keys); i++)
    if (strcmp (key, reserved_keys[i]) == 0)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                     "key: \"%s\" is written by the library itself", key);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_value (const char  *key,
             const char  *value,
             GError     **error)
{
  gsize length = strlen (value);

  if (length == 0 || length > MAX_VALUE_BYTES)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "value: the value of \"%s\" must be 1 to %d bytes, got %" G_GSIZE_FORMAT,
                   key, MAX_VALUE_BYTES, length);
      return FALSE;
    }
  if (!g_utf8_validate (value, length, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "value: the value of \"%s\" is not valid UTF-8", key);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if ((guchar) value[i] < 0x20 || value[i] == 0x7f)
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                     "value: the value of \"%s\" holds a control character at byte %" G_GSIZE_FORMAT,
                     key, i);
        return FALSE;
      }
  return TRUE;
}

/**
 * mp_set_producer_field:
 * @key: the member's name: 1 to 64 characters of `a-z`, `0-9` and `_`,
 *   starting with a letter, and not one the library writes itself
 *   (`library`, `library_version`, `glib_version`, `json_glib_version`,
 *   `xxhash_version`, `arch`, `byte_order`, `os`, `zstd_version`)
 * @value: (nullable): the value, 1 to 256 bytes of UTF-8 without control
 *   characters; %NULL removes the field
 * @error: return location for a #GError, or %NULL
 *
 * Adds a member to the `producer` object of every document this process
 * saves from now on, or replaces or removes one added before. Use it for
 * the versions of the stack the application runs on, as the Python
 * override does for Python, numpy and scikit-learn. It is safe to call from
 * any thread.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_ARGUMENT
 *   naming the key or value at fault, or %MP_ERROR_LIMIT_EXCEEDED when
 *   %MP_PRODUCER_MAX_FIELDS fields are set already
 *
 * Since: 0.1
 */
gboolean
mp_set_producer_field (const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key (key, error) || (value != NULL && !check_value (key, value, error)))
    return FALSE;

  locker = g_mutex_locker_new (&fields_lock);
  if (fields == NULL)
    fields = g_tree_new_full (compare_keys, NULL, g_free, g_free);

  if (value == NULL)
    {
      if (g_tree_remove (fields, key))
        generation++;
      return TRUE;
    }
  if (g_tree_lookup (fields, key) == NULL && g_tree_nnodes (fields) >= MP_PRODUCER_MAX_FIELDS)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "key: \"%s\" would be field %d; at most %d may be set",
                   key, MP_PRODUCER_MAX_FIELDS + 1, MP_PRODUCER_MAX_FIELDS);
      return FALSE;
    }
  g_tree_replace (fields, g_strdup (key), g_strdup (value));
  generation++;
  return TRUE;
}

/**
 * mp_dup_producer_field:
 * @key: a key given to mp_set_producer_field()
 *
 * Reads a field this process set with mp_set_producer_field(). (The
 * fields of a loaded document are read with
 * mp_load_report_get_producer_field().)
 *
 * Returns: (transfer full) (nullable): a copy of the value, or %NULL if
 *   the field is not set
 *
 * Since: 0.1
 */
char *
mp_dup_producer_field (const char *key)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  locker = g_mutex_locker_new (&fields_lock);
  return fields == NULL ? NULL : g_strdup (g_tree_lookup (fields, key));
}

static gboolean
add_field (gpointer key,
           gpointer value,
           gpointer user_data)
{
  json_object_set_string_member (user_data, key, value);
  return FALSE;
}

guint
_mp_producer_add_fields (JsonObject *producer)
{
  guint added_at;

  g_mutex_lock (&fields_lock);
  if (fields != NULL)
    g_tree_foreach (fields, add_field, producer);
  added_at = generation;
  g_mutex_unlock (&fields_lock);
  return added_at;
}

guint
_mp_producer_get_generation (void)
{
  guint now;

  g_mutex_lock (&fields_lock);
  now = generation;
  g_mutex_unlock (&fields_lock);
  return now;
}

/* Compares dotted versions by their leading numeric components ("1.2.1",
 * "1.3.dev0" as 1.3, "0.24" as 0.24.0). */
static int
compare_versions (const char *a,
                  const char *b)
{
  while (*a != '\0' || *b != '\0')
    {
      guint64 x = 0, y = 0;
      gboolean a_number = g_ascii_isdigit (*a), b_number = g_ascii_isdigit (*b);

      if ((*a != '\0' && !a_number) || (*b != '\0' && !b_number))
        return 0;       /* a suffix ("dev0", "rc1"): no order from here */
      while (g_ascii_isdigit (*a) && x < G_MAXUINT32)
        x = x * 10 + (guint64) (*a++ - '0');
      while (g_ascii_isdigit (*b) && y < G_MAXUINT32)
        y = y * 10 + (guint64) (*b++ - '0');
      if (x != y)
        return x < y ? -1 : 1;
      if (*a == '.')
        a++;
      if (*b == '.')
        b++;
    }
  return 0;
}

void
_mp_producer_check_converted (JsonNode  *metadata,
                              GPtrArray *warnings)
{
  JsonObject *annotations;
  JsonNode *node;
  const char *converted;
  g_autofree char *running = NULL;
  int order;

  if (metadata == NULL || !JSON_NODE_HOLDS_OBJECT (metadata))
    return;
  node = json_object_get_member (json_node_get_object (metadata), "annotations");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  annotations = json_node_get_object (node);
  node = json_object_get_member (annotations, "imported_from.sklearn_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;
  converted = json_node_get_string (node);

  running = mp_dup_producer_field ("sklearn_version");
  if (running == NULL || strcmp (running, converted) == 0)
    return;

  order = compare_versions (converted, running);
  g_ptr_array_add (warnings,
                   g_strdup_printf ("$.metadata.annotations[\"imported_from.sklearn_version\"]: "
                                    "the model was converted from scikit-learn %s, %s the "
                                    "scikit-learn %s of this process; the two may behave "
                                    "differently", converted,
                                    order < 0 ? "older than" : order > 0 ? "newer than" : "not",
                                    running));
}
