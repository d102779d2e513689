/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coverage masks drawn a pixel column at a time, for pixel targets.
 *
 * Cairo strokes a long zig-zag line slowly (tens of milliseconds for a
 * thousand segments), and a chart of ten years is such a line. On a pixel
 * target the charts instead fill one A8 mask per colour a column at a time
 * and composite it once, so the cost follows the pixels, not the days.
 * Vector targets (the PDF) keep real strokes. */
#define G_LOG_DOMAIN "tm-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tm-chart-raster.h"

static gboolean
is_vector (cairo_surface_t *surface)
{
  switch (cairo_surface_get_type (surface))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * tm_raster_init:
 * @x: the mask's left, in user units
 *
 * Returns: whether @cr draws on pixels without rotation, so that a mask
 *   serves; if not, the caller draws with vectors
 */
gboolean
tm_raster_init (TmRaster *raster,
                cairo_t  *cr,
                double    x,
                double    y,
                double    width,
                double    height)
{
  cairo_matrix_t matrix;
  double device_sx, device_sy;
  int device_width, device_height;

  memset (raster, 0, sizeof *raster);

  cairo_get_matrix (cr, &matrix);
  if (is_vector (cairo_get_target (cr)) || matrix.xy != 0 || matrix.yx != 0 ||
      width <= 0 || height <= 0)
    return FALSE;

  /* Pixels per user unit: the transformation's and the target's scale. */
  cairo_surface_get_device_scale (cairo_get_target (cr), &device_sx, &device_sy);
  raster->sx = matrix.xx * device_sx;
  raster->sy = matrix.yy * device_sy;
  if (raster->sx <= 0 || raster->sy <= 0)
    return FALSE;

  /* The mask's corner on a device pixel: composited at a fraction of a
   * pixel, it would be resampled, slowly. */
  {
    double left = x, top = y;

    cairo_user_to_device (cr, &left, &top);
    left = floor (left * device_sx) / device_sx;
    top = floor (top * device_sy) / device_sy;
    cairo_device_to_user (cr, &left, &top);
    width += x - left, height += y - top;
    x = left, y = top;
  }

  device_width = (int) ceil (width * raster->sx);
  device_height = (int) ceil (height * raster->sy);
  raster->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, device_width, device_height);
  if (cairo_surface_status (raster->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&raster->surface, cairo_surface_destroy);
      return FALSE;
    }
  cairo_surface_set_device_scale (raster->surface, raster->sx, raster->sy);
  cairo_surface_flush (raster->surface);
  raster->data = cairo_image_surface_get_data (raster->surface);
  raster->stride = cairo_image_surface_get_stride (raster->surface);
  raster->width = device_width;
  raster->height = device_height;
  raster->x = x;
  raster->y = y;
  raster->left = raster->top = G_MAXINT;
  raster->right = raster->bottom = -1;
  return TRUE;
}

void
tm_raster_clear (TmRaster *raster)
{
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  raster->data = NULL;
}

/* Covers column @column from @top to @bottom (device pixels from the
 * mask's top, fractional), at @alpha; what is there already stays if
 * stronger. */
void
tm_raster_span (TmRaster *raster,
                int       column,
                double    top,
                double    bottom,
                double    alpha)
{
  int first, last;
  guint8 full, *pixel;

  if (column < 0 || column >= raster->width || bottom <= top)
    return;

  top = MAX (top, 0.0);
  bottom = MIN (bottom, (double) raster->height);
  if (bottom <= top)
    return;

  first = (int) top;
  last = (int) ceil (bottom) - 1;
  raster->left = MIN (raster->left, column);
  raster->right = MAX (raster->right, column);
  raster->top = MIN (raster->top, first);
  raster->bottom = MAX (raster->bottom, last);
  full = (guint8) (CLAMP (alpha, 0.0, 1.0) * 255 + 0.5);
  pixel = raster->data + first * raster->stride + column;
  for (int row = first; row <= last; row++, pixel += raster->stride)
    {
      guint8 value = full;

      /* Only the end rows are partly covered. */
      if (row == first || row == last)
        {
          double covered = MIN (bottom, row + 1.0) - MAX (top, (double) row);

          value = (guint8) (covered * full + 0.5);
        }
      if (value > *pixel)
        *pixel = value;
    }
}

/* A marker drawn once, to be stamped many times. */
void
tm_raster_init_stamp (TmRaster       *stamp,
                      const TmRaster *like,
                      TmMark          mark,
                      double          size,
                      double          line_width)
{
  static const TmRgba opaque = { 0, 0, 0, 1 };
  int device_size = (int) ceil ((size * 1.4 + line_width) * MAX (like->sx, like->sy)) + 2;
  cairo_t *cr;

  memset (stamp, 0, sizeof *stamp);
  stamp->sx = like->sx;
  stamp->sy = like->sy;
  stamp->width = stamp->height = device_size;
  stamp->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, device_size, device_size);
  cairo_surface_set_device_scale (stamp->surface, stamp->sx, stamp->sy);

  cr = cairo_create (stamp->surface);
  tm_chart_mark (cr, mark, device_size / 2.0 / stamp->sx, device_size / 2.0 / stamp->sy, size,
                 &opaque, line_width);
  cairo_destroy (cr);

  cairo_surface_flush (stamp->surface);
  stamp->data = cairo_image_surface_get_data (stamp->surface);
  stamp->stride = cairo_image_surface_get_stride (stamp->surface);
}

/* Stamps @stamp centred on @x, @y (user units), to the nearest pixel. */
void
tm_raster_stamp (TmRaster       *raster,
                 const TmRaster *stamp,
                 double          x,
                 double          y)
{
  int left = (int) lround ((x - raster->x) * raster->sx - stamp->width / 2.0);
  int top = (int) lround ((y - raster->y) * raster->sy - stamp->height / 2.0);

  raster->left = MAX (0, MIN (raster->left, left));
  raster->right = MIN (raster->width - 1, MAX (raster->right, left + stamp->width - 1));
  raster->top = MAX (0, MIN (raster->top, top));
  raster->bottom = MIN (raster->height - 1, MAX (raster->bottom, top + stamp->height - 1));

  for (int row = MAX (0, -top); row < stamp->height && top + row < raster->height; row++)
    {
      const guint8 *from = stamp->data + row * stamp->stride;
      guint8 *to = raster->data + (top + row) * raster->stride;

      for (int column = MAX (0, -left); column < stamp->width && left + column < raster->width; column++)
        if (from[column] > to[left + column])
          to[left + column] = from[column];
    }
}

/* Composites the mask in @color, once, over only what was drawn on. */
void
tm_raster_paint (TmRaster     *raster,
                 cairo_t      *cr,
                 const TmRgba *color,
                 double        alpha)
{
  if (raster->right < raster->left || raster->bottom < raster->top)
    return;

  cairo_surface_mark_dirty (raster->surface);
  cairo_save (cr);
  cairo_rectangle (cr, raster->x + raster->left / raster->sx, raster->y + raster->top / raster->sy,
                   (raster->right - raster->left + 1) / raster->sx,
                   (raster->bottom - raster->top + 1) / raster->sy);
  cairo_clip (cr);
  tm_chart_set_color (cr, color, alpha);
  cairo_mask_surface (cr, raster->surface, raster->x, raster->y);
  cairo_restore (cr);
}

#define N_MARKS (TM_MARK_FAINT_DOT + 1)
#define MIN_STAMPED 24   /* fewer marks are drawn as vectors */

/**
 * tm_chart_draw_marks:
 *
 * Draws many markers: as vectors when they are few or the target is a
 * vector one, else stamped into one mask per colour.
 */
void
tm_chart_draw_marks (cairo_t            *cr,
                     const TmPlacedMark *marks,
                     guint               n_marks,
                     double              size,
                     double              line_width)
{
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  TmRaster raster;

  for (guint i = 0; i < n_marks; i++)
    {
      left = MIN (left, marks[i].x), right = MAX (right, marks[i].x);
      top = MIN (top, marks[i].y), bottom = MAX (bottom, marks[i].y);
      if (!g_ptr_array_find (colors, marks[i].color, NULL))
        g_ptr_array_add (colors, (gpointer) marks[i].color);
    }

  if (n_marks < MIN_STAMPED ||
      !tm_raster_init (&raster, cr, left - size * 1.5, top - size * 1.5,
                       right - left + size * 3, bottom - top + size * 3))
    {
      for (guint i = 0; i < n_marks; i++)
        tm_chart_mark (cr, marks[i].mark, marks[i].x, marks[i].y, size, marks[i].color, line_width);
      return;
    }

  for (guint c = 0; c < colors->len; c++)
    {
      TmRaster stamps[N_MARKS] = { { 0 } };

      if (c > 0)
        {
          cairo_surface_flush (raster.surface);
          memset (raster.data, 0, (size_t) raster.stride * raster.height);
          raster.left = raster.top = G_MAXINT;
          raster.right = raster.bottom = -1;
        }
      for (guint i = 0; i < n_marks; i++)
        {
          if (marks[i].color != colors->pdata[c])
            continue;
          if (stamps[marks[i].mark].surface == NULL)
            tm_raster_init_stamp (&stamps[marks[i].mark], &raster, marks[i].mark, size, line_width);
          tm_raster_stamp (&raster, &stamps[marks[i].mark], marks[i].x, marks[i].y);
        }
      tm_raster_paint (&raster, cr, colors->pdata[c], 1.0);
      for (guint m = 0; m < N_MARKS; m++)
        tm_raster_clear (&stamps[m]);
    }
  tm_raster_clear (&raster);
}
