#!/usr/bin/python3
# hgb_bench.py: time ModelPersist.HistGradientBoostingClassifier against
# scikit-learn's on make_classification(100000, 30, random_state=0),
# max_iter=300, early_stopping=False. Every step (a fit, a batch predict
# of the 100,000 rows, 1,000 one-row predicts) runs in a fresh process,
# three times, and the median is reported; ratio = ours / scikit-learn.
# Run on demand (not a test):
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/hgb_bench.py [--repeats 3] [--max-iter 300] [--threads N]
#
# --threads sets OMP_NUM_THREADS for every step: scikit-learn's OpenMP and
# ModelPersist both read it (without it both use every processor).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time

N_SAMPLES, N_FEATURES = 100000, 30


def data():
    from sklearn.datasets import make_classification
    return make_classification(n_samples=N_SAMPLES, n_features=N_FEATURES, n_informative=15,
                               random_state=0)


def step(side, what, directory, max_iter):
    """One measurement, in this (fresh) process; prints the seconds."""
    import numpy as np
    x, y = data()
    path = os.path.join(directory, side + '.model')
    if side == 'ours':
        import gi
        gi.require_version('ModelPersist', '1.0')
        from gi.repository import ModelPersist
    if what == 'fit':
        if side == 'ours':
            model = ModelPersist.HistGradientBoostingClassifier(max_iter=max_iter, early_stopping='false')
        else:
            from sklearn.ensemble import HistGradientBoostingClassifier
            model = HistGradientBoostingClassifier(max_iter=max_iter, early_stopping=False)
        start = time.perf_counter()
        model.fit(x, y)
        elapsed = time.perf_counter() - start
        with open(path, 'wb') as f:
            if side == 'ours':
                f.write(ModelPersist.dumps(model))
            else:
                pickle.dump(model, f)
        print(elapsed)
        return
    with open(path, 'rb') as f:
        model = ModelPersist.loads(f.read()) if side == 'ours' else pickle.load(f)
    if what == 'predict':
        start = time.perf_counter()
        proba = model.predict_proba(x)
        elapsed = time.perf_counter() - start
        np.save(os.path.join(directory, side + '-proba.npy'), np.asarray(proba))
    else:
        rows = [x[i:i + 1] for i in range(1000)]
        start = time.perf_counter()
        for row in rows:
            model.predict(row)
        elapsed = (time.perf_counter() - start) / len(rows)
    print(elapsed)


def run(side, what, directory, max_iter, threads):
    env = dict(os.environ)
    if threads:
        env['OMP_NUM_THREADS'] = str(threads)
    out = subprocess.run([sys.executable, os.path.abspath(__file__), '--step', side, what, directory,
                          '--max-iter', str(max_iter)], check=True, capture_output=True, text=True, env=env)
    return float(out.stdout.split()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--max-iter', type=int, default=300)
    parser.add_argument('--threads', type=int, default=0)
    parser.add_argument('--step', nargs=3, metavar=('SIDE', 'WHAT', 'DIR'))
    args = parser.parse_args()
    if args.step:
        step(*args.step, args.max_iter)
        return

    import numpy as np
    print(f'make_classification({N_SAMPLES}, {N_FEATURES}), max_iter={args.max_iter}, '
          f'early_stopping=False; median of {args.repeats} fresh processes, {os.cpu_count()} CPUs, '
          f'OMP_NUM_THREADS={args.threads or os.environ.get("OMP_NUM_THREADS", "unset")}; '
          f'load average {os.getloadavg()[0]:.1f}')
    with tempfile.TemporaryDirectory() as directory:
        results = {}
        for what in ('fit', 'predict', 'predict-one-row'):
            for side in ('ours', 'sklearn'):
                times = []
                for _ in range(args.repeats):
                    times.append(run(side, what, directory, args.max_iter, args.threads))
                results[side, what] = statistics.median(times)
        same = np.array_equal(np.load(os.path.join(directory, 'ours-proba.npy')),
                              np.load(os.path.join(directory, 'sklearn-proba.npy')))
    for what, unit, scale in (('fit', 's', 1), ('predict', 'ms', 1e3), ('predict-one-row', 'us', 1e6)):
        ours, theirs = results['ours', what], results['sklearn', what]
        print(f'  {what:16s} ours {ours * scale:10.2f} {unit}  sklearn {theirs * scale:10.2f} {unit}  '
              f'ratio {ours / theirs:.2f}')
    print(f'  predict_proba bit-identical: {same}')


if __name__ == '__main__':
    main()
