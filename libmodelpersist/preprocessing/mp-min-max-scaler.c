/* mp-min-max-scaler.c: scale each feature into a given range
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-min-max-scaler.h"
#include "mp-property-table-private.h"
#include "mp-scaling-private.h"

/**
 * SECTION:mp-min-max-scaler
 * @Title: MpMinMaxScaler
 * @Short_description: scale each feature into a given range
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) scaler = g_object_new (MP_TYPE_MIN_MAX_SCALER,
 *                                               "feature-range-min", -1.0,
 *                                               "feature-range-max", 1.0,
 *                                               NULL);
 * g_autoptr(MpArray) scaled = NULL;
 * g_autoptr(MpArray) back = NULL;
 *
 * scaled = mp_estimator_fit_transform (scaler, mp_dataset_get_data (iris), NULL, &error);
 * if (scaled != NULL)
 *   back = mp_estimator_inverse_transform (scaler, scaled, &error);   // the data again
 * if (back == NULL)
 *   g_warning ("MinMaxScaler: %s", error->message);
 * ]|
 *
 * #MpMinMaxScaler is scikit-learn's `MinMaxScaler`: fit learns each
 * feature's smallest and largest value, and mp_estimator_transform()
 * maps them onto #MpMinMaxScaler:feature-range-min and
 * #MpMinMaxScaler:feature-range-max (0 and 1 by default) as
 * `x * scale_ + min_`, clipping the result into that range when
 * #MpMinMaxScaler:clip is set; mp_estimator_inverse_transform() undoes
 * it. A feature that is constant (a range below ten machine epsilons, as
 * scikit-learn's `_handle_zeros_in_scale` decides) is only shifted.
 *
 * scikit-learn's `feature_range` is one tuple; here it is two numbers,
 * and the scikit-learn bridge converts between the two spellings. Unlike
 * scikit-learn's, fit and transform refuse NaN; see docs/preprocessing.md.
 */

struct _MpMinMaxScaler
{
  MpEstimator      parent_instance;

  double           feature_range_min;
  double           feature_range_max;
  gboolean         clip;
  gboolean         copy;

  MpArray         *data_min;
  MpArray         *data_max;
  MpArray         *data_range;
  MpArray         *scale;
  MpArray         *min;
  guint64          n_samples_seen;
};

G_DEFINE_FINAL_TYPE (MpMinMaxScaler, mp_min_max_scaler, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpMinMaxScaler, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpMinMaxScaler:feature-range-min:
   *
   * Where transform puts each feature's training minimum: the first
   * element of scikit-learn's `feature_range` (default 0). It must be
   * finite and less than #MpMinMaxScaler:feature-range-max, which fit
   * and the first use after a change check.
   *
   * Since: 0.1
   */
  { .name = "feature-range-min", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (feature_range_min), .default_number = 0 },
  /**
   * MpMinMaxScaler:feature-range-max:
   *
   * Where transform puts each feature's training maximum: the second
   * element of scikit-learn's `feature_range` (default 1), finite and
   * greater than #MpMinMaxScaler:feature-range-min.
   *
   * Since: 0.1
   */
  { .name = "feature-range-max", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (feature_range_max), .default_number = 1 },
  /**
   * MpMinMaxScaler:clip:
   *
   * Whether transform clips its result into the feature range (`clip`,
   * default %FALSE), so that samples outside the training range stay
   * inside it.
   *
   * Since: 0.1
   */
  { .name = "clip", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (clip), .default_number = FALSE },
  /**
   * MpMinMaxScaler:copy:
   *
   * scikit-learn's `copy` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: transform always
   * returns a new array and never writes to its input.
   *
   * Since: 0.1
   */
  { .name = "copy", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (copy), .default_number = TRUE },
  /**
   * MpMinMaxScaler:data-min:
   *
   * The smallest value of each feature (`data_min_`), float64
   * `(n_features_in,)`.
   *
   * Since: 0.1
   */
  { .name = "data-min", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (data_min), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpMinMaxScaler:data-max:
   *
   * The largest value of each feature (`data_max_`), float64
   * `(n_features_in,)`.
   *
   * Since: 0.1
   */
  { .name = "data-max", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (data_max), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpMinMaxScaler:data-range:
   *
   * `data_max_ - data_min_` for each feature (`data_range_`), float64
   * `(n_features_in,)`, >= 0.
   *
   * Since: 0.1
   */
  { .name = "data-range", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (data_range), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE },
  /**
   * MpMinMaxScaler:scale:
   *
   * What transform multiplies each feature by (`scale_`): the width of
   * the feature range over the feature's range (or over 1 for a constant
   * feature); float64 `(n_features_in,)`, > 0.
   *
   * Since: 0.1
   */
  { .name = "scale", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (scale), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_POSITIVE },
  /**
   * MpMinMaxScaler:min:
   *
   * What transform then adds to each feature (`min_`):
   * `feature_range[0] - data_min_ * scale_`; float64 `(n_features_in,)`.
   *
   * Since: 0.1
   */
  { .name = "min", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (min), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpMinMaxScaler:n-samples-seen:
   *
   * The number of samples fit saw (`n_samples_seen_`), at least 1.
   *
   * Since: 0.1
   */
  { .name = "n-samples-seen", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_UINT64,
    .offset = FIELD (n_samples_seen), .interval = TRUE, .minimum = 1, .maximum = INFINITY },
};

/* The two ends of the feature range, which no declaration of one of them
 * can relate to the other. */
static gboolean
check_feature_range (MpMinMaxScaler  *self,
                     int              code,
                     GError         **error)
{
  if (!isfinite (self->feature_range_min) || !isfinite (self->feature_range_max) ||
      !(self->feature_range_min < self->feature_range_max))
    {
      g_set_error (error, MP_ERROR, code,
                   "feature_range: the minimum must be finite and less than the maximum, got (%g, %g)",
                   self->feature_range_min, self->feature_range_max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
mp_min_max_scaler_fit (MpEstimator  *estimator,
                       MpArray      *x,
                       MpArray      *y,
                       GError      **error)
{
  MpMinMaxScaler *self = MP_MIN_MAX_SCALER (estimator);
  const double *data = mp_array_get_float64_data (x);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  double width = self->feature_range_max - self->feature_range_min;
  g_autofree double *lo = NULL;
  g_autofree double *hi = NULL;
  g_autofree double *range = NULL;
  g_autofree double *scale = NULL;
  g_autofree double *shift = NULL;
  g_autoptr(MpArray) lo_array = NULL;
  g_autoptr(MpArray) hi_array = NULL;
  g_autoptr(MpArray) range_array = NULL;
  g_autoptr(MpArray) scale_array = NULL;
  g_autoptr(MpArray) shift_array = NULL;

  if (!check_feature_range (self, MP_ERROR_INVALID_ARGUMENT, error))
    return FALSE;

  lo = g_memdup2 (data, n_cols * sizeof (double));
  hi = g_memdup2 (data, n_cols * sizeof (double));
  for (gsize i = 1; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      {
        double v = data[i * n_cols + j];

        lo[j] = MIN (lo[j], v);
        hi[j] = MAX (hi[j], v);
      }

  range = g_new (double, n_cols);
  scale = g_new (double, n_cols);
  shift = g_new (double, n_cols);
  for (gsize j = 0; j < n_cols; j++)
    {
      range[j] = hi[j] - lo[j];
      /* scikit-learn's _handle_zeros_in_scale() */
      scale[j] = width / (range[j] < 10 * DBL_EPSILON ? 1.0 : range[j]);
      shift[j] = self->feature_range_min - lo[j] * scale[j];
    }

  lo_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&lo));
  hi_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&hi));
  range_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&range));
  scale_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&scale));
  shift_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&shift));
  g_object_set (self,
                "data-min", lo_array,
                "data-max", hi_array,
                "data-range", range_array,
                "scale", scale_array,
                "min", shift_array,
                "n-samples-seen", (guint64) n_rows,
                NULL);
  return TRUE;
}

static MpArray *
mp_min_max_scaler_transform (MpEstimator  *estimator,
                             MpArray      *x,
                             GError      **error)
{
  MpMinMaxScaler *self = MP_MIN_MAX_SCALER (estimator);
  double range[2] = { self->feature_range_min, self->feature_range_max };

  return _mp_scaling_multiply_add (x, mp_array_get_float64_data (self->scale),
                                   mp_array_get_float64_data (self->min),
                                   self->clip ? range : NULL);
}

static MpArray *
mp_min_max_scaler_inverse_transform (MpEstimator  *estimator,
                                     MpArray      *x,
                                     GError      **error)
{
  MpMinMaxScaler *self = MP_MIN_MAX_SCALER (estimator);

  if (!_mp_scaling_check_width (estimator, x, error))
    return NULL;
  return _mp_scaling_subtract_divide (x, mp_array_get_float64_data (self->min),
                                      mp_array_get_float64_data (self->scale));
}

/* The feature range, whose two ends the table cannot relate (scale_ > 0,
 * which inverse_transform divides by, is declared). */
static gboolean
mp_min_max_scaler_validate (MpEstimator  *estimator,
                            GError      **error)
{
  MpMinMaxScaler *self = MP_MIN_MAX_SCALER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_min_max_scaler_parent_class)->validate (estimator, error))
    return FALSE;
  return check_feature_range (self, _mp_estimator_parameter_error_code (estimator), error);
}

static void
mp_min_max_scaler_class_init (MpMinMaxScalerClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_min_max_scaler_fit;
  estimator_class->transform = mp_min_max_scaler_transform;
  estimator_class->inverse_transform = mp_min_max_scaler_inverse_transform;
  estimator_class->validate = mp_min_max_scaler_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
}

static void
mp_min_max_scaler_init (MpMinMaxScaler *self)
{
}

/**
 * mp_min_max_scaler_new:
 *
 * Creates a #MpMinMaxScaler with the feature range [0, 1].
 *
 * Returns: (transfer full): a new #MpMinMaxScaler
 *
 * Since: 0.1
 */
MpEstimator *
mp_min_max_scaler_new (void)
{
  return g_object_new (MP_TYPE_MIN_MAX_SCALER, NULL);
}
