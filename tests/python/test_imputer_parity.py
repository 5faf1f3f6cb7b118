# test_imputer_parity.py: ModelPersist.SimpleImputer against scikit-learn's
# on the classic datasets with NaN put in at fixed places: statistics_ and
# transform agree (bit for bit here; the tolerance asked is 1e-10
# relative) for every strategy; features with nothing present are dropped
# as scikit-learn 1.2 drops them; the model survives a save and load,
# clone, get_params and the bridge both ways; its own refusals.
import copy

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

RTOL = 1e-10

DATASETS = ["iris", "wine", "breast_cancer", "digits", "diabetes"]
STRATEGIES = ["mean", "median", "most_frequent", "constant"]
# (hyperparameters, the NaN pattern): both libraries spell them alike
SETTINGS = [
    ({}, "every 7th"),
    ({}, "every 3rd, column 1 empty"),
    ({"keep_empty_features": True}, "every 3rd, column 1 empty"),
    ({"fill_value": -1.5}, "every 7th"),
    ({"fill_value": 7}, "every 3rd, column 1 empty"),
    ({"copy": False}, "every 7th"),
    ({"add_indicator": True}, "every 7th"),
    ({"add_indicator": True}, "every 3rd, column 1 empty"),
    ({"add_indicator": True, "keep_empty_features": True}, "every 3rd, column 1 empty"),
]
CASES = [(strategy, i, data) for strategy in STRATEGIES for i in range(len(SETTINGS))
         for data in DATASETS]


def case_id(case):
    strategy, i, data = case
    params, pattern = SETTINGS[i]
    shown = ",".join("%s=%s" % kv for kv in params.items()) or "default"
    return "%s-%s-%s-%s" % (strategy, shown, pattern.replace(" ", "_"), data)


_data = {}


def load(name, pattern):
    key = (name, pattern)
    if key not in _data:
        X = getattr(datasets, "load_" + name)().data.copy()
        if pattern == "every 7th":
            X.flat[::7] = np.nan
        elif pattern == "every 3rd, column 1 empty":
            X.flat[1::3] = np.nan
            X[:, 1] = np.nan
        X.setflags(write=False)
        _data[key] = X
    return _data[key]


def make_pair(strategy, i):
    params = SETTINGS[i][0]
    return (ModelPersist.SimpleImputer(strategy=strategy, **params),
            SimpleImputer(strategy=strategy, **params))


def assert_close(ours, theirs, what):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape, what
    assert ours.dtype == np.float64
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0, equal_nan=True, err_msg=what)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_statistics_and_transform(case):
    strategy, i, data = case
    X = load(data, SETTINGS[i][1])
    ours, theirs = make_pair(strategy, i)
    ours.fit(X)
    theirs.fit(X.copy())
    assert_close(ours.statistics_, theirs.statistics_, "statistics_")
    assert ours.n_features_in_ == theirs.n_features_in_
    Xt = theirs.transform(X.copy())
    assert_close(ours.transform(X), Xt, "transform")
    assert not np.isnan(ours.transform(X)).any()
    # other samples, with NaN elsewhere
    X_new = X[::2] * 1.5 + 0.25
    X_new[:, 0] = np.nan
    assert_close(ours.transform(X_new), theirs.transform(X_new.copy()), "transform of new samples")
    assert_close(ours.fit_transform(X), theirs.fit_transform(X.copy()), "fit_transform")


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_bit_equal(strategy):
    for data in DATASETS:
        X = load(data, "every 7th")
        ours = ModelPersist.SimpleImputer(strategy=strategy).fit(X)
        theirs = SimpleImputer(strategy=strategy).fit(X)
        assert np.array_equal(ours.statistics_, theirs.statistics_, equal_nan=True), data
        assert np.array_equal(ours.transform(X), theirs.transform(X.copy())), data


def test_empty_feature_dropped_and_nan_statistic():
    X = load("iris", "every 3rd, column 1 empty")
    ours = ModelPersist.SimpleImputer().fit(X)
    assert np.isnan(ours.statistics_[1]) and not np.isnan(ours.statistics_[[0, 2, 3]]).any()
    assert ours.transform(X).shape == (150, 3)
    kept = ModelPersist.SimpleImputer(keep_empty_features=True).fit(X)
    assert kept.statistics_[1] == 0 and kept.transform(X).shape == (150, 4)
    constant = ModelPersist.SimpleImputer(strategy="constant").fit(X)
    assert np.array_equal(constant.transform(X)[:, 1], np.zeros(150))


def test_all_missing():
    X = np.full((5, 3), np.nan)
    ours = ModelPersist.SimpleImputer().fit(X)
    theirs = SimpleImputer().fit(X)
    assert ours.transform(X).shape == theirs.transform(X).shape == (5, 0)


def test_most_frequent_ties_pick_the_smallest():
    X = np.array([[3.0, 1.0], [1.0, np.nan], [3.0, 2.0], [1.0, 2.0], [np.nan, 1.0], [-4.0, 5.0]])
    ours = ModelPersist.SimpleImputer(strategy="most_frequent").fit(X)
    theirs = SimpleImputer(strategy="most_frequent").fit(X)
    assert np.array_equal(ours.statistics_, [1.0, 1.0])
    assert np.array_equal(ours.statistics_, theirs.statistics_)


def test_integer_input():
    X = load("digits", "none").astype(np.int64)
    for strategy in STRATEGIES:
        ours = ModelPersist.SimpleImputer(strategy=strategy).fit(X)
        theirs = SimpleImputer(strategy=strategy).fit(X)
        assert_close(ours.statistics_, theirs.statistics_, strategy)
        assert np.array_equal(ours.transform(X), X)


def test_infinity_refused():
    X = load("iris", "every 7th").copy()
    X[4, 2] = np.inf
    with pytest.raises(GLib.Error) as info:
        ModelPersist.SimpleImputer().fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert "[4, 2]" in info.value.message


@pytest.mark.parametrize("value, shown", [("missing", "'missing'"), (float("nan"), "'nan'"),
                                          (float("inf"), "'inf'")])
def test_fill_value_refused(value, shown):
    X = load("iris", "every 7th")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.SimpleImputer(strategy="constant", fill_value=value).fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith("fill_value: must be ")
    assert info.value.message.endswith("got %s" % shown)


def test_strategy_refused():
    X = load("iris", "every 7th")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.SimpleImputer(strategy="mode").fit(X)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith("strategy: must be ")
    assert "'mode'" in info.value.message


def test_width_checked():
    ours = ModelPersist.SimpleImputer().fit(load("iris", "every 7th"))
    with pytest.raises(GLib.Error) as info:
        ours.transform(load("wine", "every 7th"))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT


def test_statistics_shape_checked():
    ours = ModelPersist.SimpleImputer().fit(load("iris", "every 7th"))
    ours.statistics_ = np.zeros(3)
    with pytest.raises(GLib.Error) as info:
        ours.transform(load("iris", "every 7th"))
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message.startswith("statistics_: ")


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_save_load(strategy, tmp_path):
    X = load("wine", "every 3rd, column 1 empty")
    ours = ModelPersist.SimpleImputer(strategy=strategy, fill_value=2.5).fit(X)
    expected = ours.transform(X)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), copy.deepcopy(ours)):
        assert type(loaded) is type(ours)
        assert loaded.get_params() == ours.get_params()
        assert np.array_equal(loaded.statistics_, ours.statistics_, equal_nan=True)
        assert np.array_equal(loaded.transform(X), expected)
    path = tmp_path / "imputer.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).transform(X), expected)


def test_get_params_and_clone():
    for strategy in STRATEGIES:
        for params, _ in SETTINGS:
            ours = ModelPersist.SimpleImputer(strategy=strategy, **params)
            theirs = SimpleImputer(strategy=strategy, **params)
            expected = {k: v for k, v in theirs.get_params().items()
                        if k not in ("missing_values", "verbose")}
            assert ours.get_params() == expected
            assert ModelPersist.sklearn.to_sklearn(ours).get_params().keys() == theirs.get_params().keys()
            copied = sklearn.base.clone(ours)
            assert copied.get_params() == ours.get_params() and not copied.is_fitted()


@pytest.mark.parametrize("case", [c for c in CASES if c[2] in ("iris", "digits")], ids=case_id)
def test_bridge_both_ways(case):
    strategy, i, data = case
    X = load(data, SETTINGS[i][1])
    ours, theirs = make_pair(strategy, i)
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
    if theirs.add_indicator:
        assert sorted(vars(back.indicator_)) == sorted(vars(theirs.indicator_))
        assert np.array_equal(back.indicator_.features_, theirs.indicator_.features_)


def test_bridge_refuses_what_it_cannot_hold():
    X = load("iris", "every 7th")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(SimpleImputer(missing_values=0).fit(np.nan_to_num(X)))
    assert info.value.message == "missing_values: ModelPersist.SimpleImputer treats only NaN as missing, got 0"
    text = np.array([["a", "b"], ["a", np.nan]], dtype=object)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(SimpleImputer(strategy="most_frequent").fit(text))
    assert info.value.message.startswith("_fit_dtype: fitted on object data")
    # a NaN that is not the np.nan object is NaN all the same
    converted = ModelPersist.sklearn.from_sklearn(SimpleImputer(missing_values=float("nan")).fit(X))
    assert np.array_equal(converted.transform(X), SimpleImputer().fit(X).transform(X))


def test_in_a_pipeline():
    # a pipeline takes what its steps take (MP_INPUT_FLAG_ANY): NaN reaches
    # the imputer, and the scaler after it sees none
    X = load("wine", "every 7th")
    ours = ModelPersist.Pipeline(steps=[("impute", ModelPersist.SimpleImputer(strategy="median")),
                                        ("scale", ModelPersist.StandardScaler())])
    theirs = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    assert_close(ours.fit_transform(X), theirs.fit_transform(X), "pipeline")
    loaded = ModelPersist.loads(ModelPersist.dumps(ours))
    assert np.array_equal(loaded.transform(X), ours.transform(X))
    # scikit-learn's pipeline of ModelPersist steps too
    mixed = make_pipeline(ModelPersist.SimpleImputer(strategy="median"), ModelPersist.StandardScaler())
    assert_close(mixed.fit_transform(X), theirs.fit_transform(X), "scikit-learn's pipeline")


def test_indicator():
    X = load("iris", "every 7th").copy()
    X[:, 3] = 1.0   # nothing missing there: no indicator column
    ours = ModelPersist.SimpleImputer(add_indicator=True).fit(X)
    theirs = SimpleImputer(add_indicator=True).fit(X)
    assert np.array_equal(ours.indicator_features_, [0, 1, 2])
    assert np.array_equal(ours.indicator_features_, theirs.indicator_.features_)
    Y = X[:6].copy()
    Y[:, 3] = np.nan   # missing where fit saw none: imputed, not indicated
    assert ours.transform(Y).shape == (6, 7)
    assert np.array_equal(ours.transform(Y), theirs.transform(Y))
    # nothing missing at all: no indicator column, an empty features_
    clean = ModelPersist.SimpleImputer(add_indicator=True).fit(load("iris", "none"))
    assert clean.indicator_features_.shape == (0,)
    loaded = ModelPersist.loads(ModelPersist.dumps(clean))
    assert np.array_equal(loaded.transform(Y), SimpleImputer(add_indicator=True).fit(
        load("iris", "none")).transform(Y))


def test_indicator_state_refused():
    X = load("iris", "every 7th")
    fitted = ModelPersist.SimpleImputer(add_indicator=True).fit(X)
    fitted.add_indicator = False
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "indicator_features_: present, but add_indicator is not set"
    fitted = ModelPersist.SimpleImputer().fit(X)
    fitted.add_indicator = True
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X)
    assert info.value.message == "indicator_features_: missing, but add_indicator is set"
    fitted = ModelPersist.SimpleImputer(add_indicator=True).fit(X)
    fitted.indicator_features_ = np.array([0, 4], dtype=np.int64)
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message.startswith("indicator_features_: ")
    fitted.indicator_features_ = np.array([2, 1], dtype=np.int64)
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X)
    assert info.value.message.startswith("indicator_features_: ")
