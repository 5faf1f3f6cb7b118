/* mp-cli.h: what the `modelpersist` subcommands share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <modelpersist.h>

G_BEGIN_DECLS

/* The exit status says which kind of failure it was, so a script can tell
 * a typo from a hostile file from a full disk. Documented in --help and
 * the man page; all below 128, where shells put signals. */
typedef enum {
  MP_CLI_EXIT_OK = 0,
  MP_CLI_EXIT_CHECK_FAILED = 1,   /* verify: the model loads but does not match */
  MP_CLI_EXIT_USAGE = 2,          /* bad options or arguments */
  MP_CLI_EXIT_REFUSED = 3,        /* a file that is not a valid, trusted model */
  MP_CLI_EXIT_IO = 4,             /* a file or stream cannot be read or written */
  MP_CLI_EXIT_DATA = 5,           /* training or prediction failed on the data */
} MpCliExit;

typedef struct {
  gboolean quiet;
  gboolean is_tty;    /* stderr is a terminal: progress may be drawn */
  char    *program;   /* the whole command line, for the model's metadata */
} MpCli;

/* Each subcommand: parses its own options from argv (argv[0] is its name)
 * and returns an MpCliExit. */
typedef int (*MpCliCommand) (MpCli *cli, int argc, char **argv);

int  mp_cli_train   (MpCli *cli, int argc, char **argv);
int  mp_cli_inspect (MpCli *cli, int argc, char **argv);
int  mp_cli_verify  (MpCli *cli, int argc, char **argv);
int  mp_cli_predict (MpCli *cli, int argc, char **argv);
int  mp_cli_convert (MpCli *cli, int argc, char **argv);
int  mp_cli_import  (MpCli *cli, int argc, char **argv);

/* Prints "modelpersist: MESSAGE" on stderr and returns @status. */
int  mp_cli_fail         (int          status,
                          const char  *format,
                          ...) G_GNUC_PRINTF (2, 3);

/* Prints @error and returns the exit status its domain and code mean.
 * @what names the file or step ("model.json", "training"). */
int  mp_cli_fail_error   (const char  *what,
                          GError      *error);

/* The same for an error loading or importing @path: anything but an I/O
 * failure means the file was refused, and a file that is not ours says
 * what it looks like. */
int  mp_cli_fail_load    (const char  *path,
                          GError      *error);

/* The status an error means, without printing. */
int  mp_cli_exit_status  (GError      *error);

/* Parses a subcommand's options; prints the usage error itself. */
gboolean mp_cli_parse    (GOptionContext *context,
                          int            *argc,
                          char         ***argv,
                          int            *status);

/* What a file that is not a model of ours looks like ("a pickle file
 * (protocol 4)", "a gzip file"), or NULL when nothing is recognised. */
char *mp_cli_describe_foreign (const char *path);

/* Loads a model (a bundle's JSON or a single stream; "-" is stdin) with a
 * progress indicator; fills @report when given. */
MpEstimator *mp_cli_load_model (MpCli          *cli,
                                const char     *path,
                                MpLoadOptions  *options,
                                MpLoadReport   *report,
                                GError        **error);

/* Saves as a bundle when @path ends in ".json" (or @format is "bundle"),
 * else as a single stream; "-" is stdout. @compress is the zstd level
 * (--compress), 0 for none; anything outside 0 to MP_SAVE_MAX_COMPRESS is
 * refused before anything is written. */
gboolean mp_cli_save_model (MpCli         *cli,
                            MpEstimator   *estimator,
                            MpModelInfo   *info,
                            const char    *path,
                            const char    *format,
                            int            compress,
                            GError       **error);

/* Refuses a --compress level outside 0 to MP_SAVE_MAX_COMPRESS
 * (MP_ERROR_INVALID_ARGUMENT, a usage error): commands check it before
 * any work, so a typo does not cost a training run. */
gboolean mp_cli_check_compress (int      compress,
                                GError **error);

/* The help text of every subcommand's --compress. */
#define MP_CLI_COMPRESS_HELP \
  "Compress the arrays with zstd at level N, 1 (fastest) to 19 (smallest); 0, the default, stores them as they are"


/* The shortest decimal text that reads back as @value exactly (at most
 * 17 digits), in the C locale: @buffer needs G_ASCII_DTOSTR_BUF_SIZE. */
const char *mp_cli_format_double (char    *buffer,
                                  gdouble  value);

/* Estimators and data sets by name. */
GType       mp_cli_find_estimator_type (const char  *name,
                                        GError     **error);
char       *mp_cli_list_estimators     (void);
MpDataset  *mp_cli_load_dataset        (const char  *name,
                                        GError     **error);
extern const char * const mp_cli_dataset_names[];

/* "--set name=value": @text parsed as the parameter's own type. */
gboolean mp_cli_set_param  (MpEstimator  *estimator,
                            const char   *assignment,
                            GError      **error);

/* A numeric table from CSV text (a header row of names is recognised and
 * skipped); "-" reads stdin. Returns a float64 (n_rows, n_columns) array. */
MpArray *mp_cli_read_csv   (const char   *path,
                            char       ***column_names,
                            GError      **error);

/* Runs @work in a thread; on a terminal, after about a second, draws an
 * activity bar with @label and the elapsed time until it finishes. */
typedef gpointer (*MpCliWork) (gpointer data, GError **error);
gpointer mp_cli_with_progress (MpCli       *cli,
                               const char  *label,
                               MpCliWork    work,
                               gpointer     data,
                               GError     **error);

G_END_DECLS
