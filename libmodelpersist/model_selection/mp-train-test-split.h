/* mp-train-test-split.h: one random train/test split
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

/* One shuffled (optionally stratified) split: indices only, or the arrays themselves. */
MP_AVAILABLE_IN_0_1
gboolean mp_train_test_split_indices (gsize      n_samples,
                                      gdouble    test_size,
                                      gint64     random_state,
                                      MpArray   *stratify,
                                      MpArray  **train,
                                      MpArray  **test,
                                      GError   **error);
MP_AVAILABLE_IN_0_1
gboolean mp_train_test_split         (MpArray   *x,
                                      MpArray   *y,
                                      gdouble    test_size,
                                      gint64     random_state,
                                      MpArray   *stratify,
                                      MpArray  **x_train,
                                      MpArray  **x_test,
                                      MpArray  **y_train,
                                      MpArray  **y_test,
                                      GError   **error);

G_END_DECLS
