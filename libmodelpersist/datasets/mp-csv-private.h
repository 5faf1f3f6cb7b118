/* mp-csv-private.h: the strict reader of the bundled data set files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a data set file must contain. The reader checks the file against it
 * instead of trusting counts found in the file. */
typedef struct
{
  const char *file_name;   /* for error messages */
  gboolean    has_header;  /* "n_samples,n_features,name,name..." first */
  gsize       n_samples;
  gsize       n_features;
  guint       n_classes;   /* targets are integers in [0, n_classes) */
} MpCsvLayout;

/* The parsed table: row-major features, one class index per row, and the
 * class names of the header (NULL for a file without header). */
typedef struct
{
  gdouble *data;
  gint64  *target;
  char   **target_names;
} MpCsvTable;

gboolean _mp_csv_parse       (const MpCsvLayout *layout,
                              const char        *text,
                              gsize              length,
                              MpCsvTable        *table,
                              GError           **error);

void     _mp_csv_table_clear (MpCsvTable        *table);

G_END_DECLS
