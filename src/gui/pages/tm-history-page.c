/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History: every check-in, newest first. Activating one opens it for
 * editing; deleting one can be undone from the toast. */
#define G_LOG_DOMAIN "tm-history-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tm-checkin-dialog.h"
#include "tm-accessible.h"
#include "tm-history-page.h"
#include "tm-settings.h"
#include "tm-history-row.h"
#include "tm-questionnaire-row.h"
#include "tm-questionnaire-dialog.h"
#include "tm-review-row.h"

struct _TmHistoryPage
{
  AdwBin              parent_instance;

  GtkStack           *section_stack;
  GtkDropDown        *section_dropdown;
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkWidget          *empty_button;
  GtkStack           *questionnaire_stack;
  GtkListView        *questionnaire_list_view;
  AdwComboRow        *cadence_row;
  AdwComboRow        *safety_period_row;
  GtkListBox         *safety_list;
  GtkWidget          *safety_empty_label;
  GtkListBox         *review_list;
  GtkWidget          *review_empty_label;

  TmContext          *context;
  TmStore            *store;    /* the context's */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *search;  /* casefolded, or NULL */
};

G_DEFINE_FINAL_TYPE (TmHistoryPage, tm_history_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (TmHistoryPage *self,
            const char    *message)
{
  tm_context_show_error (self->context, message);
}

/* A check-in matches when its note or its written-out day holds the text. */
static gboolean
match_checkin (gpointer item,
               gpointer user_data)
{
  TmHistoryPage *self = user_data;
  TmCheckin *checkin = item;
  g_autofree char *day = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;

  /* With notes hidden for a shared screen, a search must not tell what
   * they say either. */
  day = tm_day_format_long (checkin->day);
  haystack = g_strjoin ("\n", checkin->day, day,
                        checkin->note != NULL && !tm_context_get_hide_notes (self->context) ? checkin->note : "",
                        NULL);
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, self->search) != NULL;
}

static void
update_visible_page (TmHistoryPage *self)
{
  guint n_all = self->store != NULL
                ? g_list_model_get_n_items (tm_store_get_checkins (self->store)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (n_all == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Check-ins Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("How are you today? Your daily check-ins will be listed here, "
                                         "newest first."));
    }
  else if (n_shown == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page,
                                       _("No check-in has that text in its note or date."));
    }

  gtk_widget_set_visible (self->empty_button, n_all == 0);
  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
}

static void
on_search_changed_cb (TmHistoryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && text[0] != '\0')
    self->search = g_utf8_casefold (text, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_list_view_activate_cb (TmHistoryPage *self,
                          guint          position)
{
  g_autoptr(TmCheckin) checkin = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autofree char *today = tm_day_today ();
  GtkRoot *root;
  TmCheckinDialog *editor;

  if (checkin == NULL)
    return;

  /* Today's check-in is edited where it always is. */
  if (g_strcmp0 (checkin->day, today) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "today");
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = tm_checkin_dialog_new (GTK_WINDOW (root), self->context, checkin);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
update_questionnaire_page (TmHistoryPage *self)
{
  gboolean any = self->store != NULL &&
                 g_list_model_get_n_items (tm_store_get_questionnaires (self->store)) > 0;

  gtk_stack_set_visible_child_name (self->questionnaire_stack, any ? "list" : "empty");
}

static void
on_questionnaire_activate_cb (TmHistoryPage *self,
                              guint          position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->questionnaire_list_view));
  g_autoptr(TmQuestionnaire) q = g_list_model_get_item (model, position);
  TmQuestionnaireDialog *window;

  if (q == NULL)
    return;

  window = tm_questionnaire_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       self->context, q->kind, q);
  gtk_window_present (GTK_WINDOW (window));
}

/* The safety record for the period chosen: 30 days, 3 months, a year, all. */
static void
update_safety_list (TmHistoryPage *self)
{
  static const int period_days[] = { 30, 91, 365, -1 };
  guint selected = adw_combo_row_get_selected (self->safety_period_row);
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  if (self->store == NULL)
    return;

  if (selected < G_N_ELEMENTS (period_days) && period_days[selected] > 0)
    from = tm_day_add (today, -period_days[selected] + 1);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->safety_list))) != NULL)
    gtk_list_box_remove (self->safety_list, row);

  events = tm_store_list_safety_events (self->store, from, NULL, &error);
  if (events == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Newest first. */
  for (guint i = events->len; i > 0; i--)
    {
      TmSafetyEvent *event = events->pdata[i - 1];
      g_autoptr(GDateTime) shown = tm_instant_parse (event->shown_at);
      g_autoptr(GDateTime) local = shown != NULL ? g_date_time_to_local (shown) : NULL;
      g_autofree char *day = local != NULL ? tm_day_from_date_time (local) : NULL;
      g_autofree char *day_text = day != NULL ? tm_day_format_long (day) : g_strdup (event->shown_at);
      g_autofree char *time = local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *level_class = g_strdup_printf ("tm-level-%s", tm_level_to_string (event->level));
      GtkWidget *level = gtk_label_new (tm_level_get_label (event->level));
      TmAnswer answer;
      const char *answer_text;

      if (event->answer != NULL && tm_answer_from_string (event->answer, &answer))
        answer_text = tm_answer_get_label (answer);
      else
        answer_text = _("Not answered");

      /* Translators: "S1 · Effects after a dose" */
      title = g_strdup_printf (_("%s · %s"), tm_rule_to_string (event->rule), tm_rule_get_name (event->rule));
      /* Translators: "Saturday 28 November 2026, 19:42 · I'm somewhere safe and resting" */
      subtitle = g_strdup_printf (_("%s, %s · %s"), day_text, time, answer_text);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (level, "tm-tag");
      gtk_widget_add_css_class (level, "caption");
      gtk_widget_add_css_class (level, level_class);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
      gtk_list_box_append (self->safety_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->safety_list), events->len > 0);
  gtk_widget_set_visible (self->safety_empty_label, events->len == 0);
}

static void
on_questionnaire_setup_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item)
{
  gtk_list_item_set_child (item, tm_questionnaire_row_new ());
}

static void
on_questionnaire_bind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item)
{
  tm_questionnaire_row_set_questionnaire (TM_QUESTIONNAIRE_ROW (gtk_list_item_get_child (item)),
                                          gtk_list_item_get_item (item));
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TmHistoryPage            *self)
{
  GtkWidget *row = tm_history_row_new ();

  if (self->context != NULL)
    g_object_bind_property (self->context, "hide-notes", row, "hide-note", G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (item, row);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  tm_history_row_set_checkin (TM_HISTORY_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
tm_history_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

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
tm_history_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

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

/* Every finished review, newest first, a correction in the place of the
 * review it corrects; the notes hidden on a shared screen. */
static void
update_review_list (TmHistoryPage *self)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GError) error = NULL;
  gboolean hide = tm_context_get_hide_notes (self->context);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->review_list))) != NULL)
    gtk_list_box_remove (self->review_list, row);

  if ((reviews = tm_store_list_reviews (self->store, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  current = tm_review_list_newest_first (reviews);
  for (guint i = 0; i < current->len; i++)
    gtk_list_box_append (self->review_list, tm_review_row_new (current->pdata[i], hide));

  gtk_widget_set_visible (GTK_WIDGET (self->review_list), current->len > 0);
  gtk_widget_set_visible (self->review_empty_label, current->len == 0);
}

/* The search no longer looks in the notes, or looks again. */
static void
on_hide_notes_changed_cb (TmHistoryPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_review_list (self);
}

static void
tm_history_page_constructed (GObject *object)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);
  TmStore *store = self->store;
  GListModel *questionnaires = tm_store_get_questionnaires (store);
  GSettings *settings = tm_context_get_settings (self->context);
  GtkSelectionModel *selection;

  G_OBJECT_CLASS (tm_history_page_parent_class)->constructed (object);

  gtk_filter_list_model_set_model (self->filtered, tm_store_get_checkins (store));
  update_visible_page (self);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (questionnaires)));
  gtk_list_view_set_model (self->questionnaire_list_view, selection);
  g_object_unref (selection);
  g_signal_connect_object (questionnaires, "items-changed",
                           G_CALLBACK (update_questionnaire_page), self, G_CONNECT_SWAPPED);
  /* The cadence is a setting; Preferences shows it too. */
  if (settings != NULL)
    tm_settings_bind_cadence (settings, self->cadence_row);
  update_questionnaire_page (self);

  g_signal_connect_object (store, "safety-changed", G_CALLBACK (update_safety_list), self,
                           G_CONNECT_SWAPPED);
  update_safety_list (self);

  g_signal_connect_object (store, "reviews-changed", G_CALLBACK (update_review_list), self,
                           G_CONNECT_SWAPPED);
  update_review_list (self);

  g_signal_connect_object (self->context, "notify::hide-notes", G_CALLBACK (on_hide_notes_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
tm_history_page_dispose (GObject *object)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_HISTORY_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tm_history_page_parent_class)->dispose (object);
}

static void
tm_history_page_finalize (GObject *object)
{
  TmHistoryPage *self = TM_HISTORY_PAGE (object);

  g_free (self->search);

  G_OBJECT_CLASS (tm_history_page_parent_class)->finalize (object);
}

/* In a narrow window the sections are chosen in a drop-down that lists
 * the stack's pages; it and the stack follow each other. */
static void
on_section_selected_cb (TmHistoryPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->section_dropdown);
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->section_stack);

  if (selected != GTK_INVALID_LIST_POSITION && selected < g_list_model_get_n_items (G_LIST_MODEL (pages)))
    gtk_selection_model_select_item (pages, selected, TRUE);
}

static void
on_section_shown_cb (TmHistoryPage *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->section_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    if (gtk_selection_model_is_selected (pages, i))
      gtk_drop_down_set_selected (self->section_dropdown, i);
}

static void
set_up_section_dropdown (TmHistoryPage *self)
{
  GtkSelectionModel *pages = gtk_stack_get_pages (self->section_stack);
  GtkExpression *title = gtk_property_expression_new (GTK_TYPE_STACK_PAGE, NULL, "title");

  /* The drop-down holds the stack's own list of pages. */
  gtk_drop_down_set_expression (self->section_dropdown, title);
  gtk_drop_down_set_model (self->section_dropdown, G_LIST_MODEL (pages));
  gtk_expression_unref (title);
  g_object_unref (pages);
  g_signal_connect_object (self->section_stack, "notify::visible-child", G_CALLBACK (on_section_shown_cb), self,
                           G_CONNECT_SWAPPED);
  on_section_shown_cb (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->section_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Section"), -1);
}

static void
tm_history_page_class_init (TmHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_history_page_get_property;
  object_class->set_property = tm_history_page_set_property;
  object_class->constructed = tm_history_page_constructed;
  object_class->dispose = tm_history_page_dispose;
  object_class->finalize = tm_history_page_finalize;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pages/tm-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, questionnaire_stack);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, questionnaire_list_view);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, safety_period_row);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, safety_list);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, safety_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, review_list);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, review_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryPage, empty_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_questionnaire_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_safety_list);
  gtk_widget_class_bind_template_callback (widget_class, on_section_selected_cb);
}

static void
tm_history_page_init (TmHistoryPage *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;
  g_autoptr(GtkStringList) cadences = NULL;
  g_autoptr(GtkStringList) periods = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  tm_accessible_name_entry (GTK_WIDGET (self->search_entry), _("Search check-ins"));
  set_up_section_dropdown (self);

  self->filter = gtk_custom_filter_new (match_checkin, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_visible_page), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
  gtk_list_view_set_model (self->list_view, selection);
  g_object_unref (selection);
  update_visible_page (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_questionnaire_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_questionnaire_bind_cb), NULL);
  gtk_list_view_set_factory (self->questionnaire_list_view, factory);
  g_object_unref (factory);

  periods = gtk_string_list_new (NULL);
  gtk_string_list_append (periods, _("Last 30 days"));
  gtk_string_list_append (periods, _("Last 3 months"));
  gtk_string_list_append (periods, _("Last year"));
  gtk_string_list_append (periods, _("All"));
  adw_combo_row_set_model (self->safety_period_row, G_LIST_MODEL (periods));

  cadences = gtk_string_list_new (NULL);
  gtk_string_list_append (cadences, _("Two weeks"));
  gtk_string_list_append (cadences, _("One week"));
  adw_combo_row_set_model (self->cadence_row, G_LIST_MODEL (cadences));
}
