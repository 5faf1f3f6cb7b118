/* mp-estimator-input.c: what an estimator class takes as samples
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Most estimators take finite numbers; an imputer takes NaN, an encoder
 * text, a column transformer a table. Each class says which once
 * (MpInputFlags, kept as type data as the kind is) and the base class's
 * entry points check X against it, so no estimator repeats the check and
 * none sees what it cannot handle.
 */

#include "config.h"

#include "mp-error.h"
#include "mp-estimator.h"
#include "mp-estimator-private.h"
#include "mp-validation-private.h"

static GQuark
input_flags_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-estimator-input-flags"));
  return (GQuark) quark;
}

/**
 * mp_estimator_get_input_flags:
 * @self: an #MpEstimator
 *
 * Reads what @self takes as samples, as its class declared it (inherited
 * from the nearest class that declared it).
 *
 * Returns: the flags; %MP_INPUT_FLAG_NONE (finite numbers) if no class
 *   declared any
 *
 * Since: 0.1
 */
MpInputFlags
mp_estimator_get_input_flags (MpEstimator *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), MP_INPUT_FLAG_NONE);

  for (GType type = G_OBJECT_TYPE (self); type != MP_TYPE_ESTIMATOR; type = g_type_parent (type))
    {
      gpointer stored = g_type_get_qdata (type, input_flags_quark ());

      /* Stored plus one, so that "none" differs from "not declared". */
      if (stored != NULL)
        return (MpInputFlags) (GPOINTER_TO_UINT (stored) - 1);
    }
  return MP_INPUT_FLAG_NONE;
}

/**
 * mp_estimator_class_set_input_flags:
 * @klass: an estimator class, in its class_init
 * @flags: what its instances take as samples
 *
 * Declares what an estimator class takes as samples; subclasses inherit
 * it. See #MpInputFlags.
 *
 * Since: 0.1
 */
void
mp_estimator_class_set_input_flags (MpEstimatorClass *klass,
                                    MpInputFlags      flags)
{
  g_return_if_fail (MP_IS_ESTIMATOR_CLASS (klass));
  g_return_if_fail ((flags & ~MP_INPUT_FLAG_ANY) == 0);

  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), input_flags_quark (), GUINT_TO_POINTER (flags + 1));
}

/**
 * mp_estimator_type_set_input_flags:
 * @estimator_type: a subtype of #MpEstimator
 * @flags: what its instances take as samples
 * @error: return location for a #GError
 *
 * Declares what an estimator class takes as samples from a language that
 * defines classes at run time (Python, JavaScript), once the type exists.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @estimator_type is not an #MpEstimator or @flags has unknown bits
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_set_input_flags (GType          estimator_type,
                                   MpInputFlags   flags,
                                   GError       **error)
{
  if (!g_type_is_a (estimator_type, MP_TYPE_ESTIMATOR) || estimator_type == MP_TYPE_ESTIMATOR)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "estimator_type: %s is not a subtype of MpEstimator", g_type_name (estimator_type));
      return FALSE;
    }
  if ((flags & ~MP_INPUT_FLAG_ANY) != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "flags: 0x%x has bits that are not MpInputFlags", (guint) flags);
      return FALSE;
    }
  g_type_set_qdata (estimator_type, input_flags_quark (), GUINT_TO_POINTER (flags + 1));
  return TRUE;
}

MpArray *
_mp_estimator_check_samples (MpEstimator  *self,
                             MpArray      *x,
                             GError      **error)
{
  return _mp_check_samples (x, mp_estimator_get_input_flags (self),
                            mp_estimator_get_display_name (self), "X", error);
}
