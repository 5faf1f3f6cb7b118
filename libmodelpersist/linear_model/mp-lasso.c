/* mp-lasso.c: least squares with an L1 penalty
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-coordinate-descent-private.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-lasso.h"
#include "mp-linear-model-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-lasso
 * @Title: MpLasso
 * @Short_description: least squares with an L1 penalty
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) lasso = g_object_new (MP_TYPE_LASSO,
 *                                              "alpha", 0.01,
 *                                              "max-iter", 5000,
 *                                              NULL);
 * g_autoptr(MpArray) predicted = NULL;
 *
 * if (mp_estimator_fit (lasso, x, y, &error))
 *   predicted = mp_estimator_predict (lasso, x, &error);
 * if (predicted == NULL)
 *   g_warning ("Lasso: %s", error->message);
 * ]|
 *
 * #MpLasso is scikit-learn's `Lasso` for one target and a dense X: fit
 * minimises 1/(2 n_samples) ||y - X w||² + alpha ||w||_1 on centred data
 * (with #MpLasso:fit-intercept) by cyclic coordinate descent, the
 * elastic-net solver of #MpElasticNet with `l1_ratio` 1, and
 * mp_estimator_predict() returns `X @ coef_ + intercept_`. Not supported:
 * `precompute` (a Gram matrix), `warm_start`, `selection='random'`. A
 * regressor: mp_estimator_score() is R². See docs/linear-models.md.
 */

struct _MpLasso
{
  MpEstimator      parent_instance;

  MpLinearFit      fit;
  int              n_iter;
  double           dual_gap;

  double           alpha;
  gboolean         fit_intercept;
  gboolean         copy_x;
  int              max_iter;
  double           tol;
  gboolean         positive;
  MpEnumField      selection;     /* MpCoordinateSelection */
};

G_DEFINE_FINAL_TYPE (MpLasso, mp_lasso, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpLasso, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpLasso:alpha:
   *
   * The strength of the penalty (`alpha`, default 1.0), finite and >= 0.
   * 0 is least squares, which coordinate descent reaches poorly;
   * scikit-learn advises #MpLinearRegression then.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_ALPHA (FIELD (alpha)),
  /**
   * MpLasso:fit-intercept:
   *
   * Whether fit learns an intercept (`fit_intercept`, default %TRUE), by
   * centring X and y first; without it `intercept_` is 0.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_FIT_INTERCEPT (FIELD (fit_intercept)),
  /**
   * MpLasso:copy-x:
   *
   * scikit-learn's `copy_X` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: fit never writes
   * to its input.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COPY_X (FIELD (copy_x)),
  /**
   * MpLasso:max-iter:
   *
   * The most sweeps over the coefficients (`max_iter`, default 1000), at
   * least 1. A fit that reaches it without meeting #MpLasso:tol keeps
   * its last coefficients, with `n_iter_` equal to it (scikit-learn also
   * warns).
   *
   * Since: 0.1
   */
  MP_ENET_DECL_MAX_ITER (FIELD (max_iter)),
  /**
   * MpLasso:tol:
   *
   * The tolerance (`tol`, default 1e-4), finite and >= 0: the duality
   * gap is computed once the largest change of a sweep is below tol times
   * the largest coefficient, and fit stops once the gap is below tol
   * times ||y||².
   *
   * Since: 0.1
   */
  MP_ENET_DECL_TOL (FIELD (tol)),
  /**
   * MpLasso:positive:
   *
   * Whether the coefficients are constrained to be >= 0 (`positive`,
   * default %FALSE).
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_POSITIVE (FIELD (positive)),
  /**
   * MpLasso:selection:
   *
   * The order of the coordinates: a word of #MpCoordinateSelection. Only
   * `cyclic` (the default) exists; scikit-learn's `random` is kept as
   * given and refused by fit and by the loader. From C,
   * mp_estimator_set_enum() sets it from the enum.
   *
   * Since: 0.1
   */
  MP_ENET_DECL_SELECTION (FIELD (selection)),
  /**
   * MpLasso:coef:
   *
   * The coefficient of each feature (`coef_`), float64 `(n_features_in,)`.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COEF (FIELD (fit.coef)),
  /**
   * MpLasso:intercept:
   *
   * The constant term (`intercept_`), finite; 0 without
   * #MpLasso:fit-intercept.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_INTERCEPT (FIELD (fit.intercept)),
  /**
   * MpLasso:n-iter:
   *
   * The sweeps fit made (`n_iter_`), at least 1. predict does not read
   * it.
   *
   * Since: 0.1
   */
  MP_ENET_DECL_N_ITER (FIELD (n_iter)),
  /**
   * MpLasso:dual-gap:
   *
   * The duality gap at the end of fit, over n_samples (`dual_gap_`),
   * finite; it may be slightly negative from rounding. predict does not
   * read it.
   *
   * Since: 0.1
   */
  MP_ENET_DECL_DUAL_GAP (FIELD (dual_gap)),
};

static gboolean
mp_lasso_fit (MpEstimator  *estimator,
              MpArray      *x,
              MpArray      *y,
              GError      **error)
{
  MpLasso *self = MP_LASSO (estimator);
  MpEnetParams params = {
    .alpha = self->alpha,
    .l1_ratio = 1.0,
    .fit_intercept = self->fit_intercept,
    .max_iter = self->max_iter,
    .tol = self->tol,
    .positive = self->positive,
  };

  return _mp_enet_fit (estimator, x, y, &params, error);
}

static MpArray *
mp_lasso_predict (MpEstimator  *estimator,
                  MpArray      *x,
                  GError      **error)
{
  return _mp_linear_predict (x, &MP_LASSO (estimator)->fit);
}

static void
mp_lasso_class_init (MpLassoClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_lasso_fit;
  estimator_class->predict = mp_lasso_predict;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_lasso_init (MpLasso *self)
{
}

/**
 * mp_lasso_new:
 *
 * Creates a #MpLasso with scikit-learn's defaults (alpha 1).
 *
 * Returns: (transfer full): a new #MpLasso
 *
 * Since: 0.1
 */
MpEstimator *
mp_lasso_new (void)
{
  return g_object_new (MP_TYPE_LASSO, NULL);
}
