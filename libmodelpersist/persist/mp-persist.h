/* mp-persist.h: saving and loading estimators
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
#include "mp-load-report.h"
#include "mp-model-info.h"
#include "mp-save-options.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/* Saving: to memory, a path, a GFile or a stream; the _with_info forms save metadata. */
MP_AVAILABLE_IN_0_1
GBytes       *mp_dumps                    (MpEstimator            *estimator,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
GBytes       *mp_dumps_with_info          (MpEstimator            *estimator,
                                           MpModelInfo            *info,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump                     (MpEstimator            *estimator,
                                           const char             *path,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_with_info           (MpEstimator            *estimator,
                                           MpModelInfo            *info,
                                           const char             *path,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_file                (MpEstimator            *estimator,
                                           GFile                  *file,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_file_with_info      (MpEstimator            *estimator,
                                           MpModelInfo            *info,
                                           GFile                  *file,
                                           GCancellable           *cancellable,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_to_stream           (MpEstimator            *estimator,
                                           GOutputStream          *stream,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_to_stream_with_info (MpEstimator            *estimator,
                                           MpModelInfo            *info,
                                           GOutputStream          *stream,
                                           GCancellable           *cancellable,
                                           GError                **error);

/* Saving with every choice: options (compression), metadata and a cancellable. */
MP_AVAILABLE_IN_0_1
GBytes       *mp_dumps_full               (MpEstimator            *estimator,
                                           MpSaveOptions          *options,
                                           MpModelInfo            *info,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_full                (MpEstimator            *estimator,
                                           const char             *path,
                                           MpSaveOptions          *options,
                                           MpModelInfo            *info,
                                           GCancellable           *cancellable,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_file_full           (MpEstimator            *estimator,
                                           GFile                  *file,
                                           MpSaveOptions          *options,
                                           MpModelInfo            *info,
                                           GCancellable           *cancellable,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_to_stream_full      (MpEstimator            *estimator,
                                           GOutputStream          *stream,
                                           MpSaveOptions          *options,
                                           MpModelInfo            *info,
                                           GCancellable           *cancellable,
                                           GError                **error);

/* Loading with the defaults; the _full forms take options, a report and a cancellable. */
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_loads                    (GBytes                 *bytes,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_loads_full               (GBytes                 *bytes,
                                           MpLoadOptions          *options,
                                           MpLoadReport           *report,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load                     (const char             *path,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load_full                (const char             *path,
                                           MpLoadOptions          *options,
                                           MpLoadReport           *report,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load_file                (GFile                  *file,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load_file_full           (GFile                  *file,
                                           MpLoadOptions          *options,
                                           MpLoadReport           *report,
                                           GCancellable           *cancellable,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load_from_stream         (GInputStream           *stream,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load_from_stream_full    (GInputStream           *stream,
                                           MpLoadOptions          *options,
                                           MpLoadReport           *report,
                                           GCancellable           *cancellable,
                                           GError                **error);

/* Without blocking the main loop: these take every argument, as GIO's do. */
MP_AVAILABLE_IN_0_1
void          mp_dump_file_async          (MpEstimator            *estimator,
                                           GFile                  *file,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
MP_AVAILABLE_IN_0_1
void          mp_dump_file_full_async     (MpEstimator            *estimator,
                                           GFile                  *file,
                                           MpSaveOptions          *options,
                                           MpModelInfo            *info,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
MP_AVAILABLE_IN_0_1
gboolean      mp_dump_file_finish         (GAsyncResult           *result,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
void          mp_load_file_async          (GFile                  *file,
                                           MpLoadOptions          *options,
                                           MpLoadReport           *report,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
MP_AVAILABLE_IN_0_1
MpEstimator  *mp_load_file_finish         (GAsyncResult           *result,
                                           GError                **error);

/* Which estimator types a model names, before trusting any of them. */
MP_AVAILABLE_IN_0_1
char        **mp_inspect_types            (GBytes                 *bytes,
                                           char                  ***untrusted,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
char        **mp_inspect_types_full       (GBytes                 *bytes,
                                           MpLoadOptions          *options,
                                           char                  ***untrusted,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
char        **mp_inspect_file_types       (GFile                  *file,
                                           char                  ***untrusted,
                                           GError                **error);
MP_AVAILABLE_IN_0_1
char        **mp_inspect_file_types_full  (GFile                  *file,
                                           MpLoadOptions          *options,
                                           char                  ***untrusted,
                                           GCancellable           *cancellable,
                                           GError                **error);

G_END_DECLS
