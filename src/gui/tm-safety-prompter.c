/* SPDX-License-Identifier: GPL-3.0-or-later */
/* After a record is saved, the prompts its rules call for, one at a time:
 * each is recorded when shown, and again when answered. "I need help now"
 * brings up who to call. Closing a prompt without an answer leaves it
 * recorded as shown and not answered. */
#define G_LOG_DOMAIN "tm-safety-prompter"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-crisis-box.h"
#include "tm-safety-prompter.h"

#define DISMISSED "dismissed"

struct _TmSafetyPrompter
{
  GObject     parent_instance;

  TmStore    *store;
  GQueue      queue;      /* Pending: TmSafetyPrompt, with their parent window as qdata */
  GtkWindow  *parent;     /* weak; where the pending prompts go */
  gboolean    showing;
};

G_DEFINE_FINAL_TYPE (TmSafetyPrompter, tm_safety_prompter, G_TYPE_OBJECT)

static void show_next (TmSafetyPrompter *self);

static gboolean
show_next_cb (gpointer data)
{
  TmSafetyPrompter *self = data;

  self->showing = FALSE;
  show_next (self);
  return G_SOURCE_REMOVE;
}

static void
on_help_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TmSafetyPrompter *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_next_cb, g_object_ref (self), g_object_unref);
}

static AdwMessageDialog *
new_help_dialog (TmSafetyPrompter *self,
                 GtkWindow        *parent)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    parent, _("Get Help Now"),
    _("If you are in danger or might act on thoughts of harming yourself, call emergency services "
      "now. A crisis line is there to talk to at any time, and your clinician wants to know.")));
  adw_message_dialog_set_extra_child (dialog, tm_crisis_box_new (self->store));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "tm-urgent");
  return dialog;
}

static void
on_prompt_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TmSafetyPrompter *self)
{
  TmSafetyEvent *event = g_object_get_data (G_OBJECT (dialog), "tm-safety-event");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GError) error = NULL;
  TmAnswer answer;

  if (tm_answer_from_string (response, &answer))
    {
      if (!tm_store_answer_safety_event (self->store, event, answer, &error))
        g_warning ("%s", error->message);

      if (answer == TM_ANSWER_HELP_NOW)
        {
          AdwMessageDialog *help = new_help_dialog (self, parent);

          g_signal_connect_object (help, "response", G_CALLBACK (on_help_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (help));
          return;
        }
    }

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_next_cb, g_object_ref (self), g_object_unref);
}

static void
show_prompt (TmSafetyPrompter *self,
             TmSafetyPrompt   *prompt,
             GtkWindow        *parent)
{
  g_autoptr(TmSafetyEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = tm_instant_now_utc ();
  AdwMessageDialog *dialog;

  /* Recorded as shown before anything else can happen. */
  event = tm_safety_event_new_for_prompt (prompt, now);
  if (!tm_store_add_safety_event (self->store, event, &error))
    g_warning ("%s", error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, prompt->title, prompt->body));
  for (guint i = 0; i < prompt->n_answers; i++)
    {
      const char *id = tm_answer_to_string (prompt->answers[i]);

      adw_message_dialog_add_response (dialog, id, tm_answer_get_label (prompt->answers[i]));
      if (prompt->answers[i] == TM_ANSWER_HELP_NOW)
        adw_message_dialog_set_response_appearance (dialog, id, prompt->level == TM_LEVEL_URGENT
                                                                ? ADW_RESPONSE_DESTRUCTIVE
                                                                : ADW_RESPONSE_DEFAULT);
    }
  adw_message_dialog_set_close_response (dialog, DISMISSED);

  if (prompt->level == TM_LEVEL_URGENT)
    gtk_widget_add_css_class (GTK_WIDGET (dialog), "tm-urgent");
  if (prompt->show_crisis)
    adw_message_dialog_set_extra_child (dialog, tm_crisis_box_new (self->store));

  g_object_set_data_full (G_OBJECT (dialog), "tm-safety-event", g_steal_pointer (&event), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_prompt_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_next (TmSafetyPrompter *self)
{
  g_autoptr(TmSafetyPrompt) prompt = NULL;
  GtkWindow *parent;

  if (self->showing || g_queue_is_empty (&self->queue))
    return;

  prompt = g_queue_pop_head (&self->queue);
  parent = self->parent;
  if (parent != NULL && !gtk_widget_get_visible (GTK_WIDGET (parent)))
    parent = NULL;

  self->showing = TRUE;
  show_prompt (self, prompt, parent);
}

static void
tm_safety_prompter_dispose (GObject *object)
{
  TmSafetyPrompter *self = TM_SAFETY_PROMPTER (object);

  g_queue_clear_full (&self->queue, (GDestroyNotify) tm_safety_prompt_free);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tm_safety_prompter_parent_class)->dispose (object);
}

static void
tm_safety_prompter_class_init (TmSafetyPrompterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tm_safety_prompter_dispose;
}

static void
tm_safety_prompter_init (TmSafetyPrompter *self)
{
  g_queue_init (&self->queue);
}

TmSafetyPrompter *
tm_safety_prompter_new (TmStore *store)
{
  TmSafetyPrompter *self = g_object_new (TM_TYPE_SAFETY_PROMPTER, NULL);

  self->store = g_object_ref (store);
  return self;
}

/**
 * tm_safety_prompter_check:
 * @parent: the window the prompts belong over
 * @record: the check-in, session or questionnaire just saved
 *
 * Runs the rules for @record and shows the prompts due, one at a time.
 * The record is already saved: nothing here can undo that.
 */
void
tm_safety_prompter_check (TmSafetyPrompter *self,
                          GtkWindow        *parent,
                          TmSource          source,
                          gpointer          record)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TM_IS_SAFETY_PROMPTER (self));

  prompts = tm_store_check_safety (self->store, source, record, now, &error);
  if (prompts == NULL)
    {
      g_warning ("The safety rules could not be checked: %s", error->message);
      return;
    }

  g_set_weak_pointer (&self->parent, parent);
  for (guint i = 0; i < prompts->len; i++)
    g_queue_push_tail (&self->queue, g_ptr_array_steal_index (prompts, i--));

  show_next (self);
}

/* Who to call, at any time (the main menu's "Get Help Now"). */
void
tm_safety_prompter_show_help (TmSafetyPrompter *self,
                              GtkWindow        *parent)
{
  AdwMessageDialog *help;

  g_return_if_fail (TM_IS_SAFETY_PROMPTER (self));

  help = new_help_dialog (self, parent);
  gtk_window_present (GTK_WINDOW (help));
}
