# test_column_transformer.py: ModelPersist.ColumnTransformer against
# scikit-learn's on a mixed table (ages, incomes, heights, cities, yes/no
# answers) and on the classic datasets: column selections by name, position
# and mask, remainder, 'drop' and 'passthrough', the output's column order,
# transformers_, the bridge both ways, persistence, and hostile selections.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import io

import numpy as np
import pandas as pd
import pytest
import sklearn.base
import sklearn.compose
import sklearn.datasets
import sklearn.neighbors
import sklearn.pipeline
import sklearn.preprocessing as skp
from gi.repository import GLib, ModelPersist
from gi.repository.ModelPersist import sklearn as bridge


def people(n=100, seed=0):
    """A hundred people: numbers and text, as a DataFrame."""
    rng = np.random.RandomState(seed)
    return pd.DataFrame({
        'age': rng.randint(18, 80, n).astype(float),
        'income': rng.normal(40000, 9000, n).round(2),
        'height': rng.normal(170, 10, n).round(1),
        'city': rng.choice(['Lyon', 'Oslo', 'Kyiv', 'Porto'], n),
        'owns_car': rng.choice(['yes', 'no'], n),
    })


def labels(df):
    return (df['income'] > 40000).astype(int).to_numpy()


SCALERS = {'standard': (ModelPersist.StandardScaler, skp.StandardScaler),
           'minmax': (ModelPersist.MinMaxScaler, skp.MinMaxScaler),
           'maxabs': (ModelPersist.MaxAbsScaler, skp.MaxAbsScaler)}

# (transformers as (name, scaler key or word, columns), remainder)
CASES = {
    'names': ([('num', 'standard', ['age', 'income'])], 'drop'),
    'names-passthrough': ([('num', 'standard', ['age', 'income'])], 'passthrough'),
    'positions': ([('a', 'minmax', [2, 0]), ('b', 'maxabs', [1])], 'drop'),
    'negative-position': ([('a', 'standard', [-3])], 'passthrough'),
    'mask': ([('m', 'standard', [True, True, False, False, False])], 'drop'),
    'drop-and-passthrough': ([('gone', 'drop', ['age']), ('kept', 'passthrough', ['city', 'height']),
                              ('num', 'standard', ['income'])], 'drop'),
    'empty-selection': ([('none', 'standard', []), ('num', 'minmax', ['age'])], 'passthrough'),
    'repeated-column': ([('a', 'standard', ['age']), ('b', 'minmax', ['age', 'height'])], 'drop'),
}


def make(case, mine):
    transformers, remainder = CASES[case]
    built = []
    for name, what, columns in transformers:
        if what in ('drop', 'passthrough'):
            built.append((name, what, columns))
        else:
            built.append((name, SCALERS[what][0 if mine else 1](), columns))
    cls = ModelPersist.ColumnTransformer if mine else sklearn.compose.ColumnTransformer
    return cls(transformers=built, remainder=remainder)


def assert_same_output(ours, theirs):
    """Numbers within rounding, text equal, in the same columns."""
    assert ours.shape == theirs.shape
    for j in range(theirs.shape[1]):
        column = theirs[:, j]
        if any(isinstance(v, str) for v in column):
            assert list(ours[:, j]) == list(column), 'column %d' % j
        else:
            np.testing.assert_allclose(ours[:, j].astype(float), column.astype(float),
                                       rtol=1e-12, atol=1e-12, err_msg='column %d' % j)


@pytest.mark.parametrize('case', sorted(CASES))
def test_same_output_as_scikit_learn(case):
    df = people()
    mine, theirs = make(case, True), make(case, False)
    assert_same_output(mine.fit_transform(df), theirs.fit_transform(df))
    other = people(seed=1)
    assert_same_output(mine.transform(other), theirs.transform(other))
    assert mine.n_features_in_ == theirs.n_features_in_ == 5
    assert list(mine.feature_names_in_) == list(theirs.feature_names_in_)
    # transformers_: the same names, words and columns, the remaining
    # columns' entry last when there is one
    assert [(n, t if isinstance(t, str) else type(t).__name__, c) for n, t, c in mine.transformers_] == \
        [(n, t if isinstance(t, str) else type(t).__name__, c) for n, t, c in theirs.transformers_]


@pytest.mark.parametrize('case', sorted(CASES))
def test_bridge_both_ways(case):
    df, other = people(), people(seed=2)
    theirs = make(case, False).fit(df)
    converted = bridge.from_sklearn(theirs)
    assert_same_output(converted.transform(other), theirs.transform(other))
    mine = make(case, True).fit(df)
    back = bridge.to_sklearn(mine)
    assert type(back) is sklearn.compose.ColumnTransformer
    assert_same_output(back.transform(other), mine.transform(other))
    assert sklearn.base.clone(back).get_params().keys() == theirs.get_params().keys()


def test_scalar_selection_is_one_column():
    # scikit-learn hands a 1-D array to the transformer (which scalers
    # refuse); ModelPersist hands it a one-column matrix, as ['height'].
    df = people()
    mine = ModelPersist.ColumnTransformer(transformers=[('h', ModelPersist.MaxAbsScaler(), 'height')])
    theirs = sklearn.compose.ColumnTransformer([('h', skp.MaxAbsScaler(), ['height'])])
    assert_same_output(mine.fit_transform(df), theirs.fit_transform(df))
    assert mine.transformers_[0][2] == 'height'


def test_unfitted_converts_and_clones():
    theirs = make('positions', False)
    mine = bridge.from_sklearn(theirs)
    assert not mine.is_fitted()
    assert [(n, c) for n, _, c in mine.transformers] == [(n, c) for n, _, c in theirs.transformers]
    cloned = sklearn.base.clone(mine)
    assert type(cloned) is ModelPersist.ColumnTransformer
    assert cloned.get_params(deep=False)['transformers'][0][2] == [2, 0]


@pytest.mark.parametrize('name', ['iris', 'wine', 'breast_cancer', 'digits', 'diabetes'])
def test_classic_datasets_by_position(name):
    X, _ = getattr(sklearn.datasets, 'load_' + name)(return_X_y=True)
    half = X.shape[1] // 2
    spec = [('a', 0, list(range(half))), ('b', 1, [-1, 0])]
    mine = ModelPersist.ColumnTransformer(
        transformers=[(n, [ModelPersist.StandardScaler, ModelPersist.MinMaxScaler][k](), c) for n, k, c in spec],
        remainder='passthrough')
    theirs = sklearn.compose.ColumnTransformer(
        [(n, [skp.StandardScaler, skp.MinMaxScaler][k](), c) for n, k, c in spec], remainder='passthrough')
    np.testing.assert_allclose(mine.fit_transform(X), theirs.fit_transform(X), rtol=1e-12, atol=1e-12)


def pipelines():
    transformers = [('num', 'standard', ['age', 'income', 'height'])]
    mine = ModelPersist.Pipeline(steps=[
        ('prep', ModelPersist.ColumnTransformer(
            transformers=[('num', ModelPersist.StandardScaler(), transformers[0][2])])),
        ('knn', ModelPersist.KNeighborsClassifier(n_neighbors=5))])
    theirs = sklearn.pipeline.Pipeline([
        ('prep', sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), transformers[0][2])])),
        ('knn', sklearn.neighbors.KNeighborsClassifier(n_neighbors=5, algorithm='brute'))])
    return mine, theirs


def test_pipeline_on_a_table_predicts_as_scikit_learn(tmp_path):
    df, other = people(), people(seed=3)
    y = labels(df)
    mine, theirs = pipelines()
    mine.fit(df, y)
    theirs.fit(df, y)
    expected = theirs.predict(other)
    np.testing.assert_array_equal(mine.predict(other), expected)
    np.testing.assert_array_equal(bridge.from_sklearn(theirs).predict(other), expected)
    np.testing.assert_array_equal(bridge.to_sklearn(mine).predict(other), expected)

    # bytes, a bundle and a stream
    stream = io.BytesIO()
    ModelPersist.dump(mine, stream)
    bundle = tmp_path / 'table-model'
    ModelPersist.dump(mine, str(bundle))
    for loaded in (ModelPersist.loads(ModelPersist.dumps(mine)),
                   ModelPersist.load(str(bundle)),
                   ModelPersist.load(io.BytesIO(stream.getvalue()))):
        np.testing.assert_array_equal(loaded.predict(other), expected)
        assert list(loaded.feature_names_in_) == list(df.columns)


def test_output_with_text_is_a_table():
    df = people()
    mine = ModelPersist.ColumnTransformer(transformers=[('text', 'passthrough', ['city']),
                                                        ('num', ModelPersist.MaxAbsScaler(), ['age'])])
    out = mine.fit_transform(df)
    assert out.dtype == object and out.shape == (100, 2)
    assert list(out[:, 0]) == list(df['city'])


def expect_error(code, message, call, *args):
    with pytest.raises(GLib.Error) as info:
        call(*args)
    assert info.value.code == int(code), info.value.message
    assert info.value.message == message


@pytest.mark.parametrize('transformers, code, message', [
    ([('a', 'standard', ['age', 'weight'])], ModelPersist.Error.INVALID_INPUT,
     "columns[0]: 'weight' is not a column of X"),
    ([('a', 'standard', [7])], ModelPersist.Error.INVALID_INPUT,
     'columns[0]: column 7 is out of range for X with 5 columns'),
    ([('a', 'standard', [True, False])], ModelPersist.Error.INVALID_INPUT,
     'columns[0]: a mask of 2 booleans for X with 5 columns'),
    ([('a', 'standard', ['city'])], ModelPersist.Error.INVALID_INPUT,
     "transformers[0] ('a'): X: column 'city' holds str elements, which do not convert to float64"),
    ([('remainder', 'standard', ['age'])], ModelPersist.Error.INVALID_ARGUMENT,
     "transformers[0]: the name 'remainder' is also a parameter of ColumnTransformer"),
])
def test_bad_selections_refused(transformers, code, message):
    built = [(n, SCALERS[w][0](), c) for n, w, c in transformers]
    mine = ModelPersist.ColumnTransformer(transformers=built)
    expect_error(code, message, mine.fit, people())


def test_names_need_a_named_table():
    mine = ModelPersist.ColumnTransformer(transformers=[('a', ModelPersist.StandardScaler(), ['age'])])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "columns[0]: columns are selected by name ('age'), but X has no column names; "
                 "give a table with names (a pandas DataFrame)",
                 mine.fit, people()[['age', 'income']].to_numpy())


@pytest.mark.parametrize('columns, message', [
    ("[[0], [1]]", 'columns: 2 column selections for 1 transformers'),
    ("[[0, 'age']]", 'columns: a selection mixing positions, names and booleans at offset 10 of '
     "\"[[0, 'age']]\"; expected a list with one column selection per transformer, such as "
     "[['age', 'income'], ['city']] or [[0, 1], 2]"),
    ("[[0]", 'columns: the end at offset 4 of "[[0]"; expected a list with one column selection per '
     "transformer, such as [['age', 'income'], ['city']] or [[0, 1], 2]"),
    ("[__import__('os')]", 'columns: an unexpected character at offset 1 of "[__import__(\'os\')]"; '
     "expected a list with one column selection per transformer, such as [['age', 'income'], "
     "['city']] or [[0, 1], 2]"),
])
def test_bad_columns_literal_refused(columns, message):
    mine = ModelPersist.ColumnTransformer()
    mine.set_property('transformers', ModelPersist.EstimatorList.new())
    entries = ModelPersist.EstimatorList.new()
    entries.append('a', ModelPersist.StandardScaler())
    mine.set_property('transformers', entries)
    mine.set_property('columns', columns)
    expect_error(ModelPersist.Error.INVALID_ARGUMENT, message, mine.fit, np.ones((3, 2)))


def test_python_side_refuses_what_it_cannot_hold():
    for columns, message in [(slice(0, 2), 'transformers[0] columns: a slice of columns is not '
                              'supported; give the list of columns'),
                             (lambda X: [0], 'transformers[0] columns: a callable '
                              '(make_column_selector) is not supported; give the list of columns '
                              'it selects')]:
        with pytest.raises(GLib.Error) as info:
            ModelPersist.ColumnTransformer(transformers=[('a', ModelPersist.StandardScaler(), columns)])
        assert info.value.message == message
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(sklearn.compose.ColumnTransformer([('a', skp.StandardScaler(), [0])],
                                                              remainder=skp.StandardScaler()))
    assert info.value.message == "remainder: only 'drop' and 'passthrough' are supported, " \
        "got sklearn.preprocessing.data.StandardScaler"


def test_renamed_columns_refused_at_transform():
    df = people()
    mine = make('names', True).fit(df)
    renamed = df.rename(columns={'age': 'years'})
    with pytest.raises(GLib.Error) as info:
        mine.transform(renamed)
    assert info.value.code == int(ModelPersist.Error.INVALID_INPUT)
    assert 'Feature names unseen at fit time:\n- years' in info.value.message


@pytest.mark.parametrize('counts, message', [
    ([2, 2, 2], '_column_counts: sums to 6, but n_selected is 5 (from _column_indices)'),
    ([3, 2], '_column_counts: 2 counts for 3 entries of transformers_'),
])
def test_inconsistent_state_refused(counts, message):
    # what the loader checks (validate) in a file written by someone else
    mine = make('positions', True).fit(people())
    mine.set_property('column-counts', ModelPersist.as_array(np.array(counts, dtype=np.int64)))
    expect_error(ModelPersist.Error.INVALID_STATE, message, mine.validate)
    data = ModelPersist.dumps(mine)
    expect_error(ModelPersist.Error.INVALID_STATE, '$.estimator: ' + message, ModelPersist.loads, data)
