/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One writer per data folder (DESIGN.md): a process that writes holds the
 * folder's lock, once for all its connections and threads; another
 * process waits for a moment, then says the folder is in use and changes
 * nothing; the kernel lets go of the lock of a process that dies; reading
 * a snapshot needs no lock. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tm-data-lock.h"
#include "tm-store-backup.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

/* Whether a process other than this one would find @dir's lock taken: a
 * lock of this process's own conflicts with a new open file, as another
 * process's would. */
static gboolean
lock_is_taken (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, TM_DATA_LOCK_FILE_NAME, NULL);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gboolean taken;

  if (fd < 0)
    return FALSE;
  taken = flock (fd, LOCK_EX | LOCK_NB) != 0;
  g_assert_true (!taken || errno == EWOULDBLOCK);
  close (fd);
  return taken;
}

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

static gpointer
open_in_thread (gpointer dir)
{
  g_autoptr(GError) error = NULL;
  TmStore *store = tm_store_open (dir, &error);

  g_assert_no_error (error);
  return store;
}

/* The window's store, the daily backup's in a thread, a lock taken
 * through another name of the folder: one process, one lock, held until
 * the last of them is let go of, and its file stays. */
static void
test_one_lock_per_process (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *link_dir = g_strconcat (dir, "-link", NULL);
  g_autofree char *lock_path = g_build_filename (dir, TM_DATA_LOCK_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  TmStore *window = NULL, *thread = NULL, *reader = NULL;
  TmDataLock *linked = NULL;
  GStatBuf info;

  g_assert_false (lock_is_taken (dir));
  window = tm_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (lock_is_taken (dir));
  g_assert_cmpint (g_stat (lock_path, &info), ==, 0);
  g_assert_true (S_ISREG (info.st_mode));
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  thread = g_thread_join (g_thread_new ("backup", open_in_thread, dir));
  g_assert_nonnull (thread);
  save_checkin (thread, "2026-11-01", 4);
  g_assert_cmpint (mood_on (window, "2026-11-01"), ==, 4);
  g_assert_cmpint (symlink (dir, link_dir), ==, 0);
  linked = tm_data_lock_acquire (link_dir, 0, &error);
  g_assert_no_error (error);

  g_clear_object (&window);
  g_assert_true (lock_is_taken (dir));
  g_clear_object (&thread);
  g_assert_true (lock_is_taken (dir));
  g_clear_pointer (&linked, tm_data_lock_unref);
  g_assert_false (lock_is_taken (dir));
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));

  /* Reading a snapshot takes no lock. */
  reader = tm_store_open_read_only (dir, &error);
  g_assert_no_error (error);
  g_assert_false (lock_is_taken (dir));
  g_assert_cmpint (mood_on (reader, "2026-11-01"), ==, 4);
  g_clear_object (&reader);

  g_unlink (link_dir);
  tm_test_remove_tree (dir);
}

/* Another process holds the folder: no store opens for writing, not even a
 * restore of a backup; reading works; the holder can be named. When it is
 * killed, the kernel lets go of its lock. */
static void
test_held_by_another_process (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmStore) reader = NULL;
  g_autoptr(TmBackup) good = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *expected = NULL;
  TmTestHolder h;
  int status;

  save_checkin (store, "2026-11-01", 6);
  g_assert_true (tm_store_back_up_now (store, "2026-11-02", &error));
  g_clear_object (&store);
  g_assert_null (tm_data_lock_get_holder (dir));

  tm_test_holder_start (&h, dir, "a window of the tests");
  g_assert_true (lock_is_taken (dir));
  holder = tm_data_lock_get_holder (dir);
  g_assert_cmpstr (holder, ==, "a window of the tests");
  before = tm_test_read_file (db_path);

  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
  expected = g_strdup_printf ("Tidemark is already using %s.", dir);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  good = tm_backups_find_good (dir);
  g_assert_nonnull (good);
  g_assert_false (tm_backups_recover (dir, good->path, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) after = tm_test_read_file (db_path);

    tm_test_assert_bytes_equal (before, after);
  }

  reader = tm_store_open_read_only (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mood_on (reader, "2026-11-01"), ==, 6);
  g_clear_object (&reader);

  status = tm_test_holder_stop (&h, SIGKILL);
  g_assert_true (WIFSIGNALED (status));
  g_assert_false (lock_is_taken (dir));
  g_assert_null (tm_data_lock_get_holder (dir));
  store = tm_store_open (dir, &error);
  g_assert_no_error (error);
  save_checkin (store, "2026-11-03", 7);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
}

/* A second writer waits for the first to finish. */
static void
test_waits_for_the_holder (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmDataLock) lock = NULL;
  TmTestHolder h;

  tm_test_holder_start (&h, dir, NULL);
  g_assert_null (tm_data_lock_acquire (dir, 0, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
  g_clear_error (&error);
  /* No holder named: there is a holder, but it said nothing about itself. */
  {
    g_autofree char *holder = tm_data_lock_get_holder (dir);

    g_assert_cmpstr (holder, ==, "");
  }

  /* It finishes while the second one waits. */
  close (h.in);
  h.in = -1;
  lock = tm_data_lock_acquire (dir, 60 * 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_assert_cmpint (tm_test_holder_stop (&h, 0), ==, 0);
  g_clear_pointer (&lock, tm_data_lock_unref);

  tm_test_remove_tree (dir);
}

/* A lock file that is no plain file (a FIFO someone made, a link to
 * elsewhere, a folder) is refused at once, and not followed. */
static void
test_lock_file_refused (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *lock_path = g_build_filename (dir, TM_DATA_LOCK_FILE_NAME, NULL);
  g_autofree char *target = g_build_filename (dir, "elsewhere", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;

  g_assert_cmpint (mkfifo (lock_path, 0600), ==, 0);
  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, lock_path));
  g_clear_error (&error);
  g_unlink (lock_path);

  g_assert_cmpint (symlink (target, lock_path), ==, 0);
  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, lock_path));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_unlink (lock_path);

  g_assert_cmpint (g_mkdir (lock_path, 0700), ==, 0);
  store = tm_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "is not a plain file"));
  g_clear_error (&error);

  tm_test_remove_tree (dir);
}

/* Reading never writes: no data file is made, none is updated, and the
 * store it gives refuses to save. */
static void
test_read_only (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db_path = g_build_filename (dir, "tidemark.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmCheckin) c = tm_checkin_new ("2026-11-01");

  store = tm_store_open_read_only (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An empty file is not brought up to date. */
  g_assert_true (g_file_set_contents (db_path, "", 0, NULL));
  store = tm_store_open_read_only (dir, &error);
  g_assert_null (store);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) after = tm_test_read_file (db_path);

    g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
  }

  g_unlink (db_path);
  store = tm_store_open (dir, &error);
  g_clear_object (&store);
  store = tm_store_open_read_only (dir, &error);
  g_assert_no_error (error);
  c->mood = 5;
  g_assert_false (tm_store_save_checkin (store, c, &error));
  g_assert_nonnull (error);
  g_clear_object (&store);

  tm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lock/one-per-process", test_one_lock_per_process);
  g_test_add_func ("/lock/held-by-another-process", test_held_by_another_process);
  g_test_add_func ("/lock/waits-for-the-holder", test_waits_for_the_holder);
  g_test_add_func ("/lock/lock-file-refused", test_lock_file_refused);
  g_test_add_func ("/lock/read-only", test_read_only);

  return g_test_run ();
}
