/* make-seeds.c: writes the fuzzers' seed corpora and dictionary from real
 * models, so nothing large is committed and new estimators are covered as
 * soon as they are built in
 *
 *   make-seeds OUTDIR BASE.dict
 *
 * For every built-in estimator type, unfitted and fitted on iris, wine,
 * a two-class subset of iris and iris labelled with its class names (str
 * arrays in the payload) with its default hyperparameters and
 * every variant its declarations give (mp-variants-private.h), it writes
 *   OUTDIR/loads/NAME     the mp_dumps() bytes              (fuzz-loads)
 *   OUTDIR/predict/NAME   the JSON, separator, payload      (fuzz-predict)
 *   OUTDIR/bundle/NAME    the bundle's JSON, separator, sidecar (fuzz-bundle)
 * The same three again, named NAME-zstd, saved with compression (format
 * 1.3) when that compresses any of the model's arrays, and a few models
 * made to compress (compressed-*: arrays of one and of several chunks,
 * str arrays, one of 5 MiB, which the loader decompresses on several
 * threads), so that the fuzzers reach the decompression.
 * And OUTDIR/modelpersist.dict: BASE.dict plus every member name and
 * short string value found in those documents (type names, property
 * names, enum nicks, dtypes, the compression record's members).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "mp-builtin-types-private.h"
#include "mp-children-private.h"
#include "mp-variants-private.h"


static GHashTable *dict_words;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("make-seeds: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
collect_words (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_hash_table_add (dict_words, g_strdup (l->data));
          collect_words (json_object_get_member (object, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_words (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      if (strlen (s) <= 32 && !g_str_has_prefix (s, "xxh3-64:"))
        g_hash_table_add (dict_words, g_strdup (s));
    }
}

static void
write_parts (const char   *path,
             const char   *json,
             gsize         json_length,
             const guint8 *rest,
             gsize         rest_length)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_byte_array_append (out, (const guint8 *) json, (guint) json_length);
  if (rest_length > 0)
    {
      g_byte_array_append (out, (const guint8 *) FUZZ_SEPARATOR, FUZZ_SEPARATOR_LEN);
      g_byte_array_append (out, rest, (guint) rest_length);
    }
  if (!g_file_set_contents (path, (const char *) out->data, out->len, &error))
    die (path, error);
}

/* Writes the three seeds of @estimator saved with @options; FALSE (and
 * nothing written) when @only_compressed and the save compressed none
 * of its arrays. */
static gboolean
write_seeds_full (MpEstimator   *estimator,
                  MpSaveOptions *options,
                  gboolean       only_compressed,
                  const char    *outdir,
                  const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mp_dumps_full (estimator, options, NULL, &error);
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sidecar = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const guint8 *data;
  gsize size, json_length, sidecar_length = 0, json_text_length;
  guint64 v;

  if (bytes == NULL)
    die (name, error);
  data = g_bytes_get_data (bytes, &size);

  /* The stream's JSON and payload, from its header. */
  memcpy (&v, data + 16, 8);
  json_length = (gsize) GUINT64_FROM_LE (v);
  if (only_compressed &&
      g_strstr_len ((const char *) data + 64, (gssize) json_length, "\"compression\": {") == NULL)
    return FALSE;

  path = g_build_filename (outdir, "loads", name, NULL);
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    die (path, error);

  memcpy (&v, data + 24, 8);
  g_free (path);
  path = g_build_filename (outdir, "predict", name, NULL);
  write_parts (path, (const char *) data + 64, json_length,
               data + GUINT64_FROM_LE (v), size - GUINT64_FROM_LE (v));

  if (!json_parser_load_from_data (parser, (const char *) data + 64, (gssize) json_length, &error))
    die (name, error);
  collect_words (json_parser_get_root (parser));

  /* The bundle, through a real mp_dump(). */
  tmp = g_dir_make_tmp ("mp-seeds-XXXXXX", &error);
  if (tmp == NULL)
    die ("temporary directory", error);
  json_path = g_build_filename (tmp, "model.json", NULL);
  if (!mp_dump_full (estimator, json_path, options, NULL, NULL, &error))
    die (name, error);
  if (!g_file_get_contents (json_path, &json, &json_text_length, &error))
    die (json_path, error);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
    const char *entry;

    while ((entry = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmp, entry, NULL);
        if (g_str_has_suffix (entry, ".bin") &&
            !g_file_get_contents (p, &sidecar, &sidecar_length, &error))
          die (p, error);
        g_unlink (p);
      }
  }
  g_rmdir (tmp);
  g_free (path);
  path = g_build_filename (outdir, "bundle", name, NULL);
  write_parts (path, json, json_text_length, (const guint8 *) sidecar, sidecar_length);
  return TRUE;
}

/* @estimator's seeds as mp_dumps() writes them, then compressed when
 * that changes anything; returns how many models were written. */
static guint
write_seeds (MpEstimator *estimator,
             const char  *outdir,
             const char  *name)
{
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  g_autofree char *compressed = g_strconcat (name, "-zstd", NULL);

  write_seeds_full (estimator, NULL, FALSE, outdir, name);
  mp_save_options_set_compress (options, 3);
  return 1 + write_seeds_full (estimator, options, TRUE, outdir, compressed);
}

/* A k-neighbours classifier remembering @n_rows rows of two features,
 * (i % @period, 0.5), labelled with @n_labels strings: its _fit_X has
 * 16 @n_rows bytes (1 MiB chunks: 65536 rows each), its _y 4 @n_rows,
 * its classes_ @n_labels strings, and all of them compress. */
static MpEstimator *
compressible_model (gsize n_rows,
                    guint period,
                    guint n_labels)
{
  g_autoptr(MpEstimator) estimator = mp_k_neighbors_classifier_new ();
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *values = g_new (double, 2 * n_rows);
  g_autofree const char **labels = g_new (const char *, n_rows);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gsize shape[2] = { n_rows, 2 };

  for (guint k = 0; k < n_labels; k++)
    g_ptr_array_add (names, g_strdup_printf ("compressible-label-%03u", k));
  for (gsize i = 0; i < n_rows; i++)
    {
      values[2 * i] = (double) (i % period);
      values[2 * i + 1] = 0.5;
      labels[i] = g_ptr_array_index (names, i % n_labels);
    }
  x = mp_array_new_from_data (MP_DTYPE_FLOAT64, shape, 2, values, sizeof (double) * 2 * n_rows, &error);
  if (x == NULL)
    die ("compressible x", error);
  y = mp_array_new_strings (labels, n_rows, shape, 1, &error);
  if (y == NULL)
    die ("compressible y", error);
  if (!mp_estimator_fit (estimator, x, y, &error))
    die ("compressible model", error);
  return g_steal_pointer (&estimator);
}

/* Models made to compress, saved compressed only. */
static guint
write_compressed_seeds (const char *outdir)
{
  static const struct {
    const char *name;
    gsize       n_rows;
    guint       period;
    guint       n_labels;
  } models[] = {
    { "compressed-one-chunk", 4096, 3, 2 },          /* every array below one chunk */
    { "compressed-three-chunks", 163840, 2, 40 },   /* _fit_X: 1 MiB, 1 MiB, 0.5 MiB */
    { "compressed-exact-chunk", 65536, 5, 24 },     /* _fit_X: exactly one chunk */
    { "compressed-five-chunks", 327680, 2, 3 },     /* _fit_X: 5 MiB, decompressed on threads */
  };
  g_autoptr(MpSaveOptions) options = mp_save_options_new ();
  guint n = 0;

  mp_save_options_set_compress (options, 3);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(MpEstimator) estimator = compressible_model (models[i].n_rows, models[i].period,
                                                             models[i].n_labels);

      if (!write_seeds_full (estimator, options, TRUE, outdir, models[i].name))
        die (models[i].name, NULL);
      n++;
    }
  return n;
}

static MpArray *
slice_rows (MpArray *array,
            gsize    n_rows)
{
  gsize shape[2];
  guint n_dims = mp_array_get_n_dims (array);
  gsize row = mp_array_get_n_bytes (array) / mp_array_get_dim (array, 0);
  gconstpointer data = mp_array_get_data (array, NULL);

  shape[0] = n_rows;
  if (n_dims == 2)
    shape[1] = mp_array_get_dim (array, 1);
  return mp_array_new_from_data (mp_array_get_dtype (array), shape, n_dims, data, n_rows * row, NULL);
}

/* @names[k] for each label k of @y */
static MpArray *
names_of (MpArray            *y,
          const char * const *names)
{
  gsize n = mp_array_get_n_elements (y);
  g_autofree const char **values = g_new (const char *, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    values[i] = names[(gsize) mp_array_get_double (y, i)];
  return mp_array_new_strings (values, n, &n, 1, NULL);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

typedef struct {
  const char *name;
  MpArray    *x;
  MpArray    *y;
} Data;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = NULL;
  g_autoptr(MpDataset) wine = NULL;
  g_autofree char *base_dict = NULL;
  g_autoptr(GString) dict = NULL;
  g_autoptr(GPtrArray) words = NULL;
  const GType *types;
  guint n_types, n_written = 0;
  g_autoptr(MpArray) iris_names = NULL;
  Data data[4];

  if (argc != 3)
    {
      g_printerr ("usage: make-seeds OUTDIR BASE.dict\n");
      return 2;
    }
  dict_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (const char *const *sub = (const char *const[]) { "loads", "predict", "bundle", NULL }; *sub; sub++)
    {
      g_autofree char *d = g_build_filename (argv[1], *sub, NULL);
      g_mkdir_with_parents (d, 0755);
    }

  iris = mp_load_iris (&error);
  if (iris == NULL)
    die ("iris", error);
  wine = mp_load_wine (&error);
  if (wine == NULL)
    die ("wine", error);
  data[0] = (Data) { "iris", mp_dataset_get_data (iris), mp_dataset_get_target (iris) };
  /* wine standardised: on its raw features a linear-kernel SVR takes 30 s
   * to converge (as in libsvm); seeds need any valid model. */
  {
    g_autoptr(MpEstimator) scaler = mp_standard_scaler_new ();

    data[1] = (Data) { "wine", mp_estimator_fit_transform (scaler, mp_dataset_get_data (wine), NULL, &error),
                       mp_dataset_get_target (wine) };
    if (data[1].x == NULL)
      die ("wine", error);
  }
  /* iris is sorted by class: the first 100 rows are classes 0 and 1. */
  data[2] = (Data) { "iris2", slice_rows (data[0].x, 100), slice_rows (data[0].y, 100) };
  /* Text labels: classes_ and friends as str arrays. */
  iris_names = names_of (data[0].y, mp_dataset_get_target_names (iris));
  data[3] = (Data) { "iris-names", data[0].x, iris_names };

  types = _mp_builtin_estimator_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      const char *type_name = g_type_name (types[t]);
      g_autoptr(GPtrArray) variants = _mp_estimator_type_list_variants (types[t]);
      g_autoptr(MpEstimator) example = _mp_estimator_type_new_example (types[t]);
      /* A transformer learns from the samples alone: fitted without
       * labels, and the text labels would only repeat iris. */
      gboolean labelled = mp_estimator_get_kind (example) != MP_ESTIMATOR_KIND_TRANSFORMER;
      /* A regressor's targets are numbers: no text labels. */
      gboolean numeric = mp_estimator_get_kind (example) == MP_ESTIMATOR_KIND_REGRESSOR;

      for (gint v = -1; v < (gint) variants->len; v++)
        {
          MpVariant *variant = v >= 0 ? g_ptr_array_index (variants, v) : NULL;
          const char *variant_name = variant != NULL ? variant->setting : "default";

          for (guint d = 0; d < G_N_ELEMENTS (data) + 1; d++)
            {
              g_autoptr(MpEstimator) estimator = variant != NULL ? mp_estimator_clone (variant->estimator)
                                                                 : _mp_estimator_type_new_example (types[t]);
              g_autofree char *name = NULL;

              if (d == G_N_ELEMENTS (data))
                name = g_strdup_printf ("%s-%s-unfitted", type_name, variant_name);
              else if (!labelled && data[d].x == data[0].x && d != 0)
                continue;
              else if (numeric && data[d].y != NULL && mp_array_get_dtype (data[d].y) == MP_DTYPE_STRING)
                continue;
              else
                {
                  name = g_strdup_printf ("%s-%s-%s", type_name, variant_name, data[d].name);
                  if (!mp_estimator_fit (estimator, data[d].x, labelled ? data[d].y : NULL, &error))
                    die (name, error);
                }
              n_written += write_seeds (estimator, argv[1], name);
            }
        }
    }

  n_written += write_compressed_seeds (argv[1]);

  /* The dictionary: the committed format keys plus what the documents
   * actually contain, quoted as libFuzzer wants. */
  if (!g_file_get_contents (argv[2], &base_dict, NULL, &error))
    die (argv[2], error);
  dict = g_string_new (base_dict);
  g_string_append (dict, "\n# From the generated seeds\n");
  words = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, dict_words);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (words, key);
  }
  g_ptr_array_sort (words, compare_words);
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      g_string_append (dict, "\"\\\"");
      for (const char *p = w; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_printf (dict, "\\x%02x", (guint8) *p);
          else if ((guint8) *p < 0x20 || (guint8) *p >= 0x7f)
            g_string_append_printf (dict, "\\x%02x", (guint8) *p);
          else
            g_string_append_c (dict, *p);
        }
      g_string_append (dict, "\\\"\"\n");
    }
  {
    g_autofree char *path = g_build_filename (argv[1], "modelpersist.dict", NULL);
    if (!g_file_set_contents (path, dict->str, dict->len, &error))
      die (path, error);
  }

  mp_array_unref (data[1].x);
  mp_array_unref (data[2].x);
  mp_array_unref (data[2].y);
  g_hash_table_unref (dict_words);
  g_print ("make-seeds: %u models, %u dictionary words\n", n_written, words->len);
  return 0;
}
