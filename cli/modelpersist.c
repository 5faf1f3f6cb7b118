/* modelpersist.c: the `modelpersist` command, train, inspect, verify,
 * predict, convert and import models from a shell
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mp-cli.h"

typedef struct {
  const char   *name;
  MpCliCommand  run;
  const char   *summary;
} Command;

static const Command commands[] = {
  { "train",   mp_cli_train,   "fit an estimator on a bundled data set and save it with its metadata" },
  { "inspect", mp_cli_inspect, "show a model's estimators, hyperparameters, arrays and metadata" },
  { "verify",  mp_cli_verify,  "check a model's checksums and versions and re-run its cross-validation" },
  { "predict", mp_cli_predict, "predict the rows of a CSV file, one line each" },
  { "convert", mp_cli_convert, "rewrite a model as a bundle or a single stream" },
  { "import",  mp_cli_import,  "convert a scikit-learn pickle or joblib file without running it" },
};

static const char exit_statuses[] =
  "Exit status:\n"
  "  0  success\n"
  "  1  verify: the model loads but does not reproduce its record\n"
  "  2  usage error (unknown option, command, estimator, data set or parameter)\n"
  "  3  the file was refused: not a model, malformed, untrusted, over a limit, corrupt\n"
  "  4  a file or stream could not be read or written\n"
  "  5  training or prediction failed on the data given\n";

static int
usage (FILE *out,
       int   status)
{
  fprintf (out, "Usage: modelpersist [--quiet] COMMAND [OPTIONS...] [ARGUMENTS...]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\n`modelpersist COMMAND --help` describes a command's options.\n"
                "--quiet (-q), anywhere, hides progress and summaries.\n\n%s", exit_statuses);
  return status;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char **args = g_new0 (char *, argc + 1);
  MpCli cli = { 0 };
  int n_args = 0;
  int status;

  setlocale (LC_ALL, "");
  cli.is_tty = isatty (STDERR_FILENO);
  /* The command line as the user typed it, recorded with trained models;
   * the program by its name, not the path it was found at. */
  {
    g_autofree char *name = g_path_get_basename (argv[0]);
    g_autofree char *rest = g_strjoinv (" ", argv + 1);
    cli.program = argc > 1 ? g_strconcat (name, " ", rest, NULL) : g_strdup (name);
  }

  /* --quiet may come before or after the command. */
  for (int i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--quiet") == 0 || strcmp (argv[i], "-q") == 0)
        cli.quiet = TRUE;
      else
        args[n_args++] = argv[i];
    }

  if (n_args < 2)
    status = usage (stderr, MP_CLI_EXIT_USAGE);
  else if (strcmp (args[1], "--help") == 0 || strcmp (args[1], "-h") == 0 || strcmp (args[1], "help") == 0)
    status = usage (stdout, MP_CLI_EXIT_OK);
  else if (strcmp (args[1], "--version") == 0)
    {
      printf ("modelpersist %s\n", MP_VERSION_S);
      status = MP_CLI_EXIT_OK;
    }
  else
    {
      const Command *command = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (args[1], commands[i].name) == 0)
          command = &commands[i];
      if (command == NULL)
        status = mp_cli_fail (MP_CLI_EXIT_USAGE, "no command \"%s\" (see modelpersist --help)", args[1]);
      else
        {
          /* The command parses its own options; its help names it. */
          g_set_prgname (command->name);
          status = command->run (&cli, n_args - 1, args + 1);
        }
    }

  g_free (cli.program);
  return status;
}
