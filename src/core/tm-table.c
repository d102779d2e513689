/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tables of the data file, each described once (see tm-table.h), and
 * what is done with a column's value by its type alone: read it from a CSV
 * field, write it out, check it. SQL is in tm-table-sql.c. */
#define G_LOG_DOMAIN "tm-table"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-enum-nick.h"
#include "tm-plan.h"
#include "tm-questionnaire.h"
#include "tm-regular-medicine.h"
#include "tm-review.h"
#include "tm-safety.h"
#include "tm-store-error.h"
#include "tm-table.h"
#include "tm-text.h"

/* Columns */

#define OFFSET(type, field) G_STRUCT_OFFSET (type, field)
#define REQUIRED 0
#define OPT      TM_COLUMN_OPTIONAL
#define KEY      TM_COLUMN_KEY
#define CREATED  TM_COLUMN_CREATED
#define UPDATED  TM_COLUMN_UPDATED

/* Said of a route, effects and red flags in two tables each. */
#define ROUTE_MESSAGE \
  N_("The route must be oral, sublingual, intranasal, intramuscular or intravenous.")
#define EFFECTS_MESSAGE \
  N_("Effects must be a sum of the checklist values 1 to %u (at most %u), not %u.")
#define RED_FLAGS_MESSAGE \
  N_("Red flags must be a sum of the checklist values 1 to %u (at most %u), not %u.")
#define SYSTOLIC_MESSAGE \
  N_("The upper number (systolic) must be between %d and %d mmHg; %d can't be right. Check the reading.")
#define DIASTOLIC_MESSAGE \
  N_("The lower number (diastolic) must be between %d and %d mmHg; %d can't be right. Check the reading.")

/* Each: name, type, where in the record, flags, range, message; then what
 * only some have. */
static const TmColumn checkin_columns[] = {
  { "day", TM_VALUE_DAY, OFFSET (TmCheckin, day), KEY },
  { "mood", TM_VALUE_INT, OFFSET (TmCheckin, mood), REQUIRED, 0, 10, N_("Mood must be between %d and %d.") },
  { "anxiety", TM_VALUE_INT, OFFSET (TmCheckin, anxiety), OPT, 0, 10, N_("Anxiety must be between %d and %d.") },
  { "energy", TM_VALUE_INT, OFFSET (TmCheckin, energy), OPT, 0, 10, N_("Energy must be between %d and %d.") },
  { "sleep_hours", TM_VALUE_REAL, OFFSET (TmCheckin, sleep_hours), OPT, 0, 24,
    N_("Sleep must be between %g and %g hours.") },
  { "effects", TM_VALUE_FLAGS, OFFSET (TmCheckin, effects), REQUIRED, 0, TM_EFFECTS_ALL, EFFECTS_MESSAGE },
  { "effects_intensity", TM_VALUE_INT, OFFSET (TmCheckin, effects_intensity), OPT, 0, 10,
    N_("Intensity of effects must be between %d and %d.") },
  { "note", TM_VALUE_TEXT, OFFSET (TmCheckin, note), OPT, 0, TM_NOTE_MAX_CHARS },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmCheckin, created_at), CREATED },
  { "updated_at", TM_VALUE_INSTANT, OFFSET (TmCheckin, updated_at), UPDATED },
  { "red_flags", TM_VALUE_FLAGS, OFFSET (TmCheckin, red_flags), REQUIRED, 0, TM_RED_FLAGS_ALL, RED_FLAGS_MESSAGE,
    .since = 2 },
  { "self_harm", TM_VALUE_INT, OFFSET (TmCheckin, self_harm), OPT, 0, 1,
    N_("The answer to the daily question about thoughts of self-harm must be %2$d (yes) or %1$d (no), "
       "or left empty when it was not asked, not %3$d."), .since = 2 },
  { "discuss", TM_VALUE_BOOL, OFFSET (TmCheckin, discuss), REQUIRED, 0, 1, .since = 3 },
};

static const TmColumn session_columns[] = {
  { "taken_at", TM_VALUE_INSTANT, OFFSET (TmSession, taken_at), KEY, 0, 0,
    N_("The time of the session must be a date and time with its UTC offset, like "
       "2026-11-28T19:30:00+01:00.") },
  { "dose_mg", TM_VALUE_REAL, OFFSET (TmSession, dose_mg), TM_COLUMN_ABOVE_MIN, 0, TM_DOSE_MAX_MG },
  { "route", TM_VALUE_ENUM, OFFSET (TmSession, route), REQUIRED, .message = ROUTE_MESSAGE,
    .enum_type = tm_route_get_type },
  { "setting", TM_VALUE_ENUM, OFFSET (TmSession, setting), REQUIRED,
    .message = N_("The setting must be home or clinic."), .enum_type = tm_setting_get_type },
  { "monitor_present", TM_VALUE_BOOL, OFFSET (TmSession, monitor_present), REQUIRED, 0, 1 },
  { "mood_before", TM_VALUE_INT, OFFSET (TmSession, mood_before), OPT, 0, 10,
    N_("Mood before the dose must be between %d and %d.") },
  { "dissociation_peak", TM_VALUE_INT, OFFSET (TmSession, dissociation_peak), OPT, 0, 10,
    N_("Peak dissociation must be between %d and %d.") },
  { "effects", TM_VALUE_FLAGS, OFFSET (TmSession, effects), REQUIRED, 0, TM_EFFECTS_ALL, EFFECTS_MESSAGE },
  { "effects_minutes", TM_VALUE_INT, OFFSET (TmSession, effects_minutes), OPT, 0, TM_EFFECTS_MINUTES_MAX,
    N_("How long the effects lasted must be between %d and %d minutes (a whole day).") },
  { "nausea", TM_VALUE_INT, OFFSET (TmSession, nausea), OPT, 0, TM_N_SEVERITIES - 1,
    N_("Nausea must be none, mild, moderate or severe.") },
  { "sedation", TM_VALUE_INT, OFFSET (TmSession, sedation), OPT, 0, TM_N_SEVERITIES - 1,
    N_("Sedation must be none, mild, moderate or severe.") },
  { "other_medicines", TM_VALUE_FLAGS, OFFSET (TmSession, other_medicines), REQUIRED, 0, TM_MEDICINES_ALL,
    N_("Other medicines must be a sum of the values 1 to %u (at most %u), not %u.") },
  { "note", TM_VALUE_TEXT, OFFSET (TmSession, note), OPT, 0, TM_NOTE_MAX_CHARS },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmSession, created_at), KEY | CREATED },
  { "updated_at", TM_VALUE_INSTANT, OFFSET (TmSession, updated_at), UPDATED },
  { "red_flags", TM_VALUE_FLAGS, OFFSET (TmSession, red_flags), REQUIRED, 0, TM_RED_FLAGS_ALL, RED_FLAGS_MESSAGE,
    .since = 2 },
  { "discuss", TM_VALUE_BOOL, OFFSET (TmSession, discuss), REQUIRED, 0, 1, .since = 3 },
  { "monitored_minutes", TM_VALUE_INT, OFFSET (TmSession, monitored_minutes), OPT, 0, TM_MONITOR_MINUTES_MAX,
    N_("How long you were monitored, or someone stayed, must be between %d and %d minutes (a whole day)."),
    .since = 4 },
  { "ready_to_leave_minutes", TM_VALUE_INT, OFFSET (TmSession, ready_minutes), OPT, 0, TM_MONITOR_MINUTES_MAX,
    N_("When you would have been ready to leave must be between %d and %d minutes after the dose."),
    .since = 4 },
  { "intention", TM_VALUE_TEXT, OFFSET (TmSession, intention), OPT, 0, TM_NOTE_MAX_CHARS,
    N_("The intention must be UTF-8 text of at most %d characters."), .since = 4 },
  { "reflection", TM_VALUE_TEXT, OFFSET (TmSession, reflection), OPT, 0, TM_NOTE_MAX_CHARS,
    N_("The reflection must be UTF-8 text of at most %d characters."), .since = 4 },
  { "next_day_note", TM_VALUE_TEXT, OFFSET (TmSession, next_day_note), OPT, 0, TM_NOTE_MAX_CHARS,
    N_("The next-day note must be UTF-8 text of at most %d characters."), .since = 4 },
  { "eased", TM_VALUE_INT, OFFSET (TmSession, eased), OPT, 0, 1,
    N_("Whether the effects had eased after 2 hours must be %2$d (yes) or %1$d (no), or left empty, "
       "not %3$d."), .since = 5 },
  { "slept_well", TM_VALUE_INT, OFFSET (TmSession, slept_well), OPT, 0, 1,
    N_("Whether you slept well must be %2$d (yes) or %1$d (no), or left empty, not %3$d."), .since = 5 },
  { "fully_alert", TM_VALUE_INT, OFFSET (TmSession, fully_alert), OPT, 0, 1,
    N_("Whether you felt fully alert the next morning must be %2$d (yes) or %1$d (no), or left empty, "
       "not %3$d."), .since = 5 },
  { "lingering", TM_VALUE_INT, OFFSET (TmSession, lingering), OPT, 0, 1,
    N_("Whether effects lingered the next morning must be %2$d (yes) or %1$d (no), or left empty, "
       "not %3$d."), .since = 5 },
};

/* A sessions.csv of data version 1 to 4 held one blood pressure before
 * the dose and one after in its own columns, after sedation; the reader
 * keeps them in TmSession.imported_bp, and tm-csv.c makes them readings. */
static const TmColumn retired_bp_columns[] = {
  { "bp_before_sys", TM_VALUE_INT, OFFSET (TmSession, imported_bp[0]), OPT, TM_SYSTOLIC_MIN, TM_SYSTOLIC_MAX,
    SYSTOLIC_MESSAGE },
  { "bp_before_dia", TM_VALUE_INT, OFFSET (TmSession, imported_bp[1]), OPT, TM_DIASTOLIC_MIN, TM_DIASTOLIC_MAX,
    DIASTOLIC_MESSAGE },
  { "bp_after_sys", TM_VALUE_INT, OFFSET (TmSession, imported_bp[2]), OPT, TM_SYSTOLIC_MIN, TM_SYSTOLIC_MAX,
    SYSTOLIC_MESSAGE },
  { "bp_after_dia", TM_VALUE_INT, OFFSET (TmSession, imported_bp[3]), OPT, TM_DIASTOLIC_MIN, TM_DIASTOLIC_MAX,
    DIASTOLIC_MESSAGE },
};
#define RETIRED_BP_AFTER "sedation"
#define RETIRED_BP_UNTIL 5

/* Readings on the session day; the CSV file names the session by its key. */
static const TmColumn session_reading_columns[] = {
  { "session_id", TM_VALUE_RECORD, OFFSET (TmSessionReading, session_id), KEY, 0, TM_RECORD_KEY_MAX_CHARS, .csv_name = "session_key",
    .refers_to = "session", .since = 5 },
  { "minutes_after", TM_VALUE_INT, OFFSET (TmSessionReading, minutes_after), KEY, 0, TM_MONITOR_MINUTES_MAX,
    N_("A reading must be from %d (before the dose) to %d minutes after the dose, not %d."), .since = 5 },
  { "bp_sys", TM_VALUE_INT, OFFSET (TmSessionReading, bp_sys), OPT, TM_SYSTOLIC_MIN, TM_SYSTOLIC_MAX,
    SYSTOLIC_MESSAGE, .since = 5 },
  { "bp_dia", TM_VALUE_INT, OFFSET (TmSessionReading, bp_dia), OPT, TM_DIASTOLIC_MIN, TM_DIASTOLIC_MAX,
    DIASTOLIC_MESSAGE, .since = 5 },
  { "pulse", TM_VALUE_INT, OFFSET (TmSessionReading, pulse), OPT, TM_READING_PULSE_MIN, TM_READING_PULSE_MAX,
    N_("The pulse must be between %d and %d beats a minute; %d can't be right. Check the reading."), .since = 5 },
  { "dissociation", TM_VALUE_INT, OFFSET (TmSessionReading, dissociation), OPT, 0, 10,
    N_("Dissociation must be between %d and %d."), .since = 5 },
  { "sedation", TM_VALUE_INT, OFFSET (TmSessionReading, sedation), OPT, 0, TM_N_SEVERITIES - 1,
    N_("Sedation must be none, mild, moderate or severe."), .since = 5 },
  { "nausea", TM_VALUE_INT, OFFSET (TmSessionReading, nausea), OPT, 0, TM_N_SEVERITIES - 1,
    N_("Nausea must be none, mild, moderate or severe."), .since = 5 },
  { "note", TM_VALUE_TEXT, OFFSET (TmSessionReading, note), OPT, 0, TM_NOTE_MAX_CHARS, .since = 5 },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmSessionReading, created_at), CREATED, .since = 5 },
};

static const TmColumn questionnaire_columns[] = {
  { "kind", TM_VALUE_ENUM, OFFSET (TmQuestionnaire, kind), KEY,
    .message = N_("A questionnaire must be a PHQ-9, a GAD-7 or a follow-up."),
    .enum_type = tm_questionnaire_kind_get_type },
  { "day", TM_VALUE_DAY, OFFSET (TmQuestionnaire, day), KEY },
  { "answers", TM_VALUE_ANSWERS, OFFSET (TmQuestionnaire, answers) },
  { "difficulty", TM_VALUE_INT, OFFSET (TmQuestionnaire, difficulty), OPT, 0, TM_N_ANSWERS - 1,
    N_("The difficulty question has four answers, from “Not difficult at all” to “Extremely difficult”.") },
  /* The store works it out; a file's must add up (tm-csv.c). */
  { "total", TM_VALUE_INT, OFFSET (TmQuestionnaire, total), REQUIRED, 0, TM_PHQ9_MAX_TOTAL },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmQuestionnaire, created_at), KEY | CREATED },
  { "tolerance", TM_VALUE_INT, OFFSET (TmQuestionnaire, tolerance), OPT, 0, TM_FOLLOWUP_TOLERANCE_MAX,
    N_("How well the treatment is tolerated must be from %d to %d, not %d."), .since = 7 },
};

static const TmColumn plan_columns[] = {
  { "effective_from", TM_VALUE_DAY, OFFSET (TmPlan, effective_from), KEY },
  { "interval_days", TM_VALUE_INT, OFFSET (TmPlan, interval_days), REQUIRED, 1, TM_PLAN_INTERVAL_MAX,
    N_("The interval must be from %d to %d days.") },
  { "dose_mg", TM_VALUE_REAL, OFFSET (TmPlan, dose_mg), TM_COLUMN_ABOVE_MIN, 0, TM_DOSE_MAX_MG },
  { "route", TM_VALUE_ENUM, OFFSET (TmPlan, route), REQUIRED, .message = ROUTE_MESSAGE,
    .enum_type = tm_route_get_type },
  { "tolerance_days", TM_VALUE_INT, OFFSET (TmPlan, tolerance_days), REQUIRED, 0, TM_PLAN_TOLERANCE_MAX,
    N_("The window either side of a planned day must be from %d to %d days.") },
  { "instructions", TM_VALUE_TEXT, OFFSET (TmPlan, instructions), OPT, 0, TM_NOTE_MAX_CHARS },
  { "author", TM_VALUE_TEXT, OFFSET (TmPlan, author), OPT, 0, TM_PLAN_AUTHOR_MAX_CHARS,
    N_("The prescriber's name must be UTF-8 text of at most %d characters.") },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmPlan, created_at), KEY | CREATED },
  { "pre_phq9", TM_VALUE_INT, OFFSET (TmPlan, pre_phq9), OPT, 0, TM_PHQ9_MAX_TOTAL,
    N_("The pre-treatment PHQ-9 total must be between %d and %d."), .since = 3 },
  { "pre_mood", TM_VALUE_INT, OFFSET (TmPlan, pre_mood), OPT, 0, 10,
    N_("The pre-treatment mood must be between %d and %d."), .since = 3 },
  { "pre_dose_instruction", TM_VALUE_TEXT, OFFSET (TmPlan, pre_dose_instruction), OPT, 0, TM_NOTE_MAX_CHARS,
    N_("The instruction before a dose must be UTF-8 text of at most %d characters."), .since = 4 },
};

static const TmColumn plan_date_columns[] = {
  { "day", TM_VALUE_DAY, OFFSET (TmPlanDate, day), KEY },
  { "kind", TM_VALUE_ENUM, OFFSET (TmPlanDate, kind), KEY,
    .message = N_("A one-off date is either an extra planned date or a cancelled one."),
    .enum_type = tm_plan_date_kind_get_type },
  { "note", TM_VALUE_TEXT, OFFSET (TmPlanDate, note), OPT, 0, TM_NOTE_MAX_CHARS },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmPlanDate, created_at), CREATED },
};

static const TmColumn safety_event_columns[] = {
  { "rule", TM_VALUE_ENUM, OFFSET (TmSafetyEvent, rule), KEY, .enum_type = tm_rule_get_type },
  { "level", TM_VALUE_ENUM, OFFSET (TmSafetyEvent, level), REQUIRED, .enum_type = tm_level_get_type },
  { "source", TM_VALUE_ENUM, OFFSET (TmSafetyEvent, source), KEY, .enum_type = tm_source_get_type },
  /* The record a prompt is about; the CSV file names it by its key
   * ("2026-03-01" for a check-in), as ids are the data file's own. */
  { "source_id", TM_VALUE_RECORD, OFFSET (TmSafetyEvent, source_id), OPT, 0, TM_RECORD_KEY_MAX_CHARS, .csv_name = "source_key",
    .table_column = "source" },
  { "shown_at", TM_VALUE_INSTANT, OFFSET (TmSafetyEvent, shown_at), KEY },
  { "answered_at", TM_VALUE_INSTANT, OFFSET (TmSafetyEvent, answered_at), OPT },
  { "answer", TM_VALUE_NICK, OFFSET (TmSafetyEvent, answer), OPT, 0, 200, .enum_type = tm_answer_get_type },
  { "detail", TM_VALUE_TEXT, OFFSET (TmSafetyEvent, detail), OPT, 0, TM_NOTE_MAX_CHARS },
};

/* A review; a correction refers to the row it corrects, which the CSV
 * file names by its key. */
static const TmColumn review_columns[] = {
  { "period_from", TM_VALUE_DAY, OFFSET (TmReview, period_from), REQUIRED, .since = 3 },
  { "period_to", TM_VALUE_DAY, OFFSET (TmReview, period_to), REQUIRED, .since = 3 },
  { "finished_at", TM_VALUE_INSTANT, OFFSET (TmReview, finished_at), KEY, .since = 3 },
  { "author", TM_VALUE_TEXT, OFFSET (TmReview, author), REQUIRED, 0, TM_REVIEW_AUTHOR_MAX_CHARS, .since = 3 },
  { "note", TM_VALUE_TEXT, OFFSET (TmReview, note), OPT, 0, TM_NOTE_MAX_CHARS, .since = 3 },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmReview, created_at), KEY | CREATED, .since = 3 },
  { "corrects", TM_VALUE_RECORD, OFFSET (TmReview, corrects), OPT, 0, TM_RECORD_KEY_MAX_CHARS, .since = 3 },
};

/* Regular medicines, only ever added to: a change or a stop is a row that
 * names the one it replaces, which the CSV file names by its key. */
static const TmColumn medicine_columns[] = {
  { "name", TM_VALUE_TEXT, OFFSET (TmRegularMedicine, name), KEY, 0, TM_MEDICINE_NAME_MAX_CHARS,
    N_("The medicine's name must be UTF-8 text of at most %d characters."), .since = 6 },
  { "dose", TM_VALUE_REAL, OFFSET (TmRegularMedicine, dose), OPT | TM_COLUMN_ABOVE_MIN, 0, TM_MEDICINE_DOSE_MAX,
    N_("A medicine's dose must be more than %g and at most %g, not %g."), .since = 6 },
  { "unit", TM_VALUE_TEXT, OFFSET (TmRegularMedicine, unit), OPT, 0, TM_MEDICINE_UNIT_MAX_CHARS,
    N_("The unit must be UTF-8 text of at most %d characters, like mg."), .since = 6 },
  { "schedule", TM_VALUE_TEXT, OFFSET (TmRegularMedicine, schedule), OPT, 0, TM_MEDICINE_SCHEDULE_MAX_CHARS,
    N_("When it is taken must be UTF-8 text of at most %d characters."), .since = 6 },
  { "started_on", TM_VALUE_DAY, OFFSET (TmRegularMedicine, started_on), KEY, .since = 6 },
  { "stopped_on", TM_VALUE_DAY, OFFSET (TmRegularMedicine, stopped_on), OPT, .since = 6 },
  { "kind", TM_VALUE_ENUM, OFFSET (TmRegularMedicine, kind), REQUIRED,
    .message = N_("The kind of medicine must be antidepressant, benzodiazepine, sleep, stimulant, maoi, opioid, "
                  "gabapentinoid, sedating-antihistamine, blood-pressure or other."),
    .enum_type = tm_medicine_kind_get_type, .since = 6 },
  { "created_at", TM_VALUE_INSTANT, OFFSET (TmRegularMedicine, created_at), KEY | CREATED, .since = 6 },
  { "replaces", TM_VALUE_RECORD, OFFSET (TmRegularMedicine, replaces), OPT, 0, TM_RECORD_KEY_MAX_CHARS, .since = 6 },
};

static const TmTableInfo tables[TM_N_TABLES] = {
  { TM_TABLE_CHECKINS, "checkin", "checkins.csv", tm_checkin_get_type, OFFSET (TmCheckin, id),
    checkin_columns, G_N_ELEMENTS (checkin_columns), "day", .one_per_key = TRUE },
  { TM_TABLE_SESSIONS, "session", "sessions.csv", tm_session_get_type, OFFSET (TmSession, id),
    session_columns, G_N_ELEMENTS (session_columns), "julianday(taken_at), id" },
  { TM_TABLE_QUESTIONNAIRES, "questionnaire", "questionnaires.csv", tm_questionnaire_get_type,
    OFFSET (TmQuestionnaire, id), questionnaire_columns, G_N_ELEMENTS (questionnaire_columns),
    "day, kind, julianday(created_at), id" },
  { TM_TABLE_PLANS, "plan", "plans.csv", tm_plan_get_type, OFFSET (TmPlan, id),
    plan_columns, G_N_ELEMENTS (plan_columns), "id", .append_only = TRUE },
  { TM_TABLE_PLAN_DATES, "plan_date", "plan_dates.csv", tm_plan_date_get_type, OFFSET (TmPlanDate, id),
    plan_date_columns, G_N_ELEMENTS (plan_date_columns), "day, kind" },
  { TM_TABLE_SAFETY_EVENTS, "safety_event", "safety_events.csv", tm_safety_event_get_type,
    OFFSET (TmSafetyEvent, id), safety_event_columns, G_N_ELEMENTS (safety_event_columns),
    "julianday(shown_at), id" },
  { TM_TABLE_REVIEWS, "review", "reviews.csv", tm_review_get_type, OFFSET (TmReview, id),
    review_columns, G_N_ELEMENTS (review_columns), "id", .append_only = TRUE },
  { TM_TABLE_SESSION_READINGS, "session_reading", "session_readings.csv", tm_session_reading_get_type,
    OFFSET (TmSessionReading, id), session_reading_columns, G_N_ELEMENTS (session_reading_columns),
    "(SELECT julianday(taken_at) FROM session WHERE id = session_id), session_id, minutes_after" },
  { TM_TABLE_MEDICINES, "medicine", "medicines.csv", tm_regular_medicine_get_type, OFFSET (TmRegularMedicine, id),
    medicine_columns, G_N_ELEMENTS (medicine_columns), "id", .append_only = TRUE },
};

/**
 * tm_table_get_file_layout:
 * @layout: 0 for this version's columns, then each earlier layout that
 *   held columns since retired (a sessions.csv of version 1 to 4)
 * @n_columns: (out): how many columns the layout has
 *
 * The columns a CSV file of @table may have, in its order; a file of an
 * earlier version has the first of them, up to those it lacked (by
 * their since).
 *
 * Returns: (nullable): the columns, or %NULL after the last layout
 */
const TmColumn *
tm_table_get_file_layout (TmTable  table,
                          guint    layout,
                          guint   *n_columns)
{
  g_return_val_if_fail (table < TM_N_TABLES, NULL);

  if (layout == 0)
    {
      *n_columns = tables[table].n_columns;
      return tables[table].columns;
    }
  if (layout == 1 && table == TM_TABLE_SESSIONS)
    {
      /* The columns of version 4, the retired ones in their place. */
      static TmColumn *v4;
      static guint n_v4;

      if (g_once_init_enter (&v4))
        {
          TmColumn *columns = g_new0 (TmColumn, G_N_ELEMENTS (session_columns) + G_N_ELEMENTS (retired_bp_columns));
          guint n = 0;

          for (guint c = 0; c < G_N_ELEMENTS (session_columns); c++)
            {
              if (session_columns[c].since >= RETIRED_BP_UNTIL)
                continue;
              columns[n++] = session_columns[c];
              if (strcmp (session_columns[c].name, RETIRED_BP_AFTER) == 0)
                for (guint r = 0; r < G_N_ELEMENTS (retired_bp_columns); r++)
                  columns[n++] = retired_bp_columns[r];
            }
          n_v4 = n;
          g_once_init_leave (&v4, columns);
        }
      *n_columns = n_v4;
      return v4;
    }
  *n_columns = 0;
  return NULL;
}

const TmTableInfo *
tm_table_get_info (TmTable table)
{
  g_return_val_if_fail (table < TM_N_TABLES, NULL);
  return &tables[table];
}

const TmColumn *
tm_table_find_column (TmTable     table,
                      const char *name)
{
  g_return_val_if_fail (table < TM_N_TABLES, NULL);

  for (guint c = 0; c < tables[table].n_columns; c++)
    if (strcmp (tables[table].columns[c].name, name) == 0)
      return &tables[table].columns[c];
  g_return_val_if_reached (NULL);
}

/* A record of @table as its type makes it: every value at its default. */
gpointer
tm_table_new_record (TmTable table)
{
  g_return_val_if_fail (table < TM_N_TABLES, NULL);
  return g_object_new (tables[table].get_type (), NULL);
}

/* How many of @table's columns a CSV file of data @version has: those
 * added later come last. */
guint
tm_table_count_columns_since (TmTable table,
                              guint   version)
{
  guint n = 0;

  while (n < tables[table].n_columns && tables[table].columns[n].since <= version)
    n++;
  return n;
}

const char *
tm_column_get_csv_name (const TmColumn *column)
{
  return column->csv_name != NULL ? column->csv_name : column->name;
}

/* Values in a record */


static void
set_string (const TmColumn *column,
            gpointer        record,
            const char     *text)
{
  char **place = &TM_COLUMN_VALUE (column, record, char *);

  g_free (*place);
  *place = g_strdup (text);
}

/**
 * tm_column_is_missing:
 *
 * Returns: whether @record has no value for @column: left out (only an
 *   optional column), or not yet written by the store
 */
gboolean
tm_column_is_missing (const TmColumn *column,
                      gconstpointer   record)
{
  switch (column->type)
    {
    case TM_VALUE_INT:
      return (column->flags & TM_COLUMN_OPTIONAL) && TM_COLUMN_VALUE (column, record, int) == TM_UNSET;
    case TM_VALUE_REAL:
      return (column->flags & TM_COLUMN_OPTIONAL) && TM_COLUMN_VALUE (column, record, double) == TM_UNSET_HOURS;
    case TM_VALUE_INSTANT:
    case TM_VALUE_TEXT:
    case TM_VALUE_NICK:
      return TM_COLUMN_VALUE (column, record, char *) == NULL;
    case TM_VALUE_RECORD:
      return TM_COLUMN_VALUE (column, record, gint64) <= 0;
    case TM_VALUE_DAY:
      return (column->flags & TM_COLUMN_OPTIONAL) && ((const char *) tm_column_get_place (column, record))[0] == '\0';
    case TM_VALUE_BOOL:
    case TM_VALUE_FLAGS:
    case TM_VALUE_ENUM:
    case TM_VALUE_ANSWERS:
    default:
      return FALSE;
    }
}

/**
 * tm_column_get_value:
 * @value: (out caller-allocates): an unset #GValue, set to the value's
 *   type: int, boolean, uint, double, string (days, instants, text, a
 *   nick, the answers' digits), the enum's type, or int64 (a record's id)
 *
 * Returns: %FALSE, leaving @value unset, when @record has no value for it
 */
gboolean
tm_column_get_value (const TmColumn *column,
                     gconstpointer   record,
                     GValue         *value)
{
  if (tm_column_is_missing (column, record))
    return FALSE;

  switch (column->type)
    {
    case TM_VALUE_INT:
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, TM_COLUMN_VALUE (column, record, int));
      break;
    case TM_VALUE_BOOL:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, TM_COLUMN_VALUE (column, record, gboolean));
      break;
    case TM_VALUE_FLAGS:
      g_value_init (value, G_TYPE_UINT);
      g_value_set_uint (value, TM_COLUMN_VALUE (column, record, guint));
      break;
    case TM_VALUE_REAL:
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, TM_COLUMN_VALUE (column, record, double));
      break;
    case TM_VALUE_ENUM:
      g_value_init (value, column->enum_type ());
      g_value_set_enum (value, TM_COLUMN_VALUE (column, record, int));
      break;
    case TM_VALUE_RECORD:
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, TM_COLUMN_VALUE (column, record, gint64));
      break;
    case TM_VALUE_DAY:
    case TM_VALUE_INSTANT:
    case TM_VALUE_TEXT:
    case TM_VALUE_NICK:
    case TM_VALUE_ANSWERS:
    default:
      g_value_init (value, G_TYPE_STRING);
      g_value_take_string (value, tm_column_format (column, record));
      break;
    }
  return TRUE;
}

/* Text */

/* Whether the CSV file quotes the column's values: it quotes text, and
 * writes numbers bare. */
gboolean
tm_column_is_text (const TmColumn *column)
{
  return column->type != TM_VALUE_INT && column->type != TM_VALUE_BOOL && column->type != TM_VALUE_FLAGS &&
         column->type != TM_VALUE_REAL;
}

/* As short as reads back the same: 6.8, not 6.7999999999999998. */
static char *
format_real (double value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (number, sizeof number, formats[i], value);
      if (g_ascii_strtod (number, NULL) == value)
        break;
    }
  return g_strdup (number);
}

/**
 * tm_column_format:
 *
 * Returns: (nullable): the value as the data file and the CSV files write
 *   it: "7", "7.5", "sublingual", "012301230"; %NULL when missing
 */
char *
tm_column_format (const TmColumn *column,
                  gconstpointer   record)
{
  if (tm_column_is_missing (column, record))
    return NULL;

  switch (column->type)
    {
    case TM_VALUE_INT:
      return g_strdup_printf ("%d", TM_COLUMN_VALUE (column, record, int));
    case TM_VALUE_BOOL:
      return g_strdup (TM_COLUMN_VALUE (column, record, gboolean) ? "1" : "0");
    case TM_VALUE_FLAGS:
      return g_strdup_printf ("%u", TM_COLUMN_VALUE (column, record, guint));
    case TM_VALUE_REAL:
      return format_real (TM_COLUMN_VALUE (column, record, double));
    case TM_VALUE_DAY:
      return g_strdup ((const char *) tm_column_get_place (column, record));
    case TM_VALUE_ENUM:
      return g_strdup (tm_enum_get_nick (column->enum_type (), TM_COLUMN_VALUE (column, record, int)));
    case TM_VALUE_ANSWERS:
      return tm_questionnaire_get_answers_text (record);
    case TM_VALUE_RECORD:
      return g_strdup_printf ("%" G_GINT64_FORMAT, TM_COLUMN_VALUE (column, record, gint64));
    case TM_VALUE_INSTANT:
    case TM_VALUE_TEXT:
    case TM_VALUE_NICK:
    default:
      return g_strdup (TM_COLUMN_VALUE (column, record, char *));
    }
}

/* Reading CSV fields */

static gboolean G_GNUC_PRINTF (2, 3)
problem_at (char       **problem,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  *problem = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
parse_int (const TmColumn  *column,
           const char      *text,
           gpointer         record,
           char           **problem)
{
  gint64 value;

  if (text[0] == '\0' && (column->flags & TM_COLUMN_OPTIONAL))
    {
      TM_COLUMN_VALUE (column, record, int) = TM_UNSET;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, (gint64) column->min, (gint64) column->max, &value, NULL))
    {
      g_autofree char *shown = tm_text_quote (text);

      return problem_at (problem, _("%s “%s” is not a whole number from %d to %d"), column->name, shown,
                         (int) column->min, (int) column->max);
    }
  if (column->type == TM_VALUE_FLAGS)
    TM_COLUMN_VALUE (column, record, guint) = (guint) value;
  else if (column->type == TM_VALUE_BOOL)
    TM_COLUMN_VALUE (column, record, gboolean) = value != 0;
  else
    TM_COLUMN_VALUE (column, record, int) = (int) value;
  return TRUE;
}

static gboolean
in_range (const TmColumn *column,
          double          value)
{
  return isfinite (value) && value <= column->max &&
         ((column->flags & TM_COLUMN_ABOVE_MIN) ? value > column->min : value >= column->min);
}

static gboolean
parse_real (const TmColumn  *column,
            const char      *text,
            gpointer         record,
            char           **problem)
{
  char *end = NULL;
  double value;

  if (text[0] == '\0' && (column->flags & TM_COLUMN_OPTIONAL))
    {
      TM_COLUMN_VALUE (column, record, double) = TM_UNSET_HOURS;
      return TRUE;
    }
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || *end != '\0' || errno != 0 || !in_range (column, value))
    {
      g_autofree char *shown = tm_text_quote (text);
      g_autofree char *low = g_strdup_printf ("%g", column->min);
      g_autofree char *high = g_strdup_printf ("%g", column->max);

      if (column->flags & TM_COLUMN_ABOVE_MIN)
        /* Translators: "dose_mg “0” is not a number above 0 and at most 1000" */
        return problem_at (problem, _("%s “%s” is not a number above %s and at most %s"), column->name, shown,
                           low, high);
      /* Translators: "sleep_hours “25” is not a number from 0 to 24" */
      return problem_at (problem, _("%s “%s” is not a number from %s to %s"), column->name, shown, low, high);
    }
  TM_COLUMN_VALUE (column, record, double) = value;
  return TRUE;
}

static gboolean
parse_day (const TmColumn  *column,
           const char      *text,
           gpointer         record,
           char           **problem)
{
  g_autofree char *reason = NULL;
  g_autofree char *shown = NULL;
  TmDayCheck check;

  /* An optional day left empty is none. */
  if ((column->flags & TM_COLUMN_OPTIONAL) && text[0] == '\0')
    {
      ((char *) tm_column_get_place (column, record))[0] = '\0';
      return TRUE;
    }
  check = tm_day_check (text, &reason);
  g_strlcpy (tm_column_get_place (column, record), text, TM_DAY_LEN + 1);
  if (check == TM_DAY_VALID)
    return TRUE;

  shown = tm_text_quote (text);
  if (check == TM_DAY_NOT_IN_CALENDAR)
    /* Translators: "day “2026-02-30” is no such day: February 2026 has 28 days" */
    return problem_at (problem, _("%s “%s” is no such day: %s"), column->name, shown, reason);
  return problem_at (problem, _("%s “%s” is not a day written YYYY-MM-DD"), column->name, shown);
}

static gboolean
parse_instant (const TmColumn  *column,
               const char      *text,
               gpointer         record,
               char           **problem)
{
  g_autofree char *shown = NULL;

  if (text[0] == '\0' && (column->flags & TM_COLUMN_OPTIONAL))
    {
      set_string (column, record, NULL);
      return TRUE;
    }
  set_string (column, record, text);
  if (tm_instant_is_valid (text))
    return TRUE;

  shown = tm_text_quote (text);
  return problem_at (problem, _("%s “%s” is not a date and time in ISO 8601 with its offset, like "
                                "2026-11-28T20:15:00Z"), column->name, shown);
}

/* Text is missing when empty, and has at most max characters. */
static gboolean
parse_text (const TmColumn  *column,
            const char      *text,
            gpointer         record,
            char           **problem)
{
  glong n = g_utf8_strlen (text, -1);

  if (n > (glong) column->max)
    return problem_at (problem, _("%s is %ld characters long; at most %ld fit"), tm_column_get_csv_name (column),
                       n, (glong) column->max);
  if (column->type != TM_VALUE_RECORD)
    set_string (column, record, text[0] != '\0' ? text : NULL);
  return TRUE;
}

static gboolean
parse_nick (const TmColumn  *column,
            const char      *text,
            gpointer         record,
            char           **problem)
{
  int value;

  if (text[0] == '\0' && (column->flags & TM_COLUMN_OPTIONAL))
    {
      set_string (column, record, NULL);
      return TRUE;
    }
  if (!tm_enum_find_nick (column->enum_type (), text, &value))
    {
      g_autofree char *shown = tm_text_quote (text);
      g_autofree char *nicks = tm_enum_list_nicks (column->enum_type ());

      /* Translators: "route “nasal” is not one of oral, sublingual, intranasal, …" */
      return problem_at (problem, _("%s “%s” is not one of %s"), column->name, shown, nicks);
    }
  if (column->type == TM_VALUE_ENUM)
    TM_COLUMN_VALUE (column, record, int) = value;
  else
    set_string (column, record, text);
  return TRUE;
}

/* As many digits as the record's kind has items, each from 0 to its
 * item's most (3 on the PHQ-9 and GAD-7). */
static gboolean
parse_answers (const TmColumn  *column,
               const char      *text,
               gpointer         record,
               char           **problem)
{
  TmQuestionnaire *q = record;
  g_autofree char *shown = NULL;

  if (tm_questionnaire_set_answers_text (q, text))
    return TRUE;
  shown = tm_text_quote (text);
  if (q->kind == TM_QUESTIONNAIRE_FOLLOWUP)
    return problem_at (problem, _("answers “%s” are not %u digits, each 0, 1 or 2 (0 or 1 for a yes or no "
                                  "question)"), shown, tm_questionnaire_kind_get_n_items (q->kind));
  return problem_at (problem, _("answers “%s” are not %u digits from 0 to 3"), shown,
                     tm_questionnaire_kind_get_n_items (q->kind));
}

/**
 * tm_column_parse:
 * @text: a field of a CSV file, valid UTF-8
 * @problem: (out): what is wrong with it: "mood “11” is not a whole number
 *   from 0 to 10", its text cut and its controls escaped
 *
 * Reads a field into @record: a value of the column's type and range, or
 * nothing for an empty field of an optional column. A record's key (a
 * safety event's source_key) is only checked: the caller finds the
 * record.
 */
gboolean
tm_column_parse (const TmColumn  *column,
                 const char      *text,
                 gpointer         record,
                 char           **problem)
{
  switch (column->type)
    {
    case TM_VALUE_INT:
    case TM_VALUE_BOOL:
    case TM_VALUE_FLAGS:
      return parse_int (column, text, record, problem);
    case TM_VALUE_REAL:
      return parse_real (column, text, record, problem);
    case TM_VALUE_DAY:
      return parse_day (column, text, record, problem);
    case TM_VALUE_INSTANT:
      return parse_instant (column, text, record, problem);
    case TM_VALUE_ENUM:
    case TM_VALUE_NICK:
      return parse_nick (column, text, record, problem);
    case TM_VALUE_ANSWERS:
      return parse_answers (column, text, record, problem);
    case TM_VALUE_TEXT:
    case TM_VALUE_RECORD:
    default:
      return parse_text (column, text, record, problem);
    }
}

/* Checking values */

/* The column's message, with the arguments its type gives it. */
static gboolean
fail_with_message (const TmColumn  *column,
                   GError         **error,
                   ...)
{
  va_list args;
  g_autofree char *message = NULL;

  /* column->message is a literal in the table description; its
   * arguments follow the column's type, which tests/test-table checks. */
  va_start (args, error);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_vprintf (_(column->message), args);
#pragma GCC diagnostic pop
  va_end (args);
  g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * tm_column_check_number:
 * @value: a number for @column, an int, flags or real column with a message
 *
 * Returns: whether @value is in the column's range; if not, @error says
 *   so in the column's words ("Sleep must be between 0 and 24 hours.")
 */
gboolean
tm_column_check_number (const TmColumn  *column,
                        double           value,
                        GError         **error)
{
  g_return_val_if_fail (column->message != NULL, FALSE);

  switch (column->type)
    {
    case TM_VALUE_FLAGS:
      if (value >= 0 && value <= G_MAXUINT && ((guint) value & ~(guint) column->max) == 0)
        return TRUE;
      return fail_with_message (column, error, ((guint) column->max + 1) / 2, (guint) column->max, (guint) value);
    case TM_VALUE_REAL:
      if (in_range (column, value))
        return TRUE;
      return fail_with_message (column, error, column->min, column->max, value);
    case TM_VALUE_INT:
    case TM_VALUE_BOOL:
    default:
      if (in_range (column, value))
        return TRUE;
      return fail_with_message (column, error, (int) column->min, (int) column->max, (int) value);
    }
}

static gboolean
validate_text (const TmColumn  *column,
               const char      *text,
               GError         **error)
{
  if (column->message == NULL)
    return tm_validate_note (text, error);
  if (text == NULL || (g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) <= (glong) column->max))
    return TRUE;
  return fail_with_message (column, error, (int) column->max);
}

/**
 * tm_column_validate:
 *
 * Checks @record's value of @column as its type and the description say,
 * as a form's record is checked before it is stored (see TmColumn.message).
 */
gboolean
tm_column_validate (const TmColumn  *column,
                    gconstpointer    record,
                    GError         **error)
{
  switch (column->type)
    {
    case TM_VALUE_DAY:
      return tm_column_is_missing (column, record) || tm_day_validate (tm_column_get_place (column, record), error);
    case TM_VALUE_INSTANT:
      if (column->message == NULL)
        return tm_instant_validate (TM_COLUMN_VALUE (column, record, char *), error);
      return tm_instant_is_valid (TM_COLUMN_VALUE (column, record, char *)) || fail_with_message (column, error);
    case TM_VALUE_TEXT:
      return validate_text (column, TM_COLUMN_VALUE (column, record, char *), error);
    default:
      break;
    }

  if (column->message == NULL || tm_column_is_missing (column, record))
    return TRUE;

  switch (column->type)
    {
    case TM_VALUE_INT:
      return tm_column_check_number (column, TM_COLUMN_VALUE (column, record, int), error);
    case TM_VALUE_BOOL:
      return tm_column_check_number (column, TM_COLUMN_VALUE (column, record, gboolean), error);
    case TM_VALUE_FLAGS:
      return tm_column_check_number (column, TM_COLUMN_VALUE (column, record, guint), error);
    case TM_VALUE_REAL:
      return tm_column_check_number (column, TM_COLUMN_VALUE (column, record, double), error);
    case TM_VALUE_ENUM:
      return tm_enum_has_value (column->enum_type (), TM_COLUMN_VALUE (column, record, int)) ||
             fail_with_message (column, error);
    default:
      return TRUE;
    }
}

/**
 * tm_table_validate:
 * @field: (out): the column at fault
 *
 * Checks every column of @record (tm_column_validate()), in order. The
 * record's own validator adds what is not a range.
 */
gboolean
tm_table_validate (TmTable         table,
                   gconstpointer   record,
                   const char    **field,
                   GError        **error)
{
  const TmTableInfo *info = tm_table_get_info (table);

  for (guint c = 0; c < info->n_columns; c++)
    if (!tm_column_validate (&info->columns[c], record, error))
      {
        *field = info->columns[c].name;
        return FALSE;
      }
  return TRUE;
}

/* Keys */

/**
 * tm_table_describe_key:
 *
 * Returns: the columns that tell @table's records apart, as the CSV file
 *   names them: "taken_at and created_at"
 */
char *
tm_table_describe_key (TmTable table)
{
  const TmTableInfo *info = tm_table_get_info (table);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < info->n_columns; c++)
    if (info->columns[c].flags & TM_COLUMN_KEY)
      g_ptr_array_add (names, (gpointer) tm_column_get_csv_name (&info->columns[c]));
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == names->len ? " and " : ", ");
      g_string_append (text, names->pdata[i]);
    }
  return g_string_free (text, FALSE);
}

/**
 * tm_table_get_record_key:
 *
 * Returns: what tells @record apart from the others of its table: its key
 *   columns' values joined by spaces ("2026-03-01T10:00:00+01:00
 *   2026-03-01T10:05:00Z"), as a safety event's source_key names it
 */
char *
tm_table_get_record_key (TmTable       table,
                         gconstpointer record)
{
  const TmTableInfo *info = tm_table_get_info (table);
  GString *key = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint c = 0; c < info->n_columns; c++)
    if (info->columns[c].flags & TM_COLUMN_KEY)
      {
        g_autofree char *value = tm_column_format (&info->columns[c], record);

        if (!first)
          g_string_append_c (key, ' ');
        g_string_append (key, value != NULL ? value : "");
        first = FALSE;
      }
  return g_string_free (key, FALSE);
}

static TmTable
find_table (const char *name)
{
  for (int t = 0; t < TM_N_TABLES; t++)
    if (strcmp (tables[t].name, name) == 0)
      return t;
  g_return_val_if_reached (TM_N_TABLES);
}

/* The table whose description holds @column. */
static const TmTableInfo *
table_of (const TmColumn *column)
{
  for (int t = 0; t < TM_N_TABLES; t++)
    if (column >= tables[t].columns && column < tables[t].columns + tables[t].n_columns)
      return &tables[t];
  g_return_val_if_reached (NULL);
}

/* Whether a record of @table may name a record of @other: a column
 * whose table another column names may name any table. */
static gboolean
may_refer_to (TmTable table,
              TmTable other)
{
  for (guint c = 0; c < tables[table].n_columns; c++)
    {
      const TmColumn *column = &tables[table].columns[c];

      if (column->type != TM_VALUE_RECORD)
        continue;
      if (column->table_column != NULL)
        return TRUE;
      if ((column->refers_to != NULL ? find_table (column->refers_to) : table) == other)
        return TRUE;
    }
  return FALSE;
}

/**
 * tm_table_get_store_order:
 * @order: (out caller-allocates): every table once
 *
 * The order an import stores the tables in: each after every other table
 * its records may name (a reading after the sessions, a safety prompt
 * after everything it may be about), so that the record named is there
 * when the one naming it is stored.
 */
void
tm_table_get_store_order (TmTable order[TM_N_TABLES])
{
  gboolean placed[TM_N_TABLES] = { FALSE };

  for (guint n = 0; n < TM_N_TABLES; n++)
    {
      TmTable next = TM_N_TABLES;

      for (int t = 0; t < TM_N_TABLES && next == TM_N_TABLES; t++)
        {
          gboolean waits = FALSE;

          for (int u = 0; u < TM_N_TABLES && !placed[t] && !waits; u++)
            waits = u != t && !placed[u] && may_refer_to (t, u);
          if (!placed[t] && !waits)
            next = t;
        }
      /* Two tables naming each other: the description must not say so. */
      g_return_if_fail (next < TM_N_TABLES);
      placed[next] = TRUE;
      order[n] = next;
    }
}

/**
 * tm_column_get_referred_table:
 * @column: a column that refers to a record (%TM_VALUE_RECORD)
 *
 * Returns: the table of the record @record refers to, which the nick of
 *   its table_column names ("checkin"), or %TM_N_TABLES when none
 */
TmTable
tm_column_get_referred_table (const TmColumn *column,
                              gconstpointer   record)
{
  const TmColumn *named_by;
  int value;

  g_return_val_if_fail (column->type == TM_VALUE_RECORD, TM_N_TABLES);

  if (column->table_column == NULL && column->refers_to != NULL)
    return find_table (column->refers_to);
  if (column->table_column == NULL)
    return table_of (column)->table;
  named_by = tm_table_find_column (table_of (column)->table, column->table_column);
  value = TM_COLUMN_VALUE (named_by, record, int);
  if (!tm_enum_has_value (named_by->enum_type (), value))
    return TM_N_TABLES;
  for (int t = 0; t < TM_N_TABLES; t++)
    if (strcmp (tables[t].name, tm_enum_get_nick (named_by->enum_type (), value)) == 0)
      return t;
  return TM_N_TABLES;
}
