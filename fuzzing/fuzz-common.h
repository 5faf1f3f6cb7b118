/* fuzz-common.h: what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <modelpersist.h>

G_BEGIN_DECLS

/* The two-part inputs of fuzz-bundle and fuzz-predict: the JSON text, this
 * separator, then the sidecar or payload bytes. Without a separator the
 * whole input is the JSON and the second part is empty. */
#define FUZZ_SEPARATOR     "\n#MP-PAYLOAD#\n"
#define FUZZ_SEPARATOR_LEN (sizeof FUZZ_SEPARATOR - 1)

void        fuzz_init           (void);

void        fuzz_split          (const guint8  *data,
                                 gsize          size,
                                 const guint8 **json,
                                 gsize         *json_length,
                                 const guint8 **rest,
                                 gsize         *rest_length);

/* A single-stream model around @json and @payload with a correct header,
 * so that mutations of the JSON's length still reach the loader's later
 * stages. */
GBytes     *fuzz_make_stream    (const guint8  *json,
                                 gsize          json_length,
                                 const guint8  *payload,
                                 gsize          payload_length);

/* Uses an estimator the loader accepted the way an application would:
 * predict (and the estimator's other prediction methods) on inputs of the
 * right and of a wrong width, score, to_string, clone, and a dump that
 * must load back to the same bytes. Aborts if an accepted model breaks
 * one of the library's promises. */
void        fuzz_exercise       (MpEstimator   *estimator,
                                 MpLoadOptions *options);

G_END_DECLS
