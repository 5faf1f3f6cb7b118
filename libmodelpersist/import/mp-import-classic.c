/* mp-import-classic.c: the import of scikit-learn's SVMs, linear models,
 * scalers, imputer, label encoder and PCA
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "modelpersist.h"
#include "mp-error.h"
#include "mp-import-mapping-private.h"
#include "mp-import-values-private.h"

/* One entry per class (see mp-import-conversions.c for what an entry
 * says). Most need nothing but the class: our properties carry
 * scikit-learn's names, so the generic pass (mp-import-mapping.c) reads
 * them all. What is written here is only what scikit-learn keeps under
 * another name (SVC's n_support_ is a property over _n_support), keeps in
 * another shape (MinMaxScaler's feature_range tuple), or decides with a
 * parameter we do not have. The facts come from pickling each class with
 * scikit-learn 1.2.1 (docs/import-mapping-notes.md). */

/* ------------------------------------------------------------------ */
/* A (low, high) tuple that we hold as two properties                  */

static gboolean
split_pair (MpPickleValue  *state,
            MpEstimator    *model,
            const char     *key,
            const char     *parts,
            const char     *path,
            GError        **error)
{
  MpPickleValue *pair = _mp_pickle_dict_lookup (state, key);
  g_autofree char *low = g_strdup_printf ("%s_min", key);
  g_autofree char *high = g_strdup_printf ("%s_max", key);

  if (pair == NULL)
    return TRUE;
  if ((pair->kind != MP_PICKLE_TUPLE && pair->kind != MP_PICKLE_LIST) || pair->items->len != 2)
    {
      g_autofree char *what = _mp_import_value_repr (pair);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: expected %s, got %s", key,
                               parts, what);
    }
  return _mp_import_set (model, low, g_ptr_array_index (pair->items, 0), path, error) &&
         _mp_import_set (model, high, g_ptr_array_index (pair->items, 1), path, error);
}

static gboolean
min_max_params (MpImportContext  *context,
                MpPickleValue    *state,
                MpEstimator      *model,
                const char       *path,
                GError          **error)
{
  return split_pair (state, model, "feature_range", "(min, max)", path, error);
}

static gboolean
robust_params (MpImportContext  *context,
               MpPickleValue    *state,
               MpEstimator      *model,
               const char       *path,
               GError          **error)
{
  return split_pair (state, model, "quantile_range", "(q_min, q_max)", path, error);
}

/* ------------------------------------------------------------------ */
/* SVC and SVR                                                          */

/* libsvm's regression model counts its support vectors twice
 * (_n_support is [n_SV, n_SV]); n_support_ shows the first. */
static gboolean
svr_state (MpImportContext  *context,
           MpPickleValue    *state,
           MpEstimator      *model,
           const char       *path,
           GError          **error)
{
  MpPickleValue *counts = _mp_import_require (state, "_n_support", path, error);
  g_autoptr(MpArray) all = NULL;
  g_autoptr(MpArray) first = NULL;
  gsize one = 1;

  if (counts == NULL)
    return FALSE;
  all = _mp_import_value_to_array (counts, 1u << MP_DTYPE_INT32, "_n_support", error);
  if (all == NULL)
    return FALSE;
  if (mp_array_get_n_elements (all) != 2)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                             "_n_support: expected [n_SV, n_SV], got %" G_GSIZE_FORMAT " counts",
                             mp_array_get_n_elements (all));
  first = mp_array_new_int32 (mp_array_get_data (all, NULL), 1, &one, 1, error);
  if (first == NULL)
    return FALSE;
  g_object_set (model, "n-support", first, NULL);
  return TRUE;
}

static const MpImportKey svm_keys[] = {
  { "n_support_", "_n_support" },
  { "probA_", "_probA" },
  { "probB_", "_probB" },
  { NULL, NULL }
};

static const char *const svr_skipped[] = { "_n_support", NULL };

/* ------------------------------------------------------------------ */
/* LogisticRegression                                                   */

static gboolean
logistic_params (MpImportContext  *context,
                 MpPickleValue    *state,
                 MpEstimator      *model,
                 const char       *path,
                 GError          **error)
{
  MpPickleValue *penalty = _mp_pickle_dict_lookup (state, "penalty");

  /* scikit-learn 1.2 spells "no penalty" None or 'none'; ours 'none'. */
  if (penalty != NULL && penalty->kind == MP_PICKLE_NONE)
    g_object_set (model, "penalty", "none", NULL);
  else if (penalty != NULL && !_mp_import_set (model, "penalty", penalty, path, error))
    return FALSE;
  return TRUE;
}

static const char *const logistic_skipped[] = { "penalty", NULL };
static const char *const logistic_lacking[] = { "dual=False", "n_jobs", NULL };

/* ------------------------------------------------------------------ */
/* Linear regressors                                                    */

/* Ours fit one target (a 1-D y); scikit-learn's fitted on a 2-D y keep a
 * 2-D coef_ and an array intercept_. Said before the generic pass, which
 * would only see a shape it does not expect. */
static gboolean
single_target (MpImportContext  *context,
               MpPickleValue    *state,
               MpEstimator      *model,
               const char       *path,
               GError          **error)
{
  MpPickleValue *coef = _mp_pickle_dict_lookup (state, "coef_");
  MpPickleValue *intercept = _mp_pickle_dict_lookup (state, "intercept_");

  if (coef != NULL && coef->kind == MP_PICKLE_ARRAY && coef->array.n_dims != 1)
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                             "coef_: %u dimensions, fitted on several targets; ModelPersist's linear "
                             "regressors fit one (a 1-D y)", coef->array.n_dims);
  if (intercept != NULL && intercept->kind == MP_PICKLE_ARRAY && intercept->array.n_dims > 0)
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                             "intercept_: an array, fitted on several targets; ModelPersist's linear "
                             "regressors fit one (a 1-D y)");
  return TRUE;
}

static const char *const ridge_lacking[] = {
  "max_iter", "tol", "positive=False", "random_state", NULL
};
static const char *const coordinate_descent_lacking[] = {
  "precompute=False", "warm_start=False", "random_state", NULL
};
static const char *const n_jobs_lacking[] = { "n_jobs", NULL };

/* ------------------------------------------------------------------ */
/* SimpleImputer                                                        */

static gboolean
imputer_params (MpImportContext  *context,
                MpPickleValue    *state,
                MpEstimator      *model,
                const char       *path,
                GError          **error)
{
  MpPickleValue *missing = _mp_pickle_dict_lookup (state, "missing_values");
  MpPickleValue *fit_dtype = _mp_pickle_dict_lookup (state, "_fit_dtype");

  /* Before the fitted pass, which would stumble on the statistics of
   * text data first. */
  if (fit_dtype != NULL && (fit_dtype->kind != MP_PICKLE_DTYPE ||
                            strchr ("biuf", fit_dtype->dtype->kind) == NULL))
    {
      char kind = fit_dtype->kind == MP_PICKLE_DTYPE ? fit_dtype->dtype->kind : '?';

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                               "_fit_dtype: fitted on %s data; ModelPersist.SimpleImputer imputes "
                               "numbers only", kind == 'O' ? "object" : kind == 'U' ? "str" :
                               kind == 'S' ? "bytes" : "non-numeric");
    }

  if (missing != NULL && !(missing->kind == MP_PICKLE_FLOAT && isnan (missing->number)))
    {
      g_autofree char *repr = _mp_import_value_repr (missing);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                               "missing_values: ModelPersist.SimpleImputer treats only NaN as "
                               "missing, got %s", repr);
    }
  return TRUE;
}

static gboolean
imputer_state (MpImportContext  *context,
               MpPickleValue    *state,
               MpEstimator      *model,
               const char       *path,
               GError          **error)
{
  MpPickleValue *indicator = _mp_pickle_dict_lookup (state, "indicator_");
  MpPickleValue *settings, *features;

  if (indicator == NULL || indicator->kind == MP_PICKLE_NONE)
    return TRUE;
  settings = indicator->kind == MP_PICKLE_OBJECT ? indicator->object.state : NULL;
  if (settings == NULL || settings->kind != MP_PICKLE_DICT ||
      g_strcmp0 (_mp_import_value_get_str (_mp_pickle_dict_lookup (settings, "features")),
                 "missing-only") != 0 ||
      (_mp_pickle_dict_lookup (settings, "error_on_new") != NULL &&
       !_mp_import_value_equals_literal (_mp_pickle_dict_lookup (settings, "error_on_new"),
                                         "False")))
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                             "indicator_: expected the imputer's own MissingIndicator "
                             "(features='missing-only', error_on_new=False)");
  features = _mp_import_require (settings, "features_", path, error);
  return features != NULL && _mp_import_set (model, "indicator_features_", features, path, error);
}

static const char *const imputer_lacking[] = { "verbose", NULL };

/* ------------------------------------------------------------------ */
/* LabelEncoder: one column of labels, which scikit-learn does not count */

static gboolean
label_encoder_state (MpImportContext  *context,
                     MpPickleValue    *state,
                     MpEstimator      *model,
                     const char       *path,
                     GError          **error)
{
  g_object_set (model, "n-features-in", 1, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The table                                                            */

const MpImportConversion _mp_import_classic_conversions[] = {
  { "sklearn.svm.SVC", "sklearn.svm.classes.SVC", mp_svc_get_type,
    svm_keys, NULL, NULL, NULL, NULL },
  { "sklearn.svm.SVR", "sklearn.svm.classes.SVR", mp_svr_get_type,
    svm_keys, NULL, svr_skipped, NULL, svr_state },
  { "sklearn.linear_model.LogisticRegression",
    "sklearn.linear_model.logistic.LogisticRegression", mp_logistic_regression_get_type,
    NULL, logistic_lacking, logistic_skipped, logistic_params, NULL },
  { "sklearn.linear_model.LinearRegression", "sklearn.linear_model.base.LinearRegression",
    mp_linear_regression_get_type, NULL, n_jobs_lacking, NULL, single_target, NULL },
  { "sklearn.linear_model.Ridge", "sklearn.linear_model.ridge.Ridge", mp_ridge_get_type,
    NULL, ridge_lacking, NULL, single_target, NULL },
  { "sklearn.linear_model.Lasso", "sklearn.linear_model.coordinate_descent.Lasso",
    mp_lasso_get_type, NULL, coordinate_descent_lacking, NULL, single_target, NULL },
  { "sklearn.linear_model.ElasticNet", "sklearn.linear_model.coordinate_descent.ElasticNet",
    mp_elastic_net_get_type, NULL, coordinate_descent_lacking, NULL, single_target, NULL },
  { "sklearn.preprocessing.StandardScaler", "sklearn.preprocessing.data.StandardScaler",
    mp_standard_scaler_get_type, NULL, NULL, NULL, NULL, NULL },
  { "sklearn.preprocessing.MinMaxScaler", "sklearn.preprocessing.data.MinMaxScaler",
    mp_min_max_scaler_get_type, NULL, NULL, NULL, min_max_params, NULL },
  { "sklearn.preprocessing.MaxAbsScaler", "sklearn.preprocessing.data.MaxAbsScaler",
    mp_max_abs_scaler_get_type, NULL, NULL, NULL, NULL, NULL },
  { "sklearn.preprocessing.RobustScaler", "sklearn.preprocessing.data.RobustScaler",
    mp_robust_scaler_get_type, NULL, NULL, NULL, robust_params, NULL },
  { "sklearn.preprocessing.LabelEncoder", "sklearn.preprocessing.label.LabelEncoder",
    mp_label_encoder_get_type, NULL, NULL, NULL, NULL, label_encoder_state },
  { "sklearn.impute.SimpleImputer", "sklearn.impute.base.SimpleImputer",
    mp_simple_imputer_get_type, NULL, imputer_lacking, NULL, imputer_params, imputer_state },
  { "sklearn.decomposition.PCA", "sklearn.decomposition.pca.PCA", mp_pca_get_type,
    NULL, NULL, NULL, NULL, NULL },
  { NULL }
};

/* Classes found inside the pickles of the estimators above, read as
 * plain records (the mapping looks at their state or ignores them). */
const char *const _mp_import_classic_helpers[] = {
  "sklearn.impute.base.MissingIndicator",
  "scipy.sparse.csr.csr_matrix",
  NULL
};
