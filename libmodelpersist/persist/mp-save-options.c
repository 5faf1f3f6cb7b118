/* mp-save-options.c: how a save stores a model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-save-options-private.h"

/**
 * SECTION:mp-save-options
 * @Title: MpSaveOptions
 * @Short_description: compression and the other choices of a save
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) digits = mp_load_digits (&error);
 * g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
 * g_autoptr(MpSaveOptions) options = mp_save_options_new ();
 * g_autoptr(GBytes) plain = NULL;
 * g_autoptr(GBytes) small = NULL;
 *
 * // like joblib.dump (model, "knn.joblib", compress=3)
 * mp_save_options_set_compress (options, 3);
 * if (mp_estimator_fit (knn, mp_dataset_get_data (digits), mp_dataset_get_target (digits), &error))
 *   plain = mp_dumps (knn, &error);
 * if (plain != NULL)
 *   small = mp_dumps_full (knn, options, NULL, &error);
 * if (small != NULL)
 *   g_print ("%" G_GSIZE_FORMAT " bytes, compressed %" G_GSIZE_FORMAT "\n",
 *            g_bytes_get_size (plain), g_bytes_get_size (small));
 * ]|
 *
 * #MpSaveOptions says how mp_dumps_full(), mp_dump_full(),
 * mp_dump_file_full() and mp_dump_to_stream_full() store a model; the
 * functions without options save as a new #MpSaveOptions says.
 *
 * **Compression.** With #MpSaveOptions:compress above 0, each array is
 * cut into chunks of 1 MiB and each chunk compressed with zstd at that
 * level, as `joblib.dump (..., compress=3)` compresses with zlib. An array
 * that does not get smaller (random numbers, a handful of bytes) is
 * stored as it is. Loading needs nothing but the file: the loader sees
 * which arrays are compressed. The checksums are those of the arrays'
 * own bytes, the same as in an uncompressed file.
 *
 * What it costs: compressed arrays are decompressed when the model is
 * loaded, so they cannot be mapped (#MpLoadOptions:map-payload maps the
 * others); the chunks are compressed on all processors before anything is
 * written, so a compressed save holds the compressed arrays in memory (not
 * a second copy of the model); a copying load of a compressed model reads
 * up to 16 MiB of chunks at a time and decompresses them on all
 * processors, adding at most that to the model's own memory. A file with compressed arrays says format 1.3, which readers of
 * format 1.2 refuse rather than misread; uncompressed files stay 1.2.
 * `docs/benchmarks.md` compares sizes and times with joblib's.
 */

struct _MpSaveOptions
{
  GObject parent_instance;

  guint   compress;
};

G_DEFINE_FINAL_TYPE (MpSaveOptions, mp_save_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COMPRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mp_save_options_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpSaveOptions *self = MP_SAVE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_COMPRESS:
      g_value_set_uint (value, self->compress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_save_options_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpSaveOptions *self = MP_SAVE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_COMPRESS:
      mp_save_options_set_compress (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_save_options_class_init (MpSaveOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mp_save_options_get_property;
  object_class->set_property = mp_save_options_set_property;

  /**
   * MpSaveOptions:compress:
   *
   * The zstd level arrays are compressed at, from 1 (fastest) to
   * %MP_SAVE_MAX_COMPRESS (smallest); 0, the default, stores them as
   * they are. Level 3 is zstd's default, and what joblib's `compress=3`
   * users usually want: about as small as joblib's zlib at level 3 and
   * several times faster, on both ends.
   *
   * Since: 0.1
   */
  properties[PROP_COMPRESS] =
    g_param_spec_uint ("compress", NULL,
                       "The zstd level arrays are compressed at, 0 for none",
                       0, MP_SAVE_MAX_COMPRESS, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_save_options_init (MpSaveOptions *self)
{
}

/**
 * mp_save_options_new:
 *
 * Creates options that save as mp_dump() does: arrays uncompressed.
 *
 * Returns: (transfer full): new #MpSaveOptions
 *
 * Since: 0.1
 */
MpSaveOptions *
mp_save_options_new (void)
{
  return g_object_new (MP_TYPE_SAVE_OPTIONS, NULL);
}

/**
 * mp_save_options_get_compress:
 * @self: an #MpSaveOptions
 *
 * Gets #MpSaveOptions:compress, the level arrays are compressed at.
 *
 * Returns: the zstd level, 0 for none; see #MpSaveOptions:compress
 *
 * Since: 0.1
 */
guint
mp_save_options_get_compress (MpSaveOptions *self)
{
  g_return_val_if_fail (MP_IS_SAVE_OPTIONS (self), 0);

  return self->compress;
}

/**
 * mp_save_options_set_compress:
 * @self: an #MpSaveOptions
 * @compress: 0 for none, or a zstd level from 1 to %MP_SAVE_MAX_COMPRESS
 *
 * Sets #MpSaveOptions:compress.
 *
 * Since: 0.1
 */
void
mp_save_options_set_compress (MpSaveOptions *self,
                              guint          compress)
{
  g_return_if_fail (MP_IS_SAVE_OPTIONS (self));
  g_return_if_fail (compress <= MP_SAVE_MAX_COMPRESS);

  if (self->compress == compress)
    return;
  self->compress = compress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPRESS]);
}

MpSaveOptions *
_mp_save_options_copy (MpSaveOptions *self)
{
  MpSaveOptions *copy = mp_save_options_new ();

  copy->compress = self->compress;
  return copy;
}
