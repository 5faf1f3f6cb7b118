/* mp-cli-convert.c: `modelpersist convert` between the two containers, and
 * `modelpersist import` from pickle and joblib files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "mp-cli.h"

static GOptionContext *
new_context (const char  *summary,
             char       **format,
             int         *compress)
{
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, format, "bundle or stream, whatever OUT's name says (NAME.json is a bundle)", "FORMAT" },
    { "compress", 0, 0, G_OPTION_ARG_INT, compress, MP_CLI_COMPRESS_HELP, "N" },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (summary);

  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

int
mp_cli_convert (MpCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *format = NULL;
  int compress = 0;
  g_autoptr(GOptionContext) context = new_context ("IN OUT - rewrite a model as a bundle or a single stream",
                                                   &format, &compress);
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!mp_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "convert: give IN and OUT (see --help)");
  if (!mp_cli_check_compress (compress, &error))
    return mp_cli_fail_error ("convert", error);

  estimator = mp_cli_load_model (cli, argv[1], NULL, report, &error);
  if (estimator == NULL)
    return mp_cli_fail_load (argv[1], error);

  /* The metadata travels with the model. */
  info = mp_load_report_get_model_info (report);
  if (!mp_cli_save_model (cli, estimator, info, argv[2], format, compress, &error))
    return mp_cli_fail_error (argv[2], error);
  return MP_CLI_EXIT_OK;
}

typedef struct {
  const char  *path;
  MpModelInfo *info;
} ImportJob;

static gpointer
import_work (gpointer  data,
             GError  **error)
{
  ImportJob *job = data;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (job->path);

  return mp_import_pickle_file_full (file, NULL, &job->info, NULL, error);
}

int
mp_cli_import (MpCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *format = NULL;
  int compress = 0;
  g_autoptr(GOptionContext) context = new_context (
      "IN OUT - convert a scikit-learn pickle or joblib file, reading it as data (nothing in it runs)",
      &format, &compress);
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob job;
  int status;

  if (!mp_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "import: give IN and OUT (see --help)");
  if (strcmp (argv[1], "-") == 0)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "import: IN must be a file");
  if (!mp_cli_check_compress (compress, &error))
    return mp_cli_fail_error ("import", error);

  job = (ImportJob) { .path = argv[1] };
  estimator = mp_cli_with_progress (cli, "importing", import_work, &job, &error);
  info = job.info;
  if (estimator == NULL)
    {
      if (mp_cli_exit_status (error) == MP_CLI_EXIT_IO)
        return mp_cli_fail_error (argv[1], error);
      return mp_cli_fail (MP_CLI_EXIT_REFUSED, "%s: refused: %s", argv[1], error->message);
    }

  if (!mp_cli_save_model (cli, estimator, info, argv[2], format, compress, &error))
    return mp_cli_fail_error (argv[2], error);
  if (!cli->quiet)
    fprintf (stderr, "%s: %s from scikit-learn %s (%s%s%s) saved to %s\n", argv[1],
             mp_estimator_get_display_name (estimator),
             mp_model_info_get_annotation (info, "imported_from.sklearn_version") != NULL
               ? mp_model_info_get_annotation (info, "imported_from.sklearn_version") : "(version not recorded)",
             mp_model_info_get_annotation (info, "imported_from.container"),
             mp_model_info_get_annotation (info, "imported_from.compressor") != NULL ? ", " : "",
             mp_model_info_get_annotation (info, "imported_from.compressor") != NULL
               ? mp_model_info_get_annotation (info, "imported_from.compressor") : "",
             argv[2]);
  return MP_CLI_EXIT_OK;
}
