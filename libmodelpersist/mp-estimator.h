/* mp-estimator.h: the base class of every estimator
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-array.h"
#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MpPropertyRole:
 * @MP_PROPERTY_ROLE_NONE: the property is neither; the serializer, the
 *   string form and get_params ignore it
 * @MP_PROPERTY_ROLE_HYPERPARAMETER: a constructor parameter, set by the
 *   user before fit (sklearn's `get_params`)
 * @MP_PROPERTY_ROLE_FITTED: state learnt by fit (sklearn's attributes with a
 *   trailing underscore)
 *
 * What a property of an #MpEstimator means to the rest of the library.
 *
 * Since: 0.1
 */
typedef enum {
  MP_PROPERTY_ROLE_NONE,
  MP_PROPERTY_ROLE_HYPERPARAMETER,
  MP_PROPERTY_ROLE_FITTED,
} MpPropertyRole;

/**
 * MpEstimatorKind:
 * @MP_ESTIMATOR_KIND_UNKNOWN: not declared
 * @MP_ESTIMATOR_KIND_CLASSIFIER: predicts one of the classes seen in fit;
 *   scores with accuracy
 * @MP_ESTIMATOR_KIND_REGRESSOR: predicts a number; scores with R²
 * @MP_ESTIMATOR_KIND_TRANSFORMER: turns samples into other samples
 * @MP_ESTIMATOR_KIND_CLUSTERER: assigns samples to clusters it finds
 *
 * What an estimator is, as scikit-learn's `_estimator_type` says: tools
 * such as cross-validation choose stratified folds for classifiers, and
 * the default score follows the kind.
 *
 * Since: 0.1
 */
typedef enum {
  MP_ESTIMATOR_KIND_UNKNOWN,
  MP_ESTIMATOR_KIND_CLASSIFIER,
  MP_ESTIMATOR_KIND_REGRESSOR,
  MP_ESTIMATOR_KIND_TRANSFORMER,
  MP_ESTIMATOR_KIND_CLUSTERER,
} MpEstimatorKind;

/**
 * MpEstimatorCapabilities:
 * @MP_ESTIMATOR_CAN_NONE: none of the methods below
 * @MP_ESTIMATOR_CAN_PREDICT: mp_estimator_predict() (and score)
 * @MP_ESTIMATOR_CAN_PREDICT_PROBA: mp_estimator_predict_proba()
 * @MP_ESTIMATOR_CAN_DECISION_FUNCTION: mp_estimator_decision_function()
 * @MP_ESTIMATOR_CAN_TRANSFORM: mp_estimator_transform() and
 *   mp_estimator_fit_transform()
 * @MP_ESTIMATOR_CAN_INVERSE_TRANSFORM: mp_estimator_inverse_transform()
 *
 * The methods an estimator offers in its current configuration: an SVC
 * has predict_proba only with `probability=True`, a pipeline has what its
 * last step has. The Python binding hides the methods an estimator lacks,
 * as scikit-learn does, so tools that ask `hasattr(est, "predict_proba")`
 * see the same answer.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/ {
  MP_ESTIMATOR_CAN_NONE              = 0,
  MP_ESTIMATOR_CAN_PREDICT           = 1 << 0,
  MP_ESTIMATOR_CAN_PREDICT_PROBA     = 1 << 1,
  MP_ESTIMATOR_CAN_DECISION_FUNCTION = 1 << 2,
  MP_ESTIMATOR_CAN_TRANSFORM         = 1 << 3,
  MP_ESTIMATOR_CAN_INVERSE_TRANSFORM = 1 << 4,
} MpEstimatorCapabilities;

/**
 * MpInputFlags:
 * @MP_INPUT_FLAG_NONE: finite numbers only (the default): X converts to
 *   a float64 matrix and NaN or infinity is refused
 * @MP_INPUT_FLAG_MISSING: NaN marks a missing value and reaches the
 *   estimator (an imputer); infinity is still refused
 * @MP_INPUT_FLAG_STRINGS: X may hold text (%MP_DTYPE_STRING), which
 *   reaches the estimator as it is (an encoder)
 * @MP_INPUT_FLAG_COLUMNS: X may be a table (%MP_DTYPE_COLUMNS), which
 *   reaches the estimator as it is: it reads the columns with
 *   mp_array_get_column() and checks each one
 * @MP_INPUT_FLAG_ANY: all of the above: a composite whose children check
 *   what they are given (a pipeline, a column transformer)
 *
 * What an estimator class takes as samples, declared once with
 * mp_estimator_class_set_input_flags(); the base class checks X against
 * it at every entry point (fit, predict, transform, ...), so an estimator
 * that takes numbers never sees text, a NaN or a table.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/ {
  MP_INPUT_FLAG_NONE    = 0,
  MP_INPUT_FLAG_MISSING = 1 << 0,
  MP_INPUT_FLAG_STRINGS = 1 << 1,
  MP_INPUT_FLAG_COLUMNS = 1 << 2,
  MP_INPUT_FLAG_ANY     = (1 << 0) | (1 << 1) | (1 << 2),
} MpInputFlags;

/**
 * MP_TYPE_ESTIMATOR:
 *
 * The #GType of #MpEstimator.
 */
#define MP_TYPE_ESTIMATOR (mp_estimator_get_type ())

/* The abstract base class; a subclass fills in the virtual methods it offers. */
MP_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (MpEstimator, mp_estimator, MP, ESTIMATOR, GObject)

/**
 * MpEstimator:
 *
 * The base instance of every estimator; it has no public fields.
 *
 * Since: 0.1
 */

/**
 * MpEstimatorClass:
 * @parent_class: the parent class
 * @fit: learns fitted state from @x (n_samples x n_features) and @y (one
 *   label or target per sample, or %NULL for unsupervised estimators). Called
 *   by mp_estimator_fit() after the input shapes were checked.
 * @predict: returns one prediction per row of @x. Called by
 *   mp_estimator_predict() once the estimator is known to be fitted and @x
 *   has the feature count seen in fit.
 * @score: computes a goodness-of-fit number; the default is the accuracy of
 *   predict(@x) against @y. Regressors override it with R².
 * @validate: checks the cross-field invariants of the fitted state (shapes
 *   agree, indices in range) so that predict is memory-safe on any state a
 *   loader accepted. Subclasses chain up first.
 * @get_kind: what the estimator is; the default returns the kind its class
 *   (or nearest ancestor) declared with mp_estimator_class_set_kind().
 *   Composite estimators override it (a pipeline is what its last step is).
 * @format_param: returns the Python-literal text of a hyperparameter whose
 *   value the generic rules cannot print (a string that may also be a
 *   number, say), %NULL to use the generic rules, or an empty string to
 *   leave the parameter out of the string form (a parameter newer than
 *   the form users know, shown only when changed)
 * @predict_proba: returns an n_samples x n_classes matrix of class
 *   probabilities, columns in the order of `classes_`. Called by
 *   mp_estimator_predict_proba() with @x checked as for predict.
 * @decision_function: returns the confidence scores of @x (1-D for two
 *   classes, n_samples x n_classes or pairs otherwise), as scikit-learn's
 *   decision_function. Called like @predict_proba.
 * @transform: returns @x transformed (n_samples rows). Called by
 *   mp_estimator_transform() with @x checked as for predict.
 * @fit_transform: fits and transforms in one pass; the default fits, then
 *   transforms. Called by mp_estimator_fit_transform() with the inputs
 *   checked as for fit.
 * @inverse_transform: maps transformed samples back. Called by
 *   mp_estimator_inverse_transform() once the estimator is fitted and
 *   valid, with @x a 2-D matrix of finite numbers; the class checks its
 *   width.
 * @get_capabilities: the methods available now; the default offers each
 *   method whose virtual function is set. Override to depend on
 *   hyperparameters or on children.
 *
 * The virtual methods of #MpEstimator.
 *
 * Since: 0.1
 */
struct _MpEstimatorClass
{
  GObjectClass parent_class;

  gboolean   (*fit)          (MpEstimator  *self,
                              MpArray      *x,
                              MpArray      *y,
                              GError      **error);
  MpArray   *(*predict)      (MpEstimator  *self,
                              MpArray      *x,
                              GError      **error);
  gboolean   (*score)        (MpEstimator  *self,
                              MpArray      *x,
                              MpArray      *y,
                              gdouble      *score,
                              GError      **error);
  gboolean   (*validate)     (MpEstimator  *self,
                              GError      **error);
  char      *(*format_param) (MpEstimator  *self,
                              GParamSpec   *pspec);
  MpEstimatorKind (*get_kind) (MpEstimator *self);
  MpArray   *(*predict_proba)     (MpEstimator  *self,
                                   MpArray      *x,
                                   GError      **error);
  MpArray   *(*decision_function) (MpEstimator  *self,
                                   MpArray      *x,
                                   GError      **error);
  MpArray   *(*transform)         (MpEstimator  *self,
                                   MpArray      *x,
                                   GError      **error);
  MpArray   *(*fit_transform)     (MpEstimator  *self,
                                   MpArray      *x,
                                   MpArray      *y,
                                   GError      **error);
  MpArray   *(*inverse_transform) (MpEstimator  *self,
                                   MpArray      *x,
                                   GError      **error);
  MpEstimatorCapabilities (*get_capabilities) (MpEstimator *self);

  /*< private >*/
  gpointer _reserved[5];
};

/* Training and using an estimator: fit, predict, score, transform; state, names, cloning and parameters. */
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_fit                       (MpEstimator     *self,
                                                        MpArray         *x,
                                                        MpArray         *y,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpArray        *mp_estimator_predict                   (MpEstimator     *self,
                                                        MpArray         *x,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_score                     (MpEstimator     *self,
                                                        MpArray         *x,
                                                        MpArray         *y,
                                                        gdouble         *score,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpArray        *mp_estimator_predict_proba             (MpEstimator     *self,
                                                        MpArray         *x,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpArray        *mp_estimator_decision_function         (MpEstimator     *self,
                                                        MpArray         *x,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpArray        *mp_estimator_transform                 (MpEstimator     *self,
                                                        MpArray         *x,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpArray        *mp_estimator_fit_transform             (MpEstimator     *self,
                                                        MpArray         *x,
                                                        MpArray         *y,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpArray        *mp_estimator_inverse_transform         (MpEstimator     *self,
                                                        MpArray         *x,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
MpEstimatorCapabilities mp_estimator_get_capabilities  (MpEstimator     *self);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_validate                  (MpEstimator     *self,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_is_fitted                 (MpEstimator     *self);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_mark_fitted               (MpEstimator     *self,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_check_feature_names       (MpEstimator     *self,
                                                        const char * const *names,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
guint           mp_estimator_get_n_features_in         (MpEstimator     *self);
MP_AVAILABLE_IN_0_1
char           *mp_estimator_to_string                 (MpEstimator     *self);
MP_AVAILABLE_IN_0_1
const char     *mp_estimator_get_display_name          (MpEstimator     *self);
MP_AVAILABLE_IN_0_1
MpEstimator    *mp_estimator_clone                     (MpEstimator     *self);
MP_AVAILABLE_IN_0_1
GParamSpec    **mp_estimator_list_properties           (MpEstimator     *self,
                                                        MpPropertyRole   role,
                                                        guint           *n_properties);
MP_AVAILABLE_IN_0_1
GParamSpec     *mp_estimator_find_param                (MpEstimator     *self,
                                                        const char      *display_name);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_get_param                 (MpEstimator     *self,
                                                        const char      *path,
                                                        GValue          *value,
                                                        GError         **error);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_set_param                 (MpEstimator     *self,
                                                        const char      *path,
                                                        const GValue    *value,
                                                        GError         **error);
#ifndef __GI_SCANNER__
/* Word-valued hyperparameters by their enum value, for C. */
MP_AVAILABLE_IN_0_1
void            mp_estimator_set_enum                  (MpEstimator     *self,
                                                        const char      *property_name,
                                                        int              value);
MP_AVAILABLE_IN_0_1
int             mp_estimator_get_enum                  (MpEstimator     *self,
                                                        const char      *property_name);
#endif
/* The names of an estimator's hyperparameters or fitted attributes. */
MP_AVAILABLE_IN_0_1
char          **mp_estimator_list_param_names          (MpEstimator     *self,
                                                        MpPropertyRole   role);

/* For writers of estimators: which properties are hyperparameters or fitted state; the built-in types. */
MP_AVAILABLE_IN_0_1
void            mp_estimator_class_set_property_role   (MpEstimatorClass *klass,
                                                        const char       *property_name,
                                                        MpPropertyRole    role,
                                                        const char       *display_name);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_type_set_property_role    (GType             estimator_type,
                                                        const char       *property_name,
                                                        MpPropertyRole    role,
                                                        const char       *display_name,
                                                        GError          **error);

/* The estimators this library defines. */
MP_AVAILABLE_IN_0_1
GType          *mp_builtin_estimator_types             (guint            *n_types);

/* The kind of estimator (classifier, regressor, transformer, ...), read and declared. */
MP_AVAILABLE_IN_0_1
MpEstimatorKind mp_estimator_get_kind                  (MpEstimator      *self);
MP_AVAILABLE_IN_0_1
void            mp_estimator_class_set_kind            (MpEstimatorClass *klass,
                                                        MpEstimatorKind   kind);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_type_set_kind             (GType             estimator_type,
                                                        MpEstimatorKind   kind,
                                                        GError          **error);

/* The inputs an estimator accepts (missing values, strings, tables), read and declared. */
MP_AVAILABLE_IN_0_1
MpInputFlags    mp_estimator_get_input_flags           (MpEstimator      *self);
MP_AVAILABLE_IN_0_1
void            mp_estimator_class_set_input_flags     (MpEstimatorClass *klass,
                                                        MpInputFlags      flags);
MP_AVAILABLE_IN_0_1
gboolean        mp_estimator_type_set_input_flags      (GType             estimator_type,
                                                        MpInputFlags      flags,
                                                        GError          **error);

/* A property's role and its scikit-learn name. */
MP_AVAILABLE_IN_0_1
MpPropertyRole  mp_param_spec_get_role                 (GParamSpec      *pspec);
MP_AVAILABLE_IN_0_1
const char     *mp_param_spec_get_display_name         (GParamSpec      *pspec);

G_END_DECLS
