/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tm-file.h"
#include "tm-sqlite.h"
#include "tm-store-backup.h"
#include "tm-store-private.h"
#include "tm-table-sql.h"

G_DEFINE_FINAL_TYPE (TmStore, tm_store, G_TYPE_OBJECT)

guint tm_store_signals[TM_STORE_N_SIGNALS];

static void
set_writing_elsewhere_error (GError     **error,
                             const char  *what)
{
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY,
               /* Translators: %s is e.g. "the check-in was not saved" */
               _("Tidemark is storing an import, so %s for now. That is possible again as soon as "
                 "the import has finished."), what);
}

gboolean
tm_store_prepare (TmStore       *self,
                  const char    *sql,
                  sqlite3_stmt **stmt,
                  const char    *what,
                  GError       **error)
{
  int rc;

  if (!tm_sqlite_check_open (self->db, self->path, what, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);
  if (rc != SQLITE_OK)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }

  /* A write now would wait for the other connection's transaction, with
   * the window frozen meanwhile: it is refused at once instead. */
  if (self->writing_elsewhere > 0 && !sqlite3_stmt_readonly (*stmt))
    {
      g_clear_pointer (stmt, sqlite3_finalize);
      set_writing_elsewhere_error (error, what);
      return FALSE;
    }

  return TRUE;
}

/* Runs @stmt, which returns no rows; on failure, says @what went wrong. */
gboolean
tm_store_step_done (TmStore       *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }
  return TRUE;
}

/* Where the newest-first model holds @day, or would hold it. */
static guint
find_checkin_position (TmStore    *self,
                       const char *day,
                       gboolean   *found)
{
  guint lo = 0;
  guint hi = g_list_model_get_n_items (G_LIST_MODEL (self->checkins));

  *found = FALSE;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TmCheckin) item = g_list_model_get_item (G_LIST_MODEL (self->checkins), mid);
      int cmp = strcmp (item->day, day);

      if (cmp == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (cmp > 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
model_put_checkin (TmStore   *self,
                   TmCheckin *checkin)
{
  g_autoptr(TmCheckin) copy = NULL;
  gboolean found;
  guint position;

  if (self->checkins == NULL)
    return;

  copy = tm_checkin_copy (checkin);
  position = find_checkin_position (self, checkin->day, &found);
  g_list_store_splice (self->checkins, position, found ? 1 : 0, (gpointer *) &copy, 1);
}

static void
model_remove_checkin (TmStore    *self,
                      const char *day)
{
  gboolean found;
  guint position;

  if (self->checkins == NULL)
    return;

  position = find_checkin_position (self, day, &found);
  if (found)
    g_list_store_remove (self->checkins, position);
}

/* Work waiting for writes to be possible again. */
typedef struct
{
  GWeakRef  owner;
  GCallback callback;
} WhenWritable;

static void
when_writable_free (WhenWritable *waiting)
{
  g_weak_ref_clear (&waiting->owner);
  g_free (waiting);
}

static void
tm_store_finalize (GObject *object)
{
  TmStore *self = (TmStore *) object;

  g_clear_object (&self->checkins);
  g_clear_object (&self->sessions);
  g_clear_object (&self->questionnaires);
  g_queue_clear_full (&self->when_writable, (GDestroyNotify) when_writable_free);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  /* Only once the file is closed may another process write it. */
  g_clear_pointer (&self->lock, tm_data_lock_unref);
  g_free (self->data_dir);
  g_free (self->path);
  g_clear_pointer (&self->meta_keys, g_hash_table_unref);

  G_OBJECT_CLASS (tm_store_parent_class)->finalize (object);
}

static void
tm_store_class_init (TmStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_store_finalize;

  /**
   * TmStore::checkin-changed:
   * @day: the day whose check-in was saved, deleted or restored
   *
   * Emitted after the change is committed.
   */
  tm_store_signals[TM_STORE_CHECKIN_CHANGED] =
    g_signal_new ("checkin-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TmStore::sessions-changed:
   *
   * Emitted after a session is saved, deleted or restored.
   */
  tm_store_signals[TM_STORE_SESSIONS_CHANGED] =
    g_signal_new ("sessions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::questionnaires-changed:
   *
   * Emitted after a questionnaire is saved, deleted or restored.
   */
  tm_store_signals[TM_STORE_QUESTIONNAIRES_CHANGED] =
    g_signal_new ("questionnaires-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::plan-changed:
   *
   * Emitted after a plan row or a one-off date is added or removed.
   */
  tm_store_signals[TM_STORE_PLAN_CHANGED] =
    g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::safety-changed:
   *
   * Emitted after a safety prompt is recorded or answered.
   */
  tm_store_signals[TM_STORE_SAFETY_CHANGED] =
    g_signal_new ("safety-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::busy-changed:
   *
   * Emitted when work on the data file through another connection (an
   * export, an import, a backup) starts while none ran, or the last ends.
   */
  tm_store_signals[TM_STORE_BUSY_CHANGED] =
    g_signal_new ("busy-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::writable-changed:
   *
   * Emitted when another connection starts writing to the file for a
   * while (an import being stored), and when it has finished: see
   * tm_store_is_writable().
   */
  tm_store_signals[TM_STORE_WRITABLE_CHANGED] =
    g_signal_new ("writable-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::record-saved:
   * @source: a #TmSource: what kind of record
   * @record: the #TmCheckin, #TmSession or #TmQuestionnaire, as saved
   *
   * Emitted after a check-in, session or questionnaire is saved and the
   * save committed, whatever saved it: the one place where what must
   * follow every save (the safety rules) starts. Not emitted for saves
   * inside tm_store_begin() and tm_store_commit(): a batch (the demo, an
   * import) answers for its own records.
   */
  tm_store_signals[TM_STORE_RECORD_SAVED] =
    g_signal_new ("record-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_OBJECT);

  /**
   * TmStore::meta-changed:
   * @key: the setting kept with the data that changed (also the detail)
   *
   * Emitted after tm_store_set_meta() stored a value, so that what shows
   * a setting follows it.
   */
  tm_store_signals[TM_STORE_META_CHANGED] =
    g_signal_new ("meta-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TmStore::reviews-changed:
   *
   * Emitted after a review row (or a correction of one) is added.
   */
  tm_store_signals[TM_STORE_REVIEWS_CHANGED] =
    g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TmStore::medicines-changed:
   *
   * Emitted after a regular medicine's row (a change, a stop) is added.
   */
  tm_store_signals[TM_STORE_MEDICINES_CHANGED] =
    g_signal_new ("medicines-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* After a save of @record that is committed by now: in a batch, the batch
 * is not committed yet, and its owner checks its records. */
void
tm_store_emit_record_saved (TmStore  *self,
                            TmSource  source,
                            gpointer  record)
{
  if (sqlite3_get_autocommit (self->db))
    g_signal_emit (self, tm_store_signals[TM_STORE_RECORD_SAVED], 0, (int) source, record);
}

static void
tm_store_init (TmStore *self)
{
}

/**
 * tm_store_default_data_dir:
 *
 * Returns: `$TIDEMARK_DATA_DIR` when set, else `$XDG_DATA_HOME/tidemark`.
 */
char *
tm_store_default_data_dir (void)
{
  const char *env = g_getenv ("TIDEMARK_DATA_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "tidemark", NULL);
}

static gboolean
prepare_data_dir (const char  *data_dir,
                  GError     **error)
{
  if (g_file_test (data_dir, G_FILE_TEST_EXISTS) &&
      !g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   _("%s is a file, not a folder. Choose a folder for Tidemark's data."),
                   data_dir);
      return FALSE;
    }

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   _("Tidemark can't create its data folder %s (%s). "
                     "Check that you may write there, or choose another folder."),
                   data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* A health record is for its owner's eyes only: the folder that holds
   * it, or is about to (opening starts the data file), is made private on
   * the first command as on every later one. */
  if (g_chmod (data_dir, 0700) != 0)
    g_debug ("Could not make %s private: %s", data_dir, g_strerror (errno));

  return TRUE;
}

/* Creates @path readable by its owner alone, so that no copy of the data
 * is ever readable by others, not even for a moment. */
gboolean
tm_store_create_private_file (const char  *path,
                              GError     **error)
{
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   _("Tidemark can't create %s (%s). Check that you may write to its folder."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

/* A data file that holds nothing yet (none at all, zero bytes, or SQLite's
 * with no tables) is a new start only in a folder without a good backup.
 * Beside one, it is what is left of the person's data after a fault, a
 * mistake or a foreign program: Tidemark refuses it like a damaged file,
 * so that the recovery window offers the backup, and writes nothing, not
 * even a new file. (SQLite would remove a log beside a zero-byte file on
 * its first read: this is checked before SQLite reads it.) */
static gboolean
may_start_afresh (TmStore   *self,
                  gboolean   missing,
                  GError   **error)
{
  g_autoptr(TmBackup) good = tm_backups_find_good (self->data_dir);

  if (good == NULL)
    return TRUE;

  if (missing)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                 _("The data file %s is missing, but there are backups of your data beside it. Tidemark "
                   "has not started a new one."),
                 self->path);
  else
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                 _("The data file %s is empty, but there are backups of your data beside it. Tidemark "
                   "has not taken it for a new start and has not changed it."),
                 self->path);
  return FALSE;
}

/* may_start_afresh() for a file that is missing or has no bytes, before
 * it is made or SQLite reads it. */
static gboolean
check_not_emptied (TmStore  *self,
                   GError  **error)
{
  GStatBuf info;

  if (g_lstat (self->path, &info) != 0)
    return errno != ENOENT || may_start_afresh (self, TRUE, error);
  if (S_ISREG (info.st_mode) && info.st_size == 0)
    return may_start_afresh (self, FALSE, error);
  return TRUE;
}

/* PRAGMA quick_check, before anything writes. A damaged file stays exactly
 * as it was: nothing is written, and no checkpoint runs on close. */
static gboolean
check_file (TmStore  *self,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (first, "ok") == 0)
        return TRUE;
      problem = g_strdup (first);
    }
  else if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    {
      problem = g_strdup (sqlite3_errmsg (self->db));
    }
  else
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, _("it was not opened"));
      return FALSE;
    }

  /* What SQLite found is for whoever looks into it, not for the person. */
  g_debug ("%s failed its check: %s", self->path, problem);
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
               _("The data file %s is damaged. Tidemark has not opened it and has not changed it."),
               self->path);
  return FALSE;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;

  *value = sqlite3_column_int (stmt, 0);
  return SQLITE_OK;
}

static gboolean
migrate (TmStore                *self,
         int                     version,
         const TmMigrationStep  *steps,
         guint                   n_steps,
         GError                **error)
{
  g_autofree char *what = NULL;

  if (version > 0 && (guint) version < n_steps)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("tidemark-before-v%u-%s.db", n_steps, stamp);
      g_autofree char *backup_path = g_build_filename (self->data_dir, name, NULL);

      if (!tm_store_copy_database (self->db, backup_path,
                                   _("no backup copy could be made before updating the data file"), error))
        return FALSE;
    }

  for (guint v = (guint) version; v < n_steps; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);
      g_autoptr(GError) local_error = NULL;

      g_free (what);
      what = g_strdup_printf (_("it was not updated to data version %u and was left as it was"),
                              v + 1);

      if (!tm_sqlite_exec (self->db, "BEGIN IMMEDIATE", self->path, what, error))
        return FALSE;

      if (!steps[v] (self->db, &local_error) ||
          !tm_sqlite_exec (self->db, set_version, self->path, what, &local_error) ||
          !tm_sqlite_exec (self->db, "COMMIT", self->path, what, &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Tidemark could not update %s to data version %u, "
                                        "so it left the file as it was: "),
                                      self->path, v + 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* A store that only reads can't bring the file up to date: it reads a
 * file of this Tidemark's data version, or none. */
static gboolean
check_up_to_date (TmStore  *self,
                  int       version,
                  guint     n_steps,
                  GError  **error)
{
  if (version == 0)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("There is no Tidemark data in %s yet."), self->data_dir);
      return FALSE;
    }
  if ((guint) version < n_steps)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("The data file %s was written by an older version of Tidemark. Open it in Tidemark "
                     "once to bring it up to date, then try again; the file has not been changed."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_database (TmStore                *self,
               const TmMigrationStep  *steps,
               guint                   n_steps,
               GError                **error)
{
  const char *not_opened = _("it was not opened");
  int version = 0;
  int n_objects = 0;
  int rc;

  /* Another user's file, or one others may read, is not opened. */
  if (!tm_file_check_private (self->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        (self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, not_opened);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!check_file (self, error))
    return FALSE;

  rc = query_int (self->db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, not_opened);
      return FALSE;
    }

  if (version > (int) n_steps)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_TOO_NEW,
                   _("The data file %s was written by a newer version of Tidemark "
                     "(data version %d; this version reads up to %u). "
                     "Update Tidemark to open it; the file has not been changed."),
                   self->path, version, n_steps);
      return FALSE;
    }

  if (version == 0 && n_objects > 0)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                   _("%s is a database, but not one of Tidemark's; it has not been changed. "
                     "Move it away, or start Tidemark with another data folder (--data-dir)."),
                   self->path);
      return FALSE;
    }

  if (version == 0 && n_objects == 0 && !may_start_afresh (self, FALSE, error))
    return FALSE;

  if (self->read_only)
    return check_up_to_date (self, version, n_steps, error);

  /* The file passed its check: from here on it may be written. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!sqlite3_db_readonly (self->db, "main"))
    {
      if (!tm_sqlite_exec (self->db, "PRAGMA journal_mode = WAL", self->path, not_opened, error))
        return FALSE;
    }

  if (!tm_sqlite_exec (self->db,
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA foreign_keys = ON;",
                       self->path, not_opened, error))
    return FALSE;

  if (!migrate (self, version, steps, n_steps, error))
    return FALSE;

  if (g_chmod (self->path, 0600) != 0)
    g_debug ("Could not make %s private: %s", self->path, g_strerror (errno));

  return TRUE;
}

/**
 * tm_store_reopen:
 *
 * Opens the data file again (after a backup was put in its place), with
 * the same checks as tm_store_open().
 */
gboolean
tm_store_reopen (TmStore  *self,
                 GError  **error)
{
  const TmMigrationStep *steps;
  guint n_steps;

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  steps = tm_schema_get_steps (&n_steps);
  if (!open_database (self, steps, n_steps, error))
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      return FALSE;
    }
  return TRUE;
}

TmStore *
tm_store_open_with_steps (const char             *data_dir,
                          const TmMigrationStep  *steps,
                          guint                   n_steps,
                          GError                **error)
{
  g_autoptr(TmStore) self = NULL;

  g_return_val_if_fail (data_dir != NULL && data_dir[0] != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TM_TYPE_STORE, NULL);
  self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->path = g_build_filename (self->data_dir, TM_STORE_FILE_NAME, NULL);

  if (!prepare_data_dir (self->data_dir, error) ||
      (self->lock = tm_data_lock_acquire (self->data_dir, TM_DATA_LOCK_WAIT_MS, error)) == NULL ||
      !check_not_emptied (self, error) ||
      !tm_store_create_private_file (self->path, error) ||
      !open_database (self, steps, n_steps, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tm_store_open:
 * @data_dir: the data folder; created (0700) when missing
 *
 * Opens or creates `tidemark.db` in @data_dir, checks it, and brings its
 * schema up to date. A damaged file is refused and left unchanged.
 */
TmStore *
tm_store_open (const char  *data_dir,
               GError     **error)
{
  const TmMigrationStep *steps;
  guint n_steps;

  steps = tm_schema_get_steps (&n_steps);
  return tm_store_open_with_steps (data_dir, steps, n_steps, error);
}

/**
 * tm_store_open_read_only:
 * @data_dir: a data folder
 *
 * Opens `tidemark.db` in @data_dir to read it, with the checks of
 * tm_store_open(), but without its lock (DESIGN.md: one writer per data
 * folder; a window may be writing meanwhile, and what is read in one
 * transaction is one snapshot) and without ever writing: no file or
 * folder is made, and a file that needs bringing up to date is refused.
 */
TmStore *
tm_store_open_read_only (const char  *data_dir,
                         GError     **error)
{
  g_autoptr(TmStore) self = NULL;
  const TmMigrationStep *steps;
  guint n_steps;
  GStatBuf info;

  g_return_val_if_fail (data_dir != NULL && data_dir[0] != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TM_TYPE_STORE, NULL);
  self->read_only = TRUE;
  self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->path = g_build_filename (self->data_dir, TM_STORE_FILE_NAME, NULL);

  if (!check_not_emptied (self, error))
    return NULL;
  if (g_lstat (self->path, &info) != 0 || (S_ISREG (info.st_mode) && info.st_size == 0))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("There is no Tidemark data in %s yet."), self->data_dir);
      return NULL;
    }

  steps = tm_schema_get_steps (&n_steps);
  if (!open_database (self, steps, n_steps, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The data folder's lock this store holds, or %NULL for one that only reads. */
TmDataLock *
tm_store_get_lock (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  return self->lock;
}

const char *
tm_store_get_data_dir (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  return self->data_dir;
}

const char *
tm_store_get_path (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
tm_store_get_db (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  return self->db;
}

/**
 * tm_store_get_checkin:
 *
 * Returns: (transfer full) (nullable): the check-in of @day, or %NULL
 *   without an error when there is none.
 */
TmCheckin *
tm_store_get_checkin (TmStore     *self,
                      const char  *day,
                      GError     **error)
{
  const char *what = _("the check-in could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_CHECKINS, "WHERE day = ?1", what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  return tm_store_read_one (self, TM_TABLE_CHECKINS, stmt, what, error);
}

/**
 * tm_store_save_checkin:
 * @checkin: the check-in; on success its id and times are set
 *
 * Validates @checkin and writes it as the one check-in of its day: a new
 * day is inserted, a day already stored is updated (`updated_at`).
 * Returns only after the commit.
 */
gboolean
tm_store_save_checkin (TmStore    *self,
                       TmCheckin  *checkin,
                       GError    **error)
{
  const char *what = _("the check-in was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_CHECKIN (checkin), FALSE);

  if (!tm_checkin_validate (checkin, NULL, error))
    return FALSE;

  /* One check-in a day: a day already stored is updated. */
  if (tm_store_save_row (self, TM_TABLE_CHECKINS, checkin, what, error) != TM_SAVED)
    return FALSE;

  model_put_checkin (self, checkin);
  g_signal_emit (self, tm_store_signals[TM_STORE_CHECKIN_CHANGED], 0, checkin->day);
  tm_store_emit_record_saved (self, TM_SOURCE_CHECKIN, checkin);
  return TRUE;
}

gboolean
tm_store_delete_checkin (TmStore    *self,
                         TmCheckin  *checkin,
                         GError    **error)
{
  const char *what = _("the check-in was not deleted");
  gboolean found;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_CHECKIN (checkin), FALSE);

  if (!tm_store_delete_row (self, TM_TABLE_CHECKINS, checkin->id, &found, what, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This check-in had already been deleted."));
      return FALSE;
    }

  model_remove_checkin (self, checkin->day);
  g_signal_emit (self, tm_store_signals[TM_STORE_CHECKIN_CHANGED], 0, checkin->day);
  return TRUE;
}

/**
 * tm_store_restore_checkin:
 * @checkin: a check-in as it was before tm_store_delete_checkin()
 *
 * Brings a deleted check-in back exactly: same id, same times.
 */
gboolean
tm_store_restore_checkin (TmStore    *self,
                          TmCheckin  *checkin,
                          GError    **error)
{
  const char *what = _("the check-in was not brought back");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_CHECKIN (checkin), FALSE);
  g_return_val_if_fail (checkin->created_at != NULL && checkin->updated_at != NULL, FALSE);

  if (!tm_checkin_validate (checkin, NULL, error))
    return FALSE;

  switch (tm_store_restore_row (self, TM_TABLE_CHECKINS, checkin, what, error))
    {
    case TM_SAVED:
      break;
    case TM_SAVE_KEY_TAKEN:
      {
        g_autofree char *label = tm_day_format_long (checkin->day);

        g_clear_error (error);
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                     _("A new check-in for %s was saved after this one was deleted, "
                       "so the deleted one was not brought back."), label);
      }
      return FALSE;
    case TM_SAVE_NOT_FOUND:
    case TM_SAVE_FAILED:
    default:
      return FALSE;
    }

  model_put_checkin (self, checkin);
  g_signal_emit (self, tm_store_signals[TM_STORE_CHECKIN_CHANGED], 0, checkin->day);
  return TRUE;
}

/**
 * tm_store_list_checkins:
 * @from: (nullable): first day, inclusive
 * @to: (nullable): last day, inclusive
 *
 * Returns: (transfer container) (element-type TmCheckin): oldest first
 */
GPtrArray *
tm_store_list_checkins (TmStore     *self,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  const char *what = _("the check-ins could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_CHECKINS,
                                  "WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) ORDER BY day",
                                  what, error);
  if (stmt == NULL)
    return NULL;
  tm_sqlite_bind_text (stmt, 1, from);
  tm_sqlite_bind_text (stmt, 2, to);
  return tm_store_read_rows (self, TM_TABLE_CHECKINS, stmt, what, error);
}

/**
 * tm_store_get_checkins:
 *
 * Returns: (transfer none): every check-in, newest first, kept up to date
 *   as check-ins are saved, deleted and restored.
 */
GListModel *
tm_store_get_checkins (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (self->checkins == NULL)
    {
      self->checkins = g_list_store_new (TM_TYPE_CHECKIN);
      tm_store_load_checkins (self);
    }

  return G_LIST_MODEL (self->checkins);
}

/* A setting someone reads: after the file is swapped (a restore), it is
 * told it may have changed. */
static void
note_meta_key (TmStore    *self,
               const char *key)
{
  if (self->meta_keys == NULL)
    self->meta_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (self->meta_keys, key))
    g_hash_table_add (self->meta_keys, g_strdup (key));
}

/**
 * tm_store_get_meta:
 *
 * Returns: (nullable): the value kept under @key, or %NULL
 */
char *
tm_store_get_meta (TmStore    *self,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", &stmt, "", NULL))
    return NULL;

  note_meta_key (self, key);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return tm_sqlite_column_dup (stmt, 0);

  return NULL;
}

/* Keeps @value under @key; %NULL removes it. */
gboolean
tm_store_set_meta (TmStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the setting was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && key[0] != '\0', FALSE);

  if (!tm_store_prepare (self,
                         value != NULL
                         ? "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                         : "DELETE FROM meta WHERE key = ?1",
                         &stmt, what, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  note_meta_key (self, key);
  g_signal_emit (self, tm_store_signals[TM_STORE_META_CHANGED], g_quark_from_string (key), key);
  return TRUE;
}

/* Puts @item into @model in @compare's order, in place of the item with
 * the same id (as @same_id says) when there is one. */
void
tm_store_model_put (GListStore       *model,
                    gpointer          item,
                    GEqualFunc        same_id,
                    GCompareDataFunc  compare)
{
  guint position;

  if (model == NULL)
    return;

  if (g_list_store_find_with_equal_func (model, item, same_id, &position))
    g_list_store_remove (model, position);

  g_list_store_insert_sorted (model, item, compare, NULL);
}

void
tm_store_model_remove (GListStore *model,
                       gpointer    item,
                       GEqualFunc  same_id)
{
  guint position;

  if (model != NULL && g_list_store_find_with_equal_func (model, item, same_id, &position))
    g_list_store_remove (model, position);
}

/* (Re)fills the check-in list from the file, newest first. */
void
tm_store_load_checkins (TmStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = tm_store_list_checkins (self, NULL, NULL, &error);

  if (all == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  /* Newest first. */
  for (guint i = 0, j = all->len; i < j / 2; i++)
    {
      gpointer tmp = all->pdata[i];

      all->pdata[i] = all->pdata[j - 1 - i];
      all->pdata[j - 1 - i] = tmp;
    }
  g_list_store_splice (self->checkins, 0, g_list_model_get_n_items (G_LIST_MODEL (self->checkins)),
                       all->pdata, all->len);
}

/**
 * tm_store_reload:
 *
 * After many records changed at once (an import, a restored backup): the
 * lists read again, and every change signal emitted (the check-in one with
 * no day: any day may have changed).
 */
void
tm_store_reload (TmStore *self)
{
  g_return_if_fail (TM_IS_STORE (self));

  if (self->checkins != NULL)
    tm_store_load_checkins (self);
  if (self->sessions != NULL)
    tm_store_load_sessions (self);
  if (self->questionnaires != NULL)
    tm_store_load_questionnaires (self);

  g_signal_emit (self, tm_store_signals[TM_STORE_CHECKIN_CHANGED], 0, NULL);
  g_signal_emit (self, tm_store_signals[TM_STORE_SESSIONS_CHANGED], 0);
  g_signal_emit (self, tm_store_signals[TM_STORE_QUESTIONNAIRES_CHANGED], 0);
  g_signal_emit (self, tm_store_signals[TM_STORE_PLAN_CHANGED], 0);
  g_signal_emit (self, tm_store_signals[TM_STORE_SAFETY_CHANGED], 0);
  g_signal_emit (self, tm_store_signals[TM_STORE_REVIEWS_CHANGED], 0);
  g_signal_emit (self, tm_store_signals[TM_STORE_MEDICINES_CHANGED], 0);
  /* Every setting kept with the data that was read may differ now. */
  if (self->meta_keys != NULL)
    {
      /* A copy: a handler may read a setting not read before. */
      g_autofree gpointer *seen = g_hash_table_get_keys_as_array (self->meta_keys, NULL);
      g_auto(GStrv) keys = g_strdupv ((char **) seen);

      for (guint i = 0; keys[i] != NULL; i++)
        g_signal_emit (self, tm_store_signals[TM_STORE_META_CHANGED], g_quark_from_string (keys[i]), keys[i]);
    }
}

/**
 * tm_store_busy_begin:
 *
 * Marks the start of work on the data file through another connection
 * (an export, an import or a backup in a thread). While any runs, the
 * file must not be swapped for another: see tm_store_is_busy().
 */
void
tm_store_busy_begin (TmStore *self)
{
  g_return_if_fail (TM_IS_STORE (self));

  if (self->busy++ == 0)
    g_signal_emit (self, tm_store_signals[TM_STORE_BUSY_CHANGED], 0);
}

void
tm_store_busy_end (TmStore *self)
{
  g_return_if_fail (TM_IS_STORE (self));
  g_return_if_fail (self->busy > 0);

  if (--self->busy == 0)
    g_signal_emit (self, tm_store_signals[TM_STORE_BUSY_CHANGED], 0);
}

gboolean
tm_store_is_busy (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), FALSE);

  return self->busy > 0;
}

/**
 * tm_store_writing_elsewhere_begin:
 *
 * Marks the start of a long write to the data file through another
 * connection of this process (an import being stored in a thread). Until
 * tm_store_writing_elsewhere_end(), every write through @self fails at
 * once with %TM_STORE_ERROR_BUSY instead of waiting for the other
 * transaction with the window frozen; tm_store_call_when_writable()
 * queues what should be written afterwards.
 */
void
tm_store_writing_elsewhere_begin (TmStore *self)
{
  g_return_if_fail (TM_IS_STORE (self));

  if (self->writing_elsewhere++ == 0)
    g_signal_emit (self, tm_store_signals[TM_STORE_WRITABLE_CHANGED], 0);
}

/* Ends it; what waited runs now, in the order it was queued. */
void
tm_store_writing_elsewhere_end (TmStore *self)
{
  g_return_if_fail (TM_IS_STORE (self));
  g_return_if_fail (self->writing_elsewhere > 0);

  if (--self->writing_elsewhere > 0)
    return;

  g_object_ref (self);
  g_signal_emit (self, tm_store_signals[TM_STORE_WRITABLE_CHANGED], 0);
  while (self->writing_elsewhere == 0 && !g_queue_is_empty (&self->when_writable))
    {
      WhenWritable *waiting = g_queue_pop_head (&self->when_writable);
      g_autoptr(GObject) owner = g_weak_ref_get (&waiting->owner);

      if (owner != NULL)
        ((void (*) (GObject *)) waiting->callback) (owner);
      when_writable_free (waiting);
    }
  g_object_unref (self);
}

/* Whether a write through @self can be made now. */
gboolean
tm_store_is_writable (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), FALSE);

  return self->writing_elsewhere == 0;
}

/**
 * tm_store_error_waits:
 * @error: (nullable): why a write through @self failed
 *
 * Returns: whether it failed only because another connection is writing
 *   for a while, so that tm_store_call_when_writable() can try it again
 */
gboolean
tm_store_error_waits (TmStore      *self,
                      const GError *error)
{
  g_return_val_if_fail (TM_IS_STORE (self), FALSE);

  return self->writing_elsewhere > 0 && g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY);
}

/**
 * tm_store_call_when_writable:
 * @owner: what the work belongs to (a form); when it is gone, the work is dropped
 * @callback: (scope async): a `void (*) (GObject *owner)`
 *
 * Calls @callback with @owner as soon as writes are possible again: now,
 * when they are. The same @owner and @callback wait only once.
 */
void
tm_store_call_when_writable (TmStore   *self,
                             GObject   *owner,
                             GCallback  callback)
{
  WhenWritable *waiting;

  g_return_if_fail (TM_IS_STORE (self));
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (callback != NULL);

  if (self->writing_elsewhere == 0)
    {
      ((void (*) (GObject *)) callback) (owner);
      return;
    }

  for (GList *l = self->when_writable.head; l != NULL; l = l->next)
    {
      WhenWritable *queued = l->data;
      g_autoptr(GObject) queued_owner = g_weak_ref_get (&queued->owner);

      if (queued_owner == owner && queued->callback == callback)
        return;
    }

  waiting = g_new0 (WhenWritable, 1);
  g_weak_ref_init (&waiting->owner, owner);
  waiting->callback = callback;
  g_queue_push_tail (&self->when_writable, waiting);
}

/**
 * tm_store_get_first_day:
 *
 * Returns: (nullable): the first day with a check-in or a session
 */
char *
tm_store_get_first_day (TmStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self,
                         "SELECT min(d) FROM (SELECT min(day) AS d FROM checkin"
                         "                    UNION ALL SELECT min(substr(taken_at, 1, 10)) FROM session)",
                         &stmt, "", NULL))
    return NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    return tm_sqlite_column_dup (stmt, 0);
  return NULL;
}

/**
 * tm_store_begin:
 *
 * Starts a transaction around many saves (the demo, an import): they are
 * committed together by tm_store_commit(), or not at all.
 */
gboolean
tm_store_begin (TmStore  *self,
                GError  **error)
{
  if (self->writing_elsewhere > 0)
    {
      set_writing_elsewhere_error (error, _("nothing was saved"));
      return FALSE;
    }
  return tm_sqlite_exec (self->db, "BEGIN IMMEDIATE", self->path, _("nothing was saved"), error);
}

/**
 * tm_store_begin_read:
 *
 * Starts a transaction that only reads: everything read until
 * tm_store_commit() comes from one snapshot of the data, whatever another
 * program writes meanwhile.
 */
gboolean
tm_store_begin_read (TmStore  *self,
                     GError  **error)
{
  return tm_sqlite_exec (self->db, "BEGIN", self->path, _("the data could not be read"), error);
}

gboolean
tm_store_commit (TmStore  *self,
                 GError  **error)
{
  return tm_sqlite_exec (self->db, "COMMIT", self->path, _("nothing was saved"), error);
}

void
tm_store_rollback (TmStore *self)
{
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}
