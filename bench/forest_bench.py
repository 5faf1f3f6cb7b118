#!/usr/bin/python3
# forest_bench.py: a 500-tree RandomForestClassifier (or, with --model hgb, a
# 300-iteration HistGradientBoostingClassifier) trained on a 100,000 x 30
# problem, ModelPersist's against scikit-learn's (the same trees: both are
# fitted with the same seed and the prepare step checks that their
# probabilities are equal), measured for what issue 12 asks:
#
#   fit           both with n_jobs=2 (HistGradientBoosting: both on all cores)
#   dump / load   ours (bundle, single stream; copying + verifying, mapped
#                 without checksums) against joblib.dump/load (and
#                 mmap_mode='r') and pickle of scikit-learn's model: time,
#                 file size and the peak memory a load adds
#   predict       a batch of 100,000 rows, and one row at a time (as a GUI
#                 classifies what a user typed), both with n_jobs=2
#
# Every measurement runs in a fresh child process, the sides alternate, the
# disk is synced before each step, and the table gives medians and the ratio
# ours / theirs (below 1 is better). Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/forest_bench.py --repeat 3
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

N_TREES = 500
N_SAMPLES = 100_000
N_FEATURES = 30
SEED = 0


def status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def maxrss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def modelpersist():
    import gi
    gi.require_version("ModelPersist", "1.0")
    from gi.repository import ModelPersist
    return ModelPersist


def data(workdir):
    import numpy as np
    return np.load(os.path.join(workdir, "X.npy")), np.load(os.path.join(workdir, "y.npy"))


def files(workdir):
    return {
        "ours_json": os.path.join(workdir, "forest.json"),
        "ours_stream": os.path.join(workdir, "forest.mpstream"),
        "joblib": os.path.join(workdir, "forest.joblib"),
        "pickle": os.path.join(workdir, "forest.pickle"),
    }


def file_size(path):
    if path.endswith(".json"):
        # the bundle: the JSON and its sidecar
        d, base = os.path.split(path)
        return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)
                   if f == base or (f.startswith(base + ".") and f.endswith(".bin")))
    return os.path.getsize(path)


# ---------------------------------------------------------------------------
# Children: one measurement each

def new_model(side, n_trees):
    """The model of --model: a forest of @n_trees trees, or a
    300-iteration HistGradientBoostingClassifier."""
    if side == "ours":
        module = modelpersist()
    else:
        import sklearn.ensemble as module
    if ARGS.model == "hgb":
        return module.HistGradientBoostingClassifier(max_iter=300, early_stopping=False, random_state=SEED)
    return module.RandomForestClassifier(n_estimators=n_trees, n_jobs=2, random_state=SEED)


def prepare(workdir, n_trees):
    import joblib
    import numpy as np
    from sklearn.datasets import make_classification
    MP = modelpersist()
    X, y = make_classification(n_samples=N_SAMPLES, n_features=N_FEATURES, n_informative=10,
                               random_state=SEED)
    np.save(os.path.join(workdir, "X.npy"), X)
    np.save(os.path.join(workdir, "y.npy"), y)
    theirs = new_model("sklearn", n_trees).fit(X, y)
    ours = new_model("ours", n_trees).fit(X, y)
    sample = X[:2000]
    assert np.array_equal(ours.predict_proba(sample), theirs.predict_proba(sample)), "not the same forest"
    f = files(workdir)
    MP.dump(ours, f["ours_json"])
    with open(f["ours_stream"], "wb") as out:
        out.write(MP.dumps(ours))
    joblib.dump(theirs, f["joblib"])
    with open(f["pickle"], "wb") as out:
        pickle.dump(theirs, out, protocol=pickle.HIGHEST_PROTOCOL)
    counts = ours.tree_node_counts_ if hasattr(ours, "tree_node_counts_") else ours.node_counts_
    return {"nodes": int(counts.sum()),
            "sizes": {name: file_size(path) for name, path in f.items()}}


def load_model(side, f):
    if side == "ours":
        return modelpersist().load(f["ours_json"])
    import joblib
    return joblib.load(f["joblib"])


def measure(name, workdir):
    import numpy as np
    f = files(workdir)
    result = {}
    os.sync()

    if name.startswith("fit."):
        X, y = data(workdir)
        model = new_model(name.split(".")[1], ARGS.trees)
        start = time.perf_counter()
        model.fit(X, y)
        result["seconds"] = time.perf_counter() - start

    elif name.startswith("dump."):
        side = "ours" if name.startswith("dump.ours") else "sklearn"
        model = load_model(side, f)
        target = os.path.join(workdir, "again")
        os.sync()
        start = time.perf_counter()
        if name == "dump.ours":
            modelpersist().dump(model, target + ".json")
        elif name == "dump.ours-stream":
            blob = modelpersist().dumps(model)
        elif name == "dump.joblib":
            import joblib
            joblib.dump(model, target + ".joblib")
        elif name == "dump.pickle":
            blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        result["seconds"] = time.perf_counter() - start
        for leftover in os.listdir(workdir):
            if leftover.startswith("again"):
                os.unlink(os.path.join(workdir, leftover))

    elif name.startswith("load."):
        MP = modelpersist() if name.startswith("load.ours") else None
        if MP is not None:
            new_model("ours", 1)
        else:
            import joblib
            import sklearn.ensemble  # noqa: F401
        before_rss = maxrss_kb()
        start = time.perf_counter()
        if name == "load.ours":
            model = MP.load(f["ours_json"])
        elif name == "load.ours-map-noverify":
            model = MP.load(f["ours_json"], MP.LoadOptions(map_payload=True, verify_checksums=False))
        elif name == "load.ours-stream":
            with open(f["ours_stream"], "rb") as source:
                model = MP.loads(source.read())
        elif name == "load.joblib":
            model = joblib.load(f["joblib"])
        elif name == "load.joblib-mmap":
            model = joblib.load(f["joblib"], mmap_mode="r")
        elif name == "load.pickle":
            with open(f["pickle"], "rb") as source:
                model = pickle.load(source)
        result["seconds"] = time.perf_counter() - start
        result["peak_rss_increase_kb"] = maxrss_kb() - before_rss
        assert model is not None

    elif name.startswith("predict."):
        X, _ = data(workdir)
        side = name.split(".")[1]
        model = load_model(side, f)
        if ARGS.model == "forest":
            model.set_params(n_jobs=2)
        if name.endswith(".batch"):
            start = time.perf_counter()
            proba = model.predict_proba(X)
            result["seconds"] = time.perf_counter() - start
            result["checksum"] = float(np.sum(proba[:, 1]))
        else:
            times = []
            for i in range(200):
                row = X[i:i + 1]
                start = time.perf_counter()
                model.predict_proba(row)
                times.append(time.perf_counter() - start)
            result["seconds"] = statistics.median(times)
    else:
        raise SystemExit("unknown measurement " + name)
    return result


# ---------------------------------------------------------------------------
# Parent

MEASUREMENTS = [
    ("fit.ours", "fit.sklearn"),
    ("dump.ours", "dump.ours-stream", "dump.joblib", "dump.pickle"),
    ("load.ours", "load.ours-map-noverify", "load.ours-stream", "load.joblib", "load.joblib-mmap", "load.pickle"),
    ("predict.ours.batch", "predict.sklearn.batch"),
    ("predict.ours.row", "predict.sklearn.row"),
]


def run_child(args, what):
    command = [sys.executable, os.path.abspath(__file__), "--dir", args.dir, "--trees", str(args.trees),
               "--model", args.model, "--child", what]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("%s failed" % what)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    global ARGS
    parser = argparse.ArgumentParser(description="a 500-tree forest against scikit-learn")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fit-repeat", type=int, default=1)
    parser.add_argument("--trees", type=int, default=N_TREES)
    parser.add_argument("--model", choices=("forest", "hgb"), default="forest",
                        help="hgb: a 300-iteration HistGradientBoostingClassifier instead")
    parser.add_argument("--dir", default="/tmp/mp-forest-bench")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the models of an earlier run in --dir (and its fit times)")
    parser.add_argument("--only", help="comma-separated measurements (default: all)")
    parser.add_argument("--child")
    ARGS = args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    if args.child == "prepare":
        print(json.dumps(prepare(args.dir, args.trees)))
        return
    if args.child:
        print(json.dumps(measure(args.child, args.dir)))
        return

    info_path = os.path.join(args.dir, "info.json")
    if args.reuse and os.path.exists(info_path):
        with open(info_path) as f:
            info = json.load(f)
    else:
        info = run_child(args, "prepare")
        with open(info_path, "w") as f:
            json.dump(info, f)
    results = dict(info.get("results", {}))
    only = set(args.only.split(",")) if args.only else None
    for group in MEASUREMENTS:
        if only is not None:
            group = tuple(name for name in group if name in only)
            if not group:
                continue
        for name in group:
            results.pop(name, None)
        repeat = args.fit_repeat if group[0].startswith("fit") else args.repeat
        for r in range(repeat):
            order = group if r % 2 == 0 else tuple(reversed(group))
            for name in order:
                results.setdefault(name, []).append(run_child(args, name))
                sys.stderr.write("%s: %.4f s\n" % (name, results[name][-1]["seconds"]))

    info["results"] = results
    with open(info_path, "w") as f:
        json.dump(info, f)

    def median(name, key="seconds"):
        return statistics.median(r[key] for r in results[name])

    print("%s, %d nodes; files: %s" % ("%d trees" % args.trees if args.model == "forest" else "300 iterations",
                                        info["nodes"],
          ", ".join("%s %.1f MB" % (k, v / 1e6) for k, v in info["sizes"].items())))
    print("| step | ours | theirs | ours / theirs |")
    print("|---|---|---|---|")
    rows = [("fit, n_jobs=2", "fit.ours", "fit.sklearn"),
            ("dump to a file: bundle vs joblib.dump", "dump.ours", "dump.joblib"),
            ("dump to bytes: dumps vs pickle.dumps", "dump.ours-stream", "dump.pickle"),
            ("load: copy + verify vs joblib.load", "load.ours", "load.joblib"),
            ("load: mapped, unverified vs joblib mmap_mode='r'", "load.ours-map-noverify", "load.joblib-mmap"),
            ("loads of the stream vs pickle.load", "load.ours-stream", "load.pickle"),
            ("predict_proba, 100,000 rows", "predict.ours.batch", "predict.sklearn.batch"),
            ("predict_proba, one row", "predict.ours.row", "predict.sklearn.row")]
    for label, ours, theirs in rows:
        a, b = median(ours), median(theirs)
        print("| %s | %.4g s | %.4g s | %.3f |" % (label, a, b, a / b))
    print("| file size: bundle vs joblib | %.1f MB | %.1f MB | %.3f |"
          % (info["sizes"]["ours_json"] / 1e6, info["sizes"]["joblib"] / 1e6,
             info["sizes"]["ours_json"] / info["sizes"]["joblib"]))
    print("| file size: stream vs pickle | %.1f MB | %.1f MB | %.3f |"
          % (info["sizes"]["ours_stream"] / 1e6, info["sizes"]["pickle"] / 1e6,
             info["sizes"]["ours_stream"] / info["sizes"]["pickle"]))
    for name in ("load.ours", "load.ours-map-noverify", "load.ours-stream", "load.joblib",
                 "load.joblib-mmap", "load.pickle"):
        print("peak memory a load adds, %s: %.1f MB (median)" % (name, median(name, "peak_rss_increase_kb") / 1e3))
    per_100mb = median("load.ours-map-noverify") / (info["sizes"]["ours_json"] / 1e8)
    print("mapped unverified load: %.3f ms per 100 MB" % (per_100mb * 1e3))


if __name__ == "__main__":
    main()
