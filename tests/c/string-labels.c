/* string-labels.c: every built-in classifier fitted on text labels. The
 * oracle is the same classifier fitted on each label's position among the
 * sorted labels: an order-preserving relabelling changes nothing but what
 * classes_ and predict hold (ties still go to the smallest class, SVC's
 * pairs come in the same order), so a model of text labels must predict
 * exactly the text of its twin's predictions, with the same probabilities.
 * The labels are chosen so that their sorted order is not iris's order.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <modelpersist.h>

#include "mp-children-private.h"

/* Iris's class k gets names[k]; sorted by code point ('S' < 'v'), the
 * names come in the order 2, 0, 1. */
static const char * const names[] = { "versicolor \xf0\x9f\x8c\xb8", "virginica", "Setosa" };
static const gint64 sorted_position[] = { 1, 2, 0 };
static const char * const sorted_names[] = { "Setosa", "versicolor \xf0\x9f\x8c\xb8", "virginica" };

typedef struct {
  const char *name;
  MpEstimator *(*make) (void);
  gboolean has_proba;
} Classifier;

static MpEstimator *
make_dummy (void)
{
  return g_object_new (MP_TYPE_DUMMY_CLASSIFIER, NULL);
}

static MpEstimator *
make_svc (void)
{
  return g_object_new (MP_TYPE_SVC, "probability", TRUE, "random-state", (gint64) 0, NULL);
}

static MpEstimator *
make_knn (void)
{
  return g_object_new (MP_TYPE_K_NEIGHBORS_CLASSIFIER, NULL);
}

/* Its declared example (a DummyClassifier and a KNeighborsClassifier),
 * voting on probabilities; the members learn positions in classes_. */
static MpEstimator *
make_voting (void)
{
  MpEstimator *voting = _mp_estimator_type_new_example (MP_TYPE_VOTING_CLASSIFIER);

  g_object_set (voting, "voting", "soft", NULL);
  return voting;
}

static MpEstimator *
make_hard_voting (void)
{
  return _mp_estimator_type_new_example (MP_TYPE_VOTING_CLASSIFIER);
}

static const Classifier classifiers[] = {
  { "dummy", make_dummy, TRUE },
  { "svc", make_svc, TRUE },
  { "knn", make_knn, TRUE },
  { "voting-soft", make_voting, TRUE },
  { "voting-hard", make_hard_voting, FALSE },
};

/* @table[k] for each label k of @labels */
static MpArray *
text_of (MpArray            *labels,
         const char * const *table)
{
  gsize n = mp_array_get_n_elements (labels);
  g_autofree const char **values = g_new (const char *, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    values[i] = table[(gsize) mp_array_get_double (labels, i)];
  return mp_array_new_strings (values, n, &n, 1, NULL);
}

static MpArray *
names_of (MpArray *iris_target)
{
  return text_of (iris_target, names);
}

/* Each iris label's position among the sorted names. */
static MpArray *
positions_of (MpArray *iris_target)
{
  gsize n = mp_array_get_n_elements (iris_target);
  g_autofree gint64 *values = g_new (gint64, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    values[i] = sorted_position[(gsize) mp_array_get_double (iris_target, i)];
  return mp_array_new_int64 (values, n, &n, 1, NULL);
}

static void
assert_same_model_outputs (MpEstimator *by_position,
                           MpEstimator *by_name,
                           MpArray     *x,
                           gboolean     has_proba)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) predicted_position = mp_estimator_predict (by_position, x, &error);
  g_autoptr(MpArray) predicted_name = mp_estimator_predict (by_name, x, &error);
  g_autoptr(MpArray) expected = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_dtype (predicted_name), ==, MP_DTYPE_STRING);
  expected = text_of (predicted_position, sorted_names);
  g_assert_true (mp_array_equal (predicted_name, expected));

  if (has_proba)
    {
      g_autoptr(MpArray) p_position = mp_estimator_predict_proba (by_position, x, &error);
      g_autoptr(MpArray) p_name = mp_estimator_predict_proba (by_name, x, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (mp_array_get_dim (p_name, 1), ==, 3);
      g_assert_true (mp_array_equal (p_position, p_name));
    }
}

static void
test_classifier (gconstpointer data)
{
  const Classifier *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  MpArray *x = mp_dataset_get_data (iris);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpArray) y_names = names_of (y);
  g_autoptr(MpArray) y_positions = positions_of (y);
  g_autoptr(MpEstimator) by_position = c->make ();
  g_autoptr(MpEstimator) by_name = c->make ();
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  gdouble score_index = 0, score_name = 0;

  g_assert_no_error (error);
  g_assert_true (mp_estimator_fit (by_position, x, y_positions, &error));
  g_assert_true (mp_estimator_fit (by_name, x, y_names, &error));
  g_assert_no_error (error);

  /* classes_ is np.unique(y): sorted by code point ('S' < 'v'). */
  g_object_get (by_name, "classes", &classes, NULL);
  g_assert_cmpint (mp_array_get_dtype (classes), ==, MP_DTYPE_STRING);
  g_assert_cmpuint (mp_array_get_n_elements (classes), ==, 3);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpstr (mp_array_get_string (classes, sorted_position[k]), ==, names[k]);

  assert_same_model_outputs (by_position, by_name, x, c->has_proba);

  g_assert_true (mp_estimator_score (by_position, x, y_positions, &score_index, &error));
  g_assert_true (mp_estimator_score (by_name, x, y_names, &score_name, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_index, ==, score_name);

  /* Text labels survive a save and a load. */
  saved = mp_dumps (by_name, &error);
  g_assert_no_error (error);
  loaded = mp_loads (saved, &error);
  g_assert_no_error (error);
  assert_same_model_outputs (by_position, loaded, x, c->has_proba);
}

/* Scores of text labels against numbers are the caller's mistake. */
static void
test_score_mixed_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  MpArray *x = mp_dataset_get_data (iris);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpArray) y_names = names_of (y);
  g_autoptr(MpEstimator) model = make_dummy ();
  gdouble score = -1;

  g_assert_true (mp_estimator_fit (model, x, y_names, &error));
  g_assert_true (mp_estimator_score (model, x, y, &score, &error));
  g_assert_no_error (error);
  /* Text never equals a number. */
  g_assert_cmpfloat (score, ==, 0.0);
}

/* cross_val_score with text labels: stratified folds encode them with the
 * same encoder, so each fold scores as with the indices. */
static void
test_cross_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  MpArray *x = mp_dataset_get_data (iris);
  MpArray *y = mp_dataset_get_target (iris);
  g_autoptr(MpArray) y_names = names_of (y);
  g_autoptr(MpEstimator) knn = make_knn ();
  /* NULL: the default, stratified 5-fold for a classifier; the same
   * folds for both, since the text keeps the classes' sizes and order of
   * appearance. */
  g_autoptr(MpArray) y_positions = positions_of (y);
  g_autoptr(MpArray) by_index = mp_cross_val_score (knn, x, y_positions, NULL, NULL, &error);
  g_autoptr(MpArray) by_name = mp_cross_val_score (knn, x, y_names, NULL, "accuracy", &error);

  g_assert_no_error (error);
  g_assert_true (mp_array_equal (by_index, by_name));
}

/* A voting classifier's members learn positions in classes_; a member
 * that predicts text (as a damaged or hostile file can hold) is refused
 * where its votes are read, never read as numbers. */
static void
test_voting_member_predicting_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  MpArray *x = mp_dataset_get_data (iris);
  g_autoptr(MpArray) y_names = names_of (mp_dataset_get_target (iris));
  g_autoptr(MpEstimator) voting = make_hard_voting ();
  g_autoptr(MpEstimator) talker = make_dummy ();
  g_autoptr(MpEstimatorList) members = mp_estimator_list_new ();
  g_autoptr(MpArray) predicted = NULL;

  g_assert_true (mp_estimator_fit (voting, x, y_names, &error));
  g_assert_true (mp_estimator_fit (talker, x, y_names, &error));
  g_assert_no_error (error);
  g_assert_true (mp_estimator_list_append (members, NULL, talker, &error));
  g_assert_true (mp_estimator_list_append (members, NULL, talker, &error));
  g_object_set (voting, "fitted-estimators", members, NULL);

  predicted = mp_estimator_predict (voting, x, &error);
  g_assert_null (predicted);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "estimators_[0]: predicted text labels, not positions in classes_");
}

/* Booleans stay booleans: classes_ and predict are bool, as numpy's
 * np.unique keeps them. */
static void
test_bool_labels (void)
{
  const gdouble xs[] = { 0, 1, 2, 10, 11, 12 };
  const gboolean ys[] = { FALSE, FALSE, FALSE, TRUE, TRUE, TRUE };
  const gsize x_shape[] = { 6, 1 }, n = 6;
  g_autoptr(MpArray) x = mp_array_new_float64 (xs, 6, x_shape, 2, NULL);
  g_autoptr(MpArray) y = mp_array_new_bool (ys, 6, &n, 1, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classifiers); i++)
    {
      g_autoptr(MpEstimator) model = classifiers[i].make ();
      g_autoptr(MpArray) classes = NULL;
      g_autoptr(MpArray) predicted = NULL;

      g_assert_true (mp_estimator_fit (model, x, y, &error));
      g_assert_no_error (error);
      g_object_get (model, "classes", &classes, NULL);
      g_assert_cmpint (mp_array_get_dtype (classes), ==, MP_DTYPE_BOOL);
      predicted = mp_estimator_predict (model, x, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mp_array_get_dtype (predicted), ==, MP_DTYPE_BOOL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The voting example names its members by type name. */
  g_type_ensure (MP_TYPE_DUMMY_CLASSIFIER);
  g_type_ensure (MP_TYPE_K_NEIGHBORS_CLASSIFIER);

  for (guint i = 0; i < G_N_ELEMENTS (classifiers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/string-labels/iris/%s", classifiers[i].name);
      g_test_add_data_func (path, &classifiers[i], test_classifier);
    }
  g_test_add_func ("/string-labels/score-mixed-kinds", test_score_mixed_kinds);
  g_test_add_func ("/string-labels/cross-validation", test_cross_validation);
  g_test_add_func ("/string-labels/bool-labels", test_bool_labels);
  g_test_add_func ("/string-labels/voting-member-predicting-text", test_voting_member_predicting_text);

  return g_test_run ();
}
