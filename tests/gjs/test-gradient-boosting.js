// test-gradient-boosting.js: gradient boosting as GJS users see it. The
// expected values are worked out here from the algorithm on a problem small
// enough to follow by hand; the parity with scikit-learn is
// tests/python/test_gradient_boosting.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

// One stump on y = [1, 1, 5, 5]: it starts from the mean 3, the residuals
// are -2, -2, 2, 2, the split falls between x = 1 and x = 2, and with a
// learning rate of 1 the prediction is the target.
const x = ModelPersist.Array.new_float64([0, 1, 2, 3], [4, 1]);
const y = ModelPersist.Array.new_float64([1, 1, 5, 5], [4]);
const stump = new ModelPersist.GradientBoostingRegressor({n_estimators: 1, max_depth: 1, learning_rate: 1.0});
assert(stump.n_estimators === 1 && stump.max_depth === 1 && stump.learning_rate === 1.0 &&
    stump.subsample === 1.0 && stump.criterion === 'friedman_mse' && stump.loss === 'squared_error' &&
    stump.n_iter_no_change === -1 && stump.init === null && stump.warm_start === false,
'hyperparameters as lower-case attributes');
stump.fit(x, y);
assert(stump.get_kind() === ModelPersist.EstimatorKind.REGRESSOR, 'a regressor');
assert(stump.init_constant.get_double(0) === 3, 'init_ is the mean');
assert(stump.n_estimators_fitted === 1 && stump.tree_node_counts.get_n_elements() === 1 &&
    stump.tree_node_counts.get_double(0) === 3, 'one tree of three nodes');
assert(stump.threshold.get_double(0) === 1.5, 'split between 1 and 2');
assert(stump.value.get_double(1) === -2 && stump.value.get_double(2) === 2, 'leaf means of the residuals');
const predicted = stump.predict(x);
for (let i = 0; i < 4; i++)
    assert(predicted.get_double(i) === y.get_double(i), `prediction ${i}`);
assert(stump.train_score.get_double(0) === 0, 'no training error left');

// A classifier: two classes, one tree per stage; three, one per class.
const iris = ModelPersist.load_iris();
const gb = new ModelPersist.GradientBoostingClassifier({n_estimators: 5, random_state: 0, subsample: 0.8});
gb.fit(iris.get_data(), iris.get_target());
assert(gb.tree_node_counts.get_n_elements() === 15, 'five stages of three trees');
assert(gb.oob_improvement.get_n_elements() === 5, 'out-of-bag improvements with subsample < 1');
const proba = gb.predict_proba(iris.get_data());
const labels = gb.predict(iris.get_data());
const raw = gb.decision_function(iris.get_data());
assert(raw.get_dim(0) === 150 && raw.get_dim(1) === 3, 'one raw score per class');
for (let i = 0; i < 150; i++) {
    let sum = 0, best = 0;
    for (let c = 0; c < 3; c++) {
        sum += proba.get_double(3 * i + c);
        if (proba.get_double(3 * i + c) > proba.get_double(3 * i + best))
            best = c;
    }
    assert(Math.abs(sum - 1) < 1e-12, `probabilities of ${i} sum to 1`);
    assert(labels.get_double(i) === best, `label ${i} is the most probable class`);
}
const loaded = ModelPersist.loads(ModelPersist.dumps(gb));
const again = loaded.predict_proba(iris.get_data());
for (let k = 0; k < 450; k++)
    assert(again.get_double(k) === proba.get_double(k), `probability ${k} after loading`);

// The losses that are not implemented are refused, naming the parameter.
let message = null;
try {
    new ModelPersist.GradientBoostingClassifier({loss: 'exponential'}).fit(iris.get_data(), iris.get_target());
} catch (e) {
    if (e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT))
        message = e.message;
}
assert(message === "loss: 'exponential' (AdaBoost's loss) is not implemented; use 'log_loss'",
    `exponential refused: ${message}`);

print('1..1');
print('ok 1 - gjs gradient boosting');
