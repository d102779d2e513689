/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Clinician mode's door: set the PIN on first use, enter it, or change it.
 * A wrong PIN shows how long until the next try and keeps the button off
 * until then. "Forgot the PIN?" resets it after saying what that does. */
#define G_LOG_DOMAIN "tm-pin-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-clinician.h"
#include "tm-error-label.h"
#include "tm-pin-dialog.h"

struct _TmPinDialog
{
  AdwWindow         parent_instance;

  AdwWindowTitle   *window_title;
  GtkLabel         *explain_label;
  GtkButton        *ok_button;
  AdwEntryRow      *current_row;
  AdwEntryRow      *new_row;
  AdwEntryRow      *confirm_row;
  TmErrorLabel     *error_label;
  GtkButton        *forgot_button;

  TmContext        *context;
  TmStore          *store; /* the context's */
  TmPinDialogMode   mode;
  guint             wait_id;
  int               wait_left;   /* seconds until the next try */
  gboolean          done;
  gboolean          told;        /* setting: the clinician-chooses-it step is past */
};

G_DEFINE_FINAL_TYPE (TmPinDialog, tm_pin_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_wait (TmPinDialog *self)
{
  if (self->wait_left > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "That is not the clinician PIN. Try again in %d second.",
                                      "That is not the clinician PIN. Try again in %d seconds.",
                                      self->wait_left),
                         self->wait_left);
      tm_error_label_show (self->error_label, message);
    }
  else
    tm_error_label_show (self->error_label, _("That is not the clinician PIN. Try again."));

  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), self->wait_left <= 0);
}

static gboolean
on_wait_tick_cb (gpointer data)
{
  TmPinDialog *self = data;

  self->wait_left--;
  show_wait (self);
  if (self->wait_left > 0)
    return G_SOURCE_CONTINUE;

  self->wait_id = 0;
  return G_SOURCE_REMOVE;
}

/* Counts down from @seconds, with the button off until then. */
static void
start_waiting (TmPinDialog *self,
               int          seconds)
{
  g_clear_handle_id (&self->wait_id, g_source_remove);
  self->wait_left = seconds;
  show_wait (self);
  if (seconds > 0)
    self->wait_id = g_timeout_add_seconds (1, on_wait_tick_cb, self);
}

static void
on_changed_cb (TmPinDialog *self)
{
  if (self->wait_id == 0)
    tm_error_label_hide (self->error_label);
}

static gboolean
check_new_pin (TmPinDialog  *self,
               GError      **error)
{
  if (!tm_clinician_validate_pin (text_of (self->new_row), error))
    return FALSE;

  if (g_strcmp0 (text_of (self->new_row), text_of (self->confirm_row)) != 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The two new PINs are not the same. Type it again in both."));
      return FALSE;
    }

  return TRUE;
}

/**
 * tm_pin_dialog_submit:
 *
 * Does what the dialog is for; on success emits ::unlocked and closes.
 */
gboolean
tm_pin_dialog_submit (TmPinDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int retry_in = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (TM_IS_PIN_DIALOG (self), FALSE);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->ok_button)))
    return FALSE;

  /* The first PIN: only once the app has said who chooses it. */
  if (self->mode == TM_PIN_DIALOG_SET && !self->told)
    {
      self->told = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->new_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), TRUE);
      gtk_button_set_label (self->ok_button, _("_Set PIN"));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return FALSE;
    }

  switch (self->mode)
    {
    case TM_PIN_DIALOG_SET:
      ok = check_new_pin (self, &error) && tm_clinician_set_pin (self->store, text_of (self->new_row), &error);
      break;
    case TM_PIN_DIALOG_ENTER:
      ok = tm_clinician_verify_pin (self->store, text_of (self->current_row), now, &retry_in, &error);
      break;
    case TM_PIN_DIALOG_CHANGE:
      ok = check_new_pin (self, &error) &&
           tm_clinician_change_pin (self->store, text_of (self->current_row),
                                    text_of (self->new_row), now, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
      if (retry_in > 0)
        start_waiting (self, retry_in);
      else if (tm_clinician_get_wait (self->store, now) > 0)
        start_waiting (self, tm_clinician_get_wait (self->store, now));
      else
        tm_error_label_show (self->error_label, error->message);
      return FALSE;
    }

  self->done = TRUE;
  g_signal_emit (self, signals[UNLOCKED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_ok_clicked_cb (TmPinDialog *self)
{
  tm_pin_dialog_submit (self);
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TmPinDialog      *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reset") != 0)
    return;

  if (!tm_clinician_reset_pin (self->store, &error))
    {
      tm_error_label_show (self->error_label, error->message);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_forgot_clicked_cb (TmPinDialog *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), _("Reset the Clinician PIN?"),
    _("Only do this when the clinician has forgotten the PIN. The plan and all its history stay "
      "as they are. The reset is recorded with today's date and shown in the plan history, and "
      "the next time the plan is edited a new PIN is chosen.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reset", _("_Reset PIN"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tm_pin_dialog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmPinDialog *self = TM_PIN_DIALOG (object);

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
tm_pin_dialog_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TmPinDialog *self = TM_PIN_DIALOG (object);

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
tm_pin_dialog_dispose (GObject *object)
{
  TmPinDialog *self = TM_PIN_DIALOG (object);

  g_clear_handle_id (&self->wait_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_PIN_DIALOG);

  G_OBJECT_CLASS (tm_pin_dialog_parent_class)->dispose (object);
}

static void
tm_pin_dialog_class_init (TmPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_pin_dialog_get_property;
  object_class->set_property = tm_pin_dialog_set_property;
  object_class->dispose = tm_pin_dialog_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TmPinDialog::unlocked:
   *
   * The PIN was set, entered or changed: clinician mode may open.
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TM_TYPE_ERROR_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, explain_label);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TmPinDialog, forgot_button);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_pin_dialog_init (TmPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TmPinDialog *
tm_pin_dialog_new (GtkWindow       *parent,
                   TmContext       *context,
                   TmPinDialogMode  mode)
{
  TmPinDialog *self;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);

  self = g_object_new (TM_TYPE_PIN_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
  self->mode = mode;

  gtk_widget_set_visible (GTK_WIDGET (self->current_row), mode != TM_PIN_DIALOG_SET);
  gtk_widget_set_visible (GTK_WIDGET (self->new_row), mode != TM_PIN_DIALOG_ENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), mode != TM_PIN_DIALOG_ENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->forgot_button), mode == TM_PIN_DIALOG_ENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_row),
                                 mode == TM_PIN_DIALOG_CHANGE ? _("Current PIN") : _("Clinician PIN"));

  switch (mode)
    {
    case TM_PIN_DIALOG_SET:
      adw_window_title_set_title (self->window_title, _("Set a Clinician PIN"));
      gtk_label_set_label (self->explain_label,
                           _("Your clinician chooses this PIN, at your visit: hand the computer to them "
                             "now. With it, only they change the maintenance plan. It keeps the plan from "
                             "being changed by accident; it is not a security lock, and anyone who can "
                             "open this computer's files can read them."));
      gtk_button_set_label (self->ok_button, _("_Continue"));
      gtk_widget_set_visible (GTK_WIDGET (self->new_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), FALSE);
      break;
    case TM_PIN_DIALOG_ENTER:
      adw_window_title_set_title (self->window_title, _("Clinician Mode"));
      gtk_button_set_label (self->ok_button, _("_Unlock"));
      break;
    case TM_PIN_DIALOG_CHANGE:
    default:
      adw_window_title_set_title (self->window_title, _("Change the Clinician PIN"));
      gtk_button_set_label (self->ok_button, _("_Change PIN"));
      break;
    }
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));

  if (tm_clinician_get_wait (self->store, g_get_real_time () / G_USEC_PER_SEC) > 0)
    start_waiting (self, tm_clinician_get_wait (self->store, g_get_real_time () / G_USEC_PER_SEC));

  return self;
}
