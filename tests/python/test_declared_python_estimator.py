# test_declared_python_estimator.py: an estimator written in Python
# declares the same facts as the library's own (mp-declarations.h), and
# the same contract holds: every way of breaking a declared array is
# refused with INVALID_STATE naming the field, through the property and
# from a saved file; hyperparameter constraints are checked at fit and at
# load.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import re

import numpy as np
import pytest
from gi.repository import GLib, GObject, ModelPersist

Role = ModelPersist.PropertyRole
Flags = ModelPersist.StateFlags


class NearestCentroid(ModelPersist.Estimator):
    """Predicts the class whose training mean is nearest."""
    __gtype_name__ = 'TestDeclaredNearestCentroid'

    shrink = GObject.Property(type=float, default=1.0)
    classes = GObject.Property(type=ModelPersist.Array)
    centroids = GObject.Property(type=ModelPersist.Array)
    counts = GObject.Property(type=ModelPersist.Array)
    n_samples = GObject.Property(type=GObject.TYPE_UINT64, default=0)

    def do_fit(self, x, y):
        x, y = np.asarray(x), np.asarray(y)
        classes = np.unique(y)
        self.classes = ModelPersist.Array(classes)
        self.centroids = ModelPersist.Array(
            np.array([x[y == c].mean(axis=0) * self.shrink for c in classes]))
        self.counts = ModelPersist.Array(np.array([(y == c).sum() for c in classes], dtype=np.int64))
        self.n_samples = len(y)
        return True

    def do_predict(self, x):
        d = ((np.asarray(x)[:, None, :] - np.asarray(self.centroids)[None]) ** 2).sum(axis=2)
        return ModelPersist.Array(np.asarray(self.classes)[d.argmin(axis=1)])


T = NearestCentroid.__gtype__
E = ModelPersist.Estimator
E.type_set_property_role(T, 'shrink', Role.HYPERPARAMETER, None)
for name in ('classes', 'centroids', 'counts', 'n-samples'):
    E.type_set_property_role(T, name, Role.FITTED, None)
E.type_set_kind(T, ModelPersist.EstimatorKind.CLASSIFIER)
E.type_declare_interval(T, 'shrink', 0.0, 1.0, ModelPersist.ConstraintFlags.MIN_EXCLUSIVE)
E.type_declare_array(T, 'classes', 'int64|float64', '(n_classes,)',
                     Flags.INCREASING | Flags.NON_EMPTY, None)
E.type_declare_array(T, 'centroids', 'float64', '(n_classes, n_features_in)', Flags.FINITE, None)
E.type_declare_array(T, 'counts', 'int64', '(n_classes,)', Flags.COUNTS, 'n_samples')
E.type_declare_symbol(T, 'n-samples', 'n_samples')

rng = np.random.default_rng(0)
X = np.vstack([rng.normal(c, 0.3, size=(20, 3)) for c in range(3)])
y = np.repeat([3, 5, 7], 20)


def describe_state(name):
    return E.type_describe_state(T, name)


def fitted():
    return NearestCentroid().fit(X, y)


def options():
    opts = ModelPersist.LoadOptions()
    opts.trust_type(T)
    return opts


def code_and_message(call):
    with pytest.raises(GLib.Error) as info:
        call()
    assert info.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return info.value.code, info.value.message


def test_descriptions():
    assert describe_state('centroids') == 'float64 (n_classes, n_features_in), finite'
    assert describe_state('counts') == 'int64 (n_classes,), counts summing to n_samples'
    assert (E.type_describe_constraint(T, 'shrink')
            == '> 0 and <= 1')


def breakages(description, original):
    """Broken replacements for an array, derived from its description."""
    dtypes, shape = re.match(r'(\S+) \(([^)]*)\)', description).groups()
    out = {'extra-dimension': original[..., None], 'dtype':
           original.astype(np.int32 if 'float64' in dtypes else np.float64)}
    for d, symbol in enumerate(s.strip() for s in shape.split(',') if s.strip()):
        grown = list(original.shape)
        grown[d] += 1
        out['dimension-%d' % d] = np.zeros(grown, dtype=original.dtype)
    if 'finite' in description or 'increasing' in description:
        bad = original.astype(np.float64).copy()
        bad.flat[bad.size // 2] = np.nan
        out['nan'] = bad
    if 'increasing' in description:
        out['unsorted'] = original[::-1].copy()
    if 'counts' in description:
        bad = original.copy()
        bad[0] += 1
        out['sum'] = bad
    return out


CASES = []
for name in ('classes', 'centroids', 'counts'):
    model = fitted()
    description = describe_state(name)
    for kind in breakages(description, np.asarray(getattr(model, name + '_'))):
        CASES.append((name, kind))


@pytest.mark.parametrize('name, kind', CASES)
def test_contract(name, kind):
    model = fitted()
    description = describe_state(name)
    broken = breakages(description, np.asarray(getattr(model, name + '_')))[kind]
    model.set_property(name, ModelPersist.Array(broken))
    code, message = code_and_message(lambda: model.predict(X))
    assert code == ModelPersist.Error.INVALID_STATE and name + '_' in message, message
    data = ModelPersist.dumps(model)
    code, message = code_and_message(lambda: ModelPersist.loads(data, options()))
    assert code == ModelPersist.Error.INVALID_STATE and name + '_' in message, message


def test_missing_array():
    model = fitted()
    model.set_property('counts', None)
    code, message = code_and_message(lambda: model.predict(X))
    assert (code, message) == (ModelPersist.Error.INVALID_STATE, 'counts_: missing')


def test_intact_model_round_trips():
    model = fitted()
    loaded = ModelPersist.loads(ModelPersist.dumps(model), options())
    np.testing.assert_array_equal(loaded.predict(X), y)


def test_hyperparameter_constraint():
    code, message = code_and_message(lambda: NearestCentroid(shrink=0.0).fit(X, y))
    assert code == ModelPersist.Error.INVALID_ARGUMENT
    assert message == 'shrink: must be > 0 and <= 1, got 0'
    # NaN cannot even be stored (GLib would warn and keep the old value).
    code, message = code_and_message(lambda: NearestCentroid(shrink=float('nan')))
    assert (code, message) == (ModelPersist.Error.INVALID_ARGUMENT, 'shrink: must be > 0 and <= 1, got nan')
    # A file that holds a value outside the constraint.
    model = fitted()
    text = ModelPersist.dumps(model)
    model.shrink = 2.0
    code, message = code_and_message(lambda: ModelPersist.loads(ModelPersist.dumps(model), options()))
    assert code == ModelPersist.Error.INVALID_STATE and 'shrink: must be > 0 and <= 1, got 2' in message
    assert ModelPersist.loads(text, options()).shrink == 1.0
