/* reference-example.c: scikit-learn's model persistence example, in C
 *
 * Trains an SVC on iris, prints it, saves it to bytes and back, predicts the
 * first sample, saves it to a file, loads that file in a separate process and
 * checks that every prediction agrees, and saves and loads it through a
 * memory stream, the analogue of a Python file object.
 *
 *   reference-example DIR          run the whole example, writing into DIR
 *   reference-example --predict F  load the model F and print a prediction
 *                                  per iris sample (the separate process)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>
#include <modelpersist.h>
#include <stdlib.h>

/* The string form of the reference page's classifier. */
#define REFERENCE "SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0, " \
                  "decision_function_shape='ovr', degree=3, gamma='scale', kernel='rbf', " \
                  "max_iter=-1, probability=False, random_state=None, shrinking=True, " \
                  "tol=0.001, verbose=False)"

static char *
format_labels (MpArray *labels)
{
  GString *out = g_string_new ("[");

  for (gsize i = 0; i < mp_array_get_n_elements (labels); i++)
    g_string_append_printf (out, "%s%g", i > 0 ? " " : "", mp_array_get_double (labels, i));
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

/* The first row of X, as X[0:1] in Python. */
static MpArray *
first_row (MpArray *x)
{
  gsize shape[2] = { 1, mp_array_get_dim (x, 1) };

  return mp_array_new_float64 (mp_array_get_float64_data (x), shape[1], shape, 2, NULL);
}

static int
predict_in_this_process (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  g_autoptr(MpEstimator) clf = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autofree char *text = NULL;

  if (iris != NULL)
    clf = mp_load (path, &error);
  if (clf != NULL)
    predicted = mp_estimator_predict (clf, mp_dataset_get_data (iris), &error);
  if (predicted == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return EXIT_FAILURE;
    }

  text = format_labels (predicted);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static gboolean
check (gboolean    condition,
       const char *what)
{
  if (!condition)
    g_printerr ("FAILED: %s\n", what);
  return condition;
}

static int
run_example (const char *self_path,
             const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = NULL;
  g_autoptr(MpEstimator) clf = NULL;
  g_autoptr(MpEstimator) clf2 = NULL;
  g_autoptr(MpEstimator) clf3 = NULL;
  g_autoptr(MpArray) x0 = NULL;
  g_autoptr(MpArray) predicted0 = NULL;
  g_autoptr(MpArray) predicted_all = NULL;
  g_autoptr(MpArray) predicted_stream = NULL;
  g_autoptr(GBytes) s = NULL;
  g_autoptr(GOutputStream) memory_out = NULL;
  g_autoptr(GInputStream) memory_in = NULL;
  g_autoptr(GBytes) streamed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *child_out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *labels0 = NULL;
  int child_status = 0;
  gboolean ok = TRUE;
  const char *argv[4];

  /* >>> from sklearn import svm, datasets
   * >>> clf = svm.SVC(gamma='scale')
   * >>> X, y = datasets.load_iris(return_X_y=True)
   * >>> clf.fit(X, y) */
  iris = mp_load_iris (&error);
  if (iris == NULL)
    goto fail;
  clf = g_object_new (MP_TYPE_SVC, "gamma", "scale", NULL);
  if (!mp_estimator_fit (clf, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
    goto fail;
  text = mp_estimator_to_string (clf);
  g_print ("%s\n", text);
  ok &= check (g_strcmp0 (text, REFERENCE) == 0, "the string form is the reference page's");

  /* >>> s = pickle.dumps(clf); clf2 = pickle.loads(s) */
  s = mp_dumps (clf, &error);
  if (s == NULL)
    goto fail;
  clf2 = mp_loads (s, &error);
  if (clf2 == NULL)
    goto fail;
  g_print ("dumps: %" G_GSIZE_FORMAT " bytes\n", g_bytes_get_size (s));

  /* >>> clf2.predict(X[0:1]) -> array([0]); y[0] -> 0 */
  x0 = first_row (mp_dataset_get_data (iris));
  predicted0 = mp_estimator_predict (clf2, x0, &error);
  if (predicted0 == NULL)
    goto fail;
  labels0 = format_labels (predicted0);
  g_print ("clf2.predict(X[0:1]) = %s\n", labels0);
  g_print ("y[0] = %g\n", mp_array_get_double (mp_dataset_get_target (iris), 0));
  ok &= check (mp_array_get_double (predicted0, 0) == 0.0, "clf2.predict(X[0:1]) is [0]");
  ok &= check (mp_array_get_double (mp_dataset_get_target (iris), 0) == 0.0, "y[0] is 0");

  /* >>> dump(clf, 'filename.joblib'), then load it in another process. */
  path = g_build_filename (dir, "iris-svc.json", NULL);
  if (!mp_dump (clf, path, &error))
    goto fail;
  g_print ("dump: %s\n", path);

  argv[0] = self_path;
  argv[1] = "--predict";
  argv[2] = path;
  argv[3] = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &child_out, NULL, &child_status, &error) ||
      !g_spawn_check_wait_status (child_status, &error))
    goto fail;

  predicted_all = mp_estimator_predict (clf, mp_dataset_get_data (iris), &error);
  if (predicted_all == NULL)
    goto fail;
  expected = format_labels (predicted_all);
  g_strchomp (child_out);
  ok &= check (g_strcmp0 (child_out, expected) == 0,
               "the separate process predicts the same 150 labels");
  g_print ("load in a new process: %s predictions agree\n",
           g_strcmp0 (child_out, expected) == 0 ? "all 150" : "NOT all");

  /* A file-like object: a GIO memory stream. */
  memory_out = g_memory_output_stream_new_resizable ();
  if (!mp_dump_to_stream (clf, memory_out, &error) ||
      !g_output_stream_close (memory_out, NULL, &error))
    goto fail;
  streamed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory_out));
  memory_in = g_memory_input_stream_new_from_bytes (streamed);
  clf3 = mp_load_from_stream (memory_in, &error);
  if (clf3 == NULL)
    goto fail;
  predicted_stream = mp_estimator_predict (clf3, mp_dataset_get_data (iris), &error);
  if (predicted_stream == NULL)
    goto fail;
  ok &= check (mp_array_equal (predicted_stream, predicted_all),
               "a model read back from a memory stream predicts the same");
  g_print ("memory stream: %" G_GSIZE_FORMAT " bytes, predictions agree\n",
           g_bytes_get_size (streamed));

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;

fail:
  g_printerr ("reference-example: %s\n", error->message);
  return EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--predict"))
    return predict_in_this_process (argv[2]);

  if (argc != 2)
    {
      g_printerr ("usage: %s DIR | --predict MODEL.json\n", argv[0]);
      return 2;
    }

  return run_example (argv[0], argv[1]);
}
