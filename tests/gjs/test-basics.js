// test-basics.js: the foundation as GJS users see it.
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const est = new ModelPersist.DummyClassifier();
assert(est.to_string() === "DummyClassifier(strategy='prior')", 'string form');

// Every hyperparameter is a plain, lower-case attribute.
est.strategy = 'most_frequent';
assert(est.strategy === 'most_frequent', 'strategy attribute');

const x = ModelPersist.Array.new_float64([0, 1, 2, 3, 4, 5], [3, 2]);
const y = ModelPersist.Array.new_int64([7, 7, 9], [3]);

let threw = false;
try {
    est.predict(x);
} catch (e) {
    threw = e.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_FITTED);
}
assert(threw, 'predict before fit is NOT_FITTED');

est.fit(x, y);
const predicted = est.predict(x);
assert(predicted.get_n_elements() === 3, 'one prediction per row');
assert(predicted.get_double(0) === 7, 'most frequent label');

// Arrays over TypedArray memory, through GLib.Bytes.
const typed = new Float64Array([1.5, 2.5, 3.5, 4.5]);
const viewed = ModelPersist.Array.new_from_bytes(ModelPersist.DType.FLOAT64, [2, 2],
    new GLib.Bytes(new Uint8Array(typed.buffer)));
assert(viewed.get_double(3) === 4.5, 'array from GLib.Bytes');

print('1..1');
print('ok 1 - gjs basics');
