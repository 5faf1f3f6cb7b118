/* mp-model-info.c: how a model was made, saved with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-cross-validation.h"
#include "mp-cv-record-private.h"
#include "mp-error.h"
#include "mp-format-private.h"
#include "mp-fingerprint-private.h"
#include "mp-json-writer-private.h"
#include "mp-model-info-private.h"
#include "mp-persist-private.h"

/**
 * SECTION:mp-model-info
 * @Title: MpModelInfo
 * @Short_description: provenance saved with a model: training data,
 *   source, versions, cross-validation
 *
 * scikit-learn's documentation asks that a pickled model travel with what
 * is needed to rebuild it and check it later: a reference to the training
 * data, the source code that produced it, the versions of the library and
 * its dependencies, and the cross-validation scores obtained on the
 * training data. #MpModelInfo holds exactly that, is saved in the
 * document's `metadata` object by mp_dumps_with_info(),
 * mp_dump_with_info() and mp_dump_to_stream_with_info(), and comes back
 * from mp_load_report_get_model_info() after a load.
 *
 * - Training data: mp_model_info_set_training_data() records a
 *   fingerprint of X and y (XXH3-64 of their bytes in little-endian order,
 *   their dtypes and shapes) and an optional URI of an immutable snapshot.
 *   The data itself is not saved.
 * - Source: a program name, a VCS revision, and a source file's name and
 *   SHA-256, optionally with its text. The text is data: nothing ever
 *   runs it.
 * - Versions: not set by the caller. Every document records the versions
 *   of libmodelpersist and its dependencies that wrote it; the info
 *   returned after a load carries them
 *   (mp_model_info_get_producer_field()).
 * - Cross-validation: the splitter (type and parameters, including its
 *   seed), the scorer and the per-fold scores with their mean and standard
 *   deviation. mp_model_verify() re-runs it.
 *
 * The same model with the same info always gives the same bytes: nothing
 * here reads the clock; add a date with mp_model_info_set_annotation() if
 * you want one. `docs/format.md` and `docs/metadata.md` specify the
 * schema.
 */

/* Scores that agree this closely with their recorded mean and standard
 * deviation are consistent: the writer computes both from the scores. */
#define STATS_TOLERANCE 1e-9

#define MAX_SHAPE_DIMS 8

struct _MpModelInfo
{
  GObject      parent_instance;

  gboolean       has_x;
  gboolean       has_y;
  MpFingerprint  x;
  MpFingerprint  y;
  char          *snapshot_uri;

  char        *program;
  char        *vcs_revision;
  char        *source_name;
  char        *source_sha256;
  char        *source_text;

  GHashTable  *producer;
  GHashTable  *annotations;

  MpCvRecord  *cv;
};

G_DEFINE_FINAL_TYPE (MpModelInfo, mp_model_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRAM,
  PROP_VCS_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces *@field by a copy of @value; TRUE if it changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
mp_model_info_finalize (GObject *object)
{
  MpModelInfo *self = MP_MODEL_INFO (object);

  _mp_fingerprint_clear (&self->x);
  _mp_fingerprint_clear (&self->y);
  g_clear_pointer (&self->snapshot_uri, g_free);
  g_clear_pointer (&self->program, g_free);
  g_clear_pointer (&self->vcs_revision, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->source_sha256, g_free);
  g_clear_pointer (&self->source_text, g_free);
  g_clear_pointer (&self->producer, g_hash_table_unref);
  g_clear_pointer (&self->annotations, g_hash_table_unref);
  g_clear_pointer (&self->cv, _mp_cv_record_free);

  G_OBJECT_CLASS (mp_model_info_parent_class)->finalize (object);
}

static void
mp_model_info_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MpModelInfo *self = MP_MODEL_INFO (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      g_value_set_string (value, self->program);
      break;
    case PROP_VCS_REVISION:
      g_value_set_string (value, self->vcs_revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_model_info_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MpModelInfo *self = MP_MODEL_INFO (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      mp_model_info_set_program (self, g_value_get_string (value));
      break;
    case PROP_VCS_REVISION:
      mp_model_info_set_vcs_revision (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_model_info_class_init (MpModelInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_model_info_finalize;
  object_class->get_property = mp_model_info_get_property;
  object_class->set_property = mp_model_info_set_property;

  /**
   * MpModelInfo:program:
   *
   * The name of the program that trained the model, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_PROGRAM] =
    g_param_spec_string ("program", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpModelInfo:vcs-revision:
   *
   * The version-control revision of the training code (a commit hash, a
   * tag), or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_VCS_REVISION] =
    g_param_spec_string ("vcs-revision", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_model_info_init (MpModelInfo *self)
{
  self->producer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * mp_model_info_new:
 *
 * Creates an empty model info to fill and pass to mp_dumps_with_info()
 * or mp_dump_with_info().
 *
 * Returns: (transfer full): a new #MpModelInfo
 *
 * Since: 1.0
 */
MpModelInfo *
mp_model_info_new (void)
{
  return g_object_new (MP_TYPE_MODEL_INFO, NULL);
}

/**
 * mp_model_info_is_empty:
 * @self: an #MpModelInfo
 *
 * Tells whether @self records anything a document would store. An empty
 * info adds no `metadata` member: saving with it gives the bytes of
 * mp_dumps(). Producer versions do not count: documents always carry
 * them.
 *
 * Returns: %TRUE if nothing is recorded
 *
 * Since: 1.0
 */
gboolean
mp_model_info_is_empty (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), TRUE);

  return !self->has_x && self->program == NULL && self->vcs_revision == NULL &&
         self->source_sha256 == NULL && self->cv == NULL &&
         g_hash_table_size (self->annotations) == 0;
}

/* ---- fingerprints ------------------------------------------------------ */

/**
 * mp_model_info_set_training_data:
 * @self: an #MpModelInfo
 * @x: the training samples
 * @y: (nullable): the training labels or targets, or %NULL
 * @snapshot_uri: (nullable): the URI of an immutable snapshot of the
 *   data (a dataset version, an object-store URL with a version id), or
 *   %NULL
 * @error: return location for a #GError
 *
 * Records a fingerprint of the training data: for @x and @y, the XXH3-64
 * hash of their elements in C order and little-endian byte order (the
 * checksum the payload would record for them), their dtype and their
 * shape. The data itself is not kept. Replaces an earlier fingerprint.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @snapshot_uri is not a valid absolute URI
 *
 * Since: 1.0
 */
gboolean
mp_model_info_set_training_data (MpModelInfo  *self,
                                 MpArray      *x,
                                 MpArray      *y,
                                 const char   *snapshot_uri,
                                 GError      **error)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (x != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (snapshot_uri != NULL && !g_uri_is_valid (snapshot_uri, G_URI_FLAGS_NONE, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "snapshot_uri: \"%s\" is not an absolute URI", snapshot_uri);
      return FALSE;
    }

  _mp_fingerprint_set_from_array (&self->x, x);
  self->has_x = TRUE;
  if (y != NULL)
    _mp_fingerprint_set_from_array (&self->y, y);
  else
    _mp_fingerprint_clear (&self->y);
  self->has_y = y != NULL;
  g_free (self->snapshot_uri);
  self->snapshot_uri = g_strdup (snapshot_uri);
  return TRUE;
}

/**
 * mp_model_info_has_training_data:
 * @self: an #MpModelInfo
 *
 * Tells whether a training-data fingerprint is recorded.
 *
 * Returns: %TRUE if mp_model_info_set_training_data() was called or the
 *   loaded document had a fingerprint
 *
 * Since: 1.0
 */
gboolean
mp_model_info_has_training_data (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);

  return self->has_x;
}

/**
 * mp_model_info_get_snapshot_uri:
 * @self: an #MpModelInfo
 *
 * Reads the URI of the training data's immutable snapshot.
 *
 * Returns: (nullable): the recorded URI, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_snapshot_uri (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->snapshot_uri;
}

/**
 * mp_model_info_get_x_checksum:
 * @self: an #MpModelInfo
 *
 * Reads the recorded hash of the training samples.
 *
 * Returns: (nullable): `"xxh3-64:"` and 16 hex digits, or %NULL if no
 *   fingerprint is recorded
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_x_checksum (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->x.checksum;
}

/**
 * mp_model_info_get_x_dtype:
 * @self: an #MpModelInfo
 *
 * Reads the recorded dtype of the training samples.
 *
 * Returns: the dtype (%MP_DTYPE_FLOAT64 if nothing is recorded)
 *
 * Since: 1.0
 */
MpDType
mp_model_info_get_x_dtype (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), MP_DTYPE_FLOAT64);

  return self->x.dtype;
}

/**
 * mp_model_info_get_x_shape:
 * @self: an #MpModelInfo
 * @n_dims: (out): the number of dimensions
 *
 * Reads the recorded shape of the training samples.
 *
 * Returns: (array length=n_dims) (transfer none) (nullable): the shape, or
 *   %NULL (with @n_dims 0) if nothing is recorded
 *
 * Since: 1.0
 */
const gsize *
mp_model_info_get_x_shape (MpModelInfo *self,
                           guint       *n_dims)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);
  g_return_val_if_fail (n_dims != NULL, NULL);

  *n_dims = self->x.n_dims;
  return self->x.shape;
}

/**
 * mp_model_info_get_y_checksum:
 * @self: an #MpModelInfo
 *
 * Reads the recorded hash of the training labels or targets.
 *
 * Returns: (nullable): `"xxh3-64:"` and 16 hex digits, or %NULL if no y
 *   was recorded
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_y_checksum (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->y.checksum;
}

/**
 * mp_model_info_get_y_dtype:
 * @self: an #MpModelInfo
 *
 * Reads the recorded dtype of the training labels or targets.
 *
 * Returns: the dtype (%MP_DTYPE_FLOAT64 if nothing is recorded)
 *
 * Since: 1.0
 */
MpDType
mp_model_info_get_y_dtype (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), MP_DTYPE_FLOAT64);

  return self->y.dtype;
}

/**
 * mp_model_info_get_y_shape:
 * @self: an #MpModelInfo
 * @n_dims: (out): the number of dimensions
 *
 * Reads the recorded shape of the training labels or targets.
 *
 * Returns: (array length=n_dims) (transfer none) (nullable): the shape, or
 *   %NULL (with @n_dims 0) if no y was recorded
 *
 * Since: 1.0
 */
const gsize *
mp_model_info_get_y_shape (MpModelInfo *self,
                           guint       *n_dims)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);
  g_return_val_if_fail (n_dims != NULL, NULL);

  *n_dims = self->y.n_dims;
  return self->y.shape;
}

GPtrArray *
_mp_model_info_diff_training_data (MpModelInfo *self,
                                   MpArray     *x,
                                   MpArray     *y)
{
  GPtrArray *out = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_auto(MpFingerprint) given = { 0 };

  _mp_fingerprint_set_from_array (&given, x);
  _mp_fingerprint_diff (&self->x, &given, "X", out);

  if (self->has_y && y == NULL)
    g_ptr_array_add (out, g_strdup ("y: recorded, none given"));
  else if (!self->has_y && y != NULL)
    g_ptr_array_add (out, g_strdup ("y: none recorded, one given"));
  else if (y != NULL)
    {
      _mp_fingerprint_set_from_array (&given, y);
      _mp_fingerprint_diff (&self->y, &given, "y", out);
    }

  return out;
}

/**
 * mp_model_info_check_training_data:
 * @self: an #MpModelInfo
 * @x: samples to compare with the recorded fingerprint
 * @y: (nullable): labels or targets to compare, or %NULL
 * @error: return location for a #GError
 *
 * Checks that @x and @y are the data the fingerprint was taken of: same
 * dtypes, same shapes, same bytes.
 *
 * Returns: %TRUE if they match; %FALSE with %MP_ERROR_INVALID_INPUT
 *   listing every difference, or %MP_ERROR_INVALID_ARGUMENT if no
 *   fingerprint is recorded
 *
 * Since: 1.0
 */
gboolean
mp_model_info_check_training_data (MpModelInfo  *self,
                                   MpArray      *x,
                                   MpArray      *y,
                                   GError      **error)
{
  g_autoptr(GPtrArray) diffs = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (x != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->has_x)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "info: no training-data fingerprint is recorded");
      return FALSE;
    }

  diffs = _mp_model_info_diff_training_data (self, x, y);
  if (diffs->len == 0)
    return TRUE;

  joined = g_strjoinv ("; ", (char **) diffs->pdata);
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
               "training data differs from the recorded fingerprint: %s", joined);
  return FALSE;
}

/* ---- source ------------------------------------------------------------ */

/**
 * mp_model_info_get_program:
 * @self: an #MpModelInfo
 *
 * Reads #MpModelInfo:program.
 *
 * Returns: (nullable): the program name, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_program (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->program;
}

/**
 * mp_model_info_set_program:
 * @self: an #MpModelInfo
 * @program: (nullable): the name of the training program, or %NULL
 *
 * Sets #MpModelInfo:program.
 *
 * Since: 1.0
 */
void
mp_model_info_set_program (MpModelInfo *self,
                           const char  *program)
{
  g_return_if_fail (MP_IS_MODEL_INFO (self));
  g_return_if_fail (program == NULL || g_utf8_validate (program, -1, NULL));

  if (replace_string (&self->program, program))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM]);
}

/**
 * mp_model_info_get_vcs_revision:
 * @self: an #MpModelInfo
 *
 * Reads #MpModelInfo:vcs-revision.
 *
 * Returns: (nullable): the revision, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_vcs_revision (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->vcs_revision;
}

/**
 * mp_model_info_set_vcs_revision:
 * @self: an #MpModelInfo
 * @revision: (nullable): a commit hash or tag of the training code, or
 *   %NULL
 *
 * Sets #MpModelInfo:vcs-revision.
 *
 * Since: 1.0
 */
void
mp_model_info_set_vcs_revision (MpModelInfo *self,
                                const char  *revision)
{
  g_return_if_fail (MP_IS_MODEL_INFO (self));
  g_return_if_fail (revision == NULL || g_utf8_validate (revision, -1, NULL));

  if (replace_string (&self->vcs_revision, revision))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VCS_REVISION]);
}

static void
set_source (MpModelInfo   *self,
            const char    *name,
            gconstpointer  data,
            gsize          length,
            gboolean       include_text)
{
  replace_string (&self->source_name, name);
  g_free (self->source_sha256);
  self->source_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  g_free (self->source_text);
  self->source_text = include_text ? g_strndup (data, length) : NULL;
}

/**
 * mp_model_info_set_source_text:
 * @self: an #MpModelInfo
 * @name: the source file's name, such as `train.py`
 * @text: the source text, UTF-8
 * @include_text: whether to store @text itself, not only its hash
 * @error: return location for a #GError
 *
 * Records the source of the training code: @name and the SHA-256 of
 * @text, and @text itself if @include_text. The text is stored as data
 * and never executed by anything in libmodelpersist.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @name is empty or @text is not UTF-8
 *
 * Since: 1.0
 */
gboolean
mp_model_info_set_source_text (MpModelInfo  *self,
                               const char   *name,
                               const char   *text,
                               gboolean      include_text,
                               GError      **error)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "name: must be a non-empty UTF-8 string");
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "text: is not valid UTF-8");
      return FALSE;
    }

  set_source (self, name, text, strlen (text), include_text);
  return TRUE;
}

/**
 * mp_model_info_set_source_file:
 * @self: an #MpModelInfo
 * @file: the training program's source file
 * @include_text: whether to store the file's text itself, not only its
 *   hash
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file and records its base name and the SHA-256 of its bytes, and
 * its text if @include_text. The text is stored as data and never
 * executed by anything in libmodelpersist.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_IO if @file cannot be
 *   read, %MP_ERROR_INVALID_INPUT if @include_text and the file is not
 *   UTF-8 text, or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
gboolean
mp_model_info_set_source_file (MpModelInfo   *self,
                               GFile         *file,
                               gboolean       include_text,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local))
    {
      g_autofree char *where = g_file_get_parse_name (file);

      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s: %s", where, local->message);
      return FALSE;
    }

  if (include_text &&
      (memchr (contents, '\0', length) != NULL || !g_utf8_validate_len (contents, length, NULL)))
    {
      g_autofree char *where = g_file_get_parse_name (file);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: is not UTF-8 text; record only its hash (include_text FALSE)", where);
      return FALSE;
    }

  name = g_file_get_basename (file);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_free (name);
      name = g_file_get_parse_name (file);
    }
  set_source (self, name, contents, length, include_text);
  return TRUE;
}

/**
 * mp_model_info_get_source_name:
 * @self: an #MpModelInfo
 *
 * Reads the name of the recorded source file.
 *
 * Returns: (nullable): the base name of the source file, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_source_name (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->source_name;
}

/**
 * mp_model_info_get_source_sha256:
 * @self: an #MpModelInfo
 *
 * Reads the SHA-256 of the recorded source file.
 *
 * Returns: (nullable): 64 lower-case hex digits, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_source_sha256 (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->source_sha256;
}

/**
 * mp_model_info_get_source_text:
 * @self: an #MpModelInfo
 *
 * Reads the stored source text. It is data: do not run it, and treat it
 * as untrusted when it comes from an untrusted file.
 *
 * Returns: (nullable): the text, or %NULL if only the hash was stored
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_source_text (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->source_text;
}

/* ---- producer ---------------------------------------------------------- */

void
_mp_model_info_set_producer (MpModelInfo *self,
                             const char  *key,
                             const char  *value)
{
  g_hash_table_insert (self->producer, g_strdup (key), g_strdup (value));
}

/**
 * mp_model_info_get_producer_field:
 * @self: an #MpModelInfo
 * @key: a member of the document's `producer` record, such as
 *   `library_version`, `glib_version`, `json_glib_version`,
 *   `xxhash_version`, `arch`
 *
 * Reads a version or machine field of the document the info was loaded
 * from. These are filled by mp_load_report_get_model_info(); an info
 * built by the caller has none (the writer adds its own when saving).
 *
 * Returns: (nullable): the value, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_producer_field (MpModelInfo *self,
                                  const char  *key)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->producer, key);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char **
sorted_keys (GHashTable *table)
{
  GHashTableIter iter;
  gpointer key;
  GPtrArray *out = g_ptr_array_new_null_terminated (g_hash_table_size (table), NULL, TRUE);

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, g_strdup (key));
  g_ptr_array_sort (out, compare_strings);
  return (char **) g_ptr_array_free (out, FALSE);
}

/**
 * mp_model_info_list_producer_fields:
 * @self: an #MpModelInfo
 *
 * Lists the producer fields of the document the info was loaded from.
 *
 * Returns: (transfer full) (array zero-terminated=1): the keys, sorted;
 *   empty for an info built by the caller
 *
 * Since: 1.0
 */
char **
mp_model_info_list_producer_fields (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return sorted_keys (self->producer);
}

/* ---- annotations ------------------------------------------------------- */

/**
 * mp_model_info_set_annotation:
 * @self: an #MpModelInfo
 * @key: a non-empty name
 * @value: (nullable): the value, or %NULL to remove @key
 *
 * Sets a free-form string the application wants saved with the model (a
 * dataset name, an author, a date). Keys and values are UTF-8.
 *
 * Since: 1.0
 */
void
mp_model_info_set_annotation (MpModelInfo *self,
                              const char  *key,
                              const char  *value)
{
  g_return_if_fail (MP_IS_MODEL_INFO (self));
  g_return_if_fail (key != NULL && *key != '\0' && g_utf8_validate (key, -1, NULL));
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  if (value == NULL)
    g_hash_table_remove (self->annotations, key);
  else
    g_hash_table_insert (self->annotations, g_strdup (key), g_strdup (value));
}

/**
 * mp_model_info_get_annotation:
 * @self: an #MpModelInfo
 * @key: a name
 *
 * Reads an annotation set with mp_model_info_set_annotation().
 *
 * Returns: (nullable): the value, or %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_annotation (MpModelInfo *self,
                              const char  *key)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->annotations, key);
}

/**
 * mp_model_info_list_annotations:
 * @self: an #MpModelInfo
 *
 * Lists the annotation keys.
 *
 * Returns: (transfer full) (array zero-terminated=1): the keys, sorted
 *
 * Since: 1.0
 */
char **
mp_model_info_list_annotations (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return sorted_keys (self->annotations);
}

/* ---- cross-validation -------------------------------------------------- */

/**
 * mp_model_info_set_cross_validation:
 * @self: an #MpModelInfo
 * @cv: the splitter the scores were computed with
 * @scoring: (nullable): `"accuracy"`, `"r2"`, or %NULL for the
 *   estimator's own score, as given to mp_cross_val_score()
 * @scores: the per-fold scores, float64, one per split of @cv
 * @error: return location for a #GError
 *
 * Records a cross-validation result: the type and parameters of @cv
 * (including #MpKFold:random-state, the seed), @scoring, @scores and
 * their mean and standard deviation (population, like numpy's `std()`).
 * Record the scores of mp_cross_val_score() run on the training data, or
 * use mp_model_info_record_cross_validation() to run and record at once.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @scoring is unknown, @scores is not a 1-d float64 array with one
 *   score per split, or a parameter of @cv has a type the record cannot
 *   hold
 *
 * Since: 1.0
 */
gboolean
mp_model_info_set_cross_validation (MpModelInfo  *self,
                                    MpSplitter   *cv,
                                    const char   *scoring,
                                    MpArray      *scores,
                                    GError      **error)
{
  MpCvRecord *record;

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);
  g_return_val_if_fail (MP_IS_SPLITTER (cv), FALSE);
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  record = _mp_cv_record_new_from_splitter (cv, scoring, scores, error);
  if (record == NULL)
    return FALSE;

  g_clear_pointer (&self->cv, _mp_cv_record_free);
  self->cv = record;
  return TRUE;
}

/**
 * mp_model_info_record_cross_validation:
 * @self: an #MpModelInfo
 * @estimator: the estimator to cross-validate (it is cloned, not fitted)
 * @x: the training samples
 * @y: the training labels or targets
 * @cv: (nullable): the splitter, or %NULL for mp_splitter_new_default()
 * @scoring: (nullable): `"accuracy"`, `"r2"`, or %NULL for the
 *   estimator's own score
 * @error: return location for a #GError
 *
 * Runs mp_cross_val_score() and records the result as
 * mp_model_info_set_cross_validation() does (with the default splitter
 * made explicit when @cv is %NULL).
 *
 * Returns: (transfer full): the per-fold scores, or %NULL with the errors
 *   of mp_cross_val_score()
 *
 * Since: 1.0
 */
MpArray *
mp_model_info_record_cross_validation (MpModelInfo  *self,
                                       MpEstimator  *estimator,
                                       MpArray      *x,
                                       MpArray      *y,
                                       MpSplitter   *cv,
                                       const char   *scoring,
                                       GError      **error)
{
  g_autoptr(MpSplitter) default_cv = NULL;
  g_autoptr(MpArray) scores = NULL;

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);
  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (cv == NULL || MP_IS_SPLITTER (cv), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cv == NULL)
    cv = default_cv = mp_splitter_new_default (estimator, y);

  scores = mp_cross_val_score (estimator, x, y, cv, scoring, error);
  if (scores == NULL)
    return NULL;
  if (!mp_model_info_set_cross_validation (self, cv, scoring, scores, error))
    return NULL;
  return g_steal_pointer (&scores);
}

/**
 * mp_model_info_has_cross_validation:
 * @self: an #MpModelInfo
 *
 * Tells whether a cross-validation record is present.
 *
 * Returns: %TRUE if a cross-validation result is recorded
 *
 * Since: 1.0
 */
gboolean
mp_model_info_has_cross_validation (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), FALSE);

  return self->cv != NULL;
}

/**
 * mp_model_info_get_scoring:
 * @self: an #MpModelInfo
 *
 * Reads the recorded scorer.
 *
 * Returns: (nullable): `"accuracy"`, `"r2"`, or %NULL for the
 *   estimator's own score (or when nothing is recorded)
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_scoring (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->cv != NULL ? self->cv->scoring : NULL;
}

/**
 * mp_model_info_get_cv_scores:
 * @self: an #MpModelInfo
 *
 * Reads the recorded per-fold scores.
 *
 * Returns: (transfer full) (nullable): the per-fold scores, or %NULL
 *
 * Since: 1.0
 */
MpArray *
mp_model_info_get_cv_scores (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->cv != NULL ? mp_array_ref (self->cv->scores) : NULL;
}

/**
 * mp_model_info_get_cv_mean:
 * @self: an #MpModelInfo
 *
 * Reads the mean of the recorded scores.
 *
 * Returns: the mean, or 0 if nothing is recorded
 *
 * Since: 1.0
 */
gdouble
mp_model_info_get_cv_mean (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), 0.0);

  return self->cv != NULL ? self->cv->mean : 0.0;
}

/**
 * mp_model_info_get_cv_std:
 * @self: an #MpModelInfo
 *
 * Reads the population standard deviation of the recorded scores.
 *
 * Returns: the standard deviation, or 0 if nothing is recorded
 *
 * Since: 1.0
 */
gdouble
mp_model_info_get_cv_std (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), 0.0);

  return self->cv != NULL ? self->cv->std : 0.0;
}

/**
 * mp_model_info_get_splitter_type:
 * @self: an #MpModelInfo
 *
 * Reads the GType name of the recorded splitter.
 *
 * Returns: (nullable): the type name, such as `MpStratifiedKFold`, or
 *   %NULL
 *
 * Since: 1.0
 */
const char *
mp_model_info_get_splitter_type (MpModelInfo *self)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  return self->cv != NULL ? self->cv->splitter_type : NULL;
}

/**
 * mp_model_info_create_splitter:
 * @self: an #MpModelInfo
 * @error: return location for a #GError
 *
 * Builds a new splitter equal to the recorded one: same type, same
 * parameters, same seed.
 *
 * Returns: (transfer full): the splitter, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if no cross-validation is recorded, or
 *   %MP_ERROR_UNKNOWN_TYPE if its type is not registered in this process
 *
 * Since: 1.0
 */
MpSplitter *
mp_model_info_create_splitter (MpModelInfo  *self,
                               GError      **error)
{
  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->cv == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "info: no cross-validation is recorded");
      return NULL;
    }

  return _mp_cv_record_create_splitter (self->cv, error);
}

/**
 * mp_model_info_dup_splitter_string:
 * @self: an #MpModelInfo
 *
 * Formats the recorded splitter as mp_splitter_to_string() does, e.g.
 * `StratifiedKFold(n_splits=5, random_state=0, shuffle=True)`.
 *
 * Returns: (transfer full) (nullable): the string form, or %NULL if no
 *   cross-validation is recorded or its type is not registered
 *
 * Since: 1.0
 */
char *
mp_model_info_dup_splitter_string (MpModelInfo *self)
{
  g_autoptr(MpSplitter) cv = NULL;

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  cv = mp_model_info_create_splitter (self, NULL);
  return cv != NULL ? mp_splitter_to_string (cv) : NULL;
}


/* ---- writing ----------------------------------------------------------- */

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
  JsonObject *meta;

  if (self == NULL || mp_model_info_is_empty (self))
    return NULL;

  meta = json_object_new ();

  if (g_hash_table_size (self->annotations) > 0)
    {
      JsonObject *ann = json_object_new ();
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->annotations);
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_string_member (ann, key, value);
      take_object (meta, "annotations", ann);
    }

  if (self->cv != NULL)
    {
      const MpCvRecord *cv = self->cv;
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

  if (self->program != NULL || self->vcs_revision != NULL || self->source_sha256 != NULL)
    {
      JsonObject *src = json_object_new ();

      if (self->source_sha256 != NULL)
        {
          JsonObject *file = json_object_new ();

          json_object_set_string_member (file, "name", self->source_name);
          json_object_set_string_member (file, "sha256", self->source_sha256);
          if (self->source_text != NULL)
            json_object_set_string_member (file, "text", self->source_text);
          take_object (src, "file", file);
        }
      if (self->program != NULL)
        json_object_set_string_member (src, "program", self->program);
      if (self->vcs_revision != NULL)
        json_object_set_string_member (src, "vcs_revision", self->vcs_revision);
      take_object (meta, "source", src);
    }

  if (self->has_x)
    {
      JsonObject *td = json_object_new ();

      if (self->snapshot_uri != NULL)
        json_object_set_string_member (td, "snapshot_uri", self->snapshot_uri);
      json_object_set_member (td, "x", fingerprint_node (&self->x));
      if (self->has_y)
        json_object_set_member (td, "y", fingerprint_node (&self->y));
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
 * Since: 1.0
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

/* ---- parsing ----------------------------------------------------------- */

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
      !parse_fingerprint (x, xpath, ignore_unknown, &self->x, error))
    return FALSE;
  self->has_x = TRUE;

  if (!object_member (obj, "y", path, FALSE, &y, error))
    return FALSE;
  if (y != NULL)
    {
      if (!parse_fingerprint (y, ypath, ignore_unknown, &self->y, error))
        return FALSE;
      self->has_y = TRUE;
    }

  self->snapshot_uri = g_strdup (uri);
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
  const char *program, *revision, *name, *sha256, *text;
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
      self->source_name = g_strdup (name);
      self->source_sha256 = g_strdup (sha256);
      self->source_text = g_strdup (text);
    }

  self->program = g_strdup (program);
  self->vcs_revision = g_strdup (revision);
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

  self->cv = _mp_cv_record_new (type_name, params, scoring, score_array, mean, std);
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
      g_hash_table_insert (self->annotations, g_strdup (key), g_strdup (json_node_get_string (node)));
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
 * Since: 1.0
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

/* ---- saving ------------------------------------------------------------ */

/**
 * mp_dumps_with_info:
 * @estimator: an #MpEstimator
 * @info: (nullable): what to record about how the model was made
 * @error: return location for a #GError
 *
 * mp_dumps() with @info saved as the document's `metadata`. The same
 * model and the same info give the same bytes.
 *
 * Returns: (transfer full): the saved model, or %NULL with the errors of
 *   mp_dumps()
 *
 * Since: 1.0
 */
GBytes *
mp_dumps_with_info (MpEstimator  *estimator,
                    MpModelInfo  *info,
                    GError      **error)
{
  g_autoptr(JsonNode) metadata = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);
  g_return_val_if_fail (info == NULL || MP_IS_MODEL_INFO (info), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  metadata = _mp_model_info_to_node (info);
  return _mp_dumps_with_metadata (estimator, metadata, error);
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
 * Since: 1.0
 */
gboolean
mp_dump_with_info (MpEstimator  *estimator,
                   MpModelInfo  *info,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(JsonNode) metadata = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (info == NULL || MP_IS_MODEL_INFO (info), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  metadata = _mp_model_info_to_node (info);
  return _mp_dump_with_metadata (estimator, metadata, path, NULL, NULL, NULL, error);
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
 * Since: 1.0
 */
gboolean
mp_dump_to_stream_with_info (MpEstimator    *estimator,
                             MpModelInfo    *info,
                             GOutputStream  *stream,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(JsonNode) metadata = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (info == NULL || MP_IS_MODEL_INFO (info), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  metadata = _mp_model_info_to_node (info);
  return _mp_dump_to_stream_with_metadata (estimator, metadata, stream, cancellable, error);
}
