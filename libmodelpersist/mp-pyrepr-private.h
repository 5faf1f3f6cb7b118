/* mp-pyrepr-private.h: Python literal syntax for string forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _mp_pyrepr_append_float  (GString    *out,
                               gdouble     value);
void _mp_pyrepr_append_string (GString    *out,
                               const char *value);

G_END_DECLS
