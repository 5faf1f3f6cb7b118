/* mp-gradient-boosting-private.h: what GradientBoostingClassifier and
 * GradientBoostingRegressor share: their hyperparameters, their stages of
 * regression trees, and the boosting itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-decision-tree-private.h"
#include "mp-estimator.h"

G_BEGIN_DECLS

/* scikit-learn 1.2's BaseGradientBoosting hyperparameters. The tree
 * members are those of the trees each stage grows (their splitter is
 * always 'best': left NULL and not declared). None is -1 for integers and
 * NULL for strings. */
typedef struct {
  MpTreeHyperparameters  tree;
  char                  *loss;
  double                 learning_rate;
  gint64                 n_estimators;
  double                 subsample;
  char                  *init;
  gint64                 verbose;
  gboolean               warm_start;
  double                 validation_fraction;
  gint64                 n_iter_no_change;
  double                 tol;
  double                 alpha;       /* the regressor's */
} MpBoostingHyperparameters;

/* The fitted stages: n_stages (n_estimators_) stages of K regression
 * trees, stored stage after stage and, within a stage, class after class
 * (estimators_ flattened), in one set of node arrays with each tree's
 * node count. */
typedef struct {
  gint64        n_estimators_fitted;
  gint64        max_features_fitted;
  MpArray      *train_score;
  MpArray      *oob_improvement;
  MpArray      *tree_node_counts;
  MpTreeArrays  trees;
} MpBoostingState;

extern const char * const _mp_boosting_classifier_losses[];
extern const char * const _mp_boosting_regressor_losses[];
extern const char * const _mp_boosting_criteria[];
extern const char * const _mp_boosting_init_words[];

gboolean  _mp_boosting_check_classifier_loss (const GValue *value, GError **error);
gboolean  _mp_boosting_check_regressor_loss  (const GValue *value, GError **error);
gboolean  _mp_boosting_check_init            (const GValue *value, GError **error);

#define MP_BOOSTING_PARAM(base, member) ((base) + G_STRUCT_OFFSET (MpBoostingHyperparameters, member))
#define MP_BOOSTING_TREE(base) MP_BOOSTING_PARAM (base, tree)
#define MP_BOOSTING_STATE(base, member) ((base) + G_STRUCT_OFFSET (MpBoostingState, member))

#define MP_BOOSTING_DECL_LOSS(base, words_, default_, check_) \
  { .name = "loss", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_BOOSTING_PARAM (base, loss), .default_string = (default_), .words = (words_), \
    .check = (check_) }
#define MP_BOOSTING_DECL_LEARNING_RATE(base) \
  { .name = "learning-rate", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_BOOSTING_PARAM (base, learning_rate), .default_number = 0.1, \
    .interval = TRUE, .minimum = 0, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_BOOSTING_DECL_N_ESTIMATORS(base) \
  { .name = "n-estimators", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = MP_BOOSTING_PARAM (base, n_estimators), .default_number = 100, \
    .interval = TRUE, .minimum = 1, .maximum = INFINITY }
#define MP_BOOSTING_DECL_SUBSAMPLE(base) \
  { .name = "subsample", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_BOOSTING_PARAM (base, subsample), .default_number = 1.0, \
    .interval = TRUE, .minimum = 0, .maximum = 1, .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE }
#define MP_BOOSTING_DECL_CRITERION(base) \
  MP_TREE_DECL_CRITERION (MP_BOOSTING_TREE (base), _mp_boosting_criteria, "friedman_mse", NULL)
#define MP_BOOSTING_DECL_MAX_DEPTH(base) \
  { .name = "max-depth", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = MP_BOOSTING_TREE (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, max_depth), \
    .default_number = 3, .interval = TRUE, .minimum = 1, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_NONE_ALLOWED }
#define MP_BOOSTING_DECL_INIT(base) \
  { .name = "init", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_BOOSTING_PARAM (base, init), .words = _mp_boosting_init_words, \
    .constraint = MP_CONSTRAINT_NONE_ALLOWED, .check = _mp_boosting_check_init, \
    .check_text = "None or 'zero'" }
#define MP_BOOSTING_DECL_VERBOSE(base) \
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = MP_BOOSTING_PARAM (base, verbose), .default_number = 0, \
    .interval = TRUE, .minimum = 0, .maximum = INFINITY }
#define MP_BOOSTING_DECL_WARM_START(base) \
  { .name = "warm-start", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = MP_BOOSTING_PARAM (base, warm_start), .default_number = FALSE }
#define MP_BOOSTING_DECL_VALIDATION_FRACTION(base) \
  { .name = "validation-fraction", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_BOOSTING_PARAM (base, validation_fraction), .default_number = 0.1, \
    .interval = TRUE, .minimum = 0, .maximum = 1, \
    .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_BOOSTING_DECL_N_ITER_NO_CHANGE(base) \
  { .name = "n-iter-no-change", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = MP_BOOSTING_PARAM (base, n_iter_no_change), .default_number = -1, \
    .interval = TRUE, .minimum = 1, .maximum = INFINITY, .constraint = MP_CONSTRAINT_NONE_ALLOWED }
#define MP_BOOSTING_DECL_TOL(base) \
  { .name = "tol", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = MP_BOOSTING_PARAM (base, tol), .default_number = 1e-4, \
    .interval = TRUE, .minimum = 0, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }

/* The fitted state every boosting model has. n_estimators_ gives the
 * symbol n_stages; the node arrays give n_nodes, which the node counts
 * must add up to. */
#define MP_BOOSTING_DECL_N_ESTIMATORS_FITTED(base) \
  { .name = "n-estimators-fitted", .display_name = "n_estimators_", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_INT64, .offset = MP_BOOSTING_STATE (base, n_estimators_fitted), \
    .symbol = "n_stages", .interval = TRUE, .minimum = 1, .maximum = G_MAXINT32 }
#define MP_BOOSTING_DECL_MAX_FEATURES_FITTED(base) \
  { .name = "max-features-fitted", .display_name = "max_features_", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_INT64, .offset = MP_BOOSTING_STATE (base, max_features_fitted), \
    .interval = TRUE, .minimum = 1, .maximum = G_MAXINT32 }
#define MP_BOOSTING_DECL_TRAIN_SCORE(base) \
  { .name = "train-score", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_BOOSTING_STATE (base, train_score), .dtypes = "float64", .shape = "(n_stages,)", \
    .state = MP_STATE_FLAG_FINITE }
#define MP_BOOSTING_DECL_OOB_IMPROVEMENT(base) \
  { .name = "oob-improvement", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_BOOSTING_STATE (base, oob_improvement), .dtypes = "float64", .shape = "(n_stages,)", \
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_OPTIONAL }
#define MP_BOOSTING_DECL_TREE_NODE_COUNTS(base) \
  { .name = "tree-node-counts", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_BOOSTING_STATE (base, tree_node_counts), .dtypes = "int64", .shape = "(n_trees,)", \
    .state = MP_STATE_FLAG_COUNTS | MP_STATE_FLAG_POSITIVE, .bound = "n_nodes" }

#define MP_BOOSTING_TREES(base) MP_BOOSTING_STATE (base, trees)

/* Fits the stages as scikit-learn's BaseGradientBoosting.fit does, on @x
 * (checked float64) and @y: class indices 0 .. @n_classes - 1 as doubles
 * for a classifier (@n_classes >= 2: binomial deviance for 2, multinomial
 * for more), the targets for a regressor (@n_classes 0: the loss
 * @params names, with its alpha).
 * Stores the shared state on @estimator (the properties above) and
 * returns in *@init what the init estimator learnt (the class prior, or
 * the regressor's constant as one value: the mean, the median or the
 * alpha quantile), or NULL for init='zero'. @refit is whether the
 * estimator held a fitted model (refused with warm_start). */
gboolean  _mp_boosting_fit         (MpEstimator                      *estimator,
                                    const MpBoostingHyperparameters  *params,
                                    gboolean                          refit,
                                    MpArray                          *x,
                                    const double                     *y,
                                    gsize                             n_classes,
                                    MpArray                         **init,
                                    GError                          **error);

/* The raw predictions of each of @k trees per stage before any stage, as
 * scikit-learn's loss makes them from the init estimator: @init the class
 * prior (log-odds of the second class for 2 classes, log-priors for
 * more) or the regressor's constant (@n_classes 0); NULL for
 * init='zero'. @k values. */
double   *_mp_boosting_init_raw    (MpArray                          *init,
                                    gsize                             n_classes);

/* The raw predictions (n_samples x @k) for @x (checked): @init_raw, then
 * learning_rate times each stage's leaf values, stage after stage. */
double   *_mp_boosting_raw_predict (const MpBoostingState            *state,
                                    double                            learning_rate,
                                    gsize                             k,
                                    const double                     *init_raw,
                                    MpArray                          *x);

/* The loss's _raw_prediction_to_proba: [1 - expit(r), expit(r)] for two
 * classes (@raw n_samples values), nan_to_num(exp(raw - logsumexp(raw)))
 * row by row for more (@raw n_samples x @n_classes). */
void      _mp_boosting_proba       (const double                     *raw,
                                    gsize                             n_samples,
                                    gsize                             n_classes,
                                    double                           *proba);

/* validate's part: @k trees per stage, each a regression tree over
 * @n_features features. */
gboolean  _mp_boosting_check       (const MpBoostingState            *state,
                                    gsize                             k,
                                    gint64                            n_features,
                                    GError                          **error);

/* The string form of a count-or-fraction tree member; NULL otherwise. */
char     *_mp_boosting_format_param (const MpBoostingHyperparameters *params,
                                     GParamSpec                      *pspec);

G_END_DECLS
