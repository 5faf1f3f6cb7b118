# _ModelPersist_hgb.py: the scikit-learn bridge's conversions of
# HistGradientBoostingClassifier and HistGradientBoostingRegressor.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Used by the CONVERSIONS table of _ModelPersist_sklearn.py. scikit-learn
# keeps a fitted model as lists of TreePredictor objects (a structured node
# array and two (n_bitsets, 8) uint32 bitset arrays each) and a _BinMapper;
# ModelPersist keeps the same numbers as flat arrays: every tree's nodes
# concatenated with a node count per tree, the bitsets as 8 int32 words
# each (the uint32 bit patterns), the bin thresholds concatenated with a
# count per feature. Children are -1 at leaves (scikit-learn's are 0 with
# is_leaf set); everything else converts as it is, so the two predict
# bit for bit alike.

import numpy as np


def _sk():
    from . import _ModelPersist_sklearn
    return _ModelPersist_sklearn


# ---------------------------------------------------------------------------
# Hyperparameters


def _categorical_value(text):
    if text is None:
        return None
    items = [item.strip() for item in text.strip()[1:-1].split(',') if item.strip()]
    if items and items[0].lower() in ('true', 'false'):
        return np.array([item.lower() == 'true' for item in items], dtype=bool)
    return np.array([int(item) for item in items], dtype=np.int64)


def params_to_sklearn(params):
    for name in ('max_leaf_nodes', 'max_depth'):
        if params.get(name) == -1:
            params[name] = None
    params['categorical_features'] = _categorical_value(params.get('categorical_features'))
    early_stopping = params.get('early_stopping')
    if early_stopping in ('true', 'false'):
        params['early_stopping'] = early_stopping == 'true'
    if params.get('validation_fraction') == 'none':
        params['validation_fraction'] = None
    for name in ('validation_fraction', 'quantile'):
        if params.get(name) is not None:
            params[name] = float(params[name])
    return params


# ---------------------------------------------------------------------------
# Fitted state

_NODE_FIELDS = [
    # (ModelPersist name, scikit-learn node field, dtype)
    ('node_value_', 'value', np.float64),
    ('node_count_', 'count', np.int32),
    ('node_feature_', 'feature_idx', np.int32),
    ('node_threshold_', 'num_threshold', np.float64),
    ('node_missing_go_to_left_', 'missing_go_to_left', np.uint8),
    ('node_gain_', 'gain', np.float64),
    ('node_is_categorical_', 'is_categorical', np.uint8),
    ('node_bitset_idx_', 'bitset_idx', np.int32),
    ('node_bin_threshold_', 'bin_threshold', np.uint8),
]


def _depths(left, right):
    depth = np.zeros(len(left), dtype=np.uint32)
    for node in range(len(left)):
        if left[node] >= 0:
            depth[left[node]] = depth[node] + 1
            depth[right[node]] = depth[node] + 1
    return depth


def state_to_sklearn(model, est):
    from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper
    from sklearn.ensemble._hist_gradient_boosting.common import PREDICTOR_RECORD_DTYPE
    from sklearn.ensemble._hist_gradient_boosting.predictor import TreePredictor
    from sklearn._loss.loss import (AbsoluteError, HalfBinomialLoss, HalfMultinomialLoss, HalfPoissonLoss,
                                    HalfSquaredError)

    sk = _sk()
    value = lambda name: sk._owned(sk._fitted_value(model, name))
    k_per = int(sk._fitted_value(model, 'n_trees_per_iteration_'))
    n_iter = int(sk._fitted_value(model, 'n_iter_'))
    node_counts = value('tree_node_counts_')
    bitset_counts = value('tree_bitset_counts_')
    columns = {ours: value(ours) for ours, _, _ in _NODE_FIELDS}
    left, right = value('node_left_'), value('node_right_')
    raw_bitsets = value('raw_left_cat_bitsets_').view(np.uint32).reshape(-1, 8)
    binned_bitsets = value('binned_left_cat_bitsets_').view(np.uint32).reshape(-1, 8)

    predictors, first_node, first_bitset = [], 0, 0
    for t, (n_nodes, n_bitsets) in enumerate(zip(node_counts.tolist(), bitset_counts.tolist())):
        if t % k_per == 0:
            predictors.append([])
        part = slice(first_node, first_node + n_nodes)
        nodes = np.zeros(n_nodes, dtype=PREDICTOR_RECORD_DTYPE)
        for ours, theirs, _ in _NODE_FIELDS:
            nodes[theirs] = columns[ours][part]
        tree_left, tree_right = left[part], right[part]
        leaf = tree_left < 0
        nodes['is_leaf'] = leaf
        nodes['left'] = np.where(leaf, 0, tree_left)
        nodes['right'] = np.where(leaf, 0, tree_right)
        nodes['depth'] = _depths(tree_left, tree_right)
        bitsets = slice(first_bitset, first_bitset + n_bitsets)
        predictors[-1].append(TreePredictor(nodes, np.ascontiguousarray(binned_bitsets[bitsets]),
                                            np.ascontiguousarray(raw_bitsets[bitsets])))
        first_node += n_nodes
        first_bitset += n_bitsets

    is_categorical = value('is_categorical_').astype(bool)
    counts = value('bin_threshold_counts_')
    all_thresholds = value('bin_thresholds_')
    offsets = np.concatenate(([0], np.cumsum(counts)))
    thresholds = [all_thresholds[offsets[f]:offsets[f + 1]].copy() for f in range(len(counts))]
    seed = np.uint64(sk._fitted_value(model, '_random_seed'))
    mapper = _BinMapper(n_bins=est.max_bins + 1, is_categorical=is_categorical.astype(np.uint8),
                        known_categories=[t if c else None for t, c in zip(thresholds, is_categorical)],
                        random_state=seed)
    mapper.is_categorical_ = is_categorical.astype(np.uint8)
    mapper.missing_values_bin_idx_ = est.max_bins
    mapper.bin_thresholds_ = thresholds
    mapper.n_bins_non_missing_ = np.array([len(t) if c else len(t) + 1
                                           for t, c in zip(thresholds, is_categorical)], dtype=np.uint32)

    if k_per > 1:
        loss = HalfMultinomialLoss(sample_weight=None, n_classes=k_per)
    elif type(est).__name__.endswith('Classifier'):
        loss = HalfBinomialLoss(sample_weight=None)
    elif est.loss == 'poisson':
        loss = HalfPoissonLoss(sample_weight=None)
    elif est.loss == 'absolute_error':
        loss = AbsoluteError(sample_weight=None)
    else:
        loss = HalfSquaredError(sample_weight=None)

    state = {
        'n_features_in_': int(model.n_features_in_),
        '_n_features': int(model.n_features_in_),
        'n_trees_per_iteration_': k_per,
        '_predictors': predictors,
        '_baseline_prediction': value('baseline_prediction_').reshape(1, -1),
        '_bin_mapper': mapper,
        '_loss': loss,
        '_random_seed': seed,
        'do_early_stopping_': bool(sk._fitted_value(model, 'do_early_stopping_')),
        'is_categorical_': is_categorical if is_categorical.any() else None,
        'train_score_': value('train_score_'),
        'validation_score_': value('validation_score_'),
    }
    if len(predictors) != n_iter:
        raise sk._error('n_iter_: %d iterations, but the trees make %d' % (n_iter, len(predictors)))
    if type(est).__name__.endswith('Classifier'):
        state['classes_'] = value('classes_')
    return state
