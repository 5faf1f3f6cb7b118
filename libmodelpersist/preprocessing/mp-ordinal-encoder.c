/* mp-ordinal-encoder.c: encode categorical features as integer codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-categories-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-ordinal-encoder.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"

/**
 * SECTION:mp-ordinal-encoder
 * @Title: MpOrdinalEncoder
 * @Short_description: encode categorical features as integer codes
 *
 * |[<!-- language="C" -->
 * const char *sizes[] = { "small", "large", "medium", "small" };
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpArray) x = mp_array_new_strings (sizes, G_N_ELEMENTS (sizes),
 *                                              (const gsize[]) { 4, 1 }, 2, &error);
 * g_autoptr(MpEstimator) encoder = g_object_new (MP_TYPE_ORDINAL_ENCODER,
 *                                                "handle-unknown", "use_encoded_value",
 *                                                "unknown-value", "-1",
 *                                                NULL);
 * g_autoptr(MpArray) codes = NULL;
 *
 * // 4 x 1 float64: the category's position in sorted order (large 0, medium 1, small 2)
 * codes = mp_estimator_fit_transform (encoder, x, NULL, &error);
 * if (codes == NULL)
 *   g_warning ("OrdinalEncoder: %s", error->message);
 * ]|
 *
 * #MpOrdinalEncoder is scikit-learn's `OrdinalEncoder`: fit learns the
 * categories of each column (its sorted distinct values, as
 * #MpOneHotEncoder does, with the same code and the same fitted arrays),
 * mp_estimator_transform() replaces each value by its index among its
 * column's categories, as float64, and mp_estimator_inverse_transform()
 * gives the categories back. X may be a str matrix, a float64 matrix or a
 * table whose columns are all text or all numbers.
 *
 * A value fit did not see is refused (`handle_unknown='error'`) or
 * encoded as #MpOrdinalEncoder:unknown-value (`use_encoded_value`): an
 * integer that is no column's category index, or `nan`. The categories
 * are always learnt (`categories='auto'`), the output is float64, and NaN
 * in X is refused, so scikit-learn's `encoded_missing_value` has nothing
 * to encode and is not a parameter (the bridge takes its default only).
 */

struct _MpOrdinalEncoder
{
  MpEstimator      parent_instance;

  char            *categories;
  char            *handle_unknown;
  char            *unknown_value;

  MpArray         *category_values;
  MpArray         *category_counts;
};

G_DEFINE_FINAL_TYPE (MpOrdinalEncoder, mp_ordinal_encoder, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpOrdinalEncoder, member)

static const char * const handle_unknown_words[] = { "error", "use_encoded_value", NULL };

/* unknown_value: an integer literal, or nan. The largest magnitude is
 * 2^53, so that the float64 code is the integer. */
static gboolean
parse_unknown_value (const char *text,
                     double     *value)
{
  gboolean integral = FALSE;

  if (g_strcmp0 (text, "nan") == 0)
    {
      *value = NAN;
      return TRUE;
    }
  return _mp_pyrepr_parse_number (text, value, &integral) && integral && fabs (*value) <= 9007199254740992.0;
}

static gboolean
check_unknown_value (const GValue  *value,
                     GError       **error)
{
  double number;

  if (parse_unknown_value (g_value_get_string (value), &number))
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be None, 'nan' or an integer, got '%s'", g_value_get_string (value));
  return FALSE;
}

static const MpPropertyDecl properties[] = {
  /**
   * MpOrdinalEncoder:categories:
   *
   * How the categories are found: `auto` (the only choice: each column's
   * sorted distinct values seen by fit).
   *
   * Since: 0.1
   */
  MP_CATEGORIES_DECL_CATEGORIES (FIELD (categories)),
  /**
   * MpOrdinalEncoder:handle-unknown:
   *
   * What transform does with a value fit did not see: `error` (the
   * default: refuse it with %MP_ERROR_INVALID_INPUT naming the column and
   * the value) or `use_encoded_value` (give #MpOrdinalEncoder:unknown-value).
   *
   * Since: 0.1
   */
  { .name = "handle-unknown", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (handle_unknown), .default_string = "error", .words = handle_unknown_words },
  /**
   * MpOrdinalEncoder:unknown-value:
   *
   * The code of an unknown value with `handle_unknown='use_encoded_value'`:
   * an integer literal such as `-1` (one that is no column's category
   * index) or `nan`; %NULL (`None`, the default) is read as `nan`. Only
   * `use_encoded_value` reads it. (scikit-learn refuses, at fit, None with
   * `use_encoded_value` and any other value with `error`.)
   *
   * Since: 0.1
   */
  { .name = "unknown-value", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (unknown_value), .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = check_unknown_value, .check_text = "an integer or nan" },
  /**
   * MpOrdinalEncoder:category-values:
   *
   * Every column's categories (scikit-learn's `categories_`), one column
   * after the other: float64 or str, `(n_categories,)`; each column's
   * are sorted and distinct. #MpOrdinalEncoder:category-counts says how
   * many belong to each column.
   *
   * Since: 0.1
   */
  MP_CATEGORIES_DECL_VALUES (FIELD (category_values)),
  /**
   * MpOrdinalEncoder:category-counts:
   *
   * How many categories each column has, in the order of
   * #MpOrdinalEncoder:category-values: int64 `(n_features_in,)`, each
   * > 0, summing to n_categories.
   *
   * Since: 0.1
   */
  MP_CATEGORIES_DECL_COUNTS (FIELD (category_counts)),
};

static gboolean
uses_encoded_value (MpOrdinalEncoder *self)
{
  return strcmp (self->handle_unknown, "use_encoded_value") == 0;
}

/* The code transform gives an unknown value (use_encoded_value). The
 * declared check has accepted the text. */
static double
unknown_code (MpOrdinalEncoder *self)
{
  double value = NAN;

  if (self->unknown_value != NULL && !parse_unknown_value (self->unknown_value, &value))
    g_assert_not_reached ();
  return value;
}

/* scikit-learn's rule: an unknown value's code must not be a category's. */
static gboolean
check_unknown_code (MpOrdinalEncoder  *self,
                    MpArray           *counts,
                    int                code,
                    GError           **error)
{
  const gint64 *per_column = mp_array_get_int64_data (counts);
  double value;

  if (!uses_encoded_value (self))
    return TRUE;
  value = unknown_code (self);
  for (gsize j = 0; j < mp_array_get_n_elements (counts); j++)
    if (value >= 0 && value < (double) per_column[j])
      {
        g_set_error (error, MP_ERROR, code,
                     "unknown_value: %s is the code of a category of column %" G_GSIZE_FORMAT
                     " (0 to %" G_GINT64_FORMAT "); choose a negative or larger integer, or nan",
                     self->unknown_value, j, per_column[j] - 1);
        return FALSE;
      }
  return TRUE;
}

static gboolean
mp_ordinal_encoder_fit (MpEstimator  *estimator,
                        MpArray      *x,
                        MpArray      *y,
                        GError      **error)
{
  MpOrdinalEncoder *self = MP_ORDINAL_ENCODER (estimator);
  g_autoptr(MpArray) values = NULL;
  g_autoptr(MpArray) counts = NULL;

  if (!_mp_categories_fit (x, &values, &counts, error))
    return FALSE;
  if (!check_unknown_code (self, counts, MP_ERROR_INVALID_ARGUMENT, error))
    return FALSE;
  g_object_set (estimator,
                "category-values", values,
                "category-counts", counts,
                NULL);
  return TRUE;
}

static MpArray *
mp_ordinal_encoder_transform (MpEstimator  *estimator,
                              MpArray      *x,
                              GError      **error)
{
  MpOrdinalEncoder *self = MP_ORDINAL_ENCODER (estimator);
  gboolean encode_unknown = uses_encoded_value (self);
  double unknown = encode_unknown ? unknown_code (self) : NAN;
  gsize n = mp_array_get_dim (x, 0) * mp_array_get_dim (x, 1);
  gsize shape[2] = { mp_array_get_dim (x, 0), mp_array_get_dim (x, 1) };
  g_autofree gint64 *codes = NULL;
  double *out;

  codes = _mp_categories_encode (self->category_values, self->category_counts, x, encode_unknown, error);
  if (codes == NULL)
    return NULL;
  out = g_new (double, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    out[k] = codes[k] < 0 ? unknown : (double) codes[k];
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

/* The categories back from their codes: a code must be the index of one of
 * its column's categories (an unknown value's code has no category to go
 * back to; scikit-learn gives None, which no array here holds). */
static MpArray *
mp_ordinal_encoder_inverse_transform (MpEstimator  *estimator,
                                      MpArray      *x,
                                      GError      **error)
{
  MpOrdinalEncoder *self = MP_ORDINAL_ENCODER (estimator);
  const gint64 *per_column = mp_array_get_int64_data (self->category_counts);
  gsize n_columns = mp_array_get_n_elements (self->category_counts);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize shape[2] = { n_rows, n_columns };
  g_autofree gsize *starts = g_new (gsize, n_columns);
  g_autofree gsize *picked = NULL;
  const double *codes;

  if (mp_array_get_dtype (x) != MP_DTYPE_FLOAT64)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "X: inverse_transform takes the codes transform gives (numbers)");
      return NULL;
    }
  if (mp_array_get_dim (x, 1) != n_columns)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: has %" G_GSIZE_FORMAT " features, but OrdinalEncoder was fitted with %" G_GSIZE_FORMAT,
                   mp_array_get_dim (x, 1), n_columns);
      return NULL;
    }

  for (gsize j = 0, start = 0; j < n_columns; j++)
    {
      starts[j] = start;
      start += (gsize) per_column[j];
    }
  codes = mp_array_get_float64_data (x);
  picked = g_new (gsize, MAX (n_rows * n_columns, 1));
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_columns; j++)
      {
        double code = codes[i * n_columns + j];

        if (!(code >= 0 && code < (double) per_column[j] && code == floor (code)))
          {
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                         "X: row %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT ": %g is not the code of a "
                         "category (an integer from 0 to %" G_GINT64_FORMAT ")",
                         i, j, code, per_column[j] - 1);
            return NULL;
          }
        picked[i * n_columns + j] = starts[j] + (gsize) code;
      }

  if (mp_array_get_dtype (self->category_values) == MP_DTYPE_STRING)
    return _mp_array_select_strings (self->category_values, picked, n_rows * n_columns, shape, 2);
  else
    {
      const double *values = mp_array_get_float64_data (self->category_values);
      double *out = _mp_array_alloc_elements (n_rows * n_columns, sizeof (double));

      for (gsize k = 0; k < n_rows * n_columns; k++)
        out[k] = values[picked[k]];
      return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
    }
}

/* The declarations check both arrays and that the counts add up; each
 * column's categories must also be sorted and distinct, which transform's
 * search relies on, and an unknown value's code no category's. */
static gboolean
mp_ordinal_encoder_validate (MpEstimator  *estimator,
                             GError      **error)
{
  MpOrdinalEncoder *self = MP_ORDINAL_ENCODER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_ordinal_encoder_parent_class)->validate (estimator, error))
    return FALSE;
  if (!_mp_categories_check (self->category_values, self->category_counts, "categories_", error))
    return FALSE;
  /* a hyperparameter: the caller's mistake after a change, the file's at load */
  return check_unknown_code (self, self->category_counts, _mp_estimator_parameter_error_code (estimator), error);
}

/* unknown_value reads as Python's: -1 or nan, unquoted. */
static char *
mp_ordinal_encoder_format_param (MpEstimator *estimator,
                                 GParamSpec  *pspec)
{
  MpOrdinalEncoder *self = MP_ORDINAL_ENCODER (estimator);
  double value;

  if (strcmp (pspec->name, "unknown-value") == 0 && self->unknown_value != NULL &&
      parse_unknown_value (self->unknown_value, &value))
    return isnan (value) ? g_strdup ("nan") : g_strdup_printf ("%.0f", value);
  return NULL;
}

static void
mp_ordinal_encoder_class_init (MpOrdinalEncoderClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_ordinal_encoder_fit;
  estimator_class->transform = mp_ordinal_encoder_transform;
  estimator_class->inverse_transform = mp_ordinal_encoder_inverse_transform;
  estimator_class->validate = mp_ordinal_encoder_validate;
  estimator_class->format_param = mp_ordinal_encoder_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_STRINGS | MP_INPUT_FLAG_COLUMNS);
}

static void
mp_ordinal_encoder_init (MpOrdinalEncoder *self)
{
}

/**
 * mp_ordinal_encoder_new:
 *
 * Creates a #MpOrdinalEncoder with scikit-learn's defaults (unknown values
 * refused).
 *
 * Returns: (transfer full): a new #MpOrdinalEncoder
 *
 * Since: 0.1
 */
MpEstimator *
mp_ordinal_encoder_new (void)
{
  return g_object_new (MP_TYPE_ORDINAL_ENCODER, NULL);
}
