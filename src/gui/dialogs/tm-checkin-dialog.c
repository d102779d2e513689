/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editing an earlier day's check-in, in its own window so that Today's
 * draft stays as it is. Closing with changes asks first. */
#define G_LOG_DOMAIN "tm-checkin-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-checkin-dialog.h"
#include "tm-checkin-form.h"
#include "tm-daily-question.h"

struct _TmCheckinDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel       *day_label;
  GtkLabel       *written_label;
  TmCheckinForm  *form;
  GtkButton      *save_button;
  GtkButton      *cancel_button;
  GtkButton      *delete_button;

  TmContext      *context;
  TmStore        *store; /* the context's */
  gboolean        closing;
};

G_DEFINE_FINAL_TYPE (TmCheckinDialog, tm_checkin_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_written (TmCheckinDialog *self)
{
  TmCheckin *saved = tm_checkin_form_get_saved (self->form);
  g_autofree char *created_day = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated_day = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *text = NULL;

  if (saved == NULL)
    return;

  created_day = tm_instant_local_day (saved->created_at);
  updated_day = tm_instant_local_day (saved->updated_at);
  if (created_day == NULL || updated_day == NULL)
    return;

  created = tm_day_format_long (created_day);
  updated = tm_day_format_long (updated_day);

  if (tm_checkin_is_backfilled (saved))
    /* Translators: %s is a date */
    text = g_strdup_printf (_("Back-filled: written on %s"), created);
  else
    /* Translators: %s is a date */
    text = g_strdup_printf (_("Written on %s"), created);

  if (g_strcmp0 (saved->created_at, saved->updated_at) != 0)
    {
      g_autofree char *with_update = NULL;

      /* Translators: the first %s says when an entry was written, the second is a date */
      with_update = g_strdup_printf (_("%s · last changed on %s"), text, updated);
      g_free (text);
      text = g_steal_pointer (&with_update);
    }

  gtk_label_set_label (self->written_label, text);
}

static gboolean
destroy_editor_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Goes away once the question that led here has gone, not while it answers. */
static void
finish (TmCheckinDialog *self)
{
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_editor_cb, g_object_ref (self), g_object_unref);
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TmCheckinDialog  *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    finish (self);
  else if (g_strcmp0 (response, "save") == 0)
    {
      tm_checkin_dialog_save (self);
    }
}

static gboolean
tm_checkin_dialog_close_request (GtkWindow *window)
{
  TmCheckinDialog *self = TM_CHECKIN_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !tm_checkin_form_get_dirty (self->form))
    return GDK_EVENT_PROPAGATE;

  dialog = tm_checkin_form_new_save_question (window, _("Save Changes?"),
                                              _("This check-in has changes that are "
                                                "not saved yet."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

/* Deleted from here, not from the list: a toast brings it back. */
static void
on_delete_clicked_cb (TmCheckinDialog *self)
{
  if (tm_context_delete_checkin (self->context, tm_checkin_form_get_day (self->form)))
    finish (self);
}

static void
on_save_clicked_cb (TmCheckinDialog *self)
{
  tm_checkin_dialog_save (self);
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  tm_checkin_dialog_save (TM_CHECKIN_DIALOG (widget));
  return TRUE;
}

static void
on_cancel_clicked_cb (TmCheckinDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
tm_checkin_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TmCheckinDialog *self = TM_CHECKIN_DIALOG (object);

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
tm_checkin_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TmCheckinDialog *self = TM_CHECKIN_DIALOG (object);

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
tm_checkin_dialog_dispose (GObject *object)
{
  TmCheckinDialog *self = TM_CHECKIN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_CHECKIN_DIALOG);

  G_OBJECT_CLASS (tm_checkin_dialog_parent_class)->dispose (object);
}

static void
tm_checkin_dialog_class_init (TmCheckinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_checkin_dialog_get_property;
  object_class->set_property = tm_checkin_dialog_set_property;
  object_class->dispose = tm_checkin_dialog_dispose;
  window_class->close_request = tm_checkin_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_CHECKIN_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-checkin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, day_label);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, written_label);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, form);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_checkin_dialog_init (TmCheckinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tm_checkin_dialog_new:
 * @checkin: the stored check-in to edit
 */
TmCheckinDialog *
tm_checkin_dialog_new (GtkWindow *parent,
                       TmContext *context,
                       TmCheckin *checkin)
{
  TmCheckinDialog *self;
  g_autofree char *day = NULL;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (TM_IS_CHECKIN (checkin), NULL);

  self = g_object_new (TM_TYPE_CHECKIN_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);

  g_object_bind_property (context, "hide-notes", self->form, "hide-note", G_BINDING_SYNC_CREATE);
  day = tm_day_format_long (checkin->day);
  adw_window_title_set_subtitle (self->window_title, day);
  gtk_label_set_label (self->day_label, day);
  tm_checkin_form_set_ask_self_harm (self->form, tm_daily_question_is_on (self->store));
  tm_checkin_form_load (self->form, checkin->day, checkin);
  show_written (self);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), checkin->id != 0);

  return self;
}

/* Saved once the import that held it up has been stored. */
static void
save_when_writable_cb (TmCheckinDialog *self)
{
  if (tm_checkin_form_get_dirty (self->form))
    tm_checkin_dialog_save (self);
}

/**
 * tm_checkin_dialog_save:
 *
 * Saves and closes; a refused save keeps the window open with what was
 * typed, and says why.
 */
gboolean
tm_checkin_dialog_save (TmCheckinDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TM_IS_CHECKIN_DIALOG (self), FALSE);

  if (!tm_checkin_form_get_dirty (self->form))
    {
      finish (self);
      return TRUE;
    }

  if (!tm_checkin_form_save (self->form, self->store, &error))
    {
      if (tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), G_CALLBACK (save_when_writable_cb));
      return FALSE;
    }

  label = tm_day_format_short (tm_checkin_form_get_day (self->form));
  /* Translators: %s is a day, e.g. "25 November" */
  title = g_strdup_printf (_("Check-in of %s saved"), label);

  tm_context_add_toast (self->context, adw_toast_new (title));

  finish (self);
  return TRUE;
}
