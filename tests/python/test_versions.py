# test_versions.py: the versions of Python, numpy and scikit-learn saved
# with every model written from Python, the scikit-learn version a
# converted model came from, and the load-report warning when it differs
# from the one loading it.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import pickle
import sys

import numpy as np
import pytest
import sklearn
import sklearn.svm
from gi.repository import GLib, ModelPersist

iris = ModelPersist.load_iris()
X, Y = iris.data, iris.target


def report_of(data):
    report = ModelPersist.LoadReport()
    ModelPersist.loads(data, report=report)
    return report


def converted_svc():
    return ModelPersist.sklearn.from_sklearn(sklearn.svm.SVC().fit(X, Y))


def test_versions_in_every_python_save(tmp_path):
    native = ModelPersist.SVC().fit(X, Y)
    report = report_of(ModelPersist.dumps(native))
    assert report.get_producer_field("python_version") == sys.version.split()[0]
    assert report.get_producer_field("numpy_version") == np.__version__
    assert report.get_producer_field("sklearn_version") == sklearn.__version__
    assert report.get_producer_field("library_version") == report.get_producer_version()
    assert report.get_warnings() == []
    # a bundle, and the info a load returns
    ModelPersist.dump(native, tmp_path / "svc.json")
    report = ModelPersist.LoadReport()
    ModelPersist.load(tmp_path / "svc.json", report=report)
    info = report.get_model_info()
    assert info.get_producer_field("numpy_version") == np.__version__
    # the process's own fields, as C sees them
    assert ModelPersist.dup_producer_field("sklearn_version") == sklearn.__version__


def test_producer_field_checks_from_python():
    with pytest.raises(ValueError, match='key: "library_version" is written by the library itself'):
        ModelPersist.set_producer_field("library_version", "9")
    with pytest.raises(ValueError, match='value: the value of "app_version" holds a control character'):
        ModelPersist.set_producer_field("app_version", "1\n2")
    ModelPersist.set_producer_field("app_version", "2.0")
    try:
        assert report_of(ModelPersist.dumps(ModelPersist.SVC())).get_producer_field("app_version") == "2.0"
    finally:
        ModelPersist.set_producer_field("app_version", None)
    assert report_of(ModelPersist.dumps(ModelPersist.SVC())).get_producer_field("app_version") is None


def test_from_sklearn_records_where_it_came_from(tmp_path):
    model = converted_svc()
    # pickling saves with dumps(), so it keeps the record too
    assert ModelPersist.dumps(model) in pickle.dumps(model)
    report = report_of(ModelPersist.dumps(model))
    info = report.get_model_info()
    assert info.get_annotation("imported_from.sklearn_version") == sklearn.__version__
    assert info.get_annotation("imported_from.container") == "from_sklearn"
    assert info.get_annotation("imported_from.importer").startswith("libmodelpersist ")
    assert info.get_annotation("imported_from.sha256") is None
    assert report.get_producer_field("sklearn_version") == sklearn.__version__
    assert report.get_warnings() == []     # the same scikit-learn

    # a bundle; the info a load returns carries it on to the next save
    ModelPersist.dump(model, tmp_path / "converted.json")
    report = ModelPersist.LoadReport()
    reloaded = ModelPersist.load(tmp_path / "converted.json", report=report)
    assert report.get_model_info().get_annotation("imported_from.container") == "from_sklearn"
    resaved = report_of(ModelPersist.dumps(reloaded, info=report.get_model_info())).get_model_info()
    assert resaved.get_annotation("imported_from.sklearn_version") == sklearn.__version__

    mine = ModelPersist.ModelInfo()
    mine.set_program("train.py")
    info = report_of(ModelPersist.dumps(model, info=mine)).get_model_info()
    assert info.get_program() == "train.py"
    assert info.get_annotation("imported_from.sklearn_version") == sklearn.__version__
    assert mine.get_annotation("imported_from.sklearn_version") is None    # not changed

    import copy
    assert report_of(ModelPersist.dumps(copy.deepcopy(model))).get_model_info() \
        .get_annotation("imported_from.container") == "from_sklearn"


def test_refit_forgets_the_conversion():
    model = converted_svc()
    model.fit(X, Y)
    info = report_of(ModelPersist.dumps(model)).get_model_info()
    assert info.get_annotation("imported_from.container") is None


def with_sklearn_version(data, version):
    """The pickle @data with its scikit-learn version (a SHORT_BINUNICODE
    string in every estimator's state) replaced by @version."""
    old = sklearn.__version__.encode()
    assert len(version) == len(old)
    opcode = b"\x8c" + bytes([len(old)])
    assert data.count(opcode + old) >= 1
    return data.replace(opcode + old, opcode + version.encode())


def older_and_newer():
    major, minor, *_ = (int(p) for p in sklearn.__version__.split(".")[:2])
    older = "0.%d.9" % minor if major > 0 else None
    newer = "%d.%d.0" % (major + 1, minor)
    return older, newer


@pytest.mark.parametrize("direction", ["older", "newer"])
def test_other_sklearn_version_warns(direction, tmp_path):
    older, newer = older_and_newer()
    other = older if direction == "older" else newer
    # a file of pickle bytes from "another" scikit-learn, made here
    theirs = sklearn.svm.SVC().fit(X, Y)
    pickled = with_sklearn_version(pickle.dumps(theirs), other.ljust(len(sklearn.__version__), "0"))
    other = other.ljust(len(sklearn.__version__), "0")
    imported = ModelPersist.import_pickle(pickled)
    ModelPersist.dump(imported, tmp_path / "model.json")

    report = ModelPersist.LoadReport()
    loaded = ModelPersist.load(tmp_path / "model.json", report=report)
    assert (loaded.predict(X) == theirs.predict(X)).all()
    assert report.get_model_info().get_annotation("imported_from.sklearn_version") == other
    assert report.get_warnings() == [
        '$.metadata.annotations["imported_from.sklearn_version"]: the model was converted from '
        'scikit-learn %s, %s than the scikit-learn %s of this process; the two may behave '
        'differently' % (other, direction, sklearn.__version__)]

    # the same from an info the application wrote
    info = ModelPersist.ModelInfo()
    info.set_annotation("imported_from.sklearn_version", other)
    report = report_of(ModelPersist.dumps(ModelPersist.SVC(), info=info))
    assert len(report.get_warnings()) == 1 and direction in report.get_warnings()[0]


def test_native_models_do_not_warn():
    # only a converted model depends on the scikit-learn it came from
    info = ModelPersist.ModelInfo()
    info.set_annotation("origin", "ours")
    assert report_of(ModelPersist.dumps(ModelPersist.SVC().fit(X, Y), info=info)).get_warnings() == []
