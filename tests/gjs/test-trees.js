// test-trees.js: decision trees and forests as GJS users see them: string
// hyperparameters, fit, predict and predict_proba checked against a walk of
// the node arrays written here, and a save and load. The parity with
// scikit-learn is tests/python/test_trees.py's.
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const iris = ModelPersist.load_iris();
const x = iris.get_data();
const y = iris.get_target();
const nSamples = x.get_dim(0), nFeatures = x.get_dim(1);

// The leaf a row reaches in the tree of nodes [first, first + count): the
// features are compared as float32, as the trees read them.
function leafOf(model, first, row) {
    let node = 0;
    while (model.children_left.get_double(first + node) !== -1) {
        const f = model.feature.get_double(first + node);
        const v = Math.fround(x.get_double(row * nFeatures + f));
        node = v <= model.threshold.get_double(first + node)
            ? model.children_left.get_double(first + node)
            : model.children_right.get_double(first + node);
    }
    return first + node;
}

// A decision tree: its hyperparameters are scikit-learn's, counts and
// fractions as text.
const tree = new ModelPersist.DecisionTreeClassifier({max_depth: 3, min_samples_leaf: '2', random_state: 0});
assert(tree.criterion === 'gini' && tree.splitter === 'best' && tree.min_samples_split === '2',
    'defaults as attributes');
assert(tree.max_features === null, 'max_features None');
tree.fit(x, y);
const nClasses = tree.classes.get_n_elements();
const proba = tree.predict_proba(x);
const labels = tree.predict(x);
for (let i = 0; i < nSamples; i++) {
    const leaf = leafOf(tree, 0, i);
    let sum = 0, best = 0;
    for (let k = 0; k < nClasses; k++)
        sum += tree.value.get_double(leaf * nClasses + k);
    for (let k = 0; k < nClasses; k++) {
        const share = tree.value.get_double(leaf * nClasses + k) / sum;
        assert(Math.abs(proba.get_double(i * nClasses + k) - share) < 1e-15, `sample ${i}: the leaf's shares`);
        if (tree.value.get_double(leaf * nClasses + k) > tree.value.get_double(leaf * nClasses + best))
            best = k;
    }
    assert(labels.get_double(i) === tree.classes.get_double(best), `sample ${i}: the leaf's largest class`);
}

// A forest: the mean of its trees' probabilities, the trees one after
// another in the same arrays.
const forest = new ModelPersist.RandomForestClassifier({n_estimators: 7, max_features: 'sqrt',
    max_samples: '0.8', random_state: 1});
assert(forest.n_jobs === -1 && forest.bootstrap === true, 'forest defaults');
forest.fit(x, y);
const counts = forest.tree_node_counts;
assert(counts.get_n_elements() === 7, 'one node count per tree');
const forestProba = forest.predict_proba(x);
for (let i = 0; i < nSamples; i += 7) {
    const mean = new Array(nClasses).fill(0);
    let first = 0;
    for (let t = 0; t < 7; t++) {
        const leaf = leafOf(forest, first, i);
        let sum = 0;
        for (let k = 0; k < nClasses; k++)
            sum += forest.value.get_double(leaf * nClasses + k);
        for (let k = 0; k < nClasses; k++)
            mean[k] += forest.value.get_double(leaf * nClasses + k) / sum;
        first += counts.get_double(t);
    }
    for (let k = 0; k < nClasses; k++)
        assert(Math.abs(forestProba.get_double(i * nClasses + k) - mean[k] / 7) < 1e-15, `sample ${i}: the mean`);
}

// Saved and loaded, as an application keeps it.
const loaded = ModelPersist.loads(ModelPersist.dumps(forest));
const again = loaded.predict_proba(x);
for (let i = 0; i < nSamples * nClasses; i++)
    assert(again.get_double(i) === forestProba.get_double(i), `probability ${i} after a load`);

// A regressor forest of extra trees, and a refused setting.
// (iris's petal width from its other three measurements)
const features = [], widths = [];
for (let i = 0; i < nSamples; i++) {
    for (let f = 0; f < 3; f++)
        features.push(x.get_double(i * nFeatures + f));
    widths.push(x.get_double(i * nFeatures + 3));
}
const xr = ModelPersist.Array.new_float64(features, [nSamples, 3]);
const yr = ModelPersist.Array.new_float64(widths, [nSamples]);
const et = new ModelPersist.ExtraTreesRegressor({n_estimators: 5, random_state: 2});
et.fit(xr, yr);
const widthsPredicted = et.predict(xr);
for (let i = 0; i < nSamples; i++) {
    let mean = 0, first = 0;
    for (let t = 0; t < 5; t++) {
        let node = 0;
        while (et.children_left.get_double(first + node) !== -1) {
            const v = Math.fround(xr.get_double(i * 3 + et.feature.get_double(first + node)));
            node = v <= et.threshold.get_double(first + node) ? et.children_left.get_double(first + node)
                : et.children_right.get_double(first + node);
        }
        mean += et.value.get_double(first + node);
        first += et.tree_node_counts.get_double(t);
    }
    assert(Math.abs(widthsPredicted.get_double(i) - mean / 5) < 1e-12, `width ${i}: the trees' mean`);
}
let refused = null;
try {
    new ModelPersist.ExtraTreesClassifier({oob_score: true}).fit(x, y);
} catch (e) {
    refused = e;
}
assert(refused !== null && refused.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT) &&
    refused.message === 'oob_score: is set, which needs bootstrap=True', 'oob_score without bootstrap refused');
