# test_tabular_model.py: the model people deploy, end to end. scikit-learn
# trains Pipeline([ColumnTransformer(scaled numbers, one-hot text),
# LogisticRegression]) on a table of a hundred people (ages, incomes,
# cities, yes/no answers); it is converted with from_sklearn, converted
# back with to_sklearn, trained by ModelPersist itself, saved as bytes, as
# a bundle and as a stream, and loaded in this process, in a fresh C
# process (tests/c/table-predict.c) and in a fresh GJS process
# (tests/gjs/table-predict.js): every one predicts scikit-learn's labels.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import io
import os
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
import sklearn.compose
import sklearn.linear_model
import sklearn.pipeline
import sklearn.preprocessing as skp
from gi.repository import ModelPersist
from gi.repository.ModelPersist import sklearn as bridge

HERE = os.path.dirname(os.path.abspath(__file__))
NUMBERS = ['age', 'income']
TEXT = ['city', 'owns_car']


def people(n, seed):
    rng = np.random.RandomState(seed)
    df = pd.DataFrame({
        'age': rng.randint(18, 80, n).astype(float),
        'income': rng.normal(40000, 9000, n).round(2),
        'city': rng.choice(['Lyon', 'Oslo', 'Kyiv', 'Porto', 'Zürich'], n),
        'owns_car': rng.choice(['yes', 'no'], n),
    })
    # who answers yes: older, richer, or with a car, with some noise
    score = (df['age'] - 45) / 15 + (df['income'] - 40000) / 9000 + (df['owns_car'] == 'yes') \
        + rng.normal(0, 0.7, n)
    return df, np.where(score > 0.5, 'yes', 'no')


def theirs():
    return sklearn.pipeline.Pipeline([
        ('prep', sklearn.compose.ColumnTransformer([
            ('num', skp.StandardScaler(), NUMBERS),
            ('cat', skp.OneHotEncoder(handle_unknown='ignore'), TEXT)])),
        ('clf', sklearn.linear_model.LogisticRegression())])


def ours():
    return ModelPersist.Pipeline(steps=[
        ('prep', ModelPersist.ColumnTransformer(transformers=[
            ('num', ModelPersist.StandardScaler(), NUMBERS),
            ('cat', ModelPersist.OneHotEncoder(handle_unknown='ignore'), TEXT)])),
        ('clf', ModelPersist.LogisticRegression())])


@pytest.fixture(scope='module')
def trained():
    train, y = people(100, 0)
    test, _ = people(40, 1)
    test.loc[3, 'city'] = 'Nowhere'     # a city fit never saw: ignored
    model = theirs().fit(train, y)
    return train, y, test, model, model.predict(test)


def test_from_and_to_sklearn(trained):
    train, y, test, model, expected = trained
    converted = bridge.from_sklearn(model)
    assert type(converted) is ModelPersist.Pipeline
    np.testing.assert_array_equal(converted.predict(test), expected)
    np.testing.assert_allclose(converted.predict_proba(test), model.predict_proba(test),
                               rtol=1e-12, atol=1e-15)
    back = bridge.to_sklearn(converted)
    np.testing.assert_array_equal(back.predict(test), expected)


def test_trained_by_modelpersist(trained):
    train, y, test, model, expected = trained
    mine = ours().fit(train, y)
    np.testing.assert_array_equal(mine.predict(test), expected)
    # the solvers stop within tol of the same optimum
    np.testing.assert_allclose(mine.predict_proba(test), model.predict_proba(test), atol=1e-4)
    np.testing.assert_array_equal(mine['prep'].transform(test), model['prep'].transform(test).toarray()
                                  if hasattr(model['prep'].transform(test), 'toarray')
                                  else model['prep'].transform(test))


def write_table(df, path):
    types = ['text' if df[c].dtype == object else 'number' for c in df.columns]
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\t'.join(df.columns) + '\n' + '\t'.join(types) + '\n')
        for row in df.itertuples(index=False):
            f.write('\t'.join(repr(v) if isinstance(v, float) else str(v) for v in row) + '\n')


def saved_forms(model, tmp_path):
    single = tmp_path / 'model.mpstream'
    single.write_bytes(bytes(ModelPersist.dumps(model)))
    bundle = tmp_path / 'model-bundle'
    ModelPersist.dump(model, str(bundle))
    stream = io.BytesIO()
    ModelPersist.dump(model, stream)
    streamed = tmp_path / 'streamed.mpstream'
    streamed.write_bytes(stream.getvalue())
    return {'bytes': single, 'bundle': bundle, 'stream': streamed}


def test_saved_and_loaded_everywhere(trained, tmp_path):
    train, y, test, model, expected = trained
    converted = bridge.from_sklearn(model)
    table = tmp_path / 'test.tsv'
    write_table(test, table)
    c_program = os.environ.get('MP_TEST_TABLE_PREDICT')
    gjs = shutil.which('gjs')
    for form, path in saved_forms(converted, tmp_path).items():
        loaded = ModelPersist.load(str(path)) if form == 'bundle' else \
            ModelPersist.loads(path.read_bytes())
        np.testing.assert_array_equal(loaded.predict(test), expected, err_msg=form)
        runs = []
        if c_program:
            runs.append(('C', [c_program, str(path), str(table)]))
        if gjs:
            runs.append(('GJS', [gjs, '-m', os.path.join(HERE, '..', 'gjs', 'table-predict.js'),
                                 str(path), str(table)]))
        assert runs, 'neither the C program (meson test) nor gjs is available'
        for language, command in runs:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, '%s, %s: %s' % (language, form, done.stderr)
            assert done.stdout.split() == list(expected), '%s, %s' % (language, form)
