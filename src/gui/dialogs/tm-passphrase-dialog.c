/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A passphrase: chosen (typed twice, at least TM_CRYPT_MIN_PASSPHRASE
 * characters, with the warning that a lost one cannot be recovered) or
 * asked for (typed once); or the recovery code of a key (typed once, in
 * plain sight). The words — title, what it is for, the button — are the
 * caller's. The dialog does no encryption itself: on
 * ::submitted its caller does the work — in a thread, Argon2id takes a
 * while — with the dialog busy, then either finishes it or shows why not
 * under the fields, keeping what was typed. */
#define G_LOG_DOMAIN "tm-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-crypt.h"
#include "tm-error-label.h"
#include "tm-passphrase-dialog.h"

struct _TmPassphraseDialog
{
  AdwWindow               parent_instance;

  AdwWindowTitle         *window_title;
  GtkButton              *ok_button;
  GtkSpinner             *spinner;
  GtkLabel               *body_label;
  GtkLabel               *warning_label;
  AdwPasswordEntryRow    *passphrase_row;
  AdwPasswordEntryRow    *again_row;
  AdwEntryRow            *code_row;
  TmErrorLabel           *error_label;

  TmPassphraseDialogMode  mode;
  gboolean                busy;
  gboolean                finished;
};

G_DEFINE_FINAL_TYPE (TmPassphraseDialog, tm_passphrase_dialog, ADW_TYPE_WINDOW)

enum {
  SUBMITTED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The row typed in: the recovery code's, or the (first) passphrase's. */
static GtkWidget *
typed_row (TmPassphraseDialog *self)
{
  if (self->mode == TM_PASSPHRASE_DIALOG_RECOVERY_CODE)
    return GTK_WIDGET (self->code_row);
  return GTK_WIDGET (self->passphrase_row);
}

/* Whether what is typed may be submitted; why not in @error. */
static gboolean
check_typed (TmPassphraseDialog  *self,
             GError             **error)
{
  const char *passphrase = text_of (typed_row (self));

  if (self->mode == TM_PASSPHRASE_DIALOG_RECOVERY_CODE)
    {
      if (passphrase[0] != '\0')
        return TRUE;
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE, _("Type the recovery code."));
      return FALSE;
    }
  if (self->mode == TM_PASSPHRASE_DIALOG_ASK)
    {
      if (passphrase[0] != '\0')
        return TRUE;
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE, _("Type the passphrase."));
      return FALSE;
    }
  if (!tm_crypt_check_passphrase (passphrase, error))
    return FALSE;
  if (!g_str_equal (passphrase, text_of (self->again_row)))
    {
      g_set_error_literal (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_PASSPHRASE,
                           _("The two passphrases are not the same. Type the same one in both."));
      return FALSE;
    }
  return TRUE;
}

static void
update_button (TmPassphraseDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), !self->busy && check_typed (self, NULL));
}

static void
on_changed_cb (TmPassphraseDialog *self)
{
  tm_error_label_hide (self->error_label);
  update_button (self);
}

/**
 * tm_passphrase_dialog_submit:
 *
 * What Enter and the button do: when what is typed passes (in
 * %TM_PASSPHRASE_DIALOG_NEW, the rule and both the same), the dialog
 * turns busy and emits ::submitted; otherwise it says why under the
 * fields.
 *
 * Returns: whether ::submitted was emitted
 */
gboolean
tm_passphrase_dialog_submit (TmPassphraseDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TM_IS_PASSPHRASE_DIALOG (self), FALSE);

  if (self->busy || self->finished)
    return FALSE;
  if (!check_typed (self, &error))
    {
      tm_passphrase_dialog_show_error (self, error->message);
      return FALSE;
    }
  tm_passphrase_dialog_set_busy (self, TRUE);
  g_signal_emit (self, signals[SUBMITTED], 0, text_of (typed_row (self)));
  return TRUE;
}

static void
on_ok_clicked_cb (TmPassphraseDialog *self)
{
  tm_passphrase_dialog_submit (self);
}

static gboolean
tm_passphrase_dialog_close_request (GtkWindow *window)
{
  TmPassphraseDialog *self = TM_PASSPHRASE_DIALOG (window);

  /* Closed without finishing: the caller hears it once. */
  if (!self->finished)
    {
      self->finished = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  return GTK_WINDOW_CLASS (tm_passphrase_dialog_parent_class)->close_request (window);
}

/* Destroyed without being closed (with its parent, or as Tidemark quits):
 * the caller hears it too. */
static void
tm_passphrase_dialog_dispose (GObject *object)
{
  TmPassphraseDialog *self = TM_PASSPHRASE_DIALOG (object);

  if (!self->finished)
    {
      self->finished = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), TM_TYPE_PASSPHRASE_DIALOG);

  G_OBJECT_CLASS (tm_passphrase_dialog_parent_class)->dispose (object);
}

static void
tm_passphrase_dialog_class_init (TmPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tm_passphrase_dialog_dispose;
  window_class->close_request = tm_passphrase_dialog_close_request;

  /**
   * TmPassphraseDialog::submitted:
   * @passphrase: what was typed, valid during the emission (copy it)
   *
   * The dialog is busy now: do the work, then call
   * tm_passphrase_dialog_finish() or tm_passphrase_dialog_show_error().
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TmPassphraseDialog::cancelled:
   *
   * Closed without being finished (Cancel, Escape, the window going or
   * being destroyed);
   * work under way for ::submitted should stop.
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TM_TYPE_ERROR_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, again_row);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TmPassphraseDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_passphrase_dialog_init (TmPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tm_passphrase_dialog_new:
 * @parent: (nullable): the window it goes over
 * @mode: %TM_PASSPHRASE_DIALOG_NEW to choose one, %TM_PASSPHRASE_DIALOG_ASK
 *   to ask for one, %TM_PASSPHRASE_DIALOG_RECOVERY_CODE to ask for a
 *   key's recovery code
 * @title: the window's title ("Encrypt the Export")
 * @body: (nullable): what the passphrase is for, in a sentence or two
 * @accept_label: (nullable): the button, with a mnemonic; "_Encrypt" or
 *   "_Unlock" by default
 *
 * Present it, connect to ::submitted (and ::cancelled); the window holds
 * itself while shown, as GTK windows do, and goes with @parent.
 */
TmPassphraseDialog *
tm_passphrase_dialog_new (GtkWindow              *parent,
                          TmPassphraseDialogMode  mode,
                          const char             *title,
                          const char             *body,
                          const char             *accept_label)
{
  TmPassphraseDialog *self;
  gboolean choosing = mode == TM_PASSPHRASE_DIALOG_NEW;
  gboolean code = mode == TM_PASSPHRASE_DIALOG_RECOVERY_CODE;
  g_autofree char *rule = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (TM_TYPE_PASSPHRASE_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "destroy-with-parent", TRUE,
                       "title", title,
                       NULL);
  self->mode = mode;
  adw_window_title_set_title (self->window_title, title);
  gtk_label_set_label (self->body_label, body != NULL ? body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), body != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), choosing);
  gtk_widget_set_visible (GTK_WIDGET (self->again_row), choosing);
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), !code);
  gtk_widget_set_visible (GTK_WIDGET (self->code_row), code);
  if (choosing)
    /* Translators: the passphrase field's title; %d is at least 8 */
    rule = g_strdup_printf (_("Passphrase, at Least %d Characters"), TM_CRYPT_MIN_PASSPHRASE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                 choosing ? rule : _("Passphrase"));
  gtk_button_set_label (self->ok_button,
                        accept_label != NULL ? accept_label : choosing ? _("_Encrypt") : _("_Unlock"));
  gtk_widget_grab_focus (typed_row (self));
  return self;
}

/* What was typed in the first field (the recovery code's, in that mode). */
const char *
tm_passphrase_dialog_get_passphrase (TmPassphraseDialog *self)
{
  g_return_val_if_fail (TM_IS_PASSPHRASE_DIALOG (self), NULL);

  return text_of (typed_row (self));
}

/**
 * tm_passphrase_dialog_set_busy:
 *
 * While busy, the fields take no typing, the button is off and a
 * spinner turns; Cancel stays on.
 */
void
tm_passphrase_dialog_set_busy (TmPassphraseDialog *self,
                               gboolean            busy)
{
  g_return_if_fail (TM_IS_PASSPHRASE_DIALOG (self));

  self->busy = busy;
  /* Not insensitive: the focus stays where it is. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->again_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->code_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_button (self);
}

/**
 * tm_passphrase_dialog_show_error:
 * @message: one sentence: why it did not work and what to do
 *
 * Shows @message under the fields, ends being busy, and keeps what was
 * typed, for another try.
 */
void
tm_passphrase_dialog_show_error (TmPassphraseDialog *self,
                                 const char         *message)
{
  g_return_if_fail (TM_IS_PASSPHRASE_DIALOG (self));

  tm_passphrase_dialog_set_busy (self, FALSE);
  tm_error_label_show (self->error_label, message);
  gtk_widget_grab_focus (typed_row (self));
}

/* The sentence shown under the fields, or NULL. */
const char *
tm_passphrase_dialog_get_error (TmPassphraseDialog *self)
{
  g_return_val_if_fail (TM_IS_PASSPHRASE_DIALOG (self), NULL);

  return tm_error_label_get_shown (self->error_label) ? tm_error_label_get_message (self->error_label) : NULL;
}

/**
 * tm_passphrase_dialog_finish:
 *
 * The work is done: closes the dialog, without ::cancelled.
 */
void
tm_passphrase_dialog_finish (TmPassphraseDialog *self)
{
  g_return_if_fail (TM_IS_PASSPHRASE_DIALOG (self));

  if (self->finished)
    return;
  self->finished = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}
