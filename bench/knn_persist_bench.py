#!/usr/bin/python3
# knn_persist_bench.py: saving and loading a KNeighborsClassifier that holds
# 1 GiB of float64 (8,000,000 x 16) with libmodelpersist, against
# joblib.dump/load and pickle.dumps/loads on scikit-learn's equal model.
#
# Run from the source tree after `meson setup build && ninja -C build`:
#
#   meson devenv -C build /usr/bin/python3 ../bench/knn_persist_bench.py
#
# Options: --rows N (default 8000000), --cols N (16), --repeat N (5),
# --dir PATH (where data and models go; default /var/tmp/mp-knn-bench; it
# needs about 6 GiB), --only NAME[,NAME...] (run some measurements only).
#
# Every measurement runs in a fresh child process (so that its peak
# resident set size belongs to it alone) and is repeated; the table gives
# the median. Loads run with a hot page cache: the parent reads every saved
# file just before the loads, and each child reads the file it loads once
# more before timing. Dumps write into the page cache too; only the
# "fsync" rows wait for the disk.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Every measurement: (name, description). The child implements each name.
MEASUREMENTS = [
    ("ours.dump", "mp_dump bundle (fsync, the default), into an empty directory"),
    ("ours.dump-replace", "mp_dump bundle replacing another 1 GiB model"),
    ("ours.dump-stream", "mp_dump_to_stream to a new file (no fsync)"),
    ("ours.dumps", "mp_dumps to GBytes"),
    ("ours.dumps-bytes", "ModelPersist.dumps to Python bytes"),
    ("limit.write+fsync", "limit: one write() of the bundle's bytes + fsync"),
    ("joblib.dump", "joblib.dump (no fsync)"),
    ("joblib.dump+fsync", "joblib.dump then fsync"),
    ("pickle.dumps", "pickle.dumps (protocol 5)"),
    ("ours.load", "mp_load bundle: copy + verify (default)"),
    ("ours.load-map", "mp_load bundle: map + verify"),
    ("ours.load-map-noverify", "mp_load bundle: map, no checksum"),
    ("ours.loads", "mp_loads from a GBytes: verify"),
    ("joblib.load", "joblib.load"),
    ("joblib.load-mmap", "joblib.load(mmap_mode='r')"),
    ("pickle.loads", "pickle.loads from bytes"),
]


def status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def read_file(path):
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


# ---------------------------------------------------------------------------
# Child side

def child(name, workdir):
    import resource

    import numpy as np

    import gi
    gi.require_version("ModelPersist", "1.0")
    from gi.repository import ModelPersist
    import gi.module
    raw = gi.module.get_introspection_module("ModelPersist")

    def maxrss_kb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    files = json.load(open(os.path.join(workdir, "files.json")))
    result = {}

    def fit_ours():
        X = np.load(os.path.join(workdir, "X.npy"))
        y = np.load(os.path.join(workdir, "y.npy"))
        return ModelPersist.KNeighborsClassifier(n_neighbors=5).fit(X, y)

    def fit_sklearn():
        from sklearn.neighbors import KNeighborsClassifier
        X = np.load(os.path.join(workdir, "X.npy"))
        y = np.load(os.path.join(workdir, "y.npy"))
        return KNeighborsClassifier(n_neighbors=5, algorithm="brute").fit(X, y)

    def timed(fn):
        start = time.perf_counter()
        value = fn()
        result["seconds"] = time.perf_counter() - start
        return value

    out_dir = os.path.join(workdir, "out")
    os.makedirs(out_dir, exist_ok=True)

    if name.startswith("ours.dump"):
        model = fit_ours()
        if name in ("ours.dump", "ours.dump-replace"):
            # As the write+fsync limit: no earlier file to free (unlinking
            # a 1 GiB file takes ext4 about 0.4 s), unless replacing one is
            # what is measured: then a model that differs in one
            # hyperparameter, so that the save writes a new sidecar and
            # deletes the old one.
            for old in os.listdir(out_dir):
                if old.startswith(("ours.json", ".ours.json")):
                    os.unlink(os.path.join(out_dir, old))
            if name == "ours.dump-replace":
                model.props.n_neighbors = 4
                ModelPersist.dump(model, os.path.join(out_dir, "ours.json"))
                model.props.n_neighbors = 5
                os.sync()
            timed(lambda: ModelPersist.dump(model, os.path.join(out_dir, "ours.json")))
        elif name == "ours.dump-stream":
            from gi.repository import Gio
            path = os.path.join(out_dir, "ours.mpk")
            if os.path.exists(path):
                os.unlink(path)

            def dump_stream():
                stream = Gio.File.new_for_path(path).create(Gio.FileCreateFlags.NONE, None)
                raw.dump_to_stream(model, stream)
                stream.close(None)
            timed(dump_stream)
        elif name == "ours.dumps-bytes":
            data = timed(lambda: ModelPersist.dumps(model))
            result["bytes"] = len(data)
        else:
            data = timed(lambda: raw.dumps(model))
            result["bytes"] = data.get_size()
    elif name == "limit.write+fsync":
        # What mp_dump cannot beat: the bundle's bytes, already in memory
        # (the fitted matrix is in memory before a dump), written with one
        # write() to a new file and synced.
        import numpy as np
        n_bytes = (os.path.getsize(files["ours_json"]) +
                   os.path.getsize(files["ours_sidecar"]))
        data = np.load(os.path.join(workdir, "X.npy")).view(np.uint8).ravel()
        extra = n_bytes - data.size
        if extra > 0:
            data = np.concatenate([data, np.zeros(extra, dtype=np.uint8)])
        data = data[:n_bytes]
        path = os.path.join(out_dir, "limit.bin")
        if os.path.exists(path):
            os.unlink(path)

        def write_sync():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            os.close(fd)
        timed(write_sync)
    elif name.startswith(("joblib.dump", "pickle.dumps")):
        import joblib
        import pickle
        model = fit_sklearn()
        path = os.path.join(out_dir, "sk.joblib")
        if name == "joblib.dump":
            timed(lambda: joblib.dump(model, path))
        elif name == "joblib.dump+fsync":
            def dump_sync():
                joblib.dump(model, path)
                fd = os.open(path, os.O_RDONLY)
                os.fsync(fd)
                os.close(fd)
            timed(dump_sync)
        else:
            data = timed(lambda: pickle.dumps(model, protocol=5))
            result["bytes"] = len(data)
    else:
        # Loads: the input is in the page cache (read once more here), and
        # the baseline is taken after imports and after reading any bytes
        # the call consumes.
        import joblib
        import pickle
        source = None
        if name == "ours.loads":
            # A GBytes read before timing, as pickle.loads gets its bytes:
            # Python bytes would first be copied into a GBytes by the
            # override (one extra pass over the data).
            from gi.repository import Gio
            source, _ = Gio.File.new_for_path(files["ours_stream"]).load_bytes(None)
        elif name.startswith("ours.load"):
            read_file(files["ours_sidecar"])
            read_file(files["ours_json"])
        elif name.startswith("joblib.load"):
            read_file(files["joblib"])
        elif name == "pickle.loads":
            source = open(files["pickle"], "rb").read()

        # What an application has done before it loads a model: imported
        # the classes (sklearn.neighbors for an unpickler; for
        # libmodelpersist, the estimator type's class initialisation).
        if name.startswith(("joblib", "pickle")):
            import sklearn.neighbors  # noqa: F401
        else:
            ModelPersist.KNeighborsClassifier()

        before_rss = maxrss_kb()
        before_anon = status_kb("RssAnon")

        if name == "ours.load":
            model = timed(lambda: ModelPersist.load(files["ours_json"]))
        elif name == "ours.load-map":
            options = ModelPersist.LoadOptions(map_payload=True)
            model = timed(lambda: ModelPersist.load(files["ours_json"], options))
        elif name == "ours.load-map-noverify":
            options = ModelPersist.LoadOptions(map_payload=True, verify_checksums=False)
            model = timed(lambda: ModelPersist.load(files["ours_json"], options))
            # Further loads in the same process: what an application that
            # loads several models pays per model.
            again = []
            for _ in range(20):
                start = time.perf_counter()
                ModelPersist.load(files["ours_json"], options)
                again.append(time.perf_counter() - start)
            result["seconds_warm"] = statistics.median(again)
        elif name == "ours.loads":
            model = timed(lambda: raw.loads(source))
        elif name == "joblib.load":
            model = timed(lambda: joblib.load(files["joblib"]))
        elif name == "joblib.load-mmap":
            model = timed(lambda: joblib.load(files["joblib"], mmap_mode="r"))
            again = []
            for _ in range(20):
                start = time.perf_counter()
                joblib.load(files["joblib"], mmap_mode="r")
                again.append(time.perf_counter() - start)
            result["seconds_warm"] = statistics.median(again)
        elif name == "pickle.loads":
            model = timed(lambda: pickle.loads(source))
        else:
            raise SystemExit("unknown measurement " + name)

        result["peak_rss_increase_kb"] = maxrss_kb() - before_rss
        result["anon_increase_kb"] = status_kb("RssAnon") - before_anon
        result["file_rss_kb"] = status_kb("RssFile")
        assert model is not None

    json.dump(result, sys.stdout)


# ---------------------------------------------------------------------------
# Parent side

def run_child(name, workdir):
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", name,
                           "--dir", workdir], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("%s failed" % name)
    return json.loads(proc.stdout)


PREPARE = r'''
import json, os, pickle, sys
import numpy as np
import gi
gi.require_version("ModelPersist", "1.0")
from gi.repository import ModelPersist
import joblib
from sklearn.neighbors import KNeighborsClassifier

workdir, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
xp, yp = os.path.join(workdir, "X.npy"), os.path.join(workdir, "y.npy")
if not (os.path.exists(xp) and np.load(xp, mmap_mode="r").shape == (rows, cols)):
    rng = np.random.default_rng(0)
    X = np.lib.format.open_memmap(xp, mode="w+", dtype=np.float64, shape=(rows, cols))
    for start in range(0, rows, 1 << 20):
        stop = min(rows, start + (1 << 20))
        X[start:stop] = rng.standard_normal((stop - start, cols))
    X.flush()
    del X
    np.save(yp, rng.integers(0, 10, size=rows, dtype=np.int64))

X, y = np.load(xp), np.load(yp)
files = {}
d = os.path.join(workdir, "saved")
os.makedirs(d, exist_ok=True)
ours = ModelPersist.KNeighborsClassifier(n_neighbors=5).fit(X, y)
files["ours_json"] = os.path.join(d, "ours.json")
ModelPersist.dump(ours, files["ours_json"])
doc = json.load(open(files["ours_json"]))
files["ours_sidecar"] = os.path.join(d, doc["payload"]["file"])
files["ours_stream"] = os.path.join(d, "ours.mpk")
with open(files["ours_stream"], "wb") as f:
    ModelPersist.dump(ours, f)
del ours
sk = KNeighborsClassifier(n_neighbors=5, algorithm="brute").fit(X, y)
files["joblib"] = os.path.join(d, "sk.joblib")
joblib.dump(sk, files["joblib"])
files["pickle"] = os.path.join(d, "sk.pickle")
with open(files["pickle"], "wb") as f:
    pickle.dump(sk, f, protocol=5)
json.dump(files, open(os.path.join(workdir, "files.json"), "w"))
'''


def fmt_seconds(s):
    if s is None:
        return "-"
    if s < 1e-3:
        return "%.3f ms" % (s * 1e3)
    if s < 1:
        return "%.1f ms" % (s * 1e3)
    return "%.2f s" % s


def fmt_mib(kb):
    return "-" if kb is None else "%.0f MiB" % (kb / 1024)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--dir", default="/var/tmp/mp-knn-bench")
    parser.add_argument("--rows", type=int, default=8_000_000)
    parser.add_argument("--cols", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only")
    args = parser.parse_args()

    if args.child:
        child(args.child, args.dir)
        return

    os.makedirs(args.dir, exist_ok=True)
    print("# preparing %d x %d float64 (%.2f GiB) in %s" %
          (args.rows, args.cols, args.rows * args.cols * 8 / 2**30, args.dir), flush=True)
    subprocess.run([sys.executable, "-c", PREPARE, args.dir, str(args.rows), str(args.cols)],
                   check=True)
    files = json.load(open(os.path.join(args.dir, "files.json")))
    sizes = {
        "ours bundle (json + sidecar)": os.path.getsize(files["ours_json"]) +
        os.path.getsize(files["ours_sidecar"]),
        "ours single stream": os.path.getsize(files["ours_stream"]),
        "joblib": os.path.getsize(files["joblib"]),
        "pickle": os.path.getsize(files["pickle"]),
    }

    wanted = [m for m, _ in MEASUREMENTS]
    if args.only:
        wanted = [m for m in wanted if m in args.only.split(",")]

    results = {}
    for round_index in range(args.repeat):
        # Interleave the measurements so that a change in machine load
        # affects every row alike, in the opposite order every other round;
        # the disk is synced before each one, so that no step pays for the
        # previous one's writes.
        for path in files.values():
            read_file(path)
        for name in (wanted if round_index % 2 == 0 else wanted[::-1]):
            os.sync()
            r = run_child(name, args.dir)
            results.setdefault(name, []).append(r)
            print("# %-24s %s" % (name, json.dumps(r)), flush=True)

    def median(name, key):
        values = [r[key] for r in results.get(name, []) if key in r]
        return statistics.median(values) if values else None

    print()
    print("machine: %s, %d cores, Python %s, load average %s" %
          (platform.platform(), os.cpu_count(), platform.python_version(),
           " ".join("%.1f" % x for x in os.getloadavg())))
    print("median of %d runs, each in a fresh process; hot page cache" % args.repeat)
    print()
    print("| measurement | median time | warm (in-process) | peak RSS increase | anonymous memory increase |")
    print("|---|---|---|---|---|")
    for name, description in MEASUREMENTS:
        if name not in results:
            continue
        print("| %s | %s | %s | %s | %s |" % (
            description, fmt_seconds(median(name, "seconds")),
            fmt_seconds(median(name, "seconds_warm")),
            fmt_mib(median(name, "peak_rss_increase_kb")),
            fmt_mib(median(name, "anon_increase_kb"))))

    print()
    print("| file | bytes | vs joblib |")
    print("|---|---|---|")
    for what, size in sizes.items():
        print("| %s | %d | %+.3f%% |" % (what, size, 100.0 * (size - sizes["joblib"]) / sizes["joblib"]))

    def ratio(theirs, ours):
        a, b = median(theirs, "seconds"), median(ours, "seconds")
        return "-" if a is None or b is None else "%.1fx" % (a / b)

    print()
    print("ratios (theirs / ours; above 1 means libmodelpersist is faster):")
    print("  dump:   joblib.dump / mp_dump (fsync)           %s (target >= 4)" % ratio("joblib.dump", "ours.dump"))
    print("          joblib.dump / mp_dump_to_stream (file)  %s" % ratio("joblib.dump", "ours.dump-stream"))
    print("          joblib.dump+fsync / mp_dump (fsync)     %s" % ratio("joblib.dump+fsync", "ours.dump"))
    print("          pickle.dumps / mp_dumps                 %s" % ratio("pickle.dumps", "ours.dumps"))
    print("          pickle.dumps / ModelPersist.dumps       %s" % ratio("pickle.dumps", "ours.dumps-bytes"))
    print("          write+fsync limit / mp_dump             %s (target >= 1/1.2 = 0.83)"
          % ratio("limit.write+fsync", "ours.dump"))
    print("          write+fsync limit / mp_dump (replacing) %s"
          % ratio("limit.write+fsync", "ours.dump-replace"))
    print("  load:   joblib.load / mp_load (copy + verify)   %s (target >= 10)" % ratio("joblib.load", "ours.load"))
    print("          joblib.load / mp_load (map + verify)    %s" % ratio("joblib.load", "ours.load-map"))
    print("          pickle.loads / mp_loads                 %s" % ratio("pickle.loads", "ours.loads"))
    print("          joblib mmap / mp_load (map, no verify)  %s" % ratio("joblib.load-mmap", "ours.load-map-noverify"))


if __name__ == "__main__":
    main()
