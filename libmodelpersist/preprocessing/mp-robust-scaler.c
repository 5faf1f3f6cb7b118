/* mp-robust-scaler.c: centre each feature on its median, scale it by a
 * quantile range
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-quantile-private.h"
#include "mp-robust-scaler.h"
#include "mp-scaling-private.h"

/**
 * SECTION:mp-robust-scaler
 * @Title: MpRobustScaler
 * @Short_description: centre on the median, scale by a quantile range
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * g_autoptr(MpEstimator) scaler = g_object_new (MP_TYPE_ROBUST_SCALER,
 *                                               "quantile-range-min", 10.0,
 *                                               "quantile-range-max", 90.0,
 *                                               NULL);
 * g_autoptr(MpArray) scaled = NULL;
 *
 * // centred on the median, divided by the 10th to 90th percentile range
 * scaled = mp_estimator_fit_transform (scaler, mp_dataset_get_data (wine), NULL, &error);
 * if (scaled == NULL)
 *   g_warning ("RobustScaler: %s", error->message);
 * ]|
 *
 * #MpRobustScaler is scikit-learn's `RobustScaler`: fit learns each
 * feature's median (`center_`) and the distance between two of its
 * percentiles (`scale_`, the interquartile range by default), and
 * mp_estimator_transform() computes `(x - center_) / scale_`, which
 * outliers disturb far less than a mean and a standard deviation;
 * mp_estimator_inverse_transform() undoes it. The percentiles are
 * numpy's default (linear interpolation between the two nearest
 * values), computed bit for bit as numpy 1.24 does. A feature whose
 * quantile range is below ten machine epsilons is only centred.
 *
 * scikit-learn's `quantile_range` is one tuple; here it is two numbers,
 * #MpRobustScaler:quantile-range-min and
 * #MpRobustScaler:quantile-range-max, and the scikit-learn bridge
 * converts between the two spellings. Unlike scikit-learn's, fit and
 * transform refuse NaN; see docs/preprocessing.md.
 */

struct _MpRobustScaler
{
  MpEstimator      parent_instance;

  gboolean         with_centering;
  gboolean         with_scaling;
  double           quantile_range_min;
  double           quantile_range_max;
  gboolean         unit_variance;
  gboolean         copy;

  MpArray         *center;
  MpArray         *scale;
};

G_DEFINE_FINAL_TYPE (MpRobustScaler, mp_robust_scaler, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpRobustScaler, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpRobustScaler:with-centering:
   *
   * Whether transform subtracts each feature's median (`with_centering`,
   * default %TRUE). Without it #MpRobustScaler:center is %NULL.
   *
   * Since: 0.1
   */
  { .name = "with-centering", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (with_centering), .default_number = TRUE },
  /**
   * MpRobustScaler:with-scaling:
   *
   * Whether transform divides each feature by its quantile range
   * (`with_scaling`, default %TRUE). Without it #MpRobustScaler:scale is
   * %NULL.
   *
   * Since: 0.1
   */
  { .name = "with-scaling", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (with_scaling), .default_number = TRUE },
  /**
   * MpRobustScaler:quantile-range-min:
   *
   * The lower percentile of the range `scale_` measures: the first
   * element of scikit-learn's `quantile_range` (default 25), in [0, 100]
   * and at most #MpRobustScaler:quantile-range-max, which fit and the
   * first use after a change check.
   *
   * Since: 0.1
   */
  { .name = "quantile-range-min", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (quantile_range_min), .default_number = 25,
    .interval = TRUE, .minimum = 0, .maximum = 100 },
  /**
   * MpRobustScaler:quantile-range-max:
   *
   * The upper percentile: the second element of scikit-learn's
   * `quantile_range` (default 75), in [0, 100] and at least
   * #MpRobustScaler:quantile-range-min.
   *
   * Since: 0.1
   */
  { .name = "quantile-range-max", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (quantile_range_max), .default_number = 75,
    .interval = TRUE, .minimum = 0, .maximum = 100 },
  /**
   * MpRobustScaler:unit-variance:
   *
   * Whether fit also divides `scale_` by the width of the same quantile
   * range of the standard normal distribution (`unit_variance`, default
   * %FALSE), so that normally distributed features end with a variance
   * of 1. It needs 0 < quantile-range-min < quantile-range-max < 100
   * (scikit-learn would store an infinite or zero scale otherwise).
   *
   * Since: 0.1
   */
  { .name = "unit-variance", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (unit_variance), .default_number = FALSE },
  /**
   * MpRobustScaler:copy:
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
   * MpRobustScaler:center:
   *
   * The median of each feature (`center_`), float64 `(n_features_in,)`;
   * %NULL when fitted without #MpRobustScaler:with-centering.
   *
   * Since: 0.1
   */
  { .name = "center", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (center), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_OPTIONAL },
  /**
   * MpRobustScaler:scale:
   *
   * What transform divides each feature by (`scale_`): its quantile
   * range (1 where that is below ten machine epsilons), over the normal
   * distribution's with #MpRobustScaler:unit-variance; float64
   * `(n_features_in,)`, > 0; %NULL when fitted without
   * #MpRobustScaler:with-scaling.
   *
   * Since: 0.1
   */
  { .name = "scale", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (scale), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_POSITIVE | MP_STATE_FLAG_OPTIONAL },
};

/* The two ends of the quantile range, which no declaration of one of them
 * can relate to the other. */
static gboolean
check_quantile_range (MpRobustScaler  *self,
                      int              code,
                      GError         **error)
{
  if (!(self->quantile_range_min <= self->quantile_range_max))
    {
      g_set_error (error, MP_ERROR, code,
                   "quantile_range: the minimum must be at most the maximum, got (%g, %g)",
                   self->quantile_range_min, self->quantile_range_max);
      return FALSE;
    }
  if (self->unit_variance &&
      !(self->quantile_range_min > 0 && self->quantile_range_min < self->quantile_range_max &&
        self->quantile_range_max < 100))
    {
      g_set_error (error, MP_ERROR, code,
                   "quantile_range: unit_variance needs 0 < minimum < maximum < 100, got (%g, %g)",
                   self->quantile_range_min, self->quantile_range_max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
mp_robust_scaler_fit (MpEstimator  *estimator,
                      MpArray      *x,
                      MpArray      *y,
                      GError      **error)
{
  MpRobustScaler *self = MP_ROBUST_SCALER (estimator);
  const double *data = mp_array_get_float64_data (x);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  g_autofree double *column = NULL;
  g_autofree double *center = NULL;
  g_autofree double *scale = NULL;
  g_autoptr(MpArray) center_array = NULL;
  g_autoptr(MpArray) scale_array = NULL;
  double adjust = 1;

  if (!check_quantile_range (self, MP_ERROR_INVALID_ARGUMENT, error))
    return FALSE;

  if (self->unit_variance)
    adjust = _mp_quantile_normal_ppf (self->quantile_range_max / 100.0) -
             _mp_quantile_normal_ppf (self->quantile_range_min / 100.0);

  column = g_new (double, MAX (n_rows, 1));
  center = g_new (double, n_cols);
  scale = g_new (double, n_cols);
  for (gsize j = 0; j < n_cols; j++)
    {
      double range;

      for (gsize i = 0; i < n_rows; i++)
        column[i] = data[i * n_cols + j];
      center[j] = _mp_quantile_median (column, n_rows);
      range = _mp_quantile_percentile (column, n_rows, self->quantile_range_max) -
              _mp_quantile_percentile (column, n_rows, self->quantile_range_min);
      /* scikit-learn's _handle_zeros_in_scale() */
      if (range < 10 * DBL_EPSILON)
        range = 1.0;
      scale[j] = self->unit_variance ? range / adjust : range;
    }

  if (self->with_centering)
    center_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&center));
  if (self->with_scaling)
    scale_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&scale));
  g_object_set (self,
                "center", center_array,
                "scale", scale_array,
                NULL);
  return TRUE;
}

static MpArray *
mp_robust_scaler_transform (MpEstimator  *estimator,
                            MpArray      *x,
                            GError      **error)
{
  MpRobustScaler *self = MP_ROBUST_SCALER (estimator);

  return _mp_scaling_subtract_divide (x,
                                      self->with_centering ? mp_array_get_float64_data (self->center) : NULL,
                                      self->with_scaling ? mp_array_get_float64_data (self->scale) : NULL);
}

static MpArray *
mp_robust_scaler_inverse_transform (MpEstimator  *estimator,
                                    MpArray      *x,
                                    GError      **error)
{
  MpRobustScaler *self = MP_ROBUST_SCALER (estimator);

  if (!_mp_scaling_check_width (estimator, x, error))
    return NULL;
  return _mp_scaling_multiply_add (x,
                                   self->with_scaling ? mp_array_get_float64_data (self->scale) : NULL,
                                   self->with_centering ? mp_array_get_float64_data (self->center) : NULL,
                                   NULL);
}

/* Which arrays must be present follows from the hyperparameters, and the
 * quantile range's two ends are related (scale_ > 0, which transform
 * divides by, is declared). */
static gboolean
mp_robust_scaler_validate (MpEstimator  *estimator,
                           GError      **error)
{
  MpRobustScaler *self = MP_ROBUST_SCALER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_robust_scaler_parent_class)->validate (estimator, error))
    return FALSE;
  if (self->with_centering && self->center == NULL)
    return _mp_invalid_state (error, "center_: missing, but with_centering is set");
  if (self->with_scaling && self->scale == NULL)
    return _mp_invalid_state (error, "scale_: missing, but with_scaling is set");
  return check_quantile_range (self, _mp_estimator_parameter_error_code (estimator), error);
}

static void
mp_robust_scaler_class_init (MpRobustScalerClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_robust_scaler_fit;
  estimator_class->transform = mp_robust_scaler_transform;
  estimator_class->inverse_transform = mp_robust_scaler_inverse_transform;
  estimator_class->validate = mp_robust_scaler_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
}

static void
mp_robust_scaler_init (MpRobustScaler *self)
{
}

/**
 * mp_robust_scaler_new:
 *
 * Creates a #MpRobustScaler that centres on the median and scales by the
 * interquartile range (scikit-learn's defaults).
 *
 * Returns: (transfer full): a new #MpRobustScaler
 *
 * Since: 0.1
 */
MpEstimator *
mp_robust_scaler_new (void)
{
  return g_object_new (MP_TYPE_ROBUST_SCALER, NULL);
}
