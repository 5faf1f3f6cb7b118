# test_cli.py: the `modelpersist` command as a shell user runs it: the
# chain train -> inspect -> verify -> predict -> convert, import from
# scikit-learn's own files, the exit statuses, hostile files, the
# progress bar on a terminal, and the installed copy.
#
# Predictions are compared with scikit-learn's on the same data, trained
# with the same hyperparameters; nothing is compared with stored numbers.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import pickle
import pty
import select
import shutil
import subprocess

import joblib
import numpy as np
import pytest
import sklearn.datasets
import sklearn.ensemble
import sklearn.linear_model
import sklearn.model_selection
import sklearn.neighbors
import sklearn.pipeline
import sklearn.preprocessing
import sklearn.svm
from gi.repository import ModelPersist

CLI = os.environ.get('MP_TEST_CLI')
pytestmark = pytest.mark.skipif(CLI is None, reason='MP_TEST_CLI is set by meson test')

OK, CHECK_FAILED, USAGE, REFUSED, IO, DATA = 0, 1, 2, 3, 4, 5


def run(*args, stdin=None, cwd=None, program=None):
    """(status, stdout, stderr) of one command, never on a terminal."""
    done = subprocess.run([program or CLI] + [str(a) for a in args], input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          cwd=cwd, timeout=300, universal_newlines=True)
    return done.returncode, done.stdout, done.stderr


def csv_of(rows):
    return ''.join(','.join(repr(float(v)) for v in row) + '\n' for row in rows)


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    """An SVC trained on iris by the command, as a bundle."""
    workdir = tmp_path_factory.mktemp('cli')
    path = workdir / 'iris-svc.json'
    status, out, err = run('train', '--dataset', 'iris', '--estimator', 'svc',
                           '--set', 'C=10', '--set', 'gamma=auto', '-o', path)
    assert status == OK, err
    assert out == ''
    assert 'SVC on iris (150 samples, 4 features): 5-fold accuracy' in err
    return path


def test_train_matches_scikit_learn(trained):
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    reference = sklearn.svm.SVC(C=10, gamma='auto').fit(X, y)
    rows = X[::7]
    status, out, err = run('predict', trained, '--input', '-', stdin=csv_of(rows))
    assert status == OK, err
    assert [int(line) for line in out.splitlines()] == reference.predict(rows).tolist()

    # The recorded scores are scikit-learn's cross_val_score on the same folds.
    info = json.loads(run('inspect', '--json', trained)[1])['metadata']
    expected = sklearn.model_selection.cross_val_score(
        sklearn.svm.SVC(C=10, gamma='auto'), X, y, cv=sklearn.model_selection.StratifiedKFold(5))
    np.testing.assert_allclose(info['cross_validation']['scores'], expected, rtol=0, atol=1e-12)
    assert info['cross_validation']['scoring'] == 'accuracy'
    assert info['source']['program'].startswith('modelpersist train --dataset iris')


def test_inspect_text_and_json(trained):
    status, out, err = run('inspect', trained)
    assert status == OK, err
    assert 'SVC\n' in out
    assert 'C=10 ' in out and 'gamma=auto' in out
    assert 'support_vectors_' in out and 'float64' in out
    assert 'library=libmodelpersist' in out
    assert 'cross-validation: StratifiedKFold(n_splits=5' in out

    report = json.loads(run('inspect', '--json', trained)[1])
    model = ModelPersist.load(str(trained))
    assert report['types'] == ['MpSVC'] and report['untrusted'] == []
    assert report['producer']['library'] == 'libmodelpersist'
    estimator = report['estimator']
    assert estimator['name'] == 'SVC' and estimator['fitted'] is True
    assert estimator['hyperparameters']['C'] == 10.0
    assert estimator['hyperparameters']['gamma'] == 'auto'
    vectors = estimator['arrays']['support_vectors_']
    assert vectors['dtype'] == 'float64'
    assert vectors['shape'] == list(model.support_vectors_.shape)
    assert vectors['nbytes'] == model.support_vectors_.nbytes


def test_verify_passes_and_notices_changes(trained, tmp_path):
    status, out, err = run('verify', trained)
    assert status == OK, err
    assert 'checksums and document verified' in out
    assert 'passed' in out and 'data: matches the recorded fingerprint' in out

    # The same data given as CSV, the target last.
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    table = tmp_path / 'iris.csv'
    table.write_text('a,b,c,d,species\n' + csv_of(np.column_stack([X, y])))
    status, out, err = run('verify', trained, '--data', table, '--target', 'species')
    assert status == OK, err + out

    # Other data: the fingerprint differs, so verification fails (status 1).
    table.write_text(csv_of(np.column_stack([X[::-1], y[::-1]])))
    status, out, err = run('verify', trained, '--data', table)
    assert status == CHECK_FAILED, out + err
    assert 'FAILED' in out and 'data: X: content differs' in out

    # A recorded score edited in the JSON: the re-run disagrees.
    document = json.loads(trained.read_text())
    record = document['metadata']['cross_validation']
    record['scores'][0] = 0.5
    record['mean'] = float(np.mean(record['scores']))
    record['std'] = float(np.std(record['scores']))
    edited = tmp_path / 'edited.json'
    edited.write_text(json.dumps(document))
    for sidecar in trained.parent.glob(trained.name + '.*.bin'):
        shutil.copy(sidecar, tmp_path / sidecar.name)  # the JSON names it
    status, out, err = run('verify', edited)
    assert status == CHECK_FAILED, out + err
    assert 'fold 0: recorded 0.5' in out


def test_convert_both_ways(trained, tmp_path):
    stream = tmp_path / 'model.mpstream'
    assert run('convert', trained, stream)[0] == OK
    assert stream.read_bytes()[:8] == b'\x89MPERSI\n'
    bundle = tmp_path / 'again.json'
    assert run('convert', stream, bundle)[0] == OK
    assert ModelPersist.load(str(bundle)).to_string() == ModelPersist.load(str(trained)).to_string()
    # The metadata travels with the model.
    info = json.loads(run('inspect', '--json', bundle)[1])['metadata']
    assert info['cross_validation'] == json.loads(run('inspect', '--json', trained)[1])['metadata']['cross_validation']
    # --format overrides the name; standard output takes a stream.
    status, out, err = run('convert', '--format', 'stream', trained, tmp_path / 'named.json')
    assert status == OK and (tmp_path / 'named.json').read_bytes()[:8] == b'\x89MPERSI\n'
    done = subprocess.run([CLI, 'convert', str(trained), '-'], stdout=subprocess.PIPE, timeout=60)
    assert done.returncode == OK and done.stdout == stream.read_bytes()
    status, _, err = run('convert', '--format', 'bundle', trained, '-')
    assert status == USAGE and 'cannot go to standard output' in err


def test_regressor_and_probabilities(tmp_path):
    path = tmp_path / 'iris.mpstream'
    status, _, err = run('train', '-d', 'iris', '-e', 'LogisticRegression', '--set', 'C=0.5', '-o', path)
    assert status == OK, err
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    status, out, err = run('predict', path, '--input', '-', '--proba', stdin=csv_of(X[::10]))
    assert status == OK, err
    got = np.array([[float(v) for v in line.split(',')] for line in out.splitlines()])
    # Printed so that each number reads back as the same double.
    assert got.tolist() == ModelPersist.load(str(path)).predict_proba(X[::10]).tolist()
    # lbfgs stops at its tolerance, so two implementations agree to about that.
    reference = sklearn.linear_model.LogisticRegression(C=0.5).fit(X, y)
    np.testing.assert_allclose(got, reference.predict_proba(X[::10]), rtol=0, atol=1e-4)

    # A regressor prints one number per row, and records r2.
    path = tmp_path / 'ridge.json'
    status, _, err = run('train', '-d', 'iris', '-e', 'Ridge', '--set', 'alpha=2', '-o', path)
    assert status == OK and '5-fold r2' in err, err
    status, out, _ = run('predict', path, '--input', '-', stdin=csv_of(X[:4]))
    reference = sklearn.linear_model.Ridge(alpha=2).fit(X, y)
    np.testing.assert_allclose([float(v) for v in out.split()], reference.predict(X[:4]), rtol=1e-12, atol=1e-12)


def test_import_from_scikit_learn(tmp_path):
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    pipeline = sklearn.pipeline.make_pipeline(sklearn.preprocessing.StandardScaler(),
                                              sklearn.linear_model.LogisticRegression()).fit(X, y)
    source = tmp_path / 'pipe.joblib'
    joblib.dump(pipeline, source, compress=3)
    status, _, err = run('import', source, tmp_path / 'pipe.json')
    assert status == OK, err
    assert 'Pipeline from scikit-learn' in err and 'joblib, zlib' in err
    status, out, err = run('predict', tmp_path / 'pipe.json', '--input', '-', stdin=csv_of(X))
    assert status == OK, err
    assert [int(v) for v in out.split()] == pipeline.predict(X).tolist()
    status, out, _ = run('inspect', tmp_path / 'pipe.json')
    assert 'standardscaler: StandardScaler' in out and 'imported_from.container: joblib' in out


class Payload:
    """What an attacker pickles: os.system on unpickling."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, ('touch %s' % self.marker,))


def test_hostile_files_are_refused(tmp_path):
    marker = tmp_path / 'PWNED'
    evil = tmp_path / 'model.pkl'
    evil.write_bytes(pickle.dumps(Payload(marker), protocol=4))
    for command in (['inspect', evil], ['predict', evil, '--input', '-'], ['verify', evil],
                    ['convert', evil, tmp_path / 'out.json']):
        status, out, err = run(*command, stdin='1,2,3,4\n')
        assert status == REFUSED, (command, err)
        assert err == ('modelpersist: %s: not a libmodelpersist model: this is a pickle or joblib file '
                       '(pickle protocol 4); import it with `modelpersist import %s OUT`, which reads it '
                       'without running it\n' % (evil, evil))
    status, _, err = run('import', evil, tmp_path / 'out.json')
    assert status == REFUSED
    assert err.startswith('modelpersist: %s: refused: offset ' % evil)
    assert 'posix.system, which this importer never builds' in err
    assert not marker.exists()
    assert not (tmp_path / 'out.json').exists()

    # Other formats say what they are.
    for name, data, looks_like in [
            ('a.skops', b'PK\x03\x04' + bytes(60), 'a zip archive'),
            ('a.gz', b'\x1f\x8b\x08' + bytes(60), 'a gzip file'),
            ('a.h5', b'\x89HDF\r\n\x1a\n' + bytes(60), 'an HDF5 file'),
            ('a.json', b'{"weights": [1, 2]}', 'refused: $.format: must be the string "libmodelpersist"')]:
        (tmp_path / name).write_bytes(data)
        status, _, err = run('inspect', tmp_path / name)
        assert status == REFUSED and looks_like in err, err

    # A damaged model: one byte of the sidecar changed.
    path = tmp_path / 'svc.json'
    assert run('train', '-d', 'iris', '-e', 'svc', '-o', path)[0] == OK
    sidecar = next(tmp_path.glob('svc.json.*.bin'))
    data = bytearray(sidecar.read_bytes())
    data[len(data) // 2] ^= 0xFF
    sidecar.write_bytes(bytes(data))
    status, _, err = run('verify', path)
    assert status == REFUSED, err
    assert 'hash to xxh3-64:' in err and 'the document says xxh3-64:' in err


def test_exit_statuses_for_usage_and_io(tmp_path):
    assert run()[0] == USAGE
    status, out, _ = run('--help')
    assert status == OK and 'Exit status:' in out and '3  the file was refused' in out
    assert run('--version')[1].startswith('modelpersist ')
    cases = [
        (['frob'], USAGE, 'no command "frob"'),
        (['train', '-d', 'iris', '-e', 'svm', '-o', 'x.json'], USAGE, 'no estimator is called "svm"'),
        (['train', '-d', 'mnist', '-e', 'svc', '-o', 'x.json'], USAGE, 'no data set is called "mnist"'),
        (['train', '-d', 'iris', '-e', 'svc', '--set', 'C=abc', '-o', 'x.json'], USAGE, '--set C=abc: not a valid number'),
        (['train', '-d', 'iris', '-e', 'svc', '--set', 'nonsense=1', '-o', 'x.json'], USAGE, 'nonsense'),
        (['train', '-d', 'iris', '-e', 'svc'], USAGE, '--output are required'),
        (['train', '--bogus'], USAGE, 'Unknown option --bogus'),
        (['inspect'], USAGE, 'give one model file'),
        (['inspect', tmp_path / 'missing.json'], IO, 'No such file or directory'),
        (['train', '-d', 'iris', '-e', 'svc', '-o', tmp_path / 'no' / 'dir' / 'x.json'], IO, 'x.json'),
        (['train', '-d', 'iris', '-e', 'svc', '--set', 'C=-1', '-o', tmp_path / 'x.json'], USAGE,
         'train: fold 0 of 5: C: must be a finite number > 0, got -1'),
    ]
    for args, expected, text in cases:
        status, _, err = run(*args, cwd=tmp_path)
        assert status == expected, (args, err)
        assert text in err, (args, err)
        assert err.startswith('modelpersist: ') or args == ['train', '--bogus']
    assert not (tmp_path / 'x.json').exists()

    model = tmp_path / 'ok.json'
    assert run('train', '-d', 'iris', '-e', 'svc', '-o', model)[0] == OK
    status, _, err = run('predict', model, '--input', '-', stdin='1,2,3\n')
    assert status == DATA, err
    status, _, err = run('predict', model, '--input', '-', stdin='1,2,3,4\n5,6\n')
    assert status == DATA and 'predict: standard input, line 2: 2 fields where the first row has 4' in err
    status, _, err = run('predict', model, '--input', '-', stdin='1,2,3,4\n1,2,x,4\n')
    assert status == DATA and 'predict: standard input, line 2, column 3: "x" is not a number' in err


def stream_document(data):
    """The JSON document of a single stream (docs/format.md, 5.2)."""
    length = int.from_bytes(data[16:24], 'little')
    return json.loads(data[64:64 + length])


def document_arrays(node, path='estimator'):
    """{JSON path: descriptor} of every array below @node."""
    found = {}
    if isinstance(node, dict):
        if 'dtype' in node and 'nbytes' in node:
            return {path: node}
        for key, value in node.items():
            found.update(document_arrays(value, path + '.' + key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.update(document_arrays(value, '%s[%d]' % (path, i)))
    return found


def test_compress_train_inspect_convert(tmp_path):
    X, y = sklearn.datasets.load_digits(return_X_y=True)
    reference = sklearn.neighbors.KNeighborsClassifier(algorithm='brute').fit(X, y)
    plain, small = tmp_path / 'plain.mpstream', tmp_path / 'small.mpstream'
    assert run('-q', 'train', '-d', 'digits', '-e', 'KNeighborsClassifier', '-o', plain)[0] == OK
    status, _, err = run('-q', 'train', '-d', 'digits', '-e', 'KNeighborsClassifier', '--compress', '3', '-o', small)
    assert status == OK, err
    assert small.stat().st_size < plain.stat().st_size / 4
    document = stream_document(small.read_bytes())
    assert document['format_version'] == '1.3'
    assert stream_document(plain.read_bytes())['format_version'] == '1.2'
    status, out, err = run('predict', small, '--input', '-', stdin=csv_of(X[::5]))
    assert status == OK, err
    assert [int(v) for v in out.split()] == reference.predict(X[::5]).tolist()

    # inspect: each compressed array's stored size and ratio, from the document
    arrays = {path.rsplit('.', 1)[1]: d for path, d in document_arrays(document['estimator']).items()}
    fit_x = arrays['_fit_X']
    stored = sum(fit_x['compression']['chunks'])
    status, out, err = run('inspect', small)
    assert status == OK, err
    line = next(line for line in out.splitlines() if line.strip().startswith('_fit_X'))
    assert line.endswith(', zstd %s (%.2fx)' % (format_size(stored), fit_x['nbytes'] / stored)), line
    assert 'format 1.3' in out
    n_compressed = sum('compression' in d for d in arrays.values())
    assert n_compressed >= 2
    assert out.splitlines()[-1].endswith('(%d compressed with zstd)' % n_compressed)
    report = json.loads(run('inspect', '--json', small)[1])
    assert report['format_version'] == '1.3'
    for name, descriptor in arrays.items():
        shown = report['estimator']['arrays'][name]
        if 'compression' not in descriptor:
            assert 'compression' not in shown
            continue
        record = descriptor['compression']
        assert shown['compression'] == {
            'codec': 'zstd', 'chunk_nbytes': record['chunk_nbytes'], 'n_chunks': len(record['chunks']),
            'stored_nbytes': sum(record['chunks']), 'ratio': descriptor['nbytes'] / sum(record['chunks'])}
    # an uncompressed file shows no compression at all
    status, out, _ = run('inspect', plain)
    assert 'zstd' not in out and out.splitlines()[-1].startswith('arrays: ') and 'stored' not in out
    assert all('compression' not in a
               for a in json.loads(run('inspect', '--json', plain)[1])['estimator']['arrays'].values())

    # convert: --compress N recompresses, without it the arrays are stored as they are
    bundle = tmp_path / 'knn.json'
    assert run('convert', '--compress', '19', small, bundle)[0] == OK
    assert json.loads(bundle.read_text())['format_version'] == '1.3'
    back = tmp_path / 'back.mpstream'
    assert run('convert', bundle, back)[0] == OK
    assert stream_document(back.read_bytes())['format_version'] == '1.2'
    assert ModelPersist.dumps(ModelPersist.load(str(back))) == ModelPersist.dumps(ModelPersist.load(str(plain)))
    # to standard output, as a stream
    done = subprocess.run([CLI, 'convert', '--compress', '3', str(plain), '-'], stdout=subprocess.PIPE, timeout=60)
    assert done.returncode == OK and stream_document(done.stdout)['format_version'] == '1.3'
    assert ModelPersist.dumps(ModelPersist.loads(done.stdout)) == ModelPersist.dumps(ModelPersist.load(str(plain)))


def format_size(n):
    """g_format_size() for the sizes of the test above (a no-break space
    before the unit)."""
    if n < 1000:
        return '%d\xa0bytes' % n
    return '%.1f\xa0kB' % (n / 1000) if n < 1000 * 1000 else '%.1f\xa0MB' % (n / 1e6)


def test_compress_import(tmp_path):
    X, y = sklearn.datasets.load_digits(return_X_y=True)
    forest = sklearn.ensemble.RandomForestClassifier(n_estimators=10, random_state=0).fit(X, y)
    source = tmp_path / 'forest.joblib'
    joblib.dump(forest, source, compress=3)
    plain, small = tmp_path / 'plain.json', tmp_path / 'small.json'
    assert run('-q', 'import', source, plain)[0] == OK
    status, _, err = run('-q', 'import', '--compress', '3', source, small)
    assert status == OK, err
    assert json.loads(small.read_text())['format_version'] == '1.3'
    sidecar = lambda bundle: next(tmp_path.glob(bundle.name + '.*.bin')).stat().st_size
    assert sidecar(small) < sidecar(plain)
    status, out, err = run('predict', small, '--input', '-', stdin=csv_of(X[::9]))
    assert status == OK, err
    assert [int(v) for v in out.split()] == forest.predict(X[::9]).tolist()
    assert 'imported_from.compressor: zlib' in run('inspect', small)[1]


@pytest.mark.parametrize('level, message', [
    ('20', '--compress: 20 is not a level: give 0 (none) to 19 (zstd\'s levels)'),
    ('-1', '--compress: -1 is not a level: give 0 (none) to 19 (zstd\'s levels)'),
])
def test_compress_levels_refused(tmp_path, level, message):
    model = tmp_path / 'model.json'
    for command, what in ((['train', '-d', 'iris', '-e', 'svc', '-o', model], 'train'),
                          (['convert', model, tmp_path / 'out.json'], 'convert'),
                          (['import', tmp_path / 'in.pkl', tmp_path / 'out.json'], 'import')):
        status, out, err = run(*command[:1], '--compress', level, *command[1:])
        assert status == USAGE, err
        assert err == 'modelpersist: %s: %s\n' % (what, message)
    status, _, err = run('train', '-d', 'iris', '-e', 'svc', '--compress', 'zstd', '-o', model)
    # GOption's own message (its quotes follow the locale)
    assert status == USAGE and 'Cannot parse integer value' in err and 'zstd' in err, err
    assert list(tmp_path.iterdir()) == []


def run_on_terminal(*args):
    """(status, everything written to the terminal) of a command run on a pty."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(CLI, [CLI] + [str(a) for a in args])
    output = b''
    while True:
        ready, _, _ = select.select([fd], [], [], 300)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode()


def test_progress_on_a_terminal_only(tmp_path):
    # A forest of a thousand trees on digits takes seconds: the bar
    # appears on a terminal and is erased; piped or --quiet, no bar.
    slow = ['train', '-d', 'digits', '-e', 'RandomForestClassifier', '--set', 'n_estimators=1000',
            '--cv', '2', '-o']
    status, shown = run_on_terminal(*slow, tmp_path / 'a.mpstream')
    assert status == OK, shown
    assert '\rtraining [' in shown and '#' in shown and ' s' in shown
    status, _, err = run(*slow, tmp_path / 'b.mpstream')
    assert status == OK and '\r' not in err and 'training [' not in err
    status, shown = run_on_terminal('--quiet', *slow, tmp_path / 'c.mpstream')
    assert status == OK and shown == ''


def test_installed_tree(tmp_path):
    """The chain with the installed command, library and man page."""
    build = os.environ['MP_TEST_BUILD_ROOT']
    destdir = tmp_path / 'root'
    done = subprocess.run(['meson', 'install', '-C', build, '--no-rebuild', '--quiet',
                           '--destdir', str(destdir)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=600)
    assert done.returncode == 0, done.stdout
    installed = [p for p in destdir.rglob('modelpersist') if p.is_file() and os.access(p, os.X_OK)]
    assert len(installed) == 1, installed
    assert list(destdir.rglob('man1/modelpersist.1'))
    library = next(destdir.rglob('libmodelpersist-1.so.*')).parent
    env = dict(os.environ, LD_LIBRARY_PATH=str(library))

    def installed_run(*args, stdin=None):
        done = subprocess.run([str(installed[0])] + [str(a) for a in args], input=stdin, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300,
                              universal_newlines=True)
        return done.returncode, done.stdout, done.stderr

    # It must use the installed library, not the build's.
    ldd = subprocess.run(['ldd', str(installed[0])], env=env, stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    assert str(library) in ldd, ldd

    model = tmp_path / 'm.json'
    assert installed_run('train', '-d', 'iris', '-e', 'svc', '-o', model)[0] == OK
    assert installed_run('inspect', model)[0] == OK
    assert installed_run('verify', model)[0] == OK
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    status, out, _ = installed_run('predict', model, '--input', '-', stdin=csv_of(X[:10]))
    assert status == OK
    assert [int(v) for v in out.split()] == sklearn.svm.SVC().fit(X, y).predict(X[:10]).tolist()
    assert installed_run('convert', model, tmp_path / 'm.mpstream')[0] == OK
    evil = tmp_path / 'evil.pkl'
    evil.write_bytes(pickle.dumps(Payload(tmp_path / 'PWNED')))
    status, _, err = installed_run('import', evil, tmp_path / 'x.json')
    assert 0 < status < 128 and status == REFUSED, err
    assert not (tmp_path / 'PWNED').exists()
