#!/usr/bin/python3
# import_bench.py: ModelPersist.import_pickle() (the C importer, which runs
# nothing) against pickle.load / joblib.load (which run the file) on the
# same files: time and the peak memory the step adds, each in a fresh
# child process, the sides alternated, the disk synced before each step.
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/import_bench.py --repeat 3
#
# Models: a 200-tree RandomForestClassifier on 50,000 x 20 (about 1 M
# nodes), an SVC on a 10,000 x 50 problem (7,365 support vectors),
# and a StandardScaler + LogisticRegression pipeline on iris (a small model
# a server or GUI may load often). Files: pickle protocol 5 and joblib.dump
# (uncompressed and compress=3). Medians; ratio = ours / theirs.
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

CHILD = r'''
import os, pickle, sys, time
kind, path = sys.argv[1], sys.argv[2]
if kind == 'ours':
    import gi
    gi.require_version('ModelPersist', '1.0')
    from gi.repository import ModelPersist
import joblib
if kind == 'theirs':
    # imported before the clock starts: the comparison is of reading the
    # file, not of importing scikit-learn (which unpickling would do)
    import sklearn.ensemble, sklearn.linear_model, sklearn.pipeline, sklearn.preprocessing, sklearn.svm
def status_kb(field):
    for line in open('/proc/self/status'):
        if line.startswith(field + ':'):
            return int(line.split()[1])
# the peak from here on: writing 5 to clear_refs resets VmHWM to VmRSS
with open('/proc/self/clear_refs', 'w') as f:
    f.write('5')
before = status_kb('VmRSS')
start = time.perf_counter()
if kind == 'ours':
    model = ModelPersist.import_pickle(path)
elif path.endswith('.pkl'):
    with open(path, 'rb') as f:
        model = pickle.load(f)
else:
    model = joblib.load(path)
elapsed = time.perf_counter() - start
print(elapsed, (status_kb('VmHWM') - before) / 1024)
'''


def make_models():
    import numpy as np
    from sklearn.datasets import load_iris, make_classification
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    X, y = make_classification(n_samples=50_000, n_features=20, random_state=0)
    forest = RandomForestClassifier(n_estimators=200, random_state=0, n_jobs=2).fit(X, y)
    X2, y2 = make_classification(n_samples=10_000, n_features=50, flip_y=0.3, random_state=0)
    svc = SVC(random_state=0).fit(X2, y2)
    Xi, yi = load_iris(return_X_y=True)
    small = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(Xi, yi)
    nodes = sum(t.tree_.node_count for t in forest.estimators_)
    return [('forest (%.1f M nodes)' % (nodes / 1e6), forest),
            ('svc (%d SVs)' % svc.support_vectors_.shape[0], svc),
            ('scaler+logistic on iris', small)]


def run(kind, path):
    os.sync()
    out = subprocess.run([sys.executable, '-c', CHILD, kind, path], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    import joblib
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, est in make_models():
            files = {'pickle': os.path.join(tmp, 'm.pkl'),
                     'joblib': os.path.join(tmp, 'm.joblib'),
                     'joblib compress=3': os.path.join(tmp, 'm3.joblib')}
            with open(files['pickle'], 'wb') as f:
                pickle.dump(est, f, protocol=5)
            joblib.dump(est, files['joblib'])
            joblib.dump(est, files['joblib compress=3'], compress=3)
            for container, path in files.items():
                ours, theirs = [], []
                for i in range(args.repeat):
                    order = [('ours', ours), ('theirs', theirs)]
                    for kind, sink in (order if i % 2 == 0 else order[::-1]):
                        sink.append(run(kind, path))
                t_ours = statistics.median(t for t, _ in ours)
                t_theirs = statistics.median(t for t, _ in theirs)
                m_ours = statistics.median(m for _, m in ours)
                m_theirs = statistics.median(m for _, m in theirs)
                rows.append((name, container, os.path.getsize(path) / 2**20, t_ours, t_theirs,
                             m_ours, m_theirs))
    print('| model | file | MiB | import | pickle/joblib load | ratio | memory added, ours | theirs |')
    print('|---|---|---|---|---|---|---|---|')
    for name, container, size, t_o, t_t, m_o, m_t in rows:
        print('| %s | %s | %.1f | %.1f ms | %.1f ms | %.2f | %.0f MiB | %.0f MiB |'
              % (name, container, size, t_o * 1e3, t_t * 1e3, t_o / t_t, m_o, m_t))


if __name__ == '__main__':
    main()
