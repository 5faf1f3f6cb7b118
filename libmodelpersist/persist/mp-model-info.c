/* mp-model-info.c: how a model was made, saved with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-cross-validation.h"
#include "mp-error.h"
#include "mp-model-info-private.h"

/**
 * SECTION:mp-model-info
 * @Title: MpModelInfo
 * @Short_description: provenance saved with a model: training data,
 *   source, versions, cross-validation
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * MpArray *y = mp_dataset_get_target (iris);
 * g_autoptr(MpEstimator) svc = mp_svc_new ();
 * g_autoptr(MpModelInfo) info = mp_model_info_new ();
 * g_autoptr(MpArray) scores = NULL;
 * g_autoptr(GBytes) bytes = NULL;
 *
 * mp_model_info_set_program (info, "train-iris 1.0");
 * mp_model_info_set_annotation (info, "owner", "data-team");
 * // checksums of the training data, and a 5-fold accuracy recorded with the model
 * if (mp_model_info_set_training_data (info, x, y, NULL, &error) &&
 *     (scores = mp_model_info_record_cross_validation (info, svc, x, y, NULL, "accuracy", &error)) &&
 *     mp_estimator_fit (svc, x, y, &error))
 *   bytes = mp_dumps_with_info (svc, info, &error);
 * if (bytes == NULL)
 *   g_warning ("%s", error->message);
 * ]|
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
   * Since: 0.1
   */
  properties[PROP_PROGRAM] =
    g_param_spec_string ("program", NULL, "The program that made the model", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpModelInfo:vcs-revision:
   *
   * The version-control revision of the training code (a commit hash, a
   * tag), or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_VCS_REVISION] =
    g_param_spec_string ("vcs-revision", NULL, "The version-control revision of that program", NULL,
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
 * Since: 0.1
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
 * Since: 0.1
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
 *   @snapshot_uri is not a valid absolute URI, or if @x or @y is a table
 *   (%MP_DTYPE_COLUMNS), whose columns no payload checksum covers yet
 *
 * Since: 0.1
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

  if (mp_array_get_dtype (x) == MP_DTYPE_COLUMNS ||
      (y != NULL && mp_array_get_dtype (y) == MP_DTYPE_COLUMNS))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "%s: a table (columns of their own dtypes) has no fingerprint; "
                   "record the training data as a matrix", mp_array_get_dtype (x) == MP_DTYPE_COLUMNS ? "x" : "y");
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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

  if (mp_array_get_dtype (x) == MP_DTYPE_COLUMNS || (y != NULL && mp_array_get_dtype (y) == MP_DTYPE_COLUMNS))
    {
      g_ptr_array_add (out, g_strdup ("X: a table given; recorded fingerprints are of matrices"));
      return out;
    }

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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
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
 * Since: 0.1
 */
char *
mp_model_info_dup_splitter_string (MpModelInfo *self)
{
  g_autoptr(MpSplitter) cv = NULL;

  g_return_val_if_fail (MP_IS_MODEL_INFO (self), NULL);

  cv = mp_model_info_create_splitter (self, NULL);
  return cv != NULL ? mp_splitter_to_string (cv) : NULL;
}


/* ---- for the metadata reader and writer -------------------------------- */

void
_mp_model_info_take_training_data (MpModelInfo   *self,
                                   MpFingerprint *x,
                                   MpFingerprint *y,
                                   const char    *snapshot_uri)
{
  _mp_fingerprint_clear (&self->x);
  _mp_fingerprint_clear (&self->y);
  self->x = *x;
  *x = (MpFingerprint) { 0 };
  self->has_x = TRUE;
  if (y != NULL)
    {
      self->y = *y;
      *y = (MpFingerprint) { 0 };
    }
  self->has_y = y != NULL;
  replace_string (&self->snapshot_uri, snapshot_uri);
}

gboolean
_mp_model_info_get_training_data (MpModelInfo          *self,
                                  const MpFingerprint **x,
                                  const MpFingerprint **y)
{
  *x = self->has_x ? &self->x : NULL;
  *y = self->has_y ? &self->y : NULL;
  return self->has_x;
}

void
_mp_model_info_set_source (MpModelInfo *self,
                           const char  *program,
                           const char  *vcs_revision,
                           const char  *name,
                           const char  *sha256,
                           const char  *text)
{
  replace_string (&self->program, program);
  replace_string (&self->vcs_revision, vcs_revision);
  replace_string (&self->source_name, name);
  replace_string (&self->source_sha256, sha256);
  replace_string (&self->source_text, text);
}

void
_mp_model_info_insert_annotation (MpModelInfo *self,
                                  const char  *key,
                                  const char  *value)
{
  g_hash_table_insert (self->annotations, g_strdup (key), g_strdup (value));
}

void
_mp_model_info_take_cross_validation (MpModelInfo *self,
                                      MpCvRecord  *record)
{
  g_clear_pointer (&self->cv, _mp_cv_record_free);
  self->cv = record;
}

const MpCvRecord *
_mp_model_info_get_cross_validation (MpModelInfo *self)
{
  return self->cv;
}
