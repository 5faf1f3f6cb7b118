/* mp-svm-declarations-private.h: the property declarations and helpers
 * that SVC and SVR share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <math.h>

#include "mp-enum-types.h"
#include "mp-property-table-private.h"

G_BEGIN_DECLS

/* The words #MpSVC:gamma and #MpSVR:gamma allow besides a number. */
extern const char * const _mp_svm_gamma_words[];

/* Entries of an MpPropertyDecl table, at @field_offset in the instance struct:
 * scikit-learn 1.2's BaseLibSVM._parameter_constraints (an excluded
 * infinite end keeps a value finite) and the fitted state both
 * estimators keep. Each class documents its properties above the entry. */
#define MP_SVM_DECL_C(field_offset) \
  { .name = "c", .display_name = "C", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, \
    .kind = MP_FIELD_DOUBLE, .offset = (field_offset), .default_number = 1.0, \
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_SVM_DECL_CACHE_SIZE(field_offset) \
  { .name = "cache-size", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .default_number = 200.0, \
    .interval = TRUE, .minimum = 0, .maximum = 1 << 20, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE }
#define MP_SVM_DECL_COEF0(field_offset) \
  { .name = "coef0", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .interval = TRUE, .minimum = -INFINITY, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_SVM_DECL_DEGREE(field_offset) \
  { .name = "degree", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = (field_offset), .default_number = 3, .interval = TRUE, .maximum = INFINITY }
#define MP_SVM_DECL_GAMMA(field_offset) \
  { .name = "gamma", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (field_offset), .default_string = "scale", .words = _mp_svm_gamma_words, \
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_NUMBER_ALLOWED }
#define MP_SVM_DECL_KERNEL(field_offset) \
  { .name = "kernel", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM, \
    .offset = (field_offset), .enum_type = mp_svm_kernel_get_type, .default_number = MP_SVM_KERNEL_RBF }
#define MP_SVM_DECL_MAX_ITER(field_offset) \
  { .name = "max-iter", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = (field_offset), .default_number = -1, .interval = TRUE, .minimum = -1, .maximum = INFINITY }
#define MP_SVM_DECL_SHRINKING(field_offset) \
  { .name = "shrinking", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = (field_offset), .default_number = TRUE }
#define MP_SVM_DECL_TOL(field_offset) \
  { .name = "tol", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (field_offset), .default_number = 1e-3, \
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_SVM_DECL_VERBOSE(field_offset) \
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = (field_offset) }

#define MP_SVM_DECL_SUPPORT_VECTORS(field_offset) \
  { .name = "support-vectors", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (field_offset), .dtypes = "float64", .shape = "(n_SV, n_features_in)", \
    .state = MP_STATE_FLAG_FINITE }
#define MP_SVM_DECL_SUPPORT(field_offset) \
  { .name = "support", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (field_offset), .dtypes = "int32", .shape = "(n_SV,)" }
#define MP_SVM_DECL_SHAPE_FIT(field_offset) \
  { .name = "shape-fit", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (field_offset), .dtypes = "int64", .shape = "(2,)" }
#define MP_SVM_DECL_EFFECTIVE_GAMMA(field_offset) \
  { .name = "effective-gamma", .display_name = "_gamma", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_DOUBLE, .offset = (field_offset), \
    .interval = TRUE, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_SVM_DECL_FIT_STATUS(field_offset) \
  { .name = "fit-status", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_INT, \
    .offset = (field_offset), .interval = TRUE, .maximum = 1 }

/* The kernel coefficient that a gamma hyperparameter (checked against its
 * declaration) gives for @x: `scale`, `auto` or a number. */
double    _mp_svm_resolve_gamma          (const char    *text,
                                          const double  *x,
                                          gsize          n_samples,
                                          gsize          n_features);

/* The string form of a gamma hyperparameter: a number unquoted, or NULL
 * for the default (quoted) form. */
char     *_mp_svm_format_gamma           (const char    *text);

/* The string form of cache_size: an integral value without decimals, or
 * NULL for the default form. */
char     *_mp_svm_format_cache_size      (double         cache_size);

/* support_ holds distinct indices in [0, @n_samples), or
 * MP_ERROR_INVALID_STATE naming the first bad entry. */
gboolean  _mp_svm_check_support_indices  (const gint32  *support,
                                          gsize          n_sv,
                                          gint64         n_samples,
                                          GError       **error);

/* shape_fit_ holds (n_samples in [1, @max_samples], @n_features), or
 * MP_ERROR_INVALID_STATE naming shape_fit_. */
gboolean  _mp_svm_check_shape_fit        (const gint64  *shape_fit,
                                          gint64         max_samples,
                                          gint64         n_features,
                                          GError       **error);

G_END_DECLS
