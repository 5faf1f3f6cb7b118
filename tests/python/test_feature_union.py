# test_feature_union.py: ModelPersist.FeatureUnion against scikit-learn's:
# every transformer on the whole input, outputs side by side, 'drop' and
# 'passthrough', inside a pipeline, the bridge both ways, persistence.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
import sklearn.base
import sklearn.datasets
import sklearn.neighbors
import sklearn.pipeline
import sklearn.preprocessing as skp
from gi.repository import GLib, ModelPersist
from gi.repository.ModelPersist import sklearn as bridge

CASES = {
    'two-scalers': [('std', 'standard'), ('mm', 'minmax')],
    'with-passthrough': [('raw', 'passthrough'), ('abs', 'maxabs')],
    'with-drop': [('gone', 'drop'), ('std', 'standard'), ('mm', 'minmax')],
}
SCALERS = {'standard': (ModelPersist.StandardScaler, skp.StandardScaler),
           'minmax': (ModelPersist.MinMaxScaler, skp.MinMaxScaler),
           'maxabs': (ModelPersist.MaxAbsScaler, skp.MaxAbsScaler)}


def make(case, mine):
    entries = [(name, what if what in ('drop', 'passthrough') else SCALERS[what][0 if mine else 1]())
               for name, what in CASES[case]]
    cls = ModelPersist.FeatureUnion if mine else sklearn.pipeline.FeatureUnion
    return cls(transformer_list=entries)


def load(name):
    return getattr(sklearn.datasets, 'load_' + name)(return_X_y=True)


@pytest.mark.parametrize('case', sorted(CASES))
@pytest.mark.parametrize('name', ['iris', 'wine', 'breast_cancer', 'digits', 'diabetes'])
def test_same_output_as_scikit_learn(case, name):
    X, _ = load(name)
    mine, theirs = make(case, True), make(case, False)
    np.testing.assert_allclose(mine.fit_transform(X), theirs.fit_transform(X), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(mine.transform(X[::3]), theirs.transform(X[::3]), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize('case', sorted(CASES))
def test_bridge_both_ways_and_saved(case, tmp_path):
    X, y = load('wine')
    theirs = sklearn.pipeline.Pipeline([('union', make(case, False)),
                                        ('knn', sklearn.neighbors.KNeighborsClassifier(algorithm='brute'))])
    theirs.fit(X, y)
    converted = bridge.from_sklearn(theirs)
    np.testing.assert_array_equal(converted.predict(X), theirs.predict(X))
    back = bridge.to_sklearn(converted)
    np.testing.assert_array_equal(back.predict(X), theirs.predict(X))
    for loaded in (ModelPersist.loads(ModelPersist.dumps(converted)),
                   ModelPersist.load(ModelPersist.dump(converted, str(tmp_path / 'u')) or str(tmp_path / 'u'))):
        np.testing.assert_array_equal(loaded.predict(X), theirs.predict(X))
    assert type(sklearn.base.clone(make(case, True))) is ModelPersist.FeatureUnion


def test_unfitted_member_refused_in_a_fitted_union():
    X, _ = load('iris')
    mine = make('two-scalers', True).fit(X)
    fresh = ModelPersist.EstimatorList.new()
    fresh.append('std', ModelPersist.StandardScaler().fit(X))
    fresh.append('mm', ModelPersist.MinMaxScaler())
    mine.set_property('transformer-list', fresh)
    with pytest.raises(GLib.Error) as info:
        mine.transform(X)
    assert info.value.code == int(ModelPersist.Error.INVALID_STATE)
    assert info.value.message == "transformer_list[1] ('mm'): is not fitted, in a fitted FeatureUnion"


def test_weights_refused_by_the_bridge():
    theirs = sklearn.pipeline.FeatureUnion([('s', skp.StandardScaler())], transformer_weights={'s': 2.0})
    with pytest.raises(GLib.Error) as info:
        bridge.from_sklearn(theirs)
    assert info.value.message.startswith('transformer_weights: ModelPersist.FeatureUnion has no such parameter')
