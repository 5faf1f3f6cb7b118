/* mp-producer-private.h: the process's producer fields, for the writer and
 * the load report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mp-producer.h"

G_BEGIN_DECLS

/* Adds the fields set with mp_set_producer_field() to @producer (a
 * document's "producer" object being written), in key order. */
guint _mp_producer_add_fields     (JsonObject *producer);

/* Changes each time a field is set or removed, so a writer that caches
 * the producer record knows when to write it anew. */
guint _mp_producer_get_generation (void);

/* Appends to @warnings (of g_strdup()ed strings) a warning when @metadata
 * (a document's "metadata" node, or NULL) records a model converted from
 * scikit-learn (annotation imported_from.sklearn_version) and this process
 * set another "sklearn_version" producer field. */
void _mp_producer_check_converted (JsonNode   *metadata,
                                   GPtrArray  *warnings);

G_END_DECLS
