# test_import_pickle.py: scikit-learn files made with pickle and joblib,
# imported by the C importer (ModelPersist.import_pickle) without running
# them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every file is made here, by Debian's scikit-learn, pickle and joblib: for
# each fixture of sklearn_fixtures.py whose class the importer reads, each
# pickle protocol and joblib.dump with each compressor. The imported model
# must predict exactly as the scikit-learn one and hold exactly what
# ModelPersist.sklearn.from_sklearn() makes of it. Family files
# (test_import_trees.py, ...) add their own hostile cases; the C suite
# (tests/c/pickle-import.c) has the hostile opcode streams.

import hashlib
import importlib
import io
import os
import pathlib
import pickle

import joblib
import numpy as np
import pytest

import gi
gi.require_version('ModelPersist', '1.0')
from gi.repository import Gio, GLib, ModelPersist  # noqa: E402

import sklearn_fixtures  # noqa: E402

Error = ModelPersist.Error

CONTAINERS = ['pickle-0', 'pickle-1', 'pickle-2', 'pickle-3', 'pickle-4', 'pickle-5',
              'joblib', 'joblib-zlib', 'joblib-gzip', 'joblib-bz2', 'joblib-xz',
              'joblib-lzma', 'joblib-lz4']


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


def supported_classes():
    classes = set()
    for path in ModelPersist.import_pickle_list_classes():
        module, _, name = path.rpartition('.')
        classes.add(getattr(importlib.import_module(module), name))
    return classes


def saved(est, container, tmp_path):
    """The bytes of @est as @container writes them."""
    kind, _, variant = container.partition('-')
    if kind == 'pickle':
        return pickle.dumps(est, protocol=int(variant))
    path = tmp_path / 'model.joblib'
    joblib.dump(est, path, compress=(variant, 3) if variant else 0)
    return path.read_bytes()


FIXTURES = sklearn_fixtures.fixtures()
SUPPORTED = supported_classes()
# Every fixture but the lone DummyClassifiers, which record no feature
# count (test_import_composites.py checks their exact refusal).
IMPORTED_FIXTURES = [f for f in FIXTURES if f.n_features_in is None]


def fixture_ids(fixtures):
    return [f.name for f in fixtures]


def as_numpy(value):
    return value.toarray() if hasattr(value, 'toarray') else np.asarray(value)


def fitted_arrays(model):
    out = {}
    for name in model.list_param_names(ModelPersist.PropertyRole.FITTED):
        value = model.get_property(model.find_param(name).name)
        if isinstance(value, ModelPersist.Array):
            out[name] = ModelPersist.to_numpy(value)
        elif value is not None and not isinstance(value, (ModelPersist.Estimator,
                                                          ModelPersist.EstimatorList)):
            out[name] = value
    return out


def assert_same_model(ours, bridged):
    assert type(ours) is type(bridged)
    assert ours.get_params(deep=False).keys() == bridged.get_params(deep=False).keys()
    assert ours.to_string() == bridged.to_string()
    a, b = fitted_arrays(ours), fitted_arrays(bridged)
    assert a.keys() == b.keys()
    for name in a:
        if isinstance(a[name], np.ndarray):
            assert a[name].dtype == b[name].dtype, name
            np.testing.assert_array_equal(a[name], b[name], err_msg=name)
        else:
            assert a[name] == b[name] or (a[name] != a[name] and b[name] != b[name]), name


@pytest.mark.parametrize('fixture', IMPORTED_FIXTURES, ids=fixture_ids(IMPORTED_FIXTURES))
def test_every_container_imports_identically(fixture, tmp_path):
    est = fixture.make()
    assert type(est) in SUPPORTED, 'a fixture of a class the importer does not map'
    theirs = as_numpy(getattr(est, fixture.method)(fixture.X))
    bridged = ModelPersist.sklearn.from_sklearn(est)
    expected = as_numpy(getattr(bridged, fixture.method)(fixture.X))
    for container in CONTAINERS:
        model = ModelPersist.import_pickle(saved(est, container, tmp_path))
        ours = as_numpy(getattr(model, fixture.method)(fixture.X))
        # The same model as from_sklearn's, so the same bits; and
        # scikit-learn's outputs, to the library's own parity (labels
        # exactly, probabilities to the last bits of exp).
        assert ours.dtype == expected.dtype, container
        np.testing.assert_array_equal(ours, expected, err_msg=container)
        if theirs.dtype.kind in 'OUSbiu':
            np.testing.assert_array_equal(ours, theirs, err_msg=container)
        else:
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15, err_msg=container)
        assert_same_model(model, bridged)


def test_classes_without_counterpart_are_refused_by_name():
    from sklearn.cluster import KMeans
    from sklearn.datasets import load_iris
    X, _ = load_iris(return_X_y=True)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(pickle.dumps(KMeans(n_clusters=3, n_init=1).fit(X)))
    assert error_code(info) == Error.UNKNOWN_TYPE
    assert info.value.message.endswith('names sklearn.cluster._kmeans.KMeans, a scikit-learn '
                                       'class this importer does not read')


def test_the_list_of_classes_is_the_bridges():
    bridge = {path for path, _ in ModelPersist.sklearn.conversions()}
    assert set(ModelPersist.import_pickle_list_classes()) == bridge


# ---------------------------------------------------------------------------
# Sources and provenance

def svc():
    from sklearn.datasets import load_iris
    from sklearn.svm import SVC
    X, y = load_iris(return_X_y=True)
    return SVC(probability=True, random_state=0).fit(X, y), X


def test_sources(tmp_path):
    est, X = svc()
    data = pickle.dumps(est)
    path = tmp_path / 'svc.pkl'
    path.write_bytes(data)
    expected = est.predict(X)
    for source in (str(path), path, Gio.File.new_for_path(str(path)), data, bytearray(data),
                   memoryview(data), GLib.Bytes.new(data), io.BytesIO(data), open(path, 'rb'),
                   Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data)),
                   Gio.File.new_for_path(str(path)).read(None)):
        np.testing.assert_array_equal(ModelPersist.import_pickle(source).predict(X), expected)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(open(path, 'r', encoding='latin-1'))
    assert error_code(info) == Error.INVALID_ARGUMENT
    assert info.value.message == 'source: a text file; open it in binary mode ("rb")'
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(42)
    assert info.value.message == ('source: expected a path (str or pathlib.Path), a Gio.File, bytes '
                                  'or a binary file object, got int')


def test_a_stream_is_read_within_the_limit():
    est, _ = svc()
    data = pickle.dumps(est)
    options = ModelPersist.LoadOptions()
    options.set_max_total_bytes(1000)
    options.set_max_json_bytes(1000)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data)),
                                   options=options)
    assert error_code(info) == Error.LIMIT_EXCEEDED
    assert info.value.message == ('the stream holds more than the limit of 2000 bytes '
                                  '(max_total_bytes + max_json_bytes)')


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(tmp_path / 'absent.pkl')
    assert error_code(info) == Error.IO


@pytest.mark.parametrize('container', ['pickle-2', 'pickle-5', 'joblib', 'joblib-xz'])
def test_provenance_is_recorded_and_saved(container, tmp_path):
    import sklearn
    est, X = svc()
    data = saved(est, container, tmp_path)
    path = tmp_path / 'model.bin'
    path.write_bytes(data)
    model, info = ModelPersist.import_pickle(path, with_info=True)
    expected = {
        'imported_from.container': 'joblib' if container.startswith('joblib') else 'pickle',
        'imported_from.pickle_protocol': container[-1] if container.startswith('pickle') else '4',
        'imported_from.sha256': hashlib.sha256(data).hexdigest(),
        'imported_from.file': 'model.bin',
        'imported_from.sklearn_version': sklearn.__version__,
        'imported_from.importer': 'libmodelpersist ' + ModelPersist.VERSION_S,
    }
    if container == 'joblib-xz':
        expected['imported_from.compressor'] = 'xz'
    assert {k: info.get_annotation(k) for k in info.list_annotations()} == expected
    # saved with the model, and back after a load
    ModelPersist.dump(model, tmp_path / 'converted.json', info=info)
    report = ModelPersist.LoadReport()
    loaded = ModelPersist.load(tmp_path / 'converted.json', report=report)
    back = report.get_model_info()
    assert {k: back.get_annotation(k) for k in back.list_annotations()} == expected
    np.testing.assert_array_equal(loaded.predict(X), est.predict(X))


def test_inspect_lists_globals_without_building(tmp_path):
    est, _ = svc()
    names, unsupported = ModelPersist.inspect_pickle(pickle.dumps(est, protocol=2))
    assert names == ['sklearn.svm.classes.SVC', 'numpy.core.multiarray._reconstruct',
                     'numpy.ndarray', '_codecs.encode', 'numpy.dtype',
                     'numpy.core.multiarray.scalar']
    assert unsupported == []
    names, unsupported = ModelPersist.inspect_pickle(pickle.dumps([os.system, est]))
    assert unsupported == ['posix.system']
    assert 'sklearn.svm.classes.SVC' in names


# ---------------------------------------------------------------------------
# Hostile files: refused, and nothing they name ever runs

class _Payload:
    """Pickles as a call of @function with @args, as an attacker's file
    would (pickle runs it at load)."""

    def __init__(self, function, *args):
        self.function, self.args = function, args

    def __reduce__(self):
        return self.function, self.args


def payloads(marker):
    import subprocess
    command = 'touch %s' % marker
    return {
        'os.system': _Payload(os.system, command),
        'subprocess.Popen': _Payload(subprocess.Popen, ['touch', str(marker)]),
        'builtins.eval': _Payload(eval, "open(%r, 'w')" % str(marker)),
        'builtins.exec': _Payload(exec, "open(%r, 'w')" % str(marker)),
        'builtins.getattr': _Payload(getattr, _Payload(__import__, 'os'), 'system'),
        'builtins.__import__': _Payload(__import__, 'os'),
    }


@pytest.mark.parametrize('name', sorted(payloads('x')))
@pytest.mark.parametrize('container', ['pickle-0', 'pickle-2', 'pickle-4', 'joblib', 'joblib-zlib'])
def test_code_is_never_run(name, container, tmp_path):
    marker = tmp_path / 'pwned'
    payload = payloads(marker)[name]
    est, _ = svc()
    # alone, and hidden inside a real model's state
    est.__dict__['_hidden'] = payload
    for obj in (payload, est):
        data = saved(obj, container, tmp_path)
        children_before = len(os.listdir('/proc/self/task'))
        with pytest.raises(GLib.Error) as info:
            ModelPersist.import_pickle(data)
        assert error_code(info) == Error.UNTRUSTED_TYPE
        assert 'which this importer never builds' in info.value.message
        assert not marker.exists()
        assert len(os.listdir('/proc/self/task')) == children_before
    # the same file, given to pickle, would have run it
    if name == 'os.system' and container == 'pickle-4':
        pickle.loads(pickle.dumps(payload))
        assert marker.exists()


def test_billion_laughs_inside_a_model():
    est, X = svc()
    laughs = [[]]
    for _ in range(60):
        laughs = [laughs] * 10
    est.__dict__['classes_'] = laughs
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(pickle.dumps(est))
    assert error_code(info) == Error.INVALID_VALUE
    assert info.value.message == 'pickle.classes_: element 0 is list, not a number'


def test_a_value_of_the_wrong_kind_names_the_attribute():
    est, X = svc()
    est.__dict__['support_vectors_'] = 'not an array'
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(pickle.dumps(est))
    assert error_code(info) == Error.INVALID_VALUE
    assert info.value.message == "pickle.support_vectors_: expected an array, got str"


def test_damaged_state_fails_validation():
    est, X = svc()
    est.__dict__['support_'] = est.support_[:-1]
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(pickle.dumps(est))
    assert error_code(info) == Error.INVALID_STATE


def test_limits_apply(tmp_path):
    est, _ = svc()
    data = pickle.dumps(est)
    options = ModelPersist.LoadOptions()
    options.set_max_total_bytes(100)
    options.set_max_json_bytes(100)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.import_pickle(data, options=options)
    assert error_code(info) == Error.LIMIT_EXCEEDED
    assert info.value.message == ('the file has %d bytes, more than the limit of 200 '
                                  '(max_total_bytes + max_json_bytes)' % len(data))


def test_files_that_are_not_pickles(tmp_path):
    est, _ = svc()
    model = ModelPersist.sklearn.from_sklearn(est)
    for data, what in ((ModelPersist.dumps(model), 'a ModelPersist stream'),
                       (b'PK\x03\x04' + b'\0' * 30, 'a zip archive'),
                       (b'\x93NUMPY\x01\x00', 'a NumPy .npy file')):
        with pytest.raises(GLib.Error) as info:
            ModelPersist.import_pickle(data)
        assert error_code(info) == Error.MALFORMED
        assert info.value.message == 'this is %s, not a pickle or joblib file' % what


# ---------------------------------------------------------------------------
# Older and newer spellings of the same files

def test_renamed_modules_are_the_same_classes():
    # scikit-learn before 0.22 (sklearn.svm.classes), numpy 2 (numpy._core),
    # the joblib copy old scikit-learns shipped (sklearn.externals.joblib):
    # protocol 0 names them in plain text, so rewrite the names.
    est, X = svc()
    data = pickle.dumps(est, protocol=0)
    renamed = (data.replace(b'csklearn.svm._classes\n', b'csklearn.svm.classes\n')
                   .replace(b'cnumpy.core.multiarray\n', b'cnumpy._core.multiarray\n'))
    assert renamed != data
    np.testing.assert_array_equal(ModelPersist.import_pickle(renamed).predict(X), est.predict(X))


def test_joblib_arrays_without_alignment(tmp_path, monkeypatch):
    # joblib before 1.2 wrote no numpy_array_alignment_bytes and no padding;
    # joblib 1.2 writes None (and no padding) when the file cannot tell().
    import joblib.numpy_pickle as numpy_pickle
    est, X = svc()
    create = numpy_pickle.NumpyPickler._create_array_wrapper

    def old_wrapper(self, array):
        wrapper = create(self, array)
        del wrapper.numpy_array_alignment_bytes
        return wrapper

    monkeypatch.setattr(numpy_pickle.NumpyPickler, '_create_array_wrapper', old_wrapper)
    joblib.dump(est, tmp_path / 'old.joblib')
    data = (tmp_path / 'old.joblib').read_bytes()
    assert b'numpy_array_alignment_bytes' not in data
    np.testing.assert_array_equal(ModelPersist.import_pickle(data).predict(X), est.predict(X))
    # the joblib that old scikit-learns shipped, by its module path
    joblib.dump(est, tmp_path / 'old0.joblib', protocol=0)
    data = (tmp_path / 'old0.joblib').read_bytes()
    renamed = data.replace(b'cjoblib.numpy_pickle\n', b'csklearn.externals.joblib.numpy_pickle\n')
    assert renamed != data
    np.testing.assert_array_equal(ModelPersist.import_pickle(renamed).predict(X), est.predict(X))


def test_inspect_names_what_an_import_would_refuse():
    est, _ = svc()
    est.__dict__['_hidden'] = _Payload(os.system, 'true')
    names, unsupported = ModelPersist.inspect_pickle(pickle.dumps(est))
    assert unsupported == ['posix.system']
    assert names[0] == 'sklearn.svm.classes.SVC'
