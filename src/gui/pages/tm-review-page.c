/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Review: the visit with the therapist or prescriber. The period since
 * the last finished review (or one chosen), its agenda in the order of
 * DESIGN.md, each item opening the record it is about, the period's
 * charts, the notes written during the visit and Finish Review, and the
 * earlier reviews, each of which can be corrected by a new one. */
#define G_LOG_DOMAIN "tm-review-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tm-agenda.h"
#include "tm-chart-view.h"
#include "tm-error-label.h"
#include "tm-questionnaire-dialog.h"
#include "tm-review-page.h"
#include "tm-review-row.h"
#include "tm-session-dialog.h"

struct _TmReviewPage
{
  AdwBin         parent_instance;

  GtkWidget     *reset_button;
  AdwActionRow  *period_row;
  GtkMenuButton *change_button;
  GtkCalendar   *from_calendar;
  GtkCalendar   *to_calendar;
  TmErrorLabel  *period_error;
  GtkGrid       *columns;
  GtkWidget     *charts_box;
  GtkBox        *agenda_parts;
  AdwPreferencesGroup *earlier_group;
  TmChartView   *trend_view;
  TmChartView   *phq9_view;
  GtkLabel      *baseline_label;
  TmChartView   *gad7_view;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow   *author_row;
  GtkTextView   *notes_view;
  GtkWidget     *notes_box;
  GtkWidget     *notes_hidden_label;
  TmErrorLabel  *finish_error;
  GtkWidget     *cancel_correction_button;
  GtkButton     *finish_button;

  TmContext     *context;
  TmStore       *store;        /* the context's */
  char           from[TM_DAY_LEN + 1];
  char           to[TM_DAY_LEN + 1];
  gboolean       chosen;       /* the period was changed from the one since the last review */
  TmReview      *correcting;   /* the review the form corrects, or NULL */
  char          *draft_author; /* this review's form, kept while another is corrected */
  char          *draft_notes;
  gboolean       ahead;        /* the period starts after today: nothing to review yet */
  GPtrArray     *earlier_rows; /* the rows in earlier_group */
  guint          reload_id;
  gboolean       stale;
  gboolean       wide;         /* the charts beside the agenda, not under it */
  guint          layout_id;
};

/* From this width of the page the charts stand beside the agenda. */
#define WIDE_WIDTH 1000

G_DEFINE_FINAL_TYPE (TmReviewPage, tm_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Days and calendars */

static void
calendar_select (GtkCalendar *calendar,
                 const char  *day)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!tm_day_to_date (day, &date))
    return;
  time = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                          12, 0, 0);
  gtk_calendar_select_day (calendar, time);
}

static char *
calendar_get_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) time = gtk_calendar_get_date (calendar);

  return tm_day_from_date_time (time);
}

/* The period */

static void
show_period (TmReviewPage *self,
             GPtrArray    *reviews)
{
  g_autofree char *from = tm_day_format_long (self->from);
  g_autofree char *to = tm_day_format_long (self->to);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const TmReview *latest = tm_review_find_latest (reviews);

  /* Translators: a review's period: "Thursday 12 November 2026 to Wednesday 9 December 2026" */
  title = g_strdup_printf (_("%s to %s"), from, to);
  if (self->ahead && latest != NULL)
    {
      g_autofree char *last_day = tm_day_format_long (latest->period_to);
      g_autofree char *next_day = tm_day_format_long (self->from);

      g_free (title);
      title = g_strdup (_("Nothing to Review Yet"));
      /* Translators: "The last review covered the days up to Saturday 5 December 2026. The next one starts
       * on Sunday 6 December 2026." */
      subtitle = g_strdup_printf (_("The last review covered the days up to %s. The next one starts on %s."),
                                  last_day, next_day);
    }
  else if (self->chosen)
    subtitle = g_strdup (_("A period you chose. Since Last Review goes back to the days since the last review."));
  else if (latest == NULL)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The last %d day: no review has been finished yet.",
                                             "The last %d days: no review has been finished yet.",
                                             TM_REVIEW_FIRST_DAYS),
                                TM_REVIEW_FIRST_DAYS);
  else
    {
      g_autofree char *last = tm_review_describe (latest);

      /* Translators: %s is "Reviewed with Dr. Ortiz on Thursday 3 December 2026" */
      subtitle = g_strdup_printf (_("The days since the last review. %s."), last);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->period_row), title);
  adw_action_row_set_subtitle (self->period_row, subtitle);
  gtk_widget_set_visible (self->reset_button, self->chosen);
}

/* The agenda */

static void
open_item (TmReviewPage *self,
           AdwActionRow *row)
{
  GObject *record = g_object_get_data (G_OBJECT (row), "record");
  const char *day = g_object_get_data (G_OBJECT (row), "day");
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (record != NULL && TM_IS_SESSION (record))
    gtk_window_present (GTK_WINDOW (tm_session_dialog_new (parent, self->context, TM_SESSION (record))));
  else if (record != NULL && TM_IS_QUESTIONNAIRE (record))
    gtk_window_present (GTK_WINDOW (tm_questionnaire_dialog_new (parent, self->context,
                                                                 TM_QUESTIONNAIRE (record)->kind,
                                                                 TM_QUESTIONNAIRE (record))));
  else if (day != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-day", "s", day);
}

static GtkWidget *
make_item_row (TmReviewPage       *self,
               const TmAgendaItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  const char *detail = item->detail;

  if (item->detail_is_note && tm_context_get_hide_notes (self->context))
    detail = _("Note hidden");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  if (detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  if (item->empty)
    {
      gtk_widget_add_css_class (row, "dim-label");
      return row;
    }

  /* An item about a day or a record opens it. */
  if (item->day[0] != '\0' || item->record != NULL)
    {
      if (item->record != NULL)
        g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (item->record), g_object_unref);
      if (item->day[0] != '\0')
        g_object_set_data_full (G_OBJECT (row), "day", g_strdup (item->day), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (open_item), self, G_CONNECT_SWAPPED);
    }
  return row;
}

static void
show_agenda (TmReviewPage   *self,
             const TmAgenda *agenda)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_parts))) != NULL)
    gtk_box_remove (self->agenda_parts, child);

  /* Earlier reviews come last, from every review (see show_earlier ()). */
  for (TmAgendaKind kind = 0; kind < TM_AGENDA_REVIEW_NOTE; kind++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < agenda->items->len; i++)
        {
          const TmAgendaItem *item = agenda->items->pdata[i];

          if (item->kind != kind)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), tm_agenda_kind_get_heading (kind));
              gtk_box_append (self->agenda_parts, group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_item_row (self, item));
        }
    }
}

/* Earlier reviews and corrections */

static void
set_form (TmReviewPage *self,
          const char   *author,
          const char   *note)
{
  gtk_editable_set_text (GTK_EDITABLE (self->author_row), author != NULL ? author : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), note != NULL ? note : "", -1);
  tm_error_label_hide (self->finish_error);
}

static void
show_correcting (TmReviewPage *self)
{
  if (self->correcting != NULL)
    {
      g_autofree char *what = tm_review_describe (self->correcting);
      /* Translators: %s is "Reviewed with Dr. Ortiz on Thursday 3 December 2026" */
      g_autofree char *description = g_strdup_printf (_("Correcting “%s”. Saving keeps the review as it was and "
                                                        "adds the corrected one, which names it."), what);

      adw_preferences_group_set_title (self->notes_group, _("Correct an Earlier Review"));
      adw_preferences_group_set_description (self->notes_group, description);
      gtk_button_set_label (self->finish_button, _("Save _Correction"));
    }
  else
    {
      adw_preferences_group_set_title (self->notes_group, _("Notes From This Review"));
      adw_preferences_group_set_description (self->notes_group,
                                             _("Written during the visit. A finished review is kept as it was; "
                                               "a correction is saved as a new review that names the one it "
                                               "corrects."));
      gtk_button_set_label (self->finish_button, _("_Finish Review"));
    }
  gtk_widget_set_visible (self->cancel_correction_button, self->correcting != NULL);
}

static char *get_notes (TmReviewPage *self);

/* Correcting an earlier review keeps what was typed for this one, to
 * come back when the correction is saved or cancelled. */
static void
on_correct_clicked_cb (TmReviewPage *self,
                       GtkButton    *button)
{
  TmReview *review = g_object_get_data (G_OBJECT (button), "review");

  if (self->correcting == NULL)
    {
      g_free (self->draft_author);
      g_free (self->draft_notes);
      self->draft_author = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->author_row)));
      self->draft_notes = get_notes (self);
    }
  g_set_object (&self->correcting, review);
  set_form (self, review->author, review->note);
  show_correcting (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->finish_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

static void
end_correction (TmReviewPage *self)
{
  g_clear_object (&self->correcting);
  set_form (self, self->draft_author, self->draft_notes);
  g_clear_pointer (&self->draft_author, g_free);
  g_clear_pointer (&self->draft_notes, g_free);
  show_correcting (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->finish_button), !self->ahead);
}

static void
on_cancel_correction_clicked_cb (TmReviewPage *self)
{
  end_correction (self);
}

static void
show_earlier (TmReviewPage *self,
              GPtrArray    *reviews)
{
  g_autoptr(GPtrArray) current = tm_review_list_newest_first (reviews);
  gboolean hide = tm_context_get_hide_notes (self->context);

  for (guint i = 0; i < self->earlier_rows->len; i++)
    adw_preferences_group_remove (self->earlier_group, self->earlier_rows->pdata[i]);
  g_ptr_array_set_size (self->earlier_rows, 0);

  for (guint i = 0; i < current->len; i++)
    {
      TmReview *review = current->pdata[i];
      GtkWidget *row = tm_review_row_new (review, hide);
      GtkWidget *button = gtk_button_new_with_label (_("Correct…"));
      g_autofree char *title = tm_review_describe (review);
      /* Translators: for a screen reader: "Correct Reviewed with Dr. Ortiz on …" */
      g_autofree char *label = g_strdup_printf (_("Correct “%s”"), title);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "review", g_object_ref (review), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_correct_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->earlier_group, row);
      g_ptr_array_add (self->earlier_rows, row);
    }
  if (current->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No earlier reviews."));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->earlier_group, row);
      g_ptr_array_add (self->earlier_rows, row);
    }
}

/* The charts */

static void
show_charts (TmReviewPage *self,
             TmChartData  *data)
{
  g_autofree char *baseline = tm_phq9_baseline_describe (&data->phq9_baseline);
  g_autofree char *text = NULL;
  int at_most = baseline != NULL ? tm_phq9_get_response_at_most (data->phq9_baseline.total) : -1;

  tm_chart_view_set_data (self->trend_view, data);
  tm_chart_view_set_data (self->phq9_view, data);
  tm_chart_view_set_data (self->gad7_view, data);

  if (at_most >= 0)
    /* Translators: "A response is a PHQ-9 of 10 or less, down by half or more; remission is below 5.
     * The baseline is the pre-treatment PHQ-9 entered in the plan (20)." */
    text = g_strdup_printf (_("A response is a PHQ-9 of %d or less, down by half or more; remission is below %d. "
                              "The baseline is %s."), at_most, TM_REMISSION_BELOW, baseline);
  else if (baseline != NULL)
    /* Translators: %s is "the first PHQ-9 recorded (0 on Tuesday 3 March 2026)" */
    text = g_strdup_printf (_("Remission is a PHQ-9 below %d. With a baseline of 0 there is no response to "
                              "mark. The baseline is %s."), TM_REMISSION_BELOW, baseline);
  else
    text = g_strdup (_("No PHQ-9 yet, so response can't be marked. The clinician can enter the pre-treatment "
                       "PHQ-9 in the plan editor."));
  gtk_label_set_label (self->baseline_label, text);
}

/* Loading */

static void
reload (TmReviewPage *self)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(TmAgenda) agenda = NULL;
  g_autoptr(TmChartData) data = NULL;
  g_autoptr(GError) error = NULL;

  self->stale = FALSE;
  if ((reviews = tm_store_list_reviews (self->store, &error)) == NULL)
    {
      tm_context_show_error (self->context, error->message);
      return;
    }
  {
    g_autofree char *today = tm_day_today ();

    if (!self->chosen)
      tm_review_next_period (reviews, today, self->from, self->to);
    /* A review that reached today (or, after the clock went back, beyond
     * it) leaves nothing to review until the next day comes. */
    self->ahead = strcmp (self->from, today) > 0;
  }

  if ((agenda = tm_agenda_new_from_store (self->store, self->from, self->to, &error)) == NULL ||
      (data = tm_chart_data_new_from_store (self->store, self->from, self->to, &error)) == NULL)
    {
      tm_context_show_error (self->context, error->message);
      return;
    }

  show_period (self, reviews);
  show_agenda (self, agenda);
  show_earlier (self, reviews);
  show_charts (self, data);
  gtk_widget_set_visible (GTK_WIDGET (self->agenda_parts), !self->ahead);
  gtk_widget_set_visible (self->charts_box, !self->ahead);
  gtk_widget_set_sensitive (GTK_WIDGET (self->finish_button), !self->ahead || self->correcting != NULL);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TmReviewPage *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Many changes at once reload once, and a page out of sight waits until
 * it is shown. */
static void
queue_reload (TmReviewPage *self)
{
  self->stale = TRUE;
  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* Changing the period */

static void
on_period_popover_show_cb (TmReviewPage *self)
{
  calendar_select (self->from_calendar, self->from);
  calendar_select (self->to_calendar, self->to);
  tm_error_label_hide (self->period_error);
}

static void
on_apply_clicked_cb (TmReviewPage *self)
{
  g_autofree char *from = calendar_get_day (self->from_calendar);
  g_autofree char *to = calendar_get_day (self->to_calendar);
  g_autoptr(GError) error = NULL;

  if (!tm_review_page_set_period (self, from, to, &error))
    {
      tm_error_label_show (self->period_error, error->message);
      return;
    }
  gtk_menu_button_popdown (self->change_button);
}

static void
on_reset_clicked_cb (TmReviewPage *self)
{
  self->chosen = FALSE;
  reload (self);
}

/* Finishing */

static void
on_form_changed_cb (TmReviewPage *self)
{
  tm_error_label_hide (self->finish_error);
}

static char *
get_notes (TmReviewPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_finish_clicked_cb (TmReviewPage *self)
{
  tm_review_page_finish (self);
}

static void
on_hide_notes_changed_cb (TmReviewPage *self)
{
  queue_reload (self);
}

/* The charts beside the agenda on a wide page, under it on a narrow one:
 * moved after the allocation that found the width changed. */
static gboolean
layout_idle_cb (gpointer user_data)
{
  TmReviewPage *self = user_data;

  self->layout_id = 0;
  g_object_ref (self->charts_box);
  gtk_grid_remove (self->columns, self->charts_box);
  gtk_grid_attach (self->columns, self->charts_box, self->wide ? 1 : 0, self->wide ? 0 : 1, 1, 1);
  g_object_unref (self->charts_box);
  return G_SOURCE_REMOVE;
}

/* The page lays out its one child itself (see init), as a bin does. */
static void
tm_review_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
tm_review_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TmReviewPage *self = TM_REVIEW_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));
  gboolean wide = width >= WIDE_WIDTH;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (wide != self->wide)
    {
      self->wide = wide;
      if (self->layout_id == 0)
        self->layout_id = g_idle_add (layout_idle_cb, self);
    }
}

/* GObject */

static void
tm_review_page_map (GtkWidget *widget)
{
  TmReviewPage *self = TM_REVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (tm_review_page_parent_class)->map (widget);
  if (self->stale)
    queue_reload (self);
}

static void
tm_review_page_constructed (GObject *object)
{
  TmReviewPage *self = TM_REVIEW_PAGE (object);
  static const char * const signals[] = {
    "checkin-changed", "sessions-changed", "questionnaires-changed", "plan-changed", "safety-changed",
    "medicines-changed", "reviews-changed",
  };

  G_OBJECT_CLASS (tm_review_page_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (self->store, signals[i], G_CALLBACK (queue_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::hide-notes", G_CALLBACK (on_hide_notes_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The notes being written are out of sight on a shared screen too (and
   * kept as they are). */
  g_object_bind_property (self->context, "hide-notes", self->notes_box, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->context, "hide-notes", self->notes_hidden_label, "visible", G_BINDING_SYNC_CREATE);
  reload (self);
}

static void
tm_review_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TmReviewPage *self = TM_REVIEW_PAGE (object);

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
tm_review_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TmReviewPage *self = TM_REVIEW_PAGE (object);

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
tm_review_page_dispose (GObject *object)
{
  TmReviewPage *self = TM_REVIEW_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->layout_id, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_REVIEW_PAGE);
  g_clear_pointer (&self->earlier_rows, g_ptr_array_unref);
  g_clear_object (&self->correcting);
  g_clear_pointer (&self->draft_author, g_free);
  g_clear_pointer (&self->draft_notes, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tm_review_page_parent_class)->dispose (object);
}

static void
tm_review_page_class_init (TmReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_review_page_get_property;
  object_class->set_property = tm_review_page_set_property;
  object_class->constructed = tm_review_page_constructed;
  object_class->dispose = tm_review_page_dispose;
  widget_class->map = tm_review_page_map;
  widget_class->measure = tm_review_page_measure;
  widget_class->size_allocate = tm_review_page_size_allocate;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_CHART_VIEW);
  g_type_ensure (TM_TYPE_ERROR_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pages/tm-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, reset_button);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, change_button);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, period_error);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, columns);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, agenda_parts);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, earlier_group);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, trend_view);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, phq9_view);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, baseline_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, gad7_view);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, author_row);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, notes_hidden_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, finish_error);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, cancel_correction_button);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPage, finish_button);
  gtk_widget_class_bind_template_callback (widget_class, on_period_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_correction_clicked_cb);
}

static void
tm_review_page_init (TmReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Allocated by size_allocate (), which sees the page's width. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  self->earlier_rows = g_ptr_array_new ();

}

/**
 * tm_review_page_set_period:
 *
 * Shows @from … @to instead of the days since the last review, when they
 * can be a review's period; else @error says why and nothing changes.
 */
gboolean
tm_review_page_set_period (TmReviewPage  *self,
                           const char    *from,
                           const char    *to,
                           GError       **error)
{
  g_return_val_if_fail (TM_IS_REVIEW_PAGE (self), FALSE);

  if (!tm_review_validate_period (from, to, NULL, error))
    return FALSE;
  g_strlcpy (self->from, from, sizeof self->from);
  g_strlcpy (self->to, to, sizeof self->to);
  self->chosen = TRUE;
  reload (self);
  return TRUE;
}

/**
 * tm_review_page_finish:
 *
 * Finish Review: stores the review of the period shown with the form's
 * author and notes (or the correction of an earlier one). On success the
 * form is emptied and the page moves on to the next period; else the
 * error shows under the form and what was typed stays.
 */
gboolean
tm_review_page_finish (TmReviewPage *self)
{
  g_autoptr(TmReview) review = NULL;
  g_autofree char *notes = get_notes (self);
  g_autofree char *finished_at = tm_instant_now_local ();
  g_autofree char *next = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean correction = self->correcting != NULL;

  g_return_val_if_fail (TM_IS_REVIEW_PAGE (self), FALSE);

  /* A correction stands in the place of the review it corrects: the same
   * days and the same visit; when it was written is its created_at. */
  if (correction)
    {
      review = tm_review_new (self->correcting->period_from, self->correcting->period_to);
      review->corrects = self->correcting->id;
      tm_review_set_finished_at (review, self->correcting->finished_at);
    }
  else
    {
      review = tm_review_new (self->from, self->to);
      tm_review_set_finished_at (review, finished_at);
    }
  tm_review_set_author (review, gtk_editable_get_text (GTK_EDITABLE (self->author_row)));
  tm_review_set_note (review, notes);

  if ((!correction && !tm_review_validate_period (review->period_from, review->period_to, &field, &error)) ||
      !tm_review_validate (review, &field, &error) || !tm_store_add_review (self->store, review, &error))
    {
      tm_error_label_show (self->finish_error, error->message);
      if (g_strcmp0 (field, "author") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->author_row));
      else if (g_strcmp0 (field, "note") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
      return FALSE;
    }

  if (correction)
    {
      end_correction (self);
      title = g_strdup (_("Correction saved"));
      reload (self);
    }
  else
    {
      set_form (self, NULL, NULL);
      self->chosen = FALSE;
      reload (self);
      next = tm_day_format_short (self->from);
      /* Translators: %s is a day: "Review finished. The next one starts on 10 December." */
      title = g_strdup_printf (_("Review finished. The next one starts on %s."), next);
    }
  tm_context_add_toast (self->context, adw_toast_new (title));
  return TRUE;
}

/**
 * tm_review_page_has_unfinished_notes:
 *
 * Returns: whether a reviewer's name or notes are typed that no Finish
 *   Review (or Save Correction) has kept yet
 */
gboolean
tm_review_page_has_unfinished_notes (TmReviewPage *self)
{
  g_autofree char *notes = NULL;

  g_return_val_if_fail (TM_IS_REVIEW_PAGE (self), FALSE);

  notes = get_notes (self);
  return gtk_editable_get_text (GTK_EDITABLE (self->author_row))[0] != '\0' || notes[0] != '\0' ||
         (self->draft_author != NULL && self->draft_author[0] != '\0') ||
         (self->draft_notes != NULL && self->draft_notes[0] != '\0');
}
