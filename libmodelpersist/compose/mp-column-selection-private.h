/* mp-column-selection-private.h: which columns each transformer of a
 * column transformer takes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"

G_BEGIN_DECLS

/* One selection, as scikit-learn takes it: column positions (negative
 * ones count from the end), column names, or a boolean mask. */
typedef enum {
  MP_SELECT_POSITIONS,
  MP_SELECT_NAMES,
  MP_SELECT_MASK,
} MpSelectionKind;

typedef struct {
  MpSelectionKind  kind;
  gboolean         scalar;      /* one item written without a list */
  guint            n_items;
  gint64          *positions;   /* MP_SELECT_POSITIONS */
  char           **names;       /* MP_SELECT_NAMES, NULL-terminated */
  gboolean        *mask;        /* MP_SELECT_MASK */
} MpColumnSelection;

/* Parses @text, the Python literal of a list with one selection per
 * transformer (`[['age', 'income'], 'city', [0, 2], [True, False]]`):
 * each an int, a str, a bool or a list of one of these. Returns a
 * GPtrArray of MpColumnSelection, or NULL with MP_ERROR_INVALID_ARGUMENT
 * naming @field and the offending character. */
GPtrArray *_mp_column_selections_parse   (const char   *text,
                                          const char   *field,
                                          GError      **error);

/* The positions (0 <= p < @n_features) that @selection picks in samples of
 * @n_features columns named @names (NULL: unnamed), in the selection's
 * order; NULL with MP_ERROR_INVALID_INPUT naming @field when a position is
 * out of range, a name is unknown or names are used without names, or a
 * mask has the wrong length. */
GArray    *_mp_column_selection_resolve  (const MpColumnSelection *selection,
                                          gsize                    n_features,
                                          const char * const      *names,
                                          const char              *field,
                                          GError                 **error);

/* The Python literal of @selection, as written (a list, or one item). */
char      *_mp_column_selection_to_string (const MpColumnSelection *selection);

G_END_DECLS
