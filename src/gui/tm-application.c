/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application owns the store and the settings, and hands them to its
 * window in one context. It reads the command line itself so that a bad
 * argument is one line and status 2. */
#define G_LOG_DOMAIN "tm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "tm-application.h"
#include "tm-archive.h"
#include "tm-companion-service.h"
#include "tm-companion-window.h"
#include "tm-csv.h"
#include "tm-data-lock.h"
#include "tm-daylio.h"
#include "tm-demo.h"
#include "tm-fhir.h"
#include "tm-file.h"
#include "tm-passphrase-prompt.h"
#include "tm-recovery-window.h"
#include "tm-reminder-service.h"
#include "tm-report.h"
#include "tm-safety-help.h"
#include "tm-settings.h"
#include "tm-backup-keys.h"
#include "tm-passphrase-dialog.h"
#include "tm-store-backup.h"
#include "tm-text.h"
#include "tm-window.h"

#define EXIT_USAGE 2

struct _TmApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;     /* from --data-dir, or NULL */
  gboolean        demo;         /* --demo: a throwaway folder of made-up data */
  gboolean        background;   /* --background: no window at first */
  TmReminderService *reminder;
  TmCompanionService *companion;  /* the session companion, once the store is open */
  char           *demo_dir;
  TmStore        *store;
  GSettings      *settings;     /* NULL without a schema */
  TmContext      *context;      /* for the store, once a window shows it */
  char           *store_dir;    /* the data folder opened, or tried */
  guint           backup_idle;
  TmStore        *backing_up;   /* while the daily backup runs */
  gboolean        quitting;     /* once the store's work has ended */
  gboolean        handed_over;  /* another Tidemark shows this data folder */
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (TmApplication, tm_application, ADW_TYPE_APPLICATION)

static void
print_usage_error (const char *message)
{
  g_printerr ("tidemark: %s\n", message);
}

static void open_demo (TmApplication *self);

/* Opens @data_dir's store, or keeps why not in store_error and says it
 * (for a command, with how to get to the ways on). A store that only
 * reads takes no lock: it reads while a window writes. */
static gboolean
take_store (TmApplication *self,
            const char    *data_dir,
            TmStore       *store,
            GError        *error,
            gboolean       for_command)
{
  g_free (self->store_dir);
  self->store_dir = g_strdup (data_dir);
  g_clear_error (&self->store_error);
  self->store = store;
  self->store_error = error;
  if (self->store == NULL)
    {
      g_autofree char *text = tm_store_explain_error (data_dir, self->store_error);

      /* The window offers the ways on; here, how to get to them. */
      if (for_command && g_error_matches (self->store_error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED))
        g_printerr (_("tidemark: %s Start Tidemark without a command to restore a backup, or give another "
                      "data folder with --data-dir.\n"), text);
      else
        g_printerr ("tidemark: %s\n", text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_store (TmApplication *self,
            const char    *data_dir,
            gboolean       for_command,
            gboolean       read_only)
{
  GError *error = NULL;
  TmStore *store = read_only ? tm_store_open_read_only (data_dir, &error) : tm_store_open (data_dir, &error);

  return take_store (self, data_dir, store, error, for_command);
}

/* The window's store, opened (and checked: PRAGMA quick_check reads the
 * whole file) in a thread while GTK starts, which takes as long on the
 * other core. Nothing reads or writes the store before both are done. */
typedef struct
{
  const char *data_dir;
  TmStore    *store;
  GError     *error;
} StoreOpening;

static gpointer
open_store_thread (gpointer data)
{
  StoreOpening *opening = data;

  opening->store = tm_store_open (opening->data_dir, &opening->error);
  return NULL;
}

/* Starts opening @data_dir's store, unless a Tidemark with a window
 * holds it: then the window is handed over to, not waited for. */
static GThread *
start_opening_store (StoreOpening *opening,
                     const char   *data_dir)
{
  g_autofree char *holder = tm_data_lock_get_holder (data_dir);

  opening->data_dir = data_dir;
  if (holder != NULL)
    return NULL;
  return g_thread_new ("tm-open-store", open_store_thread, opening);
}

static gboolean
has_good_backup (const char *data_dir)
{
  g_autoptr(TmBackup) good = tm_backups_find_good (data_dir);

  return good != NULL;
}

/* The store for a command that runs without a window: the demo's, or the
 * data folder's, which @must_exist. A command that needs it to exist only
 * reads it (an export), in one snapshot, without the folder's lock. Says
 * why when it can't. */
static gboolean
open_store_for_command (TmApplication *self,
                        gboolean       must_exist)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;

  if (self->demo)
    {
      open_demo (self);
      return self->store != NULL;
    }

  data_dir = self->data_dir != NULL ? g_strdup (self->data_dir) : tm_store_default_data_dir ();
  db_path = g_build_filename (data_dir, TM_STORE_FILE_NAME, NULL);
  /* A data file gone from beside a good backup is explained as damaged. */
  if (must_exist && !g_file_test (db_path, G_FILE_TEST_IS_REGULAR) && !has_good_backup (data_dir))
    {
      g_printerr (_("tidemark: there is no Tidemark data in %s (no tidemark.db there). Check --data-dir "
                    "or TIDEMARK_DATA_DIR.\n"), data_dir);
      return FALSE;
    }
  return open_store (self, data_dir, TRUE, must_exist);
}

/* Whether @error refused where the output was to go (into the data
 * folder, or onto something that is not a file): a usage error. */
static gboolean
output_refused (const GError *error)
{
  return g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
}

/* --export-csv: every table as CSV, without a window. */
static int
export_csv (TmApplication *self,
            const char    *dir)
{
  g_autoptr(GError) error = NULL;

  if (dir[0] == '\0')
    {
      print_usage_error (_("--export-csv needs a folder, for example --export-csv=tidemark-data"));
      return EXIT_USAGE;
    }
  if (!open_store_for_command (self, TRUE))
    return EXIT_FAILURE;
  if (!tm_store_export_csv (self->store, dir, &error))
    {
      g_printerr ("tidemark: %s\n", error->message);
      return output_refused (error) ? EXIT_USAGE : EXIT_FAILURE;
    }
  g_print (_("Exported every table to %s.\n"), dir);
  return EXIT_SUCCESS;
}

/* --export-fhir: the record as a FHIR Bundle for a clinic, without a window. */
static int
export_fhir (TmApplication *self,
             const char    *file)
{
  g_autoptr(GError) error = NULL;

  if (file[0] == '\0')
    {
      print_usage_error (_("--export-fhir needs a file, for example --export-fhir=tidemark-fhir.json"));
      return EXIT_USAGE;
    }
  if (!open_store_for_command (self, TRUE))
    return EXIT_FAILURE;
  if (!tm_store_export_fhir (self->store, file, NULL, &error))
    {
      g_printerr ("tidemark: %s\n", error->message);
      return output_refused (error) ? EXIT_USAGE : EXIT_FAILURE;
    }
  /* Translators: %s is the file written */
  g_print (_("Wrote the record for a clinic (FHIR) to %s.\n"), file);
  return EXIT_SUCCESS;
}

/* --export-archive: every table as CSV, in one file sealed with a
 * passphrase, without a window. */
static int
export_archive (TmApplication *self,
                const char    *file)
{
  g_autoptr(GError) error = NULL;
  char *passphrase;
  gboolean written;

  if (file[0] == '\0')
    {
      print_usage_error (_("--export-archive needs a file, for example --export-archive=tidemark.tidemark"));
      return EXIT_USAGE;
    }
  if (!open_store_for_command (self, TRUE))
    return EXIT_FAILURE;
  /* Where it goes is checked before the passphrase is asked. */
  if (!tm_file_check_output (file, tm_store_get_data_dir (self->store), &error))
    {
      g_printerr ("tidemark: %s\n", error->message);
      return output_refused (error) ? EXIT_USAGE : EXIT_FAILURE;
    }
  passphrase = tm_passphrase_prompt_read (TM_PASSPHRASE_PROMPT_NEW, &error);
  written = passphrase != NULL && tm_store_export_archive (self->store, file, passphrase, NULL, &error);
  tm_passphrase_prompt_free (passphrase);
  if (!written)
    {
      g_printerr ("tidemark: %s\n", error->message);
      return output_refused (error) ? EXIT_USAGE : EXIT_FAILURE;
    }
  g_print (_("Exported every table to the encrypted archive %s.\n"), file);
  return EXIT_SUCCESS;
}

/* --on-conflict=keep|replace, or FALSE when it is neither (said). */
static gboolean
read_conflict (const char *on_conflict,
               TmConflict *conflict)
{
  *conflict = TM_CONFLICT_KEEP;
  if (on_conflict != NULL && !tm_conflict_from_string (on_conflict, conflict))
    {
      g_autofree char *message = g_strdup_printf (_("--on-conflict is keep or replace, not “%s”"), on_conflict);

      print_usage_error (message);
      return FALSE;
    }
  return TRUE;
}

/* Stores what @import read from @source, or lists its problems and
 * stores nothing. Returns the exit status. */
static int
store_import (TmApplication *self,
              TmCsvImport   *import,
              TmConflict     conflict,
              const char    *source)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *shown_source = NULL;
  GPtrArray *problems = tm_csv_import_get_problems (import);
  TmCsvSummary summary;

  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (const char *) problems->pdata[i]);
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "tidemark: nothing was imported: fix the problem above, then import again\n",
                               "tidemark: nothing was imported: fix the problems above, then import again\n",
                               problems->len));
      return EXIT_FAILURE;
    }

  if (!open_store_for_command (self, FALSE))
    return EXIT_FAILURE;
  if (!tm_store_import_csv (self->store, import, conflict, &summary, &error))
    {
      g_printerr ("tidemark: %s\n", error->message);
      return EXIT_FAILURE;
    }
  summary_text = tm_csv_summary_describe (&summary);
  shown_source = tm_text_escape (source);
  g_print (_("Imported from %s: %s\n"), shown_source, summary_text);
  return EXIT_SUCCESS;
}

/* --import-csv and --import-archive: what --export-csv or
 * --export-archive wrote, all or nothing, without a window. @archive
 * says which @path is. */
static int
import_csv (TmApplication *self,
            const char    *path,
            gboolean       archive,
            const char    *on_conflict)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GError) error = NULL;
  TmConflict conflict;
  gboolean read;

  if (path[0] == '\0')
    {
      print_usage_error (archive ? _("--import-archive needs a file, for example "
                                     "--import-archive=tidemark.tidemark")
                                 : _("--import-csv needs a folder, for example --import-csv=tidemark-data"));
      return EXIT_USAGE;
    }
  if (!read_conflict (on_conflict, &conflict))
    return EXIT_USAGE;

  if (archive)
    {
      char *passphrase = tm_passphrase_prompt_read (TM_PASSPHRASE_PROMPT_ASK, &error);

      read = passphrase != NULL && tm_csv_import_read_archive (import, path, passphrase, &error);
      tm_passphrase_prompt_free (passphrase);
    }
  else
    read = tm_csv_import_read_dir (import, path, &error);
  if (!read)
    {
      g_printerr ("tidemark: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return store_import (self, import, conflict, path);
}

/* --import-daylio: a Daylio export's entries as check-ins, their moods
 * valued by Daylio's defaults and --mood-map; all or nothing. */
static int
import_daylio (TmApplication *self,
               const char    *file,
               const char    *mood_map,
               const char    *on_conflict)
{
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  g_autoptr(GHashTable) moods = tm_daylio_moods_new ();
  g_autoptr(TmDaylio) daylio = NULL;
  g_autoptr(GError) error = NULL;
  TmConflict conflict;
  const char *unmapped;

  if (file[0] == '\0')
    {
      print_usage_error (_("--import-daylio needs a file, for example --import-daylio=daylio_export.csv"));
      return EXIT_USAGE;
    }
  if (!read_conflict (on_conflict, &conflict))
    return EXIT_USAGE;
  if (mood_map != NULL && !tm_daylio_moods_parse (moods, mood_map, &error))
    {
      print_usage_error (error->message);
      return EXIT_USAGE;
    }

  daylio = tm_daylio_read (import, file, &error);
  if (daylio == NULL)
    {
      g_printerr ("tidemark: %s\n", error->message);
      return EXIT_FAILURE;
    }
  unmapped = tm_daylio_find_unmapped (daylio, moods);
  if (tm_csv_import_get_problems (import)->len == 0 && unmapped != NULL)
    {
      g_autofree char *quoted = tm_text_quote (unmapped);
      g_autofree char *message =
        /* Translators: --mood-map keeps its English form */
        g_strdup_printf (_("the file has the mood “%s”, which has no value from 0 to 10: give it one with "
                           "--mood-map, for example --mood-map=\"%s=5\"; nothing was imported"),
                         quoted, quoted);

      print_usage_error (message);
      return EXIT_USAGE;
    }
  if (tm_csv_import_get_problems (import)->len == 0 && !tm_daylio_add_checkins (daylio, moods, import, &error))
    {
      g_printerr ("tidemark: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return store_import (self, import, conflict, file);
}

/* --export-pdf: the report, without a window. Returns the exit status. */
static int
export_report (TmApplication *self,
               const char    *file,
               const char    *from,
               const char    *to,
               const char    *paper,
               const char    *sections,
               const char    *patient,
               gboolean       no_notes)
{
  g_autoptr(TmReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  TmReportOptions options;
  int n_pages = 0;

  if (file[0] == '\0')
    {
      print_usage_error (_("--export-pdf needs a file, for example --export-pdf=report.pdf"));
      return EXIT_USAGE;
    }

  tm_report_options_init (&options);
  if (sections != NULL && !tm_report_sections_parse (sections, &options.sections, &error))
    {
      g_autofree char *message = g_strdup_printf ("--sections: %s", error->message);

      print_usage_error (message);
      return EXIT_USAGE;
    }
  /* "All but the notes", or the sections chosen but the notes. */
  if (no_notes)
    options.sections &= ~(1u << TM_REPORT_SECTION_NOTES);
  if (patient != NULL && !tm_report_options_set_patient (&options, patient, &error))
    {
      g_autofree char *message = g_strdup_printf ("--patient: %s", error->message);

      print_usage_error (message);
      return EXIT_USAGE;
    }
  if (paper != NULL && !tm_paper_from_string (paper, &options.paper))
    {
      g_autofree char *message = g_strdup_printf (_("--paper is a4 or letter, not “%s”"), paper);

      print_usage_error (message);
      return EXIT_USAGE;
    }
  if (to != NULL && !tm_parse_day (to, _("--to"), options.to, &error))
    {
      print_usage_error (error->message);
      return EXIT_USAGE;
    }
  if (from != NULL && !tm_parse_day (from, _("--from"), options.from, &error))
    {
      print_usage_error (error->message);
      return EXIT_USAGE;
    }
  if (from == NULL)
    {
      g_autofree char *start = tm_day_add (options.to, -(TM_REPORT_DEFAULT_DAYS - 1));

      g_strlcpy (options.from, start, sizeof options.from);
    }
  if (!tm_report_options_validate (&options, &error))
    {
      print_usage_error (error->message);
      return EXIT_USAGE;
    }

  /* A report reads data that is there; it never starts a new data file. */
  if (!open_store_for_command (self, TRUE))
    return EXIT_FAILURE;

  /* One snapshot, whatever a window saves meanwhile. */
  if (tm_store_begin_read (self->store, &error))
    {
      data = tm_report_data_new_from_store (self->store, &options, &error);
      tm_store_commit (self->store, NULL);
    }
  if (data == NULL || !tm_report_write (data, file, NULL, &n_pages, &error))
    {
      g_printerr ("tidemark: %s\n", error->message);
      return output_refused (error) ? EXIT_USAGE : EXIT_FAILURE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s: %d page, %s to %s.\n", "Wrote %s: %d pages, %s to %s.\n",
                        n_pages),
           file, n_pages, options.from, options.to);
  return EXIT_SUCCESS;
}

/* What the command line asked for. */
typedef struct
{
  char     *data_dir;
  char     *export_pdf;
  char     *export_csv_dir;
  char     *export_fhir;
  char     *import_csv_dir;
  char     *import_daylio;
  char     *mood_map;
  char     *export_archive;
  char     *import_archive;
  char     *on_conflict;
  char     *from;
  char     *to;
  char     *paper;
  char     *sections;
  char     *patient;
  char     *sections_help;  /* lists the ids from the table of sections */
  gboolean  no_notes;
  gboolean  background;
  gboolean  version;
  gboolean  demo;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->data_dir);
  g_free (options->export_pdf);
  g_free (options->export_csv_dir);
  g_free (options->export_fhir);
  g_free (options->import_csv_dir);
  g_free (options->import_daylio);
  g_free (options->mood_map);
  g_free (options->export_archive);
  g_free (options->import_archive);
  g_free (options->on_conflict);
  g_free (options->from);
  g_free (options->to);
  g_free (options->paper);
  g_free (options->sections);
  g_free (options->patient);
  g_free (options->sections_help);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The options and their help, read into @options. */
/* --sections' help, with the ids from the table of sections. */
static char *
describe_sections_option (void)
{
  g_autofree char *ids = tm_report_sections_list_ids ();

  /* Translators: %s lists the section ids, which stay in English */
  return g_strdup_printf (_("The report's sections, separated by commas (default: all): %s"), ids);
}

static GOptionContext *
new_option_context (Options *options)
{
  /* Kept in @options, which outlives the context. */
  const char *sections_help = options->sections_help = describe_sections_option ();
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_("Keep Tidemark's data in DIR (also TIDEMARK_DATA_DIR)"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Show a year of made-up data in a throwaway folder; your own data is not opened"), NULL },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, &options->export_pdf,
      N_("Write the report for chart review to FILE and exit"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("The report's first day (default: 3 months before --to)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("The report's last day (default: today)"), N_("YYYY-MM-DD") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options->paper,
      N_("The report's paper, a4 or letter (default: your locale's)"), N_("SIZE") },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &options->sections,
      sections_help, N_("LIST") },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &options->patient,
      N_("The name or ID on every page of this report, instead of the one kept with the data "
         "(empty: none)"), N_("NAME-OR-ID") },
    { "no-notes", 0, 0, G_OPTION_ARG_NONE, &options->no_notes,
      N_("Leave the check-in notes out of the report (all sections but notes)"), NULL },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &options->export_csv_dir,
      N_("Write every table as a CSV file into DIR and exit"), N_("DIR") },
    { "export-fhir", 0, 0, G_OPTION_ARG_FILENAME, &options->export_fhir,
      N_("Write the record for a clinic as a FHIR R4 Bundle (JSON) to FILE and exit"), N_("FILE") },
    { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, &options->import_csv_dir,
      N_("Read the CSV files in DIR, all or nothing, and exit"), N_("DIR") },
    { "import-daylio", 0, 0, G_OPTION_ARG_FILENAME, &options->import_daylio,
      N_("Read a Daylio export (CSV) into check-ins, all or nothing, and exit"), N_("FILE") },
    { "mood-map", 0, 0, G_OPTION_ARG_STRING, &options->mood_map,
      N_("The value from 0 to 10 of each Daylio mood (default: rad=9,good=7,meh=5,bad=3,awful=1)"),
      N_("NAME=N,…") },
    { "export-archive", 0, 0, G_OPTION_ARG_FILENAME, &options->export_archive,
      N_("Write every table into FILE, one archive encrypted with a passphrase (asked on the terminal, "
         "or from TIDEMARK_PASSPHRASE), and exit"), N_("FILE") },
    { "import-archive", 0, 0, G_OPTION_ARG_FILENAME, &options->import_archive,
      N_("Read the archive FILE, all or nothing, and exit"), N_("FILE") },
    { "on-conflict", 0, 0, G_OPTION_ARG_STRING, &options->on_conflict,
      N_("When an imported record is already there: keep (the default) or replace"), N_("keep|replace") },
    { "background", 0, 0, G_OPTION_ARG_NONE, &options->background,
      N_("Start without a window, for the daily reminder"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Daily check-ins, dosing sessions and the clinician's maintenance "
                                  "plan for low-dose ketamine treatment, kept on this computer."));
  /* The entries are copied; what they point to is @options. */
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Why @options don't go together, or NULL when they do. */
static const char *
options_misused (const Options *options)
{
  if (options->export_pdf == NULL &&
      (options->from != NULL || options->to != NULL || options->paper != NULL || options->no_notes ||
       options->sections != NULL || options->patient != NULL))
    return _("--from, --to, --paper, --sections, --patient and --no-notes go with --export-pdf=FILE");
  if (options->demo && options->data_dir != NULL)
    return _("--demo opens its own throwaway folder, so it can't be used with --data-dir");
  if (options->data_dir != NULL && options->data_dir[0] == '\0')
    return _("--data-dir needs a folder, for example --data-dir=~/Tidemark");
  if ((options->export_pdf != NULL) + (options->export_csv_dir != NULL) + (options->export_fhir != NULL) +
      (options->export_archive != NULL) + (options->import_csv_dir != NULL) + (options->import_archive != NULL) +
      (options->import_daylio != NULL) > 1)
    return _("--export-pdf, --export-csv, --export-fhir, --export-archive, --import-csv, --import-archive and "
             "--import-daylio can't be used together");
  if (options->on_conflict != NULL && options->import_csv_dir == NULL && options->import_archive == NULL &&
      options->import_daylio == NULL)
    return _("--on-conflict goes with --import-csv=DIR, --import-archive=FILE or --import-daylio=FILE");
  if (options->mood_map != NULL && options->import_daylio == NULL)
    return _("--mood-map goes with --import-daylio=FILE");
  return NULL;
}

/* Runs the command @options ask for, if any; returns whether one ran. */
static gboolean
run_command (TmApplication *self,
             const Options *options,
             int           *exit_status)
{
  if (options->export_pdf != NULL)
    *exit_status = export_report (self, options->export_pdf, options->from, options->to, options->paper,
                                  options->sections, options->patient, options->no_notes);
  else if (options->export_csv_dir != NULL)
    *exit_status = export_csv (self, options->export_csv_dir);
  else if (options->export_fhir != NULL)
    *exit_status = export_fhir (self, options->export_fhir);
  else if (options->import_csv_dir != NULL)
    *exit_status = import_csv (self, options->import_csv_dir, FALSE, options->on_conflict);
  else if (options->export_archive != NULL)
    *exit_status = export_archive (self, options->export_archive);
  else if (options->import_archive != NULL)
    *exit_status = import_csv (self, options->import_archive, TRUE, options->on_conflict);
  else if (options->import_daylio != NULL)
    *exit_status = import_daylio (self, options->import_daylio, options->mood_map, options->on_conflict);
  else
    return FALSE;
  return TRUE;
}

/* Reads the command line here, not in the primary instance, so that a
 * bad argument is one line and status 2, and a command runs without a
 * window or a bus name. */
static gboolean
tm_application_local_command_line (GApplication   *application,
                                   char         ***arguments,
                                   int            *exit_status)
{
  TmApplication *self = TM_APPLICATION (application);
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = new_option_context (&options);
  g_autoptr(GError) error = NULL;
  const char *misused;

  *exit_status = EXIT_USAGE;
  if (!g_option_context_parse_strv (context, arguments, &error))
    {
      print_usage_error (error->message);
      return TRUE;
    }
  if (g_strv_length (*arguments) > 1)
    {
      g_autofree char *message =
        g_strdup_printf (_("unexpected argument “%s”; see tidemark --help"), (*arguments)[1]);

      print_usage_error (message);
      return TRUE;
    }
  if (options.version)
    {
      g_print ("Tidemark %s\n", PACKAGE_VERSION);
      *exit_status = EXIT_SUCCESS;
      return TRUE;
    }
  if ((misused = options_misused (&options)) != NULL)
    {
      print_usage_error (misused);
      return TRUE;
    }

  self->demo = options.demo;
  self->background = options.background;
  if (options.data_dir != NULL)
    {
      g_free (self->data_dir);
      self->data_dir = g_steal_pointer (&options.data_dir);
    }
  if (run_command (self, &options, exit_status))
    return TRUE;

  /* Another data folder is another Tidemark: it must not hand over to a
   * window that shows different data. */
  if (self->data_dir != NULL || self->demo || g_getenv ("TIDEMARK_DATA_DIR") != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (tm_application_parent_class)->local_command_line (application,
                                                                              arguments,
                                                                              exit_status);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Tidemark developers"), NULL };
  GtkWidget *about;
  /* What it keeps, then what it is for and what it is not. */
  g_autofree char *comments = g_strconcat (_("Tidemark keeps a daily check-in, notes on dosing "
                                             "sessions and the clinician's maintenance plan for "
                                             "low-dose ketamine treatment, all on this computer."),
                                           "\n\n", tm_intended_purpose (), NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Tidemark"),
                        "application-icon", ICON_NAME,
                        "developer-name", _("The Tidemark developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", comments,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_store_busy_changed_cb (TmStore       *store,
                          TmApplication *self)
{
  if (!tm_store_is_busy (store))
    g_application_quit (G_APPLICATION (self));
}

static void
quit_app (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  TmApplication *self = TM_APPLICATION (user_data);
  GList *windows = NULL;
  GList *parents = NULL;

  /* A copy: closing a window takes it off the application's list. The
   * windows that belong to another (Preferences, an editor) close, and are
   * let go of, before the one they belong to, which they point to until
   * they go. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (gtk_window_get_transient_for (l->data) != NULL)
      windows = g_list_append (windows, g_object_ref (l->data));
    else
      parents = g_list_append (parents, g_object_ref (l->data));
  windows = g_list_concat (windows, parents);

  /* Closing, not quitting outright: a window with unsaved work asks. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);

  /* Quit means quit, even with the reminder holding the app; but an
   * export, import or backup under way is finished first. */
  if (gtk_application_get_windows (app) != NULL)
    return;
  if (self->store == NULL || !tm_store_is_busy (self->store))
    g_application_quit (G_APPLICATION (app));
  else if (!self->quitting)
    {
      self->quitting = TRUE;
      g_signal_connect_object (self->store, "busy-changed", G_CALLBACK (on_store_busy_changed_cb), self, 0);
    }
}

/* From the reminder: the window, on Today. */
static void
show_today (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "today");
}

static TmContext *ensure_context (TmApplication *self);

/* "Start a Session" on Today, and every companion notification: the
 * companion's window, starting the companion when none is active. */
static void
show_companion (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TmApplication *self = TM_APPLICATION (user_data);
  GtkWindow *window;

  if (self->store == NULL || self->companion == NULL || self->demo)
    {
      g_application_activate (G_APPLICATION (self));
      return;
    }

  window = tm_companion_service_get_window (self->companion);
  if (window == NULL)
    {
      g_autoptr(TmCompanion) companion = tm_companion_load (self->store);
      g_autoptr(GError) error = NULL;

      if (!companion->active)
        {
          g_autoptr(GDateTime) now = tm_time_now ();

          tm_companion_start (companion, now);
          if (!tm_companion_save (companion, self->store, &error))
            {
              g_application_activate (G_APPLICATION (self));
              tm_context_show_error (ensure_context (self), error->message);
              return;
            }
        }
      window = GTK_WINDOW (tm_companion_window_new (GTK_APPLICATION (self), ensure_context (self),
                                                    self->companion));
    }
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "companion", show_companion },
  { "quit", quit_app },
  { "show-today", show_today },
};

/* The demo's folder, for when the process ends without shutting down
 * (its display gone, say). */
static char *demo_dir_at_exit;

static void
remove_demo_dir_at_exit (void)
{
  if (demo_dir_at_exit != NULL && g_file_test (demo_dir_at_exit, G_FILE_TEST_IS_DIR))
    tm_file_remove_tree (demo_dir_at_exit);
}

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/* --demo: a new folder under the temporary one, filled with the demo
 * year, and removed when Tidemark quits, even when told to by a signal.
 * The person's own data folder is never opened. */
static void
open_demo (TmApplication *self)
{
  g_autoptr(TmChartRecord) record = NULL;
  g_autofree char *today = tm_day_today ();
  GError *error = NULL;

  self->demo_dir = g_dir_make_tmp ("tidemark-demo-XXXXXX", &error);
  if (self->demo_dir == NULL ||
      (self->store = tm_store_open (self->demo_dir, &error)) == NULL)
    {
      self->store_error = error;
      g_printerr ("tidemark: %s\n", error->message);
      return;
    }

  demo_dir_at_exit = g_strdup (self->demo_dir);
  atexit (remove_demo_dir_at_exit);
  g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  g_unix_signal_add (SIGHUP, on_quit_signal_cb, self);

  record = tm_demo_record_new (today, TM_DEMO_DAYS);
  if (!tm_demo_fill_store (self->store, record, &error))
    {
      g_printerr ("tidemark: the demo data could not be made: %s\n", error->message);
      g_clear_error (&error);
    }
}

/* One writer per data folder (DESIGN.md). A second Tidemark on a folder
 * that a Tidemark with a window holds hands over to it: the holder's lock
 * file names its D-Bus connection and object path, where it answers
 * org.gtk.Application.Activate (a Tidemark with its own data folder is
 * not unique, so it owns no well-known name, but GApplication serves its
 * object on its connection all the same). The holder presents its window;
 * the second one ends. A holder without a window (an import from the
 * command line) is waited for a moment by tm_store_open(), and then the
 * window says the folder is in use. */
#define HOLDER_WINDOW "window"

static void
announce_window (TmApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  const char *path = g_application_get_dbus_object_path (G_APPLICATION (self));
  TmDataLock *lock = self->store != NULL ? tm_store_get_lock (self->store) : NULL;
  g_autofree char *holder = NULL;
  g_autoptr(GError) error = NULL;

  if (lock == NULL || bus == NULL || path == NULL || self->demo)
    return;
  holder = g_strdup_printf (HOLDER_WINDOW " %s %s", g_dbus_connection_get_unique_name (bus), path);
  if (!tm_data_lock_set_holder (lock, holder, &error))
    g_debug ("A second Tidemark on this folder can't find this one: %s", error->message);
}

/* Whether a Tidemark with a window holds @data_dir and was asked to show
 * it (in the background, nothing to show: it reminds already). */
static gboolean
hand_over_to_window (TmApplication *self,
                     const char    *data_dir)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autofree char *holder = tm_data_lock_get_holder (data_dir);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  const char *startup_id = display != NULL ? gdk_display_get_startup_notification_id (display) : NULL;
  GVariantBuilder platform_data;

  if (holder == NULL || bus == NULL)
    return FALSE;
  parts = g_strsplit (holder, " ", 3);
  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], HOLDER_WINDOW) || !g_dbus_is_unique_name (parts[1]) ||
      !g_variant_is_object_path (parts[2]))
    return FALSE;
  if (self->background)
    return TRUE;

  /* What lets the window come to the front, as a launch would. */
  g_variant_builder_init (&platform_data, G_VARIANT_TYPE_VARDICT);
  if (startup_id != NULL && g_utf8_validate (startup_id, -1, NULL))
    {
      g_variant_builder_add (&platform_data, "{sv}", "activation-token", g_variant_new_string (startup_id));
      g_variant_builder_add (&platform_data, "{sv}", "desktop-startup-id", g_variant_new_string (startup_id));
    }
  reply = g_dbus_connection_call_sync (bus, parts[1], parts[2], "org.gtk.Application", "Activate",
                                       g_variant_new ("(a{sv})", &platform_data), NULL, G_DBUS_CALL_FLAGS_NONE,
                                       5000, NULL, &error);
  if (reply == NULL)
    {
      g_debug ("The Tidemark holding %s did not answer: %s", data_dir, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The windows' icon is set once the first window has drawn its first
 * frame: finding it scans the whole icon theme and draws the icon at
 * every size (for X11; Wayland takes it from the desktop file), which the
 * first frame need not wait for. */
static gboolean
set_icon_cb (gpointer user_data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  gtk_window_set_default_icon_name (ICON_NAME);
  /* A window realized without an icon does not take the default later. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_window_get_icon_name (l->data) == NULL)
      gtk_window_set_icon_name (l->data, ICON_NAME);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_drawn_cb (GdkFrameClock *clock,
                         gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_drawn_cb, user_data);
  g_idle_add (set_icon_cb, NULL);
}

static void
on_first_window_mapped_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, on_first_window_mapped_cb, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_frame_drawn_cb), NULL);
}

static void
on_first_window_added_cb (GtkApplication *application,
                          GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (application, on_first_window_added_cb, NULL);
  g_signal_connect (window, "map", G_CALLBACK (on_first_window_mapped_cb), NULL);
}

static void
tm_application_startup (GApplication *application)
{
  TmApplication *self = TM_APPLICATION (application);
  g_autofree char *data_dir = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *save_accels[] = { "<Control>s", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *today_accels[] = { "<Alt>1", NULL };
  static const char *sessions_accels[] = { "<Alt>2", NULL };
  static const char *calendar_accels[] = { "<Alt>3", NULL };
  static const char *trends_accels[] = { "<Alt>4", NULL };
  static const char *history_accels[] = { "<Alt>5", NULL };
  static const char *review_accels[] = { "<Alt>6", NULL };
  static const char *log_session_accels[] = { "<Control>n", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *report_accels[] = { "<Control>p", NULL };
  static const char *fullscreen_accels[] = { "F11", NULL };
  static const char *hide_notes_accels[] = { "<Control><Shift>h", NULL };
  static const char *zoom_in_accels[] = { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL };
  static const char *zoom_out_accels[] = { "<Control>minus", "<Control>KP_Subtract", NULL };
  static const char *zoom_reset_accels[] = { "<Control>0", "<Control>KP_0", NULL };
  StoreOpening opening = { 0 };
  GThread *opening_thread = NULL;

  if (!self->demo)
    {
      data_dir = self->data_dir != NULL ? g_strdup (self->data_dir) : tm_store_default_data_dir ();
      opening_thread = start_opening_store (&opening, data_dir);
    }

  G_APPLICATION_CLASS (tm_application_parent_class)->startup (application);
  tm_application_mark_start_up ("gtk-ready");
  g_signal_connect (application, "window-added", G_CALLBACK (on_first_window_added_cb), NULL);
  self->settings = tm_settings_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-page::today", today_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-page::sessions", sessions_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-page::calendar", calendar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-page::trends", trends_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-page::history", history_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-page::review", review_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.log-session", log_session_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-help-overlay", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.fullscreen", fullscreen_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.hide-notes", hide_notes_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.zoom-in", zoom_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.zoom-out", zoom_out_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.zoom-reset", zoom_reset_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.export-report", report_accels);

  if (self->demo)
    {
      open_demo (self);
      return;
    }

  if (opening_thread != NULL)
    g_thread_join (opening_thread);
  /* A Tidemark with a window holds the folder: it was found before opening,
   * or it took the folder while this one started and has announced
   * itself by now. */
  if ((opening_thread == NULL || g_error_matches (opening.error, TM_STORE_ERROR, TM_STORE_ERROR_BUSY)) &&
      hand_over_to_window (self, data_dir))
    {
      g_clear_error (&opening.error);
      self->handed_over = TRUE;
      return;
    }
  if (opening_thread != NULL ? !take_store (self, data_dir, opening.store, opening.error, FALSE)
                             : !open_store (self, data_dir, FALSE, FALSE))
    return;
  tm_application_mark_start_up ("store-ready");
  announce_window (self);

  if (self->settings != NULL)
    self->reminder = tm_reminder_service_new (application, self->store, self->settings);
  self->companion = tm_companion_service_new (application, self->store, self->settings);
}

static void
tm_application_shutdown (GApplication *application)
{
  TmApplication *self = TM_APPLICATION (application);

  /* A backup under way is finished, not cut off; one still waiting for
   * its passphrase is not made. */
  g_clear_handle_id (&self->backup_idle, g_source_remove);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (TM_IS_PASSPHRASE_DIALOG (l->data))
        gtk_window_destroy (l->data);
  }
  while (self->backing_up != NULL)
    g_main_context_iteration (NULL, TRUE);

  G_APPLICATION_CLASS (tm_application_parent_class)->shutdown (application);

  /* The demo leaves nothing behind. */
  g_clear_object (&self->companion);
  g_clear_object (&self->reminder);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  if (self->demo_dir != NULL)
    tm_file_remove_tree (self->demo_dir);
}

/* At most once a day, once the window is up: a copy of the data, made in
 * a thread (tm_backup_keys_back_up_async()), sealed when the person chose
 * encrypted backups. A failure is said, since the person relies on it;
 * a backup left out for want of its key or passphrase is said in a toast,
 * and none is made in its place. */
static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TmApplication) self = user_data;
  g_autoptr(TmStore) store = g_steal_pointer (&self->backing_up);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  g_application_release (G_APPLICATION (self));
  if (tm_backup_keys_back_up_finish (result, &error) || error == NULL)
    return;
  if (window == NULL)
    {
      g_warning ("Today’s backup was not made: %s", error->message);
      return;
    }
  if (tm_backup_keys_is_skipped (error) && self->context != NULL)
    {
      AdwToast *toast = adw_toast_new (tm_backup_keys_is_skipped_by_keyring (error)
                                       ? _("Today’s backup was not made: the keyring is locked or missing")
                                       : _("Today’s backup was not made: no passphrase was given"));

      adw_toast_set_timeout (toast, 0);
      tm_context_add_toast (self->context, toast);
      return;
    }
  {
    GtkWidget *dialog = adw_message_dialog_new (window, _("Today’s Backup Was Not Made"), error->message);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static gboolean
back_up_if_due_cb (gpointer user_data)
{
  TmApplication *self = TM_APPLICATION (user_data);

  self->backup_idle = 0;
  if (self->store == NULL || self->backing_up != NULL)
    return G_SOURCE_REMOVE;

  self->backing_up = g_object_ref (self->store);
  g_application_hold (G_APPLICATION (self));
  tm_backup_keys_back_up_async (self->store, self->settings,
                                gtk_application_get_active_window (GTK_APPLICATION (self)), TRUE,
                                on_backed_up_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void present_main_window (TmApplication *self,
                                 const char    *notice);

/* A data folder was opened from the recovery window: the main window
 * takes over. */
static void
on_recovered_cb (TmRecoveryWindow *recovery,
                 TmStore          *store,
                 const char       *notice,
                 TmApplication    *self)
{
  g_set_object (&self->store, store);
  g_clear_error (&self->store_error);
  g_free (self->store_dir);
  self->store_dir = g_strdup (tm_store_get_data_dir (store));
  announce_window (self);
  if (self->reminder == NULL && self->settings != NULL)
    self->reminder = tm_reminder_service_new (G_APPLICATION (self), self->store, self->settings);
  g_clear_object (&self->companion);
  self->companion = tm_companion_service_new (G_APPLICATION (self), self->store, self->settings);

  present_main_window (self, notice);
  gtk_window_destroy (GTK_WINDOW (recovery));
}

/* The data could not be opened: say why, and offer a backup or another folder. */
static void
present_recovery_window (TmApplication *self)
{
  TmRecoveryWindow *recovery = tm_recovery_window_new (GTK_APPLICATION (self), self->store_dir,
                                                       self->store_error);

  g_signal_connect (recovery, "opened", G_CALLBACK (on_recovered_cb), self);
  gtk_window_present (GTK_WINDOW (recovery));
}

/**
 * tm_application_mark_start_up:
 * @phase: the part of the start-up that has just ended
 *
 * For the start-up benchmark (TIDEMARK_REPORT_FIRST_FRAME set): prints
 * "mark PHASE MICROSECONDS", on the monotonic clock.
 */
void
tm_application_mark_start_up (const char *phase)
{
  if (g_getenv ("TIDEMARK_REPORT_FIRST_FRAME") != NULL)
    g_print ("mark %s %" G_GINT64_FORMAT "\n", phase, g_get_monotonic_time ());
}

/* For the start-up benchmark: print when the first frame was drawn, then quit. */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, window);
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_window_map_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  tm_application_mark_start_up ("window-mapped");
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame_cb), window);
}

static void
tm_application_activate (GApplication *application)
{
  TmApplication *self = TM_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* The Tidemark already showing this data folder has shown its window. */
  if (self->handed_over)
    return;

  /* Started at login for the reminder: no window until asked for. */
  if (self->background)
    {
      self->background = FALSE;
      return;
    }

  if (self->store == NULL)
    {
      present_recovery_window (self);
      return;
    }

  present_main_window (self, NULL);
}

/* What the window's pages and dialogs share. Made with the first window,
 * not with the store: the demo's records are not checked as they are made,
 * nor is anything in the background. */
static TmContext *
ensure_context (TmApplication *self)
{
  if (self->context == NULL || tm_context_get_store (self->context) != self->store)
    {
      g_clear_object (&self->context);
      self->context = tm_context_new (GTK_APPLICATION (self), self->store, self->settings);
    }
  return self->context;
}

static void
present_main_window (TmApplication *self,
                     const char    *notice)
{
  TmContext *context = ensure_context (self);
  GtkWindow *window = GTK_WINDOW (tm_window_new (GTK_APPLICATION (self), context));

  tm_application_mark_start_up ("window-built");
  if (self->demo)
    tm_window_mark_demo (TM_WINDOW (window));
  if (g_getenv ("TIDEMARK_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
  gtk_window_present (window);
  if (notice != NULL)
    tm_context_add_toast (context, adw_toast_new (notice));

  if (!self->demo && self->backup_idle == 0)
    self->backup_idle = g_idle_add_full (G_PRIORITY_LOW, back_up_if_due_cb, self, NULL);
}

static void
tm_application_dispose (GObject *object)
{
  TmApplication *self = TM_APPLICATION (object);

  g_clear_object (&self->companion);
  g_clear_object (&self->reminder);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tm_application_parent_class)->dispose (object);
}

static void
tm_application_finalize (GObject *object)
{
  TmApplication *self = TM_APPLICATION (object);

  g_free (self->data_dir);
  g_free (self->demo_dir);
  g_free (self->store_dir);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (tm_application_parent_class)->finalize (object);
}

static void
tm_application_class_init (TmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tm_application_dispose;
  object_class->finalize = tm_application_finalize;
  app_class->local_command_line = tm_application_local_command_line;
  app_class->startup = tm_application_startup;
  app_class->shutdown = tm_application_shutdown;
  app_class->activate = tm_application_activate;
}

static void
tm_application_init (TmApplication *self)
{
}

TmApplication *
tm_application_new (void)
{
  return g_object_new (TM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * tm_application_get_reminder:
 *
 * Returns: (transfer none) (nullable): the daily reminder, for tests
 */
TmReminderService *
tm_application_get_reminder (TmApplication *self)
{
  g_return_val_if_fail (TM_IS_APPLICATION (self), NULL);
  return self->reminder;
}

/**
 * tm_application_get_companion:
 *
 * Returns: (transfer none) (nullable): the session companion's service,
 *   for tests
 */
TmCompanionService *
tm_application_get_companion (TmApplication *self)
{
  g_return_val_if_fail (TM_IS_APPLICATION (self), NULL);
  return self->companion;
}

/**
 * tm_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL when it
 *   could not be opened
 */
TmStore *
tm_application_get_store (TmApplication *self)
{
  g_return_val_if_fail (TM_IS_APPLICATION (self), NULL);

  return self->store;
}
