/* mp-load-options.c: what a loader accepts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-builtin-types-private.h"
#include "mp-error.h"
#include "mp-estimator.h"
#include "mp-load-options-private.h"

/**
 * SECTION:mp-load-options
 * @Title: MpLoadOptions
 * @Short_description: the trusted types and limits of a load
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
 * g_autoptr(MpLoadOptions) options = mp_load_options_new ();
 * g_autoptr(GBytes) bytes = NULL;
 * g_autoptr(MpEstimator) model = NULL;
 *
 * // tighter limits for a file from the network; only the built-in types
 * mp_load_options_set_max_json_bytes (options, 256 * 1024);
 * mp_load_options_set_max_depth (options, 16);
 * if (mp_estimator_fit (knn, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *   bytes = mp_dumps (knn, &error);
 * if (bytes != NULL)
 *   model = mp_loads_full (bytes, options, NULL, &error);
 * if (model == NULL)   // MP_ERROR_LIMIT_EXCEEDED if a limit is passed
 *   g_warning ("%s", error->message);
 * ]|
 *
 * #MpLoadOptions says what mp_loads(), mp_load() and their variants accept.
 *
 * **Trusted types.** A document names the type of each estimator it holds.
 * The loader only instantiates a type that is already registered in the
 * process, is a concrete subtype of #MpEstimator, and is trusted: nothing
 * is ever registered, loaded or initialised because a file names it. By
 * default the trusted set is the library's own estimators, an explicit
 * list compiled into the library (#MpDummyClassifier, #MpSVC,
 * #MpKNeighborsClassifier, ...); creating an #MpLoadOptions registers them,
 * so a fresh process can load any built-in model. A type an application
 * registers is never trusted because of its name. Estimators defined by an application, in C,
 * Python or JavaScript, are trusted one by one with
 * mp_load_options_trust_type(). #MpLoadOptions:trust-builtin turns the
 * default set off for a strict allow-list.
 *
 * **Limits.** Checked before and while the text is parsed, so a hostile
 * document fails fast with %MP_ERROR_LIMIT_EXCEEDED instead of exhausting
 * the stack or memory: #MpLoadOptions:max-json-bytes,
 * #MpLoadOptions:max-depth, #MpLoadOptions:max-json-nodes,
 * #MpLoadOptions:max-arrays, #MpLoadOptions:max-total-bytes and
 * #MpLoadOptions:max-string-elements.
 *
 * **Checksums.** With #MpLoadOptions:verify-checksums (the default) every
 * array is hashed after it has been copied or mapped and before any object
 * is created, so the bytes an estimator receives are the bytes that were
 * verified.
 *
 * **Mapping.** By default a bundle's sidecar is read into memory. With
 * #MpLoadOptions:map-payload the arrays are views of a read-only private
 * mapping of the sidecar: loading takes constant time and no memory for
 * the arrays, but the model is then only as safe as the file. If another
 * process truncates or rewrites the sidecar while the model is alive, the
 * values change under the estimator (a verified load checked the bytes as
 * they were at load time only) and reading a truncated page raises SIGBUS.
 * Use it for files you own and never modify in place; the library's own
 * saves never do (they write a new sidecar and rename it).
 */

struct _MpLoadOptions
{
  GObject     parent_instance;

  GHashTable *trusted;          /* GType set */
  guint64     max_json_bytes;
  guint64     max_total_bytes;
  guint64     max_string_elements;
  guint       max_depth;
  guint       max_json_nodes;
  guint       max_arrays;
  guint       trust_builtin : 1;
  guint       verify_checksums : 1;
  guint       map_payload : 1;
};

G_DEFINE_FINAL_TYPE (MpLoadOptions, mp_load_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRUST_BUILTIN,
  PROP_MAX_JSON_BYTES,
  PROP_MAX_DEPTH,
  PROP_MAX_JSON_NODES,
  PROP_MAX_ARRAYS,
  PROP_MAX_TOTAL_BYTES,
  PROP_MAX_STRING_ELEMENTS,
  PROP_VERIFY_CHECKSUMS,
  PROP_MAP_PAYLOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mp_load_options_finalize (GObject *object)
{
  MpLoadOptions *self = MP_LOAD_OPTIONS (object);

  g_clear_pointer (&self->trusted, g_hash_table_unref);

  G_OBJECT_CLASS (mp_load_options_parent_class)->finalize (object);
}

static void
mp_load_options_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpLoadOptions *self = MP_LOAD_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_TRUST_BUILTIN:
      g_value_set_boolean (value, self->trust_builtin);
      break;
    case PROP_MAX_JSON_BYTES:
      g_value_set_uint64 (value, self->max_json_bytes);
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case PROP_MAX_JSON_NODES:
      g_value_set_uint (value, self->max_json_nodes);
      break;
    case PROP_MAX_ARRAYS:
      g_value_set_uint (value, self->max_arrays);
      break;
    case PROP_MAX_TOTAL_BYTES:
      g_value_set_uint64 (value, self->max_total_bytes);
      break;

    case PROP_MAX_STRING_ELEMENTS:
      g_value_set_uint64 (value, self->max_string_elements);
      break;
    case PROP_VERIFY_CHECKSUMS:
      g_value_set_boolean (value, self->verify_checksums);
      break;
    case PROP_MAP_PAYLOAD:
      g_value_set_boolean (value, self->map_payload);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_load_options_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpLoadOptions *self = MP_LOAD_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_TRUST_BUILTIN:
      mp_load_options_set_trust_builtin (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_JSON_BYTES:
      mp_load_options_set_max_json_bytes (self, g_value_get_uint64 (value));
      break;
    case PROP_MAX_DEPTH:
      mp_load_options_set_max_depth (self, g_value_get_uint (value));
      break;
    case PROP_MAX_JSON_NODES:
      mp_load_options_set_max_json_nodes (self, g_value_get_uint (value));
      break;
    case PROP_MAX_ARRAYS:
      mp_load_options_set_max_arrays (self, g_value_get_uint (value));
      break;
    case PROP_MAX_TOTAL_BYTES:
      mp_load_options_set_max_total_bytes (self, g_value_get_uint64 (value));
      break;

    case PROP_MAX_STRING_ELEMENTS:
      mp_load_options_set_max_string_elements (self, g_value_get_uint64 (value));
      break;
    case PROP_VERIFY_CHECKSUMS:
      mp_load_options_set_verify_checksums (self, g_value_get_boolean (value));
      break;
    case PROP_MAP_PAYLOAD:
      mp_load_options_set_map_payload (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_load_options_class_init (MpLoadOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_load_options_finalize;
  object_class->get_property = mp_load_options_get_property;
  object_class->set_property = mp_load_options_set_property;

  /**
   * MpLoadOptions:trust-builtin:
   *
   * Whether the library's own estimators (concrete #MpEstimator subtypes
   * named `Mp...`) are trusted without being listed.
   *
   * Since: 0.1
   */
  properties[PROP_TRUST_BUILTIN] =
    g_param_spec_boolean ("trust-builtin", NULL, "Whether the built-in estimator types are trusted", TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:max-json-bytes:
   *
   * The longest JSON text accepted, in bytes; checked before reading it.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_JSON_BYTES] =
    g_param_spec_uint64 ("max-json-bytes", NULL, "The largest JSON document accepted, in bytes",
                         1, G_MAXUINT64, MP_LOAD_DEFAULT_MAX_JSON_BYTES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:max-depth:
   *
   * The deepest nesting of JSON objects and arrays accepted, at most 1000.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth", NULL, "The deepest nesting of JSON values accepted",
                       1, 1000, MP_LOAD_DEFAULT_MAX_DEPTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:max-json-nodes:
   *
   * The largest number of JSON values (objects, lists, strings, numbers,
   * booleans and nulls, at any depth) accepted in one document; counted
   * before json-glib builds its tree, which costs about 80 bytes for each
   * (more for an object member). The default,
   * %MP_LOAD_DEFAULT_MAX_JSON_NODES, is far above what models need: their
   * large arrays are in the payload, not in the JSON.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_JSON_NODES] =
    g_param_spec_uint ("max-json-nodes", NULL, "The most JSON values accepted in one document",
                       1, G_MAXUINT, MP_LOAD_DEFAULT_MAX_JSON_NODES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:max-arrays:
   *
   * The largest number of array descriptors accepted in one document.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_ARRAYS] =
    g_param_spec_uint ("max-arrays", NULL, "The most arrays accepted in one model",
                       0, G_MAXUINT, MP_LOAD_DEFAULT_MAX_ARRAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:max-total-bytes:
   *
   * The largest payload (the sum of all array bytes and their padding)
   * accepted, in bytes, and the most the arrays may take once
   * decompressed (all of them together, as their descriptors' `nbytes`
   * say): a compressed chunk of zeros is ten thousand times smaller than
   * what it gives, so the file's size alone bounds nothing. Both are
   * checked before anything is read or allocated.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_TOTAL_BYTES] =
    g_param_spec_uint64 ("max-total-bytes", NULL, "The largest payload (all arrays together) accepted, in bytes",
                         0, G_MAXUINT64, MP_LOAD_DEFAULT_MAX_TOTAL_BYTES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:max-string-elements:
   *
   * The largest number of elements of str arrays (class labels,
   * categories) accepted in one document, all str arrays together. The
   * payload limit already bounds their bytes; this bounds the objects a
   * binding makes from them (one Python `str` each). Checked with the
   * array descriptors, before the payload is read.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_STRING_ELEMENTS] =
    g_param_spec_uint64 ("max-string-elements", NULL, "The most string elements accepted in all arrays together",
                         0, G_MAXUINT64, MP_LOAD_DEFAULT_MAX_STRING_ELEMENTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:verify-checksums:
   *
   * Whether every array is hashed and compared with its recorded checksum.
   *
   * Since: 0.1
   */
  properties[PROP_VERIFY_CHECKSUMS] =
    g_param_spec_boolean ("verify-checksums", NULL, "Whether every array is checked against its checksum", TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpLoadOptions:map-payload:
   *
   * Whether a bundle's arrays view a mapping of the sidecar instead of a
   * copy in memory. See the section description for what it guarantees.
   *
   * Since: 0.1
   */
  properties[PROP_MAP_PAYLOAD] =
    g_param_spec_boolean ("map-payload", NULL, "Whether the payload of a bundle is mapped instead of copied", FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_load_options_init (MpLoadOptions *self)
{
  /* Register the built-in types before any document is read: loading
   * looks types up by name and never registers one itself. */
  _mp_builtin_estimator_types (NULL);

  self->trusted = g_hash_table_new (NULL, NULL);
  self->trust_builtin = TRUE;
  self->max_json_bytes = MP_LOAD_DEFAULT_MAX_JSON_BYTES;
  self->max_depth = MP_LOAD_DEFAULT_MAX_DEPTH;
  self->max_json_nodes = MP_LOAD_DEFAULT_MAX_JSON_NODES;
  self->max_arrays = MP_LOAD_DEFAULT_MAX_ARRAYS;
  self->max_total_bytes = MP_LOAD_DEFAULT_MAX_TOTAL_BYTES;
  self->max_string_elements = MP_LOAD_DEFAULT_MAX_STRING_ELEMENTS;
  self->verify_checksums = TRUE;
  self->map_payload = FALSE;
}

/**
 * mp_load_options_new:
 *
 * Creates load options with the defaults: the library's own estimators
 * trusted, the `MP_LOAD_DEFAULT_*` limits, checksums verified, the payload
 * copied.
 *
 * Returns: (transfer full): a new #MpLoadOptions
 *
 * Since: 0.1
 */
MpLoadOptions *
mp_load_options_new (void)
{
  return g_object_new (MP_TYPE_LOAD_OPTIONS, NULL);
}

/**
 * mp_load_options_trust_type:
 * @self: an #MpLoadOptions
 * @estimator_type: a concrete subtype of #MpEstimator
 *
 * Adds @estimator_type to the trusted set, so documents naming it load.
 * Only that exact type is trusted, not its subtypes. In Python:
 * `options.trust_type(MyEstimator.__gtype__)`.
 *
 * Since: 0.1
 */
void
mp_load_options_trust_type (MpLoadOptions *self,
                            GType          estimator_type)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));
  g_return_if_fail (g_type_is_a (estimator_type, MP_TYPE_ESTIMATOR));
  g_return_if_fail (!G_TYPE_IS_ABSTRACT (estimator_type));

  g_hash_table_add (self->trusted, GSIZE_TO_POINTER (estimator_type));
}

static gboolean
is_builtin_type (GType type)
{
  guint n_types;
  const GType *types = _mp_builtin_estimator_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    if (types[i] == type)
      return TRUE;
  return FALSE;
}

/**
 * mp_load_options_is_type_trusted:
 * @self: an #MpLoadOptions
 * @type: any type
 *
 * Tells whether a type may be instantiated by a load with these options.
 *
 * Returns: %TRUE if a document naming @type would be allowed to
 *   instantiate it: @type is a concrete #MpEstimator subtype that was
 *   trusted explicitly or is built in
 *
 * Since: 0.1
 */
gboolean
mp_load_options_is_type_trusted (MpLoadOptions *self,
                                 GType          type)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), FALSE);

  if (type == G_TYPE_INVALID || !g_type_is_a (type, MP_TYPE_ESTIMATOR) ||
      G_TYPE_IS_ABSTRACT (type))
    return FALSE;

  if (g_hash_table_contains (self->trusted, GSIZE_TO_POINTER (type)))
    return TRUE;

  return self->trust_builtin && is_builtin_type (type);
}

GType
_mp_load_options_resolve_type (MpLoadOptions *self,
                               const char    *type_name,
                               const char    *path,
                               GError       **error)
{
  GType type = g_type_from_name (type_name);

  if (type == G_TYPE_INVALID)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_UNKNOWN_TYPE,
                   "%s: \"%s\" is not a registered estimator type; types are never "
                   "loaded because a file names them", path, type_name);
      return G_TYPE_INVALID;
    }

  if (!mp_load_options_is_type_trusted (self, type))
    {
      const char *why;

      if (!g_type_is_a (type, MP_TYPE_ESTIMATOR))
        why = "is not an MpEstimator";
      else if (G_TYPE_IS_ABSTRACT (type))
        why = "is abstract";
      else
        why = "is not in the trusted set (see mp_load_options_trust_type())";

      g_set_error (error, MP_ERROR, MP_ERROR_UNTRUSTED_TYPE,
                   "%s: type \"%s\" %s", path, type_name, why);
      return G_TYPE_INVALID;
    }

  return type;
}

MpLoadOptions *
_mp_load_options_copy (MpLoadOptions *self)
{
  MpLoadOptions *copy = mp_load_options_new ();
  GHashTableIter iter;
  gpointer key;

  copy->trust_builtin = self->trust_builtin;
  copy->max_json_bytes = self->max_json_bytes;
  copy->max_depth = self->max_depth;
  copy->max_json_nodes = self->max_json_nodes;
  copy->max_arrays = self->max_arrays;
  copy->max_total_bytes = self->max_total_bytes;
  copy->max_string_elements = self->max_string_elements;
  copy->verify_checksums = self->verify_checksums;
  copy->map_payload = self->map_payload;

  g_hash_table_iter_init (&iter, self->trusted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy->trusted, key);

  return copy;
}

/**
 * mp_load_options_get_trust_builtin:
 * @self: an #MpLoadOptions
 *
 * Tells whether the library's own estimator types are trusted.
 *
 * Returns: whether the built-in estimators are trusted; see #MpLoadOptions:trust-builtin
 *
 * Since: 0.1
 */
gboolean
mp_load_options_get_trust_builtin (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->trust_builtin;
}

/**
 * mp_load_options_set_trust_builtin:
 * @self: an #MpLoadOptions
 * @trust_builtin: the new value
 *
 * Sets #MpLoadOptions:trust-builtin, whether the built-in estimators are trusted.
 *
 * Since: 0.1
 */
void
mp_load_options_set_trust_builtin (MpLoadOptions *self,
                                  gboolean trust_builtin)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));

  if (self->trust_builtin == !!trust_builtin)
    return;

  self->trust_builtin = !!trust_builtin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUST_BUILTIN]);
}

/**
 * mp_load_options_get_max_json_bytes:
 * @self: an #MpLoadOptions
 *
 * Reads the largest JSON document the loader accepts.
 *
 * Returns: the longest JSON text accepted, in bytes; see #MpLoadOptions:max-json-bytes
 *
 * Since: 0.1
 */
guint64
mp_load_options_get_max_json_bytes (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->max_json_bytes;
}

/**
 * mp_load_options_set_max_json_bytes:
 * @self: an #MpLoadOptions
 * @max_json_bytes: the new value
 *
 * Sets #MpLoadOptions:max-json-bytes, the longest JSON text accepted, in bytes.
 *
 * Since: 0.1
 */
void
mp_load_options_set_max_json_bytes (MpLoadOptions *self,
                                   guint64 max_json_bytes)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));
  g_return_if_fail (max_json_bytes >= 1);

  if (self->max_json_bytes == max_json_bytes)
    return;

  self->max_json_bytes = max_json_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_JSON_BYTES]);
}

/**
 * mp_load_options_get_max_depth:
 * @self: an #MpLoadOptions
 *
 * Reads the deepest JSON nesting the loader accepts.
 *
 * Returns: the deepest JSON nesting accepted; see #MpLoadOptions:max-depth
 *
 * Since: 0.1
 */
guint
mp_load_options_get_max_depth (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->max_depth;
}

/**
 * mp_load_options_set_max_depth:
 * @self: an #MpLoadOptions
 * @max_depth: the new value
 *
 * Sets #MpLoadOptions:max-depth, the deepest JSON nesting accepted.
 *
 * Since: 0.1
 */
void
mp_load_options_set_max_depth (MpLoadOptions *self,
                              guint max_depth)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));
  g_return_if_fail (max_depth >= 1 && max_depth <= 1000);

  if (self->max_depth == max_depth)
    return;

  self->max_depth = max_depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DEPTH]);
}

/**
 * mp_load_options_get_max_json_nodes:
 * @self: an #MpLoadOptions
 *
 * Reads the largest number of JSON values a document may hold.
 *
 * Returns: the largest number of JSON values accepted; see #MpLoadOptions:max-json-nodes
 *
 * Since: 0.1
 */
guint
mp_load_options_get_max_json_nodes (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->max_json_nodes;
}

/**
 * mp_load_options_set_max_json_nodes:
 * @self: an #MpLoadOptions
 * @max_json_nodes: the new value, at least 1
 *
 * Sets #MpLoadOptions:max-json-nodes, the largest number of JSON values
 * accepted in one document.
 *
 * Since: 0.1
 */
void
mp_load_options_set_max_json_nodes (MpLoadOptions *self,
                                    guint          max_json_nodes)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));
  g_return_if_fail (max_json_nodes >= 1);

  if (self->max_json_nodes == max_json_nodes)
    return;

  self->max_json_nodes = max_json_nodes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_JSON_NODES]);
}

/**
 * mp_load_options_get_max_arrays:
 * @self: an #MpLoadOptions
 *
 * Reads the largest number of array descriptors a document may hold.
 *
 * Returns: the largest number of arrays accepted; see #MpLoadOptions:max-arrays
 *
 * Since: 0.1
 */
guint
mp_load_options_get_max_arrays (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->max_arrays;
}

/**
 * mp_load_options_set_max_arrays:
 * @self: an #MpLoadOptions
 * @max_arrays: the new value
 *
 * Sets #MpLoadOptions:max-arrays, the largest number of arrays accepted.
 *
 * Since: 0.1
 */
void
mp_load_options_set_max_arrays (MpLoadOptions *self,
                               guint max_arrays)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));

  if (self->max_arrays == max_arrays)
    return;

  self->max_arrays = max_arrays;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ARRAYS]);
}

/**
 * mp_load_options_get_max_total_bytes:
 * @self: an #MpLoadOptions
 *
 * Reads the largest total array payload the loader accepts.
 *
 * Returns: the largest payload accepted, in bytes; see #MpLoadOptions:max-total-bytes
 *
 * Since: 0.1
 */
guint64
mp_load_options_get_max_total_bytes (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->max_total_bytes;
}

/**
 * mp_load_options_set_max_total_bytes:
 * @self: an #MpLoadOptions
 * @max_total_bytes: the new value
 *
 * Sets #MpLoadOptions:max-total-bytes, the largest payload accepted, in bytes.
 *
 * Since: 0.1
 */
void
mp_load_options_set_max_total_bytes (MpLoadOptions *self,
                                    guint64 max_total_bytes)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));

  if (self->max_total_bytes == max_total_bytes)
    return;

  self->max_total_bytes = max_total_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_TOTAL_BYTES]);
}

/**
 * mp_load_options_get_max_string_elements:
 * @self: an #MpLoadOptions
 *
 * Reads the largest number of str array elements the loader accepts.
 *
 * Returns: the most str elements accepted in one document; see
 *   #MpLoadOptions:max-string-elements
 *
 * Since: 0.1
 */
guint64
mp_load_options_get_max_string_elements (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->max_string_elements;
}

/**
 * mp_load_options_set_max_string_elements:
 * @self: an #MpLoadOptions
 * @max_string_elements: the new value
 *
 * Sets #MpLoadOptions:max-string-elements, the most str array elements
 * accepted in one document.
 *
 * Since: 0.1
 */
void
mp_load_options_set_max_string_elements (MpLoadOptions *self,
                                         guint64        max_string_elements)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));

  if (self->max_string_elements == max_string_elements)
    return;

  self->max_string_elements = max_string_elements;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_STRING_ELEMENTS]);
}

/**
 * mp_load_options_get_verify_checksums:
 * @self: an #MpLoadOptions
 *
 * Tells whether array checksums are verified on load.
 *
 * Returns: whether array checksums are verified; see #MpLoadOptions:verify-checksums
 *
 * Since: 0.1
 */
gboolean
mp_load_options_get_verify_checksums (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->verify_checksums;
}

/**
 * mp_load_options_set_verify_checksums:
 * @self: an #MpLoadOptions
 * @verify_checksums: the new value
 *
 * Sets #MpLoadOptions:verify-checksums, whether array checksums are verified.
 *
 * Since: 0.1
 */
void
mp_load_options_set_verify_checksums (MpLoadOptions *self,
                                     gboolean verify_checksums)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));

  if (self->verify_checksums == !!verify_checksums)
    return;

  self->verify_checksums = !!verify_checksums;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFY_CHECKSUMS]);
}

/**
 * mp_load_options_get_map_payload:
 * @self: an #MpLoadOptions
 *
 * Tells whether bundle sidecars are mapped rather than copied; see #MpLoadOptions:map-payload.
 *
 * Returns: whether a bundle's sidecar is mapped rather than copied; see #MpLoadOptions:map-payload
 *
 * Since: 0.1
 */
gboolean
mp_load_options_get_map_payload (MpLoadOptions *self)
{
  g_return_val_if_fail (MP_IS_LOAD_OPTIONS (self), 0);

  return self->map_payload;
}

/**
 * mp_load_options_set_map_payload:
 * @self: an #MpLoadOptions
 * @map_payload: the new value
 *
 * Sets #MpLoadOptions:map-payload, whether a bundle's sidecar is mapped rather than copied.
 *
 * Since: 0.1
 */
void
mp_load_options_set_map_payload (MpLoadOptions *self,
                                gboolean map_payload)
{
  g_return_if_fail (MP_IS_LOAD_OPTIONS (self));

  if (self->map_payload == !!map_payload)
    return;

  self->map_payload = !!map_payload;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_PAYLOAD]);
}
