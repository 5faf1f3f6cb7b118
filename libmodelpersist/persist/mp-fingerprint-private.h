/* mp-fingerprint-private.h: what identifies a training array without
 * keeping it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"

G_BEGIN_DECLS

/* The fingerprint of an array: the XXH3-64 checksum of its elements in C
 * order and little-endian byte order (the checksum the payload would
 * record for them, "xxh3-64:" and 16 hex digits), its dtype and its shape.
 * A zero-filled or cleared fingerprint holds nothing. */
typedef struct {
  char    *checksum;
  MpDType  dtype;
  gsize   *shape;
  guint    n_dims;
} MpFingerprint;

/* Replaces @fp by the fingerprint of @array. */
void  _mp_fingerprint_set_from_array  (MpFingerprint       *fp,
                                       MpArray             *array);

/* Frees what @fp holds and leaves it empty. */
void  _mp_fingerprint_clear           (MpFingerprint       *fp);

/* Appends to @out one message per difference between @recorded and
 * @given (dtype, shape, content), each starting with @name ("X", "y"). */
void  _mp_fingerprint_diff            (const MpFingerprint *recorded,
                                       const MpFingerprint *given,
                                       const char          *name,
                                       GPtrArray           *out);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MpFingerprint, _mp_fingerprint_clear)

G_END_DECLS
