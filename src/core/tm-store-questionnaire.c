/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's PHQ-9 and GAD-7 answers, and how often they are due. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

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
  const char *what = _("the questionnaire was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE (questionnaire), FALSE);

  if (!tm_questionnaire_validate (questionnaire, NULL, error))
    return FALSE;

  questionnaire->total = tm_questionnaire_score (questionnaire->kind, questionnaire->answers);
  switch (tm_store_save_row (self, TM_TABLE_QUESTIONNAIRES, questionnaire, what, error))
    {
    case TM_SAVED:
      break;
    case TM_SAVE_NOT_FOUND:
      g_clear_error (error);
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("This questionnaire was deleted in the meantime, so the changes "
                             "were not saved. Answer it again as a new one."));
      return FALSE;
    case TM_SAVE_KEY_TAKEN:
    case TM_SAVE_FAILED:
    default:
      return FALSE;
    }

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
  const char *what = _("the questionnaire was not deleted");
  gboolean found;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE (questionnaire), FALSE);

  if (!tm_store_delete_row (self, TM_TABLE_QUESTIONNAIRES, questionnaire->id, &found, what, error))
    return FALSE;
  if (!found)
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
  const char *what = _("the questionnaire was not brought back");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_QUESTIONNAIRE (questionnaire), FALSE);
  g_return_val_if_fail (questionnaire->created_at != NULL, FALSE);

  if (!tm_questionnaire_validate (questionnaire, NULL, error))
    return FALSE;

  questionnaire->total = tm_questionnaire_score (questionnaire->kind, questionnaire->answers);
  if (tm_store_restore_row (self, TM_TABLE_QUESTIONNAIRES, questionnaire, what, error) != TM_SAVED)
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
  const char *what = _("the questionnaire could not be read");

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  return tm_store_get_row (self, TM_TABLE_QUESTIONNAIRES, id, what, error);
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
  const char *what = _("the questionnaires could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_QUESTIONNAIRES,
                                  "WHERE (?1 IS NULL OR kind = ?1)"
                                  "  AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)"
                                  " ORDER BY day, id",
                                  what, error);
  if (stmt == NULL)
    return NULL;
  tm_sqlite_bind_text (stmt, 1, kind >= 0 ? tm_questionnaire_kind_to_string (kind) : NULL);
  tm_sqlite_bind_text (stmt, 2, from);
  tm_sqlite_bind_text (stmt, 3, to);
  return tm_store_read_rows (self, TM_TABLE_QUESTIONNAIRES, stmt, what, error);
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

/**
 * tm_store_get_due_questionnaires:
 * @cadence_days: the PHQ-9 and GAD-7's cadence setting (7 or 14)
 * @days_since: (out caller-allocates) (array fixed-size=TM_N_QUESTIONNAIRE_KINDS) (optional):
 *   for each kind, days since it was last answered, -1 for never
 *
 * What Today offers and the reminder names: each questionnaire none of
 * which was answered within its cadence (the follow-up: monthly).
 *
 * Returns: 1 << each #TmQuestionnaireKind due on @today
 */
guint
tm_store_get_due_questionnaires (TmStore    *self,
                                 const char *today,
                                 int         cadence_days,
                                 int        *days_since)
{
  guint due = 0;

  g_return_val_if_fail (TM_IS_STORE (self), 0);

  for (TmQuestionnaireKind kind = 0; kind < TM_N_QUESTIONNAIRE_KINDS; kind++)
    {
      g_autofree char *last = tm_store_get_last_questionnaire_day (self, kind);
      int since;

      if (tm_questionnaire_is_due (last, today, tm_questionnaire_kind_get_cadence (kind, cadence_days), &since))
        due |= 1u << kind;
      if (days_since != NULL)
        days_since[kind] = since;
    }
  return due;
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

