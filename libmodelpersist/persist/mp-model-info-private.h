/* mp-model-info-private.h: MpModelInfo and the document's "metadata"
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

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

G_END_DECLS
