/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files beside the store (DESIGN.md, Reliability promises). Nothing
 * Tidemark writes may land on the record: a target is judged by where it
 * really is (links, "..", another name for the same file), not by how it
 * is spelled. What Tidemark writes appears whole or not at all: it is
 * written beside its final name under a temporary name of a pattern of
 * its own, then renamed over it. A file read is looked at before it is
 * opened, so that a pipe or a device can't make Tidemark wait forever. */
#define G_LOG_DOMAIN "tm-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tm-file.h"
#include "tm-store-error.h"

#define RANDOM_LEN     6                  /* the XXXXXX of g_mkstemp() */
#define STALE_SECONDS  (24 * 60 * 60)     /* a temporary this old is no write under way */
#define MAX_LINKS      40                 /* as the kernel's own limit */

struct _TmPendingFile
{
  char     *path;        /* the final name */
  char     *temporary;   /* beside it, until renamed */
  int       fd;          /* -1 once closed */
  gboolean  committed;   /* the temporary name is no longer ours */
};

static int
real_rename (const char *from,
             const char *to)
{
  return rename (from, to);
}

static int
real_chmod (const char *path,
            int         mode)
{
  return chmod (path, (mode_t) mode);
}

static TmFileCalls calls = { real_rename, real_chmod };

/**
 * tm_file_set_calls_for_testing:
 * @stand_ins: (nullable): the stand-ins; %NULL for the real calls
 */
void
tm_file_set_calls_for_testing (const TmFileCalls *stand_ins)
{
  calls.rename = stand_ins != NULL && stand_ins->rename != NULL ? stand_ins->rename : real_rename;
  calls.chmod = stand_ins != NULL && stand_ins->chmod != NULL ? stand_ins->chmod : real_chmod;
}

/* Where things really are */

/* @path without the slashes at its end ("/" stays "/"). */
static char *
strip_slashes (const char *path)
{
  char *stripped = g_strdup (path);
  gsize len = strlen (stripped);

  while (len > 1 && stripped[len - 1] == G_DIR_SEPARATOR)
    stripped[--len] = '\0';
  return stripped;
}

/* @path as it is on disk: absolute, with every link and ".." resolved as
 * far as they lead to something; the part that does not exist yet, as
 * written. Where a write to @path would land. */
static char *
resolve (const char *path,
         guint       links)
{
  g_autofree char *stripped = strip_slashes (path);
  g_autofree char *absolute = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *resolved_parent = NULL;
  char *real;
  GStatBuf info;

  if (g_path_is_absolute (stripped))
    absolute = g_steal_pointer (&stripped);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();

      absolute = g_build_filename (cwd, stripped, NULL);
    }

  real = realpath (absolute, NULL);
  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }

  /* A link to nothing yet: where it leads. */
  if (links < MAX_LINKS && g_lstat (absolute, &info) == 0 && S_ISLNK (info.st_mode))
    {
      g_autofree char *target = g_file_read_link (absolute, NULL);

      if (target != NULL)
        {
          g_autofree char *folder = g_path_get_dirname (absolute);
          g_autofree char *joined = g_path_is_absolute (target) ? g_strdup (target)
                                                                : g_build_filename (folder, target, NULL);

          return resolve (joined, links + 1);
        }
    }

  parent = g_path_get_dirname (absolute);
  if (g_str_equal (parent, absolute))
    return g_steal_pointer (&absolute);
  base = g_path_get_basename (absolute);
  resolved_parent = resolve (parent, links);
  return g_canonicalize_filename (base, resolved_parent);
}

static gboolean
same_file (const GStatBuf *a,
           const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

typedef struct
{
  char     *real;    /* resolved */
  GStatBuf  info;
  gboolean  known;   /* it exists, and info is its */
} DataFolder;

static void
data_folder_init (DataFolder *folder,
                  const char *data_dir)
{
  folder->real = resolve (data_dir, 0);
  folder->known = g_stat (folder->real, &folder->info) == 0;
}

static void
data_folder_clear (DataFolder *folder)
{
  g_free (folder->real);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DataFolder, data_folder_clear)

/* Whether the resolved @path is the data folder or inside it: by name,
 * and by device and inode of each folder above it, so that another name
 * for the folder (a bind mount) is caught too. */
static gboolean
is_within (const DataFolder *folder,
           const char       *path)
{
  gsize len = strlen (folder->real);
  g_autofree char *above = NULL;

  if (g_str_has_prefix (path, folder->real) && (path[len] == '\0' || path[len] == G_DIR_SEPARATOR))
    return TRUE;
  if (!folder->known)
    return FALSE;

  above = g_strdup (path);
  for (;;)
    {
      g_autofree char *parent = NULL;
      GStatBuf info;

      if (g_stat (above, &info) == 0 && same_file (&info, &folder->info))
        return TRUE;
      parent = g_path_get_dirname (above);
      if (g_str_equal (parent, above))
        return FALSE;
      g_free (above);
      above = g_steal_pointer (&parent);
    }
}

/* The file in the data folder that @info is another name (a hard link)
 * for, or NULL. */
static char *
same_file_in (const DataFolder *folder,
               const GStatBuf   *info)
{
  g_autoptr(GDir) dir = g_dir_open (folder->real, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder->real, name, NULL);
      GStatBuf other;

      if (g_stat (path, &other) == 0 && same_file (&other, info))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static void
set_in_data_folder_error (GError     **error,
                          const char  *path,
                          const char  *data_dir)
{
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               _("%s is in Tidemark's data folder %s. Choose a place outside it, so that nothing there is "
                 "overwritten."),
               path, data_dir);
}

/**
 * tm_file_check_output:
 * @path: a file Tidemark is asked to write
 * @data_dir: (nullable): the data folder the output comes from
 *
 * Refuses, with %TM_STORE_ERROR_INVALID and a sentence, a @path in
 * @data_dir or that is @data_dir (however it is spelled: through a link,
 * "..", or another name for a file there), one that is not an ordinary
 * file (a folder, a device, a pipe, or a link to one), and a link: what is
 * written beside it and renamed would replace the link, not what it leads
 * to. Links in the folders above @path are followed.
 */
gboolean
tm_file_check_output (const char  *path,
                      const char  *data_dir,
                      GError     **error)
{
  g_auto(DataFolder) folder = { NULL };
  g_autofree char *stripped = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *resolved_parent = NULL;
  g_autofree char *landing = NULL;
  g_autofree char *leads_to = NULL;
  GStatBuf info;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);

  stripped = strip_slashes (path);
  parent = g_path_get_dirname (stripped);
  base = g_path_get_basename (stripped);
  resolved_parent = resolve (parent, 0);
  landing = g_canonicalize_filename (base, resolved_parent);
  leads_to = resolve (path, 0);

  if (data_dir != NULL)
    {
      data_folder_init (&folder, data_dir);
      /* Where the new file lands, and where a link there leads. */
      if (is_within (&folder, landing) || is_within (&folder, leads_to))
        {
          set_in_data_folder_error (error, path, data_dir);
          return FALSE;
        }
    }

  exists = g_stat (path, &info) == 0;
  if (exists && !S_ISREG (info.st_mode))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s is not an ordinary file (it is a folder, a device or a pipe). Give the name of a file "
                     "to write."),
                   path);
      return FALSE;
    }

  if (data_dir != NULL && exists && info.st_nlink > 1)
    {
      g_autofree char *same = same_file_in (&folder, &info);

      if (same != NULL)
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                       _("%s is another name for %s, in Tidemark's data folder. Choose another file, so that "
                         "nothing there is overwritten."),
                       path, same);
          return FALSE;
        }
    }

  /* Renaming over a link replaces the link itself, wherever it is
   * (/dev/stdout is one, in /dev), not the file it leads to. */
  if (g_lstat (stripped, &info) == 0 && S_ISLNK (info.st_mode))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s is a link to %s. Give the name of that file instead, if it is the one you mean."), path,
                   leads_to);
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_file_check_output_folder:
 * @dir: a folder Tidemark is asked to write files into; made when missing
 * @names: the names of the files it would write there
 * @data_dir: (nullable): the data folder they come from
 *
 * Refuses @dir when it is @data_dir or inside it, or is not a folder; and
 * each of the files as tm_file_check_output() does.
 */
gboolean
tm_file_check_output_folder (const char          *dir,
                             const char * const  *names,
                             const char          *data_dir,
                             GError             **error)
{
  GStatBuf info;

  g_return_val_if_fail (dir != NULL && names != NULL, FALSE);

  if (data_dir != NULL)
    {
      g_auto(DataFolder) folder = { NULL };
      g_autofree char *resolved = resolve (dir, 0);

      data_folder_init (&folder, data_dir);
      if (is_within (&folder, resolved))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                       _("%s is Tidemark's data folder or a folder inside it. Choose a folder outside it, so "
                         "that nothing there is overwritten."),
                       dir);
          return FALSE;
        }
    }

  if (g_stat (dir, &info) == 0 && !S_ISDIR (info.st_mode))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s is not a folder. Choose a folder to write the files into."), dir);
      return FALSE;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (!tm_file_check_output (path, data_dir, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * tm_file_check_private:
 * @path: a data file
 *
 * A health record is for its owner's eyes only: refuses a file that
 * belongs to another user, and one that others may read when that can't
 * be changed. Anything that is not an ordinary file is left for opening
 * to refuse.
 */
gboolean
tm_file_check_private (const char  *path,
                       GError     **error)
{
  GStatBuf info;

  if (g_lstat (path, &info) != 0 || !S_ISREG (info.st_mode))
    return TRUE;

  if (info.st_uid != geteuid ())
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("The data file %s belongs to another user, so Tidemark did not open it: a health record "
                     "is for its owner alone. Start Tidemark as that user, or choose a data folder of your "
                     "own."),
                   path);
      return FALSE;
    }

  if ((info.st_mode & 077) != 0 && calls.chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("Other users can read the data file %s, and Tidemark could not make it private (%s), so "
                     "it did not open it. Make it readable by you alone, or choose another data folder."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Reading */

static gboolean
check_readable (const char      *path,
                const GStatBuf  *info,
                gsize            limit,
                GError         **error)
{
  if (!S_ISREG (info->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not an ordinary file (it is a pipe, a device or a folder), so Tidemark did not "
                     "read it."),
                   path);
      return FALSE;
    }
  if (info->st_size < 0 || (guint64) info->st_size > limit)
    {
      g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is larger than %s, the most Tidemark reads from one file, so it did not read it."),
                   path, size);
      return FALSE;
    }
  return TRUE;
}

static void
set_read_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Tidemark could not read %s: %s"), path,
               g_strerror (saved_errno));
}

/* Everything @fd holds, up to @limit bytes; a file that grows past it
 * while it is read is refused too. */
static GByteArray *
read_all (int          fd,
          const char  *path,
          gsize        limit,
          gsize        expected,
          GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new ((guint) expected + 1);

  for (;;)
    {
      guint8 buffer[65536];
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, path, errno);
          return NULL;
        }
      if (n == 0)
        return g_steal_pointer (&bytes);
      if (bytes->len + (gsize) n > limit)
        {
          GStatBuf grown = { 0 };

          grown.st_mode = S_IFREG;
          grown.st_size = (off_t) (bytes->len + (gsize) n);
          check_readable (path, &grown, limit, error);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
}

/**
 * tm_file_read_bounded:
 * @limit: the most bytes to read
 * @contents: (out): the bytes, with a NUL after them
 *
 * Reads an ordinary file of at most @limit bytes. A pipe, a device, a
 * folder (or a link to one) and a larger file are refused with a sentence
 * before anything is read: nothing here waits on a pipe or reads a device
 * without end.
 */
gboolean
tm_file_read_bounded (const char  *path,
                      gsize        limit,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  GStatBuf info;
  int fd;

  /* Looked at first: opening a pipe waits for a writer. */
  if (g_stat (path, &info) != 0)
    {
      set_read_error (error, path, errno);
      return FALSE;
    }
  if (!check_readable (path, &info, limit, error))
    return FALSE;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, path, errno);
      return FALSE;
    }
  /* What was opened may not be what was looked at. */
  if (fstat (fd, &info) != 0)
    {
      set_read_error (error, path, errno);
      close (fd);
      return FALSE;
    }
  if (!check_readable (path, &info, limit, error))
    {
      close (fd);
      return FALSE;
    }

  bytes = read_all (fd, path, limit, (gsize) info.st_size, error);
  close (fd);
  if (bytes == NULL)
    return FALSE;

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

/* Temporary files */

/* The g_mkstemp() template for a temporary beside @path, within the
 * longest name the folder allows. */
static char *
temporary_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  long name_max = pathconf (dir, _PC_NAME_MAX);

  if (name_max <= 0)
    name_max = NAME_MAX;
  if (strlen (base) + strlen (TM_FILE_TEMPORARY_INFIX) + RANDOM_LEN <= (gsize) name_max)
    name = g_strconcat (base, TM_FILE_TEMPORARY_INFIX "XXXXXX", NULL);
  else
    name = g_strdup (TM_FILE_TEMPORARY_INFIX "XXXXXX");
  return g_build_filename (dir, name, NULL);
}

/**
 * tm_file_is_temporary_name:
 * @name: a file name, without its folder
 * @target: (nullable): the name of the file it would replace, or %NULL
 *   for any
 *
 * Returns: whether @name is one of Tidemark's temporary files (or a file
 *   SQLite keeps beside one), for @target when given
 */
gboolean
tm_file_is_temporary_name (const char *name,
                           const char *target)
{
  static const char * const sidecars[] = { "-journal", "-wal", "-shm" };
  gsize infix_len = strlen (TM_FILE_TEMPORARY_INFIX);
  gsize len = strlen (name);
  gsize prefix_len;
  const char *random;

  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    if (g_str_has_suffix (name, sidecars[i]))
      {
        len -= strlen (sidecars[i]);
        break;
      }

  if (len < infix_len + RANDOM_LEN)
    return FALSE;
  random = name + len - RANDOM_LEN;
  for (guint i = 0; i < RANDOM_LEN; i++)
    if (!g_ascii_isalnum (random[i]))
      return FALSE;
  if (strncmp (random - infix_len, TM_FILE_TEMPORARY_INFIX, infix_len) != 0)
    return FALSE;

  /* The short form belongs to any name too long for the long one. */
  prefix_len = len - RANDOM_LEN - infix_len;
  if (target == NULL || prefix_len == 0)
    return TRUE;
  return strlen (target) == prefix_len && strncmp (name, target, prefix_len) == 0;
}

/**
 * tm_file_remove_stale_temporaries:
 * @dir: a folder
 * @target: (nullable): only those for this file name; %NULL for all
 *
 * Removes Tidemark's temporary files in @dir that a crash left: only
 * ordinary files of this user, of Tidemark's own pattern, a day old (no
 * write is under way that long); never anything else.
 */
void
tm_file_remove_stale_temporaries (const char *dir,
                                  const char *target)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  gint64 day_ago = g_get_real_time () / G_USEC_PER_SEC - STALE_SECONDS;
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf info;

      if (!tm_file_is_temporary_name (name, target))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_uid == geteuid () &&
          info.st_mtime < day_ago && g_unlink (path) != 0)
        g_debug ("Could not remove %s: %s", path, g_strerror (errno));
    }
}

/* Renames reach the disk only once their folder is synced. */
static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("Could not sync %s: %s", dir, g_strerror (errno));
  close (fd);
}

/**
 * tm_file_remove_tree:
 * @path: a file or a folder
 *
 * Removes @path and, when it is a folder, everything in it. A link is
 * removed, never followed. A folder of this user that it may not read or
 * write (made read-only, say) is opened up first, so that it can be
 * emptied. What can't be removed stays, and the debug log says why.
 */
void
tm_file_remove_tree (const char *path)
{
  GStatBuf info;

  if (g_lstat (path, &info) != 0)
    return;
  if (S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) folder = NULL;
      const char *name;

      if ((info.st_mode & 0700) != 0700 && info.st_uid == geteuid ())
        g_chmod (path, 0700);
      folder = g_dir_open (path, 0, NULL);
      while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *inside = g_build_filename (path, name, NULL);

          tm_file_remove_tree (inside);
        }
      if (g_rmdir (path) != 0)
        g_debug ("Could not remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

/**
 * tm_file_sync_folder_of:
 * @path: a file just given its name (renamed, or linked)
 *
 * Puts @path's new name on the disk: a name reaches it only once its
 * folder is synced.
 */
void
tm_file_sync_folder_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  sync_folder (dir);
}

/* Write beside, then rename */

/**
 * tm_file_set_write_error:
 * @what: what was being written, as the sentence names it: "the report"
 * @saved_errno: why not
 *
 * Says that @path could not be written, why, what to check, and that
 * nothing there changed (a #TmPendingFile leaves what was there).
 */
void
tm_file_set_write_error (GError     **error,
                         const char  *what,
                         const char  *path,
                         int          saved_errno)
{
  g_autofree char *folder = g_path_get_dirname (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: "Tidemark could not write the report to /home/ana/report.pdf: Permission
                * denied. Check …" */
               _("Tidemark could not write %s to %s: %s. Check that the folder %s exists, that you may write to "
                 "it and that the disk has room; nothing there was changed."),
               what, path, g_strerror (saved_errno), folder);
}

/**
 * tm_pending_file_new:
 * @path: the file to write; an existing one is replaced only by
 *   tm_pending_file_commit()
 *
 * Creates a temporary file beside @path, readable by its owner alone.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with errno set
 */
TmPendingFile *
tm_pending_file_new (const char *path)
{
  TmPendingFile *file = g_new0 (TmPendingFile, 1);

  file->path = g_strdup (path);
  file->temporary = temporary_template (path);
  file->fd = g_mkstemp_full (file->temporary, O_RDWR | O_CLOEXEC, 0600);
  if (file->fd < 0)
    {
      int saved_errno = errno;

      file->committed = TRUE;   /* nothing of ours to remove */
      tm_pending_file_free (file);
      errno = saved_errno;
      return NULL;
    }
  return file;
}

int
tm_pending_file_get_fd (TmPendingFile *file)
{
  return file->fd;
}

const char *
tm_pending_file_get_path (TmPendingFile *file)
{
  return file->path;
}

/* Where to write, for writers that open files themselves (SQLite). */
const char *
tm_pending_file_get_temporary (TmPendingFile *file)
{
  return file->temporary;
}

/**
 * tm_pending_file_write:
 * @bytes: (array length=length): what to add to the file
 *
 * Writes all of @bytes at the end of what was written so far.
 *
 * Returns: %FALSE with errno set when that failed
 */
gboolean
tm_pending_file_write (TmPendingFile *file,
                       const void    *bytes,
                       gsize          length)
{
  const char *next = bytes;

  while (length > 0)
    {
      ssize_t written = write (file->fd, next, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return FALSE;
      next += written;
      length -= (gsize) written;
    }
  return TRUE;
}

/**
 * tm_pending_file_close:
 *
 * Puts what was written on the disk and closes the file.
 *
 * Returns: %FALSE with errno set when that failed
 */
gboolean
tm_pending_file_close (TmPendingFile *file)
{
  int fd = file->fd;
  int saved_errno = 0;

  if (fd < 0)
    return TRUE;
  file->fd = -1;
  if (fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      errno = saved_errno;
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_pending_file_commit:
 *
 * Closes the file and renames it over its final name in one step, then
 * removes what earlier writes of the same name left a day ago.
 *
 * Returns: %FALSE with errno set when it is not in place
 */
gboolean
tm_pending_file_commit (TmPendingFile *file)
{
  g_autofree char *dir = g_path_get_dirname (file->path);
  g_autofree char *base = g_path_get_basename (file->path);

  if (!tm_pending_file_close (file) || calls.rename (file->temporary, file->path) != 0)
    return FALSE;
  file->committed = TRUE;
  sync_folder (dir);
  tm_file_remove_stale_temporaries (dir, base);
  return TRUE;
}

/**
 * tm_pending_file_free:
 *
 * Closes the file; the temporary goes unless it was committed.
 */
void
tm_pending_file_free (TmPendingFile *file)
{
  if (file == NULL)
    return;
  if (file->fd >= 0)
    close (file->fd);
  if (!file->committed)
    g_unlink (file->temporary);
  g_free (file->temporary);
  g_free (file->path);
  g_free (file);
}

/* A name beside @path of Tidemark's temporary pattern, kept free by an
 * empty file that a rename may replace; NULL with errno set. */
static char *
reserve_name_beside (const char *path)
{
  char *name = temporary_template (path);
  int fd = g_mkstemp_full (name, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_free (name);
      errno = saved_errno;
      return NULL;
    }
  close (fd);
  return name;
}

/* The folder's mark that its files are being replaced, on the disk
 * before anything is moved. */
static gboolean
write_unfinished_mark (const char  *dir,
                       GError     **error)
{
  g_autofree char *path = g_build_filename (dir, TM_FILE_UNFINISHED_NAME, NULL);
  g_autoptr(TmPendingFile) mark = tm_pending_file_new (path);
  const char *text = _("Tidemark was replacing the files in this folder when it stopped, so they may come from "
                       "two different exports. Export again into this folder; this file then goes away.\n");
  int saved_errno;

  if (mark != NULL && tm_pending_file_write (mark, text, strlen (text)) && tm_pending_file_commit (mark))
    {
      sync_folder (dir);
      return TRUE;
    }
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Tidemark could not write %s (%s), so the files in %s were left as they were."), path,
               g_strerror (saved_errno), dir);
  return FALSE;
}

/* What went wrong in a swap, for its message. */
typedef struct
{
  const char *path;
  int         saved_errno;
} Failure;

static void
fail (Failure    *failure,
      const char *path)
{
  failure->path = path;
  failure->saved_errno = errno != 0 ? errno : EIO;
}

/* The files there now, renamed aside under temporary names: aside[i],
 * or NULL where there was none. */
static gboolean
set_aside (TmPendingFile **files,
           char          **aside,
           guint           n_files,
           Failure        *failure)
{
  for (guint i = 0; i < n_files; i++)
    {
      GStatBuf info;

      if (g_lstat (files[i]->path, &info) != 0)
        continue;
      aside[i] = reserve_name_beside (files[i]->path);
      if (aside[i] == NULL || calls.rename (files[i]->path, aside[i]) != 0)
        {
          fail (failure, files[i]->path);
          if (aside[i] != NULL)
            g_unlink (aside[i]);
          g_clear_pointer (&aside[i], g_free);
          return FALSE;
        }
    }
  return TRUE;
}

/* The new files renamed in; *placed says how many. */
static gboolean
put_in_place (TmPendingFile **files,
              guint           n_files,
              guint          *placed,
              Failure        *failure)
{
  for (*placed = 0; *placed < n_files; (*placed)++)
    {
      TmPendingFile *file = files[*placed];

      if (calls.rename (file->temporary, file->path) != 0)
        {
          fail (failure, file->path);
          return FALSE;
        }
      file->committed = TRUE;
    }
  return TRUE;
}

/* After a failed swap: the new files out, the old ones back. Returns
 * whether all of that worked. */
static gboolean
undo_swap (TmPendingFile **files,
           char          **aside,
           guint           n_files,
           guint           placed)
{
  gboolean undone = TRUE;

  for (guint i = 0; i < placed; i++)
    if (aside[i] == NULL && g_unlink (files[i]->path) != 0)
      undone = FALSE;
  for (guint i = 0; i < n_files; i++)
    if (aside[i] != NULL)
      {
        if (calls.rename (aside[i], files[i]->path) == 0)
          g_clear_pointer (&aside[i], g_free);
        else
          undone = FALSE;
      }
  return undone;
}

/**
 * tm_pending_files_commit_together:
 * @files: (array length=n_files): files in one folder, to be committed
 *   all or none
 *
 * Puts all of @files in place, or none of them. The files there now are
 * renamed aside (under temporary names) and the new ones renamed in; when
 * any rename fails, the new ones go and the old ones come back, and the
 * error says so.
 *
 * After a crash: no set of renames is one step, so while they run the
 * folder holds TM_FILE_UNFINISHED_NAME, written (and on the disk) before
 * the first rename and removed only after the last one reached the disk.
 * A folder without it holds files that were all put there together; one
 * with it is refused by the import until the next export replaces them
 * all. What was set aside, and new files not yet renamed, keep temporary
 * names, which the next export removes once a day old.
 */
gboolean
tm_pending_files_commit_together (TmPendingFile **files,
                                  guint           n_files,
                                  GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *mark = NULL;
  g_autoptr(GPtrArray) aside = g_ptr_array_new_with_free_func (g_free);
  Failure failure = { NULL, 0 };
  guint placed = 0;

  g_return_val_if_fail (n_files > 0, FALSE);

  dir = g_path_get_dirname (files[0]->path);
  mark = g_build_filename (dir, TM_FILE_UNFINISHED_NAME, NULL);
  for (guint i = 0; i < n_files; i++)
    if (!tm_pending_file_close (files[i]))
      {
        int saved_errno = errno;

        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Tidemark could not write %s (%s), so the files in %s were left as they were."),
                     files[i]->path, g_strerror (saved_errno), dir);
        return FALSE;
      }
  if (!write_unfinished_mark (dir, error))
    return FALSE;

  g_ptr_array_set_size (aside, n_files);
  if (!set_aside (files, (char **) aside->pdata, n_files, &failure) ||
      !put_in_place (files, n_files, &placed, &failure))
    {
      gboolean undone = undo_swap (files, (char **) aside->pdata, n_files, placed);

      sync_folder (dir);
      if (!undone)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (failure.saved_errno),
                       _("Tidemark could not put the new files in place in %s (%s: %s), nor put all the files that "
                         "were there before back, so the folder now holds some old and some new files; the old "
                         "ones are kept beside them with “tidemark-tmp” in their names. Export again into this "
                         "folder."),
                       dir, failure.path, g_strerror (failure.saved_errno));
          return FALSE;
        }
      if (g_unlink (mark) == 0)
        sync_folder (dir);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (failure.saved_errno),
                   _("Tidemark could not put the new files in place in %s (%s: %s), so the files that were there "
                     "before are there still, unchanged."),
                   dir, failure.path, g_strerror (failure.saved_errno));
      return FALSE;
    }

  /* All in place and on the disk: the mark goes, then what was aside. */
  sync_folder (dir);
  if (g_unlink (mark) != 0)
    g_debug ("Could not remove %s: %s", mark, g_strerror (errno));
  sync_folder (dir);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *base = g_path_get_basename (files[i]->path);

      if (aside->pdata[i] != NULL)
        g_unlink (aside->pdata[i]);
      tm_file_remove_stale_temporaries (dir, base);
    }
  return TRUE;
}

/**
 * tm_file_set_export_error:
 * @path: what could not be written
 * @saved_errno: why
 *
 * The sentence for an export's file or folder that could not be written,
 * when what was there stays as it was (TmPendingFile).
 */
void
tm_file_set_export_error (GError     **error,
                          const char  *path,
                          int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Tidemark could not write %s: %s. Check that you may write to that folder and that the disk "
                 "has room; files already there were left as they were."),
               path, g_strerror (saved_errno));
}
