/* mp-builtin-splitters.c: the splitter types libmodelpersist itself
 * defines, and the one cross-validation uses when given none
 *
 * This is the one place that knows the concrete splitter classes: the base
 * class in mp-splitter.c never depends on its subclasses, and persist/
 * looks splitter types up by name after registering these.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-builtin-splitters-private.h"
#include "mp-kfold.h"
#include "mp-splitter.h"
#include "mp-stratified-kfold.h"
#include "mp-validation-private.h"

const GType *
_mp_builtin_splitter_types (guint *n_types)
{
  static GType types[2];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      types[0] = MP_TYPE_KFOLD;
      types[1] = MP_TYPE_STRATIFIED_KFOLD;
      g_once_init_leave (&initialized, 1);
    }

  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (types);
  return types;
}

static gboolean
is_classifier (MpEstimator *estimator)
{
  GParamSpec *pspec;

  /* sklearn marks classifiers with _estimator_type; here a classifier is an
   * estimator that learns the fitted attribute classes_. */
  pspec = mp_estimator_find_param (estimator, "classes_");
  return pspec != NULL && mp_param_spec_get_role (pspec) == MP_PROPERTY_ROLE_FITTED;
}

/**
 * mp_splitter_new_default:
 * @estimator: (nullable): the estimator to cross-validate
 * @y: (nullable): its labels or targets
 *
 * The splitter mp_cross_val_score() uses when given none, chosen as
 * scikit-learn's `check_cv(5, y, classifier=...)` does: a 5-fold
 * #MpStratifiedKFold for a classifier (an estimator with fitted state
 * `classes_`) whose labels are whole numbers, a 5-fold #MpKFold otherwise.
 *
 * Returns: (transfer full): a new unshuffled splitter
 *
 * Since: 0.1
 */
MpSplitter *
mp_splitter_new_default (MpEstimator *estimator,
                         MpArray     *y)
{
  g_return_val_if_fail (estimator == NULL || MP_IS_ESTIMATOR (estimator), NULL);

  if (estimator != NULL && y != NULL && is_classifier (estimator) &&
      _mp_labels_are_discrete (y))
    return mp_stratified_kfold_new (5, FALSE, -1);

  return mp_kfold_new (5, FALSE, -1);
}
