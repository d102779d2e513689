/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF report, read back with poppler's pdfinfo, pdftotext and
 * pdffonts: pages, paper, the figures, every row of the period and none
 * outside it, page numbers, embedded fonts, and a failed write that leaves
 * the old file alone. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tm-clinician.h"
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

static int
page_count (const char *pdf)
{
  g_autofree char *info = tm_test_run_poppler ("pdfinfo", pdf);
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
  g_autofree char *fonts = tm_test_run_poppler ("pdffonts", pdf);
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

/* @text with each run of spaces and line breaks as one space; form feeds
 * (the ends of pages) stay. */
static char *
flatten (const char *text)
{
  g_autoptr(GRegex) blanks = g_regex_new ("[ \\n]+", 0, 0, NULL);

  return g_regex_replace_literal (blanks, text, -1, 0, " ", 0, NULL);
}

/* A store in the fixture's folder filled with @days of the demo record
 * up to @today; the record in @record_out when asked for. */
static TmStore *
demo_store (Fixture        *f,
            const char     *today,
            int             days,
            TmChartRecord **record_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (f->dir, &error);
  g_autoptr(TmChartRecord) record = NULL;

  g_assert_no_error (error);
  record = tm_demo_record_new (today, days);
  g_assert_true (tm_demo_fill_store (store, record, &error));
  g_assert_no_error (error);
  if (record_out != NULL)
    *record_out = g_steal_pointer (&record);
  return g_steal_pointer (&store);
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

  if (!tm_test_have_poppler ())
    return;

  store = demo_store (f, today, TM_DEMO_DAYS, &record);
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
    g_autofree char *info = tm_test_run_poppler ("pdfinfo", f->pdf);

    assert_contains (info, "595.276 x 841.89 pts (A4)");
  }

  text = tm_test_run_poppler ("pdftotext", f->pdf);
  assert_contains (text, "Name or ID: Alex Example (MRN 0042)");
  /* The trend chart's mood axis says what it shows. */
  assert_contains (text, "Mood (0–10)");

  /* The summary's figures, worked out here from the demo record itself,
   * not from what the report read: the check-ins of the 200 days, their
   * mean mood, and the latest PHQ-9 with its total from its answers. (How
   * sessions stood against the plan is checked on a record made by hand:
   * /report/page-one.) */
  {
    g_autofree char *flat = flatten (text);
    g_autofree char *mood = NULL;
    g_autofree char *phq9 = NULL;
    g_autofree char *phq9_day = NULL;
    TmQuestionnaire *latest_phq9 = NULL;
    int n_checked_in = 0, mood_sum = 0, phq9_total = 0;

    for (guint i = 0; i < record->checkins->len; i++)
      {
        TmCheckin *c = record->checkins->pdata[i];

        if (strcmp (c->day, from) >= 0 && strcmp (c->day, today) <= 0)
          {
            n_checked_in++;
            mood_sum += c->mood;
          }
      }
    for (guint i = 0; i < record->questionnaires->len; i++)
      {
        TmQuestionnaire *q = record->questionnaires->pdata[i];

        if (q->kind == TM_QUESTIONNAIRE_PHQ9 && strcmp (q->day, from) >= 0 && strcmp (q->day, today) <= 0 &&
            (latest_phq9 == NULL || strcmp (q->day, latest_phq9->day) >= 0))
          latest_phq9 = q;
      }
    g_assert_cmpint (n_checked_in, >, 150);
    g_assert_nonnull (latest_phq9);
    for (guint i = 0; i < 9; i++)
      phq9_total += latest_phq9->answers[i];

    days = g_strdup_printf ("Days checked in %d of 200 days", n_checked_in);
    mood = g_strdup_printf ("Mean mood %.1f of 10;", (double) mood_sum / n_checked_in);
    phq9_day = tm_day_format_long (latest_phq9->day);
    phq9 = g_strdup_printf ("Latest PHQ-9 %d of 27, ", phq9_total);
    assert_contains (flat, days);
    assert_contains (flat, mood);
    assert_contains (flat, phq9);
    assert_contains (strstr (flat, phq9), phq9_day);
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

  if (!tm_test_have_poppler ())
    return;

  store = demo_store (f, today, 60, &record);

  tm_report_options_init (&options);
  options.paper = TM_PAPER_LETTER;
  options.sections &= ~(1u << TM_REPORT_SECTION_NOTES);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);

  info = tm_test_run_poppler ("pdfinfo", f->pdf);
  assert_contains (info, "612 x 792 pts (letter)");
  text = tm_test_run_poppler ("pdftotext", f->pdf);
  g_assert_null (strstr (text, "Check-in Notes"));
  /* The demo's check-ins were written the evening of their day. */
  g_assert_cmpint (data->n_backfilled, ==, 0);
  assert_contains (text, "Back-filled (written more than a day after the day they describe): 0.");
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

  if (!tm_test_have_poppler ())
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
  session->monitor_present = TRUE;
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
  text = tm_test_run_poppler ("pdftotext", f->pdf);
  assert_contains (text, "1 in all: 0 urgent, 1 caution, 0 for information");
  assert_contains (text, "Beyond the plan (S3)");
  assert_contains (text, "dose above the plan; 75 mg taken");
  assert_contains (text, "Raised on import");
  g_assert_null (strstr (text, "No safety prompts were shown in this period."));
  /* Never shown, so not left unanswered by the person; but the dose above
   * the plan needs attention. */
  g_assert_null (strstr (text, "Prompts not answered"));
  g_assert_null (strstr (text, "Not answered"));
  assert_contains (text, "Beyond or above the plan");
  assert_contains (text, "above the plan's dose. Plan: 50 mg");
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

  if (!tm_test_have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  tm_report_options_init (&options);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_data_is_empty (data));
  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));

  g_assert_cmpint (page_count (f->pdf), ==, n_pages);
  text = tm_test_run_poppler ("pdftotext", f->pdf);
  assert_contains (text, "No check-ins, sessions or questionnaires were recorded in this period.");
  assert_contains (text, "No maintenance plan was in force in this period.");
  assert_contains (text, "No sessions were logged in this period.");
  assert_contains (text, "No safety prompts were shown in this period.");
  assert_contains (text, "No check-ins in this period");
  assert_contains (text, "No dose logged yet. No plan entered.");
  assert_contains (text, "Nothing needs attention in this period.");
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
  data->options.sections = TM_REPORT_SECTIONS_ALL;
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

  if (!tm_test_have_poppler ())
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

  text = tm_test_run_poppler ("pdftotext", f->pdf);
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

  if (!tm_test_have_poppler ())
    return;

  for (int i = 0; i < 500; i++)
    {
      TmSession *s = tm_session_new ();
      g_autofree char *day = tm_day_add ("2025-01-01", i);
      g_autofree char *instant = tm_instant_from_local (day, 8 + i % 12, i % 60, NULL);
      TmSessionStatus status = { i % 7 == 3 ? TM_TIMING_BEYOND_PLAN : TM_TIMING_ON_THE_DAY };

      tm_session_set_taken_at (s, instant);
      s->dose_mg = 50;
      s->dissociation_peak = i % 10;
      s->effects = i % 3 == 0 ? TM_EFFECT_TIME | TM_EFFECT_FLOATING : 0;
      tm_test_add_bp (s, 0, 120, 80);
      status.days_since_previous = i > 0 ? 1 : -1;
      tm_session_set_note (s, i % 5 == 0 ? "Felt calm afterwards, slept well that night." : NULL);
      g_ptr_array_add (data->sessions, s);
      g_array_append_val (data->session_status, status);
    }

  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, >=, 10);

  text = tm_test_run_poppler ("pdftotext", f->pdf);
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

  if (!tm_test_have_poppler ())
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

  text = tm_test_run_poppler ("pdftotext", f->pdf);
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

static GDateTime *
fixed_clock (gpointer data)
{
  return g_date_time_ref (data);
}

static TmSession *
add_session (TmStore    *store,
             const char *taken_at,
             TmRoute     route,
             TmSetting   setting,
             gboolean    someone,
             int         bp_after_sys,
             int         bp_after_dia)
{
  g_autoptr(GError) error = NULL;
  TmSession *s = tm_session_new ();

  tm_session_set_taken_at (s, taken_at);
  s->dose_mg = 50;
  s->route = route;
  s->setting = setting;
  s->monitor_present = someone;
  if (bp_after_sys != TM_UNSET)
    tm_test_add_bp (s, 40, bp_after_sys, bp_after_dia);
  g_assert_true (tm_store_save_session (store, s, &error));
  g_assert_no_error (error);
  return s;
}

static void
add_event (TmStore    *store,
           TmRule      rule,
           TmLevel     level,
           TmSource    source,
           gint64      source_id,
           const char *shown_at,
           const char *detail,
           const char *answer,
           const char *answered_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmSafetyEvent) e = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);

  e->rule = rule;
  e->level = level;
  e->source = source;
  e->source_id = source_id;
  e->shown_at = g_strdup (shown_at);
  e->detail = g_strdup (detail);
  e->answer = g_strdup (answer);
  e->answered_at = g_strdup (answered_at);
  g_assert_true (tm_store_add_safety_event (store, e, &error));
  g_assert_no_error (error);
}

static void
add_checkin (TmStore    *store,
             gint64      id,
             const char *day,
             int         mood,
             const char *created_at,
             const char *updated_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCheckin) c = tm_checkin_new (day);

  c->id = id;
  c->mood = mood;
  c->created_at = g_strdup (created_at);
  c->updated_at = g_strdup (updated_at);
  tm_store_restore_checkin (store, c, &error);
  g_assert_no_error (error);
}

/* Where @part starts in @text, after @from; fails when it is not there. */
static const char *
find_after (const char *text,
            const char *from,
            const char *part)
{
  const char *found = strstr (from, part);

  if (found == NULL)
    g_error ("After “%.60s…”, the report's page lacks “%s”", from, part);
  g_assert_true (found >= text);
  return found;
}

/* Page 1 of a record made by hand, the day being Friday 4 December 2026:
 * what needs attention, in its order, and the last dose; then the sessions
 * with their status. Every figure below is worked out from the record as
 * written here, not read from what the report read. */
static void
test_page_one (Fixture       *f,
               gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 12, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-10-15");
  g_autoptr(TmSession) on_the_day = NULL;
  g_autoptr(TmSession) other_route = NULL;
  g_autoptr(TmSession) alone = NULL;
  g_autoptr(TmQuestionnaire) phq9 = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-11-16");
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *entered = NULL;
  g_autofree char *reset = NULL;
  g_auto(GStrv) pages = NULL;
  const int answers[] = { 1, 2, 1, 1, 0, 1, 1, 0, 1 };
  const char *page, *at;
  TmReportOptions options;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);

  /* Every 14 days from Thursday 15 October: 29 October, 12 and 26
   * November, 10 December; 50 mg oral, 2 days either side. Entered in
   * clinician mode today, by this machine's clock. */
  plan->interval_days = 14;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 2;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  {
    g_autoptr(GDateTime) here = g_date_time_new_now_local ();
    g_autofree char *day = g_date_time_format (here, "%A %-d %B %Y");

    entered = g_strdup_printf ("Entered in clinician mode on %s.", day);
    reset = g_strdup_printf ("Reset from the patient's side on %s.", day);
  }
  g_assert_true (tm_clinician_reset_pin (store, &error));

  /* On its day, with someone; by another route in the clinic, with the
   * highest pressure; beyond the plan (3 days before 12 November) at
   * home with nobody there, the last dose. */
  on_the_day = add_session (store, "2026-10-15T10:00:00+02:00", TM_ROUTE_ORAL, TM_SETTING_HOME, TRUE, 150, 95);
  other_route = add_session (store, "2026-10-29T10:00:00+01:00", TM_ROUTE_SUBLINGUAL, TM_SETTING_CLINIC, TRUE,
                             186, 104);
  alone = add_session (store, "2026-11-09T09:30:00+01:00", TM_ROUTE_ORAL, TM_SETTING_HOME, FALSE, 172, 112);

  memcpy (phq9->answers, answers, sizeof answers);
  g_assert_true (tm_store_save_questionnaire (store, phq9, &error));
  g_assert_no_error (error);

  /* Shown at these times in Berlin (UTC+01:00). */
  add_event (store, TM_RULE_S5, TM_LEVEL_URGENT, TM_SOURCE_SESSION, other_route->id, "2026-10-29T10:30:00Z",
             "blood pressure after the dose 186/104", "contact-clinician", "2026-10-29T10:32:00Z");
  add_event (store, TM_RULE_S1, TM_LEVEL_CAUTION, TM_SOURCE_SESSION, alone->id, "2026-11-09T09:00:00Z",
             "peak dissociation 5; effects: time felt strange", "help-now", "2026-11-09T09:05:00Z");
  add_event (store, TM_RULE_S3, TM_LEVEL_CAUTION, TM_SOURCE_SESSION, alone->id, "2026-11-09T09:01:00Z",
             "matches no planned day; 50 mg taken; plan 50 mg every 14 days", NULL, NULL);
  add_event (store, TM_RULE_S4, TM_LEVEL_URGENT, TM_SOURCE_QUESTIONNAIRE, phq9->id, "2026-11-16T19:00:00Z",
             "PHQ-9 item 9 answered 1; total 8", NULL, NULL);
  /* Raised on import: never shown, so not "not answered". */
  add_event (store, TM_RULE_S2, TM_LEVEL_CAUTION, TM_SOURCE_CHECKIN, 0, "2026-11-20T08:00:00Z",
             "check-in of 2026-11-20; effects: time felt strange", "imported", NULL);
  add_event (store, TM_RULE_S7, TM_LEVEL_INFO, TM_SOURCE_SESSION, on_the_day->id, "2026-10-15T08:30:00Z",
             "other medicines: sleep medicine", "noted", "2026-10-15T08:31:00Z");

  /* Written on its day; 3 days later (back-filled); changed the same
   * evening (edited); and both. Moods 3, 5, 6 and 8: a mean of 5.5. */
  add_checkin (store, 1, "2026-11-01", 3, "2026-11-01T20:00:00Z", "2026-11-01T20:00:00Z");
  add_checkin (store, 2, "2026-11-02", 5, "2026-11-05T09:00:00Z", "2026-11-05T09:00:00Z");
  add_checkin (store, 3, "2026-11-03", 6, "2026-11-03T20:00:00Z", "2026-11-03T21:00:00Z");
  add_checkin (store, 4, "2026-11-04", 8, "2026-11-06T08:00:00Z", "2026-11-07T08:00:00Z");

  tm_report_options_init (&options);
  g_assert_cmpstr (options.from, ==, "2026-09-05");
  g_assert_cmpstr (options.to, ==, "2026-12-04");
  options.paper = TM_PAPER_A4;
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);

  pdf_text = tm_test_run_poppler ("pdftotext", f->pdf);
  text = flatten (pdf_text);
  pages = g_strsplit (text, "\f", -1);
  page = pages[0];

  /* The intended purpose, not "not a medical device". */
  g_assert_null (strstr (text, "not a medical device"));
  at = find_after (page, page, "Tidemark is a personal record of how you are");

  /* What needs attention comes first, in this order. */
  at = find_after (page, at, "Needs Attention");
  g_assert_null (g_strstr_len (page, at - page, "Summary"));
  at = find_after (page, at, "Last dose: 9 Nov (25 days ago). Next planned: 10 Dec.");
  at = find_after (page, at, "2026-10-29 11:30 · Urgent · Blood pressure (S5): blood pressure after the dose 186/104");
  at = find_after (page, at, "Answer: I'll contact my clinician, 2026-10-29 11:32");
  at = find_after (page, at, "2026-11-16 20:00 · Urgent · Thoughts of self-harm (S4)");
  at = find_after (page, at, "Not answered.");
  at = find_after (page, at, "2026-11-09 10:00 · Caution · Effects after a dose (S1)");
  at = find_after (page, at, "Answer: I need help now, 2026-11-09 10:05");
  at = find_after (page, at, "Monday 16 November 2026: “Several days” (1 of 3). Total 8 of 27, Mild.");
  at = find_after (page, at, "2026-11-09 10:01 · Caution · Beyond the plan (S3)");
  at = find_after (page, at, "2026-10-29 10:00 · 50 mg Sublingual · on the day · route differs. Plan: 50 mg Oral.");
  at = find_after (page, at, "2026-11-09 09:30 · 50 mg Oral · beyond the plan. Plan: 50 mg Oral.");
  at = find_after (page, at, "186/104 mmHg 40 minutes after the dose of 2026-10-29 10:00");
  at = find_after (page, at, "2026-11-09 09:30 · 50 mg Oral");
  at = find_after (page, at, "Summary");
  g_assert_null (strstr (page, "Nothing needs attention"));
  g_assert_null (strstr (page, "(S2)"));
  g_assert_null (strstr (page, "(S7)"));

  /* The plan, the PIN, the check-ins written later, which way is better. */
  at = find_after (page, at, entered);
  at = find_after (page, at, reset);
  at = find_after (page, at, "Back-filled (written more than a day after the day they describe): 2. "
                             "Changed after they were first saved: 2.");

  /* The summary's figures, from the record above. The default period is
   * the 91 days from 5 September to 4 December, with 4 check-ins (mean
   * mood 5.5) and none in the 91 days before. The plan's days whose window
   * (2 days either side) has closed: 15 and 29 October, taken on the day
   * (the second by another route, still on time); 12 and 26 November,
   * missed; 10 December's window is still to come. The session of
   * 9 November is beyond the plan. The PHQ-9's answers add up to 8: mild
   * (5–9). */
  find_after (page, page, "Days checked in 4 of 91 days (4 %)");
  find_after (page, page, "Sessions 4 planned with their window closed: 2 taken on time, 0 late, 2 missed. "
                        "1 beyond the plan. 3 logged in all.");
  find_after (page, page, "Mean mood 5.5 of 10; no check-ins in the 91 days before");
  find_after (page, page, "Latest PHQ-9 8 of 27, Mild, on Monday 16 November 2026");
  find_after (page, at, "Mood: higher is better.");
  find_after (page, at, "PHQ-9: lower is better.");
  find_after (page, at, "GAD-7: lower is better.");

  /* The sessions table: status, days since the dose before, who was there. */
  at = find_after (text, text, "Someone with them");
  at = find_after (text, at, "2026-10-15 10:00 on the day 50 mg Oral At home — Yes");
  at = find_after (text, at, "2026-10-29 10:00 on the day · route differs 50 mg Sublingual At a clinic 14 Yes");
  at = find_after (text, at, "2026-11-09 09:30 beyond the plan 50 mg Oral At home 11 No");

  /* As of the end of an earlier period: 12 November missed, 26 November
   * next; and while 12 November's window is still open. */
  {
    const char *ends[][2] = {
      { "2026-11-20", "Last dose by the end of the period: 9 Nov (11 days before it). Next planned: 26 Nov." },
      { "2026-11-13", "Last dose by the end of the period: 9 Nov (4 days before it). "
                      "Next planned: 12 Nov, due (its window is still open)." },
      { "2026-10-14", "No dose logged by the end of the period. Next planned: 15 Oct." },
    };

    for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
      {
        g_autoptr(TmReportData) earlier = NULL;
        g_autofree char *earlier_pdf = NULL;
        g_autofree char *earlier_text = NULL;

        g_strlcpy (options.to, ends[i][0], sizeof options.to);
        g_strlcpy (options.from, "2026-09-01", sizeof options.from);
        earlier = tm_report_data_new_from_store (store, &options, &error);
        g_assert_no_error (error);
        g_assert_true (tm_report_write (earlier, f->pdf, NULL, NULL, &error));
        earlier_pdf = tm_test_run_poppler ("pdftotext", f->pdf);
        earlier_text = flatten (earlier_pdf);
        find_after (earlier_text, earlier_text, ends[i][1]);
      }
  }

  tm_time_set_clock (NULL, NULL);
}

/* A dose taken far east of here is on tomorrow's day where it was taken;
 * a period may end tomorrow, and the dose is the last one, not none. */
static void
test_last_dose_east (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 12, 4, 21, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmSession) session = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *text = NULL;
  TmReportOptions options;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  /* 08:00 on 5 December at UTC+14:00 is 19:00 on the 4th here. */
  session = add_session (store, "2026-12-05T08:00:00+14:00", TM_ROUTE_ORAL, TM_SETTING_CLINIC, TRUE, -1, -1);

  tm_report_options_init (&options);
  g_strlcpy (options.to, "2026-12-05", sizeof options.to);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);
  pdf_text = tm_test_run_poppler ("pdftotext", f->pdf);
  text = flatten (pdf_text);
  find_after (text, text, "Last dose: 5 Dec (today). No plan entered.");

  tm_time_set_clock (NULL, NULL);
}

/* A record made by hand for October 2026, the day being Wednesday
 * 4 November: a plan every 7 days from Thursday 1 October, 50 mg oral,
 * 1 day either side, with 22 October cancelled and Sunday 25 October
 * added; sessions on 1 October (on the day), 16 October (late for the
 * 15th) and 29 October (on the day), in a clinic with someone there; a
 * check-in every day, one with a note; a PHQ-9 and a GAD-7 on Monday
 * 12 October; one safety prompt. */
static void
fill_october (TmStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-10-01");
  g_autoptr(TmPlanDate) cancelled = tm_plan_date_new ("2026-10-22", TM_PLAN_DATE_CANCELLED);
  g_autoptr(TmPlanDate) extra = tm_plan_date_new ("2026-10-25", TM_PLAN_DATE_EXTRA);
  g_autoptr(TmQuestionnaire) phq9 = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-10-12");
  g_autoptr(TmQuestionnaire) gad7 = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-10-12");
  const int phq9_answers[] = { 1, 2, 1, 1, 0, 1, 1, 0, 0 };
  const int gad7_answers[] = { 1, 1, 1, 1, 0, 0, 0 };
  const char *taken[] = { "2026-10-01T10:00:00+02:00", "2026-10-16T10:00:00+02:00", "2026-10-29T10:00:00+01:00" };
  TmSession *first = NULL;

  plan->interval_days = 7;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 1;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  g_assert_true (tm_store_add_plan_date (store, cancelled, &error));
  g_assert_true (tm_store_add_plan_date (store, extra, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      TmSession *s = add_session (store, taken[i], TM_ROUTE_ORAL, TM_SETTING_CLINIC, TRUE, -1, -1);

      if (first == NULL)
        first = g_object_ref (s);
      g_object_unref (s);
    }

  for (int d = 0; d < 31; d++)
    {
      g_autofree char *day = tm_day_add ("2026-10-01", d);
      g_autoptr(TmCheckin) c = tm_checkin_new (day);

      c->mood = 5 + d % 3;
      if (d == 9)
        c->note = g_strdup ("Slept badly after the long drive.");
      g_assert_true (tm_store_save_checkin (store, c, &error));
      g_assert_no_error (error);
    }

  memcpy (phq9->answers, phq9_answers, sizeof phq9_answers);
  memcpy (gad7->answers, gad7_answers, sizeof gad7_answers);
  g_assert_true (tm_store_save_questionnaire (store, phq9, &error));
  g_assert_true (tm_store_save_questionnaire (store, gad7, &error));
  g_assert_no_error (error);

  add_event (store, TM_RULE_S7, TM_LEVEL_INFO, TM_SOURCE_SESSION, first->id, "2026-10-01T08:30:00Z",
             "other medicines: sleep medicine", "noted", "2026-10-01T08:31:00Z");
  g_object_unref (first);
}

/* The report of @store with @options, as flattened text. */
static char *
report_text (Fixture               *f,
             TmStore               *store,
             const TmReportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *text = NULL;

  data = tm_report_data_new_from_store (store, options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);
  text = tm_test_run_poppler ("pdftotext", f->pdf);
  return flatten (text);
}

/* The October report with @sections and @patient (NULL: the stored name),
 * as flattened text. */
static char *
october_text (Fixture    *f,
              TmStore    *store,
              guint       sections,
              const char *patient)
{
  g_autoptr(GError) error = NULL;
  TmReportOptions options;

  tm_report_options_init (&options);
  g_strlcpy (options.from, "2026-10-01", sizeof options.from);
  g_strlcpy (options.to, "2026-10-31", sizeof options.to);
  options.paper = TM_PAPER_A4;
  options.sections = sections;
  if (patient != NULL)
    g_assert_true (tm_report_options_set_patient (&options, patient, &error));
  return report_text (f, store, &options);
}

/* What only each section prints: its heading and some of its content. */
static const char *const section_marks[TM_N_REPORT_SECTIONS][3] = {
  [TM_REPORT_SECTION_SUMMARY] = { "Needs Attention", "Days checked in 31 of 31 days", NULL },
  [TM_REPORT_SECTION_AGENDA] = { "Agenda Safety prompts", "Planned session of 8 October missed",
                                 "A check-in on every day from 1 October to 31 October." },
  [TM_REPORT_SECTION_CHARTS] = { "Mood Against the Plan", "Mood After a Session", "Hollow circles and dashed rules" },
  [TM_REPORT_SECTION_QUESTIONNAIRES] = { "Questionnaire Total Severity", "Monday 12 October 2026 PHQ-9 7 of 27 Mild",
                                         "Monday 12 October 2026 GAD-7 4 of 21 Minimal" },
  [TM_REPORT_SECTION_INTERVAL] = { "Evidence About the Interval", "Dosing cycles", NULL },
  [TM_REPORT_SECTION_SESSIONS] = { "Sessions Status against the plan", "Days since the previous dose",
                                   "2026-10-16 10:00 late (1 day)" },
  [TM_REPORT_SECTION_SAFETY_PROMPTS] = { "Safety Prompts", "What raised it", "other medicines: sleep medicine" },
  [TM_REPORT_SECTION_NOTES] = { "Check-in Notes", "Slept badly after the long drive.", NULL },
  [TM_REPORT_SECTION_REVIEW_NOTES] = { "Review Notes", "No review covered days of this period.", NULL },
};

static void
assert_section (const char      *text,
                TmReportSection  section,
                gboolean         shown)
{
  for (guint i = 0; i < 3 && section_marks[section][i] != NULL; i++)
    {
      const char *mark = section_marks[section][i];

      if (shown && strstr (text, mark) == NULL)
        g_error ("Section “%s” is chosen, and the report lacks “%s”", tm_report_section_get_info (section)->id,
                 mark);
      if (!shown && strstr (text, mark) != NULL)
        g_error ("Section “%s” is left out, and the report shows “%s”", tm_report_section_get_info (section)->id,
                 mark);
    }
}

/* Each section alone shows its heading and content and no other's; all
 * but one hides only that one. The header is always there. */
static void
test_sections (Fixture       *f,
               gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 11, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill_october (store);
  g_assert_true (tm_store_set_report_name (store, "Alex Example", &error));

  {
    g_autofree char *all = october_text (f, store, TM_REPORT_SECTIONS_ALL, NULL);

    for (TmReportSection s = 0; s < TM_N_REPORT_SECTIONS; s++)
      assert_section (all, s, TRUE);
  }

  for (TmReportSection s = 0; s < TM_N_REPORT_SECTIONS; s++)
    {
      g_autofree char *only = october_text (f, store, 1u << s, NULL);
      g_autofree char *all_but = october_text (f, store, TM_REPORT_SECTIONS_ALL & ~(1u << s), NULL);

      for (TmReportSection t = 0; t < TM_N_REPORT_SECTIONS; t++)
        {
          assert_section (only, t, t == s);
          assert_section (all_but, t, t != s);
        }
      find_after (only, only, "Tidemark Report Name or ID: Alex Example Period: Thursday 1 October 2026 to "
                              "Saturday 31 October 2026 (31 days)");
      find_after (only, only, "Tidemark is a personal record of how you are");
      find_after (all_but, all_but, "Name or ID: Alex Example");
    }

  tm_time_set_clock (NULL, NULL);
}

static TmRegularMedicine *
add_medicine (TmStore        *store,
              const char     *name,
              double          dose,
              const char     *unit,
              const char     *schedule,
              TmMedicineKind  kind,
              const char     *started_on,
              const char     *stopped_on,
              gint64          replaces)
{
  g_autoptr(GError) error = NULL;
  TmRegularMedicine *m = tm_regular_medicine_new (name, started_on);

  m->dose = dose;
  m->unit = g_strdup (unit);
  m->schedule = g_strdup (schedule);
  m->kind = kind;
  m->replaces = replaces;
  g_strlcpy (m->stopped_on, stopped_on != NULL ? stopped_on : "", sizeof m->stopped_on);
  g_assert_true (tm_store_add_medicine (store, m, &error));
  g_assert_no_error (error);
  return m;
}

/* The regular medicines of the period, before the sessions: each row with
 * its dose, schedule, kind and days, and the sessions of the period taken
 * while it was in effect; a medicine stopped before the period is not
 * there, and the table goes with the Sessions section. */
static void
test_regular_medicines (Fixture       *f,
                        gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 11, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmRegularMedicine) first = NULL;
  g_autoptr(TmRegularMedicine) raised = NULL;
  g_autoptr(TmRegularMedicine) vitamin = NULL;
  g_autoptr(TmRegularMedicine) melatonin = NULL;
  g_autofree char *all = NULL;
  g_autofree char *without = NULL;
  const char *at;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill_october (store);   /* sessions on 1, 16 and 29 October */
  first = add_medicine (store, "Sertraline", 50, "mg", "every morning", TM_MEDICINE_KIND_ANTIDEPRESSANT,
                        "2026-05-01", NULL, 0);
  raised = add_medicine (store, "Sertraline", 100, "mg", "every morning", TM_MEDICINE_KIND_ANTIDEPRESSANT,
                         "2026-10-10", NULL, first->id);
  vitamin = add_medicine (store, "Vitamin D", 1000, "IU", "once a day", TM_MEDICINE_KIND_OTHER, "2026-01-10",
                          "2026-10-20", 0);
  melatonin = add_medicine (store, "Melatonin", 2, "mg", "at night", TM_MEDICINE_KIND_SLEEP, "2026-03-01",
                            "2026-06-30", 0);

  all = october_text (f, store, TM_REPORT_SECTIONS_ALL, NULL);
  at = find_after (all, all, "Regular Medicines");
  at = find_after (all, at, "Medicine Dose Schedule Kind Started Stopped Sessions while taken");
  at = find_after (all, at, "Sertraline 50 mg every morning Antidepressant 1 May 9 Oct, then changed 1: 1 Oct");
  at = find_after (all, at, "Sertraline 100 mg every morning Antidepressant 10 Oct — 2: 16 Oct, 29 Oct");
  at = find_after (all, at, "Vitamin D 1000 IU once a day Other 10 Jan 20 Oct 2: 1 Oct, 16 Oct");
  find_after (all, at, "Sessions Status against the plan");
  g_assert_null (strstr (all, "Melatonin"));

  without = october_text (f, store, TM_REPORT_SECTIONS_ALL & ~(1u << TM_REPORT_SECTION_SESSIONS), NULL);
  g_assert_null (strstr (without, "Regular Medicines"));

  tm_time_set_clock (NULL, NULL);
}

/* The monthly follow-ups of the period, in the Questionnaires section:
 * each day with what was noted (the item and its answer) and how well the
 * treatment was tolerated; one outside the period is not there. */
static void
test_followups (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 11, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autofree char *all = NULL;
  g_autofree char *without = NULL;
  const struct { const char *day; const char *answers; int tolerance; } followups[] = {
    { "2026-09-20", "000000000001", 9 },
    { "2026-10-05", "000000000000", 8 },
    { "2026-10-30", "010002100000", 6 },
  };
  const char *at;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill_october (store);
  for (guint i = 0; i < G_N_ELEMENTS (followups); i++)
    {
      g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, followups[i].day);

      g_assert_true (tm_questionnaire_set_answers_text (q, followups[i].answers));
      q->tolerance = followups[i].tolerance;
      g_assert_true (tm_store_save_questionnaire (store, q, &error));
      g_assert_no_error (error);
    }

  all = october_text (f, store, TM_REPORT_SECTIONS_ALL, NULL);
  /* The PHQ-9 chart's lines, with the baseline they use. */
  at = find_after (all, all, "Remission: below 5. PHQ-9: lower is better.");
  at = find_after (all, at, "Monthly Follow-up");
  at = find_after (all, at, "Day Noted Tolerated");
  at = find_after (all, at, "Monday 5 October 2026 Nothing noted 8 of 10");
  at = find_after (all, at, "Friday 30 October 2026 Needing to pass urine urgently or more often than usual: A "
                            "little; Memory or concentration worse than before treatment: A lot; Cravings for "
                            "ketamine: A little");
  find_after (all, at, "6 of 10");
  /* The September one, outside the period, is not in the table. */
  g_assert_null (strstr (all, "Being pregnant or planning a pregnancy: Yes"));

  without = october_text (f, store, TM_REPORT_SECTIONS_ALL & ~(1u << TM_REPORT_SECTION_QUESTIONNAIRES), NULL);
  g_assert_null (strstr (without, "Monthly Follow-up"));

  tm_time_set_clock (NULL, NULL);
}

/* --patient's way in: the name or ID for one report, instead of the
 * stored one; empty leaves it off; the stored one stays as it was. */
static void
test_patient_override (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *other = NULL;
  g_autofree char *none = NULL;
  g_autofree char *kept = NULL;
  TmReportOptions options;

  if (!tm_test_have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill_october (store);
  g_assert_true (tm_store_set_report_name (store, "Alex Example", &error));

  stored = october_text (f, store, 1u << TM_REPORT_SECTION_SUMMARY, NULL);
  find_after (stored, stored, "Name or ID: Alex Example");
  find_after (stored, stored, "Alex Example · Tidemark report, 2026-10-01 to 2026-10-31");

  other = october_text (f, store, 1u << TM_REPORT_SECTION_SUMMARY, "  MRN 0042 ");
  find_after (other, other, "Name or ID: MRN 0042 Period");
  find_after (other, other, "MRN 0042 · Tidemark report, 2026-10-01 to 2026-10-31");
  g_assert_null (strstr (other, "Alex Example"));

  none = october_text (f, store, 1u << TM_REPORT_SECTION_SUMMARY, "");
  g_assert_null (strstr (none, "Name or ID"));
  g_assert_null (strstr (none, "Alex Example"));

  kept = tm_store_get_report_name (store);
  g_assert_cmpstr (kept, ==, "Alex Example");

  /* Refused as the stored one would be. */
  tm_report_options_init (&options);
  g_assert_false (tm_report_options_set_patient (&options, "Alex\nExample", &error));
  g_assert_cmpstr (error->message, ==, "The name or ID must fit on one line. Remove the line breaks and tabs.");
  g_assert_false (options.patient_set);
}

/* The missed planned days, each by its date, under the summary's count:
 * worked out from fill_october's plan by hand. Planned in October: 1, 8,
 * 15, (22 cancelled), 25 (extra) and 29. Taken: 1 (on the day), 16 (late
 * for the 15th), 29 (on the day). Nothing within a day of 8 or 25
 * October: missed. */
static void
test_missed_days (Fixture       *f,
                  gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 11, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autofree char *text = NULL;
  const char *at;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill_october (store);

  text = october_text (f, store, 1u << TM_REPORT_SECTION_SUMMARY, NULL);
  at = find_after (text, text, "Sessions 5 planned with their window closed: 2 taken on time, 1 late, 2 missed. "
                               "0 beyond the plan. 3 logged in all.");
  find_after (text, at, "Missed planned days Thursday 8 October 2026; Sunday 25 October 2026 Mean mood");
  g_assert_null (strstr (text, "Thursday 22 October 2026"));

  /* None missed: no such line. */
  {
    g_autoptr(TmReportData) data = NULL;
    g_autofree char *pdf_text = NULL;
    g_autofree char *flat = NULL;
    TmReportOptions options;

    tm_report_options_init (&options);
    g_strlcpy (options.from, "2026-10-01", sizeof options.from);
    g_strlcpy (options.to, "2026-10-06", sizeof options.to);
    data = tm_report_data_new_from_store (store, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (data->missed), ==, 0);
    g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
    pdf_text = tm_test_run_poppler ("pdftotext", f->pdf);
    flat = flatten (pdf_text);
    find_after (flat, flat, "1 planned with their window closed: 1 taken on time, 0 late, 0 missed.");
    g_assert_null (strstr (flat, "Missed planned days"));
  }

  tm_time_set_clock (NULL, NULL);
}

/* Adds a finished review of @from … @to by Dr. Example; returns its id. */
static gint64
add_review (TmStore    *store,
            const char *from,
            const char *to,
            const char *finished_at,
            const char *note,
            gint64      corrects)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmReview) review = tm_review_new (from, to);

  tm_review_set_author (review, "Dr. Example");
  tm_review_set_note (review, note);
  tm_review_set_finished_at (review, finished_at);
  review->corrects = corrects;
  g_assert_true (tm_store_add_review (store, review, &error));
  g_assert_no_error (error);
  return review->id;
}

/* The agenda of the period, in its order, each part under its heading:
 * the safety prompt, the missed planned days, the check-in marked to
 * bring up with its note. The review notes: each finished review that
 * covered a day of the period, a correction standing for the row it
 * corrects, with who, when, the days and its note; none from outside the
 * period. Both sections left out: neither is there. */
static void
test_agenda_and_reviews (Fixture       *f,
                         gconstpointer  unused)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (berlin, 2026, 11, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmCheckin) flagged = tm_checkin_new ("2026-10-20");
  g_autofree char *text = NULL;
  g_autofree char *neither = NULL;
  const char *agenda, *at;
  gint64 wrong;

  if (!tm_test_have_poppler ())
    return;

  tm_time_set_clock (fixed_clock, now);
  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill_october (store);
  flagged->mood = 3;
  flagged->note = g_strdup ("Want to talk about the week after the dose.");
  flagged->discuss = TRUE;
  g_assert_true (tm_store_save_checkin (store, flagged, &error));
  g_assert_no_error (error);

  add_review (store, "2026-08-01", "2026-09-30", "2026-10-01T09:00:00+02:00", "Before the period.", 0);
  wrong = add_review (store, "2026-10-01", "2026-10-14", "2026-10-15T17:00:00+02:00", "Written in haste.", 0);
  add_review (store, "2026-10-01", "2026-10-14", "2026-10-15T17:30:00+02:00",
              "Sleep better since the new routine. Keep the weekly plan.", wrong);

  text = october_text (f, store, (1u << TM_REPORT_SECTION_AGENDA) | (1u << TM_REPORT_SECTION_REVIEW_NOTES),
                       NULL);
  agenda = find_after (text, text, "Agenda Safety prompts Other medicines Information, shown on 1 October. "
                                   "Answered: Understood.");
  at = find_after (text, agenda, "Missed and late planned sessions Planned session of 8 October missed");
  at = find_after (text, at, "Planned session of 25 October missed");
  at = find_after (text, at, "Questionnaires PHQ-9: 7");
  at = find_after (text, at, "Days without a check-in A check-in on every day from 1 October to 31 October.");
  at = find_after (text, at, "Marked to bring up Check-in of 20 October Want to talk about the week after the dose.");

  at = find_after (text, at, "Review Notes Reviewed with Dr. Example on Thursday 15 October 2026 "
                             "Period reviewed: Thursday 1 October 2026 to Wednesday 14 October 2026 "
                             "Sleep better since the new routine. Keep the weekly plan.");
  g_assert_null (strstr (text, "Written in haste."));
  g_assert_null (strstr (at, "Before the period."));
  /* The header says nothing of the sections left out. */
  g_assert_null (strstr (text, "Needs Attention"));
  g_assert_null (strstr (text, "Check-in Notes"));

  neither = october_text (f, store, TM_REPORT_SECTIONS_ALL & ~(1u << TM_REPORT_SECTION_AGENDA) &
                                    ~(1u << TM_REPORT_SECTION_REVIEW_NOTES), NULL);
  g_assert_null (strstr (neither, "Agenda"));
  g_assert_null (strstr (neither, "Marked to bring up"));
  g_assert_null (strstr (neither, "Review Notes"));
  g_assert_null (strstr (neither, "Reviewed with Dr. Example"));
  g_assert_null (strstr (neither, "Keep the weekly plan."));

  tm_time_set_clock (NULL, NULL);
}

/* This program, to run one of its tests again. */
static const char *program;

/* The TAP output of /report/empty-period run with no tools on the PATH,
 * and its exit status. */
static char *
run_without_tools (gboolean  allow_missing,
                   int      *status)
{
  g_autofree char *empty = tm_test_make_data_dir ();
  const char *argv[] = { program, "--tap", "-p", "/report/empty-period", NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  env = g_environ_setenv (env, "PATH", empty, TRUE);
  env = allow_missing ? g_environ_setenv (env, "TIDEMARK_ALLOW_MISSING_TOOLS", "1", TRUE)
                      : g_environ_unsetenv (env, "TIDEMARK_ALLOW_MISSING_TOOLS");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, status, &error);
  g_assert_no_error (error);
  tm_test_remove_tree (empty);
  return out;
}

/* Without poppler's tools a PDF test fails, so that a machine where the
 * tests are meant to run (build-aux/dev installs the tools) never passes it
 * unseen; with TIDEMARK_ALLOW_MISSING_TOOLS it is skipped, and says so. */
static void
test_tools_missing (void)
{
  int status = 0;
  g_autofree char *refused = run_without_tools (FALSE, &status);
  g_autofree char *allowed = NULL;

  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (refused, "not ok 1 /report/empty-period"));
  g_assert_nonnull (strstr (refused, "pdfinfo is missing"));
  g_assert_nonnull (strstr (refused, "TIDEMARK_ALLOW_MISSING_TOOLS"));

  allowed = run_without_tools (TRUE, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (allowed, "ok 1 /report/empty-period # SKIP pdfinfo is missing"));
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

  /* The sections: ids in any case and spacing; an unknown one, or none,
   * is refused naming the ones there are. */
  {
    guint sections = 0;

    g_assert_cmpuint (options.sections, ==, TM_REPORT_SECTIONS_ALL);
    g_assert_true (tm_report_sections_parse ("summary, Notes,safety-prompts", &sections, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sections, ==, (1u << TM_REPORT_SECTION_SUMMARY) | (1u << TM_REPORT_SECTION_NOTES) |
                                    (1u << TM_REPORT_SECTION_SAFETY_PROMPTS));
    g_assert_false (tm_report_sections_parse ("summary,charst", &sections, &error));
    g_assert_cmpstr (error->message, ==, "“charst” is not a section of the report; the sections are summary, "
                                         "agenda, charts, questionnaires, interval, sessions, safety-prompts, notes, "
                                         "review-notes.");
    g_clear_error (&error);
    g_assert_false (tm_report_sections_parse (" , ", &sections, &error));
    g_assert_cmpstr (error->message, ==, "Choose at least one section of the report: summary, agenda, "
                                         "charts, questionnaires, interval, sessions, safety-prompts, notes, "
                                         "review-notes.");
    g_clear_error (&error);

    tm_report_options_init (&options);
    options.sections = 0;
    g_assert_false (tm_report_options_validate (&options, &error));
    g_assert_cmpstr (error->message, ==, "Choose at least one section for the report.");
    g_clear_error (&error);
  }

  g_assert_true (tm_validate_report_name ("Alex Example", &error));
  g_assert_false (tm_validate_report_name ("Alex\nExample", &error));
  g_clear_error (&error);

  {
    g_autofree char *name = tm_report_default_file_name ("2026-11-28");

    g_assert_cmpstr (name, ==, "tidemark-report-2026-11-28.pdf");
  }
}

/* The evidence about the interval, for four three-weekly cycles worked
 * by hand (the same record as tests/test-interval.c: a dip of 2.0, 95 %
 * interval 0.7 to 3.3): its chart, its table and its sentence. */
static void
test_interval_evidence (Fixture       *f,
                        gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-02");
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const int early[4][2] = { { 7, 7 }, { 6, -1 }, { 8, -1 }, { 7, -1 } };
  const int late[4][2] = { { 5, -1 }, { 5, 5 }, { 5, -1 }, { 5, -1 } };
  TmReportOptions options;
  const char *at;

  if (!tm_test_have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  plan->interval_days = 21;
  plan->dose_mg = 50;
  plan->route = TM_ROUTE_ORAL;
  plan->tolerance_days = 2;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  for (int c = 0; c < 4; c++)
    {
      g_autofree char *day = tm_day_add ("2026-03-02", 21 * c);
      g_autofree char *taken = g_strdup_printf ("%sT09:00:00+01:00", day);
      g_autoptr(TmSession) s = add_session (store, taken, TM_ROUTE_ORAL, TM_SETTING_CLINIC, TRUE, 120, 80);

      for (int i = 0; i < 2; i++)
        for (int part = 0; part < 2; part++)
          {
            int mood = part == 0 ? early[c][i] : late[c][i];
            g_autofree char *when = tm_day_add (day, part == 0 ? i : 15 + i);
            g_autoptr(TmCheckin) checkin = tm_checkin_new (when);

            if (mood < 0)
              continue;
            checkin->mood = mood;
            g_assert_true (tm_store_save_checkin (store, checkin, &error));
          }
    }

  tm_report_options_init (&options);
  g_strlcpy (options.from, "2026-03-02", sizeof options.from);
  g_strlcpy (options.to, "2026-05-24", sizeof options.to);
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, NULL, &error));
  g_assert_no_error (error);

  text = tm_test_run_poppler ("pdftotext", f->pdf);
  flat = flatten (text);
  at = find_after (flat, flat, "Evidence About the Interval");
  /* The first 28 days hold 7, 7 (days 0–1), 5 (day 15) and 6 (day 21): 6.25. */
  at = find_after (flat, at, "Baseline: the mean mood of the first 28 days of the record, 6.2.");
  at = find_after (flat, at, "so a difference between periods does not show what caused it.");
  at = find_after (flat, at, "Plan period every 3 weeks, from Monday 2 March 2026");
  at = find_after (flat, at, "Dosing cycles 4");
  at = find_after (flat, at, "Dip, early − late days (95 % interval) 2.0 (0.7 to 3.3)");
  at = find_after (flat, at, "While the plan was every 3 weeks, from Monday 2 March 2026, mood on days 14–20 after a "
                             "dose averaged 2.0 points lower than on days 0–6 (95 % interval 0.7 to 3.3; 4 dosing "
                             "cycles).");
  g_assert_nonnull (at);
}

/* The sessions table carries what a clinic's monitoring form asks for
 * (someone with them, minutes monitored, ready to leave at a clinic only),
 * and the intention and reflection under the row when notes are in. */
static void
test_session_day (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmSession) clinic = tm_session_new ();
  g_autoptr(TmSession) home = tm_session_new ();

  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  tm_session_set_taken_at (clinic, "2026-03-02T09:00:00+01:00");
  clinic->dose_mg = 56;
  clinic->route = TM_ROUTE_INTRANASAL;
  clinic->setting = TM_SETTING_CLINIC;
  clinic->monitor_present = TRUE;
  clinic->monitored_minutes = 125;
  clinic->ready_minutes = 95;
  tm_session_set_intention (clinic, "Notice the work worry.");
  tm_session_set_reflection (clinic, "Further away afterwards.");
  g_assert_true (tm_store_save_session (store, clinic, &error));
  tm_session_set_taken_at (home, "2026-03-16T09:00:00+01:00");
  home->dose_mg = 50;
  home->monitor_present = TRUE;
  home->monitored_minutes = 150;
  g_assert_true (tm_store_save_session (store, home, &error));
  g_assert_no_error (error);

  for (int with_notes = 0; with_notes <= 1; with_notes++)
    {
      TmReportOptions options;
      g_autoptr(TmReportData) report = NULL;
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;
      const char *at;

      tm_report_options_init (&options);
      g_strlcpy (options.from, "2026-03-01", sizeof options.from);
      g_strlcpy (options.to, "2026-03-31", sizeof options.to);
      if (!with_notes)
        options.sections &= ~(1u << TM_REPORT_SECTION_NOTES);
      report = tm_report_data_new_from_store (store, &options, &error);
      g_assert_no_error (error);
      g_assert_true (tm_report_write (report, f->pdf, NULL, NULL, &error));
      g_assert_no_error (error);
      text = tm_test_run_poppler ("pdftotext", f->pdf);
      flat = flatten (text);

      at = find_after (flat, flat, "Sessions");
      g_assert_nonnull (find_after (flat, at, "Yes 125 min Ready to leave: 95 min"));
      /* "Ready to leave" once, for the clinic dose only. */
      g_assert_nonnull (find_after (flat, at, "Yes 150 min"));
      g_assert_null (strstr (strstr (flat, "Ready to leave: 95 min") + 1, "Ready to leave"));
      g_assert_cmpint (!!strstr (flat, "Intention: Notice the work worry."), ==, with_notes);
      g_assert_cmpint (!!strstr (flat, "Reflection: Further away afterwards."), ==, with_notes);
    }
}

/* Under the sessions table, a small blood pressure chart for each session
 * with two readings or more, headed by its time and dose; none for a
 * session with one, and no such part when no session has two. */
static void
test_session_readings (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmSession) charted = tm_session_new ();
  g_autoptr(TmSession) single = tm_session_new ();
  const char *heading = "Blood Pressure Through Each Session";

  if (!tm_test_have_poppler ())
    return;

  store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
  tm_session_set_taken_at (charted, "2026-03-02T09:00:00+01:00");
  charted->dose_mg = 56;
  charted->route = TM_ROUTE_INTRANASAL;
  tm_test_add_bp (charted, 0, 128, 82);
  tm_test_add_bp (charted, 40, 141, 88);
  tm_test_add_bp (charted, 150, 126, 80);
  g_assert_true (tm_store_save_session (store, charted, &error));
  tm_session_set_taken_at (single, "2026-03-16T09:30:00+01:00");
  single->dose_mg = 50;
  single->route = TM_ROUTE_ORAL;
  tm_test_add_bp (single, 40, 150, 90);
  g_assert_true (tm_store_save_session (store, single, &error));
  g_assert_no_error (error);

  for (int with_charted = 1; with_charted >= 0; with_charted--)
    {
      TmReportOptions options;
      g_autoptr(TmReportData) report = NULL;
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;
      const char *at;

      tm_report_options_init (&options);
      g_strlcpy (options.from, with_charted ? "2026-03-01" : "2026-03-10", sizeof options.from);
      g_strlcpy (options.to, "2026-03-31", sizeof options.to);
      report = tm_report_data_new_from_store (store, &options, &error);
      g_assert_no_error (error);
      g_assert_true (tm_report_write (report, f->pdf, NULL, NULL, &error));
      g_assert_no_error (error);
      text = tm_test_run_poppler ("pdftotext", f->pdf);
      flat = flatten (text);

      if (!with_charted)
        {
          g_assert_null (strstr (flat, heading));
          continue;
        }
      at = find_after (flat, flat, "Sessions Status against the plan");
      at = find_after (flat, at, heading);
      at = find_after (flat, at, "2026-03-02 09:00 · 56 mg");
      /* The chart's own words: its unit, the urgent lines, the lines' names. */
      at = find_after (flat, at, "mmHg");
      g_assert_nonnull (strstr (at, "Urgent from 180"));
      g_assert_nonnull (strstr (at, "Urgent from 110"));
      g_assert_nonnull (strstr (at, "Systolic"));
      g_assert_nonnull (strstr (at, "Diastolic"));
      /* The session with one reading has none. */
      g_assert_null (strstr (at, "2026-03-16 09:30 · 50 mg"));
    }
}

/* In German, the longer words of the sessions table's headers stay
 * whole: the columns make room for them ("Überwachung", not
 * "Überwach-ung"). */
static void
test_german_headers_whole (Fixture       *f,
                           gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmReportData) data = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *text = NULL;
  TmReportOptions options;
  int n_pages = 0;

  if (!tm_test_have_poppler ())
    return;
  /* German from the build's translations (TIDEMARK_LOCALEDIR) in the
   * de_DE.UTF-8 locale the build makes (LOCPATH). */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("The locale de_DE.UTF-8 is missing (LOCPATH=%s)", g_getenv ("LOCPATH"));
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Other medicines"), ==, "Andere Medikamente");

  store = demo_store (f, today, TM_DEMO_DAYS, &record);
  tm_report_options_init (&options);
  options.paper = TM_PAPER_A4;
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (tm_report_write (data, f->pdf, NULL, &n_pages, &error));
  g_assert_no_error (error);
  setlocale (LC_ALL, "C.UTF-8");

  text = tm_test_run_poppler ("pdftotext", f->pdf);
  g_assert_nonnull (strstr (text, "Medikamente"));
  g_assert_null (strstr (text, "Medikam-\n"));
  g_assert_null (strstr (text, "Überwach-\n"));
  g_assert_nonnull (strstr (text, "(0–10)"));
  g_assert_null (strstr (text, "(0–\n"));
}

/* The trend chart's caption says what the chart shows at each range: the
 * rules across the plot only while the days are wide enough for them, the
 * doses only when there is room to print them over the sessions, the
 * 7-day mean leading when the days are narrow. */
static void
test_trend_caption_every_range (Fixture       *f,
                                gconstpointer  unused)
{
  static const struct
  {
    int      days;
    gboolean rules;
  } ranges[] = { { 31, TRUE }, { 92, TRUE }, { 365, FALSE }, { 3 * 365, FALSE } };
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autofree char *today = tm_day_today ();

  if (!tm_test_have_poppler ())
    return;

  store = demo_store (f, today, 3 * 365, &record);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autofree char *from = tm_day_add (today, 1 - ranges[i].days);
      g_autofree char *flat = NULL;
      TmReportOptions options;

      tm_report_options_init (&options);
      g_strlcpy (options.from, from, sizeof options.from);
      options.sections = 1u << TM_REPORT_SECTION_CHARTS;
      flat = report_text (f, store, &options);

      if (ranges[i].rules)
        assert_contains (flat, "Hollow circles and dashed rules: planned sessions");
      else
        {
          assert_contains (flat, "Hollow circles: planned sessions; filled circles: sessions taken");
          g_assert_null (strstr (flat, "rules: planned"));
        }
      /* A month has room for the doses; three years do not. */
      if (ranges[i].days == 31)
        assert_contains (flat, "sessions taken, with their dose.");
      if (ranges[i].days == 3 * 365)
        assert_contains (flat, "sessions taken, too close together at this range for their doses.");
      /* At a year and more the 7-day mean leads, and the caption says so. */
      g_assert_cmpint (strstr (flat, "which leads at this range") != NULL, ==, ranges[i].days >= 365);
    }
}

/* The after-dose and interval charts draw the 8 latest plan periods; their
 * captions say so when there are more, and "each plan period" when there
 * are not. */
static void
test_after_dose_caption_periods (Fixture       *f,
                                 gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = tm_day_add (today, -729);
  g_autofree char *flat = NULL;
  TmReportOptions options;

  if (!tm_test_have_poppler ())
    return;

  store = demo_store (f, today, 3 * 365, &record);

  tm_report_options_init (&options);
  options.sections = 1u << TM_REPORT_SECTION_CHARTS;
  flat = report_text (f, store, &options);
  assert_contains (flat, "Mean mood on each day after a session, one line for each plan period;");

  /* Ten more plans, every 60 days of the last two years. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *start = tm_day_add (today, -700 + 60 * i);
      g_autoptr(TmPlan) plan = tm_plan_new (start);

      plan->interval_days = 14 + 7 * (i % 2);
      plan->dose_mg = 100;
      plan->route = TM_ROUTE_SUBLINGUAL;
      plan->tolerance_days = 2;
      g_assert_true (tm_store_add_plan (store, plan, &error));
      g_assert_no_error (error);
    }
  g_strlcpy (options.from, from, sizeof options.from);
  g_clear_pointer (&flat, g_free);
  flat = report_text (f, store, &options);
  assert_contains (flat, "Mean mood on each day after a session, one line for each of the 8 latest plan periods;");

  /* The interval's chart, over the whole record, says the same. */
  options.sections = 1u << TM_REPORT_SECTION_INTERVAL;
  g_clear_pointer (&flat, g_free);
  flat = report_text (f, store, &options);
  assert_contains (flat, "The chart draws the 8 latest of the ");
}

int
main (int   argc,
      char *argv[])
{
  program = argv[0];
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIDEMARK_LOCALEDIR") != NULL ? g_getenv ("TIDEMARK_LOCALEDIR")
                                                                        : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/report/german-headers-whole-words", Fixture, NULL, fixture_set_up, test_german_headers_whole,
              fixture_tear_down);

  g_test_add_func ("/report/options", test_options);
  g_test_add_func ("/report/tools-missing", test_tools_missing);
  g_test_add ("/report/demo-period", Fixture, NULL, fixture_set_up, test_demo_period, fixture_tear_down);
  g_test_add ("/report/trend-caption-every-range", Fixture, NULL, fixture_set_up, test_trend_caption_every_range,
              fixture_tear_down);
  g_test_add ("/report/after-dose-caption-periods", Fixture, NULL, fixture_set_up, test_after_dose_caption_periods,
              fixture_tear_down);
  g_test_add ("/report/letter-without-notes", Fixture, NULL, fixture_set_up, test_letter_without_notes,
              fixture_tear_down);
  g_test_add ("/report/empty-period", Fixture, NULL, fixture_set_up, test_empty_period, fixture_tear_down);
  g_test_add ("/report/imported-prompts", Fixture, NULL, fixture_set_up, test_imported_prompts,
              fixture_tear_down);
  g_test_add ("/report/long-note", Fixture, NULL, fixture_set_up, test_long_note, fixture_tear_down);
  g_test_add ("/report/many-sessions", Fixture, NULL, fixture_set_up, test_many_sessions, fixture_tear_down);
  g_test_add ("/report/times-as-taken", Fixture, NULL, fixture_set_up, test_times_as_taken, fixture_tear_down);
  g_test_add ("/report/page-one", Fixture, NULL, fixture_set_up, test_page_one, fixture_tear_down);
  g_test_add ("/report/interval-evidence", Fixture, NULL, fixture_set_up, test_interval_evidence,
              fixture_tear_down);
  g_test_add ("/report/sections", Fixture, NULL, fixture_set_up, test_sections, fixture_tear_down);
  g_test_add ("/report/regular-medicines", Fixture, NULL, fixture_set_up, test_regular_medicines,
              fixture_tear_down);
  g_test_add ("/report/followups", Fixture, NULL, fixture_set_up, test_followups, fixture_tear_down);
  g_test_add ("/report/patient-override", Fixture, NULL, fixture_set_up, test_patient_override,
              fixture_tear_down);
  g_test_add ("/report/agenda-and-reviews", Fixture, NULL, fixture_set_up, test_agenda_and_reviews,
              fixture_tear_down);
  g_test_add ("/report/missed-days", Fixture, NULL, fixture_set_up, test_missed_days, fixture_tear_down);
  g_test_add ("/report/session-day", Fixture, NULL, fixture_set_up, test_session_day, fixture_tear_down);
  g_test_add ("/report/session-readings", Fixture, NULL, fixture_set_up, test_session_readings,
              fixture_tear_down);
  g_test_add ("/report/last-dose-east", Fixture, NULL, fixture_set_up, test_last_dose_east, fixture_tear_down);
  g_test_add ("/report/failed-write-keeps-file", Fixture, NULL, fixture_set_up, test_failed_write_keeps_file,
              fixture_tear_down);

  return g_test_run ();
}
