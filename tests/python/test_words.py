# test_words.py: word-valued hyperparameters (kernel, strategy, weights...)
# take scikit-learn's words, keep a word that is not allowed as given, and
# refuse it where hyperparameters are checked: fit, and loading a file.
#
# The parameters are found from the declarations (every built-in estimator
# class in the namespace, every hyperparameter with declared words), so a
# new one is covered without editing this file.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn.datasets
from gi.repository import GLib, GObject, ModelPersist
from gi.repository.ModelPersist import sklearn as bridge

X, Y = sklearn.datasets.load_iris(return_X_y=True)
HYPERPARAMETER = ModelPersist.PropertyRole.HYPERPARAMETER


def estimator_classes():
    for name in sorted(dir(ModelPersist)):
        klass = getattr(ModelPersist, name)
        if (isinstance(klass, type) and issubclass(klass, ModelPersist.Estimator) and
                klass is not ModelPersist.Estimator and not klass.__gtype__.is_abstract()):
            yield klass


def example(klass, **params):
    """An estimator of @klass that fit accepts (a composite gets its
    declared example members), with @params set."""
    return ModelPersist.Estimator.type_new_example(klass.__gtype__).set_params(**params)


def word_params():
    """(class, display name, property name, words) for every declared word list."""
    found = []
    for klass in estimator_classes():
        est = klass()
        for name in est.list_param_names(HYPERPARAMETER):
            pspec = est.find_param(name)
            words = ModelPersist.Estimator.type_list_words(klass.__gtype__, pspec.name)
            if words:
                found.append((klass, name, pspec.name, list(words)))
    return found


WORD_PARAMS = word_params()
IDS = ['%s.%s' % (klass.__name__, name) for klass, name, _, _ in WORD_PARAMS]


def error_code(info):
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code


def test_the_declarations_are_found():
    assert ('SVC', 'kernel') in [(k.__name__, n) for k, n, _, _ in WORD_PARAMS]
    assert ModelPersist.Estimator.type_list_words(ModelPersist.SVC.__gtype__, 'kernel') == \
        ['linear', 'poly', 'rbf', 'sigmoid']


@pytest.mark.parametrize('klass, name, prop, words', WORD_PARAMS, ids=IDS)
def test_each_word_round_trips(klass, name, prop, words):
    for word in words:
        est = example(klass, **{name: word})
        assert getattr(est, name) == word
        assert est.get_params()[name] == word
        assert est.get_property(prop) == word
        other = example(klass)
        other.set_params(**{name: word})
        assert other.get_property(prop) == word
        est.fit(X, Y)
        loaded = ModelPersist.loads(ModelPersist.dumps(est))
        assert loaded.get_params()[name] == word


# Words the bridge spells another way for scikit-learn: LogisticRegression's
# 'none' penalty is scikit-learn 1.2's None (its 'none' is deprecated).
SKLEARN_SPELLINGS = {('LogisticRegression', 'penalty', 'none'): None}


@pytest.mark.parametrize('klass, name, prop, words', WORD_PARAMS, ids=IDS)
def test_each_word_is_scikit_learns(klass, name, prop, words):
    # Our words are scikit-learn's spellings: the scikit-learn counterpart
    # takes each of them and fits.
    for word in words:
        theirs = bridge.to_sklearn(example(klass, **{name: word}))
        expected = SKLEARN_SPELLINGS.get((klass.__name__, name, word), word)
        assert theirs.get_params()[name] == expected
        theirs.fit(X, Y)


@pytest.mark.parametrize('klass, name, prop, words', WORD_PARAMS, ids=IDS)
def test_a_wrong_word_is_kept_and_refused(klass, name, prop, words):
    wrong = words[0].upper()
    for est in (example(klass, **{name: wrong}), example(klass).set_params(**{name: wrong})):
        assert getattr(est, name) == wrong
        assert est.get_params()[name] == wrong
        assert est.get_property(prop) == wrong
        assert ("%s=%r" % (name, wrong)) in repr(est)
        with pytest.raises(GLib.Error) as info:
            est.fit(X, Y)
        assert error_code(info) == ModelPersist.Error.INVALID_ARGUMENT
        assert info.value.message.startswith(name + ': ')
        assert repr(wrong) in info.value.message
        for word in words:
            assert repr(word) in info.value.message
        assert not est.__sklearn_is_fitted__()


@pytest.mark.parametrize('klass, name, prop, words', WORD_PARAMS, ids=IDS)
def test_a_wrong_word_in_a_file_is_refused(klass, name, prop, words):
    est = example(klass).fit(X, Y)
    est.set_params(**{name: words[0].upper()})
    data = ModelPersist.dumps(est)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.loads(data)
    assert error_code(info) == ModelPersist.Error.INVALID_STATE
    assert (': %s: ' % name) in info.value.message


def test_an_enum_member_stands_for_its_word():
    svc = ModelPersist.SVC(kernel=ModelPersist.SVMKernel.POLY)
    assert svc.kernel == 'poly'
    svc.set_params(decision_function_shape=ModelPersist.DecisionFunctionShape.OVO)
    assert svc.get_params()['decision_function_shape'] == 'ovo'
    svc.kernel = ModelPersist.SVMKernel.LINEAR
    assert svc.props.kernel == 'linear'


def test_the_property_is_a_string():
    # what GJS and the raw GObject view see
    pspec = ModelPersist.SVC.find_property('kernel')
    assert pspec.value_type == GObject.TYPE_STRING
    assert pspec.default_value == 'rbf'
    svc = ModelPersist.SVC()
    svc.props.kernel = 'poly'
    assert svc.props.kernel == 'poly'
    assert np.array_equal(svc.fit(X, Y).predict(X[:3]), [0, 0, 0])
