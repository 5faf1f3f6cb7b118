/* mp-tree-declarations.c: the words and checks of the tree hyperparameters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-count-or-fraction-private.h"
#include "mp-error.h"
#include "mp-tree-declarations-private.h"

const char * const _mp_tree_classifier_criteria[] = { "gini", "entropy", "log_loss", NULL };
/* absolute_error and poisson are refused by the check, with a reason */
const char * const _mp_tree_regressor_criteria[] = { "squared_error", "friedman_mse", NULL };
const char * const _mp_tree_splitters[] = { "best", "random", NULL };
/* scikit-learn 1.2 still takes the deprecated 'auto' (sqrt for a
 * classifier, all features for a regressor) */
const char * const _mp_tree_max_features_words[] = { "sqrt", "log2", "auto", NULL };

gboolean
_mp_tree_check_min_samples_split (const GValue  *value,
                                  GError       **error)
{
  return _mp_count_or_fraction_check (g_value_get_string (value), NULL, 2, 1.0, FALSE, error);
}

gboolean
_mp_tree_check_min_samples_leaf (const GValue  *value,
                                 GError       **error)
{
  return _mp_count_or_fraction_check (g_value_get_string (value), NULL, 1, 1.0, TRUE, error);
}

gboolean
_mp_tree_check_max_features (const GValue  *value,
                             GError       **error)
{
  return _mp_count_or_fraction_check (g_value_get_string (value), "None, 'sqrt', 'log2', 'auto'", 1, 1.0, FALSE, error);
}

gboolean
_mp_tree_check_regressor_criterion (const GValue  *value,
                                    GError       **error)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (text, "absolute_error") == 0 || g_strcmp0 (text, "poisson") == 0)
    g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                 "'%s' is not implemented; use 'squared_error' or 'friedman_mse'", text);
  else
    g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                 "must be 'squared_error' or 'friedman_mse', got '%s'", text);
  return FALSE;
}
