/* mp-max-abs-scaler.c: scale each feature by its largest absolute value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-max-abs-scaler.h"
#include "mp-property-table-private.h"
#include "mp-scaling-private.h"

/**
 * SECTION:mp-max-abs-scaler
 * @Title: MpMaxAbsScaler
 * @Short_description: scale each feature by its maximum absolute value
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * MpArray *x = mp_dataset_get_data (wine);
 * g_autoptr(MpEstimator) scaler = g_object_new (MP_TYPE_MAX_ABS_SCALER, "copy", TRUE, NULL);
 * g_autoptr(MpArray) scaled = NULL;
 *
 * // each column divided by its largest absolute value, into [-1, 1]
 * if (mp_estimator_fit (scaler, x, NULL, &error))
 *   scaled = mp_estimator_transform (scaler, x, &error);
 * if (scaled == NULL)
 *   g_warning ("MaxAbsScaler: %s", error->message);
 * ]|
 *
 * #MpMaxAbsScaler is scikit-learn's `MaxAbsScaler`: fit learns the
 * largest absolute value of each feature, mp_estimator_transform()
 * divides by it, so that every training value lands in [-1, 1] without
 * shifting the data, and mp_estimator_inverse_transform() multiplies
 * back. A feature that is zero throughout (or nearly: below ten machine
 * epsilons, as scikit-learn's `_handle_zeros_in_scale` decides) is left
 * as it is. Unlike scikit-learn's, fit and transform refuse NaN; see
 * docs/preprocessing.md.
 */

struct _MpMaxAbsScaler
{
  MpEstimator      parent_instance;

  gboolean         copy;

  MpArray         *max_abs;
  MpArray         *scale;
  guint64          n_samples_seen;
};

G_DEFINE_FINAL_TYPE (MpMaxAbsScaler, mp_max_abs_scaler, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpMaxAbsScaler, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpMaxAbsScaler:copy:
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
   * MpMaxAbsScaler:max-abs:
   *
   * The largest absolute value of each feature (`max_abs_`), float64
   * `(n_features_in,)`.
   *
   * Since: 0.1
   */
  { .name = "max-abs", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (max_abs), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE },
  /**
   * MpMaxAbsScaler:scale:
   *
   * What transform divides each feature by (`scale_`): its largest
   * absolute value, or 1 for a feature that is zero; float64
   * `(n_features_in,)`, > 0.
   *
   * Since: 0.1
   */
  { .name = "scale", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (scale), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_POSITIVE },
  /**
   * MpMaxAbsScaler:n-samples-seen:
   *
   * The number of samples fit saw (`n_samples_seen_`), at least 1.
   *
   * Since: 0.1
   */
  { .name = "n-samples-seen", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_UINT64,
    .offset = FIELD (n_samples_seen), .interval = TRUE, .minimum = 1, .maximum = INFINITY },
};

static gboolean
mp_max_abs_scaler_fit (MpEstimator  *estimator,
                       MpArray      *x,
                       MpArray      *y,
                       GError      **error)
{
  MpMaxAbsScaler *self = MP_MAX_ABS_SCALER (estimator);
  const double *data = mp_array_get_float64_data (x);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  double *max_abs = g_new0 (double, n_cols);
  double *scale = g_new (double, n_cols);
  g_autoptr(MpArray) max_abs_array = NULL;
  g_autoptr(MpArray) scale_array = NULL;

  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      max_abs[j] = MAX (max_abs[j], fabs (data[i * n_cols + j]));
  /* scikit-learn's _handle_zeros_in_scale() */
  for (gsize j = 0; j < n_cols; j++)
    scale[j] = max_abs[j] < 10 * DBL_EPSILON ? 1.0 : max_abs[j];

  max_abs_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, max_abs);
  scale_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, scale);
  g_object_set (self,
                "max-abs", max_abs_array,
                "scale", scale_array,
                "n-samples-seen", (guint64) n_rows,
                NULL);
  return TRUE;
}

static MpArray *
mp_max_abs_scaler_transform (MpEstimator  *estimator,
                             MpArray      *x,
                             GError      **error)
{
  MpMaxAbsScaler *self = MP_MAX_ABS_SCALER (estimator);

  return _mp_scaling_subtract_divide (x, NULL, mp_array_get_float64_data (self->scale));
}

static MpArray *
mp_max_abs_scaler_inverse_transform (MpEstimator  *estimator,
                                     MpArray      *x,
                                     GError      **error)
{
  MpMaxAbsScaler *self = MP_MAX_ABS_SCALER (estimator);

  if (!_mp_scaling_check_width (estimator, x, error))
    return NULL;
  return _mp_scaling_multiply_add (x, mp_array_get_float64_data (self->scale), NULL, NULL);
}

static void
mp_max_abs_scaler_class_init (MpMaxAbsScalerClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_max_abs_scaler_fit;
  estimator_class->transform = mp_max_abs_scaler_transform;
  estimator_class->inverse_transform = mp_max_abs_scaler_inverse_transform;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
}

static void
mp_max_abs_scaler_init (MpMaxAbsScaler *self)
{
}

/**
 * mp_max_abs_scaler_new:
 *
 * Creates a #MpMaxAbsScaler.
 *
 * Returns: (transfer full): a new #MpMaxAbsScaler
 *
 * Since: 0.1
 */
MpEstimator *
mp_max_abs_scaler_new (void)
{
  return g_object_new (MP_TYPE_MAX_ABS_SCALER, NULL);
}
