/* mp-take-private.h: selecting rows of an array by index
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"

G_BEGIN_DECLS

/* numpy's array[indices] along the first axis, for any dtype and number
 * of dimensions. Every index must be below the first dimension. */
MpArray *_mp_array_take_rows (MpArray      *array,
                              const gint64 *indices,
                              gsize         n_indices);

/* The same with the indices in a 1-D int64 array. */
MpArray *_mp_array_take      (MpArray      *array,
                              MpArray      *indices);

G_END_DECLS
