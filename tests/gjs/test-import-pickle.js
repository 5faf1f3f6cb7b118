// test-import-pickle.js: importing scikit-learn's pickle and joblib files
// from GJS, the way a GNOME application would import a file a user drops
// on it. The files are made here by Debian's scikit-learn (a Python
// subprocess); GJS itself never needs Python to import them.
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const dir = GLib.dir_make_tmp('import-pickle-XXXXXX');
const script = `
import json, pickle, sys, joblib
from sklearn.datasets import load_iris
from sklearn.svm import SVC
X, y = load_iris(return_X_y=True)
est = SVC(random_state=0).fit(X, y)
d = sys.argv[1]
open(d + '/svc.pkl', 'wb').write(pickle.dumps(est, protocol=5))
joblib.dump(est, d + '/svc.joblib', compress=('zlib', 3))
json.dump({'X': X.ravel().tolist(), 'n': len(X), 'labels': est.predict(X).tolist()},
          open(d + '/expected.json', 'w'))
`;
const [, , stderr, status] = GLib.spawn_sync(null, ['/usr/bin/python3', '-c', script, dir], null,
    GLib.SpawnFlags.DEFAULT, null);
assert(status === 0, `python made the files: ${new TextDecoder().decode(stderr)}`);
const [, json] = GLib.file_get_contents(`${dir}/expected.json`);
const expected = JSON.parse(new TextDecoder().decode(json));
const X = ModelPersist.Array.new_float64(expected.X, [expected.n, 4]);

function check(model, what) {
    assert(model instanceof ModelPersist.SVC, `${what}: an SVC`);
    const labels = model.predict(X);
    for (let i = 0; i < expected.n; i++)
        assert(labels.get_double(i) === expected.labels[i], `${what}: label ${i}`);
}

// The short entry point: a path.
check(ModelPersist.import_pickle(`${dir}/svc.pkl`), 'import_pickle');

// The full one: a GFile, options, and the provenance.
const [model, info] = ModelPersist.import_pickle_file_full(Gio.File.new_for_path(`${dir}/svc.joblib`),
    null, null);
check(model, 'import_pickle_file_full');
check(ModelPersist.import_pickle_file(Gio.File.new_for_path(`${dir}/svc.pkl`)), 'import_pickle_file');
assert(info.get_annotation('imported_from.container') === 'joblib', 'container');
assert(info.get_annotation('imported_from.compressor') === 'zlib', 'compressor');
assert(info.get_annotation('imported_from.file') === 'svc.joblib', 'file name');

// Bytes.
const [, bytes] = GLib.file_get_contents(`${dir}/svc.pkl`);
check(ModelPersist.import_pickle_bytes(bytes), 'import_pickle_bytes');

// A file that would run a command if Python loaded it.
const evil = new Uint8Array([0x80, 0x02, 0x63, ...new TextEncoder().encode('os\nsystem\n'),
    0x58, 4, 0, 0, 0, ...new TextEncoder().encode('true'), 0x85, 0x52, 0x2e]);
try {
    ModelPersist.import_pickle_bytes(evil);
    assert(false, 'os.system refused');
} catch (e) {
    assert(e.matches(ModelPersist.error_quark(), ModelPersist.Error.UNTRUSTED_TYPE), `code: ${e}`);
    assert(e.message.startsWith('offset 2: GLOBAL names os.system'), `message: ${e.message}`);
}

// The asynchronous import, with the main loop running.
const loop = new GLib.MainLoop(null, false);
let imported = null;
ModelPersist.import_pickle_file_async(Gio.File.new_for_path(`${dir}/svc.pkl`), null, null,
    (source, result) => {
        [imported] = ModelPersist.import_pickle_file_finish(result);
        loop.quit();
    });
loop.run();
check(imported, 'import_pickle_file_async');

// The classes it reads.
assert(ModelPersist.import_pickle_list_classes().includes('sklearn.svm.SVC'), 'list of classes');

for (const name of ['svc.pkl', 'svc.joblib', 'expected.json'])
    GLib.unlink(`${dir}/${name}`);
GLib.rmdir(dir);
print('ok');
