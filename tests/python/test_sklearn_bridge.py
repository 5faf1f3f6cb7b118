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
import sklearn.linear_model
import sklearn.preprocessing
import sklearn.svm
from gi.repository import GLib, GObject, ModelPersist
from gi.repository.ModelPersist import sklearn as bridge


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


def assert_same_attributes(a, b):
    """Two scikit-learn estimators hold the same attributes."""
    keys_a = set(a.__dict__) - {'_sklearn_version'}
    keys_b = set(b.__dict__) - {'_sklearn_version'}
    assert keys_a == keys_b
    for key in sorted(keys_a):
        x, y = a.__dict__[key], b.__dict__[key]
        if isinstance(x, np.ndarray):
            assert isinstance(y, np.ndarray), key
            assert x.dtype == y.dtype and x.shape == y.shape, key
            np.testing.assert_array_equal(x, y, err_msg=key)
            assert x.flags.writeable, key
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
    assert ModelPersist.dumps(bridge.from_sklearn(theirs)) == ModelPersist.dumps(ours)

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
    for est in (sklearn.linear_model.LogisticRegression(), MySVC(), 'SVC', None):
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
        (sklearn.svm.SVC().fit(X, np.array(['a', 'b', 'c'])[y]), 'classes_:'),
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
