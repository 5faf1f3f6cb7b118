/* mp-serializer-private.h: an estimator tree as a JSON tree plus the
 * arrays it references
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mp-estimator.h"

G_BEGIN_DECLS

typedef struct {
  MpArray    *array;        /* owned */
  guint64     offset;       /* in the payload, a multiple of 64 */
  gsize       checksum_at;  /* where the hex digits of its checksum start
                             * in the text; zeros until
                             * _mp_serialized_compute_checksums() */
} MpPayloadEntry;

typedef struct {
  GString   *estimator;      /* the "estimator" member of the document, as
                              * canonical JSON text (mp-json-writer.c)
                              * indented as the document holds it, one
                              * level deep */
  GPtrArray *entries;        /* MpPayloadEntry, in offset order */
  guint64    payload_length; /* end of the last array */
  gboolean   checksummed;
} MpSerialized;

/* Walks @estimator once through mp_estimator_list_properties(), writing
 * the JSON text as it goes: its type, its hyperparameters, and, when
 * fitted, its fitted state; child estimators
 * (properties holding an MpEstimator or a GListModel of them) recursively.
 * Only reads properties, so it runs in the caller's thread; arrays are
 * referenced, not copied. MP_ERROR_INVALID_ARGUMENT names a property the
 * format cannot store, or a cycle. */
MpSerialized *_mp_serialize                      (MpEstimator   *estimator,
                                                  GError       **error);

/* Hashes every array (little-endian bytes) into its descriptor. Safe to
 * call from a worker thread: arrays are immutable. */
void          _mp_serialized_compute_checksums   (MpSerialized  *serialized);

/* Writes @hash as the checksum of entry @i. */
void          _mp_serialized_set_checksum        (MpSerialized  *serialized,
                                                  guint          i,
                                                  guint64        hash);

void          _mp_serialized_free                (MpSerialized  *serialized);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpSerialized, _mp_serialized_free)

G_END_DECLS
