/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups (DESIGN.md, Reliability promises): a copy of the data file made
 * with sqlite3_backup, at most once a day when Tidemark opens, or when asked;
 * 7 daily and 4 weekly kept, beside the data file, readable by its owner
 * alone; and one just before each import, the last 5 kept. Restoring moves the current file aside, never deletes it. A data
 * file found damaged is moved aside as it is, and the newest backup that
 * passes its check takes its place. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tm-file.h"
#include "tm-sqlite.h"
#include "tm-store-backup.h"
#include "tm-store-error.h"
#include "tm-store-private.h"

#define BACKUP_PREFIX         "tidemark-backup-"
#define BEFORE_IMPORT_PREFIX  "tidemark-before-import-"
#define BACKUP_SUFFIX         ".db"
#define KEEP_DAILY            7
#define KEEP_WEEKLY           4
#define KEEP_BEFORE_IMPORT    5

TmBackup *
tm_backup_copy (const TmBackup *backup)
{
  TmBackup *copy = g_memdup2 (backup, sizeof *backup);

  copy->path = g_strdup (backup->path);
  return copy;
}

void
tm_backup_free (TmBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup);
}

/* "tidemark-backup-2026-11-28.db" → "2026-11-28", or NULL. */
static char *
day_of_name (const char *name)
{
  gsize prefix = strlen (BACKUP_PREFIX), suffix = strlen (BACKUP_SUFFIX);
  g_autofree char *day = NULL;

  if (!g_str_has_prefix (name, BACKUP_PREFIX) || !g_str_has_suffix (name, BACKUP_SUFFIX) ||
      strlen (name) != prefix + TM_DAY_LEN + suffix)
    return NULL;
  day = g_strndup (name + prefix, TM_DAY_LEN);
  return tm_day_is_valid (day) ? g_steal_pointer (&day) : NULL;
}

/* "tidemark-before-import-20261128-091500.db", or "…-091500-2.db" for the
 * second copy of that second: its day, its time and when it was made (the
 * second's, plus N microseconds to keep the order within it). FALSE for
 * any other name. */
static gboolean
parse_before_import_name (const char *name,
                          TmBackup   *backup)
{
  gsize prefix = strlen (BEFORE_IMPORT_PREFIX);
  g_autoptr(GDateTime) made = NULL;
  guint64 n = 1;
  int year, month, day_of_month, hour, minute, second;
  const char *rest;

  if (!g_str_has_prefix (name, BEFORE_IMPORT_PREFIX) || !g_str_has_suffix (name, BACKUP_SUFFIX) ||
      strlen (name) < prefix + 15 + strlen (BACKUP_SUFFIX))
    return FALSE;
  for (gsize i = 0; i < 15; i++)
    if (i == 8 ? name[prefix + i] != '-' : !g_ascii_isdigit (name[prefix + i]))
      return FALSE;
  if (sscanf (name + prefix, "%4d%2d%2d-%2d%2d%2d", &year, &month, &day_of_month, &hour, &minute, &second) != 6)
    return FALSE;

  rest = name + prefix + 15;
  if (rest[0] == '-')
    {
      g_autofree char *digits = g_strndup (rest + 1, strlen (rest + 1) - strlen (BACKUP_SUFFIX));

      if (!g_ascii_string_to_unsigned (digits, 10, 2, 999999, &n, NULL))
        return FALSE;
    }
  else if (strcmp (rest, BACKUP_SUFFIX) != 0)
    return FALSE;

  made = g_date_time_new_local (year, month, day_of_month, hour, minute, second);
  if (made == NULL)
    return FALSE;
  g_snprintf (backup->day, sizeof backup->day, "%04d-%02d-%02d", year, month, day_of_month);
  g_snprintf (backup->time, sizeof backup->time, "%02d:%02d", hour, minute);
  backup->made_at = g_date_time_to_unix (made) * G_USEC_PER_SEC + (gint64) n;
  return TRUE;
}

/* Newest day first; within a day, the last made first. */
static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const TmBackup *x = *(TmBackup * const *) a, *y = *(TmBackup * const *) b;
  int by_day = -strcmp (x->day, y->day);

  if (by_day != 0)
    return by_day;
  return (x->made_at < y->made_at) - (x->made_at > y->made_at);
}

/* The backups of @kind in @data_dir, or of either kind when @kind is -1,
 * newest first. */
static GPtrArray *
list_backups (const char *data_dir,
              int         kind)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_backup_free);
  g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *day = day_of_name (name);
      g_autoptr(TmBackup) backup = g_new0 (TmBackup, 1);
      GStatBuf info;

      if (day != NULL)
        {
          backup->kind = TM_BACKUP_DAILY;
          g_strlcpy (backup->day, day, sizeof backup->day);
        }
      else if (parse_before_import_name (name, backup))
        backup->kind = TM_BACKUP_BEFORE_IMPORT;
      else
        continue;
      if (kind >= 0 && backup->kind != (TmBackupKind) kind)
        continue;

      backup->path = g_build_filename (data_dir, name, NULL);
      if (g_stat (backup->path, &info) == 0)
        {
          backup->size = info.st_size;
          /* A daily backup is named by its day alone: within it, the file's time. */
          if (backup->kind == TM_BACKUP_DAILY)
            backup->made_at = (gint64) info.st_mtim.tv_sec * G_USEC_PER_SEC + info.st_mtim.tv_nsec / 1000;
        }
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }
  g_ptr_array_sort (backups, newest_first);
  return backups;
}

/**
 * tm_backups_list:
 * @data_dir: a data folder
 *
 * Returns: (transfer container) (element-type TmBackup): the backups in
 *   @data_dir, the daily ones and those made before imports, newest first
 */
GPtrArray *
tm_backups_list (const char *data_dir)
{
  return list_backups (data_dir, -1);
}

/* The file @db copied through sqlite3_backup into a new file beside
 * @dest_path, readable by its owner alone, on the disk, not yet in place.
 * %NULL when it could not be made. */
static TmPendingFile *
copy_to_pending (sqlite3     *db,
                 const char  *dest_path,
                 const char  *what,
                 GError     **error)
{
  /* A name of its own: two copies at once never share a temporary file. */
  g_autoptr(TmPendingFile) pending = tm_pending_file_new (dest_path);
  sqlite3 *dest = NULL;
  int rc;

  if (pending == NULL || !tm_pending_file_close (pending))
    {
      int saved_errno = errno;

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   _("Tidemark can't create %s (%s). Check that you may write to its folder."),
                   dest_path, g_strerror (saved_errno));
      return NULL;
    }
  rc = sqlite3_open_v2 (tm_pending_file_get_temporary (pending), &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = tm_sqlite_copy (db, dest);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      tm_sqlite_set_error (error, dest, rc, dest_path, what);
      sqlite3_close_v2 (dest);
      return NULL;
    }
  sqlite3_close_v2 (dest);
  return g_steal_pointer (&pending);
}

/* The file @db copied to @dest_path through sqlite3_backup: written beside
 * it first, renamed into place when whole, readable by its owner alone. */
gboolean
tm_store_copy_database (sqlite3     *db,
                        const char  *dest_path,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(TmPendingFile) pending = copy_to_pending (db, dest_path, what, error);

  if (pending == NULL)
    return FALSE;

  if (!tm_pending_file_commit (pending))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("%s could not be written, so %s (%s)."),
                   dest_path, what, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* @pending's whole copy of the data, read back, sealed, and written to
 * its final name in place of the plain copy: the same naming, the same
 * writing beside and renaming into place, only the bytes sealed. */
static gboolean
commit_sealed (TmPendingFile       *pending,
               const TmBackupSeal  *seal,
               const char          *what,
               GError             **error)
{
  const char *path = tm_pending_file_get_path (pending);
  g_autoptr(TmPendingFile) sealed_file = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;
  int saved_errno;

  if (!tm_file_read_bounded (tm_pending_file_get_temporary (pending), TM_CRYPT_MAX_BYTES, &contents, &length,
                             &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s could not be written, so %s (%s)."), path, what,
                   local_error->message);
      return FALSE;
    }
  plain = g_bytes_new_take (contents, length);
  sealed = seal->key != NULL ? tm_crypt_seal_with_key (plain, seal->key, error)
                             : tm_crypt_seal_with_passphrase (plain, seal->passphrase, error);
  if (sealed == NULL)
    return FALSE;

  sealed_file = tm_pending_file_new (path);
  if (sealed_file != NULL &&
      tm_pending_file_write (sealed_file, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed)) &&
      tm_pending_file_commit (sealed_file))
    return TRUE;
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("%s could not be written, so %s (%s)."),
               path, what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
seals (const TmBackupSeal *seal)
{
  return seal != NULL && (seal->key != NULL || seal->passphrase != NULL);
}

/**
 * tm_store_back_up_now_sealed:
 * @today: the day the backup is of
 * @seal: (nullable): what to seal the backup with; %NULL for a plain copy
 *
 * Copies the data file to today's backup (replacing an earlier one of
 * today), sealed with @seal's key or passphrase, then lets go of backups
 * no longer kept. When it can't be sealed, no backup is made, plain or
 * otherwise.
 */
gboolean
tm_store_back_up_now_sealed (TmStore             *store,
                             const char          *today,
                             const TmBackupSeal  *seal,
                             GError             **error)
{
  g_autofree char *name = g_strconcat (BACKUP_PREFIX, today, BACKUP_SUFFIX, NULL);
  g_autofree char *path = g_build_filename (tm_store_get_data_dir (store), name, NULL);
  const char *what = _("no backup was made");

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);
  g_return_val_if_fail (tm_day_is_valid (today), FALSE);

  if (seals (seal))
    {
      g_autoptr(TmPendingFile) pending = copy_to_pending (tm_store_get_db (store), path, what, error);

      if (pending == NULL || !commit_sealed (pending, seal, what, error))
        return FALSE;
    }
  else if (!tm_store_copy_database (tm_store_get_db (store), path, what, error))
    return FALSE;
  tm_backups_prune (tm_store_get_data_dir (store), today);
  return TRUE;
}

/**
 * tm_store_back_up_now:
 * @today: the day the backup is of
 *
 * Copies the data file to today's backup, unsealed; see
 * tm_store_back_up_now_sealed().
 */
gboolean
tm_store_back_up_now (TmStore     *store,
                      const char  *today,
                      GError     **error)
{
  return tm_store_back_up_now_sealed (store, today, NULL, error);
}

/**
 * tm_store_back_up_if_due_sealed:
 * @seal: (nullable): as tm_store_back_up_now_sealed()
 *
 * Makes today's backup unless there is one. Returns whether one was made.
 */
gboolean
tm_store_back_up_if_due_sealed (TmStore             *store,
                                const char          *today,
                                const TmBackupSeal  *seal,
                                GError             **error)
{
  g_autofree char *name = g_strconcat (BACKUP_PREFIX, today, BACKUP_SUFFIX, NULL);
  g_autofree char *path = g_build_filename (tm_store_get_data_dir (store), name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  return tm_store_back_up_now_sealed (store, today, seal, error);
}

/**
 * tm_store_back_up_if_due:
 *
 * Makes today's backup, unsealed, unless there is one. Returns whether
 * one was made.
 */
gboolean
tm_store_back_up_if_due (TmStore     *store,
                         const char  *today,
                         GError     **error)
{
  return tm_store_back_up_if_due_sealed (store, today, NULL, error);
}

/* Gives the whole copy in @pending the first free name of @base.db,
 * @base-2.db, …: a second name that never replaces a file, so that two
 * copies made in one second are both kept. The temporary name goes when
 * @pending is freed. */
static char *
publish_under_new_name (TmPendingFile  *pending,
                        const char     *base,
                        const char     *what,
                        GError        **error)
{
  const char *temporary = tm_pending_file_get_temporary (pending);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *path = n == 1 ? g_strconcat (base, BACKUP_SUFFIX, NULL)
                                     : g_strdup_printf ("%s-%u%s", base, n, BACKUP_SUFFIX);
      int saved_errno;

      if (link (temporary, path) == 0)
        {
          tm_file_sync_folder_of (path);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
      if (saved_errno == EEXIST)
        continue;
      /* A disk without second names: the name is free now, and the data
       * folder's lock keeps another Tidemark from taking it meanwhile. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (temporary, path) == 0)
        {
          tm_file_sync_folder_of (path);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("%s could not be written, so %s (%s)."),
                   path, what, g_strerror (saved_errno));
      return NULL;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s could not be written, so %s (%s)."), base, what,
               g_strerror (EEXIST));
  return NULL;
}

/* The copies made before imports, but the last KEEP_BEFORE_IMPORT. */
static void
prune_before_import (const char *data_dir)
{
  g_autoptr(GPtrArray) copies = list_backups (data_dir, TM_BACKUP_BEFORE_IMPORT);

  for (guint i = KEEP_BEFORE_IMPORT; i < copies->len; i++)
    {
      TmBackup *copy = copies->pdata[i];

      if (g_unlink (copy->path) != 0)
        g_debug ("Could not remove %s: %s", copy->path, g_strerror (errno));
    }
}

/**
 * tm_store_back_up_before_import:
 * @now: the time the copy is named by
 * @path: (out) (optional): the copy's file
 *
 * Copies the data file to `tidemark-before-import-DATE-TIME.db`, a name
 * of its own (never replacing another copy, nor a daily backup), so that
 * every import can be undone; keeps the last 5 such copies.
 */
gboolean
tm_store_back_up_before_import (TmStore     *store,
                                GDateTime   *now,
                                char       **path,
                                GError     **error)
{
  const char *what = _("no copy of the data was made before the import, so nothing was imported");
  g_autoptr(TmPendingFile) pending = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *base = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *made = NULL;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  {
    g_autofree char *name = g_strconcat (BEFORE_IMPORT_PREFIX, stamp, NULL);

    base = g_build_filename (tm_store_get_data_dir (store), name, NULL);
  }
  first_name = g_strconcat (base, BACKUP_SUFFIX, NULL);
  if ((pending = copy_to_pending (tm_store_get_db (store), first_name, what, error)) == NULL ||
      (made = publish_under_new_name (pending, base, what, error)) == NULL)
    return FALSE;

  prune_before_import (tm_store_get_data_dir (store));
  if (path != NULL)
    *path = g_steal_pointer (&made);
  return TRUE;
}

/* Monday's day of the ISO week of @day, which names the week. */
static char *
week_of (const char *day)
{
  GDate date;

  tm_day_to_date (day, &date);
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  return tm_day_from_date (&date);
}

/* A copy cut off by a crash leaves its temporary file; one a day old is
 * no copy still being written. */
static void
remove_stale_partials (const char *data_dir)
{
  g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
  gint64 day_ago = g_get_real_time () / G_USEC_PER_SEC - 24 * 60 * 60;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf info;

      if (!g_str_has_prefix (name, BACKUP_PREFIX) || strstr (name, BACKUP_SUFFIX ".partial-") == NULL)
        continue;
      path = g_build_filename (data_dir, name, NULL);
      if (g_lstat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_mtime < day_ago && g_unlink (path) != 0)
        g_debug ("Could not remove %s: %s", path, g_strerror (errno));
    }
  /* Those of every copy, restore and export since: Tidemark's own pattern. */
  tm_file_remove_stale_temporaries (data_dir, NULL);
}

/* The rows of each table of the record in the file at @path, by table:
 * every table but meta, which holds settings, not the record (so a table
 * a newer schema adds counts too). %NULL when the file can't be read. */
static GHashTable *
count_records (const char *path)
{
  GHashTable *counts = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'meta'"
                                 " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                             -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc == SQLITE_DONE)
    counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; counts != NULL && i < tables->len; i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM \"%s\"", (char *) tables->pdata[i]);

      if (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (counts, g_strdup (tables->pdata[i]),
                             GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      else
        g_clear_pointer (&counts, g_hash_table_unref);
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  sqlite3_close_v2 (db);
  return counts;
}

/* Whether the data file holds fewer records than a backup. "Fewer" is
 * table by table: fewer rows in any one table of the record than the
 * backup has, whatever the others hold, so that a week of new check-ins
 * never hides that every session is gone. (The price: after a record is
 * deleted, one backup more is kept until its table has as many rows as
 * before.) A data file that can't be read holds nothing. */
static gboolean
holds_fewer (GHashTable *current,
             GHashTable *backup)
{
  GHashTableIter iter;
  gpointer table, n;

  g_hash_table_iter_init (&iter, backup);
  while (g_hash_table_iter_next (&iter, &table, &n))
    {
      gpointer here = current != NULL ? g_hash_table_lookup (current, table) : NULL;

      if (GPOINTER_TO_SIZE (here) < GPOINTER_TO_SIZE (n))
        return TRUE;
    }
  return FALSE;
}

/* The newest of @backups (newest first) that holds records the data file
 * in @data_dir no longer has, or %NULL: the way back after the file was
 * emptied, which no pruning may take. */
static char *
find_fuller_backup (const char *data_dir,
                    GPtrArray  *backups)
{
  g_autofree char *path = g_build_filename (data_dir, TM_STORE_FILE_NAME, NULL);
  g_autoptr(GHashTable) current = count_records (path);

  for (guint i = 0; i < backups->len; i++)
    {
      TmBackup *backup = backups->pdata[i];
      g_autoptr(GHashTable) counts = count_records (backup->path);

      if (counts != NULL && holds_fewer (current, counts))
        return g_strdup (backup->path);
    }
  return NULL;
}

/**
 * tm_backups_prune:
 *
 * Keeps the 7 newest backups up to @today, and then the newest of each of
 * the 4 weeks before theirs; removes the rest. A backup dated after @today
 * (the clock was wrong when it was made) is kept and not counted. So is
 * the newest backup holding records that the data file no longer holds
 * (see holds_fewer()). A copy's temporary file left by a crash goes after
 * a day.
 */
void
tm_backups_prune (const char *data_dir,
                  const char *today)
{
  g_autoptr(GPtrArray) backups = list_backups (data_dir, TM_BACKUP_DAILY);
  g_autoptr(GPtrArray) weeks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fuller = find_fuller_backup (data_dir, backups);
  guint daily = 0, weekly = 0;

  for (guint i = 0; i < backups->len; i++)
    {
      TmBackup *backup = backups->pdata[i];
      g_autofree char *week = NULL;
      gboolean week_seen;

      if (strcmp (backup->day, today) > 0)
        continue;

      week = week_of (backup->day);
      week_seen = g_ptr_array_find_with_equal_func (weeks, week, g_str_equal, NULL);
      if (!week_seen)
        g_ptr_array_add (weeks, g_strdup (week));

      /* The daily ones, then one for each week that has none yet. */
      if (daily < KEEP_DAILY)
        {
          daily++;
          continue;
        }
      if (!week_seen && weekly < KEEP_WEEKLY)
        {
          weekly++;
          continue;
        }
      if (g_strcmp0 (backup->path, fuller) == 0)
        continue;
      if (g_unlink (backup->path) != 0)
        g_debug ("Could not remove %s: %s", backup->path, g_strerror (errno));
    }
  remove_stale_partials (data_dir);
}

/* Whether @path is a Tidemark data file that passes its check. */
static gboolean
check_backup (const char  *path,
              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean good = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    good = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (good)
    {
      good = sqlite3_prepare_v2 (db, "SELECT count(*) FROM checkin", -1, &stmt, NULL) == SQLITE_OK &&
             sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  sqlite3_close_v2 (db);

  if (!good && tm_backups_is_encrypted (path))
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                 _("The backup %s is encrypted. Restore it from Preferences, which asks for its key or "
                   "passphrase."), path);
  else if (!good)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                 _("The backup %s is damaged or not one of Tidemark's. Choose another."), path);
  return good;
}

/* Encrypted backups: marked by what they hold (TIDEMARK-ENC1), whatever
 * their name. */

/**
 * tm_backups_is_encrypted:
 *
 * Returns: whether the file at @path starts like an encrypted file
 */
gboolean
tm_backups_is_encrypted (const char *path)
{
  guint8 start[sizeof TM_CRYPT_MAGIC - 1];
  gssize n = -1;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  do
    n = read (fd, start, sizeof start);
  while (n < 0 && errno == EINTR);
  close (fd);
  return n == (gssize) sizeof start && tm_crypt_is_encrypted (start, sizeof start);
}

static GBytes *
read_sealed (const char  *path,
             GError     **error)
{
  char *contents = NULL;
  gsize length = 0;

  if (!tm_file_read_bounded (path, TM_CRYPT_MAX_BYTES, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/**
 * tm_backups_read_seal:
 * @source: (out) (optional): what opens it: a passphrase, or a key
 * @fingerprint: (out) (optional): the key's fingerprint, for a key
 *
 * Reads what an encrypted backup asks for, from its header. %FALSE (with
 * %TM_CRYPT_ERROR_NOT_ENCRYPTED) for a plain backup.
 */
gboolean
tm_backups_read_seal (const char        *path,
                      TmCryptKeySource  *source,
                      char             **fingerprint,
                      GError           **error)
{
  g_autoptr(GBytes) sealed = read_sealed (path, error);
  g_autofree char *print = NULL;
  TmCryptKeySource found;

  if (sealed == NULL || !tm_crypt_read_header (sealed, &found, &print, error))
    return FALSE;
  if (source != NULL)
    *source = found;
  if (fingerprint != NULL)
    *fingerprint = g_steal_pointer (&print);
  return TRUE;
}

/**
 * tm_backups_key_from_recovery_code:
 * @path: an encrypted backup sealed with a key
 * @code: the recovery code typed
 *
 * Returns: (transfer full): the key of @path that @code stands for, or
 *   %NULL with a sentence when it is mistyped or another key's
 */
TmCryptKey *
tm_backups_key_from_recovery_code (const char  *path,
                                   const char  *code,
                                   GError     **error)
{
  g_autofree char *wanted = NULL;
  g_autofree char *print = NULL;
  g_autoptr(TmCryptKey) key = NULL;
  TmCryptKeySource source;

  if (!tm_backups_read_seal (path, &source, &wanted, error))
    return NULL;
  if ((key = tm_crypt_key_new_from_recovery_code (code, error)) == NULL)
    return NULL;
  print = tm_crypt_key_get_fingerprint (key);
  if (source != TM_CRYPT_KEY_SOURCE_KEY || g_strcmp0 (print, wanted) != 0)
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_KEY,
                           _("This recovery code belongs to another key. Check that it is the code printed for "
                             "this backup’s key."));
      return NULL;
    }
  return g_steal_pointer (&key);
}

/**
 * tm_backups_unseal:
 * @path: an encrypted backup
 * @seal: its key or its passphrase
 *
 * Opens @path into a private file beside it, ready to be restored like a
 * plain backup (tm_store_restore_backup(), tm_backups_recover() with
 * tm_pending_file_get_temporary()). Freeing the result removes that file.
 *
 * Returns: (transfer full): the opened copy, or %NULL with a sentence
 *   (a wrong passphrase or key, a damaged file)
 */
TmPendingFile *
tm_backups_unseal (const char          *path,
                   const TmBackupSeal  *seal,
                   GError             **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(TmPendingFile) pending = NULL;

  g_return_val_if_fail (seals (seal), NULL);

  if ((sealed = read_sealed (path, error)) == NULL)
    return NULL;
  plain = seal->key != NULL ? tm_crypt_open_with_key (sealed, seal->key, error)
                            : tm_crypt_open_with_passphrase (sealed, seal->passphrase, error);
  if (plain == NULL)
    return NULL;

  pending = tm_pending_file_new (path);
  if (pending == NULL ||
      !tm_pending_file_write (pending, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain)) ||
      !tm_pending_file_close (pending))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Tidemark can't create %s (%s). Check that you may write to its folder."), path,
                   g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&pending);
}

/**
 * tm_backups_find_good:
 *
 * Returns: (transfer full) (nullable): the newest backup in @data_dir
 *   that passes its check
 */
TmBackup *
tm_backups_find_good (const char *data_dir)
{
  g_autoptr(GPtrArray) backups = tm_backups_list (data_dir);

  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = ((TmBackup *) backups->pdata[i])->path;

      /* A sealed one can only be checked once it is opened. */
      if (check_backup (path, NULL) || tm_backups_read_seal (path, NULL, NULL, NULL))
        return g_ptr_array_steal_index (backups, i);
    }
  return NULL;
}

/* What can be done for @data_dir's damaged file: the newest good backup
 * can take its place, or there is none. */
static char *
advice_for (const char *data_dir)
{
  g_autoptr(TmBackup) good = tm_backups_find_good (data_dir);
  g_autofree char *path = g_build_filename (data_dir, TM_STORE_FILE_NAME, NULL);
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;

  if (good == NULL)
    return g_strdup_printf (_("There is no good backup in %s. Choose another data folder, or move the "
                              "damaged file away to start afresh."),
                            data_dir);

  day = tm_day_format_long (good->day);
  name = g_path_get_basename (good->path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    /* Translators: a date, then a file name */
    return g_strdup_printf (_("The newest good backup is of %s (%s). Restoring it puts a copy in the data "
                              "file’s place. Or choose another data folder."),
                            day, name);
  /* Translators: a date, then a file name */
  return g_strdup_printf (_("The newest good backup is of %s (%s). Restoring it puts a copy in place of "
                            "the damaged file, which is kept beside it, unchanged. Or choose another "
                            "data folder."),
                          day, name);
}

/**
 * tm_store_explain_error:
 * @data_dir: the folder tm_store_open() was given
 * @error: why it failed
 *
 * Returns: (transfer full): @error's sentence, and for a damaged file
 *   what can be done about it; the same words in the window and on the
 *   command line
 */
char *
tm_store_explain_error (const char   *data_dir,
                        const GError *error)
{
  g_autofree char *advice = NULL;

  if (!g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED))
    return g_strdup (error->message);
  advice = advice_for (data_dir);
  return g_strconcat (error->message, " ", advice, NULL);
}

/* @from's bytes as @to, private from the start, on disk before it
 * returns; written beside @to, so that a crash leaves a temporary file of
 * Tidemark's pattern, which pruning removes, and never half a file. */
static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(TmPendingFile) pending = NULL;
  int in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno = 0;

  if (in < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Tidemark could not read %s: %s"),
                   from, g_strerror (saved_errno));
      return FALSE;
    }
  pending = tm_pending_file_new (to);
  if (pending == NULL)
    saved_errno = errno != 0 ? errno : EIO;
  while (saved_errno == 0)
    {
      char buffer[65536];
      ssize_t n = read (in, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved_errno = n < 0 ? errno : 0;
          break;
        }
      if (!tm_pending_file_write (pending, buffer, (gsize) n))
        saved_errno = errno;
    }
  close (in);
  if (saved_errno == 0 && !tm_pending_file_commit (pending))
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Tidemark can't create %s (%s). Check that you may write to its folder."), to,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static const char * const sidecars[] = { "-wal", "-shm" };

/* Puts @path's -wal and -shm back from @aside's. */
static void
return_sidecars (const char *path,
                 const char *aside)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *moved = g_strconcat (aside, sidecars[i], NULL);
      g_autofree char *back = g_strconcat (path, sidecars[i], NULL);

      if (g_file_test (moved, G_FILE_TEST_EXISTS))
        g_rename (moved, back);
    }
}

/* Keeps the data file at @path as "tidemark-@why-20261128-091500.db"
 * whatever follows: a second name for it (a copy where the disk has no
 * second names), so that @path stays in place until something replaces it
 * whole. Its -wal and -shm move to the new name: they belong to it, and
 * must never meet the file that takes its place. @had_file says whether
 * there was a data file, or only what it left behind. */
static char *
keep_aside (const char  *data_dir,
            const char  *path,
            const char  *why,
            gboolean    *had_file,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("tidemark-%s-%s.db", why, stamp);
  g_autofree char *aside = g_build_filename (data_dir, name, NULL);

  for (int n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (name);
      g_free (aside);
      name = g_strdup_printf ("tidemark-%s-%s-%d.db", why, stamp, n);
      aside = g_build_filename (data_dir, name, NULL);
    }

  *had_file = g_file_test (path, G_FILE_TEST_EXISTS);
  if (*had_file && link (path, aside) != 0)
    {
      int saved_errno = errno;
      g_autoptr(GError) copy_error = NULL;

      if (!copy_file (path, aside, &copy_error))
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Tidemark could not keep a copy of %s (%s), so it changed nothing."), path,
                       copy_error->message);
          return NULL;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *side = g_strconcat (path, sidecars[i], NULL);
      g_autofree char *side_aside = g_strconcat (aside, sidecars[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS) && g_rename (side, side_aside) != 0)
        {
          int saved_errno = errno;

          return_sidecars (path, aside);
          if (*had_file)
            g_unlink (aside);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Tidemark could not move %s aside (%s), so it changed nothing."), side,
                       g_strerror (saved_errno));
          return NULL;
        }
    }
  return g_steal_pointer (&aside);
}

/* Undoes keep_aside() when nothing replaced @path after all. */
static void
unkeep_aside (const char *path,
              const char *aside,
              gboolean    had_file)
{
  return_sidecars (path, aside);
  if (had_file)
    g_unlink (aside);
}

/**
 * tm_backups_recover:
 * @data_dir: a data folder whose data file is damaged (or missing)
 * @backup: a backup to bring back
 * @aside: (out) (optional): where the damaged file is kept, or %NULL when
 *   there was none
 *
 * Keeps the damaged data file aside, unchanged, and puts a copy of @backup
 * in its place in one step. The folder is then ready for tm_store_open().
 */
gboolean
tm_backups_recover (const char  *data_dir,
                    const char  *backup,
                    char       **aside,
                    GError     **error)
{
  g_autofree char *path = g_build_filename (data_dir, TM_STORE_FILE_NAME, NULL);
  g_autofree char *kept = NULL;
  g_autoptr(TmDataLock) lock = NULL;
  gboolean had_file;

  /* Never while another Tidemark writes the file. */
  if ((lock = tm_data_lock_acquire (data_dir, TM_DATA_LOCK_WAIT_MS, error)) == NULL)
    return FALSE;
  if (!check_backup (backup, error))
    return FALSE;

  if ((kept = keep_aside (data_dir, path, "damaged", &had_file, error)) == NULL)
    return FALSE;

  if (!copy_file (backup, path, error))
    {
      unkeep_aside (path, kept, had_file);
      return FALSE;
    }

  if (aside != NULL)
    *aside = had_file ? g_steal_pointer (&kept) : NULL;
  return TRUE;
}

/**
 * tm_store_restore_backup:
 * @aside: (out) (optional): where the file it replaced is kept
 *
 * Replaces the data with @backup's: the current file is kept aside (never
 * deleted), the backup copied into its place in one step and opened, and
 * every list read again. When anything fails, the data stays as it was.
 */
gboolean
tm_store_restore_backup (TmStore     *store,
                         const char  *backup,
                         char       **aside,
                         GError     **error)
{
  g_autofree char *kept = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean had_file;
  int log_frames = 0, done_frames = 0;
  int rc;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  /* An export, import or backup in another thread works on this file. */
  if (tm_store_is_busy (store))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY,
                   _("Tidemark is still exporting, importing or backing up this data. Restore once that has "
                     "finished; nothing was changed."));
      return FALSE;
    }
  if (!check_backup (backup, error))
    return FALSE;

  /* Everything in the log goes into the file first. Another program still
   * reading the data holds the log open; the restore waits for it. */
  rc = sqlite3_wal_checkpoint_v2 (store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &done_frames);
  if (rc == SQLITE_OK && log_frames != done_frames)
    rc = SQLITE_BUSY;
  if (rc != SQLITE_OK)
    {
      tm_sqlite_set_error (error, store->db, rc, store->path, _("the backup was not restored"));
      return FALSE;
    }
  sqlite3_close_v2 (store->db);
  store->db = NULL;

  if ((kept = keep_aside (store->data_dir, store->path, "replaced", &had_file, &local_error)) == NULL ||
      !copy_file (backup, store->path, &local_error))
    {
      if (kept != NULL)
        unkeep_aside (store->path, kept, had_file);
      tm_store_reopen (store, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!tm_store_reopen (store, &local_error))
    {
      /* The file that was there, back in its place. */
      if (!copy_file (kept, store->path, NULL) || !tm_store_reopen (store, NULL))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                       _("The backup could not be opened (%s), and the data before it could not be put back "
                         "in its place. Nothing in it is lost: it is kept as %s. Quit Tidemark and rename that "
                         "file to tidemark.db."),
                       local_error->message, kept);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  tm_store_reload (store);
  if (aside != NULL)
    *aside = g_steal_pointer (&kept);
  return TRUE;
}
