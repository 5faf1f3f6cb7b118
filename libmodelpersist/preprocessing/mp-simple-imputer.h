/* mp-simple-imputer.h: fill missing values with a per-feature statistic
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"

G_BEGIN_DECLS

/**
 * MpImputerStrategy:
 * @MP_IMPUTER_STRATEGY_MEAN: each feature's mean (`'mean'`, the default)
 * @MP_IMPUTER_STRATEGY_MEDIAN: each feature's median (`'median'`)
 * @MP_IMPUTER_STRATEGY_MOST_FREQUENT: each feature's most frequent value,
 *   the smallest of those tied (`'most_frequent'`)
 * @MP_IMPUTER_STRATEGY_CONSTANT: #MpSimpleImputer:fill-value
 *   (`'constant'`)
 *
 * What an #MpSimpleImputer fills missing values with, computed from the
 * values present in each feature. Its nicks are the words
 * #MpSimpleImputer:strategy holds.
 *
 * Since: 0.1
 */
typedef enum {
  MP_IMPUTER_STRATEGY_MEAN,           /*< nick=mean >*/
  MP_IMPUTER_STRATEGY_MEDIAN,         /*< nick=median >*/
  MP_IMPUTER_STRATEGY_MOST_FREQUENT,  /*< nick=most_frequent >*/
  MP_IMPUTER_STRATEGY_CONSTANT,       /*< nick=constant >*/
} MpImputerStrategy;

/**
 * MP_TYPE_SIMPLE_IMPUTER:
 *
 * The #GType of #MpSimpleImputer.
 */
#define MP_TYPE_SIMPLE_IMPUTER (mp_simple_imputer_get_type ())

/**
 * MpSimpleImputer:
 *
 * A transformer that fills missing values; it has no public fields.
 *
 * Since: 0.1
 */

/* The MpSimpleImputer type, a final subclass of MpEstimator. */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpSimpleImputer, mp_simple_imputer, MP, SIMPLE_IMPUTER, MpEstimator)

/* A new MpSimpleImputer with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator     *mp_simple_imputer_new          (void);

G_END_DECLS
