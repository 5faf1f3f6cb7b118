/* array.c: tests of MpArray
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <modelpersist.h>
#include <math.h>
#include <string.h>

static void
test_dtype_names (void)
{
  static const struct { MpDType dtype; const char *name; gsize size; } cases[] = {
    { MP_DTYPE_FLOAT64, "float64", 8 },
    { MP_DTYPE_FLOAT32, "float32", 4 },
    { MP_DTYPE_INT64, "int64", 8 },
    { MP_DTYPE_INT32, "int32", 4 },
    { MP_DTYPE_UINT8, "uint8", 1 },
    { MP_DTYPE_BOOL, "bool", 1 },
    { MP_DTYPE_STRING, "str", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MpDType parsed;

      g_assert_cmpstr (mp_dtype_to_string (cases[i].dtype), ==, cases[i].name);
      g_assert_cmpuint (mp_dtype_get_item_size (cases[i].dtype), ==, cases[i].size);
      g_assert_true (mp_dtype_from_string (cases[i].name, &parsed));
      g_assert_cmpint (parsed, ==, cases[i].dtype);
    }

  g_assert_false (mp_dtype_from_string ("complex128", NULL));
  g_assert_null (mp_dtype_to_string (42));
  g_assert_cmpuint (mp_dtype_get_item_size (42), ==, 0);
}

static void
test_strings_new (void)
{
  /* ASCII, empty, two-byte, three-byte and four-byte UTF-8 sequences */
  const char * const values[] = { "setosa", "", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x8c\xb8", "x" };
  const gsize shape[] = { 2, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) array = mp_array_new_strings (values, 6, shape, 2, &error);
  g_auto(GStrv) copy = NULL;
  gsize expected_bytes = 0;

  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_dtype (array), ==, MP_DTYPE_STRING);
  g_assert_cmpuint (mp_array_get_n_dims (array), ==, 2);
  g_assert_cmpuint (mp_array_get_dim (array, 1), ==, 3);
  g_assert_cmpuint (mp_array_get_n_elements (array), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpstr (mp_array_get_string (array, i), ==, values[i]);
      expected_bytes += strlen (values[i]);
    }
  g_assert_cmpuint (mp_array_get_n_bytes (array), ==, expected_bytes);

  copy = mp_array_dup_strings (array);
  g_assert_cmpuint (g_strv_length (copy), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (copy[i], ==, values[i]);
}

static void
test_strings_empty_and_scalar (void)
{
  const char * const one[] = { "only" };
  const gsize zero[] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) empty = mp_array_new_strings (NULL, 0, zero, 1, &error);
  g_autoptr(MpArray) scalar = NULL;
  g_auto(GStrv) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (empty), ==, 0);
  g_assert_cmpuint (mp_array_get_n_bytes (empty), ==, 0);
  none = mp_array_dup_strings (empty);
  g_assert_nonnull (none);
  g_assert_null (none[0]);

  scalar = mp_array_new_strings (one, 1, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_dims (scalar), ==, 0);
  g_assert_cmpstr (mp_array_get_string (scalar, 0), ==, "only");
}

static void
test_strings_refused (void)
{
  const char * const bad_utf8[] = { "ok", "\xc3\x28" };
  const char * const overlong[] = { "\xc0\xaf" };
  const char * const surrogate[] = { "\xed\xa0\x80" };
  const char * const with_null[] = { "a", NULL };
  const gsize two[] = { 2 }, one[] = { 1 }, three[] = { 3 };
  g_autoptr(GError) error = NULL;
  MpArray *array;

  array = mp_array_new_strings (bad_utf8, 2, two, 1, &error);
  g_assert_null (array);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "element 1 is not valid UTF-8"));
  g_clear_error (&error);

  array = mp_array_new_strings (overlong, 1, one, 1, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (array);
  g_clear_error (&error);

  array = mp_array_new_strings (surrogate, 1, one, 1, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (array);
  g_clear_error (&error);

  array = mp_array_new_strings (with_null, 2, two, 1, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "element 1 is NULL"));
  g_assert_null (array);
  g_clear_error (&error);

  array = mp_array_new_strings (bad_utf8, 2, three, 1, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "values: 2 given, shape holds 3"));
  g_assert_null (array);
  g_clear_error (&error);

  /* The byte constructors have no room for variable-length elements. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("ab", 2);
    array = mp_array_new_from_bytes (MP_DTYPE_STRING, two, 1, bytes, &error);
    g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "dtype: str"));
    g_assert_null (array);
    g_clear_error (&error);
  }
}

static void
test_strings_numeric_accessors (void)
{
  const char * const values[] = { "a", "b" };
  const gsize two[] = { 2 };
  const gdouble numbers[] = { 1, 2 };
  g_autoptr(MpArray) strings = mp_array_new_strings (values, 2, two, 1, NULL);
  g_autoptr(MpArray) doubles = mp_array_new_float64 (numbers, 2, two, 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) converted = NULL;

  /* A str array has no byte view and no numeric value: programming
   * errors, as reading a float64 array as int64 is. (No subprocess trap:
   * qemu-user, which runs this suite for s390x, cannot re-execute it.) */
  g_test_expect_message ("ModelPersist", G_LOG_LEVEL_CRITICAL, "*dtype != MP_DTYPE_STRING*");
  g_assert_null (mp_array_get_bytes (strings));
  g_test_assert_expected_messages ();
  g_test_expect_message ("ModelPersist", G_LOG_LEVEL_CRITICAL, "*dtype != MP_DTYPE_STRING*");
  g_assert_true (isnan (mp_array_get_double (strings, 0)));
  g_test_assert_expected_messages ();
  g_test_expect_message ("ModelPersist", G_LOG_LEVEL_CRITICAL, "*dtype != MP_DTYPE_STRING*");
  g_assert_null (mp_array_get_data (strings, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message ("ModelPersist", G_LOG_LEVEL_CRITICAL, "*dtype == MP_DTYPE_STRING*");
  g_assert_null (mp_array_get_string (doubles, 0));
  g_test_assert_expected_messages ();
  g_test_expect_message ("ModelPersist", G_LOG_LEVEL_CRITICAL, "*index < array->n_elements*");
  g_assert_null (mp_array_get_string (strings, 2));
  g_test_assert_expected_messages ();

  converted = mp_array_convert (strings, MP_DTYPE_FLOAT64, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "str elements cannot be converted to float64"));
  g_assert_null (converted);
  g_clear_error (&error);
  converted = mp_array_convert (doubles, MP_DTYPE_STRING, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (converted);
  g_clear_error (&error);
  converted = mp_array_convert (strings, MP_DTYPE_STRING, &error);
  g_assert_no_error (error);
  g_assert_true (converted == strings);
}

static void
test_strings_equal (void)
{
  /* "ab" + "c" and "a" + "bc" share their bytes without separators: the
   * comparison must see the element boundaries. */
  const char * const abc1[] = { "ab", "c" };
  const char * const abc2[] = { "a", "bc" };
  const gsize two[] = { 2 }, one_two[] = { 1, 2 };
  g_autoptr(MpArray) a = mp_array_new_strings (abc1, 2, two, 1, NULL);
  g_autoptr(MpArray) a2 = mp_array_new_strings (abc1, 2, two, 1, NULL);
  g_autoptr(MpArray) b = mp_array_new_strings (abc2, 2, two, 1, NULL);
  g_autoptr(MpArray) reshaped = mp_array_new_strings (abc1, 2, one_two, 2, NULL);

  g_assert_true (mp_array_equal (a, a2));
  g_assert_false (mp_array_equal (a, b));
  g_assert_false (mp_array_equal (a, reshaped));
}

static void
test_typed_constructors (void)
{
  const gsize shape[] = { 2, 3 };
  const gdouble f64[] = { 1, 2, 3, 4, 5, 6.5 };
  const gfloat f32[] = { 1, 2, 3, 4, 5, 6.5f };
  const gint64 i64[] = { 1, 2, 3, 4, 5, G_MAXINT64 };
  const gint32 i32[] = { 1, 2, 3, 4, 5, G_MININT32 };
  const guint8 u8[] = { 1, 2, 3, 4, 5, 255 };
  /* 256 and 1 << 24 have a zero first byte on little-endian hosts, 7 a
   * zero first byte on big-endian ones: storing any one byte of the
   * gboolean instead of its truth value fails on one kind of host. */
  const gboolean b[] = { TRUE, FALSE, 7, 0, 256, 1 << 24 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) a_f64 = mp_array_new_float64 (f64, 6, shape, 2, &error);
  g_autoptr(MpArray) a_f32 = mp_array_new_float32 (f32, 6, shape, 2, &error);
  g_autoptr(MpArray) a_i64 = mp_array_new_int64 (i64, 6, shape, 2, &error);
  g_autoptr(MpArray) a_i32 = mp_array_new_int32 (i32, 6, shape, 2, &error);
  g_autoptr(MpArray) a_u8 = mp_array_new_uint8 (u8, 6, shape, 2, &error);
  g_autoptr(MpArray) a_b = mp_array_new_bool (b, 6, shape, 2, &error);
  MpArray *all[] = { a_f64, a_f32, a_i64, a_i32, a_u8, a_b };
  MpDType dtypes[] = { MP_DTYPE_FLOAT64, MP_DTYPE_FLOAT32, MP_DTYPE_INT64,
                       MP_DTYPE_INT32, MP_DTYPE_UINT8, MP_DTYPE_BOOL };
  const guint8 *bools;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      guint n_dims;
      const gsize *got = mp_array_get_shape (all[i], &n_dims);

      g_assert_nonnull (all[i]);
      g_assert_cmpint (mp_array_get_dtype (all[i]), ==, dtypes[i]);
      g_assert_cmpuint (n_dims, ==, 2);
      g_assert_cmpuint (got[0], ==, 2);
      g_assert_cmpuint (got[1], ==, 3);
      g_assert_cmpuint (mp_array_get_dim (all[i], 1), ==, 3);
      g_assert_cmpuint (mp_array_get_dim (all[i], 2), ==, 0);
      g_assert_cmpuint (mp_array_get_n_elements (all[i]), ==, 6);
      g_assert_cmpuint (mp_array_get_n_bytes (all[i]), ==, 6 * mp_dtype_get_item_size (dtypes[i]));
      g_assert_cmpfloat (mp_array_get_double (all[i], 0), ==, 1.0);
    }

  g_assert_cmpfloat (mp_array_get_float64_data (a_f64)[5], ==, 6.5);
  g_assert_cmpfloat (mp_array_get_double (a_f32, 5), ==, 6.5);
  g_assert_cmpint (mp_array_get_int64_data (a_i64)[5], ==, G_MAXINT64);
  g_assert_cmpint (mp_array_get_int32_data (a_i32)[5], ==, G_MININT32);
  g_assert_cmpfloat (mp_array_get_double (a_u8, 5), ==, 255.0);

  /* Any non-zero gboolean is stored as exactly 1. */
  bools = mp_array_get_data (a_b, NULL);
  g_assert_cmpuint (bools[2], ==, 1);
  g_assert_cmpuint (bools[3], ==, 0);
  g_assert_cmpuint (bools[4], ==, 1);
  g_assert_cmpuint (bools[5], ==, 1);
}

static void
test_count_mismatch (void)
{
  const gsize shape[] = { 2, 3 };
  const gdouble values[] = { 1, 2, 3, 4, 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) array = mp_array_new_float64 (values, 5, shape, 2, &error);

  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (array);
}

static void
test_bytes_length_mismatch (void)
{
  const gsize shape[] = { 4 };
  g_autoptr(GBytes) bytes = g_bytes_new_static ("0123456789abcdef", 16);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) array = mp_array_new_from_bytes (MP_DTYPE_FLOAT64, shape, 1, bytes, &error);

  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "16 bytes"));
  g_assert_null (array);
}

static void
test_shape_overflow (void)
{
  const gsize huge[] = { G_MAXSIZE / 2, 3 };
  const gsize byte_overflow[] = { G_MAXSIZE / 4 };
  const gsize too_many_dims[MP_ARRAY_MAX_DIMS + 1] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  MpArray *array;

  array = mp_array_new_from_bytes (MP_DTYPE_UINT8, huge, 2, empty, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "axis 1"));
  g_assert_null (array);
  g_clear_error (&error);

  /* The element count fits, its byte length does not. */
  array = mp_array_new_from_bytes (MP_DTYPE_FLOAT64, byte_overflow, 1, empty, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (array);
  g_clear_error (&error);

  array = mp_array_new_from_bytes (MP_DTYPE_UINT8, too_many_dims, MP_ARRAY_MAX_DIMS + 1, empty, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (array);
  g_clear_error (&error);

  array = mp_array_new_from_bytes (42, NULL, 0, empty, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (array);
}

static void
test_empty_and_scalar (void)
{
  const gsize empty_shape[] = { 0, 4 };
  const gdouble one = 42.0;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) empty = mp_array_new_float64 (NULL, 0, empty_shape, 2, &error);
  g_autoptr(MpArray) scalar = mp_array_new_float64 (&one, 1, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mp_array_get_n_elements (empty), ==, 0);
  g_assert_cmpuint (mp_array_get_n_bytes (empty), ==, 0);
  g_assert_cmpuint (mp_array_get_n_dims (scalar), ==, 0);
  g_assert_cmpuint (mp_array_get_n_elements (scalar), ==, 1);
  g_assert_cmpfloat (mp_array_get_double (scalar, 0), ==, 42.0);
}

static gboolean foreign_freed;

static void
free_foreign (gpointer data)
{
  foreign_freed = TRUE;
  g_free (data);
}

static void
test_view_foreign_memory (void)
{
  const gsize shape[] = { 3 };
  gdouble *foreign = g_new (gdouble, 3);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;
  MpArray *array;
  MpArray *second;

  foreign[0] = 1.5;
  foreign[1] = -2.5;
  foreign[2] = 3.25;
  foreign_freed = FALSE;
  bytes = g_bytes_new_with_free_func (foreign, 3 * sizeof (gdouble), free_foreign, foreign);

  array = mp_array_new_from_bytes (MP_DTYPE_FLOAT64, shape, 1, bytes, &error);
  g_assert_no_error (error);

  /* No copy: the array reads the caller's memory and shares the GBytes. */
  g_assert_true (mp_array_get_float64_data (array) == foreign);
  g_assert_true (mp_array_get_bytes (array) == bytes);

  /* The array keeps the memory alive after the caller lets go of it. */
  g_bytes_unref (bytes);
  g_assert_false (foreign_freed);

  second = mp_array_ref (array);
  mp_array_unref (array);
  g_assert_false (foreign_freed);
  g_assert_cmpfloat (mp_array_get_double (second, 2), ==, 3.25);

  mp_array_unref (second);
  g_assert_true (foreign_freed);
}

static void
test_unaligned_bytes_are_copied (void)
{
  const gsize shape[] = { 2 };
  g_autofree guint8 *raw = g_malloc (2 * sizeof (gdouble) + 1);
  gdouble values[] = { 7.0, 8.0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpArray) array = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (raw + 1, values, sizeof values);
  bytes = g_bytes_new_static (raw + 1, sizeof values);
  array = mp_array_new_from_bytes (MP_DTYPE_FLOAT64, shape, 1, bytes, &error);

  g_assert_no_error (error);
  g_assert_true ((guintptr) mp_array_get_float64_data (array) % sizeof (gdouble) == 0);
  g_assert_cmpfloat (mp_array_get_float64_data (array)[1], ==, 8.0);
}

static void
test_bool_bytes_checked (void)
{
  const gsize shape[] = { 3 };
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\001\002\000", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) array = mp_array_new_from_bytes (MP_DTYPE_BOOL, shape, 1, bytes, &error);

  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "element 1"));
  g_assert_null (array);
}

static void
test_convert (void)
{
  const gsize shape[] = { 4 };
  const gdouble integral[] = { 0, 1, 2, -3 };
  const gdouble fractional[] = { 0, 1.5, 2, 3 };
  const gint32 small[] = { 0, 1, 300, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) doubles = mp_array_new_float64 (integral, 4, shape, 1, &error);
  g_autoptr(MpArray) halves = mp_array_new_float64 (fractional, 4, shape, 1, &error);
  g_autoptr(MpArray) ints = mp_array_new_int32 (small, 4, shape, 1, &error);
  g_autoptr(MpArray) as_int64 = NULL;
  g_autoptr(MpArray) same = NULL;
  MpArray *bad;

  g_assert_no_error (error);

  as_int64 = mp_array_convert (doubles, MP_DTYPE_INT64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_int64_data (as_int64)[3], ==, -3);

  same = mp_array_convert (doubles, MP_DTYPE_FLOAT64, &error);
  g_assert_true (same == doubles);

  bad = mp_array_convert (halves, MP_DTYPE_INT32, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (bad);
  g_clear_error (&error);

  bad = mp_array_convert (ints, MP_DTYPE_UINT8, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "element 2"));
  g_assert_null (bad);
  g_clear_error (&error);

  bad = mp_array_convert (doubles, MP_DTYPE_BOOL, &error);
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_null (bad);
}

static void
test_equal (void)
{
  const gsize shape_a[] = { 2, 2 };
  const gsize shape_b[] = { 4 };
  const gdouble values[] = { 1, 2, 3, 4 };
  g_autoptr(MpArray) a = mp_array_new_float64 (values, 4, shape_a, 2, NULL);
  g_autoptr(MpArray) b = mp_array_new_float64 (values, 4, shape_a, 2, NULL);
  g_autoptr(MpArray) flat = mp_array_new_float64 (values, 4, shape_b, 1, NULL);
  g_autoptr(MpArray) converted = mp_array_convert (a, MP_DTYPE_FLOAT32, NULL);

  g_assert_true (mp_array_equal (a, b));
  g_assert_false (mp_array_equal (a, flat));
  g_assert_false (mp_array_equal (a, converted));
}

/* The byte order of the running machine, read from memory rather than
 * taken from a macro, as G_BIG_ENDIAN or G_LITTLE_ENDIAN. */
static int
running_byte_order (void)
{
  const guint32 probe = 0x01020304;
  guint8 first;

  memcpy (&first, &probe, 1);
  if (first == 0x01)
    return G_BIG_ENDIAN;
  g_assert_cmpuint (first, ==, 0x04);
  return G_LITTLE_ENDIAN;
}

/* The compiled-in byte order is the running one, and it is the one the
 * caller asked for: tools/cross-s390x sets MP_TEST_EXPECT_BYTE_ORDER=big,
 * so a cross build that silently ran natively (or a little-endian target)
 * fails here instead of passing for the wrong reason. */
static void
test_host_byte_order (void)
{
  const char *expected = g_getenv ("MP_TEST_EXPECT_BYTE_ORDER");
  int order = running_byte_order ();

  g_test_message ("host byte order: %s-endian", order == G_BIG_ENDIAN ? "big" : "little");
  g_assert_cmpint (order, ==, G_BYTE_ORDER);

  if (expected == NULL || *expected == '\0')
    return;
  if (g_str_equal (expected, "big"))
    g_assert_cmpint (order, ==, G_BIG_ENDIAN);
  else if (g_str_equal (expected, "little"))
    g_assert_cmpint (order, ==, G_LITTLE_ENDIAN);
  else
    g_error ("MP_TEST_EXPECT_BYTE_ORDER: \"%s\" is neither \"big\" nor \"little\"", expected);
}

/* Typed constructors store elements in the host's byte order: the bytes an
 * array hands out are the C values' own bytes, most significant first on
 * big-endian hosts. Writing them to a file as they are would not be
 * portable; the persistence format stores little-endian and swaps. */
static void
test_host_order_typed (void)
{
  static const guint8 i32_be[] = { 0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xfe };
  static const guint8 i32_le[] = { 0x04, 0x03, 0x02, 0x01, 0xfe, 0xff, 0xff, 0xff };
  /* 1.5 is 0x3ff8000000000000 in IEEE 754 binary64. */
  static const guint8 f64_be[] = { 0x3f, 0xf8, 0, 0, 0, 0, 0, 0 };
  static const guint8 f64_le[] = { 0, 0, 0, 0, 0, 0, 0xf8, 0x3f };
  const gint32 ints[] = { 0x01020304, -2 };
  const gdouble one_and_half = 1.5;
  const gsize shape_ints[] = { 2 };
  const gsize shape_one[] = { 1 };
  gboolean big = running_byte_order () == G_BIG_ENDIAN;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) a_i32 = mp_array_new_int32 (ints, 2, shape_ints, 1, &error);
  g_autoptr(MpArray) a_f64 = mp_array_new_float64 (&one_and_half, 1, shape_one, 1, &error);
  g_autoptr(MpArray) a_i64 = NULL;
  gconstpointer data;
  gsize n_bytes;

  g_assert_no_error (error);

  data = mp_array_get_data (a_i32, &n_bytes);
  g_assert_cmpmem (data, n_bytes, big ? i32_be : i32_le, sizeof i32_be);
  data = mp_array_get_data (a_f64, &n_bytes);
  g_assert_cmpmem (data, n_bytes, big ? f64_be : f64_le, sizeof f64_be);

  /* Conversion goes value by value, never by cutting or widening bytes:
   * on a big-endian host the low half of an int64 is its second word. */
  a_i64 = mp_array_convert (a_i32, MP_DTYPE_INT64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_int64_data (a_i64)[0], ==, 0x01020304);
  g_assert_cmpint (mp_array_get_int64_data (a_i64)[1], ==, -2);
}

/* mp_array_new_from_data takes bytes in the host's order and never swaps:
 * little-endian bytes (what the format stores) read back as the intended
 * values only on a little-endian host. Swapping is the loader's job. */
static void
test_host_order_raw (void)
{
  static const guint8 le_bytes[] = { 0x04, 0x03, 0x02, 0x01 };
  const gsize shape[] = { 1 };
  gboolean big = running_byte_order () == G_BIG_ENDIAN;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) array = mp_array_new_from_data (MP_DTYPE_INT32, shape, 1,
                                                     le_bytes, sizeof le_bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mp_array_get_int32_data (array)[0], ==, big ? 0x04030201 : 0x01020304);
  g_assert_cmpfloat (mp_array_get_double (array, 0), ==, big ? 67305985.0 : 16909060.0);
}

/* The project builds with -ffp-contract=off so that arithmetic rounds the
 * same on every architecture. With a = 1 + 2^-30, b = 1 - 2^-30, the exact
 * product is 1 - 2^-60, which rounds to 1.0; a*b - 1 is then 0, but a fused
 * multiply-add (what GCC emits on s390x without the flag) gives -2^-60. */
static void
test_no_fused_multiply_add (void)
{
  volatile gdouble a = 1.0 + ldexp (1.0, -30);
  volatile gdouble b = 1.0 - ldexp (1.0, -30);
  volatile gdouble c = -1.0;
  gdouble x = a, y = b, z = c;

  g_assert_cmpfloat (x * y + z, ==, 0.0);
}

static void
test_boxed_type (void)
{
  const gdouble values[] = { 1 };
  const gsize shape[] = { 1 };
  g_autoptr(MpArray) array = mp_array_new_float64 (values, 1, shape, 1, NULL);
  MpArray *copy = g_boxed_copy (MP_TYPE_ARRAY, array);

  g_assert_true (copy == array);
  g_boxed_free (MP_TYPE_ARRAY, copy);
  g_assert_true (G_TYPE_IS_BOXED (MP_TYPE_ARRAY));
}

static void
test_strings_from_bytes (void)
{
  static const char text[] = "Lyon\0Z\xc3\xbcrich\0\0Oslo";
  const gsize shape[] = { 2, 2 };
  g_autoptr(GBytes) four = g_bytes_new_static (text, sizeof text);   /* with the final NUL */
  g_autoptr(GBytes) unterminated = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) bad = g_bytes_new_static ("ok\0\xff\0", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) array = mp_array_new_strings_from_bytes (four, shape, 2, &error);
  gsize three = 3;

  g_assert_no_error (error);
  g_assert_cmpstr (mp_array_get_string (array, 1), ==, "Z\xc3\xbcrich");
  g_assert_cmpstr (mp_array_get_string (array, 2), ==, "");
  g_assert_cmpstr (mp_array_get_string (array, 3), ==, "Oslo");

  g_assert_null (mp_array_new_strings_from_bytes (four, &three, 1, &error));
  g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "text: more than 3 elements, shape holds 3");
  g_clear_error (&error);
  g_assert_null (mp_array_new_strings_from_bytes (unterminated, shape, 2, &error));
  g_assert_cmpstr (error->message, ==, "text: the last element is not followed by a NUL byte");
  g_clear_error (&error);
  g_assert_null (mp_array_new_strings_from_bytes (bad, &(gsize) { 2 }, 1, &error));
  g_assert_cmpstr (error->message, ==, "text: element 1 is not valid UTF-8");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/array/dtype/names", test_dtype_names);
  g_test_add_func ("/array/new/typed", test_typed_constructors);
  g_test_add_func ("/array/new/count-mismatch", test_count_mismatch);
  g_test_add_func ("/array/new/bytes-length-mismatch", test_bytes_length_mismatch);
  g_test_add_func ("/array/new/shape-overflow", test_shape_overflow);
  g_test_add_func ("/array/new/empty-and-scalar", test_empty_and_scalar);
  g_test_add_func ("/array/bytes/view-foreign-memory", test_view_foreign_memory);
  g_test_add_func ("/array/bytes/unaligned-copied", test_unaligned_bytes_are_copied);
  g_test_add_func ("/array/bytes/bool-checked", test_bool_bytes_checked);
  g_test_add_func ("/array/convert", test_convert);
  g_test_add_func ("/array/equal", test_equal);
  g_test_add_func ("/array/boxed", test_boxed_type);
  g_test_add_func ("/array/strings/new", test_strings_new);
  g_test_add_func ("/array/strings/empty-and-scalar", test_strings_empty_and_scalar);
  g_test_add_func ("/array/strings/refused", test_strings_refused);
  g_test_add_func ("/array/strings/numeric-accessors", test_strings_numeric_accessors);
  g_test_add_func ("/array/strings/equal", test_strings_equal);
  g_test_add_func ("/array/strings/from-bytes", test_strings_from_bytes);
  g_test_add_func ("/array/host/byte-order", test_host_byte_order);
  g_test_add_func ("/array/host/typed-in-host-order", test_host_order_typed);
  g_test_add_func ("/array/host/raw-bytes-not-swapped", test_host_order_raw);
  g_test_add_func ("/array/host/no-fused-multiply-add", test_no_fused_multiply_add);

  return g_test_run ();
}
