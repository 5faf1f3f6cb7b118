/* mp-dataset.c: a labelled data set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-dataset.h"
#include "mp-error.h"

/**
 * SECTION:mp-dataset
 * @Title: MpDataset
 * @Short_description: a labelled data set, and the classic ones bundled
 *   with the library
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * const char * const *classes = NULL;
 *
 * if (wine == NULL)
 *   g_warning ("%s", error->message);
 * else    // 178 samples of 13 features, 3 classes: class_0, class_1, class_2
 *   {
 *     classes = mp_dataset_get_target_names (wine);
 *     g_print ("%zu x %zu, first class %s, first feature %s\n",
 *              mp_array_get_dim (mp_dataset_get_data (wine), 0),
 *              mp_array_get_dim (mp_dataset_get_data (wine), 1),
 *              classes[0], mp_dataset_get_feature_names (wine)[0]);
 *   }
 * ]|
 *
 * #MpDataset is what scikit-learn's `load_iris` returns: a feature matrix
 * (#MpDataset:data, one row per sample), one integer class per sample
 * (#MpDataset:target), the names of the columns and classes, and a
 * description that credits the data's source.
 *
 * The library carries four classic data sets inside itself, so examples
 * and tests need no files or network: mp_load_iris(), mp_load_wine(),
 * mp_load_breast_cancer() and mp_load_digits() return exactly the numbers
 * scikit-learn 1.2's loaders return.
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);     // 150 x 4, float64
 * MpArray *y = mp_dataset_get_target (iris);   // 150, int64 in {0, 1, 2}
 * ]|
 *
 * A data set never changes once made: every property is construct-only.
 */

struct _MpDataset
{
  GObject   parent_instance;

  MpArray  *data;
  MpArray  *target;
  char    **feature_names;
  char    **target_names;
  char     *description;
};

G_DEFINE_FINAL_TYPE (MpDataset, mp_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA,
  PROP_TARGET,
  PROP_FEATURE_NAMES,
  PROP_TARGET_NAMES,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mp_dataset_finalize (GObject *object)
{
  MpDataset *self = MP_DATASET (object);

  g_clear_pointer (&self->data, mp_array_unref);
  g_clear_pointer (&self->target, mp_array_unref);
  g_clear_pointer (&self->feature_names, g_strfreev);
  g_clear_pointer (&self->target_names, g_strfreev);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (mp_dataset_parent_class)->finalize (object);
}

static void
mp_dataset_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MpDataset *self = MP_DATASET (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;

    case PROP_TARGET:
      g_value_set_boxed (value, self->target);
      break;

    case PROP_FEATURE_NAMES:
      g_value_set_boxed (value, self->feature_names);
      break;

    case PROP_TARGET_NAMES:
      g_value_set_boxed (value, self->target_names);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_dataset_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MpDataset *self = MP_DATASET (object);

  /* Every property is construct-only, so each is set once, on a fresh
   * object: there is nothing to compare or notify. */
  switch (prop_id)
    {
    case PROP_DATA:
      self->data = g_value_dup_boxed (value);
      break;

    case PROP_TARGET:
      self->target = g_value_dup_boxed (value);
      break;

    case PROP_FEATURE_NAMES:
      self->feature_names = g_value_dup_boxed (value);
      break;

    case PROP_TARGET_NAMES:
      self->target_names = g_value_dup_boxed (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_dataset_class_init (MpDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_dataset_finalize;
  object_class->get_property = mp_dataset_get_property;
  object_class->set_property = mp_dataset_set_property;

  /**
   * MpDataset:data:
   *
   * The samples: a float64 matrix of n_samples rows and n_features
   * columns.
   *
   * Since: 0.1
   */
  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, "The samples, (n_samples, n_features)",
                        MP_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MpDataset:target:
   *
   * The class of each sample: a 1-D int64 array of n_samples indices into
   * #MpDataset:target-names.
   *
   * Since: 0.1
   */
  properties[PROP_TARGET] =
    g_param_spec_boxed ("target", NULL, "The labels or targets, (n_samples,)",
                        MP_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MpDataset:feature-names:
   *
   * The name of each column of #MpDataset:data, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_FEATURE_NAMES] =
    g_param_spec_boxed ("feature-names", NULL, "The names of the columns of data",
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MpDataset:target-names:
   *
   * The name of each class: class `k` of #MpDataset:target is
   * `target_names[k]`. %NULL if the classes have no names.
   *
   * Since: 0.1
   */
  properties[PROP_TARGET_NAMES] =
    g_param_spec_boxed ("target-names", NULL, "The names of the classes",
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MpDataset:description:
   *
   * What the data are, who collected them, where this copy comes from and
   * under which terms it is distributed; %NULL if nobody said.
   *
   * Since: 0.1
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, "Where the data set comes from and what it holds",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_dataset_init (MpDataset *self)
{
}

/**
 * mp_dataset_new:
 * @data: the samples, a 2-D array of any numeric dtype (stored as float64)
 * @target: the class index of each sample, a 1-D integer array of
 *   n_samples values (stored as int64)
 * @feature_names: (nullable) (array zero-terminated=1): one name per
 *   column of @data, or %NULL
 * @target_names: (nullable) (array zero-terminated=1): one name per class,
 *   or %NULL; every value of @target must then index it
 * @description: (nullable): where the data come from
 * @error: return location for a #GError
 *
 * Creates a data set after checking that its parts agree.
 *
 * Returns: (transfer full): a new #MpDataset, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT naming the part that does not fit
 *
 * Since: 0.1
 */
MpDataset *
mp_dataset_new (MpArray             *data,
                MpArray             *target,
                const char * const  *feature_names,
                const char * const  *target_names,
                const char          *description,
                GError             **error)
{
  g_autoptr(MpArray) data64 = NULL;
  g_autoptr(MpArray) target64 = NULL;
  const gint64 *classes;
  gsize n_samples;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mp_array_get_n_dims (data) != 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "data: expected a 2-D array (n_samples, n_features), got %u dimensions",
                   mp_array_get_n_dims (data));
      return NULL;
    }
  n_samples = mp_array_get_dim (data, 0);

  switch (mp_array_get_dtype (target))
    {
    case MP_DTYPE_INT64:
    case MP_DTYPE_INT32:
    case MP_DTYPE_UINT8:
      break;

    default:
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "target: expected an integer array, got %s",
                   mp_dtype_to_string (mp_array_get_dtype (target)));
      return NULL;
    }

  if (mp_array_get_n_dims (target) != 1 || mp_array_get_dim (target, 0) != n_samples)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "target: expected a 1-D array of %" G_GSIZE_FORMAT " values, one per sample",
                   n_samples);
      return NULL;
    }

  if (feature_names != NULL &&
      g_strv_length ((char **) feature_names) != mp_array_get_dim (data, 1))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "feature_names: %u names for %" G_GSIZE_FORMAT " features",
                   g_strv_length ((char **) feature_names), mp_array_get_dim (data, 1));
      return NULL;
    }

  data64 = mp_array_convert (data, MP_DTYPE_FLOAT64, error);
  if (data64 == NULL)
    return NULL;
  target64 = mp_array_convert (target, MP_DTYPE_INT64, error);
  if (target64 == NULL)
    return NULL;

  classes = mp_array_get_int64_data (target64);
  for (gsize i = 0; i < n_samples; i++)
    {
      if (classes[i] < 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "target: element %" G_GSIZE_FORMAT " is negative", i);
          return NULL;
        }
      if (target_names != NULL &&
          (guint64) classes[i] >= g_strv_length ((char **) target_names))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "target: element %" G_GSIZE_FORMAT " is class %" G_GINT64_FORMAT
                       " but target_names has %u names",
                       i, classes[i], g_strv_length ((char **) target_names));
          return NULL;
        }
    }

  return g_object_new (MP_TYPE_DATASET,
                       "data", data64,
                       "target", target64,
                       "feature-names", feature_names,
                       "target-names", target_names,
                       "description", description,
                       NULL);
}

/**
 * mp_dataset_get_data:
 * @self: an #MpDataset
 *
 * Reads the samples.
 *
 * Returns: (transfer none) (nullable): the samples, see #MpDataset:data;
 *   %NULL only for an object built with g_object_new() without them
 *
 * Since: 0.1
 */
MpArray *
mp_dataset_get_data (MpDataset *self)
{
  g_return_val_if_fail (MP_IS_DATASET (self), NULL);

  return self->data;
}

/**
 * mp_dataset_get_target:
 * @self: an #MpDataset
 *
 * Reads the labels.
 *
 * Returns: (transfer none) (nullable): the class of each sample, see
 *   #MpDataset:target; %NULL only for an object built with g_object_new()
 *   without it
 *
 * Since: 0.1
 */
MpArray *
mp_dataset_get_target (MpDataset *self)
{
  g_return_val_if_fail (MP_IS_DATASET (self), NULL);

  return self->target;
}

/**
 * mp_dataset_get_feature_names:
 * @self: an #MpDataset
 *
 * Reads the feature names.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the name
 *   of each feature, or %NULL
 *
 * Since: 0.1
 */
const char * const *
mp_dataset_get_feature_names (MpDataset *self)
{
  g_return_val_if_fail (MP_IS_DATASET (self), NULL);

  return (const char * const *) self->feature_names;
}

/**
 * mp_dataset_get_target_names:
 * @self: an #MpDataset
 *
 * Reads the class names.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the name
 *   of each class, or %NULL
 *
 * Since: 0.1
 */
const char * const *
mp_dataset_get_target_names (MpDataset *self)
{
  g_return_val_if_fail (MP_IS_DATASET (self), NULL);

  return (const char * const *) self->target_names;
}

/**
 * mp_dataset_get_description:
 * @self: an #MpDataset
 *
 * Reads the description and credits.
 *
 * Returns: (transfer none) (nullable): the description and credit of the
 *   data, see #MpDataset:description
 *
 * Since: 0.1
 */
const char *
mp_dataset_get_description (MpDataset *self)
{
  g_return_val_if_fail (MP_IS_DATASET (self), NULL);

  return self->description;
}
