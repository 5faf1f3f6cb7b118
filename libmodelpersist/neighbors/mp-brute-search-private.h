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

/* Receives the neighbours of the queries @first .. @first + @n_queries - 1:
 * row q of @distances and @indices (@n_queries rows of @k) holds those of
 * query @first + q, sorted by increasing distance. The arrays belong to
 * the search and are reused once the function returns. Returns FALSE with
 * @error set to stop the search. */
typedef gboolean (*MpBruteBlockFunc) (gsize           first,
                                      gsize           n_queries,
                                      gsize           k,
                                      const gdouble  *distances,
                                      const gint64   *indices,
                                      gpointer        user_data,
                                      GError        **error);

/* Finds the @k nearest rows of @fit_x (@n_samples x @n_features, row-major)
 * for each row of @x (@n_queries x @n_features) and hands them to @func, in
 * query order, a block of at most 256 queries (or a single one) at a time.
 * With @exact_distances FALSE the distances are left as the ranking values
 * (squared for the Euclidean metric).
 *
 * Memory: a block's candidate heaps take B = min(@n_queries, 256) x @k x 16
 * bytes. The search fills as many blocks (or partitions of the training
 * samples) at once as fit in 64 MiB, at least two, at most one per thread,
 * plus one block's final heaps when the partitions need several rounds:
 * at most 64 MiB + 3 B whatever @n_queries, and O(@k) beyond the heaps.
 * Threads that would need more heaps than that are not started.
 *
 * Requires 1 <= @k <= @n_samples, @n_features <= G_MAXINT. Every index
 * handed out is below @n_samples. Fails with MP_ERROR_INVALID_ARGUMENT if
 * one block's heaps would overflow the address space, or with @func's
 * error. */
gboolean _mp_brute_search_blocks (const gdouble     *x,
                                  gsize              n_queries,
                                  const gdouble     *fit_x,
                                  gsize              n_samples,
                                  gsize              n_features,
                                  gsize              k,
                                  MpBruteMetric      metric,
                                  gboolean           exact_distances,
                                  MpBruteBlockFunc   func,
                                  gpointer           user_data,
                                  GError           **error);

/* _mp_brute_search_blocks() into @distances and @indices, both
 * @n_queries x @k, allocated by the caller. */
gboolean _mp_brute_search (const gdouble  *x,
                           gsize           n_queries,
                           const gdouble  *fit_x,
                           gsize           n_samples,
                           gsize           n_features,
                           gsize           k,
                           MpBruteMetric   metric,
                           gboolean        exact_distances,
                           gdouble        *distances,
                           gint64         *indices,
                           GError        **error);


G_END_DECLS
