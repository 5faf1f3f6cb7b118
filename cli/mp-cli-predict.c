/* mp-cli-predict.c: `modelpersist predict`, one prediction per input row
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "mp-cli.h"

static void
print_element (MpArray *array,
               gsize    index)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (mp_array_get_dtype (array))
    {
    case MP_DTYPE_STRING:
      fputs (mp_array_get_string (array, index), stdout);
      break;
    case MP_DTYPE_INT64:
      printf ("%" G_GINT64_FORMAT, mp_array_get_int64_data (array)[index]);
      break;
    case MP_DTYPE_INT32:
      printf ("%" G_GINT32_FORMAT, mp_array_get_int32_data (array)[index]);
      break;
    case MP_DTYPE_BOOL:
      fputs (mp_array_get_double (array, index) != 0 ? "true" : "false", stdout);
      break;
    default:
      /* Shortest text that reads back as the same double. */
      fputs (mp_cli_format_double (number, mp_array_get_double (array, index)), stdout);
    }
}

int
mp_cli_predict (MpCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *input = NULL;
  gboolean proba = FALSE;
  GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input, "The samples, as CSV (one row each; a header row is skipped); - is standard input", "CSV" },
    { "proba", 0, 0, G_OPTION_ARG_NONE, &proba, "Print each class's probability (comma-separated, in the order of classes_) instead of the label", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE - predict with a saved model");
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpArray) x = NULL, out = NULL;
  g_autoptr(GError) error = NULL;
  guint n_dims = 0;
  const gsize *shape;
  gsize n_rows, n_columns;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!mp_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || input == NULL)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "predict: give one model file and --input (see --help)");
  if (strcmp (argv[1], "-") == 0 && strcmp (input, "-") == 0)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "predict: the model and the input cannot both be standard input");

  estimator = mp_cli_load_model (cli, argv[1], NULL, NULL, &error);
  if (estimator == NULL)
    return mp_cli_fail_load (argv[1], error);

  x = mp_cli_read_csv (input, NULL, &error);
  if (x == NULL)
    return mp_cli_fail_error ("predict", error);

  out = proba ? mp_estimator_predict_proba (estimator, x, &error)
              : mp_estimator_predict (estimator, x, &error);
  if (out == NULL)
    return mp_cli_fail_error ("predict", error);

  shape = mp_array_get_shape (out, &n_dims);
  n_rows = shape[0];
  n_columns = n_dims > 1 ? shape[1] : 1;
  for (gsize i = 0; i < n_rows; i++)
    {
      for (gsize j = 0; j < n_columns; j++)
        {
          if (j > 0)
            putchar (',');
          print_element (out, i * n_columns + j);
        }
      putchar ('\n');
    }
  if (fflush (stdout) != 0 || ferror (stdout))
    return mp_cli_fail (MP_CLI_EXIT_IO, "predict: writing the predictions failed");
  return MP_CLI_EXIT_OK;
}
