# test_import_trees.py: the pickle importer (ModelPersist.import_pickle_bytes)
# on scikit-learn's decision trees, forests, extra trees, gradient boosting
# and histogram gradient boosting: every fixture of sklearn_fixtures.py of
# these classes, pickled with protocols 2 to 5 and by joblib.dump (plain,
# zlib, once lz4) at test time, imports to the estimator from_sklearn()
# makes (every fitted array of the same dtype and values) and predicts
# exactly as scikit-learn does; and the pickles the bridge refuses, or
# that do not hold what a tree needs, are refused with the error naming
# the attribute.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import copy
import functools
import io
import pickle
import warnings

import joblib
import numpy as np
import pytest
import sklearn.base
import sklearn.dummy
import sklearn.ensemble
import sklearn.tree
from gi.repository import GLib, ModelPersist
from gi.repository.ModelPersist import sklearn as bridge
from sklearn.tree._tree import Tree

import sklearn_fixtures

CLASSES = ('DecisionTreeClassifier', 'DecisionTreeRegressor', 'RandomForestClassifier',
           'RandomForestRegressor', 'ExtraTreesClassifier', 'ExtraTreesRegressor',
           'GradientBoostingClassifier', 'GradientBoostingRegressor',
           'HistGradientBoostingClassifier', 'HistGradientBoostingRegressor')
FORMATS = ('p2', 'p3', 'p4', 'p5', 'joblib', 'joblib-zlib')


@functools.lru_cache(maxsize=None)
def _fixtures():
    out = {}
    for fixture in sklearn_fixtures.fixtures():
        if fixture.name.startswith(('tree-', 'random-forest-', 'extra-trees-', 'gradient-boosting-',
                                    'hgb-')):
            out[fixture.name] = fixture
    return out


@functools.lru_cache(maxsize=None)
def fitted(name):
    """The fixture, its fitted estimator, and from_sklearn() of it."""
    fixture = _fixtures()[name]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', UserWarning)   # few trees: some samples lack OOB scores
        est = fixture.make()
    return fixture, est, bridge.from_sklearn(est)


def dumps(est, how):
    if how.startswith('p'):
        return pickle.dumps(est, protocol=int(how[1:]))
    buffer = io.BytesIO()
    compress = (how.split('-')[1], 3) if '-' in how else 0
    joblib.dump(est, buffer, compress=compress)
    return buffer.getvalue()


def import_bytes(data):
    return ModelPersist.import_pickle_bytes(GLib.Bytes.new(data))


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


def fitted_values(model):
    out = {}
    for pspec in model.list_properties(ModelPersist.PropertyRole.FITTED):
        value = model.get_property(pspec.name)
        if isinstance(value, ModelPersist.Array):
            value = ModelPersist.to_numpy(value)
        out[pspec.name] = value
    return out


def assert_same_estimator(ours, reference):
    assert type(ours) is type(reference)
    assert ours.get_params(deep=False) == reference.get_params(deep=False)
    mine, theirs = fitted_values(ours), fitted_values(reference)
    assert mine.keys() == theirs.keys()
    for name, expected in theirs.items():
        got = mine[name]
        if isinstance(expected, np.ndarray):
            assert isinstance(got, np.ndarray), name
            assert got.dtype == expected.dtype, name
            assert got.shape == expected.shape, name
            assert np.array_equal(got, expected, equal_nan=expected.dtype.kind == 'f'), name
        else:
            assert got == expected, name


def assert_same_predictions(model, fixture, est, reference):
    theirs = getattr(est, fixture.method)(fixture.X)
    ours = np.asarray(getattr(model, fixture.method)(fixture.X))
    assert ours.shape == theirs.shape
    assert np.array_equal(ours, theirs)
    if theirs.dtype.kind == 'f':
        np.testing.assert_array_equal(ours, theirs)
    via_bridge = np.asarray(getattr(reference, fixture.method)(fixture.X))
    assert np.array_equal(ours, via_bridge)


def test_fixtures_cover_every_class():
    covered = {type(fitted(name)[1]).__name__ for name in _fixtures()}
    assert covered == set(CLASSES)


@pytest.mark.parametrize('how', FORMATS)
@pytest.mark.parametrize('name', sorted(_fixtures()))
def test_import_matches_sklearn_and_bridge(name, how):
    fixture, est, reference = fitted(name)
    model = import_bytes(dumps(est, how))
    assert_same_estimator(model, reference)
    assert_same_predictions(model, fixture, est, reference)


@pytest.mark.parametrize('name', ['gradient-boosting-multiclass', 'hgb-regressor-categorical'])
def test_import_joblib_lz4(name):
    fixture, est, reference = fitted(name)
    model = import_bytes(dumps(est, 'joblib-lz4'))
    assert_same_estimator(model, reference)
    assert_same_predictions(model, fixture, est, reference)


@pytest.mark.parametrize('name', ['tree-classifier-max-leaf-nodes', 'random-forest-classifier-oob-strings',
                                  'extra-trees-regressor', 'gradient-boosting-multiclass-subsample-zero',
                                  'gradient-boosting-huber', 'hgb-regressor-categorical'])
def test_unfitted_imports_unfitted(name):
    est = sklearn.base.clone(fitted(name)[1])
    model = import_bytes(pickle.dumps(est))
    reference = bridge.from_sklearn(est)
    assert type(model) is type(reference)
    assert not model.is_fitted()
    assert model.get_params(deep=False) == reference.get_params(deep=False)


# ---------------------------------------------------------------------------
# Node records read by field name: another layout (scikit-learn 1.3 added
# a field) or byte order imports to the same tree.

def _pickle_with_tree_state(est, edit):
    """est pickled with each Tree's state passed through edit(state)."""
    class Pickler(pickle.Pickler):
        def reducer_override(self, obj):
            if type(obj) is Tree:
                cls, args, state = obj.__reduce__()
                return cls, args, edit(dict(state))
            return NotImplemented

    buffer = io.BytesIO()
    Pickler(buffer, protocol=4).dump(est)
    return buffer.getvalue()


def _relayout(nodes, dtype):
    out = np.zeros(len(nodes), dtype=dtype)
    for name in nodes.dtype.names:
        out[name] = nodes[name]
    return out


def test_tree_nodes_in_another_layout():
    fixture, est, reference = fitted('random-forest-classifier')
    names = list(est.estimators_[0].tree_.__getstate__()['nodes'].dtype.names)
    # reversed, with a 1.3-like extra u1 field, packed at odd offsets, big-endian
    fields = [('missing_go_to_left', 'u1')] + [(n, '>f8' if n in ('threshold', 'impurity',
                                                                    'weighted_n_node_samples')
                                                else '>i8') for n in reversed(names)]
    dtype = np.dtype(fields)
    assert not dtype.isalignedstruct and dtype.fields['left_child'][1] % 8 != 0
    data = _pickle_with_tree_state(est, lambda state: dict(state, nodes=_relayout(state['nodes'],
                                                                                  dtype)))
    model = import_bytes(data)
    assert_same_estimator(model, reference)
    assert_same_predictions(model, fixture, est, reference)


# ---------------------------------------------------------------------------
# Hostile and unsupported pickles: the exact error

def assert_refused(data, code, message):
    with pytest.raises(GLib.Error) as info:
        import_bytes(data)
    assert error_code(info) == code, info.value.message
    assert info.value.message == message


def edited(name, **changes):
    est = copy.deepcopy(fitted(name)[1])
    est.__dict__.update(changes)
    return est


def test_tree_not_a_tree():
    assert_refused(pickle.dumps(edited('tree-classifier-iris', tree_=3)),
                   ModelPersist.Error.INVALID_VALUE,
                   'pickle: tree_: expected a sklearn.tree._tree.Tree, got 3')


def test_tree_missing():
    est = edited('tree-regressor-diabetes')
    del est.tree_
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_STATE,
                   'pickle: the fitted estimator has no tree_')


def test_tree_nodes_missing_a_field():
    est = fitted('tree-classifier-iris')[1]

    def drop_threshold(state):
        nodes = state['nodes']
        kept = [n for n in nodes.dtype.names if n != 'threshold']
        state['nodes'] = _relayout_fields(nodes, kept)
        return state

    assert_refused(_pickle_with_tree_state(est, drop_threshold), ModelPersist.Error.INVALID_VALUE,
                   "pickle: tree_: the records have no field 'threshold'")


def _relayout_fields(nodes, names):
    out = np.zeros(len(nodes), dtype=[(n, nodes.dtype.fields[n][0]) for n in names])
    for name in names:
        out[name] = nodes[name]
    return out


def test_tree_nodes_not_records():
    est = fitted('tree-regressor-diabetes')[1]
    assert_refused(_pickle_with_tree_state(est, lambda s: dict(s, nodes=np.zeros((3, 7)))),
                   ModelPersist.Error.INVALID_VALUE,
                   'pickle: tree_: expected a numpy array of records, got numpy.ndarray of dtype <f8')


def test_tree_node_field_of_text():
    est = fitted('tree-regressor-diabetes')[1]

    def text_feature(state):
        nodes = state['nodes']
        dtype = np.dtype([(n, 'U2' if n == 'feature' else nodes.dtype.fields[n][0])
                          for n in nodes.dtype.names])
        out = np.zeros(len(nodes), dtype=dtype)
        for n in nodes.dtype.names:
            out[n] = nodes[n] if n != 'feature' else 'x'
        return dict(state, nodes=out)

    assert_refused(_pickle_with_tree_state(est, text_feature), ModelPersist.Error.INVALID_VALUE,
                   "pickle: tree_.feature: a field of numpy kind 'U' and 8 bytes at offset 16 of "
                   "56-byte records, not a number inside the record")


def test_tree_child_beyond_int32():
    est = fitted('tree-regressor-diabetes')[1]

    def far_child(state):
        nodes = state['nodes'].copy()
        nodes['left_child'][0] = 2 ** 40
        return dict(state, nodes=nodes)

    assert_refused(_pickle_with_tree_state(est, far_child), ModelPersist.Error.INVALID_VALUE,
                   'pickle: tree_.left_child: element 0 (1099511627776) does not fit in int32')


def test_tree_values_of_wrong_shape():
    est = fitted('tree-classifier-iris')[1]
    n = est.tree_.node_count
    assert_refused(_pickle_with_tree_state(est, lambda s: dict(s, values=s['values'][:-1])),
                   ModelPersist.Error.INVALID_STATE,
                   'pickle: tree_.values: expected (%d, 1, n_classes) values for %d nodes of one '
                   'output' % (n, n))


def test_tree_child_out_of_range_is_caught_by_validation():
    est = fitted('tree-regressor-diabetes')[1]

    def bad_child(state):
        nodes = state['nodes'].copy()
        nodes['left_child'][0] = len(nodes) + 5
        return dict(state, nodes=nodes)

    with pytest.raises(GLib.Error) as info:
        import_bytes(_pickle_with_tree_state(est, bad_child))
    assert error_code(info) == ModelPersist.Error.INVALID_STATE
    assert info.value.message.startswith('pickle: ') and 'children_left_' in info.value.message


def test_multi_output_trees_refused():
    from sklearn_fixtures import _load
    X, y = _load('diabetes')
    Y = np.column_stack([y, -y])
    tree = sklearn.tree.DecisionTreeRegressor(max_depth=2, random_state=0).fit(X, Y)
    assert_refused(pickle.dumps(tree), ModelPersist.Error.NOT_SUPPORTED,
                   'pickle: tree_: a tree of 2 outputs; ModelPersist trees predict one')
    Yc = np.column_stack([y > 140, y > 200]).astype(int)
    tree = sklearn.tree.DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, Yc)
    assert_refused(pickle.dumps(tree), ModelPersist.Error.NOT_SUPPORTED,
                   'pickle: classes_: a tree of 2 outputs; ModelPersist trees predict one')
    forest = sklearn.ensemble.RandomForestRegressor(n_estimators=2, max_depth=2,
                                                    random_state=0).fit(X, Y)
    assert_refused(pickle.dumps(forest), ModelPersist.Error.NOT_SUPPORTED,
                   'pickle: n_outputs_: a forest of 2 outputs; ModelPersist forests predict one')
    for est in (tree, forest):
        with pytest.raises(GLib.Error) as info:
            bridge.from_sklearn(est)
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT


def test_forest_tree_seed_not_an_integer():
    est = edited('random-forest-regressor')
    est.estimators_ = [copy.copy(t) for t in est.estimators_]
    est.estimators_[1].random_state = np.random.RandomState(0)
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   "pickle: estimators_[1].random_state: numpy.random.mtrand.RandomState; a "
                   "forest's trees have integer seeds")


def test_forest_estimators_not_a_list():
    assert_refused(pickle.dumps(edited('extra-trees-regressor', estimators_=None)),
                   ModelPersist.Error.INVALID_VALUE,
                   'pickle: estimators_: expected a list of fitted trees, got None')
    est = edited('extra-trees-classifier')
    est.estimators_ = list(est.estimators_) + ['tree']
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   "pickle: estimators_[7]: expected a fitted tree, got 'tree'")


def test_forest_tree_unfitted():
    est = edited('random-forest-classifier')
    est.estimators_ = list(est.estimators_[:2]) + [sklearn.tree.DecisionTreeClassifier()]
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_STATE,
                   'pickle: estimators_[2]: the tree is not fitted')


def test_boosting_stages_of_wrong_shape():
    est = edited('gradient-boosting-squared-error')
    est.estimators_ = est.estimators_[:4]
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_STATE,
                   'pickle: estimators_: shape (4, 1) for 10 stages')
    est.estimators_ = est.estimators_.ravel()
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_STATE,
                   'pickle: estimators_: shape (4,) for 10 stages')
    est.estimators_ = list(est.estimators_)
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   'pickle: estimators_: expected an object array of trees, got list')


def test_boosting_init_estimators_refused():
    # hyperparameter: an estimator as init
    est = edited('gradient-boosting-binary', init=sklearn.dummy.DummyClassifier())
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   "pickle: init: sklearn.dummy.DummyClassifier; ModelPersist's gradient boosting "
                   "starts from None (the prior or mean) or 'zero' only")
    # fitted: a DummyClassifier that is not the prior
    from sklearn_fixtures import _load
    X, y = _load('breast_cancer')
    dummy = sklearn.dummy.DummyClassifier(strategy='most_frequent').fit(X, y)
    est = edited('gradient-boosting-binary', init_=dummy)
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.NOT_SUPPORTED,
                   "pickle: init_: sklearn.dummy.DummyClassifier; ModelPersist's gradient "
                   "boosting starts from the prior, the mean or 'zero' only")
    # a regressor whose DummyRegressor does not start where its loss does
    X, y = _load('diabetes')
    dummy = sklearn.dummy.DummyRegressor(strategy='median').fit(X, y)
    est = edited('gradient-boosting-squared-error', init_=dummy)
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.NOT_SUPPORTED,
                   "pickle: init_: sklearn.dummy.DummyRegressor; ModelPersist's gradient "
                   "boosting starts from the prior, the mean or 'zero' only")


def test_boosting_stage_not_a_tree():
    est = edited('gradient-boosting-huber')
    est.estimators_ = est.estimators_.copy()
    est.estimators_[3, 0] = 1.5
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   'pickle: estimators_[3, 0]: expected a fitted regression tree, got 1.5')


def test_hgb_bin_mapper_of_other_size():
    est = edited('hgb-regressor')
    est._bin_mapper = copy.copy(est._bin_mapper)
    est._bin_mapper.n_bins = 100
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.NOT_SUPPORTED,
                   'pickle: _bin_mapper: 100 bins for max_bins=255; expected max_bins + 1')


def test_hgb_bitsets_of_wrong_shape():
    est = edited('hgb-regressor-categorical')
    est._predictors = [list(iteration) for iteration in est._predictors]
    predictor = copy.copy(est._predictors[0][0])
    predictor.raw_left_cat_bitsets = np.zeros((2, 4), dtype=np.uint32)
    est._predictors[0][0] = predictor
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   'pickle._predictors[0][0]: raw_left_cat_bitsets: expected (n_bitsets, 8) '
                   'words, got shape (2, 4)')


def test_hgb_predictor_nodes_missing_a_field():
    est = edited('hgb-classifier-binary')
    est._predictors = [list(iteration) for iteration in est._predictors]
    predictor = copy.copy(est._predictors[1][0])
    names = [n for n in predictor.nodes.dtype.names if n != 'is_leaf']
    predictor.nodes = _relayout_fields(predictor.nodes, names)
    est._predictors[1][0] = predictor
    assert_refused(pickle.dumps(est), ModelPersist.Error.INVALID_VALUE,
                   "pickle._predictors[1][0]: nodes: the records have no field 'is_leaf'")


def test_hgb_predictors_not_a_list():
    assert_refused(pickle.dumps(edited('hgb-regressor', _predictors=[])),
                   ModelPersist.Error.INVALID_VALUE,
                   'pickle: _predictors: expected a list of iterations, got list')
    assert_refused(pickle.dumps(edited('hgb-regressor', _predictors=[[None]])),
                   ModelPersist.Error.INVALID_VALUE,
                   'pickle: _predictors[0][0]: expected a TreePredictor, got None')


def test_hgb_categorical_feature_names_refused():
    est = edited('hgb-regressor', categorical_features=['age'])
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.NOT_SUPPORTED,
                   "pickle: categorical_features: list: ModelPersist takes feature indices or a "
                   "boolean mask, not feature names")


def test_hgb_random_state_instance_refused():
    est = edited('hgb-classifier-nan', random_state=np.random.RandomState(0))
    with pytest.raises(GLib.Error):
        bridge.from_sklearn(est)
    assert_refused(pickle.dumps(est), ModelPersist.Error.NOT_SUPPORTED,
                   'pickle: random_state: numpy.random.mtrand.RandomState: ModelPersist takes '
                   'None or an integer seed')


def test_hgb_hyperparameters_as_the_bridge_adapts_them():
    est = edited('hgb-regressor', early_stopping=False, validation_fraction=None, max_depth=None,
                 max_leaf_nodes=None, categorical_features=np.array([False, True] + [False] * 8))
    model = import_bytes(pickle.dumps(est))
    reference = bridge.from_sklearn(est)
    assert model.get_params(deep=False) == reference.get_params(deep=False)
    assert model.get_property('categorical-features') == \
        '[False, True, False, False, False, False, False, False, False, False]'
    assert model.get_property('max-leaf-nodes') == -1


def test_hgb_class_weight_as_text():
    est = edited('hgb-classifier-binary', class_weight={0: 1.0, 1: 2.5}, early_stopping=True)
    model = import_bytes(pickle.dumps(est))
    reference = bridge.from_sklearn(est)
    assert model.get_params(deep=False) == reference.get_params(deep=False)
    assert model.get_property('class-weight') == '{0: 1.0, 1: 2.5}'
    assert model.get_property('early-stopping') == 'true'
