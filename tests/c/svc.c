/* svc.c: tests of MpSVC
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>
#include <modelpersist.h>

#ifdef G_OS_UNIX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "mp-declarations-private.h"
#include "mp-estimator-private.h"

/* Sanitizers reserve terabytes of address space: an address-space limit
 * means something only without them. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif

#define DEFAULT_FORM \
  "SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, decision_function_shape='ovr', " \
  "degree=3, gamma='scale', kernel='rbf', max_iter=-1, probability=False, random_state=None, " \
  "shrinking=True, tol=0.001, verbose=False)"

/* Iris from the library's own copy of scikit-learn's data. */
static void
load_iris (MpArray **x,
           MpArray **y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);

  g_assert_no_error (error);
  *x = mp_array_ref (mp_dataset_get_data (iris));
  *y = mp_array_ref (mp_dataset_get_target (iris));
}

static MpArray *
first_rows (MpArray *x,
            gsize    n_rows)
{
  const gsize shape[] = { n_rows, mp_array_get_dim (x, 1) };

  return mp_array_new_float64 (mp_array_get_float64_data (x), n_rows * shape[1], shape, 2, NULL);
}

static MpEstimator *
fitted_iris_svc (gboolean probability)
{
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(GError) error = NULL;
  MpEstimator *svc = mp_svc_new ();

  load_iris (&x, &y);
  g_object_set (svc, "probability", probability, "random-state", (gint64) 0, NULL);
  g_assert_true (mp_estimator_fit (svc, x, y, &error));
  g_assert_no_error (error);
  return svc;
}

static void
test_string_form (void)
{
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autofree char *text = mp_estimator_to_string (svc);
  g_autofree char *changed = NULL;
  g_autofree char *integral = NULL;

  g_assert_cmpstr (text, ==, DEFAULT_FORM);
  g_assert_cmpstr (mp_estimator_get_display_name (svc), ==, "SVC");
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (svc), ==, "MpSVC");

  g_object_set (svc,
                "c", 0.5,
                "gamma", "0.1",
                "class-weight", "balanced",
                "random-state", (gint64) 42,
                "break-ties", TRUE,
                "kernel", "poly",
                "cache-size", 100.5,
                NULL);
  changed = mp_estimator_to_string (svc);
  g_assert_cmpstr (changed, ==,
                   "SVC(C=0.5, break_ties=True, cache_size=100.5, class_weight='balanced', coef0=0.0, "
                   "decision_function_shape='ovr', degree=3, gamma=0.1, kernel='poly', max_iter=-1, "
                   "probability=False, random_state=42, shrinking=True, tol=0.001, verbose=False)");

  g_object_set (svc, "gamma", "2", "class-weight", "{0: 1.0, 2: 3}", "gamma", "auto", NULL);
  integral = mp_estimator_to_string (svc);
  g_assert_nonnull (strstr (integral, "class_weight={0: 1.0, 2: 3}, "));
  g_assert_nonnull (strstr (integral, "gamma='auto', "));

  /* NULL gamma is the default */
  g_object_set (svc, "gamma", NULL, NULL);
  {
    g_autofree char *gamma = NULL;
    g_object_get (svc, "gamma", &gamma, NULL);
    g_assert_cmpstr (gamma, ==, "scale");
  }
}

/* Every branch of the string form's custom formatting, printed one at a
 * time: under valgrind and ASan this also checks that none leaks. */
static void
test_string_form_branches (void)
{
  const struct { const char *property; const char *text; const char *shown; } cases[] = {
    { "gamma", "1", "gamma=1, " },
    { "gamma", " 12 ", "gamma=12, " },
    { "gamma", "0.5", "gamma=0.5, " },
    { "gamma", "1e-3", "gamma=0.001, " },
    { "gamma", "auto", "gamma='auto', " },
    { "gamma", "fast", "gamma='fast', " },
    { "class-weight", " {1: 2, 0: 0.5} ", "class_weight={1: 2, 0: 0.5}, " },
    { "class-weight", "{0: 1, 0: 2}", "class_weight='{0: 1, 0: 2}', " },
    { "class-weight", "balanced", "class_weight='balanced', " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MpEstimator) svc = mp_svc_new ();
      g_autofree char *text = NULL;

      g_object_set (svc, cases[i].property, cases[i].text, NULL);
      text = mp_estimator_to_string (svc);
      g_test_message ("%s=%s: %s", cases[i].property, cases[i].text, text);
      g_assert_nonnull (strstr (text, cases[i].shown));
    }
}

static void
test_clone_keeps_hyperparameters (void)
{
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(MpEstimator) copy = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gboolean break_ties = FALSE;

  g_object_set (svc, "break-ties", TRUE, "c", 3.0, "gamma", "0.25", NULL);
  copy = mp_estimator_clone (svc);
  a = mp_estimator_to_string (svc);
  b = mp_estimator_to_string (copy);
  g_assert_cmpstr (a, ==, b);
  g_object_get (copy, "break-ties", &break_ties, NULL);
  g_assert_true (break_ties);
  g_assert_nonnull (mp_estimator_find_param (svc, "C"));
  g_assert_nonnull (mp_estimator_find_param (svc, "_gamma"));
  g_assert_nonnull (mp_estimator_find_param (svc, "support_vectors_"));
}

static void
test_fit_iris (void)
{
  g_autoptr(MpEstimator) svc = fitted_iris_svc (FALSE);
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) head = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) decision = NULL;
  g_autoptr(MpArray) n_support = NULL;
  g_autoptr(MpArray) support = NULL;
  g_autoptr(MpArray) vectors = NULL;
  g_autoptr(MpArray) dual_coef = NULL;
  g_autoptr(GError) error = NULL;
  gdouble score = 0, gamma = 0;
  gint32 total = 0;

  load_iris (&x, &y);
  head = first_rows (x, 1);

  predicted = mp_estimator_predict (svc, head, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (predicted), ==, 1);
  g_assert_cmpint (mp_array_get_dtype (predicted), ==, MP_DTYPE_INT64);
  g_assert_cmpint (mp_array_get_int64_data (predicted)[0], ==, 0);

  g_assert_true (mp_estimator_score (svc, x, y, &score, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score, >, 0.95);

  decision = mp_svc_decision_function (MP_SVC (svc), head, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_dims (decision), ==, 2);
  g_assert_cmpuint (mp_array_get_dim (decision, 1), ==, 3);
  /* ovr: the predicted class has the largest value, votes dominate */
  g_assert_cmpfloat (mp_array_get_float64_data (decision)[0], >, 2.0);

  g_object_get (svc, "n-support", &n_support, "support", &support,
                "support-vectors", &vectors, "dual-coef", &dual_coef,
                "effective-gamma", &gamma, NULL);
  for (guint k = 0; k < 3; k++)
    total += mp_array_get_int32_data (n_support)[k];
  g_assert_cmpint (total, ==, (gint32) mp_array_get_n_elements (support));
  g_assert_cmpuint (mp_array_get_dim (vectors, 0), ==, (gsize) total);
  g_assert_cmpuint (mp_array_get_dim (dual_coef, 0), ==, 2);
  g_assert_cmpuint (mp_array_get_dim (dual_coef, 1), ==, (gsize) total);
  g_assert_cmpfloat (gamma, >, 0);

  /* support vectors are the training rows named by support_ */
  for (gsize k = 0; k < (gsize) total; k++)
    {
      gint32 row = mp_array_get_int32_data (support)[k];
      g_assert_cmpmem (mp_array_get_float64_data (vectors) + k * 4, 4 * sizeof (double),
                       mp_array_get_float64_data (x) + row * 4, 4 * sizeof (double));
    }

  g_assert_true (mp_estimator_validate (svc, &error));
  g_assert_no_error (error);
}

static void
test_binary_and_float_labels (void)
{
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) labels = NULL;
  g_autoptr(MpArray) x100 = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) decision = NULL;
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(GError) error = NULL;
  gdouble values[100];
  const gsize shape[] = { 100 };

  /* setosa and versicolor, relabelled 2.5 and -1.0 */
  load_iris (&x, &y);
  for (guint i = 0; i < 100; i++)
    values[i] = mp_array_get_int64_data (y)[i] == 0 ? 2.5 : -1.0;
  labels = mp_array_new_float64 (values, 100, shape, 1, NULL);
  x100 = first_rows (x, 100);

  mp_estimator_set_enum (svc, "kernel", MP_SVM_KERNEL_LINEAR);
  g_assert_true (mp_estimator_fit (svc, x100, labels, &error));
  g_assert_no_error (error);

  predicted = mp_estimator_predict (svc, x100, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_dtype (predicted), ==, MP_DTYPE_FLOAT64);
  decision = mp_svc_decision_function (MP_SVC (svc), x100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_dims (decision), ==, 1);

  /* classes_ is (-1.0, 2.5): positive decisions mean 2.5 */
  for (guint i = 0; i < 100; i++)
    {
      gdouble d = mp_array_get_float64_data (decision)[i];
      g_assert_cmpfloat (mp_array_get_float64_data (predicted)[i], ==, d > 0 ? 2.5 : -1.0);
      g_assert_cmpfloat (mp_array_get_float64_data (predicted)[i], ==, values[i]);
    }
}

static void
test_probability (void)
{
  g_autoptr(MpEstimator) svc = fitted_iris_svc (TRUE);
  g_autoptr(MpEstimator) again = fitted_iris_svc (TRUE);
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) proba = NULL;
  g_autoptr(MpArray) prob_a = NULL;
  g_autoptr(MpArray) prob_a_again = NULL;
  g_autoptr(GError) error = NULL;

  load_iris (&x, &y);
  proba = mp_svc_predict_proba (MP_SVC (svc), x, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_dim (proba, 0), ==, 150);
  g_assert_cmpuint (mp_array_get_dim (proba, 1), ==, 3);
  for (guint i = 0; i < 150; i++)
    {
      const gdouble *row = mp_array_get_float64_data (proba) + i * 3;
      g_assert_cmpfloat_with_epsilon (row[0] + row[1] + row[2], 1.0, 1e-9);
    }
  /* the first sample is a clear setosa */
  g_assert_cmpfloat (mp_array_get_float64_data (proba)[0], >, 0.9);

  /* the same random_state gives the same cross-validation folds */
  g_object_get (svc, "prob-a", &prob_a, NULL);
  g_object_get (again, "prob-a", &prob_a_again, NULL);
  g_assert_cmpuint (mp_array_get_n_elements (prob_a), ==, 3);
  g_assert_true (mp_array_equal (prob_a, prob_a_again));
}

static void
test_errors (void)
{
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(MpEstimator) fitted = fitted_iris_svc (FALSE);
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) one_class = NULL;
  g_autoptr(MpArray) narrow = NULL;
  g_autoptr(MpArray) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 zeros[150] = { 0, };
  const gsize y_shape[] = { 150 };
  const gsize narrow_shape[] = { 1, 3 };
  const gdouble narrow_values[] = { 1, 2, 3 };

  load_iris (&x, &y);

  result = mp_estimator_predict (svc, x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_assert_null (result);
  g_clear_error (&error);

  result = mp_svc_decision_function (MP_SVC (svc), x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_clear_error (&error);

  g_object_set (svc, "probability", TRUE, NULL);
  result = mp_svc_predict_proba (MP_SVC (svc), x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_clear_error (&error);
  g_object_set (svc, "probability", FALSE, NULL);

  one_class = mp_array_new_int64 (zeros, 150, y_shape, 1, NULL);
  g_assert_false (mp_estimator_fit (svc, x, one_class, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "greater than one"));
  g_clear_error (&error);

  g_assert_false (mp_estimator_fit (svc, x, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  {
    const struct { const char *property; const char *text; const char *field; } bad_text[] = {
      { "gamma", "fast", "gamma" },
      { "gamma", "-1", "gamma" },
      { "gamma", "1e999", "gamma" },
      { "class-weight", "heavy", "class_weight" },
      { "class-weight", "{0: 1.0,, 1: 2}", "class_weight" },
      { "class-weight", "{0: 1.0} x", "class_weight" },
      { "class-weight", "{0: -1.0}", "class_weight" },
      { "class-weight", "{0: 1.0, 0: 2.0}", "class_weight" },
      { "class-weight", "{0: 1.0, 7: 2.0}", "class_weight" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad_text); i++)
      {
        g_autoptr(MpEstimator) est = mp_svc_new ();

        g_object_set (est, bad_text[i].property, bad_text[i].text, NULL);
        g_assert_false (mp_estimator_fit (est, x, y, &error));
        g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
        g_assert_true (g_str_has_prefix (error->message, bad_text[i].field));
        g_clear_error (&error);
      }
  }

  {
    const struct { const char *property; gdouble value; const char *field; } bad_number[] = {
      { "c", 0.0, "C" },
      { "c", -1.0, "C" },
      { "tol", 0.0, "tol" },
      { "cache-size", 0.0, "cache_size" },
      { "coef0", INFINITY, "coef0" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad_number); i++)
      {
        g_autoptr(MpEstimator) est = mp_svc_new ();

        g_object_set (est, bad_number[i].property, bad_number[i].value, NULL);
        g_assert_false (mp_estimator_fit (est, x, y, &error));
        g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
        g_assert_true (g_str_has_prefix (error->message, bad_number[i].field));
        g_clear_error (&error);
      }
  }

  {
    g_autoptr(MpEstimator) est = mp_svc_new ();
    g_object_set (est, "degree", -1, NULL);
    g_assert_false (mp_estimator_fit (est, x, y, &error));
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_object_set (est, "degree", 3, "max-iter", -2, NULL);
    g_assert_false (mp_estimator_fit (est, x, y, &error));
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* on the fitted model */
  narrow = mp_array_new_float64 (narrow_values, 3, narrow_shape, 2, NULL);
  result = mp_estimator_predict (fitted, narrow, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  result = mp_svc_decision_function (MP_SVC (fitted), narrow, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  result = mp_svc_predict_proba (MP_SVC (fitted), x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "probability=False"));
  g_assert_false (mp_estimator_get_capabilities (fitted) & MP_ESTIMATOR_CAN_PREDICT_PROBA);
  g_clear_error (&error);

  /* fitted without probability, switched on afterwards */
  g_object_set (fitted, "probability", TRUE, NULL);
  result = mp_svc_predict_proba (MP_SVC (fitted), x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_NOT_FITTED);
  g_clear_error (&error);

  g_object_set (fitted, "break-ties", TRUE,
                "decision-function-shape", "ovo", NULL);
  result = mp_estimator_predict (fitted, x, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "break_ties"));
  g_clear_error (&error);
}

/* "{first: 1, first + 1: 1, ..., end - 1: 1" with @tail appended. */
static char *
many_class_weights (guint       first,
                    guint       end,
                    const char *tail)
{
  GString *text = g_string_new ("{");

  for (guint i = first; i < end; i++)
    g_string_append_printf (text, "%s%u: 1", i > first ? ", " : "", i);
  g_string_append (text, tail);
  return g_string_free (text, FALSE);
}

/* A dictionary of 300,000 entries: every check of it (the string form
 * parses it again each time) is O(n log n), and its errors are those the
 * entry-by-entry scan reported. */
static void
test_class_weight_many (void)
{
  const guint n = 300000;
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) fitted_weights = NULL;
  g_autoptr(GError) error = NULL;

  load_iris (&x, &y);

  /* a duplicate at the very end */
  {
    g_autoptr(MpEstimator) svc = mp_svc_new ();
    g_autofree char *weights = many_class_weights (0, n, ", 5: 2}");
    g_autofree char *text = NULL;

    g_object_set (svc, "class-weight", weights, NULL);
    text = mp_estimator_to_string (svc);
    /* an invalid dictionary is shown as the string it is */
    g_assert_true (g_str_has_prefix (text, "SVC(C=1.0, cache_size=200, class_weight='{0: 1, 1: 1, "));
    g_assert_nonnull (strstr (text, ", 299999: 1, 5: 2}', coef0=0.0, "));
    g_assert_false (mp_estimator_fit (svc, x, y, &error));
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "class_weight: class 5 appears twice");
    g_clear_error (&error);
  }

  /* valid: iris's classes named after 299,997 others, the rest ignored */
  {
    g_autoptr(MpEstimator) svc = mp_svc_new ();
    g_autofree char *weights = many_class_weights (3, n, ", 2: 0.5, 0: 1.0, 1: 2.5}");
    g_autofree char *text = NULL;

    g_object_set (svc, "class-weight", weights, "kernel", "linear", NULL);
    text = mp_estimator_to_string (svc);
    g_assert_true (g_str_has_prefix (text, "SVC(C=1.0, cache_size=200, class_weight={3: 1, 4: 1, "));
    g_assert_nonnull (strstr (text, ", 299999: 1, 2: 0.5, 0: 1.0, 1: 2.5}, coef0=0.0, "));
    g_assert_true (mp_estimator_fit (svc, x, y, &error));
    g_assert_no_error (error);
    g_object_get (svc, "fitted-class-weight", &fitted_weights, NULL);
    g_assert_cmpuint (mp_array_get_n_elements (fitted_weights), ==, 3);
    g_assert_cmpfloat (mp_array_get_float64_data (fitted_weights)[0], ==, 1.0);
    g_assert_cmpfloat (mp_array_get_float64_data (fitted_weights)[1], ==, 2.5);
    g_assert_cmpfloat (mp_array_get_float64_data (fitted_weights)[2], ==, 0.5);
  }
}

/* Which error a dictionary with several faults reports: the first fault
 * in text order, a repeat being found at the entry that repeats. */
static void
test_class_weight_errors (void)
{
  const struct { const char *text; const char *message; } cases[] = {
    { "{0: 1, 0: 2}", "class_weight: class 0 appears twice" },
    { "{0: 1, -0.0: 2}", "class_weight: class -0 appears twice" },
    { "{1: 1, 2: 1, 2: 1, 1: 1}", "class_weight: class 2 appears twice" },
    { "{2: 1, 1: 1, 3: 1, 1: 1, 2: 1}", "class_weight: class 1 appears twice" },
    { "{0: 1, 1: 2, 0: -1}", "class_weight: the weight of class 0 is negative" },
    { "{0: 1, 0: 2, 1: -1}", "class_weight: class 0 appears twice" },
    { "{0: 1, 0: 2,, 1: 1}", "class_weight: class 0 appears twice" },
    { "{0: 1, 0: 2} x", "class_weight: class 0 appears twice" },
    { "{0: 1,, 0: 2}",
      "class_weight: expected None, 'balanced' or a dictionary such as '{0: 1.0, 1: 2.5}', "
      "got '{0: 1,, 0: 2}'" },
  };
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;

  load_iris (&x, &y);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MpEstimator) svc = mp_svc_new ();
      g_autoptr(GError) error = NULL;

      g_object_set (svc, "class-weight", cases[i].text, NULL);
      g_assert_false (mp_estimator_fit (svc, x, y, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_max_iter (void)
{
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(MpArray) n_iter = NULL;
  g_autoptr(GError) error = NULL;
  gint fit_status = -1;

  load_iris (&x, &y);
  g_object_set (svc, "max-iter", 2, NULL);
  g_assert_true (mp_estimator_fit (svc, x, y, &error));
  g_assert_no_error (error);
  g_object_get (svc, "fit-status", &fit_status, "n-iter", &n_iter, NULL);
  g_assert_cmpint (fit_status, ==, 1);
  for (guint p = 0; p < 3; p++)
    g_assert_cmpint (mp_array_get_int32_data (n_iter)[p], <=, 2);

  g_object_set (svc, "max-iter", -1, NULL);
  g_assert_true (mp_estimator_fit (svc, x, y, &error));
  g_object_get (svc, "fit-status", &fit_status, NULL);
  g_assert_cmpint (fit_status, ==, 0);
}

/* Corruptions of a fitted state: each names the field validate must
 * blame. */
typedef struct
{
  const char *name;
  const char *field;
  void      (*corrupt) (MpEstimator *svc);
} Corruption;

static MpArray *
get_array (MpEstimator *svc,
           const char  *property)
{
  MpArray *array = NULL;
  g_object_get (svc, property, &array, NULL);
  return array;
}

static void
set_int32 (MpEstimator  *svc,
           const char   *property,
           const gint32 *values,
           gsize         n)
{
  g_autoptr(MpArray) array = mp_array_new_int32 (values, n, &n, 1, NULL);
  g_object_set (svc, property, array, NULL);
}

static void
corrupt_n_support_negative (MpEstimator *svc)
{
  g_autoptr(MpArray) counts = get_array (svc, "n-support");
  gint32 values[3];
  memcpy (values, mp_array_get_int32_data (counts), sizeof values);
  /* keeps the sum, one entry negative */
  values[0] += 2 * values[1];
  values[1] = -values[1];
  set_int32 (svc, "n-support", values, 3);
}

static void
corrupt_n_support_sum (MpEstimator *svc)
{
  g_autoptr(MpArray) counts = get_array (svc, "n-support");
  gint32 values[3];
  memcpy (values, mp_array_get_int32_data (counts), sizeof values);
  values[2] += 1;
  set_int32 (svc, "n-support", values, 3);
}

static void
corrupt_n_support_length (MpEstimator *svc)
{
  g_autoptr(MpArray) counts = get_array (svc, "n-support");
  gint32 values[2] = { mp_array_get_int32_data (counts)[0], mp_array_get_int32_data (counts)[1] };
  set_int32 (svc, "n-support", values, 2);
}

static void
corrupt_support_range (MpEstimator *svc)
{
  g_autoptr(MpArray) support = get_array (svc, "support");
  gsize n = mp_array_get_n_elements (support);
  g_autofree gint32 *values = g_memdup2 (mp_array_get_int32_data (support), n * sizeof (gint32));
  values[n - 1] = 150;
  set_int32 (svc, "support", values, n);
}

static void
corrupt_support_duplicate (MpEstimator *svc)
{
  g_autoptr(MpArray) support = get_array (svc, "support");
  gsize n = mp_array_get_n_elements (support);
  g_autofree gint32 *values = g_memdup2 (mp_array_get_int32_data (support), n * sizeof (gint32));
  values[1] = values[0];
  set_int32 (svc, "support", values, n);
}

static void
corrupt_support_missing (MpEstimator *svc)
{
  g_object_set (svc, "support", NULL, NULL);
}

static void
corrupt_vectors_shape (MpEstimator *svc)
{
  g_autoptr(MpArray) vectors = get_array (svc, "support-vectors");
  const gsize shape[] = { mp_array_get_dim (vectors, 0) - 1, 4 };
  g_autoptr(MpArray) shorter = mp_array_new_float64 (mp_array_get_float64_data (vectors),
                                                      shape[0] * 4, shape, 2, NULL);
  g_object_set (svc, "support-vectors", shorter, NULL);
}

static void
corrupt_vectors_dtype (MpEstimator *svc)
{
  g_autoptr(MpArray) vectors = get_array (svc, "support-vectors");
  g_autoptr(MpArray) as_float = mp_array_convert (vectors, MP_DTYPE_FLOAT32, NULL);
  g_object_set (svc, "support-vectors", as_float, NULL);
}

static void
corrupt_dual_coef_shape (MpEstimator *svc)
{
  g_autoptr(MpArray) dual = get_array (svc, "dual-coef");
  const gsize shape[] = { 1, mp_array_get_dim (dual, 1) };
  g_autoptr(MpArray) one_row = mp_array_new_float64 (mp_array_get_float64_data (dual),
                                                      shape[1], shape, 2, NULL);
  g_object_set (svc, "dual-coef", one_row, NULL);
}

static void
corrupt_dual_coef_nan (MpEstimator *svc)
{
  g_autoptr(MpArray) dual = get_array (svc, "dual-coef");
  gsize n = mp_array_get_n_elements (dual);
  g_autofree gdouble *values = g_memdup2 (mp_array_get_float64_data (dual), n * sizeof (gdouble));
  g_autoptr(MpArray) broken = NULL;
  values[3] = NAN;
  broken = mp_array_new_float64 (values, n, mp_array_get_shape (dual, NULL), 2, NULL);
  g_object_set (svc, "dual-coef", broken, NULL);
}

static void
corrupt_intercept_length (MpEstimator *svc)
{
  const gdouble values[] = { 0.1, 0.2 };
  const gsize shape[] = { 2 };
  g_autoptr(MpArray) short_intercept = mp_array_new_float64 (values, 2, shape, 1, NULL);
  g_object_set (svc, "intercept", short_intercept, NULL);
}

static void
corrupt_classes_single (MpEstimator *svc)
{
  const gint64 values[] = { 0 };
  const gsize shape[] = { 1 };
  g_autoptr(MpArray) classes = mp_array_new_int64 (values, 1, shape, 1, NULL);
  g_object_set (svc, "classes", classes, NULL);
}

static void
corrupt_classes_dtype (MpEstimator *svc)
{
  const gint32 values[] = { 0, 1, 2 };
  const gsize shape[] = { 3 };
  g_autoptr(MpArray) classes = mp_array_new_int32 (values, 3, shape, 1, NULL);
  g_object_set (svc, "classes", classes, NULL);
}

static void
corrupt_prob_a_length (MpEstimator *svc)
{
  const gdouble values[] = { -1.0 };
  const gsize shape[] = { 1 };
  g_autoptr(MpArray) prob = mp_array_new_float64 (values, 1, shape, 1, NULL);
  g_object_set (svc, "prob-a", prob, "prob-b", prob, NULL);
}

static void
corrupt_prob_b_mismatch (MpEstimator *svc)
{
  const gdouble values[] = { -1.0, -2.0, -3.0 };
  const gsize shape[] = { 3 };
  g_autoptr(MpArray) prob = mp_array_new_float64 (values, 3, shape, 1, NULL);
  g_object_set (svc, "prob-a", prob, NULL);
}

static void
corrupt_shape_fit (MpEstimator *svc)
{
  const gint64 values[] = { 150, 5 };
  const gsize shape[] = { 2 };
  g_autoptr(MpArray) shape_fit = mp_array_new_int64 (values, 2, shape, 1, NULL);
  g_object_set (svc, "shape-fit", shape_fit, NULL);
}

static void
corrupt_shape_fit_samples (MpEstimator *svc)
{
  const gint64 values[] = { 10, 4 };
  const gsize shape[] = { 2 };
  g_autoptr(MpArray) shape_fit = mp_array_new_int64 (values, 2, shape, 1, NULL);
  g_object_set (svc, "shape-fit", shape_fit, NULL);
}

static void
corrupt_gamma (MpEstimator *svc)
{
  g_object_set (svc, "effective-gamma", INFINITY, NULL);
}

static void
corrupt_fit_status (MpEstimator *svc)
{
  g_object_set (svc, "fit-status", 7, NULL);
}

static void
corrupt_n_iter (MpEstimator *svc)
{
  const gint32 values[] = { 1 };
  set_int32 (svc, "n-iter", values, 1);
}

static void
corrupt_class_weight (MpEstimator *svc)
{
  g_object_set (svc, "fitted-class-weight", NULL, NULL);
}

static const Corruption corruptions[] = {
  { "n-support-negative", "n_support_", corrupt_n_support_negative },
  { "n-support-sum", "support_vectors_", corrupt_n_support_sum },
  { "n-support-length", "n_support_", corrupt_n_support_length },
  { "support-out-of-range", "support_", corrupt_support_range },
  { "support-duplicate", "support_", corrupt_support_duplicate },
  { "support-missing", "support_", corrupt_support_missing },
  { "vectors-shape", "support_vectors_", corrupt_vectors_shape },
  { "vectors-dtype", "support_vectors_", corrupt_vectors_dtype },
  { "dual-coef-shape", "dual_coef_", corrupt_dual_coef_shape },
  { "dual-coef-nan", "dual_coef_", corrupt_dual_coef_nan },
  { "intercept-length", "intercept_", corrupt_intercept_length },
  { "classes-single", "classes_", corrupt_classes_single },
  { "classes-dtype", "classes_", corrupt_classes_dtype },
  { "prob-a-length", "probA_", corrupt_prob_a_length },
  { "prob-b-mismatch", "probB_", corrupt_prob_b_mismatch },
  { "shape-fit-features", "shape_fit_", corrupt_shape_fit },
  { "shape-fit-samples", "n_support_", corrupt_shape_fit_samples },
  { "gamma-infinite", "_gamma", corrupt_gamma },
  { "fit-status", "fit_status_", corrupt_fit_status },
  { "n-iter", "n_iter_", corrupt_n_iter },
  { "class-weight-missing", "class_weight_", corrupt_class_weight },
};

static void
test_validate_corrupted (gconstpointer data)
{
  const Corruption *c = data;
  g_autoptr(MpEstimator) svc = fitted_iris_svc (FALSE);
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) result = NULL;
  g_autoptr(GError) error = NULL;

  load_iris (&x, &y);
  c->corrupt (svc);

  g_assert_false (mp_estimator_validate (svc, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_test_message ("%s: %s", c->name, error->message);
  g_assert_true (g_str_has_prefix (error->message, c->field));
  g_clear_error (&error);

  /* predict never runs on the broken state */
  result = mp_estimator_predict (svc, x, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_clear_error (&error);
  result = mp_svc_decision_function (MP_SVC (svc), x, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
}

/* support_ with both a repeat and an index out of range: validate blames
 * whichever comes first. */
static void
test_validate_support_first_fault (void)
{
  const struct { gsize repeat_at; gsize range_at; const char *message; } cases[] = {
    { 3, 7, "support_: index 18 appears twice" },
    { 7, 3, "support_: index 150 at 3 is outside [0, 150)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MpEstimator) svc = fitted_iris_svc (FALSE);
      g_autoptr(MpArray) support = get_array (svc, "support");
      gsize n = mp_array_get_n_elements (support);
      g_autofree gint32 *values = g_memdup2 (mp_array_get_int32_data (support), n * sizeof (gint32));
      g_autoptr(GError) error = NULL;

      /* iris's first support vector is sample 18 */
      g_assert_cmpint (values[0], ==, 18);
      values[cases[i].repeat_at] = values[0];
      values[cases[i].range_at] = 150;
      values[cases[i].range_at + 1] = values[0];
      set_int32 (svc, "support", values, n);

      g_assert_false (mp_estimator_validate (svc, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* tests/corpus/hostile/svc-shape-fit-huge.json: two support vectors and
 * a shape_fit_ claiming 268,435,455 training samples. */
static void
load_and_predict_shape_fit_huge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "hostile",
                                                 "svc-shape-fit-huge.json", NULL);
  const gdouble values[] = { 0, 0, 1, 1, 0.2, 0.1, 2, 2 };
  const gint64 expected[] = { 0, 1, 0, 1 };
  const gsize shape[] = { 4, 2 };
  g_autoptr(MpArray) x = mp_array_new_float64 (values, 8, shape, 2, NULL);
  g_autoptr(MpEstimator) svc = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(MpArray) decision = NULL;
  g_autoptr(GError) error = NULL;

  svc = mp_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (MP_IS_SVC (svc));

  predicted = mp_estimator_predict (svc, x, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (mp_array_get_int64_data (predicted), 4 * sizeof (gint64), expected, sizeof expected);

  /* the linear model x0 + x1 - 1 */
  decision = mp_svc_decision_function (MP_SVC (svc), x, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (mp_array_get_float64_data (decision)[i],
                                    values[2 * i] + values[2 * i + 1] - 1, 1e-12);
}

/* No size read from a file may size an allocation beyond what its arrays
 * justify: validate once allocated a byte per claimed training sample
 * (256 MiB here), which aborted in GLib under a memory limit. So besides
 * loading it plainly, load it again with the address space allowed to
 * grow by only 64 MiB (the soft limit, restored afterwards). */
static void
test_load_shape_fit_huge (void)
{
  load_and_predict_shape_fit_huge ();

#if defined(G_OS_UNIX) && !defined(UNDER_SANITIZER)
  {
    g_autofree char *statm = NULL;
    struct rlimit saved, limit;
    guint64 pages;

    if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
      {
        g_test_skip ("no /proc/self/statm to measure the address space");
        return;
      }
    pages = g_ascii_strtoull (statm, NULL, 10);
    g_assert_cmpuint (pages, >, 0);

    g_assert_cmpint (getrlimit (RLIMIT_AS, &saved), ==, 0);
    limit = saved;
    limit.rlim_cur = pages * (guint64) sysconf (_SC_PAGESIZE) + (64 << 20);
    if (saved.rlim_max != RLIM_INFINITY)
      limit.rlim_cur = MIN (limit.rlim_cur, saved.rlim_max);
    g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);

    load_and_predict_shape_fit_huge ();

    g_assert_cmpint (setrlimit (RLIMIT_AS, &saved), ==, 0);
  }
#else
  g_test_message ("no address-space limit under a sanitizer");
#endif
}

/* A state restored property by property, as the loader does, predicts
 * like the original. */
static void
test_restore_state (void)
{
  g_autoptr(MpEstimator) svc = fitted_iris_svc (TRUE);
  g_autoptr(MpEstimator) copy = mp_estimator_clone (svc);
  g_autofree GParamSpec **fitted = NULL;
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) a = NULL;
  g_autoptr(MpArray) b = NULL;
  g_autoptr(GError) error = NULL;
  guint n_fitted = 0;

  load_iris (&x, &y);
  fitted = mp_estimator_list_properties (svc, MP_PROPERTY_ROLE_FITTED, &n_fitted);
  for (guint i = 0; i < n_fitted; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_value_init (&value, fitted[i]->value_type);
      g_object_get_property (G_OBJECT (svc), fitted[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), fitted[i]->name, &value);
    }
  _mp_estimator_set_fitted (copy, TRUE);
  g_assert_true (mp_estimator_validate (copy, &error));
  g_assert_no_error (error);

  a = mp_svc_predict_proba (MP_SVC (svc), x, &error);
  g_assert_no_error (error);
  b = mp_svc_predict_proba (MP_SVC (copy), x, &error);
  g_assert_no_error (error);
  g_assert_true (mp_array_equal (a, b));
}

/* Hyperparameters are stored as given, whatever their value (GLib would
 * warn about C = nan and keep 1.0), and checked against scikit-learn's
 * constraints where they are used. */
static void
test_params_stored_then_refused_by_fit (void)
{
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(GError) error = NULL;
  double c = 0;

  load_iris (&x, &y);
  g_object_set (svc, "c", NAN, NULL);
  g_object_get (svc, "c", &c, NULL);
  g_assert_true (isnan (c));

  g_assert_false (mp_estimator_fit (svc, x, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "C: must be a finite number > 0, got nan");
  g_clear_error (&error);

  g_object_set (svc, "c", 1.0, "random-state", (gint64) -2, NULL);
  g_assert_false (mp_estimator_fit (svc, x, y, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "random_state: must be None or >= 0 and <= 4294967295, got -2");
}

/* Changed after fit: the next entry point refuses, and accepts again once
 * the value is valid. */
static void
test_params_changed_after_fit (void)
{
  g_autoptr(MpEstimator) svc = fitted_iris_svc (FALSE);
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) result = NULL;
  g_autoptr(GError) error = NULL;

  load_iris (&x, &y);
  g_object_set (svc, "c", NAN, NULL);
  result = mp_estimator_predict (svc, x, &error);
  g_assert_null (result);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "C: "));
  g_clear_error (&error);

  g_object_set (svc, "c", 1.0, NULL);
  result = mp_svc_decision_function (MP_SVC (svc), x, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

typedef struct
{
  const char *property;
  const char *field;
  GType       type;
  double      number;
  const char *text;
} BadParam;

static const BadParam bad_params[] = {
  { "c", "C", G_TYPE_DOUBLE, -1.0 },
  { "c", "C", G_TYPE_DOUBLE, 0.0 },
  { "coef0", "coef0", G_TYPE_DOUBLE, INFINITY },
  { "tol", "tol", G_TYPE_DOUBLE, -INFINITY },
  { "cache-size", "cache_size", G_TYPE_DOUBLE, 1e9 },
  { "degree", "degree", G_TYPE_INT, -1 },
  { "max-iter", "max_iter", G_TYPE_INT, -2 },
  { "random-state", "random_state", G_TYPE_INT64, 4294967296.0 },
  { "gamma", "gamma", G_TYPE_STRING, 0, "-0.5" },
  { "class-weight", "class_weight", G_TYPE_STRING, 0, "{0: 1, 0: 2}" },
  { "effective-gamma", "_gamma", G_TYPE_DOUBLE, -1.0 },
  { "fit-status", "fit_status_", G_TYPE_INT, 2 },
};

static void
set_bad_param (MpEstimator    *svc,
               const BadParam *bad)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, bad->type);
  if (bad->type == G_TYPE_DOUBLE)
    g_value_set_double (&value, bad->number);
  else if (bad->type == G_TYPE_INT)
    g_value_set_int (&value, (int) bad->number);
  else if (bad->type == G_TYPE_INT64)
    g_value_set_int64 (&value, (gint64) bad->number);
  else
    g_value_set_string (&value, bad->text);
  g_object_set_property (G_OBJECT (svc), bad->property, &value);
}

/* A file whose SVC holds a value outside its constraint (checksums
 * valid: the writer computes them) is refused with INVALID_STATE naming
 * the parameter, fitted or not. */
static void
test_params_refused_at_load (gconstpointer data)
{
  const BadParam *bad = data;
  gboolean fitted_only = strchr (bad->field, '_') == bad->field || g_str_has_suffix (bad->field, "_");

  for (guint fitted = fitted_only; fitted < 2; fitted++)
    {
      g_autoptr(MpEstimator) svc = fitted ? fitted_iris_svc (FALSE) : mp_svc_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MpEstimator) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf (" %s: ", bad->field);

      set_bad_param (svc, bad);
      bytes = mp_dumps (svc, &error);
      g_assert_no_error (error);
      loaded = mp_loads (bytes, &error);
      g_test_message ("%s, %s: %s", bad->property, fitted ? "fitted" : "unfitted",
                      error != NULL ? error->message : "(loaded)");
      g_assert_null (loaded);
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
      g_assert_nonnull (strstr (error->message, expected));
    }
}

/* probA_ and probB_ are finite; the contract test cannot say so, as its
 * models are fitted without probabilities (the arrays are empty). */
static void
test_validate_probabilities_finite (void)
{
  const char * const properties[] = { "prob-a", "prob-b" };
  const char * const fields[] = { "probA_", "probB_" };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MpEstimator) svc = fitted_iris_svc (TRUE);
      g_autoptr(MpArray) prob = get_array (svc, properties[i]);
      gsize n = mp_array_get_n_elements (prob);
      g_autofree double *values = g_memdup2 (mp_array_get_float64_data (prob), n * sizeof (double));
      g_autoptr(MpArray) broken = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (n, ==, 3);
      values[1] = i == 0 ? NAN : INFINITY;
      broken = mp_array_new_float64 (values, n, &n, 1, NULL);
      g_object_set (svc, properties[i], broken, NULL);
      g_assert_false (mp_estimator_validate (svc, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
      g_assert_true (g_str_has_prefix (error->message, fields[i]));
    }
}

/* kernel is a string property whose words are MpSVMKernel's nicks; C has
 * the enum through typed accessors, and a word that names no kernel reads
 * as -1, never as a kernel. */
static void
test_kernel_words (void)
{
  g_autoptr(MpEstimator) svc = mp_svc_new ();
  g_autofree char *word = NULL;
  g_autofree char *none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);

  g_assert_no_error (error);
  g_assert_cmpint (mp_estimator_get_enum (svc, "kernel"), ==, MP_SVM_KERNEL_RBF);

  mp_estimator_set_enum (svc, "kernel", MP_SVM_KERNEL_SIGMOID);
  g_object_get (svc, "kernel", &word, NULL);
  g_assert_cmpstr (word, ==, "sigmoid");
  g_assert_cmpint (mp_estimator_get_enum (svc, "kernel"), ==, MP_SVM_KERNEL_SIGMOID);

  g_object_set (svc, "kernel", "Sigmoid", NULL);
  g_assert_cmpint ((int) mp_estimator_get_enum (svc, "kernel"), ==, -1);
  g_assert_false (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "kernel: must be one of 'linear', 'poly', 'rbf', 'sigmoid', got 'Sigmoid'");
  g_clear_error (&error);

  /* NULL is None: kept, and refused like any word not declared */
  g_object_set (svc, "kernel", NULL, NULL);
  g_object_get (svc, "kernel", &none, NULL);
  g_assert_null (none);
  g_assert_cmpint ((int) mp_estimator_get_enum (svc, "kernel"), ==, -1);
  g_assert_false (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_suffix (error->message, ", got None"));
  g_clear_error (&error);

  /* NULL at construction, where the zeroed field would otherwise say 0 */
  {
    g_autoptr(MpEstimator) unset = g_object_new (MP_TYPE_SVC, "kernel", NULL, NULL);

    g_assert_cmpint ((int) mp_estimator_get_enum (unset, "kernel"), ==, -1);
  }

  mp_estimator_set_enum (svc, "decision-function-shape", MP_DECISION_FUNCTION_SHAPE_OVO);
  g_assert_cmpint (mp_estimator_get_enum (svc, "decision-function-shape"), ==, MP_DECISION_FUNCTION_SHAPE_OVO);
}

/* scikit-learn 1.2's SVC._parameter_constraints, as declared */
static void
test_param_constraints (void)
{
  const struct { const char *property; const char *described; } cases[] = {
    { "c", "a finite number > 0" },
    { "cache-size", "> 0 and <= 1048576" },
    { "class-weight", "None, 'balanced' or a dictionary {label: weight >= 0}" },
    { "coef0", "a finite number" },
    { "degree", ">= 0" },
    { "gamma", "'scale', 'auto' or a number >= 0" },
    { "kernel", "one of 'linear', 'poly', 'rbf', 'sigmoid'" },
    { "decision-function-shape", "one of 'ovo', 'ovr'" },
    { "max-iter", ">= -1" },
    { "random-state", "None or >= 0 and <= 4294967295" },
    { "tol", "a finite number > 0" },
    { "effective-gamma", "a finite number >= 0" },
    { "fit-status", ">= 0 and <= 1" },
  };
  GObjectClass *klass = g_type_class_ref (MP_TYPE_SVC);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *described =
        _mp_param_spec_describe_constraint (g_object_class_find_property (klass, cases[i].property));

      g_assert_cmpstr (described, ==, cases[i].described);
    }
  g_type_class_unref (klass);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/svc/string-form", test_string_form);
  g_test_add_func ("/svc/string-form/branches", test_string_form_branches);
  g_test_add_func ("/svc/clone", test_clone_keeps_hyperparameters);
  g_test_add_func ("/svc/kernel/words", test_kernel_words);
  g_test_add_func ("/svc/fit/iris", test_fit_iris);
  g_test_add_func ("/svc/fit/binary-float-labels", test_binary_and_float_labels);
  g_test_add_func ("/svc/fit/probability", test_probability);
  g_test_add_func ("/svc/fit/max-iter", test_max_iter);
  g_test_add_func ("/svc/errors", test_errors);
  g_test_add_func ("/svc/class-weight/many", test_class_weight_many);
  g_test_add_func ("/svc/class-weight/errors", test_class_weight_errors);
  g_test_add_func ("/svc/validate/restored", test_restore_state);
  g_test_add_func ("/svc/validate/support-first-fault", test_validate_support_first_fault);
  g_test_add_func ("/svc/load/shape-fit-huge", test_load_shape_fit_huge);
  g_test_add_func ("/svc/params/stored-then-refused-by-fit", test_params_stored_then_refused_by_fit);
  g_test_add_func ("/svc/params/changed-after-fit", test_params_changed_after_fit);
  g_test_add_func ("/svc/params/constraints", test_param_constraints);
  for (guint i = 0; i < G_N_ELEMENTS (bad_params); i++)
    {
      g_autofree char *path = g_strdup_printf ("/svc/params/refused-at-load/%s-%u", bad_params[i].field, i);
      g_test_add_data_func (path, &bad_params[i], test_params_refused_at_load);
    }
  g_test_add_func ("/svc/validate/probabilities-finite", test_validate_probabilities_finite);
  for (guint i = 0; i < G_N_ELEMENTS (corruptions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/svc/validate/corrupted/%s", corruptions[i].name);
      g_test_add_data_func (path, &corruptions[i], test_validate_corrupted);
    }

  return g_test_run ();
}
