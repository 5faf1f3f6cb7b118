/* mp-pickle-numpy-private.h: numpy's arrays, dtypes and scalars as
 * pickle and joblib store them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-pickle-value-private.h"

G_BEGIN_DECLS

/* The REDUCE builders of numpy's names (see mp-pickle-names.c):
 *   numpy.core.multiarray._reconstruct (numpy.ndarray, (0,), b'b')
 *       an array waiting for its BUILD (protocols 0 to 4);
 *   numpy.core.numeric._frombuffer (buffer, dtype, shape, order)
 *       a whole array (protocol 5, the buffer in band);
 *   numpy.dtype (text, align, copy)
 *       a dtype waiting for its BUILD;
 *   numpy.core.multiarray.scalar (dtype, bytes)
 *       a numpy scalar, as the plain number it holds. */
MpPickleValue *_mp_pickle_reduce_reconstruct (MpPickleGraph  *graph,
                                              MpPickleValue  *args,
                                              guint64         offset,
                                              GError        **error);
MpPickleValue *_mp_pickle_reduce_frombuffer  (MpPickleGraph  *graph,
                                              MpPickleValue  *args,
                                              guint64         offset,
                                              GError        **error);
MpPickleValue *_mp_pickle_reduce_dtype       (MpPickleGraph  *graph,
                                              MpPickleValue  *args,
                                              guint64         offset,
                                              GError        **error);
MpPickleValue *_mp_pickle_reduce_scalar      (MpPickleGraph  *graph,
                                              MpPickleValue  *args,
                                              guint64         offset,
                                              GError        **error);

/* BUILD of an array from _reconstruct: (1, shape, dtype, is_fortran,
 * data), data being the elements' bytes or, for dtype object, a list. */
gboolean       _mp_pickle_build_array        (MpPickleGraph  *graph,
                                              MpPickleValue  *array,
                                              MpPickleValue  *state,
                                              guint64         offset,
                                              GError        **error);

/* BUILD of a dtype: (3, byte order, None, names, fields, itemsize,
 * alignment, flags), and version 4's trailing metadata. */
gboolean       _mp_pickle_build_dtype        (MpPickleGraph  *graph,
                                              MpPickleDType  *dtype,
                                              MpPickleValue  *state,
                                              guint64         offset,
                                              GError        **error);

/* What a joblib NumpyArrayWrapper's state says about the array that
 * follows it in the file. */
typedef struct {
  MpPickleDType *dtype;
  guint          n_dims;
  guint64       *shape;       /* owned by the caller after parsing */
  guint64        n_elements;
  gboolean       fortran;
  guint          alignment;   /* 0: no padding (joblib before 1.2) */
} MpPickleJoblibArray;

gboolean       _mp_pickle_parse_joblib_wrapper (MpPickleValue        *state,
                                                guint64               offset,
                                                MpPickleJoblibArray  *header,
                                                GError              **error);

/* The nested pickle of an object array matches its wrapper. */
gboolean       _mp_pickle_check_joblib_objects (MpPickleValue             *array,
                                                const MpPickleJoblibArray *header,
                                                guint64                    offset,
                                                GError                   **error);

G_END_DECLS
