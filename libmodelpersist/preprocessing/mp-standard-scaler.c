/* mp-standard-scaler.c: centre each feature and scale it to unit variance
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-scaling-private.h"
#include "mp-standard-scaler.h"

/**
 * SECTION:mp-standard-scaler
 * @Title: MpStandardScaler
 * @Short_description: standardize features by removing the mean and
 *   scaling to unit variance
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * g_autoptr(MpEstimator) scaler = g_object_new (MP_TYPE_STANDARD_SCALER,
 *                                               "with-mean", TRUE,
 *                                               "with-std", TRUE,
 *                                               NULL);
 * g_autoptr(MpArray) scaled = NULL;
 *
 * // every column of the result has mean 0 and variance 1
 * scaled = mp_estimator_fit_transform (scaler, mp_dataset_get_data (wine), NULL, &error);
 * if (scaled == NULL)
 *   g_warning ("StandardScaler: %s", error->message);
 * ]|
 *
 * #MpStandardScaler is scikit-learn's `StandardScaler`: fit learns each
 * feature's mean and population variance, mp_estimator_transform()
 * returns `(x - mean_) / scale_` and mp_estimator_inverse_transform()
 * undoes it. A feature whose variance cannot be told from zero (as
 * scikit-learn decides it) gets a scale of 1, so it is only centred.
 *
 * The mean and variance are computed as scikit-learn 1.2 computes them
 * for one batch (a column sum, then the corrected two-pass variance of
 * Chan, Golub and LeVeque), so the fitted state agrees with scikit-learn's
 * to the last few bits on C-ordered float64 data. Unlike scikit-learn's,
 * fit and transform refuse NaN (missing values) like every other
 * estimator of the library; see docs/preprocessing.md.
 */

struct _MpStandardScaler
{
  MpEstimator      parent_instance;

  gboolean         with_mean;
  gboolean         with_std;
  gboolean         copy;

  MpArray         *mean;
  MpArray         *var;
  MpArray         *scale;
  guint64          n_samples_seen;
};

G_DEFINE_FINAL_TYPE (MpStandardScaler, mp_standard_scaler, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpStandardScaler, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpStandardScaler:with-mean:
   *
   * Whether transform subtracts the mean (`with_mean`, default %TRUE).
   *
   * Since: 0.1
   */
  { .name = "with-mean", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (with_mean), .default_number = TRUE },
  /**
   * MpStandardScaler:with-std:
   *
   * Whether transform divides by the standard deviation (`with_std`,
   * default %TRUE).
   *
   * Since: 0.1
   */
  { .name = "with-std", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (with_std), .default_number = TRUE },
  /**
   * MpStandardScaler:copy:
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
   * MpStandardScaler:mean:
   *
   * The mean of each feature (`mean_`), float64 `(n_features_in,)`. Unset,
   * as in scikit-learn, when both #MpStandardScaler:with-mean and
   * #MpStandardScaler:with-std are %FALSE; present whenever either is set.
   *
   * Since: 0.1
   */
  { .name = "mean", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (mean), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_OPTIONAL },
  /**
   * MpStandardScaler:var:
   *
   * The population variance of each feature (`var_`), float64
   * `(n_features_in,)`, >= 0. Unset when #MpStandardScaler:with-std is
   * %FALSE.
   *
   * Since: 0.1
   */
  { .name = "var", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (var), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_OPTIONAL },
  /**
   * MpStandardScaler:scale:
   *
   * What transform divides each feature by (`scale_`): the standard
   * deviation, or 1 for a feature of no variance; float64
   * `(n_features_in,)`, > 0. Unset when #MpStandardScaler:with-std is
   * %FALSE.
   *
   * Since: 0.1
   */
  { .name = "scale", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (scale), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_POSITIVE | MP_STATE_FLAG_OPTIONAL },
  /**
   * MpStandardScaler:n-samples-seen:
   *
   * The number of samples fit saw (`n_samples_seen_`), at least 1.
   *
   * Since: 0.1
   */
  { .name = "n-samples-seen", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_UINT64,
    .offset = FIELD (n_samples_seen), .interval = TRUE, .minimum = 1, .maximum = INFINITY },
};

/* Whether the variance of a feature cannot be told from zero: scikit-learn's
 * _is_constant_feature(), the error bound of the two-pass algorithm. */
static gboolean
is_constant_feature (double var,
                     double mean,
                     double n_samples)
{
  double bound = n_samples * DBL_EPSILON * var + pow (n_samples * mean * DBL_EPSILON, 2);

  return var <= bound;
}

static gboolean
mp_standard_scaler_fit (MpEstimator  *estimator,
                        MpArray      *x,
                        MpArray      *y,
                        GError      **error)
{
  MpStandardScaler *self = MP_STANDARD_SCALER (estimator);
  const double *data = mp_array_get_float64_data (x);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  double n = (double) n_rows;
  g_autofree double *mean = NULL;
  g_autofree double *var = NULL;
  g_autofree double *scale = NULL;
  g_autofree double *correction = NULL;
  g_autoptr(MpArray) mean_array = NULL;
  g_autoptr(MpArray) var_array = NULL;
  g_autoptr(MpArray) scale_array = NULL;

  if (self->with_mean || self->with_std)
    {
      /* The column sums, row after row, as numpy's reduction over the
       * first axis of a C-ordered matrix adds them. */
      mean = g_new0 (double, n_cols);
      for (gsize i = 0; i < n_rows; i++)
        for (gsize j = 0; j < n_cols; j++)
          mean[j] += data[i * n_cols + j];
      for (gsize j = 0; j < n_cols; j++)
        mean[j] /= n;
      mean_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&mean));
    }

  if (self->with_std)
    {
      const double *m = mp_array_get_float64_data (mean_array);

      /* The corrected two-pass variance: the sum of squared deviations
       * from the mean, less the square of the (rounding-only) sum of the
       * deviations over n. */
      var = g_new0 (double, n_cols);
      correction = g_new0 (double, n_cols);
      for (gsize i = 0; i < n_rows; i++)
        for (gsize j = 0; j < n_cols; j++)
          {
            double d = data[i * n_cols + j] - m[j];

            correction[j] += d;
            var[j] += d * d;
          }
      scale = g_new (double, n_cols);
      for (gsize j = 0; j < n_cols; j++)
        {
          var[j] = (var[j] - correction[j] * correction[j] / n) / n;
          scale[j] = is_constant_feature (var[j], m[j], n) ? 1.0 : sqrt (var[j]);
        }
      var_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&var));
      scale_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&scale));
    }

  g_object_set (self,
                "mean", mean_array,
                "var", var_array,
                "scale", scale_array,
                "n-samples-seen", (guint64) n_rows,
                NULL);
  return TRUE;
}

static MpArray *
mp_standard_scaler_transform (MpEstimator  *estimator,
                              MpArray      *x,
                              GError      **error)
{
  MpStandardScaler *self = MP_STANDARD_SCALER (estimator);

  return _mp_scaling_subtract_divide (x,
                                      self->with_mean ? mp_array_get_float64_data (self->mean) : NULL,
                                      self->with_std ? mp_array_get_float64_data (self->scale) : NULL);
}

static MpArray *
mp_standard_scaler_inverse_transform (MpEstimator  *estimator,
                                      MpArray      *x,
                                      GError      **error)
{
  MpStandardScaler *self = MP_STANDARD_SCALER (estimator);

  if (!_mp_scaling_check_width (estimator, x, error))
    return NULL;
  return _mp_scaling_multiply_add (x,
                                   self->with_std ? mp_array_get_float64_data (self->scale) : NULL,
                                   self->with_mean ? mp_array_get_float64_data (self->mean) : NULL,
                                   NULL);
}

/* The table declares each array; which of them must be present depends on
 * the hyperparameters (scale_ > 0, which transform divides by, is
 * declared). */
static gboolean
mp_standard_scaler_validate (MpEstimator  *estimator,
                             GError      **error)
{
  MpStandardScaler *self = MP_STANDARD_SCALER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_standard_scaler_parent_class)->validate (estimator, error))
    return FALSE;

  if (self->mean == NULL && (self->with_mean || self->with_std))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                           "mean_: missing, but with_mean or with_std is set");
      return FALSE;
    }
  if (self->with_std && (self->var == NULL || self->scale == NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "%s: missing, but with_std is set", self->var == NULL ? "var_" : "scale_");
      return FALSE;
    }
  return TRUE;
}

static void
mp_standard_scaler_class_init (MpStandardScalerClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_standard_scaler_fit;
  estimator_class->transform = mp_standard_scaler_transform;
  estimator_class->inverse_transform = mp_standard_scaler_inverse_transform;
  estimator_class->validate = mp_standard_scaler_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
}

static void
mp_standard_scaler_init (MpStandardScaler *self)
{
}

/**
 * mp_standard_scaler_new:
 *
 * Creates a #MpStandardScaler that centres and scales (scikit-learn's
 * defaults).
 *
 * Returns: (transfer full): a new #MpStandardScaler
 *
 * Since: 0.1
 */
MpEstimator *
mp_standard_scaler_new (void)
{
  return g_object_new (MP_TYPE_STANDARD_SCALER, NULL);
}
