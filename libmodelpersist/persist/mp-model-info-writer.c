/* mp-model-info-writer.c: an MpModelInfo as a document's "metadata"
 * object, and saving a model with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-format-private.h"
#include "mp-json-writer-private.h"
#include "mp-model-info-private.h"
#include "mp-persist-private.h"

static JsonNode *
double_node (gdouble value)
{
  if (isnan (value))
    return json_node_init_string (json_node_alloc (), "nan");
  if (isinf (value))
    return json_node_init_string (json_node_alloc (), value > 0 ? "inf" : "-inf");
  return json_node_init_double (json_node_alloc (), value);
}

/* A node owning @obj (json_node_init_object() would add a reference). */
static JsonNode *
take_object_node (JsonObject *obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, obj);
  return node;
}

static JsonNode *
fingerprint_node (const MpFingerprint *fp)
{
  JsonObject *obj = json_object_new ();
  JsonArray *shape = json_array_sized_new (fp->n_dims);

  for (guint i = 0; i < fp->n_dims; i++)
    json_array_add_int_element (shape, (gint64) fp->shape[i]);
  json_object_set_string_member (obj, "checksum", fp->checksum);
  json_object_set_string_member (obj, "dtype", _mp_format_dtype_code (fp->dtype));
  json_object_set_array_member (obj, "shape", shape);
  return take_object_node (obj);
}

static void
take_object (JsonObject *parent,
             const char *name,
             JsonObject *child)
{
  json_object_set_object_member (parent, name, child);
}

JsonNode *
_mp_model_info_to_node (MpModelInfo *self)
{
  g_auto(GStrv) keys = NULL;
  const MpFingerprint *x, *y;
  const MpCvRecord *cv;
  const char *program, *vcs_revision, *source_sha256;
  JsonObject *meta;

  if (self == NULL || mp_model_info_is_empty (self))
    return NULL;

  meta = json_object_new ();

  keys = mp_model_info_list_annotations (self);
  if (keys[0] != NULL)
    {
      JsonObject *ann = json_object_new ();

      for (guint i = 0; keys[i] != NULL; i++)
        json_object_set_string_member (ann, keys[i], mp_model_info_get_annotation (self, keys[i]));
      take_object (meta, "annotations", ann);
    }

  cv = _mp_model_info_get_cross_validation (self);
  if (cv != NULL)
    {
      JsonObject *cvo = json_object_new ();
      JsonObject *splitter = json_object_new ();
      JsonArray *scores = json_array_new ();
      const gdouble *s = mp_array_get_data (cv->scores, NULL);

      for (gsize i = 0; i < mp_array_get_n_elements (cv->scores); i++)
        json_array_add_element (scores, double_node (s[i]));
      json_object_set_member (cvo, "mean", double_node (cv->mean));
      json_object_set_array_member (cvo, "scores", scores);
      if (cv->scoring != NULL)
        json_object_set_string_member (cvo, "scoring", cv->scoring);
      else
        json_object_set_null_member (cvo, "scoring");
      json_object_set_object_member (splitter, "params", json_object_ref (cv->splitter_params));
      json_object_set_string_member (splitter, "type", cv->splitter_type);
      take_object (cvo, "splitter", splitter);
      json_object_set_member (cvo, "std", double_node (cv->std));
      take_object (meta, "cross_validation", cvo);
    }

  program = mp_model_info_get_program (self);
  vcs_revision = mp_model_info_get_vcs_revision (self);
  source_sha256 = mp_model_info_get_source_sha256 (self);
  if (program != NULL || vcs_revision != NULL || source_sha256 != NULL)
    {
      JsonObject *src = json_object_new ();

      if (source_sha256 != NULL)
        {
          JsonObject *file = json_object_new ();
          const char *text = mp_model_info_get_source_text (self);

          json_object_set_string_member (file, "name", mp_model_info_get_source_name (self));
          json_object_set_string_member (file, "sha256", source_sha256);
          if (text != NULL)
            json_object_set_string_member (file, "text", text);
          take_object (src, "file", file);
        }
      if (program != NULL)
        json_object_set_string_member (src, "program", program);
      if (vcs_revision != NULL)
        json_object_set_string_member (src, "vcs_revision", vcs_revision);
      take_object (meta, "source", src);
    }

  if (_mp_model_info_get_training_data (self, &x, &y))
    {
      JsonObject *td = json_object_new ();
      const char *snapshot_uri = mp_model_info_get_snapshot_uri (self);

      if (snapshot_uri != NULL)
        json_object_set_string_member (td, "snapshot_uri", snapshot_uri);
      json_object_set_member (td, "x", fingerprint_node (x));
      if (y != NULL)
        json_object_set_member (td, "y", fingerprint_node (y));
      take_object (meta, "training_data", td);
    }

  return take_object_node (meta);
}

/**
 * mp_model_info_to_json:
 * @self: an #MpModelInfo
 *
 * Formats @self as the `metadata` object a document would carry, in the
 * canonical form (sorted keys, fixed layout). Producer versions are not
 * part of it: documents hold them in `producer`.
 *
 * Returns: (transfer full): the JSON text; `{}` for an empty info
 *
 * Since: 0.1
 */
char *
mp_model_info_to_json (MpModelInfo *self)
{
  g_autoptr(JsonNode) node = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  node = _mp_model_info_to_node (self);
  if (node == NULL)
    node = take_object_node (json_object_new ());
  _mp_json_write (out, node);
  return g_string_free (out, FALSE);
}

/**
 * mp_dumps_with_info:
 * @estimator: an #MpEstimator
 * @info: (nullable): what to record about how the model was made
 * @error: return location for a #GError
 *
 * mp_dumps() with @info saved as the document's `metadata`, that is
 * mp_dumps_full() without options. The same model and the same info give
 * the same bytes.
 *
 * Returns: (transfer full): the saved model, or %NULL with the errors of
 *   mp_dumps()
 *
 * Since: 0.1
 */
GBytes *
mp_dumps_with_info (MpEstimator  *estimator,
                    MpModelInfo  *info,
                    GError      **error)
{
  return mp_dumps_full (estimator, NULL, info, error);
}

/**
 * mp_dump_with_info:
 * @estimator: an #MpEstimator
 * @info: (nullable): what to record about how the model was made
 * @path: (type filename): where to save the JSON, by convention
 *   `NAME.json`
 * @error: return location for a #GError
 *
 * mp_dump() with @info saved as the document's `metadata`.
 *
 * Returns: %TRUE on success, %FALSE with the errors of mp_dump()
 *
 * Since: 0.1
 */
gboolean
mp_dump_with_info (MpEstimator  *estimator,
                   MpModelInfo  *info,
                   const char   *path,
                   GError      **error)
{
  return mp_dump_full (estimator, path, NULL, info, NULL, error);
}

/**
 * mp_dump_to_stream_with_info:
 * @estimator: an #MpEstimator
 * @info: (nullable): what to record about how the model was made
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_dump_to_stream() with @info saved as the document's `metadata`.
 *
 * Returns: %TRUE on success, %FALSE with the errors of
 *   mp_dump_to_stream()
 *
 * Since: 0.1
 */
gboolean
mp_dump_to_stream_with_info (MpEstimator    *estimator,
                             MpModelInfo    *info,
                             GOutputStream  *stream,
                             GCancellable   *cancellable,
                             GError        **error)
{
  return mp_dump_to_stream_full (estimator, stream, NULL, info, cancellable, error);
}
