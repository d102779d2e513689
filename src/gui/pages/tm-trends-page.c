/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trends: mood against the clinician's calendar over a chosen range, the
 * range's figures against the range before, the day under the pointer in
 * words, how mood moves after a dose, and the questionnaires. The range and
 * the lines shown are settings. */
#define G_LOG_DOMAIN "tm-trends-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tm-chart-view.h"
#include "tm-followup-chart-view.h"
#include "tm-interval.h"
#include "tm-trends-page.h"

#define MIN_ALL_DAYS 14

struct _TmTrendsPage
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkLabel            *range_label;
  GtkFlowBox          *summary_box;
  GtkLabel            *mood_value;
  GtkLabel            *mood_detail;
  GtkLabel            *days_value;
  GtkLabel            *days_detail;
  GtkLabel            *sessions_value;
  GtkLabel            *sessions_detail;
  TmChartView         *trend_view;
  GtkLabel            *readout_title;
  GtkLabel            *readout_body;
  TmChartView         *after_dose_view;
  GtkLabel            *after_dose_direction;
  GtkLabel            *questionnaires_direction;
  TmChartView         *phq9_view;
  TmChartView         *gad7_view;
  TmFollowupChartView *followup_view;
  GtkLabel            *interval_caption;
  TmChartView         *interval_view;
  GtkGrid             *interval_table;
  GtkBox              *interval_sentences;

  TmContext           *context;
  TmStore             *store;       /* the context's */
  GSimpleActionGroup  *actions;
  guint                reload_id;
  gboolean             stale;
};

G_DEFINE_FINAL_TYPE (TmTrendsPage, tm_trends_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *id;
  int         days;     /* 0: everything recorded */
} ranges[] = {
  { "two-weeks", 14 },
  { "month", 30 },
  { "three-months", 91 },
  { "year", 365 },
  { "all", 0 },
};

static const char * const series_keys[] = {
  "show-rolling-mean", "show-anxiety", "show-energy",
};

static GVariant *
get_state (TmTrendsPage *self,
           const char   *name)
{
  return g_action_group_get_action_state (G_ACTION_GROUP (self->actions), name);
}

static int
range_days (TmTrendsPage *self,
            const char  **id)
{
  g_autoptr(GVariant) state = get_state (self, "trend-range");
  const char *value = g_variant_get_string (state, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (g_strcmp0 (ranges[i].id, value) == 0)
      {
        *id = ranges[i].id;
        return ranges[i].days;
      }
  *id = "three-months";
  return 91;
}

static TmSeries
get_series (TmTrendsPage *self)
{
  TmSeries series = 0;

  for (guint i = 0; i < G_N_ELEMENTS (series_keys); i++)
    {
      g_autoptr(GVariant) state = get_state (self, series_keys[i]);

      if (g_variant_get_boolean (state))
        series |= 1u << i;
    }
  return series;
}

/* "the 3 months before", for the comparison with the range before. */
static const char *
previous_words (const char *id)
{
  if (g_str_equal (id, "two-weeks"))
    return _("the 2 weeks before");
  if (g_str_equal (id, "month"))
    return _("the month before");
  if (g_str_equal (id, "three-months"))
    return _("the 3 months before");
  return _("the year before");
}

static void
show_mood (TmTrendsPage      *self,
           const TmChartData *data,
           const TmChartData *previous,
           const char        *range_id)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;

  if (data->n_checked_in == 0)
    {
      gtk_label_set_label (self->mood_value, "—");
      gtk_label_set_label (self->mood_detail, _("No check-ins in this range"));
      return;
    }

  value = g_strdup_printf ("%.1f", data->mean_mood);
  if (previous == NULL)
    detail = g_strdup (_("Over everything recorded"));
  else if (previous->n_checked_in == 0)
    /* Translators: %s is "the 3 months before" and the like */
    detail = g_strdup_printf (_("No check-ins in %s to compare with"), previous_words (range_id));
  else
    {
      double change = round ((data->mean_mood - previous->mean_mood) * 10) / 10;

      if (fabs (change) < 0.05)
        /* Translators: %s is "the 3 months before" and the like */
        detail = g_strdup_printf (_("The same as %s"), previous_words (range_id));
      else if (change > 0)
        /* Translators: "0.4 higher than the 3 months before (5.0)" */
        detail = g_strdup_printf (_("%.1f higher than %s (%.1f)"), change, previous_words (range_id),
                                  previous->mean_mood);
      else
        detail = g_strdup_printf (_("%.1f lower than %s (%.1f)"), -change, previous_words (range_id),
                                  previous->mean_mood);
    }

  gtk_label_set_label (self->mood_value, value);
  gtk_label_set_label (self->mood_detail, detail);
}

static void
show_days (TmTrendsPage      *self,
           const TmChartData *data)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;

  /* Translators: days with a check-in of the days in the range: "82 of 91" */
  value = g_strdup_printf (_("%d of %d"), data->n_checked_in, data->n_days);
  detail = g_strdup_printf (_("%.0f %% of the days in this range"),
                            100.0 * data->n_checked_in / MAX (1, data->n_days));
  gtk_label_set_label (self->days_value, value);
  gtk_label_set_label (self->days_detail, detail);
}

static void
show_sessions (TmTrendsPage      *self,
               const TmChartData *data)
{
  const TmAdherence *a = &data->adherence;
  g_autofree char *value = NULL;
  GString *detail = g_string_new (NULL);

  if (a->planned == 0 && a->extra == 0 && data->sessions->len == 0)
    {
      gtk_label_set_label (self->sessions_value, "—");
      gtk_label_set_label (self->sessions_detail, _("No planned or taken sessions in this range"));
      g_string_free (detail, TRUE);
      return;
    }

  /* Translators: planned sessions taken, of those planned: "6 of 7 planned" */
  value = g_strdup_printf (_("%d of %d planned"), a->on_time + a->late, a->planned);
  g_string_append_printf (detail, _("%d on time · %d late · %d missed · %d beyond the plan"),
                          a->on_time, a->late, a->missed, a->extra);
  if (a->due > 0)
    {
      g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%d due now", "%d due now", a->due),
                              a->due);
    }

  gtk_label_set_label (self->sessions_value, value);
  gtk_label_set_label (self->sessions_detail, detail->str);
  g_string_free (detail, TRUE);
}

static GtkWidget *
new_cell (const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    gtk_widget_unparent (child);
}

static void
add_sentence (TmTrendsPage *self,
              const char   *text)
{
  GtkWidget *label = new_cell (text, FALSE);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (self->interval_sentences, label);
}

/* How the interval is working, over everything recorded: the curves of
 * each plan period, the period table and a sentence for each period, in
 * the report's words. */
static void
show_interval (TmTrendsPage *self,
               TmChartData  *whole)
{
  const TmIntervalEvidence *evidence = whole->after_dose;
  g_autoptr(TmIntervalTable) table = tm_interval_table_new (evidence, 4);
  g_autofree char *evidence_caption = tm_interval_evidence_caption (evidence);
  g_autofree char *shown = tm_after_dose_chart_describe_shown (whole);
  g_autofree char *caption = shown != NULL ? g_strjoin (" ", evidence_caption, shown, NULL)
                                           : g_strdup (evidence_caption);

  gtk_label_set_label (self->interval_caption, caption);
  tm_chart_view_set_data (self->interval_view, whole);

  remove_children (GTK_WIDGET (self->interval_table));
  remove_children (GTK_WIDGET (self->interval_sentences));
  gtk_widget_set_visible (GTK_WIDGET (self->interval_table), table->periods->len > 0);
  if (table->periods->len == 0)
    {
      g_autofree char *none = tm_interval_evidence_describe (evidence);

      add_sentence (self, none);
      return;
    }

  gtk_grid_attach (self->interval_table, new_cell (tm_interval_table_heading (), TRUE), 0, 0, 1, 1);
  for (guint p = 0; p < table->periods->len; p++)
    gtk_grid_attach (self->interval_table, new_cell (table->names->pdata[p], TRUE), p + 1, 0, 1, 1);
  for (guint m = 0; m < table->rows->len; m++)
    {
      GStrv row = table->rows->pdata[m];

      for (guint c = 0; row[c] != NULL; c++)
        {
          GtkWidget *cell = new_cell (row[c], FALSE);

          if (c == 0)
            gtk_widget_add_css_class (cell, "dim-label");
          gtk_grid_attach (self->interval_table, cell, c, m + 1, 1, 1);
        }
    }

  for (guint p = 0; p < table->periods->len; p++)
    {
      g_autofree char *sentence = tm_interval_period_describe (table->periods->pdata[p]);

      add_sentence (self, sentence);
    }
}

static void
show_readout (TmTrendsPage *self)
{
  TmChartData *data = tm_chart_view_get_data (self->trend_view);
  int day = tm_chart_view_get_selected_day (self->trend_view);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (data == NULL || day < 0)
    {
      gtk_label_set_label (self->readout_title, _("Read a Day"));
      gtk_label_set_label (self->readout_body,
                           _("Point at the chart, or select it and use the arrow keys, to read a "
                             "day here: its ratings, session, plan and note."));
      gtk_widget_add_css_class (GTK_WIDGET (self->readout_body), "dim-label");
      return;
    }

  title = tm_day_format_long (g_array_index (data->days, TmChartDay, day).day);
  body = tm_chart_data_describe_day_with (data, day, !tm_context_get_hide_notes (self->context));
  gtk_label_set_label (self->readout_title, title);
  gtk_label_set_label (self->readout_body, body);
  gtk_widget_remove_css_class (GTK_WIDGET (self->readout_body), "dim-label");
}

static void
on_selected_day_cb (TmTrendsPage *self)
{
  show_readout (self);
}

static void
reload (TmTrendsPage *self)
{
  g_autoptr(TmChartData) data = NULL;
  g_autoptr(TmChartData) previous = NULL;
  g_autoptr(TmChartData) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tm_day_today ();
  g_autofree char *from = NULL;
  g_autofree char *from_words = NULL;
  g_autofree char *to_words = NULL;
  g_autofree char *range = NULL;
  const char *range_id;
  int days;

  self->stale = FALSE;
  if (self->store == NULL)
    return;

  /* Before anything was recorded there is nothing to chart: say so, and
   * where to start. */
  {
    g_autofree char *first = tm_store_get_first_day (self->store);

    gtk_stack_set_visible_child_name (self->stack, first != NULL ? "charts" : "empty");
  }

  days = range_days (self, &range_id);
  if (days == 0)
    {
      g_autofree char *first = tm_chart_first_day (self->store);

      from = tm_day_diff (first, today) + 1 < MIN_ALL_DAYS ? tm_day_add (today, -(MIN_ALL_DAYS - 1))
                                                           : g_steal_pointer (&first);
    }
  else
    from = tm_day_add (today, -(days - 1));

  data = tm_chart_data_new_from_store (self->store, from, today, &error);
  if (data != NULL && days > 0)
    {
      g_autofree char *before_from = tm_day_add (from, -days);
      g_autofree char *before_to = tm_day_add (from, -1);
      g_autofree char *first = tm_chart_first_day (self->store);

      previous = tm_chart_data_new_from_store (self->store, before_from, before_to, &error);
      if (previous != NULL)
        whole = tm_chart_data_new_from_store (self->store, strcmp (first, from) < 0 ? first : from, today, &error);
    }
  else if (data != NULL)
    whole = tm_chart_data_ref (data);
  if (error != NULL)
    {
      tm_context_show_error (self->context, error->message);
      return;
    }

  from_words = tm_day_format_long (from);
  to_words = tm_day_format_long (today);
  /* Translators: the range of the charts: "Saturday 30 August 2026 to Friday 28 November 2026" */
  range = g_strdup_printf (_("%s to %s"), from_words, to_words);
  gtk_label_set_label (self->range_label, range);

  show_mood (self, data, previous, range_id);
  show_days (self, data);
  show_sessions (self, data);

  tm_chart_view_set_series (self->trend_view, get_series (self));
  tm_chart_view_set_data (self->trend_view, data);
  tm_chart_view_set_data (self->after_dose_view, data);
  tm_chart_view_set_data (self->phq9_view, data);
  tm_chart_view_set_data (self->gad7_view, data);
  {
    g_autoptr(GPtrArray) followups = tm_followup_chart_collect (tm_store_get_questionnaires (self->store), from,
                                                                today);

    tm_followup_chart_view_set_followups (self->followup_view, followups, from, today);
  }
  show_interval (self, whole);
  show_readout (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TmTrendsPage *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Many changes at once (a save with its prompts) reload once, and a page
 * out of sight waits until it is shown. */
static void
queue_reload (TmTrendsPage *self)
{
  self->stale = TRUE;
  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
on_action_state_changed_cb (GActionGroup *group,
                            const char   *name,
                            GVariant     *state,
                            TmTrendsPage *self)
{
  if (g_str_equal (name, "trend-range"))
    {
      queue_reload (self);
      return;
    }
  tm_chart_view_set_series (self->trend_view, get_series (self));
}

/* Without a settings schema the choices still work, for this run. */
static void
change_state (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  g_simple_action_set_state (action, value);
}

/* The range and the lines shown are the settings' own actions: chosen,
 * they are kept at once, and they follow the settings. */
static void
setup_actions (TmTrendsPage *self)
{
  GSettings *settings = tm_context_get_settings (self->context);

  self->actions = g_simple_action_group_new ();

  if (settings != NULL)
    {
      g_autoptr(GAction) range = g_settings_create_action (settings, "trend-range");

      g_action_map_add_action (G_ACTION_MAP (self->actions), range);
      for (guint i = 0; i < G_N_ELEMENTS (series_keys); i++)
        {
          g_autoptr(GAction) action = g_settings_create_action (settings, series_keys[i]);

          g_action_map_add_action (G_ACTION_MAP (self->actions), action);
        }
    }
  else
    {
      const GActionEntry entries[] = {
        { "trend-range", NULL, "s", "'three-months'", change_state },
        { "show-rolling-mean", NULL, NULL, "true", change_state },
        { "show-anxiety", NULL, NULL, "false", change_state },
        { "show-energy", NULL, NULL, "false", change_state },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
    }

  g_signal_connect_object (self->actions, "action-state-changed",
                           G_CALLBACK (on_action_state_changed_cb), self, 0);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "trends", G_ACTION_GROUP (self->actions));
}

static void
tm_trends_page_map (GtkWidget *widget)
{
  TmTrendsPage *self = TM_TRENDS_PAGE (widget);

  GTK_WIDGET_CLASS (tm_trends_page_parent_class)->map (widget);
  if (self->stale)
    queue_reload (self);
}

static void
tm_trends_page_constructed (GObject *object)
{
  TmTrendsPage *self = TM_TRENDS_PAGE (object);
  static const char * const signals[] = {
    "checkin-changed", "sessions-changed", "questionnaires-changed", "plan-changed", "safety-changed",
    "medicines-changed",
  };

  G_OBJECT_CLASS (tm_trends_page_parent_class)->constructed (object);

  setup_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (self->store, signals[i], G_CALLBACK (queue_reload), self,
                             G_CONNECT_SWAPPED);
  /* The read-out leaves the note out while notes are hidden. */
  g_signal_connect_object (self->context, "notify::hide-notes", G_CALLBACK (show_readout), self,
                           G_CONNECT_SWAPPED);
  self->stale = TRUE;
}

static void
tm_trends_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TmTrendsPage *self = TM_TRENDS_PAGE (object);

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
tm_trends_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TmTrendsPage *self = TM_TRENDS_PAGE (object);

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
tm_trends_page_dispose (GObject *object)
{
  TmTrendsPage *self = TM_TRENDS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  /* The template's root is the bin's child: let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_TRENDS_PAGE);
  g_clear_object (&self->actions);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tm_trends_page_parent_class)->dispose (object);
}

static void
tm_trends_page_class_init (TmTrendsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_trends_page_get_property;
  object_class->set_property = tm_trends_page_set_property;
  object_class->constructed = tm_trends_page_constructed;
  object_class->dispose = tm_trends_page_dispose;
  widget_class->map = tm_trends_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_CHART_VIEW);
  g_type_ensure (TM_TYPE_FOLLOWUP_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pages/tm-trends-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, mood_value);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, mood_detail);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, days_value);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, days_detail);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, sessions_value);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, sessions_detail);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, trend_view);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, readout_title);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, readout_body);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, after_dose_view);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, after_dose_direction);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, questionnaires_direction);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, phq9_view);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, gad7_view);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, followup_view);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, interval_caption);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, interval_view);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, interval_table);
  gtk_widget_class_bind_template_child (widget_class, TmTrendsPage, interval_sentences);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_day_cb);
}

static void
tm_trends_page_init (TmTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Which way is better, in the words the report uses. */
  gtk_label_set_label (self->after_dose_direction, tm_scale_get_direction (TM_SCALE_MOOD));
  {
    g_autofree char *both = g_strdup_printf ("%s %s", tm_scale_get_direction (TM_SCALE_PHQ9),
                                             tm_scale_get_direction (TM_SCALE_GAD7));

    gtk_label_set_label (self->questionnaires_direction, both);
  }

  /* The figures are read, not chosen: no stop for the keyboard. */
  for (int i = 0; gtk_flow_box_get_child_at_index (self->summary_box, i) != NULL; i++)
    gtk_widget_set_focusable (GTK_WIDGET (gtk_flow_box_get_child_at_index (self->summary_box, i)), FALSE);
  show_readout (self);
}

/* The trend chart, for tests. */
TmChartView *
tm_trends_page_get_trend_view (TmTrendsPage *self)
{
  g_return_val_if_fail (TM_IS_TRENDS_PAGE (self), NULL);
  return self->trend_view;
}
