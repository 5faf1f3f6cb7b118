/* mp-children.c: child estimators, declared once and enumerated in one
 * place
 *
 * A composite estimator (a pipeline, a meta-estimator, an ensemble) holds
 * its children in properties: one estimator, or an #MpEstimatorList. The
 * property's type says that it holds children; a declaration
 * (mp_estimator_type_declare_child() or a table entry) adds the children's
 * type, whether entries are named, whether the property is required and
 * which words may stand in for an estimator. Clone, the string form,
 * parameters by path, validation and the serializer all walk the children
 * through _mp_estimator_list_children().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mp-builtin-types-private.h"
#include "mp-children-private.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator-list-private.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"

typedef struct {
  GType         item_type;
  MpChildFlags  flags;
  GStrv         words;
  char         *example;
} ChildDeclaration;

static GQuark
child_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-child-declaration"));
  return (GQuark) quark;
}

static void
child_declaration_free (gpointer data)
{
  ChildDeclaration *declaration = data;

  g_strfreev (declaration->words);
  g_free (declaration->example);
  g_free (declaration);
}

static gboolean
is_list_type (GType type)
{
  return g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST);
}

static gboolean
is_list_model_type (GType type)
{
  return type == G_TYPE_LIST_MODEL || g_type_is_a (type, G_TYPE_LIST_MODEL);
}

gboolean
_mp_param_spec_get_child_spec (GParamSpec  *pspec,
                               MpChildSpec *spec)
{
  GType type = pspec->value_type;
  const ChildDeclaration *declaration;

  if (!g_type_is_a (type, MP_TYPE_ESTIMATOR) && !is_list_type (type) && !is_list_model_type (type))
    return FALSE;

  declaration = g_param_spec_get_qdata (pspec, child_quark ());
  if (declaration != NULL)
    {
      spec->item_type = declaration->item_type;
      spec->flags = declaration->flags;
      spec->words = (const char * const *) declaration->words;
      spec->example = declaration->example;
    }
  else
    {
      spec->item_type = g_type_is_a (type, MP_TYPE_ESTIMATOR) ? type : MP_TYPE_ESTIMATOR;
      spec->flags = MP_CHILD_FLAG_NONE;
      spec->words = NULL;
      spec->example = NULL;
    }
  return TRUE;
}

void
_mp_param_spec_declare_child (GParamSpec         *pspec,
                              GType               item_type,
                              const char * const *words,
                              MpChildFlags        flags,
                              const char         *example)
{
  ChildDeclaration *declaration = g_new0 (ChildDeclaration, 1);

  declaration->example = g_strdup (example);
  declaration->item_type = item_type;
  declaration->flags = flags;
  declaration->words = g_strdupv ((char **) words);
  g_param_spec_set_qdata_full (pspec, child_quark (), declaration, child_declaration_free);
}

/**
 * mp_estimator_type_declare_child:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: one of its properties holding an #MpEstimator (or a
 *   subtype) or an #MpEstimatorList
 * @child_type: the type every child must have: #MpEstimator, or a
 *   subtype (a forest's trees are decision trees)
 * @words: (array zero-terminated=1) (nullable): words an #MpEstimatorList
 *   entry may hold instead of an estimator (`"passthrough"`), or %NULL
 * @flags: whether list entries are named, whether the property is required
 * @error: return location for a #GError
 *
 * Declares what a child-estimator property holds, as a table entry does
 * for a class written in C; for classes written in Python or JavaScript.
 * Fit and load then refuse a child of another type, an unnamed entry in a
 * named list (or the other way round), a name equal to one of the
 * owner's parameters, an undeclared word, and, with
 * %MP_CHILD_FLAG_REQUIRED, no child at all; clone copies the children,
 * and the string form and parameter paths (`steps__clf__C`) reach into
 * them.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the
 *   property does not exist or cannot hold children, or @child_type is no
 *   estimator type
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_declare_child (GType                estimator_type,
                                 const char          *property_name,
                                 GType                child_type,
                                 const char * const  *words,
                                 MpChildFlags         flags,
                                 GError             **error)
{
  GParamSpec *pspec;
  MpChildSpec spec;

  g_return_val_if_fail (property_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = _mp_find_estimator_property (estimator_type, property_name, error);
  if (pspec == NULL)
    return FALSE;
  if (!_mp_param_spec_get_child_spec (pspec, &spec) || is_list_model_type (pspec->value_type))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s holds a %s, not an estimator or an MpEstimatorList",
                   property_name, g_type_name (pspec->value_type));
      return FALSE;
    }
  if (!g_type_is_a (child_type, MP_TYPE_ESTIMATOR) ||
      (g_type_is_a (pspec->value_type, MP_TYPE_ESTIMATOR) &&
       !g_type_is_a (child_type, pspec->value_type)))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "child_type: %s cannot be held by property '%s'",
                   g_type_name (child_type), property_name);
      return FALSE;
    }
  _mp_param_spec_declare_child (pspec, child_type, words, flags, NULL);
  return TRUE;
}

/* ---- examples ------------------------------------------------------------- */

/* An estimator of the type @type_name, built from its example; NULL if
 * the name is none. Examples name built-in types, which are registered
 * here: a caller may ask for a pipeline's example before it ever made a
 * scaler. */
static MpEstimator *
example_child (const char *type_name)
{
  guint n_builtins;
  GType type;

  _mp_builtin_estimator_types (&n_builtins);
  type = g_type_from_name (type_name);

  if (type == G_TYPE_INVALID || !g_type_is_a (type, MP_TYPE_ESTIMATOR) || G_TYPE_IS_ABSTRACT (type))
    return NULL;
  return _mp_estimator_type_new_example (type);
}

MpEstimator *
_mp_estimator_type_new_example (GType type)
{
  MpEstimator *estimator = g_object_new (type, NULL);
  g_autofree GParamSpec **params = NULL;
  guint n_params = 0;

  params = mp_estimator_list_properties (estimator, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      g_auto(GStrv) parts = NULL;
      MpChildSpec spec;
      const char *text = _mp_param_spec_get_string_example (params[i]);

      if (text != NULL)
        g_object_set (estimator, params[i]->name, text, NULL);
      if (!_mp_param_spec_get_child_spec (params[i], &spec) || spec.example == NULL)
        continue;

      parts = g_strsplit (spec.example, " ", -1);
      if (g_type_is_a (params[i]->value_type, MP_TYPE_ESTIMATOR))
        {
          g_autoptr(MpEstimator) child = example_child (parts[0]);
          g_assert (child != NULL);
          g_object_set (estimator, params[i]->name, child, NULL);
        }
      else
        {
          g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();

          for (guint k = 0; parts[k] != NULL; k++)
            {
              const char *equals = strchr (parts[k], '=');
              g_autofree char *name = equals != NULL ? g_strndup (parts[k], equals - parts[k]) : NULL;
              g_autoptr(MpEstimator) child = example_child (equals != NULL ? equals + 1 : parts[k]);

              g_assert (child != NULL);
              mp_estimator_list_append (list, name, child, NULL);
            }
          g_object_set (estimator, params[i]->name, list, NULL);
        }
    }
  return estimator;
}

/**
 * mp_estimator_type_new_example:
 * @estimator_type: a subtype of #MpEstimator that is not abstract
 *
 * Creates an estimator of @estimator_type with its default
 * hyperparameters and, for each child property that declares one, its
 * example children (a voting classifier's example members): an estimator
 * that fit accepts. Tests that cover every type (the contract test, the
 * fuzz seeds, the words tests of the bindings) start from it.
 *
 * Returns: (transfer full) (type MpEstimator): a new unfitted estimator
 *
 * Since: 0.1
 */
GObject *
mp_estimator_type_new_example (GType estimator_type)
{
  g_return_val_if_fail (g_type_is_a (estimator_type, MP_TYPE_ESTIMATOR), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (estimator_type), NULL);

  return G_OBJECT (_mp_estimator_type_new_example (estimator_type));
}

/* ---- the enumeration ------------------------------------------------------ */

static void
child_clear (gpointer data)
{
  MpChild *child = data;

  g_clear_pointer (&child->path, g_free);
  g_clear_pointer (&child->name, g_free);
  g_clear_object (&child->estimator);
}

static void
add_child (GArray      *children,
           GParamSpec  *pspec,
           char        *path,
           const char  *name,
           GObject     *estimator)
{
  MpChild child = {
    .pspec = pspec,
    .path = path,
    .name = g_strdup (name),
    .estimator = MP_IS_ESTIMATOR (estimator) ? g_object_ref (MP_ESTIMATOR (estimator)) : NULL,
  };

  if (child.estimator == NULL)
    {
      /* a GListModel holding something else: not a child (the
       * serializer refuses to store it) */
      child_clear (&child);
      return;
    }
  g_array_append_val (children, child);
}

GArray *
_mp_estimator_list_children (MpEstimator    *self,
                             MpPropertyRole  role)
{
  GArray *children = g_array_new (FALSE, TRUE, sizeof (MpChild));
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;

  g_array_set_clear_func (children, child_clear);

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      GParamSpec *pspec = all[i];
      MpPropertyRole pspec_role = mp_param_spec_get_role (pspec);
      const char *field = mp_param_spec_get_display_name (pspec);
      g_autoptr(GObject) held = NULL;
      MpChildSpec spec;

      if (pspec_role == MP_PROPERTY_ROLE_NONE || (role != MP_PROPERTY_ROLE_NONE && pspec_role != role))
        continue;
      if (!_mp_param_spec_get_child_spec (pspec, &spec) || (pspec->flags & G_PARAM_READABLE) == 0)
        continue;

      g_object_get (self, pspec->name, &held, NULL);
      if (held == NULL)
        continue;

      if (MP_IS_ESTIMATOR (held))
        add_child (children, pspec, g_strdup (field), NULL, held);
      else if (MP_IS_ESTIMATOR_LIST (held))
        {
          MpEstimatorList *list = MP_ESTIMATOR_LIST (held);

          for (guint k = 0; k < mp_estimator_list_get_n_items (list); k++)
            {
              MpEstimator *estimator = mp_estimator_list_get_estimator (list, k);

              if (estimator != NULL)
                add_child (children, pspec, g_strdup_printf ("%s[%u]", field, k),
                           mp_estimator_list_get_name (list, k), G_OBJECT (estimator));
            }
        }
      else if (G_IS_LIST_MODEL (held))
        {
          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (held)); k++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (held), k);

              add_child (children, pspec, g_strdup_printf ("%s[%u]", field, k), NULL, item);
            }
        }
    }
  return children;
}

/* ---- declared checks ------------------------------------------------------ */

static gboolean
child_error (GError     **error,
             int          code,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
child_error (GError     **error,
             int          code,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MP_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
check_child_type (MpEstimator  *child,
                  GType         item_type,
                  const char   *path,
                  int           code,
                  GError      **error)
{
  if (g_type_is_a (G_OBJECT_TYPE (child), item_type))
    return TRUE;
  return child_error (error, code, "%s: must be a %s, got a %s", path,
                      g_type_name (item_type), G_OBJECT_TYPE_NAME (child));
}

static gboolean
check_list (MpEstimator        *self,
            GParamSpec         *pspec,
            MpEstimatorList    *list,
            const MpChildSpec  *spec,
            int                 code,
            GError            **error)
{
  const char *field = mp_param_spec_get_display_name (pspec);
  gboolean named = (spec->flags & MP_CHILD_FLAG_NAMED) != 0;
  guint n = mp_estimator_list_get_n_items (list);

  if (n == 0 && (spec->flags & MP_CHILD_FLAG_REQUIRED))
    return child_error (error, code, "%s: must not be empty", field);
  if (n > 0 && mp_estimator_list_is_named (list) != named)
    return child_error (error, code, named ? "%s: every entry needs a name"
                                           : "%s: entries must not have names", field);

  for (guint k = 0; k < n; k++)
    {
      MpEstimator *estimator = mp_estimator_list_get_estimator (list, k);
      const char *word = mp_estimator_list_get_word (list, k);
      const char *name = mp_estimator_list_get_name (list, k);
      g_autofree char *path = g_strdup_printf ("%s[%u]", field, k);

      /* scikit-learn's rule: a step named like a parameter would make
       * set_params(name=...) ambiguous. Fitted lists are not reached by
       * set_params (a column transformer's transformers_ ends with the
       * entry scikit-learn names 'remainder'). */
      if (name != NULL && mp_param_spec_get_role (pspec) == MP_PROPERTY_ROLE_HYPERPARAMETER &&
          mp_estimator_find_param (self, name) != NULL)
        return child_error (error, code, "%s: the name '%s' is also a parameter of %s",
                            path, name, mp_estimator_get_display_name (self));

      if (estimator != NULL)
        {
          if (!check_child_type (estimator, spec->item_type, path, code, error))
            return FALSE;
        }
      else if (spec->words == NULL || !g_strv_contains (spec->words, word))
        {
          g_autofree char *allowed = spec->words != NULL
                                     ? g_strjoinv ("', '", (char **) spec->words) : NULL;

          if (allowed == NULL)
            return child_error (error, code, "%s: must be an estimator, got '%s'", path, word);
          return child_error (error, code, "%s: must be an estimator or one of '%s', got '%s'",
                              path, allowed, word);
        }
    }
  return TRUE;
}

gboolean
_mp_estimator_check_children (MpEstimator  *self,
                              GParamSpec   *pspec,
                              int           code,
                              GError      **error)
{
  const char *field = mp_param_spec_get_display_name (pspec);
  g_autoptr(GObject) held = NULL;
  MpChildSpec spec;

  if (!_mp_param_spec_get_child_spec (pspec, &spec) || (pspec->flags & G_PARAM_READABLE) == 0)
    return TRUE;

  g_object_get (self, pspec->name, &held, NULL);
  if (held == NULL)
    {
      if (spec.flags & MP_CHILD_FLAG_REQUIRED)
        return child_error (error, code, "%s: must be an estimator, got None", field);
      return TRUE;
    }

  if (MP_IS_ESTIMATOR (held))
    return check_child_type (MP_ESTIMATOR (held), spec.item_type, field, code, error);
  if (MP_IS_ESTIMATOR_LIST (held))
    return check_list (self, pspec, MP_ESTIMATOR_LIST (held), &spec, code, error);
  return TRUE;
}

/* ---- changes below ------------------------------------------------------- */

static guint64
stamp_below (MpEstimator *self,
             GPtrArray   *ancestors)
{
  g_autoptr(GArray) children = _mp_estimator_list_children (self, MP_PROPERTY_ROLE_NONE);
  guint64 stamp = 0;

  g_ptr_array_add (ancestors, self);
  for (guint i = 0; i < children->len; i++)
    {
      MpEstimator *child = g_array_index (children, MpChild, i).estimator;

      /* an estimator that contains itself (validate refuses it) must not
       * make this walk endless */
      if (g_ptr_array_find (ancestors, child, NULL))
        continue;
      stamp += _mp_estimator_get_generation (child) + stamp_below (child, ancestors);
    }
  g_ptr_array_remove_index (ancestors, ancestors->len - 1);
  return stamp;
}

guint64
_mp_estimator_children_stamp (MpEstimator *self)
{
  g_autoptr(GPtrArray) ancestors = g_ptr_array_new ();

  return stamp_below (self, ancestors);
}

/* ---- clone ---------------------------------------------------------------- */

void
_mp_child_value_clone (GValue *value)
{
  GObject *held;

  if (!G_VALUE_HOLDS_OBJECT (value) || (held = g_value_get_object (value)) == NULL)
    return;

  if (MP_IS_ESTIMATOR (held))
    g_value_take_object (value, mp_estimator_clone (MP_ESTIMATOR (held)));
  else if (MP_IS_ESTIMATOR_LIST (held))
    {
      MpEstimatorList *list = MP_ESTIMATOR_LIST (held);
      g_autoptr(MpEstimatorList) copy = mp_estimator_list_copy (list);

      for (guint k = 0; k < mp_estimator_list_get_n_items (copy); k++)
        {
          MpEstimator *estimator = mp_estimator_list_get_estimator (copy, k);
          g_autoptr(MpEstimator) clone = NULL;

          if (estimator == NULL)
            continue;
          clone = mp_estimator_clone (estimator);
          mp_estimator_list_replace (copy, k, clone, NULL, NULL);
        }
      g_value_set_object (value, copy);
    }
  else if (G_IS_LIST_MODEL (held))
    {
      /* the format's first lists: a GListStore of estimators */
      g_autoptr(GListStore) copy = g_list_store_new (MP_TYPE_ESTIMATOR);

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (held)); k++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (held), k);

          if (MP_IS_ESTIMATOR (item))
            {
              g_autoptr(MpEstimator) clone = mp_estimator_clone (MP_ESTIMATOR (item));
              g_list_store_append (copy, clone);
            }
        }
      if (g_type_is_a (G_TYPE_LIST_STORE, G_VALUE_TYPE (value)))
        g_value_set_object (value, copy);
    }
}
