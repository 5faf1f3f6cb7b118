/* mp-json-scan.c: a bounded, single-pass check of raw JSON text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <xxhash.h>

#include "mp-array.h"
#include "mp-error.h"
#include "mp-json-scan-private.h"

/* The scanner is a push-down automaton with an explicit stack of open
 * containers: its memory is bounded by max_depth and the number of keys
 * it has seen, it never recurses, so a million nested brackets cost one
 * comparison each before it stops.
 *
 * It also counts values (json-glib makes one JsonNode of each) and knows
 * the part of the format's schema that a container's place decides: a
 * list or object where the format has only scalars (in `producer`, as an
 * estimator's `type`, as a list's element...) is refused here, before
 * json-glib spends memory on it. Only the places named in Place are
 * checked; everything else (metadata, members a newer minor version may
 * add) is bounded by the node count alone.
 *
 * Keys are hashed with a seed chosen at random once per process, so no
 * document can make the duplicate-key check quadratic. json-glib's objects
 * hash keys with g_str_hash(), which is not seeded: many keys of one
 * object with the same g_str_hash() value ("aB" and "b!" have one, and so
 * have all 2^n strings made of n of them) make each insertion compare all
 * the previous ones. Such objects are refused here (MAX_SAME_HASH). */

/* More keys than this in one object sharing one g_str_hash() value are
 * refused: json-glib would compare each new one with every earlier one,
 * so an object of n such keys costs n^2 / 2 string comparisons. Distinct
 * real keys share a value only by chance (32 bits). */
#define MAX_SAME_HASH 16

/* Up to this many keys, an object's keys are compared without a table;
 * no more of them than MAX_SAME_HASH can share a hash value. */
#define SMALL_OBJECT MAX_SAME_HASH

typedef enum {
  EXPECT_VALUE,
  EXPECT_KEY,
  AFTER_VALUE,
  OBJECT_START,
  ARRAY_START,
} State;

/* Where in the document a container is, as far as the format constrains
 * what it may hold. */
typedef enum {
  PLACE_ANY,            /* no constraint here */
  PLACE_ROOT,           /* the top-level object */
  PLACE_PRODUCER,       /* $.producer: an object of strings */
  PLACE_PAYLOAD,        /* $.payload: nbytes and file are scalars */
  PLACE_ESTIMATOR,      /* type, fitted, params, state */
  PLACE_MEMBERS,        /* an estimator's params or state */
  PLACE_LIST,           /* a list value: scalars, estimators or list entries */
  PLACE_LIST_ITEM,      /* an object in a list: an estimator, or an entry (name, estimator, word) */
  PLACE_VALUE_OBJECT,   /* an object value: an estimator or an array descriptor */
  PLACE_SHAPE,          /* a list under "shape" in an object value */
  PLACE_COMPRESSION,    /* an object under "compression" in an object value */
  PLACE_CHUNKS,         /* the list under "chunks" in a compression object */
} Place;

typedef struct {
  gboolean    is_object;
  Place       place;
  /* The keys read so far: the first SMALL_OBJECT in @few (compared one by
   * one: most objects are that small, and a table per object cost more
   * than the rest of the scan), then all of them in @keys, hashed with
   * key_seed. */
  char       *few[SMALL_OBJECT];
  guint       n_few;
  GHashTable *keys;
  GHashTable *glib_hashes;      /* g_str_hash() of a key -> keys that have it */
  const char *key;              /* the member being read, owned by @few or @keys */
  guint64     index;            /* the element being read */

  /* PLACE_VALUE_OBJECT: whether it is an estimator or an array descriptor
   * is only known once all of its members have been read, and so is the
   * error code for a container the format has no room for in it. */
  gboolean    has_type;
  gboolean    has_dtype;
  char       *misplaced_path;
  const char *misplaced_what;
} Frame;

typedef struct {
  const char *text;
  gsize       length;
  gsize       pos;
  GArray     *stack;
  GString    *key;
  guint       max_depth;
  guint       max_nodes;
  guint64     n_nodes;
  gboolean    root_is_list;
  GString    *compact;
  gsize       copied;           /* where the text not yet in @compact starts */
} Scanner;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  for (guint i = 0; i < frame->n_few; i++)
    g_free (frame->few[i]);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
  g_clear_pointer (&frame->glib_hashes, g_hash_table_unref);
  g_clear_pointer (&frame->misplaced_path, g_free);
}

/* Drawn once per process; 0 until then. Set with a compare-and-swap and
 * read atomically (not through g_once, whose store happens inside GLib,
 * where ThreadSanitizer cannot see it): every scan uses one value
 * throughout, whichever thread drew it. */
static gsize key_seed;

static void
init_key_seed (void)
{
  if (g_atomic_pointer_get (&key_seed) == 0)
    {
      gsize seed = (((gsize) g_random_int () << 16) << 16 | g_random_int ()) | 1;

      g_atomic_pointer_compare_and_exchange (&key_seed, (gsize) 0, seed);
    }
}

static guint64
current_key_seed (void)
{
  return (guint64) (gsize) g_atomic_pointer_get (&key_seed);
}

static guint
seeded_str_hash (gconstpointer key)
{
  return (guint) XXH3_64bits_withSeed (key, strlen (key), current_key_seed ());
}

static guint
seeded_uint_hash (gconstpointer value)
{
  guint v = GPOINTER_TO_UINT (value);

  return (guint) XXH3_64bits_withSeed (&v, sizeof v, current_key_seed ());
}

static gboolean
fail (Scanner  *s,
      int       code,
      GError  **error,
      const char *what)
{
  g_set_error (error, MP_ERROR, code, "JSON at byte %" G_GSIZE_FORMAT ": %s", s->pos, what);
  return FALSE;
}

static gboolean
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skips the white space between two tokens; with s->compact, appends the
 * text up to it first. */
static void
skip_ws (Scanner *s)
{
  if (s->pos >= s->length || !is_ws (s->text[s->pos]))
    return;
  if (s->compact != NULL)
    g_string_append_len (s->compact, s->text + s->copied, s->pos - s->copied);
  while (s->pos < s->length && is_ws (s->text[s->pos]))
    s->pos++;
  s->copied = s->pos;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scanner  *s,
           guint    *out)
{
  guint v = 0;

  if (s->length - s->pos < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->text[s->pos + i]);
      if (h < 0)
        return FALSE;
      v = (v << 4) | (guint) h;
    }
  s->pos += 4;
  *out = v;
  return TRUE;
}

/* Scans a string starting at the opening quote. When @decoded is not NULL
 * the unescaped text is stored there (for duplicate-key detection). */
static gboolean
scan_string (Scanner  *s,
             GString  *decoded,
             GError  **error)
{
  s->pos++;                     /* opening quote */
  if (decoded != NULL)
    g_string_truncate (decoded, 0);

  while (s->pos < s->length)
    {
      guchar c = (guchar) s->text[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, MP_ERROR_MALFORMED, error, "control character in a string");

      if (c != '\\')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, (char) c);
          s->pos++;
          continue;
        }

      s->pos++;
      if (s->pos >= s->length)
        break;

      c = (guchar) s->text[s->pos++];
      switch (c)
        {
        case '"': case '\\': case '/':
          if (decoded != NULL)
            g_string_append_c (decoded, (char) c);
          break;
        case 'b': if (decoded) g_string_append_c (decoded, '\b'); break;
        case 'f': if (decoded) g_string_append_c (decoded, '\f'); break;
        case 'n': if (decoded) g_string_append_c (decoded, '\n'); break;
        case 'r': if (decoded) g_string_append_c (decoded, '\r'); break;
        case 't': if (decoded) g_string_append_c (decoded, '\t'); break;
        case 'u':
          {
            guint unit, low;
            gunichar ch;

            if (!read_hex4 (s, &unit))
              return fail (s, MP_ERROR_MALFORMED, error, "bad \\u escape");
            if (unit == 0)
              return fail (s, MP_ERROR_MALFORMED, error, "\\u0000 is not allowed in strings");
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail (s, MP_ERROR_MALFORMED, error, "unpaired low surrogate");
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (s->length - s->pos < 2 || s->text[s->pos] != '\\' || s->text[s->pos + 1] != 'u')
                  return fail (s, MP_ERROR_MALFORMED, error, "unpaired high surrogate");
                s->pos += 2;
                if (!read_hex4 (s, &low) || low < 0xDC00 || low > 0xDFFF)
                  return fail (s, MP_ERROR_MALFORMED, error, "unpaired high surrogate");
                ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
              }
            else
              ch = unit;
            if (decoded != NULL)
              g_string_append_unichar (decoded, ch);
          }
          break;
        default:
          s->pos--;
          return fail (s, MP_ERROR_MALFORMED, error, "unknown escape in a string");
        }
    }

  return fail (s, MP_ERROR_MALFORMED, error, "unterminated string");
}

static gboolean
scan_digits (Scanner *s)
{
  gsize start = s->pos;

  while (s->pos < s->length && g_ascii_isdigit (s->text[s->pos]))
    s->pos++;
  return s->pos > start;
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  gsize start = s->pos;
  gboolean integral = TRUE;
  g_autofree char *token = NULL;

  if (s->text[s->pos] == '-')
    s->pos++;

  if (s->pos < s->length && s->text[s->pos] == '0')
    s->pos++;
  else if (!scan_digits (s))
    return fail (s, MP_ERROR_MALFORMED, error, "bad number");

  if (s->pos < s->length && s->text[s->pos] == '.')
    {
      integral = FALSE;
      s->pos++;
      if (!scan_digits (s))
        return fail (s, MP_ERROR_MALFORMED, error, "bad number: no digit after '.'");
    }

  if (s->pos < s->length && (s->text[s->pos] == 'e' || s->text[s->pos] == 'E'))
    {
      integral = FALSE;
      s->pos++;
      if (s->pos < s->length && (s->text[s->pos] == '+' || s->text[s->pos] == '-'))
        s->pos++;
      if (!scan_digits (s))
        return fail (s, MP_ERROR_MALFORMED, error, "bad number: no digit in the exponent");
    }

  token = g_strndup (s->text + start, s->pos - start);
  errno = 0;
  if (integral)
    {
      g_ascii_strtoll (token, NULL, 10);
      if (errno == ERANGE)
        {
          s->pos = start;
          return fail (s, MP_ERROR_INVALID_VALUE, error,
                       "integer outside the signed 64-bit range");
        }
    }
  else
    {
      gdouble d = g_ascii_strtod (token, NULL);
      if (!isfinite (d))
        {
          s->pos = start;
          return fail (s, MP_ERROR_INVALID_VALUE, error,
                       "number is too large for a double (not finite)");
        }
    }

  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word,
              GError    **error)
{
  gsize n = strlen (word);

  if (s->length - s->pos < n || memcmp (s->text + s->pos, word, n) != 0)
    return fail (s, MP_ERROR_MALFORMED, error, "unexpected character");
  s->pos += n;
  return TRUE;
}

static Frame *
top (Scanner *s)
{
  return &g_array_index (s->stack, Frame, s->stack->len - 1);
}

/* The JSON path of the value being read: "$", then each open container's
 * current member or element. */
static char *
current_path (Scanner *s)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < s->stack->len; i++)
    {
      Frame *frame = &g_array_index (s->stack, Frame, i);

      if (!frame->is_object)
        g_string_append_printf (path, "[%" G_GUINT64_FORMAT "]", frame->index);
      else if (frame->key != NULL)
        g_string_append_printf (path, ".%s", frame->key);
    }

  return g_string_free (path, FALSE);
}

static gboolean
fail_at_path (Scanner     *s,
              int          code,
              GError     **error,
              const char  *what)
{
  g_autofree char *path = current_path (s);

  g_set_error (error, MP_ERROR, code, "%s: %s (JSON at byte %" G_GSIZE_FORMAT ")",
               path, what, s->pos);
  return FALSE;
}

/* Remembers the first container an object value has no room for; the
 * verdict waits until the object is closed and its kind is known. */
static void
misplace (Scanner    *s,
          Frame      *value_object,
          const char *what)
{
  if (value_object->misplaced_path != NULL)
    return;
  value_object->misplaced_path = current_path (s);
  value_object->misplaced_what = what;
}

static gboolean
is_key (const Frame *frame,
        const char  *name)
{
  return frame->key != NULL && strcmp (frame->key, name) == 0;
}

/* Decides the place of a container that opens as the current value of the
 * top frame, or refuses it where the format allows only scalars. The codes
 * are the ones the loader's checks after parsing would give. */
static gboolean
child_place (Scanner   *s,
             gboolean   is_object,
             Place     *place,
             GError   **error)
{
  const char *found = is_object ? "an object" : "a list";
  g_autofree char *what = NULL;
  Frame *parent;

  *place = PLACE_ANY;

  if (s->stack->len == 0)
    {
      /* A list at the top is refused once it is closed, so that a deep
       * one still fails with the nesting limit. */
      s->root_is_list = !is_object;
      *place = is_object ? PLACE_ROOT : PLACE_ANY;
      return TRUE;
    }

  parent = top (s);
  switch (parent->place)
    {
    case PLACE_ANY:
      return TRUE;

    case PLACE_ROOT:
      if (is_key (parent, "format") || is_key (parent, "format_version"))
        what = g_strdup_printf ("must be a string, found %s", found);
      else if (is_key (parent, "producer") || is_key (parent, "payload") ||
               is_key (parent, "metadata"))
        {
          if (!is_object)
            what = g_strdup ("must be an object");
          else if (is_key (parent, "producer"))
            *place = PLACE_PRODUCER;
          else if (is_key (parent, "payload"))
            *place = PLACE_PAYLOAD;
        }
      else if (is_key (parent, "estimator"))
        {
          if (!is_object)
            what = g_strdup ("expected an estimator object, found a list");
          else
            *place = PLACE_ESTIMATOR;
        }
      break;

    case PLACE_PRODUCER:
      what = g_strdup_printf ("producer members are strings, found %s", found);
      break;

    case PLACE_PAYLOAD:
      if (is_key (parent, "nbytes") || is_key (parent, "file"))
        what = g_strdup_printf ("must be a scalar, found %s", found);
      break;

    case PLACE_ESTIMATOR:
      if (is_key (parent, "params") || is_key (parent, "state"))
        {
          if (is_object)
            *place = PLACE_MEMBERS;
          else
            what = g_strdup ("must be an object");
        }
      else if (is_key (parent, "type") || is_key (parent, "fitted"))
        what = g_strdup_printf ("must be a %s, found %s",
                                is_key (parent, "type") ? "string" : "boolean", found);
      else
        what = g_strdup ("unknown member of an estimator");
      break;

    case PLACE_MEMBERS:
      *place = is_object ? PLACE_VALUE_OBJECT : PLACE_LIST;
      break;

    case PLACE_LIST:
      if (is_object)
        *place = PLACE_LIST_ITEM;
      else
        what = g_strdup ("lists cannot be nested");
      break;

    case PLACE_LIST_ITEM:
      /* Which of the two it is, the loader decides once parsed (by
       * "type"); here only containers where neither allows one. */
      if (is_key (parent, "params") || is_key (parent, "state"))
        {
          if (is_object)
            *place = PLACE_MEMBERS;
          else
            what = g_strdup ("must be an object");
        }
      else if (is_key (parent, "estimator"))
        {
          if (is_object)
            *place = PLACE_ESTIMATOR;
          else
            what = g_strdup ("expected an estimator object, found a list");
        }
      else if (is_key (parent, "type") || is_key (parent, "fitted") || is_key (parent, "name") ||
               is_key (parent, "word"))
        what = g_strdup_printf ("must be a scalar, found %s", found);
      else
        what = g_strdup ("unknown member of an estimator or a list entry");
      break;

    case PLACE_VALUE_OBJECT:
      if (is_object && (is_key (parent, "params") || is_key (parent, "state")))
        *place = PLACE_MEMBERS;
      else if (!is_object && is_key (parent, "shape"))
        *place = PLACE_SHAPE;
      else if (is_object && is_key (parent, "compression"))
        *place = PLACE_COMPRESSION;
      else
        misplace (s, parent, is_object ? "an object" : "a list");
      break;

    case PLACE_SHAPE:
      g_assert (s->stack->len >= 2);
      misplace (s, &g_array_index (s->stack, Frame, s->stack->len - 2),
                is_object ? "an object in a shape" : "a list in a shape");
      break;

    /* The frames of the value object these two belong to are two and
     * three down: a misplaced container is refused when that ends, as an
     * array descriptor's if it is one. */
    case PLACE_COMPRESSION:
      g_assert (s->stack->len >= 2);
      if (!is_object && is_key (parent, "chunks"))
        *place = PLACE_CHUNKS;
      else
        misplace (s, &g_array_index (s->stack, Frame, s->stack->len - 2),
                  is_object ? "an object in its compression" : "a list in its compression");
      break;

    case PLACE_CHUNKS:
      g_assert (s->stack->len >= 3);
      misplace (s, &g_array_index (s->stack, Frame, s->stack->len - 3),
                is_object ? "an object in its chunks" : "a list in its chunks");
      break;

    default:
      g_assert_not_reached ();
    }

  if (what != NULL)
    return fail_at_path (s, MP_ERROR_MALFORMED, error, what);
  return TRUE;
}

/* Counts a value about to be read, against max_nodes and, in a shape,
 * against the largest number of dimensions. */
static gboolean
count_value (Scanner  *s,
             GError  **error)
{
  if (s->n_nodes >= s->max_nodes)
    {
      g_autofree char *what = g_strdup_printf ("the document has more than the max-json-nodes "
                                               "limit of %u values", s->max_nodes);
      return fail_at_path (s, MP_ERROR_LIMIT_EXCEEDED, error, what);
    }
  s->n_nodes++;

  if (s->stack->len >= 2 && top (s)->place == PLACE_SHAPE && top (s)->index >= MP_ARRAY_MAX_DIMS)
    misplace (s, &g_array_index (s->stack, Frame, s->stack->len - 2),
              "more than 8 dimensions");

  return TRUE;
}

static gboolean
push (Scanner  *s,
      gboolean  is_object,
      GError  **error)
{
  Frame frame = { .is_object = is_object, .place = PLACE_ANY };

  if (s->stack->len >= s->max_depth)
    return fail (s, MP_ERROR_LIMIT_EXCEEDED, error,
                 "nesting is deeper than the max-depth limit");
  if (!child_place (s, is_object, &frame.place, error))
    return FALSE;
  g_array_append_val (s->stack, frame);
  s->pos++;
  return TRUE;
}

static gboolean
pop (Scanner  *s,
     GError  **error)
{
  Frame *frame = top (s);

  if (frame->place == PLACE_VALUE_OBJECT && frame->misplaced_path != NULL)
    {
      /* The loader takes an object with "type" for an estimator, else one
       * with "dtype" for an array descriptor. */
      const char *kind = frame->has_type ? "an estimator" :
                         frame->has_dtype ? "an array descriptor" :
                         "an object value (an estimator or an array descriptor)";
      int code = !frame->has_type && frame->has_dtype ? MP_ERROR_INVALID_ARRAY : MP_ERROR_MALFORMED;

      g_set_error (error, MP_ERROR, code, "%s: %s has no room for %s (JSON object ending at byte %"
                   G_GSIZE_FORMAT ")", frame->misplaced_path, kind, frame->misplaced_what, s->pos);
      return FALSE;
    }

  g_array_set_size (s->stack, s->stack->len - 1);

  if (s->stack->len == 0 && s->root_is_list)
    return fail_at_path (s, MP_ERROR_MALFORMED, error,
                         "the document must be an object, found a list");

  s->pos++;
  return TRUE;
}

static gboolean
count_glib_hash (Scanner     *s,
                 Frame       *frame,
                 const char  *key,
                 GError     **error)
{
  gpointer glib_hash = GUINT_TO_POINTER (g_str_hash (key));
  guint same = GPOINTER_TO_UINT (g_hash_table_lookup (frame->glib_hashes, glib_hash)) + 1;

  if (same > MAX_SAME_HASH)
    {
      g_autofree char *what =
        g_strdup_printf ("more than %d keys of one object share a hash value in "
                         "json-glib's tables, which would make parsing quadratic",
                         MAX_SAME_HASH);
      return fail_at_path (s, MP_ERROR_LIMIT_EXCEEDED, error, what);
    }
  g_hash_table_insert (frame->glib_hashes, glib_hash, GUINT_TO_POINTER (same));
  return TRUE;
}

/* Records @key as the current member of @frame: refused if the object
 * already has it, or if too many of its keys share a g_str_hash() value. */
static gboolean
add_key (Scanner     *s,
         Frame       *frame,
         const char  *key,
         GError     **error)
{
  char *stored;
  gboolean seen;

  if (frame->keys == NULL)
    {
      seen = FALSE;
      for (guint i = 0; i < frame->n_few && !seen; i++)
        seen = strcmp (frame->few[i], key) == 0;
    }
  else
    seen = g_hash_table_contains (frame->keys, key);
  if (seen)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_DUPLICATE_KEY,
                   "JSON at byte %" G_GSIZE_FORMAT ": key \"%s\" appears twice in one object",
                   s->pos, key);
      return FALSE;
    }

  stored = g_strdup (key);
  frame->key = stored;
  if (frame->keys == NULL && frame->n_few < SMALL_OBJECT)
    {
      frame->few[frame->n_few++] = stored;
      return TRUE;
    }

  if (frame->keys == NULL)
    {
      /* The object outgrew the list: its keys move to the tables. */
      frame->keys = g_hash_table_new_full (seeded_str_hash, g_str_equal, g_free, NULL);
      frame->glib_hashes = g_hash_table_new (seeded_uint_hash, g_direct_equal);
      for (guint i = 0; i < frame->n_few; i++)
        {
          g_hash_table_add (frame->keys, frame->few[i]);
          if (!count_glib_hash (s, frame, frame->few[i], error))
            g_assert_not_reached ();   /* at most SMALL_OBJECT share one */
        }
      frame->n_few = 0;
    }
  g_hash_table_add (frame->keys, stored);
  return count_glib_hash (s, frame, stored, error);
}

gboolean
_mp_json_scan (const char  *text,
               gsize        length,
               guint        max_depth,
               guint        max_nodes,
               GString     *compact,
               GError     **error)
{
  Scanner s = { text, length, 0, NULL, NULL, max_depth, max_nodes, 0, FALSE, compact, 0 };
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autoptr(GString) key = g_string_new (NULL);
  const char *bad_utf8 = NULL;
  State state = EXPECT_VALUE;

  g_array_set_clear_func (stack, frame_clear);
  s.stack = stack;
  s.key = key;
  init_key_seed ();

  if (!g_utf8_validate_len (text, length, &bad_utf8))
    {
      s.pos = (gsize) (bad_utf8 - text);
      return fail (&s, MP_ERROR_MALFORMED, error, "not valid UTF-8");
    }

  for (;;)
    {
      skip_ws (&s);

      if (state == AFTER_VALUE && stack->len == 0)
        break;

      if (s.pos >= s.length)
        return fail (&s, MP_ERROR_MALFORMED, error, "unexpected end of text");

      switch (state)
        {
        case OBJECT_START:
          if (text[s.pos] == '}')
            {
              if (!pop (&s, error))
                return FALSE;
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_KEY:
          {
            Frame *frame = top (&s);

            if (text[s.pos] != '"')
              return fail (&s, MP_ERROR_MALFORMED, error, "expected a string key");
            if (!scan_string (&s, key, error))
              return FALSE;
            if (!add_key (&s, frame, key->str, error))
              return FALSE;
            if (frame->place == PLACE_VALUE_OBJECT)
              {
                frame->has_type |= strcmp (frame->key, "type") == 0;
                frame->has_dtype |= strcmp (frame->key, "dtype") == 0;
              }
            skip_ws (&s);
            if (s.pos >= s.length || text[s.pos] != ':')
              return fail (&s, MP_ERROR_MALFORMED, error, "expected ':' after a key");
            s.pos++;
            state = EXPECT_VALUE;
          }
          break;

        case ARRAY_START:
          if (text[s.pos] == ']')
            {
              if (!pop (&s, error))
                return FALSE;
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_VALUE:
          if (!count_value (&s, error))
            return FALSE;
          switch (text[s.pos])
            {
            case '{':
              if (!push (&s, TRUE, error))
                return FALSE;
              state = OBJECT_START;
              break;
            case '[':
              if (!push (&s, FALSE, error))
                return FALSE;
              state = ARRAY_START;
              break;
            case '"':
              if (!scan_string (&s, NULL, error))
                return FALSE;
              state = AFTER_VALUE;
              break;
            case 't':
              if (!scan_literal (&s, "true", error))
                return FALSE;
              state = AFTER_VALUE;
              break;
            case 'f':
              if (!scan_literal (&s, "false", error))
                return FALSE;
              state = AFTER_VALUE;
              break;
            case 'n':
              if (!scan_literal (&s, "null", error))
                return FALSE;
              state = AFTER_VALUE;
              break;
            default:
              if (text[s.pos] == '-' || g_ascii_isdigit (text[s.pos]))
                {
                  if (!scan_number (&s, error))
                    return FALSE;
                  state = AFTER_VALUE;
                }
              else
                return fail (&s, MP_ERROR_MALFORMED, error, "expected a value");
            }
          break;

        case AFTER_VALUE:
          {
            Frame *frame = top (&s);
            char c = text[s.pos];

            if (c == ',')
              {
                s.pos++;
                if (!frame->is_object)
                  frame->index++;
                state = frame->is_object ? EXPECT_KEY : EXPECT_VALUE;
              }
            else if (c == (frame->is_object ? '}' : ']'))
              {
                if (!pop (&s, error))
                  return FALSE;
              }
            else
              return fail (&s, MP_ERROR_MALFORMED, error,
                           frame->is_object ? "expected ',' or '}'" : "expected ',' or ']'");
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (s.pos != s.length)
    return fail (&s, MP_ERROR_MALFORMED, error, "text after the JSON value");

  if (compact != NULL)
    g_string_append_len (compact, text + s.copied, s.pos - s.copied);
  return TRUE;
}
