/* fuzz-import-pickle.c: mp_import_pickle_bytes_full() and
 * mp_inspect_pickle_bytes() on arbitrary bytes
 *
 * The input is a whole file as pickle.dump() or joblib.dump() writes it;
 * the seeds are real ones (make-pickle-seeds.py: every fixture of the
 * conformance tests, each protocol, joblib with and without compression).
 * Limits are small (1 MiB of data, 100,000 values), so an input that makes
 * the reader allocate or loop beyond them is caught by libFuzzer's memory
 * and time limits. Whatever the input, the import either returns a
 * validated estimator, which must then predict without crashing, or fails
 * with an MP_ERROR and a message; the inspection of the same bytes fails
 * no more often than the import.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static MpLoadOptions *options;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  options = mp_load_options_new ();
  mp_load_options_set_max_json_bytes (options, 1 << 20);
  mp_load_options_set_max_total_bytes (options, 1 << 20);
  mp_load_options_set_max_json_nodes (options, 100000);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) inspect_error = NULL;
  g_auto(GStrv) globals = NULL;
  g_auto(GStrv) unsupported = NULL;

  estimator = mp_import_pickle_bytes_full (input, options, &info, &error);
  if ((estimator == NULL) == (error == NULL) || (estimator == NULL) != (info == NULL))
    abort ();
  if (error != NULL && (error->domain != MP_ERROR || error->message[0] == '\0'))
    abort ();
  if (estimator != NULL)
    fuzz_exercise (estimator, options);

  globals = mp_inspect_pickle_bytes_full (input, options, &unsupported, &inspect_error);
  if ((globals == NULL) == (inspect_error == NULL))
    abort ();
  /* What imports can be inspected. */
  if (estimator != NULL && globals == NULL)
    abort ();
  return 0;
}
