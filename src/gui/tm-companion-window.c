/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session companion: a small window that stays with the person
 * through the dose and the next morning. It shows how long ago the dose
 * was, the checkpoints and where they stand, and the current one's short
 * form. Whatever is typed is kept at once (tm-companion.c); closing the
 * window loses nothing, and the companion goes on in the background
 * (tm-companion-service.c) until it is finished. It never suggests a dose:
 * the dose field starts empty. */
#define G_LOG_DOMAIN "tm-companion-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-accessible.h"
#include "tm-choices.h"
#include "tm-companion-window.h"
#include "tm-error-label.h"
#include "tm-rating-row.h"
#include "tm-schedule.h"
#include "tm-time.h"

#define TICK_SECONDS 15

struct _TmCompanionWindow
{
  AdwWindow           parent_instance;

  GtkLabel           *elapsed_label;
  GtkLabel           *status_label;
  GtkLabel           *no_driving_label;
  AdwPreferencesGroup *checkpoints_group;
  GtkStack           *stack;
  AdwEntryRow        *bp_row;
  TmRatingRow        *mood_row;
  TmErrorLabel       *bp_error;
  GtkTextView        *intention_view;
  GtkWidget          *caution_box;
  GtkLabel           *caution_heading;
  GtkLabel           *caution_label;
  GtkWidget          *pre_dose_box;
  GtkLabel           *pre_dose_heading;
  GtkLabel           *pre_dose_label;
  AdwEntryRow        *dose_row;
  AdwComboRow        *route_row;
  AdwComboRow        *setting_row;
  GtkSwitch          *present_switch;
  TmErrorLabel       *dose_error;
  AdwEntryRow        *bp_40_row;
  TmRatingRow        *dissociation_row;
  AdwComboRow        *sedation_row;
  TmErrorLabel       *reading_error;
  GtkTextView        *reflection_view;
  AdwComboRow        *slept_well_row;
  AdwComboRow        *fully_alert_row;
  AdwComboRow        *lingering_row;
  GtkTextView        *next_day_view;
  TmErrorLabel       *morning_error;
  GtkButton          *finish_button;
  GtkButton          *continue_button;
  GtkButton          *taken_button;
  GtkButton          *reading_button;
  GtkButton          *reflection_button;
  GtkButton          *eased_yes_button;
  GtkButton          *eased_no_button;
  GtkLabel           *waiting_title;
  GtkLabel           *waiting_description;
  AdwActionRow       *checkpoint_rows[TM_N_CHECKPOINTS];
  GtkImage           *checkpoint_icons[TM_N_CHECKPOINTS];

  TmContext          *context;
  TmCompanionService *service;
  TmStore            *store;
  GtkButton          *end_button;
  guint               tick_id;
  guint               close_id;
  gboolean            loading;     /* filling the form: not a change to keep */
  const char         *page;        /* the form shown */
};

G_DEFINE_FINAL_TYPE (TmCompanionWindow, tm_companion_window, ADW_TYPE_WINDOW)

/* ---- helpers ---------------------------------------------------------- */

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static char *
int_text (int value)
{
  return value == TM_UNSET ? g_strdup ("") : g_strdup_printf ("%d", value);
}

static int
draft_int (TmCompanion *companion,
           const char  *key,
           int          fallback)
{
  const char *text = tm_companion_get_draft (companion, key);
  gint64 n;

  if (text[0] == '\0' || !g_ascii_string_to_signed (text, 10, 0, 1440, &n, NULL))
    return fallback;
  return (int) n;
}

static void
show_error (TmCompanionWindow *self,
            TmErrorLabel      *label,
            const GError      *error)
{
  tm_error_label_show (label, error != NULL ? error->message : _("The session companion has ended."));
}

/* When @due comes, said from @now: "at 11:40", "tomorrow at 20:00". */
static char *
describe_due (GDateTime *due,
              GDateTime *now)
{
  g_autoptr(GDateTime) local = tm_time_to_local (due);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *day = tm_day_from_date_time (local);
  g_autofree char *today = tm_day_from_date_time (now);
  int days = tm_day_diff (today, day);

  if (days == 0)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("At %s"), time);
  if (days == 1)
    /* Translators: %s is a time of day */
    return g_strdup_printf (_("Tomorrow at %s"), time);
  {
    /* Translators: a strftime format for a near day: "Tue 2 Dec" */
    g_autofree char *label = tm_day_format (day, _("%a %-d %b"));

    /* Translators: "Tue 2 Dec at 20:00" */
    return g_strdup_printf (C_("day and time", "%s at %s"), label, time);
  }
}

static TmSession *
load_session (TmCompanionWindow *self,
              TmCompanion       *companion)
{
  return companion->session_id != 0 ? tm_store_get_session (self->store, companion->session_id, NULL) : NULL;
}

static gboolean
close_cb (gpointer user_data)
{
  TmCompanionWindow *self = user_data;

  self->close_id = 0;
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* The companion ended: the window goes, once what runs now is done. */
static void
schedule_close (TmCompanionWindow *self)
{
  if (self->close_id == 0)
    self->close_id = g_idle_add (close_cb, self);
}

/* ---- filling the forms ------------------------------------------------ */

/* The plan's instruction and S5's caution, for the blood pressure typed
 * before the dose, when it is above 140/90. */
static void
fill_pre_dose (TmCompanionWindow *self,
               TmCompanion       *companion)
{
  int sys = TM_UNSET, dia = TM_UNSET;
  const char *field = NULL;
  gboolean high = tm_companion_read_before (companion, &sys, &dia, &field, NULL) && sys != TM_UNSET &&
                  tm_safety_before_dose_is_high (sys, dia);
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *today = tm_day_today ();
  const char *instruction;

  gtk_widget_set_visible (self->caution_box, high);
  gtk_widget_set_visible (self->pre_dose_box, FALSE);
  /* Under a caution, taking the dose is not the suggested way on. */
  if (high)
    gtk_widget_remove_css_class (GTK_WIDGET (self->taken_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->taken_button), "suggested-action");
  if (!high)
    return;

  {
    g_autoptr(TmSafetyPrompt) caution = tm_safety_make_before_dose_caution (sys, dia);

    gtk_label_set_label (self->caution_heading, caution->title);
    gtk_label_set_label (self->caution_label, caution->body);
  }

  plans = tm_store_list_plans (self->store, NULL);
  instruction = tm_schedule_get_pre_dose_instruction (plans, today, sys, dia);
  if (instruction == NULL)
    return;
  gtk_label_set_label (self->pre_dose_heading, tm_schedule_get_pre_dose_heading ());
  gtk_label_set_label (self->pre_dose_label, instruction);
  gtk_widget_set_visible (self->pre_dose_box, TRUE);
}

/* Route and setting as last logged, as the session editor does; never a dose. */
static void
fill_dose (TmCompanionWindow *self,
           TmCompanion       *companion)
{
  GListModel *all = tm_store_get_sessions (self->store);
  g_autoptr(TmSession) last = g_list_model_get_n_items (all) > 0 ? g_list_model_get_item (all, 0) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->dose_row), tm_companion_get_draft (companion, TM_DRAFT_DOSE));
  adw_combo_row_set_selected (self->route_row,
                              draft_int (companion, TM_DRAFT_ROUTE, last != NULL ? (int) last->route : 0));
  adw_combo_row_set_selected (self->setting_row,
                              draft_int (companion, TM_DRAFT_SETTING, last != NULL ? (int) last->setting : 0));
  gtk_switch_set_active (self->present_switch, draft_int (companion, TM_DRAFT_PRESENT, 0) == 1);
  fill_pre_dose (self, companion);
}

static void
fill_page (TmCompanionWindow *self,
           const char        *page,
           TmCompanion       *companion,
           TmSession         *session)
{
  self->loading = TRUE;
  if (g_str_equal (page, "before"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->bp_row), tm_companion_get_draft (companion, TM_DRAFT_BP));
      tm_rating_row_set_value (self->mood_row, draft_int (companion, TM_DRAFT_MOOD, TM_UNSET));
      set_view_text (self->intention_view, tm_companion_get_draft (companion, TM_DRAFT_INTENTION));
    }
  else if (g_str_equal (page, "dose"))
    fill_dose (self, companion);
  else if (g_str_equal (page, "40"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->bp_40_row), tm_companion_get_draft (companion, TM_DRAFT_BP_40));
      tm_rating_row_set_value (self->dissociation_row, draft_int (companion, TM_DRAFT_DISSOCIATION, TM_UNSET));
      tm_choices_set_severity (self->sedation_row, draft_int (companion, TM_DRAFT_SEDATION, TM_UNSET));
    }
  else if (g_str_equal (page, "60"))
    set_view_text (self->reflection_view, tm_companion_get_draft (companion, TM_DRAFT_REFLECTION));
  else if (g_str_equal (page, "morning") && session != NULL)
    {
      tm_choices_set_answer (self->slept_well_row, session->slept_well);
      tm_choices_set_answer (self->fully_alert_row, session->fully_alert);
      tm_choices_set_answer (self->lingering_row, session->lingering);
      set_view_text (self->next_day_view, tm_companion_get_draft (companion, TM_DRAFT_NEXT_DAY_NOTE));
    }
  self->loading = FALSE;
}

static const char *
page_for (TmCheckpoint checkpoint)
{
  static const char *const pages[] = { "before", "40", "60", "120", "morning" };

  return pages[checkpoint];
}

/* One row per checkpoint: done, now, or when it comes. */
static void
update_checkpoints (TmCompanionWindow *self,
                    TmCompanion       *companion,
                    GDateTime         *dose,
                    GDateTime         *now,
                    TmCheckpoint       current,
                    gboolean           current_due)
{
  int reminder = tm_companion_service_get_reminder_minutes (self->service);

  for (TmCheckpoint c = TM_CHECKPOINT_BEFORE; c < TM_N_CHECKPOINTS; c++)
    {
      g_autoptr(GDateTime) due = dose != NULL ? tm_checkpoint_get_due (c, dose, reminder) : NULL;
      g_autofree char *subtitle = NULL;
      const char *icon;

      if (tm_companion_is_answered (companion, c))
        {
          icon = "object-select-symbolic";
          if (c == TM_CHECKPOINT_BEFORE && dose != NULL)
            {
              g_autoptr(GDateTime) local = tm_time_to_local (dose);
              g_autofree char *time = g_date_time_format (local, "%H:%M");

              /* Translators: %s is a time of day */
              subtitle = g_strdup_printf (_("Done · dose taken at %s"), time);
            }
          else
            subtitle = g_strdup (_("Done"));
        }
      else if (c == current && current_due)
        {
          icon = "go-next-symbolic";
          subtitle = g_strdup (_("Now"));
        }
      else
        {
          icon = "alarm-symbolic";
          subtitle = due != NULL ? describe_due (due, now) : g_strdup (_("After the dose"));
          if (c < current)
            icon = "go-next-symbolic";
        }
      gtk_image_set_from_icon_name (self->checkpoint_icons[c], icon);
      adw_action_row_set_subtitle (self->checkpoint_rows[c], subtitle);
      if (c == current && current_due)
        gtk_widget_add_css_class (GTK_WIDGET (self->checkpoint_rows[c]), "tm-current");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->checkpoint_rows[c]), "tm-current");
    }
}

/**
 * tm_companion_window_refresh:
 *
 * Shows the companion as the data file keeps it, at tm_time_now().
 */
void
tm_companion_window_refresh (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(TmSession) session = load_session (self, companion);
  g_autoptr(GDateTime) dose = tm_companion_get_dose_time (session);
  g_autoptr(GDateTime) now = tm_time_now ();
  g_autoptr(GDateTime) due = NULL;
  TmCheckpoint current = tm_companion_get_current (companion);
  gboolean current_due;
  const char *page;

  if (!companion->active)
    {
      schedule_close (self);
      return;
    }

  gtk_button_set_label (self->end_button, dose == NULL && companion->session_id == 0
                                          ? _("_Not Taking a Dose Now…") : _("_End Session Companion…"));

  /* Its session deleted (the undo may bring it back): nothing to ask. */
  if (companion->session_id != 0 && session == NULL)
    {
      gtk_label_set_label (self->elapsed_label, _("The Session Was Deleted"));
      gtk_label_set_label (self->status_label, _("Bring it back with Undo in Sessions, or end the companion"));
      gtk_label_set_label (self->waiting_title, _("Nothing to Ask Now"));
      gtk_label_set_label (self->waiting_description,
                           _("The session this companion was for is no longer in your record."));
      gtk_widget_set_visible (GTK_WIDGET (self->no_driving_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->checkpoints_group), FALSE);
      self->page = "waiting";
      gtk_stack_set_visible_child_name (self->stack, "waiting");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->checkpoints_group), TRUE);

  if (current != TM_N_CHECKPOINTS && dose != NULL)
    due = tm_checkpoint_get_due (current, dose, tm_companion_service_get_reminder_minutes (self->service));
  current_due = current == TM_CHECKPOINT_BEFORE || (due != NULL && g_date_time_compare (due, now) <= 0);

  if (dose == NULL)
    {
      gtk_label_set_label (self->elapsed_label, _("Getting Ready"));
      gtk_label_set_label (self->status_label, companion->before_done
                                               ? _("When you have taken your dose, say so here")
                                               : _("A few questions before the dose"));
    }
  else
    {
      g_autofree char *elapsed = tm_companion_describe_elapsed (dose, now);

      gtk_label_set_label (self->elapsed_label, elapsed);
      if (current == TM_N_CHECKPOINTS)
        gtk_label_set_label (self->status_label, _("Every checkpoint is answered"));
      else if (current_due)
        gtk_label_set_label (self->status_label, _("Time for the next checkpoint"));
      else
        {
          g_autofree char *when = describe_due (due, now);
          /* Translators: "Next: After an Hour · At 11:40" */
          g_autofree char *status = g_strdup_printf (_("Next: %s · %s"), tm_checkpoint_get_title (current),
                                                     when);

          gtk_label_set_label (self->status_label, status);
        }
    }
  gtk_label_set_label (self->no_driving_label, dose != NULL ? tm_safety_no_driving_text () : "");
  gtk_widget_set_visible (GTK_WIDGET (self->no_driving_label), dose != NULL);

  update_checkpoints (self, companion, dose, now, current, current_due);

  if (current == TM_CHECKPOINT_BEFORE)
    page = companion->before_done ? "dose" : "before";
  else if (current == TM_N_CHECKPOINTS || !current_due)
    page = "waiting";
  else
    page = page_for (current);

  if (g_str_equal (page, "waiting") && current != TM_N_CHECKPOINTS)
    {
      g_autofree char *title = g_strdup_printf (_("Next: %s"), tm_checkpoint_get_title (current));
      g_autofree char *when = describe_due (due, now);
      /* Translators: %s is "At 11:40" or "Tomorrow at 20:00" */
      g_autofree char *description = g_strdup_printf (_("%s. Tidemark will let you know, even with this "
                                                        "window closed. Rest somewhere comfortable "
                                                        "meanwhile."), when);

      gtk_label_set_label (self->waiting_title, title);
      gtk_label_set_label (self->waiting_description, description);
    }

  if (g_strcmp0 (page, self->page) != 0)
    {
      self->page = page;
      fill_page (self, page, companion, session);
      gtk_stack_set_visible_child_name (self->stack, page);
    }
  if (g_str_equal (page, "morning") && session != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->finish_button), session->fully_alert != TM_UNSET);
}

const char *
tm_companion_window_get_page (TmCompanionWindow *self)
{
  g_return_val_if_fail (TM_IS_COMPANION_WINDOW (self), NULL);
  return self->page;
}

/* ---- keeping what is typed -------------------------------------------- */

static void
keep_drafts (TmCompanionWindow *self,
             TmCompanion       *companion)
{
  g_autofree char *mood = int_text (tm_rating_row_get_value (self->mood_row));
  g_autofree char *intention = view_text (self->intention_view);
  g_autofree char *route = g_strdup_printf ("%u", adw_combo_row_get_selected (self->route_row));
  g_autofree char *setting = g_strdup_printf ("%u", adw_combo_row_get_selected (self->setting_row));
  g_autofree char *dissociation = int_text (tm_rating_row_get_value (self->dissociation_row));
  g_autofree char *sedation = int_text (tm_choices_get_severity (self->sedation_row));
  g_autofree char *reflection = view_text (self->reflection_view);
  g_autofree char *next_day = view_text (self->next_day_view);

  if (g_strcmp0 (self->page, "before") == 0)
    {
      tm_companion_set_draft (companion, TM_DRAFT_BP, gtk_editable_get_text (GTK_EDITABLE (self->bp_row)));
      tm_companion_set_draft (companion, TM_DRAFT_MOOD, mood);
      tm_companion_set_draft (companion, TM_DRAFT_INTENTION, intention);
    }
  else if (g_strcmp0 (self->page, "dose") == 0)
    {
      tm_companion_set_draft (companion, TM_DRAFT_DOSE, gtk_editable_get_text (GTK_EDITABLE (self->dose_row)));
      tm_companion_set_draft (companion, TM_DRAFT_ROUTE, route);
      tm_companion_set_draft (companion, TM_DRAFT_SETTING, setting);
      tm_companion_set_draft (companion, TM_DRAFT_PRESENT, gtk_switch_get_active (self->present_switch) ? "1" : "0");
    }
  else if (g_strcmp0 (self->page, "40") == 0)
    {
      tm_companion_set_draft (companion, TM_DRAFT_BP_40, gtk_editable_get_text (GTK_EDITABLE (self->bp_40_row)));
      tm_companion_set_draft (companion, TM_DRAFT_DISSOCIATION, dissociation);
      tm_companion_set_draft (companion, TM_DRAFT_SEDATION, sedation);
    }
  else if (g_strcmp0 (self->page, "60") == 0)
    tm_companion_set_draft (companion, TM_DRAFT_REFLECTION, reflection);
  else if (g_strcmp0 (self->page, "morning") == 0)
    tm_companion_set_draft (companion, TM_DRAFT_NEXT_DAY_NOTE, next_day);
}

/* Everything typed is in the data file the moment it is typed: a crash
 * or a killed process loses nothing. (A small transaction a key; the
 * companion's forms are short.) */
static void
on_draft_changed_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->store == NULL)
    return;
  if (g_strcmp0 (self->page, "dose") == 0)
    tm_error_label_hide (self->dose_error);
  companion = tm_companion_load (self->store);
  if (!companion->active)
    return;
  keep_drafts (self, companion);
  if (!tm_companion_save (companion, self->store, &error))
    tm_context_show_error (self->context, error->message);
}

/* ---- ending it -------------------------------------------------------- */

static void
on_end_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "end") != 0)
    return;
  companion = tm_companion_load (self->store);
  if (!tm_companion_finish (companion, self->store, &error))
    {
      tm_context_show_error (self->context, error->message);
      return;
    }
  tm_companion_window_refresh (self);
}

/* Not taking the dose (a prescriber's instruction may say so), or no more
 * questions: asked first, as what was typed goes. */
static void
on_end_clicked_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  gboolean before = companion->session_id == 0;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       before ? _("Not Taking a Dose Now?")
                                                              : _("End the Session Companion?"),
                                                       before ? _("What you typed for this session is not kept. "
                                                                  "A safety prompt you saw stays in your record.")
                                                              : _("The session and your answers stay in your "
                                                                  "record. Tidemark won't ask the remaining "
                                                                  "questions or remind you of them.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "end", _("_End Companion"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_end_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the checkpoints' buttons ----------------------------------------- */

static void
on_continue_clicked_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  int sys, dia;

  keep_drafts (self, companion);
  if (!tm_companion_read_before (companion, &sys, &dia, &field, &error))
    {
      show_error (self, self->bp_error, error);
      return;
    }
  tm_error_label_hide (self->bp_error);

  companion->before_done = TRUE;
  /* S5's caution comes before the dose, recorded like every prompt. */
  if (sys != TM_UNSET && tm_safety_before_dose_is_high (sys, dia))
    companion->caution_event_id =
      tm_safety_prompter_raise (tm_context_get_safety_prompter (self->context),
                                tm_safety_make_before_dose_caution (sys, dia));
  if (!tm_companion_save (companion, self->store, &error))
    {
      show_error (self, self->bp_error, error);
      return;
    }
  tm_companion_window_refresh (self);
}

static void
on_taken_clicked_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(GDateTime) now = tm_time_now ();
  g_autoptr(TmSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  keep_drafts (self, companion);
  session = tm_companion_make_session (companion, now, &field, &error);
  if (session == NULL || !tm_companion_take_dose (companion, self->store, session, &error))
    {
      show_error (self, self->dose_error, error);
      return;
    }
  tm_error_label_hide (self->dose_error);
  tm_companion_window_refresh (self);
}

/* Saves @session with @checkpoint answered; says why not under @error_label. */
static void
answer (TmCompanionWindow *self,
        TmCompanion       *companion,
        TmSession         *session,
        TmCheckpoint       checkpoint,
        TmErrorLabel      *error_label)
{
  g_autoptr(GError) error = NULL;

  if (!tm_companion_answer (companion, self->store, session, checkpoint, &error))
    {
      if (error_label != NULL)
        show_error (self, error_label, error);
      else
        tm_context_show_error (self->context, error->message);
      return;
    }
  if (error_label != NULL)
    tm_error_label_hide (error_label);
  tm_companion_service_withdraw (self->service);
  tm_companion_window_refresh (self);
}

static void
on_reading_clicked_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(TmSession) session = load_session (self, companion);
  g_autoptr(GDateTime) dose = tm_companion_get_dose_time (session);
  g_autoptr(GDateTime) now = tm_time_now ();
  g_autoptr(TmSessionReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  int minutes;

  if (session == NULL || dose == NULL)
    return;
  keep_drafts (self, companion);
  /* When it was measured: the checkpoint's time, or later when answered later. */
  minutes = (int) CLAMP (g_date_time_difference (now, dose) / G_TIME_SPAN_MINUTE,
                         tm_checkpoint_get_minutes (TM_CHECKPOINT_40), 1440);
  reading = tm_companion_make_reading (companion, minutes, &field, &error);
  if (reading == NULL)
    {
      show_error (self, self->reading_error, error);
      return;
    }
  if (tm_session_reading_has_bp (reading) || reading->dissociation != TM_UNSET || reading->sedation != TM_UNSET)
    {
      /* A reading already at that minute (from the session editor) is
       * kept: this one goes to the next free minute. */
      while (minutes < TM_MONITOR_MINUTES_MAX && tm_session_find_reading (session, minutes) != NULL)
        minutes++;
      if (tm_session_find_reading (session, minutes) != NULL)
        {
          tm_error_label_show (self->reading_error,
                               _("There is a reading at every minute up to a day after the dose; none was "
                                 "added."));
          return;
        }
      reading->minutes_after = minutes;
      tm_session_add_reading (session, g_steal_pointer (&reading));
    }
  companion->reading_minutes = minutes;
  tm_companion_set_draft (companion, TM_DRAFT_BP_40, NULL);
  tm_companion_set_draft (companion, TM_DRAFT_DISSOCIATION, NULL);
  tm_companion_set_draft (companion, TM_DRAFT_SEDATION, NULL);
  answer (self, companion, session, TM_CHECKPOINT_40, self->reading_error);
}

static void
on_reflection_clicked_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(TmSession) session = load_session (self, companion);
  g_autofree char *text = view_text (self->reflection_view);

  if (session == NULL)
    return;
  if (text[0] != '\0')
    tm_session_set_reflection (session, text);
  tm_companion_set_draft (companion, TM_DRAFT_REFLECTION, NULL);
  answer (self, companion, session, TM_CHECKPOINT_60, NULL);
}

/* "No" goes through the rules like every save: S1's urgent prompt. */
static void
answer_eased (TmCompanionWindow *self,
              int                eased)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(TmSession) session = load_session (self, companion);

  if (session == NULL)
    return;
  session->eased = eased;
  answer (self, companion, session, TM_CHECKPOINT_120, NULL);
}

static void
on_eased_yes_clicked_cb (TmCompanionWindow *self)
{
  answer_eased (self, 1);
}

static void
on_eased_no_clicked_cb (TmCompanionWindow *self)
{
  answer_eased (self, 0);
}

/* Each yes or no is in the session at once. */
static void
on_answer_changed_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = NULL;
  g_autoptr(TmSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->store == NULL)
    return;
  companion = tm_companion_load (self->store);
  session = load_session (self, companion);
  if (session == NULL)
    return;
  session->slept_well = tm_choices_get_answer (self->slept_well_row);
  session->fully_alert = tm_choices_get_answer (self->fully_alert_row);
  session->lingering = tm_choices_get_answer (self->lingering_row);
  if (!tm_companion_save_session (companion, self->store, session, &error))
    show_error (self, self->morning_error, error);
  else
    tm_error_label_hide (self->morning_error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->finish_button), session->fully_alert != TM_UNSET);
}

static void
on_finish_clicked_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
  g_autoptr(TmSession) session = load_session (self, companion);
  g_autofree char *note = view_text (self->next_day_view);
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;
  if (note[0] != '\0')
    tm_session_set_next_day_note (session, note);
  tm_companion_set_draft (companion, TM_DRAFT_NEXT_DAY_NOTE, NULL);
  if (!tm_companion_answer (companion, self->store, session, TM_CHECKPOINT_NEXT_MORNING, &error) ||
      !tm_companion_finish (companion, self->store, &error))
    {
      show_error (self, self->morning_error, error);
      return;
    }
  tm_companion_service_withdraw (self->service);
  tm_context_add_toast (self->context, adw_toast_new (_("Session companion finished. Everything is saved.")));
  schedule_close (self);
}

static void
on_help_clicked_cb (TmCompanionWindow *self)
{
  tm_safety_prompter_show_help_for_rule (tm_context_get_safety_prompter (self->context), GTK_WINDOW (self),
                                         TM_RULE_S1);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  tm_companion_window_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_companion_changed_cb (TmCompanionWindow *self)
{
  g_autoptr(TmCompanion) companion = tm_companion_load (self->store);

  /* Finished elsewhere: nothing more to show. Otherwise the labels follow;
   * the form keeps what is being typed. */
  if (!companion->active)
    schedule_close (self);
  else
    tm_companion_window_refresh (self);
}

/* ---- the window ------------------------------------------------------- */

static void
add_checkpoint_rows (TmCompanionWindow *self)
{
  for (TmCheckpoint c = TM_CHECKPOINT_BEFORE; c < TM_N_CHECKPOINTS; c++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tm_checkpoint_get_title (c));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->checkpoints_group, row);
      self->checkpoint_rows[c] = ADW_ACTION_ROW (row);
      self->checkpoint_icons[c] = GTK_IMAGE (icon);
    }
}

static void
tm_companion_window_dispose (GObject *object)
{
  TmCompanionWindow *self = TM_COMPANION_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->close_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_COMPANION_WINDOW);

  G_OBJECT_CLASS (tm_companion_window_parent_class)->dispose (object);
}

static void
tm_companion_window_class_init (TmCompanionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_companion_window_dispose;

  g_type_ensure (TM_TYPE_RATING_ROW);
  g_type_ensure (TM_TYPE_ERROR_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/tm-companion-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TmCompanionWindow, name)
  BIND (elapsed_label);
  BIND (status_label);
  BIND (no_driving_label);
  BIND (checkpoints_group);
  BIND (stack);
  BIND (bp_row);
  BIND (mood_row);
  BIND (bp_error);
  BIND (intention_view);
  BIND (caution_box);
  BIND (caution_heading);
  BIND (caution_label);
  BIND (pre_dose_box);
  BIND (pre_dose_heading);
  BIND (pre_dose_label);
  BIND (dose_row);
  BIND (route_row);
  BIND (setting_row);
  BIND (present_switch);
  BIND (dose_error);
  BIND (bp_40_row);
  BIND (dissociation_row);
  BIND (sedation_row);
  BIND (reading_error);
  BIND (reflection_view);
  BIND (slept_well_row);
  BIND (fully_alert_row);
  BIND (lingering_row);
  BIND (next_day_view);
  BIND (morning_error);
  BIND (finish_button);
  BIND (continue_button);
  BIND (taken_button);
  BIND (reading_button);
  BIND (reflection_button);
  BIND (eased_yes_button);
  BIND (eased_no_button);
  BIND (waiting_title);
  BIND (waiting_description);
  BIND (end_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_draft_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_taken_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reading_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reflection_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_eased_yes_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_eased_no_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_help_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_end_clicked_cb);
}

static void
tm_companion_window_init (TmCompanionWindow *self)
{
  g_autoptr(GListModel) routes = tm_choices_new_routes ();
  g_autoptr(GListModel) settings = tm_choices_new_settings ();

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->route_row, routes);
  adw_combo_row_set_model (self->setting_row, settings);
  tm_choices_set_severity (self->sedation_row, TM_UNSET);
  tm_choices_set_answer (self->slept_well_row, TM_UNSET);
  tm_choices_set_answer (self->fully_alert_row, TM_UNSET);
  tm_choices_set_answer (self->lingering_row, TM_UNSET);
  add_checkpoint_rows (self);
  tm_accessible_name_rows (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->intention_view), "changed",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->reflection_view), "changed",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->next_day_view), "changed",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);
  self->loading = FALSE;
}

/**
 * tm_companion_window_new:
 *
 * The companion for the active one the data file keeps (start it first).
 */
TmCompanionWindow *
tm_companion_window_new (GtkApplication     *application,
                         TmContext          *context,
                         TmCompanionService *service)
{
  TmCompanionWindow *self;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (TM_IS_COMPANION_SERVICE (service), NULL);

  self = g_object_new (TM_TYPE_COMPANION_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);
  self->service = g_object_ref (service);
  self->store = g_object_ref (tm_context_get_store (context));
  g_signal_connect_object (self->store, "meta-changed::" TM_COMPANION_META_KEY,
                           G_CALLBACK (on_companion_changed_cb), self, G_CONNECT_SWAPPED);
  tm_companion_service_set_window (service, GTK_WINDOW (self));
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, on_tick_cb, self);
  tm_companion_window_refresh (self);
  return self;
}
