/* mp-validation-private.h: input checks and label encoding shared by the
 * estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"

G_BEGIN_DECLS

/* Checks that @x is a non-empty 2-D array of finite numbers and returns it
 * as float64 (a new reference when it already is). @name names the
 * argument in the MP_ERROR_INVALID_INPUT message. */
MpArray  *_mp_check_features   (MpArray      *x,
                                const char   *name,
                                GError      **error);

/* Checks that @y is a 1-D array (or an n x 1 column) of n_samples finite
 * values. */
gboolean  _mp_check_targets    (MpArray      *y,
                                gsize         n_samples,
                                const char   *name,
                                GError      **error);

/* Finds the sorted distinct labels of @y and the index of each sample's
 * label among them. Classes keep y's kind: int64 for integer and bool
 * labels, float64 for floating-point ones. */
gboolean  _mp_encode_labels    (MpArray      *y,
                                MpArray     **classes,
                                gint32      **indices,
                                GError      **error);

/* TRUE if every value of @y is a whole number: sklearn's "binary" or
 * "multiclass" target types, the labels a classifier takes. */
gboolean  _mp_labels_are_discrete (MpArray    *y);

/* Builds predictions from class indices; the result has the dtype of
 * @classes. Every index must be below the number of classes. */
MpArray  *_mp_decode_labels    (MpArray      *classes,
                                const gint32 *indices,
                                gsize         n_samples);

/* Checks that @array is non-NULL with the given dtype, n_dims and, where a
 * dimension is not G_MAXSIZE, that length; for validate(). The message
 * names @field. */
gboolean  _mp_check_state_array (MpArray     *array,
                                 const char  *field,
                                 MpDType      dtype,
                                 guint        n_dims,
                                 gsize        dim0,
                                 gsize        dim1,
                                 GError     **error);

/* Checks a classifier's classes_ for validate(): present, 1-D, int64 or
 * float64 (what _mp_encode_labels makes), and holding between
 * @min_classes and G_MAXINT32 classes (class indices are gint32). */
gboolean  _mp_check_classes     (MpArray     *classes,
                                 gsize        min_classes,
                                 GError     **error);

G_END_DECLS
