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
#include "mp-version-macros.h"

G_BEGIN_DECLS

MP_AVAILABLE_IN_1_0
GBytes       *mp_dumps              (MpEstimator          *estimator,
                                     GError              **error);
MP_AVAILABLE_IN_1_0
MpEstimator  *mp_loads              (GBytes               *bytes,
                                     MpLoadOptions        *options,
                                     MpLoadReport         *report,
                                     GError              **error);

MP_AVAILABLE_IN_1_0
gboolean      mp_dump               (MpEstimator          *estimator,
                                     const char           *path,
                                     GError              **error);
MP_AVAILABLE_IN_1_0
MpEstimator  *mp_load               (const char           *path,
                                     MpLoadOptions        *options,
                                     MpLoadReport         *report,
                                     GError              **error);

MP_AVAILABLE_IN_1_0
gboolean      mp_dump_file          (MpEstimator          *estimator,
                                     GFile                *file,
                                     GCancellable         *cancellable,
                                     GError              **error);
MP_AVAILABLE_IN_1_0
MpEstimator  *mp_load_file          (GFile                *file,
                                     MpLoadOptions        *options,
                                     MpLoadReport         *report,
                                     GCancellable         *cancellable,
                                     GError              **error);

MP_AVAILABLE_IN_1_0
gboolean      mp_dump_to_stream     (MpEstimator          *estimator,
                                     GOutputStream        *stream,
                                     GCancellable         *cancellable,
                                     GError              **error);
MP_AVAILABLE_IN_1_0
MpEstimator  *mp_load_from_stream   (GInputStream         *stream,
                                     MpLoadOptions        *options,
                                     MpLoadReport         *report,
                                     GCancellable         *cancellable,
                                     GError              **error);

MP_AVAILABLE_IN_1_0
void          mp_dump_file_async    (MpEstimator          *estimator,
                                     GFile                *file,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
MP_AVAILABLE_IN_1_0
gboolean      mp_dump_file_finish   (GAsyncResult         *result,
                                     GError              **error);
MP_AVAILABLE_IN_1_0
void          mp_load_file_async    (GFile                *file,
                                     MpLoadOptions        *options,
                                     MpLoadReport         *report,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
MP_AVAILABLE_IN_1_0
MpEstimator  *mp_load_file_finish   (GAsyncResult         *result,
                                     GError              **error);

MP_AVAILABLE_IN_1_0
char        **mp_inspect_types      (GBytes               *bytes,
                                     MpLoadOptions        *options,
                                     char               ***untrusted,
                                     GError              **error);
MP_AVAILABLE_IN_1_0
char        **mp_inspect_file_types (GFile                *file,
                                     MpLoadOptions        *options,
                                     char               ***untrusted,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
