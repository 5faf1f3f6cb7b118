/* fuzz-loads.c: mp_loads(), mp_load_from_stream() and mp_inspect_types()
 * on arbitrary bytes
 *
 * The input is a whole single-stream model, as mp_dumps() writes it. The
 * options are the defaults: checksums verified, the built-in types
 * trusted. Anything accepted is then used (fuzz_exercise). The same
 * bytes are loaded from a GInputStream too: that copying load reads the
 * payload array by array and compressed arrays chunk by chunk
 * (docs/format.md 6), a different path from the one in memory.
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
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(MpEstimator) streamed = NULL;

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

  /* A stream is read up to its end as the header gives it, so it may
   * accept what memory refuses (bytes after the end), never the
   * reverse. */
  input = g_memory_input_stream_new_from_bytes (bytes);
  streamed = mp_load_from_stream_full (input, options, NULL, NULL, &error);
  if ((streamed == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (error->domain != MP_ERROR || error->message[0] == '\0'))
    abort ();
  if (estimator != NULL && streamed == NULL)
    abort ();
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
