/* mp-kfold-private.h: what MpKFold shares with its subclasses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-kfold.h"
#include "mp-random-private.h"

G_BEGIN_DECLS

/* The parameters of a k-fold splitter, for subclasses of MpKFold. */
void      _mp_kfold_get_params           (MpKFold       *self,
                                          guint         *n_splits,
                                          gboolean      *shuffle,
                                          gint64        *random_state);

/* The checks of sklearn's _BaseKFold that no declaration states (n_splits
 * >= 2 and random_state's range are declared, and checked by
 * mp_splitter_split()): random_state only with shuffle, and no more folds
 * than samples. */
gboolean  _mp_kfold_check                (MpSplitter    *self,
                                          guint          n_splits,
                                          gboolean       shuffle,
                                          gint64         random_state,
                                          gsize          n_samples,
                                          GError       **error);

/* Turns the test fold of every sample into n_splits (train, test) pairs
 * of ascending int64 index arrays. */
void      _mp_splits_from_test_folds     (const guint   *test_fold,
                                          gsize          n_samples,
                                          guint          n_splits,
                                          GPtrArray    **train,
                                          GPtrArray    **test);

G_END_DECLS
