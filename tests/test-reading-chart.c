/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One session's blood pressure chart: what it puts on pixels, checked at
 * positions taken from its own layout, and what it tells a screen reader. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tm-reading-chart.h"
#include "tm-session.h"
#include "tm-safety.h"
#include "tm-test-util.h"

#define WIDTH  900
#define HEIGHT 200

static void
add_reading (GPtrArray *readings,
             int        minutes_after,
             int        systolic,
             int        diastolic)
{
  TmSessionReading *r = tm_session_reading_new ();

  r->minutes_after = minutes_after;
  r->bp_sys = systolic;
  r->bp_dia = diastolic;
  g_ptr_array_add (readings, r);
}

static GPtrArray *
new_readings (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* Pixels */

typedef struct
{
  cairo_surface_t *surface;
  TmChartStyle     style;
  TmChartLayout    layout;
} Picture;

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

typedef struct
{
  double red, green, blue;
} Rgb;

static Rgb
window_color (TmChartStyleKind kind)
{
  return kind == TM_CHART_STYLE_DARK ? (Rgb) { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0 } : (Rgb) { 1, 1, 1 };
}

static void
draw (Picture          *picture,
      GPtrArray        *readings,
      TmChartStyleKind  kind)
{
  Rgb window = window_color (kind);
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (picture->surface);
  cairo_set_source_rgb (cr, window.red, window.green, window.blue);
  cairo_paint (cr);
  tm_chart_style_init (&picture->style, kind, "Sans", 12);
  tm_reading_chart_layout (readings, &picture->style, WIDTH, HEIGHT, &picture->layout);
  tm_reading_chart_draw (cr, readings, &picture->style, &picture->layout);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

static Rgb
pixel_at (const Picture *picture,
          double         x,
          double         y)
{
  const guint8 *data = cairo_image_surface_get_data (picture->surface);
  int stride = cairo_image_surface_get_stride (picture->surface);
  guint32 argb = *(const guint32 *) (data + (int) y * stride + (int) x * 4);

  return (Rgb) { ((argb >> 16) & 0xff) / 255.0, ((argb >> 8) & 0xff) / 255.0, (argb & 0xff) / 255.0 };
}

static double
distance (Rgb a,
          Rgb b)
{
  return fabs (a.red - b.red) + fabs (a.green - b.green) + fabs (a.blue - b.blue);
}

static gboolean
is_color (const Picture *picture,
          double         x,
          double         y,
          const TmRgba  *color)
{
  return distance (pixel_at (picture, x, y), (Rgb) { color->red, color->green, color->blue }) < 0.15;
}

/* Near @color, as a thin line blended into the window is. */
static gboolean
is_tinted (const Picture *picture,
           double         x,
           double         y,
           const TmRgba  *color)
{
  return distance (pixel_at (picture, x, y), (Rgb) { color->red, color->green, color->blue }) < 0.6 &&
         distance (pixel_at (picture, x, y), window_color (TM_CHART_STYLE_LIGHT)) > 0.3;
}

/* Whether any pixel of column @x from @top to @bottom is @color. */
static gboolean
column_has_color (const Picture *picture,
                  double         x,
                  double         top,
                  double         bottom,
                  const TmRgba  *color)
{
  for (double y = MAX (0, top); y < MIN (bottom, picture->layout.height); y++)
    if (is_color (picture, x, y, color))
      return TRUE;
  return FALSE;
}

/* Whether anything but the window is drawn in the box. */
static gboolean
has_ink (const Picture    *picture,
         TmChartStyleKind  kind,
         double            x0,
         double            y0,
         double            x1,
         double            y1)
{
  for (double y = MAX (0, y0); y < MIN (y1, HEIGHT); y++)
    for (double x = MAX (0, x0); x < MIN (x1, WIDTH); x++)
      if (distance (pixel_at (picture, x, y), window_color (kind)) > 0.3)
        return TRUE;
  return FALSE;
}

static double
reading_y (const Picture *picture,
           int            value)
{
  return tm_chart_layout_value_y (&picture->layout, value);
}

/* Tests */

/* Each reading's dot is drawn where its minutes and values are: the
 * systolic colour at the systolic value, the diastolic at the diastolic,
 * in light and dark mode; a reading without a blood pressure is not
 * drawn, and the order the readings come in does not matter. */
static void
test_dots_at_each_reading (void)
{
  static const int minutes[] = { 0, 40, 150 };
  static const int systolic[] = { 128, 141, 126 };
  static const int diastolic[] = { 82, 88, 80 };
  g_autoptr(GPtrArray) readings = new_readings ();
  TmSessionReading *pulse_only = tm_session_reading_new ();

  /* Out of order, with a pulse-only reading between. */
  add_reading (readings, minutes[2], systolic[2], diastolic[2]);
  pulse_only->minutes_after = 90;
  pulse_only->pulse = 70;
  g_ptr_array_add (readings, pulse_only);
  add_reading (readings, minutes[0], systolic[0], diastolic[0]);
  add_reading (readings, minutes[1], systolic[1], diastolic[1]);
  g_assert_cmpuint (tm_reading_chart_count_bp (readings), ==, 3);

  for (TmChartStyleKind kind = TM_CHART_STYLE_LIGHT; kind <= TM_CHART_STYLE_DARK; kind++)
    {
      g_auto (Picture) picture = { 0 };
      const TmChartLayout *l = &picture.layout;

      draw (&picture, readings, kind);

      /* The axis runs from the dose to the last reading. */
      g_assert_cmpint (l->n_columns, ==, 150);
      g_assert_cmpfloat (tm_reading_chart_minute_x (l, 0), >=, l->x);
      g_assert_cmpfloat (tm_reading_chart_minute_x (l, 150), <=, l->x + l->w);
      /* The values fit, and the urgent line with them. */
      g_assert_cmpfloat (l->y_max, >, TM_S5_AFTER_URGENT_SYSTOLIC);
      g_assert_cmpfloat (l->y_min, <, 80);

      for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
        {
          double x = tm_reading_chart_minute_x (l, minutes[i]);

          g_assert_true (is_color (&picture, x, reading_y (&picture, systolic[i]), &picture.style.mood));
          g_assert_true (is_color (&picture, x, reading_y (&picture, diastolic[i]), &picture.style.anxiety));
        }

      /* Nothing of either line above the highest reading, at the pulse-only minute. */
      g_assert_false (column_has_color (&picture, tm_reading_chart_minute_x (l, 90), l->y,
                                        reading_y (&picture, 145), &picture.style.mood));
    }
}

/* A reading at or over 180 is drawn above the dashed urgent line; one
 * under it leaves the space above the line empty. */
static void
test_urgent_above_line (void)
{
  g_autoptr(GPtrArray) calm = new_readings ();
  g_autoptr(GPtrArray) high = new_readings ();
  g_auto (Picture) calm_picture = { 0 };
  g_auto (Picture) high_picture = { 0 };
  double x, line_y;

  add_reading (calm, 0, 130, 84);
  add_reading (calm, 40, 150, 92);
  add_reading (calm, 150, 128, 82);
  add_reading (high, 0, 130, 84);
  add_reading (high, 40, 186, 104);
  add_reading (high, 150, 128, 82);

  draw (&calm_picture, calm, TM_CHART_STYLE_LIGHT);
  draw (&high_picture, high, TM_CHART_STYLE_LIGHT);

  /* The same scale for both, so the line is at the same height. */
  g_assert_cmpfloat (calm_picture.layout.y_max, ==, high_picture.layout.y_max);
  x = tm_reading_chart_minute_x (&high_picture.layout, 40);
  line_y = round (reading_y (&high_picture, TM_S5_AFTER_URGENT_SYSTOLIC));

  /* The dashed line is there, in the systolic colour: along it, dashes and gaps. */
  {
    int dashes = 0, gaps = 0;

    for (double along = x - 20; along < x + 20; along++)
      {
        gboolean dash = is_tinted (&calm_picture, along, line_y - 1, &calm_picture.style.mood) ||
                        is_tinted (&calm_picture, along, line_y, &calm_picture.style.mood);

        dashes += dash;
        gaps += !dash;
      }
    g_assert_cmpint (dashes, >, 10);
    g_assert_cmpint (gaps, >, 10);
  }

  g_assert_true (column_has_color (&high_picture, x, high_picture.layout.y, line_y - 1, &high_picture.style.mood));
  g_assert_false (column_has_color (&calm_picture, x, calm_picture.layout.y, line_y - 1, &calm_picture.style.mood));
}

/* Without a blood pressure, only the words that say so, in the middle. */
static void
test_empty (void)
{
  g_autoptr(GPtrArray) readings = new_readings ();
  TmSessionReading *pulse_only = tm_session_reading_new ();
  g_auto (Picture) picture = { 0 };
  g_autofree char *text = NULL;

  pulse_only->minutes_after = 40;
  pulse_only->pulse = 80;
  g_ptr_array_add (readings, pulse_only);
  draw (&picture, readings, TM_CHART_STYLE_LIGHT);

  g_assert_true (has_ink (&picture, TM_CHART_STYLE_LIGHT, WIDTH * 0.3, HEIGHT * 0.35, WIDTH * 0.7, HEIGHT * 0.65));
  g_assert_false (has_ink (&picture, TM_CHART_STYLE_LIGHT, 0, 0, WIDTH, HEIGHT * 0.3));
  g_assert_false (has_ink (&picture, TM_CHART_STYLE_LIGHT, 0, HEIGHT * 0.7, WIDTH, HEIGHT));
  g_assert_false (has_ink (&picture, TM_CHART_STYLE_LIGHT, 0, 0, WIDTH * 0.25, HEIGHT));
  g_assert_false (has_ink (&picture, TM_CHART_STYLE_LIGHT, WIDTH * 0.75, 0, WIDTH, HEIGHT));

  text = tm_reading_chart_describe (readings);
  g_assert_cmpstr (text, ==, "No blood pressure readings.");

  /* Nor does an empty list or none at all fail. */
  {
    g_autoptr(GPtrArray) none = new_readings ();
    g_auto (Picture) blank = { 0 };

    draw (&blank, none, TM_CHART_STYLE_DARK);
    g_assert_cmpuint (tm_reading_chart_count_bp (NULL), ==, 0);
  }
}

/* One reading, before the dose: a dot of each colour at the start. */
static void
test_one_reading (void)
{
  g_autoptr(GPtrArray) readings = new_readings ();
  g_auto (Picture) picture = { 0 };

  add_reading (readings, 0, 138, 86);
  draw (&picture, readings, TM_CHART_STYLE_LIGHT);
  g_assert_true (is_color (&picture, tm_reading_chart_minute_x (&picture.layout, 0), reading_y (&picture, 138),
                           &picture.style.mood));
  g_assert_true (is_color (&picture, tm_reading_chart_minute_x (&picture.layout, 0), reading_y (&picture, 86),
                           &picture.style.anxiety));
}

/* The sentence a screen reader gets: each reading with when, in order;
 * an urgent reading after the dose said as such. */
static void
test_describe (void)
{
  g_autoptr(GPtrArray) readings = new_readings ();
  g_autoptr(GPtrArray) high = new_readings ();
  g_autofree char *text = NULL;
  g_autofree char *high_text = NULL;

  add_reading (readings, 40, 141, 88);
  add_reading (readings, 150, 126, 80);
  add_reading (readings, 0, 128, 82);
  text = tm_reading_chart_describe (readings);
  g_assert_cmpstr (text, ==, "Blood pressure: 128/82 before the dose, 141/88 at 40 min, 126/80 at 2 h 30 min.");

  add_reading (high, 0, 182, 100);      /* before the dose: not S5's urgent line */
  add_reading (high, 40, 176, 112);
  add_reading (high, 60, 184, 96);
  high_text = tm_reading_chart_describe (high);
  g_assert_cmpstr (high_text, ==, "Blood pressure: 182/100 before the dose, 176/112 at 40 min, 184/96 at 1 h. "
                                  "At or above the urgent line of 180/110 at 40 min, 1 h.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reading-chart/dots-at-each-reading", test_dots_at_each_reading);
  g_test_add_func ("/reading-chart/urgent-above-line", test_urgent_above_line);
  g_test_add_func ("/reading-chart/empty", test_empty);
  g_test_add_func ("/reading-chart/one-reading", test_one_reading);
  g_test_add_func ("/reading-chart/describe", test_describe);

  return g_test_run ();
}
