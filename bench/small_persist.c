/* small_persist.c: mp_dumps and mp_loads of the reference example's model
 * (an SVC fitted on iris), timed in one process from C, for
 * bench/small_persist_bench.py and for profiling:
 *
 *   small-persist [ROUNDS]     print the median of ROUNDS (default 2000)
 *                              calls of each, in microseconds, as JSON
 *
 * Build it from the source tree against a build directory BUILD:
 *
 *   cc -O2 -o small-persist bench/small_persist.c \
 *      $(PKG_CONFIG_PATH=BUILD/meson-uninstalled pkg-config --cflags --libs modelpersist-1) \
 *      -Wl,-rpath,BUILD/libmodelpersist
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <modelpersist.h>

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = NULL;
  g_autoptr(MpEstimator) clf = NULL;
  g_autoptr(GBytes) saved = NULL;
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  g_autofree double *dumps = NULL, *loads = NULL;

  if (rounds == 0)
    rounds = 1;
  iris = mp_load_iris (&error);
  if (iris != NULL)
    {
      clf = g_object_new (MP_TYPE_SVC, "gamma", "scale", NULL);
      if (!mp_estimator_fit (clf, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
        g_clear_object (&clf);
    }
  if (clf == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  dumps = g_new (double, rounds);
  loads = g_new (double, rounds);
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MpEstimator) loaded = NULL;
      double t0, t1, t2;

      t0 = now_us ();
      bytes = mp_dumps (clf, &error);
      t1 = now_us ();
      if (bytes != NULL)
        loaded = mp_loads (bytes, &error);
      t2 = now_us ();
      if (loaded == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      dumps[i] = t1 - t0;
      loads[i] = t2 - t1;
      if (saved == NULL)
        saved = g_bytes_ref (bytes);
    }

  printf ("{\"bytes\": %" G_GSIZE_FORMAT ", \"rounds\": %u, \"dumps_us\": %.1f, \"loads_us\": %.1f}\n",
          g_bytes_get_size (saved), rounds, median (dumps, rounds), median (loads, rounds));
  return EXIT_SUCCESS;
}
