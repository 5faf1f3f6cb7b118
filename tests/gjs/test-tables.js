// test-tables.js: tables (columns of their own dtypes) and the column
// transformer as GJS users see them: a table of ages, incomes and cities,
// numbers scaled and text passed through, saved and loaded. The parity
// with scikit-learn is tests/python/test_column_transformer.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const ages = [31, 45, 27, 52];
const incomes = [42000, 58000, 31000, 47000];
const cities = ['Lyon', 'Oslo', 'Lyon', 'Kyiv'];
const table = ModelPersist.Array.new_columns([
    ModelPersist.Array.new_float64(ages, [4]),
    ModelPersist.Array.new_float64(incomes, [4]),
    ModelPersist.Array.new_strings(cities, [4]),
], ['age', 'income', 'city']);
assert(table.get_dtype() === ModelPersist.DType.COLUMNS, 'a table');
assert(table.get_shape().join() === '4,3', 'shape (rows, columns)');
assert(table.get_column_names().join() === 'age,income,city', 'column names');
assert(table.get_string(5) === 'Oslo' && table.get_double(3) === 45, 'elements in C order');
assert(table.get_column(2).get_string(3) === 'Kyiv', 'a column');

// A scaler refuses the text column, naming it.
let message = null;
try {
    new ModelPersist.StandardScaler().fit(table, null);
} catch (e) {
    assert(e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_INPUT), 'INVALID_INPUT');
    message = e.message;
}
assert(message === "X: column 'city' holds str elements, which do not convert to float64", message);

// Numbers by name to a scaler, the text passed through.
const transformers = ModelPersist.EstimatorList.new();
transformers.append('num', new ModelPersist.MaxAbsScaler());
const ct = new ModelPersist.ColumnTransformer({
    transformers,
    columns: "[['income', 'age']]",
    remainder: 'passthrough',
});
const out = ct.fit_transform(table, null);
assert(out.get_dtype() === ModelPersist.DType.COLUMNS && out.get_shape().join() === '4,3',
    'text passed through: a table');
assert(out.get_double(0) === 42000 / 58000 && out.get_double(1) === 31 / 52, 'income, then age, scaled');
assert(out.get_string(2) === 'Lyon', 'the remaining column last');
assert(ct.feature_names_in.join() === 'age,income,city', 'the table names are the feature names');

const loaded = ModelPersist.loads(ModelPersist.dumps(ct));
const again = loaded.transform(table);
for (let k = 0; k < 12; k++) {
    if (k % 3 === 2)
        assert(again.get_string(k) === out.get_string(k), `loaded: text ${k}`);
    else
        assert(again.get_double(k) === out.get_double(k), `loaded: number ${k}`);
}
