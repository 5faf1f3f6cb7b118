/* mp-pickle-value-private.h: the inert values a pickle describes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

#include "mp-error.h"

G_BEGIN_DECLS

/* What the pickle reader builds instead of Python objects: plain data.
 * A pickle is a program for a stack machine; run by Python it calls the
 * functions it names. Our reader never calls anything: each opcode pushes
 * or combines values of these kinds, and the few callables it accepts
 * (numpy's array and dtype reconstructors, scikit-learn's classes...) are
 * names that select a data builder (mp-pickle-globals.c), which checks
 * the exact argument shape it expects and makes one of these values.
 *
 * Every value belongs to one MpPickleGraph, which frees them all at once.
 * Values point at each other freely: the memo lets a pickle refer to a
 * value twice or make a list contain itself, so the graph may share and
 * may cycle. Nothing here walks a graph recursively; whoever reads one
 * (mp-import-mapping.c) follows the paths it needs with a depth bound. */

typedef enum {
  MP_PICKLE_NONE,
  MP_PICKLE_BOOL,
  MP_PICKLE_INT,          /* fits in 64 bits (larger ones are refused) */
  MP_PICKLE_FLOAT,
  MP_PICKLE_STR,          /* UTF-8, may hold NUL */
  MP_PICKLE_BYTES,        /* bytes and bytearray */
  MP_PICKLE_TUPLE,
  MP_PICKLE_LIST,
  MP_PICKLE_DICT,
  MP_PICKLE_SET,          /* set and frozenset */
  MP_PICKLE_GLOBAL,       /* a name (module, qualname), never resolved */
  MP_PICKLE_OBJECT,       /* an instance record: class global, args, state */
  MP_PICKLE_DTYPE,        /* a numpy dtype */
  MP_PICKLE_ARRAY,        /* a numpy ndarray */
} MpPickleKind;

typedef struct _MpPickleValue MpPickleValue;
typedef struct _MpPickleGraph MpPickleGraph;
typedef struct _MpPickleDType MpPickleDType;

/* A numpy dtype as its pickle states it: the kind character ('b' bool,
 * 'i'/'u' integers, 'f' floats, 'c' complex, 'U' text, 'S' bytes, 'O'
 * objects, 'V' records), the item size in bytes, the byte order ('<',
 * '>' or '|'), and for a record its fields in order, each with a name,
 * an offset and its own dtype. */
struct _MpPickleDType {
  char             kind;
  char             byte_order;
  gboolean         built;           /* BUILD gave it its state */
  guint64          itemsize;
  guint            n_fields;
  char           **field_names;
  guint64         *field_offsets;
  MpPickleDType  **field_types;
  MpPickleValue   *value;           /* the MP_PICKLE_DTYPE value holding it */
};

struct _MpPickleValue {
  MpPickleKind  kind;
  guint64       offset;             /* where in the stream its opcode was */
  union {
    gboolean      boolean;
    gint64        integer;
    double        number;
    struct {
      char       *data;             /* NUL-terminated copy */
      gsize       length;
    } string;                       /* STR */
    GBytes       *bytes;            /* BYTES: often a view of the input */
    GPtrArray    *items;            /* TUPLE, LIST, SET: MpPickleValue * */
    struct {
      GPtrArray  *keys;
      GPtrArray  *values;
      GHashTable *index;            /* key -> position + 1 */
    } dict;
    struct {
      char       *module;
      char       *name;
    } global;
    struct {
      MpPickleValue *cls;           /* a GLOBAL */
      MpPickleValue *args;          /* a TUPLE, or NULL */
      MpPickleValue *state;         /* what BUILD gave, or NULL */
      gboolean       built;
    } object;
    MpPickleDType *dtype;
    struct {
      MpPickleDType *dtype;         /* NULL until BUILD gives it */
      guint          n_dims;
      guint64       *shape;
      guint64        n_elements;
      gboolean       fortran;       /* data in column-major order */
      GBytes        *data;          /* elements' bytes, as stored */
      GPtrArray     *objects;       /* for dtype 'O': MpPickleValue * */
      gboolean       built;
    } array;
  };
};

/* Limits a graph enforces as it grows. */
typedef struct {
  guint64 max_values;               /* values and container slots */
  guint64 max_bytes;                /* bytes held by strings and arrays */
} MpPickleGraphLimits;

/* Sets @error to @code with "offset N: message"; returns FALSE. */
gboolean        _mp_pickle_error              (GError        **error,
                                               guint64         offset,
                                               MpError         code,
                                               const char     *format,
                                               ...) G_GNUC_PRINTF (4, 5);

MpPickleGraph  *_mp_pickle_graph_new          (const MpPickleGraphLimits *limits);
void            _mp_pickle_graph_free         (MpPickleGraph  *graph);

/* Each constructor counts against the limits; NULL and
 * MP_ERROR_LIMIT_EXCEEDED when one is passed. */
MpPickleValue  *_mp_pickle_value_new          (MpPickleGraph  *graph,
                                               MpPickleKind    kind,
                                               guint64         offset,
                                               GError        **error);
MpPickleValue  *_mp_pickle_value_new_string   (MpPickleGraph  *graph,
                                               guint64         offset,
                                               const char     *data,
                                               gsize           length,
                                               GError        **error);
/* Takes @bytes; counts its size against the byte limit. */
MpPickleValue  *_mp_pickle_value_new_bytes    (MpPickleGraph  *graph,
                                               guint64         offset,
                                               GBytes         *bytes,
                                               GError        **error);
MpPickleValue  *_mp_pickle_value_new_global   (MpPickleGraph  *graph,
                                               guint64         offset,
                                               const char     *module,
                                               const char     *name,
                                               GError        **error);
MpPickleDType  *_mp_pickle_dtype_new          (MpPickleGraph  *graph,
                                               guint64         offset,
                                               GError        **error);

/* Counts @n_bytes more against the graph's byte limit (array data the
 * caller is about to copy). */
gboolean        _mp_pickle_graph_account      (MpPickleGraph  *graph,
                                               guint64         n_bytes,
                                               guint64         offset,
                                               GError        **error);

/* Appends to a TUPLE, LIST or SET; @offset is the opcode's, for messages. */
gboolean        _mp_pickle_value_append       (MpPickleGraph  *graph,
                                               MpPickleValue  *container,
                                               MpPickleValue  *item,
                                               guint64         offset,
                                               GError        **error);

/* dict[key] = value, replacing an equal key as Python does. Keys are
 * None, booleans, integers, floats, str and bytes (what scikit-learn's
 * state dicts hold); anything else is MP_ERROR_MALFORMED. */
gboolean        _mp_pickle_dict_set           (MpPickleGraph  *graph,
                                               MpPickleValue  *dict,
                                               MpPickleValue  *key,
                                               MpPickleValue  *value,
                                               guint64         offset,
                                               GError        **error);

/* dict[name] for a str key, or NULL. */
MpPickleValue  *_mp_pickle_dict_lookup        (MpPickleValue  *dict,
                                               const char     *name);

/* "str", "int", "tuple", "numpy.ndarray", "sklearn.svm._classes.SVC",
 * ... for messages. */
char           *_mp_pickle_value_describe     (MpPickleValue  *value);

/* The kind's Python name ("tuple"). */
const char     *_mp_pickle_kind_name          (MpPickleKind    kind);

G_END_DECLS
