/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The after-dose curve (DESIGN.md, Charts): mean mood ±1 SD on each day
 * since the last session, with how many days it rests on, and the
 * interval of each plan in force over the range as a rule. Days resting on fewer than three check-ins are drawn
 * faint: they say little. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-private.h"

#define MIN_SOLID_N 3

static guint
legend_items (const TmChartData  *data,
              const TmChartStyle *style,
              TmLegendItem       *items)
{
  guint n = 0;

  items[n++] = (TmLegendItem) { TM_MARK_LINE, &style->mood, _("Mean mood") };
  items[n++] = (TmLegendItem) { TM_MARK_SWATCH, &style->spread, _("±1 standard deviation") };
  items[n++] = (TmLegendItem) { TM_MARK_FAINT_DOT, &style->mood, _("Fewer than 3 days") };
  if (data->plan_periods->len > 0)
    items[n++] = (TmLegendItem) { TM_MARK_DASHED_RULE, &style->planned, _("The plan's interval") };
  return n;
}

/* The longest interval of the plans in force over the range. */
static int
longest_interval (const TmChartData *data)
{
  int longest = 0;

  for (guint i = 0; i < data->plan_periods->len; i++)
    longest = MAX (longest, g_array_index (data->plan_periods, TmChartPlanPeriod, i).interval_days);
  return longest;
}

/* Days 0 to the longest seen, and at least to the plan's interval. */
static int
n_columns (const TmChartData *data)
{
  int last = -1;

  if (data->after_dose->len > 0)
    last = g_array_index (data->after_dose, TmAfterDosePoint, data->after_dose->len - 1).k;
  return MAX (MAX (last, longest_interval (data)) + 1, 2);
}

void
tm_after_dose_chart_layout (const TmChartData  *data,
                            const TmChartStyle *style,
                            double              width,
                            double              height,
                            TmChartLayout      *layout)
{
  TmLegendItem items[4];
  TmPainter painter;
  double fs = style->font_size, small;
  guint n_items;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->x = tm_chart_value_label_width (&painter) + fs;
  layout->w = MAX (1.0, width - layout->x - fs * 0.75);

  n_items = legend_items (data, style, items);
  layout->legend_rows = tm_chart_legend_rows (&painter, items, n_items, layout->w);
  layout->y = layout->legend_rows * small * 1.25 + fs * 0.8;

  /* Under the plot: the days, how many check-ins each rests on, a title. */
  layout->axis_y = height - 3 * small - 6;
  layout->h = MAX (1.0, layout->axis_y - 4 - layout->y);
  layout->y_min = 0;
  layout->y_max = 10;
  layout->n_columns = n_columns (data);
  layout->column_width = layout->w / layout->n_columns;

  tm_painter_clear (&painter);
}

static void
draw_spread (cairo_t             *cr,
             const TmChartData   *data,
             const TmChartStyle  *style,
             const TmChartLayout *layout)
{
  GArray *points = data->after_dose;

  /* One band over each run of consecutive days that rest on enough. */
  for (guint start = 0; start < points->len;)
    {
      guint end = start;

      if (g_array_index (points, TmAfterDosePoint, start).n < MIN_SOLID_N)
        {
          start++;
          continue;
        }
      while (end + 1 < points->len &&
             g_array_index (points, TmAfterDosePoint, end + 1).n >= MIN_SOLID_N &&
             g_array_index (points, TmAfterDosePoint, end + 1).k ==
             g_array_index (points, TmAfterDosePoint, end).k + 1)
        end++;

      if (end > start)
        {
          for (guint i = start; i <= end; i++)
            {
              const TmAfterDosePoint *p = &g_array_index (points, TmAfterDosePoint, i);
              double y = tm_chart_layout_value_y (layout, MIN (10.0, p->mean + p->sd));

              if (i == start)
                cairo_move_to (cr, tm_chart_layout_column_x (layout, p->k), y);
              else
                cairo_line_to (cr, tm_chart_layout_column_x (layout, p->k), y);
            }
          for (guint i = end + 1; i-- > start;)
            {
              const TmAfterDosePoint *p = &g_array_index (points, TmAfterDosePoint, i);

              cairo_line_to (cr, tm_chart_layout_column_x (layout, p->k),
                             tm_chart_layout_value_y (layout, MAX (0.0, p->mean - p->sd)));
            }
          cairo_close_path (cr);
        }
      start = end + 1;
    }
  tm_chart_set_color (cr, &style->spread, 1.0);
  cairo_fill (cr);
}

static void
draw_mean (cairo_t             *cr,
           const TmChartData   *data,
           const TmChartStyle  *style,
           const TmChartLayout *layout)
{
  GArray *points = data->after_dose;

  cairo_save (cr);
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Segments between consecutive days; faint where either end is. */
  for (int faint = 0; faint <= 1; faint++)
    {
      for (guint i = 1; i < points->len; i++)
        {
          const TmAfterDosePoint *a = &g_array_index (points, TmAfterDosePoint, i - 1);
          const TmAfterDosePoint *b = &g_array_index (points, TmAfterDosePoint, i);
          gboolean is_faint = a->n < MIN_SOLID_N || b->n < MIN_SOLID_N;

          if (b->k != a->k + 1 || is_faint != faint)
            continue;
          cairo_move_to (cr, tm_chart_layout_column_x (layout, a->k), tm_chart_layout_value_y (layout, a->mean));
          cairo_line_to (cr, tm_chart_layout_column_x (layout, b->k), tm_chart_layout_value_y (layout, b->mean));
        }
      tm_chart_set_color (cr, &style->mood, faint ? 0.35 : 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  for (guint i = 0; i < points->len; i++)
    {
      const TmAfterDosePoint *p = &g_array_index (points, TmAfterDosePoint, i);
      double x = tm_chart_layout_column_x (layout, p->k);
      double y = tm_chart_layout_value_y (layout, p->mean);

      if (p->n < MIN_SOLID_N)
        tm_chart_mark (cr, TM_MARK_FAINT_DOT, x, y, style->font_size * 0.6, &style->mood, 1.2);
      else
        tm_chart_mark (cr, TM_MARK_TAKEN, x, y, style->font_size * 0.5, &style->mood, 1.0);
    }
}

/* A rule at the interval of each plan in force over the range, named at
 * its top. */
static void
draw_intervals (TmPainter           *painter,
                const TmChartData   *data,
                const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;

  for (guint i = 0; i < data->plan_periods->len; i++)
    {
      int interval = g_array_index (data->plan_periods, TmChartPlanPeriod, i).interval_days;
      g_autofree char *label = NULL;
      gboolean seen = FALSE;
      double x, width;

      for (guint j = 0; j < i; j++)
        seen = seen || g_array_index (data->plan_periods, TmChartPlanPeriod, j).interval_days == interval;
      if (seen)
        continue;

      x = round (tm_chart_layout_column_x (layout, interval)) + 0.5;
      cairo_save (cr);
      cairo_set_line_width (cr, 1.5);
      tm_chart_set_dash (cr, TM_MARK_DASHED_RULE, 1.5);
      tm_chart_set_color (cr, &painter->style->planned, 1.0);
      cairo_move_to (cr, x, layout->y);
      cairo_line_to (cr, x, layout->y + layout->h);
      cairo_stroke (cr);
      cairo_restore (cr);

      label = tm_plan_describe_interval (interval);
      tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
      tm_painter_text (painter, TM_TEXT_SMALL, label,
                       x + 4 + width <= layout->x + layout->w ? x + 4 : x - 4, layout->y + 2,
                       x + 4 + width <= layout->x + layout->w ? 0 : 1.0, &painter->style->planned);
    }
}

/* The day numbers, the count under each, and what they are. */
static void
draw_day_axis (TmPainter           *painter,
               const TmChartData   *data,
               const TmChartLayout *layout)
{
  const TmChartStyle *style = painter->style;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double n_y = layout->axis_y + small + 2;
  double widest;
  int step = 1;
  guint next = 0;

  tm_painter_measure (painter, TM_TEXT_SMALL, "000", &widest, NULL);
  while (step * layout->column_width < widest + 4)
    step = step == 1 ? 2 : step == 2 ? 7 : step + 7;

  /* Translators: the row header for how many check-ins each day of the
   * after-dose chart rests on */
  tm_painter_text (painter, TM_TEXT_SMALL, C_("count", "n"), layout->x - style->font_size * 0.5,
                   n_y, 1.0, &style->dim_text);

  for (int k = 0; k < layout->n_columns; k += step)
    {
      char label[16];
      double x = tm_chart_layout_column_x (layout, k);

      g_snprintf (label, sizeof label, "%d", k);
      tm_painter_text (painter, TM_TEXT_SMALL, label, x, layout->axis_y, 0.5, &style->dim_text);

      while (next < data->after_dose->len &&
             g_array_index (data->after_dose, TmAfterDosePoint, next).k < k)
        next++;
      if (next < data->after_dose->len && g_array_index (data->after_dose, TmAfterDosePoint, next).k == k)
        {
          g_snprintf (label, sizeof label, "%d", g_array_index (data->after_dose, TmAfterDosePoint, next).n);
          tm_painter_text (painter, TM_TEXT_SMALL, label, x, n_y, 0.5, &style->dim_text);
        }
    }

  tm_painter_text (painter, TM_TEXT_SMALL, _("Days since the last session"),
                   layout->x + layout->w / 2, n_y + small + 2, 0.5, &style->text);
}

void
tm_after_dose_chart_draw (cairo_t             *cr,
                          const TmChartData   *data,
                          const TmChartStyle  *style,
                          const TmChartLayout *layout)
{
  static const int values[] = { 0, 2, 4, 6, 8, 10 };
  TmLegendItem items[4];
  TmPainter painter;
  guint n_items;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL && layout != NULL);

  tm_painter_init (&painter, cr, style);
  cairo_save (cr);

  tm_chart_paint_background (cr, style, layout);
  tm_chart_draw_value_axis (&painter, layout, values, G_N_ELEMENTS (values));
  draw_intervals (&painter, data, layout);
  draw_spread (cr, data, style, layout);
  draw_mean (cr, data, style, layout);
  draw_day_axis (&painter, data, layout);

  n_items = legend_items (data, style, items);
  tm_chart_legend_draw (&painter, items, n_items, layout->x, 0, layout->w);

  if (data->after_dose->len == 0)
    tm_chart_draw_empty (&painter, layout, _("No check-ins after a session in this period"));

  cairo_restore (cr);
  tm_painter_clear (&painter);
}
