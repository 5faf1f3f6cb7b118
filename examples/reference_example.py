#!/usr/bin/python3
# reference_example.py: scikit-learn's model persistence example, in Python
# with libmodelpersist instead of pickle and joblib.
#
# Trains an SVC on iris, prints it, saves it to bytes and back, predicts the
# first sample, saves it to a file, loads that file in a separate process
# and checks that every prediction agrees, and saves and loads it through
# a file-like object (io.BytesIO). The same steps as reference-example.c
# and reference-example.js.
#
#   reference_example.py [DIR]          run the whole example, writing into
#                                       DIR (a new temporary directory if
#                                       none is given)
#   reference_example.py --predict F    load the model F and print a
#                                       prediction per iris sample (the
#                                       separate process)
#
# Against an uninstalled build: meson devenv -C build /usr/bin/python3 examples/reference_example.py
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import io
import os
import subprocess
import sys
import tempfile

import gi

gi.require_version('ModelPersist', '1.0')
from gi.repository import ModelPersist  # noqa: E402

REFERENCE = ("SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, "
             "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', "
             "max_iter=-1, probability=False, random_state=None, shrinking=True, "
             "tol=0.001, verbose=False)")


def predict_in_this_process(path):
    X, y = ModelPersist.load_iris(return_X_y=True)
    clf = ModelPersist.load(path)
    print(' '.join(str(label) for label in clf.predict(X).tolist()))
    return 0


def check(condition, what):
    if not condition:
        print('FAILED: %s' % what, file=sys.stderr)
    return condition


def run_example(directory):
    ok = True

    # >>> from sklearn import svm, datasets
    # >>> clf = svm.SVC(gamma='scale')
    # >>> X, y = datasets.load_iris(return_X_y=True)
    # >>> clf.fit(X, y)
    clf = ModelPersist.SVC(gamma='scale')
    X, y = ModelPersist.load_iris(return_X_y=True)
    clf.fit(X, y)
    print(clf)
    ok &= check(repr(clf) == REFERENCE, "the string form is the reference page's")

    # >>> s = pickle.dumps(clf); clf2 = pickle.loads(s)
    s = ModelPersist.dumps(clf)
    clf2 = ModelPersist.loads(s)
    print('dumps: %d bytes' % len(s))

    # >>> clf2.predict(X[0:1]) -> array([0]); y[0] -> 0
    predicted0 = clf2.predict(X[0:1])
    print('clf2.predict(X[0:1]) = %s' % predicted0)
    print('y[0] = %s' % y[0])
    ok &= check(predicted0.tolist() == [0], 'clf2.predict(X[0:1]) is [0]')
    ok &= check(y[0] == 0, 'y[0] is 0')

    # >>> dump(clf, 'filename.joblib'), then load it in another process.
    path = os.path.join(directory, 'iris-svc.json')
    ModelPersist.dump(clf, path)
    print('dump: %s' % path)

    child = subprocess.run([sys.executable, os.path.abspath(__file__), '--predict', path],
                           stdout=subprocess.PIPE, check=True, text=True)
    predicted_all = clf.predict(X)
    expected = ' '.join(str(label) for label in predicted_all.tolist())
    agree = child.stdout.strip() == expected
    ok &= check(agree and len(predicted_all) == 150,
                'the separate process predicts the same 150 labels')
    print('load in a new process: %s predictions agree' % ('all 150' if agree else 'NOT all'))

    # A file-like object: io.BytesIO.
    buffer = io.BytesIO()
    ModelPersist.dump(clf, buffer)
    buffer.seek(0)
    clf3 = ModelPersist.load(buffer)
    same = (clf3.predict(X) == predicted_all).all()
    ok &= check(same, 'a model read back from io.BytesIO predicts the same')
    print('io.BytesIO: %d bytes, predictions %s' % (len(buffer.getvalue()),
                                                      'agree' if same else 'DIFFER'))

    return 0 if ok else 1


def main(argv):
    if len(argv) == 3 and argv[1] == '--predict':
        return predict_in_this_process(argv[2])
    if len(argv) > 2:
        print('usage: %s [DIR] | --predict MODEL.json' % argv[0], file=sys.stderr)
        return 2
    if len(argv) == 2:
        return run_example(argv[1])
    with tempfile.TemporaryDirectory(prefix='modelpersist-example-') as directory:
        return run_example(directory)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
