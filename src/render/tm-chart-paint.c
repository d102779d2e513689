/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the charts share: the palettes, text, markers, the legend and the
 * axes. Shapes and dash patterns carry the meaning, colour only helps, so a
 * grayscale print reads the same. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tm-chart-private.h"

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

static const TmChartStyle light_style = {
  .background = RGB (0xffffff, 0.0),
  .text       = RGB (0x241f31, 1.0),
  .dim_text   = RGB (0x241f31, 0.62),
  .grid       = RGB (0x000000, 0.08),
  .axis       = RGB (0x000000, 0.3),
  .mood       = RGB (0x1c71d8, 1.0),
  .rolling    = RGB (0x1a5fb4, 0.45),
  .anxiety    = RGB (0xc64600, 1.0),
  .energy     = RGB (0x26a269, 1.0),
  .band       = { RGB (0x9141ac, 0.05), RGB (0x9141ac, 0.11) },
  .planned    = RGB (0x613583, 1.0),
  .flag       = RGB (0xc01c28, 1.0),
  .caution    = RGB (0x9c6e03, 1.0),
  .urgent     = RGB (0xc01c28, 1.0),
  .today      = RGB (0x241f31, 0.55),
  .spread     = RGB (0x1c71d8, 0.16),
  .severity   = RGB (0xe66100, 0.07),
  .periods    = { RGB (0x1c71d8, 1.0), RGB (0x9141ac, 1.0), RGB (0x26a269, 1.0), RGB (0xc64600, 1.0) },
  .medicine   = RGB (0x865e3c, 0.2),
  .line_width = 2.0,
};

static const TmChartStyle dark_style = {
  .background = RGB (0x000000, 0.0),
  .text       = RGB (0xffffff, 1.0),
  .dim_text   = RGB (0xffffff, 0.62),
  .grid       = RGB (0xffffff, 0.09),
  .axis       = RGB (0xffffff, 0.32),
  .mood       = RGB (0x62a0ea, 1.0),
  .rolling    = RGB (0x99c1f1, 0.45),
  .anxiety    = RGB (0xffa348, 1.0),
  .energy     = RGB (0x8ff0a4, 1.0),
  .band       = { RGB (0xdc8add, 0.06), RGB (0xdc8add, 0.13) },
  .planned    = RGB (0xdc8add, 1.0),
  .flag       = RGB (0xff7b63, 1.0),
  .caution    = RGB (0xf8e45c, 1.0),
  .urgent     = RGB (0xff7b63, 1.0),
  .today      = RGB (0xffffff, 0.6),
  .spread     = RGB (0x62a0ea, 0.22),
  .severity   = RGB (0xffa348, 0.045),
  .periods    = { RGB (0x62a0ea, 1.0), RGB (0xdc8add, 1.0), RGB (0x8ff0a4, 1.0), RGB (0xffa348, 1.0) },
  .medicine   = RGB (0xcdab8f, 0.22),
  .line_width = 2.0,
};

static const TmChartStyle print_style = {
  .background = RGB (0xffffff, 1.0),
  .text       = RGB (0x000000, 1.0),
  .dim_text   = RGB (0x000000, 0.65),
  .grid       = RGB (0x000000, 0.12),
  .axis       = RGB (0x000000, 0.45),
  .mood       = RGB (0x1a5fb4, 1.0),
  .rolling    = RGB (0x1a5fb4, 0.45),
  .anxiety    = RGB (0xa51d2d, 1.0),
  .energy     = RGB (0x26a269, 1.0),
  .band       = { RGB (0x000000, 0.04), RGB (0x000000, 0.10) },
  .planned    = RGB (0x3d3846, 1.0),
  .flag       = RGB (0xa51d2d, 1.0),
  .caution    = RGB (0x3d3846, 1.0),
  .urgent     = RGB (0xa51d2d, 1.0),
  .today      = RGB (0x000000, 0.6),
  .spread     = RGB (0x000000, 0.12),
  .severity   = RGB (0x000000, 0.06),
  .periods    = { RGB (0x1a5fb4, 1.0), RGB (0x000000, 1.0), RGB (0x5e5c64, 1.0), RGB (0x3d3846, 1.0) },
  .medicine   = RGB (0x000000, 0.1),
  .line_width = 1.2,
};

/**
 * tm_chart_style_init:
 * @font_family: (nullable): the family to draw text in, or %NULL for "Sans"
 * @font_size: in the units of the cairo_t the chart is drawn on
 */
void
tm_chart_style_init (TmChartStyle     *style,
                     TmChartStyleKind  kind,
                     const char       *font_family,
                     double            font_size)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (font_size > 0);

  switch (kind)
    {
    case TM_CHART_STYLE_DARK:
      *style = dark_style;
      break;
    case TM_CHART_STYLE_PRINT:
      *style = print_style;
      break;
    case TM_CHART_STYLE_LIGHT:
    default:
      *style = light_style;
      break;
    }

  g_strlcpy (style->font_family, font_family != NULL ? font_family : "Sans",
             sizeof style->font_family);
  style->font_size = font_size;
}

/**
 * tm_chart_style_mood_tint:
 * @mood: 0 to 10
 *
 * The tint of a day with @mood (the calendar's days, its legend): from a
 * warm to a cool hue, light enough to carry dark or light text, the same
 * in light and dark mode, and ordered by lightness too for grayscale.
 */
void
tm_chart_style_mood_tint (const TmChartStyle *style,
                          int                 mood,
                          TmRgba             *color)
{
  static const TmRgba scale[11] = {
    RGB (0xc01c28, 1.0), RGB (0xd8452e, 1.0), RGB (0xe66100, 1.0), RGB (0xf08a24, 1.0),
    RGB (0xf5c211, 1.0), RGB (0xc7d33c, 1.0), RGB (0x8ec95a, 1.0), RGB (0x57b87a, 1.0),
    RGB (0x3ea39a, 1.0), RGB (0x3584e4, 1.0), RGB (0x5d7fe6, 1.0),
  };

  g_return_if_fail (color != NULL);

  *color = scale[CLAMP (mood, 0, 10)];
}

/* Text */

static PangoLayout *shape (TmPainter  *painter,
                            TmTextKind  kind,
                            const char *text);

static void
setup_fonts (TmPainter *painter)
{
  const TmChartStyle *style = painter->style;
  static const double sizes[TM_N_TEXT_KINDS] = { 1.0, TM_CHART_SMALL_TEXT, 1.0 };

  painter->context = pango_cairo_create_context (painter->cr);
  painter->shaped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (int kind = 0; kind < TM_N_TEXT_KINDS; kind++)
    {
      PangoFontDescription *font = pango_font_description_new ();
      PangoRectangle logical;

      pango_font_description_set_family (font, style->font_family);
      pango_font_description_set_absolute_size (font, style->font_size * sizes[kind] * PANGO_SCALE);
      if (kind == TM_TEXT_BOLD)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      painter->fonts[kind] = font;

      pango_layout_get_extents (shape (painter, kind, "0"), NULL, &logical);
      painter->line_heights[kind] = (double) logical.height / PANGO_SCALE;
    }
}

void
tm_painter_init (TmPainter          *painter,
                 cairo_t            *cr,
                 const TmChartStyle *style)
{
  memset (painter, 0, sizeof *painter);
  painter->cr = cr;
  painter->style = style;
  setup_fonts (painter);
}

/* A painter that only measures, for the layouts. */
void
tm_painter_init_measure (TmPainter          *painter,
                         const TmChartStyle *style)
{
  memset (painter, 0, sizeof *painter);
  painter->scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  painter->cr = cairo_create (painter->scratch);
  painter->style = style;
  setup_fonts (painter);
}

void
tm_painter_clear (TmPainter *painter)
{
  g_clear_pointer (&painter->shaped, g_hash_table_unref);
  g_clear_object (&painter->context);
  for (int kind = 0; kind < TM_N_TEXT_KINDS; kind++)
    g_clear_pointer (&painter->fonts[kind], pango_font_description_free);
  if (painter->scratch != NULL)
    {
      g_clear_pointer (&painter->cr, cairo_destroy);
      g_clear_pointer (&painter->scratch, cairo_surface_destroy);
    }
}

/* The same words in the same font are shaped once per drawing (axis
 * labels, legend entries and band names come back many times). */
static PangoLayout *
shape (TmPainter  *painter,
       TmTextKind  kind,
       const char *text)
{
  g_autofree char *key = g_strdup_printf ("%d\x1f%s", kind, text);
  PangoLayout *layout = g_hash_table_lookup (painter->shaped, key);

  if (layout == NULL)
    {
      layout = pango_layout_new (painter->context);
      pango_layout_set_font_description (layout, painter->fonts[kind]);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (painter->shaped, g_steal_pointer (&key), layout);
    }
  return layout;
}

void
tm_painter_measure (TmPainter  *painter,
                    TmTextKind  kind,
                    const char *text,
                    double     *width,
                    double     *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (shape (painter, kind, text), NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

double
tm_painter_line_height (TmPainter  *painter,
                        TmTextKind  kind)
{
  return painter->line_heights[kind];
}

/* Draws @text with its top at @y; @xalign 0 puts its left at @x, 0.5 its
 * middle, 1 its right. Returns its width. */
double
tm_painter_text (TmPainter    *painter,
                 TmTextKind    kind,
                 const char   *text,
                 double        x,
                 double        y,
                 double        xalign,
                 const TmRgba *color)
{
  double width;

  tm_painter_measure (painter, kind, text, &width, NULL);
  tm_chart_set_color (painter->cr, color, 1.0);
  cairo_move_to (painter->cr, x - width * xalign, y);
  pango_cairo_show_layout (painter->cr, shape (painter, kind, text));
  return width;
}

/* Shapes */

void
tm_chart_set_color (cairo_t      *cr,
                    const TmRgba *color,
                    double        alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
tm_chart_paint_background (cairo_t             *cr,
                           const TmChartStyle  *style,
                           const TmChartLayout *layout)
{
  if (style->background.alpha <= 0)
    return;

  tm_chart_set_color (cr, &style->background, 1.0);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);
}

/**
 * tm_chart_dash_pattern:
 * @dashes: (out): on and off lengths, along the line
 *
 * The dash pattern of @mark's line, for a stroke and for the per-column
 * path alike. Returns: the number of @dashes, 0 for a solid line; @round_caps
 * says whether the dashes' ends are round or cut square.
 */
int
tm_chart_dash_pattern (TmMark    mark,
                       double    line_width,
                       double    dashes[2],
                       gboolean *round_caps)
{
  switch (mark)
    {
    case TM_MARK_DASHED_LINE:
      dashes[0] = 3.5 * line_width, dashes[1] = 2.0 * line_width;
      *round_caps = FALSE;
      return 2;
    case TM_MARK_DOTTED_LINE:
      dashes[0] = 0.01, dashes[1] = 2.2 * line_width;
      *round_caps = TRUE;
      return 2;
    case TM_MARK_DASHED_RULE:
    case TM_MARK_PLANNED:
      dashes[0] = 3.0, dashes[1] = 3.0;
      *round_caps = FALSE;
      return 2;
    case TM_MARK_LINE:
    case TM_MARK_THICK_LINE:
    case TM_MARK_TAKEN:
    case TM_MARK_EXTRA:
    case TM_MARK_MISSED:
    case TM_MARK_LATE:
    case TM_MARK_CAUTION:
    case TM_MARK_URGENT:
    case TM_MARK_SWATCH:
    case TM_MARK_FAINT_DOT:
    default:
      *round_caps = TRUE;
      return 0;
    }
}

void
tm_chart_set_dash (cairo_t *cr,
                   TmMark   mark,
                   double   line_width)
{
  double dashes[2];
  gboolean round_caps;
  int n = tm_chart_dash_pattern (mark, line_width, dashes, &round_caps);

  cairo_set_dash (cr, n > 0 ? dashes : NULL, n, 0);
  cairo_set_line_cap (cr, round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
}

static void
triangle (cairo_t *cr,
          double   x,
          double   y,
          double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r * 0.95, y + r * 0.7);
  cairo_line_to (cr, x - r * 0.95, y + r * 0.7);
  cairo_close_path (cr);
}

/* One marker centred on @x, @y, @size across. */
void
tm_chart_mark (cairo_t      *cr,
               TmMark        mark,
               double        x,
               double        y,
               double        size,
               const TmRgba *color,
               double        line_width)
{
  double r = size / 2;

  cairo_save (cr);
  cairo_new_path (cr);
  tm_chart_set_color (cr, color, 1.0);
  cairo_set_line_width (cr, line_width);
  tm_chart_set_dash (cr, mark, line_width);

  switch (mark)
    {
    case TM_MARK_LINE:
      cairo_move_to (cr, x - size, y);
      cairo_line_to (cr, x + size, y);
      cairo_stroke (cr);
      cairo_arc (cr, x, y, line_width * 1.4, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case TM_MARK_THICK_LINE:
      cairo_set_line_width (cr, line_width * 2.5);
      cairo_move_to (cr, x - size, y);
      cairo_line_to (cr, x + size, y);
      cairo_stroke (cr);
      break;
    case TM_MARK_DASHED_LINE:
    case TM_MARK_DOTTED_LINE:
      cairo_move_to (cr, x - size, y);
      cairo_line_to (cr, x + size, y);
      cairo_stroke (cr);
      break;
    case TM_MARK_DASHED_RULE:
      cairo_set_line_width (cr, MAX (1.0, line_width * 0.6));
      cairo_move_to (cr, x, y - size * 0.8);
      cairo_line_to (cr, x, y + size * 0.8);
      cairo_stroke (cr);
      break;
    case TM_MARK_PLANNED:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_arc (cr, x, y, r - line_width / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case TM_MARK_TAKEN:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case TM_MARK_LATE:
      cairo_move_to (cr, x - r * 2.4, y);
      cairo_line_to (cr, x, y);
      cairo_stroke (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case TM_MARK_EXTRA:
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case TM_MARK_MISSED:
      cairo_arc (cr, x, y, r - line_width / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, x - r * 0.55, y - r * 0.55);
      cairo_line_to (cr, x + r * 0.55, y + r * 0.55);
      cairo_move_to (cr, x + r * 0.55, y - r * 0.55);
      cairo_line_to (cr, x - r * 0.55, y + r * 0.55);
      cairo_stroke (cr);
      break;
    case TM_MARK_CAUTION:
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      triangle (cr, x, y, r - line_width / 2);
      cairo_stroke (cr);
      break;
    case TM_MARK_URGENT:
      triangle (cr, x, y, r);
      cairo_fill (cr);
      break;
    case TM_MARK_SWATCH:
      cairo_rectangle (cr, x - r, y - r, size, size);
      cairo_fill (cr);
      break;
    case TM_MARK_FAINT_DOT:
      cairo_arc (cr, x, y, r - line_width / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    default:
      g_assert_not_reached ();
    }

  cairo_restore (cr);
}

/* The legend: items flow left to right and wrap. */

#define LEGEND_MARK_WIDTH 22.0

static double
legend_item_width (TmPainter          *painter,
                   const TmLegendItem *item)
{
  double width;

  tm_painter_measure (painter, TM_TEXT_SMALL, item->label, &width, NULL);
  return LEGEND_MARK_WIDTH + 4 + width;
}

static double
legend_gap (TmPainter *painter)
{
  return painter->style->font_size * 1.4;
}

int
tm_chart_legend_rows (TmPainter          *painter,
                      const TmLegendItem *items,
                      guint               n_items,
                      double              width)
{
  double x = 0;
  int rows = n_items > 0 ? 1 : 0;

  for (guint i = 0; i < n_items; i++)
    {
      double w = legend_item_width (painter, &items[i]);

      if (x > 0 && x + w > width)
        rows++, x = 0;
      x += w + legend_gap (painter);
    }
  return rows;
}

void
tm_chart_legend_draw (TmPainter          *painter,
                      const TmLegendItem *items,
                      guint               n_items,
                      double              x0,
                      double              y,
                      double              width)
{
  double line_height = tm_painter_line_height (painter, TM_TEXT_SMALL);
  double mark_size = painter->style->font_size * 0.7;
  double x = 0;

  for (guint i = 0; i < n_items; i++)
    {
      double w = legend_item_width (painter, &items[i]);
      double cy = y + line_height / 2;

      if (x > 0 && x + w > width)
        {
          y += line_height * 1.25;
          cy = y + line_height / 2;
          x = 0;
        }

      switch (items[i].mark)
        {
        case TM_MARK_LINE:
        case TM_MARK_THICK_LINE:
        case TM_MARK_DASHED_LINE:
        case TM_MARK_DOTTED_LINE:
          tm_chart_mark (painter->cr, items[i].mark, x0 + x + LEGEND_MARK_WIDTH / 2, cy,
                         LEGEND_MARK_WIDTH / 2, items[i].color, painter->style->line_width);
          break;
        case TM_MARK_SWATCH:
          tm_chart_mark (painter->cr, items[i].mark, x0 + x + LEGEND_MARK_WIDTH / 2, cy,
                         LEGEND_MARK_WIDTH * 0.6, items[i].color, painter->style->line_width);
          break;
        case TM_MARK_DASHED_RULE:
          tm_chart_mark (painter->cr, items[i].mark, x0 + x + LEGEND_MARK_WIDTH / 2, cy,
                         line_height * 0.6, items[i].color, painter->style->line_width);
          break;
        case TM_MARK_PLANNED:
        case TM_MARK_TAKEN:
        case TM_MARK_EXTRA:
        case TM_MARK_MISSED:
        case TM_MARK_LATE:
        case TM_MARK_CAUTION:
        case TM_MARK_URGENT:
        case TM_MARK_FAINT_DOT:
        default:
          tm_chart_mark (painter->cr, items[i].mark, x0 + x + LEGEND_MARK_WIDTH / 2, cy,
                         mark_size, items[i].color, MAX (1.0, painter->style->line_width * 0.75));
          break;
        }
      tm_painter_text (painter, TM_TEXT_SMALL, items[i].label, x0 + x + LEGEND_MARK_WIDTH + 4, y, 0,
                       &painter->style->text);
      x += w + legend_gap (painter);
    }
}

/* Axes */

double
tm_chart_value_label_width (TmPainter *painter)
{
  double width;

  tm_painter_measure (painter, TM_TEXT_SMALL, "27", &width, NULL);
  return width;
}

/* The width a vertical axis title takes at the chart's left edge. */
double
tm_chart_axis_title_width (TmPainter *painter)
{
  return tm_painter_line_height (painter, TM_TEXT_SMALL) * 1.2;
}

/* @title along the left edge, read from bottom to top, in the middle of
 * the plot's height. */
void
tm_chart_draw_axis_title (TmPainter           *painter,
                          const TmChartLayout *layout,
                          const char          *title)
{
  cairo_t *cr = painter->cr;
  double width;

  tm_painter_measure (painter, TM_TEXT_SMALL, title, &width, NULL);
  cairo_save (cr);
  cairo_translate (cr, 0, layout->y + layout->h / 2 + width / 2);
  cairo_rotate (cr, -G_PI / 2);
  tm_painter_text (painter, TM_TEXT_SMALL, title, 0, 0, 0.0, &painter->style->dim_text);
  cairo_restore (cr);
}

/* Horizontal grid lines at @values, labelled on the left. */
void
tm_chart_draw_value_axis (TmPainter           *painter,
                          const TmChartLayout *layout,
                          const int           *values,
                          guint                n_values)
{
  cairo_t *cr = painter->cr;
  double line_height = tm_painter_line_height (painter, TM_TEXT_SMALL);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  tm_chart_set_color (cr, &painter->style->grid, 1.0);
  for (guint i = 0; i < n_values; i++)
    {
      double y = round (tm_chart_layout_value_y (layout, values[i])) + 0.5;

      cairo_move_to (cr, layout->x, y);
      cairo_line_to (cr, layout->x + layout->w, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < n_values; i++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%d", values[i]);
      tm_painter_text (painter, TM_TEXT_SMALL, label, layout->x - painter->style->font_size * 0.5,
                       tm_chart_layout_value_y (layout, values[i]) - line_height / 2, 1.0,
                       &painter->style->dim_text);
    }
}

typedef enum
{
  STEP_DAYS,
  STEP_MONTHS,
  STEP_YEARS,
} StepUnit;

typedef struct
{
  StepUnit unit;
  int      count;
} Step;

static const Step steps[] = {
  { STEP_DAYS, 1 }, { STEP_DAYS, 2 }, { STEP_DAYS, 7 }, { STEP_DAYS, 14 },
  { STEP_MONTHS, 1 }, { STEP_MONTHS, 2 }, { STEP_MONTHS, 3 }, { STEP_MONTHS, 6 },
  { STEP_YEARS, 1 }, { STEP_YEARS, 2 }, { STEP_YEARS, 5 }, { STEP_YEARS, 10 },
};

static char *
format_date (const GDate *date,
             StepUnit     unit,
             gboolean     with_year)
{
  g_autofree char *day = tm_day_from_date (date);

  switch (unit)
    {
    case STEP_DAYS:
      /* Translators: a strftime format for a day on a chart's axis: "28 Nov" */
      return tm_day_format (day, _("%-d %b"));
    case STEP_MONTHS:
      /* Translators: strftime formats for a month on a chart's axis: "Nov", and "Jan 2027"
       * for January or the first month shown */
      return tm_day_format (day, with_year ? _("%b %Y") : _("%b"));
    case STEP_YEARS:
    default:
      return tm_day_format (day, "%Y");
    }
}

static double
step_days (const Step *step)
{
  switch (step->unit)
    {
    case STEP_DAYS:
      return step->count;
    case STEP_MONTHS:
      return step->count * 30.44;
    case STEP_YEARS:
    default:
      return step->count * 365.25;
    }
}

/* Moves @date on to the first date, on or after it, where a label of
 * @step goes. */
static void
first_label_date (const Step *step,
                  GDate      *date)
{
  switch (step->unit)
    {
    case STEP_DAYS:
      if (step->count >= 7)
        {
          /* Weeks start on the locale's first day of the week. */
          while (g_date_get_weekday (date) != tm_first_weekday ())
            g_date_add_days (date, 1);
        }
      break;
    case STEP_MONTHS:
      if (g_date_get_day (date) != 1)
        {
          g_date_set_day (date, 1);
          g_date_add_months (date, 1);
        }
      while ((g_date_get_month (date) - 1) % step->count != 0)
        g_date_add_months (date, 1);
      break;
    case STEP_YEARS:
    default:
      if (g_date_get_day (date) != 1 || g_date_get_month (date) != G_DATE_JANUARY)
        {
          g_date_set_dmy (date, 1, G_DATE_JANUARY, g_date_get_year (date) + 1);
        }
      while (g_date_get_year (date) % step->count != 0)
        g_date_add_years (date, 1);
      break;
    }
}

static void
next_label_date (const Step *step,
                 GDate      *date)
{
  switch (step->unit)
    {
    case STEP_DAYS:
      g_date_add_days (date, (guint) step->count);
      break;
    case STEP_MONTHS:
      g_date_add_months (date, (guint) step->count);
      break;
    case STEP_YEARS:
    default:
      g_date_add_years (date, (guint) step->count);
      break;
    }
}

/* Dates under the plot, as many as fit without crowding, in the locale's
 * words. Day labels sit under their day, month and year labels start at
 * their first day. */
void
tm_chart_draw_date_axis (TmPainter           *painter,
                         const TmChartLayout *layout,
                         const char          *first_day)
{
  cairo_t *cr = painter->cr;
  const Step *step = &steps[G_N_ELEMENTS (steps) - 1];
  double gap = painter->style->font_size * 1.2;
  double last_end = -G_MAXDOUBLE;
  GDate first, date;

  if (!tm_day_to_date (first_day, &first))
    return;

  /* The shortest step whose labels do not crowd each other, measured on
   * a wide label of each kind. */
  {
    double widths[STEP_YEARS + 1] = { -1, -1, -1 };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        StepUnit unit = steps[i].unit;

        if (widths[unit] < 0)
          {
            g_autofree char *sample = NULL;
            GDate wide;

            g_date_clear (&wide, 1);
            g_date_set_dmy (&wide, 28, G_DATE_SEPTEMBER, g_date_get_year (&first));
            sample = format_date (&wide, unit, unit == STEP_MONTHS);
            tm_painter_measure (painter, TM_TEXT_SMALL, sample, &widths[unit], NULL);
          }
        if (step_days (&steps[i]) * layout->column_width >= widths[unit] + gap)
          {
            step = &steps[i];
            break;
          }
      }
  }

  date = first;
  first_label_date (step, &date);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (gboolean first_label = TRUE;; first_label = FALSE)
    {
      int column = (int) g_date_get_julian (&date) - (int) g_date_get_julian (&first);
      g_autofree char *label = NULL;
      double x, width, left;

      if (column >= layout->n_columns)
        break;

      label = format_date (&date, step->unit,
                           first_label || g_date_get_month (&date) == G_DATE_JANUARY);
      tm_painter_measure (painter, TM_TEXT_SMALL, label, &width, NULL);
      if (step->unit == STEP_DAYS)
        {
          x = tm_chart_layout_column_x (layout, column);
          left = x - width / 2;
        }
      else
        {
          x = layout->x + column * layout->column_width;
          left = x + 2;
        }

      if (left >= last_end + gap / 2 && left + width <= layout->width)
        {
          double tick_x = round (x) + 0.5;

          tm_chart_set_color (cr, &painter->style->axis, 1.0);
          cairo_move_to (cr, tick_x, layout->axis_y - 4);
          cairo_line_to (cr, tick_x, layout->axis_y);
          cairo_stroke (cr);
          tm_painter_text (painter, TM_TEXT_SMALL, label, left, layout->axis_y, 0,
                           &painter->style->dim_text);
          last_end = left + width;
        }

      next_label_date (step, &date);
      if (!g_date_valid (&date))
        break;
    }
  cairo_restore (cr);
}

/* An honest empty chart: the axes, and why there is nothing on them. */
void
tm_chart_draw_empty (TmPainter           *painter,
                     const TmChartLayout *layout,
                     const char          *message)
{
  double width, height;

  tm_painter_measure (painter, TM_TEXT_NORMAL, message, &width, &height);
  tm_painter_text (painter, TM_TEXT_NORMAL, message, layout->x + layout->w / 2,
                   layout->y + (layout->h - height) / 2, 0.5, &painter->style->dim_text);
}

/* Layout */

/* The centre of @column. */
double
tm_chart_layout_column_x (const TmChartLayout *layout,
                          int                  column)
{
  return layout->x + (column + 0.5) * layout->column_width;
}

double
tm_chart_layout_value_y (const TmChartLayout *layout,
                         double               value)
{
  return layout->y + layout->h * (layout->y_max - value) / (layout->y_max - layout->y_min);
}

/* The column under @x, or -1 outside the plot. */
int
tm_chart_layout_column_at (const TmChartLayout *layout,
                           double               x)
{
  int column;

  if (layout->n_columns <= 0 || x < layout->x || x >= layout->x + layout->w)
    return -1;
  column = (int) floor ((x - layout->x) / layout->column_width);
  return CLAMP (column, 0, layout->n_columns - 1);
}
