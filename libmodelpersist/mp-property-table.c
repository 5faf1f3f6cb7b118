/* mp-property-table.c: a class's properties as one table
 *
 * A class lists its properties once (mp-property-table-private.h); this
 * file turns each entry into a GParamSpec carrying the entry, and
 * implements get_property, set_property and the freeing of owned fields
 * by the entry's offset, so no class writes a property switch. Estimators
 * and splitters use it alike.
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
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-property-decl"));
  return (GQuark) quark;
}

/* Where the offsets of a pspec's table count from (see
 * _mp_object_class_install_table). */
static GQuark
base_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-property-base"));
  return (GQuark) quark;
}

static const MpPropertyDecl *
entry_of (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, entry_quark ());
}

const char *
_mp_param_spec_get_string_example (GParamSpec *pspec)
{
  const MpPropertyDecl *e = entry_of (pspec);

  return e != NULL && e->kind == MP_FIELD_STRING ? e->example : NULL;
}

static gpointer
field_of (gpointer              instance,
          GParamSpec           *pspec,
          const MpPropertyDecl *entry)
{
  gint base = GPOINTER_TO_INT (g_param_spec_get_qdata (pspec, base_quark ()));

  return G_STRUCT_MEMBER_P (instance, base + (gssize) entry->offset);
}

/* The class of @e's enum type, referenced for good by its first use: its
 * nicks are the property's words. */
static GEnumClass *
enum_class_of (const MpPropertyDecl *e)
{
  GType type = e->enum_type ();
  GEnumClass *klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

/* The word of @value in @e's enum type. */
static const char *
nick_of (const MpPropertyDecl *e,
         int                   value)
{
  GEnumValue *ev = g_enum_get_value (enum_class_of (e), value);

  return ev != NULL ? ev->value_nick : NULL;
}

static int
value_of (const MpPropertyDecl *e,
          const char           *word)
{
  GEnumValue *ev = word != NULL ? g_enum_get_value_by_nick (enum_class_of (e), word) : NULL;

  return ev != NULL ? ev->value : -1;
}

static GParamSpec *
build_pspec (const MpPropertyDecl *e,
             const char           *blurb)
{
  /* Hyperparameters get their defaults through G_PARAM_CONSTRUCT, so the
   * pspec's default is the one place a default is written. Ranges are
   * left wide open: the declared constraint, checked at fit and load with
   * an MP_ERROR naming the parameter, is the range; GLib's own range
   * check would only print a warning and keep the old value. GLib finds
   * NaN outside even (-inf, inf), so doubles validate laxly: C = nan is
   * stored, and refused by the constraint. */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_NAME | G_PARAM_STATIC_NICK;   /* the blurb is copied */
  const GParamFlags scalar = flags | G_PARAM_CONSTRUCT;

  switch (e->kind)
    {
    case MP_FIELD_BOOLEAN:
      return g_param_spec_boolean (e->name, NULL, blurb, e->default_number != 0, scalar);
    case MP_FIELD_INT:
      return g_param_spec_int (e->name, NULL, blurb, G_MININT, G_MAXINT, (int) e->default_number, scalar);
    case MP_FIELD_UINT:
      return g_param_spec_uint (e->name, NULL, blurb, 0, G_MAXUINT, (guint) e->default_number, scalar);
    case MP_FIELD_INT64:
      return g_param_spec_int64 (e->name, NULL, blurb, G_MININT64, G_MAXINT64, (gint64) e->default_number,
                                 scalar);
    case MP_FIELD_UINT64:
      return g_param_spec_uint64 (e->name, NULL, blurb, 0, G_MAXUINT64, (guint64) e->default_number,
                                  scalar);
    case MP_FIELD_DOUBLE:
      return g_param_spec_double (e->name, NULL, blurb, -INFINITY, INFINITY, e->default_number,
                                  scalar | G_PARAM_LAX_VALIDATION);
    case MP_FIELD_STRING:
      return g_param_spec_string (e->name, NULL, blurb, e->default_string, scalar);
    case MP_FIELD_ENUM:
      return g_param_spec_string (e->name, NULL, blurb, nick_of (e, (int) e->default_number), scalar);
    case MP_FIELD_ARRAY:
      return g_param_spec_boxed (e->name, NULL, blurb, MP_TYPE_ARRAY, flags);
    case MP_FIELD_ESTIMATOR:
      return g_param_spec_object (e->name, NULL, blurb, MP_TYPE_ESTIMATOR, flags);
    case MP_FIELD_ESTIMATORS:
      return g_param_spec_object (e->name, NULL, blurb, MP_TYPE_ESTIMATOR_LIST, flags);
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
  field = field_of (object, pspec, e);
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
      g_value_set_string (value, ((MpEnumField *) field)->word);
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
  field = field_of (object, pspec, e);
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

        /* NULL is None where None is allowed, else the default */
        if (text == NULL && !(e->constraint & MP_CONSTRAINT_NONE_ALLOWED))
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
      {
        MpEnumField *f = field;
        const char *word = g_value_get_string (value);

        /* NULL is Python's None: kept, and refused like any other word
         * that is not allowed */
        changed = g_strcmp0 (f->word, word) != 0;
        if (changed)
          {
            g_free (f->word);
            f->word = g_strdup (word);
          }
        /* even unchanged: a field still zeroed (NULL given at
         * construction) must not read as member 0 */
        f->value = value_of (e, word);
      }
      break;
    case MP_FIELD_ARRAY:
      {
        MpArray **slot = field;
        MpArray *array = g_value_get_boxed (value);

        changed = *slot != array;
        if (changed)
          {
            g_clear_pointer (slot, mp_array_unref);
            *slot = array != NULL ? mp_array_ref (array) : NULL;
          }
      }
      break;
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
      if (MP_IS_ESTIMATOR (object))
        _mp_estimator_invalidate (MP_ESTIMATOR (object));
      g_object_notify_by_pspec (object, pspec);
    }
}

/* The words of a word-valued property are its enum's nicks, in the enum's
 * order. */
static void
declare_enum_words (GParamSpec           *pspec,
                    const MpPropertyDecl *e)
{
  GEnumClass *klass = enum_class_of (e);
  g_autofree const char **words = g_new0 (const char *, klass->n_values + 1);

  for (guint i = 0; i < klass->n_values; i++)
    words[i] = klass->values[i].value_nick;
  _mp_param_spec_declare_words (pspec, words, e->constraint);
}

/* Everything @e declares about its property, attached to @pspec. */
static void
declare_facts (GObjectClass         *klass,
               GParamSpec           *pspec,
               const MpPropertyDecl *e)
{
  g_autoptr(GError) error = NULL;

  g_param_spec_set_qdata (pspec, entry_quark (), (gpointer) e);
  if (e->role != MP_PROPERTY_ROLE_NONE)
    _mp_param_spec_set_role (pspec, e->role, e->display_name);

  if (e->interval)
    _mp_param_spec_declare_interval (pspec, e->minimum, e->maximum, e->constraint);
  if (e->kind == MP_FIELD_ESTIMATOR || e->kind == MP_FIELD_ESTIMATORS)
    _mp_param_spec_declare_child (pspec, e->child_type != NULL ? e->child_type () : MP_TYPE_ESTIMATOR,
                                  e->words, e->child_flags, e->example);
  else if (e->words != NULL || e->check != NULL)
    /* a check alone still carries its flags (None allowed) */
    _mp_param_spec_declare_words (pspec, e->words, e->constraint);
  if (e->kind == MP_FIELD_ENUM)
    declare_enum_words (pspec, e);
  if (e->check != NULL)
    _mp_param_spec_declare_check (pspec, e->check, e->check_text);
  if (e->requires != NULL)
    _mp_param_spec_declare_requires (pspec, e->requires);
  if (e->shape != NULL &&
      !_mp_param_spec_declare_array (pspec, e->dtypes, e->shape, e->state, e->bound, &error))
    g_error ("%s:%s: %s", G_OBJECT_CLASS_NAME (klass), e->name, error->message);
  if (e->symbol != NULL)
    _mp_param_spec_declare_symbol (pspec, e->symbol);
}

/* The blurb (g_param_spec_get_blurb(), what gtk-doc's property tables,
 * GUI builders and tooltips show) says what the declaration says: the
 * parameter's scikit-learn name and its constraint, or the fitted array's
 * dtype and shape. A GParamSpec's blurb is fixed at creation, so the
 * facts are first declared on a scratch pspec that is never installed. */
static char *
describe (GObjectClass         *klass,
          const MpPropertyDecl *e)
{
  GParamSpec *scratch = g_param_spec_ref_sink (build_pspec (e, NULL));
  g_autofree char *constraint = NULL;
  g_autofree char *state = NULL;
  const char *name;
  char *blurb;

  declare_facts (klass, scratch, e);
  name = e->role != MP_PROPERTY_ROLE_NONE ? mp_param_spec_get_display_name (scratch) : e->name;
  constraint = _mp_param_spec_describe_constraint (scratch);
  state = _mp_param_spec_describe_state (scratch);

  if (e->kind == MP_FIELD_ESTIMATOR)
    blurb = g_strdup_printf ("%s: a child estimator", name);
  else if (e->kind == MP_FIELD_ESTIMATORS)
    blurb = g_strdup_printf ("%s: a list of child estimators", name);
  else if (constraint != NULL)
    blurb = g_strdup_printf ("%s: %s", name, constraint);
  else if (state != NULL)
    blurb = g_strdup_printf ("%s: %s", name, state);
  else
    blurb = g_strdup_printf ("%s (%s)", name,
                             e->role == MP_PROPERTY_ROLE_FITTED ? "fitted state" : "a setting");
  g_param_spec_unref (scratch);
  return blurb;
}

void
_mp_object_class_install_table (GObjectClass         *klass,
                                const MpPropertyDecl *table,
                                guint                 n_entries,
                                gint                  base)
{
  klass->get_property = table_get_property;
  klass->set_property = table_set_property;

  for (guint i = 0; i < n_entries; i++)
    {
      const MpPropertyDecl *e = &table[i];
      g_autofree char *blurb = describe (klass, e);
      GParamSpec *pspec = build_pspec (e, blurb);

      g_param_spec_set_qdata (pspec, base_quark (), GINT_TO_POINTER (base));
      g_object_class_install_property (klass, i + 1, pspec);
      declare_facts (klass, pspec, e);
    }
}

void
_mp_estimator_class_install_table (MpEstimatorClass     *klass,
                                   const MpPropertyDecl *table,
                                   guint                 n_entries)
{
  _mp_object_class_install_table (G_OBJECT_CLASS (klass), table, n_entries, 0);
}

void
_mp_object_free_table_fields (GObject *object)
{
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const MpPropertyDecl *e = entry_of (all[i]);

      if (e == NULL)
        continue;
      if (e->kind == MP_FIELD_STRING)
        g_clear_pointer ((char **) field_of (object, all[i], e), g_free);
      else if (e->kind == MP_FIELD_ENUM)
        g_clear_pointer (&((MpEnumField *) field_of (object, all[i], e))->word, g_free);
      else if (e->kind == MP_FIELD_ARRAY)
        g_clear_pointer ((MpArray **) field_of (object, all[i], e), mp_array_unref);
      else if (e->kind == MP_FIELD_ESTIMATOR || e->kind == MP_FIELD_ESTIMATORS)
        g_clear_object ((GObject **) field_of (object, all[i], e));
    }
}

void
_mp_object_set_enum (GObject    *object,
                     const char *property_name,
                     int         value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property_name);
  const MpPropertyDecl *e = pspec != NULL ? entry_of (pspec) : NULL;
  const char *word;

  g_return_if_fail (e != NULL && e->kind == MP_FIELD_ENUM);
  word = nick_of (e, value);
  g_return_if_fail (word != NULL);

  g_object_set (object, property_name, word, NULL);
}

/**
 * mp_estimator_set_enum: (skip)
 * @self: an #MpEstimator
 * @property_name: a word-valued hyperparameter declared with an enum
 *   (SVC's `"kernel"`)
 * @value: a member of that enum (%MP_SVM_KERNEL_RBF)
 *
 * Sets a word-valued hyperparameter from C by its enum member: the typed
 * form of `g_object_set (self, "kernel", "rbf", NULL)`, whose word is the
 * member's nick. Not introspected: bindings set the word itself.
 *
 * Since: 0.1
 */
void
mp_estimator_set_enum (MpEstimator *self,
                       const char  *property_name,
                       int          value)
{
  g_return_if_fail (MP_IS_ESTIMATOR (self));
  g_return_if_fail (property_name != NULL);

  _mp_object_set_enum (G_OBJECT (self), property_name, value);
}

/**
 * mp_estimator_get_enum: (skip)
 * @self: an #MpEstimator
 * @property_name: a word-valued hyperparameter declared with an enum
 *
 * Reads a word-valued hyperparameter as its enum member, for C.
 *
 * Returns: the member the property's word names, or -1 if it holds a word
 *   that names none, or %NULL (fit and the loader refuse those)
 *
 * Since: 0.1
 */
int
mp_estimator_get_enum (MpEstimator *self,
                       const char  *property_name)
{
  GParamSpec *pspec;
  const MpPropertyDecl *e;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), -1);
  g_return_val_if_fail (property_name != NULL, -1);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property_name);
  e = pspec != NULL ? entry_of (pspec) : NULL;
  g_return_val_if_fail (e != NULL && e->kind == MP_FIELD_ENUM, -1);

  return ((MpEnumField *) field_of (G_OBJECT (self), pspec, e))->value;
}
