/* mp-demo-window.h: a window that opens a model and classifies values
 * typed into it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <modelpersist.h>

G_BEGIN_DECLS

#define MP_DEMO_TYPE_WINDOW (mp_demo_window_get_type ())
G_DECLARE_FINAL_TYPE (MpDemoWindow, mp_demo_window, MP_DEMO, WINDOW, GtkWindow)

/* The model the application ships, compiled into it as a GResource. */
#define MP_DEMO_EXAMPLE_MODEL_URI "resource:///org/gnome/ModelPersist/Demo/iris-svc.mpstream"

MpDemoWindow *mp_demo_window_new                (GtkApplication *application);

/* Starts loading @file without blocking the main loop; a load already
 * running is cancelled. */
void          mp_demo_window_open               (MpDemoWindow   *self,
                                                 GFile          *file);

/* What the window shows, for tests and assistive technology. */
MpEstimator  *mp_demo_window_get_model          (MpDemoWindow   *self);
gboolean      mp_demo_window_get_loading        (MpDemoWindow   *self);
const char   *mp_demo_window_get_status         (MpDemoWindow   *self);
const char   *mp_demo_window_get_prediction     (MpDemoWindow   *self);
GtkEditable  *mp_demo_window_get_feature_entry  (MpDemoWindow   *self,
                                                 guint           index);

G_END_DECLS
