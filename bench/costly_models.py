#!/usr/bin/python3
# costly_models.py: writes small model files that were cheap to make and
# expensive to refuse or to use (issue 9, part 2), with every checksum
# valid, and measures what loading them and predicting with them costs.
#
#   /usr/bin/python3 bench/costly_models.py write DIR
#   /usr/bin/python3 bench/costly_models.py measure DIR BUILD [BUILD...] [--only NAME,...]
#
# "measure" runs bench/hostile-cost (compiled against each BUILD's
# libmodelpersist, see below) on every case in a fresh process, three
# times, under /usr/bin/time -v, and prints the median wall time and peak
# resident set size. BUILD is a meson build directory; the driver is
# compiled into DIR/hostile-cost-N with the system compiler. DIR takes
# about 300 MB; against a build without the issue 9 fixes a full run takes
# about 20 minutes and needs 3.5 GB of memory.
#
# Only the standard library is needed (checksums through libxxhash with
# ctypes, as tests/corpus/make-hostile.py does).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import ctypes
import json
import os
import statistics
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

_xxh = ctypes.CDLL("libxxhash.so.0")
_xxh.XXH3_64bits.restype = ctypes.c_uint64
_xxh.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]


def checksum(data):
    return "xxh3-64:%016x" % _xxh.XXH3_64bits(data, len(data))


PRODUCER = {"arch": "x86_64", "byte_order": "little", "glib_version": "2.74.6",
            "json_glib_version": "1.6.6", "library": "libmodelpersist",
            "library_version": "0.1.0", "os": "linux", "xxhash_version": "0.8.1"}


class Payload:
    def __init__(self):
        self.data = bytearray()

    def add(self, dtype, shape, raw):
        self.data += b"\0" * (-len(self.data) % 64)
        offset = len(self.data) if raw else 0
        self.data += raw
        return {"checksum": checksum(bytes(raw)), "dtype": dtype, "nbytes": len(raw),
                "offset": offset, "shape": list(shape)}


def write_bundle(directory, name, estimator, payload, producer_text=None, metadata_text=None):
    stem = name[:-len(".json")]
    sidecar = stem + ".bin"
    doc = {"estimator": estimator, "format": "libmodelpersist", "format_version": "1.0",
           "payload": {"file": sidecar, "nbytes": len(payload.data)},
           "producer": PRODUCER}
    if not payload.data:
        del doc["payload"]["file"]
    text = json.dumps(doc, sort_keys=True, indent=2)
    # Large members are spliced in as raw text: building them as Python
    # objects and dumping them would be slow.
    if producer_text is not None:
        text = text.replace('"producer": {', '"producer": {\n    ' + producer_text + ',', 1)
    if metadata_text is not None:
        text = text.replace('"format_version": "1.0",',
                            '"format_version": "1.0",\n  "metadata": ' + metadata_text + ',', 1)
    with open(os.path.join(directory, name), "w") as f:
        f.write(text + "\n")
    if payload.data:
        with open(os.path.join(directory, sidecar), "wb") as f:
            f.write(payload.data)


def dummy():
    p = Payload()
    est = {"fitted": True, "params": {"strategy": "prior"},
           "state": {"class_prior_": p.add("<f8", [2], struct.pack("<2d", 0.5, 0.5)),
                     "classes_": p.add("<i8", [2], struct.pack("<2q", 0, 1)),
                     "n_features_in_": 4},
           "type": "MpDummyClassifier"}
    return est, p


def knn(n_samples, n_features, n_classes, n_neighbors):
    p = Payload()
    fit_x = struct.pack("<%dd" % (n_samples * n_features),
                        *[float((i * 7919) % 1000) / 100.0 for i in range(n_samples * n_features)])
    y = struct.pack("<%di" % n_samples, *[i % min(n_classes, 3) for i in range(n_samples)])
    classes = struct.pack("<%dq" % n_classes, *range(n_classes))
    est = {"fitted": True,
           "params": {"algorithm": "brute", "n_neighbors": n_neighbors, "p": 2,
                      "weights": "uniform"},
           "state": {"_fit_X": p.add("<f8", [n_samples, n_features], fit_x),
                     "_y": p.add("<i4", [n_samples], y),
                     "classes_": p.add("<i8", [n_classes], classes),
                     "n_features_in_": n_features, "n_samples_fit_": n_samples},
           "type": "MpKNeighborsClassifier"}
    return est, p


def colliding_key(i):
    # "aB" and "b!" have the same g_str_hash (h * 33 + c); so have all
    # strings of n such blocks.
    return "".join("aB" if i >> b & 1 else "b!" for b in range(17))


def short_key(i):
    digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    s = ""
    while True:
        s = digits[i % 62] + s
        i //= 62
        if i == 0:
            return s


# name: (what it exercises, driver arguments after the file)
CASES = {
    "dummy-control.json": ("load a valid small model", ["load"]),
    "producer-list-16mb.json": ("8M zeros in a producer list (16 MB)", ["load"]),
    "producer-list-60mb.json": ("30M zeros in a producer list (60 MB)", ["load"]),
    "producer-keys-6m.json": ("6M keys in a producer object (60 MB)", ["load"]),
    "metadata-list-16mb.json": ("8M zeros in a metadata annotation list (16 MB)", ["load"]),
    "metadata-keys-6m.json": ("6M keys in metadata annotations (60 MB)", ["load"]),
    "metadata-list-2m.json": ("2,090,000 zeros in metadata annotations (4 MB), under the node bound",
                              ["load"]),
    "metadata-keys-2m.json": ("2,090,000 annotations (31 MB), under the node bound: a valid file",
                              ["load"]),
    "metadata-colliding-40k.json": ("40,000 annotation keys with one g_str_hash value (1.5 MB)",
                                    ["load"]),
    "knn-control.json": ("KNN 150 samples, 3 classes: predict_proba on 3000 rows", ["proba", "3000"]),
    # 3000 rows would need 24 GB before the fix: 300 rows show the trend.
    "knn-classes-1m.json": ("KNN 150 samples, 1M classes (8 MB): predict_proba on 300 rows",
                            ["proba", "300"]),
    "knn-k-60000.json": ("KNN 60000 samples, n_neighbors 60000 (2.2 MB): predict on 150 rows",
                         ["predict", "150"]),
    "knn-k-60000-proba.json": ("the same model: predict_proba on 150 rows", ["proba", "150"]),
    "knn-k-60000-rows.json": ("the same model: predict on 3000 rows", ["predict", "3000"]),
}


def write(directory):
    os.makedirs(directory, exist_ok=True)

    est, p = dummy()
    write_bundle(directory, "dummy-control.json", est, p)
    zeros_8m = "[" + ",".join(["0"] * (8 << 20)) + "]"
    write_bundle(directory, "producer-list-16mb.json", est, p, producer_text='"x": ' + zeros_8m)
    write_bundle(directory, "producer-list-60mb.json", est, p,
                 producer_text='"x": [' + ",".join(["0"] * (30 << 20)) + "]")
    write_bundle(directory, "producer-keys-6m.json", est, p,
                 producer_text='"x": {' + ",".join('"%s":0' % short_key(i)
                                                   for i in range(6000000)) + "}")
    # A place where the format has an open-ended object (metadata may gain
    # members in a newer minor version): only the node bound stops this
    # one before json-glib.
    write_bundle(directory, "metadata-list-16mb.json", est, p,
                 metadata_text='{"annotations": {"x": ' + zeros_8m + '}}')

    write_bundle(directory, "metadata-keys-6m.json", est, p,
                 metadata_text='{"annotations": {' + ",".join('"%s":0' % short_key(i)
                                                          for i in range(6000000)) + '}}')
    write_bundle(directory, "metadata-list-2m.json", est, p,
                 metadata_text='{"annotations": {"x": [' + ",".join(["0"] * 2090000) + ']}}')
    # Keys spread over g_str_hash values (a multiplicative permutation of
    # the counter), so that this one is a valid file the scan lets through.
    write_bundle(directory, "metadata-keys-2m.json", est, p,
                 metadata_text='{"annotations": {' + ",".join(
                     '"%08x":"v"' % (i * 2654435761 % (1 << 32)) for i in range(2090000)) + '}}')

    write_bundle(directory, "metadata-colliding-40k.json", est, p,
                 metadata_text='{"annotations": {' + ",".join('"%s":"v"' % colliding_key(i)
                                                          for i in range(40000)) + '}}')

    est, p = knn(150, 4, 3, 5)
    write_bundle(directory, "knn-control.json", est, p)
    est, p = knn(150, 4, 1000000, 5)
    write_bundle(directory, "knn-classes-1m.json", est, p)
    est, p = knn(60000, 4, 3, 60000)
    for name in ("knn-k-60000.json", "knn-k-60000-proba.json", "knn-k-60000-rows.json"):
        write_bundle(directory, name, est, p)


def compile_driver(directory, build, index):
    out = os.path.join(directory, "hostile-cost-%d" % index)
    build = os.path.abspath(build)
    info = json.load(open(os.path.join(build, "meson-info", "meson-info.json")))
    src = info["directories"]["source"]
    flags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "glib-2.0",
                                     "gobject-2.0", "gio-2.0"], text=True).split()
    includes = []
    for top in (os.path.join(build, "libmodelpersist"), os.path.join(src, "libmodelpersist")):
        includes += ["-I" + d for d, _, _ in os.walk(top) if not d.endswith(".p")]
    subprocess.check_call(["cc", "-O2", "-o", out, os.path.join(HERE, "hostile-cost.c")]
                          + includes +
                          ["-L" + os.path.join(build, "libmodelpersist"),
                           "-Wl,-rpath," + os.path.join(build, "libmodelpersist"),
                           "-lmodelpersist-1", "-lm"] + flags)
    return out


def run_once(driver, path, args):
    proc = subprocess.run(["/usr/bin/time", "-v", driver, args[0], path] + args[1:],
                          capture_output=True, text=True)
    wall = rss = None
    for line in proc.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            t = line.rsplit(" ", 1)[1]
            parts = [float(x) for x in t.split(":")]
            wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1])
    result = proc.stdout.strip().splitlines()
    return wall, rss, result[-1] if result else proc.stderr.strip().splitlines()[-1]


def measure(directory, builds, only=None):
    drivers = [compile_driver(directory, b, i) for i, b in enumerate(builds)]
    for name, (what, args) in CASES.items():
        if only and not any(o in name for o in only):
            continue
        path = os.path.join(directory, name)
        size = os.path.getsize(path)
        bin_path = path[:-5] + ".bin"
        if os.path.exists(bin_path):
            size += os.path.getsize(bin_path)
        print("## %s (%.1f MB): %s" % (name, size / 1e6, what))
        for build, driver in zip(builds, drivers):
            runs = [run_once(driver, path, args) for _ in range(3)]
            wall = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            print("  %-28s %7.2f s %9.1f MB  %s" % (build, wall, rss / 1024, runs[0][2][:150]))
        sys.stdout.flush()


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "write":
        write(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "measure":
        args = sys.argv[3:]
        only = None
        if "--only" in args:
            i = args.index("--only")
            only = args[i + 1].split(",")
            del args[i:i + 2]
        measure(sys.argv[2], args, only)
    else:
        sys.exit(__doc__ if __doc__ else "usage: costly_models.py write|measure DIR [BUILD...]")


if __name__ == "__main__":
    main()
