# test_encoders_parity.py: ModelPersist's OneHotEncoder and OrdinalEncoder
# against scikit-learn's, on a fixed text table (cities, yes/no answers...)
# and on columns of the classic datasets rounded or binned to few values:
# the fitted state (categories_, drop_idx_), transform (of the training
# samples and of samples holding unknown values), inverse_transform and
# get_feature_names_out are equal (no tolerance: codes and indicators are
# exact), for each drop and handle_unknown option; the models survive save
# and load (bytes, a bundle), clone, and the bridge both ways, including
# scikit-learn's default sparse output. Hostile states and inputs are
# refused with the exact MP_ERROR code and message.
import copy

import numpy as np
import pytest
import sklearn.base
from gi.repository import GLib, ModelPersist
from sklearn import datasets, preprocessing
from sklearn.pipeline import make_pipeline


def text_table():
    """100 rows of four text columns, fixed by the seed."""
    rng = np.random.default_rng(20261201)
    cities = ["Paris", "Lyon", "Marseille", "Nice", "Zürich", "Ålesund", "Bordeaux", "Lille"]
    return np.column_stack([
        rng.choice(cities, 100),
        rng.choice(["yes", "no"], 100),
        rng.choice(["red", "green", "blue", "black", "white"], 100),
        rng.choice(["always", "never"], 100),
    ])


def text_unknown():
    """Rows whose values fit did not see, one column at a time."""
    return np.array([
        ["Rome", "yes", "red", "always"],
        ["Paris", "maybe", "green", "never"],
        ["Lyon", "no", "purple", "always"],
        ["Nice", "yes", "blue", "sometimes"],
        ["", "", "", ""],
    ])


def binned(name):
    """A classic dataset's columns reduced to few values: rounded where
    they are already small numbers, else cut into quartile bins."""
    X = getattr(datasets, "load_" + name)().data
    if name == "iris":
        return np.round(X)
    if name == "digits":
        return np.floor(X[:, 20:30] / 4)
    Y = X[:, :6]
    edges = np.quantile(Y, [0.25, 0.5, 0.75], axis=0)
    return np.column_stack([np.digitize(Y[:, j], edges[:, j]) for j in range(Y.shape[1])]).astype(float)


NUMERIC = ["iris", "wine", "breast_cancer", "digits", "diabetes"]
DATA = ["text"] + NUMERIC

_data = {}


def load(name):
    if name not in _data:
        _data[name] = text_table() if name == "text" else binned(name)
    return _data[name]


def unknown_rows(name):
    if name == "text":
        return text_unknown()
    X = load(name)
    # one column at a time holds a value fit did not see
    rows = np.repeat(X[:1], X.shape[1], axis=0)
    rows[np.arange(X.shape[1]), np.arange(X.shape[1])] = 1000.5
    return rows


ONE_HOT_PARAMS = [
    {},
    {"drop": "first"},
    {"drop": "if_binary"},
    {"handle_unknown": "ignore"},
    {"drop": "first", "handle_unknown": "ignore"},
    {"drop": "if_binary", "handle_unknown": "ignore"},
]

ORDINAL_PARAMS = [
    {},
    {"handle_unknown": "use_encoded_value", "unknown_value": -1},
    {"handle_unknown": "use_encoded_value", "unknown_value": np.nan},
    {"handle_unknown": "use_encoded_value", "unknown_value": 1000},
]


def ident(params):
    return ",".join("%s=%s" % kv for kv in params.items()) or "default"


def one_hot_pair(params):
    return (ModelPersist.OneHotEncoder(**params),
            preprocessing.OneHotEncoder(sparse_output=False, **params))


def assert_same_categories(ours, theirs):
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert a.dtype == (object if b.dtype.kind in "UO" else np.float64)
        assert a.tolist() == b.tolist()


def assert_same_drop_idx(ours, theirs):
    if theirs is None:
        assert ours is None
        return
    assert ours.dtype == object and theirs.dtype == object
    assert ours.tolist() == theirs.tolist()


def assert_equal(ours, theirs, what):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape, what
    assert ours.dtype == theirs.dtype, what
    np.testing.assert_array_equal(ours, theirs, err_msg=what)


# -- OneHotEncoder -----------------------------------------------------------

@pytest.mark.filterwarnings("ignore:Found unknown categories")
@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("params", ONE_HOT_PARAMS, ids=ident)
def test_one_hot_state_and_outputs(params, data):
    X = load(data)
    ours, theirs = one_hot_pair(params)
    ours.fit(X)
    theirs.fit(X)
    assert ours.n_features_in_ == theirs.n_features_in_
    assert_same_categories(ours.categories_, theirs.categories_)
    assert_same_drop_idx(ours.drop_idx_, theirs.drop_idx_)
    assert_equal(ours.transform(X), theirs.transform(X), "transform")
    assert_equal(ours.fit_transform(X), theirs.fit_transform(X), "fit_transform")
    assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()
    names = ["f%d" % j for j in range(X.shape[1])]
    assert ours.get_feature_names_out(names).tolist() == theirs.get_feature_names_out(names).tolist()

    unknown = unknown_rows(data)
    if params.get("handle_unknown") == "ignore":
        assert_equal(ours.transform(unknown), theirs.transform(unknown), "transform of unknown values")
    else:
        with pytest.raises(ValueError):
            theirs.transform(unknown[:1])
        with pytest.raises(GLib.Error) as info:
            ours.transform(unknown[:1])
        assert info.value.code == ModelPersist.Error.INVALID_INPUT
        assert "unknown category" in info.value.message


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("params", ONE_HOT_PARAMS, ids=ident)
def test_one_hot_bridge_both_ways(params, data):
    X = load(data)
    ours = ModelPersist.OneHotEncoder(**params).fit(X)
    # scikit-learn's default: a sparse matrix; the conversion is dense
    sparse = preprocessing.OneHotEncoder(**params).fit(X)
    dense = preprocessing.OneHotEncoder(sparse_output=False, **params).fit(X)
    for theirs in (sparse, dense):
        converted = ModelPersist.sklearn.from_sklearn(theirs)
        assert type(converted) is ModelPersist.OneHotEncoder
        assert converted.get_params() == ours.get_params()
        assert_same_categories(converted.categories_, theirs.categories_)
        expected = theirs.transform(X)
        if hasattr(expected, "toarray"):
            expected = expected.toarray()
        assert_equal(converted.transform(X), expected, "transform after from_sklearn")

    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is preprocessing.OneHotEncoder
    assert back.get_params() == dense.get_params()
    assert sorted(vars(back)) == sorted(vars(dense))
    assert_same_drop_idx(back.drop_idx_, dense.drop_idx_)
    assert back._n_features_outs == dense._n_features_outs
    assert_equal(back.transform(X), ours.transform(X), "transform after to_sklearn")
    # text categories come back as object arrays of str (a <U array
    # fitted on a <U matrix in scikit-learn): the same values
    assert back.inverse_transform(dense.transform(X)).tolist() == dense.inverse_transform(
        dense.transform(X)).tolist()


def test_one_hot_sparse_spellings_convert():
    X = load("text")
    for params in ({"sparse_output": True}, {"sparse_output": False}, {"sparse": True}):
        with pytest.warns(FutureWarning) if "sparse" in params else _no_warning():
            theirs = preprocessing.OneHotEncoder(**params).fit(X)
        converted = ModelPersist.sklearn.from_sklearn(theirs)
        assert converted.get_params() == ModelPersist.OneHotEncoder().get_params()
        expected = theirs.transform(X)
        expected = expected.toarray() if hasattr(expected, "toarray") else expected
        assert_equal(converted.transform(X), expected, "dense transform")
    assert ModelPersist.sklearn.to_sklearn(ModelPersist.OneHotEncoder()).sparse_output is False


class _no_warning:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("data", ["text", "iris", "digits"])
@pytest.mark.parametrize("params", ONE_HOT_PARAMS, ids=ident)
def test_one_hot_save_load(params, data, tmp_path):
    X = load(data)
    ours = ModelPersist.OneHotEncoder(**params).fit(X)
    expected = ours.transform(X)
    path = tmp_path / "encoder.json"
    ModelPersist.dump(ours, str(path))
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), ModelPersist.load(str(path)),
                   copy.deepcopy(ours)):
        assert type(loaded) is ModelPersist.OneHotEncoder
        assert loaded.get_params() == ours.get_params()
        assert_same_categories(loaded.categories_, ours.categories_)
        assert_equal(loaded.transform(X), expected, "transform after loading")


def test_one_hot_params_clone_and_pipeline():
    ours = ModelPersist.OneHotEncoder(drop="if_binary", handle_unknown="ignore")
    theirs = preprocessing.OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False)
    assert ModelPersist.sklearn.to_sklearn(ours).get_params() == theirs.get_params()
    copied = sklearn.base.clone(ours)
    assert copied.get_params() == ours.get_params() and not copied.is_fitted()
    assert ours._estimator_type == "transformer"
    with pytest.raises(AttributeError):
        ours.categories_
    assert not hasattr(ours, "drop_idx_")
    X = load("text")
    ours.fit(X)
    theirs.fit(X)
    for method in ("predict", "predict_proba", "transform", "fit_transform"):
        assert hasattr(ours, method) == hasattr(theirs, method), method
    # not implemented here (docs/preprocessing.md)
    assert not hasattr(ours, "inverse_transform")
    pipe = make_pipeline(ModelPersist.OneHotEncoder(), ModelPersist.StandardScaler(with_mean=False))
    sk_pipe = make_pipeline(preprocessing.OneHotEncoder(sparse_output=False),
                            preprocessing.StandardScaler(with_mean=False))
    np.testing.assert_allclose(pipe.fit_transform(X), sk_pipe.fit_transform(X), rtol=1e-12)


# -- OrdinalEncoder ----------------------------------------------------------

@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("params", ORDINAL_PARAMS, ids=ident)
def test_ordinal_state_and_outputs(params, data):
    X = load(data)
    ours = ModelPersist.OrdinalEncoder(**params).fit(X)
    theirs = preprocessing.OrdinalEncoder(**params).fit(X)
    assert ours.n_features_in_ == theirs.n_features_in_
    assert_same_categories(ours.categories_, theirs.categories_)
    codes = theirs.transform(X)
    assert_equal(ours.transform(X), codes, "transform")
    assert_equal(ours.fit_transform(X), theirs.fit_transform(X), "fit_transform")
    back = ours.inverse_transform(codes)
    expected = theirs.inverse_transform(codes)
    assert back.tolist() == expected.tolist()
    assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()

    unknown = unknown_rows(data)
    if params.get("handle_unknown") == "use_encoded_value":
        assert_equal(ours.transform(unknown), theirs.transform(unknown), "transform of unknown values")
    else:
        with pytest.raises(GLib.Error) as info:
            ours.transform(unknown[:1])
        assert info.value.code == ModelPersist.Error.INVALID_INPUT
        assert "unknown category" in info.value.message


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("params", ORDINAL_PARAMS, ids=ident)
def test_ordinal_bridge_and_save_load(params, data, tmp_path):
    X = load(data)
    unknown = unknown_rows(data)
    ours = ModelPersist.OrdinalEncoder(**params).fit(X)
    theirs = preprocessing.OrdinalEncoder(**params).fit(X)
    expected = theirs.transform(unknown if params else X)
    given = unknown if params else X

    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(converted) is ModelPersist.OrdinalEncoder
    assert repr(converted) == repr(ours)
    assert_equal(converted.transform(given), expected, "transform after from_sklearn")

    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is preprocessing.OrdinalEncoder
    assert repr(back) == repr(theirs)
    assert sorted(vars(back)) == sorted(vars(theirs))
    assert_equal(back.transform(given), expected, "transform after to_sklearn")

    path = tmp_path / "encoder.json"
    ModelPersist.dump(ours, str(path))
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), ModelPersist.load(str(path))):
        assert repr(loaded) == repr(ours)
        assert_equal(loaded.transform(given), expected, "transform after loading")


def test_ordinal_params():
    ours = ModelPersist.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
    assert ours.get_params() == {"categories": "auto", "handle_unknown": "use_encoded_value",
                                 "unknown_value": -1}
    assert repr(ours) == "OrdinalEncoder(categories='auto', handle_unknown='use_encoded_value', unknown_value=-1)"
    clone = sklearn.base.clone(ModelPersist.OrdinalEncoder(handle_unknown="use_encoded_value",
                                                           unknown_value=np.nan))
    assert np.isnan(clone.get_params()["unknown_value"])
    assert ModelPersist.sklearn.to_sklearn(ours).get_params() == preprocessing.OrdinalEncoder(
        handle_unknown="use_encoded_value", unknown_value=-1).get_params()


# -- what is refused ---------------------------------------------------------

def expect_error(code, message, call, *args):
    with pytest.raises(GLib.Error) as info:
        call(*args)
    assert info.value.code == code, info.value.message
    assert info.value.message == message


@pytest.mark.parametrize("cls", [ModelPersist.OneHotEncoder, ModelPersist.OrdinalEncoder])
def test_hostile_states(cls):
    X = load("text")
    fitted = cls().fit(X)
    values = list(fitted.get_property("category-values").dup_strings())
    counts = ModelPersist.to_numpy(fitted.get_property("category-counts")).copy()

    # a column's categories out of order: refused through the property and
    # in a file
    swapped = list(values)
    first = counts[0]
    swapped[first], swapped[first + 1] = swapped[first + 1], swapped[first]
    broken = ModelPersist.loads(ModelPersist.dumps(fitted))
    broken.set_property("category-values", ModelPersist.as_array(np.array(swapped)))
    message = ("categories_: category 1 of column 1 (element %d, '%s') is not greater than the one "
               "before; each column's categories must be sorted and distinct" % (first + 1, swapped[first + 1]))
    expect_error(ModelPersist.Error.INVALID_STATE, message, broken.transform, X)
    expect_error(ModelPersist.Error.INVALID_STATE, message, broken.validate)

    # repeated within a column (the next column may start lower: no error)
    repeated = list(values)
    repeated[1] = repeated[0]
    broken.set_property("category-values", ModelPersist.as_array(np.array(repeated)))
    expect_error(ModelPersist.Error.INVALID_STATE,
                 "categories_: category 1 of column 0 (element 1, '%s') is not greater than the one "
                 "before; each column's categories must be sorted and distinct" % repeated[1],
                 broken.validate)

    # counts that do not add up, or a column without categories
    broken.set_property("category-values", ModelPersist.as_array(np.array(values)))
    more = counts.copy()
    more[0] += 1
    broken.set_property("category-counts", ModelPersist.as_array(more))
    expect_error(ModelPersist.Error.INVALID_STATE,
                 "category_counts_: sums to %d, but n_categories is %d (from categories_)"
                 % (more.sum(), len(values)), broken.validate)
    zero = counts.copy()
    zero[1] += zero[0]
    zero[0] = 0
    broken.set_property("category-counts", ModelPersist.as_array(zero))
    expect_error(ModelPersist.Error.INVALID_STATE,
                 "category_counts_: element 0 is 0, expected > 0", broken.validate)


@pytest.mark.parametrize("cls", [ModelPersist.OneHotEncoder, ModelPersist.OrdinalEncoder])
def test_hostile_state_in_a_file(cls):
    # unsorted categories in a file (the writer saves what it is given;
    # the loader is the gate): refused as it loads, naming the field
    X = load("text")
    values = list(cls().fit(X).get_property("category-values").dup_strings())
    values[0], values[1] = values[1], values[0]
    broken = cls().fit(X)
    broken.set_property("category-values", ModelPersist.as_array(np.array(values)))
    expect_error(ModelPersist.Error.INVALID_STATE,
                 "$.estimator: categories_: category 1 of column 0 (element 1, '%s') is not greater "
                 "than the one before; each column's categories must be sorted and distinct" % values[1],
                 ModelPersist.loads, ModelPersist.dumps(broken))


def test_ordinal_unknown_value_collides():
    X = load("text")
    expect_error(ModelPersist.Error.INVALID_ARGUMENT,
                 "unknown_value: 1 is the code of a category of column 0 (0 to 7); choose a negative "
                 "or larger integer, or nan",
                 ModelPersist.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=1).fit, X)
    fitted = ModelPersist.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(X)
    fitted.set_params(unknown_value=3)
    expect_error(ModelPersist.Error.INVALID_ARGUMENT,
                 "unknown_value: 3 is the code of a category of column 0 (0 to 7); choose a negative "
                 "or larger integer, or nan", fitted.transform, X)
    expect_error(ModelPersist.Error.INVALID_ARGUMENT,
                 "unknown_value: must be None, 'nan' or an integer, got '1.5'",
                 ModelPersist.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=1.5).fit, X)


@pytest.mark.parametrize("cls", [ModelPersist.OneHotEncoder, ModelPersist.OrdinalEncoder])
def test_hostile_inputs(cls):
    X = load("text")
    fitted = cls().fit(X)
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "X: column 2: found unknown category 'purple' in row 2 (handle_unknown is 'error')",
                 fitted.transform, np.vstack([X[:2], text_unknown()[2:3]]))
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "X: column 0: holds numbers, but the encoder was fitted on text",
                 fitted.transform, np.zeros((2, 4)))
    with pytest.raises(GLib.Error) as info:
        fitted.transform(X[:, :3])
    assert info.value.code == ModelPersist.Error.INVALID_INPUT
    assert "3 features" in info.value.message
    numbers = cls().fit(load("iris"))
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "X: column 0: holds text, but the encoder was fitted on numbers",
                 numbers.transform, X)
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "X: column 1: found unknown category 1000.5 in row 0 (handle_unknown is 'error')",
                 numbers.transform, unknown_rows("iris")[1:2])
    with_nan = load("iris").copy()
    with_nan[4, 1] = np.nan
    # NaN is no category here (no missing values in the library)
    expect_error(ModelPersist.Error.INVALID_INPUT, "X: element [4, 1] is not finite", cls().fit, with_nan)


def test_mixed_table_refused():
    X = load("text")
    table = ModelPersist.Array.new_columns(
        [ModelPersist.as_array(X[:, 0]), ModelPersist.as_array(np.arange(100.0)),
         ModelPersist.as_array(X[:, 1])], ["city", "age", "answer"])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "X: column 'age': holds numbers, but the columns before it hold text; an encoder "
                 "takes columns of one kind (encode text and numbers with separate encoders, as a "
                 "ColumnTransformer does)", ModelPersist.OneHotEncoder().fit, table)


def test_named_table():
    X = load("text")
    names = ["city", "answer", "colour", "habit"]
    table = ModelPersist.Array.new_columns([ModelPersist.as_array(X[:, j]) for j in range(4)], names)
    ours = ModelPersist.OneHotEncoder(drop="if_binary").fit(table)
    theirs = preprocessing.OneHotEncoder(drop="if_binary", sparse_output=False).fit(X)
    assert list(ours.feature_names_in_) == names
    assert_equal(ours.transform(table), theirs.transform(X), "transform of a table")
    assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out(names).tolist()
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "X: column 'colour': found unknown category 'purple' in row 0 (handle_unknown is 'error')",
                 ours.transform, ModelPersist.Array.new_columns(
                     [ModelPersist.as_array(text_unknown()[2:3, j]) for j in range(4)], names))


def test_bridge_refuses_what_it_cannot_hold():
    cases = [
        (preprocessing.OneHotEncoder(categories=[["a"], ["b"], ["c"], ["d"]]), "categories:"),
        (preprocessing.OneHotEncoder(handle_unknown="infrequent_if_exist"), "handle_unknown:"),
        (preprocessing.OneHotEncoder(min_frequency=2), "min_frequency:"),
        (preprocessing.OneHotEncoder(max_categories=3), "max_categories:"),
        (preprocessing.OneHotEncoder(dtype=np.int64), "dtype:"),
        (preprocessing.OneHotEncoder(drop=["Paris", "no", "red", "never"]), "drop:"),
        (preprocessing.OrdinalEncoder(encoded_missing_value=-2), "encoded_missing_value:"),
        (preprocessing.OrdinalEncoder(dtype=np.float32), "dtype:"),
    ]
    for est, start in cases:
        with pytest.raises(GLib.Error) as info:
            ModelPersist.sklearn.from_sklearn(est)
        assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
        assert info.value.message.startswith(start), info.value.message
    theirs = preprocessing.OneHotEncoder().fit(np.array([[1.0], [np.nan], [2.0]]))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(theirs)
    assert "nan" in info.value.message
    mixed = preprocessing.OrdinalEncoder().fit(np.array([["a", 1], ["b", 2]], dtype=object))
    with pytest.raises(GLib.Error) as info:
        ModelPersist.sklearn.from_sklearn(mixed)
    assert "categories_: column 1 holds numbers" in info.value.message


# -- LabelEncoder ------------------------------------------------------------

def labels_of(name):
    """Labels of each kind scikit-learn takes: a dataset's targets (int64,
    or diabetes' float64), its class names (str) and booleans."""
    if name == "text":
        return text_table()[:, 0]
    if name == "bool":
        return text_table()[:, 1] == "yes"
    if name == "iris_names":
        iris = datasets.load_iris()
        return iris.target_names[iris.target]
    return getattr(datasets, "load_" + name)().target


LABELS = NUMERIC + ["iris_names", "text", "bool"]


@pytest.mark.parametrize("data", LABELS)
def test_label_encoder_state_and_outputs(data):
    y = labels_of(data)
    ours = ModelPersist.LabelEncoder().fit(y)
    theirs = preprocessing.LabelEncoder().fit(y)
    assert_equal(ours.classes_, theirs.classes_.astype(ours.classes_.dtype)
                 if theirs.classes_.dtype.kind == "U" else theirs.classes_, "classes_")
    codes = theirs.transform(y)
    assert_equal(ours.transform(y), codes, "transform")
    assert_equal(ModelPersist.LabelEncoder().fit_transform(y), theirs.fit_transform(y), "fit_transform")
    assert ours.inverse_transform(codes).tolist() == theirs.inverse_transform(codes).tolist()
    assert ours.inverse_transform(codes).dtype.kind == theirs.inverse_transform(codes).dtype.kind


@pytest.mark.parametrize("data", LABELS)
def test_label_encoder_bridge_and_save_load(data, tmp_path):
    y = labels_of(data)
    ours = ModelPersist.LabelEncoder().fit(y)
    theirs = preprocessing.LabelEncoder().fit(y)
    codes = theirs.transform(y)

    converted = ModelPersist.sklearn.from_sklearn(theirs)
    assert type(converted) is ModelPersist.LabelEncoder and converted.n_features_in_ == 1
    assert_equal(converted.transform(y), codes, "transform after from_sklearn")
    back = ModelPersist.sklearn.to_sklearn(ours)
    assert type(back) is preprocessing.LabelEncoder
    assert sorted(vars(back)) == sorted(vars(theirs))
    assert_equal(back.transform(y), codes, "transform after to_sklearn")
    assert back.inverse_transform(codes).tolist() == theirs.inverse_transform(codes).tolist()

    path = tmp_path / "labels.json"
    ModelPersist.dump(ours, str(path))
    for loaded in (ModelPersist.loads(ModelPersist.dumps(ours)), ModelPersist.load(str(path)),
                   copy.deepcopy(ours)):
        assert_equal(loaded.classes_, ours.classes_, "classes_ after loading")
        assert_equal(loaded.transform(y), codes, "transform after loading")


def test_label_encoder_surface():
    ours = ModelPersist.LabelEncoder()
    assert ours.get_params() == preprocessing.LabelEncoder().get_params() == {}
    assert sklearn.base.clone(ours).get_params() == {}
    assert ours.fit(["b", "a"]) is ours
    assert ours.n_features_in_ == 1
    # a column (n, 1) is read as scikit-learn's column_or_1d reads it
    assert ours.transform(np.array([["a"], ["b"]])).tolist() == [0, 1]
    with pytest.raises(GLib.Error) as info:
        ours.fit(np.zeros((3, 2)))
    assert info.value.code == ModelPersist.Error.INVALID_ARGUMENT
    assert info.value.message == "y: expected a 1-D array of labels, got shape (3, 2)"


def test_label_encoder_refusals():
    fitted = ModelPersist.LabelEncoder().fit(["paris", "lyon", "paris"])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "y: holds the label 'rome' (row 1), which fit did not see",
                 fitted.transform, ["lyon", "rome"])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "y: holds numbers, but the encoder was fitted on text", fitted.transform, [1, 2])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "y: element 1 is 2, not the code of a class (an integer from 0 to 1)",
                 fitted.inverse_transform, [0, 2])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "y: element 0 is 0.5, not the code of a class (an integer from 0 to 1)",
                 fitted.inverse_transform, [0.5])
    numbers = ModelPersist.LabelEncoder().fit([3, 1])
    expect_error(ModelPersist.Error.INVALID_INPUT,
                 "y: holds the label 2 (row 0), which fit did not see", numbers.transform, [2])

    # classes_ out of order, set or in a file: refused, naming the field
    broken = ModelPersist.LabelEncoder().fit([3, 1])
    broken.set_property("classes", ModelPersist.as_array(np.array([3, 1])))
    message = ("classes_: element 1 (1) is not greater than the one before; expected sorted, "
               "distinct values")
    expect_error(ModelPersist.Error.INVALID_STATE, message, broken.transform, [3])
    expect_error(ModelPersist.Error.INVALID_STATE, "$.estimator: " + message,
                 ModelPersist.loads, ModelPersist.dumps(broken))
