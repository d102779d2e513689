/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asks for what an encrypted backup needs: a passphrase for this session's
 * backups (typed twice, with the warning that nobody can recover it), the
 * passphrase of a backup being restored, or the recovery code of its key.
 * "submitted" hands over what was typed; the owner checks it (possibly in
 * a thread, while the dialog waits) and either finishes the dialog or
 * shows why not, the text kept. Closed otherwise: "cancelled". */
#define G_LOG_DOMAIN "tm-backup-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-backup-passphrase-dialog.h"
#include "tm-crypt.h"
#include "tm-error-label.h"

struct _TmBackupPassphraseDialog
{
  AdwWindow               parent_instance;

  AdwWindowTitle         *window_title;
  GtkButton              *ok_button;
  GtkSpinner             *spinner;
  GtkLabel               *explain_label;
  AdwEntryRow            *passphrase_row;
  AdwEntryRow            *again_row;
  AdwEntryRow            *code_row;
  TmErrorLabel           *error_label;
  GtkLabel               *warning_label;

  TmBackupPassphraseMode  mode;
  gboolean                waiting;
  gboolean                done;
};

G_DEFINE_FINAL_TYPE (TmBackupPassphraseDialog, tm_backup_passphrase_dialog, ADW_TYPE_WINDOW)

enum { SUBMITTED, CANCELLED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
typed (TmBackupPassphraseDialog *self)
{
  AdwEntryRow *row = self->mode == TM_BACKUP_PASSPHRASE_RECOVERY_CODE ? self->code_row : self->passphrase_row;

  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_waiting (TmBackupPassphraseDialog *self,
             gboolean                  waiting)
{
  self->waiting = waiting;
  gtk_spinner_set_spinning (self->spinner, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), waiting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), !waiting && typed (self)[0] != '\0');
}

static void
on_changed_cb (TmBackupPassphraseDialog *self)
{
  set_waiting (self, self->waiting);
}

/* A new passphrase is checked here: long enough, the same twice. */
static void
on_ok_clicked_cb (TmBackupPassphraseDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->waiting || typed (self)[0] == '\0')
    return;
  if (self->mode == TM_BACKUP_PASSPHRASE_CHOOSE)
    {
      if (!tm_crypt_check_passphrase (typed (self), &error))
        {
          tm_backup_passphrase_dialog_show_error (self, error->message);
          return;
        }
      if (g_strcmp0 (typed (self), gtk_editable_get_text (GTK_EDITABLE (self->again_row))) != 0)
        {
          tm_backup_passphrase_dialog_show_error (self, _("The two passphrases differ. Type the same one twice."));
          return;
        }
    }
  tm_error_label_hide (self->error_label);
  set_waiting (self, TRUE);
  g_signal_emit (self, signals[SUBMITTED], 0, typed (self));
}

/* Closed, or destroyed with its parent: whoever waits hears of it. */
static void
tm_backup_passphrase_dialog_dispose (GObject *object)
{
  TmBackupPassphraseDialog *self = TM_BACKUP_PASSPHRASE_DIALOG (object);

  if (!self->done)
    {
      self->done = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_BACKUP_PASSPHRASE_DIALOG);
  G_OBJECT_CLASS (tm_backup_passphrase_dialog_parent_class)->dispose (object);
}

static void
tm_backup_passphrase_dialog_class_init (TmBackupPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_backup_passphrase_dialog_dispose;

  /**
   * TmBackupPassphraseDialog::submitted:
   * @text: the passphrase or the recovery code typed
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 0);

  g_type_ensure (TM_TYPE_ERROR_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tidemark/Tidemark/dialogs/tm-backup-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, explain_label);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, again_row);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TmBackupPassphraseDialog, warning_label);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
}

static void
tm_backup_passphrase_dialog_init (TmBackupPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Each mode's words and rows. */
static void
set_mode (TmBackupPassphraseDialog *self,
          TmBackupPassphraseMode    mode)
{
  gboolean choose = mode == TM_BACKUP_PASSPHRASE_CHOOSE;
  gboolean code = mode == TM_BACKUP_PASSPHRASE_RECOVERY_CODE;

  self->mode = mode;
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), !code);
  gtk_widget_set_visible (GTK_WIDGET (self->again_row), choose);
  gtk_widget_set_visible (GTK_WIDGET (self->code_row), code);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), choose);
  switch (mode)
    {
    case TM_BACKUP_PASSPHRASE_CHOOSE:
      adw_window_title_set_title (self->window_title, _("Backup Passphrase"));
      gtk_label_set_text (self->explain_label,
                          _("Backups made while Tidemark is open are encrypted with this passphrase. It is "
                            "asked once each time Tidemark starts, and never stored."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), _("Passphrase, at Least 8 Characters"));
      gtk_button_set_label (self->ok_button, _("_Use Passphrase"));
      break;
    case TM_BACKUP_PASSPHRASE_ENTER:
      adw_window_title_set_title (self->window_title, _("Encrypted Backup"));
      gtk_label_set_text (self->explain_label, _("This backup is encrypted with a passphrase. Enter it to restore "
                                                 "the backup."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), _("Passphrase"));
      gtk_button_set_label (self->ok_button, _("_Open"));
      break;
    case TM_BACKUP_PASSPHRASE_RECOVERY_CODE:
    default:
      adw_window_title_set_title (self->window_title, _("Encrypted Backup"));
      gtk_label_set_text (self->explain_label, _("The key of this backup is not in the keyring. Enter the "
                                                 "recovery code that was shown when the key was made."));
      gtk_button_set_label (self->ok_button, _("_Open"));
      break;
    }
  set_waiting (self, FALSE);
}

TmBackupPassphraseDialog *
tm_backup_passphrase_dialog_new (GtkWindow              *parent,
                                 TmBackupPassphraseMode  mode)
{
  TmBackupPassphraseDialog *self = g_object_new (TM_TYPE_BACKUP_PASSPHRASE_DIALOG, "transient-for", parent,
                                                 "destroy-with-parent", TRUE, NULL);

  set_mode (self, mode);
  return self;
}

/**
 * tm_backup_passphrase_dialog_show_error:
 *
 * Says why what was typed did not open the backup; the dialog stays, with
 * what was typed in it.
 */
void
tm_backup_passphrase_dialog_show_error (TmBackupPassphraseDialog *self,
                                        const char               *message)
{
  g_return_if_fail (TM_IS_BACKUP_PASSPHRASE_DIALOG (self));

  set_waiting (self, FALSE);
  tm_error_label_show (self->error_label, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->mode == TM_BACKUP_PASSPHRASE_RECOVERY_CODE ? self->code_row
                                                                                      : self->passphrase_row));
}

/**
 * tm_backup_passphrase_dialog_finish:
 *
 * What was typed did what it was for: the dialog goes, without "cancelled".
 */
void
tm_backup_passphrase_dialog_finish (TmBackupPassphraseDialog *self)
{
  g_return_if_fail (TM_IS_BACKUP_PASSPHRASE_DIALOG (self));

  self->done = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}
