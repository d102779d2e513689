/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files beside the store: output never lands on the record, whatever the
 * path looks like; what is written appears whole or not at all, six CSV
 * files all or none; temporaries a crash left go after a day, and nothing
 * else does; a file read can't make Tidemark wait or read without end;
 * another user's data file, or one others may read, is not opened. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "tm-csv.h"
#include "tm-file.h"
#include "tm-store-backup.h"
#include "tm-store-error.h"
#include "tm-test-util.h"

/* A data folder with a data file and what lives beside it, and a folder
 * outside it. */
typedef struct
{
  char *dir;
  char *out;
  char *db;
} Fixture;

static void
touch (const char *path,
       const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char * const beside[] = {
    "tidemark.db-wal", "tidemark.db-shm", "tidemark-backup-2026-11-20.db", "notes.txt"
  };

  f->dir = tm_test_make_data_dir ();
  f->out = tm_test_make_data_dir ();
  f->db = g_build_filename (f->dir, "tidemark.db", NULL);
  touch (f->db, "the record");
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, beside[i], NULL);

      touch (path, beside[i]);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tm_file_set_calls_for_testing (NULL);
  tm_test_remove_tree (f->dir);
  tm_test_remove_tree (f->out);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->db);
}

static char *
in (const char *dir,
    const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
assert_refused (const char *path,
                const char *data_dir,
                const char *says)
{
  g_autoptr(GError) error = NULL;

  if (tm_file_check_output (path, data_dir, &error))
    g_error ("%s was accepted; expected “%s”", path, says);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  if (strstr (error->message, says) == NULL)
    g_error ("%s: “%s”; expected “%s”", path, error->message, says);
  g_assert_nonnull (strstr (error->message, path));
}

static void
assert_accepted (const char *path,
                 const char *data_dir)
{
  g_autoptr(GError) error = NULL;

  tm_file_check_output (path, data_dir, &error);
  g_assert_no_error (error);
}

/* Every way of naming the record, or something that is not a file, is
 * refused; a link is judged by what it leads to. */
static void
test_check_output (Fixture       *f,
                   gconstpointer  data)
{
  const char *in_folder = "is in Tidemark's data folder";
  const char *not_a_file = "is not an ordinary file";
  g_autofree char *dir_name = g_path_get_basename (f->dir);
  g_autofree char *relative = g_build_filename ("..", dir_name, "tidemark.db", NULL);
  g_autofree char *roundabout = g_build_filename (f->out, "..", dir_name, "tidemark.db", NULL);
  g_autofree char *fifo = in (f->out, "pipe");
  g_autofree char *folder = in (f->out, "folder");
  g_autofree char *hard = in (f->out, "hard.pdf");
  g_autofree char *to_dir = in (f->out, "to-data");
  g_autofree char *through = in (to_dir, "new.pdf");
  g_autofree char *existing = in (f->out, "existing.pdf");
  g_autofree char *cwd = g_get_current_dir ();
  const char *record_names[] = {
    "tidemark.db", "tidemark.db-wal", "tidemark.db-shm", "tidemark-backup-2026-11-20.db", "notes.txt",
    "not-there-yet.pdf"
  };
  struct { const char *target; const char *says; } others[] = {
    { f->dir, in_folder },
    { roundabout, in_folder },
    { through, in_folder },
    { hard, "is another name for" },
    { "/dev/full", not_a_file },
    { "/dev/null", not_a_file },
    { fifo, not_a_file },
    { folder, not_a_file },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (link (f->db, hard), ==, 0);
  g_assert_cmpint (symlink (f->dir, to_dir), ==, 0);
  touch (existing, "an older report");

  for (guint i = 0; i < G_N_ELEMENTS (record_names); i++)
    {
      g_autofree char *path = in (f->dir, record_names[i]);
      g_autofree char *link_name = g_strdup_printf ("to-record-%u", i);
      g_autofree char *to_path = in (f->out, link_name);

      assert_refused (path, f->dir, in_folder);
      g_assert_cmpint (symlink (path, to_path), ==, 0);
      assert_refused (to_path, f->dir, in_folder);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *link_name = g_strdup_printf ("to-other-%u", i);
      g_autofree char *to_path = in (f->out, link_name);

      assert_refused (others[i].target, f->dir, others[i].says);
      g_assert_cmpint (symlink (others[i].target, to_path), ==, 0);
      assert_refused (to_path, f->dir, others[i].says);
    }
  /* A link in the data folder to a file outside: it is the link that a
   * write replaces. */
  {
    g_autofree char *link_inside = in (f->dir, "link.pdf");

    g_assert_cmpint (symlink (existing, link_inside), ==, 0);
    assert_refused (link_inside, f->dir, in_folder);
    g_unlink (link_inside);
  }
  /* A path relative to where Tidemark runs. */
  g_assert_cmpint (g_chdir (f->out), ==, 0);
  assert_refused (relative, f->dir, in_folder);
  assert_refused ("../", f->dir, not_a_file);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  /* Outside it, ordinary files are fine, new or not, also in a folder
   * reached through a link; without a data folder, only what is not a
   * file, or is a link, is refused. */
  {
    g_autofree char *new_file = in (f->out, "report.pdf");
    g_autofree char *real_folder = in (f->out, "real");
    g_autofree char *folder_link = in (f->out, "linked");
    g_autofree char *through_folder_link = in (folder_link, "report.pdf");

    g_assert_cmpint (g_mkdir (real_folder, 0700), ==, 0);
    g_assert_cmpint (symlink (real_folder, folder_link), ==, 0);
    assert_accepted (through_folder_link, f->dir);
    assert_accepted (new_file, f->dir);
    assert_accepted (existing, f->dir);
    assert_accepted (f->db, NULL);
    assert_refused (fifo, NULL, not_a_file);
  }

  /* A link to an ordinary file: a rename would replace the link, not the
   * file (with /dev/stdout, a file in /dev). So would a link to a link,
   * and the link the system keeps for an open file. */
  {
    g_autofree char *to_existing = in (f->out, "to-existing.pdf");
    g_autofree char *to_to_existing = in (f->out, "to-to-existing.pdf");
    g_autofree char *dangling = in (f->out, "dangling.pdf");
    int fd = g_open (existing, O_RDONLY, 0);
    g_autofree char *open_file = g_strdup_printf ("/proc/self/fd/%d", fd);

    g_assert_cmpint (symlink (existing, to_existing), ==, 0);
    g_assert_cmpint (symlink (to_existing, to_to_existing), ==, 0);
    g_assert_cmpint (symlink ("nowhere.pdf", dangling), ==, 0);
    assert_refused (to_existing, f->dir, "is a link to");
    assert_refused (to_to_existing, f->dir, "is a link to");
    assert_refused (dangling, f->dir, "is a link to");
    assert_refused (to_existing, NULL, "is a link to");
    assert_refused (open_file, f->dir, "is a link to");
    close (fd);
  }
}

static void
assert_folder_refused (const char *dir,
                       const char *data_dir,
                       const char *says)
{
  const char *names[] = { "checkins.csv", "sessions.csv", NULL };
  g_autoptr(GError) error = NULL;

  if (tm_file_check_output_folder (dir, names, data_dir, &error))
    g_error ("%s was accepted; expected “%s”", dir, says);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  if (strstr (error->message, says) == NULL)
    g_error ("%s: “%s”; expected “%s”", dir, error->message, says);
}

/* A folder for CSV files: not the data folder or in it, a folder, and
 * every file it would write an ordinary file outside the data folder. */
static void
test_check_output_folder (Fixture       *f,
                          gconstpointer  data)
{
  const char *names[] = { "checkins.csv", "sessions.csv", NULL };
  const char *in_or_is = "is Tidemark's data folder or a folder inside it";
  g_autofree char *sub = in (f->dir, "export");
  g_autofree char *to_dir = in (f->out, "to-data");
  g_autofree char *file = in (f->out, "file");
  g_autofree char *csv = in (f->out, "csv");
  g_autofree char *checkins = in (csv, "checkins.csv");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (f->dir, to_dir), ==, 0);
  touch (file, "not a folder");
  assert_folder_refused (f->dir, f->dir, in_or_is);
  assert_folder_refused (sub, f->dir, in_or_is);
  assert_folder_refused (to_dir, f->dir, in_or_is);
  assert_folder_refused (file, f->dir, "is not a folder");
  g_assert_false (g_file_test (sub, G_FILE_TEST_EXISTS));

  g_assert_true (tm_file_check_output_folder (csv, names, f->dir, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (csv, 0700), ==, 0);
  g_assert_cmpint (mkfifo (checkins, 0600), ==, 0);
  assert_folder_refused (csv, f->dir, "is not an ordinary file");
  g_unlink (checkins);
  g_assert_cmpint (symlink (f->db, checkins), ==, 0);
  assert_folder_refused (csv, f->dir, "is in Tidemark's data folder");
}

/* A file written beside its name appears whole when committed, and not at
 * all otherwise; a name as long as the folder allows still works. */
static void
test_pending_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = in (f->out, "report.pdf");
  g_autofree char *long_name = g_strnfill (255, 'n');
  g_autofree char *long_path = in (f->out, long_name);
  g_autoptr(GPtrArray) names = NULL;

  touch (path, "the old one");
  {
    g_autoptr(TmPendingFile) pending = tm_pending_file_new (path);
    g_autofree char *contents = NULL;
    g_autofree char *temporary_name = g_path_get_basename (tm_pending_file_get_temporary (pending));
    GStatBuf info;

    g_assert_nonnull (pending);
    g_assert_true (tm_file_is_temporary_name (temporary_name, "report.pdf"));
    g_assert_cmpint (g_stat (tm_pending_file_get_temporary (pending), &info), ==, 0);
    g_assert_cmpint (info.st_mode & 0777, ==, 0600);
    g_assert_cmpint (write (tm_pending_file_get_fd (pending), "half", 4), ==, 4);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "the old one");
    /* Not committed: it goes, and the old one stays. */
  }
  {
    g_autoptr(TmPendingFile) pending = tm_pending_file_new (path);
    g_autofree char *contents = NULL;

    g_assert_true (tm_pending_file_write (pending, "the new ", 8));
    g_assert_true (tm_pending_file_write (pending, "one", 3));
    g_assert_true (tm_pending_file_commit (pending));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "the new one");
  }
  {
    g_autoptr(TmPendingFile) pending = tm_pending_file_new (long_path);
    g_autofree char *temporary_name = NULL;

    g_assert_nonnull (pending);
    temporary_name = g_path_get_basename (tm_pending_file_get_temporary (pending));
    g_assert_cmpuint (strlen (temporary_name), <=, 255);
    g_assert_true (tm_file_is_temporary_name (temporary_name, long_name));
    g_assert_true (tm_pending_file_commit (pending));
    g_assert_true (g_file_test (long_path, G_FILE_TEST_IS_REGULAR));
  }

  /* Nothing else is left. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->out, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (g_str_equal (name, "report.pdf") || g_str_equal (name, long_name));
        n++;
      }
    g_assert_cmpuint (n, ==, 2);
  }
}

static void
test_temporary_names (void)
{
  const struct { const char *name; const char *target; gboolean is; } cases[] = {
    { "report.pdf.tidemark-tmp-AbC123", NULL, TRUE },
    { "report.pdf.tidemark-tmp-AbC123", "report.pdf", TRUE },
    { "report.pdf.tidemark-tmp-AbC123", "checkins.csv", FALSE },
    { "report.pdf.tidemark-tmp-AbC123", "report", FALSE },
    { ".tidemark-tmp-AbC123", "anything.pdf", TRUE },
    { "tidemark-backup-2026-11-20.db.tidemark-tmp-x1Y2z3-journal", NULL, TRUE },
    { "tidemark.db.tidemark-tmp-x1Y2z3-wal", "tidemark.db", TRUE },
    { "report.pdf.tidemark-tmp-AbC12", NULL, FALSE },
    { "report.pdf.tidemark-tmp-AbC12!", NULL, FALSE },
    { "report.pdf.AbC123", NULL, FALSE },
    { "report.pdf", NULL, FALSE },
    { "tidemark.db", NULL, FALSE },
    { "tidemark-tmp-AbC123", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (tm_file_is_temporary_name (cases[i].name, cases[i].target) != cases[i].is)
      g_error ("%s for %s: expected %d", cases[i].name, cases[i].target, cases[i].is);
}

static void
set_back (const char *path,
          int         days)
{
  struct utimbuf then = { 0 };

  then.actime = then.modtime = time (NULL) - days * 24 * 60 * 60;
  g_assert_cmpint (g_utime (path, &then), ==, 0);
}

/* A temporary a crash left goes once a day old, from the data folder when
 * backups are pruned, from an export's folder when the next export to the
 * same name runs; a fresh one, and anything not of Tidemark's pattern,
 * stays. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const stale_in_data[] = {
    "tidemark.db.tidemark-tmp-AbC123",                          /* a restore */
    "tidemark-backup-2026-11-22.db.tidemark-tmp-dEf456",        /* a backup */
    "tidemark-backup-2026-11-22.db.tidemark-tmp-dEf456-journal",
  };
  static const char * const kept[] = {
    "tidemark.db.AbC123",                  /* not ours to judge */
    "notes.tidemark-tmp-AbC12",
    "my-file.txt",
  };
  g_autofree char *fresh = in (f->dir, "tidemark.db.tidemark-tmp-GhI789");
  g_autofree char *pdf = in (f->out, "report.pdf");
  g_autofree char *stale_pdf = in (f->out, "report.pdf.tidemark-tmp-JkL012");
  g_autofree char *stale_other = in (f->out, "other.pdf.tidemark-tmp-MnO345");
  g_autofree char *stale_dir = in (f->out, "report.pdf.tidemark-tmp-PqR678");

  for (guint i = 0; i < G_N_ELEMENTS (stale_in_data); i++)
    {
      g_autofree char *path = in (f->dir, stale_in_data[i]);

      touch (path, "half");
      set_back (path, 2);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *path = in (f->dir, kept[i]);

      touch (path, "someone's");
      set_back (path, 30);
    }
  touch (fresh, "being written");
  tm_backups_prune (f->dir, "2026-11-24");
  for (guint i = 0; i < G_N_ELEMENTS (stale_in_data); i++)
    {
      g_autofree char *path = in (f->dir, stale_in_data[i]);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *path = in (f->dir, kept[i]);

      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));

  /* Outside: the next write of the same name clears its own. */
  touch (stale_pdf, "half a report");
  touch (stale_other, "half another report");
  g_assert_cmpint (g_mkdir (stale_dir, 0700), ==, 0);
  set_back (stale_pdf, 2);
  set_back (stale_other, 2);
  set_back (stale_dir, 2);
  {
    g_autoptr(TmPendingFile) pending = tm_pending_file_new (pdf);

    g_assert_true (tm_pending_file_commit (pending));
  }
  g_assert_false (g_file_test (stale_pdf, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale_other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale_dir, G_FILE_TEST_IS_DIR));
}

/* Reading */

typedef struct
{
  const char *path;
  gboolean    done;
  gboolean    read;
  GError     *error;
} Reading;

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Reading *reading = task_data;
  g_autofree char *contents = NULL;
  gsize length;

  reading->read = tm_file_read_bounded (reading->path, TM_CSV_MAX_FILE_SIZE, &contents, &length, &reading->error);
  g_task_return_boolean (task, TRUE);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ((Reading *) user_data)->done = TRUE;
}

/* Reads @path in a thread; a read that has not ended in 20 seconds is a
 * hang, and fails the test rather than waiting with it. */
static gboolean
read_with_deadline (const char  *path,
                    GError     **error)
{
  Reading reading = { path, FALSE, FALSE, NULL };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_read_cb, &reading);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_task_set_task_data (task, &reading, NULL);
  g_task_run_in_thread (task, read_in_thread);
  while (!reading.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Reading %s did not end: it waits on it", path);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  if (reading.error != NULL)
    g_propagate_error (error, reading.error);
  return reading.read;
}

/* A pipe, a device, a link to one, a folder, a file over the limit: each
 * refused at once with a sentence, nothing read. */
static void
test_read_bounded (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fifo = in (f->out, "checkins.csv");
  g_autofree char *to_zero = in (f->out, "to-zero.csv");
  g_autofree char *big = in (f->out, "big.csv");
  g_autofree char *small = in (f->out, "small.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", to_zero), ==, 0);
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (ftruncate (fd, 64 * 1024 * 1024 + 1), ==, 0);
  close (fd);

  g_assert_false (read_with_deadline (fifo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "is not an ordinary file"));
  g_clear_error (&error);
  g_assert_false (read_with_deadline (to_zero, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_false (read_with_deadline (f->out, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_false (read_with_deadline (big, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "is larger than 64.0"));
  g_clear_error (&error);

  touch (small, "day,mood\r\n");
  g_assert_true (tm_file_read_bounded (small, 10, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpstr (contents, ==, "day,mood\r\n");
  g_assert_false (tm_file_read_bounded (small, 9, &contents, &length, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

/* Privacy */

static int failing_calls;

static int
failing_chmod (const char *path,
               int         mode)
{
  failing_calls++;
  errno = EPERM;
  return -1;
}

/* Another user's data file is not opened; one others may read is made
 * private, and refused when that can't be done. */
static void
test_check_private (Fixture       *f,
                    gconstpointer  data)
{
  const TmFileCalls no_chmod = { NULL, failing_chmod };
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_cmpint (g_chmod (f->db, 0600), ==, 0);
  g_assert_true (tm_file_check_private (f->db, &error));

  g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
  g_assert_true (tm_file_check_private (f->db, &error));
  g_assert_cmpint (g_stat (f->db, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  /* chmod never fails for root: a stand-in fails it. */
  tm_file_set_calls_for_testing (&no_chmod);
  g_assert_true (tm_file_check_private (f->db, &error));
  g_assert_cmpint (failing_calls, ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0640), ==, 0);
  g_assert_false (tm_file_check_private (f->db, &error));
  g_assert_cmpint (failing_calls, ==, 1);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Other users can read the data file"));
  g_assert_nonnull (strstr (error->message, f->db));
  g_clear_error (&error);
  tm_file_set_calls_for_testing (NULL);

  if (geteuid () != 0)
    {
      g_test_message ("Only root can give a file to another user; skipped that part");
      return;
    }
  g_assert_cmpint (chown (f->db, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0600), ==, 0);
  g_assert_false (tm_file_check_private (f->db, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "belongs to another user"));
}

/* The store refuses to open such a file, and leaves it as it was. */
static void
test_store_refuses_others_file (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *db = g_build_filename (dir, "tidemark.db", NULL);
  const TmFileCalls no_chmod = { NULL, failing_chmod };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;

  {
    g_autoptr(TmStore) store = tm_store_open (dir, &error);

    g_assert_no_error (error);
  }
  before = tm_test_read_file (db);

  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  tm_file_set_calls_for_testing (&no_chmod);
  g_assert_null (tm_store_open (dir, &error));
  tm_file_set_calls_for_testing (NULL);
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not make it private"));
  g_clear_error (&error);

  if (geteuid () == 0)
    {
      g_autoptr(GBytes) after = NULL;

      g_assert_cmpint (chown (db, 65534, 65534), ==, 0);
      g_assert_cmpint (g_chmod (db, 0600), ==, 0);
      g_assert_null (tm_store_open (dir, &error));
      g_assert_nonnull (strstr (error->message, "belongs to another user"));
      after = tm_test_read_file (db);
      tm_test_assert_bytes_equal (before, after);
    }
  tm_test_remove_tree (dir);
}

/* The six CSV files, all or none */

static int rename_calls;
static int fail_from;        /* the call that fails first, counting from 1 */
static gboolean fail_after;  /* and every call after it */

static int
faulty_rename (const char *from,
               const char *to)
{
  rename_calls++;
  if (rename_calls == fail_from || (fail_after && rename_calls > fail_from))
    {
      errno = EIO;
      return -1;
    }
  return rename (from, to);
}

static const TmFileCalls faulty = { faulty_rename, NULL };

/* Each file in @dir: its name and bytes. */
static GHashTable *
read_folder (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_hash_table_insert (files, g_strdup (name), tm_test_read_file (path));
    }
  return files;
}

static gboolean
same_folder (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer name, bytes;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *other = g_hash_table_lookup (b, name);

      if (other == NULL || !g_bytes_equal (bytes, other))
        return FALSE;
    }
  return TRUE;
}

static void
save_mood (TmStore    *store,
           const char *day,
           int         mood)
{
  g_autoptr(TmCheckin) checkin = tm_checkin_new (day);
  g_autoptr(GError) error = NULL;

  checkin->mood = mood;
  g_assert_true (tm_store_save_checkin (store, checkin, &error));
  g_assert_no_error (error);
}

/* A rename that fails at any point of an export leaves the files that
 * were there (or none, for a first export), and says so; past the last
 * rename, all six are the new ones. */
static void
test_csv_export_all_or_nothing (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *reference = g_build_filename (out, "reference", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);

  g_assert_no_error (error);
  save_mood (store, "2026-11-01", 3);

  for (guint first_export = 0; first_export < 2; first_export++)
    {
      g_autoptr(GHashTable) old = NULL;
      g_autoptr(GHashTable) new = NULL;
      gboolean exported = FALSE;

      tm_test_remove_tree (folder);
      tm_test_remove_tree (reference);
      if (!first_export)
        g_assert_true (tm_store_export_csv (store, folder, &error));
      old = read_folder (folder);
      save_mood (store, first_export ? "2026-11-03" : "2026-11-02", 7);
      g_assert_true (tm_store_export_csv (store, reference, &error));
      new = read_folder (reference);
      g_assert_cmpuint (g_hash_table_size (new), ==, TM_N_TABLES);

      for (fail_from = 1; !exported; fail_from++)
        {
          g_autoptr(GHashTable) now = NULL;

          rename_calls = 0;
          fail_after = FALSE;
          tm_file_set_calls_for_testing (&faulty);
          exported = tm_store_export_csv (store, folder, &error);
          tm_file_set_calls_for_testing (NULL);
          now = read_folder (folder);
          if (exported)
            {
              g_assert_no_error (error);
              g_assert_true (same_folder (now, new));
              break;
            }
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
          if (!same_folder (now, old))
            g_error ("Rename %d of %d failed, and the folder holds neither all old files nor none: %s", fail_from,
                     rename_calls, error->message);
          if (strstr (error->message, "are there still, unchanged") == NULL &&
              strstr (error->message, "were left as they were") == NULL)
            g_error ("Rename %d failed; the message does not say the old files are there: %s", fail_from,
                     error->message);
          g_clear_error (&error);
        }
      /* The mark, the files set aside, and each of the six renamed in. */
      g_assert_cmpint (fail_from, ==, 1 + (first_export ? 0 : TM_N_TABLES) + TM_N_TABLES + 1);
    }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* When even putting the old files back fails, the message says the folder
 * holds a mix, and the folder says so to an import until the next export
 * replaces them all. */
static void
test_csv_export_mixed (void)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autofree char *out = tm_test_make_data_dir ();
  g_autofree char *folder = g_build_filename (out, "export", NULL);
  g_autofree char *mark = g_build_filename (folder, TM_FILE_UNFINISHED_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);

  save_mood (store, "2026-11-01", 3);
  g_assert_true (tm_store_export_csv (store, folder, &error));
  save_mood (store, "2026-11-02", 7);

  /* The third of the new files fails to go in, and so does every rename
   * that would put the old ones back. */
  rename_calls = 0;
  fail_from = 1 + TM_N_TABLES + 3;
  fail_after = TRUE;
  tm_file_set_calls_for_testing (&faulty);
  g_assert_false (tm_store_export_csv (store, folder, &error));
  tm_file_set_calls_for_testing (NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "the folder now holds some old and some new files"));
  g_clear_error (&error);
  g_assert_true (g_file_test (mark, G_FILE_TEST_IS_REGULAR));

  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    g_assert_false (tm_csv_import_read_dir (import, folder, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
    g_assert_nonnull (strstr (error->message, "was cut off"));
    g_clear_error (&error);
  }

  /* The next export puts all six in place, and the mark goes. */
  g_assert_true (tm_store_export_csv (store, folder, &error));
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  {
    g_autoptr(TmCsvImport) import = tm_csv_import_new ();

    g_assert_true (tm_csv_import_read_dir (import, folder, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tm_csv_import_count_rows (import, TM_TABLE_CHECKINS), ==, 2);
  }

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  tm_test_remove_tree (out);
}

/* A folder goes with everything in it, even a folder inside made
 * read-only; a link goes, and what it leads to stays. */
static void
test_remove_tree (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *tree = in (f->out, "tree");
  g_autofree char *deep = g_build_filename (tree, "a", "b", NULL);
  g_autofree char *locked = in (tree, "locked");
  g_autofree char *locked_file = in (locked, "kept.txt");
  g_autofree char *deep_file = in (deep, "deep.txt");
  g_autofree char *link_to_folder = in (tree, "to-data-folder");
  g_autofree char *link_to_file = in (deep, "to-record");

  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  touch (locked_file, "inside a read-only folder");
  touch (deep_file, "deep down");
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
  g_assert_cmpint (symlink (f->dir, link_to_folder), ==, 0);
  g_assert_cmpint (symlink (f->db, link_to_file), ==, 0);

  tm_file_remove_tree (tree);

  g_assert_false (g_file_test (tree, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (f->out, G_FILE_TEST_IS_DIR));
  /* What the links led to is as it was. */
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *wal = in (f->dir, "tidemark.db-wal");

    g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  }

  /* A file alone, and nothing at all, are fine too. */
  touch (tree, "a file");
  tm_file_remove_tree (tree);
  g_assert_false (g_file_test (tree, G_FILE_TEST_EXISTS));
  tm_file_remove_tree (tree);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("check-output", test_check_output);
  ADD ("check-output-folder", test_check_output_folder);
  ADD ("pending-file", test_pending_file);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("read-bounded", test_read_bounded);
  ADD ("check-private", test_check_private);
  ADD ("remove-tree", test_remove_tree);
#undef ADD
  g_test_add_func ("/file/temporary-names", test_temporary_names);
  g_test_add_func ("/file/store-refuses-others-file", test_store_refuses_others_file);
  g_test_add_func ("/file/csv-export-all-or-nothing", test_csv_export_all_or_nothing);
  g_test_add_func ("/file/csv-export-mixed", test_csv_export_mixed);

  return g_test_run ();
}
