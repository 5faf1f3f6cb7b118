# ModelPersist.py: PyGObject overrides that make libmodelpersist feel like
# scikit-learn from Python.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What this module adds on top of the introspected API:
#
# * numpy in and out. Every method of every class in the namespace whose
#   introspected signature takes an MpArray accepts anything numpy can turn
#   into an array (ndarrays of any numeric dtype and memory order, nested
#   lists, scalars), and every MpArray a method returns comes back as a
#   read-only numpy.ndarray. Classes are found by walking the typelib at
#   import time, so estimators added to the C library later are covered
#   without listing them here.
# * ModelPersist.Array speaks numpy: numpy.asarray(), len(), indexing,
#   .shape, .dtype, .tolist(), repr.
# * scikit-learn's estimator surface on ModelPersist.Estimator and all its
#   subclasses: keyword hyperparameters by their scikit-learn names in the
#   constructor, get_params()/set_params(), repr(), fitted attributes such
#   as est.classes_ (AttributeError before fit), fit() returning self,
#   ModelPersist.clone().
# * Persistence: dumps/loads/dump/load accepting str, pathlib.Path, bytes-like
#   objects, GIO files and streams and binary file objects, joblib's
#   compress= on dump/dumps (zstd), and pickle support that carries only
#   the library's own safe format.
#
# Copies. Converting a numpy array to an MpArray copies the elements exactly
# once, straight into memory the library owns (dtype conversion and memory
# order are handled by that same copy), so a later change to the numpy array
# can never reach a fitted model. Converting back is free: the ndarray is a
# read-only view of the MpArray's memory and keeps the MpArray alive.
# Both rely on reaching GLib through ctypes (see _Native); where that is not
# possible the module falls back to the plain introspected API, which costs
# two to three copies each way. docs/python.md has the measurements.

import ast
import copy
import ctypes
import ctypes.util
import errno as _errno
import importlib.util
import io
import math
import numbers
import os
import re
import sys
import warnings

import numpy as np

from gi._gi import Direction as _Direction, ObjectInfo as _ObjectInfo
from gi._gi import EnumInfo as _EnumInfo, FunctionInfo as _FunctionInfo
from gi._gi import Repository as _Repository
from gi._gi import TypeTag as _TypeTag
from gi.repository import Gio, GLib, GObject
from ..module import get_introspection_module
from ..overrides import override

ModelPersist = get_introspection_module('ModelPersist')

__all__ = []

_ArrayIntrospected = ModelPersist.Array
_DType = ModelPersist.DType
_Role = ModelPersist.PropertyRole


# ---------------------------------------------------------------------------
# Errors
#
# The library reports every failure as a GError in the ModelPersist.Error
# domain, which PyGObject raises as GLib.Error. So that Python code can
# also catch them by kind, every such error the override lets out is an
# instance of a subclass of GLib.Error *and* of the built-in class that
# means the same (docs/python.md has the table):
#
#   try:
#       model = ModelPersist.load(path)
#   except FileNotFoundError: ...      # MP_ERROR_IO, the file is missing
#   except ValueError: ...             # the file is malformed, a limit hit, ...
#
# `except GLib.Error`, e.matches(), e.domain, e.code and e.message work as
# before. The classes are made once per kind (GLib.Error + ValueError, ...)
# and instances pickle to the same kind.
#
# One conversion, _kind_error(), applied in one place: _convert_errors()
# wraps every introspected function and method that can throw, in the
# typelib walk below, before anything else of the override uses them.


class NotFittedError(AttributeError):
    """Raised when a fitted attribute (``classes_``, ...) is read before fit.

    It is an AttributeError, so ``hasattr(est, 'classes_')`` is False on an
    unfitted estimator, as in scikit-learn. Methods such as predict() raise
    GLib.Error with ModelPersist.Error.NOT_FITTED, which is also an
    instance of this class and, where scikit-learn is installed, of
    sklearn.exceptions.NotFittedError.
    """


__all__.append('NotFittedError')

_ERROR_DOMAIN = GLib.quark_to_string(ModelPersist.error_quark())

# MP_ERROR code -> the built-in class its errors are also instances of.
# FAILED and CONVERGENCE have none (GLib.Error is a RuntimeError already);
# IO is OSError, refined by the cause (_io_kind); NOT_FITTED is
# _not_fitted_kind().
_E = ModelPersist.Error
_BUILTIN_KINDS = {
    int(_E.INVALID_ARGUMENT): ValueError,
    int(_E.INVALID_INPUT): ValueError,
    int(_E.IO): OSError,
    int(_E.LIMIT_EXCEEDED): ValueError,
    int(_E.MALFORMED): ValueError,
    int(_E.DUPLICATE_KEY): ValueError,
    int(_E.UNSUPPORTED_VERSION): ValueError,
    int(_E.UNKNOWN_TYPE): ValueError,
    int(_E.UNTRUSTED_TYPE): ValueError,
    int(_E.INVALID_VALUE): ValueError,
    int(_E.INVALID_ARRAY): ValueError,
    int(_E.CHECKSUM_MISMATCH): ValueError,
    int(_E.INVALID_SIDECAR): ValueError,
    int(_E.INVALID_STATE): ValueError,
    int(_E.NOT_SUPPORTED): ValueError,
}
del _E


class _KindError(GLib.Error):
    """The base of the per-kind subclasses of GLib.Error (never raised
    itself): pickles as the error it is, kind included."""

    def __reduce__(self):
        return (_restore_error, (self.message, self.domain, self.code))


def _restore_error(message, domain, code):
    return _kind_error(GLib.Error(message, domain, code))


_kind_classes = {}


def _kind_class(builtin):
    """The subclass of GLib.Error and @builtin, made once."""
    cls = _kind_classes.get(builtin)
    if cls is None:
        name = 'Error' if builtin is None else builtin.__name__
        bases = (_KindError,) if builtin is None else (_KindError, builtin)
        cls = type(name, bases, {'__module__': 'gi.repository.GLib',
                                 '__qualname__': 'Error(%s)' % name,
                                 '__doc__': 'GLib.Error in the ModelPersist.Error domain, '
                                            'also a %s.' % name})
        _kind_classes[builtin] = cls
    return cls


# The C library ends the message of an I/O error with strerror() of its
# cause (directly, or through GIO's message, which does the same): the same
# text os.strerror() gives in this process, whatever the locale.
_errno_by_text = None


def _io_errno(message):
    global _errno_by_text
    if _errno_by_text is None:
        _errno_by_text = {os.strerror(n): n for n in sorted(_errno.errorcode, reverse=True)}
    return _errno_by_text.get(message.rpartition(': ')[2])


def _not_fitted_kind():
    """sklearn.exceptions.NotFittedError joined with our NotFittedError
    where scikit-learn is installed (imported on the first such error),
    else ValueError with it, as scikit-learn's class is."""
    cls = _kind_classes.get(NotFittedError)
    if cls is None:
        try:
            from sklearn.exceptions import NotFittedError as sklearn_not_fitted
        except ImportError:
            sklearn_not_fitted = ValueError
        cls = type('NotFittedError', (_KindError, sklearn_not_fitted, NotFittedError),
                   {'__module__': 'gi.repository.GLib', '__qualname__': 'Error(NotFittedError)',
                    '__doc__': 'GLib.Error with ModelPersist.Error.NOT_FITTED.'})
        _kind_classes[NotFittedError] = cls
    return cls


def _kind_error(error):
    """@error (a GLib.Error) as an instance of its kind's class; errors of
    other domains, and those already converted, are returned as they are."""
    if isinstance(error, _KindError) or error.domain != _ERROR_DOMAIN:
        return error
    code = error.code
    number = None
    if code == int(ModelPersist.Error.NOT_FITTED):
        cls = _not_fitted_kind()
    elif code == int(ModelPersist.Error.IO):
        number = _io_errno(error.message)
        # OSError(number, ...) is the built-in subclass for that errno:
        # FileNotFoundError for ENOENT, PermissionError for EACCES, ...
        cls = _kind_class(OSError if number is None else type(OSError(number, '')))
    else:
        cls = _kind_class(_BUILTIN_KINDS.get(code))
    converted = cls(error.message, error.domain, code)
    if number is not None:
        converted.errno = number
        converted.strerror = os.strerror(number)
    converted.__traceback__ = error.__traceback__
    return converted


def _error(code, message):
    """Return a GLib.Error in the MP_ERROR domain with @code, of its kind."""
    return _kind_error(GLib.Error.new_literal(ModelPersist.error_quark(), message, int(code)))


def _raising(function):
    """@function (an introspected callable), raising errors of their kind."""
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except GLib.Error as e:
            raise _kind_error(e) from None

    call.__name__ = call.__qualname__ = getattr(function, '__name__', 'function')
    call.__doc__ = getattr(function, '__doc__', None)
    call.__wrapped__ = function
    return call


# ---------------------------------------------------------------------------
# Reaching GLib memory directly
#
# PyGObject 3.42 marshals a bytes-like object into GLib.Bytes.new() element
# by element through the sequence protocol (about 14 s for 200 MB here), and
# GLib.Bytes(bytes_object) and GLib.Bytes.get_data() each copy. To avoid
# that, the module talks to GLib through ctypes: it allocates with g_malloc,
# lets numpy copy (and convert) into that memory, hands it to a GBytes with
# g_bytes_new_take, and reads GBytes data in place with g_bytes_get_data.
#
# The address of a PyGObject boxed wrapper's C struct is what hash() of the
# wrapper returns (PyGObject hashes boxed types by pointer). That is checked
# at import against the address PyGObject prints in repr(); if anything
# does not match, _native stays None and the portable path is used.

class _Native:
    """GLib entry points reached through ctypes."""

    def __init__(self):
        glib = ctypes.CDLL(ctypes.util.find_library('glib-2.0') or 'libglib-2.0.so.0')
        gobject = ctypes.CDLL(ctypes.util.find_library('gobject-2.0') or 'libgobject-2.0.so.0')

        self.g_malloc = glib.g_malloc
        self.g_malloc.restype = ctypes.c_void_p
        self.g_malloc.argtypes = [ctypes.c_size_t]
        self.g_free = glib.g_free
        self.g_free.restype = None
        self.g_free.argtypes = [ctypes.c_void_p]
        self.g_bytes_new_take = glib.g_bytes_new_take
        self.g_bytes_new_take.restype = ctypes.c_void_p
        self.g_bytes_new_take.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        self.g_bytes_get_data = glib.g_bytes_get_data
        self.g_bytes_get_data.restype = ctypes.c_void_p
        self.g_bytes_get_data.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t)]
        self.g_value_take_boxed = gobject.g_value_take_boxed
        self.g_value_take_boxed.restype = None
        self.g_value_take_boxed.argtypes = [ctypes.c_void_p, ctypes.c_void_p]

        # Large buffers as numpy allocates them: aligned to 2 MiB and
        # advised to use transparent huge pages, so that the one copy into
        # them does not take a page fault every 4 KiB (that made the copy
        # three times slower than numpy's own). g_free() is free(), which
        # takes posix_memalign() memory.
        libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6')
        self.posix_memalign = libc.posix_memalign
        self.posix_memalign.restype = ctypes.c_int
        self.posix_memalign.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_size_t, ctypes.c_size_t]
        self.madvise = libc.madvise
        self.madvise.restype = ctypes.c_int
        self.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]

        # A new bytes object of a given size, not yet filled: the C API's
        # PyBytes_FromStringAndSize(NULL, n), which the caller fills before
        # anyone else sees the object.
        self.PyBytes_FromStringAndSize = ctypes.pythonapi.PyBytes_FromStringAndSize
        self.PyBytes_FromStringAndSize.restype = ctypes.py_object
        self.PyBytes_FromStringAndSize.argtypes = [ctypes.c_void_p, ctypes.c_ssize_t]
        self.PyBytes_AsString = ctypes.pythonapi.PyBytes_AsString
        self.PyBytes_AsString.restype = ctypes.c_void_p
        self.PyBytes_AsString.argtypes = [ctypes.py_object]

        self._mask = (1 << (8 * ctypes.sizeof(ctypes.c_void_p))) - 1
        self._self_check()

    _HUGE_PAGE = 2 << 20
    _MADV_HUGEPAGE = 14

    def _allocate(self, n_bytes):
        if n_bytes < 2 * self._HUGE_PAGE or not sys.platform.startswith('linux'):
            return self.g_malloc(n_bytes)
        pointer = ctypes.c_void_p()
        if self.posix_memalign(ctypes.byref(pointer), self._HUGE_PAGE, n_bytes) != 0:
            raise MemoryError('cannot allocate %d bytes' % n_bytes)
        # Only advice: a kernel without transparent huge pages says no.
        self.madvise(pointer.value, n_bytes, self._MADV_HUGEPAGE)
        return pointer.value

    def address(self, boxed):
        """The address of the C struct behind a PyGObject boxed wrapper."""
        return hash(boxed) & self._mask

    def _self_check(self):
        probe = GLib.Bytes.new(b'modelpersist')
        match = re.search(r'\(GBytes at (0x[0-9a-fA-F]+)\)', repr(probe))
        if match is None or int(match.group(1), 16) != self.address(probe):
            raise RuntimeError('PyGObject does not hash boxed types by address')

        size = ctypes.c_size_t()
        data = self.g_bytes_get_data(self.address(probe), ctypes.byref(size))
        if ctypes.string_at(data, size.value) != b'modelpersist':
            raise RuntimeError('g_bytes_get_data disagrees with GLib.Bytes')

        # A GValue starts with its GType: check that hash() of a
        # GObject.Value is its address before writing through it.
        value = GObject.Value(GLib.Bytes)
        gtype = ctypes.c_size_t.from_address(self.address(value)).value
        if gtype != hash(GLib.Bytes.__gtype__):
            raise RuntimeError('PyGObject does not hash GObject.Value by address')

        wrapped = self.bytes_from(np.frombuffer(b'check', dtype=np.uint8))
        if wrapped.get_data() != b'check':
            raise RuntimeError('GBytes hand-over through GValue failed')

    def bytes_from(self, source, dtype=None):
        """Copy @source (any ndarray) once into a new GLib.Bytes.

        The elements are converted to @dtype (default: source's) and laid out
        C-contiguously by the same copy.
        """
        dtype = source.dtype if dtype is None else dtype
        n_bytes = source.size * dtype.itemsize
        pointer = self._allocate(n_bytes) if n_bytes > 0 else None
        try:
            if n_bytes > 0:
                target = np.frombuffer((ctypes.c_char * n_bytes).from_address(pointer), dtype=dtype)
                np.copyto(target.reshape(source.shape), source, casting='unsafe')
        except BaseException:
            self.g_free(pointer)
            raise
        gbytes = self.g_bytes_new_take(pointer, n_bytes)

        value = GObject.Value(GLib.Bytes)
        self.g_value_take_boxed(self.address(value), gbytes)
        wrapper = value.get_boxed()    # PyGObject takes its own reference
        value.unset()
        return wrapper

    def bytes_copy(self, gbytes):
        """The data of @gbytes as a new bytes object, copied once.

        A large bytes object is memory that malloc maps fresh; advising its
        pages (all but the partial ones at either end, not touched yet) to
        be transparent huge pages before the copy makes that copy about
        four times faster: a 1 GiB copy into 4 KiB pages spent most of its
        time in page faults.
        """
        size = ctypes.c_size_t()
        source = self.g_bytes_get_data(self.address(gbytes), ctypes.byref(size))
        n_bytes = size.value
        result = self.PyBytes_FromStringAndSize(None, n_bytes)
        target = self.PyBytes_AsString(result)
        if sys.platform.startswith('linux'):
            start = -(-target // self._HUGE_PAGE) * self._HUGE_PAGE
            stop = (target + n_bytes) // self._HUGE_PAGE * self._HUGE_PAGE
            if stop > start:
                self.madvise(start, stop - start, self._MADV_HUGEPAGE)
        ctypes.memmove(target, source, n_bytes)
        return result

    def view(self, gbytes, dtype, shape, keep_alive):
        """A read-only ndarray over the memory of @gbytes, without copying."""
        size = ctypes.c_size_t()
        pointer = self.g_bytes_get_data(self.address(gbytes), ctypes.byref(size))
        return np.asarray(_BufferOwner(pointer, size.value, dtype, shape, (gbytes, keep_alive)))


class _BufferOwner:
    """Presents GLib memory to numpy and keeps its owners alive.

    numpy stores this object as the resulting array's base, so the GBytes
    and the MpArray live exactly as long as any view of them.
    """

    __slots__ = ('__array_interface__', '_owners')

    def __init__(self, pointer, n_bytes, dtype, shape, owners):
        self.__array_interface__ = {
            'version': 3,
            'shape': tuple(shape),
            'typestr': dtype.str,
            'data': (pointer, True),      # read-only
        }
        self._owners = owners


try:
    _native = None if os.environ.get('MODELPERSIST_PYTHON_PORTABLE') else _Native()
except (OSError, AttributeError, RuntimeError, TypeError, ValueError):
    _native = None


def uses_native_memory():
    """True when arrays cross between numpy and the library with one copy
    in and no copy out (see the module comment); False on the portable path.
    """
    return _native is not None


__all__.append('uses_native_memory')


# ---------------------------------------------------------------------------
# dtypes

_MP_TO_NUMPY = {
    _DType.FLOAT64: np.dtype(np.float64),
    _DType.FLOAT32: np.dtype(np.float32),
    _DType.INT64: np.dtype(np.int64),
    _DType.INT32: np.dtype(np.int32),
    _DType.UINT8: np.dtype(np.uint8),
    _DType.BOOL: np.dtype(np.bool_),
    # The width of a <U array is its longest element's: numpy's str.
    _DType.STRING: np.dtype(str),
}

# Which MpDType holds numpy's (kind, itemsize) without losing values.
_KIND_TO_MP = {
    ('f', 8): _DType.FLOAT64,
    ('f', 4): _DType.FLOAT32,
    ('f', 2): _DType.FLOAT32,
    ('i', 8): _DType.INT64,
    ('i', 4): _DType.INT32,
    ('i', 2): _DType.INT32,
    ('i', 1): _DType.INT32,
    ('u', 1): _DType.UINT8,
    ('u', 2): _DType.INT32,
    ('u', 4): _DType.INT64,
    ('u', 8): _DType.INT64,
    ('b', 1): _DType.BOOL,
}


def _mp_dtype_for(array, field):
    dtype = array.dtype
    if dtype.kind in 'UO':
        return _DType.STRING
    if dtype.kind == 'S':
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: numpy dtype %s holds bytes, not text; decode it to str first'
                     % (field, dtype))
    if dtype.kind == 'f' and dtype.itemsize > 8:
        return _DType.FLOAT64
    found = _KIND_TO_MP.get((dtype.kind, dtype.itemsize))
    if found is None:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: numpy dtype %s cannot be converted to a ModelPersist.Array '
                     '(supported: float, int, uint, bool, str)' % (field, dtype))
    if dtype.kind == 'u' and dtype.itemsize == 8 and array.size and array.max() > np.iinfo(np.int64).max:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: uint64 value %d does not fit in int64' % (field, array.max()))
    return found


def _as_ndarray(obj, field):
    """Turn @obj into an ndarray without copying when it already is one."""
    if isinstance(obj, np.ndarray):
        array = obj
    else:
        try:
            array = np.asarray(obj)
        except (ValueError, TypeError) as e:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: cannot be converted to an array: %s' % (field, e)) from None
    if array.dtype.kind == 'U' and not isinstance(obj, np.ndarray):
        # numpy prints numbers into text when a list mixes them with
        # strings (['a', 1] becomes ['a', '1']); scikit-learn refuses such
        # labels, and so does this.
        try:
            items = np.asarray(obj, dtype=object).ravel().tolist()
        except (ValueError, TypeError):
            items = []
        if not all(isinstance(item, str) for item in items):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: mixes strings with other values; labels must be all strings '
                         'or all numbers' % field)
    if array.dtype.kind == 'O':
        # An object array of str (what pandas and scikit-learn often hold
        # labels in) is a str array; anything else must be numbers. A mix
        # is refused rather than guessed at.
        items = array.ravel().tolist()
        if items and all(isinstance(item, str) for item in items):
            return array
        if any(isinstance(item, (str, bytes)) for item in items):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: mixes strings with other values; labels must be all strings '
                         'or all numbers' % field)
        try:
            array = array.astype(np.float64)
        except (ValueError, TypeError):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: holds values that are not numbers' % field) from None
    return array


def _is_dataframe(obj):
    # Without importing pandas: a DataFrame is whatever pandas says it is.
    return type(obj).__module__.split('.')[0] == 'pandas' and hasattr(obj, 'columns') \
        and hasattr(obj, 'iloc') and getattr(obj, 'ndim', None) == 2


def _column_label(names, j):
    return "column '%s'" % names[j] if names is not None else 'column %d' % j


def _table(columns, names, field):
    """A ModelPersist table (DType.COLUMNS) of the 1-D value sequences
    @columns, named @names (or None)."""
    arrays = []
    for j, values in enumerate(columns):
        where = '%s: %s' % (field, _column_label(names, j))
        array = _as_ndarray(values, where)
        if array.dtype.kind == 'O' and array.size and \
                all(isinstance(v, str) for v in array.tolist()):
            array = array.astype(str)
        arrays.append(as_array(array, field=where))
    return _ArrayIntrospected.new_columns(arrays, names)


def _mixed_columns(array):
    """Whether a 2-D object array holds text in some columns and numbers in
    others (scikit-learn's usual input for a column transformer)."""
    if array.ndim != 2 or array.dtype.kind != 'O' or array.size == 0:
        return False
    kinds = {j: {isinstance(v, str) for v in array[:, j].tolist()} for j in range(array.shape[1])}
    return all(len(k) == 1 for k in kinds.values()) and len({min(k) for k in kinds.values()}) > 1


def as_array(obj, dtype=None, field='array'):
    """Convert @obj to a ModelPersist.Array.

    @obj may be a ModelPersist.Array (returned as is), a numpy array of any
    numeric, bool or str dtype and memory order, a nested list or a scalar.
    The elements are copied once into memory the library owns. @dtype (a
    ModelPersist.DType or anything numpy.dtype() accepts) forces the element
    type; otherwise the smallest supported type that holds the values
    exactly is used (int16 becomes int32, uint32 becomes int64, float16
    becomes float32). Text (numpy <U arrays, object arrays of str, lists of
    str) becomes a STRING array; text is never parsed into numbers nor
    numbers printed into text, and bools stay BOOL. Errors are GLib.Error
    with ModelPersist.Error.INVALID_ARGUMENT naming @field.

    A pandas DataFrame whose columns are all numbers becomes a float
    matrix, as numpy would make it; one with text columns (or a 2-D object
    array mixing text columns and number columns) becomes a table
    (DType.COLUMNS), each column of its own dtype and a DataFrame's string
    column labels as the table's column names.
    """
    if isinstance(obj, _ArrayIntrospected) and dtype is None:
        return obj

    if dtype is None and _is_dataframe(obj) and \
            not all(getattr(t, 'kind', 'O') in 'biuf' for t in obj.dtypes):
        names = _feature_names(obj)
        return _table([obj.iloc[:, j].to_numpy() for j in range(obj.shape[1])], names, field)
    if dtype is None and isinstance(obj, np.ndarray) and _mixed_columns(obj):
        return _table([obj[:, j] for j in range(obj.shape[1])], None, field)

    array = _as_ndarray(obj, field)
    if dtype is None:
        mp_dtype = _mp_dtype_for(array, field)
    elif isinstance(dtype, _DType):
        mp_dtype = dtype
    else:
        mp_dtype = _mp_dtype_for(np.empty(0, dtype=np.dtype(dtype)), field)
    np_dtype = _MP_TO_NUMPY[mp_dtype]
    shape = list(array.shape)

    if (mp_dtype == _DType.STRING) != (array.dtype.kind in 'UO'):
        # As mp_array_convert(): numbers are not printed into labels, nor
        # labels parsed into numbers.
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: %s values cannot be stored as %s'
                     % (field, array.dtype, ModelPersist.dtype_to_string(mp_dtype)))
    if mp_dtype == _DType.STRING:
        return _strings_array(array, shape, field)

    if _native is not None:
        gbytes = _native.bytes_from(array, np_dtype)
    else:
        contiguous = np.ascontiguousarray(array, dtype=np_dtype)
        gbytes = GLib.Bytes.new(contiguous.tobytes())
    return _ArrayIntrospected.new_from_bytes(mp_dtype, shape, gbytes)


__all__.append('as_array')


def _strings_array(array, shape, field):
    values = array.ravel().tolist()
    joined = ''.join(values)
    if '\0' not in joined:
        # One buffer, one call: each element and its NUL (a pointer per
        # element through PyGObject took most of the time).
        try:
            text = ('\0'.join(values) + '\0').encode('utf-8') if values else b''
        except UnicodeEncodeError:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: holds a string that is not valid Unicode (a lone surrogate)'
                         % field) from None
        return _ArrayIntrospected.new_strings_from_bytes(GLib.Bytes.new(text), shape)
    for i, value in enumerate(values):
        # A C string ends at U+0000, so it cannot be stored; numpy already
        # drops trailing ones from <U elements.
        if '\0' in value:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: element %d holds U+0000, which a label cannot' % (field, i))
    try:
        return _ArrayIntrospected.new_strings(values, shape)
    except UnicodeEncodeError:
        # A lone surrogate ('\ud800') has no UTF-8 form.
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: holds a string that is not valid Unicode (a lone surrogate)' % field) from None


# A <U array takes (longest element in code points) x 4 bytes per element.
# Past this many times the UTF-8 text (plus 1 MiB), one long label among
# many short ones would ask numpy for far more memory than the model holds
# (docs/security.md, "String arrays"): such arrays come back as object
# arrays of str instead.
_STR_ARRAY_GROWTH = 16


def _strings_to_numpy(mparray, shape):
    values = mparray.dup_strings()
    if not values:
        result = np.empty(shape, dtype='<U1')
    else:
        longest = max(len(v) for v in values)
        if len(values) * longest * 4 > _STR_ARRAY_GROWTH * mparray.get_n_bytes() + (1 << 20):
            result = np.empty(len(values), dtype=object)
            result[:] = values
        else:
            result = np.array(values, dtype='<U%d' % max(longest, 1))
        result = result.reshape(shape)
    result.flags.writeable = False
    return result


def to_numpy(mparray):
    """Return a read-only numpy.ndarray with the contents of @mparray.

    On the native path the ndarray views the MpArray's memory (no copy) and
    keeps the MpArray alive; elements are in the host's byte order.
    """
    if mparray.get_dtype() == _DType.COLUMNS:
        # A table comes back as numpy holds mixed columns: an object array.
        rows, n_columns = mparray.get_shape()
        result = np.empty((rows, n_columns), dtype=object)
        for j in range(n_columns):
            result[:, j] = to_numpy(mparray.get_column(j))
        result.flags.writeable = False
        return result
    dtype = _MP_TO_NUMPY[mparray.get_dtype()]
    shape = tuple(mparray.get_shape() or ())
    if mparray.get_dtype() == _DType.STRING:
        return _strings_to_numpy(mparray, shape)
    gbytes = mparray.get_bytes()
    if gbytes.get_size() == 0:
        result = np.empty(shape, dtype=dtype)
        result.flags.writeable = False
        return result
    if _native is not None:
        return _native.view(gbytes, dtype, shape, mparray)
    return np.frombuffer(gbytes.get_data(), dtype=dtype).reshape(shape)


__all__.append('to_numpy')


def _from_gi(value):
    """Turn what a gi call returned into what a numpy user expects."""
    if isinstance(value, _ArrayIntrospected):
        return to_numpy(value)
    if isinstance(value, tuple):
        return tuple(_from_gi(v) for v in value)
    return value


# ---------------------------------------------------------------------------
# ModelPersist.Array

class Array(ModelPersist.Array):
    """An immutable n-dimensional array that numpy understands.

    ``ModelPersist.Array(obj, dtype=None)`` converts anything numpy can
    (see as_array()); ``numpy.asarray(a)`` views the array without copying.
    """

    def __new__(cls, obj, dtype=None):
        return as_array(obj, dtype=dtype, field='obj')

    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def from_numpy(cls, obj, dtype=None):
        """Same as ``ModelPersist.Array(obj, dtype)``."""
        return as_array(obj, dtype=dtype, field='obj')

    def __array__(self, dtype=None, copy=None):
        result = to_numpy(self)
        if dtype is not None and np.dtype(dtype) != result.dtype:
            return result.astype(dtype)
        if copy:
            return result.copy()
        return result

    @property
    def shape(self):
        return tuple(self.get_shape() or ())

    @property
    def ndim(self):
        return self.get_n_dims()

    @property
    def size(self):
        return self.get_n_elements()

    @property
    def nbytes(self):
        return self.get_n_bytes()

    @property
    def dtype(self):
        if self.get_dtype() == _DType.STRING:
            return to_numpy(self).dtype      # <U as wide as the longest element
        return _MP_TO_NUMPY[self.get_dtype()]

    def __len__(self):
        if self.get_n_dims() == 0:
            raise TypeError('len() of a 0-d ModelPersist.Array')
        return self.get_dim(0)

    def __getitem__(self, key):
        return to_numpy(self)[key]

    def __iter__(self):
        return iter(to_numpy(self))

    def tolist(self):
        return to_numpy(self).tolist()

    def __repr__(self):
        body = np.array2string(to_numpy(self), separator=', ', prefix='ModelPersist.Array(')
        # mp_dtype_to_string()'s name: "str" for text, as numpy's str.
        return 'ModelPersist.Array(%s, dtype=%s)' % (body, ModelPersist.dtype_to_string(self.get_dtype()))


Array = override(Array)
__all__.append('Array')


# ---------------------------------------------------------------------------
# Hyperparameter values: Python <-> GValue, driven by the GParamSpec

_INT_TYPES = (GObject.TYPE_INT, GObject.TYPE_UINT, GObject.TYPE_LONG, GObject.TYPE_ULONG,
              GObject.TYPE_INT64, GObject.TYPE_UINT64, GObject.TYPE_CHAR, GObject.TYPE_UCHAR)
_FLOAT_TYPES = (GObject.TYPE_DOUBLE, GObject.TYPE_FLOAT)


def _enum_values(pspec):
    return list(pspec.enum_class.__enum_values__.values())


def _check_range(pspec, value, field):
    minimum = getattr(pspec, 'minimum', None)
    maximum = getattr(pspec, 'maximum', None)
    if minimum is None or maximum is None:
        return
    if isinstance(value, float) and math.isnan(value):
        if pspec.flags & GObject.ParamFlags.LAX_VALIDATION:
            return  # stored; the declared constraint refuses it at fit
        # GLib cannot store NaN in a strictly validated double property (it
        # would print a warning and keep the old value), and no declared
        # constraint allows it: refuse it here, in the declaration's words.
        wanted = ModelPersist.Estimator.type_describe_constraint(pspec.owner_type, pspec.name)
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: must be %s, got nan' % (field, wanted or 'a number'))
    if not minimum <= value <= maximum:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: %r is out of range [%r, %r]' % (field, value, minimum, maximum))


def _to_property_value(pspec, value, field):
    """Convert a Python value to what set_property() needs for @pspec."""
    vtype = pspec.value_type

    # Properties of an enum type: classes defined outside the library (the
    # built-in estimators' word-valued hyperparameters are strings, below).
    if vtype.is_a(GObject.TYPE_ENUM):
        if isinstance(value, str):
            for candidate in _enum_values(pspec):
                if candidate.value_nick == value:
                    return candidate
            nicks = ', '.join(repr(v.value_nick) for v in _enum_values(pspec))
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: unknown value %r (expected one of %s)' % (field, value, nicks))
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            if int(value) in pspec.enum_class.__enum_values__:
                return pspec.enum_class.__enum_values__[int(value)]
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a string naming the value, got %r' % (field, value))

    if vtype == GObject.TYPE_STRING:
        # Stored as given: a word the declaration does not allow is refused
        # at fit, as C=nan is, and reads back as set.
        if value is None or isinstance(value, str):
            return value
        # An enum member is its word: ModelPersist.SVMKernel.RBF is 'rbf'
        # (an int subclass, so before the numbers).
        if isinstance(value, GObject.GEnum):
            return value.value_nick
        if isinstance(value, dict):
            return _dict_literal(value, field)
        if isinstance(value, bool):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: expected a string or a number, got %r' % (field, value))
        if isinstance(value, numbers.Integral):
            return str(int(value))
        if isinstance(value, numbers.Real):
            return repr(float(value))
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a string or a number, got %r' % (field, value))

    if vtype == GObject.TYPE_BOOLEAN:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected True or False, got %r' % (field, value))

    if vtype in _INT_TYPES:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: expected an integer, got %r' % (field, value))
        if not isinstance(value, numbers.Integral):
            if not float(value).is_integer():
                raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                             '%s: expected an integer, got %r' % (field, value))
        value = int(value)
        _check_range(pspec, value, field)
        return value

    if vtype in _FLOAT_TYPES:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: expected a number, got %r' % (field, value))
        value = float(value)
        _check_range(pspec, value, field)
        return value

    if vtype.is_a(_ArrayIntrospected.__gtype__):
        return None if value is None else as_array(value, field=field)

    if vtype.is_a(ModelPersist.EstimatorList.__gtype__):
        return _estimator_list(value, field)

    if vtype.is_a(ModelPersist.Estimator.__gtype__):
        if value is None or isinstance(value, ModelPersist.Estimator):
            return value
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected an estimator or None, got %r' % (field, value))

    if vtype == GObject.TYPE_STRV:
        if value is None:
            return None
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: expected a list of strings, got %r' % (field, value))
        return list(value)

    return value


def _estimator_list(value, field):
    """An MpEstimatorList from scikit-learn's spelling: [('scale', est),
    ('clf', 'passthrough')] for named entries, [est, est] for unnamed."""
    if value is None or isinstance(value, ModelPersist.EstimatorList):
        return value
    if isinstance(value, (str, bytes)) or not hasattr(value, '__iter__'):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a list of (name, estimator) pairs or of estimators, got %r'
                     % (field, value))
    result = ModelPersist.EstimatorList.new()
    for i, item in enumerate(value):
        name = None
        if isinstance(item, tuple):
            if len(item) != 2 or not isinstance(item[0], str):
                raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                             '%s[%d]: expected a (name, estimator) pair, got %r' % (field, i, item))
            name, item = item
        if isinstance(item, ModelPersist.Estimator):
            result.append(name, item)
        elif isinstance(item, str):
            result.append_word(name, item)
        else:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s[%d]: expected an estimator or a word such as %r, got %r'
                         % (field, i, 'passthrough', item))
    return result


def _list_entries(estimator_list):
    """An MpEstimatorList as scikit-learn holds it: (name, estimator or
    word) pairs, or estimators (and words) for an unnamed list."""
    entries = []
    for i in range(estimator_list.get_n_items()):
        item = estimator_list.get_estimator(i) or estimator_list.get_word(i)
        name = estimator_list.get_name(i)
        entries.append(item if name is None else (name, item))
    return entries


def _number_literal(number, what):
    """Python literal text of a real number (numpy scalars included)."""
    if isinstance(number, (bool, np.bool_)) or not isinstance(number, numbers.Real):
        raise ValueError('%s %r is not a number' % (what, number))
    if isinstance(number, numbers.Integral):
        return str(int(number))
    number = float(number)
    if not math.isfinite(number):
        raise ValueError('%s %r is not finite' % (what, number))
    return repr(number)


def _dict_literal(mapping, field):
    """A dict of numbers as the text a string hyperparameter holds, in
    Python literal syntax: {0: 1.0, 2: 3.5} (SVC's class_weight)."""
    try:
        items = ['%s: %s' % (_number_literal(k, 'key'), _number_literal(v, 'value'))
                 for k, v in mapping.items()]
    except ValueError as e:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: a dict of numbers is expected: %s' % (field, e)) from None
    return '{%s}' % ', '.join(items)


def _from_property_value(value):
    """Convert what get_property() returned to a plain Python value."""
    if isinstance(value, _ArrayIntrospected):
        return to_numpy(value)
    if isinstance(value, GObject.GEnum):
        return value.value_nick
    if isinstance(value, GObject.GFlags):
        return value.value_nicks
    if isinstance(value, ModelPersist.EstimatorList):
        return _list_entries(value)
    return value


def _repr_literals(estimator):
    """The hyperparameters as the C string form writes them, parsed.

    The string form is Python literal syntax, and it is the one place where
    an estimator says how a string-typed hyperparameter that may also hold a
    number (SVC's gamma) is meant to read: 'scale' or 0.1.
    """
    try:
        call = ast.parse(estimator.to_string(), mode='eval').body
    except SyntaxError:
        return {}
    literals = {}
    if isinstance(call, ast.Call):
        for keyword in call.keywords:
            if isinstance(keyword.value, ast.Name) and keyword.value.id == 'nan':
                # a float nan (OrdinalEncoder's unknown_value), as repr() shows it
                literals[keyword.arg] = float('nan')
                continue
            try:
                literals[keyword.arg] = ast.literal_eval(keyword.value)
            except ValueError:
                pass
    return literals


# ---------------------------------------------------------------------------
# Wrapping introspected methods that take or return MpArray

def _is_array_type(type_info):
    if type_info.get_tag() != _TypeTag.INTERFACE:
        return False
    iface = type_info.get_interface()
    return (iface is not None and iface.get_namespace() == 'ModelPersist' and
            iface.get_name() == 'Array')


def _visible_in_args(callable_info):
    """The arguments a Python caller passes, in order (self excluded)."""
    args = callable_info.get_arguments()
    hidden = set()
    for arg in args:
        type_info = arg.get_type()
        if type_info.get_tag() == _TypeTag.ARRAY and type_info.get_array_length() >= 0:
            hidden.add(type_info.get_array_length())
        if arg.get_closure() >= 0:
            hidden.add(arg.get_closure())
        if arg.get_destroy() >= 0:
            hidden.add(arg.get_destroy())
    return [arg for i, arg in enumerate(args)
            if i not in hidden and arg.get_direction() != _Direction.OUT]


def _touches_arrays(callable_info):
    if _is_array_type(callable_info.get_return_type()):
        return True
    return any(_is_array_type(arg.get_type()) for arg in callable_info.get_arguments())


def _feature_names(X):
    """The column names of a pandas DataFrame (or any object with string
    ``columns``), as scikit-learn reads them, and a named table's; None
    for other inputs."""
    if isinstance(X, _ArrayIntrospected):
        names = X.get_column_names() if X.get_dtype() == _DType.COLUMNS else None
        return list(names) if names else None
    columns = getattr(X, 'columns', None)
    if columns is None or isinstance(X, np.ndarray):
        return None
    names = [c for c in columns]
    if names and all(isinstance(c, str) for c in names):
        return names
    if any(isinstance(c, str) for c in names):
        raise TypeError('Feature names are only supported if all input features have string '
                        'names, but your input has mixed types; convert them all to strings')
    return None


def _check_input_names(estimator, X):
    """Before an entry point reads X: named columns must be the ones fit
    saw, in the same order (GLib.Error, INVALID_INPUT); a mismatch in
    whether names exist only warns, as in scikit-learn."""
    if not isinstance(estimator, ModelPersist.Estimator) or not estimator.is_fitted():
        return
    names = _feature_names(X)
    fitted = estimator.get_property('feature-names-in')
    if names is None and fitted:
        warnings.warn('X does not have valid feature names, but %s was fitted with feature names'
                      % type(estimator).__name__, UserWarning, stacklevel=3)
    elif names is not None and not fitted:
        warnings.warn('X has feature names, but %s was fitted without feature names'
                      % type(estimator).__name__, UserWarning, stacklevel=3)
    estimator.check_feature_names(names)


def _wrap_callable(function, callable_info, is_method):
    """A Python function that converts arrays in and out around @function."""
    in_args = _visible_in_args(callable_info)
    array_positions = {i for i, arg in enumerate(in_args) if _is_array_type(arg.get_type())}
    array_names = {arg.get_name() for arg in in_args if _is_array_type(arg.get_type())}
    has_out = any(arg.get_direction() == _Direction.OUT for arg in callable_info.get_arguments())
    drops_status = (callable_info.can_throw_gerror() and has_out and
                    callable_info.get_return_type().get_tag() == _TypeTag.BOOLEAN)
    name = callable_info.get_name()

    def convert(args, kwargs):
        # scikit-learn passes X and Y by keyword in its own spelling
        # (CalibratedClassifierCV calls decision_function(X=...)); C
        # argument names are lower case.
        for key in [k for k in kwargs if k in ('X', 'Y') and k.lower() in array_names]:
            kwargs[key.lower()] = kwargs.pop(key)
        args = [as_array(a, field=in_args[i].get_name())
                if i in array_positions and a is not None else a
                for i, a in enumerate(args)]
        for key in array_names.intersection(kwargs):
            if kwargs[key] is not None:
                kwargs[key] = as_array(kwargs[key], field=key)
        return args, kwargs

    def finish(result):
        # Throwing functions that return gboolean plus out values give
        # (True, out...): the status is always True when nothing was raised.
        if drops_status and isinstance(result, tuple):
            result = tuple(result)[1:]
            if len(result) == 1:
                result = result[0]
        return _from_gi(result)

    x_position = next((i for i, arg in enumerate(in_args) if arg.get_name() == 'x'), None)

    if is_method:
        def wrapper(self, *args, **kwargs):
            if x_position is not None:
                X = kwargs.get('X', kwargs.get('x', args[x_position] if len(args) > x_position else None))
                _check_input_names(self, X)
            args, kwargs = convert(args, kwargs)
            return finish(function(self, *args, **kwargs))
    else:
        def wrapper(*args, **kwargs):
            args, kwargs = convert(args, kwargs)
            return finish(function(*args, **kwargs))

    wrapper.__name__ = name
    wrapper.__qualname__ = name
    wrapper.__doc__ = getattr(function, '__doc__', None)
    wrapper.__wrapped__ = function
    return wrapper


def _array_methods(introspected_class):
    """Wrapped versions of the methods @introspected_class itself introduces."""
    methods = {}
    for method_info in introspected_class.__info__.get_methods():
        if not method_info.is_method() or not _touches_arrays(method_info):
            continue
        name = method_info.get_name()
        original = introspected_class.__dict__.get(name)
        if original is None:
            original = getattr(introspected_class, name, None)
        if original is None:
            continue
        methods[name] = _wrap_callable(original, method_info, is_method=True)
    return methods


# ---------------------------------------------------------------------------
# ModelPersist.Estimator

def _property_lookup(cls, name):
    """The class-level GParamSpec named @name (`-` or `_`), or None."""
    wanted = name.replace('_', '-')
    for pspec in GObject.list_properties(cls.__gtype__):
        if pspec.name == wanted:
            return pspec
    return None


_Can = ModelPersist.EstimatorCapabilities

# The methods an estimator may or may not offer (mp_estimator_get_capabilities()).
_OPTIONAL_METHODS = {
    # a transformer neither predicts nor scores, as in scikit-learn
    'predict': _Can.PREDICT,
    'score': _Can.PREDICT,
    'predict_proba': _Can.PREDICT_PROBA,
    'decision_function': _Can.DECISION_FUNCTION,
    'transform': _Can.TRANSFORM,
    'fit_transform': _Can.TRANSFORM,
    'inverse_transform': _Can.INVERSE_TRANSFORM,
}


class _Offered:
    """A method that exists only while the estimator offers it, as with
    scikit-learn's available_if: ``hasattr(SVC(), 'predict_proba')`` is
    False until probability=True, and the tools that ask (soft voting,
    calibration, scorers) choose what they would choose for scikit-learn's
    estimator."""

    def __init__(self, name, function):
        self.name = name
        self.capability = _OPTIONAL_METHODS[name]
        self.function = function
        self.__doc__ = getattr(function, '__doc__', None)

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.function
        if not obj.get_capabilities() & self.capability:
            raise AttributeError('%s: not available for %s' % (self.name, obj.to_string()))
        return self.function.__get__(obj, owner)


_KIND_NAMES = {
    ModelPersist.EstimatorKind.CLASSIFIER: 'classifier',
    ModelPersist.EstimatorKind.REGRESSOR: 'regressor',
    ModelPersist.EstimatorKind.TRANSFORMER: 'transformer',
    ModelPersist.EstimatorKind.CLUSTERER: 'clusterer',
}


class Estimator(ModelPersist.Estimator):
    """The base of every estimator, with scikit-learn's surface.

    * ``SVC(C=0.5, gamma='scale', kernel='rbf')``: keyword hyperparameters
      by the names and words scikit-learn uses; an enum member
      (``ModelPersist.SVMKernel.RBF``) stands for its word. A word that is
      not allowed is kept and refused by fit, naming the parameter.
    * fit(X, y) returns self; predict(), score() and every other method
      taking arrays accept numpy arrays or lists and return numpy arrays.
    * get_params(deep=True), set_params(**params), repr().
    * Fitted attributes (``est.classes_``) as numpy arrays; before fit they
      raise NotFittedError, an AttributeError.
    """

    def __init__(self, **kwargs):
        construct = {}
        given = {}
        for key in list(kwargs):
            pspec = _property_lookup(type(self), key)
            if kwargs[key] is None and pspec is not None and \
                    pspec.value_type in _INT_TYPES + _FLOAT_TYPES:
                continue    # None for a number is _set_none()'s to decide
            if pspec is not None and pspec.flags & (GObject.ParamFlags.CONSTRUCT_ONLY |
                                                    GObject.ParamFlags.CONSTRUCT):
                given[key] = kwargs.pop(key)
                construct[pspec.name] = _to_property_value(pspec, given[key], key)
        super().__init__(**construct)
        for key, value in given.items():
            self._remember_param(key, value)
        for key in kwargs:
            if self._find_named_param(key) is None:
                raise TypeError('%s() got an unexpected keyword argument %r (its parameters: %s)'
                                % (type(self).__name__, key, ', '.join(self._param_names())))
        self._set_params(kwargs)

    # -- parameters ---------------------------------------------------------

    def _param_names(self, role=_Role.HYPERPARAMETER):
        return list(self.list_param_names(role))

    def _find_named_param(self, name, role=_Role.HYPERPARAMETER):
        """The GParamSpec of the hyperparameter @name (display name), or None."""
        if name not in self._param_names(role):
            return None
        return self.find_param(name)

    def _entry(self, name):
        """The estimator (or word) of the list entry called @name, and
        whether there is one."""
        for pspec_name in self._param_names():
            pspec = self.find_param(pspec_name)
            if not pspec.value_type.is_a(ModelPersist.EstimatorList.__gtype__):
                continue
            entries = self.get_property(pspec.name)
            found, position = entries.find(name) if entries is not None else (False, 0)
            if found:
                return entries.get_estimator(position) or entries.get_word(position), True
        return None, False

    def _set_params(self, params):
        nested = {}
        # As scikit-learn: a whole list first, then its entries by name.
        lists = [k for k in params if (self._find_named_param(k) is not None and
                 self._find_named_param(k).value_type.is_a(ModelPersist.EstimatorList.__gtype__))]
        for key in lists + [k for k in params if k not in lists]:
            value = params[key]
            if '__' in key:
                child, _, sub = key.partition('__')
                nested.setdefault(child, {})[sub] = value
                continue
            pspec = self._find_named_param(key)
            if pspec is None and self._entry(key)[1]:
                # pipe.set_params(clf=LogisticRegression()) or clf='passthrough'
                ModelPersist.Estimator.set_param(self, key, value)
                continue
            if pspec is None:
                raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                             '%s: not a parameter of %s (its parameters: %s)'
                             % (key, type(self).__name__, ', '.join(self._param_names())))
            if value is None and pspec.value_type in _INT_TYPES + _FLOAT_TYPES:
                self._set_none(pspec, key)
            else:
                self.set_property(pspec.name, _to_property_value(pspec, value, key))
            self._remember_param(key, value)
        for child, sub_params in nested.items():
            pspec = self._find_named_param(child)
            estimator = (self.get_property(pspec.name) if pspec is not None
                         else self._entry(child)[0])
            if not isinstance(estimator, Estimator):
                raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                             '%s: not an estimator parameter of %s' % (child, type(self).__name__))
            estimator._set_params(sub_params)

    def _set_none(self, pspec, name):
        # A numeric hyperparameter takes None when the estimator prints its
        # default as None (SVC's random_state=-1 means None): the string
        # form is where an estimator says so.
        old = self.get_property(pspec.name)
        self.set_property(pspec.name, pspec.default_value)
        if _repr_literals(self).get(name, 0) is not None:
            self.set_property(pspec.name, old)
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: expected a number, got None' % name)

    def _remember_param(self, name, value):
        # get_params() hands back the very object a parameter was set with
        # while the property still holds its value, as a scikit-learn
        # estimator that stores its arguments does; sklearn.base.clone()
        # checks parameters by identity.
        try:
            given = self.__dict__['_mp_given']
        except KeyError:
            given = self.__dict__['_mp_given'] = {}
        given[name] = value

    def _given_or(self, name, value):
        given = self.__dict__.get('_mp_given', {})
        if name not in given:
            return value
        candidate = given[name]
        if candidate is value:
            return value
        try:
            if isinstance(value, np.ndarray) or isinstance(candidate, np.ndarray):
                same = np.array_equal(np.asarray(candidate), value)
            else:
                same = type(candidate) is type(value) and bool(candidate == value)
                # nan is no number's equal, its own included
                same = same or (isinstance(value, float) and isinstance(candidate, float) and
                                math.isnan(value) and math.isnan(candidate))
        except (TypeError, ValueError):
            same = False
        return candidate if same else value

    def get_params(self, deep=True):
        """The hyperparameters as a dict keyed by their scikit-learn names.

        Word-valued ones come back as their words ('rbf'), arrays as numpy
        arrays. With @deep, the parameters of child estimators are included
        as ``child__param``.
        """
        params = {}
        literals = None
        for name in self._param_names():
            pspec = self.find_param(name)
            value = self.get_property(pspec.name)
            if pspec.value_type == GObject.TYPE_STRING and value is not None:
                if literals is None:
                    literals = _repr_literals(self)
                value = literals.get(name, value)
            elif pspec.value_type in _INT_TYPES + _FLOAT_TYPES:
                # The string form says how a number reads in Python: a
                # number that stands for None (random_state=-1) prints as
                # None, an integral float as an int (cache_size=200).
                if literals is None:
                    literals = _repr_literals(self)
                literal = literals.get(name, value)
                if literal is None and value == pspec.default_value:
                    value = None
                elif (pspec.value_type in _FLOAT_TYPES and type(literal) is int and
                      literal == value):
                    value = literal
            value = self._given_or(name, _from_property_value(value))
            if deep and isinstance(value, Estimator):
                for key, sub in value.get_params(deep=True).items():
                    params['%s__%s' % (name, key)] = sub
            params[name] = value
            if deep and pspec.value_type.is_a(ModelPersist.EstimatorList.__gtype__):
                # scikit-learn's composites: each named entry, and its
                # parameters as entry__param
                for entry in value or ():
                    if not isinstance(entry, tuple):
                        continue
                    entry_name, child = entry
                    params[entry_name] = child
                    if isinstance(child, Estimator):
                        for key, sub in child.get_params(deep=True).items():
                            params['%s__%s' % (entry_name, key)] = sub
        return params

    def set_params(self, **params):
        """Set hyperparameters by their scikit-learn names; returns self.

        ``child__param`` reaches into a child estimator. Unknown names and
        values of the wrong type raise GLib.Error with
        ModelPersist.Error.INVALID_ARGUMENT.
        """
        self._set_params(params)
        return self

    # -- attributes ---------------------------------------------------------

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        if name in _OPTIONAL_METHODS:
            # Only reached when _Offered refused: say why.
            raise AttributeError('%s: not available for %s' % (name, self.to_string()))
        try:
            hyper = self._param_names(_Role.HYPERPARAMETER)
            fitted = self._param_names(_Role.FITTED)
        except TypeError:
            # The GObject is not constructed yet (inside a subclass __init__).
            raise AttributeError(name) from None
        if name in hyper:
            return self.get_params(deep=False)[name]
        if name in fitted:
            if not self.is_fitted():
                raise NotFittedError('%s: this %s instance is not fitted yet; call fit() first'
                                     % (name, type(self).__name__))
            pspec = self.find_param(name)
            value = self.get_property(pspec.name)
            if pspec.value_type == GObject.TYPE_STRV:
                # A list of names (feature_names_in_) reads as scikit-learn's
                # object array, and is absent, not None, when unset
                # (PyGObject gives [] for a NULL list).
                if not value:
                    raise AttributeError('%r object has no attribute %r' % (type(self).__name__, name))
                return np.asarray(value, dtype=object)
            return _from_property_value(value)
        raise AttributeError('%r object has no attribute %r' % (type(self).__name__, name))

    def __setattr__(self, name, value):
        if not name.startswith('_'):
            try:
                hyper = self._param_names(_Role.HYPERPARAMETER)
                fitted = self._param_names(_Role.FITTED)
            except TypeError:
                hyper = fitted = ()
            if name in hyper:
                self._set_params({name: value})
                return
            if name in fitted:
                pspec = self.find_param(name)
                self.set_property(pspec.name, _to_property_value(pspec, value, name))
                return
        super().__setattr__(name, value)

    def __dir__(self):
        names = set(super().__dir__())
        names.update(self._param_names(_Role.HYPERPARAMETER))
        if self.is_fitted():
            names.update(self._param_names(_Role.FITTED))
        return sorted(names)

    # -- fit, predict, score --------------------------------------------------

    def fit(self, X, y=None):
        """Fit to X (n_samples x n_features) and y; returns self. A pandas
        DataFrame's string column names become ``feature_names_in_``."""
        names = _feature_names(X)
        ModelPersist.Estimator.fit(self, as_array(X, field='X'),
                                   None if y is None else as_array(y, field='y'))
        self.__dict__.pop(_PROVENANCE, None)      # fitted here, not imported
        if names is not None:
            self.set_property('feature-names-in', names)
        return self

    def predict(self, X):
        """One prediction per row of X, as a numpy array."""
        _check_input_names(self, X)
        return to_numpy(ModelPersist.Estimator.predict(self, as_array(X, field='X')))

    def fit_transform(self, X, y=None):
        """Fit to X (and y) and return X transformed, as a numpy array;
        a DataFrame's column names become ``feature_names_in_``."""
        names = _feature_names(X)
        result = ModelPersist.Estimator.fit_transform(
            self, as_array(X, field='X'), None if y is None else as_array(y, field='y'))
        self.__dict__.pop(_PROVENANCE, None)
        if names is not None:
            self.set_property('feature-names-in', names)
        return to_numpy(result)

    def score(self, X, y):
        """Mean accuracy (classifiers) or R² (regressors) on X, y, as a float."""
        _check_input_names(self, X)
        result = ModelPersist.Estimator.score(self, as_array(X, field='X'), as_array(y, field='y'))
        return float(result[1] if isinstance(result, tuple) else result)

    # -- what scikit-learn's tools look for -----------------------------------

    @property
    def _estimator_type(self):
        """'classifier', 'regressor', 'transformer' or 'clusterer', from the
        kind the class declared: sklearn.base.is_classifier() reads it, and
        cross-validation picks stratified folds for classifiers."""
        return _KIND_NAMES.get(self.get_kind())

    def __sklearn_is_fitted__(self):
        # sklearn.utils.validation.check_is_fitted() asks this first.
        return self.is_fitted()

    # -- string form and copies -----------------------------------------------

    def __repr__(self):
        return self.to_string()

    def __deepcopy__(self, memo):
        # GObject refuses copy.deepcopy(); scikit-learn's tools
        # (CalibratedClassifierCV with a prefit model, ...) need it. The
        # copy has the same hyperparameters (children copied) and the same
        # fitted state; arrays are immutable, so the copy shares them.
        new = self.clone()
        for name in self._param_names(_Role.FITTED):
            pspec = self.find_param(name)
            new.set_property(pspec.name, self.get_property(pspec.name))
        if self.is_fitted():
            new.mark_fitted()
        given = self.__dict__.get('_mp_given')
        if given is not None:
            new.__dict__['_mp_given'] = copy.deepcopy(given, memo)
        if _PROVENANCE in self.__dict__:
            new.__dict__[_PROVENANCE] = dict(self.__dict__[_PROVENANCE])
        return new

    def __copy__(self):
        return self.__deepcopy__({})

    def __reduce__(self):
        # pickle records only a call of _unpickle with our own safe bytes:
        # unpickling runs the library's loader, never code a file names.
        return (_unpickle, (dumps(self),))


Estimator = override(Estimator)
__all__.append('Estimator')


def _unpickle(data):
    return loads(data)


# pickle records where to find this function; gi.repository.ModelPersist is
# importable on its own, the override module is not (it needs PyGObject's
# loader), so that is where it is published.
_unpickle.__module__ = 'gi.repository.ModelPersist'
_unpickle.__qualname__ = '_unpickle'
__all__.append('_unpickle')


def clone(estimator):
    """A new, unfitted estimator of the same type with the same
    hyperparameters (child estimators are cloned too), like sklearn.base.clone.
    """
    if not isinstance(estimator, ModelPersist.Estimator):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'estimator: expected a ModelPersist.Estimator, got %r' % (estimator,))
    return estimator.clone()


__all__.append('clone')


# ---------------------------------------------------------------------------
# Objects that are not estimators (datasets, ...): properties as attributes

class _PropertyAttributes:
    """Reads GObject properties as attributes (``ds.data``, ``ds.target``),
    MpArray properties as read-only numpy arrays."""

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        pspec = _property_lookup(type(self), name)
        if pspec is None:
            raise AttributeError('%r object has no attribute %r' % (type(self).__name__, name))
        return _from_gi(self.get_property(pspec.name))


# ---------------------------------------------------------------------------
# Walk the namespace: every object class gets an override whose methods
# convert arrays. Parents come before children so each override derives
# from its parent's override.

def _object_infos():
    infos = [info for info in _Repository.get_default().get_infos('ModelPersist')
             if isinstance(info, _ObjectInfo)]

    def depth(info):
        d = 0
        parent = info.get_parent()
        while parent is not None:
            d += 1
            parent = parent.get_parent()
        return d

    return sorted(infos, key=lambda info: (depth(info), info.get_name()))


def _override_namespace():
    estimator_gtype = ModelPersist.Estimator.__gtype__
    module = sys.modules[__name__]
    for info in _object_infos():
        name = info.get_name()
        introspected = getattr(ModelPersist, name)
        _convert_method_errors(introspected, info)
        methods = _array_methods(introspected)

        if name == 'Estimator':
            for method_name, method in methods.items():
                if method_name in _OPTIONAL_METHODS:
                    method = _Offered(method_name, Estimator.__dict__.get(method_name, method))
                elif method_name in Estimator.__dict__:
                    continue
                setattr(Estimator, method_name, method)
            continue

        # A subclass's own predict_proba (mp_svc_predict_proba) would hide
        # the base class's, which knows whether it is offered; both call
        # the same virtual function.
        namespace = dict(methods)
        if info.get_g_type().is_a(estimator_gtype):
            for method_name in _OPTIONAL_METHODS:
                namespace[method_name] = Estimator.__dict__[method_name]
        namespace['__module__'] = __name__
        namespace['__qualname__'] = name
        namespace['__doc__'] = introspected.__doc__
        bases = (introspected,)
        if not info.get_g_type().is_a(estimator_gtype):
            bases = (introspected, _PropertyAttributes)
        cls = override(type(introspected)(name, bases, namespace))
        setattr(module, name, cls)
        __all__.append(name)


def _override_functions():
    module = sys.modules[__name__]
    for info in _Repository.get_default().get_infos('ModelPersist'):
        if not isinstance(info, _FunctionInfo) or not _touches_arrays(info):
            continue
        name = info.get_name()
        if name in module.__dict__:
            continue
        setattr(module, name, _wrap_callable(getattr(ModelPersist, name), info, is_method=False))
        __all__.append(name)


def _returns_dataset(info):
    type_info = info.get_return_type()
    if type_info.get_tag() != _TypeTag.INTERFACE:
        return False
    iface = type_info.get_interface()
    return (iface is not None and iface.get_namespace() == 'ModelPersist' and
            iface.get_name() == 'Dataset')


def _override_dataset_loaders():
    # load_iris(), load_wine() ... take scikit-learn's return_X_y.
    module = sys.modules[__name__]
    for info in _Repository.get_default().get_infos('ModelPersist'):
        if (not isinstance(info, _FunctionInfo) or not _returns_dataset(info) or
                _visible_in_args(info) or info.get_name() in module.__dict__):
            continue
        setattr(module, info.get_name(), _dataset_loader(getattr(ModelPersist, info.get_name())))
        __all__.append(info.get_name())


def _dataset_loader(function):
    def loader(return_X_y=False):
        dataset = function()
        if return_X_y:
            return dataset.data, dataset.target
        return dataset

    loader.__name__ = loader.__qualname__ = function.__name__
    loader.__doc__ = ((getattr(function, '__doc__', None) or '') +
                      '\n\nWith return_X_y=True, returns (data, target) as numpy arrays '
                      'instead of the ModelPersist.Dataset.')
    loader.__wrapped__ = function
    return loader


def _load_enums():
    # Create the introspected wrapper of every enum and flags type now. If
    # a GParamSpec's enum_class were touched first, PyGObject would register
    # a bare wrapper for the GType (without the members, such as
    # DummyStrategy.PRIOR) and ModelPersist.DummyStrategy would return it.
    for info in _Repository.get_default().get_infos('ModelPersist'):
        if isinstance(info, _EnumInfo):
            getattr(ModelPersist, info.get_name())


def _convert_method_errors(introspected, info):
    # As PyGObject binds them: methods to the instance, constructors to
    # the class (their first argument), static functions to nothing.
    for method_info in info.get_methods():
        name = method_info.get_name()
        function = introspected.__dict__.get(name)
        if not method_info.can_throw_gerror() or not isinstance(function, _FunctionInfo):
            continue
        if method_info.is_method():
            setattr(introspected, name, _raising(function))
        elif method_info.is_constructor():
            setattr(introspected, name, classmethod(_raising(function)))
        else:
            setattr(introspected, name, staticmethod(_raising(function)))


def _convert_errors():
    # Every function and method of the namespace that can throw raises
    # errors of their kind (see "Errors" above). Replaced in the
    # introspected module and classes themselves, so that every path into
    # C converts: the override's own calls (ModelPersist.Estimator.fit(self,
    # ...)), the array wrappers made below from these, super() in Python
    # subclasses, async *_finish() functions called in callbacks. Object
    # classes are converted by _override_namespace(), parents first: the
    # introspected class of a GType must not be created before its
    # parent's override, or it would derive from the bare parent.
    for info in _Repository.get_default().get_infos('ModelPersist'):
        if isinstance(info, _FunctionInfo):
            if info.can_throw_gerror():
                setattr(ModelPersist, info.get_name(), _raising(getattr(ModelPersist, info.get_name())))
        elif hasattr(info, 'get_methods') and not isinstance(info, _ObjectInfo):
            _convert_method_errors(getattr(ModelPersist, info.get_name()), info)


_load_enums()
_convert_errors()
_override_namespace()
_override_functions()
_override_dataset_loaders()


# ---------------------------------------------------------------------------
# Versions saved with every model
#
# A model saved from Python records, next to the C libraries' versions, the
# versions of Python, numpy and scikit-learn (where installed) in its
# producer record (mp_set_producer_field(), for every document this process
# saves). scikit-learn's version is read from its package without
# importing it (importing takes about 0.7 s). Setting sklearn_version also
# makes a load with a report warn when the model was converted from
# another scikit-learn (annotation imported_from.sklearn_version).

def _sklearn_version():
    module = sys.modules.get('sklearn')
    if module is not None and isinstance(getattr(module, '__version__', None), str):
        return module.__version__
    try:
        spec = importlib.util.find_spec('sklearn')
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    try:
        with open(spec.origin, encoding='utf-8') as init:
            match = re.search(r'''^__version__\s*=\s*["']([^"'\s]+)["']''', init.read(), re.M)
    except OSError:
        match = None
    if match is not None:
        return match.group(1)
    try:
        from importlib import metadata
        return metadata.version('scikit-learn')
    except Exception:  # noqa: BLE001 (no metadata: the version is unknown)
        return None


def _record_versions():
    fields = {
        'python_version': sys.version.split()[0],
        'numpy_version': np.__version__,
        'sklearn_version': _sklearn_version(),
    }
    for key, value in fields.items():
        if value is not None:
            ModelPersist.set_producer_field(key, value)


_record_versions()


# ---------------------------------------------------------------------------
# Persistence hooks
#
# These forward to the C functions (mp_dumps, mp_loads, mp_dump, mp_load and
# the GFile and stream variants), accepting the Python types users expect.
# The C signatures they follow:
#
#   dumps (estimator) -> GBytes                  dumps_full (estimator, save_options?, info?)
#   loads (bytes, options?, report?) -> estimator
#   dump (estimator, path)                       dump_file (estimator, file, cancellable?)
#   dump_full (estimator, path, save_options?, info?, cancellable?)   (and dump_file_full)
#   load (path, options?, report?)               load_file (file, options?, report?, cancellable?)
#   dump_to_stream (estimator, stream, cancellable?)
#   dump_to_stream_full (estimator, stream, save_options?, info?, cancellable?)
#   load_from_stream (stream, options?, report?, cancellable?)
#   inspect_types (bytes, options?) -> (types, untrusted)
#
# options is a ModelPersist.LoadOptions (limits, trusted types) and report a
# ModelPersist.LoadReport the caller creates and the loader fills in;
# save_options a ModelPersist.SaveOptions (compression), made from compress=.

# Below this size GLib.Bytes.new() of a bytes object (one memcpy inside
# PyGObject) costs a fifth of the ctypes path's calls, and get_data() a
# tenth of a view's tobytes(): what a small model's loads and dumps pay
# per call.
_SMALL_BYTES = 1 << 16


def _gbytes_from_buffer(data, field):
    if isinstance(data, GLib.Bytes):
        return data
    if type(data) is bytes and len(data) <= _SMALL_BYTES:
        return GLib.Bytes.new(data)
    if isinstance(data, str):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a bytes-like object, got str (a path? use load())' % field)
    try:
        view = memoryview(data)
    except TypeError:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a bytes-like object, got %s' % (field, type(data).__name__)) from None
    if not view.c_contiguous:
        view = memoryview(view.tobytes())
    if _native is not None:
        return _native.bytes_from(np.frombuffer(view.cast('B'), dtype=np.uint8))
    return GLib.Bytes.new(view.tobytes())


def _bytes_from_gbytes(gbytes):
    size = gbytes.get_size()
    if _native is not None and size > _SMALL_BYTES:
        return _native.bytes_copy(gbytes)
    return gbytes.get_data() or b''


def _is_path(target):
    return isinstance(target, (str, os.PathLike))


def _not_a_source(field, obj, kinds):
    hint = ''
    if isinstance(obj, (bytes, bytearray, memoryview, GLib.Bytes)):
        hint = ' (for model bytes use %s)' % ('loads()' if field == 'source' else 'dumps()')
    return _error(ModelPersist.Error.INVALID_ARGUMENT,
                  '%s: expected a path (str or pathlib.Path), %s or a binary file object, '
                  'got %s%s' % (field, kinds, type(obj).__name__, hint))


def _check_options(options, report):
    if options is not None and not isinstance(options, ModelPersist.LoadOptions):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'options: expected a ModelPersist.LoadOptions or None, got %s'
                     % type(options).__name__)
    if report is not None and not isinstance(report, ModelPersist.LoadReport):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'report: expected a ModelPersist.LoadReport or None, got %s'
                     % type(report).__name__)


def _check_estimator(estimator):
    if not isinstance(estimator, ModelPersist.Estimator):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'estimator: expected a ModelPersist.Estimator, got %s'
                     % type(estimator).__name__)


def _check_info(info):
    if info is not None and not isinstance(info, ModelPersist.ModelInfo):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'info: expected a ModelPersist.ModelInfo or None, got %s'
                     % type(info).__name__)


# Where an imported or converted model came from (the imported_from.*
# annotations of docs/import.md), kept with the estimator object so that
# dump() and dumps() save it even when no ModelInfo is given: a model
# converted with from_sklearn() records the scikit-learn version it came
# from, and loading it next to another version warns (the load report).
# fit() drops it: the fitted state is then this library's own.
_PROVENANCE = '_mp_imported_from'


def _remember_provenance(estimator, annotations):
    estimator.__dict__[_PROVENANCE] = {k: v for k, v in annotations.items() if v is not None}


def _with_provenance(estimator, info):
    """@info (or None) with @estimator's provenance annotations added; a
    copy when anything is added, so the caller's info is not changed."""
    origin = estimator.__dict__.get(_PROVENANCE)
    if not origin:
        return info
    if info is not None:
        missing = {k: v for k, v in origin.items() if info.get_annotation(k) is None}
        if not missing:
            return info
        info = ModelPersist.ModelInfo.new_from_json(info.to_json())
    else:
        missing = origin
        info = ModelPersist.ModelInfo()
    for key, value in missing.items():
        info.set_annotation(key, value)
    return info


def _trusted_gtype(entry, i):
    """The GType an entry of trusted=[...] names: a GType name ("MpSVC"),
    a GObject.GType, or a class (ModelPersist.SVC, a Python subclass)."""
    what = 'trusted[%d]' % i
    if isinstance(entry, str):
        try:
            gtype = GObject.type_from_name(entry)
        except RuntimeError:
            gtype = GObject.TYPE_INVALID
        if gtype == GObject.TYPE_INVALID:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: "%s" is not a registered type name' % (what, entry))
    elif isinstance(entry, GObject.GType):
        gtype = entry
    elif isinstance(entry, type) and isinstance(getattr(entry, '__gtype__', None), GObject.GType):
        gtype = entry.__gtype__
    else:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a type name, a GObject.GType or an estimator class, got %r'
                     % (what, entry))
    if not gtype.is_a(ModelPersist.Estimator.__gtype__) or gtype.is_abstract():
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: %s is not a concrete ModelPersist.Estimator type' % (what, gtype.name))
    return gtype


def _estimator_types(gtype):
    yield gtype
    for child in gtype.children:
        yield from _estimator_types(child)


def _copy_options(options):
    """A new LoadOptions that decides as @options does (limits, checks,
    and is_type_trusted() for every registered estimator type)."""
    copy = ModelPersist.LoadOptions()
    for pspec in GObject.list_properties(ModelPersist.LoadOptions):
        copy.set_property(pspec.name, options.get_property(pspec.name))
    for gtype in _estimator_types(ModelPersist.Estimator.__gtype__):
        if not gtype.is_abstract() and options.is_type_trusted(gtype):
            copy.trust_type(gtype)
    return copy


_MMAP_REFUSED = {
    'r+': 'mapped arrays are read-only; a loaded model is never written back to its file',
    'w+': 'mapped arrays are read-only; a loaded model is never written back to its file',
    'c': 'mapped arrays are read-only; a loaded model\'s arrays are never writable, '
         'not even as private copies',
}


def _load_options(options, trusted=None, mmap_mode=None):
    """@options as given, or a copy with @trusted types added and mapping
    set for @mmap_mode (the caller's options are never changed)."""
    if mmap_mode is not None:
        if not isinstance(mmap_mode, str):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         "mmap_mode: expected None or 'r', got %r" % (mmap_mode,))
        if mmap_mode in _MMAP_REFUSED:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         "mmap_mode: %r is not supported, only 'r': %s"
                         % (mmap_mode, _MMAP_REFUSED[mmap_mode]))
        if mmap_mode != 'r':
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         "mmap_mode: expected None or 'r', got %r" % (mmap_mode,))
    if trusted is not None:
        if isinstance(trusted, (str, bytes)) or not hasattr(trusted, '__iter__'):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         'trusted: expected a list of types, got %s' % type(trusted).__name__)
        trusted = [_trusted_gtype(entry, i) for i, entry in enumerate(trusted)]
    if not trusted and mmap_mode is None:
        return options
    result = ModelPersist.LoadOptions() if options is None else _copy_options(options)
    for gtype in trusted or ():
        result.trust_type(gtype)
    if mmap_mode is not None:
        result.set_map_payload(True)
    return result


# joblib.dump's compress= spellings that name zlib, gzip, bz2, lzma, xz or
# lz4 (alone or as (codec, level)): the files are zstd only, so these are
# refused with what to pass instead rather than silently given zstd.
_OTHER_CODECS = ('zlib', 'gzip', 'bz2', 'lzma', 'xz', 'lz4')

# joblib's level for compress=True and for a codec named without a level.
_DEFAULT_COMPRESS = 3


def _compress_error(message):
    return _error(ModelPersist.Error.INVALID_ARGUMENT, 'compress: ' + message)


def _other_codec_error(codec, instead):
    """The refusal of one of joblib's other codecs, saying what to pass."""
    return _compress_error('%r is not a codec libmodelpersist writes: it compresses with zstd only; '
                           'pass %s instead' % (codec, instead))


def _compress_level(compress):
    """The zstd level (0 for none) that @compress, given as joblib.dump's
    compress= is, asks for: 0..19, False/True, 'zstd' or ('zstd', N)."""
    top = ModelPersist.SAVE_MAX_COMPRESS
    if isinstance(compress, bool):
        return _DEFAULT_COMPRESS if compress else 0
    if isinstance(compress, str):
        if compress == 'zstd':
            return _DEFAULT_COMPRESS
        if compress in _OTHER_CODECS:
            raise _other_codec_error(
                compress, "compress=%d (or 'zstd', or ('zstd', N) with N from 1 to %d)"
                % (_DEFAULT_COMPRESS, top))
        raise _compress_error(
            "unknown codec %r: pass an int from 0 to %d, True, 'zstd' or ('zstd', N)" % (compress, top))
    if isinstance(compress, tuple):
        if len(compress) != 2:
            raise _compress_error("a tuple must be (codec, level), such as ('zstd', 3); got %r" % (compress,))
        codec, level = compress
        if isinstance(codec, str) and codec in _OTHER_CODECS:
            suggested = level if _is_level(level) else _DEFAULT_COMPRESS
            raise _other_codec_error(
                codec, "compress=('zstd', %s) or compress=%s" % (suggested, suggested))
        if codec != 'zstd':
            raise _compress_error("unknown codec %r in %r: the codec is 'zstd'" % (codec, compress))
        if isinstance(level, bool) or not isinstance(level, (int, np.integer)):
            raise _compress_error("the level of ('zstd', N) must be an int from 0 (none) to %d, got %r"
                                  % (top, level))
        if not 0 <= level <= top:
            raise _compress_error("the level of ('zstd', N) must be from 0 (none) to %d, got %d"
                                  % (top, level))
        return int(level)
    if isinstance(compress, (int, np.integer)):
        if not 0 <= compress <= top:
            raise _compress_error('%d is not a level: give 0 (none) to %d' % (compress, top))
        return int(compress)
    raise _compress_error("expected an int from 0 to %d, True, 'zstd' or ('zstd', N), got %r"
                          % (top, compress))


def _is_level(level):
    return (not isinstance(level, bool) and isinstance(level, (int, np.integer))
            and 0 <= level <= ModelPersist.SAVE_MAX_COMPRESS)


def _save_options(compress):
    """A ModelPersist.SaveOptions for @compress, or None for the defaults."""
    level = _compress_level(compress)
    if level == 0:
        return None
    options = ModelPersist.SaveOptions()
    options.set_compress(level)
    return options


def dumps(estimator, info=None, *, compress=0):
    """Serialize @estimator to bytes in the library's safe single-stream
    format (the analogue of pickle.dumps). The same model always gives the
    same bytes. @info, a ModelPersist.ModelInfo, is saved with it.

    @compress is joblib.dump's: 0 or False (none), an int from 1 to 19
    (the zstd level), True or 'zstd' (level 3), or ('zstd', N). Other
    codecs ('zlib', 'lz4', ...) are refused with a ValueError.
    """
    _check_estimator(estimator)
    _check_info(info)
    options = _save_options(compress)
    info = _with_provenance(estimator, info)
    if options is None and info is None:
        return _bytes_from_gbytes(ModelPersist.dumps(estimator))
    return _bytes_from_gbytes(ModelPersist.dumps_full(estimator, options, info))


def loads(data, options=None, report=None, *, trusted=None):
    """Load an estimator from what dumps() returned.

    @data is any bytes-like object (bytes, bytearray, memoryview, a numpy
    uint8 array) or a GLib.Bytes. @options (a ModelPersist.LoadOptions)
    sets limits and trusted types; @trusted (skops.io.load's spelling) is
    a list of further types to trust: GType names ("DocsMeanShift"),
    GObject.GTypes or classes, added to @options' (which is not changed).
    @report (a ModelPersist.LoadReport you create) is filled in with the
    producer, format version and warnings.
    Errors are GLib.Error in the ModelPersist.Error domain, and ValueError,
    OSError ... by kind (docs/python.md).
    """
    _check_options(options, report)
    options = _load_options(options, trusted)
    return ModelPersist.loads_full(_gbytes_from_buffer(data, 'data'), options, report)


def dump(estimator, target, cancellable=None, info=None, *, compress=0):
    """Save @estimator to @target, like joblib.dump.

    @target may be a path (str or pathlib.Path: written as a bundle,
    NAME.json plus its sidecar, atomically), a Gio.File, a Gio.OutputStream
    or a binary file object (io.BytesIO, open(..., 'wb')), which receive
    the single-stream bytes dumps() returns. @info, a
    ModelPersist.ModelInfo, is saved with it. @compress is as for dumps().
    """
    _check_estimator(estimator)
    _check_info(info)
    options = _save_options(compress)
    info = _with_provenance(estimator, info)
    if _is_path(target):
        path = os.fspath(target)
        if cancellable is None and options is None and info is None:
            ModelPersist.dump(estimator, path)
        else:
            ModelPersist.dump_full(estimator, path, options, info, cancellable)
        return None
    if isinstance(target, Gio.File):
        # A file with no local path is refused by the C side, naming its URI.
        ModelPersist.dump_file_full(estimator, target, options, info, cancellable)
        return None
    if isinstance(target, Gio.OutputStream):
        ModelPersist.dump_to_stream_full(estimator, target, options, info, cancellable)
        return None
    if not hasattr(target, 'write'):
        raise _not_a_source('target', target, 'a Gio.File, a Gio.OutputStream')
    if isinstance(target, io.TextIOBase):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'target: a text file; open it in binary mode ("wb")')
    if options is None and info is None:
        data = _bytes_from_gbytes(ModelPersist.dumps(estimator))
    else:
        data = _bytes_from_gbytes(ModelPersist.dumps_full(estimator, options, info))
    target.write(data)
    return None


def load(source, options=None, report=None, cancellable=None, *, mmap_mode=None, trusted=None):
    """Load an estimator from @source, like joblib.load but safe.

    @source may be a path (str or pathlib.Path: a bundle's JSON or a
    file holding the single stream), a Gio.File, a Gio.InputStream or a
    binary file object holding what dump() wrote to one. @options,
    @report and @trusted are as for loads().

    @mmap_mode='r' (joblib's spelling) maps the file's arrays instead of
    copying them (ModelPersist.LoadOptions map_payload; see
    docs/python.md for what that trusts). Only 'r' is meaningful: the
    arrays are read-only, so 'r+', 'w+' and 'c' are refused. It needs a
    path or a Gio.File.
    """
    _check_options(options, report)
    if mmap_mode is not None and not (_is_path(source) or isinstance(source, Gio.File)):
        _load_options(None, None, mmap_mode)      # the value's own errors first
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'mmap_mode: mapping needs a path or a Gio.File, not %s'
                     % type(source).__name__)
    options = _load_options(options, trusted, mmap_mode)
    if _is_path(source):
        path = os.fspath(source)
        if cancellable is None:
            return ModelPersist.load_full(path, options, report)
        return ModelPersist.load_file_full(Gio.File.new_for_path(path), options, report, cancellable)
    if isinstance(source, Gio.File):
        return ModelPersist.load_file_full(source, options, report, cancellable)
    if isinstance(source, Gio.InputStream):
        return ModelPersist.load_from_stream_full(source, options, report, cancellable)
    if not hasattr(source, 'read'):
        raise _not_a_source('source', source, 'a Gio.File, a Gio.InputStream')
    if isinstance(source, io.TextIOBase):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'source: a text file; open it in binary mode ("rb")')
    return loads(source.read(), options, report)


def inspect_types(data, options=None, *, trusted=None):
    """The estimator type names the model in @data (bytes-like or
    GLib.Bytes) would instantiate, and those of them @options (plus
    @trusted, as for loads()) does not trust, without instantiating
    anything: (types, untrusted)."""
    _check_options(options, None)
    options = _load_options(options, trusted)
    types, untrusted = ModelPersist.inspect_types_full(_gbytes_from_buffer(data, 'data'), options)
    return list(types or []), list(untrusted or [])


__all__ += ['dumps', 'loads', 'dump', 'load', 'inspect_types']


# ---------------------------------------------------------------------------
# Importing pickle and joblib files without running them
#
#   import_pickle(source, options=None, with_info=False)
#   inspect_pickle(source, options=None) -> (globals, unsupported)
#
# The C importer (mp-import.h) reads the file as data: nothing it names is
# ever imported or called, so a file from anywhere is safe to give it.

def _pickle_source(source, cancellable):
    """@source as GLib.Bytes, or a Gio.File or Gio.InputStream to import
    from."""
    if _is_path(source):
        return Gio.File.new_for_path(os.fspath(source))
    if isinstance(source, (Gio.File, Gio.InputStream)):
        return source
    if isinstance(source, (bytes, bytearray, memoryview, GLib.Bytes, np.ndarray)):
        return _gbytes_from_buffer(source, 'source')
    if hasattr(source, 'read'):
        if isinstance(source, io.TextIOBase):
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         'source: a text file; open it in binary mode ("rb")')
        return _gbytes_from_buffer(source.read(), 'source')
    raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                 'source: expected a path (str or pathlib.Path), a Gio.File, bytes or a binary '
                 'file object, got %s' % type(source).__name__)


def import_pickle(source, options=None, with_info=False, cancellable=None):
    """Import a scikit-learn estimator saved with pickle or joblib, safely.

    @source is a path (str or pathlib.Path), a Gio.File, a Gio.InputStream,
    a bytes-like object or a binary file object holding what pickle.dump() (protocols 0
    to 5) or joblib.dump() (compressed or not) wrote. The file is read as
    data by the library's C importer: nothing it names is imported or
    run, so, unlike pickle.load and joblib.load, it is safe on files from
    anywhere. Returns the equivalent ModelPersist estimator (fitted when
    the pickled one was), or with @with_info the pair (estimator,
    ModelPersist.ModelInfo) whose annotations say where it came from
    (imported_from.sklearn_version, .container, .sha256, ...).
    @options (a ModelPersist.LoadOptions) sets the limits.
    Errors are GLib.Error in the ModelPersist.Error domain.
    """
    _check_options(options, None)
    what = _pickle_source(source, cancellable)
    if isinstance(what, Gio.File):
        estimator, info = ModelPersist.import_pickle_file_full(what, options, cancellable)
    elif isinstance(what, Gio.InputStream):
        estimator, info = ModelPersist.import_pickle_from_stream_full(what, options, cancellable)
    else:
        estimator, info = ModelPersist.import_pickle_bytes_full(what, options)
    _remember_provenance(estimator, {key: info.get_annotation(key) for key in info.list_annotations()
                                     if key.startswith('imported_from.')})
    return (estimator, info) if with_info else estimator


def inspect_pickle(source, options=None):
    """The globals (classes and functions) the pickle or joblib file
    @source names, and those of them the importer would refuse, without
    building anything: (globals, unsupported)."""
    _check_options(options, None)
    what = _pickle_source(source, None)
    if isinstance(what, Gio.File):
        ok, contents, _etag = what.load_contents(None)
        what = GLib.Bytes.new(contents)
    elif isinstance(what, Gio.InputStream):
        what = what.read_bytes(max(1, 2 ** 31 - 1), None)
    names, unsupported = ModelPersist.inspect_pickle_bytes_full(what, options)
    return list(names or []), list(unsupported or [])


__all__ += ['import_pickle', 'inspect_pickle']


# ---------------------------------------------------------------------------
# ModelPersist.sklearn: conversion to and from scikit-learn estimators
# (_ModelPersist_sklearn.py beside this file; it imports scikit-learn only
# when a conversion needs it).

from . import _ModelPersist_sklearn as sklearn  # noqa: E402

__all__.append('sklearn')


# ---------------------------------------------------------------------------
# Pipeline: scikit-learn's indexing and named_steps

def _pipeline_steps(pipe):
    return pipe.get_params(deep=False)['steps'] or []


def _pipeline_getitem(pipe, index):
    """pipe[-1] is the last step's estimator, pipe['clf'] the step named
    clf, pipe[:2] a new Pipeline of the first two steps (the same
    estimators, as scikit-learn's)."""
    steps = _pipeline_steps(pipe)
    if isinstance(index, slice):
        if index.step not in (None, 1):
            raise ValueError('Pipeline slicing only supports a step of 1')
        return type(pipe)(steps=steps[index], verbose=pipe.verbose)
    if isinstance(index, str):
        for name, step in steps:
            if name == index:
                return step
        raise KeyError(index)
    return steps[index][1]


def _install_pipeline_surface():
    cls = getattr(sys.modules[__name__], 'Pipeline', None)
    if cls is None:
        return
    cls.__getitem__ = _pipeline_getitem
    cls.__len__ = lambda pipe: len(_pipeline_steps(pipe))
    cls.named_steps = property(lambda pipe: dict(_pipeline_steps(pipe)),
                               doc='The steps by name, as scikit-learn\'s named_steps.')


_install_pipeline_surface()


# ---------------------------------------------------------------------------
# ColumnTransformer: scikit-learn's (name, transformer, columns) triples
#
# The C class holds the named transformers and, in one string, the Python
# literal of their column selections (docs/compose.md). Here they are
# scikit-learn's triples again: in the constructor, set_params, get_params,
# and transformers_.

def _selection_literal(columns, field):
    """The literal of one column selection, from what scikit-learn takes:
    an int, a str, or a list, tuple, array or Index of ints, strs or
    bools."""
    if isinstance(columns, slice):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: a slice of columns is not supported; give the list of columns' % field)
    if callable(columns):
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: a callable (make_column_selector) is not supported; give the list of '
                     'columns it selects' % field)
    if isinstance(columns, (str, numbers.Integral)) and not isinstance(columns, (bool, np.bool_)):
        items, scalar = [columns], True
    else:
        try:
            items, scalar = list(np.asarray(columns, dtype=object).ravel()), False
        except (TypeError, ValueError):
            items, scalar = None, False
        if items is None or np.ndim(columns) != 1 and len(items) > 0:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: expected a column, or a list of column positions, names or '
                         'booleans, got %r' % (field, columns))
    values = []
    for item in items:
        if isinstance(item, (bool, np.bool_)):
            values.append(bool(item))
        elif isinstance(item, numbers.Integral):
            values.append(int(item))
        elif isinstance(item, str):
            values.append(str(item))
        else:
            raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                         '%s: %r is not a column position, name or boolean' % (field, item))
    return repr(values[0] if scalar else values)


def _column_transformer_install_surface():
    cls = getattr(sys.modules[__name__], 'ColumnTransformer', None)
    if cls is None:
        return
    base_set_params = cls._set_params
    base_get_params = cls.get_params

    def _set_params(self, params):
        params = dict(params)
        triples = params.get('transformers')
        if triples is not None and not isinstance(triples, ModelPersist.EstimatorList):
            pairs, literals = [], []
            for k, triple in enumerate(triples):
                try:
                    name, transformer, columns = triple
                except (TypeError, ValueError):
                    raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                                 'transformers[%d]: expected (name, transformer, columns), got %r'
                                 % (k, triple)) from None
                pairs.append((name, transformer))
                literals.append(_selection_literal(columns, 'transformers[%d] columns' % k))
            params['transformers'] = pairs
            params['columns'] = '[%s]' % ', '.join(literals)
            base_set_params(self, params)
            # sklearn.base.clone() wants back the very list it gave.
            self._remember_param('transformers', triples)
            return
        base_set_params(self, params)

    def get_params(self, deep=True):
        params = base_get_params(self, deep=deep)
        literal = params.pop('columns', None)
        selections = ast.literal_eval(literal) if literal else []
        pairs = params.get('transformers') or []
        if len(selections) == len(pairs):
            params['transformers'] = self._given_or('transformers', [
                (name, transformer, columns) for (name, transformer), columns in zip(pairs, selections)])
        else:
            # Inconsistent (fit says so); shown as the C class holds them.
            params['columns'] = literal
        return params

    def transformers_(self):
        """scikit-learn's transformers_: (name, fitted transformer or word,
        columns) for each transformer, then the remaining columns' entry."""
        if not self.is_fitted():
            raise NotFittedError('transformers_: this ColumnTransformer instance is not fitted yet; '
                                 'call fit() first')
        fitted = self.get_property('fitted-transformers')
        indices = to_numpy(self.get_property('column-indices')).tolist()
        counts = to_numpy(self.get_property('column-counts')).tolist()
        selections = ast.literal_eval(self.get_property('columns'))
        given = _list_entries(self.get_property('transformers'))
        out, at = [], 0
        for e, ((name, transformer), count) in enumerate(zip(_list_entries(fitted), counts)):
            columns = selections[e] if e < len(selections) else indices[at:at + count]
            if count == 0 and transformer == 'drop' and e < len(given):
                # a transformer of no column: scikit-learn keeps it as given
                transformer = given[e][1]
            out.append((name, transformer, columns))
            at += count
        return out

    cls._set_params = _set_params
    cls.get_params = get_params
    cls.transformers_ = property(transformers_)
    cls.named_transformers_ = property(
        lambda self: {name: t for name, t, _ in self.transformers_},
        doc='The fitted transformers by name, as scikit-learn\'s named_transformers_.')


_column_transformer_install_surface()
# OneHotEncoder and OrdinalEncoder: scikit-learn's categories_ and drop_idx_
#
# The library holds every column's categories in one array (the property
# category-values) and how many each column has (category-counts);
# categories_ reads them as scikit-learn's list of one array per column.

def _fitted_array(encoder, name):
    return to_numpy(encoder.get_property(name))


def _encoder_categories(encoder):
    """The categories of each column, as scikit-learn's list of 1-D arrays
    (text as object arrays of str, numbers as float64)."""
    if not encoder.is_fitted():
        raise NotFittedError('categories_: this %s instance is not fitted yet; call fit() first'
                             % type(encoder).__name__)
    flat = _fitted_array(encoder, 'category-values')
    counts = _fitted_array(encoder, 'category-counts')
    ends = np.cumsum(counts)
    dtype = object if flat.dtype.kind in 'UO' else np.float64
    return [np.array(flat[end - n:end], dtype=dtype) for n, end in zip(counts, ends)]


def _drop_idx(encoder):
    """scikit-learn's drop_idx_: None when nothing is dropped, else an object
    array holding, per column, 0 (its first category gets no output
    column) or None."""
    if not encoder.is_fitted():
        raise NotFittedError('drop_idx_: this %s instance is not fitted yet; call fit() first'
                             % type(encoder).__name__)
    drop = encoder.get_property('drop')
    if drop is None:
        return None
    counts = _fitted_array(encoder, 'category-counts')
    return np.array([0 if drop == 'first' or n == 2 else None for n in counts], dtype=object)


def _input_feature_names(encoder, input_features):
    fitted = encoder.get_property('feature-names-in')
    if input_features is None:
        if fitted:
            return list(fitted)
        return ['x%d' % i for i in range(encoder.get_property('n-features-in'))]
    names = [str(name) for name in input_features]
    if len(names) != encoder.get_property('n-features-in'):
        raise ValueError('input_features should have length equal to number of features (%d), got %d'
                         % (encoder.get_property('n-features-in'), len(names)))
    if fitted and names != list(fitted):
        raise ValueError('input_features is not equal to feature_names_in_')
    return names


def _one_hot_feature_names_out(encoder, input_features=None):
    """The output columns' names, as scikit-learn's: feature_category for
    every category that is not dropped."""
    names = _input_feature_names(encoder, input_features)
    drop_idx = _drop_idx(encoder)
    out = []
    for i, cats in enumerate(_encoder_categories(encoder)):
        for k, category in enumerate(cats):
            if drop_idx is not None and drop_idx[i] is not None and k == drop_idx[i]:
                continue
            out.append('%s_%s' % (names[i], category))
    return np.array(out, dtype=object)


def _ordinal_feature_names_out(encoder, input_features=None):
    """The output columns' names: the input's, as scikit-learn's."""
    if not encoder.is_fitted():
        raise NotFittedError('this %s instance is not fitted yet; call fit() first'
                             % type(encoder).__name__)
    return np.array(_input_feature_names(encoder, input_features), dtype=object)


def _install_encoder_surface():
    module = sys.modules[__name__]
    for name, feature_names_out in (('OneHotEncoder', _one_hot_feature_names_out),
                                    ('OrdinalEncoder', _ordinal_feature_names_out)):
        cls = getattr(module, name, None)
        if cls is None:
            continue
        cls.categories_ = property(_encoder_categories, doc=_encoder_categories.__doc__)
        cls.get_feature_names_out = feature_names_out
        if name == 'OneHotEncoder':
            cls.drop_idx_ = property(_drop_idx, doc=_drop_idx.__doc__)


_install_encoder_surface()


# ---------------------------------------------------------------------------
# LabelEncoder: scikit-learn's fit(y), transform(y), inverse_transform(y)
#
# The C class reads the labels as its samples (X, one column); here they
# are 1-D, as scikit-learn's, and go in as a one-column table so that
# integer labels stay int64.

def _labels_column(y, field='y'):
    array = as_array(y, field=field)
    shape = list(array.get_shape() or ())
    if len(shape) == 2 and shape[1] == 1:
        array = as_array(np.asarray(y).reshape(-1), field=field)
    elif len(shape) != 1:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     '%s: expected a 1-D array of labels, got shape %s' % (field, tuple(shape)))
    return _ArrayIntrospected.new_columns([array], None)


def _label_encoder_fit(self, y):
    """Learn the sorted distinct labels of @y (1-D); returns self."""
    ModelPersist.Estimator.fit(self, _labels_column(y), None)
    return self


def _label_encoder_transform(self, y):
    """The index of each label of @y among classes_, as a 1-D int64 array."""
    return np.array(to_numpy(ModelPersist.Estimator.transform(self, _labels_column(y))).reshape(-1))


def _label_encoder_fit_transform(self, y):
    """fit(y), then transform(y)."""
    return _label_encoder_transform(_label_encoder_fit(self, y), y)


def _label_encoder_inverse_transform(self, y):
    """The labels of the codes @y (1-D), as a 1-D array of classes_' dtype."""
    codes = np.asarray(y)
    if codes.ndim != 1:
        raise _error(ModelPersist.Error.INVALID_ARGUMENT,
                     'y: expected a 1-D array of codes, got shape %s' % (codes.shape,))
    result = ModelPersist.Estimator.inverse_transform(self, as_array(codes.reshape(-1, 1), field='y'))
    return np.array(to_numpy(result).reshape(-1))


def _install_label_encoder_surface():
    cls = getattr(sys.modules[__name__], 'LabelEncoder', None)
    if cls is None:
        return
    cls.fit = _label_encoder_fit
    cls.transform = _label_encoder_transform
    cls.fit_transform = _label_encoder_fit_transform
    cls.inverse_transform = _label_encoder_inverse_transform


_install_label_encoder_surface()
