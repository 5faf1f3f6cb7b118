// gjs_plain_arrays.js: what the plain-array conversions of
// bindings/gjs/modelpersist.js cost against the introspected methods.
//
//   meson devenv -C build gjs -m bench/gjs_plain_arrays.js SIDE ROWS REPEATS
//
// SIDE is 'raw' (ModelPersist.Array in and out, MP.callRaw) or 'plain'
// (nested arrays in, plain arrays out); prints the median microseconds of
// one StandardScaler.transform and one SVC.predict on ROWS x 4 rows. Run
// each side in a fresh process, alternating.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import System from 'system';
import ModelPersist from 'gi://ModelPersist?version=1.0';
ModelPersist.Array;
const MP = await import('resource:///org/gnome/ModelPersist/js/modelpersist.js');

const [side, rowsArg = '150', repeatsArg = '21'] = System.programArgs;
const nRows = Number(rowsArg), repeats = Number(repeatsArg);
const iris = MP.toNested(ModelPersist.load_iris().data);
const target = MP.toNested(ModelPersist.load_iris().target);
const rows = Array.from({length: nRows}, (_, i) => iris[i % 150].map(v => v + (i % 7) * 1e-3));
const mpRows = MP.asArray(rows, 'X');

const scaler = new ModelPersist.StandardScaler().fit(iris);
const svc = new ModelPersist.SVC().fit(iris, target);

function median(fn) {
    const times = [];
    for (let r = 0; r < repeats; r++) {
        const t0 = GLib.get_monotonic_time();
        fn();
        times.push(GLib.get_monotonic_time() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}

let transform, predict;
if (side === 'raw') {
    transform = median(() => MP.callRaw(scaler, 'transform', mpRows));
    predict = median(() => MP.callRaw(svc, 'predict', mpRows));
} else if (side === 'plain') {
    transform = median(() => scaler.transform(rows));
    predict = median(() => svc.predict(rows));
} else {
    throw new Error('usage: gjs -m gjs_plain_arrays.js raw|plain [ROWS] [REPEATS]');
}
print(`${side} rows=${nRows} transform_us=${transform} predict_us=${predict}`);
