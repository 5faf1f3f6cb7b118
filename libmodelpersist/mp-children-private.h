/* mp-children-private.h: child estimators, declared once and enumerated
 * in one place
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-declarations.h"
#include "mp-estimator-list.h"

G_BEGIN_DECLS

/* What a child property allows: the estimator type of its children, its
 * flags, and the words an #MpEstimatorList entry may hold instead of an
 * estimator. */
typedef struct {
  GType               item_type;
  MpChildFlags        flags;
  const char * const *words;     /* NULL: none */
  const char         *example;   /* NULL: none; see _mp_param_spec_declare_child */
} MpChildSpec;

/* Whether @pspec holds children: an estimator-typed object property, an
 * #MpEstimatorList, or (the format's first lists) a GListModel. Fills
 * @spec with its declaration, or the defaults (any estimator of the
 * property's type, no flags, no words). */
gboolean _mp_param_spec_get_child_spec  (GParamSpec         *pspec,
                                         MpChildSpec        *spec);
/* @example is a typical value, for the tests, fuzz seeds and exchange
 * models derived from declarations: type names separated by spaces, each
 * "name=TypeName" in a named list ("dummy=MpDummyClassifier
 * knn=MpKNeighborsClassifier"). */
void     _mp_param_spec_declare_child   (GParamSpec         *pspec,
                                         GType               item_type,
                                         const char * const *words,
                                         MpChildFlags        flags,
                                         const char         *example);

/* A new estimator of @type with its defaults and, where a child property
 * declares an example, that example: an estimator fit accepts. */
MpEstimator *_mp_estimator_type_new_example (GType           type);

/* One child of an estimator: where it sits and what it is. */
typedef struct {
  GParamSpec  *pspec;       /* the property holding it */
  char        *path;        /* "estimator", "steps[1]" */
  char        *name;        /* its entry name ("clf"), or NULL */
  MpEstimator *estimator;   /* a reference */
} MpChild;

/* The one enumeration of an estimator's children, in property order then
 * list order; word entries are left out. Every user of children (clone,
 * string form, parameters by path, validation, the serializer, the stamp
 * below) walks this. @role MP_PROPERTY_ROLE_NONE lists every role.
 * Returns a GArray of MpChild that clears its elements. */
GArray  *_mp_estimator_list_children    (MpEstimator        *self,
                                         MpPropertyRole      role);

/* The declared facts of the child property @pspec of @self: required,
 * the estimator type of each child, names given exactly when declared
 * NAMED and none equal to a parameter of @self, words among the declared
 * ones. Errors carry @code and name the path. */
gboolean _mp_estimator_check_children   (MpEstimator        *self,
                                         GParamSpec         *pspec,
                                         int                 code,
                                         GError            **error);

/* A number that grows whenever any descendant of @self changes: the base
 * class compares it with the one of the last validation, so a parent is
 * validated again after a child was refitted or had a property set. */
guint64  _mp_estimator_children_stamp   (MpEstimator        *self);

/* Replaces the children in @value (an estimator, an #MpEstimatorList or a
 * GListModel of estimators) by unfitted clones: clone's deep copy. */
void     _mp_child_value_clone          (GValue             *value);

G_END_DECLS
