/* mp-forest-private.h: what random forests and extra trees share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-class-weight-private.h"
#include "mp-decision-tree-private.h"
#include "mp-estimator.h"
#include "mp-labels-private.h"

G_BEGIN_DECLS

/* The hyperparameters and fitted state of the four forests
 * (RandomForestClassifier, RandomForestRegressor, ExtraTreesClassifier,
 * ExtraTreesRegressor), the first member of each instance after the
 * parent so that the shared code below finds it. The trees are one set of
 * node arrays (MpTreeArrays), tree after tree, with each tree's node
 * count: a 500-tree forest is eight arrays in the file, not 4,000, and it
 * maps and checks as one block. */
typedef struct {
  MpTreeHyperparameters  tree_params;     /* splitter: NULL (best) or "random" */
  int                    n_estimators;
  gboolean               bootstrap;
  gboolean               oob_score;
  gint64                 n_jobs;
  int                    verbose;
  gboolean               warm_start;
  char                  *class_weight;    /* classifiers */
  char                  *max_samples;

  MpArray               *classes;         /* classifiers */
  gint64                 max_features_fitted;
  MpArray               *tree_node_counts;
  MpArray               *tree_seeds;
  MpTreeArrays           trees;
  double                 oob_score_value;
  MpArray               *oob_decision;    /* oob_decision_function_ or oob_prediction_ */
} MpForest;

#define MP_FOREST(estimator) ((MpForest *) (void *) ((guint8 *) (estimator) + sizeof (MpEstimator)))

extern const char * const _mp_forest_class_weight_words[];

gboolean  _mp_forest_check_max_samples  (const GValue *value, GError **error);
gboolean  _mp_forest_check_class_weight (const GValue *value, GError **error);

/* The table entries the four forests share, given the offset of their
 * MpForest. */
#define MP_FOREST_FIELD(base, member) ((base) + G_STRUCT_OFFSET (MpForest, member))
#define MP_FOREST_DECL_N_ESTIMATORS(base) \
  { .name = "n-estimators", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_FOREST_FIELD (base, n_estimators), .default_number = 100, \
    .interval = TRUE, .minimum = 1, .maximum = 1000000 }
#define MP_FOREST_DECL_BOOTSTRAP(base, default_) \
  { .name = "bootstrap", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = MP_FOREST_FIELD (base, bootstrap), .default_number = (default_) }
#define MP_FOREST_DECL_OOB_SCORE(base) \
  { .name = "oob-score", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = MP_FOREST_FIELD (base, oob_score), .default_number = FALSE, .requires = "bootstrap" }
#define MP_FOREST_DECL_N_JOBS(base) \
  { .name = "n-jobs", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64, \
    .offset = MP_FOREST_FIELD (base, n_jobs), .default_number = -1, \
    .interval = TRUE, .minimum = -1024, .maximum = 1024, .constraint = MP_CONSTRAINT_NONE_ALLOWED }
#define MP_FOREST_DECL_VERBOSE(base) \
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT, \
    .offset = MP_FOREST_FIELD (base, verbose), .default_number = 0, \
    .interval = TRUE, .minimum = 0, .maximum = G_MAXINT }
#define MP_FOREST_DECL_WARM_START(base) \
  { .name = "warm-start", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN, \
    .offset = MP_FOREST_FIELD (base, warm_start), .default_number = FALSE }
#define MP_FOREST_DECL_CLASS_WEIGHT(base) \
  { .name = "class-weight", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_FOREST_FIELD (base, class_weight), .words = _mp_forest_class_weight_words, \
    .constraint = MP_CONSTRAINT_NONE_ALLOWED, .check = _mp_forest_check_class_weight, \
    .check_text = "a dictionary {label: weight >= 0}" }
#define MP_FOREST_DECL_MAX_SAMPLES(base) \
  { .name = "max-samples", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = MP_FOREST_FIELD (base, max_samples), .words = _mp_forest_no_words, \
    .constraint = MP_CONSTRAINT_NONE_ALLOWED, .check = _mp_forest_check_max_samples, \
    .check_text = "an integer >= 1 or a fraction in (0, 1]", .requires = "bootstrap" }
#define MP_FOREST_DECL_CLASSES(base) \
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_FOREST_FIELD (base, classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)", \
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY }
#define MP_FOREST_DECL_MAX_FEATURES_FITTED(base) \
  { .name = "max-features-fitted", .display_name = "max_features_", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_INT64, .offset = MP_FOREST_FIELD (base, max_features_fitted), \
    .interval = TRUE, .minimum = 1, .maximum = G_MAXINT32 }
#define MP_FOREST_DECL_TREE_NODE_COUNTS(base) \
  { .name = "tree-node-counts", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_FOREST_FIELD (base, tree_node_counts), .dtypes = "int64", .shape = "(n_trees,)", \
    .state = MP_STATE_FLAG_COUNTS | MP_STATE_FLAG_POSITIVE | MP_STATE_FLAG_NON_EMPTY, .bound = "n_nodes" }
#define MP_FOREST_DECL_TREE_SEEDS(base) \
  { .name = "tree-seeds", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_FOREST_FIELD (base, tree_seeds), .dtypes = "int64", .shape = "(n_trees,)", \
    .state = MP_STATE_FLAG_NON_NEGATIVE }
#define MP_FOREST_DECL_OOB_SCORE_VALUE(base) \
  { .name = "oob-score-value", .display_name = "oob_score_", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_DOUBLE, .offset = MP_FOREST_FIELD (base, oob_score_value), .default_number = 0 }
#define MP_FOREST_DECL_OOB_DECISION_FUNCTION(base) \
  { .name = "oob-decision-function", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_FOREST_FIELD (base, oob_decision), .dtypes = "float64", .shape = "(n_oob, n_classes)", \
    .state = MP_STATE_FLAG_OPTIONAL | MP_STATE_FLAG_NON_NEGATIVE }
#define MP_FOREST_DECL_OOB_PREDICTION(base) \
  { .name = "oob-prediction", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = MP_FOREST_FIELD (base, oob_decision), .dtypes = "float64", .shape = "(n_oob,)", \
    .state = MP_STATE_FLAG_OPTIONAL | MP_STATE_FLAG_FINITE }

extern const char * const _mp_forest_no_words[];

/* The estimator vfuncs the four forests share; the kind (classifier or
 * regressor) is the class's, extra trees are those whose splitter is
 * "random". */
gboolean  _mp_forest_fit            (MpEstimator  *estimator,
                                     MpArray      *x,
                                     MpArray      *y,
                                     GError      **error);
gboolean  _mp_forest_validate       (MpEstimator  *estimator,
                                     GError      **error);
MpArray  *_mp_forest_predict        (MpEstimator  *estimator,
                                     MpArray      *x,
                                     GError      **error);
MpArray  *_mp_forest_predict_proba  (MpEstimator  *estimator,
                                     MpArray      *x,
                                     GError      **error);
char     *_mp_forest_format_param   (MpEstimator  *estimator,
                                     GParamSpec   *pspec);

/* The threads n_jobs asks for: None and -1 all processors, -k all but
 * k - 1, k > 0 k. */
guint     _mp_forest_n_threads      (gint64        n_jobs);

G_END_DECLS
