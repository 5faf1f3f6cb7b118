# test_svc_parity.py: ModelPersist.SVC against scikit-learn's SVC on the
# same data and hyperparameters.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn
from gi.repository import GLib, ModelPersist
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

RTOL = 1e-6
# Values near zero (an intercept of a symmetric pair, a decision value on
# the boundary) are compared absolutely.
ATOL = 1e-9

def to_mp(values):
    values = np.ascontiguousarray(values)
    if values.dtype.kind in "iub":
        return ModelPersist.Array.new_int64(values.astype(np.int64).ravel().tolist(), list(values.shape))
    values = values.astype(np.float64)
    return ModelPersist.Array.new_float64(values.ravel().tolist(), list(values.shape))


def to_np(array):
    # The override already returns numpy; MpArray also supports __array__.
    return np.asarray(array)


def class_weight_text(class_weight):
    if class_weight is None or isinstance(class_weight, str):
        return class_weight
    return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in class_weight.items()) + "}"


def make_ours(**params):
    """A ModelPersist.SVC with scikit-learn's keyword arguments."""
    est = ModelPersist.SVC()
    for name, value in params.items():
        if name == "C":
            est.props.c = value
        elif name == "gamma":
            est.props.gamma = value if isinstance(value, str) else repr(value)
        elif name == "kernel":
            est.props.kernel = getattr(ModelPersist.SVMKernel, value.upper())
        elif name == "decision_function_shape":
            est.props.decision_function_shape = getattr(ModelPersist.DecisionFunctionShape, value.upper())
        elif name == "class_weight":
            est.props.class_weight = class_weight_text(value)
        elif name == "random_state":
            est.props.random_state = -1 if value is None else value
        else:
            est.set_property(name.replace("_", "-"), value)
    return est


def dataset(name):
    loader = {
        "iris": load_iris,
        "wine": load_wine,
        "breast_cancer": load_breast_cancer,
        "digits": load_digits,
    }[name]
    x, y = loader(return_X_y=True)
    if name in ("wine", "breast_cancer"):
        x = StandardScaler().fit_transform(x)
    return np.ascontiguousarray(x, dtype=np.float64), y


def fit_both(x, y, **params):
    ours = make_ours(**params)
    assert ours.fit(to_mp(x), to_mp(y))
    theirs = SVC(**params).fit(x, y)
    return ours, theirs


def assert_close(ours, theirs, what):
    ours = np.asarray(ours)
    theirs = np.asarray(theirs)
    assert ours.shape == theirs.shape, what
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=ATOL, err_msg=what)


def assert_same_model(ours, theirs, x):
    np.testing.assert_array_equal(to_np(ours.props.classes), theirs.classes_)
    np.testing.assert_array_equal(to_np(ours.props.support), theirs.support_)
    np.testing.assert_array_equal(to_np(ours.props.n_support), theirs.n_support_)
    np.testing.assert_array_equal(to_np(ours.props.support_vectors), theirs.support_vectors_)
    assert_close(to_np(ours.props.dual_coef), theirs.dual_coef_, "dual_coef_")
    assert_close(to_np(ours.props.intercept), theirs.intercept_, "intercept_")
    assert ours.props.effective_gamma == pytest.approx(theirs._gamma, rel=1e-12)
    np.testing.assert_array_equal(to_np(ours.props.fitted_class_weight), theirs.class_weight_)
    np.testing.assert_array_equal(to_np(ours.props.n_iter), theirs.n_iter_)
    assert ours.props.fit_status == theirs.fit_status_
    np.testing.assert_array_equal(to_np(ours.props.shape_fit), theirs.shape_fit_)

    mp_x = to_mp(x)
    assert_close(to_np(ours.decision_function(mp_x)), theirs.decision_function(x), "decision_function")
    np.testing.assert_array_equal(to_np(ours.predict(mp_x)), theirs.predict(x))


@pytest.mark.parametrize("kernel", ["rbf", "linear", "poly"])
@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer", "digits"])
def test_parity(name, kernel):
    x, y = dataset(name)
    ours, theirs = fit_both(x, y, kernel=kernel)
    assert_same_model(ours, theirs, x)


@pytest.mark.parametrize(
    "params",
    [
        {"kernel": "sigmoid", "gamma": 0.01, "coef0": 0.5},
        {"kernel": "poly", "degree": 2, "coef0": 1.0, "gamma": "auto", "C": 3.0},
        {"kernel": "rbf", "gamma": 0.5, "C": 10.0, "shrinking": False},
        {"kernel": "rbf", "tol": 1e-5, "cache_size": 0.05},
    ],
    ids=["sigmoid", "poly-coef0", "no-shrinking", "tiny-cache"],
)
def test_parity_hyperparameters(params):
    x, y = dataset("wine")
    ours, theirs = fit_both(x, y, **params)
    assert_same_model(ours, theirs, x)


@pytest.mark.parametrize(
    "class_weight",
    ["balanced", {0: 1.0, 2: 3.0}, {0: 0.5, 1: 2.0, 2: 1.5}],
    ids=["balanced", "partial-dict", "full-dict"],
)
def test_parity_class_weight(class_weight):
    x, y = dataset("iris")
    # make the classes unequal so that 'balanced' matters
    keep = np.r_[0:50, 50:80, 100:150]
    x, y = x[keep], y[keep]
    ours, theirs = fit_both(x, y, class_weight=class_weight, C=0.5)
    assert_same_model(ours, theirs, x)


def test_parity_ovo():
    x, y = dataset("digits")
    ours, theirs = fit_both(x, y, decision_function_shape="ovo")
    dec = to_np(ours.decision_function(to_mp(x)))
    assert dec.shape == (len(x), 45)
    assert_same_model(ours, theirs, x)


def test_parity_break_ties():
    x, y = dataset("digits")
    ours, theirs = fit_both(x, y, break_ties=True)
    assert_same_model(ours, theirs, x)
    # perturbed digits where the pairwise votes tie, so the option matters
    rng = np.random.RandomState(0)
    near = x[rng.randint(0, len(x), 3000)] + rng.normal(size=(3000, x.shape[1])) * x.std(axis=0)
    plain = SVC().fit(x, y)
    assert (plain.predict(near) != theirs.predict(near)).sum() > 10
    np.testing.assert_array_equal(to_np(ours.predict(to_mp(near))), theirs.predict(near))
    ours.props.break_ties = False
    np.testing.assert_array_equal(to_np(ours.predict(to_mp(near))), plain.predict(near))


def test_parity_binary_labels_of_any_value():
    x, y = dataset("breast_cancer")
    labels = np.where(y == 1, 7, -3)
    ours, theirs = fit_both(x, labels, kernel="rbf")
    assert_same_model(ours, theirs, x)


@pytest.mark.parametrize("random_state", [0, 42, 2**32 - 1])
@pytest.mark.parametrize("name", ["iris", "breast_cancer"])
def test_parity_probability(name, random_state):
    x, y = dataset(name)
    ours, theirs = fit_both(x, y, probability=True, random_state=random_state)
    assert_same_model(ours, theirs, x)
    assert_close(to_np(ours.props.prob_a), theirs.probA_, "probA_")
    assert_close(to_np(ours.props.prob_b), theirs.probB_, "probB_")
    assert_close(to_np(ours.predict_proba(to_mp(x))), theirs.predict_proba(x), "predict_proba")


def test_string_form():
    assert ModelPersist.SVC().to_string() == (
        "SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, "
        "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', "
        "max_iter=-1, probability=False, random_state=None, shrinking=True, "
        "tol=0.001, verbose=False)"
    )
    params = {"C": 0.5, "gamma": 0.1, "class_weight": {0: 1.0, 2: 3.0}, "random_state": 3, "kernel": "poly"}
    with sklearn.config_context(print_changed_only=False):
        expected = " ".join(repr(SVC(**params)).split())
    # break_ties is left out while False, as in the form users know
    assert make_ours(**params).to_string() == expected.replace("break_ties=False, ", "")
    params["break_ties"] = True
    with sklearn.config_context(print_changed_only=False):
        expected = " ".join(repr(SVC(**params)).split())
    assert make_ours(**params).to_string() == expected


def test_predict_proba_requires_probability():
    x, y = dataset("iris")
    est = make_ours()
    est.fit(to_mp(x), to_mp(y))
    with pytest.raises(AttributeError, match="probability=False"):
        est.predict_proba(to_mp(x))
    # the C entry point, which Python hides, says the same
    with pytest.raises(GLib.Error) as info:
        ModelPersist.Estimator.predict_proba(est, to_mp(x))
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_SUPPORTED)
    assert "probability=False" in info.value.message
