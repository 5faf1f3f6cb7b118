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

void
_mp_json_append_double (GString *out,
                        gdouble  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean has_mark = FALSE;

  g_return_if_fail (isfinite (value));

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value &&
          signbit (g_ascii_strtod (buf, NULL)) == signbit (value))
        break;
    }

  for (const char *p = buf; *p != '\0'; p++)
    if (*p == '.' || *p == 'e' || *p == 'E')
      has_mark = TRUE;

  g_string_append (out, buf);
  if (!has_mark)
    g_string_append (out, ".0");
}

static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
indent (GString *out,
        guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
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
      indent (out, level + 1);
      append_string (out, l->data);
      g_string_append (out, ": ");
      write_node (out, json_object_get_member (object, l->data), level + 1);
    }
  indent (out, level);
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
        indent (out, level + 1);
      write_node (out, json_array_get_element (array, i), level + 1);
    }
  if (!flat)
    indent (out, level);
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
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          _mp_json_append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
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
