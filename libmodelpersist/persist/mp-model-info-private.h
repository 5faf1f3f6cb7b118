/* mp-model-info-private.h: MpModelInfo and the document's "metadata"
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mp-cv-record-private.h"
#include "mp-fingerprint-private.h"
#include "mp-model-info.h"

G_BEGIN_DECLS

/* The "metadata" object describing @self, or NULL if @self records
 * nothing (a document then has no "metadata" member). */
JsonNode    *_mp_model_info_to_node         (MpModelInfo  *self);

/* Parses a "metadata" object strictly; @path names it in messages
 * ("$.metadata"). Unknown members are MP_ERROR_MALFORMED unless
 * @ignore_unknown (a document of a newer minor format version). Parsing
 * instantiates nothing: a splitter type is only looked up. */
MpModelInfo *_mp_model_info_new_from_node   (JsonNode     *node,
                                             const char   *path,
                                             gboolean      ignore_unknown,
                                             GError      **error);

/* Records the producer fields of the document @self came from. */
void         _mp_model_info_set_producer    (MpModelInfo  *self,
                                             const char   *key,
                                             const char   *value);

/* Compares @x and @y with the recorded fingerprint; one message per
 * difference, empty if they match. */
GPtrArray   *_mp_model_info_diff_training_data (MpModelInfo *self,
                                                MpArray     *x,
                                                MpArray     *y);

/* For the metadata reader (mp-model-info-reader.c): store values it has
 * already checked, without the public setters' notifications and
 * argument checks. The take functions move the contents of @x, @y and
 * @record into @self. */
void         _mp_model_info_take_training_data   (MpModelInfo    *self,
                                                  MpFingerprint  *x,
                                                  MpFingerprint  *y,
                                                  const char     *snapshot_uri);
void         _mp_model_info_set_source           (MpModelInfo    *self,
                                                  const char     *program,
                                                  const char     *vcs_revision,
                                                  const char     *name,
                                                  const char     *sha256,
                                                  const char     *text);
void         _mp_model_info_insert_annotation    (MpModelInfo    *self,
                                                  const char     *key,
                                                  const char     *value);
void         _mp_model_info_take_cross_validation (MpModelInfo   *self,
                                                   MpCvRecord    *record);

/* For the metadata writer (mp-model-info-writer.c): the recorded
 * fingerprints (@y NULL when no y was recorded; FALSE and both NULL when
 * nothing is) and the cross-validation record, or NULL. */
gboolean     _mp_model_info_get_training_data    (MpModelInfo          *self,
                                                  const MpFingerprint **x,
                                                  const MpFingerprint **y);
const MpCvRecord *_mp_model_info_get_cross_validation (MpModelInfo    *self);

G_END_DECLS
