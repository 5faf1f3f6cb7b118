/* mp-decision-tree-classifier.c: a CART decision tree classifier
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-decision-tree-classifier.h"
#include "mp-decision-tree-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-labels-private.h"
#include "mp-pairwise-sum-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-decision-tree-classifier
 * @Title: MpDecisionTreeClassifier
 * @Short_description: a CART decision tree classifier
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * g_autoptr(MpEstimator) tree = g_object_new (MP_TYPE_DECISION_TREE_CLASSIFIER,
 *                                             "max-depth", (gint64) 3,
 *                                             "criterion", "entropy",
 *                                             NULL);
 * g_autoptr(MpArray) labels = NULL;
 *
 * if (mp_estimator_fit (tree, x, mp_dataset_get_target (iris), &error))
 *   labels = mp_estimator_predict (tree, x, &error);
 * if (labels == NULL)
 *   g_warning ("DecisionTreeClassifier: %s", error->message);
 * ]|
 *
 * #MpDecisionTreeClassifier is scikit-learn's `DecisionTreeClassifier`: a
 * binary tree whose internal nodes each send a sample left when one
 * feature is at most a threshold, grown greedily by the split that lowers
 * the Gini impurity or the entropy most (#MpDecisionTreeClassifier:criterion).
 * Given the same data, hyperparameters and #MpDecisionTreeClassifier:random-state,
 * it grows the same tree as scikit-learn 1.2, node for node: the features
 * are drawn in the same order from the same generator, the samples sorted
 * by the same sort, and X read as float32 as scikit-learn reads it.
 *
 * The tree is stored as scikit-learn's `tree_` holds it, as flat node
 * arrays (#MpDecisionTreeClassifier:children-left, :children-right,
 * :feature, :threshold, :impurity, :n-node-samples,
 * :weighted-n-node-samples and :value), numbered from the root with each
 * child after its parent. The loader checks that they form one tree (no
 * cycle, no shared or unreachable node, no child past the end, at most
 * 100,000 levels), that every test names a feature of the model, and that
 * every leaf holds samples to predict from, before anything walks it.
 *
 * mp_estimator_predict() gives the class with the most (weighted)
 * training samples in the sample's leaf, mp_estimator_predict_proba() the
 * classes' shares there. Multi-output targets are not implemented.
 */

struct _MpDecisionTreeClassifier
{
  MpEstimator            parent_instance;

  MpTreeHyperparameters  params;
  char                  *class_weight;

  MpArray               *classes;
  gint64                 max_features_fitted;
  MpTreeArrays           tree;
};

G_DEFINE_FINAL_TYPE (MpDecisionTreeClassifier, mp_decision_tree_classifier, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpDecisionTreeClassifier, member)
#define PARAMS FIELD (params)
#define TREE FIELD (tree)

static const char * const class_weight_words[] = { "balanced", NULL };

static const MpPropertyDecl properties[] = {
  /**
   * MpDecisionTreeClassifier:criterion:
   *
   * What a split lowers: `gini` (the default), `entropy` or `log_loss`
   * (the same as `entropy`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CLASSIFIER_CRITERION (PARAMS),
  /**
   * MpDecisionTreeClassifier:splitter:
   *
   * `best` (the default) tries every threshold of each drawn feature;
   * `random` one random threshold per feature, as an extra tree does.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_SPLITTER (PARAMS),
  /**
   * MpDecisionTreeClassifier:max-depth:
   *
   * The deepest a leaf may be (>= 1), or -1 (`None`, the default): split
   * until the leaves are pure or too small.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_DEPTH (PARAMS),
  /**
   * MpDecisionTreeClassifier:min-samples-split:
   *
   * The fewest samples a node must have to be split: the text of an
   * integer >= 2 (default `2`) or of a fraction in (0, 1] of the training
   * samples (`0.1`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_SPLIT (PARAMS),
  /**
   * MpDecisionTreeClassifier:min-samples-leaf:
   *
   * The fewest samples a split may leave on either side: the text of an
   * integer >= 1 (default `1`) or of a fraction in (0, 1).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_LEAF (PARAMS),
  /**
   * MpDecisionTreeClassifier:min-weight-fraction-leaf:
   *
   * The smallest share of the total sample weight a split may leave on
   * either side, in [0, 0.5] (default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF (PARAMS),
  /**
   * MpDecisionTreeClassifier:max-features:
   *
   * How many features each split draws and tries: %NULL (`None`, the
   * default: all), `sqrt`, `log2`, the text of an integer >= 1 or of a
   * fraction in (0, 1] of the features. `auto`, deprecated by
   * scikit-learn 1.2, is `sqrt`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_FEATURES (PARAMS, NULL),
  /**
   * MpDecisionTreeClassifier:random-state:
   *
   * The seed of the feature draws, in [0, 2^32 - 1], or -1 (`None`, the
   * default: a new seed each fit). With all features tried, it still
   * decides between equally good splits.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_RANDOM_STATE (PARAMS),
  /**
   * MpDecisionTreeClassifier:max-leaf-nodes:
   *
   * The most leaves (>= 2), the best splits made first; -1 (`None`, the
   * default) for no limit.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_LEAF_NODES (PARAMS),
  /**
   * MpDecisionTreeClassifier:min-impurity-decrease:
   *
   * A node is split only if that lowers the weighted impurity by at
   * least this much (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_IMPURITY_DECREASE (PARAMS),
  /**
   * MpDecisionTreeClassifier:class-weight:
   *
   * Per-class factors of each sample's weight: %NULL (`None`, all 1),
   * `balanced` (n_samples / (n_classes * count of the class)) or a
   * dictionary literal such as `{0: 1.0, 2: 3.5}` whose keys are class
   * labels.
   *
   * Since: 0.1
   */
  { .name = "class-weight", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (class_weight), .words = class_weight_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = _mp_class_weight_check, .check_text = "a dictionary {label: weight >= 0}" },
  /**
   * MpDecisionTreeClassifier:ccp-alpha:
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
   * MpDecisionTreeClassifier:classes:
   *
   * The sorted distinct training labels (`classes_`).
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY },
  /**
   * MpDecisionTreeClassifier:max-features-fitted:
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
   * MpDecisionTreeClassifier:children-left:
   *
   * Each node's left child, where samples with `x[feature] <= threshold`
   * go, or -1 at a leaf: int32 `(n_nodes,)` (`tree_.children_left`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_LEFT (TREE),
  /**
   * MpDecisionTreeClassifier:children-right:
   *
   * Each node's right child, or -1 at a leaf: int32 `(n_nodes,)`
   * (`tree_.children_right`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_RIGHT (TREE),
  /**
   * MpDecisionTreeClassifier:feature:
   *
   * The feature each node tests, -2 at a leaf: int32 `(n_nodes,)`
   * (`tree_.feature`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_FEATURE (TREE),
  /**
   * MpDecisionTreeClassifier:threshold:
   *
   * Each node's threshold, -2 at a leaf: float64 `(n_nodes,)`
   * (`tree_.threshold`). The feature is compared as a float32.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_THRESHOLD (TREE),
  /**
   * MpDecisionTreeClassifier:impurity:
   *
   * Each node's impurity by the criterion: float64 `(n_nodes,)`
   * (`tree_.impurity`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_IMPURITY (TREE),
  /**
   * MpDecisionTreeClassifier:n-node-samples:
   *
   * The training samples that reached each node: int64 `(n_nodes,)`
   * (`tree_.n_node_samples`), a node's the sum of its children's.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_N_NODE_SAMPLES (TREE),
  /**
   * MpDecisionTreeClassifier:weighted-n-node-samples:
   *
   * Their total weight: float64 `(n_nodes,)`
   * (`tree_.weighted_n_node_samples`).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES (TREE),
  /**
   * MpDecisionTreeClassifier:value:
   *
   * The weighted count of each class among each node's training samples:
   * float64 `(n_nodes, n_classes)` (`tree_.value`, without its axis of
   * outputs).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CLASSIFIER_VALUE (TREE),
};

/* ------------------------------------------------------------------ */
/* Fit                                                                 */
/* ------------------------------------------------------------------ */

static gboolean
mp_decision_tree_classifier_fit (MpEstimator  *estimator,
                                 MpArray      *x,
                                 MpArray      *y,
                                 GError      **error)
{
  MpDecisionTreeClassifier *self = MP_DECISION_TREE_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree double *class_weights = NULL;
  g_autofree double *sample_weight = NULL;
  g_autofree double *targets = NULL;
  g_autofree float *columns = NULL;
  g_auto(MpTreeGrown) grown = { 0, };
  double total_weight = (double) n_samples;
  MpTreeGrowth growth;
  MpTreeData data;

  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;
  if (self->class_weight != NULL)
    {
      if (!_mp_class_weight_compute (self->class_weight, classes, indices, n_samples, &class_weights, error))
        return FALSE;
      sample_weight = g_new (double, MAX (n_samples, 1));
      for (gsize i = 0; i < n_samples; i++)
        sample_weight[i] = class_weights[indices[i]];
      total_weight = _mp_pairwise_sum (sample_weight, n_samples);
    }
  if (!_mp_tree_resolve_growth (&self->params, TRUE, n_samples, n_features, total_weight, &growth, error))
    return FALSE;
  growth.seed = _mp_tree_seed_from_random_state (self->params.random_state);

  targets = g_new (double, MAX (n_samples, 1));
  for (gsize i = 0; i < n_samples; i++)
    targets[i] = indices[i];
  columns = _mp_tree_x_columns (x);
  data.x_columns = columns;
  data.n_samples = n_samples;
  data.n_features = n_features;
  data.y = targets;
  data.n_classes = mp_array_get_n_elements (classes);
  _mp_tree_grow (&data, sample_weight, &growth, &grown);

  g_object_set (self,
                "classes", classes,
                "max-features-fitted", (gint64) growth.max_features,
                NULL);
  _mp_tree_arrays_store (estimator, NULL, &grown, 1, TRUE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validate and predict                                                */
/* ------------------------------------------------------------------ */

static gboolean
mp_decision_tree_classifier_validate (MpEstimator  *estimator,
                                      GError      **error)
{
  MpDecisionTreeClassifier *self = MP_DECISION_TREE_CLASSIFIER (estimator);
  gint64 n_features = mp_estimator_get_n_features_in (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_decision_tree_classifier_parent_class)->validate (estimator, error))
    return FALSE;
  if (!_mp_check_classes (self->classes, 1, error))
    return FALSE;
  if (self->max_features_fitted > n_features)
    return _mp_invalid_state (error, "max_features_: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " features",
                              self->max_features_fitted, n_features);
  return _mp_tree_arrays_check (&self->tree, NULL, 1, n_features, MP_TREE_VALUES_COUNTS, NULL, error);
}

/* The weighted class counts of each sample's leaf */
static double *
leaf_counts (MpDecisionTreeClassifier *self,
             MpArray                  *x,
             MpTreeView               *view)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  double *counts;

  _mp_tree_arrays_view (&self->tree, 0, mp_array_get_n_elements (self->tree.children_left), view);
  counts = g_new0 (double, MAX (n_samples * view->n_values, 1));
  _mp_tree_add_leaf_values (G_OBJECT (self), &self->tree, x, counts);
  return counts;
}

static MpArray *
mp_decision_tree_classifier_predict (MpEstimator  *estimator,
                                     MpArray      *x,
                                     GError      **error)
{
  MpDecisionTreeClassifier *self = MP_DECISION_TREE_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  g_autofree double *counts = NULL;
  g_autofree gint32 *winners = NULL;
  MpTreeView view;

  counts = leaf_counts (self, x, &view);
  winners = _mp_row_argmax (counts, n_samples, view.n_values);
  return _mp_decode_labels (self->classes, winners, n_samples);
}

/* The counts over their sum, as scikit-learn's predict_proba divides
 * them (a leaf's sum is positive: validate checked it). */
static MpArray *
mp_decision_tree_classifier_predict_proba (MpEstimator  *estimator,
                                           MpArray      *x,
                                           GError      **error)
{
  MpDecisionTreeClassifier *self = MP_DECISION_TREE_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  MpTreeView view;
  double *counts = leaf_counts (self, x, &view);
  gsize shape[2] = { n_samples, view.n_values };

  _mp_tree_counts_to_proba (counts, n_samples, view.n_values);
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, counts);
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static char *
mp_decision_tree_classifier_format_param (MpEstimator *estimator,
                                          GParamSpec  *pspec)
{
  MpDecisionTreeClassifier *self = MP_DECISION_TREE_CLASSIFIER (estimator);

  if (strcmp (pspec->name, "class-weight") == 0)
    return _mp_class_weight_format (self->class_weight);
  return _mp_tree_format_param (&self->params, pspec);
}

static void
mp_decision_tree_classifier_class_init (MpDecisionTreeClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_decision_tree_classifier_fit;
  estimator_class->predict = mp_decision_tree_classifier_predict;
  estimator_class->predict_proba = mp_decision_tree_classifier_predict_proba;
  estimator_class->validate = mp_decision_tree_classifier_validate;
  estimator_class->format_param = mp_decision_tree_classifier_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
}

static void
mp_decision_tree_classifier_init (MpDecisionTreeClassifier *self)
{
}

/**
 * mp_decision_tree_classifier_new:
 *
 * Creates an #MpDecisionTreeClassifier with scikit-learn's default
 * hyperparameters (`DecisionTreeClassifier()`: gini, every feature tried,
 * grown until the leaves are pure).
 *
 * Returns: (transfer full): a new #MpDecisionTreeClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_decision_tree_classifier_new (void)
{
  return g_object_new (MP_TYPE_DECISION_TREE_CLASSIFIER, NULL);
}
