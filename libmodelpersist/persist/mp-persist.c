/* mp-persist.c: saving and loading estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"
#include "mp-model-info-private.h"
#include "mp-load-options-private.h"
#include "mp-persist-private.h"
#include "mp-readers-private.h"
#include "mp-save-options-private.h"
#include "mp-stream-writer-private.h"

/**
 * SECTION:mp-persist
 * @Title: Saving and loading
 * @Short_description: dumps, loads, dump, load and their variants
 *
 * In memory, as `pickle.dumps` and `pickle.loads`:
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) svc = g_object_new (MP_TYPE_SVC, "c", 10.0, NULL);
 * g_autoptr(GBytes) bytes = NULL;
 * g_autoptr(MpEstimator) copy = NULL;
 *
 * // in memory, as pickle.dumps and pickle.loads
 * if (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *   bytes = mp_dumps (svc, &error);
 * if (bytes != NULL)
 *   copy = mp_loads (bytes, &error);   // a new MpSVC, predicting as svc does
 * if (copy == NULL)
 *   g_warning ("%s", error->message);
 * ]|
 *
 * As a bundle on disk, `model.json` and its sidecar, as `joblib.dump` and `joblib.load`:
 *
 * |[<!-- language="C" -->
 * #include <glib/gstdio.h>
 *
 * static void
 * save_and_load_a_bundle (void)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpDataset) iris = mp_load_iris (&error);
 *   g_autoptr(MpEstimator) tree = mp_decision_tree_classifier_new ();
 *   g_autofree char *dir = g_dir_make_tmp ("model-XXXXXX", &error);
 *   g_autofree char *path = g_build_filename (dir, "model.json", NULL);
 *   g_autoptr(MpEstimator) loaded = NULL;
 *   g_autoptr(GDir) listing = NULL;
 *   const char *name;
 *
 *   // model.json and its sidecar, as joblib.dump and joblib.load
 *   if (mp_estimator_fit (tree, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error) &&
 *       mp_dump (tree, path, &error))
 *     loaded = mp_load (path, &error);
 *   if (loaded == NULL)
 *     g_warning ("%s", error->message);
 *
 *   listing = g_dir_open (dir, 0, NULL);
 *   while ((name = g_dir_read_name (listing)) != NULL)
 *     {
 *       g_autofree char *file = g_build_filename (dir, name, NULL);
 *       g_unlink (file);
 *     }
 *   g_rmdir (dir);
 * }
 * ]|
 *
 * Through any #GOutputStream and #GInputStream:
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
 * g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
 * g_autoptr(GBytes) written = NULL;
 * g_autoptr(GInputStream) in = NULL;
 * g_autoptr(MpEstimator) loaded = NULL;
 *
 * // any GOutputStream and GInputStream: a socket, a pipe, a GResource
 * if (mp_estimator_fit (knn, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error) &&
 *     mp_dump_to_stream (knn, out, &error) &&
 *     g_output_stream_close (out, NULL, &error))
 *   {
 *     written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
 *     in = g_memory_input_stream_new_from_bytes (written);
 *     loaded = mp_load_from_stream (in, &error);
 *   }
 * if (loaded == NULL)
 *   g_warning ("%s", error->message);
 * ]|
 *
 * Without blocking the main loop:
 *
 * |[<!-- language="C" -->
 * static void
 * model_loaded_cb (GObject      *source,
 *                  GAsyncResult *result,
 *                  gpointer      user_data)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpEstimator) model = mp_load_file_finish (result, &error);
 *
 *   if (model == NULL)
 *     g_warning ("%s", error->message);
 *   g_main_loop_quit (user_data);
 * }
 *
 * static void
 * load_without_blocking (GFile *file)
 * {
 *   g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
 *
 *   // read and checked in a worker thread; the main loop keeps running
 *   mp_load_file_async (file, NULL, NULL, NULL, model_loaded_cb, loop);
 *   g_main_loop_run (loop);
 * }
 *
 * static void
 * load_a_file_asynchronously (void)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpDataset) iris = mp_load_iris (&error);
 *   g_autoptr(MpEstimator) svc = mp_svc_new ();
 *   g_autoptr(GBytes) bytes = NULL;
 *   g_autoptr(GFileIOStream) stream = NULL;
 *   g_autoptr(GFile) file = g_file_new_tmp ("model-XXXXXX.mp", &stream, &error);
 *
 *   // a single-stream file to load: mp_dumps() written out
 *   if (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *     bytes = mp_dumps (svc, &error);
 *   if (bytes != NULL &&
 *       g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
 *                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
 *     load_without_blocking (file);
 *   if (error != NULL)
 *     g_warning ("%s", error->message);
 *   g_file_delete (file, NULL, NULL);
 * }
 * ]|
 *
 * With options (what to accept) and a report (what the file says about itself):
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) svc = mp_svc_new ();
 * g_autoptr(MpLoadOptions) options = mp_load_options_new ();
 * g_autoptr(MpLoadReport) report = mp_load_report_new ();
 * g_autoptr(GBytes) bytes = NULL;
 * g_autoptr(MpEstimator) loaded = NULL;
 *
 * mp_load_options_set_max_json_bytes (options, 1024 * 1024);   // options: what to accept
 * if (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *   bytes = mp_dumps (svc, &error);
 * if (bytes != NULL)
 *   loaded = mp_loads_full (bytes, options, report, &error);
 * if (loaded == NULL)
 *   g_warning ("%s", error->message);
 * else    // the report: what the file said about itself
 *   g_print ("format %s, written by libmodelpersist %s\n",
 *            mp_load_report_get_format_version (report),
 *            mp_load_report_get_producer_version (report));
 * ]|
 *
 * libmodelpersist saves an estimator as a JSON document (its type, its
 * hyperparameters, its fitted state and those of its child estimators,
 * read through property introspection) plus a binary payload holding its
 * arrays, little-endian, each aligned to 64 bytes and checksummed with
 * XXH3. `docs/format.md` in the source tree specifies the format.
 *
 * There are two containers with the same JSON:
 *
 * - a single stream (a 64-byte header, the JSON, the payload), produced by
 *   mp_dumps() and mp_dump_to_stream(): the analogue of `pickle.dumps`;
 *   it also suits #GResource (mp_loads() on g_resources_lookup_data());
 * - a bundle, `NAME.json` plus one sidecar file beside it, produced by
 *   mp_dump(): the analogue of `joblib.dump`. Loading a bundle can map the
 *   sidecar (#MpLoadOptions:map-payload) so that loading takes constant
 *   time whatever the model's size.
 *
 * Loading is safe on untrusted input: no code runs because a file says
 * so, only trusted, already registered estimator types are instantiated
 * (see #MpLoadOptions), every limit is checked before and while the text
 * is parsed, and every estimator is validated before it is returned. Each
 * failure has its own #MpError code and names the JSON path or byte
 * offset at fault.
 *
 * Saving a bundle never loses the previous model: both files are written
 * under temporary names in the destination directory, synced, and renamed
 * sidecar first, JSON last; the sidecar's name carries a hash of the
 * model's content so the old JSON keeps pointing at its own sidecar until
 * the final rename.
 *
 * Thread safety: loads (mp_load(), mp_loads() and their variants) and
 * mp_inspect_types() may run in any number of threads at once, also of one
 * file or one #GBytes; an #MpLoadOptions may be shared once configured (it
 * is only read during a load, mp_load_file_async() copies it); an
 * #MpLoadReport is one per load. Saving one estimator from several
 * threads is safe (saving reads its properties); saves to one path are
 * serialised per directory. docs/security.md has the whole table.
 *
 * |[<!-- language="C" -->
 * static gpointer
 * load_in_a_thread (gpointer data)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpEstimator) model = mp_loads_full (data, NULL, NULL, &error);
 *
 *   if (model == NULL)
 *     g_warning ("%s", error->message);
 *   return NULL;
 * }
 *
 * static void
 * load_one_model_in_two_threads (void)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpDataset) iris = mp_load_iris (&error);
 *   g_autoptr(MpEstimator) svc = mp_svc_new ();
 *   g_autoptr(GBytes) bytes = NULL;
 *   GThread *threads[2];
 *
 *   if (mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *     bytes = mp_dumps (svc, &error);
 *   if (bytes == NULL)
 *     {
 *       g_warning ("%s", error->message);
 *       return;
 *     }
 *   for (guint i = 0; i < G_N_ELEMENTS (threads); i++)   // one GBytes, loaded twice at once
 *     threads[i] = g_thread_new ("load", load_in_a_thread, bytes);
 *   for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
 *     g_thread_join (threads[i]);
 * }
 * ]|
 */

static void
propagate_io_error (GError     **error,
                    GError      *local,
                    const char  *what)
{
  if (local->domain == MP_ERROR || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local);
  else
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s: %s", what, local->message);
      g_error_free (local);
    }
}

static MpEstimator *
finish_plan (MpLoadPlan    *plan,
             MpLoadReport  *report,
             GError       **error)
{
  MpEstimator *estimator;

  if (plan == NULL)
    return NULL;

  estimator = _mp_load_plan_construct (plan, error);
  if (estimator != NULL)
    _mp_load_plan_report (plan, report);
  return estimator;
}

static MpLoadOptions *
options_or_default (MpLoadOptions *options)
{
  return options != NULL ? g_object_ref (options) : mp_load_options_new ();
}

/* Compresses what _mp_serialize() gave, if @options ask for it; in the
 * thread that writes, so that an asynchronous save does it off the main
 * thread. */
static gboolean
apply_save_options (MpSerialized   *serialized,
                    MpSaveOptions  *options,
                    GCancellable   *cancellable,
                    GError        **error)
{
  guint level = options != NULL ? mp_save_options_get_compress (options) : 0;

  if (level == 0)
    return TRUE;
  return _mp_serialized_compress (serialized, level, cancellable, error);
}

GBytes *
_mp_dumps_with_metadata (MpEstimator    *estimator,
                         JsonNode       *metadata,
                         MpSaveOptions  *options,
                         GError        **error)
{
  g_autoptr(MpSerialized) serialized = NULL;

  serialized = _mp_serialize (estimator, error);
  if (serialized == NULL || !apply_save_options (serialized, options, NULL, error))
    return NULL;

  return _mp_stream_to_bytes (serialized, metadata);
}

/**
 * mp_dumps:
 * @estimator: an #MpEstimator
 * @error: return location for a #GError
 *
 * Saves @estimator as one self-contained buffer (the single-stream
 * container), like `pickle.dumps`. The same model always gives the same
 * bytes on the same versions of the library and its dependencies.
 *
 * Returns: (transfer full): the saved model, or %NULL with
 *   %MP_ERROR_INVALID_ARGUMENT if a property with a role has a type the
 *   format cannot store or the estimator contains itself
 *
 * Since: 0.1
 */
GBytes *
mp_dumps (MpEstimator  *estimator,
          GError      **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _mp_dumps_with_metadata (estimator, NULL, NULL, error);
}

/**
 * mp_loads_full:
 * @bytes: a model saved by mp_dumps() or mp_dump_to_stream()
 * @options: (nullable): what to accept, or %NULL for the defaults
 * @report: (nullable): a report to fill in, or %NULL
 * @error: return location for a #GError
 *
 * Loads a single-stream model from memory, like `pickle.loads` but without
 * running any code the data names. The arrays of the estimator view @bytes
 * (which is immutable) without copying on little-endian hosts, unless
 * their alignment in memory requires a copy.
 *
 * Returns: (transfer full): the estimator, or %NULL with an %MP_ERROR
 *   code that says what was wrong and where
 *
 * Since: 0.1
 */
MpEstimator *
mp_loads_full (GBytes         *bytes,
               MpLoadOptions  *options,
               MpLoadReport   *report,
               GError        **error)
{
  g_autoptr(MpLoadOptions) opts = NULL;
  g_autoptr(MpLoadPlan) plan = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (report == NULL || MP_IS_LOAD_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts = options_or_default (options);
  plan = _mp_read_stream_bytes (bytes, opts, error);
  return finish_plan (plan, report, error);
}

/**
 * mp_loads:
 * @bytes: a model saved by mp_dumps() or mp_dump_to_stream()
 * @error: return location for a #GError
 *
 * Loads a single-stream model from memory, like `pickle.loads` but without
 * running any code the data names: mp_loads_full() with the default
 * options (the built-in estimator types, the default limits) and no
 * report.
 *
 * Returns: (transfer full): the estimator, or %NULL with an %MP_ERROR
 *   code that says what was wrong and where
 *
 * Since: 0.1
 */
MpEstimator *
mp_loads (GBytes  *bytes,
          GError **error)
{
  return mp_loads_full (bytes, NULL, NULL, error);
}

gboolean
_mp_dump_to_stream_with_metadata (MpEstimator    *estimator,
                                  JsonNode       *metadata,
                                  MpSaveOptions  *options,
                                  GOutputStream  *stream,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr(MpSerialized) serialized = NULL;
  g_autoptr(GError) local = NULL;

  serialized = _mp_serialize (estimator, error);
  if (serialized == NULL || !apply_save_options (serialized, options, cancellable, error))
    return FALSE;

  if (!_mp_stream_write (serialized, metadata, stream, cancellable, &local))
    {
      propagate_io_error (error, g_steal_pointer (&local), "writing the stream");
      return FALSE;
    }
  return TRUE;
}

/**
 * mp_dump_to_stream:
 * @estimator: an #MpEstimator
 * @stream: where to write
 * @error: return location for a #GError
 *
 * Writes @estimator to @stream in the single-stream container, the bytes
 * mp_dumps() returns. @stream is neither flushed nor closed. To save
 * metadata with the model, or to cancel, use
 * mp_dump_to_stream_with_info().
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_IO if the stream
 *   failed (what was written is then incomplete), or the errors of
 *   mp_dumps()
 *
 * Since: 0.1
 */
gboolean
mp_dump_to_stream (MpEstimator    *estimator,
                   GOutputStream  *stream,
                   GError        **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _mp_dump_to_stream_with_metadata (estimator, NULL, NULL, stream, NULL, error);
}

/**
 * mp_load_from_stream_full:
 * @stream: where to read a model written by mp_dump_to_stream()
 * @options: (nullable): what to accept, or %NULL for the defaults
 * @report: (nullable): a report to fill in, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads one single-stream model from @stream, consuming exactly its bytes,
 * so several models can follow each other in one stream. The size the
 * header announces is checked against the limits before anything is
 * allocated, and memory grows only as data arrives.
 *
 * Returns: (transfer full): the estimator, or %NULL with an %MP_ERROR code
 *   (%MP_ERROR_MALFORMED if the stream ends early) or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 0.1
 */
MpEstimator *
mp_load_from_stream_full (GInputStream   *stream,
                          MpLoadOptions  *options,
                          MpLoadReport   *report,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(MpLoadOptions) opts = NULL;
  g_autoptr(MpLoadPlan) plan = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (report == NULL || MP_IS_LOAD_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts = options_or_default (options);
  plan = _mp_read_stream (stream, opts, cancellable, error);
  return finish_plan (plan, report, error);
}

/**
 * mp_load_from_stream:
 * @stream: where to read a model written by mp_dump_to_stream()
 * @error: return location for a #GError
 *
 * mp_load_from_stream_full() with the default options, no report and no
 * cancellable.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_load_from_stream_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_load_from_stream (GInputStream  *stream,
                     GError       **error)
{
  return mp_load_from_stream_full (stream, NULL, NULL, NULL, error);
}

gboolean
_mp_dump_with_metadata (MpEstimator       *estimator,
                        JsonNode          *metadata,
                        MpSaveOptions     *options,
                        const char        *path,
                        MpStreamWrapFunc   wrap,
                        gpointer           wrap_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(MpSerialized) serialized = NULL;

  serialized = _mp_serialize (estimator, error);
  if (serialized == NULL || !apply_save_options (serialized, options, cancellable, error))
    return FALSE;

  return _mp_bundle_write (serialized, metadata, path, wrap, wrap_data, cancellable, error);
}

/**
 * mp_dump:
 * @estimator: an #MpEstimator
 * @path: (type filename): where to save the JSON, by convention `NAME.json`
 * @error: return location for a #GError
 *
 * Saves @estimator as a bundle, like `joblib.dump`: the JSON document at
 * @path and, if the model has arrays, one sidecar beside it named
 * `NAME.<content hash>.bin`. Move or copy both files together.
 *
 * The previous model at @path stays loadable whatever happens: see the
 * section description. On failure no temporary file is left behind.
 *
 * Durability: when mp_dump() returns %TRUE, the new bundle is on disk
 * (both files' data and their names); if the process or the machine stops
 * during the call, @path holds the previous model or the new one, each
 * complete with its sidecar. This takes exactly three fsync() calls: the
 * sidecar's data before it is named, the JSON's data before it replaces
 * @path, and the directory after that switch; the previous sidecar is
 * deleted only after the last. `docs/saving.md` explains why none can go.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_IO (read-only
 *   directory, full disk...) or the errors of mp_dumps()
 *
 * Since: 0.1
 */
gboolean
mp_dump (MpEstimator  *estimator,
         const char   *path,
         GError      **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _mp_dump_with_metadata (estimator, NULL, NULL, path, NULL, NULL, NULL, error);
}

/**
 * mp_load_full:
 * @path: (type filename): the JSON of a bundle written by mp_dump(), or a
 *   file holding a single-stream model
 * @options: (nullable): what to accept, or %NULL for the defaults
 * @report: (nullable): a report to fill in, or %NULL
 * @error: return location for a #GError
 *
 * Loads a model from disk, like `joblib.load` but without running any
 * code the file names. The sidecar must be a regular file in the same
 * directory as @path; symbolic links are never followed. By default the
 * sidecar is copied into memory and verified, so later changes to the
 * file cannot affect the estimator; see #MpLoadOptions:map-payload for
 * the constant-time alternative and what it requires.
 *
 * Returns: (transfer full): the estimator, or %NULL with an %MP_ERROR code
 *   that says what was wrong and where
 *
 * Since: 0.1
 */
MpEstimator *
mp_load_full (const char     *path,
              MpLoadOptions  *options,
              MpLoadReport   *report,
              GError        **error)
{
  g_autoptr(MpLoadOptions) opts = NULL;
  g_autoptr(MpLoadPlan) plan = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (report == NULL || MP_IS_LOAD_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts = options_or_default (options);
  plan = _mp_read_path (path, opts, NULL, error);
  return finish_plan (plan, report, error);
}

/**
 * mp_load:
 * @path: (type filename): the JSON of a bundle written by mp_dump(), or a
 *   file holding a single stream
 * @error: return location for a #GError
 *
 * Loads a model from a file, like `joblib.load` but safe: mp_load_full()
 * with the default options and no report.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_load_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_load (const char  *path,
         GError     **error)
{
  return mp_load_full (path, NULL, NULL, error);
}

static char *
native_path (GFile   *file,
             GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   "%s: bundles are saved on local files only (the save needs "
                   "rename and fsync in the file's directory)", uri);
    }
  return path;
}

/**
 * mp_dump_file:
 * @estimator: an #MpEstimator
 * @file: a local file, the bundle's JSON
 * @error: return location for a #GError
 *
 * mp_dump() for a #GFile. The file must have a local path: the save
 * protocol needs rename and fsync in the file's directory. To save
 * metadata with the model, or to cancel, use mp_dump_file_with_info().
 *
 * Returns: %TRUE on success, %FALSE with the errors of mp_dump()
 *
 * Since: 0.1
 */
gboolean
mp_dump_file (MpEstimator  *estimator,
              GFile        *file,
              GError      **error)
{
  return mp_dump_file_with_info (estimator, NULL, file, NULL, error);
}

/**
 * mp_dump_file_with_info:
 * @estimator: an #MpEstimator
 * @info: (nullable): what to record about how the model was made, or
 *   %NULL
 * @file: a local file, the bundle's JSON
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_dump_file() with @info saved as the document's `metadata`, and a
 * cancellable checked between the steps of the save (a cancelled save
 * leaves the previous files as they were).
 *
 * Returns: %TRUE on success, %FALSE with the errors of mp_dump() or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 0.1
 */
gboolean
mp_dump_file_with_info (MpEstimator   *estimator,
                        MpModelInfo   *info,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return mp_dump_file_full (estimator, file, NULL, info, cancellable, error);
}

/**
 * mp_dumps_full:
 * @estimator: an #MpEstimator
 * @options: (nullable): how to store the arrays, or %NULL for the defaults
 * @info: (nullable): what to record about how the model was made, or %NULL
 * @error: return location for a #GError
 *
 * mp_dumps() with every choice: with #MpSaveOptions:compress the arrays
 * are compressed, like `joblib.dump (model, f, compress=3)`; @info is
 * saved as the document's `metadata`. The same model, options and info
 * give the same bytes on the same versions of the library and libzstd.
 *
 * Returns: (transfer full): the saved model, or %NULL with the errors of
 *   mp_dumps()
 *
 * Since: 0.1
 */
GBytes *
mp_dumps_full (MpEstimator    *estimator,
               MpSaveOptions  *options,
               MpModelInfo    *info,
               GError        **error)
{
  g_autoptr(JsonNode) metadata = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), NULL);
  g_return_val_if_fail (options == NULL || MP_IS_SAVE_OPTIONS (options), NULL);
  g_return_val_if_fail (info == NULL || MP_IS_MODEL_INFO (info), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  metadata = _mp_model_info_to_node (info);
  return _mp_dumps_with_metadata (estimator, metadata, options, error);
}

/**
 * mp_dump_full:
 * @estimator: an #MpEstimator
 * @path: (type filename): where to save the JSON, by convention `NAME.json`
 * @options: (nullable): how to store the arrays, or %NULL for the defaults
 * @info: (nullable): what to record about how the model was made, or %NULL
 * @cancellable: (nullable): a #GCancellable, checked between the steps of
 *   the save (a cancelled save leaves the previous files as they were)
 * @error: return location for a #GError
 *
 * mp_dump() with every choice; see mp_dumps_full(). The save keeps the
 * guarantees of mp_dump(): the previous model stays loadable whatever
 * happens, and the new one is on disk when this returns %TRUE.
 *
 * Returns: %TRUE on success, %FALSE with the errors of mp_dump() or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 0.1
 */
gboolean
mp_dump_full (MpEstimator    *estimator,
              const char     *path,
              MpSaveOptions  *options,
              MpModelInfo    *info,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(JsonNode) metadata = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options == NULL || MP_IS_SAVE_OPTIONS (options), FALSE);
  g_return_val_if_fail (info == NULL || MP_IS_MODEL_INFO (info), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  metadata = _mp_model_info_to_node (info);
  return _mp_dump_with_metadata (estimator, metadata, options, path, NULL, NULL, cancellable,
                                 error);
}

/**
 * mp_dump_file_full:
 * @estimator: an #MpEstimator
 * @file: a local file, the bundle's JSON
 * @options: (nullable): how to store the arrays, or %NULL for the defaults
 * @info: (nullable): what to record about how the model was made, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_dump_full() for a #GFile.
 *
 * Returns: %TRUE on success, %FALSE with the errors of mp_dump_full()
 *
 * Since: 0.1
 */
gboolean
mp_dump_file_full (MpEstimator    *estimator,
                   GFile          *file,
                   MpSaveOptions  *options,
                   MpModelInfo    *info,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = native_path (file, error);
  if (path == NULL)
    return FALSE;
  return mp_dump_full (estimator, path, options, info, cancellable, error);
}

/**
 * mp_dump_to_stream_full:
 * @estimator: an #MpEstimator
 * @stream: where to write
 * @options: (nullable): how to store the arrays, or %NULL for the defaults
 * @info: (nullable): what to record about how the model was made, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_dump_to_stream() with every choice; see mp_dumps_full(). A
 * compressed model is compressed in memory before the first byte is
 * written (the header gives the payload's length), so a save to a pipe
 * or socket holds the compressed arrays, not a second copy of the model.
 *
 * Returns: %TRUE on success, %FALSE with the errors of
 *   mp_dump_to_stream() or %G_IO_ERROR_CANCELLED
 *
 * Since: 0.1
 */
gboolean
mp_dump_to_stream_full (MpEstimator    *estimator,
                        GOutputStream  *stream,
                        MpSaveOptions  *options,
                        MpModelInfo    *info,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(JsonNode) metadata = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (estimator), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (options == NULL || MP_IS_SAVE_OPTIONS (options), FALSE);
  g_return_val_if_fail (info == NULL || MP_IS_MODEL_INFO (info), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  metadata = _mp_model_info_to_node (info);
  return _mp_dump_to_stream_with_metadata (estimator, metadata, options, stream, cancellable,
                                           error);
}

/**
 * mp_load_file_full:
 * @file: a bundle's JSON or a single-stream model
 * @options: (nullable): what to accept, or %NULL for the defaults
 * @report: (nullable): a report to fill in, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_load_full() for a #GFile. A file with a local path may hold either
 * container. Any other #GFile, such as a model compiled into the program
 * as a GResource (`resource:///org/example/App/model.mpstream`) or a GVfs
 * location, must hold a single stream, which is read through GIO with
 * the same checks as mp_load_from_stream_full(): a bundle needs its
 * directory to find its sidecar.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_load_full(), %MP_ERROR_NOT_SUPPORTED for a bundle's JSON at a
 *   non-local URI, or %G_IO_ERROR_CANCELLED
 *
 * Since: 0.1
 */
MpEstimator *
mp_load_file_full (GFile          *file,
                   MpLoadOptions  *options,
                   MpLoadReport   *report,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(MpLoadOptions) opts = NULL;
  g_autoptr(MpLoadPlan) plan = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (report == NULL || MP_IS_LOAD_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts = options_or_default (options);
  plan = _mp_read_file (file, opts, cancellable, error);
  return finish_plan (plan, report, error);
}

/**
 * mp_load_file:
 * @file: a bundle's JSON or a single-stream model
 * @error: return location for a #GError
 *
 * mp_load_file_full() with the default options, no report and no
 * cancellable.
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_load_file_full()
 *
 * Since: 0.1
 */
MpEstimator *
mp_load_file (GFile   *file,
              GError **error)
{
  return mp_load_file_full (file, NULL, NULL, NULL, error);
}

/* ---- asynchronous variants ---------------------------------------------- */

typedef struct {
  MpSerialized  *serialized;
  JsonNode      *metadata;  /* what a dump records, or NULL */
  MpSaveOptions *save_options;
  char          *path;      /* where a dump writes */
  GFile         *file;      /* what a load reads */
  MpLoadOptions *options;
  MpLoadReport  *report;
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *d = data;

  g_clear_pointer (&d->serialized, _mp_serialized_free);
  g_clear_pointer (&d->metadata, json_node_unref);
  g_clear_object (&d->save_options);
  g_clear_pointer (&d->path, g_free);
  g_clear_object (&d->file);
  g_clear_object (&d->options);
  g_clear_object (&d->report);
  g_free (d);
}

static void
dump_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AsyncData *d = task_data;
  GError *error = NULL;

  if (apply_save_options (d->serialized, d->save_options, cancellable, &error) &&
      _mp_bundle_write (d->serialized, d->metadata, d->path, NULL, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mp_dump_file_async:
 * @estimator: an #MpEstimator
 * @file: a local file, the bundle's JSON
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the bundle is saved
 * @user_data: data for @callback
 *
 * Starts saving @estimator as a bundle without blocking the main loop.
 * The estimator's properties are read before this function returns (so
 * it may be changed or refitted right after); hashing and writing run in
 * a worker thread. Finish with mp_dump_file_finish().
 *
 * Since: 0.1
 */
void
mp_dump_file_async (MpEstimator         *estimator,
                    GFile               *file,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  mp_dump_file_full_async (estimator, file, NULL, NULL, cancellable, callback, user_data);
}

/**
 * mp_dump_file_full_async:
 * @estimator: an #MpEstimator
 * @file: a local file, the bundle's JSON
 * @options: (nullable): how to store the arrays, or %NULL for the defaults
 * @info: (nullable): what to record about how the model was made, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the bundle is saved
 * @user_data: data for @callback
 *
 * mp_dump_file_full() without blocking the main loop. The estimator's
 * properties and @info are read before this function returns; compressing,
 * hashing and writing run in a worker thread. Finish with
 * mp_dump_file_finish().
 *
 * Since: 0.1
 */
void
mp_dump_file_full_async (MpEstimator         *estimator,
                         GFile               *file,
                         MpSaveOptions       *options,
                         MpModelInfo         *info,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  AsyncData *d;

  g_return_if_fail (MP_IS_ESTIMATOR (estimator));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options == NULL || MP_IS_SAVE_OPTIONS (options));
  g_return_if_fail (info == NULL || MP_IS_MODEL_INFO (info));

  task = g_task_new (NULL, cancellable, callback, user_data);
  /* One tag for both starts: mp_dump_file_finish() finishes either. */
  g_task_set_source_tag (task, mp_dump_file_async);

  d = g_new0 (AsyncData, 1);
  g_task_set_task_data (task, d, async_data_free);

  /* Copies, so that the caller may change them while the save runs. */
  if (options != NULL)
    d->save_options = _mp_save_options_copy (options);
  d->metadata = _mp_model_info_to_node (info);
  d->path = native_path (file, &error);
  if (d->path != NULL)
    d->serialized = _mp_serialize (estimator, &error);
  if (d->serialized == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, dump_thread);
}

/**
 * mp_dump_file_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes mp_dump_file_async().
 *
 * Returns: %TRUE on success, %FALSE with the errors of mp_dump_file()
 *
 * Since: 0.1
 */
gboolean
mp_dump_file_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_dump_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AsyncData *d = task_data;
  GError *error = NULL;
  MpLoadPlan *plan;

  plan = _mp_read_file (d->file, d->options, cancellable, &error);
  if (plan != NULL)
    g_task_return_pointer (task, plan, (GDestroyNotify) _mp_load_plan_free);
  else
    g_task_return_error (task, error);
}

/**
 * mp_load_file_async:
 * @file: a bundle's JSON or a single-stream model, as for
 *   mp_load_file_full()
 * @options: (nullable): what to accept, or %NULL for the defaults
 * @report: (nullable): a report to fill in when the load finishes
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the model is read
 * @user_data: data for @callback
 *
 * Starts loading a model without blocking the main loop. Reading, every
 * check of the document and checksum verification run in a worker thread
 * (@options is copied first); the estimators themselves are created in
 * mp_load_file_finish(), in the caller's thread.
 *
 * Since: 0.1
 */
void
mp_load_file_async (GFile               *file,
                    MpLoadOptions       *options,
                    MpLoadReport        *report,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *d;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options));
  g_return_if_fail (report == NULL || MP_IS_LOAD_REPORT (report));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_load_file_async);

  d = g_new0 (AsyncData, 1);
  d->options = options != NULL ? _mp_load_options_copy (options) : mp_load_options_new ();
  d->report = report != NULL ? g_object_ref (report) : NULL;
  d->file = g_object_ref (file);
  g_task_set_task_data (task, d, async_data_free);

  g_task_run_in_thread (task, load_thread);
}

/**
 * mp_load_file_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes mp_load_file_async(): creates and validates the estimators and
 * fills the report given to mp_load_file_async().
 *
 * Returns: (transfer full): the estimator, or %NULL with the errors of
 *   mp_load_file()
 *
 * Since: 0.1
 */
MpEstimator *
mp_load_file_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_autoptr(MpLoadPlan) plan = NULL;
  AsyncData *d;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_load_file_async, NULL);

  d = g_task_get_task_data (G_TASK (result));
  plan = g_task_propagate_pointer (G_TASK (result), error);
  return finish_plan (plan, d->report, error);
}

/* ---- inspection --------------------------------------------------------- */

static char **
classify_types (MpLoadPlan     *plan,
                MpLoadOptions  *options,
                char         ***untrusted)
{
  g_autoptr(GPtrArray) names = _mp_load_plan_list_types (plan);
  GPtrArray *all = g_ptr_array_new_null_terminated (names->len, g_free, TRUE);
  GPtrArray *refused = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      /* g_type_from_name() only looks up; it registers nothing. */
      if (!mp_load_options_is_type_trusted (options, g_type_from_name (name)))
        g_ptr_array_add (refused, g_strdup (name));
      g_ptr_array_add (all, g_strdup (name));
    }

  if (untrusted != NULL)
    *untrusted = (char **) g_ptr_array_free (refused, FALSE);
  else
    g_ptr_array_unref (refused);
  return (char **) g_ptr_array_free (all, FALSE);
}

/**
 * mp_inspect_types_full:
 * @bytes: a single-stream model, or the JSON text of a bundle
 * @options: (nullable): the options a load would use, or %NULL for the
 *   defaults
 * @untrusted: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the type names a load with @options would refuse (unknown or not
 *   trusted)
 * @error: return location for a #GError
 *
 * Lists the estimator types a model would instantiate, without
 * instantiating, registering or initialising anything, so an application
 * can ask its user before trusting a type. The document is checked as a
 * load would check it (limits, syntax, duplicate keys, header, tree
 * shape, array descriptors) except for the trust of its types.
 *
 * Returns: (transfer full) (array zero-terminated=1): the distinct type
 *   names, sorted, or %NULL with the errors of a load
 *
 * Since: 0.1
 */
char **
mp_inspect_types_full (GBytes          *bytes,
                       MpLoadOptions   *options,
                       char          ***untrusted,
                       GError         **error)
{
  g_autoptr(MpLoadOptions) opts = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(MpLoadPlan) plan = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts = options_or_default (options);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  plan = _mp_read_for_inspection (stream, opts, NULL, error);
  if (plan == NULL)
    return NULL;
  return classify_types (plan, opts, untrusted);
}

/**
 * mp_inspect_types:
 * @bytes: a single-stream model, or the JSON text of a bundle
 * @untrusted: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the type names a default load would refuse
 * @error: return location for a #GError
 *
 * mp_inspect_types_full() with the default options.
 *
 * Returns: (transfer full) (array zero-terminated=1): the distinct type
 *   names, sorted, or %NULL with the errors of a load
 *
 * Since: 0.1
 */
char **
mp_inspect_types (GBytes   *bytes,
                  char   ***untrusted,
                  GError  **error)
{
  return mp_inspect_types_full (bytes, NULL, untrusted, error);
}

/**
 * mp_inspect_file_types_full:
 * @file: a bundle's JSON or a single-stream model
 * @options: (nullable): the options a load would use, or %NULL for the
 *   defaults
 * @untrusted: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the type names a load with @options would refuse
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mp_inspect_types() for a file; only the JSON is read, never the
 * payload or the sidecar.
 *
 * Returns: (transfer full) (array zero-terminated=1): the distinct type
 *   names, sorted, or %NULL
 *
 * Since: 0.1
 */
char **
mp_inspect_file_types_full (GFile          *file,
                            MpLoadOptions  *options,
                            char         ***untrusted,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(MpLoadOptions) opts = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(MpLoadPlan) plan = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (options == NULL || MP_IS_LOAD_OPTIONS (options), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, &local);
  if (stream == NULL)
    {
      propagate_io_error (error, g_steal_pointer (&local), "opening the model");
      return NULL;
    }

  opts = options_or_default (options);
  plan = _mp_read_for_inspection (G_INPUT_STREAM (stream), opts, cancellable, error);
  if (plan == NULL)
    return NULL;
  return classify_types (plan, opts, untrusted);
}

/**
 * mp_inspect_file_types:
 * @file: a bundle's JSON or a single-stream model
 * @untrusted: (out) (optional) (transfer full) (array zero-terminated=1):
 *   the type names a default load would refuse
 * @error: return location for a #GError
 *
 * mp_inspect_file_types_full() with the default options and no
 * cancellable.
 *
 * Returns: (transfer full) (array zero-terminated=1): the distinct type
 *   names, sorted, or %NULL
 *
 * Since: 0.1
 */
char **
mp_inspect_file_types (GFile    *file,
                       char   ***untrusted,
                       GError  **error)
{
  return mp_inspect_file_types_full (file, NULL, untrusted, NULL, error);
}
