# test_override.py: the Python override module (gi/overrides/ModelPersist.py).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import gc
import io
import os
import pathlib
import pickle
import pickletools

import sys

import numpy as np
import pytest
import sklearn.base
import sklearn.dummy
from gi.repository import GLib, GObject, ModelPersist
from gi._gi import ObjectInfo, Repository

override_module = sys.modules['gi.overrides.ModelPersist']
introspected = override_module.ModelPersist    # the raw typelib module


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


@pytest.fixture(params=['native', 'portable'])
def memory_path(request, monkeypatch):
    """Run a test on the ctypes path and on the pure-introspection path."""
    if request.param == 'native':
        if not ModelPersist.uses_native_memory():
            pytest.skip('ctypes path unavailable here')
    else:
        monkeypatch.setattr(override_module, '_native', None)
    return request.param


# -- numpy to MpArray -------------------------------------------------------

@pytest.mark.parametrize('dtype, expected', [
    (np.float64, ModelPersist.DType.FLOAT64),
    (np.float32, ModelPersist.DType.FLOAT32),
    (np.int64, ModelPersist.DType.INT64),
    (np.int32, ModelPersist.DType.INT32),
    (np.uint8, ModelPersist.DType.UINT8),
    (np.bool_, ModelPersist.DType.BOOL),
    (np.int16, ModelPersist.DType.INT32),
    (np.int8, ModelPersist.DType.INT32),
    (np.uint16, ModelPersist.DType.INT32),
    (np.uint32, ModelPersist.DType.INT64),
    (np.uint64, ModelPersist.DType.INT64),
    (np.float16, ModelPersist.DType.FLOAT32),
])
def test_dtypes_round_trip(memory_path, dtype, expected):
    source = (np.arange(12) % 2 == 0) if dtype is np.bool_ else np.arange(12).astype(dtype)
    source = source.reshape(3, 4)
    array = ModelPersist.Array(source)
    assert array.get_dtype() == expected
    assert array.get_shape() == [3, 4]
    back = np.asarray(array)
    assert back.dtype == np.dtype(override_module._MP_TO_NUMPY[expected])
    assert back.shape == (3, 4)
    np.testing.assert_array_equal(back, source)


@pytest.mark.parametrize('make', [
    lambda a: np.asfortranarray(a),
    lambda a: a[::2, ::3],
    lambda a: a[::-1, 1:],
    lambda a: a.T,
    lambda a: a.astype('>f8'),
    lambda a: a.astype(np.float32)[:, ::2],
], ids=['fortran', 'strided', 'reversed', 'transposed', 'big-endian', 'float32-strided'])
def test_memory_orders(memory_path, make):
    source = make(np.arange(48.0).reshape(6, 8))
    array = ModelPersist.Array(source)
    back = np.asarray(array)
    assert back.flags.c_contiguous
    assert back.dtype.isnative
    np.testing.assert_array_equal(back, source)


def test_lists_and_scalars(memory_path):
    nested = ModelPersist.Array([[1, 2, 3], [4, 5, 6]])
    assert nested.get_dtype() == ModelPersist.DType.INT64
    assert nested.shape == (2, 3)
    assert nested.tolist() == [[1, 2, 3], [4, 5, 6]]

    mixed = ModelPersist.Array([1, 2.5])
    assert mixed.dtype == np.float64

    scalar = ModelPersist.Array(2.5)
    assert scalar.shape == ()
    assert float(np.asarray(scalar)) == 2.5
    with pytest.raises(TypeError):
        len(scalar)

    objects = ModelPersist.Array(np.array([1, 2.5], dtype=object))
    assert objects.dtype == np.float64

    empty = ModelPersist.Array(np.zeros((0, 3)))
    assert np.asarray(empty).shape == (0, 3)


def test_forced_dtype():
    array = ModelPersist.Array([1, 2, 3], dtype=np.float32)
    assert array.get_dtype() == ModelPersist.DType.FLOAT32
    array = ModelPersist.Array([1.0, 2.0], dtype=ModelPersist.DType.INT32)
    assert array.tolist() == [1, 2]


@pytest.mark.parametrize('bad', [
    np.array([b'a', b'b']),
    np.array([1 + 2j]),
    np.array([np.iinfo(np.uint64).max], dtype=np.uint64),
    np.array(['2020-01-01'], dtype='datetime64[D]'),
    [[1, 2], [3]],
    np.array([object()], dtype=object),
], ids=['bytes', 'complex', 'uint64-overflow', 'datetime', 'ragged', 'object'])
def test_unconvertible_input_is_invalid_argument(bad):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.Array(bad)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert 'obj' in info.value.message


def test_conversion_copies_once_and_owns_its_memory(memory_path):
    source = np.arange(1000.0)
    array = ModelPersist.Array(source)
    back = np.asarray(array)
    assert not np.shares_memory(source, back)
    source[:] = -1
    assert back[0] == 0.0 and back[-1] == 999.0


# -- MpArray to numpy ---------------------------------------------------------

def test_numpy_views_without_copying():
    if not ModelPersist.uses_native_memory():
        pytest.skip('zero-copy needs the ctypes path')
    array = ModelPersist.Array(np.arange(100.0).reshape(10, 10))
    first = np.asarray(array)
    second = np.asarray(array)
    assert np.shares_memory(first, second)
    assert not first.flags.writeable
    with pytest.raises(ValueError):
        first[0, 0] = 1.0

    # The view holds the MpArray: dropping every other reference is safe.
    del array, second
    gc.collect()
    junk = [np.ones(100) for _ in range(100)]
    assert first[9, 9] == 99.0
    del junk


def test_portable_path_returns_equal_read_only_copy(monkeypatch):
    array = ModelPersist.Array(np.arange(6, dtype=np.int32).reshape(2, 3))
    monkeypatch.setattr(override_module, '_native', None)
    back = np.asarray(array)
    assert not back.flags.writeable
    np.testing.assert_array_equal(back, [[0, 1, 2], [3, 4, 5]])


def test_array_protocol():
    array = ModelPersist.Array(np.arange(12.0).reshape(3, 4))
    assert isinstance(array, override_module.Array)
    assert len(array) == 3
    assert array.shape == (3, 4)
    assert array.ndim == 2
    assert array.size == 12
    assert array.nbytes == 96
    assert array.dtype == np.float64
    np.testing.assert_array_equal(array[1], [4.0, 5.0, 6.0, 7.0])
    np.testing.assert_array_equal(array[0:1], [[0.0, 1.0, 2.0, 3.0]])
    assert array[2, 3] == 11.0
    assert [row.tolist() for row in array][1] == [4.0, 5.0, 6.0, 7.0]
    assert np.asarray(array, dtype=np.int64).dtype == np.int64
    assert np.asarray(array).sum() == 66.0
    assert repr(ModelPersist.Array([1, 2])) == 'ModelPersist.Array([1, 2], dtype=int64)'

    # Arrays the C library makes are the override class too.
    made = ModelPersist.Array.new_int32([1, 2, 3], [3])
    assert isinstance(made, override_module.Array)
    assert made.tolist() == [1, 2, 3]


# -- estimators ---------------------------------------------------------------

X_TRAIN = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0], [8.0, 9.0], [1.0, 1.0]])
Y_TRAIN = np.array([3, 1, 3, 2, 1, 3])


@pytest.mark.parametrize('strategy', ['prior', 'most_frequent'])
@pytest.mark.parametrize('labels', [Y_TRAIN, Y_TRAIN.astype(np.float64), Y_TRAIN.tolist()],
                         ids=['int64', 'float64', 'list'])
def test_dummy_matches_sklearn(strategy, labels):
    ours = ModelPersist.DummyClassifier(strategy=strategy)
    theirs = sklearn.dummy.DummyClassifier(strategy=strategy)
    assert ours.fit(X_TRAIN, labels) is ours
    theirs.fit(X_TRAIN, labels)

    x_test = np.asfortranarray(np.arange(8.0).reshape(4, 2))
    predicted = ours.predict(x_test)
    assert isinstance(predicted, np.ndarray)
    np.testing.assert_array_equal(predicted, theirs.predict(x_test))
    assert predicted.dtype == np.asarray(labels).dtype

    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    np.testing.assert_allclose(ours.class_prior_, theirs.class_prior_)
    assert ours.n_features_in_ == X_TRAIN.shape[1]
    assert ours.score(X_TRAIN, labels) == pytest.approx(theirs.score(X_TRAIN, labels))
    assert isinstance(ours.score(X_TRAIN, labels), float)


def test_fit_accepts_lists_and_other_dtypes():
    est = ModelPersist.DummyClassifier()
    est.fit(X_TRAIN.astype(np.float32).tolist(), Y_TRAIN.astype(np.int32))
    assert est.predict(X_TRAIN[:2].astype(np.int16)).tolist() == [3, 3]


def test_repr_and_params_follow_sklearn():
    ours = ModelPersist.DummyClassifier()
    theirs = sklearn.dummy.DummyClassifier()
    assert repr(ours) == "DummyClassifier(strategy='prior')"
    assert ours.get_params() == {'strategy': 'prior'}
    # Every parameter we have, sklearn has, with the same default.
    for name, value in ours.get_params().items():
        assert theirs.get_params()[name] == value

    assert ours.set_params(strategy='most_frequent') is ours
    theirs.set_params(strategy='most_frequent')
    assert ours.get_params()['strategy'] == theirs.get_params()['strategy']
    assert ours.strategy == 'most_frequent'
    assert ours.props.strategy == 'most_frequent'     # the GObject property is the word
    assert repr(ours) == "DummyClassifier(strategy='most_frequent')"

    ours.strategy = 'prior'
    assert ours.props.strategy == 'prior'
    # an enum member stands for its word
    ours.set_params(strategy=ModelPersist.DummyStrategy.MOST_FREQUENT)
    assert ours.get_params() == {'strategy': 'most_frequent'}
    assert ours.props.strategy == 'most_frequent'


def test_bad_params():
    est = ModelPersist.DummyClassifier()
    # A word that is not allowed is kept as given and refused by fit, as
    # scikit-learn does.
    for word in ('stratified_nonsense', 1.5):
        est.set_params(strategy=word)
        assert est.strategy == str(word)
        with pytest.raises(GLib.Error) as info:
            est.fit(X_TRAIN, Y_TRAIN)
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
        assert info.value.message.startswith('strategy: ')
        assert "'prior'" in info.value.message and "'most_frequent'" in info.value.message
        assert not est.__sklearn_is_fitted__()
    est.set_params(strategy='prior')

    with pytest.raises(GLib.Error) as info:
        est.set_params(nope=1)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert 'nope' in info.value.message

    with pytest.raises(GLib.Error) as info:
        est.set_params(strategy__depth=1)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT

    with pytest.raises(GLib.Error) as info:
        est.set_params(strategy=True)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT

    with pytest.raises(TypeError, match='nope'):
        ModelPersist.DummyClassifier(nope=1)


def test_fitted_attributes_before_fit():
    est = ModelPersist.DummyClassifier()
    with pytest.raises(ModelPersist.NotFittedError, match='classes_.*not fitted'):
        est.classes_
    assert not hasattr(est, 'classes_')
    assert not hasattr(est, 'n_features_in_')
    assert not hasattr(sklearn.dummy.DummyClassifier(), 'classes_')
    with pytest.raises(AttributeError):
        est.no_such_attribute
    assert 'strategy' in dir(est)
    assert 'classes_' not in dir(est)
    est.fit(X_TRAIN, Y_TRAIN)
    assert 'classes_' in dir(est)


def test_fitted_attributes_are_views():
    if not ModelPersist.uses_native_memory():
        pytest.skip('zero-copy needs the ctypes path')
    est = ModelPersist.DummyClassifier().fit(X_TRAIN, Y_TRAIN)
    assert np.shares_memory(est.classes_, est.classes_)
    assert not est.classes_.flags.writeable


def test_clone():
    est = ModelPersist.DummyClassifier(strategy='most_frequent').fit(X_TRAIN, Y_TRAIN)
    copy = ModelPersist.clone(est)
    assert copy is not est
    assert type(copy) is type(est)
    assert copy.get_params() == est.get_params()
    assert not copy.is_fitted()
    assert not hasattr(copy, 'classes_')

    # scikit-learn's own clone works too: it rebuilds from get_params and
    # checks the constructor kept every parameter.
    theirs = sklearn.base.clone(est)
    assert type(theirs) is type(est)
    assert theirs.get_params() == est.get_params()

    with pytest.raises(GLib.Error):
        ModelPersist.clone('not an estimator')


def test_errors_are_glib_errors_in_the_mp_domain():
    est = ModelPersist.DummyClassifier()
    with pytest.raises(GLib.Error) as info:
        est.predict(X_TRAIN)
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_FITTED)

    est.fit(X_TRAIN, Y_TRAIN)
    with pytest.raises(GLib.Error) as info:
        est.predict(np.ones((2, 3)))
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_INPUT)

    with pytest.raises(GLib.Error) as info:
        est.fit([[np.nan, 1.0]], [1])
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_INPUT)


# -- generic machinery ----------------------------------------------------------

def _array_touching_methods():
    for info in Repository.get_default().get_infos('ModelPersist'):
        if not isinstance(info, ObjectInfo):
            continue
        for method in info.get_methods():
            if method.is_method() and override_module._touches_arrays(method):
                yield info.get_name(), method.get_name()


@pytest.mark.parametrize('class_name, method_name', list(_array_touching_methods()))
def test_every_array_method_is_wrapped(class_name, method_name):
    cls = getattr(ModelPersist, class_name)
    assert cls.__module__ == 'gi.overrides.ModelPersist'
    method = getattr(cls, method_name)
    assert hasattr(method, '__wrapped__') or method_name in ('fit', 'predict', 'score',
                                                             'fit_transform')


def test_every_object_class_is_overridden():
    for info in Repository.get_default().get_infos('ModelPersist'):
        if isinstance(info, ObjectInfo):
            cls = getattr(ModelPersist, info.get_name())
            assert cls.__module__ == 'gi.overrides.ModelPersist', info.get_name()
            assert info.get_g_type().pytype is cls


def _method_info(class_name, name):
    info = Repository.get_default().find_by_name('ModelPersist', class_name)
    return next(m for m in info.get_methods() if m.get_name() == name)


def test_generic_wrapper_converts_in_and_out():
    # The wrapper the module builds for methods of later classes, applied
    # to the base class's own introspected methods.
    predict = override_module._wrap_callable(introspected.Estimator.predict,
                                             _method_info('Estimator', 'predict'), True)
    score = override_module._wrap_callable(introspected.Estimator.score,
                                           _method_info('Estimator', 'score'), True)
    est = ModelPersist.DummyClassifier().fit(X_TRAIN, Y_TRAIN)
    result = predict(est, X_TRAIN.tolist())
    assert isinstance(result, np.ndarray)
    assert result.tolist() == [3] * 6
    result = predict(est, x=X_TRAIN)
    assert result.tolist() == [3] * 6
    # A throwing gboolean function with an out value gives just the value.
    assert score(est, X_TRAIN, Y_TRAIN) == pytest.approx(0.5)


class PyShift(ModelPersist.Estimator):
    """An estimator written in Python, with sklearn-style names."""
    __gtype_name__ = 'TestOverridePyShift'

    c = GObject.Property(type=float, default=1.0, minimum=0.0, maximum=1e6)
    gamma = GObject.Property(type=str, default='scale')
    steps = GObject.Property(type=int, default=3, minimum=1, maximum=100)
    offset = GObject.Property(type=ModelPersist.Array)

    def do_fit(self, x, y):
        self.offset = ModelPersist.Array(np.asarray(x).mean(axis=0) * self.c)
        return True

    def do_predict(self, x):
        return ModelPersist.Array(np.asarray(x).sum(axis=1) - np.asarray(self.offset).sum())

    def do_format_param(self, pspec):
        # gamma is 'scale' or a number: print numbers without quotes.
        if pspec.name == 'gamma':
            try:
                float(self.gamma)
            except ValueError:
                return None
            return self.gamma
        return None


for _name, _role, _display in [('c', ModelPersist.PropertyRole.HYPERPARAMETER, 'C'),
                               ('gamma', ModelPersist.PropertyRole.HYPERPARAMETER, None),
                               ('steps', ModelPersist.PropertyRole.HYPERPARAMETER, None),
                               ('offset', ModelPersist.PropertyRole.FITTED, None)]:
    ModelPersist.Estimator.type_set_property_role(PyShift.__gtype__, _name, _role, _display)


def test_python_subclass_gets_the_surface():
    est = PyShift(C=0.5, gamma=0.1)
    assert repr(est) == 'TestOverridePyShift(C=0.5, gamma=0.1, steps=3)'
    assert est.get_params() == {'C': 0.5, 'gamma': 0.1, 'steps': 3}
    assert est.props.c == 0.5
    assert est.props.gamma == '0.1'

    # A string hyperparameter reads back as the string form prints it.
    est.props.gamma = '0.25'
    assert est.get_params()['gamma'] == 0.25
    est.set_params(gamma='scale')
    assert est.gamma == 'scale'
    est.set_params(gamma=2)
    assert est.props.gamma == '2'

    with pytest.raises(GLib.Error) as info:
        est.set_params(C=-1.0)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert 'C' in info.value.message
    with pytest.raises(GLib.Error):
        est.set_params(steps=2.5)
    est.set_params(steps=4.0)
    assert est.steps == 4

    est.fit([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(est.offset_, [1.0, 1.5])
    np.testing.assert_allclose(est.predict([[1.0, 2.0]]), [0.5])
    assert est.score([[1.0, 2.0]], [0.5]) == 1.0

    copy = ModelPersist.clone(est)
    assert type(copy) is PyShift
    assert copy.get_params() == est.get_params()


class PropertyHolder(override_module._PropertyAttributes, GObject.Object):
    """Stands in for object classes such as datasets that are not estimators."""
    __gtype_name__ = 'TestOverridePropertyHolder'
    __gproperties__ = {
        'data': (ModelPersist.Array, 'data', 'samples', GObject.ParamFlags.READWRITE),
        'n-things': (int, 'n', 'count', 0, 100, 7, GObject.ParamFlags.READWRITE),
    }

    def __init__(self):
        super().__init__()
        self._values = {'data': None, 'n-things': 7}

    def do_get_property(self, pspec):
        return self._values[pspec.name]

    def do_set_property(self, pspec, value):
        self._values[pspec.name] = value


def test_array_properties_of_other_objects_read_as_numpy():
    holder = PropertyHolder()
    holder.set_property('data', ModelPersist.Array(np.arange(6.0).reshape(3, 2)))
    assert isinstance(holder.data, np.ndarray)
    np.testing.assert_array_equal(holder.data[0:1], [[0.0, 1.0]])
    assert holder.n_things == 7
    with pytest.raises(AttributeError):
        holder.missing


def test_iris_behaves_as_numpy():
    iris = ModelPersist.load_iris()
    assert isinstance(iris.data, np.ndarray)
    assert iris.data.shape == (150, 4)
    assert iris.target.shape == (150,)
    assert iris.data[0:1].shape == (1, 4)


# -- persistence hooks ----------------------------------------------------------

def _fitted():
    return ModelPersist.DummyClassifier(strategy='most_frequent').fit(X_TRAIN, Y_TRAIN)


def test_persistence_hooks_wrap_the_c_functions():
    for name in ('dumps', 'loads', 'dump', 'load', 'inspect_types'):
        assert name in override_module.__all__
        assert hasattr(introspected, name)
        assert getattr(ModelPersist, name) is getattr(override_module, name)
    # The raw functions return GLib.Bytes and take it; the hooks speak bytes.
    assert isinstance(introspected.dumps(_fitted()), GLib.Bytes)
    assert isinstance(ModelPersist.dumps(_fitted()), bytes)


@pytest.mark.parametrize('wrap', [bytes, bytearray, memoryview, GLib.Bytes.new,
                                  lambda b: np.frombuffer(b, dtype=np.uint8)],
                         ids=['bytes', 'bytearray', 'memoryview', 'GLib.Bytes', 'numpy'])
def test_dumps_loads(wrap):
    est = _fitted()
    data = ModelPersist.dumps(est)
    assert isinstance(data, bytes)
    loaded = ModelPersist.loads(wrap(data))
    assert type(loaded) is type(est)
    assert repr(loaded) == repr(est)
    np.testing.assert_array_equal(loaded.predict(X_TRAIN), est.predict(X_TRAIN))


def test_loads_rejects_garbage_with_mp_error():
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(b'certainly not a model')
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(12)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT


def test_pickle_carries_only_our_bytes():
    est = _fitted()
    payload = pickle.dumps(est)
    globals_used = [arg for op, arg, _ in pickletools.genops(payload)
                    if op.name in ('GLOBAL', 'STACK_GLOBAL', 'SHORT_BINUNICODE', 'BINUNICODE')
                    and isinstance(arg, str)]
    assert 'gi.repository.ModelPersist' in globals_used
    assert '_unpickle' in globals_used
    assert not any('DummyClassifier' in name for name in globals_used)
    assert ModelPersist.dumps(est) in payload
    again = pickle.loads(payload)
    np.testing.assert_array_equal(again.predict(X_TRAIN), est.predict(X_TRAIN))

    # A fresh interpreter that has not imported ModelPersist can unpickle.
    import subprocess
    code = ('import pickle, sys\n'
            'est = pickle.loads(sys.stdin.buffer.read())\n'
            'print(est.predict([[0.0, 1.0]]).tolist())\n')
    out = subprocess.run([sys.executable, '-W', 'ignore', '-c', code], input=payload,
                         capture_output=True, check=True)
    assert out.stdout.decode().strip() == '[3]'


@pytest.mark.parametrize('as_path', [str, pathlib.Path], ids=['str', 'pathlib'])
def test_dump_load_paths(tmp_path, as_path):
    est = _fitted()
    target = as_path(tmp_path / 'model.json')
    ModelPersist.dump(est, target)
    assert os.path.exists(tmp_path / 'model.json')
    loaded = ModelPersist.load(target)
    np.testing.assert_array_equal(loaded.predict(X_TRAIN), est.predict(X_TRAIN))


def test_dump_load_gio_streams():
    from gi.repository import Gio
    est = _fitted()
    out = Gio.MemoryOutputStream.new_resizable()
    ModelPersist.dump(est, out)
    out.close(None)
    source = Gio.MemoryInputStream.new_from_bytes(out.steal_as_bytes())
    assert repr(ModelPersist.load(source)) == repr(est)


def test_dump_load_file_objects(tmp_path):
    est = _fitted()
    buffer = io.BytesIO()
    ModelPersist.dump(est, buffer)
    buffer.seek(0)
    assert repr(ModelPersist.load(buffer)) == repr(est)

    with open(tmp_path / 'model.bin', 'wb') as f:
        ModelPersist.dump(est, f)
    with open(tmp_path / 'model.bin', 'rb') as f:
        loaded = ModelPersist.load(f)
    np.testing.assert_array_equal(loaded.predict(X_TRAIN), est.predict(X_TRAIN))

    with pytest.raises(GLib.Error) as info:
        ModelPersist.dump(est, io.StringIO())
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    with pytest.raises(GLib.Error) as info:
        ModelPersist.load(42)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT


def test_load_options_and_report_by_keyword(tmp_path):
    est = _fitted()
    path = tmp_path / 'model.json'
    ModelPersist.dump(est, path)

    report = ModelPersist.LoadReport()
    loaded = ModelPersist.load(path, options=None, report=report)
    assert repr(loaded) == repr(est)
    assert report.get_format_version().startswith('1.')
    assert report.get_producer_field('library') == 'libmodelpersist'

    tight = ModelPersist.LoadOptions(max_total_bytes=8)
    for call in (lambda: ModelPersist.load(str(path), options=tight),
                 lambda: ModelPersist.loads(ModelPersist.dumps(est), options=tight),
                 lambda: ModelPersist.load(io.BytesIO(ModelPersist.dumps(est)), tight, None)):
        with pytest.raises(GLib.Error) as info:
            call()
        assert error_code(info) == ModelPersist.Error.LIMIT_EXCEEDED

    report = ModelPersist.LoadReport()
    ModelPersist.loads(ModelPersist.dumps(est), report=report)
    assert report.get_producer_field('library') == 'libmodelpersist'


def test_gio_file_and_cancellable(tmp_path):
    from gi.repository import Gio
    est = _fitted()
    file = Gio.File.new_for_path(str(tmp_path / 'g.json'))
    ModelPersist.dump(est, file)
    assert repr(ModelPersist.load(file)) == repr(est)

    cancellable = Gio.Cancellable()
    ModelPersist.dump(est, tmp_path / 'c.json', cancellable=cancellable)
    assert repr(ModelPersist.load(tmp_path / 'c.json', cancellable=cancellable)) == repr(est)
    cancellable.cancel()
    with pytest.raises(GLib.Error) as info:
        ModelPersist.load(tmp_path / 'c.json', cancellable=cancellable)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


def test_loads_accepts_non_contiguous_views():
    data = ModelPersist.dumps(_fitted())
    spread = np.zeros(2 * len(data), dtype=np.uint8)
    spread[::2] = np.frombuffer(data, dtype=np.uint8)
    view = memoryview(spread)[::2]
    assert not view.c_contiguous
    assert repr(ModelPersist.loads(view)) == repr(_fitted())


def test_persistence_argument_errors():
    est = _fitted()
    data = ModelPersist.dumps(est)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.load(data)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert 'loads()' in info.value.message
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads('model.json')
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data, options='strict')
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message.startswith('options:')
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data, report={})
    assert info.value.message.startswith('report:')
    with pytest.raises(GLib.Error) as info:
        ModelPersist.dumps('not an estimator')
    assert info.value.message.startswith('estimator:')


def test_inspect_types_takes_bytes():
    data = ModelPersist.dumps(_fitted())
    assert ModelPersist.inspect_types(data) == (['MpDummyClassifier'], [])
    assert ModelPersist.inspect_types(bytearray(data), ModelPersist.LoadOptions()) == (['MpDummyClassifier'], [])


def test_enum_hyperparameter_of_a_python_class():
    # The built-in word-valued hyperparameters are strings, but a class
    # defined in Python may give one an enum type: its words are converted
    # through the GParamSpec's enum class, which must leave the introspected
    # enum wrapper (with its members) in place. A fresh interpreter, so that
    # nothing else has touched the wrappers.
    import subprocess
    code = ('import gi; gi.require_version("ModelPersist", "1.0")\n'
            'from gi.repository import GObject, ModelPersist\n'
            'class E(ModelPersist.Estimator):\n'
            '    __gtype_name__ = "TestEnumHyperparameter"\n'
            '    strategy = GObject.Property(type=ModelPersist.DummyStrategy,\n'
            '                                default=ModelPersist.DummyStrategy.PRIOR)\n'
            'ModelPersist.Estimator.type_set_property_role(\n'
            '    E.__gtype__, "strategy", ModelPersist.PropertyRole.HYPERPARAMETER, None)\n'
            'e = E(strategy="most_frequent")\n'
            'assert e.props.strategy == ModelPersist.DummyStrategy.MOST_FREQUENT\n'
            'assert e.get_params() == {"strategy": "most_frequent"}, e.get_params()\n'
            'assert ModelPersist.DummyStrategy.PRIOR == 0\n'
            'assert ModelPersist.Error.NOT_FITTED == 3\n')
    subprocess.run([sys.executable, '-c', code], check=True)


class Wrapper(ModelPersist.Estimator):
    """A composite: one child estimator held in a hyperparameter."""
    __gtype_name__ = 'TestOverrideWrapper'

    base = GObject.Property(type=ModelPersist.Estimator)
    fitted_base = GObject.Property(type=ModelPersist.Estimator)

    def do_fit(self, x, y):
        self.fitted_base = ModelPersist.clone(self.base).fit(x, y)
        return True

    def do_predict(self, x):
        return ModelPersist.Array(self.fitted_base.predict(x))


ModelPersist.Estimator.type_set_property_role(Wrapper.__gtype__, 'base',
                                              ModelPersist.PropertyRole.HYPERPARAMETER, None)
ModelPersist.Estimator.type_set_property_role(Wrapper.__gtype__, 'fitted-base',
                                              ModelPersist.PropertyRole.FITTED, None)


def test_nested_params():
    wrapper = Wrapper(base=ModelPersist.DummyClassifier())
    assert repr(wrapper) == "TestOverrideWrapper(base=DummyClassifier(strategy='prior'))"
    params = wrapper.get_params()
    assert list(params) == ['base__strategy', 'base']
    assert params['base__strategy'] == 'prior'
    assert wrapper.get_params(deep=False).keys() == {'base'}

    assert wrapper.set_params(base__strategy='most_frequent') is wrapper
    assert wrapper.base.strategy == 'most_frequent'
    assert wrapper.fit(X_TRAIN, Y_TRAIN).predict(X_TRAIN[:1]).tolist() == [3]
    assert isinstance(wrapper.fitted_base_, ModelPersist.DummyClassifier)

    with pytest.raises(GLib.Error) as info:
        wrapper.set_params(base='not an estimator')
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
    with pytest.raises(GLib.Error) as info:
        wrapper.set_params(base__nope=1)
    assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
