/* mp-variants-private.h: estimators that differ from the defaults in one
 * declared way, for the fuzzers' seeds and the model exchange test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-estimator.h"

G_BEGIN_DECLS

typedef struct {
  char        *setting;     /* "kernel=linear", for names and messages */
  MpEstimator *estimator;   /* unfitted */
} MpVariant;

void       _mp_variant_free                 (MpVariant *variant);

/* One new estimator of @type per declared alternative to a default
 * hyperparameter: every other word or enum value, the other boolean, and
 * one other number inside a declared interval. Derived from the
 * declarations, so a new hyperparameter is covered without a list to keep
 * in step; every variant is a value fit must accept. */
GPtrArray *_mp_estimator_type_list_variants (GType type);

G_END_DECLS
