/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application owns the store and hands it to its window. It reads the
 * command line itself so that a bad argument is one line and status 2. */
#define G_LOG_DOMAIN "tm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tm-application.h"
#include "tm-window.h"

#define EXIT_USAGE 2

struct _TmApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;     /* from --data-dir, or NULL */
  TmStore        *store;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (TmApplication, tm_application, ADW_TYPE_APPLICATION)

static void
print_usage_error (const char *message)
{
  g_printerr ("tidemark: %s\n", message);
}

static gboolean
tm_application_local_command_line (GApplication   *application,
                                   char         ***arguments,
                                   int            *exit_status)
{
  TmApplication *self = TM_APPLICATION (application);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep Tidemark's data in DIR (also TIDEMARK_DATA_DIR)"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Daily check-ins, dosing sessions and the clinician's maintenance "
                                  "plan for low-dose ketamine treatment, kept on this computer."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, arguments, &error))
    {
      print_usage_error (error->message);
      *exit_status = EXIT_USAGE;
      return TRUE;
    }

  if (g_strv_length (*arguments) > 1)
    {
      g_autofree char *message =
        g_strdup_printf (_("unexpected argument “%s”; see tidemark --help"), (*arguments)[1]);

      print_usage_error (message);
      *exit_status = EXIT_USAGE;
      return TRUE;
    }

  if (version)
    {
      g_print ("Tidemark %s\n", PACKAGE_VERSION);
      *exit_status = EXIT_SUCCESS;
      return TRUE;
    }

  if (data_dir != NULL)
    {
      if (data_dir[0] == '\0')
        {
          print_usage_error (_("--data-dir needs a folder, for example --data-dir=~/Tidemark"));
          *exit_status = EXIT_USAGE;
          return TRUE;
        }
      g_free (self->data_dir);
      self->data_dir = g_steal_pointer (&data_dir);
    }

  /* Another data folder is another Tidemark: it must not hand over to a
   * window that shows different data. */
  if (self->data_dir != NULL || g_getenv ("TIDEMARK_DATA_DIR") != NULL)
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

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Tidemark"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Tidemark developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Tidemark keeps a daily check-in, notes on dosing sessions "
                                      "and the clinician's maintenance plan for low-dose ketamine "
                                      "treatment, all on this computer.\n\n"
                                      "Tidemark is not a medical device. It does not diagnose, "
                                      "treat or give dosing advice, and it does not replace your "
                                      "clinician. In an emergency, call your local emergency number."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_app (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = NULL;

  /* A copy: closing a window takes it off the application's list. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));

  /* Closing, not quitting outright: a window with unsaved work asks. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "quit", quit_app },
};

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
  static const char *history_accels[] = { "<Alt>4", NULL };
  static const char *log_session_accels[] = { "<Control>n", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (tm_application_parent_class)->startup (application);

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
                                         "win.show-page::history", history_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.log-session", log_session_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.show-help-overlay", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "win.preferences", preferences_accels);

  data_dir = self->data_dir != NULL ? g_strdup (self->data_dir) : tm_store_default_data_dir ();
  self->store = tm_store_open (data_dir, &self->store_error);
  if (self->store == NULL)
    g_printerr ("tidemark: %s\n", self->store_error->message);
}

/* When the data can't be opened there is nothing to show but why. */
static void
present_store_error (TmApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Quit"));

  gtk_window_set_title (GTK_WINDOW (window), _("Tidemark"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 520);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Tidemark Can't Open Your Data"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), self->store_error->message);
  gtk_widget_set_vexpand (status, TRUE);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.quit");
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);

  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
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

  if (self->store == NULL)
    {
      present_store_error (self);
      return;
    }

  window = GTK_WINDOW (tm_window_new (GTK_APPLICATION (application), self->store));
  if (g_getenv ("TIDEMARK_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
  gtk_window_present (window);
}

static void
tm_application_dispose (GObject *object)
{
  TmApplication *self = TM_APPLICATION (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tm_application_parent_class)->dispose (object);
}

static void
tm_application_finalize (GObject *object)
{
  TmApplication *self = TM_APPLICATION (object);

  g_free (self->data_dir);
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
