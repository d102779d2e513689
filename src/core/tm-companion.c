/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session companion, without a display: when each checkpoint is due,
 * which one comes next, and the companion's state, kept in the data file
 * (one meta value) the moment anything is typed, so that a crash or a
 * closed window loses nothing and the companion resumes where it was.
 *
 * Before the dose there is no session: what is typed lives in the state.
 * Taking the dose makes the session, with the reading before it, in one
 * transaction with the state; every answer after that goes into the
 * session at once. Nothing here suggests a dose: the dose is typed by the
 * person, and no text asks for another. */
#define G_LOG_DOMAIN "tm-companion"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-companion.h"
#include "tm-table.h"
#include "tm-sqlite.h"
#include "tm-store-error.h"
#include "tm-store-private.h"
#include "tm-time.h"

#define GROUP_STATE "companion"
#define GROUP_DRAFT "draft"

static const int checkpoint_minutes[TM_N_CHECKPOINTS] = { 0, 40, 60, 120, TM_UNSET };

TmCompanion *
tm_companion_new (void)
{
  TmCompanion *self = g_new0 (TmCompanion, 1);

  self->reading_minutes = TM_UNSET;
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
tm_companion_free (TmCompanion *self)
{
  if (self == NULL)
    return;
  g_free (self->started_at);
  g_hash_table_unref (self->drafts);
  g_free (self);
}

/* ---- kept in the data file ------------------------------------------- */

char *
tm_companion_to_text (const TmCompanion *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_key_file_set_boolean (file, GROUP_STATE, "active", self->active);
  if (self->started_at != NULL)
    g_key_file_set_string (file, GROUP_STATE, "started-at", self->started_at);
  g_key_file_set_int64 (file, GROUP_STATE, "session-id", self->session_id);
  g_key_file_set_boolean (file, GROUP_STATE, "before-done", self->before_done);
  g_key_file_set_integer (file, GROUP_STATE, "answered", (int) self->answered);
  g_key_file_set_integer (file, GROUP_STATE, "notified", (int) self->notified);
  g_key_file_set_int64 (file, GROUP_STATE, "caution-event", self->caution_event_id);
  g_key_file_set_integer (file, GROUP_STATE, "reading-minutes", self->reading_minutes);

  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_key_file_set_string (file, GROUP_DRAFT, key, value);

  return g_key_file_to_data (file, NULL, NULL);
}

/* A state that can't be read is no state: the companion starts afresh
 * rather than resuming from something it does not understand. */
TmCompanion *
tm_companion_from_text (const char *text)
{
  g_autoptr(TmCompanion) self = tm_companion_new ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  if (text == NULL || !g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, &error))
    return g_steal_pointer (&self);

  self->active = g_key_file_get_boolean (file, GROUP_STATE, "active", NULL);
  self->started_at = g_key_file_get_string (file, GROUP_STATE, "started-at", NULL);
  self->session_id = g_key_file_get_int64 (file, GROUP_STATE, "session-id", NULL);
  self->before_done = g_key_file_get_boolean (file, GROUP_STATE, "before-done", NULL);
  self->answered = (guint) g_key_file_get_integer (file, GROUP_STATE, "answered", NULL);
  self->notified = (guint) g_key_file_get_integer (file, GROUP_STATE, "notified", NULL);
  self->caution_event_id = g_key_file_get_int64 (file, GROUP_STATE, "caution-event", NULL);
  if (g_key_file_has_key (file, GROUP_STATE, "reading-minutes", NULL))
    self->reading_minutes = g_key_file_get_integer (file, GROUP_STATE, "reading-minutes", NULL);

  keys = g_key_file_get_keys (file, GROUP_DRAFT, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (file, GROUP_DRAFT, keys[i], NULL);

      if (value != NULL)
        g_hash_table_insert (self->drafts, g_strdup (keys[i]), g_steal_pointer (&value));
    }

  return g_steal_pointer (&self);
}

/**
 * tm_companion_load:
 *
 * Returns: (transfer full): the companion as the data file keeps it; an
 *   inactive one when there is none
 */
TmCompanion *
tm_companion_load (TmStore *store)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TM_IS_STORE (store), NULL);

  text = tm_store_get_meta (store, TM_COMPANION_META_KEY);
  return tm_companion_from_text (text);
}

/* An inactive companion leaves nothing behind. */
gboolean
tm_companion_save (const TmCompanion  *self,
                   TmStore            *store,
                   GError            **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  if (self->active)
    text = tm_companion_to_text (self);
  return tm_store_set_meta (store, TM_COMPANION_META_KEY, text, error);
}

/* ---- the state ------------------------------------------------------- */

void
tm_companion_start (TmCompanion *self,
                    GDateTime   *now)
{
  g_return_if_fail (self != NULL);

  self->active = TRUE;
  g_free (self->started_at);
  self->started_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  self->session_id = 0;
  self->before_done = FALSE;
  self->answered = 0;
  self->notified = 0;
  self->caution_event_id = 0;
  self->reading_minutes = TM_UNSET;
  g_hash_table_remove_all (self->drafts);
}

const char *
tm_companion_get_draft (const TmCompanion *self,
                        const char        *key)
{
  const char *text = g_hash_table_lookup (self->drafts, key);

  return text != NULL ? text : "";
}

void
tm_companion_set_draft (TmCompanion *self,
                        const char  *key,
                        const char  *text)
{
  if (text == NULL || text[0] == '\0')
    g_hash_table_remove (self->drafts, key);
  else
    g_hash_table_insert (self->drafts, g_strdup (key), g_strdup (text));
}

gboolean
tm_companion_is_answered (const TmCompanion *self,
                          TmCheckpoint       checkpoint)
{
  return (self->answered & (1u << checkpoint)) != 0;
}

/**
 * tm_companion_get_current:
 *
 * Returns: the first checkpoint not answered yet (an earlier one left
 *   open comes before a later one), or %TM_N_CHECKPOINTS when all are
 */
TmCheckpoint
tm_companion_get_current (const TmCompanion *self)
{
  for (TmCheckpoint c = TM_CHECKPOINT_BEFORE; c < TM_N_CHECKPOINTS; c++)
    if (!tm_companion_is_answered (self, c))
      return c;
  return TM_N_CHECKPOINTS;
}

/* ---- when ------------------------------------------------------------ */

int
tm_checkpoint_get_minutes (TmCheckpoint checkpoint)
{
  g_return_val_if_fail (checkpoint < TM_N_CHECKPOINTS, TM_UNSET);
  return checkpoint_minutes[checkpoint];
}

/**
 * tm_checkpoint_get_due:
 * @dose: when the dose was taken, in any zone
 * @reminder_minutes: the daily reminder's time, minutes after midnight
 *
 * Returns: (transfer full) (nullable): when @checkpoint comes: minutes
 *   after the dose, or (the next morning) the day after the dose's local
 *   day at the reminder's time, in this machine's zone, whatever the clock
 *   did overnight; %NULL for the one before the dose
 */
GDateTime *
tm_checkpoint_get_due (TmCheckpoint  checkpoint,
                       GDateTime    *dose,
                       int           reminder_minutes)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (dose != NULL, NULL);
  g_return_val_if_fail (checkpoint < TM_N_CHECKPOINTS, NULL);

  if (checkpoint == TM_CHECKPOINT_BEFORE)
    return NULL;
  if (checkpoint != TM_CHECKPOINT_NEXT_MORNING)
    return g_date_time_add_minutes (dose, checkpoint_minutes[checkpoint]);

  /* At the daily reminder's time when that is in the morning; else (an
   * evening reminder) at the morning's own hour. */
  reminder_minutes = CLAMP (reminder_minutes, 0, 24 * 60 - 1);
  if (reminder_minutes >= TM_COMPANION_MORNING_UNTIL * 60)
    reminder_minutes = TM_COMPANION_MORNING_HOUR * 60;
  local = tm_time_to_local (dose);
  zone = tm_time_zone_local ();
  /* The first such morning a night's sleep after the dose: the same day's
   * for a dose after midnight, else the calendar's next day (not 24 hours
   * later: a night may be 23 or 25 hours long). */
  for (int days = 0; days <= 1; days++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (local, days);
      GDateTime *morning = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                                            g_date_time_get_day_of_month (day), reminder_minutes / 60,
                                            reminder_minutes % 60, 0);

      if (g_date_time_difference (morning, dose) >= TM_COMPANION_NIGHT_HOURS * G_TIME_SPAN_HOUR || days == 1)
        return morning;
      g_date_time_unref (morning);
    }
  g_return_val_if_reached (NULL);
}

/**
 * tm_companion_is_expired:
 * @dose: (nullable): when the dose was taken, or %NULL before it
 *
 * Whether a companion left running has run its course: a day after its
 * next morning, or a day after it was started without a dose. It then
 * ends by itself, its questions unanswered (and the no-driving reminder
 * back to its own rule).
 */
gboolean
tm_companion_is_expired (const TmCompanion *self,
                         GDateTime         *dose,
                         int                reminder_minutes,
                         GDateTime         *now)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (!self->active)
    return FALSE;
  if (dose != NULL)
    from = tm_checkpoint_get_due (TM_CHECKPOINT_NEXT_MORNING, dose, reminder_minutes);
  else if (self->started_at != NULL)
    from = tm_instant_parse (self->started_at);
  if (from == NULL)
    return FALSE;
  until = g_date_time_add_days (from, 1);
  return g_date_time_compare (now, until) >= 0;
}

const char *
tm_checkpoint_get_title (TmCheckpoint checkpoint)
{
  switch (checkpoint)
    {
    case TM_CHECKPOINT_BEFORE:
      return _("Before the Dose");
    case TM_CHECKPOINT_40:
      return _("After 40 Minutes");
    case TM_CHECKPOINT_60:
      return _("After an Hour");
    case TM_CHECKPOINT_120:
      return _("After 2 Hours");
    case TM_CHECKPOINT_NEXT_MORNING:
      return _("The Next Morning");
    case TM_N_CHECKPOINTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What the notification says when @checkpoint comes. */
const char *
tm_checkpoint_get_notification (TmCheckpoint checkpoint)
{
  switch (checkpoint)
    {
    case TM_CHECKPOINT_40:
      return _("40 minutes since your dose: a blood pressure reading and how you feel.");
    case TM_CHECKPOINT_60:
      return _("An hour since your dose: a moment to note what you notice.");
    case TM_CHECKPOINT_120:
      return _("2 hours since your dose: have the effects eased?");
    case TM_CHECKPOINT_NEXT_MORNING:
      return _("Good morning. How did you sleep, and do you feel fully alert?");
    case TM_CHECKPOINT_BEFORE:
    case TM_N_CHECKPOINTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * tm_companion_get_dose_time:
 *
 * Returns: (transfer full) (nullable): when @session's dose was taken
 */
GDateTime *
tm_companion_get_dose_time (TmSession *session)
{
  return session != NULL ? tm_instant_parse (session->taken_at) : NULL;
}

/**
 * tm_companion_next_to_notify:
 * @due: (out) (optional) (transfer full): when it comes
 *
 * Returns: the next checkpoint after the dose that is neither answered
 *   nor notified yet, or %TM_N_CHECKPOINTS
 */
TmCheckpoint
tm_companion_next_to_notify (const TmCompanion  *self,
                             GDateTime          *dose,
                             int                 reminder_minutes,
                             GDateTime         **due)
{
  for (TmCheckpoint c = TM_CHECKPOINT_40; c < TM_N_CHECKPOINTS; c++)
    if (!tm_companion_is_answered (self, c) && (self->notified & (1u << c)) == 0)
      {
        if (due != NULL)
          *due = tm_checkpoint_get_due (c, dose, reminder_minutes);
        return c;
      }
  if (due != NULL)
    *due = NULL;
  return TM_N_CHECKPOINTS;
}

/* "Dose taken 42 minutes ago", as the companion says it. */
char *
tm_companion_describe_elapsed (GDateTime *dose,
                               GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, dose);
  int minutes = (int) MAX (span / G_TIME_SPAN_MINUTE, 0);
  int hours = minutes / 60;

  if (minutes < 1)
    return g_strdup (_("Dose taken just now"));
  if (hours == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dose taken %d minute ago",
                                         "Dose taken %d minutes ago", minutes), minutes);
  if (hours >= 24)
    {
      int days = hours / 24;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dose taken %d day ago",
                                           "Dose taken %d days ago", days), days);
    }
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dose taken %d hour ago",
                                         "Dose taken %d hours ago", hours), hours);
  {
    /* Translators: "1 hour", "2 hours": the hours of "Dose taken %s %s ago" */
    g_autofree char *h = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours),
                                          hours);
    /* Translators: "1 minute", "5 minutes": the minutes of "Dose taken %s %s ago" */
    g_autofree char *m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                                       minutes % 60), minutes % 60);

    /* Translators: "Dose taken 2 hours 5 minutes ago" */
    return g_strdup_printf (_("Dose taken %s %s ago"), h, m);
  }
}

/* ---- reading what was typed ------------------------------------------ */

static gboolean
parse_scale (const char  *text,
             int          max,
             const char  *name,
             int         *value,
             GError     **error)
{
  guint64 n;

  if (text == NULL || text[0] == '\0')
    {
      *value = TM_UNSET;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, (guint64) max, &n, NULL))
    {
      /* Translators: "Mood must be between 0 and 10" */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, _("%s must be between 0 and %d"), name,
                   max);
      return FALSE;
    }
  *value = (int) n;
  return TRUE;
}

/* A blood pressure as typed, in range. */
static gboolean
read_bp (const char  *text,
         int         *systolic,
         int         *diastolic,
         GError     **error)
{
  /* Empty is none: not everyone has a cuff. */
  return tm_parse_blood_pressure (text, systolic, diastolic, error) &&
         tm_session_reading_check_bp (*systolic, *diastolic, error);
}

/**
 * tm_companion_read_before:
 * @field: (out): the draft key of the value that can't be read
 *
 * Reads the blood pressure before the dose as typed (TM_UNSET when none).
 */
gboolean
tm_companion_read_before (const TmCompanion  *self,
                          int                *systolic,
                          int                *diastolic,
                          const char        **field,
                          GError            **error)
{
  int mood;

  if (!read_bp (tm_companion_get_draft (self, TM_DRAFT_BP), systolic, diastolic, error))
    {
      *field = TM_DRAFT_BP;
      return FALSE;
    }
  if (!parse_scale (tm_companion_get_draft (self, TM_DRAFT_MOOD), 10, _("Mood"), &mood, error))
    {
      *field = TM_DRAFT_MOOD;
      return FALSE;
    }
  /* Checked here, where it can still be changed: after "Continue" the
   * dose must always be loggable. */
  {
    g_autoptr(TmSession) probe = tm_session_new ();

    tm_session_set_intention (probe, tm_companion_get_draft (self, TM_DRAFT_INTENTION));
    if (!tm_column_validate (tm_table_find_column (TM_TABLE_SESSIONS, "intention"), probe, error))
      {
        *field = TM_DRAFT_INTENTION;
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
read_present (const TmCompanion *self)
{
  return g_strcmp0 (tm_companion_get_draft (self, TM_DRAFT_PRESENT), "1") == 0;
}

/**
 * tm_companion_make_session:
 * @now: the moment the dose was taken
 * @field: (out): the draft key of the value that can't be read
 *
 * Returns: (transfer full) (nullable): the session the drafts before the
 *   dose describe, taken at @now, with its reading before the dose
 */
TmSession *
tm_companion_make_session (const TmCompanion  *self,
                           GDateTime          *now,
                           const char        **field,
                           GError            **error)
{
  g_autoptr(TmSession) session = tm_session_new ();
  g_autofree char *taken_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:00%:z");
  const char *dose = tm_companion_get_draft (self, TM_DRAFT_DOSE);
  int sys, dia, mood;
  guint64 n;

  if (!tm_companion_read_before (self, &sys, &dia, field, error))
    return NULL;
  parse_scale (tm_companion_get_draft (self, TM_DRAFT_MOOD), 10, "", &mood, NULL);

  if (dose[0] == '\0')
    {
      *field = TM_DRAFT_DOSE;
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("Type the dose you took, in milligrams, as on your prescription"));
      return NULL;
    }
  if (!tm_parse_dose (dose, &session->dose_mg, error))
    {
      *field = TM_DRAFT_DOSE;
      return NULL;
    }

  tm_session_set_taken_at (session, taken_at);
  if (g_ascii_string_to_unsigned (tm_companion_get_draft (self, TM_DRAFT_ROUTE), 10, 0,
                                  TM_N_ROUTES - 1, &n, NULL))
    session->route = (TmRoute) n;
  if (g_ascii_string_to_unsigned (tm_companion_get_draft (self, TM_DRAFT_SETTING), 10, 0,
                                  TM_N_SETTINGS - 1, &n, NULL))
    session->setting = (TmSetting) n;
  session->monitor_present = read_present (self);
  session->mood_before = mood;
  tm_session_set_intention (session, tm_companion_get_draft (self, TM_DRAFT_INTENTION));

  if (sys != TM_UNSET)
    {
      TmSessionReading *before = tm_session_reading_new ();

      before->minutes_after = 0;
      before->bp_sys = sys;
      before->bp_dia = dia;
      tm_session_add_reading (session, before);
    }

  if (!tm_session_validate (session, field, error))
    return NULL;
  return g_steal_pointer (&session);
}

/**
 * tm_companion_make_reading:
 * @field: (out): the draft key of the value that can't be read
 *
 * Returns: (transfer full) (nullable): the +40 reading as typed, at
 *   @minutes_after; one with nothing in it when nothing was typed
 */
TmSessionReading *
tm_companion_make_reading (const TmCompanion  *self,
                           int                 minutes_after,
                           const char        **field,
                           GError            **error)
{
  g_autoptr(TmSessionReading) reading = tm_session_reading_new ();

  reading->minutes_after = minutes_after;
  if (!read_bp (tm_companion_get_draft (self, TM_DRAFT_BP_40), &reading->bp_sys, &reading->bp_dia, error))
    {
      *field = TM_DRAFT_BP_40;
      return NULL;
    }
  if (!parse_scale (tm_companion_get_draft (self, TM_DRAFT_DISSOCIATION), 10, _("Dissociation"),
                    &reading->dissociation, error))
    {
      *field = TM_DRAFT_DISSOCIATION;
      return NULL;
    }
  if (!parse_scale (tm_companion_get_draft (self, TM_DRAFT_SEDATION), TM_N_SEVERITIES - 1,
                    _("Sedation"), &reading->sedation, error))
    {
      *field = TM_DRAFT_SEDATION;
      return NULL;
    }
  if (!tm_session_reading_validate (reading, field, error))
    return NULL;
  return g_steal_pointer (&reading);
}

/* ---- saving ---------------------------------------------------------- */

/* The pre-dose caution was shown before there was a session: it belongs
 * to the session now, so S5 does not raise it again for it. */
static gboolean
attach_caution (TmStore  *store,
                gint64    event_id,
                gint64    session_id,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("the session was not saved");

  if (!tm_store_prepare (store, "UPDATE safety_event SET source_id = ?1 WHERE id = ?2", &stmt, what, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, event_id);
  return tm_store_step_done (store, stmt, what, error);
}

/* @session and the companion's state, in one transaction: a kill leaves
 * both or neither. The safety rules run once it is committed. */
static gboolean
save_with_state (TmCompanion  *self,
                 TmStore      *store,
                 TmSession    *session,
                 gboolean      attach,
                 GError      **error)
{
  gint64 old_id = session->id;

  if (!tm_store_begin (store, error))
    return FALSE;
  if (!tm_store_save_session (store, session, error) ||
      (attach && self->caution_event_id != 0 &&
       !attach_caution (store, self->caution_event_id, session->id, error)))
    goto fail;
  self->session_id = session->id;
  if (!tm_companion_save (self, store, error) || !tm_store_commit (store, error))
    goto fail;

  tm_store_emit_record_saved (store, TM_SOURCE_SESSION, session);
  return TRUE;

fail:
  tm_store_rollback (store);
  session->id = old_id;
  /* The list of sessions may show what was rolled back. */
  tm_store_reload (store);
  return FALSE;
}

/**
 * tm_companion_take_dose:
 * @session: from tm_companion_make_session()
 *
 * Saves @session and moves the companion past the dose. On failure the
 * companion is as it was.
 */
gboolean
tm_companion_take_dose (TmCompanion  *self,
                        TmStore      *store,
                        TmSession    *session,
                        GError      **error)
{
  g_autoptr(TmCompanion) before = NULL;
  g_autofree char *text = tm_companion_to_text (self);
  static const char *const done[] = { TM_DRAFT_BP, TM_DRAFT_MOOD, TM_DRAFT_INTENTION, TM_DRAFT_DOSE,
                                      TM_DRAFT_ROUTE, TM_DRAFT_SETTING, TM_DRAFT_PRESENT };

  g_return_val_if_fail (self != NULL && self->active, FALSE);

  self->answered |= 1u << TM_CHECKPOINT_BEFORE;
  self->before_done = TRUE;
  /* In the session now. */
  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    g_hash_table_remove (self->drafts, done[i]);

  if (save_with_state (self, store, session, TRUE, error))
    return TRUE;

  before = tm_companion_from_text (text);
  self->answered = before->answered;
  self->session_id = before->session_id;
  g_hash_table_remove_all (self->drafts);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, before->drafts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      tm_companion_set_draft (self, key, value);
  }
  return FALSE;
}

/**
 * tm_companion_save_session:
 *
 * Saves an answer just written into @session (a yes or no), with the
 * companion's state.
 */
gboolean
tm_companion_save_session (TmCompanion  *self,
                           TmStore      *store,
                           TmSession    *session,
                           GError      **error)
{
  g_return_val_if_fail (self != NULL && self->session_id == session->id, FALSE);

  return save_with_state (self, store, session, FALSE, error);
}

/**
 * tm_companion_answer:
 * @session: the companion's session, with @checkpoint's answers in it
 *
 * Saves @session and marks @checkpoint answered, together. On failure
 * @checkpoint stays open, its drafts kept.
 */
gboolean
tm_companion_answer (TmCompanion   *self,
                     TmStore       *store,
                     TmSession     *session,
                     TmCheckpoint   checkpoint,
                     GError       **error)
{
  guint answered = self->answered;

  g_return_val_if_fail (self != NULL && self->session_id == session->id, FALSE);

  self->answered |= 1u << checkpoint;
  if (save_with_state (self, store, session, FALSE, error))
    return TRUE;
  self->answered = answered;
  return FALSE;
}

/* The companion is done: nothing of it stays in the data file. */
gboolean
tm_companion_finish (TmCompanion  *self,
                     TmStore      *store,
                     GError      **error)
{
  g_autoptr(TmCompanion) none = tm_companion_new ();

  if (!tm_companion_save (none, store, error))
    return FALSE;
  self->active = FALSE;
  return TRUE;
}

/**
 * tm_companion_no_driving_holds:
 * @sessions: (element-type TmSession): the sessions logged
 * @companion: (nullable): the companion, as kept
 *
 * Whether Today says it is not a day for driving: after any session until
 * noon the next day; and, for the latest session, until the next morning's
 * "do you feel fully alert?" is answered yes — not before, even past noon,
 * while its companion still waits for that answer or it was no (until the
 * companion ends, a day after the morning). A yes ends it at once.
 */
gboolean
tm_companion_no_driving_holds (GPtrArray         *sessions,
                               const TmCompanion *companion,
                               GDateTime         *now)
{
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) latest_allowed = tm_instant_latest_allowed (now);
  TmSession *latest = NULL;
  g_autoptr(GDateTime) latest_taken = NULL;

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      TmSession *s = sessions->pdata[i];
      g_autoptr(GDateTime) taken = tm_instant_parse (s->taken_at);

      /* A session a little ahead of this clock (set back, another time
       * zone) is still the latest. */
      if (taken == NULL || g_date_time_compare (taken, latest_allowed) > 0)
        continue;
      if (latest_taken == NULL || g_date_time_compare (taken, latest_taken) > 0)
        {
          latest = s;
          g_clear_pointer (&latest_taken, g_date_time_unref);
          latest_taken = g_steal_pointer (&taken);
        }
    }
  if (latest == NULL)
    return FALSE;

  if (latest->fully_alert == 1)
    return FALSE;
  /* Not yet fully alert, or not yet asked, while its companion runs (it
   * ends by itself a day after the morning; then the usual rule). */
  if (companion != NULL && companion->active && companion->session_id == latest->id &&
      (latest->fully_alert == 0 || !tm_companion_is_answered (companion, TM_CHECKPOINT_NEXT_MORNING)))
    return TRUE;

  until = tm_safety_reminder_until (sessions, now);
  return until != NULL;
}
