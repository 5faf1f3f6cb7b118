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

/**
 * MP_VERSION_0_1:
 *
 * The version 0.1 of libmodelpersist, encoded for comparison with
 * %MP_VERSION_MIN_REQUIRED and %MP_VERSION_MAX_ALLOWED.
 *
 * Since: 0.1
 */
#define MP_VERSION_0_1 (G_ENCODE_VERSION (0, 1))

/**
 * MP_VERSION_CUR_STABLE:
 *
 * The version of the headers in use, as major.minor, encoded like
 * %MP_VERSION_0_1.
 *
 * Since: 0.1
 */
#define MP_VERSION_CUR_STABLE (G_ENCODE_VERSION (MP_MAJOR_VERSION, MP_MINOR_VERSION))

/**
 * MP_VERSION_MIN_REQUIRED:
 *
 * Define this before including `modelpersist.h` to the oldest version
 * your program must build against, for example %MP_VERSION_0_1. Symbols
 * deprecated after it then warn. The default is the headers' version.
 *
 * Since: 0.1
 */
#ifndef MP_VERSION_MIN_REQUIRED
# define MP_VERSION_MIN_REQUIRED (MP_VERSION_CUR_STABLE)
#endif

/**
 * MP_VERSION_MAX_ALLOWED:
 *
 * Define this before including `modelpersist.h` to the newest version
 * whose symbols your program may use, for example %MP_VERSION_0_1. Using a
 * symbol added after it then warns (an error with `-Werror`), so a program
 * meant to build against an older release finds out on a newer one. The
 * default is the headers' version.
 *
 * Since: 0.1
 */
#ifndef MP_VERSION_MAX_ALLOWED
# define MP_VERSION_MAX_ALLOWED (MP_VERSION_CUR_STABLE)
#endif

#if MP_VERSION_MAX_ALLOWED < MP_VERSION_MIN_REQUIRED
# error "MP_VERSION_MAX_ALLOWED must be >= MP_VERSION_MIN_REQUIRED"
#endif

#define _MP_UNAVAILABLE(major, minor) G_UNAVAILABLE (major, minor) _MP_EXTERN

#define MP_AVAILABLE_IN_ALL _MP_EXTERN

/* One block per release: the symbols it added, and those it deprecated. */
#if MP_VERSION_MAX_ALLOWED < MP_VERSION_0_1
# define MP_AVAILABLE_IN_0_1 _MP_UNAVAILABLE (0, 1)
#else
# define MP_AVAILABLE_IN_0_1 _MP_EXTERN
#endif

#if MP_VERSION_MIN_REQUIRED >= MP_VERSION_0_1
# define MP_DEPRECATED_IN_0_1 G_DEPRECATED _MP_EXTERN
# define MP_DEPRECATED_IN_0_1_FOR(f) G_DEPRECATED_FOR (f) _MP_EXTERN
#else
# define MP_DEPRECATED_IN_0_1 _MP_EXTERN
# define MP_DEPRECATED_IN_0_1_FOR(f) _MP_EXTERN
#endif
