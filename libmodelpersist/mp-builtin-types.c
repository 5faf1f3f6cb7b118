/* mp-builtin-types.c: the estimator types libmodelpersist itself defines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-builtin-types-private.h"
#include "mp-dummy-classifier.h"
#include "mp-k-neighbors-classifier.h"
#include "mp-svc.h"

const GType *
_mp_builtin_estimator_types (guint *n_types)
{
  static GType types[3];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Keep in step with the estimators in the subfolders: a type missing
       * here cannot be loaded without trusting it explicitly. */
      types[0] = MP_TYPE_DUMMY_CLASSIFIER;
      types[1] = MP_TYPE_SVC;
      types[2] = MP_TYPE_K_NEIGHBORS_CLASSIFIER;
      g_once_init_leave (&initialized, 1);
    }

  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (types);
  return types;
}
