/* mp-save-options-private.h: what the library does with MpSaveOptions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-save-options.h"

G_BEGIN_DECLS

/* An independent copy, for a save that runs while the caller goes on
 * changing @self (mp_dump_file_full_async()). */
MpSaveOptions *_mp_save_options_copy (MpSaveOptions *self);

G_END_DECLS
