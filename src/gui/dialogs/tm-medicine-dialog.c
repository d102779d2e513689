/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adding a regular medicine, changing one or stopping it (DESIGN.md,
 * Long-term safety and medicines). Rows are only added: a change or a
 * stop is a new row that replaces the one shown. Everything is checked in
 * core; a refused value is explained at the top, its row is marked, and
 * nothing typed is lost. */
#define G_LOG_DOMAIN "tm-medicine-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tm-accessible.h"
#include "tm-checkin-form.h"
#include "tm-choices.h"
#include "tm-error-label.h"
#include "tm-medicine-dialog.h"
#include "tm-text.h"
#include "tm-time.h"

struct _TmMedicineDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  TmErrorLabel        *error_label;
  AdwPreferencesGroup *medicine_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *dose_row;
  AdwEntryRow         *unit_row;
  AdwEntryRow         *schedule_row;
  AdwComboRow         *kind_row;
  AdwActionRow        *started_row;
  GtkMenuButton       *started_button;
  GtkCalendar         *started_calendar;
  GtkButton           *stop_button;

  TmContext           *context;
  TmStore             *store;      /* the context's */
  TmRegularMedicine   *saved;      /* the row a save replaces, or NULL for a new medicine */
  char                 started_on[TM_DAY_LEN + 1];
  char                *baseline;   /* the form as loaded, without the day */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (TmMedicineDialog, tm_medicine_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static const char *
kind_label (int kind)
{
  return tm_medicine_kind_get_label ((TmMedicineKind) kind);
}

/* What the person can change, as text: unchanged means the same text. The
 * day alone is no change: a change row with nothing else new would only
 * repeat the one before. */
static char *
snapshot (TmMedicineDialog *self)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%u", text_of (self->name_row), text_of (self->dose_row),
                          text_of (self->unit_row), text_of (self->schedule_row),
                          adw_combo_row_get_selected (self->kind_row));
}

static gboolean
is_dirty (TmMedicineDialog *self)
{
  g_autofree char *now = snapshot (self);

  return g_strcmp0 (now, self->baseline) != 0;
}

static void
show_started (TmMedicineDialog *self)
{
  g_autofree char *label = tm_day_format_long (self->started_on);

  gtk_menu_button_set_label (self->started_button, label);
}

/* A change is worth saving only when something in it is new. */
static void
show_save_sensitive (TmMedicineDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->saved == NULL || is_dirty (self));
}

static GtkWidget *
row_for_field (TmMedicineDialog *self,
               const char       *field)
{
  const struct { const char *field; gpointer row; } rows[] = {
    { "name", self->name_row },
    { "dose", self->dose_row },
    { "unit", self->unit_row },
    { "schedule", self->schedule_row },
    { "kind", self->kind_row },
    { "started_on", self->started_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (field, rows[i].field) == 0)
      return rows[i].row;
  return NULL;
}

static void
clear_errors (TmMedicineDialog *self)
{
  const char * const fields[] = { "name", "dose", "unit", "schedule", "kind", "started_on" };

  tm_error_label_hide (self->error_label);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (row_for_field (self, fields[i]), "error");
}

/* Says what is wrong at the top, marks the row of @field and moves the
 * keyboard there. */
static void
show_error (TmMedicineDialog *self,
            const char       *field,
            const char       *message)
{
  GtkWidget *row = row_for_field (self, field);

  tm_error_label_show (self->error_label, message);
  if (row == NULL)
    return;
  gtk_widget_add_css_class (row, "error");
  if (ADW_IS_ENTRY_ROW (row))
    gtk_widget_grab_focus (row);
  else
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

/* The dose as typed, "37.5" or "37,5"; empty is none. Whether it is in
 * range is core's to say, in its own words. */
static gboolean
read_dose (const char  *typed,
           double      *dose,
           GError     **error)
{
  g_autofree char *shown = g_strstrip (g_strdup (typed));
  g_autofree char *s = g_strdelimit (g_strdup (shown), ",", '.');
  char *end;

  if (s[0] == '\0')
    {
      *dose = TM_UNSET_HOURS;
      return TRUE;
    }

  *dose = g_ascii_strtod (s, &end);
  if (*end != '\0' || end == s || !isfinite (*dose))
    {
      g_autofree char *quoted = tm_text_quote (shown);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a number. Write the dose as a number, for example 50 or 2.5, and the unit "
                     "in its own row."),
                   quoted);
      return FALSE;
    }
  return TRUE;
}

/* The row the form shows, or NULL with the field at fault. */
static TmRegularMedicine *
read_form (TmMedicineDialog  *self,
           const char       **field,
           GError           **error)
{
  g_autoptr(TmRegularMedicine) medicine = tm_regular_medicine_new (text_of (self->name_row), self->started_on);

  if (!read_dose (text_of (self->dose_row), &medicine->dose, error))
    {
      *field = "dose";
      return NULL;
    }
  tm_regular_medicine_set_text (&medicine->unit, text_of (self->unit_row));
  tm_regular_medicine_set_text (&medicine->schedule, text_of (self->schedule_row));
  medicine->kind = (TmMedicineKind) adw_combo_row_get_selected (self->kind_row);
  medicine->replaces = self->saved != NULL ? self->saved->id : 0;
  return g_steal_pointer (&medicine);
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Goes away once any question that led here has gone, not while it
 * answers; a safety prompt the store raised meanwhile is the prompter's. */
static void
close_later (TmMedicineDialog *self)
{
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
finish (TmMedicineDialog *self,
        const char       *done)
{
  g_signal_emit (self, signals[SAVED], 0, done);
  close_later (self);
}

/* Adds @medicine; a refusal is shown, and waits for an import being
 * stored elsewhere when that held it up. */
static gboolean
add (TmMedicineDialog  *self,
     TmRegularMedicine *medicine,
     GCallback          again)
{
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  if (!tm_regular_medicine_validate (medicine, &field, &error) ||
      !tm_store_add_medicine (self->store, medicine, &error))
    {
      show_error (self, field, error->message);
      if (again != NULL && tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), again);
      return FALSE;
    }
  return TRUE;
}

static void
save_when_writable_cb (TmMedicineDialog *self)
{
  tm_medicine_dialog_save (self);
}

/**
 * tm_medicine_dialog_save:
 *
 * Adds the medicine shown, or its change from the day chosen, and closes;
 * a refused save keeps the window open with what was typed, and says why.
 */
gboolean
tm_medicine_dialog_save (TmMedicineDialog *self)
{
  g_autoptr(TmRegularMedicine) medicine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *field = NULL;

  g_return_val_if_fail (TM_IS_MEDICINE_DIALOG (self), FALSE);

  if (self->saved != NULL && !is_dirty (self))
    return FALSE;

  clear_errors (self);
  medicine = read_form (self, &field, &error);
  if (medicine == NULL)
    {
      show_error (self, field, error->message);
      return FALSE;
    }
  if (!add (self, medicine, G_CALLBACK (save_when_writable_cb)))
    return FALSE;

  /* Translators: a toast; %s is a medicine's name */
  done = g_strdup_printf (self->saved == NULL ? _("%s added") : _("Change to %s saved"), medicine->name);
  finish (self, done);
  return TRUE;
}

/**
 * tm_medicine_dialog_stop:
 * @day: the last day the medicine was taken
 *
 * Adds the stop of the medicine shown, as it was saved, and closes.
 */
gboolean
tm_medicine_dialog_stop (TmMedicineDialog *self,
                         const char       *day)
{
  g_autoptr(TmRegularMedicine) stop = NULL;
  g_autofree char *done = NULL;

  g_return_val_if_fail (TM_IS_MEDICINE_DIALOG (self), FALSE);
  g_return_val_if_fail (self->saved != NULL, FALSE);

  clear_errors (self);
  /* The stop takes the place of the row it replaces, from its start. */
  stop = tm_regular_medicine_copy (self->saved);
  stop->id = 0;
  g_clear_pointer (&stop->created_at, g_free);
  stop->replaces = self->saved->id;
  g_strlcpy (stop->stopped_on, day, sizeof stop->stopped_on);
  if (!add (self, stop, NULL))
    return FALSE;

  /* Translators: a toast; %s is a medicine's name */
  done = g_strdup_printf (_("%s moved to Stopped"), stop->name);
  finish (self, done);
  return TRUE;
}

static void
on_save_clicked_cb (TmMedicineDialog *self)
{
  tm_medicine_dialog_save (self);
}

static void
on_changed_cb (TmMedicineDialog *self)
{
  clear_errors (self);
  show_save_sensitive (self);
}

static void
on_started_selected_cb (TmMedicineDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->started_calendar);
  g_autofree char *day = tm_day_from_date_time (date);

  g_strlcpy (self->started_on, day, sizeof self->started_on);
  show_started (self);
  gtk_menu_button_popdown (self->started_button);
  clear_errors (self);
}

static void
on_stop_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TmMedicineDialog *self)
{
  GtkCalendar *calendar = GTK_CALENDAR (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *day = tm_day_from_date_time (date);

  if (g_strcmp0 (response, "stop") == 0)
    tm_medicine_dialog_stop (self, day);
}

/* Asks the last day it was taken: today unless another is chosen. */
static void
on_stop_clicked_cb (TmMedicineDialog *self)
{
  g_autoptr(GDateTime) now = tm_time_now ();
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop Taking This Medicine?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Choose the last day you took %s. It moves to Stopped; the days you took it "
                                    "stay in the record."),
                                  self->saved->name);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), now);
  gtk_widget_set_halign (calendar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The last day you took it"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), calendar);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "stop",
                                    _("_Stop Taking"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_stop_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TmMedicineDialog *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    close_later (self);
  else if (g_strcmp0 (response, "save") == 0)
    tm_medicine_dialog_save (self);
}

static gboolean
tm_medicine_dialog_close_request (GtkWindow *window)
{
  TmMedicineDialog *self = TM_MEDICINE_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !is_dirty (self))
    return GDK_EVENT_PROPAGATE;

  dialog = tm_checkin_form_new_save_question (window,
                                              self->saved == NULL ? _("Add This Medicine?")
                                                                  : _("Save the Change?"),
                                              _("What you typed is not saved yet."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  tm_medicine_dialog_save (TM_MEDICINE_DIALOG (widget));
  return TRUE;
}

static void
tm_medicine_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TmMedicineDialog *self = TM_MEDICINE_DIALOG (object);

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
tm_medicine_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TmMedicineDialog *self = TM_MEDICINE_DIALOG (object);

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
tm_medicine_dialog_dispose (GObject *object)
{
  TmMedicineDialog *self = TM_MEDICINE_DIALOG (object);

  g_clear_object (&self->saved);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_MEDICINE_DIALOG);

  G_OBJECT_CLASS (tm_medicine_dialog_parent_class)->dispose (object);
}

static void
tm_medicine_dialog_finalize (GObject *object)
{
  g_free (TM_MEDICINE_DIALOG (object)->baseline);

  G_OBJECT_CLASS (tm_medicine_dialog_parent_class)->finalize (object);
}

static void
tm_medicine_dialog_class_init (TmMedicineDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_medicine_dialog_get_property;
  object_class->set_property = tm_medicine_dialog_set_property;
  object_class->dispose = tm_medicine_dialog_dispose;
  object_class->finalize = tm_medicine_dialog_finalize;
  window_class->close_request = tm_medicine_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TmMedicineDialog::saved:
   * @done: what was saved, for a toast
   *
   * Emitted after a medicine, its change or its stop was added, as the
   * window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TM_TYPE_ERROR_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-medicine-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, medicine_group);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, dose_row);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, started_row);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, started_button);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, started_calendar);
  gtk_widget_class_bind_template_child (widget_class, TmMedicineDialog, stop_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_started_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_medicine_dialog_init (TmMedicineDialog *self)
{
  g_autoptr(GListModel) kinds = tm_choices_new (NULL, kind_label, TM_N_MEDICINE_KINDS);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->kind_row, kinds);
  tm_accessible_name_rows (GTK_WIDGET (self));
}

/* Fills the form from @medicine: a new one is empty, a change starts
 * today. */
static void
load (TmMedicineDialog        *self,
      const TmRegularMedicine *medicine)
{
  g_autofree char *today = tm_day_today ();
  g_autoptr(GDateTime) now = tm_time_now ();

  if (medicine != NULL)
    {
      /* As the locale writes it, every digit kept. */
      g_autofree char *dose = medicine->dose != TM_UNSET_HOURS ? g_strdup_printf ("%.10g", medicine->dose)
                                                               : NULL;

      set_text (self->name_row, medicine->name);
      set_text (self->dose_row, dose);
      set_text (self->unit_row, medicine->unit);
      set_text (self->schedule_row, medicine->schedule);
    }
  adw_combo_row_set_selected (self->kind_row, medicine != NULL ? medicine->kind : TM_MEDICINE_KIND_OTHER);
  g_strlcpy (self->started_on, today, sizeof self->started_on);
  gtk_calendar_select_day (self->started_calendar, now);
  show_started (self);

  g_free (self->baseline);
  self->baseline = snapshot (self);
  clear_errors (self);
  show_save_sensitive (self);
}

/**
 * tm_medicine_dialog_new:
 * @medicine: (nullable): the current row of a medicine, to change or stop;
 *   %NULL to add one
 */
TmMedicineDialog *
tm_medicine_dialog_new (GtkWindow         *parent,
                        TmContext         *context,
                        TmRegularMedicine *medicine)
{
  TmMedicineDialog *self;
  const char *title = medicine != NULL ? _("Change Medicine") : _("Add Medicine");

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (medicine == NULL || TM_IS_REGULAR_MEDICINE (medicine), NULL);

  self = g_object_new (TM_TYPE_MEDICINE_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       "title", title,
                       NULL);
  if (medicine != NULL)
    self->saved = tm_regular_medicine_copy (medicine);

  adw_window_title_set_title (self->window_title, title);
  if (medicine != NULL)
    {
      adw_window_title_set_subtitle (self->window_title, medicine->name);
      adw_preferences_group_set_description (self->medicine_group,
                                             _("Saving adds the change from the day you choose. The medicine "
                                               "as it was before stays in the record."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->started_row), _("Changed On"));
      gtk_button_set_label (self->save_button, _("_Save Change"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), _("Save the Change (Ctrl+S)"));
      gtk_widget_set_visible (GTK_WIDGET (self->stop_button), TRUE);
    }
  else
    {
      adw_preferences_group_set_description (self->medicine_group,
                                             _("Write it as on the box or the prescription."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->started_row), _("Started On"));
      gtk_button_set_label (self->save_button, _("_Add"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), _("Add This Medicine (Ctrl+S)"));
    }
  load (self, medicine);

  return self;
}
