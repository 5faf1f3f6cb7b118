/* mp-estimator-list-private.h: what owners need of MpEstimatorList
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-estimator-list.h"

G_BEGIN_DECLS

/* An estimator property took the list: it cannot change from now on. */
void     _mp_estimator_list_freeze     (MpEstimatorList  *self);

/* Whether @name (or NULL) may be appended to @self: named like the
 * entries before it, non-empty, free of "__", not yet in the list. */
gboolean _mp_estimator_list_check_name (MpEstimatorList  *self,
                                        const char       *name,
                                        GError          **error);

G_END_DECLS
