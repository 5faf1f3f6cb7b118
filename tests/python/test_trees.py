# test_trees.py: ModelPersist's decision trees, random forests and extra
# trees against scikit-learn's on the classic datasets: the same trees node
# for node (every node array bit for bit) and the same predictions, given
# the same hyperparameters and seed; the bridge both ways for models
# trained by scikit-learn; saving and loading; warm starts; and the
# refusal of node arrays that do not make a tree, in memory and in a file.
import copy
import warnings

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets, ensemble, tree

NODE_ARRAYS = ["children_left_", "children_right_", "feature_", "threshold_", "impurity_",
               "n_node_samples_", "weighted_n_node_samples_", "value_"]
CLASSIFICATION = ["iris", "wine", "breast_cancer", "digits"]

_data = {}


def load(name):
    if name not in _data:
        d = getattr(datasets, "load_" + name)()
        d.data.setflags(write=False)
        _data[name] = (d.data, d.target)
    return _data[name]


def problems(kind):
    if kind == "classifier":
        return CLASSIFICATION
    return ["diabetes"]


def sklearn_node_arrays(est):
    """scikit-learn's trees as ModelPersist stores them: each estimator's
    tree_ arrays, one tree after another."""
    trees = [est.tree_] if hasattr(est, "tree_") else [t.tree_ for t in est.estimators_]
    out = {}
    for name in NODE_ARRAYS:
        parts = []
        for t in trees:
            if name == "value_":
                parts.append(t.value[:, 0, :] if hasattr(est, "classes_") else t.value[:, 0, 0])
            else:
                parts.append(getattr(t, {"children_left_": "children_left",
                                         "children_right_": "children_right"}.get(name, name[:-1])))
        out[name] = np.concatenate(parts)
    return out


def assert_same_trees(ours, theirs):
    expected = sklearn_node_arrays(theirs)
    for name in NODE_ARRAYS:
        mine = getattr(ours, name)
        assert mine.shape == expected[name].shape, name
        assert np.array_equal(mine, expected[name]), name


# (ModelPersist class, scikit-learn class, kind, hyperparameter settings)
MODELS = {
    "DecisionTreeClassifier": (ModelPersist.DecisionTreeClassifier, tree.DecisionTreeClassifier, "classifier", [
        {"random_state": 0},
        {"max_depth": 3, "criterion": "entropy", "random_state": 1},
        {"max_features": "sqrt", "min_samples_leaf": 3, "random_state": 2},
        {"max_leaf_nodes": 8, "class_weight": "balanced", "random_state": 0},
        {"splitter": "random", "min_samples_split": 0.05, "random_state": 4},
        {"ccp_alpha": 0.01, "min_impurity_decrease": 0.001, "max_features": 0.5, "random_state": 5},
        {"class_weight": {0: 2.0, 1: 0.5}, "min_weight_fraction_leaf": 0.05, "criterion": "log_loss",
         "random_state": 6},
    ]),
    "DecisionTreeRegressor": (ModelPersist.DecisionTreeRegressor, tree.DecisionTreeRegressor, "regressor", [
        {"random_state": 0},
        {"max_depth": 4, "criterion": "friedman_mse", "random_state": 1},
        {"max_features": 3, "min_samples_leaf": 0.02, "random_state": 2},
        {"max_leaf_nodes": 20, "random_state": 3},
        {"splitter": "random", "ccp_alpha": 20.0, "random_state": 4},
    ]),
    "RandomForestClassifier": (ModelPersist.RandomForestClassifier, ensemble.RandomForestClassifier,
                               "classifier", [
        {"n_estimators": 8, "random_state": 0},
        {"n_estimators": 6, "max_samples": 0.5, "class_weight": "balanced_subsample", "oob_score": True,
         "max_depth": 6, "random_state": 1},
        {"n_estimators": 5, "bootstrap": False, "max_features": None, "criterion": "entropy",
         "class_weight": "balanced", "random_state": 2},
    ]),
    "RandomForestRegressor": (ModelPersist.RandomForestRegressor, ensemble.RandomForestRegressor,
                              "regressor", [
        {"n_estimators": 8, "random_state": 0},
        {"n_estimators": 6, "max_samples": 100, "oob_score": True, "max_features": "sqrt",
         "max_leaf_nodes": 30, "random_state": 1},
    ]),
    "ExtraTreesClassifier": (ModelPersist.ExtraTreesClassifier, ensemble.ExtraTreesClassifier, "classifier", [
        {"n_estimators": 8, "random_state": 0},
        {"n_estimators": 6, "bootstrap": True, "oob_score": True, "min_samples_leaf": 2, "random_state": 1},
    ]),
    "ExtraTreesRegressor": (ModelPersist.ExtraTreesRegressor, ensemble.ExtraTreesRegressor, "regressor", [
        {"n_estimators": 8, "random_state": 0},
        {"n_estimators": 6, "bootstrap": True, "max_samples": 0.8, "oob_score": True, "random_state": 1},
    ]),
}
CASES = [(model, i, data) for model in MODELS for i in range(len(MODELS[model][3]))
         for data in problems(MODELS[model][2])]


def case_id(case):
    model, i, data = case
    return "%s-%d-%s" % (model, i, data)


def fit_pair(model, i, data):
    ours_cls, theirs_cls, kind, settings = MODELS[model]
    params = settings[i]
    X, y = load(data)
    with warnings.catch_warnings():
        # too few trees leave some samples without an out-of-bag estimate
        warnings.simplefilter("ignore", UserWarning)
        theirs = theirs_cls(**params).fit(X, y)
    ours = ours_cls(**params).fit(X, y)
    return ours, theirs, X, y


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_same_trees_and_predictions(case):
    ours, theirs, X, y = fit_pair(*case)
    assert_same_trees(ours, theirs)
    assert np.array_equal(ours.predict(X), theirs.predict(X))
    if hasattr(theirs, "predict_proba"):
        assert np.array_equal(ours.predict_proba(X), theirs.predict_proba(X))
        assert np.array_equal(ours.classes_, theirs.classes_)
    # the same predictions; R² may differ in its last bit (the sum's order)
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), rel=1e-14)
    if hasattr(theirs, "max_features_"):
        assert ours.max_features_ == theirs.max_features_
    if hasattr(theirs, "estimators_"):
        assert np.array_equal(ours.tree_seeds_, [t.random_state for t in theirs.estimators_])
        assert np.array_equal(ours.tree_node_counts_, [t.tree_.node_count for t in theirs.estimators_])
    if getattr(theirs, "oob_score", False):
        assert ours.oob_score_ == theirs.oob_score_
        name = "oob_decision_function_" if hasattr(theirs, "classes_") else "oob_prediction_"
        assert np.array_equal(getattr(ours, name), getattr(theirs, name))


@pytest.mark.parametrize("model", MODELS)
def test_bridge_both_ways(model):
    """A model trained by scikit-learn converts to ModelPersist and back,
    every tree's state carried exactly."""
    ours_cls, theirs_cls, kind, settings = MODELS[model]
    data = problems(kind)[-1]
    X, y = load(data)
    params = settings[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        theirs = theirs_cls(**params).fit(X, y)
    ours = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(ours) is ours_cls
    assert_same_trees(ours, theirs)
    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is theirs_cls
    assert back.get_params() == theirs.get_params()
    assert np.array_equal(back.predict(X), theirs.predict(X))
    assert np.array_equal(ours.predict(X), theirs.predict(X))
    if hasattr(theirs, "predict_proba"):
        assert np.array_equal(back.predict_proba(X), theirs.predict_proba(X))
        assert np.array_equal(ours.predict_proba(X), theirs.predict_proba(X))
    assert np.array_equal(back.feature_importances_, theirs.feature_importances_)
    assert np.array_equal(back.apply(X), theirs.apply(X))
    if hasattr(theirs, "estimators_"):
        for a, b in zip(back.estimators_, theirs.estimators_):
            assert a.get_depth() == b.get_depth() and a.random_state == b.random_state
    else:
        assert back.get_depth() == theirs.get_depth()
    if getattr(theirs, "oob_score", False):
        assert back.oob_score_ == theirs.oob_score_


@pytest.mark.parametrize("model", MODELS)
def test_save_load_and_clone(model, tmp_path):
    ours, theirs, X, y = fit_pair(model, len(MODELS[model][3]) - 1, problems(MODELS[model][2])[0])
    expected = ours.predict(X)
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), copy.deepcopy(ours)):
        assert type(loaded) is type(ours)
        assert loaded.get_params() == ours.get_params()
        assert np.array_equal(loaded.predict(X), expected)
        for name in NODE_ARRAYS:
            assert np.array_equal(getattr(loaded, name), getattr(ours, name)), name
    path = tmp_path / "tree.json"
    ModelPersist.dump(ours, str(path))
    assert np.array_equal(ModelPersist.load(str(path)).predict(X), expected)
    clone = sklearn.base.clone(ours)
    assert clone.get_params() == ours.get_params()
    assert np.array_equal(clone.fit(X, y).predict(X), expected)


def test_string_form_is_sklearn_repr():
    for model, (ours_cls, theirs_cls, kind, settings) in MODELS.items():
        for params in settings:
            ours = ours_cls(**params)
            theirs = theirs_cls(**params)
            assert eval(repr(ours), {model: theirs_cls, "np": np}).get_params() == theirs.get_params()


def test_forest_threads_change_nothing():
    X, y = load("digits")
    one = ModelPersist.RandomForestClassifier(n_estimators=12, n_jobs=1, random_state=3).fit(X, y)
    all_cores = ModelPersist.RandomForestClassifier(n_estimators=12, n_jobs=-1, random_state=3).fit(X, y)
    for name in NODE_ARRAYS:
        assert np.array_equal(getattr(one, name), getattr(all_cores, name))
    assert np.array_equal(one.predict_proba(X), all_cores.predict_proba(X))


@pytest.mark.parametrize("model", ["RandomForestClassifier", "ExtraTreesRegressor"])
def test_warm_start_grows_as_sklearn(model):
    ours_cls, theirs_cls, kind, _ = MODELS[model]
    X, y = load(problems(kind)[0])
    params = {"n_estimators": 4, "warm_start": True, "random_state": 7, "bootstrap": True, "oob_score": True}
    ours, theirs = ours_cls(**params).fit(X, y), theirs_cls(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        theirs.fit(X, y)
        ours.set_params(n_estimators=9)
        theirs.set_params(n_estimators=9)
        ours.fit(X, y)
        theirs.fit(X, y)
    assert_same_trees(ours, theirs)
    assert ours.oob_score_ == theirs.oob_score_
    ours.set_params(n_estimators=3)
    with pytest.raises(GLib.Error) as info:
        ours.fit(X, y)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == ("n_estimators: 3 is fewer than the 9 trees fitted; with warm_start a "
                                  "forest only grows")


def test_hyperparameters_refused():
    X, y = load("iris")
    cases = [
        (ModelPersist.DecisionTreeClassifier(criterion="squared_error"),
         "criterion: must be one of 'gini', 'entropy', 'log_loss', got 'squared_error'"),
        (ModelPersist.DecisionTreeRegressor(criterion="poisson"),
         "criterion: 'poisson' is not implemented; use 'squared_error' or 'friedman_mse'"),
        (ModelPersist.DecisionTreeClassifier(min_samples_split=1),
         "min_samples_split: must be an integer >= 2 or a fraction in (0, 1], got '1'"),
        (ModelPersist.DecisionTreeClassifier(min_samples_leaf=1.0),
         "min_samples_leaf: must be an integer >= 1 or a fraction in (0, 1), got '1.0'"),
        (ModelPersist.DecisionTreeClassifier(max_features=5),
         "max_features: 5 is more than the 4 features of X"),
        (ModelPersist.ExtraTreesClassifier(oob_score=True),
         "oob_score: is set, which needs bootstrap=True"),
        (ModelPersist.RandomForestRegressor(bootstrap=False, max_samples=0.5),
         "max_samples: is set, which needs bootstrap=True"),
        (ModelPersist.RandomForestClassifier(max_samples=151),
         "max_samples: 151 is more than the 150 training samples"),
        (ModelPersist.RandomForestClassifier(n_jobs=0),
         "n_jobs: 0 threads; use None, -1 (all processors) or a count"),
        (ModelPersist.RandomForestClassifier(class_weight="balanced_sample"),
         "class_weight: expected None, 'balanced', 'balanced_subsample' or a dictionary such as "
         "'{0: 1.0, 1: 2.5}', got 'balanced_sample'"),
    ]
    for model, message in cases:
        with pytest.raises(GLib.Error) as info:
            model.fit(X, y)
        assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT, message
        assert info.value.message == message


# ---------------------------------------------------------------------------
# Node arrays that do not make a tree


def fitted_tree():
    X, y = load("iris")
    return ModelPersist.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y), X


def chain(depth):
    """A regression tree that is one path `depth` splits deep, each split
    with a leaf on its right: 2 depth + 1 nodes."""
    n = 2 * depth + 1
    left = np.full(n, -1, dtype=np.int32)
    right = np.full(n, -1, dtype=np.int32)
    internal = np.arange(0, 2 * depth, 2)
    left[internal] = internal + 2
    right[internal] = internal + 1
    feature = np.full(n, -2, dtype=np.int32)
    feature[internal] = 0
    threshold = np.full(n, -2.0)
    threshold[internal] = 0.5
    samples = np.ones(n, dtype=np.int64)
    samples[internal] = np.arange(depth + 1, 1, -1)
    return {"children_left_": left, "children_right_": right, "feature_": feature,
            "threshold_": threshold, "impurity_": np.zeros(n), "n_node_samples_": samples,
            "weighted_n_node_samples_": samples.astype(float), "value_": np.zeros(n)}


def broken_states():
    """(what to change, the exact message)"""
    ours, _ = fitted_tree()
    n = len(ours.children_left_)
    left = ours.children_left_.copy()
    right = ours.children_right_.copy()
    feature = ours.feature_.copy()
    value = ours.value_.copy()
    internal = np.flatnonzero(left >= 0)
    leaves = np.flatnonzero(left < 0)

    cycle = left.copy()
    cycle[internal[-1]] = internal[0]
    past_end = right.copy()
    past_end[0] = n + 5
    shared = right.copy()
    shared[0] = left[0]
    one_child = right.copy()
    one_child[internal[-1]] = -1
    far_feature = feature.copy()
    far_feature[0] = 4
    leaf_feature = feature.copy()
    leaf_feature[leaves[0]] = 1
    empty_leaf = value.copy()
    empty_leaf[leaves[0]] = 0
    samples = ours.n_node_samples_.copy()
    samples[0] += 1
    return [
        ({"children_left_": cycle},
         "children_left_: node %d names child %d; a child comes after its parent, below %d"
         % (internal[-1], internal[0], n)),
        ({"children_right_": past_end},
         "children_right_: node 0 names child %d; a child comes after its parent, below %d" % (n + 5, n)),
        ({"children_right_": shared}, "children_right_: node %d has two parents" % left[0]),
        ({"children_right_": one_child},
         "children_right_: node %d has one child; a node has two or none" % internal[-1]),
        ({"feature_": far_feature}, "feature_: node 0 tests feature 4; the model has 4 features"),
        ({"feature_": leaf_feature}, "feature_: leaf %d holds 1; a leaf holds -2" % leaves[0]),
        ({"value_": empty_leaf}, "value_: leaf %d has no samples to predict from" % leaves[0]),
        ({"n_node_samples_": samples},
         "n_node_samples_: node 0 has %d samples, its children %d and %d"
         % (samples[0], samples[left[0]], samples[right[0]])),
    ]


@pytest.mark.parametrize("index", range(8))
def test_broken_tree_refused_in_memory_and_in_a_file(index, tmp_path):
    changes, message = broken_states()[index]
    ours, X = fitted_tree()
    for name, value in changes.items():
        setattr(ours, name, value)
    with pytest.raises(GLib.Error) as info:
        ours.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == message
    # written as it is (the writer checks nothing), refused by the loader
    path = tmp_path / "broken.json"
    ModelPersist.dump(ours, str(path))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.load(str(path))
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message.endswith(message)


def test_deep_trees_refused():
    X, y = load("diabetes")
    ours = ModelPersist.DecisionTreeRegressor(max_depth=2).fit(X, y)
    # the deepest tree allowed predicts; one level more is refused, in a
    # file as in memory, and so is a tree a million levels deep
    for name, value in chain(100000).items():
        setattr(ours, name, value)
    assert ours.predict(X[:2]).shape == (2,)
    for depth in (100001, 1000000):
        for name, value in chain(depth).items():
            setattr(ours, name, value)
        with pytest.raises(GLib.Error) as info:
            ours.predict(X[:2])
        assert info.value.code == ModelPersist.Error.INVALID_STATE
        assert info.value.message == "children_left_: the tree is more than 100000 levels deep"
    blob = ModelPersist.dumps(ours)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(blob)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message.endswith("children_left_: the tree is more than 100000 levels deep")


def test_forest_trees_checked_one_by_one():
    X, y = load("iris")
    ours = ModelPersist.RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y)
    counts = ours.tree_node_counts_
    left = ours.children_left_.copy()
    # the third tree's root names a node of the second tree
    left[counts[0] + counts[1]] = 0
    ours.children_left_ = left
    with pytest.raises(GLib.Error) as info:
        ours.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == ("estimators_[2].children_left_: node 0 names child 0; a child comes "
                                  "after its parent, below %d" % counts[2])
    ours = ModelPersist.RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y)
    # counts that move the trees' boundaries make the second tree start
    # inside the first
    ours.tree_node_counts_ = counts + np.array([1, -1, 0])
    with pytest.raises(GLib.Error) as info:
        ours.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "estimators_[0].children_left_: node %d is no node's child" % counts[0]
    # counts that do not add up to the nodes
    ours.tree_node_counts_ = counts + np.array([1, 0, 0])
    with pytest.raises(GLib.Error) as info:
        ours.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == ("children_left_: dimension 0 is %d, but n_nodes is %d (from tree_node_counts_)"
                                  % (counts.sum(), counts.sum() + 1))
    # one count fewer than the seeds
    ours.tree_node_counts_ = np.array([counts[0], counts[1] + counts[2]])
    with pytest.raises(GLib.Error) as info:
        ours.predict(X)
    assert info.value.code == ModelPersist.Error.INVALID_STATE
    assert info.value.message == "tree_seeds_: dimension 0 is 3, but n_trees is 2 (from tree_node_counts_)"
