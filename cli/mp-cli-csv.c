/* mp-cli-csv.c: numeric tables from CSV files or standard input
 *
 * Enough CSV for a table of numbers: comma-separated fields, optional
 * double quotes around a field, an optional header row of column names
 * (recognised because it is not all numbers), blank lines skipped. An empty
 * field or "nan" is a missing value (NaN), which estimators that accept
 * missing values take and the others refuse with their own message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>

#include "mp-cli.h"

static char *
unquote (const char *field)
{
  g_autofree char *stripped = g_strstrip (g_strdup (field));
  gsize length = strlen (stripped);

  if (length >= 2 && stripped[0] == '"' && stripped[length - 1] == '"')
    return g_strndup (stripped + 1, length - 2);
  return g_steal_pointer (&stripped);
}

static gboolean
parse_number (const char *field,
              gdouble    *value)
{
  g_autofree char *text = unquote (field);
  char *end = NULL;

  if (text[0] == '\0' || g_ascii_strcasecmp (text, "nan") == 0)
    {
      *value = NAN;
      return TRUE;
    }
  errno = 0;
  *value = g_ascii_strtod (text, &end);
  return errno == 0 && end != text && *end == '\0';
}

static GBytes *
read_all (const char  *path,
          GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (strcmp (path, "-") == 0)
    in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      in = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (in == NULL)
        return NULL;
    }
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

MpArray *
mp_cli_read_csv (const char   *path,
                 char       ***column_names,
                 GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree char *text = NULL;
  gsize n_columns = 0, n_rows = 0;
  gsize shape[2];
  const char *name = strcmp (path, "-") == 0 ? "standard input" : path;

  bytes = read_all (path, error);
  if (bytes == NULL)
    return NULL;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (strlen (text) != g_bytes_get_size (bytes) || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "%s: not a text file", name);
      return NULL;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint line = 0; lines[line] != NULL; line++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *row = g_strchomp (g_strdup (lines[line]));
      gsize n_fields;
      gboolean numeric = TRUE;
      gsize first = values->len;

      if (g_strstrip (row)[0] == '\0')
        continue;
      fields = g_strsplit (row, ",", -1);
      n_fields = g_strv_length (fields);
      if (n_columns == 0)
        n_columns = n_fields;
      else if (n_fields != n_columns)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s, line %u: %" G_GSIZE_FORMAT " fields where the first row has %"
                       G_GSIZE_FORMAT, name, line + 1, n_fields, n_columns);
          return NULL;
        }

      for (gsize j = 0; j < n_fields; j++)
        {
          gdouble value;

          if (!parse_number (fields[j], &value))
            {
              numeric = FALSE;
              if (n_rows > 0 || header != NULL)
                {
                  g_autofree char *field = unquote (fields[j]);
                  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                               "%s, line %u, column %" G_GSIZE_FORMAT ": \"%s\" is not a number",
                               name, line + 1, j + 1, field);
                  return NULL;
                }
              break;
            }
          g_array_append_val (values, value);
        }

      if (!numeric)
        {
          /* The first row names the columns. */
          g_array_set_size (values, first);
          header = g_new0 (char *, n_fields + 1);
          for (gsize j = 0; j < n_fields; j++)
            header[j] = unquote (fields[j]);
          continue;
        }
      n_rows++;
    }

  if (n_rows == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "%s: no rows of numbers", name);
      return NULL;
    }

  if (column_names != NULL)
    *column_names = g_steal_pointer (&header);
  shape[0] = n_rows;
  shape[1] = n_columns;
  return mp_array_new_float64 ((const void *) values->data, values->len, shape, 2, error);
}
