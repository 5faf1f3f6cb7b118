# test_model_info.py: ModelPersist.ModelInfo saved with a model, returned on
# load, and ModelPersist.model_verify, as Python users see them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import ctypes
import hashlib
import json

import numpy as np
import pytest
from gi.repository import GLib, ModelPersist
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.svm import SVC

_xxh = ctypes.CDLL("libxxhash.so.0")
_xxh.XXH3_64bits.restype = ctypes.c_uint64
_xxh.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]

SOURCE = "from gi.repository import ModelPersist\nprint('entra\u00eenement')\n"


def xxh3(array):
    raw = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()
    return "xxh3-64:%016x" % _xxh.XXH3_64bits(raw, len(raw))


def error_code(excinfo):
    assert excinfo.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return excinfo.value.code


@pytest.fixture(scope="module")
def iris():
    ds = ModelPersist.load_iris()
    return np.array(ds.data), np.array(ds.target)


def make_info(model, X, y):
    info = ModelPersist.ModelInfo(program="train_iris", vcs_revision="v1.2.3")
    info.set_training_data(X, y, "s3://bucket/iris.npz?versionId=42")
    info.set_source_text("train_iris.py", SOURCE, True)
    info.set_annotation("team", "ml")
    cv = ModelPersist.StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = info.record_cross_validation(model, X, y, cv, "accuracy")
    return info, scores


def test_round_trip_every_field(iris):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    info, scores = make_info(model, X, y)

    report = ModelPersist.LoadReport()
    loaded = ModelPersist.loads(ModelPersist.dumps(model, info=info), None, report)
    back = report.get_model_info()

    assert back.to_json() == info.to_json()
    assert back.get_x_checksum() == xxh3(X)
    assert back.get_y_checksum() == xxh3(y)
    assert list(back.get_x_shape()) == [150, 4]
    assert back.get_x_dtype() == ModelPersist.DType.FLOAT64
    assert back.get_snapshot_uri() == "s3://bucket/iris.npz?versionId=42"
    assert back.props.program == "train_iris"
    assert back.props.vcs_revision == "v1.2.3"
    assert back.get_source_name() == "train_iris.py"
    assert back.get_source_sha256() == hashlib.sha256(SOURCE.encode()).hexdigest()
    assert back.get_source_text() == SOURCE
    assert back.get_annotation("team") == "ml"
    assert back.get_producer_field("library_version") == report.get_producer_version()
    assert report.get_producer_version()
    assert back.get_producer_field("glib_version").startswith("2.")
    assert back.get_scoring() == "accuracy"
    assert back.dup_splitter_string() == \
        "StratifiedKFold(n_splits=5, random_state=0, shuffle=True)"
    np.testing.assert_array_equal(back.get_cv_scores(), scores)
    assert back.get_cv_mean() == pytest.approx(np.mean(scores), abs=1e-15)
    assert back.get_cv_std() == pytest.approx(np.std(scores), abs=1e-15)
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


def test_recorded_scores_equal_sklearn(iris):
    """The record is what scikit-learn's cross_val_score gives on the same
    folds: the splitter with its seed reproduces sklearn's folds."""
    X, y = iris
    _, scores = make_info(ModelPersist.SVC(), X, y)
    theirs = cross_val_score(SVC(), X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0),
                             scoring="accuracy")
    np.testing.assert_allclose(scores, theirs, rtol=0, atol=1e-12)


def test_bundle_and_file_object(iris, tmp_path):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    info, _ = make_info(model, X, y)

    ModelPersist.dump(model, tmp_path / "model.json", info=info)
    report = ModelPersist.LoadReport()
    ModelPersist.load(tmp_path / "model.json", None, report)
    assert report.get_model_info().to_json() == info.to_json()

    with open(tmp_path / "model.mpk", "wb") as f:
        ModelPersist.dump(model, f, info=info)
    report = ModelPersist.LoadReport()
    with open(tmp_path / "model.mpk", "rb") as f:
        ModelPersist.load(f, None, report)
    assert report.get_model_info().to_json() == info.to_json()

    doc = json.loads((tmp_path / "model.json").read_text())
    assert doc["metadata"]["training_data"]["x"] == {
        "checksum": xxh3(X), "dtype": "<f8", "shape": [150, 4]}
    assert doc["metadata"]["cross_validation"]["splitter"] == {
        "params": {"n_splits": 5, "random_state": 0, "shuffle": True},
        "type": "MpStratifiedKFold"}


def test_deterministic(iris):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    first, _ = make_info(model, X, y)
    second, _ = make_info(model, X, y)
    assert ModelPersist.dumps(model, info=first) == ModelPersist.dumps(model, info=second)
    assert ModelPersist.dumps(model, info=ModelPersist.ModelInfo()) == ModelPersist.dumps(model)


def test_model_saved_without_info_still_has_versions(iris):
    X, y = iris
    report = ModelPersist.LoadReport()
    ModelPersist.loads(ModelPersist.dumps(ModelPersist.SVC().fit(X, y)), None, report)
    info = report.get_model_info()
    assert info.is_empty()
    assert "json_glib_version" in info.list_producer_fields()


def test_verify_passes_on_original_data(iris):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    info, scores = make_info(model, X, y)
    report = ModelPersist.LoadReport()
    loaded = ModelPersist.loads(ModelPersist.dumps(model, info=info), None, report)

    result = ModelPersist.model_verify(loaded, report.get_model_info(), X, y, 0.0)
    assert result.get_passed()
    assert result.get_data_checked() and result.get_data_matches()
    np.testing.assert_array_equal(result.get_scores(), scores)
    np.testing.assert_array_equal(result.get_differences(), np.zeros(5))


def test_verify_fails_on_perturbed_labels(iris):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    info, _ = make_info(model, X, y)
    flipped = y.copy()
    flipped[:10] = (flipped[:10] + 1) % 3

    result = ModelPersist.model_verify(model, info, X, flipped, 1e-9)
    assert not result.get_passed()
    assert not result.get_data_matches()
    assert [m.split(":")[0] for m in result.get_data_mismatches()] == ["y"]
    assert not result.get_scores_match()
    assert result.get_max_difference() > 0
    assert "FAILED" in result.to_string()


def test_verify_fails_on_changed_hyperparameters(iris):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    info, _ = make_info(model, X, y)

    result = ModelPersist.model_verify(ModelPersist.SVC(C=0.01, kernel="linear"), info, X, y, 1e-9)
    assert result.get_data_matches()
    assert not result.get_scores_match()
    assert not result.get_passed()
    differences = result.get_differences()
    np.testing.assert_allclose(differences, result.get_scores() - result.get_recorded_scores())


def test_verify_refuses_unseeded_shuffle(iris):
    X, y = iris
    info = ModelPersist.ModelInfo()
    info.record_cross_validation(ModelPersist.SVC(), X, y,
                                 ModelPersist.KFold(n_splits=3, shuffle=True), None)
    with pytest.raises(GLib.Error) as excinfo:
        ModelPersist.model_verify(ModelPersist.SVC(), info, X, y, 0.0)
    assert error_code(excinfo) == ModelPersist.Error.INVALID_ARGUMENT
    assert "cannot be reproduced" in excinfo.value.message


@pytest.mark.parametrize("mutate, code, path", [
    (lambda m: m.__setitem__("extra", 1), "MALFORMED", "$.metadata.extra"),
    (lambda m: m["training_data"]["x"].__setitem__("shape", [150, -4]), "INVALID_VALUE",
     "$.metadata.training_data.x.shape[1]"),
    (lambda m: m["source"]["file"].__setitem__("text", "import os\n"), "INVALID_VALUE",
     "$.metadata.source.file.text"),
    (lambda m: m["cross_validation"]["splitter"].__setitem__("type", "GObject"),
     "UNTRUSTED_TYPE", "$.metadata.cross_validation.splitter.type"),
    (lambda m: m["cross_validation"].__setitem__("mean", 0.123), "INVALID_VALUE",
     "$.metadata.cross_validation.mean"),
])
def test_hostile_metadata_is_refused(iris, tmp_path, mutate, code, path):
    X, y = iris
    model = ModelPersist.SVC().fit(X, y)
    info, _ = make_info(model, X, y)
    ModelPersist.dump(model, tmp_path / "model.json", info=info)
    doc = json.loads((tmp_path / "model.json").read_text())
    mutate(doc["metadata"])
    (tmp_path / "model.json").write_text(json.dumps(doc, sort_keys=True))

    with pytest.raises(GLib.Error) as excinfo:
        ModelPersist.load(tmp_path / "model.json")
    assert error_code(excinfo) == getattr(ModelPersist.Error, code)
    assert excinfo.value.message.startswith(path + ":")
