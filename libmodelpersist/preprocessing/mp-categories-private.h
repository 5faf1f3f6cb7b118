/* mp-categories-private.h: the categories of each column, for the encoders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-property-table-private.h"

G_BEGIN_DECLS

/* scikit-learn's categories_ is a list of one 1-D array per column, of
 * different lengths. The encoders hold it as two declared arrays: every
 * column's categories one after the other (`values`, float64 or str, of
 * n_categories elements) and how many each column has (`counts`, int64,
 * n_features_in elements, each > 0, summing to n_categories). A column's
 * categories are its sorted distinct values (numbers by value, text in
 * code-point order, as np.unique sorts them). */

/* The declarations the two encoders share: entries of an MpPropertyDecl
 * table at @field_offset in the instance struct (each class documents the
 * property above its entry). */
#define MP_CATEGORIES_DTYPES "float64|str"
extern const char * const _mp_categories_words[];
#define MP_CATEGORIES_DECL_CATEGORIES(field_offset) \
  { .name = "categories", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING, \
    .offset = (field_offset), .default_string = "auto", .words = _mp_categories_words }
#define MP_CATEGORIES_DECL_VALUES(field_offset) \
  { .name = "category-values", .display_name = "categories_", .role = MP_PROPERTY_ROLE_FITTED, \
    .kind = MP_FIELD_ARRAY, .offset = (field_offset), .dtypes = MP_CATEGORIES_DTYPES, \
    .shape = "(n_categories,)", .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_EMPTY }
#define MP_CATEGORIES_DECL_COUNTS(field_offset) \
  { .name = "category-counts", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY, \
    .offset = (field_offset), .dtypes = "int64", .shape = "(n_features_in,)", \
    .state = MP_STATE_FLAG_COUNTS | MP_STATE_FLAG_POSITIVE, .bound = "n_categories" }

/* Learns the categories of each column of @x, a checked 2-D array of
 * samples (float64 numbers, str text, or a table of such columns). Every
 * column must hold the same kind (all text or all numbers): one flat array
 * has one dtype. */
gboolean  _mp_categories_fit     (MpArray      *x,
                                  MpArray     **values,
                                  MpArray     **counts,
                                  GError      **error);

/* What validate() checks beyond the declarations: each column's
 * categories are sorted and distinct. @values and @counts have passed the
 * declared checks (dtype, counts > 0 summing to the length of @values).
 * @field names the categories in the message. */
gboolean  _mp_categories_check   (MpArray      *values,
                                  MpArray      *counts,
                                  const char   *field,
                                  GError      **error);

/* The code of each element of @x (n_samples x n_columns, row-major): its
 * index among its column's categories, or -1 for a value fit did not see
 * when @allow_unknown is set (otherwise an unknown value is an
 * MP_ERROR_INVALID_INPUT error naming the column and the value). */
gint64   *_mp_categories_encode  (MpArray      *values,
                                  MpArray      *counts,
                                  MpArray      *x,
                                  gboolean      allow_unknown,
                                  GError      **error);

G_END_DECLS
