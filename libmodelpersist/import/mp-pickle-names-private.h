/* mp-pickle-names-private.h: the globals a pickle may name, and what
 * each one builds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-pickle-value-private.h"

G_BEGIN_DECLS

/* What REDUCE does with a named callable: never call it, but build the
 * value it would have returned, from arguments of the one shape the
 * callable is known to receive from numpy's, Python's or scikit-learn's
 * own pickling. */
typedef MpPickleValue *(*MpPickleReduceFunc) (MpPickleGraph  *graph,
                                              MpPickleValue  *args,
                                              guint64         offset,
                                              GError        **error);

typedef enum {
  MP_PICKLE_NAME_UNKNOWN,
  MP_PICKLE_NAME_BUILDER,     /* REDUCE makes data (numpy.dtype, _codecs.encode...) */
  MP_PICKLE_NAME_ARGUMENT,    /* only an argument of a builder (numpy.ndarray, object) */
  MP_PICKLE_NAME_JOBLIB_ARRAY,/* joblib's NumpyArrayWrapper: the array follows */
  MP_PICKLE_NAME_RECONSTRUCTOR,/* copyreg._reconstructor (cls, object, None):
                               * an instance of cls (protocols 0 and 1) */
  MP_PICKLE_NAME_DICT_CLASS   /* a dict subclass (scikit-learn's Bunch):
                               * NEWOBJ makes a dict that SETITEMS fills */
} MpPickleNameRole;

typedef struct {
  MpPickleNameRole    role;
  MpPickleReduceFunc  reduce;
} MpPickleName;

/* The module path a name is matched and recorded under: numpy 2's
 * numpy._core is numpy.core, a copy of joblib inside old scikit-learns
 * (sklearn.externals.joblib) is joblib, and inside scikit-learn each
 * module's leading underscore is dropped (sklearn.svm._classes and the
 * 0.21-era sklearn.svm.classes are one module; sklearn.ensemble.forest
 * is sklearn.ensemble._forest). Newly allocated. */
char               *_mp_pickle_canonical_module (const char *module);

/* The builder or argument a canonical name is, or NULL. */
const MpPickleName *_mp_pickle_find_name        (const char *module,
                                                 const char *name);

G_END_DECLS
