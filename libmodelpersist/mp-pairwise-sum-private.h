/* mp-pairwise-sum-private.h: numpy's sum of float64 values, bit for bit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sums @n values in exactly the order numpy's add.reduce (`a.sum()`)
 * adds a contiguous float64 array, so the result has the same bits as
 * numpy's. 0 for @n = 0. */
double _mp_pairwise_sum (const double *values,
                         gsize         n);

G_END_DECLS
