/* mp-cli-progress.c: long steps in a worker thread, with an activity bar
 * on a terminal
 *
 * The library's calls are synchronous and report no fraction done, so the
 * bar is an activity bar with the elapsed time: it says the command is
 * alive. It appears only on a terminal, only after about a second (quick
 * commands stay silent), never with --quiet, and is erased when the work
 * ends, so output that is redirected or piped stays clean.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "mp-cli.h"

#define SHOW_AFTER_US (G_USEC_PER_SEC)
#define FRAME_US      (G_USEC_PER_SEC / 10)
#define BAR_WIDTH     24

typedef struct {
  MpCliWork  work;
  gpointer   data;
  gpointer   result;
  GError    *error;
  GMutex     lock;
  GCond      finished_cond;
  gboolean   finished;
} Job;

static gpointer
run_job (gpointer user_data)
{
  Job *job = user_data;
  gpointer result;
  GError *error = NULL;

  result = job->work (job->data, &error);

  g_mutex_lock (&job->lock);
  job->result = result;
  job->error = error;
  job->finished = TRUE;
  g_cond_signal (&job->finished_cond);
  g_mutex_unlock (&job->lock);
  return NULL;
}

static void
draw (const char *label,
      gint64      elapsed_us,
      guint       frame)
{
  char bar[BAR_WIDTH + 1];
  guint span = 2 * (BAR_WIDTH - 4);
  guint at = frame % span;

  /* A block of four bouncing between the ends. */
  if (at >= BAR_WIDTH - 4)
    at = span - at;
  for (guint i = 0; i < BAR_WIDTH; i++)
    bar[i] = (i >= at && i < at + 4) ? '#' : '-';
  bar[BAR_WIDTH] = '\0';
  fprintf (stderr, "\r%s [%s] %.1f s", label, bar, (double) elapsed_us / G_USEC_PER_SEC);
  fflush (stderr);
}

gpointer
mp_cli_with_progress (MpCli       *cli,
                      const char  *label,
                      MpCliWork    work,
                      gpointer     data,
                      GError     **error)
{
  Job job = { .work = work, .data = data };
  gint64 start = g_get_monotonic_time ();
  gboolean shown = FALSE;
  GThread *thread;
  guint frame = 0;

  if (cli->quiet || !cli->is_tty)
    {
      gpointer result = work (data, error);
      return result;
    }

  g_mutex_init (&job.lock);
  g_cond_init (&job.finished_cond);
  thread = g_thread_new ("modelpersist-work", run_job, &job);

  g_mutex_lock (&job.lock);
  while (!job.finished)
    {
      gint64 now = g_get_monotonic_time ();

      if (now - start >= SHOW_AFTER_US)
        {
          draw (label, now - start, frame++);
          shown = TRUE;
        }
      g_cond_wait_until (&job.finished_cond, &job.lock, g_get_monotonic_time () + FRAME_US);
    }
  g_mutex_unlock (&job.lock);
  g_thread_join (thread);

  if (shown)
    {
      /* Erase the bar: the line is left as it was. */
      fprintf (stderr, "\r%*s\r", (int) (strlen (label) + BAR_WIDTH + 16), "");
      fflush (stderr);
    }
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.finished_cond);

  if (job.error != NULL)
    g_propagate_error (error, job.error);
  return job.result;
}
