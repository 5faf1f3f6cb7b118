// modelpersist.js: helpers for using ModelPersist from GJS with plain arrays
// and TypedArrays.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The introspected API is already natural from GJS: estimators are GObjects
// whose hyperparameters are plain lower-case properties, and errors are
// GLib.Error in the ModelPersist.error_quark() domain. What is awkward is
// moving numbers in and out of ModelPersist.Array, whose memory travels as
// GLib.Bytes. Importing this module makes the estimator methods take plain
// (nested) arrays, TypedArrays, {data, shape} and ModelPersist.Array, and give
// back plain arrays (labels as Numbers where they fit) and a Number from
// score(); the functions below convert explicitly.
//
// libmodelpersist carries this file as a GResource, registered when the
// library is loaded, so any script reaches it without a path
// (docs/javascript.md):
//
//   import ModelPersist from 'gi://ModelPersist?version=1.0';
//   ModelPersist.Array;   // loads libmodelpersist, which registers the module
//   const MP = await import('resource:///org/gnome/ModelPersist/js/modelpersist.js');
//
//   const svc = new ModelPersist.SVC().fit([[0, 0], [1, 1]], [0, 1]);
//   svc.predict([[0.9, 0.8]]);                          // [1]
//   const x = MP.arrayFromTyped(new Float64Array([1, 2, 3, 4]), [2, 2]);
//   MP.toTyped(x);                                      // Float64Array
//   MP.toStrings(MP.arrayFromTyped(['setosa', 'virginica']));

import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

const DType = ModelPersist.DType;

// The TypedArray that holds each dtype's elements exactly.
const TYPED_FOR_DTYPE = new Map([
    [DType.FLOAT64, Float64Array],
    [DType.FLOAT32, Float32Array],
    [DType.INT64, BigInt64Array],
    [DType.INT32, Int32Array],
    [DType.UINT8, Uint8Array],
    [DType.BOOL, Uint8Array],
]);

function invalidArgument(message) {
    return new GLib.Error(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT, message);
}

// Data for fit, predict or score that cannot be an array: the code the
// library gives bad data (MP_ERROR_INVALID_INPUT).
function invalidInput(message) {
    return new GLib.Error(ModelPersist.error_quark(), ModelPersist.Error.INVALID_INPUT, message);
}

// Which dtype stores the elements of `typed` without losing values, and a
// TypedArray of that dtype holding them (`typed` itself when no conversion
// is needed).
function normalize(typed) {
    if (typed instanceof Float64Array)
        return [DType.FLOAT64, typed];
    if (typed instanceof Float32Array)
        return [DType.FLOAT32, typed];
    if (typed instanceof BigInt64Array)
        return [DType.INT64, typed];
    if (typed instanceof Int32Array)
        return [DType.INT32, typed];
    if (typed instanceof Uint8Array || typed instanceof Uint8ClampedArray)
        return [DType.UINT8, typed];
    if (typed instanceof Int8Array || typed instanceof Int16Array || typed instanceof Uint16Array)
        return [DType.INT32, Int32Array.from(typed)];
    if (typed instanceof Uint32Array)
        return [DType.INT64, BigInt64Array.from(typed, v => BigInt(v))];
    if (typed instanceof BigUint64Array) {
        const limit = (1n << 63n) - 1n;
        const bad = typed.findIndex(v => v > limit);
        if (bad >= 0)
            throw invalidArgument(`typed: element ${bad} (${typed[bad]}) does not fit in int64`);
        return [DType.INT64, new BigInt64Array(typed.buffer, typed.byteOffset, typed.length)];
    }
    if (Array.isArray(typed)) {
        const flat = typed.flat(Infinity);
        if (flat.every(v => typeof v === 'boolean'))
            return [DType.BOOL, Uint8Array.from(flat, v => v ? 1 : 0)];
        if (flat.every(v => typeof v === 'bigint'))
            return [DType.INT64, BigInt64Array.from(flat)];
        if (flat.every(v => typeof v === 'number'))
            return [DType.FLOAT64, Float64Array.from(flat)];
        // Labels as text; never mixed with numbers (scikit-learn refuses
        // such labels too).
        if (flat.every(v => typeof v === 'string'))
            return [DType.STRING, flat];
        throw invalidArgument('typed: a plain array must hold only numbers, only BigInts, only booleans or only strings');
    }
    throw invalidArgument(`typed: expected a TypedArray or an array of numbers, got ${typed}`);
}

// The shape of a nested plain array ([[1, 2], [3, 4]] -> [2, 2]).
function nestedShape(value) {
    const shape = [];
    while (Array.isArray(value)) {
        shape.push(value.length);
        value = value[0];
    }
    return shape;
}

/**
 * Makes a ModelPersist.Array from a TypedArray (or a nested array of numbers).
 *
 * The dtype follows the TypedArray: Float64Array -> FLOAT64, Float32Array ->
 * FLOAT32, BigInt64Array -> INT64, Int32Array -> INT32, Uint8Array -> UINT8;
 * Int8/Int16/Uint16Array become INT32 and Uint32/BigUint64Array INT64. Pass
 * `{dtype: ModelPersist.DType.BOOL}` to read a Uint8Array of 0/1 as booleans.
 * A plain (possibly nested) array of strings becomes a STRING array.
 * The elements are copied once, into the GLib.Bytes the array owns.
 *
 * @param {TypedArray|Array} typed the elements, in C (row-major) order
 * @param {number[]} [shape] the dimensions; the element count by default
 *   (the nesting of a plain array)
 * @param {{dtype: ModelPersist.DType}} [options]
 * @returns {ModelPersist.Array}
 * @throws {GLib.Error} ModelPersist.Error.INVALID_ARGUMENT if the shape does
 *   not match the element count or the values cannot be stored
 */
export function arrayFromTyped(typed, shape = undefined, options = {}) {
    const inferredShape = Array.isArray(typed) ? nestedShape(typed) : [typed?.length];
    let [dtype, elements] = normalize(typed);
    if (options.dtype !== undefined && options.dtype !== dtype) {
        if (options.dtype !== DType.BOOL || dtype !== DType.UINT8)
            throw invalidArgument('options.dtype: only a Uint8Array can be read as BOOL; convert other arrays first');
        dtype = DType.BOOL;
    }
    if (dtype === DType.STRING) {
        // A C string ends at U+0000; say so rather than cut the label.
        const bad = elements.findIndex(v => v.includes('\0'));
        if (bad >= 0)
            throw invalidArgument(`typed: element ${bad} holds U+0000, which a label cannot`);
        return ModelPersist.Array.new_strings(elements, shape ?? inferredShape);
    }
    const bytes = new GLib.Bytes(new Uint8Array(elements.buffer, elements.byteOffset, elements.byteLength));
    return ModelPersist.Array.new_from_bytes(dtype, shape ?? inferredShape, bytes);
}

/**
 * Copies the elements of a ModelPersist.Array into a TypedArray of its
 * dtype: Float64Array, Float32Array, BigInt64Array, Int32Array, or
 * Uint8Array (UINT8 and BOOL). The elements are in row-major order;
 * shapeOf() gives the dimensions. Writing to the result never changes the
 * array.
 *
 * @param {ModelPersist.Array} array
 * @returns {TypedArray}
 */
export function toTyped(array) {
    // GLib.Bytes.toArray() lends the GBytes memory itself, writable, to
    // JavaScript; MpArray promises immutability, so hand out a copy.
    return viewTyped(array).slice();
}

// The elements of a numeric ModelPersist.Array as a TypedArray over the
// array's own memory, for this module to read from and never write to.
function viewTyped(array) {
    const dtype = array.get_dtype();
    if (dtype === DType.STRING)
        throw invalidArgument('array: a STRING array has no TypedArray; use toStrings() or toNested()');
    const Typed = TYPED_FOR_DTYPE.get(dtype);
    const lent = array.get_bytes().toArray();
    return new Typed(lent.buffer, lent.byteOffset, lent.byteLength / Typed.BYTES_PER_ELEMENT);
}

/**
 * Copies the elements of a STRING ModelPersist.Array (class labels,
 * categories) into a plain array of strings, in row-major order.
 *
 * @param {ModelPersist.Array} array
 * @returns {string[]}
 * @throws {GLib.Error} ModelPersist.Error.INVALID_ARGUMENT for an array of
 *   another dtype
 */
export function toStrings(array) {
    if (array.get_dtype() !== DType.STRING)
        throw invalidArgument('array: not a STRING array; use toTyped()');
    return array.dup_strings();
}

/**
 * @param {ModelPersist.Array} array
 * @returns {number[]} the length of each dimension
 */
export function shapeOf(array) {
    return array.get_shape();
}

// An INT64 element as a Number when every integer near it is a distinct
// Number (|v| <= 2^53 - 1), so that labels compare with === and never collide;
// beyond that it stays a BigInt, exact.
function int64Value(v) {
    return v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v;
}
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Converts a ModelPersist.Array to nested plain arrays: FLOAT64, FLOAT32,
 * INT32 and UINT8 elements as Numbers; INT64 elements as Numbers when they
 * are safe integers (|v| <= 2^53 - 1) and as BigInts otherwise, so that no
 * value changes; BOOL as booleans; STRING as strings. A 0-d array gives its
 * one element. This is what the estimator methods return once this module
 * is imported.
 *
 * @param {ModelPersist.Array} array
 * @returns {Array|number|bigint|boolean|string}
 */
export function toNested(array) {
    const dtype = array.get_dtype();
    const shape = array.get_shape();
    let values, convert = null;
    if (dtype === DType.STRING) {
        values = toStrings(array);
    } else {
        values = viewTyped(array);
        if (dtype === DType.INT64)
            convert = int64Value;
        else if (dtype === DType.BOOL)
            convert = v => v !== 0;
    }
    // (Plain loops: Array.from() of a TypedArray is several times slower in
    // GJS 1.74; bench/gjs_plain_arrays.js.)
    const plain = (start, end) => {
        const out = new Array(end - start);
        for (let k = start; k < end; k++)
            out[k - start] = convert === null ? values[k] : convert(values[k]);
        return out;
    };
    if (shape.length === 0)
        return plain(0, 1)[0];
    if (shape.length === 1)
        return plain(0, shape[0]);
    // Innermost rows are copied out whole; the outer levels nest them.
    const width = shape[shape.length - 1];
    let offset = 0;
    const build = depth => {
        const out = new Array(shape[depth]);
        for (let i = 0; i < shape[depth]; i++) {
            if (depth === shape.length - 2) {
                out[i] = plain(offset, offset + width);
                offset += width;
            } else {
                out[i] = build(depth + 1);
            }
        }
        return out;
    };
    return build(0);
}

function isTypedArray(value) {
    return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function describe(value) {
    if (value === null || value === undefined)
        return String(value);
    if (typeof value === 'string')
        return `a string (${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value)})`;
    if (typeof value === 'object')
        return `an object (${value.constructor?.name ?? 'Object'})`;
    return `a ${typeof value} (${String(value)})`;
}

// The kind of a scalar element, or null if no array holds it.
function kindOf(value) {
    switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'string':
        return typeof value;
    default:
        return null;
    }
}

const KIND_WORDS = {
    number: 'a number',
    bigint: 'a BigInt',
    boolean: 'a boolean',
    string: 'a string',
};

// Walks a nested plain array (whose innermost rows may be TypedArrays),
// checking that it is rectangular and holds one kind of element; returns
// [shape, flat elements, kind].
function flattenNested(value, name) {
    const shape = [];
    for (let level = value; Array.isArray(level) || (shape.length > 0 && isTypedArray(level)); level = level[0]) {
        shape.push(level.length);
        if (level.length === 0 || isTypedArray(level))
            break;
    }
    const flat = [];
    let kind = null;
    // The indices down to the element being read; the text of a position
    // is only made for an error.
    const path = [];
    const at = (extra = []) => `${name}${[...path, ...extra].map(i => `[${i}]`).join('')}`;
    const first = depth => `${name}${'[0]'.repeat(depth)}`;
    const scalar = item => {
        const k = kindOf(item);
        if (k === kind)
            return;
        if (k === null) {
            if (Array.isArray(item) || isTypedArray(item))
                throw invalidInput(`${at()}: is nested deeper than ${first(shape.length)}`);
            const hint = item === null || item === undefined ? ' (use NaN for a missing value)' : '';
            throw invalidInput(`${at()}: expected a number, a BigInt, a boolean or a string, got ${describe(item)}${hint}`);
        }
        if (kind !== null)
            throw invalidInput(`${at()}: expected ${KIND_WORDS[kind]} like ${first(shape.length)}, got ${describe(item)}`);
        kind = k;
    };
    const walk = (item, depth) => {
        const isRow = Array.isArray(item) || (depth > 0 && isTypedArray(item));
        if (!isRow) {
            throw invalidInput(`${at()}: expected an array of ${shape[depth]} elements like ` +
                `${first(depth)}, got ${describe(item)}`);
        }
        if (item.length !== shape[depth]) {
            throw invalidInput(`${at()}: has ${item.length} elements, ` +
                `${first(depth)} has ${shape[depth]} (rows must all have the same length)`);
        }
        if (depth < shape.length - 1) {
            for (let i = 0; i < item.length; i++) {
                path.push(i);
                walk(item[i], depth + 1);
                path.pop();
            }
        } else if (isTypedArray(item)) {
            const k = item instanceof BigInt64Array || item instanceof BigUint64Array ? 'bigint' : 'number';
            if (kind !== null && k !== kind)
                throw invalidInput(`${at()}: expected ${KIND_WORDS[kind]} like ${first(shape.length)}, got a ${item.constructor.name}`);
            kind = k;
            for (let i = 0; i < item.length; i++)
                flat.push(item[i]);
        } else {
            for (let i = 0; i < item.length; i++) {
                const v = item[i];
                if (typeof v !== kind) {
                    path.push(i);
                    scalar(v);
                    path.pop();
                }
                flat.push(v);
            }
        }
    };
    if (shape.length === 0)
        scalar(value);
    else
        walk(value, 0);
    return [shape, shape.length === 0 ? [value] : flat, kind ?? 'number'];
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

// Shapes the flat elements of one kind into a ModelPersist.Array; numbers
// follow numpy.asarray(): integers (safe ones) give INT64, any other number
// FLOAT64.
function arrayFromFlat(flat, kind, shape, name) {
    switch (kind) {
    case 'string': {
        const bad = flat.findIndex(v => v.includes('\0'));
        if (bad >= 0)
            throw invalidInput(`${name}: element ${bad} holds U+0000, which a label cannot`);
        return ModelPersist.Array.new_strings(flat, shape);
    }
    case 'boolean':
        return arrayFromTyped(Uint8Array.from(flat, v => v ? 1 : 0), shape, {dtype: DType.BOOL});
    case 'bigint': {
        const bad = flat.findIndex(v => v < INT64_MIN || v > INT64_MAX);
        if (bad >= 0)
            throw invalidInput(`${name}: element ${bad} (${flat[bad]}) does not fit in int64`);
        return arrayFromTyped(BigInt64Array.from(flat), shape);
    }
    default:
        if (flat.length > 0 && flat.every(Number.isSafeInteger))
            return arrayFromTyped(BigInt64Array.from(flat, v => BigInt(v)), shape);
        return arrayFromTyped(new Float64Array(flat), shape);
    }
}

// arrayFromTyped() for asArray(): its refusals as INVALID_INPUT, naming
// the argument.
function typedInput(typed, shape, name) {
    try {
        return arrayFromTyped(typed, shape);
    } catch (e) {
        if (e instanceof GLib.Error && e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT))
            throw invalidInput(`${name}: ${e.message.replace(/^typed: /, '')}`);
        throw e;
    }
}

/**
 * Makes a ModelPersist.Array from what a script has at hand:
 *
 * - a ModelPersist.Array, returned as it is;
 * - a nested plain array, rectangular, of one kind of element ([[5.1, 3.5],
 *   [4.9, 3.0]], [0, 1, 1], ['setosa', 'virginica'], [true, false]); its
 *   innermost rows may be TypedArrays. Numbers follow numpy.asarray():
 *   all integers give INT64, anything else FLOAT64; BigInts give INT64,
 *   booleans BOOL, strings STRING;
 * - a TypedArray (one dimension; its dtype as in arrayFromTyped());
 * - `{data, shape}`, with `data` a TypedArray or a flat plain array in
 *   row-major order.
 *
 * @param {*} value
 * @param {string} [name] the argument's name, for error messages
 * @returns {ModelPersist.Array}
 * @throws {GLib.Error} ModelPersist.Error.INVALID_INPUT naming the
 *   argument and the element: ragged rows, mixed kinds, null or undefined
 *   elements, BigInts beyond int64, a shape that does not match
 */
export function asArray(value, name = 'value') {
    if (value instanceof ModelPersist.Array)
        return value;
    if (isTypedArray(value))
        return typedInput(value, undefined, name);
    if (Array.isArray(value)) {
        const [shape, flat, kind] = flattenNested(value, name);
        return arrayFromFlat(flat, kind, shape, name);
    }
    if (value !== null && typeof value === 'object' && 'data' in value && 'shape' in value) {
        const {data, shape} = value;
        if (!Array.isArray(shape) || !shape.every(n => Number.isSafeInteger(n) && n >= 0))
            throw invalidInput(`${name}.shape: expected an array of non-negative integers, got ${describe(shape)}`);
        const n = shape.reduce((a, b) => a * b, 1);
        if (!isTypedArray(data) && !Array.isArray(data))
            throw invalidInput(`${name}.data: expected a TypedArray or a flat array, got ${describe(data)}`);
        if (data.length !== n)
            throw invalidInput(`${name}: shape [${shape}] holds ${n} elements, data has ${data.length}`);
        if (isTypedArray(data))
            return typedInput(data, shape, name);
        const [, flat, kind] = flattenNested(data, `${name}.data`);
        if (flat.length !== data.length)
            throw invalidInput(`${name}.data: must be flat (row-major), not nested`);
        return arrayFromFlat(flat, kind, shape, name);
    }
    throw invalidInput(`${name}: expected an array, a TypedArray, {data, shape} or a ModelPersist.Array, got ${describe(value)}`);
}

// The estimator methods this module wraps, by the class that declares them
// in the GIR (tests/gjs/test-gjs-api.js checks the list against the GIR):
// the arguments that are arrays and what comes back.
const WRAPPED = {
    Estimator: ['fit', 'predict', 'predict_proba', 'decision_function', 'transform',
        'fit_transform', 'inverse_transform', 'score'],
    SVC: ['predict_proba', 'decision_function'],
    KNeighborsClassifier: ['predict_proba', 'kneighbors'],
};

// The introspected function a wrapper replaced, shared by every copy of this
// module (a script may load it by resource:// and file:// URIs both).
const RAW = Symbol.for('org.gnome.ModelPersist.gjs.raw');

function wrap(method, raw) {
    let wrapped;
    switch (method) {
    case 'fit':
        wrapped = function (x, y = null) {
            raw.call(this, asArray(x, 'X'), y === null ? null : asArray(y, 'y'));
            return this;
        };
        break;
    case 'fit_transform':
        wrapped = function (x, y = null) {
            return toNested(raw.call(this, asArray(x, 'X'), y === null ? null : asArray(y, 'y')));
        };
        break;
    case 'kneighbors':
        // [distances, indices], as scikit-learn's kneighbors() returns; GJS
        // gives [true, distances, indices].
        wrapped = function (x, nNeighbors = 0) {
            const [, distances, indices] = raw.call(this, asArray(x, 'X'), nNeighbors);
            return [toNested(distances), toNested(indices)];
        };
        break;
    case 'score':
        wrapped = function (x, y) {
            const result = raw.call(this, asArray(x, 'X'), asArray(y, 'y'));
            // GJS gives [true, score] for the gboolean and the out argument.
            return Array.isArray(result) ? result[result.length - 1] : result;
        };
        break;
    default:
        wrapped = function (x) {
            return toNested(raw.call(this, asArray(x, 'X')));
        };
    }
    Object.defineProperty(wrapped, 'name', {value: method});
    wrapped[RAW] = raw;
    return wrapped;
}

for (const [className, methods] of Object.entries(WRAPPED)) {
    const prototype = ModelPersist[className].prototype;
    for (const method of methods) {
        const current = prototype[method];
        if (!Object.prototype.hasOwnProperty.call(prototype, method))
            throw new Error(`modelpersist.js: ModelPersist.${className} declares no ${method}()`);
        if (current[RAW] === undefined)
            prototype[method] = wrap(method, current);
    }
}

/**
 * Calls an estimator method as introspected, without the conversions this
 * module adds: ModelPersist.Array in and out, `fit` returning true, `score`
 * returning [true, score]. For code that keeps its data in
 * ModelPersist.Array and wants no copies.
 *
 * @param {ModelPersist.Estimator} estimator
 * @param {string} method e.g. 'predict'
 * @param {...*} args the introspected method's arguments
 * @returns {*} what the introspected method returns
 */
export function callRaw(estimator, method, ...args) {
    const fn = estimator[method];
    if (typeof fn !== 'function')
        throw invalidArgument(`method: ${estimator.constructor.name} has no method ${method}()`);
    return (fn[RAW] ?? fn).apply(estimator, args);
}
