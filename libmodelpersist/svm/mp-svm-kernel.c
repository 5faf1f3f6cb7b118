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

/* Two layouts. A classification matrix has one variable per sample: its
 * rows, signs, diagonal and cached columns follow the solver's swaps. A
 * regression matrix has two variables per sample (alpha_i at i, alpha*_i
 * at i + n_samples): the rows and the cache stay in sample order and hold
 * kernel values without signs, @index maps a variable's current position
 * to its sample, and each column of Q is assembled from a cached kernel
 * column into one of two buffers, the solver holding two columns at once
 * (libsvm's SVR_Q). */
struct _MpSvmQMatrix
{
  MpSvmKernelParams  params;
  gsize              n_features;
  int                l;         /* variables */
  int                n_rows;    /* samples: l, or l / 2 for regression */
  const double     **rows;      /* permuted along with the solver (classification) */
  double            *square;    /* |x_i|^2 for the RBF kernel, per row */
  gint8             *y;         /* per variable */
  double            *diagonal;  /* per variable */
  MpSvmCache        *cache;
  int               *index;     /* regression: the sample of each variable */
  gfloat            *buffer[2]; /* regression: assembled columns */
  int                next_buffer;
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

static MpSvmQMatrix *
q_matrix_new (const MpSvmKernelParams *params,
              const double * const    *rows,
              int                      n_rows,
              int                      l,
              gsize                    n_features,
              double                   cache_mb)
{
  MpSvmQMatrix *q = g_new0 (MpSvmQMatrix, 1);

  q->params = *params;
  q->n_features = n_features;
  q->l = l;
  q->n_rows = n_rows;
  q->rows = g_memdup2 (rows, sizeof (double *) * MAX (n_rows, 1));
  q->cache = _mp_svm_cache_new (n_rows, (gint64) (cache_mb * (1 << 20)));

  if (params->type == MP_SVM_KERNEL_RBF_)
    {
      q->square = g_new (double, MAX (n_rows, 1));
      for (int i = 0; i < n_rows; i++)
        q->square[i] = dot (q->rows[i], q->rows[i], n_features);
    }

  q->diagonal = g_new (double, MAX (l, 1));
  for (int i = 0; i < n_rows; i++)
    q->diagonal[i] = kernel_from_dot (q, i, i, dot (q->rows[i], q->rows[i], n_features));

  return q;
}

MpSvmQMatrix *
_mp_svm_q_matrix_new (const MpSvmKernelParams *params,
                      const double * const    *rows,
                      int                      l,
                      gsize                    n_features,
                      const gint8             *y,
                      double                   cache_mb)
{
  MpSvmQMatrix *q = q_matrix_new (params, rows, l, l, n_features, cache_mb);

  q->y = g_memdup2 (y, MAX (l, 1));
  return q;
}

MpSvmQMatrix *
_mp_svm_q_matrix_new_regression (const MpSvmKernelParams *params,
                                 const double * const    *rows,
                                 int                      n_samples,
                                 gsize                    n_features,
                                 double                   cache_mb)
{
  int l = 2 * n_samples;
  MpSvmQMatrix *q = q_matrix_new (params, rows, n_samples, l, n_features, cache_mb);

  q->y = g_new (gint8, MAX (l, 1));
  q->index = g_new (int, MAX (l, 1));
  for (int k = 0; k < n_samples; k++)
    {
      q->y[k] = +1;
      q->y[k + n_samples] = -1;
      q->index[k] = k;
      q->index[k + n_samples] = k;
      q->diagonal[k + n_samples] = q->diagonal[k];
    }
  q->buffer[0] = g_new (gfloat, MAX (l, 1));
  q->buffer[1] = g_new (gfloat, MAX (l, 1));
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
  g_free (q->index);
  g_free (q->buffer[0]);
  g_free (q->buffer[1]);
  g_free (q);
}

/* Entries @from .. @len - 1 of the column of row @i: y[i] y[j] K(x_i, x_j)
 * with signs @y, or K(x_i, x_j) when @y is NULL. */
static void
fill_column (const MpSvmQMatrix *q,
             int                 i,
             const gint8        *y,
             gfloat             *data,
             int                 from,
             int                 len)
{
  const double *xi = q->rows[i];
  gsize n = q->n_features;
  int j = from;

  for (; j + 4 <= len; j += 4)
    {
      double d[4];

      dot4 (xi, q->rows[j], q->rows[j + 1], q->rows[j + 2], q->rows[j + 3], n, d);
      for (int k = 0; k < 4; k++)
        data[j + k] = y != NULL ? (gfloat) (y[i] * y[j + k] * kernel_from_dot (q, i, j + k, d[k]))
                                : (gfloat) kernel_from_dot (q, i, j + k, d[k]);
    }
  for (; j < len; j++)
    {
      double d = dot (xi, q->rows[j], n);

      data[j] = y != NULL ? (gfloat) (y[i] * y[j] * kernel_from_dot (q, i, j, d))
                          : (gfloat) kernel_from_dot (q, i, j, d);
    }
}

const gfloat *
_mp_svm_q_matrix_get_column (MpSvmQMatrix *q,
                             int           i,
                             int           len)
{
  int valid = 0;
  int sample;
  gfloat *data, *out;

  if (q->index == NULL)
    {
      data = _mp_svm_cache_get (q->cache, i, len, &valid);
      if (valid < len)
        fill_column (q, i, q->y, data, valid, len);
      return data;
    }

  /* regression: the whole kernel column of the sample, then the signs */
  sample = q->index[i];
  data = _mp_svm_cache_get (q->cache, sample, q->n_rows, &valid);
  if (valid < q->n_rows)
    fill_column (q, sample, NULL, data, valid, q->n_rows);

  out = q->buffer[q->next_buffer];
  q->next_buffer = 1 - q->next_buffer;
  for (int j = 0; j < len; j++)
    out[j] = (gfloat) (q->y[i] * q->y[j]) * data[q->index[j]];
  return out;
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

  s = q->y[i]; q->y[i] = q->y[j]; q->y[j] = s;
  d = q->diagonal[i]; q->diagonal[i] = q->diagonal[j]; q->diagonal[j] = d;

  if (q->index != NULL)
    {
      int k = q->index[i]; q->index[i] = q->index[j]; q->index[j] = k;
      return;
    }

  _mp_svm_cache_swap (q->cache, i, j);
  row = q->rows[i]; q->rows[i] = q->rows[j]; q->rows[j] = row;
  if (q->square != NULL)
    {
      d = q->square[i]; q->square[i] = q->square[j]; q->square[j] = d;
    }
}
