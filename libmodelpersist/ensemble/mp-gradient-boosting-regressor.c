/* mp-gradient-boosting-regressor.c: gradient boosting for regression
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-gradient-boosting-regressor.h"
#include "mp-gradient-boosting-private.h"
#include "mp-property-table-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-gradient-boosting-regressor
 * @Title: MpGradientBoostingRegressor
 * @Short_description: gradient-boosted regression trees for regression
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) boosting = g_object_new (MP_TYPE_GRADIENT_BOOSTING_REGRESSOR,
 *                                                 "loss", "huber",
 *                                                 "n-estimators", (gint64) 30,
 *                                                 NULL);
 * g_autoptr(MpArray) predicted = NULL;
 *
 * if (mp_estimator_fit (boosting, x, y, &error))
 *   predicted = mp_estimator_predict (boosting, x, &error);
 * if (predicted == NULL)
 *   g_warning ("GradientBoostingRegressor: %s", error->message);
 * ]|
 *
 * #MpGradientBoostingRegressor is scikit-learn's
 * `GradientBoostingRegressor` with any of its losses (squared error,
 * absolute error, Huber, quantile): stage after stage, one regression tree
 * is fitted to the negative gradient of the loss at the predictions so
 * far (for the other losses than the squared error its leaves are then
 * set from the median or quantile of their residuals), and its
 * predictions, times
 * #MpGradientBoostingRegressor:learning-rate, are added to them; they
 * start from the mean target (the median, the quantile). Given the same data, hyperparameters and
 * #MpGradientBoostingRegressor:random-state, it grows the trees
 * scikit-learn 1.2 grows, to the bit.
 *
 * The trees are stored one after another in one set of node arrays
 * (#MpGradientBoostingRegressor:children-left and the others, as a
 * #MpDecisionTreeRegressor's) with each tree's node count in
 * #MpGradientBoostingRegressor:tree-node-counts; the loader checks every
 * tree as a decision tree's. The init estimator
 * (`DummyRegressor('mean')`) is kept as its constant,
 * #MpGradientBoostingRegressor:init-constant. mp_estimator_score() is the
 * coefficient of determination R². An estimator as `init` and warm
 * starts are not implemented; fit takes no sample weights.
 */

struct _MpGradientBoostingRegressor
{
  MpEstimator                parent_instance;

  MpBoostingHyperparameters  params;

  MpArray                   *init_constant;
  MpBoostingState            state;
};

G_DEFINE_FINAL_TYPE (MpGradientBoostingRegressor, mp_gradient_boosting_regressor, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpGradientBoostingRegressor, member)
#define PARAMS FIELD (params)
#define TREE MP_BOOSTING_TREE (PARAMS)
#define STATE FIELD (state)
#define TREES MP_BOOSTING_TREES (STATE)

static const MpPropertyDecl properties[] = {
  /**
   * MpGradientBoostingRegressor:loss:
   *
   * The loss the stages minimise: `squared_error` (the default),
   * `absolute_error`, `huber` (squared below the
   * #MpGradientBoostingRegressor:alpha quantile of the absolute
   * residuals, absolute above) or `quantile` (of
   * #MpGradientBoostingRegressor:alpha).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_LOSS (PARAMS, _mp_boosting_regressor_losses, "squared_error",
                         _mp_boosting_check_regressor_loss),
  /**
   * MpGradientBoostingRegressor:learning-rate:
   *
   * How much of each tree's prediction is added (>= 0, default 0.1).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_LEARNING_RATE (PARAMS),
  /**
   * MpGradientBoostingRegressor:n-estimators:
   *
   * The number of boosting stages (>= 1, default 100).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_N_ESTIMATORS (PARAMS),
  /**
   * MpGradientBoostingRegressor:subsample:
   *
   * The fraction of the samples each stage draws, in (0, 1] (default 1:
   * all); below 1 the others are out of bag, and
   * #MpGradientBoostingRegressor:oob-improvement is recorded.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_SUBSAMPLE (PARAMS),
  /**
   * MpGradientBoostingRegressor:criterion:
   *
   * How the trees choose splits: `friedman_mse` (the default) or
   * `squared_error`.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_CRITERION (PARAMS),
  /**
   * MpGradientBoostingRegressor:min-samples-split:
   *
   * The fewest samples a tree node must have to be split: the text of an
   * integer >= 2 (default `2`) or of a fraction in (0, 1].
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_SPLIT (TREE),
  /**
   * MpGradientBoostingRegressor:min-samples-leaf:
   *
   * The fewest samples a split may leave on either side: the text of an
   * integer >= 1 (default `1`) or of a fraction in (0, 1).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_LEAF (TREE),
  /**
   * MpGradientBoostingRegressor:min-weight-fraction-leaf:
   *
   * The smallest share of a stage's sample weight a split may leave on
   * either side, in [0, 0.5] (default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF (TREE),
  /**
   * MpGradientBoostingRegressor:max-depth:
   *
   * The deepest a tree's leaf may be (>= 1, default 3), or -1 (`None`).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_MAX_DEPTH (PARAMS),
  /**
   * MpGradientBoostingRegressor:min-impurity-decrease:
   *
   * A node is split only if that lowers the weighted impurity by at
   * least this much (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_IMPURITY_DECREASE (TREE),
  /**
   * MpGradientBoostingRegressor:init:
   *
   * What the predictions start from: %NULL (`None`, the default: the
   * mean target) or `zero`. An estimator is not
   * supported.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_INIT (PARAMS),
  /**
   * MpGradientBoostingRegressor:random-state:
   *
   * The seed of the subsamples, the trees' feature draws and the early
   * stopping split, in [0, 2^32 - 1], or -1 (`None`, the default: a new
   * seed each fit).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_RANDOM_STATE (TREE),
  /**
   * MpGradientBoostingRegressor:max-features:
   *
   * How many features each split tries: %NULL (`None`, the default:
   * all), `sqrt`, `log2`, the text of an integer >= 1 or of a fraction in
   * (0, 1]. `auto` (deprecated by scikit-learn 1.2) is all of them.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_FEATURES (TREE, NULL),
  /**
   * MpGradientBoostingRegressor:verbose:
   *
   * scikit-learn's progress output level (>= 0, default 0); kept, but
   * nothing is printed.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_VERBOSE (PARAMS),
  /**
   * MpGradientBoostingRegressor:max-leaf-nodes:
   *
   * The most leaves of a tree (>= 2), best splits first; -1 (`None`, the
   * default) for no limit.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_LEAF_NODES (TREE),
  /**
   * MpGradientBoostingRegressor:warm-start:
   *
   * Whether fitting again adds stages to the fitted ones (default
   * %FALSE). Not implemented: a fit with %TRUE fits anew when unfitted and
   * is refused on a fitted model.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_WARM_START (PARAMS),
  /**
   * MpGradientBoostingRegressor:validation-fraction:
   *
   * The fraction of the samples held out for early stopping, in (0, 1)
   * (default 0.1); used only with
   * #MpGradientBoostingRegressor:n-iter-no-change.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_VALIDATION_FRACTION (PARAMS),
  /**
   * MpGradientBoostingRegressor:n-iter-no-change:
   *
   * Early stopping: stop when the held-out loss has not improved by
   * #MpGradientBoostingRegressor:tol in this many stages (>= 1), or -1
   * (`None`, the default) to fit every stage.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_N_ITER_NO_CHANGE (PARAMS),
  /**
   * MpGradientBoostingRegressor:tol:
   *
   * The improvement early stopping asks for (>= 0, default 1e-4).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_TOL (PARAMS),
  /**
   * MpGradientBoostingRegressor:ccp-alpha:
   *
   * The trees' cost-complexity pruning strength (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CCP_ALPHA (TREE),
  /**
   * MpGradientBoostingRegressor:alpha:
   *
   * The quantile of the `quantile` loss and the `huber` loss's
   * threshold quantile, in (0, 1) (default 0.9); unused by the other
   * losses.
   *
   * Since: 0.1
   */
  { .name = "alpha", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = MP_BOOSTING_PARAM (PARAMS, alpha), .default_number = 0.9, .interval = TRUE, .minimum = 0, .maximum = 1,
    .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE },
  /**
   * MpGradientBoostingRegressor:init-constant:
   *
   * The init estimator, `DummyRegressor(strategy='mean')` (or
   * `strategy='quantile'`: the median for `absolute_error` and `huber`,
   * alpha for `quantile`), as its `constant_`: float64 `(1,)`; unset when `init_`
   * is `'zero'`.
   *
   * Since: 0.1
   */
  { .name = "init-constant", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (init_constant), .dtypes = "float64", .shape = "(1,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_OPTIONAL },
  /**
   * MpGradientBoostingRegressor:n-estimators-fitted:
   *
   * The number of stages fitted (`n_estimators_`): n_estimators, or fewer
   * after early stopping.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_N_ESTIMATORS_FITTED (STATE),
  /**
   * MpGradientBoostingRegressor:max-features-fitted:
   *
   * The resolved max_features (`max_features_`).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_MAX_FEATURES_FITTED (STATE),
  /**
   * MpGradientBoostingRegressor:train-score:
   *
   * The loss on the in-bag training samples after each stage
   * (`train_score_`): float64 `(n_stages,)`.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_TRAIN_SCORE (STATE),
  /**
   * MpGradientBoostingRegressor:oob-improvement:
   *
   * How much each stage lowered the out-of-bag loss
   * (`oob_improvement_`): float64 `(n_stages,)`, set when fitted with
   * subsample < 1.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_OOB_IMPROVEMENT (STATE),
  /**
   * MpGradientBoostingRegressor:children-left:
   *
   * Each node's left child within its tree, or -1 at a leaf: int32
   * `(n_nodes,)`, the trees one after another.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_LEFT (TREES),
  /**
   * MpGradientBoostingRegressor:children-right:
   *
   * Each node's right child within its tree, or -1 at a leaf: int32
   * `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_RIGHT (TREES),
  /**
   * MpGradientBoostingRegressor:feature:
   *
   * The feature each node tests, -2 at a leaf: int32 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_FEATURE (TREES),
  /**
   * MpGradientBoostingRegressor:threshold:
   *
   * Each node's threshold, -2 at a leaf: float64 `(n_nodes,)`; the
   * feature is compared as a float32.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_THRESHOLD (TREES),
  /**
   * MpGradientBoostingRegressor:impurity:
   *
   * Each node's impurity: float64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_IMPURITY (TREES),
  /**
   * MpGradientBoostingRegressor:n-node-samples:
   *
   * The in-bag training samples that reached each node: int64
   * `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_N_NODE_SAMPLES (TREES),
  /**
   * MpGradientBoostingRegressor:weighted-n-node-samples:
   *
   * Their total weight: float64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES (TREES),
  /**
   * MpGradientBoostingRegressor:value:
   *
   * Each node's mean residual: float64 `(n_nodes,)`; at a leaf what the
   * stage adds (times the learning rate): that mean for `squared_error`,
   * the median, alpha-quantile or Huber step of the leaf's residuals for the
   * others.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_REGRESSOR_VALUE (TREES),
  /**
   * MpGradientBoostingRegressor:tree-node-counts:
   *
   * How many nodes each tree has: int64 `(n_trees,)`, one tree per
   * stage (n_trees = n_estimators_); they add up to n_nodes.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_TREE_NODE_COUNTS (STATE),
};

static gboolean
mp_gradient_boosting_regressor_fit (MpEstimator  *estimator,
                                    MpArray      *x,
                                    MpArray      *y,
                                    GError      **error)
{
  MpGradientBoostingRegressor *self = MP_GRADIENT_BOOSTING_REGRESSOR (estimator);
  gboolean refit = self->state.tree_node_counts != NULL;
  g_autoptr(MpArray) constant = NULL;
  g_autofree double *targets = NULL;

  targets = _mp_regression_targets (estimator, y, error);
  if (targets == NULL)
    return FALSE;
  if (!_mp_boosting_fit (estimator, &self->params, refit, x, targets, 0, &constant, error))
    return FALSE;
  g_object_set (self, "init-constant", constant, NULL);
  return TRUE;
}

static gboolean
mp_gradient_boosting_regressor_validate (MpEstimator  *estimator,
                                         GError      **error)
{
  MpGradientBoostingRegressor *self = MP_GRADIENT_BOOSTING_REGRESSOR (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_gradient_boosting_regressor_parent_class)->validate (estimator, error))
    return FALSE;
  return _mp_boosting_check (&self->state, 1, mp_estimator_get_n_features_in (estimator), error);
}

static MpArray *
mp_gradient_boosting_regressor_predict (MpEstimator  *estimator,
                                        MpArray      *x,
                                        GError      **error)
{
  MpGradientBoostingRegressor *self = MP_GRADIENT_BOOSTING_REGRESSOR (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  g_autofree double *init_raw = _mp_boosting_init_raw (self->init_constant, 0);

  return mp_array_new_take (MP_DTYPE_FLOAT64, &n_samples, 1,
                            _mp_boosting_raw_predict (&self->state, self->params.learning_rate, 1,
                                                      init_raw, x));
}

static char *
mp_gradient_boosting_regressor_format_param (MpEstimator *estimator,
                                             GParamSpec  *pspec)
{
  MpGradientBoostingRegressor *self = MP_GRADIENT_BOOSTING_REGRESSOR (estimator);

  return _mp_boosting_format_param (&self->params, pspec);
}

static void
mp_gradient_boosting_regressor_class_init (MpGradientBoostingRegressorClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_gradient_boosting_regressor_fit;
  estimator_class->predict = mp_gradient_boosting_regressor_predict;
  estimator_class->validate = mp_gradient_boosting_regressor_validate;
  estimator_class->format_param = mp_gradient_boosting_regressor_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_gradient_boosting_regressor_init (MpGradientBoostingRegressor *self)
{
}

/**
 * mp_gradient_boosting_regressor_new:
 *
 * Creates an #MpGradientBoostingRegressor with scikit-learn's default
 * hyperparameters (`GradientBoostingRegressor()`: 100 stages of trees of
 * depth 3, learning rate 0.1, squared error).
 *
 * Returns: (transfer full): a new #MpGradientBoostingRegressor
 *
 * Since: 0.1
 */
MpEstimator *
mp_gradient_boosting_regressor_new (void)
{
  return g_object_new (MP_TYPE_GRADIENT_BOOSTING_REGRESSOR, NULL);
}
