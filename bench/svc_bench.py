#!/usr/bin/python3
# svc_bench.py: time ModelPersist.SVC against scikit-learn's SVC, same data,
# same hyperparameters, same process. Run on demand (not a test):
#
#   meson devenv -C build /usr/bin/python3 ../bench/svc_bench.py
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import time

import gi
import numpy as np

gi.require_version("ModelPersist", "1.0")
from gi.repository import ModelPersist  # noqa: E402
from sklearn.datasets import load_iris, make_classification  # noqa: E402
from sklearn.svm import SVC  # noqa: E402


def to_mp(values):
    values = np.ascontiguousarray(values)
    if values.dtype.kind in "iub":
        return ModelPersist.Array.new_int64(values.astype(np.int64).ravel().tolist(), list(values.shape))
    return ModelPersist.Array.new_float64(values.astype(np.float64).ravel().tolist(), list(values.shape))


def best_of(repeats, func):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def bench(name, x, y, repeats):
    mp_x, mp_y = to_mp(x), to_mp(y)
    ours = ModelPersist.SVC()
    theirs = SVC()

    fit_ours = best_of(repeats, lambda: ours.fit(mp_x, mp_y))
    fit_theirs = best_of(repeats, lambda: theirs.fit(x, y))
    predict_ours = best_of(repeats, lambda: ours.predict(mp_x))
    predict_theirs = best_of(repeats, lambda: theirs.predict(x))

    same = np.array_equal(
        np.frombuffer(ours.props.support.get_bytes().get_data(), dtype=np.int32), theirs.support_
    )
    print(f"{name}: {x.shape[0]} x {x.shape[1]}, {len(theirs.support_)} support vectors, "
          f"same support: {same}")
    print(f"  fit      ours {fit_ours * 1e3:9.2f} ms  sklearn {fit_theirs * 1e3:9.2f} ms  "
          f"ratio {fit_ours / fit_theirs:.2f}")
    print(f"  predict  ours {predict_ours * 1e3:9.2f} ms  sklearn {predict_theirs * 1e3:9.2f} ms  "
          f"ratio {predict_ours / predict_theirs:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    x, y = load_iris(return_X_y=True)
    bench("iris", x, y, max(args.repeats, 20))

    x, y = make_classification(n_samples=10_000, n_features=20, random_state=0)
    bench("make_classification", x, y, args.repeats)


if __name__ == "__main__":
    main()
