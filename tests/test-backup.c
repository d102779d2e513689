/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups: made once a day, 7 daily and 4 weekly kept, private to their
 * owner; restoring moves the current file aside; a damaged data file is
 * left as it was, moved aside, and the newest good backup takes its place. */
#include "config.h"

#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tm-csv.h"
#include "tm-store-backup.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

static void
save_checkin (TmStore    *store,
              const char *day,
              int         mood)
{
  g_autoptr(TmCheckin) c = tm_checkin_new (day);
  g_autoptr(GError) error = NULL;

  c->mood = mood;
  g_assert_true (tm_store_save_checkin (store, c, &error));
}

static int
mood_on (TmStore    *store,
         const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCheckin) c = tm_store_get_checkin (store, day, &error);

  g_assert_no_error (error);
  return c != NULL ? c->mood : -1;
}

static GPtrArray *
backup_days (const char *dir)
{
  g_autoptr(GPtrArray) backups = tm_backups_list (dir);
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < backups->len; i++)
    g_ptr_array_add (days, g_strdup (((TmBackup *) backups->pdata[i])->day));
  return days;
}

static void
test_once_a_day (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GPtrArray) backups = NULL;
  TmBackup *backup;
  GStatBuf info;

  save_checkin (store, "2026-11-20", 6);
  g_assert_true (tm_store_back_up_if_due (store, "2026-11-28", &error));
  g_assert_no_error (error);
  /* Not twice the same day. */
  g_assert_false (tm_store_back_up_if_due (store, "2026-11-28", &error));
  g_assert_no_error (error);

  backups = tm_backups_list (dir);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = backups->pdata[0];
  g_assert_cmpstr (backup->day, ==, "2026-11-28");
  g_assert_cmpint (backup->size, >, 0);
  g_assert_cmpint (g_stat (backup->path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  /* The next day, another. */
  g_assert_true (tm_store_back_up_if_due (store, "2026-11-29", &error));
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = tm_backups_list (dir);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((TmBackup *) backups->pdata[0])->day, ==, "2026-11-29");

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* Forty days of backups: the 7 newest stay, and the newest of each of the
 * 4 weeks before them. */
static void
test_pruning (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GPtrArray) days = NULL;
  static const char * const kept[] = {
    /* Daily: 18–24 November. */
    "2026-11-24", "2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19", "2026-11-18",
    /* Weekly: the newest of each of the 4 weeks before theirs, from Mondays 9 and 2 November,
     * 26 and 19 October. */
    "2026-11-15", "2026-11-08", "2026-11-01", "2026-10-25",
  };

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *day = tm_day_add ("2026-11-24", -i);
      g_autofree char *name = g_strdup_printf ("tidemark-backup-%s.db", day);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, "a backup", -1, NULL));
    }
  /* Not a backup: left alone. */
  {
    g_autofree char *other = g_build_filename (dir, "tidemark-backup-notes.txt", NULL);

    g_assert_true (g_file_set_contents (other, "mine", -1, NULL));
  }
  /* A copy's temporary file: one left by a crash two days ago goes, one
   * being written now stays. */
  {
    g_autofree char *stale = g_build_filename (dir, "tidemark-backup-2026-11-22.db.partial-AbC123", NULL);
    g_autofree char *fresh = g_build_filename (dir, "tidemark-backup-2026-11-24.db.partial-XyZ789", NULL);
    struct utimbuf two_days_ago = { 0 };

    g_assert_true (g_file_set_contents (stale, "half a copy", -1, NULL));
    g_assert_true (g_file_set_contents (fresh, "half a copy", -1, NULL));
    two_days_ago.actime = two_days_ago.modtime = time (NULL) - 2 * 24 * 60 * 60;
    g_assert_cmpint (g_utime (stale, &two_days_ago), ==, 0);
    tm_backups_prune (dir, "2026-11-24");
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
    g_unlink (fresh);
  }

  tm_backups_prune (dir, "2026-11-24");
  days = backup_days (dir);
  g_assert_cmpuint (days->len, ==, G_N_ELEMENTS (kept));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_cmpstr (days->pdata[i], ==, kept[i]);
  {
    g_autofree char *other = g_build_filename (dir, "tidemark-backup-notes.txt", NULL);

    g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  tm_test_remove_tree (dir);
}

/* Restoring replaces the data at once and keeps the file it replaced. */
static void
test_restore (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GListModel) checkins = NULL;
  g_autoptr(TmStore) moved = NULL;
  g_autofree char *moved_dir = tm_test_make_data_dir ();

  save_checkin (store, "2026-11-01", 3);
  g_assert_true (tm_store_back_up_now (store, "2026-11-02", &error));
  save_checkin (store, "2026-11-01", 8);
  save_checkin (store, "2026-11-02", 7);
  checkins = g_object_ref (tm_store_get_checkins (store));
  g_assert_cmpuint (g_list_model_get_n_items (checkins), ==, 2);

  backups = tm_backups_list (dir);

  /* Not while an export, import or backup works on the file. */
  tm_store_busy_begin (store);
  g_assert_false (tm_store_restore_backup (store, ((TmBackup *) backups->pdata[0])->path, &aside, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
  g_assert_cmpint (mood_on (store, "2026-11-01"), ==, 8);
  g_assert_null (aside);
  g_clear_error (&error);
  tm_store_busy_end (store);

  g_assert_true (tm_store_restore_backup (store, ((TmBackup *) backups->pdata[0])->path, &aside, &error));
  g_assert_no_error (error);

  /* The data is the backup's, the lists follow… */
  g_assert_cmpint (mood_on (store, "2026-11-01"), ==, 3);
  g_assert_cmpint (mood_on (store, "2026-11-02"), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (checkins), ==, 1);

  /* …and the file it replaced is kept, whole. */
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, dir));
  {
    g_autofree char *target = g_build_filename (moved_dir, "tidemark.db", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (aside, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
    moved = tm_store_open (moved_dir, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mood_on (moved, "2026-11-01"), ==, 8);
    g_assert_cmpint (mood_on (moved, "2026-11-02"), ==, 7);
  }

  /* Saving after the restore works. */
  save_checkin (store, "2026-11-03", 5);
  g_assert_cmpint (mood_on (store, "2026-11-03"), ==, 5);

  g_clear_object (&moved);
  g_clear_object (&store);
  tm_test_remove_tree (moved_dir);
  tm_test_remove_tree (dir);
}

/* Another program reading the data (an export from the command line, say)
 * holds its log: the restore waits, says so, and changes nothing. */
static void
test_restore_while_read (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *aside = NULL;
  sqlite3 *reader;
  sqlite3_stmt *stmt;

  save_checkin (store, "2026-11-01", 3);
  g_assert_true (tm_store_back_up_now (store, "2026-11-02", &error));
  save_checkin (store, "2026-11-01", 8);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT mood FROM checkin", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  backups = tm_backups_list (dir);
  g_assert_false (tm_store_restore_backup (store, ((TmBackup *) backups->pdata[0])->path, &aside, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "the backup was not restored"));
  g_clear_error (&error);
  g_assert_null (aside);
  g_assert_cmpint (mood_on (store, "2026-11-01"), ==, 8);
  save_checkin (store, "2026-11-04", 6);

  sqlite3_finalize (stmt);
  sqlite3_close (reader);
  /* Once it has finished, the restore goes through. */
  g_assert_true (tm_store_restore_backup (store, ((TmBackup *) backups->pdata[0])->path, &aside, &error));
  g_assert_cmpint (mood_on (store, "2026-11-01"), ==, 3);
  g_assert_cmpint (mood_on (store, "2026-11-04"), ==, -1);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* A data file gone, its log left behind (a crash, a file moved by hand):
 * the log goes aside and is never applied to the backup put in place. */
static void
test_recover_with_orphan_log (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmBackup) good = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *other_dir = tm_test_make_data_dir ();

  save_checkin (store, "2026-11-01", 3);
  g_assert_true (tm_store_back_up_now (store, "2026-11-02", &error));
  g_clear_object (&store);

  /* A real log of other saves, from a copy of the data elsewhere. */
  {
    g_autofree char *other_db = g_build_filename (other_dir, "tidemark.db", NULL);
    g_autofree char *other_wal = g_strconcat (other_db, "-wal", NULL);
    g_autofree char *contents = NULL;
    gsize length;
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                       "UPDATE checkin SET mood = 9;", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 0);
    g_assert_true (g_file_set_contents (other_wal, contents, (gssize) length, NULL));
    sqlite3_close (db);
    g_unlink (db_path);
    g_assert_true (g_file_set_contents (wal, contents, (gssize) length, NULL));
  }

  good = tm_backups_find_good (dir);
  g_assert_nonnull (good);
  g_assert_true (tm_backups_recover (dir, good->path, &aside, &error));
  g_assert_no_error (error);
  g_assert_null (aside);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mood_on (store, "2026-11-01"), ==, 3);

  g_clear_object (&store);
  tm_test_remove_tree (other_dir);
  tm_test_remove_tree (dir);
}

/* A backup dated after today (the clock was wrong): today's is still made,
 * and the future one neither takes a daily place nor is removed. */
static void
test_backup_from_the_future (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GPtrArray) days = NULL;

  save_checkin (store, "2026-11-01", 3);
  g_assert_true (tm_store_back_up_now (store, "2027-03-01", &error));
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *day = tm_day_add ("2026-11-10", i);

      g_assert_true (tm_store_back_up_if_due (store, day, &error));
      g_assert_no_error (error);
      g_assert_false (tm_store_back_up_if_due (store, day, &error));
    }

  days = backup_days (dir);
  /* 10–12 November share their week with daily ones, so no weekly one is due. */
  g_assert_cmpuint (days->len, ==, 1 + 7);
  g_assert_cmpstr (days->pdata[0], ==, "2027-03-01");
  g_assert_cmpstr (days->pdata[1], ==, "2026-11-19");
  g_assert_cmpstr (days->pdata[7], ==, "2026-11-13");

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* A damaged data file: refused and left as it was; the newest backup that
 * passes its check comes back; the damaged file is kept aside, unchanged. */
static void
test_damaged (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(TmBackup) good = NULL;
  g_autofree char *aside = NULL;

  save_checkin (store, "2026-10-01", 4);
  g_assert_true (tm_store_back_up_now (store, "2026-10-02", &error));
  save_checkin (store, "2026-10-01", 9);
  g_assert_true (tm_store_back_up_now (store, "2026-10-03", &error));
  g_clear_object (&store);

  /* The newest backup is damaged too; the one before is not. */
  {
    g_autofree char *newest = g_build_filename (dir, "tidemark-backup-2026-10-03.db", NULL);

    g_assert_true (g_file_set_contents (newest, "not a database at all", -1, NULL));
  }
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
    memset (contents + 1024, 0x5a, MIN (length - 1024, 4096));
    g_assert_true (g_file_set_contents (db_path, contents, (gssize) length, NULL));
    damaged = tm_test_read_file (db_path);
  }

  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED);
  {
    /* What the window and the command line say: the good backup, by day and name. */
    g_autofree char *text = tm_store_explain_error (dir, error);

    g_assert_nonnull (strstr (text, "is damaged"));
    g_assert_nonnull (strstr (text, "tidemark-backup-2026-10-02.db"));
    g_assert_null (strstr (text, "2026-10-03"));
  }
  g_clear_error (&error);
  {
    g_autoptr(GBytes) after = tm_test_read_file (db_path);

    tm_test_assert_bytes_equal (damaged, after);
  }

  good = tm_backups_find_good (dir);
  g_assert_nonnull (good);
  g_assert_cmpstr (good->day, ==, "2026-10-02");
  /* A log the damaged file left goes with it: it must never be applied to the backup. */
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

    g_assert_true (g_file_set_contents (wal, "the damaged file's log", -1, NULL));
  }
  g_assert_true (tm_backups_recover (dir, good->path, &aside, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) kept = tm_test_read_file (aside);
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *kept_wal = g_strconcat (aside, "-wal", NULL);
    g_autofree char *log = NULL;

    tm_test_assert_bytes_equal (damaged, kept);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_get_contents (kept_wal, &log, NULL, NULL));
    g_assert_cmpstr (log, ==, "the damaged file's log");
  }

  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mood_on (store, "2026-10-01"), ==, 4);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* With no good backup, the explanation says so rather than offering one. */
static void
test_damaged_without_backup (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (db_path, "SQLite format 3 but not really, just words", -1, NULL));
  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED);
  text = tm_store_explain_error (dir, error);
  g_assert_nonnull (strstr (text, "There is no good backup"));
  g_assert_null (tm_backups_find_good (dir));
  tm_test_remove_tree (dir);
}

static int
count_checkins_in (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM checkin", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The record as the file holds it: every row of every table, table by
 * table, for comparing two files. */
static char *
dump_records (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", (char *) tables->pdata[t]);

      g_string_append_printf (out, "[%s]\n", (char *) tables->pdata[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The copies made before imports, newest first. */
static GPtrArray *
before_import_copies (const char *dir)
{
  g_autoptr(GPtrArray) backups = tm_backups_list (dir);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < backups->len; i++)
    {
      TmBackup *backup = backups->pdata[i];

      if (backup->kind == TM_BACKUP_BEFORE_IMPORT)
        g_ptr_array_add (paths, g_strdup (backup->path));
    }
  return paths;
}

/* One check-in, as --export-csv writes it. */
static void
import_checkin (TmStore    *store,
                const char *day,
                int         mood)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv =
    g_strdup_printf ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\",\"effects_intensity\","
                     "\"note\",\"created_at\",\"updated_at\"\r\n"
                     "\"%s\",%d,,,,0,,,\"%sT20:00:00Z\",\"%sT20:00:00Z\"\r\n", day, mood, day, day);

  g_assert_true (tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", csv, strlen (csv)));
  g_assert_true (tm_store_import_csv (store, import, TM_CONFLICT_KEEP, NULL, &error));
  g_assert_no_error (error);
}

/* Every import keeps its own way back: a copy of the data as it was just
 * before it, private to its owner, however many imports a day brings; the
 * last 5 are kept. They are listed with the backups, as made before an
 * import, and pruning leaves them alone. */
static void
test_before_import (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) copies = NULL;

  save_checkin (store, "2026-11-01", 3);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *day = tm_day_add ("2026-11-10", i);

      g_ptr_array_add (before, dump_records (db_path));
      import_checkin (store, day, i);
      g_assert_cmpint (mood_on (store, day), ==, i);

      /* Two imports, most likely within one second: two copies. */
      if (i == 1)
        {
          g_clear_pointer (&copies, g_ptr_array_unref);
          copies = before_import_copies (dir);
          g_assert_cmpuint (copies->len, ==, 2);
          for (guint c = 0; c < 2; c++)
            {
              g_autofree char *copy = dump_records (copies->pdata[c]);
              GStatBuf info;

              g_assert_cmpstr (copy, ==, before->pdata[1 - c]);
              g_assert_cmpint (g_stat (copies->pdata[c], &info), ==, 0);
              g_assert_cmpint (info.st_mode & 0777, ==, 0600);
            }
        }
    }

  /* The last five: of the data before imports 2 to 6. */
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = before_import_copies (dir);
  g_assert_cmpuint (copies->len, ==, 5);
  for (guint c = 0; c < 5; c++)
    {
      g_autofree char *copy = dump_records (copies->pdata[c]);

      g_assert_cmpstr (copy, ==, before->pdata[5 - c]);
    }

  /* No daily backup was made or replaced for them, and pruning, however
   * late, counts them not. */
  {
    g_autoptr(GPtrArray) listed = tm_backups_list (dir);

    g_assert_cmpuint (listed->len, ==, 5);
  }
  tm_backups_prune (dir, "2027-06-01");
  {
    g_autoptr(GPtrArray) after = before_import_copies (dir);

    g_assert_cmpuint (after->len, ==, 5);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* Copies made at the same moment each have their own name. */
static void
test_before_import_same_second (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 9, 15, 0);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  save_checkin (store, "2026-11-01", 3);
  g_assert_true (tm_store_back_up_before_import (store, now, &first, &error));
  g_assert_no_error (error);
  save_checkin (store, "2026-11-01", 4);
  g_assert_true (tm_store_back_up_before_import (store, now, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_str_has_suffix (first, "/tidemark-before-import-20261128-091500.db"));

  copies = tm_backups_list (dir);
  g_assert_cmpuint (copies->len, ==, 2);
  /* The later one first. */
  g_assert_cmpstr (((TmBackup *) copies->pdata[0])->path, ==, second);
  g_assert_cmpstr (((TmBackup *) copies->pdata[0])->day, ==, "2026-11-28");
  g_assert_cmpstr (((TmBackup *) copies->pdata[0])->time, ==, "09:15");
  {
    g_autoptr(TmStore) other = NULL;
    g_autofree char *other_dir = tm_test_make_data_dir ();
    g_autofree char *target = g_build_filename (other_dir, "tidemark.db", NULL);
    g_autoptr(GBytes) bytes = tm_test_read_file (first);

    g_assert_true (g_file_set_contents (target, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                        NULL));
    other = tm_store_open (other_dir, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mood_on (other, "2026-11-01"), ==, 3);
    g_clear_object (&other);
    tm_test_remove_tree (other_dir);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* A folder with a week of check-ins and a backup of them. */
static char *
make_backed_up_dir (void)
{
  char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);

  g_assert_no_error (error);
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *day = tm_day_add ("2026-11-01", i);

      save_checkin (store, day, i);
    }
  g_assert_true (tm_store_back_up_now (store, "2026-11-08", &error));
  g_assert_no_error (error);
  return dir;
}

/* An empty, foreign or missing data file beside a backup of real data is
 * no new start: Tidemark refuses it as damaged, changes nothing (not even
 * the empty file, nor a log beside it), and the backup brings the data
 * back. */
static void
test_empty_or_foreign_file (void)
{
  static const struct { const char *what; const char *contents; gssize length; } files[] = {
    { "empty", "", 0 },
    { "text", "my shopping list\nbread\nmilk\n", -1 },
    { "random bytes", "\x8f\x01\xff\x00\x37\xc4\x10\x99\x00\x00\x5a\xee\x01\x02\x03\x04", 16 },
    { "missing", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = make_backed_up_dir ();
      g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TmStore) store = NULL;
      g_autoptr(TmBackup) good = NULL;
      g_autofree char *text = NULL;
      g_autofree char *aside = NULL;

      g_test_message ("a data file that is %s", files[i].what);
      g_unlink (db_path);
      if (files[i].contents != NULL)
        {
          g_assert_true (g_file_set_contents (db_path, files[i].contents, files[i].length, NULL));
          /* A log beside an empty file may hold the data: SQLite would remove it. */
          g_assert_true (g_file_set_contents (wal, "the log of the data that was there", -1, NULL));
        }

      store = tm_store_open (dir, &error);
      g_assert_null (store);
      g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, db_path));
      text = tm_store_explain_error (dir, error);
      g_assert_nonnull (strstr (text, "tidemark-backup-2026-11-08.db"));
      g_clear_error (&error);

      if (files[i].contents == NULL)
        {
          g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
        }
      else
        {
          g_autofree char *after = NULL;
          g_autofree char *log = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (db_path, &after, &length, NULL));
          g_assert_cmpmem (after, length, files[i].contents,
                           files[i].length < 0 ? strlen (files[i].contents) : (gsize) files[i].length);
          g_assert_true (g_file_get_contents (wal, &log, NULL, NULL));
          g_assert_cmpstr (log, ==, "the log of the data that was there");
        }

      /* The way back the explanation offers. */
      good = tm_backups_find_good (dir);
      g_assert_nonnull (good);
      g_assert_true (tm_backups_recover (dir, good->path, &aside, &error));
      g_assert_no_error (error);
      g_assert_true ((aside == NULL) == (files[i].contents == NULL));
      store = tm_store_open (dir, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mood_on (store, "2026-11-07"), ==, 6);

      g_clear_object (&store);
      tm_test_remove_tree (dir);
    }
}

/* Without a backup beside it, an empty data file is a new start (a first
 * run that was cut off before its first save leaves one). */
static void
test_empty_file_without_backup (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;

  g_assert_true (g_file_set_contents (db_path, "", 0, NULL));
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  save_checkin (store, "2026-11-01", 5);
  g_assert_cmpint (mood_on (store, "2026-11-01"), ==, 5);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* The data backed up day by day, then every record deleted (by mistake,
 * or by a fault): however many days pass, the newest backup that holds
 * the records is kept, until the file holds as many again. */
static void
test_pruning_keeps_the_record (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(GPtrArray) days = NULL;
  g_autofree char *last_full = NULL;
  g_autofree char *last_full_path = NULL;
  g_autofree char *day = NULL;
  int d = 0;

  /* Ten days of check-ins, each backed up the day after. */
  for (; d < 10; d++)
    {
      g_free (day);
      day = tm_day_add ("2026-10-01", d);
      save_checkin (store, day, d % 11);
      g_free (day);
      day = tm_day_add ("2026-10-02", d);
      g_assert_true (tm_store_back_up_if_due (store, day, &error));
      g_assert_no_error (error);
    }
  last_full = g_strdup (day);
  last_full_path = g_strdup_printf ("%s/tidemark-backup-%s.db", dir, last_full);
  g_assert_cmpint (count_checkins_in (last_full_path), ==, 10);

  /* Emptied; then seven weeks of opening Tidemark every day. */
  {
    g_autoptr(GPtrArray) all = tm_store_list_checkins (store, NULL, NULL, &error);

    for (guint i = 0; i < all->len; i++)
      g_assert_true (tm_store_delete_checkin (store, all->pdata[i], &error));
  }
  for (; d < 10 + 50; d++)
    {
      g_free (day);
      day = tm_day_add ("2026-10-02", d);
      g_assert_true (tm_store_back_up_if_due (store, day, &error));
      g_assert_no_error (error);
    }

  g_assert_true (g_file_test (last_full_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_checkins_in (last_full_path), ==, 10);
  /* Only that one more than usual: the older ones went as they would. */
  days = backup_days (dir);
  g_assert_cmpuint (days->len, ==, 7 + 4 + 1);
  g_assert_cmpstr (days->pdata[days->len - 1], ==, last_full);

  /* A partial return (a week of new check-ins) still holds fewer… */
  for (int i = 0; i < 7; i++)
    {
      g_free (day);
      day = tm_day_add ("2026-11-01", i);
      save_checkin (store, day, 5);
    }
  g_free (day);
  day = tm_day_add ("2026-10-02", d++);
  g_assert_true (tm_store_back_up_if_due (store, day, &error));
  g_assert_true (g_file_test (last_full_path, G_FILE_TEST_EXISTS));

  /* …as many records as the backup, and it goes the usual way. */
  for (int i = 7; i < 10; i++)
    {
      g_free (day);
      day = tm_day_add ("2026-11-01", i);
      save_checkin (store, day, 5);
    }
  g_free (day);
  day = tm_day_add ("2026-10-02", d++);
  g_assert_true (tm_store_back_up_if_due (store, day, &error));
  g_assert_false (g_file_test (last_full_path, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/once-a-day", test_once_a_day);
  g_test_add_func ("/backup/pruning", test_pruning);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-while-read", test_restore_while_read);
  g_test_add_func ("/backup/recover-with-orphan-log", test_recover_with_orphan_log);
  g_test_add_func ("/backup/from-the-future", test_backup_from_the_future);
  g_test_add_func ("/backup/damaged", test_damaged);
  g_test_add_func ("/backup/damaged-without-backup", test_damaged_without_backup);
  g_test_add_func ("/backup/empty-or-foreign-file", test_empty_or_foreign_file);
  g_test_add_func ("/backup/empty-file-without-backup", test_empty_file_without_backup);
  g_test_add_func ("/backup/pruning-keeps-the-record", test_pruning_keeps_the_record);
  g_test_add_func ("/backup/before-import", test_before_import);
  g_test_add_func ("/backup/before-import-same-second", test_before_import_same_second);

  return g_test_run ();
}
