/* mp-fd-output-stream-private.h: a GOutputStream over a file descriptor
 * the caller keeps owning (so that it can fsync it)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MP_TYPE_FD_OUTPUT_STREAM (mp_fd_output_stream_get_type ())

G_DECLARE_FINAL_TYPE (MpFdOutputStream, mp_fd_output_stream, MP, FD_OUTPUT_STREAM, GOutputStream)

GOutputStream *_mp_fd_output_stream_new (int fd);

G_END_DECLS
