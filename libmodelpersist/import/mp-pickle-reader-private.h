/* mp-pickle-reader-private.h: running a pickle's opcodes without running
 * anything they name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mp-pickle-value-private.h"

G_BEGIN_DECLS

typedef struct _MpPickleReader MpPickleReader;

/* Which classes the caller accepts as instance records (scikit-learn's
 * estimators and the helper objects inside them): called with the
 * global's canonical name (mp-pickle-names.c) and TRUE for one this
 * import can use. Everything else a pickle names is refused, unless the
 * reader only surveys. */
typedef gboolean (*MpPickleClassFilter) (const char *module,
                                         const char *name,
                                         gpointer    user_data);

typedef struct {
  guint                max_depth;     /* MARK nesting (max_depth) */
  guint64              max_stack;     /* stack and memo entries */
  MpPickleGraphLimits  graph;
  MpPickleClassFilter  class_filter;
  gpointer             class_filter_data;
  /* Survey: record every global, allowed or not, and make an inert
   * record of whatever a refused one would have built, so that an
   * inspection lists them all instead of stopping at the first. */
  gboolean             survey;
} MpPickleReadOptions;

/* What a read saw, for the import's provenance and for inspection. */
typedef struct {
  guint      protocol;      /* the PROTO opcode's, 0 or 1 when absent */
  gboolean   joblib;        /* arrays came in joblib's NumpyArrayWrapper */
  GPtrArray *globals;       /* "module.name" of every global, once, in order */
  GPtrArray *refused;       /* (survey) the ones this importer does not read */
} MpPickleReadInfo;

void            _mp_pickle_read_info_clear    (MpPickleReadInfo          *info);

/* Runs the pickle at the start of @input (protocols 0 to 5), and for a
 * joblib file the arrays written between its opcodes. Returns the value
 * STOP leaves on the stack, owned by @graph; NULL with an MP_ERROR
 * naming the opcode or global and its byte offset. Bytes after STOP are
 * refused (MP_ERROR_MALFORMED). @info may be NULL. */
MpPickleValue  *_mp_pickle_read               (MpPickleGraph             *graph,
                                               GBytes                    *input,
                                               const MpPickleReadOptions *options,
                                               GCancellable              *cancellable,
                                               MpPickleReadInfo          *info,
                                               GError                   **error);

G_END_DECLS
