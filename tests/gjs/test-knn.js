// test-knn.js: KNeighborsClassifier as GJS users see it.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

// Every hyperparameter is a plain, lower-case attribute, settable in the
// constructor dictionary.
const knn = new ModelPersist.KNeighborsClassifier({
    n_neighbors: 3,
    p: 1,
    weights: 'distance',
});
assert(knn.n_neighbors === 3 && knn.p === 1, 'constructor properties');
assert(knn.algorithm === 'brute' && knn.weights === 'distance', 'word attributes');
assert(knn.to_string() ===
    "KNeighborsClassifier(algorithm='brute', n_neighbors=3, p=1, weights='distance')",
    'string form');

// Points 0, 1, 2 are class 5, points 10, 11 class 8.
const x = ModelPersist.Array.new_float64([0, 1, 2, 10, 11], [5, 1]);
const y = ModelPersist.Array.new_int64([5, 5, 5, 8, 8], [5]);
knn.fit(x, y);
assert(knn.n_samples_fit === 5, 'n_samples_fit attribute');
assert(knn.fit_x.get_dim(0) === 5, 'fit_x attribute');
assert(knn.classes.get_double(1) === 8, 'classes attribute');

const queries = ModelPersist.Array.new_float64([1.2, 9.0], [2, 1]);
const predicted = knn.predict(queries);
assert(predicted.get_double(0) === 5 && predicted.get_double(1) === 8, 'predictions');

const proba = knn.predict_proba(queries);
assert(proba.get_dim(0) === 2 && proba.get_dim(1) === 2, 'probability shape');

const [ok, distances, indices] = knn.kneighbors(queries, 2);
assert(ok, 'kneighbors succeeded');
assert(indices.get_double(0) === 1 && Math.abs(distances.get_double(0) - 0.2) < 1e-12,
    'nearest of 1.2 is row 1');

knn.p = 3;
let threw = false;
try {
    knn.fit(x, y);
} catch (e) {
    threw = e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT);
}
assert(threw, 'p = 3 is refused at fit');

print('1..1');
print('ok 1 - gjs knn');
