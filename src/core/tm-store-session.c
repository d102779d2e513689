/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's dosing sessions. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

#define SESSION_VALUES \
  "taken_at, dose_mg, route, setting, monitor_present, mood_before, dissociation_peak, " \
  "effects, effects_minutes, nausea, sedation, bp_before_sys, bp_before_dia, bp_after_sys, " \
  "bp_after_dia, other_medicines, note"

#define SESSION_COLUMNS "id, " SESSION_VALUES ", created_at, updated_at"

static TmSession *
read_session (sqlite3_stmt *stmt)
{
  TmSession *session = tm_session_new ();

  session->id = sqlite3_column_int64 (stmt, 0);
  session->taken_at = tm_sqlite_column_dup (stmt, 1);
  session->dose_mg = sqlite3_column_double (stmt, 2);
  tm_route_from_string ((const char *) sqlite3_column_text (stmt, 3), &session->route);
  tm_setting_from_string ((const char *) sqlite3_column_text (stmt, 4), &session->setting);
  session->monitor_present = sqlite3_column_int (stmt, 5) != 0;
  session->mood_before = tm_sqlite_column_opt_int (stmt, 6);
  session->dissociation_peak = tm_sqlite_column_opt_int (stmt, 7);
  session->effects = (guint) sqlite3_column_int (stmt, 8);
  session->effects_minutes = tm_sqlite_column_opt_int (stmt, 9);
  session->nausea = tm_sqlite_column_opt_int (stmt, 10);
  session->sedation = tm_sqlite_column_opt_int (stmt, 11);
  session->bp_before_sys = tm_sqlite_column_opt_int (stmt, 12);
  session->bp_before_dia = tm_sqlite_column_opt_int (stmt, 13);
  session->bp_after_sys = tm_sqlite_column_opt_int (stmt, 14);
  session->bp_after_dia = tm_sqlite_column_opt_int (stmt, 15);
  session->other_medicines = (guint) sqlite3_column_int (stmt, 16);
  session->note = tm_sqlite_column_dup (stmt, 17);
  session->created_at = tm_sqlite_column_dup (stmt, 18);
  session->updated_at = tm_sqlite_column_dup (stmt, 19);

  return session;
}

/* Binds taken_at … note from parameter @first on. */
static void
bind_session_values (sqlite3_stmt    *stmt,
                     int              first,
                     const TmSession *session)
{
  sqlite3_bind_text (stmt, first, session->taken_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, first + 1, session->dose_mg);
  sqlite3_bind_text (stmt, first + 2, tm_route_to_string (session->route), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 3, tm_setting_to_string (session->setting), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 4, session->monitor_present ? 1 : 0);
  tm_sqlite_bind_opt_int (stmt, first + 5, session->mood_before);
  tm_sqlite_bind_opt_int (stmt, first + 6, session->dissociation_peak);
  sqlite3_bind_int (stmt, first + 7, (int) session->effects);
  tm_sqlite_bind_opt_int (stmt, first + 8, session->effects_minutes);
  tm_sqlite_bind_opt_int (stmt, first + 9, session->nausea);
  tm_sqlite_bind_opt_int (stmt, first + 10, session->sedation);
  tm_sqlite_bind_opt_int (stmt, first + 11, session->bp_before_sys);
  tm_sqlite_bind_opt_int (stmt, first + 12, session->bp_before_dia);
  tm_sqlite_bind_opt_int (stmt, first + 13, session->bp_after_sys);
  tm_sqlite_bind_opt_int (stmt, first + 14, session->bp_after_dia);
  sqlite3_bind_int (stmt, first + 15, (int) session->other_medicines);
  tm_sqlite_bind_text (stmt, first + 16, session->note);
}

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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *what = _("the session was not saved");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SESSION (session), FALSE);

  if (!tm_session_validate (session, NULL, error))
    return FALSE;

  if (!tm_store_prepare (self,
                         session->id == 0
                         ? "INSERT INTO session (" SESSION_VALUES ", created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                           "         ?15, ?16, ?17, ?18, ?18)"
                           " RETURNING id, created_at, updated_at"
                         : "UPDATE session SET"
                           "   taken_at = ?1, dose_mg = ?2, route = ?3, setting = ?4,"
                           "   monitor_present = ?5, mood_before = ?6, dissociation_peak = ?7,"
                           "   effects = ?8, effects_minutes = ?9, nausea = ?10, sedation = ?11,"
                           "   bp_before_sys = ?12, bp_before_dia = ?13, bp_after_sys = ?14,"
                           "   bp_after_dia = ?15, other_medicines = ?16, note = ?17,"
                           "   updated_at = ?18"
                           " WHERE id = ?19"
                           " RETURNING id, created_at, updated_at",
                         &stmt, what, error))
    return FALSE;

  now = tm_instant_now_utc ();
  bind_session_values (stmt, 1, session);
  sqlite3_bind_text (stmt, 18, now, -1, SQLITE_TRANSIENT);
  if (session->id != 0)
    sqlite3_bind_int64 (stmt, 19, session->id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This session was deleted in the meantime, so the changes were "
                             "not saved. Log it again as a new session."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }

  session->id = sqlite3_column_int64 (stmt, 0);
  g_free (session->created_at);
  session->created_at = tm_sqlite_column_dup (stmt, 1);
  g_free (session->updated_at);
  session->updated_at = tm_sqlite_column_dup (stmt, 2);

  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the session was not deleted");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SESSION (session), FALSE);

  if (!tm_store_prepare (self, "DELETE FROM session WHERE id = ?1", &stmt, what, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the session was not brought back");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (session->created_at != NULL && session->updated_at != NULL, FALSE);

  if (!tm_session_validate (session, NULL, error))
    return FALSE;

  if (!tm_store_prepare (self,
                         "INSERT INTO session (" SESSION_COLUMNS ")"
                         " VALUES (?19, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                         "         ?14, ?15, ?16, ?17, ?20, ?21)",
                         &stmt, what, error))
    return FALSE;

  bind_session_values (stmt, 1, session);
  sqlite3_bind_int64 (stmt, 19, session->id);
  sqlite3_bind_text (stmt, 20, session->created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 21, session->updated_at, -1, SQLITE_TRANSIENT);

  if (!tm_store_step_done (self, stmt, what, error))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the session could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT " SESSION_COLUMNS " FROM session WHERE id = ?1",
                         &stmt, what, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_session (stmt);
  if (rc != SQLITE_DONE)
    tm_sqlite_set_error (error, self->db, rc, self->path, what);

  return NULL;
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  const char *what = _("the sessions could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self,
                         "SELECT " SESSION_COLUMNS " FROM session"
                         " WHERE (?1 IS NULL OR substr(taken_at, 1, 10) >= ?1)"
                         "   AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
                         " ORDER BY julianday(taken_at), id",
                         &stmt, what, error))
    return NULL;

  tm_sqlite_bind_text (stmt, 1, from);
  tm_sqlite_bind_text (stmt, 2, to);

  sessions = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sessions, read_session (stmt));

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return NULL;
    }

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
