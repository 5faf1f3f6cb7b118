/* mp-one-hot-encoder.c: encode categorical features as a one-hot numeric array
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-categories-private.h"
#include "mp-array-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-one-hot-encoder.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-one-hot-encoder
 * @Title: MpOneHotEncoder
 * @Short_description: encode categorical features as a one-hot numeric
 *   array
 *
 * |[<!-- language="C" -->
 * const char *cities[] = { "Paris", "Oslo", "Paris", "Rome" };
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpArray) x = mp_array_new_strings (cities, G_N_ELEMENTS (cities),
 *                                              (const gsize[]) { 4, 1 }, 2, &error);
 * g_autoptr(MpEstimator) encoder = g_object_new (MP_TYPE_ONE_HOT_ENCODER,
 *                                                "handle-unknown", "ignore",
 *                                                NULL);
 * g_autoptr(MpArray) encoded = NULL;
 *
 * // 4 x 3 float64: one column per city, Oslo, Paris, Rome
 * encoded = mp_estimator_fit_transform (encoder, x, NULL, &error);
 * if (encoded == NULL)
 *   g_warning ("OneHotEncoder: %s", error->message);
 * ]|
 *
 * #MpOneHotEncoder is scikit-learn's `OneHotEncoder`: fit learns the
 * categories of each column (its sorted distinct values: text, or
 * numbers), and mp_estimator_transform() gives each sample one float64
 * column per category, 1 where the sample holds that category and 0
 * elsewhere, column after column. X may be a str matrix, a float64 matrix
 * or a table (%MP_DTYPE_COLUMNS) whose columns are all text or all
 * numbers.
 *
 * scikit-learn returns a sparse matrix by default; this class returns the
 * same values as a dense float64 matrix, and the Python bridge converts a
 * `sparse_output=True` encoder into this one (docs/preprocessing.md).
 * The categories are always learnt (`categories='auto'`), NaN is refused
 * like everywhere in the library, and infrequent categories
 * (`min_frequency`, `max_categories`) are not implemented.
 *
 * The fitted `categories_`, a list of arrays of different lengths in
 * scikit-learn, is held as two arrays: #MpOneHotEncoder:category-values,
 * every column's categories one after the other, and
 * #MpOneHotEncoder:category-counts, how many each column has. The Python
 * binding shows `categories_` as scikit-learn's list.
 */

struct _MpOneHotEncoder
{
  MpEstimator      parent_instance;

  char            *categories;
  char            *drop;
  char            *handle_unknown;

  MpArray         *category_values;
  MpArray         *category_counts;
};

G_DEFINE_FINAL_TYPE (MpOneHotEncoder, mp_one_hot_encoder, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpOneHotEncoder, member)

static const char * const drop_words[] = { "first", "if_binary", NULL };
static const char * const handle_unknown_words[] = { "error", "ignore", NULL };

static const MpPropertyDecl properties[] = {
  /**
   * MpOneHotEncoder:categories:
   *
   * How the categories are found: `auto` (the only choice: each column's
   * sorted distinct values seen by fit).
   *
   * Since: 0.1
   */
  MP_CATEGORIES_DECL_CATEGORIES (FIELD (categories)),
  /**
   * MpOneHotEncoder:drop:
   *
   * Which category of each column gets no output column: %NULL (`None`,
   * the default: none), `first` (the first category of every column) or
   * `if_binary` (the first category of each column that has exactly two).
   * A sample holding a dropped category gets zeros for that column.
   *
   * Since: 0.1
   */
  { .name = "drop", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (drop), .words = drop_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED },
  /**
   * MpOneHotEncoder:handle-unknown:
   *
   * What transform does with a value fit did not see: `error` (the
   * default: refuse it with %MP_ERROR_INVALID_INPUT naming the column and
   * the value) or `ignore` (zeros for that column).
   *
   * Since: 0.1
   */
  { .name = "handle-unknown", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (handle_unknown), .default_string = "error", .words = handle_unknown_words },
  /**
   * MpOneHotEncoder:category-values:
   *
   * Every column's categories (scikit-learn's `categories_`), one column
   * after the other: float64 or str, `(n_categories,)`; each column's
   * are sorted and distinct. #MpOneHotEncoder:category-counts says how
   * many belong to each column.
   *
   * Since: 0.1
   */
  MP_CATEGORIES_DECL_VALUES (FIELD (category_values)),
  /**
   * MpOneHotEncoder:category-counts:
   *
   * How many categories each column has, in the order of
   * #MpOneHotEncoder:category-values: int64 `(n_features_in,)`, each
   * > 0, summing to n_categories.
   *
   * Since: 0.1
   */
  MP_CATEGORIES_DECL_COUNTS (FIELD (category_counts)),
};

static gboolean
mp_one_hot_encoder_fit (MpEstimator  *estimator,
                        MpArray      *x,
                        MpArray      *y,
                        GError      **error)
{
  g_autoptr(MpArray) values = NULL;
  g_autoptr(MpArray) counts = NULL;

  if (!_mp_categories_fit (x, &values, &counts, error))
    return FALSE;
  g_object_set (estimator,
                "category-values", values,
                "category-counts", counts,
                NULL);
  return TRUE;
}

/* Whether the first category of a column with @n_categories gets no
 * output column (scikit-learn's drop_idx_ of 0 rather than None). */
static gboolean
drops_first (MpOneHotEncoder *self,
             gint64           n_categories)
{
  if (self->drop == NULL)
    return FALSE;
  if (strcmp (self->drop, "first") == 0)
    return TRUE;
  return n_categories == 2;  /* if_binary */
}

static MpArray *
mp_one_hot_encoder_transform (MpEstimator  *estimator,
                              MpArray      *x,
                              GError      **error)
{
  MpOneHotEncoder *self = MP_ONE_HOT_ENCODER (estimator);
  const gint64 *counts = mp_array_get_int64_data (self->category_counts);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_columns = mp_array_get_dim (x, 1);
  gboolean ignore = strcmp (self->handle_unknown, "ignore") == 0;
  g_autofree gint64 *codes = NULL;
  g_autofree gsize *first_output = g_new (gsize, n_columns);
  g_autofree gboolean *dropped = g_new (gboolean, n_columns);
  gsize n_outputs = 0;
  gsize shape[2];
  double *out;

  codes = _mp_categories_encode (self->category_values, self->category_counts, x, ignore, error);
  if (codes == NULL)
    return NULL;

  for (gsize j = 0; j < n_columns; j++)
    {
      dropped[j] = drops_first (self, counts[j]);
      first_output[j] = n_outputs;
      n_outputs += (gsize) counts[j] - (dropped[j] ? 1 : 0);
    }

  shape[0] = n_rows;
  shape[1] = n_outputs;
  out = _mp_array_alloc_elements (n_rows * n_outputs, sizeof (double));
  memset (out, 0, MAX (n_rows * n_outputs, 1) * sizeof (double));
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_columns; j++)
      {
        gint64 code = codes[i * n_columns + j];

        /* an ignored unknown value, or the dropped category: zeros */
        if (code < 0 || (dropped[j] && code == 0))
          continue;
        out[i * n_outputs + first_output[j] + (gsize) code - (dropped[j] ? 1 : 0)] = 1.0;
      }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

/* The declarations check both arrays and that the counts add up; each
 * column's categories must also be sorted and distinct, which transform's
 * search relies on. */
static gboolean
mp_one_hot_encoder_validate (MpEstimator  *estimator,
                             GError      **error)
{
  MpOneHotEncoder *self = MP_ONE_HOT_ENCODER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_one_hot_encoder_parent_class)->validate (estimator, error))
    return FALSE;
  return _mp_categories_check (self->category_values, self->category_counts, "categories_", error);
}

static void
mp_one_hot_encoder_class_init (MpOneHotEncoderClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_one_hot_encoder_fit;
  estimator_class->transform = mp_one_hot_encoder_transform;
  estimator_class->validate = mp_one_hot_encoder_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_STRINGS | MP_INPUT_FLAG_COLUMNS);
}

static void
mp_one_hot_encoder_init (MpOneHotEncoder *self)
{
}

/**
 * mp_one_hot_encoder_new:
 *
 * Creates a #MpOneHotEncoder with scikit-learn's defaults (no category
 * dropped, unknown values refused).
 *
 * Returns: (transfer full): a new #MpOneHotEncoder
 *
 * Since: 0.1
 */
MpEstimator *
mp_one_hot_encoder_new (void)
{
  return g_object_new (MP_TYPE_ONE_HOT_ENCODER, NULL);
}
