/* mp-linear-model-private.h: what the linear regressors share (the targets,
 * scikit-learn's centring, the intercept, predict)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-estimator.h"

G_BEGIN_DECLS

/* The fitted state every linear regressor has: coef_ (n_features_in,) and
 * intercept_, the first members of each class's instance struct after the
 * parent, so that the tables declare them at the same place. */
typedef struct {
  MpArray *coef;
  double   intercept;
} MpLinearFit;

/* How the column means of X are summed, which decides their last bits:
 * scikit-learn's LinearRegression and Ridge centre a C-ordered X (numpy
 * adds each column row after row), Lasso and ElasticNet a Fortran-ordered
 * copy (numpy's pairwise sum down each contiguous column). */
typedef enum {
  MP_LINEAR_ROWS_C,
  MP_LINEAR_COLUMNS_F,
} MpLinearLayout;

/* The training data as the solvers take it, centred as scikit-learn's
 * _preprocess_data() centres it when fit_intercept is set (and untouched
 * otherwise): X - X_offset and y - y_offset, X in @layout (row-major for
 * MP_LINEAR_ROWS_C, column-major for MP_LINEAR_COLUMNS_F). */
typedef struct {
  gsize   n_samples;
  gsize   n_features;
  double *x;          /* n_samples x n_features, in the layout asked for */
  double *y;          /* n_samples */
  double *x_offset;   /* n_features: the column means, or zeros */
  double  y_offset;   /* the mean of y, or 0 */
} MpLinearData;

void      _mp_linear_data_clear   (MpLinearData  *data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MpLinearData, _mp_linear_data_clear)

/* Fills @data from fit's @x (float64, checked) and @y: numbers, one per
 * sample, 1-D (a regressor here has one target; a column (n_samples, 1),
 * which scikit-learn treats as one of several targets, is refused with
 * MP_ERROR_INVALID_INPUT, as is text). The LAPACK and BLAS routines take
 * 32-bit dimensions: larger inputs are refused too. */
gboolean  _mp_linear_data_init    (MpLinearData  *data,
                                   MpArray       *x,
                                   MpArray       *y,
                                   gboolean       fit_intercept,
                                   MpLinearLayout layout,
                                   GError       **error);

/* scikit-learn's LinearModel._set_intercept(): y_offset - X_offset @ coef
 * (BLAS ddot, as numpy's dot of two vectors) when fit_intercept, else 0. */
double    _mp_linear_intercept    (const MpLinearData *data,
                                   const double       *coef,
                                   gboolean            fit_intercept);

/* Stores @coef (taken, n_features values) and @intercept in @estimator's
 * "coef" and "intercept" properties. */
void      _mp_linear_set_fit      (MpEstimator   *estimator,
                                   double        *coef,
                                   gsize          n_features,
                                   double         intercept);

/* X @ coef + intercept, as scikit-learn's LinearModel.predict computes it
 * (numpy's matmul through BLAS dgemv, then the intercept added to each
 * value); @x is checked, with coef's width. */
MpArray  *_mp_linear_predict      (MpArray       *x,
                                   MpLinearFit   *fit);

G_END_DECLS
