#!/usr/bin/python3
# small_persist_bench.py: dumps and loads of the reference example's model
# (an SVC fitted on iris, about 6.4 kB saved) against pickle.dumps and
# pickle.loads of scikit-learn's SVC fitted on the same data, in one
# process; and the same two calls from C (bench/small_persist.c, compiled
# here against the build directory). Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/small_persist_bench.py
#
# Options: --rounds N (calls per measurement, default 2000), --repeat N
# (measurements per row, default 5; the table gives the median of their
# medians), --build DIR (default: the current directory).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("ModelPersist", "1.0")
from gi.repository import ModelPersist  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def median_call(func, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compile_driver(build, out):
    build = os.path.abspath(build)
    info = json.load(open(os.path.join(build, "meson-info", "meson-info.json")))
    src = info["directories"]["source"]
    flags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "glib-2.0",
                                     "gobject-2.0", "gio-2.0"], text=True).split()
    includes = []
    for top in (os.path.join(build, "libmodelpersist"), os.path.join(src, "libmodelpersist")):
        includes += ["-I" + d for d, _, _ in os.walk(top) if not d.endswith(".p")]
    subprocess.check_call(["cc", "-O2", "-o", out, os.path.join(HERE, "small_persist.c")]
                          + includes +
                          ["-L" + os.path.join(build, "libmodelpersist"),
                           "-Wl,-rpath," + os.path.join(build, "libmodelpersist"),
                           "-lmodelpersist-1", "-lm"] + flags)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--build", default=".")
    args = parser.parse_args()

    x, y = load_iris(return_X_y=True)
    ours = ModelPersist.SVC().fit(x, y)
    theirs = SVC().fit(x, y)
    ours_bytes = ModelPersist.dumps(ours)
    theirs_bytes = pickle.dumps(theirs)
    assert (ModelPersist.loads(ours_bytes).predict(x) == theirs.predict(x)).all()

    with tempfile.TemporaryDirectory() as tmp:
        driver = os.path.join(tmp, "small-persist")
        compile_driver(args.build, driver)

        rows = {k: [] for k in ("c.dumps", "c.loads", "py.dumps", "py.loads",
                                "pickle.dumps", "pickle.loads")}
        for _ in range(args.repeat):
            # Alternate the sides, so that a change of machine load
            # affects them alike.
            out = json.loads(subprocess.check_output([driver, str(args.rounds)], text=True))
            rows["c.dumps"].append(out["dumps_us"] * 1e-6)
            rows["c.loads"].append(out["loads_us"] * 1e-6)
            rows["pickle.dumps"].append(median_call(lambda: pickle.dumps(theirs), args.rounds))
            rows["py.dumps"].append(median_call(lambda: ModelPersist.dumps(ours), args.rounds))
            rows["pickle.loads"].append(median_call(lambda: pickle.loads(theirs_bytes), args.rounds))
            rows["py.loads"].append(median_call(lambda: ModelPersist.loads(ours_bytes), args.rounds))

    m = {k: statistics.median(v) for k, v in rows.items()}
    us = lambda s: "%.1f us" % (s * 1e6)  # noqa: E731
    print("machine: %s, %d cores, Python %s, load average %s" %
          (platform.platform(), os.cpu_count(), platform.python_version(),
           " ".join("%.1f" % v for v in os.getloadavg())))
    print("sizes: ours %d bytes, pickle %d bytes; median of %d calls, median of %d runs"
          % (len(ours_bytes), len(theirs_bytes), args.rounds, args.repeat))
    print()
    print("| in one process, median | ours from C | ours from Python | pickle | Python / pickle |")
    print("|---|---|---|---|---|")
    for what in ("dumps", "loads"):
        print("| %s | %s | %s | %s | %.2fx |" % (
            what, us(m["c." + what]), us(m["py." + what]), us(m["pickle." + what]),
            m["py." + what] / m["pickle." + what]))
    both = {side: m[side + ".dumps"] + m[side + ".loads"] for side in ("c", "py", "pickle")}
    print("| dumps + loads | %s | %s | %s | %.2fx |" % (
        us(both["c"]), us(both["py"]), us(both["pickle"]), both["py"] / both["pickle"]))


if __name__ == "__main__":
    sys.exit(main())
