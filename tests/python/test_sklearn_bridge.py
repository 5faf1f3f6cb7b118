# test_sklearn_bridge.py: ModelPersist.sklearn, conversion between
# scikit-learn estimators and ours, in both directions.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import pathlib
import pickle
import subprocess

import numpy as np
import pytest
import scipy.sparse
import sklearn.datasets
import sklearn.dummy
import sklearn.base
import sklearn.linear_model
import sklearn.naive_bayes
import sklearn.neighbors
import sklearn.preprocessing
import sklearn.svm
import sklearn.tree
from gi.repository import GLib, GObject, ModelPersist
from provenance import dumps_with_provenance_of
from gi.repository.ModelPersist import sklearn as bridge
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads
from threadpoolctl import threadpool_limits


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


def dataset(name):
    X, y = getattr(sklearn.datasets, 'load_' + name)(return_X_y=True)
    if name != 'iris':
        X = sklearn.preprocessing.StandardScaler().fit_transform(X)
    return X, y


DATASETS = ['iris', 'wine', 'breast_cancer']
CONFIGS = [
    {'gamma': 'scale'},
    {'kernel': 'linear', 'C': 0.5},
    {'kernel': 'poly', 'degree': 2, 'gamma': 'auto', 'coef0': 1.0},
    {'kernel': 'sigmoid', 'gamma': 0.01, 'coef0': -0.5},
    {'class_weight': 'balanced', 'decision_function_shape': 'ovo'},
    {'class_weight': {0: 2.0, 1: 0.5}, 'break_ties': True},
    {'probability': True, 'random_state': 3},
]


def config_id(config):
    return ','.join('%s=%s' % item for item in config.items())


def assert_same_predictions(ours, theirs, X):
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X),
                               rtol=1e-12, atol=1e-12)
    if theirs.probability:
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X),
                                   rtol=1e-12, atol=1e-12)


def assert_same_attributes(a, b, shared=()):
    """Two scikit-learn estimators hold the same attributes. The arrays of
    @a are writable, as scikit-learn's own are, except those named in
    @shared: read-only views of a ModelPersist array."""
    keys_a = set(a.__dict__) - {'_sklearn_version'}
    keys_b = set(b.__dict__) - {'_sklearn_version'}
    assert keys_a == keys_b
    for key in sorted(keys_a):
        x, y = a.__dict__[key], b.__dict__[key]
        if isinstance(x, np.ndarray):
            assert isinstance(y, np.ndarray), key
            assert x.dtype == y.dtype and x.shape == y.shape, key
            np.testing.assert_array_equal(x, y, err_msg=key)
            assert x.flags.writeable == (key not in shared), key
        else:
            assert type(x) is type(y) and x == y, key


@pytest.mark.parametrize('name', DATASETS)
@pytest.mark.parametrize('config', CONFIGS, ids=config_id)
def test_from_sklearn_then_persist(name, config):
    X, y = dataset(name)
    if isinstance(config.get('class_weight'), dict) and name == 'breast_cancer':
        config = dict(config, break_ties=False)     # break_ties needs more than two classes
    theirs = sklearn.svm.SVC(**config).fit(X, y)
    ours = bridge.from_sklearn(theirs)
    assert isinstance(ours, ModelPersist.SVC) and ours.is_fitted()
    assert ours.get_params() == theirs.get_params()
    assert_same_predictions(ours, theirs, X)

    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    assert_same_predictions(loaded, theirs, X)
    np.testing.assert_array_equal(loaded.support_, theirs.support_)


@pytest.mark.parametrize('name', DATASETS)
@pytest.mark.parametrize('config', CONFIGS, ids=config_id)
def test_to_sklearn(name, config):
    X, y = dataset(name)
    if isinstance(config.get('class_weight'), dict) and name == 'breast_cancer':
        config = dict(config, break_ties=False)
    ours = ModelPersist.SVC(**config).fit(X, y)
    theirs = bridge.to_sklearn(ours)
    assert type(theirs) is sklearn.svm.SVC
    assert theirs.get_params() == ours.get_params()
    assert_same_predictions(ours, theirs, X)

    # The attributes are exactly those scikit-learn's own fit leaves.
    assert_same_attributes(theirs, sklearn.svm.SVC(**config).fit(X, y))

    # And back: nothing is lost either way.
    converted = bridge.from_sklearn(theirs)
    assert ModelPersist.dumps(converted) == dumps_with_provenance_of(ours, converted)

    # The result is an ordinary scikit-learn object.
    again = pickle.loads(pickle.dumps(theirs))
    np.testing.assert_array_equal(again.predict(X), ours.predict(X))


def test_float_labels_and_int32_inputs():
    X, y = dataset('iris')
    theirs = sklearn.svm.SVC().fit(X.astype(np.float32), y.astype(np.float64) * 2.0 - 1.0)
    ours = bridge.from_sklearn(theirs)
    assert ours.classes_.dtype == np.float64
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))

    theirs = sklearn.svm.SVC().fit(X, y.astype(np.int32))
    ours = bridge.from_sklearn(theirs)
    assert ours.classes_.dtype == np.int64
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_sparse_fitted_svc():
    X, y = dataset('iris')
    theirs = sklearn.svm.SVC().fit(scipy.sparse.csr_matrix(X), y)
    ours = bridge.from_sklearn(theirs)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(scipy.sparse.csr_matrix(X)))
    np.testing.assert_allclose(ours.decision_function(X),
                               theirs.decision_function(scipy.sparse.csr_matrix(X)), rtol=1e-9)


def test_unfitted_estimators_convert():
    theirs = sklearn.svm.SVC(C=0.5, gamma=0.1, class_weight={0: 3.0}, random_state=4)
    ours = bridge.from_sklearn(theirs)
    assert not ours.is_fitted()
    assert ours.get_params() == theirs.get_params()

    back = bridge.to_sklearn(ModelPersist.SVC(kernel='linear', random_state=None))
    assert type(back) is sklearn.svm.SVC
    assert back.get_params() == sklearn.svm.SVC(kernel='linear').get_params()
    assert not hasattr(back, 'support_')

    X, y = dataset('wine')
    np.testing.assert_array_equal(ours.fit(X, y).predict(X), theirs.fit(X, y).predict(X))

    dummy = bridge.from_sklearn(sklearn.dummy.DummyClassifier(strategy='most_frequent'))
    assert repr(dummy) == "DummyClassifier(strategy='most_frequent')"
    assert not dummy.is_fitted()


@pytest.mark.parametrize('strategy', ['prior', 'most_frequent'])
def test_dummy_classifier(strategy):
    X = np.arange(12.0).reshape(6, 2)
    y = np.array([4, 4, 1, 9, 4, 1])
    theirs = sklearn.dummy.DummyClassifier(strategy=strategy, random_state=5).fit(X, y)

    # scikit-learn's DummyClassifier does not record the feature count.
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(theirs)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith('n_features_in:')

    ours = bridge.from_sklearn(theirs, n_features_in=2)
    assert ours.strategy == strategy
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    np.testing.assert_array_equal(loaded.predict(X), theirs.predict(X))

    back = bridge.to_sklearn(ModelPersist.DummyClassifier(strategy=strategy).fit(X, y))
    assert_same_attributes(back, sklearn.dummy.DummyClassifier(strategy=strategy).fit(X, y))
    np.testing.assert_array_equal(back.predict(X), theirs.predict(X))
    np.testing.assert_array_equal(back.predict_proba(X), theirs.predict_proba(X))


def test_dummy_values_without_counterpart():
    X, y = np.zeros((4, 1)), np.array([0, 1, 1, 1])
    for strategy in ('uniform', 'stratified', 'constant'):
        est = sklearn.dummy.DummyClassifier(strategy=strategy, constant=1).fit(X, y)
        with pytest.raises(GLib.Error) as info:
            bridge.from_sklearn(est, n_features_in=1)
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
        assert info.value.message.startswith('strategy:')

    changed = sklearn.dummy.DummyClassifier(strategy='prior').fit(X, y)
    changed.strategy = 'most_frequent'
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(changed, n_features_in=1)
    assert info.value.message.startswith('strategy:')


class MySVC(sklearn.svm.SVC):
    pass


class PyEstimator(ModelPersist.Estimator):
    __gtype_name__ = 'TestBridgePyEstimator'
    scale = GObject.Property(type=float, default=1.0)


def test_unsupported_estimators_raise_type_error():
    for est in (sklearn.naive_bayes.GaussianNB(), MySVC(), 'SVC', None):
        with pytest.raises(TypeError) as info:
            bridge.from_sklearn(est)
        assert type(est).__name__ in str(info.value)
        assert 'sklearn.svm.SVC' in str(info.value)      # says what is supported

    for model in (PyEstimator(), sklearn.svm.SVC(), 42):
        with pytest.raises(TypeError) as info:
            bridge.to_sklearn(model)
        assert type(model).__name__ in str(info.value)


def test_values_without_counterpart_name_the_field():
    X, y = dataset('iris')
    cases = [
        (sklearn.svm.SVC(kernel='precomputed').fit(X @ X.T, y), 'kernel:'),
        (sklearn.svm.SVC(kernel=lambda a, b: a @ b.T).fit(X, y), 'kernel:'),
        (sklearn.svm.SVC(random_state=np.random.RandomState(0)), 'random_state:'),
        (sklearn.svm.SVC().fit(X, np.array([b'a', b'b', b'c'])[y]), 'classes_:'),
    ]
    for est, field in cases:
        with pytest.raises(GLib.Error) as info:
            bridge.from_sklearn(est)
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
        assert info.value.message.startswith(field), info.value.message


def test_damaged_state_is_rejected_by_validate():
    X, y = dataset('iris')
    est = sklearn.svm.SVC().fit(X, y)
    est.support_ = est.support_ + 1000            # indices beyond the training set
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(est)
    assert error_code(info) == ModelPersist.Error.INVALID_STATE
    assert 'support_' in info.value.message

    est = sklearn.svm.SVC().fit(X, y)
    est._n_support = est._n_support[:2].copy()
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(est)
    assert error_code(info) == ModelPersist.Error.INVALID_STATE
    assert 'n_support_' in info.value.message


def test_table():
    assert ('sklearn.svm.SVC', 'SVC') in bridge.conversions()
    assert ('sklearn.dummy.DummyClassifier', 'DummyClassifier') in bridge.conversions()
    assert (('sklearn.neighbors.KNeighborsClassifier', 'KNeighborsClassifier')
            in bridge.conversions())
    # Importing the bridge did not import scikit-learn on its own.
    code = ('import gi, sys; gi.require_version("ModelPersist", "1.0")\n'
            'from gi.repository import ModelPersist\n'
            'assert ModelPersist.sklearn.conversions()\n'
            'assert "sklearn" not in sys.modules, "scikit-learn imported"\n')
    subprocess.run(['/usr/bin/python3', '-c', code], check=True)


def test_a_scikit_learn_model_served_from_c(tmp_path):
    """Trained in scikit-learn, saved safely, predicted by a C program."""
    builddir = os.environ.get('G_TEST_BUILDDIR')
    if builddir is None:
        pytest.skip('run under meson test to find the C example')
    program = pathlib.Path(builddir).parent / 'examples' / 'reference-example'
    assert program.exists(), program

    X, y = sklearn.datasets.load_iris(return_X_y=True)
    theirs = sklearn.svm.SVC(kernel='poly', degree=2, C=0.1).fit(X, y)
    ModelPersist.dump(bridge.from_sklearn(theirs), tmp_path / 'from-sklearn.json')
    out = subprocess.run([str(program), '--predict', str(tmp_path / 'from-sklearn.json')],
                         capture_output=True, text=True, check=True).stdout
    served = [int(v) for v in out.strip().strip('[]').split()]
    assert served == theirs.predict(X).tolist()


# ---------------------------------------------------------------------------
# KNeighborsClassifier

@pytest.fixture
def same_thread_count(monkeypatch):
    # Which of several equidistant samples a brute-force search keeps can
    # depend on how many threads split the training set (docs/neighbors.md):
    # pin scikit-learn and the library to the same count.
    monkeypatch.setenv('OMP_NUM_THREADS', '2')
    with threadpool_limits(limits=2, user_api='openmp'):
        assert _openmp_effective_n_threads() == 2
        yield


knn = pytest.mark.usefixtures('same_thread_count')

KNN_DATASETS = ['iris', 'wine', 'breast_cancer', 'digits']
KNN_CONFIGS = [
    {'n_neighbors': 1},
    {},
    {'n_neighbors': 3, 'weights': 'distance'},
    {'n_neighbors': 15, 'p': 1},
    {'n_neighbors': 8, 'weights': 'distance', 'p': 1},
    {'n_neighbors': 4, 'metric': 'manhattan'},
    {'n_neighbors': 6, 'metric': 'euclidean', 'p': 1, 'weights': 'distance'},
    {'n_neighbors': 2, 'p': 2.0, 'leaf_size': 3, 'n_jobs': 2, 'metric_params': {}},
]


def knn_dataset(name):
    """Training data and queries. iris and digits stay unscaled: their
    values repeat, so many distances tie exactly. The queries are the
    training samples (a neighbour at distance zero), then midpoints of pairs
    of them (equidistant from both), more queries than training samples so
    that both search strategies run. digits is cut to its first 600
    samples to keep the tests quick."""
    X, y = getattr(sklearn.datasets, 'load_' + name)(return_X_y=True)
    if name == 'digits':
        X, y = X[:600], y[:600]
    if name in ('wine', 'breast_cancer'):
        X = sklearn.preprocessing.StandardScaler().fit_transform(X)
    rng = np.random.RandomState(7)
    pairs = rng.randint(0, len(X), size=(len(X) // 2 + 50, 2))
    Q = np.vstack([X, (X[pairs[:, 0]] + X[pairs[:, 1]]) / 2])
    return X, y, Q


def effective_p(theirs):
    return {'euclidean': 2, 'manhattan': 1}[theirs.effective_metric_]


def assert_same_knn_predictions(ours, theirs, Q):
    for X in (Q[:theirs.n_samples_fit_], Q):
        np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X),
                                   rtol=1e-12, atol=1e-12)
        dist, ind = ours.kneighbors(X, 0)
        expected_dist, expected_ind = theirs.kneighbors(X)
        np.testing.assert_array_equal(ind, expected_ind)
        np.testing.assert_allclose(dist, expected_dist, rtol=1e-12, atol=1e-12)


@knn
@pytest.mark.parametrize('name', KNN_DATASETS)
@pytest.mark.parametrize('config', KNN_CONFIGS, ids=config_id)
def test_knn_from_sklearn_then_persist(name, config):
    X, y, Q = knn_dataset(name)
    theirs = sklearn.neighbors.KNeighborsClassifier(algorithm='brute', **config).fit(X, y)
    ours = bridge.from_sklearn(theirs)
    assert isinstance(ours, ModelPersist.KNeighborsClassifier) and ours.is_fitted()
    assert ours.get_params() == {'algorithm': 'brute', 'n_neighbors': theirs.n_neighbors,
                                 'p': effective_p(theirs), 'weights': theirs.weights}
    np.testing.assert_array_equal(ours._fit_X, X)
    np.testing.assert_array_equal(ours.classes_[ours._y], y)
    assert_same_knn_predictions(ours, theirs, Q)

    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    np.testing.assert_array_equal(loaded.predict(Q), theirs.predict(Q))
    np.testing.assert_allclose(loaded.predict_proba(Q), theirs.predict_proba(Q),
                               rtol=1e-12, atol=1e-12)


@knn
@pytest.mark.parametrize('name', KNN_DATASETS)
@pytest.mark.parametrize('config', KNN_CONFIGS, ids=config_id)
def test_knn_to_sklearn(name, config):
    X, y, Q = knn_dataset(name)
    # The unfitted conversion gives ours the hyperparameters of @config.
    ours = bridge.from_sklearn(sklearn.neighbors.KNeighborsClassifier(**config)).fit(X, y)
    theirs = bridge.to_sklearn(ours)
    assert type(theirs) is sklearn.neighbors.KNeighborsClassifier
    assert theirs.get_params() == dict(sklearn.neighbors.KNeighborsClassifier().get_params(),
                                       **ours.get_params())
    assert_same_knn_predictions(ours, theirs, Q)

    # The attributes are exactly those scikit-learn's own fit leaves, and
    # the training matrix is ours, shared rather than copied.
    reference = sklearn.base.clone(theirs).fit(X, y)
    assert_same_attributes(theirs, reference, shared=('_fit_X',))
    native = ModelPersist.uses_native_memory()      # else arrays are copied out
    assert np.shares_memory(theirs._fit_X, ours._fit_X) == native

    # And back: nothing is lost either way, and nothing is copied.
    again = bridge.from_sklearn(theirs)
    assert ModelPersist.dumps(again) == dumps_with_provenance_of(ours, again)
    assert np.shares_memory(again._fit_X, ours._fit_X) == native

    # The result is an ordinary scikit-learn object.
    expected = ours.predict(Q)
    unpickled = pickle.loads(pickle.dumps(theirs))
    np.testing.assert_array_equal(unpickled.predict(Q), expected)
    converted = bridge.from_sklearn(unpickled)
    assert ModelPersist.dumps(converted) == dumps_with_provenance_of(ours, converted)

    # A model loaded from the safe format converts as well.
    loaded = bridge.to_sklearn(ModelPersist.loads(ModelPersist.dumps(ours)))
    np.testing.assert_array_equal(loaded.predict(Q), expected)
    np.testing.assert_allclose(loaded.predict_proba(Q), ours.predict_proba(Q),
                               rtol=1e-12, atol=1e-12)


def ties(brute, Q):
    """Rows of @Q where a tie decides, so that each search settles it its
    own way: the k-th and (k+1)-th nearest training samples are at the same
    distance (within rounding), so which samples are the k neighbours is a
    choice; or the two best classes have equal votes, and which one wins
    depends on the order in which equidistant neighbours are added up."""
    k = brute.n_neighbors
    if k < brute.n_samples_fit_:
        dist, _ = brute.kneighbors(Q, n_neighbors=k + 1)
        at_boundary = np.isclose(dist[:, k - 1], dist[:, k], rtol=1e-9, atol=1e-12)
    else:
        at_boundary = np.zeros(len(Q), dtype=bool)
    proba = np.sort(brute.predict_proba(Q), axis=1)
    in_vote = (proba.shape[1] > 1) & np.isclose(proba[:, -1], proba[:, -2], rtol=1e-12, atol=0)
    return at_boundary | in_vote


def assert_agrees_except_at_ties(ours, theirs, brute, Q):
    differs = ((ours.predict(Q) != theirs.predict(Q)) |
               ~np.isclose(ours.predict_proba(Q), theirs.predict_proba(Q),
                           rtol=1e-12, atol=1e-12).all(axis=1))
    assert not (differs & ~ties(brute, Q)).any()
    return differs.sum()


@knn
@pytest.mark.parametrize('algorithm', ['auto', 'kd_tree', 'ball_tree'])
@pytest.mark.parametrize('name', KNN_DATASETS)
@pytest.mark.parametrize('config', KNN_CONFIGS[:5], ids=config_id)
def test_knn_tree_searches_convert_to_brute_force(algorithm, name, config):
    X, y, Q = knn_dataset(name)
    theirs = sklearn.neighbors.KNeighborsClassifier(algorithm=algorithm, **config).fit(X, y)
    ours = bridge.from_sklearn(theirs)
    assert ours.algorithm == 'brute'

    # Exactly scikit-learn's model with the brute-force search ...
    brute = sklearn.base.clone(theirs).set_params(algorithm='brute').fit(X, y)
    assert_same_knn_predictions(ours, brute, Q)
    # ... and the tree's own answers wherever no tie decides them.
    assert_agrees_except_at_ties(ours, theirs, brute, Q)


@knn
def test_knn_scikit_learn_searches_disagree_at_ties():
    # The premise of converting tree searches: scikit-learn's own searches
    # differ from each other where a tie decides, and only there.
    X, y, Q = knn_dataset('digits')
    tree = sklearn.neighbors.KNeighborsClassifier(15, p=1, algorithm='kd_tree').fit(X, y)
    brute = sklearn.base.clone(tree).set_params(algorithm='brute').fit(X, y)
    assert (tree.predict(Q) != brute.predict(Q)).any()
    assert assert_agrees_except_at_ties(brute, tree, brute, Q) > 0


@knn
@pytest.mark.parametrize('weights', ['uniform', 'distance'])
@pytest.mark.parametrize('p', [1, 2])
def test_knn_other_training_data(weights, p):
    X, y, Q = knn_dataset('digits')
    params = {'n_neighbors': 5, 'weights': weights, 'p': p, 'algorithm': 'brute'}
    float64 = sklearn.neighbors.KNeighborsClassifier(**params).fit(X, y)

    # float32: widened exactly; the same answers for float32 queries, which
    # scikit-learn computes in float64 as we do.
    theirs = sklearn.neighbors.KNeighborsClassifier(**params).fit(X.astype(np.float32), y)
    ours = bridge.from_sklearn(theirs)
    assert ours._fit_X.dtype == np.float64
    np.testing.assert_array_equal(ours._fit_X, X.astype(np.float32))
    Q32 = Q.astype(np.float32)
    np.testing.assert_array_equal(ours.predict(Q32), theirs.predict(Q32))
    np.testing.assert_allclose(ours.predict_proba(Q32), theirs.predict_proba(Q32),
                               rtol=1e-12, atol=1e-12)

    # A sparse matrix: the same model with a dense one.
    theirs = sklearn.neighbors.KNeighborsClassifier(**params).fit(scipy.sparse.csr_matrix(X), y)
    ours = bridge.from_sklearn(theirs)
    np.testing.assert_array_equal(ours._fit_X, X)
    np.testing.assert_array_equal(ours.predict(Q), theirs.predict(scipy.sparse.csr_matrix(Q)))
    np.testing.assert_allclose(ours.predict_proba(Q),
                               theirs.predict_proba(scipy.sparse.csr_matrix(Q)),
                               rtol=1e-12, atol=1e-12)

    # Integers: scikit-learn takes its generic path, which settles ties its
    # own way; ours is its float64 model.
    theirs = sklearn.neighbors.KNeighborsClassifier(**params).fit(X.astype(np.int64), y)
    ours = bridge.from_sklearn(theirs)
    assert_same_knn_predictions(ours, float64, Q)
    Qi = Q[:len(X)].astype(np.int64)
    np.testing.assert_array_equal(Qi, Q[:len(X)])
    assert_agrees_except_at_ties(ours, theirs, float64, Qi)

    # Float labels stay float.
    theirs = sklearn.neighbors.KNeighborsClassifier(**params).fit(X, y * 2.0 - 1.0)
    ours = bridge.from_sklearn(theirs)
    assert ours.classes_.dtype == np.float64
    np.testing.assert_array_equal(ours.predict(Q), theirs.predict(Q))


@knn
def test_knn_unfitted_and_equivalent_spellings():
    K = sklearn.neighbors.KNeighborsClassifier
    for theirs, expected in [
        (K(), {'algorithm': 'brute', 'n_neighbors': 5, 'p': 2, 'weights': 'uniform'}),
        (K(3, weights=None, algorithm='ball_tree', leaf_size=1, n_jobs=-1),
         {'algorithm': 'brute', 'n_neighbors': 3, 'p': 2, 'weights': 'uniform'}),
        (K(metric='manhattan', p=2, weights='distance'),
         {'algorithm': 'brute', 'n_neighbors': 5, 'p': 1, 'weights': 'distance'}),
        (K(metric='euclidean', p=1, metric_params={}),
         {'algorithm': 'brute', 'n_neighbors': 5, 'p': 2, 'weights': 'uniform'}),
        (K(p=1.0, algorithm='kd_tree'),
         {'algorithm': 'brute', 'n_neighbors': 5, 'p': 1, 'weights': 'uniform'}),
    ]:
        ours = bridge.from_sklearn(theirs)
        assert not ours.is_fitted()
        assert ours.get_params() == expected, theirs

    back = bridge.to_sklearn(ModelPersist.KNeighborsClassifier(n_neighbors=9, p=1))
    assert type(back) is sklearn.neighbors.KNeighborsClassifier
    assert back.get_params() == K(9, p=1, algorithm='brute').get_params()
    assert not hasattr(back, '_fit_X')

    X, y, Q = knn_dataset('wine')
    ours = bridge.from_sklearn(K(7, weights='distance')).fit(X, y)
    back.set_params(n_neighbors=7, p=2, weights='distance').fit(X, y)
    np.testing.assert_array_equal(ours.predict(Q), back.predict(Q))


def test_knn_values_without_counterpart_name_the_field():
    K = sklearn.neighbors.KNeighborsClassifier
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    changed = K(p=2).fit(X, y)
    changed.p = 1                           # predict would still use the Euclidean distance
    cases = [
        (K(metric='chebyshev'), 'metric:'),
        (K(metric='l2'), 'metric:'),
        (K(metric='cityblock').fit(X, y), 'metric:'),
        (K(metric=lambda a, b: np.abs(a - b).max()), 'metric:'),
        (K(p=3), 'p:'),
        (K(p=1.5).fit(X, y), 'p:'),
        (K(p=np.inf), 'p:'),
        (K(metric_params={'p': 1}), 'metric_params:'),
        (K(metric='minkowski', metric_params={'w': np.ones(4)}), 'metric_params:'),
        (K(weights=lambda d: 1 / (1 + d)).fit(X, y), 'weights:'),
        (K(n_neighbors=151).fit(X, y), 'n_neighbors:'),
        (K().fit(X, np.column_stack([y, y])), 'outputs_2d_:'),
        (K().fit(X, np.array([b'a', b'b', b'c'])[y]), 'classes_:'),
    ]
    for est, field in cases:
        with pytest.raises(GLib.Error) as info:
            bridge.from_sklearn(est)
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT, field
        assert info.value.message.startswith(field), info.value.message

    # A fitted state its own parameters contradict is a damaged model.
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(changed)
    assert error_code(info) == ModelPersist.Error.INVALID_STATE
    assert info.value.message.startswith('effective_metric_:'), info.value.message

    ours = ModelPersist.KNeighborsClassifier().fit(X, y)
    ours.p = 3                              # fit would have refused it; so does predict
    for call in (lambda: ours.predict(X), lambda: bridge.to_sklearn(ours)):
        with pytest.raises(GLib.Error) as info:
            call()
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
        assert info.value.message.startswith('p:')


def test_knn_damaged_state_is_rejected_by_validate():
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    K = sklearn.neighbors.KNeighborsClassifier
    cases = [
        ('_y', lambda est: setattr(est, '_y', est._y + 3)),
        ('_y', lambda est: setattr(est, '_y', est._y[:-1])),
        ('_fit_X', lambda est: setattr(est, '_fit_X', est._fit_X[:, :2])),
        ('_fit_X', lambda est: setattr(est, '_fit_X', est._fit_X[:-1])),
    ]
    for field, damage in cases:
        est = K().fit(X, y)
        damage(est)
        with pytest.raises(GLib.Error) as info:
            bridge.from_sklearn(est)
        assert error_code(info) == ModelPersist.Error.INVALID_STATE, field
        assert field in info.value.message, info.value.message


def test_knn_training_matrix_is_copied_in_once_and_shared_out():
    X, y, Q = knn_dataset('iris')
    theirs = sklearn.neighbors.KNeighborsClassifier(algorithm='brute').fit(X.copy(), y)
    ours = bridge.from_sklearn(theirs)
    expected = ours.predict(Q)
    theirs._fit_X[:] = 0.0                  # ours holds its own copy
    np.testing.assert_array_equal(ours._fit_X, X)
    np.testing.assert_array_equal(ours.predict(Q), expected)

    back = bridge.to_sklearn(ours)
    assert not back._fit_X.flags.writeable
    with pytest.raises(ValueError):
        back._fit_X[0, 0] = 1.0             # and cannot be changed through scikit-learn
    del ours                                # the view keeps the array alive
    np.testing.assert_array_equal(back._fit_X, X)
    np.testing.assert_array_equal(back.predict(Q), expected)
