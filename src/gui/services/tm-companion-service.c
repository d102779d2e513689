/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session companion at work while its window is away: while a
 * companion is active the application holds itself, like the daily
 * reminder, so that it keeps running with every window closed; at each
 * checkpoint's time a desktop notification opens the companion again,
 * unless the companion is on screen and in use. Which checkpoints were
 * notified is kept with the companion's state, so a restart does not
 * repeat them. Time is read through tm_time_now(), which tests set. */
#define G_LOG_DOMAIN "tm-companion-service"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-companion-service.h"
#include "tm-reminder.h"
#include "tm-time.h"

#define NOTIFICATION_ID   "companion"
#define MAX_WAIT_SECONDS  60   /* look at the clock at least this often */

struct _TmCompanionService
{
  GObject        parent_instance;

  GApplication  *application;   /* weak: it owns us */
  TmStore       *store;
  GSettings     *settings;      /* nullable */
  GtkWindow     *window;        /* weak: the companion's, while it exists */
  gboolean       holding;
  gboolean       shown;         /* a notification may be on screen */
  guint          timeout_id;
};

G_DEFINE_FINAL_TYPE (TmCompanionService, tm_companion_service, G_TYPE_OBJECT)

enum {
  SIGNAL_NOTIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

int
tm_companion_service_get_reminder_minutes (TmCompanionService *self)
{
  g_autofree char *text = NULL;
  int minutes;

  g_return_val_if_fail (TM_IS_COMPANION_SERVICE (self), TM_REMINDER_DEFAULT_MINUTES);

  text = self->settings != NULL ? g_settings_get_string (self->settings, "reminder-time") : NULL;
  if (text == NULL || !tm_parse_reminder_time (text, &minutes, NULL))
    minutes = TM_REMINDER_DEFAULT_MINUTES;
  return minutes;
}

/* The person is looking at the companion: no notification needed. */
static gboolean
companion_in_view (TmCompanionService *self)
{
  return self->window != NULL && gtk_widget_get_visible (GTK_WIDGET (self->window)) &&
         gtk_window_is_active (self->window);
}

static void
send_notification (TmCompanionService *self,
                   TmCheckpoint        checkpoint)
{
  g_autoptr(GNotification) notification = g_notification_new (tm_checkpoint_get_title (checkpoint));

  g_notification_set_body (notification, tm_checkpoint_get_notification (checkpoint));
  g_notification_set_default_action (notification, "app.companion");
  g_notification_add_button (notification, _("Open Companion"), "app.companion");
  g_application_send_notification (self->application, NOTIFICATION_ID, notification);
  self->shown = TRUE;
}

void
tm_companion_service_withdraw (TmCompanionService *self)
{
  g_return_if_fail (TM_IS_COMPANION_SERVICE (self));

  if (!self->shown || self->application == NULL)
    return;
  g_application_withdraw_notification (self->application, NOTIFICATION_ID);
  self->shown = FALSE;
}

static void
update_hold (TmCompanionService *self,
             gboolean            active)
{
  if (self->application == NULL)
    return;
  if (active && !self->holding)
    g_application_hold (self->application);
  else if (!active && self->holding)
    {
      g_application_release (self->application);
      tm_companion_service_withdraw (self);
    }
  self->holding = active;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  TmCompanionService *self = user_data;

  self->timeout_id = 0;
  tm_companion_service_check (self);
  return G_SOURCE_REMOVE;
}

/* Waits for @due, but looks again every minute: the clock may jump (a
 * suspend, a new time zone) in between. */
static void
schedule (TmCompanionService *self,
          GDateTime          *due,
          GDateTime          *now)
{
  GTimeSpan wait = due != NULL ? g_date_time_difference (due, now) / G_TIME_SPAN_SECOND : MAX_WAIT_SECONDS;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds ((guint) CLAMP (wait, 1, MAX_WAIT_SECONDS), on_timeout_cb, self);
}

/**
 * tm_companion_service_check:
 *
 * Notifies the checkpoints that have come (once each), then waits for the
 * next one.
 */
void
tm_companion_service_check (TmCompanionService *self)
{
  g_autoptr(TmCompanion) companion = NULL;
  g_autoptr(TmSession) session = NULL;
  g_autoptr(GDateTime) dose = NULL;
  g_autoptr(GDateTime) now = NULL;
  int reminder;

  g_return_if_fail (TM_IS_COMPANION_SERVICE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  companion = tm_companion_load (self->store);
  now = tm_time_now ();
  reminder = tm_companion_service_get_reminder_minutes (self);
  if (companion->session_id != 0)
    session = tm_store_get_session (self->store, companion->session_id, NULL);
  dose = tm_companion_get_dose_time (session);

  /* Left running a day past its course (or a dose never taken): it ends
   * by itself, so nothing stays held or reminded for ever. */
  if (tm_companion_is_expired (companion, dose, reminder, now))
    {
      g_autoptr(GError) error = NULL;

      if (!tm_companion_finish (companion, self->store, &error))
        g_warning ("%s", error->message);
    }
  update_hold (self, companion->active);
  if (!companion->active)
    return;
  /* Before the dose, or its session deleted (it may come back from the
   * undo): nothing to notify; look again in a while. */
  if (dose == NULL)
    {
      schedule (self, NULL, now);
      return;
    }

  for (;;)
    {
      g_autoptr(GDateTime) due = NULL;
      g_autoptr(GError) error = NULL;
      TmCheckpoint next = tm_companion_next_to_notify (companion, dose, reminder, &due);

      if (next == TM_N_CHECKPOINTS)
        return;
      if (g_date_time_compare (due, now) > 0)
        {
          schedule (self, due, now);
          return;
        }

      /* Kept first: a crash right after does not notify twice. */
      companion->notified |= 1u << next;
      if (!tm_companion_save (companion, self->store, &error))
        {
          g_warning ("%s", error->message);
          schedule (self, NULL, now);
          return;
        }
      /* Only the latest of several that came while asleep is said. */
      if (!companion_in_view (self))
        {
          g_autoptr(GDateTime) later = NULL;

          if (tm_companion_next_to_notify (companion, dose, reminder, &later) == TM_N_CHECKPOINTS ||
              g_date_time_compare (later, now) > 0)
            send_notification (self, next);
        }
      g_signal_emit (self, signals[SIGNAL_NOTIFIED], 0, (int) next);
    }
}

static gboolean
check_idle_cb (gpointer user_data)
{
  tm_companion_service_check (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_companion_changed_cb (TmCompanionService *self)
{
  /* Not inside the save that changed it. */
  g_idle_add_full (G_PRIORITY_DEFAULT, check_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_window_active_cb (TmCompanionService *self)
{
  if (companion_in_view (self))
    tm_companion_service_withdraw (self);
}

void
tm_companion_service_set_window (TmCompanionService *self,
                                 GtkWindow          *window)
{
  g_return_if_fail (TM_IS_COMPANION_SERVICE (self));

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, on_window_active_cb, self);
  g_set_weak_pointer (&self->window, window);
  if (window != NULL)
    g_signal_connect_object (window, "notify::is-active", G_CALLBACK (on_window_active_cb), self,
                             G_CONNECT_SWAPPED);
}

GtkWindow *
tm_companion_service_get_window (TmCompanionService *self)
{
  g_return_val_if_fail (TM_IS_COMPANION_SERVICE (self), NULL);
  return self->window;
}

TmStore *
tm_companion_service_get_store (TmCompanionService *self)
{
  g_return_val_if_fail (TM_IS_COMPANION_SERVICE (self), NULL);
  return self->store;
}

static void
tm_companion_service_dispose (GObject *object)
{
  TmCompanionService *self = TM_COMPANION_SERVICE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->holding && self->application != NULL)
    g_application_release (self->application);
  self->holding = FALSE;
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, on_window_active_cb, self);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tm_companion_service_parent_class)->dispose (object);
}

static void
tm_companion_service_class_init (TmCompanionServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tm_companion_service_dispose;

  /**
   * TmCompanionService::notified:
   * @checkpoint: the TmCheckpoint that came
   *
   * A checkpoint's time came (the notification was sent unless the
   * companion was in view).
   */
  signals[SIGNAL_NOTIFIED] =
    g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
tm_companion_service_init (TmCompanionService *self)
{
}

TmCompanionService *
tm_companion_service_new (GApplication *application,
                          TmStore      *store,
                          GSettings    *settings)
{
  TmCompanionService *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TM_IS_STORE (store), NULL);

  self = g_object_new (TM_TYPE_COMPANION_SERVICE, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::reminder-time", G_CALLBACK (on_companion_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (store, "meta-changed::" TM_COMPANION_META_KEY, G_CALLBACK (on_companion_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "sessions-changed", G_CALLBACK (on_companion_changed_cb), self,
                           G_CONNECT_SWAPPED);
  tm_companion_service_check (self);
  return self;
}
