# test_model_selection.py: splitters, train_test_split, cross_val_score and
# the metrics against scikit-learn 1.2.1 itself.
import warnings

import numpy as np
import pytest
import sklearn.datasets
import sklearn.dummy
import sklearn.metrics
import sklearn.model_selection as skms
from gi.repository import GLib, ModelPersist

SEEDS = [0, 1, 7, 42, 12345, 2**32 - 1]


def to_numpy(array):
    # The override already returns numpy; MpArray also supports __array__.
    return np.asarray(array)


def from_numpy(values):
    values = np.ascontiguousarray(values)
    shape = list(values.shape)
    if values.dtype.kind in "iub":
        return ModelPersist.Array.new_int64(values.astype(np.int64).ravel().tolist(), shape)
    return ModelPersist.Array.new_float64(values.astype(np.float64).ravel().tolist(), shape)


def our_splits(splitter, n_samples, y=None):
    train, test = splitter.split(n_samples, None if y is None else from_numpy(y))
    return [(to_numpy(a), to_numpy(b)) for a, b in zip(train, test)]


def assert_same_splits(ours, theirs):
    theirs = list(theirs)
    assert len(ours) == len(theirs)
    for (our_train, our_test), (train, test) in zip(ours, theirs):
        assert np.array_equal(our_train, train)
        assert np.array_equal(our_test, test)


def iris_y():
    return sklearn.datasets.load_iris().target


LABEL_SETS = {
    "iris": iris_y,
    "wine": lambda: sklearn.datasets.load_wine().target,
    "breast_cancer": lambda: sklearn.datasets.load_breast_cancer().target,
    "digits": lambda: sklearn.datasets.load_digits().target,
    # Unsorted, imbalanced, with labels that are neither small nor sorted.
    "imbalanced": lambda: np.random.RandomState(3).choice([7, -2, 40], size=97, p=[0.6, 0.3, 0.1]),
    "float-labels": lambda: np.random.RandomState(4).choice([0.0, 2.0, 5.0], size=61),
}


@pytest.mark.parametrize("n_samples", [2, 5, 10, 17, 150, 1000])
@pytest.mark.parametrize("n_splits", [2, 3, 5])
def test_kfold_unshuffled(n_samples, n_splits):
    if n_splits > n_samples:
        pytest.skip("more folds than samples")
    ours = our_splits(ModelPersist.KFold.new(n_splits, False, -1), n_samples)
    assert_same_splits(ours, skms.KFold(n_splits).split(np.zeros(n_samples)))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_samples, n_splits", [(10, 3), (150, 5), (1797, 10)])
def test_kfold_shuffled(seed, n_samples, n_splits):
    ours = our_splits(ModelPersist.KFold.new(n_splits, True, seed), n_samples)
    theirs = skms.KFold(n_splits, shuffle=True, random_state=seed).split(np.zeros(n_samples))
    assert_same_splits(ours, theirs)


@pytest.mark.parametrize("labels", sorted(LABEL_SETS))
@pytest.mark.parametrize("n_splits", [2, 3, 5, 10])
def test_stratified_unshuffled(labels, n_splits):
    y = LABEL_SETS[labels]()
    ours = our_splits(ModelPersist.StratifiedKFold.new(n_splits, False, -1), len(y), y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        theirs = list(skms.StratifiedKFold(n_splits).split(np.zeros(len(y)), y))
    assert_same_splits(ours, theirs)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("labels", sorted(LABEL_SETS))
def test_stratified_shuffled(seed, labels):
    y = LABEL_SETS[labels]()
    ours = our_splits(ModelPersist.StratifiedKFold.new(5, True, seed), len(y), y)
    theirs = skms.StratifiedKFold(5, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)
    assert_same_splits(ours, theirs)


def test_stratified_with_a_class_smaller_than_n_splits():
    # scikit-learn warns and splits; so do we.
    y = np.array([0] * 8 + [1] * 2)
    ours = our_splits(ModelPersist.StratifiedKFold.new(3, False, -1), len(y), y)
    with pytest.warns(UserWarning):
        theirs = list(skms.StratifiedKFold(3).split(np.zeros(len(y)), y))
    assert_same_splits(ours, theirs)


def test_stratified_every_class_too_small():
    y = np.array([0, 0, 1, 1])
    with pytest.raises(ValueError):
        list(skms.StratifiedKFold(3).split(np.zeros(4), y))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.StratifiedKFold.new(3, False, -1).split(4, from_numpy(y))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert "n_splits=3" in info.value.message


@pytest.mark.parametrize("kind", ["KFold", "StratifiedKFold"])
@pytest.mark.parametrize("n_splits, shuffle, seed", [(5, False, None), (3, True, 0), (10, True, 99)])
def test_string_form_is_sklearn_repr(kind, n_splits, shuffle, seed):
    ours = getattr(ModelPersist, kind).new(n_splits, shuffle, -1 if seed is None else seed)
    theirs = getattr(skms, kind)(n_splits, shuffle=shuffle, random_state=seed)
    assert ours.to_string() == repr(theirs)


def test_splitter_properties_are_plain_attributes():
    kfold = ModelPersist.KFold(n_splits=4, shuffle=True, random_state=3)
    assert kfold.props.n_splits == 4
    assert kfold.props.shuffle is True
    assert kfold.props.random_state == 3
    assert kfold.get_n_splits() == 4
    assert kfold.to_string() == "KFold(n_splits=4, random_state=3, shuffle=True)"


@pytest.mark.parametrize("n_splits, shuffle, seed, n_samples, code", [
    (1, False, -1, 10, ModelPersist.Error.INVALID_ARGUMENT),
    (2, False, 5, 10, ModelPersist.Error.INVALID_ARGUMENT),
    (11, False, -1, 10, ModelPersist.Error.INVALID_INPUT),
])
def test_kfold_errors_mirror_sklearn(n_splits, shuffle, seed, n_samples, code):
    with pytest.raises(ValueError):
        list(skms.KFold(n_splits, shuffle=shuffle,
                        random_state=None if seed == -1 else seed).split(np.zeros(n_samples)))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.KFold.new(n_splits, shuffle, seed).split(n_samples, None)
    assert info.value.code == code


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("test_size", [0.1, 0.25, 0.33, 0.5, 0.9])
def test_train_test_split_indices(seed, test_size):
    n = 150
    train, test = ModelPersist.train_test_split_indices(n, test_size, seed, None)
    their_train, their_test = skms.train_test_split(np.arange(n), test_size=test_size,
                                                    random_state=seed)
    assert np.array_equal(to_numpy(train), their_train)
    assert np.array_equal(to_numpy(test), their_test)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("labels", sorted(LABEL_SETS))
@pytest.mark.parametrize("test_size", [0.2, 0.25, 0.37])
def test_train_test_split_stratified(seed, labels, test_size):
    y = LABEL_SETS[labels]()
    train, test = ModelPersist.train_test_split_indices(len(y), test_size, seed, from_numpy(y))
    their_train, their_test = skms.train_test_split(np.arange(len(y)), test_size=test_size,
                                                    random_state=seed, stratify=y)
    assert np.array_equal(to_numpy(train), their_train)
    assert np.array_equal(to_numpy(test), their_test)


@pytest.mark.parametrize("seed", [0, 5, 31])
def test_train_test_split_stratified_ties(seed):
    # Equal class sizes leave equal remainders: the leftover draws are
    # given out at random, which must follow sklearn draw for draw.
    y = np.repeat([0, 1, 2, 3, 4, 5, 6], 7)
    for test_size in (0.2, 0.3, 0.45):
        train, test = ModelPersist.train_test_split_indices(len(y), test_size, seed,
                                                                from_numpy(y))
        their_train, their_test = skms.train_test_split(np.arange(len(y)), test_size=test_size,
                                                        random_state=seed, stratify=y)
        assert np.array_equal(to_numpy(train), their_train)
        assert np.array_equal(to_numpy(test), their_test)


def test_train_test_split_test_set_too_small_for_classes():
    y = np.repeat([0, 1, 2, 3, 4, 5, 6], 7)
    with pytest.raises(ValueError):
        skms.train_test_split(np.arange(len(y)), test_size=0.1, random_state=0, stratify=y)
    with pytest.raises(GLib.Error) as info:
        ModelPersist.train_test_split_indices(len(y), 0.1, 0, from_numpy(y))
    assert info.value.code == ModelPersist.Error.INVALID_INPUT


def test_train_test_split_arrays():
    iris = sklearn.datasets.load_iris()
    x_train, x_test, y_train, y_test = ModelPersist.train_test_split(
        from_numpy(iris.data), from_numpy(iris.target), 0.25, 42, None)
    theirs = skms.train_test_split(iris.data, iris.target, test_size=0.25, random_state=42)
    for ours, reference in zip((x_train, x_test, y_train, y_test), theirs):
        assert np.array_equal(to_numpy(ours), reference)


@pytest.mark.parametrize("test_size, seed, code", [
    (0.0, 0, ModelPersist.Error.INVALID_ARGUMENT),
    (1.0, 0, ModelPersist.Error.INVALID_ARGUMENT),
    (0.5, -5, ModelPersist.Error.INVALID_ARGUMENT),
])
def test_train_test_split_errors(test_size, seed, code):
    with pytest.raises(GLib.Error) as info:
        ModelPersist.train_test_split_indices(10, test_size, seed, None)
    assert info.value.code == code


def dummy_scores_match(cv_ours, cv_theirs, scoring=None):
    iris = sklearn.datasets.load_iris()
    # Shuffle iris once so that plain KFold folds are not single-class.
    order = np.random.RandomState(0).permutation(150)
    x, y = iris.data[order], iris.target[order]
    ours = ModelPersist.cross_val_score(ModelPersist.DummyClassifier(), from_numpy(x),
                                        from_numpy(y), cv_ours, scoring)
    theirs = skms.cross_val_score(sklearn.dummy.DummyClassifier(), x, y, cv=cv_theirs,
                                  scoring=scoring)
    return to_numpy(ours), theirs


def test_cross_val_score_default_cv():
    ours, theirs = dummy_scores_match(None, None)
    assert ours.tolist() == theirs.tolist()


@pytest.mark.parametrize("seed", [0, 3, 42])
def test_cross_val_score_shuffled_kfold(seed):
    ours, theirs = dummy_scores_match(ModelPersist.KFold.new(7, True, seed),
                                      skms.KFold(7, shuffle=True, random_state=seed),
                                      "accuracy")
    assert ours.tolist() == theirs.tolist()


@pytest.mark.parametrize("seed", [1, 9])
def test_cross_val_score_stratified_r2(seed):
    ours, theirs = dummy_scores_match(ModelPersist.StratifiedKFold.new(4, True, seed),
                                      skms.StratifiedKFold(4, shuffle=True, random_state=seed),
                                      "r2")
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=0)


def test_cross_val_score_unknown_scorer():
    with pytest.raises(GLib.Error) as info:
        dummy_scores_match(None, None, "f1")
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT


def test_accuracy_matches_sklearn():
    rng = np.random.RandomState(0)
    y_true = rng.randint(0, 4, size=333)
    y_pred = rng.randint(0, 4, size=333)
    ours = ModelPersist.accuracy_score(from_numpy(y_true), from_numpy(y_pred))
    assert ours == sklearn.metrics.accuracy_score(y_true, y_pred)


@pytest.mark.parametrize("n", [2, 7, 100, 129, 1000, 5001])
def test_r2_matches_sklearn(n):
    rng = np.random.RandomState(n)
    y_true = rng.normal(size=n) * 10
    y_pred = y_true + rng.normal(size=n)
    ours = ModelPersist.r2_score(from_numpy(y_true), from_numpy(y_pred))
    assert ours == pytest.approx(sklearn.metrics.r2_score(y_true, y_pred), rel=1e-12)


def sequential_r2(y_true, y_pred):
    # R² with every sum taken one value after another (np.cumsum adds in
    # order), where numpy's sum adds pairwise.
    numerator = np.cumsum((y_true - y_pred) ** 2)[-1]
    mean = np.cumsum(y_true)[-1] / len(y_true)
    return 1.0 - numerator / np.cumsum((y_true - mean) ** 2)[-1]


@pytest.mark.parametrize("n", [8, 100, 129, 1000, 8192, 8193, 16385, 50001])
def test_r2_bit_for_bit_with_sklearn(n):
    # Predictions barely better than the mean put R² near 2e-6, where the
    # last bits of both sums show: the score is scikit-learn's only if
    # every sum adds in numpy's order (pairwise, in blocks of 8192 beyond
    # 8192 values). The sequential check shows that the data tell orders
    # apart.
    rng = np.random.RandomState(n)
    y_true = rng.normal(size=n) * 10.0 ** rng.uniform(-3, 3, size=n)
    y_pred = y_true.mean() + (y_true - y_true.mean()) * 1e-6 + rng.normal(size=n) * 1e-9
    expected = sklearn.metrics.r2_score(y_true, y_pred)
    assert sequential_r2(y_true, y_pred) != expected
    assert ModelPersist.r2_score(from_numpy(y_true), from_numpy(y_pred)) == expected


def test_r2_edge_cases_match_sklearn():
    constant = np.ones(5)
    other = np.arange(5.0)
    for y_true, y_pred in ((constant, constant), (constant, other), (other, other)):
        ours = ModelPersist.r2_score(from_numpy(y_true), from_numpy(y_pred))
        assert ours == sklearn.metrics.r2_score(y_true, y_pred)
