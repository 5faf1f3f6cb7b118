#!/usr/bin/python3
# preprocessing_bench.py: time fit and transform of ModelPersist's
# preprocessing estimators against scikit-learn's on the same data, and a
# ColumnTransformer + LogisticRegression pipeline on a pandas DataFrame
# (fit, predict, and ModelPersist.dumps + loads of its conversion against
# pickle.dumps + pickle.loads of scikit-learn's). Every measurement runs in
# a fresh child process that builds the data and the estimator (and, for
# transform, fits it), warms both libraries up on the first 200 rows with
# another instance, then times one call; the measurements are
# interleaved, repeated, and the table gives the median of each and the
# ratio ours / scikit-learn (below 1 is faster). Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/preprocessing_bench.py --repeat 5
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import statistics
import subprocess
import sys
import time

# name: (data, ModelPersist class, scikit-learn module.class, hyperparameters,
#        extra hyperparameters for scikit-learn only)
CASES = {
    "StandardScaler": ("dense", "StandardScaler", "preprocessing.StandardScaler", {}, {}),
    "MinMaxScaler": ("dense", "MinMaxScaler", "preprocessing.MinMaxScaler", {}, {}),
    "MaxAbsScaler": ("dense", "MaxAbsScaler", "preprocessing.MaxAbsScaler", {}, {}),
    "RobustScaler": ("dense", "RobustScaler", "preprocessing.RobustScaler", {}, {}),
    "SimpleImputer(mean)": ("nan", "SimpleImputer", "impute.SimpleImputer", {"strategy": "mean"}, {}),
    "SimpleImputer(median)": ("nan", "SimpleImputer", "impute.SimpleImputer", {"strategy": "median"}, {}),
    "PCA(10, full)": ("dense", "PCA", "decomposition.PCA", {"n_components": 10, "svd_solver": "full"}, {}),
    # ModelPersist's encoder returns a dense matrix; scikit-learn's is asked
    # for the same (its default is a sparse matrix).
    "OneHotEncoder": ("text", "OneHotEncoder", "preprocessing.OneHotEncoder", {},
                      {"sparse_output": False}),
    "OrdinalEncoder": ("text", "OrdinalEncoder", "preprocessing.OrdinalEncoder", {}, {}),
    "Pipeline(ColumnTransformer, LogisticRegression)": ("table", None, None, {}, {}),
}
SIDES = ("ours", "ours-mparray", "sklearn")
NUMBERS = ["n%d" % i for i in range(5)]
TEXT = ["t%d" % i for i in range(3)]


def dense(n_samples, n_features):
    import numpy as np
    rng = np.random.default_rng(0)
    # columns of different scales and offsets, some outliers
    x = rng.standard_normal((n_samples, n_features)) * rng.uniform(0.1, 100, n_features) \
        + rng.uniform(-50, 50, n_features)
    x[rng.random((n_samples, n_features)) < 0.001] *= 50
    return x


def with_nan(n_samples, n_features):
    import numpy as np
    x = dense(n_samples, n_features)
    x[np.random.default_rng(1).random(x.shape) < 0.10] = np.nan
    return x


def categories(rng, n, k, prefix):
    import numpy as np
    # about k categories per column, not equally frequent
    names = np.array(["%s-%s" % (prefix, word) for word in
                      ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
                       "hotel", "india", "juliett", "kilo", "lima")[:k]], dtype=object)
    weights = rng.uniform(0.5, 2.0, k)
    return names[rng.choice(k, n, p=weights / weights.sum())]


def text(n_samples, n_columns):
    """An object array of str (what pandas holds), about 10 categories per column."""
    import numpy as np
    rng = np.random.default_rng(2)
    return np.stack([categories(rng, n_samples, 9 + j % 3, "c%d" % j) for j in range(n_columns)], axis=1)


def table(n_samples):
    """A DataFrame of 5 number columns and 3 text columns, and 0/1 labels."""
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(3)
    frame = {}
    for i, name in enumerate(NUMBERS):
        frame[name] = rng.normal(10 * i, 1 + 3 * i, n_samples)
    for j, name in enumerate(TEXT):
        frame[name] = categories(rng, n_samples, 9 + j % 3, name)
    df = pd.DataFrame(frame)
    score = sum((df[name] - 10 * i) / (1 + 3 * i) for i, name in enumerate(NUMBERS)) \
        + (df["t0"] == "t0-alpha") - (df["t1"] == "t1-bravo") + rng.normal(0, 1.0, n_samples)
    return df, (score > 0.3).to_numpy().astype(np.int64)


def pipeline(side):
    # scikit-learn's encoder is asked for a dense output: with its default
    # (sparse) this ColumnTransformer's output would be a sparse matrix
    # (density 8/35 < sparse_threshold 0.3), which ModelPersist's dense
    # ColumnTransformer cannot take over (from_sklearn refuses it).
    if side == "sklearn":
        import sklearn.compose
        import sklearn.linear_model
        import sklearn.pipeline
        import sklearn.preprocessing as skp
        return sklearn.pipeline.Pipeline([
            ("prep", sklearn.compose.ColumnTransformer([
                ("num", skp.StandardScaler(), NUMBERS),
                ("cat", skp.OneHotEncoder(handle_unknown="ignore", sparse_output=False), TEXT)])),
            ("clf", sklearn.linear_model.LogisticRegression())])
    from gi.repository import ModelPersist
    return ModelPersist.Pipeline(steps=[
        ("prep", ModelPersist.ColumnTransformer(transformers=[
            ("num", ModelPersist.StandardScaler(), NUMBERS),
            ("cat", ModelPersist.OneHotEncoder(handle_unknown="ignore"), TEXT)])),
        ("clf", ModelPersist.LogisticRegression())])


def summary(out):
    """A float checksum of an output (dense or sparse) to compare the sides."""
    import numpy as np
    if hasattr(out, "toarray"):
        out = out.toarray()
    out = np.asarray(out, dtype=np.float64)
    return float(np.nansum(out)), list(out.shape)


def child(side, case, step, n_samples, n_features, n_text):
    import warnings

    import numpy as np
    warnings.simplefilter("ignore")
    data, mp_name, sk_name, params, sk_extra = CASES[case]
    if side != "sklearn":
        import gi
        gi.require_version("ModelPersist", "1.0")
        from gi.repository import ModelPersist
    y = None
    if data == "dense":
        x = dense(n_samples, n_features)
    elif data == "nan":
        x = with_nan(n_samples, n_features)
    elif data == "text":
        x = text(n_samples, n_text)
    else:
        x, y = table(n_samples)

    info = {}
    head = x.iloc[:200] if data == "table" else x[:200]
    if step == "persist":
        import pickle
        # one warm-up round trip of a small model first (imports, GType
        # registration, first calls), then the timed one
        small = pipeline("sklearn").fit(head, y[:200])
        if side == "ours":
            ModelPersist.loads(ModelPersist.dumps(ModelPersist.sklearn.from_sklearn(small)))
        else:
            pickle.loads(pickle.dumps(small))
        fitted = pipeline("sklearn").fit(x, y)
        if side == "ours":
            model = ModelPersist.sklearn.from_sklearn(fitted)
            start = time.perf_counter()
            loaded = ModelPersist.loads(ModelPersist.dumps(model))
            seconds = time.perf_counter() - start
            info["bytes"] = len(bytes(ModelPersist.dumps(model)))
        else:
            start = time.perf_counter()
            data_bytes = pickle.dumps(fitted)
            loaded = pickle.loads(data_bytes)
            seconds = time.perf_counter() - start
            info["bytes"] = len(data_bytes)
        info["same_labels"] = bool(np.array_equal(loaded.predict(x), fitted.predict(x)))
        info["seconds"] = seconds
        print(json.dumps(info))
        return

    def make():
        if data == "table":
            return pipeline(side)
        if side == "sklearn":
            import importlib
            module, name = sk_name.split(".")
            return getattr(importlib.import_module("sklearn." + module), name)(**params, **sk_extra)
        return getattr(ModelPersist, mp_name)(**params)

    # A warm-up fit and transform of another instance on the first 200
    # rows, so that neither side's timed call pays for imports done on
    # first use, type registration or first calls into the library.
    warm = make()
    (warm.fit(head) if y is None else warm.fit(head, y[:200]))
    (warm.predict if data == "table" else warm.transform)(head)
    estimator = make()
    if side == "ours-mparray":
        # the numpy/pandas-to-MpArray copies done before timing: the library alone
        x = ModelPersist.as_array(x)
        y = ModelPersist.as_array(y) if y is not None else None
    apply = estimator.predict if data == "table" else estimator.transform
    fit_args = (x,) if y is None else (x, y)
    if step == "fit":
        start = time.perf_counter()
        estimator.fit(*fit_args)
        seconds = time.perf_counter() - start
        out = apply(x)
    else:
        estimator.fit(*fit_args)
        start = time.perf_counter()
        out = apply(x)
        seconds = time.perf_counter() - start
    info["checksum"], info["shape"] = summary(out)
    info["seconds"] = seconds
    print(json.dumps(info))


def main():
    parser = argparse.ArgumentParser(description="preprocessing fit and transform times against scikit-learn")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=50)
    parser.add_argument("--text-columns", type=int, default=5)
    parser.add_argument("--only", help="comma-separated case names")
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "CASE", "STEP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.samples, args.features, args.text_columns)
        return

    cases = [c for c in CASES if args.only is None or c in args.only.split(",")]
    runs = []
    for case in cases:
        steps = ("fit", "predict", "persist") if CASES[case][0] == "table" else ("fit", "transform")
        for step in steps:
            for side in (("ours", "sklearn") if step == "persist" else SIDES):
                runs.append((case, step, side))

    times = {}
    checks = {}
    extra = {}
    for r in range(args.repeat):
        for case, step, side in runs:
            out = subprocess.run([sys.executable, __file__, "--samples", str(args.samples),
                                  "--features", str(args.features), "--text-columns", str(args.text_columns),
                                  "--child", side, case, step],
                                 check=True, capture_output=True, text=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            times.setdefault((case, step, side), []).append(result.pop("seconds"))
            if "checksum" in result:
                checks.setdefault(case, {})[side] = (result["checksum"], tuple(result["shape"]))
            else:
                extra[side] = result
        print("round %d of %d done" % (r + 1, args.repeat), file=sys.stderr)

    print("%d x %d float64 (scalers, imputers, PCA), %d x %d text (encoders), %d-row DataFrame "
          "(pipeline); median of %d fresh processes each; ratio = ours / scikit-learn"
          % (args.samples, args.features, args.samples, args.text_columns, args.samples, args.repeat))
    print()
    print("| estimator | step | ours | ours, MpArray in | scikit-learn | ratio | ratio, MpArray in |")
    print("|---|---|---|---|---|---|---|")
    for case, step, side in runs:
        if side != "sklearn":
            continue
        m = {s: statistics.median(times[(case, step, s)]) for s in SIDES if (case, step, s) in times}
        if step == "persist":
            print("| %s | dumps+loads / pickle | %.2f ms | | %.2f ms | %.2f | |"
                  % (case, m["ours"] * 1e3, m["sklearn"] * 1e3, m["ours"] / m["sklearn"]))
        else:
            print("| %s | %s | %.1f ms | %.1f ms | %.1f ms | %.2f | %.2f |"
                  % (case, step, m["ours"] * 1e3, m["ours-mparray"] * 1e3, m["sklearn"] * 1e3,
                     m["ours"] / m["sklearn"], m["ours-mparray"] / m["sklearn"]))
    print()
    for case, seen in checks.items():
        sums = [v[0] for v in seen.values()]
        shapes = {v[1] for v in seen.values()}
        spread = (max(sums) - min(sums)) / max(1.0, max(abs(s) for s in sums))
        print("%s: output shapes %s, checksums agree to %.1e relative" % (case, sorted(shapes), spread))
    if extra:
        print("pipeline persistence: %s" % json.dumps(extra, sort_keys=True))


if __name__ == "__main__":
    main()
