/* mp-svm-model-private.h: multiclass C-SVC training and prediction on top
 * of the SMO solver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mp-svm-kernel-private.h"
#include "mp-svm-solver-private.h"

G_BEGIN_DECLS

/* Mersenne Twister MT19937, the generator of both numpy's RandomState and
 * the C++ std::mt19937 that scikit-learn's libsvm shuffles with. */
typedef struct
{
  guint32 state[624];
  int     index;
} MpSvmRng;

void    _mp_svm_rng_seed         (MpSvmRng *rng,
                                  guint32   seed);
guint32 _mp_svm_rng_next         (MpSvmRng *rng);
/* A uniform integer in [0, range), Lemire's multiply-and-reject method as
 * scikit-learn's libsvm draws it. */
int     _mp_svm_rng_bounded      (MpSvmRng *rng,
                                  int       range);
/* The seed scikit-learn derives from random_state=@random_state:
 * RandomState(random_state).randint(2**31 - 1). */
int     _mp_svm_seed_from_random_state (guint32 random_state);

typedef struct
{
  MpSvmKernelParams kernel;
  double            c;
  double            eps;
  double            cache_mb;
  gboolean          shrinking;
  gboolean          probability;
  int               max_iter;
  gboolean          verbose;
  /* C of the class whose label is weight_label[k] is multiplied by
   * weight[k] */
  int               n_weights;
  const int        *weight_label;
  const double     *weight;
  int               seed;          /* reseeds the generator when >= 0 */
} MpSvmParams;

/* Labels are class indices 0 .. n_classes - 1 stored as doubles. */
typedef struct
{
  int                    l;
  gsize                  n_features;
  const double * const  *x;
  const double          *y;
} MpSvmProblem;

/* A trained (or borrowed) one-vs-one model. Support vectors are grouped by
 * class; sv_coef holds n_classes - 1 rows of l coefficients in libsvm's
 * layout, rho one threshold per pair (i, j), i < j, in row-major order. */
typedef struct
{
  int              n_classes;
  int              l;
  gsize            n_features;
  MpSvmKernelParams kernel;
  int             *label;
  int             *n_sv;
  int             *sv_index;
  const double   **sv;
  double          *sv_coef;
  double          *rho;
  double          *prob_a;
  double          *prob_b;
  int             *n_iter;
  gboolean         timed_out;
  gboolean         owned;
} MpSvmModel;

MpSvmModel *_mp_svm_train                (const MpSvmProblem *problem,
                                          const MpSvmParams  *params,
                                          MpSvmRng           *rng);
void        _mp_svm_model_free           (MpSvmModel         *model);

/* Epsilon-support vector regression (libsvm's EPSILON_SVR) of the targets
 * problem->y with the tube half-width @epsilon: fills @coef (problem->l
 * entries) with alpha_i - alpha*_i, nonzero for the support vectors, and
 * @solution (its rho is minus the intercept). */
void        _mp_svm_train_regression     (const MpSvmProblem *problem,
                                          const MpSvmParams  *params,
                                          double              epsilon,
                                          double             *coef,
                                          MpSvmSolution      *solution);

/* Fills @dec_values (n_classes (n_classes - 1) / 2 entries, positive
 * favouring the first class of each pair) and returns the index of the
 * class with most votes. @kvalue is scratch space for model->l values. */
int         _mp_svm_predict_values       (const MpSvmModel   *model,
                                          const double       *x,
                                          double             *kvalue,
                                          double             *dec_values);

/* Fills @prob (n_classes entries) from the pairwise decision values with
 * the model's Platt sigmoids and Wu, Lin and Weng's coupling. */
void        _mp_svm_probability_from_decisions (const MpSvmModel *model,
                                                const double     *dec_values,
                                                double           *prob);

G_END_DECLS
