/* mp-decision-tree-regressor.c: a CART decision tree regressor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-decision-tree-regressor.h"
#include "mp-decision-tree-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-decision-tree-regressor
 * @Title: MpDecisionTreeRegressor
 * @Short_description: a CART decision tree regressor
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) tree = g_object_new (MP_TYPE_DECISION_TREE_REGRESSOR,
 *                                             "max-depth", (gint64) 4,
 *                                             "min-samples-leaf", "5",
 *                                             NULL);
 * double r2 = 0.0;
 *
 * if (!mp_estimator_fit (tree, x, y, &error) ||
 *     !mp_estimator_score (tree, x, y, &r2, &error))
 *   g_warning ("DecisionTreeRegressor: %s", error->message);
 * ]|
 *
 * #MpDecisionTreeRegressor is scikit-learn's `DecisionTreeRegressor`: a
 * binary tree whose internal nodes each send a sample left when one
 * feature is at most a threshold, grown greedily by the split that lowers
 * the squared error most (#MpDecisionTreeRegressor:criterion `squared_error`,
 * or Friedman's improvement score with `friedman_mse`); a leaf predicts
 * the mean target of its training samples. Given the same data,
 * hyperparameters and #MpDecisionTreeRegressor:random-state, it grows the
 * same tree as scikit-learn 1.2, node for node, with the same sums in the
 * same order, so the thresholds and values have the same bits.
 *
 * The tree is stored as scikit-learn's `tree_` holds it, as flat node
 * arrays (#MpDecisionTreeRegressor:children-left, :children-right,
 * :feature, :threshold, :impurity, :n-node-samples,
 * :weighted-n-node-samples and :value), checked on load as
 * #MpDecisionTreeClassifier's are. mp_estimator_score() is the
 * coefficient of determination R² of the predictions. The criteria
 * `absolute_error` and `poisson` and multi-output targets are not
 * implemented.
 */

struct _MpDecisionTreeRegressor
{
  MpEstimator            parent_instance;

  MpTreeHyperparameters  params;

  gint64                 max_features_fitted;
  MpTreeArrays           tree;
};

G_DEFINE_FINAL_TYPE (MpDecisionTreeRegressor, mp_decision_tree_regressor, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpDecisionTreeRegressor, member)
#define PARAMS FIELD (params)
#define TREE FIELD (tree)

static const MpPropertyDecl properties[] = {
  /**
   * MpDecisionTreeRegressor:criterion:
   *
   * What a split lowers: `squared_error` (the default) or
   * `friedman_mse` (the squared error, with Friedman's improvement score
   * choosing between splits). `absolute_error` and `poisson` are refused.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_REGRESSOR_CRITERION (PARAMS),
  /**
   * MpDecisionTreeRegressor:splitter:
   *
   * `best` (the default) tries every threshold of each drawn feature;
   * `random` one random threshold per feature, as an extra tree does.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_SPLITTER (PARAMS),
  /**
   * MpDecisionTreeRegressor:max-depth:
   *
   * The deepest a leaf may be (>= 1), or -1 (`None`, the default): split
   * until the leaves are pure or too small.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_DEPTH (PARAMS),
  /**
   * MpDecisionTreeRegressor:min-samples-split:
   *
   * The fewest samples a node must have to be split: the text of an
   * integer >= 2 (default `2`) or of a fraction in (0, 1] of the training
   * samples (`0.1`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_SPLIT (PARAMS),
  /**
   * MpDecisionTreeRegressor:min-samples-leaf:
   *
   * The fewest samples a split may leave on either side: the text of an
   * integer >= 1 (default `1`) or of a fraction in (0, 1).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_LEAF (PARAMS),
  /**
   * MpDecisionTreeRegressor:min-weight-fraction-leaf:
   *
   * The smallest share of the total sample weight a split may leave on
   * either side, in [0, 0.5] (default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF (PARAMS),
  /**
   * MpDecisionTreeRegressor:max-features:
   *
   * How many features each split draws and tries: %NULL (`None`, the
   * default: all), `sqrt`, `log2`, the text of an integer >= 1 or of a
   * fraction in (0, 1] of the features. `auto`, deprecated by
   * scikit-learn 1.2, is all of them.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_FEATURES (PARAMS, NULL),
  /**
   * MpDecisionTreeRegressor:random-state:
   *
   * The seed of the feature draws, in [0, 2^32 - 1], or -1 (`None`, the
   * default: a new seed each fit). With all features tried, it still
   * decides between equally good splits.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_RANDOM_STATE (PARAMS),
  /**
   * MpDecisionTreeRegressor:max-leaf-nodes:
   *
   * The most leaves (>= 2), the best splits made first; -1 (`None`, the
   * default) for no limit.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_LEAF_NODES (PARAMS),
  /**
   * MpDecisionTreeRegressor:min-impurity-decrease:
   *
   * A node is split only if that lowers the weighted impurity by at
   * least this much (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_IMPURITY_DECREASE (PARAMS),
  /**
   * MpDecisionTreeRegressor:ccp-alpha:
   *
   * The strength of minimal cost-complexity pruning (>= 0, default 0:
   * none): after growing, the branches whose impurity decrease per
   * leaf is at most this are cut back to leaves, weakest first, as
   * scikit-learn's `ccp_alpha` prunes.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CCP_ALPHA (PARAMS),
  /**
   * MpDecisionTreeRegressor:max-features-fitted:
   *
   * How many features each split tried (`max_features_`), in
   * [1, n_features_in].
   *
   * Since: 0.1
   */
  { .name = "max-features-fitted", .display_name = "max_features_", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_INT64, .offset = FIELD (max_features_fitted),
    .interval = TRUE, .minimum = 1, .maximum = G_MAXINT32 },
  /**
   * MpDecisionTreeRegressor:children-left:
   *
   * Each node's left child, where samples with `x[feature] <= threshold`
   * go, or -1 at a leaf: int32 `(n_nodes,)` (`tree_.children_left`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_LEFT (TREE),
  /**
   * MpDecisionTreeRegressor:children-right:
   *
   * Each node's right child, or -1 at a leaf: int32 `(n_nodes,)`
   * (`tree_.children_right`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_RIGHT (TREE),
  /**
   * MpDecisionTreeRegressor:feature:
   *
   * The feature each node tests, -2 at a leaf: int32 `(n_nodes,)`
   * (`tree_.feature`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_FEATURE (TREE),
  /**
   * MpDecisionTreeRegressor:threshold:
   *
   * Each node's threshold, -2 at a leaf: float64 `(n_nodes,)`
   * (`tree_.threshold`). The feature is compared as a float32.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_THRESHOLD (TREE),
  /**
   * MpDecisionTreeRegressor:impurity:
   *
   * Each node's impurity by the criterion: float64 `(n_nodes,)`
   * (`tree_.impurity`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_IMPURITY (TREE),
  /**
   * MpDecisionTreeRegressor:n-node-samples:
   *
   * The training samples that reached each node: int64 `(n_nodes,)`
   * (`tree_.n_node_samples`), a node's the sum of its children's.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_N_NODE_SAMPLES (TREE),
  /**
   * MpDecisionTreeRegressor:weighted-n-node-samples:
   *
   * Their total weight: float64 `(n_nodes,)`
   * (`tree_.weighted_n_node_samples`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES (TREE),
  /**
   * MpDecisionTreeRegressor:value:
   *
   * The mean target of each node's training samples: float64
   * `(n_nodes,)` (`tree_.value`, without its axes of outputs and
   * classes).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_REGRESSOR_VALUE (TREE),
};

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

static gboolean
mp_decision_tree_regressor_fit (MpEstimator  *estimator,
                                MpArray      *x,
                                MpArray      *y,
                                GError      **error)
{
  MpDecisionTreeRegressor *self = MP_DECISION_TREE_REGRESSOR (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  g_autofree double *targets = NULL;
  g_autofree float *columns = NULL;
  g_auto(MpTreeGrown) grown = { 0, };
  MpTreeGrowth growth;
  MpTreeData data;

  targets = _mp_regression_targets (estimator, y, error);
  if (targets == NULL)
    return FALSE;
  if (!_mp_tree_resolve_growth (&self->params, FALSE, n_samples, n_features, (double) n_samples, &growth, error))
    return FALSE;
  growth.seed = _mp_tree_seed_from_random_state (self->params.random_state);

  columns = _mp_tree_x_columns (x);
  data.x_columns = columns;
  data.n_samples = n_samples;
  data.n_features = n_features;
  data.y = targets;
  data.n_classes = 0;
  _mp_tree_grow (&data, NULL, &growth, &grown);

  g_object_set (self, "max-features-fitted", (gint64) growth.max_features, NULL);
  _mp_tree_arrays_store (estimator, NULL, &grown, 1, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validate and predict                                                */
/* ------------------------------------------------------------------ */

static gboolean
mp_decision_tree_regressor_validate (MpEstimator  *estimator,
                                      GError      **error)
{
  MpDecisionTreeRegressor *self = MP_DECISION_TREE_REGRESSOR (estimator);
  gint64 n_features = mp_estimator_get_n_features_in (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_decision_tree_regressor_parent_class)->validate (estimator, error))
    return FALSE;
  if (self->max_features_fitted > n_features)
    return _mp_invalid_state (error, "max_features_: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " features",
                              self->max_features_fitted, n_features);
  return _mp_tree_arrays_check (&self->tree, NULL, 1, n_features, MP_TREE_VALUES_ANY, NULL, error);
}

static MpArray *
mp_decision_tree_regressor_predict (MpEstimator  *estimator,
                                    MpArray      *x,
                                    GError      **error)
{
  MpDecisionTreeRegressor *self = MP_DECISION_TREE_REGRESSOR (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  double *out = g_new0 (double, MAX (n_samples, 1));

  _mp_tree_add_leaf_values (G_OBJECT (self), &self->tree, x, out);
  return mp_array_new_take (MP_DTYPE_FLOAT64, &n_samples, 1, out);
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static char *
mp_decision_tree_regressor_format_param (MpEstimator *estimator,
                                          GParamSpec  *pspec)
{
  MpDecisionTreeRegressor *self = MP_DECISION_TREE_REGRESSOR (estimator);

  return _mp_tree_format_param (&self->params, pspec);
}

static void
mp_decision_tree_regressor_class_init (MpDecisionTreeRegressorClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_decision_tree_regressor_fit;
  estimator_class->predict = mp_decision_tree_regressor_predict;
  estimator_class->validate = mp_decision_tree_regressor_validate;
  estimator_class->format_param = mp_decision_tree_regressor_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_decision_tree_regressor_init (MpDecisionTreeRegressor *self)
{
}

/**
 * mp_decision_tree_regressor_new:
 *
 * Creates an #MpDecisionTreeRegressor with scikit-learn's default
 * hyperparameters (`DecisionTreeRegressor()`: squared error, every
 * feature tried, grown until the leaves are pure).
 *
 * Returns: (transfer full): a new #MpDecisionTreeRegressor
 *
 * Since: 0.1
 */
MpEstimator *
mp_decision_tree_regressor_new (void)
{
  return g_object_new (MP_TYPE_DECISION_TREE_REGRESSOR, NULL);
}
