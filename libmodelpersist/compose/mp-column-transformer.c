/* mp-column-transformer.c: transformers applied to subsets of the columns
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-array-private.h"
#include "mp-column-selection-private.h"
#include "mp-column-transformer.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"

/**
 * SECTION:mp-column-transformer
 * @Title: MpColumnTransformer
 * @Short_description: apply transformers to columns of a table and join
 *   their outputs
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimatorList) transformers = mp_estimator_list_new ();
 * g_autoptr(MpEstimator) standard = mp_standard_scaler_new ();
 * g_autoptr(MpEstimator) minmax = mp_min_max_scaler_new ();
 * g_autoptr(MpEstimator) columns = NULL;
 * g_autoptr(MpArray) out = NULL;
 *
 * if (mp_estimator_list_append (transformers, "sepals", standard, &error) &&
 *     mp_estimator_list_append (transformers, "petals", minmax, &error))
 *   columns = g_object_new (MP_TYPE_COLUMN_TRANSFORMER,
 *                           "transformers", transformers,
 *                           "columns", "[[0, 1], [2, 3]]",
 *                           "remainder", "drop",
 *                           NULL);
 * if (columns != NULL)   // 150 x 4: sepals standardised, petals scaled into [0, 1]
 *   out = mp_estimator_fit_transform (columns, mp_dataset_get_data (iris), NULL, &error);
 * if (out == NULL)
 *   g_warning ("ColumnTransformer: %s", error->message);
 * ]|
 *
 * #MpColumnTransformer is scikit-learn's `ColumnTransformer`: each
 * transformer is fitted on, and transforms, the columns its selection
 * names; the outputs are joined side by side in the order of the
 * transformers, followed by the remaining columns when
 * #MpColumnTransformer:remainder is `'passthrough'`. It takes tables
 * (%MP_DTYPE_COLUMNS: ages, incomes and cities in one input) as well as
 * matrices, so that a scaler gets the numbers and an encoder the text.
 *
 * scikit-learn takes (name, transformer, columns) triples; here the named
 * transformers are #MpColumnTransformer:transformers and their column
 * selections, one per transformer, are #MpColumnTransformer:columns, the
 * Python literal of the list of selections (`"[['age', 'income'],
 * ['city']]"`): column positions (negative ones count from the end),
 * names (of a named table, a pandas DataFrame) or boolean masks. The
 * Python binding takes and gives scikit-learn's triples. A selection of
 * one column (`'city'`, `2`) gives the transformer a one-column matrix,
 * where scikit-learn gives a 1-D array; a selection of no column skips
 * its transformer, as scikit-learn does.
 *
 * The output is a float64 matrix when every part is numbers; when text
 * passes through (a `'passthrough'` of text columns), it is a table.
 * scikit-learn's sparse output has no counterpart: the values are the
 * same, dense. See docs/compose.md.
 */

struct _MpColumnTransformer
{
  MpEstimator      parent_instance;

  MpEstimatorList *transformers;
  char            *columns;
  char            *remainder;
  double           sparse_threshold;
  gboolean         verbose;
  gboolean         verbose_feature_names_out;

  MpEstimatorList *fitted_transformers;
  MpArray         *column_indices;
  MpArray         *column_counts;
};

G_DEFINE_FINAL_TYPE (MpColumnTransformer, mp_column_transformer, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpColumnTransformer, member)

static const char * const transformer_words[] = { "drop", "passthrough", NULL };
static const char * const remainder_words[] = { "drop", "passthrough", NULL };

/* The name scikit-learn gives the remaining columns' entry. */
#define REMAINDER "remainder"

static const MpPropertyDecl properties[] = {
  /**
   * MpColumnTransformer:transformers:
   *
   * The named transformers, in output order: estimators that transform,
   * `'drop'` or `'passthrough'`. No name may be `remainder`.
   *
   * Since: 0.1
   */
  { .name = "transformers", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ESTIMATORS,
    .offset = FIELD (transformers), .words = transformer_words,
    .child_flags = MP_CHILD_FLAG_NAMED | MP_CHILD_FLAG_REQUIRED,
    .example = "scale=MpStandardScaler" },
  /**
   * MpColumnTransformer:columns:
   *
   * The columns of each transformer: the Python literal of a list with
   * one selection per transformer, each an int, a str, a bool or a list
   * of one of them (`"[['age', 'income'], ['city']]"`, `"[[0, 1], -1]"`,
   * `"[[True, False, True]]"`). Names need a named table at fit.
   *
   * Since: 0.1
   */
  { .name = "columns", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (columns), .example = "[[0]]" },
  /**
   * MpColumnTransformer:remainder:
   *
   * What happens to the columns no selection names: `'drop'` (the
   * default) leaves them out, `'passthrough'` appends them to the output
   * unchanged.
   *
   * Since: 0.1
   */
  { .name = "remainder", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (remainder), .default_string = "drop", .words = remainder_words },
  /**
   * MpColumnTransformer:sparse-threshold:
   *
   * scikit-learn's density below which a sparse output stays sparse
   * (default 0.3), kept so that its models convert and print the same.
   * The output here is always dense, with the same values.
   *
   * Since: 0.1
   */
  { .name = "sparse-threshold", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (sparse_threshold), .default_number = 0.3,
    .interval = TRUE, .minimum = 0, .maximum = 1 },
  /**
   * MpColumnTransformer:verbose:
   *
   * Accepted for scikit-learn's signature; fit prints nothing.
   *
   * Since: 0.1
   */
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (verbose) },
  /**
   * MpColumnTransformer:verbose-feature-names-out:
   *
   * scikit-learn's prefixing of output feature names with the
   * transformer's name (default %TRUE), kept for conversion; it does not
   * change the values.
   *
   * Since: 0.1
   */
  { .name = "verbose-feature-names-out", .role = MP_PROPERTY_ROLE_HYPERPARAMETER,
    .kind = MP_FIELD_BOOLEAN, .offset = FIELD (verbose_feature_names_out), .default_number = TRUE },
  /**
   * MpColumnTransformer:fitted-transformers:
   *
   * One entry per transformer, then `remainder` when some columns were
   * left over (`transformers_`): the fitted clones, `'drop'`,
   * `'passthrough'`, and `'drop'` for a transformer whose selection
   * names no column (scikit-learn keeps such a transformer unfitted, as
   * given).
   *
   * Since: 0.1
   */
  { .name = "fitted-transformers", .display_name = "transformers_", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_ESTIMATORS, .offset = FIELD (fitted_transformers), .words = transformer_words,
    .child_flags = MP_CHILD_FLAG_NAMED | MP_CHILD_FLAG_REQUIRED },
  /**
   * MpColumnTransformer:column-indices:
   *
   * The input columns of every entry of
   * #MpColumnTransformer:fitted-transformers, one entry after the other:
   * int64 positions below `n_features_in`.
   *
   * Since: 0.1
   */
  { .name = "column-indices", .display_name = "_column_indices", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_ARRAY, .offset = FIELD (column_indices), .dtypes = "int64",
    .shape = "(n_selected,)", .state = MP_STATE_FLAG_INDEX | MP_STATE_FLAG_EMPTY_ALLOWED,
    .bound = "n_features_in" },
  /**
   * MpColumnTransformer:column-counts:
   *
   * How many of #MpColumnTransformer:column-indices each entry of
   * #MpColumnTransformer:fitted-transformers takes, in order; they sum to
   * the length of #MpColumnTransformer:column-indices.
   *
   * Since: 0.1
   */
  { .name = "column-counts", .display_name = "_column_counts", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_ARRAY, .offset = FIELD (column_counts), .dtypes = "int64",
    .shape = "(n_entries,)", .state = MP_STATE_FLAG_COUNTS | MP_STATE_FLAG_NON_EMPTY,
    .bound = "n_selected" },
};

/* The selections of #MpColumnTransformer:columns, one per transformer. */
static GPtrArray *
parse_columns (MpColumnTransformer  *self,
               int                   code,
               GError              **error)
{
  guint n = mp_estimator_list_get_n_items (self->transformers);
  GPtrArray *selections;

  if (self->columns == NULL)
    {
      g_set_error (error, MP_ERROR, code,
                   "columns: not set; give one column selection per transformer");
      return NULL;
    }
  selections = _mp_column_selections_parse (self->columns, "columns", error);
  if (selections == NULL)
    {
      if (error != NULL && *error != NULL)
        (*error)->code = code;
      return NULL;
    }
  if (selections->len != n)
    {
      g_set_error (error, MP_ERROR, code,
                   "columns: %u column selections for %u transformers", selections->len, n);
      g_ptr_array_unref (selections);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (mp_estimator_list_get_name (self->transformers, i), REMAINDER) == 0)
      {
        g_set_error (error, MP_ERROR, code,
                     "transformers[%u]: the name 'remainder' is the remaining columns' entry", i);
        g_ptr_array_unref (selections);
        return NULL;
      }
  return selections;
}

static MpArray *
mp_column_transformer_fit_transform (MpEstimator  *estimator,
                                     MpArray      *x,
                                     MpArray      *y,
                                     GError      **error)
{
  MpColumnTransformer *self = MP_COLUMN_TRANSFORMER (estimator);
  g_autoptr(GPtrArray) selections = parse_columns (self, MP_ERROR_INVALID_ARGUMENT, error);
  gsize n_features = mp_array_get_dim (x, 1);
  gsize n_rows = mp_array_get_dim (x, 0);
  const char * const *names = mp_array_get_column_names (x);
  g_autoptr(MpEstimatorList) fitted = mp_estimator_list_new ();
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);
  g_autofree gboolean *taken = g_new0 (gboolean, n_features);
  g_autoptr(GArray) remaining = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MpArray) output = NULL;
  g_autoptr(MpArray) index_array = NULL;
  g_autoptr(MpArray) count_array = NULL;
  guint n_transformers;
  gsize n;

  if (selections == NULL)
    return NULL;

  n_transformers = mp_estimator_list_get_n_items (self->transformers);
  for (guint t = 0; t <= n_transformers; t++)
    {
      g_autofree char *field = g_strdup_printf ("columns[%u]", t);
      g_autoptr(GArray) picked = NULL;
      const char *name, *word;
      MpEstimator *transformer;
      g_autoptr(MpArray) part = NULL;

      if (t < n_transformers)
        {
          picked = _mp_column_selection_resolve (selections->pdata[t], n_features, names, field, error);
          if (picked == NULL)
            return NULL;
          for (guint k = 0; k < picked->len; k++)
            taken[g_array_index (picked, gint64, k)] = TRUE;
          name = mp_estimator_list_get_name (self->transformers, t);
          word = mp_estimator_list_get_word (self->transformers, t);
          transformer = mp_estimator_list_get_estimator (self->transformers, t);
        }
      else
        {
          /* The columns no selection named, in order; scikit-learn adds
           * their entry only when there are some. */
          for (gsize j = 0; j < n_features; j++)
            if (!taken[j])
              {
                gint64 p = (gint64) j;

                g_array_append_val (remaining, p);
              }
          if (remaining->len == 0)
            break;
          picked = g_array_ref (remaining);
          name = REMAINDER;
          word = self->remainder;
          transformer = NULL;
        }

      g_array_append_vals (indices, picked->data, picked->len);
      n = picked->len;
      g_array_append_val (counts, n);

      if (word != NULL)
        {
          mp_estimator_list_append_word (fitted, name, word, NULL);
          if (g_str_equal (word, "passthrough") && picked->len > 0)
            g_ptr_array_add (parts, _mp_array_select_columns (x, &g_array_index (picked, gint64, 0), picked->len));
          continue;
        }
      if (picked->len == 0)
        {
          /* Skipped: it takes no column, so it drops nothing, and a fitted
           * list holds fitted estimators only (scikit-learn keeps the
           * transformer as given; the Python binding shows it so). */
          mp_estimator_list_append_word (fitted, name, "drop", NULL);
          continue;
        }

      {
        g_autoptr(MpArray) columns = _mp_array_select_columns (x, &g_array_index (picked, gint64, 0), picked->len);
        g_autoptr(MpEstimator) clone = mp_estimator_clone (transformer);

        part = mp_estimator_fit_transform (clone, columns, y, error);
        if (part == NULL)
          {
            g_prefix_error (error, "transformers[%u] ('%s'): ", t, name);
            return NULL;
          }
        if (mp_array_get_n_dims (part) != 2 || mp_array_get_dim (part, 0) != n_rows)
          {
            g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                         "transformers[%u] ('%s'): its output is not a matrix of %" G_GSIZE_FORMAT " rows",
                         t, name, n_rows);
            return NULL;
          }
        mp_estimator_list_append (fitted, name, clone, NULL);
        g_ptr_array_add (parts, g_steal_pointer (&part));
      }
    }

  output = _mp_array_hstack ((MpArray * const *) parts->pdata, parts->len, n_rows, error);
  if (output == NULL)
    return NULL;

  n = indices->len;
  index_array = mp_array_new_take (MP_DTYPE_INT64, &n, 1, g_array_steal (indices, NULL));
  n = counts->len;
  count_array = mp_array_new_take (MP_DTYPE_INT64, &n, 1, g_array_steal (counts, NULL));
  g_object_set (self,
                "fitted-transformers", fitted,
                "column-indices", index_array,
                "column-counts", count_array,
                NULL);
  return g_steal_pointer (&output);
}

static gboolean
mp_column_transformer_fit (MpEstimator  *estimator,
                           MpArray      *x,
                           MpArray      *y,
                           GError      **error)
{
  g_autoptr(MpArray) output = mp_column_transformer_fit_transform (estimator, x, y, error);

  return output != NULL;
}

static MpArray *
mp_column_transformer_transform (MpEstimator  *estimator,
                                 MpArray      *x,
                                 GError      **error)
{
  MpColumnTransformer *self = MP_COLUMN_TRANSFORMER (estimator);
  const gint64 *indices = mp_array_get_int64_data (self->column_indices);
  const gint64 *counts = mp_array_get_int64_data (self->column_counts);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);
  gsize at = 0;

  for (guint e = 0; e < mp_estimator_list_get_n_items (self->fitted_transformers); e++)
    {
      const char *word = mp_estimator_list_get_word (self->fitted_transformers, e);
      gsize count = (gsize) counts[e];
      g_autoptr(MpArray) columns = NULL;
      MpArray *part;

      at += count;
      if (count == 0 || (word != NULL && g_str_equal (word, "drop")))
        continue;
      columns = _mp_array_select_columns (x, indices + at - count, count);
      if (word != NULL)
        {
          g_ptr_array_add (parts, g_steal_pointer (&columns));
          continue;
        }
      part = mp_estimator_transform (mp_estimator_list_get_estimator (self->fitted_transformers, e),
                                     columns, error);
      if (part == NULL)
        {
          g_prefix_error (error, "transformers_[%u] ('%s'): ", e,
                          mp_estimator_list_get_name (self->fitted_transformers, e));
          return NULL;
        }
      g_ptr_array_add (parts, part);
      if (mp_array_get_n_dims (part) != 2 || mp_array_get_dim (part, 0) != mp_array_get_dim (x, 0))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "transformers_[%u] ('%s'): its output is not a matrix of %" G_GSIZE_FORMAT " rows",
                       e, mp_estimator_list_get_name (self->fitted_transformers, e), mp_array_get_dim (x, 0));
          return NULL;
        }
    }

  return _mp_array_hstack ((MpArray * const *) parts->pdata, parts->len, mp_array_get_dim (x, 0), error);
}

/* The table checks each array; what ties them to the fitted list and to
 * the hyperparameters is checked here. */
static gboolean
mp_column_transformer_validate (MpEstimator  *estimator,
                                GError      **error)
{
  MpColumnTransformer *self = MP_COLUMN_TRANSFORMER (estimator);
  int code = _mp_estimator_parameter_error_code (estimator);
  g_autoptr(GPtrArray) selections = NULL;
  guint n_entries, n_transformers;

  if (!MP_ESTIMATOR_CLASS (mp_column_transformer_parent_class)->validate (estimator, error))
    return FALSE;

  selections = parse_columns (self, code, error);
  if (selections == NULL)
    return FALSE;

  n_entries = mp_estimator_list_get_n_items (self->fitted_transformers);
  n_transformers = mp_estimator_list_get_n_items (self->transformers);
  if (mp_array_get_dim (self->column_counts, 0) != n_entries)
    return _mp_invalid_state (error, "_column_counts: %" G_GSIZE_FORMAT " counts for %u entries of transformers_",
                              mp_array_get_dim (self->column_counts, 0), n_entries);
  if (n_entries != n_transformers &&
      !(n_entries == n_transformers + 1 &&
        g_strcmp0 (mp_estimator_list_get_name (self->fitted_transformers, n_transformers), REMAINDER) == 0))
    return _mp_invalid_state (error, "transformers_: %u entries for %u transformers "
                              "(one more only for the remaining columns, named 'remainder')",
                              n_entries, n_transformers);
  for (guint e = 0; e < n_entries; e++)
    {
      const char *name = mp_estimator_list_get_name (self->fitted_transformers, e);
      const char *given = e < n_transformers ? mp_estimator_list_get_name (self->transformers, e) : REMAINDER;
      const char *word = mp_estimator_list_get_word (self->fitted_transformers, e);

      if (g_strcmp0 (name, given) != 0)
        return _mp_invalid_state (error, "transformers_[%u]: named '%s', but the transformer is '%s'",
                                  e, name, given);
      if (e == n_transformers && word == NULL)
        return _mp_invalid_state (error, "transformers_[%u]: the remaining columns are dropped or passed "
                                  "through, not transformed", e);
    }
  return TRUE;
}

/* The string form shows scikit-learn's (name, transformer, columns)
 * triples, as a scikit-learn user wrote them, in place of the two
 * properties that hold them; columns that do not parse are shown as they
 * are (fit says what is wrong). */
static char *
mp_column_transformer_format_param (MpEstimator *estimator,
                                    GParamSpec  *pspec)
{
  MpColumnTransformer *self = MP_COLUMN_TRANSFORMER (estimator);
  g_autoptr(GPtrArray) selections = NULL;
  GString *out;

  if (self->transformers == NULL || self->columns == NULL)
    return NULL;
  selections = _mp_column_selections_parse (self->columns, "columns", NULL);
  if (selections == NULL || selections->len != mp_estimator_list_get_n_items (self->transformers))
    return NULL;
  if (g_str_equal (pspec->name, "columns"))
    return g_strdup ("");
  if (!g_str_equal (pspec->name, "transformers"))
    return NULL;

  out = g_string_new ("[");
  for (guint t = 0; t < selections->len; t++)
    {
      MpEstimator *transformer = mp_estimator_list_get_estimator (self->transformers, t);
      g_autofree char *columns = _mp_column_selection_to_string (selections->pdata[t]);
      g_autofree char *text = transformer != NULL ? mp_estimator_to_string (transformer) : NULL;

      g_string_append (out, t > 0 ? ", (" : "(");
      _mp_pyrepr_append_string (out, mp_estimator_list_get_name (self->transformers, t));
      g_string_append (out, ", ");
      if (text != NULL)
        g_string_append (out, text);
      else
        _mp_pyrepr_append_string (out, mp_estimator_list_get_word (self->transformers, t));
      g_string_append_printf (out, ", %s)", columns);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static void
mp_column_transformer_class_init (MpColumnTransformerClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_column_transformer_fit;
  estimator_class->fit_transform = mp_column_transformer_fit_transform;
  estimator_class->transform = mp_column_transformer_transform;
  estimator_class->validate = mp_column_transformer_validate;
  estimator_class->format_param = mp_column_transformer_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
  /* Its transformers check the columns they are given. */
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_ANY);
}

static void
mp_column_transformer_init (MpColumnTransformer *self)
{
}

/**
 * mp_column_transformer_new:
 * @transformers: (nullable): the named transformers, or %NULL to set
 *   #MpColumnTransformer:transformers later
 * @columns: (nullable): their column selections, the Python literal of a
 *   list with one per transformer (#MpColumnTransformer:columns)
 *
 * Creates a #MpColumnTransformer that drops the remaining columns.
 *
 * Returns: (transfer full): a new #MpColumnTransformer
 *
 * Since: 0.1
 */
MpEstimator *
mp_column_transformer_new (MpEstimatorList *transformers,
                           const char      *columns)
{
  return g_object_new (MP_TYPE_COLUMN_TRANSFORMER, "transformers", transformers, "columns", columns, NULL);
}
