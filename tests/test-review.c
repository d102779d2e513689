/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A review's row: what it may hold, which rows stand (a correction
 * replaces the row it corrects), the period the next review covers; the
 * store's rows, only ever added; and the data file of version 2 opened by
 * this version, every row kept and a copy made first. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "tm-review.h"
#include "tm-store-error.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

static TmReview *
make_review (gint64      id,
             const char *from,
             const char *to,
             const char *finished_at)
{
  TmReview *review = tm_review_new (from, to);

  review->id = id;
  tm_review_set_author (review, "Dr. Ortiz");
  tm_review_set_finished_at (review, finished_at);
  return review;
}

static void
assert_invalid (TmReview   *review,
                const char *field,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  const char *at = NULL;

  g_assert_false (tm_review_validate (review, &at, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (at, ==, field);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_review_validate (void)
{
  g_autoptr(TmReview) review = make_review (0, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00");
  g_autofree char *long_name = g_strnfill (TM_REVIEW_AUTHOR_MAX_CHARS + 1, 'a');
  g_autofree char *today = tm_day_today ();
  g_autofree char *in_three_days = tm_day_add (today, 3);
  g_autofree char *tomorrow = tm_day_add (today, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_review_validate (review, NULL, &error));
  g_assert_no_error (error);

  /* The notes may be empty; a note is kept as written. */
  tm_review_set_note (review, "");
  g_assert_null (review->note);
  tm_review_set_note (review, "  Talked about\nthe evenings.  ");
  g_assert_cmpstr (review->note, ==, "  Talked about\nthe evenings.  ");
  g_assert_true (tm_review_validate (review, NULL, NULL));

  /* Who reviewed is required, on one line, at most 200 characters. */
  tm_review_set_author (review, NULL);
  assert_invalid (review, "author", "Write who reviewed");
  tm_review_set_author (review, "   ");
  assert_invalid (review, "author", "Write who reviewed");
  tm_review_set_author (review, long_name);
  assert_invalid (review, "author", "at most 200 characters");
  tm_review_set_author (review, "Dr.\nOrtiz");
  assert_invalid (review, "author", "one line");
  tm_review_set_author (review, "Sam (therapist)");

  /* The period: in order, real days, not in the future beyond a day's slack. */
  g_strlcpy (review->period_from, "2026-03-29", sizeof review->period_from);
  assert_invalid (review, "period_to", "must end on or after the day it starts");
  g_strlcpy (review->period_from, "2026-02-30", sizeof review->period_from);
  assert_invalid (review, "period_from", "2026-02-30");
  g_strlcpy (review->period_from, "2026-03-01", sizeof review->period_from);
  g_strlcpy (review->period_to, in_three_days, sizeof review->period_to);
  assert_invalid (review, "period_to", "haven't come yet");
  g_strlcpy (review->period_to, tomorrow, sizeof review->period_to);
  g_assert_true (tm_review_validate (review, NULL, NULL));

  /* Finished at a real time, with its offset. */
  tm_review_set_finished_at (review, NULL);
  assert_invalid (review, "finished_at", "the time it was finished");
  tm_review_set_finished_at (review, "2026-03-28 17:00");
  assert_invalid (review, "finished_at", "UTC offset");
  tm_review_set_finished_at (review, "2126-03-28T17:00:00+01:00");
  assert_invalid (review, "finished_at", "in the future");
  tm_review_set_finished_at (review, "2026-03-28T17:00:00+01:00");

  /* A correction refers to another row. */
  review->id = 7;
  review->corrects = 7;
  assert_invalid (review, "corrects", "earlier review");
  review->corrects = 6;
  g_assert_true (tm_review_validate (review, NULL, NULL));
}

static void
test_review_copy_and_describe (void)
{
  g_autoptr(TmReview) review = make_review (3, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00-05:00");
  g_autoptr(TmReview) copy = NULL;
  g_autofree char *text = NULL;

  review->corrects = 2;
  tm_review_set_note (review, "Notes.");
  copy = tm_review_copy (review);
  g_assert_cmpint (copy->id, ==, 3);
  g_assert_cmpint (copy->corrects, ==, 2);
  g_assert_cmpstr (copy->period_from, ==, "2026-03-01");
  g_assert_cmpstr (copy->period_to, ==, "2026-03-28");
  g_assert_cmpstr (copy->note, ==, "Notes.");
  g_assert_cmpstr (copy->author, ==, "Dr. Ortiz");

  /* On the day where it was finished (17:00 in New York is 23:00 here). */
  text = tm_review_describe (review);
  g_assert_cmpstr (text, ==, "Reviewed with Dr. Ortiz on Saturday 28 March 2026");
}

/* Before the first review: the last 28 days. After one: the days since
 * its period_to, to today. */
static void
test_review_next_period (void)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  char from[TM_DAY_LEN + 1], to[TM_DAY_LEN + 1];
  TmReview *correction;

  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-03-30");
  g_assert_cmpstr (to, ==, "2026-04-26");

  g_ptr_array_add (reviews, make_review (1, "2026-03-01", "2026-03-28", "2026-03-30T17:00:00+02:00"));
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-03-29");
  g_assert_cmpstr (to, ==, "2026-04-26");

  /* The last one finished counts, whatever the order of the rows. */
  g_ptr_array_insert (reviews, 0, make_review (2, "2026-04-01", "2026-04-10", "2026-04-10T17:00:00+02:00"));
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-11");

  /* A correction of it replaces it, though it was finished later than
   * the rest. */
  correction = make_review (3, "2026-04-01", "2026-04-12", "2026-04-13T09:00:00+02:00");
  correction->corrects = 2;
  g_ptr_array_add (reviews, correction);
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-13");
  g_assert_cmpstr (to, ==, "2026-04-26");

  /* A review that reached today: the next one starts tomorrow, and covers
   * no day twice. */
  g_ptr_array_add (reviews, make_review (4, "2026-04-13", "2026-04-26", "2026-04-26T18:00:00+02:00"));
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-27");
  g_assert_cmpstr (to, ==, "2026-04-27");

  /* Correcting an older review later on doesn't bring its days back. */
  correction = make_review (5, "2026-03-01", "2026-03-28", "2026-04-26T19:00:00+02:00");
  correction->corrects = 1;
  g_ptr_array_add (reviews, correction);
  tm_review_next_period (reviews, "2026-04-26", from, to);
  g_assert_cmpstr (from, ==, "2026-04-27");
}

/* Newest first: by the days covered, a correction in the place of the
 * review it corrects. */
static void
test_review_list_newest_first (void)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sorted = NULL;
  TmReview *correction;

  g_ptr_array_add (reviews, make_review (1, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00"));
  g_ptr_array_add (reviews, make_review (2, "2026-03-29", "2026-04-10", "2026-04-10T17:00:00+02:00"));
  correction = make_review (3, "2026-03-01", "2026-03-28", "2026-04-20T09:00:00+02:00");
  correction->corrects = 1;
  g_ptr_array_add (reviews, correction);

  sorted = tm_review_list_newest_first (reviews);
  g_assert_cmpuint (sorted->len, ==, 2);
  g_assert_cmpint (((TmReview *) sorted->pdata[0])->id, ==, 2);
  g_assert_cmpint (((TmReview *) sorted->pdata[1])->id, ==, 3);
}

static void
test_review_list_current (void)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) current = NULL;
  TmReview *again;

  g_ptr_array_add (reviews, make_review (1, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00"));
  g_ptr_array_add (reviews, make_review (2, "2026-03-29", "2026-04-10", "2026-04-10T17:00:00+02:00"));
  again = make_review (3, "2026-03-29", "2026-04-10", "2026-04-11T09:00:00+02:00");
  again->corrects = 2;
  g_ptr_array_add (reviews, again);
  /* A correction of the correction. */
  again = make_review (4, "2026-03-29", "2026-04-11", "2026-04-12T09:00:00+02:00");
  again->corrects = 3;
  g_ptr_array_add (reviews, again);

  current = tm_review_list_current (reviews);
  g_assert_cmpuint (current->len, ==, 2);
  g_assert_cmpint (((TmReview *) current->pdata[0])->id, ==, 1);
  g_assert_cmpint (((TmReview *) current->pdata[1])->id, ==, 4);
  g_assert_true (tm_review_find_latest (reviews) == (gpointer) again);
  g_assert_null (tm_review_find_latest (NULL));
}

static void
on_changed (TmStore *store,
            guint   *n)
{
  (*n)++;
}

static int
exec_sql (TmStore    *store,
          const char *sql)
{
  int rc = sqlite3_exec (tm_store_get_db (store), sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? rc : sqlite3_extended_errcode (tm_store_get_db (store));
}

/* Rows are only added: the store has no call to change or remove one, and
 * the data file refuses it; a correction names a stored row. The next
 * review starts the day after the last one's period. */
static void
test_review_stored_append_only (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmReview) review = make_review (0, "2026-03-01", "2026-03-28", "2026-03-28T17:00:00+01:00");
  g_autoptr(TmReview) correction = make_review (0, "2026-03-01", "2026-03-29", "2026-03-29T09:00:00+02:00");
  g_autoptr(TmReview) stray = make_review (0, "2026-03-01", "2026-03-29", "2026-03-29T10:00:00+02:00");
  g_autoptr(TmReview) invalid = make_review (0, "2026-03-29", "2026-03-28", "2026-03-29T10:00:00+02:00");
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tm_day_today ();
  char from[TM_DAY_LEN + 1], to[TM_DAY_LEN + 1];
  guint n_changed = 0;

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "reviews-changed", G_CALLBACK (on_changed), &n_changed);

  g_assert_true (tm_store_get_next_review_period (store, from, to, &error));
  g_assert_cmpint (tm_day_diff (from, to), ==, TM_REVIEW_FIRST_DAYS - 1);
  g_assert_cmpstr (to, ==, today);

  tm_review_set_note (review, "Talked about the evenings.");
  g_assert_true (tm_store_add_review (store, review, &error));
  g_assert_no_error (error);
  g_assert_cmpint (review->id, >, 0);
  g_assert_nonnull (review->created_at);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (tm_store_get_next_review_period (store, from, to, &error));
  g_assert_cmpstr (from, ==, "2026-03-29");
  g_assert_cmpstr (to, ==, today);

  /* Bad rows are refused with a sentence, and nothing is stored. */
  g_assert_false (tm_store_add_review (store, invalid, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  stray->corrects = 999;
  g_assert_false (tm_store_add_review (store, stray, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The review this one corrects is not in the record.");
  g_clear_error (&error);
  g_assert_cmpuint (n_changed, ==, 1);

  correction->corrects = review->id;
  tm_review_set_note (correction, "Talked about the evenings and the mornings.");
  g_assert_true (tm_store_add_review (store, correction, &error));
  g_assert_no_error (error);

  /* Both rows are there, the earlier one as it was. */
  reviews = tm_store_list_reviews (store, &error);
  g_assert_cmpuint (reviews->len, ==, 2);
  g_assert_cmpstr (((TmReview *) reviews->pdata[0])->note, ==, "Talked about the evenings.");
  g_assert_cmpint (((TmReview *) reviews->pdata[1])->corrects, ==, review->id);
  g_assert_true (tm_store_get_next_review_period (store, from, to, &error));
  g_assert_cmpstr (from, ==, "2026-03-30");

  /* The data file refuses a change or a removal, even straight in SQL. */
  g_assert_cmpint (exec_sql (store, "UPDATE review SET note = 'changed'"), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (exec_sql (store, "DELETE FROM review"), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (exec_sql (store, "INSERT INTO review (period_from, period_to, finished_at, author, created_at,"
                                    " corrects) VALUES ('2026-03-01', '2026-03-02', '2026-03-02T10:00:00Z', 'x',"
                                    " '2026-03-02T10:00:00Z', 999)"), ==, SQLITE_CONSTRAINT_FOREIGNKEY);
  g_clear_pointer (&reviews, g_ptr_array_unref);
  reviews = tm_store_list_reviews (store, &error);
  g_assert_cmpuint (reviews->len, ==, 2);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

static char *
dump (TmStore    *store,
      const char *sql)
{
  sqlite3_stmt *stmt;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (tm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s|", sqlite3_column_type (stmt, i) == SQLITE_NULL
                                             ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (text, FALSE);
}

/* A data file of version 2 opened by this Tidemark: a copy of it is made
 * first, every row keeps every value, nothing is marked to discuss, no
 * pre-treatment values are entered, and there are no reviews yet. */
static void
test_review_migration_from_v2 (void)
{
  static const char * const tables[] = {
    "SELECT * FROM checkin ORDER BY id",
    "SELECT id,taken_at,dose_mg,route,setting,monitor_present,mood_before,dissociation_peak,effects,"
    "effects_minutes,nausea,sedation,bp_before_sys,bp_before_dia,bp_after_sys,bp_after_dia,other_medicines,note,"
    "created_at,updated_at,red_flags FROM session ORDER BY id",
    "SELECT id,kind,day,answers,difficulty,total,created_at FROM questionnaire ORDER BY id",
    "SELECT id,effective_from,interval_days,dose_mg,route,tolerance_days,instructions,author,created_at"
    " FROM plan ORDER BY id",
    "SELECT * FROM plan_date ORDER BY id",
    "SELECT * FROM safety_event ORDER BY id",
    "SELECT * FROM meta ORDER BY key",
  };
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(TmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *before[G_N_ELEMENTS (tables)];
  GDir *d;
  const char *name;
  g_autofree char *copy = NULL;
  guint n;

  store = tm_store_open_with_steps (dir, tm_schema_get_steps (&n), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (exec_sql (store,
    "INSERT INTO checkin VALUES (3, '2026-03-01', 6, 3, 0, 7.5, 66, 4, 'A note', '2026-03-01T20:00:00Z',"
    "  '2026-03-02T08:00:00Z', 36, 1);"
    "INSERT INTO checkin VALUES (7, '2026-03-02', 0, NULL, NULL, NULL, 0, NULL, NULL, '2026-03-02T20:00:00Z',"
    "  '2026-03-02T20:00:00Z', 0, NULL);"
    "INSERT INTO session VALUES (5, '2026-03-01T10:00:00+09:00', 37.25, 'intranasal', 'clinic', 1, 4, 7, 127, 95,"
    "  2, 3, 141, 91, 182, 111, 48, 'felt far away', '2026-03-01T10:05:00Z', '2026-03-01T12:00:00Z', 2);"
    "INSERT INTO questionnaire VALUES (2, 'phq9', '2026-03-01', '012301231', 2, 13, '2026-03-01T19:00:00Z');"
    "INSERT INTO plan VALUES (4, '2026-02-01', 14, 50, 'sublingual', 2, 'With food.', 'Dr. Ortiz',"
    "  '2026-02-01T09:00:00Z');"
    "INSERT INTO plan_date VALUES (6, '2026-03-10', 'extra', 'travel', '2026-03-01T09:00:00Z');"
    "INSERT INTO safety_event VALUES (8, 'S12', 'caution', 'session', 5, '2026-03-01T12:00:01Z', NULL, NULL, NULL);"
    "INSERT INTO meta VALUES ('clinician-name', 'Dr. Ortiz');"), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    before[i] = dump (store, tables[i]);
  g_clear_object (&store);

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *after = NULL;

      /* The check-ins gained a column: compare what they had. */
      if (i == 0)
        after = dump (store, "SELECT id,day,mood,anxiety,energy,sleep_hours,effects,effects_intensity,note,"
                             "created_at,updated_at,red_flags,self_harm FROM checkin ORDER BY id");
      /* The blood pressures became readings (version 5). */
      else if (i == 1)
        {
          g_autoptr(GString) sql = g_string_new (tables[i]);

          tm_test_view_sessions_as_v4 (tm_store_get_db (store));
          g_string_replace (sql, "FROM session ", "FROM session_as_v4 ", 1);
          after = dump (store, sql->str);
        }
      else
        after = dump (store, tables[i]);
      g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }
  {
    g_autofree char *added = dump (store, "SELECT (SELECT group_concat(discuss) FROM checkin),"
                                          " (SELECT group_concat(discuss) FROM session),"
                                          " (SELECT count(*) FROM plan WHERE pre_phq9 IS NULL AND pre_mood IS NULL),"
                                          " (SELECT count(*) FROM review)");

    g_assert_cmpstr (added, ==, "0,0|0|1|0|\n");
  }

  /* The copy made first is the file of version 2. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "tidemark-before-v" G_STRINGIFY (TM_STORE_SCHEMA_VERSION) "-"))
      copy = g_build_filename (dir, name, NULL);
  g_dir_close (d);
  g_assert_nonnull (copy);
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                             " (SELECT count(*) FROM checkin)", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 2);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* A period chosen on the Review page is checked as a stored review's. */
static void
test_review_validate_period (void)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *next_week = tm_day_add (today, 7);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_assert_true (tm_review_validate_period ("2026-11-01", "2026-11-28", &field, &error));
  g_assert_no_error (error);
  g_assert_true (tm_review_validate_period ("2026-11-28", "2026-11-28", NULL, &error));

  g_assert_false (tm_review_validate_period ("2026-11-28", "2026-11-01", &field, &error));
  g_assert_cmpstr (field, ==, "period_to");
  g_assert_cmpstr (error->message, ==, "A review's period must end on or after the day it starts. Check the dates.");
  g_clear_error (&error);

  g_assert_false (tm_review_validate_period (today, next_week, &field, &error));
  g_assert_cmpstr (field, ==, "period_to");
  g_assert_nonnull (strstr (error->message, "haven't come yet"));
  g_clear_error (&error);

  /* Not even tomorrow, which a stored review from further east may end on. */
  {
    g_autofree char *tomorrow = tm_day_add (today, 1);

    g_assert_false (tm_review_validate_period (tomorrow, tomorrow, &field, &error));
    g_assert_cmpstr (field, ==, "period_to");
    g_clear_error (&error);
    g_assert_true (tm_review_validate_period (today, today, &field, &error));
  }

  g_assert_false (tm_review_validate_period ("2026-02-30", "2026-03-01", &field, &error));
  g_assert_cmpstr (field, ==, "period_from");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/validate", test_review_validate);
  g_test_add_func ("/review/validate-period", test_review_validate_period);
  g_test_add_func ("/review/copy-and-describe", test_review_copy_and_describe);
  g_test_add_func ("/review/next-period", test_review_next_period);
  g_test_add_func ("/review/list-newest-first", test_review_list_newest_first);
  g_test_add_func ("/review/list-current", test_review_list_current);
  g_test_add_func ("/review/stored-append-only", test_review_stored_append_only);
  g_test_add_func ("/review/migration-from-v2", test_review_migration_from_v2);

  return g_test_run ();
}
