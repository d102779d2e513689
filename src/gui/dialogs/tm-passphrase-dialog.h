/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  TM_PASSPHRASE_DIALOG_NEW,   /* choose one to encrypt with: typed twice, the rule, the warning */
  TM_PASSPHRASE_DIALOG_ASK,   /* the one a file was encrypted with: typed once */
  TM_PASSPHRASE_DIALOG_RECOVERY_CODE, /* the recovery code of a key: typed once, shown */
} TmPassphraseDialogMode;

#define TM_TYPE_PASSPHRASE_DIALOG (tm_passphrase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmPassphraseDialog, tm_passphrase_dialog, TM, PASSPHRASE_DIALOG, AdwWindow)

TmPassphraseDialog *tm_passphrase_dialog_new            (GtkWindow              *parent,
                                                         TmPassphraseDialogMode  mode,
                                                         const char             *title,
                                                         const char             *body,
                                                         const char             *accept_label);
const char         *tm_passphrase_dialog_get_passphrase (TmPassphraseDialog     *self);
gboolean            tm_passphrase_dialog_submit         (TmPassphraseDialog     *self);
void                tm_passphrase_dialog_set_busy       (TmPassphraseDialog     *self,
                                                         gboolean                busy);
void                tm_passphrase_dialog_show_error     (TmPassphraseDialog     *self,
                                                         const char             *message);
const char         *tm_passphrase_dialog_get_error      (TmPassphraseDialog     *self);
void                tm_passphrase_dialog_finish         (TmPassphraseDialog     *self);

G_END_DECLS
