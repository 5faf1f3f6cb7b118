/* mp-tree-nodes-private.h: binary decision trees as flat node arrays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A node's children are -1 for a leaf; a leaf's feature and threshold are
 * -2, as in scikit-learn's Tree (TREE_LEAF and TREE_UNDEFINED), so that
 * the arrays convert as they are. */
#define MP_TREE_LEAF       (-1)
#define MP_TREE_UNDEFINED  (-2)

/* The deepest tree fit grows and the loader accepts: prediction walks one
 * node per level, so the depth bounds its cost per sample (a chain of a
 * million nodes in a hostile file would make every prediction a million
 * steps). Balanced trees of any practical size are far shallower; fit
 * stops splitting at this depth as it does at max_depth. */
#define MP_TREE_DEPTH_LIMIT 100000

/* One tree, read from its arrays: n_nodes nodes, numbered so that the root
 * is 0 and every child comes after its parent (as both builders number
 * them), each internal node sending a sample left when
 * (float) x[feature] <= threshold. value holds n_values numbers per node
 * (a classifier's weighted class counts, a regressor's mean). */
typedef struct {
  gsize          n_nodes;
  const gint32  *children_left;
  const gint32  *children_right;
  const gint32  *feature;
  const double  *threshold;
  const double  *value;
  gsize          n_values;
} MpTreeView;

/* What the values of a tree's leaves must be, beyond what the arrays'
 * declarations check (finite, and >= 0 for counts). */
typedef enum {
  MP_TREE_VALUES_ANY,      /* a regressor's predictions */
  MP_TREE_VALUES_COUNTS,   /* a classifier's weighted class counts, with a
                              positive sum at every leaf, which predict_proba
                              divides by */
} MpTreeValueKind;

/* Checks that the children arrays of @tree make one binary tree rooted at
 * node 0: children both set or both -1, each after its parent and inside
 * the array, every node but the root the child of exactly one node (so no
 * cycle, no shared subtree and no unreachable node), no deeper than
 * MP_TREE_DEPTH_LIMIT. Reads only n_nodes and the children; sets *@depth
 * to the depth (0 for a lone root). Errors are MP_ERROR_INVALID_STATE and
 * name the array, prefixed by @what (for a forest, "estimators_[3].";
 * or ""). */
gboolean  _mp_tree_check_topology    (const MpTreeView  *tree,
                                      const char        *what,
                                      guint             *depth,
                                      GError           **error);

/* Checks what the declarations of the arrays cannot state: the topology
 * above, with internal
 * nodes testing a feature below @n_features on a finite threshold and
 * leaves holding -2 in both, and leaf values of @value_kind. */
gboolean  _mp_tree_check             (const MpTreeView  *tree,
                                      gint64             n_features,
                                      MpTreeValueKind    value_kind,
                                      const char        *what,
                                      guint             *depth,
                                      GError           **error);

/* The leaf that @row (n_features doubles, compared as floats, as
 * scikit-learn's trees read X as float32) reaches in a checked tree. */
static inline gsize
_mp_tree_find_leaf (const MpTreeView *tree,
                    const double     *row)
{
  gsize node = 0;
  gint32 left;

  /* Both children are read and one is taken by a select, not a branch:
   * which side a sample goes is as good as random, so a branch would be
   * mispredicted half of the time. */
  while ((left = tree->children_left[node]) != MP_TREE_LEAF)
    {
      gint32 right = tree->children_right[node];
      float x = (float) row[tree->feature[node]];

      node = (gsize) ((double) x <= tree->threshold[node] ? left : right);
    }
  return node;
}

G_END_DECLS
