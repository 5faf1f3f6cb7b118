/* mp-stratified-kfold.h: k-fold cross-validation that keeps class proportions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-splitter.h"

G_BEGIN_DECLS

#define MP_TYPE_STRATIFIED_KFOLD (mp_stratified_kfold_get_type ())

MP_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MpStratifiedKFold, mp_stratified_kfold, MP, STRATIFIED_KFOLD, MpSplitter)

MP_AVAILABLE_IN_1_0
MpSplitter *mp_stratified_kfold_new (guint    n_splits,
                                     gboolean shuffle,
                                     gint64   random_state);

G_END_DECLS
