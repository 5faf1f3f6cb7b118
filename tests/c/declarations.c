/* declarations.c: the declarative layer on an estimator that exists only
 * here, so that each feature is tested apart from any real estimator:
 * numbers that GLib would refuse are stored and refused by their declared
 * constraint, 64-bit integers with None, strings whose NULL is their
 * default, numbers in text, a class's own check, counts that give a
 * symbol its value, arrays that may be empty, derived symbols, and the
 * descriptions built from all of these.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>

#include <modelpersist.h>

#include "mp-declarations-private.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"

#define TEST_TYPE_DECLARED (test_declared_get_type ())
G_DECLARE_FINAL_TYPE (TestDeclared, test_declared, TEST, DECLARED, MpEstimator)

struct _TestDeclared
{
  MpEstimator  parent_instance;

  double       rate;
  gint64       seed;
  char        *mode;
  char        *tag;

  MpArray     *groups;
  MpArray     *counts;
  MpArray     *rows;
  MpArray     *extra;
};

G_DEFINE_FINAL_TYPE (TestDeclared, test_declared, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (TestDeclared, member)

static const char * const mode_words[] = { "fast", "slow", NULL };
static const char * const tag_words[] = { "plain", NULL };

/* Anything else the tag takes: text that starts with '#'. */
static gboolean
check_tag (const GValue  *value,
           GError       **error)
{
  const char *text = g_value_get_string (value);

  if (text[0] == '#')
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_FAILED, "expected 'plain' or '#...', got '%s'", text);
  return FALSE;
}

static const MpPropertyDecl properties[] = {
  { .name = "rate", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (rate), .default_number = 1.0, .interval = TRUE, .maximum = INFINITY,
    .constraint = MP_CONSTRAINT_MIN_EXCLUSIVE | MP_CONSTRAINT_MAX_EXCLUSIVE },
  { .name = "seed", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64,
    .offset = FIELD (seed), .default_number = -1, .interval = TRUE, .maximum = 100,
    .constraint = MP_CONSTRAINT_NONE_ALLOWED },
  { .name = "mode", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (mode), .default_string = "fast", .words = mode_words, .interval = TRUE,
    .maximum = INFINITY, .constraint = MP_CONSTRAINT_NUMBER_ALLOWED },
  { .name = "tag", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (tag), .words = tag_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = check_tag, .check_text = "a text starting with '#'" },
  { .name = "groups", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (groups), .dtypes = "int64|str", .shape = "(n_groups,)",
    .state = MP_STATE_FLAG_INCREASING },
  { .name = "counts", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (counts), .dtypes = "int32", .shape = "(n_groups,)",
    .state = MP_STATE_FLAG_COUNTS, .bound = "n_rows" },
  { .name = "rows", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (rows), .dtypes = "float64", .shape = "(n_rows, n_features_in)",
    .state = MP_STATE_FLAG_FINITE },
  { .name = "extra", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (extra), .dtypes = "float64", .shape = "(n_pairs,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_EMPTY_ALLOWED },
};

/* Two groups of rows; extra stays empty. */
static gboolean
test_declared_fit (MpEstimator  *estimator,
                   MpArray      *x,
                   MpArray      *y,
                   GError      **error)
{
  gsize n = mp_array_get_dim (x, 0), two = 2, none = 0;
  const gint64 groups[] = { 0, 1 };
  const gint32 counts[] = { (gint32) (n - n / 2), (gint32) (n / 2) };
  g_autoptr(MpArray) groups_array = mp_array_new_int64 (groups, 2, &two, 1, NULL);
  g_autoptr(MpArray) counts_array = mp_array_new_int32 (counts, 2, &two, 1, NULL);
  g_autoptr(MpArray) extra = mp_array_new_float64 (NULL, 0, &none, 1, NULL);

  g_object_set (estimator, "groups", groups_array, "counts", counts_array, "rows", x, "extra", extra, NULL);
  return TRUE;
}

static MpArray *
test_declared_predict (MpEstimator  *estimator,
                       MpArray      *x,
                       GError      **error)
{
  gsize n = mp_array_get_dim (x, 0);
  g_autofree gint64 *zeros = g_new0 (gint64, n);

  return mp_array_new_int64 (zeros, n, &n, 1, NULL);
}

static void
test_declared_class_init (TestDeclaredClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = test_declared_fit;
  estimator_class->predict = test_declared_predict;
  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  _mp_estimator_class_derive_symbol (estimator_class, "n_pairs", "n_groups", _mp_symbol_rule_pairs);
}

static void
test_declared_init (TestDeclared *self)
{
}

static MpArray *
matrix (gsize n_rows)
{
  const gsize shape[] = { n_rows, 2 };
  g_autofree double *values = g_new0 (double, 2 * n_rows);

  return mp_array_new_float64 (values, 2 * n_rows, shape, 2, NULL);
}

static MpEstimator *
fitted (void)
{
  MpEstimator *model = g_object_new (TEST_TYPE_DECLARED, NULL);
  g_autoptr(MpArray) x = matrix (5);
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_estimator_fit (model, x, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mp_estimator_validate (model, &error));
  return model;
}

/* fit's error (INVALID_ARGUMENT) after @name is set to @value */
static void
assert_fit_refuses (const char   *name,
                    const GValue *value,
                    const char   *message)
{
  g_autoptr(MpEstimator) model = g_object_new (TEST_TYPE_DECLARED, NULL);
  g_autoptr(MpArray) x = matrix (5);
  g_autoptr(GError) error = NULL;

  g_object_set_property (G_OBJECT (model), name, value);
  g_assert_false (mp_estimator_fit (model, x, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_nan_is_stored (void)
{
  g_autoptr(MpEstimator) model = g_object_new (TEST_TYPE_DECLARED, "rate", NAN, NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  double rate = 0;

  /* GLib would warn (fatal here) and keep 1.0 */
  g_object_get (model, "rate", &rate, NULL);
  g_assert_true (isnan (rate));

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, NAN);
  assert_fit_refuses ("rate", &value, "rate: must be a finite number > 0, got nan");
  g_value_set_double (&value, INFINITY);
  assert_fit_refuses ("rate", &value, "rate: must be a finite number > 0, got inf");
}

static void
test_int64_none (void)
{
  g_autoptr(MpEstimator) model = fitted ();
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 seed = 0;

  g_object_get (model, "seed", &seed, NULL);
  g_assert_cmpint (seed, ==, -1);

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, -2);
  assert_fit_refuses ("seed", &value, "seed: must be None or >= 0 and <= 100, got -2");
  g_value_set_int64 (&value, G_MAXINT64);
  assert_fit_refuses ("seed", &value, "seed: must be None or >= 0 and <= 100, got 9.2233720368547758e+18");
}

static void
test_string_default (void)
{
  g_autoptr(MpEstimator) model = g_object_new (TEST_TYPE_DECLARED, NULL);
  g_autofree char *mode = NULL;
  g_autofree char *tag = NULL;

  g_object_set (model, "mode", "slow", "tag", "#x", NULL);
  g_object_set (model, "mode", NULL, "tag", NULL, NULL);
  g_object_get (model, "mode", &mode, "tag", &tag, NULL);
  g_assert_cmpstr (mode, ==, "fast");   /* a default: NULL restores it */
  g_assert_null (tag);                  /* None */
}

static void
test_number_text (void)
{
  const char * const good[] = { "slow", " 2.5 ", "0", "1e3", "+7" };
  const char * const bad[] = { "0x10", "inf", "nan", "1e999", "-1", "", "2.5.1", "1_000" };
  g_auto(GValue) value = G_VALUE_INIT;
  double number;
  gboolean integral;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(MpEstimator) model = g_object_new (TEST_TYPE_DECLARED, "mode", good[i], NULL);
      g_autoptr(MpArray) x = matrix (5);
      g_autoptr(GError) error = NULL;

      g_assert_true (mp_estimator_fit (model, x, NULL, &error));
      g_assert_no_error (error);
    }

  g_value_init (&value, G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = g_strdup_printf ("mode: must be 'fast', 'slow' or a number >= 0, got '%s'",
                                                  bad[i]);

      g_value_set_string (&value, bad[i]);
      assert_fit_refuses ("mode", &value, message);
    }

  g_assert_true (_mp_pyrepr_parse_number (" 12 ", &number, &integral));
  g_assert_cmpfloat (number, ==, 12);
  g_assert_true (integral);
  g_assert_true (_mp_pyrepr_parse_number ("1e-3", &number, &integral));
  g_assert_false (integral);
  g_assert_false (_mp_pyrepr_parse_number ("12 x", &number, &integral));
  g_assert_false (_mp_pyrepr_parse_number (NULL, &number, &integral));
}

static void
test_class_check (void)
{
  g_autoptr(MpEstimator) model = fitted ();
  g_autoptr(MpArray) x = matrix (3);
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_object_set (model, "tag", "#ok", NULL);
  g_assert_true (mp_estimator_validate (model, &error));
  g_object_set (model, "tag", "plain", NULL);
  g_assert_true (mp_estimator_validate (model, &error));

  /* the class's message, with the parameter's name and the caller's code */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "bad");
  assert_fit_refuses ("tag", &value, "tag: expected 'plain' or '#...', got 'bad'");

  /* changed after fit: refused where the model is next used */
  g_object_set (model, "tag", "bad", NULL);
  predicted = mp_estimator_predict (model, x, &error);
  g_assert_null (predicted);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "tag: expected 'plain' or '#...', got 'bad'");
}

static void
set_counts (MpEstimator  *model,
            const gint32 *values)
{
  gsize two = 2;
  g_autoptr(MpArray) counts = mp_array_new_int32 (values, 2, &two, 1, NULL);

  g_object_set (model, "counts", counts, NULL);
}

/* counts_ comes before rows_: the sum of its counts is n_rows, which the
 * rows then disagree with. */
static void
test_counts_give_symbol (void)
{
  g_autoptr(MpEstimator) model = fitted ();
  g_autoptr(GError) error = NULL;
  const gint32 one_more[] = { 3, 3 };
  const gint32 negative[] = { 6, -1 };

  set_counts (model, one_more);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "rows_: dimension 0 is 5, but n_rows is 6 (from counts_)");
  g_clear_error (&error);

  /* negative counts give no symbol: the rows do, and the counts are
   * blamed for their element */
  set_counts (model, negative);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "counts_: element 1 is -1, expected a count >= 0");
}

static void
set_extra (MpEstimator *model,
           gsize        n)
{
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  g_autoptr(MpArray) extra = mp_array_new_float64 (values, n, &n, 1, NULL);

  g_object_set (model, "extra", extra, NULL);
}

static void
test_empty_allowed (void)
{
  g_autoptr(MpEstimator) model = fitted ();
  g_autoptr(GError) error = NULL;
  const gsize shape[] = { 0, 1 };
  g_autoptr(MpArray) empty_2d = mp_array_new_float64 (NULL, 0, shape, 2, NULL);

  /* n_pairs = 1 from two groups (a derived symbol) */
  set_extra (model, 1);
  g_assert_true (mp_estimator_validate (model, &error));
  g_assert_no_error (error);
  set_extra (model, 0);
  g_assert_true (mp_estimator_validate (model, &error));

  set_extra (model, 2);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "extra_: dimension 0 is 2, but n_pairs is 1 (from groups_)");
  g_clear_error (&error);

  /* empty, but with the wrong number of dimensions */
  g_object_set (model, "extra", empty_2d, NULL);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "extra_: has 2 dimensions, expected 1");
}

/* A str array declared like classes_: sorted and distinct by code point,
 * the order numpy's np.unique gives str labels. */
static void
test_string_groups (void)
{
  g_autoptr(MpEstimator) model = fitted ();
  g_autoptr(GError) error = NULL;
  const gsize two[] = { 2 };
  /* U+00E9 (2 bytes) sorts before U+1F338 (4 bytes), after 'z'. */
  const char * const sorted[] = { "z", "\xc3\xa9" };
  const char * const unsorted[] = { "\xf0\x9f\x8c\xb8", "\xc3\xa9" };
  const char * const repeated[] = { "ab", "ab" };
  const char * const prefix[] = { "ab", "a" };
  g_autoptr(MpArray) ok = mp_array_new_strings (sorted, 2, two, 1, NULL);
  g_autoptr(MpArray) bad = mp_array_new_strings (unsorted, 2, two, 1, NULL);
  g_autoptr(MpArray) same = mp_array_new_strings (repeated, 2, two, 1, NULL);
  g_autoptr(MpArray) shorter = mp_array_new_strings (prefix, 2, two, 1, NULL);
  GParamSpec *counts = g_param_spec_boxed ("counts", NULL, NULL, MP_TYPE_ARRAY, G_PARAM_READWRITE);

  g_object_set (model, "groups", ok, NULL);
  g_assert_true (mp_estimator_validate (model, &error));
  g_assert_no_error (error);

  g_object_set (model, "groups", bad, NULL);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_assert_cmpstr (error->message, ==, "groups_: element 1 ('\xc3\xa9') is not greater than the one "
                                       "before; expected sorted, distinct values");
  g_clear_error (&error);

  g_object_set (model, "groups", same, NULL);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_clear_error (&error);

  g_object_set (model, "groups", shorter, NULL);
  g_assert_false (mp_estimator_validate (model, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
  g_clear_error (&error);

  /* Checks that read numbers have no meaning for strings. */
  g_param_spec_ref_sink (counts);
  g_assert_false (_mp_param_spec_declare_array (counts, "int32|str", "(n,)", MP_STATE_FLAG_COUNTS,
                                                "n_rows", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "a str array allows none of them"));
  g_clear_error (&error);
  g_assert_false (_mp_param_spec_declare_array (counts, "int64|utf8", "(n,)", 0, NULL, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "(float64, float32, int64, int32, uint8, bool, str)"));
  g_clear_error (&error);
  g_param_spec_unref (counts);
}

static void
test_descriptions (void)
{
  GObjectClass *klass = g_type_class_ref (TEST_TYPE_DECLARED);
  const struct { const char *name; const char *constraint; const char *state; } cases[] = {
    { "rate", "a finite number > 0", NULL },
    { "seed", "None or >= 0 and <= 100", NULL },
    { "mode", "'fast', 'slow' or a number >= 0", NULL },
    { "tag", "None, 'plain' or a text starting with '#'", NULL },
    { "counts", NULL, "int32 (n_groups,), counts summing to n_rows" },
    { "groups", NULL, "int64|str (n_groups,), strictly increasing" },
    { "extra", NULL, "float64 (n_pairs,), finite, or empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, cases[i].name);
      g_autofree char *constraint = _mp_param_spec_describe_constraint (pspec);
      g_autofree char *state = _mp_param_spec_describe_state (pspec);

      g_assert_cmpstr (constraint, ==, cases[i].constraint);
      g_assert_cmpstr (state, ==, cases[i].state);
    }
  g_type_class_unref (klass);
}

static void
test_symbol_rules (void)
{
  const guint64 pairs[][2] = { { 0, 0 }, { 1, 0 }, { 2, 1 }, { 3, 3 }, { 4, 6 }, { 7, 21 },
                               { G_MAXUINT32, (guint64) G_MAXUINT32 * (G_MAXUINT32 - 1) / 2 } };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpuint (_mp_symbol_rule_pairs (pairs[i][0]), ==, pairs[i][1]);
  g_assert_cmpuint (_mp_symbol_rule_minus_one (0), ==, 0);
  g_assert_cmpuint (_mp_symbol_rule_minus_one (3), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/declarations/param/nan-is-stored", test_nan_is_stored);
  g_test_add_func ("/declarations/param/int64-none", test_int64_none);
  g_test_add_func ("/declarations/param/string-default", test_string_default);
  g_test_add_func ("/declarations/param/number-text", test_number_text);
  g_test_add_func ("/declarations/param/class-check", test_class_check);
  g_test_add_func ("/declarations/state/counts-give-symbol", test_counts_give_symbol);
  g_test_add_func ("/declarations/state/empty-allowed", test_empty_allowed);
  g_test_add_func ("/declarations/state/string-groups", test_string_groups);
  g_test_add_func ("/declarations/describe", test_descriptions);
  g_test_add_func ("/declarations/symbol-rules", test_symbol_rules);

  return g_test_run ();
}
