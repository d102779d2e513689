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
  const char *what = _("the date was not saved");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_PLAN_DATE (date), FALSE);

  if (!tm_plan_date_validate (date, error))
    return FALSE;

  switch (tm_store_add_row (self, TM_TABLE_PLAN_DATES, date, what, error))
    {
    case TM_SAVED:
      break;
    case TM_SAVE_KEY_TAKEN:
      {
        g_autofree char *label = tm_day_format_long (date->day);

        g_clear_error (error);
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                     date->kind == TM_PLAN_DATE_EXTRA
                     ? _("%s is already an extra planned date.")
                     : _("The planned date %s is already cancelled."),
                     label);
      }
      return FALSE;
    case TM_SAVE_NOT_FOUND:
    case TM_SAVE_FAILED:
    default:
      return FALSE;
    }

  emit_plan_changed (self);
  return TRUE;
}

/* Takes back an extra date or a cancellation. */
gboolean
tm_store_delete_plan_date (TmStore     *self,
                           TmPlanDate  *date,
                           GError     **error)
{
  const char *what = _("the date was not removed");
  gboolean found;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);

  if (!tm_store_delete_row (self, TM_TABLE_PLAN_DATES, date->id, &found, what, error))
    return FALSE;

  emit_plan_changed (self);
  return TRUE;
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
