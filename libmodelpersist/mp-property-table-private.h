/* mp-property-table-private.h: an estimator class's properties as one
 * table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-declarations-private.h"
#include "mp-estimator.h"
#include "mp-estimator-list.h"

G_BEGIN_DECLS

typedef enum {
  MP_FIELD_BOOLEAN,     /* gboolean */
  MP_FIELD_INT,         /* int */
  MP_FIELD_UINT,        /* guint */
  MP_FIELD_INT64,       /* gint64 */
  MP_FIELD_UINT64,      /* guint64 */
  MP_FIELD_DOUBLE,      /* double */
  MP_FIELD_STRING,      /* char *, owned */
  MP_FIELD_ENUM,        /* int, of enum_type */
  MP_FIELD_ARRAY,       /* MpArray *, owned */
  MP_FIELD_ESTIMATOR,   /* MpEstimator *, owned: a child */
  MP_FIELD_ESTIMATORS,  /* MpEstimatorList *, owned: children */
} MpFieldKind;

/* One property: everything the library knows about it, written once. The
 * GParamSpec is built from it; get/set, finalize, validation, the
 * hyperparameter checks, the documentation tables and the contract test
 * all read it (through the pspec). Unset members mean "none". */
typedef struct {
  const char          *name;           /* the property name: lower case, GJS sees it */
  const char          *display_name;   /* NULL: derived (name_ for fitted state) */
  MpPropertyRole       role;
  MpFieldKind          kind;
  gsize                offset;         /* of the field in the instance struct */
  GType              (*enum_type) (void);

  double               default_number; /* booleans, numbers and enums */
  const char          *default_string; /* a string with a default never holds
                                          NULL: setting NULL restores it */

  /* Hyperparameters, and fitted scalars: an interval (when `interval` is
   * TRUE), words, None; and for values none of these allow, the class's
   * own check (SVC's class_weight dictionary) with what it allows. */
  gboolean             interval;
  double               minimum;
  double               maximum;
  MpConstraintFlags    constraint;
  const char * const  *words;
  MpParamCheck         check;
  const char          *check_text;

  /* Fitted arrays: dtypes, shape, element checks. */
  const char          *dtypes;
  const char          *shape;
  MpStateFlags         state;
  const char          *bound;

  /* A fitted integer that gives a shape symbol its value. */
  const char          *symbol;

  /* Children: the type of each (NULL: any estimator) and their rules;
   * `words` are then what a list entry may hold instead of an estimator. */
  GType              (*child_type) (void);
  MpChildFlags         child_flags;
  const char          *example;        /* a typical value (mp-children-private.h) */
} MpPropertyDecl;

/* Installs one property per entry, with ids 1..@n_entries, declares its
 * role and facts, and makes the table the class's get_property and
 * set_property. A class that installs its properties this way installs no
 * others. The table must outlive the class (a static const array). */
void  _mp_estimator_class_install_table (MpEstimatorClass      *klass,
                                         const MpPropertyDecl  *table,
                                         guint                  n_entries);

/* Frees the owned fields (strings, arrays) of every table-declared
 * property of @self; the base class's finalize calls it. */
void  _mp_estimator_free_table_fields   (MpEstimator           *self);

G_END_DECLS
