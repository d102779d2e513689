/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small chart view's picture, drawn once and kept until its size, font
 * size, style or data changes (tm-chart-picture.h). */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tm-chart-picture.h"
#include "tm-chart-view.h"

#define PICTURE_KEY "tm-chart-picture"

static void
on_style_changed_cb (GtkWidget *widget)
{
  tm_chart_picture_invalidate (g_object_get_data (G_OBJECT (widget), PICTURE_KEY), widget);
}

/**
 * tm_chart_picture_init:
 * @self: (out caller-allocates): kept by @widget (its instance struct)
 * @draw: lays out and draws @widget's chart
 *
 * Also redraws the picture when the style changes, dark or high contrast.
 */
void
tm_chart_picture_init (TmChartPicture     *self,
                       GtkWidget          *widget,
                       TmChartPictureDraw  draw)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  memset (self, 0, sizeof *self);
  self->draw = draw;
  g_object_set_data (G_OBJECT (widget), PICTURE_KEY, self);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_style_changed_cb), widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (on_style_changed_cb), widget,
                           G_CONNECT_SWAPPED);
}

/* The picture is drawn again at the next frame: the data or the style
 * changed. */
void
tm_chart_picture_invalidate (TmChartPicture *self,
                             GtkWidget      *widget)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

/* The picture at @widget's size, drawn again only when it must be. */
void
tm_chart_picture_snapshot (TmChartPicture *self,
                           GtkWidget      *widget,
                           GtkSnapshot    *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;

  tm_chart_style_for_widget (widget, &self->style);
  if (self->node == NULL || self->width != width || self->height != height ||
      self->font_size != self->style.font_size)
    {
      g_autoptr(GtkSnapshot) drawing = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (drawing, &GRAPHENE_RECT_INIT (0, 0, width, height));

      self->draw (widget, cr, &self->style, width, height);
      cairo_destroy (cr);
      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gtk_snapshot_free_to_node (g_steal_pointer (&drawing));
      self->width = width;
      self->height = height;
      self->font_size = self->style.font_size;
    }
  gtk_snapshot_append_node (snapshot, self->node);
}

void
tm_chart_picture_clear (TmChartPicture *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
}
