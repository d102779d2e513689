/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tm-file.h"
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
