/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Answering (or correcting) a PHQ-9 or a GAD-7: the published question and
 * answers, one answer per item, then the total, its band and what the band
 * means. */
#define G_LOG_DOMAIN "tm-questionnaire-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-checkin-form.h"
#include "tm-error-label.h"
#include "tm-questionnaire-dialog.h"

struct _TmQuestionnaireDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *save_button;
  GtkStack           *stack;
  GtkScrolledWindow  *form_scroller;
  GtkBox             *form_box;
  GtkLabel           *stem_label;
  GtkLabel           *total_label;
  GtkLabel           *band_label;
  GtkLabel           *meaning_label;
  GtkWidget          *self_harm_box;
  GtkLabel           *self_harm_label;
  GtkButton          *done_button;
  TmErrorLabel       *error_label;
  GtkWidget          *item_headers[TM_QUESTIONNAIRE_MAX_ITEMS];
  GtkCheckButton     *answers[TM_QUESTIONNAIRE_MAX_ITEMS][TM_N_ANSWERS];
  GtkCheckButton     *difficulty[TM_N_ANSWERS];

  TmContext          *context;
  TmStore            *store; /* the context's */
  TmQuestionnaireKind kind;
  TmQuestionnaire    *saved;
  char                day[TM_DAY_LEN + 1];
  char               *baseline;
  gboolean            closing;
};

G_DEFINE_FINAL_TYPE (TmQuestionnaireDialog, tm_questionnaire_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
get_choice (GtkCheckButton **radios)
{
  for (int i = 0; i < TM_N_ANSWERS; i++)
    if (gtk_check_button_get_active (radios[i]))
      return i;
  return -1;
}

static TmQuestionnaire *
read_form (TmQuestionnaireDialog *self)
{
  TmQuestionnaire *q = tm_questionnaire_new (self->kind, self->day);
  guint n = tm_questionnaire_kind_get_n_items (self->kind);

  if (self->saved != NULL)
    q->id = self->saved->id;
  for (guint i = 0; i < n; i++)
    q->answers[i] = get_choice (self->answers[i]);
  if (self->kind == TM_QUESTIONNAIRE_PHQ9)
    q->difficulty = get_choice (self->difficulty);

  return q;
}

static char *
snapshot (TmQuestionnaireDialog *self)
{
  g_autoptr(TmQuestionnaire) q = read_form (self);
  g_autofree char *answers = tm_questionnaire_get_answers_text (q);

  return g_strdup_printf ("%s|%d", answers, q->difficulty);
}

static void
on_answer_toggled_cb (TmQuestionnaireDialog *self)
{
  tm_error_label_hide (self->error_label);
}

/* A question and its four answers as radio rows; the check buttons are
 * named "item-N-answer-V" (N from 1) or "difficulty-answer-V". */
static GtkWidget *
add_choice_list (TmQuestionnaireDialog  *self,
                 const char             *heading,
                 const char             *(*label) (int),
                 const char             *name,
                 GtkCheckButton        **radios)
{
  GtkWidget *label_widget = gtk_label_new (heading);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label_widget), 0);
  gtk_label_set_wrap (GTK_LABEL (label_widget), TRUE);
  gtk_widget_add_css_class (label_widget, "heading");
  gtk_widget_set_margin_top (label_widget, 12);
  gtk_box_append (self->form_box, label_widget);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label_widget, NULL, -1);

  for (int v = 0; v < TM_N_ANSWERS; v++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *check_name = g_strdup_printf ("%s-answer-%d", name, v);

      gtk_widget_set_name (check, check_name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (v > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), radios[0]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label (v));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label (v), -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_answer_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      radios[v] = GTK_CHECK_BUTTON (check);
    }

  gtk_box_append (self->form_box, list);
  return label_widget;
}

static void
build_form (TmQuestionnaireDialog *self)
{
  guint n = tm_questionnaire_kind_get_n_items (self->kind);

  gtk_label_set_label (self->stem_label, tm_questionnaire_get_stem (self->kind));

  for (guint i = 0; i < n; i++)
    {
      /* Translators: a numbered questionnaire item: "4. Feeling tired or having little energy" */
      g_autofree char *heading = g_strdup_printf (_("%u. %s"), i + 1,
                                                  tm_questionnaire_get_item (self->kind, i));
      g_autofree char *name = g_strdup_printf ("item-%u", i + 1);

      self->item_headers[i] = add_choice_list (self, heading, tm_questionnaire_get_answer_label,
                                               name, self->answers[i]);
    }

  if (self->kind == TM_QUESTIONNAIRE_PHQ9)
    {
      /* Translators: %s is the PHQ-9 difficulty question */
      g_autofree char *heading = g_strdup_printf (_("%s (optional)"),
                                                  tm_questionnaire_get_difficulty_question ());

      add_choice_list (self, heading, tm_questionnaire_get_difficulty_label,
                       "difficulty", self->difficulty);
    }

  self->error_label = g_object_new (TM_TYPE_ERROR_LABEL, NULL);
  gtk_box_append (self->form_box, GTK_WIDGET (self->error_label));
}

static void
show_result (TmQuestionnaireDialog *self,
             TmQuestionnaire       *q)
{
  TmBand band = tm_questionnaire_get_band (q);
  g_autofree char *total = NULL;
  g_autofree char *band_text = NULL;

  /* Translators: a questionnaire total: "12 of 27" */
  total = g_strdup_printf (_("%d of %d"), q->total, tm_questionnaire_kind_get_max_total (q->kind));
  gtk_label_set_label (self->total_label, total);
  /* Translators: "PHQ-9: Moderate" */
  band_text = g_strdup_printf (_("%s: %s"), tm_questionnaire_kind_get_name (q->kind),
                               tm_band_get_label (band));
  gtk_label_set_label (self->band_label, band_text);
  gtk_label_set_label (self->meaning_label, tm_questionnaire_describe_result (q));

  /* PHQ-9 item 9: whatever the total. */
  gtk_widget_set_visible (self->self_harm_box,
                          q->kind == TM_QUESTIONNAIRE_PHQ9 && q->answers[8] > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
finish (TmQuestionnaireDialog *self)
{
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static gboolean
is_dirty (TmQuestionnaireDialog *self)
{
  g_autofree char *now = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0)
    return FALSE;

  now = snapshot (self);
  return g_strcmp0 (now, self->baseline) != 0;
}

static void
on_close_response_cb (AdwMessageDialog      *dialog,
                      const char            *response,
                      TmQuestionnaireDialog *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    finish (self);
  else if (g_strcmp0 (response, "save") == 0)
    tm_questionnaire_dialog_save (self);
}

static gboolean
tm_questionnaire_dialog_close_request (GtkWindow *window)
{
  TmQuestionnaireDialog *self = TM_QUESTIONNAIRE_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !is_dirty (self))
    return GDK_EVENT_PROPAGATE;

  dialog = tm_checkin_form_new_save_question (window, _("Save Your Answers?"),
                                              _("Your answers are not saved yet."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static void
on_save_clicked_cb (TmQuestionnaireDialog *self)
{
  tm_questionnaire_dialog_save (self);
}

static void
on_cancel_clicked_cb (TmQuestionnaireDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_done_clicked_cb (TmQuestionnaireDialog *self)
{
  finish (self);
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TmQuestionnaireDialog *self = TM_QUESTIONNAIRE_DIALOG (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0)
    tm_questionnaire_dialog_save (self);
  return TRUE;
}

static void
tm_questionnaire_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TmQuestionnaireDialog *self = TM_QUESTIONNAIRE_DIALOG (object);

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
tm_questionnaire_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TmQuestionnaireDialog *self = TM_QUESTIONNAIRE_DIALOG (object);

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
tm_questionnaire_dialog_dispose (GObject *object)
{
  TmQuestionnaireDialog *self = TM_QUESTIONNAIRE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->saved);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_QUESTIONNAIRE_DIALOG);

  G_OBJECT_CLASS (tm_questionnaire_dialog_parent_class)->dispose (object);
}

static void
tm_questionnaire_dialog_finalize (GObject *object)
{
  g_free (TM_QUESTIONNAIRE_DIALOG (object)->baseline);

  G_OBJECT_CLASS (tm_questionnaire_dialog_parent_class)->finalize (object);
}

static void
tm_questionnaire_dialog_class_init (TmQuestionnaireDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tm_questionnaire_dialog_get_property;
  object_class->set_property = tm_questionnaire_dialog_set_property;
  object_class->dispose = tm_questionnaire_dialog_dispose;
  object_class->finalize = tm_questionnaire_dialog_finalize;
  window_class->close_request = tm_questionnaire_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/dialogs/tm-questionnaire-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, stem_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, band_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, meaning_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, self_harm_box);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, self_harm_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_questionnaire_dialog_init (TmQuestionnaireDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tm_questionnaire_dialog_new:
 * @questionnaire: (nullable): a stored one to correct, or %NULL to answer
 *   @kind today
 */
TmQuestionnaireDialog *
tm_questionnaire_dialog_new (GtkWindow           *parent,
                             TmContext           *context,
                             TmQuestionnaireKind  kind,
                             TmQuestionnaire     *questionnaire)
{
  TmQuestionnaireDialog *self;
  g_autofree char *today = tm_day_today ();
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (TM_IS_CONTEXT (context), NULL);

  self = g_object_new (TM_TYPE_QUESTIONNAIRE_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
  self->kind = questionnaire != NULL ? questionnaire->kind : kind;
  g_strlcpy (self->day, questionnaire != NULL ? questionnaire->day : today, sizeof self->day);
  if (questionnaire != NULL)
    self->saved = tm_questionnaire_copy (questionnaire);

  build_form (self);

  if (questionnaire != NULL)
    {
      guint n = tm_questionnaire_kind_get_n_items (self->kind);

      for (guint i = 0; i < n; i++)
        if (questionnaire->answers[i] >= 0 && questionnaire->answers[i] < TM_N_ANSWERS)
          gtk_check_button_set_active (self->answers[i][questionnaire->answers[i]], TRUE);
      if (questionnaire->difficulty >= 0 && questionnaire->difficulty < TM_N_ANSWERS)
        gtk_check_button_set_active (self->difficulty[questionnaire->difficulty], TRUE);
    }

  adw_window_title_set_title (self->window_title, tm_questionnaire_kind_get_name (self->kind));
  {
    g_autofree char *day = tm_day_format_long (self->day);

    /* Translators: "Depression · Saturday 28 November 2026" */
    subtitle = g_strdup_printf (_("%s · %s"), tm_questionnaire_kind_get_topic (self->kind), day);
  }
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), tm_questionnaire_kind_get_name (self->kind));

  self->baseline = snapshot (self);
  return self;
}

/* Saved once the import that held it up has been stored. */
static void
save_when_writable_cb (TmQuestionnaireDialog *self)
{
  tm_questionnaire_dialog_save (self);
}

/**
 * tm_questionnaire_dialog_save:
 *
 * Saves when every item has an answer, then shows the result; otherwise
 * says which items are open and moves to the first.
 */
gboolean
tm_questionnaire_dialog_save (TmQuestionnaireDialog *self)
{
  g_autoptr(TmQuestionnaire) q = read_form (self);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_return_val_if_fail (TM_IS_QUESTIONNAIRE_DIALOG (self), FALSE);

  if (!tm_questionnaire_validate (q, &field, &error) ||
      !tm_store_save_questionnaire (self->store, q, &error))
    {
      tm_error_label_show (self->error_label, error->message);
      if (tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), G_CALLBACK (save_when_writable_cb));

      /* Move to the first item without an answer. */
      for (guint i = 0; g_strcmp0 (field, "answers") == 0 && i < TM_QUESTIONNAIRE_MAX_ITEMS; i++)
        if (self->item_headers[i] != NULL && q->answers[i] < 0)
          {
            gtk_widget_grab_focus (GTK_WIDGET (self->answers[i][0]));
            break;
          }
      return FALSE;
    }

  g_set_object (&self->saved, q);
  g_free (self->baseline);
  self->baseline = snapshot (self);
  show_result (self, q);
  return TRUE;
}
