/* tiled-digits.h: a large model whose arrays compress, for the tests of
 * compressed saves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <modelpersist.h>

G_BEGIN_DECLS

/* A KNN fitted on digits repeated @times: 0.9 MiB of float64 features
 * (small integers, which compress about tenfold) per repeat. */
MpEstimator *test_tiled_digits_knn (guint times);

G_END_DECLS
