// test-svc.js: ModelPersist.SVC as GJS users see it.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const svc = new ModelPersist.SVC();
assert(svc.to_string() === "SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, " +
    "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', max_iter=-1, " +
    "probability=False, random_state=None, shrinking=True, tol=0.001, verbose=False)", 'string form');

// Every hyperparameter is a plain attribute, readable and writable.
assert(svc.c === 1.0 && svc.gamma === 'scale' && svc.random_state === -1, 'defaults');
const other = new ModelPersist.SVC({c: 0.5, gamma: '0.25', kernel: ModelPersist.SVMKernel.LINEAR,
    class_weight: 'balanced', random_state: 7, break_ties: true, cache_size: 50, coef0: 1,
    degree: 2, max_iter: 1000, probability: true, shrinking: false, tol: 1e-4, verbose: false,
    decision_function_shape: ModelPersist.DecisionFunctionShape.OVR});
assert(other.c === 0.5 && other.gamma === '0.25' && other.kernel === ModelPersist.SVMKernel.LINEAR,
    'constructor properties');
assert(other.class_weight === 'balanced' && other.random_state === 7 && other.break_ties, 'more properties');
other.gamma = 'auto';
assert(other.to_string().includes("gamma='auto'"), 'gamma attribute');

// Two separable blobs.
const rows = [];
const labels = [];
for (let i = 0; i < 20; i++) {
    const side = i % 2;
    rows.push(side * 4 + (i % 5) * 0.1, side * 4 - (i % 3) * 0.1);
    labels.push(side ? 5 : 3);
}
const x = ModelPersist.Array.new_float64(rows, [20, 2]);
const y = ModelPersist.Array.new_int64(labels, [20]);
svc.fit(x, y);
const predicted = svc.predict(x);
for (let i = 0; i < 20; i++)
    assert(predicted.get_double(i) === labels[i], `prediction ${i}`);
const decision = svc.decision_function(x);
assert(decision.get_double(1) > 0 && decision.get_double(0) < 0, 'decision sign follows classes_');
assert(svc.n_support.get_n_elements() === 2, 'n_support_ attribute');

// Capabilities: predict_proba only with probability=true, through the base class.
const Can = ModelPersist.EstimatorCapabilities;
assert(!(svc.get_capabilities() & Can.PREDICT_PROBA) && (svc.get_capabilities() & Can.DECISION_FUNCTION),
    'capabilities without probability');
let refused = null;
try {
    svc.predict_proba(x);
} catch (e) {
    refused = e;
}
assert(refused !== null && refused.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_SUPPORTED) &&
    refused.message.includes('probability=False'), 'predict_proba refused without probability');
const base = ModelPersist.Estimator.prototype.decision_function.call(svc, x);
assert(base.get_double(1) === decision.get_double(1), 'the base entry point calls the same method');

print('1..1');
print('ok 1 - gjs svc');
