/* mp-svm-kernel.c: kernel functions and the kernel matrix of the SVM
 * solver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mp-svm-cache-private.h"
#include "mp-svm-kernel-private.h"

/* Every sum below runs strictly from the first feature to the last, one
 * term at a time. That is the order of the reference BLAS ddot that
 * scikit-learn's libsvm calls, so the kernel values agree to the last bit
 * and the solver takes the same path. */

static inline double
dot (const double *a,
     const double *b,
     gsize         n)
{
  double sum = 0.0;

  for (gsize k = 0; k < n; k++)
    sum += a[k] * b[k];
  return sum;
}

/* Four dot products against the same row at once: each sum keeps its own
 * sequential order, the loads of @a are shared. */
static inline void
dot4 (const double *a,
      const double *b0,
      const double *b1,
      const double *b2,
      const double *b3,
      gsize         n,
      double       *out)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;

  for (gsize k = 0; k < n; k++)
    {
      double v = a[k];
      s0 += v * b0[k];
      s1 += v * b1[k];
      s2 += v * b2[k];
      s3 += v * b3[k];
    }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/* base^times by repeated squaring, as libsvm's powi */
static inline double
power_int (double base,
           int    times)
{
  double tmp = base, ret = 1.0;

  for (int t = times; t > 0; t /= 2)
    {
      if (t % 2 == 1)
        ret *= tmp;
      tmp = tmp * tmp;
    }
  return ret;
}

double
_mp_svm_kernel_eval (const MpSvmKernelParams *params,
                     const double            *x,
                     const double            *z,
                     gsize                    n_features)
{
  switch (params->type)
    {
    case MP_SVM_KERNEL_LINEAR_:
      return dot (x, z, n_features);

    case MP_SVM_KERNEL_POLY_:
      return power_int (params->gamma * dot (x, z, n_features) + params->coef0, params->degree);

    case MP_SVM_KERNEL_RBF_:
      {
        double sum = 0.0;

        for (gsize k = 0; k < n_features; k++)
          {
            double d = x[k] - z[k];
            sum += d * d;
          }
        return exp (-params->gamma * sum);
      }

    case MP_SVM_KERNEL_SIGMOID_:
      return tanh (params->gamma * dot (x, z, n_features) + params->coef0);

    default:
      g_assert_not_reached ();
    }
}

struct _MpSvmQMatrix
{
  MpSvmKernelParams  params;
  gsize              n_features;
  int                l;
  const double     **rows;      /* permuted along with the solver */
  double            *square;    /* |x_i|^2 for the RBF kernel */
  gint8             *y;
  double            *diagonal;
  MpSvmCache        *cache;
};

/* The kernel from a precomputed dot product, in training form (the RBF
 * kernel from the squared norms). */
static inline double
kernel_from_dot (const MpSvmQMatrix *q,
                 int                 i,
                 int                 j,
                 double              d)
{
  switch (q->params.type)
    {
    case MP_SVM_KERNEL_LINEAR_:
      return d;
    case MP_SVM_KERNEL_POLY_:
      return power_int (q->params.gamma * d + q->params.coef0, q->params.degree);
    case MP_SVM_KERNEL_RBF_:
      return exp (-q->params.gamma * (q->square[i] + q->square[j] - 2 * d));
    case MP_SVM_KERNEL_SIGMOID_:
      return tanh (q->params.gamma * d + q->params.coef0);
    default:
      g_assert_not_reached ();
    }
}

MpSvmQMatrix *
_mp_svm_q_matrix_new (const MpSvmKernelParams *params,
                      const double * const    *rows,
                      int                      l,
                      gsize                    n_features,
                      const gint8             *y,
                      double                   cache_mb)
{
  MpSvmQMatrix *q = g_new0 (MpSvmQMatrix, 1);

  q->params = *params;
  q->n_features = n_features;
  q->l = l;
  q->rows = g_memdup2 (rows, sizeof (double *) * MAX (l, 1));
  q->y = g_memdup2 (y, MAX (l, 1));
  q->cache = _mp_svm_cache_new (l, (gint64) (cache_mb * (1 << 20)));

  if (params->type == MP_SVM_KERNEL_RBF_)
    {
      q->square = g_new (double, MAX (l, 1));
      for (int i = 0; i < l; i++)
        q->square[i] = dot (q->rows[i], q->rows[i], n_features);
    }

  q->diagonal = g_new (double, MAX (l, 1));
  for (int i = 0; i < l; i++)
    q->diagonal[i] = kernel_from_dot (q, i, i, dot (q->rows[i], q->rows[i], n_features));

  return q;
}

void
_mp_svm_q_matrix_free (MpSvmQMatrix *q)
{
  if (q == NULL)
    return;

  _mp_svm_cache_free (q->cache);
  g_free (q->rows);
  g_free (q->square);
  g_free (q->y);
  g_free (q->diagonal);
  g_free (q);
}

const gfloat *
_mp_svm_q_matrix_get_column (MpSvmQMatrix *q,
                             int           i,
                             int           len)
{
  int valid = 0;
  gfloat *data = _mp_svm_cache_get (q->cache, i, len, &valid);
  const double *xi = q->rows[i];
  gsize n = q->n_features;
  int j = valid;

  if (valid >= len)
    return data;

  for (; j + 4 <= len; j += 4)
    {
      double d[4];

      dot4 (xi, q->rows[j], q->rows[j + 1], q->rows[j + 2], q->rows[j + 3], n, d);
      for (int k = 0; k < 4; k++)
        data[j + k] = (gfloat) (q->y[i] * q->y[j + k] * kernel_from_dot (q, i, j + k, d[k]));
    }
  for (; j < len; j++)
    data[j] = (gfloat) (q->y[i] * q->y[j] * kernel_from_dot (q, i, j, dot (xi, q->rows[j], n)));

  return data;
}

const double *
_mp_svm_q_matrix_get_diagonal (MpSvmQMatrix *q)
{
  return q->diagonal;
}

void
_mp_svm_q_matrix_swap (MpSvmQMatrix *q,
                       int           i,
                       int           j)
{
  const double *row;
  double d;
  gint8 s;

  _mp_svm_cache_swap (q->cache, i, j);

  row = q->rows[i]; q->rows[i] = q->rows[j]; q->rows[j] = row;
  s = q->y[i]; q->y[i] = q->y[j]; q->y[j] = s;
  d = q->diagonal[i]; q->diagonal[i] = q->diagonal[j]; q->diagonal[j] = d;
  if (q->square != NULL)
    {
      d = q->square[i]; q->square[i] = q->square[j]; q->square[j] = d;
    }
}
