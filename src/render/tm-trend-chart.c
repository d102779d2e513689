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
              TmLegendItem       *items)
{
  guint n = 0;

  items[n++] = (TmLegendItem) { TM_MARK_LINE, &style->mood, _("Mood") };
  if (series & TM_SERIES_ROLLING)
    items[n++] = (TmLegendItem) { TM_MARK_THICK_LINE, &style->rolling, _("7-day mean") };
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
  TmPainter painter;
  double fs = style->font_size;
  double small, left, right, legend_height;
  guint n_items;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);
  left = tm_chart_value_label_width (&painter) + fs;
  right = fs * 0.75;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->x = left;
  layout->w = MAX (1.0, width - left - right);

  n_items = legend_items (data, style, series, items);
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

static void
draw_rules (TmPainter           *painter,
            const TmChartData   *data,
            const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double top = layout->lane_y, bottom = layout->y + layout->h;

  if (layout->column_width < MIN_RULE_COLUMN)
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

/* One value per column of @day_px-wide days starting @origin from the
 * first column: the mean of the days in it, their minimum and maximum.
 * The vector path counts in user units, the raster path in device
 * pixels; both read the days here. */
static Column *
aggregate (const TmChartData *data,
           ValueFunc          value_of,
           double             origin,
           double             day_px,
           int                n_columns)
{
  Column *columns = g_new (Column, MAX (1, n_columns));

  for (int c = 0; c < n_columns; c++)
    columns[c] = (Column) { G_MAXDOUBLE, -G_MAXDOUBLE, 0, 0 };

  for (int i = 0; i < data->n_days; i++)
    {
      double v = value_of (&g_array_index (data->days, TmChartDay, i));
      int c = (int) floor (origin + (i + 0.5) * day_px);

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

#define SPREAD_ALPHA 0.3

/* A span as wide as the line: @column in full, its neighbours in part
 * when the line is wider than a pixel. */
static void
wide_span (TmRaster *raster,
           int       column,
           double    top,
           double    bottom,
           double    half_width)
{
  double side = CLAMP (half_width - 0.5, 0.0, 1.0);

  tm_raster_span (raster, column, top, bottom, 1.0);
  if (side > 0.05)
    {
      tm_raster_span (raster, column - 1, top, bottom, side);
      tm_raster_span (raster, column + 1, top, bottom, side);
    }
}

/* How the raster path draws one series: where its days are in device
 * pixels, how thick its line is, and its dashes along x. */
typedef struct
{
  TmRaster            *raster;
  const TmChartLayout *layout;
  double               day_px;   /* one day, in device pixels */
  double               origin;   /* the first day's left edge, in device pixels */
  double               half;     /* half the line, across */
  double               half_x;   /* half the line, along */
  double               dash_on;  /* dashes along x stand in for the dash pattern */
  double               dash_period;
} RasterPen;

static double
pen_y (const RasterPen *pen,
       double           value)
{
  return (tm_chart_layout_value_y (pen->layout, value) - pen->raster->y) * pen->raster->sy;
}

static gboolean
pen_dash_off (const RasterPen *pen,
              double           column)
{
  return pen->dash_period > 0 && fmod (column, pen->dash_period) >= pen->dash_on;
}

/* More than one day per device column: each column's mean, joined to its
 * neighbours', and its lowest to highest shaded. */
static void
raster_columns (const RasterPen   *pen,
                const TmChartData *data,
                ValueFunc          value_of,
                gboolean           shade_spread)
{
  TmRaster *raster = pen->raster;
  g_autofree Column *columns = aggregate (data, value_of, pen->origin, pen->day_px, raster->width);

  for (int c = 0; c < raster->width; c++)
    {
      double y, low, high;

      if (columns[c].n == 0)
        continue;
      if (shade_spread && columns[c].max > columns[c].min)
        tm_raster_span (raster, c, pen_y (pen, columns[c].max), pen_y (pen, columns[c].min), SPREAD_ALPHA);
      if (pen_dash_off (pen, c))
        continue;

      y = low = high = pen_y (pen, column_mean (&columns[c]));
      for (int side = -1; side <= 1; side += 2)
        if (c + side >= 0 && c + side < raster->width && columns[c + side].n > 0)
          {
            double mid = (y + pen_y (pen, column_mean (&columns[c + side]))) / 2;

            low = MIN (low, mid), high = MAX (high, mid);
          }
      wide_span (raster, c, low - pen->half, high + pen->half,
                 pen->half_x >= 1.0 && high - low > pen->half ? pen->half_x : 0.5);
    }
}

/* One day to the next: the device columns the segment crosses, each as
 * thick as the line across the slope. */
static void
raster_segment (const RasterPen *pen,
                double           x0,
                double           y0,
                double           y1)
{
  double x1 = x0 + pen->day_px;
  double slope = (y1 - y0) / pen->day_px;
  double thick = pen->half * sqrt (1 + slope * slope);

  for (int c = (int) floor (x0); c < (int) ceil (x1); c++)
    {
      double ya = y0 + slope * (MAX ((double) c, x0) - x0);
      double yb = y0 + slope * (MIN (c + 1.0, x1) - x0);

      /* Steep parts are as wide as the line, across. */
      if (!pen_dash_off (pen, c))
        wide_span (pen->raster, c, MIN (ya, yb) - thick, MAX (ya, yb) + thick,
                   fabs (slope) > 1 ? pen->half_x : 0.5);
    }
}

/* A day or more per device column: a segment to the next day, or a dot
 * for a day on its own. */
static void
raster_days (const RasterPen   *pen,
             const TmChartData *data,
             ValueFunc          value_of)
{
  for (int i = 0; i < data->n_days; i++)
    {
      double v = value_of (&g_array_index (data->days, TmChartDay, i));
      double next = i + 1 < data->n_days ? value_of (&g_array_index (data->days, TmChartDay, i + 1)) : NAN;
      double previous = i > 0 ? value_of (&g_array_index (data->days, TmChartDay, i - 1)) : NAN;
      double x0 = pen->origin + (i + 0.5) * pen->day_px, y0 = pen_y (pen, v);

      if (isnan (v))
        continue;
      if (!isnan (next))
        raster_segment (pen, x0, y0, pen_y (pen, next));
      else if (isnan (previous))
        {
          double r = MAX (pen->half * 1.3, 1.5 * pen->raster->sy);

          for (int c = (int) floor (x0 - r); c < (int) ceil (x0 + r); c++)
            tm_raster_span (pen->raster, c, y0 - r, y0 + r, 1.0);
        }
    }
}

/* The series on a pixel target, a device column at a time: each column
 * covers the part of the line that crosses it, as thick as the line. */
static void
raster_series (TmRaster            *raster,
               const TmChartData   *data,
               const TmChartLayout *layout,
               ValueFunc            value_of,
               double               line_width,
               TmMark               mark,
               gboolean             shade_spread)
{
  RasterPen pen = { raster, layout };

  pen.day_px = layout->column_width * raster->sx;
  pen.origin = (layout->x - raster->x) * raster->sx;
  pen.half = line_width * raster->sy / 2;
  pen.half_x = line_width * raster->sx / 2;
  if (mark == TM_MARK_DASHED_LINE)
    pen.dash_on = 3.5 * line_width * raster->sx, pen.dash_period = 5.5 * line_width * raster->sx;
  else if (mark == TM_MARK_DOTTED_LINE)
    pen.dash_on = 1.2 * line_width * raster->sx, pen.dash_period = 3.4 * line_width * raster->sx;

  if (pen.day_px < 1.0)
    raster_columns (&pen, data, value_of, shade_spread);
  else
    raster_days (&pen, data, value_of);
}

/* Each column's lowest to highest, as one thin stroke per column. */
static void
stroke_spread (cairo_t             *cr,
               const TmChartLayout *layout,
               const Column        *columns,
               int                  n,
               const TmRgba        *color,
               double               alpha)
{
  for (int c = 0; c < n; c++)
    if (columns[c].n > 1 && columns[c].max > columns[c].min)
      {
        double x = layout->x + c + 0.5;

        cairo_move_to (cr, x, tm_chart_layout_value_y (layout, columns[c].max));
        cairo_line_to (cr, x, tm_chart_layout_value_y (layout, columns[c].min));
      }
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_color (cr, color, SPREAD_ALPHA * alpha);
  cairo_stroke (cr);
}

/* The path through the values (per column when @columns, else per day),
 * broken where there are none. Returns the points that stand alone. */
static GArray *
trace_line (cairo_t             *cr,
            const TmChartData   *data,
            const TmChartLayout *layout,
            ValueFunc            value_of,
            const Column        *columns,
            int                  n)
{
  GArray *lone = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  double last[2] = { 0, 0 };
  int run = 0;

  for (int i = 0; i <= n; i++)
    {
      double v = NAN, x = 0, y = 0;

      if (i < n)
        {
          v = columns != NULL ? column_mean (&columns[i]) : value_of (&g_array_index (data->days, TmChartDay, i));
          x = columns != NULL ? layout->x + i + 0.5 : tm_chart_layout_column_x (layout, i);
          y = tm_chart_layout_value_y (layout, v);
        }

      if (isnan (v))
        {
          if (run == 1)
            g_array_append_val (lone, last);
          run = 0;
          continue;
        }

      if (run == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      run++;
      last[0] = x, last[1] = y;
    }
  return lone;
}

/* Dots at @points (pairs of x, y). */
static void
fill_dots (cairo_t *cr,
           GArray  *points,
           double   radius)
{
  for (guint i = 0; i < points->len; i++)
    {
      const double *point = &g_array_index (points, double, i * 2);

      cairo_new_sub_path (cr);
      cairo_arc (cr, point[0], point[1], radius, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

/* Every day's value as a point. */
static GArray *
every_point (const TmChartData   *data,
             const TmChartLayout *layout,
             ValueFunc            value_of)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  for (int i = 0; i < data->n_days; i++)
    {
      double v = value_of (&g_array_index (data->days, TmChartDay, i));
      double point[2] = { tm_chart_layout_column_x (layout, i), tm_chart_layout_value_y (layout, v) };

      if (!isnan (v))
        g_array_append_val (points, point);
    }
  return points;
}

/* The series in vectors, for the PDF and for wide days. */
static void
vector_series (cairo_t             *cr,
               const TmChartData   *data,
               const TmChartLayout *layout,
               ValueFunc            value_of,
               const TmRgba        *color,
               double               alpha,
               double               line_width,
               TmMark               mark,
               gboolean             shade_spread)
{
  gboolean dense = layout->column_width < 1.0;
  int n = dense ? (int) ceil (layout->w) : data->n_days;
  g_autofree Column *columns = dense ? aggregate (data, value_of, 0, layout->column_width, n) : NULL;
  g_autoptr(GArray) lone = NULL;

  cairo_save (cr);
  cairo_rectangle (cr, layout->x - line_width, layout->y - line_width,
                   layout->w + 2 * line_width, layout->h + 2 * line_width);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (dense && shade_spread)
    stroke_spread (cr, layout, columns, n, color, alpha);

  lone = trace_line (cr, data, layout, value_of, columns, n);
  cairo_set_line_width (cr, line_width);
  tm_chart_set_dash (cr, mark, line_width);
  tm_chart_set_color (cr, color, alpha);
  cairo_stroke (cr);

  /* Dots: on every mood when days are wide, else on lone points. */
  if (mark == TM_MARK_LINE && layout->column_width >= MIN_DOT_COLUMN)
    {
      g_clear_pointer (&lone, g_array_unref);
      lone = every_point (data, layout, value_of);
    }
  fill_dots (cr, lone, MAX (line_width * 1.2, 1.5));

  cairo_restore (cr);
}

/* A line through the values that breaks where there are none; a point on
 * its own gets a dot so that it shows. */
static void
draw_series (TmPainter           *painter,
             const TmChartData   *data,
             const TmChartLayout *layout,
             ValueFunc            value_of,
             const TmRgba        *color,
             double               alpha,
             TmMark               mark,
             gboolean             shade_spread)
{
  cairo_t *cr = painter->cr;
  double line_width = painter->style->line_width;

  /* Narrow days get a finer line, so that the mean over it reads. */
  if (mark == TM_MARK_THICK_LINE)
    line_width *= 2.5;
  else if (layout->column_width < NARROW_COLUMN)
    line_width = MAX (1.0, line_width * 0.5);

  /* Narrow days on a pixel target: a mask, a column at a time. */
  if (layout->column_width < RASTER_COLUMN)
    {
      TmRaster raster;

      if (tm_raster_init (&raster, cr, layout->x - line_width, layout->y - line_width,
                          layout->w + 2 * line_width, layout->h + 2 * line_width))
        {
          raster_series (&raster, data, layout, value_of, line_width, mark, shade_spread);
          tm_raster_paint (&raster, cr, color, alpha);
          tm_raster_clear (&raster);
          return;
        }
    }

  vector_series (cr, data, layout, value_of, color, alpha, line_width, mark, shade_spread);
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
  double dose_width = 0, last_label_end = -G_MAXDOUBLE;
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
  if (data->sessions->len > 0)
    {
      g_autofree char *sample = NULL;
      double min_gap = G_MAXDOUBLE;

      for (guint i = 1; i < data->sessions->len; i++)
        {
          const TmChartSession *a = &g_array_index (data->sessions, TmChartSession, i - 1);
          const TmChartSession *b = &g_array_index (data->sessions, TmChartSession, i);

          min_gap = MIN (min_gap, ABS (b->day_index - a->day_index) * layout->column_width);
        }
      sample = g_strdup_printf (_("%s mg"), "100");
      tm_painter_measure (painter, TM_TEXT_SMALL, sample, &dose_width, NULL);
      if (min_gap < dose_width + style->font_size * 0.5)
        return;
    }

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
  gboolean narrow = layout->column_width < NARROW_COLUMN;
  gboolean rolling = (series & TM_SERIES_ROLLING) != 0;
  TmPainter painter;
  guint n_items;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL && layout != NULL);

  tm_painter_init (&painter, cr, style);
  cairo_save (cr);

  tm_chart_paint_background (cr, style, layout);
  draw_plan_periods (&painter, data, layout);
  tm_chart_draw_value_axis (&painter, layout, values, G_N_ELEMENTS (values));
  draw_rules (&painter, data, layout);
  draw_today (&painter, data, layout);

  /* The 7-day mean goes under the daily line, or over a fainter one when
   * the days are too narrow for the daily line to read. */
  if (rolling && !narrow)
    draw_series (&painter, data, layout, rolling_of, &style->rolling, 1.0, TM_MARK_THICK_LINE, FALSE);
  if (series & TM_SERIES_ANXIETY)
    draw_series (&painter, data, layout, anxiety_of, &style->anxiety, 1.0, TM_MARK_DASHED_LINE, FALSE);
  if (series & TM_SERIES_ENERGY)
    draw_series (&painter, data, layout, energy_of, &style->energy, 1.0, TM_MARK_DOTTED_LINE, FALSE);
  draw_series (&painter, data, layout, mood_of, &style->mood, rolling && narrow ? 0.55 : 1.0,
               TM_MARK_LINE, TRUE);
  if (rolling && narrow)
    draw_series (&painter, data, layout, rolling_of, &style->rolling, 2.0, TM_MARK_THICK_LINE, FALSE);

  draw_frame (&painter, layout);
  draw_lane (&painter, data, layout);
  draw_events (&painter, data, layout);
  draw_medicines (&painter, data, layout);
  tm_chart_draw_date_axis (&painter, layout, data->from);

  n_items = legend_items (data, style, series, items);
  tm_chart_legend_draw (&painter, items, n_items, layout->x, layout->legend_y, layout->w);

  if (data->n_checked_in == 0)
    tm_chart_draw_empty (&painter, layout, _("No check-ins in this period"));

  cairo_restore (cr);
  tm_painter_clear (&painter);
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
