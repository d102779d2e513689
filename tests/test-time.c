/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Days and instants: how far ahead of this machine's clock a record may
 * be (DESIGN.md, Where things happened), judged the same by every check. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>

#include "tm-csv.h"
#include "tm-report-data.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

static GDateTime *
fixed_clock (gpointer data)
{
  return g_date_time_ref (data);
}

/* Noon in Berlin on 28 November 2026: 11:00 UTC. */
static GDateTime *
set_clock_to_noon (void)
{
  GDateTime *now = g_date_time_new_from_iso8601 ("2026-11-28T12:00:00+01:00", NULL);

  tm_time_set_clock (fixed_clock, now);
  return now;
}

/* A record may be up to 26 hours ahead of the clock, no more: the day
 * after tomorrow is a day too far at noon, and an instant 27 hours ahead
 * is refused with the sentence, wherever it was written. */
static void
test_latest_allowed (void)
{
  g_autoptr(GDateTime) now = set_clock_to_noon ();
  g_autoptr(GDateTime) latest = tm_instant_latest_allowed (NULL);
  g_autofree char *latest_text = g_date_time_format (latest, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *latest_day = tm_day_latest_allowed (NULL);
  g_autofree char *today = tm_day_today ();

  g_assert_cmpstr (today, ==, "2026-11-28");
  g_assert_cmpint (g_date_time_difference (latest, now), ==, 26 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (TM_AHEAD_SLACK, ==, 26 * G_TIME_SPAN_HOUR);
  g_assert_cmpstr (latest_day, ==, "2026-11-29");

  /* Check-ins and questionnaires: tomorrow is fine, the day after not. */
  {
    g_autoptr(TmCheckin) tomorrow = tm_checkin_new ("2026-11-29");
    g_autoptr(TmCheckin) after = tm_checkin_new ("2026-11-30");
    g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-11-29");
    g_autoptr(GError) error = NULL;

    tomorrow->mood = after->mood = 5;
    g_assert_true (tm_checkin_validate (tomorrow, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (tm_checkin_validate (after, NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "A check-in can't be for a day that hasn't come yet. Choose today or an earlier day.");
    g_clear_error (&error);

    g_assert_true (tm_questionnaire_set_answers_text (q, "0000000"));
    g_assert_true (tm_questionnaire_validate (q, NULL, &error));
    g_strlcpy (q->day, "2026-11-30", sizeof q->day);
    g_assert_false (tm_questionnaire_validate (q, NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "A questionnaire can't be for a day that hasn't come yet. Choose today or an earlier day.");
  }

  /* Sessions: 26 hours ahead in any zone is fine, 27 not. */
  {
    static const struct { const char *taken_at; gboolean ok; } times[] = {
      { "2026-11-29T14:00:00+01:00", TRUE },
      { "2026-11-30T03:00:00+14:00", TRUE },
      { "2026-11-29T02:00:00-11:00", TRUE },
      { "2026-11-29T15:00:00+01:00", FALSE },
      { "2026-11-30T04:00:00+14:00", FALSE },
      { "2026-11-29T03:00:00-11:00", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        g_autoptr(TmSession) s = tm_session_new ();
        g_autoptr(GError) error = NULL;

        g_test_message ("%s", times[i].taken_at);
        tm_session_set_taken_at (s, times[i].taken_at);
        s->dose_mg = 50;
        g_assert_true (tm_session_validate (s, NULL, &error) == times[i].ok);
        if (!times[i].ok)
          g_assert_cmpstr (error->message, ==, "A session can't be in the future. Check the date and the time.");
      }
  }

  /* The report's period may end tomorrow. */
  {
    TmReportOptions options;
    g_autoptr(GError) error = NULL;

    tm_report_options_init (&options);
    g_assert_cmpstr (options.to, ==, "2026-11-28");
    g_strlcpy (options.to, "2026-11-29", sizeof options.to);
    g_assert_true (tm_report_options_validate (&options, &error));
    g_assert_no_error (error);
    g_strlcpy (options.to, "2026-11-30", sizeof options.to);
    g_assert_false (tm_report_options_validate (&options, &error));
    g_assert_cmpstr (error->message, ==,
                     "The period ends on Monday 30 November 2026, which has not come yet. End it today or earlier.");
  }

  g_assert_cmpstr (latest_text, ==, "2026-11-29T14:00:00+01:00");
  tm_time_set_clock (NULL, NULL);
}

/* With the clock set back a day, the records of the day it really is are
 * read from an export without a problem; a day more, and they are not. */
static void
test_clock_set_back (void)
{
  g_autoptr(GDateTime) now = set_clock_to_noon ();
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmCsvImport) too_far = tm_csv_import_new ();
  static const char checkins[] =
    "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\",\"note\","
    "\"created_at\",\"updated_at\"\r\n"
    "\"2026-11-29\",5,,,,0,,,\"2026-11-29T12:00:00Z\",\"2026-11-29T12:00:00Z\"\r\n";
  static const char later[] =
    "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\",\"note\","
    "\"created_at\",\"updated_at\"\r\n"
    "\"2026-11-30\",5,,,,0,,,\"2026-11-30T12:00:00Z\",\"2026-11-30T12:00:00Z\"\r\n";

  g_assert_true (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", checkins, strlen (checkins)));
  g_assert_false (tm_csv_import_parse (too_far, TM_TABLE_CHECKINS, "checkins.csv", later, strlen (later)));
  g_assert_cmpstr (tm_csv_import_get_problems (too_far)->pdata[0], ==,
                   "checkins.csv:2: A check-in can't be for a day that hasn't come yet. Choose today or an earlier "
                   "day.");
  tm_time_set_clock (NULL, NULL);
}

/* An instant's day and time as they were where it happened, with the
 * offset when it is not this machine's at that moment (Berlin here). */
static void
test_as_written (void)
{
  static const struct { const char *instant; const char *day; const char *time; const char *when; } cases[] = {
    { "2026-11-28T10:00:00+09:00", "2026-11-28", "10:00 (UTC+09:00)", "2026-11-28 10:00 (UTC+09:00)" },
    { "2026-11-28T23:30:00-05:00", "2026-11-28", "23:30 (UTC-05:00)", "2026-11-28 23:30 (UTC-05:00)" },
    { "2026-11-28T10:00:00+01:00", "2026-11-28", "10:00", "2026-11-28 10:00" },
    { "2026-07-01T10:00:00+02:00", "2026-07-01", "10:00", "2026-07-01 10:00" },
    /* Berlin was at +02:00 in July: +01:00 was somewhere else. */
    { "2026-07-01T10:00:00+01:00", "2026-07-01", "10:00 (UTC+01:00)", "2026-07-01 10:00 (UTC+01:00)" },
    { "2026-11-28T00:15:00Z", "2026-11-28", "00:15 (UTC)", "2026-11-28 00:15 (UTC)" },
    { "2026-11-28T06:00:00+05:45", "2026-11-28", "06:00 (UTC+05:45)", "2026-11-28 06:00 (UTC+05:45)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *day = tm_instant_day_as_written (cases[i].instant);
      g_autofree char *time = tm_instant_time_as_written (cases[i].instant);
      g_autofree char *when = tm_instant_format_as_written (cases[i].instant, "%Y-%m-%d %H:%M");
      g_autoptr(TmSession) s = tm_session_new ();
      g_autofree char *session_day = NULL;

      tm_session_set_taken_at (s, cases[i].instant);
      session_day = tm_session_get_day (s);
      g_assert_cmpstr (day, ==, cases[i].day);
      g_assert_cmpstr (session_day, ==, cases[i].day);
      g_assert_cmpstr (time, ==, cases[i].time);
      g_assert_cmpstr (when, ==, cases[i].when);
    }

  g_assert_null (tm_instant_day_as_written ("yesterday"));
  g_assert_null (tm_instant_time_as_written (NULL));
}

/* The local zone is looked up once and kept (tm_time_zone_local()), yet a
 * change of TZ counts from the next question on: the same instant falls
 * on another local day, and a local time gets the new offset. */
static void
test_zone_follows_tz (void)
{
  g_autofree char *tz = g_strdup (g_getenv ("TZ"));
  g_autofree char *berlin_day = NULL;
  g_autofree char *utc_day = NULL;
  g_autofree char *tokyo_day = NULL;
  g_autofree char *berlin_evening = NULL;
  g_autofree char *tokyo_evening = NULL;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  berlin_day = tm_instant_local_day ("2026-03-01T23:30:00Z");
  berlin_evening = tm_instant_from_local ("2026-03-01", 21, 0, NULL);
  g_setenv ("TZ", "UTC", TRUE);
  utc_day = tm_instant_local_day ("2026-03-01T23:30:00Z");
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tokyo_day = tm_instant_local_day ("2026-03-01T14:30:00Z");
  tokyo_evening = tm_instant_from_local ("2026-03-01", 21, 0, NULL);

  g_assert_cmpstr (berlin_day, ==, "2026-03-02");
  g_assert_cmpstr (utc_day, ==, "2026-03-01");
  g_assert_cmpstr (tokyo_day, ==, "2026-03-01");
  g_assert_cmpstr (berlin_evening, ==, "2026-03-01T21:00:00+01:00");
  g_assert_cmpstr (tokyo_evening, ==, "2026-03-01T21:00:00+09:00");

  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
}

/* Day arithmetic by whole numbers gives what GLib's calendar gives, for
 * every day from 1 January 1600 to 31 December 2400, leap years and
 * century rules included. */
static void
test_day_arithmetic (void)
{
  GDate date;
  char *previous = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1600);
  for (int n = 0; g_date_get_year (&date) <= 2400; n++)
    {
      g_autofree char *day = g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&date),
                                              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
      g_autofree char *added = tm_day_add ("1600-01-01", n);

      g_assert_cmpstr (added, ==, day);
      g_assert_cmpint (tm_day_diff ("1600-01-01", day), ==, n);
      g_assert_true (tm_day_is_valid (day));
      if (previous != NULL)
        {
          g_autofree char *back = tm_day_add (day, -1);

          g_assert_cmpstr (back, ==, previous);
          g_free (previous);
        }
      previous = g_strdup (day);
      g_date_add_days (&date, 1);
    }
  g_free (previous);

  g_assert_false (tm_day_is_valid ("1900-02-29"));
  g_assert_true (tm_day_is_valid ("2000-02-29"));
  g_assert_false (tm_day_is_valid ("2026-04-31"));
  g_assert_cmpint (tm_day_diff ("2026-12-31", "2026-01-01"), ==, -364);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/day-arithmetic", test_day_arithmetic);
  g_test_add_func ("/time/latest-allowed", test_latest_allowed);
  g_test_add_func ("/time/clock-set-back", test_clock_set_back);
  g_test_add_func ("/time/as-written", test_as_written);
  g_test_add_func ("/time/zone-follows-tz", test_zone_follows_tz);

  return g_test_run ();
}
