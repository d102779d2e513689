/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the CSV importer: the first byte picks the table
 * (the seeds start with '0' to '5', as '0' % TM_N_TABLES is 0), the rest
 * is that table's file. Only parsing: no store, no disk. */
#include "config.h"

#include <stdint.h>

#include "tm-csv.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or a warning on any input is a bug: make it a crash that
   * libFuzzer keeps. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TmCsvImport) import = NULL;
  TmTable table;

  if (size == 0)
    return 0;

  table = data[0] % TM_N_TABLES;
  import = tm_csv_import_new ();
  tm_csv_import_parse (import, table, tm_table_get_info (table)->file, (const char *) data + 1, size - 1);
  tm_csv_import_count_rows (import, table);
  return 0;
}
