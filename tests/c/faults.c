/* faults.c: the save protocol under injected failures at every point
 *
 * Each system call a bundle save makes (open with O_CREAT, write, fsync,
 * rename, close) and each GIO stream operation of the writer (write,
 * flush, close) is made to fail in turn at its 1st, 2nd, ... call until a
 * save makes fewer calls than that. After every attempt:
 * - a failed save reports MP_ERROR_IO with the operating system's
 *   message, and the directory holds exactly the files it held before,
 *   with the old model loading and predicting as before;
 * - a save that tolerated the failure (closing a file already synced,
 *   syncing the directory after the final rename) holds the new model and
 *   no other file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <modelpersist.h>

#include "fault-shim.h"
#include "mp-persist-private.h"

typedef struct {
  MpDataset   *iris;
  MpEstimator *old_model;
  MpEstimator *new_model;
  MpArray     *old_predictions;
  MpArray     *new_predictions;
} Models;

static Models models;

static MpArray *
predict_iris (MpEstimator *estimator)
{
  g_autoptr(GError) error = NULL;
  MpArray *y = mp_estimator_predict (estimator, mp_dataset_get_data (models.iris), &error);

  g_assert_no_error (error);
  return y;
}

static void
assert_same_array (MpArray *a,
                   MpArray *b)
{
  gsize la, lb;
  gconstpointer da = mp_array_get_data (a, &la);
  gconstpointer db = mp_array_get_data (b, &lb);

  g_assert_cmpmem (da, la, db, lb);
}

static void
setup_models (void)
{
  g_autoptr(GError) error = NULL;

  models.iris = mp_load_iris (&error);
  g_assert_no_error (error);
  models.old_model = mp_dummy_classifier_new ();
  g_assert_true (mp_estimator_fit (models.old_model, mp_dataset_get_data (models.iris),
                                   mp_dataset_get_target (models.iris), &error));
  models.new_model = MP_ESTIMATOR (mp_svc_new ());
  g_assert_true (mp_estimator_fit (models.new_model, mp_dataset_get_data (models.iris),
                                   mp_dataset_get_target (models.iris), &error));
  g_assert_no_error (error);
  models.old_predictions = predict_iris (models.old_model);
  models.new_predictions = predict_iris (models.new_model);
}

static void
teardown_models (void)
{
  g_clear_object (&models.iris);
  g_clear_object (&models.old_model);
  g_clear_object (&models.new_model);
  g_clear_pointer (&models.old_predictions, mp_array_unref);
  g_clear_pointer (&models.new_predictions, mp_array_unref);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

static void
remove_tree (const char *dir)
{
  g_auto(GStrv) names = list_dir (dir);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The model at @path loads and predicts like @expected_predictions. */
static void
assert_model (const char *path,
              GType       type,
              MpArray    *expected_predictions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEstimator) loaded = mp_load (path, &error);
  g_autoptr(MpArray) y = NULL;

  g_assert_no_error (error);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (loaded, type));
  y = predict_iris (loaded);
  assert_same_array (expected_predictions, y);
}

/* A failure that must leave everything as it was, or that the save
 * tolerated; returns TRUE when the save succeeded. */
static gboolean
check_attempt (const char *dir,
               const char *path,
               GStrv       before,
               gboolean    saved,
               GError     *error,
               const char *expected_message)
{
  g_auto(GStrv) after = list_dir (dir);

  if (!saved)
    {
      g_assert_error (error, MP_ERROR, MP_ERROR_IO);
      if (expected_message != NULL && strstr (error->message, expected_message) == NULL)
        g_error ("\"%s\" does not contain \"%s\"", error->message, expected_message);
      g_assert_cmpstrv (before, after);
      assert_model (path, MP_TYPE_DUMMY_CLASSIFIER, models.old_predictions);
      return FALSE;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (after), ==, 2);
  assert_model (path, MP_TYPE_SVC, models.new_predictions);
  return TRUE;
}

static void
save_old (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_dump (models.old_model, path, &error));
  g_assert_no_error (error);
}

typedef struct {
  FaultOp     op;
  int         error_number;
  const char *errno_name;
} SyscallCase;

static void
test_syscall (gconstpointer data)
{
  const SyscallCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-faults-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  guint n, n_failed = 0, n_tolerated = 0;

  save_old (path);

  for (n = 1; n < 10000; n++)
    {
      g_auto(GStrv) before = list_dir (dir);
      gboolean saved;
      guint calls;

      fault_arm (c->op, n, c->error_number);
      saved = mp_dump (models.new_model, path, &error);
      calls = fault_disarm ();

      if (calls < n)
        {
          /* The save made fewer calls: every point has been tried. */
          g_assert_no_error (error);
          g_assert_true (saved);
          break;
        }
      if (check_attempt (dir, path, before, saved, error, g_strerror (c->error_number)))
        {
          n_tolerated++;
          save_old (path);
        }
      else
        n_failed++;
      g_clear_error (&error);
    }

  g_test_message ("%s: %u calls per save; %u failures reported, %u tolerated",
                  fault_op_name (c->op), n - 1, n_failed, n_tolerated);
  /* Every op but close is on the save's critical path at least once. */
  if (c->op != FAULT_CLOSE)
    g_assert_cmpuint (n_failed, >, 0);
  remove_tree (dir);
}

/* A save syncs exactly what its guarantee needs (docs/saving.md): the
 * sidecar's data, the JSON's data, and the directory after the switch;
 * replacing a model costs no more than the first save. */
static void
test_fsync_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-faults-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_auto(GStrv) names = NULL;

  for (guint round = 0; round < 3; round++)
    {
      MpEstimator *model = round == 1 ? models.old_model : models.new_model;

      fault_arm (FAULT_FSYNC, G_MAXUINT, EIO);
      g_assert_true (mp_dump (model, path, &error));
      g_assert_cmpuint (fault_disarm (), ==, 3);
      g_assert_no_error (error);
    }
  /* The third save replaced the DummyClassifier's bundle: its sidecar
   * went with it. */
  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  assert_model (path, MP_TYPE_SVC, models.new_predictions);
  remove_tree (dir);
}

/* ---- a GIO stream whose Nth write, flush or close fails ------------------ */

typedef enum { STREAM_WRITE, STREAM_FLUSH, STREAM_CLOSE } StreamOp;

typedef struct {
  StreamOp op;
  guint    nth;
  guint    count;
} StreamFault;

#define TEST_TYPE_FAULTY_STREAM (test_faulty_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestFaultyStream, test_faulty_stream, TEST, FAULTY_STREAM, GOutputStream)

struct _TestFaultyStream
{
  GOutputStream  parent_instance;
  GOutputStream *base;
  StreamFault   *fault;
};

G_DEFINE_FINAL_TYPE (TestFaultyStream, test_faulty_stream, G_TYPE_OUTPUT_STREAM)

static gboolean
stream_fails (TestFaultyStream *self,
              StreamOp          op,
              GError          **error)
{
  if (op != self->fault->op || ++self->fault->count != self->fault->nth)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "injected stream failure");
  return TRUE;
}

static gssize
faulty_write (GOutputStream  *stream,
              const void     *buffer,
              gsize           count,
              GCancellable   *cancellable,
              GError        **error)
{
  TestFaultyStream *self = TEST_FAULTY_STREAM (stream);

  if (stream_fails (self, STREAM_WRITE, error))
    return -1;
  return g_output_stream_write (self->base, buffer, count, cancellable, error);
}

static gboolean
faulty_flush (GOutputStream  *stream,
              GCancellable   *cancellable,
              GError        **error)
{
  TestFaultyStream *self = TEST_FAULTY_STREAM (stream);

  if (stream_fails (self, STREAM_FLUSH, error))
    return FALSE;
  return g_output_stream_flush (self->base, cancellable, error);
}

static gboolean
faulty_close (GOutputStream  *stream,
              GCancellable   *cancellable,
              GError        **error)
{
  TestFaultyStream *self = TEST_FAULTY_STREAM (stream);

  if (stream_fails (self, STREAM_CLOSE, error))
    return FALSE;
  return g_output_stream_close (self->base, cancellable, error);
}

static void
test_faulty_stream_finalize (GObject *object)
{
  g_clear_object (&TEST_FAULTY_STREAM (object)->base);
  G_OBJECT_CLASS (test_faulty_stream_parent_class)->finalize (object);
}

static void
test_faulty_stream_class_init (TestFaultyStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_faulty_stream_finalize;
  stream_class->write_fn = faulty_write;
  stream_class->flush = faulty_flush;
  stream_class->close_fn = faulty_close;
}

static void
test_faulty_stream_init (TestFaultyStream *self)
{
}

static GOutputStream *
wrap_faulty (GOutputStream *base,
             gpointer       user_data)
{
  TestFaultyStream *self = g_object_new (TEST_TYPE_FAULTY_STREAM, NULL);

  self->base = g_object_ref (base);
  self->fault = user_data;
  return G_OUTPUT_STREAM (self);
}

static void
test_stream_op (gconstpointer data)
{
  StreamOp op = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mp-faults-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  guint n;

  save_old (path);
  for (n = 1; n < 10000; n++)
    {
      g_auto(GStrv) before = list_dir (dir);
      StreamFault fault = { op, n, 0 };
      gboolean saved;

      saved = _mp_dump_with_metadata (models.new_model, NULL, NULL, path, wrap_faulty, &fault, NULL, &error);
      if (fault.count < n)
        {
          g_assert_no_error (error);
          g_assert_true (saved);
          break;
        }
      g_assert_false (check_attempt (dir, path, before, saved, error, "injected stream failure"));
      g_clear_error (&error);
    }
  g_test_message ("%u calls per save, each failure reported", n - 1);
  g_assert_cmpuint (n, >, 1);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const SyscallCase syscalls[] = {
    { FAULT_OPEN, EMFILE, "EMFILE" },
    { FAULT_WRITE, ENOSPC, "ENOSPC" },
    { FAULT_WRITE, EIO, "EIO" },
    { FAULT_FSYNC, EIO, "EIO" },
    { FAULT_RENAME, EXDEV, "EXDEV" },
    { FAULT_CLOSE, EIO, "EIO" },
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  setup_models ();

  for (guint i = 0; i < G_N_ELEMENTS (syscalls); i++)
    {
      g_autofree char *name = g_strdup_printf ("/faults/syscall/%s/%s", fault_op_name (syscalls[i].op),
                                               syscalls[i].errno_name);
      g_test_add_data_func (name, &syscalls[i], test_syscall);
    }
  g_test_add_func ("/faults/fsync-count", test_fsync_count);
  g_test_add_data_func ("/faults/stream/write", GINT_TO_POINTER (STREAM_WRITE), test_stream_op);
  g_test_add_data_func ("/faults/stream/flush", GINT_TO_POINTER (STREAM_FLUSH), test_stream_op);
  g_test_add_data_func ("/faults/stream/close", GINT_TO_POINTER (STREAM_CLOSE), test_stream_op);

  status = g_test_run ();
  teardown_models ();
  return status;
}
