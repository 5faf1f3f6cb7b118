# test_feature_names.py: fitting on a pandas DataFrame records the column
# names, and predicting on columns that differ in names or order is an
# error, as in scikit-learn (before, reversed columns silently gave wrong
# predictions).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import warnings

import numpy as np
import pandas as pd
import pytest
import sklearn.datasets
import sklearn.neighbors
import sklearn.svm
from gi.repository import GLib, ModelPersist

iris = sklearn.datasets.load_iris(as_frame=True)
FRAME = iris.data
y = iris.target.to_numpy()

PAIRS = [
    (ModelPersist.SVC, sklearn.svm.SVC),
    (ModelPersist.KNeighborsClassifier, sklearn.neighbors.KNeighborsClassifier),
]


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


@pytest.mark.parametrize('ours, theirs', PAIRS)
def test_names_recorded(ours, theirs):
    model = ours().fit(FRAME, y)
    reference = theirs().fit(FRAME, y)
    np.testing.assert_array_equal(model.feature_names_in_, reference.feature_names_in_)
    assert model.feature_names_in_.dtype == object
    np.testing.assert_array_equal(model.predict(FRAME), reference.predict(FRAME))


@pytest.mark.parametrize('ours, theirs', PAIRS)
def test_reordered_or_renamed_columns_refused(ours, theirs):
    model = ours().fit(FRAME, y)
    reversed_frame = FRAME[FRAME.columns[::-1]]
    with pytest.raises(ValueError):
        theirs().fit(FRAME, y).predict(reversed_frame)
    with pytest.raises(GLib.Error) as info:
        model.predict(reversed_frame)
    assert error_code(info) == ModelPersist.Error.INVALID_INPUT
    assert 'same order' in info.value.message

    renamed = FRAME.rename(columns={'petal width (cm)': 'petal girth (cm)'})
    with pytest.raises(GLib.Error) as info:
        model.predict(renamed)
    assert 'Feature names unseen at fit time:\n- petal girth (cm)' in info.value.message
    with pytest.raises(GLib.Error):
        model.score(renamed, y)
    if hasattr(model, 'predict_proba') and ours is ModelPersist.KNeighborsClassifier:
        with pytest.raises(GLib.Error):
            model.predict_proba(renamed)


@pytest.mark.parametrize('ours, theirs', PAIRS)
def test_warnings_like_scikit_learn(ours, theirs):
    model = ours().fit(FRAME, y)
    with pytest.warns(UserWarning, match='does not have valid feature names'):
        model.predict(FRAME.to_numpy())
    unnamed = ours().fit(FRAME.to_numpy(), y)
    with pytest.raises(AttributeError):
        unnamed.feature_names_in_
    with pytest.warns(UserWarning, match='fitted without feature names'):
        unnamed.predict(FRAME)


def test_names_survive_saving_and_refit_forgets_them():
    model = ModelPersist.SVC().fit(FRAME, y)
    loaded = ModelPersist.loads(ModelPersist.dumps(model))
    np.testing.assert_array_equal(loaded.feature_names_in_, FRAME.columns)
    with pytest.raises(GLib.Error):
        loaded.predict(FRAME[FRAME.columns[::-1]])
    loaded.fit(FRAME.to_numpy(), y)
    with pytest.raises(AttributeError):
        loaded.feature_names_in_
