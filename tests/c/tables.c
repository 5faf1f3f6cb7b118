/* tables.c: tables (MP_DTYPE_COLUMNS) and what estimators take (MpInputFlags)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <modelpersist.h>
#include <math.h>

/* Three people: ages, incomes and cities. */
static MpArray *
people (gboolean named)
{
  const double ages[] = { 31, 45, 27 };
  const double incomes[] = { 42000, 58000, 31000 };
  const char * const cities[] = { "Lyon", "Oslo", "Lyon" };
  const char * const names[] = { "age", "income", "city", NULL };
  gsize n = 3;
  g_autoptr(MpArray) age = mp_array_new_float64 (ages, 3, &n, 1, NULL);
  g_autoptr(MpArray) income = mp_array_new_float64 (incomes, 3, &n, 1, NULL);
  g_autoptr(MpArray) city = mp_array_new_strings (cities, 3, &n, 1, NULL);
  MpArray *columns[] = { age, income, city };
  g_autoptr(GError) error = NULL;
  MpArray *table = mp_array_new_columns (columns, 3, named ? names : NULL, &error);

  g_assert_no_error (error);
  return table;
}

static MpArray *
numbers_only (MpArray *table)
{
  g_autoptr(MpArray) age = mp_array_get_column (table, 0);
  g_autoptr(MpArray) income = mp_array_get_column (table, 1);
  MpArray *columns[] = { age, income };
  const char * const names[] = { "age", "income", NULL };

  return mp_array_new_columns (columns, 2, names, NULL);
}

static void
test_table_shape_and_elements (void)
{
  g_autoptr(MpArray) table = people (TRUE);
  g_autoptr(MpArray) city = mp_array_get_column (table, 2);
  const char * const *names = mp_array_get_column_names (table);

  g_assert_cmpint (mp_array_get_dtype (table), ==, MP_DTYPE_COLUMNS);
  g_assert_cmpuint (mp_array_get_n_dims (table), ==, 2);
  g_assert_cmpuint (mp_array_get_dim (table, 0), ==, 3);
  g_assert_cmpuint (mp_array_get_dim (table, 1), ==, 3);
  g_assert_cmpuint (mp_array_get_n_elements (table), ==, 9);
  g_assert_cmpstr (names[0], ==, "age");
  g_assert_cmpstr (names[2], ==, "city");
  g_assert_null (names[3]);
  /* element [1, 1] and [2, 2], in C order */
  g_assert_cmpfloat (mp_array_get_double (table, 4), ==, 58000);
  g_assert_cmpstr (mp_array_get_string (table, 8), ==, "Lyon");
  g_assert_cmpint (mp_array_get_dtype (city), ==, MP_DTYPE_STRING);
  g_assert_cmpstr (mp_array_get_string (city, 1), ==, "Oslo");
  g_assert_null (mp_array_get_column_names (city));
  g_assert_cmpstr (mp_dtype_to_string (MP_DTYPE_COLUMNS), ==, "columns");
  /* not an element type: no declaration and no file can name it */
  g_assert_false (mp_dtype_from_string ("columns", NULL));
}

static void
test_table_converts_by_column (void)
{
  g_autoptr(MpArray) table = people (TRUE);
  g_autoptr(MpArray) numbers = numbers_only (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) matrix = mp_array_convert (numbers, MP_DTYPE_FLOAT64, &error);
  g_autoptr(MpArray) refused = NULL;
  const double *data;

  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_dim (matrix, 0), ==, 3);
  g_assert_cmpuint (mp_array_get_dim (matrix, 1), ==, 2);
  data = mp_array_get_float64_data (matrix);
  g_assert_cmpfloat (data[0], ==, 31);
  g_assert_cmpfloat (data[1], ==, 42000);
  g_assert_cmpfloat (data[5], ==, 31000);

  refused = mp_array_convert (table, MP_DTYPE_FLOAT64, &error);
  g_assert_null (refused);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "column 'city' holds str elements, which do not convert to float64");
}

static void
test_table_column_of_matrix (void)
{
  const double values[] = { 1, 2, 3, 4, 5, 6 };
  const gsize shape[] = { 3, 2 };
  g_autoptr(MpArray) matrix = mp_array_new_float64 (values, 6, shape, 2, NULL);
  g_autoptr(MpArray) column = mp_array_get_column (matrix, 1);

  g_assert_cmpuint (mp_array_get_n_dims (column), ==, 1);
  g_assert_cmpfloat (mp_array_get_double (column, 0), ==, 2);
  g_assert_cmpfloat (mp_array_get_double (column, 2), ==, 6);
}

static void
test_table_refuses (void)
{
  const double values[] = { 1, 2, 3, 4 };
  gsize four = 4, three = 3;
  g_autoptr(MpArray) a = mp_array_new_float64 (values, 4, &four, 1, NULL);
  g_autoptr(MpArray) b = mp_array_new_float64 (values, 3, &three, 1, NULL);
  g_autoptr(GError) error = NULL;
  MpArray *unequal[] = { a, b };
  MpArray *same[] = { a, a };
  const char * const repeated[] = { "x", "x", NULL };
  const char * const empty[] = { "x", "", NULL };
  const char * const one[] = { "x", NULL };

  g_assert_null (mp_array_new_columns (unequal, 2, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "columns[1]: 3 rows, but columns[0] has 4");
  g_clear_error (&error);

  g_assert_null (mp_array_new_columns (same, 2, repeated, &error));
  g_assert_cmpstr (error->message, ==, "names[1]: 'x' names columns 0 and 1");
  g_clear_error (&error);

  g_assert_null (mp_array_new_columns (same, 2, empty, &error));
  g_assert_cmpstr (error->message, ==, "names[1]: a column name is a non-empty UTF-8 string");
  g_clear_error (&error);

  g_assert_null (mp_array_new_columns (same, 2, one, &error));
  g_assert_cmpstr (error->message, ==, "names: 1 given for 2 columns");
  g_clear_error (&error);

  g_assert_null (mp_array_new_columns (same, 0, NULL, &error));
  g_assert_cmpstr (error->message, ==, "columns: a table needs at least one column");
  g_clear_error (&error);

  {
    g_autoptr(MpArray) table = mp_array_new_columns (same, 2, NULL, NULL);
    MpArray *nested[] = { table };

    g_assert_null (mp_array_new_columns (nested, 1, NULL, &error));
    g_assert_cmpstr (error->message, ==, "columns[0]: expected a 1-D array");
  }
}

/* An estimator that takes numbers takes a numeric table (and learns its
 * names), and refuses one with text naming the column. */
static void
test_numeric_estimator_and_tables (void)
{
  g_autoptr(MpArray) table = people (TRUE);
  g_autoptr(MpArray) numbers = numbers_only (table);
  g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fitted_names = NULL;
  g_autoptr(MpArray) scaled = NULL;

  g_assert_cmpint (mp_estimator_get_input_flags (scaler), ==, MP_INPUT_FLAG_NONE);
  g_assert_false (mp_estimator_fit (scaler, table, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "X: column 'city' holds str elements, which do not convert to float64");
  g_clear_error (&error);

  g_assert_true (mp_estimator_fit (scaler, numbers, NULL, &error));
  g_assert_no_error (error);
  g_object_get (scaler, "feature-names-in", &fitted_names, NULL);
  g_assert_cmpuint (g_strv_length (fitted_names), ==, 2);
  g_assert_cmpstr (fitted_names[1], ==, "income");

  scaled = mp_estimator_transform (scaler, numbers, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (mp_array_get_double (scaled, 0) - mp_array_get_double (scaled, 4)), >, 0);

  /* the same columns under other names, as scikit-learn refuses them */
  {
    g_autoptr(MpArray) age = mp_array_get_column (numbers, 0);
    g_autoptr(MpArray) income = mp_array_get_column (numbers, 1);
    MpArray *columns[] = { income, age };
    const char * const swapped[] = { "income", "age", NULL };
    g_autoptr(MpArray) other = mp_array_new_columns (columns, 2, swapped, NULL);
    g_autoptr(MpArray) refused = mp_estimator_transform (scaler, other, &error);

    g_assert_null (refused);
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_prefix (error->message, "X: the feature names should match"));
  }
}

static void
test_text_refused_by_numeric_estimator (void)
{
  const char * const words[] = { "a", "b", "c", "d" };
  const gsize shape[] = { 2, 2 };
  g_autoptr(MpArray) text = mp_array_new_strings (words, 4, shape, 2, NULL);
  g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_estimator_fit (scaler, text, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "X: holds text (str elements), but StandardScaler takes numbers; "
                   "encode the text first (OneHotEncoder, OrdinalEncoder)");
}

static void
test_nan_and_infinity (void)
{
  const double with_nan[] = { 1, NAN, 3, 4 };
  const double with_inf[] = { 1, 2, INFINITY, 4 };
  const gsize shape[] = { 2, 2 };
  g_autoptr(MpArray) nan_matrix = mp_array_new_float64 (with_nan, 4, shape, 2, NULL);
  g_autoptr(MpArray) inf_matrix = mp_array_new_float64 (with_inf, 4, shape, 2, NULL);
  g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_estimator_fit (scaler, nan_matrix, NULL, &error));
  g_assert_cmpstr (error->message, ==, "X: element [0, 1] is not finite");
  g_clear_error (&error);
  g_assert_false (mp_estimator_fit (scaler, inf_matrix, NULL, &error));
  g_assert_cmpstr (error->message, ==, "X: element [1, 0] is infinite");
}

/* A pipeline takes what its steps take: each step checks its own input. */
static void
test_pipeline_passes_tables_to_its_steps (void)
{
  g_autoptr(MpArray) table = people (TRUE);
  g_autoptr(MpEstimator) pipeline = MP_ESTIMATOR (mp_estimator_type_new_example (MP_TYPE_PIPELINE));
  g_autoptr(GError) error = NULL;
  const double labels[] = { 0, 1, 0 };
  gsize n = 3;
  g_autoptr(MpArray) y = mp_array_new_float64 (labels, 3, &n, 1, NULL);

  g_assert_cmpint (mp_estimator_get_input_flags (pipeline), ==, MP_INPUT_FLAG_ANY);
  g_assert_false (mp_estimator_fit (pipeline, table, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "steps[0] ('scale'): X: column 'city' holds str elements, which do not convert to float64");
}

static void
test_declaring_input_flags (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_estimator_type_set_input_flags (MP_TYPE_ESTIMATOR, MP_INPUT_FLAG_MISSING, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "estimator_type: MpEstimator is not a subtype of MpEstimator");
  g_clear_error (&error);
  g_assert_false (mp_estimator_type_set_input_flags (MP_TYPE_STANDARD_SCALER, 1 << 7, &error));
  g_assert_cmpstr (error->message, ==, "flags: 0x80 has bits that are not MpInputFlags");
}

static void
test_training_data_fingerprint_refuses_tables (void)
{
  g_autoptr(MpArray) table = people (FALSE);
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_model_info_set_training_data (info, table, NULL, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "x: a table (columns of their own dtypes) has no fingerprint; record the training data as a matrix");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tables/shape-and-elements", test_table_shape_and_elements);
  g_test_add_func ("/tables/converts-by-column", test_table_converts_by_column);
  g_test_add_func ("/tables/column-of-matrix", test_table_column_of_matrix);
  g_test_add_func ("/tables/refuses", test_table_refuses);
  g_test_add_func ("/input/numeric-estimator-and-tables", test_numeric_estimator_and_tables);
  g_test_add_func ("/input/text-refused", test_text_refused_by_numeric_estimator);
  g_test_add_func ("/input/nan-and-infinity", test_nan_and_infinity);
  g_test_add_func ("/input/pipeline-passes-tables", test_pipeline_passes_tables_to_its_steps);
  g_test_add_func ("/input/declaring", test_declaring_input_flags);
  g_test_add_func ("/input/training-data-fingerprint", test_training_data_fingerprint_refuses_tables);
  return g_test_run ();
}
