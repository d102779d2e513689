/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF report, read back with poppler's pdfinfo, pdftotext and
 * pdffonts: pages, paper, the figures, every row of the period and none
 * outside it, page numbers, embedded fonts, and a failed write that leaves
 * the old file alone. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tm-csv.h"
#include "tm-demo.h"
#include "tm-report.h"
#include "tm-test-util.h"

typedef struct
{
  char *dir;
  char *out;   /* outside the data folder, where reports may go */
  char *pdf;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = tm_test_make_data_dir ();
  f->out = tm_test_make_data_dir ();
  f->pdf = g_build_filename (f->out, "report.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tm_test_remove_tree (f->dir);
  tm_test_remove_tree (f->out);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->pdf);
}

static gboolean
have_poppler (void)
{
  const char *tools[] = { "pdfinfo", "pdftotext", "pdffonts" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_test_skip ("poppler-utils (pdfinfo, pdftotext, pdffonts) are needed; build-aux/dev test installs them");
          return FALSE;
        }
    }
  return TRUE;
}

/* The output of one of poppler's tools on @pdf (pdftotext to stdout). */
static char *
run_tool (const char *tool,
          const char *pdf)
{
  const char *argv[] = { tool, pdf, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static int
page_count (const char *pdf)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("The report's text lacks “%s”", part);
}

static void
assert_fonts_embedded (const char *pdf)
{
  g_autofree char *fonts = run_tool ("pdffonts", pdf);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  /* name type encoding emb sub uni object ID */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();

      for (guint c = 0; words[c] != NULL; c++)
        if (words[c][0] != '\0')
          g_ptr_array_add (columns, words[c]);
      if (columns->len == 0)
        continue;
      g_assert_cmpuint (columns->len, >=, 6);
      /* emb is the fifth column from the end. */
      g_assert_cmpstr (columns->pdata[columns->len - 5], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
assert_page_numbers (const char *text,
                     int         n_pages)
{
  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *label = g_strdup_printf ("Page %d of %d", page, n_pages);

      assert_contains (text, label);
    }
}

static char *
session_time (const TmSession *s)
{
  g_autoptr(GDateTime) time = tm_instant_parse (s->taken_at);

  /* As it was where it was taken: the offset it was written with. */
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

/* The demo year, the report of its last 200 days. */
static void
test_demo_period (Fixture       *f,
                  gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = tm_day_add (today, -199);
  g_autofree char *text = NULL;
  g_autofree char *days = NULL;
  TmReportOptions options;
  int n_pages = 0, in_period = 0, outside = 0;

  if (!have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  record = tm_demo_record_new (today, TM_DEMO_DAYS);
  g_assert_true (tm_demo_fill_store (store, record, &error));
  g_assert_true (tm_store_set_report_name (store, "  Alex Example (MRN 0042) ", &error));

  tm_report_options_init (&options);
  g_strlcpy (options.from, from, sizeof options.from);
  options.paper = TM_PAPER_A4;
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));
  g_assert_no_error (error);

  g_assert_cmpint (page_count (f->pdf), ==, n_pages);
  g_assert_cmpint (n_pages, >=, 4);
  {
    g_autofree char *info = run_tool ("pdfinfo", f->pdf);

    assert_contains (info, "595.276 x 841.89 pts (A4)");
  }

  text = run_tool ("pdftotext", f->pdf);
  assert_contains (text, "Name or ID: Alex Example (MRN 0042)");

  /* The summary's figures. */
  days = g_strdup_printf ("%d of %d days", data->chart->n_checked_in, data->chart->n_days);
  assert_contains (text, days);
  g_assert_cmpint (data->chart->n_days, ==, 200);
  {
    g_autofree char *sessions = g_strdup_printf ("%d taken on time, %d late, %d missed",
                                                 data->chart->adherence.on_time, data->chart->adherence.late,
                                                 data->chart->adherence.missed);
    g_autofree char *mood = g_strdup_printf ("%.1f of 10", data->chart->mean_mood);
    g_autofree char *phq9 = g_strdup_printf ("%d of 27", data->phq9->total);

    assert_contains (text, sessions);
    assert_contains (text, mood);
    assert_contains (text, phq9);
  }

  /* Every session of the period, and none from before it. */
  for (guint i = 0; i < record->sessions->len; i++)
    {
      TmSession *s = record->sessions->pdata[i];
      g_autofree char *day = tm_session_get_day (s);
      g_autofree char *when = session_time (s);

      if (strcmp (day, from) >= 0)
        {
          assert_contains (text, when);
          in_period++;
        }
      else
        {
          g_assert_null (strstr (text, when));
          outside++;
        }
    }
  g_assert_cmpint (in_period, >, 5);
  g_assert_cmpint (outside, >, 5);

  /* Every safety prompt of the period. */
  g_assert_cmpuint (data->events->len, >, 0);
  for (guint i = 0; i < data->events->len; i++)
    {
      TmSafetyEvent *e = data->events->pdata[i];
      g_autoptr(GDateTime) shown = tm_instant_parse (e->shown_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (shown);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autofree char *rule = g_strdup_printf ("(%s)", tm_rule_to_string (e->rule));

      assert_contains (text, when);
      assert_contains (text, rule);
    }

  assert_page_numbers (text, n_pages);
  assert_fonts_embedded (f->pdf);
}

static void
test_letter_without_notes (Fixture       *f,
                           gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  TmReportOptions options;

  if (!have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  record = tm_demo_record_new (today, 60);
  g_assert_true (tm_demo_fill_store (store, record, &error));

  tm_report_options_init (&options);
  options.paper = TM_PAPER_LETTER;
  options.include_notes = FALSE;
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);

  info = run_tool ("pdfinfo", f->pdf);
  assert_contains (info, "612 x 792 pts (letter)");
  text = run_tool ("pdftotext", f->pdf);
  g_assert_null (strstr (text, "Check-in Notes"));
  /* No name was set: the foot of the page says what the report is. */
  assert_contains (text, "Tidemark report, ");
  g_assert_null (strstr (text, "Name or ID"));
}

/* A dose above the plan that came in by an import is in the report's
 * safety prompts, saying it was raised on import and never shown. */
static void
test_imported_prompts (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source_dir = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "export", NULL);
  g_autofree char *day = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *taken = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TmStore) source = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmPlan) plan = NULL;
  g_autoptr(TmSession) session = tm_session_new ();
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmReportData) data = NULL;
  TmReportOptions options;
  TmCsvSummary summary;

  if (!have_poppler ())
    return;

  /* Written where no rules ran: the store alone. */
  day = tm_day_add (today, -10);
  source = tm_store_open (source_dir, &error);
  g_assert_no_error (error);
  plan = tm_plan_new (day);
  plan->interval_days = 14;
  plan->dose_mg = 50;
  g_assert_true (tm_store_add_plan (source, plan, &error));
  taken = tm_instant_from_local (day, 10, 0, NULL);
  tm_session_set_taken_at (session, taken);
  session->dose_mg = 75;
  g_assert_true (tm_store_save_session (source, session, &error));
  g_assert_true (tm_store_export_csv (source, folder, &error));

  store = tm_store_open (f->dir, &error);
  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);

  tm_report_options_init (&options);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", f->pdf);
  assert_contains (text, "1 in all: 0 urgent, 1 caution, 0 for information");
  assert_contains (text, "Beyond the plan (S3)");
  assert_contains (text, "dose above the plan; 75 mg taken");
  assert_contains (text, "Raised on import");
  g_assert_null (strstr (text, "No safety prompts were shown in this period."));
}

/* An empty period still makes a valid report, and says so. */
static void
test_empty_period (Fixture       *f,
                   gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *text = NULL;
  TmReportOptions options;
  int n_pages = 0;

  if (!have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  tm_report_options_init (&options);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_data_is_empty (data));
  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));

  g_assert_cmpint (page_count (f->pdf), ==, n_pages);
  text = run_tool ("pdftotext", f->pdf);
  assert_contains (text, "No check-ins, sessions or questionnaires were recorded in this period.");
  assert_contains (text, "No maintenance plan was in force in this period.");
  assert_contains (text, "No sessions were logged in this period.");
  assert_contains (text, "No safety prompts were shown in this period.");
  assert_contains (text, "No check-ins in this period");
  assert_page_numbers (text, n_pages);
  assert_fonts_embedded (f->pdf);
}

/* Report data made by hand, for what the store would not hold. */
static TmReportData *
hand_made (const char *from,
           const char *to)
{
  g_autoptr(TmChartRecord) record = tm_chart_record_new ();
  TmReportData *data = tm_report_data_new ();

  g_strlcpy (data->options.from, from, sizeof data->options.from);
  g_strlcpy (data->options.to, to, sizeof data->options.to);
  data->options.include_notes = TRUE;
  data->options.paper = TM_PAPER_A4;
  data->generated = g_strdup ("28 November 2026 at 09:00");
  data->chart = tm_chart_data_new (record, from, to, to);
  data->previous = tm_chart_data_new (record, from, to, to);
  return data;
}

/* A note of 20,000 characters wraps and runs over pages, all of it. */
static void
test_long_note (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(TmReportData) data = hand_made ("2026-10-01", "2026-10-31");
  g_autoptr(GError) error = NULL;
  TmCheckin *checkin = tm_checkin_new ("2026-10-05");
  GString *note = g_string_new (NULL);
  g_autofree char *text = NULL;
  int n_pages = 0, word = 0;

  if (!have_poppler ())
    return;

  while (note->len < 20000 - 9)
    g_string_append_printf (note, "w%06d ", word++);
  g_string_append (note, "lastword");
  g_assert_cmpuint (g_utf8_strlen (note->str, -1), >=, 20000 - 9);
  checkin->mood = 5;
  checkin->note = g_string_free (note, FALSE);
  g_ptr_array_add (data->notes, checkin);

  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, >=, 5);

  text = run_tool ("pdftotext", f->pdf);
  assert_contains (text, "w000000");
  assert_contains (text, "w001000");
  assert_contains (text, "lastword");
  {
    g_autofree char *last = g_strdup_printf ("w%06d", word - 1);

    assert_contains (text, last);
  }
  assert_page_numbers (text, n_pages);
}

/* 500 sessions: the table runs over pages with its header on each. */
static void
test_many_sessions (Fixture       *f,
                    gconstpointer  unused)
{
  g_autoptr(TmReportData) data = hand_made ("2025-01-01", "2026-06-30");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GRegex) row = g_regex_new ("20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]", 0, 0, NULL);
  int n_pages = 0, pages_with_rows = 0;

  if (!have_poppler ())
    return;

  for (int i = 0; i < 500; i++)
    {
      TmSession *s = tm_session_new ();
      g_autofree char *day = tm_day_add ("2025-01-01", i);
      g_autofree char *instant = tm_instant_from_local (day, 8 + i % 12, i % 60, NULL);
      int status = i % 7 == 3 ? -1 : TM_PLANNED_ON_TIME;

      tm_session_set_taken_at (s, instant);
      s->dose_mg = 50;
      s->dissociation_peak = i % 10;
      s->effects = i % 3 == 0 ? TM_EFFECT_TIME | TM_EFFECT_FLOATING : 0;
      s->bp_before_sys = 120, s->bp_before_dia = 80;
      tm_session_set_note (s, i % 5 == 0 ? "Felt calm afterwards, slept well that night." : NULL);
      g_ptr_array_add (data->sessions, s);
      g_array_append_val (data->session_status, status);
    }

  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, >=, 10);

  text = run_tool ("pdftotext", f->pdf);
  for (guint i = 0; i < data->sessions->len; i++)
    {
      g_autofree char *when = session_time (data->sessions->pdata[i]);

      assert_contains (text, when);
    }

  /* pdftotext ends each page with a form feed. */
  pages = g_strsplit (text, "\f", -1);
  for (guint p = 0; pages[p] != NULL; p++)
    if (g_regex_match (row, pages[p], 0, NULL))
      {
        assert_contains (pages[p], "Date and time");
        assert_contains (pages[p], "Effects");
        pages_with_rows++;
      }
  g_assert_cmpint (pages_with_rows, >=, 9);
  assert_page_numbers (text, n_pages);
}

/* A dose's date and time as they were where it was taken, with the offset
 * there when it is not this machine's (Berlin here): never moved into the
 * reader's zone, where a 10:00 dose in Tokyo would read 02:00, and a late
 * evening one in New York the next day. */
static void
test_times_as_taken (Fixture       *f,
                     gconstpointer  unused)
{
  static const char * const taken[] = {
    "2026-11-19T10:00:00+01:00", "2026-11-20T10:00:00+09:00", "2026-11-20T23:30:00-05:00",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  TmReportOptions options;

  if (!have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_autoptr(TmSession) s = tm_session_new ();

      tm_session_set_taken_at (s, taken[i]);
      s->dose_mg = 50;
      g_assert_true (tm_store_save_session (store, s, &error));
      g_assert_no_error (error);
    }

  tm_report_options_init (&options);
  g_strlcpy (options.from, "2026-11-19", sizeof options.from);
  g_strlcpy (options.to, "2026-11-20", sizeof options.to);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->sessions->len, ==, 3);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);

  text = run_tool ("pdftotext", f->pdf);
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  assert_contains (flat, "2026-11-19 10:00");
  assert_contains (flat, "2026-11-20 10:00 (UTC+09:00)");
  assert_contains (flat, "2026-11-20 23:30 (UTC-05:00)");
  g_assert_null (strstr (flat, "2026-11-20 02:00"));
  g_assert_null (strstr (flat, "2026-11-21 05:30"));
  g_assert_null (strstr (flat, "2026-11-21"));
  g_assert_null (strstr (flat, "10:00 (UTC+01:00)"));
}

static GPtrArray *
list_folder (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* A write that does not finish leaves the file that was there as it was,
 * and nothing beside it. */
static void
test_failed_write_keeps_file (Fixture       *f,
                              gconstpointer  unused)
{
  g_autoptr(TmReportData) data = hand_made ("2026-10-01", "2026-10-31");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *elsewhere = g_build_filename (f->dir, "no such folder", "report.pdf", NULL);

  g_assert_true (g_file_set_contents (f->pdf, "the report of last month", -1, NULL));

  g_cancellable_cancel (cancellable);
  g_assert_false (tm_report_write (data, f->pdf, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (f->pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the report of last month");
  names = list_folder (f->out);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "report.pdf");

  /* A folder that is not there: one sentence that names it. */
  g_assert_false (tm_report_write (data, elsewhere, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_contains (error->message, "no such folder");

  /* And a complete report replaces the old file. */
  g_clear_error (&error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (f->pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static void
test_options (void)
{
  g_autoptr(GError) error = NULL;
  TmReportOptions options;
  char day[TM_DAY_LEN + 1];
  TmPaper paper;

  tm_report_options_init (&options);
  g_assert_true (tm_report_options_validate (&options, &error));
  g_assert_cmpint (tm_day_diff (options.from, options.to), ==, TM_REPORT_DEFAULT_DAYS - 1);

  g_assert_true (tm_parse_day (" 2026-11-28 ", "The start", day, &error));
  g_assert_cmpstr (day, ==, "2026-11-28");
  g_assert_false (tm_parse_day ("2026-02-30", "The start", day, &error));
  g_assert_cmpstr (error->message, ==,
                   "The start, “2026-02-30”, is no such day: February 2026 has 28 days. Check the date.");
  g_clear_error (&error);
  g_assert_false (tm_parse_day ("2026-13-01", "The end", day, &error));
  g_assert_cmpstr (error->message, ==, "The end, “2026-13-01”, is no such day: a year has 12 months. Check the date.");
  g_clear_error (&error);
  g_assert_false (tm_parse_day ("\x1b[2J", "The end", day, &error));
  g_assert_cmpstr (error->message, ==,
                   "The end, “\\x1B[2J”, is not a calendar day. Write days as YYYY-MM-DD, for example 2026-11-28.");
  g_clear_error (&error);

  g_strlcpy (options.from, "2026-11-02", sizeof options.from);
  g_strlcpy (options.to, "2026-11-01", sizeof options.to);
  g_assert_false (tm_report_options_validate (&options, &error));
  g_assert_nonnull (strstr (error->message, "Choose a start on or before the end."));
  g_clear_error (&error);

  g_strlcpy (options.from, "2026-11-01", sizeof options.from);
  g_strlcpy (options.to, "2999-01-01", sizeof options.to);
  g_assert_false (tm_report_options_validate (&options, &error));
  g_clear_error (&error);

  g_assert_true (tm_paper_from_string ("Letter", &paper));
  g_assert_cmpint (paper, ==, TM_PAPER_LETTER);
  g_assert_false (tm_paper_from_string ("legal", &paper));

  g_assert_true (tm_validate_report_name ("Alex Example", &error));
  g_assert_false (tm_validate_report_name ("Alex\nExample", &error));
  g_clear_error (&error);

  {
    g_autofree char *name = tm_report_default_file_name ("2026-11-28");

    g_assert_cmpstr (name, ==, "tidemark-report-2026-11-28.pdf");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/options", test_options);
  g_test_add ("/report/demo-period", Fixture, NULL, fixture_set_up, test_demo_period, fixture_tear_down);
  g_test_add ("/report/letter-without-notes", Fixture, NULL, fixture_set_up, test_letter_without_notes,
              fixture_tear_down);
  g_test_add ("/report/empty-period", Fixture, NULL, fixture_set_up, test_empty_period, fixture_tear_down);
  g_test_add ("/report/imported-prompts", Fixture, NULL, fixture_set_up, test_imported_prompts,
              fixture_tear_down);
  g_test_add ("/report/long-note", Fixture, NULL, fixture_set_up, test_long_note, fixture_tear_down);
  g_test_add ("/report/many-sessions", Fixture, NULL, fixture_set_up, test_many_sessions, fixture_tear_down);
  g_test_add ("/report/times-as-taken", Fixture, NULL, fixture_set_up, test_times_as_taken, fixture_tear_down);
  g_test_add ("/report/failed-write-keeps-file", Fixture, NULL, fixture_set_up, test_failed_write_keeps_file,
              fixture_tear_down);

  return g_test_run ();
}
