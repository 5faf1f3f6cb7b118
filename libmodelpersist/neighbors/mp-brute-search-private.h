/* mp-brute-search-private.h: exhaustive k-nearest-neighbour search that
 * reproduces scikit-learn's brute-force results, ties included
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MP_BRUTE_METRIC_MANHATTAN,
  MP_BRUTE_METRIC_EUCLIDEAN,
} MpBruteMetric;

/* The number of worker threads a search uses, and the number of partitions
 * it splits the training samples into when it runs in parallel over them.
 * Counted as scikit-learn counts its OpenMP threads: OMP_NUM_THREADS when
 * set, otherwise the processors this process may run on, capped by a
 * cgroup CPU bandwidth limit. */
guint _mp_brute_search_get_n_threads (void);

/* Finds the @k nearest rows of @fit_x (@n_samples x @n_features, row-major)
 * for each row of @x (@n_queries x @n_features). Row q of @indices and
 * @distances (both @n_queries x @k) receives the neighbours sorted by
 * increasing distance. With @exact_distances FALSE the distances are left
 * as the ranking values (squared for the Euclidean metric).
 *
 * Requires 1 <= @k <= @n_samples, @n_features <= G_MAXINT. Every index
 * written is below @n_samples. */
void _mp_brute_search (const gdouble  *x,
                       gsize           n_queries,
                       const gdouble  *fit_x,
                       gsize           n_samples,
                       gsize           n_features,
                       gsize           k,
                       MpBruteMetric   metric,
                       gboolean        exact_distances,
                       gdouble        *distances,
                       gint64         *indices);

/* Sums @n values in the order numpy's add.reduce does for a contiguous
 * float64 row (blocks of eight partial sums, then pairwise halves). */
gdouble _mp_numpy_sum (const gdouble *values,
                       gsize          n);

G_END_DECLS
