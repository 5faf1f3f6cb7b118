/* mp-svm-solver.c: the SMO solver of the C-SVC dual problem
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mp-svm-solver-private.h"

/* The quadratic coefficient used when the kernel is not positive definite
 * along the chosen direction. */
#define TAU 1e-12

typedef enum {
  AT_LOWER,
  AT_UPPER,
  FREE,
} BoundState;

typedef struct
{
  MpSvmQMatrix *q;
  const double *diag;
  int           l;
  int           active_size;
  gint8        *y;
  double       *grad;       /* gradient of the objective */
  double       *grad_bar;   /* the part of the gradient due to variables at their upper bound */
  double       *alpha;
  double       *upper;
  double       *p;
  int          *active_set; /* original position of each current position */
  guint8       *state;
  double        eps;
  gboolean      unshrunk;
  gboolean      verbose;
} Smo;

static void
info (const Smo  *s,
      const char *text)
{
  if (s->verbose)
    {
      fputs (text, stdout);
      fflush (stdout);
    }
}

static inline void
update_state (Smo *s,
              int  i)
{
  if (s->alpha[i] >= s->upper[i])
    s->state[i] = AT_UPPER;
  else if (s->alpha[i] <= 0)
    s->state[i] = AT_LOWER;
  else
    s->state[i] = FREE;
}

#define SWAP(type, a, b) G_STMT_START { type _t = (a); (a) = (b); (b) = _t; } G_STMT_END

static void
swap_positions (Smo *s,
                int  i,
                int  j)
{
  _mp_svm_q_matrix_swap (s->q, i, j);
  SWAP (gint8, s->y[i], s->y[j]);
  SWAP (double, s->grad[i], s->grad[j]);
  SWAP (guint8, s->state[i], s->state[j]);
  SWAP (double, s->alpha[i], s->alpha[j]);
  SWAP (double, s->p[i], s->p[j]);
  SWAP (int, s->active_set[i], s->active_set[j]);
  SWAP (double, s->grad_bar[i], s->grad_bar[j]);
  SWAP (double, s->upper[i], s->upper[j]);
}

/* Recomputes the gradient of the shrunk variables from grad_bar and the
 * free variables. */
static void
reconstruct_gradient (Smo *s)
{
  int l = s->l, active = s->active_size;
  int n_free = 0;

  if (active == l)
    return;

  for (int j = active; j < l; j++)
    s->grad[j] = s->grad_bar[j] + s->p[j];

  for (int j = 0; j < active; j++)
    if (s->state[j] == FREE)
      n_free++;

  if (2 * n_free < active)
    info (s, "\nWarning: using -h 0 may be faster\n");

  /* Walk whichever side of the matrix needs fewer kernel columns. */
  if ((gint64) n_free * l > 2 * (gint64) active * (l - active))
    {
      for (int i = active; i < l; i++)
        {
          const gfloat *q_i = _mp_svm_q_matrix_get_column (s->q, i, active);
          for (int j = 0; j < active; j++)
            if (s->state[j] == FREE)
              s->grad[i] += s->alpha[j] * q_i[j];
        }
    }
  else
    {
      for (int i = 0; i < active; i++)
        if (s->state[i] == FREE)
          {
            const gfloat *q_i = _mp_svm_q_matrix_get_column (s->q, i, l);
            double alpha_i = s->alpha[i];
            for (int j = active; j < l; j++)
              s->grad[j] += alpha_i * q_i[j];
          }
    }
}

/* Second-order working set selection: i maximises -y_i grad_i over the
 * variables that may move up, j maximises the decrease of the objective
 * among those that may move down. Returns TRUE when the violation is
 * below eps (optimal). */
static gboolean
select_working_set (Smo *s,
                    int *out_i,
                    int *out_j)
{
  double gmax = -INFINITY, gmax2 = -INFINITY, obj_diff_min = INFINITY;
  int gmax_idx = -1, gmin_idx = -1;
  const gfloat *q_i = NULL;
  int active = s->active_size;

  for (int t = 0; t < active; t++)
    {
      if (s->y[t] == +1)
        {
          if (s->state[t] != AT_UPPER && -s->grad[t] >= gmax)
            {
              gmax = -s->grad[t];
              gmax_idx = t;
            }
        }
      else
        {
          if (s->state[t] != AT_LOWER && s->grad[t] >= gmax)
            {
              gmax = s->grad[t];
              gmax_idx = t;
            }
        }
    }

  if (gmax_idx != -1)
    q_i = _mp_svm_q_matrix_get_column (s->q, gmax_idx, active);

  for (int j = 0; j < active; j++)
    {
      double grad_diff, quad_coef, obj_diff;

      if (s->y[j] == +1)
        {
          if (s->state[j] == AT_LOWER)
            continue;
          grad_diff = gmax + s->grad[j];
          if (s->grad[j] >= gmax2)
            gmax2 = s->grad[j];
          if (grad_diff <= 0)
            continue;
          quad_coef = s->diag[gmax_idx] + s->diag[j] - 2.0 * s->y[gmax_idx] * q_i[j];
        }
      else
        {
          if (s->state[j] == AT_UPPER)
            continue;
          grad_diff = gmax - s->grad[j];
          if (-s->grad[j] >= gmax2)
            gmax2 = -s->grad[j];
          if (grad_diff <= 0)
            continue;
          quad_coef = s->diag[gmax_idx] + s->diag[j] + 2.0 * s->y[gmax_idx] * q_i[j];
        }

      if (quad_coef > 0)
        obj_diff = -(grad_diff * grad_diff) / quad_coef;
      else
        obj_diff = -(grad_diff * grad_diff) / TAU;

      if (obj_diff <= obj_diff_min)
        {
          gmin_idx = j;
          obj_diff_min = obj_diff;
        }
    }

  if (gmax + gmax2 < s->eps || gmin_idx == -1)
    return TRUE;

  *out_i = gmax_idx;
  *out_j = gmin_idx;
  return FALSE;
}

static inline gboolean
can_shrink (const Smo *s,
            int        i,
            double     gmax1,
            double     gmax2)
{
  if (s->state[i] == AT_UPPER)
    return s->y[i] == +1 ? -s->grad[i] > gmax1 : -s->grad[i] > gmax2;
  if (s->state[i] == AT_LOWER)
    return s->y[i] == +1 ? s->grad[i] > gmax2 : s->grad[i] > gmax1;
  return FALSE;
}

static void
do_shrinking (Smo *s)
{
  double gmax1 = -INFINITY;  /* max of -y_i grad_i over the variables that may move up */
  double gmax2 = -INFINITY;  /* max of y_i grad_i over those that may move down */

  for (int i = 0; i < s->active_size; i++)
    {
      if (s->y[i] == +1)
        {
          if (s->state[i] != AT_UPPER && -s->grad[i] >= gmax1)
            gmax1 = -s->grad[i];
          if (s->state[i] != AT_LOWER && s->grad[i] >= gmax2)
            gmax2 = s->grad[i];
        }
      else
        {
          if (s->state[i] != AT_UPPER && -s->grad[i] >= gmax2)
            gmax2 = -s->grad[i];
          if (s->state[i] != AT_LOWER && s->grad[i] >= gmax1)
            gmax1 = s->grad[i];
        }
    }

  /* Close to the end, bring every variable back once so that the final
   * iterations see the whole problem. */
  if (!s->unshrunk && gmax1 + gmax2 <= s->eps * 10)
    {
      s->unshrunk = TRUE;
      reconstruct_gradient (s);
      s->active_size = s->l;
      info (s, "*");
    }

  for (int i = 0; i < s->active_size; i++)
    {
      if (!can_shrink (s, i, gmax1, gmax2))
        continue;

      s->active_size--;
      while (s->active_size > i)
        {
          if (!can_shrink (s, s->active_size, gmax1, gmax2))
            {
              swap_positions (s, i, s->active_size);
              break;
            }
          s->active_size--;
        }
    }
}

static double
calculate_rho (const Smo *s)
{
  double ub = INFINITY, lb = -INFINITY, sum_free = 0;
  int n_free = 0;

  for (int i = 0; i < s->active_size; i++)
    {
      double yg = s->y[i] * s->grad[i];

      if (s->state[i] == AT_UPPER)
        {
          if (s->y[i] == -1)
            ub = MIN (ub, yg);
          else
            lb = MAX (lb, yg);
        }
      else if (s->state[i] == AT_LOWER)
        {
          if (s->y[i] == +1)
            ub = MIN (ub, yg);
          else
            lb = MAX (lb, yg);
        }
      else
        {
          n_free++;
          sum_free += yg;
        }
    }

  if (n_free > 0)
    return sum_free / n_free;
  return (ub + lb) / 2;
}

/* Solves the two-variable subproblem on (i, j), keeping both inside their
 * box and y'a constant. */
static void
update_pair (Smo          *s,
             int           i,
             int           j,
             const gfloat *q_i)
{
  double *alpha = s->alpha;
  double c_i = s->upper[i], c_j = s->upper[j];

  if (s->y[i] != s->y[j])
    {
      double quad_coef = s->diag[i] + s->diag[j] + 2 * q_i[j];
      double delta, diff;

      if (quad_coef <= 0)
        quad_coef = TAU;
      delta = (-s->grad[i] - s->grad[j]) / quad_coef;
      diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;

      if (diff > 0)
        {
          if (alpha[j] < 0)
            {
              alpha[j] = 0;
              alpha[i] = diff;
            }
        }
      else if (alpha[i] < 0)
        {
          alpha[i] = 0;
          alpha[j] = -diff;
        }

      if (diff > c_i - c_j)
        {
          if (alpha[i] > c_i)
            {
              alpha[i] = c_i;
              alpha[j] = c_i - diff;
            }
        }
      else if (alpha[j] > c_j)
        {
          alpha[j] = c_j;
          alpha[i] = c_j + diff;
        }
    }
  else
    {
      double quad_coef = s->diag[i] + s->diag[j] - 2 * q_i[j];
      double delta, sum;

      if (quad_coef <= 0)
        quad_coef = TAU;
      delta = (s->grad[i] - s->grad[j]) / quad_coef;
      sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;

      if (sum > c_i)
        {
          if (alpha[i] > c_i)
            {
              alpha[i] = c_i;
              alpha[j] = sum - c_i;
            }
        }
      else if (alpha[j] < 0)
        {
          alpha[j] = 0;
          alpha[i] = sum;
        }

      if (sum > c_j)
        {
          if (alpha[j] > c_j)
            {
              alpha[j] = c_j;
              alpha[i] = sum - c_j;
            }
        }
      else if (alpha[i] < 0)
        {
          alpha[i] = 0;
          alpha[j] = sum;
        }
    }
}

/* Adds or removes C * Q_i to grad_bar when variable i enters or leaves
 * its upper bound. */
static void
update_grad_bar (Smo     *s,
                 int      i,
                 gboolean was_upper)
{
  const gfloat *q_i;
  double c_i = s->upper[i];

  if (was_upper == (s->state[i] == AT_UPPER))
    return;

  q_i = _mp_svm_q_matrix_get_column (s->q, i, s->l);
  if (was_upper)
    for (int k = 0; k < s->l; k++)
      s->grad_bar[k] -= c_i * q_i[k];
  else
    for (int k = 0; k < s->l; k++)
      s->grad_bar[k] += c_i * q_i[k];
}

void
_mp_svm_solve (MpSvmQMatrix  *q,
               int            l,
               const double  *p,
               const gint8   *y,
               double        *alpha,
               const double  *upper,
               double         eps,
               gboolean       shrinking,
               int            max_iter,
               gboolean       verbose,
               MpSvmSolution *solution)
{
  Smo s = { 0, };
  int iter = 0;
  int counter;

  s.q = q;
  s.diag = _mp_svm_q_matrix_get_diagonal (q);
  s.l = l;
  s.active_size = l;
  s.eps = eps;
  s.verbose = verbose;
  s.y = g_memdup2 (y, MAX (l, 1));
  s.p = g_memdup2 (p, sizeof (double) * MAX (l, 1));
  s.alpha = g_memdup2 (alpha, sizeof (double) * MAX (l, 1));
  s.upper = g_memdup2 (upper, sizeof (double) * MAX (l, 1));
  s.state = g_new (guint8, MAX (l, 1));
  s.active_set = g_new (int, MAX (l, 1));
  s.grad = g_new (double, MAX (l, 1));
  s.grad_bar = g_new0 (double, MAX (l, 1));

  solution->timed_out = FALSE;

  for (int i = 0; i < l; i++)
    {
      update_state (&s, i);
      s.active_set[i] = i;
      s.grad[i] = s.p[i];
    }

  for (int i = 0; i < l; i++)
    {
      const gfloat *q_i;

      if (s.state[i] == AT_LOWER)
        continue;
      q_i = _mp_svm_q_matrix_get_column (q, i, l);
      for (int j = 0; j < l; j++)
        s.grad[j] += s.alpha[i] * q_i[j];
      if (s.state[i] == AT_UPPER)
        for (int j = 0; j < l; j++)
          s.grad_bar[j] += s.upper[i] * q_i[j];
    }

  counter = MIN (l, 1000) + 1;

  for (;;)
    {
      const gfloat *q_i, *q_j;
      double old_alpha_i, old_alpha_j, delta_i, delta_j;
      gboolean was_upper_i, was_upper_j;
      int i = -1, j = -1;

      if (max_iter != -1 && iter >= max_iter)
        {
          info (&s, "WARN: libsvm Solver reached max_iter");
          solution->timed_out = TRUE;
          break;
        }

      if (--counter == 0)
        {
          counter = MIN (l, 1000);
          if (shrinking)
            do_shrinking (&s);
          info (&s, ".");
        }

      if (select_working_set (&s, &i, &j))
        {
          /* Optimal on the active set: check again on the whole problem. */
          reconstruct_gradient (&s);
          s.active_size = l;
          info (&s, "*");
          if (select_working_set (&s, &i, &j))
            break;
          counter = 1;  /* shrink at the next iteration */
        }

      iter++;

      q_i = _mp_svm_q_matrix_get_column (q, i, s.active_size);
      q_j = _mp_svm_q_matrix_get_column (q, j, s.active_size);

      old_alpha_i = s.alpha[i];
      old_alpha_j = s.alpha[j];
      update_pair (&s, i, j, q_i);

      delta_i = s.alpha[i] - old_alpha_i;
      delta_j = s.alpha[j] - old_alpha_j;
      for (int k = 0; k < s.active_size; k++)
        s.grad[k] += q_i[k] * delta_i + q_j[k] * delta_j;

      was_upper_i = s.state[i] == AT_UPPER;
      was_upper_j = s.state[j] == AT_UPPER;
      update_state (&s, i);
      update_state (&s, j);
      update_grad_bar (&s, i, was_upper_i);
      update_grad_bar (&s, j, was_upper_j);
    }

  solution->rho = calculate_rho (&s);

  {
    double v = 0;
    for (int i = 0; i < l; i++)
      v += s.alpha[i] * (s.grad[i] + s.p[i]);
    solution->obj = v / 2;
  }

  for (int i = 0; i < l; i++)
    alpha[s.active_set[i]] = s.alpha[i];

  solution->n_iter = iter;

  if (verbose)
    {
      printf ("\noptimization finished, #iter = %d\n", iter);
      fflush (stdout);
    }

  g_free (s.y);
  g_free (s.p);
  g_free (s.alpha);
  g_free (s.upper);
  g_free (s.state);
  g_free (s.active_set);
  g_free (s.grad);
  g_free (s.grad_bar);
}
