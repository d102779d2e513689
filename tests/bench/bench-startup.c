/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up: from exec to the main window's first frame, for Tidemark with
 * ten years of the demo record (3,650 days) and for a bare AdwApplicationWindow
 * program, alternating, in the same run. Prints both medians, their ratio
 * (goal: at most 1.15), and the median time of each phase of the start-up
 * on both sides. Timing never fails the run.
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

/* The phases both programs report ("mark PHASE US", then "first-frame-us
 * US"), in order; a phase a program does not have (the bare window opens
 * no data file) takes no time, and the next one counts from the last. */
static const struct
{
  const char *mark;
  const char *what;
} phases[] = {
  { "main", "exec to main (loading)" },
  { "gtk-ready", "GTK, libadwaita, the bus" },
  { "store-ready", "data file, after GTK" },
  { "window-built", "window's widgets" },
  { "window-mapped", "measuring, styles, icons" },
  { "first-frame", "layout and first drawing" },
};

#define N_PHASES G_N_ELEMENTS (phases)

/* Runs @argv to its first frame and returns the microseconds from spawning
 * it to the end of each phase's time (in @phase_us) and to the first frame. */
static double
time_first_frame (const char * const *argv,
                  double              phase_us[N_PHASES])
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 start, last;
  gint64 ends[N_PHASES] = { 0 };

  g_subprocess_launcher_setenv (launcher, "TIDEMARK_REPORT_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 3);
      const char *name = NULL;
      const char *value = NULL;

      if (g_strv_length (words) == 3 && g_str_equal (words[0], "mark"))
        name = words[1], value = words[2];
      else if (g_strv_length (words) == 2 && g_str_equal (words[0], "first-frame-us"))
        name = "first-frame", value = words[1];
      for (guint p = 0; name != NULL && p < N_PHASES; p++)
        if (g_str_equal (phases[p].mark, name))
          ends[p] = g_ascii_strtoll (value, NULL, 10);
    }
  if (ends[N_PHASES - 1] == 0)
    g_error ("%s did not report a first frame (exit status %d)", argv[0],
             g_subprocess_get_exit_status (process));

  last = start;
  for (guint p = 0; p < N_PHASES; p++)
    {
      if (ends[p] != 0)
        {
          phase_us[p] = (double) (ends[p] - last);
          last = ends[p];
        }
      else
        phase_us[p] = 0;
    }
  return (double) (ends[N_PHASES - 1] - start);
}

static void
run_once (const char * const *argv,
          GArray             *times,
          GArray             *phase_times[N_PHASES])
{
  double phase_us[N_PHASES];
  double total = time_first_frame (argv, phase_us);

  g_array_append_val (times, total);
  for (guint p = 0; p < N_PHASES; p++)
    g_array_append_val (phase_times[p], phase_us[p]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *app_phases[N_PHASES];
  GArray *bare_phases[N_PHASES];
  int runs = argc > 3 ? atoi (argv[3]) : 15;
  double app_median, bare_median;

  setlocale (LC_ALL, "");
  if (argc < 3 || runs < 1)
    {
      g_printerr ("usage: bench-startup TIDEMARK BARE-WINDOW [RUNS]\n");
      return 2;
    }
  for (guint p = 0; p < N_PHASES; p++)
    {
      app_phases[p] = g_array_new (FALSE, FALSE, sizeof (double));
      bare_phases[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  dir = g_dir_make_tmp ("tidemark-bench-XXXXXX", NULL);
  fill_ten_years (dir);

  {
    const char *app_argv[] = { argv[1], "--data-dir", dir, NULL };
    const char *bare_argv[] = { argv[2], NULL };
    double phase_us[N_PHASES];

    /* One of each first, to warm the caches; not counted. */
    time_first_frame (app_argv, phase_us);
    time_first_frame (bare_argv, phase_us);

    for (int i = 0; i < runs; i++)
      {
        /* Alternate the order so that neither always runs second. */
        if (i % 2 == 0)
          {
            run_once (app_argv, app_times, app_phases);
            run_once (bare_argv, bare_times, bare_phases);
          }
        else
          {
            run_once (bare_argv, bare_times, bare_phases);
            run_once (app_argv, app_times, app_phases);
          }
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
  g_print ("where the time goes (median of each phase, ms):\n");
  g_print ("  %-28s %9s %9s\n", "", "tidemark", "bare");
  for (guint p = 0; p < N_PHASES; p++)
    {
      g_print ("  %-28s %9.1f %9.1f\n", phases[p].what,
               bench_median (app_phases[p]) / 1000, bench_median (bare_phases[p]) / 1000);
      g_array_unref (app_phases[p]);
      g_array_unref (bare_phases[p]);
    }

  tm_file_remove_tree (dir);
  return 0;
}
