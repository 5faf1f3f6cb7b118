/* mp-simple-imputer.c: fill missing values with a per-feature statistic
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-enum-types.h"
#include "mp-array-private.h"
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
 * |[<!-- language="C" -->
 * #include <math.h>
 *
 * static void
 * impute_medians (void)
 * {
 *   const double values[] = { 1.0, NAN,
 *                             3.0, 4.0,
 *                             NAN, 8.0 };
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpArray) x = mp_array_new_float64 (values, G_N_ELEMENTS (values),
 *                                                (const gsize[]) { 3, 2 }, 2, &error);
 *   g_autoptr(MpEstimator) imputer = g_object_new (MP_TYPE_SIMPLE_IMPUTER,
 *                                                  "strategy", "median",
 *                                                  "add-indicator", TRUE,
 *                                                  NULL);
 *   g_autoptr(MpArray) filled = NULL;
 *
 *   // 3 x 4: each NaN replaced by its column's median, then the missing-value mask
 *   filled = mp_estimator_fit_transform (imputer, x, NULL, &error);
 *   if (filled == NULL)
 *     g_warning ("SimpleImputer: %s", error->message);
 * }
 * ]|
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
 * With #MpSimpleImputer:add-indicator, transform appends scikit-learn's
 * missing indicator: a 0/1 column for each feature that had missing
 * values at fit.
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
  gboolean         add_indicator;
  gboolean         copy;

  MpArray         *statistics;
  MpArray         *indicator_features;
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
   * Since: 0.1
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
   * Since: 0.1
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
   * Since: 0.1
   */
  { .name = "keep-empty-features", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (keep_empty_features), .default_number = FALSE },
  /**
   * MpSimpleImputer:add-indicator:
   *
   * Whether transform appends, after the imputed features, one column per
   * feature that had missing values at fit: 1 where the sample's value was
   * missing, 0 elsewhere (`add_indicator`, default %FALSE; scikit-learn's
   * `MissingIndicator` with its `features='missing-only'`).
   *
   * Since: 0.1
   */
  { .name = "add-indicator", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (add_indicator), .default_number = FALSE },
  /**
   * MpSimpleImputer:copy:
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
   * MpSimpleImputer:statistics:
   *
   * The value each feature's missing values are replaced with
   * (`statistics_`), float64 `(n_features_in,)`: NaN for a feature that
   * had no value present at fit (which transform then drops), so its
   * elements are not declared finite.
   *
   * Since: 0.1
   */
  { .name = "statistics", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (statistics), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_NONE },
  /**
   * MpSimpleImputer:indicator-features:
   *
   * With #MpSimpleImputer:add-indicator, the features that had missing
   * values at fit, in increasing order (the `features_` of scikit-learn's
   * `indicator_`): int64 `(n_indicator,)`, possibly empty; %NULL without
   * it.
   *
   * Since: 0.1
   */
  { .name = "indicator-features", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (indicator_features), .dtypes = "int64", .shape = "(n_indicator,)",
    .state = MP_STATE_FLAG_INDEX | MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_OPTIONAL |
             MP_STATE_FLAG_EMPTY_ALLOWED,
    .bound = "n_features_in" },
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
  g_autoptr(MpArray) indicator_array = NULL;
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

  if (self->add_indicator)
    {
      gint64 *features = g_new (gint64, MAX (n_cols, 1));
      gsize n_features = 0;

      for (gsize j = 0; j < n_cols; j++)
        for (gsize i = 0; i < n_rows; i++)
          if (isnan (data[i * n_cols + j]))
            {
              features[n_features++] = (gint64) j;
              break;
            }
      indicator_array = mp_array_new_take (MP_DTYPE_INT64, &n_features, 1, features);
    }

  statistics_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&statistics));
  g_object_set (self,
                "statistics", statistics_array,
                "indicator-features", indicator_array,
                NULL);
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
  const gint64 *indicated = NULL;
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  gsize n_indicated = 0;
  gsize n_kept = 0;
  g_autofree gsize *kept = g_new (gsize, MAX (n_cols, 1));
  gsize shape[2];
  double *out;

  if (self->add_indicator)
    {
      indicated = mp_array_get_int64_data (self->indicator_features);
      n_indicated = mp_array_get_n_elements (self->indicator_features);
    }

  /* A NaN statistic (a feature with nothing to learn from) drops its
   * feature; a loaded file may hold one for any strategy, and it is then
   * dropped whatever the strategy, rather than filled with NaN. */
  for (gsize j = 0; j < n_cols; j++)
    if (!isnan (statistics[j]))
      kept[n_kept++] = j;

  /* the imputed features, then the indicator's: whether each of the
   * features it names was missing in the sample (np.hstack of the two) */
  shape[0] = n_rows;
  shape[1] = n_kept + n_indicated;
  out = _mp_array_alloc_elements (n_rows * shape[1], sizeof (double));
  for (gsize i = 0; i < n_rows; i++)
    {
      const double *row = data + i * n_cols;
      double *row_out = out + i * shape[1];

      for (gsize k = 0; k < n_kept; k++)
        row_out[k] = isnan (row[kept[k]]) ? statistics[kept[k]] : row[kept[k]];
      for (gsize k = 0; k < n_indicated; k++)
        row_out[n_kept + k] = isnan (row[indicated[k]]) ? 1.0 : 0.0;
    }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

/* The indicator's features are there exactly when add_indicator asks for
 * them (their range and order are declared). */
static gboolean
mp_simple_imputer_validate (MpEstimator  *estimator,
                            GError      **error)
{
  MpSimpleImputer *self = MP_SIMPLE_IMPUTER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_simple_imputer_parent_class)->validate (estimator, error))
    return FALSE;
  if (!mp_estimator_is_fitted (estimator))
    return TRUE;
  if (self->add_indicator && self->indicator_features == NULL)
    return _mp_invalid_state (error, "indicator_features_: missing, but add_indicator is set");
  if (!self->add_indicator && self->indicator_features != NULL)
    return _mp_invalid_state (error, "indicator_features_: present, but add_indicator is not set");
  return TRUE;
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
  estimator_class->validate = mp_simple_imputer_validate;

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
 * Since: 0.1
 */
MpEstimator *
mp_simple_imputer_new (void)
{
  return g_object_new (MP_TYPE_SIMPLE_IMPUTER, NULL);
}
