/* mp-labels-private.h: class labels, encoded once for every classifier
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"

G_BEGIN_DECLS

/* The dtypes a classifier's classes_ may have, for its declaration: what
 * _mp_encode_labels() makes, and int64 and float64 as 1.0 files hold. */
#define MP_LABEL_DTYPES "int64|float64|bool|str"

/* Finds the sorted distinct labels of @y and the index of each sample's
 * label among them, as numpy's np.unique(y, return_inverse=True). Classes
 * keep y's kind: int64 for integer labels, float64 for floating-point
 * ones, bool for bool ones and str for text (sorted by code point, as
 * numpy sorts str). */
gboolean  _mp_encode_labels    (MpArray      *y,
                                MpArray     **classes,
                                gint32      **indices,
                                GError      **error);

/* Builds predictions from class indices; the result has the dtype of
 * @classes. Every index must be below the number of classes. */
MpArray  *_mp_decode_labels    (MpArray      *classes,
                                const gint32 *indices,
                                gsize         n_samples);

/* The class index of each row of @scores (@n_rows x @n_classes): the
 * first largest value, as numpy's argmax (ties go to the smaller index).
 * Free with g_free(). */
gint32   *_mp_row_argmax       (const double *scores,
                                gsize         n_rows,
                                gsize         n_classes);

/* Checks a classifier's classes_ for validate(): present, 1-D, of one of
 * MP_LABEL_DTYPES, and holding between @min_classes and G_MAXINT32 classes
 * (class indices are gint32). */
gboolean  _mp_check_classes    (MpArray      *classes,
                                gsize         min_classes,
                                GError      **error);

G_END_DECLS
