# test_python_composite.py: a composite written in Python declares its
# children at run time (mp_estimator_type_declare_child), and gets what
# the library's composites get: the declared checks at fit and at load,
# a deep clone, get_params(deep=True) and set_params through the children,
# the string form, and persistence with its children.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn.base
import sklearn.datasets
from gi.repository import GLib, GObject, ModelPersist

Role = ModelPersist.PropertyRole
E = ModelPersist.Estimator


class Fallback(ModelPersist.Estimator):
    """Predicts with its first member, or with `backup` where the first
    member's class is in `doubtful`."""
    __gtype_name__ = 'TestPythonFallback'

    members = GObject.Property(type=ModelPersist.EstimatorList)
    backup = GObject.Property(type=ModelPersist.Estimator)
    fitted_members = GObject.Property(type=ModelPersist.EstimatorList)

    def do_fit(self, x, y):
        fitted = ModelPersist.EstimatorList.new()
        for i in range(self.members.get_n_items()):
            fitted.append(None, self.members.get_estimator(i).clone().fit(x, y))
        self.fitted_members = fitted
        return True

    def do_predict(self, x):
        return ModelPersist.Array(self.fitted_members.get_estimator(0).predict(x))


T = Fallback.__gtype__
E.type_set_property_role(T, 'members', Role.HYPERPARAMETER, None)
E.type_set_property_role(T, 'backup', Role.HYPERPARAMETER, None)
E.type_set_property_role(T, 'fitted-members', Role.FITTED, 'members_')
E.type_set_kind(T, ModelPersist.EstimatorKind.CLASSIFIER)
E.type_declare_child(T, 'members', ModelPersist.Estimator.__gtype__, ['drop'],
                     ModelPersist.ChildFlags.NAMED | ModelPersist.ChildFlags.REQUIRED)
E.type_declare_child(T, 'backup', ModelPersist.DummyClassifier.__gtype__, None,
                     ModelPersist.ChildFlags.NONE)
E.type_declare_child(T, 'fitted-members', ModelPersist.Estimator.__gtype__, None,
                     ModelPersist.ChildFlags.REQUIRED)

X, y = sklearn.datasets.load_iris(return_X_y=True)


def make():
    return Fallback(members=[('knn', ModelPersist.KNeighborsClassifier(n_neighbors=3)),
                             ('svc', ModelPersist.SVC())],
                    backup=ModelPersist.DummyClassifier())


def options():
    opts = ModelPersist.LoadOptions()
    opts.trust_type(T)
    return opts


def refusal(call):
    with pytest.raises(GLib.Error) as info:
        call()
    return info.value.code, info.value.message


def test_surface():
    est = make()
    assert repr(est) == ("TestPythonFallback(backup=DummyClassifier(strategy='prior'), "
                         "members=[('knn', KNeighborsClassifier(algorithm='brute', n_neighbors=3, "
                         "p=2, weights='uniform')), ('svc', SVC(C=1.0, cache_size=200, "
                         "class_weight=None, coef0=0.0, decision_function_shape='ovr', degree=3, "
                         "gamma='scale', kernel='rbf', max_iter=-1, probability=False, "
                         "random_state=None, shrinking=True, tol=0.001, verbose=False))])")
    params = est.get_params(deep=True)
    assert params['knn__n_neighbors'] == 3 and params['backup__strategy'] == 'prior'
    est.set_params(svc__C=2.0, backup__strategy='most_frequent')
    # (a Python class's own properties read as the raw GObject values;
    # get_params gives scikit-learn's spelling)
    members = est.get_params()['members']
    assert members[1][1].C == 2.0 and est.backup.strategy == 'most_frequent'
    copy = sklearn.base.clone(est)
    assert repr(copy) == repr(est) and copy.get_params()['members'][0][1] is not members[0][1]


def test_declared_checks_at_fit():
    est = make()
    est.backup = ModelPersist.SVC()
    code, message = refusal(lambda: est.fit(X, y))
    assert code == ModelPersist.Error.INVALID_ARGUMENT
    assert message == 'backup: must be a MpDummyClassifier, got a MpSVC'
    est = Fallback(members=[ModelPersist.SVC()])
    code, message = refusal(lambda: est.fit(X, y))
    assert (code, message) == (ModelPersist.Error.INVALID_ARGUMENT, 'members: every entry needs a name')
    est = Fallback(members=[('a', 'passthrough')])
    code, message = refusal(lambda: est.fit(X, y))
    assert message == "members[0]: must be an estimator or one of 'drop', got 'passthrough'"


def test_saved_and_loaded_with_children():
    est = make().fit(X, y)
    loaded = ModelPersist.loads(ModelPersist.dumps(est), options())
    assert repr(loaded) == repr(est)
    np.testing.assert_array_equal(loaded.predict(X), est.predict(X))
    fitted = loaded.fitted_members
    assert fitted.get_n_items() == 2 and fitted.get_estimator(1).is_fitted()


def test_a_member_changed_after_fit_is_checked_again():
    est = make().fit(X, y)
    est.predict(X)
    member = est.fitted_members.get_estimator(0)
    member.set_property('n-features-in', 2)
    code, message = refusal(lambda: est.predict(X))
    assert code == ModelPersist.Error.INVALID_STATE and message.startswith('members_[0]')
