/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A CSV import of 100,000 check-ins into an empty data folder, read,
 * checked row by row and stored with the safety rules run over them, as
 * tm_csv_import_read_dir() and tm_store_import_csv() do for a person,
 * against a plain SQLite insert of the same rows into the same table
 * (one statement prepared once, one transaction), alternating, in the same
 * run. Prints both medians in rows a second and their ratio (goal: at
 * least 50,000 rows a second for the import). Timing never fails the run.
 *
 *   bench-import [ROUNDS [ROWS]]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "bench-util.h"
#include "tm-csv.h"
#include "tm-store-private.h"
#include "tm-test-util.h"

#define FIRST_DAY "1750-01-01"
#define WRITTEN   "2026-04-01T20:00:00Z"

typedef struct
{
  GPtrArray *days;    /* char * */
  GArray    *moods;   /* int */
  GString   *csv;     /* the same rows as checkins.csv */
} Rows;

/* Moods that raise no prompt: a steady 4 to 6, never 0. */
static void
rows_init (Rows *rows,
           int   n)
{
  rows->days = g_ptr_array_new_with_free_func (g_free);
  rows->moods = g_array_new (FALSE, FALSE, sizeof (int));
  rows->csv = g_string_new ("\"day\",\"mood\",\"anxiety\",\"energy\",\"sleep_hours\",\"effects\","
                            "\"effects_intensity\",\"note\",\"created_at\",\"updated_at\",\"red_flags\","
                            "\"self_harm\"\r\n");
  for (int i = 0; i < n; i++)
    {
      char *day = tm_day_add (FIRST_DAY, i);
      int mood = 4 + i % 3;

      g_ptr_array_add (rows->days, day);
      g_array_append_val (rows->moods, mood);
      g_string_append_printf (rows->csv, "\"%s\",%d,3,,7.5,0,,,\"%s\",\"%s\",0,\r\n", day, mood, WRITTEN,
                              WRITTEN);
    }
}

static void
rows_clear (Rows *rows)
{
  g_ptr_array_unref (rows->days);
  g_array_unref (rows->moods);
  g_string_free (rows->csv, TRUE);
}

/* Tidemark's import, from the files' text to the commit. */
static double
import_rows (const Rows *rows)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  g_autoptr(TmCsvImport) import = tm_csv_import_new ();
  TmCsvSummary summary;
  gint64 start;
  double seconds;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!tm_csv_import_parse (import, TM_TABLE_CHECKINS, "checkins.csv", rows->csv->str, rows->csv->len))
    g_error ("%s", (const char *) tm_csv_import_get_problems (import)->pdata[0]);
  if (!tm_store_import_csv (store, import, TM_CONFLICT_KEEP, &summary, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (summary.added[TM_TABLE_CHECKINS], ==, rows->days->len);

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  return rows->days->len / seconds;
}

/* The baseline: the same values straight into the same table. */
static double
insert_rows (const Rows *rows)
{
  g_autofree char *dir = tm_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStore) store = tm_store_open (dir, &error);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 start;
  double seconds;

  g_assert_no_error (error);
  db = tm_store_get_db (store);
  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO checkin (day, mood, anxiety, energy, sleep_hours, effects,"
                                       " effects_intensity, note, created_at, updated_at, red_flags, self_harm)"
                                       " VALUES (?1, ?2, ?3, NULL, ?4, 0, NULL, NULL, ?5, ?5, 0, NULL)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < rows->days->len; i++)
    {
      sqlite3_bind_text (stmt, 1, rows->days->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, g_array_index (rows->moods, int, i));
      sqlite3_bind_int (stmt, 3, 3);
      sqlite3_bind_double (stmt, 4, 7.5);
      sqlite3_bind_text (stmt, 5, WRITTEN, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  g_clear_object (&store);
  tm_test_remove_tree (dir);
  return rows->days->len / seconds;
}

int
main (int   argc,
      char *argv[])
{
  int rounds = argc > 1 ? atoi (argv[1]) : 5;
  int n_rows = argc > 2 ? atoi (argv[2]) : 100000;
  g_autoptr(GArray) imported = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (double));
  double import_rate, insert_rate;
  Rows rows;

  setlocale (LC_ALL, "");
  rows_init (&rows, n_rows);

  for (int i = 0; i < rounds; i++)
    {
      double rate = import_rows (&rows);

      g_array_append_val (imported, rate);
      rate = insert_rows (&rows);
      g_array_append_val (inserted, rate);
    }

  import_rate = bench_median (imported);
  insert_rate = bench_median (inserted);
  g_print ("CSV import of %d check-ins, read, checked and stored: median %.0f rows/s over %d runs "
           "(goal: at least 50000)\n", n_rows, import_rate, rounds);
  g_print ("plain SQLite insert of the same rows, prepared once, one transaction: median %.0f rows/s\n",
           insert_rate);
  g_print ("ratio plain insert / import: %.1f\n", insert_rate / import_rate);

  rows_clear (&rows);
  return EXIT_SUCCESS;
}
