/* pickle-import.c: hostile pickles against the importer
 * (libmodelpersist/import/)
 *
 * Each case is an opcode stream written here byte by byte, and each must
 * be refused with one exact code and message: nothing a pickle names is
 * ever run, and no length, count or nesting in it can make the reader
 * allocate, recurse or loop beyond the load options' limits. The C suite
 * runs again under AddressSanitizer and valgrind, which is where these
 * cases matter most. Conformance with real scikit-learn files is
 * tests/python/test_import_pickle.py.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <zlib.h>

#include <modelpersist.h>

/* A pickle under construction. */
typedef struct {
  GByteArray *bytes;
} Pickle;

static Pickle *
pickle_new (guint protocol)
{
  Pickle *p = g_new0 (Pickle, 1);

  p->bytes = g_byte_array_new ();
  if (protocol >= 2)
    {
      guint8 proto[2] = { 0x80, (guint8) protocol };

      g_byte_array_append (p->bytes, proto, 2);
    }
  return p;
}

static void
op (Pickle     *p,
    const char *raw,
    gsize       length)
{
  g_byte_array_append (p->bytes, (const guint8 *) raw, length);
}

#define OP(p, literal) op ((p), (literal), sizeof (literal) - 1)

static void
put_u8 (Pickle *p,
        guint8  value)
{
  g_byte_array_append (p->bytes, &value, 1);
}

static void
put_le (Pickle  *p,
        guint64  value,
        guint    width)
{
  for (guint i = 0; i < width; i++)
    put_u8 (p, (guint8) (value >> (8 * i)));
}

/* SHORT_BINUNICODE */
static void
text (Pickle     *p,
      const char *s)
{
  put_u8 (p, 0x8c);
  put_u8 (p, (guint8) strlen (s));
  op (p, s, strlen (s));
}

/* GLOBAL 'module name' */
static void
global (Pickle     *p,
        const char *module,
        const char *name)
{
  put_u8 (p, 'c');
  op (p, module, strlen (module));
  put_u8 (p, '\n');
  op (p, name, strlen (name));
  put_u8 (p, '\n');
}

/* A built numpy dtype for 'f8' (numpy.dtype ('f8', False, True) and its
 * BUILD state (3, '<', None, None, None, -1, -1, 0)). */
static void
dtype_f8 (Pickle *p)
{
  global (p, "numpy", "dtype");
  text (p, "f8");
  OP (p, "\x89\x88\x87R(K\x03");
  text (p, "<");
  OP (p, "NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb");
}

static GBytes *
pickle_free_to_bytes (Pickle *p)
{
  GBytes *bytes = g_byte_array_free_to_bytes (p->bytes);

  g_free (p);
  return bytes;
}

/* The import of @bytes fails with @code and @message, within small
 * limits. */
static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *message)
{
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpEstimator) estimator = NULL;

  mp_load_options_set_max_json_bytes (options, 1 << 20);
  mp_load_options_set_max_total_bytes (options, 1 << 20);
  mp_load_options_set_max_json_nodes (options, 100000);
  estimator = mp_import_pickle_bytes_full (bytes, options, &info, &error);
  g_assert_null (estimator);
  g_assert_null (info);
  g_assert_error (error, MP_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_bytes_unref (bytes);
}

/* ------------------------------------------------------------------ */
/* Globals that would run code                                          */

static void
test_global_os_system (void)
{
  Pickle *p = pickle_new (2);

  global (p, "os", "system");
  text (p, "touch /tmp/pickle-import-pwned");
  OP (p, "\x85R.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_UNTRUSTED_TYPE,
                  "offset 2: GLOBAL names os.system, which this importer never builds (it reads "
                  "numpy arrays and the scikit-learn estimators it supports; nothing a pickle "
                  "names is ever imported or called)");
  g_assert_false (g_file_test ("/tmp/pickle-import-pwned", G_FILE_TEST_EXISTS));
}

static void
test_global_others (void)
{
  static const char *const names[][2] = {
    { "subprocess", "Popen" },
    { "builtins", "eval" },
    { "builtins", "getattr" },
    { "builtins", "__import__" },
    { "posix", "system" },
    { "numpy", "load" },            /* numpy, but not a builder */
    { "torch", "load" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      Pickle *p = pickle_new (2);
      g_autofree char *message = NULL;

      global (p, names[i][0], names[i][1]);
      OP (p, ")R.");
      message = g_strdup_printf ("offset 2: GLOBAL names %s.%s, which this importer never builds "
                                 "(it reads numpy arrays and the scikit-learn estimators it "
                                 "supports; nothing a pickle names is ever imported or called)",
                                 names[i][0], names[i][1]);
      assert_refused (pickle_free_to_bytes (p), MP_ERROR_UNTRUSTED_TYPE, message);
    }
}

/* The names come from memo entries, not from the opcode: the check is
 * on the name, wherever it was built. */
static void
test_stack_global_from_memo (void)
{
  Pickle *p = pickle_new (4);

  text (p, "os");
  OP (p, "\x94");                         /* MEMOIZE 0 */
  text (p, "system");
  OP (p, "\x94" "0" "0");                 /* MEMOIZE 1, POP, POP */
  OP (p, "h\x00h\x01\x93)R.");            /* BINGET 0, BINGET 1, STACK_GLOBAL */
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_UNTRUSTED_TYPE,
                  "offset 22: STACK_GLOBAL names os.system, which this importer never builds (it "
                  "reads numpy arrays and the scikit-learn estimators it supports; nothing a "
                  "pickle names is ever imported or called)");
}

static void
test_unsupported_sklearn_class (void)
{
  Pickle *p = pickle_new (2);

  global (p, "sklearn.cluster._kmeans", "KMeans");
  OP (p, ")\x81}b.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_UNKNOWN_TYPE,
                  "offset 2: GLOBAL names sklearn.cluster._kmeans.KMeans, a scikit-learn class "
                  "this importer does not read");
}

/* A builder named correctly but handed a callable of our choosing. */
static void
test_builder_with_wrong_arguments (void)
{
  Pickle *p = pickle_new (2);

  global (p, "numpy.core.multiarray", "_reconstruct");
  global (p, "numpy", "dtype");
  OP (p, "K\x00\x85" "C\x01" "b\x87R.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 58: numpy _reconstruct: expected the arguments (numpy.ndarray, (0,), "
                  "b'b'); ndarray subclasses are not read");
}

static void
test_reduce_on_argument_name (void)
{
  Pickle *p = pickle_new (2);

  global (p, "builtins", "object");
  OP (p, ")R.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 20: REDUCE on builtins.object, which this importer does not build "
                  "values with");
}

/* ------------------------------------------------------------------ */
/* Opcodes on the wrong values                                          */

static void
test_build_on_global (void)
{
  Pickle *p = pickle_new (2);

  global (p, "numpy", "ndarray");
  OP (p, "}b.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 18: BUILD on the global numpy.ndarray; only instances have state");
}

static void
test_setitem_on_list (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "]K\x01K\x02s.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 7: SETITEM on list, not a dict");
}

static void
test_append_on_dict (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "}K\x01" "a.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 5: APPEND on dict, not a list");
}

static void
test_unhashable_key (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "}]K\x01s.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 6: a dict key of type list; this importer reads keys that are None, "
                  "bool, int, float, str or bytes");
}

static void
test_stack_underflow (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "K\x01(R.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 5: REDUCE on an empty stack");
}

static void
test_get_unknown_memo (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "h\x07.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 2: GET of memo entry 7, which was never stored");
}

/* ------------------------------------------------------------------ */
/* Lengths, counts and nesting                                          */

static void
test_length_past_end (void)
{
  Pickle *p = pickle_new (4);

  put_u8 (p, 0x8e);                       /* BINBYTES8 */
  put_le (p, G_GUINT64_CONSTANT (1) << 62, 8);
  OP (p, "abc.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 2: BINBYTES needs 4611686018427387904 bytes, but only 4 are left");
}

static void
test_frame_past_end (void)
{
  Pickle *p = pickle_new (4);

  put_u8 (p, 0x95);                       /* FRAME */
  put_le (p, 1000, 8);
  OP (p, "N.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "offset 2: FRAME of 1000 bytes, but only 2 are left");
}

static void
test_shape_overflow (void)
{
  Pickle *p = pickle_new (5);

  /* numpy _frombuffer (b'', dtype('f8'), (2**62, 2**62), 'C') */
  global (p, "numpy.core.numeric", "_frombuffer");
  OP (p, "(C\x00");
  dtype_f8 (p);
  OP (p, "\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x40\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x40\x86");
  text (p, "C");
  OP (p, "tR.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_INVALID_ARRAY,
                  "offset 106: numpy _frombuffer: the shape's element count overflows");
}

static void
test_shape_and_bytes_disagree (void)
{
  Pickle *p = pickle_new (5);

  /* numpy _frombuffer (8 bytes, dtype('f8'), (2,), 'C') */
  global (p, "numpy.core.numeric", "_frombuffer");
  OP (p, "(C\x08" "abcdefgh");
  dtype_f8 (p);
  OP (p, "K\x02\x85");
  text (p, "C");
  OP (p, "tR.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_INVALID_ARRAY,
                  "offset 96: numpy _frombuffer: 2 elements of 8 bytes need 16 bytes, the data "
                  "has 8");
}

static void
test_marks_a_million_deep (void)
{
  Pickle *p = pickle_new (2);

  for (guint i = 0; i < 1000000; i++)
    put_u8 (p, '(');
  OP (p, "N.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_LIMIT_EXCEEDED,
                  "offset 66: MARK: nesting deeper than 64 (max_depth)");
}

/* Lists nested 40,000 deep without a single mark: each new list is
 * appended to the one the memo holds. The reader keeps references and
 * never recurses, so depth costs nothing; the mapping refuses a list
 * where an estimator belongs without walking it. Twice as deep, the
 * values limit stops the read. */
static void
nested_lists (Pickle *p,
              guint   depth)
{
  OP (p, "]r\x00\x00\x00\x00");
  for (guint i = 0; i < depth; i++)
    OP (p, "j\x00\x00\x00\x00]r\x00\x00\x00\x00" "a0");
  OP (p, "j\x00\x00\x00\x00.");
}

static void
test_lists_deeply_nested (void)
{
  Pickle *p = pickle_new (2);

  nested_lists (p, 40000);
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_INVALID_VALUE,
                  "pickle: expected a scikit-learn estimator, the pickle holds list");
  p = pickle_new (2);
  nested_lists (p, 80000);
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_LIMIT_EXCEEDED,
                  "offset 650006: the pickle builds more than 100000 values (max_json_nodes)");
}

/* Billion laughs: each level is a list of ten references to the level
 * below, 2**100 leaves in a few hundred bytes. Nothing expands it. */
static void
test_billion_laughs (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "]q\x00");
  for (guint level = 1; level <= 100; level++)
    {
      OP (p, "(");
      for (guint j = 0; j < 10; j++)
        {
          put_u8 (p, 'h');
          put_u8 (p, (guint8) (level - 1));
        }
      OP (p, "l");
      put_u8 (p, 'q');
      put_u8 (p, (guint8) level);
    }
  OP (p, ".");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_INVALID_VALUE,
                  "pickle: expected a scikit-learn estimator, the pickle holds list");
}

static void
test_memo_cycle (void)
{
  Pickle *p = pickle_new (2);

  OP (p, "]q\x00h\x00" "a.");             /* l = []; l.append (l) */
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_INVALID_VALUE,
                  "pickle: expected a scikit-learn estimator, the pickle holds list");
}

static void
test_zlib_bomb (void)
{
  gsize n = 64 << 20;
  g_autofree guint8 *zeros = g_malloc0 (n);
  uLongf length = compressBound (n);
  g_autofree guint8 *compressed = g_malloc (length);

  g_assert_cmpint (compress2 (compressed, &length, zeros, n, 3), ==, Z_OK);
  assert_refused (g_bytes_new (compressed, length), MP_ERROR_LIMIT_EXCEEDED,
                  "zlib: the decompressed stream exceeds the limit of 2097152 bytes "
                  "(max_total_bytes + max_json_bytes)");
}

/* ------------------------------------------------------------------ */
/* Opcodes that need objects from outside the file                      */

static void
test_outside_objects (void)
{
  static const struct {
    const char *stream;
    gsize       length;
    const char *message;
  } cases[] = {
    { "\x80\x05\x97.", 4, "offset 2: NEXT_BUFFER: an out-of-band buffer is passed to the reader, "
      "not stored in the file; a model file must hold all of its data" },
    { "\x80\x05\x98.", 4, "offset 2: READONLY_BUFFER: it marks an out-of-band buffer; a model "
      "file must hold all of its data" },
    { "\x80\x02N" "Q.", 5, "offset 3: BINPERSID: a persistent id names an object outside the "
      "pickle; a model file must hold all of its data" },
    { "P1\n.", 4, "offset 0: PERSID: a persistent id names an object outside the pickle; a "
      "model file must hold all of its data" },
    { "\x80\x02\x82\x01.", 5, "offset 2: EXT: an extension code names an object from the "
      "reader's copyreg registry; a model file must hold all of its data" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (g_bytes_new (cases[i].stream, cases[i].length), MP_ERROR_NOT_SUPPORTED,
                    cases[i].message);
}

/* ------------------------------------------------------------------ */
/* Streams that are not pickles at all                                  */

static void
test_not_pickles (void)
{
  assert_refused (g_bytes_new ("\x80\x06N.", 4), MP_ERROR_UNSUPPORTED_VERSION,
                  "offset 0: pickle protocol 6; this importer reads protocols 0 to 5");
  assert_refused (g_bytes_new ("\x80\x02N", 3), MP_ERROR_MALFORMED,
                  "offset 3: the pickle ends before its STOP opcode");
  assert_refused (g_bytes_new ("\x80\x02N.junk", 8), MP_ERROR_MALFORMED,
                  "offset 4: 4 bytes follow the pickle's STOP opcode");
  assert_refused (g_bytes_new ("\x80\x02\xff.", 4), MP_ERROR_MALFORMED,
                  "offset 2: 0xff is not a pickle opcode");
  assert_refused (g_bytes_new ("PK\x03\x04rest", 8), MP_ERROR_MALFORMED,
                  "this is a zip archive, not a pickle or joblib file");
  assert_refused (g_bytes_new ("", 0), MP_ERROR_MALFORMED, "the file is empty");
}

/* A well-formed pickle of something that is not an estimator. */
static void
test_not_an_estimator (void)
{
  assert_refused (g_bytes_new ("\x80\x02K\x05.", 5), MP_ERROR_INVALID_VALUE,
                  "pickle: expected a scikit-learn estimator, the pickle holds int");
}

/* An instance record of a supported class whose state is not a dict. */
static void
test_state_not_a_dict (void)
{
  Pickle *p = pickle_new (2);

  global (p, "sklearn.preprocessing._data", "StandardScaler");
  OP (p, ")\x81K\x01" "b.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_MALFORMED,
                  "pickle: sklearn.preprocessing.StandardScaler has no state dict");
}

/* A supported class with a value of the wrong kind for a property. */
static void
test_wrong_value (void)
{
  Pickle *p = pickle_new (2);

  global (p, "sklearn.preprocessing._data", "StandardScaler");
  OP (p, ")\x81}");
  text (p, "with_mean");
  text (p, "yes");
  OP (p, "sb.");
  assert_refused (pickle_free_to_bytes (p), MP_ERROR_INVALID_VALUE,
                  "pickle.with_mean: expected True or False, got 'yes'");
}

/* The inspection lists what the import would refuse, without stopping. */
static void
test_inspect (void)
{
  Pickle *p = pickle_new (2);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) unsupported = NULL;
  g_auto(GStrv) globals = NULL;
  g_autoptr(GError) error = NULL;

  OP (p, "(");
  global (p, "os", "system");
  text (p, "true");
  OP (p, "\x85R");
  global (p, "sklearn.svm._classes", "SVC");
  OP (p, ")\x81}bl.");
  bytes = pickle_free_to_bytes (p);
  globals = mp_inspect_pickle_bytes (bytes, &unsupported, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (globals, ((const char *[]) { "os.system", "sklearn.svm.classes.SVC", NULL }));
  g_assert_cmpstrv (unsupported, ((const char *[]) { "os.system", NULL }));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pickle-import/global/os-system", test_global_os_system);
  g_test_add_func ("/pickle-import/global/others", test_global_others);
  g_test_add_func ("/pickle-import/global/stack-global-from-memo", test_stack_global_from_memo);
  g_test_add_func ("/pickle-import/global/unsupported-sklearn-class", test_unsupported_sklearn_class);
  g_test_add_func ("/pickle-import/global/builder-wrong-arguments", test_builder_with_wrong_arguments);
  g_test_add_func ("/pickle-import/global/reduce-on-argument", test_reduce_on_argument_name);
  g_test_add_func ("/pickle-import/opcode/build-on-global", test_build_on_global);
  g_test_add_func ("/pickle-import/opcode/setitem-on-list", test_setitem_on_list);
  g_test_add_func ("/pickle-import/opcode/append-on-dict", test_append_on_dict);
  g_test_add_func ("/pickle-import/opcode/unhashable-key", test_unhashable_key);
  g_test_add_func ("/pickle-import/opcode/stack-underflow", test_stack_underflow);
  g_test_add_func ("/pickle-import/opcode/unknown-memo", test_get_unknown_memo);
  g_test_add_func ("/pickle-import/limits/length-past-end", test_length_past_end);
  g_test_add_func ("/pickle-import/limits/frame-past-end", test_frame_past_end);
  g_test_add_func ("/pickle-import/limits/shape-overflow", test_shape_overflow);
  g_test_add_func ("/pickle-import/limits/shape-and-bytes", test_shape_and_bytes_disagree);
  g_test_add_func ("/pickle-import/limits/marks-a-million-deep", test_marks_a_million_deep);
  g_test_add_func ("/pickle-import/limits/lists-deeply-nested", test_lists_deeply_nested);
  g_test_add_func ("/pickle-import/limits/billion-laughs", test_billion_laughs);
  g_test_add_func ("/pickle-import/limits/memo-cycle", test_memo_cycle);
  g_test_add_func ("/pickle-import/limits/zlib-bomb", test_zlib_bomb);
  g_test_add_func ("/pickle-import/outside-objects", test_outside_objects);
  g_test_add_func ("/pickle-import/not-pickles", test_not_pickles);
  g_test_add_func ("/pickle-import/not-an-estimator", test_not_an_estimator);
  g_test_add_func ("/pickle-import/state-not-a-dict", test_state_not_a_dict);
  g_test_add_func ("/pickle-import/wrong-value", test_wrong_value);
  g_test_add_func ("/pickle-import/inspect", test_inspect);

  return g_test_run ();
}
