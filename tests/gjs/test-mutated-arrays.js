// test-mutated-arrays.js: GJS lends an array's memory writable
// (GLib.Bytes.toArray()), so a script can change a fitted array after the
// model was checked. For every array an estimator reads as indices or
// counts, writing nonsense there must give MP_ERROR_INVALID_STATE naming
// the field, never a crash; writing to any other fitted array must not
// crash either.
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

let n = 0;
function ok(condition, what) {
    n++;
    if (!condition) {
        print(`not ok ${n} - ${what}`);
        throw new Error(`assertion failed: ${what}`);
    }
    print(`ok ${n} - ${what}`);
}

const iris = ModelPersist.load_iris();

// Writes 0x7f into every byte of the fitted array @property.
function scribble(model, property) {
    const u8 = model[property].get_bytes().toArray();
    u8.fill(0x7f);
}

function refusal(call) {
    try {
        call();
    } catch (e) {
        if (e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_STATE))
            return e.message;
        throw e;
    }
    return null;
}

const estimators = [
    {
        name: 'SVC',
        make: () => new ModelPersist.SVC({probability: true, random_state: 0}),
        calls: m => [() => m.predict(iris.data), () => m.decision_function(iris.data),
            () => m.predict_proba(iris.data)],
        // property -> the field the refusal names
        indexLike: {n_support: 'n_support_'},
        other: ['support', 'support_vectors', 'dual_coef', 'intercept', 'classes', 'prob_a',
            'prob_b', 'shape_fit', 'n_iter', 'fitted_class_weight'],
    },
    {
        name: 'KNeighborsClassifier',
        make: () => new ModelPersist.KNeighborsClassifier({n_neighbors: 5}),
        calls: m => [() => m.predict(iris.data), () => m.predict_proba(iris.data)],
        indexLike: {y: '_y'},
        other: ['fit_x', 'classes'],
    },
    {
        name: 'DummyClassifier',
        make: () => new ModelPersist.DummyClassifier(),
        calls: m => [() => m.predict(iris.data)],
        indexLike: {},
        other: ['classes', 'class_prior'],
    },
];

for (const spec of estimators) {
    for (const [property, field] of Object.entries(spec.indexLike)) {
        const model = spec.make();
        model.fit(iris.data, iris.target);
        scribble(model, property);
        for (const call of spec.calls(model)) {
            const message = refusal(call);
            ok(message !== null && message.includes(field),
                `${spec.name}.${property} changed in place: refused naming ${field} (${message})`);
        }
    }
    for (const property of spec.other) {
        const model = spec.make();
        model.fit(iris.data, iris.target);
        if (model[property] === null || model[property].get_n_bytes() === 0)
            continue;
        scribble(model, property);
        for (const call of spec.calls(model))
            refusal(call);  // any answer or a refusal; the process survives
        ok(true, `${spec.name}.${property} changed in place: no crash`);
    }
}

// An array made from GLib.Bytes over a TypedArray does not alias it.
const source = new Float64Array([1, 2, 3]);
const array = ModelPersist.Array.new_from_bytes(ModelPersist.DType.FLOAT64, [3],
    new GLib.Bytes(new Uint8Array(source.buffer)));
source[0] = 99;
ok(array.get_double(0) === 1, 'an array does not alias the TypedArray it was made from');

print(`1..${n}`);
