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
