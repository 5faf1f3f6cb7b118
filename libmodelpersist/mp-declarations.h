/* mp-declarations.h: facts about an estimator's properties, declared once
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-array.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MpStateFlags:
 * @MP_STATE_FLAG_NONE: no element checks
 * @MP_STATE_FLAG_FINITE: every element of a floating-point array is finite
 *   (no NaN, no infinity)
 * @MP_STATE_FLAG_INCREASING: the elements are strictly increasing (sorted,
 *   unique, no NaN), as `classes_` always is
 * @MP_STATE_FLAG_NON_NEGATIVE: every element is >= 0
 * @MP_STATE_FLAG_DISTRIBUTION: the elements are finite, >= 0 and sum to 1
 *   (within 1e-6), as a class prior does
 * @MP_STATE_FLAG_INDEX: every element is an integer in [0, bound), where
 *   bound is the symbol given with the declaration
 * @MP_STATE_FLAG_COUNTS: the elements are integers >= 0 that sum to the
 *   bound symbol; if no array declared before gives the symbol its value,
 *   the sum does (`n_support_` sums to n_SV, which `support_vectors_`
 *   must then agree with)
 * @MP_STATE_FLAG_NON_EMPTY: the array has at least one element
 * @MP_STATE_FLAG_OPTIONAL: the property may be unset (%NULL) in a fitted
 *   estimator
 * @MP_STATE_FLAG_CHECKED_ON_USE: the element checks of
 *   %MP_STATE_FLAG_INDEX and %MP_STATE_FLAG_COUNTS are made where predict
 *   reads the elements, not by validate, so that validating a large model
 *   stays constant-time (and memory that a binding changed after
 *   validation is still caught)
 * @MP_STATE_FLAG_EMPTY_ALLOWED: the array may instead have no elements
 *   (with the declared number of dimensions), as `probA_` is (n_pairs,)
 *   when fitted with probabilities and (0,) otherwise; an empty array
 *   gives no symbol its value
 * @MP_STATE_FLAG_POSITIVE: every element is > 0, as a scale every sample
 *   is divided by
 *
 * What validate checks of the elements of a fitted array, beyond its dtype
 * and shape.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/ {
  MP_STATE_FLAG_NONE            = 0,
  MP_STATE_FLAG_FINITE          = 1 << 0,
  MP_STATE_FLAG_INCREASING      = 1 << 1,
  MP_STATE_FLAG_NON_NEGATIVE    = 1 << 2,
  MP_STATE_FLAG_DISTRIBUTION    = 1 << 3,
  MP_STATE_FLAG_INDEX           = 1 << 4,
  MP_STATE_FLAG_COUNTS          = 1 << 5,
  MP_STATE_FLAG_NON_EMPTY       = 1 << 6,
  MP_STATE_FLAG_OPTIONAL        = 1 << 7,
  MP_STATE_FLAG_CHECKED_ON_USE  = 1 << 8,
  MP_STATE_FLAG_EMPTY_ALLOWED   = 1 << 9,
  MP_STATE_FLAG_POSITIVE        = 1 << 10,
} MpStateFlags;

/**
 * MpConstraintFlags:
 * @MP_CONSTRAINT_NONE: a closed interval, no other value
 * @MP_CONSTRAINT_MIN_EXCLUSIVE: the minimum itself is not allowed
 * @MP_CONSTRAINT_MAX_EXCLUSIVE: the maximum itself is not allowed
 * @MP_CONSTRAINT_NONE_ALLOWED: Python's `None` is allowed: a %NULL string,
 *   or -1 for an integer (as `random_state=-1` means `None`)
 * @MP_CONSTRAINT_NUMBER_ALLOWED: a string property also takes any text that
 *   parses as a number within the interval (`gamma` is `'scale'`, `'auto'`
 *   or a positive number)
 *
 * How a hyperparameter's constraint reads.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/ {
  MP_CONSTRAINT_NONE            = 0,
  MP_CONSTRAINT_MIN_EXCLUSIVE   = 1 << 0,
  MP_CONSTRAINT_MAX_EXCLUSIVE   = 1 << 1,
  MP_CONSTRAINT_NONE_ALLOWED    = 1 << 2,
  MP_CONSTRAINT_NUMBER_ALLOWED  = 1 << 3,
} MpConstraintFlags;

/**
 * MpChildFlags:
 * @MP_CHILD_FLAG_NONE: no further rule
 * @MP_CHILD_FLAG_NAMED: the entries of an #MpEstimatorList property have
 *   names (a pipeline's steps); without it they have none (a forest's
 *   trees)
 * @MP_CHILD_FLAG_REQUIRED: the property is never %NULL and a list is
 *   never empty
 *
 * What a child-estimator property requires beyond its estimator type.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/ {
  MP_CHILD_FLAG_NONE      = 0,
  MP_CHILD_FLAG_NAMED     = 1 << 0,
  MP_CHILD_FLAG_REQUIRED  = 1 << 1,
} MpChildFlags;

/* For writers of estimators: declaring children, fitted arrays and constraints of a type's properties. */
MP_AVAILABLE_IN_0_1
gboolean      mp_estimator_type_declare_child      (GType               estimator_type,
                                                    const char         *property_name,
                                                    GType               child_type,
                                                    const char * const *words,
                                                    MpChildFlags        flags,
                                                    GError            **error);
MP_AVAILABLE_IN_0_1
GObject      *mp_estimator_type_new_example        (GType               estimator_type);
MP_AVAILABLE_IN_0_1
gboolean      mp_estimator_type_declare_array      (GType               estimator_type,
                                                    const char         *property_name,
                                                    const char         *dtypes,
                                                    const char         *shape,
                                                    MpStateFlags        flags,
                                                    const char         *bound,
                                                    GError            **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_estimator_type_declare_symbol     (GType               estimator_type,
                                                    const char         *property_name,
                                                    const char         *symbol,
                                                    GError            **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_estimator_type_declare_interval   (GType               estimator_type,
                                                    const char         *property_name,
                                                    gdouble             minimum,
                                                    gdouble             maximum,
                                                    MpConstraintFlags   flags,
                                                    GError            **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_estimator_type_declare_words      (GType               estimator_type,
                                                    const char         *property_name,
                                                    const char * const *words,
                                                    MpConstraintFlags   flags,
                                                    GError            **error);

/* What a type declares, as readable text and words (what the reference and errors show). */
MP_AVAILABLE_IN_0_1
char         *mp_estimator_type_describe_state      (GType               estimator_type,
                                                    const char         *property_name);
MP_AVAILABLE_IN_0_1
char         *mp_estimator_type_describe_constraint (GType               estimator_type,
                                                    const char         *property_name);
MP_AVAILABLE_IN_0_1
char        **mp_estimator_type_list_words          (GType               estimator_type,
                                                    const char         *property_name);

G_END_DECLS
