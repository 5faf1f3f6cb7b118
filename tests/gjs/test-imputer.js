// test-imputer.js: SimpleImputer and RobustScaler as GJS users see them:
// NaN reaches the imputer, a saved imputer loads and transforms. The
// expected values are computed here from the definitions; the parity with
// scikit-learn is tests/python/test_imputer_parity.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const rows = [[1, NaN, 4], [3, NaN, NaN], [NaN, NaN, 4], [8, NaN, 10]];
const x = ModelPersist.Array.new_float64(rows.flat(), [4, 3]);

// mean: column 0 is (1 + 3 + 8) / 3 = 4, column 1 is empty and dropped
const imputer = new ModelPersist.SimpleImputer({strategy: 'mean'});
assert(imputer.get_kind() === ModelPersist.EstimatorKind.TRANSFORMER, 'a transformer');
imputer.fit(x, null);
assert(imputer.statistics.get_double(0) === 4 && Number.isNaN(imputer.statistics.get_double(1)) &&
    imputer.statistics.get_double(2) === 6, 'statistics');
const xt = imputer.transform(x);
assert(xt.get_dim(0) === 4 && xt.get_dim(1) === 2, 'the empty column dropped');
const expected = [1, 4, 3, 6, 4, 4, 8, 10];
for (let k = 0; k < 8; k++)
    assert(xt.get_double(k) === expected[k], `imputed element ${k}`);

// saved and loaded, through bytes: the same output
const loaded = ModelPersist.loads(ModelPersist.dumps(imputer));
const again = loaded.transform(x);
for (let k = 0; k < 8; k++)
    assert(again.get_double(k) === expected[k], `loaded imputer, element ${k}`);

// most_frequent ties pick the smallest; constant keeps every column
const frequent = new ModelPersist.SimpleImputer({strategy: 'most_frequent'});
frequent.fit(ModelPersist.Array.new_float64([5, 2, 5, 2, NaN, 7], [3, 2]), null);
assert(frequent.statistics.get_double(0) === 5 && frequent.statistics.get_double(1) === 2, 'most frequent');
const constant = new ModelPersist.SimpleImputer({strategy: 'constant', fill_value: '-1'});
constant.fit(x, null);
assert(constant.transform(x).get_dim(1) === 3 && constant.transform(x).get_double(1) === -1, 'constant');

// add_indicator: a 0/1 column per feature that had missing values at fit
const indicated = new ModelPersist.SimpleImputer({add_indicator: true});
indicated.fit(x, null);
const withIndicator = indicated.transform(x);
assert(indicated.indicator_features.get_n_elements() === 3 && withIndicator.get_dim(1) === 5,
    'three indicator columns after the two imputed');
assert(withIndicator.get_double(2) === 0 && withIndicator.get_double(3) === 1 &&
    withIndicator.get_double(4) === 0, 'the first sample: only column 1 missing');

// RobustScaler: median 2.5 and interquartile range 1.5 of [1, 2, 3, 4]
const scaler = new ModelPersist.RobustScaler({quantile_range_min: 25, quantile_range_max: 75});
scaler.fit(ModelPersist.Array.new_float64([1, 2, 3, 4], [4, 1]), null);
assert(scaler.center.get_double(0) === 2.5 && scaler.scale.get_double(0) === 1.5, 'median and IQR');

print('1..1');
print('ok 1 - gjs imputer');
