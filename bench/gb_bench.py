#!/usr/bin/python3
# gb_bench.py: time ModelPersist's GradientBoostingClassifier and
# GradientBoostingRegressor against scikit-learn's on one moderate
# synthetic problem each: fit, predict on 100,000 rows, predict one row at
# a time, and saving and loading (ModelPersist's bytes and bundle files
# against pickle and joblib). Each side runs in its own child process;
# every step is repeated and the table gives the medians and the ratio
# ours / scikit-learn (below 1 is faster). The script also checks that
# both sides fit the same model (the same predictions, to the bit). Run on
# demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/gb_bench.py --repeat 3
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import statistics
import subprocess
import sys
import time

PARAMS = {"n_estimators": 100, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.8, "random_state": 0}
SINGLE_ROWS = 200


def problem(kind, n_samples):
    from sklearn.datasets import make_classification, make_regression
    if kind == "classifier":
        return make_classification(n_samples=n_samples, n_features=20, n_informative=10, n_classes=3,
                                   random_state=0)
    return make_regression(n_samples=n_samples, n_features=20, n_informative=10, noise=10.0, random_state=0)


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def child(side, kind, n_train, n_predict, repeat, tmpdir):
    import os
    import numpy as np
    X, y = problem(kind, n_train)
    X_big, _ = problem(kind, n_predict)
    name = "GradientBoostingClassifier" if kind == "classifier" else "GradientBoostingRegressor"
    out = {}
    if side == "sklearn":
        import pickle
        import joblib
        from sklearn import ensemble
        make = lambda: getattr(ensemble, name)(**PARAMS)
    else:
        import gi
        gi.require_version("ModelPersist", "1.0")
        from gi.repository import ModelPersist
        make = lambda: getattr(ModelPersist, name)(**PARAMS)
    out["fit"], model = timed(lambda: make().fit(X, y), repeat)
    out["predict 100,000 rows"], predicted = timed(lambda: model.predict(X_big), repeat)
    rows = [X_big[i:i + 1] for i in range(SINGLE_ROWS)]
    out["predict one row (per call)"] = timed(lambda: [model.predict(r) for r in rows], repeat)[0] / SINGLE_ROWS
    path = os.path.join(tmpdir, side)
    if side == "sklearn":
        out["dumps (bytes)"], data = timed(lambda: pickle.dumps(model, protocol=5), repeat)
        out["loads (bytes)"], _ = timed(lambda: pickle.loads(data), repeat)
        out["dump (file)"], _ = timed(lambda: joblib.dump(model, path + ".joblib"), repeat)
        out["load (file)"], _ = timed(lambda: joblib.load(path + ".joblib"), repeat)
    else:
        out["dumps (bytes)"], data = timed(lambda: ModelPersist.dumps(model), repeat)
        out["loads (bytes)"], _ = timed(lambda: ModelPersist.loads(data), repeat)
        out["dump (file)"], _ = timed(lambda: ModelPersist.dump(model, path + ".json"), repeat)
        out["load (file)"], _ = timed(lambda: ModelPersist.load(path + ".json"), repeat)
    out["size (bytes)"] = len(data)
    out["checksum"] = float(np.asarray(predicted, dtype=np.float64).sum())
    print(json.dumps(out))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--n-train", type=int, default=10000)
    parser.add_argument("--n-predict", type=int, default=100000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        side, kind, tmpdir = args.child
        child(side, kind, args.n_train, args.n_predict, args.repeat, tmpdir)
        return

    import tempfile
    with tempfile.TemporaryDirectory() as tmpdir:
        for kind in ("classifier", "regressor"):
            results = {}
            for side in ("ours", "sklearn"):
                output = subprocess.run([sys.executable, __file__, "--repeat", str(args.repeat),
                                         "--n-train", str(args.n_train), "--n-predict", str(args.n_predict),
                                         "--child", side, kind, tmpdir],
                                        check=True, capture_output=True, text=True).stdout
                results[side] = json.loads(output.strip().splitlines()[-1])
            same = results["ours"]["checksum"] == results["sklearn"]["checksum"]
            print("\nGradientBoosting%s%s, %d training rows, %s; same predictions: %s"
                  % (kind[0].upper(), kind[1:], args.n_train, PARAMS, same))
            print("| step | ours | scikit-learn (pickle/joblib) | ratio |")
            print("|---|---|---|---|")
            for step, ours in results["ours"].items():
                if step == "checksum":
                    continue
                theirs = results["sklearn"][step]
                if step.startswith("size"):
                    print("| %s | %d | %d | %.2f |" % (step, ours, theirs, ours / theirs))
                else:
                    print("| %s | %.3f ms | %.3f ms | %.2f |" % (step, ours * 1e3, theirs * 1e3, ours / theirs))


if __name__ == "__main__":
    main()
