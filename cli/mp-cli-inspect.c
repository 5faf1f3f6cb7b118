/* mp-cli-inspect.c: `modelpersist inspect`, what a model file holds,
 * for people and (with --json) for programs
 *
 * The types a file names are listed before anything is instantiated; the
 * estimator tree is shown only when every type is trusted, and then from
 * the loaded (fully checked) estimator.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mp-cli.h"

/* Lists longer than this (a forest's trees) are summarised, not walked. */
#define MAX_LISTED_CHILDREN 8

static void
add_value_json (JsonBuilder  *builder,
                const GValue *value)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN: json_builder_add_boolean_value (builder, g_value_get_boolean (value)); break;
    case G_TYPE_INT:     json_builder_add_int_value (builder, g_value_get_int (value)); break;
    case G_TYPE_UINT:    json_builder_add_int_value (builder, g_value_get_uint (value)); break;
    case G_TYPE_INT64:   json_builder_add_int_value (builder, g_value_get_int64 (value)); break;
    case G_TYPE_DOUBLE:  json_builder_add_double_value (builder, g_value_get_double (value)); break;
    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, g_value_get_string (value));
      break;
    default:
      {
        g_autofree char *text = g_strdup_value_contents (value);
        json_builder_add_string_value (builder, text);
      }
    }
}

static char *
value_text (const GValue *value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN: return g_strdup (g_value_get_boolean (value) ? "true" : "false");
    case G_TYPE_INT:     return g_strdup_printf ("%d", g_value_get_int (value));
    case G_TYPE_UINT:    return g_strdup_printf ("%u", g_value_get_uint (value));
    case G_TYPE_INT64:   return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
    case G_TYPE_DOUBLE:  return g_strdup (mp_cli_format_double (number, g_value_get_double (value)));
    case G_TYPE_STRING:  return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "None");
    default:             return g_strdup_value_contents (value);
    }
}

static char *
shape_text (MpArray *array)
{
  guint n_dims = 0;
  const gsize *shape = mp_array_get_shape (array, &n_dims);
  GString *out = g_string_new ("(");

  for (guint i = 0; i < n_dims; i++)
    g_string_append_printf (out, "%s%" G_GSIZE_FORMAT, i > 0 ? ", " : "", shape[i]);
  if (n_dims == 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static gboolean
is_child_type (GType type)
{
  return g_type_is_a (type, MP_TYPE_ESTIMATOR) || g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST);
}

/* ---- how the arrays are stored ------------------------------------------- */

/* The loaded estimator says what the arrays are; only the document says how
 * they are stored. It is read again here, after the loader accepted the
 * file, with the loader's bounds (a changed or hostile file only loses the
 * "stored" columns, it is never trusted further than json-glib's parser). */
#define MAX_DOCUMENT_BYTES (64 * 1024 * 1024)
#define MAX_DOCUMENT_DEPTH 64

static const guint8 stream_magic[8] = { 0x89, 'M', 'P', 'E', 'R', 'S', 'I', '\n' };

/* json-glib recurses without bound (DESIGN.md): refuse deep text first. */
static gboolean
depth_is_bounded (const char *text,
                  gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > MAX_DOCUMENT_DEPTH)
        return FALSE;
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* The document of the bundle or single stream at @file, or NULL. */
static JsonNode *
read_document (GFile *file)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = NULL;
  guint8 header[64];
  gsize got = 0, length;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &got, NULL, NULL))
    return NULL;

  if (got == sizeof header && memcmp (header, stream_magic, sizeof stream_magic) == 0)
    {
      guint64 json_length = 0;

      for (guint i = 0; i < 8; i++)
        json_length |= (guint64) header[16 + i] << (8 * i);
      if (json_length == 0 || json_length > MAX_DOCUMENT_BYTES)
        return NULL;
      length = (gsize) json_length;
      text = g_malloc (length);
      if (!g_input_stream_read_all (G_INPUT_STREAM (in), text, length, &got, NULL, NULL) || got != length)
        return NULL;
    }
  else
    {
      /* A bundle's JSON: the whole file. */
      g_autoptr(GByteArray) all = g_byte_array_new ();
      guint8 buffer[65536];
      gssize n;

      g_byte_array_append (all, header, (guint) got);
      while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, NULL)) > 0)
        {
          if (all->len + (gsize) n > MAX_DOCUMENT_BYTES)
            return NULL;
          g_byte_array_append (all, buffer, (guint) n);
        }
      if (n < 0)
        return NULL;
      length = all->len;
      text = (char *) g_byte_array_free (g_steal_pointer (&all), FALSE);
    }

  if (!depth_is_bounded (text, length) || !json_parser_load_from_data (parser, text, (gssize) length, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

/* The member @name of @node if both are objects, else NULL. */
static JsonNode *
object_member (JsonNode   *node,
               const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

/* The estimator object at @node: itself, or a named entry's "estimator". */
static JsonNode *
entry_estimator (JsonNode *node)
{
  if (object_member (node, "type") != NULL)
    return node;
  return object_member (node, "estimator");
}

typedef struct {
  guint64 n_bytes;        /* the arrays' own bytes */
  guint64 stored;         /* what they take in the payload */
  guint   n_compressed;
} Totals;

typedef struct {
  guint64 stored;         /* bytes in the payload */
  guint64 chunk_nbytes;
  guint   n_chunks;
} Stored;

/* Fills @stored from the array descriptor @descriptor when it has a
 * well-formed "compression" record (the loader checked it). */
static gboolean
compression_of (JsonNode *descriptor,
                Stored   *stored)
{
  JsonNode *record = object_member (descriptor, "compression");
  JsonNode *chunks = object_member (record, "chunks");
  JsonNode *chunk_nbytes = object_member (record, "chunk_nbytes");
  JsonArray *list;

  if (chunks == NULL || !JSON_NODE_HOLDS_ARRAY (chunks) ||
      chunk_nbytes == NULL || !JSON_NODE_HOLDS_VALUE (chunk_nbytes))
    return FALSE;
  list = json_node_get_array (chunks);
  *stored = (Stored) { .chunk_nbytes = (guint64) json_node_get_int (chunk_nbytes),
                       .n_chunks = json_array_get_length (list) };
  for (guint i = 0; i < stored->n_chunks; i++)
    stored->stored += (guint64) json_array_get_int_element (list, i);
  return TRUE;
}

static void
count_array (Totals   *totals,
             MpArray  *array,
             gboolean  compressed,
             Stored   *stored)
{
  totals->n_bytes += mp_array_get_n_bytes (array);
  totals->stored += compressed ? stored->stored : mp_array_get_n_bytes (array);
  totals->n_compressed += compressed ? 1 : 0;
}

/* ---- the tree, as text ---------------------------------------------------- */

static void print_estimator (MpEstimator *estimator, JsonNode *document, const char *name,
                             guint depth, Totals *totals);

/* @document is the JSON value of the property (NULL when unknown). */
static void
print_children (GObject    *object,
                GParamSpec *pspec,
                JsonNode   *document,
                guint       depth,
                Totals     *totals)
{
  const char *name = mp_param_spec_get_display_name (pspec);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (g_value_get_object (&value) == NULL)
    return;

  if (MP_IS_ESTIMATOR (g_value_get_object (&value)))
    {
      print_estimator (g_value_get_object (&value), document, name, depth, totals);
      return;
    }

  {
    MpEstimatorList *list = g_value_get_object (&value);
    guint n = mp_estimator_list_get_n_items (list);
    JsonArray *entries = NULL;

    /* The document's list, when it has one entry per item. */
    if (document != NULL && JSON_NODE_HOLDS_ARRAY (document) &&
        json_array_get_length (json_node_get_array (document)) == n)
      entries = json_node_get_array (document);
#define ENTRY(i) (entries != NULL ? entry_estimator (json_array_get_element (entries, (i))) : NULL)

    if (depth == G_MAXUINT)
      {
        for (guint i = 0; i < n; i++)
          if (mp_estimator_list_get_estimator (list, i) != NULL)
            print_estimator (mp_estimator_list_get_estimator (list, i), ENTRY (i), NULL, G_MAXUINT, totals);
        return;
      }
    printf ("%*s%s: %u item%s\n", depth * 2, "", name, n, n == 1 ? "" : "s");
    for (guint i = 0; i < n; i++)
      {
        MpEstimator *child = mp_estimator_list_get_estimator (list, i);
        const char *child_name = mp_estimator_list_get_name (list, i);
        g_autofree char *label = child_name != NULL ? g_strdup (child_name) : g_strdup_printf ("[%u]", i);

        if (i == MAX_LISTED_CHILDREN)
          {
            printf ("%*s... %u more like the above\n", (depth + 1) * 2, "", n - i);
            /* Their arrays still count towards the total. */
            for (; i < n; i++)
              if (mp_estimator_list_get_estimator (list, i) != NULL)
                print_estimator (mp_estimator_list_get_estimator (list, i), ENTRY (i), NULL, G_MAXUINT, totals);
            break;
          }
        if (child == NULL)
          printf ("%*s%s: \"%s\"\n", (depth + 1) * 2, "", label, mp_estimator_list_get_word (list, i));
        else
          print_estimator (child, ENTRY (i), label, depth + 1, totals);
      }
#undef ENTRY
  }
}

/* depth G_MAXUINT: count the arrays without printing. */
static void
print_estimator (MpEstimator *estimator,
                 JsonNode    *document,
                 const char  *name,
                 guint        depth,
                 Totals      *totals)
{
  JsonNode *doc_params = object_member (document, "params");
  JsonNode *state = object_member (document, "state");
  GObject *object = G_OBJECT (estimator);
  gboolean quiet = depth == G_MAXUINT;
  g_autofree GParamSpec **hyper = NULL, **fitted = NULL;
  guint n_hyper = 0, n_fitted = 0;
  GString *params = g_string_new (NULL);

  hyper = mp_estimator_list_properties (estimator, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_hyper);
  fitted = mp_estimator_list_properties (estimator, MP_PROPERTY_ROLE_FITTED, &n_fitted);

  for (guint i = 0; i < n_hyper; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      if (is_child_type (hyper[i]->value_type))
        continue;
      g_value_init (&value, hyper[i]->value_type);
      g_object_get_property (object, hyper[i]->name, &value);
      text = value_text (&value);
      g_string_append_printf (params, "%s%s=%s", params->len > 0 ? " " : "",
                              mp_param_spec_get_display_name (hyper[i]), text);
    }

  if (!quiet)
    {
      printf ("%*s%s%s%s%s\n", depth * 2, "", name != NULL ? name : "", name != NULL ? ": " : "",
              mp_estimator_get_display_name (estimator),
              mp_estimator_is_fitted (estimator) ? "" : " (not fitted)");
      if (params->len > 0)
        printf ("%*s  hyperparameters: %s\n", depth * 2, "", params->str);
    }
  g_string_free (params, TRUE);

  for (guint i = 0; i < n_fitted; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean compressed;
      Stored stored;
      MpArray *array;

      if (fitted[i]->value_type != MP_TYPE_ARRAY)
        continue;
      g_value_init (&value, MP_TYPE_ARRAY);
      g_object_get_property (object, fitted[i]->name, &value);
      array = g_value_get_boxed (&value);
      if (array == NULL)
        continue;
      compressed = compression_of (object_member (state, mp_param_spec_get_display_name (fitted[i])), &stored);
      count_array (totals, array, compressed, &stored);
      if (!quiet)
        {
          g_autofree char *shape = shape_text (array);
          g_autofree char *size = g_format_size (mp_array_get_n_bytes (array));
          g_autofree char *stored_size = compressed ? g_format_size (stored.stored) : NULL;

          printf ("%*s  %-24s %-8s %-14s %s", depth * 2, "", mp_param_spec_get_display_name (fitted[i]),
                  mp_dtype_to_string (mp_array_get_dtype (array)), shape, size);
          if (compressed)
            printf (", zstd %s (%.2fx)", stored_size,
                    (double) mp_array_get_n_bytes (array) / (double) stored.stored);
          printf ("\n");
        }
    }

  for (guint i = 0; i < n_hyper; i++)
    if (is_child_type (hyper[i]->value_type))
      print_children (object, hyper[i], object_member (doc_params, mp_param_spec_get_display_name (hyper[i])),
                      quiet ? depth : depth + 1, totals);
  for (guint i = 0; i < n_fitted; i++)
    if (is_child_type (fitted[i]->value_type))
      print_children (object, fitted[i], object_member (state, mp_param_spec_get_display_name (fitted[i])),
                      quiet ? depth : depth + 1, totals);
}

/* ---- the tree, as JSON ---------------------------------------------------- */

static void build_estimator (JsonBuilder *builder, MpEstimator *estimator, JsonNode *document);

static void
build_children (JsonBuilder *builder,
                GObject     *object,
                GParamSpec  *pspec,
                JsonNode    *document)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GObject *child;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  child = g_value_get_object (&value);

  json_builder_set_member_name (builder, mp_param_spec_get_display_name (pspec));
  if (child == NULL)
    json_builder_add_null_value (builder);
  else if (MP_IS_ESTIMATOR (child))
    build_estimator (builder, MP_ESTIMATOR (child), document);
  else
    {
      MpEstimatorList *list = MP_ESTIMATOR_LIST (child);
      JsonArray *entries = NULL;

      if (document != NULL && JSON_NODE_HOLDS_ARRAY (document) &&
          json_array_get_length (json_node_get_array (document)) == mp_estimator_list_get_n_items (list))
        entries = json_node_get_array (document);

      json_builder_begin_array (builder);
      for (guint i = 0; i < mp_estimator_list_get_n_items (list); i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          if (mp_estimator_list_get_name (list, i) != NULL)
            json_builder_add_string_value (builder, mp_estimator_list_get_name (list, i));
          else
            json_builder_add_null_value (builder);
          if (mp_estimator_list_get_estimator (list, i) != NULL)
            {
              json_builder_set_member_name (builder, "estimator");
              build_estimator (builder, mp_estimator_list_get_estimator (list, i),
                               entries != NULL ? entry_estimator (json_array_get_element (entries, i)) : NULL);
            }
          else
            {
              json_builder_set_member_name (builder, "word");
              json_builder_add_string_value (builder, mp_estimator_list_get_word (list, i));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
}

static void
build_estimator (JsonBuilder *builder,
                 MpEstimator *estimator,
                 JsonNode    *document)
{
  JsonNode *params = object_member (document, "params");
  JsonNode *state = object_member (document, "state");
  GObject *object = G_OBJECT (estimator);
  g_autofree GParamSpec **hyper = NULL, **fitted = NULL;
  guint n_hyper = 0, n_fitted = 0;

  hyper = mp_estimator_list_properties (estimator, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_hyper);
  fitted = mp_estimator_list_properties (estimator, MP_PROPERTY_ROLE_FITTED, &n_fitted);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, G_OBJECT_TYPE_NAME (estimator));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mp_estimator_get_display_name (estimator));
  json_builder_set_member_name (builder, "fitted");
  json_builder_add_boolean_value (builder, mp_estimator_is_fitted (estimator));

  json_builder_set_member_name (builder, "hyperparameters");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_hyper; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (is_child_type (hyper[i]->value_type))
        continue;
      g_value_init (&value, hyper[i]->value_type);
      g_object_get_property (object, hyper[i]->name, &value);
      json_builder_set_member_name (builder, mp_param_spec_get_display_name (hyper[i]));
      add_value_json (builder, &value);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "arrays");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_fitted; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      MpArray *array;
      guint n_dims = 0;
      const gsize *shape;
      Stored stored;

      if (fitted[i]->value_type != MP_TYPE_ARRAY)
        continue;
      g_value_init (&value, MP_TYPE_ARRAY);
      g_object_get_property (object, fitted[i]->name, &value);
      if ((array = g_value_get_boxed (&value)) == NULL)
        continue;
      shape = mp_array_get_shape (array, &n_dims);
      json_builder_set_member_name (builder, mp_param_spec_get_display_name (fitted[i]));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dtype");
      json_builder_add_string_value (builder, mp_dtype_to_string (mp_array_get_dtype (array)));
      json_builder_set_member_name (builder, "shape");
      json_builder_begin_array (builder);
      for (guint d = 0; d < n_dims; d++)
        json_builder_add_int_value (builder, (gint64) shape[d]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "nbytes");
      json_builder_add_int_value (builder, (gint64) mp_array_get_n_bytes (array));
      /* Only compressed arrays have the member, as in the file. */
      if (compression_of (object_member (state, mp_param_spec_get_display_name (fitted[i])), &stored))
        {
          json_builder_set_member_name (builder, "compression");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "codec");
          json_builder_add_string_value (builder, "zstd");
          json_builder_set_member_name (builder, "chunk_nbytes");
          json_builder_add_int_value (builder, (gint64) stored.chunk_nbytes);
          json_builder_set_member_name (builder, "n_chunks");
          json_builder_add_int_value (builder, stored.n_chunks);
          json_builder_set_member_name (builder, "stored_nbytes");
          json_builder_add_int_value (builder, (gint64) stored.stored);
          json_builder_set_member_name (builder, "ratio");
          json_builder_add_double_value (builder, (double) mp_array_get_n_bytes (array) / (double) stored.stored);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "children");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_hyper; i++)
    if (is_child_type (hyper[i]->value_type))
      build_children (builder, object, hyper[i], object_member (params, mp_param_spec_get_display_name (hyper[i])));
  for (guint i = 0; i < n_fitted; i++)
    if (is_child_type (fitted[i]->value_type))
      build_children (builder, object, fitted[i], object_member (state, mp_param_spec_get_display_name (fitted[i])));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* ---- the rest of the file ------------------------------------------------- */

static void
print_metadata (MpLoadReport *report)
{
  g_autoptr(MpModelInfo) info = mp_load_report_get_model_info (report);
  g_auto(GStrv) producer = mp_load_report_list_producer_fields (report);
  g_auto(GStrv) annotations = NULL;

  printf ("format %s, written by", mp_load_report_get_format_version (report));
  for (guint i = 0; producer != NULL && producer[i] != NULL; i++)
    printf ("%s %s=%s", i > 0 ? "," : "", producer[i], mp_load_report_get_producer_field (report, producer[i]));
  printf ("\n");
  for (const char * const *w = mp_load_report_get_warnings (report); w != NULL && *w != NULL; w++)
    printf ("warning: %s\n", *w);

  if (info == NULL || mp_model_info_is_empty (info))
    {
      printf ("metadata: none\n");
      return;
    }
  printf ("metadata:\n");
  if (mp_model_info_get_program (info) != NULL)
    printf ("  program: %s\n", mp_model_info_get_program (info));
  if (mp_model_info_get_vcs_revision (info) != NULL)
    printf ("  revision: %s\n", mp_model_info_get_vcs_revision (info));
  if (mp_model_info_get_source_name (info) != NULL)
    printf ("  source: %s (sha256 %s)\n", mp_model_info_get_source_name (info),
            mp_model_info_get_source_sha256 (info));
  if (mp_model_info_has_training_data (info))
    printf ("  training data: X %s, y %s%s%s\n", mp_model_info_get_x_checksum (info),
            mp_model_info_get_y_checksum (info) != NULL ? mp_model_info_get_y_checksum (info) : "none",
            mp_model_info_get_snapshot_uri (info) != NULL ? ", snapshot " : "",
            mp_model_info_get_snapshot_uri (info) != NULL ? mp_model_info_get_snapshot_uri (info) : "");
  if (mp_model_info_has_cross_validation (info))
    {
      g_autofree char *splitter = mp_model_info_dup_splitter_string (info);
      printf ("  cross-validation: %s, %s %.4f +/- %.4f\n", splitter,
              mp_model_info_get_scoring (info) != NULL ? mp_model_info_get_scoring (info) : "score",
              mp_model_info_get_cv_mean (info), mp_model_info_get_cv_std (info));
    }
  annotations = mp_model_info_list_annotations (info);
  for (guint i = 0; annotations != NULL && annotations[i] != NULL; i++)
    printf ("  %s: %s\n", annotations[i], mp_model_info_get_annotation (info, annotations[i]));
}

static int
print_json (const char    *path,
            char         **types,
            char         **untrusted,
            MpEstimator   *estimator,
            JsonNode      *document,
            MpLoadReport  *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  for (guint i = 0; types[i] != NULL; i++)
    json_builder_add_string_value (builder, types[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "untrusted");
  json_builder_begin_array (builder);
  for (guint i = 0; untrusted != NULL && untrusted[i] != NULL; i++)
    json_builder_add_string_value (builder, untrusted[i]);
  json_builder_end_array (builder);

  if (estimator != NULL)
    {
      g_auto(GStrv) producer = mp_load_report_list_producer_fields (report);
      g_autofree char *metadata = mp_load_report_get_metadata_json (report);

      json_builder_set_member_name (builder, "format_version");
      json_builder_add_string_value (builder, mp_load_report_get_format_version (report));
      json_builder_set_member_name (builder, "producer");
      json_builder_begin_object (builder);
      for (guint i = 0; producer != NULL && producer[i] != NULL; i++)
        {
          json_builder_set_member_name (builder, producer[i]);
          json_builder_add_string_value (builder, mp_load_report_get_producer_field (report, producer[i]));
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (const char * const *w = mp_load_report_get_warnings (report); w != NULL && *w != NULL; w++)
        json_builder_add_string_value (builder, *w);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "metadata");
      if (metadata != NULL)
        json_builder_add_value (builder, json_from_string (metadata, NULL));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "estimator");
      build_estimator (builder, estimator, object_member (document, "estimator"));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  return estimator != NULL ? MP_CLI_EXIT_OK : MP_CLI_EXIT_REFUSED;
}

int
mp_cli_inspect (MpCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print one JSON object instead of text", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE - show what a model file holds");
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL, untrusted = NULL;
  g_autoptr(JsonNode) document = NULL;
  Totals totals = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!mp_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "inspect: give one model file (see --help)");

  /* Only the JSON is read here, and nothing is instantiated. */
  file = g_file_new_for_commandline_arg (argv[1]);
  types = mp_inspect_file_types (file, &untrusted, &error);
  if (types == NULL)
    return mp_cli_fail_load (argv[1], error);

  if (untrusted == NULL || untrusted[0] == NULL)
    {
      estimator = mp_cli_load_model (cli, argv[1], NULL, report, &error);
      if (estimator == NULL)
        return mp_cli_fail_load (argv[1], error);
      document = read_document (file);
    }

  if (as_json)
    return print_json (argv[1], types, untrusted, estimator, document, report);

  printf ("%s\n", argv[1]);
  if (estimator == NULL)
    {
      g_autofree char *all = g_strjoinv (", ", types);
      g_autofree char *refused = g_strjoinv (", ", untrusted);

      printf ("types: %s\n", all);
      return mp_cli_fail (MP_CLI_EXIT_REFUSED, "%s: not loaded: it names types that are not trusted: %s",
                          argv[1], refused);
    }
  print_metadata (report);
  print_estimator (estimator, object_member (document, "estimator"), NULL, 0, &totals);
  {
    g_autofree char *size = g_format_size (totals.n_bytes);
    g_autofree char *stored = g_format_size (totals.stored);

    if (totals.n_compressed > 0)
      printf ("arrays: %s in all, stored in %s (%u compressed with zstd)\n", size, stored, totals.n_compressed);
    else
      printf ("arrays: %s in all\n", size);
  }
  return MP_CLI_EXIT_OK;
}
