/* mp-numpy-private.h: sums in numpy's order
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* numpy.add.reduce (numpy.sum) of @n contiguous doubles, bit for bit:
 * pairwise summation (eight interleaved partial sums up to 128 elements,
 * halves beyond) in blocks of numpy's 8192-element buffer. */
double  _mp_numpy_add_reduce (const double *values,
                              gsize         n);

/* numpy.var of @n contiguous doubles (ddof 0), bit for bit. */
double  _mp_numpy_var        (const double *values,
                              gsize         n);

G_END_DECLS
