# test_string_labels.py: classifiers fitted on text labels, with
# scikit-learn as the oracle: iris with y = target_names[target] for
# DummyClassifier, SVC and KNeighborsClassifier gives the same classes_,
# predict and predict_proba; a save and a load keep the text; the bridge
# converts such models both ways; cross_val_score agrees; bools stay bools.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn.dummy
import sklearn.model_selection as ms
import sklearn.neighbors
import sklearn.svm
from gi.repository import GLib, ModelPersist
from sklearn.datasets import load_iris

bridge = ModelPersist.sklearn

# SVC's libsvm solver differs from ours in the last bits (test_svc_parity).
RTOL, ATOL = 1e-6, 1e-9

PAIRS = {
    'dummy': (lambda: ModelPersist.DummyClassifier(),
              lambda: sklearn.dummy.DummyClassifier()),
    'dummy-most-frequent': (lambda: ModelPersist.DummyClassifier(strategy='most_frequent'),
                            lambda: sklearn.dummy.DummyClassifier(strategy='most_frequent')),
    'svc': (lambda: ModelPersist.SVC(probability=True, random_state=0),
            lambda: sklearn.svm.SVC(probability=True, random_state=0)),
    # The library searches by brute force; scikit-learn's trees break ties
    # between equidistant neighbours differently (test_knn_parity).
    'knn': (lambda: ModelPersist.KNeighborsClassifier(),
            lambda: sklearn.neighbors.KNeighborsClassifier(algorithm='brute')),
    'knn-distance': (lambda: ModelPersist.KNeighborsClassifier(weights='distance', n_neighbors=7),
                     lambda: sklearn.neighbors.KNeighborsClassifier(algorithm='brute', weights='distance',
                                                                    n_neighbors=7)),
}


def iris_names():
    iris = load_iris()
    return iris.data, iris.target_names[iris.target]


def unbalanced_names():
    # Classes of unequal size, named so that the sorted order is not the
    # order of first appearance: most_frequent and prior have a winner.
    X, y = iris_names()
    keep = np.r_[0:50, 50:70, 100:150]
    rename = {'setosa': 'zeta', 'versicolor': 'Alpha', 'virginica': 'é-virginica'}
    return X[keep], np.array([rename[v] for v in y[keep]])


def assert_same_outputs(ours, theirs, X):
    assert ours.classes_.dtype.kind == 'U'
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    assert ours.classes_.dtype == theirs.classes_.dtype
    predicted = ours.predict(X)
    assert predicted.dtype.kind == 'U'
    np.testing.assert_array_equal(predicted, theirs.predict(X))
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=RTOL, atol=ATOL)
    assert ours.score(X, theirs.predict(X)) == 1.0


@pytest.mark.parametrize('data', [iris_names, unbalanced_names], ids=['iris', 'unbalanced'])
@pytest.mark.parametrize('name', sorted(PAIRS))
def test_parity_with_text_labels(name, data):
    X, y = data()
    make_ours, make_theirs = PAIRS[name]
    theirs = make_theirs().fit(X, y)
    for labels in (y, list(y), y.astype(object)):
        ours = make_ours().fit(X, labels)
        assert_same_outputs(ours, theirs, X)
        assert ours.score(X, y) == theirs.score(X, y)


@pytest.mark.parametrize('name', sorted(PAIRS))
def test_save_and_load_keep_text(name, tmp_path):
    X, y = unbalanced_names()
    make_ours, make_theirs = PAIRS[name]
    ours = make_ours().fit(X, y)
    theirs = make_theirs().fit(X, y)
    assert_same_outputs(ModelPersist.loads(ModelPersist.dumps(ours)), theirs, X)
    ModelPersist.dump(ours, str(tmp_path / 'model.json'))
    options = ModelPersist.LoadOptions()
    options.set_map_payload(True)
    assert_same_outputs(ModelPersist.load(str(tmp_path / 'model.json'), options), theirs, X)


@pytest.mark.parametrize('name', ['dummy', 'svc', 'knn'])
def test_cross_val_score_with_text_labels(name):
    X, y = iris_names()
    make_ours, make_theirs = PAIRS[name]
    np.testing.assert_allclose(ms.cross_val_score(make_ours(), X, y, cv=5),
                               ms.cross_val_score(make_theirs(), X, y, cv=5), rtol=0, atol=1e-12)
    # The library's own cross-validation, with its default stratified folds.
    ours = ModelPersist.cross_val_score(make_ours(), X, y)
    np.testing.assert_allclose(ours, ms.cross_val_score(make_theirs(), X, y, cv=5), rtol=0, atol=1e-12)


@pytest.mark.parametrize('name', sorted(PAIRS))
def test_bridge_converts_text_label_models(name):
    X, y = unbalanced_names()
    make_ours, make_theirs = PAIRS[name]

    theirs = make_theirs().fit(X, y)
    # scikit-learn's DummyClassifier does not record its feature count.
    extra = {'n_features_in': X.shape[1]} if name.startswith('dummy') else {}
    converted = bridge.from_sklearn(theirs, **extra)
    assert_same_outputs(converted, theirs, X)

    back = bridge.to_sklearn(make_ours().fit(X, y))
    assert type(back) is type(theirs)
    np.testing.assert_array_equal(back.classes_, theirs.classes_)
    assert back.classes_.dtype == theirs.classes_.dtype and back.classes_.flags.writeable
    np.testing.assert_array_equal(back.predict(X), theirs.predict(X))
    np.testing.assert_allclose(back.predict_proba(X), theirs.predict_proba(X), rtol=RTOL, atol=ATOL)


def test_bridge_takes_object_labels():
    X, y = unbalanced_names()
    theirs = sklearn.svm.SVC().fit(X, y.astype(object))
    assert theirs.classes_.dtype == object
    ours = bridge.from_sklearn(theirs)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


@pytest.mark.parametrize('name', sorted(PAIRS))
def test_bools_stay_bools(name):
    X, y = iris_names()
    labels = y == 'virginica'
    make_ours, make_theirs = PAIRS[name]
    ours = make_ours().fit(X, labels)
    theirs = make_theirs().fit(X, labels)
    assert ours.classes_.dtype == theirs.classes_.dtype == np.bool_
    predicted = ours.predict(X)
    assert predicted.dtype == np.bool_
    np.testing.assert_array_equal(predicted, theirs.predict(X))
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=RTOL, atol=ATOL)
    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    assert loaded.classes_.dtype == np.bool_


def test_mixed_labels_refused():
    X, _ = iris_names()
    mixed = np.array(['a', 1, 'a', 1], dtype=object)
    with pytest.raises((TypeError, ValueError)):
        sklearn.svm.SVC().fit(X[:4], mixed)
    # A list is where the two differ: numpy prints the numbers into text
    # (['a', '1', ...]) and scikit-learn fits that; the library refuses to
    # change labels silently.
    for labels in (mixed, list(mixed)):
        with pytest.raises(GLib.Error) as excinfo:
            ModelPersist.SVC().fit(X[:4], labels)
        assert excinfo.value.code == ModelPersist.Error.INVALID_ARGUMENT
        assert excinfo.value.message.startswith('y: mixes strings with other values')
