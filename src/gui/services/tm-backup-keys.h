/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-file.h"
#include "tm-store.h"

G_BEGIN_DECLS

void           tm_backup_keys_back_up_async       (TmStore              *store,
                                                   GSettings            *settings,
                                                   GtkWindow            *parent,
                                                   gboolean              only_if_due,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       tm_backup_keys_back_up_finish      (GAsyncResult         *result,
                                                   GError              **error);
gboolean       tm_backup_keys_is_skipped          (const GError         *error);
gboolean       tm_backup_keys_is_skipped_by_keyring (const GError       *error);

void           tm_backup_keys_prepare_async       (GSettings            *settings,
                                                   GtkWindow            *parent,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       tm_backup_keys_prepare_finish      (GAsyncResult         *result,
                                                   GError              **error);

void           tm_backup_keys_unseal_async        (GtkWindow            *parent,
                                                   const char           *backup,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
TmPendingFile *tm_backup_keys_unseal_finish       (GAsyncResult         *result,
                                                   GError              **error);

void           tm_backup_keys_show_recovery_code  (GtkWindow            *parent,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       tm_backup_keys_show_recovery_code_finish (GAsyncResult   *result,
                                                         GError        **error);

void           tm_backup_keys_forget_passphrase   (void);

G_END_DECLS
