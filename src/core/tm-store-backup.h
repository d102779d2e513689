/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tm-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *path;
  char     day[TM_DAY_LEN + 1];
  goffset  size;
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

gboolean   tm_store_back_up_now     (TmStore     *store,
                                     const char  *today,
                                     GError     **error);
gboolean   tm_store_back_up_if_due  (TmStore     *store,
                                     const char  *today,
                                     GError     **error);
gboolean   tm_store_restore_backup  (TmStore     *store,
                                     const char  *backup,
                                     char       **aside,
                                     GError     **error);

G_END_DECLS
