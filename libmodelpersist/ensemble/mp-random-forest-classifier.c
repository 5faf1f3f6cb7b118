/* mp-random-forest-classifier.c: a random forest classifier
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-estimator-private.h"
#include "mp-forest-private.h"
#include "mp-random-forest-classifier.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-random-forest-classifier
 * @Title: MpRandomForestClassifier
 * @Short_description: a random forest classifier
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * MpArray *x = mp_dataset_get_data (wine);
 * g_autoptr(MpEstimator) forest = g_object_new (MP_TYPE_RANDOM_FOREST_CLASSIFIER,
 *                                               "n-estimators", 20,
 *                                               "random-state", (gint64) 0,
 *                                               NULL);
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_fit (forest, x, mp_dataset_get_target (wine), &error))
 *   proba = mp_estimator_predict_proba (forest, x, &error);   // 178 x 3
 * if (proba == NULL)
 *   g_warning ("RandomForestClassifier: %s", error->message);
 * ]|
 *
 * #MpRandomForestClassifier is scikit-learn's `RandomForestClassifier`: an average of
 * #MpRandomForestClassifier:n-estimators decision trees, each grown on a bootstrap sample
 * of the training set and splitting on the best of a random subset of the
 * features.
 * Given the same data, hyperparameters and #MpRandomForestClassifier:random-state, it
 * grows the same trees as scikit-learn 1.2 (the same seeds, bootstrap
 * samples and splits), whatever #MpRandomForestClassifier:n-jobs is, and predicts the
 * same: mp_estimator_predict_proba() is the mean of the trees' class probabilities and
 * mp_estimator_predict() the most probable class.
 *
 * The trees are stored as one set of scikit-learn's node arrays, tree
 * after tree (#MpRandomForestClassifier:tree-node-counts says where each ends), checked
 * on load as a decision tree's are: each tree a tree, every test on a
 * feature of the model, every leaf with samples to predict from.
 */

struct _MpRandomForestClassifier
{
  MpEstimator  parent_instance;
  MpForest     forest;
};

G_DEFINE_FINAL_TYPE (MpRandomForestClassifier, mp_random_forest_classifier, MP_TYPE_ESTIMATOR)

#define BASE G_STRUCT_OFFSET (MpRandomForestClassifier, forest)
#define TREE_PARAMS MP_FOREST_FIELD (BASE, tree_params)
#define TREES MP_FOREST_FIELD (BASE, trees)

static const MpPropertyDecl properties[] = {
  /**
   * MpRandomForestClassifier:n-estimators:
   *
   * The number of trees, in [1, 1000000] (default 100).
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_N_ESTIMATORS (BASE),

  /**
   * MpRandomForestClassifier:criterion:
   *
   * What each split lowers: `gini` (the default), `entropy` or
   * `log_loss` (the same as `entropy`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CLASSIFIER_CRITERION (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:max-depth:
   *
   * The deepest a leaf may be (>= 1), or -1 (`None`, the default).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_DEPTH (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:min-samples-split:
   *
   * The fewest samples a node must have to be split: the text of an
   * integer >= 2 (default `2`) or of a fraction in (0, 1].
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_SPLIT (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:min-samples-leaf:
   *
   * The fewest samples a split may leave on either side: the text of
   * an integer >= 1 (default `1`) or of a fraction in (0, 1).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_LEAF (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:min-weight-fraction-leaf:
   *
   * The smallest share of the total sample weight a split may leave
   * on either side, in [0, 0.5] (default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:max-features:
   *
   * How many features each split draws and tries: `sqrt` (the default),
   * `sqrt`, `log2`, %NULL (`None`: all), the text of an integer >= 1 or
   * of a fraction in (0, 1] of the features.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_FEATURES (TREE_PARAMS, "sqrt"),

  /**
   * MpRandomForestClassifier:max-leaf-nodes:
   *
   * The most leaves per tree (>= 2), the best splits made first; -1
   * (`None`, the default) for no limit.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_LEAF_NODES (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:min-impurity-decrease:
   *
   * A node is split only if that lowers the weighted impurity by at
   * least this much (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_IMPURITY_DECREASE (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:bootstrap:
   *
   * Whether each tree grows on a bootstrap sample (default %TRUE).
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_BOOTSTRAP (BASE, TRUE),

  /**
   * MpRandomForestClassifier:oob-score:
   *
   * Whether fit scores the forest on the samples each tree did not
   * draw (needs #MpRandomForestClassifier:bootstrap): #MpRandomForestClassifier:oob-score-value.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_OOB_SCORE (BASE),

  /**
   * MpRandomForestClassifier:n-jobs:
   *
   * How many threads fit and predict use: -1 (`None`, the default) for
   * every processor, -k for all but k - 1, or a count. scikit-learn's
   * `None` means one job; the trees and predictions are the same
   * whatever the number.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_N_JOBS (BASE),

  /**
   * MpRandomForestClassifier:random-state:
   *
   * The seed of the bootstrap samples and feature draws, in
   * [0, 2^32 - 1], or -1 (`None`, the default: a new seed each fit).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_RANDOM_STATE (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:verbose:
   *
   * scikit-learn's progress output level (>= 0), kept for conversion;
   * fit prints nothing.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_VERBOSE (BASE),

  /**
   * MpRandomForestClassifier:warm-start:
   *
   * Whether fit keeps the trees of a fitted forest and adds more, up to
   * #MpRandomForestClassifier:n-estimators, as scikit-learn does (the same seeds, the same
   * forest); fewer than there are is refused. Default %FALSE.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_WARM_START (BASE),

  /**
   * MpRandomForestClassifier:class-weight:
   *
   * Per-class factors of each sample's weight: %NULL (`None`, all 1),
   * `balanced` (n_samples / (n_classes * count of the class)),
   * `balanced_subsample` (the same on each tree's bootstrap sample) or a
   * dictionary literal such as `{0: 1.0, 2: 3.5}` whose keys are labels.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_CLASS_WEIGHT (BASE),

  /**
   * MpRandomForestClassifier:ccp-alpha:
   *
   * The cost-complexity pruning strength of each tree (>= 0, default
   * 0: none).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CCP_ALPHA (TREE_PARAMS),

  /**
   * MpRandomForestClassifier:max-samples:
   *
   * With #MpRandomForestClassifier:bootstrap, the size of each bootstrap sample:
   * %NULL (`None`, the default: n_samples), the text of an integer >= 1
   * or of a fraction in (0, 1] of the samples.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_MAX_SAMPLES (BASE),

  /**
   * MpRandomForestClassifier:classes:
   *
   * The sorted distinct training labels (`classes_`).
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_CLASSES (BASE),

  /**
   * MpRandomForestClassifier:max-features-fitted:
   *
   * How many features each split tried (`max_features_`).
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_MAX_FEATURES_FITTED (BASE),

  /**
   * MpRandomForestClassifier:tree-node-counts:
   *
   * The number of nodes of each tree, int64 `(n_trees,)`: the node
   * arrays below hold the trees one after another, each numbered from
   * its own root.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_TREE_NODE_COUNTS (BASE),

  /**
   * MpRandomForestClassifier:tree-seeds:
   *
   * Each tree's seed (`estimators_[i].random_state`), int64
   * `(n_trees,)`: its bootstrap sample is
   * `RandomState(seed).randint(0, n_samples, max_samples)`.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_TREE_SEEDS (BASE),

  /**
   * MpRandomForestClassifier:oob-score-value:
   *
   * The out-of-bag score (`oob_score_`): accuracy for a classifier, R²
   * for a regressor; NaN without #MpRandomForestClassifier:oob-score.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_OOB_SCORE_VALUE (BASE),

  /**
   * MpRandomForestClassifier:oob-decision-function:
   *
   * Each training sample's mean class probabilities over the trees
   * that did not draw it, float64 `(n_samples, n_classes)`
   * (`oob_decision_function_`); %NULL without #MpRandomForestClassifier:oob-score.
   *
   * Since: 0.1
   */
  MP_FOREST_DECL_OOB_DECISION_FUNCTION (BASE),

  /**
   * MpRandomForestClassifier:children-left:
   *
   * Each node's left child (samples with `x[feature] <= threshold`),
   * -1 at a leaf: int32 `(n_nodes,)`, all trees.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_LEFT (TREES),

  /**
   * MpRandomForestClassifier:children-right:
   *
   * Each node's right child, -1 at a leaf: int32 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_RIGHT (TREES),

  /**
   * MpRandomForestClassifier:feature:
   *
   * The feature each node tests, -2 at a leaf: int32 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_FEATURE (TREES),

  /**
   * MpRandomForestClassifier:threshold:
   *
   * Each node's threshold, -2 at a leaf: float64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_THRESHOLD (TREES),

  /**
   * MpRandomForestClassifier:impurity:
   *
   * Each node's impurity: float64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_IMPURITY (TREES),

  /**
   * MpRandomForestClassifier:n-node-samples:
   *
   * The training samples that reached each node: int64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_N_NODE_SAMPLES (TREES),

  /**
   * MpRandomForestClassifier:weighted-n-node-samples:
   *
   * Their total weight (bootstrap counts included): float64
   * `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES (TREES),

  /**
   * MpRandomForestClassifier:value:
   *
   * The weighted count of each class at each node: float64
   * `(n_nodes, n_classes)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CLASSIFIER_VALUE (TREES),
};

static void
mp_random_forest_classifier_class_init (MpRandomForestClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  /* the shared code finds the forest right after the parent */
  G_STATIC_ASSERT (G_STRUCT_OFFSET (MpRandomForestClassifier, forest) == sizeof (MpEstimator));

  estimator_class->fit = _mp_forest_fit;
  estimator_class->predict = _mp_forest_predict;
  estimator_class->predict_proba = _mp_forest_predict_proba;
  estimator_class->validate = _mp_forest_validate;
  estimator_class->format_param = _mp_forest_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
}

static void
mp_random_forest_classifier_init (MpRandomForestClassifier *self)
{
}

/**
 * mp_random_forest_classifier_new:
 *
 * Creates an #MpRandomForestClassifier with scikit-learn's default hyperparameters
 * (`RandomForestClassifier()`: 100 trees, max_features='sqrt', bootstrap samples).
 *
 * Returns: (transfer full): a new #MpRandomForestClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_random_forest_classifier_new (void)
{
  return g_object_new (MP_TYPE_RANDOM_FOREST_CLASSIFIER, NULL);
}
