// test-linear-models.js: the linear regressors as GJS users see them. The
// expected values come from the definitions (an exact linear relation, and
// predict as X @ coef_ + intercept_); the parity with scikit-learn is
// tests/python/test_linear_parity.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function close(a, b, tol = 1e-10) {
    return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

// y = 2 x0 - 3 x1 + 5, exactly
const rows = [[1, -2], [3, 0], [5, 4], [7, 2], [0, 1], [2, 5]];
const targets = rows.map(([a, b]) => 2 * a - 3 * b + 5);
const x = ModelPersist.Array.new_float64(rows.flat(), [rows.length, 2]);
const y = ModelPersist.Array.new_float64(targets, [rows.length]);
const fresh = ModelPersist.Array.new_float64([10, -1, -4, 0.5], [2, 2]);

function predictByHand(model, i) {
    const r = [[10, -1], [-4, 0.5]][i];
    return model.coef.get_double(0) * r[0] + model.coef.get_double(1) * r[1] + model.intercept;
}

// Saved and loaded, a model predicts what it predicted, and what its
// coefficients say.
function assertSurvives(model, what) {
    const before = model.predict(fresh);
    const loaded = ModelPersist.loads(ModelPersist.dumps(model));
    assert(loaded.get_kind() === ModelPersist.EstimatorKind.REGRESSOR, `${what}: a regressor`);
    const after = loaded.predict(fresh);
    for (let i = 0; i < 2; i++) {
        assert(after.get_double(i) === before.get_double(i), `${what}: the same prediction after load`);
        assert(close(after.get_double(i), predictByHand(loaded, i), 1e-12), `${what}: X @ coef_ + intercept_`);
    }
    return loaded;
}

const ols = new ModelPersist.LinearRegression();
assert(ols.fit_intercept === true && ols.copy_x === true && ols.positive === false, 'hyperparameters');
ols.fit(x, y);
assert(close(ols.coef.get_double(0), 2) && close(ols.coef.get_double(1), -3) && close(ols.intercept, 5),
    'the exact relation recovered');
assert(ols.rank === 2 && ols.singular.get_n_elements() === 2, 'rank_ and singular_');
assert(close(ols.score(x, y)[1], 1), 'R² of an exact fit');
assertSurvives(ols, 'LinearRegression');

const ridge = new ModelPersist.Ridge({alpha: 0.5, solver: 'svd'});
ridge.fit(x, y);
assert(Math.abs(ridge.coef.get_double(0)) < 2, 'the penalty shrinks');
assertSurvives(ridge, 'Ridge');

const lasso = new ModelPersist.Lasso({alpha: 0.01});
lasso.fit(x, y);
assert(lasso.n_iter >= 1 && Number.isFinite(lasso.dual_gap), 'n_iter_ and dual_gap_');
assert(close(lasso.coef.get_double(0), 2, 1e-2), 'a small penalty stays near the relation');
assertSurvives(lasso, 'Lasso');

const enet = new ModelPersist.ElasticNet({alpha: 0.01, l1_ratio: 0.7, positive: true});
enet.fit(x, y);
assert(enet.coef.get_double(1) === 0, 'positive: the negative coefficient is 0');
assertSurvives(enet, 'ElasticNet');

// A solver that is not implemented is kept as given and refused by fit.
const iterative = new ModelPersist.Ridge({solver: 'sag'});
assert(iterative.solver === 'sag', 'the word as given');
let threw = false;
try {
    iterative.fit(x, y);
} catch (e) {
    threw = e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT) &&
        e.message.startsWith('solver: ') && e.message.includes('sag');
}
assert(threw, 'solver=sag refused, naming the solver');

print('1..1');
print('ok 1 - gjs linear models');
