// test-strings.js: STRING arrays from GJS: JavaScript strings in, strings
// out, through the introspected API and through bindings/gjs/modelpersist.js.
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

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const DType = ModelPersist.DType;
const labels = ['setosa', '', 'café', '\u{1f338} blossom'];

// The introspected API: a JS array of strings and a shape.
const direct = ModelPersist.Array.new_strings(labels, [2, 2]);
ok(direct.get_dtype() === DType.STRING, 'new_strings makes a STRING array');
ok(same(direct.get_shape(), [2, 2]), 'with the shape given');
ok(direct.get_string(2) === 'café', 'get_string reads one element');
ok(same(direct.dup_strings(), labels), 'dup_strings reads all, in row-major order');
ok(direct.get_n_bytes() === labels.reduce((n, s) => n + new TextEncoder().encode(s).length, 0),
    'n_bytes counts UTF-8 bytes');
ok(ModelPersist.dtype_to_string(DType.STRING) === 'str', 'the dtype is named str');

// The helpers: plain (nested) arrays of strings.
const nested = MP.arrayFromTyped([['a', 'b', 'c'], ['d', 'e', 'f']]);
ok(nested.get_dtype() === DType.STRING && same(nested.get_shape(), [2, 3]),
    'a nested array of strings keeps its shape');
ok(same(MP.toNested(nested), [['a', 'b', 'c'], ['d', 'e', 'f']]), 'toNested gives it back');
ok(same(MP.toStrings(MP.arrayFromTyped(labels)), labels), 'toStrings round-trips');
ok(MP.arrayFromTyped([true, false]).get_dtype() === DType.BOOL, 'booleans stay booleans');

// Refusals, each INVALID_ARGUMENT.
ok(errorCode(() => MP.arrayFromTyped(['a', 1])) === ModelPersist.Error.INVALID_ARGUMENT,
    'strings mixed with numbers are refused');
ok(errorCode(() => MP.arrayFromTyped(['a\0b'])) === ModelPersist.Error.INVALID_ARGUMENT,
    'a string holding U+0000 is refused');
ok(errorCode(() => ModelPersist.Array.new_strings(['a', 'b'], [3])) === ModelPersist.Error.INVALID_ARGUMENT,
    'a shape that does not match is refused');
ok(errorCode(() => MP.toTyped(direct)) === ModelPersist.Error.INVALID_ARGUMENT,
    'a STRING array has no TypedArray');
ok(errorCode(() => direct.convert(DType.FLOAT64)) === ModelPersist.Error.INVALID_ARGUMENT,
    'text does not convert to numbers');

// Classifiers keep text labels: classes, predict, predict_proba's columns,
// score, and a save and a load.
const iris = ModelPersist.load_iris();
const X = iris.get_data();
const names = iris.get_target_names();
const target = MP.toTyped(iris.get_target());
const y = MP.arrayFromTyped(Array.from(target, k => names[Number(k)]));
const yIndex = iris.get_target();
const makers = {
    dummy: () => new ModelPersist.DummyClassifier(),
    svc: () => new ModelPersist.SVC({probability: true, random_state: 0}),
    knn: () => new ModelPersist.KNeighborsClassifier(),
};
for (const [name, make] of Object.entries(makers)) {
    const byName = make();
    const byIndex = make();
    byName.fit(X, y);
    byIndex.fit(X, yIndex);
    ok(same(MP.toStrings(byName.classes), ['setosa', 'versicolor', 'virginica']),
        `${name}: classes are the sorted names`);
    // With the helpers imported, predict() gives plain arrays: strings for
    // text labels, Numbers for the index model's int64 ones.
    const predicted = byName.predict(X);
    ok(predicted.every(v => typeof v === 'string'), `${name}: text labels come back as strings`);
    const expected = byIndex.predict(X).map(k => names[k]);
    ok(same(predicted, expected), `${name}: predict gives the names of the index model's classes`);
    ok(same(byName.predict_proba(X), byIndex.predict_proba(X)),
        `${name}: predict_proba columns follow classes`);
    ok(same(byName.score(X, y), byIndex.score(X, yIndex)), `${name}: score compares names`);
    const loaded = ModelPersist.loads(ModelPersist.dumps(byName));
    ok(same(loaded.predict(X), predicted), `${name}: a saved model keeps its names`);
    ok(same(MP.toStrings(MP.callRaw(loaded, 'predict', X)), predicted),
        `${name}: the introspected predict still gives a STRING array`);
}

print(`1..${count}`);
