/* mp-builtin-splitters-private.h: the splitter types libmodelpersist
 * itself defines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Registers every built-in splitter type and lists them, so that a type
 * named in a cross-validation record can be found with g_type_from_name()
 * in a process that has not used the class yet. */
const GType *_mp_builtin_splitter_types (guint *n_types);

G_END_DECLS
