/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The follow-up chart: what it puts on pixels, checked at the cells of its
 * own layout, what it draws with no follow-up, and what it tells a screen
 * reader. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tm-followup-chart.h"
#include "tm-test-util.h"

#define WIDTH  640
#define HEIGHT 420

static GPtrArray *
new_followups (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* A follow-up on @day, every answer 0 but those in @answers ("item=value"
 * pairs ended by -1). */
static TmQuestionnaire *
add_followup (GPtrArray  *followups,
              const char *day,
              int         tolerance,
              ...)
{
  TmQuestionnaire *q = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, day);
  va_list args;
  int item;

  for (guint i = 0; i < TM_N_FOLLOWUP_ITEMS; i++)
    q->answers[i] = 0;
  q->tolerance = tolerance;
  va_start (args, tolerance);
  while ((item = va_arg (args, int)) >= 0)
    q->answers[item] = va_arg (args, int);
  va_end (args);
  g_ptr_array_add (followups, q);
  return q;
}

/* Pixels */

typedef struct
{
  cairo_surface_t       *surface;
  TmChartStyle           style;
  TmFollowupChartLayout  layout;
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

static void
draw (Picture          *picture,
      GPtrArray        *followups,
      TmChartStyleKind  kind,
      double            width)
{
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, HEIGHT);
  cr = cairo_create (picture->surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  tm_chart_style_init (&picture->style, kind, "Sans", 12);
  tm_followup_chart_layout (followups, &picture->style, width, HEIGHT, &picture->layout);
  tm_followup_chart_draw (cr, followups, &picture->style, &picture->layout);
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

/* @color painted over white, as the window is in the tests. */
static Rgb
over_white (const TmRgba *color,
            double        alpha)
{
  double a = color->alpha * alpha;

  return (Rgb) { color->red * a + (1 - a), color->green * a + (1 - a), color->blue * a + (1 - a) };
}

static Rgb
cell_middle (const Picture *picture,
             int            row,
             int            column)
{
  double x, y, w, h;

  tm_followup_chart_cell_rect (&picture->layout, row, column, &x, &y, &w, &h);
  g_assert_cmpfloat (w, >=, 2);
  g_assert_cmpfloat (h, >=, 2);
  return pixel_at (picture, x + w / 2, y + h / 2);
}

/* Whether anything but white is drawn in the box. */
static gboolean
has_ink (const Picture *picture,
         double         x0,
         double         y0,
         double         x1,
         double         y1)
{
  for (double y = MAX (0, y0); y < MIN (y1, picture->layout.height); y++)
    for (double x = MAX (0, x0); x < MIN (x1, picture->layout.width); x++)
      if (distance (pixel_at (picture, x, y), (Rgb) { 1, 1, 1 }) > 0.3)
        return TRUE;
  return FALSE;
}

/* A lot is painted in the palette's caution colour, a little lighter, no
 * as an empty cell: at the cells the layout gives. */
static void
test_cells_by_answer (void)
{
  g_autoptr(GPtrArray) followups = new_followups ();
  g_auto(Picture) picture = { 0 };
  Rgb strong, light, none;

  /* Given newest first: drawn oldest first. */
  add_followup (followups, "2026-05-03", 6,
                TM_FOLLOWUP_URINARY_PAIN, 1, TM_FOLLOWUP_BLOOD_IN_URINE, 1, -1);
  add_followup (followups, "2026-04-03", 8, TM_FOLLOWUP_URINARY_PAIN, 2, -1);
  draw (&picture, followups, TM_CHART_STYLE_LIGHT, WIDTH);

  g_assert_cmpint (picture.layout.n_rows, ==, TM_N_FOLLOWUP_ITEMS);
  g_assert_cmpint (picture.layout.n_columns, ==, 2);

  strong = cell_middle (&picture, TM_FOLLOWUP_URINARY_PAIN, 0);
  light = cell_middle (&picture, TM_FOLLOWUP_URINARY_PAIN, 1);
  none = cell_middle (&picture, TM_FOLLOWUP_URINARY_URGENCY, 0);

  g_assert_cmpfloat (distance (strong, over_white (&picture.style.caution, 1.0)), <, 0.1);
  g_assert_cmpfloat (distance (none, over_white (&picture.style.grid, 1.0)), <, 0.1);
  g_assert_cmpfloat (distance (strong, none), >, 0.5);
  /* A little lies between: lighter than a lot, darker than none. */
  g_assert_cmpfloat (distance (light, none), >, 0.1);
  g_assert_cmpfloat (distance (light, strong), >, 0.3);
  /* A yes/no item's "yes" is its most. */
  g_assert_cmpfloat (distance (cell_middle (&picture, TM_FOLLOWUP_BLOOD_IN_URINE, 1), strong), <, 0.1);

  /* The tolerance strip lies under the grid, and is drawn on. */
  g_assert_cmpfloat (picture.layout.tolerance_y, >=, picture.layout.y + picture.layout.h);
  g_assert_cmpfloat (picture.layout.tolerance_y + picture.layout.tolerance_h, <=, picture.layout.axis_y);
  g_assert_true (has_ink (&picture, picture.layout.x, picture.layout.tolerance_y,
                          picture.layout.x + 2 * picture.layout.column_width,
                          picture.layout.tolerance_y + picture.layout.tolerance_h));
  g_assert_cmpfloat (tm_followup_chart_tolerance_y (&picture.layout, 10), <,
                     tm_followup_chart_tolerance_y (&picture.layout, 0));
}

/* Whether a pixel in the box is near @color. */
static gboolean
has_color (const Picture *picture,
           Rgb            color,
           double         x0,
           double         y0,
           double         x1,
           double         y1)
{
  for (double y = MAX (0, floor (y0)); y < MIN (ceil (y1), picture->layout.height); y++)
    for (double x = MAX (0, floor (x0)); x < MIN (ceil (x1), picture->layout.width); x++)
      if (distance (pixel_at (picture, x, y), color) < 0.25)
        return TRUE;
  return FALSE;
}

/* The tolerance numbers are written clear of the line and its dots,
 * wherever the line runs (up, down, level, from the top to the bottom),
 * and most of them are written. */
static void
test_tolerance_numbers_clear (void)
{
  const int tolerances[] = { 10, 0, 10, 3, 7, 7, 2, 9, 0, 0 };
  g_autoptr(GPtrArray) followups = new_followups ();

  for (guint i = 0; i < G_N_ELEMENTS (tolerances); i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-%02u-03", i + 1);

      add_followup (followups, day, tolerances[i], -1);
    }

  for (guint w = 0; w < 2; w++)
    {
      g_auto(Picture) picture = { 0 };
      guint written = 0;

      draw (&picture, followups, TM_CHART_STYLE_LIGHT, w == 0 ? WIDTH : 1000);
      for (int column = 0; column < picture.layout.n_columns; column++)
        {
          double x, y, width, height;

          if (!tm_followup_chart_tolerance_label_rect (followups, &picture.style, &picture.layout, column,
                                                       &x, &y, &width, &height))
            continue;
          written++;
          g_assert_true (has_ink (&picture, x, y, x + width, y + height));
          g_assert_false (has_color (&picture, over_white (&picture.style.mood, 1.0), x, y, x + width, y + height));
          /* Between the grid and the dates. */
          g_assert_cmpfloat (y, >, picture.layout.y + picture.layout.h);
          g_assert_cmpfloat (y + height, <, picture.layout.axis_y);
        }
      g_assert_cmpuint (written, >=, G_N_ELEMENTS (tolerances) / 2);
    }
}

/* Long item names are cut short to their column: nothing of them runs
 * into the first column of cells, even at a phone's width. */
static void
test_names_fit (void)
{
  g_autoptr(GPtrArray) followups = new_followups ();
  g_auto(Picture) picture = { 0 };

  add_followup (followups, "2026-04-03", 8, -1);
  draw (&picture, followups, TM_CHART_STYLE_LIGHT, 360);

  g_assert_cmpfloat (picture.layout.label_width, <=, 360 * 0.45 + 0.5);
  /* Between the names and the cells: only white. */
  g_assert_false (has_ink (&picture, picture.layout.label_width - picture.style.font_size * 0.7,
                           picture.layout.y, picture.layout.x, picture.layout.y + picture.layout.h));
  /* And the names are there. */
  g_assert_true (has_ink (&picture, 0, picture.layout.y, picture.layout.label_width / 2,
                          picture.layout.y + picture.layout.row_height));
}

/* No follow-up in the range: the chart says so, and draws no cells. */
static void
test_empty (void)
{
  g_autoptr(GPtrArray) followups = new_followups ();
  g_autoptr(GPtrArray) others = new_followups ();
  g_auto(Picture) picture = { 0 };
  g_auto(Picture) none = { 0 };
  g_autofree char *text = NULL;
  TmQuestionnaire *phq9 = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-04-03");

  draw (&picture, followups, TM_CHART_STYLE_LIGHT, WIDTH);
  g_assert_cmpint (picture.layout.n_columns, ==, 0);
  /* The words in the middle, the title on top. */
  g_assert_true (has_ink (&picture, 0, picture.layout.y, WIDTH, picture.layout.axis_y));
  g_assert_true (has_ink (&picture, 0, 0, WIDTH, picture.layout.y));

  /* Other questionnaires are not follow-ups. */
  g_ptr_array_add (others, phq9);
  draw (&none, others, TM_CHART_STYLE_LIGHT, WIDTH);
  g_assert_cmpint (none.layout.n_columns, ==, 0);

  /* Nothing at all, and no list. */
  tm_followup_chart_layout (NULL, &picture.style, WIDTH, HEIGHT, &picture.layout);
  g_assert_cmpint (picture.layout.n_columns, ==, 0);

  text = tm_followup_chart_describe (followups, "2026-03-01", "2026-05-31");
  g_assert_cmpstr (text, ==, "No follow-up from 1 March 2026 to 31 May 2026.");
}

static void
test_describe (void)
{
  g_autoptr(GPtrArray) followups = new_followups ();
  g_autofree char *text = NULL;
  g_autofree char *calm = NULL;

  add_followup (followups, "2026-05-03", 6,
                TM_FOLLOWUP_BLOOD_IN_URINE, 1, TM_FOLLOWUP_CRAVINGS, 1, -1);
  add_followup (followups, "2026-04-03", 8, TM_FOLLOWUP_CRAVINGS, 2, -1);
  text = tm_followup_chart_describe (followups, "2026-03-01", "2026-05-31");
  g_assert_cmpstr (text, ==,
                   "Follow-up answers from 1 March 2026 to 31 May 2026: Blood in your urine noted on 3 May; "
                   "Cravings for ketamine noted on 3 Apr, 3 May. Tolerance out of 10: 8, 6.");

  g_ptr_array_set_size (followups, 0);
  add_followup (followups, "2026-04-03", 9, -1);
  calm = tm_followup_chart_describe (followups, NULL, NULL);
  g_assert_cmpstr (calm, ==,
                   "Follow-up answers from 3 April 2026 to 3 April 2026: nothing noted. Tolerance out of 10: 9.");
}

/* From a list model, as the store keeps them: only follow-ups in the
 * range, oldest first. */
static void
test_collect (void)
{
  g_autoptr(GListStore) store = g_list_store_new (TM_TYPE_QUESTIONNAIRE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(TmQuestionnaire) a = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-05-03");
  g_autoptr(TmQuestionnaire) b = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-04-20");
  g_autoptr(TmQuestionnaire) c = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-04-03");
  g_autoptr(TmQuestionnaire) d = tm_questionnaire_new (TM_QUESTIONNAIRE_FOLLOWUP, "2026-01-03");

  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  g_list_store_append (store, d);
  list = tm_followup_chart_collect (G_LIST_MODEL (store), "2026-03-01", "2026-05-31");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (list->pdata[0] == c);
  g_assert_true (list->pdata[1] == a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/followup-chart/cells-by-answer", test_cells_by_answer);
  g_test_add_func ("/followup-chart/names-fit", test_names_fit);
  g_test_add_func ("/followup-chart/tolerance-numbers-clear", test_tolerance_numbers_clear);
  g_test_add_func ("/followup-chart/empty", test_empty);
  g_test_add_func ("/followup-chart/describe", test_describe);
  g_test_add_func ("/followup-chart/collect", test_collect);

  return g_test_run ();
}
