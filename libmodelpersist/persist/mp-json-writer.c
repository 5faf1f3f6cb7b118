/* mp-json-writer.c: canonical, deterministic JSON text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-json-writer-private.h"

/* json-glib's generator keeps members in insertion order and prints doubles
 * with "%.17g", so "0.1" comes out as "0.10000000000000001" and -0.0 as
 * "-0", which parses back as the integer 0. The format promises the same
 * bytes for the same model and exact doubles, so it has its own writer. */

/* "%.1g" to "%.17g", so that no format string is printed per call. */
static const char * const formats[] = {
  NULL, "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
  "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
};

static gboolean
reads_back (char    *buf,
            gsize    size,
            int      precision,
            gdouble  value)
{
  gdouble back;

  g_ascii_formatd (buf, size, formats[precision], value);
  back = g_ascii_strtod (buf, NULL);
  return back == value && signbit (back) == signbit (value);
}

void
_mp_json_append_double (GString *out,
                        gdouble  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean has_mark = FALSE;
  int precision;

  g_return_if_fail (isfinite (value));

  /* The smallest precision that reads back. Up to DBL_DIG (15) digits
   * that set is an interval ending at 15: a decimal of p <= 15 digits
   * that reads back as @value is what "%.15g" prints of it, padded, and
   * what every precision between p and 15 prints. So one try at 15, then
   * a bisection below it or 16 and 17 above it, gives what trying 1, 2,
   * ... 17 in turn gives, with at most five conversions. */
  if (reads_back (buf, sizeof buf, 15, value))
    {
      int low = 1, high = 15;   /* high reads back; low - 1 does not */

      while (low < high)
        {
          int middle = (low + high) / 2;

          if (reads_back (buf, sizeof buf, middle, value))
            high = middle;
          else
            low = middle + 1;
        }
      precision = high;
    }
  else
    precision = reads_back (buf, sizeof buf, 16, value) ? 16 : 17;
  g_ascii_formatd (buf, sizeof buf, formats[precision], value);

  for (const char *p = buf; *p != '\0'; p++)
    if (*p == '.' || *p == 'e' || *p == 'E')
      has_mark = TRUE;

  g_string_append (out, buf);
  if (!has_mark)
    g_string_append (out, ".0");
}

void
_mp_json_append_int (GString *out,
                     gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

void
_mp_json_append_string (GString    *out,
                        const char *s)
{
  const guchar *run = (const guchar *) s;
  const guchar *p;

  g_string_append_c (out, '"');
  for (p = run; *p != '\0'; p++)
    {
      const char *escape;
      char control[7];

      if (*p >= 0x20 && *p != 0x7f && *p != '"' && *p != '\\')
        continue;
      switch (*p)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (control, sizeof control, "\\u%04x", *p);
          escape = control;
        }
      g_string_append_len (out, (const char *) run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

void
_mp_json_indent (GString *out,
                 guint    level)
{
  static const char spaces[] = "                                ";
  gsize n = 2 * (gsize) level;

  g_string_append_c (out, '\n');
  for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
    g_string_append_len (out, spaces, sizeof spaces - 1);
  g_string_append_len (out, spaces, n);
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     level);

static void
write_object (GString    *out,
              JsonObject *object,
              guint       level)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  members = g_list_sort (members, (GCompareFunc) strcmp);
  g_string_append_c (out, '{');
  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      _mp_json_indent (out, level + 1);
      _mp_json_append_string (out, l->data);
      g_string_append (out, ": ");
      write_node (out, json_object_get_member (object, l->data), level + 1);
    }
  _mp_json_indent (out, level);
  g_string_append_c (out, '}');
}

static gboolean
is_scalar_array (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (JSON_NODE_TYPE (json_array_get_element (array, i)) != JSON_NODE_VALUE)
      return FALSE;
  return TRUE;
}

static void
write_array (GString   *out,
             JsonArray *array,
             guint      level)
{
  guint n = json_array_get_length (array);
  gboolean flat = is_scalar_array (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  /* Shapes and lists of names stay on one line; nested trees indent. */
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, flat ? ", " : ",");
      if (!flat)
        _mp_json_indent (out, level + 1);
      write_node (out, json_array_get_element (array, i), level + 1);
    }
  if (!flat)
    _mp_json_indent (out, level);
  g_string_append_c (out, ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), level);
      break;

    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), level);
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          _mp_json_append_int (out, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          _mp_json_append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_STRING:
          _mp_json_append_string (out, json_node_get_string (node));
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

void
_mp_json_write (GString  *out,
                JsonNode *node)
{
  write_node (out, node, 0);
}

void
_mp_json_write_at (GString  *out,
                   JsonNode *node,
                   guint     level)
{
  write_node (out, node, level);
}
