/* mp-import-trees.c: the import of scikit-learn's decision trees, random
 * forests, extra trees and gradient boosting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "modelpersist.h"
#include "mp-error.h"
#include "mp-import-mapping-private.h"
#include "mp-import-values-private.h"

/* scikit-learn keeps a fitted tree as a sklearn.tree._tree.Tree, pickled
 * as a call Tree(n_features, n_classes, n_outputs) and a state dict whose
 * `nodes` is a numpy record array (left_child, right_child, feature,
 * threshold, impurity, n_node_samples, weighted_n_node_samples; 1.3 adds
 * a field, so the columns are found by name) and whose `values` is
 * (node_count, n_outputs, max_n_classes). Our trees keep one flat array
 * per column; a forest or a boosting concatenates its trees' columns and
 * says how many nodes each tree has. Everything here follows the Python
 * bridge (_tree_arrays_from_sklearn, _forest_state_from_sklearn,
 * _gradient_boosting_state_from_sklearn in _ModelPersist_sklearn.py), so
 * that an import and from_sklearn() give the same estimator. The facts
 * come from pickling each class with scikit-learn 1.2.1
 * (docs/import-mapping-notes.md, sections 20 to 30). */

static gboolean G_GNUC_PRINTF (4, 5)
adapt_error (GError     **error,
             MpError      code,
             const char  *path,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MP_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

/* Our fitted array @name (display name) := @array. */
static void
set_array (MpEstimator *model,
           const char  *name,
           MpArray     *array)
{
  GParamSpec *pspec = mp_estimator_find_param (model, name);

  g_return_if_fail (pspec != NULL);
  g_object_set (model, pspec->name, array, NULL);
}

static gboolean
is_class (MpPickleValue *value,
          const char    *module,
          const char    *name)
{
  return value != NULL && value->kind == MP_PICKLE_OBJECT &&
         value->object.cls->kind == MP_PICKLE_GLOBAL &&
         strcmp (value->object.cls->global.module, module) == 0 &&
         strcmp (value->object.cls->global.name, name) == 0;
}

/* The state dict of the instance record @value, or NULL with
 * MP_ERROR_INVALID_VALUE naming @field. */
static MpPickleValue *
record_state (MpPickleValue  *value,
              const char     *expected,
              const char     *field,
              const char     *path,
              GError        **error)
{
  if (value == NULL || value->kind != MP_PICKLE_OBJECT || value->object.state == NULL ||
      value->object.state->kind != MP_PICKLE_DICT)
    {
      g_autofree char *what = _mp_import_value_repr (value);

      adapt_error (error, MP_ERROR_INVALID_VALUE, path, "%s: expected %s, got %s", field, expected,
                   what);
      return NULL;
    }
  return value->object.state;
}

/* ------------------------------------------------------------------ */
/* Node arrays, one tree after another                                  */

static const struct {
  const char *ours;
  const char *theirs;
  MpDType     dtype;
} tree_columns[] = {
  { "children_left_", "left_child", MP_DTYPE_INT32 },
  { "children_right_", "right_child", MP_DTYPE_INT32 },
  { "feature_", "feature", MP_DTYPE_INT32 },
  { "threshold_", "threshold", MP_DTYPE_FLOAT64 },
  { "impurity_", "impurity", MP_DTYPE_FLOAT64 },
  { "n_node_samples_", "n_node_samples", MP_DTYPE_INT64 },
  { "weighted_n_node_samples_", "weighted_n_node_samples", MP_DTYPE_FLOAT64 },
};

#define N_TREE_COLUMNS G_N_ELEMENTS (tree_columns)

typedef struct {
  gboolean    classifier;       /* value keeps the classes axis */
  GByteArray *columns[N_TREE_COLUMNS];
  GByteArray *value;
  gsize       n_nodes;
  gsize       n_classes;        /* value's width, set by the first tree */
  GArray     *node_counts;      /* gint64 per tree */
} TreeNodes;

static void
tree_nodes_init (TreeNodes *nodes,
                 gboolean   classifier)
{
  memset (nodes, 0, sizeof *nodes);
  nodes->classifier = classifier;
  for (gsize c = 0; c < N_TREE_COLUMNS; c++)
    nodes->columns[c] = g_byte_array_new ();
  nodes->value = g_byte_array_new ();
  nodes->node_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
tree_nodes_clear (TreeNodes *nodes)
{
  for (gsize c = 0; c < N_TREE_COLUMNS; c++)
    g_clear_pointer (&nodes->columns[c], g_byte_array_unref);
  g_clear_pointer (&nodes->value, g_byte_array_unref);
  g_clear_pointer (&nodes->node_counts, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TreeNodes, tree_nodes_clear)

/* Appends the nodes of the Tree record @tree (@field names it). */
static gboolean
tree_nodes_append (TreeNodes      *nodes,
                   MpPickleValue  *tree,
                   const char     *field,
                   const char     *path,
                   GError        **error)
{
  MpPickleValue *state, *records, *values, *n_outputs = NULL;
  g_autofree char *values_field = g_strdup_printf ("%s.values", field);
  g_autoptr(MpArray) value = NULL;
  const gsize *shape;
  guint n_dims;
  gsize count = 0;
  gint64 outputs;

  if (!is_class (tree, "sklearn.tree.tree", "Tree"))
    {
      g_autofree char *what = _mp_import_value_repr (tree);

      return adapt_error (error, MP_ERROR_INVALID_VALUE, path,
                          "%s: expected a sklearn.tree._tree.Tree, got %s", field, what);
    }
  /* Tree(n_features, n_classes, n_outputs) */
  if (tree->object.args != NULL && tree->object.args->items->len == 3)
    n_outputs = g_ptr_array_index (tree->object.args->items, 2);
  if (!_mp_import_value_get_int (n_outputs, &outputs))
    return adapt_error (error, MP_ERROR_INVALID_VALUE, path,
                        "%s: expected the arguments (n_features, n_classes, n_outputs)", field);
  if (outputs != 1)
    return adapt_error (error, MP_ERROR_NOT_SUPPORTED, path,
                        "%s: a tree of %" G_GINT64_FORMAT " outputs; ModelPersist trees predict one",
                        field, outputs);
  state = record_state (tree, "a Tree with its state", field, path, error);
  if (state == NULL)
    return FALSE;
  records = _mp_pickle_dict_lookup (state, "nodes");
  values = _mp_pickle_dict_lookup (state, "values");
  if (records == NULL || values == NULL)
    return adapt_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree has no %s", field,
                        records == NULL ? "nodes" : "values");

  for (gsize c = 0; c < N_TREE_COLUMNS; c++)
    {
      g_autoptr(MpArray) column = _mp_import_record_column (records, tree_columns[c].theirs,
                                                            1u << tree_columns[c].dtype,
                                                            field, error);
      gsize n_bytes;
      gconstpointer data;

      if (column == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      if (mp_array_get_n_dims (column) != 1)
        return adapt_error (error, MP_ERROR_INVALID_VALUE, path,
                            "%s.nodes: %u dimensions, expected one record per node", field,
                            mp_array_get_n_dims (column));
      count = mp_array_get_n_elements (column);
      data = mp_array_get_data (column, &n_bytes);
      g_byte_array_append (nodes->columns[c], data, n_bytes);
    }

  value = _mp_import_value_to_array (values, 1u << MP_DTYPE_FLOAT64, values_field, error);
  if (value == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  shape = mp_array_get_shape (value, &n_dims);
  if (n_dims != 3 || shape[0] != count || shape[1] != 1 || shape[2] < 1)
    return adapt_error (error, MP_ERROR_INVALID_STATE, path,
                        "%s: expected (%" G_GSIZE_FORMAT ", 1, n_classes) values for %"
                        G_GSIZE_FORMAT " nodes of one output", values_field, count, count);
  if (nodes->classifier)
    {
      gsize n_bytes;
      gconstpointer data = mp_array_get_data (value, &n_bytes);

      if (nodes->node_counts->len == 0)
        nodes->n_classes = shape[2];
      else if (shape[2] != nodes->n_classes)
        return adapt_error (error, MP_ERROR_INVALID_STATE, path,
                            "%s: values for %" G_GSIZE_FORMAT " classes, where the first tree "
                            "has %" G_GSIZE_FORMAT, values_field, shape[2], nodes->n_classes);
      g_byte_array_append (nodes->value, data, n_bytes);
    }
  else
    {
      /* a regressor's value: values[:, 0, 0] */
      const double *data = mp_array_get_float64_data (value);

      for (gsize i = 0; i < count; i++)
        g_byte_array_append (nodes->value, (const guint8 *) &data[i * shape[2]], sizeof (double));
      nodes->n_classes = 1;
    }
  nodes->n_nodes += count;
  {
    gint64 n = (gint64) count;

    g_array_append_val (nodes->node_counts, n);
  }
  return TRUE;
}

/* Our node arrays (and tree_node_counts_ when @with_counts) from the
 * trees appended. */
static void
tree_nodes_set (TreeNodes   *nodes,
                MpEstimator *model,
                gboolean     with_counts)
{
  gsize shape[2] = { nodes->n_nodes, nodes->n_classes };

  for (gsize c = 0; c < N_TREE_COLUMNS; c++)
    {
      g_autoptr(MpArray) array = mp_array_new_take (tree_columns[c].dtype, shape, 1,
                                                    g_byte_array_free (g_steal_pointer (&nodes->columns[c]),
                                                                       FALSE));

      set_array (model, tree_columns[c].ours, array);
    }
  {
    g_autoptr(MpArray) array = mp_array_new_take (MP_DTYPE_FLOAT64, shape,
                                                  nodes->classifier ? 2 : 1,
                                                  g_byte_array_free (g_steal_pointer (&nodes->value),
                                                                     FALSE));

    set_array (model, "value_", array);
  }
  if (with_counts)
    {
      gsize n_trees = nodes->node_counts->len;
      g_autoptr(MpArray) array = mp_array_new_take (MP_DTYPE_INT64, &n_trees, 1,
                                                    g_array_free (g_steal_pointer (&nodes->node_counts),
                                                                  FALSE));

      set_array (model, "tree_node_counts_", array);
    }
}

/* n_outputs_, which must be 1 (absent: the tree tells). */
static gboolean
check_one_output (MpPickleValue  *state,
                  const char     *field,
                  const char     *noun,
                  const char     *path,
                  GError        **error)
{
  MpPickleValue *n_outputs = _mp_pickle_dict_lookup (state, "n_outputs_");
  gint64 n;

  if (n_outputs == NULL)
    return TRUE;
  if (!_mp_import_value_get_int (n_outputs, &n))
    {
      g_autofree char *what = _mp_import_value_repr (n_outputs);

      return adapt_error (error, MP_ERROR_INVALID_VALUE, path, "n_outputs_: expected an integer, "
                          "got %s", what);
    }
  if (n != 1)
    return adapt_error (error, MP_ERROR_NOT_SUPPORTED, path, "%s: a %s of %" G_GINT64_FORMAT
                        " outputs; ModelPersist %ss predict one", field, noun, n, noun);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* DecisionTreeClassifier, DecisionTreeRegressor                         */

static gboolean
decision_tree_state (MpImportContext  *context,
                     MpPickleValue    *state,
                     MpEstimator      *model,
                     const char       *path,
                     GError          **error)
{
  gboolean classifier = mp_estimator_find_param (model, "classes_") != NULL;
  g_auto(TreeNodes) nodes;
  MpPickleValue *tree;

  tree_nodes_init (&nodes, classifier);
  if (classifier &&
      !check_one_output (state, "classes_", "tree", path, error))
    return FALSE;
  tree = _mp_import_require (state, "tree_", path, error);
  if (tree == NULL || !tree_nodes_append (&nodes, tree, "tree_", path, error))
    return FALSE;
  tree_nodes_set (&nodes, model, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Random forests and extra trees                                        */

static gboolean
forest_state (MpImportContext  *context,
              MpPickleValue    *state,
              MpEstimator      *model,
              const char       *path,
              GError          **error)
{
  gboolean classifier = mp_estimator_find_param (model, "classes_") != NULL;
  g_auto(TreeNodes) nodes;
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  MpPickleValue *trees;
  gsize n_trees;
  g_autoptr(MpArray) seed_array = NULL;

  tree_nodes_init (&nodes, classifier);
  if (!check_one_output (state, "n_outputs_", "forest", path, error))
    return FALSE;
  trees = _mp_import_require (state, "estimators_", path, error);
  if (trees == NULL)
    return FALSE;
  if ((trees->kind != MP_PICKLE_LIST && trees->kind != MP_PICKLE_TUPLE) || trees->items->len == 0)
    {
      g_autofree char *what = _mp_import_value_repr (trees);

      return adapt_error (error, MP_ERROR_INVALID_VALUE, path,
                          "estimators_: expected a list of fitted trees, got %s", what);
    }
  for (guint i = 0; i < trees->items->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("estimators_[%u]", i);
      g_autofree char *tree_field = g_strdup_printf ("estimators_[%u].tree_", i);
      MpPickleValue *tree_state = record_state (g_ptr_array_index (trees->items, i),
                                                "a fitted tree", field, path, error);
      MpPickleValue *tree, *seed;
      gint64 value;

      if (tree_state == NULL)
        return FALSE;
      tree = _mp_pickle_dict_lookup (tree_state, "tree_");
      if (tree == NULL)
        return adapt_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree is not fitted",
                            field);
      if (!tree_nodes_append (&nodes, tree, tree_field, path, error))
        return FALSE;
      seed = _mp_pickle_dict_lookup (tree_state, "random_state");
      if (!_mp_import_value_get_int (seed, &value))
        {
          g_autofree char *what = _mp_import_value_repr (seed);

          return adapt_error (error, MP_ERROR_INVALID_VALUE, path, "%s.random_state: %s; a "
                              "forest's trees have integer seeds", field, what);
        }
      g_array_append_val (seeds, value);
      if (i == 0)
        {
          MpPickleValue *max_features = _mp_pickle_dict_lookup (tree_state, "max_features_");
          g_autofree char *tree_path = g_strdup_printf ("%s.estimators_[0]", path);

          if (max_features == NULL)
            return adapt_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree has no "
                                "max_features_", field);
          if (!_mp_import_set (model, "max_features_", max_features, tree_path, error))
            return FALSE;
        }
    }
  tree_nodes_set (&nodes, model, TRUE);
  n_trees = seeds->len;
  seed_array = mp_array_new_take (MP_DTYPE_INT64, &n_trees, 1,
                                  g_array_free (g_steal_pointer (&seeds), FALSE));
  set_array (model, "tree_seeds_", seed_array);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GradientBoostingClassifier, GradientBoostingRegressor                 */

static gboolean
boosting_params (MpImportContext  *context,
                 MpPickleValue    *state,
                 MpEstimator      *model,
                 const char       *path,
                 GError          **error)
{
  MpPickleValue *init = _mp_pickle_dict_lookup (state, "init");

  if (init == NULL || init->kind == MP_PICKLE_NONE)
    return TRUE;
  if (g_strcmp0 (_mp_import_value_get_str (init), "zero") != 0)
    {
      g_autofree char *what = _mp_import_value_repr (init);

      return adapt_error (error, MP_ERROR_INVALID_VALUE, path, "init: %s; ModelPersist's "
                          "gradient boosting starts from None (the prior or mean) or 'zero' "
                          "only", what);
    }
  return _mp_import_set (model, "init", init, path, error);
}

/* Whether the regressor's DummyRegressor state @dummy is the one the
 * loss starts from: the mean for squared_error, the median for
 * absolute_error and huber, the alpha quantile for quantile. */
static gboolean
regressor_init_matches (MpPickleValue *state,
                        MpPickleValue *dummy)
{
  const char *loss = _mp_import_value_get_str (_mp_pickle_dict_lookup (state, "loss"));
  const char *strategy = _mp_import_value_get_str (_mp_pickle_dict_lookup (dummy, "strategy"));
  MpPickleValue *quantile = _mp_pickle_dict_lookup (dummy, "quantile");
  MpPickleValue *alpha = _mp_pickle_dict_lookup (state, "alpha");
  double wanted = 0.5, got;

  if (g_strcmp0 (loss, "squared_error") == 0)
    return g_strcmp0 (strategy, "mean") == 0;
  if (g_strcmp0 (strategy, "quantile") != 0 || quantile == NULL)
    return FALSE;
  if (g_strcmp0 (loss, "quantile") == 0)
    {
      if (alpha == NULL || (alpha->kind != MP_PICKLE_FLOAT && alpha->kind != MP_PICKLE_INT))
        return FALSE;
      wanted = alpha->kind == MP_PICKLE_FLOAT ? alpha->number : (double) alpha->integer;
    }
  if (quantile->kind == MP_PICKLE_FLOAT)
    got = quantile->number;
  else if (quantile->kind == MP_PICKLE_INT)
    got = (double) quantile->integer;
  else
    return FALSE;
  return got == wanted;
}

static gboolean
boosting_init (MpPickleValue  *state,
               MpEstimator    *model,
               gboolean        classifier,
               const char     *path,
               GError        **error)
{
  MpPickleValue *init = _mp_import_require (state, "init_", path, error);
  MpPickleValue *dummy;
  g_autofree char *init_path = g_strdup_printf ("%s.init_", path);

  if (init == NULL)
    return FALSE;
  if (g_strcmp0 (_mp_import_value_get_str (init), "zero") == 0)
    return TRUE;
  dummy = init->kind == MP_PICKLE_OBJECT ? init->object.state : NULL;
  if (dummy != NULL && dummy->kind != MP_PICKLE_DICT)
    dummy = NULL;
  if (classifier && dummy != NULL && is_class (init, "sklearn.dummy", "DummyClassifier") &&
      g_strcmp0 (_mp_import_value_get_str (_mp_pickle_dict_lookup (dummy, "_strategy")),
                 "prior") == 0)
    {
      MpPickleValue *prior = _mp_import_require (dummy, "class_prior_", init_path, error);

      return prior != NULL && _mp_import_set (model, "init_class_prior_", prior, init_path, error);
    }
  if (!classifier && dummy != NULL && is_class (init, "sklearn.dummy", "DummyRegressor") &&
      regressor_init_matches (state, dummy))
    {
      MpPickleValue *constant = _mp_import_require (dummy, "constant_", init_path, error);
      g_autoptr(MpArray) array = NULL;
      g_autoptr(MpArray) flat = NULL;
      g_autofree char *field = g_strdup_printf ("%s.constant_", init_path);
      gsize n;

      if (constant == NULL)
        return FALSE;
      array = _mp_import_value_to_array (constant, 1u << MP_DTYPE_FLOAT64, field, error);
      if (array == NULL)
        return FALSE;
      /* np.ravel(constant_): (1, 1) as (1,) */
      n = mp_array_get_n_elements (array);
      flat = mp_array_new_float64 (mp_array_get_float64_data (array), n, &n, 1, error);
      if (flat == NULL)
        return FALSE;
      set_array (model, "init_constant_", flat);
      return TRUE;
    }
  {
    g_autofree char *what = _mp_import_value_repr (init);

    return adapt_error (error, MP_ERROR_NOT_SUPPORTED, path, "init_: %s; ModelPersist's gradient "
                        "boosting starts from the prior, the mean or 'zero' only", what);
  }
}

static gboolean
boosting_state (MpImportContext  *context,
                MpPickleValue    *state,
                MpEstimator      *model,
                const char       *path,
                GError          **error)
{
  gboolean classifier = mp_estimator_find_param (model, "classes_") != NULL;
  g_auto(TreeNodes) nodes;
  MpPickleValue *trees, *stages;
  gint64 n_stages;
  guint64 rows, columns;

  tree_nodes_init (&nodes, FALSE);
  trees = _mp_import_require (state, "estimators_", path, error);
  stages = trees != NULL ? _mp_import_require (state, "n_estimators_", path, error) : NULL;
  if (stages == NULL)
    return FALSE;
  if (!_mp_import_value_get_int (stages, &n_stages))
    {
      g_autofree char *what = _mp_import_value_repr (stages);

      return adapt_error (error, MP_ERROR_INVALID_VALUE, path, "n_estimators_: expected an "
                          "integer, got %s", what);
    }
  if (trees->kind != MP_PICKLE_ARRAY || !trees->array.built || trees->array.dtype == NULL ||
      trees->array.dtype->kind != 'O')
    {
      g_autofree char *what = _mp_pickle_value_describe (trees);

      return adapt_error (error, MP_ERROR_INVALID_VALUE, path, "estimators_: expected an object "
                          "array of trees, got %s", what);
    }
  if (trees->array.n_dims != 2 || (gint64) trees->array.shape[0] != n_stages ||
      trees->array.shape[1] == 0)
    {
      g_autoptr(GString) shape = g_string_new ("(");

      for (guint d = 0; d < trees->array.n_dims; d++)
        g_string_append_printf (shape, "%s%" G_GUINT64_FORMAT, d > 0 ? ", " : "",
                                trees->array.shape[d]);
      g_string_append (shape, trees->array.n_dims == 1 ? ",)" : ")");
      return adapt_error (error, MP_ERROR_INVALID_STATE, path, "estimators_: shape %s for %"
                          G_GINT64_FORMAT " stages", shape->str, n_stages);
    }
  rows = trees->array.shape[0];
  columns = trees->array.shape[1];
  /* estimators_.ravel(): stage by stage, then class by class */
  for (guint64 i = 0; i < rows; i++)
    for (guint64 k = 0; k < columns; k++)
      {
        guint64 position = trees->array.fortran ? i + k * rows : i * columns + k;
        g_autofree char *field = g_strdup_printf ("estimators_[%" G_GUINT64_FORMAT ", %"
                                                  G_GUINT64_FORMAT "]", i, k);
        g_autofree char *tree_field = g_strdup_printf ("%s.tree_", field);
        MpPickleValue *tree_state = record_state (g_ptr_array_index (trees->array.objects, position),
                                                  "a fitted regression tree", field, path, error);
        MpPickleValue *tree;

        if (tree_state == NULL)
          return FALSE;
        tree = _mp_pickle_dict_lookup (tree_state, "tree_");
        if (tree == NULL)
          return adapt_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree is not fitted",
                              field);
        if (!tree_nodes_append (&nodes, tree, tree_field, path, error))
          return FALSE;
      }
  tree_nodes_set (&nodes, model, TRUE);
  return boosting_init (state, model, classifier, path, error);
}

static const char *const boosting_skipped[] = { "init", NULL };

/* ------------------------------------------------------------------ */
/* The table                                                            */

const MpImportConversion _mp_import_trees_conversions[] = {
  { "sklearn.tree.DecisionTreeClassifier", "sklearn.tree.classes.DecisionTreeClassifier",
    mp_decision_tree_classifier_get_type, NULL, NULL, NULL, NULL, decision_tree_state },
  { "sklearn.tree.DecisionTreeRegressor", "sklearn.tree.classes.DecisionTreeRegressor",
    mp_decision_tree_regressor_get_type, NULL, NULL, NULL, NULL, decision_tree_state },
  { "sklearn.ensemble.RandomForestClassifier", "sklearn.ensemble.forest.RandomForestClassifier",
    mp_random_forest_classifier_get_type, NULL, NULL, NULL, NULL, forest_state },
  { "sklearn.ensemble.RandomForestRegressor", "sklearn.ensemble.forest.RandomForestRegressor",
    mp_random_forest_regressor_get_type, NULL, NULL, NULL, NULL, forest_state },
  { "sklearn.ensemble.ExtraTreesClassifier", "sklearn.ensemble.forest.ExtraTreesClassifier",
    mp_extra_trees_classifier_get_type, NULL, NULL, NULL, NULL, forest_state },
  { "sklearn.ensemble.ExtraTreesRegressor", "sklearn.ensemble.forest.ExtraTreesRegressor",
    mp_extra_trees_regressor_get_type, NULL, NULL, NULL, NULL, forest_state },
  { "sklearn.ensemble.GradientBoostingClassifier", "sklearn.ensemble.gb.GradientBoostingClassifier",
    mp_gradient_boosting_classifier_get_type, NULL, NULL, boosting_skipped, boosting_params,
    boosting_state },
  { "sklearn.ensemble.GradientBoostingRegressor", "sklearn.ensemble.gb.GradientBoostingRegressor",
    mp_gradient_boosting_regressor_get_type, NULL, NULL, boosting_skipped, boosting_params,
    boosting_state },
  { NULL }
};

/* Classes found inside the pickles of the estimators above, read as
 * plain records: the Tree, a forest's trees and its unfitted template,
 * a boosting's stage trees, its init estimator and its loss. */
const char *const _mp_import_trees_helpers[] = {
  "sklearn.tree.tree.Tree",
  "sklearn.tree.classes.ExtraTreeClassifier",
  "sklearn.tree.classes.ExtraTreeRegressor",
  "sklearn.dummy.DummyClassifier",
  "sklearn.dummy.DummyRegressor",
  "sklearn.ensemble.gb_losses.BinomialDeviance",
  "sklearn.ensemble.gb_losses.MultinomialDeviance",
  "sklearn.ensemble.gb_losses.ExponentialLoss",
  "sklearn.ensemble.gb_losses.LeastSquaresError",
  "sklearn.ensemble.gb_losses.LeastAbsoluteError",
  "sklearn.ensemble.gb_losses.HuberLossFunction",
  "sklearn.ensemble.gb_losses.QuantileLossFunction",
  NULL
};
