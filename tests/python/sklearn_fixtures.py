# sklearn_fixtures.py: fitted scikit-learn estimators, one per supported
# configuration, for the pickle importer's conformance tests.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fixtures() returns a list of Fixture(name, make, X, method): make() builds
# and fits a scikit-learn estimator (deterministic: random_state
# everywhere), X is what to call est.<method>(X) on. Every fixture converts
# with ModelPersist.sklearn.from_sklearn() and the converted model's method
# gives the same output; run this file under `meson devenv` to check:
#
#   cd build && meson devenv -C . /usr/bin/python3 ../tests/python/sklearn_fixtures.py
#
# Only the classic datasets, kept small. Covers every entry of the
# bridge's CONVERSIONS table (checked by the self-check below).

import dataclasses
import functools
from typing import Any, Callable

import numpy as np


@dataclasses.dataclass(frozen=True)
class Fixture:
    name: str
    make: Callable[[], Any]
    X: Any
    method: str = 'predict'
    # for estimators that do not record it (DummyClassifier): what
    # from_sklearn(est, n_features_in=...) needs, and the importer too
    n_features_in: Any = None


@functools.lru_cache(maxsize=None)
def _load(name):
    from sklearn import datasets
    loader = getattr(datasets, 'load_' + name)
    X, y = loader(return_X_y=True)
    return X, y


def _data(name, n=None):
    X, y = _load(name)
    if n is not None:
        # every n-th sample: all classes of the sorted datasets stay in
        step = max(1, len(X) // n)
        X, y = X[::step][:n], y[::step][:n]
    return X.copy(), y.copy()


def _with_nans(X, fraction, seed):
    X = X.copy()
    X[np.random.RandomState(seed).rand(*X.shape) < fraction] = np.nan
    return X


def _people(n=60, seed=0):
    """A small table with numbers and text (string column names)."""
    import pandas as pd
    rng = np.random.RandomState(seed)
    return pd.DataFrame({
        'age': rng.randint(18, 80, n).astype(float),
        'income': rng.normal(40000, 9000, n).round(2),
        'height': rng.normal(170, 10, n).round(1),
        'city': rng.choice(['Lyon', 'Oslo', 'Kyiv', 'Porto'], n),
    })


def _text_columns(n=60, seed=0):
    rng = np.random.RandomState(seed)
    return np.column_stack([rng.choice(['red', 'green', 'blue'], n),
                            rng.choice(['S', 'M', 'L', 'XL'], n)]).astype(object)


def _fit(est, X, y=None):
    return est.fit(X) if y is None else est.fit(X, y)


def _categorical_diabetes():
    X, y = _data('diabetes')
    X[:, 1] = (X[:, 1] > 0).astype(float)
    X[:, 2] = np.digitize(X[:, 2], np.quantile(X[:, 2], [0.2, 0.4, 0.6, 0.8]))
    return X, y


def fixtures():
    import sklearn.compose
    import sklearn.decomposition
    import sklearn.dummy
    import sklearn.ensemble as ske
    import sklearn.impute
    import sklearn.linear_model as lm
    import sklearn.neighbors
    import sklearn.pipeline
    import sklearn.preprocessing as skp
    import sklearn.svm
    import sklearn.tree

    iris_X, iris_y = _data('iris')
    wine_X, wine_y = _data('wine')
    bc_X, bc_y = _data('breast_cancer', 200)
    digits_X, digits_y = _data('digits', 300)
    diab_X, diab_y = _data('diabetes', 200)
    iris_text_y = np.array(['setosa', 'versicolor', 'virginica'])[iris_y]
    iris_nan = _with_nans(iris_X, 0.1, 0)
    wine_nan = _with_nans(wine_X, 0.1, 1)
    cat_X, cat_y = _categorical_diabetes()
    text = _text_columns()
    people = _people()
    people_y = (people['income'] > 40000).astype(int).to_numpy()

    def wine_scaled():
        return skp.StandardScaler().fit_transform(wine_X)

    F = Fixture
    out = [
        # SVC / SVR
        F('svc-linear', lambda: sklearn.svm.SVC(kernel='linear').fit(iris_X, iris_y), iris_X,
          'decision_function'),
        F('svc-rbf-probability', lambda: sklearn.svm.SVC(probability=True, random_state=0)
          .fit(bc_X, bc_y), bc_X, 'predict_proba'),
        F('svc-string-labels', lambda: sklearn.svm.SVC(gamma='auto').fit(iris_X, iris_text_y), iris_X),
        F('svc-binary-poly', lambda: sklearn.svm.SVC(kernel='poly', degree=2, C=0.5)
          .fit(bc_X[:, :5], bc_y), bc_X[:, :5], 'decision_function'),
        F('svr-rbf', lambda: sklearn.svm.SVR(C=50.0).fit(diab_X, diab_y), diab_X),
        # LogisticRegression
        F('logistic-binary', lambda: lm.LogisticRegression(max_iter=5000).fit(bc_X, bc_y), bc_X,
          'predict_proba'),
        F('logistic-multinomial', lambda: lm.LogisticRegression(max_iter=1000).fit(iris_X, iris_y),
          iris_X, 'predict_proba'),
        F('logistic-string-labels-no-penalty',
          lambda: lm.LogisticRegression(penalty=None, max_iter=2000).fit(iris_X, iris_text_y), iris_X),
        # DummyClassifier
        F('dummy-prior', lambda: sklearn.dummy.DummyClassifier(strategy='prior').fit(iris_X, iris_y),
          iris_X, 'predict_proba', n_features_in=4),
        F('dummy-most-frequent', lambda: sklearn.dummy.DummyClassifier(strategy='most_frequent')
          .fit(wine_X, wine_y), wine_X, n_features_in=13),
        # KNeighborsClassifier
        # iris has duplicate samples: ties at the k-th distance, where only
        # scikit-learn's brute-force search chooses as ours does
        F('knn-uniform-brute', lambda: sklearn.neighbors.KNeighborsClassifier(
            n_neighbors=5, algorithm='brute').fit(iris_X, iris_y), iris_X, 'predict_proba'),
        F('knn-distance', lambda: sklearn.neighbors.KNeighborsClassifier(weights='distance')
          .fit(wine_X, wine_y), wine_X[::3] + 0.01),
        F('knn-p1-kdtree', lambda: sklearn.neighbors.KNeighborsClassifier(
            n_neighbors=3, p=1, algorithm='kd_tree').fit(wine_X, wine_y), wine_X[::3] + 0.01),
        F('knn-ball-tree-string-labels', lambda: sklearn.neighbors.KNeighborsClassifier(
            algorithm='ball_tree').fit(iris_X, iris_text_y), iris_X + 0.013),
        # VotingClassifier
        F('voting-hard', lambda: ske.VotingClassifier([
            ('lr', lm.LogisticRegression(max_iter=1000)),
            ('tree', sklearn.tree.DecisionTreeClassifier(max_depth=3, random_state=0)),
            ('knn', sklearn.neighbors.KNeighborsClassifier())]).fit(iris_X, iris_y), iris_X),
        F('voting-soft', lambda: ske.VotingClassifier([
            ('lr', lm.LogisticRegression(max_iter=1000)),
            ('svc', sklearn.svm.SVC(probability=True, random_state=0)),
            ('dummy', sklearn.dummy.DummyClassifier()),
            ('off', 'drop')], voting='soft', weights=[2, 1, 1, 1]).fit(iris_X, iris_text_y),
          iris_X, 'predict_proba'),
        # Pipeline
        F('pipeline-scaler-svc', lambda: sklearn.pipeline.make_pipeline(
            skp.StandardScaler(), sklearn.svm.SVC()).fit(wine_X, wine_y), wine_X, 'decision_function'),
        F('pipeline-imputer-scaler-logistic', lambda: sklearn.pipeline.Pipeline([
            ('impute', sklearn.impute.SimpleImputer()), ('scale', skp.StandardScaler()),
            ('none', None), ('pass', 'passthrough'),
            ('lr', lm.LogisticRegression(max_iter=1000))]).fit(wine_nan, wine_y),
          wine_nan, 'predict_proba'),
        F('pipeline-pca-linear-regression', lambda: sklearn.pipeline.make_pipeline(
            sklearn.decomposition.PCA(n_components=5), lm.LinearRegression()).fit(diab_X, diab_y),
          diab_X),
        # FeatureUnion
        F('feature-union', lambda: sklearn.pipeline.FeatureUnion([
            ('pca', sklearn.decomposition.PCA(n_components=2)), ('scale', skp.MinMaxScaler()),
            ('id', 'passthrough'), ('gone', 'drop')]).fit(iris_X), iris_X, 'transform'),
        # ColumnTransformer on a DataFrame
        F('column-transformer-passthrough', lambda: sklearn.compose.ColumnTransformer([
            ('city', skp.OneHotEncoder(sparse_output=False, handle_unknown='ignore'), ['city']),
            ('num', skp.StandardScaler(), ['age', 'income'])], remainder='passthrough').fit(people),
          people, 'transform'),
        F('column-transformer-drop', lambda: sklearn.compose.ColumnTransformer([
            ('city', skp.OrdinalEncoder(), ['city']),
            ('num', skp.RobustScaler(), ['height'])], remainder='drop').fit(people),
          people, 'transform'),
        F('pipeline-column-transformer-logistic', lambda: sklearn.pipeline.make_pipeline(
            sklearn.compose.ColumnTransformer([
                ('city', skp.OneHotEncoder(sparse_output=False), ['city']),
                ('num', skp.StandardScaler(), ['age', 'income', 'height'])]),
            lm.LogisticRegression(max_iter=1000)).fit(people, people_y), people, 'predict_proba'),
        # scalers
        F('standard-scaler', lambda: skp.StandardScaler().fit(wine_X), wine_X, 'transform'),
        F('standard-scaler-no-mean', lambda: skp.StandardScaler(with_mean=False).fit(wine_X), wine_X,
          'transform'),
        F('min-max-scaler', lambda: skp.MinMaxScaler(feature_range=(-1, 2)).fit(wine_X), wine_X,
          'transform'),
        F('max-abs-scaler', lambda: skp.MaxAbsScaler().fit(diab_X), diab_X, 'transform'),
        F('robust-scaler', lambda: skp.RobustScaler().fit(wine_X), wine_X, 'transform'),
        F('robust-scaler-quantiles', lambda: skp.RobustScaler(quantile_range=(10.0, 90.0),
                                                              with_centering=False).fit(diab_X),
          diab_X, 'transform'),
        # linear models
        F('linear-regression', lambda: lm.LinearRegression().fit(diab_X, diab_y), diab_X),
        F('linear-regression-positive', lambda: lm.LinearRegression(positive=True).fit(diab_X, diab_y),
          diab_X),
        F('ridge', lambda: lm.Ridge(alpha=0.5).fit(diab_X, diab_y), diab_X),
        F('lasso', lambda: lm.Lasso(alpha=0.1).fit(diab_X, diab_y), diab_X),
        F('elastic-net', lambda: lm.ElasticNet(alpha=0.01, l1_ratio=0.3, fit_intercept=False)
          .fit(diab_X, diab_y), diab_X),
        # encoders
        F('label-encoder-int', lambda: skp.LabelEncoder().fit(wine_y), wine_y, 'transform'),
        F('label-encoder-text', lambda: skp.LabelEncoder().fit(iris_text_y), iris_text_y, 'transform'),
        F('one-hot-numbers', lambda: skp.OneHotEncoder(sparse_output=False).fit(cat_X[:, 1:3]),
          cat_X[:, 1:3], 'transform'),
        F('one-hot-text-drop-first', lambda: skp.OneHotEncoder(drop='first').fit(text), text,
          'transform'),
        F('one-hot-text-if-binary', lambda: skp.OneHotEncoder(
            drop='if_binary', sparse_output=False).fit(np.column_stack([text[:, 0], text[:, 0] == 'red'])
                                                       .astype(str)),
          np.column_stack([text[:, 0], text[:, 0] == 'red']).astype(str), 'transform'),
        F('ordinal-numbers', lambda: skp.OrdinalEncoder().fit(cat_X[:, 1:3]), cat_X[:, 1:3],
          'transform'),
        F('ordinal-text-unknown', lambda: skp.OrdinalEncoder(
            handle_unknown='use_encoded_value', unknown_value=-1).fit(text[:40]), text, 'transform'),
        # trees
        F('tree-classifier-iris', lambda: sklearn.tree.DecisionTreeClassifier(random_state=0)
          .fit(iris_X, iris_y), iris_X, 'predict_proba'),
        F('tree-classifier-max-leaf-nodes', lambda: sklearn.tree.DecisionTreeClassifier(
            max_leaf_nodes=8, criterion='entropy', random_state=0).fit(digits_X, digits_y), digits_X,
          'predict_proba'),
        F('tree-regressor-diabetes', lambda: sklearn.tree.DecisionTreeRegressor(
            max_depth=6, random_state=0).fit(diab_X, diab_y), diab_X),
        F('tree-regressor-max-leaf-nodes', lambda: sklearn.tree.DecisionTreeRegressor(
            max_leaf_nodes=10, random_state=0).fit(diab_X, diab_y), diab_X),
        # forests
        F('random-forest-classifier', lambda: ske.RandomForestClassifier(
            n_estimators=8, max_depth=5, random_state=0).fit(wine_X, wine_y), wine_X, 'predict_proba'),
        F('random-forest-classifier-oob-strings', lambda: ske.RandomForestClassifier(
            n_estimators=10, oob_score=True, random_state=1).fit(iris_X, iris_text_y), iris_X,
          'predict_proba'),
        F('random-forest-regressor', lambda: ske.RandomForestRegressor(
            n_estimators=6, max_depth=6, random_state=0).fit(diab_X, diab_y), diab_X),
        F('extra-trees-classifier', lambda: ske.ExtraTreesClassifier(
            n_estimators=7, random_state=0).fit(bc_X, bc_y), bc_X, 'predict_proba'),
        F('extra-trees-regressor', lambda: ske.ExtraTreesRegressor(
            n_estimators=5, max_depth=5, random_state=0).fit(diab_X, diab_y), diab_X),
        # gradient boosting
        F('gradient-boosting-binary', lambda: ske.GradientBoostingClassifier(
            n_estimators=10, max_depth=2, random_state=0).fit(bc_X, bc_y), bc_X, 'predict_proba'),
        F('gradient-boosting-multiclass', lambda: ske.GradientBoostingClassifier(
            n_estimators=8, max_depth=2, random_state=0).fit(iris_X, iris_y), iris_X, 'predict_proba'),
        F('gradient-boosting-multiclass-subsample-zero', lambda: ske.GradientBoostingClassifier(
            n_estimators=6, subsample=0.7, init='zero', random_state=0).fit(wine_X, wine_text_y()),
          wine_X, 'decision_function'),
        F('gradient-boosting-huber', lambda: ske.GradientBoostingRegressor(
            loss='huber', n_estimators=10, max_depth=3, random_state=0).fit(diab_X, diab_y), diab_X),
        F('gradient-boosting-squared-error', lambda: ske.GradientBoostingRegressor(
            n_estimators=10, random_state=0).fit(diab_X, diab_y), diab_X),
        # histogram gradient boosting
        F('hgb-classifier-nan', lambda: ske.HistGradientBoostingClassifier(
            max_iter=10, random_state=0).fit(iris_nan, iris_y), iris_nan, 'predict_proba'),
        F('hgb-classifier-binary', lambda: ske.HistGradientBoostingClassifier(
            max_iter=10, max_leaf_nodes=8, random_state=0).fit(bc_X, bc_y), bc_X, 'predict_proba'),
        F('hgb-regressor', lambda: ske.HistGradientBoostingRegressor(
            max_iter=15, random_state=0).fit(diab_X, diab_y), diab_X),
        F('hgb-regressor-categorical', lambda: ske.HistGradientBoostingRegressor(
            max_iter=15, categorical_features=[1, 2], random_state=0).fit(cat_X, cat_y), cat_X),
        # SimpleImputer
        F('imputer-mean', lambda: sklearn.impute.SimpleImputer().fit(wine_nan), wine_nan, 'transform'),
        F('imputer-median', lambda: sklearn.impute.SimpleImputer(strategy='median').fit(wine_nan),
          wine_nan, 'transform'),
        F('imputer-most-frequent', lambda: sklearn.impute.SimpleImputer(
            strategy='most_frequent', add_indicator=True).fit(iris_nan), iris_nan, 'transform'),
        F('imputer-constant', lambda: sklearn.impute.SimpleImputer(
            strategy='constant', fill_value=-1.0).fit(iris_nan), iris_nan, 'transform'),
        # PCA
        F('pca', lambda: sklearn.decomposition.PCA(n_components=3).fit(wine_scaled()), wine_scaled(),
          'transform'),
        F('pca-whiten-fraction', lambda: sklearn.decomposition.PCA(
            n_components=0.9, whiten=True, svd_solver='full').fit(digits_X), digits_X, 'transform'),
    ]
    return out


def wine_text_y():
    return np.array(['barolo', 'grignolino', 'barbera'])[_load('wine')[1]]


# ---------------------------------------------------------------------------
# Self-check: every fixture converts and the converted model agrees.

def _dense(value):
    return value.toarray() if hasattr(value, 'toarray') else np.asarray(value)


def _same(ours, theirs):
    ours, theirs = _dense(ours), _dense(theirs)
    if theirs.dtype.kind in 'OUS':
        return ours.shape == theirs.shape and \
            [str(v) for v in ours.ravel()] == [str(v) for v in theirs.ravel()]
    return ours.shape == theirs.shape and np.allclose(ours.astype(float), theirs.astype(float),
                                                      rtol=1e-7, atol=1e-9, equal_nan=True)


def main():
    import sys
    import time
    from gi.repository import ModelPersist
    bridge = ModelPersist.sklearn

    start = time.perf_counter()
    seen, failures = set(), 0
    all_fixtures = fixtures()
    for fixture in all_fixtures:
        est = fixture.make()
        seen.add('%s.%s' % (type(est).__module__, type(est).__qualname__))
        for inner in _members(est):
            seen.add('%s.%s' % (type(inner).__module__, type(inner).__qualname__))
        try:
            model = bridge.from_sklearn(est, n_features_in=fixture.n_features_in)
            ok = _same(getattr(model, fixture.method)(fixture.X), getattr(est, fixture.method)(fixture.X))
            message = '' if ok else 'outputs differ'
        except Exception as e:  # noqa: BLE001 (report, go on)
            ok, message = False, '%s: %s' % (type(e).__name__, e)
        failures += not ok
        print('%-46s %-18s %s %s' % (fixture.name, fixture.method, 'ok' if ok else 'FAIL', message))
    import importlib
    public = set()
    for path, _ in bridge.conversions():
        module, _, name = path.rpartition('.')
        cls = getattr(importlib.import_module(module), name)
        public.add(('%s.%s' % (cls.__module__, cls.__qualname__), path))
    missing = sorted(path for private, path in public if private not in seen)
    print('%d fixtures, %d failed, %.1f s; conversions not covered: %s'
          % (len(all_fixtures), failures, time.perf_counter() - start, missing or 'none'))
    sys.exit(1 if failures or missing else 0)


def _members(est):
    """Estimators nested in a composite, recursively."""
    found = []
    for attr in ('steps', 'transformer_list', 'estimators'):
        for entry in getattr(est, attr, None) or []:
            member = entry[1]
            if not isinstance(member, str) and member is not None:
                found.append(member)
                found.extend(_members(member))
    for entry in getattr(est, 'transformers', None) or []:
        if not isinstance(entry[1], str):
            found.append(entry[1])
            found.extend(_members(entry[1]))
    return found


if __name__ == '__main__':
    main()
