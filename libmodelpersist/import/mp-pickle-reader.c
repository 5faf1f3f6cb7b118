/* mp-pickle-reader.c: running a pickle's opcodes without running
 * anything they name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pickle-names-private.h"
#include "mp-pickle-numpy-private.h"
#include "mp-pickle-reader-private.h"

/* Python's unpickler is an interpreter whose opcodes call the functions
 * the stream names (REDUCE calls, BUILD calls __setstate__, GLOBAL
 * imports modules). That is why no list of forbidden names makes it
 * safe. This one has the same stack, mark stack and memo, but its
 * opcodes only move inert values around: a global is a pair of strings,
 * REDUCE on an accepted name runs our data builder for that name
 * (mp-pickle-names.c), REDUCE/NEWOBJ on an accepted class makes an
 * instance record, and BUILD stores state in it. No opcode can reach
 * code outside this file's switch and those builders.
 *
 * It is a loop over opcodes, never a recursion, so nesting costs heap
 * (bounded: max_depth marks, max_stack stack and memo entries), not C
 * stack. Every length an opcode carries is compared with the bytes left
 * before anything is allocated for it, and every value counts against
 * the graph's limits. The one nested run is joblib's: an array of
 * Python objects is a complete pickle of its own inside the stream,
 * read by a second reader (one level only: joblib writes it with the
 * plain pickler, which never nests another). */

struct _MpPickleReader {
  MpPickleGraph             *graph;
  const MpPickleReadOptions *options;
  GCancellable              *cancellable;
  MpPickleReadInfo          *info;
  GBytes                    *input;
  const guint8              *data;
  gsize                      length;
  gsize                      position;
  guint64                    opcode_offset;
  GPtrArray                 *stack;     /* MpPickleValue * */
  GArray                    *marks;     /* guint: stack lengths */
  GHashTable                *memo;      /* guint64 index -> MpPickleValue * */
  GHashTable                *seen;      /* "module.name" already in info */
  gboolean                   nested;    /* a joblib object array's pickle */
};

#define OFFSET_FORMAT "offset %" G_GUINT64_FORMAT ": "

static gboolean G_GNUC_PRINTF (4, 5)
fail (MpPickleReader  *reader,
      GError         **error,
      MpError          code,
      const char      *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MP_ERROR, code, OFFSET_FORMAT "%s", reader->opcode_offset, message);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Reading operands                                                    */

static gboolean
take (MpPickleReader  *reader,
      guint64          n,
      const guint8   **out,
      const char      *what,
      GError         **error)
{
  if (n > reader->length - reader->position)
    return fail (reader, error, MP_ERROR_MALFORMED,
                 "%s needs %" G_GUINT64_FORMAT " bytes, but only %" G_GSIZE_FORMAT " are left",
                 what, n, reader->length - reader->position);
  *out = reader->data + reader->position;
  reader->position += n;
  return TRUE;
}

static gboolean
take_uint (MpPickleReader  *reader,
           guint            width,
           guint64         *value,
           const char      *what,
           GError         **error)
{
  const guint8 *p = NULL;

  if (!take (reader, width, &p, what, error))
    return FALSE;
  *value = 0;
  for (guint i = 0; i < width; i++)
    *value |= (guint64) p[i] << (8 * i);
  return TRUE;
}

/* A protocol 0 operand: the text up to the next newline. */
static gboolean
take_line (MpPickleReader  *reader,
           const char     **text,
           gsize           *text_length,
           const char      *what,
           GError         **error)
{
  const guint8 *start = reader->data + reader->position;
  const guint8 *newline = memchr (start, '\n', reader->length - reader->position);

  if (newline == NULL)
    return fail (reader, error, MP_ERROR_MALFORMED, "%s: no newline ends its text", what);
  *text = (const char *) start;
  *text_length = newline - start;
  reader->position += *text_length + 1;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The stack, the marks and the memo                                   */

/* Where the values above the last mark start: opcodes other than the
 * mark-reading ones never reach below it (Python 3's unpickler keeps
 * each mark's values as a separate list). */
static guint
frame_floor (MpPickleReader *reader)
{
  if (reader->marks->len == 0)
    return 0;
  return g_array_index (reader->marks, guint, reader->marks->len - 1);
}

static gboolean
push (MpPickleReader  *reader,
      MpPickleValue   *value,
      GError         **error)
{
  if (value == NULL)
    return FALSE;
  if (reader->stack->len >= reader->options->max_stack)
    return fail (reader, error, MP_ERROR_LIMIT_EXCEEDED,
                 "the stack holds more than %" G_GUINT64_FORMAT " values (max_json_nodes)",
                 reader->options->max_stack);
  g_ptr_array_add (reader->stack, value);
  return TRUE;
}

static MpPickleValue *
pop (MpPickleReader  *reader,
     const char      *opcode,
     GError         **error)
{
  guint floor = frame_floor (reader);

  /* Python's unpickler lets an opcode pop across a mark only by
   * accident of its implementation; reading below the last mark is a
   * malformed stream. */
  if (reader->stack->len <= floor)
    {
      fail (reader, error, MP_ERROR_MALFORMED, "%s on an empty stack", opcode);
      return NULL;
    }
  return g_ptr_array_steal_index (reader->stack, reader->stack->len - 1);
}

static MpPickleValue *
top (MpPickleReader  *reader,
     const char      *opcode,
     GError         **error)
{
  guint floor = frame_floor (reader);

  if (reader->stack->len <= floor)
    {
      fail (reader, error, MP_ERROR_MALFORMED, "%s on an empty stack", opcode);
      return NULL;
    }
  return g_ptr_array_index (reader->stack, reader->stack->len - 1);
}

static gboolean
push_mark (MpPickleReader  *reader,
           GError         **error)
{
  guint length = reader->stack->len;

  if (reader->marks->len >= reader->options->max_depth)
    return fail (reader, error, MP_ERROR_LIMIT_EXCEEDED,
                 "MARK: nesting deeper than %u (max_depth)", reader->options->max_depth);
  g_array_append_val (reader->marks, length);
  return TRUE;
}

/* The values above the last mark, which is removed: *start is their
 * first index in the stack, which the caller truncates to when done. */
static gboolean
pop_mark (MpPickleReader  *reader,
          const char      *opcode,
          guint           *start,
          GError         **error)
{
  if (reader->marks->len == 0)
    return fail (reader, error, MP_ERROR_MALFORMED, "%s without a MARK", opcode);
  *start = g_array_index (reader->marks, guint, reader->marks->len - 1);
  g_array_set_size (reader->marks, reader->marks->len - 1);
  return TRUE;
}

static gboolean
memo_put (MpPickleReader  *reader,
          guint64          index,
          GError         **error)
{
  MpPickleValue *value = top (reader, "PUT", error);

  if (value == NULL)
    return FALSE;
  if (g_hash_table_size (reader->memo) >= reader->options->max_stack &&
      !g_hash_table_contains (reader->memo, &index))
    return fail (reader, error, MP_ERROR_LIMIT_EXCEEDED,
                 "the memo holds more than %" G_GUINT64_FORMAT " values (max_json_nodes)",
                 reader->options->max_stack);
  g_hash_table_insert (reader->memo, g_memdup2 (&index, sizeof index), value);
  return TRUE;
}

static gboolean
memo_get (MpPickleReader  *reader,
          guint64          index,
          GError         **error)
{
  MpPickleValue *value = g_hash_table_lookup (reader->memo, &index);

  if (value == NULL)
    return fail (reader, error, MP_ERROR_MALFORMED,
                 "GET of memo entry %" G_GUINT64_FORMAT ", which was never stored", index);
  return push (reader, value, error);
}

/* ------------------------------------------------------------------ */
/* Values from operands                                                */

static MpPickleValue *
new_value (MpPickleReader  *reader,
           MpPickleKind     kind,
           GError         **error)
{
  return _mp_pickle_value_new (reader->graph, kind, reader->opcode_offset, error);
}

static MpPickleValue *
new_int (MpPickleReader  *reader,
         gint64           integer,
         GError         **error)
{
  MpPickleValue *value = new_value (reader, MP_PICKLE_INT, error);

  if (value != NULL)
    value->integer = integer;
  return value;
}

static MpPickleValue *
new_bool (MpPickleReader  *reader,
          gboolean         boolean,
          GError         **error)
{
  MpPickleValue *value = new_value (reader, MP_PICKLE_BOOL, error);

  if (value != NULL)
    value->boolean = boolean;
  return value;
}

static MpPickleValue *
new_float (MpPickleReader  *reader,
           double           number,
           GError         **error)
{
  MpPickleValue *value = new_value (reader, MP_PICKLE_FLOAT, error);

  if (value != NULL)
    value->number = number;
  return value;
}

/* UTF-8 that may hold NUL (g_utf8_validate stops at one): protocol 2
 * stores an array's bytes as a str of latin-1 characters, zeros
 * included. */
static gboolean
valid_utf8_with_nul (const char *text,
                     gsize       length)
{
  while (length > 0)
    {
      const char *nul = memchr (text, '\0', length);
      gsize segment = nul != NULL ? (gsize) (nul - text) : length;

      if (!g_utf8_validate_len (text, segment, NULL))
        return FALSE;
      if (nul == NULL)
        break;
      text += segment + 1;
      length -= segment + 1;
    }
  return TRUE;
}

static MpPickleValue *
new_text (MpPickleReader  *reader,
          const char      *text,
          gsize            length,
          const char      *opcode,
          GError         **error)
{
  if (!valid_utf8_with_nul (text, length))
    {
      fail (reader, error, MP_ERROR_MALFORMED, "%s: the text is not valid UTF-8", opcode);
      return NULL;
    }
  return _mp_pickle_value_new_string (reader->graph, reader->opcode_offset,
                                      text, length, error);
}

/* A byte string is a view of the input, not a copy: a model's arrays
 * are most of a pickle, and this keeps them in memory once. */
static MpPickleValue *
new_bytes_view (MpPickleReader  *reader,
                const guint8    *start,
                guint64          length,
                GError         **error)
{
  return _mp_pickle_value_new_bytes (reader->graph, reader->opcode_offset,
                                     g_bytes_new_from_bytes (reader->input, start - reader->data,
                                                             length), error);
}

/* LONG1 and LONG4: little-endian two's complement of any width. */
static MpPickleValue *
new_long (MpPickleReader  *reader,
          const guint8    *p,
          guint64          n,
          GError         **error)
{
  guint64 bits = 0;
  gboolean negative = n > 0 && (p[n - 1] & 0x80) != 0;

  if (n == 0)
    return new_int (reader, 0, error);
  /* Wider than 8 bytes is fine while the extra bytes only extend the sign. */
  for (guint64 i = 8; i < n; i++)
    if (p[i] != (negative ? 0xff : 0x00))
      {
        fail (reader, error, MP_ERROR_INVALID_VALUE, "an integer that does not fit in 64 bits");
        return NULL;
      }
  for (guint64 i = 0; i < MIN (n, 8); i++)
    bits |= (guint64) p[i] << (8 * i);
  if (n < 8 && negative)
    bits |= G_MAXUINT64 << (8 * n);
  if (n > 8 && ((bits >> 63) != 0) != negative)
    {
      fail (reader, error, MP_ERROR_INVALID_VALUE, "an integer that does not fit in 64 bits");
      return NULL;
    }
  return new_int (reader, (gint64) bits, error);
}

static MpPickleValue *
new_decimal (MpPickleReader  *reader,
             const char      *text,
             gsize            length,
             const char      *opcode,
             GError         **error)
{
  g_autofree char *copy = g_strndup (text, length);
  gint64 integer;

  if (length > 0 && copy[length - 1] == 'L')
    copy[length - 1] = '\0';            /* protocol 0 LONG */
  if (!g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, &integer, NULL))
    {
      fail (reader, error, MP_ERROR_INVALID_VALUE,
            "%s: '%s' is not an integer that fits in 64 bits", opcode, copy);
      return NULL;
    }
  return new_int (reader, integer, error);
}

static void
append_utf8 (GString  *out,
             gunichar  c)
{
  g_string_append_unichar (out, c);
}

/* Protocol 0's UNICODE: raw-unicode-escape, i.e. latin-1 bytes with
 * \uXXXX and \UXXXXXXXX escapes. */
static MpPickleValue *
new_raw_unicode (MpPickleReader  *reader,
                 const char      *text,
                 gsize            length,
                 GError         **error)
{
  g_autoptr(GString) out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];
      guint width = 0;

      if (c == '\\' && i + 1 < length && (text[i + 1] == 'u' || text[i + 1] == 'U'))
        width = text[i + 1] == 'u' ? 4 : 8;
      if (width == 0)
        {
          append_utf8 (out, c);
          continue;
        }
      if (i + 2 + width > length)
        {
          fail (reader, error, MP_ERROR_MALFORMED, "UNICODE: a truncated \\%c escape", text[i + 1]);
          return NULL;
        }
      {
        g_autofree char *hex = g_strndup (text + i + 2, width);
        guint64 code;

        if (!g_ascii_string_to_unsigned (hex, 16, 0, 0x10ffff, &code, NULL) ||
            (code >= 0xd800 && code < 0xe000))
          {
            fail (reader, error, MP_ERROR_MALFORMED, "UNICODE: '\\%c%s' is not a character",
                  text[i + 1], hex);
            return NULL;
          }
        append_utf8 (out, (gunichar) code);
      }
      i += 1 + width;
    }
  return _mp_pickle_value_new_string (reader->graph, reader->opcode_offset,
                                      out->str, out->len, error);
}

/* Protocol 0's STRING: a Python 2 str literal, quoted, with escapes. */
static MpPickleValue *
new_quoted (MpPickleReader  *reader,
            const char      *text,
            gsize            length,
            GError         **error)
{
  g_autoptr(GString) out = NULL;

  if (length < 2 || (text[0] != '\'' && text[0] != '"') || text[length - 1] != text[0])
    {
      fail (reader, error, MP_ERROR_MALFORMED, "STRING: the text is not quoted");
      return NULL;
    }
  out = g_string_sized_new (length);
  for (gsize i = 1; i + 1 < length; i++)
    {
      char c = text[i];

      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      if (i + 2 >= length)
        {
          fail (reader, error, MP_ERROR_MALFORMED, "STRING: a truncated escape");
          return NULL;
        }
      c = text[++i];
      switch (c)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case '\\': case '\'': case '"': g_string_append_c (out, c); break;
        case 'x':
          {
            int hi = i + 2 < length - 1 ? g_ascii_xdigit_value (text[i + 1]) : -1;
            int lo = i + 2 < length - 1 ? g_ascii_xdigit_value (text[i + 2]) : -1;

            if (hi < 0 || lo < 0)
              {
                fail (reader, error, MP_ERROR_MALFORMED, "STRING: a bad \\x escape");
                return NULL;
              }
            g_string_append_c (out, (char) (hi * 16 + lo));
            i += 2;
            break;
          }
        default:
          fail (reader, error, MP_ERROR_MALFORMED, "STRING: the escape \\%c", c);
          return NULL;
        }
    }
  /* Python 3 reads a Python 2 str as ASCII text; anything else stays
   * bytes (numpy's arrays from Python 2, which need encoding='latin1'). */
  for (gsize i = 0; i < out->len; i++)
    if ((guchar) out->str[i] >= 0x80)
      return _mp_pickle_value_new_bytes (reader->graph, reader->opcode_offset,
                                         g_bytes_new (out->str, out->len), error);
  return _mp_pickle_value_new_string (reader->graph, reader->opcode_offset,
                                      out->str, out->len, error);
}

/* BINSTRING and SHORT_BINSTRING: a Python 2 str, read as new_quoted
 * reads one. */
static MpPickleValue *
new_python2_string (MpPickleReader  *reader,
                    const guint8    *start,
                    guint64          length,
                    GError         **error)
{
  for (guint64 i = 0; i < length; i++)
    if (start[i] >= 0x80)
      return new_bytes_view (reader, start, length, error);
  return _mp_pickle_value_new_string (reader->graph, reader->opcode_offset,
                                      (const char *) start, length, error);
}

/* ------------------------------------------------------------------ */
/* Globals                                                             */

static void
record_global (MpPickleReader *reader,
               const char     *module,
               const char     *name,
               gboolean        refused)
{
  char *qualified;

  if (reader->info == NULL)
    return;
  qualified = g_strdup_printf ("%s.%s", module, name);
  if (g_hash_table_contains (reader->seen, qualified))
    {
      g_free (qualified);
      return;
    }
  g_hash_table_add (reader->seen, qualified);
  g_ptr_array_add (reader->info->globals, g_strdup (qualified));
  if (refused)
    g_ptr_array_add (reader->info->refused, g_strdup (qualified));
}

static gboolean
is_identifier_path (const char *text,
                    gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '_' && text[i] != '.')
      return FALSE;
  return TRUE;
}

static gboolean
push_global (MpPickleReader  *reader,
             const char      *module_text,
             gsize            module_length,
             const char      *name_text,
             gsize            name_length,
             const char      *opcode,
             GError         **error)
{
  g_autofree char *raw_module = NULL;
  g_autofree char *module = NULL;
  g_autofree char *name = NULL;
  const MpPickleName *known;
  gboolean allowed;

  if (!is_identifier_path (module_text, module_length) ||
      !is_identifier_path (name_text, name_length))
    return fail (reader, error, MP_ERROR_MALFORMED, "%s: a module or name that is not a "
                 "dotted Python identifier", opcode);
  raw_module = g_strndup (module_text, module_length);
  name = g_strndup (name_text, name_length);
  module = _mp_pickle_canonical_module (raw_module);
  known = _mp_pickle_find_name (module, name);
  allowed = known != NULL ||
            (reader->options->class_filter != NULL &&
             reader->options->class_filter (module, name, reader->options->class_filter_data));
  record_global (reader, module, name, !allowed);
  if (!allowed)
    {
      g_autoptr(GError) refusal = NULL;
      gboolean from_sklearn = g_str_has_prefix (module, "sklearn.");

      fail (reader, &refusal, from_sklearn ? MP_ERROR_UNKNOWN_TYPE : MP_ERROR_UNTRUSTED_TYPE,
            from_sklearn ? "%s names %s.%s, a scikit-learn class this importer does not read"
                         : "%s names %s.%s, which this importer never builds (it reads numpy "
                           "arrays and the scikit-learn estimators it supports; nothing a "
                           "pickle names is ever imported or called)",
            opcode, raw_module, name);
      if (!reader->options->survey)
        {
          g_propagate_error (error, g_steal_pointer (&refusal));
          return FALSE;
        }
    }
  return push (reader, _mp_pickle_value_new_global (reader->graph, reader->opcode_offset,
                                                    module, name, error), error);
}

static gboolean
is_global (MpPickleValue *value,
           const char    *module,
           const char    *name)
{
  return value->kind == MP_PICKLE_GLOBAL && strcmp (value->global.module, module) == 0 &&
         strcmp (value->global.name, name) == 0;
}

static gboolean
is_accepted_class (MpPickleReader *reader,
                   MpPickleValue  *cls)
{
  const MpPickleName *known;

  if (cls->kind != MP_PICKLE_GLOBAL)
    return FALSE;
  known = _mp_pickle_find_name (cls->global.module, cls->global.name);
  if (known != NULL)
    return known->role == MP_PICKLE_NAME_JOBLIB_ARRAY;
  return reader->options->survey ||
         (reader->options->class_filter != NULL &&
          reader->options->class_filter (cls->global.module, cls->global.name,
                                         reader->options->class_filter_data));
}

/* ------------------------------------------------------------------ */
/* Instances: REDUCE, NEWOBJ, INST/OBJ, BUILD                          */

static MpPickleValue *
new_instance (MpPickleReader  *reader,
              MpPickleValue   *cls,
              MpPickleValue   *args,
              const char      *opcode,
              GError         **error)
{
  MpPickleValue *instance;

  if (cls->kind == MP_PICKLE_GLOBAL)
    {
      const MpPickleName *known = _mp_pickle_find_name (cls->global.module, cls->global.name);

      if (known != NULL && known->role == MP_PICKLE_NAME_DICT_CLASS)
        return new_value (reader, MP_PICKLE_DICT, error);
    }
  if (!is_accepted_class (reader, cls))
    {
      g_autofree char *what = _mp_pickle_value_describe (cls);

      fail (reader, error, MP_ERROR_MALFORMED, "%s of %s, which is not a class this importer "
            "makes instances of", opcode, what);
      return NULL;
    }
  if (args != NULL && args->kind != MP_PICKLE_TUPLE)
    {
      fail (reader, error, MP_ERROR_MALFORMED, "%s: the arguments are not a tuple", opcode);
      return NULL;
    }
  instance = new_value (reader, MP_PICKLE_OBJECT, error);
  if (instance == NULL)
    return NULL;
  instance->object.cls = cls;
  instance->object.args = args != NULL && args->items->len > 0 ? args : NULL;
  return instance;
}

static MpPickleValue *
dict_subclass_instance (MpPickleReader  *reader,
                        MpPickleValue   *cls,
                        MpPickleValue   *items,
                        GError         **error)
{
  const MpPickleName *known = cls->kind == MP_PICKLE_GLOBAL ?
                              _mp_pickle_find_name (cls->global.module, cls->global.name) : NULL;
  MpPickleValue *dict;

  if (known == NULL || known->role != MP_PICKLE_NAME_DICT_CLASS ||
      (items->kind != MP_PICKLE_DICT && items->kind != MP_PICKLE_NONE))
    {
      fail (reader, error, MP_ERROR_MALFORMED, "copyreg._reconstructor: a dict subclass this "
            "importer does not read, or its items are not a dict");
      return NULL;
    }
  dict = new_value (reader, MP_PICKLE_DICT, error);
  for (guint i = 0; dict != NULL && items->kind == MP_PICKLE_DICT && i < items->dict.keys->len; i++)
    if (!_mp_pickle_dict_set (reader->graph, dict, g_ptr_array_index (items->dict.keys, i),
                              g_ptr_array_index (items->dict.values, i), reader->opcode_offset,
                              error))
      return NULL;
  return dict;
}

static gboolean
do_reduce (MpPickleReader  *reader,
           GError         **error)
{
  MpPickleValue *args = pop (reader, "REDUCE", error);
  MpPickleValue *callable = args != NULL ? pop (reader, "REDUCE", error) : NULL;
  const MpPickleName *known;

  if (callable == NULL)
    return FALSE;
  if (callable->kind != MP_PICKLE_GLOBAL)
    {
      g_autofree char *what = _mp_pickle_value_describe (callable);

      return fail (reader, error, MP_ERROR_MALFORMED, "REDUCE on %s, which is not a global", what);
    }
  if (args->kind != MP_PICKLE_TUPLE)
    return fail (reader, error, MP_ERROR_MALFORMED, "REDUCE: the arguments of %s.%s are not a tuple",
                 callable->global.module, callable->global.name);
  known = _mp_pickle_find_name (callable->global.module, callable->global.name);
  if (known != NULL && known->role == MP_PICKLE_NAME_BUILDER)
    return push (reader, known->reduce (reader->graph, args, reader->opcode_offset, error), error);
  if (known != NULL && known->role == MP_PICKLE_NAME_RECONSTRUCTOR)
    {
      /* copyreg._reconstructor (cls, dict, {...}): protocols 0 and 1's
       * instance of a dict subclass (scikit-learn's Bunch), a dict. */
      if (args->items->len == 3 &&
          is_global (g_ptr_array_index (args->items, 1), "builtins", "dict"))
        return push (reader, dict_subclass_instance (reader, g_ptr_array_index (args->items, 0),
                                                     g_ptr_array_index (args->items, 2), error),
                     error);
      /* copyreg._reconstructor (cls, object, None): protocols 0 and 1's
       * instance of a plain class, whose state BUILD then gives. */
      if (args->items->len != 3 ||
          !is_global (g_ptr_array_index (args->items, 1), "builtins", "object") ||
          ((MpPickleValue *) g_ptr_array_index (args->items, 2))->kind != MP_PICKLE_NONE)
        return fail (reader, error, MP_ERROR_MALFORMED, "copyreg._reconstructor: expected the "
                     "arguments (class, object, None)");
      return push (reader, new_instance (reader, g_ptr_array_index (args->items, 0), NULL,
                                         "copyreg._reconstructor", error), error);
    }
  if (known == NULL && is_accepted_class (reader, callable))
    /* A class whose __reduce__ passes its constructor's arguments
     * (scikit-learn's Tree: n_features, n_classes, n_outputs). */
    return push (reader, new_instance (reader, callable, args, "REDUCE", error), error);
  return fail (reader, error, MP_ERROR_MALFORMED, "REDUCE on %s.%s, which this importer does not "
               "build values with", callable->global.module, callable->global.name);
}

static gboolean
do_newobj (MpPickleReader  *reader,
           gboolean         with_kwargs,
           GError         **error)
{
  const char *opcode = with_kwargs ? "NEWOBJ_EX" : "NEWOBJ";
  MpPickleValue *kwargs = with_kwargs ? pop (reader, opcode, error) : NULL;
  MpPickleValue *args;
  MpPickleValue *cls;

  if (with_kwargs && kwargs == NULL)
    return FALSE;
  if (kwargs != NULL && (kwargs->kind != MP_PICKLE_DICT || kwargs->dict.keys->len > 0))
    return fail (reader, error, MP_ERROR_MALFORMED, "NEWOBJ_EX with keyword arguments");
  args = pop (reader, opcode, error);
  cls = args != NULL ? pop (reader, opcode, error) : NULL;
  if (cls == NULL)
    return FALSE;
  return push (reader, new_instance (reader, cls, args, opcode, error), error);
}

/* joblib wrote the array's bytes right after the BUILD of its wrapper:
 * read them from the stream (or, for Python objects, the pickle joblib
 * nested there) and turn the wrapper into the array, in place, so that
 * memo entries that refer to it see the array. */
static gboolean read_nested (MpPickleReader  *reader,
                             MpPickleValue  **result,
                             GError         **error);

static gboolean
read_joblib_array (MpPickleReader  *reader,
                   MpPickleValue   *wrapper,
                   MpPickleValue   *state,
                   GError         **error)
{
  MpPickleJoblibArray header;
  MpPickleValue *array;
  const guint8 *bytes = NULL;

  if (reader->nested)
    return fail (reader, error, MP_ERROR_MALFORMED,
                 "a joblib array inside the pickle of an object array");
  if (!_mp_pickle_parse_joblib_wrapper (state, wrapper->offset, &header, error))
    return FALSE;
  if (reader->info != NULL)
    reader->info->joblib = TRUE;
  if (header.dtype->kind == 'O')
    {
      if (!read_nested (reader, &array, error))
        return FALSE;
      if (!_mp_pickle_check_joblib_objects (array, &header, reader->opcode_offset, error))
        return FALSE;
    }
  else
    {
      guint64 n_bytes;

      if (header.alignment > 0)
        {
          guint64 padding;

          if (!take_uint (reader, 1, &padding, "the joblib array's padding length", error) ||
              !take (reader, padding, &bytes, "the joblib array's padding", error))
            return FALSE;
          if (padding > header.alignment)
            return fail (reader, error, MP_ERROR_MALFORMED, "a joblib array padded by %"
                         G_GUINT64_FORMAT " bytes, more than its alignment of %u", padding,
                         header.alignment);
        }
      if (!g_uint64_checked_mul (&n_bytes, header.n_elements, header.dtype->itemsize))
        return fail (reader, error, MP_ERROR_INVALID_ARRAY, "a joblib array's byte count "
                     "overflows");
      if (!take (reader, n_bytes, &bytes, "the joblib array's data", error))
        return FALSE;
      if (!_mp_pickle_graph_account (reader->graph, n_bytes, reader->opcode_offset, error))
        return FALSE;
      array = NULL;
      wrapper->kind = MP_PICKLE_ARRAY;
      memset (&wrapper->array, 0, sizeof wrapper->array);
      wrapper->array.dtype = header.dtype;
      wrapper->array.n_dims = header.n_dims;
      wrapper->array.shape = g_steal_pointer (&header.shape);
      wrapper->array.n_elements = header.n_elements;
      wrapper->array.fortran = header.fortran;
      wrapper->array.data = g_bytes_new_from_bytes (reader->input, bytes - reader->data, n_bytes);
      wrapper->array.built = TRUE;
      return TRUE;
    }
  /* An object array: the nested pickle's array replaces the wrapper. */
  g_free (header.shape);
  wrapper->kind = MP_PICKLE_ARRAY;
  wrapper->array = array->array;
  /* The nested value's fields now belong to the wrapper. */
  array->kind = MP_PICKLE_NONE;
  memset (&array->array, 0, sizeof array->array);
  return TRUE;
}

static gboolean
do_build (MpPickleReader  *reader,
          GError         **error)
{
  MpPickleValue *state = pop (reader, "BUILD", error);
  MpPickleValue *target = state != NULL ? top (reader, "BUILD", error) : NULL;

  if (target == NULL)
    return FALSE;
  switch (target->kind)
    {
    case MP_PICKLE_ARRAY:
      if (target->array.built)
        break;
      return _mp_pickle_build_array (reader->graph, target, state, reader->opcode_offset, error);
    case MP_PICKLE_DTYPE:
      if (target->dtype->built)
        break;
      return _mp_pickle_build_dtype (reader->graph, target->dtype, state, reader->opcode_offset,
                                     error);
    case MP_PICKLE_OBJECT:
      if (target->object.built)
        break;
      {
        const MpPickleName *known = _mp_pickle_find_name (target->object.cls->global.module,
                                                          target->object.cls->global.name);

        if (known != NULL && known->role == MP_PICKLE_NAME_JOBLIB_ARRAY)
          return read_joblib_array (reader, target, state, error);
      }
      /* __getstate__ may return (dict, slots dict); scikit-learn's
       * classes have no slots, so the second is None or empty. */
      if (state->kind == MP_PICKLE_TUPLE && state->items->len == 2 &&
          ((MpPickleValue *) g_ptr_array_index (state->items, 0))->kind == MP_PICKLE_DICT)
        {
          MpPickleValue *slots = g_ptr_array_index (state->items, 1);

          if (slots->kind != MP_PICKLE_NONE &&
              !(slots->kind == MP_PICKLE_DICT && slots->dict.keys->len == 0))
            return fail (reader, error, MP_ERROR_MALFORMED, "BUILD of %s.%s with slot state",
                         target->object.cls->global.module, target->object.cls->global.name);
          state = g_ptr_array_index (state->items, 0);
        }
      target->object.state = state;
      target->object.built = TRUE;
      return TRUE;
    case MP_PICKLE_GLOBAL:
      return fail (reader, error, MP_ERROR_MALFORMED, "BUILD on the global %s.%s; only instances "
                   "have state", target->global.module, target->global.name);
    default:
      break;
    }
  {
    g_autofree char *what = _mp_pickle_value_describe (target);

    return fail (reader, error, MP_ERROR_MALFORMED, "BUILD on %s, which has no state to set", what);
  }
}

/* ------------------------------------------------------------------ */
/* Containers                                                          */

static gboolean
collect (MpPickleReader  *reader,
         MpPickleValue   *container,
         guint            start,
         GError         **error)
{
  for (guint i = start; i < reader->stack->len; i++)
    if (!_mp_pickle_value_append (reader->graph, container,
                                  g_ptr_array_index (reader->stack, i), reader->opcode_offset, error))
      return FALSE;
  g_ptr_array_set_size (reader->stack, start);
  return TRUE;
}

static gboolean
push_tuple_of (MpPickleReader  *reader,
               guint            n,
               GError         **error)
{
  MpPickleValue *tuple;
  guint floor = frame_floor (reader);

  if (reader->stack->len < floor + n)
    return fail (reader, error, MP_ERROR_MALFORMED, "TUPLE%u with %u values on the stack", n,
                 reader->stack->len - floor);
  tuple = new_value (reader, MP_PICKLE_TUPLE, error);
  if (tuple == NULL || !collect (reader, tuple, reader->stack->len - n, error))
    return FALSE;
  return push (reader, tuple, error);
}

static gboolean
push_from_mark (MpPickleReader  *reader,
                MpPickleKind     kind,
                const char      *opcode,
                GError         **error)
{
  MpPickleValue *container;
  guint start;

  if (!pop_mark (reader, opcode, &start, error))
    return FALSE;
  container = new_value (reader, kind, error);
  if (container == NULL || !collect (reader, container, start, error))
    return FALSE;
  return push (reader, container, error);
}

static gboolean
check_container (MpPickleReader  *reader,
                 MpPickleValue   *container,
                 MpPickleKind     kind,
                 const char      *opcode,
                 GError         **error)
{
  g_autofree char *what = NULL;

  if (container->kind == kind)
    return TRUE;
  what = _mp_pickle_value_describe (container);
  return fail (reader, error, MP_ERROR_MALFORMED, "%s on %s, not a %s", opcode, what,
               _mp_pickle_kind_name (kind));
}

static gboolean
do_appends (MpPickleReader  *reader,
            GError         **error)
{
  MpPickleValue *list;
  guint start;

  if (!pop_mark (reader, "APPENDS", &start, error))
    return FALSE;
  if (start <= frame_floor (reader))
    return fail (reader, error, MP_ERROR_MALFORMED, "APPENDS with no list below its MARK");
  list = g_ptr_array_index (reader->stack, start - 1);
  if (!check_container (reader, list, MP_PICKLE_LIST, "APPENDS", error))
    return FALSE;
  return collect (reader, list, start, error);
}

static gboolean
do_setitems (MpPickleReader  *reader,
             guint            start,
             const char      *opcode,
             GError         **error)
{
  MpPickleValue *dict;

  if (start <= frame_floor (reader))
    return fail (reader, error, MP_ERROR_MALFORMED, "%s with no dict below its values", opcode);
  if ((reader->stack->len - start) % 2 != 0)
    return fail (reader, error, MP_ERROR_MALFORMED, "%s with a key and no value", opcode);
  dict = g_ptr_array_index (reader->stack, start - 1);
  if (!check_container (reader, dict, MP_PICKLE_DICT, opcode, error))
    return FALSE;
  for (guint i = start; i < reader->stack->len; i += 2)
    if (!_mp_pickle_dict_set (reader->graph, dict, g_ptr_array_index (reader->stack, i),
                              g_ptr_array_index (reader->stack, i + 1), reader->opcode_offset, error))
      return FALSE;
  g_ptr_array_set_size (reader->stack, start);
  return TRUE;
}

static gboolean
push_dict_from_mark (MpPickleReader  *reader,
                     GError         **error)
{
  MpPickleValue *dict;
  guint start;

  if (!pop_mark (reader, "DICT", &start, error))
    return FALSE;
  if ((reader->stack->len - start) % 2 != 0)
    return fail (reader, error, MP_ERROR_MALFORMED, "DICT with a key and no value");
  dict = new_value (reader, MP_PICKLE_DICT, error);
  if (dict == NULL)
    return FALSE;
  for (guint i = start; i < reader->stack->len; i += 2)
    if (!_mp_pickle_dict_set (reader->graph, dict, g_ptr_array_index (reader->stack, i),
                              g_ptr_array_index (reader->stack, i + 1), reader->opcode_offset, error))
      return FALSE;
  g_ptr_array_set_size (reader->stack, start);
  return push (reader, dict, error);
}

/* INST (protocol 0) and OBJ (protocol 1): an instance of a class with
 * the values above the mark as its arguments. */
static gboolean
push_instance_from_mark (MpPickleReader  *reader,
                         MpPickleValue   *cls,
                         const char      *opcode,
                         GError         **error)
{
  MpPickleValue *args;
  guint start;

  if (!pop_mark (reader, opcode, &start, error))
    return FALSE;
  if (cls == NULL)
    {
      if (reader->stack->len == start)
        return fail (reader, error, MP_ERROR_MALFORMED, "OBJ with no class");
      cls = g_ptr_array_index (reader->stack, start);
      start++;
    }
  args = new_value (reader, MP_PICKLE_TUPLE, error);
  if (args == NULL || !collect (reader, args, start, error))
    return FALSE;
  if (opcode[0] == 'O')
    g_ptr_array_set_size (reader->stack, start - 1);
  return push (reader, new_instance (reader, cls, args, opcode, error), error);
}

/* ------------------------------------------------------------------ */
/* The loop                                                            */

/* Opcodes a file can only mean with objects from outside it. */
static gboolean
refuse_outside (MpPickleReader  *reader,
                const char      *opcode,
                const char      *why,
                GError         **error)
{
  return fail (reader, error, MP_ERROR_NOT_SUPPORTED, "%s: %s; a model file must hold all of "
               "its data", opcode, why);
}

static gboolean
run (MpPickleReader  *reader,
     MpPickleValue  **result,
     GError         **error)
{
  guint n_since_cancel_check = 0;

  for (;;)
    {
      const guint8 *p = NULL;
      guint64 n;
      const char *text, *text2;
      gsize text_length, text2_length;
      guint8 opcode;

      reader->opcode_offset = reader->position;
      if (++n_since_cancel_check == 65536)
        {
          n_since_cancel_check = 0;
          if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
            return FALSE;
        }
      if (reader->position >= reader->length)
        return fail (reader, error, MP_ERROR_MALFORMED, "the pickle ends before its STOP opcode");
      opcode = reader->data[reader->position++];

      switch (opcode)
        {
        /* Protocol 0 and 1 */
        case '(':                                   /* MARK */
          if (!push_mark (reader, error))
            return FALSE;
          break;
        case '.':                                   /* STOP */
          *result = pop (reader, "STOP", error);
          return *result != NULL;
        case '0':                                   /* POP */
          if (reader->stack->len == frame_floor (reader) &&
              reader->marks->len > 0)
            {
              /* POP of a mark itself (what Python does when the stack
               * above the last mark is empty). */
              g_array_set_size (reader->marks, reader->marks->len - 1);
              break;
            }
          if (pop (reader, "POP", error) == NULL)
            return FALSE;
          break;
        case '1':                                   /* POP_MARK */
          {
            guint start;

            if (!pop_mark (reader, "POP_MARK", &start, error))
              return FALSE;
            g_ptr_array_set_size (reader->stack, start);
            break;
          }
        case '2':                                   /* DUP */
          {
            MpPickleValue *value = top (reader, "DUP", error);

            if (value == NULL || !push (reader, value, error))
              return FALSE;
            break;
          }
        case 'F':                                   /* FLOAT */
          {
            g_autofree char *copy = NULL;
            char *end;
            double number;

            if (!take_line (reader, &text, &text_length, "FLOAT", error))
              return FALSE;
            copy = g_strndup (text, text_length);
            number = g_ascii_strtod (copy, &end);
            if (end == copy || *end != '\0')
              return fail (reader, error, MP_ERROR_MALFORMED, "FLOAT: '%s' is not a number", copy);
            if (!push (reader, new_float (reader, number, error), error))
              return FALSE;
            break;
          }
        case 'I':                                   /* INT */
          if (!take_line (reader, &text, &text_length, "INT", error))
            return FALSE;
          if (text_length == 2 && memcmp (text, "00", 2) == 0)
            {
              if (!push (reader, new_bool (reader, FALSE, error), error))
                return FALSE;
            }
          else if (text_length == 2 && memcmp (text, "01", 2) == 0)
            {
              if (!push (reader, new_bool (reader, TRUE, error), error))
                return FALSE;
            }
          else if (!push (reader, new_decimal (reader, text, text_length, "INT", error), error))
            return FALSE;
          break;
        case 'L':                                   /* LONG */
          if (!take_line (reader, &text, &text_length, "LONG", error) ||
              !push (reader, new_decimal (reader, text, text_length, "LONG", error), error))
            return FALSE;
          break;
        case 'N':                                   /* NONE */
          if (!push (reader, new_value (reader, MP_PICKLE_NONE, error), error))
            return FALSE;
          break;
        case 'P':                                   /* PERSID */
          return refuse_outside (reader, "PERSID", "a persistent id names an object outside the "
                                 "pickle", error);
        case 'Q':                                   /* BINPERSID */
          return refuse_outside (reader, "BINPERSID", "a persistent id names an object outside "
                                 "the pickle", error);
        case 'R':                                   /* REDUCE */
          if (!do_reduce (reader, error))
            return FALSE;
          break;
        case 'S':                                   /* STRING */
          if (!take_line (reader, &text, &text_length, "STRING", error) ||
              !push (reader, new_quoted (reader, text, text_length, error), error))
            return FALSE;
          break;
        case 'T':                                   /* BINSTRING */
          if (!take_uint (reader, 4, &n, "BINSTRING's length", error) ||
              !take (reader, n, &p, "BINSTRING", error) ||
              !push (reader, new_python2_string (reader, p, n, error), error))
            return FALSE;
          break;
        case 'U':                                   /* SHORT_BINSTRING */
          if (!take_uint (reader, 1, &n, "SHORT_BINSTRING's length", error) ||
              !take (reader, n, &p, "SHORT_BINSTRING", error) ||
              !push (reader, new_python2_string (reader, p, n, error), error))
            return FALSE;
          break;
        case 'V':                                   /* UNICODE */
          if (!take_line (reader, &text, &text_length, "UNICODE", error) ||
              !push (reader, new_raw_unicode (reader, text, text_length, error), error))
            return FALSE;
          break;
        case 'X':                                   /* BINUNICODE */
          if (!take_uint (reader, 4, &n, "BINUNICODE's length", error) ||
              !take (reader, n, &p, "BINUNICODE", error) ||
              !push (reader, new_text (reader, (const char *) p, n, "BINUNICODE", error), error))
            return FALSE;
          break;
        case 'a':                                   /* APPEND */
          {
            MpPickleValue *item = pop (reader, "APPEND", error);
            MpPickleValue *list = item != NULL ? top (reader, "APPEND", error) : NULL;

            if (list == NULL || !check_container (reader, list, MP_PICKLE_LIST, "APPEND", error) ||
                !_mp_pickle_value_append (reader->graph, list, item, reader->opcode_offset, error))
              return FALSE;
            break;
          }
        case 'b':                                   /* BUILD */
          if (!do_build (reader, error))
            return FALSE;
          break;
        case 'c':                                   /* GLOBAL */
          if (!take_line (reader, &text, &text_length, "GLOBAL", error) ||
              !take_line (reader, &text2, &text2_length, "GLOBAL", error) ||
              !push_global (reader, text, text_length, text2, text2_length, "GLOBAL", error))
            return FALSE;
          break;
        case 'd':                                   /* DICT */
          if (!push_dict_from_mark (reader, error))
            return FALSE;
          break;
        case '}':                                   /* EMPTY_DICT */
          if (!push (reader, new_value (reader, MP_PICKLE_DICT, error), error))
            return FALSE;
          break;
        case 'e':                                   /* APPENDS */
          if (!do_appends (reader, error))
            return FALSE;
          break;
        case 'g':                                   /* GET */
        case 'p':                                   /* PUT */
          {
            g_autofree char *copy = NULL;
            guint64 index;

            if (!take_line (reader, &text, &text_length, opcode == 'g' ? "GET" : "PUT", error))
              return FALSE;
            copy = g_strndup (text, text_length);
            if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT64, &index, NULL))
              return fail (reader, error, MP_ERROR_MALFORMED, "%s: '%s' is not a memo index",
                           opcode == 'g' ? "GET" : "PUT", copy);
            if (!(opcode == 'g' ? memo_get (reader, index, error) : memo_put (reader, index, error)))
              return FALSE;
            break;
          }
        case 'h':                                   /* BINGET */
        case 'j':                                   /* LONG_BINGET */
          if (!take_uint (reader, opcode == 'h' ? 1 : 4, &n, "BINGET's index", error) ||
              !memo_get (reader, n, error))
            return FALSE;
          break;
        case 'q':                                   /* BINPUT */
        case 'r':                                   /* LONG_BINPUT */
          if (!take_uint (reader, opcode == 'q' ? 1 : 4, &n, "BINPUT's index", error) ||
              !memo_put (reader, n, error))
            return FALSE;
          break;
        case 'i':                                   /* INST */
          {
            if (!take_line (reader, &text, &text_length, "INST", error) ||
                !take_line (reader, &text2, &text2_length, "INST", error) ||
                !push_global (reader, text, text_length, text2, text2_length, "INST", error))
              return FALSE;
            if (!push_instance_from_mark (reader, pop (reader, "INST", error), "INST", error))
              return FALSE;
            break;
          }
        case 'o':                                   /* OBJ */
          if (!push_instance_from_mark (reader, NULL, "OBJ", error))
            return FALSE;
          break;
        case 'l':                                   /* LIST */
          if (!push_from_mark (reader, MP_PICKLE_LIST, "LIST", error))
            return FALSE;
          break;
        case ']':                                   /* EMPTY_LIST */
          if (!push (reader, new_value (reader, MP_PICKLE_LIST, error), error))
            return FALSE;
          break;
        case 's':                                   /* SETITEM */
          {
            MpPickleValue *value = pop (reader, "SETITEM", error);
            MpPickleValue *key = value != NULL ? pop (reader, "SETITEM", error) : NULL;
            MpPickleValue *dict = key != NULL ? top (reader, "SETITEM", error) : NULL;

            if (dict == NULL || !check_container (reader, dict, MP_PICKLE_DICT, "SETITEM", error) ||
                !_mp_pickle_dict_set (reader->graph, dict, key, value, reader->opcode_offset, error))
              return FALSE;
            break;
          }
        case 'u':                                   /* SETITEMS */
          {
            guint start;

            if (!pop_mark (reader, "SETITEMS", &start, error) ||
                !do_setitems (reader, start, "SETITEMS", error))
              return FALSE;
            break;
          }
        case 't':                                   /* TUPLE */
          if (!push_from_mark (reader, MP_PICKLE_TUPLE, "TUPLE", error))
            return FALSE;
          break;
        case ')':                                   /* EMPTY_TUPLE */
          if (!push (reader, new_value (reader, MP_PICKLE_TUPLE, error), error))
            return FALSE;
          break;
        case 'G':                                   /* BINFLOAT: big-endian double */
          {
            guint64 bits = 0;
            double number;

            if (!take (reader, 8, &p, "BINFLOAT", error))
              return FALSE;
            for (guint i = 0; i < 8; i++)
              bits = (bits << 8) | p[i];
            memcpy (&number, &bits, sizeof number);
            if (!push (reader, new_float (reader, number, error), error))
              return FALSE;
            break;
          }
        case 'J':                                   /* BININT: signed 4 bytes */
          if (!take_uint (reader, 4, &n, "BININT", error) ||
              !push (reader, new_int (reader, (gint32) (guint32) n, error), error))
            return FALSE;
          break;
        case 'K':                                   /* BININT1 */
        case 'M':                                   /* BININT2 */
          if (!take_uint (reader, opcode == 'K' ? 1 : 2, &n, "BININT", error) ||
              !push (reader, new_int (reader, (gint64) n, error), error))
            return FALSE;
          break;

        /* Protocol 2 */
        case 0x80:                                  /* PROTO */
          if (!take_uint (reader, 1, &n, "PROTO", error))
            return FALSE;
          if (n > 5)
            return fail (reader, error, MP_ERROR_UNSUPPORTED_VERSION, "pickle protocol %"
                         G_GUINT64_FORMAT "; this importer reads protocols 0 to 5", n);
          if (reader->info != NULL && !reader->nested)
            reader->info->protocol = MAX (reader->info->protocol, (guint) n);
          break;
        case 0x81:                                  /* NEWOBJ */
          if (!do_newobj (reader, FALSE, error))
            return FALSE;
          break;
        case 0x82:                                  /* EXT1 */
        case 0x83:                                  /* EXT2 */
        case 0x84:                                  /* EXT4 */
          return refuse_outside (reader, "EXT", "an extension code names an object from the "
                                 "reader's copyreg registry", error);
        case 0x85:                                  /* TUPLE1 */
        case 0x86:                                  /* TUPLE2 */
        case 0x87:                                  /* TUPLE3 */
          if (!push_tuple_of (reader, opcode - 0x84, error))
            return FALSE;
          break;
        case 0x88:                                  /* NEWTRUE */
        case 0x89:                                  /* NEWFALSE */
          if (!push (reader, new_bool (reader, opcode == 0x88, error), error))
            return FALSE;
          break;
        case 0x8a:                                  /* LONG1 */
        case 0x8b:                                  /* LONG4 */
          if (!take_uint (reader, opcode == 0x8a ? 1 : 4, &n, "LONG's length", error) ||
              !take (reader, n, &p, "LONG", error) ||
              !push (reader, new_long (reader, p, n, error), error))
            return FALSE;
          break;

        /* Protocol 3 */
        case 'B':                                   /* BINBYTES */
        case 'C':                                   /* SHORT_BINBYTES */
        case 0x8e:                                  /* BINBYTES8 */
        case 0x96:                                  /* BYTEARRAY8 */
          {
            guint width = opcode == 'C' ? 1 : opcode == 'B' ? 4 : 8;

            if (!take_uint (reader, width, &n, "BINBYTES's length", error) ||
                !take (reader, n, &p, "BINBYTES", error) ||
                !push (reader, new_bytes_view (reader, p, n, error), error))
              return FALSE;
            break;
          }

        /* Protocol 4 */
        case 0x8c:                                  /* SHORT_BINUNICODE */
        case 0x8d:                                  /* BINUNICODE8 */
          if (!take_uint (reader, opcode == 0x8c ? 1 : 8, &n, "BINUNICODE's length", error) ||
              !take (reader, n, &p, "BINUNICODE", error) ||
              !push (reader, new_text (reader, (const char *) p, n, "BINUNICODE", error), error))
            return FALSE;
          break;
        case 0x8f:                                  /* EMPTY_SET */
          if (!push (reader, new_value (reader, MP_PICKLE_SET, error), error))
            return FALSE;
          break;
        case 0x90:                                  /* ADDITEMS */
          {
            MpPickleValue *set;
            guint start;

            if (!pop_mark (reader, "ADDITEMS", &start, error))
              return FALSE;
            if (start <= frame_floor (reader))
              return fail (reader, error, MP_ERROR_MALFORMED, "ADDITEMS with no set below its MARK");
            set = g_ptr_array_index (reader->stack, start - 1);
            if (!check_container (reader, set, MP_PICKLE_SET, "ADDITEMS", error) ||
                !collect (reader, set, start, error))
              return FALSE;
            break;
          }
        case 0x91:                                  /* FROZENSET */
          if (!push_from_mark (reader, MP_PICKLE_SET, "FROZENSET", error))
            return FALSE;
          break;
        case 0x92:                                  /* NEWOBJ_EX */
          if (!do_newobj (reader, TRUE, error))
            return FALSE;
          break;
        case 0x93:                                  /* STACK_GLOBAL */
          {
            MpPickleValue *name = pop (reader, "STACK_GLOBAL", error);
            MpPickleValue *module = name != NULL ? pop (reader, "STACK_GLOBAL", error) : NULL;

            if (module == NULL)
              return FALSE;
            if (module->kind != MP_PICKLE_STR || name->kind != MP_PICKLE_STR)
              return fail (reader, error, MP_ERROR_MALFORMED, "STACK_GLOBAL: the module and name "
                           "are not both str");
            if (!push_global (reader, module->string.data, module->string.length,
                              name->string.data, name->string.length, "STACK_GLOBAL", error))
              return FALSE;
            break;
          }
        case 0x94:                                  /* MEMOIZE */
          if (!memo_put (reader, g_hash_table_size (reader->memo), error))
            return FALSE;
          break;
        case 0x95:                                  /* FRAME: a length hint */
          if (!take_uint (reader, 8, &n, "FRAME's length", error))
            return FALSE;
          if (n > reader->length - reader->position)
            return fail (reader, error, MP_ERROR_MALFORMED, "FRAME of %" G_GUINT64_FORMAT
                         " bytes, but only %" G_GSIZE_FORMAT " are left", n,
                         reader->length - reader->position);
          break;

        /* Protocol 5 */
        case 0x97:                                  /* NEXT_BUFFER */
          return refuse_outside (reader, "NEXT_BUFFER", "an out-of-band buffer is passed to the "
                                 "reader, not stored in the file", error);
        case 0x98:                                  /* READONLY_BUFFER */
          return refuse_outside (reader, "READONLY_BUFFER", "it marks an out-of-band buffer",
                                 error);

        default:
          return fail (reader, error, MP_ERROR_MALFORMED, "0x%02x is not a pickle opcode", opcode);
        }
    }
}

static void
reader_init (MpPickleReader            *reader,
             MpPickleGraph             *graph,
             GBytes                    *input,
             gsize                      position,
             const MpPickleReadOptions *options,
             GCancellable              *cancellable,
             MpPickleReadInfo          *info)
{
  memset (reader, 0, sizeof *reader);
  reader->graph = graph;
  reader->options = options;
  reader->cancellable = cancellable;
  reader->info = info;
  reader->input = input;
  reader->data = g_bytes_get_data (input, &reader->length);
  reader->position = position;
  reader->stack = g_ptr_array_new ();
  reader->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  reader->memo = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (MpPickleReader *reader)
{
  g_ptr_array_unref (reader->stack);
  g_array_unref (reader->marks);
  g_hash_table_unref (reader->memo);
  g_hash_table_unref (reader->seen);
}

static gboolean
read_nested (MpPickleReader  *reader,
             MpPickleValue  **result,
             GError         **error)
{
  MpPickleReader nested;
  gboolean ok;

  reader_init (&nested, reader->graph, reader->input, reader->position, reader->options,
               reader->cancellable, reader->info);
  nested.nested = TRUE;
  /* The globals the nested pickle names join the outer list. */
  g_hash_table_unref (nested.seen);
  nested.seen = g_hash_table_ref (reader->seen);
  ok = run (&nested, result, error);
  reader->position = nested.position;
  reader_clear (&nested);
  return ok;
}

MpPickleValue *
_mp_pickle_read (MpPickleGraph             *graph,
                 GBytes                    *input,
                 const MpPickleReadOptions *options,
                 GCancellable              *cancellable,
                 MpPickleReadInfo          *info,
                 GError                   **error)
{
  MpPickleReader reader;
  MpPickleValue *result = NULL;
  gboolean ok;

  if (info != NULL)
    {
      memset (info, 0, sizeof *info);
      info->globals = g_ptr_array_new_with_free_func (g_free);
      info->refused = g_ptr_array_new_with_free_func (g_free);
    }
  reader_init (&reader, graph, input, 0, options, cancellable, info);
  ok = run (&reader, &result, error);
  if (ok && reader.position < reader.length)
    {
      reader.opcode_offset = reader.position;
      ok = fail (&reader, error, MP_ERROR_MALFORMED, "%" G_GSIZE_FORMAT " bytes follow the "
                 "pickle's STOP opcode", reader.length - reader.position);
    }
  reader_clear (&reader);
  return ok ? result : NULL;
}

void
_mp_pickle_read_info_clear (MpPickleReadInfo *info)
{
  g_clear_pointer (&info->globals, g_ptr_array_unref);
  g_clear_pointer (&info->refused, g_ptr_array_unref);
}
