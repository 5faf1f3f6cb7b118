/* mp-svm-kernel-private.h: kernel functions and the kernel matrix of the
 * SVM solver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MP_SVM_KERNEL_LINEAR_,
  MP_SVM_KERNEL_POLY_,
  MP_SVM_KERNEL_RBF_,
  MP_SVM_KERNEL_SIGMOID_,
} MpSvmKernelType;

typedef struct
{
  MpSvmKernelType type;
  int             degree;
  double          gamma;
  double          coef0;
} MpSvmKernelParams;

/* One kernel value between two feature vectors of @n_features, computed
 * the way libsvm evaluates kernels at prediction time (the RBF kernel from
 * the squared distance). */
double          _mp_svm_kernel_eval          (const MpSvmKernelParams *params,
                                              const double            *x,
                                              const double            *z,
                                              gsize                    n_features);

/* The matrix Q[i][j] = y[i] y[j] K(x[i], x[j]) of a two-class problem,
 * computed column by column on demand and cached in single precision. */
typedef struct _MpSvmQMatrix MpSvmQMatrix;

MpSvmQMatrix   *_mp_svm_q_matrix_new          (const MpSvmKernelParams *params,
                                              const double * const    *rows,
                                              int                      l,
                                              gsize                    n_features,
                                              const gint8             *y,
                                              double                   cache_mb);
/* The 2 n_samples x 2 n_samples matrix of epsilon-support vector
 * regression: variable k < n_samples is alpha_k with sign +1, variable
 * k + n_samples is alpha*_k with sign -1, both of sample k. The kernel
 * cache holds n_samples unsigned columns. */
MpSvmQMatrix   *_mp_svm_q_matrix_new_regression (const MpSvmKernelParams *params,
                                                const double * const    *rows,
                                                int                      n_samples,
                                                gsize                    n_features,
                                                double                   cache_mb);
void            _mp_svm_q_matrix_free         (MpSvmQMatrix            *q);
const gfloat   *_mp_svm_q_matrix_get_column   (MpSvmQMatrix            *q,
                                              int                      i,
                                              int                      len);
const double   *_mp_svm_q_matrix_get_diagonal (MpSvmQMatrix            *q);
void            _mp_svm_q_matrix_swap         (MpSvmQMatrix            *q,
                                              int                      i,
                                              int                      j);

G_END_DECLS
