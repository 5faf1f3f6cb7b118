/* mp-tree-pruning.c: minimal cost-complexity pruning, as scikit-learn's
 * ccp_alpha prunes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <float.h>
#include <string.h>

#include "mp-tree-builder-private.h"
#include "mp-tree-nodes-private.h"

/* The weakest-link pruning of Breiman et al.: a branch's cost is the
 * weighted impurity of its leaves, a node's the weighted impurity it would
 * have as a leaf; the branch whose collapse costs least per leaf removed
 * (its effective alpha) goes first, until every remaining branch costs
 * more than ccp_alpha. The loops follow scikit-learn's
 * _cost_complexity_prune (leaves in node order, ancestors bubbled up
 * leaf by leaf) so that the sums, and so which branch goes on a tie, are
 * the same. */
static void
find_leaves_to_keep (const MpTreeGrown *tree,
                     double             ccp_alpha,
                     guint8            *is_leaf)
{
  gsize n = tree->n_nodes;
  g_autofree gssize *parent = g_new (gssize, n);
  g_autofree double *r_node = g_new (double, n);
  g_autofree double *r_branch = g_new0 (double, n);
  g_autofree double *n_leaves = g_new0 (double, n);
  g_autofree guint8 *candidate = g_new0 (guint8, n);
  g_autofree guint8 *in_subtree = g_new (guint8, n);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));
  double total_weight = tree->weighted_n_node_samples[0];

  memset (in_subtree, 1, n);
  parent[0] = -1;
  for (gsize i = 0; i < n; i++)
    {
      is_leaf[i] = tree->children_left[i] == MP_TREE_LEAF;
      if (!is_leaf[i])
        parent[tree->children_left[i]] = parent[tree->children_right[i]] = (gssize) i;
      r_node[i] = (tree->weighted_n_node_samples[i] / total_weight) * tree->impurity[i];
    }
  for (gsize leaf = 0; leaf < n; leaf++)
    {
      double r = r_node[leaf];

      if (!is_leaf[leaf])
        continue;
      r_branch[leaf] = r;
      for (gsize node = leaf; node != 0;)
        {
          node = (gsize) parent[node];
          r_branch[node] += r;
          n_leaves[node] += 1;
        }
    }
  for (gsize i = 0; i < n; i++)
    candidate[i] = !is_leaf[i];

  while (candidate[0])
    {
      double alpha = DBL_MAX, n_pruned_leaves, r_diff;
      gsize pruned = 0;

      for (gsize i = 0; i < n; i++)
        {
          double subtree_alpha;

          if (!candidate[i])
            continue;
          subtree_alpha = (r_node[i] - r_branch[i]) / (n_leaves[i] - 1);
          if (subtree_alpha < alpha)
            {
              alpha = subtree_alpha;
              pruned = i;
            }
        }
      if (ccp_alpha < alpha)
        break;

      /* the branch's nodes leave the tree; the branch becomes a leaf */
      g_array_append_val (stack, pruned);
      while (stack->len > 0)
        {
          gsize node = g_array_index (stack, gsize, stack->len - 1);

          g_array_set_size (stack, stack->len - 1);
          if (!in_subtree[node])
            continue;
          candidate[node] = is_leaf[node] = in_subtree[node] = 0;
          if (tree->children_left[node] != MP_TREE_LEAF)
            {
              gsize left = (gsize) tree->children_left[node], right = (gsize) tree->children_right[node];

              g_array_append_val (stack, left);
              g_array_append_val (stack, right);
            }
        }
      is_leaf[pruned] = in_subtree[pruned] = 1;

      n_pruned_leaves = n_leaves[pruned] - 1;
      n_leaves[pruned] = 0;
      r_diff = r_node[pruned] - r_branch[pruned];
      r_branch[pruned] = r_node[pruned];
      for (gssize node = parent[pruned]; node >= 0; node = parent[node])
        {
          n_leaves[node] -= n_pruned_leaves;
          r_branch[node] += r_diff;
        }
    }
}

void
_mp_tree_prune (MpTreeGrown *tree,
                double       ccp_alpha)
{
  g_autofree guint8 *is_leaf = g_new (guint8, MAX (tree->n_nodes, 1));
  g_autofree gsize *renumber = g_new (gsize, MAX (tree->n_nodes, 1));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize n_kept = 0, root = 0;
  guint8 *kept;

  find_leaves_to_keep (tree, ccp_alpha, is_leaf);

  /* The kept nodes in preorder, left before right, as scikit-learn's
   * _build_pruned_tree numbers them; a tree grown depth first is already
   * in that order, one grown best first may not be. */
  kept = g_new0 (guint8, tree->n_nodes);
  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      gsize node = g_array_index (stack, gsize, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      renumber[node] = n_kept++;
      kept[node] = 1;
      if (!is_leaf[node])
        {
          gsize left = (gsize) tree->children_left[node], right = (gsize) tree->children_right[node];

          g_array_append_val (stack, right);
          g_array_append_val (stack, left);
        }
    }

  {
    MpTreeGrown pruned = { 0, };
    gsize v = tree->n_values;

    pruned.n_nodes = pruned.capacity = n_kept;
    pruned.n_values = v;
    pruned.children_left = g_new (gint32, MAX (n_kept, 1));
    pruned.children_right = g_new (gint32, MAX (n_kept, 1));
    pruned.feature = g_new (gint32, MAX (n_kept, 1));
    pruned.threshold = g_new (double, MAX (n_kept, 1));
    pruned.impurity = g_new (double, MAX (n_kept, 1));
    pruned.n_node_samples = g_new (gint64, MAX (n_kept, 1));
    pruned.weighted_n_node_samples = g_new (double, MAX (n_kept, 1));
    pruned.value = g_new (double, MAX (n_kept * v, 1));
    pruned.depth = 0;

    for (gsize node = 0; node < tree->n_nodes; node++)
      {
        gsize to = renumber[node];

        if (!kept[node])
          continue;
        if (is_leaf[node])
          {
            pruned.children_left[to] = pruned.children_right[to] = MP_TREE_LEAF;
            pruned.feature[to] = MP_TREE_UNDEFINED;
            pruned.threshold[to] = MP_TREE_UNDEFINED;
          }
        else
          {
            pruned.children_left[to] = (gint32) renumber[tree->children_left[node]];
            pruned.children_right[to] = (gint32) renumber[tree->children_right[node]];
            pruned.feature[to] = tree->feature[node];
            pruned.threshold[to] = tree->threshold[node];
          }
        pruned.impurity[to] = tree->impurity[node];
        pruned.n_node_samples[to] = tree->n_node_samples[node];
        pruned.weighted_n_node_samples[to] = tree->weighted_n_node_samples[node];
        memcpy (pruned.value + to * v, tree->value + node * v, v * sizeof (double));
      }

    /* depth: children come after their parents in the new numbering */
    {
      g_autofree guint *depth = g_new0 (guint, MAX (n_kept, 1));

      for (gsize node = 0; node < n_kept; node++)
        if (pruned.children_left[node] != MP_TREE_LEAF)
          {
            depth[pruned.children_left[node]] = depth[pruned.children_right[node]] = depth[node] + 1;
            pruned.depth = MAX (pruned.depth, depth[node] + 1);
          }
    }

    g_free (kept);
    _mp_tree_grown_clear (tree);
    *tree = pruned;
  }
}
