/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shown instead of the main window when the data can't be opened: why, in
 * plain words, and the ways on. A damaged file can be replaced by the
 * newest good backup (the damaged one is moved aside, unchanged); a
 * folder another Tidemark is using can be tried again once it is done;
 * any other data folder can be chosen instead. When a store opens,
 * "opened" hands it over. */
#define G_LOG_DOMAIN "tm-recovery-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-backup-keys.h"
#include "tm-recovery-window.h"
#include "tm-store-backup.h"
#include "tm-store-error.h"

struct _TmRecoveryWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *status;
  GtkWidget            *restore_button;
  GtkWidget            *retry_button;
  GtkWidget            *folder_button;

  char                 *data_dir;
  TmBackup             *backup;     /* the newest good one, or NULL */
  gboolean              unsealing;  /* an encrypted one being opened */
};

G_DEFINE_FINAL_TYPE (TmRecoveryWindow, tm_recovery_window, ADW_TYPE_APPLICATION_WINDOW)

enum { OPENED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Says why @data_dir's data can't be opened and what can be done. */
static void
explain (TmRecoveryWindow *self,
         const char       *data_dir,
         const GError     *error)
{
  g_autofree char *text = tm_store_explain_error (data_dir, error);

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
  g_clear_pointer (&self->backup, tm_backup_free);
  if (g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED))
    self->backup = tm_backups_find_good (data_dir);

  adw_status_page_set_title (self->status, g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY)
                                           ? _("Your Data Is in Use")
                                           : _("Tidemark Can’t Open Your Data"));
  adw_status_page_set_description (self->status, text);
  gtk_widget_set_visible (self->restore_button, self->backup != NULL);
  gtk_widget_set_visible (self->retry_button, g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY));
  if (self->backup != NULL || gtk_widget_get_visible (self->retry_button))
    {
      if (self->backup != NULL)
        {
          g_autofree char *day = tm_day_format_long (self->backup->day);
          /* Translators: %s is a date: "Friday 27 November 2026" */
          g_autofree char *label = g_strdup_printf (_("_Restore the Backup of %s"), day);

          gtk_button_set_label (GTK_BUTTON (self->restore_button), label);
        }
      gtk_widget_remove_css_class (self->folder_button, "suggested-action");
    }
  else
    {
      gtk_widget_add_css_class (self->folder_button, "suggested-action");
    }
}

/* The backup's data, from @path (the backup, or its opened copy), in the
 * damaged file's place. */
static void
restore_from (TmRecoveryWindow *self,
              const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *day = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(TmStore) store = NULL;

  if (!tm_backups_recover (self->data_dir, path, &aside, &error) ||
      (store = tm_store_open (self->data_dir, &error)) == NULL)
    {
      explain (self, self->data_dir, error);
      return;
    }

  day = tm_day_format_long (self->backup->day);
  if (aside != NULL)
    {
      g_autofree char *name = g_path_get_basename (aside);

      /* Translators: a date, then a file name in the data folder */
      notice = g_strdup_printf (_("Restored the backup of %s. The damaged file is kept as %s."), day, name);
    }
  else
    {
      notice = g_strdup_printf (_("Restored the backup of %s."), day);
    }
  g_signal_emit (self, signals[OPENED], 0, store, notice);
}

static void
on_unsealed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(TmRecoveryWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPendingFile) plain = tm_backup_keys_unseal_finish (result, &error);

  /* The window may have gone meanwhile. */
  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL)
    return;
  self->unsealing = FALSE;
  gtk_widget_set_sensitive (self->restore_button, TRUE);
  if (self->backup == NULL)
    return;
  if (plain == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_status_page_set_description (self->status, error->message);
      return;
    }
  restore_from (self, tm_pending_file_get_temporary (plain));
}

/**
 * tm_recovery_window_restore:
 *
 * Puts the newest good backup in the damaged file's place (which is moved
 * aside, unchanged) and opens it; says why when that fails. An encrypted
 * backup is opened first: its key from the keyring, or what it asks for.
 */
void
tm_recovery_window_restore (TmRecoveryWindow *self)
{
  g_return_if_fail (TM_IS_RECOVERY_WINDOW (self));
  g_return_if_fail (self->backup != NULL);

  if (!tm_backups_is_encrypted (self->backup->path))
    {
      restore_from (self, self->backup->path);
      return;
    }
  if (self->unsealing)
    return;
  self->unsealing = TRUE;
  gtk_widget_set_sensitive (self->restore_button, FALSE);
  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    tm_backup_keys_unseal_async (GTK_WINDOW (self), self->backup->path, on_unsealed_cb, ref);
  }
}

/**
 * tm_recovery_window_retry:
 *
 * Opens the data again, once the Tidemark that was using the folder is
 * done with it; says why when it still can't.
 */
void
tm_recovery_window_retry (TmRecoveryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;

  g_return_if_fail (TM_IS_RECOVERY_WINDOW (self));

  if ((store = tm_store_open (self->data_dir, &error)) == NULL)
    {
      explain (self, self->data_dir, error);
      return;
    }
  g_signal_emit (self, signals[OPENED], 0, store, NULL);
}

/**
 * tm_recovery_window_open_folder:
 * @data_dir: another data folder; one without data starts afresh
 *
 * Opens the data in @data_dir, or says why it can't.
 */
void
tm_recovery_window_open_folder (TmRecoveryWindow *self,
                                const char       *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autofree char *where = NULL;
  g_autofree char *notice = NULL;

  g_return_if_fail (TM_IS_RECOVERY_WINDOW (self));

  if ((store = tm_store_open (data_dir, &error)) == NULL)
    {
      explain (self, data_dir, error);
      return;
    }
  where = g_filename_display_name (data_dir);
  /* Translators: %s is a folder */
  notice = g_strdup_printf (_("Using the data in %s"), where);
  g_signal_emit (self, signals[OPENED], 0, store, notice);
}

static void
on_folder_chosen_cb (GtkNativeDialog  *chooser,
                     int               response,
                     TmRecoveryWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        tm_recovery_window_open_folder (self, path);
    }
  g_object_unref (chooser);
}

static void
on_folder_clicked_cb (TmRecoveryWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose a Data Folder"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
pill_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static void
tm_recovery_window_finalize (GObject *object)
{
  TmRecoveryWindow *self = TM_RECOVERY_WINDOW (object);

  g_free (self->data_dir);
  g_clear_pointer (&self->backup, tm_backup_free);

  G_OBJECT_CLASS (tm_recovery_window_parent_class)->finalize (object);
}

static void
tm_recovery_window_class_init (TmRecoveryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tm_recovery_window_finalize;

  /**
   * TmRecoveryWindow::opened:
   * @store: the store now open
   * @notice: (nullable): what was done, to tell the person
   */
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, TM_TYPE_STORE, G_TYPE_STRING);
}

static void
tm_recovery_window_init (TmRecoveryWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Tidemark"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status, _("Tidemark Can’t Open Your Data"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->status), TRUE);

  self->restore_button = pill_button ("");
  gtk_widget_set_name (self->restore_button, "restore-backup");
  gtk_widget_add_css_class (self->restore_button, "suggested-action");
  g_signal_connect_swapped (self->restore_button, "clicked", G_CALLBACK (tm_recovery_window_restore), self);
  gtk_box_append (GTK_BOX (buttons), self->restore_button);

  self->retry_button = pill_button (_("_Try Again"));
  gtk_widget_set_name (self->retry_button, "try-again");
  gtk_widget_add_css_class (self->retry_button, "suggested-action");
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (tm_recovery_window_retry), self);
  gtk_box_append (GTK_BOX (buttons), self->retry_button);

  self->folder_button = pill_button (_("_Choose Another Data Folder…"));
  gtk_widget_set_name (self->folder_button, "choose-folder");
  g_signal_connect_swapped (self->folder_button, "clicked", G_CALLBACK (on_folder_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->folder_button);

  adw_status_page_set_child (self->status, buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
}

TmRecoveryWindow *
tm_recovery_window_new (GtkApplication *application,
                        const char     *data_dir,
                        const GError   *error)
{
  TmRecoveryWindow *self;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (TM_TYPE_RECOVERY_WINDOW, "application", application, NULL);
  explain (self, data_dir, error);
  return self;
}
