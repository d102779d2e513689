/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line: --help and --version answer and exit 0; a bad argument
 * is one line on stderr and exit status 2, before any window or data;
 * --export-pdf writes the report with no display at all. */
#include "config.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "tm-demo.h"
#include "tm-fhir.h"
#include "tm-report-data.h"
#include "tm-store-backup.h"
#include "tm-test-util.h"

static const char *tidemark;

#define CHECKINS_HEADER "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\"," \
                        "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\"\r\n"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_tidemark (Run        *run,
              const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tidemark);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display: none of this may need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_tidemark (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Tidemark " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_tidemark (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--data-dir=DIR"));
  g_assert_nonnull (strstr (run.out, "--version"));
  g_assert_nonnull (strstr (run.out, "--demo"));
  g_assert_nonnull (strstr (run.out, "--sections=LIST"));
  g_assert_nonnull (strstr (run.out, "summary, agenda, charts, questionnaires, interval, sessions, safety-prompts, notes, review-notes"));
  g_assert_nonnull (strstr (run.out, "--patient=NAME-OR-ID"));
}

static void
test_bad_arguments (void)
{
  const struct { const char *args[3]; const char *says; } cases[] = {
    { { "--bogus", NULL }, "tidemark: Unknown option --bogus\n" },
    { { "--data-dir", NULL }, "tidemark: Missing argument for --data-dir\n" },
    { { "--data-dir=", NULL }, "tidemark: --data-dir needs a folder, for example --data-dir=~/Tidemark\n" },
    { { "notes.txt", NULL }, "tidemark: unexpected argument “notes.txt”; see tidemark --help\n" },
    { { "--version", "extra" }, "tidemark: unexpected argument “extra”; see tidemark --help\n" },
    { { "--demo", "--data-dir=/tmp/x" },
      "tidemark: --demo opens its own throwaway folder, so it can't be used with --data-dir\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_tidemark (&run, cases[i].args[0], cases[i].args[1], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.err, ==, cases[i].says);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* A data folder holding two months of the demo. */
static char *
make_data_dir (void)
{
  char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autofree char *today = tm_day_today ();
  g_autoptr(TmChartRecord) record = tm_demo_record_new (today, 60);

  g_assert_no_error (error);
  g_assert_true (tm_demo_fill_store (store, record, &error));
  return dir;
}

static void
test_export_pdf (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *pdf = g_build_filename (out, "report.pdf", NULL);
  g_autofree char *export = g_strdup_printf ("--export-pdf=%s", pdf);
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };

  /* It replaces what was there. */
  g_assert_true (g_file_set_contents (pdf, "an older report", -1, NULL));
  run_tidemark (&run, data_dir, export, "--from=2026-01-01", "--no-notes", "--paper=letter", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Wrote "));
  g_assert_nonnull (strstr (run.out, " pages, 2026-01-01 to "));
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* The period may end tomorrow: a record may be a day ahead of this
   * machine's clock (another time zone), and the report shows it. */
  {
    g_auto(Run) tomorrow_run = { 0 };
    g_autofree char *today = tm_day_today ();
    g_autofree char *tomorrow = tm_day_add (today, 1);
    g_autofree char *to = g_strdup_printf ("--to=%s", tomorrow);
    g_autofree char *says = g_strdup_printf (" to %s.\n", tomorrow);

    run_tidemark (&tomorrow_run, data_dir, export, to, NULL);
    g_assert_cmpint (tomorrow_run.status, ==, 0);
    g_assert_cmpstr (tomorrow_run.err, ==, "");
    g_assert_true (g_str_has_suffix (tomorrow_run.out, says));
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* The text of the report --export-pdf wrote with @args, flattened. */
static char *
export_text (const char *data_dir,
             const char *pdf,
             const char *arg1,
             const char *arg2)
{
  g_autofree char *export = g_strdup_printf ("--export-pdf=%s", pdf);
  g_autofree char *text = NULL;
  g_autoptr(GRegex) blanks = g_regex_new ("\\s+", 0, 0, NULL);
  g_auto(Run) run = { 0 };

  run_tidemark (&run, data_dir, export, arg1, arg2, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  text = tm_test_run_poppler ("pdftotext", pdf);
  return g_regex_replace_literal (blanks, text, -1, 0, " ", 0, NULL);
}

/* --sections, --no-notes and --patient reach the report: the sections
 * chosen and no others, the name given instead of the stored one. */
static void
test_export_pdf_sections (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *pdf = g_build_filename (out, "report.pdf", NULL);
  g_autofree char *chosen = NULL;
  g_autofree char *no_notes = NULL;
  g_autofree char *nameless = NULL;

  if (!tm_test_have_poppler ())
    return;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TmStore) store = tm_store_open (dir, &error);

    g_assert_no_error (error);
    g_assert_true (tm_store_set_report_name (store, "Alex Example", &error));
  }

  chosen = export_text (data_dir, pdf, "--sections=Notes, summary", "--patient= MRN 0042 ");
  g_assert_nonnull (strstr (chosen, "Name or ID: MRN 0042 Period"));
  g_assert_nonnull (strstr (chosen, "MRN 0042 · Tidemark report"));
  g_assert_null (strstr (chosen, "Alex Example"));
  g_assert_nonnull (strstr (chosen, "Needs Attention"));
  g_assert_nonnull (strstr (chosen, "Check-in Notes"));
  g_assert_null (strstr (chosen, "Mood Against the Plan"));
  g_assert_null (strstr (chosen, "Safety Prompts"));

  /* All but the notes, with the stored name. */
  no_notes = export_text (data_dir, pdf, "--no-notes", NULL);
  g_assert_nonnull (strstr (no_notes, "Name or ID: Alex Example"));
  g_assert_nonnull (strstr (no_notes, "Mood Against the Plan"));
  g_assert_nonnull (strstr (no_notes, "Safety Prompts"));
  g_assert_null (strstr (no_notes, "Check-in Notes"));

  /* An empty name leaves it off this report only. */
  nameless = export_text (data_dir, pdf, "--patient=", "--sections=summary");
  g_assert_null (strstr (nameless, "Name or ID"));
  g_assert_null (strstr (nameless, "Alex Example"));

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* Each way it can fail: one line, a non-zero status, nothing written. */
static void
test_export_pdf_refusals (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *pdf = g_build_filename (out, "report.pdf", NULL);
  g_autofree char *export = g_strdup_printf ("--export-pdf=%s", pdf);
  g_autofree char *missing = g_build_filename (out, "missing", "report.pdf", NULL);
  g_autofree char *export_missing = g_strdup_printf ("--export-pdf=%s", missing);
  g_autofree char *empty = tm_test_make_data_dir ();
  g_autofree char *empty_dir = g_strdup_printf ("--data-dir=%s", empty);
  g_autofree char *db = g_build_filename (dir, "tidemark.db", NULL);
  const struct { const char *args[4]; int status; const char *says; } cases[] = {
    { { data_dir, export, "--from=2026-02-30", NULL }, 2,
      "tidemark: --from, “2026-02-30”, is no such day: February 2026 has 28 days. Check the date.\n" },
    { { data_dir, export, "--to=28.11.2026", NULL }, 2,
      "tidemark: --to, “28.11.2026”, is not a calendar day. Write days as YYYY-MM-DD, for example "
      "2026-11-28.\n" },
    { { data_dir, export, "--from=2026-11-02", "--to=2026-11-01" }, 2,
      "tidemark: The period starts on Monday 2 November 2026, after it ends on Sunday 1 November 2026. "
      "Choose a start on or before the end.\n" },
    { { data_dir, export, "--paper=legal", NULL }, 2, "tidemark: --paper is a4 or letter, not “legal”\n" },
    { { data_dir, "--from=2026-11-01", NULL }, 2,
      "tidemark: --from, --to, --paper, --sections, --patient and --no-notes go with --export-pdf=FILE\n" },
    { { data_dir, "--sections=summary", NULL }, 2,
      "tidemark: --from, --to, --paper, --sections, --patient and --no-notes go with --export-pdf=FILE\n" },
    { { data_dir, "--patient=MRN 0042", NULL }, 2,
      "tidemark: --from, --to, --paper, --sections, --patient and --no-notes go with --export-pdf=FILE\n" },
    { { data_dir, export, "--sections=summary,charst", NULL }, 2,
      "tidemark: --sections: “charst” is not a section of the report; the sections are summary, agenda, "
      "charts, questionnaires, interval, sessions, safety-prompts, notes, review-notes.\n" },
    { { data_dir, export, "--sections=", NULL }, 2,
      "tidemark: --sections: Choose at least one section of the report: summary, agenda, charts, "
      "questionnaires, interval, sessions, safety-prompts, notes, review-notes.\n" },
    { { data_dir, export, "--sections=notes", "--no-notes" }, 2,
      "tidemark: Choose at least one section for the report.\n" },
    { { data_dir, export, "--patient=Alex\tExample", NULL }, 2,
      "tidemark: --patient: The name or ID must fit on one line. Remove the line breaks and tabs.\n" },
    { { data_dir, export_missing, NULL }, 1, NULL },
    { { empty_dir, export, NULL }, 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_tidemark (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      if (cases[i].says != NULL)
        g_assert_cmpstr (run.err, ==, cases[i].says);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }

  /* A damaged data file: named, left as it was, and no report. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (db, "this is not a database, but it is someone's file", -1, NULL));
    g_assert_true (g_file_get_contents (db, &before, NULL, NULL));
    run_tidemark (&run, data_dir, export, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, db));
    g_assert_true (g_file_get_contents (db, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
  tm_test_remove_tree (empty);
}

/* --export-csv and --import-csv: a round trip through the command line,
 * and an import with a problem stores nothing and says where. */
static void
test_csv (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *empty = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *empty_dir = g_strdup_printf ("--data-dir=%s", empty);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *export = g_strdup_printf ("--export-csv=%s", folder);
  g_autofree char *import = g_strdup_printf ("--import-csv=%s", folder);
  g_autofree char *checkins = g_build_filename (folder, "checkins.csv", NULL);

  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, export, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (checkins, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, empty_dir, import, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Imported from "));
    g_assert_nonnull (strstr (run.out, " 0 replaced, 0 already there and kept."));
  }
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, empty_dir, import, "--on-conflict=replace", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "0 added, "));
  }

  /* A dose above the plan, from a file no Tidemark checked: the rules run
   * on it, and the summary says where their prompt is. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *other = tm_test_make_data_dir ();
    g_autofree char *other_dir = g_strdup_printf ("--data-dir=%s", other);
    g_autofree char *hand = g_build_filename (other, "by-hand", NULL);
    g_autofree char *hand_import = g_strdup_printf ("--import-csv=%s", hand);
    g_autofree char *plans = g_build_filename (hand, "plans.csv", NULL);
    g_autofree char *sessions = g_build_filename (hand, "sessions.csv", NULL);

    g_assert_cmpint (g_mkdir (hand, 0700), ==, 0);
    g_assert_true (g_file_set_contents (plans,
                                        "\"effective_from\",\"interval_days\",\"dose_mg\",\"route\","
                                        "\"tolerance_days\",\"instructions\",\"author\",\"created_at\"\r\n"
                                        "\"2026-03-02\",14,50,\"sublingual\",2,,,\"2026-03-01T09:00:00Z\"\r\n",
                                        -1, NULL));
    g_assert_true (g_file_set_contents (sessions,
                                        "\"taken_at\",\"dose_mg\",\"route\",\"setting\",\"monitor_present\","
                                        "\"mood_before\",\"dissociation_peak\",\"effects\",\"effects_minutes\","
                                        "\"nausea\",\"sedation\",\"bp_before_sys\",\"bp_before_dia\","
                                        "\"bp_after_sys\",\"bp_after_dia\",\"other_medicines\",\"note\","
                                        "\"created_at\",\"updated_at\"\r\n"
                                        "\"2026-03-02T10:00:00+01:00\",75,\"sublingual\",\"home\",1,,,0,,,,,,,,0,,"
                                        "\"2026-03-02T12:00:00Z\",\"2026-03-02T12:00:00Z\"\r\n",
                                        -1, NULL));
    run_tidemark (&run, other_dir, hand_import, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "2 added, 0 replaced, 0 already there and kept. "
                                       "1 safety prompt raised; see History, Safety.\n"));
    tm_test_remove_tree (other);
  }

  /* A bad row: where and what, and nothing imported. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (checkins, &contents, NULL, NULL));
    {
      g_autoptr(GString) bad = g_string_new (contents);

      g_string_append (bad, "\"2026-01-01\",12,,,,0,,,\"2026-01-01T20:00:00Z\",\"2026-01-01T20:00:00Z\",0,,0\r\n");
      g_string_append (bad, "\"2026-01-02\",\"\x1b[2J\x1b]0;owned\x07\",,,,0,,,\"2026-01-02T20:00:00Z\","
                            "\"2026-01-02T20:00:00Z\",0,,0\r\n");
      g_assert_true (g_file_set_contents (checkins, bad->str, -1, NULL));
    }
    run_tidemark (&run, empty_dir, import, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "checkins.csv:"));
    g_assert_nonnull (strstr (run.err, ": mood “12” is not a whole number from 0 to 10\n"));
    /* A file can't send the terminal escape sequences. */
    g_assert_nonnull (strstr (run.err, ": mood “\\x1B[2J\\x1B]0;owned\\x07” is not a whole number from 0 to 10\n"));
    g_assert_null (strchr (run.err, '\x1b'));
    g_assert_null (strchr (run.err, '\x07'));
    g_assert_true (g_str_has_suffix (run.err, "tidemark: nothing was imported: fix the problems above, then import "
                                              "again\n"));
  }

  /* A folder's name is shown with its control characters escaped too. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *odd = g_build_filename (dir, "odd\x1b[2Jname", NULL);
    g_autofree char *import_odd = g_strdup_printf ("--import-csv=%s", odd);

    run_tidemark (&run, empty_dir, import_odd, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "odd\\x1B[2Jname"));
    g_assert_null (strchr (run.err, '\x1b'));
  }

  {
    const struct { const char *args[3]; const char *says; } cases[] = {
      { { data_dir, import, "--on-conflict=merge" }, "tidemark: --on-conflict is keep or replace, not “merge”\n" },
      { { data_dir, "--on-conflict=keep", NULL },
        "tidemark: --on-conflict goes with --import-csv=DIR, --import-archive=FILE or --import-daylio=FILE\n" },
      { { data_dir, import, export }, "tidemark: --export-pdf, --export-csv, --export-fhir, --export-archive, "
                                      "--import-csv, --import-archive and --import-daylio can't be used together\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) run = { 0 };

        run_tidemark (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.err, ==, cases[i].says);
      }
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (empty);
  tm_test_remove_tree (out);
}

/* The check-ins in @data_dir, read without changing it; none when it
 * has no data file. */
static int
count_checkins (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autofree char *file = g_build_filename (data_dir, "tidemark.db", NULL);

  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    return 0;
  store = tm_store_open_read_only (data_dir, &error);
  g_assert_no_error (error);
  return (int) g_list_model_get_n_items (tm_store_get_checkins (store));
}

/* --import-daylio: Daylio's moods by their defaults and --mood-map; a mood
 * with no value, a bad map or a bad file: a sentence, and nothing stored. */
static void
test_daylio (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "daylio", "good.csv", NULL);
  g_autofree char *year = g_test_build_filename (G_TEST_DIST, "daylio", "good-year.csv", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "daylio", "not-a-day.csv", NULL);
  g_autofree char *import_good = g_strdup_printf ("--import-daylio=%s", good);
  g_autofree char *import_year = g_strdup_printf ("--import-daylio=%s", year);
  g_autofree char *import_bad = g_strdup_printf ("--import-daylio=%s", bad);

  /* "super" has no default: refused, with what to write. */
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, import_year, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "tidemark: the file has the mood “super”, which has no value from 0 to 10: give "
                                  "it one with --mood-map, for example --mood-map=\"super=5\"; nothing was "
                                  "imported\n");
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpuint (count_checkins (dir), ==, 0);
  }
  /* A bad map: refused before the file is read. */
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, import_year, "--mood-map=super=11", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "tidemark: --mood-map takes names with a value from 0 to 10, separated by "
                                  "commas, for example --mood-map=great=8,okay=5; “super=11” is not one.\n");
    g_assert_cmpuint (count_checkins (dir), ==, 0);
  }
  /* A bad file: where and what. */
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, import_bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "not-a-day.csv:3: the date “2023-02-30” is not a real day"));
    g_assert_true (g_str_has_suffix (run.err, "tidemark: nothing was imported: fix the problem above, then "
                                              "import again\n"));
    g_assert_cmpuint (count_checkins (dir), ==, 0);
  }
  /* Mapped: stored. */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(TmStore) store = NULL;
    g_autoptr(TmCheckin) fifth = NULL;

    run_tidemark (&run, data_dir, import_year, "--mood-map=super=10,bad=2", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ": 2 added, 0 replaced, 0 already there and kept.\n"));
    store = tm_store_open (dir, &error);
    g_assert_no_error (error);
    fifth = tm_store_get_checkin (store, "2022-12-05", &error);
    g_assert_no_error (error);
    g_assert_cmpint (fifth->mood, ==, 10);
  }
  /* Daylio's own moods need no map. */
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, import_good, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ": 3 added, 0 replaced, 0 already there and kept.\n"));
    g_assert_cmpuint (count_checkins (dir), ==, 5);
  }
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, "--mood-map=good=7", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "tidemark: --mood-map goes with --import-daylio=FILE\n");
  }

  tm_test_remove_tree (dir);
}

/* A damaged data file: every command that needs the data stops with a
 * non-zero status and the window's explanation, naming the good backup;
 * the file is not changed. */
static void
test_damaged_data (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *export_pdf = g_strdup_printf ("--export-pdf=%s", pdf);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *export_csv = g_strdup_printf ("--export-csv=%s", csv);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) damaged = NULL;
  gsize length;

  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);

    g_assert_true (tm_store_back_up_now (store, "2026-11-20", &error));
  }
  g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
  memset (contents + 1024, 0x5a, MIN (length - 1024, 4096));
  g_assert_true (g_file_set_contents (db_path, contents, (gssize) length, NULL));
  damaged = tm_test_read_file (db_path);

  for (guint i = 0; i < 2; i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GBytes) after = NULL;

      run_tidemark (&run, data_dir, i == 0 ? export_pdf : export_csv, NULL);
      g_assert_cmpint (run.status, !=, 0);
      g_assert_nonnull (strstr (run.err, "is damaged. Tidemark has not opened it and has not changed it."));
      g_assert_nonnull (strstr (run.err, "The newest good backup is of Friday 20 November 2026 "
                                         "(tidemark-backup-2026-11-20.db)"));
      g_assert_nonnull (strstr (run.err, "Start Tidemark without a command to restore a backup"));
      after = tm_test_read_file (db_path);
      tm_test_assert_bytes_equal (damaged, after);
    }
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  tm_test_remove_tree (dir);
}

/* An empty, foreign or missing data file beside a backup is refused like a
 * damaged one by every command, the import too: status 1, the explanation
 * with the backup, and the file as it was (or still none). */
static void
test_empty_or_foreign_data (void)
{
  static const struct { const char *contents; gssize length; } files[] = {
    { "", 0 },
    { "Dear diary,\nthis is not a database.\n", -1 },
    { "\x01\xfe\x00\x42\x99\x10\x00\x00\xc3\x28\x7f\x80\x81\x00\x13\x37", 16 },
    { NULL, 0 },  /* deleted by mistake */
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = make_data_dir ();
      g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
      g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
      g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
      g_autofree char *export_pdf = g_strdup_printf ("--export-pdf=%s", pdf);
      g_autofree char *csv = g_build_filename (dir, "csv", NULL);
      g_autofree char *export_csv = g_strdup_printf ("--export-csv=%s", csv);
      g_autofree char *in = g_build_filename (dir, "in", NULL);
      g_autofree char *import_csv = g_strdup_printf ("--import-csv=%s", in);
      g_autofree char *checkins = g_build_filename (in, "checkins.csv", NULL);
      const char *commands[] = { export_pdf, export_csv, import_csv };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) before = NULL;

      {
        g_autoptr(TmStore) store = tm_store_open (dir, &error);

        g_assert_true (tm_store_back_up_now (store, "2026-11-20", &error));
      }
      g_assert_cmpint (g_mkdir (in, 0700), ==, 0);
      g_assert_true (g_file_set_contents (checkins, CHECKINS_HEADER "\"2026-11-01\",5,,,,0,,,\"2026-11-01T20:00:00Z\","
                                                    "\"2026-11-01T20:00:00Z\"\r\n", -1, NULL));
      g_unlink (db_path);
      if (files[i].contents != NULL)
        {
          g_assert_true (g_file_set_contents (db_path, files[i].contents, files[i].length, NULL));
          before = tm_test_read_file (db_path);
        }

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(Run) run = { 0 };
          g_autoptr(GBytes) after = NULL;

          run_tidemark (&run, data_dir, commands[c], NULL);
          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpuint (count_lines (run.err), ==, 1);
          g_assert_nonnull (strstr (run.err, db_path));
          g_assert_nonnull (strstr (run.err, "The newest good backup is of Friday 20 November 2026 "
                                             "(tidemark-backup-2026-11-20.db)"));
          g_assert_nonnull (strstr (run.err, "Start Tidemark without a command to restore a backup"));
          g_assert_cmpstr (run.out, ==, "");
          if (before == NULL)
            {
              g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
              continue;
            }
          after = tm_test_read_file (db_path);
          tm_test_assert_bytes_equal (before, after);
        }
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
      tm_test_remove_tree (dir);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names of the files in @dir, sorted, one a line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* While a window uses the data folder, an import waits for a moment, then
 * says so and changes nothing; the exports read a snapshot and need no
 * lock. Once the window is gone, the import goes through. */
static void
test_data_in_use (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *pdf = g_build_filename (out, "report.pdf", NULL);
  g_autofree char *export_pdf = g_strdup_printf ("--export-pdf=%s", pdf);
  g_autofree char *csv = g_build_filename (out, "csv", NULL);
  g_autofree char *export_csv = g_strdup_printf ("--export-csv=%s", csv);
  g_autofree char *in = g_build_filename (out, "in", NULL);
  g_autofree char *import_csv = g_strdup_printf ("--import-csv=%s", in);
  g_autofree char *checkins = g_build_filename (in, "checkins.csv", NULL);
  g_autofree char *says = g_strdup_printf ("tidemark: Tidemark is already using %s. ", dir);
  g_autofree char *files_before = NULL;
  g_autoptr(GBytes) before = NULL;
  TmTestHolder holder;

  g_assert_cmpint (g_mkdir (in, 0700), ==, 0);
  g_assert_true (g_file_set_contents (checkins, CHECKINS_HEADER "\"2026-11-01\",5,,,,0,,,\"2026-11-01T20:00:00Z\","
                                                "\"2026-11-01T20:00:00Z\"\r\n", -1, NULL));
  tm_test_holder_start (&holder, dir, NULL);
  files_before = list_dir (dir);
  before = tm_test_read_file (db_path);

  {
    g_auto(Run) run = { 0 };
    g_autoptr(GBytes) after = NULL;
    g_autofree char *files_after = NULL;

    run_tidemark (&run, data_dir, import_csv, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, says));
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    after = tm_test_read_file (db_path);
    tm_test_assert_bytes_equal (before, after);
    files_after = list_dir (dir);
    g_assert_cmpstr (files_after, ==, files_before);
  }
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, export_csv, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (csv, G_FILE_TEST_IS_DIR));
  }
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, export_pdf, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autofree char *files_after = list_dir (dir);

    g_assert_cmpstr (files_after, ==, files_before);
  }

  g_assert_cmpint (tm_test_holder_stop (&holder, 0), ==, 0);
  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, import_csv, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
  }

  tm_test_remove_tree (out);
  tm_test_remove_tree (dir);
}

/* What Tidemark writes never lands on the record. @target is refused with
 * one line saying @says and status 2, and the data folder's files are
 * byte for byte what they were. */
static void
assert_refused (const char *dir,
                const char *option,
                const char *target,
                const char *says)
{
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *arg = g_strdup_printf ("%s=%s", option, target);
  g_autofree char *db = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GBytes) before = tm_test_read_file (db);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GDir) folder = NULL;
  g_auto(Run) run = { 0 };
  const char *name;
  guint n_files = 0;

  run_tidemark (&run, data_dir, arg, NULL);
  if (run.status != 2 || strstr (run.err, says) == NULL)
    g_error ("%s: status %d, “%s”; expected 2 and “%s”", arg, run.status, run.err, says);
  g_assert_true (g_str_has_prefix (run.err, "tidemark: "));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  after = tm_test_read_file (db);
  tm_test_assert_bytes_equal (before, after);

  /* Nothing new in the data folder: no report, no CSV, no temporary. (The
   * folder's lock file, and the log and index SQLite keeps beside the data
   * file while it is read, are no output.) */
  folder = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      if (g_str_equal (name, "tidemark.lock") || g_str_equal (name, "tidemark.db-wal") ||
          g_str_equal (name, "tidemark.db-shm"))
        continue;
      g_assert_true (g_str_has_prefix (name, "tidemark") || g_str_equal (name, "notes.txt"));
      g_assert_null (strstr (name, ".pdf"));
      g_assert_null (strstr (name, "tmp"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 3);
}

/* --export-fhir writes the record as a FHIR Bundle that parses, replacing
 * what was there; a place it can't write is one sentence, and nothing is
 * written there or into the data folder. */
static void
test_export_fhir (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *file = g_build_filename (out, "clinic.json", NULL);
  g_autofree char *export = g_strdup_printf ("--export-fhir=%s", file);
  g_autofree char *said = g_strdup_printf ("Wrote the record for a clinic (FHIR) to %s.\n", file);
  g_autofree char *missing = g_build_filename (out, "no-such-folder", NULL);
  g_autofree char *in_missing = g_build_filename (missing, "clinic.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *bundle;

  g_assert_true (g_file_set_contents (file, "an older export", -1, NULL));
  run_tidemark (&run, data_dir, export, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, said);
  g_assert_true (json_parser_load_from_file (parser, file, &error));
  g_assert_no_error (error);
  bundle = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  /* The demo's months of check-ins, sessions and questionnaires */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bundle, "entry")), >, 100);

  /* A folder that is not there: one sentence, status 1, nothing made. */
  {
    g_autofree char *arg = g_strdup_printf ("--export-fhir=%s", in_missing);
    g_auto(Run) refused = { 0 };

    run_tidemark (&refused, data_dir, arg, NULL);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_cmpstr (refused.out, ==, "");
    g_assert_true (g_str_has_prefix (refused.err, "tidemark: Tidemark could not write the record for a clinic to "));
    g_assert_cmpuint (count_lines (refused.err), ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) empty = { 0 };

    run_tidemark (&empty, data_dir, "--export-fhir=", NULL);
    g_assert_cmpint (empty.status, ==, 2);
    g_assert_nonnull (strstr (empty.err, "--export-fhir needs a file"));
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* Each kind of target that would overwrite the record, or that is not a
 * file at all, directly and through a link; and a name as long as the
 * system allows works. */
static void
test_export_refuses_the_record (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *db = g_build_filename (dir, "tidemark.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "tidemark.db-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, "tidemark.db-shm", NULL);
  g_autofree char *backup = g_build_filename (dir, "tidemark-backup-2026-11-20.db", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *new_file = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *dir_name = g_path_get_basename (dir);
  g_autofree char *roundabout = g_build_filename (out, "..", dir_name, "tidemark.db", NULL);
  g_autofree char *fifo = g_build_filename (out, "pipe", NULL);
  g_autofree char *device = g_build_filename (out, "full", NULL);
  g_autofree char *folder = g_build_filename (out, "folder", NULL);
  g_autofree char *hard_link = g_build_filename (out, "hard-link.pdf", NULL);
  g_autofree char *to_dir = g_build_filename (out, "to-data-folder", NULL);
  g_autofree char *through_link = g_build_filename (to_dir, "tidemark.db", NULL);
  g_autofree char *csv_inside = g_build_filename (dir, "export", NULL);
  g_autofree char *csv_folder = g_build_filename (out, "csv", NULL);
  g_autofree char *csv_file = g_build_filename (csv_folder, "checkins.csv", NULL);
  const char *in_data_folder = "is in Tidemark's data folder";
  const char *not_a_file = "is not an ordinary file";
  const char *in_or_data_folder = "is Tidemark's data folder or a folder inside it";
  g_autoptr(GError) error = NULL;
  gboolean have_device;

  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);

    g_assert_no_error (error);
    g_assert_true (tm_store_back_up_now (store, "2026-11-20", &error));
  }
  g_assert_true (g_file_set_contents (notes, "my own notes", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (link (db, hard_link), ==, 0);
  g_assert_cmpint (symlink (dir, to_dir), ==, 0);
  /* A device of our own, so that nothing of the system's is at risk. */
  have_device = mknod (device, S_IFCHR | 0600, makedev (1, 7)) == 0;

  {
    const struct { const char *target; const char *says; } cases[] = {
      { db, in_data_folder },
      { wal, in_data_folder },
      { shm, in_data_folder },
      { backup, in_data_folder },
      { notes, in_data_folder },
      { new_file, in_data_folder },
      { dir, in_data_folder },
      { roundabout, in_data_folder },
      { through_link, in_data_folder },
      { hard_link, "is another name for" },
      { fifo, not_a_file },
      { folder, not_a_file },
      { have_device ? device : fifo, not_a_file },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *link_name = g_strdup_printf ("link-%u.pdf", i);
        g_autofree char *to_target = g_build_filename (out, link_name, NULL);

        assert_refused (dir, "--export-pdf", cases[i].target, cases[i].says);
        /* A link to it is refused for what it leads to. */
        g_assert_cmpint (symlink (cases[i].target, to_target), ==, 0);
        assert_refused (dir, "--export-pdf", to_target, cases[i].says);
      }
  }

  /* FHIR: never into the data folder, nor onto what is not a file. */
  assert_refused (dir, "--export-fhir", new_file, in_data_folder);
  assert_refused (dir, "--export-fhir", db, in_data_folder);
  assert_refused (dir, "--export-fhir", folder, not_a_file);
  assert_refused (dir, "--export-fhir", fifo, not_a_file);

  /* The system's own device, only through a link: nothing is written there. */
  {
    g_autofree char *to_full = g_build_filename (out, "to-full.pdf", NULL);

    g_assert_cmpint (symlink ("/dev/full", to_full), ==, 0);
    assert_refused (dir, "--export-pdf", to_full, not_a_file);
    assert_refused (dir, "--export-csv", to_full, "is not a folder");
  }
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS) && !g_file_test (fifo, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* CSV: the data folder, a folder in it, a link to it; files that are not
   * files, or lead into the data folder. */
  assert_refused (dir, "--export-csv", dir, in_or_data_folder);
  assert_refused (dir, "--export-csv", csv_inside, in_or_data_folder);
  assert_refused (dir, "--export-csv", to_dir, in_or_data_folder);
  assert_refused (dir, "--export-csv", notes, in_or_data_folder);
  g_assert_cmpint (g_mkdir (csv_folder, 0700), ==, 0);
  {
    const struct { const char *target; const char *says; } files[] = {
      { fifo, not_a_file },
      { folder, not_a_file },
      { "/dev/full", not_a_file },
      { db, in_data_folder },
      { notes, in_data_folder },
    };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_assert_cmpint (symlink (files[i].target, csv_file), ==, 0);
        assert_refused (dir, "--export-csv", csv_folder, files[i].says);
        g_assert_cmpint (g_unlink (csv_file), ==, 0);
      }
    g_assert_cmpint (mkfifo (csv_file, 0600), ==, 0);
    assert_refused (dir, "--export-csv", csv_folder, not_a_file);
    g_assert_cmpint (g_unlink (csv_file), ==, 0);
    g_assert_cmpint (g_mkdir (csv_file, 0700), ==, 0);
    assert_refused (dir, "--export-csv", csv_folder, not_a_file);
    g_assert_cmpint (g_rmdir (csv_file), ==, 0);
  }
  g_assert_false (g_file_test (csv_inside, G_FILE_TEST_EXISTS));

  /* A link to an ordinary file: the rename would replace the link. With
   * stdout sent to a file, /dev/stdout is such a link (to /proc/self/fd/1):
   * a link of our own to the same is refused, and stays a link. */
  {
    g_autofree char *existing = g_build_filename (out, "existing.pdf", NULL);
    g_autofree char *to_existing = g_build_filename (out, "to-existing.pdf", NULL);
    g_autofree char *like_stdout = g_build_filename (out, "like-stdout", NULL);
    g_autofree char *printed = g_build_filename (out, "printed.txt", NULL);
    g_autofree char *arg = g_strdup_printf ("--export-pdf=%s", like_stdout);
    g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) process = NULL;
    g_autofree char *err = NULL;

    g_assert_true (g_file_set_contents (existing, "an older report", -1, NULL));
    g_assert_cmpint (symlink (existing, to_existing), ==, 0);
    assert_refused (dir, "--export-pdf", to_existing, "is a link to");
    g_assert_true (g_file_test (to_existing, G_FILE_TEST_IS_SYMLINK));

    g_assert_cmpint (symlink ("/proc/self/fd/1", like_stdout), ==, 0);
    g_subprocess_launcher_set_stdout_file_path (launcher, printed);
    g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
    process = g_subprocess_launcher_spawn (launcher, &error, tidemark, data_dir, arg, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
    g_assert_nonnull (strstr (err, "is a link to"));
    g_assert_true (g_file_test (like_stdout, G_FILE_TEST_IS_SYMLINK));
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* A name as long as the system allows: the temporary file beside it must
 * not be longer. */
static void
test_export_long_name (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *name = g_strnfill (255 - strlen (".pdf"), 'r');
  g_autofree char *file_name = g_strconcat (name, ".pdf", NULL);
  g_autofree char *pdf = g_build_filename (out, file_name, NULL);
  g_autofree char *export = g_strdup_printf ("--export-pdf=%s", pdf);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) folder = NULL;
  g_auto(Run) run = { 0 };

  g_assert_cmpuint (strlen (file_name), ==, 255);
  run_tidemark (&run, data_dir, export, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* And nothing else is left there. */
  folder = g_dir_open (out, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (folder), ==, file_name);
  g_assert_null (g_dir_read_name (folder));

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

static void
on_communicated_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
}

/* As run_tidemark(), for commands that might wait forever on what they
 * are given: one still running after 30 seconds is killed and fails the
 * test. */
static void
run_tidemark_with_deadline (Run        *run,
                            const char *first_arg,
                            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tidemark);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated_cb, run);
  while (run->err == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          g_error ("tidemark %s did not end within 30 seconds: it waits on what it reads", first_arg);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* An import is never made to wait on a pipe, read a device without end or
 * swallow a huge file: each is one sentence, at once, and nothing stored. */
static void
test_import_refuses_hostile_files (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *import = g_strdup_printf ("--import-csv=%s", out);
  g_autofree char *checkins = g_build_filename (out, "checkins.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GBytes) before = tm_test_read_file (db);
  const struct { const char *what; const char *says; } cases[] = {
    { "fifo", "checkins.csv is not an ordinary file (it is a pipe, a device or a folder), so Tidemark did not "
              "read it." },
    { "zero", "checkins.csv is not an ordinary file" },
    { "full", "checkins.csv is not an ordinary file" },
    { "big", "checkins.csv is larger than 64.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GBytes) after = NULL;

      if (g_str_equal (cases[i].what, "fifo"))
        g_assert_cmpint (mkfifo (checkins, 0600), ==, 0);
      else if (g_str_equal (cases[i].what, "zero"))
        g_assert_cmpint (symlink ("/dev/zero", checkins), ==, 0);
      else if (g_str_equal (cases[i].what, "full"))
        g_assert_cmpint (symlink ("/dev/full", checkins), ==, 0);
      else
        {
          /* Sparse: a file of 64 MiB and a byte that takes no room. */
          int fd = g_open (checkins, O_WRONLY | O_CREAT, 0600);

          g_assert_cmpint (ftruncate (fd, 64 * 1024 * 1024 + 1), ==, 0);
          close (fd);
        }
      run_tidemark_with_deadline (&run, data_dir, import, NULL);
      if (run.status != 1 || strstr (run.err, cases[i].says) == NULL)
        g_error ("%s: status %d, “%s”; expected 1 and “%s”", cases[i].what, run.status, run.err, cases[i].says);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      after = tm_test_read_file (db);
      tm_test_assert_bytes_equal (before, after);
      g_assert_cmpint (g_unlink (checkins), ==, 0);
    }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* A data file that belongs to another user is not opened by any command,
 * and stays as it was. */
static void
test_others_data_file (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *csv = g_build_filename (out, "csv", NULL);
  g_autofree char *export = g_strdup_printf ("--export-csv=%s", csv);
  g_autofree char *db = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(Run) run = { 0 };

  if (geteuid () != 0)
    {
      g_test_skip ("Only root can give a file to another user");
      tm_test_remove_tree (dir);
      tm_test_remove_tree (out);
      return;
    }
  g_assert_cmpint (chown (db, 65534, 65534), ==, 0);
  before = tm_test_read_file (db);
  run_tidemark (&run, data_dir, export, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "belongs to another user, so Tidemark did not open it"));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  after = tm_test_read_file (db);
  tm_test_assert_bytes_equal (before, after);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* --import-csv makes the data folder private, as every other command
 * does: one that already holds the data, and one it starts the data in. */
static void
test_import_makes_folder_private (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *empty = tm_test_make_data_dir ();
  g_autofree char *csv = g_build_filename (out, "csv", NULL);
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *empty_dir = g_strdup_printf ("--data-dir=%s", empty);
  g_autofree char *export = g_strdup_printf ("--export-csv=%s", csv);
  g_autofree char *import = g_strdup_printf ("--import-csv=%s", csv);
  const char *folders[] = { dir, empty };
  const char *args[] = { data_dir, empty_dir };

  {
    g_auto(Run) run = { 0 };

    run_tidemark (&run, data_dir, export, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_auto(Run) run = { 0 };
      GStatBuf info;

      g_assert_cmpint (g_chmod (folders[i], 0755), ==, 0);
      run_tidemark (&run, args[i], import, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (g_stat (folders[i], &info), ==, 0);
      g_assert_cmpint (info.st_mode & 0777, ==, 0700);
    }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
  tm_test_remove_tree (empty);
}

/* Archives */

#define PASSPHRASE "low tide at seven"

/* In the child: a session of its own, so no terminal; with @user_data, a
 * pseudo-terminal's name, that terminal becomes its own. */
static void
leave_terminal (gpointer user_data)
{
  setsid ();
  if (user_data != NULL)
    {
      int fd = open (user_data, O_RDWR);

      if (fd >= 0)
        ioctl (fd, TIOCSCTTY, 0);
    }
}

/* Starts Tidemark with @args (NULL-terminated), TIDEMARK_PASSPHRASE set
 * to @passphrase (or unset), and @terminal (a pty's name) or none. */
static GSubprocess *
spawn_for_archive (const char         *passphrase,
                   const char         *terminal,
                   const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) tidemark);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (passphrase != NULL)
    g_subprocess_launcher_setenv (launcher, "TIDEMARK_PASSPHRASE", passphrase, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "TIDEMARK_PASSPHRASE");
  g_subprocess_launcher_set_child_setup (launcher, leave_terminal, (gpointer) terminal, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
finish_run (Run         *run,
            GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_archive (Run        *run,
             const char *passphrase,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list list;

  va_start (list, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  process = spawn_for_archive (passphrase, NULL, (const char * const *) args->pdata);
  finish_run (run, process);
}


/* --export-archive and --import-archive with TIDEMARK_PASSPHRASE: a round
 * trip; a wrong passphrase, a short one, none at all (and no terminal)
 * each refused with a sentence and nothing written or stored. */
static void
test_archive (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *empty = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *empty_dir = g_strdup_printf ("--data-dir=%s", empty);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *file = g_build_filename (out, "record.tidemark", NULL);
  g_autofree char *export = g_strdup_printf ("--export-archive=%s", file);
  g_autofree char *import = g_strdup_printf ("--import-archive=%s", file);
  g_autofree char *inside = g_strdup_printf ("--export-archive=%s/copy.tidemark", dir);
  g_autofree char *empty_db = g_build_filename (empty, "tidemark.db", NULL);
  int in_record = count_checkins (dir);

  g_assert_cmpint (in_record, >, 0);

  /* Too short: refused before anything is written. */
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, "short", data_dir, export, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, "8"));
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  }
  /* No variable and no terminal: how to give it. */
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, NULL, data_dir, export, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "tidemark: There is no terminal to ask the passphrase on. Set "
                                  "TIDEMARK_PASSPHRASE to it, for example in a script.\n");
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  }
  /* Into the data folder: a usage error, before the passphrase. */
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, NULL, data_dir, inside, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_null (strstr (run.err, "passphrase"));
  }

  {
    g_auto(Run) run = { 0 };

    run_archive (&run, PASSPHRASE, data_dir, export, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_true (g_str_has_prefix (run.out, "Exported every table to the encrypted archive "));
    g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  }
  /* A wrong passphrase: one sentence, nothing stored. */
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, "high tide at nine", empty_dir, import, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, "passphrase"));
    g_assert_cmpstr (run.out, ==, "");
    /* Refused before the data was even opened. */
    g_assert_false (g_file_test (empty_db, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, NULL, empty_dir, import, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "TIDEMARK_PASSPHRASE"));
  }
  /* The right one: everything, and the folder import's summary. */
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, PASSPHRASE, empty_dir, import, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Imported from "));
    g_assert_nonnull (strstr (run.out, " 0 replaced, 0 already there and kept."));
    g_assert_cmpint (count_checkins (empty), ==, in_record);
  }
  {
    g_auto(Run) run = { 0 };

    run_archive (&run, PASSPHRASE, empty_dir, import, "--on-conflict=replace", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "0 added, "));
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (empty);
  tm_test_remove_tree (out);
}

/* Without TIDEMARK_PASSPHRASE, on a terminal: asked twice to export, once
 * to import, and what is typed never shows. */
static void
test_archive_on_terminal (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *empty = tm_test_make_data_dir ();
  g_autofree char *data_dir = g_strdup_printf ("--data-dir=%s", dir);
  g_autofree char *empty_dir = g_strdup_printf ("--data-dir=%s", empty);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *file = g_build_filename (out, "record.tidemark", NULL);
  g_autofree char *export = g_strdup_printf ("--export-archive=%s", file);
  g_autofree char *import = g_strdup_printf ("--import-archive=%s", file);
  const char *export_args[] = { data_dir, export, NULL };
  const char *import_args[] = { empty_dir, import, NULL };
  const char * const *runs[] = { export_args, import_args };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *name = NULL;
      int pty = tm_test_open_pty (&name);
      g_autoptr(GSubprocess) process = spawn_for_archive (NULL, name, runs[i]);
      g_autoptr(GString) shown = g_string_new (NULL);
      g_auto(Run) run = { 0 };

      g_assert_true (tm_test_read_pty_until (pty, shown, "Passphrase: "));
      g_assert_cmpint (write (pty, PASSPHRASE "\n", strlen (PASSPHRASE "\n")), >, 0);
      if (i == 0)
        {
          g_assert_true (tm_test_read_pty_until (pty, shown, "The same passphrase again: "));
          g_assert_cmpint (write (pty, PASSPHRASE "\n", strlen (PASSPHRASE "\n")), >, 0);
        }
      finish_run (&run, process);
      tm_test_read_pty_until (pty, shown, NULL);
      close (pty);

      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_null (strstr (shown->str, "tide"));
    }
  g_assert_cmpint (count_checkins (empty), ==, count_checkins (dir));

  tm_test_remove_tree (dir);
  tm_test_remove_tree (empty);
  tm_test_remove_tree (out);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  tidemark = g_getenv ("TIDEMARK_BIN");
  g_assert_nonnull (tidemark);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/export-pdf", test_export_pdf);
  g_test_add_func ("/cli/export-pdf-refusals", test_export_pdf_refusals);
  g_test_add_func ("/cli/export-pdf-sections", test_export_pdf_sections);
  g_test_add_func ("/cli/csv", test_csv);
  g_test_add_func ("/cli/daylio", test_daylio);
  g_test_add_func ("/cli/damaged-data", test_damaged_data);
  g_test_add_func ("/cli/empty-or-foreign-data", test_empty_or_foreign_data);
  g_test_add_func ("/cli/data-in-use", test_data_in_use);
  g_test_add_func ("/cli/export-refuses-the-record", test_export_refuses_the_record);
  g_test_add_func ("/cli/export-long-name", test_export_long_name);
  g_test_add_func ("/cli/export-fhir", test_export_fhir);
  g_test_add_func ("/cli/import-refuses-hostile-files", test_import_refuses_hostile_files);
  g_test_add_func ("/cli/others-data-file", test_others_data_file);
  g_test_add_func ("/cli/import-makes-folder-private", test_import_makes_folder_private);
  g_test_add_func ("/cli/archive", test_archive);
  g_test_add_func ("/cli/archive-on-terminal", test_archive_on_terminal);

  return g_test_run ();
}
