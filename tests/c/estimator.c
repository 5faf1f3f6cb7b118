/* estimator.c: tests of the MpEstimator base class, through
 * MpDummyClassifier
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>
#include <modelpersist.h>

#include "mp-pyrepr-private.h"

static MpArray *
make_x (gsize rows, gsize cols)
{
  const gsize shape[] = { rows, cols };
  g_autofree gdouble *values = g_new (gdouble, rows * cols);

  for (gsize i = 0; i < rows * cols; i++)
    values[i] = (gdouble) i;
  return mp_array_new_float64 (values, rows * cols, shape, 2, NULL);
}

static MpArray *
make_y (void)
{
  const gsize shape[] = { 5 };
  const gint64 labels[] = { 3, 1, 3, 2, 1 };

  return mp_array_new_int64 (labels, 5, shape, 1, NULL);
}

static void
test_string_form (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autofree char *text = mp_estimator_to_string (dummy);

  g_assert_cmpstr (text, ==, "DummyClassifier(strategy='prior')");
  g_assert_cmpstr (mp_estimator_get_display_name (dummy), ==, "DummyClassifier");
}

static void
test_fit_predict (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpArray) x = make_x (5, 2);
  g_autoptr(MpArray) y = make_y ();
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) classes = NULL;
  g_autoptr(GError) error = NULL;
  gdouble score = -1;

  g_assert_false (mp_estimator_is_fitted (dummy));
  g_assert_true (mp_estimator_fit (dummy, x, y, &error));
  g_assert_no_error (error);
  g_assert_true (mp_estimator_is_fitted (dummy));
  g_assert_cmpuint (mp_estimator_get_n_features_in (dummy), ==, 2);

  g_object_get (dummy, "classes", &classes, NULL);
  g_assert_cmpint (mp_array_get_dtype (classes), ==, MP_DTYPE_INT64);
  g_assert_cmpuint (mp_array_get_n_elements (classes), ==, 3);
  g_assert_cmpint (mp_array_get_int64_data (classes)[0], ==, 1);
  g_assert_cmpint (mp_array_get_int64_data (classes)[2], ==, 3);

  /* 1 and 3 tie with two samples each: the smaller label wins, as numpy's
   * argmax picks the first maximum. */
  predicted = mp_estimator_predict (dummy, x, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (predicted), ==, 5);
  g_assert_cmpint (mp_array_get_int64_data (predicted)[4], ==, 1);

  g_assert_true (mp_estimator_score (dummy, x, y, &score, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (score, 0.4, 1e-12);

  g_assert_true (mp_estimator_validate (dummy, &error));
  g_assert_no_error (error);
}

static void
test_not_fitted (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpArray) x = make_x (2, 2);
  g_autoptr(MpArray) y = make_y ();
  g_autoptr(GError) error = NULL;
  MpArray *predicted;
  gdouble score;

  predicted = mp_estimator_predict (dummy, x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_assert_cmpstr (error->message, ==,
                   "This DummyClassifier instance is not fitted yet; call fit first");
  g_assert_null (predicted);
  g_clear_error (&error);

  g_assert_false (mp_estimator_score (dummy, x, y, &score, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);

  /* An unfitted estimator has nothing to be inconsistent about. */
  g_assert_true (mp_estimator_validate (dummy, NULL));
}

static void
test_invalid_input (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpArray) x = make_x (5, 2);
  g_autoptr(MpArray) wrong_cols = make_x (5, 3);
  g_autoptr(MpArray) y = make_y ();
  g_autoptr(MpArray) short_y = NULL;
  g_autoptr(MpArray) flat = NULL;
  g_autoptr(MpArray) with_nan = NULL;
  g_autoptr(GError) error = NULL;
  const gsize shape_3[] = { 3 };
  const gsize shape_2x2[] = { 2, 2 };
  const gdouble nan_values[] = { 1, NAN, 3, 4 };
  MpArray *predicted;

  short_y = mp_array_new_float64 (nan_values, 3, shape_3, 1, NULL);
  flat = mp_array_new_float64 (nan_values, 3, shape_3, 1, NULL);
  with_nan = mp_array_new_float64 (nan_values, 4, shape_2x2, 2, NULL);

  g_assert_false (mp_estimator_fit (dummy, flat, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (mp_estimator_fit (dummy, x, short_y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "y: has 3 values for 5 samples");
  g_clear_error (&error);

  g_assert_false (mp_estimator_fit (dummy, with_nan, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "X: element [0, 1] is not finite");
  g_clear_error (&error);

  g_assert_false (mp_estimator_is_fitted (dummy));
  g_assert_true (mp_estimator_fit (dummy, x, y, &error));

  predicted = mp_estimator_predict (dummy, wrong_cols, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "X: has 3 features, but DummyClassifier was fitted with 2");
  g_assert_null (predicted);
}

static void
test_roles (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autofree GParamSpec **hyper = NULL;
  g_autofree GParamSpec **fitted = NULL;
  g_autoptr(GError) error = NULL;
  guint n_hyper, n_fitted;

  hyper = mp_estimator_list_properties (dummy, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_hyper);
  fitted = mp_estimator_list_properties (dummy, MP_PROPERTY_ROLE_FITTED, &n_fitted);

  g_assert_cmpuint (n_hyper, ==, 1);
  g_assert_cmpstr (hyper[0]->name, ==, "strategy");
  g_assert_cmpuint (n_fitted, ==, 4);
  /* Sorted by display name; the base class gives n_features_in_ and
   * feature_names_in_. */
  g_assert_cmpstr (mp_param_spec_get_display_name (fitted[0]), ==, "class_prior_");
  g_assert_cmpstr (mp_param_spec_get_display_name (fitted[1]), ==, "classes_");
  g_assert_cmpstr (mp_param_spec_get_display_name (fitted[2]), ==, "feature_names_in_");
  g_assert_cmpstr (mp_param_spec_get_display_name (fitted[3]), ==, "n_features_in_");
  g_assert_cmpint (mp_param_spec_get_role (fitted[3]), ==, MP_PROPERTY_ROLE_FITTED);

  g_assert_true (mp_estimator_find_param (dummy, "classes_") == fitted[1]);
  g_assert_true (mp_estimator_find_param (dummy, "class-prior") == fitted[0]);
  g_assert_null (mp_estimator_find_param (dummy, "nope"));

  {
    g_auto(GStrv) names = mp_estimator_list_param_names (dummy, MP_PROPERTY_ROLE_FITTED);
    const char * const expected[] = { "class_prior_", "classes_", "feature_names_in_",
                                      "n_features_in_", NULL };

    g_assert_true (g_strv_equal ((const char * const *) names, expected));
  }

  g_assert_false (mp_estimator_type_set_property_role (MP_TYPE_DUMMY_CLASSIFIER, "nope",
                                                       MP_PROPERTY_ROLE_FITTED, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (mp_estimator_type_set_property_role (G_TYPE_OBJECT, "strategy",
                                                       MP_PROPERTY_ROLE_FITTED, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
}

static void
test_clone (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpEstimator) copy = NULL;
  g_autoptr(MpArray) x = make_x (5, 2);
  g_autoptr(MpArray) y = make_y ();
  g_autofree char *strategy = NULL;

  mp_estimator_set_enum (dummy, "strategy", MP_DUMMY_STRATEGY_MOST_FREQUENT);
  g_assert_true (mp_estimator_fit (dummy, x, y, NULL));

  copy = mp_estimator_clone (dummy);
  g_assert_cmpint (mp_estimator_get_enum (copy, "strategy"), ==,
                   MP_DUMMY_STRATEGY_MOST_FREQUENT);
  g_object_get (copy, "strategy", &strategy, NULL);
  g_assert_cmpstr (strategy, ==, "most_frequent");
  g_assert_false (mp_estimator_is_fitted (copy));
}

/* State copied in property by property (as a converter from another
 * library does) becomes a fitted model only through validate. */
static void
test_mark_fitted (void)
{
  const gsize one[] = { 2 };
  const gint64 labels[] = { 4, 7 };
  const gdouble prior[] = { 0.25, 0.75 };
  const gdouble short_prior[] = { 1.0 };
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpArray) classes = mp_array_new_int64 (labels, 2, one, 1, NULL);
  g_autoptr(MpArray) class_prior = mp_array_new_float64 (prior, 2, one, 1, NULL);
  g_autoptr(MpArray) bad_prior = mp_array_new_float64 (short_prior, 1, (const gsize[]) { 1 }, 1, NULL);
  g_autoptr(MpArray) x = make_x (3, 2);
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing set yet: n_features_in_ is 0. */
  g_assert_false (mp_estimator_mark_fitted (dummy, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_false (mp_estimator_is_fitted (dummy));
  g_clear_error (&error);

  g_object_set (dummy, "n-features-in", 2, "classes", classes, "class-prior", bad_prior, NULL);
  g_assert_false (mp_estimator_mark_fitted (dummy, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "class_prior_"));
  g_assert_false (mp_estimator_is_fitted (dummy));
  g_clear_error (&error);

  predicted = mp_estimator_predict (dummy, x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_assert_null (predicted);
  g_clear_error (&error);

  g_object_set (dummy, "class-prior", class_prior, NULL);
  g_assert_true (mp_estimator_mark_fitted (dummy, &error));
  g_assert_no_error (error);
  g_assert_true (mp_estimator_is_fitted (dummy));
  predicted = mp_estimator_predict (dummy, x, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_int64_data (predicted)[0], ==, 7);
}

static void
test_python_float_repr (void)
{
  static const struct { gdouble value; const char *text; } cases[] = {
    { 1.0, "1.0" }, { 0.001, "0.001" }, { 0.1, "0.1" }, { 200.0, "200.0" },
    { 1e-05, "1e-05" }, { 1.5e-7, "1.5e-07" }, { 1e16, "1e+16" },
    { 123456789012345.0, "123456789012345.0" }, { -2.5, "-2.5" },
    { 0.0001, "0.0001" }, { 1.0 / 3.0, "0.3333333333333333" }, { 0.0, "0.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      _mp_pyrepr_append_float (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].text);
    }
}

static void
test_feature_names (void)
{
  g_autoptr(MpEstimator) dummy = mp_dummy_classifier_new ();
  g_autoptr(MpArray) x = make_x (5, 2);
  g_autoptr(MpArray) y = make_y ();
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) kept = NULL;
  const char *names[] = { "height", "width", NULL };
  const char *reversed[] = { "width", "height", NULL };
  const char *other[] = { "height", "depth", NULL };
  const char *three[] = { "a", "b", "c", NULL };

  g_assert_true (mp_estimator_fit (dummy, x, y, &error));
  g_assert_no_error (error);
  /* Without names, the saved state has no feature_names_in_ member. */
  bytes = mp_dumps (dummy, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               "feature_names_in_"));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_true (mp_estimator_check_feature_names (dummy, names, &error));

  g_object_set (dummy, "feature-names-in", names, NULL);
  g_assert_true (mp_estimator_check_feature_names (dummy, names, &error));
  g_assert_true (mp_estimator_check_feature_names (dummy, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (mp_estimator_check_feature_names (dummy, reversed, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "same order"));
  g_clear_error (&error);
  g_assert_false (mp_estimator_check_feature_names (dummy, other, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "X: the feature names should match those that were passed during fit.\n"
                   "Feature names unseen at fit time:\n- depth\n"
                   "Feature names seen at fit time, yet now missing:\n- width");
  g_clear_error (&error);

  /* Names survive a round trip. */
  bytes = mp_dumps (dummy, &error);
  g_assert_no_error (error);
  loaded = mp_loads (bytes, &error);
  g_assert_no_error (error);
  g_object_get (loaded, "feature-names-in", &kept, NULL);
  g_assert_true (g_strv_equal ((const char * const *) kept, names));

  /* As many names as features, or the state is refused. */
  g_object_set (dummy, "feature-names-in", three, NULL);
  predicted = mp_estimator_predict (dummy, x, &error);
  g_assert_null (predicted);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "feature_names_in_: 3 names for 2 features (n_features_in_)");
  g_clear_error (&error);

  /* A new fit forgets the names of the old data. */
  g_assert_true (mp_estimator_fit (dummy, x, y, &error));
  g_clear_pointer (&kept, g_strfreev);
  g_object_get (dummy, "feature-names-in", &kept, NULL);
  g_assert_null (kept);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/estimator/string-form", test_string_form);
  g_test_add_func ("/estimator/string-form/python-floats", test_python_float_repr);
  g_test_add_func ("/estimator/fit-predict", test_fit_predict);
  g_test_add_func ("/estimator/not-fitted", test_not_fitted);
  g_test_add_func ("/estimator/invalid-input", test_invalid_input);
  g_test_add_func ("/estimator/roles", test_roles);
  g_test_add_func ("/estimator/clone", test_clone);
  g_test_add_func ("/estimator/mark-fitted", test_mark_fitted);
  g_test_add_func ("/estimator/feature-names", test_feature_names);

  return g_test_run ();
}
