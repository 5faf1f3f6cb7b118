#!/usr/bin/python3
# make-pickle-seeds.py: seeds for fuzz-import-pickle, real files made by
# scikit-learn, pickle and joblib on this machine (never stored): every
# fixture of the importer's conformance tests (tests/python/
# sklearn_fixtures.py), pickled with protocols 0, 2, 4 and 5 and saved with
# joblib.dump, plain and zlib-compressed. Files over 256 kB are left out
# (slow to mutate; the small ones reach the same code).
#
#   /usr/bin/python3 fuzzing/make-pickle-seeds.py OUTDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import pickle
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'tests', 'python'))

import joblib  # noqa: E402
import sklearn_fixtures  # noqa: E402

MAX_SIZE = 256 * 1024


def main():
    out = os.path.join(sys.argv[1], 'import-pickle')
    os.makedirs(out, exist_ok=True)
    written = 0
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in sklearn_fixtures.fixtures():
            est = fixture.make()
            files = {'p%d' % p: pickle.dumps(est, protocol=p) for p in (0, 2, 4, 5)}
            for compress in (0, ('zlib', 3)):
                path = os.path.join(tmp, 'model')
                joblib.dump(est, path, compress=compress)
                with open(path, 'rb') as f:
                    files['joblib' if not compress else 'joblib-zlib'] = f.read()
            for kind, data in files.items():
                if len(data) <= MAX_SIZE:
                    with open(os.path.join(out, '%s-%s' % (fixture.name, kind)), 'wb') as f:
                        f.write(data)
                    written += 1
    print('make-pickle-seeds: %d seeds in %s' % (written, out), file=sys.stderr)


if __name__ == '__main__':
    main()
