/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "tm-chart.h"

G_BEGIN_DECLS

/* What the three charts share: text, markers, the legend, the date axis. */

typedef enum
{
  TM_TEXT_NORMAL,
  TM_TEXT_SMALL,
  TM_TEXT_BOLD,
  TM_N_TEXT_KINDS
} TmTextKind;

typedef struct
{
  cairo_t               *cr;
  cairo_surface_t       *scratch;       /* for measuring without a target */
  const TmChartStyle    *style;
  PangoContext          *context;
  GHashTable            *shaped;        /* kind and text → PangoLayout, for one drawing */
  PangoFontDescription  *fonts[TM_N_TEXT_KINDS];
  double                 line_heights[TM_N_TEXT_KINDS];
} TmPainter;

void   tm_painter_init         (TmPainter          *painter,
                                cairo_t            *cr,
                                const TmChartStyle *style);
void   tm_painter_init_measure (TmPainter          *painter,
                                const TmChartStyle *style);
void   tm_painter_clear        (TmPainter          *painter);
void   tm_painter_measure      (TmPainter          *painter,
                                TmTextKind          kind,
                                const char         *text,
                                double             *width,
                                double             *height);
double tm_painter_text         (TmPainter          *painter,
                                TmTextKind          kind,
                                const char         *text,
                                double              x,
                                double              y,
                                double              xalign,
                                const TmRgba       *color);
double tm_painter_line_height  (TmPainter          *painter,
                                TmTextKind          kind);

void   tm_chart_set_color      (cairo_t            *cr,
                                const TmRgba       *color,
                                double              alpha);
void   tm_chart_paint_background (cairo_t             *cr,
                                  const TmChartStyle  *style,
                                  const TmChartLayout *layout);

typedef enum
{
  TM_MARK_LINE,            /* mood: a line through a dot */
  TM_MARK_THICK_LINE,      /* the rolling mean */
  TM_MARK_DASHED_LINE,     /* anxiety */
  TM_MARK_DOTTED_LINE,     /* energy */
  TM_MARK_PLANNED,         /* hollow circle */
  TM_MARK_TAKEN,           /* filled circle */
  TM_MARK_EXTRA,           /* filled diamond */
  TM_MARK_MISSED,          /* crossed circle */
  TM_MARK_LATE,            /* filled circle joined to its planned day */
  TM_MARK_CAUTION,         /* hollow triangle */
  TM_MARK_URGENT,          /* filled triangle */
  TM_MARK_SWATCH,          /* a filled square, for bands */
  TM_MARK_DASHED_RULE,     /* a vertical dashed rule */
  TM_MARK_FAINT_DOT,       /* a point from fewer than three days */
} TmMark;

void   tm_chart_mark           (cairo_t            *cr,
                                TmMark              mark,
                                double              x,
                                double              y,
                                double              size,
                                const TmRgba       *color,
                                double              line_width);
void   tm_chart_set_dash       (cairo_t            *cr,
                                TmMark              mark,
                                double              line_width);
int    tm_chart_dash_pattern   (TmMark              mark,
                                double              line_width,
                                double              dashes[2],
                                gboolean           *round_caps);

typedef struct
{
  TmMark        mark;
  const TmRgba *color;
  const char   *label;
} TmLegendItem;

int    tm_chart_legend_rows    (TmPainter          *painter,
                                const TmLegendItem *items,
                                guint               n_items,
                                double              width);
void   tm_chart_legend_draw    (TmPainter          *painter,
                                const TmLegendItem *items,
                                guint               n_items,
                                double              x,
                                double              y,
                                double              width);

void   tm_chart_draw_value_axis (TmPainter           *painter,
                                 const TmChartLayout *layout,
                                 const int           *values,
                                 guint                n_values);
void   tm_chart_draw_date_axis  (TmPainter           *painter,
                                 const TmChartLayout *layout,
                                 const char          *first_day);
void   tm_chart_draw_empty      (TmPainter           *painter,
                                 const TmChartLayout *layout,
                                 const char          *message);

double tm_chart_value_label_width (TmPainter         *painter);
double tm_chart_axis_title_width  (TmPainter         *painter);
void   tm_chart_draw_axis_title   (TmPainter           *painter,
                                   const TmChartLayout *layout,
                                   const char          *title);

/* For tests and benchmarks only: draw with vectors even on a pixel target,
 * as on a PDF page, so that the per-column path can be held against them. */
void   tm_chart_set_force_vector  (gboolean           force);

G_END_DECLS
