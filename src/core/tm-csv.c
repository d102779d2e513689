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
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tm-csv.h"
#include "tm-file.h"
#include "tm-plan.h"
#include "tm-questionnaire.h"
#include "tm-safety.h"
#include "tm-sqlite.h"
#include "tm-store-backup.h"
#include "tm-store-private.h"
#include "tm-text.h"

/* Tables */

/* Columns added by a later version come last: a file of an earlier one
 * holds the first columns and is read too (see n_v1_columns). */
static const char * const checkin_columns[] = {
  "day", "mood", "anxiety", "energy", "sleep_hours", "effects", "effects_intensity", "note",
  "created_at", "updated_at", "red_flags", "self_harm", NULL
};
static const char * const session_columns[] = {
  "taken_at", "dose_mg", "route", "setting", "monitor_present", "mood_before", "dissociation_peak",
  "effects", "effects_minutes", "nausea", "sedation", "bp_before_sys", "bp_before_dia", "bp_after_sys",
  "bp_after_dia", "other_medicines", "note", "created_at", "updated_at", "red_flags", NULL
};
static const char * const questionnaire_columns[] = {
  "kind", "day", "answers", "difficulty", "total", "created_at", NULL
};
static const char * const plan_columns[] = {
  "effective_from", "interval_days", "dose_mg", "route", "tolerance_days", "instructions", "author",
  "created_at", NULL
};
static const char * const plan_date_columns[] = {
  "day", "kind", "note", "created_at", NULL
};
static const char * const safety_event_columns[] = {
  "rule", "level", "source", "source_key", "shown_at", "answered_at", "answer", "detail", NULL
};

static const struct
{
  const char         *file;
  const char * const *columns;
  const char         *select;   /* the columns above, in order, for export */
  guint               n_v1_columns;  /* how many of them a file of data version 1 has */
} tables[TM_N_TABLES] = {
  { "checkins.csv", checkin_columns,
    "SELECT day, mood, anxiety, energy, sleep_hours, effects, effects_intensity, note, created_at,"
    " updated_at, red_flags, self_harm FROM checkin ORDER BY day", 10 },
  { "sessions.csv", session_columns,
    "SELECT taken_at, dose_mg, route, setting, monitor_present, mood_before, dissociation_peak, effects,"
    " effects_minutes, nausea, sedation, bp_before_sys, bp_before_dia, bp_after_sys, bp_after_dia,"
    " other_medicines, note, created_at, updated_at, red_flags FROM session"
    " ORDER BY julianday(taken_at), id", 19 },
  { "questionnaires.csv", questionnaire_columns,
    "SELECT kind, day, answers, difficulty, total, created_at FROM questionnaire"
    " ORDER BY day, kind, julianday(created_at), id", 6 },
  { "plans.csv", plan_columns,
    "SELECT effective_from, interval_days, dose_mg, route, tolerance_days, instructions, author, created_at"
    " FROM plan ORDER BY id", 8 },
  { "plan_dates.csv", plan_date_columns,
    "SELECT day, kind, note, created_at FROM plan_date ORDER BY day, kind", 4 },
  { "safety_events.csv", safety_event_columns,
    "SELECT rule, level, source,"
    "  CASE source WHEN 'checkin' THEN (SELECT day FROM checkin WHERE id = e.source_id)"
    "              WHEN 'session' THEN (SELECT taken_at || ' ' || created_at FROM session WHERE id = e.source_id)"
    "              ELSE (SELECT kind || ' ' || day || ' ' || created_at FROM questionnaire"
    "                    WHERE id = e.source_id) END,"
    "  shown_at, answered_at, answer, detail FROM safety_event e ORDER BY julianday(shown_at), id",
    8 },
};

const char *
tm_csv_file_name (TmTable table)
{
  g_return_val_if_fail (table < TM_N_TABLES, NULL);
  return tables[table].file;
}

const char * const *
tm_csv_columns (TmTable table)
{
  g_return_val_if_fail (table < TM_N_TABLES, NULL);
  return tables[table].columns;
}

gboolean
tm_conflict_from_string (const char *text,
                         TmConflict *conflict)
{
  if (g_strcmp0 (text, "keep") == 0)
    *conflict = TM_CONFLICT_KEEP;
  else if (g_strcmp0 (text, "replace") == 0)
    *conflict = TM_CONFLICT_REPLACE;
  else
    return FALSE;
  return TRUE;
}

/* Export */

typedef struct
{
  FILE          *file;      /* writes to the pending file, through a descriptor of its own */
  TmPendingFile *pending;
} Output;

static void
write_field (FILE         *file,
             sqlite3_stmt *stmt,
             int           column)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      break;
    case SQLITE_INTEGER:
      fprintf (file, "%lld", (long long) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      {
        double value = sqlite3_column_double (stmt, column);

        static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

        /* As short as reads back the same: 6.8, not 6.7999999999999998. */
        for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
          {
            g_ascii_formatd (number, sizeof number, formats[i], value);
            if (g_ascii_strtod (number, NULL) == value)
              break;
          }
        fputs (number, file);
      }
      break;
    case SQLITE_TEXT:
    default:
      csv_fwrite (file, sqlite3_column_text (stmt, column), (size_t) sqlite3_column_bytes (stmt, column));
      break;
    }
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
             Output       *out,
             ExportCount  *count,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char * const *columns = tables[table].columns;
  int rc;

  for (guint c = 0; columns[c] != NULL; c++)
    {
      if (c > 0)
        fputc (',', out->file);
      csv_fwrite (out->file, columns[c], strlen (columns[c]));
    }
  fputs ("\r\n", out->file);

  if (!tm_store_prepare (store, tables[table].select, &stmt, _("the data was not exported"), error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (count->done++ % 256 == 0 && !tm_progress_report (count->progress, count->done, count->total, error))
        return FALSE;
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          if (c > 0)
            fputc (',', out->file);
          write_field (out->file, stmt, c);
        }
      fputs ("\r\n", out->file);
    }
  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, tm_store_get_db (store), rc, tm_store_get_path (store),
                           _("the data was not exported"));
      return FALSE;
    }
  return TRUE;
}

static void
set_export_error (GError     **error,
                  const char  *path,
                  int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Tidemark could not write %s: %s. Check that you may write to that folder and that the disk "
                 "has room; files already there were left as they were."),
               path, g_strerror (saved_errno));
}

static gboolean
close_output (Output  *out,
              GError **error)
{
  int saved_errno = 0;

  /* tm_pending_file_close() puts it on the disk. */
  if (fflush (out->file) != 0 || ferror (out->file))
    saved_errno = errno != 0 ? errno : EIO;
  if (fclose (out->file) != 0 && saved_errno == 0)
    saved_errno = errno;
  out->file = NULL;
  if (saved_errno != 0)
    {
      set_export_error (error, tm_pending_file_get_path (out->pending), saved_errno);
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
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM (%s)", tables[t].select);

      if (!tm_store_prepare (store, query, &stmt, _("the data was not exported"), error))
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

gboolean
tm_store_export_csv (TmStore     *store,
                     const char  *dir,
                     GError     **error)
{
  return tm_store_export_csv_full (store, dir, NULL, error);
}

/**
 * tm_store_export_csv_full:
 * @dir: the folder to write the six files into; made if missing
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
  TmPendingFile *pending[TM_N_TABLES] = { NULL };
  const char *names[TM_N_TABLES + 1] = { NULL };
  sqlite3 *db = tm_store_get_db (store);
  gboolean ok = TRUE;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);

  for (int t = 0; t < TM_N_TABLES; t++)
    names[t] = tables[t].file;
  if (!tm_file_check_output_folder (dir, names, tm_store_get_data_dir (store), error))
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_export_error (error, dir, errno);
      return FALSE;
    }

  /* One snapshot for all six files. */
  if (!tm_sqlite_exec (db, "BEGIN", tm_store_get_path (store), _("the data was not exported"), error))
    return FALSE;
  ok = count_rows (store, &count.total, error);

  for (int t = 0; t < TM_N_TABLES && ok; t++)
    {
      g_autofree char *final = g_build_filename (dir, tables[t].file, NULL);

      outs[t].pending = pending[t] = tm_pending_file_new (final);
      if (outs[t].pending == NULL || !open_output (&outs[t]))
        {
          set_export_error (error, final, errno);
          ok = FALSE;
          break;
        }
      ok = write_table (store, t, &outs[t], &count, error) && close_output (&outs[t], error);
    }

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

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

/* Import: parsing */

struct _TmCsvImport
{
  GPtrArray *records[TM_N_TABLES];   /* TmCheckin, TmSession, … by table */
  GArray    *lines[TM_N_TABLES];     /* guint: the line each record begins on */
  GPtrArray *source_keys;            /* char *, one per safety event */
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
      import->keys[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  import->source_keys = g_ptr_array_new_with_free_func (g_free);
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
      g_hash_table_unref (import->keys[t]);
    }
  g_ptr_array_unref (import->source_keys);
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

/* The problems found, "file:line: what is wrong", at most
 * TM_CSV_MAX_PROBLEMS of them. */
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

typedef struct
{
  TmCsvImport *import;
  TmTable      table;
  const char  *file;
  guint        line;         /* the physical line being read */
  guint        row_line;     /* where the current row started */
  GPtrArray   *fields;       /* char *, the current row's */
  gboolean     field_has_nul;
  gboolean     header_done;
  guint        n_columns;    /* in the header: all of the table's, or a version 1 file's */
  gboolean     stop;         /* the header was wrong, or too many problems */
} Parse;

static void G_GNUC_PRINTF (3, 4)
add_problem (Parse      *parse,
             guint       line,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (parse->import->too_many)
    return;
  if (parse->import->problems->len >= TM_CSV_MAX_PROBLEMS)
    {
      parse->import->too_many = TRUE;
      parse->stop = TRUE;
      g_ptr_array_add (parse->import->problems,
                       g_strdup_printf (_("Tidemark stopped reading after %u problems; there may be more."),
                                        TM_CSV_MAX_PROBLEMS));
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a problem in an imported file: "checkins.csv:12: mood “11” …" */
  g_ptr_array_add (parse->import->problems, g_strdup_printf (_("%s:%u: %s"), parse->file, line, message));
}

static gboolean add_record (Parse    *parse,
                            gpointer  record);

/* Field values */

typedef struct
{
  Parse      *parse;
  GPtrArray  *fields;
  const char *column;     /* the name of the field being read, for messages */
  gboolean    failed;
  GPtrArray  *quoted;     /* char *, the fields' texts as problems quote them */
} Row;

/* Whether the file has the column at @index: a file of data version 1
 * lacks those added since. */
static gboolean
has_column (Row  *row,
            guint index)
{
  return index < row->parse->n_columns;
}

static const char *
field (Row  *row,
       guint index)
{
  const char *text = row->fields->pdata[index];

  row->column = tables[row->parse->table].columns[index];
  return text;
}

/* A field's text as a problem quotes it: cut, its controls escaped. */
static const char *
shown (Row        *row,
       const char *text)
{
  char *quoted = tm_text_quote (text);

  g_ptr_array_add (row->quoted, quoted);
  return quoted;
}

static void G_GNUC_PRINTF (2, 3)
row_problem (Row        *row,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (row->parse, row->parse->row_line, "%s", message);
  row->failed = TRUE;
}

/* A whole number from @min to @max; an empty field is @unset when
 * @optional. */
static int
int_field (Row      *row,
           guint     index,
           int       min,
           int       max,
           gboolean  optional)
{
  const char *text = field (row, index);
  gint64 value;

  if (text[0] == '\0' && optional)
    return TM_UNSET;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    {
      row_problem (row, _("%s “%s” is not a whole number from %d to %d"), row->column, shown (row, text), min,
                   max);
      return min;
    }
  return (int) value;
}

static double
real_field (Row      *row,
            guint     index,
            double    min,
            double    max,
            gboolean  optional,
            gboolean  above_min)
{
  const char *text = field (row, index);
  char *end = NULL;
  double value;

  if (text[0] == '\0' && optional)
    return TM_UNSET_HOURS;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || *end != '\0' || errno != 0 || !isfinite (value) || value > max ||
      (above_min ? value <= min : value < min))
    {
      g_autofree char *low = g_strdup_printf ("%g", min);
      g_autofree char *high = g_strdup_printf ("%g", max);

      if (above_min)
        /* Translators: "dose_mg “0” is not a number above 0 and at most 1000" */
        row_problem (row, _("%s “%s” is not a number above %s and at most %s"), row->column, shown (row, text),
                     low, high);
      else
        /* Translators: "sleep_hours “25” is not a number from 0 to 24" */
        row_problem (row, _("%s “%s” is not a number from %s to %s"), row->column, shown (row, text), low,
                     high);
      return min;
    }
  return value;
}

static const char *
day_field (Row      *row,
           guint     index)
{
  const char *text = field (row, index);
  g_autofree char *reason = NULL;

  switch (tm_day_check (text, &reason))
    {
    case TM_DAY_VALID:
      break;
    case TM_DAY_NOT_IN_CALENDAR:
      /* Translators: "day “2026-02-30” is no such day: February 2026 has 28 days" */
      row_problem (row, _("%s “%s” is no such day: %s"), row->column, shown (row, text), reason);
      break;
    case TM_DAY_NOT_WRITTEN:
    default:
      row_problem (row, _("%s “%s” is not a day written YYYY-MM-DD"), row->column, shown (row, text));
      break;
    }
  return text;
}

/* An instant as the store writes it, ISO 8601 with its offset; empty when
 * @optional. */
static const char *
instant_field (Row      *row,
               guint     index,
               gboolean  optional)
{
  const char *text = field (row, index);

  if (text[0] == '\0' && optional)
    return NULL;
  if (!tm_instant_is_valid (text))
    row_problem (row, _("%s “%s” is not a date and time in ISO 8601 with its offset, like "
                        "2026-11-28T20:15:00Z"), row->column, shown (row, text));
  return text;
}

/* Text, NULL when empty; at most @max_chars characters. */
static const char *
text_field (Row  *row,
            guint index,
            glong max_chars)
{
  const char *text = field (row, index);
  glong n;

  if (text[0] == '\0')
    return NULL;
  n = g_utf8_strlen (text, -1);
  if (n > max_chars)
    {
      row_problem (row, _("%s is %ld characters long; at most %ld fit"), row->column, n, max_chars);
      return NULL;
    }
  return text;
}

static void
validation_problem (Row    *row,
                    GError *error)
{
  row_problem (row, "%s", error->message);
}

/* Rows into records */

static void
read_checkin (Row *row)
{
  g_autoptr(TmCheckin) c = tm_checkin_new (day_field (row, 0));
  g_autoptr(GError) error = NULL;

  c->mood = int_field (row, 1, 0, 10, FALSE);
  c->anxiety = int_field (row, 2, 0, 10, TRUE);
  c->energy = int_field (row, 3, 0, 10, TRUE);
  c->sleep_hours = real_field (row, 4, 0, 24, TRUE, FALSE);
  c->effects = (guint) int_field (row, 5, 0, TM_EFFECTS_ALL, FALSE);
  c->effects_intensity = int_field (row, 6, 0, 10, TRUE);
  tm_checkin_set_note (c, text_field (row, 7, TM_NOTE_MAX_CHARS));
  c->created_at = g_strdup (instant_field (row, 8, FALSE));
  c->updated_at = g_strdup (instant_field (row, 9, FALSE));
  /* Not in a version 1 file: no red flags noted, the question not asked. */
  if (has_column (row, 10))
    c->red_flags = (guint) int_field (row, 10, 0, TM_RED_FLAGS_ALL, FALSE);
  if (has_column (row, 11))
    c->self_harm = int_field (row, 11, 0, 1, TRUE);

  if (row->failed)
    return;
  if (!tm_checkin_validate (c, NULL, &error))
    validation_problem (row, error);
  else
    add_record (row->parse, g_steal_pointer (&c));
}

static gboolean
route_field (Row     *row,
             guint    index,
             TmRoute *route)
{
  const char *text = field (row, index);

  if (!tm_route_from_string (text, route))
    {
      row_problem (row, _("route “%s” is not one of oral, sublingual, intranasal, intramuscular, intravenous"),
                   shown (row, text));
      return FALSE;
    }
  return TRUE;
}

static void
read_session (Row *row)
{
  g_autoptr(TmSession) s = tm_session_new ();
  g_autoptr(GError) error = NULL;
  const char *setting;

  tm_session_set_taken_at (s, instant_field (row, 0, FALSE));
  s->dose_mg = real_field (row, 1, 0, TM_DOSE_MAX_MG, FALSE, TRUE);
  route_field (row, 2, &s->route);
  setting = field (row, 3);
  if (!tm_setting_from_string (setting, &s->setting))
    row_problem (row, _("setting “%s” is not home or clinic"), shown (row, setting));
  s->monitor_present = int_field (row, 4, 0, 1, FALSE);
  s->mood_before = int_field (row, 5, 0, 10, TRUE);
  s->dissociation_peak = int_field (row, 6, 0, 10, TRUE);
  s->effects = (guint) int_field (row, 7, 0, TM_EFFECTS_ALL, FALSE);
  s->effects_minutes = int_field (row, 8, 0, TM_EFFECTS_MINUTES_MAX, TRUE);
  s->nausea = int_field (row, 9, 0, TM_N_SEVERITIES - 1, TRUE);
  s->sedation = int_field (row, 10, 0, TM_N_SEVERITIES - 1, TRUE);
  s->bp_before_sys = int_field (row, 11, TM_SYSTOLIC_MIN, TM_SYSTOLIC_MAX, TRUE);
  s->bp_before_dia = int_field (row, 12, TM_DIASTOLIC_MIN, TM_DIASTOLIC_MAX, TRUE);
  s->bp_after_sys = int_field (row, 13, TM_SYSTOLIC_MIN, TM_SYSTOLIC_MAX, TRUE);
  s->bp_after_dia = int_field (row, 14, TM_DIASTOLIC_MIN, TM_DIASTOLIC_MAX, TRUE);
  s->other_medicines = (guint) int_field (row, 15, 0, TM_MEDICINES_ALL, FALSE);
  tm_session_set_note (s, text_field (row, 16, TM_NOTE_MAX_CHARS));
  s->created_at = g_strdup (instant_field (row, 17, FALSE));
  s->updated_at = g_strdup (instant_field (row, 18, FALSE));
  if (has_column (row, 19))
    s->red_flags = (guint) int_field (row, 19, 0, TM_RED_FLAGS_ALL, FALSE);

  if (row->failed)
    return;
  if (!tm_session_validate (s, NULL, &error))
    validation_problem (row, error);
  else
    add_record (row->parse, g_steal_pointer (&s));
}

static void
read_questionnaire (Row *row)
{
  const char *kind_text = field (row, 0);
  TmQuestionnaireKind kind;
  g_autoptr(TmQuestionnaire) q = NULL;
  g_autoptr(GError) error = NULL;
  int total;

  if (!tm_questionnaire_kind_from_string (kind_text, &kind))
    {
      row_problem (row, _("kind “%s” is not phq9 or gad7"), shown (row, kind_text));
      return;
    }
  q = tm_questionnaire_new (kind, day_field (row, 1));
  if (!tm_questionnaire_set_answers_text (q, field (row, 2)))
    row_problem (row, _("answers “%s” are not %u digits from 0 to 3"), shown (row, field (row, 2)),
                 tm_questionnaire_kind_get_n_items (kind));
  q->difficulty = int_field (row, 3, 0, 3, TRUE);
  total = int_field (row, 4, 0, tm_questionnaire_kind_get_max_total (kind), FALSE);
  q->created_at = g_strdup (instant_field (row, 5, FALSE));

  if (row->failed)
    return;
  q->total = tm_questionnaire_score (kind, q->answers);
  if (!tm_questionnaire_validate (q, NULL, &error))
    validation_problem (row, error);
  else if (q->total != total)
    row_problem (row, _("total %d does not add up: the answers make %d"), total, q->total);
  else
    add_record (row->parse, g_steal_pointer (&q));
}

static void
read_plan (Row *row)
{
  g_autoptr(TmPlan) plan = tm_plan_new (day_field (row, 0));
  g_autoptr(GError) error = NULL;

  plan->interval_days = int_field (row, 1, 1, TM_PLAN_INTERVAL_MAX, FALSE);
  plan->dose_mg = real_field (row, 2, 0, TM_DOSE_MAX_MG, FALSE, TRUE);
  route_field (row, 3, &plan->route);
  plan->tolerance_days = int_field (row, 4, 0, TM_PLAN_TOLERANCE_MAX, FALSE);
  tm_plan_set_instructions (plan, text_field (row, 5, TM_NOTE_MAX_CHARS));
  tm_plan_set_author (plan, text_field (row, 6, TM_PLAN_AUTHOR_MAX_CHARS));
  plan->created_at = g_strdup (instant_field (row, 7, FALSE));

  if (row->failed)
    return;
  if (!tm_plan_validate (plan, NULL, &error))
    validation_problem (row, error);
  else
    add_record (row->parse, g_steal_pointer (&plan));
}

static void
read_plan_date (Row *row)
{
  const char *kind_text = field (row, 1);
  TmPlanDateKind kind = TM_PLAN_DATE_EXTRA;
  g_autoptr(TmPlanDate) date = NULL;
  g_autoptr(GError) error = NULL;

  if (!tm_plan_date_kind_from_string (kind_text, &kind))
    row_problem (row, _("kind “%s” is not extra or cancelled"), shown (row, kind_text));
  date = tm_plan_date_new (day_field (row, 0), kind);
  g_free (date->note);
  date->note = g_strdup (text_field (row, 2, TM_NOTE_MAX_CHARS));
  date->created_at = g_strdup (instant_field (row, 3, FALSE));

  if (row->failed)
    return;
  if (!tm_plan_date_validate (date, &error))
    validation_problem (row, error);
  else
    add_record (row->parse, g_steal_pointer (&date));
}

static void
read_safety_event (Row *row)
{
  g_autoptr(TmSafetyEvent) e = g_object_new (TM_TYPE_SAFETY_EVENT, NULL);
  const char *text;
  TmAnswer answer;

  text = field (row, 0);
  if (!tm_rule_from_string (text, &e->rule))
    row_problem (row, _("rule “%s” is not one of S1 to S7 or S11 to S13"), shown (row, text));
  text = field (row, 1);
  if (!tm_level_from_string (text, &e->level))
    row_problem (row, _("level “%s” is not info, caution or urgent"), shown (row, text));
  text = field (row, 2);
  if (!tm_source_from_string (text, &e->source))
    row_problem (row, _("source “%s” is not checkin, session or questionnaire"), shown (row, text));
  text = text_field (row, 3, 200);
  e->shown_at = g_strdup (instant_field (row, 4, FALSE));
  e->answered_at = g_strdup (instant_field (row, 5, TRUE));
  e->answer = g_strdup (text_field (row, 6, 200));
  if (e->answer != NULL && !tm_answer_from_string (e->answer, &answer))
    row_problem (row, _("answer “%s” is not one Tidemark offers"), shown (row, e->answer));
  e->detail = g_strdup (text_field (row, 7, TM_NOTE_MAX_CHARS));

  if (row->failed)
    return;
  if (add_record (row->parse, g_steal_pointer (&e)))
    g_ptr_array_add (row->parse->import->source_keys, g_strdup (text));
}

static void
read_row (Parse *parse)
{
  const char * const *columns = tables[parse->table].columns;
  guint n_columns = g_strv_length ((char **) columns);
  g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);
  Row row = { parse, parse->fields, NULL, FALSE, quoted };

  if (!parse->header_done)
    {
      /* Every column of the table, or those of a file of data version 1. */
      gboolean same = parse->fields->len == n_columns ||
                      parse->fields->len == tables[parse->table].n_v1_columns;
      g_autofree char *expected = g_strjoinv (",", (char **) columns);

      for (guint c = 0; same && c < parse->fields->len; c++)
        same = g_strcmp0 (parse->fields->pdata[c], columns[c]) == 0;
      parse->header_done = TRUE;
      parse->n_columns = parse->fields->len;
      if (!same)
        {
          add_problem (parse, parse->row_line, _("the first line must name the columns %s"), expected);
          parse->stop = TRUE;
        }
      return;
    }

  if (parse->fields->len != parse->n_columns)
    {
      add_problem (parse, parse->row_line, _("%u fields where there should be %u"), parse->fields->len,
                   parse->n_columns);
      return;
    }

  for (guint c = 0; c < parse->n_columns; c++)
    if (!g_utf8_validate (parse->fields->pdata[c], -1, NULL))
      {
        add_problem (parse, parse->row_line, _("%s is not valid UTF-8 text"), columns[c]);
        return;
      }

  switch (parse->table)
    {
    case TM_TABLE_CHECKINS:
      read_checkin (&row);
      break;
    case TM_TABLE_SESSIONS:
      read_session (&row);
      break;
    case TM_TABLE_QUESTIONNAIRES:
      read_questionnaire (&row);
      break;
    case TM_TABLE_PLANS:
      read_plan (&row);
      break;
    case TM_TABLE_PLAN_DATES:
      read_plan_date (&row);
      break;
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      read_safety_event (&row);
      break;
    }
}

static void
on_field_cb (void   *data,
             size_t  length,
             void   *user_data)
{
  Parse *parse = user_data;

  if (parse->stop)
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

  if (!parse->stop)
    {
      if (parse->fields->len == 0)
        parse->row_line = parse->line;
      if (parse->field_has_nul)
        add_problem (parse, parse->row_line, _("a field holds a NUL character, which text can't"));
      else
        read_row (parse);
    }
  g_ptr_array_set_size (parse->fields, 0);
  parse->field_has_nul = FALSE;
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
  struct csv_parser parser;
  Parse parse = { import, table, file_name, 1, 1, NULL, FALSE, FALSE, 0, FALSE };
  guint problems = import->problems->len;
  gsize start = 0;

  g_return_val_if_fail (table < TM_N_TABLES, FALSE);

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
    g_error ("libcsv could not start");
  /* libcsv grows a field's buffer by a fixed block; a block of a
   * sixteenth of the file keeps one huge pasted field to a few copies. */
  csv_set_blk_size (&parser, MAX (length / 16, 128));
  parse.fields = g_ptr_array_new_with_free_func (g_free);

  /* Spreadsheets saving "CSV UTF-8" start the file with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  /* A physical line at a time, so that problems can say where they are. */
  while (start < length && !parse.stop)
    {
      const char *newline = memchr (data + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - data) + 1 : length;

      if (csv_parse (&parser, data + start, end - start, on_field_cb, on_row_cb, &parse) != end - start)
        {
          add_problem (&parse, parse.line, _("the CSV is malformed here (%s); fields with commas, quotes or "
                                             "line breaks must be in double quotes, with quotes doubled"),
                       csv_strerror (csv_error (&parser)));
          parse.stop = TRUE;
          break;
        }
      if (newline != NULL)
        parse.line++;
      start = end;
      /* A cancelled import stops reading; tm_csv_import_read_dir() says so. */
      if (parse.line % 4096 == 0 && g_cancellable_is_cancelled (import->progress.cancellable))
        break;
    }
  if (!parse.stop && csv_fini (&parser, on_field_cb, on_row_cb, &parse) != 0)
    add_problem (&parse, parse.line, _("the file ends inside a quoted field; a closing quote is missing"));
  if (!parse.header_done && !parse.stop)
    add_problem (&parse, 1, _("the file is empty; it must at least name its columns"));

  csv_free (&parser);
  g_ptr_array_unref (parse.fields);
  return import->problems->len == problems;
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
      g_autofree char *path = g_build_filename (dir, tables[t].file, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      if (!tm_progress_report (&import->progress, 0, 0, error))
        return FALSE;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      /* Never a pipe, a device or a file too large to be an export. */
      if (!tm_file_read_bounded (path, TM_CSV_MAX_FILE_SIZE, &contents, &length, &local_error))
        {
          /* The message names the file: its controls shown, not sent. */
          g_autofree char *reason = tm_text_escape (local_error->message);

          g_set_error_literal (error, local_error->domain, local_error->code, reason);
          return FALSE;
        }
      found++;
      tm_csv_import_parse (import, t, tables[t].file, contents, length);
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

/* Import: storing */

static void
bind_opt_real (sqlite3_stmt *stmt,
               int           index,
               double        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

/* Each table: its name, how to find a record already there (and the
 * columns that tell it), how to add one, how to replace one (NULL: never
 * replaced), and what goes in the slots. */
typedef struct
{
  const char *name;
  const char *find;
  const char *key;
  const char *insert;
  const char *update;   /* its last slot is the id */
  int         n_slots;
} Sql;

static const Sql sql[TM_N_TABLES] = {
  { "checkin", "SELECT id FROM checkin WHERE day = ?1", "day",
    "INSERT INTO checkin (day, mood, anxiety, energy, sleep_hours, effects, effects_intensity, note,"
    " created_at, updated_at, red_flags, self_harm)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    "UPDATE checkin SET mood = ?2, anxiety = ?3, energy = ?4, sleep_hours = ?5, effects = ?6,"
    " effects_intensity = ?7, note = ?8, created_at = ?9, updated_at = ?10, red_flags = ?11,"
    " self_harm = ?12 WHERE id = ?13 AND day = ?1",
    12 },
  { "session", "SELECT id FROM session WHERE taken_at = ?1 AND created_at = ?18", "taken_at and created_at",
    "INSERT INTO session (taken_at, dose_mg, route, setting, monitor_present, mood_before, dissociation_peak,"
    " effects, effects_minutes, nausea, sedation, bp_before_sys, bp_before_dia, bp_after_sys, bp_after_dia,"
    " other_medicines, note, created_at, updated_at, red_flags)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
    "         ?20)",
    "UPDATE session SET dose_mg = ?2, route = ?3, setting = ?4, monitor_present = ?5, mood_before = ?6,"
    " dissociation_peak = ?7, effects = ?8, effects_minutes = ?9, nausea = ?10, sedation = ?11,"
    " bp_before_sys = ?12, bp_before_dia = ?13, bp_after_sys = ?14, bp_after_dia = ?15,"
    " other_medicines = ?16, note = ?17, updated_at = ?19, red_flags = ?20"
    " WHERE id = ?21 AND taken_at = ?1 AND created_at = ?18",
    20 },
  { "questionnaire", "SELECT id FROM questionnaire WHERE kind = ?1 AND day = ?2 AND created_at = ?6",
    "kind, day and created_at",
    "INSERT INTO questionnaire (kind, day, answers, difficulty, total, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "UPDATE questionnaire SET answers = ?3, difficulty = ?4, total = ?5 WHERE id = ?7 AND kind = ?1"
    " AND day = ?2 AND created_at = ?6",
    6 },
  { "plan", "SELECT id FROM plan WHERE effective_from = ?1 AND created_at = ?8", "effective_from and created_at",
    "INSERT INTO plan (effective_from, interval_days, dose_mg, route, tolerance_days, instructions, author,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    NULL,
    8 },
  { "plan_date", "SELECT id FROM plan_date WHERE day = ?1 AND kind = ?2", "day and kind",
    "INSERT INTO plan_date (day, kind, note, created_at) VALUES (?1, ?2, ?3, ?4)",
    "UPDATE plan_date SET note = ?3, created_at = ?4 WHERE id = ?5 AND day = ?1 AND kind = ?2",
    4 },
  { "safety_event", "SELECT id FROM safety_event WHERE rule = ?1 AND source = ?3 AND shown_at = ?5",
    "rule, source and shown_at",
    "INSERT INTO safety_event (rule, level, source, source_id, shown_at, answered_at, answer, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "UPDATE safety_event SET level = ?2, source_id = ?4, answered_at = ?6, answer = ?7, detail = ?8"
    " WHERE id = ?9 AND rule = ?1 AND source = ?3 AND shown_at = ?5",
    8 },
};

/* What tells @record apart from the others of its table, as the import
 * finds one already there (see sql[] below): the same twice in a file is
 * one record written twice. */
static char *
record_key (TmTable  table,
            GObject *record)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      return g_strdup (TM_CHECKIN (record)->day);
    case TM_TABLE_SESSIONS:
      return g_strconcat (TM_SESSION (record)->taken_at, " ", TM_SESSION (record)->created_at, NULL);
    case TM_TABLE_QUESTIONNAIRES:
      return g_strconcat (tm_questionnaire_kind_to_string (TM_QUESTIONNAIRE (record)->kind), " ",
                          TM_QUESTIONNAIRE (record)->day, " ", TM_QUESTIONNAIRE (record)->created_at, NULL);
    case TM_TABLE_PLANS:
      return g_strconcat (TM_PLAN (record)->effective_from, " ", TM_PLAN (record)->created_at, NULL);
    case TM_TABLE_PLAN_DATES:
      return g_strconcat (TM_PLAN_DATE (record)->day, " ",
                          tm_plan_date_kind_to_string (TM_PLAN_DATE (record)->kind), NULL);
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      return g_strconcat (tm_rule_to_string (TM_SAFETY_EVENT (record)->rule), " ",
                          tm_source_to_string (TM_SAFETY_EVENT (record)->source), " ",
                          TM_SAFETY_EVENT (record)->shown_at, NULL);
    }
}

/* A row read without problems, and where it began; or, when a row before
 * it holds the same record, a problem that says which. */
static gboolean
add_record (Parse    *parse,
            gpointer  record)
{
  GHashTable *keys = parse->import->keys[parse->table];
  char *key = record_key (parse->table, G_OBJECT (record));
  gpointer earlier;

  if (g_hash_table_lookup_extended (keys, key, NULL, &earlier))
    {
      /* Translators: "this row has the same taken_at and created_at as line 2; keep one of them" */
      add_problem (parse, parse->row_line, _("this row has the same %s as line %u; keep one of them"),
                   sql[parse->table].key, GPOINTER_TO_UINT (earlier));
      g_free (key);
      g_object_unref (record);
      return FALSE;
    }
  g_hash_table_insert (keys, key, GUINT_TO_POINTER (parse->row_line));
  g_ptr_array_add (parse->import->records[parse->table], record);
  g_array_append_val (parse->import->lines[parse->table], parse->row_line);
  return TRUE;
}

/* The record a safety event names, by what the export wrote for it: the
 * same keys that tell records apart on import (a session's taken_at and
 * created_at; a questionnaire's kind, day and created_at). */
static gint64
find_source (TmStore    *store,
             TmSource    source,
             const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *query;

  if (key == NULL)
    return 0;
  switch (source)
    {
    case TM_SOURCE_CHECKIN:
      query = "SELECT id FROM checkin WHERE day = ?1";
      break;
    case TM_SOURCE_SESSION:
      query = "SELECT id FROM session WHERE taken_at || ' ' || created_at = ?1 ORDER BY id DESC";
      break;
    case TM_SOURCE_QUESTIONNAIRE:
    default:
      query = "SELECT id FROM questionnaire WHERE kind || ' ' || day || ' ' || created_at = ?1 ORDER BY id DESC";
      break;
    }
  if (!tm_store_prepare (store, query, &stmt, "", NULL))
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
bind_record (TmStore      *store,
             sqlite3_stmt *stmt,
             TmTable       table,
             GObject      *record,
             const char   *source_key)
{
  switch (table)
    {
    case TM_TABLE_CHECKINS:
      {
        TmCheckin *c = TM_CHECKIN (record);

        tm_sqlite_bind_text (stmt, 1, c->day);
        sqlite3_bind_int (stmt, 2, c->mood);
        tm_sqlite_bind_opt_int (stmt, 3, c->anxiety);
        tm_sqlite_bind_opt_int (stmt, 4, c->energy);
        bind_opt_real (stmt, 5, c->sleep_hours);
        sqlite3_bind_int (stmt, 6, (int) c->effects);
        tm_sqlite_bind_opt_int (stmt, 7, c->effects_intensity);
        tm_sqlite_bind_text (stmt, 8, c->note);
        tm_sqlite_bind_text (stmt, 9, c->created_at);
        tm_sqlite_bind_text (stmt, 10, c->updated_at);
        sqlite3_bind_int (stmt, 11, (int) c->red_flags);
        tm_sqlite_bind_opt_int (stmt, 12, c->self_harm);
      }
      break;
    case TM_TABLE_SESSIONS:
      {
        TmSession *s = TM_SESSION (record);

        tm_sqlite_bind_text (stmt, 1, s->taken_at);
        sqlite3_bind_double (stmt, 2, s->dose_mg);
        tm_sqlite_bind_text (stmt, 3, tm_route_to_string (s->route));
        tm_sqlite_bind_text (stmt, 4, tm_setting_to_string (s->setting));
        sqlite3_bind_int (stmt, 5, s->monitor_present ? 1 : 0);
        tm_sqlite_bind_opt_int (stmt, 6, s->mood_before);
        tm_sqlite_bind_opt_int (stmt, 7, s->dissociation_peak);
        sqlite3_bind_int (stmt, 8, (int) s->effects);
        tm_sqlite_bind_opt_int (stmt, 9, s->effects_minutes);
        tm_sqlite_bind_opt_int (stmt, 10, s->nausea);
        tm_sqlite_bind_opt_int (stmt, 11, s->sedation);
        tm_sqlite_bind_opt_int (stmt, 12, s->bp_before_sys);
        tm_sqlite_bind_opt_int (stmt, 13, s->bp_before_dia);
        tm_sqlite_bind_opt_int (stmt, 14, s->bp_after_sys);
        tm_sqlite_bind_opt_int (stmt, 15, s->bp_after_dia);
        sqlite3_bind_int (stmt, 16, (int) s->other_medicines);
        tm_sqlite_bind_text (stmt, 17, s->note);
        tm_sqlite_bind_text (stmt, 18, s->created_at);
        tm_sqlite_bind_text (stmt, 19, s->updated_at);
        sqlite3_bind_int (stmt, 20, (int) s->red_flags);
      }
      break;
    case TM_TABLE_QUESTIONNAIRES:
      {
        TmQuestionnaire *q = TM_QUESTIONNAIRE (record);
        g_autofree char *answers = tm_questionnaire_get_answers_text (q);

        tm_sqlite_bind_text (stmt, 1, tm_questionnaire_kind_to_string (q->kind));
        tm_sqlite_bind_text (stmt, 2, q->day);
        tm_sqlite_bind_text (stmt, 3, answers);
        tm_sqlite_bind_opt_int (stmt, 4, q->difficulty);
        sqlite3_bind_int (stmt, 5, q->total);
        tm_sqlite_bind_text (stmt, 6, q->created_at);
      }
      break;
    case TM_TABLE_PLANS:
      {
        TmPlan *plan = TM_PLAN (record);

        tm_sqlite_bind_text (stmt, 1, plan->effective_from);
        sqlite3_bind_int (stmt, 2, plan->interval_days);
        sqlite3_bind_double (stmt, 3, plan->dose_mg);
        tm_sqlite_bind_text (stmt, 4, tm_route_to_string (plan->route));
        sqlite3_bind_int (stmt, 5, plan->tolerance_days);
        tm_sqlite_bind_text (stmt, 6, plan->instructions);
        tm_sqlite_bind_text (stmt, 7, plan->author);
        tm_sqlite_bind_text (stmt, 8, plan->created_at);
      }
      break;
    case TM_TABLE_PLAN_DATES:
      {
        TmPlanDate *date = TM_PLAN_DATE (record);

        tm_sqlite_bind_text (stmt, 1, date->day);
        tm_sqlite_bind_text (stmt, 2, tm_plan_date_kind_to_string (date->kind));
        tm_sqlite_bind_text (stmt, 3, date->note);
        tm_sqlite_bind_text (stmt, 4, date->created_at);
      }
      break;
    case TM_TABLE_SAFETY_EVENTS:
    case TM_N_TABLES:
    default:
      {
        TmSafetyEvent *e = TM_SAFETY_EVENT (record);
        gint64 source_id = find_source (store, e->source, source_key);

        tm_sqlite_bind_text (stmt, 1, tm_rule_to_string (e->rule));
        tm_sqlite_bind_text (stmt, 2, tm_level_to_string (e->level));
        tm_sqlite_bind_text (stmt, 3, tm_source_to_string (e->source));
        if (source_id > 0)
          sqlite3_bind_int64 (stmt, 4, source_id);
        else
          sqlite3_bind_null (stmt, 4);
        tm_sqlite_bind_text (stmt, 5, e->shown_at);
        tm_sqlite_bind_text (stmt, 6, e->answered_at);
        tm_sqlite_bind_text (stmt, 7, e->answer);
        tm_sqlite_bind_text (stmt, 8, e->detail);
      }
      break;
    }
}

/* The id of the record already there that @record would be, or 0. */
static gint64
existing_id (TmStore  *store,
             TmTable   table,
             GObject  *record,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!tm_store_prepare (store, sql[table].find, &stmt, _("nothing was imported"), error))
    return -1;
  bind_record (store, stmt, table, record, NULL);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, tm_store_get_db (store), rc, tm_store_get_path (store),
                           _("nothing was imported"));
      return -1;
    }
  return 0;
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
      /* Plans are never replaced, and prompts only repeat the record. */
      if (t == TM_TABLE_PLANS || t == TM_TABLE_SAFETY_EVENTS)
        continue;
      for (guint i = 0; i < import->records[t]->len; i++)
        if (existing_id (store, t, import->records[t]->pdata[i], NULL) > 0)
          n++;
    }
  return n;
}

/* The records the safety rules check, and as which source. */
static const int table_sources[TM_N_TABLES] = {
  [TM_TABLE_CHECKINS] = TM_SOURCE_CHECKIN,
  [TM_TABLE_SESSIONS] = TM_SOURCE_SESSION,
  [TM_TABLE_QUESTIONNAIRES] = TM_SOURCE_QUESTIONNAIRE,
  [TM_TABLE_PLANS] = -1,
  [TM_TABLE_PLAN_DATES] = -1,
  [TM_TABLE_SAFETY_EVENTS] = -1,
};

/* Stores one record; one added or replaced that the safety rules check
 * goes into @stored (TmRecordRef). */
static gboolean
store_record (TmStore       *store,
              TmCsvImport   *import,
              TmTable        table,
              guint          index,
              gint64         last_before,
              TmConflict     conflict,
              TmCsvSummary  *summary,
              GArray        *stored,
              GError       **error)
{
  GObject *record = import->records[table]->pdata[index];
  const char *source_key = table == TM_TABLE_SAFETY_EVENTS ? import->source_keys->pdata[index] : NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = existing_id (store, table, record, error);
  const char *query;
  int rc;

  if (id < 0)
    return FALSE;
  /* Found among the rows this import added: the file has it twice. */
  if (id > last_before)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("%s:%u: this row has the same %s as an earlier row of the file. Keep one of them; "
                     "nothing was imported."),
                   tables[table].file, g_array_index (import->lines[table], guint, index), sql[table].key);
      return FALSE;
    }
  if (id > 0 && (conflict == TM_CONFLICT_KEEP || sql[table].update == NULL))
    {
      summary->kept[table]++;
      return TRUE;
    }

  query = id > 0 ? sql[table].update : sql[table].insert;
  if (!tm_store_prepare (store, query, &stmt, _("nothing was imported"), error))
    return FALSE;
  bind_record (store, stmt, table, record, source_key);
  if (id > 0)
    sqlite3_bind_int64 (stmt, sql[table].n_slots + 1, id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, tm_store_get_db (store), rc, tm_store_get_path (store),
                           _("nothing was imported"));
      return FALSE;
    }
  if (id > 0)
    summary->replaced[table]++;
  else
    summary->added[table]++;

  if (table_sources[table] >= 0)
    {
      TmRecordRef ref = { table_sources[table], id };

      if (id == 0)
        ref.id = sqlite3_last_insert_rowid (tm_store_get_db (store));

      g_array_append_val (stored, ref);
    }
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
  g_autofree char *query = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", sql[table].name);

  if (!tm_store_prepare (store, query, &stmt, _("nothing was imported"), error))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, tm_store_get_db (store), sqlite3_errcode (tm_store_get_db (store)),
                           tm_store_get_path (store), _("nothing was imported"));
      return FALSE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
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
  TmCsvSummary counts = { { 0 } };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint64 total = 0, done = 0;
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (TmRecordRef));

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
    total += import->records[t]->len;

  /* The records first; then the prompts, which name them. */
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      gint64 last_before;

      if (!last_id (store, t, &last_before, error))
        {
          tm_store_rollback (store);
          return FALSE;
        }
      for (guint i = 0; i < import->records[t]->len; i++, done++)
        if ((done % 256 == 0 && !tm_progress_report (&import->progress, done, total, error)) ||
            !store_record (store, import, t, i, last_before, conflict, &counts, stored, error))
          {
            tm_store_rollback (store);
            return FALSE;
          }
    }

  /* The records first, with the file's prompts; then the rules, which
   * read them. Cancelled up to the last moment, nothing is stored. */
  if (!tm_store_raise_imported_prompts (store, stored, &counts.raised, error) ||
      !tm_progress_report (&import->progress, done, total, error) ||
      !tm_store_commit (store, error))
    {
      tm_store_rollback (store);
      return FALSE;
    }

  tm_store_reload (store);
  if (summary != NULL)
    *summary = counts;
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
