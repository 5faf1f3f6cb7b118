// test-scalers.js: the scalers as GJS users see them. The expected values
// are computed here from the definitions (mean and population variance,
// minimum and maximum, largest absolute value); the parity with
// scikit-learn is tests/python/test_scalers_parity.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function close(a, b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
}

const rows = [[1, -2], [3, 0], [5, 4], [7, 2]];
const x = ModelPersist.Array.new_float64(rows.flat(), [4, 2]);
const column = j => rows.map(r => r[j]);
const mean = j => column(j).reduce((s, v) => s + v, 0) / rows.length;
const variance = j => column(j).reduce((s, v) => s + (v - mean(j)) ** 2, 0) / rows.length;

function assertRoundTrip(scaler, xt, what) {
    const back = scaler.inverse_transform(xt);
    for (let k = 0; k < 8; k++)
        assert(close(back.get_double(k), rows.flat()[k]), `${what}: inverse_transform`);
}

// StandardScaler: lower-case attributes, a transformer without predict.
const standard = new ModelPersist.StandardScaler({with_mean: true, with_std: true});
assert(standard.with_mean === true && standard.with_std === true && standard.copy === true,
    'hyperparameters as attributes');
assert(standard.get_kind() === ModelPersist.EstimatorKind.TRANSFORMER, 'a transformer');
standard.fit(x, null);
assert(standard.n_samples_seen === 4 && standard.n_features_in === 2, 'counts');
const xt = standard.transform(x);
for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 2; j++) {
        assert(close(xt.get_double(i * 2 + j), (rows[i][j] - mean(j)) / Math.sqrt(variance(j))),
            `standardized [${i}, ${j}]`);
    }
}
assert(close(standard.var.get_double(1), variance(1)), 'var attribute');
assertRoundTrip(standard, xt, 'StandardScaler');
let threw = false;
try {
    standard.predict(x);
} catch (e) {
    threw = e.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_SUPPORTED);
}
assert(threw, 'a transformer does not predict');
const loaded = ModelPersist.loads(ModelPersist.dumps(standard));
assert(loaded.transform(x).get_double(5) === xt.get_double(5), 'saved and loaded');

// with_std=False: no var_ or scale_, as in scikit-learn.
const centring = new ModelPersist.StandardScaler({with_std: false});
centring.fit(x, null);
assert(centring.var === null && centring.scale === null && centring.mean !== null,
    'only the mean without with_std');

// MinMaxScaler: the feature range as two numbers, clip.
const minmax = new ModelPersist.MinMaxScaler({feature_range_min: -1, feature_range_max: 1, clip: true});
minmax.fit(x, null);
const scaled = minmax.transform(x);
assert(close(scaled.get_double(0), -1) && close(scaled.get_double(6), 1), 'column 0 onto [-1, 1]');
const outside = minmax.transform(ModelPersist.Array.new_float64([100, -100], [1, 2]));
assert(outside.get_double(0) === 1 && outside.get_double(1) === -1, 'clipped');
assertRoundTrip(minmax, scaled, 'MinMaxScaler');

// MaxAbsScaler
const maxabs = new ModelPersist.MaxAbsScaler();
maxabs.fit(x, null);
assert(maxabs.max_abs.get_double(0) === 7 && maxabs.max_abs.get_double(1) === 4, 'max_abs attribute');
assertRoundTrip(maxabs, maxabs.transform(x), 'MaxAbsScaler');

print('1..1');
print('ok 1 - gjs scalers');
