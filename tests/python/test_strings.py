# test_strings.py: str arrays between numpy and the library: <U arrays,
# object arrays and lists of str in, read-only <U arrays out; persisted in
# a Python-defined estimator; bools stay bools.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import numpy as np
import pytest
from gi.repository import GLib, GObject, ModelPersist

LABELS = ['setosa', '', 'café', '\U0001f338 blossom', 'z']


def error_code(excinfo):
    assert excinfo.value.domain == GLib.quark_to_string(ModelPersist.error_quark())
    return excinfo.value.code


@pytest.mark.parametrize('make', [
    lambda: LABELS,
    lambda: np.array(LABELS),
    lambda: np.array(LABELS, dtype=object),
    lambda: np.array(LABELS, dtype='<U40'),
])
def test_text_becomes_a_str_array(make):
    array = ModelPersist.Array(make())
    assert array.get_dtype() == ModelPersist.DType.STRING
    assert [array.get_string(i) for i in range(len(LABELS))] == LABELS
    assert array.dup_strings() == LABELS
    back = np.asarray(array)
    # What numpy makes of the list: <U as wide as the longest element.
    assert back.dtype == np.array(LABELS).dtype
    assert back.tolist() == LABELS
    assert not back.flags.writeable
    assert array.nbytes == sum(len(s.encode()) for s in LABELS)


def test_shape_and_order_kept():
    grid = np.array([['a', 'bb', 'c'], ['d', 'e', 'ff']])
    for source in (grid, np.asfortranarray(grid), grid.T.copy().T):
        array = ModelPersist.Array(source)
        assert array.shape == (2, 3)
        np.testing.assert_array_equal(np.asarray(array), grid)
    assert ModelPersist.Array('x').shape == ()
    assert np.asarray(ModelPersist.Array(np.array([], dtype=str))).shape == (0,)


def test_bools_stay_bools():
    array = ModelPersist.Array([True, False, True])
    assert array.get_dtype() == ModelPersist.DType.BOOL
    assert np.asarray(array).dtype == np.bool_


@pytest.mark.parametrize('bad, message', [
    (['a', 1], 'mixes strings with other values'),
    (np.array(['a', 2.5], dtype=object), 'mixes strings with other values'),
    (np.array([b'bytes']), 'holds bytes, not text'),
    (['a\0b'], 'element 0 holds U+0000'),
    (['\ud800'], 'not valid Unicode'),
])
def test_bad_text_refused(bad, message):
    with pytest.raises(GLib.Error) as excinfo:
        ModelPersist.Array(bad)
    assert error_code(excinfo) == ModelPersist.Error.INVALID_ARGUMENT
    assert message in excinfo.value.message
    assert excinfo.value.message.startswith('obj: ')


def test_text_and_numbers_never_convert():
    with pytest.raises(GLib.Error) as excinfo:
        ModelPersist.Array([1, 2], dtype=str)
    assert error_code(excinfo) == ModelPersist.Error.INVALID_ARGUMENT
    with pytest.raises(GLib.Error) as excinfo:
        ModelPersist.Array(['1', '2'], dtype=np.float64)
    assert error_code(excinfo) == ModelPersist.Error.INVALID_ARGUMENT


def test_numeric_accessors_refuse_text():
    array = ModelPersist.Array(['a'])
    with pytest.raises(GLib.Error) as excinfo:
        array.convert(ModelPersist.DType.FLOAT64)
    assert error_code(excinfo) == ModelPersist.Error.INVALID_ARGUMENT
    assert 'str elements cannot be converted to float64' in excinfo.value.message


def test_one_long_label_among_many_short_gives_an_object_array():
    # A <U array would be 100001 x 200000 x 4 bytes = 80 GB.
    values = np.empty(100001, dtype=object)
    values[:] = [''] * 100000 + ['x' * 200000]
    back = np.asarray(ModelPersist.Array(values))
    assert back.dtype == object
    assert back.shape == (100001,)
    assert back[-1] == 'x' * 200000 and back[0] == ''
    assert not back.flags.writeable


class Vocabulary(ModelPersist.Estimator):
    """A transformer written in Python that keeps the sorted distinct words
    it saw as str fitted state, declared like classes_."""

    words = GObject.Property(type=ModelPersist.Array)

    def do_fit(self, x, y):
        self.words = ModelPersist.Array(np.unique(np.asarray(y)))
        return True

    def do_predict(self, x):
        return ModelPersist.Array(np.asarray(self.words)[np.zeros(len(np.asarray(x)), dtype=int)])


E = ModelPersist.Estimator
E.type_set_property_role(Vocabulary.__gtype__, 'words', ModelPersist.PropertyRole.FITTED, None)
E.type_declare_array(Vocabulary.__gtype__, 'words', 'str', '(n_words,)',
                     ModelPersist.StateFlags.INCREASING | ModelPersist.StateFlags.NON_EMPTY, None)


def test_python_estimator_with_str_state_persists():
    y = ['pear', 'apple', 'café', 'apple', '\U0001f338']
    model = Vocabulary()
    model.fit(np.zeros((5, 1)), y)
    assert model.words_.tolist() == sorted(set(y)) == np.unique(y).tolist()
    options = ModelPersist.LoadOptions()
    options.trust_type(Vocabulary)
    loaded = ModelPersist.loads(ModelPersist.dumps(model), options)
    np.testing.assert_array_equal(loaded.words_, model.words_)
    assert loaded.predict(np.zeros((2, 1))).tolist() == ['apple', 'apple']


def test_python_estimator_unsorted_str_state_refused():
    model = Vocabulary()
    model.fit(np.zeros((2, 1)), ['b', 'a'])
    model.words = ModelPersist.Array(['b', 'a'])
    with pytest.raises(GLib.Error) as excinfo:
        model.predict(np.zeros((1, 1)))
    assert error_code(excinfo) == ModelPersist.Error.INVALID_STATE
    assert excinfo.value.message.startswith("words_: element 1 ('a') is not greater")
