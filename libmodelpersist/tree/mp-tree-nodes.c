/* mp-tree-nodes.c: the checks of a tree's node arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-declarations-private.h"
#include "mp-tree-nodes-private.h"

/* One pass in node order, which the numbering (children after parents)
 * makes a walk from the root. */
gboolean
_mp_tree_check_topology (const MpTreeView  *tree,
                const char        *what,
                guint             *depth_out,
                GError           **error)
{
  g_autofree guint *depth = NULL;
  g_autofree guint8 *has_parent = NULL;
  guint deepest = 0;

  if (tree->n_nodes == 0)
    return _mp_invalid_state (error, "%schildren_left_: a tree has at least one node", what);
  if (tree->n_nodes > G_MAXINT32)
    return _mp_invalid_state (error, "%schildren_left_: %" G_GSIZE_FORMAT " nodes is more than a tree holds",
                              what, tree->n_nodes);

  depth = g_new0 (guint, tree->n_nodes);
  has_parent = g_new0 (guint8, tree->n_nodes);
  for (gsize node = 0; node < tree->n_nodes; node++)
    {
      gint32 left = tree->children_left[node];
      gint32 right = tree->children_right[node];

      if (node > 0 && !has_parent[node])
        return _mp_invalid_state (error, "%schildren_left_: node %" G_GSIZE_FORMAT " is no node's child",
                                  what, node);
      if (left == MP_TREE_LEAF && right == MP_TREE_LEAF)
        continue;
      if (left == MP_TREE_LEAF || right == MP_TREE_LEAF)
        return _mp_invalid_state (error, "%schildren_%s_: node %" G_GSIZE_FORMAT " has one child; "
                                  "a node has two or none", what, left == MP_TREE_LEAF ? "left" : "right", node);
      for (int side = 0; side < 2; side++)
        {
          gint32 child = side == 0 ? left : right;
          const char *name = side == 0 ? "left" : "right";

          if (child <= (gint64) node || (gsize) child >= tree->n_nodes)
            return _mp_invalid_state (error, "%schildren_%s_: node %" G_GSIZE_FORMAT " names child %" G_GINT32_FORMAT
                                      "; a child comes after its parent, below %" G_GSIZE_FORMAT,
                                      what, name, node, child, tree->n_nodes);
          if (has_parent[child])
            return _mp_invalid_state (error, "%schildren_%s_: node %" G_GINT32_FORMAT " has two parents",
                                      what, name, child);
          has_parent[child] = 1;
          depth[child] = depth[node] + 1;
          if (depth[child] > MP_TREE_DEPTH_LIMIT)
            return _mp_invalid_state (error, "%schildren_left_: the tree is more than %d levels deep",
                                      what, MP_TREE_DEPTH_LIMIT);
          deepest = MAX (deepest, depth[child]);
        }
    }
  *depth_out = deepest;
  return TRUE;
}

/* Each node's test, and each leaf's value. */
static gboolean
check_nodes (const MpTreeView  *tree,
             gint64             n_features,
             MpTreeValueKind    value_kind,
             const char        *what,
             GError           **error)
{
  for (gsize node = 0; node < tree->n_nodes; node++)
    {
      gint32 feature = tree->feature[node];
      double threshold = tree->threshold[node];
      const double *value = tree->value + node * tree->n_values;
      double sum = 0;

      if (tree->children_left[node] != MP_TREE_LEAF)
        {
          if (feature < 0 || feature >= n_features)
            return _mp_invalid_state (error, "%sfeature_: node %" G_GSIZE_FORMAT " tests feature %" G_GINT32_FORMAT
                                      "; the model has %" G_GINT64_FORMAT " features",
                                      what, node, feature, n_features);
          if (!isfinite (threshold))
            return _mp_invalid_state (error, "%sthreshold_: node %" G_GSIZE_FORMAT "'s threshold is not finite",
                                      what, node);
          continue;
        }
      if (feature != MP_TREE_UNDEFINED || threshold != MP_TREE_UNDEFINED)
        return _mp_invalid_state (error, "%s%s: leaf %" G_GSIZE_FORMAT " holds %g; a leaf holds -2",
                                  what, feature != MP_TREE_UNDEFINED ? "feature_" : "threshold_", node,
                                  feature != MP_TREE_UNDEFINED ? (double) feature : threshold);
      if (value_kind != MP_TREE_VALUES_COUNTS)
        continue;
      for (gsize k = 0; k < tree->n_values; k++)
        sum += value[k];
      if (!(sum > 0))
        return _mp_invalid_state (error, "%svalue_: leaf %" G_GSIZE_FORMAT " has no samples to predict from",
                                  what, node);
    }
  return TRUE;
}

gboolean
_mp_tree_check (const MpTreeView  *tree,
                gint64             n_features,
                MpTreeValueKind    value_kind,
                const char        *what,
                guint             *depth,
                GError           **error)
{
  return _mp_tree_check_topology (tree, what, depth, error) &&
         check_nodes (tree, n_features, value_kind, what, error);
}
