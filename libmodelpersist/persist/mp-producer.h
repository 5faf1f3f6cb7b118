/* mp-producer.h: fields an application adds to every document's producer record
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib.h>

#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_PRODUCER_MAX_FIELDS:
 *
 * How many fields mp_set_producer_field() may add, 16.
 *
 * Since: 0.1
 */
#define MP_PRODUCER_MAX_FIELDS 16

/* Adding, replacing or removing a field of every later document's producer record, and reading it. */
MP_AVAILABLE_IN_0_1
gboolean  mp_set_producer_field  (const char  *key,
                                  const char  *value,
                                  GError     **error);
MP_AVAILABLE_IN_0_1
char     *mp_dup_producer_field  (const char  *key);

G_END_DECLS
