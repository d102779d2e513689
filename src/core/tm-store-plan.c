/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's maintenance plan: rows are only added, never changed or
 * removed (the schema refuses it too), and the one-off dates. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

#define PLAN_COLUMNS \
  "id, effective_from, interval_days, dose_mg, route, tolerance_days, instructions, author, created_at"
#define PLAN_DATE_COLUMNS "id, day, kind, note, created_at"

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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *what = _("the plan was not saved");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_PLAN (plan), FALSE);

  if (!tm_plan_validate (plan, NULL, error))
    return FALSE;

  if (!tm_store_prepare (self,
                         "INSERT INTO plan (effective_from, interval_days, dose_mg, route,"
                         "                  tolerance_days, instructions, author, created_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                         " RETURNING id, created_at",
                         &stmt, what, error))
    return FALSE;

  now = tm_instant_now_utc ();
  sqlite3_bind_text (stmt, 1, plan->effective_from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, plan->interval_days);
  sqlite3_bind_double (stmt, 3, plan->dose_mg);
  sqlite3_bind_text (stmt, 4, tm_route_to_string (plan->route), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, plan->tolerance_days);
  tm_sqlite_bind_text (stmt, 6, plan->instructions);
  tm_sqlite_bind_text (stmt, 7, plan->author);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }
  plan->id = sqlite3_column_int64 (stmt, 0);
  g_free (plan->created_at);
  plan->created_at = tm_sqlite_column_dup (stmt, 1);

  if (!tm_store_step_done (self, stmt, what, error))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  const char *what = _("the plan could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT " PLAN_COLUMNS " FROM plan ORDER BY effective_from, id",
                         &stmt, what, error))
    return NULL;

  plans = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TmPlan *plan = tm_plan_new ((const char *) sqlite3_column_text (stmt, 1));

      plan->id = sqlite3_column_int64 (stmt, 0);
      plan->interval_days = sqlite3_column_int (stmt, 2);
      plan->dose_mg = sqlite3_column_double (stmt, 3);
      tm_route_from_string ((const char *) sqlite3_column_text (stmt, 4), &plan->route);
      plan->tolerance_days = sqlite3_column_int (stmt, 5);
      plan->instructions = tm_sqlite_column_dup (stmt, 6);
      plan->author = tm_sqlite_column_dup (stmt, 7);
      plan->created_at = tm_sqlite_column_dup (stmt, 8);
      g_ptr_array_add (plans, plan);
    }

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return NULL;
    }

  return g_steal_pointer (&plans);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *what = _("the date was not saved");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_PLAN_DATE (date), FALSE);

  if (!tm_plan_date_validate (date, error))
    return FALSE;

  if (!tm_store_prepare (self,
                         "INSERT INTO plan_date (day, kind, note, created_at) VALUES (?1, ?2, ?3, ?4)"
                         " RETURNING id, created_at",
                         &stmt, what, error))
    return FALSE;

  now = tm_instant_now_utc ();
  sqlite3_bind_text (stmt, 1, date->day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tm_plan_date_kind_to_string (date->kind), -1, SQLITE_STATIC);
  tm_sqlite_bind_text (stmt, 3, date->note);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_autofree char *label = tm_day_format_long (date->day);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   date->kind == TM_PLAN_DATE_EXTRA
                   ? _("%s is already an extra planned date.")
                   : _("The planned date %s is already cancelled."),
                   label);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }
  date->id = sqlite3_column_int64 (stmt, 0);
  g_free (date->created_at);
  date->created_at = tm_sqlite_column_dup (stmt, 1);

  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  emit_plan_changed (self);
  return TRUE;
}

/* Takes back an extra date or a cancellation. */
gboolean
tm_store_delete_plan_date (TmStore     *self,
                           TmPlanDate  *date,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the date was not removed");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);

  if (!tm_store_prepare (self, "DELETE FROM plan_date WHERE id = ?1", &stmt, what, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, date->id);
  if (!tm_store_step_done (self, stmt, what, error))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  const char *what = _("the one-off dates could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT " PLAN_DATE_COLUMNS " FROM plan_date ORDER BY day, id",
                         &stmt, what, error))
    return NULL;

  dates = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TmPlanDateKind kind = TM_PLAN_DATE_EXTRA;
      TmPlanDate *date;

      tm_plan_date_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
      date = tm_plan_date_new ((const char *) sqlite3_column_text (stmt, 1), kind);
      date->id = sqlite3_column_int64 (stmt, 0);
      date->note = tm_sqlite_column_dup (stmt, 3);
      date->created_at = tm_sqlite_column_dup (stmt, 4);
      g_ptr_array_add (dates, date);
    }

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return NULL;
    }

  return g_steal_pointer (&dates);
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
