/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the tests of one writer per data folder: opens DATA-DIR's data as a
 * window does (which takes the folder's lock), names itself HOLDER in the
 * lock file when given, prints "ready" once it holds the folder, and
 * waits until its input ends, or until it is killed.
 *
 *   lock-holder DATA-DIR [HOLDER] */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "tm-data-lock.h"
#include "tm-store-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = NULL;
  char buffer[64];

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: lock-holder DATA-DIR [HOLDER]\n");
      return 2;
    }

  store = tm_store_open (argv[1], &error);
  if (store == NULL || (argc == 3 && !tm_data_lock_set_holder (tm_store_get_lock (store), argv[2], &error)))
    {
      g_printerr ("lock-holder: %s\n", error->message);
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);

  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;
  return 0;
}
