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
