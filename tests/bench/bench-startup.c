/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up: from exec to the main window's first frame, for Tidemark with
 * ten years of the demo record (3,650 days) and for a bare AdwApplicationWindow
 * program, alternating, in the same run. Prints both medians and their
 * ratio (goal: at most 1.15). Timing never fails the run.
 *
 *   bench-startup TIDEMARK BARE-WINDOW [RUNS]
 */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <stdlib.h>

#include "bench-util.h"
#include "tm-demo.h"
#include "tm-file.h"

#define N_DAYS 3650

/* Ten years of the demo record: check-ins, sessions, plans, questionnaires
 * and safety prompts. */
static void
fill_ten_years (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autofree char *today = tm_day_today ();
  g_autoptr(TmChartRecord) record = NULL;

  g_assert_no_error (error);
  record = tm_demo_record_new (today, N_DAYS);
  tm_demo_fill_store (store, record, &error);
  g_assert_no_error (error);
}

/* Microseconds from spawning @argv to the first frame it reports. */
static double
time_first_frame (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;
  gint64 start, frame;

  g_subprocess_launcher_setenv (launcher, "TIDEMARK_REPORT_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  line = out != NULL ? strstr (out, "first-frame-us ") : NULL;
  if (line == NULL)
    g_error ("%s did not report a first frame (exit status %d)", argv[0],
             g_subprocess_get_exit_status (process));
  frame = g_ascii_strtoll (line + strlen ("first-frame-us "), NULL, 10);
  return (double) (frame - start);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = argc > 3 ? atoi (argv[3]) : 15;
  double app_median, bare_median;

  setlocale (LC_ALL, "");
  if (argc < 3 || runs < 1)
    {
      g_printerr ("usage: bench-startup TIDEMARK BARE-WINDOW [RUNS]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("tidemark-bench-XXXXXX", NULL);
  fill_ten_years (dir);

  {
    const char *app_argv[] = { argv[1], "--data-dir", dir, NULL };
    const char *bare_argv[] = { argv[2], NULL };

    /* One of each first, to warm the caches; not counted. */
    time_first_frame (app_argv);
    time_first_frame (bare_argv);

    for (int i = 0; i < runs; i++)
      {
        double a, b;

        /* Alternate the order so that neither always runs second. */
        if (i % 2 == 0)
          {
            a = time_first_frame (app_argv);
            b = time_first_frame (bare_argv);
          }
        else
          {
            b = time_first_frame (bare_argv);
            a = time_first_frame (app_argv);
          }
        g_array_append_val (app_times, a);
        g_array_append_val (bare_times, b);
      }
  }

  app_median = bench_median (app_times);
  bare_median = bench_median (bare_times);

  g_print ("start-up to first frame, %d runs each, %d check-ins\n", runs, N_DAYS);
  g_print ("  tidemark          median %7.1f ms  (min %.1f, max %.1f)\n", app_median / 1000,
           g_array_index (app_times, double, 0) / 1000,
           g_array_index (app_times, double, app_times->len - 1) / 1000);
  g_print ("  bare AdwWindow    median %7.1f ms  (min %.1f, max %.1f)\n", bare_median / 1000,
           g_array_index (bare_times, double, 0) / 1000,
           g_array_index (bare_times, double, bare_times->len - 1) / 1000);
  g_print ("  ratio             %.2f  (goal: at most 1.15)\n", app_median / bare_median);

  tm_file_remove_tree (dir);
  return 0;
}
