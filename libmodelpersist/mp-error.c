/* mp-error.c: the MP_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"

/**
 * mp_error_quark:
 *
 * The quark behind %MP_ERROR.
 *
 * Returns: the error domain of libmodelpersist
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (mp-error-quark, mp_error)
