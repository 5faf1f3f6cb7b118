/* mp-brute-search.c: exhaustive k-nearest-neighbour search that
 * reproduces scikit-learn's brute-force results, ties included
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mp-brute-search-private.h"
#include "mp-error.h"

/* Which neighbours win a tie, and in what order equal distances come out,
 * depends on every detail of how the search runs. To return the very
 * neighbours scikit-learn 1.2's brute force returns (its ArgKmin pairwise
 * distances reduction), this search follows the same plan:
 *
 * - queries and training samples are cut into blocks of 256 rows;
 * - the Euclidean ranking value is the squared distance expanded as
 *   (|x|² + (-2 x·y)) + |y|², with |x|² from BLAS ddot and -2 x·y from
 *   BLAS dgemm called with the same shapes, so that rounding, and hence
 *   the order of nearly equal distances, is the same; the Manhattan value
 *   is the plain sum of |x_f - y_f| in feature order;
 * - each query keeps its k best candidates in a bounded max-heap that
 *   refuses a value equal to its current maximum, fed in training order;
 * - when there are many more training samples than queries, the training
 *   blocks are split into contiguous partitions (one per thread, as an
 *   OpenMP static schedule would), each partition fills its own heaps and
 *   the partitions' heaps are then pushed into the final heap in order;
 * - the k kept candidates are finally ordered by a quicksort with a
 *   median-of-three pivot, which is not stable: equal distances come out
 *   in the order that sort leaves them.
 *
 * Because the partitions follow the thread count, scikit-learn and this
 * search agree on ties when both use the same number of threads; see
 * _mp_brute_search_get_n_threads().
 */

#define CHUNK_SIZE  256
#define MAX_WORKERS 64
#define MAX_THREADS 1024

/* How much memory heaps of blocks other than the one being finished may
 * take: beyond it, fewer blocks (and so fewer threads) run at once. */
#define HEAP_BUDGET (((gsize) 64) << 20)

typedef struct
{
  const gdouble *x;
  const gdouble *y;
  gsize          n_x;
  gsize          n_y;
  gsize          d;
  gsize          k;
  MpBruteMetric  metric;
  gdouble       *x_norms;

  gsize          x_chunk;
  gsize          x_n_chunks;
  gsize          y_chunk;
  gsize          y_n_chunks;

  /* The heaps being filled, one row of k per query: in parallel over
   * queries, those of the blocks of the current wave, one block after the
   * other; in parallel over training samples, those of the current block
   * of queries (or of one query, see _mp_brute_search_blocks()). */
  gdouble       *heap_values;
  gint64        *heap_indices;

  /* The first task (block of queries, or partition) of the current wave. */
  gsize          wave_first;

  /* When running in parallel over the training samples: the heaps of each
   * partition of the current wave for the current block of queries. */
  guint          n_parts;
  gdouble       *part_values;
  gint64        *part_indices;
  gsize          x_start;
  gsize          x_end;
} Search;

typedef struct
{
  gdouble *middle;
  gdouble *y_norms;
} Scratch;

typedef void (*TaskFunc) (Search  *search,
                          Scratch *scratch,
                          gsize    task);

typedef struct
{
  Search   *search;
  Scratch  *scratch;
  TaskFunc  func;
  gsize     first;
  gsize     n_tasks;
  gsize     stride;
} Worker;

/* The processors a CPU bandwidth limit (a container's --cpus) allows, as
 * scikit-learn counts them: quota / period rounded up, or 0 for no limit. */
static guint
read_cgroup_cpu_limit (void)
{
  g_autofree char *text = NULL;
  g_autofree char *quota_text = NULL;
  g_autofree char *period_text = NULL;
  gint64 quota = -1, period = 0;

  if (g_file_get_contents ("/sys/fs/cgroup/cpu.max", &text, NULL, NULL))
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (text), " \t", 2);

      if (g_strv_length (fields) == 2 && strcmp (fields[0], "max") != 0)
        {
          quota = g_ascii_strtoll (fields[0], NULL, 10);
          period = g_ascii_strtoll (fields[1], NULL, 10);
        }
    }
  else if (g_file_get_contents ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", &quota_text, NULL, NULL) &&
           g_file_get_contents ("/sys/fs/cgroup/cpu/cpu.cfs_period_us", &period_text, NULL, NULL))
    {
      quota = g_ascii_strtoll (quota_text, NULL, 10);
      period = g_ascii_strtoll (period_text, NULL, 10);
    }

  if (quota <= 0 || period <= 0)
    return 0;

  return (guint) MIN ((quota + period - 1) / period, MAX_THREADS);
}

guint
_mp_brute_search_get_n_threads (void)
{
  static gsize cgroup_limit = 0;
  const char *env = g_getenv ("OMP_NUM_THREADS");
  guint n;

  if (env != NULL)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (env, &end, 10);

      /* OpenMP allows a list ("4,2") for nested levels: the first counts. */
      if (end != env && (*end == '\0' || *end == ',') && value > 0)
        return (guint) MIN (value, MAX_THREADS);
    }

  if (g_once_init_enter (&cgroup_limit))
    g_once_init_leave (&cgroup_limit, (gsize) read_cgroup_cpu_limit () + 1);

  n = MAX (g_get_num_processors (), 1);
  if (cgroup_limit > 1)
    n = MIN (n, (guint) (cgroup_limit - 1));
  return n;
}

/* Offers a candidate to a bounded max-heap of @size entries whose root is
 * the largest kept value. A value not below the root is refused, so among
 * equal values the one offered first stays. */
static inline void
heap_push (gdouble *values,
           gint64  *indices,
           gsize    size,
           gdouble  value,
           gint64   index)
{
  gsize current = 0;

  if (value >= values[0])
    return;

  for (;;)
    {
      gsize left = 2 * current + 1;
      gsize right = left + 1;
      gsize next;

      if (left >= size)
        break;

      if (right >= size)
        {
          if (values[left] > value)
            next = left;
          else
            break;
        }
      else if (values[left] >= values[right])
        {
          if (value < values[left])
            next = left;
          else
            break;
        }
      else
        {
          if (value < values[right])
            next = right;
          else
            break;
        }

      values[current] = values[next];
      indices[current] = indices[next];
      current = next;
    }

  values[current] = value;
  indices[current] = index;
}

static inline void
swap_pair (gdouble *values,
           gint64  *indices,
           gsize    a,
           gsize    b)
{
  gdouble v = values[a];
  gint64 i = indices[a];

  values[a] = values[b];
  indices[a] = indices[b];
  values[b] = v;
  indices[b] = i;
}

/* Sorts @values ascending and permutes @indices alongside. Quicksort with
 * the median of the first, middle and last values as pivot; the two sides
 * of a pivot are independent, so sorting the smaller one by recursion and
 * the larger one in the loop keeps the stack shallow without changing the
 * result. */
static void
sort_neighbours (gdouble *values,
                 gint64  *indices,
                 gsize    size)
{
  while (size > 3)
    {
      gsize middle = size / 2;
      gsize last = size - 1;
      gsize store = 0;
      gsize left_size, right_size;
      gdouble pivot;

      if (values[0] > values[last])
        swap_pair (values, indices, 0, last);
      if (values[last] > values[middle])
        {
          swap_pair (values, indices, last, middle);
          if (values[0] > values[last])
            swap_pair (values, indices, 0, last);
        }
      pivot = values[last];

      for (gsize i = 0; i < last; i++)
        {
          if (values[i] < pivot)
            {
              swap_pair (values, indices, i, store);
              store++;
            }
        }
      swap_pair (values, indices, store, last);

      left_size = store;
      right_size = size - store - 1;
      if (left_size < right_size)
        {
          sort_neighbours (values, indices, left_size);
          values += store + 1;
          indices += store + 1;
          size = right_size;
        }
      else
        {
          sort_neighbours (values + store + 1, indices + store + 1, right_size);
          size = left_size;
        }
    }

  if (size == 2)
    {
      if (values[0] > values[1])
        swap_pair (values, indices, 0, 1);
    }
  else if (size == 3)
    {
      if (values[0] > values[1])
        swap_pair (values, indices, 0, 1);
      if (values[1] > values[2])
        {
          swap_pair (values, indices, 1, 2);
          if (values[0] > values[1])
            swap_pair (values, indices, 0, 1);
        }
    }
}

/* Ranks the training rows [y_start, y_end) for the queries
 * [x_start, x_end), offering each to the heaps that start at
 * @heap_values/@heap_indices (the heap of query x_start). */
static void
reduce_block (const Search *s,
              Scratch      *scratch,
              gsize         x_start,
              gsize         x_end,
              gsize         y_start,
              gsize         y_end,
              gdouble      *heap_values,
              gint64       *heap_indices)
{
  gsize m = x_end - x_start;
  gsize n = y_end - y_start;
  gsize d = s->d;
  gsize k = s->k;
  const gdouble *xb = s->x + x_start * d;
  const gdouble *yb = s->y + y_start * d;

  if (s->metric == MP_BRUTE_METRIC_EUCLIDEAN)
    {
      for (gsize j = 0; j < n; j++)
        scratch->y_norms[j] = cblas_ddot ((int) d, yb + j * d, 1, yb + j * d, 1);

      /* middle = -2 X_block Y_block^T, m x n, row-major */
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans,
                   (int) m, (int) n, (int) d,
                   -2.0, xb, (int) d, yb, (int) d,
                   0.0, scratch->middle, (int) n);

      for (gsize i = 0; i < m; i++)
        {
          gdouble x_norm = s->x_norms[x_start + i];
          const gdouble *row = scratch->middle + i * n;
          gdouble *hv = heap_values + i * k;
          gint64 *hi = heap_indices + i * k;

          for (gsize j = 0; j < n; j++)
            heap_push (hv, hi, k, (x_norm + row[j]) + scratch->y_norms[j],
                       (gint64) (y_start + j));
        }
    }
  else
    {
      gdouble *sums = scratch->middle;

      for (gsize i = 0; i < m; i++)
        {
          const gdouble *xi = xb + i * d;
          gdouble *hv = heap_values + i * k;
          gint64 *hi = heap_indices + i * k;

          /* Each sum still runs over the features in order; running the
           * training rows side by side only lets their sums overlap. */
          for (gsize j = 0; j < n; j++)
            sums[j] = 0.0;
          for (gsize f = 0; f < d; f++)
            {
              gdouble xf = xi[f];

              for (gsize j = 0; j < n; j++)
                sums[j] += fabs (xf - yb[j * d + f]);
            }

          for (gsize j = 0; j < n; j++)
            heap_push (hv, hi, k, sums[j], (gint64) (y_start + j));
        }
    }
}

static inline gsize
chunk_end (gsize chunk,
           gsize chunk_size,
           gsize n)
{
  return MIN ((chunk + 1) * chunk_size, n);
}

static void
fill_heaps (gdouble *values,
            gint64  *indices,
            gsize    n,
            gint64   index)
{
  for (gsize e = 0; e < n; e++)
    {
      values[e] = DBL_MAX;
      indices[e] = index;
    }
}

/* Parallel over queries: one task per block of queries of the wave, which
 * runs over every training block in order and fills the block's final
 * heaps directly. */
static void
run_query_block (Search  *s,
                 Scratch *scratch,
                 gsize    task)
{
  gsize chunk = s->wave_first + task;
  gsize x_start = chunk * s->x_chunk;
  gsize x_end = chunk_end (chunk, s->x_chunk, s->n_x);
  gdouble *hv = s->heap_values + task * s->x_chunk * s->k;
  gint64 *hi = s->heap_indices + task * s->x_chunk * s->k;

  fill_heaps (hv, hi, (x_end - x_start) * s->k, 0);

  for (gsize yc = 0; yc < s->y_n_chunks; yc++)
    reduce_block (s, scratch, x_start, x_end,
                  yc * s->y_chunk, chunk_end (yc, s->y_chunk, s->n_y), hv, hi);

  for (gsize i = 0; i < x_end - x_start; i++)
    sort_neighbours (hv + i * s->k, hi + i * s->k, s->k);
}

/* Parallel over training samples: one task per partition of the wave, a
 * contiguous run of training blocks split as an OpenMP static schedule
 * splits them (the first y_n_chunks % n_parts partitions take one block
 * more). */
static void
run_partition (Search  *s,
               Scratch *scratch,
               gsize    task)
{
  gsize part = s->wave_first + task;
  gsize q = s->y_n_chunks / s->n_parts;
  gsize r = s->y_n_chunks % s->n_parts;
  gsize first = part * q + MIN (part, r);
  gsize count = q + (part < r ? 1 : 0);
  gsize n_entries = (s->x_end - s->x_start) * s->k;
  gdouble *hv = s->part_values + task * s->x_chunk * s->k;
  gint64 *hi = s->part_indices + task * s->x_chunk * s->k;

  fill_heaps (hv, hi, n_entries, -1);

  for (gsize yc = first; yc < first + count; yc++)
    reduce_block (s, scratch, s->x_start, s->x_end,
                  yc * s->y_chunk, chunk_end (yc, s->y_chunk, s->n_y), hv, hi);
}

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;

  for (gsize t = w->first; t < w->n_tasks; t += w->stride)
    w->func (w->search, w->scratch, t);

  return NULL;
}

/* Runs tasks 0 .. n_tasks-1 on up to @n_workers threads (the calling one
 * included). Which thread runs a task never changes its result. */
static void
run_tasks (Search   *s,
           Scratch  *scratches,
           guint     n_workers,
           TaskFunc  func,
           gsize     n_tasks)
{
  Worker workers[MAX_WORKERS];
  GThread *threads[MAX_WORKERS] = { NULL, };

  n_workers = (guint) MIN ((gsize) n_workers, n_tasks);
  n_workers = MAX (n_workers, 1);

  for (guint w = 0; w < n_workers; w++)
    {
      workers[w].search = s;
      workers[w].scratch = &scratches[w];
      workers[w].func = func;
      workers[w].first = w;
      workers[w].n_tasks = n_tasks;
      workers[w].stride = n_workers;
    }

  for (guint w = 1; w < n_workers; w++)
    threads[w] = g_thread_try_new ("mp-kneighbors", worker_run, &workers[w], NULL);

  worker_run (&workers[0]);

  for (guint w = 1; w < n_workers; w++)
    {
      if (threads[w] != NULL)
        g_thread_join (threads[w]);
      else
        worker_run (&workers[w]);
    }
}

/* Merges the partitions' heaps of the current wave for query @i of the
 * current block into @hv/@hi, partition by partition, each in its heap
 * order. Entries never filled carry the index -1 and the largest value,
 * which the final heap refuses anyway; skipping them keeps NaN rankings
 * from letting an invalid index through. */
static void
merge_partitions (const Search *s,
                  gsize         i,
                  gsize         n_tasks,
                  gdouble      *hv,
                  gint64       *hi)
{
  for (gsize t = 0; t < n_tasks; t++)
    {
      const gdouble *pv = s->part_values + (t * s->x_chunk + i) * s->k;
      const gint64 *pi = s->part_indices + (t * s->x_chunk + i) * s->k;

      for (gsize e = 0; e < s->k; e++)
        if (pi[e] >= 0)
          heap_push (hv, hi, s->k, pv[e], pi[e]);
    }
}

static void
finish_distances (const Search *s,
                  gboolean      exact_distances,
                  gdouble      *distances,
                  gsize         n)
{
  if (!exact_distances)
    return;

  for (gsize e = 0; e < n; e++)
    {
      gdouble r = distances[e] > 0.0 ? distances[e] : 0.0;
      distances[e] = s->metric == MP_BRUTE_METRIC_EUCLIDEAN ? sqrt (r) : r;
    }
}

/* How many heaps of @block_bytes each may be filled at once, at most
 * @n_workers: as many as fit HEAP_BUDGET, and never fewer than two (or
 * one if there is only one worker). */
static guint
blocks_in_flight (gsize block_bytes,
                  guint n_workers)
{
  gsize n = block_bytes > HEAP_BUDGET / 2 ? 2 : HEAP_BUDGET / block_bytes;

  return (guint) CLAMP (n, 1, (gsize) n_workers);
}

gboolean
_mp_brute_search_blocks (const gdouble     *x,
                         gsize              n_queries,
                         const gdouble     *fit_x,
                         gsize              n_samples,
                         gsize              n_features,
                         gsize              k,
                         MpBruteMetric      metric,
                         gboolean           exact_distances,
                         MpBruteBlockFunc   func,
                         gpointer           user_data,
                         GError           **error)
{
  Search s = { 0, };
  g_autofree Scratch *scratches = NULL;
  g_autofree gdouble *scratch_memory = NULL;
  g_autofree gdouble *x_norms = NULL;
  g_autofree gdouble *heap_values = NULL;
  g_autofree gint64 *heap_indices = NULL;
  g_autofree gdouble *part_values = NULL;
  g_autofree gint64 *part_indices = NULL;
  guint n_threads = _mp_brute_search_get_n_threads ();
  gboolean parallel_on_y;
  guint n_workers;
  gsize per_worker, block_entries, block_bytes;

  g_return_val_if_fail (k >= 1 && k <= n_samples, FALSE);
  g_return_val_if_fail (n_features >= 1 && n_features <= G_MAXINT, FALSE);

  if (n_queries == 0)
    return TRUE;

  s.x = x;
  s.y = fit_x;
  s.n_x = n_queries;
  s.n_y = n_samples;
  s.d = n_features;
  s.k = k;
  s.metric = metric;

  s.x_chunk = MIN (n_queries, CHUNK_SIZE);
  s.x_n_chunks = (n_queries + s.x_chunk - 1) / s.x_chunk;
  s.y_chunk = MIN (n_samples, CHUNK_SIZE);
  s.y_n_chunks = (n_samples + s.y_chunk - 1) / s.y_chunk;

  /* The heaps of one block of queries: what the search needs at the very
   * least, whatever the number of queries. */
  if (!g_size_checked_mul (&block_entries, s.x_chunk, k) ||
      !g_size_checked_mul (&block_bytes, block_entries, sizeof (gdouble) + sizeof (gint64)))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_neighbors: %" G_GSIZE_FORMAT " neighbours for each of %" G_GSIZE_FORMAT
                   " queries at once is too many", k, s.x_chunk);
      return FALSE;
    }

  /* scikit-learn's choice: parallelise over queries unless there are more
   * training samples than queries and too few queries to keep every
   * thread busy. */
  parallel_on_y = !(n_samples < n_queries ||
                    (gsize) 4 * CHUNK_SIZE * n_threads < n_queries);

  if (metric == MP_BRUTE_METRIC_EUCLIDEAN)
    {
      x_norms = g_new (gdouble, n_queries);
      for (gsize i = 0; i < n_queries; i++)
        x_norms[i] = cblas_ddot ((int) n_features, x + i * n_features, 1,
                                 x + i * n_features, 1);
      s.x_norms = x_norms;
    }

  if (parallel_on_y)
    {
      s.n_parts = (guint) MIN ((gsize) n_threads, s.y_n_chunks);
      n_workers = blocks_in_flight (block_bytes, MIN (s.n_parts, MAX_WORKERS));
    }
  else
    {
      n_workers = (guint) MIN ((gsize) MIN (n_threads, MAX_WORKERS), s.x_n_chunks);
      n_workers = blocks_in_flight (block_bytes, n_workers);
    }

  scratches = g_new0 (Scratch, n_workers);
  per_worker = s.x_chunk * s.y_chunk + s.y_chunk;
  scratch_memory = g_new (gdouble, per_worker * n_workers);
  for (guint w = 0; w < n_workers; w++)
    {
      scratches[w].middle = scratch_memory + w * per_worker;
      scratches[w].y_norms = scratches[w].middle + s.x_chunk * s.y_chunk;
    }

  if (!parallel_on_y)
    {
      /* Waves of up to n_workers blocks of queries, one task each. */
      heap_values = g_new (gdouble, n_workers * block_entries);
      heap_indices = g_new (gint64, n_workers * block_entries);
      s.heap_values = heap_values;
      s.heap_indices = heap_indices;

      for (gsize first = 0; first < s.x_n_chunks; first += n_workers)
        {
          gsize n_tasks = MIN ((gsize) n_workers, s.x_n_chunks - first);

          s.wave_first = first;
          run_tasks (&s, scratches, n_workers, run_query_block, n_tasks);

          for (gsize t = 0; t < n_tasks; t++)
            {
              gsize x_start = (first + t) * s.x_chunk;
              gsize rows = chunk_end (first + t, s.x_chunk, n_queries) - x_start;
              gdouble *hv = heap_values + t * block_entries;
              gint64 *hi = heap_indices + t * block_entries;

              finish_distances (&s, exact_distances, hv, rows * k);
              if (!func (x_start, rows, k, hv, hi, user_data, error))
                return FALSE;
            }
        }

      return TRUE;
    }

  /* In parallel over the training samples, for one block of queries after
   * the other: waves of up to n_workers partitions. When one wave holds
   * every partition, each query's heaps are merged, sorted and handed out
   * on their own, so the final heaps take one row; otherwise the block's
   * final heaps collect the waves. */
  {
    gboolean one_wave = n_workers >= s.n_parts;
    gsize final_entries = one_wave ? k : block_entries;

    part_values = g_new (gdouble, n_workers * block_entries);
    part_indices = g_new (gint64, n_workers * block_entries);
    heap_values = g_new (gdouble, final_entries);
    heap_indices = g_new (gint64, final_entries);
    s.part_values = part_values;
    s.part_indices = part_indices;

    for (gsize xc = 0; xc < s.x_n_chunks; xc++)
      {
        gsize rows;

        s.x_start = xc * s.x_chunk;
        s.x_end = chunk_end (xc, s.x_chunk, n_queries);
        rows = s.x_end - s.x_start;

        if (!one_wave)
          fill_heaps (heap_values, heap_indices, rows * k, 0);

        for (gsize first = 0; first < s.n_parts; first += n_workers)
          {
            gsize n_tasks = MIN ((gsize) n_workers, s.n_parts - first);

            s.wave_first = first;
            run_tasks (&s, scratches, n_workers, run_partition, n_tasks);

            if (one_wave)
              {
                for (gsize i = 0; i < rows; i++)
                  {
                    fill_heaps (heap_values, heap_indices, k, 0);
                    merge_partitions (&s, i, n_tasks, heap_values, heap_indices);
                    sort_neighbours (heap_values, heap_indices, k);
                    finish_distances (&s, exact_distances, heap_values, k);
                    if (!func (s.x_start + i, 1, k, heap_values, heap_indices, user_data, error))
                      return FALSE;
                  }
              }
            else
              {
                for (gsize i = 0; i < rows; i++)
                  merge_partitions (&s, i, n_tasks, heap_values + i * k, heap_indices + i * k);
              }
          }

        if (!one_wave)
          {
            for (gsize i = 0; i < rows; i++)
              sort_neighbours (heap_values + i * k, heap_indices + i * k, k);
            finish_distances (&s, exact_distances, heap_values, rows * k);
            if (!func (s.x_start, rows, k, heap_values, heap_indices, user_data, error))
              return FALSE;
          }
      }
  }

  return TRUE;
}

typedef struct
{
  gdouble *distances;
  gint64  *indices;
} Copy;

static gboolean
copy_block (gsize          first,
            gsize          n_queries,
            gsize          k,
            const gdouble *distances,
            const gint64  *indices,
            gpointer       user_data,
            GError       **error)
{
  Copy *copy = user_data;

  memcpy (copy->distances + first * k, distances, n_queries * k * sizeof (gdouble));
  memcpy (copy->indices + first * k, indices, n_queries * k * sizeof (gint64));
  return TRUE;
}

gboolean
_mp_brute_search (const gdouble  *x,
                  gsize           n_queries,
                  const gdouble  *fit_x,
                  gsize           n_samples,
                  gsize           n_features,
                  gsize           k,
                  MpBruteMetric   metric,
                  gboolean        exact_distances,
                  gdouble        *distances,
                  gint64         *indices,
                  GError        **error)
{
  Copy copy = { distances, indices };

  return _mp_brute_search_blocks (x, n_queries, fit_x, n_samples, n_features, k, metric,
                                  exact_distances, copy_block, &copy, error);
}
