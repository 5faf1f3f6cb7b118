/* mp-json-writer-private.h: canonical, deterministic JSON text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Appends @node to @out as canonical JSON: object members sorted by key
 * (byte order), two-space indentation, strings escaped the same way every
 * time, integers in decimal, and doubles in the shortest form that reads
 * back to the same bits, always with a '.' or an exponent so readers see a
 * float (-0.0 stays "-0.0"). Non-finite doubles are a programming error:
 * the serializer encodes them as strings before they reach here. */
void _mp_json_write (GString  *out,
                     JsonNode *node);

/* _mp_json_write() for a value nested @level deep: its members are
 * indented as they are inside a document (mp-document.c embeds the
 * metadata at level 1). */
void _mp_json_write_at (GString  *out,
                        JsonNode *node,
                        guint     level);

/* The pieces, for writers that emit the same canonical text without
 * building a JsonNode tree (mp-serializer.c): a string with the escapes
 * above, an integer in decimal, and the line break plus indentation that
 * starts a member or element @level deep. */
void _mp_json_append_string (GString    *out,
                             const char *s);
void _mp_json_append_int    (GString    *out,
                             gint64      value);
void _mp_json_indent        (GString    *out,
                             guint       level);

/* The shortest decimal text of @value that reads back to the same double
 * with g_ascii_strtod(). */
void _mp_json_append_double (GString *out,
                             gdouble  value);

G_END_DECLS
