/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One writer per data folder (DESIGN.md). A process that writes a data
 * folder (a window, an import, a restore, a backup) holds an advisory lock
 * on DIR/tidemark.lock with flock(), which the kernel lets go of when the
 * process ends, however it ends; a second process waits for a moment, then
 * says the folder is in use.
 *
 * flock() locks belong to an open file: two open()s of the lock file in
 * one process conflict as two processes would. But one process opens a
 * folder's data many times (the window's store, the daily backup's in a
 * thread, an export's and an import's), and these must not shut each
 * other out. So the lock is per process and per folder: the first
 * acquire in a process opens and locks the file, later ones (from any
 * thread) take a reference to that same lock, and the last unref closes
 * the file, which lets go of it. Locks are found by the lock file's device
 * and inode, so that a folder reached through a symbolic link or another
 * spelling is the same folder. The file is opened close-on-exec, so that
 * no program Tidemark starts (a file viewer) keeps the lock after it.
 *
 * The file is never deleted: a process that deleted it could leave a
 * second one locking a new file of the same name. It holds one line, what
 * the holder says about itself (tm_data_lock_set_holder()), so that a
 * second window can hand over to the first. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tm-data-lock.h"
#include "tm-store-error.h"

#define POLL_US       (50 * 1000)
#define MAX_HOLDER    1024

struct _TmDataLock
{
  guint  ref_count;    /* under registry_mutex */
  int    fd;
  dev_t  dev;
  ino_t  ino;
};

/* The locks this process holds. */
static GMutex registry_mutex;
static GPtrArray *registry;

static TmDataLock *
find_held (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      TmDataLock *lock = registry->pdata[i];

      if (lock->dev == dev && lock->ino == ino)
        return lock;
    }
  return NULL;
}

/* Opens the lock file at @path, made private when new; a FIFO, a device or
 * a symbolic link in its place is refused without waiting or following. */
static int
open_lock_file (const char   *path,
                int           flags,
                struct stat  *info,
                GError      **error)
{
  int fd = open (path, flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
  int saved_errno = errno;

  if (fd >= 0 && fstat (fd, info) == 0 && S_ISREG (info->st_mode))
    return fd;

  if (fd >= 0)
    {
      saved_errno = errno;
      close (fd);
    }
  if (fd >= 0 || saved_errno == ELOOP || saved_errno == EISDIR || saved_errno == ENXIO)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                 _("%s is not a plain file, so Tidemark can't tell whether another Tidemark is using this "
                   "folder. Move it away, then try again; nothing was changed."),
                 path);
  else
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                 _("Tidemark can't create %s (%s). Check that you may write to its folder."),
                 path, g_strerror (saved_errno));
  return -1;
}

/* Under registry_mutex: the lock of the file open as @fd, this process's
 * already or newly taken; %NULL when another process holds it. */
static TmDataLock *
take (int                fd,
      const struct stat *info,
      GError           **error)
{
  TmDataLock *lock = find_held (info->st_dev, info->st_ino);

  if (lock != NULL)
    {
      lock->ref_count++;
      close (fd);
      return lock;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno != EWOULDBLOCK && errno != EINTR)
        {
          int saved_errno = errno;

          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                       _("Tidemark can't lock its data folder (%s), so it changed nothing."),
                       g_strerror (saved_errno));
          close (fd);
        }
      return NULL;
    }

  lock = g_new0 (TmDataLock, 1);
  lock->ref_count = 1;
  lock->fd = fd;
  lock->dev = info->st_dev;
  lock->ino = info->st_ino;
  if ((info->st_mode & 0777) != 0600 && fchmod (fd, 0600) != 0)
    g_debug ("Could not make the lock file private: %s", g_strerror (errno));
  /* What an earlier holder said about itself is no longer true. */
  if (ftruncate (fd, 0) != 0)
    g_debug ("Could not empty the lock file: %s", g_strerror (errno));
  if (registry == NULL)
    registry = g_ptr_array_new ();
  g_ptr_array_add (registry, lock);
  return lock;
}

/**
 * tm_data_lock_acquire:
 * @data_dir: an existing data folder
 * @wait_ms: how long to wait for another process to let go of it
 *
 * Takes @data_dir's lock for this process, or another reference to it
 * when this process holds it already.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL with
 *   %TM_STORE_ERROR_BUSY when another process still holds it after
 *   @wait_ms
 */
TmDataLock *
tm_data_lock_acquire (const char  *data_dir,
                      guint        wait_ms,
                      GError     **error)
{
  g_autofree char *path = NULL;
  struct stat info;
  gint64 give_up;
  int fd;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (data_dir, TM_DATA_LOCK_FILE_NAME, NULL);
  if ((fd = open_lock_file (path, O_RDWR | O_CREAT, &info, error)) < 0)
    return NULL;

  give_up = g_get_monotonic_time () + (gint64) wait_ms * 1000;
  for (;;)
    {
      GError *local_error = NULL;
      TmDataLock *lock;

      g_mutex_lock (&registry_mutex);
      lock = take (fd, &info, &local_error);
      g_mutex_unlock (&registry_mutex);

      if (lock != NULL)
        return lock;
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (g_get_monotonic_time () >= give_up)
        break;
      /* The holder may be an import or a backup about to end. */
      g_usleep (POLL_US);
    }

  close (fd);
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY,
               _("Tidemark is already using %s. Switch to the Tidemark window showing it, or wait for its "
                 "import or backup to end and try again; nothing was changed."),
               data_dir);
  return NULL;
}

TmDataLock *
tm_data_lock_ref (TmDataLock *lock)
{
  g_return_val_if_fail (lock != NULL, NULL);

  g_mutex_lock (&registry_mutex);
  lock->ref_count++;
  g_mutex_unlock (&registry_mutex);
  return lock;
}

/* The last reference closes the file, which lets go of the lock. */
void
tm_data_lock_unref (TmDataLock *lock)
{
  if (lock == NULL)
    return;

  g_mutex_lock (&registry_mutex);
  g_assert (lock->ref_count > 0);
  if (--lock->ref_count == 0)
    {
      g_ptr_array_remove_fast (registry, lock);
      close (lock->fd);
      g_free (lock);
    }
  g_mutex_unlock (&registry_mutex);
}

/**
 * tm_data_lock_set_holder:
 * @holder: one line saying who holds the folder, for
 *   tm_data_lock_get_holder() in another process
 */
gboolean
tm_data_lock_set_holder (TmDataLock  *lock,
                         const char  *holder,
                         GError     **error)
{
  gsize length;

  g_return_val_if_fail (lock != NULL, FALSE);
  g_return_val_if_fail (holder != NULL && strchr (holder, '\n') == NULL, FALSE);

  length = MIN (strlen (holder), MAX_HOLDER);
  if (ftruncate (lock->fd, 0) != 0 || pwrite (lock->fd, holder, length, 0) != (gssize) length)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_data_lock_get_holder:
 *
 * Returns: (transfer full) (nullable): what the process holding
 *   @data_dir's lock says about itself ("" when nothing), or %NULL when no
 *   other process holds it
 */
char *
tm_data_lock_get_holder (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, TM_DATA_LOCK_FILE_NAME, NULL);
  char buffer[MAX_HOLDER + 1];
  gboolean held_here, free_now;
  struct stat info;
  gssize length;
  int fd;

  if ((fd = open_lock_file (path, O_RDONLY, &info, NULL)) < 0)
    return NULL;

  g_mutex_lock (&registry_mutex);
  held_here = find_held (info.st_dev, info.st_ino) != NULL;
  g_mutex_unlock (&registry_mutex);
  /* A shared lock is granted only while no one holds the folder. */
  free_now = !held_here && flock (fd, LOCK_SH | LOCK_NB) == 0;
  if (held_here || free_now)
    {
      close (fd);
      return NULL;
    }

  length = pread (fd, buffer, MAX_HOLDER, 0);
  close (fd);
  buffer[MAX (length, 0)] = '\0';
  return g_strdup (buffer);
}
