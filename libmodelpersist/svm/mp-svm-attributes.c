/* mp-svm-attributes.c: a libsvm model as scikit-learn's fitted
 * attributes, and back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-error.h"
#include "mp-svm-attributes-private.h"

static MpArray *
take (MpDType  dtype,
      gpointer data,
      guint    n_dims,
      gsize    dim0,
      gsize    dim1)
{
  const gsize shape[] = { dim0, dim1 };

  return mp_array_new_take (dtype, shape, n_dims, data);
}

static gboolean
from_model (MpSvmAttributes   *out,
            const MpSvmModel  *model,
            gsize              n_features,
            gboolean           probability,
            double             sign,
            GError           **error)
{
  gsize n_classes = (gsize) model->n_classes;
  gsize n_pairs = n_classes * (n_classes - 1) / 2;
  gsize n_sv = (gsize) model->l;
  gsize n_prob = probability ? n_pairs : 0;
  g_autofree gint32 *support = g_new (gint32, MAX (n_sv, 1));
  g_autofree double *vectors = g_new (double, MAX (n_sv * n_features, 1));
  g_autofree gint32 *n_support = g_new (gint32, n_classes);
  g_autofree double *dual_coef = g_new (double, MAX ((n_classes - 1) * n_sv, 1));
  g_autofree double *intercept = g_new (double, MAX (n_pairs, 1));
  g_autofree gint32 *n_iter = g_new (gint32, MAX (n_pairs, 1));
  g_autofree double *prob_a = g_new (double, MAX (n_prob, 1));
  g_autofree double *prob_b = g_new (double, MAX (n_prob, 1));
  gboolean finite = TRUE;

  for (gsize k = 0; k < n_sv; k++)
    {
      support[k] = model->sv_index[k];
      memcpy (vectors + k * n_features, model->sv[k], n_features * sizeof (double));
    }
  for (gsize c = 0; c < n_classes; c++)
    n_support[c] = model->n_sv[c];
  for (gsize k = 0; k < (n_classes - 1) * n_sv; k++)
    {
      dual_coef[k] = sign * model->sv_coef[k];
      finite = finite && isfinite (dual_coef[k]);
    }
  for (gsize p = 0; p < n_pairs; p++)
    {
      /* intercept = -rho, never -0.0 */
      double value = model->rho[p] != 0 ? -model->rho[p] : 0;
      intercept[p] = sign * value;
      finite = finite && isfinite (value);
      n_iter[p] = model->n_iter[p];
    }
  for (gsize p = 0; p < n_prob; p++)
    {
      prob_a[p] = model->prob_a[p];
      prob_b[p] = model->prob_b[p];
    }

  if (!finite)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "X: the dual coefficients or intercepts are not finite; "
                           "the input data may contain large values and need to be preprocessed");
      return FALSE;
    }

  out->support = take (MP_DTYPE_INT32, g_steal_pointer (&support), 1, n_sv, 0);
  out->support_vectors = take (MP_DTYPE_FLOAT64, g_steal_pointer (&vectors), 2, n_sv, n_features);
  out->n_support = take (MP_DTYPE_INT32, g_steal_pointer (&n_support), 1, n_classes, 0);
  out->dual_coef = take (MP_DTYPE_FLOAT64, g_steal_pointer (&dual_coef), 2, n_classes - 1, n_sv);
  out->intercept = take (MP_DTYPE_FLOAT64, g_steal_pointer (&intercept), 1, n_pairs, 0);
  out->prob_a = take (MP_DTYPE_FLOAT64, g_steal_pointer (&prob_a), 1, n_prob, 0);
  out->prob_b = take (MP_DTYPE_FLOAT64, g_steal_pointer (&prob_b), 1, n_prob, 0);
  out->n_iter = take (MP_DTYPE_INT32, g_steal_pointer (&n_iter), 1, n_pairs, 0);
  out->fit_status = model->timed_out ? 1 : 0;
  return TRUE;
}

gboolean
_mp_svm_attributes_fit (MpSvmAttributes     *out,
                        MpArray             *x,
                        const gint32        *labels,
                        gsize                n_classes,
                        const MpSvmParams   *params,
                        double               sign,
                        GError             **error)
{
  const double *data = mp_array_get_float64_data (x);
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  g_autofree const double **rows = g_new (const double *, MAX (n_samples, 1));
  g_autofree double *y = g_new (double, MAX (n_samples, 1));
  MpSvmProblem problem = { (int) n_samples, n_features, rows, y };
  MpSvmModel *model;
  MpSvmRng rng;
  gboolean ok;

  memset (out, 0, sizeof *out);
  for (gsize i = 0; i < n_samples; i++)
    {
      rows[i] = data + i * n_features;
      y[i] = labels[i];
    }

  model = _mp_svm_train (&problem, params, &rng);
  g_assert ((gsize) model->n_classes == n_classes);
  ok = from_model (out, model, n_features, params->probability, sign, error);
  _mp_svm_model_free (model);
  return ok;
}

void
_mp_svm_attributes_clear (MpSvmAttributes *attributes)
{
  g_clear_pointer (&attributes->support, mp_array_unref);
  g_clear_pointer (&attributes->support_vectors, mp_array_unref);
  g_clear_pointer (&attributes->n_support, mp_array_unref);
  g_clear_pointer (&attributes->dual_coef, mp_array_unref);
  g_clear_pointer (&attributes->intercept, mp_array_unref);
  g_clear_pointer (&attributes->prob_a, mp_array_unref);
  g_clear_pointer (&attributes->prob_b, mp_array_unref);
  g_clear_pointer (&attributes->n_iter, mp_array_unref);
}

gboolean
_mp_svm_predictor_init (MpSvmPredictor          *p,
                        const MpSvmAttributes   *a,
                        const MpSvmKernelParams *kernel,
                        double                   sign,
                        GError                 **error)
{
  gsize n_classes = mp_array_get_n_elements (a->n_support);
  gsize n_sv = mp_array_get_dim (a->support_vectors, 0);
  gsize n_features = mp_array_get_dim (a->support_vectors, 1);
  gsize n_pairs = n_classes * (n_classes - 1) / 2;
  const double *vectors = mp_array_get_float64_data (a->support_vectors);
  const double *dual_coef = mp_array_get_float64_data (a->dual_coef);
  const double *intercept = mp_array_get_float64_data (a->intercept);
  const gint32 *counts = mp_array_get_int32_data (a->n_support);
  gint64 total = 0;
  gsize c;

  memset (p, 0, sizeof *p);
  p->n_sv = g_new (int, MAX (n_classes, 1));
  for (c = 0; c < n_classes; c++)
    p->n_sv[c] = counts[c];
  for (c = 0; c < n_classes && p->n_sv[c] >= 0; c++)
    total += p->n_sv[c];
  if (c < n_classes || total != (gint64) n_sv)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "n_support_: changed since the model was checked: its entries no longer "
                   "count the %" G_GSIZE_FORMAT " support vectors", n_sv);
      g_clear_pointer (&p->n_sv, g_free);
      return FALSE;
    }

  p->rows = g_new (const double *, MAX (n_sv, 1));
  p->sv_coef = g_new (double, MAX ((n_classes - 1) * n_sv, 1));
  p->rho = g_new (double, MAX (n_pairs, 1));
  for (gsize k = 0; k < n_sv; k++)
    p->rows[k] = vectors + k * n_features;
  for (gsize k = 0; k < (n_classes - 1) * n_sv; k++)
    p->sv_coef[k] = sign * dual_coef[k];
  for (gsize q = 0; q < n_pairs; q++)
    p->rho[q] = -(sign * intercept[q]);

  p->model.n_classes = (int) n_classes;
  p->model.l = (int) n_sv;
  p->model.n_features = n_features;
  p->model.kernel = *kernel;
  p->model.n_sv = p->n_sv;
  p->model.sv = p->rows;
  p->model.sv_coef = p->sv_coef;
  p->model.rho = p->rho;
  if (mp_array_get_n_elements (a->prob_a) == n_pairs)
    {
      p->model.prob_a = (double *) mp_array_get_float64_data (a->prob_a);
      p->model.prob_b = (double *) mp_array_get_float64_data (a->prob_b);
    }
  p->model.owned = FALSE;
  return TRUE;
}

void
_mp_svm_predictor_clear (MpSvmPredictor *p)
{
  g_clear_pointer (&p->rows, g_free);
  g_clear_pointer (&p->sv_coef, g_free);
  g_clear_pointer (&p->rho, g_free);
  g_clear_pointer (&p->n_sv, g_free);
}

double *
_mp_svm_predictor_decisions (const MpSvmPredictor *p,
                             MpArray              *x,
                             gint32               *winners)
{
  gsize n_samples = mp_array_get_dim (x, 0);
  gsize n_features = mp_array_get_dim (x, 1);
  const double *data = mp_array_get_float64_data (x);
  gsize n_pairs = (gsize) p->model.n_classes * (gsize) (p->model.n_classes - 1) / 2;
  double *dec = g_new (double, MAX (n_samples * n_pairs, 1));
  g_autofree double *kvalue = g_new (double, MAX (p->model.l, 1));

  for (gsize i = 0; i < n_samples; i++)
    {
      int winner = _mp_svm_predict_values (&p->model, data + i * n_features, kvalue, dec + i * n_pairs);
      if (winners != NULL)
        winners[i] = winner;
    }
  return dec;
}

void
_mp_svm_ovr_from_ovo (const double *dec,
                      gsize         n_classes,
                      double       *out)
{
  g_autofree double *confidence = g_new0 (double, n_classes);
  gsize p = 0;

  for (gsize c = 0; c < n_classes; c++)
    out[c] = 0;

  for (gsize i = 0; i < n_classes; i++)
    for (gsize j = i + 1; j < n_classes; j++)
      {
        double value = -dec[p];   /* confidence of the second class */

        confidence[i] -= value;
        confidence[j] += value;
        if (dec[p] < 0)
          out[j] += 1;
        else
          out[i] += 1;
        p++;
      }

  for (gsize c = 0; c < n_classes; c++)
    out[c] += confidence[c] / (3 * (fabs (confidence[c]) + 1));
}
