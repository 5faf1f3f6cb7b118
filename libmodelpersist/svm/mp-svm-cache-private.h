/* mp-svm-cache-private.h: a least-recently-used cache of kernel columns
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SMO solver asks for leading parts of columns of the kernel matrix,
 * single precision like libsvm's. The cache keeps as many as fit in its
 * budget and evicts the least recently used first. Columns are addressed
 * by the solver's current position of a sample, so the cache follows the
 * solver's swaps. */
typedef struct _MpSvmCache MpSvmCache;

MpSvmCache *_mp_svm_cache_new  (int          n_columns,
                                gint64       budget_bytes);
void        _mp_svm_cache_free (MpSvmCache  *cache);

/* Returns column @index with room for @len entries; *@valid receives how
 * many leading entries already hold values (>= @len when nothing needs
 * computing). */
gfloat     *_mp_svm_cache_get  (MpSvmCache  *cache,
                                int          index,
                                int          len,
                                int         *valid);

/* Exchanges positions @i and @j: the columns themselves now, and entries
 * @i and @j inside every cached column when that column is next used. */
void        _mp_svm_cache_swap (MpSvmCache  *cache,
                                int          i,
                                int          j);

G_END_DECLS
