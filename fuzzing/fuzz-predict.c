/* fuzz-predict.c: construction, validate() and predict on documents whose
 * checksums are not verified
 *
 * The input is JSON text, FUZZ_SEPARATOR, then the payload; the harness
 * wraps them in a correct single-stream header and loads with
 * verify-checksums off. Checksums guard against accidents, not attackers
 * (anyone can compute XXH3), so every promise of the loader must hold
 * without them: whatever it accepts, predict is memory-safe on. Here the
 * fuzzer reaches array contents and JSON values directly, without having
 * to repair a checksum or the header's lengths.
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
  const guint8 *json, *payload;
  gsize json_length, payload_length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_split (data, size, &json, &json_length, &payload, &payload_length);
  bytes = fuzz_make_stream (json, json_length, payload, payload_length);

  mp_load_options_set_verify_checksums (options, FALSE);
  estimator = mp_loads_full (bytes, options, NULL, &error);
  if ((estimator == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (error->domain != MP_ERROR || error->message[0] == '\0'))
    abort ();
  if (estimator != NULL)
    fuzz_exercise (estimator, options);
  return 0;
}
