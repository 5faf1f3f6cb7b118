# test_compress.py: dump(..., compress=N) and dumps(..., compress=N) from
# Python: joblib's spellings, every target, parity with scikit-learn after
# a compressed round trip, the 1.2/1.3 document rule, determinism, mapped
# loading of a compressed bundle, and the raw GI functions.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import sklearn.ensemble
import sklearn.neighbors
import sklearn.pipeline
import sklearn.preprocessing
import sklearn.svm
from gi.repository import Gio, GLib, ModelPersist
from sklearn.datasets import load_breast_cancer, load_digits, load_iris

LEVELS = [1, 3, 19]
TARGETS = ['path', 'gfile', 'output-stream', 'file-object', 'bytes']


def iris_names():
    iris = load_iris()
    return iris.data, iris.target_names[iris.target]


def _pipeline():
    X, y = load_iris(return_X_y=True)
    ours = ModelPersist.Pipeline(steps=[('scale', ModelPersist.StandardScaler()),
                                        ('svc', ModelPersist.SVC())]).fit(X, y)
    theirs = sklearn.pipeline.Pipeline([('scale', sklearn.preprocessing.StandardScaler()),
                                        ('svc', sklearn.svm.SVC())]).fit(X, y)
    return ours, theirs, X


def _knn_digits():
    X, y = load_digits(return_X_y=True)
    ours = ModelPersist.KNeighborsClassifier().fit(X, y)
    # The library searches by brute force (test_knn_parity).
    theirs = sklearn.neighbors.KNeighborsClassifier(algorithm='brute').fit(X, y)
    return ours, theirs, X


def _forest():
    # Our forests draw other random numbers than scikit-learn's: parity is
    # for a forest scikit-learn trained, converted (test_trees).
    X, y = load_breast_cancer(return_X_y=True)
    theirs = sklearn.ensemble.RandomForestClassifier(n_estimators=25, random_state=0).fit(X, y)
    return ModelPersist.sklearn.from_sklearn(theirs), theirs, X


def _string_labels():
    X, y = iris_names()
    ours = ModelPersist.KNeighborsClassifier(n_neighbors=7).fit(X, y)
    theirs = sklearn.neighbors.KNeighborsClassifier(n_neighbors=7, algorithm='brute').fit(X, y)
    return ours, theirs, X


MODELS = {
    'scaled-svc-iris': _pipeline,
    'knn-digits': _knn_digits,
    'forest-breast-cancer': _forest,
    'string-labels-iris': _string_labels,
}


@pytest.fixture(scope='module')
def models():
    return {name: make() for name, make in MODELS.items()}


# ---- reading the document back -------------------------------------------

def stream_document(data):
    assert data[:8] == b'\x89MPERSI\n'
    (length,) = struct.unpack_from('<Q', data, 16)
    return json.loads(data[64:64 + length])


def bundle_document(path):
    with open(path, 'rb') as f:
        return json.load(f)


def descriptors(node, path='estimator'):
    """(JSON path, descriptor) of every array in a document's estimator tree."""
    if isinstance(node, dict):
        if 'dtype' in node and 'nbytes' in node:
            yield path, node
            return
        for key, value in sorted(node.items()):
            yield from descriptors(value, path + '.' + key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from descriptors(value, '%s[%d]' % (path, i))


def compressed(document):
    return [(p, d) for p, d in descriptors(document['estimator']) if 'compression' in d]


def assert_document_rule(document, expect_some=None):
    """format 1.3 when an array is compressed (and each record is zstd,
    1 MiB chunks, one length per chunk), 1.2 otherwise."""
    records = compressed(document)
    if expect_some is not None:
        assert bool(records) == expect_some
    assert document['format_version'] == ('1.3' if records else '1.2')
    for path, descriptor in records:
        record = descriptor['compression']
        assert sorted(record) == ['chunk_nbytes', 'chunks', 'codec'], path
        assert record['codec'] == 'zstd'
        assert record['chunk_nbytes'] == 1 << 20
        n_chunks = -(-descriptor['nbytes'] // record['chunk_nbytes'])
        assert len(record['chunks']) == n_chunks
        # kept only where it saves bytes
        assert 0 < sum(record['chunks']) < descriptor['nbytes'], path


# ---- saving to and loading from every target -------------------------------

def save_and_load(model, target, tmp_path, **kwargs):
    """Saves @model to @target with @kwargs; returns (loaded model, document)."""
    if target == 'path':
        path = tmp_path / 'model.json'
        ModelPersist.dump(model, path, **kwargs)
        return ModelPersist.load(path), bundle_document(path)
    if target == 'gfile':
        path = tmp_path / 'gfile.json'
        ModelPersist.dump(model, Gio.File.new_for_path(str(path)), **kwargs)
        return ModelPersist.load(Gio.File.new_for_path(str(path))), bundle_document(path)
    if target == 'output-stream':
        out = Gio.MemoryOutputStream.new_resizable()
        ModelPersist.dump(model, out, **kwargs)
        out.close()
        data = out.steal_as_bytes().get_data()
        loaded = ModelPersist.load(Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data)))
        return loaded, stream_document(data)
    if target == 'file-object':
        buffer = io.BytesIO()
        ModelPersist.dump(model, buffer, **kwargs)
        buffer.seek(0)
        return ModelPersist.load(buffer), stream_document(buffer.getvalue())
    assert target == 'bytes'
    data = ModelPersist.dumps(model, **kwargs)
    return ModelPersist.loads(data), stream_document(data)


def assert_same_predictions(loaded, ours, theirs, X):
    np.testing.assert_array_equal(loaded.predict(X), ours.predict(X))
    np.testing.assert_array_equal(loaded.predict(X), theirs.predict(X))
    if hasattr(theirs, 'predict_proba') and not isinstance(theirs, sklearn.pipeline.Pipeline):
        np.testing.assert_array_equal(loaded.predict_proba(X), ours.predict_proba(X))
        np.testing.assert_allclose(loaded.predict_proba(X), theirs.predict_proba(X), rtol=1e-12, atol=0)


@pytest.mark.parametrize('target', TARGETS)
@pytest.mark.parametrize('level', LEVELS)
@pytest.mark.parametrize('name', sorted(MODELS))
def test_compressed_round_trip(models, name, level, target, tmp_path):
    ours, theirs, X = models[name]
    loaded, document = save_and_load(ours, target, tmp_path, compress=level)
    assert_same_predictions(loaded, ours, theirs, X)
    assert_document_rule(document)
    # the same model as the uncompressed save, array for array
    plain, plain_document = save_and_load(ours, target, tmp_path, compress=0)
    assert_document_rule(plain_document, expect_some=False)
    assert ModelPersist.dumps(loaded) == ModelPersist.dumps(plain)


@pytest.mark.parametrize('spelling', [False, 0, ('zstd', 0)])
def test_no_compression_spellings_write_format_1_2(models, spelling):
    ours = models['knn-digits'][0]
    data = ModelPersist.dumps(ours, compress=spelling)
    assert data == ModelPersist.dumps(ours)
    assert_document_rule(stream_document(data), expect_some=False)


@pytest.mark.parametrize('spelling, level', [(True, 3), ('zstd', 3), (('zstd', 7), 7), (7, 7),
                                             (np.int32(7), 7), (19, 19)])
def test_accepted_spellings_are_levels(models, spelling, level):
    ours = models['knn-digits'][0]
    data = ModelPersist.dumps(ours, compress=spelling)
    assert data == ModelPersist.dumps(ours, compress=level)
    assert_document_rule(stream_document(data), expect_some=True)


def test_knn_on_digits_is_smaller(models, tmp_path):
    ours = models['knn-digits'][0]
    plain = ModelPersist.dumps(ours)
    for level in LEVELS:
        small = ModelPersist.dumps(ours, compress=level)
        assert len(small) < len(plain) / 2, level
    # the bundle's sidecar too
    ModelPersist.dump(ours, tmp_path / 'plain.json')
    ModelPersist.dump(ours, tmp_path / 'small.json', compress=3)
    sizes = {p.name.split('.')[0]: p.stat().st_size for p in tmp_path.iterdir() if p.suffix == '.bin'}
    assert sizes['small'] < sizes['plain'] / 2
    # a higher level is no larger here
    assert len(ModelPersist.dumps(ours, compress=19)) <= len(ModelPersist.dumps(ours, compress=1))


def test_same_bytes_for_the_same_model_and_level(models, tmp_path):
    ours = models['knn-digits'][0]
    first = ModelPersist.dumps(ours, compress=3)
    assert ModelPersist.dumps(ours, compress=3) == first
    assert ModelPersist.dumps(ModelPersist.loads(first), compress=3) == first
    ModelPersist.dump(ours, tmp_path / 'a.json', compress=3)
    ModelPersist.dump(ours, tmp_path / 'b.json', compress=3)
    bins = sorted(p for p in tmp_path.iterdir() if p.suffix == '.bin')
    assert len(bins) == 2 and bins[0].read_bytes() == bins[1].read_bytes()


FRESH_PROCESS = textwrap.dedent('''
    import hashlib, sys
    from gi.repository import ModelPersist
    from sklearn.datasets import load_digits
    X, y = load_digits(return_X_y=True)
    model = ModelPersist.KNeighborsClassifier().fit(X, y)
    sys.stdout.write(hashlib.sha256(ModelPersist.dumps(model, compress=int(sys.argv[1]))).hexdigest())
''')


@pytest.mark.parametrize('level', [3, 19])
def test_same_bytes_in_a_fresh_process(level):
    X, y = load_digits(return_X_y=True)
    here = hashlib.sha256(ModelPersist.dumps(ModelPersist.KNeighborsClassifier().fit(X, y),
                                             compress=level)).hexdigest()
    done = subprocess.run([sys.executable, '-c', FRESH_PROCESS, str(level)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=dict(os.environ), timeout=300, check=True)
    assert done.stdout.decode() == here


OTHER_CODEC = ("compress: '{0}' is not a codec libmodelpersist writes: it compresses with zstd only; "
               "pass compress=3 (or 'zstd', or ('zstd', N) with N from 1 to 19) instead")
OTHER_CODEC_TUPLE = ("compress: '{0}' is not a codec libmodelpersist writes: it compresses with zstd only; "
                     "pass compress=('zstd', {1}) or compress={1} instead")
ANY = "expected an int from 0 to 19, True, 'zstd' or ('zstd', N), got "

REFUSED = [(codec, OTHER_CODEC.format(codec)) for codec in ('zlib', 'gzip', 'bz2', 'lzma', 'xz', 'lz4')] + [
    ((codec, 5), OTHER_CODEC_TUPLE.format(codec, 5)) for codec in ('zlib', 'gzip', 'bz2', 'lzma', 'xz', 'lz4')] + [
    (('zlib', 42), OTHER_CODEC_TUPLE.format('zlib', 3)),
    (('gzip', 0), OTHER_CODEC_TUPLE.format('gzip', 0)),
    (20, 'compress: 20 is not a level: give 0 (none) to 19'),
    (-1, 'compress: -1 is not a level: give 0 (none) to 19'),
    (np.int64(-3), 'compress: -3 is not a level: give 0 (none) to 19'),
    (3.0, 'compress: ' + ANY + '3.0'),
    (0.5, 'compress: ' + ANY + '0.5'),
    (None, 'compress: ' + ANY + 'None'),
    ([3], 'compress: ' + ANY + '[3]'),
    (('zstd', True), "compress: the level of ('zstd', N) must be an int from 0 (none) to 19, got True"),
    (('zstd', False), "compress: the level of ('zstd', N) must be an int from 0 (none) to 19, got False"),
    (('zstd', 3.0), "compress: the level of ('zstd', N) must be an int from 0 (none) to 19, got 3.0"),
    (('zstd', 20), "compress: the level of ('zstd', N) must be from 0 (none) to 19, got 20"),
    (('zstd', -1), "compress: the level of ('zstd', N) must be from 0 (none) to 19, got -1"),
    ((True, 3), "compress: unknown codec True in (True, 3): the codec is 'zstd'"),
    (('zstd',), "compress: a tuple must be (codec, level), such as ('zstd', 3); got ('zstd',)"),
    (('zstd', 3, 1), "compress: a tuple must be (codec, level), such as ('zstd', 3); got ('zstd', 3, 1)"),
    ('ZSTD', "compress: unknown codec 'ZSTD': pass an int from 0 to 19, True, 'zstd' or ('zstd', N)"),
]


@pytest.mark.parametrize('spelling, message', REFUSED, ids=[repr(s) for s, _ in REFUSED])
@pytest.mark.parametrize('target', TARGETS)
def test_refused_spellings(models, spelling, message, target, tmp_path):
    ours = models['string-labels-iris'][0]
    buffer = io.BytesIO()
    with pytest.raises(ValueError) as info:
        if target == 'bytes':
            ModelPersist.dumps(ours, compress=spelling)
        else:
            where = {'path': tmp_path / 'm.json', 'gfile': Gio.File.new_for_path(str(tmp_path / 'g.json')),
                     'output-stream': Gio.MemoryOutputStream.new_resizable(), 'file-object': buffer}[target]
            ModelPersist.dump(ours, where, compress=spelling)
    assert isinstance(info.value, GLib.Error)
    assert info.value.matches(ModelPersist.error_quark(), int(ModelPersist.Error.INVALID_ARGUMENT))
    assert info.value.message == message
    # nothing was written
    assert list(tmp_path.iterdir()) == [] and buffer.getvalue() == b''


def test_compress_is_keyword_only(models):
    ours = models['string-labels-iris'][0]
    with pytest.raises(TypeError):
        ModelPersist.dumps(ours, None, 3)
    with pytest.raises(TypeError):
        ModelPersist.dump(ours, io.BytesIO(), None, None, 3)


def test_info_and_provenance_are_kept(models, tmp_path):
    ours, theirs, X = models['forest-breast-cancer']      # converted: it has a provenance
    info = ModelPersist.ModelInfo()
    info.set_program('test_compress')
    for target in ('path', 'bytes', 'output-stream'):
        report = ModelPersist.LoadReport()
        if target == 'path':
            ModelPersist.dump(ours, tmp_path / 'f.json', info=info, compress=3)
            loaded = ModelPersist.load(tmp_path / 'f.json', report=report)
        elif target == 'bytes':
            loaded = ModelPersist.loads(ModelPersist.dumps(ours, info, compress=3), report=report)
        else:
            out = Gio.MemoryOutputStream.new_resizable()
            ModelPersist.dump(ours, out, None, info, compress=3)
            out.close()
            loaded = ModelPersist.loads(out.steal_as_bytes(), report=report)
        saved = report.get_model_info()
        assert saved.get_program() == 'test_compress'
        assert saved.get_annotation('imported_from.container') == 'from_sklearn'
        np.testing.assert_array_equal(loaded.predict(X), theirs.predict(X))
    assert info.get_annotation('imported_from.container') is None     # the caller's info is unchanged


def test_cancellable_with_compression(models, tmp_path):
    ours, theirs, X = models['knn-digits']
    ModelPersist.dump(ours, tmp_path / 'c.json', Gio.Cancellable(), compress=3)
    assert compressed(bundle_document(tmp_path / 'c.json'))
    cancelled = Gio.Cancellable()
    cancelled.cancel()
    with pytest.raises(GLib.Error) as info:
        ModelPersist.dump(ours, tmp_path / 'd.json', cancelled, compress=3)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)
    assert not (tmp_path / 'd.json').exists()


# ---- mapped loading --------------------------------------------------------

def address_in_mapping_of(array, path):
    address = array.__array_interface__['data'][0]
    with open('/proc/self/maps') as maps:
        for line in maps:
            fields = line.split(None, 5)
            if len(fields) == 6 and fields[5].strip() == path:
                start, end = (int(v, 16) for v in fields[0].split('-'))
                if start <= address < end:
                    return True
    return False


def test_mmap_mode_r_of_a_compressed_bundle(tmp_path):
    # every array of digits compresses; seven random 64-bit labels do not,
    # and their classes_ stays in the sidecar's mapping
    X, y = load_digits(return_X_y=True)
    rng = np.random.default_rng(0)
    noise = rng.standard_normal((4096, 16))
    labels = np.sort(rng.integers(-2**62, 2**62, 7))
    mine = ModelPersist.KNeighborsClassifier().fit(noise, labels[np.arange(4096) % 7])
    digits = ModelPersist.KNeighborsClassifier().fit(X, y)
    kinds = set()
    for model, data in ((digits, X), (mine, noise)):
        bundle = tmp_path / ('%d.json' % id(model))
        ModelPersist.dump(model, bundle, compress=3)
        document = bundle_document(bundle)
        sidecar = str(tmp_path / document['payload']['file'])
        mapped = ModelPersist.load(bundle, mmap_mode='r')
        np.testing.assert_array_equal(mapped.predict(data[:200]), model.predict(data[:200]))
        for path, descriptor in descriptors(document['estimator']):
            name = path.rsplit('.', 1)[1]
            array = getattr(mapped, name)
            if descriptor['nbytes'] == 0:
                continue
            is_compressed = 'compression' in descriptor
            kinds.add(is_compressed)
            # compressed arrays are decompressed into memory, the others viewed in the mapping
            assert address_in_mapping_of(array, sidecar) == (not is_compressed), path
            assert not array.flags.writeable
    assert kinds == {True, False}


# ---- the functions GI gives, without the override ---------------------------

def test_raw_gi_api_loads_compressed_models(models, tmp_path):
    from gi.module import get_introspection_module
    raw = get_introspection_module('ModelPersist')
    ours, theirs, X = models['knn-digits']
    options = raw.SaveOptions.new()
    options.set_compress(3)
    assert options.props.compress == 3
    data = raw.dumps_full(ours, options, None)
    assert data.get_data() == ModelPersist.dumps(ours, compress=3)
    loaded = raw.loads_full(data, None, None)
    np.testing.assert_array_equal(np.asarray(loaded.predict(X)),
                                  theirs.predict(X))
    path = str(tmp_path / 'raw.json')
    assert raw.dump_full(ours, path, options, None, None)
    report = raw.LoadReport.new()
    loaded = raw.load_full(path, None, report)
    assert report.get_format_version() == '1.3'
    np.testing.assert_array_equal(np.asarray(loaded.predict(X)),
                                  theirs.predict(X))
    # and what the override wrote, through the raw loader
    ModelPersist.dump(ours, tmp_path / 'override.json', compress=19)
    loaded = raw.load_file_full(Gio.File.new_for_path(str(tmp_path / 'override.json')), None, None, None)
    np.testing.assert_array_equal(np.asarray(loaded.predict(X)),
                                  theirs.predict(X))
