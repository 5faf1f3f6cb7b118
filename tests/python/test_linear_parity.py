# test_linear_parity.py: ModelPersist's linear regressors against
# scikit-learn's on the classic datasets. LinearRegression and Ridge (direct
# solvers) must give the same fitted state and predictions within 1e-10
# relative; Lasso and ElasticNet (coordinate descent) within the solver's
# tolerance, and in practice they give the same numbers and n_iter_
# (docs/linear-models.md). scikit-learn is the oracle: no expected number
# is written here. The classification datasets are regressed on their class
# label and on one feature column (from the others); digits' constant zero
# columns make it rank-deficient, where lstsq's minimum-norm solution must
# be matched.
import copy
import warnings

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets, linear_model
from sklearn.model_selection import cross_val_score

RTOL = 1e-10

LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
    "diabetes": datasets.load_diabetes,
}

# (ModelPersist class, scikit-learn class, fitted attributes, hyperparameter sets)
MODELS = {
    "LinearRegression": (
        ModelPersist.LinearRegression, linear_model.LinearRegression,
        ["coef_", "intercept_", "rank_", "singular_", "n_features_in_"],
        [{}, {"fit_intercept": False}, {"copy_X": False}],
    ),
    "Ridge": (
        ModelPersist.Ridge, linear_model.Ridge,
        ["coef_", "intercept_", "n_iter_", "n_features_in_"],
        [{}, {"alpha": 0.0}, {"alpha": 12.5, "fit_intercept": False}, {"solver": "cholesky", "alpha": 1e-3},
         {"solver": "svd"}, {"solver": "svd", "alpha": 0.0}],
    ),
    "Lasso": (
        ModelPersist.Lasso, linear_model.Lasso,
        ["coef_", "intercept_", "n_iter_", "dual_gap_", "n_features_in_"],
        [{}, {"alpha": 0.01}, {"alpha": 0.001, "positive": True}, {"alpha": 0.05, "fit_intercept": False},
         {"alpha": 0.01, "max_iter": 7}, {"alpha": 0.01, "tol": 1e-7}],
    ),
    "ElasticNet": (
        ModelPersist.ElasticNet, linear_model.ElasticNet,
        ["coef_", "intercept_", "n_iter_", "dual_gap_", "n_features_in_"],
        [{}, {"alpha": 0.01, "l1_ratio": 0.2}, {"alpha": 0.01, "l1_ratio": 0.0}, {"alpha": 0.01, "l1_ratio": 1.0},
         {"alpha": 0.001, "positive": True}, {"alpha": 0.02, "fit_intercept": False}],
    ),
}

DIRECT = ("LinearRegression", "Ridge")

_data = {}


def problems():
    """(name, X, y): diabetes, and each classification set regressed on
    its label and on its second feature from the others."""
    if not _data:
        for name, loader in LOADERS.items():
            X, y = loader(return_X_y=True)
            if name == "diabetes":
                _data[name] = (X, y.astype(np.float64))
            else:
                _data[name + "-label"] = (X, y)
                _data[name + "-column"] = (np.ascontiguousarray(np.delete(X, 1, axis=1)), X[:, 1].copy())
    return _data


PROBLEMS = ["diabetes"] + ["%s-%s" % (n, k) for n in LOADERS if n != "diabetes" for k in ("label", "column")]

CASES = [(model, i, problem) for model, entry in MODELS.items() for i in range(len(entry[3]))
         for problem in PROBLEMS]


def case_id(case):
    model, i, problem = case
    params = MODELS[model][3][i]
    return "%s-%s-%s" % (model, ",".join("%s=%s" % kv for kv in params.items()) or "default", problem)


def make_pair(model, i):
    ours_cls, theirs_cls, _, param_sets = MODELS[model]
    return ours_cls(**param_sets[i]), theirs_cls(**param_sets[i])


def fit_pair(model, i, X, y):
    ours, theirs = make_pair(model, i)
    with warnings.catch_warnings():
        # scikit-learn's ConvergenceWarning and its alpha=0 advice
        warnings.simplefilter("ignore")
        theirs.fit(X.copy(), y.copy())
    ours.fit(X, y)
    return ours, theirs


def assert_close(ours, theirs, what, rtol=RTOL):
    if theirs is None:
        assert ours is None or ours == -1, what
        return
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    assert ours.shape == theirs.shape, what
    # relative to the largest value: a coefficient that is 0 in one may be
    # 1e-17 in the other
    scale = max(np.max(np.abs(theirs), initial=0.0), 1.0)
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=rtol * scale, err_msg=what)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fitted_state_and_predictions(case):
    model, i, problem = case
    X, y = problems()[problem]
    ours, theirs = fit_pair(model, i, X, y)
    for name in MODELS[model][2]:
        assert_close(getattr(ours, name, None), getattr(theirs, name, None), name)
    if model not in DIRECT:
        # the same iterations, so the same stopping point
        assert ours.n_iter_ == theirs.n_iter_
    assert_close(ours.predict(X), theirs.predict(X), "predict")
    X_new = X[::3] * 1.5 + 0.25
    assert_close(ours.predict(X_new), theirs.predict(X_new), "predict on new samples")
    assert abs(ours.score(X, y) - theirs.score(X, y)) <= 1e-12
    assert np.array_equal(X, problems()[problem][0])


@pytest.mark.parametrize("model", MODELS)
def test_more_features_than_samples(model):
    # Ridge's dual form (and its singular fallback at alpha=0), lstsq's
    # minimum-norm solution, coordinate descent on a wide matrix
    X, y = problems()["digits-label"]
    for i in range(len(MODELS[model][3])):
        ours, theirs = fit_pair(model, i, X[:30], y[:30])
        assert_close(ours.coef_, theirs.coef_, "coef_ of %r" % (MODELS[model][3][i],))
        assert_close(ours.predict(X), theirs.predict(X), "predict")


def test_linear_regression_positive():
    # scipy's nnls is Lawson-Hanson in Fortran; ours is the same method:
    # the same active set, hence the same least-squares solution on it, to
    # rounding
    for problem in PROBLEMS:
        X, y = problems()[problem]
        ours = ModelPersist.LinearRegression(positive=True).fit(X, y)
        theirs = linear_model.LinearRegression(positive=True).fit(X, y)
        assert np.array_equal(np.asarray(ours.coef_) > 0, theirs.coef_ > 0), problem
        assert_close(ours.coef_, theirs.coef_, problem + " coef_", rtol=1e-9)
        assert_close(ours.predict(X), theirs.predict(X), problem + " predict", rtol=1e-9)
        assert ours.rank_ == -1 and ours.singular_ is None
        assert not hasattr(theirs, "rank_")


@pytest.mark.parametrize("model", MODELS)
def test_is_a_regressor(model):
    ours, theirs = make_pair(model, 0)
    assert ours._estimator_type == "regressor"
    X, y = problems()["diabetes"]
    ours.fit(X, y)
    theirs.fit(X, y)
    for method in ("predict", "predict_proba", "decision_function", "transform", "score"):
        assert hasattr(ours, method) == hasattr(theirs, method), method
    assert cross_val_score(make_pair(model, 0)[0], X, y, cv=3).tolist() == pytest.approx(
        cross_val_score(make_pair(model, 0)[1], X, y, cv=3).tolist(), rel=1e-10)


@pytest.mark.parametrize("model", MODELS)
def test_targets_refused(model):
    X, y = problems()["iris-label"]
    ours, _ = make_pair(model, 0)
    for bad, words in ((np.array(["a", "b", "c"])[y], "strings"),
                       (y.reshape(-1, 1).astype(np.float64), "1-D")):
        with pytest.raises(GLib.Error) as info:
            ours.fit(X, bad)
        assert info.value.code == ModelPersist.Error.INVALID_INPUT
        assert words in info.value.message


@pytest.mark.parametrize("model, param, word", [
    ("Ridge", "solver", "lsqr"), ("Ridge", "solver", "sag"), ("Ridge", "solver", "lbfgs"),
    ("Lasso", "selection", "random"), ("ElasticNet", "selection", "random")])
def test_words_refused(model, param, word):
    X, y = problems()["diabetes"]
    ours = MODELS[model][0](**{param: word})
    assert getattr(ours, param) == word
    with pytest.raises(GLib.Error) as info:
        ours.fit(X, y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith(param + ": ") and word in info.value.message


@pytest.mark.parametrize("model, params", [
    ("Ridge", {"alpha": -1.0}), ("Lasso", {"alpha": -0.5}), ("ElasticNet", {"l1_ratio": 1.5}),
    ("Lasso", {"max_iter": 0}), ("ElasticNet", {"tol": -1.0})])
def test_numbers_refused(model, params):
    X, y = problems()["diabetes"]
    with pytest.raises(GLib.Error) as info:
        MODELS[model][0](**params).fit(X, y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith(next(iter(params)) + ": ")


@pytest.mark.parametrize("case", [c for c in CASES if c[2] in ("diabetes", "digits-label")], ids=case_id)
def test_save_load(case, tmp_path):
    model, i, problem = case
    X, y = problems()[problem]
    ours, _ = make_pair(model, i)
    ours.fit(X, y)
    expected = ours.predict(X)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), copy.deepcopy(ours)):
        assert type(loaded) is type(ours)
        assert loaded.get_params() == ours.get_params()
        assert np.array_equal(loaded.predict(X), expected)
        for name in MODELS[model][2]:
            a, b = getattr(loaded, name, None), getattr(ours, name, None)
            assert (a is None and b is None) or np.array_equal(a, b), name
    path = tmp_path / "linear.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).predict(X), expected)


@pytest.mark.parametrize("model", MODELS)
def test_get_params_and_clone(model):
    ours_cls = MODELS[model][0]
    for i, params in enumerate(MODELS[model][3]):
        ours, theirs = make_pair(model, i)
        assert ModelPersist.sklearn.to_sklearn(ours).get_params() == theirs.get_params()
        assert ours.get_params() == dict(ours_cls().get_params(), **params)
        # scikit-learn's parameters that ModelPersist lacks change nothing
        # these models do (docs/linear-models.md)
        assert set(ours.get_params()) <= set(theirs.get_params())
        copied = sklearn.base.clone(ours)
        assert type(copied) is ours_cls
        assert copied.get_params() == ours.get_params()
        assert not copied.is_fitted()


@pytest.mark.parametrize("case", [c for c in CASES if c[2] in ("diabetes", "wine-column", "digits-label")],
                         ids=case_id)
def test_bridge_both_ways(case):
    model, i, problem = case
    X, y = problems()[problem]
    ours, theirs = fit_pair(model, i, X, y)

    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(converted) is type(ours)
    assert converted.get_params() == ours.get_params()
    assert np.array_equal(converted.predict(X), theirs.predict(X))

    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is type(theirs)
    assert back.get_params() == theirs.get_params()
    assert sorted(vars(back)) == sorted(vars(theirs))
    for name in vars(theirs):
        assert type(getattr(back, name)) is type(getattr(theirs, name)), name
    assert np.array_equal(back.predict(X), ours.predict(X))


def test_bridge_positive_linear_regression():
    X, y = problems()["diabetes"]
    theirs = linear_model.LinearRegression(positive=True).fit(X, y)
    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert converted.positive and converted.rank_ == -1 and converted.singular_ is None
    assert np.array_equal(converted.predict(X), theirs.predict(X))
    back = ModelPersist.sklearn.to_sklearn(converted)
    assert sorted(vars(back)) == sorted(vars(theirs))
    assert np.array_equal(back.predict(X), theirs.predict(X))


@pytest.mark.parametrize("theirs, words", [
    (linear_model.Ridge(solver="lsqr"), "solver"),
    (linear_model.Ridge(positive=True), "positive"),
    (linear_model.Lasso(precompute=True), "precompute"),
    (linear_model.ElasticNet(warm_start=True), "warm_start"),
    (linear_model.Lasso(selection="random", random_state=0), "selection"),
])
def test_bridge_refuses_what_it_cannot_hold(theirs, words):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(theirs)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith(words)


def test_bridge_refuses_several_targets():
    X, y = problems()["diabetes"]
    theirs = linear_model.Ridge().fit(X, np.column_stack([y, -y]))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(theirs)
    assert "several targets" in info.value.message


def test_bridge_ignores_what_cannot_change_the_model():
    X, y = problems()["diabetes"]
    for theirs in (linear_model.LinearRegression(n_jobs=4), linear_model.Ridge(max_iter=5, tol=0.1, random_state=3),
                   linear_model.Lasso(random_state=7), linear_model.ElasticNet(random_state=1)):
        theirs.fit(X, y)
        assert np.array_equal(ModelPersist.sklearn.from_sklearn(theirs).predict(X), theirs.predict(X))
