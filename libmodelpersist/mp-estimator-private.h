/* mp-estimator-private.h: what the loader and model selection need of
 * MpEstimator beyond its public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-estimator.h"

G_BEGIN_DECLS

/* Marks an estimator as fitted (or not) without running fit; the loader
 * calls it after restoring fitted state and before validate. */
void _mp_estimator_set_fitted (MpEstimator *self,
                               gboolean     fitted);

/* Declares what @pspec means and the name Python users know it by (NULL:
 * the name with '-' as '_', and a trailing '_' for fitted state), as
 * mp_estimator_class_set_property_role() does; for property tables, which
 * also serve classes that are not estimators (a splitter's parameters are
 * hyperparameters of the cross-validation). */
void     _mp_param_spec_set_role     (GParamSpec     *pspec,
                                      MpPropertyRole  role,
                                      const char     *display_name);

/* The one validation policy (docs/development.md, "Validation"): state is
 * validated once, and again after any change. Every entry point that reads
 * fitted state calls one of these first. */

/* NOT_FITTED before fit; otherwise runs validate() unless the current
 * state already passed it. */
gboolean _mp_estimator_ensure_checked (MpEstimator  *self,
                                       GError      **error);

/* _mp_estimator_ensure_checked(), then @x: non-empty 2-D samples with the
 * fitted feature count (and, for a named table, the fitted feature
 * names), checked as _mp_estimator_check_samples() checks them. */
MpArray *_mp_estimator_check_input    (MpEstimator  *self,
                                       MpArray      *x,
                                       GError      **error);

/* The two halves of mp_estimator_fit() around the class's own fitting, for
 * every entry point that fits (fit, fit_transform). prepare checks @x, @y
 * and the hyperparameters and returns @x checked as the class's input
 * flags say (float64 numbers unless it takes more); finish, given the @x
 * the caller passed, records what every fitted estimator knows
 * (n_features_in, a named table's feature names) and marks it fitted. */
MpArray *_mp_estimator_prepare_fit    (MpEstimator  *self,
                                       MpArray      *x,
                                       MpArray      *y,
                                       GError      **error);
void     _mp_estimator_finish_fit     (MpEstimator  *self,
                                       MpArray      *x);

/* @x checked against the input flags @self's class declared
 * (mp-estimator-input.c); messages name @self's class. */
MpArray *_mp_estimator_check_samples  (MpEstimator  *self,
                                       MpArray      *x,
                                       GError      **error);

/* The entry point of every method that reads fitted state and samples with
 * the fitted feature count (predict, predict_proba, decision_function,
 * transform): offered (else NOT_SUPPORTED), fitted, valid, @x checked,
 * then the class's virtual function. */
MpArray *_mp_estimator_call_on_samples (MpEstimator             *self,
                                        MpEstimatorCapabilities  capability,
                                        MpArray                 *x,
                                        GError                 **error);

/* The default get_capabilities: each method whose virtual function the
 * class sets. */
MpEstimatorCapabilities _mp_estimator_real_get_capabilities (MpEstimator *self);

/* The code for a hyperparameter that validate() refuses: the caller's
 * mistake (MP_ERROR_INVALID_ARGUMENT) when an entry point validates after
 * a change, the file's (MP_ERROR_INVALID_STATE) when the loader does. */
int      _mp_estimator_parameter_error_code (MpEstimator *self);

/* Grows whenever the state of @self changes (see _mp_estimator_children_stamp). */
guint64  _mp_estimator_get_generation (MpEstimator  *self);

/* Forgets that the current state passed validate(); for setters that
 * change state without a notification reaching the base class first. */
void     _mp_estimator_invalidate     (MpEstimator  *self);

G_END_DECLS
