/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PHQ-9 or GAD-7 totals over the range, over their severity bands
 * (PHQ-9: 5/10/15/20; GAD-7: 5/10/15), the bands deepening with severity
 * and named on the right. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-private.h"

#define MAX_BANDS 5

static GArray *
scores_of (const TmChartData   *data,
           TmQuestionnaireKind  kind)
{
  return kind == TM_QUESTIONNAIRE_PHQ9 ? data->phq9 : data->gad7;
}

/* Where each band starts, from the scoring rules in core. */
static guint
band_starts (TmQuestionnaireKind kind,
             int                *starts)
{
  int max = tm_questionnaire_kind_get_max_total (kind);
  guint n = 0;

  for (int total = 0; total <= max && n < MAX_BANDS; total++)
    if (total == 0 || tm_questionnaire_band (kind, total) != tm_questionnaire_band (kind, total - 1))
      starts[n++] = total;
  return n;
}

void
tm_questionnaire_chart_layout (const TmChartData   *data,
                               const TmChartStyle  *style,
                               TmQuestionnaireKind  kind,
                               double               width,
                               double               height,
                               TmChartLayout       *layout)
{
  TmPainter painter;
  double fs = style->font_size, small, title, labels = 0;
  int starts[MAX_BANDS];
  guint n_bands;

  g_return_if_fail (data != NULL && style != NULL && layout != NULL);

  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);
  title = tm_painter_line_height (&painter, TM_TEXT_BOLD);

  /* The bands are named in the right margin, as wide for either
   * questionnaire so that their charts line up. */
  for (int other = 0; other < TM_N_QUESTIONNAIRE_KINDS; other++)
    {
      if (!tm_questionnaire_kind_has_bands (other))
        continue;
      n_bands = band_starts (other, starts);
      for (guint i = 0; i < n_bands; i++)
        {
          double width;

          tm_painter_measure (&painter, TM_TEXT_SMALL,
                              tm_band_get_label (tm_questionnaire_band (other, starts[i])), &width, NULL);
          labels = MAX (labels, width);
        }
    }

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->x = tm_chart_value_label_width (&painter) + fs;
  layout->w = MAX (1.0, width - layout->x - labels - fs * 0.75);
  layout->y = title + fs * 0.6;
  layout->axis_y = height - small - 2;
  layout->h = MAX (1.0, layout->axis_y - 6 - layout->y);
  layout->y_min = 0;
  layout->y_max = tm_questionnaire_kind_get_max_total (kind);
  layout->n_columns = data->n_days;
  layout->column_width = layout->w / MAX (1, data->n_days);

  tm_painter_clear (&painter);
}

static void
draw_bands (TmPainter           *painter,
            TmQuestionnaireKind  kind,
            const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  int starts[MAX_BANDS + 1];
  guint n = band_starts (kind, starts);

  starts[n] = (int) layout->y_max + 1;
  for (guint i = 0; i < n; i++)
    {
      double top = tm_chart_layout_value_y (layout, MIN (layout->y_max, starts[i + 1] - 0.5));
      double bottom = tm_chart_layout_value_y (layout, MAX (0, starts[i] - 0.5));

      if (i > 0)
        {
          tm_chart_set_color (cr, &style->severity, i);
          cairo_rectangle (cr, layout->x, top, layout->width - layout->x, bottom - top);
          cairo_fill (cr);
        }
      if (bottom - top >= small)
        tm_painter_text (painter, TM_TEXT_SMALL,
                         tm_band_get_label (tm_questionnaire_band (kind, starts[i])),
                         layout->x + layout->w + style->font_size * 0.5, (top + bottom - small) / 2, 0,
                         &style->dim_text);
    }
}

/* Whether a total's point or its number lies in the box. */
static gboolean
scores_in (GArray              *scores,
           const TmChartLayout *layout,
           double               left,
           double               right,
           double               top,
           double               bottom)
{
  for (guint i = 0; i < scores->len; i++)
    {
      const TmChartScore *s = &g_array_index (scores, TmChartScore, i);
      double x = tm_chart_layout_column_x (layout, s->day_index);
      double y = tm_chart_layout_value_y (layout, s->total);

      if (x >= left && x <= right && y >= top && y <= bottom)
        return TRUE;
    }
  return FALSE;
}

/* A dashed rule across the plot at @value, named above it at the end
 * where no total is in the way (the left one when both are free). */
static void
draw_threshold (TmPainter           *painter,
                const TmChartLayout *layout,
                GArray              *scores,
                double               value,
                const char          *label)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double y = round (tm_chart_layout_value_y (layout, value)) + 0.5;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double width, pad = style->font_size;
  double top = y - 2 * small - pad / 2, bottom = y + pad / 2;
  gboolean right;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_dash (cr, TM_MARK_DASHED_RULE, 1.0);
  tm_chart_set_color (cr, &style->axis, 1.0);
  cairo_move_to (cr, layout->x, y);
  cairo_line_to (cr, layout->x + layout->w, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
  right = scores_in (scores, layout, layout->x - pad, layout->x + width + pad, top, bottom) &&
          !scores_in (scores, layout, layout->x + layout->w - width - pad, layout->x + layout->w + pad, top, bottom);
  if (right)
    tm_painter_text (painter, TM_TEXT_SMALL, label, layout->x + layout->w - 4, y - small - 1, 1, &style->text);
  else
    tm_painter_text (painter, TM_TEXT_SMALL, label, layout->x + 4, y - small - 1, 0, &style->text);
}

/* The PHQ-9's response and remission lines (tm-response.h): a total on or
 * under a line is a response, or a remission. */
static void
draw_response_lines (TmPainter           *painter,
                     const TmChartData   *data,
                     const TmChartLayout *layout)
{
  GArray *scores = data->phq9;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double remission_y = tm_chart_layout_value_y (layout, TM_REMISSION_BELOW - 0.5);
  int at_most;

  if (data->phq9_baseline.total == TM_UNSET)
    return;

  /* Translators: a line on the PHQ-9 chart; totals under it are below 5 */
  draw_threshold (painter, layout, scores, TM_REMISSION_BELOW - 0.5, _("Remission"));

  at_most = tm_phq9_get_response_at_most (data->phq9_baseline.total);
  /* The response line, unless it would sit on the remission line's label. */
  if (at_most >= TM_REMISSION_BELOW &&
      remission_y - tm_chart_layout_value_y (layout, at_most + 0.5) >= small + 2)
    {
      /* Translators: a line on the PHQ-9 chart at half the baseline: "Response: 10 or less" */
      g_autofree char *label = g_strdup_printf (_("Response: %d or less"), at_most);

      draw_threshold (painter, layout, scores, at_most + 0.5, label);
    }
}

static void
draw_scores (TmPainter           *painter,
             GArray              *scores,
             const TmChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double size = style->font_size * 0.6;
  double small = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double widest, min_gap = G_MAXDOUBLE;

  cairo_save (cr);
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < scores->len; i++)
    {
      const TmChartScore *s = &g_array_index (scores, TmChartScore, i);
      double x = tm_chart_layout_column_x (layout, s->day_index);
      double y = tm_chart_layout_value_y (layout, s->total);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      if (i > 0)
        min_gap = MIN (min_gap, (s->day_index - g_array_index (scores, TmChartScore, i - 1).day_index) *
                                layout->column_width);
    }
  tm_chart_set_color (cr, &style->mood, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < scores->len; i++)
    {
      const TmChartScore *s = &g_array_index (scores, TmChartScore, i);

      tm_chart_mark (cr, TM_MARK_TAKEN, tm_chart_layout_column_x (layout, s->day_index),
                     tm_chart_layout_value_y (layout, s->total), size, &style->mood, 1.0);
    }

  /* The totals over their points, when they fit. */
  tm_painter_measure (painter, TM_TEXT_SMALL, "27", &widest, NULL);
  if (min_gap < widest + 4)
    return;
  for (guint i = 0; i < scores->len; i++)
    {
      const TmChartScore *s = &g_array_index (scores, TmChartScore, i);
      char label[16];

      g_snprintf (label, sizeof label, "%d", s->total);
      tm_painter_text (painter, TM_TEXT_SMALL, label, tm_chart_layout_column_x (layout, s->day_index),
                       tm_chart_layout_value_y (layout, s->total) - size / 2 - small - 1, 0.5,
                       &style->text);
    }
}

void
tm_questionnaire_chart_draw (cairo_t             *cr,
                             const TmChartData   *data,
                             const TmChartStyle  *style,
                             TmQuestionnaireKind  kind,
                             const TmChartLayout *layout)
{
  GArray *scores = scores_of (data, kind);
  int values[MAX_BANDS + 1];
  guint n_values;
  TmPainter painter;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL && layout != NULL);

  tm_painter_init (&painter, cr, style);
  cairo_save (cr);

  tm_chart_paint_background (cr, style, layout);
  tm_painter_text (&painter, TM_TEXT_BOLD, tm_questionnaire_kind_get_name (kind), layout->x, 0, 0,
                   &style->text);
  draw_bands (&painter, kind, layout);

  n_values = band_starts (kind, values);
  values[n_values++] = (int) layout->y_max;
  tm_chart_draw_value_axis (&painter, layout, values, n_values);
  if (kind == TM_QUESTIONNAIRE_PHQ9 && scores->len > 0)
    draw_response_lines (&painter, data, layout);
  draw_scores (&painter, scores, layout);
  tm_chart_draw_date_axis (&painter, layout, data->from);

  if (scores->len == 0)
    {
      /* Translators: %s is PHQ-9 or GAD-7 */
      g_autofree char *message = g_strdup_printf (_("No %s in this period"),
                                                  tm_questionnaire_kind_get_name (kind));

      tm_chart_draw_empty (&painter, layout, message);
    }

  cairo_restore (cr);
  tm_painter_clear (&painter);
}
