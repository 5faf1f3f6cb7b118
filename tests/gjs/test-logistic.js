// test-logistic.js: LogisticRegression as GJS users see it, and a
// StandardScaler + LogisticRegression pipeline trained by scikit-learn,
// converted and saved by tests/python/test_logistic_parity.py (which
// checks that the fixture is still what scikit-learn's pipeline gives),
// loaded here and predicting scikit-learn's labels on wine.
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const here = GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]);
const fixtures = GLib.build_filenamev([here, 'fixtures']);

function readFile(name) {
    const [ok, contents] = GLib.file_get_contents(GLib.build_filenamev([fixtures, name]));
    assert(ok, `read ${name}`);
    return contents;
}

// The pipeline scikit-learn trained, from its saved bytes.
const wine = ModelPersist.load_wine();
const x = wine.get_data();
const expected = JSON.parse(new TextDecoder().decode(readFile('logistic-pipeline-wine-labels.json')));
const pipeline = ModelPersist.loads(new GLib.Bytes(readFile('logistic-pipeline-wine.mpstream')));
const predicted = pipeline.predict(x);
assert(predicted.get_n_elements() === expected.length, 'one label per sample');
for (let i = 0; i < expected.length; i++)
    assert(predicted.get_double(i) === expected[i], `scikit-learn's label for sample ${i}`);

// Through a file, as an application would keep it.
const dir = GLib.dir_make_tmp('mp-gjs-logistic-XXXXXX');
const path = GLib.build_filenamev([dir, 'pipeline.mpstream']);
GLib.file_set_contents(path, readFile('logistic-pipeline-wine.mpstream'));
const [, bytes] = GLib.file_get_contents(path);
const again = ModelPersist.loads(new GLib.Bytes(bytes)).predict(x);
for (let i = 0; i < expected.length; i++)
    assert(again.get_double(i) === expected[i], `label ${i} after a file`);
GLib.unlink(path);
GLib.rmdir(dir);

// Hyperparameters as lower-case attributes; fit, predict, save and load.
const est = new ModelPersist.LogisticRegression({c: 0.5, multi_class: 'ovr', max_iter: 500});
assert(est.c === 0.5 && est.multi_class === 'ovr' && est.solver === 'lbfgs' && est.penalty === 'l2',
    'hyperparameters as attributes');
const iris = ModelPersist.load_iris();
est.fit(iris.get_data(), iris.get_target());
assert(est.coef.get_dim(0) === 3 && est.coef.get_dim(1) === 4, 'one coefficient row per class');
assert(est.n_iter.get_n_elements() === 3, 'one iteration count per ovr problem');
const labels = est.predict(iris.get_data());
const loaded = ModelPersist.loads(ModelPersist.dumps(est));
const relabelled = loaded.predict(iris.get_data());
for (let i = 0; i < 150; i++)
    assert(relabelled.get_double(i) === labels.get_double(i), `same label ${i} after loading`);
const proba = loaded.predict_proba(iris.get_data());
for (let i = 0; i < 150; i++) {
    const s = proba.get_double(3 * i) + proba.get_double(3 * i + 1) + proba.get_double(3 * i + 2);
    assert(Math.abs(s - 1) < 1e-12, `probabilities of ${i} sum to 1`);
}

// The solvers it does not implement are refused, naming the solver.
let message = null;
try {
    new ModelPersist.LogisticRegression({solver: 'saga'}).fit(iris.get_data(), iris.get_target());
} catch (e) {
    assert(e.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT), 'the code');
    message = e.message;
}
assert(message === "solver: the 'saga' solver is not implemented; ModelPersist's LogisticRegression " +
    "offers 'lbfgs' only", `the message: ${message}`);
