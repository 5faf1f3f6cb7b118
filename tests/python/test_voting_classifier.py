# test_voting_classifier.py: ModelPersist.VotingClassifier, the first
# composite, against scikit-learn's VotingClassifier: predictions,
# probabilities, transform, and the composite surface (get_params(deep),
# set_params through members, clone, GridSearchCV, persistence).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn.base
import sklearn.datasets
import sklearn.dummy
import sklearn.ensemble
import sklearn.model_selection as ms
import sklearn.neighbors
import sklearn.svm
from gi.repository import GLib, ModelPersist

DATASETS = ['iris', 'wine', 'breast_cancer']


def load(name):
    return getattr(sklearn.datasets, 'load_' + name)(return_X_y=True)


def pair(voting='hard', weights=None, drop=False):
    ours = ModelPersist.VotingClassifier(
        estimators=[('svc', ModelPersist.SVC(probability=True, random_state=0)),
                    ('knn', ModelPersist.KNeighborsClassifier(n_neighbors=7)),
                    ('prior', 'drop' if drop else ModelPersist.DummyClassifier())],
        voting=voting, weights=weights)
    theirs = sklearn.ensemble.VotingClassifier(
        estimators=[('svc', sklearn.svm.SVC(probability=True, random_state=0)),
                    ('knn', sklearn.neighbors.KNeighborsClassifier(n_neighbors=7, algorithm='brute')),
                    ('prior', 'drop' if drop else sklearn.dummy.DummyClassifier())],
        voting=voting, weights=weights)
    return ours, theirs


@pytest.mark.parametrize('name', DATASETS)
@pytest.mark.parametrize('voting, weights, drop', [
    ('hard', None, False), ('hard', [1, 2, 5], False), ('hard', [3, 1, 1], True),
    ('soft', None, False), ('soft', [0.2, 0.5, 0.3], True)])
def test_same_as_scikit_learn(name, voting, weights, drop):
    X, y = load(name)
    ours, theirs = pair(voting, weights, drop)
    ours.fit(X, y)
    theirs.fit(X, y)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_array_equal(ours.transform(X), theirs.transform(X))
    assert ours.score(X, y) == theirs.score(X, y)
    assert len(ours.estimators_) == len(theirs.estimators_)
    if voting == 'soft':
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=1e-12, atol=1e-15)
        ours.flatten_transform = theirs.flatten_transform = False
        np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-12, atol=1e-15)
    else:
        assert not hasattr(ours, 'predict_proba') and not hasattr(theirs, 'predict_proba')


def test_string_labels_of_members_stay_positions():
    # Members learn positions in classes_, as scikit-learn's do.
    X, y = load('iris')
    ours, theirs = pair()
    ours.fit(X, y + 10)
    theirs.fit(X, y + 10)
    np.testing.assert_array_equal(ours.estimators_[0].classes_, theirs.estimators_[0].classes_)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_params_deep():
    ours, theirs = pair()
    mine, reference = ours.get_params(deep=True), theirs.get_params(deep=True)
    # every composite key scikit-learn has (our members have fewer
    # parameters than scikit-learn's KNN: algorithm is brute only)
    for key in ['estimators', 'voting', 'weights', 'flatten_transform', 'verbose', 'svc', 'knn',
                'prior', 'svc__C', 'svc__kernel', 'knn__n_neighbors', 'prior__strategy']:
        assert key in mine and key in reference, key
    assert mine['svc'] is ours.estimators[0][1]
    assert mine['svc__C'] == reference['svc__C'] == 1.0
    assert mine['knn__n_neighbors'] == reference['knn__n_neighbors'] == 7


def test_set_params_reaches_members():
    ours, _ = pair()
    ours.set_params(svc__C=0.25, knn__n_neighbors=3)
    assert ours.estimators[0][1].C == 0.25
    assert ours.get_params()['knn__n_neighbors'] == 3
    ours.set_params(prior='drop')
    assert ours.estimators[2] == ('prior', 'drop')
    replacement = ModelPersist.DummyClassifier(strategy='most_frequent')
    ours.set_params(prior=replacement)
    assert ours.estimators[2][1] is replacement
    with pytest.raises(GLib.Error, match='nope: not an estimator parameter of VotingClassifier'):
        ours.set_params(nope__C=1)


def test_clone_is_deep_and_unfitted():
    X, y = load('iris')
    ours, _ = pair()
    ours.fit(X, y)
    copy = sklearn.base.clone(ours)
    assert not copy.is_fitted()
    for (name, a), (name2, b) in zip(ours.estimators, copy.estimators):
        assert name == name2 and a is not b and repr(a) == repr(b)
    assert repr(copy) == repr(ours)


def test_grid_search_through_a_member():
    X, y = load('iris')
    grid = {'svc__C': [0.1, 1.0, 10.0], 'knn__n_neighbors': [3, 9]}
    ours = ms.GridSearchCV(pair()[0], grid, cv=3).fit(X, y)
    theirs = ms.GridSearchCV(pair()[1], grid, cv=3).fit(X, y)
    assert ours.best_params_ == theirs.best_params_
    np.testing.assert_allclose(ours.cv_results_['mean_test_score'], theirs.cv_results_['mean_test_score'])


@pytest.mark.parametrize('voting', ['hard', 'soft'])
def test_saved_and_loaded(voting, tmp_path):
    X, y = load('wine')
    ours, _ = pair(voting, weights=[1, 2, 1], drop=True)
    ours.fit(X, y)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)),
                   ModelPersist.load(ModelPersist.dump(ours, tmp_path / 'vote.json') or tmp_path / 'vote.json')):
        assert repr(loaded) == repr(ours)
        assert loaded.estimators[2] == ('prior', 'drop')
        np.testing.assert_array_equal(loaded.predict(X), ours.predict(X))
        np.testing.assert_array_equal(loaded.transform(X), ours.transform(X))


def test_soft_voting_needs_probabilities():
    X, y = load('iris')
    vote = ModelPersist.VotingClassifier(estimators=[('svc', ModelPersist.SVC())], voting='soft')
    with pytest.raises(GLib.Error, match=r"estimators\[0\] \('svc'\): SVC\(.*does not offer predict_proba"):
        vote.fit(X, y)


@pytest.mark.parametrize('voting', ['hard', 'soft'])
def test_bridge_both_ways(voting):
    from gi.repository.ModelPersist import sklearn as bridge
    X, y = load('wine')
    ours, theirs = pair(voting, weights=[1, 2, 1], drop=True)
    theirs.fit(X, y)
    converted = bridge.from_sklearn(theirs)
    assert isinstance(converted, ModelPersist.VotingClassifier)
    assert converted.estimators[2] == ('prior', 'drop')
    np.testing.assert_array_equal(converted.predict(X), theirs.predict(X))
    np.testing.assert_array_equal(converted.transform(X), theirs.transform(X))

    ours.fit(X, y)
    back = bridge.to_sklearn(ours)
    assert isinstance(back, sklearn.ensemble.VotingClassifier)
    assert isinstance(back.estimators[0][1], sklearn.svm.SVC) and back.estimators[2] == ('prior', 'drop')
    np.testing.assert_array_equal(back.predict(X), ours.predict(X))
    np.testing.assert_array_equal(back.transform(X), ours.transform(X))
    assert set(back.named_estimators_) == {'svc', 'knn'}
    if voting == 'soft':
        np.testing.assert_allclose(back.predict_proba(X), ours.predict_proba(X), rtol=1e-12, atol=1e-15)
