/* mp-voting-classifier.c: a classifier that lets other classifiers vote
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-labels-private.h"
#include "mp-property-table-private.h"
#include "mp-voting-classifier.h"

/**
 * SECTION:mp-voting-classifier
 * @Title: MpVotingClassifier
 * @Short_description: an ensemble where classifiers vote
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * g_autoptr(MpEstimatorList) voters = mp_estimator_list_new ();
 * g_autoptr(MpEstimator) svc = g_object_new (MP_TYPE_SVC, "probability", TRUE, NULL);
 * g_autoptr(MpEstimator) knn = g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER, "n-neighbors", 5, NULL);
 * g_autoptr(MpEstimator) vote = NULL;
 * g_autoptr(MpArray) proba = NULL;
 *
 * if (mp_estimator_list_append (voters, "svc", svc, &error) &&
 *     mp_estimator_list_append (voters, "knn", knn, &error))
 *   vote = g_object_new (MP_TYPE_VOTING_CLASSIFIER, "estimators", voters, "voting", "soft", NULL);
 * if (vote != NULL && mp_estimator_fit (vote, x, mp_dataset_get_target (iris), &error))
 *   proba = mp_estimator_predict_proba (vote, x, &error);   // the average of both
 * if (proba == NULL)
 *   g_warning ("VotingClassifier: %s", error->message);
 * ]|
 *
 * #MpVotingClassifier is scikit-learn's `VotingClassifier`: fit clones
 * each of #MpVotingClassifier:estimators and fits the clone to the same
 * data (the labels encoded as 0 .. n_classes - 1, as scikit-learn does);
 * predict lets the fitted clones vote. With `voting='hard'` each casts its
 * predicted class, weighted by #MpVotingClassifier:weights; with
 * `voting='soft'` their `predict_proba` are averaged (weighted) and the
 * most probable class wins, and the ensemble offers predict_proba itself.
 * An entry may be the word `'drop'` to leave that member out.
 *
 * It is the library's first composite estimator: its members are child
 * estimators, saved and loaded with it, cloned with it, shown in its
 * string form, and reached by parameter paths such as `svc__C`
 * (mp_estimator_set_param()).
 *
 * ```c
 * g_autoptr(MpEstimatorList) members = mp_estimator_list_new ();
 * mp_estimator_list_append (members, "svc", svc, NULL);
 * mp_estimator_list_append (members, "knn", knn, NULL);
 * g_autoptr(MpEstimator) vote = mp_voting_classifier_new (members);
 * ```
 *
 * Unlike scikit-learn's, the members are fitted one after another
 * (scikit-learn's `n_jobs` is not a parameter).
 */

struct _MpVotingClassifier
{
  MpEstimator      parent_instance;

  MpEstimatorList *estimators;
  char            *voting;
  MpArray         *weights;
  gboolean         flatten_transform;
  gboolean         verbose;

  MpEstimatorList *fitted_estimators;
  MpArray         *classes;
};

G_DEFINE_FINAL_TYPE (MpVotingClassifier, mp_voting_classifier, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpVotingClassifier, member)

static const char * const member_words[] = { "drop", NULL };
static const char * const voting_words[] = { "hard", "soft", NULL };

static const MpPropertyDecl properties[] = {
  /**
   * MpVotingClassifier:estimators:
   *
   * The members, each named (`('svc', SVC())`), or the word `'drop'` to
   * leave one out.
   *
   * Since: 0.1
   */
  { .name = "estimators", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ESTIMATORS,
    .offset = FIELD (estimators), .words = member_words,
    .child_flags = MP_CHILD_FLAG_NAMED | MP_CHILD_FLAG_REQUIRED,
    .example = "dummy=MpDummyClassifier knn=MpKNeighborsClassifier" },
  /**
   * MpVotingClassifier:voting:
   *
   * `'hard'` (majority of predicted classes) or `'soft'` (largest mean
   * probability).
   *
   * Since: 0.1
   */
  { .name = "voting", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (voting), .default_string = "hard", .words = voting_words },
  /**
   * MpVotingClassifier:weights:
   *
   * One weight per entry of #MpVotingClassifier:estimators (`'drop'`
   * entries included), or %NULL for equal weights.
   *
   * Since: 0.1
   */
  { .name = "weights", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (weights) },
  /**
   * MpVotingClassifier:flatten-transform:
   *
   * With soft voting, whether mp_estimator_transform() returns the
   * members' probabilities side by side (n_samples x (n_members
   * n_classes)) or stacked (n_members x n_samples x n_classes).
   *
   * Since: 0.1
   */
  { .name = "flatten-transform", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (flatten_transform), .default_number = TRUE },
  /**
   * MpVotingClassifier:verbose:
   *
   * Accepted for scikit-learn's signature; fit prints nothing.
   *
   * Since: 0.1
   */
  { .name = "verbose", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (verbose) },
  /**
   * MpVotingClassifier:fitted-estimators:
   *
   * The fitted clones of the members that were not dropped, in order
   * (`estimators_`).
   *
   * Since: 0.1
   */
  { .name = "fitted-estimators", .display_name = "estimators_", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_ESTIMATORS, .offset = FIELD (fitted_estimators),
    .child_flags = MP_CHILD_FLAG_REQUIRED },
  /**
   * MpVotingClassifier:classes:
   *
   * The distinct training labels, sorted (`classes_`).
   *
   * Since: 0.1
   */
  { .name = "classes", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (classes), .dtypes = MP_LABEL_DTYPES, .shape = "(n_classes,)",
    .state = MP_STATE_FLAG_INCREASING | MP_STATE_FLAG_NON_EMPTY },
};

static gboolean
is_soft (MpVotingClassifier *self)
{
  return g_strcmp0 (self->voting, "soft") == 0;
}

static guint
n_entries (MpVotingClassifier *self)
{
  return self->estimators != NULL ? mp_estimator_list_get_n_items (self->estimators) : 0;
}

/* The members' weights as scikit-learn's _weights_not_none: one per member
 * that is not dropped, or NULL for equal weights. */
static double *
member_weights (MpVotingClassifier *self)
{
  double *weights;
  guint n = 0;

  if (self->weights == NULL)
    return NULL;
  weights = g_new (double, n_entries (self));
  for (guint i = 0; i < n_entries (self); i++)
    if (mp_estimator_list_get_estimator (self->estimators, i) != NULL)
      weights[n++] = mp_array_get_double (self->weights, i);
  return weights;
}

/* What no declaration can say about the hyperparameters: the weights
 * fit the entries, and something is left to vote. */
static gboolean
check_members (MpVotingClassifier  *self,
               int                  code,
               GError             **error)
{
  guint n_members = 0;

  for (guint i = 0; i < n_entries (self); i++)
    n_members += mp_estimator_list_get_estimator (self->estimators, i) != NULL;
  if (n_entries (self) > 0 && n_members == 0)
    {
      g_set_error_literal (error, MP_ERROR, code,
                           "estimators: every entry is 'drop'; at least one must be an estimator");
      return FALSE;
    }

  if (self->weights != NULL)
    {
      if (mp_array_get_n_dims (self->weights) != 1 ||
          mp_array_get_dim (self->weights, 0) != n_entries (self))
        {
          g_set_error (error, MP_ERROR, code,
                       "weights: must hold one weight per estimator (%u)", n_entries (self));
          return FALSE;
        }
      for (guint i = 0; i < n_entries (self); i++)
        if (!isfinite (mp_array_get_double (self->weights, i)))
          {
            g_set_error (error, MP_ERROR, code, "weights: [%u] must be finite", i);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
mp_voting_classifier_fit (MpEstimator  *estimator,
                          MpArray      *x,
                          MpArray      *y,
                          GError      **error)
{
  MpVotingClassifier *self = MP_VOTING_CLASSIFIER (estimator);
  g_autoptr(MpEstimatorList) fitted = mp_estimator_list_new ();
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(MpArray) encoded = NULL;
  g_autofree gint32 *indices = NULL;
  g_autofree gint64 *labels = NULL;
  gsize n_samples;

  if (y == NULL)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "y: VotingClassifier needs labels");
      return FALSE;
    }
  if (!check_members (self, MP_ERROR_INVALID_ARGUMENT, error))
    return FALSE;

  /* As scikit-learn: the members learn the labels' positions in classes_. */
  if (!_mp_encode_labels (y, &classes, &indices, error))
    return FALSE;
  n_samples = mp_array_get_n_elements (y);
  labels = g_new (gint64, n_samples);
  for (gsize i = 0; i < n_samples; i++)
    labels[i] = indices[i];
  encoded = mp_array_new_take (MP_DTYPE_INT64, &n_samples, 1, g_steal_pointer (&labels));

  for (guint i = 0; i < n_entries (self); i++)
    {
      MpEstimator *member = mp_estimator_list_get_estimator (self->estimators, i);
      const char *name = mp_estimator_list_get_name (self->estimators, i);
      g_autoptr(MpEstimator) clone = NULL;

      if (member == NULL)
        continue;
      clone = mp_estimator_clone (member);
      if (is_soft (self) && !(mp_estimator_get_capabilities (clone) & MP_ESTIMATOR_CAN_PREDICT_PROBA))
        {
          g_autofree char *text = mp_estimator_to_string (clone);
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "estimators[%u] ('%s'): %s does not offer predict_proba, which "
                       "voting='soft' needs", i, name, text);
          return FALSE;
        }
      if (!mp_estimator_fit (clone, x, encoded, error))
        {
          g_prefix_error (error, "estimators[%u] ('%s'): ", i, name);
          return FALSE;
        }
      mp_estimator_list_append (fitted, NULL, clone, NULL);
    }

  g_object_set (self, "fitted-estimators", fitted, "classes", classes, NULL);
  return TRUE;
}

/* Each member's probabilities, checked to be n_samples x n_classes. */
static MpArray *
member_proba (MpVotingClassifier  *self,
              guint                m,
              MpArray             *x,
              GError             **error)
{
  MpEstimator *member = mp_estimator_list_get_estimator (self->fitted_estimators, m);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  g_autoptr(MpArray) proba = NULL;

  proba = mp_estimator_predict_proba (member, x, error);
  if (proba == NULL)
    {
      g_prefix_error (error, "estimators_[%u]: ", m);
      return NULL;
    }
  if (mp_array_get_dtype (proba) != MP_DTYPE_FLOAT64 || mp_array_get_n_dims (proba) != 2 ||
      mp_array_get_dim (proba, 0) != mp_array_get_dim (x, 0) || mp_array_get_dim (proba, 1) != n_classes)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "estimators_[%u]: gives probabilities of %" G_GSIZE_FORMAT " classes, "
                   "classes_ has %" G_GSIZE_FORMAT, m,
                   mp_array_get_n_dims (proba) == 2 ? mp_array_get_dim (proba, 1) : 0, n_classes);
      return NULL;
    }
  return g_steal_pointer (&proba);
}

/* Each member's predicted classes as positions in classes_; a loaded
 * member could predict anything, so every value is checked here. */
static gboolean
member_votes (MpVotingClassifier  *self,
              guint                m,
              MpArray             *x,
              gint64              *votes,
              GError             **error)
{
  MpEstimator *member = mp_estimator_list_get_estimator (self->fitted_estimators, m);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  g_autoptr(MpArray) predicted = NULL;

  predicted = mp_estimator_predict (member, x, error);
  if (predicted == NULL)
    {
      g_prefix_error (error, "estimators_[%u]: ", m);
      return FALSE;
    }
  if (mp_array_get_n_elements (predicted) != n_samples)
    return _mp_invalid_state (error, "estimators_[%u]: predicted %" G_GSIZE_FORMAT " labels for %"
                              G_GSIZE_FORMAT " samples", m, mp_array_get_n_elements (predicted),
                              n_samples);
  /* Members learnt positions; text from a loaded member is no position. */
  if (mp_array_get_dtype (predicted) == MP_DTYPE_STRING)
    return _mp_invalid_state (error, "estimators_[%u]: predicted text labels, not positions in classes_", m);
  for (gsize i = 0; i < n_samples; i++)
    {
      double label = mp_array_get_double (predicted, i);

      if (!(label >= 0 && label < (double) n_classes && label == floor (label)))
        return _mp_invalid_state (error, "estimators_[%u]: predicted %g, which is no position "
                                  "in classes_ (0 to %" G_GSIZE_FORMAT ")", m, label, n_classes - 1);
      votes[i] = (gint64) label;
    }
  return TRUE;
}

static MpArray *
mp_voting_classifier_predict_proba (MpEstimator  *estimator,
                                    MpArray      *x,
                                    GError      **error)
{
  MpVotingClassifier *self = MP_VOTING_CLASSIFIER (estimator);
  guint n_members = mp_estimator_list_get_n_items (self->fitted_estimators);
  gsize shape[2] = { mp_array_get_dim (x, 0), mp_array_get_n_elements (self->classes) };
  g_autofree double *weights = member_weights (self);
  g_autofree double *mean = NULL;
  double total = 0;

  mean = g_new0 (double, MAX (shape[0] * shape[1], 1));
  for (guint m = 0; m < n_members; m++)
    {
      g_autoptr(MpArray) proba = member_proba (self, m, x, error);
      const double *p;
      double w = weights != NULL ? weights[m] : 1.0;

      if (proba == NULL)
        return NULL;
      p = mp_array_get_float64_data (proba);
      for (gsize i = 0; i < shape[0] * shape[1]; i++)
        mean[i] += w * p[i];
      total += w;
    }
  if (total == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "weights: the members' weights sum to zero");
      return NULL;
    }
  for (gsize i = 0; i < shape[0] * shape[1]; i++)
    mean[i] /= total;

  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&mean));
}

static MpArray *
mp_voting_classifier_predict (MpEstimator  *estimator,
                              MpArray      *x,
                              GError      **error)
{
  MpVotingClassifier *self = MP_VOTING_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  guint n_members = mp_estimator_list_get_n_items (self->fitted_estimators);
  g_autofree double *weights = member_weights (self);
  g_autofree double *tally = NULL;
  g_autofree gint64 *votes = NULL;
  g_autofree gint32 *winners = NULL;

  if (is_soft (self))
    {
      g_autoptr(MpArray) proba = mp_voting_classifier_predict_proba (estimator, x, error);

      if (proba == NULL)
        return NULL;
      winners = _mp_row_argmax (mp_array_get_float64_data (proba), n_samples, n_classes);
      return _mp_decode_labels (self->classes, winners, n_samples);
    }

  /* As numpy's bincount(votes, weights).argmax(): weighted counts, ties
   * to the smallest class. */
  tally = g_new0 (double, MAX (n_samples * n_classes, 1));
  votes = g_new (gint64, MAX (n_samples, 1));
  for (guint m = 0; m < n_members; m++)
    {
      double w = weights != NULL ? weights[m] : 1.0;

      if (!member_votes (self, m, x, votes, error))
        return NULL;
      for (gsize i = 0; i < n_samples; i++)
        tally[i * n_classes + votes[i]] += w;
    }
  winners = _mp_row_argmax (tally, n_samples, n_classes);
  return _mp_decode_labels (self->classes, winners, n_samples);
}

static MpArray *
mp_voting_classifier_transform (MpEstimator  *estimator,
                                MpArray      *x,
                                GError      **error)
{
  MpVotingClassifier *self = MP_VOTING_CLASSIFIER (estimator);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_classes = mp_array_get_n_elements (self->classes);
  guint n_members = mp_estimator_list_get_n_items (self->fitted_estimators);

  if (is_soft (self))
    {
      /* (n_members, n_samples, n_classes), or its rows side by side */
      g_autofree double *out = g_new (double, MAX (n_members * n_samples * n_classes, 1));
      gsize stacked[3] = { n_members, n_samples, n_classes };
      gsize flat[2] = { n_samples, n_members * n_classes };

      for (guint m = 0; m < n_members; m++)
        {
          g_autoptr(MpArray) proba = member_proba (self, m, x, error);
          const double *p;

          if (proba == NULL)
            return NULL;
          p = mp_array_get_float64_data (proba);
          for (gsize i = 0; i < n_samples; i++)
            {
              double *to = self->flatten_transform
                           ? out + i * n_members * n_classes + m * n_classes
                           : out + (m * n_samples + i) * n_classes;
              memcpy (to, p + i * n_classes, n_classes * sizeof (double));
            }
        }
      if (self->flatten_transform)
        return mp_array_new_take (MP_DTYPE_FLOAT64, flat, 2, g_steal_pointer (&out));
      return mp_array_new_take (MP_DTYPE_FLOAT64, stacked, 3, g_steal_pointer (&out));
    }
  else
    {
      /* each member's predicted class positions, a column per member */
      g_autofree gint64 *out = g_new (gint64, MAX (n_samples * n_members, 1));
      g_autofree gint64 *votes = g_new (gint64, MAX (n_samples, 1));
      gsize shape[2] = { n_samples, n_members };

      for (guint m = 0; m < n_members; m++)
        {
          if (!member_votes (self, m, x, votes, error))
            return NULL;
          for (gsize i = 0; i < n_samples; i++)
            out[i * n_members + m] = votes[i];
        }
      return mp_array_new_take (MP_DTYPE_INT64, shape, 2, g_steal_pointer (&out));
    }
}

/* As scikit-learn's available_if: predict_proba only when voting. */
static MpEstimatorCapabilities
mp_voting_classifier_get_capabilities (MpEstimator *estimator)
{
  MpEstimatorCapabilities capabilities;

  capabilities = MP_ESTIMATOR_CLASS (mp_voting_classifier_parent_class)->get_capabilities (estimator);
  if (!is_soft (MP_VOTING_CLASSIFIER (estimator)))
    capabilities &= ~MP_ESTIMATOR_CAN_PREDICT_PROBA;
  return capabilities;
}

/* The declarations cover the members' presence and types and classes_;
 * what is left ties the fitted members to the entries and classes_. */
static gboolean
mp_voting_classifier_validate (MpEstimator  *estimator,
                               GError      **error)
{
  MpVotingClassifier *self = MP_VOTING_CLASSIFIER (estimator);
  guint n_members = 0;

  if (!MP_ESTIMATOR_CLASS (mp_voting_classifier_parent_class)->validate (estimator, error))
    return FALSE;
  if (!check_members (self, _mp_estimator_parameter_error_code (estimator), error))
    return FALSE;
  if (!_mp_check_classes (self->classes, 1, error))
    return FALSE;

  for (guint i = 0; i < n_entries (self); i++)
    n_members += mp_estimator_list_get_estimator (self->estimators, i) != NULL;
  if (mp_estimator_list_get_n_items (self->fitted_estimators) != n_members)
    return _mp_invalid_state (error, "estimators_: %u fitted members for the %u estimators "
                              "that are not 'drop'",
                              mp_estimator_list_get_n_items (self->fitted_estimators), n_members);

  for (guint m = 0; m < n_members; m++)
    {
      MpEstimator *member = mp_estimator_list_get_estimator (self->fitted_estimators, m);

      if (mp_estimator_get_kind (member) != MP_ESTIMATOR_KIND_CLASSIFIER)
        return _mp_invalid_state (error, "estimators_[%u]: a %s is no classifier", m,
                                  mp_estimator_get_display_name (member));
      if (mp_estimator_get_n_features_in (member) != mp_estimator_get_n_features_in (estimator))
        return _mp_invalid_state (error, "estimators_[%u]: fitted with %u features, the "
                                  "ensemble with %u", m, mp_estimator_get_n_features_in (member),
                                  mp_estimator_get_n_features_in (estimator));
    }
  return TRUE;
}

static void
mp_voting_classifier_class_init (MpVotingClassifierClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_voting_classifier_fit;
  estimator_class->predict = mp_voting_classifier_predict;
  estimator_class->predict_proba = mp_voting_classifier_predict_proba;
  estimator_class->transform = mp_voting_classifier_transform;
  estimator_class->get_capabilities = mp_voting_classifier_get_capabilities;
  estimator_class->validate = mp_voting_classifier_validate;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_CLASSIFIER);
  /* Its members check what they are given. */
  mp_estimator_class_set_input_flags (estimator_class, MP_INPUT_FLAG_ANY);
}

static void
mp_voting_classifier_init (MpVotingClassifier *self)
{
}

/**
 * mp_voting_classifier_new:
 * @estimators: (nullable): the named members, or %NULL to set
 *   #MpVotingClassifier:estimators later
 *
 * Creates an #MpVotingClassifier with scikit-learn's defaults (hard
 * voting, equal weights).
 *
 * Returns: (transfer full): a new #MpVotingClassifier
 *
 * Since: 0.1
 */
MpEstimator *
mp_voting_classifier_new (MpEstimatorList *estimators)
{
  return g_object_new (MP_TYPE_VOTING_CLASSIFIER, "estimators", estimators, NULL);
}
