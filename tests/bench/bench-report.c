/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF report of the demo year, against a plain cairo-pdf + Pango
 * program that writes the same number of pages, each with one chart's worth
 * of lines and a page of text, alternating, in the same run. Prints both
 * medians and their ratio (goal: at most 1.5). Timing never fails the run.
 *
 *   bench-report [ROUNDS]
 */
#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "bench-util.h"
#include "tm-demo.h"
#include "tm-file.h"
#include "tm-report.h"

static double
write_report (const TmReportData *data,
              const char         *path,
              int                *n_pages)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  if (!tm_report_write (data, path, NULL, n_pages, &error))
    g_error ("%s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  FILE *file = closure;

  return fwrite (data, 1, length, file) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The plain program: @n_pages A4 pages, each a 365-point line with its grid
 * and a page of wrapped text. */
static double
write_plain (const char *path,
             int         n_pages,
             const char *text)
{
  gint64 start = g_get_monotonic_time ();
  FILE *file = fopen (path, "wb");
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard_cb, file, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans 9");
  GRand *rand = g_rand_new_with_seed (7);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 499 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  for (int page = 0; page < n_pages; page++)
    {
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (cr, 0.5);
      for (int g = 0; g <= 10; g++)
        {
          cairo_move_to (cr, 48, 60 + g * 20);
          cairo_line_to (cr, 547, 60 + g * 20);
        }
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.1, 0.3, 0.7);
      cairo_set_line_width (cr, 1.2);
      for (int i = 0; i < 365; i++)
        {
          double x = 48 + i * 499.0 / 365, y = 160 + g_rand_double_range (rand, -80, 80);

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, 48, 290);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
    }

  g_rand_free (rand);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  fclose (file);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  int rounds = argc > 1 ? atoi (argv[1]) : 11;
  g_autofree char *dir = g_dir_make_tmp ("tidemark-bench-XXXXXX", NULL);
  /* Reports never go into the data folder: the data in a folder of its own. */
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *report_path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *today = NULL;
  g_autoptr(GArray) report = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  g_autoptr(TmChartRecord) record = NULL;
  g_autoptr(TmReportData) data = NULL;
  GString *text = g_string_new (NULL);
  TmReportOptions options;
  double report_ms, plain_ms;
  int n_pages = 0;

  setlocale (LC_ALL, "");
  today = tm_day_today ();
  store = tm_store_open (data_dir, &error);
  g_assert_no_error (error);
  record = tm_demo_record_new (today, TM_DEMO_DAYS);
  g_assert_true (tm_demo_fill_store (store, record, &error));

  tm_report_options_init (&options);
  {
    g_autofree char *from = tm_day_add (today, -(TM_DEMO_DAYS - 1));

    g_strlcpy (options.from, from, sizeof options.from);
  }
  data = tm_report_data_new_from_store (store, &options, &error);
  g_assert_no_error (error);

  /* A page of text: about 55 lines of 95 characters. */
  while (text->len < 55 * 95)
    g_string_append (text, "Slept well, walked by the river in the afternoon and felt calmer than last week. ");

  /* Warm the font caches for both. */
  write_report (data, report_path, &n_pages);
  write_plain (plain_path, n_pages, text->str);

  for (int i = 0; i < rounds; i++)
    {
      double t = write_report (data, report_path, &n_pages);

      g_array_append_val (report, t);
      t = write_plain (plain_path, n_pages, text->str);
      g_array_append_val (plain, t);
    }

  report_ms = bench_median (report);
  plain_ms = bench_median (plain);
  g_print ("report of the demo year (%s to %s), %d pages: median %.1f ms over %d runs\n",
           options.from, options.to, n_pages, report_ms, rounds);
  g_print ("plain cairo-pdf + Pango, %d pages of a 365-point chart and a page of text: median %.1f ms\n",
           n_pages, plain_ms);
  g_print ("ratio report / plain: %.2f (goal: at most 1.5)\n", report_ms / plain_ms);

  g_string_free (text, TRUE);
  g_clear_object (&store);
  tm_file_remove_tree (dir);
  return EXIT_SUCCESS;
}
