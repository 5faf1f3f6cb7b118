# test_persist.py: saving and loading as Python users see it, including an
# estimator defined in Python, and the numpy-only reader of docs/format.md.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import pathlib
import re

import numpy as np
import pytest
from gi.repository import Gio, GLib, GObject, ModelPersist

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "format.md"


def fitted_dummy():
    est = ModelPersist.DummyClassifier(strategy="most_frequent")
    return est.fit(np.arange(12.0).reshape(6, 2), np.array([4, 4, 1, 9, 4, 1], np.int64))


class ColumnMeans(ModelPersist.Estimator):
    """A toy regressor written in Python: predicts the mean of each row's
    features, scaled; it stores the training means as fitted state."""

    scale = GObject.Property(type=float, default=1.0)
    tag = GObject.Property(type=str, default="py")
    means = GObject.Property(type=ModelPersist.Array)

    # The virtual methods receive and return ModelPersist.Array, which
    # numpy reads without copying.
    def do_fit(self, x, y):
        self.means = ModelPersist.Array(np.asarray(x).mean(axis=0))
        return True

    def do_predict(self, x):
        return ModelPersist.Array((np.asarray(x) * np.asarray(self.means)).sum(axis=1) * self.scale)


for name, role in (("scale", ModelPersist.PropertyRole.HYPERPARAMETER),
                   ("tag", ModelPersist.PropertyRole.HYPERPARAMETER),
                   ("means", ModelPersist.PropertyRole.FITTED)):
    ModelPersist.Estimator.type_set_property_role(ColumnMeans.__gtype__, name, role, None)


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


def test_dumps_loads_roundtrip_and_determinism():
    est = fitted_dummy()
    data = ModelPersist.dumps(est)
    assert isinstance(data, bytes)
    loaded = ModelPersist.loads(data)
    assert repr(loaded) == repr(est)
    x = np.zeros((3, 2))
    assert np.array_equal(loaded.predict(x), est.predict(x))
    assert loaded.predict(x).dtype == np.int64
    assert ModelPersist.dumps(loaded) == data


def test_python_subclass_needs_trust():
    est = ColumnMeans(scale=2.5, tag="ünïcode")
    est.fit(np.arange(8.0).reshape(4, 2))
    data = ModelPersist.dumps(est)

    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data)
    assert error_code(info) == ModelPersist.Error.UNTRUSTED_TYPE

    types, untrusted = ModelPersist.inspect_types(data)
    assert types == [ColumnMeans.__gtype__.name] == untrusted

    options = ModelPersist.LoadOptions()
    options.trust_type(ColumnMeans)
    assert ModelPersist.inspect_types(data, options) == ([ColumnMeans.__gtype__.name], [])
    loaded = ModelPersist.loads(data, options=options)
    assert isinstance(loaded, ColumnMeans)
    assert loaded.scale == 2.5 and loaded.tag == "ünïcode"
    assert loaded.is_fitted()
    x = np.array([[1.0, 2.0], [3.0, 5.0]])
    assert np.array_equal(loaded.predict(x), est.predict(x))
    assert loaded.predict(x).dtype == np.float64


def test_python_subclass_unfitted_roundtrip():
    est = ColumnMeans(scale=0.1)
    options = ModelPersist.LoadOptions()
    options.trust_type(ColumnMeans.__gtype__)
    loaded = ModelPersist.loads(ModelPersist.dumps(est), options)
    assert loaded.scale == 0.1 and not loaded.is_fitted()


def test_bundle_path_gfile_and_report(tmp_path):
    est = fitted_dummy()
    path = tmp_path / "model.json"
    ModelPersist.dump(est, path)
    files = sorted(os.listdir(tmp_path))
    assert len(files) == 2 and files[0] == "model.json"
    assert re.fullmatch(r"model\.json\.[0-9a-f]{16}\.bin", files[1])

    report = ModelPersist.LoadReport()
    loaded = ModelPersist.load(path, report=report)
    assert repr(loaded) == repr(est)
    assert report.get_warnings() == []
    assert report.get_producer_field("library") == "libmodelpersist"

    loaded = ModelPersist.load(Gio.File.new_for_path(str(path)))
    assert loaded.n_features_in_ == 2
    # The raw C entry point, as C and GJS callers see it.
    loaded = ModelPersist.load_file(Gio.File.new_for_path(str(path)))
    assert loaded.props.n_features_in == 2


def test_stream_and_async(tmp_path):
    est = fitted_dummy()
    out = Gio.MemoryOutputStream.new_resizable()
    ModelPersist.dump(est, out)
    out.close(None)
    streamed = out.steal_as_bytes()
    assert streamed.get_data() == ModelPersist.dumps(est)
    stream = Gio.MemoryInputStream.new_from_bytes(streamed)
    assert repr(ModelPersist.load(stream)) == repr(est)
    stream = Gio.MemoryInputStream.new_from_bytes(streamed)
    assert repr(ModelPersist.load_from_stream(stream)) == repr(est)

    loop = GLib.MainLoop()
    file = Gio.File.new_for_path(str(tmp_path / "async.json"))
    results = {}

    def dumped(_source, result):
        results["dump"] = ModelPersist.dump_file_finish(result)
        ModelPersist.load_file_async(file, None, None, None, loaded)

    def loaded(_source, result):
        results["load"] = ModelPersist.load_file_finish(result)
        loop.quit()

    ModelPersist.dump_file_async(est, file, None, dumped)
    loop.run()
    assert results["dump"] is True
    assert repr(results["load"]) == repr(est)


def test_hostile_bytes_fail_with_codes():
    data = ModelPersist.dumps(fitted_dummy())
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data[:40])
    assert error_code(info) == ModelPersist.Error.MALFORMED

    corrupt = bytearray(data)
    corrupt[-1] ^= 0xFF
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(corrupt)
    assert error_code(info) == ModelPersist.Error.CHECKSUM_MISMATCH

    options = ModelPersist.LoadOptions(max_total_bytes=16)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data, options)
    assert error_code(info) == ModelPersist.Error.LIMIT_EXCEEDED

    assert ModelPersist.LoadOptions().max_json_nodes == 2097152
    options = ModelPersist.LoadOptions(max_json_nodes=10)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data, options)
    assert error_code(info) == ModelPersist.Error.LIMIT_EXCEEDED
    assert "max-json-nodes limit of 10" in info.value.message


def reader_namespace():
    text = DOCS.read_text()
    blocks = re.findall(r"```python reader\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/format.md must hold one ```python reader block"
    namespace = {}
    exec(compile(blocks[0], str(DOCS), "exec"), namespace)
    return namespace


def test_documented_numpy_reader_reads_both_containers(tmp_path):
    read_model = reader_namespace()["read_model"]
    est = fitted_dummy()

    path = tmp_path / "model.json"
    ModelPersist.dump(est, path)
    bundle_doc, bundle_arrays = read_model(str(path))

    stream_path = tmp_path / "model.mpk"
    stream_path.write_bytes(ModelPersist.dumps(est))
    stream_doc, stream_arrays = read_model(str(stream_path))

    classes = est.classes_
    prior = est.class_prior_
    for doc, arrays in ((bundle_doc, bundle_arrays), (stream_doc, stream_arrays)):
        assert doc["estimator"]["type"] == "MpDummyClassifier"
        assert doc["estimator"]["params"] == {"strategy": "most_frequent"}
        assert np.array_equal(arrays["$.estimator.state.classes_"], classes)
        assert np.array_equal(arrays["$.estimator.state.class_prior_"], prior)
        assert arrays["$.estimator.state.classes_"].dtype == np.dtype("<i8")


def compressible_knn():
    """A model whose arrays all compress: _fit_X of three 1 MiB chunks (the
    last one half full), _y smaller than one chunk, classes_ a str array."""
    n = 163840
    x = np.stack([np.arange(n) % 7, np.arange(n) % 5], axis=1).astype(float)
    y = np.array(["label-%03d" % (i % 40) for i in range(n)])
    return ModelPersist.KNeighborsClassifier().fit(x, y)


def compressed_options():
    return ModelPersist.SaveOptions(compress=3)


COMPRESSED_ARRAYS = {
    # path: (dtype, number of chunks)
    "$.estimator.state._fit_X": ("<f8", 3),
    "$.estimator.state._y": ("<i4", 1),
    "$.estimator.state.classes_": ("utf8", 1),
}


def test_documented_reader_reads_compressed_files(tmp_path):
    read_model = reader_namespace()["read_model"]
    est = compressible_knn()

    plain_path = tmp_path / "plain.json"
    ModelPersist.dump(est, plain_path)
    plain_doc, plain_arrays = read_model(str(plain_path))
    assert plain_doc["format_version"] == "1.2"

    bundle_path = tmp_path / "model.json"
    assert ModelPersist.dump_full(est, str(bundle_path), compressed_options(), None, None)
    stream_path = tmp_path / "model.mpk"
    stream_path.write_bytes(ModelPersist.dumps_full(est, compressed_options(), None).get_data())

    for path in (bundle_path, stream_path):
        doc, arrays = read_model(str(path))
        assert doc["format_version"] == "1.3"
        state = doc["estimator"]["state"]
        plain_state = plain_doc["estimator"]["state"]
        for where, (dtype, n_chunks) in COMPRESSED_ARRAYS.items():
            name = where.rsplit(".", 1)[1]
            d = state[name]
            assert d["dtype"] == dtype
            assert d["compression"]["codec"] == "zstd"
            assert d["compression"]["chunk_nbytes"] == 1 << 20
            assert len(d["compression"]["chunks"]) == n_chunks
            assert sum(d["compression"]["chunks"]) < d["nbytes"]
            # nbytes and checksum are the uncompressed array's.
            assert d["nbytes"] == plain_state[name]["nbytes"]
            assert d["checksum"] == plain_state[name]["checksum"]
            assert arrays[where].dtype == plain_arrays[where].dtype
            assert np.array_equal(arrays[where], plain_arrays[where])
        assert state["_y"]["nbytes"] < 1 << 20
        assert list(arrays["$.estimator.state.classes_"]) == ["label-%03d" % i for i in range(40)]
        assert doc["payload"]["nbytes"] < plain_doc["payload"]["nbytes"] // 10


def edit_bundle(tmp_path, est, edit):
    """Saves @est compressed as a bundle, lets @edit change its document
    (a dict) and sidecar (a bytearray), and writes them back."""
    import json

    path = tmp_path / "model.json"
    assert ModelPersist.dump_full(est, str(path), compressed_options(), None, None)
    doc = json.loads(path.read_text())
    sidecar = tmp_path / doc["payload"]["file"]
    payload = bytearray(sidecar.read_bytes())
    edit(doc, doc["estimator"]["state"]["_fit_X"], payload)
    doc["payload"]["nbytes"] = len(payload)
    path.write_text(json.dumps(doc))
    sidecar.write_bytes(bytes(payload))
    return str(path)


def flip_frame_magic(doc, d, payload):
    payload[d["offset"] + d["compression"]["chunks"][0]] ^= 0xFF     # chunk 1's first byte


def set_chunk_nbytes(value):
    return lambda doc, d, payload: d["compression"].__setitem__("chunk_nbytes", value)


@pytest.mark.parametrize("edit, max_total_bytes, message", [
    (flip_frame_magic, 16 << 30, "chunk 1 is not a zstd frame: Unknown frame descriptor"),
    (lambda doc, d, payload: d.__setitem__("checksum", "xxh3-64:0000000000000000"), 16 << 30,
     "_fit_X: checksum mismatch"),
    (lambda doc, d, payload: d["compression"]["chunks"].pop(), 16 << 30, "wrong number of chunks"),
    (lambda doc, d, payload: d["compression"]["chunks"].__setitem__(0, 0), 16 << 30,
     "chunk 0 is 0 bytes"),
    (lambda doc, d, payload: d["compression"]["chunks"].__setitem__(0, 1052673), 16 << 30,
     "chunk 0 is 1052673 bytes"),
    (set_chunk_nbytes(1 << 20 | 1), 16 << 30, "not a power of two"),
    (set_chunk_nbytes(2048), 16 << 30, "not a power of two"),
    (set_chunk_nbytes(True), 16 << 30, "not a power of two"),
    (lambda doc, d, payload: d["compression"].__setitem__("codec", "lz4"), 16 << 30, 'not "zstd"'),
    (lambda doc, d, payload: d["compression"].__setitem__("level", 3), 16 << 30,
     "unknown member level"),
    (lambda doc, d, payload: d.__setitem__("compression", "zstd"), 16 << 30, "must be an object"),
    (lambda doc, d, payload: d.update(shape=[0, 2], nbytes=0), 16 << 30,
     "an empty array is never compressed"),
    (lambda doc, d, payload: d.__setitem__("offset", d["offset"] + 64), 16 << 30,
     "_y: overlaps"),
    (lambda doc, d, payload: d.__setitem__("offset", len(payload) // 64 * 64), 16 << 30,
     "past the end of the payload"),
    # Small on disk, 2.6 MB once decompressed: the bomb a limit must catch.
    (lambda doc, d, payload: None, 1 << 20, "more than max_total_bytes"),
])
def test_documented_reader_refuses_bad_compressed_arrays(tmp_path, edit, max_total_bytes, message):
    read_model = reader_namespace()["read_model"]
    path = edit_bundle(tmp_path, compressible_knn(), edit)
    with pytest.raises(ValueError, match=message):
        read_model(path, max_total_bytes=max_total_bytes)


def test_documented_reader_refuses_corrupt_compressed_stream(tmp_path):
    read_model = reader_namespace()["read_model"]
    data = bytearray(ModelPersist.dumps_full(compressible_knn(), compressed_options(), None).get_data())
    payload_offset = int.from_bytes(data[24:32], "little")
    data[payload_offset] ^= 0xFF            # the magic number of _fit_X's first frame
    path = tmp_path / "model.mpk"
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="chunk 0 is not a zstd frame"):
        read_model(str(path))
    # The library refuses it too, with the code section 3.2 gives.
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(bytes(data))
    assert error_code(info) == ModelPersist.Error.INVALID_ARRAY
    assert "chunk 0 (" in info.value.message and "Unknown frame descriptor" in info.value.message


def test_documented_reader_detects_corruption(tmp_path):
    read_model = reader_namespace()["read_model"]
    path = tmp_path / "model.json"
    ModelPersist.dump(fitted_dummy(), path)
    sidecar = next(p for p in tmp_path.iterdir() if p.suffix == ".bin")
    data = bytearray(sidecar.read_bytes())
    data[0] ^= 1
    sidecar.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="checksum"):
        read_model(str(path))
