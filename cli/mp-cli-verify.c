/* mp-cli-verify.c: `modelpersist verify`, checksums, the versions that
 * wrote the file, and the recorded cross-validation re-run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "mp-cli.h"

#define DATASET_URI_PREFIX "modelpersist-dataset:"

/* Splits a table whose target is column @target (a name from the header
 * or a 1-based number; NULL is the last column). */
static gboolean
split_target (MpArray      *table,
              char        **names,
              const char   *target,
              MpArray     **x,
              MpArray     **y,
              GError      **error)
{
  const gsize *shape = mp_array_get_shape (table, NULL);
  const gdouble *values = mp_array_get_float64_data (table);
  gsize n_rows = shape[0], n_columns = shape[1], column = n_columns - 1;
  g_autofree gdouble *features = NULL, *labels = NULL;
  gsize x_shape[2], y_shape[1];

  if (target != NULL)
    {
      char *end = NULL;
      guint64 number = g_ascii_strtoull (target, &end, 10);
      gboolean found = FALSE;

      if (end != target && *end == '\0' && number >= 1 && number <= n_columns)
        column = (gsize) number - 1, found = TRUE;
      for (gsize j = 0; !found && names != NULL && names[j] != NULL; j++)
        if (strcmp (names[j], target) == 0)
          column = j, found = TRUE;
      if (!found)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "--target: no column \"%s\" (give a header name or a number from 1 to %"
                       G_GSIZE_FORMAT ")", target, n_columns);
          return FALSE;
        }
    }
  if (n_columns < 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "--data: a table of features and a target needs two columns or more");
      return FALSE;
    }

  features = g_new (gdouble, n_rows * (n_columns - 1));
  labels = g_new (gdouble, n_rows);
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0, k = 0; j < n_columns; j++)
      {
        if (j == column)
          labels[i] = values[i * n_columns + j];
        else
          features[i * (n_columns - 1) + k++] = values[i * n_columns + j];
      }
  x_shape[0] = n_rows;
  x_shape[1] = n_columns - 1;
  y_shape[0] = n_rows;
  *x = mp_array_new_float64 (features, n_rows * (n_columns - 1), x_shape, 2, error);
  if (*x == NULL)
    return FALSE;
  *y = mp_array_new_float64 (labels, n_rows, y_shape, 1, error);
  return *y != NULL;
}

typedef struct {
  MpEstimator *estimator;
  MpModelInfo *info;
  MpArray     *x, *y;
  gdouble      tolerance;
} VerifyJob;

static gpointer
verify_work (gpointer  data,
             GError  **error)
{
  VerifyJob *job = data;

  return mp_model_verify (job->estimator, job->info, job->x, job->y, job->tolerance, error);
}

int
mp_cli_verify (MpCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *data_path = NULL, *target = NULL;
  gdouble tolerance = 1e-9;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_path, "The training data as CSV (features, then the target), to re-run the recorded cross-validation", "CSV" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, "The target column of --data, by header name or number (default: the last)", "COLUMN" },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, "The largest difference allowed between a recomputed and a recorded fold score (default 1e-9)", "T" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE - check a model file and re-run its recorded cross-validation");
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpModelVerification) verification = NULL;
  g_autoptr(MpDataset) dataset = NULL;
  g_autoptr(MpArray) table = NULL, x = NULL, y = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  const char *uri;
  VerifyJob job;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!mp_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "verify: give one model file (see --help)");

  /* A load with the default options verifies every array's checksum and
   * the whole document, and refuses a format newer than this library. */
  estimator = mp_cli_load_model (cli, argv[1], NULL, report, &error);
  if (estimator == NULL)
    return mp_cli_fail_load (argv[1], error);
  printf ("%s: checksums and document verified; format %s, written by libmodelpersist %s (this is %s)\n",
          argv[1], mp_load_report_get_format_version (report),
          mp_load_report_get_producer_version (report), MP_VERSION_S);
  for (const char * const *w = mp_load_report_get_warnings (report); w != NULL && *w != NULL; w++)
    printf ("warning: %s\n", *w);

  info = mp_load_report_get_model_info (report);
  if (info == NULL || !mp_model_info_has_cross_validation (info))
    {
      printf ("no recorded cross-validation to re-run\n");
      return MP_CLI_EXIT_OK;
    }

  uri = mp_model_info_get_snapshot_uri (info);
  if (data_path != NULL)
    {
      table = mp_cli_read_csv (data_path, &names, &error);
      if (table == NULL || !split_target (table, names, target, &x, &y, &error))
        return mp_cli_fail_error (data_path, error);
      /* CSV has no types: read the columns as the recorded fingerprint
       * says they were (integer labels stay integers). */
      if (mp_model_info_has_training_data (info))
        {
          g_autoptr(MpArray) typed_x = mp_array_convert (x, mp_model_info_get_x_dtype (info), &error);
          g_autoptr(MpArray) typed_y = typed_x == NULL ? NULL
                                       : mp_array_convert (y, mp_model_info_get_y_dtype (info), &error);

          if (typed_y == NULL)
            return mp_cli_fail (MP_CLI_EXIT_DATA, "%s: not the recorded training data: %s",
                                data_path, error->message);
          g_clear_pointer (&x, mp_array_unref);
          g_clear_pointer (&y, mp_array_unref);
          x = g_steal_pointer (&typed_x);
          y = g_steal_pointer (&typed_y);
        }
    }
  else if (uri != NULL && g_str_has_prefix (uri, DATASET_URI_PREFIX))
    {
      dataset = mp_cli_load_dataset (uri + strlen (DATASET_URI_PREFIX), &error);
      if (dataset == NULL)
        return mp_cli_fail_error (uri, error);
      x = mp_array_ref (mp_dataset_get_data (dataset));
      y = mp_array_ref (mp_dataset_get_target (dataset));
    }
  else
    return mp_cli_fail (MP_CLI_EXIT_USAGE,
                        "verify: the model records a cross-validation but not where its data is; "
                        "give it with --data CSV");

  job = (VerifyJob) { .estimator = estimator, .info = info, .x = x, .y = y, .tolerance = tolerance };
  verification = mp_cli_with_progress (cli, "re-running the cross-validation", verify_work, &job, &error);
  if (verification == NULL)
    return mp_cli_fail_error ("verify", error);

  outcome = mp_model_verification_to_string (verification);
  printf ("%s\n", outcome);
  return mp_model_verification_get_passed (verification) ? MP_CLI_EXIT_OK : MP_CLI_EXIT_CHECK_FAILED;
}
