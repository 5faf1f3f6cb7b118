# test_load_spellings.py: joblib's and skops' spellings on load, loads and
# inspect_types (mmap_mode='r', trusted=[...]).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import io
import re

import numpy as np
import pytest
from gi.repository import Gio, GLib, GObject, ModelPersist

X = np.arange(40.0).reshape(20, 2)
Y = (np.arange(20) % 3).astype(np.int64)


def fitted_knn():
    return ModelPersist.KNeighborsClassifier(n_neighbors=3).fit(X, Y)


def address_in_mapping_of(array, path):
    address = array.__array_interface__["data"][0]
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split(None, 5)
            if len(fields) == 6 and fields[5].strip() == path:
                start, end = (int(v, 16) for v in fields[0].split("-"))
                if start <= address < end:
                    return True
    return False


def sidecar_of(bundle):
    return str(next(p for p in bundle.parent.iterdir() if p.suffix == ".bin"))


def test_mmap_mode_r_maps_the_sidecar(tmp_path):
    bundle = tmp_path / "knn.json"
    ModelPersist.dump(fitted_knn(), bundle)
    sidecar = sidecar_of(bundle)

    copied = ModelPersist.load(bundle)
    assert not address_in_mapping_of(copied._fit_X, sidecar)

    mapped = ModelPersist.load(bundle, mmap_mode="r")
    assert address_in_mapping_of(mapped._fit_X, sidecar)
    assert not mapped._fit_X.flags.writeable
    np.testing.assert_array_equal(mapped.predict(X), copied.predict(X))
    # the same through a Gio.File, and combined with the caller's options
    options = ModelPersist.LoadOptions(max_total_bytes=1 << 20)
    mapped = ModelPersist.load(Gio.File.new_for_path(str(bundle)), options, mmap_mode="r")
    assert address_in_mapping_of(mapped._fit_X, sidecar)
    assert not options.get_map_payload()         # the caller's options are unchanged

    # None is the copying load, as in joblib
    assert not address_in_mapping_of(ModelPersist.load(bundle, mmap_mode=None)._fit_X, sidecar)


@pytest.mark.parametrize("mode", ["r+", "w+", "c"])
def test_writable_mmap_modes_are_refused(tmp_path, mode):
    bundle = tmp_path / "knn.json"
    ModelPersist.dump(fitted_knn(), bundle)
    with pytest.raises(ValueError, match=r"mmap_mode: '%s' is not supported, only 'r': "
                                         r"mapped arrays are read-only" % re.escape(mode)) as info:
        ModelPersist.load(bundle, mmap_mode=mode)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT


@pytest.mark.parametrize("mode", ["rb", "", 1, True])
def test_other_mmap_values_are_refused(tmp_path, mode):
    bundle = tmp_path / "knn.json"
    ModelPersist.dump(fitted_knn(), bundle)
    with pytest.raises(ValueError, match="mmap_mode: expected None or 'r'"):
        ModelPersist.load(bundle, mmap_mode=mode)


def test_mmap_mode_needs_a_file():
    data = ModelPersist.dumps(fitted_knn())
    with pytest.raises(ValueError, match="mmap_mode: mapping needs a path or a Gio.File, not BytesIO"):
        ModelPersist.load(io.BytesIO(data), mmap_mode="r")
    with pytest.raises(ValueError, match="mmap_mode: 'c' is not supported"):
        ModelPersist.load(io.BytesIO(data), mmap_mode="c")


class Halver(ModelPersist.Estimator):
    """An estimator written in Python (a type the loader does not trust)."""
    __gtype_name__ = "TestSpellingsHalver"

    factor = GObject.Property(type=float, default=0.5)

    def do_fit(self, x, y):
        return True

    def do_predict(self, x):
        return ModelPersist.Array(np.asarray(x)[:, 0] * self.factor)


ModelPersist.Estimator.type_set_property_role(Halver.__gtype__, "factor",
                                              ModelPersist.PropertyRole.HYPERPARAMETER, None)


@pytest.mark.parametrize("entry", ["TestSpellingsHalver", Halver.__gtype__, Halver])
def test_trusted_spellings(entry, tmp_path):
    data = ModelPersist.dumps(Halver(factor=0.25))
    with pytest.raises(ValueError) as info:
        ModelPersist.loads(data)
    assert info.value.code == ModelPersist.Error.UNTRUSTED_TYPE

    assert ModelPersist.inspect_types(data, trusted=[entry]) == (["TestSpellingsHalver"], [])
    assert ModelPersist.loads(data, trusted=[entry]).factor == 0.25
    path = tmp_path / "halver.json"
    ModelPersist.dump(Halver(factor=0.25), path)
    assert ModelPersist.load(path, trusted=(entry,)).factor == 0.25


def test_trusted_combines_with_options():
    data = ModelPersist.dumps(Halver())
    options = ModelPersist.LoadOptions(max_json_bytes=64)
    with pytest.raises(ValueError) as info:
        ModelPersist.loads(data, options, trusted=[Halver])
    assert info.value.code == ModelPersist.Error.LIMIT_EXCEEDED   # the options' limit holds

    options = ModelPersist.LoadOptions(trust_builtin=False)
    pipe = ModelPersist.Pipeline(steps=[("h", Halver())])
    data = ModelPersist.dumps(pipe)
    assert ModelPersist.inspect_types(data, options, trusted=[Halver]) == \
        (["MpPipeline", "TestSpellingsHalver"], ["MpPipeline"])
    options.trust_type(ModelPersist.Pipeline)
    loaded = ModelPersist.loads(data, options, trusted=["TestSpellingsHalver"])
    assert isinstance(loaded, ModelPersist.Pipeline)
    assert not options.is_type_trusted(Halver.__gtype__)       # unchanged


@pytest.mark.parametrize("entry, message", [
    ("NoSuchType", r'trusted\[1\]: "NoSuchType" is not a registered type name'),
    ("GObject", r"trusted\[1\]: GObject is not a concrete ModelPersist.Estimator type"),
    (ModelPersist.Estimator, r"trusted\[1\]: MpEstimator is not a concrete ModelPersist.Estimator type"),
    (42, r"trusted\[1\]: expected a type name, a GObject.GType or an estimator class, got 42"),
])
def test_bad_trusted_entries_are_named(entry, message):
    data = ModelPersist.dumps(Halver())
    for call in (lambda: ModelPersist.loads(data, trusted=[Halver, entry]),
                 lambda: ModelPersist.inspect_types(data, trusted=[Halver, entry])):
        with pytest.raises(ValueError, match=message) as info:
            call()
        assert isinstance(info.value, GLib.Error)
        assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT


def test_trusted_must_be_a_list():
    with pytest.raises(ValueError, match="trusted: expected a list of types, got str"):
        ModelPersist.loads(ModelPersist.dumps(Halver()), trusted="TestSpellingsHalver")
