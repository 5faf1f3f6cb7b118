/* mp-cli-common.c: errors, exit statuses, files and names for the
 * `modelpersist` subcommands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "mp-cli.h"

int
mp_cli_fail (int         status,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "modelpersist: %s\n", message);
  return status;
}

int
mp_cli_exit_status (GError *error)
{
  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return MP_CLI_EXIT_IO;
  if (error->domain == G_OPTION_ERROR)
    return MP_CLI_EXIT_USAGE;
  if (error->domain != MP_ERROR)
    return MP_CLI_EXIT_DATA;

  switch ((MpError) error->code)
    {
    case MP_ERROR_IO:
      return MP_CLI_EXIT_IO;
    case MP_ERROR_INVALID_ARGUMENT:
      return MP_CLI_EXIT_USAGE;
    case MP_ERROR_LIMIT_EXCEEDED:
    case MP_ERROR_MALFORMED:
    case MP_ERROR_DUPLICATE_KEY:
    case MP_ERROR_UNSUPPORTED_VERSION:
    case MP_ERROR_UNKNOWN_TYPE:
    case MP_ERROR_UNTRUSTED_TYPE:
    case MP_ERROR_INVALID_VALUE:
    case MP_ERROR_INVALID_ARRAY:
    case MP_ERROR_CHECKSUM_MISMATCH:
    case MP_ERROR_INVALID_SIDECAR:
    case MP_ERROR_INVALID_STATE:
      return MP_CLI_EXIT_REFUSED;
    case MP_ERROR_FAILED:
    case MP_ERROR_INVALID_INPUT:
    case MP_ERROR_NOT_FITTED:
    case MP_ERROR_CONVERGENCE:
    case MP_ERROR_NOT_SUPPORTED:
    default:
      return MP_CLI_EXIT_DATA;
    }
}

int
mp_cli_fail_error (const char *what,
                   GError     *error)
{
  return mp_cli_fail (mp_cli_exit_status (error), "%s: %s", what, error->message);
}

int
mp_cli_fail_load (const char *path,
                  GError     *error)
{
  g_autofree char *foreign = NULL;

  if (mp_cli_exit_status (error) == MP_CLI_EXIT_IO)
    return mp_cli_fail_error (path, error);

  foreign = strcmp (path, "-") != 0 ? mp_cli_describe_foreign (path) : NULL;
  if (foreign != NULL)
    return mp_cli_fail (MP_CLI_EXIT_REFUSED, "%s: not a libmodelpersist model: this is %s", path, foreign);
  return mp_cli_fail (MP_CLI_EXIT_REFUSED, "%s: refused: %s", path, error->message);
}

gboolean
mp_cli_parse (GOptionContext  *context,
              int             *argc,
              char          ***argv,
              int             *status)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  *status = mp_cli_fail (MP_CLI_EXIT_USAGE, "%s (see --help)", error->message);
  return FALSE;
}

/* ---- files that are not ours -------------------------------------------- */

typedef struct {
  const char *magic;
  gsize       length;
  const char *description;
} Signature;

/* The formats people save models in, by their first bytes. */
static const Signature signatures[] = {
  { "PK\x03\x04", 4, "a zip archive (a skops .skops file, a numpy .npz or a PyTorch .pt are zip archives)" },
  { "\x1f\x8b", 2, "a gzip file (joblib.dump(compress=...) writes gzip or zlib)" },
  { "BZh", 3, "a bzip2 file (joblib.dump(compress='bz2')?)" },
  { "\xfd" "7zXZ\x00", 6, "an xz file (joblib.dump(compress='xz')?)" },
  { "\x04\x22\x4d\x18", 4, "an lz4 frame (joblib.dump(compress='lz4')?)" },
  { "\x28\xb5\x2f\xfd", 4, "a zstd frame" },
  { "\x89HDF\r\n\x1a\n", 8, "an HDF5 file (Keras .h5?)" },
  { "\x93NUMPY", 6, "a numpy .npy array" },
};

char *
mp_cli_describe_foreign (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[16] = { 0 };
  gsize got = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &got, NULL, NULL))
    return NULL;

  /* A pickle: PROTO (0x80) then the protocol, 2 to 5. joblib.dump
   * without compression writes a pickle too. */
  if (got >= 2 && head[0] == 0x80 && head[1] >= 2 && head[1] <= 5)
    return g_strdup_printf ("a pickle or joblib file (pickle protocol %u); import it with "
                            "`modelpersist import %s OUT`, which reads it without running it",
                            head[1], path);
  /* zlib, as joblib's default compressor writes it. */
  if (got >= 2 && head[0] == 0x78 && (head[0] * 256 + head[1]) % 31 == 0)
    return g_strdup_printf ("a zlib stream (joblib.dump(compress=...) writes these); import it with "
                            "`modelpersist import %s OUT`", path);
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (got >= signatures[i].length && memcmp (head, signatures[i].magic, signatures[i].length) == 0)
      return g_strdup (signatures[i].description);
  /* safetensors: an 8-byte little-endian header length, then '{'. */
  if (got >= 9 && head[8] == '{' && head[6] == 0 && head[7] == 0)
    return g_strdup ("a safetensors file (tensors, not an estimator)");
  /* JSON is left to the loader, whose message says what is wrong with
   * it: it may be one of ours, damaged. */
  return NULL;
}

/* ---- loading and saving, with progress ---------------------------------- */

typedef struct {
  const char    *path;
  MpLoadOptions *options;
  MpLoadReport  *report;
  MpEstimator   *estimator;
  MpModelInfo   *info;
  MpSaveOptions *save_options;
  const char    *format;
} PersistJob;

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static gpointer
load_work (gpointer   data,
           GError   **error)
{
  PersistJob *job = data;
  g_autoptr(GFile) file = NULL;

  if (strcmp (job->path, "-") == 0)
    {
      g_autoptr(GBytes) bytes = read_stdin (error);

      if (bytes == NULL)
        return NULL;
      return mp_loads_full (bytes, job->options, job->report, error);
    }
  file = g_file_new_for_commandline_arg (job->path);
  return mp_load_file_full (file, job->options, job->report, NULL, error);
}

MpEstimator *
mp_cli_load_model (MpCli          *cli,
                   const char     *path,
                   MpLoadOptions  *options,
                   MpLoadReport   *report,
                   GError        **error)
{
  PersistJob job = { .path = path, .options = options, .report = report };

  return mp_cli_with_progress (cli, "loading", load_work, &job, error);
}

static gpointer
save_work (gpointer   data,
           GError   **error)
{
  PersistJob *job = data;
  gboolean bundle;

  if (strcmp (job->path, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (job->format != NULL && strcmp (job->format, "bundle") == 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "a bundle is two files and cannot go to standard output");
          return NULL;
        }
      if (!mp_dump_to_stream_full (job->estimator, out, job->save_options, job->info, NULL, error) ||
          !g_output_stream_flush (out, NULL, error))
        return NULL;
      return GINT_TO_POINTER (TRUE);
    }

  bundle = job->format != NULL ? strcmp (job->format, "bundle") == 0
                               : g_str_has_suffix (job->path, ".json");
  if (bundle)
    {
      if (!mp_dump_full (job->estimator, job->path, job->save_options, job->info, NULL, error))
        return NULL;
    }
  else
    {
      /* A single stream: written whole to a temporary file, synced and
       * renamed over @path, so an interrupted save never leaves half a
       * model where a good one was. */
      g_autoptr(GBytes) bytes = mp_dumps_full (job->estimator, job->save_options, job->info, error);

      if (bytes == NULL ||
          !g_file_set_contents_full (job->path, g_bytes_get_data (bytes, NULL),
                                     (gssize) g_bytes_get_size (bytes),
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0644, error))
        return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

gboolean
mp_cli_check_compress (int      compress,
                       GError **error)
{
  if (compress < 0 || compress > MP_SAVE_MAX_COMPRESS)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "--compress: %d is not a level: give 0 (none) to %d (zstd's levels)",
                   compress, MP_SAVE_MAX_COMPRESS);
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_cli_save_model (MpCli        *cli,
                   MpEstimator  *estimator,
                   MpModelInfo  *info,
                   const char   *path,
                   const char   *format,
                   int           compress,
                   GError      **error)
{
  g_autoptr(MpSaveOptions) save_options = NULL;
  PersistJob job = { .path = path, .estimator = estimator, .info = info, .format = format };

  if (format != NULL && strcmp (format, "bundle") != 0 && strcmp (format, "stream") != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "--format: \"%s\" is neither \"bundle\" nor \"stream\"", format);
      return FALSE;
    }
  if (!mp_cli_check_compress (compress, error))
    return FALSE;
  if (compress > 0)
    {
      save_options = mp_save_options_new ();
      mp_save_options_set_compress (save_options, (guint) compress);
      job.save_options = save_options;
    }
  return mp_cli_with_progress (cli, "saving", save_work, &job, error) != NULL;
}

const char *
mp_cli_format_double (char    *buffer,
                      gdouble  value)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return buffer;
}

/* ---- names -------------------------------------------------------------- */

/* "svc", "SVC", "MpSVC", "random-forest-classifier" and
 * "RandomForestClassifier" all name MpRandomForestClassifier: compared
 * without the Mp prefix, case, '-' and '_'. */
static char *
normalise_name (const char *name)
{
  GString *out = g_string_new (NULL);

  if (g_str_has_prefix (name, "Mp"))
    name += 2;
  for (const char *p = name; *p != '\0'; p++)
    if (*p != '-' && *p != '_')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

GType
mp_cli_find_estimator_type (const char  *name,
                            GError     **error)
{
  g_autofree char *wanted = normalise_name (name);
  g_autofree GType *types = NULL;
  guint n_types = 0;

  types = mp_builtin_estimator_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *candidate = normalise_name (g_type_name (types[i]));

      if (strcmp (candidate, wanted) == 0)
        return types[i];
    }
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "--estimator: no estimator is called \"%s\" (see `modelpersist train --list`)", name);
  return G_TYPE_INVALID;
}

char *
mp_cli_list_estimators (void)
{
  g_autofree GType *types = NULL;
  GString *out = g_string_new (NULL);
  guint n_types = 0;

  types = mp_builtin_estimator_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    g_string_append_printf (out, "%s\n", g_type_name (types[i]) + 2);
  return g_string_free (out, FALSE);
}

const char * const mp_cli_dataset_names[] = { "iris", "wine", "breast_cancer", "digits", NULL };

MpDataset *
mp_cli_load_dataset (const char  *name,
                     GError     **error)
{
  MpDataset *(*loaders[]) (GError **) = { mp_load_iris, mp_load_wine, mp_load_breast_cancer, mp_load_digits };
  g_autofree char *wanted = g_strdelimit (g_ascii_strdown (name, -1), "-", '_');

  G_STATIC_ASSERT (G_N_ELEMENTS (loaders) == G_N_ELEMENTS (mp_cli_dataset_names) - 1);
  for (guint i = 0; mp_cli_dataset_names[i] != NULL; i++)
    if (strcmp (wanted, mp_cli_dataset_names[i]) == 0)
      return loaders[i] (error);
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "--dataset: no data set is called \"%s\" (there are iris, wine, breast_cancer, digits)",
               name);
  return NULL;
}

/* ---- --set name=value ---------------------------------------------------- */

static gboolean
parse_into (GValue      *value,
            const char  *name,
            const char  *text,
            GError     **error)
{
  char *end = NULL;

  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN:
      if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
        g_value_set_boolean (value, TRUE);
      else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
        g_value_set_boolean (value, FALSE);
      else
        goto bad;
      return TRUE;
    case G_TYPE_INT:
    case G_TYPE_INT64:
    case G_TYPE_UINT:
      {
        gint64 number;

        errno = 0;
        number = g_ascii_strtoll (text, &end, 10);
        if (errno != 0 || end == text || *end != '\0')
          goto bad;
        if (G_VALUE_HOLDS_INT (value) && (number < G_MININT || number > G_MAXINT))
          goto bad;
        if (G_VALUE_HOLDS_UINT (value) && (number < 0 || number > G_MAXUINT))
          goto bad;
        if (G_VALUE_HOLDS_INT (value))
          g_value_set_int (value, (int) number);
        else if (G_VALUE_HOLDS_UINT (value))
          g_value_set_uint (value, (guint) number);
        else
          g_value_set_int64 (value, number);
        return TRUE;
      }
    case G_TYPE_DOUBLE:
      errno = 0;
      g_value_set_double (value, g_ascii_strtod (text, &end));
      if (errno != 0 || end == text || *end != '\0')
        goto bad;
      return TRUE;
    case G_TYPE_STRING:
      g_value_set_string (value, text);
      return TRUE;
    default:
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "--set %s: a %s cannot be given on the command line", name,
                   g_type_name (G_VALUE_TYPE (value)));
      return FALSE;
    }

bad:
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "--set %s=%s: not a valid %s", name, text,
               G_VALUE_HOLDS_BOOLEAN (value) ? "boolean (true or false)"
               : G_VALUE_HOLDS_DOUBLE (value) ? "number" : "integer");
  return FALSE;
}

gboolean
mp_cli_set_param (MpEstimator  *estimator,
                  const char   *assignment,
                  GError      **error)
{
  const char *equals = strchr (assignment, '=');
  g_autofree char *name = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (equals == NULL || equals == assignment)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "--set %s: expected NAME=VALUE, such as --set C=10", assignment);
      return FALSE;
    }
  name = g_strndup (assignment, (gsize) (equals - assignment));

  /* The current value gives the parameter's type; nested parameters of
   * pipelines use scikit-learn's paths (svc__C). */
  if (!mp_estimator_get_param (estimator, name, &value, error))
    return FALSE;
  return parse_into (&value, name, equals + 1, error) &&
         mp_estimator_set_param (estimator, name, &value, error);
}
