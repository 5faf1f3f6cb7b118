/* mp-svm-model.c: multiclass C-SVC training and prediction on top of the
 * SMO solver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mp-svm-model-private.h"
#include "mp-svm-solver-private.h"

/* This file follows the conventions of scikit-learn 1.2's bundled libsvm
 * so that a fit here and a fit there give the same model:
 *  - classes are sorted by label; pair (i, j), i < j, trains class i as +1
 *    and class j as -1 on the samples of i followed by those of j, each in
 *    their original order;
 *  - support vectors are the samples with a non-zero coefficient in any
 *    pair, grouped by class; the coefficients of pair (i, j) sit in row
 *    j - 1 for class i's vectors and in row i for class j's;
 *  - Platt scaling fits each pair's sigmoid on decision values from an
 *    internal 5-fold cross-validation whose folds come from a seeded
 *    Mersenne Twister; every training (the nested ones too) reseeds it. */

#define MT_N 624
#define MT_M 397

void
_mp_svm_rng_seed (MpSvmRng *rng,
                  guint32   seed)
{
  rng->state[0] = seed;
  for (int i = 1; i < MT_N; i++)
    rng->state[i] = 1812433253u * (rng->state[i - 1] ^ (rng->state[i - 1] >> 30)) + (guint32) i;
  rng->index = MT_N;
}

guint32
_mp_svm_rng_next (MpSvmRng *rng)
{
  guint32 y;

  if (rng->index >= MT_N)
    {
      for (int k = 0; k < MT_N; k++)
        {
          guint32 bits = (rng->state[k] & 0x80000000u) | (rng->state[(k + 1) % MT_N] & 0x7fffffffu);
          rng->state[k] = rng->state[(k + MT_M) % MT_N] ^ (bits >> 1) ^ ((bits & 1u) ? 0x9908b0dfu : 0u);
        }
      rng->index = 0;
    }

  y = rng->state[rng->index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

int
_mp_svm_rng_bounded (MpSvmRng *rng,
                     int       range)
{
  guint32 r = (guint32) range;
  guint64 m = (guint64) _mp_svm_rng_next (rng) * r;
  guint32 low = (guint32) m;

  if (low < r)
    {
      guint32 threshold = -r;

      if (threshold >= r)
        {
          threshold -= r;
          if (threshold >= r)
            threshold %= r;
        }
      while (low < threshold)
        {
          m = (guint64) _mp_svm_rng_next (rng) * r;
          low = (guint32) m;
        }
    }

  return (int) (m >> 32);
}

int
_mp_svm_seed_from_random_state (guint32 random_state)
{
  MpSvmRng rng;
  guint32 value;

  /* numpy draws a bounded integer by masking to the next power of two
   * and rejecting values above the bound. */
  _mp_svm_rng_seed (&rng, random_state);
  do
    value = _mp_svm_rng_next (&rng) & 0x7fffffffu;
  while (value > 0x7ffffffeu);

  return (int) value;
}

static void
info (const MpSvmParams *params,
      const char        *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
info (const MpSvmParams *params,
      const char        *format,
      ...)
{
  va_list args;

  if (!params->verbose)
    return;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  fflush (stdout);
}

/* Sorts the distinct labels, counts them and lists the samples of each
 * class in order: perm[start[c] .. start[c] + count[c]) are class c's. */
static void
group_classes (const MpSvmProblem *problem,
               int                *n_classes_out,
               int               **label_out,
               int               **start_out,
               int               **count_out,
               int                *perm)
{
  int l = problem->l;
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree int *class_of = g_new (int, MAX (l, 1));
  int *start;
  int n_classes;

  for (int i = 0; i < l; i++)
    {
      int this_label = (int) problem->y[i];
      guint k;

      for (k = 0; k < labels->len; k++)
        if (g_array_index (labels, int, k) == this_label)
          {
            g_array_index (counts, int, k)++;
            break;
          }
      if (k == labels->len)
        {
          int one = 1;
          g_array_append_val (labels, this_label);
          g_array_append_val (counts, one);
        }
    }

  n_classes = (int) labels->len;

  /* insertion sort by label, counts alongside */
  for (int j = 1; j < n_classes; j++)
    {
      int lab = g_array_index (labels, int, j);
      int cnt = g_array_index (counts, int, j);
      int i = j - 1;

      while (i >= 0 && g_array_index (labels, int, i) > lab)
        {
          g_array_index (labels, int, i + 1) = g_array_index (labels, int, i);
          g_array_index (counts, int, i + 1) = g_array_index (counts, int, i);
          i--;
        }
      g_array_index (labels, int, i + 1) = lab;
      g_array_index (counts, int, i + 1) = cnt;
    }

  for (int i = 0; i < l; i++)
    {
      int this_label = (int) problem->y[i];
      int k = 0;

      while (g_array_index (labels, int, k) != this_label)
        k++;
      class_of[i] = k;
    }

  start = g_new (int, MAX (n_classes, 1));
  start[0] = 0;
  for (int k = 1; k < n_classes; k++)
    start[k] = start[k - 1] + g_array_index (counts, int, k - 1);
  for (int i = 0; i < l; i++)
    perm[start[class_of[i]]++] = i;
  start[0] = 0;
  for (int k = 1; k < n_classes; k++)
    start[k] = start[k - 1] + g_array_index (counts, int, k - 1);

  *n_classes_out = n_classes;
  *label_out = (int *) (gpointer) g_array_free (labels, FALSE);
  *count_out = (int *) (gpointer) g_array_free (counts, FALSE);
  *start_out = start;
}

/* Solves one two-class problem (labels > 0 are +1); returns the signed
 * coefficients y_i alpha_i in @alpha. */
static void
train_one (const MpSvmProblem *problem,
           const MpSvmParams  *params,
           double              cp,
           double              cn,
           double             *alpha,
           MpSvmSolution      *solution)
{
  int l = problem->l;
  g_autofree double *p = g_new (double, MAX (l, 1));
  g_autofree gint8 *y = g_new (gint8, MAX (l, 1));
  g_autofree double *upper = g_new (double, MAX (l, 1));
  MpSvmQMatrix *q;
  int n_sv = 0, n_bound = 0;

  for (int i = 0; i < l; i++)
    {
      alpha[i] = 0;
      p[i] = -1;
      if (problem->y[i] > 0)
        {
          y[i] = +1;
          upper[i] = cp;
        }
      else
        {
          y[i] = -1;
          upper[i] = cn;
        }
    }

  q = _mp_svm_q_matrix_new (&params->kernel, problem->x, l, problem->n_features, y, params->cache_mb);
  _mp_svm_solve (q, l, p, y, alpha, upper, params->eps, params->shrinking,
                 params->max_iter, params->verbose, solution);
  _mp_svm_q_matrix_free (q);

  for (int i = 0; i < l; i++)
    {
      if (fabs (alpha[i]) > 0)
        {
          n_sv++;
          if (fabs (alpha[i]) >= upper[i])
            n_bound++;
        }
      alpha[i] *= y[i];
    }

  info (params, "obj = %f, rho = %f\n", solution->obj, solution->rho);
  info (params, "nSV = %d, nBSV = %d\n", n_sv, n_bound);
}

/* Platt's sigmoid fit, with the improvements of Lin, Lin and Weng (2007):
 * regularised targets and a Newton method with backtracking. */
static void
sigmoid_train (int           l,
               const double *dec_values,
               const double *labels,
               const MpSvmParams *params,
               double       *a_out,
               double       *b_out)
{
  const int max_iter = 100;
  const double min_step = 1e-10;
  const double sigma = 1e-12;
  const double eps = 1e-5;
  double prior1 = 0, prior0 = 0;
  double hi_target, lo_target, a, b, fval = 0.0;
  g_autofree double *t = g_new (double, MAX (l, 1));
  int iter;

  for (int i = 0; i < l; i++)
    {
      if (labels[i] > 0)
        prior1 += 1;
      else
        prior0 += 1;
    }

  hi_target = (prior1 + 1.0) / (prior1 + 2.0);
  lo_target = 1 / (prior0 + 2.0);
  a = 0.0;
  b = log ((prior0 + 1.0) / (prior1 + 1.0));

  for (int i = 0; i < l; i++)
    {
      double f = dec_values[i] * a + b;

      t[i] = labels[i] > 0 ? hi_target : lo_target;
      if (f >= 0)
        fval += t[i] * f + log (1 + exp (-f));
      else
        fval += (t[i] - 1) * f + log (1 + exp (f));
    }

  for (iter = 0; iter < max_iter; iter++)
    {
      double h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0;
      double det, da, db, gd, step;

      for (int i = 0; i < l; i++)
        {
          double f = dec_values[i] * a + b;
          double p, q, d1, d2;

          if (f >= 0)
            {
              p = exp (-f) / (1.0 + exp (-f));
              q = 1.0 / (1.0 + exp (-f));
            }
          else
            {
              p = 1.0 / (1.0 + exp (f));
              q = exp (f) / (1.0 + exp (f));
            }
          d2 = p * q;
          h11 += dec_values[i] * dec_values[i] * d2;
          h22 += d2;
          h21 += dec_values[i] * d2;
          d1 = t[i] - p;
          g1 += dec_values[i] * d1;
          g2 += d1;
        }

      if (fabs (g1) < eps && fabs (g2) < eps)
        break;

      /* Newton direction -H^-1 g */
      det = h11 * h22 - h21 * h21;
      da = -(h22 * g1 - h21 * g2) / det;
      db = -(-h21 * g1 + h11 * g2) / det;
      gd = g1 * da + g2 * db;

      step = 1;
      while (step >= min_step)
        {
          double new_a = a + step * da;
          double new_b = b + step * db;
          double new_f = 0.0;

          for (int i = 0; i < l; i++)
            {
              double f = dec_values[i] * new_a + new_b;
              if (f >= 0)
                new_f += t[i] * f + log (1 + exp (-f));
              else
                new_f += (t[i] - 1) * f + log (1 + exp (f));
            }

          if (new_f < fval + 0.0001 * step * gd)
            {
              a = new_a;
              b = new_b;
              fval = new_f;
              break;
            }
          step = step / 2.0;
        }

      if (step < min_step)
        {
          info (params, "Line search fails in two-class probability estimates\n");
          break;
        }
    }

  if (iter >= max_iter)
    info (params, "Reaching maximal iterations in two-class probability estimates\n");

  *a_out = a;
  *b_out = b;
}

static double
sigmoid_predict (double decision_value,
                 double a,
                 double b)
{
  double f = decision_value * a + b;

  /* both forms avoid overflow; the caller also uses 1 - p */
  if (f >= 0)
    return exp (-f) / (1.0 + exp (-f));
  return 1.0 / (1 + exp (f));
}

/* Couples pairwise probabilities r[i][j] into class probabilities (method
 * 2 of Wu, Lin and Weng, JMLR 5, 2004). */
static void
multiclass_probability (int      k,
                        double **r,
                        double  *p)
{
  int max_iter = MAX (100, k);
  double eps = 0.005 / k;
  g_autofree double *q_storage = g_new (double, (gsize) k * k);
  g_autofree double **q = g_new (double *, k);
  g_autofree double *qp = g_new (double, k);
  int iter;

  for (int t = 0; t < k; t++)
    {
      q[t] = q_storage + (gsize) t * k;
      p[t] = 1.0 / k;
      q[t][t] = 0;
      for (int j = 0; j < t; j++)
        {
          q[t][t] += r[j][t] * r[j][t];
          q[t][j] = q[j][t];
        }
      for (int j = t + 1; j < k; j++)
        {
          q[t][t] += r[j][t] * r[j][t];
          q[t][j] = -r[j][t] * r[t][j];
        }
    }

  for (iter = 0; iter < max_iter; iter++)
    {
      double pqp = 0, max_error = 0;

      for (int t = 0; t < k; t++)
        {
          qp[t] = 0;
          for (int j = 0; j < k; j++)
            qp[t] += q[t][j] * p[j];
          pqp += p[t] * qp[t];
        }

      for (int t = 0; t < k; t++)
        {
          double error = fabs (qp[t] - pqp);
          if (error > max_error)
            max_error = error;
        }
      if (max_error < eps)
        break;

      for (int t = 0; t < k; t++)
        {
          double diff = (-qp[t] + pqp) / q[t][t];

          p[t] += diff;
          pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
          for (int j = 0; j < k; j++)
            {
              qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
              p[j] /= (1 + diff);
            }
        }
    }
}

/* Decision values of a two-class problem from a 5-fold cross-validation,
 * then Platt's sigmoid on them. */
static void
binary_probability (const MpSvmProblem *problem,
                    const MpSvmParams  *params,
                    double              cp,
                    double              cn,
                    MpSvmRng           *rng,
                    gboolean           *timed_out,
                    double             *prob_a,
                    double             *prob_b)
{
  const int n_folds = 5;
  int l = problem->l;
  g_autofree int *perm = g_new (int, MAX (l, 1));
  g_autofree double *dec_values = g_new (double, MAX (l, 1));
  g_autofree const double **sub_x = g_new (const double *, MAX (l, 1));
  g_autofree double *sub_y = g_new (double, MAX (l, 1));
  g_autofree double *kvalue = g_new (double, MAX (l, 1));
  const int weight_label[2] = { +1, -1 };
  const double weight[2] = { cp, cn };
  MpSvmParams sub_params = *params;

  sub_params.probability = FALSE;
  sub_params.c = 1.0;
  sub_params.n_weights = 2;
  sub_params.weight_label = weight_label;
  sub_params.weight = weight;

  for (int i = 0; i < l; i++)
    perm[i] = i;
  for (int i = 0; i < l; i++)
    {
      int j = i + _mp_svm_rng_bounded (rng, l - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }

  for (int fold = 0; fold < n_folds; fold++)
    {
      int begin = fold * l / n_folds;
      int end = (fold + 1) * l / n_folds;
      int k = 0, n_pos = 0, n_neg = 0;
      MpSvmProblem sub = { 0, };

      for (int j = 0; j < begin; j++, k++)
        {
          sub_x[k] = problem->x[perm[j]];
          sub_y[k] = problem->y[perm[j]];
        }
      for (int j = end; j < l; j++, k++)
        {
          sub_x[k] = problem->x[perm[j]];
          sub_y[k] = problem->y[perm[j]];
        }

      for (int j = 0; j < k; j++)
        {
          if (sub_y[j] > 0)
            n_pos++;
          else
            n_neg++;
        }

      if (n_pos == 0 || n_neg == 0)
        {
          double value = n_pos > 0 ? 1 : (n_neg > 0 ? -1 : 0);
          for (int j = begin; j < end; j++)
            dec_values[perm[j]] = value;
          continue;
        }

      sub.l = k;
      sub.n_features = problem->n_features;
      sub.x = sub_x;
      sub.y = sub_y;

      {
        MpSvmModel *model = _mp_svm_train (&sub, &sub_params, rng);

        *timed_out = *timed_out || model->timed_out;
        for (int j = begin; j < end; j++)
          {
            double value;

            _mp_svm_predict_values (model, problem->x[perm[j]], kvalue, &value);
            /* orient the value so that positive means the +1 class */
            dec_values[perm[j]] = value * model->label[0];
          }
        _mp_svm_model_free (model);
      }
    }

  sigmoid_train (l, dec_values, problem->y, params, prob_a, prob_b);
}

MpSvmModel *
_mp_svm_train (const MpSvmProblem *problem,
               const MpSvmParams  *params,
               MpSvmRng           *rng)
{
  int l = problem->l;
  int n_classes, n_pairs, total_sv = 0, p;
  g_autofree int *label = NULL;
  g_autofree int *start = NULL;
  g_autofree int *count = NULL;
  g_autofree int *perm = g_new (int, MAX (l, 1));
  g_autofree const double **x = g_new (const double *, MAX (l, 1));
  g_autofree double *weighted_c = NULL;
  g_autofree gboolean *nonzero = g_new0 (gboolean, MAX (l, 1));
  g_autofree double *alpha_storage = NULL;
  g_autofree int *nz_start = NULL;
  g_autofree const double **sub_x = g_new (const double *, MAX (l, 1));
  g_autofree double *sub_y = g_new (double, MAX (l, 1));
  MpSvmModel *model;

  if (params->seed >= 0)
    _mp_svm_rng_seed (rng, (guint32) params->seed);

  group_classes (problem, &n_classes, &label, &start, &count, perm);
  for (int i = 0; i < l; i++)
    x[i] = problem->x[perm[i]];

  weighted_c = g_new (double, MAX (n_classes, 1));
  for (int c = 0; c < n_classes; c++)
    weighted_c[c] = params->c;
  for (int w = 0; w < params->n_weights; w++)
    for (int c = 0; c < n_classes; c++)
      if (params->weight_label[w] == label[c])
        {
          weighted_c[c] *= params->weight[w];
          break;
        }

  n_pairs = n_classes * (n_classes - 1) / 2;
  model = g_new0 (MpSvmModel, 1);
  model->owned = TRUE;
  model->n_classes = n_classes;
  model->n_features = problem->n_features;
  model->kernel = params->kernel;
  model->rho = g_new (double, MAX (n_pairs, 1));
  model->n_iter = g_new0 (int, MAX (n_pairs, 1));
  if (params->probability)
    {
      model->prob_a = g_new (double, MAX (n_pairs, 1));
      model->prob_b = g_new (double, MAX (n_pairs, 1));
    }

  /* alpha of pair p for its ci + cj samples, back to back */
  alpha_storage = g_new (double, MAX ((gsize) l * (gsize) MAX (n_classes - 1, 1), 1));

  {
    gsize offset = 0;
    g_autofree gsize *alpha_offset = g_new (gsize, MAX (n_pairs, 1));

    p = 0;
    for (int i = 0; i < n_classes; i++)
      for (int j = i + 1; j < n_classes; j++)
        {
          int si = start[i], sj = start[j], ci = count[i], cj = count[j];
          MpSvmProblem sub = { ci + cj, problem->n_features, sub_x, sub_y };
          MpSvmSolution solution;
          double *alpha;

          for (int k = 0; k < ci; k++)
            {
              sub_x[k] = x[si + k];
              sub_y[k] = +1;
            }
          for (int k = 0; k < cj; k++)
            {
              sub_x[ci + k] = x[sj + k];
              sub_y[ci + k] = -1;
            }

          if (params->probability)
            binary_probability (&sub, params, weighted_c[i], weighted_c[j], rng,
                                &model->timed_out, &model->prob_a[p], &model->prob_b[p]);

          alpha_offset[p] = offset;
          alpha = alpha_storage + offset;
          offset += (gsize) (ci + cj);

          train_one (&sub, params, weighted_c[i], weighted_c[j], alpha, &solution);
          model->rho[p] = solution.rho;
          model->n_iter[p] = solution.n_iter;
          model->timed_out = model->timed_out || solution.timed_out;

          for (int k = 0; k < ci; k++)
            if (fabs (alpha[k]) > 0)
              nonzero[si + k] = TRUE;
          for (int k = 0; k < cj; k++)
            if (fabs (alpha[ci + k]) > 0)
              nonzero[sj + k] = TRUE;
          p++;
        }

    model->label = g_memdup2 (label, sizeof (int) * MAX (n_classes, 1));
    model->n_sv = g_new0 (int, MAX (n_classes, 1));
    for (int c = 0; c < n_classes; c++)
      for (int k = 0; k < count[c]; k++)
        if (nonzero[start[c] + k])
          {
            model->n_sv[c]++;
            total_sv++;
          }

    info (params, "Total nSV = %d\n", total_sv);

    model->l = total_sv;
    model->sv_index = g_new (int, MAX (total_sv, 1));
    model->sv = g_new (const double *, MAX (total_sv, 1));
    for (int i = 0, k = 0; i < l; i++)
      if (nonzero[i])
        {
          model->sv[k] = x[i];
          model->sv_index[k] = perm[i];
          k++;
        }

    nz_start = g_new (int, MAX (n_classes, 1));
    nz_start[0] = 0;
    for (int c = 1; c < n_classes; c++)
      nz_start[c] = nz_start[c - 1] + model->n_sv[c - 1];

    model->sv_coef = g_new0 (double, MAX ((gsize) MAX (n_classes - 1, 0) * (gsize) total_sv, 1));

    p = 0;
    for (int i = 0; i < n_classes; i++)
      for (int j = i + 1; j < n_classes; j++)
        {
          const double *alpha = alpha_storage + alpha_offset[p];
          int si = start[i], sj = start[j], ci = count[i], cj = count[j];
          double *row_i = model->sv_coef + (gsize) (j - 1) * total_sv;
          double *row_j = model->sv_coef + (gsize) i * total_sv;
          int q = nz_start[i];

          for (int k = 0; k < ci; k++)
            if (nonzero[si + k])
              row_i[q++] = alpha[k];
          q = nz_start[j];
          for (int k = 0; k < cj; k++)
            if (nonzero[sj + k])
              row_j[q++] = alpha[ci + k];
          p++;
        }
  }

  return model;
}

void
_mp_svm_train_regression (const MpSvmProblem *problem,
                          const MpSvmParams  *params,
                          double              epsilon,
                          double             *coef,
                          MpSvmSolution      *solution)
{
  int n = problem->l, l = 2 * n;
  g_autofree double *alpha = g_new0 (double, MAX (l, 1));
  g_autofree double *p = g_new (double, MAX (l, 1));
  g_autofree gint8 *y = g_new (gint8, MAX (l, 1));
  g_autofree double *upper = g_new (double, MAX (l, 1));
  MpSvmQMatrix *q;
  double sum_alpha = 0;
  int n_sv = 0, n_bound = 0;

  /* alpha_i (sign +1) pays epsilon - y_i, alpha*_i (sign -1) epsilon + y_i */
  for (int i = 0; i < n; i++)
    {
      p[i] = epsilon - problem->y[i];
      y[i] = +1;
      p[i + n] = epsilon + problem->y[i];
      y[i + n] = -1;
      upper[i] = upper[i + n] = params->c;
    }

  q = _mp_svm_q_matrix_new_regression (&params->kernel, problem->x, n, problem->n_features, params->cache_mb);
  _mp_svm_solve (q, l, p, y, alpha, upper, params->eps, params->shrinking,
                 params->max_iter, params->verbose, solution);
  _mp_svm_q_matrix_free (q);

  for (int i = 0; i < n; i++)
    {
      coef[i] = alpha[i] - alpha[i + n];
      sum_alpha += fabs (coef[i]);
      if (fabs (coef[i]) > 0)
        {
          n_sv++;
          if (fabs (coef[i]) >= params->c)
            n_bound++;
        }
    }

  info (params, "nu = %f\n", sum_alpha / (params->c * n));
  info (params, "obj = %f, rho = %f\n", solution->obj, solution->rho);
  info (params, "nSV = %d, nBSV = %d\n", n_sv, n_bound);
}

void
_mp_svm_model_free (MpSvmModel *model)
{
  if (model == NULL)
    return;

  g_assert (model->owned);
  g_free (model->label);
  g_free (model->n_sv);
  g_free (model->sv_index);
  g_free (model->sv);
  g_free (model->sv_coef);
  g_free (model->rho);
  g_free (model->prob_a);
  g_free (model->prob_b);
  g_free (model->n_iter);
  g_free (model);
}

int
_mp_svm_predict_values (const MpSvmModel *model,
                        const double     *x,
                        double           *kvalue,
                        double           *dec_values)
{
  int n_classes = model->n_classes;
  int l = model->l;
  g_autofree int *start = g_new (int, MAX (n_classes, 1));
  g_autofree int *vote = g_new0 (int, MAX (n_classes, 1));
  int best = 0, p = 0;

  for (int i = 0; i < l; i++)
    kvalue[i] = _mp_svm_kernel_eval (&model->kernel, x, model->sv[i], model->n_features);

  start[0] = 0;
  for (int c = 1; c < n_classes; c++)
    start[c] = start[c - 1] + model->n_sv[c - 1];

  for (int i = 0; i < n_classes; i++)
    for (int j = i + 1; j < n_classes; j++)
      {
        const double *coef1 = model->sv_coef + (gsize) (j - 1) * l;
        const double *coef2 = model->sv_coef + (gsize) i * l;
        double sum = 0;

        for (int k = 0; k < model->n_sv[i]; k++)
          sum += coef1[start[i] + k] * kvalue[start[i] + k];
        for (int k = 0; k < model->n_sv[j]; k++)
          sum += coef2[start[j] + k] * kvalue[start[j] + k];
        sum -= model->rho[p];
        dec_values[p] = sum;

        if (sum > 0)
          vote[i]++;
        else
          vote[j]++;
        p++;
      }

  for (int c = 1; c < n_classes; c++)
    if (vote[c] > vote[best])
      best = c;

  return best;
}

void
_mp_svm_probability_from_decisions (const MpSvmModel *model,
                                    const double     *dec_values,
                                    double           *prob)
{
  const double min_prob = 1e-7;
  int k = model->n_classes;
  g_autofree double *storage = g_new (double, (gsize) k * k);
  g_autofree double **pairwise = g_new (double *, k);
  int p = 0;

  for (int i = 0; i < k; i++)
    pairwise[i] = storage + (gsize) i * k;

  for (int i = 0; i < k; i++)
    for (int j = i + 1; j < k; j++)
      {
        double v = sigmoid_predict (dec_values[p], model->prob_a[p], model->prob_b[p]);

        pairwise[i][j] = MIN (MAX (v, min_prob), 1 - min_prob);
        pairwise[j][i] = 1 - pairwise[i][j];
        p++;
      }

  multiclass_probability (k, pairwise, prob);
}
