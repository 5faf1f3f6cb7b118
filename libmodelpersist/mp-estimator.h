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
 *   user before fit (sklearn's `get_params()`)
 * @MP_PROPERTY_ROLE_FITTED: state learnt by fit (sklearn's attributes with a
 *   trailing underscore)
 *
 * What a property of an #MpEstimator means to the rest of the library.
 *
 * Since: 1.0
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
 * Since: 1.0
 */
typedef enum {
  MP_ESTIMATOR_KIND_UNKNOWN,
  MP_ESTIMATOR_KIND_CLASSIFIER,
  MP_ESTIMATOR_KIND_REGRESSOR,
  MP_ESTIMATOR_KIND_TRANSFORMER,
  MP_ESTIMATOR_KIND_CLUSTERER,
} MpEstimatorKind;

/**
 * MP_TYPE_ESTIMATOR:
 *
 * The #GType of #MpEstimator.
 */
#define MP_TYPE_ESTIMATOR (mp_estimator_get_type ())

MP_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (MpEstimator, mp_estimator, MP, ESTIMATOR, GObject)

/**
 * MpEstimator:
 *
 * The base instance of every estimator; it has no public fields.
 *
 * Since: 1.0
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
 *
 * The virtual methods of #MpEstimator.
 *
 * Since: 1.0
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

  /*< private >*/
  gpointer _reserved[11];
};

MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_fit                       (MpEstimator     *self,
                                                        MpArray         *x,
                                                        MpArray         *y,
                                                        GError         **error);
MP_AVAILABLE_IN_1_0
MpArray        *mp_estimator_predict                   (MpEstimator     *self,
                                                        MpArray         *x,
                                                        GError         **error);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_score                     (MpEstimator     *self,
                                                        MpArray         *x,
                                                        MpArray         *y,
                                                        gdouble         *score,
                                                        GError         **error);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_validate                  (MpEstimator     *self,
                                                        GError         **error);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_is_fitted                 (MpEstimator     *self);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_mark_fitted               (MpEstimator     *self,
                                                        GError         **error);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_check_feature_names       (MpEstimator     *self,
                                                        const char * const *names,
                                                        GError         **error);
MP_AVAILABLE_IN_1_0
guint           mp_estimator_get_n_features_in         (MpEstimator     *self);
MP_AVAILABLE_IN_1_0
char           *mp_estimator_to_string                 (MpEstimator     *self);
MP_AVAILABLE_IN_1_0
const char     *mp_estimator_get_display_name          (MpEstimator     *self);
MP_AVAILABLE_IN_1_0
MpEstimator    *mp_estimator_clone                     (MpEstimator     *self);
MP_AVAILABLE_IN_1_0
GParamSpec    **mp_estimator_list_properties           (MpEstimator     *self,
                                                        MpPropertyRole   role,
                                                        guint           *n_properties);
MP_AVAILABLE_IN_1_0
GParamSpec     *mp_estimator_find_param                (MpEstimator     *self,
                                                        const char      *display_name);
MP_AVAILABLE_IN_1_0
char          **mp_estimator_list_param_names          (MpEstimator     *self,
                                                        MpPropertyRole   role);

MP_AVAILABLE_IN_1_0
void            mp_estimator_class_set_property_role   (MpEstimatorClass *klass,
                                                        const char       *property_name,
                                                        MpPropertyRole    role,
                                                        const char       *display_name);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_type_set_property_role    (GType             estimator_type,
                                                        const char       *property_name,
                                                        MpPropertyRole    role,
                                                        const char       *display_name,
                                                        GError          **error);

MP_AVAILABLE_IN_1_0
MpEstimatorKind mp_estimator_get_kind                  (MpEstimator      *self);
MP_AVAILABLE_IN_1_0
void            mp_estimator_class_set_kind            (MpEstimatorClass *klass,
                                                        MpEstimatorKind   kind);
MP_AVAILABLE_IN_1_0
gboolean        mp_estimator_type_set_kind             (GType             estimator_type,
                                                        MpEstimatorKind   kind,
                                                        GError          **error);

MP_AVAILABLE_IN_1_0
MpPropertyRole  mp_param_spec_get_role                 (GParamSpec      *pspec);
MP_AVAILABLE_IN_1_0
const char     *mp_param_spec_get_display_name         (GParamSpec      *pspec);

G_END_DECLS
