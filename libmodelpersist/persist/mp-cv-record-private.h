/* mp-cv-record-private.h: a cross-validation result as a model's metadata
 * keeps it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mp-array.h"
#include "mp-splitter.h"

G_BEGIN_DECLS

/* What was cross-validated how: the splitter as its GType name and its
 * parameters (the properties a splitter class installed, by display name,
 * as JSON values; -1 for None as null), the scorer, the per-fold scores
 * and their mean and population standard deviation. The splitter is kept
 * as data, not as an instance: reading a record instantiates nothing. */
typedef struct {
  char        *splitter_type;
  JsonObject  *splitter_params;
  char        *scoring;
  MpArray     *scores;
  gdouble      mean;
  gdouble      std;
} MpCvRecord;

/* A record of @cv, @scoring and @scores, with their mean and standard
 * deviation computed. MP_ERROR_INVALID_ARGUMENT if @scoring is unknown,
 * @scores is not one float64 score per split, or a parameter of @cv has
 * a type the record cannot hold. */
MpCvRecord  *_mp_cv_record_new_from_splitter     (MpSplitter        *cv,
                                                  const char        *scoring,
                                                  MpArray           *scores,
                                                  GError           **error);

/* A record of values already checked (the metadata reader's); copies the
 * strings and takes a reference on @splitter_params and @scores. */
MpCvRecord  *_mp_cv_record_new                   (const char        *splitter_type,
                                                  JsonObject        *splitter_params,
                                                  const char        *scoring,
                                                  MpArray           *scores,
                                                  gdouble            mean,
                                                  gdouble            std);

void         _mp_cv_record_free                  (MpCvRecord        *self);

/* Builds a new splitter equal to the recorded one. MP_ERROR_UNKNOWN_TYPE
 * if its type is not registered in this process. */
MpSplitter  *_mp_cv_record_create_splitter       (const MpCvRecord  *self,
                                                  GError           **error);

/* Looks up a splitter type by name without loading anything: it must be a
 * built-in splitter or already registered, and a concrete subtype of
 * MpSplitter. @path names the value in messages. */
GType        _mp_cv_record_lookup_splitter_type  (const char        *name,
                                                  const char        *path,
                                                  GError           **error);

/* Checks that every member of @params is a writable parameter of @type
 * with a value of the right JSON type and in range. */
gboolean     _mp_cv_record_check_splitter_params (GType              type,
                                                  JsonObject        *params,
                                                  const char        *path,
                                                  GError           **error);

/* The mean and population standard deviation of a non-empty float64
 * @scores, as the record keeps them. */
void         _mp_cv_record_compute_stats         (MpArray           *scores,
                                                  gdouble           *mean,
                                                  gdouble           *std);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpCvRecord, _mp_cv_record_free)

G_END_DECLS
