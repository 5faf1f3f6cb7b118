/* mp-load-report.c: what a load noticed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-json-writer-private.h"
#include "mp-load-report-private.h"
#include "mp-model-info-private.h"
#include "mp-producer-private.h"

/**
 * SECTION:mp-load-report
 * @Title: MpLoadReport
 * @Short_description: warnings and provenance of a loaded model
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) svc = mp_svc_new ();
 * g_autoptr(MpLoadReport) report = mp_load_report_new ();
 * g_autoptr(GBytes) bytes = NULL;
 * g_autoptr(MpEstimator) model = NULL;
 *
 * if (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *   bytes = mp_dumps (svc, &error);
 * if (bytes != NULL)
 *   model = mp_loads_full (bytes, NULL, report, &error);
 * if (model == NULL)
 *   g_warning ("%s", error->message);
 * else    // the warnings are empty for a file this version wrote
 *   g_print ("format %s, producer %s, %u warnings\n",
 *            mp_load_report_get_format_version (report),
 *            mp_load_report_get_producer_version (report),
 *            g_strv_length ((char **) mp_load_report_get_warnings (report)));
 * ]|
 *
 * Pass an #MpLoadReport to mp_loads(), mp_load() or their variants to
 * learn what the loader noticed: the format version of the document, the
 * versions of libmodelpersist and of its dependencies that wrote it, the
 * machine it was written on, the optional metadata, and warnings such as
 * "saved by libmodelpersist 1.2, loaded with 1.0".
 *
 * A version mismatch is also logged at %G_LOG_LEVEL_MESSAGE in the
 * `ModelPersist` log domain, with the structured fields
 * `MP_PRODUCER_VERSION` and `MP_LOADER_VERSION`, the way scikit-learn
 * raises InconsistentVersionWarning. It is a message rather than a warning
 * so that programs running with `G_DEBUG=fatal-warnings` do not abort on a
 * model that loaded correctly.
 */

struct _MpLoadReport
{
  GObject     parent_instance;

  GPtrArray  *warnings;
  char       *format_version;
  GHashTable *producer;
  JsonNode   *metadata;
};

G_DEFINE_FINAL_TYPE (MpLoadReport, mp_load_report, G_TYPE_OBJECT)

static void
mp_load_report_finalize (GObject *object)
{
  MpLoadReport *self = MP_LOAD_REPORT (object);

  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->format_version, g_free);
  g_clear_pointer (&self->producer, g_hash_table_unref);
  g_clear_pointer (&self->metadata, json_node_unref);

  G_OBJECT_CLASS (mp_load_report_parent_class)->finalize (object);
}

static void
mp_load_report_class_init (MpLoadReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_load_report_finalize;
}

static void
mp_load_report_init (MpLoadReport *self)
{
  self->warnings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->producer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * mp_load_report_new:
 *
 * Creates an empty report to pass to a load function.
 *
 * Returns: (transfer full): a new #MpLoadReport
 *
 * Since: 0.1
 */
MpLoadReport *
mp_load_report_new (void)
{
  return g_object_new (MP_TYPE_LOAD_REPORT, NULL);
}

void
_mp_load_report_fill (MpLoadReport *self,
                      const char   *format_version,
                      JsonObject   *producer,
                      JsonNode     *metadata,
                      GPtrArray    *warnings)
{
  g_return_if_fail (MP_IS_LOAD_REPORT (self));

  g_ptr_array_set_size (self->warnings, 0);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    if (g_ptr_array_index (warnings, i) != NULL)
      g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (warnings, i)));

  g_free (self->format_version);
  self->format_version = g_strdup (format_version);

  g_hash_table_remove_all (self->producer);
  if (producer != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (producer);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (producer, l->data);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_hash_table_insert (self->producer, g_strdup (l->data),
                                 g_strdup (json_node_get_string (node)));
        }
    }

  g_clear_pointer (&self->metadata, json_node_unref);
  if (metadata != NULL)
    self->metadata = json_node_copy (metadata);

  _mp_producer_check_converted (metadata, self->warnings);
}

JsonNode *
_mp_load_report_get_metadata (MpLoadReport *self)
{
  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);

  return self->metadata;
}

/**
 * mp_load_report_get_warnings:
 * @self: an #MpLoadReport
 *
 * Lists the warnings the load raised, such as a version mismatch.
 *
 * Returns: (transfer none) (array zero-terminated=1): the warnings of the
 *   last load, in the order they were found; empty if there were none
 *
 * Since: 0.1
 */
const char * const *
mp_load_report_get_warnings (MpLoadReport *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);

  if (self->warnings->len == 0)
    return none;
  return (const char * const *) self->warnings->pdata;
}

/**
 * mp_load_report_get_format_version:
 * @self: an #MpLoadReport
 *
 * Reads the format version the loaded document declared.
 *
 * Returns: (nullable): the `format_version` of the loaded document, such
 *   as `"1.0"`, or %NULL before a load read one
 *
 * Since: 0.1
 */
const char *
mp_load_report_get_format_version (MpLoadReport *self)
{
  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);

  return self->format_version;
}

/**
 * mp_load_report_get_producer_field:
 * @self: an #MpLoadReport
 * @key: a member of the document's `producer` object: `library_version`,
 *   `glib_version`, `json_glib_version`, `xxhash_version`, `arch`,
 *   `byte_order`, `os`
 *
 * Reads one field of the producer record of the loaded document.
 *
 * Returns: (nullable): the value the document recorded, or %NULL
 *
 * Since: 0.1
 */
const char *
mp_load_report_get_producer_field (MpLoadReport *self,
                                   const char   *key)
{
  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->producer, key);
}

/**
 * mp_load_report_get_producer_version:
 * @self: an #MpLoadReport
 *
 * Reads the libmodelpersist version that wrote the loaded document.
 *
 * Returns: (nullable): the version of libmodelpersist that wrote the
 *   document
 *
 * Since: 0.1
 */
const char *
mp_load_report_get_producer_version (MpLoadReport *self)
{
  return mp_load_report_get_producer_field (self, "library_version");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * mp_load_report_list_producer_fields:
 * @self: an #MpLoadReport
 *
 * Lists the names of the producer record's fields.
 *
 * Returns: (transfer full) (array zero-terminated=1): the keys of the
 *   producer record, sorted
 *
 * Since: 0.1
 */
char **
mp_load_report_list_producer_fields (MpLoadReport *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GPtrArray *out;

  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->producer, &n);
  out = g_ptr_array_new_null_terminated (n, NULL, TRUE);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, g_strdup (keys[i]));
  g_ptr_array_sort (out, compare_strings);
  return (char **) g_ptr_array_free (out, FALSE);
}

/**
 * mp_load_report_get_metadata_json:
 * @self: an #MpLoadReport
 *
 * Reads the metadata object of the loaded document as canonical JSON.
 *
 * Returns: (transfer full) (nullable): the document's `metadata` object as
 *   canonical JSON text, or %NULL if it had none
 *
 * Since: 0.1
 */
char *
mp_load_report_get_metadata_json (MpLoadReport *self)
{
  GString *out;

  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);

  if (self->metadata == NULL)
    return NULL;

  out = g_string_new (NULL);
  _mp_json_write (out, self->metadata);
  return g_string_free (out, FALSE);
}

/**
 * mp_load_report_get_model_info:
 * @self: an #MpLoadReport
 *
 * Reads how the loaded model was made: the #MpModelInfo saved with it by
 * mp_dumps_with_info() or mp_dump_with_info(), with the versions of
 * libmodelpersist and its dependencies that wrote it filled in from the
 * document's producer record (mp_model_info_get_producer_field()). A
 * model saved without info gives an info holding only those versions.
 * The loader has already checked the metadata strictly, so this cannot
 * fail after a successful load.
 *
 * Returns: (transfer full) (nullable): a new #MpModelInfo, or %NULL if
 *   no load has filled @self
 *
 * Since: 0.1
 */
MpModelInfo *
mp_load_report_get_model_info (MpLoadReport *self)
{
  g_autoptr(MpModelInfo) info = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (MP_IS_LOAD_REPORT (self), NULL);

  if (self->format_version == NULL)
    return NULL;

  if (self->metadata != NULL)
    {
      /* Unknown members were refused or, for a newer minor version,
       * accepted by the loader: accept them here too. */
      info = _mp_model_info_new_from_node (self->metadata, "$.metadata", TRUE, NULL);
      if (info == NULL)
        return NULL;
    }
  else
    info = mp_model_info_new ();

  g_hash_table_iter_init (&iter, self->producer);
  while (g_hash_table_iter_next (&iter, &key, &value))
    _mp_model_info_set_producer (info, key, value);
  return g_steal_pointer (&info);
}
