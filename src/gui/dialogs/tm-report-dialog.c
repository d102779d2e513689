/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export Report: the period, the notes, the paper and the name on every
 * page; then where to save it. The report is written off the main thread
 * while the dialog says so; closing the dialog stops it, and a report that
 * was not finished replaces nothing. */
#define G_LOG_DOMAIN "tm-report-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tm-error-label.h"
#include "tm-report.h"
#include "tm-accessible.h"
#include "tm-date-picker.h"
#include "tm-report-dialog.h"

typedef enum
{
  PERIOD_30_DAYS,
  PERIOD_3_MONTHS,
  PERIOD_SINCE_PLAN,
  PERIOD_REVIEW,      /* the days the next review covers */
  PERIOD_CUSTOM,
} Period;

struct _TmReportDialog
{
  AdwWindow         parent_instance;

  GtkStack         *export_stack;
  GtkSpinner       *spinner;
  AdwComboRow      *period_row;
  AdwEntryRow      *from_row;
  AdwEntryRow      *to_row;
  AdwPreferencesGroup *sections_group;
  GtkCheckButton   *section_checks[TM_N_REPORT_SECTIONS];
  AdwPreferencesGroup *pages_group;
  AdwComboRow      *paper_row;
  AdwEntryRow      *name_row;
  TmErrorLabel     *error_label;

  TmContext        *context;
  TmStore          *store; /* the context's */
  GArray           *periods;        /* Period, by row of period_row */
  char              plan_start[TM_DAY_LEN + 1];
  char              review_from[TM_DAY_LEN + 1];  /* the next review's period, or "" */
  char              review_to[TM_DAY_LEN + 1];
  TmReportOptions   options;
  GCancellable     *cancellable;    /* while writing */
  gboolean          filling;        /* the rows are being filled, not typed in */
  gboolean          closed;
};

G_DEFINE_FINAL_TYPE (TmReportDialog, tm_report_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static Period
selected_period (TmReportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->period_row);

  return selected < self->periods->len ? g_array_index (self->periods, Period, selected) : PERIOD_CUSTOM;
}

/* A chosen period fills in its days. */
static void
fill_days (TmReportDialog *self)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = NULL;
  const char *to = today;

  switch (selected_period (self))
    {
    case PERIOD_30_DAYS:
      from = tm_day_add (today, -29);
      break;
    case PERIOD_3_MONTHS:
      from = tm_day_add (today, -(TM_REPORT_DEFAULT_DAYS - 1));
      break;
    case PERIOD_SINCE_PLAN:
      from = g_strdup (self->plan_start);
      break;
    case PERIOD_REVIEW:
      from = g_strdup (self->review_from);
      to = self->review_to;
      break;
    case PERIOD_CUSTOM:
    default:
      return;
    }

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  self->filling = FALSE;
}

static void
on_period_selected_cb (TmReportDialog *self)
{
  fill_days (self);
}

/* Typing a day makes the period a custom one. */
static void
on_days_changed_cb (TmReportDialog *self)
{
  if (self->filling)
    return;

  for (guint i = 0; i < self->periods->len; i++)
    if (g_array_index (self->periods, Period, i) == PERIOD_CUSTOM && adw_combo_row_get_selected (self->period_row) != i)
      {
        self->filling = TRUE;
        adw_combo_row_set_selected (self->period_row, i);
        self->filling = FALSE;
      }
}

static void
show_error (TmReportDialog *self,
            GtkWidget      *row,
            const char     *message)
{
  tm_error_label_show (self->error_label, message);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* The options as shown, checked in core; a refusal says why and keeps
 * what was typed. */
static gboolean
read_options (TmReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = text_of (self->from_row);
  g_autofree char *to = text_of (self->to_row);
  g_autofree char *name = text_of (self->name_row);
  TmReportOptions options;

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  tm_error_label_hide (self->error_label);

  tm_report_options_init (&options);
  if (!tm_parse_day (from, _("The first day"), options.from, &error))
    {
      show_error (self, GTK_WIDGET (self->from_row), error->message);
      return FALSE;
    }
  if (!tm_parse_day (to, _("The last day"), options.to, &error))
    {
      show_error (self, GTK_WIDGET (self->to_row), error->message);
      return FALSE;
    }
  if (!tm_report_options_validate (&options, &error))
    {
      show_error (self, GTK_WIDGET (self->from_row), error->message);
      return FALSE;
    }
  options.sections = 0;
  for (TmReportSection section = 0; section < TM_N_REPORT_SECTIONS; section++)
    if (gtk_check_button_get_active (self->section_checks[section]))
      options.sections |= 1u << section;
  if (!tm_report_options_validate (&options, &error))
    {
      show_error (self, GTK_WIDGET (self->section_checks[0]), error->message);
      return FALSE;
    }
  options.paper = adw_combo_row_get_selected (self->paper_row) == 1 ? TM_PAPER_LETTER : TM_PAPER_A4;

  if (!tm_store_set_report_name (self->store, name, &error))
    {
      show_error (self, GTK_WIDGET (self->name_row), error->message);
      return FALSE;
    }

  self->options = options;
  return TRUE;
}

static void
set_busy (TmReportDialog *self,
          gboolean        busy)
{
  /* A focused text row made insensitive would miss its focus-out. */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->export_stack, busy ? "busy" : "button");
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sections_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
}

/* Writing, off the main thread */

typedef struct
{
  TmReportData *data;
  char         *path;
  int           n_pages;
} Job;

static void
job_free (gpointer pointer)
{
  Job *job = pointer;

  tm_report_data_free (job->data);
  g_free (job->path);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (tm_report_write (job->data, job->path, cancellable, &job->n_pages, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Where the report went, with a button that opens it. */
static void
say_where_saved (TmReportDialog *self,
                 const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *where = g_filename_display_name (path);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: %s is where the report was saved */
  title = g_strdup_printf (_("Report saved to %s"), where);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  tm_context_add_toast (self->context, toast);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TmReportDialog *self = TM_REPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!self->closed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          show_error (self, NULL, error->message);
        }
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, FALSE);
      return;
    }

  say_where_saved (self, job->path);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, TRUE);
  if (!self->closed)
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * tm_report_dialog_export_to:
 * @file: where to write the PDF
 *
 * Checks the options and writes the report to @file in a thread.
 * ::finished tells how it ended.
 *
 * Returns: whether writing started
 */
gboolean
tm_report_dialog_export_to (TmReportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->cancellable != NULL || !read_options (self))
    return FALSE;

  job = g_new0 (Job, 1);
  job->path = g_file_get_path (file);
  job->data = tm_report_data_new_from_store (self->store, &self->options, &error);
  if (job->data == NULL || job->path == NULL)
    {
      show_error (self, NULL, error != NULL ? error->message
                                            : _("Choose a folder on this computer to save the report in."));
      job_free (job);
      return FALSE;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_written_cb, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, write_in_thread);
  return TRUE;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        TmReportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        tm_report_dialog_export_to (self, file);
    }
  g_object_unref (chooser);
}

static void
on_export_clicked_cb (TmReportDialog *self)
{
  g_autofree char *today = tm_day_today ();
  g_autofree char *name = tm_report_default_file_name (today);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* Check first: a refusal is better said before choosing a file. */
  if (!read_options (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
tm_report_dialog_close_request (GtkWindow *window)
{
  TmReportDialog *self = TM_REPORT_DIALOG (window);

  /* Closing stops the writing; the file that was there stays. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (tm_report_dialog_parent_class)->close_request (window);
}

static void
tm_report_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TmReportDialog *self = TM_REPORT_DIALOG (object);

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
tm_report_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TmReportDialog *self = TM_REPORT_DIALOG (object);

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
tm_report_dialog_dispose (GObject *object)
{
  TmReportDialog *self = TM_REPORT_DIALOG (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_REPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->periods, g_array_unref);

  G_OBJECT_CLASS (tm_report_dialog_parent_class)->dispose (object);
}

static void
tm_report_dialog_class_init (TmReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_report_dialog_get_property;
  object_class->set_property = tm_report_dialog_set_property;
  object_class->dispose = tm_report_dialog_dispose;
  window_class->close_request = tm_report_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TmReportDialog::finished:
   * @written: whether the report was written
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (TM_TYPE_ERROR_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, export_stack);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, pages_group);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_report_dialog_init (TmReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_accessible_name_rows (GTK_WIDGET (self));
  /* Days typed, or picked in a calendar. */
  tm_date_picker_attach (self->from_row);
  tm_date_picker_attach (self->to_row);
  self->periods = g_array_new (FALSE, FALSE, sizeof (Period));
}

/* A paper setting ("locale", "a4", "letter") as the paper row shows it:
 * A4 first, US Letter second. */
static guint
paper_row_of (const char *id)
{
  TmPaper paper = tm_paper_default ();

  if (!g_str_equal (id, "locale"))
    tm_paper_from_string (id, &paper);
  return paper == TM_PAPER_LETTER ? 1 : 0;
}

static gboolean
paper_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_value_set_uint (value, paper_row_of (g_variant_get_string (variant, NULL)));
  return TRUE;
}

/* A check row for each section of the table in core, all on. */
static void
add_section_rows (TmReportDialog *self)
{
  for (TmReportSection section = 0; section < TM_N_REPORT_SECTIONS; section++)
    {
      const TmReportSectionInfo *info = tm_report_section_get_info (section);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->name));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(info->description));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->name), -1);
      adw_preferences_group_add (self->sections_group, row);
      self->section_checks[section] = GTK_CHECK_BUTTON (check);
    }
}

/* With no name or ID kept with the record, the dialog asks for one; it
 * may stay empty. */
static void
ask_for_name (TmReportDialog *self,
              const char     *name)
{
  if (name != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      return;
    }
  adw_preferences_group_set_description (self->pages_group,
                                         _("No name or ID is kept with this record yet. Type one to print "
                                           "it on every page, or leave it empty."));
}

/* The days the next review covers: since the last review, or the last
 * 28 days before the first. Left out when the reviews cannot be read. */
static void
add_review_period (TmReportDialog *self,
                   GtkStringList  *periods)
{
  g_autoptr(GPtrArray) reviews = tm_store_list_reviews (self->store, NULL);
  g_autofree char *label = NULL;
  Period period = PERIOD_REVIEW;

  if (reviews == NULL || !tm_store_get_next_review_period (self->store, self->review_from, self->review_to, NULL))
    {
      self->review_from[0] = self->review_to[0] = '\0';
      return;
    }
  if (tm_review_find_latest (reviews) == NULL)
    /* Translators: a report's period, before the first review */
    label = g_strdup_printf (_("This review (the last %d days)"), TM_REVIEW_FIRST_DAYS);
  else
    {
      g_autofree char *since = tm_day_format_long (self->review_from);

      /* Translators: a report's period: "This review (since Monday 2 November 2026)" */
      label = g_strdup_printf (_("This review (since %s)"), since);
    }
  gtk_string_list_append (periods, label);
  g_array_append_val (self->periods, period);
}

static void
setup (TmReportDialog *self)
{
  GSettings *settings = tm_context_get_settings (self->context);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) papers = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) plans = tm_store_list_plans (self->store, NULL);
  g_autofree char *name = tm_store_get_report_name (self->store);
  Period period;

  /* The earliest plan's first day, when there is a plan. */
  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      const TmPlan *plan = plans->pdata[i];

      if (self->plan_start[0] == '\0' || strcmp (plan->effective_from, self->plan_start) < 0)
        g_strlcpy (self->plan_start, plan->effective_from, sizeof self->plan_start);
    }

  gtk_string_list_append (periods, _("The last 30 days"));
  period = PERIOD_30_DAYS, g_array_append_val (self->periods, period);
  gtk_string_list_append (periods, _("The last 3 months"));
  period = PERIOD_3_MONTHS, g_array_append_val (self->periods, period);
  if (self->plan_start[0] != '\0')
    {
      g_autofree char *since = tm_day_format_long (self->plan_start);
      /* Translators: a report's period: "Since the plan started (Friday 28 November 2025)" */
      g_autofree char *label = g_strdup_printf (_("Since the plan started (%s)"), since);

      gtk_string_list_append (periods, label);
      period = PERIOD_SINCE_PLAN, g_array_append_val (self->periods, period);
    }
  add_review_period (self, periods);
  gtk_string_list_append (periods, _("Other days"));
  period = PERIOD_CUSTOM, g_array_append_val (self->periods, period);

  self->filling = TRUE;
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (periods));
  adw_combo_row_set_selected (self->period_row, 1);
  self->filling = FALSE;
  fill_days (self);

  gtk_string_list_append (papers, _("A4"));
  gtk_string_list_append (papers, _("US Letter"));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  /* The paper of Preferences, as it is when the dialog opens; the one
   * chosen here is for this report only. */
  if (settings != NULL)
    g_settings_bind_with_mapping (settings, "paper-size", self->paper_row, "selected",
                                  G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES,
                                  paper_to_row, NULL, NULL, NULL);
  else
    adw_combo_row_set_selected (self->paper_row, paper_row_of ("locale"));

  add_section_rows (self);
  ask_for_name (self, name);
}

TmReportDialog *
tm_report_dialog_new (GtkWindow *parent,
                      TmContext *context)
{
  TmReportDialog *self;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);

  self = g_object_new (TM_TYPE_REPORT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);

  setup (self);
  return self;
}
