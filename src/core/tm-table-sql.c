/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each table's statements, written once from its description, and records
 * bound to them and read from their rows by each column's type. */
#define G_LOG_DOMAIN "tm-table"

#include "config.h"

#include <string.h>

#include "tm-checkin.h"
#include "tm-enum-nick.h"
#include "tm-questionnaire.h"
#include "tm-sqlite.h"
#include "tm-table-sql.h"

/* Statements */

typedef gboolean (*ColumnFilter) (const TmColumn *column);

static gboolean
any_column (const TmColumn *column)
{
  return TRUE;
}

static gboolean
key_column (const TmColumn *column)
{
  return (column->flags & TM_COLUMN_KEY) != 0;
}

static gboolean
stamped_column (const TmColumn *column)
{
  return (column->flags & (TM_COLUMN_CREATED | TM_COLUMN_UPDATED)) != 0;
}

/* What a save may change: all but what is written when the record is made. */
static gboolean
changeable_column (const TmColumn *column)
{
  return (column->flags & TM_COLUMN_CREATED) == 0;
}

/* What an import's newer version replaces: all but the key. */
static gboolean
replaceable_column (const TmColumn *column)
{
  return (column->flags & TM_COLUMN_KEY) == 0;
}

/* What a save of a record whose key is stored changes in that one. */
static gboolean
upsert_column (const TmColumn *column)
{
  return changeable_column (column) && replaceable_column (column);
}

/* How append_columns() writes each column. */
typedef enum
{
  AS_NAME,        /* day */
  AS_SLOT,        /* ?1 */
  AS_ASSIGNMENT,  /* mood = ?2 */
  AS_EXCLUDED,    /* mood = excluded.mood */
  AS_KEY_PART,    /* day || ' ' || kind */
} Written;

/* The columns @keep takes, written @as, in the description's order. */
static void
append_columns (GString           *sql,
                const TmTableInfo *info,
                ColumnFilter       keep,
                Written            as,
                const char        *separator)
{
  gboolean first = TRUE;

  for (guint c = 0; c < info->n_columns; c++)
    {
      const char *name = info->columns[c].name;

      if (!keep (&info->columns[c]))
        continue;
      if (!first)
        g_string_append (sql, as == AS_KEY_PART ? " || ' ' || " : separator);
      if (as == AS_SLOT)
        g_string_append_printf (sql, "?%u", c + 1);
      else if (as == AS_ASSIGNMENT)
        g_string_append_printf (sql, "%s = ?%u", name, c + 1);
      else if (as == AS_EXCLUDED)
        g_string_append_printf (sql, "%s = excluded.%s", name, name);
      else
        g_string_append (sql, name);
      first = FALSE;
    }
}

static void
append_returning (GString           *sql,
                  const TmTableInfo *info)
{
  g_string_append (sql, " RETURNING id");
  for (guint c = 0; c < info->n_columns; c++)
    if (stamped_column (&info->columns[c]))
      g_string_append_printf (sql, ", %s", info->columns[c].name);
}

/* The key as a record's key text is written: "taken_at || ' ' || created_at". */
static void
append_key (GString           *sql,
            const TmTableInfo *info)
{
  append_columns (sql, info, key_column, AS_KEY_PART, NULL);
}

/* For a column that refers to a record: that record's key, by the table
 * the column's table_column names. */
static void
append_referred_key (GString           *sql,
                     const TmTableInfo *info,
                     const TmColumn    *column)
{
  const TmColumn *named_by;

  if (column->table_column == NULL)
    {
      const TmTableInfo *referred = tm_table_get_info (tm_column_get_referred_table (column, NULL));

      g_string_append (sql, ", (SELECT ");
      append_key (sql, referred);
      g_string_append_printf (sql, " FROM %s WHERE id = t.%s)", referred->name, column->name);
      return;
    }

  named_by = tm_table_find_column (info->table, column->table_column);
  g_string_append_printf (sql, ", CASE %s", named_by->name);
  for (int t = 0; t < TM_N_TABLES; t++)
    {
      const TmTableInfo *referred = tm_table_get_info (t);
      int value;

      if (!tm_enum_find_nick (named_by->enum_type (), referred->name, &value))
        continue;
      g_string_append_printf (sql, " WHEN '%s' THEN (SELECT ", referred->name);
      append_key (sql, referred);
      g_string_append_printf (sql, " FROM %s WHERE id = t.%s)", referred->name, column->name);
    }
  g_string_append (sql, " END");
}

static char *
write_select (const TmTableInfo *info,
              gboolean           export)
{
  GString *sql = g_string_new ("SELECT id, ");

  append_columns (sql, info, any_column, AS_NAME, ", ");
  for (guint c = 0; export && c < info->n_columns; c++)
    if (info->columns[c].type == TM_VALUE_RECORD)
      append_referred_key (sql, info, &info->columns[c]);
  g_string_append_printf (sql, " FROM %s AS t", info->name);
  if (export)
    g_string_append_printf (sql, " ORDER BY %s", info->export_order);
  return g_string_free (sql, FALSE);
}

static char *
write_insert (const TmTableInfo *info,
              TmSql              which)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", info->name);
  append_columns (sql, info, any_column, AS_NAME, ", ");
  g_string_append (sql, which == TM_SQL_RESTORE ? ", id) VALUES (" : ") VALUES (");
  append_columns (sql, info, any_column, AS_SLOT, ", ");
  if (which == TM_SQL_RESTORE)
    g_string_append_printf (sql, ", ?%u", info->n_columns + 1);
  g_string_append (sql, ")");
  if (which == TM_SQL_SAVE_NEW && info->one_per_key)
    {
      g_string_append (sql, " ON CONFLICT (");
      append_columns (sql, info, key_column, AS_NAME, ", ");
      g_string_append (sql, ") DO UPDATE SET ");
      append_columns (sql, info, upsert_column, AS_EXCLUDED, ", ");
    }
  if (which == TM_SQL_SAVE_NEW)
    append_returning (sql, info);
  return g_string_free (sql, FALSE);
}

static char *
write_update (const TmTableInfo *info,
              TmSql              which)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "UPDATE %s SET ", info->name);
  append_columns (sql, info, which == TM_SQL_SAVE_EDIT ? changeable_column : replaceable_column, AS_ASSIGNMENT,
                  ", ");
  g_string_append_printf (sql, " WHERE id = ?%u", info->n_columns + 1);
  if (which == TM_SQL_SAVE_EDIT)
    append_returning (sql, info);
  return g_string_free (sql, FALSE);
}

static char *
write_find (const TmTableInfo *info,
            TmSql              which)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "SELECT id FROM %s WHERE ", info->name);
  if (which == TM_SQL_FIND)
    append_columns (sql, info, key_column, AS_ASSIGNMENT, " AND ");
  else
    {
      append_key (sql, info);
      g_string_append (sql, " = ?1 ORDER BY id DESC");
    }
  return g_string_free (sql, FALSE);
}

static char *
write_sql (const TmTableInfo *info,
           TmSql              which)
{
  switch (which)
    {
    case TM_SQL_SELECT:
    case TM_SQL_EXPORT:
      return write_select (info, which == TM_SQL_EXPORT);
    case TM_SQL_INSERT:
    case TM_SQL_RESTORE:
    case TM_SQL_SAVE_NEW:
      return write_insert (info, which);
    case TM_SQL_SAVE_EDIT:
    case TM_SQL_REPLACE:
      return write_update (info, which);
    case TM_SQL_FIND:
    case TM_SQL_FIND_BY_KEY:
      return write_find (info, which);
    case TM_SQL_COUNT:
      return g_strdup_printf ("SELECT count(*) FROM %s", info->name);
    case TM_SQL_LAST_ID:
      return g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", info->name);
    case TM_SQL_DELETE:
    case TM_N_SQL:
    default:
      return g_strdup_printf ("DELETE FROM %s WHERE id = ?1", info->name);
    }
}

/* Written once, for every table, and kept: the store and an import in a
 * thread may ask at the same time. */
static char *statements[TM_N_TABLES][TM_N_SQL];

/**
 * tm_table_get_sql:
 *
 * Returns: (transfer none): @table's statement @which (see #TmSql)
 */
const char *
tm_table_get_sql (TmTable table,
                  TmSql   which)
{
  static gsize written = 0;

  g_return_val_if_fail (table < TM_N_TABLES && which < TM_N_SQL, NULL);

  if (g_once_init_enter (&written))
    {
      for (int t = 0; t < TM_N_TABLES; t++)
        for (int s = 0; s < TM_N_SQL; s++)
          statements[t][s] = write_sql (tm_table_get_info (t), s);
      g_once_init_leave (&written, 1);
    }
  return statements[table][which];
}

/* Records and statements */


static void
bind_column (sqlite3_stmt   *stmt,
             int             index,
             const TmColumn *column,
             gconstpointer   record)
{
  if (tm_column_is_missing (column, record))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (column->type)
    {
    case TM_VALUE_INT:
      sqlite3_bind_int (stmt, index, TM_COLUMN_VALUE (column, record, int));
      break;
    case TM_VALUE_BOOL:
      sqlite3_bind_int (stmt, index, TM_COLUMN_VALUE (column, record, gboolean) ? 1 : 0);
      break;
    case TM_VALUE_FLAGS:
      sqlite3_bind_int64 (stmt, index, TM_COLUMN_VALUE (column, record, guint));
      break;
    case TM_VALUE_REAL:
      sqlite3_bind_double (stmt, index, TM_COLUMN_VALUE (column, record, double));
      break;
    case TM_VALUE_RECORD:
      sqlite3_bind_int64 (stmt, index, TM_COLUMN_VALUE (column, record, gint64));
      break;
    case TM_VALUE_DAY:
      tm_sqlite_bind_text (stmt, index, tm_column_get_place (column, record));
      break;
    case TM_VALUE_ENUM:
      sqlite3_bind_text (stmt, index, tm_enum_get_nick (column->enum_type (), TM_COLUMN_VALUE (column, record, int)), -1,
                         SQLITE_STATIC);
      break;
    case TM_VALUE_ANSWERS:
      sqlite3_bind_text (stmt, index, tm_questionnaire_get_answers_text (record), -1, g_free);
      break;
    case TM_VALUE_INSTANT:
    case TM_VALUE_TEXT:
    case TM_VALUE_NICK:
    default:
      tm_sqlite_bind_text (stmt, index, TM_COLUMN_VALUE (column, record, char *));
      break;
    }
}

/**
 * tm_table_bind:
 * @key_only: bind only the key's columns (for %TM_SQL_FIND)
 *
 * Binds @record's columns to ?1 … ?N, a missing value as NULL, text as a
 * copy.
 */
void
tm_table_bind (TmTable        table,
               sqlite3_stmt  *stmt,
               gconstpointer  record,
               gboolean       key_only)
{
  const TmTableInfo *info = tm_table_get_info (table);

  for (guint c = 0; c < info->n_columns; c++)
    if (!key_only || (info->columns[c].flags & TM_COLUMN_KEY))
      bind_column (stmt, (int) c + 1, &info->columns[c], record);
}

/* Binds @now in place of the record's value of each column with one of
 * the @stamps flags. */
void
tm_table_bind_stamps (TmTable        table,
                      sqlite3_stmt  *stmt,
                      TmColumnFlags  stamps,
                      const char    *now)
{
  const TmTableInfo *info = tm_table_get_info (table);

  for (guint c = 0; c < info->n_columns; c++)
    if (info->columns[c].flags & stamps)
      sqlite3_bind_text (stmt, (int) c + 1, now, -1, SQLITE_TRANSIENT);
}

static void
read_column (sqlite3_stmt   *stmt,
             int             index,
             const TmColumn *column,
             gpointer        record)
{
  gboolean null = sqlite3_column_type (stmt, index) == SQLITE_NULL;
  const char *text;
  int value;

  switch (column->type)
    {
    case TM_VALUE_INT:
      TM_COLUMN_VALUE (column, record, int) = null ? TM_UNSET : sqlite3_column_int (stmt, index);
      break;
    case TM_VALUE_BOOL:
      TM_COLUMN_VALUE (column, record, gboolean) = sqlite3_column_int (stmt, index) != 0;
      break;
    case TM_VALUE_FLAGS:
      TM_COLUMN_VALUE (column, record, guint) = (guint) sqlite3_column_int64 (stmt, index);
      break;
    case TM_VALUE_REAL:
      TM_COLUMN_VALUE (column, record, double) = null ? TM_UNSET_HOURS : sqlite3_column_double (stmt, index);
      break;
    case TM_VALUE_RECORD:
      TM_COLUMN_VALUE (column, record, gint64) = sqlite3_column_int64 (stmt, index);
      break;
    case TM_VALUE_DAY:
      text = (const char *) sqlite3_column_text (stmt, index);
      g_strlcpy (tm_column_get_place (column, record), text != NULL ? text : "", TM_DAY_LEN + 1);
      break;
    case TM_VALUE_ENUM:
      if (tm_enum_find_nick (column->enum_type (), (const char *) sqlite3_column_text (stmt, index), &value))
        TM_COLUMN_VALUE (column, record, int) = value;
      break;
    case TM_VALUE_ANSWERS:
      tm_questionnaire_set_answers_text (record, (const char *) sqlite3_column_text (stmt, index));
      break;
    case TM_VALUE_INSTANT:
    case TM_VALUE_TEXT:
    case TM_VALUE_NICK:
    default:
      g_free (TM_COLUMN_VALUE (column, record, char *));
      TM_COLUMN_VALUE (column, record, char *) = tm_sqlite_column_dup (stmt, index);
      break;
    }
}

/**
 * tm_table_read_row:
 * @stmt: on a row of %TM_SQL_SELECT or %TM_SQL_EXPORT
 *
 * Returns: (transfer full): the row's record
 */
gpointer
tm_table_read_row (TmTable       table,
                   sqlite3_stmt *stmt)
{
  const TmTableInfo *info = tm_table_get_info (table);
  gpointer record = tm_table_new_record (table);

  *(gint64 *) ((guint8 *) record + info->id_offset) = sqlite3_column_int64 (stmt, 0);
  for (guint c = 0; c < info->n_columns; c++)
    read_column (stmt, (int) c + 1, &info->columns[c], record);
  return record;
}

/* From a row of %TM_SQL_SAVE_NEW or %TM_SQL_SAVE_EDIT: @record's id and
 * the values the store wrote. */
void
tm_table_read_stamps (TmTable       table,
                      sqlite3_stmt *stmt,
                      gpointer      record)
{
  const TmTableInfo *info = tm_table_get_info (table);
  int index = 1;

  *(gint64 *) ((guint8 *) record + info->id_offset) = sqlite3_column_int64 (stmt, 0);
  for (guint c = 0; c < info->n_columns; c++)
    if (stamped_column (&info->columns[c]))
      read_column (stmt, index++, &info->columns[c], record);
}
