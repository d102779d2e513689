/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export Data…, Export for a Clinic (FHIR)… and Import Data…: the folder
 * or file is chosen; an export writes the CSV files into a new dated
 * folder there, or, as an encrypted archive, into one dated file after
 * asking for a passphrase, or the FHIR Bundle into the file; an import
 * reads the files (of a folder, or of an archive once its passphrase is
 * given),
 * then either lists what is wrong (and stores nothing) or asks, when some
 * records are already here, whether to keep or replace them. Import from
 * Daylio… reads one Daylio export the same way, asking first what each of
 * its mood names is worth. */
#define G_LOG_DOMAIN "tm-data-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-archive.h"
#include "tm-crypt.h"
#include "tm-csv.h"
#include "tm-data-transfer.h"
#include "tm-fhir.h"
#include "tm-daylio-dialog.h"
#include "tm-file.h"
#include "tm-passphrase-dialog.h"
#include "tm-passphrase-prompt.h"

#define PROBLEMS_SHOWN 10

/* Both run in a thread on a connection of their own, so that a large
 * export or import never freezes the window; the store is reloaded when
 * an import has been stored. While one runs, the store is busy (no
 * restore swaps the file, the window turns the two actions off), and the
 * application stays up until it ends. The tasks have no source object and the job is
 * freed in their callbacks, so that nothing of GTK's is let go of in the
 * thread. */

typedef struct
{
  TmContext    *context;
  GtkWindow    *parent;      /* what the dialogs about it go over */
  TmStore      *store;
  GApplication *app;
  char         *data_dir;    /* the store's, for the thread's own connection */
  char         *path;        /* the export's folder, archive or FHIR file, or the import's */
  gboolean      fhir;        /* an export of the FHIR Bundle, not of the CSV files */
  char         *passphrase;  /* an archive's, or NULL */
  TmPassphraseDialog *dialog; /* where the passphrase was typed, until the work is done */
  TmCsvImport  *import;
  gboolean      from_daylio; /* path is a Daylio export, read into daylio */
  TmDaylio     *daylio;
  TmConflict    conflict;
  guint         conflicts;
  TmCsvSummary  summary;
  GTask        *outer;       /* the caller's, for an export */
  GCancellable *cancellable; /* the progress banner's Cancel */
  int           done;        /* records so far, set in the thread (atomic) */
  int           total;       /* of how many; 0 while that is not known (atomic) */
  guint         progress_id; /* shows done and total while the thread runs */
  gboolean      writing;     /* the store phase of an import: the window's store waits */
} Job;

static void
job_free (Job *job)
{
  g_clear_handle_id (&job->progress_id, g_source_remove);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->import, tm_csv_import_free);
  g_clear_pointer (&job->daylio, tm_daylio_free);
  g_clear_object (&job->app);
  g_clear_object (&job->outer);
  g_clear_object (&job->store);
  g_clear_object (&job->parent);
  g_clear_object (&job->context);
  g_clear_object (&job->dialog);
  tm_passphrase_prompt_free (job->passphrase);
  g_free (job->data_dir);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
set_busy (Job      *job,
          gboolean  busy)
{
  if (busy)
    tm_store_busy_begin (job->store);
  else
    tm_store_busy_end (job->store);
  if (job->app == NULL)
    return;
  if (busy)
    g_application_hold (job->app);
  else
    g_application_release (job->app);
}

static Job *
job_new (TmContext *context,
         GtkWindow *parent,
         char      *path)
{
  Job *job = g_new0 (Job, 1);
  GtkApplication *app = gtk_window_get_application (parent);

  job->context = g_object_ref (context);
  job->parent = g_object_ref (parent);
  job->store = g_object_ref (tm_context_get_store (context));
  job->data_dir = g_strdup (tm_store_get_data_dir (job->store));
  job->app = app != NULL ? g_object_ref (G_APPLICATION (app)) : NULL;
  job->path = path;
  job->cancellable = g_cancellable_new ();
  set_busy (job, TRUE);
  return job;
}

static gboolean window_open (Job *job);

/* Progress */

/* In the thread: how far the work got, for show_progress_cb(). */
static void
on_progress_cb (guint64  done,
                guint64  total,
                gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->done, (int) MIN (done, G_MAXINT));
  g_atomic_int_set (&job->total, (int) MIN (total, G_MAXINT));
}

static void
report_progress_to (Job        *job,
                    TmProgress *progress)
{
  *progress = (TmProgress) { job->cancellable, on_progress_cb, job };
}

/* In the window, a few times a second: the thread's figures, not a call
 * from the thread for every record. */
static gboolean
show_progress_cb (gpointer user_data)
{
  Job *job = user_data;
  TmProgressBanner *banner = tm_context_get_progress_banner (job->context);
  int done = g_atomic_int_get (&job->done);
  int total = g_atomic_int_get (&job->total);
  g_autofree char *text = NULL;

  /* The window was closed: the work goes on, unseen. */
  if (banner == NULL)
    return G_SOURCE_CONTINUE;
  if (total == 0)
    {
      tm_progress_banner_update (banner, NULL, -1);
      return G_SOURCE_CONTINUE;
    }
  if (job->import != NULL)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Importing %d of %d record…",
                                         "Importing %d of %d records…", total),
                            done, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exporting %d of %d record…",
                                         "Exporting %d of %d records…", total),
                            done, total);
  tm_progress_banner_update (banner, text, (double) done / total);
  return G_SOURCE_CONTINUE;
}

/* The banner, from the start of @job's work to its end. */
static void
show_progress (Job        *job,
               const char *text)
{
  TmProgressBanner *banner = tm_context_get_progress_banner (job->context);

  if (!window_open (job) || banner == NULL)
    return;
  tm_progress_banner_start (banner, text, job->cancellable);
  if (job->progress_id == 0)
    job->progress_id = g_timeout_add (100, show_progress_cb, job);
}

static void
hide_progress (Job *job)
{
  TmProgressBanner *banner = tm_context_get_progress_banner (job->context);

  g_clear_handle_id (&job->progress_id, g_source_remove);
  if (banner != NULL)
    tm_progress_banner_stop (banner);
}

/* Cancelled is not a failure: a toast says what stayed as it was. */
static gboolean
say_if_cancelled (Job          *job,
                  const GError *error,
                  const char   *what)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  tm_context_add_toast (job->context, adw_toast_new (what));
  return TRUE;
}

/* Whether the job's window is still open to say how it went. */
static gboolean
window_open (Job *job)
{
  return job->app == NULL || gtk_window_get_application (job->parent) != NULL;
}

/* Ends @job's busy time; returns window_open(). */
static gboolean
job_end (Job *job)
{
  hide_progress (job);
  if (job->writing)
    {
      job->writing = FALSE;
      /* Saves that waited for the import are made now. */
      tm_store_writing_elsewhere_end (job->store);
    }
  set_busy (job, FALSE);
  return window_open (job);
}

static void
job_end_and_free (Job *job)
{
  job_end (job);
  job_free (job);
}

/* A task for @job in a thread; @callback owns the job. */
static void
run_job (Job                 *job,
         GTaskThreadFunc      func,
         GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, job);

  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, func);
}

/**
 * tm_data_transfer_is_busy:
 *
 * Returns: whether an export, import or backup of @context's data is
 *   under way (then Export Data… and Import Data… are off)
 */
gboolean
tm_data_transfer_is_busy (TmContext *context)
{
  return tm_store_is_busy (tm_context_get_store (context));
}

/* Export */

/* An export, or the storing of an import that was read: on a connection
 * of its own, so the window's stays free. */
static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(TmStore) store = tm_store_open (job->data_dir, &error);
  TmProgress progress;
  gboolean done;

  report_progress_to (job, &progress);
  if (job->import != NULL)
    tm_csv_import_set_progress (job->import, &progress);
  if (store == NULL)
    done = FALSE;
  else if (job->import != NULL)
    done = tm_store_import_csv (store, job->import, job->conflict, &job->summary, &error);
  else if (job->fhir)
    done = tm_store_export_fhir (store, job->path, &progress, &error);
  else if (job->passphrase != NULL)
    done = tm_store_export_archive (store, job->path, job->passphrase, &progress, &error);
  else
    done = tm_store_export_csv_full (store, job->path, &progress, &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GTask) outer = g_steal_pointer (&job->outer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (job->path);
  /* An archive's or a FHIR file's folder is opened, not the file. */
  g_autoptr(GFile) shown = job->fhir || job->passphrase != NULL ? g_file_get_parent (target)
                                                                : g_object_ref (target);
  g_autofree char *where = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (job->dialog != NULL)
    tm_passphrase_dialog_finish (job->dialog);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job_end (job) && !say_if_cancelled (job, error, _("Export cancelled. No files were changed.")))
        tm_context_show_error (job->context, error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (job_end (job))
    {
      where = g_filename_display_name (job->path);
      uri = g_file_get_uri (shown);
      if (job->fhir)
        /* Translators: %s is the FHIR file written */
        title = g_strdup_printf (_("Exported for a clinic to %s"), where);
      else
        /* Translators: %s is the folder the CSV files were written to, or the archive */
        title = g_strdup_printf (_("Data exported to %s"), where);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_set_timeout (toast, 10);
      tm_context_add_toast (job->context, toast);
    }
  g_task_return_pointer (outer, g_steal_pointer (&target), g_object_unref);
}

/* @target's path; NULL (said, and @outer returned) when it is not on
 * this computer. */
static char *
local_path (TmContext *context,
            GFile     *target,
            GTask     *outer)
{
  char *path = g_file_get_path (target);

  if (path == NULL)
    {
      const char *message = _("Choose a folder on this computer for the export.");

      tm_context_show_error (context, message);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
    }
  return path;
}

/* Writes @target (the CSV files' folder, or the FHIR file) in a thread. */
static void
start_export (TmContext           *context,
              GtkWindow           *parent,
              GFile               *target,
              gboolean             fhir,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (context, NULL, callback, user_data);
  char *path;
  Job *job;

  g_task_set_source_tag (outer, tm_data_transfer_export);
  path = local_path (context, target, outer);
  if (path == NULL)
    return;

  job = job_new (context, parent, path);
  job->fhir = fhir;
  job->outer = g_steal_pointer (&outer);
  show_progress (job, _("Exporting your data…"));
  run_job (job, write_in_thread, on_exported_cb);
}

/* Where an export into @folder goes: a new dated folder, or file with
 * @suffix; NULL (and @outer returned) when @folder is not on this
 * computer. */
static char *
export_path (TmContext  *context,
             GFile      *folder,
             const char *suffix,
             GTask      *outer)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-export-%s%s", today, suffix);
  g_autoptr(GFile) target = g_file_get_child (folder, name);

  return local_path (context, target, outer);
}

/**
 * tm_data_transfer_export:
 * @folder: where to make the export's folder
 * @callback: (nullable): called when it is written, or has failed
 *
 * Writes the six CSV files into a new dated folder in @folder, in a
 * thread, then says where they are (or why not).
 */
void
tm_data_transfer_export (TmContext           *context,
                         GtkWindow           *parent,
                         GFile               *folder,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = g_strdup_printf ("tidemark-export-%s", today);
  g_autoptr(GFile) target = g_file_get_child (folder, name);

  start_export (context, parent, target, FALSE, callback, user_data);
}

/**
 * tm_data_transfer_export_fhir:
 * @file: the file to write
 * @callback: (nullable): called when it is written, or has failed; its
 *   result is for tm_data_transfer_export_finish()
 *
 * Writes the record as a FHIR Bundle for a clinic into @file, in a
 * thread, then says where it is (or why not).
 */
void
tm_data_transfer_export_fhir (TmContext           *context,
                              GtkWindow           *parent,
                              GFile               *file,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  start_export (context, parent, file, TRUE, callback, user_data);
}

/* An archive's passphrase being asked: for whom, and where it goes. */
typedef struct
{
  TmContext *context;
  GtkWindow *parent;
  char      *path;     /* the archive's */
  GTask     *outer;    /* an export's, until it is handed to its job */
} Asking;

static void
asking_free (gpointer data,
             GClosure *closure)
{
  Asking *asking = data;

  g_clear_object (&asking->context);
  g_clear_object (&asking->parent);
  g_clear_object (&asking->outer);
  g_free (asking->path);
  g_free (asking);
}

static Asking *
asking_new (TmContext *context,
            GtkWindow *parent,
            char      *path,
            GTask     *outer)
{
  Asking *asking = g_new0 (Asking, 1);

  asking->context = g_object_ref (context);
  asking->parent = g_object_ref (parent);
  asking->path = path;
  asking->outer = outer;
  return asking;
}

/* The job of @dialog's passphrase: Cancel in the dialog cancels it. */
static Job *
job_new_for_archive (Asking             *asking,
                     TmPassphraseDialog *dialog,
                     const char         *passphrase)
{
  Job *job = job_new (asking->context, asking->parent, g_strdup (asking->path));

  job->passphrase = g_strdup (passphrase);
  job->dialog = g_object_ref (dialog);
  g_signal_connect_object (dialog, "cancelled", G_CALLBACK (g_cancellable_cancel), job->cancellable,
                           G_CONNECT_SWAPPED);
  return job;
}

static void
on_export_passphrase_cb (TmPassphraseDialog *dialog,
                         const char         *passphrase,
                         Asking             *asking)
{
  Job *job = job_new_for_archive (asking, dialog, passphrase);

  job->outer = g_steal_pointer (&asking->outer);
  show_progress (job, _("Exporting your data…"));
  run_job (job, write_in_thread, on_exported_cb);
}

static void
on_export_cancelled_cb (TmPassphraseDialog *dialog,
                        Asking             *asking)
{
  g_autoptr(GTask) outer = g_steal_pointer (&asking->outer);

  /* Cancelled before anything was started. */
  if (outer != NULL)
    g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             _("Export cancelled. No files were changed."));
}

/**
 * tm_data_transfer_export_archive:
 * @folder: where to write the archive
 * @callback: (nullable): called when it is written, or has failed or
 *   was cancelled
 *
 * Asks for a passphrase (twice, with the warning that a lost one can't
 * be recovered), then writes every CSV file, sealed with it, into a new
 * dated archive in @folder, in a thread, and says where it is (or why
 * not). Finish with tm_data_transfer_export_finish().
 */
void
tm_data_transfer_export_archive (TmContext           *context,
                                 GtkWindow           *parent,
                                 GFile               *folder,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (context, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;
  TmPassphraseDialog *dialog;
  Asking *asking;
  char *path;

  g_task_set_source_tag (outer, tm_data_transfer_export);
  path = export_path (context, folder, TM_ARCHIVE_SUFFIX, outer);
  if (path == NULL)
    return;
  /* Where it can't go is said before the passphrase is asked. */
  if (!tm_file_check_output (path, tm_store_get_data_dir (tm_context_get_store (context)), &error))
    {
      tm_context_show_error (context, error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
      g_free (path);
      return;
    }

  dialog = tm_passphrase_dialog_new (parent, TM_PASSPHRASE_DIALOG_NEW, _("Encrypt the Export"),
                                     _("All your data goes into one archive, encrypted with this passphrase. "
                                       "To import it, here or on another computer, you will need the "
                                       "passphrase."),
                                     _("_Export"));
  asking = asking_new (context, parent, path, g_steal_pointer (&outer));
  g_signal_connect_data (dialog, "submitted", G_CALLBACK (on_export_passphrase_cb), asking, asking_free, 0);
  g_signal_connect (dialog, "cancelled", G_CALLBACK (on_export_cancelled_cb), asking);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tm_data_transfer_export_finish:
 *
 * Returns: (transfer full): the folder written, or %NULL with @error
 */
GFile *
tm_data_transfer_export_finish (TmContext     *context,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The chooser of an export: a folder for the CSV files, or the FHIR
 * file (which its "fhir" data says). */
static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     TmContext       *context)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
      GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

      if (chosen != NULL && g_object_get_data (G_OBJECT (chooser), "fhir") != NULL)
        tm_data_transfer_export_fhir (context, parent, chosen, NULL, NULL);
      else if (chosen != NULL && g_strcmp0 (format, "archive") == 0)
        tm_data_transfer_export_archive (context, parent, chosen, NULL, NULL);
      else if (chosen != NULL)
        tm_data_transfer_export (context, parent, chosen, NULL, NULL);
    }
  g_object_unref (chooser);
}

/* Asks where, starting in Documents, then exports. */
/* Where the export goes, starting in Documents; for the CSV files also
 * in which form (a folder, unless an encrypted archive is chosen). */
static void
set_up_export_chooser (GtkFileChooserNative *chooser,
                       gboolean              fhir)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) start = g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
  const char *format_ids[] = { "folder", "archive", NULL };
  const char *format_labels[] = { _("Folder of CSV files"), _("Encrypted archive"), NULL };

  if (fhir)
    g_object_set_data (G_OBJECT (chooser), "fhir", GINT_TO_POINTER (TRUE));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  if (!fhir)
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), format_ids, format_labels);
}

static void
show_export_chooser (TmContext            *context,
                     GtkFileChooserNative *chooser)
{
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen_cb), context, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The chooser Export Data… shows, not shown yet. */
static GtkFileChooserNative *
new_export_chooser (GtkWindow *parent)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Data"), parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("_Export Here"), _("_Cancel"));

  set_up_export_chooser (chooser, FALSE);
  return chooser;
}

/* Asks where, and in which form, then exports the CSV files. */
void
tm_data_transfer_choose_export (TmContext *context,
                                GtkWindow *parent)
{
  show_export_chooser (context, new_export_chooser (parent));
}

/* Asks which file, then exports the FHIR Bundle. */
void
tm_data_transfer_choose_export_fhir (TmContext *context,
                                     GtkWindow *parent)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export for a Clinic (FHIR)"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("_Cancel"));
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = tm_fhir_default_file_name (today);

  set_up_export_chooser (chooser, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_export_chooser (context, chooser);
}

/* Import */

/* Reads the files; when they have no problem, counts the records already
 * here. */
static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TmStore) store = NULL;
  GError *error = NULL;
  TmProgress progress;

  job->import = tm_csv_import_new ();
  report_progress_to (job, &progress);
  tm_csv_import_set_progress (job->import, &progress);
  /* Cancelled while it read, the file is not asked about. */
  if (job->from_daylio)
    job->daylio = tm_daylio_read (job->import, job->path, &error);
  if (job->from_daylio ? job->daylio == NULL || !tm_progress_report (&progress, 0, 0, &error)
      : job->passphrase != NULL ? !tm_csv_import_read_archive (job->import, job->path, job->passphrase, &error)
      : !tm_csv_import_read_dir (job->import, job->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A Daylio export's check-ins are made once its moods have values. */
  if (tm_csv_import_get_problems (job->import)->len == 0 && !job->from_daylio)
    {
      store = tm_store_open (job->data_dir, &error);
      if (store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      job->conflicts = tm_csv_import_count_conflicts (job->import, store);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *title = NULL;
  gboolean stored = g_task_propagate_boolean (G_TASK (result), &error);

  /* What the thread stored, the application shows, window or not. */
  if (stored)
    tm_store_reload (job->store);
  if (!job_end (job))
    return;
  if (!stored)
    {
      if (!say_if_cancelled (job, error, _("Import cancelled. Nothing was imported.")))
        tm_context_show_error (job->context, error->message);
      return;
    }
  summary_text = tm_csv_summary_describe (&job->summary);
  /* Translators: after an import, "Imported: 120 added, 0 replaced, 3 already there and kept." */
  title = g_strdup_printf (_("Imported: %s"), summary_text);
  tm_context_add_toast (job->context, adw_toast_new (title));
}

static void
store_import (Job        *job,
              TmConflict  conflict)
{
  job->conflict = conflict;
  /* While the thread's transaction holds the file, saves in the window
   * wait for it instead of freezing the window. */
  job->writing = TRUE;
  tm_store_writing_elsewhere_begin (job->store);
  g_atomic_int_set (&job->done, 0);
  g_atomic_int_set (&job->total, 0);
  show_progress (job, _("Importing…"));
  run_job (job, write_in_thread, on_stored_cb);
}

/* The dialog holds the job: Keep or Replace stores it, any other answer
 * ends it; so does the dialog going away unanswered, with its window. */
static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  Job *job = g_object_steal_data (G_OBJECT (dialog), "job");

  if (job == NULL)
    return;
  if (g_str_equal (response, "keep"))
    store_import (job, TM_CONFLICT_KEEP);
  else if (g_str_equal (response, "replace"))
    store_import (job, TM_CONFLICT_REPLACE);
  else
    job_end_and_free (job);
}

static void
show_problems (GtkWindow   *parent,
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

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Nothing Was Imported"),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static void ask_moods (Job *job);

/* What was read has no problem: stores it, asking first about the
 * records already here. Takes @job over. */
static void
ask_or_store (Job *job_in)
{
  g_autoptr(Job) job = job_in;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (job->conflicts == 0)
    {
      store_import (g_steal_pointer (&job), TM_CONFLICT_KEEP);
      return;
    }
  if (!window_open (job))
    {
      job_end (job);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u record in these files is already in Tidemark: a check-in for the same "
                                       "day, or the same session or questionnaire. Keep what is here, or replace "
                                       "it with the files' version?",
                                       "%u records in these files are already in Tidemark: check-ins for the "
                                       "same days, or the same sessions or questionnaires. Keep what is here, or "
                                       "replace them with the files' version?",
                                       job->conflicts),
                          job->conflicts);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (job->parent,
                                                       _("Some Records Are Already Here"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    "keep", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "job", g_steal_pointer (&job), (GDestroyNotify) job_end_and_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean read = g_task_propagate_boolean (G_TASK (result), &error);

  hide_progress (job);
  /* A wrong passphrase is typed again; anything else goes on without the
   * dialog. */
  if (job->dialog != NULL && !read && g_error_matches (error, TM_CRYPT_ERROR, TM_CRYPT_ERROR_WRONG_PASSPHRASE))
    {
      if (job_end (job))
        tm_passphrase_dialog_show_error (job->dialog, error->message);
      return;
    }
  if (job->dialog != NULL)
    tm_passphrase_dialog_finish (job->dialog);
  if (!read || tm_csv_import_get_problems (job->import)->len > 0)
    {
      if (!job_end (job))
        return;
      if (!read && !say_if_cancelled (job, error, _("Import cancelled. Nothing was imported.")))
        tm_context_show_error (job->context, error->message);
      else
        show_problems (job->parent, job->import);
      return;
    }
  if (job->from_daylio)
    ask_moods (g_steal_pointer (&job));
  else
    ask_or_store (g_steal_pointer (&job));
}

/* Import from Daylio */

/* The moods have values: the entries become check-ins, which are stored
 * as an import's are. */
static void
on_moods_chosen_cb (TmDaylioDialog *dialog,
                    gpointer        user_data)
{
  g_autoptr(Job) job = g_object_steal_data (G_OBJECT (dialog), "job");
  g_autoptr(GError) error = NULL;

  gboolean added;

  if (job == NULL)
    return;
  added = tm_daylio_add_checkins (job->daylio, tm_daylio_dialog_get_moods (dialog), job->import, &error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!added)
    {
      if (job_end (job))
        tm_context_show_error (job->context, error->message);
      return;
    }
  if (tm_csv_import_get_problems (job->import)->len > 0)
    {
      if (job_end (job))
        show_problems (job->parent, job->import);
      return;
    }
  job->conflicts = tm_csv_import_count_conflicts (job->import, job->store);
  ask_or_store (g_steal_pointer (&job));
}

/* The dialog holds the job, as the conflict dialog does: Import goes on,
 * closing it ends the job. */
static void
ask_moods (Job *job)
{
  TmDaylioDialog *dialog;

  if (!window_open (job))
    {
      job_end_and_free (job);
      return;
    }
  dialog = tm_daylio_dialog_new (job->parent, job->daylio);
  g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) job_end_and_free);
  g_signal_connect (dialog, "import", G_CALLBACK (on_moods_chosen_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reads @source, a folder of CSV files or a Daylio export, in a thread;
 * on_read_cb takes the job over: to store, to ask, or to free. */
static void
start_import (TmContext *context,
              GtkWindow *parent,
              GFile     *source,
              gboolean   from_daylio)
{
  char *path = g_file_get_path (source);
  Job *job;

  if (path == NULL)
    {
      tm_context_show_error (context, from_daylio ? _("Choose a file on this computer to import from.")
                                                  : _("Choose a folder on this computer to import from."));
      return;
    }
  job = job_new (context, parent, path);
  job->from_daylio = from_daylio;
  show_progress (job, from_daylio ? _("Reading the file…") : _("Reading the files…"));
  run_job (job, read_in_thread, on_read_cb);
}

static void
on_import_passphrase_cb (TmPassphraseDialog *dialog,
                         const char         *passphrase,
                         Asking             *asking)
{
  Job *job = job_new_for_archive (asking, dialog, passphrase);

  /* on_read_cb takes the job over, as for a folder. */
  show_progress (job, _("Opening the archive…"));
  run_job (job, read_in_thread, on_read_cb);
}

/* Asks for @path's passphrase, then imports it; a wrong one is asked
 * again. */
static void
import_archive (TmContext *context,
                GtkWindow *parent,
                char      *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: %s is the archive's file name */
  g_autofree char *body = g_strdup_printf (_("Enter the passphrase that “%s” was encrypted with."), name);
  TmPassphraseDialog *dialog = tm_passphrase_dialog_new (parent, TM_PASSPHRASE_DIALOG_ASK,
                                                         _("Import an Encrypted Archive"), body,
                                                         _("_Unlock"));

  g_signal_connect_data (dialog, "submitted", G_CALLBACK (on_import_passphrase_cb),
                         asking_new (context, parent, path, NULL), asking_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tm_data_transfer_import:
 * @file: the folder of CSV files, one of its CSV files, or an archive
 *
 * Reads them in a thread (an archive once its passphrase is given), then
 * stores them (in a thread too), asks about records already here, or
 * lists what is wrong.
 */
void
tm_data_transfer_import (TmContext *context,
                         GtkWindow *parent,
                         GFile     *file)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      tm_context_show_error (context, _("Choose a folder on this computer to import from."));
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) && g_str_has_suffix (path, TM_ARCHIVE_SUFFIX))
    {
      import_archive (context, parent, path);
      return;
    }
  /* A CSV file chosen stands for its folder. */
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) && g_str_has_suffix (path, ".csv"))
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      g_free (path);
      start_import (context, parent, folder, FALSE);
      return;
    }
  g_free (path);
  start_import (context, parent, file, FALSE);
}

/**
 * tm_data_transfer_import_daylio:
 * @file: a Daylio export (CSV)
 *
 * Reads it in a thread, then asks for the value of each of its moods,
 * then stores its entries as check-ins as tm_data_transfer_import() does,
 * or lists what is wrong.
 */
void
tm_data_transfer_import_daylio (TmContext *context,
                                GtkWindow *parent,
                                GFile     *file)
{
  start_import (context, parent, file, TRUE);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     TmContext       *context)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) source = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

      if (source != NULL && g_object_get_data (G_OBJECT (chooser), "tm-from-daylio") != NULL)
        tm_data_transfer_import_daylio (context, parent, source);
      else if (source != NULL)
        tm_data_transfer_import (context, parent, source);
    }
  g_object_unref (chooser);
}

static void
show_import_chooser (TmContext            *context,
                     GtkFileChooserNative *chooser,
                     gboolean              from_daylio)
{
  if (from_daylio)
    g_object_set_data (G_OBJECT (chooser), "tm-from-daylio", GINT_TO_POINTER (TRUE));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen_cb), context, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The chooser Import Data… shows, not shown yet: an archive, or any CSV
 * file of an exported folder. A file, not a folder, so that both can be
 * chosen in one chooser. */
static GtkFileChooserNative *
new_import_chooser (GtkWindow *parent)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import Data"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Import"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* Translators: a file chooser's filter: the archive, or any CSV file of an exported folder */
  gtk_file_filter_set_name (filter, _("Encrypted archives and exported CSV files"));
  gtk_file_filter_add_suffix (filter, TM_ARCHIVE_SUFFIX + 1);
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

/* Asks which archive, or which CSV file of an exported folder, then
 * imports. */
void
tm_data_transfer_choose_import (TmContext *context,
                                GtkWindow *parent)
{
  show_import_chooser (context, new_import_chooser (parent), FALSE);
}

/* Asks which Daylio export, then imports it. */
void
tm_data_transfer_choose_import_daylio (TmContext *context,
                                       GtkWindow *parent)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import from Daylio"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Import"), _("_Cancel"));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  /* Translators: a filter in the file chooser */
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  show_import_chooser (context, chooser, TRUE);
}
