/* mp-property-table.c: an estimator class's properties as one table
 *
 * A class lists its properties once (mp-property-table-private.h); this
 * file turns each entry into a GParamSpec carrying the entry, and
 * implements get_property, set_property and the freeing of owned fields
 * by the entry's offset, so no class writes a property switch.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-children-private.h"
#include "mp-declarations-private.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"

static GQuark
entry_quark (void)
{
  return g_quark_from_static_string ("mp-property-decl");
}

static const MpPropertyDecl *
entry_of (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, entry_quark ());
}

static gpointer
field_of (gpointer              instance,
          const MpPropertyDecl *entry)
{
  return G_STRUCT_MEMBER_P (instance, entry->offset);
}

static GParamSpec *
build_pspec (const MpPropertyDecl *e)
{
  /* Hyperparameters get their defaults through G_PARAM_CONSTRUCT, so the
   * pspec's default is the one place a default is written. Ranges are
   * left wide open: the declared constraint, checked at fit and load with
   * an MP_ERROR naming the parameter, is the range; GLib's own range
   * check would only print a warning and keep the old value. GLib finds
   * NaN outside even (-inf, inf), so doubles validate laxly: C = nan is
   * stored, and refused by the constraint. */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags scalar = flags | G_PARAM_CONSTRUCT;

  switch (e->kind)
    {
    case MP_FIELD_BOOLEAN:
      return g_param_spec_boolean (e->name, NULL, NULL, e->default_number != 0, scalar);
    case MP_FIELD_INT:
      return g_param_spec_int (e->name, NULL, NULL, G_MININT, G_MAXINT, (int) e->default_number, scalar);
    case MP_FIELD_UINT:
      return g_param_spec_uint (e->name, NULL, NULL, 0, G_MAXUINT, (guint) e->default_number, scalar);
    case MP_FIELD_INT64:
      return g_param_spec_int64 (e->name, NULL, NULL, G_MININT64, G_MAXINT64, (gint64) e->default_number,
                                 scalar);
    case MP_FIELD_UINT64:
      return g_param_spec_uint64 (e->name, NULL, NULL, 0, G_MAXUINT64, (guint64) e->default_number,
                                  scalar);
    case MP_FIELD_DOUBLE:
      return g_param_spec_double (e->name, NULL, NULL, -INFINITY, INFINITY, e->default_number,
                                  scalar | G_PARAM_LAX_VALIDATION);
    case MP_FIELD_STRING:
      return g_param_spec_string (e->name, NULL, NULL, e->default_string, scalar);
    case MP_FIELD_ENUM:
      return g_param_spec_enum (e->name, NULL, NULL, e->enum_type (), (int) e->default_number, scalar);
    case MP_FIELD_ARRAY:
      return g_param_spec_boxed (e->name, NULL, NULL, MP_TYPE_ARRAY, flags);
    case MP_FIELD_ESTIMATOR:
      return g_param_spec_object (e->name, NULL, NULL, MP_TYPE_ESTIMATOR, flags);
    case MP_FIELD_ESTIMATORS:
      return g_param_spec_object (e->name, NULL, NULL, MP_TYPE_ESTIMATOR_LIST, flags);
    default:
      g_assert_not_reached ();
    }
}

static void
table_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  const MpPropertyDecl *e = entry_of (pspec);
  gpointer field;

  if (e == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = field_of (object, e);
  switch (e->kind)
    {
    case MP_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) field);
      break;
    case MP_FIELD_INT:
      g_value_set_int (value, *(int *) field);
      break;
    case MP_FIELD_UINT:
      g_value_set_uint (value, *(guint *) field);
      break;
    case MP_FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) field);
      break;
    case MP_FIELD_UINT64:
      g_value_set_uint64 (value, *(guint64 *) field);
      break;
    case MP_FIELD_DOUBLE:
      g_value_set_double (value, *(double *) field);
      break;
    case MP_FIELD_STRING:
      g_value_set_string (value, *(char **) field);
      break;
    case MP_FIELD_ENUM:
      g_value_set_enum (value, *(int *) field);
      break;
    case MP_FIELD_ARRAY:
      g_value_set_boxed (value, *(MpArray **) field);
      break;
    case MP_FIELD_ESTIMATOR:
    case MP_FIELD_ESTIMATORS:
      g_value_set_object (value, *(GObject **) field);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Two doubles are the same value: equal, or both NaN (so setting NaN
 * twice notifies once). */
static gboolean
same_double (double a,
             double b)
{
  return a == b ? signbit (a) == signbit (b) : (isnan (a) && isnan (b));
}

static void
table_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  const MpPropertyDecl *e = entry_of (pspec);
  gboolean changed = FALSE;
  gpointer field;

  if (e == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = field_of (object, e);
  switch (e->kind)
    {
    case MP_FIELD_BOOLEAN:
      changed = *(gboolean *) field != g_value_get_boolean (value);
      *(gboolean *) field = g_value_get_boolean (value);
      break;
    case MP_FIELD_INT:
      changed = *(int *) field != g_value_get_int (value);
      *(int *) field = g_value_get_int (value);
      break;
    case MP_FIELD_UINT:
      changed = *(guint *) field != g_value_get_uint (value);
      *(guint *) field = g_value_get_uint (value);
      break;
    case MP_FIELD_INT64:
      changed = *(gint64 *) field != g_value_get_int64 (value);
      *(gint64 *) field = g_value_get_int64 (value);
      break;
    case MP_FIELD_UINT64:
      changed = *(guint64 *) field != g_value_get_uint64 (value);
      *(guint64 *) field = g_value_get_uint64 (value);
      break;
    case MP_FIELD_DOUBLE:
      changed = !same_double (*(double *) field, g_value_get_double (value));
      *(double *) field = g_value_get_double (value);
      break;
    case MP_FIELD_STRING:
      {
        const char *text = g_value_get_string (value);

        if (text == NULL)
          text = e->default_string;
        changed = g_strcmp0 (*(char **) field, text) != 0;
        if (changed)
          {
            g_free (*(char **) field);
            *(char **) field = g_strdup (text);
          }
      }
      break;
    case MP_FIELD_ENUM:
      changed = *(int *) field != g_value_get_enum (value);
      *(int *) field = g_value_get_enum (value);
      break;
    case MP_FIELD_ARRAY:
      /* notifies, and forgets the checked state, itself */
      _mp_estimator_replace_array (MP_ESTIMATOR (object), field, g_value_get_boxed (value), pspec);
      return;
    case MP_FIELD_ESTIMATOR:
    case MP_FIELD_ESTIMATORS:
      /* the base class's notify freezes a list */
      changed = g_set_object ((GObject **) field, g_value_get_object (value));
      break;
    default:
      g_assert_not_reached ();
    }

  if (changed)
    {
      /* At once, not when the notification is dispatched: a caller that
       * froze notifications still never predicts from unchecked state. */
      _mp_estimator_invalidate (MP_ESTIMATOR (object));
      g_object_notify_by_pspec (object, pspec);
    }
}

void
_mp_estimator_class_install_table (MpEstimatorClass     *klass,
                                   const MpPropertyDecl *table,
                                   guint                 n_entries)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = table_get_property;
  object_class->set_property = table_set_property;

  for (guint i = 0; i < n_entries; i++)
    {
      const MpPropertyDecl *e = &table[i];
      GParamSpec *pspec = build_pspec (e);
      g_autoptr(GError) error = NULL;

      g_param_spec_set_qdata (pspec, entry_quark (), (gpointer) e);
      g_object_class_install_property (object_class, i + 1, pspec);
      mp_estimator_class_set_property_role (klass, e->name, e->role, e->display_name);

      if (e->interval)
        _mp_param_spec_declare_interval (pspec, e->minimum, e->maximum, e->constraint);
      if (e->kind == MP_FIELD_ESTIMATOR || e->kind == MP_FIELD_ESTIMATORS)
        _mp_param_spec_declare_child (pspec, e->child_type != NULL ? e->child_type () : MP_TYPE_ESTIMATOR,
                                      e->words, e->child_flags, e->example);
      else if (e->words != NULL)
        _mp_param_spec_declare_words (pspec, e->words, e->constraint);
      if (e->check != NULL)
        _mp_param_spec_declare_check (pspec, e->check, e->check_text);
      if (e->shape != NULL &&
          !_mp_param_spec_declare_array (pspec, e->dtypes, e->shape, e->state, e->bound, &error))
        g_error ("%s:%s: %s", G_OBJECT_CLASS_NAME (klass), e->name, error->message);
      if (e->symbol != NULL)
        _mp_param_spec_declare_symbol (pspec, e->symbol);
    }
}

void
_mp_estimator_free_table_fields (MpEstimator *self)
{
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const MpPropertyDecl *e = entry_of (all[i]);

      if (e == NULL)
        continue;
      if (e->kind == MP_FIELD_STRING)
        g_clear_pointer ((char **) field_of (self, e), g_free);
      else if (e->kind == MP_FIELD_ARRAY)
        g_clear_pointer ((MpArray **) field_of (self, e), mp_array_unref);
      else if (e->kind == MP_FIELD_ESTIMATOR || e->kind == MP_FIELD_ESTIMATORS)
        g_clear_object ((GObject **) field_of (self, e));
    }
}
