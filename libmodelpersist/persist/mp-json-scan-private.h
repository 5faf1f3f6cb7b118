/* mp-json-scan-private.h: a bounded, single-pass check of raw JSON text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks that @text (of @length bytes, not necessarily NUL-terminated) is
 * one well-formed JSON value, at most @max_depth containers deep and of at
 * most @max_nodes values (json-glib would build one JsonNode of each), with
 * no object repeating a key, no integer outside the int64 range, no number
 * that overflows a double, no U+0000 and no unpaired surrogate in a
 * string. It uses no recursion and at most O(@max_depth) stack entries
 * plus the keys of the open objects, so it is safe on any input; only text
 * that passes is handed to json-glib, which has no depth limit of its own,
 * keeps the last of duplicate keys, and costs about 80 bytes per value.
 *
 * An object in which more than 16 keys share one g_str_hash() value is
 * refused: json-glib's tables would make parsing it quadratic.
 *
 * Errors: MP_ERROR_LIMIT_EXCEEDED (depth, node count, colliding keys),
 * MP_ERROR_DUPLICATE_KEY, MP_ERROR_INVALID_VALUE (numbers),
 * MP_ERROR_MALFORMED (anything else); each message carries the byte
 * offset, and the node-count and colliding-key ones the JSON path. */
gboolean _mp_json_scan (const char  *text,
                        gsize        length,
                        guint        max_depth,
                        guint        max_nodes,
                        GError     **error);

G_END_DECLS
