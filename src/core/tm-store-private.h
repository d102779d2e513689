/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For src/core and the tests: the schema steps and the raw connection. */
#pragma once

#include <sqlite3.h>

#include "tm-store.h"
#include "tm-table.h"

G_BEGIN_DECLS

/* Migrates an open database from version N to N + 1, inside the
 * transaction the runner opened. */
typedef gboolean (*TmMigrationStep) (sqlite3  *db,
                                     GError  **error);

/* The steps of this Tidemark: steps[0] creates schema v1 in an empty file. */
const TmMigrationStep *tm_schema_get_steps (guint *n_steps);

TmStore *tm_store_open_with_steps (const char             *data_dir,
                                   const TmMigrationStep  *steps,
                                   guint                   n_steps,
                                   GError                **error);

sqlite3 *tm_store_get_db           (TmStore *self);
gboolean tm_store_reopen           (TmStore  *self,
                                    GError  **error);
gboolean tm_store_create_private_file (const char  *path,
                                       GError     **error);
gboolean tm_store_copy_database    (sqlite3     *db,
                                    const char  *dest_path,
                                    const char  *what,
                                    GError     **error);

/* Within src/core: the store's parts, kept in one file per table. */

struct _TmStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *data_dir;
  char       *path;
  GListStore *checkins;        /* newest first; loaded on first use */
  GListStore *sessions;        /* newest first; loaded on first use */
  GListStore *questionnaires;  /* newest first; loaded on first use */
  guint       busy;            /* work on the file through other connections */
  TmDataLock *lock;            /* the data folder's, while open for writing */
  gboolean    read_only;       /* a snapshot for an export: no lock, no writing */
  guint       writing_elsewhere;  /* another connection writes for a while */
  GQueue      when_writable;   /* GClosure *, run once writes are possible again */
  GHashTable *meta_keys;       /* char *: the settings kept with the data that were read or written */
};

enum {
  TM_STORE_CHECKIN_CHANGED,
  TM_STORE_SESSIONS_CHANGED,
  TM_STORE_QUESTIONNAIRES_CHANGED,
  TM_STORE_PLAN_CHANGED,
  TM_STORE_SAFETY_CHANGED,
  TM_STORE_BUSY_CHANGED,
  TM_STORE_WRITABLE_CHANGED,
  TM_STORE_RECORD_SAVED,
  TM_STORE_META_CHANGED,
  TM_STORE_REVIEWS_CHANGED,
  TM_STORE_MEDICINES_CHANGED,
  TM_STORE_N_SIGNALS
};

extern guint tm_store_signals[TM_STORE_N_SIGNALS];

void     tm_store_emit_record_saved   (TmStore  *self,
                                       TmSource  source,
                                       gpointer  record);

/* A record an import added or replaced, for the rules to check. */
typedef struct
{
  TmSource source;
  gint64   id;
} TmRecordRef;

gboolean tm_store_raise_imported_prompts (TmStore  *self,
                                          GArray   *records,
                                          guint    *n_raised,
                                          GError  **error);

void     tm_store_load_checkins       (TmStore *self);
void     tm_store_load_sessions       (TmStore *self);
void     tm_store_load_questionnaires (TmStore *self);

gboolean tm_store_prepare        (TmStore          *self,
                                  const char       *sql,
                                  sqlite3_stmt    **stmt,
                                  const char       *what,
                                  GError          **error);
gboolean tm_store_step_done      (TmStore          *self,
                                  sqlite3_stmt     *stmt,
                                  const char       *what,
                                  GError          **error);
void     tm_store_model_put      (GListStore       *model,
                                  gpointer          item,
                                  GEqualFunc        same_id,
                                  GCompareDataFunc  compare);
void     tm_store_model_remove   (GListStore       *model,
                                  gpointer          item,
                                  GEqualFunc        same_id);

/* Rows of any table, by its description (tm-store-rows.c). */
typedef enum
{
  TM_SAVED,
  TM_SAVE_NOT_FOUND,   /* no record of its id any more */
  TM_SAVE_KEY_TAKEN,   /* another record has its key (or id) */
  TM_SAVE_CHANGED,     /* it was saved by someone else since it was read */
  TM_SAVE_FAILED,
} TmSaveResult;

sqlite3_stmt *tm_store_prepare_select (TmStore       *self,
                                       TmTable        table,
                                       const char    *rest,
                                       const char    *what,
                                       GError       **error);
GPtrArray    *tm_store_read_rows      (TmStore       *self,
                                       TmTable        table,
                                       sqlite3_stmt  *stmt,
                                       const char    *what,
                                       GError       **error);
gpointer      tm_store_read_one       (TmStore       *self,
                                       TmTable        table,
                                       sqlite3_stmt  *stmt,
                                       const char    *what,
                                       GError       **error);
gpointer      tm_store_get_row        (TmStore       *self,
                                       TmTable        table,
                                       gint64         id,
                                       const char    *what,
                                       GError       **error);
TmSaveResult  tm_store_save_row       (TmStore       *self,
                                       TmTable        table,
                                       gpointer       record,
                                       const char    *what,
                                       GError       **error);
TmSaveResult  tm_store_add_row        (TmStore       *self,
                                       TmTable        table,
                                       gpointer       record,
                                       const char    *what,
                                       GError       **error);
TmSaveResult  tm_store_restore_row    (TmStore       *self,
                                       TmTable        table,
                                       gpointer       record,
                                       const char    *what,
                                       GError       **error);
gboolean      tm_store_delete_row     (TmStore       *self,
                                       TmTable        table,
                                       gint64         id,
                                       gboolean      *found,
                                       const char    *what,
                                       GError       **error);

G_END_DECLS
