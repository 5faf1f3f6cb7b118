/* mp-declarations-private.h: how declared facts are kept, and the checks
 * derived from them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-declarations.h"
#include "mp-estimator.h"

G_BEGIN_DECLS

/* A fitted array's declaration, kept as qdata on its GParamSpec. */
typedef struct {
  guint         dtypes;                       /* bit (1 << MpDType) per allowed dtype */
  guint         n_dims;
  char         *dims[MP_ARRAY_MAX_DIMS];      /* a symbol, a decimal length, or NULL: any */
  MpStateFlags  flags;
  char         *bound;                        /* for INDEX and COUNTS */
  guint         order;                        /* declaration order: symbols bind in it */
} MpStateSpec;

/* A class's own check of a hyperparameter value that neither an interval
 * nor words describe (SVC's class_weight dictionary). On failure it sets
 * a message without the parameter's name, which the caller prefixes; the
 * error's domain and code are replaced by the caller's. */
typedef gboolean (*MpParamCheck) (const GValue  *value,
                                  GError       **error);

/* A hyperparameter's declaration. */
typedef struct {
  gboolean           has_interval;
  gdouble            minimum;
  gdouble            maximum;
  MpConstraintFlags  flags;
  GStrv              words;
  MpParamCheck       check;        /* tried on values nothing above allows */
  char              *check_text;   /* what it allows, for descriptions */
} MpParamConstraint;

const MpStateSpec       *_mp_param_spec_get_state_spec   (GParamSpec *pspec);
const char              *_mp_param_spec_get_symbol       (GParamSpec *pspec);
const MpParamConstraint *_mp_param_spec_get_constraint   (GParamSpec *pspec);

/* What mp_estimator_type_describe_state() and _constraint() say, for a
 * pspec at hand (messages, docs tables), and for a constraint on values of
 * @value_type that no pspec carries (a function's argument). */
char *_mp_param_spec_describe_state      (GParamSpec              *pspec);
char *_mp_param_spec_describe_constraint (GParamSpec              *pspec);
char *_mp_constraint_describe            (const MpParamConstraint *c,
                                          GType                    value_type);

/* Whether @pspec takes Python's None: its declaration says so
 * (MP_CONSTRAINT_NONE_ALLOWED), or, for a property with no declaration, it
 * is an integer whose minimum is -1 (how hand-written properties said it).
 * _value_is_none: whether @value is that None (-1, or a NULL string), which
 * the string forms print as None and records store as null. */
gboolean _mp_param_spec_allows_none      (GParamSpec              *pspec);
gboolean _mp_param_spec_value_is_none    (GParamSpec              *pspec,
                                          const GValue            *value);

/* The same as the public mp_estimator_type_declare_* calls, on a pspec
 * (for classes declaring from class_init, whose type is not yet usable
 * with g_type_class_ref). */
gboolean _mp_param_spec_declare_array    (GParamSpec         *pspec,
                                          const char         *dtypes,
                                          const char         *shape,
                                          MpStateFlags        flags,
                                          const char         *bound,
                                          GError            **error);
void     _mp_param_spec_declare_symbol   (GParamSpec         *pspec,
                                          const char         *symbol);
void     _mp_param_spec_declare_interval (GParamSpec         *pspec,
                                          gdouble             minimum,
                                          gdouble             maximum,
                                          MpConstraintFlags   flags);
void     _mp_param_spec_declare_words    (GParamSpec         *pspec,
                                          const char * const *words,
                                          MpConstraintFlags   flags);
/* The boolean hyperparameter (by property name) that must be TRUE for
 * @pspec to hold anything but its default, or NULL. */
void        _mp_param_spec_declare_requires (GParamSpec   *pspec,
                                             const char   *property_name);
const char *_mp_param_spec_get_requires     (GParamSpec   *pspec);

void     _mp_param_spec_declare_check    (GParamSpec         *pspec,
                                          MpParamCheck        check,
                                          const char         *check_text);

/* The property @property_name of @estimator_type that the library (not
 * GObject) installed on an estimator class, or NULL with
 * MP_ERROR_INVALID_ARGUMENT naming the argument: what every public
 * mp_estimator_type_declare_* call starts with. */
GParamSpec *_mp_find_estimator_property (GType        estimator_type,
                                         const char  *property_name,
                                         GError     **error);

/* A fitted property that a fitted estimator may leave unset (%NULL): the
 * serializer omits it then, and a file without it loads. Arrays say so
 * with MP_STATE_FLAG_OPTIONAL; this marks any other property. */
void     _mp_param_spec_declare_optional (GParamSpec         *pspec);
gboolean _mp_param_spec_is_optional      (GParamSpec         *pspec);

/* A symbol whose value follows from another's (SVC's n_pairs from
 * n_classes); shapes may name it like any other. */
typedef guint64 (*MpSymbolRule) (guint64 value);

/* Rules for one-vs-one classifiers: n (n - 1) / 2 pairs of n classes, and
 * n - 1 (the rows of SVC's dual_coef_; 0 for 0). */
guint64  _mp_symbol_rule_pairs     (guint64 n);
guint64  _mp_symbol_rule_minus_one (guint64 n);

void     _mp_estimator_class_derive_symbol (MpEstimatorClass *klass,
                                            const char       *symbol,
                                            const char       *from,
                                            MpSymbolRule      rule);

/* The symbol @symbol derives from on @type or an ancestor (and its rule),
 * or NULL if it is not derived. */
const char *_mp_estimator_type_find_derivation (GType          type,
                                                const char    *symbol,
                                                MpSymbolRule  *rule);

/* Validate's generic part: every declared fitted array's presence, dtype,
 * shape (symbols agreeing across arrays) and element flags. Errors are
 * MP_ERROR_INVALID_STATE naming the field. */
gboolean _mp_estimator_check_declared_state  (MpEstimator  *self,
                                              GError      **error);

/* Every declared hyperparameter constraint of @object, an estimator or
 * any class with a property table (fitted scalars' constraints are
 * checked with the state); errors carry @code (see
 * _mp_estimator_parameter_error_code) and name the parameter. */
gboolean _mp_object_check_declared_params (GObject                  *object,
                                           int                       code,
                                           GError                  **error);

/* Checks @value against @c, as a declared parameter is checked; on
 * failure sets @code with "@field: must be <what @c allows>, got <value>".
 * For values no property holds: a function's arguments (train_test_split's
 * test_size), or a record's before it is applied. */
gboolean _mp_constraint_check             (const MpParamConstraint  *c,
                                           const char               *field,
                                           const GValue             *value,
                                           int                       code,
                                           GError                  **error);

/* Sets MP_ERROR_INVALID_STATE with a printf-style message (which names
 * the field first) and returns FALSE: for the invariants a class checks in
 * its validate hook. */
gboolean _mp_invalid_state (GError     **error,
                            const char  *format,
                            ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
