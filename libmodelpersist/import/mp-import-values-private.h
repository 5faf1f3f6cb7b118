/* mp-import-values-private.h: pickled values as property values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-pickle-value-private.h"

G_BEGIN_DECLS

/* The conversions the import mapping applies to every property, so that
 * a conversion entry only says which pickled key feeds which property.
 * They follow the Python binding's reading of Python values: an int for
 * a number property, None where the declaration allows it, a number for
 * a count-or-fraction string as str() or repr() writes it, a word for an
 * enum; and for fitted arrays a checked conversion to one of the dtypes
 * the property declares. Failures are MP_ERROR_INVALID_VALUE naming
 * @field. */

/* A hyperparameter or scalar fitted value for @pspec, in @out (which
 * this initialises). Estimator-valued properties are not handled here. */
gboolean  _mp_import_value_to_gvalue (MpPickleValue  *value,
                                      GParamSpec     *pspec,
                                      const char     *field,
                                      GValue         *out,
                                      GError        **error);

/* A numpy array, a numpy scalar's number, or a list or tuple of numbers
 * or str, as an MpArray of the first of @dtypes (a bit per MpDType)
 * that holds its values exactly: integers stay integers when the
 * property takes them, text becomes MP_DTYPE_STRING, numbers convert to
 * float64 only below 2**53, floats to integers only when integral, and
 * Fortran-ordered or big-endian data is rearranged. */
MpArray  *_mp_import_value_to_array  (MpPickleValue  *value,
                                      guint           dtypes,
                                      const char     *field,
                                      GError        **error);

/* Column @name of the numpy record array @value (a structured dtype,
 * such as scikit-learn's tree nodes), found by field name wherever it
 * lies in the record, as _mp_import_value_to_array() converts an array:
 * shape, checked casts to the first of @dtypes that holds the values,
 * byte order. MP_ERROR_INVALID_VALUE naming @field.name otherwise. */
MpArray  *_mp_import_record_column   (MpPickleValue  *value,
                                      const char     *name,
                                      guint           dtypes,
                                      const char     *field,
                                      GError        **error);

/* Whether @value reads as @literal in Python (for hyperparameters our
 * estimators lack, compared with scikit-learn's default): "None",
 * "True", "False", an int, a float or a quoted str. */
gboolean  _mp_import_value_equals_literal (MpPickleValue *value,
                                           const char    *literal);

/* Python's repr() of a None, bool, int, float or str (for messages). */
char     *_mp_import_value_repr      (MpPickleValue  *value);

/* A str's text, or NULL when @value is not a str. */
const char *_mp_import_value_get_str (MpPickleValue  *value);

/* Whether @value is an int (or a bool when @bool_ok) and its value. */
gboolean  _mp_import_value_get_int   (MpPickleValue  *value,
                                      gint64         *integer);

G_END_DECLS
