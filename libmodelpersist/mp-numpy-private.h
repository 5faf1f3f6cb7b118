/* mp-numpy-private.h: numpy's variance
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* numpy.var of @n contiguous doubles (ddof 0), bit for bit: both sums are
 * _mp_pairwise_sum (mp-pairwise-sum-private.h), numpy's order. */
double  _mp_numpy_var        (const double *values,
                              gsize         n);

G_END_DECLS
