/* mp-dummy-classifier.c: a baseline classifier that ignores the features
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-dummy-classifier.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-labels-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-dummy-classifier
 * @Title: MpDummyClassifier
 * @Short_description: a baseline that predicts the most frequent class
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) wine = mp_load_wine (&error);
 * MpArray *x = mp_dataset_get_data (wine);
 * g_autoptr(MpEstimator) baseline = g_object_new (MP_TYPE_DUMMY_CLASSIFIER,
 *                                                 "strategy", "prior",
 *                                                 NULL);
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_fit (baseline, x, mp_dataset_get_target (wine), &error))
 *   proba = mp_estimator_predict_proba (baseline, x, &error);   // the class frequencies
 * if (proba == NULL)
 *   g_warning ("DummyClassifier: %s", error->message);
 * ]|
 *
 * #MpDummyClassifier is scikit-learn's `DummyClassifier`: it learns the
 * class frequencies and predicts the most frequent class for every sample;
 * mp_estimator_predict_proba() gives the frequencies (`'prior'`) or all
 * of the probability to that class (`'most_frequent'`).
 * Use it as the baseline a real model has to beat.
 */

struct _MpDummyClassifier
{
  MpEstimator      parent_instance;

  MpEnumField      strategy;   /* MpDummyStrategy */

  MpArray         *classes;
  MpArray         *class_prior;
};

G_DEFINE_FINAL_TYPE (MpDummyClassifier, mp_dummy_classifier, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpDummyClassifier, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpDummyClassifier:strategy:
   *
   * How to predict: a word of #MpDummyStrategy, `prior` (the default) or
   * `most_frequent`. Any other text is kept as given and refused by fit
   * and by the loader. From C, mp_estimator_set_enum() sets it
   * from the enum.
   *
   * Since: 0.1
   */
  { .name = "strategy", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ENUM,
    .offset = FIELD (strategy), .enum_type = mp_dummy_strategy_get_type,
    .default_number = MP_DUMMY_STRATEGY_PRIOR },
  /**
   * MpDummyClassifier:classes:
   *
   * The distinct training labels, sorted (`classes_`).
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_NON_EMPTY },
  /**
   * MpDummyClassifier:class-prior:
   *
   * The fraction of training samples in each class (`class_prior_`).
   *
   * Since: 0.1
   */
  { .name = "class-prior", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (class_prior), .dtypes = "float64", .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_DISTRIBUTION },
};

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
  g_autoptr(MpArray) prior_array = NULL;
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

  prior_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_classes, 1, g_steal_pointer (&prior));
  g_object_set (self, "classes", classes, "class-prior", prior_array, NULL);

  return TRUE;
}

/* The most frequent class; ties go to the first (smallest) class, as
 * numpy's argmax does. */
static gint32
most_frequent (MpDummyClassifier *self)
{
  const gdouble *prior = mp_array_get_float64_data (self->class_prior);
  gsize n_classes = mp_array_get_n_elements (self->class_prior);
  gint32 best = 0;

  for (gsize k = 1; k < n_classes; k++)
    if (prior[k] > prior[best])
      best = (gint32) k;
  return best;
}

static MpArray *
mp_dummy_classifier_predict (MpEstimator  *estimator,
                             MpArray      *x,
                             GError      **error)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  g_autofree gint32 *indices = g_new (gint32, n_samples);
  gint32 best = most_frequent (self);

  for (gsize i = 0; i < n_samples; i++)
    indices[i] = best;

  return _mp_decode_labels (self->classes, indices, n_samples);
}

/* 'prior' gives every sample the class frequencies, 'most_frequent' all
 * the probability to the most frequent class. */
static MpArray *
mp_dummy_classifier_predict_proba (MpEstimator  *estimator,
                                   MpArray      *x,
                                   GError      **error)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (estimator);
  const gdouble *prior = mp_array_get_float64_data (self->class_prior);
  gsize shape[2] = { mp_array_get_dim (x, 0), mp_array_get_n_elements (self->class_prior) };
  gsize n_out;
  gint32 best;
  gdouble *out;

  if (!g_size_checked_mul (&n_out, shape[0], shape[1]) || n_out > G_MAXSIZE / sizeof (gdouble))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples of %" G_GSIZE_FORMAT " classes is too many",
                   shape[0], shape[1]);
      return NULL;
    }

  best = most_frequent (self);
  out = g_new0 (gdouble, MAX (n_out, 1));
  for (gsize i = 0; i < shape[0]; i++)
    {
      gdouble *row = out + i * shape[1];

      if (self->strategy.value == MP_DUMMY_STRATEGY_MOST_FREQUENT)
        row[best] = 1.0;
      else
        memcpy (row, prior, shape[1] * sizeof (gdouble));
    }

  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

/* Everything else about the fitted state is declared in the table. */
static gboolean
mp_dummy_classifier_validate (MpEstimator  *estimator,
                              GError      **error)
{
  MpDummyClassifier *self = MP_DUMMY_CLASSIFIER (estimator);

  if (!MP_ESTIMATOR_CLASS (mp_dummy_classifier_parent_class)->validate (estimator, error))
    return FALSE;

  /* predict's class indices are gint32 */
  if (mp_array_get_n_elements (self->classes) > G_MAXINT32)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "classes_: %" G_GSIZE_FORMAT " classes is more than supported",
                   mp_array_get_n_elements (self->classes));
      return FALSE;
    }
  return TRUE;
}

static void
mp_dummy_classifier_class_init (MpDummyClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_dummy_classifier_fit;
  estimator_class->predict = mp_dummy_classifier_predict;
  estimator_class->predict_proba = mp_dummy_classifier_predict_proba;
  estimator_class->validate = mp_dummy_classifier_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
}

static void
mp_dummy_classifier_init (MpDummyClassifier *self)
{
}

/**
 * mp_dummy_classifier_new:
 *
 * Creates a #MpDummyClassifier with the `'prior'` strategy.
 *
 * Returns: (transfer full): a new #MpDummyClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_dummy_classifier_new (void)
{
  return g_object_new (MP_TYPE_DUMMY_CLASSIFIER, NULL);
}

