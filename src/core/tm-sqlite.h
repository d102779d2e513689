/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to src/core: SQLite stays behind the store. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Turns a failed SQLite call into a TM_STORE_ERROR whose message says
 * what did not happen (@what, e.g. "the check-in was not saved") and why. */
void      tm_sqlite_set_error   (GError     **error,
                                 sqlite3     *db,
                                 int          rc,
                                 const char  *path,
                                 const char  *what);
gboolean  tm_sqlite_exec        (sqlite3     *db,
                                 const char  *sql,
                                 const char  *path,
                                 const char  *what,
                                 GError     **error);
gboolean  tm_sqlite_check_open  (sqlite3      *db,
                                 const char   *path,
                                 const char   *what,
                                 GError      **error);
int       tm_sqlite_copy        (sqlite3      *from,
                                 sqlite3      *to);
void      tm_sqlite_bind_opt_int (sqlite3_stmt *stmt,
                                  int           index,
                                  int           value);
void      tm_sqlite_bind_text   (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text);
int       tm_sqlite_column_opt_int (sqlite3_stmt *stmt,
                                    int           column);
char     *tm_sqlite_column_dup  (sqlite3_stmt *stmt,
                                 int           column);

G_END_DECLS
