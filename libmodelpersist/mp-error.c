/* mp-error.c: the MP_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"

/**
 * SECTION:mp-error
 * @Title: Errors
 * @Short_description: the MP_ERROR domain and its codes
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) baseline = mp_dummy_classifier_new ();
 * g_autoptr(MpLoadOptions) options = mp_load_options_new ();
 * g_autoptr(GBytes) bytes = NULL;
 * g_autoptr(MpEstimator) model = NULL;
 *
 * mp_load_options_set_trust_builtin (options, FALSE);   // trust no type at all
 * if (mp_estimator_fit (baseline, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *   bytes = mp_dumps (baseline, &error);
 * if (bytes != NULL)
 *   model = mp_loads_full (bytes, options, NULL, &error);
 * if (g_error_matches (error, MP_ERROR, MP_ERROR_UNTRUSTED_TYPE))
 *   g_print ("refused: %s\n", error->message);   // ask the user, or trust the type
 * else if (error != NULL)   // each code names the field or offset at fault
 *   g_warning ("%s: %s", g_enum_to_string (MP_TYPE_ERROR, error->code), error->message);
 * ]|
 *
 * Every failure in libmodelpersist is a #GError in the %MP_ERROR domain
 * with a specific #MpError code, so callers can react to a kind of failure
 * without parsing messages. Messages name the argument, field, JSON path or
 * file offset at fault.
 *
 * In Python the error surfaces as `GLib.Error`:
 *
 * |[<!-- language="Python" -->
 * try:
 *     model.predict(X)
 * except GLib.Error as e:
 *     if e.matches(ModelPersist.error_quark(), ModelPersist.Error.NOT_FITTED):
 *         ...
 * ]|
 */

/**
 * mp_error_quark:
 *
 * The quark behind %MP_ERROR.
 *
 * Returns: the error domain of libmodelpersist
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (mp-error-quark, mp_error)
