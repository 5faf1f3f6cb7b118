/* mp-save-options.h: how a save stores a model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_SAVE_MAX_COMPRESS:
 *
 * The highest #MpSaveOptions:compress level, 19: zstd's highest ordinary
 * level (its "ultra" levels need far more memory to decompress).
 *
 * Since: 0.1
 */
#define MP_SAVE_MAX_COMPRESS 19

/**
 * MP_TYPE_SAVE_OPTIONS:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_SAVE_OPTIONS (mp_save_options_get_type ())

/**
 * MpSaveOptions:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpSaveOptions, mp_save_options, MP, SAVE_OPTIONS, GObject)

/* Options that save as mp_dump() does: uncompressed. */
MP_AVAILABLE_IN_0_1
MpSaveOptions *mp_save_options_new          (void);

/* The compression level, 0 (off) to MP_SAVE_MAX_COMPRESS. */
MP_AVAILABLE_IN_0_1
guint          mp_save_options_get_compress (MpSaveOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_save_options_set_compress (MpSaveOptions *self,
                                             guint          compress);

G_END_DECLS
