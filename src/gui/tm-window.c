/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tm-accessible.h"
#include "tm-calendar-page.h"
#include "tm-clinician.h"
#include "tm-country-banner.h"
#include "tm-history-page.h"
#include "tm-measure.h"
#include "tm-review-page.h"
#include "tm-pin-dialog.h"
#include "tm-plan-dialog.h"
#include "tm-preferences-dialog.h"
#include "tm-progress-banner.h"
#include "tm-questionnaire-dialog.h"
#include "tm-session-dialog.h"
#include "tm-sessions-page.h"
#include "tm-data-transfer.h"
#include "tm-report-dialog.h"
#include "tm-today-page.h"
#include "tm-trends-page.h"
#include "tm-window.h"

struct _TmWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  TmProgressBanner     *progress_banner;
  TmCountryBanner      *country_banner;
  GtkRevealer          *notes_hidden_banner;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *stack;
  TmTodayPage          *today_page;

  TmContext            *context;
  gboolean              closing;
  gboolean              checkin_answered; /* the question about the check-in was answered */
  gboolean              shown;            /* mapped once: the first focus is given */
};

G_DEFINE_FINAL_TYPE (TmWindow, tm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_HIDE_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
save_checkin (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "today");
  tm_today_page_save (self->today_page);
}

/* Pages are built the first time they are shown, so that start-up pays
 * only for what the first frame shows: Today. Each takes the "context". */
static const struct
{
  const char *name;
  GType     (*get_type) (void);
} lazy_pages[] = {
  { "today", tm_today_page_get_type },
  { "sessions", tm_sessions_page_get_type },
  { "calendar", tm_calendar_page_get_type },
  { "trends", tm_trends_page_get_type },
  { "history", tm_history_page_get_type },
  { "review", tm_review_page_get_type },
};

static GtkWidget *
ensure_page (TmWindow   *self,
             const char *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->stack, name);
  /* A lazy page waits in a plain AdwBin. */
  AdwBin *bin = child != NULL && G_OBJECT_TYPE (child) == ADW_TYPE_BIN ? ADW_BIN (child) : NULL;

  if (bin == NULL)
    return child;

  /* Nothing is built while the template is, before the context is given. */
  if (adw_bin_get_child (bin) == NULL && self->context != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
      if (g_strcmp0 (lazy_pages[i].name, name) == 0)
        {
          adw_bin_set_child (bin, g_object_new (lazy_pages[i].get_type (),
                                                "context", self->context,
                                                NULL));
          tm_accessible_name_buttons (adw_bin_get_child (bin));
        }

  return adw_bin_get_child (bin);
}

static void
on_visible_page_changed_cb (TmWindow *self)
{
  ensure_page (self, adw_view_stack_get_visible_child_name (self->stack));
}

static void
log_session (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);
  TmSessionDialog *editor = tm_session_dialog_new (GTK_WINDOW (self), self->context, NULL);

  gtk_window_present (GTK_WINDOW (editor));
}

/* The session companion belongs to the application: it goes on with
 * this window closed, and its notifications open it there. */
static void
show_companion (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (widget));

  if (application != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (application), "companion", NULL);
}

static void
on_clinician_unlocked_cb (TmPinDialog *dialog,
                          TmWindow    *self)
{
  TmPlanDialog *editor = tm_plan_dialog_new (GTK_WINDOW (self), self->context);

  gtk_window_present (GTK_WINDOW (editor));
}

/* Clinician mode: the PIN first (set on first use), then the plan. */
static void
edit_plan (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);
  TmStore *store = tm_context_get_store (self->context);
  TmPinDialog *dialog;

  dialog = tm_pin_dialog_new (GTK_WINDOW (self), self->context,
                              tm_clinician_has_pin (store) ? TM_PIN_DIALOG_ENTER
                                                           : TM_PIN_DIALOG_SET);
  g_signal_connect_object (dialog, "unlocked", G_CALLBACK (on_clinician_unlocked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The calendar, at @day. */
static void
show_day (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);
  GtkWidget *page;

  adw_view_stack_set_visible_child_name (self->stack, "calendar");
  page = ensure_page (self, "calendar");
  tm_calendar_page_select_day (TM_CALENDAR_PAGE (page), g_variant_get_string (parameter, NULL));
}

static void
show_preferences (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (tm_preferences_dialog_new (GTK_WINDOW (self), self->context)));
}

/* Preferences, at the country of the crisis numbers (from the banner). */
static void
show_crisis_country (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);
  TmPreferencesDialog *prefs = tm_preferences_dialog_new (GTK_WINDOW (self), self->context);

  tm_preferences_dialog_show_country (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
export_report (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (tm_report_dialog_new (GTK_WINDOW (self), self->context)));
}

static void
export_data (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  tm_data_transfer_choose_export (self->context, GTK_WINDOW (self));
}

static void
export_fhir (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  tm_data_transfer_choose_export_fhir (self->context, GTK_WINDOW (self));
}

static void
import_data (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  tm_data_transfer_choose_import (self->context, GTK_WINDOW (self));
}

static void
import_daylio (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  tm_data_transfer_choose_import_daylio (self->context, GTK_WINDOW (self));
}

/* Opens a saved file (the report) in its usual application. */
static void
open_uri (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
get_help (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);

  tm_safety_prompter_show_help (tm_context_get_safety_prompter (self->context), GTK_WINDOW (self));
}

static void
start_questionnaire (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);
  TmQuestionnaireKind kind;
  TmQuestionnaireDialog *window;

  if (!tm_questionnaire_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;

  window = tm_questionnaire_dialog_new (GTK_WINDOW (self), self->context, kind, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_page (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  TmWindow *self = TM_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

static gboolean
close_window_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Built when first asked for: GtkApplication would build it for every
 * window at start-up from gtk/help-overlay.ui. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TmWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    tm_today_page_discard (self->today_page);
  else if (g_strcmp0 (response, "save") != 0 || !tm_today_page_save (self->today_page))
    {
      /* Cancelled, or the save was refused and the form says why. */
      adw_view_stack_set_visible_child_name (self->stack, "today");
      return;
    }

  /* Close once the question has gone away, not while it answers; the
   * review's notes may ask next. */
  self->checkin_answered = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_cb, g_object_ref (self), g_object_unref);
}

/* The Review page, if it was ever shown: a page never built holds nothing. */
static TmReviewPage *
get_built_review_page (TmWindow *self)
{
  GtkWidget *bin = adw_view_stack_get_child_by_name (self->stack, "review");
  GtkWidget *page = bin != NULL && ADW_IS_BIN (bin) ? adw_bin_get_child (ADW_BIN (bin)) : NULL;

  return page != NULL && TM_IS_REVIEW_PAGE (page) ? TM_REVIEW_PAGE (page) : NULL;
}

static void
on_close_review_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             TmWindow         *self)
{
  if (g_strcmp0 (response, "close") != 0)
    {
      self->checkin_answered = FALSE;
      adw_view_stack_set_visible_child_name (self->stack, "review");
      return;
    }
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_cb, g_object_ref (self), g_object_unref);
}

/* Review notes written but not finished: they are not in the store until
 * Finish Review, so closing asks first. */
static gboolean
ask_about_review (TmWindow *self)
{
  TmReviewPage *page = get_built_review_page (self);
  AdwMessageDialog *dialog;

  if (page == NULL || !tm_review_page_has_unfinished_notes (page))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Finish the Review First?"),
                                                       _("The notes from this review are not kept until you "
                                                         "press Finish Review. If you close now, they are "
                                                         "lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Back to the Review"), "close", _("_Close Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_review_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Closing with an unsaved check-in, or unfinished review notes, asks
 * first; nothing typed is lost without the person saying so. */
static gboolean
tm_window_close_request (GtkWindow *window)
{
  TmWindow *self = TM_WINDOW (window);
  TmCheckinForm *form = tm_today_page_get_form (self->today_page);
  AdwMessageDialog *dialog;

  if (self->closing)
    return GTK_WINDOW_CLASS (tm_window_parent_class)->close_request (window);
  if (self->checkin_answered || !tm_checkin_form_get_dirty (form))
    {
      if (ask_about_review (self))
        return GDK_EVENT_STOP;
      return GTK_WINDOW_CLASS (tm_window_parent_class)->close_request (window);
    }

  {
    const char *day = tm_checkin_form_get_day (form);
    g_autofree char *today = tm_day_today ();
    g_autofree char *label = tm_day_format_long (day);
    g_autofree char *body = NULL;

    if (g_strcmp0 (day, today) == 0)
      body = g_strdup (_("Today's check-in has changes that are not saved yet. If you close "
                         "without saving, they are lost."));
    else
      /* Translators: %s is a date */
      body = g_strdup_printf (_("The check-in for %s has changes that are not saved yet. If you "
                                "close without saving, they are lost."), label);
    dialog = tm_checkin_form_new_save_question (window, _("Save Your Check-in?"), body);
  }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static void
tm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TmWindow *self = TM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_HIDE_NOTES:
      g_value_set_boolean (value, self->context != NULL && tm_context_get_hide_notes (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TmWindow *self = TM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_HIDE_NOTES:
      tm_context_set_hide_notes (self->context, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Hide Private Notes is the context's, so that every page and dialog
 * follows it; the window's property only lets the menu show it ticked. */
static void
on_hide_notes_changed_cb (TmWindow *self)
{
  gtk_revealer_set_reveal_child (self->notes_hidden_banner, tm_context_get_hide_notes (self->context));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NOTES]);
}

/* The zoom is a font size on the whole window (ui/style.css): every page's
 * text follows it, and so do the charts, which take the font they are in. */
static void
on_zoom_changed_cb (TmWindow *self)
{
  static const char *classes[] = { "tm-zoom-125", "tm-zoom-150", "tm-zoom-175", "tm-zoom-200" };
  double zoom = tm_context_get_zoom (self->context);
  int step = (int) round ((zoom - TM_ZOOM_MIN) / TM_ZOOM_STEP);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (step == (int) i + 1)
      gtk_widget_add_css_class (GTK_WIDGET (self), classes[i]);
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self), classes[i]);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", zoom < TM_ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", zoom > TM_ZOOM_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", zoom > TM_ZOOM_MIN);
}

static void
zoom_in (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TmContext *context = TM_WINDOW (widget)->context;

  tm_context_set_zoom (context, tm_context_get_zoom (context) + TM_ZOOM_STEP);
}

static void
zoom_out (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  TmContext *context = TM_WINDOW (widget)->context;

  tm_context_set_zoom (context, tm_context_get_zoom (context) - TM_ZOOM_STEP);
}

static void
zoom_reset (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tm_context_set_zoom (TM_WINDOW (widget)->context, TM_ZOOM_MIN);
}

/* While an export, import or backup works on the file in a thread, no
 * other export or import starts. */
static void
on_store_busy_changed_cb (TmWindow *self,
                          TmStore  *store)
{
  gboolean idle = !tm_store_is_busy (store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-data", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-fhir", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-data", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-daylio", idle);
}

static void
tm_window_constructed (GObject *object)
{
  TmWindow *self = TM_WINDOW (object);
  TmStore *store = tm_context_get_store (self->context);
  GSettings *settings = tm_context_get_settings (self->context);

  G_OBJECT_CLASS (tm_window_parent_class)->constructed (object);

  self->today_page = TM_TODAY_PAGE (ensure_page (self, "today"));
  tm_country_banner_set_store (self->country_banner, store);
  /* Whatever the pages and dialogs say in passing shows here. */
  tm_context_set_toast_overlay (self->context, self->toast_overlay);
  tm_context_set_progress_banner (self->context, self->progress_banner);
  g_signal_connect_object (store, "busy-changed", G_CALLBACK (on_store_busy_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_store_busy_changed_cb (self, store);
  g_signal_connect_object (self->context, "notify::hide-notes", G_CALLBACK (on_hide_notes_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_hide_notes_changed_cb (self);
  g_signal_connect_object (self->context, "notify::zoom", G_CALLBACK (on_zoom_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_zoom_changed_cb (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* The size it had when it was last closed: read once, kept on unmap. */
  if (settings != NULL)
    {
      GSettingsBindFlags once = G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES;

      g_settings_bind (settings, "window-width", self, "default-width", once);
      g_settings_bind (settings, "window-height", self, "default-height", once);
      g_settings_bind (settings, "window-maximized", self, "maximized", once);
    }
}

/* A check-in is a digit and Ctrl+S: when the window first shows, the
 * keyboard is on Mood. */
static void
tm_window_map (GtkWidget *widget)
{
  TmWindow *self = TM_WINDOW (widget);

  GTK_WIDGET_CLASS (tm_window_parent_class)->map (widget);
  if (self->shown)
    return;
  self->shown = TRUE;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "today") == 0)
    tm_checkin_form_focus_first (tm_today_page_get_form (self->today_page));
}

static void
tm_window_unmap (GtkWidget *widget)
{
  TmWindow *self = TM_WINDOW (widget);
  GSettings *settings = tm_context_get_settings (self->context);
  int width, height;

  /* Kept when it closes, not at every change. */
  if (settings != NULL)
    {
      gtk_window_get_default_size (GTK_WINDOW (widget), &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (widget)));
      if (width >= 360 && height >= 360)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  GTK_WIDGET_CLASS (tm_window_parent_class)->unmap (widget);
}

static void
tm_window_dispose (GObject *object)
{
  TmWindow *self = TM_WINDOW (object);

  /* Toasts and progress are shown by no window until the next says so. */
  if (self->context != NULL)
    {
      tm_context_set_toast_overlay (self->context, NULL);
      tm_context_set_progress_banner (self->context, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tm_window_parent_class)->dispose (object);
}

static void
tm_window_class_init (TmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_window_get_property;
  object_class->set_property = tm_window_set_property;
  object_class->constructed = tm_window_constructed;
  object_class->dispose = tm_window_dispose;
  window_class->close_request = tm_window_close_request;
  widget_class->map = tm_window_map;
  widget_class->unmap = tm_window_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_NOTES] =
    g_param_spec_boolean ("hide-notes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_checkin);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page);
  gtk_widget_class_install_action (widget_class, "win.log-session", NULL, log_session);
  gtk_widget_class_install_action (widget_class, "win.companion", NULL, show_companion);
  gtk_widget_class_install_action (widget_class, "win.start-questionnaire", "s", start_questionnaire);
  gtk_widget_class_install_action (widget_class, "win.edit-plan", NULL, edit_plan);
  gtk_widget_class_install_action (widget_class, "win.get-help", NULL, get_help);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, show_preferences);
  gtk_widget_class_install_action (widget_class, "win.show-crisis-country", NULL,
                                   show_crisis_country);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri);
  gtk_widget_class_install_action (widget_class, "win.export-data", NULL, export_data);
  gtk_widget_class_install_action (widget_class, "win.export-fhir", NULL, export_fhir);
  gtk_widget_class_install_action (widget_class, "win.import-data", NULL, import_data);
  gtk_widget_class_install_action (widget_class, "win.import-daylio", NULL, import_daylio);
  gtk_widget_class_install_action (widget_class, "win.show-day", "s", show_day);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);
  /* For a screen shared with a therapist. */
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
  gtk_widget_class_install_property_action (widget_class, "win.hide-notes", "hide-notes");
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset);

  g_type_ensure (TM_TYPE_PROGRESS_BANNER);
  g_type_ensure (TM_TYPE_WRAP_BIN);
  g_type_ensure (TM_TYPE_COUNTRY_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/tm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, progress_banner);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, country_banner);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, notes_hidden_banner);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
}

static void
tm_window_init (TmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_revealer_measure_when_shown (self->notes_hidden_banner);

  tm_accessible_name_buttons (GTK_WIDGET (self));
}

TmWindow *
tm_window_new (GtkApplication *application,
               TmContext      *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);

  return g_object_new (TM_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * tm_window_get_context:
 *
 * Returns: (transfer none): what the window's pages and dialogs share
 */
TmContext *
tm_window_get_context (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * tm_window_get_page:
 * @name: a page of the view stack: "today", "history", …
 *
 * Returns: (transfer none) (nullable): the page's widget, built if it was
 *   not yet shown
 */
GtkWidget *
tm_window_get_page (TmWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), NULL);

  return ensure_page (self, name);
}

/* Says, always in sight, that this is the demo's made-up data. */
void
tm_window_mark_demo (TmWindow *self)
{
  GtkWidget *badge;

  g_return_if_fail (TM_IS_WINDOW (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Tidemark Demo"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, _("Made-up data"));

  badge = gtk_label_new (_("Demo"));
  gtk_widget_set_tooltip_text (badge, _("Made-up data in a throwaway folder, deleted when Tidemark "
                                        "closes. Your own data is not opened."));
  gtk_widget_add_css_class (badge, "tm-demo-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_header_bar_pack_start (self->header_bar, badge);
}
