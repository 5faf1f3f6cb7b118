/* mp-pyrepr.c: Python literal syntax for string forms
 *
 * The string form of an estimator must read exactly like scikit-learn's
 * repr, so numbers and strings follow Python's own rules rather than C's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-pyrepr-private.h"

/* Python's repr(float): the shortest digit string that reads back as the
 * same double, in fixed notation when the decimal exponent is in [-4, 16)
 * and in scientific notation otherwise; fixed notation keeps a ".0". */
void
_mp_pyrepr_append_float (GString *out,
                         gdouble  value)
{
  char buf[64];
  char digits[32];
  int exponent;
  int n_digits = 0;
  const char *p;

  if (isnan (value))
    {
      g_string_append (out, "nan");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "inf" : "-inf");
      return;
    }
  if (value == 0)
    {
      g_string_append (out, signbit (value) ? "-0.0" : "0.0");
      return;
    }

  for (int precision = 0; precision < 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is "-d.ddde+XX": split it into digits and exponent. */
  p = buf;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  for (; *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  digits[n_digits] = '\0';
  exponent = atoi (p + 1);

  /* Python drops trailing zeros of the shortest representation. */
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    digits[--n_digits] = '\0';

  if (exponent >= -4 && exponent < 16)
    {
      if (exponent < 0)
        {
          g_string_append (out, "0.");
          for (int i = -1; i > exponent; i--)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
      else
        {
          for (int i = 0; i <= exponent; i++)
            g_string_append_c (out, i < n_digits ? digits[i] : '0');
          g_string_append_c (out, '.');
          if (n_digits > exponent + 1)
            g_string_append (out, digits + exponent + 1);
          else
            g_string_append_c (out, '0');
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
}

/* Python's repr(str) for the common case: single quotes, with backslash
 * escapes for quotes, backslashes and control characters. */
void
_mp_pyrepr_append_string (GString    *out,
                          const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\'': g_string_append (out, "\\'"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\x%02x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '\'');
}

gboolean
_mp_pyrepr_append_value (GString      *out,
                         const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_BOOLEAN)
    g_string_append (out, g_value_get_boolean (value) ? "True" : "False");
  else if (type == G_TYPE_INT)
    g_string_append_printf (out, "%d", g_value_get_int (value));
  else if (type == G_TYPE_UINT)
    g_string_append_printf (out, "%u", g_value_get_uint (value));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
  else if (type == G_TYPE_UINT64)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, g_value_get_uint64 (value));
  else if (type == G_TYPE_LONG)
    g_string_append_printf (out, "%ld", g_value_get_long (value));
  else if (type == G_TYPE_ULONG)
    g_string_append_printf (out, "%lu", g_value_get_ulong (value));
  else if (type == G_TYPE_DOUBLE)
    _mp_pyrepr_append_float (out, g_value_get_double (value));
  else if (type == G_TYPE_FLOAT)
    _mp_pyrepr_append_float (out, g_value_get_float (value));
  else if (type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (value);

      if (text == NULL)
        g_string_append (out, "None");
      else
        _mp_pyrepr_append_string (out, text);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));

      if (ev != NULL)
        _mp_pyrepr_append_string (out, ev->value_nick);
      else
        g_string_append_printf (out, "%d", g_value_get_enum (value));
      g_type_class_unref (klass);
    }
  else
    return FALSE;

  return TRUE;
}

const char *
_mp_pyrepr_type_name (GType type)
{
  const char *name = g_type_name (type);
  const char *plus = strrchr (name, '+');

  if (plus != NULL)
    return plus + 1;
  if (name[0] == 'M' && name[1] == 'p' && g_ascii_isupper (name[2]))
    return name + 2;
  return name;
}

const char *
_mp_pyrepr_skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

const char *
_mp_pyrepr_scan_number (const char *p,
                        gdouble    *value,
                        gboolean   *integral)
{
  const char *start = p;
  g_autofree char *text = NULL;
  gboolean digits = FALSE;
  char *end = NULL;

  *integral = TRUE;
  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    {
      *integral = FALSE;
      for (p++; g_ascii_isdigit (*p); p++)
        digits = TRUE;
    }
  if (!digits)
    return NULL;
  if (*p == 'e' || *p == 'E')
    {
      *integral = FALSE;
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p))
        p++;
    }

  /* g_ascii_strtod reads more than this grammar (hexadecimal, inf): it
   * only converts what was scanned. */
  text = g_strndup (start, p - start);
  *value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (*value))
    return NULL;
  return p;
}

gboolean
_mp_pyrepr_parse_number (const char *text,
                         gdouble    *value,
                         gboolean   *integral)
{
  const char *end;

  if (text == NULL)
    return FALSE;
  end = _mp_pyrepr_scan_number (_mp_pyrepr_skip_spaces (text), value, integral);
  return end != NULL && *_mp_pyrepr_skip_spaces (end) == '\0';
}
