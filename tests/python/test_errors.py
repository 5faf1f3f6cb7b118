# test_errors.py: the library's errors as Python users catch them: still
# GLib.Error with our domain and code, and also of the built-in kind
# (FileNotFoundError, ValueError, scikit-learn's NotFittedError, ...).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import errno
import pathlib
import pickle
import re

import numpy as np
import pytest
import sklearn.exceptions
import sklearn.svm
from gi.repository import Gio, GLib, GObject, ModelPersist

import gi.overrides.ModelPersist as override

DOMAIN = GLib.quark_to_string(ModelPersist.error_quark())
DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "python.md"


def fitted_svc():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    return ModelPersist.SVC().fit(X, np.array([0, 1, 1, 0]))


def check_error(e, code):
    assert isinstance(e, GLib.Error)
    assert e.domain == DOMAIN
    assert e.code == int(code)
    assert e.matches(ModelPersist.error_quark(), code)
    assert DOMAIN in str(e) and e.message in str(e)


def test_missing_file_is_file_not_found(tmp_path):
    missing = tmp_path / "nowhere" / "model.json"
    with pytest.raises(FileNotFoundError) as info:
        ModelPersist.load(missing)
    check_error(info.value, ModelPersist.Error.IO)
    assert info.value.errno == errno.ENOENT
    assert str(missing) in info.value.message
    # The same through every path kind and the raw C entry points.
    with pytest.raises(FileNotFoundError):
        ModelPersist.load(Gio.File.new_for_path(str(missing)))
    with pytest.raises(FileNotFoundError):
        ModelPersist.load_file(Gio.File.new_for_path(str(missing)))
    with pytest.raises(FileNotFoundError):
        ModelPersist.dump(fitted_svc(), tmp_path / "nowhere" / "out.json")


def test_existing_code_catching_glib_error_still_works(tmp_path):
    try:
        ModelPersist.load(tmp_path / "missing.json")
    except GLib.Error as e:
        assert e.matches(ModelPersist.error_quark(), ModelPersist.Error.IO)
    else:
        pytest.fail("no error")


def test_permission_denied_is_permission_error():
    # sysfs refuses new files even to root.
    with pytest.raises(PermissionError) as info:
        ModelPersist.dump(fitted_svc(), "/sys/model.json")
    check_error(info.value, ModelPersist.Error.IO)
    assert info.value.errno == errno.EACCES


def test_io_error_of_unknown_cause_is_os_error(tmp_path):
    with pytest.raises(OSError) as info:
        ModelPersist.load(tmp_path)        # a directory: "not a regular file"
    assert type(info.value).__mro__[1:].count(FileNotFoundError) == 0
    assert info.value.errno is None
    check_error(info.value, ModelPersist.Error.IO)


def test_malformed_and_refused_files_are_value_errors(tmp_path):
    data = ModelPersist.dumps(fitted_svc())
    with pytest.raises(ValueError) as info:
        ModelPersist.loads(b"not a model")
    check_error(info.value, ModelPersist.Error.MALFORMED)

    options = ModelPersist.LoadOptions()
    options.set_max_json_bytes(16)
    with pytest.raises(ValueError) as info:
        ModelPersist.loads(data, options)
    check_error(info.value, ModelPersist.Error.LIMIT_EXCEEDED)

    options = ModelPersist.LoadOptions()
    options.set_trust_builtin(False)
    with pytest.raises(ValueError) as info:
        ModelPersist.loads(data, options)
    check_error(info.value, ModelPersist.Error.UNTRUSTED_TYPE)

    corrupt = bytearray(data)
    corrupt[-1] ^= 0xFF
    with pytest.raises(ValueError) as info:
        ModelPersist.loads(bytes(corrupt))
    check_error(info.value, ModelPersist.Error.CHECKSUM_MISMATCH)


def test_bad_arguments_and_values_are_value_errors():
    # raised by the override itself, before C is called
    with pytest.raises(ValueError) as info:
        ModelPersist.loads("model.json")
    check_error(info.value, ModelPersist.Error.INVALID_ARGUMENT)
    # raised by C: a hyperparameter out of range, a bad X
    with pytest.raises(ValueError) as info:
        ModelPersist.SVC(C=-1.0).fit([[0.0], [1.0]], [0, 1])
    check_error(info.value, ModelPersist.Error.INVALID_ARGUMENT)
    with pytest.raises(ValueError) as info:
        fitted_svc().predict(np.zeros((2, 3)))
    check_error(info.value, ModelPersist.Error.INVALID_INPUT)
    # constructors and static functions convert too
    with pytest.raises(ValueError) as info:
        ModelPersist.ModelInfo.new_from_json("{")
    check_error(info.value, ModelPersist.Error.MALFORMED)


def test_not_fitted_is_sklearn_not_fitted_error():
    svc = ModelPersist.SVC()
    with pytest.raises(sklearn.exceptions.NotFittedError) as info:
        svc.predict([[0.0, 1.0]])
    e = info.value
    check_error(e, ModelPersist.Error.NOT_FITTED)
    # also the override's own NotFittedError (an AttributeError), and a
    # ValueError, as scikit-learn's is
    assert isinstance(e, ModelPersist.NotFittedError)
    assert isinstance(e, ValueError) and isinstance(e, AttributeError)
    # reading a fitted attribute before fit is unchanged
    with pytest.raises(ModelPersist.NotFittedError):
        svc.support_vectors_
    assert not hasattr(svc, "support_vectors_")


def test_from_sklearn_errors_are_value_errors():
    with pytest.raises(ValueError) as info:
        ModelPersist.sklearn.from_sklearn(sklearn.svm.SVC(kernel=lambda a, b: a @ b.T))
    check_error(info.value, ModelPersist.Error.INVALID_ARGUMENT)


def test_errors_pickle_as_their_kind(tmp_path):
    for call in (lambda: ModelPersist.loads(b"junk"),
                 lambda: ModelPersist.load(tmp_path / "missing.json"),
                 lambda: ModelPersist.SVC().predict([[0.0]])):
        with pytest.raises(GLib.Error) as info:
            call()
        e = info.value
        copy = pickle.loads(pickle.dumps(e))
        assert type(copy) is type(e)
        assert (copy.message, copy.domain, copy.code) == (e.message, e.domain, e.code)
        assert str(copy) == str(e)
        if isinstance(e, OSError):
            assert copy.errno == e.errno == errno.ENOENT


def test_errors_in_async_callbacks_are_converted(tmp_path):
    loop = GLib.MainLoop()
    caught = []

    def loaded(_source, result):
        try:
            ModelPersist.load_file_finish(result)
        except FileNotFoundError as e:
            caught.append(e)
        loop.quit()

    missing = Gio.File.new_for_path(str(tmp_path / "missing.json"))
    ModelPersist.load_file_async(missing, None, None, None, loaded)
    loop.run()
    assert len(caught) == 1
    check_error(caught[0], ModelPersist.Error.IO)


class Refusing(ModelPersist.Estimator):
    """An estimator written in Python whose fit refuses its input."""

    def do_fit(self, x, y):
        raise GLib.Error.new_literal(ModelPersist.error_quark(), "x: refused by Python",
                                     int(ModelPersist.Error.INVALID_INPUT))


def test_errors_from_python_vfuncs_are_converted():
    with pytest.raises(ValueError) as info:
        Refusing().fit([[1.0]])
    check_error(info.value, ModelPersist.Error.INVALID_INPUT)
    assert "refused by Python" in info.value.message


def test_other_domains_are_left_alone(tmp_path):
    with pytest.raises(GLib.Error) as info:
        Gio.File.new_for_path(str(tmp_path / "missing")).load_contents(None)
    assert type(info.value) is GLib.Error
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND)


def documented_kinds():
    text = DOCS.read_text()
    section = text[text.index("| `ModelPersist.Error` code |"):]
    kinds = {}
    for line in section.splitlines()[2:]:
        if not line.startswith("|"):
            break
        code, kind = [cell.strip() for cell in line.strip("|").split("|")[:2]]
        kinds[re.fullmatch(r"`(\w+)`", code).group(1)] = kind
    return kinds


def test_every_code_has_the_documented_kind():
    kinds = documented_kinds()
    codes = [name for name in dir(ModelPersist.Error)
             if name.isupper() and isinstance(getattr(ModelPersist.Error, name), ModelPersist.Error)]
    assert sorted(kinds) == sorted(codes)
    for name in codes:
        code = int(getattr(ModelPersist.Error, name))
        error = override._kind_error(GLib.Error.new_literal(ModelPersist.error_quark(), "x", code))
        assert isinstance(error, GLib.Error) and error.code == code
        bases = {cls.__name__ for cls in type(error).__mro__}
        # the first class the row names (IO's refinements are tested above)
        first = re.search(r"`([\w.]+)`", kinds[name])
        if first is not None:
            assert first.group(1).rpartition(".")[2] in bases, name
        if kinds[name].startswith("none"):
            assert not isinstance(error, (ValueError, OSError, AttributeError))
