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
  guint64     nbytes;       /* the array's own bytes, as the payload
                             * stores them uncompressed */
  guint64     checksum;     /* XXH3-64 of those bytes, once checksummed */
  gsize       checksum_at;  /* where the hex digits of its checksum start
                             * in the text; zeros until
                             * _mp_serialized_compute_checksums() */
  gsize       descriptor_at;  /* the descriptor's span in the text, */
  gsize       descriptor_end; /* for _mp_serialized_compress() to rewrite */
  guint       level;          /* how deep the descriptor's members are */
  /* Set by _mp_serialized_compress() when the array gets smaller: its
   * zstd chunks, each of MP_CODEC_CHUNK_NBYTES but the last, stored
   * back to back from @offset. */
  GPtrArray  *chunks;       /* GBytes, or NULL */
  guint64     stored_length;  /* what it takes in the payload */
} MpPayloadEntry;

typedef struct {
  GString   *estimator;      /* the "estimator" member of the document, as
                              * canonical JSON text (mp-json-writer.c)
                              * indented as the document holds it, one
                              * level deep */
  GPtrArray *entries;        /* MpPayloadEntry, in offset order */
  guint64    payload_length; /* end of the last array */
  gboolean   checksummed;
  gboolean   compressed;     /* some entry has chunks: format 1.3 */
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

/* Compresses every array that gets smaller at zstd @level (1 to
 * MP_CODEC_MAX_LEVEL), in chunks spread over the processors, and rewrites
 * the text's descriptors and the layout to match (mp-compress.c).
 * Computes the checksums first. The chunks are held in memory until the
 * writer copies them out. Only %G_IO_ERROR_CANCELLED can fail it. */
gboolean      _mp_serialized_compress            (MpSerialized  *serialized,
                                                  guint          level,
                                                  GCancellable  *cancellable,
                                                  GError       **error);

/* Writes @hash as the checksum of entry @i. */
void          _mp_serialized_set_checksum        (MpSerialized  *serialized,
                                                  guint          i,
                                                  guint64        hash);

/* Writes entry @entry's array descriptor (docs/format.md, 3) at the end
 * of @text, its members @entry->level deep, and notes where its checksum
 * digits are; the writer's walk and _mp_serialized_compress() share it. */
void          _mp_serialized_write_descriptor    (MpSerialized   *serialized,
                                                  MpPayloadEntry *entry,
                                                  GString        *text);

/* Places every entry after the one before it, as the walk does: from
 * offset 0, each non-empty one at the next multiple of 64; sets
 * payload_length. */
void          _mp_serialized_lay_out             (MpSerialized  *serialized);

void          _mp_serialized_free                (MpSerialized  *serialized);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpSerialized, _mp_serialized_free)

G_END_DECLS
