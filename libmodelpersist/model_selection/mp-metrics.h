/* mp-metrics.h: scores of predictions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib.h>

#include "mp-array.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/* Scores of predictions: accuracy for classes, R² for numbers. */
MP_AVAILABLE_IN_0_1
gdouble mp_accuracy_score (MpArray  *y_true,
                           MpArray  *y_pred,
                           GError  **error);
MP_AVAILABLE_IN_0_1
gdouble mp_r2_score       (MpArray  *y_true,
                           MpArray  *y_pred,
                           GError  **error);

G_END_DECLS
