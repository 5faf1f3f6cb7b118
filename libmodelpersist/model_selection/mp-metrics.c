/* mp-metrics.c: scores of predictions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-array-private.h"
#include "mp-error.h"
#include "mp-metrics.h"
#include "mp-pairwise-sum-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-metrics
 * @Title: Metrics
 * @Short_description: how good predictions are
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * MpArray *y = mp_dataset_get_target (iris);
 * g_autoptr(MpEstimator) tree = g_object_new (MP_TYPE_DECISION_TREE_CLASSIFIER,
 *                                             "max-depth", (gint64) 2, NULL);
 * g_autoptr(MpArray) predicted = NULL;
 * double accuracy = 0.0;
 *
 * if (mp_estimator_fit (tree, x, y, &error))
 *   predicted = mp_estimator_predict (tree, x, &error);
 * if (predicted != NULL)   // the fraction of labels predicted right, 0.96 here
 *   accuracy = mp_accuracy_score (y, predicted, &error);
 * if (error != NULL)
 *   g_warning ("%s", error->message);
 * ]|
 *
 * The scores scikit-learn's `sklearn.metrics` computes and
 * mp_cross_val_score() reports: mp_accuracy_score() for classifiers and
 * mp_r2_score() for regressors. Higher is better for both.
 *
 * Both return a number directly, so bindings see a plain float; on error
 * they return NaN and set @error.
 */

static gboolean
check_pair (MpArray     *y_true,
            MpArray     *y_pred,
            GError     **error)
{
  gsize n = mp_array_get_n_dims (y_true) >= 1 ? mp_array_get_dim (y_true, 0) : 0;

  if (!_mp_check_targets (y_true, n, "y_true", error) ||
      !_mp_check_targets (y_pred, n, "y_pred", error))
    return FALSE;

  if (n == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y_true: there are no samples to score");
      return FALSE;
    }

  return TRUE;
}

/**
 * mp_accuracy_score:
 * @y_true: the true class labels, a 1-D array
 * @y_pred: the predicted labels, as many as @y_true
 * @error: return location for a #GError
 *
 * The fraction of samples whose predicted label equals the true one,
 * scikit-learn's `accuracy_score(y_true, y_pred)`. Labels compare by value,
 * whatever their dtypes; string labels compare as text and only with
 * string labels.
 *
 * Returns: the accuracy, between 0 and 1; NaN with
 *   %MP_ERROR_INVALID_INPUT if the arrays differ in length, are empty, hold
 *   non-finite values or values that are not class labels (numbers with a
 *   fractional part, which scikit-learn calls continuous), or one holds
 *   strings and the other numbers
 *
 * Since: 0.1
 */
gdouble
mp_accuracy_score (MpArray  *y_true,
                   MpArray  *y_pred,
                   GError  **error)
{
  gsize n, correct = 0;

  g_return_val_if_fail (y_true != NULL, NAN);
  g_return_val_if_fail (y_pred != NULL, NAN);
  g_return_val_if_fail (error == NULL || *error == NULL, NAN);

  if (!check_pair (y_true, y_pred, error))
    return NAN;

  /* As scikit-learn: text never equals a number, so mixing them is the
   * caller's mistake rather than a score of 0. */
  if ((mp_array_get_dtype (y_true) == MP_DTYPE_STRING) != (mp_array_get_dtype (y_pred) == MP_DTYPE_STRING))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "y_pred: labels are %s but those of y_true are %s; they must be of the same kind",
                   mp_array_get_dtype (y_pred) == MP_DTYPE_STRING ? "strings" : "numbers",
                   mp_array_get_dtype (y_true) == MP_DTYPE_STRING ? "strings" : "numbers");
      return NAN;
    }

  if (!_mp_labels_are_discrete (y_true) || !_mp_labels_are_discrete (y_pred))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "%s: accuracy needs class labels, got continuous values",
                   _mp_labels_are_discrete (y_true) ? "y_pred" : "y_true");
      return NAN;
    }

  n = mp_array_get_dim (y_true, 0);
  for (gsize i = 0; i < n; i++)
    if (_mp_array_elements_equal (y_true, i, y_pred, i))
      correct++;

  return (gdouble) correct / (gdouble) n;
}

/**
 * mp_r2_score:
 * @y_true: the true target values, a 1-D array
 * @y_pred: the predicted values, as many as @y_true
 * @error: return location for a #GError
 *
 * The coefficient of determination R² = 1 - Σ(y - ŷ)² / Σ(y - ȳ)²,
 * scikit-learn's `r2_score(y_true, y_pred)`: 1 for perfect predictions, 0
 * for always predicting the mean, negative for worse. As in scikit-learn,
 * a constant @y_true scores 1 when predicted exactly and 0 otherwise, and
 * fewer than two samples give NaN without an error (R² is undefined
 * there).
 *
 * Returns: R²; NaN with %MP_ERROR_INVALID_INPUT if the arrays differ in
 *   length, are empty, hold non-finite values or strings
 *
 * Since: 0.1
 */
gdouble
mp_r2_score (MpArray  *y_true,
             MpArray  *y_pred,
             GError  **error)
{
  g_autofree gdouble *terms = NULL;
  gdouble mean, numerator, denominator;
  gsize n;

  g_return_val_if_fail (y_true != NULL, NAN);
  g_return_val_if_fail (y_pred != NULL, NAN);
  g_return_val_if_fail (error == NULL || *error == NULL, NAN);

  if (!check_pair (y_true, y_pred, error))
    return NAN;

  if (mp_array_get_dtype (y_true) == MP_DTYPE_STRING || mp_array_get_dtype (y_pred) == MP_DTYPE_STRING)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "%s: R² needs numbers, got strings",
                   mp_array_get_dtype (y_true) == MP_DTYPE_STRING ? "y_true" : "y_pred");
      return NAN;
    }

  n = mp_array_get_dim (y_true, 0);
  if (n < 2)
    return NAN;

  terms = g_new (gdouble, n);
  for (gsize i = 0; i < n; i++)
    {
      gdouble residual = mp_array_get_double (y_true, i) - mp_array_get_double (y_pred, i);
      terms[i] = residual * residual;
    }
  numerator = _mp_pairwise_sum (terms, n);

  for (gsize i = 0; i < n; i++)
    terms[i] = mp_array_get_double (y_true, i);
  mean = _mp_pairwise_sum (terms, n) / (gdouble) n;

  for (gsize i = 0; i < n; i++)
    {
      gdouble deviation = mp_array_get_double (y_true, i) - mean;
      terms[i] = deviation * deviation;
    }
  denominator = _mp_pairwise_sum (terms, n);

  if (numerator == 0.0)
    return 1.0;
  if (denominator == 0.0)
    return 0.0;
  return 1.0 - numerator / denominator;
}
