/* mp-variants.c: estimators that differ from the defaults in one declared
 * way
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-children-private.h"
#include "mp-declarations-private.h"
#include "mp-variants-private.h"

void
_mp_variant_free (MpVariant *variant)
{
  g_free (variant->setting);
  g_clear_object (&variant->estimator);
  g_free (variant);
}

static void
add (GPtrArray    *out,
     GType         type,
     GParamSpec   *pspec,
     const GValue *value)
{
  MpVariant *v = g_new0 (MpVariant, 1);
  g_autofree char *shown = NULL;

  if (G_VALUE_HOLDS_STRING (value))
    shown = g_value_dup_string (value);
  else if (G_VALUE_HOLDS_ENUM (value))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (value));
      shown = g_strdup (g_enum_get_value (klass, g_value_get_enum (value))->value_nick);
    }
  else
    shown = g_strdup_value_contents (value);
  v->setting = g_strdup_printf ("%s=%s", pspec->name, shown);
  v->estimator = _mp_estimator_type_new_example (type);
  g_object_set_property (G_OBJECT (v->estimator), pspec->name, value);
  /* what the setting needs comes with it */
  if (_mp_param_spec_get_requires (pspec) != NULL)
    g_object_set (v->estimator, _mp_param_spec_get_requires (pspec), TRUE, NULL);
  g_ptr_array_add (out, v);
}

static gboolean
inside (const MpParamConstraint *c,
        double                   v)
{
  if (!isfinite (v))
    return FALSE;
  if ((c->flags & MP_CONSTRAINT_MIN_EXCLUSIVE) ? !(v > c->minimum) : !(v >= c->minimum))
    return FALSE;
  return (c->flags & MP_CONSTRAINT_MAX_EXCLUSIVE) ? v < c->maximum : v <= c->maximum;
}

/* Another value inside the interval, near the default. */
static gboolean
other_number (const MpParamConstraint *c,
              double                   current,
              gboolean                 integral,
              double                  *out)
{
  double candidates[3];

  if (integral)
    {
      candidates[0] = current + 1;
      candidates[1] = current - 1;
      candidates[2] = c->minimum + ((c->flags & MP_CONSTRAINT_MIN_EXCLUSIVE) ? 1 : 0);
    }
  else
    {
      candidates[0] = current != 0 ? current * 2 : 1;
      candidates[1] = current / 2;
      candidates[2] = 0.5;
    }
  for (guint i = 0; i < 3; i++)
    if (candidates[i] != current && inside (c, candidates[i]))
      {
        *out = candidates[i];
        return TRUE;
      }
  return FALSE;
}

static void
add_number (GPtrArray               *out,
            GType                    type,
            GParamSpec              *pspec,
            const GValue            *current,
            const MpParamConstraint *c)
{
  GValue value = G_VALUE_INIT;
  gboolean integral = !G_VALUE_HOLDS_DOUBLE (current) && !G_VALUE_HOLDS_FLOAT (current);
  double now, other;

  if (c == NULL || !c->has_interval)
    return;
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_transform (current, &value);
  now = g_value_get_double (&value);
  g_value_unset (&value);
  /* None (-1) to a real value: the smallest allowed */
  if (integral && (c->flags & MP_CONSTRAINT_NONE_ALLOWED) && now == -1)
    now = c->minimum - 1;
  if (!other_number (c, now, integral, &other))
    return;

  g_value_init (&value, G_VALUE_TYPE (current));
  if (G_VALUE_HOLDS_DOUBLE (current))
    g_value_set_double (&value, other);
  else if (G_VALUE_HOLDS_INT (current))
    g_value_set_int (&value, (int) other);
  else if (G_VALUE_HOLDS_UINT (current))
    g_value_set_uint (&value, (guint) other);
  else if (G_VALUE_HOLDS_INT64 (current))
    g_value_set_int64 (&value, (gint64) other);
  else if (G_VALUE_HOLDS_UINT64 (current))
    g_value_set_uint64 (&value, (guint64) other);
  else
    {
      g_value_unset (&value);
      return;
    }
  add (out, type, pspec, &value);
  g_value_unset (&value);
}

GPtrArray *
_mp_estimator_type_list_variants (GType type)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) _mp_variant_free);
  g_autoptr(MpEstimator) defaults = _mp_estimator_type_new_example (type);
  g_autofree GParamSpec **params = NULL;
  guint n = 0;

  params = mp_estimator_list_properties (defaults, MP_PROPERTY_ROLE_HYPERPARAMETER, &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = params[i];
      const MpParamConstraint *c = _mp_param_spec_get_constraint (pspec);
      g_auto(GValue) current = G_VALUE_INIT;
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&current, pspec->value_type);
      g_object_get_property (G_OBJECT (defaults), pspec->name, &current);
      g_value_init (&value, pspec->value_type);

      if (G_VALUE_HOLDS_ENUM (&current))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);

          for (guint e = 0; e < klass->n_values; e++)
            if (klass->values[e].value != g_value_get_enum (&current))
              {
                g_value_set_enum (&value, klass->values[e].value);
                add (out, type, pspec, &value);
              }
        }
      else if (G_VALUE_HOLDS_BOOLEAN (&current))
        {
          g_value_set_boolean (&value, !g_value_get_boolean (&current));
          add (out, type, pspec, &value);
        }
      else if (G_VALUE_HOLDS_STRING (&current))
        {
          const char *now = g_value_get_string (&current);
          double number;

          for (guint w = 0; c != NULL && c->words != NULL && c->words[w] != NULL; w++)
            if (g_strcmp0 (c->words[w], now) != 0)
              {
                g_value_set_string (&value, c->words[w]);
                add (out, type, pspec, &value);
              }
          if (c != NULL && (c->flags & MP_CONSTRAINT_NUMBER_ALLOWED) && other_number (c, 0.25, FALSE, &number))
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_value_set_string (&value, g_ascii_dtostr (buffer, sizeof buffer, number));
              add (out, type, pspec, &value);
            }
        }
      else
        add_number (out, type, pspec, &current, c);
    }
  return out;
}
