/* mp-dummy-classifier.c: a baseline classifier that ignores the features
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-dummy-classifier.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-dummy-classifier
 * @Title: MpDummyClassifier
 * @Short_description: a baseline that predicts the most frequent class
 *
 * #MpDummyClassifier is scikit-learn's `DummyClassifier`: it learns the
 * class frequencies and predicts the most frequent class for every sample.
 * Use it as the baseline a real model has to beat.
 */

struct _MpDummyClassifier
{
  MpEstimator      parent_instance;

  MpDummyStrategy  strategy;

  MpArray         *classes;
  MpArray         *class_prior;
};

G_DEFINE_FINAL_TYPE (MpDummyClassifier, mp_dummy_classifier, MP_TYPE_ESTIMATOR)

enum {
  PROP_0,
  PROP_STRATEGY,
  PROP_CLASSES,
  PROP_CLASS_PRIOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
mp_dummy_classifier_fit (MpEstimator  *estimator,
                         MpArray      *x,
                         MpArray      *y,
                         GError      **error)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (estimator);
  g_autoptr(MpArray) classes = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree gdouble *prior = NULL;
  gsize n_samples, n_classes;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: DummyClassifier needs labels");
      return FALSE;
    }

  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;

  n_samples = mp_array_get_n_elements (y);
  n_classes = mp_array_get_n_elements (classes);
  prior = g_new0 (gdouble, n_classes);
  for (gsize i = 0; i < n_samples; i++)
    prior[indices[i]] += 1.0;
  for (gsize k = 0; k < n_classes; k++)
    prior[k] /= (gdouble) n_samples;

  g_clear_pointer (&self->classes, mp_array_unref);
  g_clear_pointer (&self->class_prior, mp_array_unref);
  self->classes = g_steal_pointer (&classes);
  self->class_prior = mp_array_new_take (MP_DTYPE_FLOAT64, &n_classes, 1,
                                         g_steal_pointer (&prior));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_PRIOR]);

  return TRUE;
}

static MpArray *
mp_dummy_classifier_predict (MpEstimator  *estimator,
                             MpArray      *x,
                             GError      **error)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (estimator);
  const gdouble *prior = mp_array_get_float64_data (self->class_prior);
  gsize n_classes = mp_array_get_n_elements (self->class_prior);
  gsize n_samples = mp_array_get_dim (x, 0);
  g_autofree gint32 *indices = g_new (gint32, n_samples);
  gint32 best = 0;

  /* Ties go to the first (smallest) class, as numpy's argmax does. */
  for (gsize k = 1; k < n_classes; k++)
    if (prior[k] > prior[best])
      best = (gint32) k;

  for (gsize i = 0; i < n_samples; i++)
    indices[i] = best;

  return _mp_decode_labels (self->classes, indices, n_samples);
}

static gboolean
mp_dummy_classifier_validate (MpEstimator  *estimator,
                              GError      **error)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (estimator);
  gsize n_classes;

  if (!MP_ESTIMATOR_CLASS (mp_dummy_classifier_parent_class)->validate (estimator, error))
    return FALSE;

  if (!_mp_check_classes (self->classes, 1, error))
    return FALSE;

  n_classes = mp_array_get_dim (self->classes, 0);
  return _mp_check_state_array (self->class_prior, "class_prior_", MP_DTYPE_FLOAT64,
                                1, n_classes, G_MAXSIZE, error);
}

static void
mp_dummy_classifier_finalize (GObject *object)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (object);

  g_clear_pointer (&self->classes, mp_array_unref);
  g_clear_pointer (&self->class_prior, mp_array_unref);

  G_OBJECT_CLASS (mp_dummy_classifier_parent_class)->finalize (object);
}

static void
mp_dummy_classifier_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_enum (value, self->strategy);
      break;

    case PROP_CLASSES:
      g_value_set_boxed (value, self->classes);
      break;

    case PROP_CLASS_PRIOR:
      g_value_set_boxed (value, self->class_prior);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_dummy_classifier_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      if (self->strategy != (MpDummyStrategy) g_value_get_enum (value))
        {
          self->strategy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CLASSES:
      _mp_estimator_replace_array (MP_ESTIMATOR (self), &self->classes, g_value_get_boxed (value), pspec);
      break;

    case PROP_CLASS_PRIOR:
      _mp_estimator_replace_array (MP_ESTIMATOR (self), &self->class_prior, g_value_get_boxed (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_dummy_classifier_class_init (MpDummyClassifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  object_class->finalize = mp_dummy_classifier_finalize;
  object_class->get_property = mp_dummy_classifier_get_property;
  object_class->set_property = mp_dummy_classifier_set_property;

  estimator_class->fit = mp_dummy_classifier_fit;
  estimator_class->predict = mp_dummy_classifier_predict;
  estimator_class->validate = mp_dummy_classifier_validate;

  /**
   * MpDummyClassifier:strategy:
   *
   * How to predict; see #MpDummyStrategy.
   *
   * Since: 1.0
   */
  properties[PROP_STRATEGY] =
    g_param_spec_enum ("strategy", NULL, NULL,
                       MP_TYPE_DUMMY_STRATEGY, MP_DUMMY_STRATEGY_PRIOR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpDummyClassifier:classes:
   *
   * The distinct training labels, sorted (`classes_`).
   *
   * Since: 1.0
   */
  properties[PROP_CLASSES] =
    g_param_spec_boxed ("classes", NULL, NULL,
                        MP_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpDummyClassifier:class-prior:
   *
   * The fraction of training samples in each class (`class_prior_`).
   *
   * Since: 1.0
   */
  properties[PROP_CLASS_PRIOR] =
    g_param_spec_boxed ("class-prior", NULL, NULL,
                        MP_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  mp_estimator_class_set_property_role (estimator_class, "strategy",
                                        MP_PROPERTY_ROLE_HYPERPARAMETER, NULL);
  mp_estimator_class_set_property_role (estimator_class, "classes",
                                        MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (estimator_class, "class-prior",
                                        MP_PROPERTY_ROLE_FITTED, NULL);
}

static void
mp_dummy_classifier_init (MpDummyClassifier *self)
{
  self->strategy = MP_DUMMY_STRATEGY_PRIOR;
}

/**
 * mp_dummy_classifier_new:
 *
 * Creates a #MpDummyClassifier with the `'prior'` strategy.
 *
 * Returns: (transfer full): a new #MpDummyClassifier
 *
 * Since: 1.0
 */
MpEstimator *
mp_dummy_classifier_new (void)
{
  return g_object_new (MP_TYPE_DUMMY_CLASSIFIER, NULL);
}
