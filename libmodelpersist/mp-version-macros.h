/* mp-version-macros.h: symbol visibility and availability annotations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib.h>

#include "mp-version.h"

#ifndef _MP_EXTERN
# define _MP_EXTERN __attribute__((visibility("default"))) extern
#endif

#define MP_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

#ifndef MP_VERSION_MIN_REQUIRED
# define MP_VERSION_MIN_REQUIRED MP_VERSION_1_0
#endif

#ifndef MP_VERSION_MAX_ALLOWED
# define MP_VERSION_MAX_ALLOWED MP_VERSION_1_0
#endif

#define MP_AVAILABLE_IN_ALL _MP_EXTERN
#define MP_AVAILABLE_IN_1_0 _MP_EXTERN
#define MP_DEPRECATED_IN_1_0 G_DEPRECATED _MP_EXTERN
