// test-encoders.js: OneHotEncoder and OrdinalEncoder as GJS users see them:
// fitted on a named table of text columns built with Array.new_columns,
// saved, loaded, and used on another table. The expected values are
// computed here from the definitions (each column's sorted distinct
// values; one indicator per category); the parity with scikit-learn is
// tests/python/test_encoders_parity.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function errorOf(call) {
    try {
        call();
    } catch (e) {
        return e;
    }
    return null;
}

const cities = ['Paris', 'Lyon', 'Nice', 'Lyon', 'Zürich', 'Paris'];
const answers = ['yes', 'no', 'no', 'yes', 'yes', 'no'];
const names = ['city', 'answer'];

function table(columns) {
    return ModelPersist.Array.new_columns(
        columns.map(c => ModelPersist.Array.new_strings(c, [c.length])), names);
}

// what fit learns: sorted distinct values, code-point order as numpy's
const sortedUnique = values => [...new Set(values)].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
const cityCategories = sortedUnique(cities);
const answerCategories = sortedUnique(answers);

const encoder = new ModelPersist.OneHotEncoder({drop: 'if_binary', handle_unknown: 'ignore'});
assert(encoder.categories === 'auto' && encoder.drop === 'if_binary', 'hyperparameters as attributes');
assert(encoder.get_kind() === ModelPersist.EstimatorKind.TRANSFORMER, 'a transformer');
encoder.fit(table([cities, answers]), null);

// categories_ is one flat array and the count of each column's
const values = encoder.category_values;
const counts = encoder.category_counts;
assert(counts.get_n_elements() === 2 && counts.get_double(0) === cityCategories.length &&
    counts.get_double(1) === answerCategories.length, 'category counts');
const flat = cityCategories.concat(answerCategories);
for (let k = 0; k < flat.length; k++)
    assert(values.get_string(k) === flat[k], `category ${k}`);
const namesIn = encoder.feature_names_in;
assert(namesIn.length === 2 && namesIn[0] === 'city' && namesIn[1] === 'answer', 'feature names from the table');

// saved and loaded, then used on new rows, one unknown city among them
const loaded = ModelPersist.loads(ModelPersist.dumps(encoder));
const newCities = ['Nice', 'Rome', 'Lyon'];
const newAnswers = ['no', 'yes', 'yes'];
const out = loaded.transform(table([newCities, newAnswers]));
// the cities' indicators, then one for the binary answer ('no' dropped)
const width = cityCategories.length + 1;
assert(out.get_dim(0) === 3 && out.get_dim(1) === width, 'output shape');
for (let i = 0; i < 3; i++) {
    for (let c = 0; c < cityCategories.length; c++) {
        const expected = cityCategories[c] === newCities[i] ? 1 : 0;
        assert(out.get_double(i * width + c) === expected, `row ${i}, city ${cityCategories[c]}`);
    }
    assert(out.get_double(i * width + cityCategories.length) === (newAnswers[i] === 'yes' ? 1 : 0),
        `row ${i}, answer`);
}

// an unknown value with handle_unknown='error' names the column
const strict = new ModelPersist.OneHotEncoder();
strict.fit(table([cities, answers]), null);
const error = errorOf(() => strict.transform(table([newCities, newAnswers])));
assert(error !== null && error.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_INPUT) &&
    error.message === "X: column 'city': found unknown category 'Rome' in row 1 (handle_unknown is 'error')",
    `unknown category refused: ${error}`);

// OrdinalEncoder: the index of each value among its column's categories
const ordinal = new ModelPersist.OrdinalEncoder({handle_unknown: 'use_encoded_value', unknown_value: '-1'});
ordinal.fit(table([cities, answers]), null);
const codes = ModelPersist.loads(ModelPersist.dumps(ordinal))
    .transform(table([newCities, newAnswers]));
for (let i = 0; i < 3; i++) {
    assert(codes.get_double(i * 2) === cityCategories.indexOf(newCities[i]), `code of ${newCities[i]}`);
    assert(codes.get_double(i * 2 + 1) === answerCategories.indexOf(newAnswers[i]), `code of ${newAnswers[i]}`);
}
const back = ordinal.inverse_transform(ordinal.transform(table([cities, answers])));
for (let i = 0; i < cities.length; i++)
    assert(back.get_string(i * 2) === cities[i] && back.get_string(i * 2 + 1) === answers[i], `row ${i} back`);

// LabelEncoder: the labels are a one-column table (integers stay int64)
const labels = ModelPersist.Array.new_columns([ModelPersist.Array.new_int64([30, 10, 20, 10], [4])], null);
const le = new ModelPersist.LabelEncoder();
le.fit(labels, null);
assert(le.classes.get_dtype() === ModelPersist.DType.INT64 && le.classes.get_n_elements() === 3 &&
    le.classes.get_double(0) === 10 && le.classes.get_double(2) === 30, 'sorted int64 classes');
const labelCodes = ModelPersist.loads(ModelPersist.dumps(le)).transform(labels);
[2, 0, 1, 0].forEach((code, i) => assert(labelCodes.get_double(i) === code, `label code ${i}`));

print('ok');
