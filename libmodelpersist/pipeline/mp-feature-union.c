/* mp-feature-union.c: transformers side by side
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-array-private.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-feature-union.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-feature-union
 * @Title: MpFeatureUnion
 * @Short_description: apply transformers to the same input and join
 *   their outputs
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimatorList) parts = mp_estimator_list_new ();
 * g_autoptr(MpEstimator) pca = g_object_new (MP_TYPE_PCA, "n-components", "2", NULL);
 * g_autoptr(MpEstimator) scaler = mp_min_max_scaler_new ();
 * g_autoptr(MpEstimator) both = NULL;
 * g_autoptr(MpArray) features = NULL;
 *
 * if (mp_estimator_list_append (parts, "pca", pca, &error) &&
 *     mp_estimator_list_append (parts, "minmax", scaler, &error))
 *   both = mp_feature_union_new (parts);
 * if (both != NULL)   // 150 x 6: two principal components, then four scaled columns
 *   features = mp_estimator_fit_transform (both, mp_dataset_get_data (iris), NULL, &error);
 * if (features == NULL)
 *   g_warning ("FeatureUnion: %s", error->message);
 * ]|
 *
 * #MpFeatureUnion is scikit-learn's `FeatureUnion`: every transformer of
 * #MpFeatureUnion:transformer-list is fitted on, and transforms, the whole
 * input, and the outputs are joined side by side in the list's order
 * (`'passthrough'` contributes the input itself, `'drop'` nothing). As in
 * scikit-learn the transformers are fitted in place, so they are its
 * fitted state. scikit-learn's `transformer_weights` and `n_jobs` have no
 * counterpart (the bridge refuses weights; see docs/compose.md).
 */

struct _MpFeatureUnion
{
  MpEstimator      parent_instance;

  MpEstimatorList *transformer_list;
  gboolean         verbose;
};

G_DEFINE_FINAL_TYPE (MpFeatureUnion, mp_feature_union, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpFeatureUnion, member)

static const char * const transformer_words[] = { "drop", "passthrough", NULL };

static const MpPropertyDecl properties[] = {
  /**
   * MpFeatureUnion:transformer-list:
   *
   * The named transformers, in output order: estimators that transform,
   * `'drop'` or `'passthrough'`.
   *
   * Since: 0.1
   */
  { .name = "transformer-list", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ESTIMATORS,
    .offset = FIELD (transformer_list), .words = transformer_words,
    .child_flags = MP_CHILD_FLAG_NAMED | MP_CHILD_FLAG_REQUIRED,
    .example = "scale=MpStandardScaler range=MpMinMaxScaler" },
  /**
   * MpFeatureUnion:verbose:
   *
   * Accepted for scikit-learn's signature; fit prints nothing.
   *
   * Since: 0.1
   */
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (verbose) },
};

static guint
n_transformers (MpFeatureUnion *self)
{
  return self->transformer_list != NULL ? mp_estimator_list_get_n_items (self->transformer_list) : 0;
}

typedef MpArray *(*PartMethod) (MpEstimator  *transformer,
                                MpArray      *x,
                                MpArray      *y,
                                GError      **error);

static MpArray *
fit_transform_part (MpEstimator  *transformer,
                    MpArray      *x,
                    MpArray      *y,
                    GError      **error)
{
  return mp_estimator_fit_transform (transformer, x, y, error);
}

static MpArray *
transform_part (MpEstimator  *transformer,
                MpArray      *x,
                MpArray      *y,
                GError      **error)
{
  return mp_estimator_transform (transformer, x, error);
}

/* Every transformer's part of @x, by @method, joined. */
static MpArray *
union_of (MpFeatureUnion  *self,
          MpArray         *x,
          MpArray         *y,
          PartMethod       method,
          GError         **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);

  for (guint i = 0; i < n_transformers (self); i++)
    {
      const char *word = mp_estimator_list_get_word (self->transformer_list, i);
      MpArray *part;

      if (word != NULL)
        {
          if (g_str_equal (word, "passthrough"))
            g_ptr_array_add (parts, mp_array_ref (x));
          continue;
        }
      part = method (mp_estimator_list_get_estimator (self->transformer_list, i), x, y, error);
      if (part == NULL)
        {
          g_prefix_error (error, "transformer_list[%u] ('%s'): ", i,
                          mp_estimator_list_get_name (self->transformer_list, i));
          return NULL;
        }
      g_ptr_array_add (parts, part);
      if (mp_array_get_n_dims (part) != 2 || mp_array_get_dim (part, 0) != mp_array_get_dim (x, 0))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "transformer_list[%u] ('%s'): its output is not a matrix of %" G_GSIZE_FORMAT " rows",
                       i, mp_estimator_list_get_name (self->transformer_list, i), mp_array_get_dim (x, 0));
          return NULL;
        }
    }
  return _mp_array_hstack ((MpArray * const *) parts->pdata, parts->len, mp_array_get_dim (x, 0), error);
}

static MpArray *
mp_feature_union_fit_transform (MpEstimator  *estimator,
                                MpArray      *x,
                                MpArray      *y,
                                GError      **error)
{
  return union_of (MP_FEATURE_UNION (estimator), x, y, fit_transform_part, error);
}

static gboolean
mp_feature_union_fit (MpEstimator  *estimator,
                      MpArray      *x,
                      MpArray      *y,
                      GError      **error)
{
  g_autoptr(MpArray) output = mp_feature_union_fit_transform (estimator, x, y, error);

  return output != NULL;
}

static MpArray *
mp_feature_union_transform (MpEstimator  *estimator,
                            MpArray      *x,
                            GError      **error)
{
  return union_of (MP_FEATURE_UNION (estimator), x, NULL, transform_part, error);
}

/* The children are validated first (the base class); a fitted union's
 * transformers must be fitted, on what it was fitted on. */
static gboolean
mp_feature_union_validate (MpEstimator  *estimator,
                           GError      **error)
{
  MpFeatureUnion *self = MP_FEATURE_UNION (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_feature_union_parent_class)->validate (estimator, error))
    return FALSE;

  for (guint i = 0; i < n_transformers (self); i++)
    {
      MpEstimator *transformer = mp_estimator_list_get_estimator (self->transformer_list, i);
      const char *name = mp_estimator_list_get_name (self->transformer_list, i);

      if (transformer == NULL)
        continue;
      if (!(mp_estimator_get_capabilities (transformer) & MP_ESTIMATOR_CAN_TRANSFORM))
        return _mp_invalid_state (error, "transformer_list[%u] ('%s'): does not transform", i, name);
      if (!mp_estimator_is_fitted (transformer))
        return _mp_invalid_state (error, "transformer_list[%u] ('%s'): is not fitted, in a fitted "
                                  "FeatureUnion", i, name);
      if (mp_estimator_get_n_features_in (transformer) != mp_estimator_get_n_features_in (estimator))
        return _mp_invalid_state (error, "transformer_list[%u] ('%s'): was fitted with %u features, "
                                  "the FeatureUnion with %u", i, name,
                                  mp_estimator_get_n_features_in (transformer),
                                  mp_estimator_get_n_features_in (estimator));
    }
  return TRUE;
}

static void
mp_feature_union_class_init (MpFeatureUnionClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_feature_union_fit;
  estimator_class->fit_transform = mp_feature_union_fit_transform;
  estimator_class->transform = mp_feature_union_transform;
  estimator_class->validate = mp_feature_union_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
  /* Its transformers check what they are given. */
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_ANY);
}

static void
mp_feature_union_init (MpFeatureUnion *self)
{
}

/**
 * mp_feature_union_new:
 * @transformer_list: (nullable): the named transformers, or %NULL to set
 *   #MpFeatureUnion:transformer-list later
 *
 * Creates an #MpFeatureUnion.
 *
 * Returns: (transfer full): a new #MpFeatureUnion
 *
 * Since: 0.1
 */
MpEstimator *
mp_feature_union_new (MpEstimatorList *transformer_list)
{
  return g_object_new (MP_TYPE_FEATURE_UNION, "transformer-list", transformer_list, NULL);
}
