/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tm-store.h"

G_BEGIN_DECLS

#define TM_TYPE_PREFERENCES_WINDOW (tm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TmPreferencesWindow, tm_preferences_window, TM, PREFERENCES_WINDOW, AdwPreferencesWindow)

TmPreferencesWindow *tm_preferences_window_new  (GtkWindow           *parent,
                                                 TmStore             *store);
gboolean             tm_preferences_window_save (TmPreferencesWindow *self);
gboolean             tm_preferences_window_back_up_now (TmPreferencesWindow *self);
void                 tm_preferences_window_show_country (TmPreferencesWindow *self);

G_END_DECLS
