// reference-example.js: scikit-learn's model persistence example, in GJS.
//
// Trains an SVC on iris, prints it, saves it to bytes and back, predicts the
// first sample, saves it to a file, loads that file in a separate process
// and checks that every prediction agrees, and saves and loads it through a
// GIO memory stream, the analogue of a Python file object. The same steps
// as reference-example.c and reference_example.py.
//
//   gjs -m reference-example.js [DIR]          run the whole example, writing
//                                              into DIR (a new temporary
//                                              directory if none is given)
//   gjs -m reference-example.js --predict F    load the model F and print a
//                                              prediction per iris sample
//                                              (the separate process)
//
// Against an uninstalled build: meson devenv -C build gjs -m examples/reference-example.js
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import System from 'system';
import ModelPersist from 'gi://ModelPersist?version=1.0';

// The helpers, compiled into libmodelpersist: once the library is loaded
// (the first use of ModelPersist), any script imports them by this URI.
// They make fit/predict/score take and return plain arrays.
ModelPersist.Array;
const MP = await import('resource:///org/gnome/ModelPersist/js/modelpersist.js');

const REFERENCE = "SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, " +
    "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', " +
    'max_iter=-1, probability=False, random_state=None, shrinking=True, ' +
    'tol=0.001, verbose=False)';

function predictInThisProcess(path) {
    const iris = ModelPersist.load_iris();
    const clf = ModelPersist.load(path);
    print(clf.predict(iris.data).join(' '));
    return 0;
}

function check(condition, what) {
    if (!condition)
        printerr(`FAILED: ${what}`);
    return condition;
}

// This interpreter, to run the separate process with.
function interpreter() {
    try {
        return GLib.file_read_link('/proc/self/exe');
    } catch {
        return GLib.find_program_in_path('gjs');
    }
}

function runExample(dir) {
    let ok = true;

    // >>> from sklearn import svm, datasets
    // >>> clf = svm.SVC(gamma='scale')
    // >>> X, y = datasets.load_iris(return_X_y=True)
    // >>> clf.fit(X, y)
    const clf = new ModelPersist.SVC({gamma: 'scale'});
    const iris = ModelPersist.load_iris();
    // X and y as plain arrays: [[5.1, 3.5, 1.4, 0.2], ...] and [0, 0, ...].
    const X = MP.toNested(iris.data), y = MP.toNested(iris.target);
    clf.fit(X, y);
    const text = clf.to_string();
    print(text);
    ok &= check(text === REFERENCE, "the string form is the reference page's");

    // >>> s = pickle.dumps(clf); clf2 = pickle.loads(s)
    const s = ModelPersist.dumps(clf);
    const clf2 = ModelPersist.loads(s);
    print(`dumps: ${s.get_size()} bytes`);

    // >>> clf2.predict(X[0:1]) -> array([0]); y[0] -> 0
    const predicted0 = clf2.predict(X.slice(0, 1));
    print(`clf2.predict(X[0:1]) = [${predicted0}]`);
    print(`y[0] = ${y[0]}`);
    ok &= check(predicted0.length === 1 && predicted0[0] === 0, 'clf2.predict(X[0:1]) is [0]');
    ok &= check(y[0] === 0, 'y[0] is 0');
    const score = clf2.score(X, y);
    print(`clf2.score(X, y) = ${score}`);
    ok &= check(typeof score === 'number' && score > 0.9, 'score is a number above 0.9');

    // >>> dump(clf, 'filename.joblib'), then load it in another process.
    const path = GLib.build_filenamev([dir, 'iris-svc.json']);
    ModelPersist.dump(clf, path);
    print(`dump: ${path}`);

    const script = GLib.filename_from_uri(import.meta.url)[0];
    const child = Gio.Subprocess.new([interpreter(), '-m', script, '--predict', path],
        Gio.SubprocessFlags.STDOUT_PIPE);
    const [, childOut] = child.communicate_utf8(null, null);
    if (!child.get_successful())
        throw new Error(`the separate process failed (exit status ${child.get_exit_status()})`);

    const predictedAll = clf.predict(X);
    const expected = predictedAll.join(' ');
    const agree = childOut.trim() === expected;
    ok &= check(agree && predictedAll.length === 150,
        'the separate process predicts the same 150 labels');
    print(`load in a new process: ${agree ? 'all 150' : 'NOT all'} predictions agree`);

    // A file-like object: a GIO memory stream.
    const memoryOut = Gio.MemoryOutputStream.new_resizable();
    ModelPersist.dump_to_stream(clf, memoryOut);
    memoryOut.close(null);
    const streamed = memoryOut.steal_as_bytes();
    const memoryIn = Gio.MemoryInputStream.new_from_bytes(streamed);
    const clf3 = ModelPersist.load_from_stream(memoryIn);
    const same = clf3.predict(X).join(' ') === expected;
    ok &= check(same, 'a model read back from a memory stream predicts the same');
    print(`memory stream: ${streamed.get_size()} bytes, predictions ${same ? 'agree' : 'DIFFER'}`);

    return ok ? 0 : 1;
}

function removeTree(dir) {
    const folder = Gio.File.new_for_path(dir);
    const children = folder.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
    let info;
    while ((info = children.next_file(null)) !== null)
        folder.get_child(info.get_name()).delete(null);
    folder.delete(null);
}

function main(args) {
    if (args.length === 2 && args[0] === '--predict')
        return predictInThisProcess(args[1]);
    if (args.length > 1) {
        printerr('usage: gjs -m reference-example.js [DIR] | --predict MODEL.json');
        return 2;
    }
    if (args.length === 1)
        return runExample(args[0]);
    const dir = GLib.dir_make_tmp('modelpersist-example-XXXXXX');
    try {
        return runExample(dir);
    } finally {
        removeTree(dir);
    }
}

const status = main(System.programArgs);
if (status !== 0)
    System.exit(status);
