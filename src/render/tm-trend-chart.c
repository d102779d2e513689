/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trend chart (DESIGN.md, Charts): daily mood against the plan's
 * periods, the planned and the taken sessions, and the safety prompts.
 *
 * From top to bottom: the legend; the sessions lane (planned days hollow,
 * taken sessions filled, with their dose when there is room); the plot,
 * 0–10, with a rule down from every planned (dashed) and taken (solid)
 * session; the safety marks; a lane for each regular medicine, a band
 * while it was taken, divided where its dose changed; the dates. When a pixel column holds more than
 * one day, each series is drawn through the column's mean, and mood's
 * column minimum to maximum is shaded, so the cost follows the pixels. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-raster.h"
#include "tm-safety.h"

#define MAX_LEGEND_ITEMS 12
#define MIN_RULE_COLUMN  1.5   /* narrower days get no rules, only markers */
#define MIN_DOT_COLUMN   7.0   /* wider days get a dot on each mood */
#define NARROW_COLUMN    4.0   /* narrower days: the 7-day mean leads */
#define RASTER_COLUMN    4.0   /* narrower days on a pixel target: drawn a column at a time */
#define MEDICINE_GAP     2.0   /* between one medicine's lane and the next */
#define DATE_TICK        4.0   /* the date axis's ticks, over its labels */
#define MIN_PLOT_SHARE   0.5   /* medicine lanes leave the plot at least this much of the height */

typedef double (*ValueFunc) (const TmChartDay *day);

/* When the days are too narrow for the daily line to read, the 7-day mean
 * leads: it goes over a fainter mood line, stronger than the palette's.
 * The series and the legend both take their colours from here. */
#define NARROW_MOOD_ALPHA    0.55
#define NARROW_ROLLING_ALPHA 2.0

typedef struct
{
  TmRgba mood;
  TmRgba rolling;
} SeriesColors;

static gboolean
mean_leads (TmSeries series,
            double   column_width)
{
  return (series & TM_SERIES_ROLLING) != 0 && column_width < NARROW_COLUMN;
}

static void
series_colors (const TmChartStyle *style,
               TmSeries            series,
               double              column_width,
               SeriesColors       *colors)
{
  colors->mood = style->mood;
  colors->rolling = style->rolling;
  if (mean_leads (series, column_width))
    {
      colors->mood.alpha *= NARROW_MOOD_ALPHA;
      colors->rolling.alpha = MIN (1.0, colors->rolling.alpha * NARROW_ROLLING_ALPHA);
    }
}

static double
mood_of (const TmChartDay *day)
{
  return day->mood >= 0 ? day->mood : NAN;
}

static double
anxiety_of (const TmChartDay *day)
{
  return day->anxiety >= 0 ? day->anxiety : NAN;
}

static double
energy_of (const TmChartDay *day)
{
  return day->energy >= 0 ? day->energy : NAN;
}

static double
rolling_of (const TmChartDay *day)
{
  return day->rolling;
}

static gboolean
has_planned_status (const TmChartData *data,
                    TmPlannedStatus    status)
{
  for (guint i = 0; i < data->planned->len; i++)
    if (g_array_index (data->planned, TmChartPlanned, i).status == status)
      return TRUE;
  return FALSE;
}

static gboolean
has_extra_session (const TmChartData *data)
{
  for (guint i = 0; i < data->sessions->len; i++)
    if (g_array_index (data->sessions, TmChartSession, i).status < 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_event_level (const TmChartData *data,
                 TmLevel            level)
{
  for (guint i = 0; i < data->events->len; i++)
    if (g_array_index (data->events, TmChartEvent, i).level == level)
      return TRUE;
  return FALSE;
}

/* The legend names only what this range shows. */
static guint
legend_items (const TmChartData  *data,
              const TmChartStyle *style,
              TmSeries            series,
              const SeriesColors *colors,
              TmLegendItem       *items)
{
  guint n = 0;

  items[n++] = (TmLegendItem) { TM_MARK_LINE, &colors->mood, _("Mood") };
  if (series & TM_SERIES_ROLLING)
    items[n++] = (TmLegendItem) { TM_MARK_THICK_LINE, &colors->rolling, _("7-day mean") };
  if (series & TM_SERIES_ANXIETY)
    items[n++] = (TmLegendItem) { TM_MARK_DASHED_LINE, &style->anxiety, _("Anxiety") };
  if (series & TM_SERIES_ENERGY)
    items[n++] = (TmLegendItem) { TM_MARK_DOTTED_LINE, &style->energy, _("Energy") };
  if (data->planned->len > 0 || data->plan_periods->len > 0)
    items[n++] = (TmLegendItem) { TM_MARK_PLANNED, &style->planned, _("Planned") };
  if (data->sessions->len > 0)
    items[n++] = (TmLegendItem) { TM_MARK_TAKEN, &style->planned, _("Taken") };
  if (has_planned_status (data, TM_PLANNED_LATE))
    items[n++] = (TmLegendItem) { TM_MARK_LATE, &style->flag, _("Late") };
  if (has_planned_status (data, TM_PLANNED_MISSED))
    items[n++] = (TmLegendItem) { TM_MARK_MISSED, &style->flag, _("Missed") };
  if (has_extra_session (data))
    items[n++] = (TmLegendItem) { TM_MARK_EXTRA, &style->flag, _("Beyond the plan") };
  if (has_event_level (data, TM_LEVEL_INFO) || has_event_level (data, TM_LEVEL_CAUTION))
    items[n++] = (TmLegendItem) { TM_MARK_CAUTION, &style->caution, _("Safety prompt") };
  if (has_event_level (data, TM_LEVEL_URGENT))
    items[n++] = (TmLegendItem) { TM_MARK_URGENT, &style->urgent, _("Urgent safety prompt") };

  g_assert (n <= MAX_LEGEND_ITEMS);
  return n;
}

static double
marker_size (const TmChartStyle *style)
{
  return style->font_size * 0.8;
}

/* The medicines' lanes go between the safety marks and the dates, as many
 * as leave the plot half the height; without medicines, nothing moves. */
static void
place_medicine_lanes (const TmChartData *data,
                      TmChartLayout     *layout,
                      double             small)
{
  double space = (layout->events_y - layout->y) * (1.0 - MIN_PLOT_SHARE);

  layout->medicine_lane_height = round (small + 3);
  layout->medicine_lane_step = layout->medicine_lane_height + MEDICINE_GAP;
  layout->n_medicine_lanes = MIN (data->n_medicine_lanes, (int) floor (space / layout->medicine_lane_step));
  layout->n_medicine_lanes = MAX (0, layout->n_medicine_lanes);
  if (layout->n_medicine_lanes == 0)
    {
      layout->medicines_y = layout->axis_y;
      return;
    }

  layout->medicines_y = round (layout->axis_y - DATE_TICK -
                               layout->n_medicine_lanes * layout->medicine_lane_step);
  layout->events_y = layout->medicines_y - (layout->axis_y - layout->events_y);
}

/* Whether the doses go over their markers: the two sessions closest
 * together leave room for a dose. The lane and the caption both ask. */
static gboolean
doses_fit (TmPainter           *painter,
           const TmChartData   *data,
           const TmChartLayout *layout)
{
  g_autofree char *sample = NULL;
  double min_gap = G_MAXDOUBLE;
  double dose_width;

  if (data->sessions->len == 0)
    return FALSE;
  for (guint i = 1; i < data->sessions->len; i++)
    {
      const TmChartSession *a = &g_array_index (data->sessions, TmChartSession, i - 1);
      const TmChartSession *b = &g_array_index (data->sessions, TmChartSession, i);

      min_gap = MIN (min_gap, ABS (b->day_index - a->day_index) * layout->column_width);
    }
  /* Translators: a dose over a session on the trend chart: "100 mg" */
  sample = g_strdup_printf (_("%s mg"), "100");
  tm_painter_measure (painter, TM_TEXT_SMALL, sample, &dose_width, NULL);
  return min_gap >= dose_width + painter->style->font_size * 0.5;
}

/**
 * tm_trend_chart_layout:
 * @width: the chart's width, in the units of the cairo_t it will be drawn on
 * @height: its height
 *
 * Works out where everything goes. The same layout is given to
 * tm_trend_chart_draw() and tm_trend_chart_hit().
 */
void
tm_trend_chart_layout (const TmChartData  *data,
                       const TmChartStyle *style,
                       TmSeries            series,
                       double              width,
                       double              height,
                       TmChartLayout      *layout)
{
  TmLegendItem items[MAX_LEGEND_ITEMS];
  SeriesColors colors;
  TmPainter painter;
  double fs = style->font_size;
  double small, left, right, legend_height;
  guint n_items;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);
  left = tm_chart_axis_title_width (&painter) + tm_chart_value_label_width (&painter) + fs;
  right = fs * 0.75;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->x = left;
  layout->w = MAX (1.0, width - left - right);

  series_colors (style, series, layout->w / MAX (1, data->n_days), &colors);
  n_items = legend_items (data, style, series, &colors, items);
  layout->legend_y = 0;
  layout->legend_rows = tm_chart_legend_rows (&painter, items, n_items, layout->w);
  legend_height = layout->legend_rows * small * 1.25;

  /* The lane: a dose label over a marker. */
  layout->lane_y = legend_height + fs * 0.6 + small + marker_size (style) / 2 + 2;
  layout->y = layout->lane_y + marker_size (style) / 2 + fs * 0.5;

  layout->axis_y = height - small - 2;
  layout->events_y = layout->axis_y - fs * 0.9;
  place_medicine_lanes (data, layout, small);
  layout->h = MAX (1.0, layout->events_y - fs * 0.8 - layout->y);
  layout->y_min = 0;
  layout->y_max = 10;

  layout->n_columns = data->n_days;
  layout->column_width = layout->w / MAX (1, data->n_days);
  /* Decided once, here: the lane and the caption both read it. */
  layout->doses_fit = doses_fit (&painter, data, layout);

  tm_painter_clear (&painter);
}

/* Plan periods */

static void
draw_plan_periods (TmPainter           *painter,
                   const TmChartData   *data,
                   const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;

  /* Bands on whole units, so that a screen fills them without blending
   * their edges; alternate periods in alternate tints, one fill each. */
  for (guint parity = 0; parity < 2; parity++)
    {
      for (guint i = parity; i < data->plan_periods->len; i += 2)
        {
          const TmChartPlanPeriod *period = &g_array_index (data->plan_periods, TmChartPlanPeriod, i);
          double x0 = round (layout->x + period->first_index * layout->column_width);
          double x1 = round (layout->x + (period->last_index + 1) * layout->column_width);

          cairo_rectangle (cr, x0, layout->y, x1 - x0, layout->h);
        }
      tm_chart_set_color (cr, &style->band[parity], 1.0);
      cairo_fill (cr);
    }

  for (guint i = 0; i < data->plan_periods->len; i++)
    {
      const TmChartPlanPeriod *period = &g_array_index (data->plan_periods, TmChartPlanPeriod, i);
      double x0 = round (layout->x + period->first_index * layout->column_width);
      double x1 = round (layout->x + (period->last_index + 1) * layout->column_width);
      g_autofree char *label = tm_plan_describe_interval (period->interval_days);
      double label_width;

      tm_painter_measure (painter, TM_TEXT_SMALL, label, &label_width, NULL);
      if (label_width + style->font_size <= x1 - x0)
        tm_painter_text (painter, TM_TEXT_SMALL, label, x0 + style->font_size * 0.4,
                         layout->y + 2, 0, &style->dim_text);
    }

  /* Where one plan replaces another, a line says so. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < data->plan_periods->len; i++)
    {
      const TmChartPlanPeriod *period = &g_array_index (data->plan_periods, TmChartPlanPeriod, i);
      double x = round (layout->x + period->first_index * layout->column_width) + 0.5;

      if (period->first_index == 0)
        continue;
      cairo_move_to (cr, x, layout->y - marker_size (style));
      cairo_line_to (cr, x, layout->y + layout->h);
    }
  tm_chart_set_color (cr, &style->planned, 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Rules */

static gboolean
session_on_day (const TmChartData *data,
                int                day_index)
{
  for (guint i = 0; i < data->sessions->len; i++)
    if (g_array_index (data->sessions, TmChartSession, i).day_index == day_index)
      return TRUE;
  return FALSE;
}

/* Whether the planned and taken days get rules across the plot. */
static gboolean
rules_fit (const TmChartLayout *layout)
{
  return layout->column_width >= MIN_RULE_COLUMN;
}

static void
draw_rules (TmPainter           *painter,
            const TmChartData   *data,
            const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double top = layout->lane_y, bottom = layout->y + layout->h;

  if (!rules_fit (layout))
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  /* Planned days: dashed, unless a session was taken on the day. */
  tm_chart_set_dash (cr, TM_MARK_DASHED_RULE, 1.0);
  for (guint i = 0; i < data->planned->len; i++)
    {
      const TmChartPlanned *p = &g_array_index (data->planned, TmChartPlanned, i);
      double x = round (tm_chart_layout_column_x (layout, p->day_index)) + 0.5;

      if (session_on_day (data, p->day_index))
        continue;
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
    }
  tm_chart_set_color (cr, &style->planned, 0.75);
  cairo_stroke (cr);

  /* Taken sessions: solid. */
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < data->sessions->len; i++)
    {
      const TmChartSession *s = &g_array_index (data->sessions, TmChartSession, i);
      double x = round (tm_chart_layout_column_x (layout, s->day_index)) + 0.5;

      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
    }
  tm_chart_set_color (cr, &style->planned, 0.55);
  cairo_stroke (cr);

  cairo_restore (cr);
}

static void
draw_today (TmPainter           *painter,
            const TmChartData   *data,
            const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double x;

  if (data->today_index < 0 || data->today_index >= data->n_days)
    return;

  x = round (tm_chart_layout_column_x (layout, data->today_index)) + 0.5;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  tm_chart_set_color (cr, &style->today, 1.0);
  cairo_move_to (cr, x, layout->y);
  cairo_line_to (cr, x, layout->y + layout->h);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The label inside the plot, on whichever side has room. */
  {
    double width;
    const char *label = _("Today");

    tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
    if (x + 3 + width <= layout->x + layout->w)
      tm_painter_text (painter, TM_TEXT_SMALL, label, x + 3, layout->y + layout->h - tm_painter_line_height (painter, TM_TEXT_SMALL) - 2, 0, &style->dim_text);
    else
      tm_painter_text (painter, TM_TEXT_SMALL, label, x - 3, layout->y + layout->h - tm_painter_line_height (painter, TM_TEXT_SMALL) - 2, 1.0, &style->dim_text);
  }
}

/* Series */

typedef struct
{
  double min, max, sum;
  int    n;
} Column;

/* One value per column of @day_width-wide days starting @origin from the
 * first column: the mean of the days in it, their minimum and maximum. */
static Column *
aggregate (const TmChartData *data,
           ValueFunc          value_of,
           double             origin,
           double             day_width,
           int                n_columns)
{
  Column *columns = g_new (Column, MAX (1, n_columns));

  for (int c = 0; c < n_columns; c++)
    columns[c] = (Column) { G_MAXDOUBLE, -G_MAXDOUBLE, 0, 0 };

  for (int i = 0; i < data->n_days; i++)
    {
      double v = value_of (&g_array_index (data->days, TmChartDay, i));
      int c = (int) floor (origin + (i + 0.5) * day_width);

      if (isnan (v))
        continue;
      c = CLAMP (c, 0, n_columns - 1);
      columns[c].min = MIN (columns[c].min, v);
      columns[c].max = MAX (columns[c].max, v);
      columns[c].sum += v;
      columns[c].n++;
    }
  return columns;
}

static double
column_mean (const Column *column)
{
  return column->n > 0 ? column->sum / column->n : NAN;
}

/* Days narrower than a unit are gathered into columns a unit wide, from
 * the plot's left edge rounded down: on a screen, whole pixel columns. */
static double
dense_left (const TmChartLayout *layout)
{
  return floor (layout->x);
}

static int
dense_columns (const TmChartLayout *layout)
{
  return (int) ceil (layout->x + layout->w - dense_left (layout));
}

#define SPREAD_ALPHA 0.3

/* Whether a column's lowest to highest is shaded. */
static gboolean
spread (const Column *column)
{
  return column->n > 1 && column->max > column->min;
}

/* Each column's lowest to highest, as one thin stroke per column. */
static void
stroke_spread (cairo_t             *cr,
               const TmChartLayout *layout,
               const Column        *columns,
               int                  n,
               const TmRgba        *color)
{
  for (int c = 0; c < n; c++)
    if (spread (&columns[c]))
      {
        double x = dense_left (layout) + c + 0.5;

        cairo_move_to (cr, x, tm_chart_layout_value_y (layout, columns[c].max));
        cairo_line_to (cr, x, tm_chart_layout_value_y (layout, columns[c].min));
      }
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  tm_chart_set_color (cr, color, SPREAD_ALPHA);
  cairo_stroke (cr);
}

typedef struct
{
  double x, y;
} Point;

/* The points the line goes through (per column when @columns, else per
 * day), with a point of NANs where it breaks; @lone gets the points that
 * stand alone. */
static GArray *
trace_points (const TmChartData   *data,
              const TmChartLayout *layout,
              ValueFunc            value_of,
              const Column        *columns,
              int                  n,
              GArray              *lone)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (Point));
  static const Point gap = { NAN, NAN };
  int run = 0;

  for (int i = 0; i <= n; i++)
    {
      double v = NAN;
      Point point;

      if (i < n)
        v = columns != NULL ? column_mean (&columns[i]) : value_of (&g_array_index (data->days, TmChartDay, i));

      if (isnan (v))
        {
          if (run == 1)
            g_array_append_val (lone, g_array_index (points, Point, points->len - 1));
          if (run > 0)
            g_array_append_val (points, gap);
          run = 0;
          continue;
        }

      point.x = columns != NULL ? dense_left (layout) + i + 0.5 : tm_chart_layout_column_x (layout, i);
      point.y = tm_chart_layout_value_y (layout, v);
      g_array_append_val (points, point);
      run++;
    }
  return points;
}

/* Every day's value as a point. */
static void
every_point (const TmChartData   *data,
             const TmChartLayout *layout,
             ValueFunc            value_of,
             GArray              *points)
{
  for (int i = 0; i < data->n_days; i++)
    {
      double v = value_of (&g_array_index (data->days, TmChartDay, i));
      Point point = { tm_chart_layout_column_x (layout, i), tm_chart_layout_value_y (layout, v) };

      if (!isnan (v))
        g_array_append_val (points, point);
    }
}

/* The line and the dots as vectors, for the PDF and for wide days. */
static void
stroke_series (cairo_t      *cr,
               GArray       *points,
               GArray       *dots,
               const TmRgba *color,
               double        line_width,
               double        radius,
               TmMark        mark)
{
  gboolean start = TRUE;

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);

      if (isnan (p->x))
        start = TRUE;
      else if (start)
        cairo_move_to (cr, p->x, p->y), start = FALSE;
      else
        cairo_line_to (cr, p->x, p->y);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, line_width);
  tm_chart_set_dash (cr, mark, line_width);
  tm_chart_set_color (cr, color, 1.0);
  cairo_stroke (cr);

  for (guint i = 0; i < dots->len; i++)
    {
      const Point *p = &g_array_index (dots, Point, i);

      cairo_new_sub_path (cr);
      cairo_arc (cr, p->x, p->y, radius, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

static double
series_line_width (const TmChartStyle  *style,
                   const TmChartLayout *layout,
                   TmMark               mark)
{
  /* Narrow days get a finer line, so that the mean over it reads. */
  if (mark == TM_MARK_THICK_LINE)
    return style->line_width * 2.5;
  if (layout->column_width < NARROW_COLUMN)
    return MAX (1.0, style->line_width * 0.5);
  return style->line_width;
}

/* A line through the values that breaks where there are none; a point on
 * its own gets a dot so that it shows. When days are narrower than a
 * unit, the line goes through each column's mean, and with @shade_spread
 * the column's lowest to highest is shaded. With @raster (narrow days on
 * a pixel target), it is drawn a device column at a time
 * (tm-chart-raster.c): the same points, line width, joins and dashes as
 * the stroke, so that the screen shows what the PDF prints, at a cost
 * that follows the pixels rather than the days. */
static void
draw_series (TmPainter           *painter,
             TmRaster            *raster,
             const TmChartData   *data,
             const TmChartLayout *layout,
             ValueFunc            value_of,
             const TmRgba        *color,
             TmMark               mark,
             gboolean             shade_spread)
{
  cairo_t *cr = painter->cr;
  double line_width = series_line_width (painter->style, layout, mark);
  double radius = MAX (line_width * 1.2, 1.5);
  gboolean dense = layout->column_width < 1.0;
  int n = dense ? dense_columns (layout) : data->n_days;
  g_autofree Column *columns = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (Point));
  double clip_x, clip_y;

  /* Kept to the plot and as much of the line as overhangs it, on whole
   * units: a clip on pixel edges costs a screen nothing. */
  cairo_save (cr);
  clip_x = floor (layout->x - line_width), clip_y = floor (layout->y - line_width);
  cairo_rectangle (cr, clip_x, clip_y, ceil (layout->x + layout->w + line_width) - clip_x,
                   ceil (layout->y + layout->h + line_width) - clip_y);
  cairo_clip (cr);

  if (dense)
    columns = aggregate (data, value_of, layout->x - dense_left (layout), layout->column_width, n);

  /* Dots: on every mood when days are wide, else on lone points. */
  points = trace_points (data, layout, value_of, columns, n, dots);
  if (mark == TM_MARK_LINE && layout->column_width >= MIN_DOT_COLUMN)
    {
      g_array_set_size (dots, 0);
      every_point (data, layout, value_of, dots);
    }

  if (raster != NULL)
    {
      if (dense && shade_spread)
        {
          for (int c = 0; c < n; c++)
            if (spread (&columns[c]))
              tm_raster_fill_box (raster, dense_left (layout) + c, tm_chart_layout_value_y (layout, columns[c].max),
                                  dense_left (layout) + c + 1, tm_chart_layout_value_y (layout, columns[c].min));
          tm_raster_paint (raster, cr, color, SPREAD_ALPHA);
          tm_raster_reset (raster);
        }
      tm_raster_stroke (raster, (const double *) (gpointer) points->data, points->len, line_width, mark);
      tm_raster_fill_dots (raster, (const double *) (gpointer) dots->data, dots->len, radius);
      tm_raster_paint (raster, cr, color, 1.0);
      tm_raster_reset (raster);
    }
  else
    {
      if (dense && shade_spread)
        stroke_spread (cr, layout, columns, n, color);
      stroke_series (cr, points, dots, color, line_width, radius, mark);
    }

  cairo_restore (cr);
}

/* The sessions lane */

static const TmChartPlanned *
planned_of_session (const TmChartData    *data,
                    const TmChartSession *session)
{
  const TmChartPlanned *best = NULL;

  /* A late session matched the nearest late planned day before it. */
  for (guint i = 0; i < data->planned->len; i++)
    {
      const TmChartPlanned *p = &g_array_index (data->planned, TmChartPlanned, i);

      if (p->status == TM_PLANNED_LATE && p->day_index < session->day_index)
        best = p;
    }
  return best;
}

static void
draw_lane (TmPainter           *painter,
           const TmChartData   *data,
           const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double size = marker_size (style);
  double line_width = MAX (1.0, style->line_width * 0.75);
  double y = layout->lane_y;
  double last_label_end = -G_MAXDOUBLE;
  g_autoptr(GArray) marks = NULL;
  int closest = G_MAXINT;

  /* Markers shrink when planned days crowd each other. */
  for (guint i = 1; i < data->planned->len; i++)
    closest = MIN (closest, g_array_index (data->planned, TmChartPlanned, i).day_index -
                            g_array_index (data->planned, TmChartPlanned, i - 1).day_index);
  if (closest < G_MAXINT)
    size = CLAMP (closest * layout->column_width * 0.8, 3.0, size);
  line_width = MIN (line_width, size / 4);

  /* Late sessions are joined to the day they were planned for. */
  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  for (guint i = 0; i < data->sessions->len; i++)
    {
      const TmChartSession *s = &g_array_index (data->sessions, TmChartSession, i);
      const TmChartPlanned *p;

      if (s->status != TM_PLANNED_LATE || (p = planned_of_session (data, s)) == NULL)
        continue;
      cairo_move_to (cr, tm_chart_layout_column_x (layout, p->day_index), y);
      cairo_line_to (cr, tm_chart_layout_column_x (layout, s->day_index), y);
    }
  tm_chart_set_color (cr, &style->flag, 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);

  marks = g_array_new (FALSE, FALSE, sizeof (TmPlacedMark));
  for (guint i = 0; i < data->planned->len; i++)
    {
      const TmChartPlanned *p = &g_array_index (data->planned, TmChartPlanned, i);
      TmPlacedMark mark = { TM_MARK_PLANNED, &style->planned, tm_chart_layout_column_x (layout, p->day_index), y };

      if (p->status == TM_PLANNED_MISSED)
        mark.mark = TM_MARK_MISSED, mark.color = &style->flag;
      else if (p->status == TM_PLANNED_ON_TIME && session_on_day (data, p->day_index))
        continue;
      g_array_append_val (marks, mark);
    }

  for (guint i = 0; i < data->sessions->len; i++)
    {
      const TmChartSession *s = &g_array_index (data->sessions, TmChartSession, i);
      TmPlacedMark mark = { TM_MARK_TAKEN, &style->planned, tm_chart_layout_column_x (layout, s->day_index), y };

      if (s->status < 0)
        mark.mark = TM_MARK_EXTRA, mark.color = &style->flag;
      else if (s->status == TM_PLANNED_LATE)
        mark.color = &style->flag;
      g_array_append_val (marks, mark);
    }
  tm_chart_draw_marks (cr, (const TmPlacedMark *) (gpointer) marks->data, marks->len, size, line_width);

  /* Doses over the markers, when they do not run into each other. */
  if (!layout->doses_fit)
    return;

  for (guint i = 0; i < data->sessions->len; i++)
    {
      const TmChartSession *s = &g_array_index (data->sessions, TmChartSession, i);
      g_autofree char *dose = tm_format_dose (s->dose_mg);
      /* Translators: a dose over a session on the trend chart: "100 mg" */
      g_autofree char *label = g_strdup_printf (_("%s mg"), dose);
      double x = tm_chart_layout_column_x (layout, s->day_index);
      double width;

      tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
      if (x - width / 2 < last_label_end + 2 || x + width / 2 > layout->width)
        continue;
      tm_painter_text (painter, TM_TEXT_SMALL, label, x, y - size / 2 - 2 -
                       tm_painter_line_height (painter, TM_TEXT_SMALL), 0.5, &style->text);
      last_label_end = x + width / 2;
    }
}

static void
draw_events (TmPainter           *painter,
             const TmChartData   *data,
             const TmChartLayout *layout)
{
  const TmChartStyle *style = painter->style;
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (TmPlacedMark));

  for (guint i = 0; i < data->events->len; i++)
    {
      const TmChartEvent *e = &g_array_index (data->events, TmChartEvent, i);
      TmPlacedMark mark = { TM_MARK_CAUTION, &style->caution,
                            tm_chart_layout_column_x (layout, e->day_index), layout->events_y };

      if (e->level == TM_LEVEL_URGENT)
        mark.mark = TM_MARK_URGENT, mark.color = &style->urgent;
      g_array_append_val (marks, mark);
    }
  tm_chart_draw_marks (painter->cr, (const TmPlacedMark *) (gpointer) marks->data, marks->len,
                       marker_size (style) * 1.1, 1.2);
}

/* Regular medicines */

/* A band: rounded where the medicine starts or stops, square where it
 * goes on beyond the range or at another dose. */
static void
band_path (cairo_t *cr,
           double   x0,
           double   x1,
           double   y,
           double   h,
           gboolean round_left,
           gboolean round_right)
{
  double r = MIN (3.0, MIN (h, x1 - x0) / 2);

  cairo_new_sub_path (cr);
  if (round_left)
    {
      cairo_arc (cr, x0 + r, y + h - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, x0 + r, y + r, r, G_PI, 3 * G_PI / 2);
    }
  else
    {
      cairo_move_to (cr, x0, y + h);
      cairo_line_to (cr, x0, y);
    }
  if (round_right)
    {
      cairo_arc (cr, x1 - r, y + r, r, 3 * G_PI / 2, 2 * G_PI);
      cairo_arc (cr, x1 - r, y + h - r, r, 0, G_PI / 2);
    }
  else
    {
      cairo_line_to (cr, x1, y);
      cairo_line_to (cr, x1, y + h);
    }
  cairo_close_path (cr);
}

static void
medicine_band_x (const TmChartLayout   *layout,
                 const TmChartMedicine *m,
                 double                *x0,
                 double                *x1)
{
  *x0 = round (layout->x + m->first_index * layout->column_width);
  *x1 = MAX (*x0 + 1, round (layout->x + (m->last_index + 1) * layout->column_width));
}

/* Whether the stretch after @i goes on from it at another dose. */
static gboolean
continues_changed (const TmChartData *data,
                   guint              i)
{
  const TmChartMedicine *m = &g_array_index (data->medicines, TmChartMedicine, i), *next;

  if (i + 1 >= data->medicines->len)
    return FALSE;
  next = &g_array_index (data->medicines, TmChartMedicine, i + 1);
  return next->lane == m->lane && next->changed && next->first_index == m->last_index + 1;
}

/* The name at the start of a lane's first band that holds it, else the
 * dose where it changed; left out where it does not fit. */
static void
label_medicine (TmPainter           *painter,
                const TmChartLayout *layout,
                const TmChartMedicine *m,
                gboolean            *named)
{
  const TmChartStyle *style = painter->style;
  double pad = style->font_size * 0.35, x0, x1, width;
  double y = layout->medicines_y + m->lane * layout->medicine_lane_step +
             (layout->medicine_lane_height - tm_painter_line_height (painter, TM_TEXT_SMALL)) / 2;
  g_autofree char *full = m->dose != NULL ? g_strdup_printf ("%s %s", m->name, m->dose) : g_strdup (m->name);
  const char *tries[3] = { full, NULL, NULL };

  if (!*named)
    tries[1] = m->name;
  else if (m->changed)
    tries[0] = m->dose, tries[1] = NULL;
  else
    tries[0] = full;

  medicine_band_x (layout, m, &x0, &x1);
  for (guint t = 0; t < G_N_ELEMENTS (tries) && tries[t] != NULL; t++)
    {
      tm_painter_measure (painter, TM_TEXT_SMALL, tries[t], &width, NULL);
      if (width + 2 * pad > x1 - x0)
        continue;
      tm_painter_text (painter, TM_TEXT_SMALL, tries[t], x0 + pad, y, 0, &style->text);
      *named = TRUE;
      return;
    }
}

static void
draw_medicines (TmPainter           *painter,
                const TmChartData   *data,
                const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double h = layout->medicine_lane_height;
  g_autofree gboolean *named = g_new0 (gboolean, MAX (1, layout->n_medicine_lanes));

  if (layout->n_medicine_lanes == 0)
    return;

  cairo_save (cr);
  for (guint i = 0; i < data->medicines->len; i++)
    {
      const TmChartMedicine *m = &g_array_index (data->medicines, TmChartMedicine, i);
      double x0, x1;

      if (m->lane >= layout->n_medicine_lanes)
        continue;
      medicine_band_x (layout, m, &x0, &x1);
      band_path (cr, x0, x1, layout->medicines_y + m->lane * layout->medicine_lane_step, h,
                 !m->from_before && !m->changed, !m->open && !continues_changed (data, i));
    }
  tm_chart_set_color (cr, &style->medicine, 1.0);
  cairo_fill (cr);

  /* Where the dose changed, a divider a little taller than the band. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < data->medicines->len; i++)
    {
      const TmChartMedicine *m = &g_array_index (data->medicines, TmChartMedicine, i);
      double x0, x1, y = layout->medicines_y + m->lane * layout->medicine_lane_step;

      if (m->lane >= layout->n_medicine_lanes || !m->changed)
        continue;
      medicine_band_x (layout, m, &x0, &x1);
      cairo_move_to (cr, x0 + 0.5, y - 1);
      cairo_line_to (cr, x0 + 0.5, y + h + 1);
    }
  tm_chart_set_color (cr, &style->text, 0.6);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < data->medicines->len; i++)
    {
      const TmChartMedicine *m = &g_array_index (data->medicines, TmChartMedicine, i);

      if (m->lane < layout->n_medicine_lanes)
        label_medicine (painter, layout, m, &named[m->lane]);
    }
}

static void
draw_frame (TmPainter           *painter,
            const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  double y = round (layout->y + layout->h) + 0.5;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_color (cr, &painter->style->axis, 1.0);
  cairo_move_to (cr, layout->x, y);
  cairo_line_to (cr, layout->x + layout->w, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * tm_trend_chart_draw:
 * @layout: from tm_trend_chart_layout() for the same data, style and series
 */
void
tm_trend_chart_draw (cairo_t             *cr,
                     const TmChartData   *data,
                     const TmChartStyle  *style,
                     TmSeries             series,
                     const TmChartLayout *layout)
{
  static const int values[] = { 0, 2, 4, 6, 8, 10 };
  TmLegendItem items[MAX_LEGEND_ITEMS];
  gboolean leads = mean_leads (series, layout->column_width);
  SeriesColors colors;
  TmRaster mask, *raster = NULL;
  TmPainter painter;
  guint n_items;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL && layout != NULL);

  series_colors (style, series, layout->column_width, &colors);
  tm_painter_init (&painter, cr, style);
  cairo_save (cr);

  tm_chart_paint_background (cr, style, layout);
  draw_plan_periods (&painter, data, layout);
  tm_chart_draw_value_axis (&painter, layout, values, G_N_ELEMENTS (values));
  /* Translators: the trend chart's vertical axis */
  tm_chart_draw_axis_title (&painter, layout, _("Mood (0–10)"));
  draw_rules (&painter, data, layout);
  draw_today (&painter, data, layout);

  /* Narrow days on a pixel target: one mask for the series in turn, as
   * wide as the widest line reaches. */
  if (layout->column_width < RASTER_COLUMN)
    {
      double margin = series_line_width (style, layout, TM_MARK_THICK_LINE);

      if (tm_raster_init (&mask, cr, layout->x - margin, layout->y - margin,
                          layout->w + 2 * margin, layout->h + 2 * margin))
        raster = &mask;
    }

  /* The 7-day mean goes under the daily line, or over a fainter one when
   * the days are too narrow for the daily line to read. */
  if ((series & TM_SERIES_ROLLING) && !leads)
    draw_series (&painter, raster, data, layout, rolling_of, &colors.rolling, TM_MARK_THICK_LINE, FALSE);
  if (series & TM_SERIES_ANXIETY)
    draw_series (&painter, raster, data, layout, anxiety_of, &style->anxiety, TM_MARK_DASHED_LINE, FALSE);
  if (series & TM_SERIES_ENERGY)
    draw_series (&painter, raster, data, layout, energy_of, &style->energy, TM_MARK_DOTTED_LINE, FALSE);
  draw_series (&painter, raster, data, layout, mood_of, &colors.mood, TM_MARK_LINE, TRUE);
  if (leads)
    draw_series (&painter, raster, data, layout, rolling_of, &colors.rolling, TM_MARK_THICK_LINE, FALSE);
  if (raster != NULL)
    tm_raster_clear (raster);

  draw_frame (&painter, layout);
  draw_lane (&painter, data, layout);
  draw_events (&painter, data, layout);
  draw_medicines (&painter, data, layout);
  tm_chart_draw_date_axis (&painter, layout, data->from);

  n_items = legend_items (data, style, series, &colors, items);
  tm_chart_legend_draw (&painter, items, n_items, layout->x, layout->legend_y, layout->w);

  if (data->n_checked_in == 0)
    tm_chart_draw_empty (&painter, layout, _("No check-ins in this period"));

  cairo_restore (cr);
  tm_painter_clear (&painter);
}

/**
 * tm_trend_chart_describe:
 * @layout: the chart's layout, from tm_trend_chart_layout()
 *
 * A caption for the chart as it is drawn at @layout's size: it names only
 * what is there (no rules across the plot, or no doses over the sessions,
 * when the days are too narrow for them), and ends with which way is
 * better.
 *
 * Returns: (transfer full): the caption
 */
char *
tm_trend_chart_describe (const TmChartData   *data,
                         const TmChartStyle  *style,
                         TmSeries             series,
                         const TmChartLayout *layout)
{
  GString *caption = g_string_new (NULL);
  gboolean rules, doses;

  g_return_val_if_fail (data != NULL && style != NULL && layout != NULL, NULL);

  rules = rules_fit (layout);
  /* With no session taken there is no dose to leave out. */
  doses = data->sessions->len == 0 || layout->doses_fit;

  if (mean_leads (series, layout->column_width))
    g_string_append (caption, _("Daily mood (0–10), drawn faint under its 7-day mean, which leads at this range."));
  else if (series & TM_SERIES_ROLLING)
    g_string_append (caption, _("Daily mood (0–10) with its 7-day mean."));
  else
    g_string_append (caption, _("Daily mood (0–10)."));

  if (data->plan_periods->len > 0)
    g_string_append_printf (caption, " %s", _("Bands: plan periods."));

  if (data->planned->len > 0 || data->sessions->len > 0)
    {
      const char *marks;

      if (rules && doses)
        marks = _("Hollow circles and dashed rules: planned sessions; filled circles and solid rules: sessions "
                  "taken, with their dose.");
      else if (rules)
        marks = _("Hollow circles and dashed rules: planned sessions; filled circles and solid rules: sessions "
                  "taken, too close together at this range for their doses.");
      else if (doses)
        marks = _("Hollow circles: planned sessions; filled circles: sessions taken, with their dose.");
      else
        marks = _("Hollow circles: planned sessions; filled circles: sessions taken, too close together at this "
                  "range for their doses.");
      g_string_append_printf (caption, " %s", marks);
    }

  if (data->events->len > 0)
    g_string_append_printf (caption, " %s", _("Triangles along the bottom: safety prompts."));
  if (layout->n_medicine_lanes > 0)
    g_string_append_printf (caption, " %s",
                            _("Under them, a band for each regular medicine while it was taken, divided where its "
                              "dose changed."));
  g_string_append_printf (caption, " %s", tm_scale_get_direction (TM_SCALE_MOOD));

  return g_string_free (caption, FALSE);
}

/* Hit tests */

/**
 * tm_trend_chart_hit_day:
 *
 * What is on @day_index: its session and planned day, if any, and the plan
 * in force.
 */
void
tm_trend_chart_hit_day (const TmChartData *data,
                        int                day_index,
                        TmChartHit        *hit)
{
  g_return_if_fail (data != NULL && hit != NULL);

  hit->day_index = CLAMP (day_index, 0, data->n_days - 1);
  hit->session = hit->planned = hit->plan_period = -1;

  for (guint i = 0; i < data->sessions->len && hit->session < 0; i++)
    if (g_array_index (data->sessions, TmChartSession, i).day_index == hit->day_index)
      hit->session = (int) i;
  for (guint i = 0; i < data->planned->len && hit->planned < 0; i++)
    if (g_array_index (data->planned, TmChartPlanned, i).day_index == hit->day_index)
      hit->planned = (int) i;
  for (guint i = 0; i < data->plan_periods->len; i++)
    {
      const TmChartPlanPeriod *p = &g_array_index (data->plan_periods, TmChartPlanPeriod, i);

      if (p->first_index <= hit->day_index && hit->day_index <= p->last_index)
        hit->plan_period = (int) i;
    }
}

/**
 * tm_trend_chart_hit:
 * @x: a point in the chart, in the units of its layout
 *
 * Returns: whether @x, @y is over the plot's days; @hit then says what is
 *   there
 */
gboolean
tm_trend_chart_hit (const TmChartData   *data,
                    const TmChartLayout *layout,
                    double               x,
                    double               y,
                    TmChartHit          *hit)
{
  int column;

  g_return_val_if_fail (data != NULL && layout != NULL && hit != NULL, FALSE);

  if (y < 0 || y > layout->height)
    return FALSE;
  column = tm_chart_layout_column_at (layout, x);
  if (column < 0)
    return FALSE;

  tm_trend_chart_hit_day (data, column, hit);
  return TRUE;
}
