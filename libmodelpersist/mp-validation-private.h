/* mp-validation-private.h: input checks shared by the estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-estimator.h"

G_BEGIN_DECLS

/* Checks that @x is a non-empty 2-D array of finite numbers and returns it
 * as float64 (a new reference when it already is). @name names the
 * argument in the MP_ERROR_INVALID_INPUT message. */
MpArray  *_mp_check_features   (MpArray      *x,
                                const char   *name,
                                GError      **error);

/* Checks that @x is a non-empty 2-D array of samples as @flags allows
 * (mp-estimator.h, MpInputFlags) and returns what the estimator reads: a
 * table or text as given where the flags take them, a table of text as
 * one str matrix where only text is taken, anything else as float64
 * numbers, finite or (MP_INPUT_FLAG_MISSING) NaN. @taker names the
 * estimator in the message refusing text (NULL: "this estimator"). */
MpArray  *_mp_check_samples    (MpArray      *x,
                                MpInputFlags  flags,
                                const char   *taker,
                                const char   *name,
                                GError      **error);

/* Column @column of the 2-D array @x, checked as _mp_check_samples checks
 * a whole matrix: text where @flags takes it, otherwise float64 numbers,
 * finite or NaN. Messages name the column ("X: column 'age': ..."), by
 * name where the table has names. */
MpArray  *_mp_check_column     (MpArray      *x,
                                gsize         column,
                                MpInputFlags  flags,
                                const char   *name,
                                GError      **error);

/* Checks that @y is a 1-D array (or an n x 1 column) of n_samples finite
 * values. */
gboolean  _mp_check_targets    (MpArray      *y,
                                gsize         n_samples,
                                const char   *name,
                                GError      **error);

/* A single-target regressor's (@estimator's, or NULL: named "this
 * regressor") y as doubles (free with g_free), or NULL
 * with MP_ERROR_INVALID_INPUT naming y: it must be given, numbers (not
 * text) and 1-D, as a column (n_samples, 1) is several targets to
 * scikit-learn. The base class has checked that the values are finite,
 * one per sample. */
double   *_mp_regression_targets (MpEstimator *estimator,
                                  MpArray     *y,
                                  GError     **error);

/* TRUE if every value of @y is a whole number: sklearn's "binary" or
 * "multiclass" target types, the labels a classifier takes. */
gboolean  _mp_labels_are_discrete (MpArray    *y);

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

G_END_DECLS
