/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-enums.h"
#include "tm-progress.h"
#include "tm-store.h"
#include "tm-table.h"

G_BEGIN_DECLS

/* The CSV files Tidemark writes and reads: one RFC 4180 file per table
 * (tm-table.h), UTF-8, with a header row; columns as documented in the
 * README. */

typedef enum
{
  TM_CONFLICT_KEEP,      /* a record already there stays as it is */
  TM_CONFLICT_REPLACE,   /* the file's version replaces it */
} TmConflict;

#define TM_CSV_MAX_PROBLEMS 50
/* The largest file an import reads: 64 MiB, far more than an export of
 * decades of records, far less than would choke the machine. */
#define TM_CSV_MAX_FILE_SIZE (64 * 1024 * 1024)

typedef struct
{
  guint added[TM_N_TABLES];
  guint replaced[TM_N_TABLES];
  guint kept[TM_N_TABLES];
  guint raised;               /* safety prompts raised for the records imported */
} TmCsvSummary;

gboolean     tm_conflict_from_string     (const char   *text,
                                          TmConflict   *conflict);

gboolean     tm_store_export_csv         (TmStore      *store,
                                          const char   *dir,
                                          GError      **error);
gboolean     tm_store_export_csv_full    (TmStore          *store,
                                          const char       *dir,
                                          const TmProgress *progress,
                                          GError          **error);
GHashTable  *tm_store_export_csv_files   (TmStore          *store,
                                          const TmProgress *progress,
                                          GError          **error);

typedef struct _TmCsvImport TmCsvImport;

TmCsvImport *tm_csv_import_new           (void);
void         tm_csv_import_free          (TmCsvImport  *import);
void         tm_csv_import_set_progress  (TmCsvImport      *import,
                                          const TmProgress *progress);
gboolean     tm_csv_import_parse         (TmCsvImport  *import,
                                          TmTable       table,
                                          const char   *file_name,
                                          const char   *data,
                                          gsize         length);
/* A row of a file of another program's (tm_csv_import_parse_rows()). */
typedef gboolean (*TmCsvRowFunc) (TmCsvImport *import,
                                  const char  *file_name,
                                  guint        line,
                                  GPtrArray   *fields,
                                  gpointer     user_data);

gboolean     tm_csv_import_parse_rows    (TmCsvImport  *import,
                                          const char   *file_name,
                                          const char   *data,
                                          gsize         length,
                                          TmCsvRowFunc  read,
                                          gpointer      user_data);
void         tm_csv_import_add_problem   (TmCsvImport  *import,
                                          const char   *file_name,
                                          guint         line,
                                          const char   *format,
                                          ...) G_GNUC_PRINTF (4, 5);
void         tm_csv_import_add_wrong_count (TmCsvImport *import,
                                            const char  *file_name,
                                            guint        line,
                                            guint        n,
                                            guint        expected);
void         tm_csv_import_add_record    (TmCsvImport  *import,
                                          const char   *file_name,
                                          guint         line,
                                          TmTable       table,
                                          gpointer      record);
gboolean     tm_csv_import_read_file     (const char   *path,
                                          char        **contents,
                                          gsize        *length,
                                          GError      **error);
gboolean     tm_csv_import_read_dir      (TmCsvImport  *import,
                                          const char   *dir,
                                          GError      **error);
gboolean     tm_csv_import_read_files    (TmCsvImport  *import,
                                          GHashTable   *files,
                                          GError      **error);
gboolean     tm_csv_is_file_name         (const char   *name);
GPtrArray   *tm_csv_import_get_problems  (TmCsvImport  *import);
gboolean     tm_csv_import_stopped_early (TmCsvImport  *import);
guint        tm_csv_import_count_rows    (TmCsvImport  *import,
                                          TmTable       table);
guint        tm_csv_import_count_conflicts (TmCsvImport *import,
                                            TmStore     *store);
gboolean     tm_store_import_csv         (TmStore      *store,
                                          TmCsvImport  *import,
                                          TmConflict    conflict,
                                          TmCsvSummary *summary,
                                          GError      **error);
char        *tm_csv_summary_describe     (const TmCsvSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmCsvImport, tm_csv_import_free)

G_END_DECLS
