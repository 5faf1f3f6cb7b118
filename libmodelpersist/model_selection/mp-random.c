/* mp-random.c: numpy's legacy RandomState, for splits that match
 * scikit-learn's seed for seed
 *
 * scikit-learn shuffles with numpy.random.RandomState: a 32-bit Mersenne
 * Twister seeded with Matsumoto and Nishimura's init_genrand, and a
 * Fisher-Yates shuffle that draws each swap position by masked rejection.
 * Reproducing both exactly gives the same folds as sklearn for the same
 * random_state.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-random-private.h"

#define MT_N 624
#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfU
#define MT_UPPER_MASK 0x80000000U
#define MT_LOWER_MASK 0x7fffffffU

G_STATIC_ASSERT (MP_RANDOM_STATE_LENGTH == MT_N);

void
_mp_random_init (MpRandom *self,
                 guint32   seed)
{
  self->key[0] = seed;
  for (guint i = 1; i < MT_N; i++)
    {
      guint32 previous = self->key[i - 1];
      self->key[i] = 1812433253U * (previous ^ (previous >> 30)) + i;
    }
  /* The whole block is regenerated before the first draw. */
  self->pos = MT_N;
}

guint32
_mp_random_entropy_seed (void)
{
  return g_random_int ();
}

void
_mp_random_init_from_state (MpRandom *rng,
                            gint64    random_state)
{
  if (random_state == MP_RANDOM_STATE_NONE)
    _mp_random_init (rng, _mp_random_entropy_seed ());
  else
    _mp_random_init (rng, (guint32) random_state);
}

static void
regenerate (MpRandom *self)
{
  guint32 *mt = self->key;
  guint32 y;
  guint i;

  for (i = 0; i < MT_N - MT_M; i++)
    {
      y = (mt[i] & MT_UPPER_MASK) | (mt[i + 1] & MT_LOWER_MASK);
      mt[i] = mt[i + MT_M] ^ (y >> 1) ^ ((y & 1U) ? MT_MATRIX_A : 0U);
    }
  for (; i < MT_N - 1; i++)
    {
      y = (mt[i] & MT_UPPER_MASK) | (mt[i + 1] & MT_LOWER_MASK);
      mt[i] = mt[i + MT_M - MT_N] ^ (y >> 1) ^ ((y & 1U) ? MT_MATRIX_A : 0U);
    }
  y = (mt[MT_N - 1] & MT_UPPER_MASK) | (mt[0] & MT_LOWER_MASK);
  mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ ((y & 1U) ? MT_MATRIX_A : 0U);

  self->pos = 0;
}

guint32
_mp_random_next_uint32 (MpRandom *self)
{
  guint32 y;

  if (self->pos >= MT_N)
    regenerate (self);

  y = self->key[self->pos++];

  /* Tempering. */
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= y >> 18;

  return y;
}

guint64
_mp_random_interval (MpRandom *self,
                     guint64   max)
{
  guint64 mask = max;
  guint64 value;

  if (max == 0)
    return 0;

  /* The smallest all-ones mask covering max. */
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  mask |= mask >> 32;

  if (max <= G_MAXUINT32)
    {
      do
        value = _mp_random_next_uint32 (self) & mask;
      while (value > max);
    }
  else
    {
      do
        {
          guint64 high = _mp_random_next_uint32 (self);
          guint64 low = _mp_random_next_uint32 (self);
          value = ((high << 32) | low) & mask;
        }
      while (value > max);
    }

  return value;
}

double
_mp_random_sample (MpRandom *self)
{
  guint32 a = _mp_random_next_uint32 (self) >> 5;
  guint32 b = _mp_random_next_uint32 (self) >> 6;

  return ((double) a * 67108864.0 + (double) b) / 9007199254740992.0;
}

void
_mp_random_shuffle (MpRandom *self,
                    gint64   *values,
                    gsize     n)
{
  /* Fisher-Yates from the end: position i swaps with a uniform j <= i. */
  for (gsize i = n; i > 1; i--)
    {
      gsize j = (gsize) _mp_random_interval (self, i - 1);
      gint64 swap = values[i - 1];

      values[i - 1] = values[j];
      values[j] = swap;
    }
}

gint64 *
_mp_random_permutation (MpRandom *self,
                        gsize     n)
{
  gint64 *values = g_new (gint64, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    values[i] = (gint64) i;
  _mp_random_shuffle (self, values, n);

  return values;
}
