// test-svr.js: ModelPersist.SVR as GJS users see it.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function close(a, b, tol) {
    return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

const svr = new ModelPersist.SVR();
assert(svr.to_string() === "SVR(C=1.0, cache_size=200, coef0=0.0, degree=3, epsilon=0.1, " +
    "gamma='scale', kernel='rbf', max_iter=-1, shrinking=True, tol=0.001, verbose=False)", 'string form');
assert(svr.get_kind() === ModelPersist.EstimatorKind.REGRESSOR, 'a regressor');

// A line in two features, fitted with the linear kernel and a large C:
// every training error stays within the tube (epsilon, plus the solver's
// tolerance).
const n = 30;
const rows = [];
const targets = [];
for (let i = 0; i < n; i++) {
    const a = (i % 7) * 0.3, b = (i % 5) * 0.2 - 0.4;
    rows.push(a, b);
    targets.push(2 * a - b + 0.5);
}
const x = ModelPersist.Array.new_float64(rows, [n, 2]);
const y = ModelPersist.Array.new_float64(targets, [n]);
const line = new ModelPersist.SVR({kernel: 'linear', c: 100, epsilon: 0.05});
line.fit(x, y);
const predicted = line.predict(x);
for (let i = 0; i < n; i++)
    assert(Math.abs(predicted.get_double(i) - targets[i]) <= 0.05 + 1e-3, `within the tube ${i}`);
assert(line.score(x, y)[1] > 0.999, 'R² of a line');

// The prediction is the support vectors' expansion plus the intercept.
const nSV = line.n_support.get_double(0);
assert(nSV === line.support.get_n_elements() && nSV > 0, 'n_support_ counts support_');
for (let i = 0; i < n; i++) {
    let sum = line.intercept.get_double(0);
    for (let k = 0; k < nSV; k++) {
        const dot = line.support_vectors.get_double(2 * k) * rows[2 * i] +
            line.support_vectors.get_double(2 * k + 1) * rows[2 * i + 1];
        sum += line.dual_coef.get_double(k) * dot;
    }
    assert(close(predicted.get_double(i), sum, 1e-12), `dual_coef_ . K(sv, x) + intercept_ ${i}`);
}

// Saved and loaded, it predicts what it predicted.
const loaded = ModelPersist.loads(ModelPersist.dumps(line));
const after = loaded.predict(x);
for (let i = 0; i < n; i++)
    assert(after.get_double(i) === predicted.get_double(i), `the same prediction after load ${i}`);

// A negative epsilon is refused by fit, naming it.
let threw = false;
try {
    new ModelPersist.SVR({epsilon: -1}).fit(x, y);
} catch (e) {
    threw = e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT) &&
        e.message === 'epsilon: must be a finite number >= 0, got -1';
}
assert(threw, 'epsilon < 0 refused');

print('1..1');
print('ok 1 - gjs svr');
