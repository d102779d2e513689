/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The schema's CHECK constraints, walked one by one. For each, a value at
 * its boundary and one past it go three ways: straight into SQLite (the
 * CHECK holds them apart, so the case is on a real boundary), through the
 * record's validator as a form uses it, and through the CSV reader. What
 * the CHECK refuses, the validator and the reader refuse first, with a
 * sentence (and the reader with file:line); what it takes, they take. A
 * CHECK is a last guard and never the thing that tells a person no. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "tm-csv.h"
#include "tm-enum-nick.h"
#include "tm-report-data.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

typedef struct
{
  TmTable     table;
  const char *check;     /* which CHECK: its column, or what a table constraint ties */
  const char *column;
  const char *value;     /* as the CSV file holds it; NULL for empty */
  gboolean    allowed;
  const char *also;      /* other values the case needs: "total=9 difficulty=" */
} Boundary;

#define N_COLUMNS_MAX 28

/* A valid row of each table, as the CSV files hold it. */
static const char * const base_rows[TM_N_TABLES][N_COLUMNS_MAX] = {
  [TM_TABLE_CHECKINS] = { "2026-03-01", "5", NULL, NULL, NULL, "0", NULL, NULL, "2026-03-01T20:00:00Z",
                          "2026-03-01T20:00:00Z", "0", NULL, "0" },
  /* At the clinic, where a time ready to leave is kept. */
  [TM_TABLE_SESSIONS] = { "2026-03-01T10:00:00+01:00", "50", "sublingual", "clinic", "1", NULL, NULL, "0", NULL,
                          NULL, NULL, "0", NULL, "2026-03-01T10:05:00Z", "2026-03-01T10:05:00Z", "0", "0" },
  /* Of the session test_boundary () stores first, id 1. */
  [TM_TABLE_SESSION_READINGS] = { "1", "40", "141", "88", "72", NULL, NULL, NULL, NULL, "2026-03-01T10:45:00Z" },
  [TM_TABLE_MEDICINES] = { "Sertraline", "100", "mg", "every morning", "2026-02-01", NULL, "antidepressant",
                           "2026-02-01T09:00:00Z", NULL },
  [TM_TABLE_QUESTIONNAIRES] = { "phq9", "2026-03-01", "012301230", "1", "12", "2026-03-01T20:00:00Z", NULL },
  [TM_TABLE_PLANS] = { "2026-03-01", "365", "50", "sublingual", "2", NULL, NULL, "2026-03-01T09:00:00Z" },
  [TM_TABLE_PLAN_DATES] = { "2026-03-10", "extra", NULL, "2026-03-01T09:00:00Z" },
  [TM_TABLE_SAFETY_EVENTS] = { "S1", "caution", "checkin", NULL, "2026-03-01T20:00:00Z", NULL, NULL, NULL },
  [TM_TABLE_REVIEWS] = { "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00", "Dr. Ortiz", NULL,
                         "2026-03-28T16:00:00Z", NULL },
};

/* Filled in main(): texts of a given length. */
static char *chars_10000, *chars_10001, *chars_200, *chars_201;

#define OK TRUE
#define NO FALSE

static Boundary cases[] = {
  /* checkin */
  { TM_TABLE_CHECKINS, "day", "day", "2026-02-28", OK },
  { TM_TABLE_CHECKINS, "day", "day", "2026-02-29", NO },
  { TM_TABLE_CHECKINS, "mood", "mood", "10", OK },
  { TM_TABLE_CHECKINS, "mood", "mood", "11", NO },
  { TM_TABLE_CHECKINS, "mood", "mood", "0", OK },
  { TM_TABLE_CHECKINS, "mood", "mood", "-1", NO },
  { TM_TABLE_CHECKINS, "anxiety", "anxiety", "10", OK },
  { TM_TABLE_CHECKINS, "anxiety", "anxiety", "11", NO },
  { TM_TABLE_CHECKINS, "anxiety", "anxiety", "-1", NO },
  { TM_TABLE_CHECKINS, "energy", "energy", "0", OK },
  { TM_TABLE_CHECKINS, "energy", "energy", "11", NO },
  { TM_TABLE_CHECKINS, "sleep_hours", "sleep_hours", "24", OK },
  { TM_TABLE_CHECKINS, "sleep_hours", "sleep_hours", "24.01", NO },
  { TM_TABLE_CHECKINS, "sleep_hours", "sleep_hours", "0", OK },
  { TM_TABLE_CHECKINS, "sleep_hours", "sleep_hours", "-0.01", NO },
  { TM_TABLE_CHECKINS, "effects", "effects", "127", OK },
  { TM_TABLE_CHECKINS, "effects", "effects", "128", NO },
  { TM_TABLE_CHECKINS, "effects_intensity", "effects_intensity", "10", OK, "effects=1" },
  { TM_TABLE_CHECKINS, "effects_intensity", "effects_intensity", "11", NO, "effects=1" },
  { TM_TABLE_CHECKINS, "effects and their intensity", "effects_intensity", "5", NO },
  { TM_TABLE_CHECKINS, "effects and their intensity", "effects_intensity", "0", OK, "effects=64" },
  { TM_TABLE_CHECKINS, "note", "note", "x", OK },
  { TM_TABLE_CHECKINS, "note", "note", "10000 characters", OK },
  { TM_TABLE_CHECKINS, "note", "note", "10001 characters", NO },
  { TM_TABLE_CHECKINS, "created_at", "created_at", "2026-03-01T23:59:59+14:00", OK },
  { TM_TABLE_CHECKINS, "created_at", "created_at", "2026-03-01T23:59:60Z", NO },
  { TM_TABLE_CHECKINS, "updated_at", "updated_at", "2026-03-01T10:00:00-12:00", OK },
  { TM_TABLE_CHECKINS, "updated_at", "updated_at", "2026-03-01T10:00:00+24:00", NO },
  { TM_TABLE_CHECKINS, "red_flags", "red_flags", "63", OK },
  { TM_TABLE_CHECKINS, "red_flags", "red_flags", "64", NO },
  { TM_TABLE_CHECKINS, "red_flags", "red_flags", "-2", NO },
  { TM_TABLE_CHECKINS, "self_harm", "self_harm", "0", OK },
  { TM_TABLE_CHECKINS, "self_harm", "self_harm", "1", OK },
  { TM_TABLE_CHECKINS, "self_harm", "self_harm", "2", NO },
  { TM_TABLE_CHECKINS, "self_harm", "self_harm", "-2", NO },

  /* questionnaire */
  { TM_TABLE_QUESTIONNAIRES, "kind", "kind", "gad7", OK, "answers=0123012 total=9 difficulty=" },
  { TM_TABLE_QUESTIONNAIRES, "kind", "kind", "phq8", NO },
  { TM_TABLE_QUESTIONNAIRES, "day", "day", "2024-02-29", OK },
  { TM_TABLE_QUESTIONNAIRES, "day", "day", "2026-02-29", NO },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "333333333", OK, "total=27" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "012301234", NO, "total=16" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "01230123", NO, "total=12" },
  { TM_TABLE_QUESTIONNAIRES, "difficulty", "difficulty", "3", OK },
  { TM_TABLE_QUESTIONNAIRES, "difficulty", "difficulty", "4", NO },
  { TM_TABLE_QUESTIONNAIRES, "difficulty", "difficulty", "0", NO, "kind=gad7 answers=0123012 total=9" },
  { TM_TABLE_QUESTIONNAIRES, "total", "total", "13", NO },
  { TM_TABLE_QUESTIONNAIRES, "total", "total", "12", OK },
  /* The follow-up: twelve items of 0–2, or 0–1 for a yes or no (the 3rd,
   * 8th, 10th, 11th and 12th), and how well it is tolerated. */
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "221222202111", OK,
    "kind=followup total=18 difficulty= tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "000000000000", OK,
    "kind=followup total=0 difficulty= tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "002000000000", NO,
    "kind=followup total=2 difficulty= tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "300000000000", NO,
    "kind=followup total=3 difficulty= tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "000000000002", NO,
    "kind=followup total=2 difficulty= tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "answers", "answers", "00000000000", NO,
    "kind=followup total=0 difficulty= tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "tolerance", "tolerance", "10", OK,
    "kind=followup answers=000000000000 total=0 difficulty=" },
  { TM_TABLE_QUESTIONNAIRES, "tolerance", "tolerance", "0", OK,
    "kind=followup answers=000000000000 total=0 difficulty=" },
  { TM_TABLE_QUESTIONNAIRES, "tolerance", "tolerance", "11", NO,
    "kind=followup answers=000000000000 total=0 difficulty=" },
  { TM_TABLE_QUESTIONNAIRES, "tolerance", "tolerance", "-1", NO,
    "kind=followup answers=000000000000 total=0 difficulty=" },
  { TM_TABLE_QUESTIONNAIRES, "the follow-up's tolerance, only there", "tolerance", NULL, NO,
    "kind=followup answers=000000000000 total=0 difficulty=" },
  { TM_TABLE_QUESTIONNAIRES, "the follow-up's tolerance, only there", "tolerance", "5", NO },
  { TM_TABLE_QUESTIONNAIRES, "the follow-up's tolerance, only there", "tolerance", NULL, OK },
  { TM_TABLE_QUESTIONNAIRES, "difficulty", "difficulty", "0", NO,
    "kind=followup answers=000000000000 total=0 tolerance=5" },
  { TM_TABLE_QUESTIONNAIRES, "created_at", "created_at", "9999-12-31T23:59:59Z", OK },
  { TM_TABLE_QUESTIONNAIRES, "created_at", "created_at", "9999-12-31T23:59:59-12:00", NO },

  /* session */
  { TM_TABLE_SESSIONS, "taken_at", "taken_at", "2026-03-01T23:59:59+14:00", OK },
  { TM_TABLE_SESSIONS, "taken_at", "taken_at", "2026-03-01T23:59:60+01:00", NO },
  { TM_TABLE_SESSIONS, "taken_at", "taken_at", "2026-03-01T10:00:00+15:00", NO },
  { TM_TABLE_SESSIONS, "dose_mg", "dose_mg", "0.01", OK },
  { TM_TABLE_SESSIONS, "dose_mg", "dose_mg", "0", NO },
  { TM_TABLE_SESSIONS, "dose_mg", "dose_mg", "1000", OK },
  { TM_TABLE_SESSIONS, "dose_mg", "dose_mg", "1000.01", NO },
  { TM_TABLE_SESSIONS, "route", "route", "intravenous", OK },
  { TM_TABLE_SESSIONS, "route", "route", "nasal", NO },
  { TM_TABLE_SESSIONS, "setting", "setting", "clinic", OK },
  { TM_TABLE_SESSIONS, "setting", "setting", "car", NO },
  { TM_TABLE_SESSIONS, "monitor_present", "monitor_present", "0", OK },
  { TM_TABLE_SESSIONS, "monitor_present", "monitor_present", "2", NO },
  { TM_TABLE_SESSIONS, "mood_before", "mood_before", "10", OK },
  { TM_TABLE_SESSIONS, "mood_before", "mood_before", "11", NO },
  { TM_TABLE_SESSIONS, "dissociation_peak", "dissociation_peak", "0", OK },
  { TM_TABLE_SESSIONS, "dissociation_peak", "dissociation_peak", "-1", NO },
  { TM_TABLE_SESSIONS, "effects", "effects", "127", OK },
  { TM_TABLE_SESSIONS, "effects", "effects", "128", NO },
  { TM_TABLE_SESSIONS, "effects_minutes", "effects_minutes", "1440", OK },
  { TM_TABLE_SESSIONS, "effects_minutes", "effects_minutes", "1441", NO },
  { TM_TABLE_SESSIONS, "nausea", "nausea", "3", OK },
  { TM_TABLE_SESSIONS, "nausea", "nausea", "4", NO },
  { TM_TABLE_SESSIONS, "sedation", "sedation", "3", OK },
  { TM_TABLE_SESSIONS, "sedation", "sedation", "4", NO },
  { TM_TABLE_SESSIONS, "other_medicines", "other_medicines", "63", OK },
  { TM_TABLE_SESSIONS, "other_medicines", "other_medicines", "64", NO },
  { TM_TABLE_SESSIONS, "red_flags", "red_flags", "63", OK },
  { TM_TABLE_SESSIONS, "red_flags", "red_flags", "64", NO },
  { TM_TABLE_SESSIONS, "red_flags", "red_flags", "-2", NO },
  { TM_TABLE_SESSIONS, "note", "note", "10000 characters", OK },
  { TM_TABLE_SESSIONS, "note", "note", "10001 characters", NO },
  { TM_TABLE_SESSIONS, "monitored_minutes", "monitored_minutes", "1440", OK },
  { TM_TABLE_SESSIONS, "monitored_minutes", "monitored_minutes", "1441", NO },
  { TM_TABLE_SESSIONS, "monitored_minutes", "monitored_minutes", "-1", NO },
  { TM_TABLE_SESSIONS, "ready_to_leave_minutes", "ready_to_leave_minutes", "0", OK },
  { TM_TABLE_SESSIONS, "ready_to_leave_minutes", "ready_to_leave_minutes", "1441", NO },
  { TM_TABLE_SESSIONS, "intention", "intention", "10000 characters", OK },
  { TM_TABLE_SESSIONS, "intention", "intention", "10001 characters", NO },
  { TM_TABLE_SESSIONS, "reflection", "reflection", "x", OK },
  { TM_TABLE_SESSIONS, "reflection", "reflection", "10001 characters", NO },
  { TM_TABLE_SESSIONS, "next_day_note", "next_day_note", "10000 characters", OK },
  { TM_TABLE_SESSIONS, "next_day_note", "next_day_note", "10001 characters", NO },
  { TM_TABLE_SESSIONS, "created_at", "created_at", "2026-03-01T10:05:00-00:00", OK },
  { TM_TABLE_SESSIONS, "created_at", "created_at", "2026-03-01T10:05:60Z", NO },
  { TM_TABLE_SESSIONS, "updated_at", "updated_at", "2026-03-01T10:05:00+05:45", OK },
  { TM_TABLE_SESSIONS, "updated_at", "updated_at", "2026-03-01T10:05:00+15:00", NO },
  { TM_TABLE_SESSIONS, "eased", "eased", "1", OK },
  { TM_TABLE_SESSIONS, "eased", "eased", "2", NO },
  { TM_TABLE_SESSIONS, "slept_well", "slept_well", "0", OK },
  { TM_TABLE_SESSIONS, "slept_well", "slept_well", "2", NO },
  { TM_TABLE_SESSIONS, "fully_alert", "fully_alert", "1", OK },
  { TM_TABLE_SESSIONS, "fully_alert", "fully_alert", "-2", NO },
  { TM_TABLE_SESSIONS, "lingering", "lingering", "0", OK },
  { TM_TABLE_SESSIONS, "lingering", "lingering", "2", NO },

  /* session_reading */
  { TM_TABLE_SESSION_READINGS, "minutes_after", "minutes_after", "0", OK },
  { TM_TABLE_SESSION_READINGS, "minutes_after", "minutes_after", "1440", OK },
  { TM_TABLE_SESSION_READINGS, "minutes_after", "minutes_after", "1441", NO },
  { TM_TABLE_SESSION_READINGS, "minutes_after", "minutes_after", "-1", NO },
  { TM_TABLE_SESSION_READINGS, "bp_sys", "bp_sys", "280", OK },
  { TM_TABLE_SESSION_READINGS, "bp_sys", "bp_sys", "281", NO },
  { TM_TABLE_SESSION_READINGS, "bp_sys", "bp_sys", "60", OK, "bp_dia=30" },
  { TM_TABLE_SESSION_READINGS, "bp_sys", "bp_sys", "59", NO, "bp_dia=30" },
  { TM_TABLE_SESSION_READINGS, "bp_dia", "bp_dia", "180", OK, "bp_sys=280" },
  { TM_TABLE_SESSION_READINGS, "bp_dia", "bp_dia", "181", NO, "bp_sys=280" },
  { TM_TABLE_SESSION_READINGS, "bp_dia", "bp_dia", "29", NO },
  { TM_TABLE_SESSION_READINGS, "pulse", "pulse", "30", OK },
  { TM_TABLE_SESSION_READINGS, "pulse", "pulse", "29", NO },
  { TM_TABLE_SESSION_READINGS, "pulse", "pulse", "220", OK },
  { TM_TABLE_SESSION_READINGS, "pulse", "pulse", "221", NO },
  { TM_TABLE_SESSION_READINGS, "dissociation", "dissociation", "10", OK },
  { TM_TABLE_SESSION_READINGS, "dissociation", "dissociation", "11", NO },
  { TM_TABLE_SESSION_READINGS, "sedation", "sedation", "3", OK },
  { TM_TABLE_SESSION_READINGS, "sedation", "sedation", "4", NO },
  { TM_TABLE_SESSION_READINGS, "nausea", "nausea", "0", OK },
  { TM_TABLE_SESSION_READINGS, "nausea", "nausea", "-3", NO },
  { TM_TABLE_SESSION_READINGS, "note", "note", "10000 characters", OK },
  { TM_TABLE_SESSION_READINGS, "note", "note", "10001 characters", NO },
  { TM_TABLE_SESSION_READINGS, "created_at", "created_at", "2026-03-01T10:45:00+05:45", OK },
  { TM_TABLE_SESSION_READINGS, "created_at", "created_at", "2026-03-01T10:45:61Z", NO },
  { TM_TABLE_SESSION_READINGS, "blood pressure, both or neither", "bp_dia", NULL, NO },
  { TM_TABLE_SESSION_READINGS, "blood pressure, both or neither", "bp_dia", NULL, OK, "bp_sys=" },
  { TM_TABLE_SESSION_READINGS, "blood pressure, systolic higher", "bp_sys", "88", NO },
  { TM_TABLE_SESSION_READINGS, "blood pressure, systolic higher", "bp_sys", "89", OK },

  /* medicine */
  { TM_TABLE_MEDICINES, "name", "name", "200 characters", OK },
  { TM_TABLE_MEDICINES, "name", "name", "201 characters", NO },
  { TM_TABLE_MEDICINES, "dose", "dose", "100000", OK },
  { TM_TABLE_MEDICINES, "dose", "dose", "100000.01", NO },
  { TM_TABLE_MEDICINES, "dose", "dose", "0.01", OK },
  { TM_TABLE_MEDICINES, "dose", "dose", "0", NO },
  { TM_TABLE_MEDICINES, "unit", "unit", "micrograms", OK },
  { TM_TABLE_MEDICINES, "unit", "unit", "201 characters", NO },
  { TM_TABLE_MEDICINES, "schedule", "schedule", "200 characters", OK },
  { TM_TABLE_MEDICINES, "schedule", "schedule", "201 characters", NO },
  { TM_TABLE_MEDICINES, "started_on", "started_on", "2024-02-29", OK },
  { TM_TABLE_MEDICINES, "started_on", "started_on", "2026-02-29", NO },
  { TM_TABLE_MEDICINES, "stopped_on", "stopped_on", "2026-02-28", OK },
  { TM_TABLE_MEDICINES, "stopped_on", "stopped_on", "2026-02-30", NO },
  { TM_TABLE_MEDICINES, "kind", "kind", "sedating-antihistamine", OK },
  { TM_TABLE_MEDICINES, "kind", "kind", "antihistamine", NO },
  { TM_TABLE_MEDICINES, "created_at", "created_at", "2026-02-01T09:00:00+05:45", OK },
  { TM_TABLE_MEDICINES, "created_at", "created_at", "2026-02-01T09:00:61Z", NO },
  { TM_TABLE_MEDICINES, "stopped_on >= started_on", "stopped_on", "2026-02-01", OK },
  { TM_TABLE_MEDICINES, "stopped_on >= started_on", "stopped_on", "2026-01-31", NO },

  /* plan */
  { TM_TABLE_PLANS, "effective_from", "effective_from", "2026-04-30", OK },
  { TM_TABLE_PLANS, "effective_from", "effective_from", "2026-04-31", NO },
  { TM_TABLE_PLANS, "interval_days", "interval_days", "366", NO },
  { TM_TABLE_PLANS, "interval_days", "interval_days", "1", OK, "tolerance_days=0" },
  { TM_TABLE_PLANS, "interval_days", "interval_days", "0", NO, "tolerance_days=0" },
  { TM_TABLE_PLANS, "dose_mg", "dose_mg", "0.01", OK },
  { TM_TABLE_PLANS, "dose_mg", "dose_mg", "-0.01", NO },
  { TM_TABLE_PLANS, "dose_mg", "dose_mg", "1000.01", NO },
  { TM_TABLE_PLANS, "route", "route", "oral", OK },
  { TM_TABLE_PLANS, "route", "route", "nasal", NO },
  { TM_TABLE_PLANS, "tolerance_days", "tolerance_days", "30", OK },
  { TM_TABLE_PLANS, "tolerance_days", "tolerance_days", "31", NO },
  { TM_TABLE_PLANS, "tolerance_days", "tolerance_days", "-1", NO },
  { TM_TABLE_PLANS, "instructions", "instructions", "10000 characters", OK },
  { TM_TABLE_PLANS, "instructions", "instructions", "10001 characters", NO },
  { TM_TABLE_PLANS, "author", "author", "200 characters", OK },
  { TM_TABLE_PLANS, "author", "author", "201 characters", NO },
  { TM_TABLE_PLANS, "created_at", "created_at", "2026-03-01T09:00:00-12:00", OK },
  { TM_TABLE_PLANS, "created_at", "created_at", "2026-03-01T09:00:00+99:00", NO },

  /* plan_date */
  { TM_TABLE_PLAN_DATES, "day", "day", "2026-03-31", OK },
  { TM_TABLE_PLAN_DATES, "day", "day", "2026-03-32", NO },
  { TM_TABLE_PLAN_DATES, "kind", "kind", "cancelled", OK },
  { TM_TABLE_PLAN_DATES, "kind", "kind", "moved", NO },
  { TM_TABLE_PLAN_DATES, "note", "note", "10000 characters", OK },
  { TM_TABLE_PLAN_DATES, "note", "note", "10001 characters", NO },
  { TM_TABLE_PLAN_DATES, "created_at", "created_at", "2026-03-01T09:00:59Z", OK },
  { TM_TABLE_PLAN_DATES, "created_at", "created_at", "2026-03-01T09:00:60Z", NO },

  /* safety_event: written only by the store and the CSV reader */
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S7", OK },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S11", OK },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S13", OK },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S8", OK },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S10", OK },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S0", NO },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S14", NO },
  { TM_TABLE_SAFETY_EVENTS, "rule", "rule", "S99", NO },
  { TM_TABLE_SAFETY_EVENTS, "level", "level", "urgent", OK },
  { TM_TABLE_SAFETY_EVENTS, "level", "level", "severe", NO },
  { TM_TABLE_SAFETY_EVENTS, "source", "source", "questionnaire", OK },
  { TM_TABLE_SAFETY_EVENTS, "source", "source", "form", NO },
  { TM_TABLE_SAFETY_EVENTS, "source", "source", "medicine", OK },
  { TM_TABLE_SAFETY_EVENTS, "shown_at", "shown_at", "2026-03-01T20:00:00+14:00", OK },
  { TM_TABLE_SAFETY_EVENTS, "shown_at", "shown_at", "2026-03-01T20:00:00+24:00", NO },
  { TM_TABLE_SAFETY_EVENTS, "answered_at", "answered_at", "2026-03-01T20:01:00Z", OK },
  { TM_TABLE_SAFETY_EVENTS, "answered_at", "answered_at", "2026-03-01T20:01:60Z", NO },
  { TM_TABLE_SAFETY_EVENTS, "answer", "answer", "noted", OK },
  { TM_TABLE_SAFETY_EVENTS, "answer", "answer", "201 characters", NO },
  { TM_TABLE_SAFETY_EVENTS, "detail", "detail", "10000 characters", OK },
  { TM_TABLE_SAFETY_EVENTS, "detail", "detail", "10001 characters", NO },

  /* discuss, on check-ins and sessions; the pre-treatment values */
  { TM_TABLE_CHECKINS, "discuss", "discuss", "1", OK },
  { TM_TABLE_CHECKINS, "discuss", "discuss", "2", NO },
  { TM_TABLE_SESSIONS, "discuss", "discuss", "1", OK },
  { TM_TABLE_SESSIONS, "discuss", "discuss", "2", NO },
  { TM_TABLE_PLANS, "pre_phq9", "pre_phq9", "27", OK },
  { TM_TABLE_PLANS, "pre_phq9", "pre_phq9", "28", NO },
  { TM_TABLE_PLANS, "pre_phq9", "pre_phq9", "0", OK },
  { TM_TABLE_PLANS, "pre_mood", "pre_mood", "10", OK },
  { TM_TABLE_PLANS, "pre_mood", "pre_mood", "11", NO },
  { TM_TABLE_PLANS, "pre_dose_instruction", "pre_dose_instruction", "10000 characters", OK },
  { TM_TABLE_PLANS, "pre_dose_instruction", "pre_dose_instruction", "10001 characters", NO },

  /* review */
  { TM_TABLE_REVIEWS, "period_from", "period_from", "2026-02-28", OK },
  { TM_TABLE_REVIEWS, "period_from", "period_from", "2026-02-29", NO },
  { TM_TABLE_REVIEWS, "period_to", "period_to", "2026-04-30", OK },
  { TM_TABLE_REVIEWS, "period_to", "period_to", "2026-04-31", NO },
  { TM_TABLE_REVIEWS, "period_from <= period_to", "period_to", "2026-03-01", OK },
  { TM_TABLE_REVIEWS, "period_from <= period_to", "period_to", "2026-02-28", NO },
  { TM_TABLE_REVIEWS, "finished_at", "finished_at", "2026-03-28T17:00:00-12:00", OK },
  { TM_TABLE_REVIEWS, "finished_at", "finished_at", "2026-03-28T17:00:00+99:00", NO },
  { TM_TABLE_REVIEWS, "author", "author", "200 characters", OK },
  { TM_TABLE_REVIEWS, "author", "author", "201 characters", NO },
  { TM_TABLE_REVIEWS, "note", "note", "10000 characters", OK },
  { TM_TABLE_REVIEWS, "note", "note", "10001 characters", NO },
  { TM_TABLE_REVIEWS, "created_at", "created_at", "2026-03-28T16:00:59Z", OK },
  { TM_TABLE_REVIEWS, "created_at", "created_at", "2026-03-28T16:00:60Z", NO },
};

/* The SQL table of each CSV file. */
static const char * const table_names[TM_N_TABLES] = {
  "checkin", "session", "questionnaire", "plan", "plan_date", "safety_event", "review", "session_reading",
  "medicine",
};

/* The key of the session a reading's case belongs to (test_boundary ()). */
static char *parent_key;

static const char *
expand (const char *value)
{
  if (g_strcmp0 (value, "10000 characters") == 0)
    return chars_10000;
  if (g_strcmp0 (value, "10001 characters") == 0)
    return chars_10001;
  if (g_strcmp0 (value, "200 characters") == 0)
    return chars_200;
  if (g_strcmp0 (value, "201 characters") == 0)
    return chars_201;
  return value;
}

static int
column_index (TmTable     table,
              const char *column)
{
  const TmTableInfo *info = tm_table_get_info (table);

  for (guint i = 0; i < info->n_columns; i++)
    if (strcmp (tm_column_get_csv_name (&info->columns[i]), column) == 0)
      return (int) i;
  g_error ("%s has no column %s", info->file, column);
}

/* The row of @b: the table's valid row with the case's values. Returns
 * the strings it made, to be freed after. */
static GStrv
make_row (const Boundary *b,
          const char     *row[N_COLUMNS_MAX])
{
  g_auto(GStrv) also = g_strsplit (b->also != NULL ? b->also : "", " ", -1);
  GPtrArray *made = g_ptr_array_new ();

  memcpy (row, base_rows[b->table], sizeof base_rows[b->table]);
  row[column_index (b->table, b->column)] = expand (b->value);
  for (guint i = 0; also[i] != NULL; i++)
    {
      char *equals = strchr (also[i], '=');
      char *column;

      if (equals == NULL)
        continue;
      column = g_strndup (also[i], (gsize) (equals - also[i]));
      g_ptr_array_add (made, column);
      g_ptr_array_add (made, g_strdup (equals + 1));
      row[column_index (b->table, column)] = equals[1] != '\0' ? made->pdata[made->len - 1] : NULL;
    }
  g_ptr_array_add (made, NULL);
  return (GStrv) g_ptr_array_free (made, FALSE);
}

static const char *
value_of (TmTable      table,
          const char **row,
          const char  *column)
{
  const char *value = row[column_index (table, column)];

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static gboolean form_cannot_give;

static int
int_of (TmTable      table,
        const char **row,
        const char  *column)
{
  const char *value = value_of (table, row, column);

  if (value != NULL && atoi (value) == TM_UNSET)
    form_cannot_give = TRUE;
  return value != NULL ? atoi (value) : TM_UNSET;
}

static double
real_of (TmTable      table,
         const char **row,
         const char  *column)
{
  const char *value = value_of (table, row, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : TM_UNSET_HOURS;
}

/* SQLite alone: the row straight into its table, taken back at once. */
static int
insert_raw (TmStore      *store,
            TmTable       table,
            const char  **row)
{
  sqlite3 *db = tm_store_get_db (store);
  const TmTableInfo *info = tm_table_get_info (table);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) slots = g_string_new (NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int n = 0;
  int rc;

  for (guint i = 0; i < info->n_columns; i++)
    {
      /* A record's key is no value of the table: the store finds its id;
       * a reading's session is the one stored first. */
      if (info->columns[i].type == TM_VALUE_RECORD && (info->columns[i].flags & TM_COLUMN_OPTIONAL))
        continue;
      g_string_append_printf (names, "%s%s", n > 0 ? ", " : "", info->columns[i].name);
      g_string_append_printf (slots, "%s?%u", n > 0 ? ", " : "", i + 1);
      n++;
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table_names[table], names->str, slots->str);

  g_assert_cmpint (sqlite3_exec (db, "SAVEPOINT walk", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < info->n_columns; i++)
    if (row[i] != NULL && row[i][0] != '\0' &&
        (info->columns[i].type != TM_VALUE_RECORD || !(info->columns[i].flags & TM_COLUMN_OPTIONAL)))
      sqlite3_bind_text (stmt, (int) i + 1, row[i], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK TO walk; RELEASE walk", NULL, NULL, NULL), ==, SQLITE_OK);
  return rc;
}

/* The record a form would hand the store, or NULL when a form can't even
 * give the value: a switch is on or off, never 2; a rating left out is
 * unset, which -1 stands for; the store scores a questionnaire itself, so
 * a total of its own is the CSV reader's to check. */
static GObject *
make_record_as_given (TmTable      table,
                      const char **row)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      {
        TmCheckin *c = tm_checkin_new (value_of (table, row, "day"));

        c->mood = int_of (table, row, "mood");
        c->anxiety = int_of (table, row, "anxiety");
        c->energy = int_of (table, row, "energy");
        c->sleep_hours = real_of (table, row, "sleep_hours");
        c->effects = (guint) int_of (table, row, "effects");
        c->effects_intensity = int_of (table, row, "effects_intensity");
        c->red_flags = (guint) int_of (table, row, "red_flags");
        c->self_harm = int_of (table, row, "self_harm");
        if (int_of (table, row, "discuss") != 0 && int_of (table, row, "discuss") != 1)
          form_cannot_give = TRUE;
        c->discuss = int_of (table, row, "discuss");
        tm_checkin_set_note (c, value_of (table, row, "note"));
        c->created_at = g_strdup (value_of (table, row, "created_at"));
        c->updated_at = g_strdup (value_of (table, row, "updated_at"));
        return G_OBJECT (c);
      }
    case TM_TABLE_SESSIONS:
      {
        TmSession *s = tm_session_new ();
        int monitor = int_of (table, row, "monitor_present");

        if (monitor != 0 && monitor != 1)
          {
            g_object_unref (s);
            return NULL;
          }
        tm_session_set_taken_at (s, value_of (table, row, "taken_at"));
        s->dose_mg = real_of (table, row, "dose_mg");
        if (!tm_route_from_string (value_of (table, row, "route"), &s->route))
          s->route = TM_N_ROUTES;
        if (!tm_setting_from_string (value_of (table, row, "setting"), &s->setting))
          s->setting = TM_N_SETTINGS;
        s->monitor_present = monitor;
        s->mood_before = int_of (table, row, "mood_before");
        s->dissociation_peak = int_of (table, row, "dissociation_peak");
        s->effects = (guint) int_of (table, row, "effects");
        s->effects_minutes = int_of (table, row, "effects_minutes");
        s->nausea = int_of (table, row, "nausea");
        s->sedation = int_of (table, row, "sedation");
        s->eased = int_of (table, row, "eased");
        s->slept_well = int_of (table, row, "slept_well");
        s->fully_alert = int_of (table, row, "fully_alert");
        s->lingering = int_of (table, row, "lingering");
        s->other_medicines = (guint) int_of (table, row, "other_medicines");
        s->red_flags = (guint) int_of (table, row, "red_flags");
        if (int_of (table, row, "discuss") != 0 && int_of (table, row, "discuss") != 1)
          form_cannot_give = TRUE;
        s->discuss = int_of (table, row, "discuss");
        s->monitored_minutes = int_of (table, row, "monitored_minutes");
        s->ready_minutes = int_of (table, row, "ready_to_leave_minutes");
        tm_session_set_intention (s, value_of (table, row, "intention"));
        tm_session_set_reflection (s, value_of (table, row, "reflection"));
        tm_session_set_next_day_note (s, value_of (table, row, "next_day_note"));
        tm_session_set_note (s, value_of (table, row, "note"));
        s->created_at = g_strdup (value_of (table, row, "created_at"));
        s->updated_at = g_strdup (value_of (table, row, "updated_at"));
        return G_OBJECT (s);
      }
    case TM_TABLE_QUESTIONNAIRES:
      {
        TmQuestionnaireKind kind;
        TmQuestionnaire *q;

        if (!tm_questionnaire_kind_from_string (value_of (table, row, "kind"), &kind))
          kind = TM_N_QUESTIONNAIRE_KINDS;
        q = tm_questionnaire_new (kind, value_of (table, row, "day"));
        if (kind < TM_N_QUESTIONNAIRE_KINDS)
          tm_questionnaire_set_answers_text (q, value_of (table, row, "answers"));
        q->difficulty = int_of (table, row, "difficulty");
        q->tolerance = int_of (table, row, "tolerance");
        if (kind < TM_N_QUESTIONNAIRE_KINDS && tm_questionnaire_score (kind, q->answers) >= 0 &&
            int_of (table, row, "total") != tm_questionnaire_score (kind, q->answers))
          form_cannot_give = TRUE;
        q->created_at = g_strdup (value_of (table, row, "created_at"));
        return G_OBJECT (q);
      }
    case TM_TABLE_PLANS:
      {
        TmPlan *plan = tm_plan_new (value_of (table, row, "effective_from"));

        plan->interval_days = int_of (table, row, "interval_days");
        plan->dose_mg = real_of (table, row, "dose_mg");
        if (!tm_route_from_string (value_of (table, row, "route"), &plan->route))
          plan->route = TM_N_ROUTES;
        plan->tolerance_days = int_of (table, row, "tolerance_days");
        tm_plan_set_instructions (plan, value_of (table, row, "instructions"));
        tm_plan_set_author (plan, value_of (table, row, "author"));
        plan->pre_phq9 = int_of (table, row, "pre_phq9");
        plan->pre_mood = int_of (table, row, "pre_mood");
        tm_plan_set_pre_dose_instruction (plan, value_of (table, row, "pre_dose_instruction"));
        plan->created_at = g_strdup (value_of (table, row, "created_at"));
        return G_OBJECT (plan);
      }
    case TM_TABLE_PLAN_DATES:
      {
        TmPlanDateKind kind;
        TmPlanDate *date;

        if (!tm_plan_date_kind_from_string (value_of (table, row, "kind"), &kind))
          kind = (TmPlanDateKind) 7;
        date = tm_plan_date_new (value_of (table, row, "day"), kind);
        date->note = g_strdup (value_of (table, row, "note"));
        date->created_at = g_strdup (value_of (table, row, "created_at"));
        return G_OBJECT (date);
      }
    case TM_TABLE_REVIEWS:
      {
        TmReview *review = tm_review_new (value_of (table, row, "period_from"), value_of (table, row, "period_to"));

        tm_review_set_finished_at (review, value_of (table, row, "finished_at"));
        tm_review_set_author (review, value_of (table, row, "author"));
        tm_review_set_note (review, value_of (table, row, "note"));
        review->created_at = g_strdup (value_of (table, row, "created_at"));
        return G_OBJECT (review);
      }
    case TM_TABLE_SESSION_READINGS:
      {
        TmSessionReading *r = tm_session_reading_new ();

        r->session_id = 1;
        r->minutes_after = int_of (table, row, "minutes_after");
        r->bp_sys = int_of (table, row, "bp_sys");
        r->bp_dia = int_of (table, row, "bp_dia");
        r->pulse = int_of (table, row, "pulse");
        r->dissociation = int_of (table, row, "dissociation");
        r->sedation = int_of (table, row, "sedation");
        r->nausea = int_of (table, row, "nausea");
        tm_session_reading_set_note (r, value_of (table, row, "note"));
        r->created_at = g_strdup (value_of (table, row, "created_at"));
        return G_OBJECT (r);
      }
    case TM_TABLE_MEDICINES:
      {
        TmRegularMedicine *m = tm_regular_medicine_new (value_of (table, row, "name"),
                                                        value_of (table, row, "started_on"));
        const char *stopped = value_of (table, row, "stopped_on");
        TmMedicineKind kind;

        m->dose = real_of (table, row, "dose");
        tm_regular_medicine_set_text (&m->unit, value_of (table, row, "unit"));
        tm_regular_medicine_set_text (&m->schedule, value_of (table, row, "schedule"));
        g_strlcpy (m->stopped_on, stopped != NULL ? stopped : "", sizeof m->stopped_on);
        if (!tm_medicine_kind_from_string (value_of (table, row, "kind"), &kind))
          kind = TM_N_MEDICINE_KINDS;
        m->kind = kind;
        m->created_at = g_strdup (value_of (table, row, "created_at"));
        return G_OBJECT (m);
      }
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return NULL;
    }
}

/* A reading is checked, and stored, with its session. */
static TmSession *
session_with (TmSession        *session,
              TmSessionReading *reading)
{
  TmSession *with = session != NULL ? tm_session_copy (session) : tm_session_new ();

  if (session == NULL)
    {
      tm_session_set_taken_at (with, "2026-03-01T10:00:00+01:00");
      with->dose_mg = 50;
    }
  tm_session_add_reading (with, tm_session_reading_copy (reading));
  return with;
}

static GObject *
make_record (TmTable      table,
             const char **row)
{
  GObject *record;

  form_cannot_give = FALSE;
  record = make_record_as_given (table, row);
  if (form_cannot_give)
    g_clear_object (&record);
  return record;
}

static gboolean
validate (TmTable   table,
          GObject  *record,
          GError  **error)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      return tm_checkin_validate (TM_CHECKIN (record), NULL, error);
    case TM_TABLE_SESSIONS:
      return tm_session_validate (TM_SESSION (record), NULL, error);
    case TM_TABLE_QUESTIONNAIRES:
      return tm_questionnaire_validate (TM_QUESTIONNAIRE (record), NULL, error);
    case TM_TABLE_PLANS:
      return tm_plan_validate (TM_PLAN (record), NULL, error);
    case TM_TABLE_REVIEWS:
      return tm_review_validate (TM_REVIEW (record), NULL, error);
    case TM_TABLE_SESSION_READINGS:
      {
        g_autoptr(TmSession) with = session_with (NULL, TM_SESSION_READING (record));

        return tm_session_validate (with, NULL, error);
      }
    case TM_TABLE_MEDICINES:
      return tm_regular_medicine_validate (TM_REGULAR_MEDICINE (record), NULL, error);
    case TM_TABLE_PLAN_DATES:
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return tm_plan_date_validate (TM_PLAN_DATE (record), error);
    }
}

static gboolean
save (TmStore  *store,
      TmTable   table,
      GObject  *record,
      GError  **error)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      return tm_store_save_checkin (store, TM_CHECKIN (record), error);
    case TM_TABLE_SESSIONS:
      return tm_store_save_session (store, TM_SESSION (record), error);
    case TM_TABLE_QUESTIONNAIRES:
      return tm_store_save_questionnaire (store, TM_QUESTIONNAIRE (record), error);
    case TM_TABLE_PLANS:
      return tm_store_add_plan (store, TM_PLAN (record), error);
    case TM_TABLE_REVIEWS:
      return tm_store_add_review (store, TM_REVIEW (record), error);
    case TM_TABLE_MEDICINES:
      return tm_store_add_medicine (store, TM_REGULAR_MEDICINE (record), error);
    case TM_TABLE_SESSION_READINGS:
      {
        g_autoptr(TmSession) parent = tm_store_get_session (store, 1, NULL);
        g_autoptr(TmSession) with = session_with (parent, TM_SESSION_READING (record));

        return tm_store_save_session (store, with, error);
      }
    case TM_TABLE_PLAN_DATES:
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return tm_store_add_plan_date (store, TM_PLAN_DATE (record), error);
    }
}

static int
count_rows (TmStore *store,
            TmTable  table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table_names[table]);
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The row as one line of its CSV file, under its header. */
static char *
make_csv (TmTable      table,
          const char **row)
{
  const TmTableInfo *info = tm_table_get_info (table);
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (csv, "%s\"%s\"", i > 0 ? "," : "", tm_column_get_csv_name (&info->columns[i]));
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < info->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      /* The file names the session by its key. */
      if (info->columns[i].type == TM_VALUE_RECORD && table == TM_TABLE_SESSION_READINGS)
        g_string_append_printf (csv, "\"%s\"", parent_key);
      else if (row[i] != NULL)
        g_string_append_printf (csv, "\"%s\"", row[i]);
    }
  g_string_append (csv, "\r\n");
  return g_string_free (csv, FALSE);
}

static void
test_boundary (gconstpointer data)
{
  const Boundary *b = data;
  const char *row[N_COLUMNS_MAX] = { NULL };
  g_auto(GStrv) made = NULL;
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) record = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autofree char *csv = NULL;
  int rc;

  made = make_row (b, row);
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  if (b->table == TM_TABLE_SESSION_READINGS)
    {
      g_autoptr(TmSession) parent = tm_session_new ();

      tm_session_set_taken_at (parent, "2026-03-01T10:00:00+01:00");
      parent->dose_mg = 50;
      g_assert_true (tm_store_save_session (store, parent, &error));
      g_assert_cmpint (parent->id, ==, 1);
      g_free (parent_key);
      parent_key = tm_table_get_record_key (TM_TABLE_SESSIONS, parent);
    }

  /* 1. The CHECK itself: this case sits on its boundary. */
  rc = insert_raw (store, b->table, row);
  if (b->allowed)
    g_assert_cmpint (rc, ==, SQLITE_DONE);
  else
    g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT_CHECK);

  /* 2. The validator, as a form uses it; and the store refuses with the
   * validator's sentence, not SQLite's, and keeps nothing. */
  record = make_record (b->table, row);
  if (record != NULL)
    {
      g_autoptr(GError) refused = NULL;
      gboolean valid = validate (b->table, record, &refused);

      if (b->allowed)
        {
          g_assert_no_error (refused);
          g_assert_true (save (store, b->table, record, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (valid);
          g_assert_error (refused, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
          g_assert_null (strstr (refused->message, "refused a value"));
          g_assert_false (save (store, b->table, record, &error));
          g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, refused->message);
          g_clear_error (&error);
          g_assert_cmpint (count_rows (store, b->table), ==, 0);
        }
    }

  /* 3. The CSV reader: refused with file:line before anything is stored;
   * or read, and stored without SQLite objecting. */
  csv = make_csv (b->table, row);
  if (b->allowed)
    {
      TmCsvSummary summary;

      g_assert_true (tm_csv_import_parse (import, b->table, tm_table_get_info (b->table)->file, csv, strlen (csv)));
      g_assert_cmpuint (tm_csv_import_count_rows (import, b->table), ==, 1);
      g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error));
      g_assert_no_error (error);
    }
  else
    {
      GPtrArray *problems;
      g_autofree char *where = g_strdup_printf ("%s:2: ", tm_table_get_info (b->table)->file);

      g_assert_false (tm_csv_import_parse (import, b->table, tm_table_get_info (b->table)->file, csv, strlen (csv)));
      problems = tm_csv_import_get_problems (import);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_true (g_str_has_prefix (problems->pdata[0], where));
      g_assert_null (strstr (problems->pdata[0], "refused a value"));
      g_assert_cmpuint (tm_csv_import_count_rows (import, b->table), ==, 0);
      g_assert_cmpint (count_rows (store, b->table), ==, 0);
    }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* Every CHECK in the schema has its cases above: a new CHECK without them
 * fails here. The meta table's key is written by Tidemark's own code only. */
static void
test_every_check_walked (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint n_tables = 0;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store),
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' AND name != 'meta'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GHashTable) walked = g_hash_table_new (g_str_hash, g_str_equal);
      guint n_checks = 0;
      int table = -1;

      for (int t = 0; t < TM_N_TABLES; t++)
        if (strcmp (table_names[t], name) == 0)
          table = t;
      if (table < 0)
        g_error ("The table %s has no CSV file and no cases here", name);
      for (const char *p = strstr (sql, "CHECK ("); p != NULL; p = strstr (p + 1, "CHECK ("))
        n_checks++;
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        if ((int) cases[i].table == table)
          g_hash_table_add (walked, (gpointer) cases[i].check);
      g_test_message ("%s: %u CHECKs, %u walked", name, n_checks, g_hash_table_size (walked));
      g_assert_cmpuint (g_hash_table_size (walked), ==, n_checks);
      n_tables++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_tables, ==, TM_N_TABLES);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The description against the schema */

typedef enum
{
  MADE_FRESH,      /* a new data folder */
  MADE_MIGRATED,   /* a file of data version 1, with a row, opened by this Tidemark */
} Made;

static TmStore *
open_made (const char *dir,
           Made        made)
{
  g_autoptr(GError) error = NULL;

  if (made == MADE_MIGRATED)
    {
      guint n;
      g_autoptr(TmStore) old = tm_store_open_with_steps (dir, tm_schema_get_steps (&n), 1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (tm_store_get_db (old),
                                     "INSERT INTO checkin (day, mood, effects, created_at, updated_at)"
                                     " VALUES ('2026-03-01', 5, 0, '2026-03-01T20:00:00Z', '2026-03-01T20:00:00Z')",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
    }
  {
    TmStore *store = tm_store_open (dir, &error);

    g_assert_no_error (error);
    return store;
  }
}

/* The SQLite type a column of each value type is declared with. */
static const char *
declared_type (TmValueType type)
{
  switch (type)
    {
    case TM_VALUE_INT:
    case TM_VALUE_BOOL:
    case TM_VALUE_FLAGS:
    case TM_VALUE_RECORD:
      return "INTEGER";
    case TM_VALUE_REAL:
      return "REAL";
    case TM_VALUE_DAY:
    case TM_VALUE_INSTANT:
    case TM_VALUE_TEXT:
    case TM_VALUE_ENUM:
    case TM_VALUE_NICK:
    case TM_VALUE_ANSWERS:
    default:
      return "TEXT";
    }
}

/* The first match of @pattern (with "@" for the column's name) in the
 * table's SQL, or NULL. */
static GMatchInfo *
find_check (const char *table_sql,
            const char *column,
            const char *pattern)
{
  g_autofree char *escaped = g_regex_escape_string (column, -1);
  g_auto(GStrv) parts = g_strsplit (pattern, "@", -1);
  g_autofree char *full = g_strjoinv (escaped, parts);
  g_autoptr(GRegex) regex = g_regex_new (full, 0, 0, NULL);
  GMatchInfo *match = NULL;

  g_assert_nonnull (regex);
  if (g_regex_match (regex, table_sql, 0, &match))
    return match;
  g_match_info_free (match);
  return NULL;
}

static double
match_number (GMatchInfo *match,
              int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return g_ascii_strtod (text, NULL);
}

/* The numbers a column's CHECK takes, [min, max] as its description says:
 * "x BETWEEN a AND b", "x > a AND x <= b" for a number above its minimum,
 * or "x IN (0, 1)". Returns FALSE when the schema has none of these. */
static gboolean
check_number_range (const char     *table_sql,
                    const TmColumn *column)
{
  g_autoptr(GMatchInfo) match = NULL;
  const char *name = column->name;

  if ((match = find_check (table_sql, name, "\\b@ > (-?[0-9.]+) AND @ <= (-?[0-9.]+)")) != NULL)
    g_assert_true (column->flags & TM_COLUMN_ABOVE_MIN);
  else if ((match = find_check (table_sql, name, "\\b@ BETWEEN (-?[0-9.]+) AND (-?[0-9.]+)")) != NULL ||
           (match = find_check (table_sql, name, "\\b@ IN \\((-?[0-9]+), (-?[0-9]+)\\)")) != NULL)
    g_assert_false (column->flags & TM_COLUMN_ABOVE_MIN);
  else
    return FALSE;

  g_test_message ("  %s: %g to %g", name, match_number (match, 1), match_number (match, 2));
  g_assert_cmpfloat (match_number (match, 1), ==, column->min);
  g_assert_cmpfloat (match_number (match, 2), ==, column->max);
  return TRUE;
}

/* The values the CHECK of @column takes, "col IN ('a', 'b')", in order. */
static char *
checked_nicks (const char *table_sql,
               const char *column)
{
  g_autoptr(GMatchInfo) match = find_check (table_sql, column, "\\b@ IN \\(([^)]*)\\)");
  g_autofree char *list = NULL;
  g_auto(GStrv) parts = NULL;
  GString *values = g_string_new (NULL);

  g_assert_nonnull (match);
  list = g_match_info_fetch (match, 1);
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *value = g_strdup (g_strstrip (parts[i]));
      gsize len = strlen (value);

      g_assert_true (len >= 2 && value[0] == '\'' && value[len - 1] == '\'');
      value[len - 1] = '\0';
      g_string_append_printf (values, "%s%s", values->len > 0 ? ", " : "", value + 1);
    }
  return g_string_free (values, FALSE);
}

/* What the CHECK of a column holds, as its description says. */
static void
assert_check_agrees (const char     *table_sql,
                     const TmColumn *column)
{
  const char *name = column->name;
  g_autoptr(GMatchInfo) match = NULL;

  switch (column->type)
    {
    case TM_VALUE_INT:
    case TM_VALUE_BOOL:
    case TM_VALUE_FLAGS:
    case TM_VALUE_REAL:
      /* A number with a message has its range in the schema too; one
       * without (a questionnaire's total) is held by another CHECK. */
      if (!check_number_range (table_sql, column))
        {
          g_test_message ("  %s: no range", name);
          g_assert_null (column->message);
        }
      break;
    case TM_VALUE_TEXT:
    case TM_VALUE_NICK:
      match = find_check (table_sql, name, "length\\(@\\) (?:BETWEEN 1 AND|<=) ([0-9]+)");
      g_assert_nonnull (match);
      g_test_message ("  %s: at most %g characters", name, match_number (match, 1));
      g_assert_cmpfloat (match_number (match, 1), ==, column->max);
      break;
    case TM_VALUE_ENUM:
      {
        g_autofree char *checked = checked_nicks (table_sql, name);
        g_autofree char *nicks = tm_enum_list_nicks (column->enum_type ());

        g_test_message ("  %s: %s", name, nicks);
        g_assert_cmpstr (nicks, ==, checked);
      }
      break;
    case TM_VALUE_DAY:
      match = find_check (table_sql, name, "date\\(@, '\\+0 days'\\) IS @");
      g_assert_nonnull (match);
      break;
    case TM_VALUE_INSTANT:
      match = find_check (table_sql, name, "julianday\\(@\\) IS NOT NULL");
      g_assert_nonnull (match);
      break;
    case TM_VALUE_ANSWERS:
      match = find_check (table_sql, name, "@ NOT GLOB '\\*\\[\\^0-3\\]\\*'");
      g_assert_nonnull (match);
      break;
    case TM_VALUE_RECORD:
    default:
      break;
    }
}

static const TmTableInfo *
find_described_table (const char *name)
{
  for (int t = 0; t < TM_N_TABLES; t++)
    if (strcmp (tm_table_get_info (t)->name, name) == 0)
      return tm_table_get_info (t);
  return NULL;
}

/* Every column of every table of the data file (fresh, or migrated from
 * version 1) is described in tm-table.c, in its order, of its type, NOT
 * NULL where a value can't be missing, with the range, length or values
 * its CHECK takes; and every described table and column is in the file.
 * (The settings kept with the data, meta, are no records.) */
static void
test_description_agrees (gconstpointer data)
{
  Made made = GPOINTER_TO_INT (data);
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = open_made (dir, made);
  sqlite3 *db = tm_store_get_db (store);
  sqlite3_stmt *tables;
  guint n_tables = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' AND name != 'meta' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      const char *table_sql = (const char *) sqlite3_column_text (tables, 1);
      const TmTableInfo *info = find_described_table (name);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", name);
      sqlite3_stmt *columns;
      guint c = 0;

      if (info == NULL)
        g_error ("The table %s is not described in tm-table.c", name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &columns, NULL), ==, SQLITE_OK);
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (columns, 1);
          const char *type = (const char *) sqlite3_column_text (columns, 2);
          gboolean not_null = sqlite3_column_int (columns, 3) != 0;
          const TmColumn *described;

          if (strcmp (column, "id") == 0)
            {
              g_assert_cmpint (sqlite3_column_int (columns, 5), ==, 1);
              continue;
            }
          if (c >= info->n_columns)
            g_error ("%s.%s is not described in tm-table.c", name, column);
          described = &info->columns[c++];
          g_test_message ("%s.%s %s%s", name, column, type, not_null ? " NOT NULL" : "");
          g_assert_cmpstr (described->name, ==, column);
          g_assert_cmpstr (declared_type (described->type), ==, type);
          g_assert_cmpint (not_null, ==, !(described->flags & TM_COLUMN_OPTIONAL));
          assert_check_agrees (table_sql, described);
        }
      sqlite3_finalize (columns);
      if (c < info->n_columns)
        g_error ("%s.%s is described but not in the schema", name, info->columns[c].name);
      n_tables++;
    }
  sqlite3_finalize (tables);
  g_assert_cmpuint (n_tables, ==, TM_N_TABLES);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The strings the data file and the CSV files hold for each enum, and the
 * settings' values: what was written before the enums had GTypes reads
 * back as the same value, and no other string does. */
static void
test_enum_nicks (void)
{
  static const char * const rules[] = { "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10",
                                        "S11", "S12", "S13" };
  static const char * const answers[] = { "resting", "contact-clinician", "help-now", "safe-now",
                                          "prescriber-knows", "noted", "imported" };
  static const char * const not_values[] = { "s1", "S14", "n-routes", "Oral", "", "oral ", "0" };
  TmRoute route;
  TmSetting setting;
  TmQuestionnaireKind kind;
  TmPlanDateKind date_kind;
  TmRule rule;
  TmLevel level;
  TmSource source;
  TmAnswer answer;
  TmConflict conflict;
  TmPaper paper;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_assert_true (tm_rule_from_string (rules[i], &rule));
      g_assert_cmpstr (tm_rule_to_string (rule), ==, rules[i]);
    }
  g_assert_cmpint (rule, ==, TM_RULE_LAST);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_assert_true (tm_answer_from_string (answers[i], &answer));
      g_assert_cmpint (answer, ==, i);
      g_assert_cmpstr (tm_answer_to_string (answer), ==, answers[i]);
    }
  g_assert_cmpstr (tm_route_to_string (TM_ROUTE_ORAL), ==, "oral");
  g_assert_cmpstr (tm_route_to_string (TM_ROUTE_INTRAVENOUS), ==, "intravenous");
  g_assert_true (tm_route_from_string ("intramuscular", &route));
  g_assert_cmpint (route, ==, TM_ROUTE_INTRAMUSCULAR);
  g_assert_cmpstr (tm_setting_to_string (TM_SETTING_CLINIC), ==, "clinic");
  g_assert_true (tm_setting_from_string ("home", &setting));
  g_assert_cmpint (setting, ==, TM_SETTING_HOME);
  g_assert_cmpstr (tm_questionnaire_kind_to_string (TM_QUESTIONNAIRE_PHQ9), ==, "phq9");
  g_assert_true (tm_questionnaire_kind_from_string ("gad7", &kind));
  g_assert_cmpint (kind, ==, TM_QUESTIONNAIRE_GAD7);
  g_assert_true (tm_questionnaire_kind_from_string ("followup", &kind));
  g_assert_cmpint (kind, ==, TM_QUESTIONNAIRE_FOLLOWUP);
  g_assert_true (tm_source_from_string ("medicine", &source));
  g_assert_cmpint (source, ==, TM_SOURCE_MEDICINE);
  g_assert_cmpstr (tm_plan_date_kind_to_string (TM_PLAN_DATE_CANCELLED), ==, "cancelled");
  g_assert_true (tm_plan_date_kind_from_string ("extra", &date_kind));
  g_assert_cmpint (date_kind, ==, TM_PLAN_DATE_EXTRA);
  g_assert_cmpstr (tm_level_to_string (TM_LEVEL_CAUTION), ==, "caution");
  g_assert_true (tm_level_from_string ("urgent", &level));
  g_assert_cmpint (level, ==, TM_LEVEL_URGENT);
  g_assert_cmpstr (tm_source_to_string (TM_SOURCE_QUESTIONNAIRE), ==, "questionnaire");
  g_assert_true (tm_source_from_string ("session", &source));
  g_assert_cmpint (source, ==, TM_SOURCE_SESSION);
  g_assert_true (tm_conflict_from_string ("replace", &conflict));
  g_assert_cmpint (conflict, ==, TM_CONFLICT_REPLACE);
  g_assert_cmpstr (tm_paper_to_string (TM_PAPER_LETTER), ==, "letter");
  g_assert_true (tm_paper_from_string ("A4", &paper));
  g_assert_cmpint (paper, ==, TM_PAPER_A4);
  g_assert_cmpstr (tm_questionnaire_cadence_to_id (TM_CADENCE_WEEKLY), ==, "every-week");
  g_assert_cmpstr (tm_questionnaire_cadence_to_id (TM_CADENCE_FORTNIGHTLY), ==, "every-two-weeks");
  g_assert_cmpint (tm_questionnaire_cadence_from_id ("every-week"), ==, TM_CADENCE_WEEKLY);
  g_assert_cmpint (tm_questionnaire_cadence_from_id ("every-day"), ==, TM_CADENCE_FORTNIGHTLY);

  /* Nothing else is a value: not another case, not a counter. */
  for (guint i = 0; i < G_N_ELEMENTS (not_values); i++)
    {
      g_assert_false (tm_rule_from_string (not_values[i], &rule));
      g_assert_false (tm_route_from_string (not_values[i], &route));
      g_assert_false (tm_setting_from_string (not_values[i], &setting));
      g_assert_false (tm_questionnaire_kind_from_string (not_values[i], &kind));
      g_assert_false (tm_answer_from_string (not_values[i], &answer));
      g_assert_false (tm_conflict_from_string (not_values[i], &conflict));
      g_assert_false (tm_paper_from_string (not_values[i], &paper));
    }
  g_assert_false (tm_route_from_string (NULL, &route));
  g_assert_false (tm_answer_from_string ("n-answer-kinds", &answer));
  g_assert_false (tm_questionnaire_kind_from_string ("n-questionnaire-kinds", &kind));
}

int
main (int   argc,
      char *argv[])
{
  GString *text = g_string_new (NULL);

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  /* Characters, not bytes: "é" is two bytes. */
  for (int i = 0; i < 10001; i++)
    {
      g_string_append (text, "é");
      if (i == 199)
        chars_200 = g_strdup (text->str);
      if (i == 200)
        chars_201 = g_strdup (text->str);
      if (i == 9999)
        chars_10000 = g_strdup (text->str);
    }
  chars_10001 = g_string_free (text, FALSE);

  g_test_add_func ("/schema/every-check-walked", test_every_check_walked);
  g_test_add_func ("/schema/enum-nicks", test_enum_nicks);
  g_test_add_data_func ("/schema/description-agrees/fresh", GINT_TO_POINTER (MADE_FRESH), test_description_agrees);
  g_test_add_data_func ("/schema/description-agrees/migrated", GINT_TO_POINTER (MADE_MIGRATED),
                        test_description_agrees);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/schema/%s/%u-%s-%s", table_names[cases[i].table], i,
                                               cases[i].column, cases[i].allowed ? "takes" : "refuses");

      g_test_add_data_func (path, &cases[i], test_boundary);
    }

  return g_test_run ();
}
