/* mp-stratified-kfold.h: k-fold cross-validation that keeps class proportions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-kfold.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_STRATIFIED_KFOLD:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_STRATIFIED_KFOLD (mp_stratified_kfold_get_type ())

/**
 * MpStratifiedKFold:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpStratifiedKFold, mp_stratified_kfold, MP, STRATIFIED_KFOLD, MpKFold)

/* n_splits folds keeping the class proportions, in order or shuffled with a seed (-1 for None). */
MP_AVAILABLE_IN_0_1
MpSplitter *mp_stratified_kfold_new (guint    n_splits,
                                     gboolean shuffle,
                                     gint64   random_state);

G_END_DECLS
