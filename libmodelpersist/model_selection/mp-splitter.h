/* mp-splitter.h: the base class of cross-validation splitters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-array.h"
#include "mp-estimator.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_SPLITTER:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_SPLITTER (mp_splitter_get_type ())

/**
 * MpSplitter:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (MpSplitter, mp_splitter, MP, SPLITTER, GObject)

/**
 * MpSplitterClass:
 * @parent_class: the parent class
 * @get_n_splits: returns the number of train/test splits split() makes
 * @split: makes every split of @n_samples samples at once: for each, a
 *   1-D int64 array of training indices and one of test indices. @y holds
 *   the labels when the caller has them (stratified splitters need them).
 *   Called by mp_splitter_split(), which checks @y beforehand and the
 *   result afterwards.
 *
 * The virtual methods of #MpSplitter.
 *
 * Since: 0.1
 */
struct _MpSplitterClass
{
  GObjectClass parent_class;

  guint     (*get_n_splits) (MpSplitter  *self);
  gboolean  (*split)        (MpSplitter  *self,
                             gsize        n_samples,
                             MpArray     *y,
                             GPtrArray  **train,
                             GPtrArray  **test,
                             GError     **error);

  /*< private >*/
  gpointer _reserved[8];
};

/* Using any splitter: how many splits, the splits themselves, its name and repr. */
MP_AVAILABLE_IN_0_1
guint         mp_splitter_get_n_splits       (MpSplitter   *self);
MP_AVAILABLE_IN_0_1
gboolean      mp_splitter_split              (MpSplitter   *self,
                                              gsize         n_samples,
                                              MpArray      *y,
                                              GPtrArray   **train,
                                              GPtrArray   **test,
                                              GError      **error);
MP_AVAILABLE_IN_0_1
const char   *mp_splitter_get_display_name   (MpSplitter   *self);
MP_AVAILABLE_IN_0_1
char         *mp_splitter_to_string          (MpSplitter   *self);

/* The splitter scikit-learn's cross_val_score picks for an estimator and its labels. */
MP_AVAILABLE_IN_0_1
MpSplitter   *mp_splitter_new_default        (MpEstimator  *estimator,
                                              MpArray      *y);

G_END_DECLS
