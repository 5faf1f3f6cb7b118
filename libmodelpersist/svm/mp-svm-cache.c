/* mp-svm-cache.c: a least-recently-used cache of kernel columns
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-svm-cache-private.h"

typedef struct _Column Column;

struct _Column
{
  Column *prev;
  Column *next;
  gfloat *data;
  int     len;     /* data[0, len) holds values */
  guint   synced;  /* swaps of the log already applied to data */
};

/* A swap of positions a < b, applied to every column lazily. */
typedef struct
{
  int a;
  int b;
} Swap;

struct _MpSvmCache
{
  int     n_columns;
  gint64  free_floats;  /* budget left, counted in floats */
  Column *columns;
  Column  lru;          /* sentinel: lru.next is the oldest column */
  GArray *swaps;        /* Swap */
};

MpSvmCache *
_mp_svm_cache_new (int    n_columns,
                   gint64 budget_bytes)
{
  MpSvmCache *cache = g_new0 (MpSvmCache, 1);
  gint64 floats;

  cache->n_columns = n_columns;
  cache->columns = g_new0 (Column, MAX (n_columns, 1));

  /* The bookkeeping counts against the budget; two full columns always fit
   * so that the solver can hold the pair it works on. */
  floats = budget_bytes / (gint64) sizeof (gfloat);
  floats -= (gint64) n_columns * (gint64) sizeof (Column) / (gint64) sizeof (gfloat);
  cache->free_floats = MAX (floats, 2 * (gint64) n_columns);

  cache->lru.next = cache->lru.prev = &cache->lru;
  cache->swaps = g_array_new (FALSE, FALSE, sizeof (Swap));
  return cache;
}

void
_mp_svm_cache_free (MpSvmCache *cache)
{
  if (cache == NULL)
    return;

  for (Column *c = cache->lru.next; c != &cache->lru; c = c->next)
    g_free (c->data);
  g_free (cache->columns);
  g_array_unref (cache->swaps);
  g_free (cache);
}

static void
lru_unlink (Column *c)
{
  c->prev->next = c->next;
  c->next->prev = c->prev;
}

static void
lru_append (MpSvmCache *cache,
            Column     *c)
{
  c->next = &cache->lru;
  c->prev = cache->lru.prev;
  c->prev->next = c;
  c->next->prev = c;
}

static void
evict (MpSvmCache *cache,
       Column     *c)
{
  lru_unlink (c);
  g_clear_pointer (&c->data, g_free);
  cache->free_floats += c->len;
  c->len = 0;
}

/* Brings a column up to date with the swaps logged since it was last
 * used. libsvm applies each swap to every cached column at once, which
 * costs a pass over the whole cache per swap; replaying on use gives the
 * same entries and touches only the columns the solver reads again. */
static void
sync_column (MpSvmCache *cache,
             Column     *c)
{
  const Swap *log = (const Swap *) (gpointer) cache->swaps->data;

  for (guint k = c->synced; k < cache->swaps->len && c->len > 0; k++)
    {
      if (c->len <= log[k].a)
        continue;
      if (c->len > log[k].b)
        {
          gfloat t = c->data[log[k].a];
          c->data[log[k].a] = c->data[log[k].b];
          c->data[log[k].b] = t;
        }
      else
        {
          /* position a is held but b is not: the column cannot follow */
          evict (cache, c);
        }
    }
  c->synced = cache->swaps->len;
}

gfloat *
_mp_svm_cache_get (MpSvmCache *cache,
                   int         index,
                   int         len,
                   int        *valid)
{
  Column *c = &cache->columns[index];
  int missing;

  if (c->len > 0)
    {
      sync_column (cache, c);
      if (c->len > 0)
        lru_unlink (c);
    }
  c->synced = cache->swaps->len;

  missing = len - c->len;
  if (missing > 0)
    {
      while (cache->free_floats < missing && cache->lru.next != &cache->lru)
        evict (cache, cache->lru.next);

      c->data = g_renew (gfloat, c->data, len);
      cache->free_floats -= missing;
      *valid = c->len;
      c->len = len;
    }
  else
    {
      *valid = len;
    }

  lru_append (cache, c);
  return c->data;
}

void
_mp_svm_cache_swap (MpSvmCache *cache,
                    int         i,
                    int         j)
{
  Column *ci, *cj;
  Column tmp;
  Swap swap;

  if (i == j)
    return;

  ci = &cache->columns[i];
  cj = &cache->columns[j];

  if (ci->len > 0)
    lru_unlink (ci);
  if (cj->len > 0)
    lru_unlink (cj);

  tmp = *ci;
  ci->data = cj->data;
  ci->len = cj->len;
  ci->synced = cj->synced;
  cj->data = tmp.data;
  cj->len = tmp.len;
  cj->synced = tmp.synced;

  if (ci->len > 0)
    lru_append (cache, ci);
  if (cj->len > 0)
    lru_append (cache, cj);

  swap.a = MIN (i, j);
  swap.b = MAX (i, j);
  g_array_append_val (cache->swaps, swap);
}
