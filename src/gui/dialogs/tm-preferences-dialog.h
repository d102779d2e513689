/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-context.h"

G_BEGIN_DECLS

#define TM_TYPE_PREFERENCES_DIALOG (tm_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmPreferencesDialog, tm_preferences_dialog, TM, PREFERENCES_DIALOG, AdwPreferencesWindow)

TmPreferencesDialog *tm_preferences_dialog_new  (GtkWindow           *parent,
                                                 TmContext           *context);
gboolean             tm_preferences_dialog_save (TmPreferencesDialog *self);
void                 tm_preferences_dialog_back_up_now (TmPreferencesDialog *self);
void                 tm_preferences_dialog_show_country (TmPreferencesDialog *self);

G_END_DECLS
