/* mp-hist-gradient-boosting-regressor.c: histogram-based gradient boosting
 * regression
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-hist-gradient-boosting-private.h"
#include "mp-hist-gradient-boosting-regressor.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-hist-gradient-boosting-regressor
 * @Title: MpHistGradientBoostingRegressor
 * @Short_description: gradient boosted trees on binned features
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) boosting = g_object_new (MP_TYPE_HIST_GRADIENT_BOOSTING_REGRESSOR,
 *                                                 "max-iter", 30,
 *                                                 "l2-regularization", 1.0,
 *                                                 NULL);
 * g_autoptr(MpArray) predicted = NULL;
 *
 * if (mp_estimator_fit (boosting, x, y, &error))
 *   predicted = mp_estimator_predict (boosting, x, &error);
 * if (predicted == NULL)
 *   g_warning ("HistGradientBoostingRegressor: %s", error->message);
 * ]|
 *
 * #MpHistGradientBoostingRegressor is scikit-learn's
 * `HistGradientBoostingRegressor`: each feature is binned into at most
 * #MpHistGradientBoostingRegressor:max-bins bins (plus one for missing
 * values), and each boosting iteration grows a tree best first on the
 * histograms of the loss's gradients (the squared or absolute error, or
 * the Poisson deviance with a log link). NaN in X marks a missing
 * value; #MpHistGradientBoostingRegressor:categorical-features marks
 * features split by category sets. On the same data and hyperparameters
 * it grows the trees scikit-learn 1.2 grows (with the same thread count,
 * see docs/hist-gradient-boosting.md).
 *
 * The fitted trees are flat arrays: the nodes of all trees concatenated
 * (`node-value`, `node-feature`, `node-threshold`, `node-left`, ...)
 * with the node count of each tree, and the categorical splits' bitsets
 * as rows of 8 words. See docs/hist-gradient-boosting.md.
 */

struct _MpHistGradientBoostingRegressor
{
  MpEstimator  parent_instance;

  MpHgbCommon  common;
  char        *loss;
  char        *quantile;
};

G_DEFINE_FINAL_TYPE (MpHistGradientBoostingRegressor, mp_hist_gradient_boosting_regressor, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpHistGradientBoostingRegressor, member)
#define COMMON G_STRUCT_OFFSET (MpHistGradientBoostingRegressor, common)

static const char * const loss_words[] = { "squared_error", "absolute_error", "poisson", NULL };

static gboolean
refuse_loss (const GValue  *value,
             GError       **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be 'squared_error', 'absolute_error' or 'poisson' (quantile is not implemented), "
               "got %s%s%s",
               g_value_get_string (value) != NULL ? "'" : "",
               g_value_get_string (value) != NULL ? g_value_get_string (value) : "None",
               g_value_get_string (value) != NULL ? "'" : "");
  return FALSE;
}

/**
 * MpHistGradientBoostingRegressor:loss:
 *
 * The loss the trees minimise (`loss`): `squared_error` (the default),
 * `absolute_error` (each leaf re-fitted to the median residual of its
 * samples) or `poisson` (half the Poisson deviance with a log link:
 * predict returns exp of the raw prediction; y must be >= 0 with a
 * positive sum). scikit-learn's `quantile` is refused by fit with a
 * message saying so.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:quantile:
 *
 * The quantile of `loss='quantile'` (`quantile`): %NULL (None) or a
 * number in [0, 1] as text; unused by the implemented loss.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:learning-rate:
 *
 * The shrinkage of each tree's leaf values (`learning_rate`), a finite
 * number > 0; 0.1 by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:max-iter:
 *
 * The most boosting iterations (`max_iter`), >= 1; 100 by default. Each
 * iteration grows one tree, or one per class for more than two classes.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:max-leaf-nodes:
 *
 * The most leaves of a tree (`max_leaf_nodes`), >= 2, or -1 for None; 31
 * by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:max-depth:
 *
 * The deepest a tree grows (`max_depth`, edges from the root), >= 1, or
 * -1 for None (the default).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:min-samples-leaf:
 *
 * The fewest training samples in a leaf (`min_samples_leaf`), >= 1; 20
 * by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:l2-regularization:
 *
 * The L2 penalty on leaf values (`l2_regularization`), >= 0.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:max-bins:
 *
 * The most bins of a feature's non-missing values (`max_bins`), in [2,
 * 255]; one more bin always holds the missing values.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:categorical-features:
 *
 * Which features are categorical (`categorical_features`): %NULL (None,
 * the default), a list of feature indices such as `[0, 3]` or a boolean
 * mask such as `[False, True, False]`. A categorical feature holds
 * integer categories in [0, max_bins); NaN is a category of its own.
 * Feature names are not supported.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:monotonic-cst:
 *
 * Monotonic constraints (`monotonic_cst`): only %NULL (None) is
 * accepted; constraints are not implemented and any other value is
 * refused by fit with a message saying so.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:interaction-cst:
 *
 * Interaction constraints (`interaction_cst`): only %NULL (None) is
 * accepted; any other value is refused by fit with a message saying so.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:warm-start:
 *
 * Whether fit continues the previous fit (`warm_start`). Not
 * implemented: fit refuses %TRUE with %MP_ERROR_NOT_SUPPORTED.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:early-stopping:
 *
 * Whether fit holds out a fraction
 * (#MpHistGradientBoostingRegressor:validation-fraction) of the samples and stops when their loss stops improving
 * (`early_stopping`): `auto` (the default: when there are more than
 * 10,000 samples), `true` or `false`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:scoring:
 *
 * What early stopping watches (`scoring`): `loss`, the only value
 * implemented (scikit-learn's scorer names and None are refused).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:validation-fraction:
 *
 * The fraction of the samples early stopping holds out
 * (`validation_fraction`), a number in (0, 1) as text (`0.1` by
 * default), or `none` (scikit-learn's None: watch the training loss; a
 * string with a default cannot hold %NULL, and %NULL restores the
 * default). scikit-learn's integer counts are refused.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:n-iter-no-change:
 *
 * How many iterations without an improvement of more than
 * #MpHistGradientBoostingRegressor:tol stop the fit
 * (`n_iter_no_change`), >= 1; 10 by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:tol:
 *
 * The improvement early stopping asks for (`tol`), >= 0; 1e-7 by
 * default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:verbose:
 *
 * Whether fit prints one line per iteration (`verbose`), >= 0.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:random-state:
 *
 * The seed of the validation split and of the binning subsample
 * (`random_state`), in [0, 2^32 - 1]; -1 (None) draws a fresh seed at
 * each fit.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:n-trees-per-iteration:
 *
 * The trees each iteration grows (`n_trees_per_iteration_`): 1, or the
 * number of classes for more than two.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:n-iter:
 *
 * The boosting iterations fit made (`n_iter_`), fewer than
 * #MpHistGradientBoostingRegressor:max-iter when early stopping stopped
 * it.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:do-early-stopping:
 *
 * Whether fit used early stopping (`do_early_stopping_`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:random-seed:
 *
 * The seed fit drew from #MpHistGradientBoostingRegressor:random-state
 * (scikit-learn's `_random_seed`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:baseline-prediction:
 *
 * The raw prediction before any tree, float64 `(n_trees_per_iteration,)`
 * (scikit-learn's `_baseline_prediction`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:is-categorical:
 *
 * Whether each feature is categorical, uint8 `(n_features_in,)`
 * (`is_categorical_`; None in scikit-learn when no feature is).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:bin-threshold-counts:
 *
 * The number of bin thresholds of each feature, int32
 * `(n_features_in,)`: for a categorical feature its known categories.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:bin-thresholds:
 *
 * The bin thresholds of every feature, concatenated, float64 (the bin
 * mapper's `bin_thresholds_`): for a numeric feature the bin edges, for
 * a categorical one its sorted known categories, which predict uses to
 * tell unknown categories.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:tree-node-counts:
 *
 * The number of nodes of each tree, int32 `(n_trees,)`, iteration after
 * iteration and class after class within one; they sum to the length of
 * the node arrays.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:tree-bitset-counts:
 *
 * The number of categorical bitsets of each tree, int32 `(n_trees,)`;
 * they sum to the rows of the bitset arrays.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-value:
 *
 * Each node's value, float64 `(n_nodes,)`, the trees' nodes
 * concatenated: at a leaf what the tree predicts (learning rate
 * applied).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-count:
 *
 * The training samples that reached each node, int32 `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-feature:
 *
 * The feature each internal node tests, int32 `(n_nodes,)` (0 at
 * leaves).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-threshold:
 *
 * Each numeric split's threshold, float64 `(n_nodes,)`: a sample goes
 * left when its value is <= it; +inf when only missing values go right.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-missing-go-to-left:
 *
 * Whether missing values go to the left child, uint8 `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-left:
 *
 * Each node's left child, int32 `(n_nodes,)`, a node index within its
 * tree; -1 at leaves.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-right:
 *
 * Each node's right child, int32 `(n_nodes,)`, within its tree; -1 at
 * leaves.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-gain:
 *
 * The gain of each node's split, float64 `(n_nodes,)` (-1 where none was
 * computed).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-is-categorical:
 *
 * Whether each node splits a categorical feature, uint8 `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-bitset-idx:
 *
 * The row of a categorical node's bitsets within its tree's, int32
 * `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:node-bin-threshold:
 *
 * Each numeric split's bin, uint8 `(n_nodes,)` (for predicting binned
 * data).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:raw-left-cat-bitsets:
 *
 * The categories each categorical split sends left: 8 int32 words per
 * split (256 bits, bit c of word c / 32 for category c; the uint32 bit
 * patterns held as int32), the trees' bitsets concatenated.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:binned-left-cat-bitsets:
 *
 * The same sets as #MpHistGradientBoostingRegressor:raw-left-cat-bitsets
 * in bins instead of categories, 8 int32 words per split.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:train-score:
 *
 * The training score (minus the loss) before each iteration and after
 * the last, float64 (`train_score_`); empty without early stopping.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingRegressor:validation-score:
 *
 * The validation score at the same points, float64
 * (`validation_score_`); empty without early stopping or validation set.
 *
 * Since: 0.1
 */

static const MpPropertyDecl properties[] = {
  { .name = "loss", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (loss), .default_string = "squared_error", .words = loss_words,
    .check = refuse_loss, .check_text = "'squared_error', 'absolute_error' or 'poisson'" },
  MP_HGB_DECL_HYPERPARAMETERS (COMMON),
  { .name = "quantile", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (quantile), .interval = TRUE, .minimum = 0, .maximum = 1,
    .constraint = MP_CONSTRAINT_NONE_ALLOWED | MP_CONSTRAINT_NUMBER_ALLOWED },
  MP_HGB_DECL_FITTED (COMMON),
};

static gboolean
mp_hist_gradient_boosting_regressor_fit (MpEstimator  *estimator,
                                         MpArray      *x,
                                         MpArray      *y,
                                         GError      **error)
{
  MpHistGradientBoostingRegressor *self = MP_HIST_GRADIENT_BOOSTING_REGRESSOR (estimator);
  g_autoptr(MpArray) targets = NULL;
  gboolean poisson = g_strcmp0 (self->loss, "poisson") == 0;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: HistGradientBoostingRegressor needs targets");
      return FALSE;
    }
  targets = mp_array_convert (y, MP_DTYPE_FLOAT64, error);
  if (targets == NULL)
    return FALSE;
  if (poisson)
    {
      const double *values = mp_array_get_float64_data (targets);
      gsize n = mp_array_get_n_elements (targets);
      double sum = 0;

      for (gsize i = 0; i < n; i++)
        {
          if (values[i] < 0)
            sum = -INFINITY;
          sum += values[i];
        }
      if (!(sum > 0))
        {
          g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                               "y: loss='poisson' requires non-negative y and sum(y) > 0.");
          return FALSE;
        }
    }
  return _mp_hgb_fit (estimator, &self->common,
                      poisson ? MP_HGB_LOSS_POISSON :
                      g_strcmp0 (self->loss, "absolute_error") == 0 ? MP_HGB_LOSS_ABSOLUTE_ERROR :
                      MP_HGB_LOSS_SQUARED_ERROR, 1, x,
                      mp_array_get_float64_data (targets), NULL, NULL, error);
}

static MpArray *
mp_hist_gradient_boosting_regressor_predict (MpEstimator  *estimator,
                                             MpArray      *x,
                                             GError      **error)
{
  MpHistGradientBoostingRegressor *self = MP_HIST_GRADIENT_BOOSTING_REGRESSOR (estimator);
  gsize n = mp_array_get_dim (x, 0);
  double *raw = _mp_hgb_raw_predict (estimator, &self->common, x);

  /* the inverse link: the identity, or numpy's exp for the log link */
  if (g_strcmp0 (self->loss, "poisson") == 0)
    for (gsize i = 0; i < n; i++)
      raw[i] = exp (raw[i]);
  return mp_array_new_take (MP_DTYPE_FLOAT64, &n, 1, raw);
}

static gboolean
mp_hist_gradient_boosting_regressor_validate (MpEstimator  *estimator,
                                              GError      **error)
{
  MpHistGradientBoostingRegressor *self = MP_HIST_GRADIENT_BOOSTING_REGRESSOR (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_hist_gradient_boosting_regressor_parent_class)->validate (estimator, error))
    return FALSE;
  if (self->common.n_trees_per_iteration != 1)
    return _mp_invalid_state (error, "n_trees_per_iteration_: a regressor grows 1 tree per iteration, got %d",
                              self->common.n_trees_per_iteration);
  return _mp_hgb_validate (estimator, &self->common, error);
}

static char *
mp_hist_gradient_boosting_regressor_format_param (MpEstimator *estimator,
                                      GParamSpec  *pspec)
{
  MpHistGradientBoostingRegressor *self = MP_HIST_GRADIENT_BOOSTING_REGRESSOR (estimator);

  if (strcmp (pspec->name, "quantile") == 0 && self->quantile != NULL)
    {
      char *end = NULL;

      g_ascii_strtod (self->quantile, &end);
      if (end != self->quantile && *end == '\0')
        return g_strdup (self->quantile);
    }
  return _mp_hgb_format_param (&self->common, pspec);
}

static void
mp_hist_gradient_boosting_regressor_class_init (MpHistGradientBoostingRegressorClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_hist_gradient_boosting_regressor_fit;
  estimator_class->predict = mp_hist_gradient_boosting_regressor_predict;
  estimator_class->validate = mp_hist_gradient_boosting_regressor_validate;
  estimator_class->format_param = mp_hist_gradient_boosting_regressor_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
  _mp_hgb_class_init (estimator_class);
}

static void
mp_hist_gradient_boosting_regressor_init (MpHistGradientBoostingRegressor *self)
{
}

/**
 * mp_hist_gradient_boosting_regressor_new:
 *
 * Creates a #MpHistGradientBoostingRegressor with scikit-learn's default
 * hyperparameters.
 *
 * Returns: (transfer full): a new #MpHistGradientBoostingRegressor
 *
 * Since: 0.1
 */
MpEstimator *
mp_hist_gradient_boosting_regressor_new (void)
{
  return g_object_new (MP_TYPE_HIST_GRADIENT_BOOSTING_REGRESSOR, NULL);
}
