// test-gjs-api.js: the natural GJS calls of issue 14: the helper module by
// its resource URI from a script outside the source tree, plain arrays and
// TypedArrays into the estimator methods and plain arrays out, int64 labels
// as Numbers, score() as a Number, and the errors bad data gives.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

const URI = 'resource:///org/gnome/ModelPersist/js/modelpersist.js';

let count = 0;
function ok(condition, what) {
    count++;
    if (!condition)
        throw new Error(`not ok ${count} - ${what}`);
    print(`ok ${count} - ${what}`);
}

const same = (a, b) => JSON.stringify(a, (_, v) => typeof v === 'bigint' ? `${v}n` : v) ===
    JSON.stringify(b, (_, v) => typeof v === 'bigint' ? `${v}n` : v);

// [code, message] of what fn throws, in the ModelPersist domain.
function failure(fn) {
    try {
        fn();
    } catch (e) {
        if (e instanceof GLib.Error && e.matches(ModelPersist.error_quark(), e.code))
            return [e.code, e.message];
        throw e;
    }
    return [null, 'no error'];
}

const here = GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]);
const root = GLib.build_filenamev([here, '..', '..']);
const interpreter = GLib.file_read_link('/proc/self/exe');
const workdir = GLib.dir_make_tmp('modelpersist-gjs-api-XXXXXX');

// Runs `gjs -m` on the given files (written to a fresh folder outside the
// source tree; the first is the entry point) and returns [success, output].
function runScript(files) {
    const dir = GLib.build_filenamev([workdir, `run-${count}`]);
    GLib.mkdir_with_parents(dir, 0o700);
    for (const [name, text] of Object.entries(files))
        GLib.file_set_contents(GLib.build_filenamev([dir, name]), text);
    const entry = GLib.build_filenamev([dir, Object.keys(files)[0]]);
    const child = Gio.Subprocess.new([interpreter, '-m', entry],
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_MERGE);
    const [, out] = child.communicate_utf8(null, null);
    return [child.get_successful(), out.trim()];
}

// 1. The stable import, from outside the source tree.
{
    const [success, out] = runScript({
        'script.js': `
import ModelPersist from 'gi://ModelPersist?version=1.0';
ModelPersist.Array;
const MP = await import('${URI}');
const svc = new ModelPersist.SVC().fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 1, 1]);
print(typeof MP.asArray, JSON.stringify(svc.predict([[0.1, 0.2], [0.9, 0.8]])));
`,
    });
    ok(success && out === 'function [0,1]', `the documented dynamic import works from ${workdir}: ${out}`);
}
{
    const [success, out] = runScript({
        'entry.js': `
import ModelPersist from 'gi://ModelPersist?version=1.0';
ModelPersist.Array;
await import('./app.js');
`,
        'app.js': `
import ModelPersist from 'gi://ModelPersist?version=1.0';
import * as MP from '${URI}';
print(MP.toNested(MP.asArray([[1, 2]])).join(), new ModelPersist.DummyClassifier().fit([[0], [1], [1]], [3, 4, 4]).predict([[0]]));
`,
    });
    ok(success && out === '1,2 4', `a module loaded after the library imports the URI statically: ${out}`);
}
{
    // What docs/javascript.md says GJS 1.74 does: the static imports of the
    // first module are linked before gi://ModelPersist has loaded the
    // library, so the resource is not registered yet.
    const [success, out] = runScript({
        'static.js': `
import ModelPersist from 'gi://ModelPersist?version=1.0';
import * as MP from '${URI}';
print('linked', typeof MP, typeof ModelPersist);
`,
    });
    ok(!success && out.includes('does not exist'),
        'a static import in the first module fails as docs/javascript.md says (if this changed, update the page)');
}

// The module itself, for the rest of this file, by the same URI.
ModelPersist.Array;
const MP = await import(URI);

{
    const [compiled] = [Gio.resources_lookup_data('/org/gnome/ModelPersist/js/modelpersist.js',
        Gio.ResourceLookupFlags.NONE)];
    const [, source] = GLib.file_get_contents(GLib.build_filenamev([root, 'bindings', 'gjs', 'modelpersist.js']));
    ok(same(Array.from(compiled.toArray()), Array.from(source)),
        'the resource in the library is bindings/gjs/modelpersist.js as built');
    const again = await import(GLib.filename_to_uri(GLib.build_filenamev([root, 'bindings', 'gjs', 'modelpersist.js']), null));
    ok(again !== MP && new ModelPersist.DummyClassifier().fit([[0]], [1]).predict([[0]])[0] === 1,
        'loading the file copy too wraps the methods once, not twice');
}

// 2. Plain arrays and TypedArrays in.
const rows = [[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5], [5.8, 2.7, 5.1, 1.9],
    [5.7, 2.8, 4.1, 1.3], [6.0, 2.9, 4.5, 1.5]];
const labels = [0, 0, 2, 2, 1, 1];
const flat = new Float64Array(rows.flat());
const forms = {
    'nested plain arrays': rows,
    'rows as Float64Arrays': rows.map(r => Float64Array.from(r)),
    '{data: Float64Array, shape}': {data: flat, shape: [6, 4]},
    '{data: plain array, shape}': {data: rows.flat(), shape: [6, 4]},
    'a ModelPersist.Array': MP.arrayFromTyped(flat, [6, 4]),
};
const reference = new ModelPersist.SVC({probability: true, random_state: 0});
ok(reference.fit(MP.arrayFromTyped(flat, [6, 4]), MP.arrayFromTyped(new BigInt64Array(labels.map(BigInt)))) === reference,
    'fit returns the estimator');
const expected = reference.predict(rows);
for (const [what, X] of Object.entries(forms)) {
    const svc = new ModelPersist.SVC({probability: true, random_state: 0});
    svc.fit(X, new Int32Array(labels));
    ok(same(svc.predict(X), expected), `fit and predict take ${what}`);
    ok(same(svc.predict_proba(X), reference.predict_proba(rows)), `predict_proba takes ${what}`);
}
ok(MP.asArray([1, 2, 3]).get_dtype() === ModelPersist.DType.INT64 &&
    MP.asArray([1, 2.5]).get_dtype() === ModelPersist.DType.FLOAT64 &&
    MP.asArray([[1n, 2n]]).get_dtype() === ModelPersist.DType.INT64 &&
    MP.asArray([true, false]).get_dtype() === ModelPersist.DType.BOOL &&
    MP.asArray(new Float32Array(2)).get_dtype() === ModelPersist.DType.FLOAT32,
'numbers follow numpy.asarray (integers int64, else float64), BigInts int64, booleans bool');
ok(same(MP.asArray([[1, 2, 3], [4, 5, 6]]).get_shape(), [2, 3]) && same(MP.asArray([]).get_shape(), [0]),
    'the shape is the nesting');

// 3. Plain arrays out, labels as Numbers.
const predicted = expected;
ok(Array.isArray(predicted) && predicted.length === 6, 'predict returns a plain array');
ok(predicted[0] === 0 && predicted.every(v => typeof v === 'number'), 'int64 labels are Numbers: labels[0] === 0');
ok(same(predicted, labels), 'the labels are the training ones');
const iris = ModelPersist.load_iris();
const fromIris = new ModelPersist.SVC().fit(iris.data, iris.target);
ok(fromIris.predict(iris.data)[0] === 0, 'int64 labels of load_iris() come back as Numbers too');
const score = fromIris.score(iris.data, iris.target);
ok(typeof score === 'number' && score > 0.9 && score <= 1, `score is a Number (${score})`);
ok(same(MP.callRaw(fromIris, 'score', iris.data, iris.target), [true, score]),
    'the introspected score still gives [true, score]');
const raw = MP.callRaw(fromIris, 'predict', iris.data);
ok(raw instanceof ModelPersist.Array && raw.get_dtype() === ModelPersist.DType.INT64,
    'the introspected predict still gives a ModelPersist.Array');
ok(MP.callRaw(fromIris, 'fit', iris.data, iris.target) === true, 'the introspected fit still gives true');

const proba = reference.predict_proba(rows);
ok(proba.length === 6 && proba.every(r => Array.isArray(r) && r.length === 3 && typeof r[0] === 'number'),
    'predict_proba gives nested plain arrays of Numbers');
ok(reference.decision_function(rows).length === 6, 'decision_function gives a plain array');
const scaler = new ModelPersist.StandardScaler();
const scaled = scaler.fit_transform([[1, 10], [3, 30]]);
ok(same(scaled, [[-1, -1], [1, 1]]), 'fit_transform gives nested Numbers');
ok(same(scaler.transform([[2, 20]]), [[0, 0]]), 'transform too');
ok(same(scaler.inverse_transform([[1, 1]]), [[3, 30]]), 'inverse_transform too');
const knn = new ModelPersist.KNeighborsClassifier({n_neighbors: 2}).fit([[0], [1], [3]], [0, 0, 1]);
const [distances, indices] = knn.kneighbors([[0.9]], 2);
ok(same(indices, [[1, 0]]) && Math.abs(distances[0][0] - 0.1) < 1e-12 && Math.abs(distances[0][1] - 0.9) < 1e-12,
    'kneighbors gives [distances, indices], indices as Numbers');

const strings = new ModelPersist.DummyClassifier().fit([[0], [1], [2]], ['b', 'a', 'b']);
ok(same(strings.predict([[0], [1]]), ['b', 'b']), 'text labels stay strings');
const huge = 2n ** 60n;
const bigs = new ModelPersist.DummyClassifier().fit([[0], [1], [2]], [huge, huge, 1n]);
ok(bigs.predict([[0]])[0] === huge, 'an int64 label beyond 2^53 stays an exact BigInt');
ok(same(MP.toNested(bigs.classes), [1, huge]), 'toNested: Numbers where safe, BigInts where not');
ok(same(MP.toNested(MP.asArray([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])),
    [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]), 'the safe integer bounds are Numbers');
ok(typeof MP.toNested(MP.asArray([2n ** 53n]))[0] === 'bigint', '2^53 is a BigInt (2^53 + 1 would be the same Number)');

// 4. Errors that name the argument.
const INVALID_INPUT = ModelPersist.Error.INVALID_INPUT;
const svc = new ModelPersist.SVC().fit(rows, labels);
const bad = [
    ['ragged rows', () => svc.predict([[1, 2, 3, 4], [1, 2, 3]]), 'X[1]: has 3 elements, X[0] has 4'],
    ['a ragged deeper level', () => MP.asArray([[[1, 2], [3]]], 'X'), 'X[0][1]: has 1 elements, X[0][0] has 2'],
    ['a row that is a number', () => svc.predict([[1, 2, 3, 4], 5]), 'X[1]: expected an array of 4 elements'],
    ['a string among numbers', () => svc.predict([[1, 2, 'x', 4]]), 'X[0][2]: expected a number like X[0][0], got a string ("x")'],
    ['a number among strings', () => svc.fit(rows, ['a', 'b', 'a', 'b', 'a', 3]), 'y[5]: expected a string like y[0], got a number (3)'],
    ['null', () => svc.predict([[1, 2, null, 4]]), 'X[0][2]: expected a number, a BigInt, a boolean or a string, got null (use NaN for a missing value)'],
    ['undefined', () => svc.fit(rows, [0, 0, 2, 2, 1, undefined]), 'y[5]: expected a number, a BigInt, a boolean or a string, got undefined'],
    ['NaN, which SVC refuses', () => svc.predict([[1, 2, NaN, 4]]), 'X: element [0, 2] is not finite'],
    ['a BigInt beyond int64', () => svc.fit(rows, [0n, 0n, 2n, 2n, 1n, 2n ** 63n]), 'y: element 5 (9223372036854775808) does not fit in int64'],
    ['a nesting deeper than the first element\'s', () => svc.predict([[1, 2, 3, 4], [1, 2, 3, [4]]]), 'X[1][3]: is nested deeper than X[0][0]'],
    ['a BigUint64Array beyond int64', () => svc.fit(rows, new BigUint64Array([0n, 0n, 1n, 1n, 2n, 2n ** 63n])), 'y: element 5 (9223372036854775808) does not fit in int64'],
    ['a shape that does not match', () => svc.predict({data: new Float64Array(6), shape: [2, 4]}), 'X: shape [2,4] holds 8 elements, data has 6'],
    ['a string for X', () => svc.predict('abc'), 'X: expected an array, a TypedArray, {data, shape} or a ModelPersist.Array, got a string ("abc")'],
    ['labels for other samples', () => svc.fit(rows, [0, 1]), 'y: has 2 values for 6 samples'],
];
for (const [what, fn, message] of bad) {
    const [code, got] = failure(fn);
    ok(code === INVALID_INPUT && got.startsWith(message), `${what}: INVALID_INPUT "${got}"`);
}
const imputer = new ModelPersist.SimpleImputer();
ok(same(imputer.fit_transform([[1, NaN], [3, 4]]), [[1, 4], [3, 4]]), 'NaN passes through to an estimator that takes it');

// Every estimator method of the GIR that takes or returns an array is
// wrapped (the module's list is complete).
const typelibDirs = (GLib.getenv('GI_TYPELIB_PATH') ?? '').split(':');
const girPath = typelibDirs.map(d => GLib.build_filenamev([d, 'ModelPersist-1.0.gir'])).find(p => GLib.file_test(p, GLib.FileTest.EXISTS));
ok(girPath !== undefined, 'the GIR is beside the typelib');
const gir = new TextDecoder().decode(GLib.file_get_contents(girPath)[1]);
const RAW = Symbol.for('org.gnome.ModelPersist.gjs.raw');
let checked = 0;
for (const [, className, body] of gir.matchAll(/<class name="(\w+)"[\s\S]*?>([\s\S]*?)<\/class>/g)) {
    const klass = ModelPersist[className];
    if (klass !== ModelPersist.Estimator && !(klass?.prototype instanceof ModelPersist.Estimator))
        continue;
    for (const [, method, text] of body.matchAll(/<method name="(\w+)"[\s\S]*?>([\s\S]*?)<\/method>/g)) {
        if (!/<type name="Array"/.test(text))
            continue;
        checked++;
        ok(Object.prototype.hasOwnProperty.call(klass.prototype, method) && klass.prototype[method][RAW] !== undefined,
            `ModelPersist.${className}.${method} is wrapped`);
    }
}
ok(checked >= 10, `the GIR walk found the array methods (${checked})`);

// Clean up the scripts.
Gio.Subprocess.new(['rm', '-rf', workdir], Gio.SubprocessFlags.NONE).wait(null);
print(`1..${count}`);
