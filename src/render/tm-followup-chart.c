/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly follow-ups over a range: one row per item, named on the left
 * (cut short with an ellipsis when the column is narrow), one column per
 * follow-up, dated underneath; each cell shaded by its answer, lighter for
 * "a little", full for "a lot" (and for a yes/no item's "yes"), so that a
 * grayscale print reads the same. Under the grid, a thin strip with the
 * tolerance, 0–10, as a line through a dot per follow-up. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-private.h"
#include "tm-followup-chart.h"

/* The tolerance strip is this many item rows tall. */
#define TOLERANCE_ROWS 2.5

/* The widest a column grows, in font sizes: a single follow-up is a
 * column, not a wall. */
#define MAX_COLUMN_EMS 5.0

/* The item names' column takes at most this share of the width. */
#define MAX_LABEL_SHARE 0.45

/* A cell's alpha of the palette's caution colour, by how much of the
 * item's scale its answer reaches: none, a little, a lot. */
#define LIGHT_ALPHA 0.35

/* The tolerance dots' size. */
static double
dot_size (const TmChartStyle *style)
{
  return MAX (4.0, style->font_size * 0.5);
}

/* The tolerance line's line width. */
static double
tolerance_line_width (const TmChartStyle *style)
{
  return MAX (1.0, style->line_width * 0.75);
}

static const TmQuestionnaire *
followup_at (GPtrArray *followups,
             guint      i)
{
  return followups->pdata[i];
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const TmQuestionnaire *x = *(const TmQuestionnaire * const *) a;
  const TmQuestionnaire *y = *(const TmQuestionnaire * const *) b;

  return strcmp (x->day, y->day);
}

/* The follow-ups among @followups, oldest first (a stable sort). */
static GPtrArray *
only_followups (GPtrArray *followups)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; followups != NULL && i < followups->len; i++)
    if (followup_at (followups, i)->kind == TM_QUESTIONNAIRE_FOLLOWUP)
      g_ptr_array_add (list, followups->pdata[i]);
  g_ptr_array_sort (list, compare_days);
  return list;
}

/**
 * tm_followup_chart_collect:
 * @questionnaires: (element-type TmQuestionnaire): any questionnaires, in
 *   any order (tm_store_get_questionnaires())
 * @from: (nullable): the first day, inclusive
 * @to: (nullable): the last day, inclusive
 *
 * Returns: (transfer full) (element-type TmQuestionnaire): the follow-ups
 *   answered from @from to @to, oldest first
 */
GPtrArray *
tm_followup_chart_collect (GListModel *questionnaires,
                           const char *from,
                           const char *to)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (questionnaires), list);

  n = g_list_model_get_n_items (questionnaires);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmQuestionnaire) q = g_list_model_get_item (questionnaires, i);

      if (q->kind == TM_QUESTIONNAIRE_FOLLOWUP &&
          (from == NULL || strcmp (q->day, from) >= 0) && (to == NULL || strcmp (q->day, to) <= 0))
        g_ptr_array_add (list, g_steal_pointer (&q));
    }
  g_ptr_array_sort (list, compare_days);
  return list;
}

/* Layout */

static const char *
tolerance_name (void)
{
  /* Translators: the follow-up chart's last row, how well the treatment is tolerated (0–10) */
  return _("Tolerance");
}

static double
widest_name (TmPainter *painter)
{
  double widest;

  tm_painter_measure (painter, TM_TEXT_SMALL, tolerance_name (), &widest, NULL);
  for (guint i = 0; i < TM_N_FOLLOWUP_ITEMS; i++)
    {
      double width;

      tm_painter_measure (painter, TM_TEXT_SMALL, tm_questionnaire_get_item (TM_QUESTIONNAIRE_FOLLOWUP, i),
                          &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

/* The grid's top: under the title and a line for the legend. */
static double
grid_top (TmPainter *painter)
{
  double fs = painter->style->font_size;

  return tm_painter_line_height (painter, TM_TEXT_BOLD) + fs * 0.4 +
         tm_painter_line_height (painter, TM_TEXT_SMALL) + fs * 0.6;
}

/**
 * tm_followup_chart_get_height:
 *
 * Returns: the height at which every row has room for its name
 */
double
tm_followup_chart_get_height (const TmChartStyle *style)
{
  TmPainter painter;
  double small, height;

  g_return_val_if_fail (style != NULL, 0);

  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);
  height = grid_top (&painter) + (TM_N_FOLLOWUP_ITEMS + TOLERANCE_ROWS) * (small + 6) +
           style->font_size * 0.5 + 4 + small + 2;
  tm_painter_clear (&painter);
  return ceil (height);
}

void
tm_followup_chart_layout (GPtrArray             *followups,
                          const TmChartStyle    *style,
                          double                 width,
                          double                 height,
                          TmFollowupChartLayout *layout)
{
  g_autoptr(GPtrArray) list = NULL;
  TmPainter painter;
  double fs, small, gap;

  g_return_if_fail (style != NULL && layout != NULL);

  list = only_followups (followups);
  fs = style->font_size;
  tm_painter_init_measure (&painter, style);
  small = tm_painter_line_height (&painter, TM_TEXT_SMALL);
  gap = fs * 0.5;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->n_rows = TM_N_FOLLOWUP_ITEMS;
  layout->n_columns = (int) list->len;

  layout->label_width = MIN (widest_name (&painter) + fs * 0.75, width * MAX_LABEL_SHARE);
  layout->x = layout->label_width;
  layout->w = MAX (1.0, width - layout->x);
  layout->y = grid_top (&painter);
  layout->axis_y = height - small - 2;
  layout->row_height = MAX (1.0, (layout->axis_y - 4 - gap - layout->y) /
                                 (TM_N_FOLLOWUP_ITEMS + TOLERANCE_ROWS));
  layout->h = layout->row_height * TM_N_FOLLOWUP_ITEMS;
  layout->tolerance_y = layout->y + layout->h + gap;
  layout->tolerance_h = layout->row_height * TOLERANCE_ROWS;
  layout->tolerance_inset = MIN (small + dot_size (style) / 2 + 2, layout->tolerance_h / 3);
  layout->column_width = MIN (layout->w / MAX (1, layout->n_columns), fs * MAX_COLUMN_EMS);

  tm_painter_clear (&painter);
}

/**
 * tm_followup_chart_cell_rect:
 * @row: an item, a #TmFollowupItem
 * @column: a follow-up, from 0 for the oldest drawn
 *
 * Where the cell of @row in @column is painted (the cell less its gap).
 */
void
tm_followup_chart_cell_rect (const TmFollowupChartLayout *layout,
                             int                          row,
                             int                          column,
                             double                      *x,
                             double                      *y,
                             double                      *width,
                             double                      *height)
{
  double gap = MIN (2.0, layout->column_width / 4);

  *x = layout->x + column * layout->column_width + gap / 2;
  *y = layout->y + row * layout->row_height + 1;
  *width = MAX (1.0, layout->column_width - gap);
  *height = MAX (1.0, layout->row_height - 2);
}

/* The height of tolerance @tolerance (0–10) in the strip. */
double
tm_followup_chart_tolerance_y (const TmFollowupChartLayout *layout,
                               int                          tolerance)
{
  double inset = layout->tolerance_inset;

  return layout->tolerance_y + inset +
         (layout->tolerance_h - 2 * inset) * (TM_FOLLOWUP_TOLERANCE_MAX - tolerance) / TM_FOLLOWUP_TOLERANCE_MAX;
}

/* The column under @x, or -1 outside the drawn columns. */
int
tm_followup_chart_column_at (const TmFollowupChartLayout *layout,
                             double                       x)
{
  int column;

  if (layout->n_columns <= 0 || x < layout->x || layout->column_width <= 0)
    return -1;
  column = (int) ((x - layout->x) / layout->column_width);
  return column < layout->n_columns ? column : -1;
}

static double
column_center (const TmFollowupChartLayout *layout,
               int                          column)
{
  return layout->x + (column + 0.5) * layout->column_width;
}

/* Drawing */

/* A name in the left column, cut short to fit it. */
static void
draw_name (TmPainter                   *painter,
           const TmFollowupChartLayout *layout,
           const char                  *name,
           double                       top,
           double                       height,
           const TmRgba                *color)
{
  g_autoptr(PangoLayout) text = pango_layout_new (painter->context);
  double room = layout->label_width - painter->style->font_size * 0.75;
  PangoRectangle logical;

  if (room < 1)
    return;
  pango_layout_set_font_description (text, painter->fonts[TM_TEXT_SMALL]);
  pango_layout_set_text (text, name, -1);
  pango_layout_set_width (text, (int) (room * PANGO_SCALE));
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (text, NULL, &logical);

  tm_chart_set_color (painter->cr, color, 1.0);
  cairo_move_to (painter->cr, 0, top + (height - (double) logical.height / PANGO_SCALE) / 2);
  pango_cairo_show_layout (painter->cr, text);
}

/* The palette's caution colour, as deep as @value reaches on @max: 0
 * shows only the empty cell. */
static void
cell_color (const TmChartStyle *style,
            int                 value,
            int                 max,
            TmRgba             *color)
{
  if (value <= 0)
    {
      *color = style->grid;
      return;
    }
  *color = style->caution;
  if (value < max)
    color->alpha *= LIGHT_ALPHA;
}

static void
draw_legend (TmPainter                   *painter,
             const TmFollowupChartLayout *layout)
{
  const TmChartStyle *style = painter->style;
  TmRgba none, light, strong;
  TmLegendItem items[3];
  double top = tm_painter_line_height (painter, TM_TEXT_BOLD) + style->font_size * 0.4;

  cell_color (style, 0, 2, &none);
  cell_color (style, 1, 2, &light);
  cell_color (style, 2, 2, &strong);
  /* Translators: the follow-up chart's legend: a cell of an item answered "No" */
  items[0] = (TmLegendItem) { TM_MARK_SWATCH, &none, C_("follow-up chart", "No") };
  /* Translators: the follow-up chart's legend: a cell of an item answered "A little" */
  items[1] = (TmLegendItem) { TM_MARK_SWATCH, &light, C_("follow-up chart", "A little") };
  /* Translators: the follow-up chart's legend: a cell of an item answered "A lot", or "Yes" */
  items[2] = (TmLegendItem) { TM_MARK_SWATCH, &strong, C_("follow-up chart", "A lot or yes") };

  /* One line: past what fits, the cells speak for themselves. */
  if (tm_chart_legend_rows (painter, items, G_N_ELEMENTS (items), layout->width) == 1)
    tm_chart_legend_draw (painter, items, G_N_ELEMENTS (items), 0, top, layout->width);
}

static void
draw_grid (TmPainter                   *painter,
           GPtrArray                   *list,
           const TmFollowupChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;

  for (int row = 0; row < layout->n_rows; row++)
    {
      int max = tm_questionnaire_kind_get_item_max (TM_QUESTIONNAIRE_FOLLOWUP, row);

      draw_name (painter, layout, tm_questionnaire_get_item (TM_QUESTIONNAIRE_FOLLOWUP, row),
                 layout->y + row * layout->row_height, layout->row_height, &style->text);

      for (int column = 0; column < layout->n_columns; column++)
        {
          int value = followup_at (list, column)->answers[row];
          double x, y, w, h;
          TmRgba color;

          if (value < 0)
            continue;
          cell_color (style, value, max, &color);
          tm_followup_chart_cell_rect (layout, row, column, &x, &y, &w, &h);
          tm_chart_set_color (cr, &color, 1.0);
          cairo_rectangle (cr, x, y, w, h);
          cairo_fill (cr);
        }
    }
}

/* Whether the segment from (@x0, @y0) to (@x1, @y1), @reach thick on each
 * side, comes into the rectangle from (@left, @top) to (@right, @bottom). */
static gboolean
segment_enters (double x0,
                double y0,
                double x1,
                double y1,
                double reach,
                double left,
                double top,
                double right,
                double bottom)
{
  double a, b, ya, yb;

  if (x0 > x1)
    {
      double t;

      t = x0, x0 = x1, x1 = t;
      t = y0, y0 = y1, y1 = t;
    }
  a = MAX (x0, left - reach);
  b = MIN (x1, right + reach);
  if (a > b)
    return FALSE;
  ya = x1 > x0 ? y0 + (y1 - y0) * (a - x0) / (x1 - x0) : y0;
  yb = x1 > x0 ? y0 + (y1 - y0) * (b - x0) / (x1 - x0) : y1;
  return MAX (ya, yb) + reach >= top && MIN (ya, yb) - reach <= bottom;
}

/* The column of the tolerance before (@step -1) or after (+1) @column's,
 * which the line joins it to, or -1. */
static int
joined_column (GPtrArray                   *list,
               const TmFollowupChartLayout *layout,
               int                          column,
               int                          step)
{
  for (int c = column + step; c >= 0 && c < layout->n_columns; c += step)
    if (followup_at (list, c)->tolerance >= 0)
      return c;
  return -1;
}

/* Where @column's tolerance number is written, centred over its dot or
 * under it, whichever side the line and the dot leave clear and stays
 * between the grid and the dates; %FALSE when neither does, or the
 * columns are too narrow: then the number is left out (the report's
 * table and the chart's description give it). */
static gboolean
label_rect (TmPainter                   *painter,
            GPtrArray                   *list,
            const TmFollowupChartLayout *layout,
            int                          column,
            double                      *x,
            double                      *y,
            double                      *width,
            double                      *height)
{
  const TmChartStyle *style = painter->style;
  int tolerance = followup_at (list, column)->tolerance;
  double reach = tolerance_line_width (style) / 2 + 1.5;
  double gap = dot_size (style) / 2 + 2;
  double center = column_center (layout, column);
  double dot_y = tm_followup_chart_tolerance_y (layout, tolerance);
  double widest, w, h;
  char number[8];

  if (tolerance < 0)
    return FALSE;
  tm_painter_measure (painter, TM_TEXT_SMALL, "10", &widest, NULL);
  if (layout->column_width < widest + 6)
    return FALSE;
  g_snprintf (number, sizeof number, "%d", tolerance);
  tm_painter_measure (painter, TM_TEXT_SMALL, number, &w, NULL);
  h = tm_painter_line_height (painter, TM_TEXT_SMALL);

  /* Over the dot, under it, right of it, left of it. */
  for (int side = 0; side < 4; side++)
    {
      double left = side < 2 ? center - w / 2 : side == 2 ? center + gap : center - gap - w;
      double top = side == 0 ? dot_y - gap - h : side == 1 ? dot_y + gap : dot_y - h / 2;
      /* Beside the dot only where it stays clear of the next column's number. */
      gboolean clear = (side < 2 || layout->column_width >= gap + w + widest / 2 + 4) &&
                       top >= layout->y + layout->h + 1 && top + h <= layout->axis_y - 1 &&
                       left >= layout->x && left + w <= layout->x + layout->n_columns * layout->column_width;

      for (int step = -1; step <= 1 && clear; step += 2)
        {
          int other = joined_column (list, layout, column, step);

          if (other >= 0)
            clear = !segment_enters (center, dot_y, column_center (layout, other),
                                     tm_followup_chart_tolerance_y (layout, followup_at (list, other)->tolerance),
                                     reach, left, top, left + w, top + h);
        }
      if (clear)
        {
          *x = left;
          *y = top;
          *width = w;
          *height = h;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * tm_followup_chart_tolerance_label_rect:
 * @column: a column of @layout
 *
 * Where the chart writes @column's tolerance as a number, clear of the
 * line and its dot.
 *
 * Returns: %FALSE when the number is not written
 */
gboolean
tm_followup_chart_tolerance_label_rect (GPtrArray                   *followups,
                                        const TmChartStyle          *style,
                                        const TmFollowupChartLayout *layout,
                                        int                          column,
                                        double                      *x,
                                        double                      *y,
                                        double                      *width,
                                        double                      *height)
{
  g_autoptr(GPtrArray) list = only_followups (followups);
  TmPainter painter;
  gboolean found;

  g_return_val_if_fail (column >= 0 && column < layout->n_columns && (guint) column < list->len, FALSE);

  tm_painter_init_measure (&painter, style);
  found = label_rect (&painter, list, layout, column, x, y, width, height);
  tm_painter_clear (&painter);
  return found;
}

static void
draw_tolerance (TmPainter                   *painter,
                GPtrArray                   *list,
                const TmFollowupChartLayout *layout)
{
  cairo_t *cr = painter->cr;
  const TmChartStyle *style = painter->style;
  double right = layout->x + layout->n_columns * layout->column_width;
  double size = dot_size (style);
  gboolean started = FALSE;

  draw_name (painter, layout, tolerance_name (), layout->tolerance_y, layout->tolerance_h, &style->text);

  /* The strip's ends, 0 and 10, as faint rules. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_color (cr, &style->grid, 1.0);
  for (int end = 0; end <= TM_FOLLOWUP_TOLERANCE_MAX; end += TM_FOLLOWUP_TOLERANCE_MAX)
    {
      double y = round (tm_followup_chart_tolerance_y (layout, end)) + 0.5;

      cairo_move_to (cr, layout->x, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);

  cairo_set_line_width (cr, tolerance_line_width (style));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int column = 0; column < layout->n_columns; column++)
    {
      int tolerance = followup_at (list, column)->tolerance;

      if (tolerance < 0)
        continue;
      if (!started)
        cairo_move_to (cr, column_center (layout, column), tm_followup_chart_tolerance_y (layout, tolerance));
      else
        cairo_line_to (cr, column_center (layout, column), tm_followup_chart_tolerance_y (layout, tolerance));
      started = TRUE;
    }
  tm_chart_set_color (cr, &style->mood, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* A dot each, and its number where the line leaves room. */
  for (int column = 0; column < layout->n_columns; column++)
    {
      int tolerance = followup_at (list, column)->tolerance;
      double x, y, w, h;
      char number[8];

      if (tolerance < 0)
        continue;
      tm_chart_mark (cr, TM_MARK_TAKEN, column_center (layout, column),
                     tm_followup_chart_tolerance_y (layout, tolerance), size, &style->mood, 1.0);
      if (!label_rect (painter, list, layout, column, &x, &y, &w, &h))
        continue;
      g_snprintf (number, sizeof number, "%d", tolerance);
      tm_painter_text (painter, TM_TEXT_SMALL, number, x, y, 0, &style->dim_text);
    }
}

/* Each follow-up's day under its column, those that would overlap the one
 * before left out. */
static void
draw_dates (TmPainter                   *painter,
            GPtrArray                   *list,
            const TmFollowupChartLayout *layout)
{
  double gap = painter->style->font_size * 0.6;
  double last_end = -G_MAXDOUBLE;

  for (int column = 0; column < layout->n_columns; column++)
    {
      /* Translators: a strftime format for a follow-up's day under the follow-up chart: "3 Mar" */
      g_autofree char *label = tm_day_format (followup_at (list, column)->day, _("%-d %b"));
      double x = column_center (layout, column), width;

      tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
      if (x - width / 2 < last_end + gap || x + width / 2 > layout->width)
        continue;
      tm_painter_text (painter, TM_TEXT_SMALL, label, x, layout->axis_y, 0.5, &painter->style->dim_text);
      last_end = x + width / 2;
    }
}

void
tm_followup_chart_draw (cairo_t                     *cr,
                        GPtrArray                   *followups,
                        const TmChartStyle          *style,
                        const TmFollowupChartLayout *layout)
{
  g_autoptr(GPtrArray) list = NULL;
  TmPainter painter;

  g_return_if_fail (cr != NULL && style != NULL && layout != NULL);

  list = only_followups (followups);
  tm_painter_init (&painter, cr, style);
  cairo_save (cr);

  if (style->background.alpha > 0)
    {
      tm_chart_set_color (cr, &style->background, 1.0);
      cairo_rectangle (cr, 0, 0, layout->width, layout->height);
      cairo_fill (cr);
    }
  tm_painter_text (&painter, TM_TEXT_BOLD, tm_questionnaire_kind_get_name (TM_QUESTIONNAIRE_FOLLOWUP),
                   0, 0, 0, &style->text);

  if (list->len == 0 || layout->n_columns <= 0)
    {
      TmChartLayout area = { .width = layout->width, .height = layout->height,
                             .x = 0, .y = layout->y, .w = layout->width,
                             .h = layout->axis_y - layout->y };

      /* Translators: the follow-up chart of a range without any follow-up */
      tm_chart_draw_empty (&painter, &area, _("No follow-up in this period"));
    }
  else
    {
      draw_legend (&painter, layout);
      draw_grid (&painter, list, layout);
      draw_tolerance (&painter, list, layout);
      draw_dates (&painter, list, layout);
    }

  cairo_restore (cr);
  tm_painter_clear (&painter);
}

/* In words */

/* "Blood in your urine noted on 3 May, 7 Jun" for each item noted. */
static void
describe_noted (GString   *text,
                GPtrArray *list)
{
  gboolean any = FALSE;

  for (guint item = 0; item < TM_N_FOLLOWUP_ITEMS; item++)
    {
      g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;

      for (guint i = 0; i < list->len; i++)
        if (followup_at (list, i)->answers[item] > 0)
          g_ptr_array_add (days, tm_day_format (followup_at (list, i)->day, _("%-d %b")));
      if (days->len == 0)
        continue;
      g_ptr_array_add (days, NULL);
      /* Translators: between the days of a list */
      joined = g_strjoinv (_(", "), (char **) days->pdata);

      /* Translators: between the items of the follow-up chart's description */
      g_string_append (text, any ? _("; ") : " ");
      /* Translators: in the follow-up chart's description: "Blood in your urine noted on 3 May, 7 Jun" */
      g_string_append_printf (text, _("%s noted on %s"),
                              tm_questionnaire_get_item (TM_QUESTIONNAIRE_FOLLOWUP, item), joined);
      any = TRUE;
    }

  if (!any)
    /* Translators: the follow-up chart's description when every answer was "No" */
    g_string_append_printf (text, " %s", _("nothing noted"));
  g_string_append_c (text, '.');
}

static void
describe_tolerance (GString   *text,
                    GPtrArray *list)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < list->len; i++)
    if (followup_at (list, i)->tolerance >= 0)
      g_ptr_array_add (values, g_strdup_printf ("%d", followup_at (list, i)->tolerance));
  if (values->len == 0)
    return;
  g_ptr_array_add (values, NULL);
  joined = g_strjoinv (_(", "), (char **) values->pdata);
  g_string_append_c (text, ' ');
  /* Translators: the follow-up chart's description: "Tolerance out of 10: 7, 8, 9." */
  g_string_append_printf (text, _("Tolerance out of %d: %s."), TM_FOLLOWUP_TOLERANCE_MAX, joined);
}

/**
 * tm_followup_chart_describe:
 * @followups: (element-type TmQuestionnaire) (nullable):
 * @from: (nullable): the range's first day, or %NULL for the first follow-up's
 * @to: (nullable): the range's last day, or %NULL for the last follow-up's
 *
 * What the chart shows, for a screen reader: "Follow-up answers from 1 March
 * 2026 to 31 May 2026: Blood in your urine noted on 3 May; Cravings for
 * ketamine noted on 3 Apr, 3 May. Tolerance out of 10: 8, 6, 7."
 */
char *
tm_followup_chart_describe (GPtrArray  *followups,
                            const char *from,
                            const char *to)
{
  g_autoptr(GPtrArray) list = only_followups (followups);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GString *text;

  if (from == NULL && list->len > 0)
    from = followup_at (list, 0)->day;
  if (to == NULL && list->len > 0)
    to = followup_at (list, list->len - 1)->day;

  /* Translators: a strftime format for the days of the follow-up chart's description: "1 March 2026" */
  first = from != NULL ? tm_day_format (from, _("%-d %B %Y")) : NULL;
  last = to != NULL ? tm_day_format (to, _("%-d %B %Y")) : NULL;

  if (list->len == 0)
    return first != NULL && last != NULL
             /* Translators: the follow-up chart's description without any follow-up */
             ? g_strdup_printf (_("No follow-up from %s to %s."), first, last)
             : g_strdup (_("No follow-up in this period."));

  text = g_string_new (NULL);
  /* Translators: the start of the follow-up chart's description; a list of what was noted follows */
  g_string_append_printf (text, _("Follow-up answers from %s to %s:"), first, last);
  describe_noted (text, list);
  describe_tolerance (text, list);
  return g_string_free (text, FALSE);
}
