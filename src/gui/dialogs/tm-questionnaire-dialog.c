/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Answering (or correcting) a PHQ-9, a GAD-7 or the monthly follow-up: the
 * question and, per item, the answers its scale allows, then the result:
 * the total, its band and what the band means; for the follow-up, which
 * has no band, how many items were noted and how well the treatment is
 * tolerated (0–10, on the rating scale the check-in uses). */
#define G_LOG_DOMAIN "tm-questionnaire-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-checkin-form.h"
#include "tm-error-label.h"
#include "tm-questionnaire-dialog.h"
#include "tm-rating-row.h"

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
  GtkLabel           *tolerance_label;
  GtkLabel           *guide_label;
  GtkWidget          *self_harm_box;
  GtkLabel           *self_harm_label;
  GtkButton          *done_button;
  TmErrorLabel       *error_label;
  GtkWidget          *item_headers[TM_QUESTIONNAIRE_MAX_ITEMS];
  GtkCheckButton     *answers[TM_QUESTIONNAIRE_MAX_ITEMS][TM_N_ANSWERS];
  GtkCheckButton     *difficulty[TM_N_ANSWERS];
  TmRatingRow        *tolerance_row;  /* the follow-up's only */

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

/* An item has as many radios as its scale has answers; the rest are NULL. */
static int
get_choice (GtkCheckButton **radios)
{
  for (int i = 0; i < TM_N_ANSWERS && radios[i] != NULL; i++)
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
  if (self->tolerance_row != NULL)
    q->tolerance = tm_rating_row_get_value (self->tolerance_row);

  return q;
}

static char *
snapshot (TmQuestionnaireDialog *self)
{
  g_autoptr(TmQuestionnaire) q = read_form (self);
  g_autofree char *answers = tm_questionnaire_get_answers_text (q);

  return g_strdup_printf ("%s|%d|%d", answers, q->difficulty, q->tolerance);
}

/* An item refused for having no answer shows it in its heading until it
 * has one. */
static void
mark_unanswered (TmQuestionnaireDialog *self,
                 guint                  item,
                 gboolean               unanswered)
{
  if (unanswered)
    gtk_widget_add_css_class (self->item_headers[item], "error");
  else
    gtk_widget_remove_css_class (self->item_headers[item], "error");
}

static void
on_answer_toggled_cb (GtkCheckButton        *check,
                      TmQuestionnaireDialog *self)
{
  gpointer item = g_object_get_data (G_OBJECT (check), "tm-item");

  if (!gtk_check_button_get_active (check))
    return;
  tm_error_label_hide (self->error_label);
  if (item != NULL)
    mark_unanswered (self, GPOINTER_TO_UINT (item) - 1, FALSE);
}

static void
on_tolerance_changed_cb (TmQuestionnaireDialog *self)
{
  tm_error_label_hide (self->error_label);
}

/* The keyboard's way through a questionnaire: the focus on the chosen
 * answer of @radios, or on its first when none is chosen. */
static void
focus_answers (GtkCheckButton **radios,
               int              n_values)
{
  for (int v = 0; v < n_values; v++)
    if (gtk_check_button_get_active (radios[v]))
      {
        gtk_widget_grab_focus (GTK_WIDGET (radios[v]));
        return;
      }
  gtk_widget_grab_focus (GTK_WIDGET (radios[0]));
}

/* A digit answers the question whose answers have the focus, 0 for its
 * first answer, and moves on to the next question. */
static gboolean
on_answer_key_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  TmQuestionnaireDialog *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkCheckButton **radios = g_object_get_data (G_OBJECT (list), "tm-radios");
  int n_values = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list), "tm-n-values"));
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (radios[0]), "tm-item"));
  guint n_items = tm_questionnaire_kind_get_n_items (self->kind);
  guint32 c = gdk_keyval_to_unicode (keyval);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || c < '0' || c >= (guint32) ('0' + n_values))
    return FALSE;

  gtk_check_button_set_active (radios[c - '0'], TRUE);
  if (item > 0 && item < n_items)
    focus_answers (self->answers[item], tm_questionnaire_kind_get_item_max (self->kind, item) + 1);
  else if (item == n_items && self->kind == TM_QUESTIONNAIRE_PHQ9)
    focus_answers (self->difficulty, TM_N_ANSWERS);
  else if (item == n_items && self->tolerance_row != NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->tolerance_row), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (radios[c - '0']));
  return TRUE;
}

/* A question and its answers (@n_values of them, from 0) as radio rows;
 * the check buttons are named "item-N-answer-V" (N from 1) or
 * "difficulty-answer-V". @item is N, or 0 for the difficulty question. */
static GtkWidget *
add_choice_list (TmQuestionnaireDialog  *self,
                 const char             *heading,
                 const char * const     *labels,
                 int                     n_values,
                 const char             *name,
                 guint                   item,
                 GtkCheckButton        **radios)
{
  GtkWidget *label_widget = gtk_label_new (heading);
  GtkWidget *list = gtk_list_box_new ();
  GtkEventController *keys;

  gtk_label_set_xalign (GTK_LABEL (label_widget), 0);
  gtk_label_set_wrap (GTK_LABEL (label_widget), TRUE);
  gtk_widget_add_css_class (label_widget, "heading");
  gtk_widget_set_margin_top (label_widget, 12);
  gtk_box_append (self->form_box, label_widget);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label_widget, NULL, -1);

  for (int v = 0; v < n_values; v++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *check_name = g_strdup_printf ("%s-answer-%d", name, v);

      gtk_widget_set_name (check, check_name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (v > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), radios[0]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels[v]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, labels[v], -1);
      g_object_set_data (G_OBJECT (check), "tm-item", GUINT_TO_POINTER (item));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_answer_toggled_cb), self, 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      radios[v] = GTK_CHECK_BUTTON (check);
    }

  keys = gtk_event_controller_key_new ();
  g_object_set_data (G_OBJECT (list), "tm-radios", radios);
  g_object_set_data (G_OBJECT (list), "tm-n-values", GINT_TO_POINTER (n_values));
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_answer_key_cb), self, 0);
  gtk_widget_add_controller (list, keys);

  gtk_box_append (self->form_box, list);
  return label_widget;
}

/* The follow-up's last question, 0–10 on the check-in's rating scale,
 * its two ends named under the question. */
static void
add_tolerance_row (TmQuestionnaireDialog *self)
{
  GtkWidget *list = gtk_list_box_new ();
  /* Translators: the ends of the follow-up's tolerance scale: "0: Very badly · 10: Very well" */
  g_autofree char *ends = g_strdup_printf (_("%d: %s · %d: %s"),
                                           0, tm_questionnaire_get_tolerance_label (0),
                                           TM_FOLLOWUP_TOLERANCE_MAX,
                                           tm_questionnaire_get_tolerance_label (TM_FOLLOWUP_TOLERANCE_MAX));

  self->tolerance_row = g_object_new (TM_TYPE_RATING_ROW,
                                      "title", tm_questionnaire_get_tolerance_question (),
                                      "subtitle", ends,
                                      NULL);
  gtk_widget_set_name (GTK_WIDGET (self->tolerance_row), "tolerance");
  g_signal_connect_object (self->tolerance_row, "notify::value",
                           G_CALLBACK (on_tolerance_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 24);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->tolerance_row));
  gtk_box_append (self->form_box, list);
}

static void
build_form (TmQuestionnaireDialog *self)
{
  guint n = tm_questionnaire_kind_get_n_items (self->kind);

  gtk_label_set_label (self->stem_label, tm_questionnaire_get_stem (self->kind));

  /* At the top, under the question: a refusal is read before the items. */
  self->error_label = g_object_new (TM_TYPE_ERROR_LABEL, NULL);
  gtk_box_append (self->form_box, GTK_WIDGET (self->error_label));

  for (guint i = 0; i < n; i++)
    {
      /* Translators: a numbered questionnaire item: "4. Feeling tired or having little energy" */
      g_autofree char *heading = g_strdup_printf (_("%u. %s"), i + 1,
                                                  tm_questionnaire_get_item (self->kind, i));
      g_autofree char *name = g_strdup_printf ("item-%u", i + 1);
      int n_values = tm_questionnaire_kind_get_item_max (self->kind, i) + 1;
      const char *labels[TM_N_ANSWERS];

      for (int v = 0; v < n_values; v++)
        labels[v] = tm_questionnaire_get_item_answer_label (self->kind, i, v);
      self->item_headers[i] = add_choice_list (self, heading, labels, n_values, name, i + 1,
                                               self->answers[i]);
    }

  if (self->kind == TM_QUESTIONNAIRE_PHQ9)
    {
      /* Translators: %s is the PHQ-9 difficulty question */
      g_autofree char *heading = g_strdup_printf (_("%s (optional)"),
                                                  tm_questionnaire_get_difficulty_question ());
      const char *labels[TM_N_ANSWERS];

      for (int v = 0; v < TM_N_ANSWERS; v++)
        labels[v] = tm_questionnaire_get_difficulty_label (v);
      add_choice_list (self, heading, labels, TM_N_ANSWERS, "difficulty", 0, self->difficulty);
    }

  if (self->kind == TM_QUESTIONNAIRE_FOLLOWUP)
    add_tolerance_row (self);
}

/* "3 noted": how many of the follow-up's items were answered above 0. */
static char *
format_noted (const TmQuestionnaire *q)
{
  guint n = tm_questionnaire_kind_get_n_items (q->kind);
  int noted = 0;

  for (guint i = 0; i < n; i++)
    noted += q->answers[i] > 0;
  if (noted == 0)
    /* Translators: the result of a follow-up with every answer "No" */
    return g_strdup (_("Nothing noted"));
  /* Translators: how many items of a follow-up were answered above "No" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d noted", "%d noted", noted), noted);
}

/* The follow-up has no band: what was noted, and the tolerance. */
static void
show_followup_result (TmQuestionnaireDialog *self,
                      TmQuestionnaire       *q)
{
  g_autofree char *noted = format_noted (q);
  g_autofree char *title = NULL;
  g_autofree char *tolerance = NULL;

  /* Translators: "Follow-up: 3 noted" */
  title = g_strdup_printf (_("%s: %s"), tm_questionnaire_kind_get_name (q->kind), noted);
  gtk_label_set_label (self->band_label, title);
  /* Translators: the follow-up's tolerance answer: "Tolerated 7 of 10" */
  tolerance = g_strdup_printf (_("Tolerated %d of %d"), q->tolerance, TM_FOLLOWUP_TOLERANCE_MAX);
  gtk_label_set_label (self->tolerance_label, tolerance);
  gtk_widget_set_visible (GTK_WIDGET (self->total_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->tolerance_label), TRUE);
  gtk_label_set_label (self->guide_label,
                       _("Your answers are for you and your prescriber to talk about. Tidemark "
                         "doesn't send them to anyone."));
}

/* The total, its band, and the PHQ-9's item-9 notice whatever the total. */
static void
show_band_result (TmQuestionnaireDialog *self,
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

  gtk_widget_set_visible (self->self_harm_box,
                          q->kind == TM_QUESTIONNAIRE_PHQ9 && q->answers[8] > 0);
}

static void
show_result (TmQuestionnaireDialog *self,
             TmQuestionnaire       *q)
{
  if (tm_questionnaire_kind_has_bands (q->kind))
    show_band_result (self, q);
  else
    show_followup_result (self, q);
  gtk_label_set_label (self->meaning_label, tm_questionnaire_describe_result (q));

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
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, tolerance_label);
  gtk_widget_class_bind_template_child (widget_class, TmQuestionnaireDialog, guide_label);
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

/* Deleted from here, not from the list: a toast brings it back. */
static void
on_delete_clicked_cb (TmQuestionnaireDialog *self)
{
  if (self->saved != NULL && tm_context_delete_questionnaire (self->context, self->saved->id))
    finish (self);
}

/* Under the questions, as in the check-in's and the session's editors. */
static void
add_delete_button (TmQuestionnaireDialog *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Delete Answers"));

  gtk_widget_set_name (button, "delete_button");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 24);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_delete_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->form_box, button);
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
        if (questionnaire->answers[i] >= 0 &&
            questionnaire->answers[i] <= tm_questionnaire_kind_get_item_max (self->kind, i))
          gtk_check_button_set_active (self->answers[i][questionnaire->answers[i]], TRUE);
      if (questionnaire->difficulty >= 0 && questionnaire->difficulty < TM_N_ANSWERS &&
          self->kind == TM_QUESTIONNAIRE_PHQ9)
        gtk_check_button_set_active (self->difficulty[questionnaire->difficulty], TRUE);
      if (self->tolerance_row != NULL &&
          questionnaire->tolerance >= 0 && questionnaire->tolerance <= TM_FOLLOWUP_TOLERANCE_MAX)
        tm_rating_row_set_value (self->tolerance_row, questionnaire->tolerance);
    }

  adw_window_title_set_title (self->window_title, tm_questionnaire_kind_get_name (self->kind));
  {
    g_autofree char *day = tm_day_format_long (self->day);

    /* Translators: "Depression · Saturday 28 November 2026" */
    subtitle = g_strdup_printf (_("%s · %s"), tm_questionnaire_kind_get_topic (self->kind), day);
  }
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), tm_questionnaire_kind_get_name (self->kind));
  if (questionnaire != NULL && questionnaire->id != 0)
    add_delete_button (self);
  /* The keyboard starts on the first question: a digit answers it. */
  focus_answers (self->answers[0], tm_questionnaire_kind_get_item_max (self->kind, 0) + 1);

  self->baseline = snapshot (self);
  return self;
}

/* Marks every item without an answer and moves to the first, or to the
 * tolerance scale when that is what is missing. */
static void
show_refused_field (TmQuestionnaireDialog *self,
                    TmQuestionnaire       *q,
                    const char            *field)
{
  gboolean moved = FALSE;

  if (g_strcmp0 (field, "tolerance") == 0 && self->tolerance_row != NULL)
    {
      gtk_widget_child_focus (GTK_WIDGET (self->tolerance_row), GTK_DIR_TAB_FORWARD);
      return;
    }
  if (g_strcmp0 (field, "answers") != 0)
    return;

  for (guint i = 0; i < TM_QUESTIONNAIRE_MAX_ITEMS && self->item_headers[i] != NULL; i++)
    {
      mark_unanswered (self, i, q->answers[i] < 0);
      if (q->answers[i] < 0 && !moved)
        moved = gtk_widget_grab_focus (GTK_WIDGET (self->answers[i][0]));
    }
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

      show_refused_field (self, q, field);
      return FALSE;
    }

  g_set_object (&self->saved, q);
  g_free (self->baseline);
  self->baseline = snapshot (self);
  show_result (self, q);
  return TRUE;
}
