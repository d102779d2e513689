/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session companion without a display: when its checkpoints come,
 * which one is current, and its state kept in the data file. */
#include "config.h"

#include <locale.h>

#include "tm-companion.h"
#include "tm-test-util.h"
#include "tm-time.h"

static GDateTime *
local (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");

  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");

  g_assert_cmpstr (text, ==, expected);
}

static void
test_due_times (void)
{
  g_autoptr(GDateTime) dose = local (2026, 11, 28, 10, 0);
  g_autoptr(GDateTime) before = tm_checkpoint_get_due (TM_CHECKPOINT_BEFORE, dose, 8 * 60);
  g_autoptr(GDateTime) d40 = tm_checkpoint_get_due (TM_CHECKPOINT_40, dose, 8 * 60);
  g_autoptr(GDateTime) d60 = tm_checkpoint_get_due (TM_CHECKPOINT_60, dose, 8 * 60);
  g_autoptr(GDateTime) d120 = tm_checkpoint_get_due (TM_CHECKPOINT_120, dose, 8 * 60);
  g_autoptr(GDateTime) morning = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, dose, 8 * 60);

  g_assert_null (before);
  assert_time (d40, "2026-11-28T10:40:00+01:00");
  assert_time (d60, "2026-11-28T11:00:00+01:00");
  assert_time (d120, "2026-11-28T12:00:00+01:00");
  assert_time (morning, "2026-11-29T08:00:00+01:00");
}

/* With an evening reminder (the default 20:00) the next morning is 9:00. */
static void
test_due_morning_with_evening_reminder (void)
{
  g_autoptr(GDateTime) dose = local (2026, 11, 28, 10, 0);
  g_autoptr(GDateTime) morning = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, dose, 20 * 60);
  g_autoptr(GDateTime) noon = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, dose, 12 * 60);
  g_autoptr(GDateTime) early = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, dose, 11 * 60 + 59);

  assert_time (morning, "2026-11-29T09:00:00+01:00");
  assert_time (noon, "2026-11-29T09:00:00+01:00");
  assert_time (early, "2026-11-29T11:59:00+01:00");
}

/* A dose after midnight: its morning is the same day's, a night's sleep
 * later; too close to it, the next day's. A companion left running ends a
 * day after its morning. */
static void
test_due_after_midnight_and_expiry (void)
{
  g_autoptr(GDateTime) late = local (2026, 11, 28, 0, 30);
  g_autoptr(GDateTime) early = local (2026, 11, 28, 4, 0);
  g_autoptr(GDateTime) late_morning = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, late, 8 * 60);
  g_autoptr(GDateTime) early_morning = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, early, 8 * 60);
  g_autoptr(TmCompanion) companion = tm_companion_new ();
  g_autoptr(GDateTime) before_end = local (2026, 11, 29, 7, 59);
  g_autoptr(GDateTime) at_end = local (2026, 11, 29, 8, 0);
  g_autoptr(GDateTime) started = local (2026, 11, 28, 0, 20);

  assert_time (late_morning, "2026-11-28T08:00:00+01:00");
  assert_time (early_morning, "2026-11-29T08:00:00+01:00");

  tm_companion_start (companion, started);
  g_assert_false (tm_companion_is_expired (companion, late, 8 * 60, before_end));
  g_assert_true (tm_companion_is_expired (companion, late, 8 * 60, at_end));
  /* Never taken: a day after it was started. */
  g_assert_false (tm_companion_is_expired (companion, NULL, 8 * 60, late_morning));
  g_assert_true (tm_companion_is_expired (companion, NULL, 8 * 60, at_end));
}

/* The next morning is the calendar's next day at the reminder's time,
 * across a change of clocks either way; +2 h is two real hours. */
static void
test_due_across_dst (void)
{
  g_autoptr(GDateTime) spring = local (2026, 3, 28, 22, 30);
  g_autoptr(GDateTime) autumn = local (2026, 10, 24, 23, 30);
  g_autoptr(GDateTime) night = local (2026, 3, 29, 1, 30);
  g_autoptr(GDateTime) spring_morning = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, spring, 7 * 60);
  g_autoptr(GDateTime) autumn_morning = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, autumn, 7 * 60);
  g_autoptr(GDateTime) night_120 = tm_checkpoint_get_due (TM_CHECKPOINT_120, night, 7 * 60);

  assert_time (spring_morning, "2026-03-29T07:00:00+02:00");
  assert_time (autumn_morning, "2026-10-25T07:00:00+01:00");
  /* 01:30 CET + 2 hours is 04:30 CEST. */
  assert_time (night_120, "2026-03-29T04:30:00+02:00");
  g_assert_cmpint (g_date_time_difference (spring_morning, spring) / G_TIME_SPAN_MINUTE, ==, 7 * 60 + 30);
  g_assert_cmpint (g_date_time_difference (autumn_morning, autumn) / G_TIME_SPAN_MINUTE, ==, 8 * 60 + 30);
}

static void
test_current_and_notify (void)
{
  g_autoptr(TmCompanion) companion = tm_companion_new ();
  g_autoptr(GDateTime) dose = local (2026, 11, 28, 10, 0);
  g_autoptr(GDateTime) now = local (2026, 11, 28, 9, 50);
  g_autoptr(GDateTime) due = NULL;

  tm_companion_start (companion, now);
  g_assert_cmpint (tm_companion_get_current (companion), ==, TM_CHECKPOINT_BEFORE);
  companion->answered |= 1u << TM_CHECKPOINT_BEFORE;
  g_assert_cmpint (tm_companion_get_current (companion), ==, TM_CHECKPOINT_40);
  g_assert_cmpint (tm_companion_next_to_notify (companion, dose, 8 * 60, &due), ==, TM_CHECKPOINT_40);
  assert_time (due, "2026-11-28T10:40:00+01:00");
  g_clear_pointer (&due, g_date_time_unref);

  /* An open checkpoint comes before a later one; notified ones are not again. */
  companion->answered |= 1u << TM_CHECKPOINT_60;
  companion->notified |= 1u << TM_CHECKPOINT_40;
  g_assert_cmpint (tm_companion_get_current (companion), ==, TM_CHECKPOINT_40);
  g_assert_cmpint (tm_companion_next_to_notify (companion, dose, 8 * 60, &due), ==, TM_CHECKPOINT_120);
  g_clear_pointer (&due, g_date_time_unref);

  companion->answered = (1u << TM_N_CHECKPOINTS) - 1;
  g_assert_cmpint (tm_companion_get_current (companion), ==, TM_N_CHECKPOINTS);
  g_assert_cmpint (tm_companion_next_to_notify (companion, dose, 8 * 60, &due), ==, TM_N_CHECKPOINTS);
  g_assert_null (due);
}

static void
test_elapsed (void)
{
  g_autoptr(GDateTime) dose = local (2026, 11, 28, 10, 0);
  g_autoptr(GDateTime) at42 = local (2026, 11, 28, 10, 42);
  g_autoptr(GDateTime) at125 = local (2026, 11, 28, 12, 5);
  g_autofree char *a = tm_companion_describe_elapsed (dose, at42);
  g_autofree char *b = tm_companion_describe_elapsed (dose, at125);
  g_autofree char *c = tm_companion_describe_elapsed (dose, dose);

  g_assert_cmpstr (a, ==, "Dose taken 42 minutes ago");
  g_assert_cmpstr (b, ==, "Dose taken 2 hours 5 minutes ago");
  g_assert_cmpstr (c, ==, "Dose taken just now");
}

/* What is typed survives the store being closed and opened again; the
 * dose makes one session with its reading before it; nothing wrong is
 * saved. */
static void
test_state_through_reopen (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GDateTime) now = local (2026, 11, 28, 9, 50);
  g_autoptr(GDateTime) dose_time = local (2026, 11, 28, 10, 0);
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  tm_time_set_clock (NULL, NULL);
  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);
    g_autoptr(TmCompanion) companion = tm_companion_new ();

    g_assert_no_error (error);
    tm_companion_start (companion, now);
    tm_companion_set_draft (companion, TM_DRAFT_BP, "150/95");
    tm_companion_set_draft (companion, TM_DRAFT_MOOD, "4");
    tm_companion_set_draft (companion, TM_DRAFT_INTENTION, "Stay with what comes.\nBreathe.");
    g_assert_true (tm_companion_save (companion, store, &error));
  }
  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);
    g_autoptr(TmCompanion) companion = tm_companion_load (store);
    g_autoptr(TmSession) session = NULL;
    g_autoptr(TmSession) stored = NULL;
    const char *field = NULL;

    g_assert_true (companion->active);
    g_assert_cmpstr (tm_companion_get_draft (companion, TM_DRAFT_BP), ==, "150/95");
    g_assert_cmpstr (tm_companion_get_draft (companion, TM_DRAFT_INTENTION), ==, "Stay with what comes.\nBreathe.");

    /* No dose typed: nothing is saved, and the reason is for the dose. */
    session = tm_companion_make_session (companion, dose_time, &field, &error);
    g_assert_null (session);
    g_assert_cmpstr (field, ==, TM_DRAFT_DOSE);
    g_clear_error (&error);

    tm_companion_set_draft (companion, TM_DRAFT_BP_40, "12x/80");
    g_assert_null (tm_companion_make_reading (companion, 40, &field, &error));
    g_assert_cmpstr (field, ==, TM_DRAFT_BP_40);
    g_clear_error (&error);

    tm_companion_set_draft (companion, TM_DRAFT_DOSE, "50");
    session = tm_companion_make_session (companion, dose_time, &field, &error);
    g_assert_no_error (error);
    g_assert_true (tm_companion_take_dose (companion, store, session, &error));
    g_assert_no_error (error);
    session_id = session->id;
    g_assert_cmpint (companion->session_id, ==, session_id);

    stored = tm_store_get_session (store, session_id, &error);
    g_assert_nonnull (stored);
    g_assert_cmpint (stored->mood_before, ==, 4);
    g_assert_cmpint (stored->readings->len, ==, 1);
    g_assert_cmpint (tm_session_get_bp_before (stored)->bp_sys, ==, 150);
  }
  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);
    g_autoptr(TmCompanion) companion = tm_companion_load (store);

    g_assert_cmpint (companion->session_id, ==, session_id);
    g_assert_cmpint (tm_companion_get_current (companion), ==, TM_CHECKPOINT_40);
    g_assert_cmpstr (tm_companion_get_draft (companion, TM_DRAFT_BP), ==, "");
    g_assert_true (tm_companion_finish (companion, store, &error));
  }
  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);
    g_autoptr(TmCompanion) companion = tm_companion_load (store);
    g_autofree char *meta = tm_store_get_meta (store, TM_COMPANION_META_KEY);

    g_assert_false (companion->active);
    g_assert_null (meta);
  }
  tm_test_remove_tree (dir);
}

/* Without a cuff: no blood pressure before the dose or at 40 minutes is
 * no reason to stop, and the dose is logged without a reading before it. */
static void
test_no_blood_pressure (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GDateTime) now = local (2026, 11, 28, 9, 50);
  g_autoptr(GDateTime) dose_time = local (2026, 11, 28, 10, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmCompanion) companion = tm_companion_new ();
  g_autoptr(TmSession) session = NULL;
  g_autoptr(TmSessionReading) reading = NULL;
  const char *field = NULL;
  int sys = 0, dia = 0;

  tm_time_set_clock (NULL, NULL);
  tm_companion_start (companion, now);
  tm_companion_set_draft (companion, TM_DRAFT_MOOD, "5");
  g_assert_true (tm_companion_read_before (companion, &sys, &dia, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sys, ==, TM_UNSET);
  tm_companion_set_draft (companion, TM_DRAFT_DOSE, "50");
  session = tm_companion_make_session (companion, dose_time, &field, &error);
  g_assert_no_error (error);
  g_assert_null (tm_session_get_bp_before (session));

  tm_companion_set_draft (companion, TM_DRAFT_DISSOCIATION, "3");
  reading = tm_companion_make_reading (companion, 40, &field, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reading);
  g_assert_cmpint (reading->bp_sys, ==, TM_UNSET);
  g_assert_cmpint (reading->dissociation, ==, 3);

  /* Half a blood pressure is still refused, with its sentence. */
  tm_companion_set_draft (companion, TM_DRAFT_BP_40, "300/80");
  g_clear_object (&reading);
  g_assert_null (tm_companion_make_reading (companion, 40, &field, &error));
  g_assert_cmpstr (field, ==, TM_DRAFT_BP_40);
  g_assert_cmpstr (error->message, ==,
                   "The upper number (systolic) must be between 60 and 280 mmHg; 300 can't be right. Check the reading.");
  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The no-driving reminder holds until "fully alert" is yes. */
static void
test_no_driving (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(TmCompanion) companion = tm_companion_new ();
  g_autoptr(GDateTime) morning = local (2026, 11, 29, 8, 0);
  g_autoptr(GDateTime) evening = local (2026, 11, 29, 20, 0);

  tm_session_set_taken_at (s, "2026-11-28T10:00:00+01:00");
  s->id = 7;
  g_ptr_array_add (sessions, g_object_ref (s));

  g_assert_true (tm_companion_no_driving_holds (sessions, NULL, morning));
  g_assert_false (tm_companion_no_driving_holds (sessions, NULL, evening));
  companion->active = TRUE;
  companion->session_id = 7;
  g_assert_true (tm_companion_no_driving_holds (sessions, companion, evening));
  /* "Not fully alert": held while the companion runs; without it (ended
   * by itself a day after the morning), the usual rule again. */
  s->fully_alert = 0;
  companion->answered |= 1u << TM_CHECKPOINT_NEXT_MORNING;
  g_assert_true (tm_companion_no_driving_holds (sessions, companion, evening));
  g_assert_false (tm_companion_no_driving_holds (sessions, NULL, evening));
  s->fully_alert = 1;
  g_assert_false (tm_companion_no_driving_holds (sessions, companion, morning));

  /* The clock set back a little after the dose: the session still counts. */
  {
    g_autoptr(GDateTime) set_back = local (2026, 11, 28, 9, 20);

    s->fully_alert = TM_UNSET;
    companion->answered = 0;
    g_assert_true (tm_companion_no_driving_holds (sessions, companion, set_back));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/companion/due-times", test_due_times);
  g_test_add_func ("/companion/no-blood-pressure", test_no_blood_pressure);
  g_test_add_func ("/companion/due-after-midnight-and-expiry", test_due_after_midnight_and_expiry);
  g_test_add_func ("/companion/due-morning-with-evening-reminder", test_due_morning_with_evening_reminder);
  g_test_add_func ("/companion/due-across-dst", test_due_across_dst);
  g_test_add_func ("/companion/current-and-notify", test_current_and_notify);
  g_test_add_func ("/companion/elapsed", test_elapsed);
  g_test_add_func ("/companion/state-through-reopen", test_state_through_reopen);
  g_test_add_func ("/companion/no-driving-until-alert", test_no_driving);

  return g_test_run ();
}
