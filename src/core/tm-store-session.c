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

  switch (tm_store_save_row (self, TM_TABLE_SESSIONS, session, what, error))
    {
    case TM_SAVED:
      break;
    case TM_SAVE_NOT_FOUND:
      g_clear_error (error);
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This session was deleted in the meantime, so the changes were "
                             "not saved. Log it again as a new session."));
      return FALSE;
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

  if (tm_store_restore_row (self, TM_TABLE_SESSIONS, session, what, error) != TM_SAVED)
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

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  return tm_store_get_row (self, TM_TABLE_SESSIONS, id, what, error);
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_SESSIONS,
                                  "WHERE (?1 IS NULL OR substr(taken_at, 1, 10) >= ?1)"
                                  "  AND (?2 IS NULL OR substr(taken_at, 1, 10) <= ?2)"
                                  " ORDER BY julianday(taken_at), id",
                                  what, error);
  if (stmt == NULL)
    return NULL;
  tm_sqlite_bind_text (stmt, 1, from);
  tm_sqlite_bind_text (stmt, 2, to);
  return tm_store_read_rows (self, TM_TABLE_SESSIONS, stmt, what, error);
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
