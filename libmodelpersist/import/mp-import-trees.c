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
 * that an import and from_sklearn() give the same estimator; the
 * histogram boosting's predictors (TreePredictor records, whose packed
 * nodes have fields at odd offsets) follow _ModelPersist_hgb.py. The
 * facts come from pickling each class with scikit-learn 1.2.1
 * (docs/import-mapping-notes.md, sections 20 to 32). */

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

      _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: expected %s, got %s", field, expected,
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

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                               "%s: expected a sklearn.tree._tree.Tree, got %s", field, what);
    }
  /* Tree(n_features, n_classes, n_outputs) */
  if (tree->object.args != NULL && tree->object.args->items->len == 3)
    n_outputs = g_ptr_array_index (tree->object.args->items, 2);
  if (!_mp_import_value_get_int (n_outputs, &outputs))
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
                             "%s: expected the arguments (n_features, n_classes, n_outputs)", field);
  if (outputs != 1)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path,
                             "%s: a tree of %" G_GINT64_FORMAT " outputs; ModelPersist trees predict one",
                             field, outputs);
  state = record_state (tree, "a Tree with its state", field, path, error);
  if (state == NULL)
    return FALSE;
  records = _mp_pickle_dict_lookup (state, "nodes");
  values = _mp_pickle_dict_lookup (state, "values");
  if (records == NULL || values == NULL)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree has no %s", field,
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
        return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
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
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
                             "%s: expected (%" G_GSIZE_FORMAT ", 1, n_classes) values for %"
                             G_GSIZE_FORMAT " nodes of one output", values_field, count, count);
  if (nodes->classifier)
    {
      gsize n_bytes;
      gconstpointer data = mp_array_get_data (value, &n_bytes);

      if (nodes->node_counts->len == 0)
        nodes->n_classes = shape[2];
      else if (shape[2] != nodes->n_classes)
        return _mp_import_error (error, MP_ERROR_INVALID_STATE, path,
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

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "n_outputs_: expected an integer, "
                               "got %s", what);
    }
  if (n != 1)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path, "%s: a %s of %" G_GINT64_FORMAT
                             " outputs; ModelPersist %ss predict one", field, noun, n, noun);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* DecisionTreeClassifier, DecisionTreeRegressor                         */

/* Before the fitted pass, which would otherwise stumble on a
 * multi-output classifier's list of classes_ arrays. */
static gboolean
decision_tree_params (MpImportContext  *context,
                      MpPickleValue    *state,
                      MpEstimator      *model,
                      const char       *path,
                      GError          **error)
{
  return mp_estimator_find_param (model, "classes_") == NULL ||
         check_one_output (state, "classes_", "tree", path, error);
}

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
  tree = _mp_import_require (state, "tree_", path, error);
  if (tree == NULL || !tree_nodes_append (&nodes, tree, "tree_", path, error))
    return FALSE;
  tree_nodes_set (&nodes, model, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Random forests and extra trees                                        */

static gboolean
forest_params (MpImportContext  *context,
               MpPickleValue    *state,
               MpEstimator      *model,
               const char       *path,
               GError          **error)
{
  return check_one_output (state, "n_outputs_", "forest", path, error);
}

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
  trees = _mp_import_require (state, "estimators_", path, error);
  if (trees == NULL)
    return FALSE;
  if ((trees->kind != MP_PICKLE_LIST && trees->kind != MP_PICKLE_TUPLE) || trees->items->len == 0)
    {
      g_autofree char *what = _mp_import_value_repr (trees);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path,
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
        return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree is not fitted",
                                 field);
      if (!tree_nodes_append (&nodes, tree, tree_field, path, error))
        return FALSE;
      seed = _mp_pickle_dict_lookup (tree_state, "random_state");
      if (!_mp_import_value_get_int (seed, &value))
        {
          g_autofree char *what = _mp_import_value_repr (seed);

          return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s.random_state: %s; a "
                                   "forest's trees have integer seeds", field, what);
        }
      g_array_append_val (seeds, value);
      if (i == 0)
        {
          MpPickleValue *max_features = _mp_pickle_dict_lookup (tree_state, "max_features_");
          g_autofree char *tree_path = g_strdup_printf ("%s.estimators_[0]", path);

          if (max_features == NULL)
            return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree has no "
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

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "init: %s; ModelPersist's "
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

    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path, "init_: %s; ModelPersist's gradient "
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

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "n_estimators_: expected an "
                               "integer, got %s", what);
    }
  if (trees->kind != MP_PICKLE_ARRAY || !trees->array.built || trees->array.dtype == NULL ||
      trees->array.dtype->kind != 'O')
    {
      g_autofree char *what = _mp_pickle_value_describe (trees);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "estimators_: expected an object "
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
      return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "estimators_: shape %s for %"
                               G_GINT64_FORMAT " stages", shape->str, n_stages);
    }
  rows = trees->array.shape[0];
  columns = trees->array.shape[1];
  if (trees->array.objects == NULL || trees->array.objects->len / columns != rows ||
      trees->array.objects->len % columns != 0)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "estimators_: %u objects for shape "
                             "(%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT ")",
                             trees->array.objects != NULL ? trees->array.objects->len : 0, rows,
                             columns);
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
          return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "%s: the tree is not fitted",
                                   field);
        if (!tree_nodes_append (&nodes, tree, tree_field, path, error))
          return FALSE;
      }
  tree_nodes_set (&nodes, model, TRUE);
  return boosting_init (state, model, classifier, path, error);
}

static const char *const boosting_skipped[] = { "init", NULL };

/* ------------------------------------------------------------------ */
/* HistGradientBoostingClassifier, HistGradientBoostingRegressor        */

/* What scikit-learn's str() writes for the plain values these
 * hyperparameters hold (lists of numbers, a dict of class weights). */
static gboolean
append_python_str (GString        *out,
                   MpPickleValue  *value,
                   gboolean        quoted,
                   guint           depth,
                   const char     *field,
                   const char     *path,
                   GError        **error)
{
  g_autofree char *repr = NULL;

  if (depth > 8)
    return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: nested too deep", field);
  switch (value->kind)
    {
    case MP_PICKLE_STR:
      if (!quoted)
        {
          g_string_append (out, value->string.data);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case MP_PICKLE_NONE:
    case MP_PICKLE_BOOL:
    case MP_PICKLE_INT:
    case MP_PICKLE_FLOAT:
      repr = _mp_import_value_repr (value);
      g_string_append (out, repr);
      return TRUE;
    case MP_PICKLE_LIST:
    case MP_PICKLE_TUPLE:
      g_string_append_c (out, value->kind == MP_PICKLE_LIST ? '[' : '(');
      for (guint i = 0; i < value->items->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (!append_python_str (out, g_ptr_array_index (value->items, i), TRUE, depth + 1,
                                  field, path, error))
            return FALSE;
        }
      if (value->kind == MP_PICKLE_TUPLE && value->items->len == 1)
        g_string_append_c (out, ',');
      g_string_append_c (out, value->kind == MP_PICKLE_LIST ? ']' : ')');
      return TRUE;
    case MP_PICKLE_DICT:
      g_string_append_c (out, '{');
      for (guint i = 0; i < value->dict.keys->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (!append_python_str (out, g_ptr_array_index (value->dict.keys, i), TRUE, depth + 1,
                                  field, path, error))
            return FALSE;
          g_string_append (out, ": ");
          if (!append_python_str (out, g_ptr_array_index (value->dict.values, i), TRUE, depth + 1,
                                  field, path, error))
            return FALSE;
        }
      g_string_append_c (out, '}');
      return TRUE;
    default:
      repr = _mp_import_value_repr (value);
      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: %s, where a list, a dict or "
                               "a word is expected", field, repr);
    }
}

static gboolean
set_text (MpEstimator  *model,
          const char   *name,
          const char   *text)
{
  GParamSpec *pspec = mp_estimator_find_param (model, name);

  g_return_val_if_fail (pspec != NULL, FALSE);
  g_object_set (model, pspec->name, text, NULL);
  return TRUE;
}

/* categorical_features: feature indices or a boolean mask, as the text
 * '[1, 2]' or '[True, False, ...]'; empty is None. */
static gboolean
hgb_categorical_features (MpPickleValue  *state,
                          MpEstimator    *model,
                          const char     *path,
                          GError        **error)
{
  MpPickleValue *value = _mp_pickle_dict_lookup (state, "categorical_features");
  g_autoptr(MpArray) array = NULL;
  g_autoptr(GString) text = g_string_new ("[");
  g_autofree char *field = g_strdup_printf ("%s.categorical_features", path);

  if (value == NULL || value->kind == MP_PICKLE_NONE)
    return TRUE;
  array = _mp_import_value_to_array (value, (1u << MP_DTYPE_BOOL) | (1u << MP_DTYPE_INT64) |
                                     (1u << MP_DTYPE_STRING), field, error);
  if (array == NULL)
    return FALSE;
  if (mp_array_get_dtype (array) == MP_DTYPE_STRING && mp_array_get_n_elements (array) > 0)
    {
      g_autofree char *what = _mp_import_value_repr (value);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path, "categorical_features: %s: "
                               "ModelPersist takes feature indices or a boolean mask, not feature "
                               "names", what);
    }
  if (mp_array_get_n_elements (array) == 0)
    return TRUE;
  for (gsize i = 0; i < mp_array_get_n_elements (array); i++)
    {
      gint64 number = (gint64) mp_array_get_double (array, i);

      if (i > 0)
        g_string_append (text, ", ");
      if (mp_array_get_dtype (array) == MP_DTYPE_BOOL)
        g_string_append (text, number ? "True" : "False");
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, mp_array_get_int64_data (array)[i]);
    }
  g_string_append_c (text, ']');
  return set_text (model, "categorical_features", text->str);
}

static gboolean
hgb_params (MpImportContext  *context,
            MpPickleValue    *state,
            MpEstimator      *model,
            const char       *path,
            GError          **error)
{
  static const char *const as_text[] = { "monotonic_cst", "interaction_cst", "class_weight" };
  static const char *const none_is_minus_one[] = { "max_leaf_nodes", "max_depth" };
  MpPickleValue *value;

  for (gsize i = 0; i < G_N_ELEMENTS (none_is_minus_one); i++)
    {
      value = _mp_pickle_dict_lookup (state, none_is_minus_one[i]);
      if (value != NULL && value->kind == MP_PICKLE_NONE)
        g_object_set (model, mp_estimator_find_param (model, none_is_minus_one[i])->name, -1, NULL);
      else if (value != NULL && !_mp_import_set (model, none_is_minus_one[i], value, path, error))
        return FALSE;
    }
  if (!hgb_categorical_features (state, model, path, error))
    return FALSE;

  value = _mp_pickle_dict_lookup (state, "early_stopping");
  if (value != NULL && value->kind == MP_PICKLE_BOOL)
    set_text (model, "early_stopping", value->boolean ? "true" : "false");
  else if (value != NULL && !_mp_import_set (model, "early_stopping", value, path, error))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (as_text); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      value = _mp_pickle_dict_lookup (state, as_text[i]);
      if (value == NULL || value->kind == MP_PICKLE_NONE ||
          mp_estimator_find_param (model, as_text[i]) == NULL)
        continue;
      if (!append_python_str (text, value, FALSE, 0, as_text[i], path, error))
        return FALSE;
      set_text (model, as_text[i], text->str);
    }

  /* a string with a default cannot hold None: the word 'none' does */
  value = _mp_pickle_dict_lookup (state, "validation_fraction");
  if (value != NULL && value->kind == MP_PICKLE_NONE)
    set_text (model, "validation_fraction", "none");
  else if (value != NULL && !_mp_import_set (model, "validation_fraction", value, path, error))
    return FALSE;

  value = _mp_pickle_dict_lookup (state, "random_state");
  if (value != NULL && value->kind != MP_PICKLE_NONE && value->kind != MP_PICKLE_INT)
    {
      g_autofree char *what = _mp_import_value_repr (value);

      return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path, "random_state: %s: ModelPersist "
                               "takes None or an integer seed", what);
    }
  return value == NULL || _mp_import_set (model, "random_state", value, path, error);
}

static const char *const hgb_skipped[] = {
  "max_leaf_nodes", "max_depth", "categorical_features", "early_stopping", "monotonic_cst",
  "interaction_cst", "class_weight", "validation_fraction", "random_state", "is_categorical_",
  NULL
};

static const struct {
  const char *ours;
  const char *theirs;
  MpDType     dtype;
} hgb_columns[] = {
  { "node_value_", "value", MP_DTYPE_FLOAT64 },
  { "node_count_", "count", MP_DTYPE_INT32 },
  { "node_feature_", "feature_idx", MP_DTYPE_INT32 },
  { "node_threshold_", "num_threshold", MP_DTYPE_FLOAT64 },
  { "node_missing_go_to_left_", "missing_go_to_left", MP_DTYPE_UINT8 },
  { "node_gain_", "gain", MP_DTYPE_FLOAT64 },
  { "node_is_categorical_", "is_categorical", MP_DTYPE_UINT8 },
  { "node_bitset_idx_", "bitset_idx", MP_DTYPE_INT32 },
  { "node_bin_threshold_", "bin_threshold", MP_DTYPE_UINT8 },
};

#define N_HGB_COLUMNS G_N_ELEMENTS (hgb_columns)

/* A predictor's (n_bitsets, 8) uint32 bitsets as int32 words (the same
 * bits), appended to @words; their row count. */
static gboolean
append_bitsets (GByteArray     *words,
                MpPickleValue  *value,
                const char     *name,
                gsize          *n_rows,
                const char     *path,
                GError        **error)
{
  g_autofree char *field = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(MpArray) array = NULL;
  const gsize *shape;
  guint n_dims;

  if (value == NULL)
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "the predictor has no %s", name);
  array = _mp_import_value_to_array (value, 1u << MP_DTYPE_INT64, field, error);
  if (array == NULL)
    return FALSE;
  shape = mp_array_get_shape (array, &n_dims);
  if (n_dims != 2 || shape[1] != 8)
    {
      g_autoptr(GString) text = g_string_new ("(");

      for (guint d = 0; d < n_dims; d++)
        g_string_append_printf (text, "%s%" G_GSIZE_FORMAT, d > 0 ? ", " : "", shape[d]);
      g_string_append (text, n_dims == 1 ? ",)" : ")");
      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: expected (n_bitsets, 8) "
                               "words, got shape %s", name, text->str);
    }
  for (gsize i = 0; i < mp_array_get_n_elements (array); i++)
    {
      gint64 word = mp_array_get_int64_data (array)[i];
      gint32 bits;

      if (word < 0 || word > G_MAXUINT32)
        return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: word %" G_GSIZE_FORMAT
                                 " (%" G_GINT64_FORMAT ") is not a uint32", name, i, word);
      bits = (gint32) (guint32) word;
      g_byte_array_append (words, (const guint8 *) &bits, sizeof bits);
    }
  *n_rows = shape[0];
  return TRUE;
}

static MpArray *
take_bytes (MpDType     dtype,
            GByteArray *bytes)
{
  gsize n = bytes->len / mp_dtype_get_item_size (dtype);

  return mp_array_new_take (dtype, &n, 1, g_byte_array_free (bytes, FALSE));
}

typedef struct {
  GByteArray *columns[N_HGB_COLUMNS];
  GByteArray *left, *right, *raw, *binned, *node_counts, *bitset_counts;
} HgbNodes;

static void
hgb_nodes_clear (HgbNodes *nodes)
{
  for (gsize c = 0; c < N_HGB_COLUMNS; c++)
    g_clear_pointer (&nodes->columns[c], g_byte_array_unref);
  g_clear_pointer (&nodes->left, g_byte_array_unref);
  g_clear_pointer (&nodes->right, g_byte_array_unref);
  g_clear_pointer (&nodes->raw, g_byte_array_unref);
  g_clear_pointer (&nodes->binned, g_byte_array_unref);
  g_clear_pointer (&nodes->node_counts, g_byte_array_unref);
  g_clear_pointer (&nodes->bitset_counts, g_byte_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HgbNodes, hgb_nodes_clear)

static gboolean
hgb_append_predictor (HgbNodes       *nodes,
                      MpPickleValue  *predictor,
                      const char     *field,
                      const char     *path,
                      GError        **error)
{
  g_autofree char *predictor_path = g_strdup_printf ("%s.%s", path, field);
  MpPickleValue *state = record_state (predictor, "a TreePredictor", field, path, error);
  MpPickleValue *records;
  g_autoptr(MpArray) left = NULL;
  g_autoptr(MpArray) right = NULL;
  g_autoptr(MpArray) leaf = NULL;
  gsize n_nodes = 0, n_bitsets = 0, n_binned = 0;
  gint32 count;

  if (state == NULL)
    return FALSE;
  if (!is_class (predictor, "sklearn.ensemble.hist_gradient_boosting.predictor", "TreePredictor"))
    {
      g_autofree char *what = _mp_import_value_repr (predictor);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "%s: expected a TreePredictor, "
                               "got %s", field, what);
    }
  records = _mp_import_require (state, "nodes", predictor_path, error);
  if (records == NULL)
    return FALSE;
  for (gsize c = 0; c < N_HGB_COLUMNS; c++)
    {
      g_autoptr(MpArray) column = _mp_import_record_column (records, hgb_columns[c].theirs,
                                                            1u << hgb_columns[c].dtype,
                                                            "nodes", error);
      gsize n_bytes;
      gconstpointer data;

      if (column == NULL)
        {
          g_prefix_error (error, "%s: ", predictor_path);
          return FALSE;
        }
      if (mp_array_get_n_dims (column) != 1)
        return _mp_import_error (error, MP_ERROR_INVALID_VALUE, predictor_path,
                                 "nodes: %u dimensions, expected one record per node",
                                 mp_array_get_n_dims (column));
      n_nodes = mp_array_get_n_elements (column);
      data = mp_array_get_data (column, &n_bytes);
      g_byte_array_append (nodes->columns[c], data, n_bytes);
    }
  /* children: scikit-learn's are 0 at a leaf (is_leaf set), ours -1 */
  left = _mp_import_record_column (records, "left", 1u << MP_DTYPE_INT64, "nodes", error);
  right = left != NULL ? _mp_import_record_column (records, "right", 1u << MP_DTYPE_INT64,
                                                   "nodes", error) : NULL;
  leaf = right != NULL ? _mp_import_record_column (records, "is_leaf", 1u << MP_DTYPE_UINT8,
                                                   "nodes", error) : NULL;
  if (leaf == NULL)
    {
      g_prefix_error (error, "%s: ", predictor_path);
      return FALSE;
    }
  for (gsize i = 0; i < n_nodes; i++)
    {
      gboolean is_leaf = ((const guint8 *) mp_array_get_data (leaf, NULL))[i] != 0;
      gint64 children[2] = { mp_array_get_int64_data (left)[i], mp_array_get_int64_data (right)[i] };

      for (guint side = 0; side < 2; side++)
        {
          gint32 child;

          if (!is_leaf && children[side] > G_MAXINT32)
            return _mp_import_error (error, MP_ERROR_INVALID_VALUE, predictor_path, "nodes.%s: "
                                     "element %" G_GSIZE_FORMAT " (%" G_GINT64_FORMAT ") does not fit "
                                     "in int32", side == 0 ? "left" : "right", i, children[side]);
          child = is_leaf ? -1 : (gint32) children[side];
          g_byte_array_append (side == 0 ? nodes->left : nodes->right, (const guint8 *) &child,
                               sizeof child);
        }
    }
  if (!append_bitsets (nodes->raw, _mp_pickle_dict_lookup (state, "raw_left_cat_bitsets"),
                       "raw_left_cat_bitsets", &n_bitsets, predictor_path, error) ||
      !append_bitsets (nodes->binned, _mp_pickle_dict_lookup (state, "binned_left_cat_bitsets"),
                       "binned_left_cat_bitsets", &n_binned, predictor_path, error))
    return FALSE;
  if (n_nodes > G_MAXINT32 || n_bitsets > G_MAXINT32)
    return _mp_import_error (error, MP_ERROR_LIMIT_EXCEEDED, predictor_path, "more than 2**31 nodes");
  count = (gint32) n_nodes;
  g_byte_array_append (nodes->node_counts, (const guint8 *) &count, sizeof count);
  count = (gint32) n_bitsets;
  g_byte_array_append (nodes->bitset_counts, (const guint8 *) &count, sizeof count);
  return TRUE;
}

static gboolean
hgb_bin_mapper (MpPickleValue  *state,
                MpEstimator    *model,
                const char     *path,
                GError        **error)
{
  MpPickleValue *mapper = _mp_import_require (state, "_bin_mapper", path, error);
  MpPickleValue *settings, *thresholds;
  g_autofree char *mapper_path = g_strdup_printf ("%s._bin_mapper", path);
  gint64 max_bins = 255, n_bins, missing_bin;
  g_autoptr(GByteArray) counts = g_byte_array_new ();
  g_autoptr(GByteArray) values = g_byte_array_new ();
  g_autoptr(MpArray) counts_array = NULL;
  g_autoptr(MpArray) values_array = NULL;

  if (mapper == NULL)
    return FALSE;
  settings = record_state (mapper, "a _BinMapper", "_bin_mapper", path, error);
  if (settings == NULL)
    return FALSE;
  _mp_import_value_get_int (_mp_pickle_dict_lookup (state, "max_bins"), &max_bins);
  if (!_mp_import_value_get_int (_mp_pickle_dict_lookup (settings, "n_bins"), &n_bins) ||
      !_mp_import_value_get_int (_mp_pickle_dict_lookup (settings, "missing_values_bin_idx_"),
                                 &missing_bin))
    return _mp_import_error (error, MP_ERROR_INVALID_STATE, path, "_bin_mapper: expected the integers "
                             "n_bins and missing_values_bin_idx_");
  if (missing_bin != max_bins || n_bins != max_bins + 1)
    return _mp_import_error (error, MP_ERROR_NOT_SUPPORTED, path, "_bin_mapper: %" G_GINT64_FORMAT
                             " bins for max_bins=%" G_GINT64_FORMAT "; expected max_bins + 1", n_bins,
                             max_bins);
  thresholds = _mp_import_require (settings, "bin_thresholds_", mapper_path, error);
  if (thresholds == NULL)
    return FALSE;
  if (thresholds->kind != MP_PICKLE_LIST && thresholds->kind != MP_PICKLE_TUPLE)
    {
      g_autofree char *what = _mp_import_value_repr (thresholds);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, mapper_path, "bin_thresholds_: expected "
                               "a list of arrays, got %s", what);
    }
  for (guint f = 0; f < thresholds->items->len; f++)
    {
      g_autofree char *field = g_strdup_printf ("%s.bin_thresholds_[%u]", mapper_path, f);
      g_autoptr(MpArray) array = _mp_import_value_to_array (g_ptr_array_index (thresholds->items, f),
                                                            1u << MP_DTYPE_FLOAT64, field, error);
      gint32 count;
      gsize n_bytes;
      gconstpointer data;

      if (array == NULL)
        return FALSE;
      if (mp_array_get_n_elements (array) > G_MAXINT32)
        return _mp_import_error (error, MP_ERROR_LIMIT_EXCEEDED, mapper_path, "too many thresholds");
      count = (gint32) mp_array_get_n_elements (array);
      g_byte_array_append (counts, (const guint8 *) &count, sizeof count);
      data = mp_array_get_data (array, &n_bytes);
      g_byte_array_append (values, data, n_bytes);
    }
  counts_array = take_bytes (MP_DTYPE_INT32, g_steal_pointer (&counts));
  values_array = take_bytes (MP_DTYPE_FLOAT64, g_steal_pointer (&values));
  set_array (model, "bin_threshold_counts_", counts_array);
  set_array (model, "bin_thresholds_", values_array);
  return TRUE;
}

static gboolean
hgb_state (MpImportContext  *context,
           MpPickleValue    *state,
           MpEstimator      *model,
           const char       *path,
           GError          **error)
{
  g_auto(HgbNodes) nodes = { { NULL } };
  MpPickleValue *predictors, *n_features_value, *is_categorical, *baseline;
  gint64 n_features;
  g_autofree guint8 *categorical = NULL;
  gsize n;

  for (gsize c = 0; c < N_HGB_COLUMNS; c++)
    nodes.columns[c] = g_byte_array_new ();
  nodes.left = g_byte_array_new ();
  nodes.right = g_byte_array_new ();
  nodes.raw = g_byte_array_new ();
  nodes.binned = g_byte_array_new ();
  nodes.node_counts = g_byte_array_new ();
  nodes.bitset_counts = g_byte_array_new ();

  n_features_value = _mp_import_require (state, "_n_features", path, error);
  if (n_features_value == NULL)
    return FALSE;
  if (!_mp_import_value_get_int (n_features_value, &n_features) || n_features < 1 ||
      n_features > G_MAXINT32)
    {
      g_autofree char *what = _mp_import_value_repr (n_features_value);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "_n_features: expected a positive "
                               "integer, got %s", what);
    }
  if (!hgb_bin_mapper (state, model, path, error))
    return FALSE;

  /* is_categorical_: None is no categorical feature */
  n = (gsize) n_features;
  is_categorical = _mp_pickle_dict_lookup (state, "is_categorical_");
  if (is_categorical != NULL && is_categorical->kind != MP_PICKLE_NONE)
    {
      if (!_mp_import_set (model, "is_categorical_", is_categorical, path, error))
        return FALSE;
    }
  else
    {
      g_autoptr(MpArray) zeros = NULL;

      categorical = g_malloc0 (n);
      zeros = mp_array_new_take (MP_DTYPE_UINT8, &n, 1, g_steal_pointer (&categorical));
      set_array (model, "is_categorical_", zeros);
    }

  baseline = _mp_import_require (state, "_baseline_prediction", path, error);
  if (baseline == NULL)
    return FALSE;
  {
    g_autofree char *field = g_strdup_printf ("%s._baseline_prediction", path);
    g_autoptr(MpArray) array = _mp_import_value_to_array (baseline, 1u << MP_DTYPE_FLOAT64, field,
                                                          error);
    g_autoptr(MpArray) flat = NULL;
    gsize n_values;

    if (array == NULL)
      return FALSE;
    n_values = mp_array_get_n_elements (array);
    flat = mp_array_new_float64 (mp_array_get_float64_data (array), n_values, &n_values, 1, error);
    if (flat == NULL)
      return FALSE;
    set_array (model, "baseline_prediction_", flat);
  }

  predictors = _mp_import_require (state, "_predictors", path, error);
  if (predictors == NULL)
    return FALSE;
  if ((predictors->kind != MP_PICKLE_LIST && predictors->kind != MP_PICKLE_TUPLE) ||
      predictors->items->len == 0 || predictors->items->len > G_MAXINT32)
    {
      g_autofree char *what = _mp_import_value_repr (predictors);

      return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "_predictors: expected a list of "
                               "iterations, got %s", what);
    }
  for (guint i = 0; i < predictors->items->len; i++)
    {
      MpPickleValue *iteration = g_ptr_array_index (predictors->items, i);

      if (iteration->kind != MP_PICKLE_LIST && iteration->kind != MP_PICKLE_TUPLE)
        {
          g_autofree char *what = _mp_import_value_repr (iteration);

          return _mp_import_error (error, MP_ERROR_INVALID_VALUE, path, "_predictors[%u]: expected a "
                                   "list of TreePredictor, got %s", i, what);
        }
      for (guint k = 0; k < iteration->items->len; k++)
        {
          g_autofree char *field = g_strdup_printf ("_predictors[%u][%u]", i, k);

          if (!hgb_append_predictor (&nodes, g_ptr_array_index (iteration->items, k), field, path,
                                     error))
            return FALSE;
        }
    }
  g_object_set (model, mp_estimator_find_param (model, "n_iter_")->name,
                (int) predictors->items->len, NULL);
  for (gsize c = 0; c < N_HGB_COLUMNS; c++)
    {
      g_autoptr(MpArray) array = take_bytes (hgb_columns[c].dtype,
                                             g_steal_pointer (&nodes.columns[c]));

      set_array (model, hgb_columns[c].ours, array);
    }
  {
    const struct {
      const char  *name;
      GByteArray **bytes;
    } rest[] = {
      { "node_left_", &nodes.left },
      { "node_right_", &nodes.right },
      { "raw_left_cat_bitsets_", &nodes.raw },
      { "binned_left_cat_bitsets_", &nodes.binned },
      { "tree_node_counts_", &nodes.node_counts },
      { "tree_bitset_counts_", &nodes.bitset_counts },
    };

    for (gsize r = 0; r < G_N_ELEMENTS (rest); r++)
      {
        g_autoptr(MpArray) array = take_bytes (MP_DTYPE_INT32, g_steal_pointer (rest[r].bytes));

        set_array (model, rest[r].name, array);
      }
  }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The table                                                            */

const MpImportConversion _mp_import_trees_conversions[] = {
  { "sklearn.tree.DecisionTreeClassifier", "sklearn.tree.classes.DecisionTreeClassifier",
    mp_decision_tree_classifier_get_type, NULL, NULL, NULL, decision_tree_params, decision_tree_state },
  { "sklearn.tree.DecisionTreeRegressor", "sklearn.tree.classes.DecisionTreeRegressor",
    mp_decision_tree_regressor_get_type, NULL, NULL, NULL, decision_tree_params, decision_tree_state },
  { "sklearn.ensemble.RandomForestClassifier", "sklearn.ensemble.forest.RandomForestClassifier",
    mp_random_forest_classifier_get_type, NULL, NULL, NULL, forest_params, forest_state },
  { "sklearn.ensemble.RandomForestRegressor", "sklearn.ensemble.forest.RandomForestRegressor",
    mp_random_forest_regressor_get_type, NULL, NULL, NULL, forest_params, forest_state },
  { "sklearn.ensemble.ExtraTreesClassifier", "sklearn.ensemble.forest.ExtraTreesClassifier",
    mp_extra_trees_classifier_get_type, NULL, NULL, NULL, forest_params, forest_state },
  { "sklearn.ensemble.ExtraTreesRegressor", "sklearn.ensemble.forest.ExtraTreesRegressor",
    mp_extra_trees_regressor_get_type, NULL, NULL, NULL, forest_params, forest_state },
  { "sklearn.ensemble.GradientBoostingClassifier", "sklearn.ensemble.gb.GradientBoostingClassifier",
    mp_gradient_boosting_classifier_get_type, NULL, NULL, boosting_skipped, boosting_params,
    boosting_state },
  { "sklearn.ensemble.GradientBoostingRegressor", "sklearn.ensemble.gb.GradientBoostingRegressor",
    mp_gradient_boosting_regressor_get_type, NULL, NULL, boosting_skipped, boosting_params,
    boosting_state },
  { "sklearn.ensemble.HistGradientBoostingClassifier",
    "sklearn.ensemble.hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    mp_hist_gradient_boosting_classifier_get_type, NULL, NULL, hgb_skipped, hgb_params, hgb_state },
  { "sklearn.ensemble.HistGradientBoostingRegressor",
    "sklearn.ensemble.hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor",
    mp_hist_gradient_boosting_regressor_get_type, NULL, NULL, hgb_skipped, hgb_params, hgb_state },
  { NULL }
};

/* Classes found inside the pickles of the estimators above, read as
 * plain records: the Tree, a forest's trees and its unfitted template,
 * a boosting's stage trees, its init estimator and its loss; the
 * histogram boosting's bin mapper, predictors and loss objects. */
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
  "sklearn.ensemble.hist_gradient_boosting.binning._BinMapper",
  "sklearn.ensemble.hist_gradient_boosting.predictor.TreePredictor",
  "sklearn.loss.loss.HalfSquaredError",
  "sklearn.loss.loss.AbsoluteError",
  "sklearn.loss.loss.PinballLoss",
  "sklearn.loss.loss.HalfPoissonLoss",
  "sklearn.loss.loss.HalfGammaLoss",
  "sklearn.loss.loss.HalfTweedieLoss",
  "sklearn.loss.loss.HalfTweedieLossIdentity",
  "sklearn.loss.loss.HalfBinomialLoss",
  "sklearn.loss.loss.HalfMultinomialLoss",
  "sklearn.loss.link.IdentityLink",
  "sklearn.loss.link.LogitLink",
  "sklearn.loss.link.LogLink",
  "sklearn.loss.link.MultinomialLogit",
  "sklearn.loss.link.Interval",
  /* scikit-learn._loss._loss (canonically sklearn.loss.loss): the Cython
   * losses, and the functions their pickles call with (class, checksum,
   * state) */
  "sklearn.loss.loss.CyHalfSquaredError",
  "sklearn.loss.loss.CyAbsoluteError",
  "sklearn.loss.loss.CyPinballLoss",
  "sklearn.loss.loss.CyHalfPoissonLoss",
  "sklearn.loss.loss.CyHalfGammaLoss",
  "sklearn.loss.loss.CyHalfTweedieLoss",
  "sklearn.loss.loss.CyHalfTweedieLossIdentity",
  "sklearn.loss.loss.CyHalfBinomialLoss",
  "sklearn.loss.loss.CyHalfMultinomialLoss",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfSquaredError",
  "sklearn.loss.loss.__pyx_unpickle_CyAbsoluteError",
  "sklearn.loss.loss.__pyx_unpickle_CyPinballLoss",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfPoissonLoss",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfGammaLoss",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfTweedieLoss",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfTweedieLossIdentity",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfBinomialLoss",
  "sklearn.loss.loss.__pyx_unpickle_CyHalfMultinomialLoss",
  NULL
};
