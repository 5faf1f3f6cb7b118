/* mp-import.c: importing pickle and joblib files without running them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-import.h"
#include "mp-import-mapping-private.h"
#include "mp-load-options-private.h"
#include "mp-pickle-container-private.h"
#include "mp-pickle-reader-private.h"
#include "mp-version.h"

/**
 * SECTION:mp-import
 * @Title: Importing pickle and joblib files
 * @Short_description: scikit-learn models saved with pickle or joblib,
 *   read as data and never run
 *
 * |[<!-- language="C" -->
 * g_auto(GStrv) classes = mp_import_pickle_list_classes ();   // "sklearn.svm._classes.SVC", ...
 * const char text[] = "not a pickle";
 * g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
 * g_autoptr(GError) error = NULL;
 * // the pickle is read as data: no Python code runs, an unknown class is an error
 * g_autoptr(MpEstimator) model = mp_import_pickle_bytes (bytes, &error);
 *
 * if (model == NULL)
 *   g_print ("%u classes can be imported; this one: %s\n",
 *            g_strv_length (classes), error->message);
 * ]|
 *
 * Users own scikit-learn models saved with `pickle.dump()` or
 * `joblib.dump()`. Loading such a file with Python runs whatever code it
 * names, which is why scikit-learn's documentation says never to unpickle
 * untrusted data, and why scanners and restricted unpicklers keep being
 * bypassed. mp_import_pickle() reads the file as data instead:
 *
 * - a C interpreter of the pickle opcodes (protocols 0 to 5) that only
 *   moves inert values (numbers, strings, tuples, lists, dicts, numpy
 *   arrays and dtypes, instance records) and never calls, imports or
 *   resolves anything a file names: a global outside a short list of
 *   numpy and Python data builders and the scikit-learn classes the
 *   importer maps is refused at the opcode that names it
 *   (%MP_ERROR_UNTRUSTED_TYPE; %MP_ERROR_UNKNOWN_TYPE for a scikit-learn
 *   class without counterpart), with its byte offset;
 * - joblib's container: arrays written raw between the opcodes (with and
 *   without the alignment padding of joblib 1.2), arrays of Python objects
 *   as nested pickles, and whole files compressed with zlib, gzip, bz2,
 *   xz, lzma or lz4, decompressed within the load options' limits;
 * - a mapping from each supported scikit-learn class's pickled state to
 *   our estimator, after which the estimator is validated as a loaded
 *   file is: an imported model is exactly as safe to use as a loaded one.
 *
 * Every limit of #MpLoadOptions applies: the file and its decompressed
 * stream may hold at most `max_total_bytes + max_json_bytes` bytes, the
 * strings and arrays in it at most `max_total_bytes`, its values, stack
 * and memo at most `max_json_nodes` entries, its marks and its
 * estimators at most `max_depth` levels.
 *
 * The returned #MpModelInfo says where the model came from, as
 * annotations that mp_dump_with_info() saves with it:
 * `imported_from.container` (`pickle` or `joblib`),
 * `imported_from.pickle_protocol`, `imported_from.compressor` (for a
 * compressed joblib file), `imported_from.sha256` (of the file's bytes),
 * `imported_from.file` (its base name, for files),
 * `imported_from.sklearn_version` (the `_sklearn_version` the pickle
 * itself records) and `imported_from.importer` (this library's version).
 *
 * docs/import.md lists the supported classes; docs/security.md explains
 * why this is safe where a restricted unpickler is not.
 */

/* What the reader may hold, from the load options. */
static void
read_options_init (MpPickleReadOptions *read_options,
                   MpLoadOptions       *options,
                   gboolean             survey)
{
  memset (read_options, 0, sizeof *read_options);
  read_options->max_depth = mp_load_options_get_max_depth (options);
  read_options->max_stack = mp_load_options_get_max_json_nodes (options);
  read_options->graph.max_values = mp_load_options_get_max_json_nodes (options);
  read_options->graph.max_bytes = mp_load_options_get_max_total_bytes (options);
  read_options->class_filter = _mp_import_class_is_known;
  read_options->survey = survey;
}

static guint64
max_stream_bytes (MpLoadOptions *options)
{
  guint64 total = mp_load_options_get_max_total_bytes (options);
  guint64 json = mp_load_options_get_max_json_bytes (options);

  return total > G_MAXUINT64 - json ? G_MAXUINT64 : total + json;
}

/* The pickle stream of a file: decompressed when joblib compressed it,
 * refused with a description when it is some other format. */
static GBytes *
open_stream (GBytes              *raw,
             MpLoadOptions       *options,
             GCancellable        *cancellable,
             MpPickleCompressor  *compressor,
             GError             **error)
{
  guint64 limit = max_stream_bytes (options);
  gsize length;
  const guint8 *data = g_bytes_get_data (raw, &length);
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *foreign;

  if (length > limit)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "the file has %" G_GSIZE_FORMAT " bytes, more than the limit of %"
                   G_GUINT64_FORMAT " (max_total_bytes + max_json_bytes)", length, limit);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_MALFORMED, "the file is empty");
      return NULL;
    }
  *compressor = _mp_pickle_detect_compressor (data, length);
  if (*compressor == MP_PICKLE_COMPRESSOR_NONE &&
      (foreign = _mp_pickle_describe_foreign (data, length)) != NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                   "this is %s, not a pickle or joblib file", foreign);
      return NULL;
    }
  stream = _mp_pickle_decompress (raw, limit, cancellable, compressor, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED))
        g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                     "%s (max_total_bytes + max_json_bytes)", local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (*compressor != MP_PICKLE_COMPRESSOR_NONE)
    {
      data = g_bytes_get_data (stream, &length);
      if (length > 0 && (foreign = _mp_pickle_describe_foreign (data, length)) != NULL)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_MALFORMED,
                       "this is %s compressed with %s, not a pickle or joblib file", foreign,
                       _mp_pickle_compressor_name (*compressor));
          return NULL;
        }
    }
  return g_steal_pointer (&stream);
}

/* The file's SHA-256, computed on another thread while this one reads
 * the pickle: GLib's SHA-256 runs at about 350 MB/s here, as long as
 * the import itself for a large model. */
static gpointer
checksum_thread (gpointer data)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
}

static void
record_provenance (MpModelInfo            *info,
                   const char             *sha256,
                   const char             *file_name,
                   const MpPickleReadInfo *read_info,
                   MpPickleCompressor      compressor,
                   const char             *sklearn_version)
{
  g_autofree char *protocol = g_strdup_printf ("%u", read_info->protocol);

  mp_model_info_set_annotation (info, "imported_from.container",
                                read_info->joblib ? "joblib" : "pickle");
  mp_model_info_set_annotation (info, "imported_from.pickle_protocol", protocol);
  if (compressor != MP_PICKLE_COMPRESSOR_NONE)
    mp_model_info_set_annotation (info, "imported_from.compressor",
                                  _mp_pickle_compressor_name (compressor));
  mp_model_info_set_annotation (info, "imported_from.sha256", sha256);
  if (file_name != NULL)
    mp_model_info_set_annotation (info, "imported_from.file", file_name);
  if (sklearn_version != NULL)
    mp_model_info_set_annotation (info, "imported_from.sklearn_version", sklearn_version);
  mp_model_info_set_annotation (info, "imported_from.importer", "libmodelpersist " MP_VERSION_S);
}

static MpEstimator *
import_raw (GBytes         *raw,
            const char     *file_name,
            MpLoadOptions  *options,
            MpModelInfo   **info,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(MpLoadOptions) defaults = NULL;
  g_autoptr(GBytes) stream = NULL;
  MpPickleCompressor compressor = MP_PICKLE_COMPRESSOR_NONE;
  MpPickleReadOptions read_options;
  MpPickleReadInfo read_info = { 0 };
  MpImportContext context = { 0 };
  MpPickleGraph *graph;
  MpPickleValue *root;
  MpEstimator *estimator = NULL;
  GThread *checksum = NULL;
  g_autofree char *sha256 = NULL;

  if (options == NULL)
    options = defaults = mp_load_options_new ();
  if (info != NULL)
    checksum = g_thread_new ("mp-import-sha256", checksum_thread, raw);
  stream = open_stream (raw, options, cancellable, &compressor, error);
  if (stream == NULL)
    {
      if (checksum != NULL)
        g_free (g_thread_join (checksum));
      return NULL;
    }
  read_options_init (&read_options, options, FALSE);
  graph = _mp_pickle_graph_new (&read_options.graph);
  root = _mp_pickle_read (graph, stream, &read_options, cancellable, &read_info, error);
  if (root != NULL)
    {
      context.max_depth = mp_load_options_get_max_depth (options);
      context.max_bytes = mp_load_options_get_max_total_bytes (options);
      context.max_estimators = mp_load_options_get_max_json_nodes (options);
      estimator = _mp_import_estimator (&context, root, "pickle", error);
    }
  if (checksum != NULL)
    sha256 = g_thread_join (checksum);
  if (estimator != NULL && info != NULL)
    {
      *info = mp_model_info_new ();
      record_provenance (*info, sha256, file_name, &read_info, compressor,
                         context.sklearn_version);
    }
  g_free (context.sklearn_version);
  _mp_pickle_read_info_clear (&read_info);
  _mp_pickle_graph_free (graph);
  return estimator;
}

/**
 * mp_import_pickle_bytes:
 * @bytes: the contents of a pickle or joblib file
 * @error: return location for a #GError
 *
 * mp_import_pickle_bytes_full() with the default limits and no info.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_import_pickle_bytes_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_bytes (GBytes  *bytes,
                        GError **error)
{
  return mp_import_pickle_bytes_full (bytes, NULL, NULL, error);
}

/**
 * mp_import_pickle_bytes_full:
 * @bytes: the contents of a pickle or joblib file
 * @options: (nullable): the limits to apply, or %NULL for the defaults
 * @info: (out) (optional) (transfer full): where the model came from
 * @error: return location for a #GError
 *
 * Reads a scikit-learn estimator pickled with `pickle.dumps()` (protocols
 * 0 to 5) or saved with `joblib.dump()` (compressed or not) and returns
 * the equivalent estimator of this library, fitted if the pickled one
 * was, validated as a loaded file is. Nothing in @bytes is ever run.
 *
 * Returns: (transfer full): the estimator, or %NULL with
 *   %MP_ERROR_UNTRUSTED_TYPE (the pickle names a global the importer never
 *   builds, such as `os.system`), %MP_ERROR_UNKNOWN_TYPE (a scikit-learn
 *   class without counterpart), %MP_ERROR_MALFORMED (not a pickle, a
 *   truncated or inconsistent opcode stream, a corrupt compressed
 *   stream), %MP_ERROR_NOT_SUPPORTED (opcodes that need objects from
 *   outside the file: persistent ids, extension codes, out-of-band
 *   buffers), %MP_ERROR_UNSUPPORTED_VERSION (a protocol above 5),
 *   %MP_ERROR_LIMIT_EXCEEDED, %MP_ERROR_INVALID_ARRAY (an array whose
 *   shape and bytes disagree), %MP_ERROR_INVALID_VALUE (a value our
 *   estimator cannot hold, naming the attribute) or
 *   %MP_ERROR_INVALID_STATE (the fitted state fails validation)
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_bytes_full (GBytes         *bytes,
                             MpLoadOptions  *options,
                             MpModelInfo   **info,
                             GError        **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (info == NULL || *info == NULL, NULL);

  return import_raw (bytes, NULL, options, info, NULL, error);
}

static GBytes *
read_file (GFile         *file,
           MpLoadOptions *options,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) file_info = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                 cancellable, &local_error);
  if (file_info == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (file_info) > max_stream_bytes (options))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                   "the file has %" G_GOFFSET_FORMAT " bytes, more than the limit of %"
                   G_GUINT64_FORMAT " (max_total_bytes + max_json_bytes)",
                   g_file_info_get_size (file_info), max_stream_bytes (options));
      return NULL;
    }
  /* Read, not mapped: a file truncated or rewritten by someone else
   * while the import reads it must not crash the reader (SIGBUS) or
   * change what it already checked. */
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * mp_import_pickle:
 * @path: a pickle or joblib file
 * @error: return location for a #GError
 *
 * mp_import_pickle_file() on a path.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_import_pickle_file()
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle (const char  *path,
                  GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  return mp_import_pickle_file (file, error);
}

/**
 * mp_import_pickle_file_full:
 * @file: a pickle or joblib file (any #GFile: local, GResource, GVfs)
 * @options: (nullable): the limits to apply, or %NULL for the defaults
 * @info: (out) (optional) (transfer full): where the model came from
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_import_pickle_bytes_full() on a file's contents; the info also
 * records the file's base name.
 *
 * Returns: (transfer full): the estimator, or %NULL with %MP_ERROR_IO
 *   when the file cannot be read and the errors of
 *   mp_import_pickle_bytes_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_file_full (GFile          *file,
                            MpLoadOptions  *options,
                            MpModelInfo   **info,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(MpLoadOptions) defaults = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (info == NULL || *info == NULL, NULL);

  if (options == NULL)
    options = defaults = mp_load_options_new ();
  raw = read_file (file, options, cancellable, error);
  if (raw == NULL)
    return NULL;
  name = g_file_get_basename (file);
  return import_raw (raw, name, options, info, cancellable, error);
}

/**
 * mp_import_pickle_file:
 * @file: a pickle or joblib file (any #GFile: local, GResource, GVfs)
 * @error: return location for a #GError
 *
 * mp_import_pickle_file_full() with the default limits, no info and no
 * cancellable.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_import_pickle_file_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_file (GFile   *file,
                       GError **error)
{
  return mp_import_pickle_file_full (file, NULL, NULL, NULL, error);
}

/**
 * mp_import_pickle_from_stream_full:
 * @stream: a stream holding a pickle or joblib file
 * @options: (nullable): the limits to apply, or %NULL for the defaults
 * @info: (out) (optional) (transfer full): where the model came from
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_import_pickle_bytes_full() on what @stream holds, read to its end
 * (never more than `max_total_bytes + max_json_bytes` bytes: a longer
 * stream is refused with %MP_ERROR_LIMIT_EXCEEDED as soon as it passes
 * the limit). The stream is not closed.
 *
 * Returns: (transfer full): the estimator, or %NULL with %MP_ERROR_IO when
 *   the stream cannot be read and the errors of
 *   mp_import_pickle_bytes_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_from_stream_full (GInputStream   *stream,
                                   MpLoadOptions  *options,
                                   MpModelInfo   **info,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_autoptr(MpLoadOptions) defaults = NULL;
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autoptr(GBytes) raw = NULL;
  guint8 chunk[65536];
  guint64 limit;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (info == NULL || *info == NULL, NULL);

  if (options == NULL)
    options = defaults = mp_load_options_new ();
  limit = max_stream_bytes (options);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, MP_ERROR, MP_ERROR_IO, "reading the stream: %s",
                         local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      if ((guint64) n > limit - contents->len)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED,
                       "the stream holds more than the limit of %" G_GUINT64_FORMAT " bytes "
                       "(max_total_bytes + max_json_bytes)", limit);
          return NULL;
        }
      g_byte_array_append (contents, chunk, (guint) n);
    }
  raw = g_byte_array_free_to_bytes (g_steal_pointer (&contents));
  return import_raw (raw, NULL, options, info, cancellable, error);
}

/**
 * mp_import_pickle_from_stream:
 * @stream: a stream holding a pickle or joblib file
 * @error: return location for a #GError
 *
 * mp_import_pickle_from_stream_full() with the default limits, no info
 * and no cancellable.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_import_pickle_from_stream_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_from_stream (GInputStream  *stream,
                              GError       **error)
{
  return mp_import_pickle_from_stream_full (stream, NULL, NULL, NULL, error);
}

typedef struct {
  GFile         *file;
  MpLoadOptions *options;
  MpModelInfo   *info;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_clear_object (&d->file);
  g_clear_object (&d->options);
  g_clear_object (&d->info);
  g_free (d);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  GError *error = NULL;
  MpEstimator *estimator = mp_import_pickle_file_full (d->file, d->options, &d->info, cancellable,
                                                  &error);

  if (estimator == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, estimator, g_object_unref);
}

/**
 * mp_import_pickle_file_async:
 * @file: a pickle or joblib file
 * @options: (nullable): the limits to apply, or %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the import is done
 * @user_data: data for @callback
 *
 * Runs mp_import_pickle_file() in a worker thread, so that a program's
 * main loop never waits for a large file. @options is copied first.
 *
 * Since: 0.1
 */
void
mp_import_pickle_file_async (GFile               *file,
                             MpLoadOptions       *options,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *d;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_import_pickle_file_async);
  d = g_new0 (ImportData, 1);
  d->file = g_object_ref (file);
  d->options = options != NULL ? _mp_load_options_copy (options) : mp_load_options_new ();
  g_task_set_task_data (task, d, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * mp_import_pickle_file_finish:
 * @result: the #GAsyncResult given to the callback
 * @info: (out) (optional) (transfer full): where the model came from
 * @error: return location for a #GError
 *
 * Finishes mp_import_pickle_file_async().
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_import_pickle_file() or %G_IO_ERROR_CANCELLED
 *
 * Since: 0.1
 */
MpEstimator *
mp_import_pickle_file_finish (GAsyncResult  *result,
                              MpModelInfo  **info,
                              GError       **error)
{
  ImportData *d;
  MpEstimator *estimator;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_import_pickle_file_async,
                        NULL);
  g_return_val_if_fail (info == NULL || *info == NULL, NULL);

  estimator = g_task_propagate_pointer (G_TASK (result), error);
  d = g_task_get_task_data (G_TASK (result));
  if (estimator != NULL && info != NULL)
    *info = g_steal_pointer (&d->info);
  return estimator;
}

/**
 * mp_import_pickle_list_classes:
 *
 * The scikit-learn classes the importer turns into estimators of this
 * library, by their public paths (`sklearn.svm.SVC`).
 *
 * Returns: (transfer full) (array zero-terminated=1): the class paths
 *
 * Since: 0.1
 */
char **
mp_import_pickle_list_classes (void)
{
  g_autofree char *joined = _mp_import_list_supported ();

  return g_strsplit (joined, ", ", -1);
}

/**
 * mp_inspect_pickle_bytes_full:
 * @bytes: the contents of a pickle or joblib file
 * @options: (nullable): the limits to apply, or %NULL for the defaults
 * @unsupported: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the globals the importer would refuse
 * @error: return location for a #GError
 *
 * Lists the globals (classes and functions) a pickle names, in the order
 * it first names them, as `module.name` with the module path the
 * importer matches (`sklearn.svm.classes.SVC` for
 * `sklearn.svm._classes.SVC`), without building any estimator. The
 * opcodes are read as an import reads them, within the same limits, but
 * a global the importer would refuse is listed in @unsupported instead
 * of stopping the read.
 *
 * Returns: (transfer full) (array zero-terminated=1): the globals, or
 *   %NULL with the errors of mp_import_pickle_bytes_full() that do not
 *   come from the mapping
 *
 * Since: 0.1
 */
char **
mp_inspect_pickle_bytes_full (GBytes          *bytes,
                              MpLoadOptions   *options,
                              char          ***unsupported,
                              GError         **error)
{
  g_autoptr(MpLoadOptions) defaults = NULL;
  g_autoptr(GBytes) stream = NULL;
  MpPickleCompressor compressor = MP_PICKLE_COMPRESSOR_NONE;
  MpPickleReadOptions read_options;
  MpPickleReadInfo read_info = { 0 };
  MpPickleGraph *graph;
  char **globals = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);

  if (options == NULL)
    options = defaults = mp_load_options_new ();
  stream = open_stream (bytes, options, NULL, &compressor, error);
  if (stream == NULL)
    return NULL;
  read_options_init (&read_options, options, TRUE);
  graph = _mp_pickle_graph_new (&read_options.graph);
  if (_mp_pickle_read (graph, stream, &read_options, NULL, &read_info, error) != NULL)
    {
      g_ptr_array_add (read_info.globals, NULL);
      globals = (char **) g_ptr_array_steal (read_info.globals, NULL);
      if (unsupported != NULL)
        {
          g_ptr_array_add (read_info.refused, NULL);
          *unsupported = (char **) g_ptr_array_steal (read_info.refused, NULL);
        }
    }
  _mp_pickle_read_info_clear (&read_info);
  _mp_pickle_graph_free (graph);
  return globals;
}

/**
 * mp_inspect_pickle_bytes:
 * @bytes: the contents of a pickle or joblib file
 * @unsupported: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the globals the importer would refuse
 * @error: return location for a #GError
 *
 * mp_inspect_pickle_bytes_full() with the default limits.
 *
 * Returns: (transfer full) (array zero-terminated=1): the globals, or
 *   %NULL
 *
 * Since: 0.1
 */
char **
mp_inspect_pickle_bytes (GBytes   *bytes,
                         char   ***unsupported,
                         GError  **error)
{
  return mp_inspect_pickle_bytes_full (bytes, NULL, unsupported, error);
}
