/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TmApplication) app = NULL;

  tm_application_mark_start_up ("main");
  setlocale (LC_ALL, "");
  /* TIDEMARK_LOCALEDIR: the build's translations, for running uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIDEMARK_LOCALEDIR") != NULL ? g_getenv ("TIDEMARK_LOCALEDIR")
                                                                         : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
