/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline for the start-up benchmark: an AdwApplication that shows an
 * empty AdwApplicationWindow of Tidemark's size and reports its first frame,
 * and the phases it shares with Tidemark, the way Tidemark does. */
#include <adwaita.h>
#include <stdio.h>

static void
mark (const char *phase)
{
  g_print ("mark %s %" G_GINT64_FORMAT "\n", phase, g_get_monotonic_time ());
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_map_cb (GtkWidget *window)
{
  mark ("window-mapped");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 780);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  mark ("window-built");
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  mark ("main");
  /* Registered on the session bus under its name, as Tidemark is: the
   * comparison holds GTK's and the bus's start-up on both sides. */
  app = adw_application_new ("io.github.tidemark.BareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect_swapped (app, "startup", G_CALLBACK (mark), (gpointer) "gtk-ready");
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
