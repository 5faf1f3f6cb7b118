/* mp-svm-declarations.c: what SVC and SVR share besides the solver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mp-declarations-private.h"
#include "mp-numpy-private.h"
#include "mp-pyrepr-private.h"
#include "mp-svm-declarations-private.h"

const char * const _mp_svm_gamma_words[] = { "scale", "auto", NULL };

double
_mp_svm_resolve_gamma (const char   *text,
                       const double *x,
                       gsize         n_samples,
                       gsize         n_features)
{
  double value, var;
  gboolean integral;

  if (g_strcmp0 (text, "auto") == 0)
    return 1.0 / (double) n_features;
  if (g_strcmp0 (text, "scale") != 0 && _mp_pyrepr_parse_number (text, &value, &integral))
    return value;
  var = _mp_numpy_var (x, n_samples * n_features);
  return var != 0 ? 1.0 / ((double) n_features * var) : 1.0;
}

char *
_mp_svm_format_gamma (const char *text)
{
  double value;
  gboolean integral;
  GString *out;

  if (!_mp_pyrepr_parse_number (text, &value, &integral))
    return NULL;  /* 'scale', 'auto' or invalid text: a quoted string */
  if (integral)
    return g_strstrip (g_strdup (text));
  out = g_string_new (NULL);
  _mp_pyrepr_append_float (out, value);
  return g_string_free (out, FALSE);
}

char *
_mp_svm_format_cache_size (double cache_size)
{
  if (cache_size == floor (cache_size) && fabs (cache_size) < 1e15)
    return g_strdup_printf ("%.0f", cache_size);
  return NULL;
}

static int
compare_guint64 (const void *a,
                 const void *b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* n_samples comes from shape_fit_ and may be far larger than the file's
 * arrays, so nothing is sized by it: repeats are found by sorting (index,
 * position) pairs, one per support vector. The error is that of the first
 * bad entry. */
gboolean
_mp_svm_check_support_indices (const gint32  *support,
                               gsize          n_sv,
                               gint64         n_samples,
                               GError       **error)
{
  g_autofree guint64 *keys = NULL;
  gsize n_checked = 0, first_repeat = G_MAXSIZE;

  while (n_checked < n_sv && support[n_checked] >= 0 && support[n_checked] < n_samples)
    n_checked++;

  /* n_sv <= n_samples <= the estimators' sample limit: positions fit in 32 bits */
  keys = g_new (guint64, MAX (n_checked, 1));
  for (gsize k = 0; k < n_checked; k++)
    keys[k] = ((guint64) support[k] << 32) | k;
  qsort (keys, n_checked, sizeof (guint64), compare_guint64);
  for (gsize k = 1; k < n_checked; k++)
    if (keys[k] >> 32 == keys[k - 1] >> 32)
      first_repeat = MIN (first_repeat, (gsize) (keys[k] & G_MAXUINT32));

  if (first_repeat != G_MAXSIZE)
    return _mp_invalid_state (error, "support_: index %d appears twice", support[first_repeat]);
  if (n_checked < n_sv)
    return _mp_invalid_state (error, "support_: index %d at %" G_GSIZE_FORMAT " is outside [0, %"
                              G_GINT64_FORMAT ")", support[n_checked], n_checked, n_samples);
  return TRUE;
}

gboolean
_mp_svm_check_shape_fit (const gint64  *shape_fit,
                         gint64         max_samples,
                         gint64         n_features,
                         GError       **error)
{
  if (shape_fit[0] < 1 || shape_fit[0] > max_samples)
    return _mp_invalid_state (error, "shape_fit_: %" G_GINT64_FORMAT " training samples is out of range",
                              shape_fit[0]);
  if (shape_fit[1] != n_features)
    return _mp_invalid_state (error, "shape_fit_: %" G_GINT64_FORMAT " features disagrees with "
                              "n_features_in_ (%" G_GINT64_FORMAT ")", shape_fit[1], n_features);
  return TRUE;
}
