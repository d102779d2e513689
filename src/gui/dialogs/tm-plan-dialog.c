/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clinician mode: a new plan from a date (earlier ones stay as they were)
 * with the optional pre-treatment PHQ-9 total and mood, how to reach the clinician (kept as typed, the same numbers as in
 * Preferences), one-off extra or cancelled dates, and the PIN. Opened only
 * after the clinician PIN was set or entered. */
#define G_LOG_DOMAIN "tm-plan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-checkin-form.h"
#include "tm-date-picker.h"
#include "tm-error-label.h"
#include "tm-pin-dialog.h"
#include "tm-accessible.h"
#include "tm-plan-dialog.h"
#include "tm-report-data.h"
#include "tm-safety.h"
#include "tm-safety-contacts.h"

/* The intervals offered by name; the last choice is any number of days. */
static const int preset_intervals[] = { 7, 14, 28 };
#define ANOTHER_INTERVAL G_N_ELEMENTS (preset_intervals)

/* How long after the last key the clinician's numbers are kept. */
#define KEEP_TYPED_MS 600

struct _TmPlanDialog
{
  AdwWindow            parent_instance;

  AdwEntryRow         *from_row;
  AdwComboRow         *interval_row;
  AdwEntryRow         *days_row;
  AdwEntryRow         *dose_row;
  AdwComboRow         *route_row;
  AdwEntryRow         *tolerance_row;
  AdwEntryRow         *author_row;
  TmErrorLabel        *plan_error;
  AdwEntryRow         *pre_phq9_row;
  AdwEntryRow         *pre_mood_row;
  TmErrorLabel        *baseline_error;
  AdwEntryRow         *clinician_phone_row;
  AdwEntryRow         *out_of_hours_row;
  TmErrorLabel        *contacts_error;
  GtkTextView         *instructions_view;
  GtkTextView         *pre_dose_view;
  AdwPreferencesGroup *pre_dose_group;
  AdwPreferencesGroup *dates_group;
  AdwEntryRow         *date_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *date_note_row;
  TmErrorLabel        *date_error;
  GtkButton           *save_button;
  GPtrArray           *date_rows;
  GPtrArray           *dates;          /* TmPlanDate: as they will be saved */
  GPtrArray           *removed_dates;  /* TmPlanDate: stored ones taken back */
  char                *dates_baseline;

  TmContext           *context;
  TmStore             *store; /* the context's */
  char                *baseline;
  gboolean             closing;
  gboolean             loading;
  gboolean             contacts_typed;  /* the numbers changed and are not kept yet */
  guint                keep_id;
};

G_DEFINE_FINAL_TYPE (TmPlanDialog, tm_plan_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
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
get_instructions (TmPlanDialog *self)
{
  return view_text (self->instructions_view);
}

static char *
snapshot (TmPlanDialog *self)
{
  g_autofree char *instructions = get_instructions (self);
  g_autofree char *pre_dose = view_text (self->pre_dose_view);

  return g_strdup_printf ("%s|%u|%s|%s|%u|%s|%s|%s|%s|%s\x1f%s", text_of (self->from_row),
                          adw_combo_row_get_selected (self->interval_row), text_of (self->days_row),
                          text_of (self->dose_row), adw_combo_row_get_selected (self->route_row),
                          text_of (self->tolerance_row), text_of (self->author_row),
                          text_of (self->pre_phq9_row), text_of (self->pre_mood_row), instructions, pre_dose);
}

/* The one-off dates as they stand, to tell whether they changed. */
static char *
dates_snapshot (TmPlanDialog *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; self->dates != NULL && i < self->dates->len; i++)
    {
      const TmPlanDate *date = self->dates->pdata[i];

      g_string_append_printf (text, "%" G_GINT64_FORMAT "|%s|%d|%s\x1e", date->id, date->day, date->kind,
                              date->note != NULL ? date->note : "");
    }
  return g_string_free (text, FALSE);
}

static gboolean
dates_changed (TmPlanDialog *self)
{
  g_autofree char *now = dates_snapshot (self);

  return g_strcmp0 (now, self->dates_baseline) != 0;
}

static gboolean
parse_whole_days (const char  *text,
                  int          min,
                  int          max,
                  const char  *message,
                  int         *value,
                  GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint64 number;

  if (!g_ascii_string_to_unsigned (s, 10, (guint64) min, (guint64) max, &number, NULL))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID, message);
      return FALSE;
    }

  *value = (int) number;
  return TRUE;
}

/* An optional whole number as typed: empty is TM_UNSET; anything that is
 * not a whole number of 0 or more is G_MININT, which core refuses in its
 * own words for the field. */
static int
read_optional_number (AdwEntryRow *row)
{
  g_autofree char *s = g_strstrip (g_strdup (text_of (row)));
  gint64 number;

  if (s[0] == '\0')
    return TM_UNSET;
  if (!g_ascii_string_to_signed (s, 10, 0, G_MAXINT, &number, NULL))
    return G_MININT;
  return (int) number;
}

/* The plan the form shows, or NULL with the row at fault. */
static TmPlan *
read_plan (TmPlanDialog  *self,
           GtkWidget    **row,
           GError       **error)
{
  g_autoptr(TmPlan) plan = NULL;
  g_autofree char *instructions = get_instructions (self);
  guint interval = adw_combo_row_get_selected (self->interval_row);
  char from[TM_DAY_LEN + 1];

  if (!tm_parse_day (text_of (self->from_row), _("The start date"), from, error))
    {
      *row = GTK_WIDGET (self->from_row);
      return NULL;
    }
  plan = tm_plan_new (from);
  if (interval < ANOTHER_INTERVAL)
    plan->interval_days = preset_intervals[interval];
  else if (!parse_whole_days (text_of (self->days_row), 1, TM_PLAN_INTERVAL_MAX,
                              _("Write how many days apart the doses are, a whole number from 1 to 365."),
                              &plan->interval_days, error))
    {
      *row = GTK_WIDGET (self->days_row);
      return NULL;
    }

  if (!tm_parse_dose (text_of (self->dose_row), &plan->dose_mg, error))
    {
      *row = GTK_WIDGET (self->dose_row);
      return NULL;
    }

  plan->route = (TmRoute) adw_combo_row_get_selected (self->route_row);

  if (!parse_whole_days (text_of (self->tolerance_row), 0, TM_PLAN_TOLERANCE_MAX,
                         _("Write the days either side as a whole number from 0 to 30."),
                         &plan->tolerance_days, error))
    {
      *row = GTK_WIDGET (self->tolerance_row);
      return NULL;
    }

  {
    g_autofree char *author = g_strstrip (g_strdup (text_of (self->author_row)));

    tm_plan_set_author (plan, author);
  }
  tm_plan_set_instructions (plan, instructions);
  {
    g_autofree char *pre_dose = view_text (self->pre_dose_view);

    tm_plan_set_pre_dose_instruction (plan, pre_dose);
  }
  plan->pre_phq9 = read_optional_number (self->pre_phq9_row);
  plan->pre_mood = read_optional_number (self->pre_mood_row);

  return g_steal_pointer (&plan);
}

static void
clear_errors (TmPlanDialog *self)
{
  AdwEntryRow *rows[] = { self->from_row, self->days_row, self->dose_row, self->tolerance_row, self->author_row,
                          self->pre_phq9_row, self->pre_mood_row };

  tm_error_label_hide (self->plan_error);
  tm_error_label_hide (self->baseline_error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
}

static GtkWidget *
row_for_field (TmPlanDialog *self,
               const char   *field)
{
  if (g_strcmp0 (field, "effective_from") == 0)
    return GTK_WIDGET (self->from_row);
  if (g_strcmp0 (field, "interval_days") == 0)
    return GTK_WIDGET (self->days_row);
  if (g_strcmp0 (field, "dose_mg") == 0)
    return GTK_WIDGET (self->dose_row);
  if (g_strcmp0 (field, "tolerance_days") == 0)
    return GTK_WIDGET (self->tolerance_row);
  if (g_strcmp0 (field, "author") == 0)
    return GTK_WIDGET (self->author_row);
  if (g_strcmp0 (field, "instructions") == 0)
    return GTK_WIDGET (self->instructions_view);
  if (g_strcmp0 (field, "pre_dose_instruction") == 0)
    return GTK_WIDGET (self->pre_dose_view);
  if (g_strcmp0 (field, "pre_phq9") == 0)
    return GTK_WIDGET (self->pre_phq9_row);
  if (g_strcmp0 (field, "pre_mood") == 0)
    return GTK_WIDGET (self->pre_mood_row);
  return NULL;
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
finish (TmPlanDialog *self)
{
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

/* The clinician's numbers */

static gboolean keep_contacts (TmPlanDialog *self,
                               gboolean      say_why);

static void
keep_contacts_when_writable_cb (GObject *owner)
{
  keep_contacts (TM_PLAN_DIALOG (owner), FALSE);
}

/**
 * keep_contacts:
 * @say_why: whether a number that can't be kept is explained at its row;
 *   without, it waits quietly for more typing
 *
 * Keeps the clinician's numbers as typed, when they changed.
 *
 * Returns: whether they are kept
 */
static gboolean
keep_contacts (TmPlanDialog *self,
               gboolean      say_why)
{
  g_autofree char *phone = g_strstrip (g_strdup (text_of (self->clinician_phone_row)));
  g_autofree char *out_of_hours = g_strstrip (g_strdup (text_of (self->out_of_hours_row)));
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  AdwEntryRow *row;

  g_clear_handle_id (&self->keep_id, g_source_remove);
  if (!self->contacts_typed)
    return TRUE;

  gtk_widget_remove_css_class (GTK_WIDGET (self->clinician_phone_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->out_of_hours_row), "error");
  if (tm_store_set_clinician_phones (self->store, phone, out_of_hours, &field, &error))
    {
      self->contacts_typed = FALSE;
      tm_error_label_hide (self->contacts_error);
      return TRUE;
    }

  /* An import being stored elsewhere holds writes up: tried again after. */
  if (tm_store_error_waits (self->store, error))
    tm_store_call_when_writable (self->store, G_OBJECT (self),
                                 G_CALLBACK (keep_contacts_when_writable_cb));
  if (say_why)
    {
      row = g_strcmp0 (field, "clinician_out_of_hours") == 0 ? self->out_of_hours_row
                                                             : self->clinician_phone_row;
      tm_error_label_show (self->contacts_error, error->message);
      if (field != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (row));
        }
    }
  return FALSE;
}

static gboolean
keep_contacts_cb (gpointer data)
{
  TmPlanDialog *self = data;

  self->keep_id = 0;
  keep_contacts (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_contacts_changed_cb (TmPlanDialog *self)
{
  if (self->loading)
    return;

  self->contacts_typed = TRUE;
  g_clear_handle_id (&self->keep_id, g_source_remove);
  self->keep_id = g_timeout_add (KEEP_TYPED_MS, keep_contacts_cb, self);
}

static void
load_contacts (TmPlanDialog *self)
{
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (self->store);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->clinician_phone_row),
                         contacts->clinician_phone != NULL ? contacts->clinician_phone : "");
  gtk_editable_set_text (GTK_EDITABLE (self->out_of_hours_row),
                         contacts->clinician_out_of_hours != NULL ? contacts->clinician_out_of_hours : "");
  self->loading = FALSE;
}

/* The one-off dates added since the editor opened. */
static GPtrArray *
new_dates (TmPlanDialog *self)
{
  GPtrArray *added = g_ptr_array_new ();

  for (guint i = 0; i < self->dates->len; i++)
    if (((TmPlanDate *) self->dates->pdata[i])->id == 0)
      g_ptr_array_add (added, self->dates->pdata[i]);
  return added;
}

static gboolean
save_plan_and_dates (TmPlanDialog  *self,
                     TmPlan        *plan,
                     GError       **error)
{
  g_autoptr(GPtrArray) added = new_dates (self);

  return tm_store_change_plan (self->store, plan, added, self->removed_dates, error);
}

/**
 * tm_plan_dialog_save:
 *
 * Adds the plan shown, from its start date; a refused value is explained
 * and everything typed stays.
 */
gboolean
tm_plan_dialog_save (TmPlanDialog *self)
{
  g_autoptr(TmPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = NULL;
  const char *field = NULL;
  g_autofree char *from = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TM_IS_PLAN_DIALOG (self), FALSE);

  /* The editor closes on saving: the numbers typed are kept first. */
  if (!keep_contacts (self, TRUE))
    return FALSE;

  clear_errors (self);
  {
    g_autofree char *now = snapshot (self);

    /* Only one-off dates changed: they are saved, the plan stays as it is. */
    if (g_strcmp0 (now, self->baseline) == 0 && dates_changed (self))
      {
        g_autoptr(GPtrArray) added = new_dates (self);

        if (!tm_store_change_plan (self->store, NULL, added, self->removed_dates, &error))
          {
            tm_error_label_show (self->date_error, error->message);
            return FALSE;
          }
        tm_context_add_toast (self->context, adw_toast_new (_("One-off dates saved")));
        finish (self);
        return TRUE;
      }
  }
  plan = read_plan (self, &row, &error);
  if (plan == NULL ||
      !tm_plan_validate (plan, &field, &error) ||
      !save_plan_and_dates (self, plan, &error))
    {
      if (row == NULL)
        row = row_for_field (self, field);
      if (row == GTK_WIDGET (self->pre_phq9_row) || row == GTK_WIDGET (self->pre_mood_row))
        tm_error_label_show (self->baseline_error, error->message);
      else
        tm_error_label_show (self->plan_error, error->message);
      if (row != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          gtk_widget_grab_focus (row);
        }
      return FALSE;
    }

  from = tm_day_format_long (plan->effective_from);
  /* Translators: %s is a date */
  title = g_strdup_printf (_("Plan saved, in force from %s"), from);
  tm_context_add_toast (self->context, adw_toast_new (title));

  finish (self);
  return TRUE;
}

static void
on_save_clicked_cb (TmPlanDialog *self)
{
  tm_plan_dialog_save (self);
}

static void
on_changed_cb (TmPlanDialog *self)
{
  clear_errors (self);
}

static void
on_interval_selected_cb (TmPlanDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->days_row),
                          adw_combo_row_get_selected (self->interval_row) == ANOTHER_INTERVAL);
  clear_errors (self);
}

static void
on_date_changed_cb (TmPlanDialog *self)
{
  tm_error_label_hide (self->date_error);
}

static void show_dates (TmPlanDialog *self);

static void
on_remove_date_clicked_cb (GtkButton    *button,
                           TmPlanDialog *self)
{
  TmPlanDate *date = g_object_get_data (G_OBJECT (button), "tm-plan-date");

  /* Taken back when the plan is saved, not before: Cancel keeps it. */
  if (date->id != 0)
    g_ptr_array_add (self->removed_dates, g_object_ref (date));
  g_ptr_array_remove (self->dates, date);
  tm_error_label_hide (self->date_error);
  show_dates (self);
}

static void
show_dates (TmPlanDialog *self)
{
  GPtrArray *dates = self->dates;

  for (guint i = 0; i < self->date_rows->len; i++)
    adw_preferences_group_remove (self->dates_group, self->date_rows->pdata[i]);
  g_ptr_array_set_size (self->date_rows, 0);

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      TmPlanDate *date = dates->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = tm_day_format_long (date->day);
      g_autofree char *a11y = NULL;
      const char *kind = date->kind == TM_PLAN_DATE_EXTRA ? _("An extra planned date")
                                                          : _("A planned date cancelled");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      /* A note stays out of sight on a shared screen. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   date->note != NULL && !tm_context_get_hide_notes (self->context)
                                   ? date->note : kind);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: a button's accessible name; %s is a date */
      a11y = g_strdup_printf (_("Remove the one-off date %s"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_set_tooltip_text (button, _("Remove"));
      g_object_set_data_full (G_OBJECT (button), "tm-plan-date", g_object_ref (date), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_date_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->dates_group, row);
      g_ptr_array_add (self->date_rows, row);
    }
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  const TmPlanDate *x = *(TmPlanDate * const *) a;
  const TmPlanDate *y = *(TmPlanDate * const *) b;

  return strcmp (x->day, y->day);
}

static void
on_add_date_clicked_cb (TmPlanDialog *self)
{
  g_autoptr(TmPlanDate) date = NULL;
  g_autoptr(GError) error = NULL;
  char day[TM_DAY_LEN + 1];

  if (!tm_parse_day (text_of (self->date_row), _("The date"), day, &error))
    {
      tm_error_label_show (self->date_error, error->message);
      return;
    }
  date = tm_plan_date_new (day, adw_combo_row_get_selected (self->kind_row) == 0
                                       ? TM_PLAN_DATE_EXTRA : TM_PLAN_DATE_CANCELLED);
  date->note = g_strdup (text_of (self->date_note_row));
  if (date->note[0] == '\0')
    g_clear_pointer (&date->note, g_free);

  /* Checked now, stored with the plan: Cancel leaves the dates as they were. */
  if (!tm_plan_date_validate (date, &error) || tm_plan_date_is_taken (date, self->dates, &error))
    {
      tm_error_label_show (self->date_error, error->message);
      return;
    }

  g_ptr_array_add (self->dates, g_steal_pointer (&date));
  g_ptr_array_sort (self->dates, compare_dates);
  tm_error_label_hide (self->date_error);
  gtk_editable_set_text (GTK_EDITABLE (self->date_note_row), "");
  show_dates (self);
}

static void
on_change_pin_activated_cb (TmPlanDialog *self)
{
  TmPinDialog *dialog = tm_pin_dialog_new (GTK_WINDOW (self), self->context, TM_PIN_DIALOG_CHANGE);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TmPlanDialog     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    finish (self);
  else if (g_strcmp0 (response, "save") == 0)
    tm_plan_dialog_save (self);
}

static gboolean
tm_plan_dialog_close_request (GtkWindow *window)
{
  TmPlanDialog *self = TM_PLAN_DIALOG (window);
  g_autofree char *now = snapshot (self);
  AdwMessageDialog *dialog;

  /* The numbers are kept as typed; one that can't be holds the window. */
  if (!self->closing && !keep_contacts (self, TRUE))
    return GDK_EVENT_STOP;

  if (self->closing || (g_strcmp0 (now, self->baseline) == 0 && !dates_changed (self)))
    return GDK_EVENT_PROPAGATE;

  dialog = tm_checkin_form_new_save_question (window, _("Save the New Plan?"),
                                              _("The changes to the plan are not saved yet."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  tm_plan_dialog_save (TM_PLAN_DIALOG (widget));
  return TRUE;
}

static void
tm_plan_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TmPlanDialog *self = TM_PLAN_DIALOG (object);

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
tm_plan_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TmPlanDialog *self = TM_PLAN_DIALOG (object);

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
tm_plan_dialog_dispose (GObject *object)
{
  TmPlanDialog *self = TM_PLAN_DIALOG (object);

  /* Destroyed without closing (Tidemark quits): kept if it can be. */
  if (self->store != NULL && self->contacts_typed)
    keep_contacts (self, FALSE);
  g_clear_handle_id (&self->keep_id, g_source_remove);
  g_clear_pointer (&self->date_rows, g_ptr_array_unref);
  g_clear_pointer (&self->dates, g_ptr_array_unref);
  g_clear_pointer (&self->removed_dates, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_PLAN_DIALOG);

  G_OBJECT_CLASS (tm_plan_dialog_parent_class)->dispose (object);
}

static void
tm_plan_dialog_finalize (GObject *object)
{
  g_free (TM_PLAN_DIALOG (object)->baseline);
  g_free (TM_PLAN_DIALOG (object)->dates_baseline);

  G_OBJECT_CLASS (tm_plan_dialog_parent_class)->finalize (object);
}

static void
tm_plan_dialog_class_init (TmPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_plan_dialog_get_property;
  object_class->set_property = tm_plan_dialog_set_property;
  object_class->dispose = tm_plan_dialog_dispose;
  object_class->finalize = tm_plan_dialog_finalize;
  window_class->close_request = tm_plan_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_ERROR_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, interval_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, days_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, dose_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, route_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, tolerance_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, pre_phq9_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, pre_mood_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, baseline_error);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, plan_error);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, clinician_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, out_of_hours_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, contacts_error);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, pre_dose_view);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, pre_dose_group);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, dates_group);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, date_note_row);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, TmPlanDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contacts_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_date_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_pin_activated_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_plan_dialog_init (TmPlanDialog *self)
{
  g_autoptr(GtkStringList) intervals = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) routes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  tm_date_picker_attach (self->from_row);
  tm_date_picker_attach (self->date_row);

  {
    /* Translators: the numbers are the blood pressure above which the instruction shows: 140/90 */
    g_autofree char *description = g_strdup_printf (_("Your words, shown exactly as written in the session editor "
                                                       "when a reading before a dose is above %d/%d: for example "
                                                       "what to do instead of dosing, and whom to call."),
                                                     TM_S5_BEFORE_CAUTION_SYSTOLIC, TM_S5_BEFORE_CAUTION_DIASTOLIC);

    adw_preferences_group_set_description (self->pre_dose_group, description);
  }
  self->date_rows = g_ptr_array_new ();
  self->removed_dates = g_ptr_array_new_with_free_func (g_object_unref);
  tm_accessible_name_rows (GTK_WIDGET (self));

  gtk_string_list_append (intervals, _("Every week"));
  gtk_string_list_append (intervals, _("Every 2 weeks"));
  gtk_string_list_append (intervals, _("Every 4 weeks"));
  gtk_string_list_append (intervals, _("Another number of days"));
  adw_combo_row_set_model (self->interval_row, G_LIST_MODEL (intervals));

  for (guint i = 0; i < TM_N_ROUTES; i++)
    gtk_string_list_append (routes, tm_route_get_label (i));
  adw_combo_row_set_model (self->route_row, G_LIST_MODEL (routes));

  gtk_string_list_append (kinds, _("An extra planned date"));
  gtk_string_list_append (kinds, _("Cancel the planned date"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

/* Opens clinician mode: the plan in force today (or the latest) fills the
 * form, starting today. */
TmPlanDialog *
tm_plan_dialog_new (GtkWindow *parent,
                    TmContext *context)
{
  TmPlanDialog *self;
  g_autofree char *today = tm_day_today ();
  g_autoptr(GPtrArray) plans = NULL;
  const TmPlan *current;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);

  self = g_object_new (TM_TYPE_PLAN_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  plans = tm_store_list_plans (self->store, NULL);
  current = plans != NULL ? tm_schedule_plan_on (plans, today) : NULL;
  if (current == NULL && plans != NULL && plans->len > 0)
    current = plans->pdata[plans->len - 1];

  if (current != NULL)
    {
      g_autofree char *dose = tm_format_dose (current->dose_mg);
      g_autofree char *tolerance = g_strdup_printf ("%d", current->tolerance_days);
      guint interval = ANOTHER_INTERVAL;

      for (guint i = 0; i < G_N_ELEMENTS (preset_intervals); i++)
        if (preset_intervals[i] == current->interval_days)
          interval = i;
      adw_combo_row_set_selected (self->interval_row, interval);
      if (interval == ANOTHER_INTERVAL)
        {
          g_autofree char *days = g_strdup_printf ("%d", current->interval_days);
          gtk_editable_set_text (GTK_EDITABLE (self->days_row), days);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->dose_row), dose);
      adw_combo_row_set_selected (self->route_row, current->route);
      gtk_editable_set_text (GTK_EDITABLE (self->tolerance_row), tolerance);
      gtk_editable_set_text (GTK_EDITABLE (self->author_row), current->author != NULL ? current->author : "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->instructions_view),
                                current->instructions != NULL ? current->instructions : "", -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->pre_dose_view),
                                current->pre_dose_instruction != NULL ? current->pre_dose_instruction : "", -1);
    }
  else
    {
      g_autofree char *tolerance = g_strdup_printf ("%d", TM_PLAN_DEFAULT_TOLERANCE);

      adw_combo_row_set_selected (self->interval_row, 1);
      adw_combo_row_set_selected (self->route_row, TM_ROUTE_SUBLINGUAL);
      gtk_editable_set_text (GTK_EDITABLE (self->tolerance_row), tolerance);
    }

  /* The baseline entered with an earlier plan carries on to the next. */
  if (plans != NULL)
    {
      int pre_phq9 = tm_plans_get_pre_phq9 (plans);
      int pre_mood = tm_plans_get_pre_mood (plans);
      g_autofree char *phq9_text = pre_phq9 != TM_UNSET ? g_strdup_printf ("%d", pre_phq9) : g_strdup ("");
      g_autofree char *mood_text = pre_mood != TM_UNSET ? g_strdup_printf ("%d", pre_mood) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->pre_phq9_row), phq9_text);
      gtk_editable_set_text (GTK_EDITABLE (self->pre_mood_row), mood_text);
    }

  self->dates = tm_store_list_plan_dates (self->store, NULL);
  if (self->dates == NULL)
    self->dates = g_ptr_array_new_with_free_func (g_object_unref);
  show_dates (self);
  load_contacts (self);
  self->baseline = snapshot (self);
  self->dates_baseline = dates_snapshot (self);
  clear_errors (self);

  return self;
}
