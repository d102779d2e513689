/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Logging or editing one dosing session. Everything is checked in core; a
 * refused value is explained under its group and nothing typed is lost.
 * Closing with changes asks first. */
#define G_LOG_DOMAIN "tm-session-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-checkin-form.h"
#include "tm-choices.h"
#include "tm-effects-row.h"
#include "tm-error-label.h"
#include "tm-rating-row.h"
#include "tm-reading-chart-view.h"
#include "tm-reading-row.h"
#include "tm-red-flags-row.h"
#include "tm-safety.h"
#include "tm-schedule.h"
#include "tm-accessible.h"
#include "tm-session-dialog.h"

struct _TmSessionDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkButton           *cancel_button;
  GtkMenuButton       *date_button;
  GtkCalendar         *calendar;
  AdwEntryRow         *time_row;
  AdwEntryRow         *dose_row;
  AdwComboRow         *route_row;
  AdwComboRow         *setting_row;
  GtkSwitch           *monitor_switch;
  AdwEntryRow         *monitored_row;
  AdwEntryRow         *ready_row;
  GtkSwitch           *discuss_switch;
  TmErrorLabel        *dose_error;
  TmRatingRow         *mood_before_row;
  TmRatingRow         *peak_row;
  TmEffectsRow        *effects_row;
  AdwEntryRow         *minutes_row;      /* built with the checklist */
  AdwComboRow         *nausea_row;
  AdwComboRow         *sedation_row;
  TmErrorLabel        *how_error;
  TmRedFlagsRow       *red_flags_row;
  AdwComboRow         *eased_row;
  AdwComboRow         *slept_well_row;
  AdwComboRow         *fully_alert_row;
  AdwComboRow         *lingering_row;
  AdwPreferencesGroup *readings_group;
  GtkButton           *add_reading_button;
  GPtrArray           *reading_rows;  /* TmReadingRow, as added */
  TmErrorLabel        *readings_error;
  TmReadingChartView  *reading_chart;
  AdwPreferencesGroup *regular_medicines_group;
  GPtrArray           *regular_medicine_rows;  /* shown in it */
  AdwPreferencesGroup *medicines_group;
  GtkCheckButton      *medicine_checks[TM_N_MEDICINES];
  GtkTextView         *note_view;
  GtkLabel            *note_hidden_label;
  TmErrorLabel        *note_error;
  GtkWidget           *integration_box;
  GtkWidget           *integration_hidden_label;
  GtkButton           *delete_button;
  GtkTextView         *intention_view;
  GtkTextView         *reflection_view;
  GtkTextView         *next_day_view;
  TmErrorLabel        *integration_error;
  GtkWidget           *pre_dose_box;
  GtkLabel            *pre_dose_label;
  GtkLabel            *pre_dose_heading;
  TmErrorLabel        *general_error;

  TmContext           *context;
  TmStore             *store; /* the context's */
  TmSession           *saved;        /* the stored session, or NULL for a new one */
  char                *loaded_taken_at;  /* the moment shown when the form opened */
  char                 day[TM_DAY_LEN + 1];
  char                *baseline;     /* the form as loaded */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (TmSessionDialog, tm_session_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
entry_text (AdwEntryRow *row)
{
  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : "";
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
get_note_text (TmSessionDialog *self)
{
  return view_text (self->note_view);
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* How long the session was monitored is asked as the setting has it: at
 * the clinic, by its staff; at home, by whoever stayed. When the person
 * would have been ready to leave is asked at the clinic only: at home it
 * could read as fit to drive. */
static void
show_setting (TmSessionDialog *self)
{
  gboolean clinic = adw_combo_row_get_selected (self->setting_row) == TM_SETTING_CLINIC;
  gboolean someone = gtk_switch_get_active (self->monitor_switch);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->monitored_row),
                                 clinic ? _("Monitored For (Minutes)") : _("Someone Stayed For (Minutes)"));
  /* A row that holds a value stays in sight, so that what core refuses
   * there can be cleared rather than lost unseen. */
  gtk_widget_set_visible (GTK_WIDGET (self->monitored_row),
                          clinic || someone || entry_text (self->monitored_row)[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->ready_row), clinic || entry_text (self->ready_row)[0] != '\0');
}

static guint
get_medicines (TmSessionDialog *self)
{
  guint medicines = 0;

  for (guint i = 0; i < TM_N_MEDICINES; i++)
    if (gtk_check_button_get_active (self->medicine_checks[i]))
      medicines |= 1u << i;

  return medicines;
}

/* Everything the form shows, as text: unchanged means the same text. */
static char *
snapshot (TmSessionDialog *self)
{
  g_autofree char *note = get_note_text (self);
  g_autofree char *intention = view_text (self->intention_view);
  g_autofree char *reflection = view_text (self->reflection_view);
  g_autofree char *next_day = view_text (self->next_day_view);
  int minutes_shown = self->minutes_row != NULL;
  g_autoptr(GString) readings = g_string_new (NULL);

  for (guint i = 0; i < self->reading_rows->len; i++)
    {
      g_autofree char *row = tm_reading_row_snapshot (self->reading_rows->pdata[i]);

      g_string_append_printf (readings, "%s\x1e", row);
    }

  return g_strdup_printf ("%s|%s|%s|%u|%u|%d|%d|%d|%u|%d:%s|%u|%u|%u|%s|%u|%d|%s|%s|%s|%s\x1f%s\x1f%s|%u%u%u%u",
                          self->day, entry_text (self->time_row), entry_text (self->dose_row),
                          adw_combo_row_get_selected (self->route_row),
                          adw_combo_row_get_selected (self->setting_row),
                          gtk_switch_get_active (self->monitor_switch),
                          tm_rating_row_get_value (self->mood_before_row),
                          tm_rating_row_get_value (self->peak_row),
                          tm_effects_row_get_effects (self->effects_row),
                          minutes_shown, entry_text (self->minutes_row),
                          adw_combo_row_get_selected (self->nausea_row),
                          adw_combo_row_get_selected (self->sedation_row),
                          tm_red_flags_row_get_red_flags (self->red_flags_row),
                          readings->str, get_medicines (self), gtk_switch_get_active (self->discuss_switch), note,
                          entry_text (self->monitored_row), entry_text (self->ready_row),
                          intention, reflection, next_day, adw_combo_row_get_selected (self->eased_row),
                          adw_combo_row_get_selected (self->slept_well_row),
                          adw_combo_row_get_selected (self->fully_alert_row),
                          adw_combo_row_get_selected (self->lingering_row));
}

gboolean
tm_session_dialog_get_dirty (TmSessionDialog *self)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (TM_IS_SESSION_DIALOG (self), FALSE);

  now = snapshot (self);
  return g_strcmp0 (now, self->baseline) != 0;
}

static void
clear_errors (TmSessionDialog *self)
{
  AdwEntryRow *rows[] = { self->time_row, self->dose_row, self->minutes_row, self->monitored_row, self->ready_row };

  tm_error_label_hide (self->dose_error);
  tm_error_label_hide (self->how_error);
  tm_error_label_hide (self->readings_error);
  for (guint i = 0; i < self->reading_rows->len; i++)
    tm_reading_row_clear_marks (self->reading_rows->pdata[i]);
  tm_error_label_hide (self->note_error);
  tm_error_label_hide (self->integration_error);
  tm_error_label_hide (self->general_error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
}

static void
mark (GtkWidget *row)
{
  gtk_widget_add_css_class (row, "error");
  if (ADW_IS_ENTRY_ROW (row))
    gtk_widget_grab_focus (row);
  else
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

/* Says what is wrong under the group of @field, marks it and moves the
 * keyboard there. */
static void
show_field_error (TmSessionDialog *self,
                  const char      *field,
                  const char      *message)
{
  const struct { const char *field; TmErrorLabel *label; GtkWidget *row; } places[] = {
    { "taken_at", self->dose_error, GTK_WIDGET (self->time_row) },
    { "time", self->dose_error, GTK_WIDGET (self->time_row) },
    { "dose_mg", self->dose_error, GTK_WIDGET (self->dose_row) },
    { "route", self->dose_error, GTK_WIDGET (self->route_row) },
    { "setting", self->dose_error, GTK_WIDGET (self->setting_row) },
    { "mood_before", self->how_error, GTK_WIDGET (self->mood_before_row) },
    { "dissociation_peak", self->how_error, GTK_WIDGET (self->peak_row) },
    { "effects", self->how_error, NULL },
    { "effects_minutes", self->how_error, GTK_WIDGET (self->minutes_row) },
    { "nausea", self->how_error, GTK_WIDGET (self->nausea_row) },
    { "sedation", self->how_error, GTK_WIDGET (self->sedation_row) },
    { "readings", self->readings_error, NULL },
    { "note", self->note_error, GTK_WIDGET (self->note_view) },
    { "monitored_minutes", self->dose_error, GTK_WIDGET (self->monitored_row) },
    { "ready_to_leave_minutes", self->dose_error, GTK_WIDGET (self->ready_row) },
    { "intention", self->integration_error, GTK_WIDGET (self->intention_view) },
    { "reflection", self->integration_error, GTK_WIDGET (self->reflection_view) },
    { "next_day_note", self->integration_error, GTK_WIDGET (self->next_day_view) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_strcmp0 (field, places[i].field) == 0)
      {
        tm_error_label_show (places[i].label, message);
        if (g_strcmp0 (field, "effects") == 0)
          tm_effects_row_focus_checklist (self->effects_row);
        else if (places[i].row != NULL)
          mark (places[i].row);
        return;
      }

  tm_error_label_show (self->general_error, message);
  gtk_widget_child_focus (GTK_WIDGET (self->general_error), GTK_DIR_TAB_FORWARD);
}

static void
show_day (TmSessionDialog *self)
{
  g_autofree char *label = tm_day_format_long (self->day);

  gtk_menu_button_set_label (self->date_button, label);
  adw_window_title_set_subtitle (self->window_title, label);
}

static char *
instant_at_offset (const char  *day,
                   int          hour,
                   int          minute,
                   GTimeSpan    offset,
                   GError     **error)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset ((gint32) (offset / G_TIME_SPAN_SECOND));
  g_autoptr(GDateTime) moment = NULL;
  GDate date;

  if (!tm_day_to_date (day, &date))
    return tm_instant_from_local (day, hour, minute, error);

  moment = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), hour, minute, 0);
  return g_date_time_format (moment, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The session the form shows; %NULL with the field at fault when a value
 * can't even be read. */
static TmSession *
read_form (TmSessionDialog  *self,
           const char      **field,
           GError          **error)
{
  g_autoptr(TmSession) session = self->saved != NULL ? tm_session_copy (self->saved) : tm_session_new ();
  g_autofree char *note = get_note_text (self);
  int hour, minute;

  /* The moment: kept exactly as loaded while the date and time shown are
   * unchanged (the clocks' repeated hour, another time zone); otherwise
   * read in the time zone it was recorded in. */
  if (!tm_parse_time_of_day (entry_text (self->time_row), &hour, &minute, error))
    {
      *field = "time";
      return NULL;
    }

  {
    g_autoptr(GDateTime) loaded = tm_instant_parse (self->loaded_taken_at);
    g_autofree char *loaded_day = loaded != NULL ? tm_day_from_date_time (loaded) : NULL;

    if (loaded != NULL && g_strcmp0 (loaded_day, self->day) == 0 &&
        g_date_time_get_hour (loaded) == hour && g_date_time_get_minute (loaded) == minute)
      {
        tm_session_set_taken_at (session, self->loaded_taken_at);
      }
    else
      {
        g_autofree char *instant = NULL;

        if (loaded != NULL && !tm_instant_is_here (self->loaded_taken_at))
          instant = instant_at_offset (self->day, hour, minute,
                                       g_date_time_get_utc_offset (loaded), error);
        else
          instant = tm_instant_from_local (self->day, hour, minute, error);

        if (instant == NULL)
          {
            *field = "time";
            return NULL;
          }
        tm_session_set_taken_at (session, instant);
      }
  }

  if (!tm_parse_dose (entry_text (self->dose_row), &session->dose_mg, error))
    {
      *field = "dose_mg";
      return NULL;
    }

  session->route = (TmRoute) adw_combo_row_get_selected (self->route_row);
  session->setting = (TmSetting) adw_combo_row_get_selected (self->setting_row);
  session->monitor_present = gtk_switch_get_active (self->monitor_switch);
  session->discuss = gtk_switch_get_active (self->discuss_switch);
  session->mood_before = tm_rating_row_get_value (self->mood_before_row);
  session->dissociation_peak = tm_rating_row_get_value (self->peak_row);

  if (!tm_validate_effects_reported (tm_effects_row_get_reported (self->effects_row),
                                     tm_effects_row_get_effects (self->effects_row), error))
    {
      *field = "effects";
      return NULL;
    }
  session->effects = tm_effects_row_get_effects (self->effects_row);
  session->effects_minutes = TM_UNSET;
  if (session->effects != 0 &&
      !tm_parse_minutes (entry_text (self->minutes_row), &session->effects_minutes, error))
    {
      *field = "effects_minutes";
      return NULL;
    }

  session->nausea = tm_choices_get_severity (self->nausea_row);
  session->sedation = tm_choices_get_severity (self->sedation_row);
  session->red_flags = tm_red_flags_row_get_red_flags (self->red_flags_row);
  session->eased = tm_choices_get_answer (self->eased_row);
  session->slept_well = tm_choices_get_answer (self->slept_well_row);
  session->fully_alert = tm_choices_get_answer (self->fully_alert_row);
  session->lingering = tm_choices_get_answer (self->lingering_row);

  g_ptr_array_set_size (session->readings, 0);
  for (guint i = 0; i < self->reading_rows->len; i++)
    {
      TmReadingRow *row = self->reading_rows->pdata[i];
      const char *reading_field = NULL;
      g_autoptr(TmSessionReading) reading = tm_reading_row_get_reading (row, &reading_field, error);

      /* A value can't be read, or is out of its range: said under the
       * readings, the row opened at it. */
      if (reading == NULL || !tm_session_reading_validate (reading, &reading_field, error))
        {
          tm_reading_row_mark (row, reading_field);
          *field = "readings";
          return NULL;
        }
      tm_session_add_reading (session, g_steal_pointer (&reading));
    }

  if (!tm_parse_column_minutes ("monitored_minutes", entry_text (self->monitored_row),
                                &session->monitored_minutes, error))
    {
      *field = "monitored_minutes";
      return NULL;
    }
  /* Read as typed, at home too: core says why it can't be kept there. */
  if (!tm_parse_column_minutes ("ready_to_leave_minutes", entry_text (self->ready_row),
                                &session->ready_minutes, error))
    {
      *field = "ready_to_leave_minutes";
      return NULL;
    }

  session->other_medicines = get_medicines (self);
  tm_session_set_note (session, note);
  {
    g_autofree char *intention = view_text (self->intention_view);
    g_autofree char *reflection = view_text (self->reflection_view);
    g_autofree char *next_day = view_text (self->next_day_view);

    tm_session_set_intention (session, intention);
    tm_session_set_reflection (session, reflection);
    tm_session_set_next_day_note (session, next_day);
  }

  return g_steal_pointer (&session);
}

/* A reading before the dose above the numbers of S5 shows the plan's
 * instruction for it, word for word: the prescriber's advice, never the
 * app's (DESIGN.md, The session day). */
static void
show_pre_dose_instruction (TmSessionDialog *self)
{
  g_autoptr(GPtrArray) plans = NULL;
  const char *instruction;
  g_autoptr(TmSessionReading) before = NULL;

  for (guint i = 0; i < self->reading_rows->len && before == NULL; i++)
    {
      g_autoptr(TmSessionReading) reading = tm_reading_row_get_reading (self->reading_rows->pdata[i], NULL, NULL);

      if (reading != NULL && reading->minutes_after == 0)
        before = g_steal_pointer (&reading);
    }

  gtk_widget_set_visible (self->pre_dose_box, FALSE);
  if (self->store == NULL || before == NULL || !tm_session_reading_has_bp (before))
    return;
  plans = tm_store_list_plans (self->store, NULL);
  instruction = tm_schedule_get_pre_dose_instruction (plans, self->day, before->bp_sys, before->bp_dia);
  if (instruction == NULL)
    return;
  gtk_label_set_label (self->pre_dose_heading, tm_schedule_get_pre_dose_heading ());
  gtk_label_set_label (self->pre_dose_label, instruction);
  gtk_widget_set_visible (self->pre_dose_box, TRUE);
}

/* The readings' blood pressure over the minutes, as typed, while any
 * reading has one. */
static void
show_reading_chart (TmSessionDialog *self)
{
  g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->reading_rows->len; i++)
    {
      TmSessionReading *reading = tm_reading_row_get_reading (self->reading_rows->pdata[i], NULL, NULL);

      if (reading != NULL)
        g_ptr_array_add (readings, reading);
    }
  tm_reading_chart_view_set_readings (self->reading_chart, readings);
  gtk_widget_set_visible (GTK_WIDGET (self->reading_chart), tm_reading_chart_count_bp (readings) > 0);
}

static void
on_changed_cb (TmSessionDialog *self)
{
  clear_errors (self);
  show_setting (self);
  show_pre_dose_instruction (self);
  show_reading_chart (self);
}

static void
remove_reading_row (TmSessionDialog *self,
                    TmReadingRow    *row)
{
  g_ptr_array_remove (self->reading_rows, row);
  adw_preferences_group_remove (self->readings_group, GTK_WIDGET (row));
}

static void
on_reading_remove_cb (TmReadingRow    *row,
                      TmSessionDialog *self)
{
  remove_reading_row (self, row);
  on_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->readings_group));
}

static TmReadingRow *
add_reading_row (TmSessionDialog        *self,
                 const TmSessionReading *reading)
{
  TmReadingRow *row = TM_READING_ROW (tm_reading_row_new (reading));

  g_signal_connect_object (row, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_reading_remove_cb), self, 0);
  adw_preferences_group_add (self->readings_group, GTK_WIDGET (row));
  g_ptr_array_add (self->reading_rows, row);
  return row;
}

/* A new reading: before the dose when there is none, else 40 minutes
 * after (the clinics' first check), else 20 minutes after the last. */
static void
on_add_reading_clicked_cb (TmSessionDialog *self)
{
  g_autoptr(TmSessionReading) reading = tm_session_reading_new ();
  int last = -1;
  TmReadingRow *row;

  for (guint i = 0; i < self->reading_rows->len; i++)
    {
      g_autoptr(TmSessionReading) r = tm_reading_row_get_reading (self->reading_rows->pdata[i], NULL, NULL);

      if (r != NULL)
        last = MAX (last, r->minutes_after);
    }
  reading->minutes_after = last < 0 ? 0 : last == 0 ? 40 : MIN (last + 20, TM_MONITOR_MINUTES_MAX);
  /* The others close: the new one is the one being written. */
  for (guint i = 0; i < self->reading_rows->len; i++)
    adw_expander_row_set_expanded (self->reading_rows->pdata[i], FALSE);
  row = add_reading_row (self, reading);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  on_changed_cb (self);
}

static void
add_regular_medicine_row (TmSessionDialog *self,
                          const char      *title)
{
  GtkWidget *row = adw_action_row_new ();

  /* As the person typed it, not read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (self->regular_medicines_group, row);
  g_ptr_array_add (self->regular_medicine_rows, row);
}

/* The regular medicines taken on the session's day, from Preferences:
 * shown, not edited here. */
static void
show_regular_medicines (TmSessionDialog *self)
{
  g_autoptr(GPtrArray) all = tm_store_list_medicines (self->store, NULL);
  guint shown = 0;

  for (guint i = 0; i < self->regular_medicine_rows->len; i++)
    adw_preferences_group_remove (self->regular_medicines_group, self->regular_medicine_rows->pdata[i]);
  g_ptr_array_set_size (self->regular_medicine_rows, 0);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (tm_regular_medicine_is_taken_on (all->pdata[i], all, self->day))
      {
        g_autofree char *described = tm_regular_medicine_describe (all->pdata[i]);

        add_regular_medicine_row (self, described);
        shown++;
      }

  if (shown == 0)
    {
      add_regular_medicine_row (self, _("None recorded"));
      gtk_widget_add_css_class (self->regular_medicine_rows->pdata[0], "dim-label");
    }
}

static void
on_day_selected_cb (TmSessionDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = tm_day_from_date_time (date);

  g_strlcpy (self->day, day, sizeof self->day);
  show_day (self);
  gtk_menu_button_popdown (self->date_button);
  clear_errors (self);
  show_pre_dose_instruction (self);
  show_regular_medicines (self);
}

static void
on_effects_rows_built_cb (TmSessionDialog *self)
{
  self->minutes_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->minutes_row),
                                 _("How Long They Lasted, in Minutes"));
  gtk_editable_set_text (GTK_EDITABLE (self->minutes_row), "");
  g_signal_connect_object (self->minutes_row, "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->effects_row), GTK_WIDGET (self->minutes_row));
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Goes away once any question that led here has gone, not while it answers. */
static void
finish (TmSessionDialog *self)
{
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

/* Deleted from here, not from the list: a toast brings it back. */
static void
on_delete_clicked_cb (TmSessionDialog *self)
{
  if (self->saved != NULL && tm_context_delete_session (self->context, self->saved->id))
    finish (self);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TmSessionDialog  *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    finish (self);
  else if (g_strcmp0 (response, "save") == 0)
    tm_session_dialog_save (self);
}

static gboolean
tm_session_dialog_close_request (GtkWindow *window)
{
  TmSessionDialog *self = TM_SESSION_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !tm_session_dialog_get_dirty (self))
    return GDK_EVENT_PROPAGATE;

  dialog = tm_checkin_form_new_save_question (window, _("Save This Session?"),
                                              _("The session has details that are not saved yet."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static void
on_save_clicked_cb (TmSessionDialog *self)
{
  tm_session_dialog_save (self);
}

static void
on_cancel_clicked_cb (TmSessionDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  tm_session_dialog_save (TM_SESSION_DIALOG (widget));
  return TRUE;
}

static void
tm_session_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TmSessionDialog *self = TM_SESSION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_session_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TmSessionDialog *self = TM_SESSION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->store = g_object_ref (tm_context_get_store (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_session_dialog_dispose (GObject *object)
{
  TmSessionDialog *self = TM_SESSION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->saved);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_SESSION_DIALOG);

  G_OBJECT_CLASS (tm_session_dialog_parent_class)->dispose (object);
}

static void
tm_session_dialog_finalize (GObject *object)
{
  TmSessionDialog *self = TM_SESSION_DIALOG (object);

  g_free (self->baseline);
  g_free (self->loaded_taken_at);
  g_ptr_array_unref (self->reading_rows);
  g_ptr_array_unref (self->regular_medicine_rows);

  G_OBJECT_CLASS (tm_session_dialog_parent_class)->finalize (object);
}

static void
tm_session_dialog_class_init (TmSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_session_dialog_get_property;
  object_class->set_property = tm_session_dialog_set_property;
  object_class->dispose = tm_session_dialog_dispose;
  object_class->finalize = tm_session_dialog_finalize;
  window_class->close_request = tm_session_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_EFFECTS_ROW);
  g_type_ensure (TM_TYPE_ERROR_LABEL);
  g_type_ensure (TM_TYPE_RATING_ROW);
  g_type_ensure (TM_TYPE_READING_CHART_VIEW);
  g_type_ensure (TM_TYPE_RED_FLAGS_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, dose_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, route_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, setting_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, monitor_switch);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, discuss_switch);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, dose_error);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, mood_before_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, peak_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, effects_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, nausea_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, sedation_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, how_error);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, red_flags_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, readings_group);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, eased_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, slept_well_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, fully_alert_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, lingering_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, add_reading_button);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, readings_error);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, reading_chart);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, regular_medicines_group);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, medicines_group);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, monitored_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, ready_row);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, integration_box);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, integration_hidden_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, intention_view);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, reflection_view);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, next_day_view);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, integration_error);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, pre_dose_box);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, pre_dose_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, pre_dose_heading);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, note_hidden_label);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, note_error);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, TmSessionDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_reading_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_effects_rows_built_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_session_dialog_init (TmSessionDialog *self)
{
  g_autoptr(GListModel) routes = tm_choices_new_routes ();
  g_autoptr(GListModel) settings = tm_choices_new_settings ();

  self->reading_rows = g_ptr_array_new ();
  self->regular_medicine_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_accessible_name_rows (GTK_WIDGET (self));

  adw_combo_row_set_model (self->route_row, routes);
  adw_combo_row_set_model (self->setting_row, settings);
  tm_choices_set_severity (self->nausea_row, TM_UNSET);
  tm_choices_set_answer (self->eased_row, TM_UNSET);
  tm_choices_set_answer (self->slept_well_row, TM_UNSET);
  tm_choices_set_answer (self->fully_alert_row, TM_UNSET);
  tm_choices_set_answer (self->lingering_row, TM_UNSET);
  tm_choices_set_severity (self->sedation_row, TM_UNSET);

  for (guint i = 0; i < TM_N_MEDICINES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tm_medicine_get_label (i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tm_medicine_get_label (i), -1);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->medicines_group, row);
      self->medicine_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

/* Shows @session, or a new one at this moment with the route and setting
 * of the last session logged. No dose is suggested. */
static void
load (TmSessionDialog *self,
      TmSession       *session)
{
  g_autoptr(GDateTime) taken = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *dose_text = NULL;
  g_autofree char *day = NULL;
  TmSession *shown = session;
  g_autoptr(TmSession) fresh = NULL;

  if (shown == NULL)
    {
      GListModel *all = tm_store_get_sessions (self->store);
      g_autoptr(TmSession) last = g_list_model_get_n_items (all) > 0 ? g_list_model_get_item (all, 0) : NULL;

      fresh = tm_session_new ();
      if (last != NULL)
        {
          fresh->route = last->route;
          fresh->setting = last->setting;
        }
      shown = fresh;
      taken = g_date_time_new_now_local ();
    }
  else
    {
      taken = tm_instant_parse (session->taken_at);
      if (taken == NULL)
        taken = g_date_time_new_now_local ();
    }

  g_free (self->loaded_taken_at);
  self->loaded_taken_at = session != NULL ? g_strdup (session->taken_at)
                                          : g_date_time_format (taken, "%Y-%m-%dT%H:%M:00%:z");

  day = tm_day_from_date_time (taken);
  g_strlcpy (self->day, day, sizeof self->day);
  gtk_calendar_select_day (self->calendar, taken);
  show_day (self);

  time_text = g_date_time_format (taken, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time_text);
  /* A session taken in another time zone is shown, and read back, in its. */
  {
    g_autofree char *offset = tm_instant_get_offset_label (self->loaded_taken_at);
    g_autofree char *title = offset != NULL ? g_strdup_printf (_("Time (%s)"), offset) : g_strdup (_("Time"));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), title);
  }
  dose_text = session != NULL ? tm_format_dose (session->dose_mg) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->dose_row), dose_text);
  adw_combo_row_set_selected (self->route_row, shown->route);
  adw_combo_row_set_selected (self->setting_row, shown->setting);
  gtk_switch_set_active (self->monitor_switch, shown->monitor_present);
  gtk_switch_set_active (self->discuss_switch, shown->discuss);
  tm_rating_row_set_value (self->mood_before_row, shown->mood_before);
  tm_rating_row_set_value (self->peak_row, shown->dissociation_peak);
  tm_effects_row_set_effects (self->effects_row, shown->effects);
  if (self->minutes_row != NULL && shown->effects_minutes != TM_UNSET)
    {
      g_autofree char *minutes = g_strdup_printf ("%d", shown->effects_minutes);
      gtk_editable_set_text (GTK_EDITABLE (self->minutes_row), minutes);
    }
  tm_choices_set_severity (self->nausea_row, shown->nausea);
  tm_choices_set_severity (self->sedation_row, shown->sedation);
  tm_red_flags_row_set_red_flags (self->red_flags_row, shown->red_flags);
  tm_choices_set_answer (self->eased_row, shown->eased);
  tm_choices_set_answer (self->slept_well_row, shown->slept_well);
  tm_choices_set_answer (self->fully_alert_row, shown->fully_alert);
  tm_choices_set_answer (self->lingering_row, shown->lingering);
  while (self->reading_rows->len > 0)
    remove_reading_row (self, self->reading_rows->pdata[0]);
  for (guint i = 0; i < shown->readings->len; i++)
    add_reading_row (self, shown->readings->pdata[i]);
  for (guint i = 0; i < TM_N_MEDICINES; i++)
    gtk_check_button_set_active (self->medicine_checks[i], (shown->other_medicines & (1u << i)) != 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            shown->note != NULL ? shown->note : "", -1);
  {
    g_autofree char *monitored = shown->monitored_minutes != TM_UNSET
                                 ? g_strdup_printf ("%d", shown->monitored_minutes) : g_strdup ("");
    g_autofree char *ready = shown->ready_minutes != TM_UNSET
                             ? g_strdup_printf ("%d", shown->ready_minutes) : g_strdup ("");

    gtk_editable_set_text (GTK_EDITABLE (self->monitored_row), monitored);
    gtk_editable_set_text (GTK_EDITABLE (self->ready_row), ready);
  }
  set_view_text (self->intention_view, shown->intention);
  set_view_text (self->reflection_view, shown->reflection);
  set_view_text (self->next_day_view, shown->next_day_note);
  show_setting (self);
  show_pre_dose_instruction (self);
  show_regular_medicines (self);
  show_reading_chart (self);

  g_free (self->baseline);
  self->baseline = snapshot (self);
  clear_errors (self);
}

/**
 * tm_session_dialog_new:
 * @session: (nullable): the stored session to edit, or %NULL to log one
 */
TmSessionDialog *
tm_session_dialog_new (GtkWindow *parent,
                       TmContext *context,
                       TmSession *session)
{
  TmSessionDialog *self;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (session == NULL || TM_IS_SESSION (session), NULL);

  self = g_object_new (TM_TYPE_SESSION_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
  if (session != NULL)
    self->saved = tm_session_copy (session);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), session != NULL && session->id != 0);

  /* For a shared screen the note is out of sight, and saved as it is. */
  g_object_bind_property (context, "hide-notes", self->note_view, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (context, "hide-notes", self->note_hidden_label, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (context, "hide-notes", self->integration_box, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (context, "hide-notes", self->integration_hidden_label, "visible",
                          G_BINDING_SYNC_CREATE);

  adw_window_title_set_title (self->window_title,
                              session != NULL ? _("Edit Dosing Session") : _("Log Dosing Session"));
  gtk_window_set_title (GTK_WINDOW (self),
                        session != NULL ? _("Edit Dosing Session") : _("Log Dosing Session"));
  load (self, session);
  g_signal_connect_object (self->store, "medicines-changed",
                           G_CALLBACK (show_regular_medicines), self, G_CONNECT_SWAPPED);

  return self;
}

/* Saved once the import that held it up has been stored. */
static void
save_when_writable_cb (TmSessionDialog *self)
{
  tm_session_dialog_save (self);
}

/**
 * tm_session_dialog_save:
 *
 * Saves and closes; a refused save keeps the window open with what was
 * typed, and says why.
 */
gboolean
tm_session_dialog_save (TmSessionDialog *self)
{
  g_autoptr(TmSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean is_new;

  g_return_val_if_fail (TM_IS_SESSION_DIALOG (self), FALSE);

  clear_errors (self);
  is_new = self->saved == NULL;

  session = read_form (self, &field, &error);
  if (session == NULL ||
      !tm_session_validate (session, &field, &error) ||
      !tm_store_save_session (self->store, session, &error))
    {
      show_field_error (self, field, error->message);
      if (tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), G_CALLBACK (save_when_writable_cb));
      return FALSE;
    }

  tm_context_add_toast (self->context,
                        adw_toast_new (is_new ? _("Session logged") : _("Session saved")));

  finish (self);
  return TRUE;
}
