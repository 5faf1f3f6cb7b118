#!/usr/bin/python3
# linear_bench.py: time fit and predict of ModelPersist's linear regressors
# against scikit-learn's on one 100,000 x 50 regression problem. Every
# measurement runs in a fresh child process (no warm caches, no state left
# by another measurement), the measurements are interleaved, repeated, and
# the table gives the median of each and the ratio ours / scikit-learn
# (below 1 is faster). Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/linear_bench.py --repeat 5
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import statistics
import subprocess
import sys
import time

MODELS = {
    "LinearRegression": {},
    "Ridge": {"alpha": 1.0},
    "Lasso": {"alpha": 1.0},
    "ElasticNet": {"alpha": 0.1, "l1_ratio": 0.5},
}
SIDES = ("ours", "ours-mparray", "sklearn")
STEPS = ("fit", "predict")


def problem(n_samples, n_features):
    from sklearn.datasets import make_regression
    return make_regression(n_samples=n_samples, n_features=n_features, n_informative=30, noise=10.0,
                           random_state=0)


def child(side, model, step, n_samples, n_features):
    """One measurement: builds the problem and the estimator, then times
    one call of @step; prints JSON with the seconds and a checksum of the
    predictions (the sides must agree)."""
    import numpy as np
    X, y = problem(n_samples, n_features)
    if side == "sklearn":
        from sklearn import linear_model
        estimator = getattr(linear_model, model)(**MODELS[model])
        fit_args, predict_arg = (X, y), X
    else:
        import gi
        gi.require_version("ModelPersist", "1.0")
        from gi.repository import ModelPersist
        estimator = getattr(ModelPersist, model)(**MODELS[model])
        if side == "ours-mparray":
            # the numpy-to-MpArray copies done before timing: the library alone
            fit_args = (ModelPersist.as_array(X), ModelPersist.as_array(y))
            predict_arg = fit_args[0]
        else:
            fit_args, predict_arg = (X, y), X
    if step == "fit":
        start = time.perf_counter()
        estimator.fit(*fit_args)
        seconds = time.perf_counter() - start
        predicted = estimator.predict(predict_arg)
    else:
        estimator.fit(*fit_args)
        start = time.perf_counter()
        predicted = estimator.predict(predict_arg)
        seconds = time.perf_counter() - start
    predicted = np.asarray(predicted)
    print(json.dumps({"seconds": seconds, "checksum": float(np.sum(predicted)),
                      "first": float(predicted[0])}))


def main():
    parser = argparse.ArgumentParser(description="fit and predict times against scikit-learn")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=50)
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "MODEL", "STEP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.samples, args.features)
        return

    times = {}
    checks = {}
    for r in range(args.repeat):
        for model in MODELS:
            for step in STEPS:
                for side in SIDES:
                    out = subprocess.run([sys.executable, __file__, "--samples", str(args.samples),
                                          "--features", str(args.features), "--child", side, model, step],
                                         check=True, capture_output=True, text=True).stdout
                    result = json.loads(out.strip().splitlines()[-1])
                    times.setdefault((model, step, side), []).append(result["seconds"])
                    checks.setdefault(model, set()).add((result["checksum"], result["first"]))
        print("round %d of %d done" % (r + 1, args.repeat), file=sys.stderr)

    print("%d x %d, median of %d fresh processes each; ratio = ours / scikit-learn"
          % (args.samples, args.features, args.repeat))
    print()
    print("| model | step | ours | ours, MpArray in | scikit-learn | ratio | ratio, MpArray in |")
    print("|---|---|---|---|---|---|---|")
    for model in MODELS:
        for step in STEPS:
            m = {side: statistics.median(times[(model, step, side)]) for side in SIDES}
            print("| %s | %s | %.1f ms | %.1f ms | %.1f ms | %.2f | %.2f |"
                  % (model, step, m["ours"] * 1e3, m["ours-mparray"] * 1e3, m["sklearn"] * 1e3,
                     m["ours"] / m["sklearn"], m["ours-mparray"] / m["sklearn"]))
    print()
    for model, seen in checks.items():
        print("%s: predictions %s" % (model, "identical on every side" if len(seen) == 1
                                      else "DIFFER: %r" % sorted(seen)))


if __name__ == "__main__":
    main()
