/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: what a person saves is what they find again, refused values
 * say why and change nothing, and a damaged file is never written to. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "tm-file.h"
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
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  tm_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static char *
day_ago (int n)
{
  g_autofree char *today = tm_day_today ();

  return tm_day_add (today, -n);
}

static int
count_rows (TmStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A note a person could write: several lines, emoji, right-to-left text,
 * leading and trailing spaces. */
static const char *verbatim_note = "  Slept badly.\n\n• walked 20 min 🌊\r\nשלום — «ça va» \t ";

static TmCheckin *
full_checkin (const char *day)
{
  TmCheckin *c = tm_checkin_new (day);

  c->mood = 6;
  c->anxiety = 3;
  c->energy = 0;
  c->sleep_hours = 7.5;
  c->effects = TM_EFFECT_TIME | TM_EFFECT_UNREAL;
  c->effects_intensity = 4;
  c->red_flags = TM_RED_FLAG_HEAD | TM_RED_FLAG_FAINTING;
  c->self_harm = 0;
  tm_checkin_set_note (c, verbatim_note);
  return c;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *day = day_ago (1);
  g_autoptr(TmCheckin) saved = full_checkin (day);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_store_save_checkin (f->store, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, >, 0);
  g_assert_nonnull (saved->created_at);
  g_assert_cmpstr (saved->created_at, ==, saved->updated_at);

  /* Closed and opened again: everything is there, the note byte for byte. */
  reopen (f);
  found = tm_store_get_checkin (f->store, day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (tm_checkin_equal_content (saved, found));
  g_assert_cmpint (found->id, ==, saved->id);
  g_assert_cmpstr (found->note, ==, verbatim_note);
  g_assert_cmpint (found->effects, ==, TM_EFFECT_TIME | TM_EFFECT_UNREAL);
  g_assert_cmpfloat_with_epsilon (found->sleep_hours, 7.5, 1e-9);
  g_assert_cmpuint (found->red_flags, ==, TM_RED_FLAG_HEAD | TM_RED_FLAG_FAINTING);
  g_assert_cmpint (found->self_harm, ==, 0);
  g_assert_cmpstr (found->created_at, ==, saved->created_at);
  g_assert_true (g_str_has_suffix (found->created_at, "Z"));
}

static void
test_optional_values_stay_unset (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *day = day_ago (0);
  g_autoptr(TmCheckin) c = tm_checkin_new (day);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;

  c->mood = 0;
  g_assert_true (tm_store_save_checkin (f->store, c, &error));
  g_assert_no_error (error);

  found = tm_store_get_checkin (f->store, day, &error);
  g_assert_cmpint (found->mood, ==, 0);
  g_assert_cmpint (found->anxiety, ==, TM_UNSET);
  g_assert_cmpint (found->energy, ==, TM_UNSET);
  g_assert_true (found->sleep_hours == TM_UNSET_HOURS);
  g_assert_cmpint (found->effects, ==, 0);
  g_assert_cmpint (found->effects_intensity, ==, TM_UNSET);
  g_assert_cmpuint (found->red_flags, ==, 0);
  g_assert_cmpint (found->self_harm, ==, TM_UNSET);
  g_assert_null (found->note);
}

static void
test_update_keeps_one_row (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *day = day_ago (0);
  g_autoptr(TmCheckin) first = full_checkin (day);
  g_autoptr(TmCheckin) second = full_checkin (day);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;

  g_assert_true (tm_store_save_checkin (f->store, first, &error));
  created = g_strdup (first->created_at);
  g_usleep (1100 * 1000);  /* instants have whole seconds */

  second->mood = 9;
  tm_checkin_set_note (second, "Better today.");
  g_assert_true (tm_store_save_checkin (f->store, second, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_rows (f->store, "checkin"), ==, 1);
  found = tm_store_get_checkin (f->store, day, &error);
  g_assert_cmpint (found->id, ==, first->id);
  g_assert_cmpint (found->mood, ==, 9);
  g_assert_cmpstr (found->note, ==, "Better today.");
  g_assert_cmpstr (found->created_at, ==, created);
  g_assert_cmpstr (found->updated_at, >, created);
}

typedef struct
{
  const char *name;
  void      (*spoil) (TmCheckin *c);
  const char *field;
  const char *message;
} Refusal;

static void spoil_mood_unset (TmCheckin *c) { c->mood = TM_UNSET; }
static void spoil_mood_high (TmCheckin *c) { c->mood = 11; }
static void spoil_mood_low (TmCheckin *c) { c->mood = -7; }
static void spoil_anxiety (TmCheckin *c) { c->anxiety = 12; }
static void spoil_energy (TmCheckin *c) { c->energy = 99; }
static void spoil_sleep (TmCheckin *c) { c->sleep_hours = 25; }
static void spoil_sleep_negative (TmCheckin *c) { c->sleep_hours = -3; }
static void spoil_effects (TmCheckin *c) { c->effects = 128; }
static void spoil_intensity (TmCheckin *c) { c->effects_intensity = 11; }
static void spoil_intensity_alone (TmCheckin *c) { c->effects = 0; c->effects_intensity = 5; }
static void spoil_red_flags (TmCheckin *c) { c->red_flags = 64; }
static void spoil_self_harm (TmCheckin *c) { c->self_harm = 2; }
static void spoil_day (TmCheckin *c) { g_strlcpy (c->day, "2026-02-30", sizeof c->day); }
static void spoil_day_format (TmCheckin *c) { g_strlcpy (c->day, "28/11/2026", sizeof c->day); }
static void spoil_day_month (TmCheckin *c) { g_strlcpy (c->day, "2026-13-01", sizeof c->day); }
static void spoil_day_control (TmCheckin *c) { g_strlcpy (c->day, "\x1b[2J", sizeof c->day); }
static void spoil_future (TmCheckin *c) { g_strlcpy (c->day, "2999-01-01", sizeof c->day); }

static void
spoil_note_utf8 (TmCheckin *c)
{
  g_free (c->note);
  c->note = g_strdup ("caf\xe9 au lait");  /* Latin-1, not UTF-8 */
}

static void
spoil_note_long (TmCheckin *c)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < TM_NOTE_MAX_CHARS + 5; i++)
    g_string_append (s, "é");
  g_free (c->note);
  c->note = g_string_free (s, FALSE);
}

static const Refusal refusals[] = {
  { "mood-missing", spoil_mood_unset, "mood", "Choose your mood from 0 to 10 before saving." },
  { "mood-above-10", spoil_mood_high, "mood", "Mood must be between 0 and 10." },
  { "mood-below-0", spoil_mood_low, "mood", "Mood must be between 0 and 10." },
  { "anxiety", spoil_anxiety, "anxiety", "Anxiety must be between 0 and 10." },
  { "energy", spoil_energy, "energy", "Energy must be between 0 and 10." },
  { "sleep-over-24", spoil_sleep, "sleep_hours", "Sleep must be between 0 and 24 hours." },
  { "sleep-negative", spoil_sleep_negative, "sleep_hours", "Sleep must be between 0 and 24 hours." },
  { "effects-unknown", spoil_effects, "effects",
    "Effects must be a sum of the checklist values 1 to 64 (at most 127), not 128." },
  { "intensity", spoil_intensity, "effects_intensity",
    "Intensity of effects must be between 0 and 10." },
  { "intensity-without-effects", spoil_intensity_alone, "effects",
    "Tick at least one effect from the list, or turn off unusual effects." },
  { "red-flags-unknown", spoil_red_flags, "red_flags",
    "Red flags must be a sum of the checklist values 1 to 32 (at most 63), not 64." },
  { "self-harm-answer", spoil_self_harm, "self_harm",
    "The answer to the daily question about thoughts of self-harm must be 1 (yes) or 0 (no), or left "
    "empty when it was not asked, not 2." },
  { "day-not-in-calendar", spoil_day, "day",
    "“2026-02-30” is no such day: February 2026 has 28 days. Check the date." },
  { "day-format", spoil_day_format, "day",
    "“28/11/2026” is not a calendar day. Write days as YYYY-MM-DD, for example 2026-11-28." },
  { "day-month-13", spoil_day_month, "day", "“2026-13-01” is no such day: a year has 12 months. Check the date." },
  { "day-control-characters", spoil_day_control, "day",
    "“\\x1B[2J” is not a calendar day. Write days as YYYY-MM-DD, for example 2026-11-28." },
  { "day-in-future", spoil_future, "day",
    "A check-in can't be for a day that hasn't come yet. Choose today or an earlier day." },
  { "note-not-utf8", spoil_note_utf8, "note",
    "The note contains bytes that are not valid UTF-8 text. Save it again as UTF-8." },
  { "note-too-long", spoil_note_long, "note",
    "The note is 10005 characters long, and the limit is 10000. Shorten it by 5 characters." },
};

/* Each rule refuses with its own sentence, names its field, and the store
 * keeps what it had. */
static void
test_refusal (Fixture       *f,
              gconstpointer  data)
{
  const Refusal *r = data;
  g_autofree char *day = day_ago (2);
  g_autoptr(TmCheckin) good = full_checkin (day);
  g_autoptr(TmCheckin) bad = full_checkin (day);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_assert_true (tm_store_save_checkin (f->store, good, &error));

  bad->mood = 2;
  r->spoil (bad);
  g_assert_false (tm_checkin_validate (bad, &field, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, r->message);
  g_assert_cmpstr (field, ==, r->field);
  g_clear_error (&error);

  g_assert_false (tm_store_save_checkin (f->store, bad, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, r->message);
  g_clear_error (&error);

  found = tm_store_get_checkin (f->store, day, &error);
  g_assert_true (tm_checkin_equal_content (found, good));
  g_assert_cmpint (count_rows (f->store, "checkin"), ==, 1);
}

static void
test_note_at_limit (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *day = day_ago (0);
  g_autoptr(TmCheckin) c = tm_checkin_new (day);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new (NULL);

  /* The limit counts characters: 10,000 four-byte characters fit. */
  for (int i = 0; i < TM_NOTE_MAX_CHARS; i++)
    g_string_append (s, "🌊");
  c->mood = 5;
  c->note = g_string_free (s, FALSE);

  g_assert_true (tm_store_save_checkin (f->store, c, &error));
  g_assert_no_error (error);
  found = tm_store_get_checkin (f->store, day, &error);
  g_assert_cmpstr (found->note, ==, c->note);
}

static void
test_delete_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *day = day_ago (3);
  g_autoptr(TmCheckin) c = full_checkin (day);
  g_autoptr(TmCheckin) before = NULL;
  g_autoptr(TmCheckin) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_store_save_checkin (f->store, c, &error));
  before = tm_store_get_checkin (f->store, day, &error);

  g_assert_true (tm_store_delete_checkin (f->store, before, &error));
  g_assert_no_error (error);
  g_assert_null (tm_store_get_checkin (f->store, day, &error));
  g_assert_no_error (error);

  /* Deleting twice says so. */
  g_assert_false (tm_store_delete_checkin (f->store, before, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo brings back the very same record. */
  g_assert_true (tm_store_restore_checkin (f->store, before, &error));
  g_assert_no_error (error);
  after = tm_store_get_checkin (f->store, day, &error);
  g_assert_true (tm_checkin_equal_content (before, after));
  g_assert_cmpint (after->id, ==, before->id);
  g_assert_cmpstr (after->created_at, ==, before->created_at);
  g_assert_cmpstr (after->updated_at, ==, before->updated_at);
}

static void
test_restore_after_new_entry (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *day = day_ago (3);
  g_autoptr(TmCheckin) old = full_checkin (day);
  g_autoptr(TmCheckin) fresh = full_checkin (day);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_store_save_checkin (f->store, old, &error));
  g_assert_true (tm_store_delete_checkin (f->store, old, &error));
  fresh->mood = 1;
  g_assert_true (tm_store_save_checkin (f->store, fresh, &error));

  /* The newer entry wins; undo says why it can't. */
  g_assert_false (tm_store_restore_checkin (f->store, old, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "was not brought back"));
  g_clear_error (&error);
  found = tm_store_get_checkin (f->store, day, &error);
  g_assert_cmpint (found->mood, ==, 1);
}

static void
test_model_follows_changes (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *model = tm_store_get_checkins (f->store);
  g_autoptr(GError) error = NULL;
  const int ages[] = { 5, 0, 9, 2 };
  g_autoptr(TmCheckin) first = NULL;
  g_autoptr(TmCheckin) item = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autofree char *day = day_ago (ages[i]);
      g_autoptr(TmCheckin) c = full_checkin (day);

      g_assert_true (tm_store_save_checkin (f->store, c, &error));
    }

  /* Newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const int sorted[] = { 0, 2, 5, 9 };
      g_autofree char *day = day_ago (sorted[i]);
      g_autoptr(TmCheckin) c = g_list_model_get_item (model, i);

      g_assert_cmpstr (c->day, ==, day);
    }

  /* An update of a copy (as a form saves) changes the model's item; a
   * deletion removes it. */
  {
    g_autoptr(TmCheckin) shown = g_list_model_get_item (model, 0);

    first = tm_checkin_copy (shown);
    first->mood = shown->mood == 10 ? 9 : 10;
    g_assert_true (tm_store_save_checkin (f->store, first, &error));
    g_assert_cmpint (shown->mood, !=, first->mood);
  }
  item = g_list_model_get_item (model, 0);
  g_assert_cmpint (item->mood, ==, first->mood);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  g_assert_true (tm_store_delete_checkin (f->store, item, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* A model from a new connection reads the same. */
  reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (tm_store_get_checkins (f->store)), ==, 3);
}

static void
test_list_by_period (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autofree char *from = day_ago (6);
  g_autofree char *to = day_ago (2);

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *day = day_ago (i);
      g_autoptr(TmCheckin) c = full_checkin (day);
      g_assert_true (tm_store_save_checkin (f->store, c, &error));
    }

  some = tm_store_list_checkins (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 5);
  g_assert_cmpstr (((TmCheckin *) some->pdata[0])->day, ==, from);
  g_assert_cmpstr (((TmCheckin *) some->pdata[4])->day, ==, to);
}

static void
test_permissions (void)
{
  g_autofree char *parent = tm_test_make_data_dir ();
  g_autofree char *dir = g_build_filename (parent, "a", "b", NULL);
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* Missing folders are created private. */
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&store);

  /* A folder and file that others could read are made private on open. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&store);

  /* An existing folder that the data file is started in is made private
   * at once, not only on the next open, when the file is there. */
  {
    g_autofree char *shared = g_build_filename (parent, "shared", NULL);

    g_assert_cmpint (g_mkdir (shared, 0755), ==, 0);
    g_assert_cmpint (g_chmod (shared, 0755), ==, 0);
    store = tm_store_open (shared, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (shared, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    g_clear_object (&store);
  }

  tm_test_remove_tree (parent);
}

static void
test_data_dir_is_a_file (void)
{
  g_autofree char *parent = tm_test_make_data_dir ();
  g_autofree char *file = g_build_filename (parent, "not-a-folder", NULL);
  g_autoptr(GError) error = NULL;
  TmStore *store;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = tm_store_open (file, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_nonnull (strstr (error->message, "is a file, not a folder"));

  tm_test_remove_tree (parent);
}

static void
test_connection_settings (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = tm_store_get_db (f->store);
  sqlite3_stmt *stmt;
  const struct { const char *sql; const char *expected; } pragmas[] = {
    { "PRAGMA journal_mode", "wal" },
    { "PRAGMA synchronous", "2" },   /* FULL */
    { "PRAGMA foreign_keys", "1" },
    { "PRAGMA user_version", G_STRINGIFY (TM_STORE_SCHEMA_VERSION) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, pragmas[i].sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, pragmas[i].expected);
      sqlite3_finalize (stmt);
    }
}

/* Every table of the schema, with its columns in the CSV order. */
static void
test_schema_v1_tables (Fixture       *f,
                       gconstpointer  data)
{
  const struct { const char *table; const char *columns; } tables[] = {
    { "checkin", "id,day,mood,anxiety,energy,sleep_hours,effects,effects_intensity,note,"
                 "created_at,updated_at,red_flags,self_harm,discuss" },
    { "questionnaire", "id,kind,day,answers,difficulty,total,created_at,tolerance" },
    { "session", "id,taken_at,dose_mg,route,setting,monitor_present,mood_before,"
                 "dissociation_peak,effects,effects_minutes,nausea,sedation,other_medicines,note,created_at,"
                 "updated_at,red_flags,discuss,monitored_minutes,ready_to_leave_minutes,intention,reflection,"
                 "next_day_note,eased,slept_well,fully_alert,lingering" },
    { "session_reading", "id,session_id,minutes_after,bp_sys,bp_dia,pulse,dissociation,sedation,nausea,note,"
                         "created_at" },
    { "plan", "id,effective_from,interval_days,dose_mg,route,tolerance_days,instructions,"
              "author,created_at,pre_phq9,pre_mood,pre_dose_instruction" },
    { "plan_date", "id,day,kind,note,created_at" },
    { "safety_event", "id,rule,level,source,source_id,shown_at,answered_at,answer,detail" },
    { "review", "id,period_from,period_to,finished_at,author,note,created_at,corrects" },
    { "meta", "key,value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT group_concat(name, ',') FROM "
                                              "(SELECT name FROM pragma_table_info('%s') ORDER BY cid)",
                                              tables[i].table);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, tables[i].columns);
      sqlite3_finalize (stmt);
    }
}

/* The file's own checks refuse what core refuses, whoever writes. */
static void
test_schema_checks (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = tm_store_get_db (f->store);
  const char *refused[] = {
    "INSERT INTO checkin (day, mood, created_at, updated_at) VALUES ('2026-01-01', 11, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    "INSERT INTO checkin (day, mood, created_at, updated_at) VALUES ('2026-02-30', 5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    "INSERT INTO checkin (day, mood, sleep_hours, created_at, updated_at) VALUES ('2026-01-01', 5, 24.5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    "INSERT INTO checkin (day, mood, effects_intensity, created_at, updated_at) VALUES ('2026-01-01', 5, 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    "INSERT INTO checkin (day, mood, created_at, updated_at) VALUES ('2026-01-01', 5, 'yesterday', '2026-01-01T00:00:00Z')",
    "INSERT INTO questionnaire (kind, day, answers, total, created_at) VALUES ('phq9', '2026-01-01', '012', 3, '2026-01-01T00:00:00Z')",
    "INSERT INTO questionnaire (kind, day, answers, total, created_at) VALUES ('gad7', '2026-01-01', '0123000', 5, '2026-01-01T00:00:00Z')",
    "INSERT INTO questionnaire (kind, day, answers, difficulty, total, created_at) VALUES ('gad7', '2026-01-01', '0000000', 1, 0, '2026-01-01T00:00:00Z')",
    "INSERT INTO session (taken_at, dose_mg, route, setting, created_at, updated_at) VALUES ('2026-01-01T10:00:00+01:00', 0, 'oral', 'home', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    "INSERT INTO session (taken_at, dose_mg, route, setting, created_at, updated_at) VALUES ('2026-01-01T10:00:00+01:00', 50, 'smoked', 'home', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    "INSERT INTO session (taken_at, dose_mg, route, setting, created_at, updated_at) VALUES ('2026-01-02T10:00:00+01:00', 50, 'oral', 'home', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
    "INSERT INTO session_reading (session_id, minutes_after, bp_sys, created_at) VALUES (last_insert_rowid (), 0, 120, '2026-01-01T00:00:00Z')",
    "INSERT INTO plan (effective_from, interval_days, dose_mg, route, created_at) VALUES ('2026-01-01', 0, 50, 'oral', '2026-01-01T00:00:00Z')",
    "INSERT INTO safety_event (rule, level, source, shown_at) VALUES ('S14', 'info', 'checkin', '2026-01-01T00:00:00Z')",
    "INSERT INTO questionnaire (kind, day, answers, total, created_at) VALUES ('followup', '2026-01-01', '000000000000', 0, '2026-01-01T00:00:00Z')",
    "INSERT INTO questionnaire (kind, day, answers, total, tolerance, created_at) VALUES ('phq9', '2026-01-01', '000000000', 0, 5, '2026-01-01T00:00:00Z')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      int rc = sqlite3_exec (db, refused[i], NULL, NULL, NULL);

      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        g_error ("Expected a refusal: %s (got %d)", refused[i], rc);
    }

  /* The plan keeps its history: rows are added, never changed or removed. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO plan (effective_from, interval_days, dose_mg, route, created_at) "
                                     "VALUES ('2026-01-01', 14, 50, 'sublingual', '2026-01-01T00:00:00Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE plan SET dose_mg = 75", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM plan", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (count_rows (f->store, "plan"), ==, 1);
}

static void
write_bytes_at (const char   *path,
                goffset       offset,
                const guint8 *bytes,
                gsize         n)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, bytes, n, offset), ==, (gssize) n);
  g_close (fd, NULL);
}

static void
assert_refused_unchanged (const char   *dir,
                          TmStoreError  code,
                          const char   *says)
{
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);
  g_autoptr(GBytes) before = tm_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  TmStore *store;

  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, says));

  after = tm_test_read_file (path);
  tm_test_assert_bytes_equal (before, after);
}

static void
make_store_with_checkins (const char *dir,
                          int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);

  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *day = day_ago (i);
      g_autoptr(TmCheckin) c = full_checkin (day);
      g_assert_true (tm_store_save_checkin (store, c, &error));
    }
}

static void
test_damaged_not_a_database (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);
  GString *garbage = g_string_new (NULL);

  for (int i = 0; i < 8192; i++)
    g_string_append_c (garbage, (char) g_test_rand_int_range (0, 256));
  g_assert_true (g_file_set_contents (path, garbage->str, (gssize) garbage->len, NULL));
  g_string_free (garbage, TRUE);

  assert_refused_unchanged (dir, TM_STORE_ERROR_DAMAGED, "is damaged");
  tm_test_remove_tree (dir);
}

static void
test_damaged_page (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);
  guint8 junk[64];

  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root;

  make_store_with_checkins (dir, 300);

  /* Scribble over the middle of the check-ins' root page: a table b-tree
   * page, wherever the migrations left it. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'checkin'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  memset (junk, 0xA5, sizeof junk);
  write_bytes_at (path, (root - 1) * 4096 + 8, junk, sizeof junk);

  assert_refused_unchanged (dir, TM_STORE_ERROR_DAMAGED, "has not changed it");
  tm_test_remove_tree (dir);
}

static void
set_user_version (const char *path,
                  int         version)
{
  sqlite3 *db;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_newer_version_refused (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);

  make_store_with_checkins (dir, 3);
  set_user_version (path, TM_STORE_SCHEMA_VERSION + 1);

  assert_refused_unchanged (dir, TM_STORE_ERROR_TOO_NEW, "newer version of Tidemark");
  tm_test_remove_tree (dir);
}

static void
test_foreign_database_refused (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (dir, TM_STORE_ERROR_DAMAGED, "not one of Tidemark's");
  tm_test_remove_tree (dir);
}

/* A second version for the migration runner to apply. */
static gboolean
step_add_mood_label (sqlite3  *db,
                     GError  **error)
{
  if (sqlite3_exec (db, "ALTER TABLE checkin ADD COLUMN mood_label TEXT;"
                        "UPDATE checkin SET mood_label = 'v2 was here'",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_fails_halfway (sqlite3  *db,
                    GError  **error)
{
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE half_done (x INTEGER); DELETE FROM checkin",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED, "the step broke off");
  return FALSE;
}

static char *
find_backup (const char *dir,
             guint       version)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("tidemark-before-v%u-", version);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      found = g_build_filename (dir, name, NULL);
  g_dir_close (d);
  return found;
}

/* This Tidemark's steps, then @extra: one version more. */
static TmMigrationStep *
steps_and (TmMigrationStep  extra,
           guint           *n_steps)
{
  guint n;
  const TmMigrationStep *ours = tm_schema_get_steps (&n);
  TmMigrationStep *steps = g_new0 (TmMigrationStep, n + 1);

  g_assert_cmpuint (n, ==, TM_STORE_SCHEMA_VERSION);
  memcpy (steps, ours, n * sizeof *steps);
  steps[n] = extra;
  *n_steps = n + 1;
  return steps;
}

static void
test_migration_applies_steps (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *backup = NULL;
  g_autofree TmMigrationStep *steps = NULL;
  guint n;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GStatBuf st;

  make_store_with_checkins (dir, 4);
  steps = steps_and (step_add_mood_label, &n);

  store = tm_store_open_with_steps (dir, steps, n, &error);
  g_assert_no_error (error);
  db = tm_store_get_db (store);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), min(mood_label) FROM checkin", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "v2 was here");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int) n);
  sqlite3_finalize (stmt);
  g_clear_object (&store);

  /* The copy made before migrating is the whole file as it was, private. */
  backup = find_backup (dir, n);
  g_assert_nonnull (backup);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM checkin), user_version FROM pragma_user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, TM_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  tm_test_remove_tree (dir);
}

static void
test_migration_failure_leaves_file (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree TmMigrationStep *steps = NULL;
  guint n;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;

  make_store_with_checkins (dir, 4);
  steps = steps_and (step_fails_halfway, &n);

  g_assert_null (tm_store_open_with_steps (dir, steps, n, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not update"));
  g_assert_nonnull (strstr (error->message, "the step broke off"));
  g_clear_error (&error);

  /* This version as before, every check-in still there, nothing half done. */
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "checkin"), ==, 4);
  g_assert_cmpint (sqlite3_exec (tm_store_get_db (store), "SELECT * FROM half_done", NULL, NULL, NULL), ==, SQLITE_ERROR);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static int
failing_rename (const char *from,
                const char *to)
{
  errno = EIO;
  return -1;
}

/* The copy made before a migration is written beside its name and renamed
 * when whole: when it can't be put in place (as after a crash half-way),
 * no copy is found under a backup's name, and the file is not migrated. */
static void
test_migration_copy_whole_or_none (void)
{
  static const TmFileCalls no_rename = { failing_rename, NULL };
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *copy = NULL;
  g_autofree TmMigrationStep *steps = NULL;
  guint n;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;

  make_store_with_checkins (dir, 4);
  steps = steps_and (step_add_mood_label, &n);

  tm_file_set_calls_for_testing (&no_rename);
  store = tm_store_open_with_steps (dir, steps, n, &error);
  tm_file_set_calls_for_testing (NULL);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no backup copy could be made"));
  g_clear_error (&error);

  copy = find_backup (dir, n);
  g_assert_null (copy);
  folder = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    g_assert_false (tm_file_is_temporary_name (name, NULL));

  /* Not migrated: this version opens it as it was. */
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "checkin"), ==, 4);
  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* Every row of @table, each value quoted as SQL writes it, for @columns. */
static char *
dump_table (sqlite3    *db,
            const char *table,
            const char *columns)
{
  g_auto(GStrv) names = g_strsplit (columns, ",", -1);
  g_autoptr(GString) select = g_string_new ("SELECT ");
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt;

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (select, "%squote(%s)", i > 0 ? " || ',' || " : "", names[i]);
  g_string_append_printf (select, " FROM %s ORDER BY %s", table, names[0]);
  g_assert_cmpint (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (dump, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (dump, FALSE);
}

/* A data file of the first version, written as that Tidemark wrote it,
 * opened by this one: every value of every row is kept, with its id; the
 * new columns say "nothing noted" (no red flags, self-harm not asked);
 * the indexes and the plan's history triggers are still there; and the
 * widened checks take what they should. */
static void
test_migration_v1_keeps_every_value (void)
{
  static const struct { const char *table; const char *columns; } v1[] = {
    { "checkin", "id,day,mood,anxiety,energy,sleep_hours,effects,effects_intensity,note,created_at,updated_at" },
    { "session", "id,taken_at,dose_mg,route,setting,monitor_present,mood_before,dissociation_peak,effects,"
                 "effects_minutes,nausea,sedation,bp_before_sys,bp_before_dia,bp_after_sys,bp_after_dia,"
                 "other_medicines,note,created_at,updated_at" },
    { "questionnaire", "id,kind,day,answers,difficulty,total,created_at" },
    { "plan", "id,effective_from,interval_days,dose_mg,route,tolerance_days,instructions,author,created_at" },
    { "plan_date", "id,day,kind,note,created_at" },
    { "safety_event", "id,rule,level,source,source_id,shown_at,answered_at,answer,detail" },
    { "meta", "rowid,key,value" },
  };
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, TM_STORE_FILE_NAME, NULL);
  g_autofree char *backup = NULL;
  char *before[G_N_ELEMENTS (v1)];
  const TmMigrationStep *ours;
  guint n;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* Version 1, filled as its Tidemark filled it: ids with gaps, every
   * optional value given or not, the widest other_medicines it took. */
  ours = tm_schema_get_steps (&n);
  store = tm_store_open_with_steps (dir, ours, 1, &error);
  g_assert_no_error (error);
  db = tm_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO checkin VALUES (3, '2026-03-01', 6, 3, 0, 7.123456789012345, 66, 4, 'A note, \"quoted\"\nand on',"
    "  '2026-03-01T20:00:00Z', '2026-03-02T08:00:00Z');"
    "INSERT INTO checkin VALUES (7, '2026-03-02', 0, NULL, NULL, NULL, 0, NULL, NULL,"
    "  '2026-03-02T20:00:00Z', '2026-03-02T20:00:00Z');"
    "INSERT INTO session VALUES (5, '2026-03-01T10:00:00+09:00', 37.25, 'intranasal', 'clinic', 1, 4, 7, 127, 95,"
    "  2, 3, 141, 91, 182, 111, 15, 'felt far away', '2026-03-01T10:05:00Z', '2026-03-01T12:00:00Z');"
    "INSERT INTO session VALUES (9, '2026-03-02T10:00:00+01:00', 50, 'oral', 'home', 0, NULL, NULL, 0, NULL,"
    "  NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, '2026-03-02T10:05:00Z', '2026-03-02T10:05:00Z');"
    "INSERT INTO questionnaire VALUES (2, 'phq9', '2026-03-01', '012301231', 2, 13, '2026-03-01T19:00:00Z');"
    "INSERT INTO plan VALUES (4, '2026-02-01', 14, 50, 'sublingual', 2, 'With food.', 'Dr. Ortiz',"
    "  '2026-02-01T09:00:00Z');"
    "INSERT INTO plan_date VALUES (6, '2026-03-10', 'extra', 'travel', '2026-03-01T09:00:00Z');"
    "INSERT INTO safety_event VALUES (8, 'S1', 'urgent', 'session', 5, '2026-03-01T12:00:01Z',"
    "  '2026-03-01T12:01:00Z', 'resting', 'peak dissociation 7; effects: none');"
    "INSERT INTO safety_event VALUES (11, 'S7', 'info', 'session', NULL, '2026-03-01T12:00:02Z',"
    "  NULL, NULL, NULL);"
    "INSERT INTO meta VALUES ('clinician-name', 'Dr. Ortiz');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (v1); i++)
    before[i] = dump_table (db, v1[i].table, v1[i].columns);
  g_clear_object (&store);

  /* Opened by this Tidemark. */
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  db = tm_store_get_db (store);
  /* The blood pressure before and after the dose are readings now. */
  tm_test_view_sessions_as_v4 (db);
  for (guint i = 0; i < G_N_ELEMENTS (v1); i++)
    {
      g_autofree char *after = dump_table (db, strcmp (v1[i].table, "session") == 0 ? "session_as_v4" : v1[i].table,
                                           v1[i].columns);

      g_test_message ("%s", v1[i].table);
      g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }
  g_assert_cmpint (count_rows (store, "checkin WHERE red_flags = 0 AND self_harm IS NULL"), ==, 2);
  g_assert_cmpint (count_rows (store, "session WHERE red_flags = 0"), ==, 2);
  g_assert_cmpint (count_rows (store, "sqlite_schema WHERE type = 'index' AND name IN "
                                      "('session_by_time', 'safety_event_by_time', 'questionnaire_by_day',"
                                      " 'plan_by_day')"), ==, 4);
  g_assert_cmpint (count_rows (store, "sqlite_schema WHERE type = 'trigger' AND tbl_name = 'plan'"), ==, 2);
  g_assert_cmpint (count_rows (store, "sqlite_schema WHERE name LIKE '%v1%' OR name LIKE '%v4%' OR "
                                      "name LIKE '%v6%'"), ==, 0);
  /* The questionnaires migrated are not follow-ups: none has a tolerance. */
  g_assert_cmpint (count_rows (store, "questionnaire WHERE tolerance IS NULL"), ==, 1);
  /* When after the dose was not recorded: at 2 hours, and the reading says so. */
  g_assert_cmpint (count_rows (store, "session_reading"), ==, 2);
  g_assert_cmpint (count_rows (store, "session_reading WHERE session_id = 5 AND minutes_after = 120 AND"
                                      " note LIKE 'Taken after the dose; when was not recorded%'"), ==, 1);
  g_assert_cmpint (count_rows (store, "session_reading WHERE session_id = 5 AND minutes_after = 0 AND"
                                      " note IS NULL AND created_at = '2026-03-01T10:05:00Z'"), ==, 1);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }

  /* The records read back through the store as they were. */
  {
    g_autoptr(TmSession) s = tm_store_get_session (store, 5, &error);
    g_autoptr(TmCheckin) c = tm_store_get_checkin (store, "2026-03-01", &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (s->dose_mg, ==, 37.25);
    g_assert_cmpuint (s->other_medicines, ==, 15);
    g_assert_cmpuint (s->red_flags, ==, 0);
    g_assert_cmpint (c->id, ==, 3);
    g_assert_cmpuint (c->red_flags, ==, 0);
    g_assert_cmpint (c->self_harm, ==, TM_UNSET);

    /* What the new version takes, it stores. */
    s->other_medicines = TM_MEDICINE_OPIOID | TM_MEDICINE_ALCOHOL;
    s->red_flags = TM_RED_FLAG_BREATHING;
    g_assert_true (tm_store_save_session (store, s, &error));
    g_assert_no_error (error);
    c->self_harm = 1;
    c->red_flags = TM_RED_FLAGS_ALL;
    g_assert_true (tm_store_save_checkin (store, c, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO safety_event (rule, level, source, shown_at)"
                                     " VALUES ('S12', 'caution', 'session', '2026-03-02T12:00:00Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* And what version 7 added: the follow-up, S8–S10, prompts about medicines. */
  {
    g_autoptr(TmQuestionnaire) followup = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-03-02");

    g_assert_true (tm_questionnaire_set_answers_text (followup, "001000000000"));
    followup->tolerance = 8;
    g_assert_true (tm_store_save_questionnaire (store, followup, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO safety_event (rule, level, source, shown_at)"
                                     " VALUES ('S8', 'urgent', 'questionnaire', '2026-03-02T12:00:00Z'),"
                                     " ('S7', 'info', 'medicine', '2026-03-02T12:00:00Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  /* The copy made first is version 1, untouched. */
  backup = find_backup (dir, TM_STORE_SCHEMA_VERSION);
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT user_version FROM pragma_user_version", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  tm_test_remove_tree (dir);
}

/* A fresh folder at user_version 0 gets the whole schema, with no backup
 * of the empty file. */
static void
test_new_file_gets_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *backup = find_backup (f->dir, TM_STORE_SCHEMA_VERSION);

  g_assert_null (backup);
  g_assert_cmpint (count_rows (f->store, "checkin"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "safety_event"), ==, 0);
}

/* When the disk is full, the save says so and what was stored stays. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *yesterday = day_ago (1);
  g_autofree char *today = day_ago (0);
  g_autoptr(TmCheckin) kept = full_checkin (yesterday);
  g_autoptr(TmCheckin) big = full_checkin (today);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new (NULL);

  g_assert_true (tm_store_save_checkin (f->store, kept, &error));

  g_assert_cmpint (sqlite3_exec (tm_store_get_db (f->store),
                                 "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 9000; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_free (big->note);
  big->note = g_string_free (s, FALSE);

  g_assert_false (tm_store_save_checkin (f->store, big, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "no space left"));
  g_assert_nonnull (strstr (error->message, "the check-in was not saved"));
  g_clear_error (&error);

  reopen (f);
  g_assert_null (tm_store_get_checkin (f->store, today, &error));
  found = tm_store_get_checkin (f->store, yesterday, &error);
  g_assert_true (tm_checkin_equal_content (found, kept));
}

/* A data file Tidemark may not write to (here, a read-only connection;
 * the CI runs as root, whom file permissions don't stop): the save says
 * so and what was stored stays, checked and whole. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *yesterday = day_ago (1);
  g_autofree char *today = day_ago (0);
  g_autoptr(TmCheckin) kept = full_checkin (yesterday);
  g_autoptr(TmCheckin) refused = full_checkin (today);
  g_autoptr(TmCheckin) found = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_true (tm_store_save_checkin (f->store, kept, &error));
  g_assert_cmpint (sqlite3_exec (tm_store_get_db (f->store), "PRAGMA query_only = 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);

  g_assert_false (tm_store_save_checkin (f->store, refused, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "can't write to"));
  g_assert_nonnull (strstr (error->message, "the check-in was not saved"));
  g_clear_error (&error);
  /* Nor is an edit of what is there stored half-way. */
  kept->mood = 1;
  g_assert_false (tm_store_save_checkin (f->store, kept, &error));
  g_clear_error (&error);

  reopen (f);
  g_assert_null (tm_store_get_checkin (f->store, today, &error));
  found = tm_store_get_checkin (f->store, yesterday, &error);
  g_assert_cmpint (found->mood, !=, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (f->store), "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

/* While an import is stored through another connection, a save through
 * the window's store is refused at once (never waiting with the window
 * frozen) with a sentence, and what waits for the import runs after it,
 * once, unless its owner went away. */
static int saves_after_import;

static void
count_signal_cb (guint *count)
{
  (*count)++;
}

static void
save_after_import_cb (GObject *owner)
{
  g_autoptr(GError) error = NULL;
  TmStore *store = g_object_get_data (owner, "store");

  g_assert_true (tm_store_is_writable (store));
  g_assert_true (tm_store_save_checkin (store, TM_CHECKIN (owner), &error));
  g_assert_no_error (error);
  saves_after_import++;
}

static void
test_writes_wait_for_import (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) other = tm_store_open (f->dir, &error);
  g_autofree char *today = tm_day_today ();
  g_autofree char *yesterday = day_ago (1);
  g_autoptr(TmCheckin) waiting = tm_checkin_new (today);
  TmCheckin *gone = tm_checkin_new (yesterday);
  g_autoptr(TmCheckin) found = NULL;
  guint n_changes = 0;

  g_assert_no_error (error);
  g_signal_connect_swapped (f->store, "writable-changed", G_CALLBACK (count_signal_cb), &n_changes);

  /* The import's connection holds the file's write lock... */
  g_assert_true (tm_store_begin (other, &error));
  tm_store_writing_elsewhere_begin (f->store);
  g_assert_false (tm_store_is_writable (f->store));
  g_assert_cmpuint (n_changes, ==, 1);

  /* ...so a save here is refused at once, with a sentence that says why. */
  waiting->mood = 6;
  g_assert_false (tm_store_save_checkin (f->store, waiting, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "import"));
  g_clear_error (&error);
  /* Reading goes on. */
  g_assert_null (tm_store_get_checkin (f->store, today, &error));
  g_assert_no_error (error);

  g_object_set_data (G_OBJECT (waiting), "store", f->store);
  g_object_set_data (G_OBJECT (gone), "store", f->store);
  gone->mood = 2;
  saves_after_import = 0;
  tm_store_call_when_writable (f->store, G_OBJECT (waiting), G_CALLBACK (save_after_import_cb));
  tm_store_call_when_writable (f->store, G_OBJECT (waiting), G_CALLBACK (save_after_import_cb));
  tm_store_call_when_writable (f->store, G_OBJECT (gone), G_CALLBACK (save_after_import_cb));
  g_object_unref (gone);
  g_assert_cmpint (saves_after_import, ==, 0);

  /* The import is stored; what waited is saved, once. */
  g_assert_true (tm_store_commit (other, &error));
  tm_store_writing_elsewhere_end (f->store);
  g_assert_true (tm_store_is_writable (f->store));
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpint (saves_after_import, ==, 1);
  found = tm_store_get_checkin (f->store, today, &error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->mood, ==, 6);
  g_assert_null (tm_store_get_checkin (f->store, yesterday, &error));

  /* With nothing elsewhere, the work runs at once. */
  tm_store_call_when_writable (f->store, G_OBJECT (waiting), G_CALLBACK (save_after_import_cb));
  g_assert_cmpint (saves_after_import, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("checkin/round-trip", test_round_trip);
  ADD ("checkin/optional-values-stay-unset", test_optional_values_stay_unset);
  ADD ("checkin/update-keeps-one-row", test_update_keeps_one_row);
  ADD ("checkin/note-at-limit", test_note_at_limit);
  ADD ("checkin/delete-and-restore", test_delete_and_restore);
  ADD ("checkin/restore-after-new-entry", test_restore_after_new_entry);
  ADD ("checkin/model-follows-changes", test_model_follows_changes);
  ADD ("checkin/list-by-period", test_list_by_period);
  ADD ("checkin/disk-full", test_disk_full);
  ADD ("checkin/read-only", test_read_only);
  ADD ("file/connection-settings", test_connection_settings);
  ADD ("file/new-file-gets-schema", test_new_file_gets_schema);
  ADD ("schema/v1-tables", test_schema_v1_tables);
  ADD ("schema/checks", test_schema_checks);
  ADD ("writes/wait-for-an-import-elsewhere", test_writes_wait_for_import);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/checkin/refuses/%s", refusals[i].name);
      g_test_add (path, Fixture, &refusals[i], fixture_set_up, test_refusal, fixture_tear_down);
    }

  g_test_add_func ("/store/file/permissions", test_permissions);
  g_test_add_func ("/store/file/data-dir-is-a-file", test_data_dir_is_a_file);
  g_test_add_func ("/store/damaged/not-a-database", test_damaged_not_a_database);
  g_test_add_func ("/store/damaged/page", test_damaged_page);
  g_test_add_func ("/store/damaged/newer-version", test_newer_version_refused);
  g_test_add_func ("/store/damaged/foreign-database", test_foreign_database_refused);
  g_test_add_func ("/store/migration/applies-steps-after-backup", test_migration_applies_steps);
  g_test_add_func ("/store/migration/failure-leaves-file", test_migration_failure_leaves_file);
  g_test_add_func ("/store/migration/copy-whole-or-none", test_migration_copy_whole_or_none);
  g_test_add_func ("/store/migration/v1-keeps-every-value", test_migration_v1_keeps_every_value);

  return g_test_run ();
}
