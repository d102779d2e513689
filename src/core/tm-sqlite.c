/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-error.h"

GQuark
tm_store_error_quark (void)
{
  return g_quark_from_static_string ("tm-store-error-quark");
}

void
tm_sqlite_set_error (GError     **error,
                     sqlite3     *db,
                     int          rc,
                     const char  *path,
                     const char  *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FULL,
                   /* Translators: the second %s is e.g. "the check-in was not saved" */
                   _("There is no space left on the disk that holds %s, so %s. "
                     "Free some space, then try again."), path, what);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   _("Tidemark can't write to %s, so %s. "
                     "Check that the folder exists and that you may write to it."), path, what);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY,
                   _("Another program is using %s, so %s. "
                     "Close other copies of Tidemark, then try again."), path, what);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                   _("The data file %s is damaged, so %s. "
                     "Restore a backup, or start Tidemark with another data folder (--data-dir)."),
                   path, what);
      break;

    case SQLITE_IOERR:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("The disk reported an error while reading or writing %s, so %s. "
                     "Check the disk, then try again (%s)."), path, what, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The data file refused a value, so %s (%s)."), what, detail);
      break;

    default:
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("Something went wrong with %s, so %s (%s)."), path, what, detail);
      break;
    }
}

/* Whether @db is open; it is not only when a restored backup could not be
 * opened, nor the data before it. */
gboolean
tm_sqlite_check_open (sqlite3     *db,
                      const char  *path,
                      const char  *what,
                      GError     **error)
{
  if (db != NULL)
    return TRUE;
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
               _("The data file %s is not open, so %s. Quit Tidemark and start it again."), path, what);
  return FALSE;
}

gboolean
tm_sqlite_exec (sqlite3     *db,
                const char  *sql,
                const char  *path,
                const char  *what,
                GError     **error)
{
  int rc;

  if (!tm_sqlite_check_open (db, path, what, error))
    return FALSE;
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      tm_sqlite_set_error (error, db, rc, path, what);
      return FALSE;
    }

  return TRUE;
}

void
tm_sqlite_bind_opt_int (sqlite3_stmt *stmt,
                        int           index,
                        int           value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

/* NULL and "" are both "not given": stored as NULL. */
void
tm_sqlite_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* NULL reads as -1 (TM_UNSET). */
int
tm_sqlite_column_opt_int (sqlite3_stmt *stmt,
                          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int (stmt, column);
}

char *
tm_sqlite_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Copies all of @from into @to with sqlite3_backup, in one step.
 * Returns an SQLite result code. */
int
tm_sqlite_copy (sqlite3 *from,
                sqlite3 *to)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (to);
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}
