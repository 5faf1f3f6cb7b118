/* mp-pyrepr-private.h: Python literal syntax for string forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void _mp_pyrepr_append_float  (GString    *out,
                               gdouble     value);
void _mp_pyrepr_append_string (GString    *out,
                               const char *value);

/* Appends a boolean, number, string (None for NULL) or enum (its nick) in
 * Python literal syntax; returns FALSE, appending nothing, for any other
 * type, which the caller formats itself. */
gboolean _mp_pyrepr_append_value (GString      *out,
                                  const GValue *value);

/* Reads a decimal number literal at @p: Python's int or float syntax
 * without underscores, so no hexadecimal, no inf or nan. Returns the end
 * of the literal, or NULL if there is none or its value is not finite.
 * @integral is set when the literal has neither a point nor an exponent. */
const char *_mp_pyrepr_scan_number  (const char *p,
                                     gdouble    *value,
                                     gboolean   *integral);

/* Reads the whole of @text (spaces around it allowed, as Python's float()
 * allows them) as one number literal of _mp_pyrepr_scan_number(). */
gboolean    _mp_pyrepr_parse_number (const char *text,
                                     gdouble    *value,
                                     gboolean   *integral);

/* Skips spaces, tabs and line breaks. */
const char *_mp_pyrepr_skip_spaces  (const char *p);

/* The class name scikit-learn users know for a GType: "Mp" is dropped
 * from the library's names and PyGObject's module prefix ("module+Name")
 * from Python-defined ones. */
const char *_mp_pyrepr_type_name (GType type);

G_END_DECLS
