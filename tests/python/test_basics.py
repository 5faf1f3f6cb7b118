# test_basics.py: the foundation as Python users see it.
import numpy as np
import pytest
from gi.repository import GLib, ModelPersist


def make_array(values, shape):
    flat = np.ascontiguousarray(values, dtype=np.float64).ravel()
    return ModelPersist.Array.new_float64(flat.tolist(), shape)


def test_repr_is_sklearn_style():
    est = ModelPersist.DummyClassifier()
    assert repr(est) == "DummyClassifier(strategy='prior')"


def test_predict_before_fit_is_not_fitted():
    est = ModelPersist.DummyClassifier()
    x = make_array([[1.0, 2.0]], [1, 2])
    with pytest.raises(GLib.Error) as info:
        est.predict(x)
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_FITTED)


def test_fit_predict_roundtrip():
    est = ModelPersist.DummyClassifier(strategy=ModelPersist.DummyStrategy.MOST_FREQUENT)
    x = make_array(np.arange(10.0), [5, 2])
    y = ModelPersist.Array.new_int64([3, 1, 3, 2, 3], [5])
    assert est.fit(x, y)
    predicted = est.predict(x)      # the override returns numpy arrays
    assert predicted.shape == (5,)
    assert predicted.tolist() == [3] * 5
    assert est.props.n_features_in == 2


def test_wrong_feature_count_is_invalid_input():
    est = ModelPersist.DummyClassifier()
    est.fit(make_array(np.arange(10.0), [5, 2]), ModelPersist.Array.new_int64([0, 1, 0, 1, 0], [5]))
    with pytest.raises(GLib.Error) as info:
        est.predict(make_array(np.arange(3.0), [1, 3]))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
