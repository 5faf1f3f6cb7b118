#!/usr/bin/python3
"""What compress= costs and saves from Python: file size, save and load
time, and the peak memory a save and a load add, per zstd level, next to
joblib.dump(compress=3) (zlib) of the same model trained by scikit-learn.

  meson devenv -C build -w . /usr/bin/python3 bench/compress_python_bench.py [--repeat 5]

Every number is measured in a fresh process (the model is read from an
uncompressed file made once), the levels taken in alternating order from
one repeat to the next; medians are printed. The memory columns are the
growth of the process's peak RSS during the one call (VmHWM, reset just
before it through /proc/self/clear_refs), with the model already in memory
for a save.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r'''
import json, os, sys, time
from gi.repository import ModelPersist
import joblib
import sklearn.ensemble, sklearn.neighbors    # what unpickling imports, outside the timing
what, source, level, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def status(field):
    with open('/proc/self/status') as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(field + ':'))

def peak():
    # the peak RSS is reset to the current RSS (clear_refs 5), so the
    # difference after the call is what the call added at its highest
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')
    return status('VmRSS')
if what == 'save':
    model = ModelPersist.load(source)
    before = peak(); t = time.perf_counter()
    ModelPersist.dump(model, out, compress=level)
    elapsed = time.perf_counter() - t
    size = sum(os.path.getsize(os.path.join(os.path.dirname(out), f)) for f in os.listdir(os.path.dirname(out)))
elif what in ('load', 'load-mapped'):
    before = peak(); t = time.perf_counter()
    model = ModelPersist.load(out, mmap_mode='r' if what == 'load-mapped' else None)
    elapsed = time.perf_counter() - t
    size = 0
elif what == 'joblib-save':
    model = joblib.load(source)
    before = peak(); t = time.perf_counter()
    joblib.dump(model, out, compress=3)
    elapsed = time.perf_counter() - t
    size = os.path.getsize(out)
else:
    before = peak(); t = time.perf_counter()
    model = joblib.load(out)
    elapsed = time.perf_counter() - t
    size = 0
print(json.dumps({'seconds': elapsed, 'bytes': size, 'rss': status('VmHWM') - before}))
'''


def models():
    import numpy as np
    import sklearn.ensemble
    import sklearn.neighbors
    from sklearn.datasets import load_digits
    X, y = load_digits(return_X_y=True)
    big = np.tile(X, (50, 1))
    return {
        'knn-digits': sklearn.neighbors.KNeighborsClassifier(algorithm='brute').fit(X, y),
        'knn-digits-x50': sklearn.neighbors.KNeighborsClassifier(algorithm='brute').fit(big, np.tile(y, 50)),
        'forest-digits-300': sklearn.ensemble.RandomForestClassifier(n_estimators=300, random_state=0).fit(X, y),
    }


def child(what, source, level, out):
    done = subprocess.run([sys.executable, '-c', CHILD, what, source, str(level), out],
                          stdout=subprocess.PIPE, check=True, timeout=600)
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--repeat', type=int, default=5)
    parser.add_argument('--levels', default='0,1,3,19')
    args = parser.parse_args()
    levels = [int(v) for v in args.levels.split(',')]
    import joblib
    from gi.repository import ModelPersist

    work = tempfile.mkdtemp(prefix='mp-compress-bench-')
    rows = []
    for name, theirs in models().items():
        source = os.path.join(work, name + '.source.json')
        ModelPersist.dump(ModelPersist.sklearn.from_sklearn(theirs), source)
        joblib_source = os.path.join(work, name + '.source.joblib')
        joblib.dump(theirs, joblib_source)
        sides = ['mp%d' % level for level in levels] + ['joblib3']
        results = {side: {'save': [], 'load': [], 'load-mapped': [], 'bytes': [], 'save-rss': [],
                          'load-rss': [], 'mapped-rss': []} for side in sides}
        for r in range(args.repeat):
            for side in (sides if r % 2 == 0 else sides[::-1]):
                folder = tempfile.mkdtemp(dir=work)
                if side == 'joblib3':
                    out = os.path.join(folder, 'model.joblib')
                    saved = child('joblib-save', joblib_source, 3, out)
                    loaded = child('joblib-load', joblib_source, 3, out)
                    mapped = None
                else:
                    out = os.path.join(folder, 'model.json')
                    saved = child('save', source, int(side[2:]), out)
                    loaded = child('load', source, 0, out)
                    mapped = child('load-mapped', source, 0, out)
                entry = results[side]
                entry['save'].append(saved['seconds'])
                entry['bytes'].append(saved['bytes'])
                entry['save-rss'].append(saved['rss'])
                entry['load'].append(loaded['seconds'])
                entry['load-rss'].append(loaded['rss'])
                if mapped is not None:
                    entry['load-mapped'].append(mapped['seconds'])
                    entry['mapped-rss'].append(mapped['rss'])
                for f in os.listdir(folder):
                    os.unlink(os.path.join(folder, f))
                os.rmdir(folder)
        plain = statistics.median(results['mp0']['bytes']) if 'mp0' in results else None
        for side in sides:
            entry = results[side]
            med = {k: statistics.median(v) if v else None for k, v in entry.items()}
            rows.append((name, side, med, plain))

    print('| model | save | size on disk | ratio | save | load (copy) | load (mapped) | '
          'peak RSS added by the save | by the copying load | by the mapped load |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for name, side, med, plain in rows:
        label = 'joblib compress=3 (zlib)' if side == 'joblib3' else \
            ('compress=%s' % side[2:] if side != 'mp0' else 'uncompressed')
        mib = lambda v: '%.1f MiB' % (v / 2**20) if v is not None else 'n/a'
        ms = lambda v: '%.1f ms' % (v * 1e3) if v is not None else 'n/a'
        print('| %s | %s | %s | %.2f | %s | %s | %s | %s | %s | %s |' % (
            name, label, mib(med['bytes']), plain / med['bytes'], ms(med['save']), ms(med['load']),
            ms(med['load-mapped']), mib(med['save-rss']), mib(med['load-rss']), mib(med['mapped-rss'])))
    print('\n%d repeats, medians, each in a fresh process; %s' % (args.repeat, ' '.join(sys.argv)))


if __name__ == '__main__':
    main()
