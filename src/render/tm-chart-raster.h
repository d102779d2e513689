/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-chart-private.h"

G_BEGIN_DECLS

typedef struct
{
  cairo_surface_t *surface;   /* A8 */
  guint8          *data;
  int              stride;
  int              width;     /* device pixels */
  int              height;
  double           x, y;      /* the top left, in user units */
  double           sx, sy;    /* device pixels per user unit */
  int              left, top, right, bottom;   /* what was drawn on, in device pixels */
} TmRaster;

gboolean tm_raster_init       (TmRaster       *raster,
                               cairo_t        *cr,
                               double          x,
                               double          y,
                               double          width,
                               double          height);
void     tm_raster_init_stamp (TmRaster       *stamp,
                               const TmRaster *like,
                               TmMark          mark,
                               double          size,
                               double          line_width);
void     tm_raster_reset      (TmRaster       *raster);
void     tm_raster_clear      (TmRaster       *raster);
void     tm_raster_stroke     (TmRaster       *raster,
                               const double   *points,
                               guint           n_points,
                               double          line_width,
                               TmMark          mark);
void     tm_raster_fill_box   (TmRaster       *raster,
                               double          x0,
                               double          y0,
                               double          x1,
                               double          y1);
void     tm_raster_fill_dots  (TmRaster       *raster,
                               const double   *points,
                               guint           n_points,
                               double          radius);
void     tm_raster_stamp      (TmRaster       *raster,
                               const TmRaster *stamp,
                               double          x,
                               double          y);
void     tm_raster_paint      (TmRaster       *raster,
                               cairo_t        *cr,
                               const TmRgba   *color,
                               double          alpha);

typedef struct
{
  TmMark        mark;
  const TmRgba *color;
  double        x, y;
} TmPlacedMark;

void     tm_chart_draw_marks  (cairo_t            *cr,
                               const TmPlacedMark *marks,
                               guint               n_marks,
                               double              size,
                               double              line_width);

G_END_DECLS
