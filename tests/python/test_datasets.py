# test_datasets.py: the bundled data sets against scikit-learn's loaders,
# bit for bit.
import numpy as np
import pytest
import sklearn.datasets
from gi.repository import ModelPersist


def to_numpy(array):
    # The override already returns numpy; MpArray also supports __array__.
    return np.asarray(array)


LOADERS = [
    (ModelPersist.load_iris, sklearn.datasets.load_iris),
    (ModelPersist.load_wine, sklearn.datasets.load_wine),
    (ModelPersist.load_breast_cancer, sklearn.datasets.load_breast_cancer),
    (ModelPersist.load_digits, sklearn.datasets.load_digits),
]


@pytest.mark.parametrize("ours, theirs", LOADERS, ids=lambda f: f.__name__)
def test_bit_for_bit(ours, theirs):
    mine = ours()
    reference = theirs()

    data = to_numpy(mine.props.data)
    target = to_numpy(mine.props.target)
    assert data.dtype == np.float64 and data.shape == reference.data.shape
    # Bit-for-bit: compare the raw IEEE 754 patterns, not the values.
    assert data.tobytes() == np.ascontiguousarray(reference.data, dtype=np.float64).tobytes()
    assert target.dtype == np.int64
    assert np.array_equal(target, reference.target)

    assert list(mine.props.feature_names) == list(reference.feature_names)
    assert list(mine.get_feature_names()) == list(reference.feature_names)
    assert list(mine.props.target_names) == [str(name) for name in reference.target_names]
    assert list(mine.get_target_names()) == [str(name) for name in reference.target_names]


@pytest.mark.parametrize("ours", [pair[0] for pair in LOADERS], ids=lambda f: f.__name__)
def test_description_credits_source(ours):
    text = ours().props.description
    assert "UCI Machine Learning Repository" in text
    assert "CC BY 4.0" in text
    assert "scikit-learn" in text


def test_properties_are_construct_only():
    from gi.repository import GObject

    for name in ("data", "target", "feature-names", "target-names", "description"):
        pspec = ModelPersist.Dataset.find_property(name)
        assert pspec.flags & GObject.ParamFlags.CONSTRUCT_ONLY


def test_dataset_new_checks_parts():
    from gi.repository import GLib

    x = ModelPersist.Array.new_float64([0.0] * 6, [3, 2])
    y = ModelPersist.Array.new_int64([0, 1, 2], [3])
    with pytest.raises(GLib.Error) as info:
        ModelPersist.Dataset.new(x, y, ["a", "b"], ["no", "yes"], None)
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert "target" in info.value.message
    ok = ModelPersist.Dataset.new(x, y, ["a", "b"], ["x", "y", "z"], "tiny")
    assert ok.props.description == "tiny"
