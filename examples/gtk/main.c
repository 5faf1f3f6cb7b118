/* main.c: modelpersist-demo, a GTK 4 application that opens a model and
 * classifies values typed into its window
 *
 *   modelpersist-demo               the window, with the shipped example
 *   modelpersist-demo FILE          the window, with FILE
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "mp-demo-window.h"

static MpDemoWindow *
new_window (GtkApplication *application)
{
  MpDemoWindow *window = mp_demo_window_new (application);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_activate (GtkApplication *application)
{
  g_autoptr(GFile) example = g_file_new_for_uri (MP_DEMO_EXAMPLE_MODEL_URI);

  mp_demo_window_open (new_window (application), example);
}

static void
on_open (GtkApplication  *application,
         GFile          **files,
         int              n_files,
         const char      *hint)
{
  for (int i = 0; i < n_files; i++)
    mp_demo_window_open (new_window (application), files[i]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkApplication) application =
    gtk_application_new ("org.gnome.ModelPersist.Demo", G_APPLICATION_HANDLES_OPEN);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  g_signal_connect (application, "open", G_CALLBACK (on_open), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
