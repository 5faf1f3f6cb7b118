/* mp-hist-pool.c: the threads histogram gradient boosting shares its work
 * between
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * scikit-learn runs its loops over features and samples on OpenMP threads;
 * this is the same with GLib's threads: a pool made once per fit (or per
 * large prediction), each step split into one part per thread, the
 * calling thread taking part 0.
 */

#include "config.h"

#include "mp-hist-private.h"

struct _MpHgbPool
{
  GThreadPool *threads;   /* NULL for one thread */
  guint        n_threads;
  GMutex       lock;
  GCond        done;
  guint        pending;
  MpHgbTask    task;
  gpointer     data;
};

static void
run_part (gpointer part_pointer,
          gpointer user_data)
{
  MpHgbPool *pool = user_data;
  guint part = GPOINTER_TO_UINT (part_pointer) - 1;

  pool->task (part, pool->n_threads, pool->data);
  g_mutex_lock (&pool->lock);
  if (--pool->pending == 0)
    g_cond_signal (&pool->done);
  g_mutex_unlock (&pool->lock);
}

guint
_mp_hgb_n_threads (void)
{
  const char *text = g_getenv ("OMP_NUM_THREADS");

  if (text != NULL)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (text, &end, 10);

      /* "4" or the first level of "4,2" */
      if (end != text && (*end == '\0' || *end == ',') && value >= 1)
        return (guint) MIN (value, 256);
    }
  return MAX (g_get_num_processors (), 1);
}

MpHgbPool *
_mp_hgb_pool_new (guint n_threads)
{
  MpHgbPool *pool = g_new0 (MpHgbPool, 1);

  pool->n_threads = MAX (n_threads, 1);
  g_mutex_init (&pool->lock);
  g_cond_init (&pool->done);
  if (pool->n_threads > 1)
    {
      pool->threads = g_thread_pool_new (run_part, pool, (int) pool->n_threads - 1, TRUE, NULL);
      if (pool->threads == NULL)
        pool->n_threads = 1;
    }
  return pool;
}

void
_mp_hgb_pool_free (MpHgbPool *pool)
{
  if (pool == NULL)
    return;
  if (pool->threads != NULL)
    g_thread_pool_free (pool->threads, FALSE, TRUE);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->done);
  g_free (pool);
}

guint
_mp_hgb_pool_size (MpHgbPool *pool)
{
  return pool->n_threads;
}

void
_mp_hgb_pool_run (MpHgbPool *pool,
                  MpHgbTask  task,
                  gpointer   data)
{
  if (pool->n_threads == 1)
    {
      task (0, 1, data);
      return;
    }

  pool->task = task;
  pool->data = data;
  pool->pending = pool->n_threads - 1;
  for (guint part = 1; part < pool->n_threads; part++)
    g_thread_pool_push (pool->threads, GUINT_TO_POINTER (part + 1), NULL);
  task (0, pool->n_threads, data);

  g_mutex_lock (&pool->lock);
  while (pool->pending > 0)
    g_cond_wait (&pool->done, &pool->lock);
  g_mutex_unlock (&pool->lock);
}
