/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The after-dose curves (DESIGN.md, Charts; Evidence about the interval):
 * for each plan period of the range, mean mood on each day since the last
 * session, one dash pattern and colour per period; each dosing cycle as a
 * faint trace behind; the ±1 SD band only where at least 5 cycles are
 * behind a day; days resting on fewer than three check-ins drawn faint;
 * the interval of each plan as a rule; and, under the days, how many
 * cycles each point comes from. Periods with different intervals are
 * never pooled into one curve. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-private.h"
#include "tm-interval.h"

/* The newest periods of the range, at most; older ones are left out. */
#define MAX_PERIODS    8
/* Up to this many periods get a row of cycle counts each; more share one. */
#define MAX_COUNT_ROWS 3
#define TRACE_ALPHA    0.18

static const TmMark period_marks[] = { TM_MARK_LINE, TM_MARK_DASHED_LINE, TM_MARK_DOTTED_LINE };

/* The periods of the range with a curve: pointers into the evidence. */
typedef struct
{
  const TmIntervalPeriod *periods[MAX_PERIODS];
  char                   *names[MAX_PERIODS];
  guint                   n;
} Shown;

static void
shown_init (Shown             *shown,
            const TmChartData *data)
{
  GArray *periods = data->after_dose->periods;

  memset (shown, 0, sizeof *shown);
  for (guint i = 0; i < periods->len; i++)
    {
      const TmIntervalPeriod *period = &g_array_index (periods, TmIntervalPeriod, i);

      if (period->curve->len == 0)
        continue;
      if (shown->n == MAX_PERIODS)
        {
          /* Keep the newest. */
          g_free (shown->names[0]);
          memmove (shown->periods, shown->periods + 1, sizeof shown->periods[0] * (MAX_PERIODS - 1));
          memmove (shown->names, shown->names + 1, sizeof shown->names[0] * (MAX_PERIODS - 1));
          shown->n--;
        }
      shown->periods[shown->n] = period;
      shown->names[shown->n] = tm_interval_period_name (period);
      shown->n++;
    }
}

static void
shown_clear (Shown *shown)
{
  for (guint i = 0; i < shown->n; i++)
    g_free (shown->names[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shown, shown_clear)

static TmMark
period_mark (guint i)
{
  return period_marks[i % G_N_ELEMENTS (period_marks)];
}

static const TmRgba *
period_color (const TmChartStyle *style,
              guint               i)
{
  return &style->periods[i % G_N_ELEMENTS (style->periods)];
}

/* The legend: each period, then what the marks mean. @trace holds the
 * faint trace's colour, which the items point to. */
static guint
legend_items (const Shown        *shown,
              const TmChartStyle *style,
              TmRgba             *trace,
              TmLegendItem       *items)
{
  guint n = 0;

  for (guint i = 0; i < shown->n; i++)
    items[n++] = (TmLegendItem) { period_mark (i), period_color (style, i), shown->names[i] };
  *trace = *period_color (style, 0);
  trace->alpha = TRACE_ALPHA * 2;
  items[n++] = (TmLegendItem) { TM_MARK_LINE, trace, _("One dosing cycle") };
  items[n++] = (TmLegendItem) { TM_MARK_SWATCH, &style->spread, _("±1 standard deviation (5 or more cycles)") };
  items[n++] = (TmLegendItem) { TM_MARK_FAINT_DOT, &style->mood, _("Fewer than 3 check-ins") };
  if (shown->n > 0)
    items[n++] = (TmLegendItem) { TM_MARK_DASHED_RULE, &style->planned, _("The plan's interval") };
  return n;
}

/* Days 0 to the longest seen, and at least to the longest interval. */
static int
n_columns (const Shown *shown)
{
  int last = 1;

  for (guint i = 0; i < shown->n; i++)
    {
      const TmIntervalPeriod *period = shown->periods[i];

      last = MAX (last, period->interval);
      if (period->curve->len > 0)
        last = MAX (last, g_array_index (period->curve, TmIntervalPoint, period->curve->len - 1).k);
    }
  return last + 1;
}

static guint
count_rows (const Shown *shown)
{
  return shown->n <= MAX_COUNT_ROWS ? MAX (1, shown->n) : 1;
}

static const char *
cycles_header (void)
{
  /* Translators: the row header for how many dosing cycles each day of
   * the after-dose chart rests on */
  return C_("count", "cycles");
}

void
tm_after_dose_chart_layout (const TmChartData  *data,
                            const TmChartStyle *style,
                            double              width,
                            double              height,
                            TmChartLayout      *layout)
{
  TmLegendItem items[MAX_PERIODS + 4];
  g_auto(Shown) shown;
  TmRgba trace;
  TmPainter painter;
  double fs = style->font_size, small, header;
  guint n_items;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  shown_init (&shown, data);
  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  /* Room on the left for the values, and for the row header of the
   * cycle counts with its mark (draw_day_axis). */
  tm_painter_measure (&painter, TM_TEXT_SMALL, cycles_header (), &header, NULL);
  layout->x = MAX (tm_chart_value_label_width (&painter) + fs * 2.5, header + fs * 1.6 + 2);
  layout->w = MAX (1.0, width - layout->x - fs * 0.75);

  n_items = legend_items (&shown, style, &trace, items);
  layout->legend_rows = tm_chart_legend_rows (&painter, items, n_items, width - fs);
  layout->y = layout->legend_rows * small * 1.25 + fs * 0.8;

  /* Under the plot: the days, how many cycles each point rests on, a title. */
  layout->axis_y = height - (count_rows (&shown) + 2) * small - 6;
  layout->h = MAX (1.0, layout->axis_y - 4 - layout->y);
  layout->y_min = 0;
  layout->y_max = 10;
  layout->n_columns = n_columns (&shown);
  layout->column_width = layout->w / layout->n_columns;

  tm_painter_clear (&painter);
}

/* Each cycle of @period as a faint line through its check-ins. */
static void
draw_traces (cairo_t                *cr,
             const TmIntervalPeriod *period,
             const TmRgba           *color,
             const TmChartLayout    *layout)
{
  for (guint c = 0; c < period->cycles->len; c++)
    {
      GArray *moods = g_array_index (period->cycles, TmCycle, c).moods;

      for (guint i = 0; i < moods->len; i++)
        {
          const TmCycleMood *m = &g_array_index (moods, TmCycleMood, i);
          double x = tm_chart_layout_column_x (layout, m->k);
          double y = tm_chart_layout_value_y (layout, m->mood);

          /* Broken where a day has no check-in. */
          if (i > 0 && g_array_index (moods, TmCycleMood, i - 1).k == m->k - 1)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
        }
    }
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_color (cr, color, TRACE_ALPHA);
  cairo_stroke (cr);
}

static gboolean
banded (const TmIntervalPoint *p)
{
  return p->n_cycles >= TM_INTERVAL_BAND_CYCLES;
}

/* ±1 SD over each run of consecutive days with enough cycles behind them. */
static void
draw_band (cairo_t                *cr,
           const TmIntervalPeriod *period,
           const TmChartStyle     *style,
           const TmChartLayout    *layout)
{
  GArray *points = period->curve;

  for (guint start = 0; start < points->len;)
    {
      guint end = start;

      if (!banded (&g_array_index (points, TmIntervalPoint, start)))
        {
          start++;
          continue;
        }
      while (end + 1 < points->len && banded (&g_array_index (points, TmIntervalPoint, end + 1)) &&
             g_array_index (points, TmIntervalPoint, end + 1).k == g_array_index (points, TmIntervalPoint, end).k + 1)
        end++;

      if (end > start)
        {
          for (guint i = start; i <= end; i++)
            {
              const TmIntervalPoint *p = &g_array_index (points, TmIntervalPoint, i);
              double y = tm_chart_layout_value_y (layout, MIN (10.0, p->mean + p->sd));

              if (i == start)
                cairo_move_to (cr, tm_chart_layout_column_x (layout, p->k), y);
              else
                cairo_line_to (cr, tm_chart_layout_column_x (layout, p->k), y);
            }
          for (guint i = end + 1; i-- > start;)
            {
              const TmIntervalPoint *p = &g_array_index (points, TmIntervalPoint, i);

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

/* The mean, in the period's dash pattern, faint where a day rests on
 * fewer than three check-ins; a dot on each day. */
static void
draw_mean (cairo_t                *cr,
           const TmIntervalPeriod *period,
           TmMark                  mark,
           const TmRgba           *color,
           const TmChartStyle     *style,
           const TmChartLayout    *layout)
{
  GArray *points = period->curve;

  cairo_save (cr);
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  tm_chart_set_dash (cr, mark, style->line_width);
  for (int faint = 0; faint <= 1; faint++)
    {
      for (guint i = 1; i < points->len; i++)
        {
          const TmIntervalPoint *a = &g_array_index (points, TmIntervalPoint, i - 1);
          const TmIntervalPoint *b = &g_array_index (points, TmIntervalPoint, i);
          gboolean is_faint = a->n < TM_INTERVAL_SOLID_N || b->n < TM_INTERVAL_SOLID_N;

          if (b->k != a->k + 1 || is_faint != faint)
            continue;
          cairo_move_to (cr, tm_chart_layout_column_x (layout, a->k), tm_chart_layout_value_y (layout, a->mean));
          cairo_line_to (cr, tm_chart_layout_column_x (layout, b->k), tm_chart_layout_value_y (layout, b->mean));
        }
      tm_chart_set_color (cr, color, faint ? 0.35 : 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  for (guint i = 0; i < points->len; i++)
    {
      const TmIntervalPoint *p = &g_array_index (points, TmIntervalPoint, i);
      double x = tm_chart_layout_column_x (layout, p->k);
      double y = tm_chart_layout_value_y (layout, p->mean);

      if (p->n < TM_INTERVAL_SOLID_N)
        tm_chart_mark (cr, TM_MARK_FAINT_DOT, x, y, style->font_size * 0.6, color, 1.2);
      else
        tm_chart_mark (cr, TM_MARK_TAKEN, x, y, style->font_size * 0.45, color, 1.0);
    }
}

/* A rule at each plan's interval, named at its top. */
static void
draw_intervals (TmPainter           *painter,
                const Shown         *shown,
                const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;

  for (guint i = 0; i < shown->n; i++)
    {
      int interval = shown->periods[i]->interval;
      g_autofree char *label = NULL;
      gboolean seen = FALSE;
      double x, width;

      for (guint j = 0; j < i; j++)
        seen = seen || shown->periods[j]->interval == interval;
      if (seen || interval <= 0)
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

/* How many cycles @period's point at @k comes from, or 0. */
static int
cycles_at (const TmIntervalPeriod *period,
           int                     k)
{
  for (guint i = 0; i < period->curve->len; i++)
    if (g_array_index (period->curve, TmIntervalPoint, i).k == k)
      return g_array_index (period->curve, TmIntervalPoint, i).n_cycles;
  return 0;
}

/* The day numbers; under them, for each period (or all together when
 * there are many), how many cycles each point rests on; and a title. */
static void
draw_day_axis (TmPainter           *painter,
               const Shown         *shown,
               const TmChartLayout *layout)
{
  const TmChartStyle *style = painter->style;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  guint rows = count_rows (shown);
  double widest;
  int step = 1;

  tm_painter_measure (painter, TM_TEXT_SMALL, "000", &widest, NULL);
  while (step * layout->column_width < widest + 4)
    step = step == 1 ? 2 : step == 2 ? 7 : step + 7;

  for (guint r = 0; r < rows; r++)
    {
      double y = layout->axis_y + (r + 1) * (small + 2);

      tm_painter_text (painter, TM_TEXT_SMALL, cycles_header (), layout->x - style->font_size * 1.6, y, 1.0,
                       &style->dim_text);
      if (rows > 1 || shown->n == 1)
        tm_chart_mark (painter->cr, period_mark (r), layout->x - style->font_size * 0.8,
                       y + small / 2, style->font_size * 0.6, period_color (style, r), 1.5);
    }

  for (int k = 0; k < layout->n_columns; k += step)
    {
      char label[16];
      double x = tm_chart_layout_column_x (layout, k);

      g_snprintf (label, sizeof label, "%d", k);
      tm_painter_text (painter, TM_TEXT_SMALL, label, x, layout->axis_y, 0.5, &style->dim_text);

      for (guint r = 0; r < rows; r++)
        {
          int n = 0;

          if (rows > 1 || shown->n <= 1)
            n = shown->n > 0 ? cycles_at (shown->periods[r], k) : 0;
          else
            for (guint i = 0; i < shown->n; i++)
              n += cycles_at (shown->periods[i], k);
          if (n == 0)
            continue;
          g_snprintf (label, sizeof label, "%d", n);
          tm_painter_text (painter, TM_TEXT_SMALL, label, x, layout->axis_y + (r + 1) * (small + 2), 0.5,
                           &style->dim_text);
        }
    }

  tm_painter_text (painter, TM_TEXT_SMALL, _("Days since the last session"), layout->x + layout->w / 2,
                   layout->axis_y + (rows + 1) * (small + 2), 0.5, &style->text);
}

/**
 * tm_after_dose_chart_describe:
 *
 * A caption for the chart of @data: one line for each plan period, or for
 * the latest ones when there are more than it draws, and which way is
 * better.
 *
 * Returns: (transfer full): the caption
 */
/* How many plan periods have a curve, and how many of them the chart
 * draws (the latest MAX_PERIODS). */
static guint
count_periods (const TmChartData *data,
               guint             *n_shown)
{
  g_auto(Shown) shown;
  guint with_curve = 0;

  shown_init (&shown, data);
  for (guint i = 0; i < data->after_dose->periods->len; i++)
    with_curve += g_array_index (data->after_dose->periods, TmIntervalPeriod, i).curve->len > 0;
  *n_shown = shown.n;
  return with_curve;
}

/**
 * tm_after_dose_chart_describe_shown:
 *
 * Returns: (transfer full) (nullable): a sentence saying the chart of
 *   @data draws only the latest plan periods, or %NULL when it draws them
 *   all
 */
char *
tm_after_dose_chart_describe_shown (const TmChartData *data)
{
  guint n_shown;
  guint total;

  g_return_val_if_fail (data != NULL, NULL);

  total = count_periods (data, &n_shown);
  if (n_shown >= total)
    return NULL;
  /* Translators: "The chart draws the 8 latest of the 12 plan periods." */
  return g_strdup_printf (_("The chart draws the %u latest of the %u plan periods."), n_shown, total);
}

char *
tm_after_dose_chart_describe (const TmChartData *data)
{
  guint n_shown;
  guint total;
  g_autofree char *lines = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  total = count_periods (data, &n_shown);
  if (n_shown < total)
    /* Translators: the start of the after-dose chart's caption; %u is at least 8 */
    lines = g_strdup_printf (_("Mean mood on each day after a session, one line for each of the %u latest plan "
                               "periods;"), n_shown);
  else
    lines = g_strdup (_("Mean mood on each day after a session, one line for each plan period;"));

  return g_strdup_printf ("%s %s %s", lines,
                          _("faint lines: single dosing cycles; ±1 standard deviation where 5 or more cycles are "
                            "behind a day. Under the days: how many cycles each point comes from (fewer than 3 "
                            "check-ins: drawn faint). Dashed rules: the plan's interval."),
                          tm_scale_get_direction (TM_SCALE_MOOD));
}

void
tm_after_dose_chart_draw (cairo_t             *cr,
                          const TmChartData   *data,
                          const TmChartStyle  *style,
                          const TmChartLayout *layout)
{
  static const int values[] = { 0, 2, 4, 6, 8, 10 };
  TmLegendItem items[MAX_PERIODS + 4];
  g_auto(Shown) shown;
  TmRgba trace;
  TmPainter painter;
  guint n_items;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL && layout != NULL);

  shown_init (&shown, data);
  tm_painter_init (&painter, cr, style);
  cairo_save (cr);

  tm_chart_paint_background (cr, style, layout);
  tm_chart_draw_value_axis (&painter, layout, values, G_N_ELEMENTS (values));
  draw_intervals (&painter, &shown, layout);

  cairo_save (cr);
  cairo_rectangle (cr, layout->x, layout->y, layout->w, layout->h);
  cairo_clip (cr);
  for (guint i = 0; i < shown.n; i++)
    draw_traces (cr, shown.periods[i], period_color (style, i), layout);
  for (guint i = 0; i < shown.n; i++)
    draw_band (cr, shown.periods[i], style, layout);
  cairo_restore (cr);
  for (guint i = 0; i < shown.n; i++)
    draw_mean (cr, shown.periods[i], period_mark (i), period_color (style, i), style, layout);

  draw_day_axis (&painter, &shown, layout);
  n_items = legend_items (&shown, style, &trace, items);
  tm_chart_legend_draw (&painter, items, n_items, style->font_size * 0.5, 0, layout->width - style->font_size);

  if (shown.n == 0)
    tm_chart_draw_empty (&painter, layout, _("No check-ins after a session in this period"));

  cairo_restore (cr);
  tm_painter_clear (&painter);
}

/**
 * tm_after_dose_chart_hit:
 * @period: (out): the period, an index into data->after_dose->periods
 * @k: (out): the day since the dose
 *
 * Returns: whether a point is under (@x, @y): of the periods with a
 *   point on that day, the one whose mean is nearest
 */
gboolean
tm_after_dose_chart_hit (const TmChartData   *data,
                         const TmChartLayout *layout,
                         double               x,
                         double               y,
                         guint               *period,
                         int                 *k)
{
  GArray *periods = data->after_dose->periods;
  int column = tm_chart_layout_column_at (layout, x);
  double nearest = G_MAXDOUBLE;
  gboolean found = FALSE;

  if (column < 0 || y < layout->y || y > layout->y + layout->h)
    return FALSE;

  for (guint i = 0; i < periods->len; i++)
    {
      const TmIntervalPeriod *p = &g_array_index (periods, TmIntervalPeriod, i);

      for (guint j = 0; j < p->curve->len; j++)
        {
          const TmIntervalPoint *point = &g_array_index (p->curve, TmIntervalPoint, j);
          double distance = fabs (tm_chart_layout_value_y (layout, point->mean) - y);

          if (point->k != column || distance >= nearest)
            continue;
          nearest = distance;
          *period = i;
          *k = column;
          found = TRUE;
        }
    }
  return found;
}
