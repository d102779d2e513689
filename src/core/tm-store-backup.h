/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-crypt.h"
#include "tm-file.h"
#include "tm-store.h"

G_BEGIN_DECLS

typedef enum
{
  TM_BACKUP_DAILY,          /* tidemark-backup-DAY.db: once a day, or Back Up Now */
  TM_BACKUP_BEFORE_IMPORT,  /* tidemark-before-import-DATE-TIME.db: just before an import */
} TmBackupKind;

typedef struct
{
  char         *path;
  char          day[TM_DAY_LEN + 1];
  goffset       size;
  TmBackupKind  kind;
  char          time[6];    /* "14:05" for a copy made before an import, else "" */
  gint64        made_at;    /* when it was made (µs since the epoch), to order the copies of a day */
} TmBackup;

TmBackup  *tm_backup_copy           (const TmBackup *backup);
void       tm_backup_free           (TmBackup    *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmBackup, tm_backup_free)

GPtrArray *tm_backups_list          (const char  *data_dir);
void       tm_backups_prune         (const char  *data_dir,
                                     const char  *today);
TmBackup  *tm_backups_find_good     (const char  *data_dir);
char      *tm_store_explain_error   (const char  *data_dir,
                                     const GError *error);
gboolean   tm_backups_recover       (const char  *data_dir,
                                     const char  *backup,
                                     char       **aside,
                                     GError     **error);

/* How a backup is sealed (DESIGN.md, Private and exchangeable): with the
 * keyring's key, or with a passphrase. Neither: a plain copy. */
typedef struct
{
  const TmCryptKey *key;
  const char       *passphrase;
} TmBackupSeal;

gboolean   tm_backups_is_encrypted  (const char  *path);
gboolean   tm_backups_read_seal     (const char        *path,
                                     TmCryptKeySource  *source,
                                     char             **fingerprint,
                                     GError           **error);
TmCryptKey *tm_backups_key_from_recovery_code (const char  *path,
                                               const char  *code,
                                               GError     **error);
TmPendingFile *tm_backups_unseal    (const char          *path,
                                     const TmBackupSeal  *seal,
                                     GError             **error);

gboolean   tm_store_back_up_now     (TmStore     *store,
                                     const char  *today,
                                     GError     **error);
gboolean   tm_store_back_up_if_due  (TmStore     *store,
                                     const char  *today,
                                     GError     **error);
gboolean   tm_store_back_up_now_sealed    (TmStore             *store,
                                           const char          *today,
                                           const TmBackupSeal  *seal,
                                           GError             **error);
gboolean   tm_store_back_up_if_due_sealed (TmStore             *store,
                                           const char          *today,
                                           const TmBackupSeal  *seal,
                                           GError             **error);
gboolean   tm_store_back_up_before_import (TmStore     *store,
                                           GDateTime   *now,
                                           char       **path,
                                           GError     **error);
gboolean   tm_store_restore_backup  (TmStore     *store,
                                     const char  *backup,
                                     char       **aside,
                                     GError     **error);

G_END_DECLS
