/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safety rules after every save: whatever saves a check-in, session or
 * questionnaire (Today, an editor, a questionnaire, a test), the store says
 * so once ("record-saved"), and the prompter runs the rules for it then.
 * Each prompt due is recorded at once, then shown, one at a time, over the
 * window that saved (or the one it belonged to, when it closed on saving),
 * and recorded again when answered. "I need help now" brings up who to
 * call. Closing a prompt without an answer leaves it recorded as shown and
 * not answered. Imports check their records in core, without prompts. */
#define G_LOG_DOMAIN "tm-safety-prompter"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-accessible.h"
#include "tm-crisis-box.h"
#include "tm-safety-help.h"
#include "tm-safety-prompter.h"

#define DISMISSED "dismissed"

struct _TmSafetyPrompter
{
  GObject         parent_instance;

  TmStore        *store;
  GtkApplication *application;  /* weak; over its windows the prompts go */
  GQueue          queue;        /* Pending */
  guint           show_id;
  GtkWindow      *current;      /* the prompt, or the help it led to, on screen; the next waits */
  GQueue          answers;      /* Answer: given while the file could not be written */
};

G_DEFINE_FINAL_TYPE (TmSafetyPrompter, tm_safety_prompter, G_TYPE_OBJECT)

/* A prompt due, and its record in the store. */
typedef struct
{
  TmSafetyPrompt *prompt;
  TmSafetyEvent  *event;
} Pending;

static void
pending_free (Pending *pending)
{
  tm_safety_prompt_free (pending->prompt);
  g_object_unref (pending->event);
  g_free (pending);
}

/* An answer, and when it was given. */
typedef struct
{
  TmSafetyEvent *event;
  TmAnswer       answer;
  char          *answered_at;
} Answer;

static void
answer_free (Answer *answer)
{
  g_object_unref (answer->event);
  g_free (answer->answered_at);
  g_free (answer);
}

static void keep_answers (TmSafetyPrompter *self);

static void
keep_answers_cb (GObject *owner)
{
  keep_answers (TM_SAFETY_PROMPTER (owner));
}

/* Records the answers given, in order. While an import is being stored
 * elsewhere they wait for it, with the time they were given. */
static void
keep_answers (TmSafetyPrompter *self)
{
  while (!g_queue_is_empty (&self->answers))
    {
      Answer *answer = g_queue_peek_head (&self->answers);
      g_autoptr(GError) error = NULL;

      if (!tm_store_answer_safety_event_at (self->store, answer->event, answer->answer,
                                            answer->answered_at, &error))
        {
          if (tm_store_error_waits (self->store, error))
            {
              tm_store_call_when_writable (self->store, G_OBJECT (self),
                                           G_CALLBACK (keep_answers_cb));
              return;
            }
          g_warning ("%s", error->message);
        }
      answer_free (g_queue_pop_head (&self->answers));
    }
}

static void show_next (TmSafetyPrompter *self);

static gboolean
show_next_cb (gpointer data)
{
  TmSafetyPrompter *self = data;

  self->show_id = 0;
  show_next (self);
  return G_SOURCE_REMOVE;
}

/* Shows the next prompt once what is running now (the save, the editor
 * closing) is done. The prompter going away (its context, as Tidemark
 * quits) takes what waits with it: the prompts are recorded as shown. */
static void
queue_show_next (TmSafetyPrompter *self)
{
  if (self->show_id == 0)
    self->show_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_next_cb, self, NULL);
}

/* @dialog was answered, or went without an answer (its window destroyed):
 * on to the next prompt. */
static void
done_with (TmSafetyPrompter *self,
           gpointer          dialog)
{
  if (self->current != dialog)
    return;
  self->current = NULL;
  queue_show_next (self);
}

static void
on_dialog_destroy_cb (GtkWidget        *dialog,
                      TmSafetyPrompter *self)
{
  done_with (self, dialog);
}

static void
present (TmSafetyPrompter *self,
         AdwMessageDialog *dialog)
{
  self->current = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_help_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TmSafetyPrompter *self)
{
  done_with (self, dialog);
}

static GtkWidget *
new_help_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The warning signs that call for emergency services, as a list. */
static GtkWidget *
new_signs (const TmSafetyHelp *help)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_name (box, "help-signs");
  gtk_box_append (GTK_BOX (box), new_help_label (help->signs_title, "heading"));
  for (guint i = 0; help->signs[i] != NULL; i++)
    {
      /* Translators: one item of a list of warning signs */
      g_autofree char *item = g_strdup_printf (_("• %s"), help->signs[i]);
      GtkWidget *label = new_help_label (item, NULL);

      gtk_widget_set_margin_start (label, 6);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* Help that fits the rule that led to it (TM_RULE_NONE: the general
 * help). Asking for help is never styled as something dangerous. */
static AdwMessageDialog *
new_help_dialog (TmSafetyPrompter *self,
                 GtkWindow        *parent,
                 TmRule            rule)
{
  g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (rule);
  AdwMessageDialog *dialog;
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, help->title, help->body));
  if (help->signs != NULL)
    {
      gtk_box_append (GTK_BOX (content), new_signs (help));
      gtk_box_append (GTK_BOX (content), new_help_label (help->after_signs, NULL));
    }
  gtk_box_append (GTK_BOX (content), tm_crisis_box_new (self->store, help->lines));
  gtk_box_append (GTK_BOX (content), new_help_label (help->note, "dim-label"));
  adw_message_dialog_set_extra_child (dialog, content);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data (G_OBJECT (dialog), "tm-help-rule", GINT_TO_POINTER (rule));
  tm_accessible_fix_message_dialog (dialog);
  return dialog;
}

static void
on_prompt_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TmSafetyPrompter *self)
{
  TmSafetyEvent *event = g_object_get_data (G_OBJECT (dialog), "tm-safety-event");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  TmAnswer answer;

  if (tm_answer_from_string (response, &answer))
    {
      Answer *given = g_new0 (Answer, 1);

      given->event = g_object_ref (event);
      given->answer = answer;
      given->answered_at = tm_instant_now_utc ();
      g_queue_push_tail (&self->answers, given);
      keep_answers (self);

      if (answer == TM_ANSWER_HELP_NOW)
        {
          AdwMessageDialog *help = new_help_dialog (self, parent, event->rule);

          g_signal_connect_object (help, "response", G_CALLBACK (on_help_response_cb), self, 0);
          if (self->current == GTK_WINDOW (dialog))
            present (self, help);
          else
            gtk_window_present (GTK_WINDOW (help));
          return;
        }
    }

  done_with (self, dialog);
}

static void
show_prompt (TmSafetyPrompter *self,
             TmSafetyPrompt   *prompt,
             TmSafetyEvent    *event,
             GtkWindow        *parent)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, prompt->title, prompt->body));
  for (guint i = 0; i < prompt->n_answers; i++)
    {
      const char *id = tm_answer_to_string (prompt->answers[i]);

      adw_message_dialog_add_response (dialog, id, tm_answer_get_label (prompt->answers[i]));
      /* Asking for help stands out when it is urgent, never as a danger. */
      if (prompt->answers[i] == TM_ANSWER_HELP_NOW && prompt->level == TM_LEVEL_URGENT)
        adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_close_response (dialog, DISMISSED);

  /* A prompt that shows who to call is help itself: never in red. */
  if (prompt->level == TM_LEVEL_URGENT && !prompt->show_crisis)
    gtk_widget_add_css_class (GTK_WIDGET (dialog), "tm-urgent");
  if (prompt->show_crisis)
    {
      g_autoptr(TmSafetyHelp) help = tm_safety_help_for_rule (prompt->rule);

      adw_message_dialog_set_extra_child (dialog, tm_crisis_box_new (self->store, help->lines));
    }

  g_object_set_data_full (G_OBJECT (dialog), "tm-safety-event", g_object_ref (event),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_prompt_response_cb), self, 0);
  tm_accessible_fix_message_dialog (dialog);
  present (self, dialog);
}

/* The window a prompt goes over: of the application's, the one used last
 * that is still shown and not a prompt itself. That is the window that
 * saved, or, when it closed on saving (an editor), the one it belonged to,
 * whatever kind of window that is. */
static GtkWindow *
choose_parent (TmSafetyPrompter *self)
{
  GList *windows = NULL;

  if (self->application != NULL)
    windows = gtk_application_get_windows (self->application);

  /* Most recently used first. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && !ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;
  return NULL;
}

static void
show_next (TmSafetyPrompter *self)
{
  GtkWindow *parent;
  Pending *pending;

  if (self->current != NULL || g_queue_is_empty (&self->queue))
    return;

  /* Every window closed: the prompts wait for the next one to show. */
  parent = choose_parent (self);
  if (parent == NULL && self->application != NULL)
    return;

  pending = g_queue_pop_head (&self->queue);
  show_prompt (self, pending->prompt, pending->event, parent);
  pending_free (pending);
}

static void
on_window_added_cb (TmSafetyPrompter *self)
{
  if (!g_queue_is_empty (&self->queue))
    queue_show_next (self);
}

/* The one place the rules start from after a save, whatever saved. The
 * record is already saved: nothing here can undo that. */
static void
on_record_saved_cb (TmStore          *store,
                    int               source,
                    GObject          *record,
                    TmSafetyPrompter *self)
{
  g_autoptr(GDateTime) now = tm_time_now ();
  g_autofree char *shown_at = tm_instant_now_utc ();
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(GError) error = NULL;

  prompts = tm_store_check_safety (store, (TmSource) source, record, now, &error);
  if (prompts == NULL)
    {
      g_warning ("The safety rules could not be checked: %s", error->message);
      return;
    }

  for (guint i = 0; i < prompts->len; i++)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->prompt = g_ptr_array_steal_index (prompts, i--);
      /* Recorded before anything else can happen, so that no fault loses
       * it and a second save right after does not raise it again. */
      pending->event = tm_safety_event_new_for_prompt (pending->prompt, shown_at);
      if (!tm_store_add_safety_event (store, pending->event, &error))
        {
          g_warning ("%s", error->message);
          g_clear_error (&error);
        }
      g_queue_push_tail (&self->queue, pending);
    }

  if (!g_queue_is_empty (&self->queue))
    queue_show_next (self);
}

static void
tm_safety_prompter_dispose (GObject *object)
{
  TmSafetyPrompter *self = TM_SAFETY_PROMPTER (object);

  g_queue_clear_full (&self->queue, (GDestroyNotify) pending_free);
  /* Answers still waiting for an import are tried once more. */
  if (self->store != NULL && tm_store_is_writable (self->store))
    keep_answers (self);
  g_queue_clear_full (&self->answers, (GDestroyNotify) answer_free);
  g_clear_handle_id (&self->show_id, g_source_remove);
  self->current = NULL;
  g_clear_weak_pointer (&self->application);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_record_saved_cb, self);
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
  g_queue_init (&self->answers);
}

/**
 * tm_safety_prompter_new:
 * @store: the store whose saves it follows
 * @application: (nullable): the prompts go over its windows
 *
 * From now on, every check-in, session or questionnaire saved in @store
 * goes through the safety rules, and the prompts due are shown. Make one
 * for each store (the context does), kept as long as its windows are.
 */
TmSafetyPrompter *
tm_safety_prompter_new (TmStore        *store,
                        GtkApplication *application)
{
  TmSafetyPrompter *self;

  g_return_val_if_fail (TM_IS_STORE (store), NULL);
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (TM_TYPE_SAFETY_PROMPTER, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->application, application);
  if (application != NULL)
    g_signal_connect_object (application, "window-added", G_CALLBACK (on_window_added_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect (store, "record-saved", G_CALLBACK (on_record_saved_cb), self);
  return self;
}

/**
 * tm_safety_prompter_raise:
 * @prompt: (transfer full): a prompt due before any record is saved (the
 *   session companion's, before the dose)
 *
 * Records @prompt as shown, then shows it like every other prompt.
 *
 * Returns: the id of its record, or 0 when it could not be recorded
 */
gint64
tm_safety_prompter_raise (TmSafetyPrompter *self,
                          TmSafetyPrompt   *prompt)
{
  g_autofree char *shown_at = tm_instant_now_utc ();
  g_autoptr(GError) error = NULL;
  Pending *pending;

  g_return_val_if_fail (TM_IS_SAFETY_PROMPTER (self), 0);
  g_return_val_if_fail (prompt != NULL, 0);

  pending = g_new0 (Pending, 1);
  pending->prompt = prompt;
  pending->event = tm_safety_event_new_for_prompt (prompt, shown_at);
  if (!tm_store_add_safety_event (self->store, pending->event, &error))
    g_warning ("%s", error->message);
  g_queue_push_tail (&self->queue, pending);
  queue_show_next (self);
  return pending->event->id;
}

/* Who to call, at any time (the main menu's "Get Help Now"). */
void
tm_safety_prompter_show_help (TmSafetyPrompter *self,
                              GtkWindow        *parent)
{
  tm_safety_prompter_show_help_for_rule (self, parent, TM_RULE_NONE);
}

/**
 * tm_safety_prompter_show_help_for_rule:
 * @rule: the rule whose prompt asked for help, or %TM_RULE_NONE
 *
 * Shows the help that fits @rule: who to call, and for some rules the
 * signs that call for emergency services.
 */
void
tm_safety_prompter_show_help_for_rule (TmSafetyPrompter *self,
                                       GtkWindow        *parent,
                                       TmRule            rule)
{
  AdwMessageDialog *help;

  g_return_if_fail (TM_IS_SAFETY_PROMPTER (self));

  help = new_help_dialog (self, parent, rule);
  gtk_window_present (GTK_WINDOW (help));
}
