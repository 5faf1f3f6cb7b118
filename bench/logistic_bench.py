#!/usr/bin/python3
# logistic_bench.py: time ModelPersist.LogisticRegression against
# scikit-learn's LogisticRegression (lbfgs, default hyperparameters) on
# make_classification(10000, 20, random_state=0): fit and predict, and a
# StandardScaler + LogisticRegression pipeline's ModelPersist.dumps + loads
# against pickle.dumps + pickle.loads of scikit-learn's. Every measurement
# runs in a fresh child process (imports, data and any fit it needs happen
# before the timed call); the steps are interleaved over the rounds and
# the table gives the median. Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/logistic_bench.py --rounds 7
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import statistics
import subprocess
import sys
import time

STEPS = ["fit-ours", "fit-sklearn", "predict-ours", "predict-sklearn",
         "persist-ours", "persist-sklearn"]


def child(step):
    import pickle
    import warnings

    import gi
    import numpy as np

    gi.require_version("ModelPersist", "1.0")
    from gi.repository import ModelPersist
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    warnings.simplefilter("ignore")
    x, y = make_classification(n_samples=10_000, n_features=20, random_state=0)
    x = np.ascontiguousarray(x, dtype=np.float64)
    info = {}

    if step.startswith("persist"):
        pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())]).fit(x, y)
        if step == "persist-ours":
            model = ModelPersist.sklearn.from_sklearn(pipe)
            start = time.perf_counter()
            loaded = ModelPersist.loads(ModelPersist.dumps(model))
            elapsed = time.perf_counter() - start
        else:
            start = time.perf_counter()
            loaded = pickle.loads(pickle.dumps(pipe))
            elapsed = time.perf_counter() - start
        info["same_labels"] = bool(np.array_equal(loaded.predict(x), pipe.predict(x)))
    else:
        est = ModelPersist.LogisticRegression() if step.endswith("ours") else LogisticRegression()
        if step.startswith("fit"):
            start = time.perf_counter()
            est.fit(x, y)
            elapsed = time.perf_counter() - start
            info["n_iter"] = np.asarray(est.n_iter_).tolist()
        else:
            est.fit(x, y)
            start = time.perf_counter()
            est.predict(x)
            elapsed = time.perf_counter() - start
    info["seconds"] = elapsed
    print(json.dumps(info))


def main():
    parser = argparse.ArgumentParser(description="LogisticRegression against scikit-learn")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=STEPS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return

    times = {step: [] for step in STEPS}
    extra = {}
    for _ in range(args.rounds):
        for step in STEPS:
            out = subprocess.run([sys.executable, __file__, "--child", step], check=True,
                                 capture_output=True, text=True).stdout
            info = json.loads(out.strip().splitlines()[-1])
            times[step].append(info.pop("seconds"))
            extra[step] = info

    median = {step: statistics.median(values) for step, values in times.items()}
    print("make_classification(10000, 20, random_state=0), median of %d fresh processes" % args.rounds)
    print("| step | ours | scikit-learn | ratio |")
    print("|---|---|---|---|")
    for what, label in (("fit", "fit"), ("predict", "predict"),
                        ("persist", "pipeline dumps+loads (ours) / pickle.dumps+loads")):
        ours, theirs = median[what + "-ours"], median[what + "-sklearn"]
        print("| %s | %.2f ms | %.2f ms | %.2f |" % (label, ours * 1e3, theirs * 1e3, ours / theirs))
    print("n_iter_ ours %s, sklearn %s; same labels after loading: ours %s, pickle %s"
          % (extra["fit-ours"]["n_iter"], extra["fit-sklearn"]["n_iter"],
             extra["persist-ours"]["same_labels"], extra["persist-sklearn"]["same_labels"]))


if __name__ == "__main__":
    main()
