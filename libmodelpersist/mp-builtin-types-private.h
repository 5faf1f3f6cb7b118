/* mp-builtin-types-private.h: the estimator types libmodelpersist itself
 * defines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Registers every built-in estimator type and lists them. The loader
 * trusts exactly these by default, and registering them up front means a
 * fresh process can load any built-in model without having touched its
 * class first. */
const GType *_mp_builtin_estimator_types (guint *n_types);

G_END_DECLS
