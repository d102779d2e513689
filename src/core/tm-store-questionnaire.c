/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's PHQ-9 and GAD-7 answers, and how often they are due. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

#define QUESTIONNAIRE_COLUMNS "id, kind, day, answers, difficulty, total, created_at"

static TmQuestionnaire *
read_questionnaire (sqlite3_stmt *stmt)
{
  TmQuestionnaireKind kind = TM_QUESTIONNAIRE_PHQ9;
  TmQuestionnaire *q;

  tm_questionnaire_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
  q = tm_questionnaire_new (kind, (const char *) sqlite3_column_text (stmt, 2));
  q->id = sqlite3_column_int64 (stmt, 0);
  tm_questionnaire_set_answers_text (q, (const char *) sqlite3_column_text (stmt, 3));
  q->difficulty = tm_sqlite_column_opt_int (stmt, 4);
  q->total = sqlite3_column_int (stmt, 5);
  q->created_at = tm_sqlite_column_dup (stmt, 6);

  return q;
}

static gboolean
same_questionnaire (gconstpointer a,
                    gconstpointer b)
{
  return ((const TmQuestionnaire *) a)->id == ((const TmQuestionnaire *) b)->id;
}

/* Newest day first; on one day, the later entry first. */
static int
compare_questionnaires (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const TmQuestionnaire *qa = a, *qb = b;
  int cmp = strcmp (qb->day, qa->day);

  if (cmp != 0)
    return cmp;
  return (qa->id > qb->id) ? -1 : (qa->id < qb->id);
}

static void
model_put (TmStore         *self,
           TmQuestionnaire *questionnaire)
{
  g_autoptr(TmQuestionnaire) copy = NULL;

  if (self->questionnaires == NULL)
    return;

  copy = tm_questionnaire_copy (questionnaire);
  tm_store_model_put (self->questionnaires, copy, same_questionnaire, compare_questionnaires);
}

/**
 * tm_store_save_questionnaire:
 * @questionnaire: new (id 0) or stored; on success its id, total and
 *   created_at are set
 *
 * The store scores the answers itself and keeps the total with them.
 */
gboolean
tm_store_save_questionnaire (TmStore          *self,
                             TmQuestionnaire  *questionnaire,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  g_autofree char *answers = NULL;
  const char *what = _("the questionnaire was not saved");
  int total;
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE (questionnaire), FALSE);

  if (!tm_questionnaire_validate (questionnaire, NULL, error))
    return FALSE;

  if (!tm_store_prepare (self,
                         questionnaire->id == 0
                         ? "INSERT INTO questionnaire (kind, day, answers, difficulty, total, created_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                           " RETURNING id, created_at"
                         : "UPDATE questionnaire SET day = ?2, answers = ?3, difficulty = ?4, total = ?5"
                           " WHERE id = ?7 AND kind = ?1"
                           " RETURNING id, created_at",
                         &stmt, what, error))
    return FALSE;

  now = tm_instant_now_utc ();
  answers = tm_questionnaire_get_answers_text (questionnaire);
  total = tm_questionnaire_score (questionnaire->kind, questionnaire->answers);

  sqlite3_bind_text (stmt, 1, tm_questionnaire_kind_to_string (questionnaire->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, questionnaire->day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, answers, -1, SQLITE_TRANSIENT);
  tm_sqlite_bind_opt_int (stmt, 4, questionnaire->difficulty);
  sqlite3_bind_int (stmt, 5, total);
  if (questionnaire->id == 0)
    sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 7, questionnaire->id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This questionnaire was deleted in the meantime, so the changes "
                             "were not saved. Answer it again as a new one."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }

  questionnaire->id = sqlite3_column_int64 (stmt, 0);
  g_free (questionnaire->created_at);
  questionnaire->created_at = tm_sqlite_column_dup (stmt, 1);

  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  questionnaire->total = total;
  model_put (self, questionnaire);
  g_signal_emit (self, tm_store_signals[TM_STORE_QUESTIONNAIRES_CHANGED], 0);
  tm_store_emit_record_saved (self, TM_SOURCE_QUESTIONNAIRE, questionnaire);
  return TRUE;
}

gboolean
tm_store_delete_questionnaire (TmStore          *self,
                               TmQuestionnaire  *questionnaire,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the questionnaire was not deleted");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE (questionnaire), FALSE);

  if (!tm_store_prepare (self, "DELETE FROM questionnaire WHERE id = ?1", &stmt, what, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, questionnaire->id);
  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This questionnaire had already been deleted."));
      return FALSE;
    }

  tm_store_model_remove (self->questionnaires, questionnaire, same_questionnaire);
  g_signal_emit (self, tm_store_signals[TM_STORE_QUESTIONNAIRES_CHANGED], 0);
  return TRUE;
}

/* Brings a deleted questionnaire back exactly: same id, same time. */
gboolean
tm_store_restore_questionnaire (TmStore          *self,
                                TmQuestionnaire  *questionnaire,
                                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *answers = NULL;
  const char *what = _("the questionnaire was not brought back");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE (questionnaire), FALSE);
  g_return_val_if_fail (questionnaire->created_at != NULL, FALSE);

  if (!tm_questionnaire_validate (questionnaire, NULL, error))
    return FALSE;

  if (!tm_store_prepare (self,
                         "INSERT INTO questionnaire (" QUESTIONNAIRE_COLUMNS ")"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         &stmt, what, error))
    return FALSE;

  answers = tm_questionnaire_get_answers_text (questionnaire);
  sqlite3_bind_int64 (stmt, 1, questionnaire->id);
  sqlite3_bind_text (stmt, 2, tm_questionnaire_kind_to_string (questionnaire->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, questionnaire->day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, answers, -1, SQLITE_TRANSIENT);
  tm_sqlite_bind_opt_int (stmt, 5, questionnaire->difficulty);
  sqlite3_bind_int (stmt, 6, tm_questionnaire_score (questionnaire->kind, questionnaire->answers));
  sqlite3_bind_text (stmt, 7, questionnaire->created_at, -1, SQLITE_TRANSIENT);

  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  model_put (self, questionnaire);
  g_signal_emit (self, tm_store_signals[TM_STORE_QUESTIONNAIRES_CHANGED], 0);
  return TRUE;
}

TmQuestionnaire *
tm_store_get_questionnaire (TmStore  *self,
                            gint64    id,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the questionnaire could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT " QUESTIONNAIRE_COLUMNS " FROM questionnaire WHERE id = ?1",
                         &stmt, what, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_questionnaire (stmt);
  if (rc != SQLITE_DONE)
    tm_sqlite_set_error (error, self->db, rc, self->path, what);

  return NULL;
}

/**
 * tm_store_list_questionnaires:
 * @kind: a #TmQuestionnaireKind, or -1 for both
 * @from: (nullable): first day, inclusive
 * @to: (nullable): last day, inclusive
 *
 * Returns: (transfer container) (element-type TmQuestionnaire): oldest first
 */
GPtrArray *
tm_store_list_questionnaires (TmStore     *self,
                              int          kind,
                              const char  *from,
                              const char  *to,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *what = _("the questionnaires could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self,
                         "SELECT " QUESTIONNAIRE_COLUMNS " FROM questionnaire"
                         " WHERE (?1 IS NULL OR kind = ?1)"
                         "   AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)"
                         " ORDER BY day, id",
                         &stmt, what, error))
    return NULL;

  tm_sqlite_bind_text (stmt, 1, kind >= 0 ? tm_questionnaire_kind_to_string (kind) : NULL);
  tm_sqlite_bind_text (stmt, 2, from);
  tm_sqlite_bind_text (stmt, 3, to);

  list = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_questionnaire (stmt));

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * tm_store_get_last_questionnaire_day:
 *
 * Returns: (nullable): the latest day @kind was answered, or %NULL
 */
char *
tm_store_get_last_questionnaire_day (TmStore             *self,
                                     TmQuestionnaireKind  kind)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT max(day) FROM questionnaire WHERE kind = ?1", &stmt, "", NULL))
    return NULL;

  sqlite3_bind_text (stmt, 1, tm_questionnaire_kind_to_string (kind), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return tm_sqlite_column_dup (stmt, 0);

  return NULL;
}

static int
compare_questionnaires_indirect (gconstpointer a,
                                 gconstpointer b,
                                 gpointer      user_data)
{
  return compare_questionnaires (*(gconstpointer *) a, *(gconstpointer *) b, user_data);
}

/* (Re)fills the questionnaire list from the file, newest first. */
void
tm_store_load_questionnaires (TmStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = tm_store_list_questionnaires (self, -1, NULL, NULL, &error);

  if (all == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_ptr_array_sort_with_data (all, compare_questionnaires_indirect, NULL);
  g_list_store_splice (self->questionnaires, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->questionnaires)), all->pdata, all->len);
}

/**
 * tm_store_get_questionnaires:
 *
 * Returns: (transfer none): every questionnaire, newest first, kept up to date
 */
GListModel *
tm_store_get_questionnaires (TmStore *self)
{
  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (self->questionnaires == NULL)
    {
      self->questionnaires = g_list_store_new (TM_TYPE_QUESTIONNAIRE);
      tm_store_load_questionnaires (self);
    }

  return G_LIST_MODEL (self->questionnaires);
}

