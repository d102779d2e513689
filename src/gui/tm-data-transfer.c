/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export Data… and Import Data…: the folder is chosen; an export writes the
 * six CSV files into a new dated folder there; an import reads the files in
 * a thread, then either lists what is wrong (and stores nothing) or asks,
 * when some records are already here, whether to keep or replace them. */
#define G_LOG_DOMAIN "tm-data-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-csv.h"
#include "tm-data-transfer.h"

#define PROBLEMS_SHOWN 10

/* Export */

/**
 * tm_data_transfer_export:
 * @folder: where to make the export's folder
 *
 * Returns: (transfer full) (nullable): the folder written, or %NULL after
 *   saying why not
 */
GFile *
tm_data_transfer_export (TmWindow *window,
                         GFile    *folder)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-export-%s", today);
  g_autoptr(GFile) target = g_file_get_child (folder, name);
  g_autofree char *path = g_file_get_path (target);
  g_autofree char *where = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (path == NULL || !tm_store_export_csv (tm_window_get_store (window), path, &error))
    {
      tm_window_show_error (window, error != NULL ? error->message
                                                 : _("Choose a folder on this computer for the export."));
      return NULL;
    }

  where = g_filename_display_name (path);
  uri = g_file_get_uri (target);
  /* Translators: %s is the folder the CSV files were written to */
  title = g_strdup_printf (_("Data exported to %s"), where);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  tm_window_add_toast (window, toast);
  return g_steal_pointer (&target);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     TmWindow        *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        g_clear_object (&(GFile *) { tm_data_transfer_export (window, folder) });
    }
  g_object_unref (chooser);
}

/* Asks where, then exports. */
void
tm_data_transfer_choose_export (TmWindow *window)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Data"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("_Export Here"), _("_Cancel"));
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) start = g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import */

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  TmCsvImport *import = tm_csv_import_new ();
  GError *error = NULL;

  if (!tm_csv_import_read_dir (import, path, &error))
    {
      tm_csv_import_free (import);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, import, (GDestroyNotify) tm_csv_import_free);
}

static void
store_import (TmWindow    *window,
              TmCsvImport *import,
              TmConflict   conflict)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *title = NULL;
  TmCsvSummary summary;

  if (!tm_store_import_csv (tm_window_get_store (window), import, conflict, &summary, &error))
    {
      tm_window_show_error (window, error->message);
      return;
    }
  summary_text = tm_csv_summary_describe (&summary);
  /* Translators: after an import, "Imported: 120 added, 0 replaced, 3 already there and kept." */
  title = g_strdup_printf (_("Imported: %s"), summary_text);
  tm_window_add_toast (window, adw_toast_new (title));
}

static void
free_import (gpointer  import,
             GClosure *closure)
{
  tm_csv_import_free (import);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         TmCsvImport      *import)
{
  TmWindow *window = TM_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_str_equal (response, "keep"))
    store_import (window, import, TM_CONFLICT_KEEP);
  else if (g_str_equal (response, "replace"))
    store_import (window, import, TM_CONFLICT_REPLACE);
}

static void
show_problems (TmWindow    *window,
               TmCsvImport *import)
{
  GPtrArray *problems = tm_csv_import_get_problems (import);
  /* When reading stopped early, the last line says so, and is not one of them. */
  guint n = problems->len - (tm_csv_import_stopped_early (import) ? 1 : 0);
  GString *body = g_string_new (_("Tidemark found these problems in the files. Nothing was imported: fix them, "
                                  "then import again.\n"));
  AdwMessageDialog *dialog;

  for (guint i = 0; i < n && i < PROBLEMS_SHOWN; i++)
    g_string_append_printf (body, "\n%s", (const char *) problems->pdata[i]);
  if (n > PROBLEMS_SHOWN)
    {
      g_string_append (body, "\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more.", "…and %u more.",
                                                 n - PROBLEMS_SHOWN),
                              n - PROBLEMS_SHOWN);
    }
  if (n < problems->len)
    g_string_append_printf (body, "\n%s", (const char *) problems->pdata[n]);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Nothing Was Imported"),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TmWindow *window = TM_WINDOW (source);
  g_autoptr(GError) error = NULL;
  TmCsvImport *import = g_task_propagate_pointer (G_TASK (result), &error);
  GPtrArray *problems;
  guint conflicts;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (import == NULL)
    {
      tm_window_show_error (window, error->message);
      return;
    }

  problems = tm_csv_import_get_problems (import);
  if (problems->len > 0)
    {
      show_problems (window, import);
      tm_csv_import_free (import);
      return;
    }

  conflicts = tm_csv_import_count_conflicts (import, tm_window_get_store (window));
  if (conflicts == 0)
    {
      store_import (window, import, TM_CONFLICT_KEEP);
      tm_csv_import_free (import);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u record in these files is already in Tidemark: a check-in for the same "
                                       "day, or the same session or questionnaire. Keep what is here, or replace "
                                       "it with the files' version?",
                                       "%u records in these files are already in Tidemark: check-ins for the "
                                       "same days, or the same sessions or questionnaires. Keep what is here, or "
                                       "replace them with the files' version?",
                                       conflicts),
                          conflicts);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Some Records Are Already Here"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    "keep", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response_cb), import, free_import, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tm_data_transfer_import:
 * @folder: where the CSV files are
 *
 * Reads them in a thread, then stores them, asks about records already
 * here, or lists what is wrong.
 */
void
tm_data_transfer_import (TmWindow *window,
                         GFile    *folder)
{
  g_autoptr(GTask) task = g_task_new (window, NULL, on_read_cb, NULL);
  char *path = g_file_get_path (folder);

  if (path == NULL)
    {
      tm_window_show_error (window, _("Choose a folder on this computer to import from."));
      return;
    }
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     TmWindow        *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        tm_data_transfer_import (window, folder);
    }
  g_object_unref (chooser);
}

/* Asks which folder, then imports. */
void
tm_data_transfer_choose_import (TmWindow *window)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import Data"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("_Import"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
