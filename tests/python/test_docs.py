# test_docs.py: run every ```python block of docs/python.md, in order and in
# one namespace, so the page cannot drift from the code.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import pathlib
import re

import pytest

DOC = pathlib.Path(__file__).resolve().parents[2] / 'docs' / 'python.md'
BLOCK = re.compile(r'^```python\n(.*?)^```$', re.MULTILINE | re.DOTALL)


def blocks():
    text = DOC.read_text(encoding='utf-8')
    found = []
    for match in BLOCK.finditer(text):
        line = text.count('\n', 0, match.start()) + 2
        found.append((line, match.group(1)))
    return found


def test_page_has_snippets():
    assert len(blocks()) >= 5


def test_snippets_run_in_order(capsys):
    namespace = {'__name__': 'docs_python'}
    for line, code in blocks():
        try:
            exec(compile(code, '%s:%d' % (DOC, line), 'exec'), namespace)
        except Exception as e:
            pytest.fail('docs/python.md block at line %d failed: %r' % (line, e))
    out = capsys.readouterr().out
    # The outputs the page shows in comments.
    assert "DummyClassifier(strategy='most_frequent')" in out
    assert 'classes_: this DummyClassifier instance is not fitted yet' in out
    assert 'X: has 3 features, but DummyClassifier was fitted with 2' in out
    assert 'ModelPersist.Array([[0, 1, 2],' in out
    assert 'DocsMeanShift(C=0.5)' in out
    lines = out.splitlines()
    assert lines[0] == ("SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, "
                        "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', "
                        "max_iter=-1, probability=False, random_state=None, shrinking=True, "
                        "tol=0.001, verbose=False)")
    assert lines[1:3] == ['[0]', '0']
    assert '[1.  1.  3.5]' in lines
    assert ('$.estimator.type: type "DocsMeanShift" is not in the trusted set '
            '(see mp_load_options_trust_type())') in lines
    assert "(['DocsMeanShift'], ['DocsMeanShift'])" in lines
    assert '$.payload.nbytes: 3520 bytes exceeds the max-total-bytes limit of 1024' in lines
    assert '1.2' in lines
    assert lines[-5] == 'SVC'
    # importing a joblib file, refusing a hostile pickle
    assert lines[-4] == 'joblib zlib'
    assert lines[-3] == ('offset 30: STACK_GLOBAL names builtins.print, which this importer never '
                         'builds (it reads numpy arrays and the scikit-learn estimators it '
                         'supports; nothing a pickle names is ever imported or called)')
    assert lines[-2] == "['builtins.print']"
    assert lines[-1] == ("KNeighborsClassifier(algorithm='brute', n_neighbors=7, p=1, "
                         "weights='distance')")
