# test_logistic_parity.py: ModelPersist.LogisticRegression against
# scikit-learn 1.2's LogisticRegression (solver 'lbfgs') on the classic
# datasets: binary, multinomial and one-vs-rest problems, class_weight,
# no penalty; the fitted state within the solver's tolerance and the same
# predicted classes; the declared refusals; the bridge, a save and load and
# a StandardScaler + LogisticRegression pipeline trained by scikit-learn.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import math
import os
import warnings

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

# How close the coefficients must be. Both solvers stop when no gradient
# component of the objective exceeds tol. With the l2 penalty the
# objective's curvature along every weight is at least 1/C, so a
# remaining gradient component of at most tol leaves that component within
# about C * tol of the optimum; two solutions each that close are within
# 2 C tol of each other. The intercepts carry no penalty, but the data
# give them curvature (each is a sum over all samples), so the same bound
# is used. (Measured: both solvers take the same iterations, and agree to
# 1e-8 or better on every case below.)
def coef_atol(C, tol):
    return 2 * C * tol


# Without a penalty the optimum is not strongly convex and nothing bounds
# the distance from the gradient alone; the coefficients are compared
# relative to their size (measured agreement: 3e-9 relative).
UNPENALISED_RTOL = 1e-5

# Probabilities are smooth functions of the coefficients.
PROBA_ATOL = 1e-6


def load(name):
    x, y = getattr(datasets, "load_" + name)(return_X_y=True)
    return np.ascontiguousarray(x, dtype=np.float64), y


def scaled(name):
    # scikit-learn's lbfgs does not converge within max_iter=100 on raw
    # wine, breast_cancer and digits; on scaled features it does
    x, y = load(name)
    return StandardScaler().fit_transform(x), y


def ours_params(params):
    params = dict(params)
    if "penalty" in params and params["penalty"] is None:
        params["penalty"] = "none"
    return params


def fit_both(x, y, params):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        theirs = LogisticRegression(**params).fit(x, y)
    ours = ModelPersist.LogisticRegression(**ours_params(params)).fit(x, y)
    return ours, theirs


def assert_parity(ours, theirs, x, params):
    assert np.array_equal(ours.classes_, theirs.classes_)
    assert ours.coef_.shape == theirs.coef_.shape
    assert ours.intercept_.shape == theirs.intercept_.shape
    assert ours.n_iter_.shape == theirs.n_iter_.shape
    assert ours.n_iter_.dtype == np.int32
    if params.get("penalty", "l2") is None:
        scale = max(np.max(np.abs(theirs.coef_)), np.max(np.abs(theirs.intercept_)), 1.0)
        atol = UNPENALISED_RTOL * scale
    else:
        atol = coef_atol(params.get("C", 1.0), params.get("tol", 1e-4))
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=atol)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=0, atol=atol)
    assert np.array_equal(ours.predict(x), theirs.predict(x))
    np.testing.assert_allclose(ours.predict_proba(x), theirs.predict_proba(x), rtol=0, atol=PROBA_ATOL)
    dec_ours, dec_theirs = ours.decision_function(x), theirs.decision_function(x)
    assert dec_ours.shape == dec_theirs.shape
    np.testing.assert_allclose(dec_ours, dec_theirs, rtol=1e-5, atol=1e-5)
    assert ours.score(x, theirs.predict(x)) == 1.0


# (dataset, scaled?, hyperparameters)
CASES = [
    ("iris", False, {"multi_class": "ovr"}),
    ("iris", False, {"C": 0.1}),
    ("iris", False, {"penalty": None}),
    ("iris", True, {}),
    ("iris", True, {"class_weight": "balanced"}),
    ("iris", True, {"class_weight": "balanced", "multi_class": "ovr"}),
    ("iris", True, {"class_weight": {0: 1.0, 1: 3.0, 2: 0.5}, "multi_class": "ovr"}),
    ("iris", True, {"fit_intercept": False}),
    ("iris", True, {"tol": 1e-6, "C": 10.0}),
    ("wine", True, {}),
    ("wine", True, {"multi_class": "ovr"}),
    ("wine", True, {"class_weight": "balanced"}),
    ("wine", True, {"penalty": None}),
    ("breast_cancer", True, {}),
    ("breast_cancer", True, {"class_weight": "balanced"}),
    ("breast_cancer", True, {"multi_class": "multinomial"}),
    ("breast_cancer", True, {"C": 0.05, "fit_intercept": False}),
    ("digits", True, {}),
    ("digits", True, {"multi_class": "ovr"}),
    ("digits", True, {"class_weight": "balanced", "C": 0.1}),
]


def case_id(case):
    name, is_scaled, params = case
    return "%s%s-%s" % (name, "-scaled" if is_scaled else "",
                        ",".join("%s=%s" % kv for kv in params.items()) or "default")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_parity(case):
    name, is_scaled, params = case
    x, y = scaled(name) if is_scaled else load(name)
    ours, theirs = fit_both(x, y, params)
    assert_parity(ours, theirs, x, params)


def test_parity_binary_labels_of_any_value():
    x, y = scaled("breast_cancer")
    for labels in (np.where(y == 1, "benign", "malignant"), np.where(y == 1, 3.0, -1.0)):
        ours, theirs = fit_both(x, labels, {})
        assert ours.classes_.tolist() == theirs.classes_.tolist()
        assert np.array_equal(ours.predict(x), theirs.predict(x))


def test_not_converged_stops_at_max_iter():
    # Where scikit-learn warns, the coefficients depend on rounding along
    # 100 iterations; the iteration count and the stop are the same.
    x, y = load("breast_cancer")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        theirs = LogisticRegression().fit(x, y)
    ours = ModelPersist.LogisticRegression().fit(x, y)
    assert ours.n_iter_.tolist() == theirs.n_iter_.tolist() == [100]
    assert np.mean(ours.predict(x) == theirs.predict(x)) > 0.98


def test_max_iter_zero():
    x, y = scaled("iris")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        theirs = LogisticRegression(max_iter=0).fit(x, y)
    ours = ModelPersist.LogisticRegression(max_iter=0).fit(x, y)
    assert ours.n_iter_.tolist() == theirs.n_iter_.tolist() == [0]
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-12, atol=1e-15)


def test_warm_start():
    x, y = scaled("wine")
    ours = ModelPersist.LogisticRegression(warm_start=True, max_iter=5)
    theirs = LogisticRegression(warm_start=True, max_iter=5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(3):
            ours.fit(x, y)
            theirs.fit(x, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=1e-8)
    with pytest.raises(GLib.Error) as info:
        ours.fit(x[:, :5], y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == ("warm_start: the previous coef_ does not have the shape (3, 5) "
                                  "of the new problem")


def test_offered_methods():
    x, y = scaled("iris")
    ours = ModelPersist.LogisticRegression().fit(x, y)
    for name in ("predict", "predict_proba", "decision_function", "score"):
        assert hasattr(ours, name)
    assert not hasattr(ours, "transform")


# ---- refusals ---------------------------------------------------------------

@pytest.mark.parametrize("params, message", [
    ({"solver": "liblinear"},
     "solver: the 'liblinear' solver is not implemented; ModelPersist's LogisticRegression "
     "offers 'lbfgs' only"),
    ({"solver": "saga"},
     "solver: the 'saga' solver is not implemented; ModelPersist's LogisticRegression "
     "offers 'lbfgs' only"),
    ({"solver": "newton"}, "solver: must be 'lbfgs', got 'newton'"),
    ({"penalty": "l1"}, "penalty: Solver lbfgs supports only 'l2' or 'none' penalties, got l1 penalty."),
    ({"penalty": "elasticnet"},
     "penalty: Solver lbfgs supports only 'l2' or 'none' penalties, got elasticnet penalty."),
    ({"penalty": "l3"}, "penalty: must be one of 'l2', 'none', got 'l3'"),
    # None is not taken for 'none' (nor for the default 'l2'): refused
    ({"penalty": None}, "penalty: must be one of 'l2', 'none', got None"),
    ({"C": 0.0}, "C: must be > 0, got 0"),
    ({"tol": -1.0}, "tol: must be a finite number >= 0, got -1"),
    ({"max_iter": -1}, "max_iter: must be >= 0, got -1"),
    ({"multi_class": "ovo"}, "multi_class: must be one of 'auto', 'ovr', 'multinomial', got 'ovo'"),
    ({"l1_ratio": 1.5}, "l1_ratio: must be None or a number >= 0 and <= 1, got '1.5'"),
    ({"intercept_scaling": 0.0}, "intercept_scaling: must be a finite number > 0, got 0"),
])
def test_refused_hyperparameters(params, message):
    x, y = scaled("iris")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.LogisticRegression(**params).fit(x, y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == message


def test_one_class_refused():
    x, y = scaled("iris")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.LogisticRegression().fit(x[:50], y[:50])
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert info.value.message == "y: the lbfgs solver needs samples of at least 2 classes; got 1 class"


def fitted(name, **params):
    x, y = scaled(name)
    return ModelPersist.LogisticRegression(**params).fit(x, y), x


@pytest.mark.parametrize("name, attribute, value, message", [
    # coef_ rows inconsistent with classes_: two classes share one row
    ("breast_cancer", "coef_", np.zeros((2, 30)),
     "coef_: dimension 0 is 2, but n_coef_rows is 1 (from classes_)"),
    ("iris", "coef_", np.zeros((1, 4)),
     "coef_: dimension 0 is 1, but n_coef_rows is 3 (from classes_)"),
    ("iris", "coef_", np.zeros((3, 5)),
     "coef_: dimension 1 is 5, but n_features_in is 4 (from n_features_in_)"),
    ("iris", "intercept_", np.zeros(2),
     "intercept_: dimension 0 is 2, but n_coef_rows is 3 (from classes_)"),
    # n_iter_ inconsistent with multi_class: one entry for multinomial
    ("iris", "n_iter_", np.zeros(3, dtype=np.int32),
     "n_iter_: has 3 entries, but a multinomial model of 3 classes has 1"),
    ("iris", "n_iter_", np.array([-1], dtype=np.int32), None),
    ("iris", "coef_", np.full((3, 4), np.nan), None),
    ("iris", "classes_", np.array([0]), "classes_: holds 1 classes, expected 2 to 2147483647"),
])
def test_hostile_state(name, attribute, value, message):
    ours, x = fitted(name)
    setattr(ours, attribute, value)
    with pytest.raises(GLib.Error) as info:
        ours.predict(x)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    if message is not None:
        assert info.value.message == message
    else:
        assert info.value.message.startswith(attribute + ": ")


def test_hostile_state_ovr_n_iter():
    ours, x = fitted("iris", multi_class="ovr")
    ours.n_iter_ = np.zeros(1, dtype=np.int32)
    with pytest.raises(GLib.Error) as info:
        ours.predict_proba(x)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "n_iter_: has 1 entries, but a one-vs-rest model of 3 classes has 3"


def test_hostile_file():
    ours, x = fitted("iris")
    text = ModelPersist.dumps(ours)
    ours.n_iter_ = np.zeros(2, dtype=np.int32)
    # a file whose state disagrees with its multi_class is refused at load
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(ModelPersist.dumps(ours))
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert "n_iter_: has 2 entries, but a multinomial model of 3 classes has 1" in info.value.message
    assert ModelPersist.loads(text).predict(x).tolist() == ModelPersist.loads(text).predict(x).tolist()


# ---- persistence and the bridge --------------------------------------------

@pytest.mark.parametrize("params", [{}, {"multi_class": "ovr"}, {"class_weight": {0: 2.0}},
                                    {"penalty": "none", "l1_ratio": 0.25}])
def test_save_load(params, tmp_path):
    ours, x = fitted("wine", **params)
    expected = ours.predict_proba(x)
    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    assert type(loaded) is ModelPersist.LogisticRegression
    assert loaded.get_params() == ours.get_params()
    assert np.array_equal(loaded.predict_proba(x), expected)
    assert np.array_equal(loaded.n_iter_, ours.n_iter_)
    path = tmp_path / "logistic.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).predict(x), ours.predict(x))
    assert sklearn.base.clone(ours).get_params() == ours.get_params()


@pytest.mark.parametrize("params", [{}, {"multi_class": "ovr"}, {"penalty": None, "C": 1.0},
                                    {"class_weight": "balanced", "intercept_scaling": 2.0,
                                     "random_state": 3, "verbose": 0, "n_jobs": 2,
                                     "l1_ratio": 0.5}])
def test_bridge_both_ways(params):
    x, y = scaled("wine")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)   # l1_ratio without elasticnet
        theirs = LogisticRegression(**params).fit(x, y)
    ours = ModelPersist.sklearn.from_sklearn(theirs)
    assert np.array_equal(ours.predict(x), theirs.predict(x))
    # the same coefficients; products summed in another order
    np.testing.assert_allclose(ours.predict_proba(x), theirs.predict_proba(x), rtol=1e-12, atol=1e-15)
    back = ModelPersist.sklearn.to_sklearn(ModelPersist.loads(ModelPersist.dumps(ours)))
    expected = dict(theirs.get_params(), n_jobs=None)
    assert back.get_params() == expected
    assert np.array_equal(back.predict_proba(x), theirs.predict_proba(x))
    assert np.array_equal(back.coef_, theirs.coef_)
    assert np.array_equal(back.n_iter_, theirs.n_iter_)
    unfitted = ModelPersist.sklearn.from_sklearn(LogisticRegression(**params))
    assert not unfitted.is_fitted()


@pytest.mark.parametrize("params, message", [
    ({"dual": True}, "dual: ModelPersist.LogisticRegression has no such parameter, and dual=True "
                     "changes the model"),
    ({"solver": "liblinear"}, "solver: the 'liblinear' solver is not implemented; ModelPersist's "
                              "LogisticRegression offers 'lbfgs' only"),
    ({"penalty": "l1", "solver": "saga"}, None),
])
def test_bridge_refuses(params, message):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(LogisticRegression(**params))
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    if message is not None:
        assert info.value.message == message


def test_bridge_sparsified_coef():
    x, y = scaled("iris")
    theirs = LogisticRegression().fit(x, y).sparsify()
    ours = ModelPersist.sklearn.from_sklearn(theirs)
    assert np.array_equal(ours.predict(x), theirs.predict(x))


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gjs", "fixtures")
# ModelPersist.dumps() of the pipeline below, and its predictions on wine
FIXTURE_MODEL = os.path.join(FIXTURES, "logistic-pipeline-wine.mpstream")
FIXTURE_LABELS = os.path.join(FIXTURES, "logistic-pipeline-wine-labels.json")


def pipeline_trained_by_sklearn():
    x, y = load("wine")
    pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())]).fit(x, y)
    return pipe, x


def test_pipeline_from_sklearn():
    pipe, x = pipeline_trained_by_sklearn()
    ours = ModelPersist.sklearn.from_sklearn(pipe)
    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    assert np.array_equal(loaded.predict(x), pipe.predict(x))
    np.testing.assert_allclose(loaded.predict_proba(x), pipe.predict_proba(x), rtol=0, atol=1e-15)
    assert ModelPersist.sklearn.to_sklearn(loaded).predict(x).tolist() == pipe.predict(x).tolist()


def test_gjs_fixture_is_sklearns():
    # tests/gjs/test-logistic.js loads this model and expects these labels;
    # they must stay what scikit-learn's pipeline converts to and predicts.
    pipe, x = pipeline_trained_by_sklearn()
    with open(FIXTURE_LABELS) as f:
        assert json.load(f) == pipe.predict(x).tolist()
    with open(FIXTURE_MODEL, "rb") as f:
        model = ModelPersist.loads(f.read())
    assert np.array_equal(model.predict(x), pipe.predict(x))
    fresh = ModelPersist.sklearn.from_sklearn(pipe)
    np.testing.assert_allclose(model.named_steps["clf"].coef_, fresh.named_steps["clf"].coef_,
                               rtol=0, atol=0)


if __name__ == "__main__":
    # Writes the fixtures: meson devenv -C build /usr/bin/python3 tests/python/test_logistic_parity.py
    pipe, x = pipeline_trained_by_sklearn()
    os.makedirs(FIXTURES, exist_ok=True)
    with open(FIXTURE_MODEL, "wb") as f:
        f.write(ModelPersist.dumps(ModelPersist.sklearn.from_sklearn(pipe)))
    with open(FIXTURE_LABELS, "w") as f:
        json.dump(pipe.predict(x).tolist(), f)
        f.write("\n")
