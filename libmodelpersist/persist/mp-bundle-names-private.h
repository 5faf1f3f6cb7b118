/* mp-bundle-names-private.h: the names of a bundle's files, and which
 * names provably belong to which bundle
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Length of a content id in a sidecar name: 16 lower-case hex digits. */
#define MP_BUNDLE_CONTENT_ID_LENGTH 16

/* The sidecar stem of a bundle: its JSON file name, with a "_" in front
 * when that name starts with "." or "_". Distinct JSON names give distinct
 * stems (also when compared without case), and a stem never starts with
 * "." (a sidecar must not be a hidden file). */
char     *_mp_bundle_sidecar_stem          (const char *json_basename);

/* STEM.ID.bin, where STEM is the bundle's sidecar stem. */
char     *_mp_bundle_sidecar_name          (const char *json_basename,
                                            const char *content_id);

/* TRUE if @name is STEM.<16 hex>.bin for the bundle @json_basename. */
gboolean  _mp_bundle_is_own_sidecar        (const char *name,
                                            const char *json_basename);

/* TRUE if @name is the sidecar name that libmodelpersist 1.0 before this
 * change gave @json_basename: the name without leading dots and without
 * ".json", then ".<16 hex>.bin". Bundles of that time could share one. */
gboolean  _mp_bundle_is_legacy_sidecar     (const char *name,
                                            const char *json_basename);

/* TRUE if @a and @b had the same sidecar stem before this change (so
 * that a sidecar of one of them may be referenced by the other). */
gboolean  _mp_bundle_shared_legacy_stem    (const char *a,
                                            const char *b);

/* A temporary file of a save of @json_basename: ".NAME.XXXXXX.tmp" for
 * the JSON, ".STEM.<16 hex>.bin.XXXXXX.tmp" for a sidecar. */
typedef enum {
  MP_BUNDLE_TEMP_NONE,
  MP_BUNDLE_TEMP_JSON,
  MP_BUNDLE_TEMP_SIDECAR,
} MpBundleTempKind;

/* Which kind of temporary file of @json_basename @name is; for a
 * sidecar's, @out_sidecar (if not NULL) receives the final sidecar name
 * it stands for. */
MpBundleTempKind _mp_bundle_temp_kind      (const char  *name,
                                            const char  *json_basename,
                                            char       **out_sidecar);

/* The name of the sidecar that the bundle JSON at @path names in
 * `payload.file`, or NULL (no such file, not a regular file, a single
 * stream, no sidecar, or not a document this reader can make sense of).
 * It reads the file without building a JSON tree of it: the file may be
 * anything, and the caller only ever uses the answer to decide what it
 * may delete, never to load. */
char     *_mp_bundle_read_sidecar_reference (const char *path);

G_END_DECLS
