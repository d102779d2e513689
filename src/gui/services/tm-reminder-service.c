/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The daily reminder at work: while it is on, the application holds itself
 * so that it keeps running with no window, works out when the reminder
 * comes next (src/core/tm-reminder.c) and, at that time, on a day without
 * a check-in or with a questionnaire due, sends one desktop notification
 * naming what is due, whose action opens Today. It
 * also keeps the autostart entry in step with "start in the background". */
#define G_LOG_DOMAIN "tm-reminder-service"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-reminder.h"
#include "tm-reminder-service.h"

#define NOTIFICATION_ID   "daily-reminder"
#define MAX_WAIT_SECONDS  300   /* look at the clock at least this often */

struct _TmReminderService
{
  GObject        parent_instance;

  GApplication  *application;   /* weak: it owns us */
  TmStore       *store;
  GSettings     *settings;
  TmClockFunc    clock;
  gpointer       clock_data;
  gboolean       holding;
  guint          timeout_id;
  char          *notified_day;  /* the day the reminder last came */
  gboolean       shown;         /* a notification may be on screen */
};

G_DEFINE_FINAL_TYPE (TmReminderService, tm_reminder_service, G_TYPE_OBJECT)

enum {
  SIGNAL_FIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
now (TmReminderService *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_date_time_new_now_local ();
}

static int
reminder_minutes (TmReminderService *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "reminder-time");
  int minutes;

  if (!tm_parse_reminder_time (text, &minutes, NULL))
    minutes = TM_REMINDER_DEFAULT_MINUTES;
  return minutes;
}

/* Today, when it has a check-in. */
static char *
checked_in_day (TmReminderService *self,
                const char        *today)
{
  g_autoptr(TmCheckin) checkin = tm_store_get_checkin (self->store, today, NULL);

  return checkin != NULL ? g_strdup (today) : NULL;
}

/* The questionnaires due today (1 << each kind). */
static guint
questionnaires_due (TmReminderService *self,
                    const char        *today)
{
  g_autofree char *cadence = g_settings_get_string (self->settings, "questionnaire-cadence");

  return tm_store_get_due_questionnaires (self->store, today, tm_questionnaire_cadence_from_id (cadence), NULL);
}

static void
send_notification (TmReminderService *self,
                   gboolean           checkin_due,
                   guint              due)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (!tm_reminder_get_text (checkin_due, due, &title, &body))
    return;
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-today");
  g_notification_add_button (notification, checkin_due ? _("Check In") : _("Open Today"), "app.show-today");
  g_application_send_notification (self->application, NOTIFICATION_ID, notification);
  self->shown = TRUE;
}

static void
withdraw_notification (TmReminderService *self)
{
  if (!self->shown)
    return;
  g_application_withdraw_notification (self->application, NOTIFICATION_ID);
  self->shown = FALSE;
}

static gboolean on_timeout_cb (gpointer user_data);

static void
schedule (TmReminderService *self)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *today = NULL;
  g_autofree char *checked = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!g_settings_get_boolean (self->settings, "reminder-enabled"))
    return;

  time = now (self);
  today = tm_day_from_date_time (time);
  checked = checked_in_day (self, today);
  next = tm_reminder_next (time, reminder_minutes (self), checked, self->notified_day,
                           questionnaires_due (self, today));

  /* Wait for it, but look again every few minutes: the clock may jump (a
   * suspend, a new time zone) in between. */
  wait = g_date_time_difference (next, time) / G_TIME_SPAN_SECOND;
  self->timeout_id = g_timeout_add_seconds ((guint) CLAMP (wait, 1, MAX_WAIT_SECONDS), on_timeout_cb, self);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  TmReminderService *self = user_data;

  self->timeout_id = 0;
  tm_reminder_service_check (self);
  return G_SOURCE_REMOVE;
}

/**
 * tm_reminder_service_check:
 *
 * Sends the reminder if it is due now, then waits for the next one.
 */
void
tm_reminder_service_check (TmReminderService *self)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *today = NULL;
  g_autofree char *checked = NULL;

  g_return_if_fail (TM_IS_REMINDER_SERVICE (self));

  if (g_settings_get_boolean (self->settings, "reminder-enabled"))
    {
      guint due;

      time = now (self);
      today = tm_day_from_date_time (time);
      checked = checked_in_day (self, today);
      due = questionnaires_due (self, today);
      if (tm_reminder_is_due (time, reminder_minutes (self), checked, self->notified_day, due))
        {
          g_free (self->notified_day);
          self->notified_day = g_strdup (today);
          send_notification (self, checked == NULL, due);
          g_signal_emit (self, signals[SIGNAL_FIRED], 0);
        }
    }
  schedule (self);
}

/* The reminder keeps the application running with no window. */
static void
update_hold (TmReminderService *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "reminder-enabled");

  if (enabled && !self->holding)
    g_application_hold (self->application);
  else if (!enabled && self->holding)
    {
      g_application_release (self->application);
      withdraw_notification (self);
    }
  self->holding = enabled;
  tm_reminder_service_check (self);
}

static void
on_checkin_changed_cb (TmReminderService *self,
                       const char        *day)
{
  g_autoptr(GDateTime) time = now (self);
  g_autofree char *today = tm_day_from_date_time (time);

  /* Today's check-in answers today's reminder. */
  if (g_strcmp0 (day, today) == 0)
    withdraw_notification (self);
  schedule (self);
}

static void
on_background_changed_cb (TmReminderService *self)
{
  g_autoptr(GError) error = NULL;

  if (!tm_autostart_set (g_get_user_config_dir (), APPLICATION_ID,
                         g_settings_get_boolean (self->settings, "run-in-background"), &error))
    g_warning ("%s", error->message);
}

static void
tm_reminder_service_dispose (GObject *object)
{
  TmReminderService *self = TM_REMINDER_SERVICE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->holding && self->application != NULL)
    g_application_release (self->application);
  self->holding = FALSE;
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tm_reminder_service_parent_class)->dispose (object);
}

static void
tm_reminder_service_finalize (GObject *object)
{
  TmReminderService *self = TM_REMINDER_SERVICE (object);

  g_free (self->notified_day);

  G_OBJECT_CLASS (tm_reminder_service_parent_class)->finalize (object);
}

static void
tm_reminder_service_class_init (TmReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tm_reminder_service_dispose;
  object_class->finalize = tm_reminder_service_finalize;

  /**
   * TmReminderService::fired:
   *
   * The reminder was sent.
   */
  signals[SIGNAL_FIRED] =
    g_signal_new ("fired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tm_reminder_service_init (TmReminderService *self)
{
}

TmReminderService *
tm_reminder_service_new (GApplication *application,
                         TmStore      *store,
                         GSettings    *settings)
{
  TmReminderService *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TM_TYPE_REMINDER_SERVICE, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (settings, "changed::reminder-enabled", G_CALLBACK (update_hold), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::reminder-time", G_CALLBACK (schedule), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::run-in-background", G_CALLBACK (on_background_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "checkin-changed", G_CALLBACK (on_checkin_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_hold (self);
  return self;
}

/**
 * tm_reminder_service_set_clock:
 * @clock: (nullable): returns the time now; %NULL for the real clock
 *
 * For tests: a clock the test sets.
 */
void
tm_reminder_service_set_clock (TmReminderService *self,
                               TmClockFunc        clock,
                               gpointer           user_data)
{
  g_return_if_fail (TM_IS_REMINDER_SERVICE (self));

  self->clock = clock;
  self->clock_data = user_data;
  schedule (self);
}
