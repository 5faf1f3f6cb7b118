#!/usr/bin/python3
# make-import-trees.py: regenerates import-trees-pickles.h, small pickles
# of scikit-learn's tree models for import-trees.c (the C side of
# tests/python/test_import_trees.py, run under valgrind), with the
# predictions scikit-learn makes from them. Run it with a Python that has
# scikit-learn (/usr/bin/python3); the header it writes is committed.
#
# Each pickle is as small as a fitted model of its class gets (a few
# samples, one or two trees), so that the header stays readable. Some are
# edited, as a hostile or foreign writer would: tree nodes in another
# record layout (big-endian fields at odd offsets, and the extra field
# scikit-learn 1.3 added), and the state of an attribute replaced.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import copy
import io
import os
import pickle
import sys

import joblib
import numpy as np
import sklearn
from sklearn.ensemble import (GradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier)
from sklearn.tree import DecisionTreeRegressor
from sklearn.tree._tree import Tree

X = np.array([[0.0, 1.0], [1.0, 0.5], [2.0, 3.0], [3.0, 2.5], [4.0, 0.0], [5.0, 1.5],
              [6.0, 4.0], [7.0, 3.5], [8.0, 1.0], [9.0, 2.0], [10.0, 0.5], [11.0, 3.0]])
y_reg = np.array([0.5, 1.0, 1.5, 3.0, 2.0, 4.5, 5.0, 4.0, 6.5, 7.0, 6.0, 8.5])
y_cls = np.array([0, 0, 0, 1, 0, 1, 1, 1, 2, 2, 2, 2])
y_bin = (y_cls > 0).astype(int)


def with_tree_state(est, edit, protocol=4):
    class Pickler(pickle.Pickler):
        def reducer_override(self, obj):
            if type(obj) is Tree:
                cls, args, state = obj.__reduce__()
                return cls, args, edit(dict(state))
            return NotImplemented
    buffer = io.BytesIO()
    Pickler(buffer, protocol=protocol).dump(est)
    return buffer.getvalue()


def relaid(state):
    nodes = state['nodes']
    fields = [('missing_go_to_left', 'u1')] + [
        (n, '>' + nodes.dtype.fields[n][0].str[1:]) for n in reversed(nodes.dtype.names)]
    out = np.zeros(len(nodes), dtype=fields)
    for name in nodes.dtype.names:
        out[name] = nodes[name]
    return dict(state, nodes=out)


def dump_joblib(est):
    buffer = io.BytesIO()
    joblib.dump(est, buffer)
    return buffer.getvalue()


def edited(est, **changes):
    est = copy.deepcopy(est)
    est.__dict__.update(changes)
    return est


tree = DecisionTreeRegressor(max_depth=2, random_state=0).fit(X, y_reg)
forest = RandomForestClassifier(n_estimators=2, max_depth=2, random_state=0).fit(X, y_cls)
boosting = GradientBoostingClassifier(n_estimators=2, max_depth=1, random_state=0).fit(X, y_bin)
hgb = HistGradientBoostingRegressor(max_iter=2, min_samples_leaf=2, max_leaf_nodes=3,
                                    categorical_features=[1], random_state=0).fit(
    np.column_stack([X[:, 0], np.arange(12) % 3]), y_reg)
hgb_X = np.column_stack([X[:, 0], np.arange(12) % 3])

seedless = edited(forest)
seedless.estimators_ = [copy.copy(t) for t in forest.estimators_]
seedless.estimators_[1].random_state = 1.5
# the boosting's random generator (also every stage tree's random_state)
# is 2.5 kB that the import does not read: out, to keep the header small
boosting = edited(boosting, _rng=None, estimators_=copy.deepcopy(boosting.estimators_))
for stage in boosting.estimators_.ravel():
    stage.random_state = 0
bad_bitsets = edited(hgb)
bad_bitsets._predictors = [list(i) for i in hgb._predictors]
bad_bitsets._predictors[0][0] = copy.copy(hgb._predictors[0][0])
bad_bitsets._predictors[0][0].raw_left_cat_bitsets = np.zeros((1, 4), dtype=np.uint32)

# (name, pickle, X, method, expected output) or (name, pickle, code, message)
good = [
    ('tree-p2', pickle.dumps(tree, protocol=2), X, 'predict', tree.predict(X)),
    ('tree-p5', pickle.dumps(tree, protocol=5), X, 'predict', tree.predict(X)),
    ('tree-relaid', with_tree_state(tree, relaid), X, 'predict', tree.predict(X)),
    ('forest-p4', pickle.dumps(forest, protocol=4), X, 'predict_proba', forest.predict_proba(X)),
    ('forest-joblib', dump_joblib(forest), X, 'predict_proba', forest.predict_proba(X)),
    ('boosting-joblib', dump_joblib(boosting), X, 'predict_proba', boosting.predict_proba(X)),
    ('hgb-p3', pickle.dumps(hgb, protocol=3), hgb_X, 'predict', hgb.predict(hgb_X)),
    ('hgb-joblib', dump_joblib(hgb), hgb_X, 'predict', hgb.predict(hgb_X)),
]
bad = [
    ('tree-not-a-tree', pickle.dumps(edited(tree, tree_=3), protocol=4), 'INVALID_VALUE',
     'pickle: tree_: expected a sklearn.tree._tree.Tree, got 3'),
    ('tree-no-threshold', with_tree_state(tree, lambda s: dict(s, nodes=s['nodes'][
        [n for n in s['nodes'].dtype.names if n != 'threshold']])), 'INVALID_VALUE',
     "pickle: tree_: the records have no field 'threshold'"),
    ('forest-seed', pickle.dumps(seedless, protocol=4), 'INVALID_VALUE',
     "pickle: estimators_[1].random_state: 1.5; a forest's trees have integer seeds"),
    ('boosting-stages', pickle.dumps(edited(boosting, estimators_=boosting.estimators_[:1]),
                                     protocol=4), 'INVALID_STATE',
     'pickle: estimators_: shape (1, 1) for 2 stages'),
    ('hgb-bitsets', pickle.dumps(bad_bitsets, protocol=4), 'INVALID_VALUE',
     'pickle._predictors[0][0]: raw_left_cat_bitsets: expected (n_bitsets, 8) words, got shape '
     '(1, 4)'),
]


def c_bytes(data):
    lines, line = [], '    "'
    for b in data:
        # printable characters as they are, the others in octal (always
        # three digits, so that no following digit extends the escape)
        c = chr(b)
        piece = c if 32 <= b < 127 and c not in '"\\?' else '\\%03o' % b
        if len(line) + len(piece) > 98:
            lines.append(line + '"')
            line = '    "'
        line += piece
    lines.append(line + '"')
    return '\n'.join(lines)


def c_doubles(values):
    values = np.ascontiguousarray(values, dtype=np.float64).ravel()
    items = [float(v).hex() for v in values]
    out, line = [], '   '
    for item in items:
        if len(line) + len(item) + 2 > 98:
            out.append(line)
            line = '   '
        line += ' ' + item + ','
    out.append(line)
    return '\n'.join(out)


out = ['/* import-trees-pickles.h: generated by make-import-trees.py with scikit-learn %s;'
       % sklearn.__version__, ' * do not edit. */', '']
for name, data, x, method, expected in good:
    ident = name.replace('-', '_')
    out.append('static const double %s_x[] = {\n%s\n};' % (ident, c_doubles(x)))
    out.append('static const double %s_expected[] = {\n%s\n};' % (ident, c_doubles(expected)))
    out.append('static const char %s_pickle[] =\n%s;' % (ident, c_bytes(data)))
    out.append('')
for name, data, code, message in bad:
    ident = name.replace('-', '_')
    out.append('static const char %s_pickle[] =\n%s;' % (ident, c_bytes(data)))
    out.append('')

out.append('typedef struct {\n  const char   *name;\n  const char   *data;\n  gsize         length;\n'
           '  const double *x;\n  gsize         n_samples;\n  gsize         n_features;\n'
           '  gboolean      proba;\n  const double *expected;\n  gsize         n_outputs;\n'
           '} GoodPickle;\n')
out.append('static const GoodPickle good_pickles[] = {')
for name, data, x, method, expected in good:
    ident = name.replace('-', '_')
    expected = np.asarray(expected)
    out.append('  { "%s", %s_pickle, %d, %s_x, %d, %d, %s, %s_expected, %d },'
               % (name, ident, len(data), ident, x.shape[0], x.shape[1],
                  'TRUE' if method == 'predict_proba' else 'FALSE', ident, expected.size))
out.append('};\n')
out.append('typedef struct {\n  const char *name;\n  const char *data;\n  gsize       length;\n'
           '  MpError     code;\n  const char *message;\n} BadPickle;\n')
out.append('static const BadPickle bad_pickles[] = {')
for name, data, code, message in bad:
    ident = name.replace('-', '_')
    out.append('  { "%s", %s_pickle, %d, MP_ERROR_%s,\n    "%s" },'
               % (name, ident, len(data), code, message.replace('"', '\\"')))
out.append('};')

path = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), 'import-trees-pickles.h')
with open(path, 'w') as f:
    f.write('\n'.join(out) + '\n')
print(path, sum(len(g[1]) for g in good) + sum(len(b[1]) for b in bad), 'bytes of pickles')
