/* mp-tree-builder-private.h: growing one CART tree, as scikit-learn does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MP_TREE_CRITERION_GINI,
  MP_TREE_CRITERION_ENTROPY,        /* entropy and log_loss */
  MP_TREE_CRITERION_SQUARED_ERROR,
  MP_TREE_CRITERION_FRIEDMAN_MSE,
} MpTreeCriterion;

/* The training data, shared by every tree of a forest: X as scikit-learn's
 * trees read it (float32), column after column so that a node's values of
 * one feature are gathered from one column; y as class indices (0 ..
 * n_classes - 1, stored as doubles) for a classifier (n_classes > 0), the
 * target for a regressor (n_classes == 0). */
typedef struct {
  const float   *x_columns;   /* n_features x n_samples */
  gsize          n_samples;
  gsize          n_features;
  const double  *y;
  gsize          n_classes;
} MpTreeData;

/* How one tree grows: the hyperparameters, resolved against the data as
 * scikit-learn's BaseDecisionTree.fit resolves them. */
typedef struct {
  MpTreeCriterion  criterion;
  gboolean         random_splits;       /* splitter='random' (ExtraTrees) */
  gsize            max_depth;           /* MP_TREE_DEPTH_LIMIT at most */
  gsize            min_samples_split;
  gsize            min_samples_leaf;
  double           min_weight_leaf;
  double           min_impurity_decrease;
  gsize            max_features;        /* in 1 .. n_features */
  gsize            max_leaf_nodes;      /* 0: no limit (depth first) */
  double           ccp_alpha;           /* > 0: pruned after growing */
  guint32          seed;                /* the splitter's rand_r state */
} MpTreeGrowth;

/* A grown tree: scikit-learn's node arrays (see MpTreeView), owned. */
typedef struct {
  gsize    n_nodes;
  gsize    capacity;
  gint32  *children_left;
  gint32  *children_right;
  gint32  *feature;
  double  *threshold;
  double  *impurity;
  gint64  *n_node_samples;
  double  *weighted_n_node_samples;
  double  *value;        /* n_nodes x n_values */
  gsize    n_values;     /* n_classes, or 1 */
  guint    depth;
} MpTreeGrown;

void      _mp_tree_grown_clear (MpTreeGrown  *tree);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MpTreeGrown, _mp_tree_grown_clear)

/* Grows a tree on the samples whose @sample_weight (NULL: all 1) is not
 * zero, as scikit-learn's DepthFirstTreeBuilder (or BestFirstTreeBuilder
 * with max_leaf_nodes) grows it: the same splits in the same node order,
 * given the same seed; then pruned with ccp_alpha. Thread-safe: a forest grows its trees at once. */
void      _mp_tree_grow        (const MpTreeData    *data,
                                const double        *sample_weight,
                                const MpTreeGrowth  *growth,
                                MpTreeGrown         *tree);

/* Prunes @tree as scikit-learn's minimal cost-complexity pruning does
 * with ccp_alpha = @ccp_alpha > 0, renumbering the nodes kept in preorder
 * as it does. */
void      _mp_tree_prune       (MpTreeGrown         *tree,
                                double               ccp_alpha);

/* scikit-learn's seed for a tree's splitter: RandomState(random_state)
 * .randint(0, RAND_R_MAX), from entropy for random_state -1 (None). */
guint32   _mp_tree_seed_from_random_state (gint64 random_state);

G_END_DECLS
