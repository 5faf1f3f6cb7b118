// test-pca.js: PCA as GJS users see it: fit, a saved model loaded and
// used. Points on the line y = 2x have one principal axis, (1, 2) / sqrt 5,
// signed so that the sample farthest along it (5, 10) projects
// positively; the variance along it is (20 + 5 + 45) / 2. The parity with
// scikit-learn is tests/python/test_pca_parity.py's.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function close(a, b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
}

const x = ModelPersist.Array.new_float64([0, 0, 1, 2, 5, 10], [3, 2]);
const pca = new ModelPersist.PCA({n_components: '1', svd_solver: 'full'});
assert(pca.get_kind() === ModelPersist.EstimatorKind.TRANSFORMER, 'a transformer');
assert(pca.n_components === '1' && pca.whiten === false && pca.random_state === -1, 'hyperparameters');
pca.fit(x, null);
assert(pca.fitted_n_components === 1 && pca.n_samples === 3 && pca.n_features_in === 2, 'counts');
assert(close(pca.components.get_double(0), 1 / Math.sqrt(5)) &&
    close(pca.components.get_double(1), 2 / Math.sqrt(5)), 'the axis, signed');
assert(close(pca.explained_variance.get_double(0), 35), 'explained variance');
assert(close(pca.explained_variance_ratio.get_double(0), 1) && pca.noise_variance === 0, 'all of it');

// saved and loaded: the same projections, and back onto the line
const loaded = ModelPersist.loads(ModelPersist.dumps(pca));
const probe = ModelPersist.Array.new_float64([2, 4, 3, 6], [2, 2]);
const projected = loaded.transform(probe);
assert(projected.get_dim(0) === 2 && projected.get_dim(1) === 1, 'one component');
assert(Math.abs(projected.get_double(0)) < 1e-12 && close(projected.get_double(1), Math.sqrt(5)),
    'projections of the loaded model');
const back = loaded.inverse_transform(projected);
assert(close(back.get_double(2), 3) && close(back.get_double(3), 6), 'inverse_transform');

// whitened: unit variance along the axis
const white = new ModelPersist.PCA({n_components: '1', whiten: true});
white.fit(x, null);
assert(close(white.transform(probe).get_double(1), Math.sqrt(5) / Math.sqrt(35)), 'whitened');

// a solver that is not implemented is refused, naming the way out
let message = '';
try {
    new ModelPersist.PCA({svd_solver: 'randomized'}).fit(x, null);
} catch (e) {
    message = e.message;
}
assert(message === "svd_solver: 'randomized' is not implemented; use svd_solver='full'", message);

print('1..1');
print('ok 1 - gjs pca');
