/* persist-compressed-hostile.c: the loader against hostile compressed
 * arrays (docs/format.md, 3.2). Every case starts from a real compressed
 * file the library writes when the test runs, edits its document or its
 * payload, and loads the result from each container: from memory
 * (mp_loads), from a stream, and as a bundle, copied and mapped. Each
 * asserts the exact MP_ERROR code and message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <modelpersist.h>

typedef enum {
  CONTAINER_MEMORY,
  CONTAINER_STREAM,
  CONTAINER_BUNDLE_COPY,
  CONTAINER_BUNDLE_MAPPED,
  N_CONTAINERS
} Container;

static const char * const container_names[] = { "memory", "stream", "bundle-copy", "bundle-mapped" };

/* What the test knows about one compressed array of the saved model. */
typedef struct {
  const char *name;
  char       *path;
  guint64     offset;
  guint64     nbytes;
  char       *checksum;
  guint       n_chunks;
  guint64     chunks[8];
  guint64     stored_length;
} ArrayFacts;

enum { FIT_X, Y, CLASSES, N_ARRAYS };

/* The model, saved once: a k-neighbours classifier of 163840 rows whose
 * arrays all compress: _fit_X in three 1 MiB chunks (the last half
 * full), _y in one chunk smaller than 1 MiB, classes_ a str array. */
static struct {
  GBytes     *stream;        /* the single stream, as saved */
  char       *stream_json;   /* its document */
  char       *bundle_json;   /* the bundle's, with payload.file */
  char       *sidecar_name;
  GBytes     *payload;
  ArrayFacts  arrays[N_ARRAYS];
} saved;

#define N_ROWS    163840
#define N_LABELS  40
#define CHUNK     G_GUINT64_CONSTANT (1048576)

/* ZSTD_COMPRESSBOUND, as docs/format.md 3.2 gives it. */
static guint64
bound (guint64 n)
{
  return n + (n >> 8) + (n < 131072 ? (131072 - n) >> 11 : 0);
}

static guint64
chunk_length (const ArrayFacts *a,
              guint             i)
{
  return MIN (CHUNK, a->nbytes - i * CHUNK);
}

static MpEstimator *
compressible_model (void)
{
  g_autoptr(MpEstimator) estimator = mp_k_neighbors_classifier_new ();
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *values = g_new (double, 2 * N_ROWS);
  g_autofree const char **labels = g_new (const char *, N_ROWS);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gsize shape[2] = { N_ROWS, 2 };

  for (guint k = 0; k < N_LABELS; k++)
    g_ptr_array_add (names, g_strdup_printf ("label-%03u", k));
  for (gsize i = 0; i < N_ROWS; i++)
    {
      values[2 * i] = (double) (i % 7);
      values[2 * i + 1] = (double) (i % 5);
      labels[i] = g_ptr_array_index (names, i % N_LABELS);
    }
  x = mp_array_new_from_data (MP_DTYPE_FLOAT64, shape, 2, values, sizeof (double) * 2 * N_ROWS,
                              &error);
  g_assert_no_error (error);
  y = mp_array_new_strings (labels, N_ROWS, shape, 1, &error);
  g_assert_no_error (error);
  g_assert_true (mp_estimator_fit (estimator, x, y, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&estimator);
}

static void
read_facts (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *state;
  static const char * const names[] = { "_fit_X", "_y", "classes_" };

  json_parser_load_from_data (parser, saved.stream_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "format_version"), ==, "1.3");
  state = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "estimator"),
    "state");

  for (guint i = 0; i < N_ARRAYS; i++)
    {
      ArrayFacts *a = &saved.arrays[i];
      JsonObject *d = json_object_get_object_member (state, names[i]);
      JsonObject *c;
      JsonArray *chunks;

      g_assert_nonnull (d);
      c = json_object_get_object_member (d, "compression");
      g_assert_nonnull (c);
      g_assert_cmpint (json_object_get_int_member (c, "chunk_nbytes"), ==, CHUNK);
      a->name = names[i];
      a->path = g_strdup_printf ("$.estimator.state.%s", names[i]);
      a->offset = (guint64) json_object_get_int_member (d, "offset");
      a->nbytes = (guint64) json_object_get_int_member (d, "nbytes");
      a->checksum = g_strdup (json_object_get_string_member (d, "checksum"));
      chunks = json_object_get_array_member (c, "chunks");
      a->n_chunks = json_array_get_length (chunks);
      g_assert_cmpuint (a->n_chunks, <=, G_N_ELEMENTS (a->chunks));
      for (guint k = 0; k < a->n_chunks; k++)
        {
          a->chunks[k] = (guint64) json_array_get_int_element (chunks, k);
          a->stored_length += a->chunks[k];
        }
    }

  /* What the cases below rely on. */
  g_assert_cmpuint (saved.arrays[FIT_X].n_chunks, ==, 3);
  g_assert_cmpuint (saved.arrays[FIT_X].offset, ==, 0);
  g_assert_cmpuint (saved.arrays[Y].n_chunks, ==, 1);
  g_assert_cmpuint (saved.arrays[Y].nbytes, <, CHUNK);
  g_assert_cmpuint (saved.arrays[CLASSES].n_chunks, ==, 1);
  g_assert_cmpuint (saved.arrays[FIT_X].offset + saved.arrays[FIT_X].stored_length, <=,
                    saved.arrays[Y].offset);
  g_assert_cmpuint (saved.arrays[Y].offset + saved.arrays[Y].stored_length, <=,
                    saved.arrays[CLASSES].offset);
  g_assert_cmpuint (saved.arrays[CLASSES].offset + saved.arrays[CLASSES].stored_length, ==,
                    g_bytes_get_size (saved.payload));
}

static void
save_model (void)
{
  g_autoptr(MpEstimator) estimator = compressible_model ();
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json_path = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  const guint8 *data;
  guint64 json_length, payload_offset;
  gsize size;

  mp_save_options_set_compress (options, 3);
  stream = mp_dumps_full (estimator, options, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (stream, &size);
  memcpy (&json_length, data + 16, 8);
  memcpy (&payload_offset, data + 24, 8);
  json_length = GUINT64_FROM_LE (json_length);
  payload_offset = GUINT64_FROM_LE (payload_offset);
  saved.stream = g_bytes_ref (stream);
  saved.stream_json = g_strndup ((const char *) data + 64, (gsize) json_length);
  saved.payload = g_bytes_new_from_bytes (stream, (gsize) payload_offset, size - (gsize) payload_offset);

  dir = g_dir_make_tmp ("mp-compressed-XXXXXX", &error);
  g_assert_no_error (error);
  json_path = g_build_filename (dir, "model.json", NULL);
  g_assert_true (mp_dump_full (estimator, json_path, options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (json_path, &saved.bundle_json, NULL, &error);
  g_assert_no_error (error);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, entry, NULL);

      if (g_str_has_suffix (entry, ".bin"))
        {
          g_autofree char *contents = NULL;
          gsize length;

          saved.sidecar_name = g_strdup (entry);
          g_file_get_contents (p, &contents, &length, &error);
          g_assert_no_error (error);
          /* The two containers carry the same payload. */
          g_assert_cmpmem (contents, length, g_bytes_get_data (saved.payload, NULL),
                           g_bytes_get_size (saved.payload));
        }
      g_unlink (p);
    }
  g_rmdir (dir);
  g_assert_nonnull (saved.sidecar_name);

  read_facts ();
}

/* ---- edits -------------------------------------------------------------- */

/* One load to make: the document and payload as a case left them, what
 * it expects, and the options to load with. */
typedef struct {
  Container   container;
  GString    *json;
  GByteArray *payload;
  guint64     max_total_bytes;   /* 0: the default */
  gboolean    no_checksums;
  int         code;              /* -1: loads */
  char       *message;
  GPtrArray  *alternatives;      /* other messages as good as message */
} Edit;

static void
expect (Edit       *e,
        int         code,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static void
expect (Edit       *e,
        int         code,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_free (e->message);
  e->message = g_strdup_vprintf (format, args);
  e->code = code;
  va_end (args);
}

/* Another message the load may give instead (the limit counts arrays
 * in the order the loader walks them, which is json-glib's). */
static void G_GNUC_PRINTF (2, 3)
expect_or (Edit       *e,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (e->alternatives, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Where the value of @member starts and ends in @json, searching from
 * @from to @limit. */
static void
value_span (GString    *json,
            gsize       from,
            gsize       limit,
            const char *member,
            gsize      *start,
            gsize      *end)
{
  g_autofree char *key = g_strdup_printf ("\"%s\": ", member);
  const char *found = g_strstr_len (json->str + from, (gssize) (limit - from), key);
  const char *p;

  g_assert_nonnull (found);
  p = found + strlen (key);
  *start = (gsize) (p - json->str);
  if (*p == '[' || *p == '{')
    {
      int depth = 0;

      for (; ; p++)
        {
          if (*p == '[' || *p == '{')
            depth++;
          else if (*p == ']' || *p == '}')
            depth--;
          if (depth == 0)
            break;
        }
      p++;
    }
  else if (*p == '"')
    p = strchr (p + 1, '"') + 1;
  else
    while (*p != ',' && *p != '\n' && *p != '}' && *p != ']')
      p++;
  *end = (gsize) (p - json->str);
}

/* The descriptor of the array @name, from its '{' to after its '}'. */
static void
descriptor_span (GString    *json,
                 const char *name,
                 gsize      *start,
                 gsize      *end)
{
  value_span (json, 0, json->len, name, start, end);
  g_assert_cmpint (json->str[*start], ==, '{');
}

/* Replaces the value of @member (first found) in the descriptor of
 * @name; NULL @name: in the whole document. */
static void
set_member (Edit       *e,
            const char *name,
            const char *member,
            const char *value)
{
  gsize from = 0, limit = e->json->len, start, end;

  if (name != NULL)
    descriptor_span (e->json, name, &from, &limit);
  value_span (e->json, from, limit, member, &start, &end);
  g_string_erase (e->json, (gssize) start, (gssize) (end - start));
  g_string_insert (e->json, (gssize) start, value);
}

static void G_GNUC_PRINTF (4, 5)
set_member_printf (Edit       *e,
                   const char *name,
                   const char *member,
                   const char *format,
                   ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  set_member (e, name, member, value);
}

/* Puts @text right after the '{' of @name's compression record. */
static void
insert_in_compression (Edit       *e,
                       const char *name,
                       const char *text)
{
  gsize from, limit, start, end;

  descriptor_span (e->json, name, &from, &limit);
  value_span (e->json, from, limit, "compression", &start, &end);
  g_string_insert (e->json, (gssize) start + 1, text);
}

/* The chunks list of @a with chunk @i set to @value. */
static void
set_chunk (Edit             *e,
           const ArrayFacts *a,
           guint             i,
           const char       *value)
{
  g_autoptr(GString) list = g_string_new ("[");

  for (guint k = 0; k < a->n_chunks; k++)
    {
      if (k > 0)
        g_string_append (list, ", ");
      if (k == i)
        g_string_append (list, value);
      else
        g_string_append_printf (list, "%" G_GUINT64_FORMAT, a->chunks[k]);
    }
  g_string_append_c (list, ']');
  set_member (e, a->name, "chunks", list->str);
}

/* Where the descriptor of @name ends in the edited document: the byte
 * offset the JSON scan names. */
static gsize
descriptor_end (Edit       *e,
                const char *name)
{
  gsize start, end;

  descriptor_span (e->json, name, &start, &end);
  return end - 1;
}

/* ---- the cases ---------------------------------------------------------- */

#define FX (&saved.arrays[FIT_X])
#define YY (&saved.arrays[Y])
#define CL (&saved.arrays[CLASSES])

static void
case_intact (Edit *e)
{
  e->code = -1;
}

static void
case_not_an_object (Edit *e)
{
  set_member (e, "_fit_X", "compression", "\"zstd\"");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression: must be an object", FX->path);
}

static void
case_unknown_member (Edit *e)
{
  insert_in_compression (e, "_fit_X", "\"level\": 3, ");
  expect (e, MP_ERROR_INVALID_ARRAY,
          "%s.compression.level: unknown member of a compression record", FX->path);
}

/* A document that says 1.2 (where compression did not exist yet) or a
 * newer minor version: an unknown member of a compression record is an
 * error whatever it says. */
static void
case_unknown_member_1_2 (Edit *e)
{
  case_unknown_member (e);
  set_member (e, NULL, "format_version", "\"1.2\"");
}

static void
case_unknown_member_1_9 (Edit *e)
{
  case_unknown_member (e);
  set_member (e, NULL, "format_version", "\"1.9\"");
}

static void
case_codec_lz4 (Edit *e)
{
  set_member (e, "_fit_X", "codec", "\"lz4\"");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.codec: \"lz4\" is not a codec this "
          "libmodelpersist reads; format 1.3 has \"zstd\"", FX->path);
}

static void
case_codec_number (Edit *e)
{
  set_member (e, "_fit_X", "codec", "1");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.codec: must be the string \"zstd\"", FX->path);
}

static void
case_codec_missing (Edit *e)
{
  gsize from, limit, start, end;

  /* "codec": "zstd" is the record's last member: drop it and its comma. */
  descriptor_span (e->json, "_fit_X", &from, &limit);
  value_span (e->json, from, limit, "codec", &start, &end);
  start = (gsize) (g_strrstr_len (e->json->str, (gssize) start, ",") - e->json->str);
  g_string_erase (e->json, (gssize) start, (gssize) (end - start));
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.codec: must be the string \"zstd\"", FX->path);
}

static void
case_empty_array (Edit *e)
{
  set_member (e, "_fit_X", "shape", "[0, 2]");
  set_member (e, "_fit_X", "nbytes", "0");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression: an empty array is never compressed",
          FX->path);
}

static void
chunk_nbytes_refused (Edit    *e,
                      guint64  value)
{
  set_member_printf (e, "_fit_X", "chunk_nbytes", "%" G_GUINT64_FORMAT, value);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunk_nbytes: %" G_GUINT64_FORMAT " is not a "
          "power of two from 4096 to 67108864", FX->path, value);
}

static void
case_chunk_nbytes_not_power_of_two (Edit *e)
{
  chunk_nbytes_refused (e, CHUNK + 1);
}

static void
case_chunk_nbytes_too_small (Edit *e)
{
  chunk_nbytes_refused (e, 2048);
}

static void
case_chunk_nbytes_zero (Edit *e)
{
  chunk_nbytes_refused (e, 0);
}

static void
case_chunk_nbytes_too_big (Edit *e)
{
  chunk_nbytes_refused (e, G_GUINT64_CONSTANT (134217728));
}

static void
case_chunk_nbytes_string (Edit *e)
{
  set_member (e, "_fit_X", "chunk_nbytes", "\"1048576\"");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunk_nbytes: must be an integer", FX->path);
}

static void
case_chunk_nbytes_double (Edit *e)
{
  set_member (e, "_fit_X", "chunk_nbytes", "1048576.0");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunk_nbytes: must be an integer", FX->path);
}

static void
case_chunks_too_few (Edit *e)
{
  set_member_printf (e, "_fit_X", "chunks", "[%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "]",
                     FX->chunks[0], FX->chunks[1]);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks: 2 lengths, but %" G_GUINT64_FORMAT
          " bytes in chunks of 1048576 make 3", FX->path, FX->nbytes);
}

/* A valid chunk length of its own, which the three lengths do not fit. */
static void
case_chunks_for_other_chunk_nbytes (Edit *e)
{
  set_member (e, "_fit_X", "chunk_nbytes", "524288");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks: 3 lengths, but %" G_GUINT64_FORMAT
          " bytes in chunks of 524288 make 5", FX->path, FX->nbytes);
}

static void
case_chunks_not_a_list (Edit *e)
{
  set_member (e, "_fit_X", "chunks", "47966");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks: must be a list of integers", FX->path);
}

static void
case_chunks_not_integers (Edit *e)
{
  set_chunk (e, FX, 1, "\"19175\"");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks: must be a list of integers", FX->path);
}

static void
chunk_length_refused (Edit             *e,
                      const ArrayFacts *a,
                      guint             i,
                      gint64            value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  set_chunk (e, a, i, text);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks: chunk %u is %" G_GINT64_FORMAT
          " bytes; a chunk of %" G_GUINT64_FORMAT " bytes compresses to 1 to %" G_GUINT64_FORMAT,
          a->path, i, value, chunk_length (a, i), bound (chunk_length (a, i)));
}

static void
case_chunk_zero (Edit *e)
{
  chunk_length_refused (e, FX, 0, 0);
}

static void
case_chunk_negative (Edit *e)
{
  chunk_length_refused (e, FX, 1, -1);
}

/* The last chunk is half a chunk: its bound is its own. */
static void
case_chunk_above_bound (Edit *e)
{
  chunk_length_refused (e, FX, 2, (gint64) bound (chunk_length (FX, 2)) + 1);
}

static void
case_chunk_above_bound_small_array (Edit *e)
{
  chunk_length_refused (e, CL, 0, (gint64) bound (CL->nbytes) + 1);
}

/* The JSON scan refuses containers in a compression record (other than
 * its chunks list) and in chunks, before json-glib parses anything. */
static void
case_list_in_chunks (Edit *e)
{
  set_chunk (e, FX, 1, "[19175]");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks[1]: an array descriptor has no room "
          "for a list in its chunks (JSON object ending at byte %" G_GSIZE_FORMAT ")", FX->path,
          descriptor_end (e, "_fit_X"));
}

static void
case_object_in_chunks (Edit *e)
{
  set_chunk (e, FX, 0, "{\"n\": 1}");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunks[0]: an array descriptor has no room "
          "for an object in its chunks (JSON object ending at byte %" G_GSIZE_FORMAT ")", FX->path,
          descriptor_end (e, "_fit_X"));
}

static void
case_compression_a_list (Edit *e)
{
  set_member (e, "_fit_X", "compression", "[\"zstd\", 1048576]");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression: an array descriptor has no room for a list "
          "(JSON object ending at byte %" G_GSIZE_FORMAT ")", FX->path,
          descriptor_end (e, "_fit_X"));
}

static void
case_object_in_compression (Edit *e)
{
  set_member (e, "_fit_X", "codec", "{\"name\": \"zstd\"}");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.codec: an array descriptor has no room "
          "for an object in its compression (JSON object ending at byte %" G_GSIZE_FORMAT ")",
          FX->path, descriptor_end (e, "_fit_X"));
}

static void
case_list_in_compression (Edit *e)
{
  set_member (e, "_fit_X", "chunk_nbytes", "[1048576]");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s.compression.chunk_nbytes: an array descriptor has no "
          "room for a list in its compression (JSON object ending at byte %" G_GSIZE_FORMAT ")",
          FX->path, descriptor_end (e, "_fit_X"));
}

/* Frame bytes changed, the document kept. */
static void
flip (Edit    *e,
      guint64  at)
{
  g_assert_cmpuint (at, <, e->payload->len);
  e->payload->data[at] ^= 0xff;
}

static void
expect_not_a_frame (Edit             *e,
                    const ArrayFacts *a,
                    guint             i,
                    const char       *reason)
{
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: chunk %u (%" G_GUINT64_FORMAT " stored bytes) is not a "
          "zstd frame of its %" G_GUINT64_FORMAT " bytes: %s", a->path, i, a->chunks[i],
          chunk_length (a, i), reason);
}

/* The magic number of _fit_X's second frame. */
static void
case_frame_magic (Edit *e)
{
  flip (e, FX->offset + FX->chunks[0]);
  expect_not_a_frame (e, FX, 1, "Unknown frame descriptor");
}

/* Checksums off do not turn off decompression's own checks. */
static void
case_frame_magic_no_checksums (Edit *e)
{
  case_frame_magic (e);
  e->no_checksums = TRUE;
}

static void
case_frame_magic_str_array (Edit *e)
{
  flip (e, CL->offset);
  expect_not_a_frame (e, CL, 0, "Unknown frame descriptor");
}

/* A frame's header descriptor byte with its reserved bit set. */
static void
case_frame_reserved_bit (Edit *e)
{
  e->payload->data[YY->offset + 4] |= 0x08;
  expect_not_a_frame (e, YY, 0, "Unsupported frame parameter");
}

/* The end of the last frame: its last block cut short. */
static void
case_frame_cut (Edit *e)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, YY->chunks[0] - 3);

  set_chunk (e, YY, 0, text);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: chunk 0 (%" G_GUINT64_FORMAT " stored bytes) is not a "
          "zstd frame of its %" G_GUINT64_FORMAT " bytes: Src size is incorrect", YY->path,
          YY->chunks[0] - 3, YY->nbytes);
}

/* A frame that decompresses to fewer bytes than its chunk holds: the
 * document claims four more rows, which lengthens the last chunk. */
static void
case_frame_shorter_than_chunk (Edit *e)
{
  set_member_printf (e, "_fit_X", "shape", "[%u, 2]", N_ROWS + 4);
  set_member_printf (e, "_fit_X", "nbytes", "%" G_GUINT64_FORMAT, FX->nbytes + 64);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: chunk 2 (%" G_GUINT64_FORMAT " stored bytes) is not a "
          "zstd frame of its %" G_GUINT64_FORMAT " bytes: decompressed to %" G_GUINT64_FORMAT
          " bytes, not %" G_GUINT64_FORMAT, FX->path, FX->chunks[2], chunk_length (FX, 2) + 64,
          chunk_length (FX, 2), chunk_length (FX, 2) + 64);
}

/* ... and one that holds more than its chunk. */
static void
case_frame_longer_than_chunk (Edit *e)
{
  set_member_printf (e, "_fit_X", "shape", "[%u, 2]", N_ROWS - 4);
  set_member_printf (e, "_fit_X", "nbytes", "%" G_GUINT64_FORMAT, FX->nbytes - 64);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: chunk 2 (%" G_GUINT64_FORMAT " stored bytes) is not a "
          "zstd frame of its %" G_GUINT64_FORMAT " bytes: Destination buffer is too small",
          FX->path, FX->chunks[2], chunk_length (FX, 2) - 64);
}

/* Two frames of the array swapped, with their lengths: each is a good
 * frame, of the wrong length for its place. */
static void
case_frames_swapped (Edit *e)
{
  g_autofree guint8 *first = g_memdup2 (e->payload->data + FX->offset, FX->chunks[0]);
  guint8 *base = e->payload->data + FX->offset;
  guint64 second_at = FX->chunks[0] + FX->chunks[1];

  memmove (base, base + second_at, FX->chunks[2]);
  memmove (base + FX->chunks[2], base + FX->chunks[0], FX->chunks[1]);
  memcpy (base + FX->chunks[2] + FX->chunks[1], first, FX->chunks[0]);
  set_member_printf (e, "_fit_X", "chunks", "[%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT ", %"
                     G_GUINT64_FORMAT "]", FX->chunks[2], FX->chunks[1], FX->chunks[0]);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: chunk 0 (%" G_GUINT64_FORMAT " stored bytes) is not a "
          "zstd frame of its 1048576 bytes: decompressed to %" G_GUINT64_FORMAT " bytes, not "
          "1048576", FX->path, FX->chunks[2], chunk_length (FX, 2));
}

static void
case_checksum (Edit *e)
{
  set_member (e, "_fit_X", "checksum", "\"xxh3-64:0123456789abcdef\"");
  expect (e, MP_ERROR_CHECKSUM_MISMATCH, "%s: the %" G_GUINT64_FORMAT " bytes decompressed from "
          "payload offset %" G_GUINT64_FORMAT " hash to %s, the document says "
          "xxh3-64:0123456789abcdef", FX->path, FX->nbytes, FX->offset, FX->checksum);
}

static void
case_checksum_str_array (Edit *e)
{
  set_member (e, "classes_", "checksum", "\"xxh3-64:0000000000000000\"");
  expect (e, MP_ERROR_CHECKSUM_MISMATCH, "%s: the %" G_GUINT64_FORMAT " bytes decompressed from "
          "payload offset %" G_GUINT64_FORMAT " hash to %s, the document says "
          "xxh3-64:0000000000000000", CL->path, CL->nbytes, CL->offset, CL->checksum);
}

/* ... which is all verify-checksums off gives up. */
static void
case_checksum_no_checksums (Edit *e)
{
  set_member (e, "_fit_X", "checksum", "\"xxh3-64:0123456789abcdef\"");
  e->no_checksums = TRUE;
  e->code = -1;
}

/* _fit_X, of @fit_x_nbytes, refused by @limit, which the other two
 * arrays together stay below: the sum names _fit_X and the arrays the
 * loader walked before it, which may be none, either or both. */
static void
expect_limit_at_fit_x (Edit    *e,
                       guint64  fit_x_nbytes,
                       guint64  limit)
{
  g_assert_cmpuint (YY->nbytes + CL->nbytes, <=, limit);
  g_assert_cmpuint (fit_x_nbytes, >, limit);
  expect (e, MP_ERROR_LIMIT_EXCEEDED, "%s: the arrays so far take %" G_GUINT64_FORMAT " bytes, "
          "more than the max-total-bytes limit of %" G_GUINT64_FORMAT, FX->path, fit_x_nbytes,
          limit);
  for (guint before = 1; before < 4; before++)
    expect_or (e, "%s: the arrays so far take %" G_GUINT64_FORMAT " bytes, more than the "
               "max-total-bytes limit of %" G_GUINT64_FORMAT, FX->path,
               fit_x_nbytes + (before & 1 ? YY->nbytes : 0) + (before & 2 ? CL->nbytes : 0),
               limit);
}

/* Decompression bombs: a 48 kB file whose arrays take 3.2 MB. */
static void
case_bomb (Edit *e)
{
  e->max_total_bytes = CHUNK;
  g_assert_cmpuint (e->payload->len, <, CHUNK);
  expect_limit_at_fit_x (e, FX->nbytes, CHUNK);
}

/* The sum over all arrays, not each one's: each fits the limit, all
 * three do not, and the last one walked is refused. */
static void
case_bomb_sum (Edit *e)
{
  guint64 total = FX->nbytes + YY->nbytes + CL->nbytes;

  e->max_total_bytes = total - 1;
  expect (e, MP_ERROR_LIMIT_EXCEEDED, "%s: the arrays so far take %" G_GUINT64_FORMAT " bytes, "
          "more than the max-total-bytes limit of %" G_GUINT64_FORMAT, FX->path, total, total - 1);
  expect_or (e, "%s: the arrays so far take %" G_GUINT64_FORMAT " bytes, more than the "
             "max-total-bytes limit of %" G_GUINT64_FORMAT, YY->path, total, total - 1);
  expect_or (e, "%s: the arrays so far take %" G_GUINT64_FORMAT " bytes, more than the "
             "max-total-bytes limit of %" G_GUINT64_FORMAT, CL->path, total, total - 1);
}

/* A claim of 256 GiB under the default limit (16 GiB), refused before
 * the compression record (which would need 262144 lengths) is read. */
static void
case_bomb_claim (Edit *e)
{
  set_member (e, "_fit_X", "shape", "[17179869184, 2]");
  set_member (e, "_fit_X", "nbytes", "274877906944");
  expect_limit_at_fit_x (e, G_GUINT64_CONSTANT (274877906944), G_GUINT64_CONSTANT (17179869184));
}

/* _y moved into _fit_X's stored bytes: the overlap is in stored lengths
 * (_fit_X's nbytes would reach much further). */
static void
case_overlap (Edit *e)
{
  guint64 at = (FX->offset + FX->stored_length) / 64 * 64;

  set_member_printf (e, "_y", "offset", "%" G_GUINT64_FORMAT, at);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: bytes %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT
          " overlap %s", YY->path, at, YY->stored_length, FX->path);
}

/* _fit_X's first frame made longer, so that its stored range reaches
 * _y's: within the bound, but overlapping. */
static void
case_overlap_by_chunk_length (Edit *e)
{
  guint64 longer = FX->chunks[0] + (YY->offset - (FX->offset + FX->stored_length)) + 1;
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, longer);

  set_chunk (e, FX, 0, text);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: bytes %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT
          " overlap %s", YY->path, YY->offset, YY->stored_length, FX->path);
}

static void
case_past_the_end (Edit *e)
{
  set_chunk (e, CL, 0, "172");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: bytes %" G_GUINT64_FORMAT "+172 run past the end of the "
          "%u-byte payload", CL->path, CL->offset, e->payload->len);
  g_assert_cmpuint (CL->chunks[0], ==, 171);
}

static void
case_offset_past_the_end (Edit *e)
{
  set_member (e, "_y", "offset", "1048576");
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: bytes 1048576+%" G_GUINT64_FORMAT " run past the end of "
          "the %u-byte payload", YY->path, YY->stored_length, e->payload->len);
}

/* The payload cut in the middle of _fit_X's second frame, the document
 * unchanged: each container finds it where it first can. */
static void
case_truncated (Edit *e)
{
  guint64 keep = FX->offset + FX->chunks[0] + 1000;
  guint64 full = e->payload->len;

  g_byte_array_set_size (e->payload, (guint) keep);
  switch (e->container)
    {
    case CONTAINER_MEMORY:
      {
        guint64 payload_offset = (64 + e->json->len + 63) / 64 * 64;

        /* In memory the length is known before anything is parsed. */
        expect (e, MP_ERROR_MALFORMED, "stream: truncated, %" G_GUINT64_FORMAT " bytes where the "
                "header announces %" G_GUINT64_FORMAT, payload_offset + keep, payload_offset + full);
      }
      break;
    case CONTAINER_STREAM:
      /* Read in batches of chunks (up to 16 MiB of stored bytes): the
       * read of _fit_X's three comes up short. */
      expect (e, MP_ERROR_MALFORMED, "stream: truncated in the payload (%" G_GUINT64_FORMAT
              " of %" G_GUINT64_FORMAT " bytes)", keep - FX->offset, FX->stored_length);
      break;
    default:
      expect (e, MP_ERROR_INVALID_SIDECAR, "$.payload.file: the sidecar \"%s\" has %"
              G_GUINT64_FORMAT " bytes, the document says %" G_GUINT64_FORMAT, saved.sidecar_name,
              keep, full);
      break;
    }
}

/* ... and with payload.nbytes saying so: the stored range of the last
 * array, cut in its frame, runs out. */
static void
case_truncated_consistent (Edit *e)
{
  guint64 keep = CL->offset + CL->chunks[0] / 2;

  g_byte_array_set_size (e->payload, (guint) keep);
  set_member_printf (e, "payload", "nbytes", "%" G_GUINT64_FORMAT, keep);
  expect (e, MP_ERROR_INVALID_ARRAY, "%s: bytes %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT " run "
          "past the end of the %" G_GUINT64_FORMAT "-byte payload", CL->path, CL->offset,
          CL->stored_length, keep);
}

/* ---- running them ------------------------------------------------------- */

/* The document's payload.nbytes, or the saved payload's length when
 * json-glib cannot parse it (the nested-container cases, which the scan
 * refuses before json-glib sees them, keep payload.nbytes as it was). */
static guint64
document_payload_nbytes (GString *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json->str, (gssize) json->len, NULL))
    return g_bytes_get_size (saved.payload);
  return (guint64) json_object_get_int_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "payload"),
    "nbytes");
}

/* The single stream around @json and @payload, its header's payload
 * length being what the document says. */
static GBytes *
stream_of (GString    *json,
           GByteArray *payload)
{
  GByteArray *out = g_byte_array_new ();
  guint8 header[64] = { 0x89, 'M', 'P', 'E', 'R', 'S', 'I', '\n', 1 };
  guint64 payload_offset = (64 + json->len + 63) / 64 * 64;
  guint64 v;

  v = GUINT64_TO_LE ((guint64) json->len);
  memcpy (header + 16, &v, 8);
  v = GUINT64_TO_LE (payload_offset);
  memcpy (header + 24, &v, 8);
  v = GUINT64_TO_LE (document_payload_nbytes (json));
  memcpy (header + 32, &v, 8);

  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, (const guint8 *) json->str, (guint) json->len);
  g_byte_array_set_size (out, (guint) payload_offset);
  memset (out->data + 64 + json->len, 0, payload_offset - 64 - json->len);
  g_byte_array_append (out, payload->data, payload->len);
  return g_byte_array_free_to_bytes (out);
}

static MpEstimator *
load (Edit    *e,
      GError **error)
{
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  g_autoptr(GBytes) stream = NULL;

  if (e->max_total_bytes > 0)
    mp_load_options_set_max_total_bytes (options, e->max_total_bytes);
  mp_load_options_set_verify_checksums (options, !e->no_checksums);

  if (e->container == CONTAINER_MEMORY || e->container == CONTAINER_STREAM)
    {
      stream = stream_of (e->json, e->payload);
      if (e->container == CONTAINER_MEMORY)
        return mp_loads_full (stream, options, NULL, error);
      else
        {
          g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (stream);

          return mp_load_from_stream_full (input, options, NULL, NULL, error);
        }
    }
  else
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *dir = g_dir_make_tmp ("mp-compressed-XXXXXX", &local);
      g_autofree char *json_path = g_build_filename (dir, "model.json", NULL);
      g_autofree char *sidecar = g_build_filename (dir, saved.sidecar_name, NULL);
      MpEstimator *estimator;

      g_assert_no_error (local);
      g_file_set_contents (json_path, e->json->str, (gssize) e->json->len, &local);
      g_assert_no_error (local);
      g_file_set_contents (sidecar, (const char *) e->payload->data, e->payload->len, &local);
      g_assert_no_error (local);
      mp_load_options_set_map_payload (options, e->container == CONTAINER_BUNDLE_MAPPED);
      estimator = mp_load_full (json_path, options, NULL, error);
      g_unlink (json_path);
      g_unlink (sidecar);
      g_rmdir (dir);
      return estimator;
    }
}

typedef struct {
  const char *name;
  void      (*edit) (Edit *e);
} Case;

typedef struct {
  const Case *c;
  Container   container;
} Run;

static void
run_case (gconstpointer data)
{
  const Run *run = data;
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;
  Edit e = { run->container, NULL, NULL, 0, FALSE, -1, NULL, NULL };

  e.json = g_string_new (run->container == CONTAINER_MEMORY || run->container == CONTAINER_STREAM ?
                         saved.stream_json : saved.bundle_json);
  e.payload = g_byte_array_new ();
  e.alternatives = g_ptr_array_new_with_free_func (g_free);
  g_byte_array_append (e.payload, g_bytes_get_data (saved.payload, NULL),
                       (guint) g_bytes_get_size (saved.payload));

  run->c->edit (&e);
  estimator = load (&e, &error);

  if (e.code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (MP_IS_K_NEIGHBORS_CLASSIFIER (estimator));
    }
  else
    {
      g_test_message ("%s", error != NULL ? error->message : "(loaded)");
      g_assert_null (estimator);
      g_assert_error (error, MP_ERROR, e.code);
      for (guint i = 0; i < e.alternatives->len; i++)
        if (strcmp (error->message, g_ptr_array_index (e.alternatives, i)) == 0)
          g_clear_pointer (&e.message, g_free);
      if (e.message != NULL)
        g_assert_cmpstr (error->message, ==, e.message);
    }

  g_string_free (e.json, TRUE);
  g_byte_array_unref (e.payload);
  g_ptr_array_unref (e.alternatives);
  g_free (e.message);
}

/* Bytes flipped all through a frame's blocks, one at a time, the
 * document kept: each is refused, by zstd when the frame no longer
 * decodes to its chunk's length, else by the checksum of what came out,
 * unless the byte did not matter to what the frame decodes to (some
 * bits of zstd's entropy tables do not): then the model loads with its
 * own arrays, and saves to the very bytes it was loaded from. Which
 * byte goes which way depends on the byte (and on zstd's version); that
 * no changed array loads does not. */
static void
test_frame_bytes_flipped (gconstpointer data)
{
  Container container = GPOINTER_TO_INT (data);
  g_autofree char *not_a_frame = g_strdup_printf ("%s: chunk 0 (%" G_GUINT64_FORMAT " stored bytes) "
                                                  "is not a zstd frame of its 1048576 bytes: ",
                                                  FX->path, FX->chunks[0]);
  g_autofree char *mismatch = g_strdup_printf ("%s: the %" G_GUINT64_FORMAT " bytes decompressed "
                                               "from payload offset %" G_GUINT64_FORMAT " hash to "
                                               "xxh3-64:", FX->path, FX->nbytes, FX->offset);
  g_autofree char *says = g_strdup_printf (", the document says %s", FX->checksum);
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  guint n_zstd = 0, n_checksum = 0, n_same = 0;

  mp_save_options_set_compress (options, 3);

  /* Past the frame header (magic, descriptor, content size). */
  for (guint64 at = 16; at < FX->chunks[0]; at += 499)
    {
      g_autoptr(MpEstimator) estimator = NULL;
      g_autoptr(GError) error = NULL;
      Edit e = { container, NULL, NULL, 0, FALSE, -1, NULL, NULL };

      e.json = g_string_new (container == CONTAINER_MEMORY || container == CONTAINER_STREAM ?
                             saved.stream_json : saved.bundle_json);
      e.payload = g_byte_array_new ();
      g_byte_array_append (e.payload, g_bytes_get_data (saved.payload, NULL),
                           (guint) g_bytes_get_size (saved.payload));
      flip (&e, FX->offset + at);
      estimator = load (&e, &error);

      if (estimator != NULL)
        {
          g_autoptr(GBytes) again = mp_dumps_full (estimator, options, NULL, &error);

          g_assert_no_error (error);
          g_assert_true (g_bytes_equal (again, saved.stream));
          n_same++;
        }
      else if (g_error_matches (error, MP_ERROR, MP_ERROR_INVALID_ARRAY))
        {
          g_assert_true (g_str_has_prefix (error->message, not_a_frame));
          g_assert_cmpuint (strlen (error->message), >, strlen (not_a_frame));
          n_zstd++;
        }
      else
        {
          g_assert_error (error, MP_ERROR, MP_ERROR_CHECKSUM_MISMATCH);
          g_assert_true (g_str_has_prefix (error->message, mismatch));
          g_assert_true (g_str_has_suffix (error->message, says));
          g_assert_cmpuint (strlen (error->message), ==, strlen (mismatch) + 16 + strlen (says));
          n_checksum++;
        }
      g_string_free (e.json, TRUE);
      g_byte_array_unref (e.payload);
    }
  g_test_message ("%u flips refused by zstd, %u by the checksum, %u changed nothing", n_zstd,
                  n_checksum, n_same);
  g_assert_cmpuint (n_zstd, >, 0);
}

static const Case cases[] = {
  { "intact", case_intact },
  { "compression-not-an-object", case_not_an_object },
  { "unknown-member", case_unknown_member },
  { "unknown-member-in-1.2", case_unknown_member_1_2 },
  { "unknown-member-in-1.9", case_unknown_member_1_9 },
  { "codec-lz4", case_codec_lz4 },
  { "codec-number", case_codec_number },
  { "codec-missing", case_codec_missing },
  { "empty-array", case_empty_array },
  { "chunk-nbytes-not-a-power-of-two", case_chunk_nbytes_not_power_of_two },
  { "chunk-nbytes-too-small", case_chunk_nbytes_too_small },
  { "chunk-nbytes-zero", case_chunk_nbytes_zero },
  { "chunk-nbytes-too-big", case_chunk_nbytes_too_big },
  { "chunk-nbytes-string", case_chunk_nbytes_string },
  { "chunk-nbytes-double", case_chunk_nbytes_double },
  { "chunks-too-few", case_chunks_too_few },
  { "chunks-for-another-chunk-nbytes", case_chunks_for_other_chunk_nbytes },
  { "chunks-not-a-list", case_chunks_not_a_list },
  { "chunks-not-integers", case_chunks_not_integers },
  { "chunk-zero", case_chunk_zero },
  { "chunk-negative", case_chunk_negative },
  { "chunk-above-bound", case_chunk_above_bound },
  { "chunk-above-bound-str-array", case_chunk_above_bound_small_array },
  { "list-in-chunks", case_list_in_chunks },
  { "object-in-chunks", case_object_in_chunks },
  { "compression-a-list", case_compression_a_list },
  { "object-in-compression", case_object_in_compression },
  { "list-in-compression", case_list_in_compression },
  { "frame-magic", case_frame_magic },
  { "frame-magic-no-checksums", case_frame_magic_no_checksums },
  { "frame-magic-str-array", case_frame_magic_str_array },
  { "frame-reserved-bit", case_frame_reserved_bit },
  { "frame-cut", case_frame_cut },
  { "frame-shorter-than-chunk", case_frame_shorter_than_chunk },
  { "frame-longer-than-chunk", case_frame_longer_than_chunk },
  { "frames-swapped", case_frames_swapped },
  { "checksum", case_checksum },
  { "checksum-str-array", case_checksum_str_array },
  { "checksum-not-verified", case_checksum_no_checksums },
  { "bomb", case_bomb },
  { "bomb-sum", case_bomb_sum },
  { "bomb-claim", case_bomb_claim },
  { "overlap", case_overlap },
  { "overlap-by-chunk-length", case_overlap_by_chunk_length },
  { "past-the-end", case_past_the_end },
  { "offset-past-the-end", case_offset_past_the_end },
  { "truncated-mid-chunk", case_truncated },
  { "truncated-mid-chunk-consistent", case_truncated_consistent },
};

int
main (int   argc,
      char *argv[])
{
  g_autofree Run *runs = g_new (Run, G_N_ELEMENTS (cases) * N_CONTAINERS);
  int status;

  g_test_init (&argc, &argv, NULL);
  save_model ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint c = 0; c < N_CONTAINERS; c++)
      {
        Run *run = &runs[i * N_CONTAINERS + c];
        g_autofree char *path = g_strdup_printf ("/persist/compressed-hostile/%s/%s",
                                                 container_names[c], cases[i].name);

        run->c = &cases[i];
        run->container = c;
        g_test_add_data_func (path, run, run_case);
      }
  for (guint c = 0; c < N_CONTAINERS; c++)
    {
      g_autofree char *path = g_strdup_printf ("/persist/compressed-hostile/%s/frame-bytes-flipped",
                                               container_names[c]);

      g_test_add_data_func (path, GINT_TO_POINTER (c), test_frame_bytes_flipped);
    }

  status = g_test_run ();

  g_bytes_unref (saved.stream);
  g_free (saved.stream_json);
  g_free (saved.bundle_json);
  g_free (saved.sidecar_name);
  g_bytes_unref (saved.payload);
  for (guint i = 0; i < N_ARRAYS; i++)
    {
      g_free (saved.arrays[i].path);
      g_free (saved.arrays[i].checksum);
    }
  return status;
}
