/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's record of safety prompts, and the facts the rules read. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tm-sqlite.h"
#include "tm-store-private.h"

static gboolean
insert_event (TmStore        *self,
              TmSafetyEvent  *event,
              GError        **error)
{
  return tm_store_add_row (self, TM_TABLE_SAFETY_EVENTS, event, _("the safety prompt was not recorded"),
                            error) == TM_SAVED;
}

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
  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SAFETY_EVENT (event), FALSE);

  if (!insert_event (self, event, error))
    return FALSE;

  g_signal_emit (self, tm_store_signals[TM_STORE_SAFETY_CHANGED], 0);
  return TRUE;
}

/* Records how the person answered @event, now. */
gboolean
tm_store_answer_safety_event (TmStore        *self,
                              TmSafetyEvent  *event,
                              TmAnswer        answer,
                              GError        **error)
{
  g_autofree char *now = tm_instant_now_utc ();

  return tm_store_answer_safety_event_at (self, event, answer, now, error);
}

/**
 * tm_store_answer_safety_event_at:
 * @answered_at: when the person answered (an answer kept later, when the
 *   file could not be written at once, keeps its own time)
 *
 * Records how the person answered @event, and when.
 */
gboolean
tm_store_answer_safety_event_at (TmStore        *self,
                                 TmSafetyEvent  *event,
                                 TmAnswer        answer,
                                 const char     *answered_at,
                                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *what = _("the answer was not recorded");

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TM_IS_SAFETY_EVENT (event), FALSE);
  g_return_val_if_fail (tm_instant_is_valid (answered_at), FALSE);

  now = g_strdup (answered_at);

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
  const char *what = _("the safety record could not be read");
  g_autoptr(GPtrArray) events = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TM_IS_STORE (self), NULL);

  stmt = tm_store_prepare_select (self, TM_TABLE_SAFETY_EVENTS, "ORDER BY julianday(shown_at), id", what, error);
  if (stmt == NULL || (events = tm_store_read_rows (self, TM_TABLE_SAFETY_EVENTS, stmt, what, error)) == NULL)
    return NULL;

  /* Periods are local days. */
  for (guint i = events->len; i > 0 && (from != NULL || to != NULL); i--)
    {
      TmSafetyEvent *event = events->pdata[i - 1];
      g_autofree char *day = tm_instant_local_day (event->shown_at);

      if ((from != NULL && g_strcmp0 (day, from) < 0) || (to != NULL && g_strcmp0 (day, to) > 0))
        g_ptr_array_remove_index (events, i - 1);
    }
  return g_steal_pointer (&events);
}

/**
 * tm_store_check_safety:
 * @record: the check-in, session, questionnaire or medicine just saved
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
  g_autofree char *to = NULL;
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
    case TM_SOURCE_MEDICINE:
      facts.medicine = record;
      day = g_strdup (facts.medicine->started_on);
      break;
    case TM_SOURCE_QUESTIONNAIRE:
    default:
      facts.questionnaire = record;
      day = g_strdup (facts.questionnaire->day);
      break;
    }
  if (day == NULL)
    day = g_strdup (today);

  /* The days before, for S6's means; and the day after, for a run of
   * lowest moods that a day written later completes. */
  from = tm_day_add (day, -(TM_S6_BASELINE_FROM + 1));
  to = tm_day_add (day, 1);
  if ((sessions = tm_store_list_sessions (self, NULL, NULL, error)) == NULL ||
      (checkins = tm_store_list_checkins (self, from, to, error)) == NULL ||
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

/* Imported records */

typedef struct
{
  TmSource   source;
  gint64     id;
  gpointer   record;   /* borrowed from the lists read */
  GDateTime *at;       /* when it counts as saved, for the rules */
} Imported;

static void
imported_clear (Imported *imported)
{
  g_clear_pointer (&imported->at, g_date_time_unref);
}

/* Within a day: medicines, sessions, then questionnaires, then check-ins. */
static int
day_order (TmSource source)
{
  switch (source)
    {
    case TM_SOURCE_MEDICINE: return 0;
    case TM_SOURCE_SESSION: return 1;
    case TM_SOURCE_QUESTIONNAIRE: return 2;
    case TM_SOURCE_CHECKIN:
    default:
      return 3;
    }
}

static gint
compare_imported (gconstpointer a,
                  gconstpointer b)
{
  const Imported *ia = a, *ib = b;
  int by_time = g_date_time_compare (ia->at, ib->at);
  int by_source;

  /* At the same moment: medicines, sessions, questionnaires, then
   * check-ins, the order of a day; then in the order they were stored. */
  if (by_time != 0)
    return by_time;
  by_source = day_order (ia->source) - day_order (ib->source);
  if (by_source != 0)
    return by_source;
  return ia->id < ib->id ? -1 : ia->id > ib->id;
}

/* When an imported record counts as saved, for the rules: a session when
 * it was taken; a questionnaire when it was answered; a medicine when it
 * was written down; a check-in when it
 * was written, if that was on its day, else at the end of its day (a file
 * made elsewhere may have been written at any time). Never after @now. */
static GDateTime *
saved_at (TmSource   source,
          gpointer   record,
          GDateTime *now)
{
  GDateTime *at = NULL;

  switch (source)
    {
    case TM_SOURCE_SESSION:
      at = tm_instant_parse (((TmSession *) record)->taken_at);
      break;
    case TM_SOURCE_QUESTIONNAIRE:
      at = tm_instant_parse (((TmQuestionnaire *) record)->created_at);
      break;
    case TM_SOURCE_MEDICINE:
      at = tm_instant_parse (((TmRegularMedicine *) record)->created_at);
      break;
    case TM_SOURCE_CHECKIN:
    default:
      {
        TmCheckin *c = record;
        g_autofree char *written_day = tm_instant_local_day (c->updated_at);
        g_autofree char *end = tm_instant_from_local (c->day, 23, 59, NULL);

        at = tm_instant_parse (g_strcmp0 (written_day, c->day) == 0 ? c->updated_at : end);
      }
      break;
    }

  if (at == NULL || g_date_time_compare (at, now) > 0)
    {
      g_clear_pointer (&at, g_date_time_unref);
      at = g_date_time_ref (now);
    }
  return at;
}

/* The records of @list by their id; the keys are the records' own. */
static GHashTable *
index_by_id (GPtrArray *list,
             TmSource   source)
{
  GHashTable *index = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < list->len; i++)
    {
      gint64 *id;

      switch (source)
        {
        case TM_SOURCE_SESSION: id = &((TmSession *) list->pdata[i])->id; break;
        case TM_SOURCE_QUESTIONNAIRE: id = &((TmQuestionnaire *) list->pdata[i])->id; break;
        case TM_SOURCE_MEDICINE: id = &((TmRegularMedicine *) list->pdata[i])->id; break;
        case TM_SOURCE_CHECKIN:
        default: id = &((TmCheckin *) list->pdata[i])->id; break;
        }

      g_hash_table_insert (index, id, list->pdata[i]);
    }
  return index;
}

/* Whether a prompt of @prompt's rule about its record is already there,
 * at its level or above, whatever its words (a file's prompt may have been
 * worded by another version). */
static gboolean
already_there (GPtrArray            *events,
               const TmSafetyPrompt *prompt)
{
  for (guint i = 0; i < events->len; i++)
    {
      TmSafetyEvent *event = events->pdata[i];

      if (event->rule == prompt->rule && event->source == prompt->source &&
          event->source_id == prompt->source_id && event->level >= prompt->level)
        return TRUE;
    }
  return FALSE;
}

/* The check-ins of @checkins (by day, oldest first) the rules read for a
 * record of @day: the 35 days before it and the day itself. */
static GPtrArray *
checkins_before (GPtrArray  *checkins,
                 const char *day)
{
  g_autofree char *from = tm_day_add (day, -(TM_S6_BASELINE_FROM + 1));
  GPtrArray *window = g_ptr_array_new ();
  guint lo = 0, hi = checkins->len;

  /* The first check-in on or after @from. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (((TmCheckin *) checkins->pdata[mid])->day, from) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < checkins->len; i++)
    {
      TmCheckin *c = checkins->pdata[i];

      if (strcmp (c->day, day) > 0)
        break;
      g_ptr_array_add (window, c);
    }
  return window;
}

/* Runs the rules on one imported record, as of when it was saved, and
 * records what they raise. */
static gboolean
raise_for (TmStore    *self,
           Imported   *imported,
           GPtrArray  *sessions,
           GPtrArray  *checkins,
           GPtrArray  *plans,
           GPtrArray  *dates,
           GPtrArray  *events,
           guint      *n_raised,
           GError    **error)
{
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(GPtrArray) window = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) utc = g_date_time_to_utc (imported->at);
  g_autofree char *shown_at = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  TmSafetyFacts facts = { 0 };

  facts.source = imported->source;
  switch (imported->source)
    {
    case TM_SOURCE_SESSION:
      facts.session = imported->record;
      day = tm_session_get_day (facts.session);
      break;
    case TM_SOURCE_QUESTIONNAIRE:
      facts.questionnaire = imported->record;
      day = g_strdup (facts.questionnaire->day);
      break;
    case TM_SOURCE_MEDICINE:
      facts.medicine = imported->record;
      day = g_strdup (facts.medicine->started_on);
      break;
    case TM_SOURCE_CHECKIN:
    default:
      facts.checkin = imported->record;
      day = g_strdup (facts.checkin->day);
      break;
    }
  if (day == NULL)
    day = tm_day_from_date_time (imported->at);

  window = checkins_before (checkins, day);
  facts.sessions = sessions;
  facts.checkins = window;
  facts.plans = plans;
  facts.plan_dates = dates;
  facts.events = events;
  facts.now = imported->at;
  prompts = tm_safety_evaluate (&facts);

  for (guint i = 0; i < prompts->len; i++)
    {
      TmSafetyPrompt *prompt = prompts->pdata[i];
      g_autoptr(TmSafetyEvent) event = NULL;

      if (already_there (events, prompt))
        continue;

      /* Nobody saw it: it says so instead of an answer. */
      event = tm_safety_event_new_for_prompt (prompt, shown_at);
      event->answer = g_strdup (tm_answer_to_string (TM_ANSWER_IMPORTED));
      if (!insert_event (self, event, error))
        return FALSE;
      g_ptr_array_add (events, g_steal_pointer (&event));
      (*n_raised)++;
    }
  return TRUE;
}

/**
 * tm_store_raise_imported_prompts:
 * @records: (element-type TmRecordRef): the check-ins, sessions,
 *   questionnaires and medicines an import added or replaced, already stored
 * @n_raised: (out): how many prompts were raised
 *
 * Runs the safety rules on records that came in by an import, inside the
 * import's transaction, in the order they were made so that each rule
 * sees the history before it. Nothing pops up: each prompt is recorded
 * as raised on import (%TM_ANSWER_IMPORTED), at the time its record
 * counts as saved, unless one of its rule about the same record is
 * already there (from the file, or an earlier import).
 */
gboolean
tm_store_raise_imported_prompts (TmStore  *self,
                                 GArray   *records,
                                 guint    *n_raised,
                                 GError  **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) questionnaires = NULL;
  g_autoptr(GPtrArray) medicines = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Imported));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) checkins_by_id = NULL;
  g_autoptr(GHashTable) sessions_by_id = NULL;
  g_autoptr(GHashTable) questionnaires_by_id = NULL;
  g_autoptr(GHashTable) medicines_by_id = NULL;

  g_return_val_if_fail (TM_IS_STORE (self), FALSE);

  *n_raised = 0;
  if (records->len == 0)
    return TRUE;

  g_array_set_clear_func (pending, (GDestroyNotify) imported_clear);
  if ((sessions = tm_store_list_sessions (self, NULL, NULL, error)) == NULL ||
      (checkins = tm_store_list_checkins (self, NULL, NULL, error)) == NULL ||
      (questionnaires = tm_store_list_questionnaires (self, -1, NULL, NULL, error)) == NULL ||
      (medicines = tm_store_list_medicines (self, error)) == NULL ||
      (plans = tm_store_list_plans (self, error)) == NULL ||
      (dates = tm_store_list_plan_dates (self, error)) == NULL ||
      (events = tm_store_list_safety_events (self, NULL, NULL, error)) == NULL)
    return FALSE;

  checkins_by_id = index_by_id (checkins, TM_SOURCE_CHECKIN);
  sessions_by_id = index_by_id (sessions, TM_SOURCE_SESSION);
  questionnaires_by_id = index_by_id (questionnaires, TM_SOURCE_QUESTIONNAIRE);
  medicines_by_id = index_by_id (medicines, TM_SOURCE_MEDICINE);
  for (guint i = 0; i < records->len; i++)
    {
      const TmRecordRef *ref = &g_array_index (records, TmRecordRef, i);
      GHashTable *by_id = ref->source == TM_SOURCE_SESSION ? sessions_by_id
                        : ref->source == TM_SOURCE_QUESTIONNAIRE ? questionnaires_by_id
                        : ref->source == TM_SOURCE_MEDICINE ? medicines_by_id
                        : checkins_by_id;
      Imported imported = { ref->source, ref->id, g_hash_table_lookup (by_id, &ref->id), NULL };

      if (imported.record == NULL)
        continue;
      imported.at = saved_at (imported.source, imported.record, now);
      g_array_append_val (pending, imported);
    }
  g_array_sort (pending, compare_imported);

  for (guint i = 0; i < pending->len; i++)
    if (!raise_for (self, &g_array_index (pending, Imported, i), sessions, checkins, plans, dates,
                    events, n_raised, error))
      return FALSE;
  return TRUE;
}
