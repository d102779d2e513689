/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For test-crash: saves a check-in on one day after another, from day
 * number FIRST on, through the store as the app does, and prints each
 * day's number once its save has been reported done. It runs until it is
 * killed.
 *
 *   crash-writer DATA-DIR FIRST */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tm-store.h"
#include "tm-time.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  guint64 n;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &n, NULL))
    {
      g_printerr ("usage: crash-writer DATA-DIR FIRST\n");
      return 2;
    }

  store = tm_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }

  for (;; n++)
    {
      GDate date;
      g_autofree char *day = NULL;
      g_autofree char *note = g_strdup_printf ("Save number %" G_GUINT64_FORMAT, n);
      g_autoptr(TmCheckin) checkin = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1750);
      g_date_add_days (&date, (guint) n);
      day = tm_day_from_date (&date);
      checkin = tm_checkin_new (day);
      checkin->mood = (int) (n % 11);
      tm_checkin_set_note (checkin, note);

      if (!tm_store_save_checkin (store, checkin, &error))
        {
          g_printerr ("crash-writer: %s\n", error->message);
          return 1;
        }
      /* Only now is the save "reported done". */
      printf ("%" G_GUINT64_FORMAT "\n", n);
      fflush (stdout);
    }
}
