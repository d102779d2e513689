/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* posix_openpt, grantpt, unlockpt, ptsname */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tm-file.h"
#include "tm-session.h"
#include "tm-test-util.h"

/* A fresh data folder under the test's temporary folder. */
char *
tm_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tidemark-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Tests remove what they made with Tidemark's own tm_file_remove_tree(). */
void
tm_test_remove_tree (const char *path)
{
  if (path != NULL)
    tm_file_remove_tree (path);
}

GBytes *
tm_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
tm_test_assert_bytes_equal (GBytes *a,
                            GBytes *b)
{
  gsize la, lb;
  const guint8 *da = g_bytes_get_data (a, &la);
  const guint8 *db = g_bytes_get_data (b, &lb);

  g_assert_cmpmem (da, la, db, lb);
}

/* Starts lock-holder on @data_dir, named @name in the lock file when not
 * %NULL, and returns once it holds the folder. */
void
tm_test_holder_start (TmTestHolder *holder,
                      const char   *data_dir,
                      const char   *name)
{
  const char *program = g_getenv ("TIDEMARK_LOCK_HOLDER");
  const char *argv[] = { program, data_dir, name, NULL };
  g_autoptr(GError) error = NULL;
  char line[16] = { 0 };
  int out;

  g_assert_nonnull (program);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &holder->pid,
                            &holder->in, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (out, line, sizeof line - 1), ==, strlen ("ready\n"));
  g_assert_cmpstr (line, ==, "ready\n");
  close (out);
}

/* Ends the holder with @signal, or by closing its input when 0, and
 * returns its wait status once it is gone. */
int
tm_test_holder_stop (TmTestHolder *holder,
                     int           signal)
{
  int status;

  if (signal != 0)
    g_assert_cmpint (kill (holder->pid, signal), ==, 0);
  if (holder->in >= 0)
    close (holder->in);
  holder->in = -1;
  g_assert_cmpint (waitpid (holder->pid, &status, 0), ==, holder->pid);
  g_spawn_close_pid (holder->pid);
  return status;
}

/* Whether poppler's tools are there to read the report back. build-aux/dev
 * installs them, so a missing one fails the test: a test skipped where the
 * tests are meant to run would pass unseen. TIDEMARK_ALLOW_MISSING_TOOLS
 * skips it instead, on a machine where they can't be installed. */
gboolean
tm_test_have_poppler (void)
{
  const char *tools[] = { "pdfinfo", "pdftotext", "pdffonts" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path != NULL)
        continue;
      if (g_getenv ("TIDEMARK_ALLOW_MISSING_TOOLS") != NULL)
        g_test_skip_printf ("%s is missing: poppler-utils are needed (build-aux/dev test installs them)", tools[i]);
      else
        g_test_fail_printf ("%s is missing: poppler-utils are needed to read the report back (build-aux/dev test "
                            "installs them); set TIDEMARK_ALLOW_MISSING_TOOLS=1 to skip these tests instead",
                            tools[i]);
      return FALSE;
    }
  return TRUE;
}

/* The output of one of poppler's tools on @pdf (pdftotext to stdout). */
char *
tm_test_run_poppler (const char *tool,
                     const char *pdf)
{
  const char *argv[] = { tool, pdf, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A reading of blood pressure @minutes_after the dose (0: before it). */
void
tm_test_add_bp (TmSession *session,
                int        minutes_after,
                int        systolic,
                int        diastolic)
{
  TmSessionReading *reading = tm_session_reading_new ();

  reading->minutes_after = minutes_after;
  reading->bp_sys = systolic;
  reading->bp_dia = diastolic;
  tm_session_add_reading (session, reading);
}

/* In a data file of version 5 or later, the view session_as_v4: the
 * session table with the blood pressure before the dose and after it as
 * versions 1 to 4 held them, from the readings the migration made of them
 * (at 0 minutes, and the one after). */
void
tm_test_view_sessions_as_v4 (gpointer sqlite_db)
{
  g_assert_cmpint (sqlite3_exec (sqlite_db,
    "CREATE TEMP VIEW session_as_v4 AS"
    "  SELECT s.*, b.bp_sys AS bp_before_sys, b.bp_dia AS bp_before_dia,"
    "         a.bp_sys AS bp_after_sys, a.bp_dia AS bp_after_dia"
    "  FROM session AS s"
    "  LEFT JOIN session_reading AS b ON b.session_id = s.id AND b.minutes_after = 0"
    "  LEFT JOIN session_reading AS a ON a.session_id = s.id AND a.minutes_after > 0",
    NULL, NULL, NULL), ==, SQLITE_OK);
}

/**
 * tm_test_open_pty:
 * @terminal: (out): the name of its terminal side, for the program under test
 *
 * Returns: a pseudo-terminal's side that types and reads what the
 *   terminal shows, non-blocking
 */
int
tm_test_open_pty (char **terminal)
{
  int pty = posix_openpt (O_RDWR | O_NOCTTY);

  g_assert_cmpint (pty, >=, 0);
  g_assert_cmpint (grantpt (pty), ==, 0);
  g_assert_cmpint (unlockpt (pty), ==, 0);
  g_assert_cmpint (fcntl (pty, F_SETFL, O_NONBLOCK), ==, 0);
  *terminal = g_strdup (ptsname (pty));
  return pty;
}

/* Adds what the terminal shows to @shown until @text is there; FALSE
 * after 60 s without it. */
gboolean
tm_test_read_pty_until (int         pty,
                        GString    *shown,
                        const char *text)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (text == NULL || strstr (shown->str, text) == NULL)
    {
      char buffer[256];
      ssize_t n = read (pty, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (shown, buffer, n);
      else if (text == NULL)
        return TRUE;
      else
        g_usleep (10000);
      if (g_get_monotonic_time () > end)
        return FALSE;
    }
  return TRUE;
}
