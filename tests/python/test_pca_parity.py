# test_pca_parity.py: ModelPersist.PCA against scikit-learn's on the
# classic datasets: every fitted attribute, transform, fit_transform and
# inverse_transform within 1e-10 relative (and, through the same LAPACK
# and BLAS, bit for bit here, the signs of the components included), the
# choice of scikit-learn's 'auto' solver, a save and load, clone,
# get_params, the bridge both ways and the refusals of its own invariants.
import copy

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets
from sklearn.decomposition import PCA

RTOL = 1e-10

DATASETS = ["iris", "wine", "breast_cancer", "digits", "diabetes"]
# both libraries spell these alike; 'full' where 'auto' would go
# randomized on the larger sets
SETTINGS = [
    {},
    {"n_components": 2, "svd_solver": "full"},
    {"n_components": 1, "svd_solver": "full", "whiten": True},
    {"n_components": 3, "svd_solver": "full", "whiten": True},
    {"n_components": 0.9},
    {"n_components": 0.5, "whiten": True},
    {"svd_solver": "full", "copy": False, "tol": 0.5, "iterated_power": 3,
     "n_oversamples": 4, "power_iteration_normalizer": "QR", "random_state": 7},
]
FITTED = ["components_", "explained_variance_", "explained_variance_ratio_", "singular_values_",
          "mean_", "noise_variance_", "n_components_", "n_samples_", "n_features_in_"]
CASES = [(i, data) for i in range(len(SETTINGS)) for data in DATASETS]


def case_id(case):
    i, data = case
    return "%s-%s" % (",".join("%s=%s" % kv for kv in SETTINGS[i].items()) or "default", data)


_data = {}


def load(name):
    if name not in _data:
        X = getattr(datasets, "load_" + name)().data
        X.setflags(write=False)
        _data[name] = X
    return _data[name]


def assert_close(ours, theirs, what):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape, what
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0, err_msg=what)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fitted_state_and_outputs(case):
    i, data = case
    X = load(data)
    ours = ModelPersist.PCA(**SETTINGS[i]).fit(X)
    theirs = PCA(**SETTINGS[i]).fit(X.copy())
    for name in FITTED:
        assert_close(getattr(ours, name), getattr(theirs, name), name)
    assert ours.n_components_ == theirs.n_components_
    Xt = theirs.transform(X)
    assert_close(ours.transform(X), Xt, "transform")
    X_new = X[::3] * 1.5 + 0.25
    assert_close(ours.transform(X_new), theirs.transform(X_new), "transform of new samples")
    assert_close(ours.inverse_transform(Xt), theirs.inverse_transform(Xt), "inverse_transform")
    assert_close(ModelPersist.PCA(**SETTINGS[i]).fit_transform(X),
                 PCA(**SETTINGS[i]).fit_transform(X.copy()), "fit_transform")


def test_bit_equal():
    # the same LAPACK dgesdd on the same Fortran-ordered copy, the same
    # BLAS dgemm: equal bits, the signs svd_flip chooses included, even for
    # digits' near-zero singular values
    for data in DATASETS:
        X = load(data)
        ours = ModelPersist.PCA().fit(X)
        theirs = PCA().fit(X)
        for name in FITTED:
            assert np.array_equal(getattr(ours, name), getattr(theirs, name)), (data, name)
        assert np.array_equal(ours.transform(X), theirs.transform(X)), data
        assert np.array_equal(ModelPersist.PCA().fit_transform(X), PCA().fit_transform(X)), data


def test_auto_solver_choice():
    # 'auto' is the full SVD up to 500 samples and features, for None and
    # for fractions; beyond, an integer below 80% of min(X.shape) would be
    # scikit-learn's randomized solver, which is refused with the way out
    X = load("digits")
    assert ModelPersist.PCA(n_components=60).fit(X).n_components_ == 60   # >= 0.8 * 64
    with pytest.raises(GLib.Error) as info:
        ModelPersist.PCA(n_components=10).fit(X)
    assert info.value.code == ModelPersist.Error.NOT_SUPPORTED
    assert info.value.message == (
        "svd_solver: 'auto' picks scikit-learn's 'randomized' solver for 1797 samples, "
        "64 features and n_components=10, which is not implemented; use svd_solver='full'")
    assert PCA(n_components=10).fit(X)._fit_svd_solver == "randomized"
    assert PCA(n_components=60).fit(X)._fit_svd_solver == "full"


@pytest.mark.parametrize("params, message", [
    ({"svd_solver": "randomized"}, "svd_solver: 'randomized' is not implemented; use svd_solver='full'"),
    ({"svd_solver": "arpack"}, "svd_solver: 'arpack' is not implemented; use svd_solver='full'"),
    ({"svd_solver": "fast"}, "svd_solver: must be 'auto' or 'full', got 'fast'"),
    ({"n_components": "mle"},
     "n_components: must be None, an integer >= 1 or a fraction in (0, 1), got 'mle'"),
    ({"n_components": 1.5},
     "n_components: must be None, an integer >= 1 or a fraction in (0, 1), got '1.5'"),
    ({"n_components": 0},
     "n_components: must be None, an integer >= 1 or a fraction in (0, 1), got '0'"),
    ({"n_components": 5},
     "n_components: 5 must be at most min(n_samples, n_features) = 4 with svd_solver='full'"),
    ({"iterated_power": 0.5}, "iterated_power: must be 'auto' or an integer >= 0, got '0.5'"),
    ({"n_oversamples": 0}, "n_oversamples: must be "),
    ({"tol": -1.0}, "tol: must be "),
])
def test_hyperparameters_refused(params, message):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.PCA(**params).fit(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith(message)


def test_inputs_refused():
    with pytest.raises(GLib.Error) as info:
        ModelPersist.PCA().fit(load("iris")[:1])
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert info.value.message == "X: PCA needs at least 2 samples, got 1"
    with pytest.raises(GLib.Error) as info:
        ModelPersist.PCA().fit(np.ones((5, 3)))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert info.value.message == "X: every feature is constant, so there is no variance for PCA to explain"
    fitted = ModelPersist.PCA(n_components=2).fit(load("iris"))
    with pytest.raises(GLib.Error) as info:
        fitted.inverse_transform(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert info.value.message == "X: has 4 features, but PCA's inverse_transform takes its 2 components"
    with pytest.raises(GLib.Error) as info:
        fitted.transform(load("wine"))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    X = load("iris").copy()
    X[2, 1] = np.nan
    with pytest.raises(GLib.Error) as info:
        ModelPersist.PCA().fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert "[2, 1]" in info.value.message


def test_state_refused():
    fitted = ModelPersist.PCA().fit(load("iris"))
    fitted.n_samples_ = 3
    with pytest.raises(GLib.Error) as info:
        fitted.transform(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "n_components_: 4 is more than min(n_samples_, n_features_in_) = 3"
    fitted = ModelPersist.PCA().fit(load("iris"))
    fitted.explained_variance_ = np.array([1.0, 2.0, -3.0, 4.0])
    with pytest.raises(GLib.Error) as info:
        fitted.transform(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message.startswith("explained_variance_: ")
    fitted = ModelPersist.PCA().fit(load("iris"))
    fitted.components_ = np.zeros((3, 4))
    with pytest.raises(GLib.Error) as info:
        fitted.transform(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_STATE


@pytest.mark.parametrize("i", range(len(SETTINGS)))
def test_save_load(i, tmp_path):
    X = load("wine")
    ours = ModelPersist.PCA(**SETTINGS[i]).fit(X)
    expected = ours.transform(X)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), copy.deepcopy(ours)):
        assert type(loaded) is type(ours)
        assert loaded.get_params() == ours.get_params()
        for name in FITTED:
            assert np.array_equal(getattr(loaded, name), getattr(ours, name)), name
        assert np.array_equal(loaded.transform(X), expected)
        assert np.array_equal(loaded.inverse_transform(expected), ours.inverse_transform(expected))
    path = tmp_path / "pca.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).transform(X), expected)


def test_get_params_and_clone():
    for params in SETTINGS:
        ours = ModelPersist.PCA(**params)
        theirs = PCA(**params)
        assert ours.get_params() == theirs.get_params()
        assert ModelPersist.sklearn.to_sklearn(ours).get_params() == theirs.get_params()
        copied = sklearn.base.clone(ours)
        assert copied.get_params() == ours.get_params() and not copied.is_fitted()


def test_is_a_transformer():
    ours = ModelPersist.PCA().fit(load("iris"))
    theirs = PCA().fit(load("iris"))
    assert ours._estimator_type == "transformer"
    for method in ("predict", "predict_proba", "decision_function", "transform",
                   "fit_transform", "inverse_transform"):
        assert hasattr(ours, method) == hasattr(theirs, method), method


@pytest.mark.parametrize("case", [c for c in CASES if c[1] in ("iris", "digits")], ids=case_id)
def test_bridge_both_ways(case):
    i, data = case
    X = load(data)
    ours = ModelPersist.PCA(**SETTINGS[i]).fit(X)
    # scikit-learn's copy=False centres its input in place: give it a copy
    theirs = PCA(**SETTINGS[i]).fit(X.copy())

    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(converted) is type(ours)
    assert converted.get_params() == ours.get_params()
    assert np.array_equal(converted.transform(X), theirs.transform(X))

    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is type(theirs)
    assert back.get_params() == theirs.get_params()
    assert sorted(vars(back)) == sorted(vars(theirs))
    assert np.array_equal(back.transform(X), ours.transform(X))
    Xt = ours.transform(X)
    assert np.array_equal(back.inverse_transform(Xt), ours.inverse_transform(Xt))


def test_bridge_randomized():
    X = load("digits")
    # fitted by scikit-learn's randomized solver (auto chose it): the state
    # converts and projects as scikit-learn's does
    theirs = PCA(n_components=5, random_state=0).fit(X)
    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert np.array_equal(converted.transform(X), theirs.transform(X))
    with pytest.raises(GLib.Error) as info:
        converted.fit(X)
    assert info.value.code == ModelPersist.Error.NOT_SUPPORTED
    # asked for by name: refused with the way out
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(PCA(n_components=5, svd_solver="randomized").fit(X))
    assert info.value.message == "svd_solver: 'randomized' is not implemented; use svd_solver='full'"
