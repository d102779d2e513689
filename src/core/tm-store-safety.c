/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's record of safety prompts, and the facts the rules read. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

#define EVENT_COLUMNS "id, rule, level, source, source_id, shown_at, answered_at, answer, detail"

/**
 * tm_store_add_safety_event:
 * @event: a prompt being shown; on success its id is set
 *
 * Records that a prompt was shown, usually before it is answered (an
 * event that carries its answer, from the demo or a file, keeps it).
 */
gboolean
tm_store_add_safety_event (TmStore        *self,
                           TmSafetyEvent  *event,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the safety prompt was not recorded");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SAFETY_EVENT (event), FALSE);

  if (!tm_store_prepare (self,
                         "INSERT INTO safety_event (rule, level, source, source_id, shown_at, detail,"
                         "                          answered_at, answer)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                         &stmt, what, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, tm_rule_to_string (event->rule), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tm_level_to_string (event->level), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tm_source_to_string (event->source), -1, SQLITE_STATIC);
  if (event->source_id > 0)
    sqlite3_bind_int64 (stmt, 4, event->source_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, event->shown_at, -1, SQLITE_TRANSIENT);
  tm_sqlite_bind_text (stmt, 6, event->detail);
  tm_sqlite_bind_text (stmt, 7, event->answered_at);
  tm_sqlite_bind_text (stmt, 8, event->answer);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }
  event->id = sqlite3_column_int64 (stmt, 0);
  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  g_signal_emit (self, tm_store_signals[TM_STORE_SAFETY_CHANGED], 0);
  return TRUE;
}

/* Records how the person answered @event, and when. */
gboolean
tm_store_answer_safety_event (TmStore        *self,
                              TmSafetyEvent  *event,
                              TmAnswer        answer,
                              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tm_instant_now_utc ();
  const char *what = _("the answer was not recorded");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SAFETY_EVENT (event), FALSE);

  if (!tm_store_prepare (self, "UPDATE safety_event SET answered_at = ?1, answer = ?2 WHERE id = ?3",
                         &stmt, what, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tm_answer_to_string (answer), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, event->id);

  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;

  g_free (event->answered_at);
  event->answered_at = g_steal_pointer (&now);
  g_free (event->answer);
  event->answer = g_strdup (tm_answer_to_string (answer));
  g_signal_emit (self, tm_store_signals[TM_STORE_SAFETY_CHANGED], 0);
  return TRUE;
}

/**
 * tm_store_list_safety_events:
 * @from: (nullable): first local day, inclusive
 * @to: (nullable): last local day, inclusive
 *
 * Returns: (transfer container) (element-type TmSafetyEvent): by the time
 *   they were shown, oldest first
 */
GPtrArray *
tm_store_list_safety_events (TmStore     *self,
                             const char  *from,
                             const char  *to,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *what = _("the safety record could not be read");
  int rc;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  if (!tm_store_prepare (self, "SELECT " EVENT_COLUMNS " FROM safety_event ORDER BY julianday(shown_at), id",
                         &stmt, what, error))
    return NULL;

  events = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TmSafetyEvent) event = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);
      g_autofree char *day = NULL;

      event->id = sqlite3_column_int64 (stmt, 0);
      tm_rule_from_string ((const char *) sqlite3_column_text (stmt, 1), &event->rule);
      tm_level_from_string ((const char *) sqlite3_column_text (stmt, 2), &event->level);
      tm_source_from_string ((const char *) sqlite3_column_text (stmt, 3), &event->source);
      event->source_id = sqlite3_column_int64 (stmt, 4);
      event->shown_at = tm_sqlite_column_dup (stmt, 5);
      event->answered_at = tm_sqlite_column_dup (stmt, 6);
      event->answer = tm_sqlite_column_dup (stmt, 7);
      event->detail = tm_sqlite_column_dup (stmt, 8);

      /* Periods are local days. */
      day = tm_instant_local_day (event->shown_at);
      if ((from != NULL && g_strcmp0 (day, from) < 0) || (to != NULL && g_strcmp0 (day, to) > 0))
        continue;
      g_ptr_array_add (events, g_steal_pointer (&event));
    }

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return NULL;
    }

  return g_steal_pointer (&events);
}

/**
 * tm_store_check_safety:
 * @record: the check-in, session or questionnaire just saved
 * @now: when it was saved
 *
 * Gathers what the rules need and evaluates them.
 *
 * Returns: (transfer full) (element-type TmSafetyPrompt): the prompts due
 */
GPtrArray *
tm_store_check_safety (TmStore    *self,
                       TmSource    source,
                       gpointer    record,
                       GDateTime  *now,
                       GError    **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *today = tm_day_from_date_time (now);
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  TmSafetyFacts facts = { 0 };

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  facts.source = source;
  facts.now = now;
  switch (source)
    {
    case TM_SOURCE_CHECKIN:
      facts.checkin = record;
      day = g_strdup (facts.checkin->day);
      break;
    case TM_SOURCE_SESSION:
      facts.session = record;
      day = tm_session_get_day (facts.session);
      break;
    case TM_SOURCE_QUESTIONNAIRE:
    default:
      facts.questionnaire = record;
      day = g_strdup (facts.questionnaire->day);
      break;
    }
  if (day == NULL)
    day = g_strdup (today);

  from = tm_day_add (day, -(TM_S6_BASELINE_FROM + 1));
  if ((sessions = tm_store_list_sessions (self, NULL, NULL, error)) == NULL ||
      (checkins = tm_store_list_checkins (self, from, day, error)) == NULL ||
      (plans = tm_store_list_plans (self, error)) == NULL ||
      (dates = tm_store_list_plan_dates (self, error)) == NULL ||
      (events = tm_store_list_safety_events (self, NULL, NULL, error)) == NULL)
    return NULL;

  facts.sessions = sessions;
  facts.checkins = checkins;
  facts.plans = plans;
  facts.plan_dates = dates;
  facts.events = events;

  return tm_safety_evaluate (&facts);
}
