/* fuzz-decompress.c: _mp_pickle_decompress() on arbitrary bytes
 *
 * The input is a whole file as joblib.dump(..., compress=...) writes it:
 * a compressed stream (or anything else, returned as it is). The limit is
 * 1 MiB, so a bomb must be refused before it is decompressed, and libFuzzer's
 * -malloc_limit_mb catches one that is not. Anything accepted is checked
 * against the function's promises: the output fits the limit, the same
 * input decompresses to the same bytes under a limit of exactly its size,
 * and is refused with MP_ERROR_LIMIT_EXCEEDED under one byte less.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "mp-pickle-container-private.h"

#define LIMIT (1024 * 1024)

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
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  MpPickleCompressor compressor = MP_PICKLE_COMPRESSOR_NONE;
  MpPickleCompressor detected = _mp_pickle_detect_compressor (data, size);
  const char *foreign = _mp_pickle_describe_foreign (data, size);

  if (foreign != NULL && foreign[0] == '\0')
    abort ();
  output = _mp_pickle_decompress (input, LIMIT, NULL, &compressor, &error);
  if ((output == NULL) == (error == NULL))
    abort ();
  if (compressor != detected)
    abort ();
  if (error != NULL)
    {
      const char *name = _mp_pickle_compressor_name (compressor);

      if (error->domain != MP_ERROR || error->message[0] == '\0')
        abort ();
      if (error->code != MP_ERROR_MALFORMED && error->code != MP_ERROR_LIMIT_EXCEEDED
          && error->code != MP_ERROR_FAILED)
        abort ();
      /* Every message names its compressor. */
      if (name == NULL || !g_str_has_prefix (error->message, name)
          || error->message[strlen (name)] != ':')
        abort ();
      return 0;
    }
  if (compressor == MP_PICKLE_COMPRESSOR_NONE)
    {
      if (output != input)
        abort ();
      return 0;
    }
  if (g_bytes_get_size (output) > LIMIT)
    abort ();
  {
    gsize n = g_bytes_get_size (output);
    g_autoptr(GBytes) again = _mp_pickle_decompress (input, n, NULL, NULL, &error);

    if (again == NULL || !g_bytes_equal (again, output))
      abort ();
    if (n > 0)
      {
        g_autoptr(GBytes) refused = _mp_pickle_decompress (input, n - 1, NULL, NULL, &error);

        if (refused != NULL || !g_error_matches (error, MP_ERROR, MP_ERROR_LIMIT_EXCEEDED))
          abort ();
      }
  }
  return 0;
}
