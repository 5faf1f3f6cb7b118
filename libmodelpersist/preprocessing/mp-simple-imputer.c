/* mp-simple-imputer.c: fill missing values with a per-feature statistic
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"
#include "mp-quantile-private.h"
#include "mp-simple-imputer.h"

/**
 * SECTION:mp-simple-imputer
 * @Title: MpSimpleImputer
 * @Short_description: fill missing values with a per-feature statistic
 *
 * #MpSimpleImputer is scikit-learn's `SimpleImputer` with
 * `missing_values=np.nan`: NaN marks a missing value (it declares
 * %MP_INPUT_FLAG_MISSING, so NaN reaches fit and transform; infinity is
 * still refused). fit learns one value per feature (`statistics_`) from
 * the values present, as #MpSimpleImputer:strategy says: their mean,
 * median, most frequent value, or #MpSimpleImputer:fill-value; and
 * mp_estimator_transform() replaces every NaN with its feature's value.
 *
 * A feature with no value present at fit has a NaN statistic and, as in
 * scikit-learn 1.2, is dropped from transform's output (which is then
 * narrower than its input) unless #MpSimpleImputer:keep-empty-features
 * is set (it is then filled with 0) or the strategy is `constant`.
 *
 * Numbers only: scikit-learn's imputation of text columns and other
 * missing-value markers are not implemented; see docs/preprocessing.md.
 */

struct _MpSimpleImputer
{
  MpEstimator      parent_instance;

  MpEnumField      strategy;            /* MpImputerStrategy */
  char            *fill_value;
  gboolean         keep_empty_features;
  gboolean         copy;

  MpArray         *statistics;
};

G_DEFINE_FINAL_TYPE (MpSimpleImputer, mp_simple_imputer, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpSimpleImputer, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpSimpleImputer:strategy:
   *
   * What missing values are replaced with: a word of #MpImputerStrategy,
   * `mean` (the default), `median`, `most_frequent` or `constant`.
   *
   * Since: 1.0
   */
  { .name = "strategy", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (strategy), .enum_type = mp_imputer_strategy_get_type,
    .default_number = MP_IMPUTER_STRATEGY_MEAN },
  /**
   * MpSimpleImputer:fill-value:
   *
   * The value of the `constant` strategy: %NULL (`None`, the default,
   * which fills with 0 as scikit-learn does for numbers) or the text of a
   * finite number such as `-1` or `0.5`, which the string form prints
   * unquoted (`fill_value=-1`). Other strategies ignore it.
   *
   * Since: 1.0
   */
  { .name = "fill-value", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (fill_value), .interval = TRUE, .minimum = -INFINITY, .maximum = INFINITY,
    .constraint = MP_CONSTRAINT_NONE_ALLOWED | MP_CONSTRAINT_NUMBER_ALLOWED },
  /**
   * MpSimpleImputer:keep-empty-features:
   *
   * Whether a feature with no value present at fit is kept, and filled
   * with 0 (`keep_empty_features`, default %FALSE: dropped from
   * transform's output, as scikit-learn 1.2 drops it). The `constant`
   * strategy always keeps it.
   *
   * Since: 1.0
   */
  { .name = "keep-empty-features", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (keep_empty_features), .default_number = FALSE },
  /**
   * MpSimpleImputer:copy:
   *
   * scikit-learn's `copy` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: transform always
   * returns a new array and never writes to its input.
   *
   * Since: 1.0
   */
  { .name = "copy", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (copy), .default_number = TRUE },
  /**
   * MpSimpleImputer:statistics:
   *
   * The value each feature's missing values are replaced with
   * (`statistics_`), float64 `(n_features_in,)`: NaN for a feature that
   * had no value present at fit (which transform then drops), so its
   * elements are not declared finite.
   *
   * Since: 1.0
   */
  { .name = "statistics", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (statistics), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_NONE },
};

/* The mean of the @n values present, summed in row order as numpy's
 * reduction over the first axis (of the masked array filled with 0)
 * adds them. */
static double
mean_of (const double *values,
         gsize         n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += values[i];
  return sum / (double) n;
}

/* The most frequent of @n sorted values, the smallest of those tied (as
 * scipy.stats.mode, which scikit-learn uses, picks it). */
static double
most_frequent_of (const double *sorted,
                  gsize         n)
{
  double best = sorted[0];
  gsize best_count = 0;

  for (gsize i = 0; i < n;)
    {
      gsize j = i + 1;

      while (j < n && sorted[j] == sorted[i])
        j++;
      if (j - i > best_count)
        {
          best = sorted[i];
          best_count = j - i;
        }
      i = j;
    }
  return best;
}

static gboolean
mp_simple_imputer_fit (MpEstimator  *estimator,
                       MpArray      *x,
                       MpArray      *y,
                       GError      **error)
{
  MpSimpleImputer *self = MP_SIMPLE_IMPUTER (estimator);
  const double *data = mp_array_get_float64_data (x);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  g_autofree double *column = g_new (double, MAX (n_rows, 1));
  g_autofree double *statistics = g_new (double, MAX (n_cols, 1));
  g_autoptr(MpArray) statistics_array = NULL;
  double fill = 0;

  if (self->strategy.value == MP_IMPUTER_STRATEGY_CONSTANT && self->fill_value != NULL)
    {
      gboolean integral;

      /* the declared check has let only a finite number through */
      if (!_mp_pyrepr_parse_number (self->fill_value, &fill, &integral))
        g_return_val_if_reached (FALSE);
    }

  for (gsize j = 0; j < n_cols; j++)
    {
      gsize n = 0;

      if (self->strategy.value == MP_IMPUTER_STRATEGY_CONSTANT)
        {
          statistics[j] = fill;
          continue;
        }
      for (gsize i = 0; i < n_rows; i++)
        if (!isnan (data[i * n_cols + j]))
          column[n++] = data[i * n_cols + j];
      if (n == 0)
        {
          statistics[j] = self->keep_empty_features ? 0 : NAN;
          continue;
        }
      switch ((MpImputerStrategy) self->strategy.value)
        {
        case MP_IMPUTER_STRATEGY_MEAN:
          statistics[j] = mean_of (column, n);
          break;
        case MP_IMPUTER_STRATEGY_MEDIAN:
          _mp_quantile_sort (column, n);
          statistics[j] = _mp_quantile_median (column, n);
          break;
        case MP_IMPUTER_STRATEGY_MOST_FREQUENT:
          _mp_quantile_sort (column, n);
          statistics[j] = most_frequent_of (column, n);
          break;
        case MP_IMPUTER_STRATEGY_CONSTANT:
        default:
          g_assert_not_reached ();
        }
    }

  statistics_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&statistics));
  g_object_set (self, "statistics", statistics_array, NULL);
  return TRUE;
}

static MpArray *
mp_simple_imputer_transform (MpEstimator  *estimator,
                             MpArray      *x,
                             GError      **error)
{
  MpSimpleImputer *self = MP_SIMPLE_IMPUTER (estimator);
  const double *data = mp_array_get_float64_data (x);
  const double *statistics = mp_array_get_float64_data (self->statistics);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  g_autofree gsize *kept = g_new (gsize, MAX (n_cols, 1));
  gsize shape[2] = { n_rows, 0 };
  double *out;

  /* A NaN statistic (a feature with nothing to learn from) drops its
   * feature; a loaded file may hold one for any strategy, and it is then
   * dropped whatever the strategy, rather than filled with NaN. */
  for (gsize j = 0; j < n_cols; j++)
    if (!isnan (statistics[j]))
      kept[shape[1]++] = j;

  out = g_new (double, MAX (n_rows * shape[1], 1));
  for (gsize i = 0; i < n_rows; i++)
    for (gsize k = 0; k < shape[1]; k++)
      {
        double v = data[i * n_cols + kept[k]];

        out[i * shape[1] + k] = isnan (v) ? statistics[kept[k]] : v;
      }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

/* A number as a number (`fill_value=-1`, as SVC's gamma prints), so that
 * Python reads it back as scikit-learn holds it. */
static char *
mp_simple_imputer_format_param (MpEstimator *estimator,
                                GParamSpec  *pspec)
{
  MpSimpleImputer *self = MP_SIMPLE_IMPUTER (estimator);
  double value;
  gboolean integral;
  GString *out;

  if (strcmp (pspec->name, "fill-value") != 0 ||
      !_mp_pyrepr_parse_number (self->fill_value, &value, &integral))
    return NULL;  /* None, or invalid text: as any string */
  if (integral)
    return g_strstrip (g_strdup (self->fill_value));
  out = g_string_new (NULL);
  _mp_pyrepr_append_float (out, value);
  return g_string_free (out, FALSE);
}

static void
mp_simple_imputer_class_init (MpSimpleImputerClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_simple_imputer_fit;
  estimator_class->transform = mp_simple_imputer_transform;
  estimator_class->format_param = mp_simple_imputer_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_MISSING);
}

static void
mp_simple_imputer_init (MpSimpleImputer *self)
{
}

/**
 * mp_simple_imputer_new:
 *
 * Creates a #MpSimpleImputer that fills NaN with each feature's mean
 * (scikit-learn's defaults).
 *
 * Returns: (transfer full): a new #MpSimpleImputer
 *
 * Since: 1.0
 */
MpEstimator *
mp_simple_imputer_new (void)
{
  return g_object_new (MP_TYPE_SIMPLE_IMPUTER, NULL);
}
