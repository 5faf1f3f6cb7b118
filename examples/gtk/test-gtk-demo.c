/* test-gtk-demo.c: the demo window driven as a user drives it, under
 * Xvfb: load the shipped model from its GResource without blocking, type
 * values, read the prediction, refuse a hostile file, save a screenshot.
 *
 * The expected labels come from the library itself on the same model and
 * from iris's own targets, never from numbers written here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "mp-demo-window.h"

static void
wait_until_loaded (MpDemoWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (mp_demo_window_get_loading (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
settle (void)
{
  /* Layout and drawing of what just changed. */
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Types row @row of @data into the window as a person would (the shortest
 * text for each value) and returns the numbers that text means. */
static MpArray *
type_row (MpDemoWindow *window,
          MpArray      *data,
          gsize         row,
          gsize         n_features)
{
  g_autofree gdouble *typed = g_new (gdouble, n_features);
  gsize shape[2] = { 1, n_features };

  for (gsize j = 0; j < n_features; j++)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%.15g", mp_array_get_double (data, row * n_features + j));
      gtk_editable_set_text (mp_demo_window_get_feature_entry (window, (guint) j), text);
      typed[j] = g_ascii_strtod (text, NULL);
    }
  settle ();
  return mp_array_new_float64 (typed, n_features, shape, 2, NULL);
}

static char *
expected_prediction (MpEstimator *model,
                     MpArray     *x)
{
  g_autoptr(MpArray) labels = mp_estimator_predict (model, x, NULL);

  return g_strdup_printf ("Prediction: %.0f", mp_array_get_double (labels, 0));
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* A few frames of the window's clock: mapped, laid out and drawn. */
static void
wait_for_frames (GtkWidget *widget,
                 guint      wanted)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  while (frames < wanted)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_widget_remove_tick_callback (widget, id);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  wait_for_frames (widget, 3);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%dx%d)", path, width, height);
}

static void
test_window (void)
{
  g_autoptr(GFile) example = g_file_new_for_uri (MP_DEMO_EXAMPLE_MODEL_URI);
  g_autoptr(MpEstimator) oracle = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (NULL);
  g_autoptr(GError) error = NULL;
  MpArray *data = mp_dataset_get_data (iris);
  MpArray *target = mp_dataset_get_target (iris);
  MpDemoWindow *window = mp_demo_window_new (NULL);
  g_autofree char *evil_dir = NULL, *evil_path = NULL, *screenshot = NULL;
  g_autoptr(GFile) evil = NULL;
  const gsize rows[] = { 0, 75, 149 };
  guint n_features;
  /* protocol 2: os.system('touch ...'), as an attacker would send it */
  static const char payload[] =
    "\x80\x02" "cposix\nsystem\nq\x00X\x17\x00\x00\x00touch /tmp/mp-PWNED-gtkq\x01\x85q\x02Rq\x03.";

  gtk_window_present (GTK_WINDOW (window));
  settle ();

  /* Opening returns at once; the file is read in a worker thread. */
  mp_demo_window_open (window, example);
  g_assert_true (mp_demo_window_get_loading (window));
  g_assert_null (mp_demo_window_get_model (window));
  wait_until_loaded (window);
  g_assert_nonnull (mp_demo_window_get_model (window));
  g_assert_cmpstr (mp_demo_window_get_status (window), ==, "Type values to classify them.");

  oracle = mp_load_file (example, &error);
  g_assert_no_error (error);
  n_features = mp_estimator_get_n_features_in (oracle);
  g_assert_cmpuint (n_features, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(MpArray) typed = type_row (window, data, rows[i], n_features);
      g_autofree char *expected = expected_prediction (oracle, typed);
      g_autofree char *truth = g_strdup_printf ("Prediction: %.0f", mp_array_get_double (target, rows[i]));

      g_assert_cmpstr (mp_demo_window_get_prediction (window), ==, expected);
      /* These three rows are ones the SVC classifies correctly. */
      g_assert_cmpstr (mp_demo_window_get_prediction (window), ==, truth);
    }

  screenshot = g_build_filename (g_getenv ("MP_TEST_ARTEFACT_DIR") != NULL
                                   ? g_getenv ("MP_TEST_ARTEFACT_DIR") : g_get_tmp_dir (),
                                 "gtk-demo.png", NULL);
  save_screenshot (GTK_WIDGET (window), screenshot);

  gtk_editable_set_text (mp_demo_window_get_feature_entry (window, 2), "abc");
  settle ();
  g_assert_cmpstr (mp_demo_window_get_prediction (window), ==, "Type a number in every field");

  /* A hostile pickle: refused, shown, the previous model kept, nothing run. */
  evil_dir = g_dir_make_tmp ("modelpersist-demo-XXXXXX", &error);
  g_assert_no_error (error);
  evil_path = g_build_filename (evil_dir, "model.json", NULL);
  g_assert_true (g_file_set_contents (evil_path, payload, sizeof payload - 1, NULL));
  evil = g_file_new_for_path (evil_path);
  mp_demo_window_open (window, evil);
  wait_until_loaded (window);
  g_assert_true (g_str_has_prefix (mp_demo_window_get_status (window), "Not loaded: "));
  g_assert_nonnull (mp_demo_window_get_model (window));
  g_assert_false (g_file_test ("/tmp/mp-PWNED-gtk", G_FILE_TEST_EXISTS));

  g_unlink (evil_path);
  g_rmdir (evil_dir);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gtk-demo/window", test_window);
  return g_test_run ();
}
