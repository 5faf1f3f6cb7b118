/* mp-linear-model-private.h: what the linear regressors share (the targets,
 * scikit-learn's centring, the intercept, predict)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <math.h>

#include "mp-array.h"
#include "mp-estimator.h"
#include "mp-property-table-private.h"

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

/* Entries of an MpPropertyDecl table, at @field_offset in the instance
 * struct: the declarations the linear regressors share (scikit-learn 1.2's
 * _parameter_constraints; an excluded infinite end keeps a value finite),
 * MP_LINEAR_* for all of them, MP_ENET_* for the coordinate-descent ones
 * (Lasso, ElasticNet). Each class documents its properties above the
 * entry. */
#define MP_LINEAR_DECL_ALPHA(field_offset) \
  { .name = "alpha", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .default_number = 1.0, \
    .interval = TRUE, .minimum = 0, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_LINEAR_DECL_FIT_INTERCEPT(field_offset) \
  { .name = "fit-intercept", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = (field_offset), .default_number = TRUE }
#define MP_LINEAR_DECL_COPY_X(field_offset) \
  { .name = "copy-x", .display_name = "copy_X", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, \
    .kind = MP_FIELD_BOOLEAN, .offset = (field_offset), .default_number = TRUE }
#define MP_LINEAR_DECL_POSITIVE(field_offset) \
  { .name = "positive", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = (field_offset) }
#define MP_LINEAR_DECL_COEF(field_offset) \
  { .name = "coef", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (field_offset), .dtypes = "float64", .shape = "(n_features_in,)", \
    .state = MP_STATE_FLAG_FINITE }
#define MP_LINEAR_DECL_INTERCEPT(field_offset) \
  { .name = "intercept", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .interval = TRUE, .minimum = -INFINITY, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_ENET_DECL_MAX_ITER(field_offset) \
  { .name = "max-iter", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = (field_offset), .default_number = 1000, .interval = TRUE, .minimum = 1, \
    .maximum = G_MAXINT }
#define MP_ENET_DECL_TOL(field_offset) \
  { .name = "tol", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .default_number = 1e-4, \
    .interval = TRUE, .minimum = 0, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_ENET_DECL_SELECTION(field_offset) \
  { .name = "selection", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM, \
    .offset = (field_offset), .enum_type = mp_coordinate_selection_get_type, \
    .default_number = MP_COORDINATE_SELECTION_CYCLIC }
#define MP_ENET_DECL_N_ITER(field_offset) \
  { .name = "n-iter", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_INT, \
    .offset = (field_offset), .default_number = 1, .interval = TRUE, .minimum = 1, .maximum = G_MAXINT }
#define MP_ENET_DECL_DUAL_GAP(field_offset) \
  { .name = "dual-gap", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .interval = TRUE, .minimum = -INFINITY, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }

G_END_DECLS
