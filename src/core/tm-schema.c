/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The schema, one migration step per version. A step runs inside the
 * transaction the runner in tm-store.c opened, after it copied the file. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

#define DAY(col)     "CHECK (date(" col ", '+0 days') IS " col ")"
#define INSTANT(col) "CHECK (julianday(" col ") IS NOT NULL)"
#define OPT_INSTANT(col) "CHECK (" col " IS NULL OR julianday(" col ") IS NOT NULL)"
#define ROUTES       "('oral', 'sublingual', 'intranasal', 'intramuscular', 'intravenous')"

/* Schema v1: every table of DESIGN.md, with the checks that match the
 * validation in core. Column names and their order are the CSV contract. */
static const char schema_v1[] =
  "CREATE TABLE checkin ("
  "  id                INTEGER PRIMARY KEY,"
  "  day               TEXT NOT NULL UNIQUE " DAY ("day") ","
  "  mood              INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),"
  "  anxiety           INTEGER CHECK (anxiety BETWEEN 0 AND 10),"
  "  energy            INTEGER CHECK (energy BETWEEN 0 AND 10),"
  "  sleep_hours       REAL CHECK (sleep_hours BETWEEN 0 AND 24),"
  "  effects           INTEGER NOT NULL DEFAULT 0 CHECK (effects BETWEEN 0 AND 127),"
  "  effects_intensity INTEGER CHECK (effects_intensity BETWEEN 0 AND 10),"
  "  note              TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at        TEXT NOT NULL " INSTANT ("created_at") ","
  "  updated_at        TEXT NOT NULL " INSTANT ("updated_at") ","
  "  CHECK (effects > 0 OR effects_intensity IS NULL)"
  ") STRICT;"

  "CREATE TABLE questionnaire ("
  "  id         INTEGER PRIMARY KEY,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('phq9', 'gad7')),"
  "  day        TEXT NOT NULL " DAY ("day") ","
  "  answers    TEXT NOT NULL CHECK (answers NOT GLOB '*[^0-3]*' AND"
  "               length(answers) = CASE kind WHEN 'phq9' THEN 9 ELSE 7 END),"
  "  difficulty INTEGER CHECK (difficulty IS NULL OR (difficulty BETWEEN 0 AND 3 AND kind = 'phq9')),"
  "  total      INTEGER NOT NULL CHECK (total ="
  "               CAST(substr(answers, 1, 1) AS INTEGER) + CAST(substr(answers, 2, 1) AS INTEGER) +"
  "               CAST(substr(answers, 3, 1) AS INTEGER) + CAST(substr(answers, 4, 1) AS INTEGER) +"
  "               CAST(substr(answers, 5, 1) AS INTEGER) + CAST(substr(answers, 6, 1) AS INTEGER) +"
  "               CAST(substr(answers, 7, 1) AS INTEGER) + CAST(substr(answers, 8, 1) AS INTEGER) +"
  "               CAST(substr(answers, 9, 1) AS INTEGER)),"
  "  created_at TEXT NOT NULL " INSTANT ("created_at")
  ") STRICT;"
  "CREATE INDEX questionnaire_by_day ON questionnaire (day);"

  "CREATE TABLE session ("
  "  id                INTEGER PRIMARY KEY,"
  "  taken_at          TEXT NOT NULL " INSTANT ("taken_at") ","
  "  dose_mg           REAL NOT NULL CHECK (dose_mg > 0 AND dose_mg <= 1000),"
  "  route             TEXT NOT NULL CHECK (route IN " ROUTES "),"
  "  setting           TEXT NOT NULL CHECK (setting IN ('home', 'clinic')),"
  "  monitor_present   INTEGER NOT NULL DEFAULT 0 CHECK (monitor_present IN (0, 1)),"
  "  mood_before       INTEGER CHECK (mood_before BETWEEN 0 AND 10),"
  "  dissociation_peak INTEGER CHECK (dissociation_peak BETWEEN 0 AND 10),"
  "  effects           INTEGER NOT NULL DEFAULT 0 CHECK (effects BETWEEN 0 AND 127),"
  "  effects_minutes   INTEGER CHECK (effects_minutes BETWEEN 0 AND 1440),"
  "  nausea            INTEGER CHECK (nausea BETWEEN 0 AND 3),"
  "  sedation          INTEGER CHECK (sedation BETWEEN 0 AND 3),"
  "  bp_before_sys     INTEGER CHECK (bp_before_sys BETWEEN 60 AND 280),"
  "  bp_before_dia     INTEGER CHECK (bp_before_dia BETWEEN 30 AND 180),"
  "  bp_after_sys      INTEGER CHECK (bp_after_sys BETWEEN 60 AND 280),"
  "  bp_after_dia      INTEGER CHECK (bp_after_dia BETWEEN 30 AND 180),"
  "  other_medicines   INTEGER NOT NULL DEFAULT 0 CHECK (other_medicines BETWEEN 0 AND 15),"
  "  note              TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at        TEXT NOT NULL " INSTANT ("created_at") ","
  "  updated_at        TEXT NOT NULL " INSTANT ("updated_at") ","
  "  CHECK ((bp_before_sys IS NULL) = (bp_before_dia IS NULL)),"
  "  CHECK ((bp_after_sys IS NULL) = (bp_after_dia IS NULL)),"
  "  CHECK (bp_before_sys > bp_before_dia),"
  "  CHECK (bp_after_sys > bp_after_dia)"
  ") STRICT;"
  "CREATE INDEX session_by_time ON session (julianday(taken_at));"

  "CREATE TABLE plan ("
  "  id             INTEGER PRIMARY KEY,"
  "  effective_from TEXT NOT NULL " DAY ("effective_from") ","
  "  interval_days  INTEGER NOT NULL CHECK (interval_days BETWEEN 1 AND 365),"
  "  dose_mg        REAL NOT NULL CHECK (dose_mg > 0 AND dose_mg <= 1000),"
  "  route          TEXT NOT NULL CHECK (route IN " ROUTES "),"
  "  tolerance_days INTEGER NOT NULL DEFAULT 2 CHECK (tolerance_days BETWEEN 0 AND 30),"
  "  instructions   TEXT CHECK (length(instructions) BETWEEN 1 AND 10000),"
  "  author         TEXT CHECK (length(author) BETWEEN 1 AND 200),"
  "  created_at     TEXT NOT NULL " INSTANT ("created_at")
  ") STRICT;"
  "CREATE INDEX plan_by_day ON plan (effective_from);"
  /* The plan is append-only: a change adds a row, history stays. */
  "CREATE TRIGGER plan_keeps_history_on_update BEFORE UPDATE ON plan"
  "  BEGIN SELECT RAISE (ABORT, 'plan rows are never changed; add a new plan instead'); END;"
  "CREATE TRIGGER plan_keeps_history_on_delete BEFORE DELETE ON plan"
  "  BEGIN SELECT RAISE (ABORT, 'plan rows are never deleted; add a new plan instead'); END;"

  "CREATE TABLE plan_date ("
  "  id         INTEGER PRIMARY KEY,"
  "  day        TEXT NOT NULL " DAY ("day") ","
  "  kind       TEXT NOT NULL CHECK (kind IN ('extra', 'cancelled')),"
  "  note       TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at TEXT NOT NULL " INSTANT ("created_at") ","
  "  UNIQUE (day, kind)"
  ") STRICT;"

  "CREATE TABLE safety_event ("
  "  id          INTEGER PRIMARY KEY,"
  "  rule        TEXT NOT NULL CHECK (rule IN ('S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7')),"
  "  level       TEXT NOT NULL CHECK (level IN ('info', 'caution', 'urgent')),"
  "  source      TEXT NOT NULL CHECK (source IN ('checkin', 'session', 'questionnaire')),"
  "  source_id   INTEGER,"
  "  shown_at    TEXT NOT NULL " INSTANT ("shown_at") ","
  "  answered_at TEXT " OPT_INSTANT ("answered_at") ","
  "  answer      TEXT CHECK (length(answer) BETWEEN 1 AND 200),"
  "  detail      TEXT CHECK (length(detail) <= 10000)"
  ") STRICT;"
  "CREATE INDEX safety_event_by_time ON safety_event (julianday(shown_at));"

  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 200),"
  "  value TEXT"
  ") STRICT;";

static gboolean
create_schema_v1 (sqlite3  *db,
                  GError  **error)
{
  return tm_sqlite_exec (db, schema_v1, sqlite3_db_filename (db, "main"),
                         _("its tables could not be created"), error);
}

/* Schema v2 (DESIGN.md, Clinically right): red flags on check-ins and
 * sessions, the optional daily self-harm question, opioids and alcohol
 * among other medicines, and the rules S11–S13. New columns go at the end
 * of their tables, so that the CSV files of v1 are the first columns of
 * v2's and read back. SQLite can't change a CHECK: session and
 * safety_event are rebuilt, keeping every row and its id. */
static const char schema_v2[] =
  "ALTER TABLE checkin ADD COLUMN red_flags INTEGER NOT NULL DEFAULT 0 CHECK (red_flags BETWEEN 0 "
  "AND 63);ALTER TABLE checkin ADD COLUMN self_harm INTEGER CHECK (self_harm IN (0, 1));"

  "ALTER TABLE session RENAME TO session_v1;"
  "CREATE TABLE session ("
  "  id                INTEGER PRIMARY KEY,"
  "  taken_at          TEXT NOT NULL " INSTANT ("taken_at") ","
  "  dose_mg           REAL NOT NULL CHECK (dose_mg > 0 AND dose_mg <= 1000),"
  "  route             TEXT NOT NULL CHECK (route IN " ROUTES "),"
  "  setting           TEXT NOT NULL CHECK (setting IN ('home', 'clinic')),"
  "  monitor_present   INTEGER NOT NULL DEFAULT 0 CHECK (monitor_present IN (0, 1)),"
  "  mood_before       INTEGER CHECK (mood_before BETWEEN 0 AND 10),"
  "  dissociation_peak INTEGER CHECK (dissociation_peak BETWEEN 0 AND 10),"
  "  effects           INTEGER NOT NULL DEFAULT 0 CHECK (effects BETWEEN 0 AND 127),"
  "  effects_minutes   INTEGER CHECK (effects_minutes BETWEEN 0 AND 1440),"
  "  nausea            INTEGER CHECK (nausea BETWEEN 0 AND 3),"
  "  sedation          INTEGER CHECK (sedation BETWEEN 0 AND 3),"
  "  bp_before_sys     INTEGER CHECK (bp_before_sys BETWEEN 60 AND 280),"
  "  bp_before_dia     INTEGER CHECK (bp_before_dia BETWEEN 30 AND 180),"
  "  bp_after_sys      INTEGER CHECK (bp_after_sys BETWEEN 60 AND 280),"
  "  bp_after_dia      INTEGER CHECK (bp_after_dia BETWEEN 30 AND 180),"
  "  other_medicines   INTEGER NOT NULL DEFAULT 0 CHECK (other_medicines BETWEEN 0 AND 63),"
  "  note              TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at        TEXT NOT NULL " INSTANT ("created_at") ","
  "  updated_at        TEXT NOT NULL " INSTANT ("updated_at") ","
  "  red_flags         INTEGER NOT NULL DEFAULT 0 CHECK (red_flags BETWEEN 0 AND 63),"
  "  CHECK ((bp_before_sys IS NULL) = (bp_before_dia IS NULL)),"
  "  CHECK ((bp_after_sys IS NULL) = (bp_after_dia IS NULL)),"
  "  CHECK (bp_before_sys > bp_before_dia),"
  "  CHECK (bp_after_sys > bp_after_dia)"
  ") STRICT;"
  "INSERT INTO session (id, taken_at, dose_mg, route, setting, monitor_present,"
  "                     mood_before, dissociation_peak, effects, effects_minutes, nausea,"
  "                     sedation, bp_before_sys, bp_before_dia, bp_after_sys, bp_after_dia,"
  "                     other_medicines, note, created_at, updated_at)"
  "  SELECT id, taken_at, dose_mg, route, setting, monitor_present, mood_before, dissociation_peak,"
  "         effects, effects_minutes, nausea, sedation, bp_before_sys, bp_before_dia, bp_after_sys,"
  "         bp_after_dia, other_medicines, note, created_at, updated_at FROM session_v1;"
  "DROP TABLE session_v1;"
  "CREATE INDEX session_by_time ON session (julianday(taken_at));"

  "ALTER TABLE safety_event RENAME TO safety_event_v1;"
  "CREATE TABLE safety_event ("
  "  id          INTEGER PRIMARY KEY,"
  "  rule        TEXT NOT NULL CHECK (rule IN ('S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7',"
  "                                            'S11', 'S12', 'S13')),"
  "  level       TEXT NOT NULL CHECK (level IN ('info', 'caution', 'urgent')),"
  "  source      TEXT NOT NULL CHECK (source IN ('checkin', 'session', 'questionnaire')),"
  "  source_id   INTEGER,"
  "  shown_at    TEXT NOT NULL " INSTANT ("shown_at") ","
  "  answered_at TEXT " OPT_INSTANT ("answered_at") ","
  "  answer      TEXT CHECK (length(answer) BETWEEN 1 AND 200),"
  "  detail      TEXT CHECK (length(detail) <= 10000)"
  ") STRICT;"
  "INSERT INTO safety_event (id, rule, level, source, source_id, shown_at, answered_at, answer,"
  "                          detail)"
  "  SELECT id, rule, level, source, source_id, shown_at, answered_at, answer, detail"
  "  FROM safety_event_v1;"
  "DROP TABLE safety_event_v1;"
  "CREATE INDEX safety_event_by_time ON safety_event (julianday(shown_at));";

static gboolean
migrate_to_v2 (sqlite3  *db,
               GError  **error)
{
  return tm_sqlite_exec (db, schema_v2, sqlite3_db_filename (db, "main"),
                         _("its tables could not be updated"), error);
}

/* Schema v3 (DESIGN.md, Review with the therapist): "Bring this up at my
 * next review" on check-ins and sessions, the pre-treatment PHQ-9 and mood
 * on the plan, and the reviews, which like the plan are only ever added
 * to: a correction is a new row that names the one it corrects. */
static const char schema_v3[] =
  "ALTER TABLE checkin ADD COLUMN discuss INTEGER NOT NULL DEFAULT 0 CHECK (discuss IN (0, 1));"
  "ALTER TABLE session ADD COLUMN discuss INTEGER NOT NULL DEFAULT 0 CHECK (discuss IN (0, 1));"
  "ALTER TABLE plan ADD COLUMN pre_phq9 INTEGER CHECK (pre_phq9 BETWEEN 0 AND 27);"
  "ALTER TABLE plan ADD COLUMN pre_mood INTEGER CHECK (pre_mood BETWEEN 0 AND 10);"

  "CREATE TABLE review ("
  "  id          INTEGER PRIMARY KEY,"
  "  period_from TEXT NOT NULL " DAY ("period_from") ","
  "  period_to   TEXT NOT NULL " DAY ("period_to") ","
  "  finished_at TEXT NOT NULL " INSTANT ("finished_at") ","
  "  author      TEXT NOT NULL CHECK (length(author) BETWEEN 1 AND 200),"
  "  note        TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at  TEXT NOT NULL " INSTANT ("created_at") ","
  "  corrects    INTEGER REFERENCES review (id),"
  "  CHECK (period_from <= period_to)"
  ") STRICT;"
  "CREATE INDEX review_by_time ON review (julianday(finished_at));"
  "CREATE TRIGGER review_keeps_history_on_update BEFORE UPDATE ON review"
  "  BEGIN SELECT RAISE (ABORT, 'review rows are never changed; add a correction instead'); END;"
  "CREATE TRIGGER review_keeps_history_on_delete BEFORE DELETE ON review"
  "  BEGIN SELECT RAISE (ABORT, 'review rows are never deleted; add a correction instead'); END;";

static gboolean
migrate_to_v3 (sqlite3  *db,
               GError  **error)
{
  return tm_sqlite_exec (db, schema_v3, sqlite3_db_filename (db, "main"),
                         _("its tables could not be updated"), error);
}

/* Schema v4 (DESIGN.md, The session day): how long a session was
 * monitored (or someone stayed at home), when the person would have been
 * ready to leave (clinic sessions only), the integration notes, and the
 * plan's instruction for a high blood pressure before a dose. */
static const char schema_v4[] =
  "ALTER TABLE session ADD COLUMN monitored_minutes INTEGER"
  "  CHECK (monitored_minutes BETWEEN 0 AND 1440);"
  "ALTER TABLE session ADD COLUMN ready_to_leave_minutes INTEGER"
  "  CHECK (ready_to_leave_minutes BETWEEN 0 AND 1440);"
  "ALTER TABLE session ADD COLUMN intention TEXT CHECK (length(intention) BETWEEN 1 AND 10000);"
  "ALTER TABLE session ADD COLUMN reflection TEXT CHECK (length(reflection) BETWEEN 1 AND 10000);"
  "ALTER TABLE session ADD COLUMN next_day_note TEXT CHECK (length(next_day_note) BETWEEN 1 AND 10000);"
  "ALTER TABLE plan ADD COLUMN pre_dose_instruction TEXT"
  "  CHECK (length(pre_dose_instruction) BETWEEN 1 AND 10000);";

static gboolean
migrate_to_v4 (sqlite3  *db,
               GError  **error)
{
  return tm_sqlite_exec (db, schema_v4, sqlite3_db_filename (db, "main"),
                         _("its tables could not be updated"), error);
}

/* Schema v5 (DESIGN.md, The session day): readings through the session
 * day, in a table of their own. The blood pressure before the dose and
 * after it become readings at 0 minutes and at the last: when the person
 * was monitored until, or else at 2 hours, with a note that its time was
 * not recorded. The session is rebuilt without those columns (SQLite
 * can't drop a column a CHECK names), keeping every row and its id; the
 * companion's answers join it. The runner copied the file first. */
static const char schema_v5[] =
  "DROP INDEX session_by_time;"
  "ALTER TABLE session RENAME TO session_v4;"
  "CREATE TABLE session ("
  "  id                INTEGER PRIMARY KEY,"
  "  taken_at          TEXT NOT NULL " INSTANT ("taken_at") ","
  "  dose_mg           REAL NOT NULL CHECK (dose_mg > 0 AND dose_mg <= 1000),"
  "  route             TEXT NOT NULL CHECK (route IN " ROUTES "),"
  "  setting           TEXT NOT NULL CHECK (setting IN ('home', 'clinic')),"
  "  monitor_present   INTEGER NOT NULL DEFAULT 0 CHECK (monitor_present IN (0, 1)),"
  "  mood_before       INTEGER CHECK (mood_before BETWEEN 0 AND 10),"
  "  dissociation_peak INTEGER CHECK (dissociation_peak BETWEEN 0 AND 10),"
  "  effects           INTEGER NOT NULL DEFAULT 0 CHECK (effects BETWEEN 0 AND 127),"
  "  effects_minutes   INTEGER CHECK (effects_minutes BETWEEN 0 AND 1440),"
  "  nausea            INTEGER CHECK (nausea BETWEEN 0 AND 3),"
  "  sedation          INTEGER CHECK (sedation BETWEEN 0 AND 3),"
  "  other_medicines   INTEGER NOT NULL DEFAULT 0 CHECK (other_medicines BETWEEN 0 AND 63),"
  "  note              TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at        TEXT NOT NULL " INSTANT ("created_at") ","
  "  updated_at        TEXT NOT NULL " INSTANT ("updated_at") ","
  "  red_flags         INTEGER NOT NULL DEFAULT 0 CHECK (red_flags BETWEEN 0 AND 63),"
  "  discuss           INTEGER NOT NULL DEFAULT 0 CHECK (discuss IN (0, 1)),"
  "  monitored_minutes INTEGER CHECK (monitored_minutes BETWEEN 0 AND 1440),"
  "  ready_to_leave_minutes INTEGER CHECK (ready_to_leave_minutes BETWEEN 0 AND 1440),"
  "  intention         TEXT CHECK (length(intention) BETWEEN 1 AND 10000),"
  "  reflection        TEXT CHECK (length(reflection) BETWEEN 1 AND 10000),"
  "  next_day_note     TEXT CHECK (length(next_day_note) BETWEEN 1 AND 10000),"
  "  eased             INTEGER CHECK (eased IN (0, 1)),"
  "  slept_well        INTEGER CHECK (slept_well IN (0, 1)),"
  "  fully_alert       INTEGER CHECK (fully_alert IN (0, 1)),"
  "  lingering         INTEGER CHECK (lingering IN (0, 1))"
  ") STRICT;"
  "INSERT INTO session (id, taken_at, dose_mg, route, setting, monitor_present, mood_before,"
  "                     dissociation_peak, effects, effects_minutes, nausea, sedation,"
  "                     other_medicines, note, created_at, updated_at, red_flags, discuss,"
  "                     monitored_minutes, ready_to_leave_minutes, intention, reflection,"
  "                     next_day_note)"
  "  SELECT id, taken_at, dose_mg, route, setting, monitor_present, mood_before,"
  "         dissociation_peak, effects, effects_minutes, nausea, sedation, other_medicines, note,"
  "         created_at, updated_at, red_flags, discuss, monitored_minutes, ready_to_leave_minutes,"
  "         intention, reflection, next_day_note FROM session_v4;"
  "CREATE INDEX session_by_time ON session (julianday(taken_at));"

  "CREATE TABLE session_reading ("
  "  id            INTEGER PRIMARY KEY,"
  "  session_id    INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  minutes_after INTEGER NOT NULL CHECK (minutes_after BETWEEN 0 AND 1440),"
  "  bp_sys        INTEGER CHECK (bp_sys BETWEEN 60 AND 280),"
  "  bp_dia        INTEGER CHECK (bp_dia BETWEEN 30 AND 180),"
  "  pulse         INTEGER CHECK (pulse BETWEEN 30 AND 220),"
  "  dissociation  INTEGER CHECK (dissociation BETWEEN 0 AND 10),"
  "  sedation      INTEGER CHECK (sedation BETWEEN 0 AND 3),"
  "  nausea        INTEGER CHECK (nausea BETWEEN 0 AND 3),"
  "  note          TEXT CHECK (length(note) BETWEEN 1 AND 10000),"
  "  created_at    TEXT NOT NULL " INSTANT ("created_at") ","
  "  UNIQUE (session_id, minutes_after),"
  "  CHECK ((bp_sys IS NULL) = (bp_dia IS NULL)),"
  "  CHECK (bp_sys > bp_dia)"
  ") STRICT;"
  "INSERT INTO session_reading (session_id, minutes_after, bp_sys, bp_dia, created_at)"
  "  SELECT id, 0, bp_before_sys, bp_before_dia, created_at FROM session_v4"
  "  WHERE bp_before_sys IS NOT NULL;"
  "INSERT INTO session_reading (session_id, minutes_after, bp_sys, bp_dia, note, created_at)"
  "  SELECT id, CASE WHEN monitored_minutes > 0 THEN monitored_minutes"
  "              ELSE " G_STRINGIFY (TM_READING_UNRECORDED_MINUTES) " END,"
  "         bp_after_sys, bp_after_dia, ?1, created_at FROM session_v4"
  "  WHERE bp_after_sys IS NOT NULL;"
  "DROP TABLE session_v4;";

static gboolean
migrate_to_v5 (sqlite3  *db,
               GError  **error)
{
  const char *path = sqlite3_db_filename (db, "main");
  const char *what = _("its tables could not be updated");
  const char *sql = schema_v5;

  /* Run statement by statement, for the after-dose note's words. */
  while (sql[0] != '\0')
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *rest = NULL;
      int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, &rest);

      if (rc != SQLITE_OK)
        {
          tm_sqlite_set_error (error, db, rc, path, what);
          return FALSE;
        }
      if (stmt != NULL)
        {
          if (sqlite3_bind_parameter_count (stmt) > 0)
            sqlite3_bind_text (stmt, 1, tm_session_reading_get_unrecorded_note (), -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_DONE)
            {
              tm_sqlite_set_error (error, db, rc, path, what);
              return FALSE;
            }
        }
      sql = rest;
    }
  return TRUE;
}

/* Schema v6 (DESIGN.md, Long-term safety and medicines): the regular
 * medicines, which like the plan are only ever added to: a change or a
 * stop is a new row that names the one it replaces. */
static const char schema_v6[] =
  "CREATE TABLE medicine ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
  "  dose       REAL CHECK (dose > 0 AND dose <= 100000),"
  "  unit       TEXT CHECK (length(unit) BETWEEN 1 AND 20),"
  "  schedule   TEXT CHECK (length(schedule) BETWEEN 1 AND 200),"
  "  started_on TEXT NOT NULL " DAY ("started_on") ","
  "  stopped_on TEXT CHECK (stopped_on IS NULL OR date(stopped_on, '+0 days') IS stopped_on),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('antidepressant', 'benzodiazepine', 'sleep', 'stimulant',"
  "                                           'maoi', 'opioid', 'gabapentinoid', 'sedating-antihistamine',"
  "                                           'blood-pressure', 'other')),"
  "  created_at TEXT NOT NULL " INSTANT ("created_at") ","
  "  replaces   INTEGER REFERENCES medicine (id),"
  "  CHECK (stopped_on IS NULL OR stopped_on >= started_on)"
  ") STRICT;"
  "CREATE INDEX medicine_by_day ON medicine (started_on);"
  "CREATE TRIGGER medicine_keeps_history_on_update BEFORE UPDATE ON medicine"
  "  BEGIN SELECT RAISE (ABORT, 'medicine rows are never changed; add a new row instead'); END;"
  "CREATE TRIGGER medicine_keeps_history_on_delete BEFORE DELETE ON medicine"
  "  BEGIN SELECT RAISE (ABORT, 'medicine rows are never deleted; add a new row instead'); END;";

static gboolean
migrate_to_v6 (sqlite3  *db,
               GError  **error)
{
  return tm_sqlite_exec (db, schema_v6, sqlite3_db_filename (db, "main"),
                         _("its tables could not be updated"), error);
}

/* Schema v7 (DESIGN.md, Long-term safety and medicines): the monthly
 * follow-up is a kind of questionnaire, with twelve items (0–2, or 0–1 for
 * a yes or no) and how well the treatment is tolerated (0–10); safety
 * prompts gain S8–S10 and can be about a regular medicine (S7). SQLite
 * can't change a CHECK in place: both tables are built again. */
#define FOLLOWUP_ANSWERS "'[0-2][0-2][01][0-2][0-2][0-2][0-2][01][0-2][01][01][01]'"
#define DIGIT(n)         "CAST(substr(answers, " #n ", 1) AS INTEGER)"

static const char schema_v7[] =
  "ALTER TABLE questionnaire RENAME TO questionnaire_v6;"
  "DROP INDEX questionnaire_by_day;"
  "CREATE TABLE questionnaire ("
  "  id         INTEGER PRIMARY KEY,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('phq9', 'gad7', 'followup')),"
  "  day        TEXT NOT NULL " DAY ("day") ","
  "  answers    TEXT NOT NULL CHECK (CASE kind"
  "               WHEN 'phq9' THEN length(answers) = 9 AND answers NOT GLOB '*[^0-3]*'"
  "               WHEN 'gad7' THEN length(answers) = 7 AND answers NOT GLOB '*[^0-3]*'"
  "               ELSE answers GLOB " FOLLOWUP_ANSWERS " END),"
  "  difficulty INTEGER CHECK (difficulty IS NULL OR (difficulty BETWEEN 0 AND 3 AND kind = 'phq9')),"
  "  total      INTEGER NOT NULL CHECK (total ="
  "               " DIGIT (1) " + " DIGIT (2) " + " DIGIT (3) " + " DIGIT (4) " +"
  "               " DIGIT (5) " + " DIGIT (6) " + " DIGIT (7) " + " DIGIT (8) " +"
  "               " DIGIT (9) " + " DIGIT (10) " + " DIGIT (11) " + " DIGIT (12) "),"
  "  created_at TEXT NOT NULL " INSTANT ("created_at") ","
  "  tolerance  INTEGER CHECK (tolerance BETWEEN 0 AND 10),"
  "  CHECK ((kind = 'followup') = (tolerance IS NOT NULL))"
  ") STRICT;"
  "INSERT INTO questionnaire (id, kind, day, answers, difficulty, total, created_at)"
  "  SELECT id, kind, day, answers, difficulty, total, created_at FROM questionnaire_v6;"
  "DROP TABLE questionnaire_v6;"
  "CREATE INDEX questionnaire_by_day ON questionnaire (day);"

  "ALTER TABLE safety_event RENAME TO safety_event_v6;"
  "DROP INDEX safety_event_by_time;"
  "CREATE TABLE safety_event ("
  "  id          INTEGER PRIMARY KEY,"
  "  rule        TEXT NOT NULL CHECK (rule IN ('S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8',"
  "                                            'S9', 'S10', 'S11', 'S12', 'S13')),"
  "  level       TEXT NOT NULL CHECK (level IN ('info', 'caution', 'urgent')),"
  "  source      TEXT NOT NULL CHECK (source IN ('checkin', 'session', 'questionnaire', 'medicine')),"
  "  source_id   INTEGER,"
  "  shown_at    TEXT NOT NULL " INSTANT ("shown_at") ","
  "  answered_at TEXT " OPT_INSTANT ("answered_at") ","
  "  answer      TEXT CHECK (length(answer) BETWEEN 1 AND 200),"
  "  detail      TEXT CHECK (length(detail) <= 10000)"
  ") STRICT;"
  "INSERT INTO safety_event (id, rule, level, source, source_id, shown_at, answered_at, answer,"
  "                          detail)"
  "  SELECT id, rule, level, source, source_id, shown_at, answered_at, answer, detail"
  "  FROM safety_event_v6;"
  "DROP TABLE safety_event_v6;"
  "CREATE INDEX safety_event_by_time ON safety_event (julianday(shown_at));";

static gboolean
migrate_to_v7 (sqlite3  *db,
               GError  **error)
{
  return tm_sqlite_exec (db, schema_v7, sqlite3_db_filename (db, "main"),
                         _("its tables could not be updated"), error);
}

static const TmMigrationStep steps[] = {
  create_schema_v1,  /* 0 → 1 */
  migrate_to_v2,     /* 1 → 2 */
  migrate_to_v3,     /* 2 → 3 */
  migrate_to_v4,     /* 3 → 4 */
  migrate_to_v5,     /* 4 → 5 */
  migrate_to_v6,     /* 5 → 6 */
  migrate_to_v7,     /* 6 → 7 */
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == TM_STORE_SCHEMA_VERSION);

const TmMigrationStep *
tm_schema_get_steps (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (steps);
  return steps;
}
