/* mp-quantile-private.h: medians and percentiles as numpy computes them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @values (@n of them, no NaN) in increasing order. */
void    _mp_quantile_sort       (double       *values,
                                 gsize         n);

/* The @percent-th percentile (0 to 100) of @values (@n >= 1, no NaN, in
 * any order; they are reordered: a selection, not a sort), with numpy
 * 1.24's default 'linear' method: the virtual index (n - 1) * (percent /
 * 100) between the two neighbouring order statistics, interpolated from
 * the nearer one, bit for bit as np.percentile and np.nanpercentile
 * compute it. */
double  _mp_quantile_percentile (double       *values,
                                 gsize         n,
                                 double        percent);

/* The median of @values (@n >= 1, no NaN, reordered as above): the middle
 * value, or the mean of the two middle ones, as np.median computes it. */
double  _mp_quantile_median     (double       *values,
                                 gsize         n);

/* The standard normal distribution's quantile function (scipy's
 * stats.norm.ppf) for @p in (0, 1): the correctly rounded value in the
 * cases checked (scipy's own is within one ulp of it). */
double  _mp_quantile_normal_ppf (double        p);

G_END_DECLS
