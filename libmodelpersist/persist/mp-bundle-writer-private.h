/* mp-bundle-writer-private.h: NAME.json plus one sidecar, saved so that a
 * failure at any point leaves the previous model loadable
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mp-serializer-private.h"

G_BEGIN_DECLS

/* Lets tests put a stream that fails at the Nth write between the writer
 * and the temporary files; returns a new reference. */
typedef GOutputStream *(*MpStreamWrapFunc) (GOutputStream *stream,
                                            gpointer       user_data);

gboolean  _mp_bundle_write        (MpSerialized  *serialized,
                                   JsonNode      *metadata,
                                   const char    *path,
                                   MpStreamWrapFunc wrap,
                                   gpointer       wrap_data,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
