# _ModelPersist_sklearn.py: the scikit-learn bridge, ModelPersist.sklearn.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Reached as ModelPersist.sklearn (or `from gi.repository.ModelPersist
# import sklearn`); the ModelPersist override imports this module and
# publishes it under that name. It lives beside the override in
# gi/overrides so that it installs, and works uninstalled, together with it.
#
#   from_sklearn(est)  a scikit-learn estimator -> the ModelPersist one
#   to_sklearn(model)  a ModelPersist estimator -> the scikit-learn one
#
# Both keep every hyperparameter and, for a fitted estimator, the whole
# fitted state, so the two predict identically. Importing this module does
# not import scikit-learn: to_sklearn() imports the classes it builds, and
# from_sklearn() only ever sees objects whose modules are already loaded.
#
# Which classes correspond is the table CONVERSIONS at the end of this
# file: one Conversion per pair. from_sklearn() pickles the estimator and
# hands the bytes to the C importer (ModelPersist.import_pickle(), which
# runs nothing): how scikit-learn's attributes become ours is written once,
# in libmodelpersist/import/mp-import-*.c, for live objects and pickle
# files alike. The way back is here: each entry's state_to_sklearn says
# which attributes scikit-learn keeps where. Adding an estimator means an
# entry there and one here.

import importlib
import inspect
import sys

import numpy as np

from gi.repository import GLib

__all__ = ['from_sklearn', 'to_sklearn', 'conversions', 'Conversion', 'CONVERSIONS']


def _mp():
    # The proxy module PyGObject builds for ModelPersist (with the
    # overrides). Looked up at call time: this module is imported while
    # that proxy is still being filled in.
    from gi.repository import ModelPersist
    return ModelPersist


def _error(message, code=None):
    ModelPersist = _mp()
    if code is None:
        code = ModelPersist.Error.INVALID_ARGUMENT
    # of its kind (a ValueError, ...), as the override's own errors are
    from . import ModelPersist as override
    return override._error(code, message)


class Conversion:
    """One entry of the conversion table: a scikit-learn class and the
    ModelPersist class that does the same.

    @sklearn: the public dotted path of the scikit-learn class
    ('sklearn.svm.SVC'). @modelpersist: the class's name in the ModelPersist
    namespace ('SVC'). From scikit-learn to ModelPersist, every class goes
    through the C importer (from_sklearn() pickles the estimator and
    imports it), whose tables say how attributes map. The other way:
    @state_to_sklearn(model, est): the attributes a fitted scikit-learn
    estimator holds (the dict its pickle would restore), from the
    ModelPersist estimator @model. @adapt_params_to_sklearn(params):
    optional; given our get_params(deep=False), returns them rewritten
    into what the scikit-learn class takes (a composite converts its
    members, a (min, max) pair becomes one tuple).
    """

    def __init__(self, sklearn, modelpersist, state_to_sklearn, adapt_params_to_sklearn=None):
        self.sklearn = sklearn
        self.modelpersist = modelpersist
        self.state_to_sklearn = state_to_sklearn
        self.adapt_params_to_sklearn = adapt_params_to_sklearn

    def sklearn_class(self, import_it):
        """The scikit-learn class, or None when its module is not loaded
        and @import_it is False."""
        module_name, _, class_name = self.sklearn.rpartition('.')
        module = sys.modules.get(module_name)
        if module is None:
            if not import_it:
                return None
            module = importlib.import_module(module_name)
        return getattr(module, class_name, None)

    def modelpersist_class(self):
        """The ModelPersist class, or None if this build lacks it."""
        return getattr(_mp(), self.modelpersist, None)

    def __repr__(self):
        return 'Conversion(%r, %r)' % (self.sklearn, self.modelpersist)


def conversions():
    """The available conversions as (scikit-learn class path, ModelPersist
    class name) pairs."""
    return [(c.sklearn, c.modelpersist) for c in CONVERSIONS if c.modelpersist_class() is not None]


def _qualified_name(obj):
    cls = type(obj)
    return '%s.%s' % (cls.__module__, cls.__qualname__)


def _supported_names():
    return ', '.join('%s <-> ModelPersist.%s' % pair for pair in conversions())


# ---------------------------------------------------------------------------
# Hyperparameters

def _init_defaults(cls):
    defaults = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name != 'self' and parameter.kind is not parameter.VAR_KEYWORD:
            defaults[name] = parameter.default
    return defaults


def _same_value(a, b):
    if a is b:
        return True
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):
        return False


def _params_to_sklearn(conversion, model, sk_class):
    theirs = _init_defaults(sk_class)
    ours = model.get_params(deep=False)
    if conversion.adapt_params_to_sklearn is not None:
        ours = conversion.adapt_params_to_sklearn(dict(ours))
    defaults = type(model)().get_params(deep=False)
    params = {}
    for name, value in ours.items():
        if name in theirs:
            params[name] = value
        elif not _same_value(value, defaults.get(name)):
            raise _error('%s: %s has no such parameter, and %s=%r changes the model'
                         % (name, conversion.sklearn, name, value))
    return params


# ---------------------------------------------------------------------------
# Fitted state helpers

def _array(value, dtype, field):
    """@value as a C-contiguous array of @dtype, with a checked conversion."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as e:
        raise _error('%s: not an array: %s' % (field, e)) from None
    dtype = np.dtype(dtype)
    if array.dtype.kind not in 'biuf':
        raise _error('%s: values of dtype %s have no ModelPersist equivalent (numbers only)'
                     % (field, array.dtype))
    converted = np.ascontiguousarray(array, dtype=dtype)
    if dtype.kind in 'iu' and not np.array_equal(converted, array):
        raise _error('%s: values do not fit in %s' % (field, dtype))
    return converted


def _labels(value, field):
    """Class labels as ModelPersist holds them: int64, float64, bool or
    str (scikit-learn keeps text labels as <U or object arrays of str)."""
    array = np.asarray(value)
    if array.dtype.kind in 'iu':
        return _array(array, np.int64, field)
    if array.dtype.kind == 'f':
        return _array(array, np.float64, field)
    if array.dtype.kind == 'b':
        return np.ascontiguousarray(array)
    if array.dtype.kind == 'U' or (array.dtype.kind == 'O' and
                                   all(isinstance(v, str) for v in array.ravel().tolist())):
        return np.array(array.tolist(), dtype=str) if array.size else np.empty(0, dtype='<U1')
    raise _error('%s: labels of dtype %s cannot be converted; ModelPersist labels are '
                 'integers, floats, booleans or strings' % (field, array.dtype))


def _owned(array):
    # scikit-learn's fitted attributes are writable arrays it owns; the
    # ModelPersist views are read-only.
    return np.array(array, copy=True)


def _fitted_value(model, name):
    ModelPersist = _mp()
    value = model.get_property(model.find_param(name).name)
    if isinstance(value, ModelPersist.Array):
        return ModelPersist.to_numpy(value)
    return value


# ---------------------------------------------------------------------------
# The two directions

def _find_for_sklearn(est):
    for conversion in CONVERSIONS:
        cls = conversion.sklearn_class(import_it=False)
        if cls is not None and type(est) is cls and conversion.modelpersist_class() is not None:
            return conversion
    return None


def from_sklearn(est, *, n_features_in=None):
    """A ModelPersist estimator equal to the scikit-learn estimator @est.

    @est is pickled (which runs nothing of its own but __getstate__) and
    the bytes are read by the C importer, ModelPersist.import_pickle(): the
    mapping from scikit-learn's attributes to ours is written once, in C
    (libmodelpersist/import/mp-import-*.c), for live objects and files
    alike. Every hyperparameter is copied; if @est is fitted, so is its
    fitted state, which is then checked as the loader checks a file
    (Estimator.validate), and the result predicts exactly as @est does.
    An unfitted @est gives an unfitted estimator. A KNeighborsClassifier
    always converts to the brute-force search: when @est searched another
    way (a tree, or integer training data) the two may choose differently
    among training samples at the same distance as the k-th neighbour, as
    scikit-learn's own searches do among themselves (docs/neighbors.md).

    @n_features_in is needed only for estimators that do not record how
    many features they were fitted with (scikit-learn's DummyClassifier).

    Raises TypeError when @est's class has no ModelPersist counterpart
    (subclasses included: they may change behaviour), and GLib.Error
    (ModelPersist.Error.INVALID_ARGUMENT naming the attribute) when a value
    cannot be represented, such as a callable kernel or string labels.
    """
    conversion = _find_for_sklearn(est)
    if conversion is None:
        raise TypeError('from_sklearn: %s has no ModelPersist counterpart (supported: %s)'
                        % (_qualified_name(est), _supported_names()))
    return _from_sklearn_by_importer(est, n_features_in)


def _unpicklable_attribute(est):
    import pickle
    for name, value in vars(est).items():
        try:
            pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # noqa: BLE001 (whatever pickle raises)
            return name, value, e
    return None


def _share_training_matrix(est, model):
    # A KNN's training matrix that is a whole view of one of ours (what
    # to_sklearn() hands out) is shared again rather than kept as the
    # importer's copy: the same values, one copy in memory.
    fit_x = getattr(est, '_fit_X', None)
    if type(model).__name__ != 'KNeighborsClassifier' or fit_x is None or not model.is_fitted():
        return
    shared = _shared_mparray(fit_x)
    if shared is not None and np.array_equal(_fitted_value(model, '_fit_X'), fit_x):
        model.set_property(model.find_param('_fit_X').name, shared)
        model.mark_fitted()


def _from_sklearn_by_importer(est, n_features_in):
    # The live object, pickled (dumping runs nothing of the object's but
    # its __getstate__) and read by the importer. Its messages name the
    # attribute under "pickle."; here the caller gave the object, so a
    # value without counterpart is the caller's argument.
    import copy
    import pickle
    if n_features_in is not None and getattr(est, 'n_features_in_', None) is None:
        # scikit-learn's DummyClassifier records no feature count; the
        # importer reads one where the state has it.
        est = copy.copy(est)
        est.n_features_in_ = n_features_in
    try:
        data = pickle.dumps(est, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 (whatever pickle raises)
        culprit = _unpicklable_attribute(est)
        if culprit is None:
            raise
        name, value, e = culprit
        raise _error('%s: %r has no ModelPersist equivalent (it cannot be stored: %s)'
                     % (name.lstrip('_'), value, e)) from None
    try:
        model, info = _mp().import_pickle(data, with_info=True)
    except GLib.Error as e:
        message = e.message
        for prefix in ('pickle: ', 'pickle.'):
            if message.startswith(prefix):
                message = message[len(prefix):]
        code = e.code
        if message.startswith('n_features_in: ') and n_features_in is None:
            # (DummyClassifier, which records no feature count)
            raise _error('n_features_in: %s does not record how many features it was fitted '
                         'with; pass from_sklearn(est, n_features_in=...)'
                         % type(est).__name__) from None
        if code in (int(_mp().Error.INVALID_VALUE), int(_mp().Error.NOT_SUPPORTED)):
            # a value without counterpart: the caller's argument
            code = _mp().Error.INVALID_ARGUMENT
        raise _error(message, code) from None
    _share_training_matrix(est, model)
    # Saved with the model (dump(), dumps()): the scikit-learn it came from.
    # The pickle's own sha256 and protocol describe bytes nobody kept.
    from . import ModelPersist as override
    override._remember_provenance(model, {
        'imported_from.container': 'from_sklearn',
        'imported_from.sklearn_version': info.get_annotation('imported_from.sklearn_version'),
        'imported_from.importer': info.get_annotation('imported_from.importer'),
    })
    if n_features_in is not None and model.is_fitted() and n_features_in != model.n_features_in_:
        raise _error('n_features_in: %d given, but the estimator was fitted with %d'
                     % (n_features_in, model.n_features_in_))
    return model


def _find_for_model(model):
    for conversion in CONVERSIONS:
        cls = conversion.modelpersist_class()
        if cls is not None and type(model) is cls:
            return conversion
    return None


def to_sklearn(model):
    """The scikit-learn estimator equal to the ModelPersist estimator
    @model, with the same hyperparameters and, if @model is fitted, the
    fitted attributes scikit-learn itself would hold (the ones its pickle
    restores), so predict, decision_function and the rest agree.

    Raises TypeError when @model has no scikit-learn counterpart.
    """
    ModelPersist = _mp()
    conversion = _find_for_model(model) if isinstance(model, ModelPersist.Estimator) else None
    if conversion is None:
        raise TypeError('to_sklearn: %s has no scikit-learn counterpart (supported: %s)'
                        % (_qualified_name(model), _supported_names()))
    sk_class = conversion.sklearn_class(import_it=True)
    est = sk_class(**_params_to_sklearn(conversion, model, sk_class))
    if model.is_fitted():
        est.__dict__.update(conversion.state_to_sklearn(model, est))
        names = model.get_property('feature-names-in')
        # (a Pipeline's is its first step's, a read-only property)
        if names and not isinstance(getattr(type(est), 'feature_names_in_', None), property):
            est.feature_names_in_ = np.asarray(names, dtype=object)
    return est


# ---------------------------------------------------------------------------
# SVC
#
# scikit-learn keeps the libsvm arrays under private names and shows a few
# through properties (n_support_, probA_, probB_). With two classes it flips
# the signs of intercept_ and dual_coef_ and keeps libsvm's originals as
# _intercept_ and _dual_coef_, which predict uses; ModelPersist stores the
# flipped (public) ones, see docs/svc.md.


def _svc_gamma_as_fit_leaves_it(gamma, value):
    # 'scale' divides by numpy's variance (a numpy float64), 'auto' by the
    # feature count (a Python float); a number is kept as given.
    if gamma == 'scale':
        return np.float64(value)
    if gamma == 'auto':
        return float(value)
    return gamma


def _svc_state_to_sklearn(model, est):
    classes = _owned(_fitted_value(model, 'classes_'))
    intercept = _owned(_fitted_value(model, 'intercept_'))
    dual_coef = _owned(_fitted_value(model, 'dual_coef_'))
    if len(classes) == 2:
        libsvm_intercept, libsvm_dual_coef = -intercept, -dual_coef
    else:
        libsvm_intercept, libsvm_dual_coef = intercept.copy(), dual_coef
    gamma = _fitted_value(model, '_gamma')
    n_iter = _owned(_fitted_value(model, 'n_iter_'))
    return {
        '_sparse': False,
        'n_features_in_': int(model.n_features_in_),
        'class_weight_': _owned(_fitted_value(model, 'class_weight_')),
        'classes_': classes,
        '_gamma': _svc_gamma_as_fit_leaves_it(est.gamma, gamma),
        'support_': _owned(_fitted_value(model, 'support_')),
        'support_vectors_': _owned(_fitted_value(model, 'support_vectors_')),
        '_n_support': _owned(_fitted_value(model, 'n_support_')),
        'dual_coef_': dual_coef,
        'intercept_': intercept,
        '_probA': _owned(_fitted_value(model, 'probA_')),
        '_probB': _owned(_fitted_value(model, 'probB_')),
        'fit_status_': int(_fitted_value(model, 'fit_status_')),
        '_num_iter': n_iter,
        'n_iter_': n_iter,
        'shape_fit_': tuple(int(n) for n in _fitted_value(model, 'shape_fit_')),
        '_intercept_': libsvm_intercept,
        '_dual_coef_': libsvm_dual_coef,
    }


# ---------------------------------------------------------------------------
# SVR
#
# libsvm's regression model: one row of dual coefficients and one
# intercept, never sign-flipped (_intercept_ and _dual_coef_ equal the
# public ones). scikit-learn keeps _n_support as [n_SV, n_SV] and shows
# n_support_ as [n_SV]; n_iter_ is a Python int.


def _svr_state_to_sklearn(model, est):
    intercept = _owned(_fitted_value(model, 'intercept_'))
    dual_coef = _owned(_fitted_value(model, 'dual_coef_'))
    n_sv = int(_fitted_value(model, 'n_support_')[0])
    n_iter = int(_fitted_value(model, 'n_iter_'))
    return {
        '_sparse': False,
        'n_features_in_': int(model.n_features_in_),
        '_gamma': _svc_gamma_as_fit_leaves_it(est.gamma, _fitted_value(model, '_gamma')),
        'support_': _owned(_fitted_value(model, 'support_')),
        'support_vectors_': _owned(_fitted_value(model, 'support_vectors_')),
        '_n_support': np.array([n_sv, n_sv], dtype=np.int32),
        'dual_coef_': dual_coef,
        'intercept_': intercept,
        '_probA': np.empty(0, dtype=np.float64),
        '_probB': np.empty(0, dtype=np.float64),
        'fit_status_': int(_fitted_value(model, 'fit_status_')),
        '_num_iter': np.array([n_iter], dtype=np.int32),
        'n_iter_': n_iter,
        'shape_fit_': tuple(int(n) for n in _fitted_value(model, 'shape_fit_')),
        '_intercept_': intercept.copy(),
        '_dual_coef_': dual_coef,
    }


# ---------------------------------------------------------------------------
# DummyClassifier
#
# scikit-learn's predicts from _strategy (the strategy fit saw) and does not
# record the number of features; ModelPersist's supports 'prior' and
# 'most_frequent', where random_state and constant play no part.


def _dummy_state_to_sklearn(model, est):
    classes = _owned(_fitted_value(model, 'classes_'))
    return {
        '_strategy': est.strategy,
        'sparse_output_': False,
        'n_outputs_': 1,
        'classes_': classes,
        'n_classes_': len(classes),
        'class_prior_': _owned(_fitted_value(model, 'class_prior_')),
    }


# ---------------------------------------------------------------------------
# KNeighborsClassifier
#
# ModelPersist's searches by brute force under the Euclidean (p=2) or
# Manhattan (p=1) distance and finds the neighbours scikit-learn's
# brute-force search finds on C-ordered float64 data, ties included (see
# docs/neighbors.md). The other searches scikit-learn may use find the same
# neighbours except where several training samples are at the distance of
# the k-th one; which of those it keeps then depends on the search (the
# trees, or the generic pairwise path it takes for integer data), and its
# own searches disagree with each other there. The algorithm is a speed
# setting in scikit-learn, not part of the model, so any of them converts,
# to algorithm='brute': the result predicts as est.set_params(
# algorithm='brute') fitted on float64 data does, and as est itself wherever
# the k-th and (k+1)-th nearest distances differ. Everything that changes
# the distance or the vote (another metric, p not 1 or 2, metric_params, a
# callable weights, several outputs) is refused, naming the parameter.

_KNN_EFFECTIVE_METRIC = {2: 'euclidean', 1: 'manhattan'}


def _shared_mparray(array):
    """The ModelPersist.Array that @array is an exact, whole view of (as
    to_sklearn hands out), or None."""
    base = array.base if isinstance(array, np.ndarray) else None
    owners = getattr(base, '_owners', None)
    interface = getattr(base, '__array_interface__', None)
    if not isinstance(owners, tuple) or not owners or not isinstance(interface, dict):
        return None
    mparray = owners[-1]
    if not isinstance(mparray, _mp().Array):
        return None
    if (array.dtype != np.float64 or not array.flags.c_contiguous or
            array.shape != tuple(mparray.get_shape() or ()) or
            array.__array_interface__['data'][0] != interface['data'][0] or
            mparray.get_dtype() != _mp().DType.FLOAT64):
        return None
    return mparray


def _knn_state_to_sklearn(model, est):
    if model.p not in _KNN_EFFECTIVE_METRIC:
        # Set after fitting: ModelPersist's predict refuses it too.
        raise _error('p: only p=1 (Manhattan) and p=2 (Euclidean) are supported, got %r'
                     % (model.p,))
    return {
        'outputs_2d_': False,
        'classes_': _owned(_fitted_value(model, 'classes_')),
        '_y': np.array(_fitted_value(model, '_y'), dtype=int),
        'effective_metric_params_': {},
        'effective_metric_': _KNN_EFFECTIVE_METRIC[model.p],
        # The training matrix is shared, not copied: a read-only view of
        # the ModelPersist array (scikit-learn only reads it), which keeps
        # that array alive.
        '_fit_X': _fitted_value(model, '_fit_X'),
        '_fit_method': 'brute',
        '_tree': None,
        'n_samples_fit_': int(_fitted_value(model, 'n_samples_fit_')),
        'n_features_in_': int(model.n_features_in_),
    }


# ---------------------------------------------------------------------------
# StandardScaler and MaxAbsScaler
#
# The same arrays under the same names. scikit-learn reduces
# n_samples_seen_ to one integer when every feature saw the same number of
# samples; it stays an array only after NaN (missing values, which
# ModelPersist's scalers refuse) and is a float after fitting with
# sample_weight. Neither changes what transform does, but ModelPersist
# holds the count of samples, so both are refused rather than guessed.


def _optional_owned(model, name):
    value = _fitted_value(model, name)
    return None if value is None else _owned(value)


def _standard_scaler_state_to_sklearn(model, est):
    return {
        'n_features_in_': int(model.n_features_in_),
        'mean_': _optional_owned(model, 'mean_'),
        'var_': _optional_owned(model, 'var_'),
        'scale_': _optional_owned(model, 'scale_'),
        # scikit-learn's: an element of its int64 per-feature counts
        'n_samples_seen_': np.int64(_fitted_value(model, 'n_samples_seen_')),
    }


def _max_abs_scaler_state_to_sklearn(model, est):
    return {
        'n_features_in_': int(model.n_features_in_),
        'max_abs_': _owned(_fitted_value(model, 'max_abs_')),
        'scale_': _owned(_fitted_value(model, 'scale_')),
        # scikit-learn's: X.shape[0]
        'n_samples_seen_': int(_fitted_value(model, 'n_samples_seen_')),
    }


# ---------------------------------------------------------------------------
# MinMaxScaler
#
# scikit-learn's feature_range is one (min, max) tuple; a GObject property
# holds one value, so ModelPersist has feature_range_min and
# feature_range_max, and the two spellings are rewritten here.

def _pair_params_to_sklearn(name):
    """The adapt_params_to_sklearn function for a scikit-learn parameter
    @name holding a (low, high) tuple, which ModelPersist holds as name_min
    and name_max (a GObject property holds one value). The other way is the
    C importer's (mp-import-classic.c)."""
    def to_sklearn_params(params):
        params[name] = (params.pop(name + '_min'), params.pop(name + '_max'))
        return params

    return to_sklearn_params


_min_max_params_to_sklearn = _pair_params_to_sklearn('feature_range')


def _min_max_scaler_state_to_sklearn(model, est):
    state = {name: _owned(_fitted_value(model, name))
             for name in ('data_min_', 'data_max_', 'data_range_', 'scale_', 'min_')}
    state['n_features_in_'] = int(model.n_features_in_)
    # scikit-learn's: X.shape[0]
    state['n_samples_seen_'] = int(_fitted_value(model, 'n_samples_seen_'))
    return state


# ---------------------------------------------------------------------------
# LinearRegression, Ridge, Lasso, ElasticNet
#
# The same coefficients and intercept under the same names, for one target:
# a model fitted on a 2-D y (coef_ of shape (n_targets, n_features)) is
# refused. scikit-learn's intercept_ is numpy's float64 after centring and
# the Python float 0.0 without fit_intercept; LinearRegression has rank_
# and singular_ only when fitted without positive=True (None and unset
# here), Ridge's direct solvers leave n_iter_ None.


def _linear_coef_to_sklearn(model):
    fit_intercept = model.fit_intercept
    intercept = float(_fitted_value(model, 'intercept_'))
    return {
        'n_features_in_': int(model.n_features_in_),
        'coef_': _owned(_fitted_value(model, 'coef_')),
        'intercept_': np.float64(intercept) if fit_intercept else intercept,
    }


def _linear_regression_state_to_sklearn(model, est):
    state = _linear_coef_to_sklearn(model)
    rank = _fitted_value(model, 'rank_')
    singular = _fitted_value(model, 'singular_')
    if rank != -1:
        state['rank_'] = int(rank)
    if singular is not None:
        state['singular_'] = _owned(singular)
    return state


def _ridge_state_to_sklearn(model, est):
    state = _linear_coef_to_sklearn(model)
    state['n_iter_'] = None
    return state


def _enet_state_to_sklearn(model, est):
    state = _linear_coef_to_sklearn(model)
    state['n_iter_'] = int(_fitted_value(model, 'n_iter_'))
    state['dual_gap_'] = np.float64(_fitted_value(model, 'dual_gap_'))
    return state


# ---------------------------------------------------------------------------
# RobustScaler
#
# quantile_range is one (q_min, q_max) tuple, as MinMaxScaler's
# feature_range is: ModelPersist has quantile_range_min and
# quantile_range_max.

_robust_params_to_sklearn = _pair_params_to_sklearn('quantile_range')


def _robust_scaler_state_to_sklearn(model, est):
    return {
        'n_features_in_': int(model.n_features_in_),
        'center_': _optional_owned(model, 'center_'),
        'scale_': _optional_owned(model, 'scale_'),
    }


# ---------------------------------------------------------------------------
# SimpleImputer
#
# ModelPersist's treats NaN as the missing value and imputes numbers:
# missing_values has no property (anything but NaN is refused here), and a
# model fitted on text (an object _fit_dtype) is refused rather than
# converted into something that imputes differently. add_indicator's
# MissingIndicator is held as the features it marks (its features_).


def _imputer_state_to_sklearn(model, est):
    from sklearn.impute import MissingIndicator
    indicator = None
    features = _fitted_value(model, 'indicator_features_')
    if features is not None:
        # as SimpleImputer._fit_indicator() leaves it
        indicator = MissingIndicator(missing_values=np.nan, error_on_new=False)
        indicator.__dict__.update({
            '_precomputed': True,
            '_n_features': int(model.n_features_in_),
            'features_': np.array(features, dtype=np.intp),
        })
    return {
        'n_features_in_': int(model.n_features_in_),
        '_fit_dtype': np.dtype(np.float64),
        'indicator_': indicator,
        'statistics_': _owned(_fitted_value(model, 'statistics_')),
    }


# ---------------------------------------------------------------------------
# PCA
#
# ModelPersist implements the full SVD; the other solvers' hyperparameters
# are kept as given. A scikit-learn model whose 'auto' solver went
# randomized converts all the same: transform reads only components_,
# mean_ and explained_variance_, so it projects exactly as scikit-learn's.

_PCA_ARRAYS = ('components_', 'explained_variance_', 'explained_variance_ratio_',
               'singular_values_', 'mean_')


def _pca_state_to_sklearn(model, est):
    state = {name: _owned(_fitted_value(model, name)) for name in _PCA_ARRAYS}
    state['n_features_in_'] = int(model.n_features_in_)
    state['_fit_svd_solver'] = 'full'
    state['n_components_'] = int(_fitted_value(model, 'n_components_'))
    state['n_samples_'] = int(_fitted_value(model, 'n_samples_'))
    state['noise_variance_'] = float(_fitted_value(model, 'noise_variance_'))
    return state


# ---------------------------------------------------------------------------
# VotingClassifier
#
# A composite: its members convert through this same table, each by its
# own entry, and the fitted members (fitted on the labels' positions in
# classes_ in both libraries) one by one.

def _members(entries, convert):
    return [(name, member if isinstance(member, str) else convert(member))
            for name, member in entries]


def _children_to_sklearn(params):
    key = next(k for k in ('estimators', 'steps', 'transformer_list') if k in params)
    params[key] = _members(params[key], to_sklearn)
    return params


def _voting_state_to_sklearn(model, est):
    from sklearn.preprocessing import LabelEncoder
    from sklearn.utils import Bunch

    classes = _owned(_fitted_value(model, 'classes_'))
    members = [to_sklearn(member) for member in model.estimators_]
    encoder = LabelEncoder()
    encoder.classes_ = classes
    kept = [name for name, member in model.estimators if not isinstance(member, str)]
    return {
        'estimators_': members,
        'named_estimators_': Bunch(**dict(zip(kept, members))),
        'le_': encoder,
        'classes_': classes,
    }


# ---------------------------------------------------------------------------
# Pipeline
#
# Its steps are fitted in place, so they are its fitted state: they convert
# with the parameters, each through its own entry, fitted or not.


# FeatureUnion: like a pipeline, its transformers are fitted in place.


def _pipeline_state_to_sklearn(model, est):
    return {}


# ---------------------------------------------------------------------------
# ColumnTransformer
#
# Its members convert through this table, each by its own entry. Fitted,
# scikit-learn keeps the clones in transformers_ (the remaining columns'
# entry last, when there are some) and which input columns each takes in
# _transformer_to_input_indices; ModelPersist keeps the clones in its own
# transformers_ and the positions, one entry after the other, in
# _column_indices and _column_counts.


def _column_transformer_params_to_sklearn(params):
    params['transformers'] = [
        (name, transformer if isinstance(transformer, str) else to_sklearn(transformer), columns)
        for name, transformer, columns in params['transformers']]
    return params


def _column_transformer_state_to_sklearn(model, est):
    from sklearn.preprocessing import FunctionTransformer

    triples = model.transformers_
    indices = _owned(_fitted_value(model, '_column_indices')).tolist()
    counts = _owned(_fitted_value(model, '_column_counts')).tolist()
    by_name, at = {}, 0
    for (name, _, _), count in zip(triples, counts):
        by_name[name] = indices[at:at + count]
        at += count
    by_name.setdefault('remainder', [])
    n_features = int(model.n_features_in_)
    passthrough = {}
    fitted = []
    for name, transformer, columns in triples:
        if transformer == 'passthrough' and by_name[name]:
            # scikit-learn's stand-in for 'passthrough', fitted on the
            # columns it passes (it only records their count).
            identity = FunctionTransformer(accept_sparse=True, check_inverse=False,
                                           feature_names_out='one-to-one')
            identity.n_features_in_ = len(by_name[name])
            passthrough[name] = identity
        if not isinstance(transformer, str):
            # fitted, or (for no column) the unfitted one as given
            transformer = to_sklearn(transformer)
        fitted.append((name, transformer, columns))
    remainder = fitted[-1] if len(fitted) > len(model.transformers) else \
        ('remainder', model.remainder, [])
    return {
        'transformers_': fitted,
        '_columns': [columns for _, _, columns in fitted[:len(model.transformers)]],
        '_remainder': remainder,
        '_n_features': n_features,
        '_transformer_to_input_indices': by_name,
        '_name_to_fitted_passthrough': passthrough,
        'sparse_output_': False,
        'n_features_in_': n_features,
    }


# ---------------------------------------------------------------------------
# LogisticRegression
#
# ModelPersist's implements the lbfgs solver (any other solver, and the
# penalties only they offer, are refused by its declarations). scikit-learn
# 1.2's penalty=None is spelled 'none' on the ModelPersist side (which
# refuses None rather than guess); 'none' converts back to None, the same
# model as scikit-learn's deprecated 'none'. dual=True is refused by lbfgs, so
# dual has no counterpart and must be False; n_jobs plays no part in the
# model.


def _logistic_params_to_sklearn(params):
    if params.get('penalty') == 'none':
        params['penalty'] = None
    return params


def _logistic_state_to_sklearn(model, est):
    return {
        'n_features_in_': int(model.n_features_in_),
        'classes_': _owned(_fitted_value(model, 'classes_')),
        'coef_': _owned(_fitted_value(model, 'coef_')),
        'intercept_': _owned(_fitted_value(model, 'intercept_')),
        'n_iter_': _owned(_fitted_value(model, 'n_iter_')),
    }


# ---------------------------------------------------------------------------
# OneHotEncoder and OrdinalEncoder
#
# scikit-learn's categories_ is a list of one array per column; ModelPersist
# holds every column's categories in one array (categories_, float64 or
# str) and how many each column has (category_counts_). scikit-learn's
# OneHotEncoder returns a sparse matrix by default; ModelPersist's gives the
# same values dense, so sparse_output (and the deprecated sparse) are
# dropped on the way in, whatever their value, and to_sklearn gives
# sparse_output=False: the converted encoder returns the same dense array.
# drop_idx_ follows from drop and the categories and is not stored.


def _one_hot_params_to_sklearn(params):
    params['sparse_output'] = False
    return params


def _ordinal_params_to_sklearn(params):
    value = params.get('unknown_value')
    if isinstance(value, str):
        # the string form reads 'nan' and integers unquoted
        params['unknown_value'] = np.nan if value == 'nan' else int(value)
    if params.get('handle_unknown') == 'use_encoded_value' and params.get('unknown_value') is None:
        params['unknown_value'] = np.nan
    return params


def _one_hot_state_to_sklearn(model, est):
    counts = _fitted_value(model, 'category_counts_')
    drop_idx = model.drop_idx_
    outs = [int(n) - (0 if drop_idx is None or drop_idx[i] is None else 1)
            for i, n in enumerate(counts)]
    return {
        'n_features_in_': int(model.n_features_in_),
        'categories_': model.categories_,
        'drop_idx_': drop_idx,
        '_infrequent_enabled': False,
        '_n_features_outs': outs,
    }


def _ordinal_state_to_sklearn(model, est):
    return {
        'n_features_in_': int(model.n_features_in_),
        'categories_': model.categories_,
        '_missing_indices': {},
    }


# ---------------------------------------------------------------------------
# LabelEncoder
#
# classes_ under the same name. scikit-learn's records no n_features_in_;
# ModelPersist's is fitted on one column of labels.


def _label_encoder_state_to_sklearn(model, est):
    return {'classes_': _owned(_fitted_value(model, 'classes_'))}


# ---------------------------------------------------------------------------
# The table. Entries whose ModelPersist class this build lacks are skipped.

# ---------------------------------------------------------------------------
# Decision trees (and the trees of forests and boosting)
#
# scikit-learn keeps a tree as a Tree object whose state is a structured
# array of nodes (left_child, right_child, feature, threshold, impurity,
# n_node_samples, weighted_n_node_samples) and a values array (node_count,
# n_outputs, max_n_classes). ModelPersist keeps the same numbers as one
# flat array per field (children and feature as int32, the rest as
# scikit-learn has them) and value without the outputs axis (and, for a
# regressor, without the classes axis). A forest concatenates its trees'
# arrays and says how many nodes each has (tree_node_counts_). Only
# single-output trees convert.

_TREE_FIELDS = (  # (ModelPersist name, scikit-learn node field, dtype)
    ('children_left_', 'left_child', np.int32),
    ('children_right_', 'right_child', np.int32),
    ('feature_', 'feature', np.int32),
    ('threshold_', 'threshold', np.float64),
    ('impurity_', 'impurity', np.float64),
    ('n_node_samples_', 'n_node_samples', np.int64),
    ('weighted_n_node_samples_', 'weighted_n_node_samples', np.float64),
)


def _tree_depth(left, right):
    # children come after their parents, so one pass in node order
    depth = np.zeros(len(left), dtype=np.int64)
    for node in range(len(left)):
        if left[node] >= 0:
            depth[left[node]] = depth[right[node]] = depth[node] + 1
    return int(depth.max()) if len(depth) else 0


def _sklearn_tree(arrays, first, count, n_features, n_classes):
    """A scikit-learn Tree holding nodes first .. first + count - 1 of the
    ModelPersist node @arrays (a dict by ModelPersist name); @n_classes is
    1 for a regressor."""
    from sklearn.tree._tree import Tree
    n_classes_array = np.array([n_classes], dtype=np.intp)
    tree = Tree(int(n_features), n_classes_array, 1)
    # the node dtype of the scikit-learn at hand (1.3 added a field)
    dtype = tree.__getstate__()['nodes'].dtype
    nodes = np.zeros(count, dtype=dtype)
    for name, theirs, _ in _TREE_FIELDS:
        nodes[theirs] = arrays[name][first:first + count]
    values = np.ascontiguousarray(arrays['value_'][first:first + count], dtype=np.float64)
    values = values.reshape(count, 1, n_classes)
    left, right = nodes['left_child'], nodes['right_child']
    tree.__setstate__({'max_depth': _tree_depth(left, right), 'node_count': count,
                       'nodes': nodes, 'values': values})
    return tree


def _tree_arrays_of(model):
    names = [name for name, _, _ in _TREE_FIELDS] + ['value_']
    return {name: _fitted_value(model, name) for name in names}


def _decision_tree_state_to_sklearn(model, est):
    arrays = _tree_arrays_of(model)
    n_features = int(model.n_features_in_)
    state = {'n_features_in_': n_features, 'n_outputs_': 1,
             'max_features_': int(_fitted_value(model, 'max_features_'))}
    n_classes = 1
    if model.find_param('classes_') is not None:
        state['classes_'] = _owned(_fitted_value(model, 'classes_'))
        n_classes = len(state['classes_'])
        state['n_classes_'] = n_classes
    state['tree_'] = _sklearn_tree(arrays, 0, len(arrays['children_left_']), n_features, n_classes)
    return state


# ---------------------------------------------------------------------------
# Gradient boosting
#
# scikit-learn keeps the stages as estimators_, an (n_estimators_, K)
# object array of DecisionTreeRegressor (K = 1 for two classes and for
# regression, n_classes otherwise), and the starting point as init_, a
# fitted DummyClassifier('prior') or DummyRegressor('mean') or the word
# 'zero'. ModelPersist keeps the trees' node arrays one after another in
# the order of estimators_.ravel() with each tree's node count
# (tree_node_counts_), and init_ as the dummy's class_prior_ or constant_
# (unset for 'zero'; the regressor's dummy takes the mean for squared_error,
# the median for absolute_error and the alpha quantile for quantile). An
# init estimator of any other kind is refused.


def _regressor_init(loss, alpha):
    """The DummyRegressor parameters the loss starts from."""
    if loss == 'squared_error':
        return {'strategy': 'mean'}
    return {'strategy': 'quantile', 'quantile': alpha if loss == 'quantile' else 0.5}


def _gradient_boosting_state_to_sklearn(model, est):
    from sklearn.dummy import DummyClassifier, DummyRegressor
    from sklearn.ensemble import _gb_losses
    from sklearn.tree import DecisionTreeRegressor
    arrays = _tree_arrays_of(model)
    n_features = int(model.n_features_in_)
    counts = _fitted_value(model, 'tree_node_counts_')
    n_stages = int(_fitted_value(model, 'n_estimators_'))
    max_features = int(_fitted_value(model, 'max_features_'))
    state = {'n_features_in_': n_features, 'n_estimators_': n_stages, 'max_features_': max_features,
             'train_score_': _owned(_fitted_value(model, 'train_score_'))}
    oob = _fitted_value(model, 'oob_improvement_')
    if oob is not None:
        state['oob_improvement_'] = _owned(oob)
    if model.find_param('classes_') is not None:
        classes = _owned(_fitted_value(model, 'classes_'))
        n_classes = len(classes)
        state.update(classes_=classes, n_classes_=n_classes, _n_classes=n_classes)
        loss = _gb_losses.BinomialDeviance(2) if n_classes == 2 else _gb_losses.MultinomialDeviance(n_classes)
        prior = _fitted_value(model, 'init_class_prior_')
        if prior is None:
            init = 'zero'
        else:
            init = DummyClassifier(strategy='prior')
            init.__dict__.update(_strategy='prior', sparse_output_=False, n_outputs_=1,
                                 classes_=np.arange(n_classes), n_classes_=n_classes,
                                 class_prior_=_owned(prior))
    else:
        losses = {'squared_error': _gb_losses.LeastSquaresError,
                  'absolute_error': _gb_losses.LeastAbsoluteError,
                  'huber': lambda: _gb_losses.HuberLossFunction(est.alpha),
                  'quantile': lambda: _gb_losses.QuantileLossFunction(est.alpha)}
        loss = losses[est.loss]()
        constant = _fitted_value(model, 'init_constant_')
        if constant is None:
            init = 'zero'
        else:
            init = DummyRegressor(**_regressor_init(est.loss, est.alpha))
            init.__dict__.update(n_outputs_=1, constant_=_owned(constant).reshape(1, 1))
    state.update(_loss=loss, init_=init, _rng=np.random.RandomState(est.random_state))

    # the trees, as fit makes them: regression trees with the boosting's
    # tree parameters (their random_state was the boosting's generator)
    params = est.get_params(deep=False)
    tree_params = {name: params[name] for name in (
        'criterion', 'max_depth', 'min_samples_split', 'min_samples_leaf', 'min_weight_fraction_leaf',
        'min_impurity_decrease', 'max_features', 'max_leaf_nodes', 'random_state', 'ccp_alpha')}
    tree_max_features = n_features if params['max_features'] == 'auto' else max_features
    k = len(counts) // n_stages if n_stages else 1
    estimators = np.empty((n_stages, k), dtype=object)
    first = 0
    for t, count in enumerate(counts.tolist()):
        tree = DecisionTreeRegressor(**tree_params)
        tree.__dict__.update(n_features_in_=n_features, n_outputs_=1, max_features_=tree_max_features,
                             tree_=_sklearn_tree(arrays, first, count, n_features, 1))
        estimators[t // k, t % k] = tree
        first += count
    state['estimators_'] = estimators
    return state


# ---------------------------------------------------------------------------
# Random forests and extra trees
#
# scikit-learn's estimators_ is a list of fitted trees, each with its own
# seed (random_state, which also gives its bootstrap sample); ModelPersist
# keeps their node arrays one after another, tree_node_counts_ saying
# where each tree ends, and tree_seeds_ the seeds.


def _forest_state_to_sklearn(model, est):
    is_classifier = model.find_param('classes_') is not None
    arrays = _tree_arrays_of(model)
    n_features = int(model.n_features_in_)
    counts = _fitted_value(model, 'tree_node_counts_')
    seeds = _fitted_value(model, 'tree_seeds_')
    template = est._estimator if hasattr(est, '_estimator') else est.estimator
    params = {name: getattr(est, name) for name in est.estimator_params}
    state = {'n_features_in_': n_features, 'n_outputs_': 1, '_estimator': template}
    n_classes = 1
    if is_classifier:
        state['classes_'] = _owned(_fitted_value(model, 'classes_'))
        n_classes = len(state['classes_'])
        state['n_classes_'] = n_classes
    trees, first = [], 0
    for count, seed in zip(counts, seeds):
        tree = type(template)(**dict(params, random_state=int(seed)))
        tree.__dict__.update({'n_features_in_': n_features, 'n_outputs_': 1,
                              'max_features_': int(_fitted_value(model, 'max_features_')),
                              'tree_': _sklearn_tree(arrays, first, int(count), n_features, n_classes)})
        if is_classifier:
            tree.__dict__.update({'classes_': state['classes_'], 'n_classes_': np.int64(n_classes)})
        trees.append(tree)
        first += int(count)
    state['estimators_'] = trees
    if model.get_property('oob-score'):
        state['oob_score_'] = float(_fitted_value(model, 'oob_score_'))
        name = 'oob_decision_function_' if is_classifier else 'oob_prediction_'
        state[name] = _owned(_fitted_value(model, name))
    return state


from . import _ModelPersist_hgb as _hgb  # noqa: E402

CONVERSIONS = [
    # From scikit-learn to ModelPersist every class goes through the C
    # importer (libmodelpersist/import/mp-import-*.c); these say the way back.
    Conversion('sklearn.svm.SVC', 'SVC', _svc_state_to_sklearn),
    Conversion('sklearn.svm.SVR', 'SVR', _svr_state_to_sklearn),
    Conversion('sklearn.linear_model.LogisticRegression', 'LogisticRegression',
               _logistic_state_to_sklearn, adapt_params_to_sklearn=_logistic_params_to_sklearn),
    Conversion('sklearn.dummy.DummyClassifier', 'DummyClassifier', _dummy_state_to_sklearn),
    Conversion('sklearn.neighbors.KNeighborsClassifier', 'KNeighborsClassifier',
               _knn_state_to_sklearn),
    Conversion('sklearn.ensemble.VotingClassifier', 'VotingClassifier',
               _voting_state_to_sklearn, adapt_params_to_sklearn=_children_to_sklearn),
    Conversion('sklearn.pipeline.Pipeline', 'Pipeline',
               _pipeline_state_to_sklearn, adapt_params_to_sklearn=_children_to_sklearn),
    Conversion('sklearn.pipeline.FeatureUnion', 'FeatureUnion',
               _pipeline_state_to_sklearn, adapt_params_to_sklearn=_children_to_sklearn),
    Conversion('sklearn.compose.ColumnTransformer', 'ColumnTransformer',
               _column_transformer_state_to_sklearn,
               adapt_params_to_sklearn=_column_transformer_params_to_sklearn),
    Conversion('sklearn.preprocessing.StandardScaler', 'StandardScaler',
               _standard_scaler_state_to_sklearn),
    Conversion('sklearn.preprocessing.MinMaxScaler', 'MinMaxScaler',
               _min_max_scaler_state_to_sklearn, adapt_params_to_sklearn=_min_max_params_to_sklearn),
    Conversion('sklearn.preprocessing.MaxAbsScaler', 'MaxAbsScaler',
               _max_abs_scaler_state_to_sklearn),
    Conversion('sklearn.linear_model.LinearRegression', 'LinearRegression',
               _linear_regression_state_to_sklearn),
    Conversion('sklearn.linear_model.Ridge', 'Ridge', _ridge_state_to_sklearn),
    Conversion('sklearn.linear_model.Lasso', 'Lasso', _enet_state_to_sklearn),
    Conversion('sklearn.linear_model.ElasticNet', 'ElasticNet', _enet_state_to_sklearn),
    Conversion('sklearn.preprocessing.LabelEncoder', 'LabelEncoder',
               _label_encoder_state_to_sklearn),
    Conversion('sklearn.preprocessing.OneHotEncoder', 'OneHotEncoder',
               _one_hot_state_to_sklearn, adapt_params_to_sklearn=_one_hot_params_to_sklearn),
    Conversion('sklearn.preprocessing.OrdinalEncoder', 'OrdinalEncoder',
               _ordinal_state_to_sklearn, adapt_params_to_sklearn=_ordinal_params_to_sklearn),
    Conversion('sklearn.tree.DecisionTreeClassifier', 'DecisionTreeClassifier',
               _decision_tree_state_to_sklearn),
    Conversion('sklearn.tree.DecisionTreeRegressor', 'DecisionTreeRegressor',
               _decision_tree_state_to_sklearn),
    Conversion('sklearn.ensemble.RandomForestClassifier', 'RandomForestClassifier',
               _forest_state_to_sklearn),
    Conversion('sklearn.ensemble.RandomForestRegressor', 'RandomForestRegressor',
               _forest_state_to_sklearn),
    Conversion('sklearn.ensemble.ExtraTreesClassifier', 'ExtraTreesClassifier',
               _forest_state_to_sklearn),
    Conversion('sklearn.ensemble.ExtraTreesRegressor', 'ExtraTreesRegressor',
               _forest_state_to_sklearn),
    Conversion('sklearn.preprocessing.RobustScaler', 'RobustScaler',
               _robust_scaler_state_to_sklearn, adapt_params_to_sklearn=_robust_params_to_sklearn),
    Conversion('sklearn.impute.SimpleImputer', 'SimpleImputer', _imputer_state_to_sklearn),
    Conversion('sklearn.decomposition.PCA', 'PCA', _pca_state_to_sklearn),
    Conversion('sklearn.ensemble.GradientBoostingClassifier', 'GradientBoostingClassifier',
               _gradient_boosting_state_to_sklearn),
    Conversion('sklearn.ensemble.GradientBoostingRegressor', 'GradientBoostingRegressor',
               _gradient_boosting_state_to_sklearn),
    Conversion('sklearn.ensemble.HistGradientBoostingClassifier', 'HistGradientBoostingClassifier',
               _hgb.state_to_sklearn, adapt_params_to_sklearn=_hgb.params_to_sklearn),
    Conversion('sklearn.ensemble.HistGradientBoostingRegressor', 'HistGradientBoostingRegressor',
               _hgb.state_to_sklearn, adapt_params_to_sklearn=_hgb.params_to_sklearn),
]

