# test_scalers_parity.py: ModelPersist's scalers against scikit-learn's on
# the classic datasets: the fitted state, transform, inverse_transform and
# fit_transform agree within 1e-10 relative (scikit-learn is the oracle;
# no expected number is written here), and the models survive a save and
# load, clone, get_params, the bridge both ways and a pipeline.
import copy

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets, preprocessing
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

RTOL = 1e-10

DATASETS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
    "diabetes": datasets.load_diabetes,
}

# (ModelPersist class, scikit-learn class, fitted attributes, hyperparameter
# sets: one dict when both spell them alike, else a pair (ours, theirs))
SCALERS = {
    "StandardScaler": (
        ModelPersist.StandardScaler,
        preprocessing.StandardScaler,
        ["mean_", "var_", "scale_", "n_samples_seen_", "n_features_in_"],
        [
            {},
            {"with_mean": False},
            {"with_std": False},
            {"with_mean": False, "with_std": False},
            {"copy": False},
        ],
    ),
    "MinMaxScaler": (
        ModelPersist.MinMaxScaler,
        preprocessing.MinMaxScaler,
        ["data_min_", "data_max_", "data_range_", "scale_", "min_", "n_samples_seen_",
         "n_features_in_"],
        [
            {},
            ({"feature_range_min": -1.0, "feature_range_max": 2.5}, {"feature_range": (-1.0, 2.5)}),
            {"clip": True},
            ({"feature_range_min": 0.25, "feature_range_max": 0.5, "clip": True},
             {"feature_range": (0.25, 0.5), "clip": True}),
            {"copy": False},
        ],
    ),
    "MaxAbsScaler": (
        ModelPersist.MaxAbsScaler,
        preprocessing.MaxAbsScaler,
        ["max_abs_", "scale_", "n_samples_seen_", "n_features_in_"],
        [{}, {"copy": False}],
    ),
    "RobustScaler": (
        ModelPersist.RobustScaler,
        preprocessing.RobustScaler,
        ["center_", "scale_", "n_features_in_"],
        [
            {},
            {"with_centering": False},
            {"with_scaling": False},
            ({"quantile_range_min": 10.0, "quantile_range_max": 90.0}, {"quantile_range": (10.0, 90.0)}),
            {"unit_variance": True},
            ({"quantile_range_min": 33.3, "quantile_range_max": 91.7, "unit_variance": True},
             {"quantile_range": (33.3, 91.7), "unit_variance": True}),
            ({"quantile_range_min": 0.0, "quantile_range_max": 100.0}, {"quantile_range": (0.0, 100.0)}),
            {"copy": False},
        ],
    ),
}

CASES = [
    (scaler, i, data)
    for scaler, (_, _, _, param_sets) in SCALERS.items()
    for i in range(len(param_sets))
    for data in DATASETS
]


def params_of(scaler, i):
    """(ours, theirs): the i-th hyperparameter set of @scaler."""
    params = SCALERS[scaler][3][i]
    return params if isinstance(params, tuple) else (params, params)


def case_id(case):
    scaler, i, data = case
    params = params_of(scaler, i)[1]
    return "%s-%s-%s" % (scaler, ",".join("%s=%s" % kv for kv in params.items()) or "default", data)


_data = {}


def load(name):
    if name not in _data:
        _data[name] = DATASETS[name]().data
    return _data[name]


def make_pair(scaler, i):
    ours_cls, theirs_cls, _, _ = SCALERS[scaler]
    ours_params, theirs_params = params_of(scaler, i)
    return ours_cls(**ours_params), theirs_cls(**theirs_params)


def assert_close(ours, theirs, what):
    if theirs is None:
        assert ours is None, what
        return
    assert ours is not None, what
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape, what
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0, err_msg=what)


def assert_same_state(ours, theirs, attributes):
    for name in attributes:
        assert_close(getattr(ours, name), getattr(theirs, name), name)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fitted_state_and_outputs(case):
    scaler, i, data = case
    X = load(data)
    ours, theirs = make_pair(scaler, i)
    ours.fit(X)
    # scikit-learn's copy=False scales its input in place: give it copies
    theirs.fit(X.copy())
    assert_same_state(ours, theirs, SCALERS[scaler][2])

    Xt = theirs.transform(X.copy())
    assert_close(ours.transform(X), Xt, "transform")
    assert_close(ours.inverse_transform(Xt), theirs.inverse_transform(Xt.copy()), "inverse_transform")
    # new samples, not the training ones: shifted and stretched
    X_new = X[::3] * 1.5 + 0.25
    assert_close(ours.transform(X_new), theirs.transform(X_new.copy()), "transform of new samples")
    # ModelPersist never writes to its input, whatever copy says
    assert np.array_equal(X, load(data))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fit_transform(case):
    scaler, i, data = case
    X = load(data)
    ours, theirs = make_pair(scaler, i)
    assert_close(ours.fit_transform(X), theirs.fit_transform(X.copy()), "fit_transform")
    assert_same_state(ours, theirs, SCALERS[scaler][2])


@pytest.mark.parametrize("scaler", SCALERS)
def test_integer_input_is_float64(scaler):
    # digits holds integers; given as an int64 matrix they are converted
    # to float64 by both libraries.
    X = load("digits").astype(np.int64)
    ours, theirs = make_pair(scaler, 0)
    assert_close(ours.fit_transform(X), theirs.fit_transform(X), "fit_transform of int64")


@pytest.mark.parametrize("scaler", SCALERS)
def test_constant_feature(scaler):
    # A feature that never changes (digits has several zero columns; here
    # also a nonzero one) is left unscaled, as scikit-learn leaves it.
    X = load("iris").copy()
    X[:, 1] = 3.7
    X[:, 2] = 0.0
    ours, theirs = make_pair(scaler, 0)
    ours.fit(X)
    theirs.fit(X)
    assert_same_state(ours, theirs, SCALERS[scaler][2])
    assert_close(ours.transform(X), theirs.transform(X), "transform")


@pytest.mark.parametrize("scaler", SCALERS)
def test_is_a_transformer(scaler):
    ours, theirs = make_pair(scaler, 0)
    assert ours._estimator_type == "transformer"
    ours.fit(load("iris"))
    theirs.fit(load("iris"))
    for method in ("predict", "predict_proba", "decision_function", "transform",
                   "fit_transform", "inverse_transform"):
        assert hasattr(ours, method) == hasattr(theirs, method), method


@pytest.mark.parametrize("scaler", SCALERS)
def test_nan_refused(scaler):
    # scikit-learn ignores NaN in fit and keeps it in transform;
    # ModelPersist refuses it (docs/preprocessing.md).
    X = load("iris").copy()
    X[3, 2] = np.nan
    ours, _ = make_pair(scaler, 0)
    with pytest.raises(GLib.Error) as info:
        ours.fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert "[3, 2]" in info.value.message


@pytest.mark.parametrize("scaler", SCALERS)
def test_inverse_transform_width(scaler):
    ours, _ = make_pair(scaler, 0)
    ours.fit(load("iris"))
    with pytest.raises(GLib.Error) as info:
        ours.inverse_transform(load("wine"))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert "13 features" in info.value.message


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_save_load(case, tmp_path):
    scaler, i, data = case
    X = load(data)
    ours, _ = make_pair(scaler, i)
    ours.fit(X)
    expected = ours.transform(X)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)),
                   copy.deepcopy(ours)):
        assert type(loaded) is type(ours)
        assert loaded.get_params() == ours.get_params()
        assert np.array_equal(loaded.transform(X), expected)
        assert np.array_equal(loaded.inverse_transform(expected), ours.inverse_transform(expected))
    path = tmp_path / "scaler.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).transform(X), expected)


@pytest.mark.parametrize("scaler", SCALERS)
def test_get_params_and_clone(scaler):
    ours_cls = SCALERS[scaler][0]
    for i in range(len(SCALERS[scaler][3])):
        ours, theirs = make_pair(scaler, i)
        ours_params = params_of(scaler, i)[0]
        if set(ours.get_params()) == set(theirs.get_params()):
            # spelled alike (MinMaxScaler's feature_range is not)
            assert ours.get_params() == theirs.get_params()
        assert ModelPersist.sklearn.to_sklearn(ours).get_params() == theirs.get_params()
        assert ours.get_params() == dict(ours_cls().get_params(), **ours_params)
        copied = sklearn.base.clone(ours)
        assert type(copied) is ours_cls
        assert copied.get_params() == ours.get_params()
        assert not copied.is_fitted()
        assert ours.set_params(**ours_params) is ours


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_bridge_both_ways(case):
    scaler, i, data = case
    X = load(data)
    ours, theirs = make_pair(scaler, i)
    theirs.fit(X.copy())
    ours.fit(X)

    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(converted) is type(ours)
    assert converted.get_params() == ours.get_params()
    assert np.array_equal(converted.transform(X), theirs.transform(X.copy()))

    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is type(theirs)
    assert back.get_params() == theirs.get_params()
    assert sorted(vars(back)) == sorted(vars(theirs))
    assert np.array_equal(back.transform(X.copy()), ours.transform(X))
    assert np.array_equal(back.inverse_transform(X.copy()), ours.inverse_transform(X))
    if hasattr(theirs, "n_samples_seen_"):
        assert type(back.n_samples_seen_) is type(theirs.n_samples_seen_)


def test_bridge_refuses_what_it_cannot_hold():
    X = load("iris")
    weighted = preprocessing.StandardScaler().fit(X, sample_weight=np.linspace(0.1, 1.0, len(X)))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(weighted)
    assert "n_samples_seen_" in info.value.message

    with_nan = X.copy()
    with_nan[0, 0] = np.nan
    missing = preprocessing.StandardScaler().fit(with_nan)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(missing)
    assert "n_samples_seen_" in info.value.message


def test_hyperparameter_changed_after_fit():
    # with_std set after fitting without it: scikit-learn's transform would
    # divide by None; ModelPersist refuses the state, naming what is missing.
    X = load("iris")
    ours = ModelPersist.StandardScaler(with_std=False).fit(X)
    ours.set_params(with_std=True)
    with pytest.raises(GLib.Error) as info:
        ours.transform(X)
    assert "var_" in info.value.message


def test_pipeline_with_svc():
    iris = datasets.load_iris()
    ours = make_pipeline(ModelPersist.StandardScaler(), ModelPersist.SVC())
    theirs = make_pipeline(preprocessing.StandardScaler(), SVC())
    ours.fit(iris.data, iris.target)
    theirs.fit(iris.data, iris.target)
    assert np.array_equal(ours.predict(iris.data), theirs.predict(iris.data))
    assert ours.score(iris.data, iris.target) == theirs.score(iris.data, iris.target)
    assert_close(ours[0].transform(iris.data), theirs[0].transform(iris.data), "the pipeline's scaling")


@pytest.mark.parametrize("feature_range", [(1.0, 1.0), (2.0, -1.0), (0.0, float("inf"))])
def test_min_max_feature_range_refused(feature_range):
    X = load("iris")
    ours = ModelPersist.MinMaxScaler(feature_range_min=feature_range[0],
                                     feature_range_max=feature_range[1])
    with pytest.raises(GLib.Error) as info:
        ours.fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith("feature_range: ")
    # changed on a fitted model: the next use refuses it
    fitted = ModelPersist.MinMaxScaler().fit(X)
    fitted.feature_range_max = -5.0
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT


def test_min_max_clip_outside_training_range():
    X = load("wine")
    ours, theirs = make_pair("MinMaxScaler", 2)
    ours.fit(X[:60])
    theirs.fit(X[:60])
    assert_close(ours.transform(X), theirs.transform(X), "clipped transform")


def test_robust_scaler_bit_equal():
    # numpy's percentile and median, computed the same way: equal bits,
    # not only within the tolerance (unit_variance divides by the normal
    # quantiles, which scipy computes its own way: within a few ulps).
    for data in DATASETS:
        X = load(data)
        for ours_params, theirs_params in [({}, {}), ({"quantile_range_min": 5.0, "quantile_range_max": 62.5},
                                                      {"quantile_range": (5.0, 62.5)})]:
            ours = ModelPersist.RobustScaler(**ours_params).fit(X)
            theirs = preprocessing.RobustScaler(**theirs_params).fit(X)
            assert np.array_equal(ours.center_, theirs.center_), data
            assert np.array_equal(ours.scale_, theirs.scale_), data
            assert np.array_equal(ours.transform(X), theirs.transform(X)), data


@pytest.mark.parametrize("ours, message", [
    ({"quantile_range_min": 80.0, "quantile_range_max": 20.0},
     "quantile_range: the minimum must be at most the maximum, got (80, 20)"),
    ({"quantile_range_min": 0.0, "unit_variance": True},
     "quantile_range: unit_variance needs 0 < minimum < maximum < 100, got (0, 75)"),
    ({"quantile_range_min": 50.0, "quantile_range_max": 50.0, "unit_variance": True},
     "quantile_range: unit_variance needs 0 < minimum < maximum < 100, got (50, 50)"),
])
def test_robust_quantile_range_refused(ours, message):
    X = load("iris")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.RobustScaler(**ours).fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == message
    # changed on a fitted model: the next use refuses it
    fitted = ModelPersist.RobustScaler().fit(X)
    fitted.set_params(**ours)
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == message


def test_robust_quantile_range_interval():
    with pytest.raises(GLib.Error) as info:
        ModelPersist.RobustScaler(quantile_range_max=101.0).fit(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith("quantile_range_max: must be ")


def test_robust_missing_center_refused():
    # a model that says it centres but has no center_ (from a file, or set
    # by hand) is refused before transform reads it
    fitted = ModelPersist.RobustScaler(with_centering=False).fit(load("iris"))
    fitted.with_centering = True
    with pytest.raises(GLib.Error) as info:
        fitted.transform(load("iris"))
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "center_: missing, but with_centering is set"


def test_robust_bridge_refuses_bad_quantile_range():
    theirs = preprocessing.RobustScaler().fit(load("iris"))
    theirs.quantile_range = "wide"
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(theirs)
    assert info.value.message == "quantile_range: expected (q_min, q_max), got 'wide'"
