# test_pipeline.py: ModelPersist.Pipeline against scikit-learn's Pipeline:
# the chain (fit_transform through the steps, then the last step), what it
# offers following its last step, 'passthrough', named_steps and indexing,
# parameters through the steps, persistence and the bridge.
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
import sklearn.pipeline
import sklearn.svm
from gi.repository import GLib, ModelPersist


def load(name):
    return getattr(sklearn.datasets, 'load_' + name)(return_X_y=True)


# Until the scalers land, the one transformer is a hard-voting ensemble
# (its transform is each member's predicted class).
def ours(last='svc', first='vote'):
    vote = ModelPersist.VotingClassifier(estimators=[
        ('knn', ModelPersist.KNeighborsClassifier(n_neighbors=7)),
        ('prior', ModelPersist.DummyClassifier())])
    final = {'svc': ModelPersist.SVC(probability=True, random_state=0),
             'knn': ModelPersist.KNeighborsClassifier(), 'passthrough': 'passthrough'}[last]
    return ModelPersist.Pipeline(steps=[(first, vote if first == 'vote' else 'passthrough'),
                                        (last, final)])


def theirs(last='svc', first='vote'):
    vote = sklearn.ensemble.VotingClassifier(estimators=[
        ('knn', sklearn.neighbors.KNeighborsClassifier(n_neighbors=7, algorithm='brute')),
        ('prior', sklearn.dummy.DummyClassifier())])
    final = {'svc': sklearn.svm.SVC(probability=True, random_state=0),
             'knn': sklearn.neighbors.KNeighborsClassifier(algorithm='brute'),
             'passthrough': 'passthrough'}[last]
    return sklearn.pipeline.Pipeline([(first, vote if first == 'vote' else 'passthrough'),
                                      (last, final)])


@pytest.mark.parametrize('name', ['iris', 'wine', 'breast_cancer'])
@pytest.mark.parametrize('first', ['vote', 'skip'])
def test_same_as_scikit_learn(name, first):
    X, y = load(name)
    mine, reference = ours(first=first).fit(X, y), theirs(first=first).fit(X, y)
    np.testing.assert_array_equal(mine.predict(X), reference.predict(X))
    np.testing.assert_allclose(mine.predict_proba(X), reference.predict_proba(X), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(mine.decision_function(X), reference.decision_function(X), rtol=1e-12)
    assert mine.score(X, y) == reference.score(X, y)
    assert mine._estimator_type == reference._estimator_type == 'classifier'


@pytest.mark.parametrize('last', ['svc', 'knn', 'passthrough'])
def test_offers_what_its_last_step_offers(last):
    X, y = load('iris')
    mine, reference = ours(last), theirs(last)
    for fitted in (False, True):
        for method in ['predict', 'predict_proba', 'decision_function', 'transform', 'inverse_transform']:
            assert hasattr(mine, method) == hasattr(reference, method), (last, method, fitted)
        mine.fit(X, y)
        reference.fit(X, y)
    if last == 'passthrough':
        np.testing.assert_array_equal(mine.transform(X), reference.transform(X))
        assert mine._estimator_type is None or mine._estimator_type == 'transformer'


def test_steps_fitted_in_place_and_reached_by_name():
    X, y = load('iris')
    pipe = ours()
    svc = pipe.named_steps['svc']
    pipe.fit(X, y)
    assert svc.is_fitted() and pipe[-1] is svc and pipe['svc'] is svc and len(pipe) == 2
    assert pipe[:1].named_steps['vote'] is pipe[0]
    pipe.set_params(svc__C=0.5, vote__knn__n_neighbors=3)
    assert svc.C == 0.5 and pipe.get_params()['vote__knn__n_neighbors'] == 3
    copy = sklearn.base.clone(pipe)
    assert not copy.is_fitted() and copy[-1] is not svc and repr(copy) == repr(pipe)


def test_grid_search_through_steps():
    X, y = load('iris')
    grid = {'svc__C': [0.1, 10.0], 'vote__knn__n_neighbors': [3, 9]}
    mine = ms.GridSearchCV(ours(), grid, cv=3).fit(X, y)
    reference = ms.GridSearchCV(theirs(), grid, cv=3).fit(X, y)
    assert mine.best_params_ == reference.best_params_
    np.testing.assert_allclose(mine.cv_results_['mean_test_score'], reference.cv_results_['mean_test_score'])


def test_saved_and_loaded(tmp_path):
    X, y = load('wine')
    pipe = ours().fit(X, y)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(pipe)),
                   ModelPersist.load(ModelPersist.dump(pipe, tmp_path / 'p.json') or tmp_path / 'p.json')):
        assert repr(loaded) == repr(pipe)
        np.testing.assert_array_equal(loaded.predict(X), pipe.predict(X))
        np.testing.assert_allclose(loaded.predict_proba(X), pipe.predict_proba(X), rtol=0, atol=0)


def test_an_intermediate_step_must_transform():
    X, y = load('iris')
    pipe = ModelPersist.Pipeline(steps=[('svc', ModelPersist.SVC()), ('knn', ModelPersist.KNeighborsClassifier())])
    with pytest.raises(GLib.Error, match=r"steps\[0\] \('svc'\): SVC\(.*does not transform"):
        pipe.fit(X, y)


def test_a_refitted_step_is_checked_again():
    X, y = load('iris')
    pipe = ours().fit(X, y)
    pipe[0].fit(X[:, :2], y)            # the first step now takes 2 features
    with pytest.raises(GLib.Error) as info:
        pipe.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert 'steps[0]' in info.value.message


def test_bridge_both_ways():
    from gi.repository.ModelPersist import sklearn as bridge
    X, y = load('wine')
    reference = theirs().fit(X, y)
    converted = bridge.from_sklearn(reference)
    assert isinstance(converted, ModelPersist.Pipeline) and converted.is_fitted()
    np.testing.assert_array_equal(converted.predict(X), reference.predict(X))
    np.testing.assert_allclose(converted.predict_proba(X), reference.predict_proba(X), rtol=1e-12, atol=1e-15)

    mine = ours(first='skip').fit(X, y)
    back = bridge.to_sklearn(mine)
    assert isinstance(back, sklearn.pipeline.Pipeline) and back.steps[0] == ('skip', 'passthrough')
    np.testing.assert_array_equal(back.predict(X), mine.predict(X))
    assert not bridge.from_sklearn(theirs()).is_fitted()


@pytest.mark.parametrize('name', ['iris', 'wine', 'breast_cancer', 'digits'])
@pytest.mark.parametrize('scaler', ['StandardScaler', 'MinMaxScaler', 'MaxAbsScaler'])
def test_scaled_svc_same_as_scikit_learn(name, scaler):
    # the most common deployed model: a scaler and a classifier
    import sklearn.preprocessing
    X, y = load(name)
    mine = ModelPersist.Pipeline(steps=[('scale', getattr(ModelPersist, scaler)()),
                                        ('svc', ModelPersist.SVC())]).fit(X, y)
    reference = sklearn.pipeline.Pipeline([('scale', getattr(sklearn.preprocessing, scaler)()),
                                           ('svc', sklearn.svm.SVC())]).fit(X, y)
    np.testing.assert_array_equal(mine.predict(X), reference.predict(X))
    np.testing.assert_allclose(mine.decision_function(X), reference.decision_function(X),
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(mine.named_steps['scale'].transform(X),
                                  reference.named_steps['scale'].transform(X))
    loaded = ModelPersist.loads(ModelPersist.dumps(mine))
    np.testing.assert_array_equal(loaded.predict(X), mine.predict(X))
