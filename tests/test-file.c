/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files beside the store: output never lands on the record, whatever the
 * path looks like; what is written appears whole or not at all. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tm-file.h"
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

    g_assert_cmpint (write (tm_pending_file_get_fd (pending), "the new one", 11), ==, 11);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("check-output", test_check_output);
  ADD ("check-output-folder", test_check_output_folder);
  ADD ("pending-file", test_pending_file);
#undef ADD
  g_test_add_func ("/file/temporary-names", test_temporary_names);

  return g_test_run ();
}
