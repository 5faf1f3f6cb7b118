# test_gradient_boosting.py: ModelPersist.GradientBoostingClassifier and
# GradientBoostingRegressor against scikit-learn 1.2's on the classic
# datasets: every tree of every stage node for node, the leaf values, the
# training scores, the out-of-bag improvements, early stopping and every
# output, all bit for bit for the same random_state; the bridge both
# ways; save and load; and the refusals of the models' own invariants,
# with their exact messages. The regressor's losses are squared_error,
# absolute_error, huber and quantile.
import copy
import warnings

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor

CLASSIFICATION = ["iris", "wine", "breast_cancer", "digits"]
# small stage counts keep the suite fast; each setting moves one part of
# the algorithm off its default
SETTINGS = [
    {"n_estimators": 20, "random_state": 0},
    {"n_estimators": 8, "subsample": 0.7, "random_state": 3},
    {"n_estimators": 8, "max_features": "sqrt", "criterion": "squared_error", "random_state": 1},
    {"n_estimators": 30, "n_iter_no_change": 2, "tol": 0.01, "max_leaf_nodes": 5, "random_state": 2},
    {"n_estimators": 5, "init": "zero", "min_samples_leaf": 3, "learning_rate": 0.3, "random_state": 4},
    {"n_estimators": 5, "max_depth": 5, "min_samples_split": 0.1, "ccp_alpha": 0.001,
     "min_weight_fraction_leaf": 0.05, "random_state": 5},
    {"n_estimators": 4, "loss": "deviance", "max_features": 0.5, "subsample": 0.5,
     "validation_fraction": 0.3, "n_iter_no_change": 1, "random_state": 6},
]
NODE_ARRAYS = ["children_left_", "children_right_", "feature_", "threshold_", "impurity_",
               "n_node_samples_", "weighted_n_node_samples_", "value_"]
SKLEARN_NODE_FIELDS = {"children_left_": "children_left", "children_right_": "children_right",
                       "feature_": "feature", "threshold_": "threshold", "impurity_": "impurity",
                       "n_node_samples_": "n_node_samples",
                       "weighted_n_node_samples_": "weighted_n_node_samples"}

_data = {}


def load(name):
    if name not in _data:
        X, y = getattr(datasets, "load_" + name)(return_X_y=True)
        X.setflags(write=False)
        _data[name] = (X, y)
    return _data[name]


def sk_fit(cls, params, X, y):
    with warnings.catch_warnings():
        # 'deviance' and 'auto' are deprecated in 1.2
        warnings.simplefilter("ignore", FutureWarning)
        return cls(**params).fit(X, y)


def sklearn_node_arrays(est):
    trees = [t.tree_ for t in est.estimators_.ravel()]
    arrays = {ours: np.concatenate([getattr(t, theirs) for t in trees])
              for ours, theirs in SKLEARN_NODE_FIELDS.items()}
    arrays["value_"] = np.concatenate([t.value[:, 0, 0] for t in trees])
    arrays["tree_node_counts_"] = np.array([t.node_count for t in trees])
    return arrays


def assert_same_state(ours, theirs):
    for name, expected in sklearn_node_arrays(theirs).items():
        got = getattr(ours, name)
        assert got.shape == expected.shape and np.array_equal(got, expected), name
    assert ours.n_estimators_ == theirs.n_estimators_
    assert ours.max_features_ == theirs.max_features_
    assert np.array_equal(ours.train_score_, theirs.train_score_)
    if hasattr(theirs, "oob_improvement_"):
        assert np.array_equal(ours.oob_improvement_, theirs.oob_improvement_)
    else:
        assert ours.oob_improvement_ is None
    if hasattr(theirs, "classes_"):
        assert np.array_equal(ours.classes_, theirs.classes_)
        expected_init = None if theirs.init_ == "zero" else theirs.init_.class_prior_
        got_init = ours.init_class_prior_
    else:
        expected_init = None if theirs.init_ == "zero" else theirs.init_.constant_.ravel()
        got_init = ours.init_constant_
    if expected_init is None:
        assert got_init is None
    else:
        assert np.array_equal(got_init, expected_init)


def assert_same_outputs(ours, theirs, X, y):
    assert np.array_equal(ours.predict(X), theirs.predict(X))
    if hasattr(theirs, "classes_"):
        assert np.array_equal(ours.predict_proba(X), theirs.predict_proba(X))
        assert np.array_equal(ours.decision_function(X), theirs.decision_function(X))
        assert ours.score(X, y) == theirs.score(X, y)
    else:
        # the predictions are the same bits; the base class's R² does not
        # sum in numpy's order (as for every regressor)
        assert ours.score(X, y) == pytest.approx(theirs.score(X, y), rel=1e-12)


CLASSIFIER_CASES = [(i, d) for i in range(len(SETTINGS)) for d in CLASSIFICATION]


def case_id(case):
    i, data = case
    return "%d-%s" % (i, data)


@pytest.mark.parametrize("case", CLASSIFIER_CASES, ids=case_id)
def test_classifier_parity(case):
    i, data = case
    X, y = load(data)
    params = dict(SETTINGS[i])
    if data == "digits":
        # ten trees a stage: a few stages are enough
        params["n_estimators"] = min(params["n_estimators"], 6)
    theirs = sk_fit(GradientBoostingClassifier, params, X, y)
    ours = ModelPersist.GradientBoostingClassifier(**params).fit(X, y)
    assert_same_state(ours, theirs)
    assert_same_outputs(ours, theirs, X, y)


# the regressor's other losses, each with subsampling and early stopping
REGRESSOR_SETTINGS = SETTINGS + [
    {"loss": "absolute_error", "n_estimators": 10, "random_state": 0},
    {"loss": "quantile", "n_estimators": 10, "random_state": 0},
    {"loss": "quantile", "alpha": 0.3, "subsample": 0.6, "n_estimators": 8, "random_state": 1},
    {"loss": "absolute_error", "subsample": 0.7, "n_iter_no_change": 2, "n_estimators": 40, "random_state": 2},
    {"loss": "quantile", "alpha": 0.75, "n_iter_no_change": 3, "n_estimators": 40, "max_leaf_nodes": 6,
     "random_state": 3},
    {"loss": "huber", "n_estimators": 10, "random_state": 0},
    # Huber's first out-of-bag loss finds its own gamma
    {"loss": "huber", "alpha": 0.5, "subsample": 0.6, "n_estimators": 8, "random_state": 1},
    {"loss": "huber", "subsample": 0.8, "n_iter_no_change": 2, "n_estimators": 40, "random_state": 2},
]


@pytest.mark.parametrize("i", range(len(REGRESSOR_SETTINGS)))
def test_regressor_parity(i):
    params = dict(REGRESSOR_SETTINGS[i])
    if params.get("loss") == "deviance":
        del params["loss"]
    X, y = load("diabetes")
    theirs = sk_fit(GradientBoostingRegressor, params, X, y)
    ours = ModelPersist.GradientBoostingRegressor(**params).fit(X, y)
    assert_same_state(ours, theirs)
    assert_same_outputs(ours, theirs, X, y)


def test_early_stopping_stops():
    X, y = load("breast_cancer")
    params = {"n_estimators": 200, "n_iter_no_change": 3, "tol": 0.001, "random_state": 0}
    theirs = sk_fit(GradientBoostingClassifier, params, X, y)
    ours = ModelPersist.GradientBoostingClassifier(**params).fit(X, y)
    assert ours.n_estimators_ == theirs.n_estimators_ < 200
    assert ours.tree_node_counts_.shape == (ours.n_estimators_,)
    assert_same_state(ours, theirs)


def test_unbounded_counts():
    # storage follows the stages fitted, not n_estimators; a history longer
    # than the stages never stops the fit, as scikit-learn's of inf does
    X, y = load("iris")
    ours = ModelPersist.GradientBoostingClassifier(n_estimators=10**9, n_iter_no_change=2, tol=0.01,
                                                   random_state=0).fit(X, y)
    assert ours.n_estimators_ == 21 and ours.train_score_.shape == (21,)
    params = {"n_estimators": 12, "n_iter_no_change": 10**6, "random_state": 0}
    ours = ModelPersist.GradientBoostingClassifier(**params).fit(X, y)
    assert_same_state(ours, sk_fit(GradientBoostingClassifier, params, X, y))


def test_string_labels():
    X, y = load("iris")
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    theirs = sk_fit(GradientBoostingClassifier, SETTINGS[0], X, labels)
    ours = ModelPersist.GradientBoostingClassifier(**SETTINGS[0]).fit(X, labels)
    assert list(ours.predict(X)) == list(theirs.predict(X))
    assert np.array_equal(ours.predict_proba(X), theirs.predict_proba(X))


def test_shapes_and_kinds():
    X, y = load("breast_cancer")
    binary = ModelPersist.GradientBoostingClassifier(n_estimators=3).fit(X, y)
    assert binary.decision_function(X).shape == (len(X),)
    assert binary.predict_proba(X).shape == (len(X), 2)
    assert binary.tree_node_counts_.shape == (3,)
    X, y = load("wine")
    multi = ModelPersist.GradientBoostingClassifier(n_estimators=3).fit(X, y)
    assert multi.decision_function(X).shape == (len(X), 3)
    assert multi.tree_node_counts_.shape == (9,)
    assert multi._estimator_type == "classifier"
    assert ModelPersist.GradientBoostingRegressor()._estimator_type == "regressor"


@pytest.mark.parametrize("cls, data", [(ModelPersist.GradientBoostingClassifier, "digits"),
                                       (ModelPersist.GradientBoostingRegressor, "diabetes")])
def test_save_load(cls, data, tmp_path):
    X, y = load(data)
    ours = cls(n_estimators=10, subsample=0.8, random_state=0).fit(X, y)
    expected = ours.predict(X)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), copy.deepcopy(ours)):
        assert type(loaded) is type(ours)
        assert loaded.get_params() == ours.get_params()
        for name in NODE_ARRAYS + ["tree_node_counts_", "train_score_", "oob_improvement_"]:
            assert np.array_equal(getattr(loaded, name), getattr(ours, name)), name
        assert np.array_equal(loaded.predict(X), expected)
    path = tmp_path / "gb.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).predict(X), expected)
    # init='zero' leaves the init state unset, and that loads too
    zero = cls(n_estimators=3, init="zero", random_state=0).fit(X, y)
    assert np.array_equal(ModelPersist.loads(ModelPersist.dumps(zero)).predict(X), zero.predict(X))


@pytest.mark.parametrize("sk_cls, mp_cls", [(GradientBoostingClassifier, ModelPersist.GradientBoostingClassifier),
                                            (GradientBoostingRegressor, ModelPersist.GradientBoostingRegressor)])
def test_get_params_and_clone(sk_cls, mp_cls):
    for params in SETTINGS:
        if sk_cls is GradientBoostingRegressor:
            params = {k: v for k, v in params.items() if k != "loss"}
        ours, theirs = mp_cls(**params), sk_cls(**params)
        assert ours.get_params() == theirs.get_params()
        assert ModelPersist.sklearn.to_sklearn(ours).get_params() == theirs.get_params()
        copied = sklearn.base.clone(ours)
        assert copied.get_params() == ours.get_params() and not copied.is_fitted()


BRIDGE_CASES = [(GradientBoostingClassifier, "iris", SETTINGS[0]),
                (GradientBoostingClassifier, "breast_cancer", SETTINGS[1]),
                (GradientBoostingClassifier, "wine", SETTINGS[4]),
                (GradientBoostingClassifier, "digits", {"n_estimators": 5, "max_features": "auto",
                                                        "random_state": 0}),
                (GradientBoostingRegressor, "diabetes", SETTINGS[3]),
                (GradientBoostingRegressor, "diabetes", SETTINGS[4]),
                (GradientBoostingRegressor, "diabetes", REGRESSOR_SETTINGS[-6]),
                (GradientBoostingRegressor, "diabetes", REGRESSOR_SETTINGS[-7]),
                (GradientBoostingRegressor, "diabetes", REGRESSOR_SETTINGS[-2])]


@pytest.mark.parametrize("case", BRIDGE_CASES, ids=lambda c: "%s-%s" % (c[0].__name__, c[1]))
def test_bridge_both_ways(case):
    sk_cls, data, params = case
    X, y = load(data)
    mp_cls = getattr(ModelPersist, sk_cls.__name__)
    theirs = sk_fit(sk_cls, params, X, y)

    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(converted) is mp_cls
    assert converted.get_params() == theirs.get_params()
    assert_same_state(converted, theirs)
    assert_same_outputs(converted, theirs, X, y)

    ours = mp_cls(**params).fit(X, y)
    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is sk_cls
    assert back.get_params() == theirs.get_params()
    assert sorted(vars(back)) == sorted(vars(theirs))
    assert back.estimators_.shape == theirs.estimators_.shape
    assert_same_state(ours, back)
    assert_same_outputs(ours, back, X, y)
    # and back again
    again = ModelPersist.sklearn.from_sklearn(back)
    assert np.array_equal(again.predict(X), ours.predict(X))


def test_bridge_refusals():
    X, y = load("diabetes")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(GradientBoostingRegressor(n_estimators=2, init=GradientBoostingRegressor()))
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith("init: sklearn.ensemble.gb.GradientBoostingRegressor; "
                                         "ModelPersist's gradient boosting")
    # a fitted init_ other than the dummy the loss starts from
    bad = GradientBoostingRegressor(n_estimators=2, loss="absolute_error").fit(X, y)
    bad.init_ = bad.init_.set_params(strategy="mean")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(bad)
    assert info.value.message.startswith("init_: sklearn.dummy.DummyRegressor; ")
    X, y = load("breast_cancer")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(GradientBoostingClassifier(n_estimators=2, loss="exponential").fit(X, y))
    assert info.value.message == "loss: 'exponential' (AdaBoost's loss) is not implemented; use 'log_loss'"


# --- the models' own invariants ------------------------------------------

def fitted_classifier():
    X, y = load("iris")
    return ModelPersist.GradientBoostingClassifier(n_estimators=3, random_state=0).fit(X, y)


def refused(model, message):
    X, _ = load("iris")
    with pytest.raises(GLib.Error) as info:
        model.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == message


def test_node_counts_that_do_not_add_up():
    model = fitted_classifier()
    counts = model.tree_node_counts_.copy()
    assert counts.tolist() == [3, 9, 13, 9, 9, 13, 9, 9, 15]
    counts[1] -= 2
    model.tree_node_counts_ = counts
    refused(model, "tree_node_counts_: sums to 87, but n_nodes is 89 (from children_left_)")


def test_node_counts_shifting_a_boundary():
    # the sum holds, but the first tree now takes the second's root and
    # its left leaf
    model = fitted_classifier()
    counts = model.tree_node_counts_.copy()
    counts[0] += 2
    counts[1] -= 2
    model.tree_node_counts_ = counts
    refused(model, "estimators_[0].children_left_: node 3 is no node's child")


def test_node_counts_not_per_stage():
    model = fitted_classifier()
    counts = model.tree_node_counts_
    model.tree_node_counts_ = np.concatenate([counts[:-2], [counts[-2] + counts[-1]]])
    refused(model, "tree_node_counts_: 8 trees, but 3 stages of 3 trees make 9")


def test_cycle():
    model = fitted_classifier()
    left = model.children_left_.copy()
    # node 2 of the second tree sends its samples back to node 1
    second = model.tree_node_counts_[0]
    internal = [n for n in range(9) if left[second + n] != -1]
    left[second + internal[1]] = 1
    model.children_left_ = left
    refused(model, "estimators_[1].children_left_: node 2 names child 1; "
                   "a child comes after its parent, below 9")


def test_child_past_the_end():
    model = fitted_classifier()
    left = model.children_left_.copy()
    left[0] = 6
    model.children_left_ = left
    refused(model, "estimators_[0].children_left_: node 0 names child 6; "
                   "a child comes after its parent, below 3")


def test_feature_out_of_range():
    model = fitted_classifier()
    feature = model.feature_.copy()
    feature[0] = 4
    model.feature_ = feature
    refused(model, "estimators_[0].feature_: node 0 tests feature 4; the model has 4 features")


def test_leaf_value_nan():
    model = fitted_classifier()
    value = model.value_.copy()
    value[1] = np.nan
    model.value_ = value
    refused(model, "value_: element 1 is nan, expected a finite number")


def test_stage_count_disagrees():
    model = fitted_classifier()
    model.n_estimators_ = 2
    refused(model, "train_score_: dimension 0 is 3, but n_stages is 2 (from n_estimators_)")


def test_init_prior_not_a_distribution():
    model = fitted_classifier()
    model.init_class_prior_ = np.array([0.5, 0.5, 0.5])
    refused(model, "init_class_prior_: sums to 1.5, expected 1")


def test_depth_of_a_million():
    X, _ = load("iris")
    model = ModelPersist.GradientBoostingRegressor(n_estimators=1).fit(X, X[:, 0])
    # one tree: a chain of a million internal nodes, each with a leaf on
    # its right
    n = 2_000_001
    internal = np.arange(0, n - 1, 2)
    left = np.full(n, -1, np.int32)
    right = np.full(n, -1, np.int32)
    left[internal] = internal + 2
    right[internal] = internal + 1
    left[internal[-1]], right[internal[-1]] = n - 2, n - 1
    feature = np.full(n, -2, np.int32)
    feature[internal] = 0
    threshold = np.full(n, -2.0)
    threshold[internal] = 5.0
    samples = np.ones(n, np.int64)
    for i in internal[::-1]:
        samples[i] = samples[left[i]] + samples[right[i]]
    model.children_left_, model.children_right_ = left, right
    model.feature_, model.threshold_ = feature, threshold
    model.impurity_, model.value_ = np.zeros(n), np.zeros(n)
    model.n_node_samples_, model.weighted_n_node_samples_ = samples, samples.astype(np.float64)
    model.tree_node_counts_ = np.array([n], np.int64)
    with pytest.raises(GLib.Error) as info:
        model.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "estimators_[0].children_left_: the tree is more than 100000 levels deep"


REFUSED_PARAMS = [
    (ModelPersist.GradientBoostingClassifier, {"loss": "exponential"},
     "loss: 'exponential' (AdaBoost's loss) is not implemented; use 'log_loss'"),
    (ModelPersist.GradientBoostingClassifier, {"init": "prior"},
     "init: must be None or 'zero', got 'prior' (an init estimator is not supported)"),
    (ModelPersist.GradientBoostingClassifier, {"subsample": 0.0}, "subsample: must be > 0 and <= 1, got 0"),
    (ModelPersist.GradientBoostingClassifier, {"n_iter_no_change": 0},
     "n_iter_no_change: must be None or >= 1, got 0"),
    (ModelPersist.GradientBoostingClassifier, {"learning_rate": -1.0},
     "learning_rate: must be a finite number >= 0, got -1"),
    (ModelPersist.GradientBoostingClassifier, {"max_features": 9}, "max_features: 9 is more than the 4 features of X"),
    (ModelPersist.GradientBoostingRegressor, {"loss": "lad"},
     "loss: must be 'squared_error', 'absolute_error', 'huber' or 'quantile', got 'lad'"),
    (ModelPersist.GradientBoostingRegressor, {"alpha": 1.0}, "alpha: must be > 0 and < 1, got 1"),
]


@pytest.mark.parametrize("cls, params, message", REFUSED_PARAMS)
def test_refused_hyperparameters(cls, params, message):
    X, y = load("iris")
    with pytest.raises(GLib.Error) as info:
        cls(n_estimators=2, **params).fit(X, y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == message


def test_warm_start():
    X, y = load("iris")
    # warm_start=True fits an unfitted model as scikit-learn does
    ours = ModelPersist.GradientBoostingClassifier(n_estimators=3, warm_start=True, random_state=0).fit(X, y)
    theirs = sk_fit(GradientBoostingClassifier, {"n_estimators": 3, "warm_start": True, "random_state": 0}, X, y)
    assert_same_state(ours, theirs)
    with pytest.raises(GLib.Error) as info:
        ours.fit(X, y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == ("warm_start: adding stages to a fitted model is not implemented; "
                                  "set warm_start=False to fit anew")


def test_one_class_refused():
    X, _ = load("iris")
    with pytest.raises(GLib.Error) as info:
        ModelPersist.GradientBoostingClassifier(n_estimators=2).fit(X, np.zeros(len(X)))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert info.value.message == "y: contains 1 class, while a minimum of 2 classes are required"
