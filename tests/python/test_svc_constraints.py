# test_svc_constraints.py: SVC's hyperparameters take any value, as a
# scikit-learn estimator's attributes do, and are checked against
# scikit-learn's constraints where they are used: by fit and by an entry
# point after a change (INVALID_ARGUMENT), by the loader (INVALID_STATE),
# each time naming the parameter.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import math

import pytest
import sklearn.datasets
from gi.repository import GLib, ModelPersist

X, Y = sklearn.datasets.load_iris(return_X_y=True)


def refusal(call):
    with pytest.raises(GLib.Error) as info:
        call()
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code, info.value.message


def test_nan_is_stored_and_refused_by_fit():
    clf = ModelPersist.SVC()
    clf.C = float('nan')        # used to print a GLib warning and keep 1.0
    assert math.isnan(clf.C)
    assert 'C=nan' in repr(clf)
    code, message = refusal(lambda: clf.fit(X, Y))
    assert code == ModelPersist.Error.INVALID_ARGUMENT
    assert message == 'C: must be a finite number > 0, got nan'

    code, message = refusal(lambda: ModelPersist.SVC(C=float('nan')).fit(X, Y))
    assert code == ModelPersist.Error.INVALID_ARGUMENT and message.startswith('C: ')


@pytest.mark.parametrize('name, value', [
    ('C', -1.0), ('C', 0), ('tol', 0.0), ('cache_size', 0), ('coef0', float('inf')),
    ('degree', -1), ('max_iter', -2), ('random_state', -2), ('gamma', -0.5), ('gamma', 'fast'),
    ('class_weight', 'heavy'),
])
def test_refused_by_fit(name, value):
    clf = ModelPersist.SVC(**{name: value})
    code, message = refusal(lambda: clf.fit(X, Y))
    assert code == ModelPersist.Error.INVALID_ARGUMENT
    assert message.startswith(name + ': ')


def test_changed_after_fit_is_refused_where_used():
    clf = ModelPersist.SVC().fit(X, Y)
    clf.C = -1.0
    code, message = refusal(lambda: clf.predict(X[:3]))
    assert code == ModelPersist.Error.INVALID_ARGUMENT and message.startswith('C: ')
    clf.C = 1.0
    assert clf.predict(X[:3]).tolist() == [0, 0, 0]


@pytest.mark.parametrize('fitted', [False, True])
@pytest.mark.parametrize('name, value', [('C', -1.0), ('coef0', float('inf')), ('gamma', '-1'),
                                         ('random_state', -5)])
def test_refused_at_load(fitted, name, value):
    clf = ModelPersist.SVC()
    if fitted:
        clf.fit(X, Y)
    setattr(clf, name, value)
    data = ModelPersist.dumps(clf)     # the writer keeps the checksums valid
    code, message = refusal(lambda: ModelPersist.loads(data))
    assert code == ModelPersist.Error.INVALID_STATE
    assert ' %s: must be ' % name in message
