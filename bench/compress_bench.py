#!/usr/bin/python3
# compress_bench.py: compressed saves, MpSaveOptions:compress (zstd, in
# chunks) against joblib.dump(compress=3) (zlib level 3), on the two models
# issue 14 names:
#
#   knn     the 1 GiB KNeighborsClassifier of knn_persist_bench.py
#           (8,000,000 x 16 standard normal float64: random mantissas, the
#           worst case for any codec)
#   forest  the 500-tree RandomForestClassifier of forest_bench.py
#           (100,000 x 30 make_classification, n_jobs=2, seed 0)
#
# For each: file size, save time (ours: mp_dump_full, a bundle, with its
# fsync calls; joblib: joblib.dump then one fsync, and without), load time
# and the memory a load adds (ours copying and verifying, and mapped, which
# maps the arrays that stayed uncompressed; joblib.load), at zstd levels 1
# and 3 and uncompressed. Every step runs in a fresh process, the sides
# alternate, the disk is synced before each step, loads read a file the
# page cache holds, and the tables give medians and ratios ours / joblib
# (below 1 is better). Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/compress_bench.py --repeat 3
#
# Options: --model knn|forest|all, --repeat N, --dir PATH (about 6 GiB for
# knn), --rows N (knn), --trees N (forest).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import time

SEED = 0


def modelpersist():
    import gi
    gi.require_version("ModelPersist", "1.0")
    from gi.repository import ModelPersist
    return ModelPersist


def maxrss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def read_file(path):
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def bundle_files(path):
    d, base = os.path.split(path)
    return [os.path.join(d, f) for f in os.listdir(d)
            if f == base or (f.startswith(base + ".") and f.endswith(".bin"))]


def size_of(path):
    if path.endswith(".json"):
        return sum(os.path.getsize(f) for f in bundle_files(path))
    return os.path.getsize(path)


def remove_bundle(path):
    if os.path.exists(path):
        for f in bundle_files(path):
            os.unlink(f)


def fsync_path(path):
    fd = os.open(path, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)


# ---------------------------------------------------------------------------
# The two models, made once by "prepare": ours saved uncompressed (the
# source every dump step loads), scikit-learn's pickled likewise.

def prepare(args):
    import numpy as np
    MP = modelpersist()
    d = args.dir
    if args.model == "knn":
        from sklearn.neighbors import KNeighborsClassifier
        rows, cols = args.rows, 16
        rng = np.random.default_rng(SEED)
        X = np.empty((rows, cols))
        for start in range(0, rows, 1 << 20):
            stop = min(rows, start + (1 << 20))
            X[start:stop] = rng.standard_normal((stop - start, cols))
        y = rng.integers(0, 10, size=rows, dtype=np.int64)
        ours = MP.KNeighborsClassifier(n_neighbors=5).fit(X, y)
        theirs = KNeighborsClassifier(n_neighbors=5, algorithm="brute").fit(X, y)
    else:
        from sklearn.datasets import make_classification
        from sklearn.ensemble import RandomForestClassifier
        X, y = make_classification(n_samples=100_000, n_features=30, n_informative=10,
                                   random_state=SEED)
        ours = MP.RandomForestClassifier(n_estimators=args.trees, n_jobs=2,
                                         random_state=SEED).fit(X, y)
        theirs = RandomForestClassifier(n_estimators=args.trees, n_jobs=2,
                                        random_state=SEED).fit(X, y)
        sample = X[:2000]
        assert np.array_equal(ours.predict_proba(sample), theirs.predict_proba(sample))
    MP.dump(ours, os.path.join(d, "source.json"))
    with open(os.path.join(d, "source.pickle"), "wb") as out:
        pickle.dump(theirs, out, protocol=5)
    return {"rows": int(X.shape[0])}


# ---------------------------------------------------------------------------
# One step per child

STEPS = [
    # name, what, side
    ("dump.ours-z3", "bundle, zstd 3 (fsync)", "ours"),
    ("dump.joblib-z3+fsync", "joblib.dump compress=3, then fsync", "joblib"),
    ("dump.joblib-z3", "joblib.dump compress=3 (no fsync)", "joblib"),
    ("dump.ours-z1", "bundle, zstd 1 (fsync)", "ours"),
    ("dump.ours", "bundle, uncompressed (fsync)", "ours"),
    ("dump.joblib", "joblib.dump, uncompressed, then fsync", "joblib"),
    ("load.ours-z3", "mp_load of the zstd 3 bundle: copy + verify", "ours"),
    ("load.joblib-z3", "joblib.load of the compress=3 file", "joblib"),
    ("load.ours-z3-map", "mp_load, map-payload: compressed arrays copied", "ours"),
    ("load.ours-z1", "mp_load of the zstd 1 bundle", "ours"),
    ("load.ours", "mp_load of the uncompressed bundle", "ours"),
    ("load.joblib", "joblib.load of the uncompressed file", "joblib"),
]


def target(args, step):
    level = step.split("-z")[1].split("+")[0].split("-")[0] if "-z" in step else "0"
    if ".ours" in step:
        return os.path.join(args.dir, "ours-z%s.json" % level), int(level)
    return os.path.join(args.dir, "theirs-z%s.joblib" % level), int(level)


def run_step(args, step):
    import gc
    result = {}
    path, level = target(args, step)
    if step.startswith("dump."):
        if ".ours" in step:
            MP = modelpersist()
            model = MP.load(os.path.join(args.dir, "source.json"))
            options = MP.SaveOptions(compress=level)
            remove_bundle(path)
            os.sync()
            start = time.perf_counter()
            MP.dump_full(model, path, options, None, None)
            result["seconds"] = time.perf_counter() - start
        else:
            import joblib
            with open(os.path.join(args.dir, "source.pickle"), "rb") as f:
                model = pickle.load(f)
            if os.path.exists(path):
                os.unlink(path)
            os.sync()
            start = time.perf_counter()
            joblib.dump(model, path, compress=level)
            if step.endswith("+fsync") or level == 0:
                fsync_path(path)
            result["seconds"] = time.perf_counter() - start
        result["bytes"] = size_of(path)
    else:
        if ".ours" in step:
            MP = modelpersist()
            for f in bundle_files(path):
                read_file(f)
            options = MP.LoadOptions()
            if step.endswith("-map"):
                options.set_map_payload(True)
            gc.collect()
            before = rss_kb()
            start = time.perf_counter()
            model = MP.load_full(path, options, None)
            result["seconds"] = time.perf_counter() - start
        else:
            import joblib
            # What unpickling would import, imported first: the step times
            # the load, not scikit-learn's start-up.
            import sklearn.ensemble  # noqa: F401
            import sklearn.neighbors  # noqa: F401
            read_file(path)
            gc.collect()
            before = rss_kb()
            start = time.perf_counter()
            model = joblib.load(path)
            result["seconds"] = time.perf_counter() - start
        result["peak_added_kb"] = maxrss_kb() - before
        result["rss_added_kb"] = rss_kb() - before
        del model
    return result


def child(args, what):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", what,
                          "--model", args.model, "--dir", args.dir, "--rows", str(args.rows),
                          "--trees", str(args.trees)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fmt_mib(kb):
    return "%.0f MiB" % (kb / 1024)


def report(args, results, info):
    def median(step, key="seconds"):
        return statistics.median(r[key] for r in results[step])

    print("### %s (%s, %d repeats, medians)\n" % (
        args.model, "8,000,000 x 16 float64" if args.model == "knn" else
        "%d trees on 100,000 x 30" % args.trees, args.repeat))
    print("| | ours | joblib | ours / joblib |")
    print("|---|---|---|---|")
    rows = [
        ("file size, zstd 3 vs compress=3", "dump.ours-z3", "dump.joblib-z3", "bytes"),
        ("file size, zstd 1 vs compress=3", "dump.ours-z1", "dump.joblib-z3", "bytes"),
        ("file size, uncompressed", "dump.ours", "dump.joblib", "bytes"),
        ("save, zstd 3 vs compress=3, both synced", "dump.ours-z3", "dump.joblib-z3+fsync", "seconds"),
        ("save, zstd 3 (synced) vs compress=3 (not synced)", "dump.ours-z3", "dump.joblib-z3", "seconds"),
        ("save, zstd 1 vs compress=3, both synced", "dump.ours-z1", "dump.joblib-z3+fsync", "seconds"),
        ("save, uncompressed, both synced", "dump.ours", "dump.joblib", "seconds"),
        ("load, zstd 3 vs compress=3", "load.ours-z3", "load.joblib-z3", "seconds"),
        ("load, zstd 3 mapped vs compress=3", "load.ours-z3-map", "load.joblib-z3", "seconds"),
        ("load, zstd 1 vs compress=3", "load.ours-z1", "load.joblib-z3", "seconds"),
        ("load, uncompressed", "load.ours", "load.joblib", "seconds"),
        ("memory a load adds (peak), zstd 3 vs compress=3", "load.ours-z3", "load.joblib-z3", "peak_added_kb"),
        ("memory a load adds (peak), uncompressed", "load.ours", "load.joblib", "peak_added_kb"),
    ]
    for label, ours, theirs, key in rows:
        a, b = median(ours, key), median(theirs, key)
        if key == "bytes":
            cells = ("%.1f MB" % (a / 1e6), "%.1f MB" % (b / 1e6))
        elif key == "seconds":
            cells = ("%.3f s" % a, "%.3f s" % b)
        else:
            cells = (fmt_mib(a), fmt_mib(b))
        print("| %s | %s | %s | %.2f |" % (label, cells[0], cells[1], a / b if b else float("nan")))
    print()
    print("Compression ratios (uncompressed / compressed): ours zstd 3 %.2f, zstd 1 %.2f; "
          "joblib compress=3 %.2f." % (
              median("dump.ours", "bytes") / median("dump.ours-z3", "bytes"),
              median("dump.ours", "bytes") / median("dump.ours-z1", "bytes"),
              median("dump.joblib", "bytes") / median("dump.joblib-z3", "bytes")))
    print()


def main():
    parser = argparse.ArgumentParser(description="compressed saves against joblib compress=3")
    parser.add_argument("--model", choices=("knn", "forest", "all"), default="all")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=8_000_000)
    parser.add_argument("--trees", type=int, default=500)
    parser.add_argument("--dir", default="/var/tmp/mp-compress-bench")
    parser.add_argument("--child")
    args = parser.parse_args()

    if args.model == "all":
        for model in ("forest", "knn"):
            subprocess.run([sys.executable, os.path.abspath(__file__), "--model", model,
                            "--repeat", str(args.repeat), "--rows", str(args.rows),
                            "--trees", str(args.trees), "--dir", args.dir], check=True)
        return

    if args.child is None:
        # The children are given this folder as it is.
        args.dir = os.path.join(args.dir, args.model)
    os.makedirs(args.dir, exist_ok=True)
    if args.child == "prepare":
        print(json.dumps(prepare(args)))
        return
    if args.child:
        print(json.dumps(run_step(args, args.child)))
        return

    info = child(args, "prepare")
    results = {step: [] for step, _, _ in STEPS}
    for r in range(args.repeat):
        # dumps first (the loads read their files), each round in the
        # other order, so that neither side always runs first
        for phase in ("dump.", "load."):
            steps = [s for s, _, _ in STEPS if s.startswith(phase)]
            if r % 2:
                steps.reverse()
            for step in steps:
                results[step].append(child(args, step))
    report(args, results, info)
    with open(os.path.join(args.dir, "results.json"), "w") as f:
        json.dump({"info": info, "results": results}, f)


if __name__ == "__main__":
    main()
