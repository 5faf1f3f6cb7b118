# test_svr_parity.py: ModelPersist.SVR against scikit-learn's SVR on the
# same data and hyperparameters: the fitted state, the predictions, the
# score, save and load, the bridge both ways, and what fit, predict and the
# loader refuse.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import pickle
import warnings

import numpy as np
import pytest
import sklearn.svm
from gi.repository import GLib, ModelPersist
from provenance import dumps_with_provenance_of
from gi.repository.ModelPersist import sklearn as bridge
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine
from sklearn.preprocessing import StandardScaler

# The solver takes the same path as libsvm, so the results agree far below
# these tolerances (bit for bit on these data sets).
RTOL = 1e-10


def dataset(name):
    """(X, y): diabetes as shipped; for the classification sets, one
    feature column as the target and the standardised rest as X; digits'
    labels as numbers."""
    if name == "diabetes":
        return load_diabetes(return_X_y=True)
    if name == "digits":
        X, y = load_digits(return_X_y=True)
        return X, y.astype(np.float64)
    data = {"iris": load_iris, "wine": load_wine, "breast_cancer": load_breast_cancer}[name]().data
    column = {"iris": 3, "wine": 0, "breast_cancer": 0}[name]
    X = StandardScaler().fit_transform(np.delete(data, column, axis=1))
    return np.ascontiguousarray(X), data[:, column].copy()


CONFIGS = [
    {},
    {"C": 10.0, "epsilon": 0.5},
    {"kernel": "linear", "epsilon": 0.05},
    {"kernel": "poly", "degree": 2, "coef0": 1.0, "gamma": "auto"},
    {"kernel": "sigmoid", "gamma": 0.01, "coef0": -0.5},
    {"C": 3.0, "epsilon": 0.0, "shrinking": False, "tol": 1e-4},
    {"cache_size": 0.05},    # a cache of a few kernel columns
]
CASES = [(name, i) for name in ("diabetes", "iris", "wine", "breast_cancer") for i in range(len(CONFIGS))]
CASES.append(("digits", 0))


def case_id(case):
    name, i = case
    return "%s-%d" % (name, i)


def fit_pair(name, config):
    X, y = dataset(name)
    theirs = sklearn.svm.SVR(**config).fit(X, y)
    ours = ModelPersist.SVR(**config).fit(X, y)
    return X, y, ours, theirs


def assert_close(ours, theirs):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fitted_state_and_outputs(case):
    name, i = case
    X, y, ours, theirs = fit_pair(name, CONFIGS[i])

    np.testing.assert_array_equal(ours.support_, theirs.support_)
    assert ours.support_.dtype == np.int32
    np.testing.assert_array_equal(ours.support_vectors_, theirs.support_vectors_)
    np.testing.assert_array_equal(ours.n_support_, theirs.n_support_)
    assert ours.n_support_.dtype == np.int32
    assert_close(ours.dual_coef_, theirs.dual_coef_)
    assert_close(ours.intercept_, theirs.intercept_)
    assert ours._gamma == theirs._gamma
    assert ours.n_iter_ == theirs.n_iter_
    assert ours.fit_status_ == theirs.fit_status_ == 0
    assert tuple(ours.shape_fit_) == theirs.shape_fit_
    assert ours.n_features_in_ == theirs.n_features_in_

    assert_close(ours.predict(X), theirs.predict(X))
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), rel=1e-12)


def test_is_a_regressor():
    X, y, ours, theirs = fit_pair("iris", {})
    assert ours.get_kind() == ModelPersist.EstimatorKind.REGRESSOR
    assert ours.get_params() == theirs.get_params()
    assert repr(ours) == ("SVR(C=1.0, cache_size=200, coef0=0.0, degree=3, epsilon=0.1, gamma='scale', "
                          "kernel='rbf', max_iter=-1, shrinking=True, tol=0.001, verbose=False)")


def test_max_iter_stops_early():
    X, y = dataset("diabetes")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = sklearn.svm.SVR(C=100.0, max_iter=50).fit(X, y)
    ours = ModelPersist.SVR(C=100.0, max_iter=50).fit(X, y)
    assert ours.fit_status_ == theirs.fit_status_ == 1
    assert ours.n_iter_ == theirs.n_iter_ == 50
    np.testing.assert_array_equal(ours.support_, theirs.support_)
    assert_close(ours.dual_coef_, theirs.dual_coef_)
    assert_close(ours.predict(X), theirs.predict(X))


def test_save_load(tmp_path):
    X, y = dataset("wine")
    ours = ModelPersist.SVR(C=5.0, gamma=0.2).fit(X, y)
    expected = ours.predict(X)
    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    assert type(loaded) is ModelPersist.SVR
    assert loaded.get_params() == ours.get_params()
    np.testing.assert_array_equal(loaded.predict(X), expected)
    np.testing.assert_array_equal(loaded.dual_coef_, ours.dual_coef_)
    path = tmp_path / "svr.json"
    ModelPersist.dump(ours, str(path))
    np.testing.assert_array_equal(ModelPersist.load(str(path)).predict(X), expected)
    assert ModelPersist.dumps(loaded) == ModelPersist.dumps(ours)


@pytest.mark.parametrize("config", [{}, {"kernel": "linear", "C": 2.0}, {"gamma": "auto", "epsilon": 1.0}])
def test_bridge_both_ways(config):
    X, y, ours, theirs = fit_pair("diabetes", config)

    converted = bridge.from_sklearn(theirs)
    assert type(converted) is ModelPersist.SVR
    assert converted.get_params() == theirs.get_params()
    np.testing.assert_array_equal(converted.predict(X), theirs.predict(X))
    assert ModelPersist.dumps(converted) == dumps_with_provenance_of(ours, converted)

    back = bridge.to_sklearn(ours)
    assert type(back) is sklearn.svm.SVR
    assert back.get_params() == theirs.get_params()
    # the attributes are exactly those scikit-learn's own fit leaves
    assert sorted(vars(back)) == sorted(vars(theirs))
    for key, value in vars(theirs).items():
        mine = getattr(back, key)
        if isinstance(value, np.ndarray):
            assert mine.dtype == value.dtype and mine.shape == value.shape, key
            np.testing.assert_array_equal(mine, value, err_msg=key)
        else:
            assert type(mine) is type(value) and mine == value, key
    np.testing.assert_array_equal(back.predict(X), ours.predict(X))
    np.testing.assert_array_equal(back.n_support_, theirs.n_support_)
    again = pickle.loads(pickle.dumps(back))
    np.testing.assert_array_equal(again.predict(X), ours.predict(X))
    converted = bridge.from_sklearn(back)
    assert ModelPersist.dumps(converted) == dumps_with_provenance_of(ours, converted)


def test_bridge_unfitted():
    ours = bridge.from_sklearn(sklearn.svm.SVR(C=0.5, epsilon=0.2, kernel="poly"))
    assert not ours.is_fitted()
    assert ours.get_params() == sklearn.svm.SVR(C=0.5, epsilon=0.2, kernel="poly").get_params()
    back = bridge.to_sklearn(ModelPersist.SVR(gamma=0.3))
    assert type(back) is sklearn.svm.SVR and not hasattr(back, "support_")
    assert back.get_params() == sklearn.svm.SVR(gamma=0.3).get_params()


def refusal(call):
    with pytest.raises(GLib.Error) as info:
        call()
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code, info.value.message


def test_bad_targets_refused():
    X, y = dataset("iris")
    assert refusal(lambda: ModelPersist.SVR().fit(X)) == (
        ModelPersist.Error.INVALID_INPUT, "y: a regressor learns from targets; got none")
    assert refusal(lambda: ModelPersist.SVR().fit(X, np.array(["a"] * len(X)))) == (
        ModelPersist.Error.INVALID_INPUT, "y: a regressor needs numbers, got strings")
    assert refusal(lambda: ModelPersist.SVR().fit(X, y[:, None])) == (
        ModelPersist.Error.INVALID_INPUT,
        "y: expected a 1-D array (n_samples,); a column (n_samples, 1) is several targets to "
        "scikit-learn, which SVR does not fit")
    with_nan = y.copy()
    with_nan[3] = np.nan
    assert refusal(lambda: ModelPersist.SVR().fit(X, with_nan)) == (
        ModelPersist.Error.INVALID_INPUT, "y: element 3 is not finite")


@pytest.mark.parametrize("name, value, message", [
    ("epsilon", -1.0, "epsilon: must be a finite number >= 0, got -1"),
    ("epsilon", float("inf"), "epsilon: must be a finite number >= 0, got inf"),
    ("C", 0.0, "C: must be a finite number > 0, got 0"),
])
def test_bad_hyperparameters_refused(name, value, message):
    X, y = dataset("iris")
    assert refusal(lambda: ModelPersist.SVR(**{name: value}).fit(X, y)) == (
        ModelPersist.Error.INVALID_ARGUMENT, message)

    fitted = ModelPersist.SVR().fit(X, y)
    setattr(fitted, name, value)
    data = ModelPersist.dumps(fitted)
    code, text = refusal(lambda: ModelPersist.loads(data))
    assert code == ModelPersist.Error.INVALID_STATE and text.endswith(" " + message)


def corrupted(name, value):
    X, y = dataset("diabetes")
    model = ModelPersist.SVR().fit(X, y)
    setattr(model, name, value(model))
    return model, X


@pytest.mark.parametrize("name, value, message", [
    ("support_", lambda m: np.r_[m.support_[:1], m.support_[:1], m.support_[2:]].astype(np.int32),
     "support_: index 0 appears twice"),
    ("support_", lambda m: np.r_[m.support_[:2], [442], m.support_[3:]].astype(np.int32),
     "support_: index 442 at 2 is outside [0, 442)"),
    ("shape_fit_", lambda m: np.array([442, 9], dtype=np.int64),
     "shape_fit_: 9 features disagrees with n_features_in_ (10)"),
    ("shape_fit_", lambda m: np.array([10, 10], dtype=np.int64),
     "n_support_: 440 support vectors from 10 samples"),
    ("shape_fit_", lambda m: np.array([0, 10], dtype=np.int64),
     "shape_fit_: 0 training samples is out of range"),
    ("n_support_", lambda m: np.array([5], dtype=np.int32),
     "support_vectors_: dimension 0 is 440, but n_SV is 5 (from n_support_)"),
    ("n_support_", lambda m: np.array([440, 440], dtype=np.int32),
     "n_support_: dimension 0 is 2, expected 1"),
    ("dual_coef_", lambda m: m.dual_coef_[:, :5].copy(),
     "dual_coef_: dimension 1 is 5, but n_SV is 440 (from n_support_)"),
    ("intercept_", lambda m: np.array([np.nan]),
     "intercept_: element 0 is nan, expected a finite number"),
])
def test_bad_fitted_state_refused(name, value, message):
    model, X = corrupted(name, value)
    assert refusal(lambda: model.predict(X[:3])) == (ModelPersist.Error.INVALID_STATE, message)
    data = ModelPersist.dumps(model)
    assert refusal(lambda: ModelPersist.loads(data)) == (
        ModelPersist.Error.INVALID_STATE, "$.estimator: " + message)
