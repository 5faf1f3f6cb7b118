/* mp-gradient-boosting-classifier.c: gradient boosting for classification
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-gradient-boosting-classifier.h"
#include "mp-gradient-boosting-private.h"
#include "mp-labels-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-gradient-boosting-classifier
 * @Title: MpGradientBoostingClassifier
 * @Short_description: gradient-boosted regression trees for classification
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * g_autoptr(MpEstimator) boosting = g_object_new (MP_TYPE_GRADIENT_BOOSTING_CLASSIFIER,
 *                                                 "n-estimators", (gint64) 30,
 *                                                 "learning-rate", 0.2,
 *                                                 NULL);
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_fit (boosting, x, mp_dataset_get_target (iris), &error))
 *   proba = mp_estimator_predict_proba (boosting, x, &error);   // 150 x 3
 * if (proba == NULL)
 *   g_warning ("GradientBoostingClassifier: %s", error->message);
 * ]|
 *
 * #MpGradientBoostingClassifier is scikit-learn's
 * `GradientBoostingClassifier` with the log-loss (binomial deviance for
 * two classes, multinomial deviance for more): stage after stage, one
 * regression tree per class (one in all for two classes) is fitted to the
 * negative gradient of the loss, its leaves set by one Newton step, and
 * its predictions, times #MpGradientBoostingClassifier:learning-rate,
 * added to the raw predictions, which start from the log-odds of the class
 * prior. Given the same data, hyperparameters and
 * #MpGradientBoostingClassifier:random-state, it grows the trees
 * scikit-learn 1.2 grows, with the same leaf values to the bit: the
 * subsamples and the trees' seeds come from one generator as there, and
 * every sum is numpy's.
 *
 * The trees are stored one after another, stage after stage and class
 * after class (`estimators_` flattened), in one set of node arrays
 * (#MpGradientBoostingClassifier:children-left and the others, as a
 * #MpDecisionTreeRegressor's) with each tree's node count in
 * #MpGradientBoostingClassifier:tree-node-counts; the loader checks every
 * tree as a decision tree's. The init estimator (`DummyClassifier('prior')`)
 * is kept as its class prior, #MpGradientBoostingClassifier:init-class-prior.
 *
 * mp_estimator_decision_function() gives the raw predictions (one column
 * for two classes), mp_estimator_predict_proba() their sigmoid or
 * softmax, mp_estimator_predict() the most probable class. The loss
 * `exponential`, an estimator as `init`, and warm starts (adding stages to
 * a fitted model) are not implemented; fit takes no sample weights.
 */

struct _MpGradientBoostingClassifier
{
  MpEstimator                parent_instance;

  MpBoostingHyperparameters  params;

  MpArray                   *classes;
  MpArray                   *init_class_prior;
  MpBoostingState            state;
};

G_DEFINE_FINAL_TYPE (MpGradientBoostingClassifier, mp_gradient_boosting_classifier, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpGradientBoostingClassifier, member)
#define PARAMS FIELD (params)
#define TREE MP_BOOSTING_TREE (PARAMS)
#define STATE FIELD (state)
#define TREES MP_BOOSTING_TREES (STATE)

static const MpPropertyDecl properties[] = {
  /**
   * MpGradientBoostingClassifier:loss:
   *
   * The loss the stages minimise: `log_loss` (the default), or
   * `deviance`, its deprecated name. `exponential` is refused.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_LOSS (PARAMS, _mp_boosting_classifier_losses, "log_loss",
                         _mp_boosting_check_classifier_loss),
  /**
   * MpGradientBoostingClassifier:learning-rate:
   *
   * How much of each tree's prediction is added (>= 0, default 0.1).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_LEARNING_RATE (PARAMS),
  /**
   * MpGradientBoostingClassifier:n-estimators:
   *
   * The number of boosting stages (>= 1, default 100).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_N_ESTIMATORS (PARAMS),
  /**
   * MpGradientBoostingClassifier:subsample:
   *
   * The fraction of the samples each stage draws, in (0, 1] (default 1:
   * all); below 1 the others are out of bag, and
   * #MpGradientBoostingClassifier:oob-improvement is recorded.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_SUBSAMPLE (PARAMS),
  /**
   * MpGradientBoostingClassifier:criterion:
   *
   * How the trees choose splits: `friedman_mse` (the default) or
   * `squared_error`.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_CRITERION (PARAMS),
  /**
   * MpGradientBoostingClassifier:min-samples-split:
   *
   * The fewest samples a tree node must have to be split: the text of an
   * integer >= 2 (default `2`) or of a fraction in (0, 1].
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_SPLIT (TREE),
  /**
   * MpGradientBoostingClassifier:min-samples-leaf:
   *
   * The fewest samples a split may leave on either side: the text of an
   * integer >= 1 (default `1`) or of a fraction in (0, 1).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_SAMPLES_LEAF (TREE),
  /**
   * MpGradientBoostingClassifier:min-weight-fraction-leaf:
   *
   * The smallest share of a stage's sample weight a split may leave on
   * either side, in [0, 0.5] (default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF (TREE),
  /**
   * MpGradientBoostingClassifier:max-depth:
   *
   * The deepest a tree's leaf may be (>= 1, default 3), or -1 (`None`).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_MAX_DEPTH (PARAMS),
  /**
   * MpGradientBoostingClassifier:min-impurity-decrease:
   *
   * A node is split only if that lowers the weighted impurity by at
   * least this much (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MIN_IMPURITY_DECREASE (TREE),
  /**
   * MpGradientBoostingClassifier:init:
   *
   * What the raw predictions start from: %NULL (`None`, the default: the
   * log-odds of the class prior) or `zero`. An estimator is not
   * supported.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_INIT (PARAMS),
  /**
   * MpGradientBoostingClassifier:random-state:
   *
   * The seed of the subsamples, the trees' feature draws and the early
   * stopping split, in [0, 2^32 - 1], or -1 (`None`, the default: a new
   * seed each fit).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_RANDOM_STATE (TREE),
  /**
   * MpGradientBoostingClassifier:max-features:
   *
   * How many features each split tries: %NULL (`None`, the default:
   * all), `sqrt`, `log2`, the text of an integer >= 1 or of a fraction in
   * (0, 1]. `auto` (deprecated by scikit-learn 1.2) makes
   * #MpGradientBoostingClassifier:max-features-fitted the square root, but
   * the trees, regression trees, try all features, as in scikit-learn.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_FEATURES (TREE, NULL),
  /**
   * MpGradientBoostingClassifier:verbose:
   *
   * scikit-learn's progress output level (>= 0, default 0); kept, but
   * nothing is printed.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_VERBOSE (PARAMS),
  /**
   * MpGradientBoostingClassifier:max-leaf-nodes:
   *
   * The most leaves of a tree (>= 2), best splits first; -1 (`None`, the
   * default) for no limit.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_MAX_LEAF_NODES (TREE),
  /**
   * MpGradientBoostingClassifier:warm-start:
   *
   * Whether fitting again adds stages to the fitted ones (default
   * %FALSE). Not implemented: a fit with %TRUE fits anew when unfitted and
   * is refused on a fitted model.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_WARM_START (PARAMS),
  /**
   * MpGradientBoostingClassifier:validation-fraction:
   *
   * The fraction of the samples held out for early stopping, in (0, 1)
   * (default 0.1); used only with
   * #MpGradientBoostingClassifier:n-iter-no-change.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_VALIDATION_FRACTION (PARAMS),
  /**
   * MpGradientBoostingClassifier:n-iter-no-change:
   *
   * Early stopping: stop when the held-out loss has not improved by
   * #MpGradientBoostingClassifier:tol in this many stages (>= 1), or -1
   * (`None`, the default) to fit every stage.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_N_ITER_NO_CHANGE (PARAMS),
  /**
   * MpGradientBoostingClassifier:tol:
   *
   * The improvement early stopping asks for (>= 0, default 1e-4).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_TOL (PARAMS),
  /**
   * MpGradientBoostingClassifier:ccp-alpha:
   *
   * The trees' cost-complexity pruning strength (>= 0, default 0).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CCP_ALPHA (TREE),
  /**
   * MpGradientBoostingClassifier:classes:
   *
   * The distinct training labels, sorted (`classes_`), at least two.
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_NON_EMPTY },
  /**
   * MpGradientBoostingClassifier:init-class-prior:
   *
   * The init estimator, `DummyClassifier(strategy='prior')`, as its
   * `class_prior_`: float64 `(n_classes,)`; unset when `init_` is
   * `'zero'`.
   *
   * Since: 0.1
   */
  { .name = "init-class-prior", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (init_class_prior), .dtypes = "float64", .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_DISTRIBUTION | MP_STATE_FLAG_OPTIONAL },
  /**
   * MpGradientBoostingClassifier:n-estimators-fitted:
   *
   * The number of stages fitted (`n_estimators_`): n_estimators, or fewer
   * after early stopping.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_N_ESTIMATORS_FITTED (STATE),
  /**
   * MpGradientBoostingClassifier:max-features-fitted:
   *
   * The resolved max_features (`max_features_`).
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_MAX_FEATURES_FITTED (STATE),
  /**
   * MpGradientBoostingClassifier:train-score:
   *
   * The deviance on the in-bag training samples after each stage
   * (`train_score_`): float64 `(n_stages,)`.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_TRAIN_SCORE (STATE),
  /**
   * MpGradientBoostingClassifier:oob-improvement:
   *
   * How much each stage lowered the out-of-bag deviance
   * (`oob_improvement_`): float64 `(n_stages,)`, set when fitted with
   * subsample < 1.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_OOB_IMPROVEMENT (STATE),
  /**
   * MpGradientBoostingClassifier:children-left:
   *
   * Each node's left child within its tree, or -1 at a leaf: int32
   * `(n_nodes,)`, the trees one after another.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_LEFT (TREES),
  /**
   * MpGradientBoostingClassifier:children-right:
   *
   * Each node's right child within its tree, or -1 at a leaf: int32
   * `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_CHILDREN_RIGHT (TREES),
  /**
   * MpGradientBoostingClassifier:feature:
   *
   * The feature each node tests, -2 at a leaf: int32 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_FEATURE (TREES),
  /**
   * MpGradientBoostingClassifier:threshold:
   *
   * Each node's threshold, -2 at a leaf: float64 `(n_nodes,)`; the
   * feature is compared as a float32.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_THRESHOLD (TREES),
  /**
   * MpGradientBoostingClassifier:impurity:
   *
   * Each node's impurity: float64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_IMPURITY (TREES),
  /**
   * MpGradientBoostingClassifier:n-node-samples:
   *
   * The in-bag training samples that reached each node: int64
   * `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_N_NODE_SAMPLES (TREES),
  /**
   * MpGradientBoostingClassifier:weighted-n-node-samples:
   *
   * Their total weight: float64 `(n_nodes,)`.
   *
   * Since: 0.1
   */
  MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES (TREES),
  /**
   * MpGradientBoostingClassifier:value:
   *
   * Each node's value: float64 `(n_nodes,)`; at a leaf the Newton step
   * the stage adds (times the learning rate).
   *
   * Since: 0.1
   */
  MP_TREE_DECL_REGRESSOR_VALUE (TREES),
  /**
   * MpGradientBoostingClassifier:tree-node-counts:
   *
   * How many nodes each tree has: int64 `(n_trees,)`, n_trees =
   * n_estimators_ times 1 (two classes) or n_classes, in the order of
   * `estimators_.ravel()`; they add up to n_nodes.
   *
   * Since: 0.1
   */
  MP_BOOSTING_DECL_TREE_NODE_COUNTS (STATE),
};

/* The number of trees per stage (K) */
static gsize
trees_per_stage (MpGradientBoostingClassifier *self)
{
  gsize n_classes = mp_array_get_n_elements (self->classes);

  return n_classes > 2 ? n_classes : 1;
}

static gboolean
mp_gradient_boosting_classifier_fit (MpEstimator  *estimator,
                                     MpArray      *x,
                                     MpArray      *y,
                                     GError      **error)
{
  MpGradientBoostingClassifier *self = MP_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gboolean refit = self->state.tree_node_counts != NULL;
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(MpArray) prior = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree double *targets = NULL;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: GradientBoostingClassifier needs labels");
      return FALSE;
    }
  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;
  targets = g_new (double, MAX (n_samples, 1));
  for (gsize i = 0; i < n_samples; i++)
    targets[i] = indices[i];

  if (!_mp_boosting_fit (estimator, &self->params, refit, x, targets,
                         mp_array_get_n_elements (classes), &prior, error))
    return FALSE;
  g_object_set (self, "classes", classes, "init-class-prior", prior, NULL);
  return TRUE;
}

static gboolean
mp_gradient_boosting_classifier_validate (MpEstimator  *estimator,
                                          GError      **error)
{
  MpGradientBoostingClassifier *self = MP_GRADIENT_BOOSTING_CLASSIFIER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_gradient_boosting_classifier_parent_class)->validate (estimator, error))
    return FALSE;
  if (!_mp_check_classes (self->classes, 2, error))
    return FALSE;
  return _mp_boosting_check (&self->state, trees_per_stage (self),
                             mp_estimator_get_n_features_in (estimator), error);
}

static double *
raw_predict (MpGradientBoostingClassifier *self,
             MpArray                      *x)
{
  g_autofree double *init_raw = NULL;

  init_raw = _mp_boosting_init_raw (self->init_class_prior, mp_array_get_n_elements (self->classes));
  return _mp_boosting_raw_predict (&self->state, self->params.learning_rate, trees_per_stage (self),
                                   init_raw, x);
}

static double *
proba_of (MpGradientBoostingClassifier *self,
          MpArray                      *x)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  g_autofree double *raw = raw_predict (self, x);
  double *proba = g_new (double, MAX (n_samples * n_classes, 1));

  _mp_boosting_proba (raw, n_samples, n_classes, proba);
  return proba;
}

static MpArray *
mp_gradient_boosting_classifier_predict_proba (MpEstimator  *estimator,
                                               MpArray      *x,
                                               GError      **error)
{
  MpGradientBoostingClassifier *self = MP_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize shape[2] = { mp_array_get_dim (x, 0), mp_array_get_n_elements (self->classes) };

  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, proba_of (self, x));
}

static MpArray *
mp_gradient_boosting_classifier_predict (MpEstimator  *estimator,
                                         MpArray      *x,
                                         GError      **error)
{
  MpGradientBoostingClassifier *self = MP_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  g_autofree double *proba = proba_of (self, x);
  g_autofree gint32 *winners = _mp_row_argmax (proba, n_samples, mp_array_get_n_elements (self->classes));

  return _mp_decode_labels (self->classes, winners, n_samples);
}

/* The raw predictions: 1-D for two classes, (n_samples, n_classes) for
 * more */
static MpArray *
mp_gradient_boosting_classifier_decision_function (MpEstimator  *estimator,
                                                   MpArray      *x,
                                                   GError      **error)
{
  MpGradientBoostingClassifier *self = MP_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize k = trees_per_stage (self);
  gsize shape[2] = { mp_array_get_dim (x, 0), k };

  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, k == 1 ? 1 : 2, raw_predict (self, x));
}

static char *
mp_gradient_boosting_classifier_format_param (MpEstimator *estimator,
                                              GParamSpec  *pspec)
{
  MpGradientBoostingClassifier *self = MP_GRADIENT_BOOSTING_CLASSIFIER (estimator);

  return _mp_boosting_format_param (&self->params, pspec);
}

static void
mp_gradient_boosting_classifier_class_init (MpGradientBoostingClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_gradient_boosting_classifier_fit;
  estimator_class->predict = mp_gradient_boosting_classifier_predict;
  estimator_class->predict_proba = mp_gradient_boosting_classifier_predict_proba;
  estimator_class->decision_function = mp_gradient_boosting_classifier_decision_function;
  estimator_class->validate = mp_gradient_boosting_classifier_validate;
  estimator_class->format_param = mp_gradient_boosting_classifier_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
}

static void
mp_gradient_boosting_classifier_init (MpGradientBoostingClassifier *self)
{
}

/**
 * mp_gradient_boosting_classifier_new:
 *
 * Creates an #MpGradientBoostingClassifier with scikit-learn's default
 * hyperparameters (`GradientBoostingClassifier()`: 100 stages of trees
 * of depth 3, learning rate 0.1).
 *
 * Returns: (transfer full): a new #MpGradientBoostingClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_gradient_boosting_classifier_new (void)
{
  return g_object_new (MP_TYPE_GRADIENT_BOOSTING_CLASSIFIER, NULL);
}
