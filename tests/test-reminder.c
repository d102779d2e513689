/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When the daily reminder comes, on a clock the test sets: before and
 * after its time, after a check-in, across daylight saving and a change of
 * time zone; and the autostart entry. */
#include "config.h"

#include <string.h>

#include "tm-reminder.h"
#include "tm-store.h"
#include "tm-store-error.h"
#include "tm-test-util.h"

static GDateTime *
at (const char *zone,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static void
assert_local (GDateTime *time,
              const char *expected)
{
  g_autofree char *text = g_date_time_format (time, "%Y-%m-%d %H:%M %z");

  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int minutes = -1;

  g_assert_true (tm_parse_reminder_time ("20:00", &minutes, &error));
  g_assert_cmpint (minutes, ==, 20 * 60);
  g_assert_true (tm_parse_reminder_time (" 8.30 ", &minutes, &error));
  g_assert_cmpint (minutes, ==, 8 * 60 + 30);
  g_assert_false (tm_parse_reminder_time ("24:00", &minutes, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“24:00” is not a time of day. Write hours and minutes from 00:00 to 23:59, like 21:30.");
  g_clear_error (&error);
  g_assert_false (tm_parse_reminder_time ("evening", &minutes, &error));

  text = tm_format_reminder_time (8 * 60 + 5);
  g_assert_cmpstr (text, ==, "08:05");
}

static void
test_same_day (void)
{
  g_autoptr(GDateTime) morning = at ("Europe/Berlin", 2026, 11, 28, 10, 0);
  g_autoptr(GDateTime) evening = at ("Europe/Berlin", 2026, 11, 28, 20, 30);
  g_autoptr(GDateTime) next = NULL;

  /* Before its time, no check-in: today at the time. */
  next = tm_reminder_next (morning, 20 * 60, "2026-11-27", NULL, 0);
  assert_local (next, "2026-11-28 20:00 +0100");
  g_assert_false (tm_reminder_is_due (morning, 20 * 60, "2026-11-27", NULL, 0));
  g_clear_pointer (&next, g_date_time_unref);

  /* Past its time, no check-in, not yet shown: now. */
  next = tm_reminder_next (evening, 20 * 60, "2026-11-27", NULL, 0);
  g_assert_true (g_date_time_equal (next, evening));
  g_assert_true (tm_reminder_is_due (evening, 20 * 60, NULL, NULL, 0));
  g_clear_pointer (&next, g_date_time_unref);

  /* Shown today: tomorrow. */
  next = tm_reminder_next (evening, 20 * 60, "2026-11-27", "2026-11-28", 0);
  assert_local (next, "2026-11-29 20:00 +0100");
  g_assert_false (tm_reminder_is_due (evening, 20 * 60, "2026-11-27", "2026-11-28", 0));
  g_clear_pointer (&next, g_date_time_unref);

  /* Checked in today: tomorrow, even before the time. */
  next = tm_reminder_next (morning, 20 * 60, "2026-11-28", NULL, 0);
  assert_local (next, "2026-11-29 20:00 +0100");
  g_clear_pointer (&next, g_date_time_unref);

  /* A check-in dated after today (the clock went back) counts as today's. */
  g_assert_false (tm_reminder_is_due (evening, 20 * 60, "2026-11-30", NULL, 0));
}

static void
test_daylight_saving (void)
{
  g_autoptr(GDateTime) before_spring = at ("Europe/Berlin", 2026, 3, 28, 21, 0);
  g_autoptr(GDateTime) before_autumn = at ("Europe/Berlin", 2026, 10, 24, 21, 0);
  g_autoptr(GDateTime) next = NULL;

  /* Across the spring change the reminder stays at 20:00 local time. */
  next = tm_reminder_next (before_spring, 20 * 60, "2026-03-28", NULL, 0);
  assert_local (next, "2026-03-29 20:00 +0200");
  g_assert_cmpint (g_date_time_difference (next, before_spring) / G_TIME_SPAN_HOUR, ==, 22);
  g_clear_pointer (&next, g_date_time_unref);

  /* And across the autumn change. */
  next = tm_reminder_next (before_autumn, 20 * 60, "2026-10-24", NULL, 0);
  assert_local (next, "2026-10-25 20:00 +0100");
  g_assert_cmpint (g_date_time_difference (next, before_autumn) / G_TIME_SPAN_HOUR, ==, 24);
  g_clear_pointer (&next, g_date_time_unref);

  /* A time the clocks skip (02:30 on the spring day) still comes that day,
   * once the clocks have moved on. */
  {
    g_autoptr(GDateTime) night = at ("Europe/Berlin", 2026, 3, 29, 1, 0);

    next = tm_reminder_next (night, 2 * 60 + 30, "2026-03-28", NULL, 0);
    g_assert_cmpint (g_date_time_compare (next, night), >, 0);
    g_assert_cmpint (g_date_time_get_day_of_month (next), ==, 29);
    g_assert_cmpint (g_date_time_difference (next, night), <=, 3 * G_TIME_SPAN_HOUR);
  }
}

/* After a flight the reminder follows the clock where the person is. */
static void
test_time_zone_change (void)
{
  g_autoptr(GDateTime) berlin = at ("Europe/Berlin", 2026, 11, 28, 19, 0);
  g_autoptr(GTimeZone) new_york_zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) new_york = g_date_time_to_timezone (berlin, new_york_zone);
  g_autoptr(GDateTime) next_berlin = tm_reminder_next (berlin, 20 * 60, NULL, NULL, 0);
  g_autoptr(GDateTime) next_new_york = tm_reminder_next (new_york, 20 * 60, NULL, NULL, 0);

  assert_local (new_york, "2026-11-28 13:00 -0500");
  assert_local (next_berlin, "2026-11-28 20:00 +0100");
  assert_local (next_new_york, "2026-11-28 20:00 -0500");
  g_assert_cmpint (g_date_time_difference (next_new_york, next_berlin) / G_TIME_SPAN_HOUR, ==, 6);
}

static void
test_autostart (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "autostart", "io.github.tidemark.Tidemark.desktop", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_true (tm_autostart_set (dir, "io.github.tidemark.Tidemark", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_cmpstr (exec, ==, "tidemark --background");
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL));

  g_assert_true (tm_autostart_set (dir, "io.github.tidemark.Tidemark", FALSE, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Already gone is fine. */
  g_assert_true (tm_autostart_set (dir, "io.github.tidemark.Tidemark", FALSE, &error));
  g_assert_no_error (error);

  tm_test_remove_tree (dir);
}

/* A questionnaire due brings the day's reminder even after a check-in,
 * once; its words name what is due. */
static void
test_questionnaires_due (void)
{
  g_autoptr(GDateTime) evening = at ("Europe/Berlin", 2026, 11, 28, 20, 30);
  guint phq9 = 1u << TM_QUESTIONNAIRE_PHQ9;
  guint followup = 1u << TM_QUESTIONNAIRE_FOLLOWUP;
  char *title = NULL;
  char *body = NULL;

  g_assert_false (tm_reminder_is_due (evening, 20 * 60, "2026-11-28", NULL, 0));
  g_assert_true (tm_reminder_is_due (evening, 20 * 60, "2026-11-28", NULL, followup));
  g_assert_false (tm_reminder_is_due (evening, 20 * 60, "2026-11-28", "2026-11-28", followup));
  g_assert_false (tm_reminder_is_due (evening, 20 * 60, NULL, "2026-11-28", phq9 | followup));

  tm_reminder_get_text (TRUE, 0, &title, &body);
  g_assert_cmpstr (title, ==, "How Are You Today?");
  g_assert_cmpstr (body, ==, "A check-in takes under a minute. You asked Tidemark to remind you on days without one.");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  tm_reminder_get_text (TRUE, phq9 | followup, &title, &body);
  g_assert_cmpstr (title, ==, "How Are You Today?");
  g_assert_cmpstr (body, ==, "A check-in takes under a minute. Also due: PHQ-9, Follow-up.");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  tm_reminder_get_text (FALSE, followup, &title, &body);
  g_assert_cmpstr (title, ==, "A Questionnaire Is Due");
  g_assert_cmpstr (body, ==, "Due today: Follow-up. It takes a few minutes, on Today.");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  tm_reminder_get_text (FALSE, phq9 | (1u << TM_QUESTIONNAIRE_GAD7), &title, &body);
  g_assert_cmpstr (title, ==, "Questionnaires Are Due");
  g_assert_cmpstr (body, ==, "Due today: PHQ-9, GAD-7. It takes a few minutes, on Today.");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* Nothing due: nothing to say, rather than "Due today: ." */
  g_assert_false (tm_reminder_get_text (FALSE, 0, &title, &body));
  g_assert_null (title);
  g_assert_null (body);
}

/* What is due, from the store: never answered, then each by its cadence
 * (the follow-up monthly). */
static void
test_due_from_store (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmQuestionnaire) phq = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-11-01");
  g_autoptr(TmQuestionnaire) f = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-11-01");
  int since[TM_N_QUESTIONNAIRE_KINDS];
  guint all = (1u << TM_N_QUESTIONNAIRE_KINDS) - 1;

  g_assert_cmpuint (tm_store_get_due_questionnaires (store, "2026-11-28", 14, since), ==, all);
  g_assert_cmpint (since[TM_QUESTIONNAIRE_FOLLOWUP], ==, -1);
  g_assert_true (tm_questionnaire_set_answers_text (phq, "000000000"));
  g_assert_true (tm_store_save_questionnaire (store, phq, &error));
  g_assert_true (tm_questionnaire_set_answers_text (f, "000000000000"));
  f->tolerance = 9;
  g_assert_true (tm_store_save_questionnaire (store, f, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (tm_store_get_due_questionnaires (store, "2026-11-14", 14, since), ==,
                    1u << TM_QUESTIONNAIRE_GAD7);
  g_assert_cmpuint (tm_store_get_due_questionnaires (store, "2026-11-15", 14, since), ==,
                    (1u << TM_QUESTIONNAIRE_GAD7) | (1u << TM_QUESTIONNAIRE_PHQ9));
  g_assert_cmpint (since[TM_QUESTIONNAIRE_FOLLOWUP], ==, 14);
  g_assert_cmpuint (tm_store_get_due_questionnaires (store, "2026-12-01", 14, since), ==, all);
  g_assert_cmpint (since[TM_QUESTIONNAIRE_FOLLOWUP], ==, 30);

  /* The clock set back to before every answer: nothing is due, and after
   * the day's check-in no reminder comes. */
  {
    g_autoptr(TmQuestionnaire) gad = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-11-01");
    g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 10, 20, 21, 0, 0);
    guint due;

    g_assert_true (tm_questionnaire_set_answers_text (gad, "0000000"));
    g_assert_true (tm_store_save_questionnaire (store, gad, &error));
    due = tm_store_get_due_questionnaires (store, "2026-10-20", 14, since);
    g_assert_cmpuint (due, ==, 0);
    g_assert_cmpint (since[TM_QUESTIONNAIRE_FOLLOWUP], ==, 0);
    g_assert_false (tm_reminder_is_due (evening, 20 * 60, "2026-10-20", NULL, due));
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminder/parse", test_parse);
  g_test_add_func ("/reminder/same-day", test_same_day);
  g_test_add_func ("/reminder/daylight-saving", test_daylight_saving);
  g_test_add_func ("/reminder/time-zone-change", test_time_zone_change);
  g_test_add_func ("/reminder/autostart", test_autostart);
  g_test_add_func ("/reminder/questionnaires-due", test_questionnaires_due);
  g_test_add_func ("/reminder/due-from-store", test_due_from_store);

  return g_test_run ();
}
