/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dosing sessions: every rule refuses with its own sentence, values typed
 * the way people type them are read right, and what is saved is found. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "tm-store-private.h"
#include "tm-test-util.h"

typedef struct
{
  char    *dir;
  TmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tm_test_make_data_dir ();
  f->store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  tm_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A moment on the day @days before today: a minute ago for today, else
 * @hour:30 local time; written with its offset. */
static char *
instant_days_ago (int days,
                  int hour)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *day = tm_day_add (today, -days);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then = NULL;

  if (days > 0)
    return tm_instant_from_local (day, hour, 30, NULL);

  /* A minute ago, but today still: in the first minute after midnight,
   * a minute ago was yesterday. */
  now = g_date_time_new_now_local ();
  then = g_date_time_add_minutes (now, -1);
  if (g_date_time_get_day_of_year (then) != g_date_time_get_day_of_year (now))
    return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S%:z");
}

static TmSession *
full_session (int days_ago)
{
  TmSession *s = tm_session_new ();
  TmSessionReading *reading;

  s->taken_at = instant_days_ago (days_ago, 10);
  s->dose_mg = 37.5;
  s->route = TM_ROUTE_SUBLINGUAL;
  s->setting = TM_SETTING_HOME;
  s->monitor_present = TRUE;
  s->mood_before = 4;
  s->dissociation_peak = 6;
  s->effects = TM_EFFECT_TIME | TM_EFFECT_FLOATING;
  s->effects_minutes = 75;
  s->nausea = 1;
  s->sedation = 2;
  tm_test_add_bp (s, 0, 128, 82);
  tm_test_add_bp (s, 40, 141, 88);
  reading = tm_session_find_reading (s, 40);
  reading->pulse = 84;
  reading->dissociation = 6;
  reading->sedation = 2;
  reading->nausea = 1;
  tm_session_reading_set_note (reading, "Floating; music helped.");
  s->other_medicines = TM_MEDICINE_SLEEP | TM_MEDICINE_ALCOHOL;
  s->red_flags = TM_RED_FLAG_VOMITING;
  tm_session_set_note (s, "Intention: rest.\nListened to music; felt held. 🎧");
  return s;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TmSession) saved = full_session (1);
  g_autoptr(TmSession) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_store_save_session (f->store, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, >, 0);

  g_clear_object (&f->store);
  f->store = tm_store_open (f->dir, &error);
  found = tm_store_get_session (f->store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (tm_session_equal_content (saved, found));
  g_assert_cmpstr (found->taken_at, ==, saved->taken_at);
  g_assert_cmpfloat (found->dose_mg, ==, 37.5);
  g_assert_cmpint (found->route, ==, TM_ROUTE_SUBLINGUAL);
  g_assert_true (found->monitor_present);
  g_assert_cmpuint (found->readings->len, ==, 2);
  g_assert_cmpint (tm_session_get_highest_bp_after (found)->bp_sys, ==, 141);
  g_assert_cmpint (tm_session_find_reading (found, 40)->pulse, ==, 84);
  g_assert_cmpstr (tm_session_find_reading (found, 40)->note, ==, "Floating; music helped.");
  g_assert_nonnull (tm_session_find_reading (found, 40)->created_at);
  g_assert_cmpuint (found->other_medicines, ==, TM_MEDICINE_SLEEP | TM_MEDICINE_ALCOHOL);
  g_assert_cmpuint (found->red_flags, ==, TM_RED_FLAG_VOMITING);
  g_assert_cmpstr (found->created_at, ==, saved->created_at);
}

static void
test_optional_values (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(TmSession) found = NULL;
  g_autoptr(GError) error = NULL;

  s->taken_at = instant_days_ago (0, 8);
  s->dose_mg = 50;
  s->route = TM_ROUTE_ORAL;
  s->setting = TM_SETTING_CLINIC;
  g_assert_true (tm_store_save_session (f->store, s, &error));
  g_assert_no_error (error);

  found = tm_store_get_session (f->store, s->id, &error);
  g_assert_cmpint (found->mood_before, ==, TM_UNSET);
  g_assert_cmpint (found->dissociation_peak, ==, TM_UNSET);
  g_assert_cmpuint (found->readings->len, ==, 0);
  g_assert_null (tm_session_get_bp_before (found));
  g_assert_cmpint (found->nausea, ==, TM_UNSET);
  g_assert_false (found->monitor_present);
  g_assert_null (found->note);
  g_assert_cmpint (found->setting, ==, TM_SETTING_CLINIC);
}

static void
test_update_delete_restore (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TmSession) s = full_session (2);
  g_autoptr(TmSession) found = NULL;
  g_autoptr(TmSession) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  g_autofree char *created = NULL;

  g_assert_true (tm_store_save_session (f->store, s, &error));
  id = s->id;
  created = g_strdup (s->created_at);
  g_usleep (1100 * 1000);

  s->dose_mg = 50;
  s->route = TM_ROUTE_ORAL;
  g_assert_true (tm_store_save_session (f->store, s, &error));
  g_assert_cmpint (s->id, ==, id);
  found = tm_store_get_session (f->store, id, &error);
  g_assert_cmpfloat (found->dose_mg, ==, 50);
  g_assert_cmpint (found->route, ==, TM_ROUTE_ORAL);
  g_assert_cmpstr (found->created_at, ==, created);
  g_assert_cmpstr (found->updated_at, >, created);

  before = tm_session_copy (found);
  g_assert_true (tm_store_delete_session (f->store, found, &error));
  g_assert_null (tm_store_get_session (f->store, id, &error));

  /* Saving changes to a deleted session says so. */
  g_assert_false (tm_store_save_session (f->store, found, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tm_store_restore_session (f->store, before, &error));
  g_assert_no_error (error);
  g_clear_object (&found);
  found = tm_store_get_session (f->store, id, &error);
  g_assert_true (tm_session_equal_content (before, found));
  g_assert_cmpstr (found->updated_at, ==, before->updated_at);
}

static void
test_list_and_model (Fixture       *f,
                     gconstpointer  data)
{
  const int ages[] = { 20, 3, 9, 0 };
  GListModel *model = tm_store_get_sessions (f->store);
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = tm_day_add (today, -10);
  g_autofree char *to = tm_day_add (today, -1);

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autoptr(TmSession) s = full_session (ages[i]);
      g_assert_true (tm_store_save_session (f->store, s, &error));
    }

  /* Newest first in the model; oldest first by period. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i + 1 < 4; i++)
    {
      g_autoptr(TmSession) a = g_list_model_get_item (model, i);
      g_autoptr(TmSession) b = g_list_model_get_item (model, i + 1);
      g_assert_cmpint (tm_session_get_unix_time (a), >, tm_session_get_unix_time (b));
    }

  some = tm_store_list_sessions (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 2);
  g_assert_cmpint (tm_session_get_unix_time (some->pdata[0]), <, tm_session_get_unix_time (some->pdata[1]));
}

typedef struct
{
  const char *name;
  void      (*spoil) (TmSession *s);
  const char *field;
  const char *message;
} Refusal;

static void spoil_time (TmSession *s) { tm_session_set_taken_at (s, "2026-11-28 10:00"); }
static void spoil_future (TmSession *s) { tm_session_set_taken_at (s, "2999-01-01T10:00:00+01:00"); }
static void spoil_old (TmSession *s) { tm_session_set_taken_at (s, "1999-12-31T10:00:00+01:00"); }
static void spoil_dose_zero (TmSession *s) { s->dose_mg = 0; }
static void spoil_dose_big (TmSession *s) { s->dose_mg = 1500; }
static void spoil_route (TmSession *s) { s->route = 9; }
static void spoil_setting (TmSession *s) { s->setting = 5; }
static void spoil_mood (TmSession *s) { s->mood_before = 11; }
static void spoil_peak (TmSession *s) { s->dissociation_peak = -4; }
static void spoil_effects (TmSession *s) { s->effects = 300; }
static void spoil_minutes (TmSession *s) { s->effects_minutes = 1441; }
static void spoil_nausea (TmSession *s) { s->nausea = 4; }
static void spoil_sedation (TmSession *s) { s->sedation = 7; }
static void spoil_bp_half (TmSession *s) { tm_session_find_reading (s, 0)->bp_dia = TM_UNSET; }
static void spoil_bp_after_half (TmSession *s) { tm_session_find_reading (s, 40)->bp_sys = TM_UNSET; }
static void spoil_bp_sys (TmSession *s) { tm_session_find_reading (s, 0)->bp_sys = 300; }
static void spoil_bp_dia (TmSession *s) { tm_session_find_reading (s, 40)->bp_dia = 20; }
static void spoil_bp_order (TmSession *s) { tm_session_find_reading (s, 0)->bp_sys = 80; tm_session_find_reading (s, 0)->bp_dia = 120; }
static void spoil_pulse_low (TmSession *s) { tm_session_find_reading (s, 40)->pulse = 29; }
static void spoil_pulse_high (TmSession *s) { tm_session_find_reading (s, 40)->pulse = 221; }
static void spoil_reading_dissociation (TmSession *s) { tm_session_find_reading (s, 40)->dissociation = 11; }
static void spoil_reading_sedation (TmSession *s) { tm_session_find_reading (s, 40)->sedation = 4; }
static void spoil_reading_nausea (TmSession *s) { tm_session_find_reading (s, 40)->nausea = -2; }
static void spoil_reading_minutes (TmSession *s) { tm_session_find_reading (s, 40)->minutes_after = 1441; }
static void spoil_reading_empty (TmSession *s) { tm_test_add_bp (s, 120, TM_UNSET, TM_UNSET); }
static void spoil_reading_twice (TmSession *s) { tm_test_add_bp (s, 40, 130, 80); }
static void spoil_medicines (TmSession *s) { s->other_medicines = 64; }
static void spoil_red_flags (TmSession *s) { s->red_flags = 64; }
static void spoil_note (TmSession *s) { g_free (s->note); s->note = g_strdup ("\xff\xfe"); }
static void spoil_monitored (TmSession *s) { s->monitored_minutes = 1441; }
static void spoil_ready (TmSession *s) { s->setting = TM_SETTING_CLINIC; s->ready_minutes = -5; }
static void spoil_ready_at_home (TmSession *s) { s->setting = TM_SETTING_HOME; s->ready_minutes = 90; }
static void spoil_monitored_alone (TmSession *s)
{
  s->setting = TM_SETTING_HOME;
  s->monitor_present = FALSE;
  s->monitored_minutes = 150;
}
static void spoil_intention (TmSession *s) { g_free (s->intention); s->intention = g_strdup ("\xff"); }

static const Refusal refusals[] = {
  { "time-without-offset", spoil_time, "taken_at",
    "The time of the session must be a date and time with its UTC offset, like 2026-11-28T19:30:00+01:00." },
  { "time-in-future", spoil_future, "taken_at",
    "A session can't be in the future. Check the date and the time." },
  { "time-before-2000", spoil_old, "taken_at",
    "A session must be from the year 2000 or later. Check the date." },
  { "dose-zero", spoil_dose_zero, "dose_mg", "The dose must be more than 0 mg." },
  { "dose-too-big", spoil_dose_big, "dose_mg",
    "A dose above 1000 mg can't be right. Check the number and that it is in milligrams." },
  { "route", spoil_route, "route",
    "The route must be oral, sublingual, intranasal, intramuscular or intravenous." },
  { "setting", spoil_setting, "setting", "The setting must be home or clinic." },
  { "mood-before", spoil_mood, "mood_before", "Mood before the dose must be between 0 and 10." },
  { "dissociation-peak", spoil_peak, "dissociation_peak", "Peak dissociation must be between 0 and 10." },
  { "effects", spoil_effects, "effects",
    "Effects must be a sum of the checklist values 1 to 64 (at most 127), not 300." },
  { "effects-minutes", spoil_minutes, "effects_minutes",
    "How long the effects lasted must be between 0 and 1440 minutes (a whole day)." },
  { "nausea", spoil_nausea, "nausea", "Nausea must be none, mild, moderate or severe." },
  { "sedation", spoil_sedation, "sedation", "Sedation must be none, mild, moderate or severe." },
  { "bp-before-half", spoil_bp_half, "readings",
    "The reading before the dose: Enter both numbers of the blood pressure, like 128/82, or leave it empty." },
  { "bp-after-half", spoil_bp_after_half, "readings",
    "The reading at 40 min: Enter both numbers of the blood pressure, like 128/82, or leave it empty." },
  { "bp-systolic-range", spoil_bp_sys, "readings",
    "The reading before the dose: The upper number (systolic) must be between 60 and 280 mmHg; 300 can't be "
    "right. Check the reading." },
  { "bp-diastolic-range", spoil_bp_dia, "readings",
    "The reading at 40 min: The lower number (diastolic) must be between 30 and 180 mmHg; 20 can't be right. "
    "Check the reading." },
  { "bp-order", spoil_bp_order, "readings",
    "The reading before the dose: The upper number (systolic) must be higher than the lower one (diastolic), "
    "as in 128/82." },
  { "pulse-low", spoil_pulse_low, "readings",
    "The reading at 40 min: The pulse must be between 30 and 220 beats a minute; 29 can't be right. Check the "
    "reading." },
  { "pulse-high", spoil_pulse_high, "readings",
    "The reading at 40 min: The pulse must be between 30 and 220 beats a minute; 221 can't be right. Check the "
    "reading." },
  { "reading-dissociation", spoil_reading_dissociation, "readings",
    "The reading at 40 min: Dissociation must be between 0 and 10." },
  { "reading-sedation", spoil_reading_sedation, "readings",
    "The reading at 40 min: Sedation must be none, mild, moderate or severe." },
  { "reading-nausea", spoil_reading_nausea, "readings",
    "The reading at 40 min: Nausea must be none, mild, moderate or severe." },
  { "reading-minutes", spoil_reading_minutes, "readings",
    "The reading at 24 h 1 min: A reading must be from 0 (before the dose) to 1440 minutes after the dose, "
    "not 1441." },
  { "reading-empty", spoil_reading_empty, "readings",
    "The reading at 2 h: A reading needs something read: a blood pressure, a pulse, dissociation, sedation, "
    "nausea or a note." },
  { "reading-twice", spoil_reading_twice, "readings",
    "There are two readings at 40 min. Change the minutes of one, or remove it." },
  { "other-medicines", spoil_medicines, "other_medicines",
    "Other medicines must be a sum of the values 1 to 32 (at most 63), not 64." },
  { "red-flags", spoil_red_flags, "red_flags",
    "Red flags must be a sum of the checklist values 1 to 32 (at most 63), not 64." },
  { "note-not-utf8", spoil_note, "note",
    "The note contains bytes that are not valid UTF-8 text. Save it again as UTF-8." },
  { "monitored-minutes", spoil_monitored, "monitored_minutes",
    "How long you were monitored, or someone stayed, must be between 0 and 1440 minutes (a whole day)." },
  { "ready-minutes", spoil_ready, "ready_to_leave_minutes",
    "When you would have been ready to leave must be between 0 and 1440 minutes after the dose." },
  /* At home it could read as fit to drive. */
  { "ready-at-home", spoil_ready_at_home, "ready_to_leave_minutes",
    "When you would have been ready to leave is kept for clinic sessions only. Clear it, or choose the clinic "
    "as the setting." },
  { "intention-not-utf8", spoil_intention, "intention",
    "The intention must be UTF-8 text of at most 10000 characters." },
  { "minutes-with-nobody", spoil_monitored_alone, "monitored_minutes",
    "With nobody there, nobody stayed for a number of minutes. Clear how long someone stayed, or turn on "
    "Someone Was With Me." },
};

static void
test_refusal (Fixture       *f,
              gconstpointer  data)
{
  const Refusal *r = data;
  g_autoptr(TmSession) s = full_session (1);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  r->spoil (s);
  g_assert_false (tm_session_validate (s, &field, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, r->message);
  g_assert_cmpstr (field, ==, r->field);
  g_clear_error (&error);

  g_assert_false (tm_store_save_session (f->store, s, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (tm_store_get_sessions (f->store)), ==, 0);
}

static void
test_parse_dose (void)
{
  const struct { const char *text; double mg; } good[] = {
    { "50", 50 }, { "37.5", 37.5 }, { "37,5", 37.5 }, { " 50 mg ", 50 }, { "12.5mg", 12.5 },
    { "0.25", 0.25 }, { "33.333", 33.33 },
  };
  const struct { const char *text; const char *message; } bad[] = {
    { "", "Enter the dose in mg, for example 50 or 37.5." },
    { "mg", "Enter the dose in mg, for example 50 or 37.5." },
    { "-5", "The dose must be more than 0 mg." },
    { "fifty", "“fifty” is not a dose. Write it in mg, for example 50 or 37.5." },
    { "50 g", "“50 g” is not a dose. Write it in mg, for example 50 or 37.5." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double mg = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (tm_parse_dose (good[i].text, &mg, &error));
      g_assert_cmpfloat_with_epsilon (mg, good[i].mg, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double mg = 0;
      g_autoptr(GError) error = NULL;

      g_assert_false (tm_parse_dose (bad[i].text, &mg, &error));
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  /* What was typed is quoted at most 80 characters long, its control
   * characters shown rather than sent to a terminal. */
  {
    g_autofree char *pasted = g_strnfill (300, 'x');
    g_autofree char *eighty = g_strnfill (80, 'x');
    g_autofree char *expected = g_strdup_printf ("“%s…” is not a dose. Write it in mg, for example 50 or 37.5.",
                                                 eighty);
    double mg = 0;
    g_autoptr(GError) error = NULL;

    g_assert_false (tm_parse_dose (pasted, &mg, &error));
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    g_assert_false (tm_parse_dose ("\x1b[31m50", &mg, &error));
    g_assert_cmpstr (error->message, ==, "“\\x1B[31m50” is not a dose. Write it in mg, for example 50 or 37.5.");
  }
}

static void
test_parse_blood_pressure (void)
{
  int sys = 0, dia = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_parse_blood_pressure ("128/82", &sys, &dia, &error));
  g_assert_cmpint (sys, ==, 128);
  g_assert_cmpint (dia, ==, 82);
  g_assert_true (tm_parse_blood_pressure (" 135 / 90 ", &sys, &dia, &error));
  g_assert_cmpint (sys, ==, 135);
  g_assert_true (tm_parse_blood_pressure ("", &sys, &dia, &error));
  g_assert_cmpint (sys, ==, TM_UNSET);
  g_assert_cmpint (dia, ==, TM_UNSET);

  g_assert_false (tm_parse_blood_pressure ("128", &sys, &dia, &error));
  g_assert_cmpstr (error->message, ==,
                   "“128” is not a blood pressure. Write it as two numbers, like 128/82.");
  g_clear_error (&error);
  g_assert_false (tm_parse_blood_pressure ("high", &sys, &dia, &error));
  g_assert_cmpstr (error->message, ==,
                   "“high” is not a blood pressure. Write it as two numbers, like 128/82.");
}

static void
test_parse_reading_values (void)
{
  int value = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_parse_pulse (" 72 ", &value, &error));
  g_assert_cmpint (value, ==, 72);
  g_assert_true (tm_parse_pulse ("", &value, &error));
  g_assert_cmpint (value, ==, TM_UNSET);
  g_assert_false (tm_parse_pulse ("fast", &value, &error));
  g_assert_cmpstr (error->message, ==, "“fast” is not a pulse. Write the beats a minute as a whole number, like 72.");
  g_clear_error (&error);

  g_assert_true (tm_parse_reading_minutes ("0", &value, &error));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (tm_parse_reading_minutes ("1:30", &value, &error));
  g_assert_cmpint (value, ==, 90);
  g_assert_false (tm_parse_reading_minutes ("", &value, &error));
  g_assert_cmpstr (error->message, ==,
                   "Enter how many minutes after the dose the reading was taken, like 40; 0 is before the dose.");
  g_clear_error (&error);
  g_assert_false (tm_parse_reading_minutes ("1441", &value, &error));
  g_assert_cmpstr (error->message, ==,
                   "A reading must be from 0 (before the dose) to 1440 minutes after the dose, not 1441.");
}

static void
test_parse_minutes_and_time (void)
{
  int minutes = 0, hour = 0, minute = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_parse_minutes ("90", &minutes, &error));
  g_assert_cmpint (minutes, ==, 90);
  g_assert_true (tm_parse_minutes ("1:30", &minutes, &error));
  g_assert_cmpint (minutes, ==, 90);
  g_assert_true (tm_parse_minutes ("", &minutes, &error));
  g_assert_cmpint (minutes, ==, TM_UNSET);
  g_assert_false (tm_parse_minutes ("an hour", &minutes, &error));
  g_assert_cmpstr (error->message, ==,
                   "“an hour” is not a number of minutes. Write it like 90, or 1:30 for an hour and a half.");
  g_clear_error (&error);
  g_assert_false (tm_parse_minutes ("2000", &minutes, &error));
  g_assert_cmpstr (error->message, ==,
                   "How long the effects lasted must be between 0 and 1440 minutes (a whole day).");
  g_clear_error (&error);

  g_assert_true (tm_parse_time_of_day ("21:30", &hour, &minute, &error));
  g_assert_cmpint (hour, ==, 21);
  g_assert_cmpint (minute, ==, 30);
  g_assert_true (tm_parse_time_of_day ("9.05", &hour, &minute, &error));
  g_assert_cmpint (hour, ==, 9);
  g_assert_cmpint (minute, ==, 5);
  g_assert_false (tm_parse_time_of_day ("24:00", &hour, &minute, &error));
  g_assert_cmpstr (error->message, ==,
                   "“24:00” is not a time of day. Write hours and minutes from 00:00 to 23:59, like 21:30.");
  g_clear_error (&error);
  g_assert_false (tm_parse_time_of_day ("930", &hour, &minute, &error));
}

/* The offset stored is the one in force on that day, and a time the
 * clocks skipped is refused rather than moved. */
static void
test_instant_from_local (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *winter = NULL;
  g_autofree char *summer = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *doubled = NULL;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();

  winter = tm_instant_from_local ("2026-01-15", 21, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (winter, ==, "2026-01-15T21:30:00+01:00");
  summer = tm_instant_from_local ("2026-07-15", 9, 5, &error);
  g_assert_cmpstr (summer, ==, "2026-07-15T09:05:00+02:00");

  /* 29 March 2026, 02:00 → 03:00 in Berlin. */
  skipped = tm_instant_from_local ("2026-03-29", 2, 30, &error);
  g_assert_null (skipped);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the clocks went forward, so 02:30 did not happen"));
  g_clear_error (&error);

  /* 25 October 2026, 02:30 happens twice; either offset names a real instant. */
  doubled = tm_instant_from_local ("2026-10-25", 2, 30, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (doubled, "2026-10-25T02:30:00+0"));
}

static void
test_day_of_session (void)
{
  g_autoptr(TmSession) s = tm_session_new ();
  g_autofree char *day = NULL;

  /* Late at night in the place it was taken: that place's day. */
  tm_session_set_taken_at (s, "2026-11-28T23:45:00-05:00");
  day = tm_session_get_day (s);
  g_assert_cmpstr (day, ==, "2026-11-28");
}

/* Two hands on one session: the session editor open while the companion
 * adds a reading. The editor's older copy is refused, with a sentence,
 * rather than taking the reading away; a fresh copy saves. */
static void
test_changed_meanwhile (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TmSession) saved = full_session (1);
  g_autoptr(TmSession) editor = NULL;
  g_autoptr(TmSession) companion = NULL;
  g_autoptr(TmSession) fresh = NULL;
  g_autoptr(TmSession) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_store_save_session (f->store, saved, &error));
  /* The editor opened it earlier (its copy says when it was saved then). */
  editor = tm_store_get_session (f->store, saved->id, &error);
  g_free (editor->updated_at);
  editor->updated_at = g_strdup ("2000-01-01T00:00:00Z");

  companion = tm_store_get_session (f->store, saved->id, &error);
  tm_test_add_bp (companion, 150, 126, 80);
  g_assert_true (tm_store_save_session (f->store, companion, &error));
  g_assert_no_error (error);

  editor->dose_mg = 40;
  g_assert_false (tm_store_save_session (f->store, editor, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_CHANGED);
  g_assert_cmpstr (error->message, ==,
                   "This session was changed in the meantime (by the session companion or another window), so "
                   "these changes were not saved. Close it, open it again, and make them there.");
  g_clear_error (&error);

  found = tm_store_get_session (f->store, saved->id, &error);
  g_assert_cmpuint (found->readings->len, ==, 3);
  g_assert_cmpfloat (found->dose_mg, ==, 37.5);

  fresh = tm_store_get_session (f->store, saved->id, &error);
  fresh->dose_mg = 40;
  g_assert_true (tm_store_save_session (f->store, fresh, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("store/round-trip", test_round_trip);
  ADD ("store/optional-values", test_optional_values);
  ADD ("store/update-delete-restore", test_update_delete_restore);
  ADD ("store/list-and-model", test_list_and_model);
  ADD ("store/changed-meanwhile", test_changed_meanwhile);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/session/refuses/%s", refusals[i].name);
      g_test_add (path, Fixture, &refusals[i], fixture_set_up, test_refusal, fixture_tear_down);
    }

  g_test_add_func ("/session/parse/dose", test_parse_dose);
  g_test_add_func ("/session/parse/blood-pressure", test_parse_blood_pressure);
  g_test_add_func ("/session/parse/reading-values", test_parse_reading_values);
  g_test_add_func ("/session/parse/minutes-and-time", test_parse_minutes_and_time);
  g_test_add_func ("/session/instant-from-local", test_instant_from_local);
  g_test_add_func ("/session/day", test_day_of_session);

  return g_test_run ();
}
