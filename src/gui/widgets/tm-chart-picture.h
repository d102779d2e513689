/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tm-chart.h"

G_BEGIN_DECLS

/* A small chart view's picture (the follow-up and the reading charts):
 * laid out and drawn by its renderer into a render node, once for a size,
 * font size and style, and again only when one of them or the data
 * changes. The views keep one each and hand it their drawing. */

/* Lays out and draws @widget's chart, @width × @height, in @style. */
typedef void (*TmChartPictureDraw) (GtkWidget          *widget,
                                    cairo_t            *cr,
                                    const TmChartStyle *style,
                                    int                 width,
                                    int                 height);

typedef struct
{
  TmChartPictureDraw  draw;
  TmChartStyle        style;      /* the window's, as last drawn */
  GskRenderNode      *node;       /* drawn at width × height in style's font size */
  int                 width;
  int                 height;
  double              font_size;
} TmChartPicture;

void tm_chart_picture_init       (TmChartPicture     *self,
                                  GtkWidget          *widget,
                                  TmChartPictureDraw  draw);
void tm_chart_picture_invalidate (TmChartPicture     *self,
                                  GtkWidget          *widget);
void tm_chart_picture_snapshot   (TmChartPicture     *self,
                                  GtkWidget          *widget,
                                  GtkSnapshot        *snapshot);
void tm_chart_picture_clear      (TmChartPicture     *self);

G_END_DECLS
