/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly follow-ups on screen, drawn by the renderer
 * (tm-followup-chart.c) in the window's style, and told to screen readers
 * in the renderer's words. Pointing at a column names its follow-up. */
#define G_LOG_DOMAIN "tm-followup-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tm-chart-picture.h"
#include "tm-chart-view.h"
#include "tm-followup-chart-view.h"

struct _TmFollowupChartView
{
  GtkWidget              parent_instance;

  GPtrArray             *followups;   /* TmQuestionnaire, owned */
  TmFollowupChartLayout  layout;
  TmChartPicture         picture;
};

G_DEFINE_FINAL_TYPE (TmFollowupChartView, tm_followup_chart_view, GTK_TYPE_WIDGET)

/* Oldest first, as the renderer draws them: a column is an index here. */
static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const TmQuestionnaire *x = *(const TmQuestionnaire * const *) a;
  const TmQuestionnaire *y = *(const TmQuestionnaire * const *) b;

  return g_strcmp0 (x->day, y->day);
}

static void
invalidate (TmFollowupChartView *self)
{
  tm_chart_picture_invalidate (&self->picture, GTK_WIDGET (self));
}

static void
draw_chart (GtkWidget          *widget,
            cairo_t            *cr,
            const TmChartStyle *style,
            int                 width,
            int                 height)
{
  TmFollowupChartView *self = (TmFollowupChartView *) widget;

  tm_followup_chart_layout (self->followups, style, width, height, &self->layout);
  tm_followup_chart_draw (cr, self->followups, style, &self->layout);
}

/* The pointed column's follow-up: its day, what was noted, the tolerance. */
static gboolean
on_query_tooltip_cb (TmFollowupChartView *self,
                     int                  x,
                     int                  y,
                     gboolean             keyboard,
                     GtkTooltip          *tooltip,
                     gpointer             user_data)
{
  int column = keyboard || self->picture.node == NULL ? -1 : tm_followup_chart_column_at (&self->layout, x);
  g_autoptr(GPtrArray) one = NULL;
  g_autofree char *text = NULL;
  const TmQuestionnaire *q;

  if (column < 0 || (guint) column >= self->followups->len)
    return FALSE;

  q = self->followups->pdata[column];
  one = g_ptr_array_new ();
  g_ptr_array_add (one, (gpointer) q);
  text = tm_followup_chart_describe (one, q->day, q->day);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
tm_followup_chart_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  TmFollowupChartView *self = TM_FOLLOWUP_CHART_VIEW (widget);

  tm_chart_picture_snapshot (&self->picture, widget, snapshot);
}

static void
tm_followup_chart_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  TmChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
      return;
    }

  /* Room for every item's name: taller when the text is larger. */
  tm_chart_style_for_widget (widget, &style);
  *minimum = *natural = (int) tm_followup_chart_get_height (&style);
}

static void
tm_followup_chart_view_system_setting_changed (GtkWidget        *widget,
                                               GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (tm_followup_chart_view_parent_class)->system_setting_changed (widget, setting);
  invalidate (TM_FOLLOWUP_CHART_VIEW (widget));
}

static void
tm_followup_chart_view_dispose (GObject *object)
{
  TmFollowupChartView *self = TM_FOLLOWUP_CHART_VIEW (object);

  tm_chart_picture_clear (&self->picture);

  G_OBJECT_CLASS (tm_followup_chart_view_parent_class)->dispose (object);
}

static void
tm_followup_chart_view_finalize (GObject *object)
{
  TmFollowupChartView *self = TM_FOLLOWUP_CHART_VIEW (object);

  g_ptr_array_unref (self->followups);

  G_OBJECT_CLASS (tm_followup_chart_view_parent_class)->finalize (object);
}

static void
tm_followup_chart_view_class_init (TmFollowupChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_followup_chart_view_dispose;
  object_class->finalize = tm_followup_chart_view_finalize;
  widget_class->snapshot = tm_followup_chart_view_snapshot;
  widget_class->measure = tm_followup_chart_view_measure;
  widget_class->system_setting_changed = tm_followup_chart_view_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tm_followup_chart_view_init (TmFollowupChartView *self)
{
  self->followups = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  tm_chart_picture_init (&self->picture, GTK_WIDGET (self), draw_chart);
  tm_followup_chart_view_set_followups (self, NULL, NULL, NULL);
}

GtkWidget *
tm_followup_chart_view_new (void)
{
  return g_object_new (TM_TYPE_FOLLOWUP_CHART_VIEW, NULL);
}

/**
 * tm_followup_chart_view_set_followups:
 * @followups: (element-type TmQuestionnaire) (nullable): the follow-ups of
 *   the range, oldest first (tm_followup_chart_collect()); other kinds are
 *   left out. The view keeps references to them.
 * @from: (nullable): the range's first day, for the description
 * @to: (nullable): the range's last day
 */
void
tm_followup_chart_view_set_followups (TmFollowupChartView *self,
                                      GPtrArray           *followups,
                                      const char          *from,
                                      const char          *to)
{
  g_autofree char *description = NULL;

  g_return_if_fail (TM_IS_FOLLOWUP_CHART_VIEW (self));

  g_ptr_array_set_size (self->followups, 0);
  for (guint i = 0; followups != NULL && i < followups->len; i++)
    {
      TmQuestionnaire *q = followups->pdata[i];

      if (q->kind == TM_QUESTIONNAIRE_FOLLOWUP)
        g_ptr_array_add (self->followups, g_object_ref (q));
    }
  g_ptr_array_sort (self->followups, compare_days);

  description = tm_followup_chart_describe (self->followups, from, to);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  /* Translators: the accessible name of the follow-up chart */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow-up answers over time"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  invalidate (self);
}

guint
tm_followup_chart_view_get_n_followups (TmFollowupChartView *self)
{
  g_return_val_if_fail (TM_IS_FOLLOWUP_CHART_VIEW (self), 0);
  return self->followups->len;
}

/* Where the last drawing put things, for tests. */
const TmFollowupChartLayout *
tm_followup_chart_view_get_layout (TmFollowupChartView *self)
{
  g_return_val_if_fail (TM_IS_FOLLOWUP_CHART_VIEW (self), NULL);
  return &self->layout;
}
