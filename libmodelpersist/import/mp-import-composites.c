/* mp-import-composites.c: the import of scikit-learn's composites
 * (Pipeline, FeatureUnion, ColumnTransformer, VotingClassifier), its
 * neighbours and dummy classifiers and its two category encoders
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
#include "mp-pyrepr-private.h"

/* One entry per class (mp-import-conversions.c says what an entry says).
 * The members of a composite are imported by the generic engine
 * (_mp_import_estimator_list: scikit-learn's (name, member) pairs, each
 * member an estimator or a word) where scikit-learn's list is the one we
 * hold; what is written here is what differs: which pickled list holds
 * the fitted members, the stand-ins scikit-learn fits in place of
 * 'passthrough', column selections, and the checks the Python bridge
 * (bindings/python/gi/overrides/_ModelPersist_sklearn.py) makes, with its
 * messages. The facts come from docs/import-mapping-notes.md (sections 4
 * to 9, 18 and 19). */

static gboolean
is_true (MpPickleValue *value)
{
  return value != NULL && ((value->kind == MP_PICKLE_BOOL && value->boolean) ||
                           (value->kind == MP_PICKLE_INT && value->integer != 0));
}

static gboolean
is_nan (MpPickleValue *value)
{
  return value != NULL && value->kind == MP_PICKLE_FLOAT && isnan (value->number);
}

static gboolean
is_pair_list (MpPickleValue *value)
{
  return value != NULL && (value->kind == MP_PICKLE_LIST || value->kind == MP_PICKLE_TUPLE);
}

/* item[0] as a str, item[1..] as members: a (name, member[, columns])
 * tuple of @n items. */
static gboolean
split_entry (MpPickleValue  *item,
             guint           n,
             const char    **name,
             const char     *path,
             GError        **error)
{
  MpPickleValue *first;

  if ((item->kind != MP_PICKLE_TUPLE && item->kind != MP_PICKLE_LIST) || item->items->len != n)
    {
      g_autofree char *what = _mp_pickle_value_describe (item);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "expected a %s, got %s",
                               n == 2 ? "(name, estimator) pair" : "(name, transformer, columns) triple",
                               what);
    }
  first = g_ptr_array_index (item->items, 0);
  if (first->kind != MP_PICKLE_STR || strlen (first->string.data) != first->string.length)
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "the name is not a str");
  *name = first->string.data;
  return TRUE;
}

static gboolean
append_member (MpEstimatorList  *list,
               const char       *name,
               MpEstimator      *member,
               const char       *word,
               const char       *path,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (member != NULL ? mp_estimator_list_append (list, name, member, &local_error)
                     : mp_estimator_list_append_word (list, name, word, &local_error))
    return TRUE;
  return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s", local_error->message);
}

/* Whether every estimator of @list is fitted, and at least @min_estimators
 * of its entries are estimators. */
static gboolean
all_fitted (MpEstimatorList *list,
            guint            min_estimators)
{
  guint n = 0;

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < mp_estimator_list_get_n_items (list); i++)
    {
      MpEstimator *member = mp_estimator_list_get_estimator (list, i);

      if (member == NULL)
        continue;
      if (!mp_estimator_is_fitted (member))
        return FALSE;
      n++;
    }
  return n >= min_estimators;
}

static MpEstimatorList *
get_list (MpEstimator *model,
          const char  *property)
{
  MpEstimatorList *list = NULL;

  g_object_get (model, property, &list, NULL);
  return list;
}

/* The feature count of the first estimator of @list (0 if none). */
static guint
first_n_features_in (MpEstimatorList *list)
{
  for (guint i = 0; list != NULL && i < mp_estimator_list_get_n_items (list); i++)
    {
      MpEstimator *member = mp_estimator_list_get_estimator (list, i);

      if (member != NULL)
        return mp_estimator_get_n_features_in (member);
    }
  return 0;
}

static gboolean
set_n_features_in (MpEstimator  *model,
                   guint         n_features_in,
                   const char   *path,
                   GError      **error)
{
  if (n_features_in == 0)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                             "n_features_in: none of the members records how many features it was "
                             "fitted with");
  g_object_set (model, "n-features-in", n_features_in, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* DummyClassifier                                                      */

static gboolean
dummy_state (MpImportContext  *context,
             MpPickleValue    *state,
             MpEstimator      *model,
             const char       *path,
             GError          **error)
{
  MpPickleValue *strategy = _mp_pickle_dict_lookup (state, "strategy");
  MpPickleValue *fitted_with = _mp_pickle_dict_lookup (state, "_strategy");
  MpPickleValue *outputs = _mp_pickle_dict_lookup (state, "n_outputs_");
  gint64 n_outputs = 1;

  if (fitted_with != NULL && strategy != NULL &&
      g_strcmp0 (_mp_import_value_get_str (fitted_with), _mp_import_value_get_str (strategy)) != 0)
    {
      g_autofree char *now = _mp_import_value_repr (strategy);
      g_autofree char *then = _mp_import_value_repr (fitted_with);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "strategy: set to %s after fitting with %s; ModelPersist predicts with "
                               "the strategy it holds", now, then);
    }
  if (outputs != NULL && (!_mp_import_value_get_int (outputs, &n_outputs) || n_outputs != 1))
    {
      g_autofree char *repr = _mp_import_value_repr (outputs);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "n_outputs_: %s outputs; ModelPersist.DummyClassifier predicts one", repr);
    }
  if (is_true (_mp_pickle_dict_lookup (state, "sparse_output_")))
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "sparse_output_: a sparse target has no ModelPersist equivalent");
  /* scikit-learn 1.2 records no n_features_in_; a later one might. */
  if (_mp_pickle_dict_lookup (state, "n_features_in_") != NULL)
    return TRUE;
  if (context->n_features_in_hint == 0)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                             "n_features_in: DummyClassifier does not record how many features it "
                             "was fitted with, and the importer takes no such value from the caller "
                             "yet (inside a VotingClassifier it uses the ensemble's)");
  g_object_set (model, "n-features-in", context->n_features_in_hint, NULL);
  return TRUE;
}

/* random_state and constant are read by strategies ours refuses */
static const char *const dummy_lacking[] = { "random_state", "constant", NULL };

/* ------------------------------------------------------------------ */
/* KNeighborsClassifier                                                 */

#define KNN_METRICS "supported: 'minkowski' with p=1 or p=2, 'euclidean', 'manhattan'"

static gboolean
knn_params (MpImportContext  *context,
            MpPickleValue    *state,
            MpEstimator      *model,
            const char       *path,
            GError          **error)
{
  MpPickleValue *metric_value = _mp_pickle_dict_lookup (state, "metric");
  MpPickleValue *p_value = _mp_pickle_dict_lookup (state, "p");
  MpPickleValue *metric_params = _mp_pickle_dict_lookup (state, "metric_params");
  MpPickleValue *weights = _mp_pickle_dict_lookup (state, "weights");
  MpPickleValue *algorithm = _mp_pickle_dict_lookup (state, "algorithm");
  const char *metric = metric_value == NULL ? "minkowski" : _mp_import_value_get_str (metric_value);
  const char *word;
  int p = 2;

  /* Before the fitted pass, which would stumble on the 2-D classes_. */
  if (is_true (_mp_pickle_dict_lookup (state, "outputs_2d_")))
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "outputs_2d_: fitted with several outputs; "
                             "ModelPersist.KNeighborsClassifier predicts one");
  if (metric == NULL)
    {
      g_autofree char *what = _mp_pickle_value_describe (metric_value);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "metric: %s has no ModelPersist equivalent; " KNN_METRICS, what);
    }
  if (strcmp (metric, "minkowski") == 0)
    {
      double number = p_value == NULL ? 2 :
                      p_value->kind == MP_PICKLE_INT ? (double) p_value->integer :
                      p_value->kind == MP_PICKLE_FLOAT ? p_value->number : NAN;

      if (number != 1 && number != 2)
        {
          g_autofree char *repr = _mp_import_value_repr (p_value);

          return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                                   "p: only p=1 (Manhattan) and p=2 (Euclidean) are supported, got %s",
                                   repr);
        }
      p = (int) number;
    }
  else if (strcmp (metric, "euclidean") == 0)
    p = 2;
  else if (strcmp (metric, "manhattan") == 0)
    p = 1;
  else
    {
      /* the aliases ('l2', 'l1', 'cityblock') too: scikit-learn computes
       * 'l2' another way, so its ties among equal distances differ */
      g_autofree char *repr = _mp_import_value_repr (metric_value);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "metric: %s has no ModelPersist equivalent; " KNN_METRICS, repr);
    }
  g_object_set (model, "p", p, NULL);

  if (metric_params != NULL && metric_params->kind != MP_PICKLE_NONE &&
      !(metric_params->kind == MP_PICKLE_DICT && metric_params->dict.keys->len == 0))
    {
      g_autofree char *what = _mp_pickle_value_describe (metric_params);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "metric_params: a %s changes the distance; "
                               "ModelPersist.KNeighborsClassifier takes none", what);
    }

  if (weights != NULL && weights->kind != MP_PICKLE_NONE)
    {
      if (weights->kind != MP_PICKLE_STR)
        return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                                 "weights: a callable has no ModelPersist equivalent; supported: "
                                 "'uniform', 'distance'");
      if (!_mp_import_set (model, "weights", weights, path, error))
        return FALSE;
    }                                   /* None: scikit-learn's 'uniform' */

  /* Every search finds the same neighbours; ours is brute force. */
  word = _mp_import_value_get_str (algorithm);
  if (algorithm != NULL && !(word != NULL && (strcmp (word, "auto") == 0 ||
                                              strcmp (word, "ball_tree") == 0 ||
                                              strcmp (word, "kd_tree") == 0 ||
                                              strcmp (word, "brute") == 0)))
    return _mp_import_set (model, "algorithm", algorithm, path, error);
  return TRUE;
}

static gboolean
knn_state (MpImportContext  *context,
           MpPickleValue    *state,
           MpEstimator      *model,
           const char       *path,
           GError          **error)
{
  MpPickleValue *effective = _mp_import_require (state, "effective_metric_", path, error);
  MpPickleValue *effective_params = _mp_pickle_dict_lookup (state, "effective_metric_params_");
  MpPickleValue *n_samples_value;
  g_autoptr(MpArray) y = NULL;
  g_autoptr(MpArray) classes = NULL;
  const char *expected;
  gint64 n_samples;
  int p, n_neighbors;

  if (effective == NULL)
    return FALSE;
  g_object_get (model, "p", &p, "n-neighbors", &n_neighbors, NULL);
  expected = p == 1 ? "manhattan" : "euclidean";
  if (g_strcmp0 (_mp_import_value_get_str (effective), expected) != 0)
    {
      g_autofree char *repr = _mp_import_value_repr (effective);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "effective_metric_: fitted with %s, but the parameters now give '%s'; "
                               "scikit-learn predicts with the metric fit saw", repr, expected);
    }
  if (effective_params != NULL &&
      !(effective_params->kind == MP_PICKLE_DICT && effective_params->dict.keys->len == 0) &&
      effective_params->kind != MP_PICKLE_NONE)
    {
      g_autofree char *what = _mp_pickle_value_describe (effective_params);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "effective_metric_params_: a non-empty %s changes the distance", what);
    }
  n_samples_value = _mp_import_require (state, "n_samples_fit_", path, error);
  if (n_samples_value == NULL)
    return FALSE;
  if (!_mp_import_value_get_int (n_samples_value, &n_samples) || n_samples < 1)
    {
      g_autofree char *repr = _mp_import_value_repr (n_samples_value);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "n_samples_fit_: expected a positive integer, got %s", repr);
    }
  g_object_set (model, "n-samples-fit", (guint64) n_samples, NULL);
  if (n_neighbors > n_samples)
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                             "n_neighbors: %d is more than the %" G_GINT64_FORMAT " training samples "
                             "(scikit-learn accepts that in fit but fails in predict)",
                             n_neighbors, n_samples);

  /* The library checks class indices where predict reads them; the
   * import, like the bridge, refuses a damaged model now. */
  g_object_get (model, "y", &y, "classes", &classes, NULL);
  if (y != NULL && classes != NULL && mp_array_get_n_elements (y) > 0)
    {
      const gint32 *labels = mp_array_get_int32_data (y);
      gsize n_classes = mp_array_get_n_elements (classes);
      gint32 low = labels[0], high = labels[0];

      for (gsize i = 1; i < mp_array_get_n_elements (y); i++)
        {
          low = MIN (low, labels[i]);
          high = MAX (high, labels[i]);
        }
      if (low < 0 || (gsize) high >= n_classes)
        return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                                 "_y: class indices must lie in [0, %" G_GSIZE_FORMAT "), found %d to %d",
                            n_classes, low, high);
    }
  return TRUE;
}

static const char *const knn_skipped[] = {
  "algorithm", "p", "weights", "n_samples_fit_", NULL
};
static const char *const knn_lacking[] = { "leaf_size", "n_jobs", NULL };

/* ------------------------------------------------------------------ */
/* VotingClassifier                                                     */

/* The fitted members: estimators_ ('drop' left out), each fitted on what
 * the ensemble saw (so a DummyClassifier learns its feature count). */
static gboolean
voting_state (MpImportContext  *context,
              MpPickleValue    *state,
              MpEstimator      *model,
              const char       *path,
              GError          **error)
{
  MpPickleValue *members = _mp_import_require (state, "estimators_", path, error);
  g_autoptr(MpEstimatorList) fitted = mp_estimator_list_new ();
  guint n_features_in = mp_estimator_get_n_features_in (model);

  if (members == NULL)
    return FALSE;
  if (!is_pair_list (members))
    {
      g_autofree char *what = _mp_pickle_value_describe (members);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "estimators_: expected the list of fitted estimators, got %s", what);
    }
  for (guint i = 0; i < members->items->len; i++)
    {
      g_autofree char *member_path = g_strdup_printf ("%s.estimators_[%u]", path, i);
      g_autoptr(MpEstimator) member = NULL;

      context->n_features_in_hint = n_features_in;
      member = _mp_import_estimator (context, g_ptr_array_index (members->items, i), member_path,
                                     error);
      if (member == NULL || !append_member (fitted, NULL, member, NULL, member_path, error))
        return FALSE;
      /* scikit-learn 1.2's n_features_in_ is the first member's */
      if (n_features_in == 0)
        n_features_in = mp_estimator_get_n_features_in (member);
    }
  g_object_set (model, "fitted-estimators", fitted, NULL);
  return set_n_features_in (model, n_features_in, path, error);
}

static const char *const voting_skipped[] = { "estimators_", NULL };
static const char *const n_jobs_lacking[] = { "n_jobs", NULL };

/* ------------------------------------------------------------------ */
/* Pipeline: its steps are fitted in place                              */

static gboolean
pipeline_is_fitted (MpImportContext  *context,
                    MpPickleValue    *state,
                    MpEstimator      *model)
{
  g_autoptr(MpEstimatorList) steps = get_list (model, "steps");

  return all_fitted (steps, 1);
}

static gboolean
pipeline_state (MpImportContext  *context,
                MpPickleValue    *state,
                MpEstimator      *model,
                const char       *path,
                GError          **error)
{
  g_autoptr(MpEstimatorList) steps = get_list (model, "steps");
  MpEstimator *first = mp_estimator_list_get_n_items (steps) > 0 ?
                       mp_estimator_list_get_estimator (steps, 0) : NULL;

  /* scikit-learn's feature_names_in_ is the first step's */
  if (first != NULL)
    {
      g_auto(GStrv) names = NULL;

      g_object_get (first, "feature-names-in", &names, NULL);
      g_object_set (model, "feature-names-in", names, NULL);
    }
  return set_n_features_in (model, first_n_features_in (steps), path, error);
}

static const char *const pipeline_lacking[] = { "memory=None", NULL };

/* ------------------------------------------------------------------ */
/* FeatureUnion                                                         */

/* Fit replaces 'passthrough' by a FunctionTransformer without functions:
 * that is 'passthrough' again. */
static gboolean
is_identity (MpPickleValue *member)
{
  MpPickleValue *settings = member->kind == MP_PICKLE_OBJECT ? member->object.state : NULL;
  MpPickleValue *func, *inverse;

  if (settings == NULL || settings->kind != MP_PICKLE_DICT ||
      strcmp (member->object.cls->global.module, "sklearn.preprocessing.function_transformer") != 0 ||
      strcmp (member->object.cls->global.name, "FunctionTransformer") != 0)
    return FALSE;
  func = _mp_pickle_dict_lookup (settings, "func");
  inverse = _mp_pickle_dict_lookup (settings, "inverse_func");
  return (func == NULL || func->kind == MP_PICKLE_NONE) &&
         (inverse == NULL || inverse->kind == MP_PICKLE_NONE);
}

static gboolean
feature_union_params (MpImportContext  *context,
                      MpPickleValue    *state,
                      MpEstimator      *model,
                      const char       *path,
                      GError          **error)
{
  MpPickleValue *entries = _mp_pickle_dict_lookup (state, "transformer_list");
  g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();
  g_autofree char *field = g_strdup_printf ("%s.transformer_list", path);

  if (entries == NULL)
    return TRUE;
  if (!is_pair_list (entries))
    {
      g_autofree char *what = _mp_pickle_value_describe (entries);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, field,
                               "expected a list of (name, transformer) pairs, got %s", what);
    }
  for (guint i = 0; i < entries->items->len; i++)
    {
      MpPickleValue *item = g_ptr_array_index (entries->items, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", field, i);
      g_autoptr(MpEstimator) member = NULL;
      const char *name, *word;
      MpPickleValue *value;

      if (!split_entry (item, 2, &name, item_path, error))
        return FALSE;
      value = g_ptr_array_index (item->items, 1);
      if (is_identity (value))
        word = "passthrough";
      else if (!_mp_import_member (context, value, item_path, &member, &word, error))
        return FALSE;
      if (!append_member (list, name, member, word, item_path, error))
        return FALSE;
    }
  g_object_set (model, "transformer-list", list, NULL);
  return TRUE;
}

/* The n_features_in_ of the first member that is not a word: an
 * estimator's, or the identity's (0 when it records none). */
static guint
feature_union_first_count (MpPickleValue   *state,
                           MpEstimatorList *list)
{
  MpPickleValue *entries = _mp_pickle_dict_lookup (state, "transformer_list");

  for (guint i = 0; i < mp_estimator_list_get_n_items (list); i++)
    {
      MpEstimator *member = mp_estimator_list_get_estimator (list, i);
      MpPickleValue *pair, *value;
      gint64 count;

      if (member != NULL)
        return mp_estimator_get_n_features_in (member);
      pair = g_ptr_array_index (entries->items, i);
      value = g_ptr_array_index (pair->items, 1);
      if (is_identity (value))
        return _mp_import_value_get_int (_mp_pickle_dict_lookup (value->object.state,
                                                                 "n_features_in_"), &count) &&
               count > 0 && count <= G_MAXUINT ? (guint) count : 0;
    }
  return 0;
}

static gboolean
feature_union_is_fitted (MpImportContext  *context,
                         MpPickleValue    *state,
                         MpEstimator      *model)
{
  g_autoptr(MpEstimatorList) list = get_list (model, "transformer-list");

  return all_fitted (list, 0) && feature_union_first_count (state, list) > 0;
}

static gboolean
feature_union_state (MpImportContext  *context,
                     MpPickleValue    *state,
                     MpEstimator      *model,
                     const char       *path,
                     GError          **error)
{
  g_autoptr(MpEstimatorList) list = get_list (model, "transformer-list");

  return set_n_features_in (model, feature_union_first_count (state, list), path, error);
}

static const char *const feature_union_skipped[] = { "transformer_list", NULL };
static const char *const feature_union_lacking[] = {
  "n_jobs", "transformer_weights=None", NULL
};

/* ------------------------------------------------------------------ */
/* ColumnTransformer                                                    */

static gboolean
append_column_item (GString        *out,
                    MpPickleValue  *item)
{
  if (item->kind == MP_PICKLE_BOOL)
    g_string_append (out, item->boolean ? "True" : "False");
  else if (item->kind == MP_PICKLE_INT)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, item->integer);
  else if (item->kind == MP_PICKLE_STR && strlen (item->string.data) == item->string.length)
    _mp_pyrepr_append_string (out, item->string.data);
  else
    return FALSE;
  return TRUE;
}

/* One column selection as the Python literal our columns property holds
 * (what the Python binding writes): an int or a str alone, or a list of
 * ints, strs or bools. */
static gboolean
append_selection (GString        *out,
                  MpPickleValue  *columns,
                  const char     *field,
                  const char     *path,
                  GError        **error)
{
  g_autofree char *what = NULL;

  if (columns->kind == MP_PICKLE_OBJECT &&
      strcmp (columns->object.cls->global.module, "builtins") == 0 &&
      strcmp (columns->object.cls->global.name, "slice") == 0)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "%s: a slice of columns is not supported; give the list of columns", field);
  if ((columns->kind == MP_PICKLE_INT || columns->kind == MP_PICKLE_STR) &&
      append_column_item (out, columns))
    return TRUE;
  if (columns->kind == MP_PICKLE_LIST || columns->kind == MP_PICKLE_TUPLE)
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < columns->items->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (!append_column_item (out, g_ptr_array_index (columns->items, i)))
            {
              what = _mp_pickle_value_describe (g_ptr_array_index (columns->items, i));
              return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                                       "%s: %s is not a column position, name or boolean", field, what);
            }
        }
      g_string_append_c (out, ']');
      return TRUE;
    }
  if (columns->kind == MP_PICKLE_ARRAY && columns->array.built && columns->array.n_dims == 1)
    {
      char kind = columns->array.dtype->kind;
      g_autoptr(MpArray) array = NULL;

      if (kind == 'b')
        array = _mp_import_value_to_array (columns, 1u << MP_DTYPE_BOOL, field, error);
      else if (kind == 'i' || kind == 'u')
        array = _mp_import_value_to_array (columns, 1u << MP_DTYPE_INT64, field, error);
      else if (kind == 'U' || kind == 'O')
        array = _mp_import_value_to_array (columns, 1u << MP_DTYPE_STRING, field, error);
      if (array == NULL && kind != 'b' && kind != 'i' && kind != 'u' && kind != 'U' && kind != 'O')
        {
          what = _mp_pickle_value_describe (columns);
          return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                                   "%s: expected a column, or a list of column positions, names or "
                                   "booleans, got %s", field, what);
        }
      if (array == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      g_string_append_c (out, '[');
      for (gsize i = 0; i < mp_array_get_n_elements (array); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (kind == 'b')
            g_string_append (out, mp_array_get_double (array, i) != 0 ? "True" : "False");
          else if (kind == 'i' || kind == 'u')
            g_string_append_printf (out, "%" G_GINT64_FORMAT, mp_array_get_int64_data (array)[i]);
          else
            _mp_pyrepr_append_string (out, mp_array_get_string (array, i));
        }
      g_string_append_c (out, ']');
      return TRUE;
    }
  what = _mp_pickle_value_describe (columns);
  return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                           "%s: expected a column, or a list of column positions, names or booleans, "
                           "got %s", field, what);
}

static gboolean
column_transformer_params (MpImportContext  *context,
                           MpPickleValue    *state,
                           MpEstimator      *model,
                           const char       *path,
                           GError          **error)
{
  MpPickleValue *remainder = _mp_pickle_dict_lookup (state, "remainder");
  MpPickleValue *triples = _mp_pickle_dict_lookup (state, "transformers");
  g_autoptr(MpEstimatorList) list = mp_estimator_list_new ();
  g_autoptr(GString) literal = g_string_new ("[");
  g_autofree char *field = g_strdup_printf ("%s.transformers", path);

  if (remainder != NULL)
    {
      if (remainder->kind != MP_PICKLE_STR)
        {
          g_autofree char *what = _mp_pickle_value_describe (remainder);

          return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                                   "remainder: only 'drop' and 'passthrough' are supported, got %s", what);
        }
      if (!_mp_import_set (model, "remainder", remainder, path, error))
        return FALSE;
    }
  if (triples == NULL)
    return TRUE;
  if (!is_pair_list (triples))
    {
      g_autofree char *what = _mp_pickle_value_describe (triples);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, field,
                               "expected a list of (name, transformer, columns) triples, got %s", what);
    }
  for (guint i = 0; i < triples->items->len; i++)
    {
      MpPickleValue *item = g_ptr_array_index (triples->items, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", field, i);
      g_autofree char *columns_field = g_strdup_printf ("transformers[%u] columns", i);
      g_autoptr(MpEstimator) member = NULL;
      const char *name, *word;

      if (!split_entry (item, 3, &name, item_path, error) ||
          !_mp_import_member (context, g_ptr_array_index (item->items, 1), item_path, &member,
                              &word, error) ||
          !append_member (list, name, member, word, item_path, error))
        return FALSE;
      if (i > 0)
        g_string_append (literal, ", ");
      if (!append_selection (literal, g_ptr_array_index (item->items, 2), columns_field, path,
                             error))
        return FALSE;
    }
  g_string_append_c (literal, ']');
  g_object_set (model, "transformers", list, "columns", literal->str, NULL);
  return TRUE;
}

/* _transformer_to_input_indices[name]: the input positions it takes. */
static gboolean
picked_columns (MpPickleValue  *by_name,
                const char     *name,
                GArray         *indices,
                guint          *count,
                const char     *path,
                GError        **error)
{
  MpPickleValue *positions = _mp_pickle_dict_lookup (by_name, name);

  *count = 0;
  if (positions == NULL)
    return TRUE;
  if (!is_pair_list (positions))
    {
      g_autofree char *what = _mp_pickle_value_describe (positions);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "_transformer_to_input_indices['%s']: expected a list of column "
                               "positions, got %s", name, what);
    }
  for (guint i = 0; i < positions->items->len; i++)
    {
      gint64 position;

      if (!_mp_import_value_get_int (g_ptr_array_index (positions->items, i), &position))
        return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                                 "_transformer_to_input_indices['%s']: item %u is not an int", name, i);
      g_array_append_val (indices, position);
    }
  *count = positions->items->len;
  return TRUE;
}

static gboolean
column_transformer_state (MpImportContext  *context,
                          MpPickleValue    *state,
                          MpEstimator      *model,
                          const char       *path,
                          GError          **error)
{
  MpPickleValue *triples = _mp_import_require (state, "transformers_", path, error);
  MpPickleValue *by_name = triples != NULL ?
                           _mp_import_require (state, "_transformer_to_input_indices", path, error) : NULL;
  g_autoptr(MpEstimatorList) fitted = mp_estimator_list_new ();
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *field = g_strdup_printf ("%s.transformers_", path);
  g_autoptr(MpArray) index_array = NULL;
  g_autoptr(MpArray) count_array = NULL;
  gsize n;

  if (by_name == NULL)
    return FALSE;
  if (is_true (_mp_pickle_dict_lookup (state, "sparse_output_")))
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "sparse_output_: the fitted ColumnTransformer returns a sparse matrix; "
                             "ModelPersist's is dense: convert its encoders to sparse_output=False "
                             "first");
  if (by_name->kind != MP_PICKLE_DICT)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                             "_transformer_to_input_indices: expected a dict");
  if (!is_pair_list (triples))
    {
      g_autofree char *what = _mp_pickle_value_describe (triples);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, field,
                               "expected a list of (name, transformer, columns) triples, got %s", what);
    }
  for (guint i = 0; i < triples->items->len; i++)
    {
      MpPickleValue *item = g_ptr_array_index (triples->items, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", field, i);
      g_autoptr(MpEstimator) member = NULL;
      MpPickleValue *value;
      const char *name, *word = NULL;
      guint count;
      gint64 count64;

      if (!split_entry (item, 3, &name, item_path, error) ||
          !picked_columns (by_name, name, indices, &count, path, error))
        return FALSE;
      value = g_ptr_array_index (item->items, 1);
      if (value->kind != MP_PICKLE_STR && count == 0)
        word = "drop";                  /* unfitted, for it takes no column */
      else if (!_mp_import_member (context, value, item_path, &member, &word, error))
        return FALSE;
      if (!append_member (fitted, name, member, word, item_path, error))
        return FALSE;
      count64 = count;
      g_array_append_val (counts, count64);
    }
  n = indices->len;
  index_array = mp_array_new_int64 ((const gint64 *) (void *) indices->data, n, &n, 1, error);
  n = counts->len;
  count_array = index_array != NULL ?
                mp_array_new_int64 ((const gint64 *) (void *) counts->data, n, &n, 1, error) : NULL;
  if (count_array == NULL)
    return FALSE;
  g_object_set (model, "fitted-transformers", fitted, "column-indices", index_array,
                "column-counts", count_array, NULL);
  return TRUE;
}

static const char *const column_transformer_skipped[] = {
  "transformers", "remainder", "transformers_", NULL
};
static const char *const column_transformer_lacking[] = {
  "n_jobs", "transformer_weights=None", NULL
};

/* ------------------------------------------------------------------ */
/* OneHotEncoder and OrdinalEncoder                                     */

static gboolean
is_float64_type (MpPickleValue *value)
{
  if (value->kind == MP_PICKLE_GLOBAL)
    return (strcmp (value->global.module, "numpy") == 0 &&
            strcmp (value->global.name, "float64") == 0) ||
           (strcmp (value->global.module, "builtins") == 0 &&
            strcmp (value->global.name, "float") == 0);
  return value->kind == MP_PICKLE_DTYPE && value->dtype->kind == 'f' &&
         value->dtype->itemsize == 8;
}

static gboolean
encoder_params (MpPickleValue  *state,
                const char     *path,
                GError        **error)
{
  MpPickleValue *categories = _mp_pickle_dict_lookup (state, "categories");
  MpPickleValue *dtype = _mp_pickle_dict_lookup (state, "dtype");

  if (categories != NULL && g_strcmp0 (_mp_import_value_get_str (categories), "auto") != 0)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "categories: ModelPersist's encoders learn the categories "
                             "(categories='auto'); a given list is not supported");
  if (dtype != NULL && !is_float64_type (dtype))
    {
      g_autofree char *what = _mp_pickle_value_describe (dtype);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "dtype: ModelPersist's encoders give float64 only, got %s", what);
    }
  if (g_strcmp0 (_mp_import_value_get_str (_mp_pickle_dict_lookup (state, "handle_unknown")),
                 "infrequent_if_exist") == 0)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "handle_unknown: 'infrequent_if_exist' needs infrequent categories "
                             "(min_frequency, max_categories), which ModelPersist does not implement");
  return TRUE;
}

static gboolean
one_hot_params (MpImportContext  *context,
                MpPickleValue    *state,
                MpEstimator      *model,
                const char       *path,
                GError          **error)
{
  MpPickleValue *drop = _mp_pickle_dict_lookup (state, "drop");

  if (drop != NULL && drop->kind != MP_PICKLE_NONE)
    {
      if (drop->kind != MP_PICKLE_STR)
        return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                                 "drop: ModelPersist's OneHotEncoder takes None, 'first' or "
                                 "'if_binary'; a category per feature is not supported");
      if (!_mp_import_set (model, "drop", drop, path, error))
        return FALSE;
    }
  return encoder_params (state, path, error);
}

static gboolean
ordinal_params (MpImportContext  *context,
                MpPickleValue    *state,
                MpEstimator      *model,
                const char       *path,
                GError          **error)
{
  MpPickleValue *missing = _mp_pickle_dict_lookup (state, "encoded_missing_value");
  MpPickleValue *unknown = _mp_pickle_dict_lookup (state, "unknown_value");

  if (missing != NULL && !is_nan (missing))
    {
      g_autofree char *repr = _mp_import_value_repr (missing);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                               "encoded_missing_value: ModelPersist refuses NaN in X, so only the "
                               "default (nan) is supported, got %s", repr);
    }
  if (is_nan (unknown))
    g_object_set (model, "unknown-value", "nan", NULL);
  else if (unknown != NULL && unknown->kind != MP_PICKLE_NONE &&
           !_mp_import_set (model, "unknown-value", unknown, path, error))
    return FALSE;
  return encoder_params (state, path, error);
}

static gboolean
is_text_array (MpPickleValue *cats)
{
  if (cats->array.dtype->kind == 'U')
    return TRUE;
  if (cats->array.dtype->kind != 'O' || cats->array.objects == NULL)
    return FALSE;
  for (guint i = 0; i < cats->array.objects->len; i++)
    if (((MpPickleValue *) g_ptr_array_index (cats->array.objects, i))->kind != MP_PICKLE_STR)
      return FALSE;
  return TRUE;
}

/* categories_ (one array per column) as our flat values and counts. */
static gboolean
encoder_categories (MpPickleValue  *state,
                    MpEstimator    *model,
                    const char     *path,
                    GError        **error)
{
  MpPickleValue *arrays = _mp_import_require (state, "categories_", path, error);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_array_unref);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MpArray) values = NULL;
  g_autoptr(MpArray) count_array = NULL;
  guint n_features_in = mp_estimator_get_n_features_in (model);
  gboolean text = FALSE;
  gsize total = 0, n;

  if (arrays == NULL)
    return FALSE;
  if (!is_pair_list (arrays))
    {
      g_autofree char *what = _mp_pickle_value_describe (arrays);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "categories_: expected a list of arrays, got %s", what);
    }
  if (arrays->items->len != n_features_in)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                             "categories_: %u arrays for %u features", arrays->items->len, n_features_in);
  for (guint i = 0; i < arrays->items->len; i++)
    {
      MpPickleValue *cats = g_ptr_array_index (arrays->items, i);
      g_autofree char *field = g_strdup_printf ("%s.categories_[%u]", path, i);
      MpArray *part;
      gboolean is_text;
      gint64 count;

      if (cats->kind != MP_PICKLE_ARRAY || !cats->array.built || cats->array.n_dims != 1)
        {
          g_autofree char *what = _mp_pickle_value_describe (cats);

          return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                                   "categories_[%u]: expected a 1-D array, got %s", i, what);
        }
      is_text = is_text_array (cats);
      if (i == 0)
        text = is_text;
      else if (text != is_text)
        return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                                 "categories_: column %u holds %s, but column 0 %s; ModelPersist keeps "
                                 "the categories of one encoder all text or all numbers", i,
                                 is_text ? "text" : "numbers", text ? "text" : "numbers");
      part = _mp_import_value_to_array (cats, 1u << (is_text ? MP_DTYPE_STRING : MP_DTYPE_FLOAT64),
                                        field, error);
      if (part == NULL)
        return FALSE;
      g_ptr_array_add (parts, part);
      if (!is_text)
        for (gsize k = 0; k < mp_array_get_n_elements (part); k++)
          if (isnan (mp_array_get_float64_data (part)[k]))
            return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                                     "categories_[%u]: holds nan (fitted on missing values), which "
                                     "ModelPersist refuses", i);
      count = mp_array_get_n_elements (part);
      g_array_append_val (counts, count);
      total += count;
    }
  if (text)
    {
      g_autoptr(GPtrArray) strings = g_ptr_array_sized_new (total);

      for (guint i = 0; i < parts->len; i++)
        for (gsize k = 0; k < mp_array_get_n_elements (g_ptr_array_index (parts, i)); k++)
          g_ptr_array_add (strings, (gpointer) mp_array_get_string (g_ptr_array_index (parts, i), k));
      values = mp_array_new_strings ((const char *const *) strings->pdata, total, &total, 1, error);
    }
  else
    {
      g_autofree double *numbers = g_new (double, MAX (total, 1));
      gsize at = 0;

      for (guint i = 0; i < parts->len; i++)
        {
          MpArray *part = g_ptr_array_index (parts, i);

          memcpy (numbers + at, mp_array_get_float64_data (part),
                  mp_array_get_n_elements (part) * sizeof (double));
          at += mp_array_get_n_elements (part);
        }
      values = mp_array_new_float64 (numbers, total, &total, 1, error);
    }
  n = counts->len;
  count_array = values != NULL ?
                mp_array_new_int64 ((const gint64 *) (void *) counts->data, n, &n, 1, error) : NULL;
  if (count_array == NULL)
    return FALSE;
  g_object_set (model, "category-values", values, "category-counts", count_array, NULL);
  return TRUE;
}

/* drop_idx_ must be what drop gives: None for None; 0 for every column
 * with 'first'; 0 for the two-category columns, else None, with
 * 'if_binary'. */
static gboolean
one_hot_state (MpImportContext  *context,
               MpPickleValue    *state,
               MpEstimator      *model,
               const char       *path,
               GError          **error)
{
  MpPickleValue *drop_idx = _mp_pickle_dict_lookup (state, "drop_idx_");
  g_autofree char *drop = NULL;
  g_autoptr(MpArray) counts = NULL;
  gboolean follows = TRUE;

  if (is_true (_mp_pickle_dict_lookup (state, "_infrequent_enabled")))
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "min_frequency, max_categories: infrequent categories are not supported");
  if (!encoder_categories (state, model, path, error))
    return FALSE;
  g_object_get (model, "drop", &drop, "category-counts", &counts, NULL);
  if (drop_idx == NULL || drop_idx->kind == MP_PICKLE_NONE)
    follows = drop == NULL;
  else if (drop == NULL || drop_idx->kind != MP_PICKLE_ARRAY || !drop_idx->array.built ||
           drop_idx->array.n_elements != mp_array_get_n_elements (counts))
    follows = FALSE;
  else
    for (gsize i = 0; follows && i < mp_array_get_n_elements (counts); i++)
      {
        gboolean dropped = strcmp (drop, "first") == 0 || mp_array_get_int64_data (counts)[i] == 2;
        gint64 index = -1;
        gboolean none;

        if (drop_idx->array.dtype->kind == 'O')
          {
            MpPickleValue *item = g_ptr_array_index (drop_idx->array.objects, i);

            none = item->kind == MP_PICKLE_NONE;
            if (!none && !_mp_import_value_get_int (item, &index))
              index = -1;
          }
        else
          {
            g_autoptr(MpArray) numbers = _mp_import_value_to_array (drop_idx, 1u << MP_DTYPE_INT64,
                                                                    "drop_idx_", NULL);

            none = FALSE;
            if (numbers != NULL)
              index = mp_array_get_int64_data (numbers)[i];
          }
        follows = dropped ? !none && index == 0 : none;
      }
  if (!follows)
    {
      g_autofree char *what = _mp_pickle_value_describe (drop_idx);

      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                               "drop_idx_: %s does not follow from drop=%s%s%s", what,
                               drop != NULL ? "'" : "", drop != NULL ? drop : "None",
                               drop != NULL ? "'" : "");
    }
  return TRUE;
}

static gboolean
ordinal_state (MpImportContext  *context,
               MpPickleValue    *state,
               MpEstimator      *model,
               const char       *path,
               GError          **error)
{
  MpPickleValue *missing = _mp_pickle_dict_lookup (state, "_missing_indices");

  if (missing != NULL && missing->kind == MP_PICKLE_DICT && missing->dict.keys->len > 0)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "categories_: holds nan (fitted on missing values), which ModelPersist "
                             "refuses");
  return encoder_categories (state, model, path, error);
}

static const char *const one_hot_skipped[] = { "categories", "drop", "categories_", NULL };
static const char *const one_hot_lacking[] = {
  "sparse", "sparse_output", "dtype", "min_frequency=None", "max_categories=None", NULL
};
static const char *const ordinal_skipped[] = {
  "categories", "unknown_value", "categories_", NULL
};

/* ------------------------------------------------------------------ */
/* The table                                                            */

const MpImportConversion _mp_import_composites_conversions[] = {
  { "sklearn.dummy.DummyClassifier", "sklearn.dummy.DummyClassifier",
    mp_dummy_classifier_get_type, NULL, dummy_lacking, NULL, NULL, dummy_state, NULL },
  { "sklearn.neighbors.KNeighborsClassifier",
    "sklearn.neighbors.classification.KNeighborsClassifier", mp_k_neighbors_classifier_get_type,
    NULL, knn_lacking, knn_skipped, knn_params, knn_state, NULL },
  { "sklearn.ensemble.VotingClassifier", "sklearn.ensemble.voting.VotingClassifier",
    mp_voting_classifier_get_type, NULL, n_jobs_lacking, voting_skipped, NULL, voting_state, NULL },
  { "sklearn.pipeline.Pipeline", "sklearn.pipeline.Pipeline", mp_pipeline_get_type,
    NULL, pipeline_lacking, NULL, NULL, pipeline_state, pipeline_is_fitted },
  { "sklearn.pipeline.FeatureUnion", "sklearn.pipeline.FeatureUnion", mp_feature_union_get_type,
    NULL, feature_union_lacking, feature_union_skipped, feature_union_params, feature_union_state,
    feature_union_is_fitted },
  { "sklearn.compose.ColumnTransformer", "sklearn.compose.column_transformer.ColumnTransformer",
    mp_column_transformer_get_type, NULL, column_transformer_lacking, column_transformer_skipped,
    column_transformer_params, column_transformer_state, NULL },
  { "sklearn.preprocessing.OneHotEncoder", "sklearn.preprocessing.encoders.OneHotEncoder",
    mp_one_hot_encoder_get_type, NULL, one_hot_lacking, one_hot_skipped, one_hot_params,
    one_hot_state, NULL },
  { "sklearn.preprocessing.OrdinalEncoder", "sklearn.preprocessing.encoders.OrdinalEncoder",
    mp_ordinal_encoder_get_type, NULL, NULL, ordinal_skipped, ordinal_params, ordinal_state, NULL },
  { NULL }
};

/* Classes found inside the pickles of the estimators above, read as
 * plain records: FeatureUnion's and ColumnTransformer's stand-ins for
 * 'passthrough', KNeighborsClassifier's search trees (ignored: ours
 * searches by brute force) and their distance objects. */
const char *const _mp_import_composites_helpers[] = {
  "sklearn.preprocessing.function_transformer.FunctionTransformer",
  "sklearn.neighbors.kd_tree.newObj",
  "sklearn.neighbors.kd_tree.KDTree",
  "sklearn.neighbors.ball_tree.newObj",
  "sklearn.neighbors.ball_tree.BallTree",
  "sklearn.metrics.dist_metrics.newObj",
  "sklearn.metrics.dist_metrics.EuclideanDistance",
  "sklearn.metrics.dist_metrics.ManhattanDistance",
  /* read so that the KNN mapping can refuse them by their parameters
   * (p=3, metric='chebyshev'), as from_sklearn() always did */
  "sklearn.metrics.dist_metrics.MinkowskiDistance",
  "sklearn.metrics.dist_metrics.ChebyshevDistance",
  "sklearn.metrics.dist_metrics.SEuclideanDistance",
  "sklearn.metrics.dist_metrics.MahalanobisDistance",
  "sklearn.metrics.dist_metrics.HaversineDistance",
  NULL
};
