/* mp-splitter-private.h: what the k-fold splitters share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-kfold.h"
#include "mp-random-private.h"
#include "mp-splitter.h"

G_BEGIN_DECLS

/* random_state as a property: -1 stands for sklearn's None. */
#define MP_RANDOM_STATE_NONE ((gint64) -1)
#define MP_RANDOM_STATE_MAX  ((gint64) G_MAXUINT32)

/* The parameters of a k-fold splitter, for subclasses of MpKFold. */
void      _mp_kfold_get_params           (MpKFold       *self,
                                          guint         *n_splits,
                                          gboolean      *shuffle,
                                          gint64        *random_state);

/* The checks sklearn's _BaseKFold makes: n_splits >= 2, random_state only
 * with shuffle, and no more folds than samples. */
gboolean  _mp_kfold_check                (MpSplitter    *self,
                                          guint          n_splits,
                                          gboolean       shuffle,
                                          gint64         random_state,
                                          gsize          n_samples,
                                          GError       **error);

/* Seeds @rng with random_state, or from entropy for None. */
void      _mp_random_init_from_state     (MpRandom      *rng,
                                          gint64         random_state);

/* Turns the test fold of every sample into n_splits (train, test) pairs
 * of ascending int64 index arrays. */
void      _mp_splits_from_test_folds     (const guint   *test_fold,
                                          gsize          n_samples,
                                          guint          n_splits,
                                          GPtrArray    **train,
                                          GPtrArray    **test);

/* TRUE if every value of @y is a whole number: sklearn's "binary" or
 * "multiclass" target types, the labels a classifier takes. */
gboolean  _mp_labels_are_discrete        (MpArray       *y);

G_END_DECLS
