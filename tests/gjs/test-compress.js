// test-compress.js: compressed saves as GJS users write them, with
// ModelPersist.SaveOptions and the _full save functions.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

function sameArray(a, b) {
    if (a.get_n_elements() !== b.get_n_elements())
        return false;
    for (let i = 0; i < a.get_n_elements(); i++) {
        if (a.get_double(i) !== b.get_double(i))
            return false;
    }
    return true;
}

function sameBytes(a, b) {
    const x = a.toArray(), y = b.toArray();
    return x.length === y.length && x.every((v, i) => v === y[i]);
}

// The document of a single stream: a 64-byte header, the JSON length at 16.
function streamDocument(bytes) {
    const data = bytes.toArray();
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const length = Number(view.getBigUint64(16, true));
    return JSON.parse(new TextDecoder().decode(data.subarray(64, 64 + length)));
}

function bundleDocument(path) {
    const [, contents] = GLib.file_get_contents(path);
    return JSON.parse(new TextDecoder().decode(contents));
}

function hasCompressedArray(node) {
    if (Array.isArray(node))
        return node.some(hasCompressedArray);
    if (node === null || typeof node !== 'object')
        return false;
    if ('dtype' in node && 'nbytes' in node)
        return 'compression' in node;
    return Object.values(node).some(hasCompressedArray);
}

const digits = ModelPersist.load_digits();
const X = digits.get_data(), y = digits.get_target();
const knn = new ModelPersist.KNeighborsClassifier({n_neighbors: 5});
knn.fit(X, y);
const expected = knn.predict(X);

// The options: a plain, settable property, checked against its range.
const options = new ModelPersist.SaveOptions({compress: 3});
assert(options.compress === 3, 'compress in the constructor dictionary');
assert(ModelPersist.SAVE_MAX_COMPRESS === 19, 'the highest level');
assert(new ModelPersist.SaveOptions().compress === 0, 'uncompressed by default');

// Bytes.
const plain = ModelPersist.dumps(knn);
const small = ModelPersist.dumps_full(knn, options, null);
assert(small.get_size() * 4 < plain.get_size(), `compressed is smaller (${small.get_size()} < ${plain.get_size()})`);
assert(streamDocument(small).format_version === '1.3' && hasCompressedArray(streamDocument(small).estimator),
    'a compressed stream says 1.3');
assert(streamDocument(plain).format_version === '1.2' && !hasCompressedArray(streamDocument(plain).estimator),
    'an uncompressed one 1.2');
assert(sameBytes(ModelPersist.dumps_full(knn, options, null), small), 'deterministic');
assert(sameBytes(ModelPersist.dumps_full(knn, null, null), plain), 'null options are the defaults');
const report = new ModelPersist.LoadReport();
let loaded = ModelPersist.loads_full(small, null, report);
assert(report.get_format_version() === '1.3', 'the report says 1.3');
assert(sameArray(loaded.predict(X), expected), 'same predictions after a compressed round trip (bytes)');
assert(sameBytes(ModelPersist.dumps(loaded), plain), 'the same model as the uncompressed one');

// With metadata.
const info = new ModelPersist.ModelInfo();
info.set_program('test-compress.js');
const withInfo = ModelPersist.dumps_full(knn, options, info);
const infoReport = new ModelPersist.LoadReport();
ModelPersist.loads_full(withInfo, null, infoReport);
assert(infoReport.get_model_info().get_program() === 'test-compress.js', 'info saved with the compressed model');

// A bundle, copied and mapped.
const dir = GLib.dir_make_tmp('mp-gjs-compress-XXXXXX');
const path = GLib.build_filenamev([dir, 'knn.json']);
options.compress = 19;
assert(ModelPersist.dump_full(knn, path, options, null, null), 'dump_full');
assert(bundleDocument(path).format_version === '1.3', 'the bundle says 1.3');
loaded = ModelPersist.load(path);
assert(sameArray(loaded.predict(X), expected), 'same predictions (bundle)');
const mapped = ModelPersist.load_full(path, new ModelPersist.LoadOptions({map_payload: true}), null);
assert(sameArray(mapped.predict(X), expected), 'same predictions (mapped bundle)');

// A GFile, and a stream.
const file = Gio.File.new_for_path(GLib.build_filenamev([dir, 'file.json']));
assert(ModelPersist.dump_file_full(knn, file, options, null, null), 'dump_file_full');
loaded = ModelPersist.load_file_full(file, null, null, null);
assert(sameArray(loaded.predict(X), expected), 'same predictions (GFile)');
const out = Gio.MemoryOutputStream.new_resizable();
assert(ModelPersist.dump_to_stream_full(knn, out, options, null, null), 'dump_to_stream_full');
out.close(null);
const streamed = out.steal_as_bytes();
assert(sameBytes(streamed, ModelPersist.dumps_full(knn, options, null)), 'the stream is the bytes');
loaded = ModelPersist.load_from_stream_full(Gio.MemoryInputStream.new_from_bytes(streamed), null, null, null);
assert(sameArray(loaded.predict(X), expected), 'same predictions (stream)');

// Asynchronously.
const loop = GLib.MainLoop.new(null, false);
const asyncFile = Gio.File.new_for_path(GLib.build_filenamev([dir, 'async.json']));
let finished = null;
ModelPersist.dump_file_full_async(knn, asyncFile, options, null, null, (source, result) => {
    try {
        finished = ModelPersist.dump_file_finish(result);
    } catch (e) {
        finished = e;
    }
    loop.quit();
});
loop.run();
assert(finished === true, `dump_file_full_async finished: ${finished}`);
assert(bundleDocument(asyncFile.get_path()).format_version === '1.3', 'the async bundle says 1.3');
assert(sameArray(ModelPersist.load_file(asyncFile).predict(X), expected), 'same predictions (async)');

// Clean up.
const folder = Gio.File.new_for_path(dir);
const children = folder.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
let child;
while ((child = children.next_file(null)) !== null)
    folder.get_child(child.get_name()).delete(null);
folder.delete(null);
print('ok');
