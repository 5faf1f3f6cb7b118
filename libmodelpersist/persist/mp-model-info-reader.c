/* mp-model-info-reader.c: reading a document's "metadata" object into an
 * MpModelInfo
 *
 * The reader is strict: every member is checked for its JSON type and
 * range, unknown members are refused (unless the document is of a newer
 * minor format version), a source text must match its hash, recorded
 * statistics must match the scores, and a splitter type is only looked
 * up, never instantiated or loaded.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-model-info-private.h"

/* Scores that agree this closely with their recorded mean and standard
 * deviation are consistent: the writer computes both from the scores. */
#define STATS_TOLERANCE 1e-9

#define MAX_SHAPE_DIMS 8

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
check_members (JsonObject         *obj,
               const char         *path,
               const char * const *known,
               gboolean            ignore_unknown,
               GError            **error)
{
  JsonObjectIter it;
  const char *key;

  if (ignore_unknown)
    return TRUE;

  json_object_iter_init (&it, obj);
  while (json_object_iter_next (&it, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.%s: unknown member", path, key);
        return FALSE;
      }
  return TRUE;
}

/* Reads the object member @name of @obj into @out (NULL if absent and
 * not @required). */
static gboolean
object_member (JsonObject  *obj,
               const char  *name,
               const char  *path,
               gboolean     required,
               JsonObject **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.%s: missing", path, name);
      return !required;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.%s: must be an object", path, name);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

/* Reads the string member @name into @out (NULL if absent). */
static gboolean
string_member (JsonObject  *obj,
               const char  *name,
               const char  *path,
               gboolean     required,
               const char **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.%s: missing", path, name);
          return FALSE;
        }
      return TRUE;
    }
  if (!node_is (node, G_TYPE_STRING))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE, "%s.%s: must be a string", path, name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_lower_hex (const char *s,
              gsize       length)
{
  if (strlen (s) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_double (JsonNode    *node,
              const char  *path,
              gdouble     *out,
              GError     **error)
{
  if (node_is (node, G_TYPE_DOUBLE) || node_is (node, G_TYPE_INT64))
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  if (node_is (node, G_TYPE_STRING))
    {
      const char *s = json_node_get_string (node);

      if (strcmp (s, "nan") == 0)
        *out = NAN;
      else if (strcmp (s, "inf") == 0)
        *out = INFINITY;
      else if (strcmp (s, "-inf") == 0)
        *out = -INFINITY;
      else
        goto bad;
      return TRUE;
    }
bad:
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
               "%s: must be a number or \"nan\", \"inf\", \"-inf\"", path);
  return FALSE;
}

static gboolean
parse_fingerprint (JsonObject     *obj,
                   const char     *path,
                   gboolean        ignore_unknown,
                   MpFingerprint  *fp,
                   GError        **error)
{
  static const char * const known[] = { "checksum", "dtype", "shape", NULL };
  const char *checksum, *dtype;
  JsonNode *shape_node;
  JsonArray *shape;
  guint64 n_elements = 1;
  guint64 n_bytes;
  MpDType code;

  if (!check_members (obj, path, known, ignore_unknown, error) ||
      !string_member (obj, "checksum", path, TRUE, &checksum, error) ||
      !string_member (obj, "dtype", path, TRUE, &dtype, error))
    return FALSE;

  if (!g_str_has_prefix (checksum, MP_CHECKSUM_PREFIX) ||
      !is_lower_hex (checksum + strlen (MP_CHECKSUM_PREFIX), 16))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s.checksum: expected \"" MP_CHECKSUM_PREFIX "\" and 16 lower-case hex digits",
                   path);
      return FALSE;
    }
  if (!_mp_format_dtype_from_code (dtype, &code))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s.dtype: \"%s\" is not a format dtype", path, dtype);
      return FALSE;
    }

  shape_node = json_object_get_member (obj, "shape");
  if (shape_node == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.shape: missing", path);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (shape_node) ||
      json_array_get_length (json_node_get_array (shape_node)) > MAX_SHAPE_DIMS)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s.shape: must be a list of at most %d non-negative integers",
                   path, MAX_SHAPE_DIMS);
      return FALSE;
    }
  shape = json_node_get_array (shape_node);

  _mp_fingerprint_clear (fp);
  fp->n_dims = json_array_get_length (shape);
  fp->shape = g_new0 (gsize, MAX (fp->n_dims, 1));
  for (guint i = 0; i < fp->n_dims; i++)
    {
      JsonNode *dim = json_array_get_element (shape, i);

      if (!node_is (dim, G_TYPE_INT64) || json_node_get_int (dim) < 0 ||
          (guint64) json_node_get_int (dim) > G_MAXSIZE)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s.shape[%u]: must be a non-negative integer", path, i);
          return FALSE;
        }
      fp->shape[i] = (gsize) json_node_get_int (dim);
      if (!g_uint64_checked_mul (&n_elements, n_elements, fp->shape[i]) ||
          !g_uint64_checked_mul (&n_bytes, n_elements, mp_dtype_get_item_size (code)))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s.shape: the array's size overflows 64 bits", path);
          return FALSE;
        }
    }
  fp->checksum = g_strdup (checksum);
  fp->dtype = code;
  return TRUE;
}

static gboolean
parse_training_data (MpModelInfo  *self,
                     JsonObject   *obj,
                     const char   *path,
                     gboolean      ignore_unknown,
                     GError      **error)
{
  static const char * const known[] = { "snapshot_uri", "x", "y", NULL };
  g_autofree char *xpath = g_strconcat (path, ".x", NULL);
  g_autofree char *ypath = g_strconcat (path, ".y", NULL);
  g_auto(MpFingerprint) x_fingerprint = { 0 };
  g_auto(MpFingerprint) y_fingerprint = { 0 };
  JsonObject *x, *y;
  const char *uri;

  if (!check_members (obj, path, known, ignore_unknown, error) ||
      !string_member (obj, "snapshot_uri", path, FALSE, &uri, error))
    return FALSE;
  if (uri != NULL && !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s.snapshot_uri: not an absolute URI", path);
      return FALSE;
    }

  if (!object_member (obj, "x", path, TRUE, &x, error) ||
      !parse_fingerprint (x, xpath, ignore_unknown, &x_fingerprint, error))
    return FALSE;

  if (!object_member (obj, "y", path, FALSE, &y, error))
    return FALSE;
  if (y != NULL && !parse_fingerprint (y, ypath, ignore_unknown, &y_fingerprint, error))
    return FALSE;

  _mp_model_info_take_training_data (self, &x_fingerprint, y != NULL ? &y_fingerprint : NULL, uri);
  return TRUE;
}

static gboolean
parse_source (MpModelInfo  *self,
              JsonObject   *obj,
              const char   *path,
              gboolean      ignore_unknown,
              GError      **error)
{
  static const char * const known[] = { "file", "program", "vcs_revision", NULL };
  static const char * const file_known[] = { "name", "sha256", "text", NULL };
  g_autofree char *fpath = g_strconcat (path, ".file", NULL);
  const char *program, *revision;
  const char *name = NULL, *sha256 = NULL, *text = NULL;
  JsonObject *file;

  if (!check_members (obj, path, known, ignore_unknown, error) ||
      !string_member (obj, "program", path, FALSE, &program, error) ||
      !string_member (obj, "vcs_revision", path, FALSE, &revision, error))
    return FALSE;

  if (!object_member (obj, "file", path, FALSE, &file, error))
    return FALSE;
  if (file != NULL)
    {
      if (!check_members (file, fpath, file_known, ignore_unknown, error) ||
          !string_member (file, "name", fpath, TRUE, &name, error) ||
          !string_member (file, "sha256", fpath, TRUE, &sha256, error) ||
          !string_member (file, "text", fpath, FALSE, &text, error))
        return FALSE;
      if (*name == '\0')
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE, "%s.name: is empty", fpath);
          return FALSE;
        }
      if (!is_lower_hex (sha256, 64))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s.sha256: expected 64 lower-case hex digits", fpath);
          return FALSE;
        }
      if (text != NULL)
        {
          g_autofree char *actual = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

          if (strcmp (actual, sha256) != 0)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                           "%s.text: its SHA-256 is %s, not the recorded %s", fpath, actual, sha256);
              return FALSE;
            }
        }
    }

  _mp_model_info_set_source (self, program, revision, name, sha256, text);
  return TRUE;
}

static gboolean
stats_agree (gdouble recorded,
             gdouble computed)
{
  if (isnan (recorded) || isnan (computed))
    return isnan (recorded) && isnan (computed);
  if (isinf (recorded) || isinf (computed))
    return recorded == computed;
  return fabs (recorded - computed) <= STATS_TOLERANCE * MAX (1.0, fabs (computed));
}

static gboolean
parse_cross_validation (MpModelInfo  *self,
                        JsonObject   *obj,
                        const char   *path,
                        gboolean      ignore_unknown,
                        GError      **error)
{
  static const char * const known[] = { "mean", "scores", "scoring", "splitter", "std", NULL };
  static const char * const splitter_known[] = { "params", "type", NULL };
  g_autofree char *spath = g_strconcat (path, ".splitter", NULL);
  g_autofree char *ppath = g_strconcat (path, ".splitter.params", NULL);
  g_autofree char *tpath = g_strconcat (path, ".splitter.type", NULL);
  g_autofree gdouble *scores = NULL;
  g_autoptr(MpArray) score_array = NULL;
  JsonObject *splitter, *params;
  JsonNode *node;
  JsonArray *list;
  const char *type_name;
  const char *scoring = NULL;
  gdouble mean, std, computed_mean, computed_std;
  gsize n;
  GType type;

  if (!check_members (obj, path, known, ignore_unknown, error))
    return FALSE;

  node = json_object_get_member (obj, "scoring");
  if (node == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.scoring: missing", path);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_NULL (node))
    {
      if (!node_is (node, G_TYPE_STRING) ||
          (strcmp (json_node_get_string (node), "accuracy") != 0 &&
           strcmp (json_node_get_string (node), "r2") != 0))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s.scoring: must be \"accuracy\", \"r2\" or null", path);
          return FALSE;
        }
      scoring = json_node_get_string (node);
    }

  if (!object_member (obj, "splitter", path, TRUE, &splitter, error) ||
      !check_members (splitter, spath, splitter_known, ignore_unknown, error) ||
      !string_member (splitter, "type", spath, TRUE, &type_name, error))
    return FALSE;
  if (!object_member (splitter, "params", spath, TRUE, &params, error))
    return FALSE;
  type = _mp_cv_record_lookup_splitter_type (type_name, tpath, error);
  if (type == G_TYPE_INVALID || !_mp_cv_record_check_splitter_params (type, params, ppath, error))
    return FALSE;

  node = json_object_get_member (obj, "scores");
  if (node == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.scores: missing", path);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "%s.scores: must be a non-empty list of numbers", path);
      return FALSE;
    }
  list = json_node_get_array (node);
  n = json_array_get_length (list);
  scores = g_new (gdouble, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s.scores[%u]", path, i);

      if (!parse_double (json_array_get_element (list, i), where, &scores[i], error))
        return FALSE;
    }

  node = json_object_get_member (obj, "mean");
  if (node == NULL || json_object_get_member (obj, "std") == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s.%s: missing", path,
                   node == NULL ? "mean" : "std");
      return FALSE;
    }
  {
    g_autofree char *mpath = g_strconcat (path, ".mean", NULL);
    g_autofree char *dpath = g_strconcat (path, ".std", NULL);

    if (!parse_double (node, mpath, &mean, error) ||
        !parse_double (json_object_get_member (obj, "std"), dpath, &std, error))
      return FALSE;

    score_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n, 1, g_steal_pointer (&scores));
    _mp_cv_record_compute_stats (score_array, &computed_mean, &computed_std);
    if (!stats_agree (mean, computed_mean) || !stats_agree (std, computed_std))
      {
        g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                     "%s: mean or std disagrees with the scores", stats_agree (mean, computed_mean)
                     ? dpath : mpath);
        return FALSE;
      }
  }

  _mp_model_info_take_cross_validation (self, _mp_cv_record_new (type_name, params, scoring,
                                                                 score_array, mean, std));
  return TRUE;
}

static gboolean
parse_annotations (MpModelInfo  *self,
                   JsonObject   *obj,
                   const char   *path,
                   GError      **error)
{
  JsonObjectIter it;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&it, obj);
  while (json_object_iter_next (&it, &key, &node))
    {
      if (*key == '\0' || !node_is (node, G_TYPE_STRING))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                       "%s.%s: annotations are non-empty names with string values", path, key);
          return FALSE;
        }
      _mp_model_info_insert_annotation (self, key, json_node_get_string (node));
    }
  return TRUE;
}

MpModelInfo *
_mp_model_info_new_from_node (JsonNode    *node,
                              const char  *path,
                              gboolean     ignore_unknown,
                              GError     **error)
{
  static const char * const known[] = {
    "annotations", "cross_validation", "source", "training_data", NULL
  };
  g_autoptr(MpModelInfo) self = mp_model_info_new ();
  g_autofree char *apath = g_strconcat (path, ".annotations", NULL);
  g_autofree char *cpath = g_strconcat (path, ".cross_validation", NULL);
  g_autofree char *spath = g_strconcat (path, ".source", NULL);
  g_autofree char *tpath = g_strconcat (path, ".training_data", NULL);
  JsonObject *meta, *part;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "%s: must be an object", path);
      return NULL;
    }
  meta = json_node_get_object (node);
  if (!check_members (meta, path, known, ignore_unknown, error))
    return NULL;

  if (!object_member (meta, "annotations", path, FALSE, &part, error) ||
      (part != NULL && !parse_annotations (self, part, apath, error)))
    return NULL;
  if (!object_member (meta, "cross_validation", path, FALSE, &part, error) ||
      (part != NULL && !parse_cross_validation (self, part, cpath, ignore_unknown, error)))
    return NULL;
  if (!object_member (meta, "source", path, FALSE, &part, error) ||
      (part != NULL && !parse_source (self, part, spath, ignore_unknown, error)))
    return NULL;
  if (!object_member (meta, "training_data", path, FALSE, &part, error) ||
      (part != NULL && !parse_training_data (self, part, tpath, ignore_unknown, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mp_model_info_new_from_json:
 * @json: a `metadata` object as mp_model_info_to_json() writes it
 * @error: return location for a #GError
 *
 * Parses a `metadata` object with the rules the loader applies (unknown
 * members are refused). It does not enforce the loader's size and
 * nesting limits: pass only text of reasonable size.
 *
 * Returns: (transfer full): the info, or %NULL with %MP_ERROR_MALFORMED
 *   (not JSON, a missing or unknown member), %MP_ERROR_INVALID_VALUE (a
 *   value of the wrong type or out of range, a source text that does not
 *   match its hash, a mean that does not match the scores),
 *   %MP_ERROR_UNKNOWN_TYPE or %MP_ERROR_UNTRUSTED_TYPE (the splitter
 *   type); messages give the JSON path
 *
 * Since: 0.1
 */
MpModelInfo *
mp_model_info_new_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED, "$: %s", local->message);
      return NULL;
    }
  return _mp_model_info_new_from_node (json_parser_get_root (parser), "$", FALSE, error);
}
