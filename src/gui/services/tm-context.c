/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every page and dialog shares, handed to each when it is made: the
 * store, the settings, the safety prompter that follows every save, and
 * where toasts and the progress of long work show. The application makes
 * one for its store; the main window says where its toasts and progress
 * banner are. No page or dialog needs to know which window it is in. */
#define G_LOG_DOMAIN "tm-context"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tm-context.h"

struct _TmContext
{
  GObject           parent_instance;

  GtkApplication   *application;    /* weak */
  TmStore          *store;
  GSettings        *settings;       /* NULL without a schema */
  TmSafetyPrompter *prompter;

  AdwToastOverlay  *toast_overlay;  /* weak */
  AdwToast         *toast;          /* the one shown last; weak */
  gint64            toast_shown_at;
  AdwToast         *waiting_toast;  /* until the last one has settled */
  guint             waiting_toast_id;
  TmProgressBanner *progress_banner; /* weak */

  /* For a shared screen; not saved: they last until switched back or
   * Tidemark ends, so that a private note never shows by surprise on the
   * next start, and a large text never stays on when the screen is not
   * shared any more. */
  gboolean          hide_notes;
  double            zoom;
};

G_DEFINE_FINAL_TYPE (TmContext, tm_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_HIDE_NOTES,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How long a toast takes to slide in, at most (libadwaita 1.2: 500 ms when
 * it replaces another), with a margin. */
#define TOAST_SETTLE_USEC (600 * G_TIME_SPAN_MILLISECOND)

static void
tm_context_constructed (GObject *object)
{
  TmContext *self = TM_CONTEXT (object);

  G_OBJECT_CLASS (tm_context_parent_class)->constructed (object);

  /* From here on, every record saved in the store goes through the rules,
   * whichever window saved it. */
  self->prompter = tm_safety_prompter_new (self->store, self->application);
}

static void
tm_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TmContext *self = TM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_HIDE_NOTES:
      g_value_set_boolean (value, self->hide_notes);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TmContext *self = TM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      /* The application holds the context: no reference back. */
      g_set_weak_pointer (&self->application, g_value_get_object (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_HIDE_NOTES:
      tm_context_set_hide_notes (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      tm_context_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_context_dispose (GObject *object)
{
  TmContext *self = TM_CONTEXT (object);

  g_clear_handle_id (&self->waiting_toast_id, g_source_remove);
  g_clear_object (&self->waiting_toast);
  g_clear_weak_pointer (&self->toast);
  g_clear_weak_pointer (&self->toast_overlay);
  g_clear_weak_pointer (&self->progress_banner);
  g_clear_object (&self->prompter);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (tm_context_parent_class)->dispose (object);
}

static void
tm_context_class_init (TmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tm_context_constructed;
  object_class->get_property = tm_context_get_property;
  object_class->set_property = tm_context_set_property;
  object_class->dispose = tm_context_dispose;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, GTK_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether every free-text note is kept off the screen. */
  properties[PROP_HIDE_NOTES] =
    g_param_spec_boolean ("hide-notes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How much larger the window's text and charts are than usual. */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, TM_ZOOM_MIN, TM_ZOOM_MAX, TM_ZOOM_MIN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tm_context_init (TmContext *self)
{
  self->zoom = TM_ZOOM_MIN;
}

/**
 * tm_context_new:
 * @application: (nullable): whose windows the safety prompts go over
 * @store: the data every page and dialog shows and saves
 * @settings: (nullable): Tidemark's settings, or %NULL when their schema
 *   is nowhere to be found (the pages keep their defaults)
 *
 * Make one for each store, kept as long as its windows are: from now on,
 * every record saved in @store goes through the safety rules.
 */
TmContext *
tm_context_new (GtkApplication *application,
                TmStore        *store,
                GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TM_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TM_TYPE_CONTEXT,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       NULL);
}

TmStore *
tm_context_get_store (TmContext *self)
{
  g_return_val_if_fail (TM_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * tm_context_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when their
 *   schema is not installed
 */
GSettings *
tm_context_get_settings (TmContext *self)
{
  g_return_val_if_fail (TM_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * tm_context_get_safety_prompter:
 *
 * Returns: (transfer none): what runs the safety rules after every save,
 *   and shows help
 */
TmSafetyPrompter *
tm_context_get_safety_prompter (TmContext *self)
{
  g_return_val_if_fail (TM_IS_CONTEXT (self), NULL);

  return self->prompter;
}

/* Toasts */

/**
 * tm_context_set_toast_overlay:
 * @overlay: (nullable): where toasts show from now on, or %NULL for nowhere
 *
 * The main window gives its overlay; a toast that waited for the one
 * before it to settle is dropped with the overlay it was meant for.
 */
void
tm_context_set_toast_overlay (TmContext       *self,
                              AdwToastOverlay *overlay)
{
  g_return_if_fail (TM_IS_CONTEXT (self));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  if (self->toast_overlay == overlay)
    return;

  g_clear_handle_id (&self->waiting_toast_id, g_source_remove);
  g_clear_object (&self->waiting_toast);
  g_clear_weak_pointer (&self->toast);
  g_set_weak_pointer (&self->toast_overlay, overlay);
}

static void
show_toast_now (TmContext *self,
                AdwToast  *toast)
{
  if (self->toast_overlay == NULL)
    {
      g_debug ("No window to show “%s” in", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  if (self->toast != NULL)
    {
      adw_toast_dismiss (self->toast);
      g_clear_weak_pointer (&self->toast);
    }

  g_set_weak_pointer (&self->toast, toast);
  self->toast_shown_at = g_get_monotonic_time ();
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
show_waiting_toast_cb (gpointer user_data)
{
  TmContext *self = user_data;

  self->waiting_toast_id = 0;
  show_toast_now (self, g_steal_pointer (&self->waiting_toast));
  return G_SOURCE_REMOVE;
}

/**
 * tm_context_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast now, dismissing the one before: the newest news (an undo
 * button above all) should not wait in a queue. Only a toast still
 * sliding in is left to settle first: libadwaita 1.2 frees a toast
 * dismissed before its show animation has ended while that animation
 * still runs, and crashes. A toast that waits is replaced by a newer one.
 */
void
tm_context_add_toast (TmContext *self,
                      AdwToast  *toast)
{
  gint64 age;

  g_return_if_fail (TM_IS_CONTEXT (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (self->waiting_toast != NULL)
    {
      g_object_unref (self->waiting_toast);
      self->waiting_toast = toast;
      return;
    }

  age = g_get_monotonic_time () - self->toast_shown_at;
  if (self->toast != NULL && age < TOAST_SETTLE_USEC)
    {
      self->waiting_toast = toast;
      self->waiting_toast_id = g_timeout_add ((guint) ((TOAST_SETTLE_USEC - age) / 1000) + 1,
                                              show_waiting_toast_cb, self);
      return;
    }

  show_toast_now (self, toast);
}

/* A message that stays until dismissed: something did not happen. */
void
tm_context_show_error (TmContext  *self,
                       const char *message)
{
  AdwToast *toast;

  g_return_if_fail (TM_IS_CONTEXT (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  tm_context_add_toast (self, toast);
}

typedef struct
{
  TmContext     *context;  /* weak */
  GObject       *record;
  TmRestoreFunc  restore;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->context);
  g_clear_object (&undo->record);
  g_free (undo);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  if (undo->context != NULL && !undo->restore (undo->context->store, undo->record, &error))
    tm_context_show_error (undo->context, error->message);
}

/**
 * tm_context_offer_undo:
 * @title: what was done, e.g. "Check-in of 25 November deleted"
 * @record: (transfer none): the record as it was
 * @restore: how to bring it back
 *
 * Shows a toast whose Undo button brings @record back.
 */
void
tm_context_offer_undo (TmContext     *self,
                       const char    *title,
                       gpointer       record,
                       TmRestoreFunc  restore)
{
  AdwToast *toast;
  Undo *undo;

  g_return_if_fail (TM_IS_CONTEXT (self));
  g_return_if_fail (G_IS_OBJECT (record));

  undo = g_new0 (Undo, 1);
  g_set_weak_pointer (&undo->context, self);
  undo->record = g_object_ref (record);
  undo->restore = restore;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         undo, undo_free, 0);
  tm_context_add_toast (self, toast);
}

/* Deleting: from a record's editor, never in one click from a list; a
 * toast brings the record back. */

static gboolean
deleted (TmContext  *self,
         gboolean    ok,
         GError     *error,
         const char *title,
         gpointer    record,
         TmRestoreFunc restore)
{
  if (!ok)
    {
      if (error != NULL)
        tm_context_show_error (self, error->message);
      return FALSE;
    }
  tm_context_offer_undo (self, title, record, restore);
  return TRUE;
}

/**
 * tm_context_delete_checkin:
 *
 * Deletes the check-in of @day and offers to bring it back; says why
 * when it can't.
 *
 * Returns: whether it was deleted
 */
gboolean
tm_context_delete_checkin (TmContext  *self,
                           const char *day)
{
  g_autoptr(TmCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TM_IS_CONTEXT (self), FALSE);

  checkin = tm_store_get_checkin (self->store, day, &error);
  label = tm_day_format_short (day);
  /* Translators: %s is a day, e.g. "25 November" */
  title = g_strdup_printf (_("Check-in of %s deleted"), label);
  return deleted (self, checkin != NULL && tm_store_delete_checkin (self->store, checkin, &error),
                  error, title, checkin, (TmRestoreFunc) tm_store_restore_checkin);
}

gboolean
tm_context_delete_session (TmContext *self,
                           gint64     id)
{
  g_autoptr(TmSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TM_IS_CONTEXT (self), FALSE);

  session = tm_store_get_session (self->store, id, &error);
  if (session != NULL)
    {
      day = tm_session_get_day (session);
      label = tm_day_format_short (day);
      /* Translators: %s is a day, e.g. "25 November" */
      title = g_strdup_printf (_("Session of %s deleted"), label);
    }
  return deleted (self, session != NULL && tm_store_delete_session (self->store, session, &error),
                  error, title, session, (TmRestoreFunc) tm_store_restore_session);
}

gboolean
tm_context_delete_questionnaire (TmContext *self,
                                 gint64     id)
{
  g_autoptr(TmQuestionnaire) q = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TM_IS_CONTEXT (self), FALSE);

  q = tm_store_get_questionnaire (self->store, id, &error);
  if (q != NULL)
    {
      label = tm_day_format_short (q->day);
      /* Translators: "PHQ-9 of 25 November deleted" */
      title = g_strdup_printf (_("%s of %s deleted"), tm_questionnaire_kind_get_name (q->kind), label);
    }
  return deleted (self, q != NULL && tm_store_delete_questionnaire (self->store, q, &error),
                  error, title, q, (TmRestoreFunc) tm_store_restore_questionnaire);
}

/* Progress */

/**
 * tm_context_set_progress_banner:
 * @banner: (nullable): where long work on the data shows how far it got
 */
void
tm_context_set_progress_banner (TmContext        *self,
                                TmProgressBanner *banner)
{
  g_return_if_fail (TM_IS_CONTEXT (self));
  g_return_if_fail (banner == NULL || TM_IS_PROGRESS_BANNER (banner));

  g_set_weak_pointer (&self->progress_banner, banner);
}

/**
 * tm_context_get_progress_banner:
 *
 * Returns: (transfer none) (nullable): where long work on the data shows
 *   how far it got, or %NULL when no window shows it (the work goes on,
 *   unseen)
 */
TmProgressBanner *
tm_context_get_progress_banner (TmContext *self)
{
  g_return_val_if_fail (TM_IS_CONTEXT (self), NULL);

  return self->progress_banner;
}

/**
 * tm_context_get_hide_notes:
 *
 * Returns: whether free-text notes are kept off the screen, for a screen
 *   shared with someone else. Every place that shows a note follows
 *   #TmContext:hide-notes.
 */
gboolean
tm_context_get_hide_notes (TmContext *self)
{
  g_return_val_if_fail (TM_IS_CONTEXT (self), FALSE);

  return self->hide_notes;
}

void
tm_context_set_hide_notes (TmContext *self,
                           gboolean   hide_notes)
{
  g_return_if_fail (TM_IS_CONTEXT (self));

  hide_notes = !!hide_notes;
  if (self->hide_notes == hide_notes)
    return;
  self->hide_notes = hide_notes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NOTES]);
}

/**
 * tm_context_get_zoom:
 *
 * Returns: how much larger text and charts are shown, from %TM_ZOOM_MIN
 *   (as usual) to %TM_ZOOM_MAX
 */
double
tm_context_get_zoom (TmContext *self)
{
  g_return_val_if_fail (TM_IS_CONTEXT (self), TM_ZOOM_MIN);

  return self->zoom;
}

/**
 * tm_context_set_zoom:
 * @zoom: a scale, kept within %TM_ZOOM_MIN and %TM_ZOOM_MAX and rounded to
 *   the nearest %TM_ZOOM_STEP
 */
void
tm_context_set_zoom (TmContext *self,
                     double     zoom)
{
  g_return_if_fail (TM_IS_CONTEXT (self));

  zoom = CLAMP (round (zoom / TM_ZOOM_STEP) * TM_ZOOM_STEP, TM_ZOOM_MIN, TM_ZOOM_MAX);
  if (fabs (self->zoom - zoom) < TM_ZOOM_STEP / 2)
    return;
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}
