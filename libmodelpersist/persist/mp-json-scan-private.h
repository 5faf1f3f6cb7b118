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
 * It also refuses a list or object where the model format (docs/format.md
 * sections 2 and 3) has no room for one and the container's place alone
 * says so: the top level is an object; `producer` holds strings; `format`,
 * `format_version`, `payload.nbytes`, `payload.file`, an estimator's
 * `type` and `fitted` are scalars; an estimator has no other members than
 * those and its `params` and `state` objects; a list value is flat and its
 * objects are estimators; an object value holds containers only as
 * `params`, `state` (objects) and `shape` (a list of at most 8 scalars).
 * `metadata` and members a newer minor version may add are not checked
 * here: the node count bounds them. A text that is only part of a document
 * (mp-bundle-names.c scans the `payload` member alone) is checked as if it
 * were the top level, whose rules concern members it does not have.
 *
 * With @compact, the text is appended to it without the white space
 * between tokens: json-glib's lexer spends as much on each byte of
 * indentation as on a byte of content, so the loader parses that copy.
 *
 * An object in which more than 16 keys share one g_str_hash() value is
 * refused: json-glib's tables would make parsing it quadratic.
 *
 * Errors: MP_ERROR_LIMIT_EXCEEDED (depth, node count, colliding keys),
 * MP_ERROR_DUPLICATE_KEY, MP_ERROR_INVALID_VALUE (numbers),
 * MP_ERROR_INVALID_ARRAY (a container an array descriptor has no room
 * for), MP_ERROR_MALFORMED (anything else); each message carries the byte
 * offset, and the ones about node count, keys and places the JSON path. */
gboolean _mp_json_scan (const char  *text,
                        gsize        length,
                        guint        max_depth,
                        guint        max_nodes,
                        GString     *compact,
                        GError     **error);

G_END_DECLS
