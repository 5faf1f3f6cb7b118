/* mp-svm-attributes-private.h: a libsvm model as scikit-learn's fitted
 * attributes, and back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-array.h"
#include "mp-svm-model-private.h"

G_BEGIN_DECLS

/* What scikit-learn's sklearn.svm._libsvm module hands its estimators:
 * libsvm's model as arrays. Binary models are kept with the signs of
 * dual_coef_ and intercept_ flipped (@sign -1 below), so that positive
 * decision values mean the second class, as scikit-learn's SVC keeps
 * them. */
typedef struct
{
  MpArray *support;          /* int32 (n_SV,) */
  MpArray *support_vectors;  /* float64 (n_SV, n_features) */
  MpArray *n_support;        /* int32 (n_classes,) */
  MpArray *dual_coef;        /* float64 (n_classes - 1, n_SV) */
  MpArray *intercept;        /* float64 (n_pairs,): sign * -rho */
  MpArray *prob_a;           /* float64 (n_pairs,), or (0,) without probabilities */
  MpArray *prob_b;
  MpArray *n_iter;           /* int32 (n_pairs,) */
  int      fit_status;       /* 1 if a solver stopped at max_iter */
} MpSvmAttributes;

/* Trains on the rows of @x (float64, n_samples x n_features) labelled with
 * class indices below @n_classes, and fills @out. Fails with
 * MP_ERROR_INVALID_INPUT, leaving @out empty, if the coefficients are not
 * finite. */
gboolean  _mp_svm_attributes_fit   (MpSvmAttributes     *out,
                                    MpArray             *x,
                                    const gint32        *labels,
                                    gsize                n_classes,
                                    const MpSvmParams   *params,
                                    double               sign,
                                    GError             **error);
void      _mp_svm_attributes_clear (MpSvmAttributes     *attributes);

/* libsvm's model borrowing validated attributes. */
typedef struct
{
  MpSvmModel     model;
  const double **rows;
  double        *sv_coef;
  double        *rho;
  int           *n_sv;
} MpSvmPredictor;

/* The per-class support vector counts decide which rows libsvm reads, and
 * a binding may have written to their memory since validation (GJS lends
 * GBytes memory writable: docs/javascript.md), so they are checked here,
 * on the copy that is used: MP_ERROR_INVALID_STATE naming n_support_. */
gboolean  _mp_svm_predictor_init      (MpSvmPredictor          *predictor,
                                       const MpSvmAttributes   *attributes,
                                       const MpSvmKernelParams *kernel,
                                       double                   sign,
                                       GError                 **error);
void      _mp_svm_predictor_clear     (MpSvmPredictor          *predictor);

/* The pairwise decision values of the rows of @x (float64, n_samples x
 * n_pairs, libsvm's orientation) and, if @winners is not NULL, libsvm's
 * vote winner of each. */
double   *_mp_svm_predictor_decisions (const MpSvmPredictor    *predictor,
                                       MpArray                 *x,
                                       gint32                  *winners);

/* scikit-learn's one-vs-rest transform of one sample's one-vs-one
 * decisions: votes plus confidences squashed into (-1/3, 1/3). */
void      _mp_svm_ovr_from_ovo        (const double            *dec,
                                       gsize                    n_classes,
                                       double                  *out);

G_END_DECLS
