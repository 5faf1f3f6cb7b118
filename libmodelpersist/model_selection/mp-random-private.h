/* mp-random-private.h: numpy's legacy RandomState, for splits that match
 * scikit-learn's seed for seed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MP_RANDOM_STATE_LENGTH 624

/* random_state as a property: -1 stands for sklearn's None. */
#define MP_RANDOM_STATE_NONE ((gint64) -1)
#define MP_RANDOM_STATE_MAX  ((gint64) G_MAXUINT32)

/* A Mersenne Twister (MT19937) in the state numpy.random.RandomState(seed)
 * puts it for an integer seed. */
typedef struct
{
  guint32 key[MP_RANDOM_STATE_LENGTH];
  guint   pos;
} MpRandom;

/* RandomState(seed) for 0 <= seed < 2**32. */
void     _mp_random_init             (MpRandom *self,
                                      guint32   seed);

/* A seed drawn from GLib's own generator, for random_state=None. */
guint32  _mp_random_entropy_seed     (void);

/* Seeds @self with @random_state, or from entropy for None. */
void     _mp_random_init_from_state  (MpRandom *self,
                                      gint64    random_state);

guint32  _mp_random_next_uint32      (MpRandom *self);

/* A uniform integer in [0, max], by masked rejection as numpy's legacy
 * bounded integers do. */
guint64  _mp_random_interval         (MpRandom *self,
                                      guint64   max);

/* RandomState.random_sample(): a uniform double in [0, 1) from two
 * draws, by numpy's 53-bit formula ((a >> 5) * 2^26 + (b >> 6)) / 2^53. */
double   _mp_random_sample           (MpRandom *self);

/* RandomState.shuffle of a 1-D array. */
void     _mp_random_shuffle          (MpRandom *self,
                                      gint64   *values,
                                      gsize     n);

/* RandomState.permutation(n): a new array (free with g_free). */
gint64  *_mp_random_permutation      (MpRandom *self,
                                      gsize     n);

G_END_DECLS
