/* mp-import-conversions.c: which scikit-learn class becomes which of
 * our estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-import-mapping-private.h"

/* The conversion tables, one per family of estimators (each in its own
 * file: mp-import-classic.c, ...), and the helper classes their pickles
 * hold. A new family adds its two arrays here; nothing else lists
 * classes. */
static const MpImportConversion *const families[] = {
  _mp_import_classic_conversions,
  _mp_import_trees_conversions,
  _mp_import_composites_conversions,
};

static const char *const *const family_helpers[] = {
  _mp_import_classic_helpers,
  _mp_import_trees_helpers,
  _mp_import_composites_helpers,
};

/* "module.Name" is @module and @name. */
static gboolean
names_class (const char  *qualified,
             const char  *module,
             const char  *name)
{
  gsize n = strlen (module);

  return strncmp (qualified, module, n) == 0 && qualified[n] == '.' &&
         strcmp (qualified + n + 1, name) == 0;
}

const MpImportConversion *
_mp_import_find_conversion (const char *module,
                            const char *name)
{
  for (gsize f = 0; f < G_N_ELEMENTS (families); f++)
    for (const MpImportConversion *c = families[f]; c->sklearn != NULL; c++)
      if (names_class (c->pickled, module, name))
        return c;
  return NULL;
}

gboolean
_mp_import_class_is_known (const char *module,
                           const char *name,
                           gpointer    unused)
{
  if (_mp_import_find_conversion (module, name) != NULL)
    return TRUE;
  for (gsize f = 0; f < G_N_ELEMENTS (family_helpers); f++)
    for (const char *const *helper = family_helpers[f]; *helper != NULL; helper++)
      if (names_class (*helper, module, name))
        return TRUE;
  return FALSE;
}

char *
_mp_import_list_supported (void)
{
  GString *out = g_string_new (NULL);

  for (gsize f = 0; f < G_N_ELEMENTS (families); f++)
    for (const MpImportConversion *c = families[f]; c->sklearn != NULL; c++)
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", c->sklearn);
  return g_string_free (out, FALSE);
}
