/* mp-model-verification.c: re-running a model's recorded cross-validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-cross-validation.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-model-info-private.h"
#include "mp-model-verification.h"
#include "mp-pyrepr-private.h"

/**
 * SECTION:mp-model-verification
 * @Title: MpModelVerification
 * @Short_description: checking that a model can still be reproduced
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * MpArray *y = mp_dataset_get_target (iris);
 * g_autoptr(MpEstimator) svc = mp_svc_new ();
 * g_autoptr(MpModelInfo) info = mp_model_info_new ();
 * g_autoptr(MpArray) scores = NULL;
 * g_autoptr(MpModelVerification) check = NULL;
 *
 * // record when training; later (after a load) re-run and compare
 * if (mp_model_info_set_training_data (info, x, y, NULL, &error) &&
 *     (scores = mp_model_info_record_cross_validation (info, svc, x, y, NULL, NULL, &error)) &&
 *     mp_estimator_fit (svc, x, y, &error))
 *   check = mp_model_verify (svc, info, x, y, 1e-9, &error);
 * if (check == NULL)
 *   g_warning ("%s", error->message);
 * else if (!mp_model_verification_get_passed (check))
 *   g_warning ("the model no longer reproduces its recorded scores");
 * ]|
 *
 * mp_model_verify() answers the question scikit-learn's documentation
 * asks of a model saved with its metadata: does the cross-validation of
 * this estimator on this data still give the scores recorded when the
 * model was made? It checks the data against the recorded fingerprint,
 * rebuilds the recorded splitter (same folds, same seed), re-runs the
 * cross-validation on clones of the estimator and compares every fold's
 * score with the recorded one. The result is an #MpModelVerification:
 * whether everything matched, which parts of the data differ, the new
 * scores and their per-fold differences.
 */

struct _MpModelVerification
{
  GObject     parent_instance;

  gboolean    data_checked;
  GPtrArray  *data_mismatches;
  MpArray    *scores;
  MpArray    *recorded;
  MpArray    *differences;
  gdouble     max_difference;
  gdouble     tolerance;
  gboolean    scores_match;
  char       *splitter;
  char       *scoring;
};

G_DEFINE_FINAL_TYPE (MpModelVerification, mp_model_verification, G_TYPE_OBJECT)

static void
mp_model_verification_finalize (GObject *object)
{
  MpModelVerification *self = MP_MODEL_VERIFICATION (object);

  g_clear_pointer (&self->data_mismatches, g_ptr_array_unref);
  g_clear_pointer (&self->scores, mp_array_unref);
  g_clear_pointer (&self->recorded, mp_array_unref);
  g_clear_pointer (&self->differences, mp_array_unref);
  g_clear_pointer (&self->splitter, g_free);
  g_clear_pointer (&self->scoring, g_free);

  G_OBJECT_CLASS (mp_model_verification_parent_class)->finalize (object);
}

static void
mp_model_verification_class_init (MpModelVerificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_model_verification_finalize;
}

static void
mp_model_verification_init (MpModelVerification *self)
{
  self->data_mismatches = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/* A splitter that shuffles without a fixed seed draws new folds on every
 * run: its scores cannot be reproduced. */
static gboolean
is_reproducible (MpSplitter *cv)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (cv);
  GParamSpec *seed = g_object_class_find_property (klass, "random-state");
  GParamSpec *shuffle = g_object_class_find_property (klass, "shuffle");
  gint64 state;

  if (seed == NULL || !G_IS_PARAM_SPEC_INT64 (seed) || !_mp_param_spec_allows_none (seed))
    return TRUE;
  g_object_get (cv, "random-state", &state, NULL);
  if (state != -1)
    return TRUE;
  if (shuffle != NULL && G_IS_PARAM_SPEC_BOOLEAN (shuffle))
    {
      gboolean shuffled;

      g_object_get (cv, "shuffle", &shuffled, NULL);
      return !shuffled;
    }
  return FALSE;
}

static gboolean
scores_agree (gdouble  recorded,
              gdouble  computed,
              gdouble  tolerance,
              gdouble *difference)
{
  *difference = computed - recorded;
  if (isnan (recorded) || isnan (computed))
    return isnan (recorded) && isnan (computed);
  if (isinf (recorded) || isinf (computed))
    return recorded == computed;
  return fabs (*difference) <= tolerance;
}

/**
 * mp_model_verify:
 * @estimator: the estimator whose hyperparameters to cross-validate, such
 *   as the loaded model; it is cloned, never refitted
 * @info: the model's info, with a cross-validation record
 * @x: the training samples
 * @y: (nullable): the training labels or targets
 * @tolerance: the largest absolute difference between a recomputed and a
 *   recorded fold score that still counts as a match (0 demands equal
 *   scores; 1e-9 absorbs rounding differences between machines)
 * @error: return location for a #GError
 *
 * Re-runs the cross-validation recorded in @info and compares it with the
 * record. If @info has a training-data fingerprint, @x and @y are checked
 * against it first; a mismatch is reported in the result (and fails it),
 * and the cross-validation still runs so that the scores can be compared.
 * The recorded splitter is rebuilt with its parameters and seed, and each
 * fold is fitted on a clone of @estimator, exactly as
 * mp_cross_val_score() does.
 *
 * Returns: (transfer full): the outcome, see
 *   mp_model_verification_get_passed(); or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if @info has no cross-validation record,
 *   if @tolerance is negative or not finite, or if the record used a
 *   shuffling splitter without a random_state (its folds cannot be
 *   reproduced); %MP_ERROR_INVALID_VALUE if the record's splitter makes a
 *   different number of folds than it has scores; %MP_ERROR_UNKNOWN_TYPE
 *   if the splitter type is not registered; or the errors of
 *   mp_cross_val_score()
 *
 * Since: 0.1
 */
MpModelVerification *
mp_model_verify (MpEstimator  *estimator,
                 MpModelInfo  *info,
                 MpArray      *x,
                 MpArray      *y,
                 gdouble       tolerance,
                 GError      **error)
{
  g_autoptr(MpModelVerification) self = NULL;
  g_autoptr(MpSplitter) cv = NULL;
  g_autoptr(MpArray) recorded = NULL;
  g_autoptr(MpArray) scores = NULL;
  g_autofree gdouble *differences = NULL;
  const gdouble *new_scores, *old_scores;
  gsize n;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);
  g_return_val_if_fail (MP_IS_MODEL_INFO (info), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!isfinite (tolerance) || tolerance < 0.0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "tolerance: must be a finite number >= 0");
      return NULL;
    }
  if (!mp_model_info_has_cross_validation (info))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "info: no cross-validation is recorded, nothing to verify");
      return NULL;
    }

  cv = mp_model_info_create_splitter (info, error);
  if (cv == NULL)
    return NULL;

  if (!is_reproducible (cv))
    {
      g_autofree char *text = mp_splitter_to_string (cv);

      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "info: the recorded splitter %s shuffles without a random_state, so its "
                   "folds cannot be reproduced; record cross-validation with a fixed "
                   "random_state to make it verifiable", text);
      return NULL;
    }

  recorded = mp_model_info_get_cv_scores (info);
  n = mp_array_get_n_elements (recorded);
  if (mp_splitter_get_n_splits (cv) != n)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "info: cross_validation records %" G_GSIZE_FORMAT " scores but its splitter "
                   "makes %u folds", n, mp_splitter_get_n_splits (cv));
      return NULL;
    }

  self = g_object_new (MP_TYPE_MODEL_VERIFICATION, NULL);
  self->tolerance = tolerance;
  self->splitter = mp_splitter_to_string (cv);
  self->scoring = g_strdup (mp_model_info_get_scoring (info));

  if (mp_model_info_has_training_data (info))
    {
      g_autoptr(GPtrArray) diffs = _mp_model_info_diff_training_data (info, x, y);

      self->data_checked = TRUE;
      for (guint i = 0; i < diffs->len; i++)
        g_ptr_array_add (self->data_mismatches, g_strdup (g_ptr_array_index (diffs, i)));
    }

  scores = mp_cross_val_score (estimator, x, y, cv, mp_model_info_get_scoring (info), error);
  if (scores == NULL)
    return NULL;
  if (mp_array_get_n_elements (scores) != n)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE,
                   "info: the splitter made %" G_GSIZE_FORMAT " folds, %" G_GSIZE_FORMAT
                   " were recorded", mp_array_get_n_elements (scores), n);
      return NULL;
    }

  new_scores = mp_array_get_data (scores, NULL);
  old_scores = mp_array_get_data (recorded, NULL);
  differences = g_new (gdouble, n);
  self->scores_match = TRUE;
  self->max_difference = 0.0;
  for (gsize i = 0; i < n; i++)
    {
      gboolean same = scores_agree (old_scores[i], new_scores[i], tolerance, &differences[i]);

      self->scores_match &= same;
      if (isnan (differences[i]))
        {
          if (!same)      /* NaN against a number */
            self->max_difference = INFINITY;
        }
      else
        self->max_difference = MAX (self->max_difference, fabs (differences[i]));
    }

  self->scores = g_steal_pointer (&scores);
  self->recorded = g_steal_pointer (&recorded);
  self->differences = mp_array_new_take (MP_DTYPE_FLOAT64, &n, 1, g_steal_pointer (&differences));
  return g_steal_pointer (&self);
}

/**
 * mp_model_verification_get_passed:
 * @self: an #MpModelVerification
 *
 * Tells whether the verification passed: the data matched the recorded
 * fingerprint (when one was recorded) and every fold's score matched
 * within the tolerance.
 *
 * Returns: %TRUE if the model was reproduced
 *
 * Since: 0.1
 */
gboolean
mp_model_verification_get_passed (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), FALSE);

  return self->scores_match && self->data_mismatches->len == 0;
}

/**
 * mp_model_verification_get_data_checked:
 * @self: an #MpModelVerification
 *
 * Tells whether the data was compared with a fingerprint.
 *
 * Returns: %TRUE if the info had a training-data fingerprint to compare
 *
 * Since: 0.1
 */
gboolean
mp_model_verification_get_data_checked (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), FALSE);

  return self->data_checked;
}

/**
 * mp_model_verification_get_data_matches:
 * @self: an #MpModelVerification
 *
 * Tells whether the data matched the recorded fingerprint.
 *
 * Returns: %TRUE if the data matched, or if no fingerprint was recorded
 *
 * Since: 0.1
 */
gboolean
mp_model_verification_get_data_matches (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), FALSE);

  return self->data_mismatches->len == 0;
}

/**
 * mp_model_verification_get_data_mismatches:
 * @self: an #MpModelVerification
 *
 * Lists how the data differs from the recorded fingerprint, one message
 * per difference (`X: shape [150, 4] recorded, [149, 4] given`,
 * `y: content differs (...)`).
 *
 * Returns: (transfer none) (array zero-terminated=1): the differences;
 *   empty if the data matched
 *
 * Since: 0.1
 */
const char * const *
mp_model_verification_get_data_mismatches (MpModelVerification *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), NULL);

  if (self->data_mismatches->len == 0)
    return none;
  return (const char * const *) self->data_mismatches->pdata;
}

/**
 * mp_model_verification_get_scores_match:
 * @self: an #MpModelVerification
 *
 * Tells whether every recomputed fold score is within the tolerance of
 * the recorded one.
 *
 * Returns: %TRUE if all folds matched
 *
 * Since: 0.1
 */
gboolean
mp_model_verification_get_scores_match (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), FALSE);

  return self->scores_match;
}

/**
 * mp_model_verification_get_scores:
 * @self: an #MpModelVerification
 *
 * Reads the recomputed per-fold scores.
 *
 * Returns: (transfer full): the scores of the re-run, one per fold
 *
 * Since: 0.1
 */
MpArray *
mp_model_verification_get_scores (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), NULL);

  return mp_array_ref (self->scores);
}

/**
 * mp_model_verification_get_recorded_scores:
 * @self: an #MpModelVerification
 *
 * Reads the recorded per-fold scores the re-run was compared with.
 *
 * Returns: (transfer full): the recorded scores
 *
 * Since: 0.1
 */
MpArray *
mp_model_verification_get_recorded_scores (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), NULL);

  return mp_array_ref (self->recorded);
}

/**
 * mp_model_verification_get_differences:
 * @self: an #MpModelVerification
 *
 * Reads the per-fold differences, recomputed minus recorded.
 *
 * Returns: (transfer full): one difference per fold
 *
 * Since: 0.1
 */
MpArray *
mp_model_verification_get_differences (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), NULL);

  return mp_array_ref (self->differences);
}

/**
 * mp_model_verification_get_max_difference:
 * @self: an #MpModelVerification
 *
 * Reads the largest absolute per-fold difference.
 *
 * Returns: the largest absolute difference (infinity if a fold's score is
 *   NaN on one side only)
 *
 * Since: 0.1
 */
gdouble
mp_model_verification_get_max_difference (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), 0.0);

  return self->max_difference;
}

/**
 * mp_model_verification_get_tolerance:
 * @self: an #MpModelVerification
 *
 * Reads the tolerance the scores were compared with.
 *
 * Returns: the tolerance given to mp_model_verify()
 *
 * Since: 0.1
 */
gdouble
mp_model_verification_get_tolerance (MpModelVerification *self)
{
  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), 0.0);

  return self->tolerance;
}

/**
 * mp_model_verification_to_string:
 * @self: an #MpModelVerification
 *
 * Formats the outcome for people: passed or failed, the splitter and
 * scorer, each data mismatch, and each fold with its recorded score,
 * recomputed score and difference.
 *
 * Returns: (transfer full): a multi-line summary
 *
 * Since: 0.1
 */
char *
mp_model_verification_to_string (MpModelVerification *self)
{
  GString *out;
  const gdouble *s, *r, *d;
  gsize n;

  g_return_val_if_fail (MP_IS_MODEL_VERIFICATION (self), NULL);

  out = g_string_new (mp_model_verification_get_passed (self) ? "passed" : "FAILED");
  g_string_append_printf (out, ": %s, scoring=%s, tolerance=", self->splitter,
                          self->scoring != NULL ? self->scoring : "None");
  _mp_pyrepr_append_float (out, self->tolerance);
  g_string_append_c (out, '\n');

  if (!self->data_checked)
    g_string_append (out, "data: no fingerprint recorded, not checked\n");
  else if (self->data_mismatches->len == 0)
    g_string_append (out, "data: matches the recorded fingerprint\n");
  for (guint i = 0; i < self->data_mismatches->len; i++)
    g_string_append_printf (out, "data: %s\n", (char *) g_ptr_array_index (self->data_mismatches, i));

  s = mp_array_get_data (self->scores, NULL);
  r = mp_array_get_data (self->recorded, NULL);
  d = mp_array_get_data (self->differences, NULL);
  n = mp_array_get_n_elements (self->scores);
  for (gsize i = 0; i < n; i++)
    {
      g_string_append_printf (out, "fold %" G_GSIZE_FORMAT ": recorded ", i);
      _mp_pyrepr_append_float (out, r[i]);
      g_string_append (out, ", now ");
      _mp_pyrepr_append_float (out, s[i]);
      g_string_append (out, ", difference ");
      _mp_pyrepr_append_float (out, d[i]);
      g_string_append (out, fabs (d[i]) <= self->tolerance ||
                            (isnan (r[i]) && isnan (s[i])) ? "\n" : "  (out of tolerance)\n");
    }
  return g_string_free (out, FALSE);
}
