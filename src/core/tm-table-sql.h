/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to src/core: each table's SQL, written from its description
 * (tm-table.h), and its records bound to and read from statements. */
#pragma once

#include <sqlite3.h>

#include "tm-table.h"

G_BEGIN_DECLS

/* The statements of a table. N is its number of columns; a record's
 * columns are bound to ?1 … ?N in the description's order. */
typedef enum
{
  TM_SQL_SELECT,       /* id and every column, FROM the table: a WHERE or ORDER BY may follow */
  TM_SQL_EXPORT,       /* the same, in the CSV file's order; a column that refers to a record
                        * is followed, last, by that record's key */
  TM_SQL_INSERT,       /* every column */
  TM_SQL_RESTORE,      /* every column, and the id as ?N+1 */
  TM_SQL_SAVE_NEW,     /* INSERT (in a table of one record per key, or UPDATE the one there),
                        * RETURNING id and what the store writes */
  TM_SQL_SAVE_EDIT,    /* UPDATE every column but those written once WHERE id = ?N+1, RETURNING
                        * the same */
  TM_SQL_REPLACE,      /* UPDATE every column but the key's WHERE id = ?N+1 */
  TM_SQL_FIND,         /* the id of the record whose key columns are the ones bound */
  TM_SQL_FIND_BY_KEY,  /* the id of the newest record whose key, joined by spaces, is ?1 */
  TM_SQL_COUNT,        /* how many rows */
  TM_SQL_LAST_ID,      /* the highest id, 0 for none */
  TM_SQL_DELETE,       /* the row of id ?1 */
  TM_N_SQL
} TmSql;

const char *tm_table_get_sql        (TmTable         table,
                                     TmSql           which);
void        tm_table_bind           (TmTable         table,
                                     sqlite3_stmt   *stmt,
                                     gconstpointer   record,
                                     gboolean        key_only);
void        tm_table_bind_stamps    (TmTable         table,
                                     sqlite3_stmt   *stmt,
                                     TmColumnFlags   stamps,
                                     const char     *now);
gpointer    tm_table_read_row       (TmTable         table,
                                     sqlite3_stmt   *stmt);
void        tm_table_read_stamps    (TmTable         table,
                                     sqlite3_stmt   *stmt,
                                     gpointer        record);

G_END_DECLS
