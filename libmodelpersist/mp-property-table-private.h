/* mp-property-table-private.h: a class's properties as one table
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
  MP_FIELD_ENUM,        /* MpEnumField, of enum_type: a word-valued string */
  MP_FIELD_ARRAY,       /* MpArray *, owned */
  MP_FIELD_ESTIMATOR,   /* MpEstimator *, owned: a child */
  MP_FIELD_ESTIMATORS,  /* MpEstimatorList *, owned: children */
} MpFieldKind;

/* A word-valued hyperparameter (MP_FIELD_ENUM), such as SVC's kernel. Its
 * property is a string whose allowed words are the nicks of the entry's
 * enum_type (scikit-learn's spellings), so that GJS and Python pass and
 * read back scikit-learn's words; GJS would turn a string given to an
 * enum property into member 0 without a word. A word that is not allowed
 * is kept as given, read back as given and refused where the declared
 * words are checked (fit, load, the first use after a change), so the
 * algorithm code, which reads @value, never sees it: @value is the member
 * @word names, or -1 when it names none (or @word is NULL). */
typedef struct {
  int   value;
  char *word;   /* owned */
} MpEnumField;

/* One property: everything the library knows about it, written once. The
 * GParamSpec is built from it; get/set, finalize, validation, the
 * hyperparameter checks, the documentation tables and the contract test
 * all read it (through the pspec). Unset members mean "none". A class
 * that is not an estimator (a splitter) declares its parameters with the
 * role MP_PROPERTY_ROLE_HYPERPARAMETER: they are checked where it uses
 * them, as an estimator's are at fit. */
typedef struct {
  const char          *name;           /* the property name: lower case, GJS sees it */
  const char          *display_name;   /* NULL: derived (name_ for fitted state) */
  MpPropertyRole       role;
  MpFieldKind          kind;
  gsize                offset;         /* of the field in the instance struct (or
                                          in the private data, see below) */
  GType              (*enum_type) (void);

  double               default_number; /* booleans, numbers and enums */
  const char          *default_string; /* a string with a default never holds
                                          NULL (setting NULL restores it) unless
                                          None is allowed: then NULL is None */

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
  /* The name of a boolean hyperparameter that must be TRUE for this one
   * to be anything but its default (a forest's oob_score and max_samples
   * need bootstrap); fit says so, and the variants set both. */
  const char          *requires;

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
  const char          *example;        /* a typical value (mp-children-private.h); for a
                                          string, one that fit accepts together with the
                                          children's examples (a column transformer's
                                          column selections) */
} MpPropertyDecl;

/* The declared example of a string property of a table, or NULL. */
const char *_mp_param_spec_get_string_example (GParamSpec *pspec);

/* Installs one property per entry, with ids 1..@n_entries, declares its
 * role and facts, and makes the table the class's get_property and
 * set_property. A class that installs its properties this way installs no
 * others. The table must outlive the class (a static const array). The
 * entries' offsets are from @base: 0 for fields of the instance struct;
 * for fields of a derivable type's private struct (offsets
 * G_STRUCT_OFFSET (TypePrivate, field)), the offset of that struct in the
 * instance, which G_DEFINE_TYPE_WITH_PRIVATE keeps in Type_private_offset
 * (what G_PRIVATE_OFFSET() reads) and which is valid from class_init on.
 * Changing an estimator's property forgets that its state was validated. */
void  _mp_object_class_install_table    (GObjectClass          *klass,
                                         const MpPropertyDecl  *table,
                                         guint                  n_entries,
                                         gint                   base);

/* The same for an estimator class, whose fields are in its instance
 * struct. */
void  _mp_estimator_class_install_table (MpEstimatorClass      *klass,
                                         const MpPropertyDecl  *table,
                                         guint                  n_entries);

/* The typed C API of a word-valued property: sets @property_name, an
 * MP_FIELD_ENUM entry of @object's table, to the word of @value, a member
 * of the entry's enum type. */
void  _mp_object_set_enum               (GObject               *object,
                                         const char            *property_name,
                                         int                    value);

/* Frees the owned fields (strings, arrays) of every table-declared
 * property of @object; the finalize of MpEstimator and of MpSplitter
 * calls it. */
void  _mp_object_free_table_fields      (GObject               *object);

G_END_DECLS
