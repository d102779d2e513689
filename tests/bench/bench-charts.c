/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trend chart over ten years of the demo record (3,650 days) at
 * 1200×600, against a plain Cairo polyline through every mood at the same
 * size, alternating, in the same run. Prints both medians and their ratio
 * (goals: at most 3 ms a render, at least 5 times faster than the
 * polyline); the same chart drawn with vectors throughout, as on a PDF
 * page (what the fast per-column path must look like), and how much
 * faster the fast path is; for scale, other ranges; then the evidence about the
 * interval over the same ten years against building the chart model
 * (goal: at most 5 ms). Timing never fails the run.
 *
 *   bench-charts [ROUNDS]
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "tm-chart-private.h"
#include "tm-interval.h"
#include "bench-util.h"
#include "tm-demo.h"

#define WIDTH   1200
#define HEIGHT  600
#define TODAY   "2026-11-28"
#define N_DAYS  3650

/* Layout and draw, as the widget does after a resize. */
static double
render_chart (cairo_surface_t    *surface,
              const TmChartData  *data,
              const TmChartStyle *style)
{
  gint64 start = g_get_monotonic_time ();
  cairo_t *cr = cairo_create (surface);
  TmChartLayout layout;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  tm_trend_chart_layout (data, style, TM_SERIES_DEFAULT, WIDTH, HEIGHT, &layout);
  tm_trend_chart_draw (cr, data, style, TM_SERIES_DEFAULT, &layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The baseline: one polyline through every day's mood. */
static double
render_polyline (cairo_surface_t   *surface,
                 const TmChartData *data)
{
  gint64 start = g_get_monotonic_time ();
  cairo_t *cr = cairo_create (surface);
  gboolean started = FALSE;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_set_line_width (cr, 2);
  for (int i = 0; i < data->n_days; i++)
    {
      const TmChartDay *day = &g_array_index (data->days, TmChartDay, i);
      double x = (i + 0.5) * WIDTH / data->n_days;
      double y = HEIGHT - day->mood * HEIGHT / 10.0;

      if (day->mood < 0)
        continue;
      if (!started)
        cairo_move_to (cr, x, y), started = TRUE;
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static TmChartData *
data_for (const TmChartRecord *record,
          int                  n_days)
{
  g_autofree char *from = tm_day_add (TODAY, -(n_days - 1));

  return tm_chart_data_new (record, from, TODAY, TODAY);
}

int
main (int   argc,
      char *argv[])
{
  int rounds = argc > 1 ? atoi (argv[1]) : 41;
  g_autoptr(GArray) chart = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) polyline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) vector = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmChartData) data = NULL;
  cairo_surface_t *surface;
  TmChartStyle style;
  gint64 start;
  double chart_ms, polyline_ms, vector_ms;

  setlocale (LC_ALL, "");
  record = tm_demo_record_new (TODAY, N_DAYS);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(TmChartData) built = NULL;
      double t;

      start = g_get_monotonic_time ();
      built = data_for (record, N_DAYS);
      t = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (build, t);
    }
  data = data_for (record, N_DAYS);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  tm_chart_style_init (&style, TM_CHART_STYLE_LIGHT, "Cantarell", 12);

  /* Warm the font and glyph caches for all three. */
  for (int i = 0; i < 3; i++)
    {
      render_chart (surface, data, &style);
      render_polyline (surface, data);
      tm_chart_set_force_vector (TRUE);
      render_chart (surface, data, &style);
      tm_chart_set_force_vector (FALSE);
    }

  for (int i = 0; i < rounds; i++)
    {
      double t = render_chart (surface, data, &style);

      g_array_append_val (chart, t);
      t = render_polyline (surface, data);
      g_array_append_val (polyline, t);
      tm_chart_set_force_vector (TRUE);
      t = render_chart (surface, data, &style);
      tm_chart_set_force_vector (FALSE);
      g_array_append_val (vector, t);
    }

  chart_ms = bench_median (chart);
  polyline_ms = bench_median (polyline);
  g_print ("trend chart, %d days at %dx%d: median %.2f ms over %d renders (goal: at most 3 ms)\n",
           data->n_days, WIDTH, HEIGHT, chart_ms, rounds);
  g_print ("plain Cairo polyline through every mood: median %.2f ms\n", polyline_ms);
  g_print ("ratio polyline / chart: %.1f (goal: at least 5)\n", polyline_ms / chart_ms);
  vector_ms = bench_median (vector);
  g_print ("the same chart drawn with vectors only, as on a PDF page: median %.2f ms; "
           "the fast path is %.1f times faster\n", vector_ms, vector_ms / chart_ms);
  /* The medians sorted the times: the fastest renders, which a busy
   * machine disturbs least. */
  g_print ("fastest renders: chart %.2f ms, vectors only %.2f ms\n",
           g_array_index (chart, double, 0), g_array_index (vector, double, 0));
  g_print ("building the chart model for %d days: median %.2f ms\n", data->n_days, bench_median (build));

  /* Every plan period's evidence about the interval, over the whole record. */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    guint n_periods = 0;
    double evidence_ms;

    for (int i = 0; i < 3 + rounds / 2; i++)
      {
        g_autoptr(TmIntervalEvidence) evidence = NULL;
        double t;

        start = g_get_monotonic_time ();
        evidence = tm_interval_evidence_new (record, TODAY, NAN);
        t = (g_get_monotonic_time () - start) / 1000.0;
        n_periods = evidence->periods->len;
        if (i >= 3)
          g_array_append_val (times, t);
      }
    evidence_ms = bench_median (times);
    g_print ("evidence about the interval, %d days, %u plan periods: median %.2f ms (goal: at most 5 ms); "
             "%.1f times the chart model's\n", N_DAYS, n_periods, evidence_ms, evidence_ms / bench_median (build));
  }

  /* For scale: the ranges of the Trends page. */
  {
    static const int ranges[] = { 14, 30, 91, 365 };

    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      {
        g_autoptr(TmChartData) range = data_for (record, ranges[r]);
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

        for (int i = 0; i < 3 + rounds / 4; i++)
          {
            double t = render_chart (surface, range, &style);

            if (i >= 3)
              g_array_append_val (times, t);
          }
        g_print ("trend chart, %d days at %dx%d: median %.2f ms\n", ranges[r], WIDTH, HEIGHT,
                 bench_median (times));
      }
  }

  cairo_surface_destroy (surface);
  return EXIT_SUCCESS;
}
