/* mp-kfold.h: k-fold cross-validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-splitter.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_KFOLD:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_KFOLD (mp_kfold_get_type ())

/**
 * MpKFold:
 *
 * A k-fold splitter; its parameters are properties.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (MpKFold, mp_kfold, MP, KFOLD, MpSplitter)

/**
 * MpKFoldClass:
 * @parent_class: the parent class
 *
 * The class of #MpKFold. Subclasses such as #MpStratifiedKFold keep its
 * parameters and replace how samples are assigned to folds.
 *
 * Since: 0.1
 */
struct _MpKFoldClass
{
  MpSplitterClass parent_class;

  /*< private >*/
  gpointer _reserved[8];
};

/* n_splits folds, in order or shuffled with a seed (-1 for None). */
MP_AVAILABLE_IN_0_1
MpSplitter *mp_kfold_new (guint    n_splits,
                          gboolean shuffle,
                          gint64   random_state);

G_END_DECLS
