# test_import_composites.py: the pickle importer on scikit-learn's
# composites (Pipeline, FeatureUnion, ColumnTransformer, VotingClassifier),
# KNeighborsClassifier, DummyClassifier, OneHotEncoder and OrdinalEncoder
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every fixture of these classes (sklearn_fixtures.py) is pickled at test
# time with protocols 2 to 5 and joblib (uncompressed, zlib; lz4 once),
# imported by ModelPersist.import_pickle_bytes (the C importer, which runs
# nothing), and compared with scikit-learn's estimator and with what the
# Python bridge (ModelPersist.sklearn.from_sklearn) makes of it: the same
# outputs, bit for bit, and the same fitted state, property by property,
# through every child estimator. Then the hostile cases: pickles whose
# state the importer must refuse, each with its exact error.

import functools
import io
import os
import pickle
import sys

import numpy as np
import pytest

import gi
gi.require_version('ModelPersist', '1.0')
from gi.repository import GLib, ModelPersist  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import sklearn_fixtures  # noqa: E402

import joblib  # noqa: E402
import sklearn.compose  # noqa: E402
import sklearn.dummy  # noqa: E402
import sklearn.ensemble  # noqa: E402
import sklearn.linear_model  # noqa: E402
import sklearn.neighbors  # noqa: E402
import sklearn.pipeline  # noqa: E402
import sklearn.preprocessing as skp  # noqa: E402
import sklearn.svm  # noqa: E402
from sklearn.datasets import load_iris, load_wine  # noqa: E402

E = ModelPersist.Error
FITTED = ModelPersist.PropertyRole.FITTED
HYPER = ModelPersist.PropertyRole.HYPERPARAMETER

MINE = ('dummy', 'knn', 'voting', 'pipeline', 'feature-union', 'column-transformer', 'one-hot',
        'ordinal')


def _iris():
    return load_iris(return_X_y=True)


def _local_fixtures():
    """Configurations the shared fixtures do not cover: hard voting
    without a tree (trees are another family's), and DummyClassifiers
    inside an ensemble (alone they record no feature count)."""
    F = sklearn_fixtures.Fixture
    iris_X, iris_y = _iris()
    wine_X, wine_y = load_wine(return_X_y=True)
    return [
        F('voting-hard-svc-knn', lambda: sklearn.ensemble.VotingClassifier([
            ('lr', sklearn.linear_model.LogisticRegression(max_iter=1000)),
            ('svc', sklearn.svm.SVC()),
            ('knn', sklearn.neighbors.KNeighborsClassifier())]).fit(iris_X, iris_y), iris_X),
        F('voting-dummy-first', lambda: sklearn.ensemble.VotingClassifier([
            ('knn', sklearn.neighbors.KNeighborsClassifier(n_neighbors=3)),
            ('dummy', sklearn.dummy.DummyClassifier(strategy='most_frequent'))],
            voting='soft').fit(wine_X, wine_y), wine_X, 'predict_proba'),
    ]


@functools.lru_cache(maxsize=None)
def _fixtures():
    shared = [f for f in sklearn_fixtures.fixtures() if f.name.startswith(MINE)]
    return {f.name: f for f in shared + _local_fixtures()}


@functools.lru_cache(maxsize=None)
def _fitted(name):
    """The fitted scikit-learn estimator, and the bridge's conversion."""
    fixture = _fixtures()[name]
    est = fixture.make()
    bridge = ModelPersist.sklearn.from_sklearn(est, n_features_in=fixture.n_features_in)
    return est, bridge


def _dump(est, how):
    if isinstance(how, int):
        return pickle.dumps(est, protocol=how)
    buffer = io.BytesIO()
    joblib.dump(est, buffer, compress=0 if how == 'joblib' else (how.split('-')[1], 3))
    return buffer.getvalue()


def _import(data, options=None):
    if options is None:
        return ModelPersist.import_pickle_bytes(GLib.Bytes.new(data))
    result = ModelPersist.import_pickle_bytes_full(GLib.Bytes.new(data), options)
    return result[0] if isinstance(result, tuple) else result


def _dense(value):
    return value.toarray() if hasattr(value, 'toarray') else np.asarray(value)


def _assert_same_estimator(ours, theirs, where):
    """Same class, and every hyperparameter and fitted property the same
    (arrays: same dtype, shape and values), through the children."""
    assert type(ours) is type(theirs), where
    assert ours.is_fitted() == theirs.is_fitted(), where
    for role in (HYPER, FITTED):
        for name in theirs.list_param_names(role):
            pspec = theirs.find_param(name)
            a = ours.get_property(pspec.name)
            b = theirs.get_property(pspec.name)
            _assert_same_value(a, b, '%s.%s' % (where, name))
    for pspec_name in ('n-features-in', 'feature-names-in'):
        assert ours.get_property(pspec_name) == theirs.get_property(pspec_name), \
            '%s %s' % (where, pspec_name)


def _assert_same_value(a, b, where):
    if isinstance(b, ModelPersist.Array):
        assert isinstance(a, ModelPersist.Array), where
        x, y = ModelPersist.to_numpy(a), ModelPersist.to_numpy(b)
        assert x.dtype == y.dtype and x.shape == y.shape, where
        if x.dtype.kind == 'f':
            np.testing.assert_array_equal(x, y, err_msg=where)
        else:
            assert x.tolist() == y.tolist(), where
    elif isinstance(b, ModelPersist.EstimatorList):
        assert isinstance(a, ModelPersist.EstimatorList), where
        assert a.get_n_items() == b.get_n_items(), where
        for i in range(b.get_n_items()):
            assert a.get_name(i) == b.get_name(i), where
            assert a.get_word(i) == b.get_word(i), where
            if b.get_estimator(i) is not None:
                _assert_same_estimator(a.get_estimator(i), b.get_estimator(i),
                                       '%s[%d]' % (where, i))
    elif isinstance(b, ModelPersist.Estimator):
        _assert_same_estimator(a, b, where)
    else:
        assert a == b, where


def _unsupported_member(error):
    """The class of another family a fixture holds (a tree), if that is
    why the import failed: those run once that family is imported."""
    if error.matches(ModelPersist.error_quark(), E.UNKNOWN_TYPE) and \
            'a scikit-learn class this importer does not read' in error.message:
        name = error.message.split(' names ')[1].split(',')[0]
        if not any(part in name for part in ('.pipeline.', '.compose.', '.neighbors.', '.dummy.',
                                             '.ensemble._voting.', '._encoders.')):
            return name
    return None


FORMATS = [2, 3, 4, 5, 'joblib', 'joblib-zlib']
CASES = [(name, how) for name in sorted(_fixtures()) for how in FORMATS]
# every compressor is tested elsewhere; lz4 once here
CASES.append(('pipeline-column-transformer-logistic', 'joblib-lz4'))

# Where the bridge itself is not bit-identical to scikit-learn (the
# importer must equal the bridge exactly; against scikit-learn, only
# rounding): LogisticRegression's probabilities behind the column
# transformer differ by 1 ulp.
ULP_APART = {'pipeline-column-transformer-logistic'}


@pytest.mark.parametrize('name,how', CASES, ids=['%s-%s' % c for c in CASES])
def test_import_matches_sklearn_and_bridge(name, how):
    fixture = _fixtures()[name]
    est, bridge = _fitted(name)
    data = _dump(est, how)
    if name.startswith('dummy'):
        # alone it records no feature count, and the C API takes none
        with pytest.raises(GLib.Error) as info:
            _import(data)
        assert info.value.matches(ModelPersist.error_quark(), E.INVALID_STATE)
        assert info.value.message == (
            'pickle: n_features_in: DummyClassifier does not record how many features it was '
            'fitted with, and the importer takes no such value from the caller yet (inside a '
            "VotingClassifier it uses the ensemble's)")
        return
    try:
        model = _import(data)
    except GLib.Error as e:
        other = _unsupported_member(e)
        if other is None:
            raise
        pytest.skip('holds %s, which another family of the importer maps' % other)
    theirs = _dense(getattr(est, fixture.method)(fixture.X))
    ours = _dense(getattr(model, fixture.method)(fixture.X))
    from_bridge = _dense(getattr(bridge, fixture.method)(fixture.X))
    assert ours.dtype == from_bridge.dtype and ours.shape == from_bridge.shape
    if ours.dtype.kind == 'f':
        np.testing.assert_array_equal(ours, from_bridge)
    else:
        assert np.array_equal(ours, from_bridge)
    assert ours.shape == theirs.shape
    if name in ULP_APART:
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=4e-16)
    elif theirs.dtype.kind in 'OU':
        assert ours.tolist() == theirs.tolist()
    else:
        assert np.array_equal(ours, theirs)
        if ours.dtype.kind == 'f':
            np.testing.assert_array_equal(ours, theirs)
    _assert_same_estimator(model, bridge, 'pickle')


def test_unfitted_composites_import_unfitted():
    iris_X, iris_y = _iris()
    pipe = sklearn.pipeline.make_pipeline(skp.StandardScaler(),
                                          sklearn.neighbors.KNeighborsClassifier(n_neighbors=3))
    model = _import(pickle.dumps(pipe))
    assert not model.is_fitted()
    assert [name for name, _ in model.steps] == ['standardscaler', 'kneighborsclassifier']
    assert model.steps[1][1].n_neighbors == 3
    # then it fits as scikit-learn's does
    model.fit(iris_X, iris_y)
    assert np.array_equal(model.predict(iris_X), pipe.fit(iris_X, iris_y).predict(iris_X))


# ---------------------------------------------------------------------------
# Hostile and unsupported cases

def _refused(est, code, message, options=None):
    data = pickle.dumps(est, protocol=4)
    est = None      # a failure's report would print it (exponentially, for some)
    with pytest.raises(GLib.Error) as info:
        _import(data, options)
    assert info.value.matches(ModelPersist.error_quark(), code), info.value.message
    assert info.value.message == message


def _knn(**changes):
    iris_X, iris_y = _iris()
    est = sklearn.neighbors.KNeighborsClassifier().fit(iris_X, iris_y)
    est.__dict__.update(changes)
    return est


def test_knn_refusals():
    _refused(_knn(_fit_X=3), E.INVALID_STATE, 'pickle: _fit_X: has 0 dimensions, expected 2')
    _refused(_knn(_fit_X='abc'), E.INVALID_VALUE, 'pickle._fit_X: expected an array, got str')
    _refused(_knn(_fit_X=np.ones((150, 4, 1))), E.INVALID_STATE,
             'pickle: _fit_X: has 3 dimensions, expected 2')
    _refused(_knn(_fit_X=np.ones((150, 3))), E.INVALID_STATE,
             'pickle: _fit_X: dimension 1 is 3, but n_features_in is 4 (from n_features_in_)')
    _refused(_knn(_y=_knn()._y + 1), E.INVALID_STATE,
             'pickle: _y: class indices must lie in [0, 3), found 1 to 3')
    _refused(_knn(metric='l2'), E.NOT_SUPPORTED,
             "pickle: metric: 'l2' has no ModelPersist equivalent; supported: 'minkowski' with "
             "p=1 or p=2, 'euclidean', 'manhattan'")
    _refused(_knn(p=3), E.NOT_SUPPORTED,
             'pickle: p: only p=1 (Manhattan) and p=2 (Euclidean) are supported, got 3')
    _refused(_knn(p=True), E.NOT_SUPPORTED,
             'pickle: p: only p=1 (Manhattan) and p=2 (Euclidean) are supported, got True')
    _refused(_knn(p=1), E.INVALID_STATE,
             "pickle: effective_metric_: fitted with 'euclidean', but the parameters now give "
             "'manhattan'; scikit-learn predicts with the metric fit saw")
    _refused(_knn(metric_params={'w': 1}), E.NOT_SUPPORTED,
             'pickle: metric_params: a dict changes the distance; '
             'ModelPersist.KNeighborsClassifier takes none')
    _refused(_knn(n_neighbors=151), E.INVALID_VALUE,
             'pickle: n_neighbors: 151 is more than the 150 training samples (scikit-learn '
             'accepts that in fit but fails in predict)')
    _refused(_knn(n_samples_fit_=0), E.INVALID_STATE,
             'pickle: n_samples_fit_: expected a positive integer, got 0')
    _refused(_knn(outputs_2d_=True), E.NOT_SUPPORTED,
             'pickle: outputs_2d_: fitted with several outputs; '
             'ModelPersist.KNeighborsClassifier predicts one')
    _refused(_knn(algorithm='octree'), E.INVALID_VALUE,
             "pickle: algorithm: must be 'brute', got 'octree'")


def _voting_with_dummy(**dummy_changes):
    iris_X, iris_y = _iris()
    est = sklearn.ensemble.VotingClassifier([
        ('lr', sklearn.linear_model.LogisticRegression(max_iter=1000)),
        ('dummy', sklearn.dummy.DummyClassifier())]).fit(iris_X, iris_y)
    est.estimators_[1].__dict__.update(dummy_changes)
    return est


def test_dummy_and_voting_refusals():
    _refused(_voting_with_dummy(strategy='most_frequent'), E.INVALID_STATE,
             "pickle.estimators_[1]: strategy: set to 'most_frequent' after fitting with "
             "'prior'; ModelPersist predicts with the strategy it holds")
    _refused(_voting_with_dummy(n_outputs_=2), E.NOT_SUPPORTED,
             'pickle.estimators_[1]: n_outputs_: 2 outputs; ModelPersist.DummyClassifier '
             'predicts one')
    _refused(_voting_with_dummy(sparse_output_=True), E.NOT_SUPPORTED,
             'pickle.estimators_[1]: sparse_output_: a sparse target has no ModelPersist '
             'equivalent')
    est = _voting_with_dummy()
    est.estimators_ = 3
    _refused(est, E.INVALID_STATE,
             'pickle: estimators_: expected the list of fitted estimators, got int')
    est = _voting_with_dummy()
    est.estimators = [('lr', 'lr')]
    _refused(est, E.INVALID_VALUE,
             "pickle: estimators[0]: must be an estimator or one of 'drop', got 'lr'")
    est = _voting_with_dummy()
    est.estimators = ['lr']
    _refused(est, E.INVALID_VALUE,
             "pickle.estimators[0]: expected a (name, estimator) pair or an estimator, got str")
    est = _voting_with_dummy()
    est.estimators = [('lr', 7)]
    _refused(est, E.INVALID_VALUE,
             'pickle.estimators[0]: expected a scikit-learn estimator, the pickle holds int')
    # a DummyClassifier first: the ensemble's count is the first member's
    iris_X, iris_y = _iris()
    est = sklearn.ensemble.VotingClassifier([
        ('dummy', sklearn.dummy.DummyClassifier()),
        ('lr', sklearn.linear_model.LogisticRegression(max_iter=1000))]).fit(iris_X, iris_y)
    _refused(est, E.INVALID_STATE,
             'pickle.estimators_[0]: n_features_in: DummyClassifier does not record how many '
             'features it was fitted with, and the importer takes no such value from the caller '
             "yet (inside a VotingClassifier it uses the ensemble's)")


def test_cycles_end_in_the_depth_limit():
    iris_X, _ = _iris()
    pipe = sklearn.pipeline.Pipeline([('scale', skp.StandardScaler().fit(iris_X))])
    pipe.steps.append(('again', pipe))              # the pickle's memo makes it a cycle
    options = ModelPersist.LoadOptions.new()
    options.set_max_depth(5)
    _refused(pipe, E.LIMIT_EXCEEDED,
             'pickle' + '.steps[1]' * 4 + '.steps[0]: estimators nested deeper than 5 (max_depth)',
             options)
    # with the default limit too
    _refused(pipe, E.LIMIT_EXCEEDED,
             'pickle' + '.steps[1]' * 63 + '.steps[0]: estimators nested deeper than 64 '
             '(max_depth)')


def _path_of_estimator(n, levels):
    """Where the @n-th estimator is met, in the importer's order (depth
    first, members in order) in the unions of test_shared_members_are_bounded."""
    count = 0

    def walk(path, level):
        nonlocal count
        count += 1
        if count == n:
            return path
        if level == 0:          # the pipeline, then its scaler
            return walk(path + '.steps[0]', -1) if n > count else None
        if level < 0:
            return None
        for i in (0, 1):
            found = walk('%s.transformer_list[%d]' % (path, i), level - 1)
            if found is not None:
                return found
        return None

    return walk('pickle', levels)


def test_shared_members_are_bounded():
    # each level refers twice to the one below: 2**depth places
    iris_X, _ = _iris()
    inner = sklearn.pipeline.Pipeline([('scale', skp.StandardScaler().fit(iris_X))])
    for _ in range(16):
        inner = sklearn.pipeline.FeatureUnion([('a', inner), ('b', inner)])
    options = ModelPersist.LoadOptions.new()
    options.set_max_json_nodes(5000)
    _refused(inner, E.LIMIT_EXCEEDED,
             _path_of_estimator(5001, 16) + ': more than 5000 estimators (max_json_nodes), '
             'counting each place the pickle refers to one', options)
    # one estimator referred to twice is imported twice, as two estimators
    scaler = skp.StandardScaler().fit(iris_X)
    union = sklearn.pipeline.FeatureUnion([('a', scaler), ('b', scaler)])
    model = _import(pickle.dumps(union))
    first, second = (member for _, member in model.transformer_list)
    assert first is not second
    assert np.array_equal(model.transform(iris_X), union.transform(iris_X))


def test_pipeline_and_union_refusals():
    iris_X, iris_y = _iris()
    pipe = sklearn.pipeline.make_pipeline(skp.StandardScaler()).fit(iris_X)
    pipe.memory = '/tmp/cache'
    _refused(pipe, E.INVALID_VALUE,
             "pickle: memory: ModelPersist.Pipeline has no such parameter, and "
             "memory='/tmp/cache' changes the model")
    pipe = sklearn.pipeline.make_pipeline(skp.StandardScaler()).fit(iris_X)
    pipe.steps = 3
    _refused(pipe, E.INVALID_VALUE,
             'pickle.steps: expected a list of (name, estimator) pairs or of estimators, got int')
    union = sklearn.pipeline.FeatureUnion([('s', skp.StandardScaler())]).fit(iris_X)
    union.transformer_weights = {'s': 2}
    _refused(union, E.INVALID_VALUE,
             'pickle: transformer_weights: ModelPersist.FeatureUnion has no such parameter, and '
             'transformer_weights=dict changes the model')
    union = sklearn.pipeline.FeatureUnion([('s', skp.StandardScaler())]).fit(iris_X)
    union.transformer_list = [('s', skp.StandardScaler(), 'extra')]
    _refused(union, E.INVALID_VALUE,
             'pickle.transformer_list[0]: expected a (name, estimator) pair, got tuple')
    # a FunctionTransformer with a function is no 'passthrough' (and its
    # function is a global the importer never resolves)
    union = sklearn.pipeline.FeatureUnion([('log', skp.FunctionTransformer(np.log1p))]).fit(iris_X)
    with pytest.raises(GLib.Error) as info:
        _import(pickle.dumps(union))
    assert info.value.matches(ModelPersist.error_quark(), E.UNTRUSTED_TYPE)
    assert 'names numpy.core._multiarray_umath.log1p, which this importer never builds' in \
        info.value.message


def _people():
    import pandas as pd
    return pd.DataFrame({'city': ['a', 'b', 'a', 'c'] * 5, 'age': np.arange(20.0),
                         'income': np.arange(20.0) ** 2})


def test_column_transformer_refusals():
    people = _people()
    ct = sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), ['age'])],
                                           remainder=skp.MinMaxScaler()).fit(people[['age', 'income']])
    _refused(ct, E.NOT_SUPPORTED,
             "pickle: remainder: only 'drop' and 'passthrough' are supported, got "
             'sklearn.preprocessing.data.MinMaxScaler')
    ct = sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), slice(1, 3))]).fit(people)
    _refused(ct, E.NOT_SUPPORTED,
             'pickle: transformers[0] columns: a slice of columns is not supported; give the '
             'list of columns')
    ct = sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), ['age'])]).fit(people)
    ct.sparse_output_ = True
    _refused(ct, E.NOT_SUPPORTED,
             "pickle: sparse_output_: the fitted ColumnTransformer returns a sparse matrix; "
             "ModelPersist's is dense: convert its encoders to sparse_output=False first")
    ct = sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), ['age'])]).fit(people)
    ct.transformer_weights = {'num': 2.0}
    _refused(ct, E.INVALID_VALUE,
             'pickle: transformer_weights: ModelPersist.ColumnTransformer has no such parameter, '
             'and transformer_weights=dict changes the model')
    ct = sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), ['age'])]).fit(people)
    ct._transformer_to_input_indices = {'num': ['age']}
    _refused(ct, E.INVALID_STATE,
             "pickle: _transformer_to_input_indices['num']: item 0 is not an int")
    ct = sklearn.compose.ColumnTransformer([('num', skp.StandardScaler(), ['age'])]).fit(people)
    ct.transformers = [('num', skp.StandardScaler(), [1.5])]
    _refused(ct, E.INVALID_VALUE,
             'pickle: transformers[0] columns: float is not a column position, name or boolean')
    # selections by position, by name and by mask, as the binding writes them
    X = people[['age', 'income']].to_numpy()
    ct = sklearn.compose.ColumnTransformer([('a', skp.StandardScaler(), [0]),
                                            ('b', skp.MinMaxScaler(), np.array([False, True])),
                                            ('c', 'drop', 1)]).fit(X)
    model = _import(pickle.dumps(ct))
    assert model.get_property('columns') == '[[0], [False, True], 1]'
    assert np.array_equal(model.transform(X), ct.transform(X))


def test_encoder_refusals():
    text = np.array([['red', 'S'], ['blue', 'M'], ['red', 'L'], ['green', 'M']], dtype=object)
    one_hot = skp.OneHotEncoder(categories=[['red', 'blue', 'green'], ['S', 'M', 'L']]).fit(text)
    _refused(one_hot, E.NOT_SUPPORTED,
             "pickle: categories: ModelPersist's encoders learn the categories "
             "(categories='auto'); a given list is not supported")
    _refused(skp.OneHotEncoder(dtype=np.float32).fit(text), E.NOT_SUPPORTED,
             "pickle: dtype: ModelPersist's encoders give float64 only, got the global numpy.float32")
    _refused(skp.OneHotEncoder(min_frequency=2).fit(text), E.INVALID_VALUE,
             'pickle: min_frequency: ModelPersist.OneHotEncoder has no such parameter, and '
             'min_frequency=2 changes the model')
    _refused(skp.OneHotEncoder(drop=['red', 'S']).fit(text), E.NOT_SUPPORTED,
             "pickle: drop: ModelPersist's OneHotEncoder takes None, 'first' or 'if_binary'; a "
             'category per feature is not supported')
    est = skp.OneHotEncoder(drop='first').fit(text)
    est.drop_idx_ = None
    _refused(est, E.INVALID_STATE, "pickle: drop_idx_: None does not follow from drop='first'")
    est = skp.OneHotEncoder(drop='if_binary').fit(text)
    est.drop_idx_ = np.array([0, 0], dtype=object)
    _refused(est, E.INVALID_STATE,
             "pickle: drop_idx_: numpy.ndarray of dtype |O8 does not follow from drop='if_binary'")
    _refused(skp.OneHotEncoder(handle_unknown='infrequent_if_exist').fit(text), E.NOT_SUPPORTED,
             "pickle: handle_unknown: 'infrequent_if_exist' needs infrequent categories "
             '(min_frequency, max_categories), which ModelPersist does not implement')
    est = skp.OneHotEncoder().fit(text)
    est._infrequent_enabled = True
    _refused(est, E.NOT_SUPPORTED,
             'pickle: min_frequency, max_categories: infrequent categories are not supported')
    est = skp.OneHotEncoder().fit(text)
    est.categories_ = est.categories_[:1]
    _refused(est, E.INVALID_STATE, 'pickle: categories_: 1 arrays for 2 features')
    est = skp.OneHotEncoder().fit(text)
    est.categories_ = 3
    _refused(est, E.INVALID_STATE, 'pickle: categories_: expected a list of arrays, got int')
    est = skp.OneHotEncoder().fit(text)
    est.categories_ = [np.array([1.0, 2.0]), np.array(['M', 'S'], dtype=object)]
    _refused(est, E.NOT_SUPPORTED,
             'pickle: categories_: column 1 holds text, but column 0 numbers; ModelPersist keeps '
             'the categories of one encoder all text or all numbers')
    numbers = np.array([[1.0, 2.0], [np.nan, 3.0], [1.0, 3.0]])
    _refused(skp.OneHotEncoder().fit(numbers), E.NOT_SUPPORTED,
             'pickle: categories_[0]: holds nan (fitted on missing values), which ModelPersist '
             'refuses')
    _refused(skp.OrdinalEncoder().fit(numbers), E.NOT_SUPPORTED,
             'pickle: categories_: holds nan (fitted on missing values), which ModelPersist '
             'refuses')
    _refused(skp.OrdinalEncoder(encoded_missing_value=-1).fit(text), E.NOT_SUPPORTED,
             'pickle: encoded_missing_value: ModelPersist refuses NaN in X, so only the default '
             '(nan) is supported, got -1')
    # unknown_value=nan is ours 'nan'
    est = skp.OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=np.nan).fit(text)
    model = _import(pickle.dumps(est))
    assert model.get_property('unknown-value') == 'nan'
    probe = np.array([['pink', 'S']], dtype=object)
    np.testing.assert_array_equal(model.transform(probe), est.transform(probe))
