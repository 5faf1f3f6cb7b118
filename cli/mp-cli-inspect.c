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

/* ---- the tree, as text ---------------------------------------------------- */

static void print_estimator (MpEstimator *estimator, const char *name, guint depth, guint64 *total);

static void
print_children (GObject    *object,
                GParamSpec *pspec,
                guint       depth,
                guint64    *total)
{
  const char *name = mp_param_spec_get_display_name (pspec);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (g_value_get_object (&value) == NULL)
    return;

  if (MP_IS_ESTIMATOR (g_value_get_object (&value)))
    {
      print_estimator (g_value_get_object (&value), name, depth, total);
      return;
    }

  {
    MpEstimatorList *list = g_value_get_object (&value);
    guint n = mp_estimator_list_get_n_items (list);

    if (depth == G_MAXUINT)
      {
        for (guint i = 0; i < n; i++)
          if (mp_estimator_list_get_estimator (list, i) != NULL)
            print_estimator (mp_estimator_list_get_estimator (list, i), NULL, G_MAXUINT, total);
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
                print_estimator (mp_estimator_list_get_estimator (list, i), NULL, G_MAXUINT, total);
            break;
          }
        if (child == NULL)
          printf ("%*s%s: \"%s\"\n", (depth + 1) * 2, "", label, mp_estimator_list_get_word (list, i));
        else
          print_estimator (child, label, depth + 1, total);
      }
  }
}

/* depth G_MAXUINT: count the arrays without printing. */
static void
print_estimator (MpEstimator *estimator,
                 const char  *name,
                 guint        depth,
                 guint64     *total)
{
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
      MpArray *array;

      if (fitted[i]->value_type != MP_TYPE_ARRAY)
        continue;
      g_value_init (&value, MP_TYPE_ARRAY);
      g_object_get_property (object, fitted[i]->name, &value);
      array = g_value_get_boxed (&value);
      if (array == NULL)
        continue;
      *total += mp_array_get_n_bytes (array);
      if (!quiet)
        {
          g_autofree char *shape = shape_text (array);
          g_autofree char *size = g_format_size (mp_array_get_n_bytes (array));

          printf ("%*s  %-24s %-8s %-14s %s\n", depth * 2, "", mp_param_spec_get_display_name (fitted[i]),
                  mp_dtype_to_string (mp_array_get_dtype (array)), shape, size);
        }
    }

  for (guint i = 0; i < n_hyper; i++)
    if (is_child_type (hyper[i]->value_type))
      print_children (object, hyper[i], quiet ? depth : depth + 1, total);
  for (guint i = 0; i < n_fitted; i++)
    if (is_child_type (fitted[i]->value_type))
      print_children (object, fitted[i], quiet ? depth : depth + 1, total);
}

/* ---- the tree, as JSON ---------------------------------------------------- */

static void build_estimator (JsonBuilder *builder, MpEstimator *estimator);

static void
build_children (JsonBuilder *builder,
                GObject     *object,
                GParamSpec  *pspec)
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
    build_estimator (builder, MP_ESTIMATOR (child));
  else
    {
      MpEstimatorList *list = MP_ESTIMATOR_LIST (child);

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
              build_estimator (builder, mp_estimator_list_get_estimator (list, i));
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
                 MpEstimator *estimator)
{
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
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "children");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_hyper; i++)
    if (is_child_type (hyper[i]->value_type))
      build_children (builder, object, hyper[i]);
  for (guint i = 0; i < n_fitted; i++)
    if (is_child_type (fitted[i]->value_type))
      build_children (builder, object, fitted[i]);
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
      build_estimator (builder, estimator);
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
  guint64 total = 0;
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
    }

  if (as_json)
    return print_json (argv[1], types, untrusted, estimator, report);

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
  print_estimator (estimator, NULL, 0, &total);
  {
    g_autofree char *size = g_format_size (total);
    printf ("arrays: %s in all\n", size);
  }
  return MP_CLI_EXIT_OK;
}
