/* mp-elastic-net.c: least squares with L1 and L2 penalties
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-coordinate-descent-private.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-elastic-net.h"
#include "mp-linear-model-private.h"
#include "mp-property-table-private.h"

/**
 * SECTION:mp-elastic-net
 * @Title: MpElasticNet
 * @Short_description: least squares with L1 and L2 penalties
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * // iris's class as a number, to have a target
 * g_autoptr(MpArray) y = mp_array_convert (mp_dataset_get_target (iris), MP_DTYPE_FLOAT64, &error);
 * g_autoptr(MpEstimator) net = g_object_new (MP_TYPE_ELASTIC_NET,
 *                                            "alpha", 0.01,
 *                                            "l1-ratio", 0.3,
 *                                            NULL);
 * g_autoptr(MpArray) predicted = NULL;
 *
 * if (mp_estimator_fit (net, x, y, &error))
 *   predicted = mp_estimator_predict (net, x, &error);
 * if (predicted == NULL)
 *   g_warning ("ElasticNet: %s", error->message);
 * ]|
 *
 * #MpElasticNet is scikit-learn's `ElasticNet` for one target and a
 * dense X: fit minimises
 * 1/(2 n_samples) ||y - X w||² + alpha l1_ratio ||w||_1
 * + alpha (1 - l1_ratio)/2 ||w||² on centred data (with
 * #MpElasticNet:fit-intercept) by cyclic coordinate descent, the algorithm
 * of scikit-learn's `_cd_fast.enet_coordinate_descent` with the same BLAS
 * calls, stopped by the same duality-gap rule, and
 * mp_estimator_predict() returns `X @ coef_ + intercept_`. Not supported:
 * `precompute` (a Gram matrix), `warm_start`, `selection='random'`. A
 * regressor: mp_estimator_score() is R². See docs/linear-models.md.
 */

struct _MpElasticNet
{
  MpEstimator      parent_instance;

  MpLinearFit      fit;
  int              n_iter;
  double           dual_gap;

  double           alpha;
  double           l1_ratio;
  gboolean         fit_intercept;
  gboolean         copy_x;
  int              max_iter;
  double           tol;
  gboolean         positive;
  MpEnumField      selection;     /* MpCoordinateSelection */
};

G_DEFINE_FINAL_TYPE (MpElasticNet, mp_elastic_net, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpElasticNet, member)

static const MpPropertyDecl properties[] = {
  /**
   * MpElasticNet:alpha:
   *
   * The strength of the penalty (`alpha`, default 1.0), finite and >= 0.
   * 0 is least squares, which coordinate descent reaches poorly;
   * scikit-learn advises #MpLinearRegression then.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_ALPHA (FIELD (alpha)),
  /**
   * MpElasticNet:l1-ratio:
   *
   * The share of the L1 penalty (`l1_ratio`, default 0.5), in [0, 1]: 1
   * is the lasso, 0 a ridge penalty.
   *
   * Since: 0.1
   */
  { .name = "l1-ratio", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (l1_ratio), .default_number = 0.5, .interval = TRUE, .minimum = 0, .maximum = 1 },
  /**
   * MpElasticNet:fit-intercept:
   *
   * Whether fit learns an intercept (`fit_intercept`, default %TRUE), by
   * centring X and y first; without it `intercept_` is 0.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_FIT_INTERCEPT (FIELD (fit_intercept)),
  /**
   * MpElasticNet:copy-x:
   *
   * scikit-learn's `copy_X` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: fit never writes
   * to its input.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COPY_X (FIELD (copy_x)),
  /**
   * MpElasticNet:max-iter:
   *
   * The most sweeps over the coefficients (`max_iter`, default 1000), at
   * least 1. A fit that reaches it without meeting #MpElasticNet:tol keeps
   * its last coefficients, with `n_iter_` equal to it (scikit-learn also
   * warns).
   *
   * Since: 0.1
   */
  MP_ENET_DECL_MAX_ITER (FIELD (max_iter)),
  /**
   * MpElasticNet:tol:
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
   * MpElasticNet:positive:
   *
   * Whether the coefficients are constrained to be >= 0 (`positive`,
   * default %FALSE).
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_POSITIVE (FIELD (positive)),
  /**
   * MpElasticNet:selection:
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
   * MpElasticNet:coef:
   *
   * The coefficient of each feature (`coef_`), float64 `(n_features_in,)`.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_COEF (FIELD (fit.coef)),
  /**
   * MpElasticNet:intercept:
   *
   * The constant term (`intercept_`), finite; 0 without
   * #MpElasticNet:fit-intercept.
   *
   * Since: 0.1
   */
  MP_LINEAR_DECL_INTERCEPT (FIELD (fit.intercept)),
  /**
   * MpElasticNet:n-iter:
   *
   * The sweeps fit made (`n_iter_`), at least 1. predict does not read
   * it.
   *
   * Since: 0.1
   */
  MP_ENET_DECL_N_ITER (FIELD (n_iter)),
  /**
   * MpElasticNet:dual-gap:
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
mp_elastic_net_fit (MpEstimator  *estimator,
                    MpArray      *x,
                    MpArray      *y,
                    GError      **error)
{
  MpElasticNet *self = MP_ELASTIC_NET (estimator);
  MpEnetParams params = {
    .alpha = self->alpha,
    .l1_ratio = self->l1_ratio,
    .fit_intercept = self->fit_intercept,
    .max_iter = self->max_iter,
    .tol = self->tol,
    .positive = self->positive,
  };

  return _mp_enet_fit (estimator, x, y, &params, error);
}

static MpArray *
mp_elastic_net_predict (MpEstimator  *estimator,
                        MpArray      *x,
                        GError      **error)
{
  return _mp_linear_predict (x, &MP_ELASTIC_NET (estimator)->fit);
}

static void
mp_elastic_net_class_init (MpElasticNetClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_elastic_net_fit;
  estimator_class->predict = mp_elastic_net_predict;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_REGRESSOR);
}

static void
mp_elastic_net_init (MpElasticNet *self)
{
}

/**
 * mp_elastic_net_new:
 *
 * Creates a #MpElasticNet with scikit-learn's defaults (alpha 1, l1_ratio 0.5).
 *
 * Returns: (transfer full): a new #MpElasticNet
 *
 * Since: 0.1
 */
MpEstimator *
mp_elastic_net_new (void)
{
  return g_object_new (MP_TYPE_ELASTIC_NET, NULL);
}
