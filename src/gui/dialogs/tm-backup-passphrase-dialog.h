/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  TM_BACKUP_PASSPHRASE_CHOOSE,         /* a passphrase for this session's backups, typed twice */
  TM_BACKUP_PASSPHRASE_ENTER,          /* the passphrase of a backup being restored */
  TM_BACKUP_PASSPHRASE_RECOVERY_CODE,  /* the recovery code of a backup's key */
} TmBackupPassphraseMode;

#define TM_TYPE_BACKUP_PASSPHRASE_DIALOG (tm_backup_passphrase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmBackupPassphraseDialog, tm_backup_passphrase_dialog, TM, BACKUP_PASSPHRASE_DIALOG,
                      AdwWindow)

TmBackupPassphraseDialog *tm_backup_passphrase_dialog_new        (GtkWindow                 *parent,
                                                                  TmBackupPassphraseMode     mode);
void                      tm_backup_passphrase_dialog_show_error (TmBackupPassphraseDialog  *self,
                                                                  const char                *message);
void                      tm_backup_passphrase_dialog_finish     (TmBackupPassphraseDialog  *self);

G_END_DECLS
