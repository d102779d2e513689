/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV export and import (DESIGN.md, Reliability promises), with libcsv.
 *
 * Export writes one RFC 4180 file per table from one read transaction, each
 * file beside its final name first, renamed into place only when all six
 * are written, and then all six or none. Import reads what export writes:
 * every row is checked with the same rules as the forms; any problem,
 * reported as file:line, stores nothing; otherwise everything goes in one
 * transaction. Records already there are kept or replaced, as the person
 * chooses. */
#define G_LOG_DOMAIN "tm-csv"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tm-csv.h"
#include "tm-enum-nick.h"
#include "tm-file.h"
#include "tm-questionnaire.h"
#include "tm-sqlite.h"
#include "tm-store-backup.h"
#include "tm-store-private.h"
#include "tm-table-sql.h"
#include "tm-text.h"

/* --on-conflict=keep|replace */
gboolean
tm_conflict_from_string (const char *text,
                         TmConflict *conflict)
{
  int found;

  if (!tm_enum_find_nick (TM_TYPE_CONFLICT, text, &found))
    return FALSE;
  *conflict = (TmConflict) found;
  return TRUE;
}

/* Export */

typedef struct
{
  FILE          *file;      /* writes to the pending file, through a descriptor of its own */
  TmPendingFile *pending;
} Output;

/* One field: text in double quotes, a number bare, nothing for none. */
static void
write_field (FILE       *file,
             const char *text,
             gboolean    quoted)
{
  if (text == NULL)
    return;
  if (quoted)
    csv_fwrite (file, text, strlen (text));
  else
    fputs (text, file);
}

static void
write_header (FILE              *file,
              const TmTableInfo *info)
{
  for (guint c = 0; c < info->n_columns; c++)
    {
      if (c > 0)
        fputc (',', file);
      write_field (file, tm_column_get_csv_name (&info->columns[c]), TRUE);
    }
  fputs ("\r\n", file);
}

/* A row of TM_SQL_EXPORT: the record's values, and in place of the id of
 * a record it refers to, that record's key, which the statement gives
 * last. */
static void
write_row (FILE              *file,
           const TmTableInfo *info,
           sqlite3_stmt      *stmt)
{
  g_autoptr(GObject) record = tm_table_read_row (info->table, stmt);

  for (guint c = 0; c < info->n_columns; c++)
    {
      const TmColumn *column = &info->columns[c];

      if (c > 0)
        fputc (',', file);
      if (column->type == TM_VALUE_RECORD)
        write_field (file, (const char *) sqlite3_column_text (stmt, (int) info->n_columns + 1), TRUE);
      else
        {
          g_autofree char *text = tm_column_format (column, record);

          write_field (file, text, tm_column_is_text (column));
        }
    }
  fputs ("\r\n", file);
}

/* How far an export got: rows written of every table's. */
typedef struct
{
  const TmProgress *progress;
  guint64           done;
  guint64           total;
} ExportCount;

static gboolean
write_table (TmStore      *store,
             TmTable       table,
             FILE         *file,
             ExportCount  *count,
             GError      **error)
{
  const TmTableInfo *info = tm_table_get_info (table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  write_header (file, info);
  if (!tm_store_prepare (store, tm_table_get_sql (table, TM_SQL_EXPORT), &stmt, _("the data was not exported"),
                         error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (count->done++ % 256 == 0 && !tm_progress_report (count->progress, count->done, count->total, error))
        return FALSE;
      write_row (file, info, stmt);
    }
  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, tm_store_get_db (store), rc, tm_store_get_path (store),
                           _("the data was not exported"));
      return FALSE;
    }
  return TRUE;
}

/* Flushes and closes @file; 0, or the errno of what failed. */
static int
close_file (FILE *file)
{
  int saved_errno = 0;

  if (fflush (file) != 0 || ferror (file))
    saved_errno = errno != 0 ? errno : EIO;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;
  return saved_errno;
}

static gboolean
close_output (Output  *out,
              GError **error)
{
  /* tm_pending_file_close() puts it on the disk. */
  int saved_errno = close_file (out->file);

  out->file = NULL;
  if (saved_errno != 0)
    {
      tm_file_set_export_error (error, tm_pending_file_get_path (out->pending), saved_errno);
      return FALSE;
    }
  return TRUE;
}

/* A writer of its own for @out's pending file, or FALSE with errno set. */
static gboolean
open_output (Output *out)
{
  int fd = dup (tm_pending_file_get_fd (out->pending));

  if (fd >= 0 && (out->file = fdopen (fd, "w")) == NULL)
    {
      int saved_errno = errno;

      close (fd);
      errno = saved_errno;
    }
  return out->file != NULL;
}

/* The rows the export will write, in its snapshot. */
static gboolean
count_rows (TmStore  *store,
            guint64  *total,
            GError  **error)
{
  *total = 0;
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!tm_store_prepare (store, tm_table_get_sql (t, TM_SQL_COUNT), &stmt, _("the data was not exported"),
                             error))
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          tm_sqlite_set_error (error, tm_store_get_db (store), sqlite3_errcode (tm_store_get_db (store)),
                               tm_store_get_path (store), _("the data was not exported"));
          return FALSE;
        }
      *total += (guint64) sqlite3_column_int64 (stmt, 0);
    }
  return TRUE;
}

/* Every table into its file of @files, from one snapshot: the one
 * writer of both the folder of files and the files of an archive. */
static gboolean
write_tables (TmStore      *store,
              FILE         *files[TM_N_TABLES],
              ExportCount  *count,
              GError      **error)
{
  sqlite3 *db = tm_store_get_db (store);
  gboolean ok;

  if (!tm_sqlite_exec (db, "BEGIN", tm_store_get_path (store), _("the data was not exported"), error))
    return FALSE;
  ok = count_rows (store, &count->total, error);
  for (int t = 0; t < TM_N_TABLES && ok; t++)
    ok = write_table (store, t, files[t], count, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

gboolean
tm_store_export_csv (TmStore     *store,
                     const char  *dir,
                     GError     **error)
{
  return tm_store_export_csv_full (store, dir, NULL, error);
}

/**
 * tm_store_export_csv_full:
 * @dir: the folder to write the CSV files into; made if missing
 * @progress: (nullable): where to say how far it got; once cancelled, it
 *   stops and the files already there stay as they were
 *
 * Writes every table as it is now. Files of the same names are replaced
 * only once all six are written, and then all six or none. A folder in
 * the data folder, or one whose files would replace something that is not
 * an ordinary file (or a link), is refused with %TM_STORE_ERROR_INVALID
 * before anything is written.
 */
gboolean
tm_store_export_csv_full (TmStore          *store,
                          const char       *dir,
                          const TmProgress *progress,
                          GError          **error)
{
  ExportCount count = { progress, 0, 0 };
  Output outs[TM_N_TABLES] = { { 0 } };
  FILE *files[TM_N_TABLES] = { NULL };
  TmPendingFile *pending[TM_N_TABLES] = { NULL };
  const char *names[TM_N_TABLES + 1] = { NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  for (int t = 0; t < TM_N_TABLES; t++)
    names[t] = tm_table_get_info (t)->file;
  if (!tm_file_check_output_folder (dir, names, tm_store_get_data_dir (store), error))
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      tm_file_set_export_error (error, dir, errno);
      return FALSE;
    }

  for (int t = 0; t < TM_N_TABLES && ok; t++)
    {
      g_autofree char *final = g_build_filename (dir, tm_table_get_info (t)->file, NULL);

      outs[t].pending = pending[t] = tm_pending_file_new (final);
      if (outs[t].pending == NULL || !open_output (&outs[t]))
        {
          tm_file_set_export_error (error, final, errno);
          ok = FALSE;
        }
      files[t] = outs[t].file;
    }

  ok = ok && write_tables (store, files, &count, error);
  for (int t = 0; t < TM_N_TABLES && ok; t++)
    ok = close_output (&outs[t], error);

  /* Cancelled up to the last moment, the files there stay as they were. */
  if (ok)
    ok = tm_progress_report (progress, count.done, count.total, error) &&
         tm_pending_files_commit_together (pending, TM_N_TABLES, error);

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      if (outs[t].file != NULL)
        fclose (outs[t].file);
      tm_pending_file_free (pending[t]);
    }
  return ok;
}

/**
 * tm_store_export_csv_files:
 * @progress: (nullable): where to say how far it got
 *
 * The same files as tm_store_export_csv_full() writes, in memory: for an
 * archive.
 *
 * Returns: (transfer full): each file's name → its #GBytes, or %NULL
 */
GHashTable *
tm_store_export_csv_files (TmStore          *store,
                           const TmProgress *progress,
                           GError          **error)
{
  ExportCount count = { progress, 0, 0 };
  char *buffers[TM_N_TABLES] = { NULL };
  size_t sizes[TM_N_TABLES] = { 0 };
  FILE *files[TM_N_TABLES] = { NULL };
  g_autoptr(GHashTable) result = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TM_IS_STORE (store), NULL);

  for (int t = 0; t < TM_N_TABLES && ok; t++)
    if ((files[t] = open_memstream (&buffers[t], &sizes[t])) == NULL)
      {
        tm_file_set_export_error (error, tm_table_get_info (t)->file, errno);
        ok = FALSE;
      }
  ok = ok && write_tables (store, files, &count, error);

  result = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      int saved_errno;

      if (files[t] == NULL)
        continue;
      saved_errno = close_file (files[t]);
      if (ok && saved_errno != 0)
        {
          tm_file_set_export_error (error, tm_table_get_info (t)->file, saved_errno);
          ok = FALSE;
        }
      /* open_memstream's buffer is malloc()ed, and GLib's g_free() is free(). */
      g_hash_table_insert (result, (gpointer) tm_table_get_info (t)->file,
                           g_bytes_new_take (buffers[t], sizes[t]));
    }
  if (ok)
    ok = tm_progress_report (progress, count.done, count.total, error);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* Import: parsing */

struct _TmCsvImport
{
  GPtrArray *records[TM_N_TABLES];   /* TmCheckin, TmSession, … by table */
  GArray    *lines[TM_N_TABLES];     /* guint: the line each record begins on */
  GPtrArray *referred_keys[TM_N_TABLES];  /* char *, one per record: the key of the record it
                                           * refers to (a safety event's source_key), or NULL */
  GHashTable *keys[TM_N_TABLES];     /* what tells a record apart → the line it was on */
  GPtrArray *problems;               /* char *, "file:line: what is wrong" */
  gboolean   too_many;
  TmProgress progress;               /* reading and storing report here */
};

TmCsvImport *
tm_csv_import_new (void)
{
  TmCsvImport *import = g_new0 (TmCsvImport, 1);

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      import->records[t] = g_ptr_array_new_with_free_func (g_object_unref);
      import->lines[t] = g_array_new (FALSE, FALSE, sizeof (guint));
      import->referred_keys[t] = g_ptr_array_new_with_free_func (g_free);
      import->keys[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  import->problems = g_ptr_array_new_with_free_func (g_free);
  return import;
}

void
tm_csv_import_free (TmCsvImport *import)
{
  if (import == NULL)
    return;

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      g_ptr_array_unref (import->records[t]);
      g_array_unref (import->lines[t]);
      g_ptr_array_unref (import->referred_keys[t]);
      g_hash_table_unref (import->keys[t]);
    }
  g_ptr_array_unref (import->problems);
  g_clear_object (&import->progress.cancellable);
  g_free (import);
}

/**
 * tm_csv_import_set_progress:
 * @progress: (nullable): how reading and storing report how far they got,
 *   and hear that they should stop; a cancelled import stores nothing
 */
void
tm_csv_import_set_progress (TmCsvImport      *import,
                            const TmProgress *progress)
{
  g_clear_object (&import->progress.cancellable);
  import->progress = progress != NULL ? *progress : (TmProgress) { NULL, NULL, NULL };
  if (import->progress.cancellable != NULL)
    g_object_ref (import->progress.cancellable);
}

/**
 * tm_csv_import_stopped_early:
 *
 * Returns: whether reading stopped at %TM_CSV_MAX_PROBLEMS problems; the
 *   last of the problems then says so
 */
gboolean
tm_csv_import_stopped_early (TmCsvImport *import)
{
  return import->too_many;
}

/* The problems found, "file:line: what is wrong", at most
 * TM_CSV_MAX_PROBLEMS of them. */
GPtrArray *
tm_csv_import_get_problems (TmCsvImport *import)
{
  return import->problems;
}

guint
tm_csv_import_count_rows (TmCsvImport *import,
                          TmTable      table)
{
  return import->records[table]->len;
}

typedef struct _Parse Parse;
struct _Parse
{
  TmCsvImport *import;
  TmTable      table;
  const char  *file;
  guint        line;         /* the physical line being read */
  guint        row_line;     /* where the current row started */
  GPtrArray   *fields;       /* char *, the current row's */
  gboolean     field_has_nul;
  gboolean     header_done;
  const TmColumn *columns;   /* the header's: the table's, or an earlier layout's (see
                              * tm_table_get_file_layout ()) */
  guint        n_columns;    /* in the header: all of them, or an earlier version's */
  gboolean     stop;         /* the header was wrong, or too many problems */
  gboolean     rows_seen;
  TmCsvRowFunc read;         /* what each row is made into */
  gpointer     read_data;
};

static void G_GNUC_PRINTF (4, 0)
add_problem_valist (TmCsvImport *import,
                    const char  *file,
                    guint        line,
                    const char  *format,
                    va_list      args)
{
  g_autofree char *message = NULL;

  if (import->too_many)
    return;
  if (import->problems->len >= TM_CSV_MAX_PROBLEMS)
    {
      import->too_many = TRUE;
      g_ptr_array_add (import->problems,
                       g_strdup_printf (_("Tidemark stopped reading after %u problems; there may be more."),
                                        TM_CSV_MAX_PROBLEMS));
      return;
    }

  message = g_strdup_vprintf (format, args);
  /* Translators: a problem in an imported file: "checkins.csv:12: mood “11” …" */
  g_ptr_array_add (import->problems, g_strdup_printf (_("%s:%u: %s"), file, line, message));
}

/**
 * tm_csv_import_add_problem:
 * @file: the file's name, as the problem shows it
 * @line: where in it
 *
 * Notes one more problem, "file:line: what is wrong"; past
 * %TM_CSV_MAX_PROBLEMS, reading stops and the last problem says so.
 */
void
tm_csv_import_add_problem (TmCsvImport *import,
                           const char  *file,
                           guint        line,
                           const char  *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (import, file, line, format, args);
  va_end (args);
}

static void G_GNUC_PRINTF (3, 4)
add_problem (Parse      *parse,
             guint       line,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (parse->import, parse->file, line, format, args);
  va_end (args);
  if (parse->import->too_many)
    parse->stop = TRUE;
}

/* Rows into records */

/* A questionnaire's total is what its answers make: the store writes that,
 * and a file's must add up. */
static gboolean
validate_questionnaire (TmQuestionnaire  *q,
                        GError          **error)
{
  int score;

  if (!tm_questionnaire_validate (q, NULL, error))
    return FALSE;
  score = tm_questionnaire_score (q->kind, q->answers);
  if (q->total != score)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("total %d does not add up: the answers make %d"), q->total, score);
      return FALSE;
    }
  return TRUE;
}

/* The rules a form's record keeps, beyond each value's own. */
static gboolean
validate_record (TmTable    table,
                 gpointer   record,
                 GError   **error)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      return tm_checkin_validate (record, NULL, error);
    case TM_TABLE_SESSIONS:
      return tm_session_validate (record, NULL, error);
    case TM_TABLE_QUESTIONNAIRES:
      return validate_questionnaire (record, error);
    case TM_TABLE_PLANS:
      return tm_plan_validate (record, NULL, error);
    case TM_TABLE_PLAN_DATES:
      return tm_plan_date_validate (record, error);
    case TM_TABLE_REVIEWS:
      return tm_review_validate (record, NULL, error);
    case TM_TABLE_SESSION_READINGS:
      return tm_session_reading_validate (record, NULL, error);
    case TM_TABLE_MEDICINES:
      return tm_regular_medicine_validate (record, NULL, error);
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return TRUE;
    }
}

/* A row read without problems, and where it began; or, when a row before
 * it holds the same record, a problem that says which. */
static void
add_record (Parse      *parse,
            TmTable     table,
            gpointer    record,
            const char *referred_key)
{
  TmCsvImport *import = parse->import;
  g_autofree char *own_key = tm_table_get_record_key (table, record);
  /* A record's key names the record it refers to by that one's key. */
  char *key = referred_key != NULL ? g_strconcat (referred_key, " ", own_key, NULL) : g_strdup (own_key);
  gpointer earlier;

  if (g_hash_table_lookup_extended (import->keys[table], key, NULL, &earlier))
    {
      g_autofree char *names = tm_table_describe_key (table);

      /* Translators: "this row has the same taken_at and created_at as line 2; keep one of them" */
      add_problem (parse, parse->row_line, _("this row has the same %s as line %u; keep one of them"), names,
                   GPOINTER_TO_UINT (earlier));
      g_free (key);
      g_object_unref (record);
      return;
    }
  g_hash_table_insert (import->keys[table], key, GUINT_TO_POINTER (parse->row_line));
  g_ptr_array_add (import->records[table], record);
  g_array_append_val (import->lines[table], parse->row_line);
  g_ptr_array_add (import->referred_keys[table], g_strdup (referred_key));
}

/* A sessions.csv of data version 1 to 4 held the blood pressure before
 * the dose and after it in columns of the session: they become its
 * readings, at 0 minutes and at the last (when it was monitored until,
 * or else 2 hours, with a note that when was not recorded), as the data
 * file's migration to version 5 made them. */
static void
readings_from_columns (Parse     *parse,
                       TmSession *session)
{
  for (guint i = 0; i < 2; i++)
    {
      TmSessionReading *reading;

      if (session->imported_bp[2 * i] == TM_UNSET && session->imported_bp[2 * i + 1] == TM_UNSET)
        continue;
      reading = tm_session_reading_new ();
      reading->bp_sys = session->imported_bp[2 * i];
      reading->bp_dia = session->imported_bp[2 * i + 1];
      if (i == 1)
        {
          reading->minutes_after = session->monitored_minutes > 0 ? session->monitored_minutes
                                                                  : TM_READING_UNRECORDED_MINUTES;
          tm_session_reading_set_note (reading, tm_session_reading_get_unrecorded_note ());
        }
      reading->created_at = g_strdup (session->created_at);
      tm_session_add_reading (session, reading);
    }
  for (guint i = 0; i < G_N_ELEMENTS (session->imported_bp); i++)
    session->imported_bp[i] = TM_UNSET;
}

/* A session's readings, which tm_session_validate () checked with it,
 * are stored as rows of their table that name it by its key. */
static void
add_session_readings (Parse     *parse,
                      TmSession *session)
{
  g_autofree char *key = tm_table_get_record_key (TM_TABLE_SESSIONS, session);

  for (guint i = 0; i < session->readings->len; i++)
    add_record (parse, TM_TABLE_SESSION_READINGS, g_object_ref (session->readings->pdata[i]), key);
  g_ptr_array_set_size (session->readings, 0);
}

/* Each field into the record's value, as its column's type reads it; a
 * file of an earlier version leaves the columns it lacks at their
 * defaults (no red flags noted, the daily question not asked). */
static void
read_record (Parse *parse)
{
  g_autoptr(GObject) record = tm_table_new_record (parse->table);
  g_autoptr(GError) error = NULL;
  const char *referred_key = NULL;
  gboolean failed = FALSE;

  for (guint c = 0; c < parse->n_columns; c++)
    {
      const TmColumn *column = &parse->columns[c];
      const char *text = parse->fields->pdata[c];
      g_autofree char *problem = NULL;

      if (!tm_column_parse (column, text, record, &problem))
        {
          add_problem (parse, parse->row_line, "%s", problem);
          failed = TRUE;
        }
      else if (column->type == TM_VALUE_RECORD && text[0] != '\0')
        referred_key = text;
    }

  if (failed)
    return;
  if (parse->table == TM_TABLE_SESSIONS)
    readings_from_columns (parse, (TmSession *) record);
  if (!validate_record (parse->table, record, &error))
    add_problem (parse, parse->row_line, "%s", error->message);
  else
    {
      TmSession *session = parse->table == TM_TABLE_SESSIONS ? g_object_ref ((TmSession *) record) : NULL;

      add_record (parse, parse->table, g_steal_pointer (&record), referred_key);
      if (session != NULL)
        {
          add_session_readings (parse, session);
          g_object_unref (session);
        }
    }
}

/* Whether @n is the number of @columns' first a file of some data version
 * had. */
static gboolean
is_columns_of_a_version (const TmColumn *columns,
                         guint           n_columns,
                         guint           n)
{
  for (guint version = 1; version <= TM_STORE_SCHEMA_VERSION; version++)
    {
      guint count = 0;

      while (count < n_columns && columns[count].since <= version)
        count++;
      if (n > 0 && n == count)
        return TRUE;
    }
  return FALSE;
}

/* The header names every column of the table, or those of a file of an
 * earlier data version, in order. */
static void
read_header (Parse *parse)
{
  const TmTableInfo *info = tm_table_get_info (parse->table);
  GPtrArray *fields = parse->fields;
  const TmColumn *columns;
  guint n_columns;

  parse->header_done = TRUE;
  parse->n_columns = fields->len;
  for (guint layout = 0; (columns = tm_table_get_file_layout (parse->table, layout, &n_columns)) != NULL; layout++)
    {
      gboolean same = is_columns_of_a_version (columns, n_columns, fields->len);

      for (guint c = 0; same && c < fields->len; c++)
        same = strcmp (fields->pdata[c], tm_column_get_csv_name (&columns[c])) == 0;
      if (same)
        {
          parse->columns = columns;
          return;
        }
    }

  {
    GString *expected = g_string_new (NULL);

    for (guint c = 0; c < info->n_columns; c++)
      g_string_append_printf (expected, "%s%s", c > 0 ? "," : "", tm_column_get_csv_name (&info->columns[c]));
    add_problem (parse, parse->row_line, _("the first line must name the columns %s"), expected->str);
    g_string_free (expected, TRUE);
    parse->stop = TRUE;
  }
}

/**
 * tm_csv_import_add_wrong_count:
 *
 * Notes that the row at @line has @n fields where the header named
 * @expected.
 */
void
tm_csv_import_add_wrong_count (TmCsvImport *import,
                               const char  *file,
                               guint        line,
                               guint        n,
                               guint        expected)
{
  tm_csv_import_add_problem (import, file, line, _("%u fields where there should be %u"), n, expected);
}

/* A row of a Tidemark file: the header, or a record of its table. */
static gboolean
read_table_row (TmCsvImport *import,
                const char  *file,
                guint        line,
                GPtrArray   *fields,
                gpointer     user_data)
{
  Parse *parse = user_data;

  if (!parse->header_done)
    {
      read_header (parse);
      return !parse->stop;
    }

  if (parse->fields->len != parse->n_columns)
    {
      tm_csv_import_add_wrong_count (import, file, line, fields->len, parse->n_columns);
      return TRUE;
    }

  for (guint c = 0; c < parse->n_columns; c++)
    if (!g_utf8_validate (parse->fields->pdata[c], -1, NULL))
      {
        add_problem (parse, parse->row_line, _("%s is not valid UTF-8 text"),
                     tm_column_get_csv_name (&parse->columns[c]));
        return TRUE;
      }

  read_record (parse);
  return TRUE;
}

static void
on_field_cb (void   *data,
             size_t  length,
             void   *user_data)
{
  Parse *parse = user_data;

  if (parse->stop || parse->import->too_many)
    return;
  if (parse->fields->len == 0)
    parse->row_line = parse->line;
  if (data != NULL && memchr (data, '\0', length) != NULL)
    parse->field_has_nul = TRUE;
  g_ptr_array_add (parse->fields, g_strndup (data != NULL ? data : "", length));
}

static void
on_row_cb (int   terminator,
           void *user_data)
{
  Parse *parse = user_data;

  if (!parse->stop && !parse->import->too_many)
    {
      if (parse->fields->len == 0)
        parse->row_line = parse->line;
      parse->rows_seen = TRUE;
      if (parse->field_has_nul)
        add_problem (parse, parse->row_line, _("a field holds a NUL character, which text can't"));
      else if (!parse->read (parse->import, parse->file, parse->row_line, parse->fields, parse->read_data))
        parse->stop = TRUE;
    }
  g_ptr_array_set_size (parse->fields, 0);
  parse->field_has_nul = FALSE;
}

/* Reads @data a row at a time into @parse->read. */
static void
parse_rows (Parse      *parse,
            const char *data,
            gsize       length)
{
  struct csv_parser parser;
  gsize start = 0;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
    g_error ("libcsv could not start");
  /* libcsv grows a field's buffer by a fixed block; a block of a
   * sixteenth of the file keeps one huge pasted field to a few copies. */
  csv_set_blk_size (&parser, MAX (length / 16, 128));
  parse->fields = g_ptr_array_new_with_free_func (g_free);

  /* Spreadsheets saving "CSV UTF-8" start the file with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  /* A physical line at a time, so that problems can say where they are. */
  while (start < length && !parse->stop && !parse->import->too_many)
    {
      const char *newline = memchr (data + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - data) + 1 : length;

      if (csv_parse (&parser, data + start, end - start, on_field_cb, on_row_cb, parse) != end - start)
        {
          add_problem (parse, parse->line, _("the CSV is malformed here (%s); fields with commas, quotes or "
                                             "line breaks must be in double quotes, with quotes doubled"),
                       csv_strerror (csv_error (&parser)));
          parse->stop = TRUE;
          break;
        }
      if (newline != NULL)
        parse->line++;
      start = end;
      /* A cancelled import stops reading; tm_csv_import_read_dir() says so. */
      if (parse->line % 4096 == 0 && g_cancellable_is_cancelled (parse->import->progress.cancellable))
        break;
    }
  /* Where the row that is not closed began, when a field of it was read. */
  if (!parse->stop && csv_fini (&parser, on_field_cb, on_row_cb, parse) != 0)
    add_problem (parse, parse->fields->len > 0 ? parse->row_line : parse->line, _("the file ends inside a quoted field; a closing quote is missing"));
  if (!parse->rows_seen && !parse->stop)
    add_problem (parse, 1, _("the file is empty; it must at least name its columns"));

  csv_free (&parser);
  g_ptr_array_unref (parse->fields);
}

/**
 * tm_csv_import_parse:
 * @file_name: the file's name, for the problems
 *
 * Reads one table's file. Returns whether it had no problem.
 */
gboolean
tm_csv_import_parse (TmCsvImport *import,
                     TmTable      table,
                     const char  *file_name,
                     const char  *data,
                     gsize        length)
{
  Parse parse = { import, table, file_name, 1, 1, NULL, FALSE, FALSE, NULL, 0, FALSE, FALSE, read_table_row, NULL };
  guint problems = import->problems->len;

  g_return_val_if_fail (table < TM_N_TABLES, FALSE);

  parse.read_data = &parse;
  parse_rows (&parse, data, length);
  return import->problems->len == problems;
}

/**
 * tm_csv_import_parse_rows:
 * @file_name: the file's name, for the problems
 * @read: called for each row, the header too, with its fields (never
 *   %NULL, without NUL characters, not yet checked to be UTF-8) and the
 *   line it starts on; returns %FALSE to stop reading
 *
 * Reads a CSV file of another program's, with the checks of Tidemark's
 * own (a byte order mark is skipped; malformed quoting, an empty file
 * and NUL characters are problems). Returns whether it had no problem.
 */
gboolean
tm_csv_import_parse_rows (TmCsvImport  *import,
                          const char   *file_name,
                          const char   *data,
                          gsize         length,
                          TmCsvRowFunc  read,
                          gpointer      user_data)
{
  Parse parse = { import, TM_N_TABLES, file_name, 1, 1, NULL, FALSE, FALSE, NULL, 0, FALSE, FALSE, read, user_data };
  guint problems = import->problems->len;

  parse_rows (&parse, data, length);
  return import->problems->len == problems;
}

/**
 * tm_csv_import_add_record:
 * @record: (transfer full): a record of @table, checked as a form would
 * @line: the line of the file it comes from
 *
 * Adds a record read from a file of another program's; one with the same
 * key as a record added before is a problem instead.
 */
void
tm_csv_import_add_record (TmCsvImport *import,
                          const char  *file_name,
                          guint        line,
                          TmTable      table,
                          gpointer     record)
{
  Parse parse = { import, table, file_name, line, line, NULL, FALSE, FALSE, NULL, 0, FALSE, FALSE, NULL, NULL };

  add_record (&parse, table, record, NULL);
}

/**
 * tm_csv_import_read_file:
 *
 * Reads the file at @path, which must be an ordinary file of at most
 * %TM_CSV_MAX_FILE_SIZE bytes. Returns %FALSE with @error, its name's
 * controls shown, when it can't be read.
 */
gboolean
tm_csv_import_read_file (const char  *path,
                         char       **contents,
                         gsize       *length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Never a pipe, a device or a file too large to be an export. */
  if (!tm_file_read_bounded (path, TM_CSV_MAX_FILE_SIZE, contents, length, &local_error))
    {
      /* The message names the file: its controls shown, not sent. */
      g_autofree char *reason = tm_text_escape (local_error->message);

      g_set_error_literal (error, local_error->domain, local_error->code, reason);
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_csv_import_read_dir:
 *
 * Reads every Tidemark CSV file in @dir (a missing one is an empty table).
 * Returns %FALSE with @error when the folder can't be read or holds none
 * of them; problems within the files are in tm_csv_import_get_problems().
 */
gboolean
tm_csv_import_read_dir (TmCsvImport  *import,
                        const char   *dir,
                        GError      **error)
{
  guint found = 0;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown_dir = tm_text_escape (dir);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no folder %s. Choose the folder Tidemark exported to."), shown_dir);
      return FALSE;
    }

  /* An export cut off while it replaced the files may have left some
   * old and some new: they are not read together. */
  {
    g_autofree char *unfinished = g_build_filename (dir, TM_FILE_UNFINISHED_NAME, NULL);

    if (g_file_test (unfinished, G_FILE_TEST_EXISTS))
      {
        g_autofree char *shown_dir = tm_text_escape (dir);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                     _("An export into %s was cut off while it replaced the files, so they may come from two "
                       "different exports. Export again into that folder, then import."),
                     shown_dir);
        return FALSE;
      }
  }

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      const char *file = tm_table_get_info (t)->file;
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!tm_progress_report (&import->progress, 0, 0, error))
        return FALSE;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (!tm_csv_import_read_file (path, &contents, &length, error))
        return FALSE;
      found++;
      tm_csv_import_parse (import, t, file, contents, length);
      if (import->too_many)
        break;
    }

  if (!tm_progress_report (&import->progress, 0, 0, error))
    return FALSE;
  if (found == 0)
    {
      g_autofree char *shown_dir = tm_text_escape (dir);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder %s holds none of the files Tidemark exports (checkins.csv, sessions.csv, …)."),
                   shown_dir);
      return FALSE;
    }
  return TRUE;
}

/* Whether @name is one of the files Tidemark exports. */
gboolean
tm_csv_is_file_name (const char *name)
{
  for (int t = 0; t < TM_N_TABLES; t++)
    if (g_strcmp0 (name, tm_table_get_info (t)->file) == 0)
      return TRUE;
  return FALSE;
}

/**
 * tm_csv_import_read_files:
 * @files: (element-type utf8 GBytes): each file's name → its contents,
 *   as tm_store_export_csv_files() makes them (an archive's)
 *
 * Reads them as tm_csv_import_read_dir() reads a folder's (a missing one
 * is an empty table). Returns %FALSE with @error when none is there.
 */
gboolean
tm_csv_import_read_files (TmCsvImport  *import,
                          GHashTable   *files,
                          GError      **error)
{
  guint found = 0;

  for (int t = 0; t < TM_N_TABLES && !import->too_many; t++)
    {
      const char *file = tm_table_get_info (t)->file;
      GBytes *bytes = g_hash_table_lookup (files, file);
      gsize length;
      const char *contents;

      if (!tm_progress_report (&import->progress, 0, 0, error))
        return FALSE;
      if (bytes == NULL)
        continue;
      found++;
      contents = g_bytes_get_data (bytes, &length);
      tm_csv_import_parse (import, t, file, contents != NULL ? contents : "", length);
    }

  if (!tm_progress_report (&import->progress, 0, 0, error))
    return FALSE;
  if (found == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The archive holds none of the files Tidemark exports (checkins.csv, sessions.csv, …)."));
      return FALSE;
    }
  return TRUE;
}

/* Import: storing */

/* A table's statements, prepared once for all of its records. */
typedef struct
{
  sqlite3_stmt *find;      /* the record already there with the same key */
  sqlite3_stmt *insert;
  sqlite3_stmt *replace;   /* NULL where records already there are never replaced */
} Statements;

static void
statements_clear (Statements *statements)
{
  g_clear_pointer (&statements->find, sqlite3_finalize);
  g_clear_pointer (&statements->insert, sqlite3_finalize);
  g_clear_pointer (&statements->replace, sqlite3_finalize);
}

static gboolean
statements_prepare (Statements  *statements,
                    TmStore     *store,
                    TmTable      table,
                    GError     **error)
{
  const char *what = _("nothing was imported");

  return tm_store_prepare (store, tm_table_get_sql (table, TM_SQL_FIND), &statements->find, what, error) &&
         tm_store_prepare (store, tm_table_get_sql (table, TM_SQL_INSERT), &statements->insert, what, error) &&
         (tm_table_get_info (table)->append_only ||
          tm_store_prepare (store, tm_table_get_sql (table, TM_SQL_REPLACE), &statements->replace, what, error));
}

/* Runs @stmt once and makes it ready for the next; the first column of
 * its row, if it has one, goes into @id. */
static int
step_once (sqlite3_stmt *stmt,
           gint64       *id)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW && id != NULL)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc;
}

static void
set_import_error (GError  **error,
                  TmStore  *store,
                  int       rc)
{
  tm_sqlite_set_error (error, tm_store_get_db (store), rc, tm_store_get_path (store), _("nothing was imported"));
}

/* The id of the record already there that @record would be, 0 for none,
 * or -1 with @error. */
static gint64
existing_id (TmStore       *store,
             sqlite3_stmt  *find,
             TmTable        table,
             gconstpointer  record,
             GError       **error)
{
  gint64 id = 0;
  int rc;

  tm_table_bind (table, find, record, TRUE);
  rc = step_once (find, &id);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_import_error (error, store, rc);
      return -1;
    }
  return id;
}

/**
 * tm_csv_import_count_conflicts:
 *
 * Returns: how many of the records read are already in @store
 */
guint
tm_csv_import_count_conflicts (TmCsvImport *import,
                               TmStore     *store)
{
  guint n = 0;

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      g_autoptr(sqlite3_stmt) find = NULL;

      /* Plans are never replaced, and prompts only repeat the record. */
      if (tm_table_get_info (t)->append_only || t == TM_TABLE_SAFETY_EVENTS ||
          !tm_store_prepare (store, tm_table_get_sql (t, TM_SQL_FIND), &find, "", NULL))
        continue;
      for (guint i = 0; i < import->records[t]->len; i++)
        if (existing_id (store, find, t, import->records[t]->pdata[i], NULL) > 0)
          n++;
    }
  return n;
}

typedef struct
{
  TmStore      *store;
  TmCsvImport  *import;
  TmConflict    conflict;
  TmCsvSummary  counts;
  GArray       *stored;                     /* TmRecordRef: what the safety rules then check */
  sqlite3_stmt *find_by_key[TM_N_TABLES];   /* a record another refers to, by its key */
  guint64       done;
  guint64       total;
} Storing;

/* The id of the record of @table whose key is @key, the newest of them, or
 * 0 for none. */
static gboolean
find_by_key (Storing     *storing,
             TmTable      table,
             const char  *key,
             gint64      *id,
             GError     **error)
{
  sqlite3_stmt **stmt = &storing->find_by_key[table];
  int rc;

  *id = 0;
  if (*stmt == NULL &&
      !tm_store_prepare (storing->store, tm_table_get_sql (table, TM_SQL_FIND_BY_KEY), stmt,
                         _("nothing was imported"), error))
    return FALSE;
  sqlite3_bind_text (*stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = step_once (*stmt, id);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_import_error (error, storing->store, rc);
      return FALSE;
    }
  return TRUE;
}

/* A record that refers to another gets that one's id here, found by the
 * key the file names it by (the same keys that tell records apart on
 * import). A key named but found nowhere is refused, not dropped: a
 * prompt would lose the record it was about, a change the row it
 * replaces. */
static gboolean
find_referred (Storing  *storing,
               TmTable   table,
               guint     index,
               GError  **error)
{
  const TmTableInfo *info = tm_table_get_info (table);
  gpointer record = storing->import->records[table]->pdata[index];
  const char *key = storing->import->referred_keys[table]->pdata[index];

  for (guint c = 0; c < info->n_columns; c++)
    {
      const TmColumn *column = &info->columns[c];
      TmTable referred;
      gint64 id = 0;

      if (column->type != TM_VALUE_RECORD)
        continue;
      referred = tm_column_get_referred_table (column, record);
      if (key != NULL && referred < TM_N_TABLES && !find_by_key (storing, referred, key, &id, error))
        return FALSE;
      /* A reading belongs to a session: one there, or one the file adds. */
      if (id == 0 && ((key != NULL && referred < TM_N_TABLES) || (column->flags & TM_COLUMN_OPTIONAL) == 0))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                       _("%s:%u: there is no %s with the %s “%s”, in the files or in Tidemark. Import it "
                         "with the file that has it; nothing was imported."),
                       info->file, g_array_index (storing->import->lines[table], guint, index),
                       referred < TM_N_TABLES ? tm_table_get_info (referred)->name : "record",
                       tm_column_get_csv_name (column), key != NULL ? key : "");
          return FALSE;
        }
      TM_COLUMN_VALUE (column, record, gint64) = id;
    }
  return TRUE;
}

/* The records the safety rules check are of the tables a TmSource names. */
static void
note_for_rules (Storing *storing,
                TmTable  table,
                gint64   id)
{
  TmRecordRef ref = { 0, id };

  if (tm_source_from_string (tm_table_get_info (table)->name, &ref.source))
    g_array_append_val (storing->stored, ref);
}

/* A record new to @storing's store is held to the rules the store holds
 * a record of its table to against the records there (a medicine's
 * change, tm_regular_medicine_check_replaces()). */
static gboolean
check_against_stored (Storing  *storing,
                      TmTable   table,
                      guint     index,
                      GError  **error)
{
  gpointer record = storing->import->records[table]->pdata[index];
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) refused = NULL;

  if (table != TM_TABLE_MEDICINES || TM_REGULAR_MEDICINE (record)->replaces == 0)
    return TRUE;
  all = tm_store_list_medicines (storing->store, error);
  if (all == NULL)
    return FALSE;
  if (tm_regular_medicine_check_replaces (record, all, &refused))
    return TRUE;
  if (g_error_matches (refused, TM_STORE_ERROR, TM_STORE_ERROR_CHANGED))
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 _("%s:%u: another row already changes or stops the medicine this row changes. Keep one of "
                   "them; nothing was imported."), tm_table_get_info (table)->file,
                 g_array_index (storing->import->lines[table], guint, index));
  else
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               /* Translators: "medicines.csv:3: A change can't start before …; nothing was imported." */
               _("%s:%u: %s Nothing was imported."), tm_table_get_info (table)->file,
               g_array_index (storing->import->lines[table], guint, index), refused->message);
  return FALSE;
}

/* Stores the record at @index: added, replacing the one there, or kept
 * out in its favour. */
static gboolean
store_record (Storing     *storing,
              TmTable      table,
              Statements  *statements,
              guint        index,
              gint64       last_before,
              GError     **error)
{
  const TmTableInfo *info = tm_table_get_info (table);
  gpointer record = storing->import->records[table]->pdata[index];
  gint64 id;
  sqlite3_stmt *stmt;
  int rc;

  /* The record it refers to first: it may be part of its key. */
  if (!find_referred (storing, table, index, error))
    return FALSE;
  id = existing_id (storing->store, statements->find, table, record, error);
  if (id < 0 || (id == 0 && !check_against_stored (storing, table, index, error)))
    return FALSE;
  /* Found among the rows this import added: the file has it twice. */
  if (id > last_before)
    {
      g_autofree char *names = tm_table_describe_key (table);

      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s:%u: this row has the same %s as an earlier row of the file. Keep one of them; "
                     "nothing was imported."),
                   info->file, g_array_index (storing->import->lines[table], guint, index), names);
      return FALSE;
    }
  if (id > 0 && (storing->conflict == TM_CONFLICT_KEEP || statements->replace == NULL))
    {
      storing->counts.kept[table]++;
      return TRUE;
    }

  stmt = id > 0 ? statements->replace : statements->insert;
  tm_table_bind (table, stmt, record, FALSE);
  if (id > 0)
    sqlite3_bind_int64 (stmt, (int) info->n_columns + 1, id);
  rc = step_once (stmt, NULL);
  if (rc != SQLITE_DONE)
    {
      set_import_error (error, storing->store, rc);
      return FALSE;
    }

  if (id > 0)
    storing->counts.replaced[table]++;
  else
    {
      storing->counts.added[table]++;
      id = sqlite3_last_insert_rowid (tm_store_get_db (storing->store));
    }
  note_for_rules (storing, table, id);
  return TRUE;
}

/* The highest id in @table before the import adds any. */
static gboolean
last_id (TmStore  *store,
         TmTable   table,
         gint64   *id,
         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!tm_store_prepare (store, tm_table_get_sql (table, TM_SQL_LAST_ID), &stmt, _("nothing was imported"), error))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_import_error (error, store, sqlite3_errcode (tm_store_get_db (store)));
      return FALSE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Every record of @table, through its statements prepared once. */
static gboolean
store_table (Storing  *storing,
             TmTable   table,
             GError  **error)
{
  Statements statements = { NULL, NULL, NULL };
  GPtrArray *records = storing->import->records[table];
  gint64 last_before;
  gboolean ok;

  ok = last_id (storing->store, table, &last_before, error) &&
       statements_prepare (&statements, storing->store, table, error);
  for (guint i = 0; ok && i < records->len; i++, storing->done++)
    ok = (storing->done % 256 != 0 ||
          tm_progress_report (&storing->import->progress, storing->done, storing->total, error)) &&
         store_record (storing, table, &statements, i, last_before, error);
  statements_clear (&statements);
  return ok;
}

/**
 * tm_store_import_csv:
 * @import: read without problems
 * @summary: (out): what was added, replaced and kept
 *
 * Stores everything @import read, in one transaction: all of it, or on an
 * error nothing. The check-ins, sessions and questionnaires added or
 * replaced go through the safety rules in the same transaction (see
 * tm_store_raise_imported_prompts()).
 */
gboolean
tm_store_import_csv (TmStore       *store,
                     TmCsvImport   *import,
                     TmConflict     conflict,
                     TmCsvSummary  *summary,
                     GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (TmRecordRef));
  Storing storing = { store, import, conflict, { { 0 } }, stored, { NULL }, 0, 0 };
  TmTable order[TM_N_TABLES];
  gboolean ok;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  /* All or nothing: files with a problem store nothing, whoever asks. */
  if (import->problems->len > 0)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: %s is the first problem, "checkins.csv:12: mood “11” …" */
                   _("Nothing was imported: the files have problems, the first being %s"),
                   (const char *) import->problems->pdata[0]);
      return FALSE;
    }

  /* The data as it is before the import, in a copy of its own, in case the
   * import was not wanted (today's backup may be of the morning). */
  if (!tm_store_back_up_before_import (store, now, NULL, error))
    return FALSE;
  if (!tm_store_begin (store, error))
    return FALSE;

  for (int t = 0; t < TM_N_TABLES; t++)
    storing.total += import->records[t]->len;

  /* The records first, with the file's prompts, which name them; then the
   * rules, which read them. Cancelled up to the last moment, nothing is
   * stored. */
  tm_table_get_store_order (order);
  ok = TRUE;
  for (int n = 0; n < TM_N_TABLES && ok; n++)
    ok = store_table (&storing, order[n], error);
  for (int t = 0; t < TM_N_TABLES; t++)
    g_clear_pointer (&storing.find_by_key[t], sqlite3_finalize);
  if (!ok ||
      !tm_store_raise_imported_prompts (store, stored, &storing.counts.raised, error) ||
      !tm_progress_report (&import->progress, storing.done, storing.total, error) ||
      !tm_store_commit (store, error))
    {
      tm_store_rollback (store);
      return FALSE;
    }

  tm_store_reload (store);
  if (summary != NULL)
    *summary = storing.counts;
  return TRUE;
}

/* "Added 120 check-ins and 8 sessions; kept 3 already there." */
char *
tm_csv_summary_describe (const TmCsvSummary *summary)
{
  guint added = 0, replaced = 0, kept = 0;
  g_autofree char *counts = NULL;
  g_autofree char *raised = NULL;

  for (int t = 0; t < TM_N_TABLES; t++)
    {
      added += summary->added[t];
      replaced += summary->replaced[t];
      kept += summary->kept[t];
    }

  /* Translators: after an import; the numbers count records of any kind */
  counts = g_strdup_printf (_("%u added, %u replaced, %u already there and kept."),
                            added, replaced, kept);
  if (summary->raised == 0)
    return g_steal_pointer (&counts);

  /* Nothing popped up for them: the person learns here where they are. */
  raised = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: after an import, when imported
                                          * records call for safety prompts */
                                         "%u safety prompt raised; see History, Safety.",
                                         "%u safety prompts raised; see History, Safety.",
                                         summary->raised),
                            summary->raised);
  return g_strconcat (counts, " ", raised, NULL);
}
