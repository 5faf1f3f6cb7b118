/* children.c: child estimators as a composite holds them (MpVotingClassifier,
 * MpEstimatorList): declared rules at fit and load, deep clone, string
 * form, parameter paths, validation after a child changes, and files
 * whose lists are wrong
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

static MpDataset *
iris (void)
{
  static MpDataset *dataset;

  if (dataset == NULL)
    {
      g_autoptr(GError) error = NULL;

      dataset = mp_load_iris (&error);
      g_assert_no_error (error);
    }
  return dataset;
}

static MpEstimatorList *
members (gboolean with_drop)
{
  MpEstimatorList *list = mp_estimator_list_new ();
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
  g_autoptr(GError) error = NULL;

  mp_estimator_list_append (list, "dummy", dummy, &error);
  g_assert_no_error (error);
  mp_estimator_list_append (list, "knn", knn, &error);
  g_assert_no_error (error);
  if (with_drop)
    {
      mp_estimator_list_append_word (list, "d", "drop", &error);
      g_assert_no_error (error);
    }
  return list;
}

static MpEstimator *
fitted_vote (void)
{
  g_autoptr(MpEstimatorList) list = members (TRUE);
  MpEstimator *vote = mp_voting_classifier_new (list);
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_estimator_fit (vote, mp_dataset_get_data (iris ()), mp_dataset_get_target (iris ()),
                                   &error));
  g_assert_no_error (error);
  return vote;
}

static void
assert_error_names (GError     *error,
                    int         code,
                    const char *text)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, MP_ERROR, code);
  g_assert_nonnull (strstr (error->message, text));
}

/* ---- the list ------------------------------------------------------------ */

static void
test_list_names (void)
{
  g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(GError) error = NULL;
  guint position = 99;

  g_assert_false (mp_estimator_list_is_named (list));
  g_assert_true (mp_estimator_list_append (list, "a", dummy, &error));
  g_assert_true (mp_estimator_list_is_named (list));

  g_assert_false (mp_estimator_list_append (list, "a", dummy, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "a: the name is already in the list");
  g_clear_error (&error);
  g_assert_false (mp_estimator_list_append (list, "b__c", dummy, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "b__c: a name must not contain '__'");
  g_clear_error (&error);
  g_assert_false (mp_estimator_list_append (list, "", dummy, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "non-empty");
  g_clear_error (&error);
  g_assert_false (mp_estimator_list_append (list, NULL, dummy, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "all have names or none has");
  g_clear_error (&error);
  g_assert_false (mp_estimator_list_append_word (list, "w", "", &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "non-empty UTF-8 word");
  g_clear_error (&error);

  g_assert_true (mp_estimator_list_append_word (list, "w", "drop", &error));
  g_assert_true (mp_estimator_list_find (list, "w", &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpstr (mp_estimator_list_get_word (list, 1), ==, "drop");
  g_assert_null (mp_estimator_list_get_estimator (list, 1));
  g_assert_false (mp_estimator_list_find (list, "x", NULL));
}

static void
test_list_frozen_once_held (void)
{
  g_autoptr(MpEstimatorList) list = members (FALSE);
  g_autoptr(MpEstimator) vote = mp_voting_classifier_new (list);
  g_autoptr(MpEstimator) other = mp_dummy_classifier_new ();
  g_autoptr(MpEstimatorList) copy = NULL;
  g_autoptr(MpEstimatorList) held = NULL;
  g_autoptr(GError) error = NULL;

  g_object_get (vote, "estimators", &held, NULL);
  g_assert_true (held == list);
  g_assert_true (mp_estimator_list_is_frozen (list));
  g_assert_false (mp_estimator_list_append (list, "late", other, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "belongs to an estimator");
  g_clear_error (&error);
  g_assert_false (mp_estimator_list_replace (list, 0, other, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  copy = mp_estimator_list_copy (list);
  g_assert_false (mp_estimator_list_is_frozen (copy));
  g_assert_true (mp_estimator_list_append (copy, "late", other, &error));
  g_assert_cmpuint (mp_estimator_list_get_n_items (list), ==, 2);
}

/* ---- declared rules at fit ------------------------------------------------ */

static void
check_fit_refused (MpEstimatorList *list,
                   int              code,
                   const char      *text)
{
  g_autoptr(MpEstimator) vote = mp_voting_classifier_new (list);
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_estimator_fit (vote, mp_dataset_get_data (iris ()), mp_dataset_get_target (iris ()),
                                    &error));
  assert_error_names (error, code, text);
}

static void
test_fit_checks_declarations (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(MpEstimatorList) unnamed = mp_estimator_list_new ();
  g_autoptr(MpEstimatorList) passthrough = mp_estimator_list_new ();
  g_autoptr(MpEstimatorList) clash = mp_estimator_list_new ();
  g_autoptr(MpEstimatorList) all_dropped = mp_estimator_list_new ();
  g_autoptr(MpEstimatorList) soft = mp_estimator_list_new ();
  g_autoptr(MpEstimatorList) empty = mp_estimator_list_new ();
  g_autoptr(MpEstimator) none = mp_voting_classifier_new (NULL);
  g_autoptr(GError) error = NULL;

  mp_estimator_list_append (unnamed, NULL, dummy, NULL);
  check_fit_refused (unnamed, MP_ERROR_INVALID_ARGUMENT, "estimators: every entry needs a name");

  mp_estimator_list_append (passthrough, "a", dummy, NULL);
  mp_estimator_list_append_word (passthrough, "b", "passthrough", NULL);
  check_fit_refused (passthrough, MP_ERROR_INVALID_ARGUMENT,
                     "estimators[1]: must be an estimator or one of 'drop', got 'passthrough'");

  mp_estimator_list_append (clash, "voting", dummy, NULL);
  check_fit_refused (clash, MP_ERROR_INVALID_ARGUMENT,
                     "estimators[0]: the name 'voting' is also a parameter of VotingClassifier");

  mp_estimator_list_append_word (all_dropped, "a", "drop", NULL);
  check_fit_refused (all_dropped, MP_ERROR_INVALID_ARGUMENT, "every entry is 'drop'");

  check_fit_refused (empty, MP_ERROR_INVALID_ARGUMENT, "estimators: must not be empty");

  g_assert_false (mp_estimator_fit (none, mp_dataset_get_data (iris ()), mp_dataset_get_target (iris ()),
                                    &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "estimators: must be an estimator, got None");
  g_clear_error (&error);

  /* soft voting needs every member's predict_proba */
  mp_estimator_list_append (soft, "svc", svc, NULL);
  {
    g_autoptr(MpEstimator) vote = mp_voting_classifier_new (soft);

    g_object_set (vote, "voting", "soft", NULL);
    g_assert_false (mp_estimator_fit (vote, mp_dataset_get_data (iris ()),
                                      mp_dataset_get_target (iris ()), &error));
    assert_error_names (error, MP_ERROR_INVALID_ARGUMENT,
                        "estimators[0] ('svc'): SVC(C=1.0");
    g_assert_nonnull (strstr (error->message, "does not offer predict_proba"));
    g_clear_error (&error);

    g_object_set (vote, "voting", "loud", NULL);
    g_assert_false (mp_estimator_fit (vote, mp_dataset_get_data (iris ()),
                                      mp_dataset_get_target (iris ()), &error));
    assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "voting");
    g_clear_error (&error);
  }

  /* weights: one per entry */
  {
    g_autoptr(MpEstimatorList) list = members (TRUE);
    g_autoptr(MpEstimator) vote = mp_voting_classifier_new (list);
    const double two[] = { 1, 2 };
    gsize n = 2;
    g_autoptr(MpArray) weights = mp_array_new_float64 (two, 2, &n, 1, NULL);

    g_object_set (vote, "weights", weights, NULL);
    g_assert_false (mp_estimator_fit (vote, mp_dataset_get_data (iris ()),
                                      mp_dataset_get_target (iris ()), &error));
    assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "weights: must hold one weight per estimator (3)");
  }
}

/* ---- clone, string form, paths -------------------------------------------- */

static void
test_clone_is_deep (void)
{
  g_autoptr(MpEstimator) vote = fitted_vote ();
  g_autoptr(MpEstimator) copy = mp_estimator_clone (vote);
  g_autoptr(MpEstimatorList) before = NULL;
  g_autoptr(MpEstimatorList) after = NULL;
  g_autofree char *text_before = mp_estimator_to_string (vote);
  g_autofree char *text_after = mp_estimator_to_string (copy);

  g_object_get (vote, "estimators", &before, NULL);
  g_object_get (copy, "estimators", &after, NULL);
  g_assert_true (before != after);
  g_assert_cmpuint (mp_estimator_list_get_n_items (after), ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (mp_estimator_list_get_estimator (before, i) != mp_estimator_list_get_estimator (after, i));
      g_assert_false (mp_estimator_is_fitted (mp_estimator_list_get_estimator (after, i)));
      g_assert_cmpstr (mp_estimator_list_get_name (before, i), ==, mp_estimator_list_get_name (after, i));
    }
  g_assert_cmpstr (mp_estimator_list_get_word (after, 2), ==, "drop");
  g_assert_false (mp_estimator_is_fitted (copy));
  g_assert_cmpstr (text_before, ==, text_after);
}

static void
test_string_form (void)
{
  g_autoptr(MpEstimatorList) list = members (TRUE);
  g_autoptr(MpEstimator) vote = mp_voting_classifier_new (list);
  g_autofree char *text = mp_estimator_to_string (vote);

  g_assert_cmpstr (text, ==,
                   "VotingClassifier(estimators=[('dummy', DummyClassifier(strategy='prior')), "
                   "('knn', KNeighborsClassifier(algorithm='brute', n_neighbors=5, p=2, weights='uniform')), "
                   "('d', 'drop')], flatten_transform=True, verbose=False, voting='hard', weights=None)");
}

static void
test_param_paths (void)
{
  g_autoptr(MpEstimatorList) list = members (TRUE);
  g_autoptr(MpEstimator) vote = mp_voting_classifier_new (list);
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(MpEstimatorList) now = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) read = G_VALUE_INIT;
  g_auto(GValue) entry = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  /* a number as GJS passes it: a double for an integer parameter */
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 7);
  g_assert_true (mp_estimator_set_param (vote, "knn__n_neighbors", &value, &error));
  g_assert_no_error (error);
  g_assert_true (mp_estimator_get_param (vote, "knn__n_neighbors", &read, &error));
  g_assert_cmpint (g_value_get_int (&read), ==, 7);

  g_value_set_double (&value, 2.5);
  g_assert_false (mp_estimator_set_param (vote, "knn__n_neighbors", &value, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "knn__n_neighbors: expected an integer, got 2.5");
  g_clear_error (&error);

  g_assert_false (mp_estimator_set_param (vote, "svm__C", &value, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT,
                      "svm__C: VotingClassifier has no parameter or child named 'svm'");
  g_clear_error (&error);
  g_assert_false (mp_estimator_set_param (vote, "knn__k", &value, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "KNeighborsClassifier has no parameter or child named 'k'");
  g_clear_error (&error);

  /* an entry by name: replaced in a copy of the frozen list */
  g_value_unset (&value);
  g_value_init (&value, MP_TYPE_ESTIMATOR);
  g_value_set_object (&value, svc);
  g_assert_true (mp_estimator_set_param (vote, "d", &value, &error));
  g_object_get (vote, "estimators", &now, NULL);
  g_assert_true (now != list);
  g_assert_true (mp_estimator_list_get_estimator (now, 2) == svc);
  g_assert_cmpstr (mp_estimator_list_get_name (now, 2), ==, "d");
  g_assert_cmpstr (mp_estimator_list_get_word (list, 2), ==, "drop");

  g_value_unset (&value);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 0.5);
  g_assert_true (mp_estimator_set_param (vote, "d__C", &value, &error));
  {
    double c = 0;

    g_object_get (svc, "c", &c, NULL);
    g_assert_cmpfloat (c, ==, 0.5);
  }

  g_assert_true (mp_estimator_get_param (vote, "dummy", &entry, &error));
  g_assert_true (MP_IS_DUMMY_CLASSIFIER (g_value_get_object (&entry)));
}

/* ---- validation after a change below -------------------------------------- */

static void
test_changed_member_is_validated_again (void)
{
  g_autoptr(MpEstimator) vote = fitted_vote ();
  g_autoptr(MpEstimatorList) fitted = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GError) error = NULL;
  MpEstimator *knn;

  predicted = mp_estimator_predict (vote, mp_dataset_get_data (iris ()), &error);
  g_assert_no_error (error);

  /* The ensemble was checked; its member now claims one feature, which
   * would make the member read past its rows. */
  g_object_get (vote, "fitted-estimators", &fitted, NULL);
  knn = mp_estimator_list_get_estimator (fitted, 1);
  g_object_set (knn, "n-features-in", 1, NULL);
  g_clear_pointer (&predicted, mp_array_unref);
  predicted = mp_estimator_predict (vote, mp_dataset_get_data (iris ()), &error);
  g_assert_null (predicted);
  assert_error_names (error, MP_ERROR_INVALID_STATE, "estimators_[1]");
}

static void
test_fitted_members_checked (void)
{
  g_autoptr(MpEstimator) vote = fitted_vote ();
  g_autoptr(MpEstimatorList) one = mp_estimator_list_new ();
  g_autoptr(MpEstimatorList) unfitted = mp_estimator_list_new ();
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpEstimator) other = mp_dummy_classifier_new ();
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_estimator_fit (dummy, mp_dataset_get_data (iris ()), mp_dataset_get_target (iris ()),
                                   &error));
  mp_estimator_list_append (one, NULL, dummy, NULL);
  g_object_set (vote, "fitted-estimators", one, NULL);
  predicted = mp_estimator_predict (vote, mp_dataset_get_data (iris ()), &error);
  g_assert_null (predicted);
  assert_error_names (error, MP_ERROR_INVALID_STATE,
                      "estimators_: 1 fitted members for the 2 estimators that are not 'drop'");
  g_clear_error (&error);

  mp_estimator_list_append (unfitted, NULL, dummy, NULL);
  mp_estimator_list_append (unfitted, NULL, other, NULL);
  g_object_set (vote, "fitted-estimators", unfitted, NULL);
  predicted = mp_estimator_predict (vote, mp_dataset_get_data (iris ()), &error);
  g_assert_null (predicted);
  assert_error_names (error, MP_ERROR_INVALID_STATE, "estimators_[1]: must be a fitted DummyClassifier");
}

static void
test_contains_itself (void)
{
  g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();
  g_autoptr(MpEstimator) vote = mp_voting_classifier_new (NULL);
  g_autoptr(GError) error = NULL;

  mp_estimator_list_append (list, "me", vote, NULL);
  g_object_set (vote, "estimators", list, NULL);
  g_assert_false (mp_estimator_validate (vote, &error));
  assert_error_names (error, MP_ERROR_INVALID_ARGUMENT, "estimators[0]: the estimator contains itself");
  /* break the reference cycle */
  g_object_set (vote, "estimators", NULL, NULL);
}

/* ---- files ------------------------------------------------------------------ */

static char *
saved_vote (char **dir)
{
  g_autoptr(MpEstimator) vote = fitted_vote ();
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = g_dir_make_tmp ("mp-children-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "vote.json", NULL);
  g_assert_true (mp_dump (vote, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The bundle saved_vote() wrote, and its directory. */
static void
remove_saved (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_roundtrip (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = saved_vote (&dir);
  g_autoptr(MpEstimator) vote = fitted_vote ();
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpArray) expected = NULL;
  g_autoptr(MpArray) got = NULL;
  g_autoptr(MpEstimatorList) list = NULL;
  g_autofree char *text_loaded = NULL;
  g_autofree char *text = mp_estimator_to_string (vote);
  g_autoptr(GError) error = NULL;

  loaded = mp_load (path, &error);
  g_assert_no_error (error);
  text_loaded = mp_estimator_to_string (loaded);
  g_assert_cmpstr (text, ==, text_loaded);
  g_object_get (loaded, "estimators", &list, NULL);
  g_assert_true (mp_estimator_list_is_frozen (list));

  expected = mp_estimator_predict (vote, mp_dataset_get_data (iris ()), &error);
  got = mp_estimator_predict (loaded, mp_dataset_get_data (iris ()), &error);
  g_assert_no_error (error);
  g_assert_true (mp_array_equal (expected, got));
  remove_saved (dir);
}

/* The saved JSON with @from replaced by @to must be refused with @code
 * and a message holding @text. The arrays are untouched, so every
 * checksum stays valid. */
static void
check_edit_refused (const char *from,
                    const char *to,
                    int         code,
                    const char *text)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = saved_vote (&dir);
  g_autofree char *json = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  edited = g_string_new (json);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));

  loaded = mp_load (path, &error);
  g_assert_null (loaded);
  assert_error_names (error, code, text);
  remove_saved (dir);
}

static void
test_hostile_lists (void)
{
  check_edit_refused ("\"name\": \"knn\"", "\"name\": \"dummy\"", MP_ERROR_INVALID_VALUE,
                      "$.estimator.params.estimators[1]: dummy: the name is already in the list");
  check_edit_refused ("\"word\": \"drop\"", "\"word\": \"passthrough\"", MP_ERROR_INVALID_STATE,
                      "estimators[2]: must be an estimator or one of 'drop', got 'passthrough'");
  check_edit_refused ("\"name\": \"knn\"", "\"name\": \"knn\", \"word\": \"drop\"", MP_ERROR_MALFORMED,
                      "estimators[1]: a list entry holds exactly one of");
  check_edit_refused ("\"word\": \"drop\"", "\"word\": \"drop\", \"weight\": 2", MP_ERROR_MALFORMED,
                      "estimators[2].weight: unknown member of a list entry");
  check_edit_refused ("\"name\": \"knn\"", "\"name\": \"a__b\"", MP_ERROR_INVALID_VALUE,
                      "estimators[1]: a__b: a name must not contain '__'");
  check_edit_refused ("\"name\": \"knn\"", "\"name\": [1]", MP_ERROR_MALFORMED,
                      "estimators[1].name: must be a scalar");
  check_edit_refused ("\"name\": \"d\",", "", MP_ERROR_INVALID_VALUE,
                      "estimators[2]: (unnamed): entries of one list all have names or none has");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/children/list/names", test_list_names);
  g_test_add_func ("/children/list/frozen-once-held", test_list_frozen_once_held);
  g_test_add_func ("/children/fit-checks-declarations", test_fit_checks_declarations);
  g_test_add_func ("/children/clone-is-deep", test_clone_is_deep);
  g_test_add_func ("/children/string-form", test_string_form);
  g_test_add_func ("/children/param-paths", test_param_paths);
  g_test_add_func ("/children/changed-member-is-validated-again", test_changed_member_is_validated_again);
  g_test_add_func ("/children/fitted-members-checked", test_fitted_members_checked);
  g_test_add_func ("/children/contains-itself", test_contains_itself);
  g_test_add_func ("/children/roundtrip", test_roundtrip);
  g_test_add_func ("/children/hostile-lists", test_hostile_lists);

  return g_test_run ();
}
