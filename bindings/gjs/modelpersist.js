// modelpersist.js: helpers for using ModelPersist from GJS with TypedArrays.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The introspected API is already natural from GJS: estimators are GObjects
// whose hyperparameters are plain lower-case properties, and errors are
// GLib.Error in the ModelPersist.error_quark() domain. What is awkward is
// moving numbers in and out of ModelPersist.Array, whose memory travels as
// GLib.Bytes: these helpers pick the dtype from the TypedArray's type and
// view the bytes with the right TypedArray on the way out.
//
//   import * as MP from './modelpersist.js';
//   const x = MP.arrayFromTyped(new Float64Array([1, 2, 3, 4]), [2, 2]);
//   const labels = MP.toTyped(estimator.predict(x));   // BigInt64Array
//   const names = MP.arrayFromTyped(['setosa', 'virginica']);  // STRING
//   MP.toStrings(names);                                // ['setosa', 'virginica']

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
    if (array.get_dtype() === DType.STRING)
        throw invalidArgument('array: a STRING array has no TypedArray; use toStrings() or toNested()');
    const Typed = TYPED_FOR_DTYPE.get(array.get_dtype());
    // GLib.Bytes.toArray() lends the GBytes memory itself, writable, to
    // JavaScript; MpArray promises immutability, so hand out a copy.
    const copy = array.get_bytes().toArray().slice();
    return new Typed(copy.buffer, 0, copy.byteLength / Typed.BYTES_PER_ELEMENT);
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

/**
 * Converts a ModelPersist.Array to nested plain arrays of numbers (INT64
 * elements as Numbers, exact up to 2^53; BOOL as booleans; STRING as
 * strings), for printing
 * and comparing.
 *
 * @param {ModelPersist.Array} array
 * @returns {Array|number|boolean}
 */
export function toNested(array) {
    let values;
    if (array.get_dtype() === DType.STRING) {
        values = toStrings(array);
    } else {
        const flat = Array.from(toTyped(array), v => typeof v === 'bigint' ? Number(v) : v);
        values = array.get_dtype() === DType.BOOL ? flat.map(v => v !== 0) : flat;
    }
    const shape = array.get_shape();
    if (shape.length === 0)
        return values[0];
    let offset = 0;
    const build = depth => {
        const out = [];
        for (let i = 0; i < shape[depth]; i++)
            out.push(depth === shape.length - 1 ? values[offset++] : build(depth + 1));
        return out;
    };
    return build(0);
}
