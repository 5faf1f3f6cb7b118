/* mp-demo-window.c: open a model with the async API, show what it is,
 * and classify the values typed into the window
 *
 * The main loop never waits for a file: mp_load_file_async() reads and
 * checks the model in a worker thread while the spinner turns, and only
 * the estimators are created back in the main thread. Predicting one row
 * is quick, so it runs as the user types.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "mp-demo-window.h"

struct _MpDemoWindow
{
  GtkWindow     parent_instance;

  GtkSpinner   *spinner;
  GtkLabel     *status_label;
  GtkLabel     *estimator_label;
  GtkLabel     *metadata_label;
  GtkGrid      *feature_grid;
  GtkLabel     *prediction_label;

  GPtrArray    *entries;       /* GtkEntry, one per feature */
  MpEstimator  *model;
  GCancellable *loading;       /* non-NULL while a load runs */
};

G_DEFINE_FINAL_TYPE (MpDemoWindow, mp_demo_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (MpDemoWindow *self,
            const char   *text)
{
  gtk_label_set_text (self->status_label, text);
}

/* ---- predicting what is typed ------------------------------------------- */

static char *
format_label (MpArray *labels)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (mp_array_get_dtype (labels))
    {
    case MP_DTYPE_STRING:
      return g_strdup (mp_array_get_string (labels, 0));
    case MP_DTYPE_INT64:
    case MP_DTYPE_INT32:
    case MP_DTYPE_BOOL:
      return g_strdup_printf ("%.0f", mp_array_get_double (labels, 0));
    default:
      return g_strdup (g_ascii_dtostr (number, sizeof number, mp_array_get_double (labels, 0)));
    }
}

static void
update_prediction (MpDemoWindow *self)
{
  g_autofree gdouble *row = NULL;
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize shape[2];

  if (self->model == NULL || self->entries->len == 0)
    {
      gtk_label_set_text (self->prediction_label, "");
      return;
    }

  row = g_new (gdouble, self->entries->len);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const char *typed = gtk_editable_get_text (g_ptr_array_index (self->entries, i));
      char *end = NULL;

      row[i] = g_ascii_strtod (typed, &end);
      if (typed[0] == '\0' || *end != '\0')
        {
          gtk_label_set_text (self->prediction_label, "Type a number in every field");
          return;
        }
    }

  shape[0] = 1;
  shape[1] = self->entries->len;
  x = mp_array_new_float64 (row, self->entries->len, shape, 2, &error);
  if (x != NULL)
    labels = mp_estimator_predict (self->model, x, &error);
  if (labels == NULL)
    {
      text = g_strdup_printf ("Cannot predict: %s", error->message);
      gtk_label_set_text (self->prediction_label, text);
      return;
    }
  text = format_label (labels);
  {
    g_autofree char *shown = g_strdup_printf ("Prediction: %s", text);
    gtk_label_set_text (self->prediction_label, shown);
  }
}

static void
rebuild_features (MpDemoWindow *self)
{
  GtkWidget *child;
  guint n = mp_estimator_get_n_features_in (self->model);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->feature_grid))) != NULL)
    gtk_grid_remove (self->feature_grid, child);
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Feature %u", i + 1);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *entry = gtk_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      g_signal_connect_object (entry, "changed", G_CALLBACK (update_prediction), self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->feature_grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->feature_grid, entry, 1, (int) i, 1, 1);
      g_ptr_array_add (self->entries, entry);
    }
  update_prediction (self);
}

/* ---- showing a model ----------------------------------------------------- */

static char *
describe_metadata (MpLoadReport *report)
{
  g_autoptr(MpModelInfo) info = mp_load_report_get_model_info (report);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "Format %s, saved by libmodelpersist %s",
                          mp_load_report_get_format_version (report),
                          mp_load_report_get_producer_version (report));
  if (info == NULL)
    return g_string_free (text, FALSE);
  if (mp_model_info_get_program (info) != NULL)
    g_string_append_printf (text, "\nMade by: %s", mp_model_info_get_program (info));
  if (mp_model_info_get_snapshot_uri (info) != NULL)
    g_string_append_printf (text, "\nTraining data: %s", mp_model_info_get_snapshot_uri (info));
  if (mp_model_info_has_cross_validation (info))
    {
      g_autofree char *splitter = mp_model_info_dup_splitter_string (info);
      g_string_append_printf (text, "\nCross-validation: %s %.3f ± %.3f (%s)",
                              mp_model_info_get_scoring (info) != NULL ? mp_model_info_get_scoring (info) : "score",
                              mp_model_info_get_cv_mean (info), mp_model_info_get_cv_std (info), splitter);
    }
  return g_string_free (text, FALSE);
}

/* One load in flight: a newer one makes it stale. */
typedef struct {
  MpDemoWindow *self;
  MpLoadReport *report;
  GCancellable *cancellable;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_object_unref (load->report);
  g_object_unref (load->cancellable);
  g_free (load);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  MpDemoWindow *self = load->self;
  g_autoptr(MpEstimator) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *metadata = NULL;

  model = mp_load_file_finish (result, &error);
  if (load->cancellable != self->loading)
    {
      load_free (load);   /* a newer load replaced this one */
      return;
    }

  g_clear_object (&self->loading);
  gtk_spinner_stop (self->spinner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (model == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Not loaded: %s", error->message);
      set_status (self, message);
      load_free (load);
      return;
    }

  g_set_object (&self->model, model);
  description = mp_estimator_to_string (model);
  metadata = describe_metadata (load->report);
  gtk_label_set_text (self->estimator_label, description);
  gtk_label_set_text (self->metadata_label, metadata);
  set_status (self, "Type values to classify them.");
  rebuild_features (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  load_free (load);
}

void
mp_demo_window_open (MpDemoWindow *self,
                     GFile        *file)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  Load *load;

  g_return_if_fail (MP_DEMO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  name = g_file_get_basename (file);
  message = g_strdup_printf ("Loading %s…", name);
  set_status (self, message);
  gtk_spinner_start (self->spinner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->report = mp_load_report_new ();
  load->cancellable = g_object_ref (self->loading);
  mp_load_file_async (file, NULL, load->report, load->cancellable, on_loaded, load);
}

/* ---- actions --------------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  MpDemoWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      mp_demo_window_open (self, file);
    }
  g_object_unref (chooser);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MpDemoWindow *self = MP_DEMO_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) models = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new ("Open a Model", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_file_filter_set_name (models, "Models (bundles and single streams)");
  gtk_file_filter_add_pattern (models, "*.json");
  gtk_file_filter_add_pattern (models, "*.mpstream");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), models);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_example_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (MP_DEMO_EXAMPLE_MODEL_URI);

  mp_demo_window_open (MP_DEMO_WINDOW (widget), file);
}

/* ---- the object ------------------------------------------------------------ */

static void
mp_demo_window_dispose (GObject *object)
{
  MpDemoWindow *self = MP_DEMO_WINDOW (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->model);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_DEMO_TYPE_WINDOW);
  G_OBJECT_CLASS (mp_demo_window_parent_class)->dispose (object);
}

static void
mp_demo_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MpDemoWindow *self = MP_DEMO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_demo_window_class_init (MpDemoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_demo_window_dispose;
  object_class->get_property = mp_demo_window_get_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MP_TYPE_ESTIMATOR,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gnome/ModelPersist/Demo/mp-demo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDemoWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpDemoWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MpDemoWindow, estimator_label);
  gtk_widget_class_bind_template_child (widget_class, MpDemoWindow, metadata_label);
  gtk_widget_class_bind_template_child (widget_class, MpDemoWindow, feature_grid);
  gtk_widget_class_bind_template_child (widget_class, MpDemoWindow, prediction_label);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
}

static void
mp_demo_window_init (MpDemoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new ();
}

MpDemoWindow *
mp_demo_window_new (GtkApplication *application)
{
  return g_object_new (MP_DEMO_TYPE_WINDOW, "application", application, NULL);
}

MpEstimator *
mp_demo_window_get_model (MpDemoWindow *self)
{
  g_return_val_if_fail (MP_DEMO_IS_WINDOW (self), NULL);
  return self->model;
}

gboolean
mp_demo_window_get_loading (MpDemoWindow *self)
{
  g_return_val_if_fail (MP_DEMO_IS_WINDOW (self), FALSE);
  return self->loading != NULL;
}

const char *
mp_demo_window_get_status (MpDemoWindow *self)
{
  g_return_val_if_fail (MP_DEMO_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

const char *
mp_demo_window_get_prediction (MpDemoWindow *self)
{
  g_return_val_if_fail (MP_DEMO_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->prediction_label);
}

GtkEditable *
mp_demo_window_get_feature_entry (MpDemoWindow *self,
                                  guint         index)
{
  g_return_val_if_fail (MP_DEMO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}
