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

static gboolean force_vector;

void
tm_chart_set_force_vector (gboolean force)
{
  force_vector = force;
}

static gboolean
is_vector (cairo_surface_t *surface)
{
  if (force_vector)
    return TRUE;

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

/* Empties what was drawn on, for another colour. */
void
tm_raster_reset (TmRaster *raster)
{
  cairo_surface_flush (raster->surface);
  for (int row = MAX (0, raster->top); row <= MIN (raster->bottom, raster->height - 1); row++)
    memset (raster->data + (gsize) row * raster->stride + raster->left, 0, raster->right - raster->left + 1);
  raster->left = raster->top = G_MAXINT;
  raster->right = raster->bottom = -1;
}

void
tm_raster_clear (TmRaster *raster)
{
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  raster->data = NULL;
}

/* Lines */

#define SAMPLES 4   /* across each device column, for the edges of steep lines */

/* What one piece of a line (a run of it, or one dash) covers: for each
 * device column and each sample across it, the lowest and highest device
 * row the piece reaches on that vertical. The pieces are convex shapes,
 * so each sample's cover is one stretch; their union is too, as the piece
 * is connected. */
typedef struct
{
  TmRaster *raster;
  double   *low;
  double   *high;
  double   *part;           /* for one column at a time: rows partly covered, */
  double   *step;           /* and where whole rows start and stop */
  int       first, last;   /* the columns touched since the last flush */
} Cover;

static void
cover_init (Cover    *cover,
            TmRaster *raster)
{
  gsize n = (gsize) raster->width * SAMPLES;

  cover->raster = raster;
  cover->low = g_new (double, n);
  cover->high = g_new (double, n);
  cover->part = g_new0 (double, raster->height + 2);
  cover->step = g_new0 (double, raster->height + 2);
  for (gsize i = 0; i < n; i++)
    cover->low[i] = G_MAXDOUBLE, cover->high[i] = -G_MAXDOUBLE;
  cover->first = G_MAXINT;
  cover->last = -1;
}

static void
cover_clear (Cover *cover)
{
  g_clear_pointer (&cover->low, g_free);
  g_clear_pointer (&cover->high, g_free);
  g_clear_pointer (&cover->part, g_free);
  g_clear_pointer (&cover->step, g_free);
}

/* The device columns from user @x0 to @x1. */
static gboolean
cover_columns (Cover  *cover,
               double  x0,
               double  x1,
               int    *first,
               int    *last)
{
  const TmRaster *raster = cover->raster;

  *first = MAX (0, (int) floor ((x0 - raster->x) * raster->sx));
  *last = MIN (raster->width - 1, (int) floor ((x1 - raster->x) * raster->sx));
  if (*first > *last)
    return FALSE;
  cover->first = MIN (cover->first, *first);
  cover->last = MAX (cover->last, *last);
  return TRUE;
}

/* Sample @k across device column @column, in user units. */
static double
cover_sample_x (const Cover *cover,
                int          column,
                int          k)
{
  return cover->raster->x + (column + (k + 0.5) / SAMPLES) / cover->raster->sx;
}

/* Adds user @top to @bottom to sample @k of @column. */
static inline void
cover_add (Cover  *cover,
           int     column,
           int     k,
           double  top,
           double  bottom)
{
  const TmRaster *raster = cover->raster;
  gsize i = (gsize) column * SAMPLES + k;

  cover->low[i] = MIN (cover->low[i], (top - raster->y) * raster->sy);
  cover->high[i] = MAX (cover->high[i], (bottom - raster->y) * raster->sy);
}

static void
cover_disc (Cover  *cover,
            double  cx,
            double  cy,
            double  radius)
{
  int first, last;

  if (!cover_columns (cover, cx - radius, cx + radius, &first, &last))
    return;
  for (int c = first; c <= last; c++)
    for (int k = 0; k < SAMPLES; k++)
      {
        double dx = cover_sample_x (cover, c, k) - cx;
        double dy;

        if (fabs (dx) > radius)
          continue;
        dy = sqrt (radius * radius - dx * dx);
        cover_add (cover, c, k, cy - dy, cy + dy);
      }
}

/* The band @half either side of the segment from @ax, @ay to @bx, @by,
 * cut square at its ends: on each vertical, the points whose distance
 * from the segment's line is at most @half and whose foot on it falls
 * between its ends. */
static void
cover_band (Cover  *cover,
            double  ax,
            double  ay,
            double  bx,
            double  by,
            double  half)
{
  double dx = bx - ax, dy = by - ay, length = hypot (dx, dy), reach, wide, square, over_dx, over_dy;
  int first, last;

  if (length <= 0)
    return;
  reach = half * fabs (dy) / length;
  wide = half * length, square = length * length;
  over_dx = dx != 0 ? 1 / dx : 0, over_dy = dy != 0 ? 1 / dy : 0;
  if (!cover_columns (cover, MIN (ax, bx) - reach, MAX (ax, bx) + reach, &first, &last))
    return;

  for (int c = first; c <= last; c++)
    for (int k = 0; k < SAMPLES; k++)
      {
        double u = cover_sample_x (cover, c, k) - ax;
        double top = -G_MAXDOUBLE, bottom = G_MAXDOUBLE;

        /* |u·dy − v·dx| ≤ half·length, v = y − ay */
        if (dx != 0)
          {
            double v0 = (u * dy - wide) * over_dx, v1 = (u * dy + wide) * over_dx;

            top = MIN (v0, v1), bottom = MAX (v0, v1);
          }
        else if (fabs (u) > half)
          continue;

        /* 0 ≤ u·dx + v·dy ≤ length² */
        if (dy != 0)
          {
            double v0 = -u * dx * over_dy, v1 = (square - u * dx) * over_dy;

            top = MAX (top, MIN (v0, v1)), bottom = MIN (bottom, MAX (v0, v1));
          }
        else if (u < MIN (0.0, dx) || u > MAX (0.0, dx))
          continue;

        if (top <= bottom)
          cover_add (cover, c, k, ay + top, ay + bottom);
      }
}

/* Into the mask what the piece covers, each pixel as the share of its
 * samples' stretches over it; then ready for the next piece. A stretch
 * covers its end rows in part and the rows between in full, so the rows
 * are summed once per column, not once per sample. */
static void
cover_flush (Cover *cover)
{
  TmRaster *raster = cover->raster;
  double *part = cover->part, *step = cover->step;

  for (int c = cover->first; c <= cover->last; c++)
    {
      double *low = cover->low + (gsize) c * SAMPLES, *high = cover->high + (gsize) c * SAMPLES;
      int first = G_MAXINT, last = -1;
      double full = 0;
      guint8 *pixel;

      for (int k = 0; k < SAMPLES; k++)
        {
          double top = MAX (low[k], 0.0), bottom = MIN (high[k], (double) raster->height);
          int r0, r1;

          low[k] = G_MAXDOUBLE, high[k] = -G_MAXDOUBLE;
          if (!(top < bottom))
            continue;
          r0 = (int) top;
          r1 = MIN ((int) bottom, raster->height - 1);
          if (r0 == r1)
            part[r0] += bottom - top;
          else
            {
              part[r0] += r0 + 1 - top;
              part[r1] += bottom - r1;
              step[r0 + 1] += 1;
              step[r1] -= 1;
            }
          first = MIN (first, r0), last = MAX (last, r1);
        }
      if (last < 0)
        continue;

      raster->left = MIN (raster->left, c);
      raster->right = MAX (raster->right, c);
      raster->top = MIN (raster->top, first);
      raster->bottom = MAX (raster->bottom, last);
      pixel = raster->data + (gsize) first * raster->stride + c;
      for (int row = first; row <= last; row++, pixel += raster->stride)
        {
          double covered;
          guint8 value;

          full += step[row];
          covered = full + part[row];
          value = covered >= SAMPLES ? 255 : (guint8) (covered * (255.0 / SAMPLES) + 0.5);
          if (value > *pixel)
            *pixel = value;
          part[row] = step[row] = 0;
        }
      step[last + 1] = 0;
    }
  cover->first = G_MAXINT;
  cover->last = -1;
}

/**
 * tm_raster_fill_box:
 *
 * Covers the box from @x0, @y0 to @x1, @y1 (user units), its edges in part
 * as a fill would.
 */
void
tm_raster_fill_box (TmRaster *raster,
                    double    x0,
                    double    y0,
                    double    x1,
                    double    y1)
{
  double left = (x0 - raster->x) * raster->sx, right = (x1 - raster->x) * raster->sx;
  double top = MAX ((y0 - raster->y) * raster->sy, 0.0);
  double bottom = MIN ((y1 - raster->y) * raster->sy, (double) raster->height);
  int first_row = (int) top, last_row = (int) ceil (bottom) - 1;

  if (!(top < bottom) || !(left < right))
    return;
  for (int c = MAX (0, (int) floor (left)); c < MIN (raster->width, (int) ceil (right)); c++)
    {
      double across = MIN (right, c + 1.0) - MAX (left, (double) c);
      guint8 inside = (guint8) (across * 255 + 0.5);
      guint8 *pixel = raster->data + (gsize) first_row * raster->stride + c;

      raster->left = MIN (raster->left, c);
      raster->right = MAX (raster->right, c);
      for (int row = first_row; row <= last_row; row++, pixel += raster->stride)
        {
          guint8 value = inside;

          /* Only the end rows are partly covered. */
          if (row == first_row || row == last_row)
            value = (guint8) (across * (MIN (bottom, row + 1.0) - MAX (top, (double) row)) * 255 + 0.5);
          if (value > *pixel)
            *pixel = value;
        }
    }
  raster->top = MIN (raster->top, first_row);
  raster->bottom = MAX (raster->bottom, last_row);
}

/* One run of a dashed line, cut into its dashes: each dash a piece of
 * its own, as cairo strokes it (the pattern starts again with each run;
 * round joins inside a dash; the dash's ends round or square). */
static void
cover_dashed_run (Cover        *cover,
                  const double *points,
                  guint         n,
                  double        half,
                  const double  dashes[2],
                  gboolean      round_caps)
{
  int dash = 0;
  double left = dashes[0];   /* of the current dash or gap */
  gboolean on = TRUE;

  if (round_caps)
    cover_disc (cover, points[0], points[1], half);
  for (guint i = 0; i + 1 < n; i++)
    {
      double ax = points[2 * i], ay = points[2 * i + 1];
      double bx = points[2 * i + 2], by = points[2 * i + 3];
      double length = hypot (bx - ax, by - ay), done = 0;

      while (done < length)
        {
          double step = MIN (left, length - done);
          double x0 = ax + (bx - ax) * done / length, y0 = ay + (by - ay) * done / length;
          double x1 = ax + (bx - ax) * (done + step) / length, y1 = ay + (by - ay) * (done + step) / length;

          if (on)
            cover_band (cover, x0, y0, x1, y1, half);
          done += step;
          left -= step;
          if (left <= 0)
            {
              if (on)
                {
                  if (round_caps)
                    cover_disc (cover, x1, y1, half);
                  cover_flush (cover);
                }
              else if (round_caps)
                cover_disc (cover, x1, y1, half);
              on = !on;
              dash = (dash + 1) % 2;
              left = dashes[dash];
            }
        }
      if (on && i + 2 < n)
        cover_disc (cover, bx, by, half);
    }
  if (on && round_caps)
    cover_disc (cover, points[2 * n - 2], points[2 * n - 1], half);
  cover_flush (cover);
}

/**
 * tm_raster_stroke:
 * @points: x, y pairs in user units; a pair of NANs breaks the line
 * @mark: the line's kind, for its dash pattern
 *
 * Covers what cairo_stroke() would, with round joins and the mark's dash
 * pattern and caps, a device column at a time: each column is sampled
 * across and met with the band around each segment and the disc around
 * each joint, so that a steep line is as wide as the stroke and a flat
 * one as high.
 */
void
tm_raster_stroke (TmRaster     *raster,
                  const double *points,
                  guint         n_points,
                  double        line_width,
                  TmMark        mark)
{
  double half = line_width / 2, dashes[2];
  gboolean round_caps;
  int n_dashes = tm_chart_dash_pattern (mark, line_width, dashes, &round_caps);
  Cover cover;
  guint start = 0;

  cover_init (&cover, raster);
  for (guint i = 0; i <= n_points; i++)
    {
      guint n;

      if (i < n_points && !isnan (points[2 * i]))
        continue;

      /* One run, from start to i: a lone point draws nothing, as in cairo. */
      n = i - start;
      if (n >= 2 && n_dashes > 0)
        cover_dashed_run (&cover, points + 2 * start, n, half, dashes, round_caps);
      else if (n >= 2)
        {
          for (guint j = start; j < i; j++)
            {
              if (j + 1 < i)
                cover_band (&cover, points[2 * j], points[2 * j + 1], points[2 * j + 2], points[2 * j + 3], half);
              cover_disc (&cover, points[2 * j], points[2 * j + 1], half);
            }
          cover_flush (&cover);
        }
      start = i + 1;
    }
  cover_clear (&cover);
}

/* Filled discs of @radius at @points (x, y pairs, user units). */
void
tm_raster_fill_dots (TmRaster     *raster,
                     const double *points,
                     guint         n_points,
                     double        radius)
{
  Cover cover;

  cover_init (&cover, raster);
  for (guint i = 0; i < n_points; i++)
    {
      cover_disc (&cover, points[2 * i], points[2 * i + 1], radius);
      cover_flush (&cover);
    }
  cover_clear (&cover);
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
        tm_raster_reset (&raster);
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
