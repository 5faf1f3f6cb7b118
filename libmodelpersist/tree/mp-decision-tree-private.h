/* mp-decision-tree-private.h: what decision trees and forests do alike with
 * their hyperparameters and node arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-estimator.h"
#include "mp-tree-builder-private.h"
#include "mp-tree-declarations-private.h"
#include "mp-tree-nodes-private.h"

G_BEGIN_DECLS

/* Resolves @params for @n_samples samples of @n_features features with
 * @total_weight as scikit-learn's BaseDecisionTree.fit does (fractions to
 * counts, None to limits, max_features to a count: *@max_features is
 * max_features_), leaving the seed to the caller. Errors are
 * MP_ERROR_INVALID_ARGUMENT naming the hyperparameter. */
gboolean  _mp_tree_resolve_growth  (const MpTreeHyperparameters  *params,
                                    gboolean                      is_classifier,
                                    gsize                         n_samples,
                                    gsize                         n_features,
                                    double                        total_weight,
                                    MpTreeGrowth                 *growth,
                                    GError                      **error);

/* X (float64, checked) as MpTreeData wants it: float32, column-major. */
float    *_mp_tree_x_columns       (MpArray                      *x);

/* Stores @n_trees grown trees, one after another, in the node array
 * properties of @estimator (each tree's node numbers stay its own), after
 * the nodes of @kept when not NULL (a forest's trees, grown earlier). */
void      _mp_tree_arrays_store    (MpEstimator                  *estimator,
                                    const MpTreeArrays           *kept,
                                    const MpTreeGrown            *trees,
                                    gsize                         n_trees,
                                    gboolean                      two_dimensional_value);

/* The view of the @n_nodes nodes of @arrays from @first on. */
void      _mp_tree_arrays_view     (const MpTreeArrays           *arrays,
                                    gsize                         first,
                                    gsize                         n_nodes,
                                    MpTreeView                   *view);

/* validate's part for node arrays whose declarations the base class has
 * checked: each of the @n_trees trees (of @node_counts nodes each; NULL
 * for one tree of all the nodes) is a tree (_mp_tree_check) whose sample
 * counts add up (a node's samples are its children's). Sets *@max_depth
 * to the deepest tree's depth when not NULL. */
gboolean  _mp_tree_arrays_check    (const MpTreeArrays           *arrays,
                                    const gint64                 *node_counts,
                                    gsize                         n_trees,
                                    gint64                        n_features,
                                    MpTreeValueKind               value_kind,
                                    guint                        *max_depth,
                                    GError                      **error);

/* The leaf values the tree of @arrays (checked, on @owner) gives each row
 * of @x (checked, with the model's width), added to @out (n_samples x
 * n_values). */
void      _mp_tree_add_leaf_values (GObject                      *owner,
                                    const MpTreeArrays           *arrays,
                                    MpArray                      *x,
                                    double                       *out);

/* Divides each row of @counts (@n_rows x @n_classes) by its sum (numpy's,
 * 1 for a sum of 0), as scikit-learn's trees make probabilities. */
void      _mp_tree_counts_to_proba (double                       *counts,
                                    gsize                         n_rows,
                                    gsize                         n_classes);

/* The string form of a count-or-fraction member, or of random_state None;
 * NULL for any other parameter. */
char     *_mp_tree_format_param    (const MpTreeHyperparameters  *params,
                                    GParamSpec                   *pspec);

G_END_DECLS
