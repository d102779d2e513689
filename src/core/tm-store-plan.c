/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's maintenance plan: rows are only added, never changed or
 * removed (the schema refuses it too), and the one-off dates. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

static void
emit_plan_changed (TmStore *self)
{
  g_signal_emit (self, tm_store_signals[TM_STORE_PLAN_CHANGED], 0);
}

/**
 * tm_store_add_plan:
 * @plan: a new plan row; on success its id and created_at are set
 *
 * Adds a row to the plan: from its effective_from on, it is the plan in
 * force. Older rows stay as they were.
 */
gboolean
tm_store_add_plan (TmStore  *self,
                   TmPlan   *plan,
                   GError  **error)
{
  const char *what = _("the plan was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_PLAN (plan), FALSE);

  if (!tm_plan_validate (plan, NULL, error))
    return FALSE;

  if (tm_store_add_row (self, TM_TABLE_PLANS, plan, what, error) != TM_SAVED)
    return FALSE;

  emit_plan_changed (self);
  return TRUE;
}

/**
 * tm_store_list_plans:
 *
 * Returns: (transfer container) (element-type TmPlan): every plan row,
 *   by effective_from, then in the order they were added
 */
GPtrArray *
tm_store_list_plans (TmStore  *self,
                     GError  **error)
{
  const char *what = _("the plan could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_PLANS, "ORDER BY effective_from, id", what, error);
  return stmt != NULL ? tm_store_read_rows (self, TM_TABLE_PLANS, stmt, what, error) : NULL;
}

/**
 * tm_store_add_plan_date:
 * @date: an extra planned date, or a planned date to cancel
 */
gboolean
tm_store_add_plan_date (TmStore     *self,
                        TmPlanDate  *date,
                        GError     **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  g_return_val_if_fail (TM_IS_PLAN_DATE (date), FALSE);

  g_ptr_array_add (added, date);
  return tm_store_change_plan (self, NULL, added, NULL, error);
}

/* Takes back an extra date or a cancellation. */
gboolean
tm_store_delete_plan_date (TmStore     *self,
                           TmPlanDate  *date,
                           GError     **error)
{
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();

  g_return_val_if_fail (TM_IS_PLAN_DATE (date), FALSE);

  g_ptr_array_add (removed, date);
  return tm_store_change_plan (self, NULL, NULL, removed, error);
}

/**
 * tm_store_change_plan:
 * @plan: (nullable): a new plan row, or %NULL to keep the plan in force
 * @added_dates: (element-type TmPlanDate) (nullable): one-off dates to add;
 *   on success their ids are set
 * @removed_dates: (element-type TmPlanDate) (nullable): one-off dates to take back
 *
 * What the plan editor saves, all of it or none: the dates taken back
 * first, then the plan and the dates added.
 */
gboolean
tm_store_change_plan (TmStore     *self,
                      TmPlan      *plan,
                      GPtrArray   *added_dates,
                      GPtrArray   *removed_dates,
                      GError     **error)
{
  const char *what = plan != NULL ? _("the plan was not saved")
                     : added_dates != NULL && added_dates->len > 0 ? _("the date was not saved")
                     : _("the date was not removed");
  gboolean ok;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan == NULL || TM_IS_PLAN (plan), FALSE);

  if (plan != NULL && !tm_plan_validate (plan, NULL, error))
    return FALSE;
  for (guint i = 0; added_dates != NULL && i < added_dates->len; i++)
    if (!tm_plan_date_validate (added_dates->pdata[i], error))
      return FALSE;

  if (!tm_sqlite_exec (self->db, "SAVEPOINT plan_change", self->path, what, error))
    return FALSE;

  ok = TRUE;
  for (guint i = 0; ok && removed_dates != NULL && i < removed_dates->len; i++)
    {
      gboolean found;

      ok = tm_store_delete_row (self, TM_TABLE_PLAN_DATES, ((TmPlanDate *) removed_dates->pdata[i])->id,
                                &found, what, error);
    }
  if (ok && plan != NULL)
    ok = tm_store_add_row (self, TM_TABLE_PLANS, plan, what, error) == TM_SAVED;
  for (guint i = 0; ok && added_dates != NULL && i < added_dates->len; i++)
    {
      TmPlanDate *date = added_dates->pdata[i];

      switch (tm_store_add_row (self, TM_TABLE_PLAN_DATES, date, what, error))
        {
        case TM_SAVED:
          break;
        case TM_SAVE_KEY_TAKEN:
          g_clear_error (error);
          tm_plan_date_is_taken (date, NULL, error);
          ok = FALSE;
          break;
        case TM_SAVE_NOT_FOUND:
        case TM_SAVE_FAILED:
        default:
          ok = FALSE;
          break;
        }
    }

  if (ok && tm_sqlite_exec (self->db, "RELEASE plan_change", self->path, what, error))
    {
      emit_plan_changed (self);
      return TRUE;
    }

  sqlite3_exec (self->db, "ROLLBACK TO plan_change; RELEASE plan_change", NULL, NULL, NULL);
  /* Nothing was written: the records say so too. */
  if (plan != NULL)
    plan->id = 0;
  for (guint i = 0; added_dates != NULL && i < added_dates->len; i++)
    ((TmPlanDate *) added_dates->pdata[i])->id = 0;
  return FALSE;
}

/**
 * tm_store_list_plan_dates:
 *
 * Returns: (transfer container) (element-type TmPlanDate): by day
 */
GPtrArray *
tm_store_list_plan_dates (TmStore  *self,
                          GError  **error)
{
  const char *what = _("the one-off dates could not be read");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_PLAN_DATES, "ORDER BY day, id", what, error);
  return stmt != NULL ? tm_store_read_rows (self, TM_TABLE_PLAN_DATES, stmt, what, error) : NULL;
}

/**
 * tm_store_make_schedule:
 * @today: the day that decides which windows have closed
 * @plans: (out) (transfer full) (element-type TmPlan): the plan rows the
 *   schedule points into; keep them while using it
 * @sessions: (out) (transfer full) (element-type TmSession) (optional):
 *   every session, in the order the schedule's indices refer to
 *
 * Planned against taken over the whole record, with planned days listed a
 * year past @today.
 */
TmSchedule *
tm_store_make_schedule (TmStore     *self,
                        const char  *today,
                        GPtrArray  **plans,
                        GPtrArray  **sessions,
                        GError     **error)
{
  g_autoptr(GPtrArray) all_plans = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) all_sessions = NULL;
  g_autofree char *until = NULL;
  TmSchedule *schedule;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);
  g_return_val_if_fail (plans != NULL, NULL);

  all_plans = tm_store_list_plans (self, error);
  if (all_plans == NULL)
    return NULL;
  dates = tm_store_list_plan_dates (self, error);
  if (dates == NULL)
    return NULL;
  all_sessions = tm_store_list_sessions (self, NULL, NULL, error);
  if (all_sessions == NULL)
    return NULL;

  until = tm_day_add (today, 366);
  schedule = tm_schedule_new (all_plans, dates, all_sessions, until, today);

  *plans = g_steal_pointer (&all_plans);
  if (sessions != NULL)
    *sessions = g_steal_pointer (&all_sessions);
  return schedule;
}
