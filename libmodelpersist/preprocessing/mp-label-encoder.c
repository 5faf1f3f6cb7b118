/* mp-label-encoder.c: encode labels as integers 0 to n_classes - 1
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-label-encoder.h"
#include "mp-labels-private.h"
#include "mp-property-table-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-label-encoder
 * @Title: MpLabelEncoder
 * @Short_description: encode labels as integers 0 to n_classes - 1
 *
 * |[<!-- language="C" -->
 * const char *labels[] = { "cat", "dog", "cat", "bird" };
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpArray) x = mp_array_new_strings (labels, G_N_ELEMENTS (labels),
 *                                              (const gsize[]) { 4, 1 }, 2, &error);
 * g_autoptr(MpEstimator) encoder = mp_label_encoder_new ();   // no hyperparameters
 * g_autoptr(MpArray) codes = NULL;
 * g_autoptr(MpArray) back = NULL;
 *
 * codes = mp_estimator_fit_transform (encoder, x, NULL, &error);   // 1, 2, 1, 0 as int64
 * if (codes != NULL)
 *   back = mp_estimator_inverse_transform (encoder, codes, &error);  // the labels again
 * if (back == NULL)
 *   g_warning ("LabelEncoder: %s", error->message);
 * ]|
 *
 * #MpLabelEncoder is scikit-learn's `LabelEncoder`: fit learns the sorted
 * distinct labels (#MpLabelEncoder:classes, `classes_`, of the labels'
 * kind: int64, float64, bool or str, as a classifier's), transform gives
 * each label's index among them as int64, and inverse_transform gives the
 * labels back.
 *
 * scikit-learn's LabelEncoder is fitted with `fit(y)` on 1-D labels and is
 * never a pipeline step. Here the labels are the samples: fit, transform
 * and inverse_transform read them as X, a column of labels, and y is
 * ignored. Give them as a one-column table (mp_array_new_columns()) to keep
 * integer labels int64; in a number matrix they arrive as float64, as any
 * estimator's X does, and classes_ is then float64. Every element of a
 * wider X is a label of the same set (scikit-learn takes one column only).
 * The Python binding's fit(y), transform(y), fit_transform(y) and
 * inverse_transform(y) take 1-D labels and return 1-D arrays, as
 * scikit-learn's do.
 */

struct _MpLabelEncoder
{
  MpEstimator      parent_instance;

  MpArray         *classes;
};

G_DEFINE_FINAL_TYPE (MpLabelEncoder, mp_label_encoder, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpLabelEncoder, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpLabelEncoder:classes:
   *
   * The sorted distinct labels fit saw (`classes_`): int64, float64, bool
   * or str `(n_classes,)`; a label's code is its index here.
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_NON_EMPTY },
};

/* What messages call column @j of the labels: "y" when there is one. */
static char *
where (MpArray *x,
       gsize    j)
{
  if (mp_array_get_dim (x, 1) == 1)
    return g_strdup ("y");
  return g_strdup_printf ("y: column %" G_GSIZE_FORMAT, j);
}

static gboolean
is_integer_dtype (MpDType dtype)
{
  return dtype == MP_DTYPE_INT64 || dtype == MP_DTYPE_INT32 || dtype == MP_DTYPE_UINT8 ||
         dtype == MP_DTYPE_BOOL;
}

/* Column @j of the labels @x, as the labels' kind: integers and booleans as
 * given (a table keeps them), text as str, anything else as checked
 * finite float64. */
static MpArray *
label_column (MpArray  *x,
              gsize     j,
              GError  **error)
{
  g_autoptr(MpArray) raw = mp_array_get_column (x, j);

  if (is_integer_dtype (mp_array_get_dtype (raw)))
    return g_steal_pointer (&raw);
  return _mp_check_column (x, j, MP_INPUT_FLAG_STRINGS, "y", error);
}

/* All the labels of @x as one 1-D array of one kind: text, or numbers (of
 * the columns' integer dtype when they share one, else float64). */
static MpArray *
all_labels (MpArray  *x,
            GError  **error)
{
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_columns = mp_array_get_dim (x, 1);
  gsize n = n_rows * n_columns;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);
  MpDType kind = MP_DTYPE_FLOAT64;

  for (gsize j = 0; j < n_columns; j++)
    {
      MpArray *column = label_column (x, j, error);
      MpDType dtype;

      if (column == NULL)
        return NULL;
      g_ptr_array_add (columns, column);
      dtype = mp_array_get_dtype (column);
      if (j == 0)
        kind = dtype;
      else if ((dtype == MP_DTYPE_STRING) != (kind == MP_DTYPE_STRING))
        {
          g_autofree char *label = where (x, j);

          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: holds %s, but the columns before it hold %s; labels are all text or all numbers",
                       label, dtype == MP_DTYPE_STRING ? "text" : "numbers",
                       kind == MP_DTYPE_STRING ? "text" : "numbers");
          return NULL;
        }
      else if (dtype != kind)
        kind = MP_DTYPE_FLOAT64;
    }

  if (n_columns == 1)
    return mp_array_ref (g_ptr_array_index (columns, 0));

  if (kind == MP_DTYPE_STRING)
    {
      g_autofree const char **texts = g_new (const char *, n);

      for (gsize j = 0; j < n_columns; j++)
        for (gsize i = 0; i < n_rows; i++)
          texts[j * n_rows + i] = mp_array_get_string (g_ptr_array_index (columns, j), i);
      /* the elements came from valid str arrays */
      return mp_array_new_strings (texts, n, &n, 1, NULL);
    }
  else
    {
      gsize item = mp_dtype_get_item_size (kind);
      guint8 *out;

      /* numbers of different dtypes: float64, as numpy would mix them */
      if (kind == MP_DTYPE_FLOAT64)
        {
          double *values = g_new (double, n);

          for (gsize j = 0; j < n_columns; j++)
            for (gsize i = 0; i < n_rows; i++)
              values[j * n_rows + i] = mp_array_get_double (g_ptr_array_index (columns, j), i);
          return mp_array_new_take (kind, &n, 1, values);
        }

      /* one integer dtype: the columns' bytes one after the other */
      out = g_malloc (n * item);
      for (gsize j = 0; j < n_columns; j++)
        memcpy (out + j * n_rows * item, mp_array_get_data (g_ptr_array_index (columns, j), NULL),
                n_rows * item);
      return mp_array_new_take (kind, &n, 1, out);
    }
}

static gboolean
mp_label_encoder_fit (MpEstimator  *estimator,
                      MpArray      *x,
                      MpArray      *y,
                      GError      **error)
{
  g_autoptr(MpArray) labels = all_labels (x, error);
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *indices = NULL;

  if (labels == NULL || !_mp_encode_labels (labels, &classes, &indices, error))
    return FALSE;
  g_object_set (estimator, "classes", classes, NULL);
  return TRUE;
}

/* The index of element @i of @column among the sorted @classes, or -1. */
static gint64
find_class (MpArray *classes,
            MpArray *column,
            gsize    i)
{
  gboolean text = mp_array_get_dtype (classes) == MP_DTYPE_STRING;
  double value = text ? 0 : mp_array_get_double (column, i);
  gsize lo = 0, hi = mp_array_get_n_elements (classes);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      double c = text ? _mp_array_compare_strings (classes, mid, column, i)
                      : mp_array_get_double (classes, mid) - value;

      if (c == 0)
        return (gint64) mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static MpArray *
mp_label_encoder_transform (MpEstimator  *estimator,
                            MpArray      *x,
                            GError      **error)
{
  MpLabelEncoder *self = MP_LABEL_ENCODER (estimator);
  gboolean text = mp_array_get_dtype (self->classes) == MP_DTYPE_STRING;
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_columns = mp_array_get_dim (x, 1);
  gsize shape[2] = { n_rows, n_columns };
  g_autofree gint64 *codes = g_new (gint64, n_rows * n_columns);

  for (gsize j = 0; j < n_columns; j++)
    {
      g_autoptr(MpArray) column = label_column (x, j, error);

      if (column == NULL)
        return NULL;
      if ((mp_array_get_dtype (column) == MP_DTYPE_STRING) != text)
        {
          g_autofree char *label = where (x, j);

          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: holds %s, but the encoder was fitted on %s", label,
                       text ? "numbers" : "text", text ? "text" : "numbers");
          return NULL;
        }
      for (gsize i = 0; i < n_rows; i++)
        {
          gint64 code = find_class (self->classes, column, i);

          if (code < 0)
            {
              g_autofree char *label = where (x, j);

              if (text)
                g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                             "%s: holds the label '%s' (row %" G_GSIZE_FORMAT "), which fit did not see",
                             label, mp_array_get_string (column, i), i);
              else
                g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                             "%s: holds the label %.17g (row %" G_GSIZE_FORMAT "), which fit did not see",
                             label, mp_array_get_double (column, i), i);
              return NULL;
            }
          codes[i * n_columns + j] = code;
        }
    }
  return mp_array_new_take (MP_DTYPE_INT64, shape, 2, g_steal_pointer (&codes));
}

static MpArray *
mp_label_encoder_inverse_transform (MpEstimator  *estimator,
                                    MpArray      *x,
                                    GError      **error)
{
  MpLabelEncoder *self = MP_LABEL_ENCODER (estimator);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  gsize n = mp_array_get_n_elements (x);
  gsize shape[2] = { mp_array_get_dim (x, 0), mp_array_get_dim (x, 1) };
  g_autofree gsize *picked = g_new (gsize, MAX (n, 1));
  MpDType dtype = mp_array_get_dtype (self->classes);
  const double *codes;
  gsize item;
  const guint8 *src;
  guint8 *out;

  if (mp_array_get_dtype (x) != MP_DTYPE_FLOAT64)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: inverse_transform takes the codes transform gives (integers)");
      return NULL;
    }
  codes = mp_array_get_float64_data (x);
  for (gsize k = 0; k < n; k++)
    {
      if (!(codes[k] >= 0 && codes[k] < (double) n_classes && codes[k] == floor (codes[k])))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "y: element %" G_GSIZE_FORMAT " is %g, not the code of a class (an integer from 0 to %"
                       G_GSIZE_FORMAT ")", k, codes[k], n_classes - 1);
          return NULL;
        }
      picked[k] = (gsize) codes[k];
    }

  if (dtype == MP_DTYPE_STRING)
    return _mp_array_select_strings (self->classes, picked, n, shape, 2);
  item = mp_dtype_get_item_size (dtype);
  src = mp_array_get_data (self->classes, NULL);
  out = g_malloc (MAX (n * item, 1));
  for (gsize k = 0; k < n; k++)
    memcpy (out + k * item, src + picked[k] * item, item);
  return mp_array_new_take (dtype, shape, 2, out);
}

static void
mp_label_encoder_class_init (MpLabelEncoderClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_label_encoder_fit;
  estimator_class->transform = mp_label_encoder_transform;
  estimator_class->inverse_transform = mp_label_encoder_inverse_transform;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_STRINGS | MP_INPUT_FLAG_COLUMNS);
}

static void
mp_label_encoder_init (MpLabelEncoder *self)
{
}

/**
 * mp_label_encoder_new:
 *
 * Creates a #MpLabelEncoder.
 *
 * Returns: (transfer full): a new #MpLabelEncoder
 *
 * Since: 0.1
 */
MpEstimator *
mp_label_encoder_new (void)
{
  return g_object_new (MP_TYPE_LABEL_ENCODER, NULL);
}
