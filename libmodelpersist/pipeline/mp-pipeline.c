/* mp-pipeline.c: steps applied one after another
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-pipeline.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-pipeline
 * @Title: MpPipeline
 * @Short_description: transformers chained in front of an estimator
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * MpArray *x = mp_dataset_get_data (wine);
 * g_autoptr(MpEstimatorList) steps = mp_estimator_list_new ();
 * g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();
 * g_autoptr(MpEstimator) svc = g_object_new (MP_TYPE_SVC, "c", 10.0, NULL);
 * g_autoptr(MpEstimator) pipeline = NULL;
 * g_autoptr(MpArray) labels = NULL;
 *
 * if (mp_estimator_list_append (steps, "scale", scaler, &error) &&
 *     mp_estimator_list_append (steps, "svc", svc, &error))
 *   pipeline = g_object_new (MP_TYPE_PIPELINE, "steps", steps, "verbose", FALSE, NULL);
 * if (pipeline != NULL && mp_estimator_fit (pipeline, x, mp_dataset_get_target (wine), &error))
 *   labels = mp_estimator_predict (pipeline, x, &error);   // scaled, then classified
 * if (labels == NULL)
 *   g_warning ("Pipeline: %s", error->message);
 * ]|
 *
 * #MpPipeline is scikit-learn's `Pipeline`: named steps, each but the last
 * a transformer (or the word `'passthrough'`), the last any estimator.
 * fit fits each transformer in turn on what the steps before it made of
 * the data (mp_estimator_fit_transform()) and then the last step; predict,
 * predict_proba, decision_function, transform, inverse_transform and score
 * send the samples through the same chain. The steps are fitted in place,
 * as scikit-learn's are without `memory`: after fit, the estimators in
 * #MpPipeline:steps are the fitted ones.
 *
 * What a pipeline offers and what it is follow its last step: a pipeline
 * ending in a classifier is a classifier with the classifier's
 * predict_proba, one ending in a transformer (or `'passthrough'`) a
 * transformer.
 *
 * ```c
 * g_autoptr(MpEstimatorList) steps = mp_estimator_list_new ();
 * mp_estimator_list_append (steps, "scale", scaler, &error);
 * mp_estimator_list_append (steps, "svc", svc, &error);
 * g_autoptr(MpEstimator) pipe = mp_pipeline_new (steps);
 * ```
 *
 * scikit-learn's `memory` (caching fitted transformers) is not a
 * parameter.
 */

struct _MpPipeline
{
  MpEstimator      parent_instance;

  MpEstimatorList *steps;
  gboolean         verbose;
};

G_DEFINE_FINAL_TYPE (MpPipeline, mp_pipeline, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpPipeline, member)

static const char * const step_words[] = { "passthrough", NULL };

static const MpPropertyDecl properties[] = {
  /**
   * MpPipeline:steps:
   *
   * The named steps, in order: transformers or `'passthrough'`, then the
   * final estimator (or `'passthrough'`).
   *
   * Since: 0.1
   */
  { .name = "steps", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ESTIMATORS,
    .offset = FIELD (steps), .words = step_words,
    .child_flags = MP_CHILD_FLAG_NAMED | MP_CHILD_FLAG_REQUIRED,
    .example = "scale=MpStandardScaler knn=MpKNeighborsClassifier" },
  /**
   * MpPipeline:verbose:
   *
   * Accepted for scikit-learn's signature; fit prints nothing.
   *
   * Since: 0.1
   */
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (verbose) },
};

static guint
n_steps (MpPipeline *self)
{
  return self->steps != NULL ? mp_estimator_list_get_n_items (self->steps) : 0;
}

/* The estimator of step @i, or NULL for 'passthrough'. */
static MpEstimator *
step (MpPipeline *self,
      guint       i)
{
  return mp_estimator_list_get_estimator (self->steps, i);
}

static MpEstimator *
last_step (MpPipeline *self)
{
  return n_steps (self) > 0 ? step (self, n_steps (self) - 1) : NULL;
}

static gboolean
step_error (MpPipeline  *self,
            guint        i,
            int          code,
            GError     **error,
            const char  *what)
{
  g_autofree char *text = mp_estimator_to_string (step (self, i));

  g_set_error (error, MP_ERROR, code, "steps[%u] ('%s'): %s %s", i,
               mp_estimator_list_get_name (self->steps, i), text, what);
  return FALSE;
}

/* scikit-learn's rule: every step but the last transforms. */
static gboolean
check_intermediate_steps (MpPipeline  *self,
                          int          code,
                          GError     **error)
{
  for (guint i = 0; i + 1 < n_steps (self); i++)
    if (step (self, i) != NULL &&
        !(mp_estimator_get_capabilities (step (self, i)) & MP_ESTIMATOR_CAN_TRANSFORM))
      return step_error (self, i, code, error,
                         "does not transform; every step but the last must (or be 'passthrough')");
  return TRUE;
}

/* @x through the transformers before the last step. Returns a new
 * reference (@x itself when every one is 'passthrough'). */
static MpArray *
through_transformers (MpPipeline  *self,
                      MpArray     *x,
                      GError     **error)
{
  g_autoptr(MpArray) current = mp_array_ref (x);

  for (guint i = 0; i + 1 < n_steps (self); i++)
    {
      MpArray *next;

      if (step (self, i) == NULL)
        continue;
      next = mp_estimator_transform (step (self, i), current, error);
      if (next == NULL)
        {
          g_prefix_error (error, "steps[%u] ('%s'): ", i, mp_estimator_list_get_name (self->steps, i));
          return NULL;
        }
      mp_array_unref (current);
      current = next;
    }
  return g_steal_pointer (&current);
}

static gboolean
mp_pipeline_fit (MpEstimator  *estimator,
                 MpArray      *x,
                 MpArray      *y,
                 GError      **error)
{
  MpPipeline *self = MP_PIPELINE (estimator);
  g_autoptr(MpArray) current = mp_array_ref (x);
  MpEstimator *last;

  if (!check_intermediate_steps (self, MP_ERROR_INVALID_ARGUMENT, error))
    return FALSE;

  for (guint i = 0; i + 1 < n_steps (self); i++)
    {
      MpArray *next;

      if (step (self, i) == NULL)
        continue;
      next = mp_estimator_fit_transform (step (self, i), current, y, error);
      if (next == NULL)
        {
          g_prefix_error (error, "steps[%u] ('%s'): ", i, mp_estimator_list_get_name (self->steps, i));
          return FALSE;
        }
      mp_array_unref (current);
      current = next;
    }

  last = last_step (self);
  if (last != NULL && !mp_estimator_fit (last, current, y, error))
    {
      g_prefix_error (error, "steps[%u] ('%s'): ", n_steps (self) - 1,
                      mp_estimator_list_get_name (self->steps, n_steps (self) - 1));
      return FALSE;
    }
  return TRUE;
}

typedef MpArray *(*FinalMethod) (MpEstimator  *self,
                                 MpArray      *x,
                                 GError      **error);

/* The transformers, then @method of the last step. */
static MpArray *
chain (MpEstimator  *estimator,
       MpArray      *x,
       FinalMethod   method,
       GError      **error)
{
  MpPipeline *self = MP_PIPELINE (estimator);
  g_autoptr(MpArray) current = through_transformers (self, x, error);
  MpArray *result;

  if (current == NULL)
    return NULL;
  if (last_step (self) == NULL)
    return g_steal_pointer (&current);

  result = method (last_step (self), current, error);
  if (result == NULL)
    g_prefix_error (error, "steps[%u] ('%s'): ", n_steps (self) - 1,
                    mp_estimator_list_get_name (self->steps, n_steps (self) - 1));
  return result;
}

static MpArray *
mp_pipeline_predict (MpEstimator  *estimator,
                     MpArray      *x,
                     GError      **error)
{
  return chain (estimator, x, mp_estimator_predict, error);
}

static MpArray *
mp_pipeline_predict_proba (MpEstimator  *estimator,
                           MpArray      *x,
                           GError      **error)
{
  return chain (estimator, x, mp_estimator_predict_proba, error);
}

static MpArray *
mp_pipeline_decision_function (MpEstimator  *estimator,
                               MpArray      *x,
                               GError      **error)
{
  return chain (estimator, x, mp_estimator_decision_function, error);
}

static MpArray *
mp_pipeline_transform (MpEstimator  *estimator,
                       MpArray      *x,
                       GError      **error)
{
  return chain (estimator, x, mp_estimator_transform, error);
}

/* Every step's inverse, last step first. */
static MpArray *
mp_pipeline_inverse_transform (MpEstimator  *estimator,
                               MpArray      *x,
                               GError      **error)
{
  MpPipeline *self = MP_PIPELINE (estimator);
  g_autoptr(MpArray) current = mp_array_ref (x);

  for (guint i = n_steps (self); i-- > 0;)
    {
      MpArray *next;

      if (step (self, i) == NULL)
        continue;
      next = mp_estimator_inverse_transform (step (self, i), current, error);
      if (next == NULL)
        {
          g_prefix_error (error, "steps[%u] ('%s'): ", i, mp_estimator_list_get_name (self->steps, i));
          return NULL;
        }
      mp_array_unref (current);
      current = next;
    }
  return g_steal_pointer (&current);
}

/* The last step's score (accuracy, R²...) on the transformed samples. */
static gboolean
mp_pipeline_score (MpEstimator  *estimator,
                   MpArray      *x,
                   MpArray      *y,
                   gdouble      *score,
                   GError      **error)
{
  MpPipeline *self = MP_PIPELINE (estimator);
  g_autoptr(MpArray) current = through_transformers (self, x, error);

  if (current == NULL)
    return FALSE;
  if (last_step (self) == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED,
                           "score: the last step is 'passthrough', which has no score");
      return FALSE;
    }
  return mp_estimator_score (last_step (self), current, y, score, error);
}

/* What the last step offers; 'passthrough' transforms both ways. An
 * intermediate step that cannot invert its transform takes
 * inverse_transform away, as in scikit-learn. */
static MpEstimatorCapabilities
mp_pipeline_get_capabilities (MpEstimator *estimator)
{
  MpPipeline *self = MP_PIPELINE (estimator);
  MpEstimatorCapabilities capabilities;

  if (n_steps (self) == 0)
    return MP_ESTIMATOR_CAN_NONE;
  capabilities = last_step (self) != NULL
                 ? mp_estimator_get_capabilities (last_step (self))
                 : MP_ESTIMATOR_CAN_TRANSFORM | MP_ESTIMATOR_CAN_INVERSE_TRANSFORM;
  for (guint i = 0; i + 1 < n_steps (self); i++)
    if (step (self, i) != NULL &&
        !(mp_estimator_get_capabilities (step (self, i)) & MP_ESTIMATOR_CAN_INVERSE_TRANSFORM))
      capabilities &= ~MP_ESTIMATOR_CAN_INVERSE_TRANSFORM;
  return capabilities;
}

static MpEstimatorKind
mp_pipeline_get_kind (MpEstimator *estimator)
{
  MpPipeline *self = MP_PIPELINE (estimator);

  if (n_steps (self) == 0)
    return MP_ESTIMATOR_KIND_UNKNOWN;
  if (last_step (self) == NULL)
    return MP_ESTIMATOR_KIND_TRANSFORMER;
  return mp_estimator_get_kind (last_step (self));
}

/* The children are validated first (the base class); what is left is that
 * a fitted pipeline's steps are fitted, transform where they must, and
 * take what the pipeline was fitted on. */
static gboolean
mp_pipeline_validate (MpEstimator  *estimator,
                      GError      **error)
{
  MpPipeline *self = MP_PIPELINE (estimator);
  gboolean first = TRUE;

  if (!MP_ESTIMATOR_CLASS (mp_pipeline_parent_class)->validate (estimator, error))
    return FALSE;
  if (!check_intermediate_steps (self, MP_ERROR_INVALID_STATE, error))
    return FALSE;

  for (guint i = 0; i < n_steps (self); i++)
    {
      MpEstimator *s = step (self, i);

      if (s == NULL)
        continue;
      if (!mp_estimator_is_fitted (s))
        return step_error (self, i, MP_ERROR_INVALID_STATE, error,
                           "is not fitted, in a fitted pipeline");
      if (first && mp_estimator_get_n_features_in (s) != mp_estimator_get_n_features_in (estimator))
        return step_error (self, i, MP_ERROR_INVALID_STATE, error,
                           "was fitted with another number of features than the pipeline");
      first = FALSE;
    }
  return TRUE;
}

static void
mp_pipeline_class_init (MpPipelineClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_pipeline_fit;
  estimator_class->predict = mp_pipeline_predict;
  estimator_class->predict_proba = mp_pipeline_predict_proba;
  estimator_class->decision_function = mp_pipeline_decision_function;
  estimator_class->transform = mp_pipeline_transform;
  estimator_class->inverse_transform = mp_pipeline_inverse_transform;
  estimator_class->score = mp_pipeline_score;
  estimator_class->get_capabilities = mp_pipeline_get_capabilities;
  estimator_class->get_kind = mp_pipeline_get_kind;
  estimator_class->validate = mp_pipeline_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  /* Its members check what they are given. */
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_ANY);
}

static void
mp_pipeline_init (MpPipeline *self)
{
}

/**
 * mp_pipeline_new:
 * @steps: (nullable): the named steps, or %NULL to set #MpPipeline:steps
 *   later
 *
 * Creates an #MpPipeline.
 *
 * Returns: (transfer full): a new #MpPipeline
 *
 * Since: 0.1
 */
MpEstimator *
mp_pipeline_new (MpEstimatorList *steps)
{
  return g_object_new (MP_TYPE_PIPELINE, "steps", steps, NULL);
}
