/* mp-class-weight.c: scikit-learn's class_weight hyperparameter
 *
 * A dictionary is checked and looked up in O(n log n): a class_weight
 * naming hundreds of thousands of labels is parsed again each time it is
 * checked or printed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-class-weight-private.h"
#include "mp-error.h"
#include "mp-pyrepr-private.h"

typedef struct
{
  gboolean  balanced;
  GArray   *labels;   /* double, in the order of the text */
  GArray   *weights;  /* double */
  GArray   *sorted;   /* WeightKey, by label, then position */
} ClassWeight;

/* A label of the dictionary and its position in it. */
typedef struct
{
  double label;
  guint  position;
} WeightKey;

static void
class_weight_clear (ClassWeight *cw)
{
  g_clear_pointer (&cw->labels, g_array_unref);
  g_clear_pointer (&cw->weights, g_array_unref);
  g_clear_pointer (&cw->sorted, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClassWeight, class_weight_clear)

/* Labels are finite (the scanner refuses inf and nan), so this is a total
 * order; like ==, it holds -0.0 and 0.0 equal. */
static int
compare_weight_keys (gconstpointer a,
                     gconstpointer b)
{
  const WeightKey *x = a;
  const WeightKey *y = b;

  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  return (x->position > y->position) - (x->position < y->position);
}

/* Fills cw->sorted from cw->labels. Returns the position of the first
 * label equal to an earlier one, or G_MAXUINT: the label a scan comparing
 * each entry with all before it would report. */
static guint
sort_labels (ClassWeight *cw)
{
  guint n = cw->labels->len;
  guint first_repeat = G_MAXUINT;
  WeightKey *keys;

  cw->sorted = g_array_sized_new (FALSE, FALSE, sizeof (WeightKey), n);
  g_array_set_size (cw->sorted, n);
  keys = (WeightKey *) (void *) cw->sorted->data;
  for (guint k = 0; k < n; k++)
    {
      keys[k].label = g_array_index (cw->labels, double, k);
      keys[k].position = k;
    }
  g_array_sort (cw->sorted, compare_weight_keys);

  for (guint k = 1; k < n; k++)
    if (keys[k].label == keys[k - 1].label)
      first_repeat = MIN (first_repeat, keys[k].position);
  return first_repeat;
}

/* The weight of @label, found in cw->sorted with == semantics: -0.0
 * finds 0.0, NaN finds nothing. */
static gboolean
lookup_weight (const ClassWeight *cw,
               double             label,
               double            *weight)
{
  const WeightKey *keys = (const WeightKey *) (const void *) cw->sorted->data;
  guint lo = 0, hi = cw->sorted->len;

  /* the first key whose label is not below @label */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (keys[mid].label < label)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == cw->sorted->len || keys[lo].label != label)
    return FALSE;
  *weight = g_array_index (cw->weights, double, keys[lo].position);
  return TRUE;
}

/* Reads the entries of a dictionary into cw->labels and cw->weights,
 * stopping at the first syntax error or negative weight. */
static gboolean
scan_entries (const char   *text,
              ClassWeight  *cw,
              GError      **error)
{
  const char *p = _mp_pyrepr_skip_spaces (text);

  if (*p != '{')
    goto malformed;
  p = _mp_pyrepr_skip_spaces (p + 1);

  while (*p != '}')
    {
      double label, weight;
      gboolean integral;

      p = _mp_pyrepr_scan_number (p, &label, &integral);
      if (p == NULL)
        goto malformed;
      p = _mp_pyrepr_skip_spaces (p);
      if (*p != ':')
        goto malformed;
      p = _mp_pyrepr_scan_number (_mp_pyrepr_skip_spaces (p + 1), &weight, &integral);
      if (p == NULL)
        goto malformed;

      if (weight < 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "the weight of class %g is negative", label);
          return FALSE;
        }

      g_array_append_val (cw->labels, label);
      g_array_append_val (cw->weights, weight);

      p = _mp_pyrepr_skip_spaces (p);
      if (*p == ',')
        p = _mp_pyrepr_skip_spaces (p + 1);
      else if (*p != '}')
        goto malformed;
    }

  if (*_mp_pyrepr_skip_spaces (p + 1) != '\0')
    goto malformed;

  return TRUE;

malformed:
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "expected None, 'balanced' or a dictionary such as '{0: 1.0, 1: 2.5}', got '%s'",
               text);
  return FALSE;
}

static gboolean
parse (const char   *text,
       ClassWeight  *cw,
       GError      **error)
{
  g_autoptr(GError) scan_error = NULL;
  gboolean scanned;
  guint first_repeat;

  memset (cw, 0, sizeof *cw);

  if (text == NULL)
    return TRUE;
  if (strcmp (text, "balanced") == 0)
    {
      cw->balanced = TRUE;
      return TRUE;
    }

  cw->labels = g_array_new (FALSE, FALSE, sizeof (double));
  cw->weights = g_array_new (FALSE, FALSE, sizeof (double));

  /* Sorting finds repeated labels in O(n log n). A repeat among the
   * entries read comes before any error that stopped the scan later. */
  scanned = scan_entries (text, cw, &scan_error);
  first_repeat = sort_labels (cw);
  if (first_repeat != G_MAXUINT)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT, "class %g appears twice",
                   g_array_index (cw->labels, double, first_repeat));
      return FALSE;
    }
  if (!scanned)
    {
      g_propagate_error (error, g_steal_pointer (&scan_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
_mp_class_weight_check (const GValue  *value,
                        GError       **error)
{
  g_auto(ClassWeight) cw = { 0, };

  return parse (g_value_get_string (value), &cw, error);
}

char *
_mp_class_weight_format (const char *text)
{
  g_auto(ClassWeight) cw = { 0, };

  if (text == NULL || strcmp (text, "balanced") == 0 || !parse (text, &cw, NULL))
    return NULL;
  return g_strstrip (g_strdup (text));
}

gboolean
_mp_class_weight_compute (const char    *text,
                          MpArray       *classes,
                          const gint32  *indices,
                          gsize          n_samples,
                          double       **weights_out,
                          GError       **error)
{
  g_auto(ClassWeight) cw = { 0, };
  gsize n_classes = mp_array_get_n_elements (classes);
  g_autofree double *weights = g_new (double, n_classes);
  gsize n_weighted = 0, n_unweighted = 0;

  if (!parse (text, &cw, error))
    {
      g_prefix_error (error, "class_weight: ");
      return FALSE;
    }

  for (gsize k = 0; k < n_classes; k++)
    weights[k] = 1.0;

  if (cw.balanced)
    {
      g_autofree gsize *counts = g_new0 (gsize, n_classes);

      for (gsize i = 0; i < n_samples; i++)
        counts[indices[i]]++;
      for (gsize k = 0; k < n_classes; k++)
        weights[k] = (double) n_samples / ((double) n_classes * (double) counts[k]);
    }
  else if (cw.labels != NULL)
    {
      /* The dictionary's labels are numbers (the parser takes no others),
       * so text classes find no weight in it. */
      for (gsize k = 0; k < n_classes; k++)
        {
          if (mp_array_get_dtype (classes) != MP_DTYPE_STRING &&
              lookup_weight (&cw, mp_array_get_double (classes, k), &weights[k]))
            n_weighted++;
          else
            n_unweighted++;
        }

      if (n_unweighted > 0 && n_weighted != cw.labels->len)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "class_weight: names classes that are not in y, and %" G_GSIZE_FORMAT
                       " classes of y have no weight", n_unweighted);
          return FALSE;
        }
    }

  *weights_out = g_steal_pointer (&weights);
  return TRUE;
}
