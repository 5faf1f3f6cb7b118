/* mp-scaling-private.h: the per-column arithmetic the scalers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-estimator.h"

G_BEGIN_DECLS

/* A new n_samples x n_features float64 matrix whose element [i, j] is
 * (x[i, j] - offset[j]) / divisor[j], computed in that order as numpy's
 * `X -= offset; X /= divisor` does; a NULL @offset subtracts nothing and
 * a NULL @divisor divides by nothing. @x is a float64 matrix whose width
 * is the length of both vectors. */
MpArray  *_mp_scaling_subtract_divide (MpArray       *x,
                                       const double  *offset,
                                       const double  *divisor);

/* The same for x[i, j] * factor[j] + offset[j] (`X *= factor; X += offset`),
 * then clipped into [clip[0], clip[1]] unless @clip is NULL. */
MpArray  *_mp_scaling_multiply_add    (MpArray       *x,
                                       const double  *factor,
                                       const double  *offset,
                                       const double  *clip);

/* Whether @x, given to inverse_transform, has the width @self was fitted
 * with (a scaler's output is as wide as its input); sets
 * MP_ERROR_INVALID_INPUT otherwise. */
gboolean  _mp_scaling_check_width     (MpEstimator   *self,
                                       MpArray       *x,
                                       GError       **error);

G_END_DECLS
