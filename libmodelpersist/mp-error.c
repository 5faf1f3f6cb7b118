/* mp-error.c: the MP_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"

/**
 * SECTION:mp-error
 * @Title: Errors
 * @Short_description: the MP_ERROR domain and its codes
 *
 * Every failure in libmodelpersist is a #GError in the %MP_ERROR domain
 * with a specific #MpError code, so callers can react to a kind of failure
 * without parsing messages. Messages name the argument, field, JSON path or
 * file offset at fault.
 *
 * In Python the error surfaces as `GLib.Error`:
 *
 * |[<!-- language="Python" -->
 * try:
 *     model.predict(X)
 * except GLib.Error as e:
 *     if e.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_FITTED):
 *         ...
 * ]|
 */

/**
 * mp_error_quark:
 *
 * The quark behind %MP_ERROR.
 *
 * Returns: the error domain of libmodelpersist
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (mp-error-quark, mp_error)
