/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV export and import: byte for byte round trips, all or nothing, a
 * record already there kept or replaced, and a corpus of bad files (in
 * tests/csv/, and made here when large) each refused with file:line and
 * what is wrong, storing nothing. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "tm-csv.h"
#include "tm-demo.h"
#include "tm-questionnaire.h"
#include "tm-sqlite.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

#define CHECKIN_HEADER "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\"," \
                       "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\"\r\n"

static int
count_rows (TmStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static TmStore *
new_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  TmStore *store;

  *dir = tm_test_make_data_dir ();
  store = tm_store_open (*dir, &error);
  g_assert_no_error (error);
  return store;
}

static void
assert_same_files (const char *a,
                   const char *b)
{
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      g_autofree char *path_a = g_build_filename (a, tm_table_get_info (t)->file, NULL);
      g_autofree char *path_b = g_build_filename (b, tm_table_get_info (t)->file, NULL);
      g_autoptr(GBytes) bytes_a = tm_test_read_file (path_a);
      g_autoptr(GBytes) bytes_b = tm_test_read_file (path_b);

      tm_test_assert_bytes_equal (bytes_a, bytes_b);
    }
}

static gboolean
has_problem (TmCsvImport *import,
             const char  *text)
{
  GPtrArray *problems = tm_csv_import_get_problems (import);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_problem (TmCsvImport *import,
                const char  *text)
{
  if (!has_problem (import, text))
    {
      GPtrArray *problems = tm_csv_import_get_problems (import);
      GString *all = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (all, "\n  %s", (const char *) problems->pdata[i]);
      g_error ("No problem says “%s”; the problems were:%s", text, all->str);
    }
}

/* Export, import into an empty folder, export again: the same bytes. */
static void
test_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *out = tm_test_make_data_dir ();   /* exports go outside the data folder */
  g_autofree char *first = g_build_filename (out, "export-1", NULL);
  g_autofree char *second = g_build_filename (out, "export-2", NULL);
  g_autofree char *first_created = NULL;
  guint n_twin_prompts = 0;
  TmCsvSummary summary;

  record = tm_demo_record_new (today, TM_DEMO_DAYS);
  g_assert_true (tm_demo_fill_store (store, record, &error));
  /* Two sessions logged for the same moment are two sessions. */
  {
    g_autoptr(TmSession) first_session = g_list_model_get_item (tm_store_get_sessions (store), 0);
    g_autoptr(TmSession) twin = tm_session_copy (first_session);
    g_autofree char *sql = NULL;

    twin->id = 0;
    g_assert_true (tm_store_save_session (store, twin, &error));
    /* What the application does after a save: the rules, and their
     * prompts recorded. The file then holds every prompt due, and an
     * import raises none. */
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GPtrArray) prompts = NULL;

      prompts = tm_store_check_safety (store, TM_SOURCE_SESSION, twin, now, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < prompts->len; i++)
        {
          g_autoptr(TmSafetyEvent) event = tm_safety_event_new_for_prompt (prompts->pdata[i],
                                                                           "2026-01-02T03:04:10Z");

          g_assert_true (tm_store_add_safety_event (store, event, &error));
        }
      n_twin_prompts = prompts->len;
    }
    sql = g_strdup_printf ("UPDATE session SET created_at = '2026-01-02T03:04:05Z' WHERE id = %" G_GINT64_FORMAT ";"
                           /* A prompt about the first of the two stays about it. */
                           "INSERT INTO safety_event (rule, level, source, source_id, shown_at)"
                           " VALUES ('S2', 'caution', 'session', %" G_GINT64_FORMAT ", '2026-01-02T03:04:06Z')",
                           twin->id, first_session->id);
    first_created = g_strdup (first_session->created_at);
    /* A number with all its digits comes back with all of them. */
    g_assert_cmpint (sqlite3_exec (tm_store_get_db (store),
                                   "UPDATE checkin SET sleep_hours = 7.123456789012345"
                                   " WHERE id = (SELECT min(id) FROM checkin)", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (tm_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_true (tm_store_export_csv (store, first, &error));
  g_assert_no_error (error);
  /* Numbers as short as they read back: 6.8, not 6.7999999999999998. */
  {
    g_autofree char *path = g_build_filename (first, "checkins.csv", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "7.123456789012345,"));
    g_assert_null (strstr (contents, "0000000"));
    g_assert_null (strstr (contents, "9999999"));
  }

  other = new_store (&other_dir);
  g_assert_true (tm_csv_import_read_dir (import, first, &error));
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added[TM_TABLE_CHECKINS], ==, record->checkins->len);
  g_assert_cmpuint (summary.added[TM_TABLE_SESSIONS], ==, record->sessions->len + 1);
  g_assert_cmpuint (summary.added[TM_TABLE_SAFETY_EVENTS], ==, record->events->len + 1 + n_twin_prompts);
  g_assert_cmpuint (n_twin_prompts, >, 0);
  g_assert_cmpuint (summary.raised, ==, 0);
  g_assert_cmpint (count_rows (other, "safety_event WHERE source_id IS NULL"), ==, 0);
  {
    g_autofree char *about_first = g_strdup_printf ("safety_event e JOIN session s ON s.id = e.source_id"
                                                    " WHERE e.shown_at = '2026-01-02T03:04:06Z'"
                                                    " AND s.created_at = '%s'", first_created);

    g_assert_cmpint (count_rows (other, about_first), ==, 1);
  }
  g_assert_cmpint (count_rows (other, "checkin WHERE sleep_hours = 7.123456789012345"), ==, 1);

  g_assert_true (tm_store_export_csv (other, second, &error));
  assert_same_files (first, second);

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

static void
save_checkin (TmStore    *store,
              const char *day,
              int         mood,
              const char *note)
{
  g_autoptr(TmCheckin) c = tm_checkin_new (day);
  g_autoptr(GError) error = NULL;

  c->mood = mood;
  tm_checkin_set_note (c, note);
  g_assert_true (tm_store_save_checkin (store, c, &error));
  g_assert_no_error (error);
}

/* A day already there is kept, or replaced, as chosen. */
static void
test_conflicts (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *export = g_build_filename (out, "export", NULL);
  g_autofree char *path = g_build_filename (export, "checkins.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(TmCheckin) c = NULL;
  TmCsvSummary summary;

  save_checkin (store, "2026-03-01", 4, "Mine");
  save_checkin (store, "2026-03-02", 6, NULL);
  g_assert_true (tm_store_export_csv (store, export, &error));

  /* The file now says mood 9 for 1 March. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  {
    g_autoptr(GString) changed = g_string_new (contents);

    g_string_replace (changed, "\"2026-03-01\",4,", "\"2026-03-01\",9,", 1);
    g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
  }

  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    g_assert_true (tm_csv_import_read_dir (import, export, &error));
    g_assert_cmpuint (tm_csv_import_count_conflicts (import, store), ==, 2);
    g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_cmpuint (summary.kept[TM_TABLE_CHECKINS], ==, 2);
    c = tm_store_get_checkin (store, "2026-03-01", &error);
    g_assert_cmpint (c->mood, ==, 4);
    g_clear_object (&c);
  }
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    g_assert_true (tm_csv_import_read_dir (import, export, &error));
    g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_REPLACE, &summary, &error));
    g_assert_cmpuint (summary.replaced[TM_TABLE_CHECKINS], ==, 2);
    c = tm_store_get_checkin (store, "2026-03-01", &error);
    g_assert_cmpint (c->mood, ==, 9);
    g_assert_cmpstr (c->note, ==, "Mine");
  }
  g_assert_cmpint (count_rows (store, "checkin"), ==, 2);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* An import binds each row to the same statements: a row's empty fields
 * are empty in the data file, whatever the row before held, on the way in
 * as on the way to replace a record. Exported again, the file is the same
 * to the byte. */
static void
test_each_row_its_own (void)
{
  static const char file[] =
    "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\",\"note\","
    "\"created_at\",\"updated_at\",\"red_flags\",\"self_harm\",\"discuss\"\r\n"
    "\"2026-03-01\",3,4,5,6.8,2,7,\"a, \"\"quoted\"\" note\",\"2026-03-01T20:00:00Z\",\"2026-03-02T08:00:00Z\",1,0,1\r\n"
    "\"2026-03-02\",4,,,,0,,,\"2026-03-02T20:00:00Z\",\"2026-03-02T20:00:00Z\",0,,0\r\n"
    "\"2026-03-03\",5,1,2,7,64,10,\"x\",\"2026-03-03T20:00:00Z\",\"2026-03-03T20:00:00Z\",32,1,0\r\n"
    "\"2026-03-04\",6,,,,0,,,\"2026-03-04T20:00:00Z\",\"2026-03-04T21:00:00Z\",0,,1\r\n"
    "\"2026-03-05\",7,2,,8.25,1,0,,\"2026-03-05T20:00:00Z\",\"2026-03-05T20:00:00Z\",0,0,0\r\n"
    "\"2026-03-06\",8,,9,,0,,\"last\",\"2026-03-06T20:00:00Z\",\"2026-03-06T20:00:00Z\",0,,0\r\n";
  g_autofree char *dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (out, "checkins.csv", NULL);
  g_autoptr(GBytes) given = g_bytes_new_static (file, strlen (file));
  g_autoptr(GBytes) written = NULL;
  TmCsvSummary summary;

  /* Days 2, 4 and 6 are there already, full where the file is empty. */
  for (int day = 2; day <= 6; day += 2)
    {
      g_autofree char *text = g_strdup_printf ("2026-03-0%d", day);
      g_autoptr(TmCheckin) c = tm_checkin_new (text);

      c->mood = 1;
      c->anxiety = 9;
      c->energy = 9;
      c->sleep_hours = 9;
      c->effects = 4;
      c->effects_intensity = 9;
      c->red_flags = 2;
      c->self_harm = 1;
      tm_checkin_set_note (c, "there before");
      g_assert_true (tm_store_save_checkin (store, c, &error));
      g_assert_no_error (error);
    }

  g_assert_true (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", file, strlen (file)));
  g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_REPLACE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added[TM_TABLE_CHECKINS], ==, 3);
  g_assert_cmpuint (summary.replaced[TM_TABLE_CHECKINS], ==, 3);

  g_assert_true (tm_store_export_csv (store, out, &error));
  g_assert_no_error (error);
  written = tm_test_read_file (path);
  tm_test_assert_bytes_equal (written, given);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* One bad row among good ones: nothing stored. And a failure while
 * storing takes back what was already stored. */
static void
test_all_or_nothing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (dir, "incoming", NULL);
  g_autofree char *checkins = g_build_filename (folder, "checkins.csv", NULL);
  g_autofree char *sessions = g_build_filename (folder, "sessions.csv", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (checkins,
                                      CHECKIN_HEADER
                                      "\"2026-04-01\",5,,,,0,,,\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n"
                                      "\"2026-04-02\",6,,,,0,,,\"2026-04-02T20:00:00Z\",\"2026-04-02T20:00:00Z\"\r\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (sessions,
                                      "\"taken_at\",\"dose_mg\",\"route\",\"setting\",\"monitor_present\","
                                      "\"mood_before\",\"dissociation_peak\",\"effects\",\"effects_minutes\","
                                      "\"nausea\",\"sedation\",\"bp_before_sys\",\"bp_before_dia\","
                                      "\"bp_after_sys\",\"bp_after_dia\",\"other_medicines\",\"note\","
                                      "\"created_at\",\"updated_at\"\r\n"
                                      "\"2026-04-01T10:00:00Z\",5000,\"nasal\",\"home\",1,,,0,,,,,,,,0,,"
                                      "\"2026-04-01T10:00:00Z\",\"2026-04-01T10:00:00Z\"\r\n",
                                      -1, NULL));

  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    TmCsvSummary summary;

    g_assert_true (tm_csv_import_read_dir (import, folder, &error));
    assert_problem (import, "sessions.csv:2: dose_mg “5000” is not a number above 0 and at most 1000");
    assert_problem (import, "sessions.csv:2: route “nasal” is not one of");
    /* The good file was read, but storing it is refused: nothing stored. */
    g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 2);
    g_assert_false (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "sessions.csv:2:"));
    g_clear_error (&error);
    g_assert_cmpint (count_rows (store, "checkin"), ==, 0);
  }

  /* Good files, and a store that refuses writes half-way: nothing kept. */
  g_assert_cmpint (g_unlink (sessions), ==, 0);
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    TmCsvSummary summary;

    g_assert_true (tm_csv_import_read_dir (import, folder, &error));
    g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
    g_assert_cmpint (sqlite3_exec (tm_store_get_db (store),
                                   "CREATE TRIGGER refuse BEFORE INSERT ON checkin WHEN NEW.day = '2026-04-02'"
                                   " BEGIN SELECT RAISE (ABORT, 'refused'); END;", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_false (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_assert_cmpint (count_rows (store, "checkin"), ==, 0);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static void
import_folder (TmStore      *store,
               const char   *folder,
               TmConflict    conflict,
               TmCsvSummary *summary)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (store, import, conflict, summary, &error));
  g_assert_no_error (error);
}

static char *
query_text (TmStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* An imported record is checked by the same rules as a saved one: its
 * prompts are recorded as raised on import (nobody saw them), once, never
 * beside one the file already has, and in the order the records were
 * made, so that each rule sees the history before it. */
static void
test_import_raises_prompts (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-02");
  g_autoptr(TmSession) session = tm_session_new ();
  g_autofree char *out = tm_test_make_data_dir ();   /* exports go outside the data folder */
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *with_prompt = g_build_filename (out, "export-with-prompt", NULL);
  g_autofree char *text = NULL;
  TmCsvSummary summary;

  /* Made here through the store alone, which runs no rules: a plan of
   * 50 mg and a session of 75 mg on its first day; a week of low mood
   * after four good weeks; a check-in with effects far from the dose. */
  plan->interval_days = 14;
  plan->dose_mg = 50;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  tm_session_set_taken_at (session, "2026-03-02T10:00:00+01:00");
  session->dose_mg = 75;
  session->monitor_present = TRUE;
  g_assert_true (tm_store_save_session (store, session, &error));
  for (int i = 0; i < 35; i++)
    {
      g_autofree char *day = tm_day_add ("2026-03-03", i);
      g_autoptr(TmCheckin) c = tm_checkin_new (day);

      c->mood = i < 28 ? 7 : 3;
      if (i == 10)
        c->effects = TM_EFFECT_UNREAL;
      g_assert_true (tm_store_save_checkin (store, c, &error));
    }
  g_assert_cmpint (count_rows (store, "safety_event"), ==, 0);
  g_assert_true (tm_store_export_csv (store, folder, &error));

  other = new_store (&other_dir);
  import_folder (other, folder, TM_CONFLICT_KEEP, &summary);
  text = tm_csv_summary_describe (&summary);
  g_assert_nonnull (strstr (text, "3 safety prompts raised; see History, Safety."));
  g_clear_pointer (&text, g_free);

  /* The dose above the plan: S3, once, about that session, at its time. */
  g_assert_cmpint (count_rows (other, "safety_event WHERE rule = 'S3'"), ==, 1);
  g_assert_cmpint (count_rows (other, "safety_event e JOIN session s ON s.id = e.source_id"
                                      " WHERE e.rule = 'S3' AND e.source = 'session' AND e.level = 'caution'"
                                      " AND e.answer = 'imported' AND e.answered_at IS NULL"
                                      " AND julianday(e.shown_at) = julianday(s.taken_at)"), ==, 1);
  text = query_text (other, "SELECT detail FROM safety_event WHERE rule = 'S3'");
  g_assert_cmpstr (text, ==, "dose above the plan; 75 mg taken; plan 50 mg every 14 days");
  g_clear_pointer (&text, g_free);
  /* Effects away from a dose: S2, with no intensity in its words. */
  text = query_text (other, "SELECT detail FROM safety_event WHERE rule = 'S2'");
  g_assert_cmpstr (text, ==, "check-in of 2026-03-13; effects: Surroundings felt unreal");
  g_clear_pointer (&text, g_free);
  /* Mood falling: raised on the first day it holds, then quiet for a
   * week, as it would have been when the check-ins were saved one by one. */
  g_assert_cmpint (count_rows (other, "safety_event WHERE rule = 'S6'"), ==, 1);
  text = query_text (other, "SELECT c.day FROM safety_event e JOIN checkin c ON c.id = e.source_id"
                            " WHERE e.rule = 'S6'");
  g_assert_cmpstr (text, ==, "2026-04-03");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (count_rows (other, "safety_event"), ==, 3);

  /* Imported again, kept or replaced: not raised twice. */
  import_folder (other, folder, TM_CONFLICT_KEEP, &summary);
  import_folder (other, folder, TM_CONFLICT_REPLACE, &summary);
  g_assert_cmpint (count_rows (other, "safety_event"), ==, 3);
  text = tm_csv_summary_describe (&summary);
  g_assert_null (strstr (text, "raised"));
  g_clear_pointer (&text, g_free);

  /* A prompt the file already has, shown and answered where the file was
   * made, is the one kept: none is raised beside it. */
  {
    g_autoptr(TmSafetyEvent) event = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);
    g_autofree char *third_dir = NULL;
    g_autoptr(TmStore) third = NULL;

    event->rule = TM_RULE_S3;
    event->level = TM_LEVEL_CAUTION;
    event->source = TM_SOURCE_SESSION;
    event->source_id = session->id;
    event->shown_at = g_strdup ("2026-03-02T09:30:00Z");
    event->answered_at = g_strdup ("2026-03-02T09:31:00Z");
    event->answer = g_strdup ("contact-clinician");
    /* As an older Tidemark worded it. */
    event->detail = g_strdup ("dose above the plan; 75 mg taken; plan 50 mg every 14 days; old words");
    g_assert_true (tm_store_add_safety_event (store, event, &error));
    g_assert_true (tm_store_export_csv (store, with_prompt, &error));

    third = new_store (&third_dir);
    import_folder (third, with_prompt, TM_CONFLICT_KEEP, &summary);
    g_assert_cmpint (count_rows (third, "safety_event WHERE rule = 'S3'"), ==, 1);
    g_assert_cmpint (count_rows (third, "safety_event WHERE rule = 'S3' AND answer = 'contact-clinician'"), ==, 1);
    g_assert_cmpint (count_rows (third, "safety_event"), ==, 3);
    g_clear_object (&third);
    tm_test_remove_tree (third_dir);
  }

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (out);
  tm_test_remove_tree (dir);
}

/* The corpus: each file, read as checkins.csv, and what must be said. */
static void
test_corpus (void)
{
  static const struct { const char *file; const char *problems[3]; } corpus[] = {
    { "wrong-header.csv", { "checkins.csv:1: the first line must name the columns day,mood,anxiety" } },
    { "missing-column.csv", { "checkins.csv:2: 9 fields where there should be 10" } },
    { "extra-column.csv", { "checkins.csv:2: 11 fields where there should be 10" } },
    { "bad-dates.csv", { "checkins.csv:2: day “2026-13-05” is no such day: a year has 12 months",
                         "checkins.csv:3: created_at “yesterday” is not a date and time" } },
    { "out-of-range.csv", { "checkins.csv:2: mood “11” is not a whole number from 0 to 10",
                            "checkins.csv:3: anxiety “-1” is not a whole number from 0 to 10",
                            "checkins.csv:3: sleep_hours “25” is not a number from 0 to 24" } },
    { "invalid-utf8.csv", { "checkins.csv:2: note is not valid UTF-8 text" } },
    { "embedded-nul.csv", { "checkins.csv:2: a field holds a NUL character" } },
    { "unbalanced-quotes.csv", { "checkins.csv:2: the CSV is malformed here" } },
    { "unterminated-quote.csv", { "checkins.csv:2: the CSV is malformed here" } },
    { "multiline-then-bad.csv", { "checkins.csv:4: mood “oops” is not a whole number" } },
    { "empty.csv", { "checkins.csv:1: the file is empty" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "csv", corpus[i].file, NULL);
      g_autoptr(GBytes) bytes = tm_test_read_file (path);
      g_autoptr(TmCsvImport) import = tm_csv_import_new ();
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      g_test_message ("%s", corpus[i].file);
      g_assert_false (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", data != NULL ? data : "",
                                           length));
      for (guint p = 0; p < G_N_ELEMENTS (corpus[i].problems) && corpus[i].problems[p] != NULL; p++)
        assert_problem (import, corpus[i].problems[p]);
    }

  /* The multi-line note before the bad row was read as it was written. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "csv", "multiline-then-bad.csv", NULL);
    g_autoptr(GBytes) bytes = tm_test_read_file (path);
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    gsize length;
    const char *data = g_bytes_get_data (bytes, &length);

    tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", data, length);
    g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 1);
  }
}

/* A 10 MB field, and 100,000 rows with a bad one at the end. */
static void
test_large_files (void)
{
  {
    GString *csv = g_string_new (CHECKIN_HEADER "\"2026-04-01\",5,,,,0,,\"");
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    g_autofree char *kibibyte = g_strnfill (1024, 'x');

    /* Ten mebibytes of one letter, pasted by mistake. */
    for (int i = 0; i < 10 * 1024; i++)
      g_string_append_len (csv, kibibyte, 1024);
    g_string_append (csv, "\",\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n");
    g_assert_false (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", csv->str, csv->len));
    assert_problem (import, "checkins.csv:2: note is 10485760 characters long; at most 10000 fit");
    g_string_free (csv, TRUE);
  }

  {
    GString *csv = g_string_new (CHECKIN_HEADER);
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    for (int i = 0; i < 100000; i++)
      {
        g_autofree char *day = tm_day_add ("1750-01-01", i);

        g_string_append_printf (csv, "\"%s\",%d,,,,0,,,\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n",
                                day, i % 11);
      }
    g_string_append (csv, "\"2026-04-01\",5,,,,0,,,\"2026-04-01T20:00:00Z\"\r\n");
    g_assert_false (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", csv->str, csv->len));
    g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 100000);
    g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 1);
    assert_problem (import, "checkins.csv:100002: 9 fields where there should be 10");
    g_string_free (csv, TRUE);
  }

  /* A flood of bad rows stops at the limit. */
  {
    GString *csv = g_string_new (CHECKIN_HEADER);
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    for (int i = 0; i < 1000; i++)
      g_string_append (csv, "\"nonsense\",99,,,,0,,,\"x\",\"y\"\r\n");
    g_assert_false (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", csv->str, csv->len));
    /* The limit's problems, then a line that says reading stopped there. */
    g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, TM_CSV_MAX_PROBLEMS + 1);
    g_assert_true (tm_csv_import_stopped_early (import));
    assert_problem (import, "Tidemark stopped reading after 50 problems; there may be more.");
    g_string_free (csv, TRUE);
  }
}

/* Hostile notes: stored exactly as given, and back out of a CSV the same;
 * or, when too long, refused with a sentence. */
static void
test_hostile_notes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *export = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  static const char * const notes[] = {
    "'); DROP TABLE checkin; --",
    "Robert\"); DELETE FROM session WHERE (\"1\"=\"1",
    "مرحبا، اليوم كان جيدا",                 /* right to left */
    "שלום 123 עולם",                        /* mixed directions */
    "🌊🙂 calmer today 👍🏽",
    "tab\there\x01\x1b[31mred\x7f and a\r\nline break",
    "\"quoted\", with commas, and \"\" doubled",
  };
  TmCsvSummary summary;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *day = tm_day_add ("2026-05-01", (int) i);
      g_autoptr(TmCheckin) back = NULL;

      save_checkin (store, day, 5, notes[i]);
      back = tm_store_get_checkin (store, day, &error);
      g_assert_cmpstr (back->note, ==, notes[i]);
    }

  /* A megabyte of text: refused, and nothing changed. */
  {
    g_autoptr(TmCheckin) c = tm_checkin_new ("2026-06-01");
    GString *megabyte = g_string_new (NULL);

    while (megabyte->len < 1024 * 1024)
      g_string_append (megabyte, "word ");
    c->mood = 5;
    tm_checkin_set_note (c, megabyte->str);
    g_assert_false (tm_store_save_checkin (store, c, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "the limit is 10000"));
    g_clear_error (&error);
    g_string_free (megabyte, TRUE);
  }
  g_assert_cmpint (count_rows (store, "checkin"), ==, G_N_ELEMENTS (notes));

  export = g_build_filename (out, "export", NULL);
  g_assert_true (tm_store_export_csv (store, export, &error));
  other = new_store (&other_dir);
  g_assert_true (tm_csv_import_read_dir (import, export, &error));
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *day = tm_day_add ("2026-05-01", (int) i);
      g_autoptr(TmCheckin) back = tm_store_get_checkin (other, day, &error);

      g_assert_cmpstr (back->note, ==, notes[i]);
    }
  /* The tables are all still there. */
  g_assert_cmpint (count_rows (other, "session"), ==, 0);

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

#define SESSION_HEADER "\"taken_at\",\"dose_mg\",\"route\",\"setting\",\"monitor_present\"," \
                       "\"mood_before\",\"dissociation_peak\",\"effects\",\"effects_minutes\"," \
                       "\"nausea\",\"sedation\",\"bp_before_sys\",\"bp_before_dia\"," \
                       "\"bp_after_sys\",\"bp_after_dia\",\"other_medicines\",\"note\"," \
                       "\"created_at\",\"updated_at\"\r\n"
#define SESSION_ROW(taken_at, dose, created_at) \
  "\"" taken_at "\"," dose ",\"oral\",\"home\",1,,,0,,,,,,,,0,,\"" created_at "\",\"2026-04-01T12:00:00Z\"\r\n"

/* What only the data file's CHECKs used to catch, and what would print
 * other than stored: each row refused while reading, with file:line, so
 * nothing is copied or written (the import never reaches the store). */
static void
test_refused_before_storing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (dir, "incoming", NULL);
  g_autofree char *sessions = g_build_filename (folder, "sessions.csv", NULL);
  g_autofree char *checkins = g_build_filename (folder, "checkins.csv", NULL);
  g_autofree char *plans = g_build_filename (folder, "plans.csv", NULL);
  g_autofree char *questionnaires = g_build_filename (folder, "questionnaires.csv", NULL);
  g_autoptr(GDir) data_dir = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (sessions,
                                      SESSION_HEADER
                                      SESSION_ROW ("2026-04-01T23:59:60+02:00", "50", "2026-04-01T12:00:00Z")
                                      SESSION_ROW ("2026-04-01T10:00:00+24:00", "50", "2026-04-01T12:00:00Z")
                                      SESSION_ROW ("2026-04-01T10:00:00+02:00", "0.004", "2026-04-01T12:00:00Z")
                                      SESSION_ROW ("2026-04-01T10:00:00+01:07", "50", "2026-04-01T12:00:00Z")
                                      SESSION_ROW ("2026-04-01T10:00:00-13:00", "50", "2026-04-01T12:00:00Z")
                                      SESSION_ROW ("2026-04-01T10:00:00+02:00", "37.456", "2026-04-01T12:00:00Z")
                                      SESSION_ROW ("2026-04-01T10:00:00+02:00", "50", "9999-12-31T23:59:59-12:00")
                                      SESSION_ROW ("2026-04-01T10:00:00+02:00", "37.5", "2026-04-01T12:00:00Z"),
                                      -1, NULL));
  g_assert_true (g_file_set_contents (checkins,
                                      CHECKIN_HEADER
                                      "\"2026-04-01\",5,,,,0,,,\"2026-04-01T23:59:60Z\",\"2026-04-01T20:00:00Z\"\r\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (plans,
                                      "\"effective_from\",\"interval_days\",\"dose_mg\",\"route\",\"tolerance_days\","
                                      "\"instructions\",\"author\",\"created_at\"\r\n"
                                      "\"2026-04-01\",14,0.001,\"oral\",2,,,\"2026-04-01T09:00:00Z\"\r\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (questionnaires,
                                      "\"kind\",\"day\",\"answers\",\"difficulty\",\"total\",\"created_at\"\r\n"
                                      "\"gad7\",\"2026-04-01\",\"0123012\",,9,\"2026-04-01T09:00:00+14:30\"\r\n",
                                      -1, NULL));

  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_no_error (error);
  assert_problem (import, "sessions.csv:2: taken_at “2026-04-01T23:59:60+02:00” is not a date and time");
  assert_problem (import, "sessions.csv:3: taken_at “2026-04-01T10:00:00+24:00” is not a date and time");
  assert_problem (import, "sessions.csv:4: The dose must be at least 0.01 mg");
  assert_problem (import, "sessions.csv:5: taken_at “2026-04-01T10:00:00+01:07” is not a date and time");
  assert_problem (import, "sessions.csv:6: taken_at “2026-04-01T10:00:00-13:00” is not a date and time");
  assert_problem (import, "sessions.csv:7: Write the dose with at most two decimals");
  assert_problem (import, "sessions.csv:8: created_at “9999-12-31T23:59:59-12:00” is not a date and time");
  assert_problem (import, "checkins.csv:2: created_at “2026-04-01T23:59:60Z” is not a date and time");
  assert_problem (import, "plans.csv:2: The dose must be at least 0.01 mg");
  assert_problem (import, "questionnaires.csv:2: created_at “2026-04-01T09:00:00+14:30” is not a date and time");
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 10);
  /* The good session was read; with the others refused, nothing is stored. */
  g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_SESSIONS), ==, 1);

  /* Nothing stored, and no copy made: the data folder is as it was. */
  g_assert_cmpint (count_rows (store, "session"), ==, 0);
  g_assert_cmpint (count_rows (store, "checkin"), ==, 0);
  data_dir = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (data_dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "tidemark-backup-"));

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static void
set_time_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

/* A person's own export always imports back: made on the far side of the
 * date line (Kiribati, UTC+14), where "today" is tomorrow in American
 * Samoa (UTC-11), and read there. */
static void
test_import_across_time_zones (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *export = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmStore) other = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *kiribati_today = NULL;
  g_autofree char *samoa_today = NULL;
  g_autofree char *taken_at = NULL;
  TmCsvSummary summary;

  set_time_zone ("Pacific/Kiritimati");
  store = new_store (&dir);
  kiribati_today = tm_day_today ();
  save_checkin (store, kiribati_today, 6, "Made in Kiribati");
  {
    g_autoptr(TmSession) s = tm_session_new ();
    g_autoptr(TmQuestionnaire) q = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, kiribati_today);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    s->taken_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
    g_assert_true (g_str_has_suffix (s->taken_at, "+14:00"));
    taken_at = g_strdup (s->taken_at);
    s->dose_mg = 50;
    g_assert_true (tm_store_save_session (store, s, &error));
    g_assert_no_error (error);
    g_assert_true (tm_questionnaire_set_answers_text (q, "0120120"));
    g_assert_true (tm_store_save_questionnaire (store, q, &error));
    g_assert_no_error (error);
  }
  out = tm_test_make_data_dir ();   /* exports go outside the data folder */
  export = g_build_filename (out, "export", NULL);
  g_assert_true (tm_store_export_csv (store, export, &error));

  set_time_zone ("Pacific/Pago_Pago");
  samoa_today = tm_day_today ();
  g_assert_cmpint (tm_day_diff (samoa_today, kiribati_today), >=, 1);
  other = new_store (&other_dir);
  g_assert_true (tm_csv_import_read_dir (import, export, &error));
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (other, "checkin"), ==, 1);
  g_assert_cmpint (count_rows (other, "session"), ==, 1);
  g_assert_cmpint (count_rows (other, "questionnaire"), ==, 1);

  /* The time of the session is kept as written there, offset and all. */
  {
    g_autoptr(TmSession) back = g_list_model_get_item (tm_store_get_sessions (other), 0);
    g_autofree char *again = g_build_filename (out, "again", NULL);
    g_autofree char *path = g_build_filename (again, "sessions.csv", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *field = g_strdup_printf ("\"%s\"", taken_at);

    g_assert_cmpstr (back->taken_at, ==, taken_at);
    g_assert_true (tm_store_export_csv (other, again, &error));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, field));
  }

  set_time_zone ("Europe/Berlin");
  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (out);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
}

/* A field quoted in a problem is cut to 80 characters and shows its
 * control characters as escapes, so a hostile file can't clear or
 * recolour a terminal, or turn a line around; a day that is written right
 * but isn't in the calendar says so. */
static void
test_quoted_fields (void)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autofree char *long_field = g_strnfill (500, 'x');
  g_autofree char *eighty = g_strnfill (80, 'x');
  g_autofree char *csv = g_strconcat (CHECKIN_HEADER,
                                      "\"\x1b[2J\",5,,,,0,,,\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n",
                                      "\"2026-04-01\",\"", long_field, "\",,,,0,,,\"2026-04-01T20:00:00Z\","
                                      "\"2026-04-01T20:00:00Z\"\r\n",
                                      "\"2026-02-30\",5,,,,0,,,\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n",
                                      "\"2026-04-02\",5,\"1\xe2\x80\xae" "0\",,,0,,,\"2026-04-01T20:00:00Z\","
                                      "\"2026-04-01T20:00:00Z\"\r\n",
                                      "\"2026-04-03\",5,,,,0,,,\"2026-04-03T20:00:00Z\xc2\x9b" "31m\",\"2026-04-03T20:00:00Z\"\r\n",
                                      NULL);
  g_autofree char *cut = g_strdup_printf ("checkins.csv:3: mood “%s…” is not a whole number from 0 to 10", eighty);
  GPtrArray *problems;

  g_assert_false (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", csv, strlen (csv)));
  assert_problem (import, "checkins.csv:2: day “\\x1B[2J” is not a day written YYYY-MM-DD");
  assert_problem (import, cut);
  assert_problem (import, "checkins.csv:4: day “2026-02-30” is no such day: February 2026 has 28 days");
  assert_problem (import, "checkins.csv:5: anxiety “1\\u202E0” is not a whole number from 0 to 10");
  assert_problem (import, "checkins.csv:6: created_at “2026-04-03T20:00:00Z\\u009B31m” is not a date and time");

  problems = tm_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 5);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = problems->pdata[i];

      g_assert_true (g_utf8_validate (problem, -1, NULL));
      for (const char *p = problem; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_assert_false (g_unichar_iscntrl (c));
          g_assert_false (c >= 0x202A && c <= 0x202E);
        }
      g_assert_cmpint (g_utf8_strlen (problem, -1), <, 200);
    }
}

static void
test_missing_folder (void)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_data_dir ();

  g_assert_false (tm_csv_import_read_dir (import, "/nonexistent/tidemark-export", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tm_csv_import_read_dir (import, dir, &error));
  g_assert_nonnull (strstr (error->message, "holds none of the files"));
  tm_test_remove_tree (dir);
}

/* The same day twice in a file is refused with where; a byte order mark
 * (a spreadsheet's "CSV UTF-8") is not part of the header. */
static void
test_duplicates_and_bom (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvImport) twice = tm_csv_import_new ();
  g_autoptr(TmCsvImport) bom = tm_csv_import_new ();
  static const char rows[] =
    "\"2026-04-01\",5,,,,0,,,\"2026-04-01T20:00:00Z\",\"2026-04-01T20:00:00Z\"\r\n"
    "\"2026-04-02\",6,,,,0,,,\"2026-04-02T20:00:00Z\",\"2026-04-02T20:00:00Z\"\r\n";
  g_autofree char *doubled = g_strconcat (CHECKIN_HEADER, rows, rows, NULL);
  g_autofree char *marked = g_strconcat ("\xEF\xBB\xBF", CHECKIN_HEADER, rows, NULL);
  TmCsvSummary summary;

  /* Found while reading, before anything is copied or written. */
  g_assert_false (tm_csv_import_parse (twice, TM_TABLE_CHECKINS, "checkins.csv", doubled, strlen (doubled)));
  assert_problem (twice, "checkins.csv:4: this row has the same day as line 2; keep one of them");
  assert_problem (twice, "checkins.csv:5: this row has the same day as line 3; keep one of them");
  g_assert_cmpuint (tm_csv_import_get_problems (twice)->len, ==, 2);
  g_assert_cmpint (count_rows (store, "checkin"), ==, 0);
  {
    g_autoptr(TmCsvImport) sessions = tm_csv_import_new ();
    static const char same_sessions[] =
      SESSION_HEADER
      SESSION_ROW ("2026-04-01T10:00:00+02:00", "50", "2026-04-01T12:00:00Z")
      SESSION_ROW ("2026-04-01T10:00:00+02:00", "50", "2026-04-01T12:00:01Z")
      SESSION_ROW ("2026-04-01T10:00:00+02:00", "60", "2026-04-01T12:00:00Z");

    g_assert_false (tm_csv_import_parse (sessions, TM_TABLE_SESSIONS, "sessions.csv", same_sessions,
                                         strlen (same_sessions)));
    assert_problem (sessions, "sessions.csv:4: this row has the same taken_at and created_at as line 2; keep one "
                              "of them");
    g_assert_cmpuint (tm_csv_import_get_problems (sessions)->len, ==, 1);
  }

  g_assert_true (tm_csv_import_parse (bom, TM_TABLE_CHECKINS, "checkins.csv", marked, strlen (marked)));
  g_assert_cmpuint (tm_csv_import_get_problems (bom)->len, ==, 0);
  g_assert_true (tm_store_import_csv (store, bom, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_cmpint (count_rows (store, "checkin"), ==, 2);
  tm_test_remove_tree (dir);
}

/* The rules of DESIGN.md's "Clinically right" run on both paths: after a
 * save (tm_store_check_safety, as the prompter calls it) and on import;
 * the same records raise the same prompts. */
static void
test_new_rules_on_both_paths (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-02");
  g_autoptr(TmSession) session = tm_session_new ();
  g_autoptr(TmCheckin) day_before = tm_checkin_new ("2026-03-01");
  g_autoptr(TmCheckin) dose_day = tm_checkin_new ("2026-03-02");
  g_autoptr(GString) live = g_string_new (NULL);
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *imported = NULL;
  TmCsvSummary summary;
  struct { TmSource source; gpointer record; const char *saved_at; } saves[] = {
    { TM_SOURCE_CHECKIN, day_before, "2026-03-01T21:00:00+01:00" },
    { TM_SOURCE_SESSION, session, "2026-03-02T10:30:00+01:00" },
    { TM_SOURCE_CHECKIN, dose_day, "2026-03-02T20:00:00+01:00" },
  };

  plan->interval_days = 14;
  plan->dose_mg = 50;
  g_assert_true (tm_store_add_plan (store, plan, &error));

  /* Mood 0 the day before and on the dose day; the daily question
   * answered yes. A dose at home by another route, nobody there, with a
   * red flag. Frightening effects in the evening of the dose day. */
  day_before->mood = 0;
  day_before->self_harm = 1;
  tm_session_set_taken_at (session, "2026-03-02T10:00:00+01:00");
  session->dose_mg = 50;
  session->route = TM_ROUTE_INTRANASAL;
  session->dissociation_peak = 3;
  session->red_flags = TM_RED_FLAG_FAINTING;
  dose_day->mood = 0;
  dose_day->effects = TM_EFFECT_FRIGHTENING;
  dose_day->red_flags = TM_RED_FLAG_HEAD;

  for (guint i = 0; i < G_N_ELEMENTS (saves); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (saves[i].saved_at, NULL);
      g_autoptr(GPtrArray) prompts = NULL;

      if (saves[i].source == TM_SOURCE_SESSION)
        g_assert_true (tm_store_save_session (store, saves[i].record, &error));
      else
        g_assert_true (tm_store_save_checkin (store, saves[i].record, &error));
      prompts = tm_store_check_safety (store, saves[i].source, saves[i].record, at, &error);
      g_assert_no_error (error);
      for (guint p = 0; p < prompts->len; p++)
        {
          TmSafetyPrompt *prompt = prompts->pdata[p];

          g_string_append_printf (live, "%s%s:%s:%s", live->len > 0 ? " " : "", tm_rule_to_string (prompt->rule),
                                  tm_level_to_string (prompt->level), tm_source_to_string (prompt->source));
        }
    }
  g_assert_cmpstr (live->str, ==,
                   "S4:urgent:checkin "
                   "S1:urgent:session S11:urgent:session S3:caution:session S12:caution:session "
                   "S11:urgent:checkin S6:caution:checkin S13:caution:checkin");

  /* The same records, imported: the same prompts, raised on import. */
  g_assert_true (tm_store_export_csv (store, folder, &error));
  other = new_store (&other_dir);
  import_folder (other, folder, TM_CONFLICT_KEEP, &summary);
  imported = query_text (other, "SELECT group_concat(rule || ':' || level || ':' || source, ' ') FROM"
                                " (SELECT * FROM safety_event WHERE answer = 'imported'"
                                "  ORDER BY julianday(shown_at), CASE level WHEN 'urgent' THEN 0"
                                "  WHEN 'caution' THEN 1 ELSE 2 END, id)");
  g_assert_cmpstr (imported, ==, live->str);

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* The columns of data version 2 are written and read back; the files of
 * version 1, without them, still import: no red flags noted, the daily
 * question not asked. A file with some of the new columns only is neither. */
static void
test_version_2_columns_and_version_1_files (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmCheckin) c = tm_checkin_new ("2026-04-01");
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(TmCheckin) found_checkin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *checkins_path = g_build_filename (folder, "checkins.csv", NULL);
  g_autofree char *sessions_path = g_build_filename (folder, "sessions.csv", NULL);
  g_autofree char *checkins = NULL;
  g_autofree char *sessions = NULL;
  TmCsvSummary summary;

  c->mood = 2;
  c->red_flags = TM_RED_FLAG_CHEST | TM_RED_FLAG_VOMITING;
  c->self_harm = 1;
  g_assert_true (tm_store_save_checkin (store, c, &error));
  tm_session_set_taken_at (s, "2026-04-01T10:00:00+02:00");
  s->dose_mg = 50;
  s->other_medicines = TM_MEDICINE_OPIOID | TM_MEDICINE_ALCOHOL;
  s->red_flags = TM_RED_FLAG_AWAKE;
  g_assert_true (tm_store_save_session (store, s, &error));
  g_assert_no_error (error);

  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_true (g_file_get_contents (checkins_path, &checkins, NULL, NULL));
  g_assert_true (g_file_get_contents (sessions_path, &sessions, NULL, NULL));
  g_assert_true (g_str_has_prefix (checkins, "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\","
                                             "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\","
                                             "\"red_flags\",\"self_harm\",\"discuss\"\r\n"));
  g_assert_nonnull (strstr (checkins, ",36,1,0\r\n"));
  g_assert_nonnull (strstr (sessions, "\"updated_at\",\"red_flags\",\"discuss\",\"monitored_minutes\","
                                      "\"ready_to_leave_minutes\",\"intention\",\"reflection\",\"next_day_note\","
                                      "\"eased\",\"slept_well\",\"fully_alert\",\"lingering\"\r\n"));
  g_assert_nonnull (strstr (sessions, ",48,,"));
  g_assert_true (g_str_has_suffix (sessions, ",2,0,,,,,,,,,\r\n"));

  other = new_store (&other_dir);
  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  found_checkin = tm_store_get_checkin (other, "2026-04-01", &error);
  g_assert_cmpuint (found_checkin->red_flags, ==, TM_RED_FLAG_CHEST | TM_RED_FLAG_VOMITING);
  g_assert_cmpint (found_checkin->self_harm, ==, 1);
  g_assert_cmpint (count_rows (other, "session WHERE other_medicines = 48 AND red_flags = 2"), ==, 1);

  /* A file of version 1. */
  {
    g_autoptr(TmCsvImport) old = tm_csv_import_new ();
    static const char v1_checkins[] =
      CHECKIN_HEADER
      "\"2026-04-02\",5,,,,0,,,\"2026-04-02T20:00:00Z\",\"2026-04-02T20:00:00Z\"\r\n";
    static const char v1_sessions[] =
      SESSION_HEADER
      SESSION_ROW ("2026-04-02T10:00:00+02:00", "50", "2026-04-02T12:00:00Z");
    g_autoptr(TmCheckin) read_back = NULL;

    g_assert_true (tm_csv_import_parse (old, TM_TABLE_CHECKINS, "checkins.csv", v1_checkins,
                                        strlen (v1_checkins)));
    g_assert_true (tm_csv_import_parse (old, TM_TABLE_SESSIONS, "sessions.csv", v1_sessions,
                                        strlen (v1_sessions)));
    g_assert_true (tm_store_import_csv (other, old, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_no_error (error);
    read_back = tm_store_get_checkin (other, "2026-04-02", &error);
    g_assert_cmpuint (read_back->red_flags, ==, 0);
    g_assert_cmpint (read_back->self_harm, ==, TM_UNSET);
    g_assert_cmpint (count_rows (other, "session WHERE taken_at = '2026-04-02T10:00:00+02:00' AND red_flags = 0"),
                     ==, 1);
  }

  /* Half of the new columns; and a red flag out of range. */
  {
    g_autoptr(TmCsvImport) half = tm_csv_import_new ();
    g_autoptr(TmCsvImport) wrong = tm_csv_import_new ();
    static const char half_checkins[] =
      "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\",\"note\","
      "\"created_at\",\"updated_at\",\"red_flags\"\r\n"
      "\"2026-04-03\",5,,,,0,,,\"2026-04-03T20:00:00Z\",\"2026-04-03T20:00:00Z\",0\r\n";
    static const char wrong_checkins[] =
      "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\",\"note\","
      "\"created_at\",\"updated_at\",\"red_flags\",\"self_harm\"\r\n"
      "\"2026-04-03\",5,,,,0,,,\"2026-04-03T20:00:00Z\",\"2026-04-03T20:00:00Z\",64,\r\n"
      "\"2026-04-04\",5,,,,0,,,\"2026-04-04T20:00:00Z\",\"2026-04-04T20:00:00Z\",,1\r\n"
      "\"2026-04-05\",5,,,,0,,,\"2026-04-05T20:00:00Z\",\"2026-04-05T20:00:00Z\",0,2\r\n";

    g_assert_false (tm_csv_import_parse (half, TM_TABLE_CHECKINS, "checkins.csv", half_checkins,
                                         strlen (half_checkins)));
    assert_problem (half, "checkins.csv:1: the first line must name the columns day,mood,anxiety,energy,"
                          "sleep_hours,effects,effects_intensity,note,created_at,updated_at,red_flags,self_harm,"
                          "discuss");
    g_assert_false (tm_csv_import_parse (wrong, TM_TABLE_CHECKINS, "checkins.csv", wrong_checkins,
                                         strlen (wrong_checkins)));
    assert_problem (wrong, "checkins.csv:2: red_flags “64” is not a whole number from 0 to 63");
    assert_problem (wrong, "checkins.csv:3: red_flags “” is not a whole number from 0 to 63");
    assert_problem (wrong, "checkins.csv:4: self_harm “2” is not a whole number from 0 to 1");
  }

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

typedef struct
{
  guint64       last_done;
  guint64       total;
  guint         calls;
  GCancellable *cancel_at_half;
} Reported;

static void
on_progress_cb (guint64  done,
                guint64  total,
                gpointer user_data)
{
  Reported *reported = user_data;

  /* Never backwards, never past the end. */
  g_assert_cmpuint (done, >=, reported->last_done);
  g_assert_cmpuint (done, <=, total);
  reported->last_done = done;
  reported->total = total;
  reported->calls++;
  if (reported->cancel_at_half != NULL && total > 0 && done >= total / 2)
    g_cancellable_cancel (reported->cancel_at_half);
}

/* An import says how far it got; cancelled while storing, or before
 * reading, it stores nothing and says it was cancelled. An export too:
 * cancelled, it leaves the files there as they were. */
static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *export_dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = new_store (&other_dir);
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tm_day_today ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = tm_test_make_data_dir ();   /* exports go outside the data folder */
  Reported reported = { 0 };
  TmProgress progress = { NULL, on_progress_cb, &reported };
  TmCsvSummary summary;
  guint n_records = 0;

  record = tm_demo_record_new (today, TM_DEMO_DAYS);
  g_assert_true (tm_demo_fill_store (store, record, &error));
  export_dir = g_build_filename (out, "export", NULL);
  g_assert_true (tm_store_export_csv (store, export_dir, &error));

  /* Stored whole: the last report is every record. */
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    tm_csv_import_set_progress (import, &progress);
    g_assert_true (tm_csv_import_read_dir (import, export_dir, &error));
    for (int t = 0; t < TM_N_TABLES; t++)
      n_records += tm_csv_import_count_rows (import, t);
    g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (reported.total, ==, n_records);
    g_assert_cmpuint (reported.last_done, ==, n_records);
    g_assert_cmpuint (reported.calls, >, 2);
  }
  g_clear_object (&other);
  tm_test_remove_tree (other_dir);
  g_free (g_steal_pointer (&other_dir));
  other = new_store (&other_dir);

  /* Cancelled half-way through storing: nothing at all. */
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    TmProgress cancelling = { cancellable, on_progress_cb, &reported };

    reported = (Reported) { 0, 0, 0, cancellable };
    tm_csv_import_set_progress (import, &cancelling);
    g_assert_true (tm_csv_import_read_dir (import, export_dir, &error));
    g_assert_false (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpuint (reported.last_done, <, n_records);
    g_assert_cmpint (count_rows (other, "checkin"), ==, 0);
    g_assert_cmpint (count_rows (other, "session"), ==, 0);
    g_assert_cmpint (count_rows (other, "safety_event"), ==, 0);
  }

  /* Cancelled before reading: the files are not read. */
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();
    TmProgress cancelled = { cancellable, NULL, NULL };

    tm_csv_import_set_progress (import, &cancelled);
    g_assert_false (tm_csv_import_read_dir (import, export_dir, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 0);
  }

  /* An export says how far it got; cancelled, the files there stay. */
  {
    g_autoptr(GCancellable) stop = g_cancellable_new ();
    TmProgress exporting = { NULL, on_progress_cb, &reported };
    TmProgress cancelling = { stop, on_progress_cb, &reported };
    g_autofree char *checkins = g_build_filename (export_dir, "checkins.csv", NULL);
    g_autoptr(GBytes) before = tm_test_read_file (checkins);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(TmCheckin) changed = g_list_model_get_item (tm_store_get_checkins (store), 0);

    reported = (Reported) { 0 };
    g_assert_true (tm_store_export_csv_full (store, export_dir, &exporting, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (reported.last_done, ==, reported.total);
    g_assert_cmpuint (reported.total, ==, n_records);

    changed->mood = changed->mood == 0 ? 1 : 0;
    g_assert_true (tm_store_save_checkin (store, changed, &error));
    reported = (Reported) { 0, 0, 0, stop };
    g_assert_false (tm_store_export_csv_full (store, export_dir, &cancelling, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    after = tm_test_read_file (checkins);
    tm_test_assert_bytes_equal (before, after);
  }

  tm_test_remove_tree (dir);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (out);
}

/* A file of data version 4: the blood pressure before and after the dose
 * in the session's own columns. */
#define V4_SESSION_HEADER \
  "\"taken_at\",\"dose_mg\",\"route\",\"setting\",\"monitor_present\",\"mood_before\",\"dissociation_peak\"," \
  "\"effects\",\"effects_minutes\",\"nausea\",\"sedation\",\"bp_before_sys\",\"bp_before_dia\",\"bp_after_sys\"," \
  "\"bp_after_dia\",\"other_medicines\",\"note\",\"created_at\",\"updated_at\",\"red_flags\",\"discuss\"," \
  "\"monitored_minutes\",\"ready_to_leave_minutes\",\"intention\",\"reflection\",\"next_day_note\"\r\n"

/* Readings go out in their own file, naming their session by its key, and
 * come back with it; a file of version 4 brings its blood pressures as
 * readings, as the data file's migration makes them; a reading whose
 * session is nowhere stops the import with a sentence. */
static void
test_session_readings (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(TmSession) twin = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (folder, "session_readings.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  TmCsvSummary summary;

  tm_session_set_taken_at (s, "2026-04-01T10:00:00+02:00");
  s->dose_mg = 50;
  tm_test_add_bp (s, 0, 128, 82);
  tm_test_add_bp (s, 40, 146, 92);
  tm_session_find_reading (s, 40)->pulse = 88;
  tm_session_find_reading (s, 40)->dissociation = 4;
  tm_session_reading_set_note (tm_session_find_reading (s, 40), "Warm, \"floaty\",\nfine.");
  g_assert_true (tm_store_save_session (store, s, &error));
  /* A copy is another session, with readings of its own. */
  twin = tm_session_copy (s);
  twin->id = 0;
  tm_session_set_taken_at (twin, "2026-04-01T18:00:00+02:00");
  tm_session_find_reading (twin, 40)->bp_sys = 150;
  g_assert_true (tm_store_save_session (store, twin, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "session_reading"), ==, 4);

  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  key = g_strdup_printf ("\"%s %s\",40,146,92,88,4,,,\"Warm, \"\"floaty\"\",\nfine.\"", s->taken_at, s->created_at);
  g_assert_true (g_str_has_prefix (text, "\"session_key\",\"minutes_after\",\"bp_sys\",\"bp_dia\",\"pulse\","
                                         "\"dissociation\",\"sedation\",\"nausea\",\"note\",\"created_at\"\r\n"));
  g_assert_nonnull (strstr (text, key));

  other = new_store (&other_dir);
  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  for (guint i = 0; i < tm_csv_import_get_problems (import)->len; i++)
    g_test_message ("%s", (char *) tm_csv_import_get_problems (import)->pdata[i]);
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  back = tm_store_list_sessions (other, NULL, NULL, &error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_true (tm_session_equal_content (back->pdata[0], s) || tm_session_equal_content (back->pdata[1], s));
  g_assert_true (tm_session_equal_content (back->pdata[0], twin) || tm_session_equal_content (back->pdata[1], twin));

  /* Version 4: the blood pressures become readings at 0 and at the end of
   * the monitoring; without one, at 2 hours, saying when was not recorded. */
  {
    g_autoptr(TmCsvImport) old = tm_csv_import_new ();
    static const char v4_sessions[] =
      V4_SESSION_HEADER
      "\"2026-04-05T10:00:00+02:00\",50,\"oral\",\"home\",1,,,0,,,,128,82,141,88,0,,\"2026-04-05T10:05:00Z\","
      "\"2026-04-05T10:05:00Z\",0,0,150,,,,\r\n"
      "\"2026-04-06T10:00:00+02:00\",50,\"oral\",\"home\",1,,,0,,,,,,182,111,0,,\"2026-04-06T10:05:00Z\","
      "\"2026-04-06T10:05:00Z\",0,0,,,,,\r\n";

    g_assert_true (tm_csv_import_parse (old, TM_TABLE_SESSIONS, "sessions.csv", v4_sessions, strlen (v4_sessions)));
    g_assert_true (tm_store_import_csv (other, old, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (other, "session_reading JOIN session ON session.id = session_id WHERE"
                                        " taken_at = '2026-04-05T10:00:00+02:00' AND ((minutes_after = 0 AND"
                                        " bp_sys = 128 AND bp_dia = 82) OR (minutes_after = 150 AND bp_sys = 141"
                                        " AND bp_dia = 88))"), ==, 2);
    g_assert_cmpint (count_rows (other, "session_reading JOIN session ON session.id = session_id WHERE"
                                        " taken_at = '2026-04-06T10:00:00+02:00' AND minutes_after = 120 AND"
                                        " bp_sys = 182 AND session_reading.note LIKE 'Taken after the dose; when was not%'"), ==, 1);
  }

  /* A reading of a session that is in no file and not in Tidemark. */
  {
    g_autoptr(TmCsvImport) lost = tm_csv_import_new ();
    g_autoptr(GError) refused = NULL;
    static const char readings[] =
      "\"session_key\",\"minutes_after\",\"bp_sys\",\"bp_dia\",\"pulse\",\"dissociation\",\"sedation\",\"nausea\","
      "\"note\",\"created_at\"\r\n"
      "\"2026-05-01T10:00:00+02:00 2026-05-01T10:05:00Z\",40,140,90,,,,,,\"2026-05-01T10:45:00Z\"\r\n";
    int before = count_rows (other, "session_reading");

    g_assert_true (tm_csv_import_parse (lost, TM_TABLE_SESSION_READINGS, "session_readings.csv", readings,
                                        strlen (readings)));
    g_assert_false (tm_store_import_csv (other, lost, TM_CONFLICT_KEEP, &summary, &refused));
    g_assert_cmpstr (refused->message, ==,
                     "session_readings.csv:2: there is no session with the session_key “2026-05-01T10:00:00+02:00 "
                     "2026-05-01T10:05:00Z”, in the files or in Tidemark. Import it with the file that has it; "
                     "nothing was imported.");
    g_assert_cmpint (count_rows (other, "session_reading"), ==, before);
  }

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (folder);
}

/* The columns of data version 3 go out and come back: the flag to bring
 * an entry up at the next review, the plan's pre-treatment PHQ-9 and
 * mood, and the reviews, a correction still naming the row it corrects
 * (by its key: the ids of the other data file differ). A file of version
 * 2 still imports, nothing marked. */
static void
test_version_3_columns_and_reviews (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(TmStore) store = new_store (&dir);
  g_autoptr(TmStore) other = NULL;
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(TmCheckin) c = tm_checkin_new ("2026-04-01");
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(TmPlan) plan = tm_plan_new ("2026-03-01");
  g_autoptr(TmReview) first = tm_review_new ("2026-03-01", "2026-03-28");
  g_autoptr(TmReview) correction = tm_review_new ("2026-03-01", "2026-03-29");
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tm_test_make_data_dir ();
  g_autofree char *reviews_path = g_build_filename (folder, "reviews.csv", NULL);
  g_autofree char *text = NULL;
  TmReview *back_first, *back_correction;
  TmCsvSummary summary;

  c->mood = 4;
  c->discuss = TRUE;
  tm_checkin_set_note (c, "Ask about the evenings.");
  g_assert_true (tm_store_save_checkin (store, c, &error));
  tm_session_set_taken_at (s, "2026-04-01T10:00:00+02:00");
  s->dose_mg = 50;
  s->discuss = TRUE;
  g_assert_true (tm_store_save_session (store, s, &error));
  plan->dose_mg = 50;
  plan->pre_phq9 = 19;
  plan->pre_mood = 3;
  g_assert_true (tm_store_add_plan (store, plan, &error));
  tm_review_set_author (first, "Dr. Ortiz");
  tm_review_set_note (first, "First, \"quoted\",\nover two lines.");
  tm_review_set_finished_at (first, "2026-03-30T17:00:00+02:00");
  g_assert_true (tm_store_add_review (store, first, &error));
  tm_review_set_author (correction, "Dr. Ortiz");
  tm_review_set_finished_at (correction, "2026-03-31T09:00:00+02:00");
  correction->corrects = first->id;
  g_assert_true (tm_store_add_review (store, correction, &error));
  g_assert_no_error (error);

  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (reviews_path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\"period_from\",\"period_to\",\"finished_at\",\"author\",\"note\","
                                         "\"created_at\",\"corrects\"\r\n"));
  /* The correction names the first row by its finished_at and created_at. */
  g_assert_nonnull (strstr (text, "2026-03-30T17:00:00+02:00 "));

  other = new_store (&other_dir);
  /* Ids that differ from the first file's. */
  {
    g_autoptr(TmReview) unrelated = tm_review_new ("2026-01-01", "2026-01-28");

    tm_review_set_author (unrelated, "Sam");
    tm_review_set_finished_at (unrelated, "2026-01-29T17:00:00+01:00");
    g_assert_true (tm_store_add_review (other, unrelated, &error));
  }
  g_assert_true (tm_csv_import_read_dir (import, folder, &error));
  g_assert_cmpuint (tm_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_KEEP, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added[TM_TABLE_REVIEWS], ==, 2);

  found = tm_store_get_checkin (other, "2026-04-01", &error);
  g_assert_true (found->discuss);
  sessions = tm_store_list_sessions (other, NULL, NULL, &error);
  g_assert_true (((TmSession *) sessions->pdata[0])->discuss);
  plans = tm_store_list_plans (other, &error);
  g_assert_cmpint (((TmPlan *) plans->pdata[0])->pre_phq9, ==, 19);
  g_assert_cmpint (((TmPlan *) plans->pdata[0])->pre_mood, ==, 3);
  reviews = tm_store_list_reviews (other, &error);
  g_assert_cmpuint (reviews->len, ==, 3);
  back_first = reviews->pdata[1];
  back_correction = reviews->pdata[2];
  g_assert_cmpstr (back_first->note, ==, first->note);
  g_assert_cmpstr (back_first->created_at, ==, first->created_at);
  g_assert_cmpint (back_first->corrects, ==, 0);
  g_assert_cmpint (back_correction->corrects, ==, back_first->id);
  g_assert_cmpstr (back_correction->period_to, ==, "2026-03-29");

  /* Imported again: the rows there are kept, none added twice. */
  g_assert_true (tm_store_import_csv (other, import, TM_CONFLICT_REPLACE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (other, "review"), ==, 3);

  /* A check-in file of version 2. */
  {
    g_autoptr(TmCsvImport) v2 = tm_csv_import_new ();
    static const char v2_checkins[] =
      "\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\",\"note\","
      "\"created_at\",\"updated_at\",\"red_flags\",\"self_harm\"\r\n"
      "\"2026-04-03\",5,,,,0,,,\"2026-04-03T20:00:00Z\",\"2026-04-03T20:00:00Z\",0,\r\n";
    g_autoptr(TmCheckin) read_back = NULL;

    g_assert_true (tm_csv_import_parse (v2, TM_TABLE_CHECKINS, "checkins.csv", v2_checkins, strlen (v2_checkins)));
    g_assert_true (tm_store_import_csv (other, v2, TM_CONFLICT_KEEP, &summary, &error));
    g_assert_no_error (error);
    read_back = tm_store_get_checkin (other, "2026-04-03", &error);
    g_assert_false (read_back->discuss);
  }

  g_clear_object (&other);
  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/conflicts", test_conflicts);
  g_test_add_func ("/csv/each-row-its-own", test_each_row_its_own);
  g_test_add_func ("/csv/import-raises-prompts", test_import_raises_prompts);
  g_test_add_func ("/csv/new-rules-on-both-paths", test_new_rules_on_both_paths);
  g_test_add_func ("/csv/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/csv/duplicates-and-bom", test_duplicates_and_bom);
  g_test_add_func ("/csv/version-2-columns-and-version-1-files", test_version_2_columns_and_version_1_files);
  g_test_add_func ("/csv/version-3-columns-and-reviews", test_version_3_columns_and_reviews);
  g_test_add_func ("/csv/session-readings", test_session_readings);
  g_test_add_func ("/csv/corpus", test_corpus);
  g_test_add_func ("/csv/large-files", test_large_files);
  g_test_add_func ("/csv/quoted-fields", test_quoted_fields);
  g_test_add_func ("/csv/refused-before-storing", test_refused_before_storing);
  g_test_add_func ("/csv/import-across-time-zones", test_import_across_time_zones);
  g_test_add_func ("/csv/hostile-notes", test_hostile_notes);
  g_test_add_func ("/csv/missing-folder", test_missing_folder);
  g_test_add_func ("/csv/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}
