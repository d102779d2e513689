/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences: the daily reminder, when questionnaires are due, the
 * report's name and paper, who to call (the country of the crisis numbers,
 * crisis line, emergency number, clinician and their out-of-hours number),
 * the optional daily question, the regular medicines, and the backups.
 * The desktop settings are
 * bound: a choice is kept at once, a reminder time as soon as it reads as
 * one. What is kept with the data is checked in core and kept as it is
 * typed (a moment after the last key), when applied, and at the latest
 * when the window closes. A value that can't be kept holds the window
 * open, stays in its row, and has the reason under it. */
#define G_LOG_DOMAIN "tm-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-error-label.h"
#include "tm-accessible.h"
#include "tm-backup-keys.h"
#include "tm-daily-question.h"
#include "tm-medicine-dialog.h"
#include "tm-preferences-dialog.h"
#include "tm-reminder.h"
#include "tm-report-data.h"
#include "tm-safety-contacts.h"
#include "tm-settings.h"
#include "tm-store-backup.h"

struct _TmPreferencesDialog
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *country_row;
  AdwEntryRow          *crisis_name_row;
  AdwEntryRow          *crisis_number_row;
  AdwEntryRow          *emergency_row;
  AdwEntryRow          *clinician_name_row;
  AdwEntryRow          *clinician_phone_row;
  AdwEntryRow          *out_of_hours_row;
  GtkWidget            *unknown_group;
  TmErrorLabel         *error_label;
  GtkSwitch            *reminder_switch;
  AdwActionRow         *reminder_time_row;
  GtkSpinButton        *reminder_hour_spin;
  GtkSpinButton        *reminder_minute_spin;
  GtkSwitch            *background_switch;
  AdwComboRow          *cadence_row;
  AdwEntryRow          *report_name_row;
  AdwComboRow          *paper_row;
  TmErrorLabel         *general_error_label;
  AdwActionRow         *daily_question_row;
  GtkSwitch            *daily_question_switch;
  TmErrorLabel         *daily_question_error;
  AdwPreferencesGroup  *current_medicines_group;
  GtkButton            *add_medicine_button;
  AdwPreferencesGroup  *stopped_medicines_group;
  TmErrorLabel         *medicines_error_label;
  GPtrArray            *medicine_rows;  /* in either group */
  AdwPreferencesGroup  *backups_group;
  GtkWidget            *back_up_button;
  GtkSwitch            *encrypt_switch;
  AdwComboRow          *key_source_row;
  GtkWidget            *recovery_code_row;
  GtkWidget            *passphrase_warning;
  TmErrorLabel         *backups_error_label;
  GPtrArray            *backup_rows;
  TmBackup             *unsealing;  /* the encrypted backup being opened */
  gboolean              source_changed;  /* what is readied is for another key source */
  gboolean              loading;
  guint                 typed;      /* Typed: rows changed and not kept yet */
  guint                 keep_id;    /* keeps them a moment after the last change */

  TmContext            *context;
  TmStore              *store; /* the context's */
  gboolean              showing_time;   /* the spin buttons follow the setting */
};

G_DEFINE_FINAL_TYPE (TmPreferencesDialog, tm_preferences_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows whose text was changed and is not kept yet. */
typedef enum
{
  TYPED_CONTACTS      = 1 << 0,
  TYPED_REPORT_NAME   = 1 << 2,
} Typed;

/* How long after the last key what was typed is kept. */
#define KEEP_TYPED_MS 600

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The country and its crisis numbers, or those the person entered. */
static void
load_crisis (TmPreferencesDialog    *self,
             const TmSafetyContacts *contacts)
{
  const char * const *countries = tm_crisis_countries ();
  guint selected = g_strv_length ((char **) countries);  /* Elsewhere */

  for (guint i = 0; countries[i] != NULL; i++)
    if (g_strcmp0 (contacts->country, countries[i]) == 0)
      selected = i;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->country_row, selected);
  set_text (self->crisis_name_row, contacts->crisis_name);
  set_text (self->crisis_number_row, contacts->crisis_number);
  set_text (self->emergency_row, contacts->emergency_number);
  gtk_widget_set_visible (self->unknown_group, contacts->crisis_number == NULL);
  self->loading = FALSE;
}

static void
load (TmPreferencesDialog *self)
{
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (self->store);

  load_crisis (self, contacts);
  self->loading = TRUE;
  set_text (self->clinician_name_row, contacts->clinician_name);
  set_text (self->clinician_phone_row, contacts->clinician_phone);
  set_text (self->out_of_hours_row, contacts->clinician_out_of_hours);
  self->typed &= ~TYPED_CONTACTS;
  self->loading = FALSE;
}

/* Keeps the contacts as they are shown; for a refused value, @field
 * names its row. */
static gboolean
keep_contacts (TmPreferencesDialog  *self,
               const char          **field,
               GError              **error)
{
  g_autoptr(TmSafetyContacts) contacts = g_new0 (TmSafetyContacts, 1);

  contacts->crisis_name = text_of (self->crisis_name_row);
  contacts->crisis_number = text_of (self->crisis_number_row);
  contacts->emergency_number = text_of (self->emergency_row);
  contacts->clinician_name = text_of (self->clinician_name_row);
  contacts->clinician_phone = text_of (self->clinician_phone_row);
  contacts->clinician_out_of_hours = text_of (self->out_of_hours_row);

  if (!tm_store_set_safety_contacts (self->store, contacts, field, error))
    return FALSE;

  self->typed &= ~TYPED_CONTACTS;
  return TRUE;
}

/* Says why a contact can't be kept, at its row, which keeps its text;
 * with @message %NULL, takes that back. */
static void
show_contacts_error (TmPreferencesDialog *self,
                     const char          *field,
                     const char          *message)
{
  AdwEntryRow *rows[] = { self->crisis_name_row, self->crisis_number_row, self->emergency_row,
                          self->clinician_name_row, self->clinician_phone_row, self->out_of_hours_row };
  const char *fields[] = { "crisis_name", "crisis_number", "emergency_number",
                           "clinician_name", "clinician_phone", "clinician_out_of_hours" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");

  if (message == NULL)
    {
      tm_error_label_hide (self->error_label);
      return;
    }

  tm_error_label_show (self->error_label, message);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (field, fields[i]) == 0)
      {
        gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
        gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
      }
}

/**
 * tm_preferences_dialog_save:
 *
 * Keeps every row as it is shown; a refused value is explained and stays.
 */
gboolean
tm_preferences_dialog_save (TmPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  if (!keep_contacts (self, &field, &error))
    {
      show_contacts_error (self, field, error->message);
      return FALSE;
    }

  show_contacts_error (self, NULL, NULL);
  /* Emptied numbers come back as the locale's defaults. */
  load (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
  return TRUE;
}

static void
on_apply_cb (TmPreferencesDialog *self)
{
  tm_preferences_dialog_save (self);
}

static gboolean keep_typed (TmPreferencesDialog *self,
                            gboolean             say_why);

/* Another country brings its crisis numbers into their rows; what else
 * was typed stays as it was typed. */
static void
on_country_selected_cb (TmPreferencesDialog *self)
{
  const char * const *countries = tm_crisis_countries ();
  guint selected = adw_combo_row_get_selected (self->country_row);
  const char *country = selected < g_strv_length ((char **) countries) ? countries[selected] : NULL;
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->store == NULL)
    return;

  if (self->typed & TYPED_CONTACTS)
    keep_typed (self, FALSE);
  if (!tm_store_set_crisis_country (self->store, country, &error))
    {
      /* An import being stored elsewhere holds writes up: chosen again after. */
      if (tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), G_CALLBACK (on_country_selected_cb));
      else
        show_contacts_error (self, NULL, error->message);
      return;
    }
  contacts = tm_store_get_safety_contacts (self->store);
  load_crisis (self, contacts);
}

/* General */

/* The paper rows, in their order. */
static const char * const paper_ids[] = { "locale", "a4", "letter", NULL };

static void
show_general_error (TmPreferencesDialog *self,
                    AdwEntryRow         *row,
                    const char          *message)
{
  tm_error_label_show (self->general_error_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
general_saved (TmPreferencesDialog *self,
               AdwEntryRow         *row)
{
  tm_error_label_hide (self->general_error_label);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
}

/* The reminder time: hours and minutes in two spin buttons, so that
 * whatever they show is a time; kept at once, "07:45". */
static gboolean
on_two_digits_output_cb (GtkSpinButton *spin,
                         gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
show_reminder_time (TmPreferencesDialog *self)
{
  GSettings *settings = tm_context_get_settings (self->context);
  g_autofree char *time = settings != NULL ? g_settings_get_string (settings, "reminder-time") : NULL;
  int minutes;

  if (time == NULL || !tm_parse_reminder_time (time, &minutes, NULL))
    return;
  self->showing_time = TRUE;
  gtk_spin_button_set_value (self->reminder_hour_spin, minutes / 60);
  gtk_spin_button_set_value (self->reminder_minute_spin, minutes % 60);
  self->showing_time = FALSE;
}

static void
on_reminder_time_changed_cb (TmPreferencesDialog *self)
{
  GSettings *settings = tm_context_get_settings (self->context);
  g_autofree char *time = NULL;

  if (self->showing_time || settings == NULL)
    return;
  time = tm_format_reminder_time (gtk_spin_button_get_value_as_int (self->reminder_hour_spin) * 60 +
                                  gtk_spin_button_get_value_as_int (self->reminder_minute_spin));
  g_settings_set_string (settings, "reminder-time", time);
}

static gboolean
keep_report_name (TmPreferencesDialog  *self,
                  GError              **error)
{
  g_autofree char *name = text_of (self->report_name_row);

  if (!tm_store_set_report_name (self->store, name, error))
    return FALSE;
  self->typed &= ~TYPED_REPORT_NAME;
  return TRUE;
}

static void
on_report_name_apply_cb (TmPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = text_of (self->report_name_row);

  if (!keep_report_name (self, &error))
    {
      show_general_error (self, self->report_name_row, error->message);
      return;
    }
  self->loading = TRUE;
  set_text (self->report_name_row, name);
  self->loading = FALSE;
  general_saved (self, self->report_name_row);
}

/* Typed */

static void
keep_typed_when_writable_cb (TmPreferencesDialog *self)
{
  keep_typed (self, FALSE);
}

/* An import being stored elsewhere holds writes up: what @error refused
 * is tried again as soon as it is done. */
static void
try_again_later (TmPreferencesDialog *self,
                 const GError        *error)
{
  if (tm_store_error_waits (self->store, error))
    tm_store_call_when_writable (self->store, G_OBJECT (self),
                                 G_CALLBACK (keep_typed_when_writable_cb));
}

/**
 * keep_typed:
 * @say_why: whether a value that can't be kept is explained at its row;
 *   without, it waits quietly for more typing
 *
 * Keeps every row changed since it was last kept, without a toast and
 * without rewriting what is being typed.
 *
 * Returns: whether everything typed is kept
 */
static gboolean
keep_typed (TmPreferencesDialog *self,
            gboolean             say_why)
{
  gboolean kept = TRUE;

  g_clear_handle_id (&self->keep_id, g_source_remove);

  if (self->typed & TYPED_CONTACTS)
    {
      g_autoptr(GError) error = NULL;
      const char *field = NULL;

      if (keep_contacts (self, &field, &error))
        show_contacts_error (self, NULL, NULL);
      else
        {
          kept = FALSE;
          try_again_later (self, error);
          if (say_why)
            show_contacts_error (self, field, error->message);
        }
    }

  if (self->typed & TYPED_REPORT_NAME)
    {
      g_autoptr(GError) error = NULL;

      if (keep_report_name (self, &error))
        gtk_widget_remove_css_class (GTK_WIDGET (self->report_name_row), "error");
      else
        {
          kept = FALSE;
          try_again_later (self, error);
          if (say_why)
            show_general_error (self, self->report_name_row, error->message);
        }
    }

  return kept;
}

static gboolean
keep_typed_cb (gpointer data)
{
  TmPreferencesDialog *self = data;

  self->keep_id = 0;
  keep_typed (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
typed (TmPreferencesDialog *self,
       Typed                rows)
{
  if (self->loading)
    return;

  self->typed |= rows;
  g_clear_handle_id (&self->keep_id, g_source_remove);
  self->keep_id = g_timeout_add (KEEP_TYPED_MS, keep_typed_cb, self);
}

static void
on_contact_changed_cb (TmPreferencesDialog *self)
{
  typed (self, TYPED_CONTACTS);
}

static void
on_report_name_changed_cb (TmPreferencesDialog *self)
{
  typed (self, TYPED_REPORT_NAME);
}

/* The settings are bound: chosen, they are kept at once, and they show
 * what is kept. The report's name is kept with the data. */
static void
load_general (TmPreferencesDialog *self)
{
  GSettings *settings = tm_context_get_settings (self->context);
  g_autoptr(GtkStringList) cadences = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) papers = gtk_string_list_new (NULL);
  g_autofree char *name = tm_store_get_report_name (self->store);
  /* Translators: the paper size of your region, "A4" or "US Letter" */
  g_autofree char *regional = g_strdup_printf (_("Your Region’s (%s)"),
                                               tm_paper_default () == TM_PAPER_LETTER ? _("US Letter") : _("A4"));

  self->loading = TRUE;
  gtk_string_list_append (cadences, _("Every 2 weeks"));
  gtk_string_list_append (cadences, _("Every week"));
  adw_combo_row_set_model (self->cadence_row, G_LIST_MODEL (cadences));
  gtk_string_list_append (papers, regional);
  gtk_string_list_append (papers, _("A4"));
  gtk_string_list_append (papers, _("US Letter"));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  set_text (self->report_name_row, name);

  if (settings != NULL)
    {
      show_reminder_time (self);
      g_signal_connect_object (settings, "changed::reminder-time", G_CALLBACK (show_reminder_time), self,
                               G_CONNECT_SWAPPED);
      tm_settings_bind_cadence (settings, self->cadence_row);
      tm_settings_bind_choices (settings, "paper-size", self->paper_row, paper_ids);
      g_settings_bind (settings, "reminder-enabled", self->reminder_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  self->loading = FALSE;
}

/* Medicines */

static void
on_medicine_saved_cb (TmPreferencesDialog *self,
                      const char          *done)
{
  g_autofree char *title = g_markup_escape_text (done, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

/* The person keeps their own medicines: no clinician PIN is asked. */
static void
open_medicine (TmPreferencesDialog *self,
               TmRegularMedicine   *medicine)
{
  TmMedicineDialog *dialog = tm_medicine_dialog_new (GTK_WINDOW (self), self->context, medicine);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_medicine_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_medicine_clicked_cb (TmPreferencesDialog *self)
{
  open_medicine (self, NULL);
}

static void
on_medicine_activated_cb (AdwActionRow        *row,
                          TmPreferencesDialog *self)
{
  open_medicine (self, g_object_get_data (G_OBJECT (row), "medicine"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const TmRegularMedicine *first = *(TmRegularMedicine * const *) a;
  const TmRegularMedicine *second = *(TmRegularMedicine * const *) b;

  return g_utf8_collate (first->name, second->name);
}

/* "100 mg · every morning · Antidepressant · since Monday 5 January 2026" */
static char *
describe_medicine (const TmRegularMedicine *medicine)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean stopped = medicine->stopped_on[0] != '\0';
  g_autofree char *day = tm_day_format_long (stopped ? medicine->stopped_on : medicine->started_on);

  if (medicine->dose != TM_UNSET_HOURS)
    g_ptr_array_add (parts, tm_regular_medicine_describe_dose (medicine));
  if (medicine->schedule != NULL)
    g_ptr_array_add (parts, g_strdup (medicine->schedule));
  g_ptr_array_add (parts, g_strdup (tm_medicine_kind_get_label (medicine->kind)));
  /* Translators: %s is a date: "since Monday 5 January 2026", "until Tuesday 30 June 2026" */
  g_ptr_array_add (parts, g_strdup_printf (stopped ? _("until %s") : _("since %s"), day));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of a medicine's description */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static GtkWidget *
new_medicine_row (TmPreferencesDialog *self,
                  TmRegularMedicine   *medicine)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_medicine (medicine);

  /* What the person typed is shown as typed, not read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), medicine->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (medicine->stopped_on[0] == '\0')
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "medicine", g_object_ref (medicine), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (on_medicine_activated_cb), self);
    }
  return row;
}

static void
add_medicine_row (TmPreferencesDialog *self,
                  AdwPreferencesGroup *group,
                  GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->medicine_rows, row);
}

/* Each medicine as it is now: taken, under Current, or stopped, under
 * Stopped; by name. */
static void
load_medicines (TmPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = tm_store_list_medicines (self->store, &error);
  g_autoptr(GPtrArray) latest = NULL;
  guint n_current = 0, n_stopped = 0;

  for (guint i = 0; i < self->medicine_rows->len; i++)
    {
      GtkWidget *row = self->medicine_rows->pdata[i];

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->medicine_rows, 0);

  if (all == NULL)
    {
      tm_error_label_show (self->medicines_error_label, error->message);
      return;
    }
  tm_error_label_hide (self->medicines_error_label);

  latest = tm_regular_medicine_list_current (all);
  g_ptr_array_sort (latest, compare_names);
  for (guint i = 0; i < latest->len; i++)
    {
      TmRegularMedicine *medicine = latest->pdata[i];
      gboolean stopped = medicine->stopped_on[0] != '\0';

      add_medicine_row (self, stopped ? self->stopped_medicines_group : self->current_medicines_group,
                        new_medicine_row (self, medicine));
      if (stopped)
        n_stopped++;
      else
        n_current++;
    }

  if (n_current == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No medicines added"));
      gtk_widget_add_css_class (row, "dim-label");
      add_medicine_row (self, self->current_medicines_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stopped_medicines_group), n_stopped > 0);
}

/* Backups */

/* What an asynchronous step hands its callback: the window, weakly, so
 * that a step ending after the window has gone finds nothing to do. */
static GWeakRef *
weak_self (TmPreferencesDialog *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static TmPreferencesDialog *
take_self (gpointer user_data)
{
  GWeakRef *ref = user_data;
  TmPreferencesDialog *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self != NULL && self->store == NULL)
    g_clear_object (&self);
  return self;
}

static void load_backups (TmPreferencesDialog *self);

static void
backups_failed (TmPreferencesDialog *self,
                const char          *message)
{
  tm_error_label_show (self->backups_error_label, message);
}

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TmPreferencesDialog) self = take_self (user_data);
  g_autoptr(GError) error = NULL;
  gboolean made = tm_backup_keys_back_up_finish (result, &error);

  /* The window went meanwhile. */
  if (self == NULL)
    return;
  gtk_widget_set_sensitive (self->back_up_button, TRUE);
  if (!made)
    {
      backups_failed (self, error->message);
      return;
    }
  tm_error_label_hide (self->backups_error_label);
  load_backups (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Backed up")));
}

/**
 * tm_preferences_dialog_back_up_now:
 *
 * Makes today's backup (again), encrypted when chosen, and lists it.
 */
void
tm_preferences_dialog_back_up_now (TmPreferencesDialog *self)
{
  g_return_if_fail (TM_IS_PREFERENCES_DIALOG (self));

  gtk_widget_set_sensitive (self->back_up_button, FALSE);
  tm_backup_keys_back_up_async (self->store, tm_context_get_settings (self->context), GTK_WINDOW (self), FALSE,
                                on_backed_up_cb, weak_self (self));
}

static void
on_back_up_clicked_cb (TmPreferencesDialog *self)
{
  tm_preferences_dialog_back_up_now (self);
}

/* What the store holds came back with the data too. */
static void
show_restored (TmPreferencesDialog *self)
{
  g_autofree char *report_name = tm_store_get_report_name (self->store);

  self->loading = TRUE;
  set_text (self->report_name_row, report_name);
  self->typed &= ~TYPED_REPORT_NAME;
  self->loading = FALSE;
  tm_error_label_hide (self->backups_error_label);
  load (self);
  load_medicines (self);
  load_backups (self);
}

/* Undo puts back the file the restore set aside; it stays set aside too,
 * and the restored data is set aside in its turn: nothing is deleted. */
static void
on_undo_restore_cb (AdwToast            *toast,
                    TmPreferencesDialog *self)
{
  const char *replaced = g_object_get_data (G_OBJECT (toast), "replaced");
  g_autoptr(GError) error = NULL;

  if (!tm_store_restore_backup (self->store, replaced, NULL, &error))
    {
      backups_failed (self, error->message);
      return;
    }
  show_restored (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Your data is back as it was before the restore")));
}

/* @backup's data, from @path (the backup, or its opened copy), in place. */
static void
restore_from (TmPreferencesDialog *self,
              TmBackup            *backup,
              const char          *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *day = tm_day_format_long (backup->day);
  g_autofree char *notice = NULL;
  AdwToast *toast;

  if (!tm_store_restore_backup (self->store, path, &aside, &error))
    {
      backups_failed (self, error->message);
      return;
    }
  show_restored (self);
  /* Translators: a date */
  notice = g_strdup_printf (_("Restored the backup of %s"), day);
  toast = adw_toast_new (notice);
  if (aside != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
      g_object_set_data_full (G_OBJECT (toast), "replaced", g_steal_pointer (&aside), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_restore_cb), self, 0);
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
on_unsealed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TmPreferencesDialog) self = take_self (user_data);
  g_autoptr(TmBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPendingFile) plain = tm_backup_keys_unseal_finish (result, &error);

  if (self == NULL || (backup = g_steal_pointer (&self->unsealing)) == NULL)
    return;
  if (plain == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        backups_failed (self, error->message);
      return;
    }
  restore_from (self, backup, tm_pending_file_get_temporary (plain));
}

/* An encrypted backup is opened first (its key, or what it asks for),
 * then restored like a plain one. */
static void
restore (TmPreferencesDialog *self,
         TmBackup            *backup)
{
  if (!tm_backups_is_encrypted (backup->path))
    {
      restore_from (self, backup, backup->path);
      return;
    }
  if (self->unsealing != NULL)
    return;
  self->unsealing = tm_backup_copy (backup);
  tm_backup_keys_unseal_async (GTK_WINDOW (self), backup->path, on_unsealed_cb, weak_self (self));
}

static void
on_restore_response_cb (AdwMessageDialog    *dialog,
                        const char          *response,
                        TmPreferencesDialog *self)
{
  if (g_str_equal (response, "restore"))
    restore (self, g_object_get_data (G_OBJECT (dialog), "backup"));
}

/* Restoring replaces what is shown, so it is asked first. */
static void
on_restore_clicked_cb (GtkButton           *button,
                       TmPreferencesDialog *self)
{
  TmBackup *backup = g_object_get_data (G_OBJECT (button), "backup");
  g_autofree char *day = tm_day_format_long (backup->day);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Tidemark will show your data as it was on %s; anything entered since "
                                    "will not be in it. The data file you have now is kept in the data "
                                    "folder, unchanged."),
                                  day);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore",
                                    _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", tm_backup_copy (backup), (GDestroyNotify) tm_backup_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_backups (TmPreferencesDialog *self)
{
  g_autoptr(GPtrArray) backups = tm_backups_list (tm_store_get_data_dir (self->store));
  g_autofree char *where = g_filename_display_name (tm_store_get_data_dir (self->store));
  g_autofree char *description =
    g_strdup_printf (_("Tidemark copies your data each day you open it, and keeps a copy of each of the last "
                       "7 days and one of each of the 4 weeks before, in %s. It also copies your data just "
                       "before each import, and keeps the last 5 of those copies."),
                     where);

  adw_preferences_group_set_description (self->backups_group, description);
  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, self->backup_rows->pdata[i]);
  g_ptr_array_set_size (self->backup_rows, 0);

  if (backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      TmBackup *backup = backups->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
      g_autofree char *day = tm_day_format_long (backup->day);
      g_autofree char *size = g_format_size (backup->size);
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;
      g_autofree char *subtitle = NULL;

      if (backup->kind == TM_BACKUP_BEFORE_IMPORT)
        {
          g_autofree char *file = g_path_get_basename (backup->path);

          /* Translators: a time of day, then a file size: "Before an import at 14:05 — 52.3 kB" */
          subtitle = g_strdup_printf (_("Before an import at %s — %s"), backup->time, size);
          /* Translators: a date, then a time of day */
          label = g_strdup_printf (_("Restore the Copy Made Before the Import of %s, %s"), day, backup->time);
          name = g_strconcat ("restore-", file, NULL);
          if (g_str_has_suffix (name, ".db"))
            name[strlen (name) - 3] = '\0';
        }
      else if (tm_backups_is_encrypted (backup->path))
        {
          /* Translators: a file size: "102.4 kB — Encrypted" */
          subtitle = g_strdup_printf (_("%s — Encrypted"), size);
          label = g_strdup_printf (_("Restore the Backup of %s"), day);
          name = g_strconcat ("restore-", backup->day, NULL);
        }
      else
        {
          subtitle = g_strdup (size);
          label = g_strdup_printf (_("Restore the Backup of %s"), day);
          name = g_strconcat ("restore-", backup->day, NULL);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (button, label);
      g_object_set_data_full (G_OBJECT (button), "backup", backups->pdata[i], (GDestroyNotify) tm_backup_free);
      backups->pdata[i] = NULL;
      g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

/* Encryption: the switch and the key's source are bound to the settings.
 * Switched on (or given another source), once kept, what it needs is
 * readied at once: the keyring's key, whose recovery code is shown when it is new,
 * or this session's passphrase. */
static const char * const key_sources[] = { "keyring", "passphrase", NULL };

static gboolean
uses_passphrase (TmPreferencesDialog *self)
{
  return adw_combo_row_get_selected (self->key_source_row) == 1;
}

static void
show_key_source (TmPreferencesDialog *self)
{
  gboolean on = gtk_switch_get_active (self->encrypt_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_source_row), on);
  gtk_widget_set_sensitive (self->recovery_code_row, on);
  gtk_widget_set_visible (self->recovery_code_row, !uses_passphrase (self));
  gtk_widget_set_visible (self->passphrase_warning, uses_passphrase (self));
}

static void
on_prepared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TmPreferencesDialog) self = take_self (user_data);
  g_autoptr(GError) error = NULL;
  gboolean ready = tm_backup_keys_prepare_finish (result, &error);

  if (self == NULL)
    return;
  if (ready)
    {
      tm_error_label_hide (self->backups_error_label);
      return;
    }
  /* No passphrase chosen: backups stay as they were, plain or sealed with
   * the keyring's key. */
  if (g_error_matches (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_NEEDS_PASSPHRASE))
    {
      if (self->source_changed)
        adw_combo_row_set_selected (self->key_source_row, 0);
      else
        gtk_switch_set_active (self->encrypt_switch, FALSE);
      return;
    }
  backups_failed (self, error->message);
}

static void
prepare_encryption (TmPreferencesDialog *self)
{
  if (self->loading || !gtk_switch_get_active (self->encrypt_switch))
    return;
  tm_backup_keys_prepare_async (tm_context_get_settings (self->context), GTK_WINDOW (self), on_prepared_cb,
                                weak_self (self));
}

static void
on_encrypt_switched_cb (TmPreferencesDialog *self)
{
  show_key_source (self);
  self->source_changed = FALSE;
  prepare_encryption (self);
}

static void
on_key_source_selected_cb (TmPreferencesDialog *self)
{
  show_key_source (self);
  if (self->loading)
    return;
  /* A passphrase chosen anew is asked anew. */
  tm_backup_keys_forget_passphrase ();
  self->source_changed = TRUE;
  prepare_encryption (self);
}

static void
on_recovery_code_shown_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(TmPreferencesDialog) self = take_self (user_data);
  g_autoptr(GError) error = NULL;

  if (!tm_backup_keys_show_recovery_code_finish (result, &error) && self != NULL)
    backups_failed (self, error->message);
}

static void
on_recovery_code_activated_cb (TmPreferencesDialog *self)
{
  tm_backup_keys_show_recovery_code (GTK_WINDOW (self), on_recovery_code_shown_cb, weak_self (self));
}

static void
load_encryption (TmPreferencesDialog *self)
{
  GSettings *settings = tm_context_get_settings (self->context);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_string_list_append (sources, _("Keyring"));
  gtk_string_list_append (sources, _("Passphrase"));
  adw_combo_row_set_model (self->key_source_row, G_LIST_MODEL (sources));
  if (settings != NULL)
    {
      g_settings_bind (settings, "encrypt-backups", self->encrypt_switch, "active", G_SETTINGS_BIND_DEFAULT);
      tm_settings_bind_choices (settings, "backup-key-source", self->key_source_row, key_sources);
      /* Once kept: what is readied follows what the settings say. */
      g_signal_connect_object (settings, "changed::encrypt-backups", G_CALLBACK (on_encrypt_switched_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::backup-key-source", G_CALLBACK (on_key_source_selected_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->encrypt_switch), FALSE);
  show_key_source (self);
  self->loading = FALSE;
}

/* The daily question is turned on or off at once; the switch follows
 * what is kept, also when the choice is made on Today. */
static void
load_daily_question (TmPreferencesDialog *self)
{
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  gtk_switch_set_active (self->daily_question_switch, tm_daily_question_is_on (self->store));
  self->loading = was_loading;
}

static void
on_daily_question_switched_cb (TmPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->store == NULL)
    return;

  tm_error_label_hide (self->daily_question_error);
  if (!tm_daily_question_set_on (self->store, gtk_switch_get_active (self->daily_question_switch),
                                 &error))
    {
      tm_error_label_show (self->daily_question_error, error->message);
      load_daily_question (self);
    }
}

/* Closing keeps what was typed; a value that can't be kept holds the
 * window open, with the reason at its row and the text as typed. */
static gboolean
tm_preferences_dialog_close_request (GtkWindow *window)
{
  TmPreferencesDialog *self = TM_PREFERENCES_DIALOG (window);

  if (!keep_typed (self, TRUE))
    return GDK_EVENT_STOP;

  return GTK_WINDOW_CLASS (tm_preferences_dialog_parent_class)->close_request (window);
}

static void
tm_preferences_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TmPreferencesDialog *self = TM_PREFERENCES_DIALOG (object);

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
tm_preferences_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TmPreferencesDialog *self = TM_PREFERENCES_DIALOG (object);

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
tm_preferences_dialog_dispose (GObject *object)
{
  TmPreferencesDialog *self = TM_PREFERENCES_DIALOG (object);

  /* Destroyed without closing (Tidemark quits): whatever can be kept is. */
  if (self->store != NULL && self->typed != 0)
    keep_typed (self, FALSE);
  g_clear_handle_id (&self->keep_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unsealing, tm_backup_free);
  g_clear_pointer (&self->medicine_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_PREFERENCES_DIALOG);

  G_OBJECT_CLASS (tm_preferences_dialog_parent_class)->dispose (object);
}

static void
tm_preferences_dialog_class_init (TmPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_preferences_dialog_get_property;
  object_class->set_property = tm_preferences_dialog_set_property;
  object_class->dispose = tm_preferences_dialog_dispose;
  window_class->close_request = tm_preferences_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_ERROR_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, crisis_name_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, crisis_number_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, emergency_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, clinician_name_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, clinician_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, out_of_hours_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, unknown_group);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, reminder_switch);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, reminder_time_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, reminder_hour_spin);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, reminder_minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_two_digits_output_cb);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, background_switch);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, report_name_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, general_error_label);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, daily_question_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, daily_question_switch);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, daily_question_error);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, current_medicines_group);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, add_medicine_button);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, stopped_medicines_group);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, medicines_error_label);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, backups_group);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, backups_error_label);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, key_source_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, recovery_code_row);
  gtk_widget_class_bind_template_child (widget_class, TmPreferencesDialog, passphrase_warning);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_code_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_country_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_report_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reminder_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_report_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_daily_question_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_medicine_clicked_cb);
}

static void
tm_preferences_dialog_init (TmPreferencesDialog *self)
{
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  const char * const *codes = tm_crisis_countries ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_action_row_set_subtitle (self->daily_question_row, tm_daily_question_get_text ());
  self->loading = TRUE;
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (countries, tm_crisis_country_get_name (codes[i]));
  gtk_string_list_append (countries, tm_crisis_country_get_name (NULL));
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (countries));
  self->loading = FALSE;
  self->backup_rows = g_ptr_array_new ();
  self->medicine_rows = g_ptr_array_new ();
  tm_accessible_name_rows (GTK_WIDGET (self));
  tm_accessible_name_entry (GTK_WIDGET (self->reminder_hour_spin), _("Reminder Hour"));
  tm_accessible_name_entry (GTK_WIDGET (self->reminder_minute_spin), _("Reminder Minute"));
}

TmPreferencesDialog *
tm_preferences_dialog_new (GtkWindow *parent,
                           TmContext *context)
{
  TmPreferencesDialog *self;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);

  self = g_object_new (TM_TYPE_PREFERENCES_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
  load (self);
  load_general (self);
  load_daily_question (self);
  load_medicines (self);
  load_backups (self);
  load_encryption (self);
  g_signal_connect_object (self->store, "meta-changed::daily-question",
                           G_CALLBACK (load_daily_question), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "medicines-changed",
                           G_CALLBACK (load_medicines), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * tm_preferences_dialog_show_country:
 *
 * Shows the Safety page, at the country of the crisis numbers.
 */
void
tm_preferences_dialog_show_country (TmPreferencesDialog *self)
{
  g_return_if_fail (TM_IS_PREFERENCES_DIALOG (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "safety");
  gtk_widget_grab_focus (GTK_WIDGET (self->country_row));
}
