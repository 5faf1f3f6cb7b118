#!/usr/bin/python3
# generate-forest-classes.py: writes the four forest classes
# (libmodelpersist/ensemble/mp-{random-forest,extra-trees}-{classifier,regressor}.[ch])
# from the one description below. The classes differ only in their kind,
# their splitter and a few defaults; everything they do is in mp-forest.c
# and their table entries are the macros of mp-forest-private.h and
# mp-tree-declarations-private.h. What this script adds is the gtk-doc text,
# which gtk-doc wants once per class: so that text is written here once.
#
#   tools/generate-forest-classes.py          rewrite the files
#   tools/generate-forest-classes.py --check  fail if they differ (a test)
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'libmodelpersist', 'ensemble')
CHECK = '--check' in sys.argv[1:]
STALE = []


def emit(name, text):
    path = os.path.join(OUT, name)
    if CHECK:
        with open(path, encoding='utf-8') as f:
            if f.read() != text:
                STALE.append(name)
        return
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


# The C example that opens each section page (compiled and run by
# tools/check-doc-examples.py, the doc-examples test).
EXAMPLES = {
 'RandomForestClassifier': '''\
g_autoptr(GError) error = NULL;
g_autoptr(MpDataset) wine = mp_load_wine (&error);
MpArray *x = mp_dataset_get_data (wine);
g_autoptr(MpEstimator) forest = g_object_new (MP_TYPE_RANDOM_FOREST_CLASSIFIER,
                                              "n-estimators", 20,
                                              "random-state", (gint64) 0,
                                              NULL);
g_autoptr(MpArray) proba = NULL;

if (mp_estimator_fit (forest, x, mp_dataset_get_target (wine), &error))
  proba = mp_estimator_predict_proba (forest, x, &error);   // 178 x 3
if (proba == NULL)
  g_warning ("RandomForestClassifier: %s", error->message);''',
 'RandomForestRegressor': '''\
g_autoptr(GError) error = NULL;
g_autoptr(MpDataset) iris = mp_load_iris (&error);
MpArray *x = mp_dataset_get_data (iris);
// iris's class as a number, to have a target
g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
g_autoptr(MpEstimator) forest = g_object_new (MP_TYPE_RANDOM_FOREST_REGRESSOR,
                                              "n-estimators", 20,
                                              "max-depth", (gint64) 5,
                                              "random-state", (gint64) 0,
                                              NULL);
g_autoptr(MpArray) predicted = NULL;

if (mp_estimator_fit (forest, x, y, &error))
  predicted = mp_estimator_predict (forest, x, &error);
if (predicted == NULL)
  g_warning ("RandomForestRegressor: %s", error->message);''',
 'ExtraTreesClassifier': '''\
g_autoptr(GError) error = NULL;
g_autoptr(MpDataset) iris = mp_load_iris (&error);
MpArray *x = mp_dataset_get_data (iris);
g_autoptr(MpEstimator) trees = g_object_new (MP_TYPE_EXTRA_TREES_CLASSIFIER,
                                             "n-estimators", 20,
                                             "max-features", "sqrt",
                                             "random-state", (gint64) 0,
                                             NULL);
g_autoptr(MpArray) proba = NULL;

if (mp_estimator_fit (trees, x, mp_dataset_get_target (iris), &error))
  proba = mp_estimator_predict_proba (trees, x, &error);   // 150 x 3
if (proba == NULL)
  g_warning ("ExtraTreesClassifier: %s", error->message);''',
 'ExtraTreesRegressor': '''\
g_autoptr(GError) error = NULL;
g_autoptr(MpDataset) iris = mp_load_iris (&error);
MpArray *x = mp_dataset_get_data (iris);
// iris's class as a number, to have a target
g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
g_autoptr(MpEstimator) trees = g_object_new (MP_TYPE_EXTRA_TREES_REGRESSOR,
                                             "n-estimators", 20,
                                             "bootstrap", TRUE,
                                             "random-state", (gint64) 0,
                                             NULL);
g_autoptr(MpArray) predicted = NULL;

if (mp_estimator_fit (trees, x, y, &error))
  predicted = mp_estimator_predict (trees, x, &error);
if (predicted == NULL)
  g_warning ("ExtraTreesRegressor: %s", error->message);''',
}


def example_block(code):
    lines = [' * |[<!-- language="C" -->']
    lines += [(' * ' + l).rstrip() if l else ' *' for l in code.split('\n')]
    return '\n'.join(lines + [' * ]|', ' *'])


classes = [
 ('RandomForestClassifier','random_forest_classifier','RANDOM_FOREST_CLASSIFIER','random-forest-classifier', True, False),
 ('RandomForestRegressor','random_forest_regressor','RANDOM_FOREST_REGRESSOR','random-forest-regressor', False, False),
 ('ExtraTreesClassifier','extra_trees_classifier','EXTRA_TREES_CLASSIFIER','extra-trees-classifier', True, True),
 ('ExtraTreesRegressor','extra_trees_regressor','EXTRA_TREES_REGRESSOR','extra-trees-regressor', False, True),
]
for Name, name, NAME, file, clf, extra in classes:
    T='Mp'+Name
    what = ('a random forest' if not extra else 'extremely randomised trees') + (' classifier' if clf else ' regressor')
    h = '''/* mp-%(file)s.h: %(what)s
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include "mp-estimator.h"

G_BEGIN_DECLS

/**
 * MP_TYPE_%(NAME)s:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_%(NAME)s (mp_%(name)s_get_type ())

/**
 * %(T)s:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (%(T)s, mp_%(name)s, MP, %(NAME)s, MpEstimator)

/* A new %(T)s with scikit-learn's defaults; its hyperparameters are properties. */
MP_AVAILABLE_IN_0_1
MpEstimator *mp_%(name)s_new (void);

G_END_DECLS
''' % dict(file=file, what=what, NAME=NAME, name=name, T=T)
    emit('mp-%s.h' % file, h)

    sk = Name
    if extra:
        intro = ('''#%(T)s is scikit-learn's `%(sk)s`: an average of
 * #%(T)s:n-estimators extremely randomised trees, each split on a random
 * threshold of each drawn feature (the best of those), grown on the whole
 * training set (or, with #%(T)s:bootstrap, on a bootstrap sample).''')
    else:
        intro = ('''#%(T)s is scikit-learn's `%(sk)s`: an average of
 * #%(T)s:n-estimators decision trees, each grown on a bootstrap sample
 * of the training set and splitting on the best of a random subset of the
 * features.''')
    intro = intro % dict(T=T, sk=sk)
    kind_text = ('mp_estimator_predict_proba() is the mean of the trees\' class probabilities and\n * mp_estimator_predict() the most probable class'
                 if clf else 'mp_estimator_predict() is the mean of the trees\' predictions and\n * mp_estimator_score() its coefficient of determination R²')
    def doc(prop, text):
        return '  /**\n   * %s:%s:\n   *\n%s   *\n   * Since: 0.1\n   */\n' % (T, prop, ''.join('   * %s\n' % l if l else '   *\n' for l in text.split('\n')))
    entries = []
    entries.append(doc('n-estimators', 'The number of trees, in [1, 1000000] (default 100).') + '  MP_FOREST_DECL_N_ESTIMATORS (BASE),\n')
    if clf:
        entries.append(doc('criterion', 'What each split lowers: `gini` (the default), `entropy` or\n`log_loss` (the same as `entropy`).') + '  MP_TREE_DECL_CLASSIFIER_CRITERION (TREE_PARAMS),\n')
    else:
        entries.append(doc('criterion', 'What each split lowers: `squared_error` (the default) or\n`friedman_mse`; `absolute_error` and `poisson` are refused.') + '  MP_TREE_DECL_REGRESSOR_CRITERION (TREE_PARAMS),\n')
    entries.append(doc('max-depth', 'The deepest a leaf may be (>= 1), or -1 (`None`, the default).') + '  MP_TREE_DECL_MAX_DEPTH (TREE_PARAMS),\n')
    entries.append(doc('min-samples-split', 'The fewest samples a node must have to be split: the text of an\ninteger >= 2 (default `2`) or of a fraction in (0, 1].') + '  MP_TREE_DECL_MIN_SAMPLES_SPLIT (TREE_PARAMS),\n')
    entries.append(doc('min-samples-leaf', 'The fewest samples a split may leave on either side: the text of\nan integer >= 1 (default `1`) or of a fraction in (0, 1).') + '  MP_TREE_DECL_MIN_SAMPLES_LEAF (TREE_PARAMS),\n')
    entries.append(doc('min-weight-fraction-leaf', 'The smallest share of the total sample weight a split may leave\non either side, in [0, 0.5] (default 0).') + '  MP_TREE_DECL_MIN_WEIGHT_FRACTION_LEAF (TREE_PARAMS),\n')
    mf_default = '"sqrt"' if clf else '"1.0"'
    entries.append(doc('max-features', 'How many features each split draws and tries: `%s` (the default),\n`sqrt`, `log2`, %%NULL (`None`: all), the text of an integer >= 1 or\nof a fraction in (0, 1] of the features.' % ('sqrt' if clf else '1.0')) + '  MP_TREE_DECL_MAX_FEATURES (TREE_PARAMS, %s),\n' % mf_default)
    entries.append(doc('max-leaf-nodes', 'The most leaves per tree (>= 2), the best splits made first; -1\n(`None`, the default) for no limit.') + '  MP_TREE_DECL_MAX_LEAF_NODES (TREE_PARAMS),\n')
    entries.append(doc('min-impurity-decrease', 'A node is split only if that lowers the weighted impurity by at\nleast this much (>= 0, default 0).') + '  MP_TREE_DECL_MIN_IMPURITY_DECREASE (TREE_PARAMS),\n')
    entries.append(doc('bootstrap', 'Whether each tree grows on a bootstrap sample (default %s).' % ('%FALSE' if extra else '%TRUE')) + '  MP_FOREST_DECL_BOOTSTRAP (BASE, %s),\n' % ('FALSE' if extra else 'TRUE'))
    entries.append(doc('oob-score', 'Whether fit scores the forest on the samples each tree did not\ndraw (needs #%s:bootstrap): #%s:oob-score-value.' % (T, T)) + '  MP_FOREST_DECL_OOB_SCORE (BASE),\n')
    entries.append(doc('n-jobs', 'How many threads fit and predict use: -1 (`None`, the default) for\nevery processor, -k for all but k - 1, or a count. scikit-learn\'s\n`None` means one job; the trees and predictions are the same\nwhatever the number.') + '  MP_FOREST_DECL_N_JOBS (BASE),\n')
    entries.append(doc('random-state', 'The seed of the bootstrap samples and feature draws, in\n[0, 2^32 - 1], or -1 (`None`, the default: a new seed each fit).') + '  MP_TREE_DECL_RANDOM_STATE (TREE_PARAMS),\n')
    entries.append(doc('verbose', 'scikit-learn\'s progress output level (>= 0), kept for conversion;\nfit prints nothing.') + '  MP_FOREST_DECL_VERBOSE (BASE),\n')
    entries.append(doc('warm-start', 'Whether fit keeps the trees of a fitted forest and adds more, up to\n#%s:n-estimators, as scikit-learn does (the same seeds, the same\nforest); fewer than there are is refused. Default %%FALSE.' % T) + '  MP_FOREST_DECL_WARM_START (BASE),\n')
    if clf:
        entries.append(doc('class-weight', 'Per-class factors of each sample\'s weight: %NULL (`None`, all 1),\n`balanced` (n_samples / (n_classes * count of the class)),\n`balanced_subsample` (the same on each tree\'s bootstrap sample) or a\ndictionary literal such as `{0: 1.0, 2: 3.5}` whose keys are labels.') + '  MP_FOREST_DECL_CLASS_WEIGHT (BASE),\n')
    entries.append(doc('ccp-alpha', 'The cost-complexity pruning strength of each tree (>= 0, default\n0: none).') + '  MP_TREE_DECL_CCP_ALPHA (TREE_PARAMS),\n')
    entries.append(doc('max-samples', 'With #%s:bootstrap, the size of each bootstrap sample:\n%%NULL (`None`, the default: n_samples), the text of an integer >= 1\nor of a fraction in (0, 1] of the samples.' % T) + '  MP_FOREST_DECL_MAX_SAMPLES (BASE),\n')
    if clf:
        entries.append(doc('classes', 'The sorted distinct training labels (`classes_`).') + '  MP_FOREST_DECL_CLASSES (BASE),\n')
    entries.append(doc('max-features-fitted', 'How many features each split tried (`max_features_`).') + '  MP_FOREST_DECL_MAX_FEATURES_FITTED (BASE),\n')
    entries.append(doc('tree-node-counts', 'The number of nodes of each tree, int64 `(n_trees,)`: the node\narrays below hold the trees one after another, each numbered from\nits own root.') + '  MP_FOREST_DECL_TREE_NODE_COUNTS (BASE),\n')
    entries.append(doc('tree-seeds', 'Each tree\'s seed (`estimators_[i].random_state`), int64\n`(n_trees,)`: its bootstrap sample is\n`RandomState(seed).randint(0, n_samples, max_samples)`.') + '  MP_FOREST_DECL_TREE_SEEDS (BASE),\n')
    entries.append(doc('oob-score-value', 'The out-of-bag score (`oob_score_`): accuracy for a classifier, R²\nfor a regressor; NaN without #%s:oob-score.' % T) + '  MP_FOREST_DECL_OOB_SCORE_VALUE (BASE),\n')
    if clf:
        entries.append(doc('oob-decision-function', 'Each training sample\'s mean class probabilities over the trees\nthat did not draw it, float64 `(n_samples, n_classes)`\n(`oob_decision_function_`); %%NULL without #%s:oob-score.' % T) + '  MP_FOREST_DECL_OOB_DECISION_FUNCTION (BASE),\n')
    else:
        entries.append(doc('oob-prediction', 'Each training sample\'s mean prediction over the trees that did\nnot draw it, float64 `(n_samples,)` (`oob_prediction_`); %%NULL\nwithout #%s:oob-score.' % T) + '  MP_FOREST_DECL_OOB_PREDICTION (BASE),\n')
    nodes = [('children-left','Each node\'s left child (samples with `x[feature] <= threshold`),\n-1 at a leaf: int32 `(n_nodes,)`, all trees.','MP_TREE_DECL_CHILDREN_LEFT'),
             ('children-right','Each node\'s right child, -1 at a leaf: int32 `(n_nodes,)`.','MP_TREE_DECL_CHILDREN_RIGHT'),
             ('feature','The feature each node tests, -2 at a leaf: int32 `(n_nodes,)`.','MP_TREE_DECL_FEATURE'),
             ('threshold','Each node\'s threshold, -2 at a leaf: float64 `(n_nodes,)`.','MP_TREE_DECL_THRESHOLD'),
             ('impurity','Each node\'s impurity: float64 `(n_nodes,)`.','MP_TREE_DECL_IMPURITY'),
             ('n-node-samples','The training samples that reached each node: int64 `(n_nodes,)`.','MP_TREE_DECL_N_NODE_SAMPLES'),
             ('weighted-n-node-samples','Their total weight (bootstrap counts included): float64\n`(n_nodes,)`.','MP_TREE_DECL_WEIGHTED_N_NODE_SAMPLES')]
    for prop, text, macro in nodes:
        entries.append(doc(prop, text) + '  %s (TREES),\n' % macro)
    if clf:
        entries.append(doc('value', 'The weighted count of each class at each node: float64\n`(n_nodes, n_classes)`.') + '  MP_TREE_DECL_CLASSIFIER_VALUE (TREES),\n')
    else:
        entries.append(doc('value', 'The mean target at each node: float64 `(n_nodes,)`.') + '  MP_TREE_DECL_REGRESSOR_VALUE (TREES),\n')

    stored = '''The trees are stored as one set of scikit-learn's node arrays, tree
 * after tree (#%(T)s:tree-node-counts says where each ends), checked
 * on load as a decision tree's are: each tree a tree, every test on a
 * feature of the model, every leaf with samples to predict from.''' % dict(T=T)
    c = '''/* mp-%(file)s.c: %(what)s
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-estimator-private.h"
#include "mp-forest-private.h"
#include "mp-%(file)s.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-%(file)s
 * @Title: %(T)s
 * @Short_description: %(what)s
 *
%(example)s
 * %(intro)s
 * Given the same data, hyperparameters and #%(T)s:random-state, it
 * grows the same trees as scikit-learn 1.2 (the same seeds, bootstrap
 * samples and splits), whatever #%(T)s:n-jobs is, and predicts the
 * same: %(kind_text)s.
 *
 * %(stored)s
 */

struct _%(T)s
{
  MpEstimator  parent_instance;
  MpForest     forest;
};

G_DEFINE_FINAL_TYPE (%(T)s, mp_%(name)s, MP_TYPE_ESTIMATOR)

#define BASE G_STRUCT_OFFSET (%(T)s, forest)
#define TREE_PARAMS MP_FOREST_FIELD (BASE, tree_params)
#define TREES MP_FOREST_FIELD (BASE, trees)

static const MpPropertyDecl properties[] = {
%(entries)s};

static void
mp_%(name)s_class_init (%(T)sClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  /* the shared code finds the forest right after the parent */
  G_STATIC_ASSERT (G_STRUCT_OFFSET (%(T)s, forest) == sizeof (MpEstimator));

  estimator_class->fit = _mp_forest_fit;
  estimator_class->predict = _mp_forest_predict;
%(proba)s  estimator_class->validate = _mp_forest_validate;
  estimator_class->format_param = _mp_forest_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_%(KIND)s);
}

static void
mp_%(name)s_init (%(T)s *self)
{
%(init)s}

/**
 * mp_%(name)s_new:
 *
 * Creates an #%(T)s with scikit-learn's default hyperparameters
 * (`%(sk)s()`: 100 trees, %(defaults)s).
 *
 * Returns: (transfer full): a new #%(T)s
 *
 * Since: 0.1
 */
MpEstimator *
mp_%(name)s_new (void)
{
  return g_object_new (MP_TYPE_%(NAME)s, NULL);
}
''' % dict(file=file, what=what, T=T, name=name, NAME=NAME, intro=intro, example=example_block(EXAMPLES[Name]), kind_text=kind_text, stored=stored,
           entries='\n'.join(entries), sk=sk,
           proba='  estimator_class->predict_proba = _mp_forest_predict_proba;\n' if clf else '',
           KIND='CLASSIFIER' if clf else 'REGRESSOR',
           init='  /* the splitter is not a parameter of a forest (so no table entry\n   * owns the field): extra trees draw their thresholds */\n  self->forest.tree_params.splitter = (char *) "random";\n' if extra else '',
           defaults=('max_features=\'%s\', %s' % ('sqrt' if clf else '1.0', 'no bootstrap' if extra else 'bootstrap samples')))
    emit('mp-%s.c' % file, c)


if STALE:
    sys.exit('generate-forest-classes.py: %s differ from their description; run tools/generate-forest-classes.py'
             % ', '.join(STALE))
