/* datasets.c: tests of MpDataset, the bundled loaders and the strict CSV
 * reader behind them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <modelpersist.h>

#include "mp-csv-private.h"

typedef MpDataset *(*LoadFunc) (GError **error);

typedef struct
{
  const char *name;
  LoadFunc    load;
  gsize       n_samples;
  gsize       n_features;
  guint       n_classes;
  gsize       class_counts[10];
  gdouble     first_row[4];      /* the first four features of sample 0 */
  gint64      first_target;
  const char *first_feature;
  const char *last_feature;
  const char *first_class;
  const char *credit;            /* must appear in the description */
} Expected;

static const Expected expected_sets[] = {
  { "iris", mp_load_iris, 150, 4, 3, { 50, 50, 50 },
    { 5.1, 3.5, 1.4, 0.2 }, 0,
    "sepal length (cm)", "petal width (cm)", "setosa", "Fisher" },
  { "wine", mp_load_wine, 178, 13, 3, { 59, 71, 48 },
    { 14.23, 1.71, 2.43, 15.6 }, 0,
    "alcohol", "proline", "class_0", "Forina" },
  { "breast-cancer", mp_load_breast_cancer, 569, 30, 2, { 212, 357 },
    { 17.99, 10.38, 122.8, 1001 }, 0,
    "mean radius", "worst fractal dimension", "malignant", "Wolberg" },
  { "digits", mp_load_digits, 1797, 64, 10, { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 },
    { 0, 0, 5, 13 }, 0,
    "pixel_0_0", "pixel_7_7", "0", "Alpaydin" },
};

static void
test_bundled (gconstpointer user_data)
{
  const Expected *expected = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) dataset = expected->load (&error);
  g_autoptr(MpArray) data_prop = NULL;
  g_auto(GStrv) names_prop = NULL;
  MpArray *data, *target;
  const char * const *features, *const *classes;
  const gdouble *values;
  const gint64 *labels;
  gsize counts[10] = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  data = mp_dataset_get_data (dataset);
  target = mp_dataset_get_target (dataset);
  g_assert_cmpint (mp_array_get_dtype (data), ==, MP_DTYPE_FLOAT64);
  g_assert_cmpuint (mp_array_get_n_dims (data), ==, 2);
  g_assert_cmpuint (mp_array_get_dim (data, 0), ==, expected->n_samples);
  g_assert_cmpuint (mp_array_get_dim (data, 1), ==, expected->n_features);
  g_assert_cmpint (mp_array_get_dtype (target), ==, MP_DTYPE_INT64);
  g_assert_cmpuint (mp_array_get_n_dims (target), ==, 1);
  g_assert_cmpuint (mp_array_get_dim (target, 0), ==, expected->n_samples);

  values = mp_array_get_float64_data (data);
  for (guint j = 0; j < 4; j++)
    g_assert_cmpfloat (values[j], ==, expected->first_row[j]);

  labels = mp_array_get_int64_data (target);
  g_assert_cmpint (labels[0], ==, expected->first_target);
  for (gsize i = 0; i < expected->n_samples; i++)
    {
      g_assert_cmpint (labels[i], >=, 0);
      g_assert_cmpint (labels[i], <, expected->n_classes);
      counts[labels[i]]++;
    }
  for (guint k = 0; k < expected->n_classes; k++)
    g_assert_cmpuint (counts[k], ==, expected->class_counts[k]);

  features = mp_dataset_get_feature_names (dataset);
  g_assert_cmpuint (g_strv_length ((char **) features), ==, expected->n_features);
  g_assert_cmpstr (features[0], ==, expected->first_feature);
  g_assert_cmpstr (features[expected->n_features - 1], ==, expected->last_feature);

  classes = mp_dataset_get_target_names (dataset);
  g_assert_cmpuint (g_strv_length ((char **) classes), ==, expected->n_classes);
  g_assert_cmpstr (classes[0], ==, expected->first_class);

  g_assert_nonnull (strstr (mp_dataset_get_description (dataset), expected->credit));
  g_assert_nonnull (strstr (mp_dataset_get_description (dataset), "UCI Machine Learning Repository"));
  g_assert_nonnull (strstr (mp_dataset_get_description (dataset), "CC BY 4.0"));

  /* The properties hand out the same values as the getters. */
  g_object_get (dataset, "data", &data_prop, "feature-names", &names_prop, NULL);
  g_assert_true (data_prop == data);
  g_assert_true (g_strv_equal ((const char * const *) names_prop, features));
}

static void
test_loads_are_independent (void)
{
  g_autoptr(MpDataset) first = mp_load_iris (NULL);
  g_autoptr(MpDataset) second = mp_load_iris (NULL);

  g_assert_true (first != second);
  g_assert_true (mp_array_equal (mp_dataset_get_data (first), mp_dataset_get_data (second)));
  g_assert_true (mp_array_equal (mp_dataset_get_target (first), mp_dataset_get_target (second)));
}

static void
test_properties_are_construct_only (void)
{
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  GParamSpec *pspec;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (iris), "data");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (iris), "description");
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
}

static MpArray *
small_matrix (gsize rows,
              gsize cols)
{
  const gsize shape[] = { rows, cols };
  g_autofree gdouble *values = g_new0 (gdouble, rows * cols);

  return mp_array_new_float64 (values, rows * cols, shape, 2, NULL);
}

static void
test_new_valid (void)
{
  g_autoptr(MpArray) x = small_matrix (3, 2);
  const gint32 labels[] = { 0, 1, 1 };
  const gsize shape[] = { 3 };
  g_autoptr(MpArray) y = mp_array_new_int32 (labels, 3, shape, 1, NULL);
  const char * const features[] = { "a", "b", NULL };
  const char * const classes[] = { "no", "yes", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) dataset = NULL;

  dataset = mp_dataset_new (x, y, features, classes, "made up", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_dtype (mp_dataset_get_target (dataset)), ==, MP_DTYPE_INT64);
  g_assert_cmpint (mp_array_get_int64_data (mp_dataset_get_target (dataset))[2], ==, 1);
  g_assert_cmpstr (mp_dataset_get_target_names (dataset)[1], ==, "yes");
  g_assert_cmpstr (mp_dataset_get_description (dataset), ==, "made up");
}

static void
test_new_invalid (void)
{
  g_autoptr(MpArray) x = small_matrix (3, 2);
  const gsize shape3[] = { 3 }, shape2[] = { 2 };
  const gint64 good[] = { 0, 1, 1 }, out_of_range[] = { 0, 2, 1 }, negative[] = { 0, -1, 1 };
  const gdouble fractional[] = { 0, 1, 1 };
  g_autoptr(MpArray) y = mp_array_new_int64 (good, 3, shape3, 1, NULL);
  g_autoptr(MpArray) y_short = mp_array_new_int64 (good, 2, shape2, 1, NULL);
  g_autoptr(MpArray) y_range = mp_array_new_int64 (out_of_range, 3, shape3, 1, NULL);
  g_autoptr(MpArray) y_negative = mp_array_new_int64 (negative, 3, shape3, 1, NULL);
  g_autoptr(MpArray) y_float = mp_array_new_float64 (fractional, 3, shape3, 1, NULL);
  g_autoptr(MpArray) x1d = mp_array_new_float64 (fractional, 3, shape3, 1, NULL);
  const char * const one_name[] = { "a", NULL };
  const char * const classes[] = { "no", "yes", NULL };
  struct {
    MpArray            *x;
    MpArray            *y;
    const char * const *features;
    const char * const *classes;
    const char         *field;
  } cases[] = {
    { x1d, y, NULL, NULL, "data:" },
    { x, y_short, NULL, NULL, "target:" },
    { x, y_float, NULL, NULL, "target:" },
    { x, y_negative, NULL, NULL, "target:" },
    { x, y_range, NULL, classes, "target:" },
    { x, y, one_name, NULL, "feature_names:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpDataset) dataset = mp_dataset_new (cases[i].x, cases[i].y,
                                                     cases[i].features, cases[i].classes,
                                                     NULL, &error);

      g_assert_null (dataset);
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

/* The strict reader, on a two-feature, two-class layout with a header. */
static const MpCsvLayout tiny_layout = { "tiny.csv", TRUE, 2, 2, 2 };

static void
test_csv_valid (void)
{
  const char *text = "2,2,neg,pos\n1.5,-2e-3,1\n.25,+7,0\n";
  g_autoptr(GError) error = NULL;
  MpCsvTable table;

  g_assert_true (_mp_csv_parse (&tiny_layout, text, strlen (text), &table, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (table.data[0], ==, 1.5);
  g_assert_cmpfloat (table.data[1], ==, -2e-3);
  g_assert_cmpfloat (table.data[2], ==, 0.25);
  g_assert_cmpfloat (table.data[3], ==, 7.0);
  g_assert_cmpint (table.target[0], ==, 1);
  g_assert_cmpint (table.target[1], ==, 0);
  g_assert_cmpstr (table.target_names[1], ==, "pos");
  _mp_csv_table_clear (&table);

  /* The last line may end without a newline. */
  text = "2,2,neg,pos\n1,2,1\n3,4,0";
  g_assert_true (_mp_csv_parse (&tiny_layout, text, strlen (text), &table, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (table.data[3], ==, 4.0);
  _mp_csv_table_clear (&table);
}

typedef struct
{
  const char *name;
  const char *text;
  gsize       length;
  const char *where;    /* the start of the message */
} BadCsv;

/* sizeof keeps a NUL byte inside the text in the length. */
#define BAD(name, text, where) { name, text, sizeof (text) - 1, where }

static const BadCsv bad_csv[] = {
  BAD ("empty", "", "tiny.csv: line 1, field 1: header"),
  BAD ("sample-count", "3,2,neg,pos\n1,2,1\n3,4,0\n", "tiny.csv: line 1, field 1: header"),
  BAD ("feature-count", "2,3,neg,pos\n1,2,1\n3,4,0\n", "tiny.csv: line 1, field 2: header"),
  BAD ("no-feature-count", "2\n1,2,1\n3,4,0\n", "tiny.csv: line 1, field 1: header"),
  BAD ("too-few-names", "2,2,neg\n1,2,1\n3,4,0\n", "tiny.csv: line 1, field 3: header"),
  BAD ("empty-name", "2,2,neg,\n1,2,1\n3,4,0\n", "tiny.csv: line 1, field 4: header"),
  BAD ("control-in-name", "2,2,neg,p\tos\n1,2,1\n3,4,0\n", "tiny.csv: line 1, field 4: header"),
  BAD ("missing-row", "2,2,neg,pos\n1,2,1\n", "tiny.csv: line 3, field 0: expected 2 samples"),
  BAD ("extra-row", "2,2,neg,pos\n1,2,1\n3,4,0\n5,6,1\n", "tiny.csv: line 4, field 0: unexpected text"),
  BAD ("blank-line", "2,2,neg,pos\n1,2,1\n\n3,4,0\n", "tiny.csv: line 3, field 1: '' is not"),
  BAD ("trailing-blank", "2,2,neg,pos\n1,2,1\n3,4,0\n\n", "tiny.csv: line 4, field 0: unexpected text"),
  BAD ("crlf", "2,2,neg,pos\r\n1,2,1\r\n3,4,0\r\n", "tiny.csv: line 1, field 4: header"),
  BAD ("crlf-row", "2,2,neg,pos\n1,2,1\r\n3,4,0\n", "tiny.csv: line 2, field 3: target"),
  BAD ("space", "2,2,neg,pos\n1, 2,1\n3,4,0\n", "tiny.csv: line 2, field 2: ' 2' is not"),
  BAD ("nan", "2,2,neg,pos\nnan,2,1\n3,4,0\n", "tiny.csv: line 2, field 1: 'nan' is not"),
  BAD ("inf", "2,2,neg,pos\n1,inf,1\n3,4,0\n", "tiny.csv: line 2, field 2: 'inf' is not"),
  BAD ("overflow", "2,2,neg,pos\n1,1e999,1\n3,4,0\n", "tiny.csv: line 2, field 2: '1e999' is not"),
  BAD ("hex", "2,2,neg,pos\n0x1p3,2,1\n3,4,0\n", "tiny.csv: line 2, field 1: '0x1p3' is not"),
  BAD ("bare-sign", "2,2,neg,pos\n-,2,1\n3,4,0\n", "tiny.csv: line 2, field 1: '-' is not"),
  BAD ("bare-exponent", "2,2,neg,pos\n1e,2,1\n3,4,0\n", "tiny.csv: line 2, field 1: '1e' is not"),
  BAD ("bare-dot", "2,2,neg,pos\n.,2,1\n3,4,0\n", "tiny.csv: line 2, field 1: '.' is not"),
  BAD ("too-long", "2,2,neg,pos\n1.0000000000000000000000000000000000000000000000000000000000000001,2,1\n3,4,0\n",
    "tiny.csv: line 2, field 1:"),
  BAD ("short-row", "2,2,neg,pos\n1,1\n3,4,0\n", "tiny.csv: line 2, field 2: the line ends"),
  BAD ("long-row", "2,2,neg,pos\n1,2,3,1\n3,4,0\n", "tiny.csv: line 2, field 3: more than 2"),
  BAD ("class-range", "2,2,neg,pos\n1,2,2\n3,4,0\n", "tiny.csv: line 2, field 3: target 2 is out of range"),
  BAD ("class-negative", "2,2,neg,pos\n1,2,-1\n3,4,0\n", "tiny.csv: line 2, field 3: target '-1'"),
  BAD ("class-float", "2,2,neg,pos\n1,2,1.0\n3,4,0\n", "tiny.csv: line 2, field 3: target '1.0'"),
  BAD ("class-empty", "2,2,neg,pos\n1,2,\n3,4,0\n", "tiny.csv: line 2, field 3: target ''"),
  BAD ("nul", "2,2,neg,pos\n1,2\0,1\n3,4,0\n", "tiny.csv: line 2, field 2:"),
};

static void
test_csv_malformed (gconstpointer user_data)
{
  const BadCsv *bad = user_data;
  g_autoptr(GError) error = NULL;
  MpCsvTable table;

  g_assert_false (_mp_csv_parse (&tiny_layout, bad->text, bad->length, &table, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
  if (!g_str_has_prefix (error->message, bad->where))
    g_error ("%s: message '%s' does not start with '%s'", bad->name, error->message, bad->where);
  g_assert_null (table.data);
  g_assert_null (table.target);
  g_assert_null (table.target_names);
}

static void
test_csv_headerless (void)
{
  const MpCsvLayout layout = { "plain.csv", FALSE, 2, 3, 10 };
  const char *good = "0,1,2,9\n16,0,3,0\n";
  const char *bad = "0,1,2,10\n16,0,3,0\n";
  g_autoptr(GError) error = NULL;
  MpCsvTable table;

  g_assert_true (_mp_csv_parse (&layout, good, strlen (good), &table, &error));
  g_assert_no_error (error);
  g_assert_null (table.target_names);
  g_assert_cmpint (table.target[0], ==, 9);
  g_assert_cmpfloat (table.data[3], ==, 16.0);
  _mp_csv_table_clear (&table);

  g_assert_false (_mp_csv_parse (&layout, bad, strlen (bad), &table, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "plain.csv: line 1, field 4: target 10"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected_sets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/datasets/bundled/%s", expected_sets[i].name);
      g_test_add_data_func (path, &expected_sets[i], test_bundled);
    }
  g_test_add_func ("/datasets/bundled/independent-copies", test_loads_are_independent);
  g_test_add_func ("/datasets/dataset/construct-only", test_properties_are_construct_only);
  g_test_add_func ("/datasets/dataset/new", test_new_valid);
  g_test_add_func ("/datasets/dataset/new-invalid", test_new_invalid);
  g_test_add_func ("/datasets/csv/valid", test_csv_valid);
  g_test_add_func ("/datasets/csv/headerless", test_csv_headerless);
  for (guint i = 0; i < G_N_ELEMENTS (bad_csv); i++)
    {
      g_autofree char *path = g_strdup_printf ("/datasets/csv/malformed/%s", bad_csv[i].name);
      g_test_add_data_func (path, &bad_csv[i], test_csv_malformed);
    }

  return g_test_run ();
}
