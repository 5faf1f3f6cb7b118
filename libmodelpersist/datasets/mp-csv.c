/* mp-csv.c: the strict reader of the bundled data set files
 *
 * The files are scikit-learn's: comma-separated, no quoting, one sample per
 * line ending in '\n', the class index last. The reader accepts exactly that
 * and nothing looser, so a damaged bundle is an error rather than a
 * silently different data set.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "mp-csv-private.h"
#include "mp-error.h"

/* The longest number the files hold is far shorter; anything longer is
 * damage, not data. */
#define MAX_NUMBER_LENGTH 63

typedef struct
{
  const MpCsvLayout *layout;
  const char        *p;
  const char        *end;
  gsize              line;
  guint              field;
} Reader;

typedef struct
{
  const char *start;
  gsize       length;
  gboolean    ends_line;
} Field;

static gboolean G_GNUC_PRINTF (3, 4)
reader_fail (Reader      *r,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
               "%s: line %" G_GSIZE_FORMAT ", field %u: %s",
               r->layout->file_name, r->line, r->field, message);
  return FALSE;
}

/* Reads the field at the cursor and moves past it and its ','. At the end
 * of a line the cursor stays on the '\n' (or the end of the text). */
static void
reader_next_field (Reader *r,
                   Field  *field)
{
  const char *stop = r->p;

  while (stop < r->end && *stop != ',' && *stop != '\n')
    stop++;

  field->start = r->p;
  field->length = (gsize) (stop - r->p);
  field->ends_line = stop == r->end || *stop == '\n';
  r->field++;
  r->p = field->ends_line ? stop : stop + 1;
}

/* Moves past the '\n' that ends a line; the last line of a file may also
 * end at the end of the text. */
static void
reader_end_line (Reader *r)
{
  if (r->p < r->end)
    r->p++;
  r->line++;
  r->field = 0;
}

static gboolean
field_is_unsigned (const Field *field)
{
  if (field->length == 0 || field->length > 9)
    return FALSE;
  for (gsize i = 0; i < field->length; i++)
    if (!g_ascii_isdigit (field->start[i]))
      return FALSE;
  return TRUE;
}

static guint
field_to_unsigned (const Field *field)
{
  guint value = 0;

  for (gsize i = 0; i < field->length; i++)
    value = value * 10 + (guint) (field->start[i] - '0');
  return value;
}

/* Decimal numbers as the files write them: an optional sign, digits with
 * an optional fraction (at least one digit in all), an optional exponent.
 * No blanks, no hexadecimal, no "nan" or "inf". */
static gboolean
field_to_double (const Field *field,
                 gdouble     *value)
{
  char buffer[MAX_NUMBER_LENGTH + 1];
  const char *s = field->start;
  const char *end = field->start + field->length;
  char *parsed_end = NULL;
  guint mantissa_digits = 0;

  if (field->length == 0 || field->length > MAX_NUMBER_LENGTH)
    return FALSE;

  if (*s == '-' || *s == '+')
    s++;
  for (; s < end && g_ascii_isdigit (*s); s++)
    mantissa_digits++;
  if (s < end && *s == '.')
    for (s++; s < end && g_ascii_isdigit (*s); s++)
      mantissa_digits++;
  if (mantissa_digits == 0)
    return FALSE;
  if (s < end && (*s == 'e' || *s == 'E'))
    {
      guint exponent_digits = 0;

      s++;
      if (s < end && (*s == '-' || *s == '+'))
        s++;
      for (; s < end && g_ascii_isdigit (*s); s++)
        exponent_digits++;
      if (exponent_digits == 0)
        return FALSE;
    }
  if (s != end)
    return FALSE;

  memcpy (buffer, field->start, field->length);
  buffer[field->length] = '\0';
  *value = g_ascii_strtod (buffer, &parsed_end);

  return parsed_end == buffer + field->length && isfinite (*value);
}

static gboolean
read_header (Reader      *r,
             MpCsvTable  *table,
             GError     **error)
{
  const MpCsvLayout *layout = r->layout;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Field field;

  reader_next_field (r, &field);
  if (!field_is_unsigned (&field) || field_to_unsigned (&field) != layout->n_samples)
    return reader_fail (r, error, "header: expected the sample count %" G_GSIZE_FORMAT,
                        layout->n_samples);
  if (field.ends_line)
    return reader_fail (r, error, "header: the feature count is missing");

  reader_next_field (r, &field);
  if (!field_is_unsigned (&field) || field_to_unsigned (&field) != layout->n_features)
    return reader_fail (r, error, "header: expected the feature count %" G_GSIZE_FORMAT,
                        layout->n_features);

  while (!field.ends_line)
    {
      reader_next_field (r, &field);
      if (field.length == 0)
        return reader_fail (r, error, "header: empty target name");
      if (!g_utf8_validate_len (field.start, field.length, NULL))
        return reader_fail (r, error, "header: target name is not UTF-8");
      for (gsize i = 0; i < field.length; i++)
        if (g_ascii_iscntrl (field.start[i]))
          return reader_fail (r, error, "header: target name holds a control character");
      g_ptr_array_add (names, g_strndup (field.start, field.length));
    }

  if (names->len != layout->n_classes)
    return reader_fail (r, error, "header: expected %u target names, found %u",
                        layout->n_classes, names->len);

  g_ptr_array_add (names, NULL);
  table->target_names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  reader_end_line (r);
  return TRUE;
}

static gboolean
read_sample (Reader      *r,
             gsize        row,
             MpCsvTable  *table,
             GError     **error)
{
  const MpCsvLayout *layout = r->layout;
  gdouble *values = table->data + row * layout->n_features;
  Field field = { NULL, 0, FALSE };

  for (gsize j = 0; j < layout->n_features; j++)
    {
      reader_next_field (r, &field);
      if (!field_to_double (&field, &values[j]))
        return reader_fail (r, error, "'%.*s' is not a finite decimal number",
                            (int) MIN (field.length, 32), field.start);
      if (field.ends_line)
        return reader_fail (r, error, "the line ends before the target (expected %" G_GSIZE_FORMAT " features)",
                            layout->n_features);
    }

  reader_next_field (r, &field);
  if (!field.ends_line)
    return reader_fail (r, error, "more than %" G_GSIZE_FORMAT " features",
                        layout->n_features);
  if (!field_is_unsigned (&field))
    return reader_fail (r, error, "target '%.*s' is not a class index",
                        (int) MIN (field.length, 32), field.start);
  if (field_to_unsigned (&field) >= layout->n_classes)
    return reader_fail (r, error, "target %u is out of range for %u classes",
                        field_to_unsigned (&field), layout->n_classes);

  table->target[row] = field_to_unsigned (&field);
  reader_end_line (r);
  return TRUE;
}

/*
 * _mp_csv_parse:
 * @layout: what the file must hold
 * @text: the file's bytes (need not be nul-terminated)
 * @length: the number of bytes in @text
 * @table: (out caller-allocates): the parsed table; clear it with
 *   _mp_csv_table_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text holds exactly the table @layout describes;
 *   %FALSE with %MP_ERROR_MALFORMED naming the line and field otherwise,
 *   leaving @table empty
 */
gboolean
_mp_csv_parse (const MpCsvLayout *layout,
               const char        *text,
               gsize              length,
               MpCsvTable        *table,
               GError           **error)
{
  Reader r = { layout, text, text + length, 1, 0 };

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (layout->n_features > 0 && layout->n_samples > 0, FALSE);

  memset (table, 0, sizeof *table);
  table->data = g_new (gdouble, layout->n_samples * layout->n_features);
  table->target = g_new (gint64, layout->n_samples);

  if (layout->has_header && !read_header (&r, table, error))
    goto failed;

  for (gsize row = 0; row < layout->n_samples; row++)
    {
      if (r.p == r.end)
        {
          reader_fail (&r, error, "expected %" G_GSIZE_FORMAT " samples, found %" G_GSIZE_FORMAT,
                       layout->n_samples, row);
          goto failed;
        }
      if (!read_sample (&r, row, table, error))
        goto failed;
    }

  if (r.p != r.end)
    {
      reader_fail (&r, error, "unexpected text after the last of %" G_GSIZE_FORMAT " samples",
                   layout->n_samples);
      goto failed;
    }

  return TRUE;

failed:
  _mp_csv_table_clear (table);
  return FALSE;
}

void
_mp_csv_table_clear (MpCsvTable *table)
{
  g_clear_pointer (&table->data, g_free);
  g_clear_pointer (&table->target, g_free);
  g_clear_pointer (&table->target_names, g_strfreev);
}
