/* mp-cross-validation.c: scoring an estimator on every fold
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-cross-validation.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-metrics.h"
#include "mp-take-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-cross-validation
 * @Title: Cross-validation
 * @Short_description: score an estimator on every fold
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) svc = g_object_new (MP_TYPE_SVC, "c", 10.0, NULL);
 * g_autoptr(MpSplitter) cv = mp_stratified_kfold_new (5, TRUE, 0);
 * g_autoptr(MpArray) scores = NULL;
 *
 * // one accuracy per fold; a NULL cv means 5 (stratified) folds, a NULL scoring the estimator's score
 * scores = mp_cross_val_score (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris),
 *                              cv, "accuracy", &error);
 * if (scores == NULL)
 *   g_warning ("%s", error->message);
 * else
 *   g_print ("first fold: %.3f\n", mp_array_get_double (scores, 0));
 * ]|
 *
 * mp_cross_val_score() is scikit-learn's `cross_val_score(estimator, X,
 * y, cv=cv, scoring=scoring)`: for each train/test split of @cv it fits a
 * fresh clone of the estimator on the training rows and scores it on the
 * test rows.
 *
 * What it needs to describe a run afterwards is all introspectable: the
 * scorer name, the splitter's type and properties
 * (mp_splitter_to_string()), and the per-fold scores it returns.
 */

typedef enum {
  SCORER_ESTIMATOR,
  SCORER_ACCURACY,
  SCORER_R2,
} Scorer;

static gboolean
score_fold (MpEstimator  *estimator,
            Scorer        scorer,
            MpArray      *x_test,
            MpArray      *y_test,
            gdouble      *score,
            GError      **error)
{
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GError) local_error = NULL;

  if (scorer == SCORER_ESTIMATOR)
    return mp_estimator_score (estimator, x_test, y_test, score, error);

  predicted = mp_estimator_predict (estimator, x_test, error);
  if (predicted == NULL)
    return FALSE;

  if (scorer == SCORER_ACCURACY)
    *score = mp_accuracy_score (y_test, predicted, &local_error);
  else
    *score = mp_r2_score (y_test, predicted, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * mp_cross_val_score:
 * @estimator: the estimator to evaluate; it is cloned for every fold and
 *   never fitted itself
 * @x: the samples, an n_samples x n_features matrix
 * @y: (nullable): the labels or targets, one per sample; needed by every
 *   scorer and by stratified splitters
 * @cv: (nullable): how to split; %NULL for 5 folds, stratified for a
 *   classifier with whole-number labels, as mp_splitter_new_default()
 *   chooses
 * @scoring: (nullable): `"accuracy"`, `"r2"`, or %NULL for the estimator's
 *   own score (accuracy for classifiers, R² for regressors)
 * @error: return location for a #GError
 *
 * Scores @estimator by cross-validation.
 *
 * Returns: (transfer full): the score of every fold, a 1-D float64 array
 *   in split order; %NULL with %MP_ERROR_INVALID_ARGUMENT for an unknown
 *   @scoring, %MP_ERROR_INVALID_INPUT if @x or @y is unfit or cannot be
 *   split, or the error of the estimator's fit or predict on a fold (the
 *   message names the fold)
 *
 * Since: 0.1
 */
MpArray *
mp_cross_val_score (MpEstimator  *estimator,
                    MpArray      *x,
                    MpArray      *y,
                    MpSplitter   *cv,
                    const char   *scoring,
                    GError      **error)
{
  g_autoptr(MpSplitter) default_cv = NULL;
  g_autoptr(MpArray) checked = NULL;
  g_autoptr(GPtrArray) train = NULL;
  g_autoptr(GPtrArray) test = NULL;
  g_autofree gdouble *scores = NULL;
  Scorer scorer;
  gsize n_samples, n_splits;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (cv == NULL || MP_IS_SPLITTER (cv), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (scoring == NULL)
    scorer = SCORER_ESTIMATOR;
  else if (strcmp (scoring, "accuracy") == 0)
    scorer = SCORER_ACCURACY;
  else if (strcmp (scoring, "r2") == 0)
    scorer = SCORER_R2;
  else
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "scoring: unknown scorer '%s'; expected 'accuracy', 'r2' or None",
                   scoring);
      return NULL;
    }

  checked = _mp_estimator_check_samples (estimator, x, error);
  if (checked == NULL)
    return NULL;
  n_samples = mp_array_get_dim (checked, 0);

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: scoring needs the true labels or targets");
      return NULL;
    }
  if (!_mp_check_targets (y, n_samples, "y", error))
    return NULL;

  if (cv == NULL)
    cv = default_cv = mp_splitter_new_default (estimator, y);

  if (!mp_splitter_split (cv, n_samples, y, &train, &test, error))
    return NULL;

  n_splits = train->len;
  scores = g_new (gdouble, MAX (n_splits, 1));

  for (guint fold = 0; fold < n_splits; fold++)
    {
      g_autoptr(MpEstimator) model = mp_estimator_clone (estimator);
      g_autoptr(MpArray) x_train = _mp_array_take (checked, g_ptr_array_index (train, fold));
      g_autoptr(MpArray) y_train = _mp_array_take (y, g_ptr_array_index (train, fold));
      g_autoptr(MpArray) x_test = _mp_array_take (checked, g_ptr_array_index (test, fold));
      g_autoptr(MpArray) y_test = _mp_array_take (y, g_ptr_array_index (test, fold));
      g_autoptr(GError) fold_error = NULL;

      if (!mp_estimator_fit (model, x_train, y_train, &fold_error) ||
          !score_fold (model, scorer, x_test, y_test, &scores[fold], &fold_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&fold_error),
                                      "fold %u of %" G_GSIZE_FORMAT ": ", fold, n_splits);
          return NULL;
        }
    }

  return mp_array_new_take (MP_DTYPE_FLOAT64, &n_splits, 1, g_steal_pointer (&scores));
}
