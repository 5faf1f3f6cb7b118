// test-helpers.js: bindings/gjs/modelpersist.js, the TypedArray helpers.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';
import * as MP from '../../bindings/gjs/modelpersist.js';

let count = 0;
function ok(condition, what) {
    count++;
    if (!condition)
        throw new Error(`not ok ${count} - ${what}`);
    print(`ok ${count} - ${what}`);
}

function sameElements(a, b) {
    return a.length === b.length && Array.from(a).every((v, i) => v === b[i]);
}

function errorCode(fn) {
    try {
        fn();
    } catch (e) {
        if (e instanceof GLib.Error && e.matches(ModelPersist.error_quark(), e.code))
            return e.code;
        throw e;
    }
    return null;
}

const DType = ModelPersist.DType;

// Each TypedArray keeps its dtype and round-trips exactly.
const cases = [
    [new Float64Array([0.5, -1.25, 1e300, 3]), DType.FLOAT64, Float64Array],
    [new Float32Array([0.5, -1.25, 3.5, 3]), DType.FLOAT32, Float32Array],
    [new BigInt64Array([1n, -2n, 9007199254740993n, 4n]), DType.INT64, BigInt64Array],
    [new Int32Array([1, -2, 2147483647, 4]), DType.INT32, Int32Array],
    [new Uint8Array([0, 1, 255, 7]), DType.UINT8, Uint8Array],
];
for (const [typed, dtype, Typed] of cases) {
    const name = Typed.name;
    const array = MP.arrayFromTyped(typed, [2, 2]);
    ok(array.get_dtype() === dtype, `${name}: dtype ${ModelPersist.dtype_to_string(dtype)}`);
    ok(sameElements(MP.shapeOf(array), [2, 2]), `${name}: shape`);
    const back = MP.toTyped(array);
    ok(back instanceof Typed, `${name}: comes back as ${Typed.name}`);
    ok(sameElements(back, typed), `${name}: same elements`);

    // The array owns a copy: changing either side later changes nothing.
    const saved = typed[0];
    typed[0] = typed[1];
    ok(MP.toTyped(array)[0] === saved, `${name}: later writes to the source do not reach the array`);
    back[1] = back[0];
    ok(MP.toTyped(array)[1] !== back[1], `${name}: writes to toTyped() output do not reach the array`);
}

// Widened types.
const widened = [
    [new Int16Array([-3, 4]), DType.INT32],
    [new Int8Array([-3, 4]), DType.INT32],
    [new Uint16Array([65535, 4]), DType.INT32],
    [new Uint32Array([4000000000, 4]), DType.INT64],
    [new BigUint64Array([5n, 4n]), DType.INT64],
];
for (const [typed, dtype] of widened) {
    const array = MP.arrayFromTyped(typed);
    ok(array.get_dtype() === dtype, `${typed.constructor.name} widens to ${ModelPersist.dtype_to_string(dtype)}`);
    ok(sameElements(Array.from(MP.toTyped(array), Number), Array.from(typed, Number)),
        `${typed.constructor.name}: values survive widening`);
}
ok(errorCode(() => MP.arrayFromTyped(new BigUint64Array([1n << 63n]))) === ModelPersist.Error.INVALID_ARGUMENT,
    'BigUint64 beyond int64 is INVALID_ARGUMENT');

// A view into a larger buffer (non-zero byteOffset) is read from its start.
const big = new Float64Array([9, 9, 1, 2, 3, 9]);
const window = big.subarray(2, 5);
ok(sameElements(MP.toTyped(MP.arrayFromTyped(window)), [1, 2, 3]), 'subarray with byteOffset');

// Booleans and nested plain arrays.
const flags = MP.arrayFromTyped(new Uint8Array([1, 0, 1]), [3], {dtype: DType.BOOL});
ok(flags.get_dtype() === DType.BOOL, 'Uint8Array read as BOOL');
ok(JSON.stringify(MP.toNested(flags)) === '[true,false,true]', 'BOOL to nested booleans');
ok(errorCode(() => MP.arrayFromTyped(new Uint8Array([2]), [1], {dtype: DType.BOOL})) ===
    ModelPersist.Error.INVALID_ARGUMENT, 'BOOL holding 2 is INVALID_ARGUMENT');
ok(errorCode(() => MP.arrayFromTyped(new Float64Array([1]), [1], {dtype: DType.INT32})) ===
    ModelPersist.Error.INVALID_ARGUMENT, 'a dtype the elements do not have is INVALID_ARGUMENT');

const nested = MP.arrayFromTyped([[1, 2, 3], [4, 5, 6]]);
ok(nested.get_dtype() === DType.FLOAT64, 'nested numbers are FLOAT64');
ok(sameElements(MP.shapeOf(nested), [2, 3]), 'nested shape inferred');
ok(JSON.stringify(MP.toNested(nested)) === '[[1,2,3],[4,5,6]]', 'toNested restores nesting');
ok(MP.toNested(MP.arrayFromTyped(new Float64Array([7]), [])) === 7, '0-d array to a number');
ok(errorCode(() => MP.arrayFromTyped(['a', 1])) === ModelPersist.Error.INVALID_ARGUMENT,
    'mixed plain array is INVALID_ARGUMENT');
ok(errorCode(() => MP.arrayFromTyped('nope')) === ModelPersist.Error.INVALID_ARGUMENT,
    'a string is INVALID_ARGUMENT');

// The shape must match the element count (the C library checks).
ok(errorCode(() => MP.arrayFromTyped(new Float64Array(5), [2, 2])) === ModelPersist.Error.INVALID_ARGUMENT,
    'shape that does not match is INVALID_ARGUMENT');

// Helpers with an estimator, end to end.
const est = new ModelPersist.DummyClassifier({strategy: 'most_frequent'});
const x = MP.arrayFromTyped(new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]), [4, 2]);
const y = MP.arrayFromTyped(new BigInt64Array([5n, 7n, 7n, 5n + 2n]));
ok(est.fit(x, y) === est, 'fit with helper arrays returns the estimator');
const predicted = MP.toTyped(MP.callRaw(est, 'predict', x));
ok(predicted instanceof BigInt64Array && sameElements(predicted, [7n, 7n, 7n, 7n]), 'predict as BigInt64Array');
ok(sameElements(est.predict(x), [7, 7, 7, 7]), 'the wrapped predict gives Numbers');
ok(sameElements(MP.toTyped(est.classes), [5n, 7n]), 'fitted classes as BigInt64Array');
ok(sameElements(MP.toTyped(est.class_prior), [0.25, 0.75]), 'fitted class_prior as Float64Array');

print(`1..${count}`);
