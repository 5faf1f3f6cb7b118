// test-persist.js: saving and loading as GJS users see it.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const est = new ModelPersist.DummyClassifier({strategy: 'most_frequent'});
est.fit(ModelPersist.Array.new_float64([0, 1, 2, 3, 4, 5], [3, 2]),
    ModelPersist.Array.new_int64([7, 7, 9], [3]));

// Bytes: a round trip that gives the same bytes again.
const bytes = ModelPersist.dumps(est);
const report = new ModelPersist.LoadReport();
const loaded = ModelPersist.loads_full(bytes, null, report);
assert(loaded.to_string() === est.to_string(), 'same hyperparameters');
assert(loaded.predict(ModelPersist.Array.new_float64([1, 1], [1, 2])).get_double(0) === 7,
    'same prediction');
assert(report.get_format_version() === '1.2', 'report filled');
const again = ModelPersist.dumps(loaded).toArray();
const first = bytes.toArray();
assert(again.length === first.length && again.every((b, i) => b === first[i]), 'deterministic');

// A bundle on disk.
const dir = GLib.dir_make_tmp('mp-gjs-XXXXXX');
const path = GLib.build_filenamev([dir, 'model.json']);
ModelPersist.dump(est, path);
assert(ModelPersist.load(path).to_string() === est.to_string(), 'bundle round trip');

// A damaged buffer fails with its specific code.
const damaged = first.slice(0, 40);
let code = -1;
try {
    ModelPersist.loads(new GLib.Bytes(damaged));
} catch (e) {
    code = e.matches(ModelPersist.error_quark(), ModelPersist.Error.MALFORMED) ? 0 : 1;
}
assert(code === 0, 'truncated stream is MALFORMED');

// The JSON value count is a plain attribute and a limit like the others.
assert(new ModelPersist.LoadOptions().max_json_nodes === 2097152, 'max_json_nodes default');
code = -1;
try {
    ModelPersist.loads_full(bytes, new ModelPersist.LoadOptions({max_json_nodes: 10}), null);
} catch (e) {
    code = e.matches(ModelPersist.error_quark(), ModelPersist.Error.LIMIT_EXCEEDED) ? 0 : 1;
}
assert(code === 0, 'max_json_nodes is LIMIT_EXCEEDED');

const [types, untrusted] = ModelPersist.inspect_types(bytes);
assert(types.length === 1 && types[0] === 'MpDummyClassifier' && untrusted.length === 0,
    'inspection');

// Clean up: the JSON and its one sidecar, nothing else.
const folder = Gio.File.new_for_path(dir);
const children = folder.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
let info, count = 0;
while ((info = children.next_file(null)) !== null) {
    folder.get_child(info.get_name()).delete(null);
    count++;
}
assert(count === 2, 'a bundle is two files');
folder.delete(null);
