/* table-predict.c: loads a saved model and predicts on a table, printing
 * one label per line. The end-to-end test (tests/python/test_tabular_model.py)
 * runs it on a model scikit-learn trained and Python converted and saved.
 *
 *   test-table-predict MODEL TABLE
 *
 * TABLE is tab-separated: a line of column names, a line of column types
 * (`number` or `text`), then one line per row.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <modelpersist.h>
#include <stdio.h>
#include <stdlib.h>

static MpArray *
read_table (const char  *path,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) types = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);
  guint n_rows, n_cols;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  g_strchomp (text);
  lines = g_strsplit (text, "\n", -1);
  names = g_strsplit (lines[0], "\t", -1);
  types = g_strsplit (lines[1], "\t", -1);
  n_cols = g_strv_length (names);
  n_rows = g_strv_length (lines) - 2;

  for (guint j = 0; j < n_cols; j++)
    {
      gsize shape = n_rows;
      g_autofree double *numbers = g_new (double, MAX (n_rows, 1));
      g_autofree const char **words = g_new (const char *, MAX (n_rows, 1));
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      MpArray *column;

      for (guint i = 0; i < n_rows; i++)
        {
          char **cells = g_strsplit (lines[i + 2], "\t", -1);

          g_ptr_array_add (rows, cells);
          words[i] = cells[j];
          numbers[i] = g_ascii_strtod (cells[j], NULL);
        }
      if (g_str_equal (types[j], "text"))
        column = mp_array_new_strings (words, n_rows, &shape, 1, error);
      else
        column = mp_array_new_float64 (numbers, n_rows, &shape, 1, error);
      if (column == NULL)
        return NULL;
      g_ptr_array_add (columns, column);
    }
  return mp_array_new_columns ((MpArray **) columns->pdata, n_cols, (const char * const *) names, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) model = NULL;
  g_autoptr(MpArray) table = NULL;
  g_autoptr(MpArray) labels = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s MODEL TABLE\n", argv[0]);
      return 2;
    }
  model = mp_load (argv[1], &error);
  if (model != NULL)
    table = read_table (argv[2], &error);
  if (table != NULL)
    labels = mp_estimator_predict (model, table, &error);
  if (labels == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  for (gsize i = 0; i < mp_array_get_n_elements (labels); i++)
    {
      if (mp_array_get_dtype (labels) == MP_DTYPE_STRING)
        printf ("%s\n", mp_array_get_string (labels, i));
      else
        printf ("%.17g\n", mp_array_get_double (labels, i));
    }
  return 0;
}
