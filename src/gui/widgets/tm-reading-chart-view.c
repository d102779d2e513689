/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One session's blood pressure readings on screen, drawn by the renderer
 * (tm-reading-chart.c) in the window's style, and told to screen readers
 * in the renderer's words. Pointing at a reading shows all of it. */
#define G_LOG_DOMAIN "tm-reading-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tm-chart-picture.h"
#include "tm-chart-view.h"
#include "tm-reading-chart-view.h"
#include "tm-session.h"

struct _TmReadingChartView
{
  GtkWidget      parent_instance;

  GPtrArray     *readings;       /* TmSessionReading, owned */
  TmChartLayout  layout;
  TmChartPicture picture;
};

G_DEFINE_FINAL_TYPE (TmReadingChartView, tm_reading_chart_view, GTK_TYPE_WIDGET)

/* How near a reading the pointer must be, in pixels, to show it. */
#define HIT_DISTANCE 12.0

static void
invalidate (TmReadingChartView *self)
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
  TmReadingChartView *self = (TmReadingChartView *) widget;

  tm_reading_chart_layout (self->readings, style, width, height, &self->layout);
  tm_reading_chart_draw (cr, self->readings, style, &self->layout);
}

/* The reading with a blood pressure nearest @x, or NULL when none is near. */
static const TmSessionReading *
reading_at (TmReadingChartView *self,
            double              x,
            double              y)
{
  const TmSessionReading *nearest = NULL;
  double best = HIT_DISTANCE;

  if (self->picture.node == NULL || self->layout.n_columns <= 0 ||
      y < self->layout.y - HIT_DISTANCE || y > self->layout.y + self->layout.h + HIT_DISTANCE)
    return NULL;

  for (guint i = 0; i < self->readings->len; i++)
    {
      const TmSessionReading *r = self->readings->pdata[i];
      double distance;

      if (!tm_session_reading_has_bp (r))
        continue;
      distance = fabs (tm_reading_chart_minute_x (&self->layout, r->minutes_after) - x);
      if (distance < best)
        {
          best = distance;
          nearest = r;
        }
    }
  return nearest;
}

static gboolean
on_query_tooltip_cb (TmReadingChartView *self,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip,
                     gpointer            user_data)
{
  const TmSessionReading *r = keyboard ? NULL : reading_at (self, x, y);
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;

  if (r == NULL)
    return FALSE;
  when = tm_format_minutes_after (r->minutes_after);
  what = tm_session_reading_describe (r);
  /* Translators: a reading under the pointer on the blood pressure chart: "40 min: 141/88 · pulse 72" */
  text = g_strdup_printf (_("%s: %s"), when, what);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
tm_reading_chart_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  TmReadingChartView *self = TM_READING_CHART_VIEW (widget);

  tm_chart_picture_snapshot (&self->picture, widget, snapshot);
}

static void
tm_reading_chart_view_measure (GtkWidget      *widget,
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
      *minimum = 200;
      *natural = 320;
      return;
    }

  /* About ten lines of its text: taller when the text is larger. */
  tm_chart_style_for_widget (widget, &style);
  *minimum = *natural = (int) ceil (style.font_size * 10.8);
}

static void
tm_reading_chart_view_system_setting_changed (GtkWidget        *widget,
                                              GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (tm_reading_chart_view_parent_class)->system_setting_changed (widget, setting);
  invalidate (TM_READING_CHART_VIEW (widget));
}

static void
tm_reading_chart_view_dispose (GObject *object)
{
  TmReadingChartView *self = TM_READING_CHART_VIEW (object);

  tm_chart_picture_clear (&self->picture);

  G_OBJECT_CLASS (tm_reading_chart_view_parent_class)->dispose (object);
}

static void
tm_reading_chart_view_finalize (GObject *object)
{
  TmReadingChartView *self = TM_READING_CHART_VIEW (object);

  g_ptr_array_unref (self->readings);

  G_OBJECT_CLASS (tm_reading_chart_view_parent_class)->finalize (object);
}

static void
tm_reading_chart_view_class_init (TmReadingChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_reading_chart_view_dispose;
  object_class->finalize = tm_reading_chart_view_finalize;
  widget_class->snapshot = tm_reading_chart_view_snapshot;
  widget_class->measure = tm_reading_chart_view_measure;
  widget_class->system_setting_changed = tm_reading_chart_view_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tm_reading_chart_view_init (TmReadingChartView *self)
{
  self->readings = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  tm_chart_picture_init (&self->picture, GTK_WIDGET (self), draw_chart);
  tm_reading_chart_view_set_readings (self, NULL);
}

GtkWidget *
tm_reading_chart_view_new (void)
{
  return g_object_new (TM_TYPE_READING_CHART_VIEW, NULL);
}

/**
 * tm_reading_chart_view_set_readings:
 * @readings: (element-type TmSessionReading) (nullable): one session's
 *   readings, in any order; the view keeps references to them
 */
void
tm_reading_chart_view_set_readings (TmReadingChartView *self,
                                    GPtrArray          *readings)
{
  g_autofree char *description = NULL;

  g_return_if_fail (TM_IS_READING_CHART_VIEW (self));

  g_ptr_array_set_size (self->readings, 0);
  for (guint i = 0; readings != NULL && i < readings->len; i++)
    g_ptr_array_add (self->readings, g_object_ref (readings->pdata[i]));

  description = tm_reading_chart_describe (self->readings);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Blood pressure through the session"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  invalidate (self);
}

/* How many of its readings have a blood pressure: with none, there is
 * nothing to draw. */
guint
tm_reading_chart_view_get_n_bp (TmReadingChartView *self)
{
  g_return_val_if_fail (TM_IS_READING_CHART_VIEW (self), 0);
  return tm_reading_chart_count_bp (self->readings);
}
