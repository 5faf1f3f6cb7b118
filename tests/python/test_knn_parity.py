# test_knn_parity.py: ModelPersist.KNeighborsClassifier against
# scikit-learn's KNeighborsClassifier(algorithm='brute'): the same
# predictions, probabilities and neighbours, ties included.
import itertools

import numpy as np
import pytest
from gi.repository import GLib, ModelPersist
from sklearn import datasets
from sklearn.neighbors import KNeighborsClassifier
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads
from threadpoolctl import threadpool_limits

N_NEIGHBORS = [1, 3, 5, 15]
WEIGHTS = ["uniform", "distance"]
PS = [1, 2]


def to_mp(values):
    a = np.ascontiguousarray(values, dtype=np.float64)
    return ModelPersist.Array.new_float64(a.ravel().tolist(), list(a.shape))


def labels_to_mp(values):
    return ModelPersist.Array.new_int64([int(v) for v in values], [len(values)])


def from_mp(array):
    # The override already returns numpy; MpArray also supports __array__.
    return np.asarray(array)


@pytest.fixture(autouse=True)
def same_thread_count(monkeypatch):
    # Which of several equidistant samples wins can depend on how many
    # threads split the training set; pin both libraries to the same count
    # so the tests mean the same on every machine.
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    with threadpool_limits(limits=2, user_api="openmp"):
        assert _openmp_effective_n_threads() == 2
        yield


def make_pair(n_neighbors, weights, p):
    ours = ModelPersist.KNeighborsClassifier(
        n_neighbors=n_neighbors,
        weights=weights,
        p=p,
    )
    theirs = KNeighborsClassifier(n_neighbors=n_neighbors, weights=weights, p=p, algorithm="brute")
    return ours, theirs


_converted = {}


def cached_mp(values, convert):
    # Converting through Python lists is slow; each matrix is converted once.
    key = (id(values), values.shape)
    if key not in _converted:
        _converted.clear() if len(_converted) > 8 else None
        _converted[key] = (values, convert(values))
    return _converted[key][1]


def assert_parity(X_train, y_train, X_test, n_neighbors, weights, p):
    ours, theirs = make_pair(n_neighbors, weights, p)
    assert ours.fit(cached_mp(X_train, to_mp), cached_mp(y_train, labels_to_mp))
    theirs.fit(X_train, y_train)
    mp_test = cached_mp(X_test, to_mp)
    where = f"n_neighbors={n_neighbors} weights={weights} p={p}"

    expected_dist, expected_ind = theirs.kneighbors(X_test)
    dist, ind = ours.kneighbors(mp_test, 0)
    np.testing.assert_array_equal(from_mp(ind), expected_ind, err_msg=where)
    np.testing.assert_array_equal(from_mp(dist), expected_dist, err_msg=where)

    predicted = from_mp(ours.predict(mp_test))
    np.testing.assert_array_equal(predicted, theirs.predict(X_test), err_msg=where)

    proba = from_mp(ours.predict_proba(mp_test))
    expected_proba = theirs.predict_proba(X_test)
    assert proba.shape == expected_proba.shape
    np.testing.assert_allclose(proba, expected_proba, rtol=0, atol=1e-12, err_msg=where)


def load(name):
    loader = getattr(datasets, "load_" + name)
    return loader(return_X_y=True)


@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer", "digits"])
def test_real_datasets(name):
    X, y = load(name)
    # Train on two thirds and query the rest, then query training samples,
    # each at distance zero from at least one training sample.
    train = np.arange(len(y)) % 3 != 0
    X_train, y_train, X_test = X[train], y[train], X[~train]
    X_seen = X_train[::3]
    for n_neighbors, weights, p in itertools.product(N_NEIGHBORS, WEIGHTS, PS):
        assert_parity(X_train, y_train, X_test, n_neighbors, weights, p)
        assert_parity(X_train, y_train, X_seen, n_neighbors, weights, p)


def grid_data(rng, n_train, n_test, n_classes, side=4, dims=2):
    """Integer grid points, heavily duplicated, and queries on the grid and
    half-way between grid points: most distances tie exactly."""
    X_train = rng.randint(0, side, size=(n_train, dims)).astype(np.float64)
    y_train = rng.randint(0, n_classes, size=n_train)
    X_test = rng.randint(0, 2 * side, size=(n_test, dims)).astype(np.float64) / 2.0
    return X_train, y_train, X_test


@pytest.mark.parametrize("n_train,n_test", [(40, 30), (300, 60), (1100, 25), (200, 700)])
def test_integer_grid_ties(n_train, n_test):
    rng = np.random.RandomState(n_train + n_test)
    X_train, y_train, X_test = grid_data(rng, n_train, n_test, n_classes=3)
    for n_neighbors, weights, p in itertools.product(N_NEIGHBORS, WEIGHTS, PS):
        assert_parity(X_train, y_train, X_test, n_neighbors, weights, p)


def test_duplicated_points_with_conflicting_labels():
    # Every point appears four times with four different labels: each vote
    # among duplicates is a tie that the smallest class must win.
    base = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 2.0]])
    X_train = np.repeat(base, 4, axis=0)
    y_train = np.tile([7, 3, 5, 1], len(base))
    X_test = np.vstack([base, [[0.5, 0.5], [1.5, 1.5], [0.5, 0.0], [3.0, 3.0]]])
    for n_neighbors, weights, p in itertools.product(N_NEIGHBORS, WEIGHTS, PS):
        assert_parity(X_train, y_train, X_test, n_neighbors, weights, p)


def test_float_labels_and_symmetric_ties():
    # Points placed symmetrically around the queries at distances that are
    # equal in exact arithmetic but not always after rounding.
    rng = np.random.RandomState(3)
    centre = rng.rand(20, 3)
    offsets = np.array([[0.1, 0.0, 0.0], [-0.1, 0.0, 0.0], [0.0, 0.1, 0.0],
                        [0.0, -0.1, 0.0], [0.0, 0.0, 0.3], [0.0, 0.0, -0.3]])
    X_train = (centre[:, None, :] + offsets[None, :, :]).reshape(-1, 3)
    y_train = rng.choice([-1.0, 0.0, 2.0], size=len(X_train))
    ours, theirs = make_pair(5, "distance", 2)
    assert ours.fit(to_mp(X_train), to_mp(y_train))
    theirs.fit(X_train, y_train)
    assert from_mp(ours.props.classes).tolist() == theirs.classes_.tolist()
    for n_neighbors, weights, p in itertools.product(N_NEIGHBORS, WEIGHTS, PS):
        ours, theirs = make_pair(n_neighbors, weights, p)
        ours.fit(to_mp(X_train), to_mp(y_train))
        theirs.fit(X_train, y_train)
        np.testing.assert_array_equal(from_mp(ours.predict(to_mp(centre))), theirs.predict(centre))
        dist, ind = ours.kneighbors(to_mp(centre), 0)
        expected_dist, expected_ind = theirs.kneighbors(centre)
        np.testing.assert_array_equal(from_mp(ind), expected_ind)
        np.testing.assert_array_equal(from_mp(dist), expected_dist)


@pytest.mark.parametrize("threads", [1, 3])
def test_partitioned_search_follows_thread_count(threads, monkeypatch):
    # With many more training samples than queries both libraries split the
    # training set into one partition per thread; 5000 samples make 20
    # blocks, which 3 threads share unevenly (7, 7, 6). A 6 x 6 x 6 grid
    # makes neighbours at the k-th distance tie in ways that tell the
    # partitions apart.
    monkeypatch.setenv("OMP_NUM_THREADS", str(threads))
    with threadpool_limits(limits=threads, user_api="openmp"):
        assert _openmp_effective_n_threads() == threads
        rng = np.random.RandomState(threads)
        X_train, y_train, X_test = grid_data(rng, 5000, 40, n_classes=4, side=6, dims=3)
        for n_neighbors, weights, p in itertools.product([3, 15], WEIGHTS, PS):
            assert_parity(X_train, y_train, X_test, n_neighbors, weights, p)


def test_kneighbors_with_explicit_count():
    X, y = load("iris")
    ours, theirs = make_pair(5, "uniform", 2)
    ours.fit(to_mp(X), labels_to_mp(y))
    theirs.fit(X, y)
    dist, ind = ours.kneighbors(to_mp(X[:10]), 40)
    expected_dist, expected_ind = theirs.kneighbors(X[:10], 40)
    np.testing.assert_array_equal(from_mp(ind), expected_ind)
    np.testing.assert_array_equal(from_mp(dist), expected_dist)

    with pytest.raises(GLib.Error) as info:
        ours.kneighbors(to_mp(X[:2]), 151)
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT)


def test_string_form_evaluates_to_the_same_model():
    ours = ModelPersist.KNeighborsClassifier(n_neighbors=7, p=1,
                                             weights=ModelPersist.KNeighborsWeights.DISTANCE)
    text = ours.to_string()
    assert text == "KNeighborsClassifier(algorithm='brute', n_neighbors=7, p=1, weights='distance')"
    theirs = eval(text, {"KNeighborsClassifier": KNeighborsClassifier})
    X, y = load("wine")
    ours.fit(to_mp(X), labels_to_mp(y))
    theirs.fit(X, y)
    np.testing.assert_array_equal(from_mp(ours.predict(to_mp(X))), theirs.predict(X))


def test_fitted_state_names_and_dtypes():
    X, y = load("iris")
    ours = ModelPersist.KNeighborsClassifier()
    ours.fit(to_mp(X), labels_to_mp(y))
    names = {"_fit_X": "fit-x", "_y": "y", "classes_": "classes", "n_samples_fit_": "n-samples-fit"}
    for display, name in names.items():
        assert ours.find_param(display).name == name
    assert ours.find_param("fit_X") is None
    assert from_mp(ours.props.fit_x).shape == (150, 4)
    np.testing.assert_array_equal(from_mp(ours.props.fit_x), X)
    np.testing.assert_array_equal(from_mp(ours.props.y), y)
    assert ours.props.n_samples_fit == 150


def test_bad_p_is_refused_at_fit():
    X, y = load("iris")
    ours = ModelPersist.KNeighborsClassifier(p=3)
    with pytest.raises(GLib.Error) as info:
        ours.fit(to_mp(X), labels_to_mp(y))
    assert info.value.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT)
    assert info.value.message.startswith("p: ")


@pytest.mark.parametrize("threads,n_train,n_test,configs", [
    # Few queries: parallel over the training samples. With 2 threads the
    # partitions' heaps of one block are merged query by query.
    (2, 3000, 300, [("uniform", 2), ("distance", 1)]),
    # With 4, 256 x 9000 neighbours take 37 MB a partition, so the four
    # partitions run in two rounds of two into the block's final heaps.
    (4, 9000, 300, [("uniform", 2)]),
    # More queries than training samples: parallel over blocks of
    # queries, two blocks at a time.
    (2, 1500, 1600, [("uniform", 2), ("distance", 1)]),
])
def test_all_samples_as_neighbours(threads, n_train, n_test, configs, monkeypatch):
    # n_neighbors equal to the training set: the search keeps every sample
    # for every query in bounded blocks, and must still order the many
    # equal distances of a small grid exactly as scikit-learn does.
    monkeypatch.setenv("OMP_NUM_THREADS", str(threads))
    with threadpool_limits(limits=threads, user_api="openmp"):
        assert _openmp_effective_n_threads() == threads
        rng = np.random.RandomState(threads + n_test)
        X_train, y_train, X_test = grid_data(rng, n_train, n_test, n_classes=4, side=6, dims=3)
        for weights, p in configs:
            assert_parity(X_train, y_train, X_test, n_train, weights, p)
