/* fuzz-loads.c: mp_loads() and mp_inspect_types() on arbitrary bytes
 *
 * The input is a whole single-stream model, as mp_dumps() writes it. The
 * options are the defaults: checksums verified, the built-in types
 * trusted. Anything accepted is then used (fuzz_exercise).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  g_autoptr(MpLoadReport) report = mp_load_report_new ();
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;
  g_auto(GStrv) untrusted = NULL;

  estimator = mp_loads_full (bytes, options, report, &error);
  if ((estimator == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (error->domain != MP_ERROR || error->message[0] == '\0'))
    abort ();
  if (estimator != NULL)
    {
      /* The report of an accepted load is complete. */
      g_free (mp_load_report_get_metadata_json (report));
      if (mp_load_report_get_format_version (report) == NULL)
        abort ();
      fuzz_exercise (estimator, options);
    }
  g_clear_error (&error);

  /* Inspection reads the same text without instantiating anything; it
   * must agree with the load about the document's validity at least in
   * one direction: what loads can be inspected. */
  types = mp_inspect_types_full (bytes, options, &untrusted, &error);
  if (estimator != NULL && (types == NULL || untrusted == NULL || untrusted[0] != NULL))
    abort ();
  if ((types == NULL) == (error == NULL))
    abort ();
  return 0;
}
