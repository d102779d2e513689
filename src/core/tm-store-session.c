/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's dosing sessions. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

static gboolean
same_session (gconstpointer a,
              gconstpointer b)
{
  return ((const TmSession *) a)->id == ((const TmSession *) b)->id;
}

/* Newest first; the same instant by id, newest first. */
static int
compare_sessions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gint64 ta = tm_session_get_unix_time (a);
  gint64 tb = tm_session_get_unix_time (b);
  gint64 ia = ((const TmSession *) a)->id;
  gint64 ib = ((const TmSession *) b)->id;

  if (ta != tb)
    return ta > tb ? -1 : 1;
  return (ia > ib) ? -1 : (ia < ib);
}

static int
compare_sessions_indirect (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  return compare_sessions (*(gconstpointer *) a, *(gconstpointer *) b, user_data);
}

static void
model_put_session (TmStore   *self,
                   TmSession *session)
{
  g_autoptr(TmSession) copy = NULL;

  if (self->sessions == NULL)
    return;

  copy = tm_session_copy (session);
  tm_store_model_put (self->sessions, copy, same_session, compare_sessions);
}

/* Readings */

/* Adds each reading @stmt reads to its session among @sessions. */
static gboolean
attach_readings (TmStore      *self,
                 GPtrArray    *sessions,
                 sqlite3_stmt *stmt,
                 const char   *what,
                 GError      **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) readings = NULL;

  for (guint i = 0; i < sessions->len; i++)
    g_hash_table_insert (by_id, &((TmSession *) sessions->pdata[i])->id, sessions->pdata[i]);
  readings = tm_store_read_rows (self, TM_TABLE_SESSION_READINGS, stmt, what, error);
  if (readings == NULL)
    return FALSE;
  for (guint i = 0; i < readings->len; i++)
    {
      TmSessionReading *reading = readings->pdata[i];
      TmSession *session = g_hash_table_lookup (by_id, &reading->session_id);

      /* In order of minutes, as read. */
      if (session != NULL)
        g_ptr_array_add (session->readings, g_object_ref (reading));
    }
  return TRUE;
}

/* Writes @session's readings as they are in it: those it no longer has
 * are deleted, the others changed or added, in the transaction of the
 * session's save. */
static gboolean
save_readings (TmStore     *self,
               TmSession   *session,
               const char  *what,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;

  if (!tm_store_prepare (self, "DELETE FROM session_reading WHERE session_id = ?1", &clear, what, error))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, session->id);
  if (!tm_store_step_done (self, clear, what, error))
    return FALSE;

  for (guint i = 0; i < session->readings->len; i++)
    {
      TmSessionReading *reading = session->readings->pdata[i];

      /* A reading stored before with this session keeps its id and when
       * it was written; one of another (a copy) is added anew. */
      if (reading->id > 0 && reading->created_at != NULL && reading->session_id == session->id)
        {
          if (tm_store_restore_row (self, TM_TABLE_SESSION_READINGS, reading, what, error) != TM_SAVED)
            return FALSE;
        }
      else
        {
          reading->id = 0;
          reading->session_id = session->id;
          if (tm_store_add_row (self, TM_TABLE_SESSION_READINGS, reading, what, error) != TM_SAVED)
            return FALSE;
        }
    }
  return TRUE;
}

/* The session's row and its readings, together or not at all (a
 * savepoint, so also within a batch). */
static TmSaveResult
write_session (TmStore     *self,
               TmSession   *session,
               gboolean     restore,
               const char  *what,
               GError     **error)
{
  g_autoptr(TmSession) before = tm_session_copy (session);
  TmSaveResult result;

  if (!tm_sqlite_exec (self->db, "SAVEPOINT session_save", self->path, what, error))
    return TM_SAVE_FAILED;

  /* A session read before another save of it (the companion's, another
   * window's) would undo that one, its readings with it: refused. */
  if (!restore && session->id > 0 && session->updated_at != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gboolean changed = FALSE;

      if (tm_store_prepare (self, "SELECT updated_at FROM session WHERE id = ?1", &stmt, what, NULL))
        {
          sqlite3_bind_int64 (stmt, 1, session->id);
          changed = sqlite3_step (stmt) == SQLITE_ROW &&
                    g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), session->updated_at) != 0;
        }
      if (changed)
        {
          sqlite3_exec (self->db, "ROLLBACK TO session_save; RELEASE session_save", NULL, NULL, NULL);
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_CHANGED,
                               _("This session was changed in the meantime (by the session companion or "
                                 "another window), so these changes were not saved. Close it, open it again, "
                                 "and make them there."));
          return TM_SAVE_CHANGED;
        }
    }

  result = restore ? tm_store_restore_row (self, TM_TABLE_SESSIONS, session, what, error)
                   : tm_store_save_row (self, TM_TABLE_SESSIONS, session, what, error);
  if (result == TM_SAVED && !save_readings (self, session, what, error))
    result = TM_SAVE_FAILED;

  if (result == TM_SAVED &&
      tm_sqlite_exec (self->db, "RELEASE session_save", self->path, what, error))
    return TM_SAVED;

  sqlite3_exec (self->db, "ROLLBACK TO session_save; RELEASE session_save", NULL, NULL, NULL);
  /* Nothing was written: the record says so too. */
  session->id = before->id;
  for (guint i = 0; i < session->readings->len && i < before->readings->len; i++)
    {
      TmSessionReading *reading = session->readings->pdata[i];
      TmSessionReading *was = before->readings->pdata[i];

      reading->id = was->id;
      g_free (reading->created_at);
      reading->created_at = g_strdup (was->created_at);
    }
  return result == TM_SAVED ? TM_SAVE_FAILED : result;
}

/**
 * tm_store_save_session:
 * @session: a new session (id 0) or a stored one; on success its id and
 *   times are set
 *
 * Validates and writes @session; returns only after the commit.
 */
gboolean
tm_store_save_session (TmStore    *self,
                       TmSession  *session,
                       GError    **error)
{
  const char *what = _("the session was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SESSION (session), FALSE);

  if (!tm_session_validate (session, NULL, error))
    return FALSE;

  switch (write_session (self, session, FALSE, what, error))
    {
    case TM_SAVED:
      break;
    case TM_SAVE_NOT_FOUND:
      g_clear_error (error);
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This session was deleted in the meantime, so the changes were "
                             "not saved. Log it again as a new session."));
      return FALSE;
    case TM_SAVE_CHANGED:
    case TM_SAVE_KEY_TAKEN:
    case TM_SAVE_FAILED:
    default:
      return FALSE;
    }

  model_put_session (self, session);
  g_signal_emit (self, tm_store_signals[TM_STORE_SESSIONS_CHANGED], 0);
  tm_store_emit_record_saved (self, TM_SOURCE_SESSION, session);
  return TRUE;
}

gboolean
tm_store_delete_session (TmStore    *self,
                         TmSession  *session,
                         GError    **error)
{
  const char *what = _("the session was not deleted");
  gboolean found;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SESSION (session), FALSE);

  if (!tm_store_delete_row (self, TM_TABLE_SESSIONS, session->id, &found, what, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This session had already been deleted."));
      return FALSE;
    }

  tm_store_model_remove (self->sessions, session, same_session);
  g_signal_emit (self, tm_store_signals[TM_STORE_SESSIONS_CHANGED], 0);
  return TRUE;
}

/**
 * tm_store_restore_session:
 * @session: a session as it was before tm_store_delete_session()
 *
 * Brings a deleted session back exactly: same id, same times.
 */
gboolean
tm_store_restore_session (TmStore    *self,
                          TmSession  *session,
                          GError    **error)
{
  const char *what = _("the session was not brought back");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (session->created_at != NULL && session->updated_at != NULL, FALSE);

  if (!tm_session_validate (session, NULL, error))
    return FALSE;

  if (write_session (self, session, TRUE, what, error) != TM_SAVED)
    return FALSE;

  model_put_session (self, session);
  g_signal_emit (self, tm_store_signals[TM_STORE_SESSIONS_CHANGED], 0);
  return TRUE;
}

/**
 * tm_store_get_session:
 *
 * Returns: (transfer full) (nullable): the session, or %NULL without an
 *   error when there is none with @id
 */
TmSession *
tm_store_get_session (TmStore  *self,
                      gint64    id,
                      GError  **error)
{
  const char *what = _("the session could not be read");

  g_autoptr(TmSession) session = NULL;
  g_autoptr(GPtrArray) one = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  session = tm_store_get_row (self, TM_TABLE_SESSIONS, id, what, error);
  if (session == NULL)
    return NULL;
  stmt = tm_store_prepare_select (self, TM_TABLE_SESSION_READINGS, "WHERE session_id = ?1 ORDER BY minutes_after",
                                  what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, session);
  if (!attach_readings (self, one, stmt, what, error))
    return NULL;
  return g_steal_pointer (&session);
}

/**
 * tm_store_list_sessions:
 * @from: (nullable): first day, inclusive
 * @to: (nullable): last day, inclusive
 *
 * A session belongs to the calendar day written in its taken_at.
 *
 * Returns: (transfer container) (element-type TmSession): oldest first
 */
GPtrArray *
tm_store_list_sessions (TmStore     *self,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  const char *what = _("the sessions could not be read");
  g_autoptr(GPtrArray) sessions = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

#define IN_RANGE "(?1 IS NULL OR substr(taken_at, 1, 10) >= ?1) AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
  stmt = tm_store_prepare_select (self, TM_TABLE_SESSIONS, "WHERE " IN_RANGE " ORDER BY julianday(taken_at), id",
                                  what, error);
  if (stmt == NULL)
    return NULL;
  tm_sqlite_bind_text (stmt, 1, from);
  tm_sqlite_bind_text (stmt, 2, to);
  sessions = tm_store_read_rows (self, TM_TABLE_SESSIONS, stmt, what, error);
  if (sessions == NULL)
    return NULL;

  stmt = tm_store_prepare_select (self, TM_TABLE_SESSION_READINGS,
                                  "WHERE session_id IN (SELECT id FROM session WHERE " IN_RANGE ")"
                                  " ORDER BY session_id, minutes_after",
                                  what, error);
#undef IN_RANGE
  if (stmt == NULL)
    return NULL;
  tm_sqlite_bind_text (stmt, 1, from);
  tm_sqlite_bind_text (stmt, 2, to);
  if (!attach_readings (self, sessions, stmt, what, error))
    return NULL;
  return g_steal_pointer (&sessions);
}

/* (Re)fills the session list from the file, newest first. */
void
tm_store_load_sessions (TmStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = tm_store_list_sessions (self, NULL, NULL, &error);

  if (all == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_ptr_array_sort_with_data (all, compare_sessions_indirect, NULL);
  g_list_store_splice (self->sessions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       all->pdata, all->len);
}

/**
 * tm_store_get_sessions:
 *
 * Returns: (transfer none): every session, newest first, kept up to date
 */
GListModel *
tm_store_get_sessions (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (self->sessions == NULL)
    {
      self->sessions = g_list_store_new (TM_TYPE_SESSION);
      tm_store_load_sessions (self);
    }

  return G_LIST_MODEL (self->sessions);
}
