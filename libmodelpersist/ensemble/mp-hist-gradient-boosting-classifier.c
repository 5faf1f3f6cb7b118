/* mp-hist-gradient-boosting-classifier.c: histogram-based gradient
 * boosting classification
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-hist-gradient-boosting-classifier.h"
#include "mp-hist-gradient-boosting-private.h"
#include "mp-labels-private.h"
#include "mp-pairwise-sum-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-hist-gradient-boosting-classifier
 * @Title: MpHistGradientBoostingClassifier
 * @Short_description: gradient boosted trees on binned features, for classes
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) cancer = mp_load_breast_cancer (&error);
 * MpArray *x = mp_dataset_get_data (cancer);
 * g_autoptr(MpEstimator) boosting = g_object_new (MP_TYPE_HIST_GRADIENT_BOOSTING_CLASSIFIER,
 *                                                 "max-iter", 30,
 *                                                 "max-bins", 63,
 *                                                 NULL);
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_fit (boosting, x, mp_dataset_get_target (cancer), &error))
 *   proba = mp_estimator_predict_proba (boosting, x, &error);   // 569 x 2
 * if (proba == NULL)
 *   g_warning ("HistGradientBoostingClassifier: %s", error->message);
 * ]|
 *
 * #MpHistGradientBoostingClassifier is scikit-learn's
 * `HistGradientBoostingClassifier`: binned features, trees grown best
 * first on the histograms of the log loss's gradients and hessians, one
 * tree per iteration for two classes (a logistic link) and one per class
 * for more (a softmax). NaN in X marks a missing value;
 * #MpHistGradientBoostingClassifier:categorical-features marks features
 * split by category sets. mp_estimator_predict_proba() gives the class
 * probabilities and mp_estimator_decision_function() the raw scores. On
 * the same data and hyperparameters (and thread count, see
 * docs/hist-gradient-boosting.md) it grows the trees scikit-learn 1.2
 * grows.
 *
 * The fitted trees are flat arrays, as #MpHistGradientBoostingRegressor
 * keeps them; see docs/hist-gradient-boosting.md.
 */

struct _MpHistGradientBoostingClassifier
{
  MpEstimator  parent_instance;

  MpHgbCommon  common;
  char        *loss;
  char        *class_weight;
  MpArray     *classes;
};

G_DEFINE_FINAL_TYPE (MpHistGradientBoostingClassifier, mp_hist_gradient_boosting_classifier, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpHistGradientBoostingClassifier, member)
#define COMMON G_STRUCT_OFFSET (MpHistGradientBoostingClassifier, common)

static const char * const loss_words[] = { "log_loss", NULL };

static gboolean
refuse_loss (const GValue  *value,
             GError       **error)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be 'log_loss' (the deprecated spellings 'auto', 'binary_crossentropy' and "
               "'categorical_crossentropy' are not accepted), got %s%s%s",
               g_value_get_string (value) != NULL ? "'" : "",
               g_value_get_string (value) != NULL ? g_value_get_string (value) : "None",
               g_value_get_string (value) != NULL ? "'" : "");
  return FALSE;
}

static const char * const class_weight_words[] = { "balanced", NULL };

/**
 * MpHistGradientBoostingClassifier:loss:
 *
 * The loss the trees minimise (`loss`): `log_loss`, binomial for two
 * classes and multinomial for more.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:class-weight:
 *
 * Per-class sample weights (`class_weight`): %NULL (None, all 1),
 * `balanced` (n_samples / (n_classes * count of the class)) or a
 * dictionary literal such as `{0: 1.0, 2: 3.5}` whose keys are class
 * labels. The gradients, hessians, baseline and early stopping's losses
 * are weighted as scikit-learn weights them.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:classes:
 *
 * The sorted distinct training labels (`classes_`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:learning-rate:
 *
 * The shrinkage of each tree's leaf values (`learning_rate`), a finite
 * number > 0; 0.1 by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:max-iter:
 *
 * The most boosting iterations (`max_iter`), >= 1; 100 by default. Each
 * iteration grows one tree, or one per class for more than two classes.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:max-leaf-nodes:
 *
 * The most leaves of a tree (`max_leaf_nodes`), >= 2, or -1 for None; 31
 * by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:max-depth:
 *
 * The deepest a tree grows (`max_depth`, edges from the root), >= 1, or
 * -1 for None (the default).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:min-samples-leaf:
 *
 * The fewest training samples in a leaf (`min_samples_leaf`), >= 1; 20
 * by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:l2-regularization:
 *
 * The L2 penalty on leaf values (`l2_regularization`), >= 0.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:max-bins:
 *
 * The most bins of a feature's non-missing values (`max_bins`), in [2,
 * 255]; one more bin always holds the missing values.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:categorical-features:
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
 * MpHistGradientBoostingClassifier:monotonic-cst:
 *
 * Monotonic constraints (`monotonic_cst`): only %NULL (None) is
 * accepted; constraints are not implemented and any other value is
 * refused by fit with a message saying so.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:interaction-cst:
 *
 * Interaction constraints (`interaction_cst`): only %NULL (None) is
 * accepted; any other value is refused by fit with a message saying so.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:warm-start:
 *
 * Whether fit continues the previous fit (`warm_start`). Not
 * implemented: fit refuses %TRUE with %MP_ERROR_NOT_SUPPORTED.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:early-stopping:
 *
 * Whether fit holds out a fraction
 * (#MpHistGradientBoostingClassifier:validation-fraction) of the samples and stops when their loss stops improving
 * (`early_stopping`): `auto` (the default: when there are more than
 * 10,000 samples), `true` or `false`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:scoring:
 *
 * What early stopping watches (`scoring`): `loss`, the only value
 * implemented (scikit-learn's scorer names and None are refused).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:validation-fraction:
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
 * MpHistGradientBoostingClassifier:n-iter-no-change:
 *
 * How many iterations without an improvement of more than
 * #MpHistGradientBoostingClassifier:tol stop the fit
 * (`n_iter_no_change`), >= 1; 10 by default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:tol:
 *
 * The improvement early stopping asks for (`tol`), >= 0; 1e-7 by
 * default.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:verbose:
 *
 * Whether fit prints one line per iteration (`verbose`), >= 0.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:random-state:
 *
 * The seed of the validation split and of the binning subsample
 * (`random_state`), in [0, 2^32 - 1]; -1 (None) draws a fresh seed at
 * each fit.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:n-trees-per-iteration:
 *
 * The trees each iteration grows (`n_trees_per_iteration_`): 1, or the
 * number of classes for more than two.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:n-iter:
 *
 * The boosting iterations fit made (`n_iter_`), fewer than
 * #MpHistGradientBoostingClassifier:max-iter when early stopping stopped
 * it.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:do-early-stopping:
 *
 * Whether fit used early stopping (`do_early_stopping_`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:random-seed:
 *
 * The seed fit drew from #MpHistGradientBoostingClassifier:random-state
 * (scikit-learn's `_random_seed`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:baseline-prediction:
 *
 * The raw prediction before any tree, float64 `(n_trees_per_iteration,)`
 * (scikit-learn's `_baseline_prediction`).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:is-categorical:
 *
 * Whether each feature is categorical, uint8 `(n_features_in,)`
 * (`is_categorical_`; None in scikit-learn when no feature is).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:bin-threshold-counts:
 *
 * The number of bin thresholds of each feature, int32
 * `(n_features_in,)`: for a categorical feature its known categories.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:bin-thresholds:
 *
 * The bin thresholds of every feature, concatenated, float64 (the bin
 * mapper's `bin_thresholds_`): for a numeric feature the bin edges, for
 * a categorical one its sorted known categories, which predict uses to
 * tell unknown categories.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:tree-node-counts:
 *
 * The number of nodes of each tree, int32 `(n_trees,)`, iteration after
 * iteration and class after class within one; they sum to the length of
 * the node arrays.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:tree-bitset-counts:
 *
 * The number of categorical bitsets of each tree, int32 `(n_trees,)`;
 * they sum to the rows of the bitset arrays.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-value:
 *
 * Each node's value, float64 `(n_nodes,)`, the trees' nodes
 * concatenated: at a leaf what the tree predicts (learning rate
 * applied).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-count:
 *
 * The training samples that reached each node, int32 `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-feature:
 *
 * The feature each internal node tests, int32 `(n_nodes,)` (0 at
 * leaves).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-threshold:
 *
 * Each numeric split's threshold, float64 `(n_nodes,)`: a sample goes
 * left when its value is <= it; +inf when only missing values go right.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-missing-go-to-left:
 *
 * Whether missing values go to the left child, uint8 `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-left:
 *
 * Each node's left child, int32 `(n_nodes,)`, a node index within its
 * tree; -1 at leaves.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-right:
 *
 * Each node's right child, int32 `(n_nodes,)`, within its tree; -1 at
 * leaves.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-gain:
 *
 * The gain of each node's split, float64 `(n_nodes,)` (-1 where none was
 * computed).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-is-categorical:
 *
 * Whether each node splits a categorical feature, uint8 `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-bitset-idx:
 *
 * The row of a categorical node's bitsets within its tree's, int32
 * `(n_nodes,)`.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:node-bin-threshold:
 *
 * Each numeric split's bin, uint8 `(n_nodes,)` (for predicting binned
 * data).
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:raw-left-cat-bitsets:
 *
 * The categories each categorical split sends left: 8 int32 words per
 * split (256 bits, bit c of word c / 32 for category c; the uint32 bit
 * patterns held as int32), the trees' bitsets concatenated.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:binned-left-cat-bitsets:
 *
 * The same sets as #MpHistGradientBoostingClassifier:raw-left-cat-bitsets
 * in bins instead of categories, 8 int32 words per split.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:train-score:
 *
 * The training score (minus the loss) before each iteration and after
 * the last, float64 (`train_score_`); empty without early stopping.
 *
 * Since: 0.1
 */
/**
 * MpHistGradientBoostingClassifier:validation-score:
 *
 * The validation score at the same points, float64
 * (`validation_score_`); empty without early stopping or validation set.
 *
 * Since: 0.1
 */

static const MpPropertyDecl properties[] = {
  { .name = "loss", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (loss), .default_string = "log_loss", .words = loss_words,
    .check = refuse_loss, .check_text = "'log_loss'" },
  MP_HGB_DECL_HYPERPARAMETERS (COMMON),
  { .name = "class-weight", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (class_weight), .words = class_weight_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = _mp_class_weight_check, .check_text = "a dictionary {label: weight >= 0}" },
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY },
  MP_HGB_DECL_FITTED (COMMON),
};

static gboolean
mp_hist_gradient_boosting_classifier_fit (MpEstimator  *estimator,
                                          MpArray      *x,
                                          MpArray      *y,
                                          GError      **error)
{
  MpHistGradientBoostingClassifier *self = MP_HIST_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree double *encoded = NULL;
  g_autofree double *sample_weight = NULL;
  gsize n_samples, n_classes;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: HistGradientBoostingClassifier needs labels");
      return FALSE;
    }
  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;
  if (!_mp_check_classes (classes, 2, error))
    return FALSE;
  n_samples = mp_array_get_n_elements (y);
  n_classes = mp_array_get_n_elements (classes);
  if (n_classes > 256)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "y: %" G_GSIZE_FORMAT " classes is more than supported (256)", n_classes);
      return FALSE;
    }
  encoded = g_new (double, MAX (n_samples, 1));
  for (gsize i = 0; i < n_samples; i++)
    encoded[i] = indices[i];
  if (self->class_weight != NULL)
    {
      g_autofree double *class_weight = NULL;

      if (!_mp_class_weight_compute (self->class_weight, classes, indices, n_samples, &class_weight, error))
        return FALSE;
      sample_weight = g_new (double, MAX (n_samples, 1));
      for (gsize i = 0; i < n_samples; i++)
        sample_weight[i] = class_weight[indices[i]];
    }

  if (!_mp_hgb_fit (estimator, &self->common, n_classes <= 2 ? MP_HGB_LOSS_BINOMIAL : MP_HGB_LOSS_MULTINOMIAL,
                    n_classes <= 2 ? 1 : n_classes, x, encoded, sample_weight, y, error))
    return FALSE;
  g_object_set (self, "classes", classes, NULL);
  return TRUE;
}

static MpArray *
mp_hist_gradient_boosting_classifier_decision_function (MpEstimator  *estimator,
                                                        MpArray      *x,
                                                        GError      **error)
{
  MpHistGradientBoostingClassifier *self = MP_HIST_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize shape[2] = { mp_array_get_dim (x, 0), (gsize) self->common.n_trees_per_iteration };

  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, shape[1] == 1 ? 1 : 2,
                            _mp_hgb_raw_predict (estimator, &self->common, x));
}

/* The loss's inverse link: the logistic function for two classes (scipy's
 * expit, 1 / (1 + exp(-x))), a softmax for more (extmath.softmax), in
 * numpy's order of operations. */
static MpArray *
mp_hist_gradient_boosting_classifier_predict_proba (MpEstimator  *estimator,
                                                    MpArray      *x,
                                                    GError      **error)
{
  MpHistGradientBoostingClassifier *self = MP_HIST_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize n = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  gsize shape[2] = { n, n_classes };
  g_autofree double *raw = _mp_hgb_raw_predict (estimator, &self->common, x);
  double *proba = g_new (double, MAX (n * n_classes, 1));

  for (gsize i = 0; i < n; i++)
    {
      double *row = proba + i * n_classes;

      if (self->common.n_trees_per_iteration == 1)
        {
          row[1] = 1 / (1 + exp (-raw[i]));
          row[0] = 1 - row[1];
        }
      else
        {
          const double *scores = raw + i * n_classes;
          double max_value = scores[0], sum;

          for (gsize k = 1; k < n_classes; k++)
            max_value = MAX (max_value, scores[k]);
          for (gsize k = 0; k < n_classes; k++)
            row[k] = exp (scores[k] - max_value);
          /* numpy sums the rows of scikit-learn's Fortran-ordered
           * (n_samples, n_classes) array one class after the other, except
           * when there is a single row, which it sums pairwise */
          if (n == 1)
            sum = _mp_pairwise_sum (row, n_classes);
          else
            {
              sum = 0;
              for (gsize k = 0; k < n_classes; k++)
                sum += row[k];
            }
          for (gsize k = 0; k < n_classes; k++)
            row[k] /= sum;
        }
    }
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, proba);
}

static MpArray *
mp_hist_gradient_boosting_classifier_predict (MpEstimator  *estimator,
                                              MpArray      *x,
                                              GError      **error)
{
  MpHistGradientBoostingClassifier *self = MP_HIST_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  g_autoptr(MpArray) proba = mp_hist_gradient_boosting_classifier_predict_proba (estimator, x, error);
  gsize n = mp_array_get_dim (x, 0);
  g_autofree gint32 *indices = _mp_row_argmax (mp_array_get_float64_data (proba), n,
                                               mp_array_get_n_elements (self->classes));

  return _mp_decode_labels (self->classes, indices, n);
}

static gboolean
mp_hist_gradient_boosting_classifier_validate (MpEstimator  *estimator,
                                               GError      **error)
{
  MpHistGradientBoostingClassifier *self = MP_HIST_GRADIENT_BOOSTING_CLASSIFIER (estimator);
  gsize n_classes;

  if (!MP_ESTIMATOR_CLASS (mp_hist_gradient_boosting_classifier_parent_class)->validate (estimator, error))
    return FALSE;
  n_classes = mp_array_get_n_elements (self->classes);
  if (n_classes < 2 || n_classes > 256)
    return _mp_invalid_state (error, "classes_: %" G_GSIZE_FORMAT " classes; a classifier has 2 to 256",
                              n_classes);
  if ((gsize) self->common.n_trees_per_iteration != (n_classes == 2 ? 1 : n_classes))
    return _mp_invalid_state (error, "n_trees_per_iteration_: %d trees per iteration for %" G_GSIZE_FORMAT
                              " classes; it is %" G_GSIZE_FORMAT, self->common.n_trees_per_iteration,
                              n_classes, n_classes == 2 ? (gsize) 1 : n_classes);
  return _mp_hgb_validate (estimator, &self->common, error);
}

static char *
mp_hist_gradient_boosting_classifier_format_param (MpEstimator *estimator,
                                       GParamSpec  *pspec)
{
  MpHistGradientBoostingClassifier *self = MP_HIST_GRADIENT_BOOSTING_CLASSIFIER (estimator);

  /* a dictionary unquoted; None, 'balanced' and invalid text as usual */
  if (strcmp (pspec->name, "class-weight") == 0)
    return _mp_class_weight_format (self->class_weight);
  return _mp_hgb_format_param (&self->common, pspec);
}

static void
mp_hist_gradient_boosting_classifier_class_init (MpHistGradientBoostingClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_hist_gradient_boosting_classifier_fit;
  estimator_class->predict = mp_hist_gradient_boosting_classifier_predict;
  estimator_class->predict_proba = mp_hist_gradient_boosting_classifier_predict_proba;
  estimator_class->decision_function = mp_hist_gradient_boosting_classifier_decision_function;
  estimator_class->validate = mp_hist_gradient_boosting_classifier_validate;
  estimator_class->format_param = mp_hist_gradient_boosting_classifier_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
  _mp_hgb_class_init (estimator_class);
}

static void
mp_hist_gradient_boosting_classifier_init (MpHistGradientBoostingClassifier *self)
{
}

/**
 * mp_hist_gradient_boosting_classifier_new:
 *
 * Creates a #MpHistGradientBoostingClassifier with scikit-learn's default
 * hyperparameters.
 *
 * Returns: (transfer full): a new #MpHistGradientBoostingClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_hist_gradient_boosting_classifier_new (void)
{
  return g_object_new (MP_TYPE_HIST_GRADIENT_BOOSTING_CLASSIFIER, NULL);
}
