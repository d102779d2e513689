/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One session's blood pressure by minutes after the dose: systolic and
 * diastolic as two lines with a dot at each reading, named at their ends;
 * the urgent lines of S5 (180 systolic, 110 diastolic, after the dose)
 * dashed in the colour of the line they belong to, so that a reading over
 * its line is seen at once. The systolic line is always the upper one, so
 * a grayscale print reads the same. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-private.h"
#include "tm-reading-chart.h"
#include "tm-safety.h"
#include "tm-session.h"

/* Whole minutes between labels on the time axis, the shortest that fits. */
static const int minute_steps[] = { 10, 15, 30, 60, 120, 180, 240, 360, 720 };

/* At most this many labels on the time axis, 0 among them: a session day
 * is read in half hours and hours, not in every quarter. */
#define MAX_MINUTE_LABELS 7

/* The shortest time axis, for a session with only a reading before it. */
#define MIN_MINUTES 30

typedef enum
{
  SYSTOLIC,
  DIASTOLIC,
  N_SERIES
} Series;

/* The readings with a blood pressure, by minutes after the dose. */
static int
compare_minutes (gconstpointer a,
                 gconstpointer b)
{
  const TmSessionReading *x = *(const TmSessionReading * const *) a;
  const TmSessionReading *y = *(const TmSessionReading * const *) b;

  return (x->minutes_after > y->minutes_after) - (x->minutes_after < y->minutes_after);
}

static GPtrArray *
collect_bp (GPtrArray *readings)
{
  GPtrArray *bp = g_ptr_array_new ();

  for (guint i = 0; readings != NULL && i < readings->len; i++)
    if (tm_session_reading_has_bp (readings->pdata[i]))
      g_ptr_array_add (bp, readings->pdata[i]);
  /* A stable sort: two readings at one minute (a form being typed) keep
   * their order. */
  g_ptr_array_sort (bp, compare_minutes);
  return bp;
}

static int
value_of (const TmSessionReading *reading,
          Series                  series)
{
  return series == SYSTOLIC ? reading->bp_sys : reading->bp_dia;
}

static int
urgent_value (Series series)
{
  return series == SYSTOLIC ? TM_S5_AFTER_URGENT_SYSTOLIC : TM_S5_AFTER_URGENT_DIASTOLIC;
}

/* The palette's two most distinct series colours: blue and orange in the
 * window, blue and red on paper. */
static const TmRgba *
series_color (const TmChartStyle *style,
              Series              series)
{
  return series == SYSTOLIC ? &style->mood : &style->anxiety;
}

static const char *
series_name (Series series)
{
  /* Translators: the two lines of the blood pressure chart, named at their ends */
  return series == SYSTOLIC ? _("Systolic") : _("Diastolic");
}

static const char *
unit_label (void)
{
  /* Translators: the unit of blood pressure, over the values of the chart's axis */
  return _("mmHg");
}

/**
 * tm_reading_chart_count_bp:
 * @readings: (element-type TmSessionReading) (nullable):
 *
 * Returns: how many of @readings have a blood pressure
 */
guint
tm_reading_chart_count_bp (GPtrArray *readings)
{
  guint n = 0;

  for (guint i = 0; readings != NULL && i < readings->len; i++)
    n += tm_session_reading_has_bp (readings->pdata[i]);
  return n;
}

/* Layout */

/* The values at the bottom and top: every reading, both urgent lines, and
 * a little room above and below, rounded out to a multiple of 20. */
static void
value_range (GPtrArray *bp,
             double    *y_min,
             double    *y_max)
{
  int low = TM_S5_AFTER_URGENT_DIASTOLIC - 10;
  int high = TM_S5_AFTER_URGENT_SYSTOLIC;

  for (guint i = 0; i < bp->len; i++)
    {
      const TmSessionReading *r = bp->pdata[i];

      low = MIN (low, r->bp_dia);
      high = MAX (high, r->bp_sys);
    }
  *y_min = MAX (0, (int) floor ((low - 10) / 20.0) * 20);
  *y_max = (int) ceil ((high + 10) / 20.0) * 20;
}

static int
last_minute (GPtrArray *bp)
{
  int last = 0;

  for (guint i = 0; i < bp->len; i++)
    last = MAX (last, ((const TmSessionReading *) bp->pdata[i])->minutes_after);
  return MAX (last, MIN_MINUTES);
}

static double
dot_size (const TmChartStyle *style)
{
  return MAX (4.0, style->font_size * 0.55);
}

static double
names_width (TmPainter *painter)
{
  double widest = 0;

  for (Series s = 0; s < N_SERIES; s++)
    {
      double width;

      tm_painter_measure (painter, TM_TEXT_SMALL, series_name (s), &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

void
tm_reading_chart_layout (GPtrArray          *readings,
                         const TmChartStyle *style,
                         double              width,
                         double              height,
                         TmChartLayout      *layout)
{
  g_autoptr(GPtrArray) bp = NULL;
  TmPainter painter;
  double fs, small, values, inset;

  g_return_if_fail (style != NULL && layout != NULL);

  bp = collect_bp (readings);
  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;

  if (bp->len == 0)
    {
      /* Only the words, in the middle. */
      layout->w = width;
      layout->h = height;
      return;
    }

  fs = style->font_size;
  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);
  tm_painter_measure (&painter, TM_TEXT_SMALL, "000", &values, NULL);

  /* Left: the values; above: their unit; right: the lines' names; under:
   * the minutes. */
  layout->x = values + fs * 0.5 + 2;
  layout->w = MAX (1.0, width - layout->x - names_width (&painter) - fs * 0.6);
  layout->y = small * 1.5 + 2;
  layout->axis_y = height - small - 1;
  layout->h = MAX (1.0, layout->axis_y - 4 - layout->y);
  value_range (bp, &layout->y_min, &layout->y_max);

  /* The first and last dots stay inside the plot. */
  inset = dot_size (style) / 2 + 2;
  layout->n_columns = last_minute (bp);
  layout->column_width = MAX (0.0, layout->w - 2 * inset) / layout->n_columns;

  tm_painter_clear (&painter);
}

/**
 * tm_reading_chart_minute_x:
 *
 * Returns: where a reading @minutes_after the dose is drawn
 */
double
tm_reading_chart_minute_x (const TmChartLayout *layout,
                           int                  minutes_after)
{
  double inset = (layout->w - layout->n_columns * layout->column_width) / 2;

  return layout->x + inset + minutes_after * layout->column_width;
}

/* Drawing */

static void
draw_value_axis (TmPainter           *painter,
                 const TmChartLayout *layout)
{
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double per_20 = layout->h * 20 / (layout->y_max - layout->y_min);
  int step = per_20 >= small * 1.6 ? 20 : per_20 * 2 >= small * 1.6 ? 40 : 60;
  int values[32];
  guint n = 0;

  for (int v = (int) ceil (layout->y_min / step) * step; v <= layout->y_max && n < G_N_ELEMENTS (values); v += step)
    values[n++] = v;
  tm_chart_draw_value_axis (painter, layout, values, n);
  tm_painter_text (painter, TM_TEXT_SMALL, unit_label (), 0, 0, 0, &painter->style->dim_text);
}

/* Ticks and whole minutes under the plot, the last one with its unit:
 * "0  30  60  90  120 min". */
static void
draw_minute_axis (TmPainter           *painter,
                  const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  double gap = painter->style->font_size * 1.2;
  double widest;
  int step = minute_steps[G_N_ELEMENTS (minute_steps) - 1];
  int last;

  tm_painter_measure (painter, TM_TEXT_SMALL, "0000", &widest, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (minute_steps); i++)
    if (minute_steps[i] * layout->column_width >= widest + gap &&
        layout->n_columns / minute_steps[i] < MAX_MINUTE_LABELS)
      {
        step = minute_steps[i];
        break;
      }
  last = layout->n_columns / step * step;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_color (cr, &painter->style->axis, 1.0);
  cairo_move_to (cr, layout->x, round (layout->y + layout->h) + 0.5);
  cairo_line_to (cr, layout->x + layout->w, round (layout->y + layout->h) + 0.5);
  for (int m = 0; m <= last; m += step)
    {
      double x = round (tm_reading_chart_minute_x (layout, m)) + 0.5;

      cairo_move_to (cr, x, layout->y + layout->h);
      cairo_line_to (cr, x, layout->y + layout->h + 4);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (int m = 0; m <= last; m += step)
    {
      char number[16];
      double x = tm_reading_chart_minute_x (layout, m);

      g_snprintf (number, sizeof number, "%d", m);
      if (m == last && m > 0)
        {
          /* Translators: the last label of the time axis of the blood pressure chart, minutes after the dose */
          g_autofree char *label = g_strdup_printf (_("%d min"), m);
          double number_width;

          /* The number under its tick, the unit hanging to its right. */
          tm_painter_measure (painter, TM_TEXT_SMALL, number, &number_width, NULL);
          tm_painter_text (painter, TM_TEXT_SMALL, label, x - number_width / 2, layout->axis_y, 0,
                           &painter->style->dim_text);
        }
      else
        tm_painter_text (painter, TM_TEXT_SMALL, number, x, layout->axis_y, 0.5, &painter->style->dim_text);
    }
}

/* Whether a line or a dot passes through the box: the lines are
 * followed a pixel at a time. */
static gboolean
lines_in (GPtrArray           *bp,
          const TmChartLayout *layout,
          double               left,
          double               top,
          double               right,
          double               bottom)
{
  for (Series s = 0; s < N_SERIES; s++)
    for (guint i = 0; i < bp->len; i++)
      {
        const TmSessionReading *b = bp->pdata[i];
        const TmSessionReading *a = bp->pdata[i > 0 ? i - 1 : 0];
        double ax = tm_reading_chart_minute_x (layout, a->minutes_after);
        double ay = tm_chart_layout_value_y (layout, value_of (a, s));
        double bx = tm_reading_chart_minute_x (layout, b->minutes_after);
        double by = tm_chart_layout_value_y (layout, value_of (b, s));
        int steps = (int) ceil (MAX (fabs (bx - ax), fabs (by - ay)));

        for (int k = 0; k <= steps; k++)
          {
            double t = steps > 0 ? (double) k / steps : 0;
            double x = ax + (bx - ax) * t, y = ay + (by - ay) * t;

            if (x >= left && x <= right && y >= top && y <= bottom)
              return TRUE;
          }
      }
  return FALSE;
}

/* The urgent line of @series: dashed across the plot in the line's
 * colour, named at the first of its four corners (above on the left,
 * above on the right, then below) where no line or dot is in the way. */
static void
draw_urgent_line (TmPainter           *painter,
                  GPtrArray           *bp,
                  Series               series,
                  const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  const TmRgba *color = series_color (style, series);
  double y = round (tm_chart_layout_value_y (layout, urgent_value (series))) + 0.5;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double pad = MAX (2.0, dot_size (style) / 2);
  /* Translators: a dashed line of the blood pressure chart: "Urgent from 180" (mmHg, after the dose) */
  g_autofree char *label = g_strdup_printf (_("Urgent from %d"), urgent_value (series));
  double width;

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.0, style->line_width * 0.6));
  tm_chart_set_dash (cr, TM_MARK_DASHED_RULE, 1.0);
  tm_chart_set_color (cr, color, 0.85);
  cairo_move_to (cr, layout->x, y);
  cairo_line_to (cr, layout->x + layout->w, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
  for (guint corner = 0; corner <= 4; corner++)
    {
      gboolean right = corner % 2 == 1;
      double text_y = corner < 2 || corner == 4 ? y - small : y + 1;
      double text_x = right ? layout->x + layout->w - 2 - width : layout->x + 2;

      /* None free: above on the left, over whatever is there. */
      if (corner == 4 ||
          !lines_in (bp, layout, text_x - pad, text_y - pad, text_x + width + pad, text_y + small + pad))
        {
          tm_painter_text (painter, TM_TEXT_SMALL, label, corner == 4 ? layout->x + 2 : text_x, text_y, 0, color);
          break;
        }
    }
}

static void
draw_series (TmPainter           *painter,
             GPtrArray           *bp,
             Series               series,
             const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  const TmRgba *color = series_color (style, series);

  cairo_save (cr);
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < bp->len; i++)
    {
      const TmSessionReading *r = bp->pdata[i];
      double x = tm_reading_chart_minute_x (layout, r->minutes_after);
      double y = tm_chart_layout_value_y (layout, value_of (r, series));

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  tm_chart_set_color (cr, color, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < bp->len; i++)
    {
      const TmSessionReading *r = bp->pdata[i];

      tm_chart_mark (cr, TM_MARK_TAKEN, tm_reading_chart_minute_x (layout, r->minutes_after),
                     tm_chart_layout_value_y (layout, value_of (r, series)), dot_size (style), color, 1.0);
    }
}

/* Each line named right of its last dot, the two kept apart. */
static void
draw_names (TmPainter           *painter,
            GPtrArray           *bp,
            const TmChartLayout *layout)
{
  const TmSessionReading *last = bp->pdata[bp->len - 1];
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double x = layout->x + layout->w + painter->style->font_size * 0.4;
  double sys_y = tm_chart_layout_value_y (layout, last->bp_sys) - small / 2;
  double dia_y = tm_chart_layout_value_y (layout, last->bp_dia) - small / 2;

  if (dia_y - sys_y < small)
    {
      double middle = (sys_y + dia_y) / 2;

      sys_y = middle - small / 2;
      dia_y = middle + small / 2;
    }
  tm_painter_text (painter, TM_TEXT_SMALL, series_name (SYSTOLIC), x, sys_y, 0,
                   series_color (painter->style, SYSTOLIC));
  tm_painter_text (painter, TM_TEXT_SMALL, series_name (DIASTOLIC), x, dia_y, 0,
                   series_color (painter->style, DIASTOLIC));
}

void
tm_reading_chart_draw (cairo_t             *cr,
                       GPtrArray           *readings,
                       const TmChartStyle  *style,
                       const TmChartLayout *layout)
{
  g_autoptr(GPtrArray) bp = NULL;
  TmPainter painter;

  g_return_if_fail (cr != NULL && style != NULL && layout != NULL);

  bp = collect_bp (readings);
  tm_painter_init (&painter, cr, style);
  cairo_save (cr);
  tm_chart_paint_background (cr, style, layout);

  if (bp->len == 0 || layout->n_columns <= 0)
    {
      /* Translators: the blood pressure chart of a session without any */
      tm_chart_draw_empty (&painter, layout, _("No blood pressure readings"));
    }
  else
    {
      draw_value_axis (&painter, layout);
      draw_minute_axis (&painter, layout);
      for (Series s = 0; s < N_SERIES; s++)
        draw_urgent_line (&painter, bp, s, layout);
      /* Diastolic first: where the two meet, the systolic is on top. */
      draw_series (&painter, bp, DIASTOLIC, layout);
      draw_series (&painter, bp, SYSTOLIC, layout);
      draw_names (&painter, bp, layout);
    }

  cairo_restore (cr);
  tm_painter_clear (&painter);
}

/* In words */

static gboolean
is_urgent (const TmSessionReading *r)
{
  return r->minutes_after > 0 &&
         (r->bp_sys >= TM_S5_AFTER_URGENT_SYSTOLIC || r->bp_dia >= TM_S5_AFTER_URGENT_DIASTOLIC);
}

/**
 * tm_reading_chart_describe:
 * @readings: (element-type TmSessionReading) (nullable):
 *
 * What the chart shows, for a screen reader: "Blood pressure: 128/82
 * before the dose, 141/88 at 40 min, 126/80 at 2 h 30 min." and, when a
 * reading after the dose reached an urgent line, at which.
 */
char *
tm_reading_chart_describe (GPtrArray *readings)
{
  g_autoptr(GPtrArray) bp = collect_bp (readings);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) urgent = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  GString *text;

  if (bp->len == 0)
    return g_strdup (_("No blood pressure readings."));

  for (guint i = 0; i < bp->len; i++)
    {
      const TmSessionReading *r = bp->pdata[i];
      g_autofree char *value = tm_format_blood_pressure (r->bp_sys, r->bp_dia);
      g_autofree char *when = tm_format_minutes_after (r->minutes_after);

      if (r->minutes_after <= 0)
        /* Translators: a reading in the description of the blood pressure chart: "128/82 before the dose" */
        g_ptr_array_add (parts, g_strdup_printf (_("%s before the dose"), value));
      else
        /* Translators: a reading in the description of the blood pressure chart: "141/88 at 40 min" */
        g_ptr_array_add (parts, g_strdup_printf (C_("reading and minutes", "%s at %s"), value, when));
      if (is_urgent (r))
        g_ptr_array_add (urgent, g_steal_pointer (&when));
    }
  g_ptr_array_add (parts, NULL);
  g_ptr_array_add (urgent, NULL);

  /* Translators: between the readings of a list */
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  text = g_string_new (NULL);
  /* Translators: the description of the blood pressure chart; %s lists the readings */
  g_string_append_printf (text, _("Blood pressure: %s."), list);
  if (urgent->len > 1)
    {
      g_autofree char *at = g_strjoinv (_(", "), (char **) urgent->pdata);

      g_string_append_c (text, ' ');
      /* Translators: after the readings: "At or above the urgent line of 180/110 at 40 min, 1 h." */
      g_string_append_printf (text, _("At or above the urgent line of %d/%d at %s."),
                              TM_S5_AFTER_URGENT_SYSTOLIC, TM_S5_AFTER_URGENT_DIASTOLIC, at);
    }
  return g_string_free (text, FALSE);
}
