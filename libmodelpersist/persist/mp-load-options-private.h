/* mp-load-options-private.h: what the loader needs of MpLoadOptions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-load-options.h"

G_BEGIN_DECLS

/* Resolves a type name from a document: the type it names if that is a
 * trusted, concrete MpEstimator subtype already registered in this
 * process. MP_ERROR_UNKNOWN_TYPE if no such type is registered,
 * MP_ERROR_UNTRUSTED_TYPE if it is not trusted; @path names the field.
 * Never registers, loads or initialises anything. */
GType          _mp_load_options_resolve_type (MpLoadOptions *self,
                                              const char    *type_name,
                                              const char    *path,
                                              GError       **error);

/* A snapshot of @self for a load running in another thread. */
MpLoadOptions *_mp_load_options_copy         (MpLoadOptions *self);

G_END_DECLS
