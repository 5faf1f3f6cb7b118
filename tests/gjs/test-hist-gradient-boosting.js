// test-hist-gradient-boosting.js: the histogram gradient boosting
// estimators as GJS users see them. The expected values follow from the
// algorithm on data small enough to work out by hand; the parity with
// scikit-learn is tests/python/test_hist_gradient_boosting.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

let count = 0;
function assert(condition, what) {
    if (!condition)
        throw new Error(`not ok - ${what}`);
    count++;
}

function throwsCode(func, code, text) {
    try {
        func();
    } catch (e) {
        return e.matches(ModelPersist.error_quark(), code) && e.message.includes(text);
    }
    return false;
}

// One feature, a step from 0 to 10 between 3 and 4: with one iteration,
// a learning rate of 1 and leaves of one sample, the first tree splits at
// the midpoint 3.5 and its leaves take the baseline (5) back to 0 and 10
// (within the 1e-15 every leaf value's denominator carries).
const xs = [0, 1, 2, 3, 4, 5, 6, 7];
const x = ModelPersist.Array.new_float64(xs, [8, 1]);
const y = ModelPersist.Array.new_float64([0, 0, 0, 0, 10, 10, 10, 10], [8]);
const reg = new ModelPersist.HistGradientBoostingRegressor({
    max_iter: 1, learning_rate: 1.0, min_samples_leaf: 1, max_leaf_nodes: 2,
});
assert(reg.loss === 'squared_error' && reg.early_stopping === 'auto' && reg.max_bins === 255,
    'hyperparameters as lower-case attributes');
assert(reg.get_kind() === ModelPersist.EstimatorKind.REGRESSOR, 'a regressor');
reg.fit(x, y);
assert(reg.n_iter === 1 && reg.n_trees_per_iteration === 1, 'one tree');
assert(reg.baseline_prediction.get_double(0) === 5, 'the baseline is the mean');
assert(reg.tree_node_counts.get_double(0) === 3, 'a root and two leaves');
assert(reg.node_threshold.get_double(0) === 3.5, 'the split is at the midpoint');
assert(reg.node_left.get_double(1) === -1 && reg.node_right.get_double(2) === -1, 'leaves have no children');
const predicted = reg.predict(x);
for (let i = 0; i < 8; i++)
    assert(Math.abs(predicted.get_double(i) - (i < 4 ? 0 : 10)) < 1e-12, `prediction ${i}`);
// no missing value in training: NaN goes with the larger child, the right
// one on a tie
const nan = reg.predict(ModelPersist.Array.new_float64([NaN], [1, 1]));
assert(nan.get_double(0) === predicted.get_double(7), 'NaN follows the missing direction');

const loaded = ModelPersist.loads(ModelPersist.dumps(reg));
assert(loaded.predict(x).get_double(5) === predicted.get_double(5), 'saved and loaded');

// A categorical feature: categories 0..3, class 'b' for 1 and 3; twelve
// samples each (a category needs the support of ten to be split off).
const cats = Array.from({length: 48}, (_, i) => i % 4);
const labels = cats.map(c => c % 2 ? 'b' : 'a');
const xc = ModelPersist.Array.new_float64(cats, [cats.length, 1]);
const yc = ModelPersist.Array.new_strings(labels, [labels.length]);
const clf = new ModelPersist.HistGradientBoostingClassifier({
    max_iter: 5, min_samples_leaf: 1, categorical_features: '[0]',
});
clf.fit(xc, yc);
assert(clf.get_kind() === ModelPersist.EstimatorKind.CLASSIFIER, 'a classifier');
assert(clf.classes.get_string(0) === 'a' && clf.classes.get_string(1) === 'b', 'classes');
assert(clf.node_is_categorical.get_double(0) === 1, 'the root splits by category');
assert(clf.raw_left_cat_bitsets.get_n_elements() === 8 * 5, 'one bitset of 8 words per tree');
const pc = clf.predict(xc);
for (let i = 0; i < cats.length; i++)
    assert(pc.get_string(i) === labels[i], `category ${cats[i]}`);
const proba = clf.predict_proba(xc);
assert(Math.abs(proba.get_double(0) + proba.get_double(1) - 1) < 1e-15, 'probabilities sum to 1');

// Refused, with the field at fault.
const constrained = new ModelPersist.HistGradientBoostingClassifier({monotonic_cst: '[1]'});
assert(throwsCode(() => constrained.fit(xc, yc), ModelPersist.Error.INVALID_ARGUMENT,
    'monotonic_cst: must be None'), 'monotonic constraints are refused');
const fraction = new ModelPersist.HistGradientBoostingClassifier({early_stopping: 'true', validation_fraction: 'none'});
fraction.fit(xc, yc);
assert(fraction.do_early_stopping && fraction.validation_score.get_n_elements() === 0,
    "validation_fraction='none' watches the training loss");
const broken = ModelPersist.loads(ModelPersist.dumps(reg));
broken.node_feature = ModelPersist.Array.new_int32([4, 0, 0], [3]);
assert(throwsCode(() => broken.predict(x), ModelPersist.Error.INVALID_STATE,
    'node_feature_: tree 0 node 0 tests feature 4; the model has 1 features'), 'a feature out of range');

print(`1..${count}`);
for (let i = 1; i <= count; i++)
    print(`ok ${i}`);
