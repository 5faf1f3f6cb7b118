/* mp-count-or-fraction.c: hyperparameters that are a count or a fraction
 * of a total
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-count-or-fraction-private.h"
#include "mp-error.h"
#include "mp-pyrepr-private.h"

gboolean
_mp_count_or_fraction_parse (const char *text,
                             gboolean   *is_fraction,
                             double     *value)
{
  gboolean integral;

  if (!_mp_pyrepr_parse_number (text, value, &integral))
    return FALSE;
  *is_fraction = !integral;
  return TRUE;
}

gboolean
_mp_count_or_fraction_check (const char  *text,
                             const char  *other_values,
                             gint64       min_count,
                             double       max_fraction,
                             gboolean     max_exclusive,
                             GError     **error)
{
  gboolean is_fraction;
  double value;

  if (_mp_count_or_fraction_parse (text, &is_fraction, &value))
    {
      if (!is_fraction && value >= (double) min_count)
        return TRUE;
      if (is_fraction && value > 0 && (max_exclusive ? value < max_fraction : value <= max_fraction))
        return TRUE;
    }
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be %s%san integer >= %" G_GINT64_FORMAT " or a fraction in (0, %g%c, got '%s'",
               other_values != NULL ? other_values : "", other_values != NULL ? ", " : "", min_count, max_fraction, max_exclusive ? ')' : ']', text != NULL ? text : "None");
  return FALSE;
}

char *
_mp_count_or_fraction_format (const char *text)
{
  gboolean is_fraction;
  double value;
  GString *out;

  if (!_mp_count_or_fraction_parse (text, &is_fraction, &value))
    return NULL;
  if (!is_fraction)
    return g_strstrip (g_strdup (text));
  out = g_string_new (NULL);
  _mp_pyrepr_append_float (out, value);
  return g_string_free (out, FALSE);
}
