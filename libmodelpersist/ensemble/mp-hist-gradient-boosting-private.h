/* mp-hist-gradient-boosting-private.h: what the histogram gradient
 * boosting classifier and regressor share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <math.h>

#include "mp-estimator.h"
#include "mp-property-table-private.h"

G_BEGIN_DECLS

/* The losses fit knows (scikit-learn's _loss classes). */
typedef enum {
  MP_HGB_LOSS_SQUARED_ERROR,   /* HalfSquaredError, identity link */
  MP_HGB_LOSS_BINOMIAL,        /* HalfBinomialLoss, logit link */
  MP_HGB_LOSS_MULTINOMIAL,     /* HalfMultinomialLoss, softmax */
  MP_HGB_LOSS_POISSON,         /* HalfPoissonLoss, log link */
  MP_HGB_LOSS_ABSOLUTE_ERROR,  /* AbsoluteError, leaves re-fitted to medians */
} MpHgbLoss;

/* The hyperparameters and fitted state both estimators have, the first
 * member after the parent instance of each. */
typedef struct {
  /* hyperparameters */
  double    learning_rate;
  int       max_iter;
  int       max_leaf_nodes;        /* -1: None */
  int       max_depth;             /* -1: None */
  int       min_samples_leaf;
  double    l2_regularization;
  int       max_bins;
  char     *categorical_features;  /* None, "[0, 2]" or "[False, True, ...]" */
  char     *monotonic_cst;         /* None only */
  char     *interaction_cst;       /* None only */
  gboolean  warm_start;
  char     *early_stopping;        /* 'auto', 'true', 'false' */
  char     *scoring;               /* 'loss' */
  char     *validation_fraction;   /* a fraction in (0, 1), or 'none' for
                                      scikit-learn's None (a string with a
                                      default cannot hold NULL) */
  int       n_iter_no_change;
  double    tol;
  int       verbose;
  gint64    random_state;

  /* fitted state */
  int       n_trees_per_iteration;
  int       n_iter;
  gboolean  do_early_stopping;
  gint64    random_seed;
  MpArray  *baseline_prediction;
  MpArray  *is_categorical;
  MpArray  *bin_threshold_counts;
  MpArray  *bin_thresholds;
  MpArray  *tree_node_counts;
  MpArray  *tree_bitset_counts;
  MpArray  *node_value;
  MpArray  *node_count;
  MpArray  *node_feature;
  MpArray  *node_threshold;
  MpArray  *node_missing_go_to_left;
  MpArray  *node_left;
  MpArray  *node_right;
  MpArray  *node_gain;
  MpArray  *node_is_categorical;
  MpArray  *node_bitset_idx;
  MpArray  *node_bin_threshold;
  MpArray  *raw_left_cat_bitsets;
  MpArray  *binned_left_cat_bitsets;
  MpArray  *train_score;
  MpArray  *validation_score;
} MpHgbCommon;

/* The words are not declared as words: 'true', 'false' and 'none' stand
 * for Python's True, False and None, which scikit-learn spells without
 * quotes; the checks accept them. */
extern const char * const _mp_hgb_scoring_words[];

gboolean _mp_hgb_check_early_stopping       (const GValue *value, GError **error);
gboolean _mp_hgb_check_none                 (const GValue *value, GError **error);

gboolean _mp_hgb_check_categorical_features (const GValue *value, GError **error);
gboolean _mp_hgb_refuse_constraints         (const GValue *value, GError **error);
gboolean _mp_hgb_refuse_scoring             (const GValue *value, GError **error);

/* The table entries both estimators declare, at @base, the offset of
 * their MpHgbCommon. Their documentation is in each class's file. */
#define MP_HGB_FIELD(base, member) ((base) + G_STRUCT_OFFSET (MpHgbCommon, member))

#define MP_HGB_DECL_HYPERPARAMETERS(base) \
  { .name = "learning-rate", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_HGB_FIELD (base, learning_rate), .default_number = 0.1, .interval = TRUE, \
    .maximum = INFINITY, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }, \
  { .name = "max-iter", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, max_iter), .default_number = 100, .interval = TRUE, .minimum = 1, \
    .maximum = INFINITY }, \
  { .name = "max-leaf-nodes", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, max_leaf_nodes), .default_number = 31, .interval = TRUE, .minimum = 2, \
    .maximum = INFINITY, .constraint = MP_CONSTRAINT_NONE_ALLOWED }, \
  { .name = "max-depth", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, max_depth), .default_number = -1, .interval = TRUE, .minimum = 1, \
    .maximum = INFINITY, .constraint = MP_CONSTRAINT_NONE_ALLOWED }, \
  { .name = "min-samples-leaf", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, min_samples_leaf), .default_number = 20, .interval = TRUE, .minimum = 1, \
    .maximum = INFINITY }, \
  { .name = "l2-regularization", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_HGB_FIELD (base, l2_regularization), .interval = TRUE, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }, \
  { .name = "max-bins", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, max_bins), .default_number = 255, .interval = TRUE, .minimum = 2, \
    .maximum = 255 }, \
  { .name = "categorical-features", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_HGB_FIELD (base, categorical_features), .constraint = MP_CONSTRAINT_NONE_ALLOWED, \
    .check = _mp_hgb_check_categorical_features, \
    .check_text = "a list of feature indices such as [0, 3] or a boolean mask such as [False, True]" }, \
  { .name = "monotonic-cst", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_HGB_FIELD (base, monotonic_cst), .constraint = MP_CONSTRAINT_NONE_ALLOWED, \
    .check = _mp_hgb_refuse_constraints, .check_text = "None (constraints are not implemented)" }, \
  { .name = "interaction-cst", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_HGB_FIELD (base, interaction_cst), .constraint = MP_CONSTRAINT_NONE_ALLOWED, \
    .check = _mp_hgb_refuse_constraints, .check_text = "None (constraints are not implemented)" }, \
  { .name = "warm-start", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = MP_HGB_FIELD (base, warm_start) }, \
  { .name = "early-stopping", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_HGB_FIELD (base, early_stopping), .default_string = "auto", \
    .check = _mp_hgb_check_early_stopping, .check_text = "'auto', 'true' or 'false'" }, \
  { .name = "scoring", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_HGB_FIELD (base, scoring), .default_string = "loss", .words = _mp_hgb_scoring_words, \
    .check = _mp_hgb_refuse_scoring, .check_text = "'loss' (scorers are not implemented)" }, \
  { .name = "validation-fraction", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_HGB_FIELD (base, validation_fraction), .default_string = "0.1", \
    .interval = TRUE, .minimum = 0, .maximum = 1, \
    .constraint = MP_CONSTRAINT_NUMBER_ALLOWED | MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE, \
    .check = _mp_hgb_check_none, .check_text = "'none' (scikit-learn's None)" }, \
  { .name = "n-iter-no-change", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, n_iter_no_change), .default_number = 10, .interval = TRUE, .minimum = 1, \
    .maximum = INFINITY }, \
  { .name = "tol", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_HGB_FIELD (base, tol), .default_number = 1e-7, .interval = TRUE, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }, \
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, verbose), .interval = TRUE, .maximum = INFINITY }, \
  { .name = "random-state", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = MP_HGB_FIELD (base, random_state), .default_number = -1, .interval = TRUE, \
    .maximum = G_MAXUINT32, .constraint = MP_CONSTRAINT_NONE_ALLOWED }

#define MP_HGB_ARRAY(base, prop, member, type, dims, flags) \
  { .name = prop, .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_HGB_FIELD (base, member), .dtypes = type, .shape = dims, .state = (flags) }

/* Symbols bind in declaration order: n_trees_per_iteration first, the
 * counts before the arrays they size. */
#define MP_HGB_DECL_FITTED(base) \
  { .name = "n-trees-per-iteration", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, n_trees_per_iteration), .symbol = "n_trees_per_iteration", \
    .interval = TRUE, .minimum = 1, .maximum = INFINITY }, \
  { .name = "n-iter", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_INT, \
    .offset = MP_HGB_FIELD (base, n_iter), .interval = TRUE, .minimum = 1, .maximum = INFINITY }, \
  { .name = "do-early-stopping", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_BOOLEAN, \
    .offset = MP_HGB_FIELD (base, do_early_stopping) }, \
  { .name = "random-seed", .display_name = "_random_seed", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_INT64, .offset = MP_HGB_FIELD (base, random_seed), .interval = TRUE, \
    .maximum = G_MAXUINT32 }, \
  MP_HGB_ARRAY (base, "baseline-prediction", baseline_prediction, "float64", "(n_trees_per_iteration,)", \
                MP_STATE_FLAG_FINITE), \
  MP_HGB_ARRAY (base, "is-categorical", is_categorical, "uint8", "(n_features_in,)", MP_STATE_FLAG_NONE), \
  { .name = "bin-threshold-counts", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_HGB_FIELD (base, bin_threshold_counts), .dtypes = "int32", .shape = "(n_features_in,)", \
    .state = MP_STATE_FLAG_COUNTS, .bound = "n_thresholds" }, \
  MP_HGB_ARRAY (base, "bin-thresholds", bin_thresholds, "float64", "(n_thresholds,)", MP_STATE_FLAG_NONE), \
  { .name = "tree-node-counts", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_HGB_FIELD (base, tree_node_counts), .dtypes = "int32", .shape = "(n_trees,)", \
    .state = MP_STATE_FLAG_COUNTS | MP_STATE_FLAG_NON_EMPTY, .bound = "n_nodes" }, \
  MP_HGB_ARRAY (base, "tree-bitset-counts", tree_bitset_counts, "int32", "(n_trees,)", \
                MP_STATE_FLAG_NON_NEGATIVE), \
  MP_HGB_ARRAY (base, "node-value", node_value, "float64", "(n_nodes,)", MP_STATE_FLAG_FINITE), \
  MP_HGB_ARRAY (base, "node-count", node_count, "int32", "(n_nodes,)", MP_STATE_FLAG_NON_NEGATIVE), \
  MP_HGB_ARRAY (base, "node-feature", node_feature, "int32", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-threshold", node_threshold, "float64", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-missing-go-to-left", node_missing_go_to_left, "uint8", "(n_nodes,)", \
                MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-left", node_left, "int32", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-right", node_right, "int32", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-gain", node_gain, "float64", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-is-categorical", node_is_categorical, "uint8", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-bitset-idx", node_bitset_idx, "int32", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "node-bin-threshold", node_bin_threshold, "uint8", "(n_nodes,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "raw-left-cat-bitsets", raw_left_cat_bitsets, "int32", "(n_bitset_words,)", \
                MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "binned-left-cat-bitsets", binned_left_cat_bitsets, "int32", "(n_bitset_words,)", \
                MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "train-score", train_score, "float64", "(n_train_scores,)", MP_STATE_FLAG_NONE), \
  MP_HGB_ARRAY (base, "validation-score", validation_score, "float64", "(n_validation_scores,)", \
                MP_STATE_FLAG_NONE)

/* The string form of the hyperparameters the default form would show
 * otherwise (-1 as None, a fraction unquoted); NULL for the others. */
char     *_mp_hgb_format_param (MpHgbCommon      *common,
                                GParamSpec       *pspec);

/* What both classes declare besides their tables (the input flags). */
void      _mp_hgb_class_init   (MpEstimatorClass *klass);

/* Fits @common's trees to @y (float64 targets: numbers, or class indices
 * 0..n_classes - 1 for the log losses, whose labels @stratify holds),
 * each sample weighted by @sample_weight (NULL: all 1);
 * with warm_start and a fitted estimator, grows more trees on the
 * previous ones. */
gboolean  _mp_hgb_fit          (MpEstimator   *estimator,
                                MpHgbCommon   *common,
                                MpHgbLoss      loss,
                                gsize          n_trees_per_iteration,
                                MpArray       *x,
                                const double  *y,
                                const double  *sample_weight,
                                MpArray       *stratify,
                                GError       **error);

/* The raw predictions, n_samples x n_trees_per_iteration float64. */
double   *_mp_hgb_raw_predict  (MpEstimator   *estimator,
                                MpHgbCommon   *common,
                                MpArray       *x);

/* What the declarations cannot say: the trees' topology, features and
 * bitsets in range, counts consistent, thresholds and categories sane. */
gboolean  _mp_hgb_validate     (MpEstimator   *estimator,
                                MpHgbCommon   *common,
                                GError       **error);

G_END_DECLS
