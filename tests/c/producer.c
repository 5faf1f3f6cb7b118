/* producer.c: fields the application adds to every document's producer
 * record (mp_set_producer_field), and the load-report warning for a model
 * converted from another scikit-learn
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <modelpersist.h>

static MpEstimator *
fitted_dummy (void)
{
  static const gdouble xs[] = { 0, 1, 2, 3, 4, 5 };
  static const gint64 ys[] = { 1, 2, 2 };
  const gsize x_shape[] = { 3, 2 }, y_shape[] = { 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) x = mp_array_new_float64 (xs, G_N_ELEMENTS (xs), x_shape, 2, &error);
  g_autoptr(MpArray) y = mp_array_new_int64 (ys, G_N_ELEMENTS (ys), y_shape, 1, &error);
  MpEstimator *est = g_object_new (MP_TYPE_DUMMY_CLASSIFIER, NULL);

  g_assert_no_error (error);
  mp_estimator_fit (est, x, y, &error);
  g_assert_no_error (error);
  return est;
}

/* The offset of @needle in @bytes (which hold NULs before the JSON), or -1. */
static gssize
find (GBytes     *bytes,
      const char *needle)
{
  gsize size, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return (gssize) i;
  return -1;
}

static void
set_field (const char *key,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_set_producer_field (key, value, &error));
  g_assert_no_error (error);
}

/* Saves @est with @info (may be NULL) and loads it back into @report. */
static GBytes *
roundtrip (MpEstimator  *est,
           MpModelInfo  *info,
           MpLoadReport *report)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = mp_dumps_with_info (est, info, &error);
  g_autoptr(MpEstimator) loaded = NULL;

  g_assert_no_error (error);
  loaded = mp_loads_full (bytes, NULL, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  return bytes;
}

static void
test_fields_written (void)
{
  g_autoptr(MpEstimator) est = fitted_dummy ();
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autofree char *value = NULL;

  before = roundtrip (est, NULL, report);
  g_assert_null (mp_load_report_get_producer_field (report, "zeta_version"));

  set_field ("zeta_version", "1.0");
  set_field ("app_version", "caf\xc3\xa9 2.0");
  value = mp_dup_producer_field ("app_version");
  g_assert_cmpstr (value, ==, "caf\xc3\xa9 2.0");

  after = roundtrip (est, NULL, report);
  g_assert_cmpstr (mp_load_report_get_producer_field (report, "zeta_version"), ==, "1.0");
  g_assert_cmpstr (mp_load_report_get_producer_field (report, "app_version"), ==, "caf\xc3\xa9 2.0");
  g_assert_cmpstr (mp_load_report_get_producer_field (report, "library"), ==, "libmodelpersist");
  g_assert_cmpstr (mp_load_report_get_producer_version (report), ==, MP_VERSION_S);
  g_assert_cmpuint (g_strv_length ((char **) mp_load_report_get_warnings (report)), ==, 0);
  info = mp_load_report_get_model_info (report);
  g_assert_cmpstr (mp_model_info_get_producer_field (info, "zeta_version"), ==, "1.0");

  /* in key order (the writer sorts every object's members), deterministic */
  g_assert_cmpint (find (after, "\"app_version\""), >, 0);
  g_assert_cmpint (find (after, "\"app_version\""), <, find (after, "\"zeta_version\""));
  g_assert_cmpint (find (before, "\"app_version\""), ==, -1);
  again = roundtrip (est, NULL, report);
  g_assert_true (g_bytes_equal (after, again));
  g_assert_false (g_bytes_equal (before, after));

  /* replaced, then removed */
  set_field ("zeta_version", "2.0");
  g_clear_pointer (&again, g_bytes_unref);
  again = roundtrip (est, NULL, report);
  g_assert_cmpstr (mp_load_report_get_producer_field (report, "zeta_version"), ==, "2.0");
  set_field ("zeta_version", NULL);
  set_field ("app_version", NULL);
  g_assert_null (mp_dup_producer_field ("zeta_version"));
  g_clear_pointer (&again, g_bytes_unref);
  again = roundtrip (est, NULL, report);
  g_assert_true (g_bytes_equal (before, again));
}

typedef struct {
  const char *key;
  const char *value;
  const char *message;
} BadField;

static const BadField bad_fields[] = {
  { "", "1", "key: \"\" must be 1 to 64 characters starting with a-z" },
  { "Python_version", "1", "key: \"Python_version\" must be 1 to 64 characters starting with a-z" },
  { "1st", "1", "key: \"1st\" must be 1 to 64 characters starting with a-z" },
  { "with-dash", "1", "key: \"with-dash\" may hold only a-z, 0-9 and _ (found byte 0x2d at 4)" },
  { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "1",
    "key: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" must be 1 to 64 "
    "characters starting with a-z" },
  { "library_version", "9.9", "key: \"library_version\" is written by the library itself" },
  { "os", "plan9", "key: \"os\" is written by the library itself" },
  { "app", "", "value: the value of \"app\" must be 1 to 256 bytes, got 0" },
  { "app", "\xff\xfe", "value: the value of \"app\" is not valid UTF-8" },
  { "app", "1.0\n2.0", "value: the value of \"app\" holds a control character at byte 3" },
  { "app", "1.0\x7f", "value: the value of \"app\" holds a control character at byte 3" },
};

static void
test_fields_invalid (void)
{
  g_autofree char *long_value = g_strnfill (257, 'v');

  for (gsize i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mp_set_producer_field (bad_fields[i].key, bad_fields[i].value, &error));
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, bad_fields[i].message);
      g_assert_null (mp_dup_producer_field (bad_fields[i].key));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (mp_set_producer_field ("app", long_value, &error));
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "value: the value of \"app\" must be 1 to 256 bytes, got 257");
  }
}

static void
test_fields_limit (void)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < MP_PRODUCER_MAX_FIELDS; i++)
    {
      g_autofree char *key = g_strdup_printf ("field_%02u", i);
      set_field (key, "x");
    }
  g_assert_false (mp_set_producer_field ("one_more", "x", &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED);
  g_assert_cmpstr (error->message, ==, "key: \"one_more\" would be field 17; at most 16 may be set");
  set_field ("field_00", "replacing is fine");

  for (guint i = 0; i < MP_PRODUCER_MAX_FIELDS; i++)
    {
      g_autofree char *key = g_strdup_printf ("field_%02u", i);
      set_field (key, NULL);
    }
  set_field ("one_more", "x");
  set_field ("one_more", NULL);
}

typedef struct {
  const char *converted;        /* imported_from.sklearn_version, or NULL */
  const char *running;          /* this process's sklearn_version, or NULL */
  const char *warning;          /* NULL: none */
} Converted;

#define PREFIX "$.metadata.annotations[\"imported_from.sklearn_version\"]: the model was converted from "

static const Converted converted_cases[] = {
  { "0.24.2", "1.2.1", PREFIX "scikit-learn 0.24.2, older than the scikit-learn 1.2.1 of this "
                       "process; the two may behave differently" },
  { "1.10.0", "1.2.1", PREFIX "scikit-learn 1.10.0, newer than the scikit-learn 1.2.1 of this "
                       "process; the two may behave differently" },
  { "1.2", "1.2.1", PREFIX "scikit-learn 1.2, older than the scikit-learn 1.2.1 of this process; "
                    "the two may behave differently" },
  { "1.3.dev0", "1.3.0", PREFIX "scikit-learn 1.3.dev0, not the scikit-learn 1.3.0 of this "
                         "process; the two may behave differently" },
  { "1.2.1", "1.2.1", NULL },
  { "1.2.1", NULL, NULL },      /* the process does not say: nothing to compare */
  { NULL, "1.2.1", NULL },      /* a model not converted from scikit-learn */
};

static void
test_converted_warning (gconstpointer data)
{
  const Converted *c = data;
  g_autoptr(MpEstimator) est = fitted_dummy ();
  g_autoptr(MpModelInfo) info = mp_model_info_new ();
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(GBytes) bytes = NULL;
  const char * const *warnings;

  mp_model_info_set_annotation (info, "imported_from.container", "pickle");
  if (c->converted != NULL)
    mp_model_info_set_annotation (info, "imported_from.sklearn_version", c->converted);
  set_field ("sklearn_version", c->running);

  bytes = roundtrip (est, info, report);
  warnings = mp_load_report_get_warnings (report);
  if (c->warning == NULL)
    g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 0);
  else
    {
      g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
      g_assert_cmpstr (warnings[0], ==, c->warning);
    }
  set_field ("sklearn_version", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/producer/fields/written", test_fields_written);
  g_test_add_func ("/producer/fields/invalid", test_fields_invalid);
  g_test_add_func ("/producer/fields/limit", test_fields_limit);
  for (gsize i = 0; i < G_N_ELEMENTS (converted_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/producer/converted/%s-%s",
                                               converted_cases[i].converted ?: "none",
                                               converted_cases[i].running ?: "none");
      g_test_add_data_func (path, &converted_cases[i], test_converted_warning);
    }

  return g_test_run ();
}
