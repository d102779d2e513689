/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A killed Tidemark loses nothing it reported saved (DESIGN.md,
 * Reliability promises). A helper saves check-ins one after another and
 * reports each save on a pipe once the store says it is done; it is killed
 * with SIGKILL at a random moment, over and over. After every kill each
 * reported save is in the file, exactly, and PRAGMA integrity_check says
 * "ok".
 *
 * TIDEMARK_CRASH_KILLS sets how many kills (200 by default; more to soak:
 * the saves go day by day from 1750, so up to about 5,000 kills). */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tm-test-util.h"

static const char *writer;

typedef struct
{
  GPid     pid;
  int      out;        /* its reports */
  GString *pending;    /* a report not yet ended by its newline */
} Writer;

static void
writer_start (Writer     *w,
              const char *dir,
              guint64     first)
{
  g_autofree char *first_text = g_strdup_printf ("%" G_GUINT64_FORMAT, first);
  const char *argv[] = { writer, dir, first_text, NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &w->pid, NULL,
                            &w->out, NULL, &error);
  g_assert_no_error (error);
  w->pending = g_string_new (NULL);
}

/* Reads what the writer reported, into @acked; blocks until at least one
 * more report when @wait_for_one. Returns FALSE at the end of its output. */
static gboolean
writer_read (Writer     *w,
             GHashTable *acked,
             gboolean    wait_for_one)
{
  char buffer[4096];
  guint before = g_hash_table_size (acked);

  do
    {
      gssize n = read (w->out, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return FALSE;
      for (gssize i = 0; i < n; i++)
        {
          if (buffer[i] != '\n')
            {
              g_string_append_c (w->pending, buffer[i]);
              continue;
            }
          g_hash_table_add (acked, GSIZE_TO_POINTER ((gsize) g_ascii_strtoull (w->pending->str, NULL, 10)));
          g_string_truncate (w->pending, 0);
        }
    }
  while (wait_for_one && g_hash_table_size (acked) == before);
  return TRUE;
}

/* SIGKILL, then what it reported before it died. */
static void
writer_kill (Writer     *w,
             GHashTable *acked)
{
  int status;

  g_assert_cmpint (kill (w->pid, SIGKILL), ==, 0);
  while (writer_read (w, acked, FALSE))
    ;
  g_assert_cmpint (waitpid (w->pid, &status, 0), ==, w->pid);
  /* It died of the kill, not of an error of its own. */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (w->pid);
  close (w->out);
  g_string_free (w->pending, TRUE);
}

/* The day crash-writer saves its @n-th check-in on. */
static char *
day_of_save (guint64 n)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1750);
  g_date_add_days (&date, (guint) n);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* The file's check, and every reported save in it as it was saved.
 * Returns the highest save in the file. */
static guint64
check_file (const char *path,
            GHashTable *acked)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key;
  guint64 highest = 0;

  /* Killed before it made the file, it cannot have reported a save. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpuint (g_hash_table_size (acked), ==, 0);
      return 0;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Killed before its first save, the file may have no tables yet. */
  if (sqlite3_prepare_v2 (db, "SELECT mood, note FROM checkin WHERE day = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_assert_cmpuint (g_hash_table_size (acked), ==, 0);
      sqlite3_close (db);
      return 0;
    }
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint64 n = GPOINTER_TO_SIZE (key);
      g_autofree char *note = g_strdup_printf ("Save number %" G_GUINT64_FORMAT, n);
      g_autofree char *day = day_of_save (n);

      sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("Save %" G_GUINT64_FORMAT " was reported done but is not in the file", n);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int) (n % 11));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, note);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM checkin", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  highest = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return highest;
}

/* Some 26 saves a kill: a file holds far fewer than the 100,000 days
 * from 1750 to now. */
#define CRASH_KILLS_PER_FILE 1000

static void
test_kill_while_saving (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GHashTable) acked = g_hash_table_new (NULL, NULL);
  const char *soak = g_getenv ("TIDEMARK_CRASH_KILLS");
  guint kills = soak != NULL ? (guint) g_ascii_strtoull (soak, NULL, 10) : 200;
  guint64 next = 0;
  guint before_first_report = 0;
  guint all_saves = 0;

  for (guint k = 0; k < kills; k++)
    {
      Writer w = { 0 };

      /* A long soak starts a new file now and then: each save is a day
       * from 1750 on, and the days run out before today. */
      if (k > 0 && k % CRASH_KILLS_PER_FILE == 0)
        {
          all_saves += g_hash_table_size (acked);
          g_hash_table_remove_all (acked);
          tm_test_remove_tree (dir);
          g_free (dir);
          g_free (path);
          dir = tm_test_make_data_dir ();
          path = g_build_filename (dir, "tidemark.db", NULL);
          next = 0;
        }

      writer_start (&w, dir, next);
      /* Mostly while saving; now and then while it is still opening. */
      if (g_test_rand_int_range (0, 8) == 0)
        before_first_report++;
      else
        g_assert_true (writer_read (&w, acked, TRUE));
      g_usleep (g_test_rand_int_range (0, 20000));
      writer_kill (&w, acked);

      /* Saves go on after what is in the file, so each is a new day. */
      next = check_file (path, acked);
    }

  all_saves += g_hash_table_size (acked);
  g_test_message ("%u kills (%u before the first save was reported), %u reported saves, all present",
                  kills, before_first_report, all_saves);
  g_print ("# %u kills survived, %u reported saves all present\n", kills, all_saves);
  g_assert_cmpuint (all_saves, >=, kills - before_first_report);
  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  writer = g_getenv ("TIDEMARK_CRASH_WRITER");
  g_assert_nonnull (writer);

  g_test_add_func ("/crash/kill-while-saving", test_kill_while_saving);

  return g_test_run ();
}
