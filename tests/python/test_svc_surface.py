# test_svc_surface.py: the scikit-learn conveniences of ModelPersist.SVC and
# the dataset loaders, as a Python user writes them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn.base
import sklearn.datasets
import sklearn.svm
from gi.repository import GLib, ModelPersist

REFERENCE = ("SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, "
             "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', "
             "max_iter=-1, probability=False, random_state=None, shrinking=True, "
             "tol=0.001, verbose=False)")


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


def test_constructor_forms():
    clf = ModelPersist.SVC(C=0.5, gamma='scale')
    assert clf.C == 0.5 and clf.props.c == 0.5 and clf.gamma == 'scale'
    assert repr(clf) == REFERENCE.replace('C=1.0', 'C=0.5')

    from gi.repository.ModelPersist import SVC
    clf = SVC(gamma=0.1)
    assert clf.gamma == 0.1 and isinstance(clf.gamma, float)
    assert clf.props.gamma == '0.1'
    assert 'gamma=0.1,' in repr(clf)
    assert repr(SVC(gamma='scale')) == REFERENCE
    assert repr(SVC()) == REFERENCE


@pytest.mark.parametrize('params', [
    {},
    {'C': 0.5, 'gamma': 0.1},
    {'kernel': 'poly', 'degree': 2, 'coef0': 1.0, 'gamma': 'auto'},
    {'class_weight': {0: 1.0, 2: 3.5}, 'random_state': 7},
    {'class_weight': 'balanced', 'probability': True, 'random_state': None},
    {'decision_function_shape': 'ovo', 'break_ties': False, 'max_iter': 50},
])
def test_get_params_equal_scikit_learns(params):
    ours = ModelPersist.SVC(**params).get_params()
    theirs = sklearn.svm.SVC(**params).get_params()
    assert ours == theirs
    for key, value in theirs.items():
        assert type(ours[key]) is type(value) or (isinstance(value, int) and isinstance(ours[key], float))


def test_class_weight_dict():
    weights = {0: 1.0, 2: 3.5}
    clf = ModelPersist.SVC(class_weight=weights)
    assert "class_weight={0: 1.0, 2: 3.5}," in repr(clf)
    assert clf.props.class_weight == '{0: 1.0, 2: 3.5}'
    assert clf.get_params()['class_weight'] is weights       # sklearn.base.clone checks identity
    assert clf.class_weight == weights

    # Read back as a dict when set as text, too (the text form of docs/svc.md).
    clf.props.class_weight = '{1: 2, 0: 0.5}'
    assert clf.get_params()['class_weight'] == {1: 2, 0: 0.5}

    # numpy keys and values, as class labels from numpy arrays come.
    clf.set_params(class_weight={np.int64(0): np.float32(1.5), np.int32(1): 2})
    assert clf.props.class_weight == '{0: 1.5, 1: 2}'

    X, y = sklearn.datasets.load_iris(return_X_y=True)
    ours = ModelPersist.SVC(class_weight=weights).fit(X, y)
    theirs = sklearn.svm.SVC(class_weight=weights).fit(X, y)
    np.testing.assert_array_equal(ours.class_weight_, theirs.class_weight_)
    np.testing.assert_array_equal(ours.support_, theirs.support_)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert sklearn.base.clone(ours).get_params()['class_weight'] == weights


@pytest.mark.parametrize('bad', [{'a': 1.0}, {0: 'heavy'}, {0: float('nan')}, {True: 1.0},
                                 {0: [1.0]}])
def test_class_weight_bad_dicts(bad):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.SVC(class_weight=bad)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith('class_weight:')


def test_negative_class_weight_fails_at_fit():
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    clf = ModelPersist.SVC(class_weight={0: -1.0})
    with pytest.raises(GLib.Error) as info:
        clf.fit(X, y)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert 'class_weight' in info.value.message


def test_random_state_none():
    clf = ModelPersist.SVC(random_state=3)
    assert clf.random_state == 3
    clf.random_state = None
    assert clf.random_state is None and clf.props.random_state == -1
    assert 'random_state=None' in repr(clf)
    assert clf.set_params(random_state=5).random_state == 5
    # None is accepted only where the estimator prints a value as None.
    with pytest.raises(GLib.Error) as info:
        ModelPersist.SVC(C=None)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith('C:')
    with pytest.raises(GLib.Error):
        ModelPersist.SVC(max_iter=None)
    assert ModelPersist.SVC(max_iter=7).max_iter == 7


@pytest.mark.parametrize('name', ['iris', 'wine', 'breast_cancer', 'digits'])
def test_datasets_are_numpy(name):
    dataset = getattr(ModelPersist, 'load_' + name)()
    theirs = getattr(sklearn.datasets, 'load_' + name)()
    assert isinstance(dataset, ModelPersist.Dataset)
    X, y = dataset.data, dataset.target
    assert isinstance(X, np.ndarray) and isinstance(y, np.ndarray)
    np.testing.assert_array_equal(X, theirs.data)
    np.testing.assert_array_equal(y, theirs.target)
    assert X[0:1].shape == (1, X.shape[1])
    assert list(dataset.target_names) == [str(n) for n in theirs.target_names]

    X2, y2 = getattr(ModelPersist, 'load_' + name)(return_X_y=True)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(y2, y)


def test_reference_steps_on_iris():
    X, y = ModelPersist.load_iris(return_X_y=True)
    clf = ModelPersist.SVC(gamma='scale').fit(X, y)
    assert repr(clf) == REFERENCE
    assert clf.predict(X[0:1]).tolist() == [0]
    assert y[0] == 0


@pytest.mark.parametrize('make', [lambda: ModelPersist.SVC(),
                                  lambda: ModelPersist.KNeighborsClassifier()])
def test_changed_n_features_in_is_refused(make):
    # The inherited fitted property: changing it used to make SVC's predict
    # read past the end of X (one column given, four read per row).
    iris = sklearn.datasets.load_iris()
    model = make()
    model.fit(iris.data, iris.target)
    model.n_features_in_ = 1
    with pytest.raises(GLib.Error) as info:
        model.predict(np.array([[5.], [4.], [3.]]))
    assert error_code(info) == ModelPersist.Error.INVALID_STATE
    model.n_features_in_ = 4
    assert (model.predict(iris.data[:3]) == 0).all()
