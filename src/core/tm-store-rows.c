/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's rows of any table, read and written by its description:
 * what is particular to a table (its signals, its model, what a person is
 * told) stays in that table's file. */
#define G_LOG_DOMAIN "tm-store"

#include "config.h"

#include "tm-sqlite.h"
#include "tm-store-private.h"
#include "tm-table-sql.h"

/**
 * tm_store_prepare_select:
 * @rest: what follows "SELECT id, … FROM table AS t": a WHERE clause, an
 *   ORDER BY, or ""
 *
 * Returns: (transfer full) (nullable): the statement, for the caller to
 *   bind and to read with tm_store_read_rows()
 */
sqlite3_stmt *
tm_store_prepare_select (TmStore     *self,
                         TmTable      table,
                         const char  *rest,
                         const char  *what,
                         GError     **error)
{
  g_autofree char *sql = g_strconcat (tm_table_get_sql (table, TM_SQL_SELECT), " ", rest, NULL);
  sqlite3_stmt *stmt = NULL;

  if (!tm_store_prepare (self, sql, &stmt, what, error))
    return NULL;
  return stmt;
}

/**
 * tm_store_read_rows:
 * @stmt: (transfer full): from tm_store_prepare_select(), bound
 *
 * Returns: (transfer container) (element-type GObject) (nullable): the
 *   rows' records, in the order of the rows
 */
GPtrArray *
tm_store_read_rows (TmStore       *self,
                    TmTable        table,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) owned = stmt;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (owned)) == SQLITE_ROW)
    g_ptr_array_add (records, tm_table_read_row (table, owned));

  if (rc != SQLITE_DONE)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * tm_store_read_one:
 * @stmt: (transfer full): from tm_store_prepare_select(), bound to find
 *   at most one row
 *
 * Returns: (transfer full) (nullable): its record, or %NULL without an
 *   error when there is none
 */
gpointer
tm_store_read_one (TmStore       *self,
                   TmTable        table,
                   sqlite3_stmt  *stmt,
                   const char    *what,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) owned = stmt;
  int rc = sqlite3_step (owned);

  if (rc == SQLITE_ROW)
    return tm_table_read_row (table, owned);
  if (rc != SQLITE_DONE)
    tm_sqlite_set_error (error, self->db, rc, self->path, what);
  return NULL;
}

/**
 * tm_store_get_row:
 *
 * Returns: (transfer full) (nullable): the record of @id, or %NULL without
 *   an error when there is none
 */
gpointer
tm_store_get_row (TmStore     *self,
                  TmTable      table,
                  gint64       id,
                  const char  *what,
                  GError     **error)
{
  sqlite3_stmt *stmt = tm_store_prepare_select (self, table, "WHERE id = ?1", what, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return tm_store_read_one (self, table, stmt, what, error);
}

/* Whether @rc says a record of the same id or key is there. */
static gboolean
is_key_taken (int rc)
{
  return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY;
}

/* When a row of an append-only table is added: now, or a second after
 * the latest row's created_at when that is not before now (two rows
 * within a second, a clock set back). So no two rows share a created_at,
 * and the keys that name a row (a change names the one it replaces, in
 * the CSV files too) stay apart. */
static char *
added_at (TmStore  *self,
          TmTable   table)
{
  const TmTableInfo *info = tm_table_get_info (table);
  g_autofree char *now = tm_instant_now_utc ();
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *created = NULL;

  if (!info->append_only)
    return g_steal_pointer (&now);

  for (guint c = 0; c < info->n_columns; c++)
    if (info->columns[c].flags & TM_COLUMN_CREATED)
      created = info->columns[c].name;
  g_return_val_if_fail (created != NULL, g_steal_pointer (&now));

  sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY julianday(%s) DESC LIMIT 1", created, info->name, created);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) latest = tm_instant_parse ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(GDateTime) at = tm_instant_parse (now);

      if (latest != NULL && at != NULL && g_date_time_compare (latest, at) >= 0)
        {
          g_autoptr(GDateTime) next = g_date_time_add_seconds (latest, 1);
          g_autoptr(GDateTime) utc = g_date_time_to_utc (next);

          g_free (now);
          now = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
        }
    }
  return g_steal_pointer (&now);
}

static TmSaveResult
write_row (TmStore     *self,
           TmTable      table,
           gpointer     record,
           gboolean     add,
           const char  *what,
           GError     **error)
{
  const TmTableInfo *info = tm_table_get_info (table);
  gint64 id = *(gint64 *) ((guint8 *) record + info->id_offset);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = add ? added_at (self, table) : tm_instant_now_utc ();
  int rc;

  if (!tm_store_prepare (self, tm_table_get_sql (table, add ? TM_SQL_SAVE_NEW : TM_SQL_SAVE_EDIT), &stmt, what,
                         error))
    return TM_SAVE_FAILED;

  tm_table_bind (table, stmt, record, FALSE);
  tm_table_bind_stamps (table, stmt, add ? TM_COLUMN_CREATED | TM_COLUMN_UPDATED : TM_COLUMN_UPDATED, now);
  if (!add)
    sqlite3_bind_int64 (stmt, (int) info->n_columns + 1, id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tm_sqlite_set_error (error, self->db, rc, self->path, what);
      return rc == SQLITE_DONE ? TM_SAVE_NOT_FOUND : is_key_taken (rc) ? TM_SAVE_KEY_TAKEN : TM_SAVE_FAILED;
    }

  tm_table_read_stamps (table, stmt, record);
  /* Finishing the statement commits it. */
  return tm_store_step_done (self, stmt, what, error) ? TM_SAVED : TM_SAVE_FAILED;
}

/**
 * tm_store_save_row:
 * @record: a record, valid; once saved, its id and what the store writes
 *   (created_at, updated_at) are set
 *
 * Adds @record when its id is 0, or when its table keeps one record per
 * key (then as the one of its key, whether there or not); else changes
 * the stored record of its id. What the store writes is now.
 *
 * Returns: anything but %TM_SAVED with @error set; a caller may tell of
 *   %TM_SAVE_NOT_FOUND and %TM_SAVE_KEY_TAKEN in its own words instead
 */
TmSaveResult
tm_store_save_row (TmStore     *self,
                   TmTable      table,
                   gpointer     record,
                   const char  *what,
                   GError     **error)
{
  const TmTableInfo *info = tm_table_get_info (table);
  gint64 id = *(gint64 *) ((guint8 *) record + info->id_offset);

  return write_row (self, table, record, id == 0 || info->one_per_key, what, error);
}

/**
 * tm_store_add_row:
 *
 * Adds @record as a new row, whatever its id (a copy of a stored one, or
 * of one from a file), as tm_store_save_row() adds.
 */
TmSaveResult
tm_store_add_row (TmStore     *self,
                  TmTable      table,
                  gpointer     record,
                  const char  *what,
                  GError     **error)
{
  return write_row (self, table, record, TRUE, what, error);
}

/**
 * tm_store_restore_row:
 * @record: a record as it was stored, id and times included
 *
 * Brings back a deleted record exactly.
 *
 * Returns: anything but %TM_SAVED with @error set; %TM_SAVE_KEY_TAKEN
 *   when its id or key is taken again
 */
TmSaveResult
tm_store_restore_row (TmStore     *self,
                      TmTable      table,
                      gpointer     record,
                      const char  *what,
                      GError     **error)
{
  const TmTableInfo *info = tm_table_get_info (table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!tm_store_prepare (self, tm_table_get_sql (table, TM_SQL_RESTORE), &stmt, what, error))
    return TM_SAVE_FAILED;

  tm_table_bind (table, stmt, record, FALSE);
  sqlite3_bind_int64 (stmt, (int) info->n_columns + 1, *(gint64 *) ((guint8 *) record + info->id_offset));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TM_SAVED;
  tm_sqlite_set_error (error, self->db, rc, self->path, what);
  return is_key_taken (rc) ? TM_SAVE_KEY_TAKEN : TM_SAVE_FAILED;
}

/**
 * tm_store_delete_row:
 * @found: (out): whether there was a record of @id
 */
gboolean
tm_store_delete_row (TmStore     *self,
                     TmTable      table,
                     gint64       id,
                     gboolean    *found,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!tm_store_prepare (self, tm_table_get_sql (table, TM_SQL_DELETE), &stmt, what, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!tm_store_step_done (self, stmt, what, error))
    return FALSE;
  *found = sqlite3_changes (self->db) > 0;
  return TRUE;
}
