/* mp-import.h: importing pickle and joblib files without running them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mp-estimator.h"
#include "mp-load-options.h"
#include "mp-model-info.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/* Importing a scikit-learn model from bytes, a path or a GFile. */
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_bytes        (GBytes               *bytes,
                                             GError              **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_bytes_full   (GBytes               *bytes,
                                             MpLoadOptions        *options,
                                             MpModelInfo         **info,
                                             GError              **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle              (const char           *path,
                                             GError              **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_file         (GFile                *file,
                                             GError              **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_file_full    (GFile                *file,
                                             MpLoadOptions        *options,
                                             MpModelInfo         **info,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* The same, from a GInputStream (the whole stream is read). */
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_from_stream  (GInputStream         *stream,
                                             GError              **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_from_stream_full (GInputStream     *stream,
                                             MpLoadOptions        *options,
                                             MpModelInfo         **info,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* The same in a worker thread. */
MP_AVAILABLE_IN_0_1
void          mp_import_pickle_file_async   (GFile                *file,
                                             MpLoadOptions        *options,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_import_pickle_file_finish  (GAsyncResult         *result,
                                             MpModelInfo         **info,
                                             GError              **error);

/* Which scikit-learn classes the importer reads. */
MP_AVAILABLE_IN_0_1
char        **mp_import_pickle_list_classes (void);

/* Listing what a pickle names, without building an estimator. */
MP_AVAILABLE_IN_0_1
char        **mp_inspect_pickle_bytes       (GBytes               *bytes,
                                             char               ***unsupported,
                                             GError              **error);
MP_AVAILABLE_IN_0_1
char        **mp_inspect_pickle_bytes_full  (GBytes               *bytes,
                                             MpLoadOptions        *options,
                                             char               ***unsupported,
                                             GError              **error);

G_END_DECLS
