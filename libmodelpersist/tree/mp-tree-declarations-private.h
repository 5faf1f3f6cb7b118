/* mp-tree-declarations-private.h: the hyperparameters and node arrays that
 * decision trees and the forests built of them share, declared once
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <math.h>

#include "mp-array.h"
#include "mp-labels-private.h"
#include "mp-property-table-private.h"

G_BEGIN_DECLS

/* The hyperparameters of scikit-learn's BaseDecisionTree that every tree
 * model has, with its names, defaults and constraints (1.2's
 * _parameter_constraints). Counts that may be fractions are strings (see
 * mp-count-or-fraction-private.h); None is NULL for strings, -1 for
 * integers. A class embeds the struct and declares each member with the
 * macros below, given the struct's offset in its instance. */
typedef struct {
  char    *criterion;
  char    *splitter;
  gint64   max_depth;
  char    *min_samples_split;
  char    *min_samples_leaf;
  double   min_weight_fraction_leaf;
  char    *max_features;
  gint64   random_state;
  gint64   max_leaf_nodes;
  double   min_impurity_decrease;
  double   ccp_alpha;
} MpTreeHyperparameters;

/* A fitted tree, or a forest's trees one after another: the node arrays of
 * scikit-learn's Tree, one element per node (children int32, -1 at a
 * leaf; feature int32 and threshold, -2 at a leaf), value of shape
 * (n_nodes, n_classes) for a classifier (weighted class counts) or
 * (n_nodes,) for a regressor (the mean target). */
typedef struct {
  MpArray *children_left;
  MpArray *children_right;
  MpArray *feature;
  MpArray *threshold;
  MpArray *impurity;
  MpArray *n_node_samples;
  MpArray *weighted_n_node_samples;
  MpArray *value;
} MpTreeArrays;

extern const char * const _mp_tree_classifier_criteria[];
extern const char * const _mp_tree_regressor_criteria[];
extern const char * const _mp_tree_splitters[];
extern const char * const _mp_tree_max_features_words[];

/* The checks of the count-or-fraction members and of the criteria the
 * builder does not implement. */
gboolean  _mp_tree_check_min_samples_split (const GValue *value, GError **error);
gboolean  _mp_tree_check_min_samples_leaf  (const GValue *value, GError **error);
gboolean  _mp_tree_check_max_features      (const GValue *value, GError **error);
gboolean  _mp_tree_check_regressor_criterion (const GValue *value, GError **error);

#define MP_TREE_DECL_CRITERION(base, words_, default_, check_) \
  { .name = "criterion", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, criterion), \
    .default_string = (default_), .words = (words_), .check = (check_) }
#define MP_TREE_DECL_CLASSIFIER_CRITERION(base) \
  MP_TREE_DECL_CRITERION (base, _mp_tree_classifier_criteria, "gini", NULL)
#define MP_TREE_DECL_REGRESSOR_CRITERION(base) \
  MP_TREE_DECL_CRITERION (base, _mp_tree_regressor_criteria, "squared_error", \
                          _mp_tree_check_regressor_criterion)
#define MP_TREE_DECL_SPLITTER(base) \
  { .name = "splitter", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, splitter), \
    .default_string = "best", .words = _mp_tree_splitters }
#define MP_TREE_DECL_MAX_DEPTH(base) \
  { .name = "max-depth", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, max_depth), .default_number = -1, \
    .interval = TRUE, .minimum = 1, .maximum = INFINITY, .constraint = MP_CONSTRAINT_NONE_ALLOWED }
#define MP_TREE_DECL_MIN_SAMPLES_SPLIT(base) \
  { .name = "min-samples-split", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, min_samples_split), \
    .default_string = "2", .check = _mp_tree_check_min_samples_split, \
    .check_text = "an integer >= 2 or a fraction in (0, 1]" }
#define MP_TREE_DECL_MIN_SAMPLES_LEAF(base) \
  { .name = "min-samples-leaf", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, min_samples_leaf), \
    .default_string = "1", .check = _mp_tree_check_min_samples_leaf, \
    .check_text = "an integer >= 1 or a fraction in (0, 1)" }
#define MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF(base) \
  { .name = "min-weight-fraction-leaf", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, min_weight_fraction_leaf), \
    .default_number = 0, .interval = TRUE, .minimum = 0, .maximum = 0.5 }
/* max_features: the default differs (None for a tree, 'sqrt' for a
 * random forest classifier, 1.0 for a forest regressor). */
#define MP_TREE_DECL_MAX_FEATURES(base, default_) \
  { .name = "max-features", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, max_features), \
    .default_string = (default_), .words = _mp_tree_max_features_words, \
    .constraint = MP_CONSTRAINT_NONE_ALLOWED, .check = _mp_tree_check_max_features, \
    .check_text = "an integer >= 1 or a fraction in (0, 1]" }
#define MP_TREE_DECL_RANDOM_STATE(base) \
  { .name = "random-state", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, random_state), .default_number = -1, \
    .interval = TRUE, .maximum = G_MAXUINT32, .constraint = MP_CONSTRAINT_NONE_ALLOWED }
#define MP_TREE_DECL_MAX_LEAF_NODES(base) \
  { .name = "max-leaf-nodes", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, max_leaf_nodes), .default_number = -1, \
    .interval = TRUE, .minimum = 2, .maximum = INFINITY, .constraint = MP_CONSTRAINT_NONE_ALLOWED }
#define MP_TREE_DECL_MIN_IMPURITY_DECREASE(base) \
  { .name = "min-impurity-decrease", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, min_impurity_decrease), \
    .default_number = 0, .interval = TRUE, .minimum = 0, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }
#define MP_TREE_DECL_CCP_ALPHA(base) \
  { .name = "ccp-alpha", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeHyperparameters, ccp_alpha), \
    .default_number = 0, .interval = TRUE, .minimum = 0, .maximum = INFINITY, \
    .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE }

/* The node arrays, each of n_nodes elements (the whole forest's for a
 * forest). */
#define MP_TREE_DECL_NODE_ARRAY(base, name_, member, dtype, flags) \
  { .name = name_, .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeArrays, member), .dtypes = dtype, \
    .shape = "(n_nodes,)", .state = (flags) }
#define MP_TREE_DECL_CHILDREN_LEFT(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "children-left", children_left, "int32", MP_STATE_FLAG_NON_EMPTY)
#define MP_TREE_DECL_CHILDREN_RIGHT(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "children-right", children_right, "int32", MP_STATE_FLAG_NONE)
#define MP_TREE_DECL_FEATURE(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "feature", feature, "int32", MP_STATE_FLAG_NONE)
#define MP_TREE_DECL_THRESHOLD(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "threshold", threshold, "float64", MP_STATE_FLAG_FINITE)
#define MP_TREE_DECL_IMPURITY(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "impurity", impurity, "float64", MP_STATE_FLAG_FINITE)
#define MP_TREE_DECL_N_NODE_SAMPLES(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "n-node-samples", n_node_samples, "int64", MP_STATE_FLAG_POSITIVE)
#define MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "weighted-n-node-samples", weighted_n_node_samples, "float64", \
                           MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE)
#define MP_TREE_DECL_CLASSIFIER_VALUE(base) \
  { .name = "value", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (base) + G_STRUCT_OFFSET (MpTreeArrays, value), .dtypes = "float64", \
    .shape = "(n_nodes, n_classes)", .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE }
#define MP_TREE_DECL_REGRESSOR_VALUE(base) \
  MP_TREE_DECL_NODE_ARRAY (base, "value", value, "float64", MP_STATE_FLAG_FINITE)

G_END_DECLS
